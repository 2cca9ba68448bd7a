/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of the calls' and chats' storage
 * (crm-activity-store.c, crm-activity-store-import.c). */

#include "crm-activity-store.h"
#include "crm-ticket-store-private.h"

G_BEGIN_DECLS

/* an activity's note, at most */
#define CRM_ACTIVITY_MAX_NOTE 20000
/* and its length, at most: a week */
#define CRM_ACTIVITY_MAX_DURATION (7 * 86400)

gint64 _crm_activities_insert (CrmActivityStore  *self,
                               CrmActivity       *activity,
                               const char        *phone_norm,
                               const char        *action,
                               GError           **error);
char  *_crm_activities_normalize_phone (CrmActivityStore  *self,
                                        const char        *phone,
                                        GError           **error);

G_END_DECLS
