/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "crm.h"

/*
 * bench/operations DATA-DIR | URI: how long the ticket operations of
 * issue 14 take on an office after years (made with `crmctl demo
 * --contacts 100000 --tickets 100000 --messages 1000000`, on SQLite in
 * DATA-DIR or moved to the team's server at URI):
 *
 *   merge:        two tickets of one client, 500 messages each (taken
 *                 from the office's other tickets), merged into one;
 *   undo merge:   the merge undone, both as they were;
 *   split / undo: one message of the first ticket (with its
 *                 attachments) made a new ticket, and the new ticket
 *                 removed again;
 *   close / undo: a close with an outcome, and its undo.
 *
 * Each round merges and undoes (the office is as before after it);
 * medians and p95, the first round printed too. The two tickets are
 * made once and kept (a second run finds them by their subject).
 */

#define SUBJECT "bench/operations: merged"

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
  g_print ("%-28s median %8.2f ms   p95 %8.2f ms   first %8.2f ms   (n=%u)\n", what,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100)), first, samples->len);
}

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static gint64
query_int (CrmSession *session,
           const char *sql,
           gint64      arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (session), sql, &error);
  gint64 value = 0;

  g_assert_no_error (error);
  if (arg != 0)
    crm_statement_bind_int64 (stmt, 1, arg);
  if (crm_statement_step (stmt) == CRM_STEP_ROW)
    value = crm_statement_get_int64 (stmt, 0);

  return value;
}

static void
exec (CrmSession *session,
      const char *sql,
      gint64      first,
      gint64      second)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (session), sql, &error);

  g_assert_no_error (error);
  crm_statement_bind_int64 (stmt, 1, first);
  crm_statement_bind_int64 (stmt, 2, second);
  g_assert_true (crm_database_step_done (crm_session_get_database (session), stmt, &error));
  g_assert_no_error (error);
}

/* A ticket of @client with MESSAGES messages of the office's others. */
static gint64
make_ticket (CrmSession *session,
             gint64      client,
             gint64      from_message)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_ticket_store_record_request (crm_ticket_store_from_session (session), SUBJECT, 1, client,
                                               "bench", "phone", &error);

  g_assert_no_error (error);
  exec (session,
        "UPDATE messages SET ticket_id = ?1 WHERE id IN (SELECT id FROM messages WHERE id >= ?2 AND ticket_id IS NOT NULL "
        "ORDER BY id LIMIT 500)", id, from_message);
  exec (session, "UPDATE tickets SET has_mail = 1, last_message_at = (SELECT max (created_at) FROM messages "
                 "WHERE ticket_id = ?1) + CAST (?2 AS BIGINT) WHERE id = ?1", id, 0);

  return id;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GArray) merge = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unmerge = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) split = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unsplit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) close = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unclose = g_array_new (FALSE, FALSE, sizeof (double));
  CrmTicketStore *store;
  gint64 into, from, client, n_into, n_from;
  int rounds = 10;

  crm_init ();
  if (argc < 2)
    {
      g_printerr ("usage: bench-operations DATA-DIR | postgresql://…\n");
      return 2;
    }
  if (g_str_has_prefix (argv[1], "postgresql:"))
    session = crm_session_open_uri (argv[1], NULL, NULL, &error);
  else
    {
      g_autofree char *path = g_build_filename (argv[1], "crm.sqlite", NULL);

      session = crm_session_open_file (path, NULL, &error);
    }
  g_assert_no_error (error);
  store = crm_ticket_store_from_session (session);
  g_print ("database: %s, %" G_GINT64_FORMAT " tickets, %" G_GINT64_FORMAT " messages\n",
           crm_database_get_name (crm_session_get_database (session)),
           query_int (session, "SELECT count (*) FROM tickets", 0), query_int (session, "SELECT count (*) FROM messages", 0));

  /* the two tickets, made once */
  into = query_int (session, "SELECT coalesce (min (id), 0) FROM tickets WHERE subject = '" SUBJECT "'", 0);
  if (into == 0)
    {
      gint64 half = query_int (session, "SELECT max (id) / 2 FROM messages", 0);

      client = query_int (session, "SELECT min (id) FROM contacts", 0);
      into = make_ticket (session, client, half);
      from = make_ticket (session, client, half + 10000);
    }
  else
    from = query_int (session, "SELECT max (id) FROM tickets WHERE subject = '" SUBJECT "'", 0);
  n_into = query_int (session, "SELECT count (*) FROM messages WHERE ticket_id = ?1", into);
  n_from = query_int (session, "SELECT count (*) FROM messages WHERE ticket_id = ?1", from);
  g_print ("tickets #%" G_GINT64_FORMAT " and #%" G_GINT64_FORMAT ": %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
           " messages\n", into, from, n_into, n_from);

  for (int r = 0; r < rounds; r++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 step = crm_ticket_store_merge (store, from, into, FALSE, &error);

      g_assert_no_error (error);
      g_array_append_val (merge, (double) { elapsed_ms (start) });
      g_assert_cmpint (query_int (session, "SELECT count (*) FROM messages WHERE ticket_id = ?1", into), ==,
                       n_into + n_from);
      start = g_get_monotonic_time ();
      g_assert_cmpint (crm_ticket_store_undo (store, step, NULL, NULL, &error), ==, step);
      g_assert_no_error (error);
      g_array_append_val (unmerge, (double) { elapsed_ms (start) });
      g_assert_cmpint (query_int (session, "SELECT count (*) FROM messages WHERE ticket_id = ?1", from), ==, n_from);

      start = g_get_monotonic_time ();
      step = crm_ticket_store_split (store, query_int (session, "SELECT max (id) FROM messages WHERE ticket_id = ?1", into),
                                     NULL, &error);
      g_assert_no_error (error);
      g_array_append_val (split, (double) { elapsed_ms (start) });
      start = g_get_monotonic_time ();
      g_assert_cmpint (crm_ticket_store_undo (store, step, NULL, NULL, &error), ==, step);
      g_assert_no_error (error);
      g_array_append_val (unsplit, (double) { elapsed_ms (start) });

      start = g_get_monotonic_time ();
      step = crm_ticket_store_close (store, into, CRM_TICKET_OUTCOME_WON, NULL, FALSE, &error);
      g_assert_no_error (error);
      g_array_append_val (close, (double) { elapsed_ms (start) });
      start = g_get_monotonic_time ();
      g_assert_cmpint (crm_ticket_store_undo (store, step, NULL, NULL, &error), ==, step);
      g_assert_no_error (error);
      g_array_append_val (unclose, (double) { elapsed_ms (start) });
    }

  report ("merge (500 + 500 messages)", merge);
  report ("undo the merge", unmerge);
  report ("split one message", split);
  report ("undo the split", unsplit);
  report ("close as won", close);
  report ("undo the close", unclose);

  return EXIT_SUCCESS;
}
