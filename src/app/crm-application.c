/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-application.h"
#include "crm-preferences-window.h"
#include "crm-window.h"
#include "crm-ticket-store.h"

/**
 * CrmApplication:
 *
 * The single-instance desktop application. It opens the database of
 * the data directory (`--data-dir`, `$CRM_DATA_DIR` or the user's data
 * directory) once, and hands the store to its window.
 */
struct _CrmApplication
{
  AdwApplication  parent_instance;

  /* owned */
  CrmSession       *session;
  CrmMailEngine  *engine;
  GSettings      *settings;
  char           *data_dir;
};

G_DEFINE_FINAL_TYPE (CrmApplication, crm_application, ADW_TYPE_APPLICATION)

static void
show_fatal_error (CrmApplication *self,
                  const GError   *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("The Database Cannot Be Opened"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CrmApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing the windows lets them save their state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  CrmPreferencesWindow *prefs;

  if (self->session == NULL || !CRM_IS_WINDOW (parent) ||
      crm_window_get_user (CRM_WINDOW (parent)) == NULL)
    return;

  prefs = crm_preferences_window_new (crm_window_get_session (CRM_WINDOW (parent)),
                                     crm_window_get_user (CRM_WINDOW (parent)));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  /* from the mail banner: straight to the account to correct */
  if (g_strcmp0 (g_action_get_name (G_ACTION (action)), "account-settings") == 0)
    crm_preferences_window_show_accounts (prefs);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CrmApplication *self = user_data;
  static const char *developers[] = { "CRM developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("CRM"),
                         "application-icon", APP_ID,
                         "developer-name", _("CRM developers"),
                         "version", PACKAGE_VERSION,
                         "website", "https://example.org/crm",
                         "issue-url", "https://example.org/crm/issues",
                         "comments", _("Offers, searches, requests, tickets and referrals "
                                       "for small sales and support offices."),
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "copyright", "© 2026 CRM developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
refresh_mail_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CrmApplication *self = user_data;

  if (self->engine == NULL)
    return;

  /* after "mail is handled elsewhere", the other engine may be gone */
  if (!crm_mail_engine_get_running (self->engine))
    crm_mail_engine_start (self->engine, NULL);
  else
    crm_mail_engine_refresh (self->engine);
}

/* The notification's click: the window, on its tickets. */
static void
show_tickets_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (CRM_IS_WINDOW (window))
    crm_window_show_page (CRM_WINDOW (window), "tickets");
}

/* The notification's click on one ticket: its card. */
static void
show_ticket_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (CRM_IS_WINDOW (window))
    crm_window_show_ticket (CRM_WINDOW (window), g_variant_get_int64 (parameter));
}

/* The unread tickets of @user_id, assigned to them or followed, and
 * the newest of them. */
static guint
count_unread (CrmApplication  *self,
              gint64           user_id,
              CrmTicket      **newest)
{
  CrmTicketFilter filter = { 0 };
  g_autoptr(GListModel) tickets = NULL;
  guint n;

  filter.reader = user_id;
  filter.unread_only = TRUE;
  filter.involved_id = user_id;
  n = crm_ticket_store_count (crm_ticket_store_from_session (self->session), &filter, NULL);
  filter.limit = 1;
  if (n > 0 && (tickets = crm_ticket_store_list (crm_ticket_store_from_session (self->session), &filter, NULL)) != NULL &&
      g_list_model_get_n_items (tickets) > 0)
    *newest = g_list_model_get_item (tickets, 0);

  return n;
}

/* New mail is signalled (TK11): a desktop notification when the
 * window is not the one being looked at. It says what concerns the
 * user who works here: their tickets and those they follow; a click
 * opens the ticket when there is one. */
static void
synced_cb (CrmMailEngine  *engine,
           gint64          account_id,
           guint           imported,
           CrmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  CrmUser *user = CRM_IS_WINDOW (window) ? crm_window_get_user (CRM_WINDOW (window)) : NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(CrmTicket) newest = NULL;
  g_autofree char *title = NULL;
  guint unread = 0;

  if (imported == 0 || (window != NULL && gtk_window_is_active (window)))
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new message", "%u new messages", imported), imported);
  notification = g_notification_new (title);
  if (user != NULL && self->session != NULL)
    unread = count_unread (self, crm_user_get_id (user), &newest);

  if (unread == 1 && newest != NULL)
    {
      /* Translators: a notification's text; %s is the ticket's subject */
      g_autofree char *body = g_strdup_printf (_("Unread mail in “%s”"), crm_ticket_get_subject (newest));

      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.show-ticket", "x",
                                                    crm_ticket_get_id (newest));
    }
  else if (unread > 1)
    {
      /* Translators: a notification's text */
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u of your or followed tickets has unread mail.",
                                                            "%u of your or followed tickets have unread mail.",
                                                            unread),
                                               unread);

      g_notification_set_body (notification, body);
      g_notification_set_default_action (notification, "app.show-tickets");
    }
  else
    {
      g_notification_set_body (notification, _("New mail is in the tickets."));
      g_notification_set_default_action (notification, "app.show-tickets");
    }
  g_application_send_notification (G_APPLICATION (self), "new-mail", notification);
}

