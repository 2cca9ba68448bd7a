/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "crm.h"
#include "crm-demo.h"
#include "crm-offers-private.h"
#include "crm-ticket-store-private.h"
#include "crm-offer-store-private.h"

/*
 * bench/offers DATA-DIR: saving new offers against a large database of
 * searches (made with `crmctl demo --contacts 100000 --searches
 * 1000000`), and importing offers against a smaller one the bench makes
 * itself.
 *
 *   save:       one new offer saved as the application saves it: the
 *               transaction, the offer, its matching against the fresh
 *               searches with notification on (by the index of search
 *               places), the prepared mails; a typical offer each time;
 *   full scan:  the same matching as a plain scan of every search (the
 *               criteria on each row, places looked up per search), run
 *               for the same offers, whose results must be the same;
 *   manual:     the searches a saved offer fits, with near misses and
 *               the reasons, the first 50 (OF3);
 *   import:     10,000 offers from CSV against 100,000 searches, each
 *               matched as it is saved, in a temporary database.
 *
 * Medians and p95; the ratio of the full scan to the save.
 */

#define SAVES 200
#define SCANS 20
#define IMPORT_OFFERS 10000
#define IMPORT_SEARCHES 100000

static const char *cities[][2] = {
  { "Warszawa", "Mokotów" }, { "Warszawa", "Wola" }, { "Warszawa", "Ursynów" }, { "Kraków", "Podgórze" },
  { "Kraków", "Krowodrza" }, { "Wrocław", "Krzyki" }, { "Gdańsk", "Oliwa" }, { "Poznań", "Jeżyce" },
  { "Łódź", "Bałuty" }, { "Katowice", "Ligota" }, { "Lublin", "Czuby" }, { "Gdynia", "Orłowo" },
};

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *samples)
{
  g_array_sort (samples, compare_doubles);

  return g_array_index (samples, double, samples->len / 2);
}

static void
report (const char *what,
        GArray     *samples)
{
  double first = g_array_index (samples, double, 0);
  double p95;

  g_array_sort (samples, compare_doubles);
  p95 = g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100));
  g_print ("%-40s median %9.3f ms   p95 %9.3f ms   first %9.3f ms   (n=%u)\n",
           what, g_array_index (samples, double, samples->len / 2), p95, first, samples->len);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A typical new offer: mostly flats for sale in the big cities. */
static CrmOffer *
random_offer (GRand *rand)
{
  CrmOffer *offer = crm_offer_new ();
  guint c = g_rand_int_range (rand, 0, G_N_ELEMENTS (cities));
  gboolean rent = g_rand_int_range (rand, 0, 100) < 30;
  double area = g_rand_int_range (rand, 3000, 9000) / 100.0;

  crm_offer_set_deal (offer, rent ? CRM_DEAL_RENT : CRM_DEAL_SALE);
  crm_offer_set_property_type (offer, g_rand_int_range (rand, 0, 100) < 80 ? CRM_PROPERTY_FLAT
                                                                            : CRM_PROPERTY_HOUSE);
  crm_offer_set_city (offer, cities[c][0]);
  crm_offer_set_district (offer, cities[c][1]);
  crm_offer_set_area (offer, area);
  crm_offer_set_price (offer, rent ? (gint64) (area * g_rand_double_range (rand, 40, 80) / 100) * 100
                                   : (gint64) (area * g_rand_double_range (rand, 7000, 16000) / 1000) * 1000);
  crm_offer_set_rooms (offer, MAX (1, (int) (area / 25)));
  crm_offer_set_floor (offer, g_rand_int_range (rand, 0, 8));
  crm_offer_set_market (offer, g_rand_boolean (rand) ? CRM_MARKET_PRIMARY : CRM_MARKET_SECONDARY);

  return offer;
}

/* The matching as a plain scan: every search, its criteria checked on
 * its row, its places looked up when it has any. */
