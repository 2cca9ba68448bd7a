/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "crm-test-util.h"
#include "crm-ui-test-util.h"
#include "pg-fixture.h"

#include "crm.h"
#include "crm-demo.h"
#include "crm-tickets-page.h"
#include "crm-window.h"
#include "crm-preferences-window.h"
#include "crm-ticket-view.h"
#include "crm-application.h"
#include "crm-database-chooser.h"
#include "crm-secrets.h"

/* The window on the team's database (a PostgreSQL server of the
 * tests' own): another desktop's change reaches its list within a
 * second, through the server's NOTIFY. */

static gboolean
list_has (CrmTicketList *list,
          const char    *subject)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(CrmTicket) ticket = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (crm_ticket_get_subject (ticket), subject) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_live (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = crm_test_pg_new_database ();
  g_autoptr(CrmSession) session = crm_session_open_uri (uri, NULL, NULL, &error);
  g_autoptr(CrmSession) desktop = NULL;
  g_autofree char *login = NULL;
  g_autofree char *login_uri = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(GSubprocess) other = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *body = NULL;
  CrmTicketsPage *page;
  CrmTicketList *list;
  CrmWindow *window;
  gint64 ticket, started, seen = 0;

  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_ADMIN, &error), >, 0);
  user = crm_user_store_find (crm_user_store_from_session (session), "ewa@example.com", &error);
  g_assert_no_error (error);
  crm_contact_set_name (client, "Anna Kowalska");
  crm_contact_set_emails (client, (const char *[]) { "anna@example.com", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), client, &error));
  crm_session_set_user_id (session, crm_user_get_id (user));
  ticket = crm_ticket_store_create (crm_ticket_store_from_session (session), "Oglądanie mieszkania", 1, NULL,
                                    crm_contact_get_id (client), "Proszę o kontakt.", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ticket, >, 0);

  /* Ewa logs in as herself: the window is hers at once, nobody chooses */
  login = g_strdup_printf ("ewa_%d", (int) getpid ());
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (session), crm_user_get_id (user), login,
                                           "hasło", &error));
  g_assert_no_error (error);
  login_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", login, crm_test_pg.port, strrchr (uri, '/'));
  desktop = crm_session_open_uri (login_uri, "hasło", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (crm_session_get_logged_in (desktop));
  g_assert_cmpint (crm_session_get_user_id (desktop), ==, crm_user_get_id (user));
  window = crm_window_new (NULL, desktop, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_assert_nonnull (crm_window_get_user (window));
  g_assert_cmpint (crm_user_get_id (crm_window_get_user (window)), ==, crm_user_get_id (user));
  /* and stays hers: switching the user does nothing */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.switch-user", NULL);
  g_assert_nonnull (crm_window_get_user (window));
  crm_window_show_page (window, "tickets");
  gtk_window_present (GTK_WINDOW (window));
  crm_test_settle ();
  page = CRM_TICKETS_PAGE (find_child (GTK_WIDGET (window), CRM_TYPE_TICKETS_PAGE, NULL));
  list = crm_tickets_page_get_list (page);
  g_assert_true (list_has (list, "Oglądanie mieszkania"));

  /* another desktop (crmctl, another process, its own connection)
   * records a request by phone */
  contact = g_strdup_printf ("%" G_GINT64_FORMAT, crm_contact_get_id (client));
  body = g_build_filename (g_get_tmp_dir (), "crm-team-ui-body.txt", NULL);
  g_assert_true (g_file_set_contents (body, "Dzwoniła w sprawie umowy.", -1, NULL));
  started = g_get_monotonic_time ();
  other = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, g_getenv ("CRMCTL"), "--database", uri,
                            "tickets", "new", "--on-behalf-of", contact, "--subject", "Umowa najmu",
                            "--queue", "Inbox", "--body-file", body, "--as", "ewa@example.com", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (other, NULL, &error));
  g_assert_no_error (error);

  /* shown here within a second of its commit */
  while (!list_has (list, "Umowa najmu") && g_get_monotonic_time () - started < 3 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  seen = g_get_monotonic_time ();
  g_assert_true (list_has (list, "Umowa najmu"));
  g_test_message ("another desktop's ticket in the list %.0f ms after crmctl started", (seen - started) / 1000.0);
  g_assert_cmpint (seen - started, <, G_USEC_PER_SEC + 500 * G_TIME_SPAN_MILLISECOND);
  take_screenshot (GTK_WIDGET (window), "team-live");

  g_unlink (body);
  gtk_window_destroy (GTK_WINDOW (window));
  crm_test_settle ();
}

/* A label shown in @root whose text has @text. */
static GtkWidget *
label_containing (GtkWidget  *root,
                  const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Two desktops on one ticket: while Ewa writes her reply, Jan's
 * composer says she is replying; when she stops, it stops saying so. */
static void
test_replying (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = crm_test_pg_new_database ();
  g_autoptr(CrmSession) office = crm_session_open_uri (uri, NULL, NULL, &error);
  g_autoptr(CrmSession) ewas = NULL;
  g_autoptr(CrmSession) jans = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autofree char *ewa_login = g_strdup_printf ("ewa_r_%d", (int) getpid ());
  g_autofree char *jan_login = g_strdup_printf ("jan_r_%d", (int) getpid ());
  g_autofree char *ewa_uri = NULL;
  g_autofree char *jan_uri = NULL;
  CrmWindow *ewa_window, *jan_window;
  CrmTicketView *ewa_view, *jan_view;
  gint64 ewa, jan, ticket, started, deadline;

  g_assert_no_error (error);
  ewa = crm_user_store_add (crm_user_store_from_session (office), "Ewa Nowak", "ewa@example.com", CRM_ROLE_ADMIN,
                            &error);
  jan = crm_user_store_add (crm_user_store_from_session (office), "Jan Kos", "jan@example.com", CRM_ROLE_AGENT,
                            &error);
  g_assert_no_error (error);
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (office), ewa, ewa_login, NULL, &error));
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (office), jan, jan_login, NULL, &error));
  g_assert_no_error (error);
  crm_contact_set_name (client, "Anna Kowalska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (office), client, &error));
  ticket = crm_ticket_store_create (crm_ticket_store_from_session (office), "Umowa", 1, NULL,
                                    crm_contact_get_id (client), "Proszę o umowę.", 0, NULL, &error);
  g_assert_no_error (error);

  ewa_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", ewa_login, crm_test_pg.port, strrchr (uri, '/'));
  jan_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", jan_login, crm_test_pg.port, strrchr (uri, '/'));
  ewas = crm_session_open_uri (ewa_uri, NULL, NULL, &error);
  jans = crm_session_open_uri (jan_uri, NULL, NULL, &error);
  g_assert_no_error (error);

  ewa_window = crm_window_new (NULL, ewas, NULL);
  jan_window = crm_window_new (NULL, jans, NULL);
  gtk_window_set_default_size (GTK_WINDOW (ewa_window), 1200, 800);
  gtk_window_set_default_size (GTK_WINDOW (jan_window), 1200, 800);
  gtk_window_present (GTK_WINDOW (ewa_window));
  gtk_window_present (GTK_WINDOW (jan_window));
  crm_window_show_ticket (ewa_window, ticket);
  crm_window_show_ticket (jan_window, ticket);
  crm_test_settle ();
  ewa_view = CRM_TICKET_VIEW (find_child (GTK_WIDGET (ewa_window), CRM_TYPE_TICKET_VIEW, NULL));
  jan_view = CRM_TICKET_VIEW (find_child (GTK_WIDGET (jan_window), CRM_TYPE_TICKET_VIEW, NULL));
  g_assert_nonnull (ewa_view);
  g_assert_nonnull (jan_view);
  g_assert_null (crm_ticket_view_get_others_replying (jan_view));

  /* Ewa starts writing */
  started = g_get_monotonic_time ();
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (crm_ticket_view_get_composer (ewa_view)), "Dzień dobry, ", -1);
  deadline = started + 3 * G_USEC_PER_SEC;
  while (crm_ticket_view_get_others_replying (jan_view) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (crm_ticket_view_get_others_replying (jan_view), ==, "Ewa Nowak is replying to this ticket");
  g_test_message ("Jan sees Ewa replying %.0f ms after she typed", (g_get_monotonic_time () - started) / 1000.0);
  /* and not herself */
  g_assert_null (crm_ticket_view_get_others_replying (ewa_view));
  take_screenshot (GTK_WIDGET (jan_window), "team-replying");

  /* she gives up: the word goes */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (crm_ticket_view_get_composer (ewa_view)), "", -1);
  deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (crm_ticket_view_get_others_replying (jan_view) != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (crm_ticket_view_get_others_replying (jan_view));

  /* both take the ticket at the same moment, each from what they saw:
   * the first to reach the server has it; the other is told whose it
   * is, and their card shows it */
  {
    GtkWidget *ewa_take = find_child (GTK_WIDGET (ewa_view), GTK_TYPE_BUTTON, "_Take");
    GtkWidget *jan_take = find_child (GTK_WIDGET (jan_view), GTK_TYPE_BUTTON, "_Take");
    g_autoptr(CrmTicket) taken = NULL;
    g_autofree char *jan_told = g_strdup ("Ewa Nowak’s now");
    g_autofree char *ewa_told = g_strdup ("Jan Kos’s now");
    GtkWidget *told = NULL;
    gint64 until;

    g_assert_nonnull (ewa_take);
    g_assert_nonnull (jan_take);
    g_signal_emit_by_name (ewa_take, "clicked");
    g_signal_emit_by_name (jan_take, "clicked");
    until = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    while (told == NULL && g_get_monotonic_time () < until)
      {
        g_main_context_iteration (NULL, TRUE);
        if ((told = label_containing (GTK_WIDGET (jan_window), jan_told)) == NULL)
          told = label_containing (GTK_WIDGET (ewa_window), ewa_told);
      }
    g_assert_nonnull (told);
    crm_test_settle ();
    taken = crm_ticket_store_get (crm_ticket_store_from_session (office), ticket, 0, &error);
    g_assert_no_error (error);
    /* the one told is not the one who has it; nobody's change was lost */
    if (gtk_widget_get_root (told) == GTK_ROOT (jan_window))
      g_assert_cmpint (crm_ticket_get_assignee_id (taken), ==, ewa);
    else
      g_assert_cmpint (crm_ticket_get_assignee_id (taken), ==, jan);
    take_screenshot (GTK_WIDGET (gtk_widget_get_root (told)), "team-taken-meanwhile");
  }

  gtk_window_destroy (GTK_WINDOW (ewa_window));
  gtk_window_destroy (GTK_WINDOW (jan_window));
  crm_test_settle ();
}

