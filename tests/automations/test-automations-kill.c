/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "crm-test-util.h"
#include "pg-fixture.h"

#include "crm.h"

/* kill -9 during a run, and restart (issue 15): the real crmctl, as a
 * child process, is killed at random moments while `scheduler run`
 * does a few hundred due steps (each a mail queued in the outbox), and
 * started again until a run ends by itself. Then every step is done
 * exactly once: one outbox row each, none without its step, none
 * waiting; and the database is intact. On both backends. */

#define N_RECORDS 2500
#define MAX_KILLS 60
#define MONDAY_EIGHT "2026-03-02T08:00:00+01:00"
#define MONDAY_NINE "2026-03-02T09:00:00+01:00"

typedef struct
{
  char *dir;
  char *uri;   /* the PostgreSQL database, on the -pg run */
} Fixture;

static CrmSession *
open_db (Fixture  *fixture,
         CrmClock *clock)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  CrmSession *session = fixture->uri != NULL ? crm_session_open_uri (fixture->uri, NULL, clock, &error)
                                             : crm_session_open_file (path, clock, &error);

  g_assert_no_error (error);

  return session;
}

static gint64
query_int (CrmSession *session,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (session), sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return crm_statement_get_int64 (stmt, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (MONDAY_EIGHT, NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (now);
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmAutomationStep) step = crm_automation_step_new (CRM_AUTOMATION_STEP_EMAIL_CONTACT);
  CrmAutomationStore *store;
  gint64 template_id, automation;

  fixture->dir = g_dir_make_tmp ("crm-automations-kill-XXXXXX", NULL);
  if (crm_test_on_postgresql ())
    fixture->uri = crm_test_pg_new_database ();
  session = open_db (fixture, clock);
  store = crm_automation_store_from_session (session);

  g_assert_true (crm_database_exec (crm_session_get_database (session),
                                    "INSERT INTO accounts (id, address, address_norm, imap_host, imap_port, "
                                    "imap_security, smtp_host, smtp_port, smtp_security, username, created_at) VALUES "
                                    "(1, 'biuro@example.com', 'biuro@example.com', '127.0.0.1', 993, 'tls', "
                                    "'127.0.0.1', 465, 'tls', 'office', 0)",
                                    &error));
  g_assert_no_error (error);
  template_id = crm_template_store_add (crm_template_store_from_session (session), "Follow-up",
                                        "Dzień dobry {client_first_name},\nczy mieszkanie jest aktualne?", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_RECORDS; i++)
    {
      g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
      g_autofree char *name = g_strdup_printf ("Klient %u", i);
      g_autofree char *address = g_strdup_printf ("klient%u@przyklad.pl", i);
      gint64 ticket;

      crm_contact_set_name (contact, name);
      crm_contact_set_emails (contact, (const char *[]) { address, NULL });
      g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), contact, &error));
      ticket = crm_ticket_store_record_request (crm_ticket_store_from_session (session), "Mieszkanie", 1,
                                                crm_contact_get_id (contact), "Czy wolne?", "phone", &error);
      g_assert_true (crm_ticket_store_set (crm_ticket_store_from_session (session), ticket, "Pending", NULL, NULL, NULL,
                                           NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (crm_automation_store_set_daily_cap (store, 5, &error));
  automation = crm_automation_store_add (store, "requests", "Follow-up", 3, 0, FALSE, FALSE, CRM_CATCH_UP_LATE, &error);
  step->minute_of_day = 9 * 60;
  step->template_id = template_id;
  g_assert_cmpint (crm_automation_store_add_step (store, automation, step, &error), >, 0);
  g_assert_cmpint (crm_automation_store_add_step (store, automation, step, &error), >, 0);
  g_assert_true (crm_automation_store_activate (store, automation, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (session, "SELECT count (*) FROM automation_runs WHERE state = 'waiting'"), ==,
                   2 * N_RECORDS);
  g_assert_finalize_object (g_steal_pointer (&session));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->uri);
}

static GSubprocess *
spawn_scheduler (Fixture *fixture)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_add (args, (gpointer) g_getenv ("CRMCTL"));
  g_ptr_array_add (args, (gpointer) "--data-dir");
  g_ptr_array_add (args, fixture->dir);
  if (fixture->uri != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--database");
      g_ptr_array_add (args, fixture->uri);
    }
  g_ptr_array_add (args, (gpointer) "scheduler");
  g_ptr_array_add (args, (gpointer) "run");
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_setenv (launcher, "CRM_NOW", MONDAY_NINE, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  return process;
}

static void
test_kill (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(GRand) rand = g_rand_new ();
  guint kills = 0, killed_at_work = 0;
  gboolean finished = FALSE;

  while (!finished)
    {
      g_autoptr(GSubprocess) process = spawn_scheduler (fixture);
      g_autoptr(GError) error = NULL;

      if (kills < MAX_KILLS)
        {
          /* from before it opens the database to well into its work */
          g_usleep (g_rand_int_range (rand, 5, 90) * 1000);
          g_subprocess_send_signal (process, SIGKILL);
          kills++;
        }
      g_assert_true (g_subprocess_wait (process, NULL, &error));
      g_assert_no_error (error);
      if (g_subprocess_get_if_signaled (process))
        {
          g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
          killed_at_work++;
        }
      else
        {
          g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
          finished = TRUE;
        }
    }
  g_test_message ("%u kills, %u of them while it worked", kills, killed_at_work);

  session = open_db (fixture, NULL);
  /* every step done, each once, each with its one mail */
  g_assert_cmpint (query_int (session, "SELECT count (*) FROM automation_runs WHERE state <> 'done'"), ==, 0);
  g_assert_cmpint (query_int (session, "SELECT count (*) FROM automation_runs WHERE outbox_id IS NOT NULL"), ==,
                   2 * N_RECORDS);
  g_assert_cmpint (query_int (session, "SELECT count (DISTINCT outbox_id) FROM automation_runs"), ==, 2 * N_RECORDS);
  g_assert_cmpint (query_int (session, "SELECT count (*) FROM outbox WHERE owner = 'automation'"), ==, 2 * N_RECORDS);
  g_assert_cmpint (query_int (session, "SELECT count (*) FROM outbox o WHERE NOT EXISTS "
                                       "(SELECT 1 FROM automation_runs r WHERE r.outbox_id = o.id)"), ==, 0);
  if (fixture->uri == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (session), "PRAGMA integrity_check",
                                                           &error);

      g_assert_no_error (error);
      g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
      g_assert_cmpstr (crm_statement_get_text (stmt, 0), ==, "ok");
    }
  g_assert_finalize_object (g_steal_pointer (&session));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  crm_init ();

  g_test_add ("/automations-kill/scheduler-run", Fixture, NULL, fixture_set_up, test_kill, fixture_tear_down);

  status = g_test_run ();
  crm_test_wait_for_threads ();

  return status;
}
