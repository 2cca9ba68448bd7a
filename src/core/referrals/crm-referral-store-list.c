/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-referral-store-private.h"

/*
 * The referrals' list (RF3, RF4) with its filters, the status tiles'
 * counts (RF2), one referral and its details page (RF5-RF10). The
 * filters are made into one statement, whose text is interned (the
 * statement cache is keyed by the text's address). Names are compared
 * by their folded keys, word by word: "wiśniewskiego" finds
 * "Łukasz Wiśniewski".
 */

typedef struct
{
  gboolean  is_text;
  gint64    number;
  char     *text;
} Bind;

static void
bind_clear (gpointer data)
{
  g_free (((Bind *) data)->text);
}

/* Appends @clause with its "?#" numbered as the next parameter. */
static void
append_clause (GString    *sql,
               GArray     *binds,
               const char *clause)
{
  const char *mark = strstr (clause, "?#");

  g_assert (mark != NULL);
  g_string_append_len (sql, clause, mark - clause);
  g_string_append_printf (sql, "?%u", binds->len);
  g_string_append (sql, mark + 2);
}

static void
add_text (GString    *sql,
          GArray     *binds,
          const char *clause,
          const char *text)
{
  Bind bind = { TRUE, 0, g_strdup (text) };

  g_array_append_val (binds, bind);
  append_clause (sql, binds, clause);
}

static void
add_number (GString    *sql,
            GArray     *binds,
            const char *clause,
            gint64      number)
{
  Bind bind = { FALSE, number, NULL };

  g_array_append_val (binds, bind);
  append_clause (sql, binds, clause);
}

/* Each word of @text, folded as names are, must begin a word of
 * @column's key (a folded name). */
