/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>

#include "crm.h"
#include "crm-test-util.h"
#include "db-query.h"
#include "dovecot-fixture.h"
#include "smtp-fixture.h"
#include "pg-fixture.h"

/* An office of 20 agents on the team's database, each a process of its
 * own logged in as themselves (crm-test-agent), working one queue of
 * 1,200 tickets for a minute: taking the oldest (all of them want the
 * same few), answering, closing, handing on, changing priorities; the
 * office's engine (crmctl serve) sends their replies over a real SMTP
 * server meanwhile. Then, from what each agent says it did, the
 * database and the server's spool:
 *
 *   - no ticket was taken twice;
 *   - every ticket's assignees and priorities form one unbroken chain
 *     of changes, from the first to what the database holds: no change
 *     was made on a state that was no longer there (no lost update);
 *   - every change has its audit row;
 *   - every reply went out exactly once.
 *
 * CRM_TEST_AGENT_SECONDS shortens the minute. */

#define N_AGENTS 20
#define N_TICKETS 1200
#define N_CLIENTS 60

typedef struct
{
  GHashTable *out;    /* node → how many edges leave it */
  GHashTable *in;
} Chain;

static Chain *
chain_new (void)
{
  Chain *chain = g_new0 (Chain, 1);

  chain->out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  chain->in = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return chain;
}

static void
chain_free (gpointer data)
{
  Chain *chain = data;

  g_hash_table_unref (chain->out);
  g_hash_table_unref (chain->in);
  g_free (chain);
}

static void
bump (GHashTable *counts,
      const char *node,
      int         by)
{
  g_hash_table_insert (counts, g_strdup (node),
                       GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (counts, node)) + by));
}

static guint
chain_add (GHashTable *chains,
           const char *ticket,
           const char *from,
           const char *to)
{
  Chain *chain = g_hash_table_lookup (chains, ticket);

  if (chain == NULL)
    g_hash_table_insert (chains, g_strdup (ticket), (chain = chain_new ()));
  bump (chain->out, from, 1);
  bump (chain->in, to, 1);

  return 1;
}

/* Whether the changes of @chain can be one path from @first to @last:
 * every value left as often as it was reached, but the first (once
 * more) and the last (once less). A change made on a value that was no
 * longer there breaks it. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Chain, chain_free)

static gboolean
chain_is_path (Chain      *chain,
               const char *first,
               const char *last)
{
  g_autoptr(GHashTable) nodes = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer node;

  g_hash_table_iter_init (&iter, chain->out);
  while (g_hash_table_iter_next (&iter, &node, NULL))
    g_hash_table_add (nodes, node);
  g_hash_table_iter_init (&iter, chain->in);
  while (g_hash_table_iter_next (&iter, &node, NULL))
    g_hash_table_add (nodes, node);
  g_hash_table_add (nodes, (gpointer) first);
  g_hash_table_add (nodes, (gpointer) last);

  g_hash_table_iter_init (&iter, nodes);
  while (g_hash_table_iter_next (&iter, &node, NULL))
    {
      int balance = GPOINTER_TO_INT (g_hash_table_lookup (chain->out, node)) -
                    GPOINTER_TO_INT (g_hash_table_lookup (chain->in, node));
      int expected = (g_str_equal (node, first) ? 1 : 0) - (g_str_equal (node, last) ? 1 : 0);

      if (balance != expected)
        return FALSE;
    }

  return TRUE;
}

/* how many times each reply marker is in the server's spool */
static void
count_markers (GHashTable *counts,
               const char *spool)
{
  g_autoptr(GDir) dir = g_dir_open (spool, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (spool, name, NULL);
      g_autofree char *contents = NULL;
      const char *at;

      if (!g_str_has_suffix (name, ".eml") || !g_file_get_contents (path, &contents, NULL, NULL) ||
          (at = strstr (contents, "team-reply-")) == NULL)
        continue;
      {
        g_autofree char *marker = g_strndup (at, strspn (at, "team-reply0123456789"));

        bump (counts, marker, 1);
      }
    }
}

