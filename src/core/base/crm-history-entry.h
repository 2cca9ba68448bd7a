/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_HISTORY_ENTRY (crm_history_entry_get_type ())

G_DECLARE_FINAL_TYPE (CrmHistoryEntry, crm_history_entry, CRM, HISTORY_ENTRY, GObject)

CrmHistoryEntry *crm_history_entry_new               (gint64           at,
                                                      const char      *actor,
                                                      const char      *action,
                                                      const char      *detail);
gint64           crm_history_entry_get_at            (CrmHistoryEntry *self);
const char      *crm_history_entry_get_actor         (CrmHistoryEntry *self);
const char      *crm_history_entry_get_action        (CrmHistoryEntry *self);
const char      *crm_history_entry_get_detail        (CrmHistoryEntry *self);
gint64           crm_history_entry_get_offer_mail_id (CrmHistoryEntry *self);

G_END_DECLS
