/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "crm.h"

/*
 * bench/referrals DATA-DIR | URI [REFERRALS]: the referrals' duplicate check
 * (RF8) on a large office, made with `crmctl demo --contacts 1000000`;
 * this program adds REFERRALS referrals (1,000,000 by default) once,
 * through one broker's form, their clients' names drawn from the
 * contacts' (so that names repeat as they do), phones and addresses
 * some of them the contacts' own, a PESEL one in three. Then:
 *
 *   similar:      crm_referral_store_find_similar () of referrals
 *                 spread over the whole table: clients, referrals and
 *                 leads by phone, e-mail, PESEL and folded name;
 *   card:         crm_referral_store_get_card () of the same (the
 *                 details page: the referral, its documents, status,
 *                 messages and the duplicate check);
 *   list page:    the first 100 ids of the list, all and pending.
 *
 *   list head:    the first 100 pending, what the list shows first.
 *
 * Medians and p95 (the goal: the check under 10 ms).
 */

#define SAMPLES 400

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  g_print ("%-40s median %8.3f ms   p95 %8.3f ms   (n=%u)\n", what,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100)), samples->len);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gint64
query_int (CrmSession *session,
           const char *sql)
{
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (session), sql, NULL);

  if (stmt == NULL || crm_statement_step (stmt) != CRM_STEP_ROW)
    return 0;

  return crm_statement_get_int64 (stmt, 0);
}

static char *
pesel_for (GRand *rand)
{
  static const int weights[10] = { 1, 3, 7, 9, 1, 3, 7, 9, 1, 3 };
  int d[11];
  int sum = 0;
  int year = g_rand_int_range (rand, 40, 100), month = g_rand_int_range (rand, 1, 13), day = g_rand_int_range (rand, 1, 29);
  int serial = g_rand_int_range (rand, 0, 10000);

  d[0] = year / 10; d[1] = year % 10; d[2] = month / 10; d[3] = month % 10; d[4] = day / 10; d[5] = day % 10;
  d[6] = serial / 1000; d[7] = serial / 100 % 10; d[8] = serial / 10 % 10; d[9] = serial % 10;
  for (int i = 0; i < 10; i++)
    sum += d[i] * weights[i];
  d[10] = (10 - sum % 10) % 10;

  return g_strdup_printf ("%d%d%d%d%d%d%d%d%d%d%d", d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10]);
}

typedef struct
{
  gint64  form;
  guint   count;
  guint   seed;
} Fill;

/* The referrals, in one transaction: names, phones and addresses drawn
 * from the contacts' where the dice say so. */
