/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-imap"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-imap-client.h"
#include "crm-tls.h"

/**
 * CrmImapClient:
 *
 * An IMAP4rev1 client (RFC 3501) for reading the shared mailbox, on
 * GIO's asynchronous streams: the greeting, CAPABILITY, STARTTLS
 * (refusing to go on in clear text when encryption was asked for;
 * nothing read before the handshake is kept), AUTHENTICATE PLAIN or
 * LOGIN (with the password as a literal when it cannot be quoted),
 * SELECT with UIDVALIDITY and UIDNEXT, UID SEARCH UNSEEN, UID FETCH of
 * the exact message bytes with FLAGS, INTERNALDATE and RFC822.SIZE
 * (literals of any size), UID STORE +FLAGS (\Seen), IDLE (RFC 2177),
 * LIST of the Sent folder (RFC 6154 SPECIAL-USE, else by name), APPEND
 * and LOGOUT. Unsolicited responses (EXISTS, EXPUNGE, FETCH of flags)
 * may come at any point and are skipped, or end an IDLE.
 *
 * Every operation is asynchronous and cancellable, and times out when
 * the server stays silent (crm_imap_client_set_timeout()). Each has a
 * _sync() twin for the engine's worker threads and crmctl: once
 * logged in, these speak the protocol on the calling thread with
 * blocking reads and writes, no main context and no wake-ups between
 * the steps (connecting and IDLE run their asynchronous code on a
 * private main context). One operation at a time per client.
 *
 * crm_imap_client_fetch_each_sync() reads many messages in pipelined
 * UID FETCH commands, the next one always waiting at the server, and
 * hands each message on as soon as its last byte is in; UIDs queued
 * with crm_imap_client_mark_seen_later() (from any thread) go out as
 * UID STORE commands between them.
 */
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

G_DEFINE_FINAL_TYPE (CrmImapClient, crm_imap_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (crm-imap-error-quark, crm_imap_error)

#define LITERAL_MARK '\x01'
/* more than any mail a person sends; a server cannot make us allocate more */
#define MAX_LITERAL (256 * 1024 * 1024)
/* the reader's buffer: a whole small message, or a big one's start, per read */
#define READ_BUFFER (128 * 1024)

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

static Response *
response_new (void)
{
  Response *response = g_new0 (Response, 1);

  response->text = g_string_new (NULL);
  response->literals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  return response;
}

static void
response_free (Response *response)
{
  g_string_free (response->text, TRUE);
  g_ptr_array_unref (response->literals);
  g_free (response->pending);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

void
crm_imap_message_free (CrmImapMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->internal_date);
  g_clear_pointer (&message->raw, g_bytes_unref);
  g_free (message);
}

/* A network error saying why the connection failed (%NULL: the server
 * closed it); a cancellation stays a cancellation. Takes @cause. */
static GError *
network_error (CrmImapClient *self,
               GError        *cause)
{
  GError *error;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return cause;

  error = g_error_new (CRM_IMAP_ERROR, CRM_IMAP_ERROR_NETWORK,
                       /* Translators: a server, then the system's reason */
                       _("The connection to the mail server %s failed: %s"),
                       self->host, cause ? cause->message : _("the server closed the connection"));
  g_clear_error (&cause);

  return error;
}

/* Fails @task with network_error(). Takes @cause. */
static void
return_network_error (CrmImapClient *self,
                      GTask         *task,
                      GError        *cause)
{
  g_task_return_error (task, network_error (self, cause));
}

static GError *
literal_too_big (CrmImapClient *self,
                 guint64        size)
{
  return g_error_new (CRM_IMAP_ERROR, CRM_IMAP_ERROR_PROTOCOL,
                      _("The mail server %s announced a message of %llu bytes; "
                        "messages over 256 MB are not read."),
                      self->host, (unsigned long long) size);
}

/* The start of a literal announced at the end of @line ({N} or {N+}),
 * or %NULL. */
static const char *
literal_brace (const char *line,
               gsize       len)
{
  return len > 2 && line[len - 1] == '}' ? strrchr (line, '{') : NULL;
}

/* Runs an asynchronous operation to its end on a private main context:
 * the _sync() twins. */
typedef struct
{
  GMainContext *context;
  GAsyncResult *result;
} Sync;

static void
sync_init (Sync *sync)
{
  sync->context = g_main_context_new ();
  sync->result = NULL;
  g_main_context_push_thread_default (sync->context);
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Sync *sync = user_data;

  sync->result = g_object_ref (result);
}

static GAsyncResult *
sync_wait (Sync *sync)
{
  while (sync->result == NULL)
    g_main_context_iteration (sync->context, TRUE);

  return sync->result;
}

static void
sync_clear (Sync *sync)
{
  g_main_context_pop_thread_default (sync->context);
  g_clear_object (&sync->result);
  g_main_context_unref (sync->context);
}

/* Reading one response: lines, and the literals they announce. */

static void read_line_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
read_next_line (GTask *task)
{
  CrmImapClient *self = g_task_get_source_object (task);

  g_data_input_stream_read_line_async (self->in, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                       read_line_cb, task);
}

static void
literal_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmImapClient *self = g_task_get_source_object (task);
  Response *response = g_task_get_task_data (task);
  GError *error = NULL;
  gsize got = 0;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &got, &error) ||
      got != response->pending_size)
    {
      return_network_error (self, task, error);
      return;
    }

  g_ptr_array_add (response->literals, g_bytes_new_take (g_steal_pointer (&response->pending), got));
  read_next_line (g_steal_pointer (&task));
}

static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmImapClient *self = g_task_get_source_object (task);
  Response *response = g_task_get_task_data (task);
  g_autofree char *line = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  const char *brace;
  gsize len = 0;
  guint64 size;

  line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result, &len, &error);
  if (line == NULL)
    {
      return_network_error (self, task, error);
      return;
    }
  if (len > 0 && line[len - 1] == '\r')
    line[--len] = '\0';

  brace = literal_brace (line, len);
  if (brace == NULL)
    {
      Response *done = response_new ();

      g_string_append (response->text, line);
      /* the finished response goes to the caller; the task keeps an empty one */
      g_string_append_len (done->text, response->text->str, response->text->len);
      g_ptr_array_extend_and_steal (done->literals, g_steal_pointer (&response->literals));
      response->literals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_task_return_pointer (task, done, (GDestroyNotify) response_free);
      return;
    }

  size = g_ascii_strtoull (brace + 1, NULL, 10);
  if (size > MAX_LITERAL)
    {
      g_task_return_error (task, literal_too_big (self, size));
      return;
    }
  g_string_append_len (response->text, line, brace - line);
  g_string_append_printf (response->text, "%c%u", LITERAL_MARK, response->literals->len);

  response->pending = g_malloc (size + 1);
  response->pending_size = size;
  cancellable = g_task_get_cancellable (task);
  g_input_stream_read_all_async (G_INPUT_STREAM (self->in), response->pending, size, G_PRIORITY_DEFAULT,
                                 cancellable, literal_cb, g_steal_pointer (&task));
}

static void
read_response_async (CrmImapClient       *self,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, read_response_async);
  g_task_set_task_data (task, response_new (), (GDestroyNotify) response_free);
  read_next_line (task);
}

