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
 * An IMAP4rev1 client (RFC 3501) for reading the shared mailbox: the
 * greeting, CAPABILITY, STARTTLS (refusing to go on in clear text when
 * encryption was asked for; nothing read before the handshake is
 * kept), AUTHENTICATE PLAIN or LOGIN (with the password as a literal
 * when it cannot be quoted), SELECT with UIDVALIDITY and UIDNEXT, UID
 * SEARCH UNSEEN, UID FETCH of the exact message bytes with FLAGS,
 * INTERNALDATE and RFC822.SIZE (literals of any size), UID STORE
 * +FLAGS (\Seen), IDLE (RFC 2177), LIST of the Sent folder (RFC 6154
 * SPECIAL-USE, else by name), APPEND and LOGOUT. Unsolicited
 * responses (EXISTS, EXPUNGE, FETCH of flags) may come at any point
 * and are skipped, or end an IDLE.
 *
 * The calls block with a timeout and honour their cancellable: run
 * them in a worker thread (crmctl, or the engine's GTask), never on the
 * main loop.
 */
struct _CrmImapClient
{
  GObject           parent_instance;

  char             *host;
  guint16           port;
  char             *security;
  char             *username;
  char             *password;
  guint             timeout;

  GSocketClient    *socket_client;
  GSocketConnection *connection;
  GIOStream        *stream;
  GDataInputStream *in;
  GOutputStream    *out;
  GStrv             capabilities;
  guint             tag;
  /* sent when the server asks for more with "+": a literal or SASL */
  GBytes           *continuation;
  /* the server's words when it last refused a command */
  char             *refusal;
};

G_DEFINE_FINAL_TYPE (CrmImapClient, crm_imap_client, G_TYPE_OBJECT)
G_DEFINE_QUARK (crm-imap-error-quark, crm_imap_error)

#define LITERAL_MARK '\x01'
/* more than any mail a person sends; a server cannot make us allocate more */
#define MAX_LITERAL (256 * 1024 * 1024)

/* One response: its text, with each literal replaced by LITERAL_MARK
 * and its index, and the literals' bytes. */
typedef struct
{
  GString   *text;
  GPtrArray *literals;
} Response;

static void
response_clear (Response *response)
{
  g_string_truncate (response->text, 0);
  g_ptr_array_set_size (response->literals, 0);
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

static void
set_network_error (CrmImapClient  *self,
                   GError        **error,
                   const GError   *cause)
{
  g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_NETWORK,
               /* Translators: a server, then the system's reason */
               _("The connection to the mail server %s failed: %s"),
               self->host, cause ? cause->message : _("the server closed the connection"));
}

static gboolean
read_response (CrmImapClient  *self,
               Response       *response,
               GCancellable   *cancellable,
               GError        **error)
{
  response_clear (response);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *line = NULL;
      gsize len = 0;
      const char *brace;
      guint64 size;

      line = g_data_input_stream_read_line (self->in, &len, cancellable, &local_error);
      if (line == NULL)
        {
          set_network_error (self, error, local_error);
          return FALSE;
        }
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';

      /* a literal announced at the end of the line: {N} or {N+} */
      brace = len > 2 && line[len - 1] == '}' ? strrchr (line, '{') : NULL;
      if (brace == NULL)
        {
          g_string_append (response->text, line);
          return TRUE;
        }

      size = g_ascii_strtoull (brace + 1, NULL, 10);
      if (size > MAX_LITERAL)
        {
          g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_PROTOCOL,
                       _("The mail server %s announced a message of %llu bytes; "
                         "messages over 256 MB are not read."),
                       self->host, (unsigned long long) size);
          return FALSE;
        }
      g_string_append_len (response->text, line, brace - line);
      g_string_append_printf (response->text, "%c%u", LITERAL_MARK, response->literals->len);

      {
        guint8 *data = g_malloc (size + 1);
        gsize got = 0;

        if (!g_input_stream_read_all (G_INPUT_STREAM (self->in), data, size, &got, cancellable, &local_error) ||
            got != size)
          {
            g_free (data);
            set_network_error (self, error, local_error);
            return FALSE;
          }
        g_ptr_array_add (response->literals, g_bytes_new_take (data, size));
      }
    }
}