static const GActionEntry app_actions[] = {
  { "refresh-mail", refresh_mail_action },
  { "show-tickets", show_tickets_action },
  { "show-ticket", show_ticket_action, "x" },
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "account-settings", preferences_action },
  { "about", about_action },
};

static int
crm_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  CrmApplication *self = CRM_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", APP_ID, PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "data-dir", "^ay", &self->data_dir);

  return G_APPLICATION_CLASS (crm_application_parent_class)->handle_local_options (application, options);
}

static void
crm_application_startup (GApplication *application)
{
  CrmApplication *self = CRM_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *new_accels[] = { "<Control>n", NULL };
  static const char *help_accels[] = { "<Control>question", NULL };

  g_debug ("startup");
  G_APPLICATION_CLASS (crm_application_parent_class)->startup (application);
  g_debug ("startup: toolkit ready");

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-contact", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);

  self->settings = g_settings_new ("org.example.Crm");
}

static void
crm_application_activate (GApplication *application)
{
  CrmApplication *self = CRM_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  g_debug ("activate: opening the store");
  if (self->session == NULL && !(self->session = crm_session_open (self->data_dir, &error)))
    {
      g_warning ("%s", error->message);
      show_fatal_error (self, error);
      return;
    }

  /* Mail is read and sent while the application runs, unless another
   * engine (crmctl serve) already does it: the window then says so. */
  g_debug ("activate: store open");
  if (self->engine == NULL)
    {
      self->engine = crm_mail_engine_new (self->session, APP_ID);
      g_signal_connect_object (self->engine, "synced", G_CALLBACK (synced_cb), self, 0);
      crm_mail_engine_start (self->engine, NULL);
    }

  g_debug ("activate: store open, mail engine started, building the window");
  window = GTK_WINDOW (crm_window_new (self, self->session, self->settings));
  crm_window_set_mail_engine (CRM_WINDOW (window), self->engine);
  g_debug ("activate: window built");
  gtk_window_present (window);
  g_debug ("activate: window presented");
}

static void
crm_application_shutdown (GApplication *application)
{
  CrmApplication *self = CRM_APPLICATION (application);

  /* waits for a message being sent, and frees the engine lock */
  if (self->engine != NULL)
    crm_mail_engine_stop (self->engine);

  G_APPLICATION_CLASS (crm_application_parent_class)->shutdown (application);
}

static void
crm_application_dispose (GObject *object)
{
  CrmApplication *self = (CrmApplication *)object;

  g_clear_object (&self->engine);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_application_parent_class)->dispose (object);
}

static void
crm_application_finalize (GObject *object)
{
  CrmApplication *self = (CrmApplication *)object;

  g_clear_pointer (&self->data_dir, g_free);

  G_OBJECT_CLASS (crm_application_parent_class)->finalize (object);
}

static void
crm_application_class_init (CrmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = crm_application_dispose;
  object_class->finalize = crm_application_finalize;

  app_class->handle_local_options = crm_application_handle_local_options;
  app_class->startup = crm_application_startup;
  app_class->activate = crm_application_activate;
  app_class->shutdown = crm_application_shutdown;
}

static void
crm_application_init (CrmApplication *self)
{
  static const GOptionEntry options[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the database in DIR instead of the default"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

CrmApplication *
crm_application_new (void)
{
  return g_object_new (CRM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/example/Crm",
                       NULL);
}

/**
 * crm_application_get_store:
 * @self: a #CrmApplication
 *
 * Returns: (transfer none) (nullable): the open store
 */
CrmSession *
crm_application_get_session (CrmApplication *self)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);

  return self->session;
}

/**
 * crm_application_get_settings:
 * @self: a #CrmApplication
 *
 * Returns: (transfer none): the per-user settings
 */
GSettings *
crm_application_get_settings (CrmApplication *self)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);

  return self->settings;
}
