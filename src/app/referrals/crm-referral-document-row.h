/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "crm.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFERRAL_DOCUMENT_ROW (crm_referral_document_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmReferralDocumentRow, crm_referral_document_row, CRM, REFERRAL_DOCUMENT_ROW, AdwActionRow)

GtkWidget *crm_referral_document_row_new           (CrmSession                *session,
                                                    const CrmReferralDocument *document);
GFile     *crm_referral_document_row_dup_open_file (CrmReferralDocumentRow    *self,
                                                    GError                   **error);
void       crm_referral_document_row_save_async    (CrmReferralDocumentRow    *self,
                                                    GFile                     *file,
                                                    GCancellable              *cancellable,
                                                    GAsyncReadyCallback        callback,
                                                    gpointer                   user_data);
gboolean   crm_referral_document_row_save_finish   (CrmReferralDocumentRow    *self,
                                                    GAsyncResult              *result,
                                                    GError                   **error);

G_END_DECLS
