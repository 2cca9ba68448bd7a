/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *crm_referral_token_make       (gint64        form_id,
                                         const char   *nonce,
                                         gint64        expires_unix,
                                         GError      **error);
gboolean  crm_referral_token_parse      (const char   *token,
                                         gint64       *form_id,
                                         char        **nonce,
                                         gint64       *expires_unix,
                                         GError      **error);
char     *crm_referral_token_new_nonce  (void);
char     *crm_referral_token_export_key (GError      **error);
gboolean  crm_referral_token_import_key (const char   *key,
                                         GError      **error);
void      crm_referral_token_forget_key (void);

G_END_DECLS
