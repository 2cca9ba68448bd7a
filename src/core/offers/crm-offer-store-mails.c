/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-offers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-outbox.h"
#include "crm-offer-store-private.h"

/* Mails with offers (OF7, OF8, OF9): the Emails to Send box, sending,
 * discarding, and their outcome. */

/* Mails with offers (OF7, OF8, OF9) */

static GListModel *
mail_matches (CrmOfferStore  *self,
              gint64          mail_id,
              GError        **error)
{
  g_autoptr(GListStore) matches = g_list_store_new (CRM_TYPE_MATCH);
  g_autoptr(CrmStatement) stmt = NULL;
  int rc;

  stmt = _crm_store_prepare (self,
                             "SELECT " CRM_OFFER_COLUMNS ", " CRM_SEARCH_COLUMNS " FROM offer_mail_items i "
                             "JOIN offers o ON o.id = i.offer_id " CRM_OFFER_JOINS
                             "JOIN searches s ON s.id = i.search_id " CRM_SEARCH_JOINS
                             "WHERE i.mail_id = ? ORDER BY i.offer_id, i.search_id",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, mail_id);
  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      g_autoptr(CrmOffer) offer = _crm_offer_new_from_row (stmt, 0);
      g_autoptr(CrmSearch) search = _crm_search_new_from_row (stmt, CRM_OFFER_N_COLUMNS);
      g_autoptr(CrmMatch) match = crm_match_new (offer, search);

      g_list_store_append (matches, match);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&matches));
}

#define MAIL_COLUMNS \
  "SELECT m.id, m.client_id, c.name, (SELECT e.address FROM contact_emails e WHERE e.contact_id = c.id " \
  "ORDER BY e.position LIMIT 1), m.agent_id, u.name, m.kind, m.state, m.outbox_id, m.created_at, m.sent_at, " \
  "(SELECT name FROM users WHERE id = CASE WHEN m.kind = 'automatic' THEN NULL " \
  "ELSE coalesce (m.sent_by, m.agent_id) END) " \
  "FROM offer_mails m JOIN contacts c ON c.id = m.client_id LEFT JOIN users u ON u.id = m.agent_id "

static CrmOfferMail *
mail_from_row (CrmOfferStore  *self,
               CrmStatement   *stmt,
               GError        **error)
{
  g_autoptr(GListModel) matches = mail_matches (self, crm_statement_get_int64 (stmt, 0), error);
  CrmOfferMail *mail;

  if (matches == NULL)
    return NULL;
  /* a prepared mail says which of its offers the client already got */
  if (g_strcmp0 (crm_statement_get_text (stmt, 7), "pending") == 0 && !_crm_offers_mark_sent (self, matches, error))
    return NULL;

  mail = _crm_offer_mail_new (crm_statement_get_int64 (stmt, 0), crm_statement_get_int64 (stmt, 1),
                              crm_statement_get_text (stmt, 2),
                              crm_statement_get_text (stmt, 3), crm_statement_get_int64 (stmt, 4),
                              crm_statement_get_text (stmt, 5),
                              crm_statement_get_text (stmt, 6),
                              crm_statement_get_text (stmt, 7), crm_statement_get_int64 (stmt, 8),
                              crm_statement_get_int64 (stmt, 9), crm_statement_get_int64 (stmt, 10), matches);
  _crm_offer_mail_set_sender_name (mail, crm_statement_get_text (stmt, 11));

  return mail;
}

/**
 * crm_offer_store_list_mails:
 * @self: a #CrmOfferStore
 * @filter: (nullable): which mails
 * @error: return location for a #GError
 *
 * With @filter's pending_only, the "Emails to send" box (OF7): one
 * prepared mail per client, with the offers that joined it.
 *
 * Returns: (transfer full): #CrmOfferMail items, oldest first
 */
