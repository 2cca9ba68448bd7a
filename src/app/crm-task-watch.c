/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-watch"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-task-watch.h"
#include "crm-toast.h"
#include "crm-window.h"

/**
 * CrmTaskWatch:
 *
 * Tasks falling due, on the desktop (FD5): the user of the
 * application's window is told of each of their tasks in a desktop
 * notification when it falls due, once. The watch waits for the next
 * due time (crm_task_store_get_next_due ()), read again whenever tasks
 * change here or on another desktop, and at least every minute; then it
 * claims what fell due (crm_task_store_claim_due_async ()): the claim is
 * in the database, so two desktops, a restart, or days the application
 * was closed tell each task once. A notification's click opens the
 * task's record (app.show-task).
 */
struct _CrmTaskWatch
{
  GObject         parent_instance;

  GtkApplication *application;   /* weak */
  CrmSession     *session;
  GCancellable   *cancellable;
  guint           timeout;
  guint           changed_source;
  guint           delay;         /* seconds until the next check */
  gboolean        busy;          /* a read or a claim on its way */
  gboolean        again;         /* tasks changed meanwhile */
};

G_DEFINE_FINAL_TYPE (CrmTaskWatch, crm_task_watch, G_TYPE_OBJECT)

/* at least this often: another desktop's tasks, a clock moved */
#define CHECK_SECONDS 60

static void arm (CrmTaskWatch *self,
                 guint         seconds);

static gint64
window_user_id (CrmTaskWatch *self)
{
  GtkWindow *window;
  CrmUser *user;

  if (self->application == NULL)
    return 0;
  window = gtk_application_get_active_window (self->application);
  if (!CRM_IS_WINDOW (window) || (user = crm_window_get_user (CRM_WINDOW (window))) == NULL)
    return 0;

  return crm_user_get_id (user);
}

static void
notify_task (CrmTaskWatch *self,
             CrmTask      *task)
{
  g_autoptr(GNotification) notification = g_notification_new (crm_task_get_title (task));
  g_autofree char *id = g_strdup_printf ("task-%" G_GINT64_FORMAT, crm_task_get_id (task));
  g_autofree char *due = crm_format_date_time (crm_task_get_due (task));
  g_autofree char *record = crm_task_dup_record_text (task);
  g_autofree char *body = NULL;

  if (record != NULL)
    /* Translators: a notification's text: when a task was due, and what it belongs to */
    body = g_strdup_printf (_("Due %s · %s"), due, record);
  else
    /* Translators: a notification's text: when a task was due */
    body = g_strdup_printf (_("Due %s"), due);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-task", "x", crm_task_get_id (task));
  /* Translators: a button of a notification */
  g_notification_add_button_with_target (notification, C_("notification", "Open"), "app.show-task", "x",
                                         crm_task_get_id (task));
  g_application_send_notification (G_APPLICATION (self->application), id, notification);
}

static gboolean
read_next_due (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 due;

  if (!crm_task_store_get_next_due (crm_task_store_from_session (reader), *(gint64 *) data, &due, error))
    return FALSE;
  *result = g_memdup2 ((gint64[]) { due }, sizeof (gint64));

  return TRUE;
}

static void check_later (CrmTaskWatch *self);

static void
next_due_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmTaskWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *due = crm_session_read_finish (CRM_SESSION (source), result, &error);
  gint64 now;

  self->busy = FALSE;
  if (self->session == NULL)
    return;
  if (due == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Reading when the next task falls due failed: %s", error->message);
      arm (self, CHECK_SECONDS);
      return;
    }
  if (self->again)
    {
      self->again = FALSE;
      check_later (self);
      return;
    }

  now = crm_session_now (self->session);
  if (*due == 0)
    arm (self, CHECK_SECONDS);
  else if (*due <= now)
    crm_task_watch_check (self);
  else
    arm (self, (guint) MIN (*due - now, CHECK_SECONDS));
}

/* When the next task falls due, read off the main thread; then the
 * timeout is set for it. */
static void
read_next (CrmTaskWatch *self)
{
  gint64 user_id = window_user_id (self);

  if (self->session == NULL)
    return;
  if (user_id == 0)
    {
      arm (self, CHECK_SECONDS);
      return;
    }
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  self->busy = TRUE;
  crm_session_read_async (self->session, read_next_due, g_memdup2 (&user_id, sizeof user_id), g_free, g_free,
                          self->cancellable, next_due_read_cb, g_object_ref (self));
}