static void
type_row (GtkWidget  *root,
          const char *title,
          const char *text)
{
  GtkWidget *row = find_child (root, ADW_TYPE_ENTRY_ROW, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Preferences › Users on the team's server: the administrator, logged
 * in as herself, gives a new colleague a login and a password; he then
 * logs in as himself. */
static void
test_preferences_login (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = crm_test_pg_new_database ();
  g_autoptr(CrmSession) office = crm_session_open_uri (uri, NULL, NULL, &error);
  g_autoptr(CrmSession) ewas = NULL;
  g_autoptr(CrmSession) pawels = NULL;
  g_autoptr(CrmUser) ewa = NULL;
  g_autofree char *ewa_login = g_strdup_printf ("ewa_p_%d", (int) getpid ());
  g_autofree char *pawel_login = g_strdup_printf ("pawel_p_%d", (int) getpid ());
  g_autofree char *ewa_uri = NULL;
  g_autofree char *pawel_uri = NULL;
  CrmPreferencesWindow *prefs;
  GtkWidget *page;
  gint64 ewa_id;

  g_assert_no_error (error);
  ewa_id = crm_user_store_add (crm_user_store_from_session (office), "Ewa Nowak", "ewa@example.com", CRM_ROLE_ADMIN,
                               &error);
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (office), ewa_id, ewa_login, NULL, &error));
  g_assert_no_error (error);
  ewa_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", ewa_login, crm_test_pg.port, strrchr (uri, '/'));
  ewas = crm_session_open_uri (ewa_uri, NULL, NULL, &error);
  g_assert_no_error (error);
  ewa = crm_user_store_get (crm_user_store_from_session (ewas), ewa_id, &error);

  prefs = crm_preferences_window_new (ewas, ewa);
  page = find_child (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_PAGE, NULL);
  for (; page != NULL; page = gtk_widget_get_next_sibling (page))
    if (ADW_IS_PREFERENCES_PAGE (page) &&
        g_strcmp0 (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (page)), "Users") == 0)
      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  gtk_window_present (GTK_WINDOW (prefs));
  type_row (GTK_WIDGET (prefs), "Full Name", "Paweł Zieliński");
  type_row (GTK_WIDGET (prefs), "E-mail Address", "pawel@example.com");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_child (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, "Role")),
                              CRM_ROLE_AGENT);
  type_row (GTK_WIDGET (prefs), "Login on the Office’s Server", pawel_login);
  type_row (GTK_WIDGET (prefs), "Login Password", "hasło Pawła");
  take_screenshot (GTK_WIDGET (prefs), "team-preferences-login");
  g_assert_true (crm_preferences_window_add_user (prefs));
  crm_test_settle ();
  gtk_window_destroy (GTK_WINDOW (prefs));

  pawel_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", pawel_login, crm_test_pg.port, strrchr (uri, '/'));
  pawels = crm_session_open_uri (pawel_uri, "hasło Pawła", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (crm_session_get_logged_in (pawels));
  {
    g_autoptr(CrmUser) pawel = crm_user_store_get (crm_user_store_from_session (pawels),
                                                   crm_session_get_user_id (pawels), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (crm_user_get_name (pawel), ==, "Paweł Zieliński");
  }
}

/* A new desktop of the team: the first run asks where the work is
 * kept; the office's server, with a login of Ewa's; a wrong database
 * is said in the form; then the window is hers, and the password is
 * kept in the Secret Service only. */
typedef struct
{
  char     *uri;
  char     *login;
  char     *database;
  gint64    ewa;
  gboolean  done;
} FirstRun;



static void
first_run_activate_cb (GApplication *app,
                       FirstRun     *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", crm_test_pg.port);
  g_autofree char *kept = NULL;
  g_autofree char *setting = NULL;
  GtkWindow *first = gtk_application_get_active_window (GTK_APPLICATION (app));
  GtkWidget *chooser = find_child (GTK_WIDGET (first), CRM_TYPE_DATABASE_CHOOSER, NULL);
  GtkWidget *connect;
  GtkWindow *window = NULL;
  gint64 deadline;

  g_assert_nonnull (chooser);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_child (chooser, ADW_TYPE_EXPANDER_ROW, "The _Office’s Server")),
                                 TRUE);
  /* a server that is not this computer: TLS, its certificate checked
   * against the system's authorities (/pg/tls connects so) */
  type_row (chooser, "Server", "crm.biuro.example");
  type_row (chooser, "Database", "biuro");
  type_row (chooser, "Your Login", "ewa");
  {
    g_autofree char *remote = crm_database_chooser_dup_uri (CRM_DATABASE_CHOOSER (chooser), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (remote, ==, "postgresql://ewa@crm.biuro.example:5432/biuro"
                                 "?sslmode=verify-full&sslrootcert=/etc/ssl/certs/ca-certificates.crt");
  }
  type_row (chooser, "Server", "127.0.0.1");
  type_row (chooser, "Port", port);
  type_row (chooser, "Database", "no_such_database");
  type_row (chooser, "Your Login", run->login);
  type_row (chooser, "Password", "hasło Ewy");
  connect = find_child (chooser, GTK_TYPE_BUTTON, "_Connect");
  g_assert_nonnull (connect);
  g_assert_true (gtk_widget_get_sensitive (connect));
  take_screenshot (GTK_WIDGET (first), "first-run-server");

  /* a database the server has not: said in the form, nothing kept */
  g_signal_emit_by_name (connect, "clicked");
  g_assert_false (gtk_widget_get_sensitive (connect));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline && !gtk_widget_get_sensitive (connect))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_sensitive (connect));
  g_assert_nonnull (label_containing (chooser, "no_such_database"));
  take_screenshot (GTK_WIDGET (first), "first-run-server-error");
  setting = g_settings_get_string (crm_application_get_settings (CRM_APPLICATION (app)), "database-uri");
  g_assert_cmpstr (setting, ==, "");
  g_clear_pointer (&setting, g_free);

  /* the right one: the window opens, Ewa's, nobody asked who works */
  type_row (chooser, "Database", run->database);
  g_signal_emit_by_name (connect, "clicked");
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline &&
         !CRM_IS_WINDOW ((window = gtk_application_get_active_window (GTK_APPLICATION (app)))))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (CRM_IS_WINDOW (window));
  crm_test_settle ();
  g_assert_nonnull (crm_window_get_user (CRM_WINDOW (window)));
  g_assert_cmpint (crm_user_get_id (crm_window_get_user (CRM_WINDOW (window))), ==, run->ewa);
  take_screenshot (GTK_WIDGET (window), "first-run-team-window");

  /* from now on this desktop works there; the password in the keyring */
  setting = g_settings_get_string (crm_application_get_settings (CRM_APPLICATION (app)), "database-uri");
  g_assert_nonnull (strstr (setting, run->database));
  g_assert_nonnull (strstr (setting, "sslmode=prefer"));
  g_assert_null (strstr (setting, "hasło"));
  kept = crm_secrets_lookup_database_password (setting, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "hasło Ewy");

  run->done = TRUE;
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
test_first_run_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = g_dir_make_tmp ("crm-team-ui-XXXXXX", NULL);
  g_autoptr(CrmSession) office = NULL;
  g_autoptr(CrmApplication) app = NULL;
  char *argv[] = { (char *) "crm", NULL };
  FirstRun run = { 0 };

  run.uri = crm_test_pg_new_database ();
  run.database = g_strdup (strrchr (run.uri, '/') + 1);
  run.login = g_strdup_printf ("ewa_first_%d", (int) getpid ());
  office = crm_session_open_uri (run.uri, NULL, NULL, &error);
  g_assert_no_error (error);
  run.ewa = crm_user_store_add (crm_user_store_from_session (office), "Ewa Nowak", "ewa@example.com", CRM_ROLE_ADMIN,
                                &error);
  g_assert_no_error (error);
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (office), run.ewa, run.login, "hasło Ewy",
                                           &error));
  g_assert_no_error (error);

  g_setenv ("CRM_DATA_DIR", data_dir, TRUE);
  g_unsetenv ("CRM_DATABASE");
  app = crm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (first_run_activate_cb), &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
  g_assert_true (run.done);

  g_clear_object (&app);
  crm_test_remove_data_dir (data_dir);
  g_free (run.uri);
  g_free (run.database);
  g_free (run.login);
}