static GArray *
full_scan (CrmSession *session,
           CrmOffer   *offer)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *city = _crm_place_key (crm_offer_get_city (offer));
  g_autofree char *district = _crm_place_key (crm_offer_get_district (offer));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  stmt = crm_database_prepare (crm_session_get_database (session),
                             "SELECT s.id FROM searches s NOT INDEXED "
                             "WHERE s.notify <> 'off' AND s.deal = ?1 AND s.updated_at >= ?4 "
                             "AND (s.types = 0 OR (s.types & ?5) <> 0) "
                             "AND (s.market IS NULL OR s.market = ?6) "
                             "AND (s.price_min IS NULL OR s.price_min <= ?7) "
                             "AND (s.price_max IS NULL OR s.price_max >= ?7) "
                             "AND (s.area_min IS NULL OR s.area_min <= ?8) "
                             "AND (s.area_max IS NULL OR s.area_max >= ?8) "
                             "AND (s.rooms_min IS NULL OR s.rooms_min <= ?9) "
                             "AND (s.rooms_max IS NULL OR s.rooms_max >= ?9) "
                             "AND (s.floor_min IS NULL OR s.floor_min <= ?10) "
                             "AND (s.floor_max IS NULL OR s.floor_max >= ?10) "
                             "AND (s.locations = '' OR EXISTS (SELECT 1 FROM search_locations l "
                             "WHERE l.search_id = s.id AND l.city_key = ?2 AND l.district_key IN ('', ?3)))",
                             NULL);
  g_assert (stmt != NULL);
  crm_statement_bind_text (stmt, 1, crm_deal_to_string (crm_offer_get_deal (offer)));
  crm_statement_bind_text (stmt, 2, city);
  crm_statement_bind_text (stmt, 3, district);
  crm_statement_bind_int64 (stmt, 4, _crm_offers_match_cutoff (crm_offer_store_from_session (session)));
  crm_statement_bind_int64 (stmt, 5, crm_offer_get_property_type (offer));
  crm_statement_bind_text (stmt, 6, crm_market_to_string (crm_offer_get_market (offer)));
  crm_statement_bind_int64 (stmt, 7, crm_offer_get_price (offer));
  crm_statement_bind_double (stmt, 8, crm_offer_get_area (offer));
  crm_statement_bind_int64 (stmt, 9, crm_offer_get_rooms (offer));
  crm_statement_bind_int64 (stmt, 10, crm_offer_get_floor (offer));
  while (crm_statement_step (stmt) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }

  return ids;
}

static gint64
count_notified (CrmSession *session)
{
  g_autoptr(CrmStatement) stmt =
    crm_database_prepare (crm_session_get_database (session), "SELECT count (*) FROM searches WHERE notify <> 'off' AND updated_at >= ?", NULL);

  crm_statement_bind_int64 (stmt, 1, _crm_offers_match_cutoff (crm_offer_store_from_session (session)));
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    return -1;

  return crm_statement_get_int64 (stmt, 0);
}