static gboolean
send_line (CrmImapClient  *self,
           const char     *line,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *full = g_strconcat (line, "\r\n", NULL);

  if (!g_output_stream_write_all (self->out, full, strlen (full), NULL, cancellable, &local_error))
    {
      set_network_error (self, error, local_error);
      return FALSE;
    }

  return TRUE;
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

typedef void (*UntaggedFunc) (CrmImapClient *self,
                              Response      *response,
                              gpointer       user_data);

/* Sends a tagged command and reads until its completion; untagged
 * responses go to @untagged (or are skipped). */
static gboolean
run_command (CrmImapClient  *self,
             const char     *command,
             const char     *shown,
             UntaggedFunc    untagged,
             gpointer        user_data,
             GCancellable   *cancellable,
             GError        **error)
{
  Response response = { g_string_new (NULL), g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref) };
  g_autofree char *tag = g_strdup_printf ("a%04u", ++self->tag);
  g_autofree char *line = g_strdup_printf ("%s %s", tag, command);
  gboolean ok = FALSE;

  if (!send_line (self, line, cancellable, error))
    goto out;

  for (;;)
    {
      if (!read_response (self, &response, cancellable, error))
        goto out;

      if (g_str_has_prefix (response.text->str, "* "))
        {
          read_capabilities (self, response.text->str);
          if (untagged != NULL)
            untagged (self, &response, user_data);
          continue;
        }
      if (g_str_has_prefix (response.text->str, "+"))
        {
          g_autoptr(GBytes) more = g_steal_pointer (&self->continuation);
          g_autoptr(GError) local_error = NULL;

          if (more == NULL)
            continue;
          if (!g_output_stream_write_all (self->out, g_bytes_get_data (more, NULL), g_bytes_get_size (more),
                                          NULL, cancellable, &local_error))
            {
              set_network_error (self, error, local_error);
              goto out;
            }
          continue;
        }

      if (g_str_has_prefix (response.text->str, tag) && response.text->str[strlen (tag)] == ' ')
        {
          const char *status = response.text->str + strlen (tag) + 1;

          read_capabilities (self, status);
          if (g_str_has_prefix (status, "OK"))
            ok = TRUE;
          else
            {
              g_free (self->refusal);
              self->refusal = g_strdup (status);
              g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_REFUSED,
                           /* Translators: a server, the command, the server's words */
                           _("The mail server %s refused %s: %s"),
                           self->host, shown ? shown : command, status);
            }
          goto out;
        }

      g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_PROTOCOL,
                   _("The mail server %s answered something that is not IMAP: %s"),
                   self->host, response.text->str);
      goto out;
    }

out:
  g_clear_pointer (&self->continuation, g_bytes_unref);
  g_string_free (response.text, TRUE);
  g_ptr_array_unref (response.literals);

  return ok;
}

/* Runs @command, which ends in a literal announcement, sending @data
 * followed by CRLF when the server asks for it. */
static gboolean
run_command_with_literal (CrmImapClient  *self,
                          const char     *command,
                          const char     *shown,
                          const void     *data,
                          gsize           size,
                          GCancellable   *cancellable,
                          GError        **error)
{
  GByteArray *bytes = g_byte_array_sized_new (size + 2);

  g_byte_array_append (bytes, data, size);
  g_byte_array_append (bytes, (const guint8 *) "\r\n", 2);
  g_clear_pointer (&self->continuation, g_bytes_unref);
  self->continuation = g_byte_array_free_to_bytes (bytes);

  return run_command (self, command, shown, NULL, NULL, cancellable, error);
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

/* AUTHENTICATE PLAIN (RFC 4616) when offered, with the initial
 * response inline where SASL-IR allows; else LOGIN, the password as a
 * literal when it cannot be quoted. */
static gboolean
authenticate (CrmImapClient  *self,
              GCancellable   *cancellable,
              GError        **error)
{
  const char *user = self->username ? self->username : "";
  const char *password = self->password ? self->password : "";
  g_autofree char *quoted_user = quote (user);
  gboolean ok;

  if (has_capability (self, "AUTH=PLAIN"))
    {
      gsize user_len = strlen (user);
      gsize password_len = strlen (password);
      gsize len = 1 + user_len + 1 + password_len;
      g_autofree guchar *plain = g_malloc0 (len);
      g_autofree char *encoded = NULL;
      g_autofree char *command = NULL;

      /* authorization identity (empty) NUL user NUL password */
      memcpy (plain + 1, user, user_len);
      memcpy (plain + 2 + user_len, password, password_len);
      encoded = g_base64_encode (plain, len);
      memset (plain, 0, len);

      if (has_capability (self, "SASL-IR"))
        {
          command = g_strconcat ("AUTHENTICATE PLAIN ", encoded, NULL);
          ok = run_command (self, command, "AUTHENTICATE PLAIN", NULL, NULL, cancellable, error);
          memset (command, 0, strlen (command));
        }
      else
        {
          g_clear_pointer (&self->continuation, g_bytes_unref);
          command = g_strconcat (encoded, "\r\n", NULL);
          self->continuation = g_bytes_new (command, strlen (command));
          memset (command, 0, strlen (command));
          ok = run_command (self, "AUTHENTICATE PLAIN", NULL, NULL, NULL, cancellable, error);
        }
      memset (encoded, 0, strlen (encoded));
      return ok;
    }

  if (has_capability (self, "LOGINDISABLED"))
    {
      g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_TLS_REQUIRED,
                   _("The mail server %s does not allow logging in on this connection. "
                     "Choose TLS or STARTTLS as the security setting."),
                   self->host);
      return FALSE;
    }

  if (quotable (password))
    {
      g_autofree char *quoted = quote (password);
      g_autofree char *command = g_strdup_printf ("LOGIN %s %s", quoted_user, quoted);

      ok = run_command (self, command, "LOGIN", NULL, NULL, cancellable, error);
      memset (quoted, 0, strlen (quoted));
      memset (command, 0, strlen (command));
    }
  else
    {
      g_autofree char *command = g_strdup_printf ("LOGIN %s {%zu}", quoted_user, strlen (password));

      ok = run_command_with_literal (self, command, "LOGIN", password, strlen (password),
                                     cancellable, error);
    }

  return ok;
}

