/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-referral-store-private.h"

/*
 * The client's personal numbers and how long a rejected referral is
 * kept. Lists and cards hold the PESEL and the ID card number masked
 * (#CrmReferral); crm_referral_store_reveal() reads them whole and
 * leaves a row in referral_reveals (who, when, which: it outlives the
 * referral) and in the audit history. Rejected referrals, their
 * documents, their messages, the broker's answers and the sent mails
 * about them are purged once the office's retention has passed since
 * the rejection, a batch at a time, each with an audit row; the engine
 * does it in its periodic pass, crmctl referrals purge at once.
 *
 * The contacts' folded names (contacts.name_key, 0039) are written by
 * the contacts' store; rows written before are filled here, a batch at
 * a time, in the same passes.
 */

#define PURGE_BATCH 200
#define DAY (24 * 3600)

typedef struct
{
  gint64  id;
  char   *pesel;
  char   *id_card;
} Reveal;

static gboolean
reveal_tx (CrmSession  *session,
           gpointer     user_data,
           GError     **error)
{
  CrmReferralStore *self = crm_referral_store_from_session (session);
  Reveal *reveal = user_data;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GString) fields = g_string_new (NULL);
  gboolean row = FALSE;

  if (!(stmt = _crm_store_prepare (self, "SELECT pesel, id_card FROM referrals WHERE id = ?", error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, reveal->id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return FALSE;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no referral %lld."), (long long) reveal->id);
      return FALSE;
    }
  reveal->pesel = g_strdup (crm_statement_get_text (stmt, 0));
  reveal->id_card = g_strdup (crm_statement_get_text (stmt, 1));
  g_clear_pointer (&stmt, crm_statement_release);
  if (reveal->pesel != NULL)
    g_string_append (fields, "pesel");
  if (reveal->id_card != NULL)
    g_string_append (fields, fields->len > 0 ? ",id_card" : "id_card");
  if (fields->len == 0)
    return TRUE;

  if (!(stmt = _crm_store_prepare (self, "INSERT INTO referral_reveals (referral_id, user_id, at, fields) "
                                         "VALUES (?1, (SELECT id FROM users WHERE id = ?2), ?3, ?4)", error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, reveal->id);
  crm_statement_bind_int64 (stmt, 2, crm_session_get_user_id (session));
  crm_statement_bind_int64 (stmt, 3, _crm_referral_store_now (self));
  crm_statement_bind_text (stmt, 4, fields->str);
  if (!_crm_store_step_done (self, stmt, error))
    return FALSE;

  return crm_session_append_history (session, "referral", reveal->id, "revealed", fields->str, error);
}

/**
 * crm_referral_store_reveal:
 * @self: a #CrmReferralStore
 * @id: a referral
 * @pesel: (out) (optional) (nullable): the client's PESEL, whole
 * @id_card: (out) (optional) (nullable): the client's ID card number, whole
 * @error: return location for a #GError (%CRM_ERROR_NOT_FOUND)
 *
 * Shows a referral's personal numbers on its card, writing who looked
 * (referral_reveals and an audit row) in the same transaction: nothing
 * is shown unless the row is written.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_referral_store_reveal (CrmReferralStore  *self,
                           gint64             id,
                           char             **pesel,
                           char             **id_card,
                           GError           **error)
{
  Reveal reveal = { id, NULL, NULL };

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), FALSE);

  if (!crm_session_run_in_transaction (_crm_session (self), reveal_tx, &reveal, error))
    {
      g_free (reveal.pesel);
      g_free (reveal.id_card);
      return FALSE;
    }
  if (pesel != NULL)
    *pesel = g_steal_pointer (&reveal.pesel);
  if (id_card != NULL)
    *id_card = g_steal_pointer (&reveal.id_card);
  g_free (reveal.pesel);
  g_free (reveal.id_card);

  return TRUE;
}

static void
reveal_free (gpointer data)
{
  Reveal *reveal = data;

  g_free (reveal->pesel);
  g_free (reveal->id_card);
  g_free (reveal);
}

static gboolean
reveal_write (CrmSession    *writer,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  Reveal *asked = data;
  Reveal *revealed = g_new0 (Reveal, 1);

  revealed->id = asked->id;
  if (!crm_referral_store_reveal (crm_referral_store_from_session (writer), asked->id, &revealed->pesel,
                                  &revealed->id_card, error))
    {
      reveal_free (revealed);
      return FALSE;
    }
  *result = revealed;

  return TRUE;
}

/**
 * crm_referral_store_reveal_async:
 * @self: a #CrmReferralStore
 * @id: a referral
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the numbers
 * @user_data: for @callback
 *
 * crm_referral_store_reveal() on the session's writer: for the window.
 */
void
crm_referral_store_reveal_async (CrmReferralStore    *self,
                                 gint64               id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Reveal *asked = g_new0 (Reveal, 1);

  g_return_if_fail (CRM_IS_REFERRAL_STORE (self));

  asked->id = id;
  crm_session_write_async (_crm_session (self), reveal_write, asked, reveal_free, reveal_free, cancellable, callback,
                           user_data);
}

/**
 * crm_referral_store_reveal_finish:
 * @self: a #CrmReferralStore
 * @result: the result given to the callback
 * @pesel: (out) (optional) (nullable): the PESEL, whole
 * @id_card: (out) (optional) (nullable): the ID card number, whole
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_referral_store_reveal_finish (CrmReferralStore  *self,
                                  GAsyncResult      *result,
                                  char             **pesel,
                                  char             **id_card,
                                  GError           **error)
{
  Reveal *revealed = crm_session_write_finish (_crm_session (self), result, error);

  if (revealed == NULL)
    return FALSE;
  if (pesel != NULL)
    *pesel = g_strdup (revealed->pesel);
  if (id_card != NULL)
    *id_card = g_strdup (revealed->id_card);
  reveal_free (revealed);

  return TRUE;
}

typedef struct
{
  gint64  cutoff;
  guint   days;
  guint   purged;
  GArray *ids;
} Purge;

static gboolean
run (CrmReferralStore  *self,
     const char        *sql,
     const char        *json,
     GError           **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_text (stmt, 1, json);

  return _crm_store_step_done (self, stmt, error);
}

static gboolean
purge_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmReferralStore *self = crm_referral_store_from_session (session);
  Purge *purge = user_data;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *json = NULL;
  g_autofree char *detail = NULL;

  g_array_set_size (purge->ids, 0);
  if (!(stmt = _crm_store_prepare (self, "SELECT id FROM referrals WHERE status = 'rejected' AND status_changed_at < ? "
                                         "ORDER BY status_changed_at LIMIT 200", error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, purge->cutoff);
  if (!_crm_store_step_ids (self, stmt, purge->ids, error))
    return FALSE;
  if (purge->ids->len == 0)
    return TRUE;
  json = _crm_store_ids_json ((const gint64 *) purge->ids->data, purge->ids->len);

  /* the sent mails about them, once sent and copied (or given up) */
  if (!run (self, "DELETE FROM outbox WHERE owner = 'referral' AND state IN ('sent', 'failed', 'cancelled') "
                  "AND (copy_state IS NULL OR copy_state <> 'pending') AND id IN (SELECT m.outbox_id "
                  "FROM referral_messages m WHERE m.referral_id IN (SELECT value FROM json_each (?1)))",
            json, error) ||
      /* the broker's answers, as imported */
      !run (self, "DELETE FROM messages WHERE referral_id IN (SELECT value FROM json_each (?1))", json, error) ||
      /* the referrals, their documents, status changes and messages (ON DELETE CASCADE) */
      !run (self, "DELETE FROM referrals WHERE id IN (SELECT value FROM json_each (?1))", json, error))
    return FALSE;

  /* Translators: an audit row: a rejected referral was deleted; %u is the office's retention in days */
  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Rejected more than %u day ago: purged with its documents",
                                         "Rejected more than %u days ago: purged with its documents", purge->days),
                            purge->days);
  for (guint i = 0; i < purge->ids->len; i++)
    if (!crm_session_append_history (session, "referral", g_array_index (purge->ids, gint64, i), "purged", detail, error))
      return FALSE;
  purge->purged += purge->ids->len;

  return TRUE;
}

