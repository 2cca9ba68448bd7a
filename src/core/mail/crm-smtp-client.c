/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-smtp"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-gmime-private.h"
#include "crm-smtp-client.h"
#include "crm-thread-private.h"
#include "crm-tls.h"

/**
 * CrmSmtpClient:
 *
 * Sends one message to an SMTP server (RFC 5321): EHLO, STARTTLS or
 * implicit TLS, AUTH PLAIN or LOGIN, SIZE and 8BITMIME when offered,
 * MAIL FROM, RCPT TO for every envelope recipient, DATA with
 * dot-stuffing, QUIT.
 *
 * Replies are sorted for the outbox: 4xx and network failures are
 * %CRM_SMTP_ERROR_TEMPORARY (retry later), 5xx are
 * %CRM_SMTP_ERROR_PERMANENT; either carries the server's own words.
 * When encryption is asked for and the server does not offer it, the
 * client stops before sending anything in clear text.
 *
 * The outbox keeps one connection open for all the mail it has to
 * send (crm_smtp_client_deliver_sync(), RSET between messages, then
 * crm_smtp_client_close()) and learns the moment before the final "."
 * goes, so that it can record that the message is about to be the
 * server's.
 *
 * The conversation runs in the caller's worker thread, or for
 * crm_smtp_client_send_async() in a thread of its own that is joined
 * before the callback runs, never on the main loop; every read and
 * write has a timeout and honours the cancellable.
 */
typedef struct
{
  GIOStream        *stream;    /* the socket, or TLS over it */
  GDataInputStream *in;
  GOutputStream    *out;
  GCancellable     *cancellable;
  gboolean          starttls;
  gboolean          eight_bit;
  gboolean          auth_plain;
  gboolean          auth_login;
  guint64           size_limit;
  gboolean          broken;    /* a read or write failed: the connection is of no more use */
  guint             sent;      /* transactions on this connection */
} Session;

struct _CrmSmtpClient
{
  GObject       parent_instance;

  char         *host;
  guint16       port;
  char         *security;     /* tls, starttls, none */
  char         *username;
  char         *password;
  guint         timeout;
  GTlsDatabase *tls_database;

  /* the connection crm_smtp_client_deliver_sync() keeps open */
  Session       session;
};

G_DEFINE_FINAL_TYPE (CrmSmtpClient, crm_smtp_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (crm-smtp-error-quark, crm_smtp_error)

typedef struct
{
  char                  *from;
  GStrv                  recipients;
  GBytes                *message;
  CrmSmtpBeforeEndFunc   before_end;
  gpointer               user_data;
} SendData;

static void
send_data_free (gpointer data)
{
  SendData *send = data;

  g_free (send->from);
  g_strfreev (send->recipients);
  g_bytes_unref (send->message);
  g_free (send);
}

static void
session_clear (Session *session)
{
  if (session->stream != NULL)
    g_io_stream_close (session->stream, NULL, NULL);
  g_clear_object (&session->in);
  g_clear_object (&session->stream);
  memset (session, 0, sizeof *session);
}

static void
set_network_error (GError        **error,
                   CrmSmtpClient  *self,
                   const GError   *cause)
{
  g_set_error (error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_TEMPORARY,
               /* Translators: %s is a server, then the system's reason */
               _("The connection to the mail server %s failed: %s"),
               self->host, cause->message);
}

/* Reads a whole reply, continuation lines included. Returns its code,
 * or 0 with @error set; @text gets the reply's words. */
static int
read_reply (CrmSmtpClient  *self,
            Session        *session,
            GString        *text,
            GError        **error)
{
  int code = 0;

  g_string_truncate (text, 0);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *line = NULL;
      gsize len = 0;

      line = g_data_input_stream_read_line (session->in, &len, session->cancellable, &local_error);
      if (line == NULL)
        {
          if (local_error == NULL)
            g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                 _("the server closed the connection"));
          set_network_error (error, self, local_error);
          session->broken = TRUE;
          return 0;
        }
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';

      if (len < 3 || !g_ascii_isdigit (line[0]) || !g_ascii_isdigit (line[1]) ||
          !g_ascii_isdigit (line[2]) || (len > 3 && line[3] != ' ' && line[3] != '-'))
        {
          g_set_error (error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_PROTOCOL,
                       _("The mail server %s answered something that is not SMTP: %s"),
                       self->host, line);
          session->broken = TRUE;
          return 0;
        }

      code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, len > 4 ? line + 4 : "");

      if (len == 3 || line[3] == ' ')
        return code;
    }
}