static void
add_words (GString    *sql,
           GArray     *binds,
           const char *column,
           const char *text)
{
  g_autofree char *folded = crm_normalize_person_name (text);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autofree char *clause = g_strconcat ("AND (' ' || ", column, ") LIKE ('% ' || ?# || '%') ", NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      add_text (sql, binds, clause, words[i]);
}

/* The search: each word in the client's name, the advisor's, the
 * e-mail address, or (its digits) the phone. */
static void
add_search (GString    *sql,
            GArray     *binds,
            const char *text)
{
  g_auto(GStrv) raw = g_strsplit_set (text, " \t", -1);

  for (guint i = 0; raw[i] != NULL; i++)
    {
      g_autofree char *folded = crm_normalize_person_name (raw[i]);
      g_autoptr(GString) digits = g_string_new (NULL);
      g_autofree char *lower = g_utf8_strdown (raw[i], -1);

      if (*raw[i] == '\0')
        continue;
      for (const char *p = raw[i]; *p; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (digits, *p);
      g_string_append (sql, "AND (");
      if (*folded != '\0')
        {
          add_text (sql, binds, "(' ' || r.name_key) LIKE ('% ' || ?# || '%') ", folded);
          add_text (sql, binds, "OR (' ' || r.advisor_key) LIKE ('% ' || ?# || '%') ", folded);
        }
      else
        g_string_append (sql, "0 = 1 ");
      if (strpbrk (lower, "%_\\") == NULL)
        add_text (sql, binds, "OR r.email LIKE ('%' || ?# || '%') ", lower);
      if (digits->len >= 3)
        add_text (sql, binds, "OR r.phone LIKE ('%' || ?# || '%') ", digits->str);
      g_string_append (sql, ") ");
    }
}

/* The list's ids (@after_id < 0), the first @limit only when not 0; or
 * a page of them in id order after @after_id, at most @limit (0: all),
 * for saved views. */
GArray *
_crm_referral_store_list_ids_full (CrmReferralStore         *self,
                                   const CrmReferralFilter  *filter,
                                   gint64                    after_id,
                                   guint                     limit,
                                   GError                  **error)
{
  static const CrmReferralFilter all = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT r.id FROM referrals r WHERE 1 = 1 ");
  g_autoptr(GArray) binds = g_array_new (FALSE, TRUE, sizeof (Bind));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean messages = FALSE;

  g_array_set_clear_func (binds, bind_clear);
  if (filter == NULL)
    filter = &all;

  if (filter->id > 0)
    add_number (sql, binds, "AND r.id = ?# ", filter->id);
  if (filter->client_name != NULL)
    add_words (sql, binds, "r.name_key", filter->client_name);
  if (filter->advisor != NULL)
    add_words (sql, binds, "r.advisor_key", filter->advisor);
  if (filter->from > 0)
    add_number (sql, binds, "AND r.received_at >= ?# ", filter->from);
  if (filter->to > 0)
    add_number (sql, binds, "AND r.received_at < ?# ", filter->to);
  if (filter->status != NULL && *filter->status != '\0')
    {
      CrmReferralStatus status;

      if (g_str_equal (filter->status, "messages"))
        {
          messages = TRUE;
          g_string_append (sql, "AND r.last_message_at IS NOT NULL ");
        }
      else if (crm_referral_status_from_string (filter->status, &status))
        add_text (sql, binds, "AND r.status = ?# ", filter->status);
      else
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       /* Translators: %s is what was given */
                       _("“%s” is not a referral’s status: give pending, accepted, rejected or messages."),
                       filter->status);
          return NULL;
        }
    }
  if (filter->investment_id > 0)
    add_number (sql, binds, "AND r.investment_id = ?# ", filter->investment_id);
  if (filter->form_id > 0)
    add_number (sql, binds, "AND r.form_id = ?# ", filter->form_id);
  if (filter->search != NULL)
    add_search (sql, binds, filter->search);
  if (after_id >= 0)
    {
      add_number (sql, binds, "AND r.id > ?# ", after_id);
      g_string_append (sql, "ORDER BY r.id");
      if (limit > 0)
        add_number (sql, binds, " LIMIT ?#", limit);
    }
  else
    {
      g_string_append (sql, messages ? "ORDER BY r.last_message_at DESC, r.id DESC"
                                     : "ORDER BY r.received_at DESC, r.id DESC");
      if (limit > 0)
        add_number (sql, binds, " LIMIT ?#", limit);
    }

  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return NULL;
  for (guint i = 0; i < binds->len; i++)
    {
      Bind *bind = &g_array_index (binds, Bind, i);

      if (bind->is_text)
        crm_statement_bind_text (stmt, (int) i + 1, bind->text);
      else
        crm_statement_bind_int64 (stmt, (int) i + 1, bind->number);
    }
  if (!_crm_store_step_ids (self, stmt, ids, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/**
 * crm_referral_store_list_ids:
 * @self: a #CrmReferralStore
 * @filter: (nullable): what to list; %NULL for all
 * @error: return location for a #GError (%CRM_ERROR_INVALID for an
 *   unknown status)
 *
 * Returns: (transfer full) (element-type gint64): the referrals' ids,
 *   the newest first (with the "messages" status, the newest message
 *   first), or %NULL with @error set
 */
GArray *
crm_referral_store_list_ids (CrmReferralStore         *self,
                             const CrmReferralFilter  *filter,
                             GError                  **error)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);

  return _crm_referral_store_list_ids_full (self, filter, -1, 0, error);
}

/**
 * crm_referral_store_list_head_ids:
 * @self: a #CrmReferralStore
 * @filter: (nullable): as for crm_referral_store_list_ids ()
 * @n: how many
 * @error: return location for a #GError
 *
 * The first @n of crm_referral_store_list_ids (): what a list shows
 * first, read on the order's index without walking the rest.
 *
 * Returns: (transfer full): the ids, or %NULL with @error set
 */
GArray *
crm_referral_store_list_head_ids (CrmReferralStore         *self,
                                  const CrmReferralFilter  *filter,
                                  guint                     n,
                                  GError                  **error)
{
  g_return_val_if_fail (n > 0, NULL);

  return _crm_referral_store_list_ids_full (self, filter, -1, n, error);
}

/**
 * crm_referral_store_get_many:
 * @self: a #CrmReferralStore
 * @ids: (array length=n_ids): referrals' ids
 * @n_ids: how many
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmReferral): those that
 *   exist, in no order, or %NULL with @error set
 */
GPtrArray *
crm_referral_store_get_many (CrmReferralStore  *self,
                             const gint64      *ids,
                             guint              n_ids,
                             GError           **error)
{
  g_autoptr(GPtrArray) referrals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *json = NULL;
  CrmStep step;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);

  if (n_ids == 0)
    return g_steal_pointer (&referrals);
  json = _crm_store_ids_json (ids, n_ids);
  if (!(stmt = _crm_store_prepare (self, "SELECT " _CRM_REFERRAL_COLUMNS _CRM_REFERRAL_FROM
                                         "WHERE r.id IN (SELECT value FROM json_each (?))", error)))
    return NULL;
  crm_statement_bind_text (stmt, 1, json);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    g_ptr_array_add (referrals, _crm_referral_from_row (stmt));
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&referrals);
}

/**
 * crm_referral_store_get:
 * @self: a #CrmReferralStore
 * @id: a referral's number
 * @error: return location for a #GError (%CRM_ERROR_NOT_FOUND)
 *
 * Returns: (transfer full): the referral, or %NULL with @error set
 */