GListModel *
crm_offer_store_list_mails (CrmOfferStore             *self,
                            const CrmOfferMailFilter  *filter,
                            GError                   **error)
{
  CrmOfferMailFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new (MAIL_COLUMNS "WHERE EXISTS (SELECT 1 FROM offer_mail_items i "
                                         "WHERE i.mail_id = m.id)");
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GListStore) mails = g_list_store_new (CRM_TYPE_OFFER_MAIL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  if (filter == NULL)
    filter = &all;
  if (filter->pending_only)
    g_string_append (sql, " AND m.state = 'pending'");
  /* a mail with no agent (the search's agent gone) is everyone's to act on */
  if (filter->agent_id != 0)
    g_string_append (sql, " AND (m.agent_id = ?1 OR m.agent_id IS NULL)");
  g_string_append (sql, " ORDER BY m.id LIMIT ?2");
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  if (filter->agent_id != 0)
    crm_statement_bind_int64 (stmt, 1, filter->agent_id);
  crm_statement_bind_int64 (stmt, 2, filter->limit > 0 ? (gint64) filter->limit : G_MAXINT64);

  while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmOfferMail *mail = mail_from_row (self, stmt, error);

      if (mail == NULL)
        return NULL;
      g_list_store_append (mails, mail);
      g_object_unref (mail);
    }
  if (rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&mails));
}

/**
 * crm_offer_store_get_mail:
 * @self: a #CrmOfferStore
 * @id: an offer mail
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the mail, or %NULL with %CRM_ERROR_NOT_FOUND
 */
CrmOfferMail *
crm_offer_store_get_mail (CrmOfferStore  *self,
                          gint64          id,
                          GError        **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, MAIL_COLUMNS "WHERE m.id = ?", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return mail_from_row (self, stmt, error);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer mail %lld."), (long long) id);
  return NULL;
}

/* The mail's state, or NULL with @error set. */
static char *
mail_state (CrmOfferStore  *self,
            gint64          mail_id,
            GError        **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "SELECT state FROM offer_mails WHERE id = ?", error);

  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, mail_id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return g_strdup (crm_statement_get_text (stmt, 0));

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no offer mail %lld."), (long long) mail_id);
  return NULL;
}

static gboolean
check_pending (CrmOfferStore  *self,
               gint64          mail_id,
               GError        **error)
{
  g_autofree char *state = mail_state (self, mail_id, error);

  if (state == NULL)
    return FALSE;
  if (g_str_equal (state, "pending"))
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
               /* Translators: %s is a state such as "sent" */
               _("Offer mail %lld is no longer waiting in the Emails to send box: it is %s."),
               (long long) mail_id, state);
  return FALSE;
}

/* Who sends a mail by hand: the history names them (OF9). */
static gboolean
mark_sender (CrmOfferStore  *self,
             gint64          mail_id,
             GError        **error)
{
  return _crm_offers_update_ids (self, "UPDATE offer_mails SET sent_by = (SELECT id FROM users WHERE id = ?1) WHERE id = ?2",
                     crm_session_get_user_id (_crm_session (self)), mail_id, error);
}

typedef struct
{
  const gint64 *ids;
  guint         n_ids;
  gboolean      again;
  gint64        due;
} SendMails;

static gboolean
send_mails_tx (CrmSession  *session,
               gpointer     user_data,
               GError     **error)
{
  CrmOfferStore *self = crm_offer_store_from_session (session);
  SendMails *send = user_data;

  for (guint i = 0; i < send->n_ids; i++)
    if (!check_pending (self, send->ids[i], error) ||
        (!send->again && !_crm_offers_check_mail_not_sent (_crm_search_store_of (self), send->ids[i], error)) ||
        !_crm_offers_queue_mail (self, send->ids[i], send->due, error) ||
        !mark_sender (self, send->ids[i], error))
      return FALSE;

  return TRUE;
}

/**
 * crm_offer_store_send_mails:
 * @self: a #CrmOfferStore
 * @mail_ids: (array length=n_mails): prepared mails (state "pending")
 * @n_mails: how many
 * @again: send offers their clients already got (sent, or queued in
 *   the outbox) again; without it, such offers are a
 *   %CRM_ERROR_CONFLICT that names them, and nothing is sent
 * @due: when they go: now plus the undo window, or a scheduled time
 * @error: return location for a #GError
 *
 * Sends the mails the agent selected in the "Emails to send" box (OF7):
 * each is composed with its offers and queued in the outbox. All or
 * none.
 *
 * Returns: %TRUE when every mail was queued
 */