/**
 * crm_imap_client_connect_sync:
 * @self: a #CrmImapClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects, reads the greeting, secures the connection as configured
 * and logs in.
 *
 * Returns: %TRUE when logged in
 */
gboolean
crm_imap_client_connect_sync (CrmImapClient  *self,
                              GCancellable   *cancellable,
                              GError        **error)
{
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  Response greeting = { g_string_new (NULL), g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref) };
  gboolean ok = FALSE;

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), FALSE);

  if (!g_str_equal (self->security, "none") && !crm_tls_get_database (&database, &local_error))
    {
      set_network_error (self, error, local_error);
      goto out;
    }

  g_socket_client_set_timeout (self->socket_client, self->timeout);
  g_socket_client_set_tls (self->socket_client, g_str_equal (self->security, "tls"));
  if (database != NULL)
    g_signal_connect_object (self->socket_client, "event", G_CALLBACK (socket_event_cb), database, 0);

  connection = g_socket_client_connect_to_host (self->socket_client, self->host, self->port,
                                                cancellable, &local_error);
  if (connection == NULL)
    {
      set_network_error (self, error, local_error);
      goto out;
    }
  g_set_object (&self->connection, connection);
  use_stream (self, G_IO_STREAM (connection));

  if (!read_response (self, &greeting, cancellable, error))
    goto out;
  if (!g_str_has_prefix (greeting.text->str, "* OK"))
    {
      g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_PROTOCOL,
                   _("The mail server %s answered something that is not IMAP: %s"),
                   self->host, greeting.text->str);
      goto out;
    }
  read_capabilities (self, greeting.text->str);

  if (self->capabilities == NULL &&
      !run_command (self, "CAPABILITY", NULL, NULL, NULL, cancellable, error))
    goto out;

  if (g_str_equal (self->security, "starttls"))
    {
      g_autoptr(GIOStream) tls = NULL;
      g_autoptr(GSocketConnectable) identity = g_network_address_new (self->host, self->port);

      if (!has_capability (self, "STARTTLS"))
        {
          g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_TLS_REQUIRED,
                       _("The mail server %s does not offer STARTTLS, so the password was not "
                         "sent in clear text. Ask for encryption on the server, or choose "
                         "another security setting."),
                       self->host);
          goto out;
        }
      if (!run_command (self, "STARTTLS", NULL, NULL, NULL, cancellable, error))
        goto out;

      tls = g_tls_client_connection_new (self->stream, identity, &local_error);
      if (tls != NULL && database != NULL)
        g_tls_connection_set_database (G_TLS_CONNECTION (tls), database);
      if (tls == NULL ||
          !g_tls_connection_handshake (G_TLS_CONNECTION (tls), cancellable, &local_error))
        {
          set_network_error (self, error, local_error);
          goto out;
        }
      use_stream (self, tls);
      g_clear_pointer (&self->capabilities, g_strfreev);
      if (!run_command (self, "CAPABILITY", NULL, NULL, NULL, cancellable, error))
        goto out;
    }

  if (!authenticate (self, cancellable, &local_error))
    {
      if (g_error_matches (local_error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_REFUSED))
        g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_AUTH_FAILED,
                     /* Translators: a server, then its own words */
                     _("The mail server %s did not accept the user name or password: %s"),
                     self->host, self->refusal);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }

  ok = TRUE;

