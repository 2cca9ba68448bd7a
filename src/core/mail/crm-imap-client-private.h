/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the IMAP client's two files: the connection and the protocol
 * (crm-imap-client.c) and the commands (crm-imap-commands.c); nothing
 * else includes it. */

#include "crm-imap-client.h"

G_BEGIN_DECLS

struct _CrmImapClient
{
  GObject            parent_instance;

  char              *host;
  guint16            port;
  char              *security;
  char              *username;
  char              *password;
  guint              timeout;

  GSocketClient     *socket_client;
  GSocketConnection *connection;
  GIOStream         *stream;
  GDataInputStream  *in;
  GOutputStream     *out;
  GStrv              capabilities;
  guint              tag;
  /* the server's words when it last refused a command */
  char              *refusal;

  /* UIDs to mark read at the next chance (any thread) */
  GMutex             seen_lock;
  GArray            *seen_later;
};

#define LITERAL_MARK '\x01'

/* One response: its text, with each literal replaced by LITERAL_MARK
 * and its index, and the literals' bytes. */
typedef struct
{
  GString   *text;
  GPtrArray *literals;
  /* a literal being read */
  guint8    *pending;
  gsize      pending_size;
} Response;

void _crm_imap_response_free (Response *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, _crm_imap_response_free)

typedef void (*UntaggedFunc) (CrmImapClient *self,
                              Response      *response,
                              gpointer       user_data);

/* Runs an asynchronous operation to its end on a private main context:
 * the _sync() twins. */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} Sync;

void          _crm_imap_return_network_error (CrmImapClient        *self,
                                              GTask                *task,
                                              GError               *cause);
void          _crm_imap_sync_init            (Sync                 *sync);
void          _crm_imap_sync_done_cb         (GObject              *source,
                                              GAsyncResult         *result,
                                              gpointer              user_data);
GAsyncResult *_crm_imap_sync_wait            (Sync                 *sync);
void          _crm_imap_sync_clear           (Sync                 *sync);
void          _crm_imap_read_response_async  (CrmImapClient        *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
Response     *_crm_imap_read_response_finish (CrmImapClient        *self,
                                              GAsyncResult         *result,
                                              GError              **error);
Response     *_crm_imap_read_response_sync   (CrmImapClient        *self,
                                              GCancellable         *cancellable,
                                              GError              **error);
gboolean      _crm_imap_has_capability       (CrmImapClient        *self,
                                              const char           *name);
char         *_crm_imap_quote                (const char           *text);
void          _crm_imap_read_response_for    (GTask                *task,
                                              GAsyncReadyCallback   callback);
void          _crm_imap_run_command_async    (CrmImapClient        *self,
                                              const char           *line,
                                              const char           *shown,
                                              UntaggedFunc          untagged,
                                              gpointer              user_data,
                                              GBytes               *continuation,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              callback_data);
void          _crm_imap_simple_command_cb    (GObject              *source,
                                              GAsyncResult         *result,
                                              gpointer              user_data);
GBytes       *_crm_imap_bytes_with_crlf      (const void           *data,
                                              gsize                 size);
void          _crm_imap_drop_connection      (CrmImapClient        *self);
char         *_crm_imap_send_command         (CrmImapClient        *self,
                                              const char           *line,
                                              GCancellable         *cancellable,
                                              GError              **error);
const char   *_crm_imap_completion_of        (const char           *text,
                                              const char           *tag);
gboolean      _crm_imap_check_completion     (CrmImapClient        *self,
                                              const char           *status,
                                              const char           *shown,
                                              GError              **error);
void          _crm_imap_set_not_imap         (CrmImapClient        *self,
                                              const char           *text,
                                              GError              **error);
gboolean      _crm_imap_run_command_sync     (CrmImapClient        *self,
                                              const char           *line,
                                              const char           *shown,
                                              UntaggedFunc          untagged,
                                              gpointer              user_data,
                                              GBytes               *continuation,
                                              GCancellable         *cancellable,
                                              GError              **error);

G_END_DECLS