gboolean
crm_offer_store_send_mails (CrmOfferStore  *self,
                            const gint64   *mail_ids,
                            guint           n_mails,
                            gboolean        again,
                            gint64          due,
                            GError        **error)
{
  SendMails send = { mail_ids, n_mails, again, due };

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);
  g_return_val_if_fail (mail_ids != NULL || n_mails == 0, FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), send_mails_tx, &send, error))
    return FALSE;

  _crm_store_emit_changed (self, "offer-mail", 0);
  _crm_store_emit_changed (self, "outbox", 0);

  return TRUE;
}

typedef struct
{
  gint64        search_id;
  const gint64 *offer_ids;
  guint         n_offers;
  gboolean      again;
  gint64        due;
  gint64        mail_id;     /* out */
} SendOffers;

static gboolean
send_offers_tx (CrmSession  *session,
                gpointer     user_data,
                GError     **error)
{
  CrmOfferStore *self = crm_offer_store_from_session (session);
  SendOffers *send = user_data;
  g_autoptr(CrmSearch) search = crm_search_store_get (_crm_search_store_of (self), send->search_id, error);

  if (search == NULL)
    return FALSE;
  if (send->n_offers == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose the offers to send."));
      return FALSE;
    }
  if (!send->again)
    {
      g_autoptr(GString) ids = g_string_new ("[");

      for (guint i = 0; i < send->n_offers; i++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", send->offer_ids[i]);
      g_string_append_c (ids, ']');
      if (!_crm_offers_check_not_sent (_crm_search_store_of (self), crm_search_get_client_id (search), crm_search_get_client_name (search), ids->str,
                           error))
        return FALSE;
    }

  send->mail_id = _crm_offers_insert_mail (self, crm_search_get_client_id (search),
                               crm_session_get_user_id (_crm_session (self)) ? crm_session_get_user_id (_crm_session (self))
                                                          : crm_search_get_agent_id (search),
                               "manual", "queued", error);
  if (send->mail_id == 0)
    return FALSE;

  for (guint i = 0; i < send->n_offers; i++)
    {
      g_autoptr(CrmOffer) offer = crm_offer_store_get (self, send->offer_ids[i], error);

      if (offer == NULL || !_crm_offers_add_mail_item (self, send->mail_id, send->offer_ids[i], send->search_id, error))
        return FALSE;
    }

  return _crm_offers_queue_mail (self, send->mail_id, send->due, error) && mark_sender (self, send->mail_id, error);
}

/**
 * crm_offer_store_send:
 * @self: a #CrmOfferStore
 * @search_id: the search the offers were picked for
 * @offer_ids: (array length=n_offers): the offers the agent picked
 * @n_offers: how many
 * @again: send offers the client already got (sent, or queued in the
 *   outbox) again; without it, such offers are a %CRM_ERROR_CONFLICT
 *   that names them, and nothing is sent
 * @due: when the mail goes: now plus the undo window, or a scheduled time
 * @outbox_id: (out) (optional): the outbox row, for an Undo
 * @error: return location for a #GError
 *
 * Sends offers picked by hand (OF3) to the search's client, in one mail
 * through the outbox.
 *
 * Returns: the offer mail's id, or 0 with @error set
 */
gint64
crm_offer_store_send (CrmOfferStore  *self,
                      gint64          search_id,
                      const gint64   *offer_ids,
                      guint           n_offers,
                      gboolean        again,
                      gint64          due,
                      gint64         *outbox_id,
                      GError        **error)
{
  SendOffers send = { search_id, offer_ids, n_offers, again, due, 0 };

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), 0);
  g_return_val_if_fail (offer_ids != NULL || n_offers == 0, 0);

  if (!crm_session_run_in_transaction (_crm_session (self), send_offers_tx, &send, error))
    return 0;

  _crm_store_emit_changed (self, "offer-mail", send.mail_id);
  _crm_store_emit_changed (self, "outbox", 0);
  if (outbox_id != NULL)
    {
      g_autoptr(CrmOfferMail) mail = crm_offer_store_get_mail (self, send.mail_id, NULL);

      *outbox_id = mail != NULL ? crm_offer_mail_get_outbox_id (mail) : 0;
    }

  return send.mail_id;
}

