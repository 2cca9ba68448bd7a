/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-application"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-application.h"
#include "crm-background.h"
#include "crm-no-answer-watch.h"
#include "crm-task-watch.h"
#include "crm-database-chooser.h"
#include "crm-preferences-window.h"
#include "crm-search-provider.h"
#include "crm-window.h"
#include "crm-ticket-store.h"
#include "crm-secrets.h"

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
  CrmNoAnswerWatch *no_answer;   /* the no-reply reminder (RQ12) */
  CrmTaskWatch   *task_watch;     /* tasks falling due (FD5) */
  GSettings      *settings;
  char           *data_dir;
  char           *database;       /* --database: the team's server */
  char           *password;       /* typed at the first run, while it is tried */
  GtkWindow      *connecting;     /* while the server is reached */
  CrmDatabaseChooser *chooser;    /* the first run's question */
  CrmSearchProvider *search_provider;   /* GNOME Shell's overview */
  CrmBackground  *background;     /* working on with the window closed */
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

  if (self->background != NULL)
    crm_background_quit (self->background);
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

/* Whether mail runs here, or elsewhere (the window says which, from
 * the engine's state): nothing to do but note it. */
static void
engine_started_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!crm_mail_engine_start_finish (CRM_MAIL_ENGINE (object), result, &error))
    g_debug ("mail engine: %s", error->message);
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
    crm_mail_engine_start_async (self->engine, NULL, engine_started_cb, NULL);
  else
    crm_mail_engine_refresh (self->engine);
}

/* The background notification's "Open": the window again. */
static void
activate_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
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

/* A notification's "Reply": the ticket's card, its reply being written. */
static void
reply_ticket_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CrmApplication *self = user_data;
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (CRM_IS_WINDOW (window))
    crm_window_reply_ticket (CRM_WINDOW (window), g_variant_get_int64 (parameter));
}

/* The notification's click on a task fallen due: its record. */
static void
show_task_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  CrmApplication *self = user_data;

  g_application_activate (G_APPLICATION (self));
  if (self->task_watch != NULL)
    crm_task_watch_open_task (self->task_watch, g_variant_get_int64 (parameter));
}

/* The unread tickets of a user, assigned to them or followed, and the
 * newest of them, read on a worker. */
typedef struct
{
  gint64     user_id;
  guint      imported;
  guint      unread;
  CrmTicket *newest;
} Unread;

static void
unread_free (gpointer data)
{
  Unread *unread = data;

  g_clear_object (&unread->newest);
  g_free (unread);
}

static gboolean
read_unread (CrmSession    *reader,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  const Unread *asked = data;
  Unread *unread = g_new0 (Unread, 1);
  CrmTicketFilter filter = { 0 };
  g_autoptr(GListModel) tickets = NULL;

  unread->user_id = asked->user_id;
  unread->imported = asked->imported;
  filter.reader = asked->user_id;
  filter.unread_only = TRUE;
  filter.involved_id = asked->user_id;
  unread->unread = crm_ticket_store_count (crm_ticket_store_from_session (reader), &filter, NULL);
  filter.limit = 1;
  if (unread->unread > 0 &&
      (tickets = crm_ticket_store_list (crm_ticket_store_from_session (reader), &filter, NULL)) != NULL &&
      g_list_model_get_n_items (tickets) > 0)
    unread->newest = g_list_model_get_item (tickets, 0);
  *result = unread;

  return TRUE;
}

static void
notify_new_mail (CrmApplication *self,
                 guint           imported,
                 guint           unread,
                 CrmTicket      *newest)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new message", "%u new messages", imported), imported);
  notification = g_notification_new (title);
  if (unread == 1 && newest != NULL)
    {
      /* Translators: a notification's text; %s is the ticket's subject */
      g_autofree char *body = g_strdup_printf (_("Unread mail in “%s”"), crm_ticket_get_subject (newest));

      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.show-ticket", "x",
                                                    crm_ticket_get_id (newest));
      /* Translators: a button of a notification */
      g_notification_add_button_with_target (notification, C_("notification", "Open"), "app.show-ticket", "x",
                                             crm_ticket_get_id (newest));
      /* Translators: a button of a notification: answer the mail */
      g_notification_add_button_with_target (notification, C_("notification", "Reply"), "app.reply-ticket", "x",
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
      /* Translators: a button of a notification */
      g_notification_add_button (notification, C_("notification", "Open"), "app.show-tickets");
    }
  else
    {
      g_notification_set_body (notification, _("New mail is in the tickets."));
      g_notification_set_default_action (notification, "app.show-tickets");
    }
  g_application_send_notification (G_APPLICATION (self), "new-mail", notification);
}