static Response *
read_response_finish (CrmImapClient  *self,
                      GAsyncResult   *result,
                      GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The same, blocking, on the calling thread. A literal is read straight
 * into the memory that then holds it, never copied. */
static Response *
read_response_sync (CrmImapClient  *self,
                    GCancellable   *cancellable,
                    GError        **error)
{
  g_autoptr(Response) response = response_new ();

  for (;;)
    {
      g_autofree char *line = NULL;
      GError *local_error = NULL;
      const char *brace;
      guint8 *literal;
      gsize len = 0;
      gsize got = 0;
      guint64 size;

      line = g_data_input_stream_read_line (self->in, &len, cancellable, &local_error);
      if (line == NULL)
        {
          g_propagate_error (error, network_error (self, local_error));
          return NULL;
        }
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';

      brace = literal_brace (line, len);
      if (brace == NULL)
        {
          g_string_append (response->text, line);
          return g_steal_pointer (&response);
        }

      size = g_ascii_strtoull (brace + 1, NULL, 10);
      if (size > MAX_LITERAL)
        {
          g_propagate_error (error, literal_too_big (self, size));
          return NULL;
        }
      g_string_append_len (response->text, line, brace - line);
      g_string_append_printf (response->text, "%c%u", LITERAL_MARK, response->literals->len);

      literal = g_malloc (size + 1);
      if (!g_input_stream_read_all (G_INPUT_STREAM (self->in), literal, size, &got, cancellable, &local_error) ||
          got != size)
        {
          g_free (literal);
          g_propagate_error (error, network_error (self, local_error));
          return NULL;
        }
      g_ptr_array_add (response->literals, g_bytes_new_take (literal, size));
    }
}

static void
read_capabilities (CrmImapClient *self,
                   const char    *text)
{
  const char *start = strstr (text, "CAPABILITY ");

  if (start == NULL)
    return;

  g_strfreev (self->capabilities);
  self->capabilities = g_strsplit (start + strlen ("CAPABILITY "), " ", -1);
  for (guint i = 0; self->capabilities[i] != NULL; i++)
    {
      char *end = strchr (self->capabilities[i], ']');

      if (end != NULL)
        *end = '\0';
    }
}

static gboolean
has_capability (CrmImapClient *self,
                const char    *name)
{
  for (guint i = 0; self->capabilities != NULL && self->capabilities[i] != NULL; i++)
    if (g_ascii_strcasecmp (self->capabilities[i], name) == 0)
      return TRUE;

  return FALSE;
}

/* Whether @text can go into a quoted string (RFC 3501: 7-bit, no CR,
 * LF or NUL). */
static gboolean
quotable (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p; p++)
    if (*p == '\r' || *p == '\n' || *p >= 0x80)
      return FALSE;

  return TRUE;
}

static char *
quote (const char *text)
{
  GString *out = g_string_new ("\"");

  for (const char *p = text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

static void
use_stream (CrmImapClient *self,
            GIOStream     *stream)
{
  g_clear_object (&self->in);
  g_set_object (&self->stream, stream);
  /* a fresh reader: nothing buffered before a TLS handshake is kept */
  self->in = g_data_input_stream_new (g_io_stream_get_input_stream (stream));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (self->in), READ_BUFFER);
  g_data_input_stream_set_newline_type (self->in, G_DATA_STREAM_NEWLINE_TYPE_LF);
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (self->in), FALSE);
  self->out = g_io_stream_get_output_stream (stream);
}

static void
socket_event_cb (GSocketClient      *client,
                 GSocketClientEvent  event,
                 GSocketConnectable *connectable,
                 GIOStream          *connection,
                 GTlsDatabase       *database)
{
  if (event == G_SOCKET_CLIENT_TLS_HANDSHAKING)
    g_tls_connection_set_database (G_TLS_CONNECTION (connection), database);
}

/* Reads the next response for @task, which it takes. */
static void
read_response_for (GTask               *task,
                   GAsyncReadyCallback  callback)
{
  CrmImapClient *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  read_response_async (self, cancellable, callback, task);
}

typedef void (*UntaggedFunc) (CrmImapClient *self,
                              Response      *response,
                              gpointer       user_data);

/* One tagged command, from its line to its completion. */
typedef struct
{
  char         *tag;
  char         *shown;
  UntaggedFunc  untagged;
  gpointer      user_data;
  GBytes       *line;
  GBytes       *continuation;  /* sent once, when the server asks with "+" */
  GBytes       *writing;       /* kept alive while it is written */
} Command;

static void
command_free (gpointer data)
{
  Command *command = data;

  g_free (command->tag);
  g_free (command->shown);
  g_clear_pointer (&command->line, g_bytes_unref);
  g_clear_pointer (&command->continuation, g_bytes_unref);
  g_clear_pointer (&command->writing, g_bytes_unref);
  g_free (command);
}

static void command_read_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data);

static void
command_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmImapClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      return_network_error (self, task, error);
      return;
    }

  read_response_for (g_steal_pointer (&task), command_read_cb);
}

static void
command_write (GTask  *task,
               GBytes *bytes)
{
  CrmImapClient *self = g_task_get_source_object (task);
  Command *command = g_task_get_task_data (task);

  g_clear_pointer (&command->writing, g_bytes_unref);
  command->writing = bytes;
  g_output_stream_write_all_async (self->out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   command_written_cb, task);
}

static void
command_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmImapClient *self = CRM_IMAP_CLIENT (source);
  Command *command = g_task_get_task_data (task);
  g_autoptr(Response) response = NULL;
  GError *error = NULL;
  const char *text;

  if (!(response = read_response_finish (self, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  text = response->text->str;

  if (g_str_has_prefix (text, "* "))
    {
      read_capabilities (self, text);
      if (command->untagged != NULL)
        command->untagged (self, response, command->user_data);
      read_response_for (g_steal_pointer (&task), command_read_cb);
      return;
    }

  if (g_str_has_prefix (text, "+"))
    {
      GBytes *more = g_steal_pointer (&command->continuation);

      if (more != NULL)
        command_write (g_steal_pointer (&task), more);
      else
        read_response_for (g_steal_pointer (&task), command_read_cb);
      return;
    }

  if (g_str_has_prefix (text, command->tag) && text[strlen (command->tag)] == ' ')
    {
      const char *status = text + strlen (command->tag) + 1;

      read_capabilities (self, status);
      if (g_str_has_prefix (status, "OK"))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }

      g_free (self->refusal);
      self->refusal = g_strdup (status);
      g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_REFUSED,
                               /* Translators: a server, the command, the server's words */
                               _("The mail server %s refused %s: %s"),
                               self->host, command->shown, status);
      return;
    }

  g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_PROTOCOL,
                           _("The mail server %s answered something that is not IMAP: %s"),
                           self->host, text);
}

/* Sends a tagged command and reads until its completion; untagged
 * responses go to @untagged (or are skipped); @continuation (a
 * literal's bytes, or a SASL response, with its CRLF) is sent when the
 * server asks for more. @shown names the command in errors, so that a
 * password never shows. */
static void
run_command_async (CrmImapClient       *self,
                   const char          *line,
                   const char          *shown,
                   UntaggedFunc         untagged,
                   gpointer             user_data,
                   GBytes              *continuation,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             callback_data)
{
  GTask *task = g_task_new (self, cancellable, callback, callback_data);
  Command *command = g_new0 (Command, 1);
  g_autofree char *full = NULL;

  g_task_set_source_tag (task, run_command_async);
  command->tag = g_strdup_printf ("a%04u", ++self->tag);
  command->shown = g_strdup (shown ? shown : line);
  command->untagged = untagged;
  command->user_data = user_data;
  command->continuation = continuation ? g_bytes_ref (continuation) : NULL;
  full = g_strdup_printf ("%s %s\r\n", command->tag, line);
  command->line = g_bytes_new_take (g_steal_pointer (&full), strlen (command->tag) + strlen (line) + 3);
  g_task_set_task_data (task, command, command_free);

  if (self->stream == NULL)
    {
      g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_NETWORK,
                               _("The connection to the mail server %s failed: %s"),
                               self->host, _("the server closed the connection"));
      g_object_unref (task);
      return;
    }

  command_write (task, g_bytes_ref (command->line));
}