static void
test_agents (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mail_dir = NULL;
  g_autofree char *spool = NULL;
  g_autofree char *uri = crm_test_pg_new_database ();
  g_autofree char *dir = g_dir_make_tmp ("crm-agents-XXXXXX", NULL);
  g_autoptr(GSubprocess) dovecot = NULL;
  g_autoptr(GSubprocess) smtp = NULL;
  g_autoptr(GSubprocess) engine = NULL;
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) first_priority = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) takes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) assignments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, chain_free);
  g_autoptr(GHashTable) priorities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, chain_free);
  g_autoptr(GHashTable) closes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) delivered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) markers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmAccount) account = NULL;
  const char *seconds = g_getenv ("CRM_TEST_AGENT_SECONDS");
  guint n_take = 0, n_give = 0, n_prio = 0, n_close = 0, n_conflict = 0;
  guint taken_twice = 0, broken_assignments = 0, broken_priorities = 0, closed_twice = 0;
  guint audit_missing = 0, sent_twice = 0, not_sent = 0;
  guint16 imap_port, smtp_port;
  gint64 queue, deadline, started, working, drained;

  started = g_get_monotonic_time ();
  dovecot = crm_test_dovecot_start (&mail_dir, &imap_port);
  smtp = crm_test_smtp_start (&spool, &smtp_port);

  /* the office: a mailbox, 20 agents with their logins, 60 clients,
   * 1,200 requests in one queue */
  session = crm_session_open_uri (uri, NULL, NULL, &error);
  g_assert_no_error (error);
  account = crm_account_new (0, "office@example.com", "Biuro", "127.0.0.1", imap_port, "none",
                             "127.0.0.1", smtp_port, "none", "office");
  crm_account_store_add (crm_account_store_from_session (session), account, "pass word", TRUE, &error);
  g_assert_no_error (error);
  queue = crm_ticket_store_add_queue (crm_ticket_store_from_session (session), "Wsparcie", &error);
  g_assert_no_error (error);
  for (guint i = 1; i <= N_AGENTS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Agent %u", i);
      g_autofree char *email = g_strdup_printf ("agent%u@example.com", i);
      g_autofree char *login = g_strdup_printf ("agent%u", i);
      gint64 id = crm_user_store_add (crm_user_store_from_session (session), name, email, CRM_ROLE_AGENT, &error);

      g_assert_no_error (error);
      crm_user_store_set_login (crm_user_store_from_session (session), id, login, "tajne hasło", &error);
      g_assert_no_error (error);
    }
  {
    gint64 clients[N_CLIENTS];

    for (guint i = 0; i < N_CLIENTS; i++)
      {
        g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
        g_autofree char *name = g_strdup_printf ("Klient %u", i);
        g_autofree char *email = g_strdup_printf ("klient%u@example.com", i);
        const char *emails[] = { email, NULL };

        crm_contact_set_name (contact, name);
        crm_contact_set_emails (contact, emails);
        g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), contact, &error));
        g_assert_no_error (error);
        clients[i] = crm_contact_get_id (contact);
      }
    for (guint i = 0; i < N_TICKETS; i++)
      {
        g_autofree char *subject = g_strdup_printf ("Zgłoszenie %u", i);

        crm_ticket_store_record_request (crm_ticket_store_from_session (session), subject, queue,
                                         clients[i % N_CLIENTS], "Dzień dobry, proszę o pomoc.", "phone", &error);
        g_assert_no_error (error);
      }
  }
  {
    g_autoptr(CrmStatement) rows =
      crm_database_prepare (crm_session_get_database (session),
                            "SELECT t.id, p.name FROM tickets t JOIN priorities p ON p.id = t.priority_id", &error);

    g_assert_no_error (error);
    while (crm_statement_step (rows) == CRM_STEP_ROW)
      g_hash_table_insert (first_priority, g_strdup_printf ("%" G_GINT64_FORMAT, crm_statement_get_int64 (rows, 0)),
                           g_strdup (crm_statement_get_text (rows, 1)));
    g_assert_cmpuint (g_hash_table_size (first_priority), ==, N_TICKETS);
  }

  /* the office's engine, then the agents */
  working = g_get_monotonic_time ();
  {
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);

    /* a test that fails leaves nothing behind */
    g_subprocess_launcher_set_child_setup (launcher, crm_test_die_with_parent, NULL, NULL);
    engine = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CRMCTL"), "--data-dir", dir,
                                          "--database", uri, "serve", NULL);
    g_assert_no_error (error);
  }
  for (guint i = 1; i <= N_AGENTS; i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
      g_autofree char *log = g_strdup_printf ("%s/agent%u.log", dir, i);
      g_autofree char *as = g_strdup_printf ("agent%u", i);
      g_autofree char *agent_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u/%s", as, crm_test_pg.port,
                                                    strrchr (uri, '/') + 1);
      g_autofree char *queue_arg = g_strdup_printf ("%" G_GINT64_FORMAT, queue);
      g_autofree char *seed = g_strdup_printf ("%u", g_test_rand_int ());
      GSubprocess *agent;

      g_subprocess_launcher_set_stdout_file_path (launcher, log);
      g_subprocess_launcher_set_child_setup (launcher, crm_test_die_with_parent, NULL, NULL);
      agent = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("CRM_TEST_AGENT"), agent_uri, "tajne hasło",
                                           queue_arg, seconds != NULL ? seconds : "60", seed, NULL);
      g_assert_no_error (error);
      g_ptr_array_add (agents, agent);
    }
  for (guint i = 0; i < agents->len; i++)
    {
      GSubprocess *agent = g_ptr_array_index (agents, i);

      g_assert_true (g_subprocess_wait_check (agent, NULL, &error));
      g_assert_no_error (error);
    }

  /* what they did */
  for (guint i = 1; i <= N_AGENTS; i++)
    {
      g_autofree char *log = g_strdup_printf ("%s/agent%u.log", dir, i);
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (g_file_get_contents (log, &contents, NULL, &error));
      g_assert_no_error (error);
      lines = g_strsplit (contents, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_auto(GStrv) w = g_strsplit (lines[l], " ", -1);
          guint n = g_strv_length (w);

          if (n == 3 && g_str_equal (w[0], "take"))
            {
              n_take += chain_add (assignments, w[1], "0", w[2]);
              bump (takes, w[1], 1);
            }
          else if (n == 4 && g_str_equal (w[0], "give"))
            n_give += chain_add (assignments, w[1], w[2], w[3]);
          else if (n == 4 && g_str_equal (w[0], "prio"))
            n_prio += chain_add (priorities, w[1], w[2], w[3]);
          else if (n == 2 && g_str_equal (w[0], "close"))
            {
              n_close++;
              bump (closes, w[1], 1);
            }
          else if (n == 4 && g_str_equal (w[0], "reply"))
            g_ptr_array_add (markers, g_strdup (w[3]));
          else if (n == 3 && g_str_equal (w[0], "conflict"))
            n_conflict++;
          else
            g_assert_cmpstr (lines[l], ==, "");
        }
    }

  /* the engine sends what is left, then goes */
  drained = g_get_monotonic_time ();
  deadline = drained + 300 * G_USEC_PER_SEC;
  while (crm_test_query_int64 (session, "SELECT count (*) FROM outbox WHERE state <> 'sent'", 0) > 0 &&
         g_get_monotonic_time () < deadline)
    g_usleep (200 * 1000);
  g_subprocess_send_signal (engine, SIGTERM);
  g_assert_true (g_subprocess_wait (engine, NULL, NULL));
  g_test_message ("set up in %.1f s, the agents worked %.1f s, the engine sent the rest in %.1f s",
                  (working - started) / 1e6, (drained - working) / 1e6, (g_get_monotonic_time () - drained) / 1e6);

  /* no ticket taken twice; every chain unbroken, to what is stored */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, takes);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (GPOINTER_TO_INT (value) > 1)
        taken_twice++;
    g_hash_table_iter_init (&iter, closes);
    while (g_hash_table_iter_next (&iter, &key, &value))
      if (GPOINTER_TO_INT (value) > 1)
        closed_twice++;
  }
  {
    g_autoptr(CrmStatement) rows =
      crm_database_prepare (crm_session_get_database (session),
                            "SELECT t.id, coalesce (t.assignee_id, 0), p.name, s.kind, "
                            "  (SELECT count (*) FROM history h WHERE h.entity = 'ticket' AND h.entity_id = t.id "
                            "     AND h.action = 'assigned'), "
                            "  (SELECT count (*) FROM history h WHERE h.entity = 'ticket' AND h.entity_id = t.id "
                            "     AND h.action = 'priority') "
                            "FROM tickets t JOIN priorities p ON p.id = t.priority_id JOIN statuses s ON s.id = t.status_id",
                            &error);

    g_assert_no_error (error);
    while (crm_statement_step (rows) == CRM_STEP_ROW)
      {
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, crm_statement_get_int64 (rows, 0));
        g_autofree char *assignee = g_strdup_printf ("%" G_GINT64_FORMAT, crm_statement_get_int64 (rows, 1));
        Chain *assigned = g_hash_table_lookup (assignments, id);
        Chain *prioritised = g_hash_table_lookup (priorities, id);
        g_autoptr(Chain) none = chain_new ();
        guint n_assigned = 0, n_prioritised = 0;
        GHashTableIter iter;
        gpointer count;

        if (!chain_is_path (assigned != NULL ? assigned : none, "0", assignee))
          broken_assignments++;
        if (!chain_is_path (prioritised != NULL ? prioritised : none, g_hash_table_lookup (first_priority, id),
                            crm_statement_get_text (rows, 2)))
          broken_priorities++;
        /* closed exactly when an agent said so */
        g_assert_cmpint (g_str_equal (crm_statement_get_text (rows, 3), "closed"), ==,
                         g_hash_table_contains (closes, id));

        if (assigned != NULL)
          {
            g_hash_table_iter_init (&iter, assigned->in);
            while (g_hash_table_iter_next (&iter, NULL, &count))
              n_assigned += GPOINTER_TO_UINT (count);
          }
        if (prioritised != NULL)
          {
            g_hash_table_iter_init (&iter, prioritised->in);
            while (g_hash_table_iter_next (&iter, NULL, &count))
              n_prioritised += GPOINTER_TO_UINT (count);
          }
        if (crm_statement_get_int64 (rows, 4) != n_assigned || crm_statement_get_int64 (rows, 5) != n_prioritised)
          audit_missing++;
      }
  }

  /* every reply out once */
  count_markers (delivered, spool);
  for (guint i = 0; i < markers->len; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (delivered, g_ptr_array_index (markers, i)));

      if (count == 0)
        not_sent++;
      else if (count > 1)
        sent_twice++;
    }

  g_test_message ("%u agents: %u takes, %u hand-overs, %u priorities, %u closed, %u replies, %u refused "
                  "(a colleague was first); taken twice %u, broken chains %u + %u, closed twice %u, "
                  "audit rows missing %u; mails delivered %u, twice %u, not sent %u",
                  N_AGENTS, n_take, n_give, n_prio, n_close, markers->len, n_conflict,
                  taken_twice, broken_assignments, broken_priorities, closed_twice, audit_missing,
                  crm_test_smtp_count (spool), sent_twice, not_sent);

  /* they worked, and got in each other's way */
  g_assert_cmpuint (n_take, >, 50);
  g_assert_cmpuint (n_give, >, 10);
  g_assert_cmpuint (n_prio, >, 10);
  g_assert_cmpuint (n_close, >, 10);
  g_assert_cmpuint (markers->len, >, 50);
  g_assert_cmpuint (n_conflict, >, 0);

  g_assert_cmpuint (taken_twice, ==, 0);
  g_assert_cmpuint (broken_assignments, ==, 0);
  g_assert_cmpuint (broken_priorities, ==, 0);
  g_assert_cmpuint (closed_twice, ==, 0);
  g_assert_cmpuint (audit_missing, ==, 0);
  g_assert_cmpuint (not_sent, ==, 0);
  g_assert_cmpuint (sent_twice, ==, 0);
  g_assert_cmpuint (crm_test_smtp_count (spool), ==, markers->len);

  g_clear_object (&session);
  crm_test_remove_data_dir (dir);
  crm_test_smtp_stop (g_steal_pointer (&smtp), spool);
  crm_test_dovecot_stop (g_steal_pointer (&dovecot), mail_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("CRMCTL"));
  g_assert_nonnull (g_getenv ("CRM_TEST_AGENT"));

  g_test_add_func ("/agents/one-queue", test_agents);

  return g_test_run ();
}