static void
unread_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  Unread *unread = crm_session_read_finish (CRM_SESSION (source), result, &error);

  if (unread == NULL)
    {
      g_warning ("Counting the unread tickets failed: %s", error->message);
      return;
    }
  notify_new_mail (self, unread->imported, unread->unread, unread->newest);
  unread_free (unread);
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
  Unread *asked;

  if (imported == 0 || (window != NULL && gtk_window_is_active (window)))
    return;
  if (user == NULL || self->session == NULL)
    {
      notify_new_mail (self, imported, 0, NULL);
      return;
    }

  /* what concerns the user, counted on a worker */
  asked = g_new0 (Unread, 1);
  asked->user_id = crm_user_get_id (user);
  asked->imported = imported;
  crm_session_read_async (self->session, read_unread, asked, unread_free, unread_free, NULL, unread_read_cb,
                          g_object_ref (self));
}

static const GActionEntry app_actions[] = {
  { "activate", activate_action },
  { "refresh-mail", refresh_mail_action },
  { "show-tickets", show_tickets_action },
  { "show-ticket", show_ticket_action, "x" },
  { "reply-ticket", reply_ticket_action, "x" },
  { "show-task", show_task_action, "x" },
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
  g_variant_dict_lookup (options, "database", "s", &self->database);

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
  /* started by D-Bus for GNOME Shell's overview: it stays a while for
   * the next question, the user typing on */
  if (g_application_get_flags (application) & G_APPLICATION_IS_SERVICE)
    g_application_set_inactivity_timeout (application, 20000);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.new-contact", new_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay", help_accels);

  self->settings = g_settings_new ("org.example.Crm");
  self->background = crm_background_new (G_APPLICATION (self), self->settings);
}

/* The engine and the window, once the database is open. */
static void
open_window (CrmApplication *self)
{
  GtkWindow *window;

  /* Mail is read and sent while the application runs, unless another
   * engine (crmctl serve) already does it: the window then says so. */
  if (self->engine == NULL)
    {
      self->engine = crm_mail_engine_new (self->session, APP_ID);
      g_signal_connect_object (self->engine, "synced", G_CALLBACK (synced_cb), self, 0);
      crm_mail_engine_start_async (self->engine, NULL, engine_started_cb, NULL);
    }

  g_debug ("activate: store open, mail engine started, building the window");
  window = GTK_WINDOW (crm_window_new (self, self->session, self->settings));
  crm_window_set_mail_engine (CRM_WINDOW (window), self->engine);
  g_debug ("activate: window built");
  gtk_window_present (window);
  if (self->no_answer == NULL)
    self->no_answer = crm_no_answer_watch_new (GTK_APPLICATION (self), self->session);
  if (self->task_watch == NULL)
    self->task_watch = crm_task_watch_new (GTK_APPLICATION (self), self->session);
  g_debug ("activate: window presented");
  crm_background_window_opened (self->background);
}

/* The team's server, if this desktop works on one: --database, else
 * the setting, else $CRM_DATABASE. */
static const char *
database_uri (CrmApplication *self)
{
  g_autofree char *setting = NULL;

  if (self->database != NULL && *self->database != '\0')
    return self->database;
  setting = g_settings_get_string (self->settings, "database-uri");
  if (*setting != '\0')
    {
      g_free (self->database);
      self->database = g_steal_pointer (&setting);
      return self->database;
    }

  return g_getenv ("CRM_DATABASE");
}

/* On a worker: the password from the Secret Service, the connection,
 * the schema brought up to date. A network must never freeze a frame. */
static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char **job = task_data;   /* the address, and a password typed */
  const char *uri = job[0];
  g_autoptr(GError) error = NULL;
  g_autofree char *password = job[1] != NULL ? g_strdup (job[1])
                                             : crm_secrets_lookup_database_password (uri, cancellable, &error);
  CrmSession *session;

  /* no keyring: libpq's own ways (~/.pgpass) may still do */
  if (error != NULL)
    g_debug ("%s", error->message);
  g_clear_error (&error);
  session = crm_session_open_uri (uri, password, NULL, &error);
  /* a password typed and good is kept in the Secret Service only */
  if (session != NULL && job[1] != NULL && *job[1] != '\0' &&
      !crm_secrets_store_database_password (uri, job[1], cancellable, &error))
    {
      g_message ("%s", error->message);
      g_clear_error (&error);
    }
  if (password != NULL)
    memset (password, 0, strlen (password));
  /* who logged in, and the others, known before the window is built */
  if (session != NULL && !crm_user_store_read_and_keep (crm_user_store_from_session (session), &error))
    g_clear_object (&session);
  if (session == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, session, g_object_unref);
}