static gboolean
run_command_finish (CrmImapClient  *self,
                    GAsyncResult   *result,
                    GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* An operation made of one command: its task carries what the
 * untagged responses fill in. */
static void
simple_command_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!run_command_finish (CRM_IMAP_CLIENT (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static GBytes *
bytes_with_crlf (const void *data,
                 gsize       size)
{
  GByteArray *bytes = g_byte_array_sized_new (size + 2);

  g_byte_array_append (bytes, data, size);
  g_byte_array_append (bytes, (const guint8 *) "\r\n", 2);

  return g_byte_array_free_to_bytes (bytes);
}

/* The synchronous protocol: commands written and their responses read
 * on the calling thread. */

/* Ends the connection for good, after a failure that leaves it in an
 * unknown state (a response half read, commands still under way). */
static void
drop_connection (CrmImapClient *self)
{
  if (self->stream != NULL)
    g_io_stream_close (self->stream, NULL, NULL);
  g_clear_object (&self->in);
  g_clear_object (&self->stream);
  g_clear_object (&self->connection);
  self->out = NULL;
}

static gboolean
write_sync (CrmImapClient  *self,
            const void     *data,
            gsize           size,
            GCancellable   *cancellable,
            GError        **error)
{
  GError *local_error = NULL;

  if (self->stream == NULL)
    {
      g_propagate_error (error, network_error (self, NULL));
      return FALSE;
    }

  if (!g_output_stream_write_all (self->out, data, size, NULL, cancellable, &local_error))
    {
      g_propagate_error (error, network_error (self, local_error));
      return FALSE;
    }

  return TRUE;
}

/* Writes "TAG LINE" and returns the tag. */
static char *
send_command (CrmImapClient  *self,
              const char     *line,
              GCancellable   *cancellable,
              GError        **error)
{
  g_autofree char *tag = g_strdup_printf ("a%04u", ++self->tag);
  g_autofree char *full = g_strdup_printf ("%s %s\r\n", tag, line);
  gsize len = strlen (full);
  gboolean ok;

  ok = write_sync (self, full, len, cancellable, error);
  memset (full, 0, len);

  return ok ? g_steal_pointer (&tag) : NULL;
}

/* The status of @text when it is the tagged completion of @tag. */
static const char *
completion_of (const char *text,
               const char *tag)
{
  gsize len = strlen (tag);

  return strncmp (text, tag, len) == 0 && text[len] == ' ' ? text + len + 1 : NULL;
}

/* A tagged completion: %TRUE for OK, else the refusal in @error. */
static gboolean
check_completion (CrmImapClient  *self,
                  const char     *status,
                  const char     *shown,
                  GError        **error)
{
  read_capabilities (self, status);
  if (g_str_has_prefix (status, "OK"))
    return TRUE;

  g_free (self->refusal);
  self->refusal = g_strdup (status);
  g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_REFUSED,
               /* Translators: a server, the command, the server's words */
               _("The mail server %s refused %s: %s"),
               self->host, shown, status);

  return FALSE;
}

static void
set_not_imap (CrmImapClient  *self,
              const char     *text,
              GError        **error)
{
  g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_PROTOCOL,
               _("The mail server %s answered something that is not IMAP: %s"),
               self->host, text);
}

/* run_command_async(), blocking. */
static gboolean
run_command_sync (CrmImapClient  *self,
                  const char     *line,
                  const char     *shown,
                  UntaggedFunc    untagged,
                  gpointer        user_data,
                  GBytes         *continuation,
                  GCancellable   *cancellable,
                  GError        **error)
{
  g_autofree char *tag = send_command (self, line, cancellable, error);

  if (tag == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(Response) response = read_response_sync (self, cancellable, error);
      const char *text;
      const char *status;

      if (response == NULL)
        return FALSE;
      text = response->text->str;

      if (g_str_has_prefix (text, "* "))
        {
          read_capabilities (self, text);
          if (untagged != NULL)
            untagged (self, response, user_data);
        }
      else if (g_str_has_prefix (text, "+"))
        {
          if (continuation != NULL &&
              !write_sync (self, g_bytes_get_data (continuation, NULL), g_bytes_get_size (continuation),
                           cancellable, error))
            return FALSE;
          /* sent once */
          continuation = NULL;
        }
      else if ((status = completion_of (text, tag)) != NULL)
        return check_completion (self, status, shown ? shown : line, error);
      else
        {
          set_not_imap (self, text, error);
          return FALSE;
        }
    }
}

/* Connecting: the socket (with TLS from the first byte, or not), the
 * greeting, capabilities, STARTTLS and the login, one step after the
 * other. */
typedef struct
{
  GTlsDatabase *database;
} Connect;

static void
connect_free (gpointer data)
{
  Connect *connect = data;

  g_clear_object (&connect->database);
  g_free (connect);
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmImapClient *self = CRM_IMAP_CLIENT (source);
  GError *error = NULL;

  if (run_command_finish (self, result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (g_error_matches (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_REFUSED))
    {
      g_clear_error (&error);
      g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_AUTH_FAILED,
                               /* Translators: a server, then its own words */
                               _("The mail server %s did not accept the user name or password: %s"),
                               self->host, self->refusal);
      return;
    }

  g_task_return_error (task, error);
}

/* AUTHENTICATE PLAIN (RFC 4616) when offered, with the initial
 * response inline where SASL-IR allows; else LOGIN, the password as a
 * literal when it cannot be quoted. */
static void
authenticate (GTask *task)
{
  CrmImapClient *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char *user = self->username ? self->username : "";
  const char *password = self->password ? self->password : "";
  g_autofree char *quoted_user = quote (user);

  if (has_capability (self, "AUTH=PLAIN"))
    {
      gsize user_len = strlen (user);
      gsize password_len = strlen (password);
      gsize len = 1 + user_len + 1 + password_len;
      g_autofree guchar *plain = g_malloc0 (len);
      g_autofree char *encoded = NULL;

      /* authorization identity (empty) NUL user NUL password */
      memcpy (plain + 1, user, user_len);
      memcpy (plain + 2 + user_len, password, password_len);
      encoded = g_base64_encode (plain, len);
      memset (plain, 0, len);

      if (has_capability (self, "SASL-IR"))
        {
          g_autofree char *line = g_strconcat ("AUTHENTICATE PLAIN ", encoded, NULL);

          run_command_async (self, line, "AUTHENTICATE PLAIN", NULL, NULL, NULL, cancellable, login_cb, task);
          memset (line, 0, strlen (line));
        }
      else
        {
          g_autoptr(GBytes) response = bytes_with_crlf (encoded, strlen (encoded));

          run_command_async (self, "AUTHENTICATE PLAIN", NULL, NULL, NULL, response, cancellable, login_cb, task);
        }
      memset (encoded, 0, strlen (encoded));
      return;
    }

  if (has_capability (self, "LOGINDISABLED"))
    {
      g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_TLS_REQUIRED,
                               _("The mail server %s does not allow logging in on this connection. "
                                 "Choose TLS or STARTTLS as the security setting."),
                               self->host);
      g_object_unref (task);
      return;
    }

  if (quotable (password))
    {
      g_autofree char *quoted = quote (password);
      g_autofree char *line = g_strdup_printf ("LOGIN %s %s", quoted_user, quoted);

      run_command_async (self, line, "LOGIN", NULL, NULL, NULL, cancellable, login_cb, task);
      memset (quoted, 0, strlen (quoted));
      memset (line, 0, strlen (line));
    }
  else
    {
      g_autofree char *line = g_strdup_printf ("LOGIN %s {%zu}", quoted_user, strlen (password));
      g_autoptr(GBytes) literal = bytes_with_crlf (password, strlen (password));

      run_command_async (self, line, "LOGIN", NULL, NULL, literal, cancellable, login_cb, task);
    }
}

static void
tls_capability_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!run_command_finish (CRM_IMAP_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  authenticate (task);
}

static void
handshake_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  CrmImapClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!g_tls_connection_handshake_finish (G_TLS_CONNECTION (source), result, &error))
    {
      return_network_error (self, task, error);
      g_object_unref (task);
      return;
    }

  use_stream (self, G_IO_STREAM (source));
  /* what the server said before the handshake counts for nothing */
  g_clear_pointer (&self->capabilities, g_strfreev);
  run_command_async (self, "CAPABILITY", NULL, NULL, NULL, NULL, g_task_get_cancellable (task),
                     tls_capability_cb, task);
}

static void
starttls_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  CrmImapClient *self = CRM_IMAP_CLIENT (source);
  Connect *connect = g_task_get_task_data (task);
  g_autoptr(GSocketConnectable) identity = g_network_address_new (self->host, self->port);
  g_autoptr(GIOStream) tls = NULL;
  GError *error = NULL;

  if (!run_command_finish (self, result, &error) ||
      !(tls = g_tls_client_connection_new (self->stream, identity, &error)))
    {
      if (error->domain == CRM_IMAP_ERROR)
        g_task_return_error (task, error);
      else
        return_network_error (self, task, error);
      g_object_unref (task);
      return;
    }

  if (connect->database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (tls), connect->database);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    handshake_cb, task);
}

