/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "crm-test-util.h"
#include "crm-ui-test-util.h"

#include "crm.h"
#include "crm-chart.h"
#include "crm-dashboard-page.h"
#include "crm-tickets-page.h"
#include "crm-window.h"

/* The Dashboard page (FD6) with the real mouse (xdotool, through the X
 * server): a small office built through the stores on a moving clock
 * over March 2026 (as tests/dashboard/test-dashboard.c builds its
 * own); the page opened from the sidebar shows the figures
 * crm_dashboard_store_compute () counts and `crmctl dashboard --json`
 * prints for the same period and scope; the period switched to this
 * week and the scope to a user with clicks, the figures changing with
 * them, and again when a request comes in; a bar of the tickets'
 * chart clicked: the Tickets page with the dashboard's filter; a
 * breach's row clicked: its ticket; a card's CSV
 * exported and read back; the page printed to PDF and rendered to PNG;
 * the page in the dark style; each chart's accessible role, label and
 * description. */

typedef struct
{
  char       *dir;
  char       *path;
  CrmClock   *clock;
  CrmSession *session;
  CrmUser    *user;
  CrmWindow  *window;
  gint64      admin;
  gint64      anna;
  gint64      bob;
  gint64      client;
  gint64      sales;
  gint64      form;
  gint64      tickets[8];
} Fixture;

enum { A, B, C, D, E, F, G, H };

#define NOW "2026-03-31T12:00:00+02:00"

static gint64
unix_at (const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);

  return g_date_time_to_unix (time);
}

static void
at (Fixture    *fixture,
    const char *text,
    gint64      user)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (time);
  crm_clock_set_fixed (fixture->clock, time);
  crm_session_set_user_id (fixture->session, user);
}

static CrmTicketStore *
tickets (Fixture *fixture)
{
  return crm_ticket_store_from_session (fixture->session);
}

static gint64
open_ticket (Fixture    *fixture,
             const char *when,
             const char *subject,
             gint64      queue,
             gint64      assignee)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  at (fixture, when, assignee);
  id = crm_ticket_store_record_request (tickets (fixture), subject, queue, fixture->client, "Czy mieszkanie jest wolne?",
                                        "phone", &error);
  g_assert_no_error (error);
  g_assert_true (crm_ticket_store_assign (tickets (fixture), id, assignee, &error));
  g_assert_no_error (error);

  return id;
}

static void
reply (Fixture    *fixture,
       const char *when,
       gint64      user,
       gint64      ticket)
{
  g_autoptr(GError) error = NULL;

  at (fixture, when, user);
  g_assert_cmpint (crm_ticket_store_reply (tickets (fixture), ticket, "Dzień dobry, tak.", NULL, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
}

static void
close_ticket (Fixture          *fixture,
              const char       *when,
              gint64            user,
              gint64            ticket,
              CrmTicketOutcome  outcome,
              const char       *reason)
{
  g_autoptr(GError) error = NULL;

  at (fixture, when, user);
  if (outcome == CRM_TICKET_OUTCOME_SOLVED)
    g_assert_true (crm_ticket_store_set (tickets (fixture), ticket, "Closed", NULL, NULL, NULL, NULL, &error));
  else
    g_assert_cmpint (crm_ticket_store_close (tickets (fixture), ticket, outcome, reason, FALSE, &error), >, 0);
  g_assert_no_error (error);
}

static void
save_offer (Fixture    *fixture,
            const char *when,
            const char *city)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOffer) offer = crm_offer_new ();
  g_autoptr(GArray) matched = NULL;

  at (fixture, when, fixture->anna);
  crm_offer_set_city (offer, city);
  crm_offer_set_price (offer, 640000);
  crm_offer_set_area (offer, 48.5);
  crm_offer_set_rooms (offer, 2);
  g_assert_true (crm_offer_store_save (crm_offer_store_from_session (fixture->session), offer, &matched, &error));
  g_assert_no_error (error);
}

static void
save_search (Fixture    *fixture,
             const char *when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSearch) search = crm_search_new (fixture->client, CRM_DEAL_SALE);
  const char *places[] = { "Kraków", NULL };

  at (fixture, when, fixture->anna);
  crm_search_set_locations (search, places);
  g_assert_true (crm_search_store_save (crm_search_store_from_session (fixture->session), search, TRUE, &error));
  g_assert_no_error (error);
}

static gint64
refer (Fixture    *fixture,
       const char *when,
       const char *submission_id,
       const char *client_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReferralSubmission) filled = crm_referral_submission_new ();
  gint64 id;

  at (fixture, when, 0);
  filled->form_id = fixture->form;
  filled->submission_id = g_strdup (submission_id);
  filled->client_name = g_strdup (client_name);
  filled->phone = g_strdup ("600 100 200");
  filled->advisor_name = g_strdup ("Marta Pośredniczka");
  filled->consent = TRUE;
  id = crm_referral_store_submit (crm_referral_store_from_session (fixture->session), filled, NULL, &error);
  g_assert_no_error (error);

  return id;
}