static void connect_to_server (CrmApplication *self);

/* The window of what comes before the main one: the first run's
 * question, the server being reached. */
static void
ensure_first_window (CrmApplication *self)
{
  if (self->connecting != NULL)
    return;
  self->connecting = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (self)));
  gtk_window_set_title (self->connecting, _("CRM"));
  gtk_window_set_default_size (self->connecting, 560, 760);
  g_object_add_weak_pointer (G_OBJECT (self->connecting), (gpointer *) &self->connecting);
}

/* What that window shows, under a header bar of its own. */
static void
set_first_content (CrmApplication *self,
                   GtkWidget      *content)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  gtk_widget_add_css_class (header, "flat");
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("CRM"), NULL));
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self->connecting), box);
}

static void connected_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
start_connecting (CrmApplication *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, connected_cb, g_object_ref (self));
  char **job = g_new0 (char *, 3);

  job[0] = g_strdup (self->database);
  job[1] = g_strdup (self->password);
  g_task_set_task_data (task, job, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, connect_thread);
}

static void open_local (CrmApplication *self);

static void
chose_cb (CrmApplication     *self,
          const char         *uri,
          const char         *password,
          CrmDatabaseChooser *chooser)
{
  if (uri == NULL)
    {
      g_clear_pointer (&self->connecting, gtk_window_destroy);
      self->chooser = NULL;
      open_local (self);
      return;
    }
  g_free (self->database);
  self->database = g_strdup (uri);
  g_free (self->password);
  self->password = g_strdup (password);
  connect_to_server (self);
}

/* A desktop's first run: where is the office's work kept? */
static void
ask_where (CrmApplication *self)
{
  ensure_first_window (self);
  self->chooser = crm_database_chooser_new ();
  g_object_add_weak_pointer (G_OBJECT (self->chooser), (gpointer *) &self->chooser);
  g_signal_connect_object (self->chooser, "chose", G_CALLBACK (chose_cb), self, G_CONNECT_SWAPPED);
  set_first_content (self, GTK_WIDGET (self->chooser));
  gtk_window_present (self->connecting);
}

static void
try_again_cb (CrmApplication *self)
{
  connect_to_server (self);
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *status;
  GtkWidget *again;

  self->session = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  if (self->session != NULL)
    {
      /* chosen at the first run: this desktop works there from now on
       * (--database and $CRM_DATABASE are for this run only) */
      if (self->chooser != NULL)
        g_settings_set_string (self->settings, "database-uri", self->database);
      self->chooser = NULL;
      g_clear_pointer (&self->connecting, gtk_window_destroy);
      open_window (self);
      return;
    }

  /* said in the window: the user's to act on, not a program's fault */
  g_message ("%s", error->message);
  if (self->connecting == NULL)
    return;
  /* the first run's question: asked again, with the reason */
  if (self->chooser != NULL)
    {
      crm_database_chooser_set_busy (self->chooser, FALSE);
      crm_database_chooser_show_error (self->chooser, error->message);
      return;
    }
  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "network-error-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("The Office’s Server Cannot Be Reached"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), error->message);
  again = gtk_button_new_with_mnemonic (_("_Try Again"));
  gtk_widget_set_halign (again, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (again, "pill");
  gtk_widget_add_css_class (again, "suggested-action");
  g_signal_connect_object (again, "clicked", G_CALLBACK (try_again_cb), self, G_CONNECT_SWAPPED);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), again);
  set_first_content (self, status);
}

static void
connect_to_server (CrmApplication *self)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *status;
  GtkWidget *spinner;

  ensure_first_window (self);
  if (self->chooser != NULL)
    {
      crm_database_chooser_set_busy (self->chooser, TRUE);
      start_connecting (self);
      return;
    }
  status = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Connecting to the Office’s Server…"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), self->database);
  spinner = gtk_spinner_new ();
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  adw_status_page_set_child (ADW_STATUS_PAGE (status), spinner);
  set_first_content (self, status);
  gtk_window_present (self->connecting);

  start_connecting (self);
}

static void
crm_application_activate (GApplication *application)
{
  CrmApplication *self = CRM_APPLICATION (application);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;
  const char *uri;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  /* the team's database: reached off the main thread, the window
   * saying so meanwhile */
  uri = database_uri (self);
  if (self->session == NULL && uri != NULL && *uri != '\0')
    {
      if (uri != self->database)
        {
          g_free (self->database);
          self->database = g_strdup (uri);
        }
      connect_to_server (self);
      return;
    }

  /* a new desktop: nothing kept here yet, no server named */
  if (self->session == NULL && crm_application_is_first_run (self))
    {
      ask_where (self);
      return;
    }

  open_local (self);
}