/* With the capabilities known: STARTTLS when asked for, then the login. */
static void
capabilities_known (GTask *task)
{
  CrmImapClient *self = g_task_get_source_object (task);

  if (!g_str_equal (self->security, "starttls"))
    {
      authenticate (task);
      return;
    }

  if (!has_capability (self, "STARTTLS"))
    {
      g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_TLS_REQUIRED,
                               _("The mail server %s does not offer STARTTLS, so the password was not "
                                 "sent in clear text. Ask for encryption on the server, or choose "
                                 "another security setting."),
                               self->host);
      g_object_unref (task);
      return;
    }

  run_command_async (self, "STARTTLS", NULL, NULL, NULL, NULL, g_task_get_cancellable (task), starttls_cb, task);
}

static void
capability_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!run_command_finish (CRM_IMAP_CLIENT (source), result, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  capabilities_known (task);
}

static void
greeting_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  CrmImapClient *self = CRM_IMAP_CLIENT (source);
  g_autoptr(Response) greeting = NULL;
  GError *error = NULL;

  if (!(greeting = read_response_finish (self, result, &error)))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (!g_str_has_prefix (greeting->text->str, "* OK"))
    {
      g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_PROTOCOL,
                               _("The mail server %s answered something that is not IMAP: %s"),
                               self->host, greeting->text->str);
      g_object_unref (task);
      return;
    }

  read_capabilities (self, greeting->text->str);
  if (self->capabilities == NULL)
    run_command_async (self, "CAPABILITY", NULL, NULL, NULL, NULL, g_task_get_cancellable (task),
                       capability_cb, task);
  else
    capabilities_known (task);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  CrmImapClient *self = g_task_get_source_object (task);
  g_autoptr(GSocketConnection) connection = NULL;
  GError *error = NULL;

  connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result, &error);
  if (connection == NULL)
    {
      return_network_error (self, task, error);
      g_object_unref (task);
      return;
    }

  g_set_object (&self->connection, connection);
  use_stream (self, G_IO_STREAM (connection));
  read_response_async (self, g_task_get_cancellable (task), greeting_cb, task);
}

/**
 * crm_imap_client_connect_async:
 * @self: a #CrmImapClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when logged in, or not
 * @user_data: data for @callback
 *
 * Connects, reads the greeting, secures the connection as configured
 * and logs in.
 */
void
crm_imap_client_connect_async (CrmImapClient       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;
  Connect *connect;
  GError *error = NULL;

  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_imap_client_connect_async);
  connect = g_new0 (Connect, 1);
  g_task_set_task_data (task, connect, connect_free);

  if (!g_str_equal (self->security, "none") && !crm_tls_get_database (&connect->database, &error))
    {
      return_network_error (self, task, error);
      g_object_unref (task);
      return;
    }

  g_socket_client_set_timeout (self->socket_client, self->timeout);
  g_socket_client_set_tls (self->socket_client, g_str_equal (self->security, "tls"));
  if (connect->database != NULL)
    g_signal_connect_object (self->socket_client, "event", G_CALLBACK (socket_event_cb), connect->database, 0);

  g_socket_client_connect_to_host_async (self->socket_client, self->host, self->port, cancellable,
                                         connected_cb, task);
}

/**
 * crm_imap_client_connect_finish:
 * @self: a #CrmImapClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when logged in
 */