out:
  g_string_free (greeting.text, TRUE);
  g_ptr_array_unref (greeting.literals);

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

/**
 * crm_imap_client_select_sync:
 * @self: a #CrmImapClient
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
  g_autofree char *quoted = quote (mailbox);
  g_autofree char *command = g_strdup_printf ("SELECT %s", quoted);
  Selected selected = { 0 };

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), FALSE);

  if (!run_command (self, command, NULL, select_untagged, &selected, cancellable, error))
    return FALSE;

  if (uidvalidity != NULL)
    *uidvalidity = selected.uidvalidity;
  if (uidnext != NULL)
    *uidnext = selected.uidnext;

  return TRUE;
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

  if (!run_command (self, "UID SEARCH UNSEEN", NULL, search_untagged, uids, cancellable, error))
    return NULL;

  return g_steal_pointer (&uids);
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

static char *
uid_set (const guint32 *uids,
         guint          n_uids)
{
  GString *set = g_string_new (NULL);

  for (guint i = 0; i < n_uids; i++)
    g_string_append_printf (set, "%s%u", i > 0 ? "," : "", uids[i]);

  return g_string_free (set, FALSE);
}

/**
 * crm_imap_client_fetch_sync:
 * @self: a #CrmImapClient with a folder selected
 * @uids: the UIDs to fetch
 * @n_uids: how many
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fetches the messages without marking them read (BODY.PEEK[]).
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
  g_autofree char *set = NULL;
  g_autofree char *command = NULL;

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), NULL);

  if (n_uids == 0)
    return g_steal_pointer (&messages);

  set = uid_set (uids, n_uids);
  command = g_strdup_printf ("UID FETCH %s (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])", set);
  if (!run_command (self, command, "UID FETCH", fetch_untagged, messages, cancellable, error))
    return NULL;

  return g_steal_pointer (&messages);
}

/**
 * crm_imap_client_mark_seen_sync:
 * @self: a #CrmImapClient with a folder selected
 * @uids: the UIDs to mark read
 * @n_uids: how many
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
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
  g_autofree char *set = NULL;
  g_autofree char *command = NULL;

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), FALSE);

  if (n_uids == 0)
    return TRUE;

  set = uid_set (uids, n_uids);
  command = g_strdup_printf ("UID STORE %s +FLAGS.SILENT (\\Seen)", set);

  return run_command (self, command, "UID STORE", NULL, NULL, cancellable, error);
}

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

/* Waits until a response can be read, @seconds at most. */
static gboolean
wait_readable (CrmImapClient  *self,
               gint64          deadline,
               gboolean       *timed_out,
               GCancellable   *cancellable,
               GError        **error)
{
  GInputStream *base = g_io_stream_get_input_stream (self->stream);
  GSocket *socket = g_socket_connection_get_socket (self->connection);

  *timed_out = FALSE;
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gint64 left = deadline - g_get_monotonic_time ();

      if (g_buffered_input_stream_get_available (G_BUFFERED_INPUT_STREAM (self->in)) > 0 ||
          (G_IS_POLLABLE_INPUT_STREAM (base) &&
           g_pollable_input_stream_is_readable (G_POLLABLE_INPUT_STREAM (base))))
        return TRUE;

      if (left <= 0)
        {
          *timed_out = TRUE;
          return TRUE;
        }

      if (!g_socket_condition_timed_wait (socket, G_IO_IN, left, cancellable, &local_error) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        {
          set_network_error (self, error, local_error);
          return FALSE;
        }
    }
}

