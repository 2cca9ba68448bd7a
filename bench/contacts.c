/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "crm.h"

/*
 * bench/contacts: how fast the address book answers on a large
 * database (made with `crmctl demo --contacts 100000`).
 *
 *   first page: open the database, build the contacts list and read the
 *               rows of the first screen (50), as the window does;
 *   search:     set a prefix search and read its first 50 rows, as
 *               search-as-you-type does after each keystroke;
 *   find:       the position of a contact in the list (selection after
 *               a save).
 *
 * Each figure is the median (and p95) of several runs; the first run of
 * each kind is also printed, since it reads from a cold page cache.
 */

#define SCREEN_ROWS 50

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
  double first = g_array_index (samples, double, 0);

  g_array_sort (samples, compare_doubles);
  g_print ("%-34s median %8.3f ms   p95 %8.3f ms   first %8.3f ms   (n=%u)\n",
           what,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100)),
           first, samples->len);
}

static void
read_rows (GListModel *model,
           guint       n)
{
  n = MIN (n, g_list_model_get_n_items (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmContact) contact = g_list_model_get_item (model, i);

      g_assert (contact != NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) open_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) find_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmContactList) list = NULL;
  g_autofree char *path = NULL;

  static const char *searches[] = {
    "kow", "anna", "now", "jan kow", "gmail", "601", "smith", "wój", "ma", "zab",
    "tech", "krak", "j", "pol", "john", "48 5", "lew", "onet", "ltd", "vip",
  };
  gint64 n_contacts;
  int rounds = 15;

  crm_init ();
  if (argc < 2)
    {
      g_printerr ("usage: %s DATA-DIR [ROUNDS]\n"
                  "DATA-DIR holds crm.sqlite, e.g. made by: crmctl --data-dir DIR demo --contacts 100000\n",
                  argv[0]);
      return 2;
    }
  if (argc > 2)
    rounds = MAX (3, atoi (argv[2]));

  path = g_build_filename (argv[1], "crm.sqlite", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s does not exist\n", path);
      return 1;
    }

  for (int i = 0; i < rounds; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CrmSession) s = crm_session_open_file (path, NULL, &error);
      g_autoptr(CrmContactList) l = NULL;
      double ms;

      if (s == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      l = crm_contact_list_new (s);
      /* the list reads its order off the main thread: wait for it, as
       * the window waits for the first page to show */
      crm_paged_list_wait (CRM_PAGED_LIST (l), 10000);
      read_rows (G_LIST_MODEL (l), SCREEN_ROWS);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (open_samples, ms);
    }

  session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  n_contacts = crm_contact_store_count (crm_contact_store_from_session (session));
  list = crm_contact_list_new (session);
  crm_paged_list_wait (CRM_PAGED_LIST (list), 10000);

  for (int r = 0; r < rounds; r++)
    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        gint64 start = g_get_monotonic_time ();
        double ms;

        crm_contact_list_set_search (list, searches[i]);
        crm_paged_list_wait (CRM_PAGED_LIST (list), 10000);
        read_rows (G_LIST_MODEL (list), SCREEN_ROWS);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (search_samples, ms);
        crm_contact_list_set_search (list, NULL);
        crm_paged_list_wait (CRM_PAGED_LIST (list), 10000);
      }

  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (42);

    for (int i = 0; i < rounds * 10; i++)
      {
        gint64 id = g_rand_int_range (rand, 1, (gint32) MAX (2, n_contacts));
        gint64 start = g_get_monotonic_time ();
        double ms;

        crm_contact_list_find (list, id);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (find_samples, ms);
      }
  }

  g_print ("contacts in the database: %" G_GINT64_FORMAT "\n", n_contacts);
  report ("open + first page (50 rows)", open_samples);
  report ("prefix search + first 50 rows", search_samples);
  report ("position of a contact", find_samples);

  g_print ("\nper search (first 50 rows, last round):\n");
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      gint64 start = g_get_monotonic_time ();
      guint n;

      crm_contact_list_set_search (list, searches[i]);
      crm_paged_list_wait (CRM_PAGED_LIST (list), 10000);
      read_rows (G_LIST_MODEL (list), SCREEN_ROWS);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      g_print ("  %-10s %7u matches  %8.3f ms\n", searches[i], n,
               (g_get_monotonic_time () - start) / 1000.0);
    }

  return 0;
}