static gboolean
write_all (CrmSmtpClient  *self,
           Session        *session,
           const void     *data,
           gsize           len,
           GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_output_stream_write_all (session->out, data, len, NULL, session->cancellable, &local_error))
    {
      set_network_error (error, self, local_error);
      session->broken = TRUE;
      return FALSE;
    }

  return TRUE;
}

/* Sends a command and checks that the reply has the expected code; a
 * different one becomes an error of its class with the server's words. */
static gboolean
command (CrmSmtpClient  *self,
         Session        *session,
         const char     *line,
         int             expected,
         GString        *reply,
         GError        **error)
{
  int code;

  if (line != NULL)
    {
      g_autofree char *full = g_strconcat (line, "\r\n", NULL);

      if (!write_all (self, session, full, strlen (full), error))
        return FALSE;
    }

  if (!(code = read_reply (self, session, reply, error)))
    return FALSE;

  if (code == expected)
    return TRUE;

  g_set_error (error, CRM_SMTP_ERROR,
               code >= 500 ? CRM_SMTP_ERROR_PERMANENT : CRM_SMTP_ERROR_TEMPORARY,
               /* Translators: a server, its reply code and its own words */
               _("The mail server %s answered %d: %s"),
               self->host, code, reply->str);

  return FALSE;
}

static void
use_stream (Session   *session,
            GIOStream *stream)
{
  g_clear_object (&session->in);
  g_set_object (&session->stream, stream);

  /* A fresh reader: nothing read before a TLS handshake is kept. */
  session->in = g_data_input_stream_new (g_io_stream_get_input_stream (stream));
  g_data_input_stream_set_newline_type (session->in, G_DATA_STREAM_NEWLINE_TYPE_LF);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (session->in), FALSE);
  session->out = g_io_stream_get_output_stream (stream);
}

static gboolean
ehlo (CrmSmtpClient  *self,
      Session        *session,
      GString        *reply,
      GError        **error)
{
  g_auto(GStrv) lines = NULL;

  if (!command (self, session, "EHLO localhost", 250, reply, error))
    return FALSE;

  session->starttls = session->eight_bit = session->auth_plain = session->auth_login = FALSE;
  session->size_limit = 0;

  lines = g_strsplit (reply->str, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_autofree char *upper = g_ascii_strup (lines[i], -1);

      if (g_str_equal (upper, "STARTTLS"))
        session->starttls = TRUE;
      else if (g_str_equal (upper, "8BITMIME"))
        session->eight_bit = TRUE;
      else if (g_str_has_prefix (upper, "SIZE"))
        session->size_limit = g_ascii_strtoull (upper + 4, NULL, 10);
      else if (g_str_has_prefix (upper, "AUTH ") || g_str_has_prefix (upper, "AUTH="))
        {
          g_auto(GStrv) mechanisms = g_strsplit (upper + 5, " ", -1);

          for (guint j = 0; mechanisms[j] != NULL; j++)
            {
              if (g_str_equal (mechanisms[j], "PLAIN"))
                session->auth_plain = TRUE;
              else if (g_str_equal (mechanisms[j], "LOGIN"))
                session->auth_login = TRUE;
            }
        }
    }

  return TRUE;
}

static gboolean
start_tls (CrmSmtpClient  *self,
           Session        *session,
           GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GIOStream) tls = NULL;
  g_autoptr(GSocketConnectable) identity = g_network_address_new (self->host, self->port);

  tls = g_tls_client_connection_new (session->stream, identity, &local_error);
  if (tls == NULL)
    {
      set_network_error (error, self, local_error);
      return FALSE;
    }
  if (self->tls_database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (tls), self->tls_database);

  if (!g_tls_connection_handshake (G_TLS_CONNECTION (tls), session->cancellable, &local_error))
    {
      set_network_error (error, self, local_error);
      return FALSE;
    }

  use_stream (session, tls);

  return TRUE;
}

static char *
base64_of (const char *text)
{
  return g_base64_encode ((const guchar *) text, strlen (text));
}