CrmReferral *
crm_referral_store_get (CrmReferralStore  *self,
                        gint64             id,
                        GError           **error)
{
  g_autoptr(GPtrArray) found = crm_referral_store_get_many (self, &id, 1, error);

  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no referral %lld."), (long long) id);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (found, 0));
}

/**
 * crm_referral_store_count:
 * @self: a #CrmReferralStore
 * @counts: (out caller-allocates): the tiles' counts
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_referral_store_count (CrmReferralStore   *self,
                          CrmReferralCounts  *counts,
                          GError            **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof *counts);
  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT count (*), "
                                   "coalesce (sum (CASE WHEN status = 'pending' THEN 1 ELSE 0 END), 0), "
                                   "coalesce (sum (CASE WHEN status = 'accepted' THEN 1 ELSE 0 END), 0), "
                                   "coalesce (sum (CASE WHEN status = 'rejected' THEN 1 ELSE 0 END), 0), "
                                   "coalesce (sum (awaiting_reply), 0) FROM referrals",
                                   error)) ||
      !_crm_store_step_row (self, stmt, &row, error))
    return FALSE;
  counts->all = (guint) crm_statement_get_int64 (stmt, 0);
  counts->pending = (guint) crm_statement_get_int64 (stmt, 1);
  counts->accepted = (guint) crm_statement_get_int64 (stmt, 2);
  counts->rejected = (guint) crm_statement_get_int64 (stmt, 3);
  counts->messages = (guint) crm_statement_get_int64 (stmt, 4);

  return TRUE;
}

static gboolean
count_read (CrmSession    *reader,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  CrmReferralCounts *counts = g_new0 (CrmReferralCounts, 1);

  if (!crm_referral_store_count (crm_referral_store_from_session (reader), counts, error))
    {
      g_free (counts);
      return FALSE;
    }
  *result = counts;

  return TRUE;
}

/**
 * crm_referral_store_count_async:
 * @self: a #CrmReferralStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the counts
 * @user_data: for @callback
 *
 * crm_referral_store_count() on the session's reader: for the window.
 */
void
crm_referral_store_count_async (CrmReferralStore    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (CRM_IS_REFERRAL_STORE (self));

  crm_session_read_async (_crm_session (self), count_read, NULL, NULL, g_free, cancellable, callback, user_data);
}

/**
 * crm_referral_store_count_finish:
 * @self: a #CrmReferralStore
 * @result: the result given to the callback
 * @counts: (out caller-allocates): the tiles' counts
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @counts set
 */
gboolean
crm_referral_store_count_finish (CrmReferralStore   *self,
                                 GAsyncResult       *result,
                                 CrmReferralCounts  *counts,
                                 GError            **error)
{
  g_autofree CrmReferralCounts *read = crm_session_read_finish (_crm_session (self), result, error);

  if (read == NULL)
    return FALSE;
  *counts = *read;

  return TRUE;
}

static GPtrArray *
list_documents (CrmReferralStore  *self,
                gint64             id,
                GError           **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_referral_document_free);
  g_autoptr(CrmStatement) stmt = NULL;
  CrmStep step;

  if (!(stmt = _crm_store_prepare (self, "SELECT id, file_name, content_type, size FROM referral_documents "
                                         "WHERE referral_id = ? ORDER BY id", error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmReferralDocument *document = crm_referral_document_new (crm_statement_get_text (stmt, 1),
                                                                 crm_statement_get_text (stmt, 2), NULL);

      document->id = crm_statement_get_int64 (stmt, 0);
      document->size = (gsize) crm_statement_get_int64 (stmt, 3);
      g_ptr_array_add (documents, document);
    }
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&documents);
}