/**
 * crm_imap_client_idle_sync:
 * @self: a #CrmImapClient with a folder selected and IDLE offered
 * @seconds: how long to wait at most (servers end IDLE after 30 minutes)
 * @changed: (out): whether the folder changed (new, gone or changed mail)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Waits for the server to say that the selected folder changed.
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
  Response response = { g_string_new (NULL), g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref) };
  g_autofree char *tag = g_strdup_printf ("a%04u", ++self->tag);
  g_autofree char *line = g_strdup_printf ("%s IDLE", tag);
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  gboolean done_sent = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), FALSE);
  g_return_val_if_fail (self->stream != NULL, FALSE);

  *changed = FALSE;
  if (!send_line (self, line, cancellable, error))
    goto out;

  for (;;)
    {
      gboolean timed_out = FALSE;

      if (!done_sent)
        {
          if (!wait_readable (self, deadline, &timed_out, cancellable, error))
            goto out;
          if (timed_out)
            {
              if (!send_line (self, "DONE", cancellable, error))
                goto out;
              done_sent = TRUE;
              continue;
            }
        }

      if (!read_response (self, &response, cancellable, error))
        goto out;

      if (g_str_has_prefix (response.text->str, "+"))
        continue;
      if (g_str_has_prefix (response.text->str, "* "))
        {
          const char *text = response.text->str;

          if (g_str_has_suffix (text, " EXISTS") || g_str_has_suffix (text, " EXPUNGE") ||
              strstr (text, " FETCH (") != NULL || strstr (text, " RECENT") != NULL)
            {
              *changed = TRUE;
              if (!done_sent)
                {
                  if (!send_line (self, "DONE", cancellable, error))
                    goto out;
                  done_sent = TRUE;
                }
            }
          else if (g_str_has_prefix (text, "* BYE"))
            {
              g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_NETWORK,
                           _("The mail server %s closed the connection: %s"), self->host, text);
              goto out;
            }
          continue;
        }
      if (g_str_has_prefix (response.text->str, tag) && response.text->str[strlen (tag)] == ' ')
        {
          const char *status = response.text->str + strlen (tag) + 1;

          if (g_str_has_prefix (status, "OK"))
            ok = TRUE;
          else
            g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_REFUSED,
                         _("The mail server %s refused %s: %s"), self->host, "IDLE", status);
          goto out;
        }

      g_set_error (error, CRM_IMAP_ERROR, CRM_IMAP_ERROR_PROTOCOL,
                   _("The mail server %s answered something that is not IMAP: %s"),
                   self->host, response.text->str);
      goto out;
    }

out:
  g_string_free (response.text, TRUE);
  g_ptr_array_unref (response.literals);

  return ok;
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

/**
 * crm_imap_client_find_sent_sync:
 * @self: a connected #CrmImapClient
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds the folder for copies of sent mail: the one flagged \Sent
 * (RFC 6154), else one named as mail programs name it.
 *
 * Returns: (transfer full) (nullable): its name as the server writes
 *   it, or %NULL (with @error unset) when there is none
 */
char *
crm_imap_client_find_sent_sync (CrmImapClient  *self,
                                GCancellable   *cancellable,
                                GError        **error)
{
  SentFolder found = { NULL, NULL };
  const char *command = has_capability (self, "SPECIAL-USE") ? "LIST \"\" \"*\" RETURN (SPECIAL-USE)"
                                                              : "LIST \"\" \"*\"";

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), NULL);

  if (!run_command (self, command, "LIST", list_untagged, &found, cancellable, error))
    {
      g_free (found.special);
      g_free (found.named);
      return NULL;
    }

  if (found.special != NULL)
    {
      g_free (found.named);
      return found.special;
    }

  return found.named;
}

/**
 * crm_imap_client_append_sync:
 * @self: a connected #CrmImapClient
 * @mailbox: the folder, as crm_imap_client_find_sent_sync() names it
 * @message: the message's bytes
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Stores a copy of @message in @mailbox, marked read.
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
  g_autofree char *command = NULL;

  g_return_val_if_fail (CRM_IS_IMAP_CLIENT (self), FALSE);
  g_return_val_if_fail (mailbox != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  quoted = quote (mailbox);
  command = g_strdup_printf ("APPEND %s (\\Seen) {%zu}", quoted, g_bytes_get_size (message));

  return run_command_with_literal (self, command, "APPEND",
                                   g_bytes_get_data (message, NULL), g_bytes_get_size (message),
                                   cancellable, error);
}

/**
 * crm_imap_client_logout:
 * @self: a #CrmImapClient
 *
 * Says goodbye, if still connected, and closes the connection.
 */
void
crm_imap_client_logout (CrmImapClient *self)
{
  g_return_if_fail (CRM_IS_IMAP_CLIENT (self));

  if (self->stream == NULL)
    return;

  run_command (self, "LOGOUT", NULL, NULL, NULL, NULL, NULL);
  g_io_stream_close (self->stream, NULL, NULL);
  g_clear_object (&self->in);
  g_clear_object (&self->stream);
  g_clear_object (&self->connection);
  self->out = NULL;
}

static void
crm_imap_client_finalize (GObject *object)
{
  CrmImapClient *self = (CrmImapClient *)object;

  g_clear_object (&self->in);
  g_clear_object (&self->stream);
  g_clear_object (&self->connection);
  g_clear_object (&self->socket_client);
  g_clear_pointer (&self->continuation, g_bytes_unref);
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