static gboolean
authenticate (CrmSmtpClient  *self,
              Session        *session,
              GString        *reply,
              GError        **error)
{
  if (self->username == NULL || *self->username == '\0')
    return TRUE;

  if (session->auth_plain)
    {
      g_autofree char *blob = g_strdup_printf ("%c%s%c%s", 0, self->username, 0, self->password ? self->password : "");
      gsize blob_len = 2 + strlen (self->username) + strlen (self->password ? self->password : "");
      g_autofree char *encoded = g_base64_encode ((const guchar *) blob, blob_len);
      g_autofree char *line = g_strconcat ("AUTH PLAIN ", encoded, NULL);
      gboolean ok = command (self, session, line, 235, reply, error);

      memset (blob, 0, blob_len);
      return ok;
    }

  if (session->auth_login)
    {
      g_autofree char *user = base64_of (self->username);
      g_autofree char *pass = base64_of (self->password ? self->password : "");

      return command (self, session, "AUTH LOGIN", 334, reply, error) &&
             command (self, session, user, 334, reply, error) &&
             command (self, session, pass, 235, reply, error);
    }

  /* The server takes mail without logging in (a relay on this computer). */
  return TRUE;
}

static gboolean
has_eight_bit (GBytes *message)
{
  gsize size;
  const guchar *data = g_bytes_get_data (message, &size);

  for (gsize i = 0; i < size; i++)
    if (data[i] & 0x80)
      return TRUE;

  return FALSE;
}

/* The message with CRLF line ends and every line that starts with "."
 * doubled (RFC 5321 4.5.2), ending in CRLF, by GMime's own filters;
 * the final "." line is sent on its own. */
static GBytes *
dot_stuff (GBytes *message)
{
  g_autoptr(GMimeStream) memory = g_mime_stream_mem_new ();
  g_autoptr(GMimeStream) filtered = g_mime_stream_filter_new (memory);
  g_autoptr(GMimeFilter) crlf = g_mime_filter_unix2dos_new (TRUE);
  g_autoptr(GMimeFilter) stuffing = g_mime_filter_smtp_data_new ();
  gsize size;
  const char *data = g_bytes_get_data (message, &size);
  GByteArray *stuffed;

  g_mime_stream_filter_add (GMIME_STREAM_FILTER (filtered), crlf);
  g_mime_stream_filter_add (GMIME_STREAM_FILTER (filtered), stuffing);
  if (size > 0)
    g_mime_stream_write (filtered, data, size);
  g_mime_stream_flush (filtered);

  stuffed = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (memory));
  /* an empty message is an empty line */
  if (stuffed->len == 0)
    return g_bytes_new_static ("\r\n", 2);

  return g_bytes_new (stuffed->data, stuffed->len);
}

/* Greeting, EHLO, encryption as configured, and login. */
static gboolean
open_session (CrmSmtpClient  *self,
              Session        *session,
              GString        *reply,
              GError        **error)
{
  if (!command (self, session, NULL, 220, reply, error) || !ehlo (self, session, reply, error))
    return FALSE;

  if (g_str_equal (self->security, "starttls"))
    {
      if (!session->starttls)
        {
          g_set_error (error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_TLS_REQUIRED,
                       _("The mail server %s does not offer STARTTLS, so nothing was sent "
                         "in clear text. Ask for encryption on the server, or choose another "
                         "security setting."),
                       self->host);
          return FALSE;
        }
      if (!command (self, session, "STARTTLS", 220, reply, error) ||
          !start_tls (self, session, error) ||
          !ehlo (self, session, reply, error))
        return FALSE;
    }

  return authenticate (self, session, reply, error);
}

/* One message on an open session: MAIL FROM, RCPT TO, DATA, the
 * message, then — once @send's before_end agreed — the final "." and
 * the server's answer. RSET first when the session carried a message
 * before. */