typedef struct
{
  gint64 mail_id;
  gint64 offer_id;   /* 0: the whole mail */
} Discard;

static gboolean
discard_tx (CrmSession  *session,
            gpointer     user_data,
            GError     **error)
{
  CrmOfferStore *self = crm_offer_store_from_session (session);
  Discard *discard = user_data;

  if (!check_pending (self, discard->mail_id, error))
    return FALSE;

  if (discard->offer_id != 0)
    {
      if (!_crm_offers_update_ids (self, "DELETE FROM offer_mail_items WHERE mail_id = ?1 AND offer_id = ?2",
                       discard->mail_id, discard->offer_id, error))
        return FALSE;
      if (_crm_store_count_changes (self) == 0)
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("Offer %lld is not in mail %lld."),
                       (long long) discard->offer_id, (long long) discard->mail_id);
          return FALSE;
        }
    }

  /* a mail without offers is no mail */
  return _crm_offers_update_ids (self,
                     "DELETE FROM offer_mails WHERE id = ?1 AND (?2 = 0 OR NOT EXISTS "
                     "(SELECT 1 FROM offer_mail_items WHERE mail_id = ?1))",
                     discard->mail_id, discard->offer_id, error);
}

/**
 * crm_offer_store_remove_from_mail:
 * @self: a #CrmOfferStore
 * @mail_id: a prepared mail
 * @offer_id: one of its offers
 * @error: return location for a #GError
 *
 * The agent leaves an offer out of a prepared mail (OF7); a mail left
 * without offers goes.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_offer_store_remove_from_mail (CrmOfferStore  *self,
                                  gint64          mail_id,
                                  gint64          offer_id,
                                  GError        **error)
{
  Discard discard = { mail_id, offer_id };

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);
  g_return_val_if_fail (offer_id != 0, FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), discard_tx, &discard, error))
    return FALSE;

  _crm_store_emit_changed (self, "offer-mail", mail_id);

  return TRUE;
}

/**
 * crm_offer_store_discard_mail:
 * @self: a #CrmOfferStore
 * @mail_id: a prepared mail
 * @error: return location for a #GError
 *
 * The agent decides not to send a prepared mail.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_offer_store_discard_mail (CrmOfferStore  *self,
                              gint64          mail_id,
                              GError        **error)
{
  Discard discard = { mail_id, 0 };

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), discard_tx, &discard, error))
    return FALSE;

  _crm_store_emit_changed (self, "offer-mail", mail_id);

  return TRUE;
}

/* An undone prepared mail goes back to the "Emails to send" box: as
 * the client's pending mail again, or into the one that has come since
 * (a client has one pending mail per agent at most). */
