/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_ATTACHMENT_TRAY (crm_attachment_tray_get_type ())

G_DECLARE_FINAL_TYPE (CrmAttachmentTray, crm_attachment_tray, CRM, ATTACHMENT_TRAY, GtkWidget)

void       crm_attachment_tray_add       (CrmAttachmentTray *self,
                                          const char        *name,
                                          GBytes            *data);
void       crm_attachment_tray_choose    (CrmAttachmentTray *self);
GPtrArray *crm_attachment_tray_get_files (CrmAttachmentTray *self);
GPtrArray *crm_attachment_tray_dup_files (CrmAttachmentTray *self);
void       crm_attachment_tray_clear     (CrmAttachmentTray *self);

G_END_DECLS
