/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CrmSmtpError:
 * @CRM_SMTP_ERROR_TEMPORARY: try again later: a 4xx reply, or the network
 * @CRM_SMTP_ERROR_PERMANENT: the server refused for good: a 5xx reply
 * @CRM_SMTP_ERROR_TLS_REQUIRED: encryption was asked for and is not offered
 * @CRM_SMTP_ERROR_PROTOCOL: the server does not speak SMTP as expected
 */
typedef enum
{
  CRM_SMTP_ERROR_TEMPORARY,
  CRM_SMTP_ERROR_PERMANENT,
  CRM_SMTP_ERROR_TLS_REQUIRED,
  CRM_SMTP_ERROR_PROTOCOL,
} CrmSmtpError;

#define CRM_SMTP_ERROR (crm_smtp_error_quark ())
#define CRM_TYPE_SMTP_CLIENT (crm_smtp_client_get_type ())

G_DECLARE_FINAL_TYPE (CrmSmtpClient, crm_smtp_client, CRM, SMTP_CLIENT, GObject)

typedef gboolean (*CrmSmtpBeforeEndFunc) (gpointer   user_data,
                                          GError   **error);

GQuark         crm_smtp_error_quark             (void);
CrmSmtpClient *crm_smtp_client_new              (const char    *host,
                                                 guint16        port,
                                                 const char    *security,
                                                 const char    *username,
                                                 const char    *password);
void           crm_smtp_client_set_timeout      (CrmSmtpClient *self,
                                                 guint          seconds);
void           crm_smtp_client_set_tls_database (CrmSmtpClient *self,
                                                 GTlsDatabase  *database);
void           crm_smtp_client_send_async      (CrmSmtpClient        *self,
                                                const char           *from,
                                                const char * const   *recipients,
                                                GBytes               *message,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gboolean crm_smtp_client_send_finish (CrmSmtpClient  *self,
                                      GAsyncResult   *result,
                                      GError        **error);
gboolean crm_smtp_client_check_sync  (CrmSmtpClient  *self,
                                      GCancellable   *cancellable,
                                      GError        **error);
gboolean       crm_smtp_client_send_sync       (CrmSmtpClient        *self,
                                                const char           *from,
                                                const char * const   *recipients,
                                                GBytes               *message,
                                                GCancellable         *cancellable,
                                                GError              **error);
gboolean       crm_smtp_client_deliver_sync    (CrmSmtpClient        *self,
                                                const char           *from,
                                                const char * const   *recipients,
                                                GBytes               *message,
                                                CrmSmtpBeforeEndFunc  before_end,
                                                gpointer              user_data,
                                                GCancellable         *cancellable,
                                                GError              **error);
gboolean crm_smtp_client_is_connected (CrmSmtpClient *self);
void     crm_smtp_client_close        (CrmSmtpClient *self);

G_END_DECLS
