/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "crm.h"

/*
 * bench/views DATA-DIR: what saved views (FD4) cost automations on a
 * large office (made with `crmctl demo --contacts 100000 --tickets
 * 100000 --messages 1000000`):
 *
 *   select first page:  crm_view_store_select () of 100 ids, from the
 *                       first record, for views of the tickets and the
 *                       contacts ("Mine", a queue, a source and
 *                       nobody's, searches of the mail, common and
 *                       rare; a search of the address book;
 *                       everything);
 *   select all:         every page of 1,000, one after the other, as
 *                       a one-time run over the view;
 *   matches:            crm_view_store_matches () of one record, for
 *                       records spread over the whole table.
 *
 * Medians and p95; the views are added to the database and deleted
 * again.
 */

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
  g_print ("%-44s median %8.3f ms   p95 %8.3f ms   (n=%u)\n", what,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100)), samples->len);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gint64
max_id (CrmSession *session,
        const char *sql)
{
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (session), sql, NULL);

  if (stmt == NULL || crm_statement_step (stmt) != CRM_STEP_ROW)
    return 0;

  return crm_statement_get_int64 (stmt, 0);
}

typedef struct
{
  const char *module;
  const char *name;
  const char *filter;
} View;

int
main (int   argc,
      char *argv[])
{
  static const View views[] = {
    { "tickets", "Open, Mine", "{'version': <uint32 1>, 'open-only': <true>, 'assignee': <int64 -2>}" },
    { "tickets", "Queue 1, not closed", "{'version': <uint32 1>, 'queue': <int64 1>, 'open-only': <true>}" },
    { "tickets", "E-mail, unassigned", "{'version': <uint32 1>, 'source': <'email'>, 'assignee': <int64 -1>}" },
    { "tickets", "Mail: balkon", "{'version': <uint32 1>, 'search': <'balkon'>}" },
    { "tickets", "Mail: kaucja, open", "{'version': <uint32 1>, 'search': <'kaucja'>, 'open-only': <true>}" },
    { "tickets", "Mail: klient123 (rare)", "{'version': <uint32 1>, 'search': <'klient123'>}" },
    { "contacts", "All contacts", "{'version': <uint32 1>}" },
    { "contacts", "Contacts: anna", "{'version': <uint32 1>, 'search': <'anna'>}" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autofree char *path = NULL;
  CrmViewStore *store;
  gint64 ids[G_N_ELEMENTS (views)];
  gint64 tickets, contacts;

  crm_init ();
  if (argc < 2)
    {
      g_printerr ("usage: bench-views DATA-DIR\n");
      return 2;
    }
  path = g_build_filename (argv[1], "crm.sqlite", NULL);
  session = crm_session_open_file (path, NULL, &error);
  if (session == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  store = crm_view_store_from_session (session);
  tickets = max_id (session, "SELECT max (id) FROM tickets");
  contacts = max_id (session, "SELECT max (id) FROM contacts");
  g_print ("%" G_GINT64_FORMAT " tickets, %" G_GINT64_FORMAT " contacts\n", tickets, contacts);

  /* what an interrupted run left */
  {
    g_autoptr(GPtrArray) left = crm_view_store_list (store, NULL, NULL);

    for (guint i = 0; left != NULL && i < left->len; i++)
      if (g_str_has_prefix (crm_saved_view_get_name (g_ptr_array_index (left, i)), "bench "))
        crm_view_store_delete (store, crm_saved_view_get_id (g_ptr_array_index (left, i)), NULL);
  }

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autofree char *name = g_strdup_printf ("bench %s", views[v].name);
      g_autoptr(GVariant) filter = g_variant_parse (G_VARIANT_TYPE_VARDICT, views[v].filter, NULL, NULL, &error);

      ids[v] = filter != NULL ? crm_view_store_add (store, views[v].module, name, TRUE, filter, &error) : 0;
      if (ids[v] == 0)
        {
          g_printerr ("%s: %s\n", views[v].name, error->message);
          return 1;
        }
    }

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (double));
      gint64 last = 0;
      g_autofree char *what = NULL;
      guint total = 0, n_matching = 0;
      gint64 start;
      double all_ms;
      gint64 top = g_str_equal (views[v].module, "contacts") ? contacts : tickets;

      for (int r = 0; r < 20; r++)
        {
          g_autoptr(GArray) page = NULL;

          start = g_get_monotonic_time ();
          page = crm_view_store_select (store, ids[v], 0, 100, &error);
          g_array_append_val (first, (double) { elapsed_ms (start) });
          if (page == NULL)
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
        }
      what = g_strdup_printf ("%s: select first page (100)", views[v].name);
      report (what, first);

      /* a one-time run: every page */
      start = g_get_monotonic_time ();
      for (;;)
        {
          g_autoptr(GArray) page = crm_view_store_select (store, ids[v], last, 1000, &error);

          if (page == NULL)
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          total += page->len;
          if (page->len < 1000)
            break;
          last = g_array_index (page, gint64, page->len - 1);
        }
      all_ms = elapsed_ms (start);
      g_print ("%-44s %9.1f ms for %u records\n", views[v].name, all_ms, total);

      /* one record at a time, spread over the table */
      for (int r = 0; r < 2000; r++)
        {
          gint64 record = 1 + (gint64) (((guint64) r * 7919) % (guint64) MAX (top, 1));
          gboolean yes = FALSE;

          start = g_get_monotonic_time ();
          if (!crm_view_store_matches (store, ids[v], record, &yes, &error))
            {
              g_printerr ("%s\n", error->message);
              return 1;
            }
          g_array_append_val (matches, (double) { elapsed_ms (start) });
          n_matching += yes;
        }
      g_free (what);
      what = g_strdup_printf ("%s: matches (%u of 2000 match)", views[v].name, n_matching);
      report (what, matches);
    }

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    crm_view_store_delete (store, ids[v], NULL);

  return 0;
}