static gboolean
transaction (CrmSmtpClient  *self,
             Session        *session,
             SendData       *send,
             GError        **error)
{
  g_autoptr(GString) reply = g_string_new (NULL);
  g_autoptr(GBytes) stuffed = NULL;
  g_autofree char *mail_from = NULL;
  gsize message_size;
  gboolean eight_bit;

  if (session->sent++ > 0 && !command (self, session, "RSET", 250, reply, error))
    return FALSE;

  message_size = g_bytes_get_size (send->message);
  if (session->size_limit > 0 && message_size > session->size_limit)
    {
      g_set_error (error, CRM_SMTP_ERROR, CRM_SMTP_ERROR_PERMANENT,
                   _("The message is larger than the mail server %s accepts (%llu bytes)."),
                   self->host, (unsigned long long) session->size_limit);
      return FALSE;
    }

  eight_bit = has_eight_bit (send->message);
  mail_from = g_strdup_printf ("MAIL FROM:<%s>%s", send->from,
                               eight_bit && session->eight_bit ? " BODY=8BITMIME" : "");
  if (session->size_limit > 0)
    {
      g_autofree char *with_size = g_strdup_printf ("%s SIZE=%" G_GSIZE_FORMAT, mail_from, message_size);

      g_free (mail_from);
      mail_from = g_steal_pointer (&with_size);
    }

  if (!command (self, session, mail_from, 250, reply, error))
    return FALSE;

  for (guint i = 0; send->recipients[i] != NULL; i++)
    {
      g_autofree char *rcpt = g_strdup_printf ("RCPT TO:<%s>", send->recipients[i]);
      int code;

      if (!write_all (self, session, rcpt, strlen (rcpt), error) ||
          !write_all (self, session, "\r\n", 2, error) ||
          !(code = read_reply (self, session, reply, error)))
        return FALSE;

      if (code != 250 && code != 251)
        {
          g_set_error (error, CRM_SMTP_ERROR,
                       code >= 500 ? CRM_SMTP_ERROR_PERMANENT : CRM_SMTP_ERROR_TEMPORARY,
                       /* Translators: a server, an address, the reply code and the server's words */
                       _("The mail server %s did not accept the recipient %s (%d): %s"),
                       self->host, send->recipients[i], code, reply->str);
          return FALSE;
        }
    }

  if (!command (self, session, "DATA", 354, reply, error))
    return FALSE;

  stuffed = dot_stuff (send->message);
  if (!write_all (self, session, g_bytes_get_data (stuffed, NULL), g_bytes_get_size (stuffed), error))
    return FALSE;

  /* Without the final "." the server keeps nothing: a caller that
   * cannot record what follows leaves the message unsent, and the
   * connection with it. */
  if (send->before_end != NULL && !send->before_end (send->user_data, error))
    {
      session->broken = TRUE;
      return FALSE;
    }

  return write_all (self, session, ".\r\n", 3, error) &&
         command (self, session, NULL, 250, reply, error);
}

static void
socket_event_cb (GSocketClient      *client,
                 GSocketClientEvent  event,
                 GSocketConnectable *connectable,
                 GIOStream          *connection,
                 CrmSmtpClient      *self)
{
  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING)
    g_tls_connection_set_database (G_TLS_CONNECTION (connection), self->tls_database);
}

/* Connects, secures and logs in: @session is ready for transactions,
 * or cleared with @error set. */
static gboolean
connect_session (CrmSmtpClient  *self,
                 Session        *session,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) reply = g_string_new (NULL);

  if (self->tls_database == NULL && !g_str_equal (self->security, "none"))
    {
      if (!crm_tls_get_database (&self->tls_database, &local_error))
        {
          set_network_error (error, self, local_error);
          return FALSE;
        }
    }

  g_socket_client_set_timeout (client, self->timeout);
  if (g_str_equal (self->security, "tls"))
    {
      g_socket_client_set_tls (client, TRUE);
      if (self->tls_database != NULL)
        g_signal_connect (client, "event", G_CALLBACK (socket_event_cb), self);
    }

  connection = g_socket_client_connect_to_host (client, self->host, self->port,
                                                cancellable, &local_error);
  if (connection == NULL)
    {
      set_network_error (error, self, local_error);
      return FALSE;
    }

  session->cancellable = cancellable;
  use_stream (session, G_IO_STREAM (connection));
  if (!open_session (self, session, reply, error))
    {
      session_clear (session);
      return FALSE;
    }

  return TRUE;
}

/* Says goodbye and closes; a failing QUIT changes nothing. */
static void
close_session (CrmSmtpClient *self,
               Session       *session)
{
  g_autoptr(GString) reply = g_string_new (NULL);

  if (session->stream != NULL && !session->broken)
    command (self, session, "QUIT", 221, reply, NULL);
  session_clear (session);
}

