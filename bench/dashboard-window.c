/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <adwaita.h>

#include "crm.h"
#include "crm-dashboard-page.h"
#include "crm-window.h"

/*
 * bench/dashboard-window DATA-DIR: the Dashboard page of the real
 * window (FD6) on an office after years (made with `crmctl demo
 * --contacts 100000 --tickets 100000 --messages 1000000`; run it on a
 * copy: opening it migrates it), "now" its newest ticket's time, under
 * a display (run it with xvfb-run):
 *
 *   open:    "Dashboard" chosen in the sidebar (the page built, as the
 *            window builds it when first shown) until the frame that
 *            draws the figures counted: the frame clock's paint after
 *            the count's callback (target < 300 ms);
 *   switch:  the period switched (this month ↔ last month) until the
 *            frame that draws the new figures (target < 100 ms).
 *
 * Each 10 times (a new window for each "open"), median and p95.
 * Prints, never asserts.
 */

#define RUNS 10
#define TARGET_OPEN_MS 300.0
#define TARGET_SWITCH_MS 100.0

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
        GArray     *samples,
        double      target)
{
  double median, p95;

  g_array_sort (samples, compare_doubles);
  median = g_array_index (samples, double, samples->len / 2);
  p95 = g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100));
  g_print ("%-10s median %8.1f ms   p95 %8.1f ms   (n=%u)   target < %.0f ms: %s\n", what, median, p95,
           samples->len, target, p95 < target ? "met" : median < target ? "median met" : "NOT met");
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
after_paint_cb (GdkFrameClock *clock,
                gint64        *painted)
{
  if (*painted == 0)
    *painted = g_get_monotonic_time ();
}

/* Runs the main loop until @page shows figures other than @before;
 * returns the time of the first frame painted after that. */
static gint64
wait_for_figures (CrmDashboardPage *page,
                  CrmDashboard     *before)
{
  GdkFrameClock *clock;
  gint64 painted = 0;
  gulong handler;

  while (crm_dashboard_page_get_dashboard (page) == NULL || crm_dashboard_page_get_dashboard (page) == before ||
         crm_dashboard_page_get_busy (page))
    g_main_context_iteration (NULL, TRUE);

  /* the figures are on the widgets: the next paint draws them */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (page));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  while (painted == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);

  return painted;
}

static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_dropdown (GtkWidget  *root,
               const char *tooltip)
{
  if (GTK_IS_DROP_DOWN (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_dropdown (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmClock) clock = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(GArray) opens = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) switches = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = NULL;
  CrmWindow *window;

  if (argc != 2)
    {
      g_printerr ("usage: bench-dashboard-window DATA-DIR\n");
      return EXIT_FAILURE;
    }

  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  clock = crm_clock_new ();
  path = g_build_filename (argv[1], "crm.sqlite", NULL);
  session = crm_session_open_file (path, clock, &error);
  if (session == NULL)
    g_error ("%s: %s", path, error->message);
  /* now: the office's newest ticket */
  now = g_date_time_new_from_unix_utc (query_int (session, "SELECT coalesce (max (created_at), 0) FROM tickets"));
  crm_clock_set_fixed (clock, now);
  user = crm_user_store_get (crm_user_store_from_session (session),
                             query_int (session, "SELECT coalesce (min (id), 0) FROM users WHERE role IN ('admin', 'manager')"), &error);
  if (user == NULL)
    g_error ("no administrator nor manager: %s", error ? error->message : "");
  {
    g_autofree char *text = g_date_time_format_iso8601 (now);

    g_print ("%lld tickets; now %s; as %s\n", (long long) query_int (session, "SELECT count (*) FROM tickets"),
             text, crm_user_get_name (user));
  }

  for (guint round = 0; round <= RUNS; round++)
    {
      CrmDashboardPage *page;
      GtkDropDown *period;
      gint64 start, painted;
      double ms;

      window = crm_window_new (NULL, session, NULL);
      gtk_window_set_default_size (GTK_WINDOW (window), 1400, 1000);
      crm_window_set_user (window, user);
      crm_window_show_page (window, "start");
      gtk_window_present (GTK_WINDOW (window));
      /* the window idle, the Start page read and drawn */
      settle (1500);

      /* as the sidebar's row does when chosen */
      start = g_get_monotonic_time ();
      crm_window_show_page (window, "dashboard");
      page = CRM_DASHBOARD_PAGE (crm_window_get_page_widget (window, "dashboard"));
      painted = wait_for_figures (page, NULL);
      ms = (painted - start) / 1000.0;
      /* the first round apart: cold statements and caches */
      if (round > 0)
        g_array_append_val (opens, ms);
      else
        g_print ("open, cold: %.1f ms\n", ms);

      if (round == 0)
        {
          period = GTK_DROP_DOWN (find_dropdown (GTK_WIDGET (page), "Period"));
          g_assert_nonnull (period);
          for (guint i = 0; i <= RUNS; i++)
            {
              CrmDashboard *before = crm_dashboard_page_get_dashboard (page);

              settle (200);
              start = g_get_monotonic_time ();
              gtk_drop_down_set_selected (period, i % 2 == 0 ? CRM_DASHBOARD_PERIOD_LAST_MONTH
                                                             : CRM_DASHBOARD_PERIOD_THIS_MONTH);
              painted = wait_for_figures (page, before);
              ms = (painted - start) / 1000.0;
              if (i > 0)
                g_array_append_val (switches, ms);
            }
        }
      gtk_window_destroy (GTK_WINDOW (window));
      settle (300);
    }

  report ("open", opens, TARGET_OPEN_MS);
  report ("switch", switches, TARGET_SWITCH_MS);

  return EXIT_SUCCESS;
}
