/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-referral-store-private.h"

/*
 * Similar clients, referrals and leads (RF8): records with the same
 * phone (E.164), e-mail address (lower-cased), PESEL, ID card number
 * or folded name as a referral's client. Each field is one lookup of
 * an indexed key column (contact_phones.number_norm,
 * contact_emails.address_norm, contacts.name_key, referrals' phone,
 * email, pesel, id_card and name_key, tickets.client_address and
 * tickets.client_id), at most CANDIDATES rows each, so that the check
 * stays a few milliseconds against a million contacts and referrals.
 * A contact's PESEL is the one of the referral accepted into it (the
 * CRM keeps no PESEL on contacts). Leads are the tickets and requests
 * of the similar clients and of the client's address.
 *
 * The score: each field that matched is evidence of its own weight,
 * combined as independent ones (1 - the product of 1 - weight).
 */

#define CANDIDATES 50
#define SHOWN 20

typedef enum
{
  MATCH_PHONE = 1 << 0,
  MATCH_EMAIL = 1 << 1,
  MATCH_PESEL = 1 << 2,
  MATCH_ID_CARD = 1 << 3,
  MATCH_NAME = 1 << 4,
} MatchField;

static const struct
{
  MatchField  field;
  const char *name;
  double      weight;
} fields[] = {
  { MATCH_PESEL, "pesel", 0.97 },
  { MATCH_ID_CARD, "id_card", 0.95 },
  { MATCH_PHONE, "phone", 0.8 },
  { MATCH_EMAIL, "email", 0.8 },
  { MATCH_NAME, "name", 0.5 },
};

/* Adds @field to each id @sql finds for @value (bound as ?1, or @number
 * when @value is %NULL; ?2, when @sql has it, is the referral left out). */
static gboolean
collect_full (CrmReferralStore  *self,
              GHashTable        *found,
              const char        *sql,
              const char        *value,
              gint64             number,
              gint64             exclude,
              MatchField         field,
              GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  CrmStep step;

  if ((value == NULL && number == 0) || (value != NULL && *value == '\0'))
    return TRUE;
  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  if (value != NULL)
    crm_statement_bind_text (stmt, 1, value);
  else
    crm_statement_bind_int64 (stmt, 1, number);
  if (strstr (sql, "?2") != NULL)
    crm_statement_bind_int64 (stmt, 2, exclude);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);
      gpointer key = g_memdup2 (&id, sizeof id);
      guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (found, key));

      g_hash_table_replace (found, key, GUINT_TO_POINTER (mask | field));
    }
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* Adds each row's field (its second column) to its id (the first) for
 * every row @sql finds; @values are bound in order as ?1, ?2, … (an
 * empty or missing text as NULL, which matches nothing), @exclude as
 * the last. One statement a kind of record: on the team's server every
 * statement is a round trip. */
static gboolean
collect_union (CrmReferralStore   *self,
               GHashTable         *found,
               const char         *sql,
               const char * const *values,
               guint               n_values,
               gint64              exclude,
               GError            **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean any = FALSE;
  CrmStep step;

  for (guint i = 0; i < n_values; i++)
    any |= values[i] != NULL && *values[i] != '\0';
  if (!any)
    return TRUE;
  if (!(stmt = _crm_store_prepare (self, sql, error)))
    return FALSE;
  for (guint i = 0; i < n_values; i++)
    if (values[i] != NULL && *values[i] != '\0')
      crm_statement_bind_text (stmt, (int) i + 1, values[i]);
    else
      crm_statement_bind_null (stmt, (int) i + 1);
  crm_statement_bind_int64 (stmt, (int) n_values + 1, exclude);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);
      guint field = (guint) crm_statement_get_int64 (stmt, 1);
      guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (found, &id));

      g_hash_table_replace (found, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (mask | field));
    }
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* The leads of the similar clients: their tickets, each with the
 * fields its client matched on, in one statement. */
static gboolean
collect_client_leads (CrmReferralStore  *self,
                      GHashTable        *leads,
                      GHashTable        *clients,
                      GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *json = NULL;
  GHashTableIter iter;
  gpointer key;
  CrmStep step;

  g_hash_table_iter_init (&iter, clients);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  if (ids->len == 0)
    return TRUE;
  json = _crm_store_ids_json ((const gint64 *) ids->data, ids->len);
  if (!(stmt = _crm_store_prepare (self, "SELECT id, client_id FROM tickets WHERE client_id IN "
                                         "(SELECT value FROM json_each (?)) LIMIT 200",
                                   error)))
    return FALSE;
  crm_statement_bind_text (stmt, 1, json);
  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);
      gint64 client = crm_statement_get_int64 (stmt, 1);
      guint mask = GPOINTER_TO_UINT (g_hash_table_lookup (leads, &id));

      mask |= GPOINTER_TO_UINT (g_hash_table_lookup (clients, &client));
      g_hash_table_replace (leads, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (mask));
    }
  if (step == CRM_STEP_ERROR)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  return TRUE;
}