/* A connection of its own for one message, or for none: a check. */
static gboolean
send_message (CrmSmtpClient  *self,
              SendData       *send,
              GCancellable   *cancellable,
              GError        **error)
{
  Session session = { 0 };
  gboolean ok;

  if (!connect_session (self, &session, cancellable, error))
    return FALSE;

  ok = send == NULL || transaction (self, &session, send, error);
  close_session (self, &session);

  return ok;
}

static gpointer
send_thread (gpointer       source_object,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  return send_message (source_object, task_data, cancellable, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
crm_smtp_client_finalize (GObject *object)
{
  CrmSmtpClient *self = (CrmSmtpClient *)object;

  close_session (self, &self->session);
  g_free (self->host);
  g_free (self->security);
  g_free (self->username);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (crm_smtp_client_parent_class)->finalize (object);
}

static void
crm_smtp_client_class_init (CrmSmtpClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_smtp_client_finalize;
}

static void
crm_smtp_client_init (CrmSmtpClient *self)
{
  self->timeout = 60;
}

/**
 * crm_smtp_client_new:
 * @host: the server
 * @port: its port
 * @security: "tls" (implicit), "starttls" or "none"
 * @username: (nullable): the user name, or %NULL not to log in
 * @password: (nullable): the password
 *
 * Returns: (transfer full): a client for that server
 */
CrmSmtpClient *
crm_smtp_client_new (const char *host,
                     guint16     port,
                     const char *security,
                     const char *username,
                     const char *password)
{
  CrmSmtpClient *self;

  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (g_strcmp0 (security, "tls") == 0 || g_strcmp0 (security, "starttls") == 0 ||
                        g_strcmp0 (security, "none") == 0, NULL);

  self = g_object_new (CRM_TYPE_SMTP_CLIENT, NULL);
  self->host = g_strdup (host);
  self->port = port;
  self->security = g_strdup (security);
  self->username = g_strdup (username);
  self->password = g_strdup (password);

  return self;
}

/**
 * crm_smtp_client_set_timeout:
 * @self: a #CrmSmtpClient
 * @seconds: how long any connect, read or write may take
 */
void
crm_smtp_client_set_timeout (CrmSmtpClient *self,
                             guint          seconds)
{
  g_return_if_fail (CRM_IS_SMTP_CLIENT (self));

  self->timeout = seconds;
}

/**
 * crm_smtp_client_set_tls_database:
 * @self: a #CrmSmtpClient
 * @database: (nullable): the certificate authorities to trust for
 *   STARTTLS, instead of the system's
 */
void
crm_smtp_client_set_tls_database (CrmSmtpClient *self,
                                  GTlsDatabase  *database)
{
  g_return_if_fail (CRM_IS_SMTP_CLIENT (self));

  g_set_object (&self->tls_database, database);
}

/**
 * crm_smtp_client_send_async:
 * @self: a #CrmSmtpClient
 * @from: the envelope sender
 * @recipients: the envelope recipients (To, CC and BCC)
 * @message: the message's bytes, as crm_outgoing_message_build() makes them
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server has accepted or refused the message
 * @user_data: data for @callback
 */
void
crm_smtp_client_send_async (CrmSmtpClient       *self,
                            const char          *from,
                            const char * const  *recipients,
                            GBytes              *message,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SendData *send;

  g_return_if_fail (CRM_IS_SMTP_CLIENT (self));
  g_return_if_fail (from != NULL);
  g_return_if_fail (recipients != NULL && recipients[0] != NULL);
  g_return_if_fail (message != NULL);

  send = g_new0 (SendData, 1);
  send->from = g_strdup (from);
  send->recipients = g_strdupv ((char **) recipients);
  send->message = g_bytes_ref (message);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_smtp_client_send_async);
  g_task_set_task_data (task, send, send_data_free);
  _crm_task_run_in_thread (task, send_thread, NULL);
}

/**
 * crm_smtp_client_send_finish:
 * @self: a #CrmSmtpClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server accepted the message for delivery
 */
gboolean
crm_smtp_client_send_finish (CrmSmtpClient  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_pointer (G_TASK (result), error) != NULL;
}

/**
 * crm_smtp_client_check_sync:
 * @self: a #CrmSmtpClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects, secures the connection as configured, logs in and quits,
 * sending nothing: "Test connection".
 *
 * Returns: %TRUE when the server accepted the login
 */
gboolean
crm_smtp_client_check_sync (CrmSmtpClient  *self,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_return_val_if_fail (CRM_IS_SMTP_CLIENT (self), FALSE);

  return send_message (self, NULL, cancellable, error);
}

/**
 * crm_smtp_client_send_sync:
 * @self: a #CrmSmtpClient
 * @from: the envelope sender
 * @recipients: the envelope recipients
 * @message: the message's bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The same as crm_smtp_client_send_async(), waiting in the calling
 * thread: for crmctl and worker threads, never the main loop.
 *
 * Returns: %TRUE when the server accepted the message
 */
gboolean
crm_smtp_client_send_sync (CrmSmtpClient       *self,
                           const char          *from,
                           const char * const  *recipients,
                           GBytes              *message,
                           GCancellable        *cancellable,
                           GError             **error)
{
  SendData send = { 0 };

  g_return_val_if_fail (CRM_IS_SMTP_CLIENT (self), FALSE);
  g_return_val_if_fail (recipients != NULL && recipients[0] != NULL, FALSE);

  send.from = (char *) from;
  send.recipients = (GStrv) recipients;
  send.message = message;

  return send_message (self, &send, cancellable, error);
}

/**
 * CrmSmtpBeforeEndFunc:
 * @user_data: the data given with the message
 * @error: return location for a #GError
 *
 * Called when the whole message but the final "." has gone: the last
 * moment at which the server keeps nothing. The outbox records here
 * that the message is about to be the server's.
 *
 * Returns: %TRUE to send the final "."; %FALSE (with @error set) to
 *   leave the message unsent and drop the connection
 */

/**
 * crm_smtp_client_deliver_sync:
 * @self: a #CrmSmtpClient
 * @from: the envelope sender
 * @recipients: the envelope recipients
 * @message: the message's bytes
 * @before_end: (nullable) (scope call): called before the final "."
 * @user_data: data for @before_end
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends one message on the connection this client keeps open,
 * connecting and logging in first when there is none; RSET before
 * every message but the first. A refusal of this message leaves the
 * connection open for the next; a broken connection is closed, and
 * the next call opens another. For worker threads and crmctl, never
 * the main loop.
 *
 * Returns: %TRUE when the server accepted the message
 */
gboolean
crm_smtp_client_deliver_sync (CrmSmtpClient         *self,
                              const char            *from,
                              const char * const    *recipients,
                              GBytes                *message,
                              CrmSmtpBeforeEndFunc   before_end,
                              gpointer               user_data,
                              GCancellable          *cancellable,
                              GError               **error)
{
  SendData send = { 0 };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_SMTP_CLIENT (self), FALSE);
  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (recipients != NULL && recipients[0] != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  if (self->session.stream == NULL && !connect_session (self, &self->session, cancellable, error))
    return FALSE;

  send.from = (char *) from;
  send.recipients = (GStrv) recipients;
  send.message = message;
  send.before_end = before_end;
  send.user_data = user_data;

  self->session.cancellable = cancellable;
  ok = transaction (self, &self->session, &send, error);
  self->session.cancellable = NULL;
  if (self->session.broken)
    session_clear (&self->session);

  return ok;
}

/**
 * crm_smtp_client_is_connected:
 * @self: a #CrmSmtpClient
 *
 * Returns: whether crm_smtp_client_deliver_sync() keeps a connection
 *   open
 */
gboolean
crm_smtp_client_is_connected (CrmSmtpClient *self)
{
  g_return_val_if_fail (CRM_IS_SMTP_CLIENT (self), FALSE);

  return self->session.stream != NULL;
}

/**
 * crm_smtp_client_close:
 * @self: a #CrmSmtpClient
 *
 * Says goodbye (QUIT) on the connection crm_smtp_client_deliver_sync()
 * kept open, and closes it.
 */
void
crm_smtp_client_close (CrmSmtpClient *self)
{
  g_return_if_fail (CRM_IS_SMTP_CLIENT (self));

  close_session (self, &self->session);
}
