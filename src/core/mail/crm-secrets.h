/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CrmSecretsError:
 * @CRM_SECRETS_ERROR_UNAVAILABLE: no Secret Service answers, or it refused
 * @CRM_SECRETS_ERROR_MISSING: no password is stored for the account
 */
typedef enum
{
  CRM_SECRETS_ERROR_UNAVAILABLE,
  CRM_SECRETS_ERROR_MISSING,
} CrmSecretsError;

#define CRM_SECRETS_ERROR (crm_secrets_error_quark ())

GQuark    crm_secrets_error_quark     (void);
gboolean  crm_secrets_store_password  (gint64         account_id,
                                       const char    *address,
                                       const char    *password,
                                       GCancellable  *cancellable,
                                       GError       **error);
char     *crm_secrets_lookup_password (gint64         account_id,
                                       GCancellable  *cancellable,
                                       GError       **error);
gboolean  crm_secrets_clear_password  (gint64         account_id,
                                       GCancellable  *cancellable,
                                       GError       **error);

gboolean  crm_secrets_store_database_password  (const char    *uri,
                                                const char    *password,
                                                GCancellable  *cancellable,
                                                GError       **error);
char     *crm_secrets_lookup_database_password (const char    *uri,
                                                GCancellable  *cancellable,
                                                GError       **error);

gboolean  crm_secrets_store_shop_keys  (const char    *url,
                                        const char    *consumer_key,
                                        const char    *consumer_secret,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean  crm_secrets_lookup_shop_keys (const char    *url,
                                        char         **consumer_key,
                                        char         **consumer_secret,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean  crm_secrets_clear_shop_keys  (const char    *url,
                                        GCancellable  *cancellable,
                                        GError       **error);

gboolean  crm_secrets_store_form_key  (const char    *key,
                                      GCancellable  *cancellable,
                                      GError       **error);
char     *crm_secrets_lookup_form_key (GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
