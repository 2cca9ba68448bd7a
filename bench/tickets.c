/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>

#include "crm.h"
#include "bench-lists.h"
#include "crm-sqlite-database.h"
#include "crm-ticket-store-private.h"
#include "crm-offer-store-private.h"

/*
 * bench/tickets DATA-DIR: how fast the tickets page answers on a large
 * database (made with `crmctl demo --contacts 100000 --tickets 100000
 * --messages 1000000`).
 *
 *   first rows:   open the database, build the tickets list and read
 *                 the rows of the first screen (50), as the page does;
 *   filter:       switch the list to a queue, a status, mine, and back,
 *                 and read the first screen;
 *   search:       an FTS5 search over subjects, bodies and addresses,
 *                 the first 50 tickets; and the same while the last
 *                 word is still being typed (a prefix), and its ids
 *                 as the tickets page asks (up to 1,000 tickets); and
 *                 a search at every keystroke of a few searches as
 *                 they are typed, from the first letter on;
 *   routing:      threading and routing of one incoming message (reply
 *                 headers, subject token, quoted reference, rules, a
 *                 new ticket), in the import's transaction, without
 *                 the parse and the insert of the message itself.
 *
 * Medians and p95 of several runs; the first run of each is printed too.
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
  double first = g_array_index (samples, double, 0);

  g_array_sort (samples, compare_doubles);
  g_print ("%-34s median %8.3f ms   p95 %8.3f ms   first %8.3f ms   (n=%u)\n",
           what,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100)),
           first, samples->len);
}

typedef struct
{
  GPtrArray *raws;
  guint      done;
} Route;

static gboolean
route_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  Route *route = user_data;

  for (guint i = 0; i < route->raws->len; i++)
    {
      g_autoptr(CrmParsedMessage) parsed = crm_parsed_message_new (g_ptr_array_index (route->raws, i));
      g_autoptr(CrmStatement) insert =
        crm_database_prepare (crm_session_get_database (session),
                            "INSERT INTO messages (direction, message_id, raw_hash, from_address, subject, body_text, "
                            "raw, created_at) VALUES ('in', ?, '', ?, ?, ?, x'', 0)",
                            error);
      gint64 id;

      if (insert == NULL)
        return FALSE;
      crm_statement_bind_text (insert, 1, parsed->message_id);
      crm_statement_bind_text (insert, 2, parsed->from_address);
      crm_statement_bind_text (insert, 3, parsed->subject);
      crm_statement_bind_text (insert, 4, parsed->text);
      if (!crm_database_step_done (crm_session_get_database (session), insert, error))
        return FALSE;
      id = crm_database_last_insert_id (crm_session_get_database (session));

      if (!_crm_ticket_store_route_message (crm_ticket_store_from_session (session), id, parsed, error))
        return FALSE;
      route->done++;
    }

  /* measured, then thrown away */
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "rolled back");
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) first_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) whole_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autofree char *path = NULL;

  static const char *searches[] = {
    "balkon", "faktura", "heating", "mieszkanie", "klient123", "parking", "umowa najem", "ogród",
    "viewing", "kaucja", "tramwaj metro", "keys", "remont kuchnia", "deposit", "łazienka", "winda",
  };
  static const char *partial[] = {
    "balk", "fakt", "heat", "mieszk", "tramwaj metr", "remont kuch", "klient12", "depo",
  };
  g_autoptr(GArray) partial_samples = g_array_new (FALSE, FALSE, sizeof (double));
  static const char *typed[] = { "klient123", "mieszkanie", "łazienka", "remont kuchnia", "ogród", "keys" };
  g_autoptr(GArray) typed_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) partial_ids_samples = g_array_new (FALSE, FALSE, sizeof (double));
  const char *slowest = NULL;
  double slowest_ms = 0;
  int rounds = 15;

  crm_init ();
  if (argc < 2)
    {
      g_printerr ("usage: bench-tickets DATA-DIR\n");
      return 2;
    }
  path = g_build_filename (argv[1], "crm.sqlite", NULL);

  for (int r = 0; r < rounds; r++)
    {
      g_autoptr(CrmSession) fresh = NULL;
      g_autoptr(CrmTicketList) list = NULL;
      gint64 start = g_get_monotonic_time ();
      CrmTicketFilter open = { 0 };

      fresh = crm_session_open_file (path, NULL, &error);
      g_assert_no_error (error);
      list = crm_ticket_list_new (fresh);
      open.open_only = TRUE;
      open.reader = 1;
      crm_ticket_list_set_filter (list, &open);
      /* the list reads its order off the main thread: the first
       * screen's rows come first, as the page shows them */
      wait_first_rows (CRM_PAGED_LIST (list));
      read_rows (G_LIST_MODEL (list));
      g_array_append_val (first_samples, (double) { elapsed_ms (start) });
      crm_paged_list_wait (CRM_PAGED_LIST (list), 30000);
      g_array_append_val (whole_samples, (double) { elapsed_ms (start) });
      if (r == 0)
        g_print ("tickets: %u not closed\n", g_list_model_get_n_items (G_LIST_MODEL (list)));
    }

  session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);

  /* tags, sources and followers as an office has them: a tag on every
   * twentieth ticket, one on every thousandth; the sources spread;
   * user 1 follows every fiftieth */
  {
    sqlite3 *db = crm_sqlite_database_get_handle (CRM_SQLITE_DATABASE (crm_session_get_database (session)));
    static const char sql[] =
      "BEGIN;"
      "INSERT OR IGNORE INTO tags (name) VALUES ('pilne'), ('rzadkie');"
      "DELETE FROM ticket_tags;"
      "INSERT INTO ticket_tags (ticket_id, tag_id) SELECT id, (SELECT id FROM tags WHERE name = 'pilne') "
      "  FROM tickets WHERE id % 20 = 0;"
      "INSERT INTO ticket_tags (ticket_id, tag_id) SELECT id, (SELECT id FROM tags WHERE name = 'rzadkie') "
      "  FROM tickets WHERE id % 1000 = 7;"
      "UPDATE tickets SET source = CASE id % 10 WHEN 1 THEN 'phone' WHEN 2 THEN 'web' WHEN 3 THEN 'chat' "
      "  WHEN 4 THEN 'letter' ELSE 'email' END;"
      "DELETE FROM ticket_followers;"
      "INSERT INTO ticket_followers (ticket_id, user_id) SELECT id, 1 FROM tickets WHERE id % 50 = 0;"
      "COMMIT;";

    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  {
    g_autoptr(CrmTicketList) list = crm_ticket_list_new (session);
    CrmTicketFilter filters[10] = { { 0 } };

    filters[0].queue_id = 2;
    filters[1].status = "pending";
    filters[2].assignee_id = 1;
    filters[3].assignee_id = -1;
    filters[4].open_only = TRUE;
    filters[5].tag = "pilne";
    filters[6].tag = "rzadkie";
    filters[7].source = "phone";
    filters[8].follower_id = 1;
    filters[9].tag = "pilne";
    filters[9].source = "email";
    filters[9].open_only = TRUE;
    for (int r = 0; r < rounds; r++)
      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          gint64 start = g_get_monotonic_time ();

          filters[f].reader = 1;
          crm_ticket_list_set_filter (list, &filters[f]);
          crm_paged_list_wait (CRM_PAGED_LIST (list), 30000);
          read_rows (G_LIST_MODEL (list));
          g_array_append_val (filter_samples, (double) { elapsed_ms (start) });
          if (r == rounds - 1)
            g_print ("filter %u: %u tickets, %.2f ms\n", f, g_list_model_get_n_items (G_LIST_MODEL (list)),
                     elapsed_ms (start));
        }
  }

  for (int r = 0; r < 3; r++)
    for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
      {
        g_autoptr(GListModel) found = NULL;
        CrmTicketFilter filter = { 0 };
        gint64 start = g_get_monotonic_time ();

        filter.search = searches[s];
        filter.limit = SCREEN_ROWS;
        found = crm_ticket_store_list (crm_ticket_store_from_session (session), &filter, &error);
        g_assert_no_error (error);
        g_array_append_val (search_samples, (double) { elapsed_ms (start) });
        if (r == 0 && s < 4)
          g_print ("search “%s”: %u of the first %u\n", searches[s], g_list_model_get_n_items (found), SCREEN_ROWS);
      }

  /* the last word still being typed: a prefix */
  for (int r = 0; r < 3; r++)
    for (guint s = 0; s < G_N_ELEMENTS (partial); s++)
      {
        g_autoptr(GListModel) found = NULL;
        CrmTicketFilter filter = { 0 };
        gint64 start = g_get_monotonic_time ();

        filter.search = partial[s];
        filter.limit = SCREEN_ROWS;
        found = crm_ticket_store_list (crm_ticket_store_from_session (session), &filter, &error);
        g_assert_no_error (error);
        g_array_append_val (partial_samples, (double) { elapsed_ms (start) });
      }

  /* the same as the tickets page asks: the ids of up to 1,000 tickets */
  for (int r = 0; r < 3; r++)
    for (guint s = 0; s < G_N_ELEMENTS (partial); s++)
      {
        g_autoptr(GArray) ids = NULL;
        CrmTicketFilter filter = { 0 };
        gint64 start = g_get_monotonic_time ();

        filter.search = partial[s];
        ids = crm_ticket_store_list_ids (crm_ticket_store_from_session (session), &filter, NULL, &error);
        g_assert_no_error (error);
        g_array_append_val (partial_ids_samples, (double) { elapsed_ms (start) });
      }

  /* every keystroke, as the tickets page searches while one types */
  for (int r = 0; r < 3; r++)
    for (guint s = 0; s < G_N_ELEMENTS (typed); s++)
      for (const char *end = g_utf8_next_char (typed[s]); ; end = g_utf8_next_char (end))
        {
          g_autofree char *search = g_strndup (typed[s], end - typed[s]);
          g_autoptr(GListModel) found = NULL;
          CrmTicketFilter filter = { 0 };
          gint64 start = g_get_monotonic_time ();
          double ms;

          filter.search = search;
          filter.limit = SCREEN_ROWS;
          found = crm_ticket_store_list (crm_ticket_store_from_session (session), &filter, &error);
          g_assert_no_error (error);
          ms = elapsed_ms (start);
          g_array_append_val (typed_samples, ms);
          if (ms > slowest_ms)
            {
              slowest_ms = ms;
              slowest = g_intern_string (search);
            }
          if (*end == '\0')
            break;
        }

  report ("first rows (open + 50 rows)", first_samples);
  report ("  every id of the list read", whole_samples);
  report ("switch a filter (+ 50 rows)", filter_samples);
  report ("FTS search, top 50", search_samples);
  report ("FTS search, last word partial", partial_samples);
  report ("FTS search, partial, ids (1,000)", partial_ids_samples);
  report ("FTS search, every keystroke", typed_samples);
  g_print ("%-34s “%s”, %.3f ms\n", "  the slowest keystroke", slowest, slowest_ms);

  /* routing: a mix of replies, tokens and new mail */
  {
    g_autoptr(GPtrArray) raws = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
    g_autoptr(CrmStatement) ids = crm_database_prepare (crm_session_get_database (session),
                                                      "SELECT message_id, ticket_id FROM messages WHERE ticket_id "
                                                      "IS NOT NULL ORDER BY id DESC LIMIT 1000", NULL);
    Route route = { NULL, 0 };
    double with_parse;
    double parse_only;
    gint64 start;
    guint n = 0;

    while (ids != NULL && crm_statement_step (ids) == CRM_STEP_ROW && n < 1000)
      {
        const char *message_id = crm_statement_get_text (ids, 0);
        gint64 ticket = crm_statement_get_int64 (ids, 1);
        char *raw;

        switch (n++ % 4)
          {
          case 0:
            raw = g_strdup_printf ("From: a@example.com\r\nSubject: Re: x\r\nIn-Reply-To: <%s>\r\n\r\nOK.\r\n", message_id);
            break;
          case 1:
            raw = g_strdup_printf ("From: b@example.com\r\nSubject: Re: [#%" G_GINT64_FORMAT "]\r\n\r\nOK.\r\n", ticket);
            break;
          default:
            raw = g_strdup_printf ("From: c%u@example.com\r\nSubject: Nowe zapytanie %u\r\n\r\nDzień dobry.\r\n", n, n);
          }
        g_ptr_array_add (raws, g_bytes_new_take (raw, strlen (raw)));
      }
    g_clear_pointer (&ids, crm_statement_release);

    route.raws = raws;
    start = g_get_monotonic_time ();
    crm_session_run_in_transaction (session, route_tx, &route, NULL);
    with_parse = elapsed_ms (start) / MAX (route.done, 1);

    /* the parse alone, to take it out */
    start = g_get_monotonic_time ();
    for (guint i = 0; i < raws->len; i++)
      {
        g_autoptr(CrmParsedMessage) parsed = crm_parsed_message_new (g_ptr_array_index (raws, i));
      }
    parse_only = elapsed_ms (start) / MAX (raws->len, 1);

    g_print ("%-34s %8.3f ms per message (with the parse %.3f ms, n=%u)\n", "threading + routing",
             with_parse - parse_only, with_parse, route.done);
  }

  return EXIT_SUCCESS;
}
