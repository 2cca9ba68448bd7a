/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-imap"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-imap-client-private.h"

/* The IMAP commands the mail engine uses: SELECT, UID SEARCH UNSEEN,
 * pipelined UID FETCH, UID STORE, IDLE, LIST (the Sent folder) and
 * APPEND. The connection, the login and the reading of responses are
 * in crm-imap-client.c. */

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
  quoted = _crm_imap_quote (mailbox);
  line = g_strdup_printf ("SELECT %s", quoted);
  _crm_imap_run_command_async (self, line, NULL, select_untagged, selected, NULL, cancellable, _crm_imap_simple_command_cb, task);
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

  quoted = _crm_imap_quote (mailbox);
  line = g_strdup_printf ("SELECT %s", quoted);
  if (!_crm_imap_run_command_sync (self, line, NULL, select_untagged, &selected, NULL, cancellable, error))
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
  _crm_imap_run_command_async (self, "UID SEARCH UNSEEN", NULL, search_untagged, uids, NULL, cancellable,
                     _crm_imap_simple_command_cb, task);
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

  if (!_crm_imap_run_command_sync (self, "UID SEARCH UNSEEN", NULL, search_untagged, uids, NULL, cancellable, error))
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
  char *tag = _crm_imap_send_command (self, line, cancellable, error);

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

      if (!(response = _crm_imap_read_response_sync (self, cancellable, error)))
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
        if (_crm_imap_completion_of (text, ((InFlight *) g_ptr_array_index (in_flight, i))->tag) != NULL)
          break;
      if (i == in_flight->len)
        {
          _crm_imap_set_not_imap (self, text, error);
          goto failed;
        }

      command = g_ptr_array_index (in_flight, i);
      if (!_crm_imap_check_completion (self, _crm_imap_completion_of (text, command->tag), command->shown, error) ||
          (command->fetch && !func (NULL, user_data, error)))
        goto failed;
      g_ptr_array_remove_index (in_flight, i);
    }

failed:
  _crm_imap_drop_connection (self);
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
  _crm_imap_run_command_async (self, line, "UID FETCH", fetch_untagged, messages, NULL, cancellable,
                     _crm_imap_simple_command_cb, task);
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
  _crm_imap_run_command_async (self, line, "UID STORE", NULL, NULL, NULL, cancellable, _crm_imap_simple_command_cb, task);
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

  return _crm_imap_run_command_sync (self, line, "UID STORE", NULL, NULL, NULL, cancellable, error);
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

  return _crm_imap_has_capability (self, "IDLE");
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

  if (!(response = _crm_imap_read_response_finish (self, result, &error)))
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

  _crm_imap_read_response_for (g_steal_pointer (&task), idle_read_cb);
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
      _crm_imap_return_network_error (self, task, error);
      g_object_unref (task);
      return;
    }

  _crm_imap_read_response_async (self, g_task_get_cancellable (task), idle_read_cb, task);
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
      _crm_imap_return_network_error (self, task, NULL);
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

  _crm_imap_sync_init (&sync);
  crm_imap_client_idle_async (self, seconds, cancellable, _crm_imap_sync_done_cb, &sync);
  ok = crm_imap_client_idle_finish (self, _crm_imap_sync_wait (&sync), changed, error);
  _crm_imap_sync_clear (&sync);

  return ok;
}

/* LIST: the Sent folder */

static const char *
list_line (CrmImapClient *self)
{
  return _crm_imap_has_capability (self, "SPECIAL-USE") ? "LIST \"\" \"*\" RETURN (SPECIAL-USE)" : "LIST \"\" \"*\"";
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
  _crm_imap_run_command_async (self, list_line (self), "LIST", list_untagged, found, NULL, cancellable, _crm_imap_simple_command_cb, task);
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

  if (_crm_imap_run_command_sync (self, list_line (self), "LIST", list_untagged, &found, NULL, cancellable, error))
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
  quoted = _crm_imap_quote (mailbox);
  line = g_strdup_printf ("APPEND %s (\\Seen) {%zu}", quoted, g_bytes_get_size (message));
  literal = _crm_imap_bytes_with_crlf (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
  _crm_imap_run_command_async (self, line, "APPEND", NULL, NULL, literal, cancellable, _crm_imap_simple_command_cb, task);
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

  quoted = _crm_imap_quote (mailbox);
  line = g_strdup_printf ("APPEND %s (\\Seen) {%zu}", quoted, g_bytes_get_size (message));
  literal = _crm_imap_bytes_with_crlf (g_bytes_get_data (message, NULL), g_bytes_get_size (message));

  return _crm_imap_run_command_sync (self, line, "APPEND", NULL, NULL, literal, cancellable, error);
}
