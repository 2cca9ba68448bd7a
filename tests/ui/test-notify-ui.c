/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm.h"
#include "crm-no-answer-watch.h"
#include "crm-window.h"
#include "crm-test-util.h"
#include "crm-ui-test-util.h"
#include "dunst-test-util.h"

/* The no-reply reminder on the desktop (RQ12), through a real
 * notification server: dunst, started by the test on the X display and
 * the session bus of the run. A request whose last mail, ours, has had
 * no answer for five days is said once in a notification naming it;
 * checked again, nothing more is sent. */

/* a notification's summary as dunstctl's history gives it */
#define SUMMARY "\"data\" : \"No answer for 5 days\""

static void
activate_cb (GApplication *application)
{
}

static void
test_no_answer_notified (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) dunst = start_dunst ();
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(CrmNoAnswerWatch) watch = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmStatement) wait = NULL;
  g_autofree char *dir = g_dir_make_tmp ("crm-notify-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autofree char *sql = NULL;
  g_autofree char *history = NULL;
  CrmSession *session;
  CrmWindow *window;
  gint64 ticket, deadline;

  session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_ADMIN, &error), >, 0);
  user = crm_user_store_find (crm_user_store_from_session (session), "1", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (session, crm_user_get_id (user));
  crm_contact_set_name (client, "Anna Kowalska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), client, &error));
  ticket = crm_ticket_store_record_request (crm_ticket_store_from_session (session), "Mieszkanie na Mokotowie", 1,
                                            crm_contact_get_id (client), "Czy jest wolne?", "phone", &error);
  g_assert_no_error (error);
  g_assert_true (crm_ticket_store_assign (crm_ticket_store_from_session (session), ticket, crm_user_get_id (user),
                                          &error));
  /* our mail, five days without an answer */
  sql = g_strdup_printf ("UPDATE tickets SET awaiting_since = %" G_GINT64_FORMAT ", reminded_at = NULL",
                         g_get_real_time () / G_USEC_PER_SEC - 5 * 86400 - 60);
  wait = crm_database_prepare (crm_session_get_database (session), g_intern_string (sql), &error);
  g_assert_no_error (error);
  g_assert_true (crm_database_step_done (crm_session_get_database (session), wait, &error));
  g_assert_no_error (error);
  g_clear_pointer (&wait, crm_statement_release);

  /* the application, registered on the session bus, its window the user's */
  application = gtk_application_new ("org.example.Crm.NotifyTest", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  window = crm_window_new (NULL, session, NULL);
  gtk_window_set_application (GTK_WINDOW (window), application);
  crm_window_set_user (window, user);
  gtk_window_present (GTK_WINDOW (window));
  crm_test_settle ();

  watch = crm_no_answer_watch_new (application, session);
  crm_no_answer_watch_check (watch);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_clear_pointer (&history, g_free);
      crm_test_settle ();
      history = dunst_history ();
    }
  while (count_in (history, SUMMARY) == 0 && g_get_monotonic_time () < deadline);
  g_test_message ("%s", history);
  g_assert_cmpuint (count_in (history, SUMMARY), ==, 1);
  g_assert_nonnull (strstr (history, "Mieszkanie na Mokotowie"));

  /* once */
  crm_no_answer_watch_check (watch);
  crm_test_settle ();
  g_usleep (500 * 1000);
  crm_test_settle ();
  g_clear_pointer (&history, g_free);
  history = dunst_history ();
  g_assert_cmpuint (count_in (history, SUMMARY), ==, 1);

  g_clear_object (&watch);
  gtk_window_destroy (GTK_WINDOW (window));
  crm_test_settle ();
  g_assert_finalize_object (session);
  crm_test_remove_data_dir (dir);
  g_subprocess_send_signal (dunst, SIGTERM);
  g_subprocess_wait (dunst, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  screenshot_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", "screenshots",
                                     NULL);

  g_test_add_func ("/notify/no-answer", test_no_answer_notified);

  return g_test_run ();
}