/**
 * crm_referral_store_purge:
 * @self: a #CrmReferralStore
 * @error: return location for a #GError
 *
 * Deletes the referrals rejected more than the office's retention ago
 * (crm_referral_store_get_retention_days(), by the session's clock)
 * with their documents, status changes, messages, the broker's answers
 * and the sent mails about them, in transactions of at most 200, each
 * with an audit row ("purged"). The reveal audit stays. The engine
 * calls it in its periodic pass; crmctl referrals purge at once.
 *
 * Returns: how many referrals were purged; 0 with @error set on failure
 */
guint
crm_referral_store_purge (CrmReferralStore  *self,
                          GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Purge purge = { 0 };

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), 0);

  purge.days = crm_referral_store_get_retention_days (self);
  purge.cutoff = _crm_referral_store_now (self) - (gint64) purge.days * DAY;
  purge.ids = ids;
  do
    {
      if (!crm_session_run_in_transaction (_crm_session (self), purge_tx, &purge, error))
        return 0;
      for (guint i = 0; i < ids->len; i++)
        _crm_store_emit_changed (self, "referral", g_array_index (ids, gint64, i));
    }
  while (ids->len == PURGE_BATCH);

  if (purge.purged > 0)
    g_message ("purged %u rejected referrals older than %u days", purge.purged, purge.days);

  return purge.purged;
}

typedef struct
{
  guint limit;
  guint filled;
} Fill;

static gboolean
fill_tx (CrmSession  *session,
         gpointer     user_data,
         GError     **error)
{
  CrmReferralStore *self = crm_referral_store_from_session (session);
  Fill *fill = user_data;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  CrmStep step;

  if (!(stmt = _crm_store_prepare (self, "SELECT id, name FROM contacts WHERE name_key IS NULL ORDER BY id LIMIT ?",
                                   error)))
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, fill->limit);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, crm_normalize_person_name (crm_statement_get_text (stmt, 1)));
    }
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }
  g_clear_pointer (&stmt, crm_statement_release);

  for (guint i = 0; i < ids->len; i++)
    {
      if (!(stmt = _crm_store_prepare (self, "UPDATE contacts SET name_key = ?1 WHERE id = ?2", error)))
        return FALSE;
      crm_statement_bind_text (stmt, 1, g_ptr_array_index (names, i));
      crm_statement_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!_crm_store_step_done (self, stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, crm_statement_release);
    }
  fill->filled = ids->len;

  return TRUE;
}

/**
 * crm_referral_store_fill_name_keys:
 * @self: a #CrmReferralStore
 * @limit: at most this many
 * @error: return location for a #GError
 *
 * Folds the names of contacts written before the referrals' migration
 * (0039) into contacts.name_key, which the duplicate check meets, in
 * one short transaction. The contacts' store writes the key of every
 * contact it saves.
 *
 * Returns: how many were filled (0: none was missing), or %G_MAXUINT
 *   with @error set
 */
guint
crm_referral_store_fill_name_keys (CrmReferralStore  *self,
                                   guint              limit,
                                   GError           **error)
{
  Fill fill = { MAX (limit, 1), 0 };

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), G_MAXUINT);

  if (!crm_session_run_in_transaction (_crm_session (self), fill_tx, &fill, error))
    return G_MAXUINT;

  return fill.filled;
}