gboolean
crm_imap_client_connect_finish (CrmImapClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * crm_imap_client_connect_sync:
 * @self: a #CrmImapClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * crm_imap_client_connect_async(), to its end.
 *
 * Returns: %TRUE when logged in
 */
gboolean
crm_imap_client_connect_sync (CrmImapClient  *self,
                              GCancellable   *cancellable,
                              GError        **error)
{
  Sync sync;
  gboolean ok;

  sync_init (&sync);
  crm_imap_client_connect_async (self, cancellable, sync_done_cb, &sync);
  ok = crm_imap_client_connect_finish (self, sync_wait (&sync), error);
  sync_clear (&sync);

  return ok;
}

typedef struct
{
  guint32 uidvalidity;
  guint32 uidnext;
} Selected;

static void
select_untagged (CrmImapClient *self,
                 Response      *response,
                 gpointer       user_data)
{
  Selected *selected = user_data;
  const char *text = response->text->str;
  const char *found;

  if ((found = strstr (text, "[UIDVALIDITY ")) != NULL)
    selected->uidvalidity = (guint32) g_ascii_strtoull (found + strlen ("[UIDVALIDITY "), NULL, 10);
  if ((found = strstr (text, "[UIDNEXT ")) != NULL)
    selected->uidnext = (guint32) g_ascii_strtoull (found + strlen ("[UIDNEXT "), NULL, 10);
}

static void
search_untagged (CrmImapClient *self,
                 Response      *response,
                 gpointer       user_data)
{
  GArray *uids = user_data;
  g_auto(GStrv) words = NULL;

  if (!g_str_has_prefix (response->text->str, "* SEARCH"))
    return;

  words = g_strsplit (response->text->str + strlen ("* SEARCH"), " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      guint64 uid;

      if (g_ascii_string_to_unsigned (words[i], 10, 1, G_MAXUINT32, &uid, NULL))
        {
          guint32 value = (guint32) uid;

          g_array_append_val (uids, value);
        }
    }
}

/* A tiny reader of one FETCH response's parenthesised list. */
typedef struct
{
  const char *p;
  Response   *response;
} Cursor;

static void
skip_spaces (Cursor *cursor)
{
  while (*cursor->p == ' ')
    cursor->p++;
}

/* Reads one value; returns its text (atom or string) and sets
 * @literal when it was a literal. Lists are skipped, with their atoms
 * collected into @list_atoms when given. */
static char *
read_value (Cursor     *cursor,
            GBytes    **literal,
            GPtrArray  *list_atoms)
{
  skip_spaces (cursor);

  if (*cursor->p == LITERAL_MARK)
    {
      guint index = (guint) g_ascii_strtoull (cursor->p + 1, (char **) &cursor->p, 10);

      if (literal != NULL && index < cursor->response->literals->len)
        *literal = g_bytes_ref (g_ptr_array_index (cursor->response->literals, index));
      return NULL;
    }

  if (*cursor->p == '"')
    {
      GString *text = g_string_new (NULL);

      for (cursor->p++; *cursor->p && *cursor->p != '"'; cursor->p++)
        {
          if (*cursor->p == '\\' && cursor->p[1])
            cursor->p++;
          g_string_append_c (text, *cursor->p);
        }
      if (*cursor->p == '"')
        cursor->p++;
      return g_string_free (text, FALSE);
    }

  if (*cursor->p == '(')
    {
      cursor->p++;
      for (;;)
        {
          skip_spaces (cursor);
          if (*cursor->p == ')' || *cursor->p == '\0')
            break;
          {
            g_autofree char *atom = read_value (cursor, NULL, NULL);

            if (list_atoms != NULL && atom != NULL)
              g_ptr_array_add (list_atoms, g_steal_pointer (&atom));
          }
        }
      if (*cursor->p == ')')
        cursor->p++;
      return NULL;
    }

  {
    const char *start = cursor->p;
    int depth = 0;

    /* an atom, with [section] parts such as BODY[] */
    while (*cursor->p && (depth > 0 || (*cursor->p != ' ' && *cursor->p != ')' && *cursor->p != '(')))
      {
        if (*cursor->p == '[')
          depth++;
        else if (*cursor->p == ']')
          depth--;
        cursor->p++;
      }
    return g_strndup (start, cursor->p - start);
  }
}

static void
fetch_untagged (CrmImapClient *self,
                Response      *response,
                gpointer       user_data)
{
  GPtrArray *messages = user_data;
  g_autoptr(CrmImapMessage) message = NULL;
  const char *open = strstr (response->text->str, " FETCH (");
  Cursor cursor;

  if (open == NULL)
    return;

  message = g_new0 (CrmImapMessage, 1);
  cursor.p = open + strlen (" FETCH (");
  cursor.response = response;

  for (;;)
    {
      g_autofree char *key = NULL;

      skip_spaces (&cursor);
      if (*cursor.p == ')' || *cursor.p == '\0')
        break;

      key = read_value (&cursor, NULL, NULL);
      if (key == NULL || *key == '\0')
        break;

      if (g_ascii_strcasecmp (key, "UID") == 0)
        {
          g_autofree char *value = read_value (&cursor, NULL, NULL);

          message->uid = (guint32) g_ascii_strtoull (value ? value : "0", NULL, 10);
        }
      else if (g_ascii_strcasecmp (key, "RFC822.SIZE") == 0)
        {
          g_autofree char *value = read_value (&cursor, NULL, NULL);

          message->size = g_ascii_strtoull (value ? value : "0", NULL, 10);
        }
      else if (g_ascii_strcasecmp (key, "INTERNALDATE") == 0)
        message->internal_date = read_value (&cursor, NULL, NULL);
      else if (g_ascii_strcasecmp (key, "FLAGS") == 0)
        {
          g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func (g_free);
          g_autofree char *ignored = read_value (&cursor, NULL, flags);

          for (guint i = 0; i < flags->len; i++)
            if (g_ascii_strcasecmp (g_ptr_array_index (flags, i), "\\Seen") == 0)
              message->seen = TRUE;
        }
      else if (g_ascii_strncasecmp (key, "BODY[", 5) == 0)
        {
          GBytes *literal = NULL;
          g_autofree char *text = read_value (&cursor, &literal, NULL);

          if (literal != NULL)
            message->raw = literal;
          else if (text != NULL && g_ascii_strcasecmp (text, "NIL") != 0)
            message->raw = g_bytes_new (text, strlen (text));
        }
      else
        {
          g_autofree char *ignored = read_value (&cursor, NULL, NULL);
        }
    }

  /* an unsolicited FETCH of flags carries no message */
  if (message->uid != 0 && message->raw != NULL)
    g_ptr_array_add (messages, g_steal_pointer (&message));
}

/* "4,7:12,15": runs of consecutive UIDs as ranges, so that a command
 * for thousands of messages stays short */
static char *
uid_set (const guint32 *uids,
         guint          n_uids)
{
  GString *set = g_string_new (NULL);

  for (guint i = 0; i < n_uids;)
    {
      guint last = i;

      while (last + 1 < n_uids && uids[last + 1] == uids[last] + 1)
        last++;
      if (set->len > 0)
        g_string_append_c (set, ',');
      if (last > i)
        g_string_append_printf (set, "%u:%u", uids[i], uids[last]);
      else
        g_string_append_printf (set, "%u", uids[i]);
      i = last + 1;
    }

  return g_string_free (set, FALSE);
}

typedef struct
{
  char *special;   /* flagged \Sent */
  char *named;     /* called Sent, Sent Items, … */
} SentFolder;

static void
list_untagged (CrmImapClient *self,
               Response      *response,
               gpointer       user_data)
{
  static const char * const names[] = { "Sent", "Sent Items", "Sent Messages", "Sent Mail", NULL };
  SentFolder *found = user_data;
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *ignored = NULL;
  g_autofree char *delimiter = NULL;
  g_autofree char *name = NULL;
  GBytes *literal = NULL;
  gboolean sent = FALSE;
  gboolean selectable = TRUE;
  Cursor cursor = { response->text->str, response };

  if (!g_str_has_prefix (cursor.p, "* LIST "))
    return;
  cursor.p += strlen ("* LIST ");

  ignored = read_value (&cursor, NULL, flags);
  delimiter = read_value (&cursor, NULL, NULL);
  name = read_value (&cursor, &literal, NULL);
  if (literal != NULL)
    {
      name = g_strndup (g_bytes_get_data (literal, NULL), g_bytes_get_size (literal));
      g_bytes_unref (literal);
    }
  if (name == NULL)
    return;

  for (guint i = 0; i < flags->len; i++)
    {
      const char *flag = g_ptr_array_index (flags, i);

      if (g_ascii_strcasecmp (flag, "\\Sent") == 0)
        sent = TRUE;
      else if (g_ascii_strcasecmp (flag, "\\Noselect") == 0 || g_ascii_strcasecmp (flag, "\\NonExistent") == 0)
        selectable = FALSE;
    }
  if (!selectable)
    return;

  if (sent && found->special == NULL)
    found->special = g_strdup (name);

  if (found->named == NULL)
    {
      const char *leaf = name;

      /* INBOX.Sent or INBOX/Sent on servers that keep folders under INBOX */
      if (delimiter != NULL && *delimiter != '\0' && g_ascii_strncasecmp (name, "INBOX", 5) == 0 &&
          name[5] == delimiter[0])
        leaf = name + 6;
      if (g_strv_contains (names, leaf))
        found->named = g_strdup (name);
    }
}

static void
sent_folder_free (gpointer data)
{
  SentFolder *found = data;

  g_free (found->special);
  g_free (found->named);
  g_free (found);
}

/* SELECT */

/**
 * crm_imap_client_select_async:
 * @self: a connected #CrmImapClient
 * @mailbox: the folder, e.g. "INBOX"
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the folder is selected, or not
 * @user_data: data for @callback
 */
void
crm_imap_client_select_async (CrmImapClient       *self,
                              const char          *mailbox,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *quoted = NULL;
  g_autofree char *line = NULL;
  Selected *selected = g_new0 (Selected, 1);
  GTask *task;

  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_imap_client_select_async);
  g_task_set_task_data (task, selected, g_free);
  quoted = quote (mailbox);
  line = g_strdup_printf ("SELECT %s", quoted);
  run_command_async (self, line, NULL, select_untagged, selected, NULL, cancellable, simple_command_cb, task);
}

/**
 * crm_imap_client_select_finish:
 * @self: a #CrmImapClient
 * @result: the result
 * @uidvalidity: (out) (optional): the folder's UIDVALIDITY
 * @uidnext: (out) (optional): the folder's UIDNEXT
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the folder is selected
 */
gboolean
crm_imap_client_select_finish (CrmImapClient  *self,
                               GAsyncResult   *result,
                               guint32        *uidvalidity,
                               guint32        *uidnext,
                               GError        **error)
{
  Selected *selected;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  selected = g_task_get_task_data (G_TASK (result));
  if (uidvalidity != NULL)
    *uidvalidity = selected->uidvalidity;
  if (uidnext != NULL)
    *uidnext = selected->uidnext;

  return TRUE;
}

/**
 * crm_imap_client_select_sync:
 * @self: a connected #CrmImapClient
 * @mailbox: the folder, e.g. "INBOX"
 * @uidvalidity: (out) (optional): the folder's UIDVALIDITY
 * @uidnext: (out) (optional): the folder's UIDNEXT
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the folder is selected
 */
gboolean
crm_imap_client_select_sync (CrmImapClient  *self,
                             const char     *mailbox,
                             guint32        *uidvalidity,
                             guint32        *uidnext,
                             GCancellable   *cancellable,
                             GError        **error)
{
  Selected selected = { 0, 0 };
  g_autofree char *quoted = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), FALSE);

  quoted = quote (mailbox);
  line = g_strdup_printf ("SELECT %s", quoted);
  if (!run_command_sync (self, line, NULL, select_untagged, &selected, NULL, cancellable, error))
    return FALSE;

  if (uidvalidity != NULL)
    *uidvalidity = selected.uidvalidity;
  if (uidnext != NULL)
    *uidnext = selected.uidnext;

  return TRUE;
}

/* UID SEARCH UNSEEN */

/**
 * crm_imap_client_search_unseen_async:
 * @self: a #CrmImapClient with a folder selected
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the UIDs of the unread messages
 * @user_data: data for @callback
 */
void
crm_imap_client_search_unseen_async (CrmImapClient       *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GArray *uids = g_array_new (FALSE, FALSE, sizeof (guint32));
  GTask *task;

  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_imap_client_search_unseen_async);
  g_task_set_task_data (task, uids, (GDestroyNotify) g_array_unref);
  run_command_async (self, "UID SEARCH UNSEEN", NULL, search_untagged, uids, NULL, cancellable,
                     simple_command_cb, task);
}

/**
 * crm_imap_client_search_unseen_finish:
 * @self: a #CrmImapClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type guint32): the UIDs of the
 *   unread messages, ascending, or %NULL with @error set
 */
GArray *
crm_imap_client_search_unseen_finish (CrmImapClient  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return g_array_ref (g_task_get_task_data (G_TASK (result)));
}