static void
add_task (Fixture    *fixture,
          gint64      user,
          const char *due)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_task_store_add (crm_task_store_from_session (fixture->session), user, "Zadzwonić do klienta",
                                       unix_at (due), NULL, 0, &error), >, 0);
  g_assert_no_error (error);
}

/* The office: the tickets of tests/dashboard/test-dashboard.c (times in
 * Warsaw; Monday 30 and Tuesday 31 March are this week), a search,
 * offers, referrals, projects and tasks. */
static void
build_office (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CrmReferralStore *referrals = crm_referral_store_from_session (fixture->session);
  CrmProjectStore *projects = crm_project_store_from_session (fixture->session);
  gint64 *t = fixture->tickets;
  gint64 project, r1, r3;

  at (fixture, "2026-02-01T10:00:00+01:00", fixture->admin);
  g_assert_cmpint (crm_ticket_store_add_close_reason (tickets (fixture), "Too expensive", &error), >, 0);
  g_assert_cmpint (crm_ticket_store_add_close_reason (tickets (fixture), "Bought elsewhere", &error), >, 0);
  g_assert_no_error (error);
  save_search (fixture, "2026-02-01T10:00:00+01:00");

  t[A] = open_ticket (fixture, "2026-03-20T10:00:00+01:00", "Mieszkanie A", fixture->sales, fixture->anna);
  t[B] = open_ticket (fixture, "2026-03-25T10:00:00+01:00", "Mieszkanie B", 1, fixture->bob);
  reply (fixture, "2026-03-26T10:00:00+01:00", fixture->anna, t[A]);
  r1 = refer (fixture, "2026-03-20T10:00:00+01:00", "s1", "Jan Kowalski");

  t[C] = open_ticket (fixture, "2026-03-27T09:00:00+01:00", "Mieszkanie C", fixture->sales, fixture->anna);
  reply (fixture, "2026-03-27T10:00:00+01:00", fixture->anna, t[C]);
  at (fixture, "2026-03-27T11:00:00+01:00", fixture->anna);
  project = crm_project_store_add (projects, t[A], "Łazienka", NULL, &error);
  g_assert_no_error (error);
  refer (fixture, "2026-03-27T10:00:00+01:00", "s2", "Ewa Zielińska");
  at (fixture, "2026-03-27T12:00:00+01:00", fixture->anna);
  g_assert_cmpint (crm_referral_store_accept (referrals, r1, "Zapraszamy.", 0, &error), >, 0);
  g_assert_no_error (error);

  t[D] = open_ticket (fixture, "2026-03-28T11:00:00+01:00", "Mieszkanie D", 1, fixture->bob);
  r3 = refer (fixture, "2026-03-28T10:00:00+01:00", "s3", "Piotr Wiśniewski");
  save_offer (fixture, "2026-03-28T11:30:00+01:00", "Kraków");
  close_ticket (fixture, "2026-03-28T12:00:00+01:00", fixture->bob, t[B], CRM_TICKET_OUTCOME_SOLVED, NULL);
  at (fixture, "2026-03-28T16:00:00+01:00", fixture->bob);
  g_assert_true (crm_referral_store_reject (referrals, r3, "Klient już kupił.", &error));
  g_assert_no_error (error);
  reply (fixture, "2026-03-28T20:00:00+01:00", fixture->bob, t[D]);

  t[E] = open_ticket (fixture, "2026-03-29T09:00:00+02:00", "Wygrałeś!", fixture->sales, fixture->anna);
  close_ticket (fixture, "2026-03-29T10:00:00+02:00", fixture->anna, t[C], CRM_TICKET_OUTCOME_WON, NULL);
  close_ticket (fixture, "2026-03-29T10:00:00+02:00", fixture->anna, t[E], CRM_TICKET_OUTCOME_SPAM, NULL);

  t[F] = open_ticket (fixture, "2026-03-30T00:30:00+02:00", "Mieszkanie F", fixture->sales, fixture->anna);
  save_offer (fixture, "2026-03-30T09:00:00+02:00", "Gdańsk");
  close_ticket (fixture, "2026-03-30T10:00:00+02:00", fixture->bob, t[D], CRM_TICKET_OUTCOME_WONT_BUY, "Too expensive");
  at (fixture, "2026-03-30T10:00:00+02:00", fixture->anna);
  g_assert_true (crm_ticket_store_set (tickets (fixture), t[F], "Pending", NULL, NULL, NULL, NULL, &error));
  g_assert_true (crm_project_store_close (projects, project, NULL, &error));
  g_assert_no_error (error);
  refer (fixture, "2026-03-30T10:00:00+02:00", "s4", "Adam Nowicki");

  t[G] = open_ticket (fixture, "2026-03-31T08:00:00+02:00", "Mieszkanie G", 1, fixture->bob);
  close_ticket (fixture, "2026-03-31T09:00:00+02:00", fixture->bob, t[G], CRM_TICKET_OUTCOME_WONT_BUY,
                "Bought elsewhere");
  t[H] = open_ticket (fixture, "2026-03-31T09:00:00+02:00", "Mieszkanie H", 1, fixture->bob);
  reply (fixture, "2026-03-31T10:00:00+02:00", fixture->bob, t[H]);

  at (fixture, "2026-03-31T11:00:00+02:00", fixture->anna);
  add_task (fixture, fixture->anna, "2026-03-30T12:00:00+02:00");
  add_task (fixture, fixture->bob, "2026-04-02T12:00:00+02:00");

  at (fixture, NOW, fixture->admin);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 2, 1, 9, 0, 0);
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmStatement) stmt = NULL;
  CrmUserStore *users;

  fixture->dir = g_dir_make_tmp ("crm-dashboard-ui-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = crm_session_open_file (fixture->path, fixture->clock, &error);
  g_assert_no_error (error);
  /* the office's mailbox, for the replies (never sent here) */
  stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                               "INSERT INTO accounts (id, address, address_norm, imap_host, imap_port, imap_security, "
                               "smtp_host, smtp_port, smtp_security, username, created_at) VALUES (1, "
                               "'biuro@example.com', 'biuro@example.com', '127.0.0.1', 993, 'tls', '127.0.0.1', 465, "
                               "'tls', 'biuro', 0)", &error);
  g_assert_no_error (error);
  g_assert_true (crm_database_step_done (crm_session_get_database (fixture->session), stmt, &error));
  g_assert_no_error (error);
  users = crm_user_store_from_session (fixture->session);
  fixture->admin = crm_user_store_add (users, "Ewa Admin", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  fixture->anna = crm_user_store_add (users, "Anna Nowak", "anna@example.com", CRM_ROLE_AGENT, &error);
  fixture->bob = crm_user_store_add (users, "Bob Kos", "bob@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  fixture->user = crm_user_store_get (users, fixture->admin, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, fixture->admin);
  fixture->sales = crm_ticket_store_add_queue (tickets (fixture), "Sales", &error);
  g_assert_no_error (error);
  crm_contact_set_name (client, "Zofia Kamińska");
  crm_contact_set_emails (client, (const char *[]) { "zofia@przyklad.pl", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  g_assert_no_error (error);
  fixture->client = crm_contact_get_id (client);
  fixture->form = crm_referral_store_add_form (crm_referral_store_from_session (fixture->session), "Dom Partner Kraków",
                                               "Dom Partner Sp. z o.o.", "biuro@dompartner.example", NULL, 0, &error);
  g_assert_no_error (error);

  build_office (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture->window));
  crm_test_settle ();
  g_clear_object (&fixture->user);
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Widgets */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
choose_in_dropdown (GtkWidget  *window,
                    GtkWidget  *root,
                    const char *tooltip,
                    const char *item)
{
  GtkWidget *dropdown = find_tooltip (root, GTK_TYPE_DROP_DOWN, tooltip);
  GtkWidget *popover;
  gint64 deadline;

  g_assert_nonnull (dropdown);
  click (window, dropdown);
  crm_test_settle ();
  popover = find_child (dropdown, GTK_TYPE_POPOVER, NULL);
  g_assert_true (gtk_widget_get_mapped (popover));
  wait_for_frame (popover);
  click (popover, find_label (popover, item));
  crm_test_settle ();
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gtk_widget_get_mapped (popover) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gtk_widget_get_mapped (popover));
}

static void
open_window (Fixture *fixture)
{
  fixture->window = crm_window_new (NULL, fixture->session, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1400, 1000);
  crm_window_set_user (fixture->window, fixture->user);
  crm_window_show_page (fixture->window, "start");
  gtk_window_present (GTK_WINDOW (fixture->window));
  crm_test_settle ();
  wait_for_frame (GTK_WIDGET (fixture->window));
}

static gboolean
counted (gpointer data)
{
  CrmDashboardPage *page = data;

  return crm_dashboard_page_get_dashboard (page) != NULL && !crm_dashboard_page_get_busy (page);
}

/* The page's figures counted again since @before, shown and drawn */
static CrmDashboard *
wait_for_figures (CrmDashboardPage *page,
                  CrmDashboard     *before)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while ((!counted (page) || crm_dashboard_page_get_dashboard (page) == before) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (counted (page));
  g_assert_true (crm_dashboard_page_get_dashboard (page) != before);
  wait_for_frame (GTK_WIDGET (page));

  return crm_dashboard_page_get_dashboard (page);
}

/* What the page shows */

static guint
figure_of (CrmDashboardPage  *page,
           CrmDashboardTileKind which,
           guint              i)
{
  GtkWidget *figure = crm_dashboard_tile_get_figure (crm_dashboard_page_get_tile (page, which), i);
  const char *value;

  g_assert_nonnull (figure);
  g_assert_true (gtk_widget_get_mapped (figure));
  value = g_object_get_data (G_OBJECT (figure), "crm-value");
  g_assert_nonnull (value);

  return (guint) g_ascii_strtoull (value, NULL, 10);
}

static guint
cell_of (CrmDashboardPage  *page,
         CrmDashboardTileKind which,
         guint              row,
         guint              column)
{
  const char * const *cells = crm_dashboard_tile_get_row (crm_dashboard_page_get_tile (page, which), row);

  return (guint) g_ascii_strtoull (cells[column], NULL, 10);
}

/* The page shows @expected's figures. */
static void
assert_shown (CrmDashboardPage   *page,
              const CrmDashboard *expected)
{
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_TICKETS, 0), ==, expected->tickets.opened);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_TICKETS, 1), ==, expected->tickets.closed);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_TICKETS, 2), ==, expected->tickets.open_now);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_TICKETS, 3), ==, expected->tickets.open_start);
  g_assert_cmpuint (crm_dashboard_tile_get_n_rows (crm_dashboard_page_get_tile (page, CRM_DASHBOARD_TILE_TICKETS)), ==,
                    expected->tickets.days->len);
  for (guint i = 0; i < expected->tickets.days->len; i++)
    {
      const CrmDashboardDay *day = &g_array_index (expected->tickets.days, CrmDashboardDay, i);

      g_assert_cmpuint (cell_of (page, CRM_DASHBOARD_TILE_TICKETS, i, 1), ==, day->opened);
      g_assert_cmpuint (cell_of (page, CRM_DASHBOARD_TILE_TICKETS, i, 2), ==, day->closed);
      g_assert_cmpuint (cell_of (page, CRM_DASHBOARD_TILE_TICKETS, i, 3), ==, day->open);
    }
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_SLA, 4), ==, expected->tickets.breaches);
  g_assert_cmpuint (crm_dashboard_tile_get_n_rows (crm_dashboard_page_get_tile (page, CRM_DASHBOARD_TILE_SLA)), ==,
                    expected->tickets.breach_list->len);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_REQUESTS, 0), ==, expected->requests.won);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_REQUESTS, 1), ==, expected->requests.wont_buy);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_REQUESTS, 2), ==, expected->requests.spam);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_REQUESTS, 3), ==, expected->projects.opened);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_REQUESTS, 4), ==, expected->projects.closed);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_OFFERS, 0), ==, expected->offers.added);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_OFFERS, 1), ==, expected->offers.matched);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_OFFERS, 2), ==, expected->offers.mailed);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_OFFERS, 3), ==, expected->searches.stale);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_REFERRALS, 0), ==, expected->referrals.received);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_REFERRALS, 1), ==, expected->referrals.accepted);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_REFERRALS, 2), ==, expected->referrals.rejected);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_AUTOMATIONS, 0), ==, expected->automations.done);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_AUTOMATIONS, 1), ==, expected->automations.skipped);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_AUTOMATIONS, 2), ==, expected->automations.failed);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_AUTOMATIONS, 3), ==, expected->tasks.overdue);
  g_assert_cmpuint (crm_dashboard_tile_get_n_rows (crm_dashboard_page_get_tile (page, CRM_DASHBOARD_TILE_AGENTS)), ==,
                    expected->agents->len);
  for (guint i = 0; i < expected->agents->len; i++)
    {
      const CrmDashboardAgent *agent = g_ptr_array_index (expected->agents, i);
      const char * const *cells = crm_dashboard_tile_get_row (crm_dashboard_page_get_tile (page, CRM_DASHBOARD_TILE_AGENTS), i);

      g_assert_cmpstr (cells[0], ==, agent->name);
      g_assert_cmpuint (cell_of (page, CRM_DASHBOARD_TILE_AGENTS, i, 1), ==, agent->open);
      g_assert_cmpuint (cell_of (page, CRM_DASHBOARD_TILE_AGENTS, i, 2), ==, agent->answered_today);
      g_assert_cmpuint (cell_of (page, CRM_DASHBOARD_TILE_AGENTS, i, 3), ==, agent->answered);
      g_assert_cmpuint (cell_of (page, CRM_DASHBOARD_TILE_AGENTS, i, 4), ==, agent->waiting);
      g_assert_cmpuint (cell_of (page, CRM_DASHBOARD_TILE_AGENTS, i, 5), ==, agent->no_reply);
    }
}

