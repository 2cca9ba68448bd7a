/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-contacts"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-note.h"
#include "crm-people-private.h"

/* A contact's notes (FD1): what users wrote down, with the history. */

#define MAX_NOTE_CHARS 20000

typedef struct
{
  gint64      contact_id;
  const char *body;
  gint64      id;
} AddNote;

static gpointer
note_from_row (CrmStatement *stmt)
{
  return crm_note_new (crm_statement_get_int64 (stmt, 0),
                       crm_statement_get_text (stmt, 1),
                       crm_statement_get_int64 (stmt, 2),
                       crm_statement_get_text (stmt, 3));
}

static gboolean
add_note_tx (CrmSession  *session,
             gpointer     user_data,
             GError     **error)
{
  CrmContactStore *self = crm_contact_store_from_session (session);
  AddNote *add = user_data;
  g_autoptr(CrmStatement) stmt = NULL;

  stmt = _crm_store_prepare (self,
                             "INSERT INTO notes (contact_id, author_id, created_at, body) "
                             "VALUES (?, (SELECT id FROM users WHERE id = ?), ?, ?)",
                             error);
  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_int64 (stmt, 1, add->contact_id);
  crm_statement_bind_int64 (stmt, 2, crm_session_get_user_id (_crm_session (self)));
  crm_statement_bind_int64 (stmt, 3, crm_clock_now_unix (crm_session_get_clock (_crm_session (self))));
  crm_statement_bind_text (stmt, 4, add->body);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  add->id = _crm_store_last_insert_id (self);

  return crm_session_append_history (_crm_session (self), "contact", add->contact_id, "note-added", NULL, error);
}

/**
 * crm_contact_store_add_note:
 * @self: a #CrmContactStore
 * @contact_id: the contact
 * @body: the note's text
 * @error: return location for a #GError
 *
 * Returns: the note's id, or 0 with @error set
 */
gint64
crm_contact_store_add_note (CrmContactStore  *self,
                            gint64            contact_id,
                            const char       *body,
                            GError          **error)
{
  g_autoptr(CrmContact) contact = NULL;
  g_autofree char *clean = NULL;
  AddNote add = { 0 };

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), 0);

  clean = g_strstrip (g_strdup (body ? body : ""));
  if (*clean == '\0')
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("The note is empty."));
      return 0;
    }
  if (g_utf8_strlen (clean, -1) > MAX_NOTE_CHARS)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The note is too long: use at most 20,000 characters."));
      return 0;
    }
  if (!(contact = crm_contact_store_get (self, contact_id, error)))
    return 0;

  add.contact_id = contact_id;
  add.body = clean;
  if (!crm_session_run_in_transaction (_crm_session (self), add_note_tx, &add, error))
    return 0;

  _crm_store_emit_changed (self, "note", add.id);

  return add.id;
}

/**
 * crm_contact_store_list_notes:
 * @self: a #CrmContactStore
 * @contact_id: the contact
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the contact's newest 200 #CrmNote, newest first
 */
GListModel *
crm_contact_store_list_notes (CrmContactStore  *self,
                              gint64            contact_id,
                              GError          **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_CONTACT_STORE (self), NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT n.id, u.name, n.created_at, n.body FROM notes n "
                             "LEFT JOIN users u ON u.id = n.author_id WHERE n.contact_id = ? "
                             "ORDER BY n.created_at DESC, n.id DESC LIMIT 200",
                             error);
  if (stmt == NULL)
    return NULL;

  crm_statement_bind_int64 (stmt, 1, contact_id);

return _crm_store_collect (self, stmt, CRM_TYPE_NOTE, note_from_row, error);
}

