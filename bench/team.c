/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib/gstdio.h>

#include "crm.h"
#include "bench-lists.h"

/*
 * bench/team URI AGENT-PROGRAM [AGENTS]: one desktop of an office on the
 * team's database while the other desktops work (bench/run-team makes
 * the database: 100,000 tickets with 1,000,000 messages, on a local
 * PostgreSQL server).
 *
 * AGENTS - 1 colleagues (20 by default), each a process of their own
 * logged in as themselves (tests/tickets/crm-test-agent), work the
 * fullest queue: take, answer, close, hand on, change priorities, a
 * step every 0.2–1 s. Meanwhile this desktop, logged in as the last
 * agent, measures what its tickets page waits for, as bench/tickets
 * does on SQLite:
 *
 *   first rows:  connect, build the list, read the first screen (50);
 *   filter:      switch to a queue, a status, mine, nobody's, open,
 *                a source, followed, and read the first screen (the
 *                new filter's head, shown in place of the old list
 *                while the rest of its ids come);
 *   (for both, when every id of the list is in, printed apart: what
 *   the scroll bar waits for)
 *   search:      full-text search, top 50; the last word a prefix;
 *   visible:     a colleague's desktop (another process, logged in as
 *                a colleague) changes the priority of a ticket of
 *                another queue (the busy colleagues touch none of its
 *                tickets), shown in this desktop's list of that
 *                queue; how long until the list shows it, from the
 *                moment the colleague was asked, while the busy
 *                colleagues' changes stream in too.
 *
 * Medians and p95; the agents' work as they counted it.
 *
 * bench-team --poke URI: the colleague of "visible": reads "TICKET
 * PRIORITY" lines and makes each change.
 */

#define PASSWORD "bench hasło"

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
  g_print ("%-34s median %8.3f ms   p95 %8.3f ms   max %8.3f ms   (n=%u)\n",
           what,
           g_array_index (samples, double, samples->len / 2),
           g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100)),
           g_array_index (samples, double, samples->len - 1), samples->len);
}

/* which search took longest, and in which round (the first finds the
 * server's caches cold for its words) */
typedef struct
{
  const char *words;
  int         round;
  double      ms;
} Slowest;

static void
note_slowest (Slowest    *slowest,
              const char *words,
              int         round,
              double      ms)
{
  if (ms <= slowest->ms)
    return;
  slowest->words = words;
  slowest->round = round;
  slowest->ms = ms;
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* @uri with its user replaced by @login */
static char *
uri_as (const char *uri,
        const char *login)
{
  const char *at = strchr (uri, '@');

  g_assert (g_str_has_prefix (uri, "postgresql://") && at != NULL);

  return g_strdup_printf ("postgresql://%s%s", login, at);
}

static int
poke (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = crm_session_open_uri (uri, PASSWORD, NULL, &error);
  char line[256];

  if (session == NULL)
    g_error ("%s", error->message);
  setvbuf (stdout, NULL, _IOLBF, 0);
  while (fgets (line, sizeof line, stdin) != NULL)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (line), " ", 2);

      if (g_strv_length (words) != 2)
        continue;
      if (!crm_ticket_store_set (crm_ticket_store_from_session (session), g_ascii_strtoll (words[0], NULL, 10),
                                 NULL, NULL, words[1], NULL, NULL, &error))
        g_error ("%s", error->message);
      printf ("done\n");
    }

  return EXIT_SUCCESS;
}

/* The office's mailbox (replies need one; nothing is sent: no engine
 * runs) and the agents' logins, made once. */
static void
set_up (CrmSession *office,
        guint       n_agents)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) accounts = crm_database_prepare (crm_session_get_database (office),
                                                           "SELECT count (*) FROM accounts", &error);

  g_assert_no_error (error);
  g_assert_cmpint (crm_statement_step (accounts), ==, CRM_STEP_ROW);
  if (crm_statement_get_int64 (accounts, 0) == 0)
    {
      g_autoptr(CrmAccount) account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", 9, "none",
                                                       "127.0.0.1", 9, "none", "biuro");

      crm_account_store_add (crm_account_store_from_session (office), account, "hasło", TRUE, &error);
      g_assert_no_error (error);
    }

  for (guint i = 1; i <= n_agents; i++)
    {
      g_autofree char *email = g_strdup_printf ("bench.agent%u@example.com", i);
      g_autofree char *name = g_strdup_printf ("Bench Agent %u", i);
      g_autofree char *login = g_strdup_printf ("bench_agent%u", i);
      g_autoptr(CrmUser) user = crm_user_store_find (crm_user_store_from_session (office), email, NULL);
      gint64 id;

      if (user != NULL)
        continue;
      id = crm_user_store_add (crm_user_store_from_session (office), name, email, CRM_ROLE_AGENT, &error);
      g_assert_no_error (error);
      crm_user_store_set_login (crm_user_store_from_session (office), id, login, PASSWORD, &error);
      g_assert_no_error (error);
    }
}