/* The same figures counted by the core for the page's period and scope */
static CrmDashboard *
compute_same (Fixture          *fixture,
              CrmDashboardPage *page)
{
  g_autoptr(GError) error = NULL;
  gint64 from, to, queue, user;
  CrmDashboard *dashboard;

  crm_dashboard_page_get_period (page, &from, &to);
  crm_dashboard_page_get_scope (page, &queue, &user);
  dashboard = crm_dashboard_store_compute (crm_dashboard_store_from_session (fixture->session), from, to, queue, user,
                                           &error);
  g_assert_no_error (error);

  return dashboard;
}

static gint64
member (JsonObject *root,
        const char *group,
        const char *name)
{
  JsonObject *inner = json_object_get_object_member (root, group);

  g_assert_nonnull (inner);
  g_assert_true (json_object_has_member (inner, name));

  return json_object_get_int_member (inner, name);
}

/* `crmctl dashboard --json` on the test's database prints what the page
 * shows: the period's days as --from and --to, the user as --user. */
static void
assert_crmctl (Fixture            *fixture,
               CrmDashboardPage   *page,
               const CrmDashboard *shown,
               const char         *first_day,
               const char         *last_day,
               const char         *user)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root, *tickets_json;
  JsonArray *days, *agents;

  g_ptr_array_add (args, (gpointer) g_getenv ("CRMCTL"));
  g_ptr_array_add (args, (gpointer) "--data-dir");
  g_ptr_array_add (args, fixture->dir);
  g_ptr_array_add (args, (gpointer) "--json");
  g_ptr_array_add (args, (gpointer) "dashboard");
  g_ptr_array_add (args, (gpointer) "--from");
  g_ptr_array_add (args, (gpointer) first_day);
  g_ptr_array_add (args, (gpointer) "--to");
  g_ptr_array_add (args, (gpointer) last_day);
  if (user != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--user");
      g_ptr_array_add (args, (gpointer) user);
    }
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_setenv (launcher, "CRM_NOW", NOW, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("crmctl dashboard failed: %s", err);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (member (root, "tickets", "opened"), ==, shown->tickets.opened);
  g_assert_cmpint (member (root, "tickets", "closed"), ==, shown->tickets.closed);
  g_assert_cmpint (member (root, "tickets", "open_now"), ==, shown->tickets.open_now);
  g_assert_cmpint (member (root, "tickets", "open_start"), ==, shown->tickets.open_start);
  g_assert_cmpint (member (root, "tickets", "sla_breaches"), ==, shown->tickets.breaches);
  tickets_json = json_object_get_object_member (root, "tickets");
  days = json_object_get_array_member (tickets_json, "days");
  g_assert_cmpuint (json_array_get_length (days), ==, shown->tickets.days->len);
  for (guint i = 0; i < shown->tickets.days->len; i++)
    {
      JsonObject *day = json_array_get_object_element (days, i);

      g_assert_cmpint (json_object_get_int_member (day, "opened"), ==, cell_of (page, CRM_DASHBOARD_TILE_TICKETS, i, 1));
      g_assert_cmpint (json_object_get_int_member (day, "closed"), ==, cell_of (page, CRM_DASHBOARD_TILE_TICKETS, i, 2));
      g_assert_cmpint (json_object_get_int_member (day, "open"), ==, cell_of (page, CRM_DASHBOARD_TILE_TICKETS, i, 3));
    }
  g_assert_cmpint (member (root, "requests", "won"), ==, figure_of (page, CRM_DASHBOARD_TILE_REQUESTS, 0));
  g_assert_cmpint (member (root, "requests", "wont_buy_total"), ==, figure_of (page, CRM_DASHBOARD_TILE_REQUESTS, 1));
  g_assert_cmpint (member (root, "requests", "spam"), ==, figure_of (page, CRM_DASHBOARD_TILE_REQUESTS, 2));
  g_assert_cmpint (member (root, "projects", "opened"), ==, figure_of (page, CRM_DASHBOARD_TILE_REQUESTS, 3));
  g_assert_cmpint (member (root, "projects", "closed"), ==, figure_of (page, CRM_DASHBOARD_TILE_REQUESTS, 4));
  g_assert_cmpint (member (root, "offers", "added"), ==, figure_of (page, CRM_DASHBOARD_TILE_OFFERS, 0));
  g_assert_cmpint (member (root, "offers", "matched"), ==, figure_of (page, CRM_DASHBOARD_TILE_OFFERS, 1));
  g_assert_cmpint (member (root, "offers", "mailed"), ==, figure_of (page, CRM_DASHBOARD_TILE_OFFERS, 2));
  g_assert_cmpint (member (root, "searches", "stale"), ==, figure_of (page, CRM_DASHBOARD_TILE_OFFERS, 3));
  g_assert_cmpint (member (root, "referrals", "received"), ==, figure_of (page, CRM_DASHBOARD_TILE_REFERRALS, 0));
  g_assert_cmpint (member (root, "referrals", "accepted"), ==, figure_of (page, CRM_DASHBOARD_TILE_REFERRALS, 1));
  g_assert_cmpint (member (root, "referrals", "rejected"), ==, figure_of (page, CRM_DASHBOARD_TILE_REFERRALS, 2));
  g_assert_cmpint (member (root, "automations", "done"), ==, figure_of (page, CRM_DASHBOARD_TILE_AUTOMATIONS, 0));
  g_assert_cmpint (member (root, "automations", "skipped"), ==, figure_of (page, CRM_DASHBOARD_TILE_AUTOMATIONS, 1));
  g_assert_cmpint (member (root, "automations", "failed"), ==, figure_of (page, CRM_DASHBOARD_TILE_AUTOMATIONS, 2));
  g_assert_cmpint (member (root, "tasks", "overdue"), ==, figure_of (page, CRM_DASHBOARD_TILE_AUTOMATIONS, 3));
  agents = json_object_get_array_member (root, "agents");
  g_assert_cmpuint (json_array_get_length (agents), ==, shown->agents->len);
  for (guint i = 0; i < json_array_get_length (agents); i++)
    {
      JsonObject *agent = json_array_get_object_element (agents, i);

      g_assert_cmpint (json_object_get_int_member (agent, "open"), ==, cell_of (page, CRM_DASHBOARD_TILE_AGENTS, i, 1));
      g_assert_cmpint (json_object_get_int_member (agent, "answered"), ==, cell_of (page, CRM_DASHBOARD_TILE_AGENTS, i, 2));
      g_assert_cmpint (json_object_get_int_member (agent, "waiting"), ==, cell_of (page, CRM_DASHBOARD_TILE_AGENTS, i, 4));
      g_assert_cmpint (json_object_get_int_member (agent, "no_reply"), ==, cell_of (page, CRM_DASHBOARD_TILE_AGENTS, i, 5));
    }
}