static gboolean
return_to_box_tx (CrmSession  *session,
                  gpointer     user_data,
                  GError     **error)
{
  CrmOfferStore *store = crm_offer_store_from_session (session);
  gint64 outbox_id = *(gint64 *) user_data;
  g_autoptr(CrmStatement) find = NULL;
  g_autoptr(CrmStatement) pending = NULL;
  g_autoptr(CrmStatement) change = NULL;
  gint64 mail_id;
  gint64 other = 0;

  if (!(find = _crm_store_prepare (store,
                                   "SELECT id, client_id, ifnull (agent_id, 0) FROM offer_mails WHERE outbox_id = ? "
                                   "AND state = 'queued' AND kind = 'prepared'",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (find, 1, outbox_id);
  if (crm_statement_step (find) != CRM_STEP_ROW)
    return TRUE;
  mail_id = crm_statement_get_int64 (find, 0);

  if (!(pending = _crm_store_prepare (store,
                                      "SELECT id FROM offer_mails WHERE client_id = ? AND state = 'pending' "
                                      "AND ifnull (agent_id, 0) = ?",
                                      error)))
    return FALSE;
  crm_statement_bind_int64 (pending, 1, crm_statement_get_int64 (find, 1));
  crm_statement_bind_int64 (pending, 2, crm_statement_get_int64 (find, 2));
  if (crm_statement_step (pending) == CRM_STEP_ROW)
    other = crm_statement_get_int64 (pending, 0);

  if (other == 0)
    change = _crm_store_prepare (store, "UPDATE offer_mails SET state = 'pending', outbox_id = NULL WHERE id = ?1",
                                 error);
  else
    {
      g_autoptr(CrmStatement) move = NULL;

      if (!(move = _crm_store_prepare (store,
                                       "INSERT INTO offer_mail_items (mail_id, offer_id, search_id) "
                                       "SELECT CAST (?2 AS BIGINT), offer_id, search_id FROM offer_mail_items "
                                       "WHERE mail_id = ?1 ON CONFLICT DO NOTHING",
                                       error)))
        return FALSE;
      crm_statement_bind_int64 (move, 1, mail_id);
      crm_statement_bind_int64 (move, 2, other);
      if (!_crm_store_step_done (store, move, error))
        return FALSE;
      change = _crm_store_prepare (store, "DELETE FROM offer_mails WHERE id = ?1", error);
    }
  if (change == NULL)
    return FALSE;
  crm_statement_bind_int64 (change, 1, mail_id);
  if (!_crm_store_step_done (store, change, error))
    return FALSE;

  _crm_store_emit_changed (store, "offer-mail", other != 0 ? other : mail_id);

  return TRUE;
}

/* A sent mail in the history of an offer or a search (OF9), in the
 * name of who sent it (none for an automatic mail), linked to it. */
static gboolean
append_mail_history (CrmOfferStore  *store,
                     const char     *entity,
                     gint64          entity_id,
                     gint64          sender_id,
                     const char     *detail,
                     gint64          mail_id,
                     GError        **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (store,
                        "INSERT INTO history (at, user_id, entity, entity_id, action, detail, offer_mail_id) "
                        "VALUES (?, (SELECT id FROM users WHERE id = ?), ?, ?, 'mailed', ?, ?)",
                        error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, _crm_offers_now_unix (store));
  crm_statement_bind_int64 (stmt, 2, sender_id);
  crm_statement_bind_text (stmt, 3, entity);
  crm_statement_bind_int64 (stmt, 4, entity_id);
  crm_statement_bind_text (stmt, 5, detail);
  crm_statement_bind_int64 (stmt, 6, mail_id);

  return _crm_store_step_done (store, stmt, error);
}

/* OF9: what the outbox did with a mail with offers. Runs inside the
 * outbox's own transaction that records the outcome. */
gboolean
_crm_offers_mail_outcome (CrmOfferStore  *store,
                          gint64          outbox_id,
                          const char     *state,
                          GError        **error)
{
  g_autoptr(CrmStatement) update = NULL;
  g_autoptr(CrmStatement) mail = NULL;
  g_autoptr(GArray) offers = NULL;
  g_autoptr(GArray) searches = NULL;
  g_autofree char *recipients = NULL;
  g_autofree char *client_name = NULL;
  gint64 sender_id;
  gint64 mail_id;
  int rc;

  /* undone: a prepared mail is back in the box, not lost (OF7) */
  if (g_str_equal (state, "cancelled") &&
      !crm_session_run_in_transaction (_crm_session (store), return_to_box_tx, &outbox_id, error))
    return FALSE;

  update = _crm_store_prepare (store,
                               "UPDATE offer_mails SET state = ?1, "
                               "sent_at = CASE WHEN ?1 = 'sent' THEN CAST (?3 AS BIGINT) END "
                               "WHERE outbox_id = ?2 AND state = 'queued' RETURNING id",
                               error);
  if (update == NULL)
    return FALSE;
  crm_statement_bind_text (update, 1, state);
  crm_statement_bind_int64 (update, 2, outbox_id);
  crm_statement_bind_int64 (update, 3, _crm_offers_now_unix (store));
  rc = crm_statement_step (update);
  if (rc == CRM_STEP_DONE)
    return TRUE;
  if (rc != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (store, error);
      return FALSE;
    }
  mail_id = crm_statement_get_int64 (update, 0);
  if (!_crm_store_step_done (store, update, error))
    return FALSE;

  _crm_store_emit_changed (store, "offer-mail", mail_id);
  if (!g_str_equal (state, "sent"))
    return TRUE;

  mail = _crm_store_prepare (store,
                             "SELECT replace (o.recipients, '\x1f', ', '), c.name, "
                             "CASE WHEN m.kind = 'automatic' THEN NULL ELSE coalesce (m.sent_by, m.agent_id) END "
                             "FROM offer_mails m JOIN outbox o ON o.id = m.outbox_id "
                             "JOIN contacts c ON c.id = m.client_id WHERE m.id = ?",
                             error);
  if (mail == NULL)
    return FALSE;
  crm_statement_bind_int64 (mail, 1, mail_id);
  if (crm_statement_step (mail) != CRM_STEP_ROW)
    return TRUE;
  recipients = g_strdup (crm_statement_get_text (mail, 0));
  client_name = g_strdup (crm_statement_get_text (mail, 1));
  sender_id = crm_statement_get_int64 (mail, 2);

  if (!(offers = _crm_store_collect_ids (store, "SELECT DISTINCT offer_id FROM offer_mail_items WHERE mail_id = ? "
                                                "ORDER BY 1", mail_id, error)) ||
      !(searches = _crm_store_collect_ids (store, "SELECT DISTINCT search_id FROM offer_mail_items WHERE mail_id = ? "
                                                  "ORDER BY 1", mail_id, error)))
    return FALSE;

  {
    g_autoptr(GString) offer_list = g_string_new (NULL);
    /* Translators: in an offer's history: whom a mail with it went to; a name, then addresses */
    g_autofree char *offer_detail = g_strdup_printf (_("Sent to %s (%s)"), client_name, recipients);
    g_autofree char *search_detail = NULL;

    for (guint i = 0; i < offers->len; i++)
      g_string_append_printf (offer_list, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "",
                              g_array_index (offers, gint64, i));
    search_detail =
      /* Translators: in a search's history: offer numbers, then whom they went to: a name, then addresses */
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offer %s sent to %s (%s)", "Offers %s sent to %s (%s)",
                                    offers->len),
                       offer_list->str, client_name, recipients);

    for (guint i = 0; i < offers->len; i++)
      if (!append_mail_history (store, "offer", g_array_index (offers, gint64, i), sender_id, offer_detail, mail_id,
                                error))
        return FALSE;
    for (guint i = 0; i < searches->len; i++)
      if (!append_mail_history (store, "search", g_array_index (searches, gint64, i), sender_id, search_detail,
                                mail_id, error))
        return FALSE;
  }

  return TRUE;
}

static gpointer
history_entry_from_row (CrmStatement *stmt)
{
  CrmHistoryEntry *entry = crm_history_entry_new (crm_statement_get_int64 (stmt, 0),
                                                  crm_statement_get_text (stmt, 1),
                                                  crm_statement_get_text (stmt, 2),
                                                  crm_statement_get_text (stmt, 3));

  _crm_history_entry_set_offer_mail_id (entry, crm_statement_get_int64 (stmt, 4));

  return entry;
}

/**
 * crm_offer_store_list_history:
 * @self: a #CrmOfferStore
 * @entity: "offer" or "search"
 * @id: the offer's or the search's number
 * @error: return location for a #GError
 *
 * The history of an offer or a search, as crm_session_list_history()
 * gives it, where each mail sent with offers (OF9) names its offer mail
 * (crm_history_entry_get_offer_mail_id()): what went to whom, by whom,
 * and the mail itself.
 *
 * Returns: (transfer full): the newest 200 #CrmHistoryEntry rows,
 *   newest first
 */
GListModel *
crm_offer_store_list_history (CrmOfferStore  *self,
                              const char     *entity,
                              gint64          id,
                              GError        **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  stmt = _crm_store_prepare (self,
                             "SELECT h.at, u.name, h.action, h.detail, ifnull (h.offer_mail_id, 0) FROM history h "
                             "LEFT JOIN users u ON u.id = h.user_id WHERE h.entity = ? AND h.entity_id = ? "
                             "ORDER BY h.at DESC, h.id DESC LIMIT 200",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_text_copy (stmt, 1, entity);
  crm_statement_bind_int64 (stmt, 2, id);

  return _crm_store_collect (self, stmt, CRM_TYPE_HISTORY_ENTRY, history_entry_from_row, error);
}

/**
 * crm_offer_store_dup_mail_message:
 * @self: a #CrmOfferStore
 * @mail_id: an offer mail that went to the outbox
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the mail exactly as it was sent (or is to
 *   be), or %NULL with %CRM_ERROR_NOT_FOUND for a mail still prepared
 *   or unknown
 */
GBytes *
crm_offer_store_dup_mail_message (CrmOfferStore  *self,
                                  gint64          mail_id,
                                  GError        **error)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  stmt = _crm_store_prepare (self, "SELECT o.raw FROM offer_mails m JOIN outbox o ON o.id = m.outbox_id WHERE m.id = ?",
                             error);
  if (stmt == NULL)
    return NULL;
  crm_statement_bind_int64 (stmt, 1, mail_id);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    return crm_statement_dup_bytes (stmt, 0);

  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no sent mail with offers %lld."),
               (long long) mail_id);
  return NULL;
}