/**
 * crm_imap_client_search_unseen_sync:
 * @self: a #CrmImapClient with a folder selected
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type guint32): the UIDs of the
 *   unread messages, ascending, or %NULL with @error set
 */
GArray *
crm_imap_client_search_unseen_sync (CrmImapClient  *self,
                                    GCancellable   *cancellable,
                                    GError        **error)
{
  g_autoptr(GArray) uids = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), NULL);

  if (!run_command_sync (self, "UID SEARCH UNSEEN", NULL, search_untagged, uids, NULL, cancellable, error))
    return NULL;

  return g_steal_pointer (&uids);
}

/* UID FETCH */

#define FETCH_ITEMS "(UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])"

/* A command of a pipeline, sent and not yet completed. */
typedef struct
{
  char       *tag;
  const char *shown;
  gboolean    fetch;
  guint       expected;   /* messages asked for by a UID FETCH */
  guint       received;
} InFlight;

static void
in_flight_free (gpointer data)
{
  InFlight *in_flight = data;

  g_free (in_flight->tag);
  g_free (in_flight);
}

static gboolean
send_in_flight (CrmImapClient  *self,
                GPtrArray      *in_flight,
                const char     *line,
                const char     *shown,
                guint           expected,
                GCancellable   *cancellable,
                GError        **error)
{
  InFlight *sent;
  char *tag = send_command (self, line, cancellable, error);

  if (tag == NULL)
    return FALSE;

  sent = g_new0 (InFlight, 1);
  sent->tag = tag;
  sent->shown = shown;
  sent->fetch = expected > 0;
  sent->expected = expected;
  g_ptr_array_add (in_flight, sent);

  return TRUE;
}

/* The UID FETCH whose messages are coming in: the oldest one still
 * missing some (the server answers commands in order). */
static InFlight *
receiving (GPtrArray *in_flight)
{
  for (guint i = 0; i < in_flight->len; i++)
    {
      InFlight *command = g_ptr_array_index (in_flight, i);

      if (command->fetch && command->received < command->expected)
        return command;
    }

  return NULL;
}

static GArray *
take_seen_later (CrmImapClient *self)
{
  GArray *uids;

  g_mutex_lock (&self->seen_lock);
  uids = g_steal_pointer (&self->seen_later);
  self->seen_later = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_mutex_unlock (&self->seen_lock);

  return uids;
}

static char *
mark_seen_line (const guint32 *uids,
                guint          n_uids)
{
  g_autofree char *set = uid_set (uids, n_uids);

  return g_strdup_printf ("UID STORE %s +FLAGS.SILENT (\\Seen)", set);
}

/* What crm_imap_client_mark_seen_later() queued, as one more command of
 * the pipeline. */
static gboolean
send_seen_later (CrmImapClient  *self,
                 GPtrArray      *in_flight,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(GArray) uids = take_seen_later (self);
  g_autofree char *line = NULL;

  if (uids->len == 0)
    return TRUE;

  line = mark_seen_line ((const guint32 *) uids->data, uids->len);

  return send_in_flight (self, in_flight, line, "UID STORE", 0, cancellable, error);
}

/**
 * crm_imap_client_fetch_each_sync:
 * @self: a #CrmImapClient with a folder selected
 * @uids: the UIDs to fetch
 * @n_uids: how many
 * @batch: how many UIDs one UID FETCH command asks for
 * @func: (scope call): given each message as soon as it is read, and
 *   %NULL each time a UID FETCH command has completed
 * @user_data: data for @func
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fetches the messages without marking them read (BODY.PEEK[]), in
 * UID FETCH commands of @batch UIDs each, pipelined: the next command
 * goes out the moment the last message of the one before is in, before
 * that message is handed on and before its completion is read, so the
 * server hardly waits; yet one command's answer never starts before
 * the messages of the one before it have ended. UIDs queued with
 * crm_imap_client_mark_seen_later() meanwhile go out with the next
 * command. On the calling thread.
 *
 * Every message is handed on whole; a command the connection cuts
 * short hands on those that came whole before, but never completes.
 * When @func returns %FALSE, or on any failure, the connection is
 * closed: commands may still be under way on it.
 *
 * Returns: %TRUE when every command ended with OK
 */
gboolean
crm_imap_client_fetch_each_sync (CrmImapClient       *self,
                                 const guint32       *uids,
                                 guint                n_uids,
                                 guint                batch,
                                 CrmImapMessageFunc   func,
                                 gpointer             user_data,
                                 GCancellable        *cancellable,
                                 GError             **error)
{
  g_autoptr(GPtrArray) in_flight = g_ptr_array_new_with_free_func (in_flight_free);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_imap_message_free);
  guint next = 0;

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), FALSE);
  g_return_val_if_fail (uids != NULL || n_uids == 0, FALSE);
  g_return_val_if_fail (batch > 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  for (;;)
    {
      g_autoptr(Response) response = NULL;
      InFlight *command;
      const char *text;
      guint i;

      if (next < n_uids && receiving (in_flight) == NULL)
        {
          guint n = MIN (batch, n_uids - next);
          g_autofree char *set = uid_set (uids + next, n);
          g_autofree char *line = g_strdup_printf ("UID FETCH %s " FETCH_ITEMS, set);

          if (!send_seen_later (self, in_flight, cancellable, error) ||
              !send_in_flight (self, in_flight, line, "UID FETCH", n, cancellable, error))
            goto failed;
          next += n;
        }

      /* the server has the next command before a message is handed on */
      while (messages->len > 0)
        if (!func (g_ptr_array_steal_index (messages, 0), user_data, error))
          goto failed;

      if (in_flight->len == 0)
        return TRUE;

      if (!(response = read_response_sync (self, cancellable, error)))
        goto failed;
      text = response->text->str;

      if (g_str_has_prefix (text, "* "))
        {
          fetch_untagged (self, response, messages);
          if (messages->len > 0 && (command = receiving (in_flight)) != NULL)
            command->received++;
          continue;
        }

      for (i = 0; i < in_flight->len; i++)
        if (completion_of (text, ((InFlight *) g_ptr_array_index (in_flight, i))->tag) != NULL)
          break;
      if (i == in_flight->len)
        {
          set_not_imap (self, text, error);
          goto failed;
        }

      command = g_ptr_array_index (in_flight, i);
      if (!check_completion (self, completion_of (text, command->tag), command->shown, error) ||
          (command->fetch && !func (NULL, user_data, error)))
        goto failed;
      g_ptr_array_remove_index (in_flight, i);
    }

failed:
  drop_connection (self);
  return FALSE;
}

static gboolean
collect_message (CrmImapMessage  *message,
                 gpointer         user_data,
                 GError         **error)
{
  if (message != NULL)
    g_ptr_array_add (user_data, message);

  return TRUE;
}

/**
 * crm_imap_client_fetch_async:
 * @self: a #CrmImapClient with a folder selected
 * @uids: the UIDs to fetch
 * @n_uids: how many
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the messages
 * @user_data: data for @callback
 *
 * Fetches the messages without marking them read (BODY.PEEK[]).
 */
void
crm_imap_client_fetch_async (CrmImapClient       *self,
                             const guint32       *uids,
                             guint                n_uids,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_imap_message_free);
  g_autofree char *set = NULL;
  g_autofree char *line = NULL;
  GTask *task;

  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_imap_client_fetch_async);
  g_task_set_task_data (task, messages, (GDestroyNotify) g_ptr_array_unref);

  if (n_uids == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  set = uid_set (uids, n_uids);
  line = g_strdup_printf ("UID FETCH %s " FETCH_ITEMS, set);
  run_command_async (self, line, "UID FETCH", fetch_untagged, messages, NULL, cancellable,
                     simple_command_cb, task);
}

/**
 * crm_imap_client_fetch_finish:
 * @self: a #CrmImapClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmImapMessage): the messages
 *   the server returned, or %NULL with @error set
 */
GPtrArray *
crm_imap_client_fetch_finish (CrmImapClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return g_ptr_array_ref (g_task_get_task_data (G_TASK (result)));
}

/**
 * crm_imap_client_fetch_sync:
 * @self: a #CrmImapClient with a folder selected
 * @uids: the UIDs to fetch
 * @n_uids: how many
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmImapMessage): the messages
 *   the server returned, or %NULL with @error set
 */
