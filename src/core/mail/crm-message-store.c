/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-attachment.h"
#include "crm-error.h"
#include "crm-message.h"
#include "crm-mail-private.h"

struct _CrmMessageStore
{
  CrmStore parent_instance;
};

G_DEFINE_FINAL_TYPE (CrmMessageStore, crm_message_store, CRM_TYPE_STORE)

static void
crm_message_store_class_init (CrmMessageStoreClass *klass)
{
}

static void
crm_message_store_init (CrmMessageStore *self)
{
}

/**
 * crm_message_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the store of this module working in @session
 */
CrmMessageStore *
crm_message_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_MESSAGE_STORE);
}

/* Stored mail, as lists and crmctl show it. */

#define MESSAGE_COLUMNS \
  "id, message_id, direction, from_address, to_addresses, cc_addresses, subject, "
#define ROUTING_COLUMNS ", thread_reason, automatic, bulk, from_name, role"

static gpointer
message_from_row (CrmStatement *stmt)
{
  return g_object_new (CRM_TYPE_MESSAGE,
                       "id", crm_statement_get_int64 (stmt, 0),
                       "message-id", crm_statement_get_text (stmt, 1),
                       "direction", crm_statement_get_text (stmt, 2),
                       "from", crm_statement_get_text (stmt, 3),
                       "to", crm_statement_get_text (stmt, 4),
                       "cc", crm_statement_get_text (stmt, 5),
                       "subject", crm_statement_get_text (stmt, 6),
                       "date", crm_statement_get_int64 (stmt, 7),
                       "ticket-id", crm_statement_get_int64 (stmt, 8),
                       "reason", crm_statement_get_text (stmt, 9),
                       "automatic", crm_statement_get_text (stmt, 10),
                       "bulk", crm_statement_get_int (stmt, 11) != 0,
                       "from-name", crm_statement_get_text (stmt, 12),
                       "role", crm_statement_get_text (stmt, 13),
                       NULL);
}

static gpointer
attachment_from_row (CrmStatement *stmt)
{
  return crm_attachment_new (crm_statement_get_int64 (stmt, 0),
                             crm_statement_get_text (stmt, 1),
                             crm_statement_get_text (stmt, 2),
                             crm_statement_get_int64 (stmt, 3));
}

/**
 * crm_message_store_list:
 * @self: a #CrmMessageStore
 * @limit: at most this many, newest first
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a list of #CrmMessage
 */
GListModel *
crm_message_store_list (CrmMessageStore  *self,
                        guint             limit,
                        GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_MESSAGE_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT " MESSAGE_COLUMNS "date, ticket_id" ROUTING_COLUMNS
                             " FROM messages ORDER BY id DESC LIMIT ?",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, limit);

  return _crm_store_collect (self, stmt, CRM_TYPE_MESSAGE, message_from_row, error);
}

/**
 * crm_message_store_list_ticket_mail:
 * @self: a #CrmMessageStore
 * @ticket_id: a ticket
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the #CrmMessage list of the ticket's mail,
 *   oldest first; a message without a Date header has the time it came
 */
GListModel *
crm_message_store_list_ticket_mail (CrmMessageStore  *self,
                                    gint64            ticket_id,
                                    GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_MESSAGE_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT " MESSAGE_COLUMNS "coalesce (date, created_at), ticket_id" ROUTING_COLUMNS
                             " FROM messages WHERE ticket_id = ? ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, ticket_id);

  return _crm_store_collect (self, stmt, CRM_TYPE_MESSAGE, message_from_row, error);
}

/**
 * crm_message_store_list_attachments:
 * @self: a #CrmMessageStore
 * @message_id: a stored message's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a list of #CrmAttachment, without their data
 */
GListModel *
crm_message_store_list_attachments (CrmMessageStore  *self,
                                    gint64            message_id,
                                    GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_MESSAGE_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT id, name, mime_type, size FROM attachments WHERE message = ? ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, message_id);

  return _crm_store_collect (self, stmt, CRM_TYPE_ATTACHMENT, attachment_from_row, error);
}