/**
 * crm_offer_store_find_mail_ticket:
 * @self: a #CrmOfferStore
 * @mail_id: a mail with offers that went to the outbox
 *
 * The ticket that holds the mail: the one the client's reply to it (or
 * any mail that names it in In-Reply-To or References) went to.
 *
 * Returns: the ticket's number, or 0 when no ticket holds it
 */
gint64
crm_offer_store_find_mail_ticket (CrmOfferStore *self,
                                  gint64         mail_id)
{
  g_autoptr(CrmStatement) stmt = NULL;

  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), 0);

  /* one walk of message_refs' key per form of the Message-ID */
  stmt = _crm_store_prepare (self,
                             "SELECT msg.ticket_id FROM offer_mails m JOIN outbox o ON o.id = m.outbox_id "
                             "JOIN message_refs r ON r.ref IN (o.message_id, '<' || o.message_id || '>') "
                             "JOIN messages msg ON msg.id = r.message "
                             "WHERE m.id = ? AND msg.ticket_id IS NOT NULL ORDER BY msg.id LIMIT 1",
                             NULL);
  if (stmt == NULL)
    return 0;
  crm_statement_bind_int64 (stmt, 1, mail_id);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return 0;

  return crm_statement_get_int64 (stmt, 0);
}

static gboolean
offer_mail_hook (CrmSession  *session,
                 gint64       outbox_id,
                 const char  *outcome,
                 gpointer     user_data,
                 GError     **error)
{
  CrmOfferStore *store = crm_offer_store_from_session (session);
  return _crm_offers_mail_outcome (store, outbox_id, outcome, error);
}

