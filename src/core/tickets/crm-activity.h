/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CrmActivityKind:
 * @CRM_ACTIVITY_CALL: a phone call
 * @CRM_ACTIVITY_CHAT: a chat
 *
 * What a #CrmActivity was.
 */
typedef enum
{
  CRM_ACTIVITY_CALL,
  CRM_ACTIVITY_CHAT,
} CrmActivityKind;

const char *crm_activity_kind_to_string   (CrmActivityKind   kind);
gboolean    crm_activity_kind_from_string (const char       *text,
                                           CrmActivityKind  *kind,
                                           GError          **error);
char       *crm_activity_format_duration  (gint64            seconds);

#define CRM_TYPE_ACTIVITY (crm_activity_get_type ())

G_DECLARE_FINAL_TYPE (CrmActivity, crm_activity, CRM, ACTIVITY, GObject)

CrmActivity     *crm_activity_new              (CrmActivityKind  kind,
                                                gint64           contact_id,
                                                const char      *phone,
                                                gint64           at,
                                                gint64           duration,
                                                const char      *note);
gint64           crm_activity_get_id           (CrmActivity     *self);
CrmActivityKind  crm_activity_get_kind         (CrmActivity     *self);
gint64           crm_activity_get_contact_id   (CrmActivity     *self);
const char      *crm_activity_get_contact_name (CrmActivity     *self);
const char      *crm_activity_get_phone        (CrmActivity     *self);
gint64           crm_activity_get_at           (CrmActivity     *self);
gint64           crm_activity_get_duration     (CrmActivity     *self);
const char      *crm_activity_get_note         (CrmActivity     *self);
gint64           crm_activity_get_ticket_id    (CrmActivity     *self);
const char      *crm_activity_get_created_by   (CrmActivity     *self);
char            *crm_activity_dup_summary      (CrmActivity     *self);

G_END_DECLS