GPtrArray *
crm_imap_client_fetch_sync (CrmImapClient  *self,
                            const guint32  *uids,
                            guint           n_uids,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_imap_message_free);

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), NULL);

  if (!crm_imap_client_fetch_each_sync (self, uids, n_uids, MAX (n_uids, 1), collect_message, messages,
                                        cancellable, error))
    return NULL;

  return g_steal_pointer (&messages);
}

/* UID STORE +FLAGS (\Seen) */

static int
compare_uids (gconstpointer a,
              gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y;
}

/**
 * crm_imap_client_mark_seen_async:
 * @self: a #CrmImapClient with a folder selected
 * @uids: the UIDs to mark read
 * @n_uids: how many
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server has set \Seen, or not
 * @user_data: data for @callback
 */
void
crm_imap_client_mark_seen_async (CrmImapClient       *self,
                                 const guint32       *uids,
                                 guint                n_uids,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autofree char *line = NULL;
  GTask *task;

  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_imap_client_mark_seen_async);
  if (n_uids == 0)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  line = mark_seen_line (uids, n_uids);
  run_command_async (self, line, "UID STORE", NULL, NULL, NULL, cancellable, simple_command_cb, task);
}

gboolean
crm_imap_client_mark_seen_finish (CrmImapClient  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * crm_imap_client_mark_seen_later:
 * @self: a #CrmImapClient
 * @uids: the UIDs to mark read
 * @n_uids: how many
 *
 * Queues UID STORE +FLAGS (\Seen) for @uids; from any thread. A
 * crm_imap_client_fetch_each_sync() under way sends it between its
 * commands, else the next crm_imap_client_mark_seen_sync() does.
 */
void
crm_imap_client_mark_seen_later (CrmImapClient *self,
                                 const guint32 *uids,
                                 guint          n_uids)
{
  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));
  g_return_if_fail (uids != NULL || n_uids == 0);

  g_mutex_lock (&self->seen_lock);
  g_array_append_vals (self->seen_later, uids, n_uids);
  g_mutex_unlock (&self->seen_lock);
}

/**
 * crm_imap_client_mark_seen_sync:
 * @self: a #CrmImapClient with a folder selected
 * @uids: (nullable): the UIDs to mark read
 * @n_uids: how many
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Marks @uids read, and those queued with
 * crm_imap_client_mark_seen_later(), in one command.
 *
 * Returns: %TRUE when the server set \Seen
 */
gboolean
crm_imap_client_mark_seen_sync (CrmImapClient  *self,
                                const guint32  *uids,
                                guint           n_uids,
                                GCancellable   *cancellable,
                                GError        **error)
{
  g_autoptr(GArray) all = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), FALSE);
  g_return_val_if_fail (uids != NULL || n_uids == 0, FALSE);

  all = take_seen_later (self);
  g_array_append_vals (all, uids, n_uids);
  if (all->len == 0)
    return TRUE;

  g_array_sort (all, compare_uids);
  line = mark_seen_line ((const guint32 *) all->data, all->len);

  return run_command_sync (self, line, "UID STORE", NULL, NULL, NULL, cancellable, error);
}

/* IDLE */

/**
 * crm_imap_client_can_idle:
 * @self: a connected #CrmImapClient
 *
 * Returns: whether the server offers IDLE (RFC 2177); without it, poll
 */
gboolean
crm_imap_client_can_idle (CrmImapClient *self)
{
  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), FALSE);

  return has_capability (self, "IDLE");
}

typedef struct
{
  char    *tag;
  GBytes  *line;
  GBytes  *done;
  guint    seconds;
  GSource *timer;
  gboolean done_sent;
  gboolean changed;
} Idle;

static void
idle_free (gpointer data)
{
  Idle *idle = data;

  if (idle->timer != NULL)
    {
      g_source_destroy (idle->timer);
      g_source_unref (idle->timer);
    }
  g_free (idle->tag);
  g_bytes_unref (idle->line);
  g_bytes_unref (idle->done);
  g_free (idle);
}

/* The socket's timeout would end a quiet IDLE: off while it lasts. */
static void
idle_set_quiet (CrmImapClient *self,
                gboolean       quiet)
{
  if (self->connection != NULL)
    g_socket_set_timeout (g_socket_connection_get_socket (self->connection), quiet ? 0 : self->timeout);
}

static void
idle_done_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* a failed write shows as a failed read too */
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
}

static void
idle_send_done (GTask *task)
{
  CrmImapClient *self = g_task_get_source_object (task);
  Idle *idle = g_task_get_task_data (task);

  if (idle->done_sent || g_task_get_completed (task))
    return;

  idle->done_sent = TRUE;
  g_output_stream_write_all_async (self->out, g_bytes_get_data (idle->done, NULL), g_bytes_get_size (idle->done),
                                   G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                   idle_done_written_cb, g_object_ref (task));
}

static gboolean
idle_timer_cb (gpointer user_data)
{
  idle_send_done (user_data);

  return G_SOURCE_REMOVE;
}

static void
idle_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmImapClient *self = CRM_IMAP_CLIENT (source);
  Idle *idle = g_task_get_task_data (task);
  g_autoptr(Response) response = NULL;
  GError *error = NULL;
  const char *text;

  if (!(response = read_response_finish (self, result, &error)))
    {
      idle_set_quiet (self, FALSE);
      g_task_return_error (task, error);
      return;
    }
  text = response->text->str;

  if (g_str_has_prefix (text, "+"))
    {
      /* idling: end it ourselves after the time asked for */
      if (idle->timer == NULL)
        {
          idle->timer = g_timeout_source_new (idle->seconds * 1000);
          g_source_set_callback (idle->timer, idle_timer_cb, g_object_ref (task), g_object_unref);
          g_source_attach (idle->timer, g_main_context_get_thread_default ());
        }
    }
  else if (g_str_has_prefix (text, "* BYE"))
    {
      idle_set_quiet (self, FALSE);
      g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_NETWORK,
                               _("The mail server %s closed the connection: %s"), self->host, text);
      return;
    }
  else if (g_str_has_prefix (text, "* "))
    {
      if (g_str_has_suffix (text, " EXISTS") || g_str_has_suffix (text, " EXPUNGE") ||
          strstr (text, " FETCH (") != NULL || g_str_has_suffix (text, " RECENT"))
        {
          idle->changed = TRUE;
          idle_send_done (task);
        }
    }
  else if (g_str_has_prefix (text, idle->tag) && text[strlen (idle->tag)] == ' ')
    {
      const char *status = text + strlen (idle->tag) + 1;

      idle_set_quiet (self, FALSE);
      if (g_str_has_prefix (status, "OK"))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_REFUSED,
                                 _("The mail server %s refused %s: %s"), self->host, "IDLE", status);
      return;
    }
  else
    {
      idle_set_quiet (self, FALSE);
      g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_PROTOCOL,
                               _("The mail server %s answered something that is not IMAP: %s"),
                               self->host, text);
      return;
    }

  read_response_for (g_steal_pointer (&task), idle_read_cb);
}

static void
idle_written_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  CrmImapClient *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      idle_set_quiet (self, FALSE);
      return_network_error (self, task, error);
      g_object_unref (task);
      return;
    }

  read_response_async (self, g_task_get_cancellable (task), idle_read_cb, task);
}

/**
 * crm_imap_client_idle_async:
 * @self: a #CrmImapClient with a folder selected and IDLE offered
 * @seconds: how long to wait at most (servers end IDLE after 30 minutes)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the folder changed, or the time is up
 * @user_data: data for @callback
 *
 * Waits for the server to say that the selected folder changed.
 */
void
crm_imap_client_idle_async (CrmImapClient       *self,
                            guint                seconds,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Idle *idle = g_new0 (Idle, 1);
  g_autofree char *line = NULL;
  GTask *task;

  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_imap_client_idle_async);
  idle->tag = g_strdup_printf ("a%04u", ++self->tag);
  line = g_strdup_printf ("%s IDLE\r\n", idle->tag);
  idle->line = g_bytes_new (line, strlen (line));
  idle->done = g_bytes_new_static ("DONE\r\n", 6);
  idle->seconds = seconds;
  g_task_set_task_data (task, idle, idle_free);

  if (self->stream == NULL)
    {
      return_network_error (self, task, NULL);
      g_object_unref (task);
      return;
    }

  idle_set_quiet (self, TRUE);
  g_output_stream_write_all_async (self->out, g_bytes_get_data (idle->line, NULL), g_bytes_get_size (idle->line),
                                   G_PRIORITY_DEFAULT, cancellable, idle_written_cb, task);
}