static GPtrArray *
list_status_changes (CrmReferralStore  *self,
                     gint64             id,
                     GError           **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (crm_referral_status_change_free);
  g_autoptr(CrmStatement) stmt = NULL;
  CrmStep step;

  if (!(stmt = _crm_store_prepare (self, "SELECT s.status, s.comment, u.name, s.at FROM referral_status_changes s "
                                         "LEFT JOIN users u ON u.id = s.user_id WHERE s.referral_id = ? ORDER BY s.id",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmReferralStatusChange *change = g_new0 (CrmReferralStatusChange, 1);

      crm_referral_status_from_string (crm_statement_get_text (stmt, 0), &change->status);
      change->comment = g_strdup (crm_statement_get_text (stmt, 1));
      change->user = g_strdup (crm_statement_get_text (stmt, 2));
      change->at = crm_statement_get_int64 (stmt, 3);
      g_ptr_array_add (changes, change);
    }
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&changes);
}

static GPtrArray *
list_messages (CrmReferralStore  *self,
               gint64             id,
               GError           **error)
{
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (crm_referral_message_free);
  g_autoptr(CrmStatement) stmt = NULL;
  CrmStep step;

  if (!(stmt = _crm_store_prepare (self,
                                   "SELECT m.id, m.direction, m.kind, m.body, coalesce (u.name, ms.from_address), "
                                   "m.at, o.state FROM referral_messages m "
                                   "LEFT JOIN users u ON u.id = m.user_id "
                                   "LEFT JOIN messages ms ON ms.id = m.message_row "
                                   "LEFT JOIN outbox o ON o.id = m.outbox_id "
                                   "WHERE m.referral_id = ? ORDER BY m.at, m.id",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      CrmReferralMessage *message = g_new0 (CrmReferralMessage, 1);

      message->id = crm_statement_get_int64 (stmt, 0);
      message->incoming = g_strcmp0 (crm_statement_get_text (stmt, 1), "in") == 0;
      message->kind = g_strdup (crm_statement_get_text (stmt, 2));
      message->body = g_strdup (crm_statement_get_text (stmt, 3));
      message->author = g_strdup (crm_statement_get_text (stmt, 4));
      message->at = crm_statement_get_int64 (stmt, 5);
      message->outbox_state = g_strdup (crm_statement_get_text (stmt, 6));
      g_ptr_array_add (messages, message);
    }
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return NULL;
    }

  return g_steal_pointer (&messages);
}

/**
 * crm_referral_store_get_card:
 * @self: a #CrmReferralStore
 * @id: a referral's number
 * @error: return location for a #GError (%CRM_ERROR_NOT_FOUND)
 *
 * Everything a referral's details page shows: the referral (PESEL and
 * ID number masked), its documents (without their bytes), the status
 * changes, the messages with the broker, and similar clients, referrals
 * and leads (crm_referral_store_find_similar()).
 *
 * Returns: (transfer full): the card, or %NULL with @error set
 */
CrmReferralCard *
crm_referral_store_get_card (CrmReferralStore  *self,
                             gint64             id,
                             GError           **error)
{
  g_autoptr(CrmReferralCard) card = g_new0 (CrmReferralCard, 1);

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);

  if (!(card->referral = crm_referral_store_get (self, id, error)) ||
      !(card->documents = list_documents (self, id, error)) ||
      !(card->status_changes = list_status_changes (self, id, error)) ||
      !(card->messages = list_messages (self, id, error)) ||
      !(card->similar = crm_referral_store_find_similar (self, id, error)))
    return NULL;

  return g_steal_pointer (&card);
}

static gboolean
card_read (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  return (*result = crm_referral_store_get_card (crm_referral_store_from_session (reader),
                                                 *(gint64 *) data, error)) != NULL;
}

/**
 * crm_referral_store_get_card_async:
 * @self: a #CrmReferralStore
 * @id: a referral's number
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the card
 * @user_data: for @callback
 *
 * crm_referral_store_get_card() on the session's reader: for the window.
 */
void
crm_referral_store_get_card_async (CrmReferralStore    *self,
                                   gint64               id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CRM_IS_REFERRAL_STORE (self));

  crm_session_read_async (_crm_session (self), card_read, g_memdup2 (&id, sizeof id), g_free,
                          (GDestroyNotify) crm_referral_card_free, cancellable, callback, user_data);
}

/**
 * crm_referral_store_get_card_finish:
 * @self: a #CrmReferralStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the card, or %NULL with @error set
 */
CrmReferralCard *
crm_referral_store_get_card_finish (CrmReferralStore  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  return crm_session_read_finish (_crm_session (self), result, error);
}

/**
 * crm_referral_store_get_document:
 * @self: a #CrmReferralStore
 * @document_id: a document's id, from the card
 * @file_name: (out) (optional): its file name
 * @content_type: (out) (optional): its MIME type
 * @error: return location for a #GError (%CRM_ERROR_NOT_FOUND, also
 *   once purged)
 *
 * Returns: (transfer full): the document's bytes, or %NULL with @error set
 */
GBytes *
crm_referral_store_get_document (CrmReferralStore  *self,
                                 gint64             document_id,
                                 char             **file_name,
                                 char             **content_type,
                                 GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT file_name, content_type, data FROM referral_documents WHERE id = ?",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, document_id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("The document is no longer kept."));
      return NULL;
    }
  if (file_name != NULL)
    *file_name = g_strdup (crm_statement_get_text (stmt, 0));
  if (content_type != NULL)
    *content_type = g_strdup (crm_statement_get_text (stmt, 1));

  return crm_statement_dup_bytes (stmt, 2);
}
