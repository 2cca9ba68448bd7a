/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>
#include <adwaita.h>

#include "crm-application.h"
#include "crm-window.h"
#include "crm-contact-store.h"
#include "crm-user-store.h"

/*
 * bench/startup: application start to first frame, on the database in
 * CRM_DATA_DIR. Prints, in milliseconds:
 *   first frame:    from main() to the first painted frame of the window
 *                   ("who is working?");
 *   contacts frame: from choosing the first user to the first painted
 *                   frame of the contacts page (a lazy list over the
 *                   whole address book).
 * The process's own start (exec, dynamic linking) is added from
 * /proc/self/stat, to the nearest clock tick.
 *
 * With --baseline it shows instead a bare libadwaita window with a
 * status page, no database: what any GTK 4 application pays for its
 * first frame on this machine, the peer to compare against.
 */

static gint64 t_main;
static gint64 t_choose;
static int phase;

static gint64
process_age_usec (void)
{
  g_autofree char *stat = NULL;
  g_autofree char *uptime = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;
  double up;
  guint64 start_ticks;

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      !g_file_get_contents ("/proc/uptime", &uptime, NULL, NULL))
    return 0;

  after = strrchr (stat, ')');
  if (after == NULL)
    return 0;
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 20)
    return 0;

  start_ticks = g_ascii_strtoull (fields[19], NULL, 10);
  up = g_ascii_strtod (uptime, NULL);

  return (gint64) ((up - (double) start_ticks / sysconf (_SC_CLK_TCK)) * G_USEC_PER_SEC);
}

static void
after_paint_cb (GdkFrameClock *clock,
                CrmWindow     *window)
{
  gint64 now = g_get_monotonic_time ();

  if (phase == 0)
    {
      g_autoptr(GListModel) users = NULL;
      g_autoptr(CrmUser) user = NULL;
      CrmSession *session = crm_application_get_session (CRM_APPLICATION (g_application_get_default ()));

      g_print ("first frame:     %8.1f ms after main() (%.0f ms after exec, ±10 ms)\n",
               (now - t_main) / 1000.0, process_age_usec () / 1000.0);
      phase = 1;

      users = crm_user_store_list (crm_user_store_from_session (session), NULL);
      if (users == NULL || g_list_model_get_n_items (users) == 0)
        {
          g_print ("(no users: create one to measure the contacts page)\n");
          g_application_quit (g_application_get_default ());
          return;
        }
      user = g_list_model_get_item (users, 0);
      t_choose = g_get_monotonic_time ();
      crm_window_set_user (window, user);
      crm_window_show_page (window, "contacts");
    }
  else if (phase == 1)
    {
      g_print ("contacts frame:  %8.1f ms after choosing the user (%" G_GINT64_FORMAT " contacts)\n",
               (now - t_choose) / 1000.0,
               crm_contact_store_count (crm_contact_store_from_session (crm_application_get_session (CRM_APPLICATION (g_application_get_default ())))));
      phase = 2;
      g_application_quit (g_application_get_default ());
    }
}

static void
activate_cb (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    return;

  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
}

static void
baseline_after_paint_cb (GdkFrameClock *clock,
                         GApplication  *app)
{
  if (phase++ == 0)
    {
      g_print ("baseline frame:  %8.1f ms after main() (%.0f ms after exec, ±10 ms)\n",
               (g_get_monotonic_time () - t_main) / 1000.0, process_age_usec () / 1000.0);
      g_application_quit (app);
    }
}

static void
baseline_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Hello");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "avatar-default-symbolic");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (baseline_after_paint_cb), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrmApplication) app = NULL;

  crm_init ();

  t_main = g_get_monotonic_time ();

  if (argc > 1 && g_str_equal (argv[1], "--baseline"))
    {
      g_autoptr(AdwApplication) bare = adw_application_new ("org.example.CrmBaseline",
                                                            G_APPLICATION_NON_UNIQUE);

      g_signal_connect (bare, "activate", G_CALLBACK (baseline_activate_cb), NULL);
      return g_application_run (G_APPLICATION (bare), 1, argv);
    }

  app = crm_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