static void
bench_save (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GArray) save_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scan_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) manual_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) saved = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  GRand *rand = g_rand_new_with_seed (42);
  guint64 matched = 0;
  double save_median;
  double scan_median;

  session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  g_print ("searches: %u, fresh with notification on: %lld\n", crm_search_store_count (crm_search_store_from_session (session), NULL, NULL),
           (long long) count_notified (session));

  for (guint i = 0; i < SAVES; i++)
    {
      g_autoptr(CrmOffer) offer = random_offer (rand);
      g_autoptr(GArray) found = NULL;
      g_autoptr(GArray) scanned = NULL;
      gint64 start;

      if (i < SCANS)
        {
          start = g_get_monotonic_time ();
          scanned = full_scan (session, offer);
          g_array_append_val (scan_samples, (double) { elapsed_ms (start) });
        }

      start = g_get_monotonic_time ();
      if (!crm_offer_store_save (crm_offer_store_from_session (session), offer, &found, &error))
        g_error ("saving an offer failed: %s", error->message);
      g_array_append_val (save_samples, (double) { elapsed_ms (start) });
      matched += found->len;
      g_array_append_val (saved, (gint64) { crm_offer_get_id (offer) });

      /* the index finds what the scan finds */
      if (scanned != NULL)
        {
          g_array_sort (found, compare_ids);
          g_assert (found->len == scanned->len);
          g_assert (memcmp (found->data, scanned->data, found->len * sizeof (gint64)) == 0);
        }
    }
  g_rand_free (rand);

  g_print ("matched: %.1f searches per new offer on average\n", (double) matched / SAVES);
  save_median = median (save_samples);
  scan_median = median (scan_samples);
  report ("save a new offer, with its matching", save_samples);
  report ("matching as a full scan of searches", scan_samples);
  g_print ("%-40s %.1f x (full scan median / save median)\n", "ratio", scan_median / save_median);

  for (guint i = 0; i < SCANS; i++)
    {
      g_autoptr(GListModel) matches = NULL;
      gint64 start = g_get_monotonic_time ();

      matches = crm_offer_store_match_offer (crm_offer_store_from_session (session), g_array_index (saved, gint64, i), 50, &error);
      g_assert_no_error (error);
      g_array_append_val (manual_samples, (double) { elapsed_ms (start) });
    }
  report ("manual: the searches an offer fits", manual_samples);
}

static void
bench_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GString) csv = g_string_new ("transaction,type,city,district,price,area,rooms,floor,market\n");
  g_autoptr(GArray) ids = NULL;
  g_autofree char *dir = g_dir_make_tmp ("crm-bench-offers-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  GRand *rand = g_rand_new_with_seed (7);
  guint matched = 0;
  gint64 start;

  session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  if (!crm_demo_generate_contacts (session, 20000, 1, &error) ||
      !crm_demo_generate_searches (session, IMPORT_SEARCHES, 1, &error))
    g_error ("demo: %s", error->message);
  g_print ("import database: %u searches made in %.1f s\n", crm_search_store_count (crm_search_store_from_session (session), NULL, NULL),
           elapsed_ms (start) / 1000);

  for (guint i = 0; i < IMPORT_OFFERS; i++)
    {
      g_autoptr(CrmOffer) offer = random_offer (rand);
      g_autofree char *area = g_strdup_printf ("%.2f", crm_offer_get_area (offer));

      g_string_append_printf (csv, "%s,%s,%s,%s,%" G_GINT64_FORMAT ",%s,%d,%d,%s\n",
                              crm_deal_to_string (crm_offer_get_deal (offer)),
                              crm_property_type_to_string (crm_offer_get_property_type (offer)),
                              crm_offer_get_city (offer), crm_offer_get_district (offer),
                              crm_offer_get_price (offer), area, crm_offer_get_rooms (offer),
                              crm_offer_get_floor (offer), crm_market_to_string (crm_offer_get_market (offer)));
    }
  g_rand_free (rand);

  start = g_get_monotonic_time ();
  if (!crm_offer_store_import (crm_offer_store_from_session (session), csv->str, csv->len, &ids, &matched, &error))
    g_error ("import: %s", error->message);
  g_print ("%-40s %9.3f s   (%u offers against %d searches, %u matches)\n", "import offers from CSV",
           elapsed_ms (start) / 1000, ids->len, IMPORT_SEARCHES, matched);

  g_clear_object (&session);
  for (guint i = 0; i < 3; i++)
    {
      static const char *names[] = { "crm.sqlite", "crm.sqlite-wal", "crm.sqlite-shm" };
      g_autofree char *file = g_build_filename (dir, names[i], NULL);

      g_remove (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{

  crm_init ();
  if (argc < 2)
    {
      g_printerr ("usage: bench-offers DATA-DIR\n");
      return 2;
    }

  bench_save (argv[1]);
  bench_import ();

  return EXIT_SUCCESS;
}
