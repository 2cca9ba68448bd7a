/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-no-answer-watch"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-no-answer-watch.h"
#include "crm-window.h"

/**
 * CrmNoAnswerWatch:
 *
 * The no-reply reminder on the desktop (RQ12): every minute, and at
 * once when made, the user of the application's window claims the
 * tickets of theirs whose mail has waited the office's number of days
 * for an answer (crm_ticket_store_claim_reminders_async ()), and each
 * is said in a desktop notification, once: the claim is in the
 * database, so a restart, a day the application was closed, or a
 * colleague's desktop changes nothing.
 */
struct _CrmNoAnswerWatch
{
  GObject         parent_instance;

  GtkApplication *application;   /* weak */
  CrmSession     *session;
  GCancellable   *cancellable;
  guint           timeout;
  gboolean        claiming;
};

G_DEFINE_FINAL_TYPE (CrmNoAnswerWatch, crm_no_answer_watch, G_TYPE_OBJECT)

#define CHECK_SECONDS 60

static void
notify_ticket (CrmNoAnswerWatch *self,
               CrmTicket        *ticket,
               guint             days)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = g_strdup_printf ("no-answer-%" G_GINT64_FORMAT, crm_ticket_get_id (ticket));
  const char *client = crm_ticket_get_client_label (ticket);

  /* Translators: a notification's title; how many days */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No answer for %u day", "No answer for %u days", days), days);
  /* Translators: a notification's text: a ticket's number, subject and client */
  body = g_strdup_printf (_("#%lld “%s” · %s"), (long long) crm_ticket_get_id (ticket), crm_ticket_get_subject (ticket),
                          client != NULL ? client : _("no client"));
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-ticket", "x", crm_ticket_get_id (ticket));
  /* Translators: a button of a notification */
  g_notification_add_button_with_target (notification, C_("notification", "Open"), "app.show-ticket", "x",
                                         crm_ticket_get_id (ticket));
  /* Translators: a button of a notification: answer the client */
  g_notification_add_button_with_target (notification, C_("notification", "Reply"), "app.reply-ticket", "x",
                                         crm_ticket_get_id (ticket));
  g_application_send_notification (G_APPLICATION (self->application), id, notification);
}

static void
claimed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrmNoAnswerWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tickets = NULL;
  CrmTicketStore *store;
  gint64 now;
  guint days;

  self->claiming = FALSE;
  if (self->session == NULL)
    return;
  store = crm_ticket_store_from_session (self->session);
  if (!(tickets = crm_ticket_store_claim_reminders_finish (store, result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Looking for tickets without an answer failed: %s", error->message);
      return;
    }

  days = crm_ticket_store_get_no_answer_days (store);
  now = crm_clock_now_unix (crm_session_get_clock (self->session));
  for (guint i = 0; i < g_list_model_get_n_items (tickets) && self->application != NULL; i++)
    {
      g_autoptr(CrmTicket) ticket = g_list_model_get_item (tickets, i);

      notify_ticket (self, ticket, MAX (crm_ticket_no_answer_days (ticket, days, now), days));
    }
}

/**
 * crm_no_answer_watch_check:
 * @self: a #CrmNoAnswerWatch
 *
 * Claims what is due for the window's user now, off the main thread.
 */
void
crm_no_answer_watch_check (CrmNoAnswerWatch *self)
{
  GtkWindow *window;
  CrmUser *user;

  g_return_if_fail (CRM_IS_NO_ANSWER_WATCH (self));

  if (self->application == NULL || self->session == NULL || self->claiming)
    return;
  window = gtk_application_get_active_window (self->application);
  if (!CRM_IS_WINDOW (window) || (user = crm_window_get_user (CRM_WINDOW (window))) == NULL)
    return;

  self->claiming = TRUE;
  crm_ticket_store_claim_reminders_async (crm_ticket_store_from_session (self->session), crm_user_get_id (user),
                                          self->cancellable, claimed_cb, g_object_ref (self));
}

static gboolean
tick_cb (gpointer user_data)
{
  crm_no_answer_watch_check (user_data);

  return G_SOURCE_CONTINUE;
}

static void
crm_no_answer_watch_dispose (GObject *object)
{
  CrmNoAnswerWatch *self = CRM_NO_ANSWER_WATCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout, g_source_remove);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_no_answer_watch_parent_class)->dispose (object);
}

static void
crm_no_answer_watch_class_init (CrmNoAnswerWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_no_answer_watch_dispose;
}

static void
crm_no_answer_watch_init (CrmNoAnswerWatch *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * crm_no_answer_watch_new:
 * @application: the application that notifies
 * @session: the office's session
 *
 * Returns: (transfer full): a new watch, at work every minute
 */
CrmNoAnswerWatch *
crm_no_answer_watch_new (GtkApplication *application,
                         CrmSession     *session)
{
  CrmNoAnswerWatch *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_NO_ANSWER_WATCH, NULL);
  g_set_weak_pointer (&self->application, application);
  self->session = g_object_ref (session);
  self->timeout = g_timeout_add_seconds (CHECK_SECONDS, tick_cb, self);

  return self;
}
