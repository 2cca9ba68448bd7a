/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_ATTACHMENT_CHIP (crm_attachment_chip_get_type ())

G_DECLARE_FINAL_TYPE (CrmAttachmentChip, crm_attachment_chip, CRM, ATTACHMENT_CHIP, GtkWidget)

GtkWidget *crm_attachment_chip_new           (CrmSession           *session,
                                              CrmAttachment        *attachment);
void       crm_attachment_chip_save_async    (CrmAttachmentChip    *self,
                                              GFile                *file,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean   crm_attachment_chip_save_finish   (CrmAttachmentChip    *self,
                                              GAsyncResult         *result,
                                              GError              **error);
GFile     *crm_attachment_chip_dup_open_file (CrmAttachmentChip    *self,
                                              GError              **error);

G_END_DECLS
