/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-ticket-store-private.h"

/* Unpinning the client (TK21): a ticket pinned to the wrong contact
 * goes back to its sender's address, as before anyone linked it; the
 * contact's history no longer lists it. Undo pins it again. */

typedef struct
{
  gint64  ticket_id;
  gint64  step;   /* out */
} Unpin;

static gboolean
unpin_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Unpin *unpin = user_data;
  g_autoptr(CrmStatement) read = NULL;
  g_autoptr(CrmStatement) update = NULL;
  g_autoptr(GVariantDict) state = g_variant_dict_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  gboolean row = FALSE;

  /* the address their mail came from, else the contact's first */
  if (!(read = _crm_store_prepare (self,
                                   "SELECT coalesce (t.client_id, 0), c.name, coalesce ((SELECT lower (m.from_address) "
                                   "FROM messages m WHERE m.ticket_id = t.id AND m.direction = 'in' AND m.role IS NULL "
                                   "AND m.from_address IS NOT NULL AND m.from_address <> '' ORDER BY m.id LIMIT 1), "
                                   "(SELECT e.address_norm FROM contact_emails e WHERE e.contact_id = t.client_id "
                                   "ORDER BY e.position LIMIT 1)) FROM tickets t LEFT JOIN contacts c ON c.id = t.client_id "
                                   "WHERE t.id = ?1",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (read, 1, unpin->ticket_id);
  if (!_crm_store_step_row (self, read, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no ticket #%lld."), (long long) unpin->ticket_id);
      return FALSE;
    }
  if (crm_statement_get_int64 (read, 0) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT, _("Ticket #%lld has no client pinned."),
                   (long long) unpin->ticket_id);
      return FALSE;
    }
  g_variant_dict_insert (state, "client_id", "x", crm_statement_get_int64 (read, 0));
  name = g_strdup (crm_statement_get_text (read, 1));

  if (!(update = _crm_store_prepare (self, "UPDATE tickets SET client_id = NULL, client_address = ?1 WHERE id = ?2",
                                     error)))
    return FALSE;
  if (!crm_statement_is_null (read, 2))
    crm_statement_bind_text_copy (update, 1, crm_statement_get_text (read, 2));
  else
    crm_statement_bind_null (update, 1);
  crm_statement_bind_int64 (update, 2, unpin->ticket_id);
  /* Translators: a system comment in a ticket; a contact's name */
  text = g_strdup_printf (_("%s is no longer this ticket’s client"), name != NULL ? name : "");

  return _crm_store_step_done (self, update, error) &&
         _crm_tickets_record_change (self, unpin->ticket_id, "unpinned", text, error) &&
         (unpin->step = _crm_tickets_journal (self, "unpin", unpin->ticket_id, g_variant_dict_end (state), error)) != 0;
}

/**
 * crm_ticket_store_unpin:
 * @self: a #CrmTicketStore
 * @ticket_id: a ticket with a client pinned
 * @error: return location for a #GError
 *
 * Takes the client off the ticket (TK21): the ticket is its sender's
 * address's again, as before it was linked, and leaves the contact's
 * history. A system comment says so. Can be undone
 * (crm_ticket_store_undo()).
 *
 * Returns: the undo step, or 0 with @error set
 */
gint64
crm_ticket_store_unpin (CrmTicketStore  *self,
                        gint64           ticket_id,
                        GError         **error)
{
  Unpin unpin = { ticket_id, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  if (!crm_session_run_in_transaction (_crm_session (self), unpin_tx, &unpin, error))
    return 0;

  _crm_store_emit_changed (self, "ticket", ticket_id);

  return unpin.step;
}

/* Pins the client again, while nobody pinned another since. */
char *
_crm_tickets_undo_unpin (CrmTicketStore  *self,
                         gint64           ticket_id,
                         GVariantDict    *state,
                         GError         **error)
{
  g_autoptr(CrmStatement) update = NULL;
  g_autoptr(CrmStatement) name = NULL;
  gint64 client_id = 0;
  gboolean row = FALSE;

  g_variant_dict_lookup (state, "client_id", "x", &client_id);
  if (!(update = _crm_store_prepare (self, "UPDATE tickets SET client_id = ?1, client_address = NULL "
                                           "WHERE id = ?2 AND client_id IS NULL", error)))
    return NULL;
  crm_statement_bind_int64 (update, 1, client_id);
  crm_statement_bind_int64 (update, 2, ticket_id);
  if (!_crm_store_step_done (self, update, error))
    return NULL;
  if (_crm_store_count_changes (self) == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   _("Ticket #%lld has another client since, so this cannot be undone."), (long long) ticket_id);
      return NULL;
    }

  if (!(name = _crm_store_prepare (self, "SELECT name FROM contacts WHERE id = ?1", error)))
    return NULL;
  crm_statement_bind_int64 (name, 1, client_id);
  if (!_crm_store_step_row (self, name, &row, error))
    return NULL;

  /* Translators: a system comment in a ticket; a contact's name */
  return g_strdup_printf (_("Unpinning undone: %s is the client again"), row ? crm_statement_get_text (name, 0) : "");
}
