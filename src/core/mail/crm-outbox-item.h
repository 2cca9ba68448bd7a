/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_OUTBOX_ITEM (crm_outbox_item_get_type ())

G_DECLARE_FINAL_TYPE (CrmOutboxItem, crm_outbox_item, CRM, OUTBOX_ITEM, GObject)

CrmOutboxItem *crm_outbox_item_new            (gint64         id,
                                               const char    *state,
                                               gint64         due,
                                               gint64         attempts,
                                               const char    *last_error,
                                               const char    *subject);
gint64         crm_outbox_item_get_id         (CrmOutboxItem *self);
const char    *crm_outbox_item_get_state      (CrmOutboxItem *self);
gint64         crm_outbox_item_get_due        (CrmOutboxItem *self);
gint64         crm_outbox_item_get_attempts   (CrmOutboxItem *self);
const char    *crm_outbox_item_get_last_error (CrmOutboxItem *self);
const char    *crm_outbox_item_get_subject    (CrmOutboxItem *self);

G_END_DECLS