typedef struct
{
  guint position;
  gboolean said;
} Said;

/* The ticket list's view on screen under @root (a grid of cards,
 * one column when the window is narrow). */
static GtkWidget *
shown_list_view (GtkWidget *root)
{
  if (GTK_IS_GRID_VIEW (root) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shown_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
position_said_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Said       *said)
{
  if (said->position >= position && said->position < position + removed)
    said->said = TRUE;
}

/* The window on the team's server never waits on it to draw a row:
 * a page of the ticket list not read yet comes from a worker, an empty
 * row standing in until then; scrolled to the end of 1,500 tickets,
 * the rows are all there. */
static void
test_scroll (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = crm_test_pg_new_database ();
  g_autoptr(CrmSession) session = crm_session_open_uri (uri, NULL, NULL, &error);
  g_autoptr(CrmSession) desktop = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(CrmTicket) last = NULL;
  g_autofree char *login = NULL;
  g_autofree char *login_uri = NULL;
  CrmTicketList *list;
  CrmWindow *window;
  GtkWidget *view;
  GtkAdjustment *adjustment;
  guint n;
  Said said = { 0, FALSE };
  gulong handler;

  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_ADMIN, &error), >, 0);
  user = crm_user_store_find (crm_user_store_from_session (session), "ewa@example.com", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (session, crm_user_get_id (user));
  g_assert_true (crm_demo_generate_contacts (session, 200, 7, &error));
  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_tickets (session, 1500, 3000, 7, &error));
  g_assert_no_error (error);
  login = g_strdup_printf ("ewa_scroll_%d", (int) getpid ());
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (session), crm_user_get_id (user), login,
                                           "hasło", &error));
  g_assert_no_error (error);
  login_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", login, crm_test_pg.port, strrchr (uri, '/'));
  desktop = crm_session_open_uri (login_uri, "hasło", NULL, &error);
  g_assert_no_error (error);

  window = crm_window_new (NULL, desktop, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  crm_window_show_page (window, "tickets");
  gtk_window_present (GTK_WINDOW (window));
  crm_test_settle ();
  list = crm_tickets_page_get_list (CRM_TICKETS_PAGE (find_child (GTK_WIDGET (window), CRM_TYPE_TICKETS_PAGE, NULL)));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >=, 1000);

  /* the last page was not read with the ids: asked for, an empty
   * ticket at once, and the real one said changed when it comes */
  said.position = n - 1;
  handler = g_signal_connect (list, "items-changed", G_CALLBACK (position_said_cb), &said);
  last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
  g_assert_cmpint (crm_ticket_get_id (last), ==, 0);
  crm_test_settle ();
  g_assert_true (said.said);
  g_clear_object (&last);
  last = g_list_model_get_item (G_LIST_MODEL (list), n - 1);
  g_assert_cmpint (crm_ticket_get_id (last), >, 0);
  g_signal_handler_disconnect (list, handler);

  /* scrolled to the middle, as a person drags the bar: the rows come */
  view = shown_list_view (find_child (GTK_WIDGET (window), CRM_TYPE_TICKETS_PAGE, NULL));
  g_assert_nonnull (view);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  gtk_adjustment_set_value (adjustment, (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)) / 2);
  wait_for_frame (view);
  crm_test_settle ();
  wait_for_frame (view);
  /* every row the view shows has its ticket's subject: none is left
   * blank, waiting */
  {
    guint shown = 0;

    for (GtkWidget *cell = gtk_widget_get_first_child (view); cell != NULL; cell = gtk_widget_get_next_sibling (cell))
      {
        GtkWidget *row = gtk_widget_get_first_child (cell);
        GtkWidget *subject = row != NULL ? gtk_widget_get_first_child (row) : NULL;

        if (subject == NULL || !GTK_IS_LABEL (subject) || !gtk_widget_get_mapped (subject))
          continue;
        g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (subject)), !=, "");
        shown++;
      }
    g_assert_cmpuint (shown, >, 5);
  }
  take_screenshot (GTK_WIDGET (window), "team-scrolled");

  gtk_window_destroy (GTK_WINDOW (window));
  crm_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  crm_test_load_style ();
  crm_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  screenshot_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                     "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

  g_test_add_func ("/team/live", test_live);
  g_test_add_func ("/team/scroll", test_scroll);
  g_test_add_func ("/team/replying", test_replying);
  g_test_add_func ("/team/preferences-login", test_preferences_login);
  g_test_add_func ("/team/first-run-server", test_first_run_server);

  return g_test_run ();
}
