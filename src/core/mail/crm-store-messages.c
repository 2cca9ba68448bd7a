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
#define ROUTING_COLUMNS ", thread_reason, automatic, bulk, from_name"

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
                         guint      limit,
                         GError   **error)
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
                            gint64     ticket_id,
                            GError   **error)
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
                            gint64     message_id,
                            GError   **error)
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
                              gint64     contact_id,
                              guint      limit,
                              GError   **error)
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
                           gint64     id,
                           GError   **error)
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
                            gint64     id,
                            GError   **error)
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
                               gint64     attachment_id,
                               GError   **error)
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
_crm_message_store_index (CrmMessageStore      *store,
                           const gint64  *ids,
                           guint          n_ids,
                           GError       **error)
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