static gboolean
fill_tx (CrmSession  *session,
         gpointer     user_data,
         GError     **error)
{
  Fill *fill = user_data;
  CrmDatabase *db = crm_session_get_database (session);
  g_autoptr(GRand) rand = g_rand_new_with_seed (fill->seed);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CrmStatement) read = NULL;
  gint64 now = crm_session_now (session);

  if (!(read = crm_database_prepare (db, "SELECT c.name, (SELECT number_norm FROM contact_phones p "
                                         "WHERE p.contact_id = c.id LIMIT 1), (SELECT address_norm FROM "
                                         "contact_emails e WHERE e.contact_id = c.id LIMIT 1) FROM contacts c "
                                         "WHERE c.kind = 'person' ORDER BY c.id LIMIT 20000", error)))
    return FALSE;
  while (crm_statement_step (read) == CRM_STEP_ROW)
    {
      g_ptr_array_add (names, g_strdup (crm_statement_get_text (read, 0)));
      g_ptr_array_add (phones, g_strdup (crm_statement_get_text (read, 1)));
      g_ptr_array_add (emails, g_strdup (crm_statement_get_text (read, 2)));
    }
  g_clear_pointer (&read, crm_statement_release);
  if (names->len == 0)
    {
      g_ptr_array_add (names, g_strdup ("Anna Nowak"));
      g_ptr_array_add (phones, NULL);
      g_ptr_array_add (emails, NULL);
    }

  for (guint i = 0; i < fill->count; i++)
    {
      g_autoptr(CrmStatement) stmt = NULL;
      guint pick = g_rand_int_range (rand, 0, names->len);
      const char *name = g_ptr_array_index (names, pick);
      g_autofree char *key = crm_referral_fold_name (name);
      g_autofree char *submission = g_strdup_printf ("bench-%u-%u", fill->seed, i);
      g_autofree char *phone = NULL;
      g_autofree char *email = NULL;
      g_autofree char *pesel = NULL;
      int dice = g_rand_int_range (rand, 0, 10);

      if (dice == 0 && g_ptr_array_index (phones, pick) != NULL)
        phone = g_strdup (g_ptr_array_index (phones, pick));
      else
        phone = g_strdup_printf ("+48%d%08d", g_rand_int_range (rand, 5, 8), g_rand_int_range (rand, 0, 100000000));
      if (dice == 1 && g_ptr_array_index (emails, pick) != NULL)
        email = g_strdup (g_ptr_array_index (emails, pick));
      else if (dice < 6)
        email = g_strdup_printf ("klient%u.%u@example.com", i, g_rand_int (rand) % 1000);
      if (g_rand_int_range (rand, 0, 3) == 0)
        pesel = pesel_for (rand);

      if (!(stmt = crm_database_prepare (db,
                                         "INSERT INTO referrals (submission_id, form_id, client_name, name_key, phone, "
                                         "email, pesel, advisor_name, advisor_key, consent, status, received_at) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'Marta Pośredniczka', "
                                         "'marta posredniczka', 1, ?8, ?9)",
                                         error)))
        return FALSE;
      crm_statement_bind_text (stmt, 1, submission);
      crm_statement_bind_int64 (stmt, 2, fill->form);
      crm_statement_bind_text (stmt, 3, name);
      crm_statement_bind_text (stmt, 4, key);
      crm_statement_bind_text (stmt, 5, phone);
      if (email != NULL)
        crm_statement_bind_text (stmt, 6, email);
      else
        crm_statement_bind_null (stmt, 6);
      if (pesel != NULL)
        crm_statement_bind_text (stmt, 7, pesel);
      else
        crm_statement_bind_null (stmt, 7);
      crm_statement_bind_text (stmt, 8, dice < 7 ? "pending" : dice < 9 ? "accepted" : "rejected");
      crm_statement_bind_int64 (stmt, 9, now - (gint64) (fill->count - i) * 60);
      if (!crm_database_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GArray) similar = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) card = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_all = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_pending = g_array_new (FALSE, FALSE, sizeof (double));

  g_autoptr(GArray) list_head = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  g_autofree char *path = NULL;
  CrmReferralStore *store;
  gint64 contacts, referrals, wanted = 1000000, max;
  guint found = 0;

  crm_init ();
  if (argc < 2)
    {
      g_printerr ("usage: bench-referrals DATA-DIR | postgresql://… [REFERRALS]\n");
      return 2;
    }
  if (argc > 2)
    wanted = g_ascii_strtoll (argv[2], NULL, 10);
  if (g_str_has_prefix (argv[1], "postgresql:"))
    session = crm_session_open_uri (argv[1], NULL, NULL, &error);
  else
    {
      path = g_build_filename (argv[1], "crm.sqlite", NULL);
      session = crm_session_open_file (path, NULL, &error);
    }
  if (session == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  store = crm_referral_store_from_session (session);

  /* the contacts written before the folded names were kept */
  while (crm_referral_store_fill_name_keys (store, 20000, &error) > 0 && error == NULL)
    ;
  contacts = query_int (session, "SELECT count (*) FROM contacts");
  referrals = query_int (session, "SELECT count (*) FROM referrals");
  if (referrals < wanted)
    {
      gint64 start = g_get_monotonic_time ();
      Fill fill = { 0 };

      if (!(fill.form = query_int (session, "SELECT min (id) FROM referral_forms")) &&
          !(fill.form = crm_referral_store_add_form (store, "Bench", "Bench Broker", "bench@example.com", NULL, 0,
                                                     &error)))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      fill.count = (guint) (wanted - referrals);
      fill.seed = (guint) referrals + 1;
      if (!crm_session_run_in_transaction (session, fill_tx, &fill, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("added %u referrals in %.0f ms\n", fill.count, elapsed_ms (start));
      referrals = wanted;
    }
  g_print ("%" G_GINT64_FORMAT " contacts, %" G_GINT64_FORMAT " referrals\n", contacts, referrals);
  max = query_int (session, "SELECT max (id) FROM referrals");

  for (guint i = 0; i < SAMPLES; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, (gint32) MIN (max, G_MAXINT32 - 1) + 1);
      g_autoptr(CrmReferralSimilar) found_similar = NULL;
      g_autoptr(CrmReferralCard) found_card = NULL;
      gint64 start = g_get_monotonic_time ();
      double ms;

      found_similar = crm_referral_store_find_similar (store, id, NULL);
      ms = elapsed_ms (start);
      if (found_similar == NULL)
        continue;
      g_array_append_val (similar, ms);
      found += found_similar->clients->len + found_similar->referrals->len + found_similar->leads->len;

      start = g_get_monotonic_time ();
      found_card = crm_referral_store_get_card (store, id, NULL);
      ms = elapsed_ms (start);
      g_array_append_val (card, ms);
    }
  for (guint i = 0; i < 20; i++)
    {
      static const CrmReferralFilter pending = { .status = "pending" };
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GArray) ids = crm_referral_store_list_ids (store, NULL, NULL);
      double ms = elapsed_ms (start);
      g_autoptr(GArray) pending_ids = NULL;

      g_array_append_val (list_all, ms);
      start = g_get_monotonic_time ();
      pending_ids = crm_referral_store_list_ids (store, &pending, NULL);
      ms = elapsed_ms (start);
      g_array_append_val (list_pending, ms);
      start = g_get_monotonic_time ();
      g_clear_pointer (&pending_ids, g_array_unref);
      pending_ids = crm_referral_store_list_head_ids (store, &pending, 100, NULL);
      ms = elapsed_ms (start);
      g_array_append_val (list_head, ms);
    }

  if (similar->len == 0)
    {
      g_printerr ("no referral to check\n");
      return 1;
    }
  report ("similar (duplicate check)", similar);
  report ("card (details page)", card);
  report ("list: all ids", list_all);
  report ("list: pending ids", list_pending);
  report ("list: the first 100 pending (shown first)", list_head);
  g_print ("similar records found: %.1f a referral on average\n", (double) found / similar->len);

  return 0;
}
