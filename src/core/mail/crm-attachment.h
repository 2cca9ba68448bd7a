/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_ATTACHMENT (crm_attachment_get_type ())

G_DECLARE_FINAL_TYPE (CrmAttachment, crm_attachment, CRM, ATTACHMENT, GObject)

CrmAttachment *crm_attachment_new           (gint64         id,
                                             const char    *name,
                                             const char    *mime_type,
                                             gint64         size);
gint64         crm_attachment_get_id        (CrmAttachment *self);
const char    *crm_attachment_get_name      (CrmAttachment *self);
const char    *crm_attachment_get_mime_type (CrmAttachment *self);
gint64         crm_attachment_get_size      (CrmAttachment *self);

G_END_DECLS