#define collect(self, found, sql, value, exclude, field, error) \
  collect_full ((self), (found), (sql), (value), 0, (exclude), (field), (error))

static CrmReferralMatch *
match_new (gint64 id,
           guint  mask)
{
  CrmReferralMatch *match = g_new0 (CrmReferralMatch, 1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  double unlikely = 1.0;

  match->id = id;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (mask & fields[i].field)
      {
        g_strv_builder_add (names, fields[i].name);
        unlikely *= 1.0 - fields[i].weight;
      }
  match->matched = g_strv_builder_end (names);
  match->score = 1.0 - unlikely;

  return match;
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const CrmReferralMatch *x = *(CrmReferralMatch * const *) a;
  const CrmReferralMatch *y = *(CrmReferralMatch * const *) b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  if (x->at != y->at)
    return x->at > y->at ? -1 : 1;

  return x->id > y->id ? -1 : x->id < y->id;
}

/* The matches of @found, best first, at most SHOWN, filled by one
 * statement, @sql (?1: the ids as JSON, for json_each ()), whose
 * columns are: id, name, phone, email, detail, source, at. */
static GPtrArray *
fill (CrmReferralStore  *self,
      GHashTable        *found,
      const char        *sql,
      GError           **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func (crm_referral_match_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, found);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (matches, match_new (*(gint64 *) key, GPOINTER_TO_UINT (value)));
  g_ptr_array_sort (matches, compare_matches);
  if (matches->len > SHOWN)
    g_ptr_array_set_size (matches, SHOWN);

  if (matches->len > 0)
    {
      g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(CrmStatement) stmt = NULL;
      g_autofree char *json = NULL;
      CrmStep step;

      for (guint i = 0; i < matches->len; i++)
        {
          CrmReferralMatch *match = g_ptr_array_index (matches, i);

          g_array_append_val (ids, match->id);
          g_hash_table_insert (by_id, &match->id, match);
        }
      json = _crm_store_ids_json ((const gint64 *) ids->data, ids->len);
      if (!(stmt = _crm_store_prepare (self, sql, error)))
        return NULL;
      crm_statement_bind_text (stmt, 1, json);
      while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
        {
          gint64 id = crm_statement_get_int64 (stmt, 0);
          CrmReferralMatch *match = g_hash_table_lookup (by_id, &id);

          if (match == NULL)
            continue;
          match->name = g_strdup (crm_statement_get_text (stmt, 1));
          match->phone = g_strdup (crm_statement_get_text (stmt, 2));
          match->email = g_strdup (crm_statement_get_text (stmt, 3));
          match->detail = g_strdup (crm_statement_get_text (stmt, 4));
          match->source = g_strdup (crm_statement_get_text (stmt, 5));
          match->at = crm_statement_get_int64 (stmt, 6);
        }
      if (step == CRM_STEP_ERROR)
        {
          _crm_store_set_sql_error (self, error);
          return NULL;
        }
    }
  g_ptr_array_sort (matches, compare_matches);

  return g_steal_pointer (&matches);
}

static GHashTable *
new_found (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

CrmReferralSimilar *
_crm_referral_store_similar_for (CrmReferralStore  *self,
                                 gint64             exclude,
                                 const char        *name_key,
                                 const char        *phone,
                                 const char        *email,
                                 const char        *pesel,
                                 const char        *id_card,
                                 GError           **error)
{
  g_autoptr(GHashTable) clients = new_found ();
  g_autoptr(GHashTable) referrals = new_found ();
  g_autoptr(GHashTable) leads = new_found ();
  g_autoptr(CrmReferralSimilar) similar = g_new0 (CrmReferralSimilar, 1);
  const char * const keys[] = { phone, email, name_key, pesel, id_card };

  /* clients; other referrals; leads: the tickets of the client's address,
   * and of each similar client */
  if (!collect_union (self, clients,
                      "SELECT * FROM (SELECT contact_id, 1 FROM contact_phones WHERE number_norm = ?1 LIMIT 50) a "
                      "UNION ALL SELECT * FROM (SELECT contact_id, 2 FROM contact_emails WHERE address_norm = ?2 "
                      "LIMIT 50) b "
                      "UNION ALL SELECT * FROM (SELECT id, 16 FROM contacts WHERE name_key = ?3 LIMIT 50) c "
                      "UNION ALL SELECT * FROM (SELECT contact_id, 4 FROM referrals WHERE pesel = ?4 "
                      "AND contact_id IS NOT NULL AND id <> ?6 LIMIT 50) d "
                      "UNION ALL SELECT * FROM (SELECT contact_id, 8 FROM referrals WHERE id_card = ?5 "
                      "AND contact_id IS NOT NULL AND id <> ?6 LIMIT 50) e",
                      keys, G_N_ELEMENTS (keys), exclude, error) ||
      !collect_union (self, referrals,
                      "SELECT * FROM (SELECT id, 1 FROM referrals WHERE phone = ?1 AND id <> ?6 LIMIT 50) a "
                      "UNION ALL SELECT * FROM (SELECT id, 2 FROM referrals WHERE email = ?2 AND id <> ?6 LIMIT 50) b "
                      "UNION ALL SELECT * FROM (SELECT id, 16 FROM referrals WHERE name_key = ?3 AND id <> ?6 "
                      "LIMIT 50) c "
                      "UNION ALL SELECT * FROM (SELECT id, 4 FROM referrals WHERE pesel = ?4 AND id <> ?6 LIMIT 50) d "
                      "UNION ALL SELECT * FROM (SELECT id, 8 FROM referrals WHERE id_card = ?5 AND id <> ?6 "
                      "LIMIT 50) e",
                      keys, G_N_ELEMENTS (keys), exclude, error) ||
      !collect (self, leads, "SELECT id FROM tickets WHERE client_address = ?1 LIMIT 50",
                email, exclude, MATCH_EMAIL, error) ||
      !collect_client_leads (self, leads, clients, error))
    return NULL;

  if (!(similar->clients = fill (self, clients,
                                 "SELECT c.id, c.name, (SELECT p.number FROM contact_phones p WHERE p.contact_id = c.id "
                                 "ORDER BY p.position LIMIT 1), (SELECT e.address FROM contact_emails e "
                                 "WHERE e.contact_id = c.id ORDER BY e.position LIMIT 1), u.name, "
                                 "(SELECT f.name FROM referrals r JOIN referral_forms f ON f.id = r.form_id "
                                 "WHERE r.contact_id = c.id ORDER BY r.id LIMIT 1), c.created_at "
                                 "FROM contacts c LEFT JOIN users u ON u.id = c.manager_id "
                                 "WHERE c.id IN (SELECT value FROM json_each (?))",
                                 error)) ||
      !(similar->referrals = fill (self, referrals,
                                   "SELECT r.id, r.client_name, r.phone, r.email, "
                                   "coalesce (i.name, '') || ' · ' || r.status, "
                                   "f.name, r.received_at FROM referrals r JOIN referral_forms f ON f.id = r.form_id "
                                   "LEFT JOIN investments i ON i.id = r.investment_id "
                                   "WHERE r.id IN (SELECT value FROM json_each (?))",
                                   error)) ||
      !(similar->leads = fill (self, leads,
                               "SELECT t.id, coalesce (c.name, t.client_address, t.subject), "
                               "(SELECT p.number FROM contact_phones p WHERE p.contact_id = c.id "
                               "ORDER BY p.position LIMIT 1), coalesce ((SELECT e.address FROM contact_emails e "
                               "WHERE e.contact_id = c.id ORDER BY e.position LIMIT 1), t.client_address), "
                               "t.subject || ' · ' || s.name || coalesce (' · ' || u.name, ''), t.source, t.created_at "
                               "FROM tickets t JOIN statuses s ON s.id = t.status_id "
                               "LEFT JOIN contacts c ON c.id = t.client_id "
                               "LEFT JOIN users u ON u.id = t.assignee_id "
                               "WHERE t.id IN (SELECT value FROM json_each (?))",
                               error)))
    return NULL;

  return g_steal_pointer (&similar);
}

/**
 * crm_referral_store_find_similar:
 * @self: a #CrmReferralStore
 * @id: a referral's number
 * @error: return location for a #GError (%CRM_ERROR_NOT_FOUND)
 *
 * The duplicate check of a referral (RF8): contacts, other referrals
 * and leads (tickets and requests) with the same phone, e-mail
 * address, PESEL, ID card number or folded name as its client, each
 * with the fields that matched and a score, best first, at most 20 of
 * each. Only indexed key columns are read.
 *
 * Returns: (transfer full): what was found, or %NULL with @error set
 */
CrmReferralSimilar *
crm_referral_store_find_similar (CrmReferralStore  *self,
                                 gint64             id,
                                 GError           **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_REFERRAL_STORE (self), NULL);

  if (!(stmt = _crm_store_prepare (self, "SELECT name_key, phone, email, pesel, id_card FROM referrals WHERE id = ?",
                                   error)))
    return NULL;
  crm_statement_bind_int64 (stmt, 1, id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return NULL;
  if (!row)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND, _("There is no referral %lld."), (long long) id);
      return NULL;
    }

  {
    g_autofree char *name_key = g_strdup (crm_statement_get_text (stmt, 0));
    g_autofree char *phone = g_strdup (crm_statement_get_text (stmt, 1));
    g_autofree char *email = g_strdup (crm_statement_get_text (stmt, 2));
    g_autofree char *pesel = g_strdup (crm_statement_get_text (stmt, 3));
    g_autofree char *id_card = g_strdup (crm_statement_get_text (stmt, 4));

    g_clear_pointer (&stmt, crm_statement_release);

    return _crm_referral_store_similar_for (self, id, name_key, phone, email, pesel, id_card, error);
  }
}