/**
 * crm_message_store_read_ticket_extras:
 * @self: a #CrmMessageStore
 * @ticket_id: a ticket
 * @texts: (out) (element-type gint64 utf8): each message's text, by id
 * @attachments: (out) (element-type gint64 GListModel): each message's
 *   #CrmAttachment list (without their data), by id, for those with any
 * @error: return location for a #GError
 *
 * What crm_message_store_get_text() and _list_attachments() give for
 * each of a ticket's messages, in two statements for the whole ticket
 * instead of two a message: on a team's server each is a round trip.
 * The tables' keys point to #gint64 ids.
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
crm_message_store_read_ticket_extras (CrmMessageStore  *self,
                                      gint64            ticket_id,
                                      GHashTable      **texts,
                                      GHashTable      **attachments,
                                      GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GHashTable) by_text = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GHashTable) by_files = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  CrmStep step;

  g_return_val_if_fail (CRM_IS_MESSAGE_STORE (self), FALSE);

  if (!(stmt = _crm_store_prepare (self, "SELECT id, body_text FROM messages WHERE ticket_id = ?", error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_hash_table_insert (by_text, g_memdup2 (&(gint64) { crm_statement_get_int64 (stmt, 0) }, sizeof (gint64)),
                         g_strdup (crm_statement_get_text (stmt, 1)));
  if (step != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  g_clear_pointer (&stmt, crm_statement_release);

  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT a.id, a.name, a.mime_type, a.size, a.message FROM attachments a "
                                   "JOIN messages m ON m.id = a.message WHERE m.ticket_id = ? ORDER BY a.message, a.id",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 message = crm_statement_get_int64 (stmt, 4);
      GListStore *files = g_hash_table_lookup (by_files, &message);
      g_autoptr(GObject) file = attachment_from_row (stmt);

      if (files == NULL)
        {
          files = g_list_store_new (CRM_TYPE_ATTACHMENT);
          g_hash_table_insert (by_files, g_memdup2 (&message, sizeof message), files);
        }
      g_list_store_append (files, file);
    }
  if (step != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  *texts = g_steal_pointer (&by_text);
  *attachments = g_steal_pointer (&by_files);

  return TRUE;
}

/**
 * crm_message_store_list_contact_files:
 * @self: a #CrmMessageStore
 * @contact_id: a contact
 * @limit: at most this many
 * @error: return location for a #GError
 *
 * The files exchanged with a client (RQ4): the attachments of the mail
 * in the contact's tickets, newest first.
 *
 * Returns: (transfer full): a list of #CrmAttachment, or %NULL with
 *   @error set
 */
GListModel *
crm_message_store_list_contact_files (CrmMessageStore  *self,
                                      gint64            contact_id,
                                      guint             limit,
                                      GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_MESSAGE_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT a.id, a.name, a.mime_type, a.size FROM tickets t "
                             "JOIN messages m ON m.ticket_id = t.id JOIN attachments a ON a.message = m.id "
                             "WHERE t.client_id = ? ORDER BY m.id DESC, a.id LIMIT ?",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, contact_id);
  crm_statement_bind_int64 (stmt, 2, limit);

  return _crm_store_collect (self, stmt, CRM_TYPE_ATTACHMENT, attachment_from_row, error);
}

/**
 * crm_message_store_get_raw:
 * @self: a #CrmMessageStore
 * @id: a stored message's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the message's exact bytes, or %NULL with
 *   %CRM_ERROR_NOT_FOUND
 */
GBytes *
crm_message_store_get_raw (CrmMessageStore  *self,
                           gint64            id,
                           GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_MESSAGE_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT raw FROM messages WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return crm_statement_dup_bytes (stmt, 0);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
               _("There is no message with id %lld."), (long long) id);

  return NULL;
}

/**
 * crm_message_store_get_text:
 * @self: a #CrmMessageStore
 * @id: a stored message's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the message's text, as parsed on import
 *   (or as written, for our own), or %NULL with @error set
 */
char *
crm_message_store_get_text (CrmMessageStore  *self,
                            gint64            id,
                            GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_MESSAGE_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT body_text FROM messages WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return g_strdup (crm_statement_get_text (stmt, 0));

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no message with id %lld."), (long long) id);

  return NULL;
}

/**
 * crm_message_store_get_attachment_data:
 * @self: a #CrmMessageStore
 * @attachment_id: an attachment's id
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the attachment's bytes, or %NULL with
 *   @error set
 */