/* The outbox tells the offers what became of their mail (OF7, OF9),
 * in its own transaction. */
void
_crm_offers_register_outbox_hook (void)
{
  crm_outbox_add_hook ("offer-mail", offer_mail_hook, NULL);
}

typedef struct
{
  gint64    search_id;   /* 0: the ids are mails of "Emails to send" */
  GArray   *ids;
  gboolean  again;
  gint64    due;
} SendJob;

static void
send_job_free (gpointer data)
{
  SendJob *job = data;

  g_array_unref (job->ids);
  g_free (job);
}

static gboolean
send_write (CrmSession    *writer,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  CrmOfferStore *store = crm_offer_store_from_session (writer);
  SendJob *job = data;
  g_autoptr(GArray) outbox_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (job->search_id != 0)
    {
      gint64 outbox_id = 0;

      if (crm_offer_store_send (store, job->search_id, (const gint64 *) job->ids->data, job->ids->len, job->again,
                                job->due, &outbox_id, error) == 0)
        return FALSE;
      if (outbox_id != 0)
        g_array_append_val (outbox_ids, outbox_id);
    }
  else
    {
      if (!crm_offer_store_send_mails (store, (const gint64 *) job->ids->data, job->ids->len, job->again, job->due,
                                       error))
        return FALSE;
      for (guint i = 0; i < job->ids->len; i++)
        {
          g_autoptr(CrmOfferMail) mail = crm_offer_store_get_mail (store, g_array_index (job->ids, gint64, i), NULL);
          gint64 outbox_id = mail != NULL ? crm_offer_mail_get_outbox_id (mail) : 0;

          if (outbox_id != 0)
            g_array_append_val (outbox_ids, outbox_id);
        }
    }
  *result = g_steal_pointer (&outbox_ids);

  return TRUE;
}