/* The queue with the most open tickets nobody has, but @but. */
static gint64
fullest_queue (CrmSession *office,
               gint64      but)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt =
    crm_database_prepare (crm_session_get_database (office),
                          "SELECT queue_id FROM tickets WHERE assignee_id IS NULL AND closed_at IS NULL "
                          "AND queue_id <> ? GROUP BY queue_id ORDER BY count (*) DESC LIMIT 1", &error);

  g_assert_no_error (error);
  crm_statement_bind_int64 (stmt, 1, but);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return crm_statement_get_int64 (stmt, 0);
}

typedef struct
{
  CrmTicketList *list;
  gint64         ticket;
  const char    *priority;
  gboolean       seen;
} Watch;

/* Whether the first screen shows the ticket with its new priority. */
static void
check_screen (Watch *watch)
{
  guint n = MIN (SCREEN_ROWS, g_list_model_get_n_items (G_LIST_MODEL (watch->list)));

  for (guint i = 0; i < n && !watch->seen; i++)
    {
      g_autoptr(CrmTicket) ticket = g_list_model_get_item (G_LIST_MODEL (watch->list), i);

      if (ticket != NULL && crm_ticket_get_id (ticket) == watch->ticket &&
          g_strcmp0 (crm_ticket_get_priority (ticket), watch->priority) == 0)
        watch->seen = TRUE;
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Watch      *watch)
{
  check_screen (watch);
}

static gboolean
give_up_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;

  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  static const char *searches[] = {
    "balkon", "faktura", "heating", "mieszkanie", "klient123", "parking", "umowa najem", "ogród",
    "viewing", "kaucja", "tramwaj metro", "keys", "remont kuchnia", "deposit", "łazienka", "winda",
  };
  static const char *partial[] = {
    "balk", "fakt", "heat", "mieszk", "tramwaj metr", "remont kuch", "klient12", "depo",
  };
  static const char *priorities[] = { "Low", "Normal", "High", "Urgent" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) office = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) first_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) connect_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) whole_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) filter_whole_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) partial_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) visible_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *me_uri = NULL;
  g_autofree char *queue_arg = NULL;
  g_autofree char *dir = NULL;
  Slowest slowest_search = { NULL, 0, 0 };
  Slowest slowest_partial = { NULL, 0, 0 };
  guint n_agents = 20;
  gint64 queue, watched, me, started;
  int rounds = 10;

  crm_init ();
  if (argc == 3 && g_str_equal (argv[1], "--poke"))
    return poke (argv[2]);
  if (argc < 3)
    {
      g_printerr ("usage: bench-team URI AGENT-PROGRAM [AGENTS]\n");
      return 2;
    }
  if (argc > 3)
    n_agents = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  g_assert_cmpuint (n_agents, >=, 2);

  office = crm_session_open_uri (argv[1], NULL, NULL, &error);
  g_assert_no_error (error);
  set_up (office, n_agents);
  queue = fullest_queue (office, 0);
  watched = fullest_queue (office, queue);
  queue_arg = g_strdup_printf ("%" G_GINT64_FORMAT, queue);
  g_print ("database: %s; the colleagues work queue %" G_GINT64_FORMAT "\n",
           crm_database_get_name (crm_session_get_database (office)), queue);

  /* the colleagues: the first n - 1 agents */
  dir = g_dir_make_tmp ("crm-bench-team-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 1; i < n_agents; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_autofree char *login = g_strdup_printf ("bench_agent%u", i);
      g_autofree char *uri = uri_as (argv[1], login);
      g_autofree char *log = g_strdup_printf ("%s/agent%u.log", dir, i);
      g_autofree char *seed = g_strdup_printf ("%u", i);
      GSubprocess *agent;

      g_subprocess_launcher_set_stdout_file_path (launcher, log);
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      agent = g_subprocess_launcher_spawn (launcher, &error, argv[2], uri, PASSWORD, queue_arg, "3600", seed, NULL);
      g_assert_no_error (error);
      g_ptr_array_add (agents, agent);
    }
  started = g_get_monotonic_time ();
  /* at work before anything is measured */
  g_usleep (3 * G_USEC_PER_SEC);

  /* this desktop: the last agent */
  {
    g_autofree char *login = g_strdup_printf ("bench_agent%u", n_agents);

    me_uri = uri_as (argv[1], login);
  }
  /* each figure after one round not counted (r = -1): an office's
   * server runs all day, with these pages in its cache; the office was
   * just moved in */
  g_print ("(each figure after one round not counted: the server's cache warm, as on an office's server)\n");
  for (int r = -1; r < rounds; r++)
    {
      g_autoptr(CrmSession) fresh = NULL;
      g_autoptr(CrmTicketList) list = NULL;
      gint64 start = g_get_monotonic_time ();
      CrmTicketFilter open = { 0 };

      fresh = crm_session_open_uri (me_uri, PASSWORD, NULL, &error);
      g_assert_no_error (error);
      if (r >= 0)
        g_array_append_val (connect_samples, (double) { elapsed_ms (start) });
      list = crm_ticket_list_new (fresh);
      open.open_only = TRUE;
      open.reader = crm_session_get_user_id (fresh);
      crm_ticket_list_set_filter (list, &open);
      /* the first screen's rows come before the rest, as the page
       * shows them */
      wait_first_rows (CRM_PAGED_LIST (list));
      read_rows (G_LIST_MODEL (list));
      if (r >= 0)
        g_array_append_val (first_samples, (double) { elapsed_ms (start) });
      crm_paged_list_wait (CRM_PAGED_LIST (list), 30000);
      if (r >= 0)
        g_array_append_val (whole_samples, (double) { elapsed_ms (start) });
      if (r == 0)
        g_print ("tickets: %u not closed\n", g_list_model_get_n_items (G_LIST_MODEL (list)));
    }

  session = crm_session_open_uri (me_uri, PASSWORD, NULL, &error);
  g_assert_no_error (error);
  me = crm_session_get_user_id (session);
  {
    g_autoptr(CrmTicketList) list = crm_ticket_list_new (session);
    CrmTicketFilter filters[8] = { { 0 } };

    filters[0].queue_id = queue;
    filters[1].status = "pending";
    filters[2].assignee_id = me;
    filters[3].assignee_id = -1;
    filters[4].open_only = TRUE;
    filters[5].source = "phone";
    filters[6].follower_id = me;
    filters[7].queue_id = queue;
    filters[7].open_only = TRUE;
    for (int r = -1; r < rounds; r++)
      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          gint64 start = g_get_monotonic_time ();

          /* the new filter's first screen: its head, shown in place of
           * the old list (the list is partial then), or the whole when
           * it comes first, as the page shows it; then the rest */
          filters[f].reader = me;
          crm_ticket_list_set_filter (list, &filters[f]);
          while (crm_paged_list_get_complete (CRM_PAGED_LIST (list)) &&
                 crm_paged_list_get_loading (CRM_PAGED_LIST (list)))
            g_main_context_iteration (NULL, TRUE);
          read_rows (G_LIST_MODEL (list));
          if (r >= 0)
            g_array_append_val (filter_samples, (double) { elapsed_ms (start) });
          crm_paged_list_wait (CRM_PAGED_LIST (list), 30000);
          if (r >= 0)
            g_array_append_val (filter_whole_samples, (double) { elapsed_ms (start) });
        }
  }

  for (int r = -1; r < 2; r++)
    for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
      {
        g_autoptr(GListModel) found = NULL;
        CrmTicketFilter filter = { .search = searches[s], .limit = SCREEN_ROWS };
        gint64 start = g_get_monotonic_time ();
        double ms;

        found = crm_ticket_store_list (crm_ticket_store_from_session (session), &filter, &error);
        g_assert_no_error (error);
        ms = elapsed_ms (start);
        if (r < 0)
          continue;
        g_array_append_val (search_samples, ms);
        note_slowest (&slowest_search, searches[s], r, ms);
        if (r == 0 && s < 4)
          g_print ("search “%s”: %u of the first %u\n", searches[s], g_list_model_get_n_items (found), SCREEN_ROWS);
      }
  /* five rounds: a p95 of 40 searches, not the slowest of 16 */
  for (int r = -1; r < 5; r++)
    for (guint s = 0; s < G_N_ELEMENTS (partial); s++)
      {
        g_autoptr(GListModel) found = NULL;
        CrmTicketFilter filter = { .search = partial[s], .limit = SCREEN_ROWS };
        gint64 start = g_get_monotonic_time ();
        double ms;

        found = crm_ticket_store_list (crm_ticket_store_from_session (session), &filter, &error);
        g_assert_no_error (error);
        ms = elapsed_ms (start);
        if (r < 0)
          continue;
        g_array_append_val (partial_samples, ms);
        note_slowest (&slowest_partial, partial[s], r, ms);
      }

  /* a colleague's change, on this desktop's list */
  {
    g_autoptr(GSubprocess) colleague = NULL;
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    g_autoptr(GDataInputStream) answers = NULL;
    g_autoptr(CrmTicketList) list = crm_ticket_list_new (session);
    g_autofree char *login = g_strdup_printf ("bench_agent%u", n_agents - 1);
    g_autofree char *uri = uri_as (argv[1], login);
    /* another queue than the colleagues': what changes there is ours */
    CrmTicketFilter open = { .queue_id = watched, .open_only = TRUE };
    Watch watch = { list, 0, NULL, FALSE };
    gulong handler;

    g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
    colleague = g_subprocess_launcher_spawn (launcher, &error, argv[0], "--poke", uri, NULL);
    g_assert_no_error (error);
    answers = g_data_input_stream_new (g_subprocess_get_stdout_pipe (colleague));

    crm_database_follow_changes (crm_session_get_database (session), 250);
    open.reader = me;
    crm_ticket_list_set_filter (list, &open);
    crm_paged_list_wait (CRM_PAGED_LIST (list), 30000);
    handler = g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &watch);

    for (guint s = 0; s < 30; s++)
      {
        g_autoptr(CrmTicket) ticket = g_list_model_get_item (G_LIST_MODEL (list), s % 20);
        g_autofree char *line = NULL;
        g_autofree char *done = NULL;
        gboolean gave_up = FALSE;
        gint64 start;
        guint source;

        g_assert (ticket != NULL);
        watch.ticket = crm_ticket_get_id (ticket);
        watch.priority = priorities[0];
        for (guint p = 0; p < G_N_ELEMENTS (priorities); p++)
          if (g_strcmp0 (priorities[p], crm_ticket_get_priority (ticket)) == 0)
            watch.priority = priorities[(p + 1) % G_N_ELEMENTS (priorities)];
        watch.seen = FALSE;
        line = g_strdup_printf ("%" G_GINT64_FORMAT " %s\n", watch.ticket, watch.priority);

        start = g_get_monotonic_time ();
        g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (colleague), line, strlen (line),
                                                  NULL, NULL, &error));
        g_assert_no_error (error);
        source = g_timeout_add (10000, give_up_cb, &gave_up);
        while (!watch.seen && !gave_up)
          g_main_context_iteration (NULL, TRUE);
        if (!gave_up)
          g_source_remove (source);
        g_assert_true (watch.seen);
        g_array_append_val (visible_samples, (double) { elapsed_ms (start) });

        done = g_data_input_stream_read_line (answers, NULL, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (done, ==, "done");
        crm_paged_list_wait (CRM_PAGED_LIST (list), 30000);
        g_usleep (g_random_int_range (100, 400) * 1000);
      }
    g_signal_handler_disconnect (list, handler);
    g_output_stream_close (g_subprocess_get_stdin_pipe (colleague), NULL, NULL);
    g_subprocess_wait (colleague, NULL, NULL);
  }

  /* what the colleagues did meanwhile */
  {
    double seconds = elapsed_ms (started) / 1000.0;
    guint takes = 0, replies = 0, closes = 0, gives = 0, prios = 0, conflicts = 0;

    for (guint i = 0; i < agents->len; i++)
      g_subprocess_force_exit (g_ptr_array_index (agents, i));
    for (guint i = 1; i < n_agents; i++)
      {
        g_autofree char *log = g_strdup_printf ("%s/agent%u.log", dir, i);
        g_autofree char *contents = NULL;
        g_auto(GStrv) lines = NULL;

        if (!g_file_get_contents (log, &contents, NULL, NULL))
          continue;
        lines = g_strsplit (contents, "\n", -1);
        for (guint l = 0; lines[l] != NULL; l++)
          {
            takes += g_str_has_prefix (lines[l], "take ");
            replies += g_str_has_prefix (lines[l], "reply ");
            closes += g_str_has_prefix (lines[l], "close ");
            gives += g_str_has_prefix (lines[l], "give ");
            prios += g_str_has_prefix (lines[l], "prio ");
            conflicts += g_str_has_prefix (lines[l], "conflict ");
          }
        g_unlink (log);
      }
    g_rmdir (dir);
    g_print ("the %u colleagues, in %.0f s: %u takes, %u replies, %u closed, %u handed on, %u priorities, "
             "%u refused (someone was first)\n",
             n_agents - 1, seconds, takes, replies, closes, gives, prios, conflicts);
  }

  report ("first rows (connect + 50 rows)", first_samples);
  report ("  of which connect (log in)", connect_samples);
  report ("  every id of the list read", whole_samples);
  report ("switch a filter (+ 50 rows)", filter_samples);
  report ("  every id of the list read", filter_whole_samples);
  report ("search, top 50", search_samples);
  report ("search, last word partial", partial_samples);
  g_print ("  slowest search “%s” (round %d) %.1f ms; partial “%s” (round %d) %.1f ms\n",
           slowest_search.words, slowest_search.round + 1, slowest_search.ms,
           slowest_partial.words, slowest_partial.round + 1, slowest_partial.ms);
  report ("a colleague's change shown", visible_samples);

  return EXIT_SUCCESS;
}