/**
 * crm_imap_client_idle_finish:
 * @self: a #CrmImapClient
 * @result: the result
 * @changed: (out): whether the folder changed (new, gone or changed mail)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the wait ended normally, changed or not
 */
gboolean
crm_imap_client_idle_finish (CrmImapClient  *self,
                             GAsyncResult   *result,
                             gboolean       *changed,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  *changed = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  *changed = ((Idle *) g_task_get_task_data (G_TASK (result)))->changed;

  return TRUE;
}

/**
 * crm_imap_client_idle_sync:
 * @self: a #CrmImapClient with a folder selected and IDLE offered
 * @seconds: how long to wait at most
 * @changed: (out): whether the folder changed
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the wait ended normally, changed or not
 */
gboolean
crm_imap_client_idle_sync (CrmImapClient  *self,
                           guint           seconds,
                           gboolean       *changed,
                           GCancellable   *cancellable,
                           GError        **error)
{
  Sync sync;
  gboolean ok;

  sync_init (&sync);
  crm_imap_client_idle_async (self, seconds, cancellable, sync_done_cb, &sync);
  ok = crm_imap_client_idle_finish (self, sync_wait (&sync), changed, error);
  sync_clear (&sync);

  return ok;
}

/* LIST: the Sent folder */

static const char *
list_line (CrmImapClient *self)
{
  return has_capability (self, "SPECIAL-USE") ? "LIST \"\" \"*\" RETURN (SPECIAL-USE)" : "LIST \"\" \"*\"";
}

/**
 * crm_imap_client_find_sent_async:
 * @self: a connected #CrmImapClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the folder's name, if any
 * @user_data: data for @callback
 *
 * Finds the folder for copies of sent mail: the one flagged \Sent
 * (RFC 6154), else one named as mail programs name it.
 */
void
crm_imap_client_find_sent_async (CrmImapClient       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  SentFolder *found = g_new0 (SentFolder, 1);
  GTask *task;

  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_imap_client_find_sent_async);
  g_task_set_task_data (task, found, sent_folder_free);
  run_command_async (self, list_line (self), "LIST", list_untagged, found, NULL, cancellable, simple_command_cb, task);
}

/**
 * crm_imap_client_find_sent_finish:
 * @self: a #CrmImapClient
 * @result: the result
 * @folder: (out) (transfer full) (nullable): its name as the server
 *   writes it, or %NULL when there is none
 * @error: return location for a #GError
 *
 * Returns: %FALSE with @error set when the folders could not be listed
 */
gboolean
crm_imap_client_find_sent_finish (CrmImapClient  *self,
                                  GAsyncResult   *result,
                                  char          **folder,
                                  GError        **error)
{
  SentFolder *found;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  *folder = NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  found = g_task_get_task_data (G_TASK (result));
  *folder = g_strdup (found->special ? found->special : found->named);

  return TRUE;
}

/**
 * crm_imap_client_find_sent_sync:
 * @self: a connected #CrmImapClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the Sent folder's name, or %NULL
 *   (with @error unset) when there is none
 */
char *
crm_imap_client_find_sent_sync (CrmImapClient  *self,
                                GCancellable   *cancellable,
                                GError        **error)
{
  SentFolder found = { NULL, NULL };
  char *folder = NULL;

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), NULL);

  if (run_command_sync (self, list_line (self), "LIST", list_untagged, &found, NULL, cancellable, error))
    folder = g_strdup (found.special ? found.special : found.named);
  g_free (found.special);
  g_free (found.named);

  return folder;
}

/* APPEND */

/**
 * crm_imap_client_append_async:
 * @self: a connected #CrmImapClient
 * @mailbox: the folder, as crm_imap_client_find_sent_sync() names it
 * @message: the message's bytes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server stored it, or not
 * @user_data: data for @callback
 *
 * Stores a copy of @message in @mailbox, marked read.
 */
void
crm_imap_client_append_async (CrmImapClient       *self,
                              const char          *mailbox,
                              GBytes              *message,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *quoted = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GBytes) literal = NULL;
  GTask *task;

  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));
  g_return_if_fail (mailbox != NULL);
  g_return_if_fail (message != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_imap_client_append_async);
  quoted = quote (mailbox);
  line = g_strdup_printf ("APPEND %s (\\Seen) {%zu}", quoted, g_bytes_get_size (message));
  literal = bytes_with_crlf (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  run_command_async (self, line, "APPEND", NULL, NULL, literal, cancellable, simple_command_cb, task);
}

gboolean
crm_imap_client_append_finish (CrmImapClient  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * crm_imap_client_append_sync:
 * @self: a connected #CrmImapClient
 * @mailbox: the folder
 * @message: the message's bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server stored it
 */
gboolean
crm_imap_client_append_sync (CrmImapClient  *self,
                             const char     *mailbox,
                             GBytes         *message,
                             GCancellable   *cancellable,
                             GError        **error)
{
  g_autofree char *quoted = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GBytes) literal = NULL;

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), FALSE);
  g_return_val_if_fail (mailbox != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  quoted = quote (mailbox);
  line = g_strdup_printf ("APPEND %s (\\Seen) {%zu}", quoted, g_bytes_get_size (message));
  literal = bytes_with_crlf (g_bytes_get_data (message, NULL), g_bytes_get_size (message));

  return run_command_sync (self, line, "APPEND", NULL, NULL, literal, cancellable, error);
}

/**
 * crm_imap_client_logout:
 * @self: a #CrmImapClient
 *
 * Says goodbye, if still connected, and closes the connection. Waits
 * for the server's answer (at most the timeout).
 */
void
crm_imap_client_logout (CrmImapClient *self)
{
  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));

  if (self->stream == NULL)
    return;

  run_command_sync (self, "LOGOUT", NULL, NULL, NULL, NULL, NULL, NULL);
  drop_connection (self);
}

static void
crm_imap_client_finalize (GObject *object)
{
  CrmImapClient *self = (CrmImapClient *)object;

  g_clear_object (&self->in);
  g_clear_object (&self->stream);
  g_clear_object (&self->connection);
  g_clear_object (&self->socket_client);
  g_clear_pointer (&self->seen_later, g_array_unref);
  g_mutex_clear (&self->seen_lock);
  g_free (self->refusal);
  g_strfreev (self->capabilities);
  g_free (self->host);
  g_free (self->security);
  g_free (self->username);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);

  G_OBJECT_CLASS (crm_imap_client_parent_class)->finalize (object);
}

static void
crm_imap_client_class_init (CrmImapClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_imap_client_finalize;
}

static void
crm_imap_client_init (CrmImapClient *self)
{
  self->timeout = 60;
  self->socket_client = g_socket_client_new ();
  g_mutex_init (&self->seen_lock);
  self->seen_later = g_array_new (FALSE, FALSE, sizeof (guint32));
}

/**
 * crm_imap_client_new:
 * @host: the server
 * @port: its port
 * @security: "tls" (implicit), "starttls" or "none"
 * @username: the user name
 * @password: the password
 *
 * Returns: (transfer full): a client, not yet connected
 */
CrmImapClient *
crm_imap_client_new (const char *host,
                     guint16     port,
                     const char *security,
                     const char *username,
                     const char *password)
{
  CrmImapClient *self;

  g_return_val_if_fail (host != NULL, NULL);
  g_return_val_if_fail (g_strcmp0 (security, "tls") == 0 || g_strcmp0 (security, "starttls") == 0 ||
                        g_strcmp0 (security, "none") == 0, NULL);

  self = g_object_new (CRM_TYPE_IMAP_CLIENT, NULL);
  self->host = g_strdup (host);
  self->port = port;
  self->security = g_strdup (security);
  self->username = g_strdup (username);
  self->password = g_strdup (password);

  return self;
}

void
crm_imap_client_set_timeout (CrmImapClient *self,
                             guint          seconds)
{
  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));

  self->timeout = seconds;
}