static void
send_async (CrmOfferStore       *self,
            gint64               search_id,
            const gint64        *ids,
            guint                n_ids,
            gboolean             again,
            gint64               due,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  SendJob *job = g_new0 (SendJob, 1);

  job->search_id = search_id;
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  g_array_append_vals (job->ids, ids, n_ids);
  job->again = again;
  job->due = due;
  crm_session_write_async (_crm_session (self), send_write, job, send_job_free, (GDestroyNotify) g_array_unref,
                           cancellable, callback, user_data);
}

/**
 * crm_offer_store_send_async:
 * @self: a #CrmOfferStore
 * @search_id: as for crm_offer_store_send()
 * @offer_ids: (array length=n_offers): as for crm_offer_store_send()
 * @n_offers: how many
 * @again: as for crm_offer_store_send()
 * @due: as for crm_offer_store_send()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when queued, or not
 * @user_data: for @callback
 *
 * crm_offer_store_send() on a writer of its own
 * (crm_session_write_async()): for the window. Finish with
 * crm_offer_store_send_finish().
 */
void
crm_offer_store_send_async (CrmOfferStore       *self,
                            gint64               search_id,
                            const gint64        *offer_ids,
                            guint                n_offers,
                            gboolean             again,
                            gint64               due,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CRM_IS_OFFER_STORE (self));
  g_return_if_fail (search_id > 0);

  send_async (self, search_id, offer_ids, n_offers, again, due, cancellable, callback, user_data);
}

/**
 * crm_offer_store_send_mails_async:
 * @self: a #CrmOfferStore
 * @mail_ids: (array length=n_mails): as for crm_offer_store_send_mails()
 * @n_mails: how many
 * @again: as for crm_offer_store_send_mails()
 * @due: as for crm_offer_store_send_mails()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when queued, or not
 * @user_data: for @callback
 *
 * crm_offer_store_send_mails() on a writer of its own
 * (crm_session_write_async()): for the window. Finish with
 * crm_offer_store_send_finish().
 */
void
crm_offer_store_send_mails_async (CrmOfferStore       *self,
                                  const gint64        *mail_ids,
                                  guint                n_mails,
                                  gboolean             again,
                                  gint64               due,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (CRM_IS_OFFER_STORE (self));

  send_async (self, 0, mail_ids, n_mails, again, due, cancellable, callback, user_data);
}

/**
 * crm_offer_store_send_finish:
 * @self: a #CrmOfferStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type gint64): the outbox rows of
 *   the mails queued, for an Undo; or %NULL with @error set
 */
GArray *
crm_offer_store_send_finish (CrmOfferStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (CRM_IS_OFFER_STORE (self), NULL);

  return crm_session_write_finish (_crm_session (self), result, error);
}
