/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-imap"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-imap-client.h"
#include "crm-tls.h"
#include "crm-imap-client-private.h"

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

G_DEFINE_FINAL_TYPE (CrmImapClient, crm_imap_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (crm-imap-error-quark, crm_imap_error)

/* more than any mail a person sends; a server cannot make us allocate more */
#define MAX_LITERAL (256 * 1024 * 1024)
/* the reader's buffer: a whole small message, or a big one's start, per read */
#define READ_BUFFER (128 * 1024)

static Response *
response_new (void)
{
  Response *response = g_new0 (Response, 1);

  response->text = g_string_new (NULL);
  response->literals = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  return response;
}

void
_crm_imap_response_free (Response *response)
{
  g_string_free (response->text, TRUE);
  g_ptr_array_unref (response->literals);
  g_free (response->pending);
  g_free (response);
}

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
void
_crm_imap_return_network_error (CrmImapClient *self,
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

void
_crm_imap_sync_init (Sync *sync)
{
  sync->context = g_main_context_new ();
  sync->result = NULL;
  g_main_context_push_thread_default (sync->context);
}

void
_crm_imap_sync_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Sync *sync = user_data;

  sync->result = g_object_ref (result);
}

GAsyncResult *
_crm_imap_sync_wait (Sync *sync)
{
  while (sync->result == NULL)
    g_main_context_iteration (sync->context, TRUE);

  return sync->result;
}

void
_crm_imap_sync_clear (Sync *sync)
{
  /* what the answered call left to run here (a read's sources going
   * away, a finished task's own idle) runs before the context goes:
   * freed with it, a source a stream still holds would be lost */
  while (g_main_context_iteration (sync->context, FALSE))
    ;
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
      _crm_imap_return_network_error (self, task, error);
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
      _crm_imap_return_network_error (self, task, error);
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
      g_task_return_pointer (task, done, (GDestroyNotify) _crm_imap_response_free);
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

void
_crm_imap_read_response_async (CrmImapClient       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _crm_imap_read_response_async);
  g_task_set_task_data (task, response_new (), (GDestroyNotify) _crm_imap_response_free);
  read_next_line (task);
}

Response *
_crm_imap_read_response_finish (CrmImapClient  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The same, blocking, on the calling thread. A literal is read straight
 * into the memory that then holds it, never copied. */
Response *
_crm_imap_read_response_sync (CrmImapClient  *self,
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

gboolean
_crm_imap_has_capability (CrmImapClient *self,
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

char *
_crm_imap_quote (const char *text)
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
void
_crm_imap_read_response_for (GTask               *task,
                             GAsyncReadyCallback  callback)
{
  CrmImapClient *self = g_task_get_source_object (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  _crm_imap_read_response_async (self, cancellable, callback, task);
}

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
      _crm_imap_return_network_error (self, task, error);
      return;
    }

  _crm_imap_read_response_for (g_steal_pointer (&task), command_read_cb);
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

  if (!(response = _crm_imap_read_response_finish (self, result, &error)))
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
      _crm_imap_read_response_for (g_steal_pointer (&task), command_read_cb);
      return;
    }

  if (g_str_has_prefix (text, "+"))
    {
      GBytes *more = g_steal_pointer (&command->continuation);

      if (more != NULL)
        command_write (g_steal_pointer (&task), more);
      else
        _crm_imap_read_response_for (g_steal_pointer (&task), command_read_cb);
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
void
_crm_imap_run_command_async (CrmImapClient       *self,
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

  g_task_set_source_tag (task, _crm_imap_run_command_async);
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
void
_crm_imap_simple_command_cb (GObject      *source,
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

GBytes *
_crm_imap_bytes_with_crlf (const void *data,
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
void
_crm_imap_drop_connection (CrmImapClient *self)
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
char *
_crm_imap_send_command (CrmImapClient  *self,
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
const char *
_crm_imap_completion_of (const char *text,
                         const char *tag)
{
  gsize len = strlen (tag);

  return strncmp (text, tag, len) == 0 && text[len] == ' ' ? text + len + 1 : NULL;
}

/* A tagged completion: %TRUE for OK, else the refusal in @error. */
gboolean
_crm_imap_check_completion (CrmImapClient  *self,
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

void
_crm_imap_set_not_imap (CrmImapClient  *self,
                        const char     *text,
                        GError        **error)
{
  g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_PROTOCOL,
               _("The mail server %s answered something that is not IMAP: %s"),
               self->host, text);
}

/* _crm_imap_run_command_async(), blocking. */
gboolean
_crm_imap_run_command_sync (CrmImapClient  *self,
                            const char     *line,
                            const char     *shown,
                            UntaggedFunc    untagged,
                            gpointer        user_data,
                            GBytes         *continuation,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autofree char *tag = _crm_imap_send_command (self, line, cancellable, error);

  if (tag == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(Response) response = _crm_imap_read_response_sync (self, cancellable, error);
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
      else if ((status = _crm_imap_completion_of (text, tag)) != NULL)
        return _crm_imap_check_completion (self, status, shown ? shown : line, error);
      else
        {
          _crm_imap_set_not_imap (self, text, error);
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
  g_autofree char *quoted_user = _crm_imap_quote (user);

  if (_crm_imap_has_capability (self, "AUTH=PLAIN"))
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

      if (_crm_imap_has_capability (self, "SASL-IR"))
        {
          g_autofree char *line = g_strconcat ("AUTHENTICATE PLAIN ", encoded, NULL);

          _crm_imap_run_command_async (self, line, "AUTHENTICATE PLAIN", NULL, NULL, NULL, cancellable, login_cb, task);
          memset (line, 0, strlen (line));
        }
      else
        {
          g_autoptr(GBytes) response = _crm_imap_bytes_with_crlf (encoded, strlen (encoded));

          _crm_imap_run_command_async (self, "AUTHENTICATE PLAIN", NULL, NULL, NULL, response, cancellable, login_cb, task);
        }
      memset (encoded, 0, strlen (encoded));
      return;
    }

  if (_crm_imap_has_capability (self, "LOGINDISABLED"))
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
      g_autofree char *quoted = _crm_imap_quote (password);
      g_autofree char *line = g_strdup_printf ("LOGIN %s %s", quoted_user, quoted);

      _crm_imap_run_command_async (self, line, "LOGIN", NULL, NULL, NULL, cancellable, login_cb, task);
      memset (quoted, 0, strlen (quoted));
      memset (line, 0, strlen (line));
    }
  else
    {
      g_autofree char *line = g_strdup_printf ("LOGIN %s {%zu}", quoted_user, strlen (password));
      g_autoptr(GBytes) literal = _crm_imap_bytes_with_crlf (password, strlen (password));

      _crm_imap_run_command_async (self, line, "LOGIN", NULL, NULL, literal, cancellable, login_cb, task);
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
      _crm_imap_return_network_error (self, task, error);
      g_object_unref (task);
      return;
    }

  use_stream (self, G_IO_STREAM (source));
  /* what the server said before the handshake counts for nothing */
  g_clear_pointer (&self->capabilities, g_strfreev);
  _crm_imap_run_command_async (self, "CAPABILITY", NULL, NULL, NULL, NULL, g_task_get_cancellable (task),
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
        _crm_imap_return_network_error (self, task, error);
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

  if (!_crm_imap_has_capability (self, "STARTTLS"))
    {
      g_task_return_new_error (task, CRM_IMAP_ERROR, CRM_IMAP_ERROR_TLS_REQUIRED,
                               _("The mail server %s does not offer STARTTLS, so the password was not "
                                 "sent in clear text. Ask for encryption on the server, or choose "
                                 "another security setting."),
                               self->host);
      g_object_unref (task);
      return;
    }

  _crm_imap_run_command_async (self, "STARTTLS", NULL, NULL, NULL, NULL, g_task_get_cancellable (task), starttls_cb, task);
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

  if (!(greeting = _crm_imap_read_response_finish (self, result, &error)))
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
    _crm_imap_run_command_async (self, "CAPABILITY", NULL, NULL, NULL, NULL, g_task_get_cancellable (task),
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
      _crm_imap_return_network_error (self, task, error);
      g_object_unref (task);
      return;
    }

  g_set_object (&self->connection, connection);
  use_stream (self, G_IO_STREAM (connection));
  _crm_imap_read_response_async (self, g_task_get_cancellable (task), greeting_cb, task);
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
      _crm_imap_return_network_error (self, task, error);
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

  _crm_imap_sync_init (&sync);
  crm_imap_client_connect_async (self, cancellable, _crm_imap_sync_done_cb, &sync);
  ok = crm_imap_client_connect_finish (self, _crm_imap_sync_wait (&sync), error);
  _crm_imap_sync_clear (&sync);

  return ok;
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

  _crm_imap_run_command_sync (self, "LOGOUT", NULL, NULL, NULL, NULL, NULL, NULL);
  _crm_imap_drop_connection (self);
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