static CrmDashboardPage *
open_dashboard (Fixture *fixture)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *row = find_named (window, "dashboard");
  CrmDashboardPage *page;

  g_assert_true (GTK_IS_LIST_BOX_ROW (row));
  click (window, row);
  crm_test_settle ();
  g_assert_cmpstr (crm_window_get_page (fixture->window), ==, "dashboard");
  page = CRM_DASHBOARD_PAGE (crm_window_get_page_widget (fixture->window, "dashboard"));
  wait_for_figures (page, NULL);

  return page;
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_figures (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *window;
  CrmDashboardPage *page;
  CrmDashboard *month, *week;
  g_autoptr(CrmDashboard) expected = NULL;
  g_autoptr(CrmDashboard) expected_week = NULL;
  g_autoptr(CrmDashboard) expected_anna = NULL;
  g_autoptr(CrmDashboard) kept = NULL;
  gint64 from, to;

  open_window (fixture);
  window = GTK_WIDGET (fixture->window);

  /* from the sidebar: this month of the whole office */
  page = open_dashboard (fixture);
  month = crm_dashboard_page_get_dashboard (page);
  kept = crm_dashboard_ref (month);
  crm_dashboard_page_get_period (page, &from, &to);
  g_assert_cmpint (from, ==, unix_at ("2026-03-01T00:00:00+01:00"));
  g_assert_cmpint (to, ==, unix_at ("2026-04-01T00:00:00+02:00"));
  expected = compute_same (fixture, page);
  assert_shown (page, expected);
  /* the office of the test has what every card counts */
  g_assert_cmpuint (expected->tickets.opened, ==, 8);
  g_assert_cmpuint (expected->agents->len, >=, 2);
  g_assert_cmpuint (expected->tickets.breach_list->len, >, 0);
  assert_crmctl (fixture, page, month, "2026-03-01", "2026-03-31", NULL);
  take_screenshot (window, "dashboard-month");

  /* this week, clicked: Monday the 30th and Tuesday the 31st so far */
  choose_in_dropdown (window, GTK_WIDGET (page), "Period", "This Week");
  week = wait_for_figures (page, month);
  crm_dashboard_page_get_period (page, &from, &to);
  g_assert_cmpint (from, ==, unix_at ("2026-03-30T00:00:00+02:00"));
  g_assert_cmpint (to, ==, unix_at ("2026-04-06T00:00:00+02:00"));
  expected_week = compute_same (fixture, page);
  assert_shown (page, expected_week);
  g_assert_cmpuint (week->tickets.opened, <, kept->tickets.opened);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_TICKETS, 0), ==, 3);
  assert_crmctl (fixture, page, week, "2026-03-30", "2026-04-05", NULL);

  /* Anna's figures of the week */
  choose_in_dropdown (window, GTK_WIDGET (page), "Whose figures: the whole office, a team or a user", "Anna Nowak");
  wait_for_figures (page, week);
  {
    gint64 queue, user;

    crm_dashboard_page_get_scope (page, &queue, &user);
    g_assert_cmpint (user, ==, fixture->anna);
    g_assert_cmpint (queue, ==, 0);
  }
  expected_anna = compute_same (fixture, page);
  assert_shown (page, expected_anna);
  g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_TICKETS, 0), ==, 1);
  assert_crmctl (fixture, page, crm_dashboard_page_get_dashboard (page), "2026-03-30", "2026-04-05",
                 "anna@example.com");
  take_screenshot (window, "dashboard-week-anna");

  /* a new request of Anna's: counted again, without a click */
  {
    CrmDashboard *before = crm_dashboard_page_get_dashboard (page);

    open_ticket (fixture, NOW, "Mieszkanie I", fixture->sales, fixture->anna);
    wait_for_figures (page, before);
    g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_TICKETS, 0), ==, 2);
  }

  /* a custom range: its calendars start from the week shown */
  {
    CrmDashboard *before = crm_dashboard_page_get_dashboard (page);
    GtkWidget *first, *last;

    choose_in_dropdown (window, GTK_WIDGET (page), "Period", "Custom Range");
    wait_for_figures (page, before);
    crm_dashboard_page_get_period (page, &from, &to);
    g_assert_cmpint (from, ==, unix_at ("2026-03-30T00:00:00+02:00"));
    g_assert_cmpint (to, ==, unix_at ("2026-04-06T00:00:00+02:00"));
    first = find_tooltip (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, "The period’s first day");
    last = find_tooltip (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON, "The period’s last day");
    g_assert_true (gtk_widget_get_mapped (first));
    g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (first)), ==, "30 Mar 2026");
    g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (last)), ==, "5 Apr 2026");
    g_assert_cmpuint (figure_of (page, CRM_DASHBOARD_TILE_TICKETS, 0), ==, 2);
    take_screenshot (window, "dashboard-custom-range");
  }
}