GBytes *
crm_message_store_get_attachment_data (CrmMessageStore  *self,
                                       gint64            attachment_id,
                                       GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_MESSAGE_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT data FROM attachments WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, attachment_id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return crm_statement_dup_bytes (stmt, 0);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no attachment %lld."), (long long) attachment_id);

  return NULL;
}

/**
 * _crm_message_store_index:
 * @store: a #CrmMessageStore, in a transaction
 * @ids: the stored messages to add to the search index
 * @n_ids: how many
 * @error: return location for a #GError
 *
 * Adds messages to the mail search index: subject, text, and the names
 * and addresses of sender and recipients. One statement for them all.
 *
 * Returns: %TRUE on success
 */
gboolean
_crm_message_store_index (CrmMessageStore  *store,
                          const gint64     *ids,
                          guint             n_ids,
                          GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *json = NULL;

  if (n_ids == 0)
    return TRUE;

  stmt = _crm_store_prepare (store,
                             "INSERT INTO messages_fts (rowid, subject, body, addresses) "
                             "SELECT id, subject, body_text, ifnull (from_name, '') || ' ' || "
                             "ifnull (from_address, '') || ' ' || ifnull (to_addresses, '') || ' ' || "
                             "ifnull (cc_addresses, '') FROM messages "
                             "WHERE id IN (SELECT value FROM json_each (?))",
                             error);
  if (stmt == NULL)
    return FALSE;
  json = _crm_store_ids_json (ids, n_ids);
  crm_statement_bind_text (stmt, 1, json);

  return _crm_store_step_done (store, stmt, error);
}

/* The import (crm-mail-sync.c), inside its transactions */

/* Whether the message under @uid of @folder was stored before (the run
 * that stored it died before it could mark it read). */
gboolean
_crm_message_store_find_imported (CrmMessageStore  *self,
                                  gint64            account_id,
                                  const char       *folder,
                                  guint32           uidvalidity,
                                  guint32           uid,
                                  gboolean         *known,
                                  GError          **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT message FROM message_uids WHERE account_id = ? "
                                                     "AND folder = ? AND uidvalidity = ? AND uid = ?",
                                                     error);

  *known = FALSE;
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, account_id);
  crm_statement_bind_text (stmt, 2, folder);
  crm_statement_bind_int64 (stmt, 3, uidvalidity);
  crm_statement_bind_int64 (stmt, 4, uid);

  return _crm_store_step_row (self, stmt, known, error);
}

/* The message stored with the same bytes under the same Message-ID
 * (*@id), or 0. */
gboolean
_crm_message_store_find_same (CrmMessageStore   *self,
                              CrmParsedMessage  *parsed,
                              gint64            *id,
                              GError           **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "SELECT id FROM messages WHERE message_id = ? AND raw_hash = ?",
                                                     error);
  gboolean found;

  *id = 0;
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text (stmt, 1, parsed->message_id);
  crm_statement_bind_text (stmt, 2, parsed->hash);
  if (!_crm_store_step_row (self, stmt, &found, error))
    return FALSE;
  if (found)
    *id = crm_statement_get_int64 (stmt, 0);

  return TRUE;
}

/* Notes that @uid of @folder is @message, so that it is never imported twice. */
gboolean
_crm_message_store_record_uid (CrmMessageStore  *self,
                               gint64            account_id,
                               const char       *folder,
                               guint32           uidvalidity,
                               guint32           uid,
                               gint64            message,
                               GError          **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "INSERT INTO message_uids "
                                                     "(account_id, folder, uidvalidity, uid, message) "
                                                     "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                                     error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, account_id);
  crm_statement_bind_text (stmt, 2, folder);
  crm_statement_bind_int64 (stmt, 3, uidvalidity);
  crm_statement_bind_int64 (stmt, 4, uid);
  crm_statement_bind_int64 (stmt, 5, message);

  return _crm_store_step_done (self, stmt, error);
}

static char *
join_addresses (GStrv strv)
{
  return strv && strv[0] ? g_strjoinv (", ", strv) : NULL;
}