static void
open_local (CrmApplication *self)
{
  g_autoptr(GError) error = NULL;

  g_debug ("activate: opening the store");
  if (self->session == NULL && !(self->session = crm_session_open (self->data_dir, &error)))
    {
      g_warning ("%s", error->message);
      show_fatal_error (self, error);
      return;
    }
  g_debug ("activate: store open");
  open_window (self);
}

/**
 * crm_application_is_first_run:
 * @self: a #CrmApplication
 *
 * Returns: whether this desktop keeps no work yet (no database file in
 *   its data directory) and names no server: the first run asks where
 *   the office's work is kept
 */
gboolean
crm_application_is_first_run (CrmApplication *self)
{
  g_autofree char *dir = crm_session_resolve_data_dir (self->data_dir);
  g_autofree char *file = g_build_filename (dir, "crm.sqlite", NULL);
  const char *uri = database_uri (self);

  return (uri == NULL || *uri == '\0') && !g_file_test (file, G_FILE_TEST_EXISTS);
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

/* The last window closed: the application ends, unless it works on in
 * the background (crm-background.c). */
static void
crm_application_window_removed (GtkApplication *application,
                                GtkWindow      *window)
{
  CrmApplication *self = CRM_APPLICATION (application);

  if (gtk_application_get_windows (application)->next == NULL && CRM_IS_WINDOW (window) &&
      self->background != NULL)
    crm_background_window_closed (self->background,
                                  self->engine != NULL && crm_mail_engine_get_running (self->engine));

  GTK_APPLICATION_CLASS (crm_application_parent_class)->window_removed (application, window);
}

/* On the bus: the answers to GNOME Shell's overview. */
static gboolean
crm_application_dbus_register (GApplication     *application,
                               GDBusConnection  *connection,
                               const char       *object_path,
                               GError          **error)
{
  CrmApplication *self = CRM_APPLICATION (application);

  if (!G_APPLICATION_CLASS (crm_application_parent_class)->dbus_register (application, connection, object_path,
                                                                           error))
    return FALSE;
  if (self->search_provider == NULL)
    self->search_provider = crm_search_provider_new (self);

  return crm_search_provider_register (self->search_provider, connection, object_path, error);
}

static void
crm_application_dbus_unregister (GApplication    *application,
                                 GDBusConnection *connection,
                                 const char      *object_path)
{
  CrmApplication *self = CRM_APPLICATION (application);

  if (self->search_provider != NULL)
    crm_search_provider_unregister (self->search_provider);

  G_APPLICATION_CLASS (crm_application_parent_class)->dbus_unregister (application, connection, object_path);
}

static void
crm_application_dispose (GObject *object)
{
  CrmApplication *self = (CrmApplication *)object;

  g_clear_object (&self->search_provider);
  g_clear_object (&self->background);
  g_clear_object (&self->engine);
  g_clear_object (&self->no_answer);
  g_clear_object (&self->task_watch);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_application_parent_class)->dispose (object);
}

static void
crm_application_finalize (GObject *object)
{
  CrmApplication *self = (CrmApplication *)object;

  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->database, g_free);
  g_clear_pointer (&self->password, g_free);

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
  app_class->dbus_register = crm_application_dbus_register;
  app_class->dbus_unregister = crm_application_dbus_unregister;
  GTK_APPLICATION_CLASS (klass)->window_removed = crm_application_window_removed;
}

static void
crm_application_init (CrmApplication *self)
{
  static const GOptionEntry options[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the database in DIR instead of the default"), N_("DIR") },
    { "database", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Work on the team’s database on a PostgreSQL server"), N_("URI") },
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
 * crm_application_open_for_search:
 * @self: a #CrmApplication
 *
 * The database for GNOME Shell's overview, when the application was
 * started for it alone: this desk's own file, opened if it exists (the
 * first run's question is the window's, and a team's server is reached
 * only by the window, which may ask for a password).
 *
 * Returns: (transfer none) (nullable): the open store, or %NULL
 */
CrmSession *
crm_application_open_for_search (CrmApplication *self)
{
  g_autoptr(GError) error = NULL;
  const char *uri;

  g_return_val_if_fail (CRM_IS_APPLICATION (self), NULL);

  if (self->session != NULL)
    return self->session;
  uri = database_uri (self);
  if ((uri != NULL && *uri != '\0') || crm_application_is_first_run (self))
    return NULL;
  if (!(self->session = crm_session_open (self->data_dir, &error)))
    g_message ("the overview's search: %s", error->message);

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