static gboolean
shows_tickets (gpointer data)
{
  Fixture *fixture = data;

  return g_strcmp0 (crm_window_get_page (fixture->window), "tickets") == 0;
}

static void
test_links (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *window;
  CrmDashboardPage *page;
  CrmDashboard *dashboard;
  CrmChart *chart;
  CrmTicketsPage *tickets_page;
  graphene_rect_t bar;
  graphene_point_t centre;
  const CrmDashboardBreach *breach;
  guint day = G_MAXUINT;

  open_window (fixture);
  window = GTK_WIDGET (fixture->window);
  page = open_dashboard (fixture);
  dashboard = crm_dashboard_page_get_dashboard (page);

  /* a bar of the tickets opened on a day: the tickets' list of the
   * office, a wider selection than the day's (a toast says so) */
  chart = crm_dashboard_tile_get_chart (crm_dashboard_page_get_tile (page, CRM_DASHBOARD_TILE_TICKETS));
  for (guint i = 0; i < dashboard->tickets.days->len && day == G_MAXUINT; i++)
    if (g_array_index (dashboard->tickets.days, CrmDashboardDay, i).opened > 0)
      day = i;
  g_assert_cmpuint (day, !=, G_MAXUINT);
  /* where the last frame drew it */
  crm_test_settle ();
  wait_for_frame (window);
  wait_for_frame (window);
  g_assert_true (crm_chart_get_bar (chart, day, 0, &bar));
  {
    g_autofree char *xid = window_xid (window);
    g_autofree char *x = NULL;
    g_autofree char *y = NULL;
    double sx, sy;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (chart), window,
                                             &GRAPHENE_POINT_INIT (bar.origin.x + bar.size.width / 2,
                                                                   bar.origin.y + bar.size.height / 2),
                                             &centre));

    /* a bar is a few pixels wide: the window's shadow counts */
    gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
    x = g_strdup_printf ("%d", (int) (centre.x + sx));
    y = g_strdup_printf ("%d", (int) (centre.y + sy));
    xdotool ("mousemove", "--sync", "--window", xid, x, y, NULL);
    xdotool ("click", "1", NULL);
  }
  wait_until (shows_tickets, fixture);
  crm_test_settle ();
  tickets_page = CRM_TICKETS_PAGE (crm_window_get_page_widget (fixture->window, "tickets"));
  g_assert_cmpstr (crm_tickets_page_get_view_name (tickets_page), ==, "Tickets");
  g_assert_nonnull (find_label (window, "The list shows a wider selection than the figure counts: the dashboard’s "
                                        "period or outcome is not one of its filters."));
  take_screenshot (window, "dashboard-bar-clicked");

  /* back, and a breach's row: its ticket */
  click (window, find_named (window, "dashboard"));
  crm_test_settle ();
  wait_for_frame (window);
  breach = g_ptr_array_index (dashboard->tickets.breach_list, 0);
  {
    GtkWidget *row = crm_dashboard_tile_get_row_widget (crm_dashboard_page_get_tile (page, CRM_DASHBOARD_TILE_SLA), 0);

    g_assert_true (GTK_IS_BUTTON (row));
    crm_test_settle ();
    wait_for_frame (window);
    gtk_widget_grab_focus (row);
    wait_for_frame (window);
    click (window, row);
  }
  wait_until (shows_tickets, fixture);
  crm_test_settle ();
  g_assert_cmpint (crm_tickets_page_get_selected_id (tickets_page), ==, breach->ticket_id);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *window;
  CrmDashboardPage *page;
  CrmDashboardTile *tile;
  CrmDashboard *dashboard;
  g_autofree char *csv_path = g_build_filename (fixture->dir, "tickets.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (fixture->dir, "dashboard.pdf", NULL);
  g_autofree char *png_prefix = g_build_filename (screenshot_dir, "dashboard-print", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GString) expected = g_string_new ("Day,Opened,Closed,Open at the day’s end\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  int status;

  open_window (fixture);
  window = GTK_WIDGET (fixture->window);
  page = open_dashboard (fixture);
  dashboard = crm_dashboard_page_get_dashboard (page);
  zone = crm_dashboard_store_get_zone (crm_dashboard_store_from_session (fixture->session));

  /* the tickets' card's CSV, from its menu; the file chooser left out */
  tile = crm_dashboard_page_get_tile (page, CRM_DASHBOARD_TILE_TICKETS);
  crm_dashboard_tile_set_export_file (tile, csv_file);
  choose_from_menu (window, find_tooltip (GTK_WIDGET (tile), GTK_TYPE_MENU_BUTTON, "More Card Actions"), "_Export CSV…");
  wait_until (file_written, csv_path);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  for (guint i = 0; i < dashboard->tickets.days->len; i++)
    {
      const CrmDashboardDay *day = &g_array_index (dashboard->tickets.days, CrmDashboardDay, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (day->start);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
      g_autofree char *date = g_date_time_format (local, "%Y-%m-%d");

      g_string_append_printf (expected, "%s,%u,%u,%u\r\n", date, day->opened, day->closed, day->open);
    }
  g_assert_cmpstr (csv, ==, expected->str);
  g_assert_true (g_str_has_prefix (csv, "Day,Opened,Closed,Open at the day’s end\r\n2026-03-01,"));

  /* printed to a PDF, its first page rendered to look at */
  crm_dashboard_page_set_print_to_file (page, pdf_path);
  click (window, find_tooltip (GTK_WIDGET (page), GTK_TYPE_BUTTON, "Print the Dashboard…"));
  wait_until (file_written, pdf_path);
  crm_test_settle ();
  {
    const char *argv[] = { "pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "2", pdf_path, png_prefix, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status,
                                 &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
  }
  {
    const char *argv[] = { "pdftotext", pdf_path, "-", NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "Dashboard, 1 Mar 2026 – 31 Mar 2026"));
    g_assert_nonnull (strstr (text, "Agents’ Load"));
    g_assert_nonnull (strstr (text, "Referrals by Broker"));
    g_assert_nonnull (strstr (text, "Mieszkanie"));
    g_assert_nonnull (strstr (text, "Anna Nowak"));
  }
}

static void
test_style_and_access (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *window;
  CrmDashboardPage *page;
  AdwStyleManager *style = adw_style_manager_get_default ();

  open_window (fixture);
  window = GTK_WIDGET (fixture->window);
  page = open_dashboard (fixture);
  /* a card's table open */
  crm_dashboard_tile_get_row_widget (crm_dashboard_page_get_tile (page, CRM_DASHBOARD_TILE_SLA), 0);
  take_screenshot (window, "dashboard-light");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  crm_test_settle ();
  wait_for_frame (window);
  take_screenshot (window, "dashboard-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  crm_test_settle ();

  /* each chart an image, named and its numbers said in words */
  for (guint i = 0; i < CRM_DASHBOARD_TILE_N; i++)
    {
      CrmDashboardTile *tile = crm_dashboard_page_get_tile (page, i);
      CrmChart *chart = crm_dashboard_tile_get_chart (tile);
      g_autofree char *wrong = NULL;

      g_assert_nonnull (chart);
      g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG));
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_LABEL));
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
      g_assert_nonnull (crm_dashboard_tile_get_summary (tile));
      g_assert_cmpstr (crm_dashboard_tile_get_summary (tile), !=, "");
      wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                  crm_dashboard_tile_get_summary (tile));
      g_assert_null (wrong);
      g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_ROLE_GROUP));
      g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL));
    }
  {
    g_autofree char *wrong = NULL;
    CrmChart *chart = crm_dashboard_tile_get_chart (crm_dashboard_page_get_tile (page, CRM_DASHBOARD_TILE_TICKETS));

    wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                "Over 31 days: 8 opened, 6 closed; 2 open at the end, 2 open now.");
    g_assert_null (wrong);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "Europe/Warsaw", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  crm_test_load_style ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  screenshot_dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                     "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/dashboard-ui/figures", test_figures);
  ADD ("/dashboard-ui/links", test_links);
  ADD ("/dashboard-ui/export", test_export);
  ADD ("/dashboard-ui/style-and-access", test_style_and_access);

#undef ADD

  return g_test_run ();
}
