/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CrmImapError:
 * @CRM_IMAP_ERROR_NETWORK: the connection failed or broke; try again later
 * @CRM_IMAP_ERROR_AUTH_FAILED: the server refused the user name or password
 * @CRM_IMAP_ERROR_TLS_REQUIRED: encryption was asked for and is not offered
 * @CRM_IMAP_ERROR_REFUSED: the server answered NO or BAD to a command
 * @CRM_IMAP_ERROR_PROTOCOL: the server does not speak IMAP as expected
 */
typedef enum
{
  CRM_IMAP_ERROR_NETWORK,
  CRM_IMAP_ERROR_AUTH_FAILED,
  CRM_IMAP_ERROR_TLS_REQUIRED,
  CRM_IMAP_ERROR_REFUSED,
  CRM_IMAP_ERROR_PROTOCOL,
} CrmImapError;

/**
 * CrmImapMessage:
 * @uid: the message's UID in the folder
 * @size: RFC822.SIZE
 * @seen: whether the \Seen flag was set
 * @internal_date: INTERNALDATE as the server wrote it
 * @raw: the message's exact bytes
 */
typedef struct
{
  guint32  uid;
  guint64  size;
  gboolean seen;
  char    *internal_date;
  GBytes  *raw;
} CrmImapMessage;

void crm_imap_message_free (CrmImapMessage *message);

/**
 * CrmImapMessageFunc:
 * @message: (nullable) (transfer full): a fetched message, or %NULL when
 *   a UID FETCH command has completed
 * @user_data: the data given with the function
 * @error: return location for a #GError
 *
 * Returns: %FALSE, with @error set, to stop
 */
typedef gboolean (*CrmImapMessageFunc) (CrmImapMessage  *message,
                                        gpointer         user_data,
                                        GError         **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmImapMessage, crm_imap_message_free)

#define CRM_IMAP_ERROR (crm_imap_error_quark ())
#define CRM_TYPE_IMAP_CLIENT (crm_imap_client_get_type ())

G_DECLARE_FINAL_TYPE (CrmImapClient, crm_imap_client, CRM, IMAP_CLIENT, GObject)

GQuark         crm_imap_error_quark        (void);
CrmImapClient *crm_imap_client_new         (const char    *host,
                                            guint16        port,
                                            const char    *security,
                                            const char    *username,
                                            const char    *password);
void           crm_imap_client_set_timeout (CrmImapClient *self,
                                            guint          seconds);
gboolean       crm_imap_client_can_idle    (CrmImapClient *self);

void     crm_imap_client_connect_async  (CrmImapClient        *self,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean crm_imap_client_connect_finish (CrmImapClient        *self,
                                         GAsyncResult         *result,
                                         GError              **error);
gboolean crm_imap_client_connect_sync   (CrmImapClient        *self,
                                         GCancellable         *cancellable,
                                         GError              **error);

void     crm_imap_client_select_async  (CrmImapClient        *self,
                                        const char           *mailbox,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean crm_imap_client_select_finish (CrmImapClient        *self,
                                        GAsyncResult         *result,
                                        guint32              *uidvalidity,
                                        guint32              *uidnext,
                                        GError              **error);
gboolean crm_imap_client_select_sync   (CrmImapClient        *self,
                                        const char           *mailbox,
                                        guint32              *uidvalidity,
                                        guint32              *uidnext,
                                        GCancellable         *cancellable,
                                        GError              **error);

void    crm_imap_client_search_unseen_async  (CrmImapClient        *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GArray *crm_imap_client_search_unseen_finish (CrmImapClient        *self,
                                              GAsyncResult         *result,
                                              GError              **error);
GArray *crm_imap_client_search_unseen_sync   (CrmImapClient        *self,
                                              GCancellable         *cancellable,
                                              GError              **error);

void       crm_imap_client_fetch_async     (CrmImapClient        *self,
                                            const guint32        *uids,
                                            guint                 n_uids,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GPtrArray *crm_imap_client_fetch_finish    (CrmImapClient        *self,
                                            GAsyncResult         *result,
                                            GError              **error);
GPtrArray *crm_imap_client_fetch_sync      (CrmImapClient        *self,
                                            const guint32        *uids,
                                            guint                 n_uids,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean   crm_imap_client_fetch_each_sync (CrmImapClient        *self,
                                            const guint32        *uids,
                                            guint                 n_uids,
                                            guint                 batch,
                                            CrmImapMessageFunc    func,
                                            gpointer              user_data,
                                            GCancellable         *cancellable,
                                            GError              **error);

void     crm_imap_client_mark_seen_async  (CrmImapClient        *self,
                                           const guint32        *uids,
                                           guint                 n_uids,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean crm_imap_client_mark_seen_finish (CrmImapClient        *self,
                                           GAsyncResult         *result,
                                           GError              **error);
void     crm_imap_client_mark_seen_later  (CrmImapClient        *self,
                                           const guint32        *uids,
                                           guint                 n_uids);
gboolean crm_imap_client_mark_seen_sync   (CrmImapClient        *self,
                                           const guint32        *uids,
                                           guint                 n_uids,
                                           GCancellable         *cancellable,
                                           GError              **error);

void     crm_imap_client_idle_async  (CrmImapClient        *self,
                                      guint                 seconds,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean crm_imap_client_idle_finish (CrmImapClient        *self,
                                      GAsyncResult         *result,
                                      gboolean             *changed,
                                      GError              **error);
gboolean crm_imap_client_idle_sync   (CrmImapClient        *self,
                                      guint                 seconds,
                                      gboolean             *changed,
                                      GCancellable         *cancellable,
                                      GError              **error);

void      crm_imap_client_find_sent_async  (CrmImapClient        *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean  crm_imap_client_find_sent_finish (CrmImapClient        *self,
                                            GAsyncResult         *result,
                                            char                **folder,
                                            GError              **error);
char     *crm_imap_client_find_sent_sync   (CrmImapClient        *self,
                                            GCancellable         *cancellable,
                                            GError              **error);

void     crm_imap_client_append_async  (CrmImapClient        *self,
                                        const char           *mailbox,
                                        GBytes               *message,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
gboolean crm_imap_client_append_finish (CrmImapClient        *self,
                                        GAsyncResult         *result,
                                        GError              **error);
gboolean crm_imap_client_append_sync   (CrmImapClient        *self,
                                        const char           *mailbox,
                                        GBytes               *message,
                                        GCancellable         *cancellable,
                                        GError              **error);

void crm_imap_client_logout (CrmImapClient *self);

G_END_DECLS