/* Stores a received message with its raw bytes and its files (all but
 * its search row: _crm_message_store_index ()). Returns its id, or 0
 * with @error set. */
gint64
_crm_message_store_add_incoming (CrmMessageStore   *self,
                                 gint64             account_id,
                                 CrmParsedMessage  *parsed,
                                 GBytes            *raw,
                                 GError           **error)
{
  g_autoptr(CrmStatement) insert = NULL;
  g_autofree char *to = join_addresses (parsed->to);
  g_autofree char *cc = join_addresses (parsed->cc);
  g_autofree char *refs = parsed->references && parsed->references[0] ? g_strjoinv (" ", parsed->references) : NULL;
  gint64 id;

  insert = _crm_store_prepare (self,
                               "INSERT INTO messages (account_id, direction, message_id, synthetic_id, raw_hash, "
                               "in_reply_to, refs, from_name, from_address, to_addresses, cc_addresses, subject, "
                               "date, body_text, auto_reply, raw, created_at) "
                               "VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (insert == NULL)
    return 0;
  crm_statement_bind_int64 (insert, 1, account_id);
  crm_statement_bind_text (insert, 2, parsed->message_id);
  crm_statement_bind_int64 (insert, 3, parsed->synthetic_id);
  crm_statement_bind_text (insert, 4, parsed->hash);
  crm_statement_bind_text (insert, 5, parsed->in_reply_to);
  crm_statement_bind_text (insert, 6, refs);
  crm_statement_bind_text (insert, 7, parsed->from_name);
  crm_statement_bind_text (insert, 8, parsed->from_address);
  crm_statement_bind_text (insert, 9, to);
  crm_statement_bind_text (insert, 10, cc);
  crm_statement_bind_text (insert, 11, parsed->subject);
  if (parsed->date != 0)
    crm_statement_bind_int64 (insert, 12, parsed->date);
  crm_statement_bind_text (insert, 13, parsed->text);
  crm_statement_bind_int64 (insert, 14, parsed->auto_reply);
  crm_statement_bind_blob (insert, 15, g_bytes_get_data (raw, NULL), g_bytes_get_size (raw));
  crm_statement_bind_int64 (insert, 16, crm_session_now (_crm_session (self)));
  if (!_crm_store_step_done (self, insert, error))
    return 0;
  id = _crm_store_last_insert_id (self);

  for (guint i = 0; i < parsed->attachments->len; i++)
    {
      CrmParsedAttachment *attachment = g_ptr_array_index (parsed->attachments, i);
      g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                         "INSERT INTO attachments (message, name, mime_type, size, data) "
                                                         "VALUES (?, ?, ?, ?, ?)",
                                                         error);

      if (stmt == NULL)
        return 0;
      crm_statement_bind_int64 (stmt, 1, id);
      crm_statement_bind_text (stmt, 2, attachment->name);
      crm_statement_bind_text (stmt, 3, attachment->mime_type);
      crm_statement_bind_int64 (stmt, 4, g_bytes_get_size (attachment->data));
      crm_statement_bind_blob (stmt, 5, g_bytes_get_data (attachment->data, NULL), g_bytes_get_size (attachment->data));
      if (!_crm_store_step_done (self, stmt, error))
        return 0;
    }

  return id;
}

/* What the import knows of @folder: its UIDVALIDITY and UIDNEXT, and when. */
gboolean
_crm_message_store_remember_folder (CrmMessageStore  *self,
                                    gint64            account_id,
                                    const char       *folder,
                                    guint32           uidvalidity,
                                    guint32           uidnext,
                                    GError          **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "INSERT INTO folders (account_id, name, uidvalidity, uidnext, synced_at) "
                                                     "VALUES (?1, ?5, ?2, ?3, ?4) ON CONFLICT (account_id, name) DO UPDATE "
                                                     "SET uidvalidity = ?2, uidnext = ?3, synced_at = ?4",
                                                     error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, account_id);
  crm_statement_bind_int64 (stmt, 2, uidvalidity);
  crm_statement_bind_int64 (stmt, 3, uidnext);
  crm_statement_bind_int64 (stmt, 4, crm_session_now (_crm_session (self)));
  crm_statement_bind_text (stmt, 5, folder);

  return _crm_store_step_done (self, stmt, error);
}