static void
claimed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrmTaskWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = NULL;

  self->busy = FALSE;
  if (self->session == NULL)
    return;
  if (!(tasks = crm_task_store_claim_due_finish (crm_task_store_from_session (self->session), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Claiming the tasks fallen due failed: %s", error->message);
      arm (self, CHECK_SECONDS);
      return;
    }
  for (guint i = 0; i < tasks->len && self->application != NULL; i++)
    notify_task (self, g_ptr_array_index (tasks, i));
  self->again = FALSE;
  read_next (self);
}

/**
 * crm_task_watch_check:
 * @self: a #CrmTaskWatch
 *
 * Claims the window's user's tasks fallen due now and tells of them,
 * off the main thread; then waits for the next.
 */
void
crm_task_watch_check (CrmTaskWatch *self)
{
  gint64 user_id;

  g_return_if_fail (CRM_IS_TASK_WATCH (self));

  if (self->session == NULL)
    return;
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  if ((user_id = window_user_id (self)) == 0)
    {
      arm (self, CHECK_SECONDS);
      return;
    }
  g_clear_handle_id (&self->timeout, g_source_remove);
  self->busy = TRUE;
  crm_task_store_claim_due_async (crm_task_store_from_session (self->session), user_id, self->cancellable,
                                  claimed_cb, g_object_ref (self));
}

static gboolean
timeout_cb (gpointer user_data)
{
  CrmTaskWatch *self = user_data;

  self->timeout = 0;
  crm_task_watch_check (self);

  return G_SOURCE_REMOVE;
}

static void
arm (CrmTaskWatch *self,
     guint         seconds)
{
  g_clear_handle_id (&self->timeout, g_source_remove);
  self->delay = seconds;
  self->timeout = seconds > 0 ? g_timeout_add_seconds (seconds, timeout_cb, self) : g_idle_add (timeout_cb, self);
}

static gboolean
changed_idle_cb (gpointer user_data)
{
  CrmTaskWatch *self = user_data;

  self->changed_source = 0;
  read_next (self);

  return G_SOURCE_REMOVE;
}

static void
check_later (CrmTaskWatch *self)
{
  if (self->changed_source == 0)
    self->changed_source = g_idle_add (changed_idle_cb, self);
}

/* A task added, done, moved, here or on another desktop: the next due
 * time may have changed. */
static void
tasks_changed_cb (CrmTaskWatch *self,
                  const char   *entity,
                  gint64        id,
                  CrmDatabase  *database)
{
  check_later (self);
}

static void
crm_task_watch_dispose (GObject *object)
{
  CrmTaskWatch *self = CRM_TASK_WATCH (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout, g_source_remove);
  g_clear_handle_id (&self->changed_source, g_source_remove);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (crm_session_get_database (self->session), self);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_task_watch_parent_class)->dispose (object);
}

static void
crm_task_watch_class_init (CrmTaskWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_task_watch_dispose;
}

static void
crm_task_watch_init (CrmTaskWatch *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * crm_task_watch_new:
 * @application: the application that notifies
 * @session: the office's session
 *
 * Returns: (transfer full): a new watch, at work at once
 */
CrmTaskWatch *
crm_task_watch_new (GtkApplication *application,
                    CrmSession     *session)
{
  CrmTaskWatch *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_TASK_WATCH, NULL);
  g_set_weak_pointer (&self->application, application);
  self->session = g_object_ref (session);
  g_signal_connect_object (crm_session_get_database (session), "changed::task", G_CALLBACK (tasks_changed_cb), self,
                           G_CONNECT_SWAPPED);
  check_later (self);

  return self;
}

/**
 * crm_task_watch_get_delay:
 * @self: a #CrmTaskWatch
 *
 * Returns: in how many seconds the watch looks again, as last set: the
 *   next task's due time, at most a minute
 */
guint
crm_task_watch_get_delay (CrmTaskWatch *self)
{
  g_return_val_if_fail (CRM_IS_TASK_WATCH (self), 0);

  return self->delay;
}

static gboolean
read_task (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  return (*result = crm_task_store_get (crm_task_store_from_session (reader), *(gint64 *) data, error)) != NULL;
}

static void
task_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmTaskWatch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTask) task = crm_session_read_finish (CRM_SESSION (source), result, &error);
  const char *module;
  const char *action = NULL;
  GtkWindow *window;

  if (self->application == NULL)
    return;
  window = gtk_application_get_active_window (self->application);
  if (!CRM_IS_WINDOW (window))
    return;
  if (task == NULL)
    {
      /* deleted since */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        crm_window_add_toast (CRM_WINDOW (window), crm_toast_new (error->message));
      return;
    }
  module = crm_task_get_record_module (task);
  if (g_strcmp0 (module, "tickets") == 0)
    action = "win.show-ticket";
  else if (g_strcmp0 (module, "contacts") == 0)
    action = "win.show-contact";
  else if (g_strcmp0 (module, "offers") == 0)
    action = "win.show-offer";
  else if (g_strcmp0 (module, "searches") == 0)
    action = "win.show-search";
  if (action != NULL && crm_task_get_record_label (task) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), action, "x", crm_task_get_record_id (task));
  else
    /* a task of no record, or of one deleted: My Tasks */
    crm_window_show_page (CRM_WINDOW (window), "start");
}

/**
 * crm_task_watch_open_task:
 * @self: a #CrmTaskWatch
 * @task_id: a task
 *
 * A notification's click: the task's record in the window, or the Start
 * page for a task of no record. The task is read off the main thread.
 */
void
crm_task_watch_open_task (CrmTaskWatch *self,
                          gint64        task_id)
{
  g_return_if_fail (CRM_IS_TASK_WATCH (self));

  if (self->session == NULL)
    return;
  crm_session_read_async (self->session, read_task, g_memdup2 (&task_id, sizeof task_id), g_free, g_object_unref,
                          self->cancellable, task_read_cb, g_object_ref (self));
}
