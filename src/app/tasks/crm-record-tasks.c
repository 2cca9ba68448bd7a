/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-record-tasks"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-record-tasks.h"
#include "crm-task-actions.h"
#include "crm-task-dialog.h"
#include "crm-task-row.h"
#include "crm-widget-write.h"

/**
 * CrmRecordTasks:
 *
 * A record's tasks on its card (FD5): a ticket's or request's, a
 * contact's, an offer's or a search's, everyone's, the open ones first;
 * each marked done with its check (Undo on a toast), and "Add Task…"
 * for this record. Read on a worker, and again when tasks change.
 */
struct _CrmRecordTasks
{
  AdwPreferencesGroup  parent_instance;

  /* template widgets */
  GtkListBox          *tasks_list;
  GtkWidget           *empty_label;

  /* owned */
  CrmSession          *session;
  GListStore          *tasks;        /* CrmTask, shown */
  GCancellable        *reading;
  char                *module;
  char                *record_text;
  gint64               record_id;
  guint                reload_source;
};

G_DEFINE_FINAL_TYPE (CrmRecordTasks, crm_record_tasks, ADW_TYPE_PREFERENCES_GROUP)

typedef struct
{
  char   *module;
  gint64  record_id;
} Record;

static void
record_free (gpointer data)
{
  Record *record = data;

  g_free (record->module);
  g_free (record);
}

static void
toggle_done_cb (CrmTaskRow     *row,
                gboolean        done,
                CrmRecordTasks *self)
{
  if (self->session != NULL)
    crm_task_mark_done (GTK_WIDGET (self), self->session, crm_task_row_get_task (row), done);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CrmRecordTasks *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *task_row = crm_task_row_new ();

  crm_task_row_set_show_record (CRM_TASK_ROW (task_row), FALSE);
  crm_task_row_set_task (CRM_TASK_ROW (task_row), item, crm_session_now (self->session));
  g_signal_connect_object (task_row, "toggle-done", G_CALLBACK (toggle_done_cb), self, 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), task_row);

  return row;
}

static gboolean
read_tasks (CrmSession    *reader,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  Record *record = data;

  *result = crm_task_store_list_for_record (crm_task_store_from_session (reader), record->module, record->record_id,
                                            error);

  return *result != NULL;
}

static void
tasks_read_cb (GtkWidget    *widget,
               gpointer      result,
               const GError *error)
{
  CrmRecordTasks *self = CRM_RECORD_TASKS (widget);
  GPtrArray *tasks = result;

  if (tasks == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Reading the record’s tasks failed: %s", error->message);
      return;
    }
  g_list_store_splice (self->tasks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tasks)), tasks->pdata, tasks->len);
  gtk_widget_set_visible (GTK_WIDGET (self->tasks_list), tasks->len > 0);
  gtk_widget_set_visible (self->empty_label, tasks->len == 0);
}

static void
reload (CrmRecordTasks *self)
{
  Record *record;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (self->session == NULL || self->module == NULL)
    return;

  record = g_new0 (Record, 1);
  record->module = g_strdup (self->module);
  record->record_id = self->record_id;
  self->reading = g_cancellable_new ();
  crm_widget_read (GTK_WIDGET (self), self->session, read_tasks, record, record_free,
                   (GDestroyNotify) g_ptr_array_unref, self->reading, tasks_read_cb);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CrmRecordTasks *self = user_data;

  self->reload_source = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* Tasks changed, here or on another desktop: read again, once for many. */
static void
tasks_changed_cb (CrmRecordTasks *self,
                  const char     *entity,
                  gint64          id,
                  CrmDatabase    *database)
{
  if (self->module != NULL && self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CrmRecordTasks *self = CRM_RECORD_TASKS (widget);
  GtkWidget *dialog;

  if (self->session == NULL || self->module == NULL)
    return;
  dialog = crm_task_dialog_new (widget, self->session, self->module, self->record_id, self->record_text);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
crm_record_tasks_dispose (GObject *object)
{
  CrmRecordTasks *self = CRM_RECORD_TASKS (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->reading);
  g_clear_object (&self->reading);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (crm_session_get_database (self->session), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_RECORD_TASKS);
  g_clear_object (&self->session);
  g_clear_object (&self->tasks);

  G_OBJECT_CLASS (crm_record_tasks_parent_class)->dispose (object);
}

static void
crm_record_tasks_finalize (GObject *object)
{
  CrmRecordTasks *self = CRM_RECORD_TASKS (object);

  g_free (self->module);
  g_free (self->record_text);

  G_OBJECT_CLASS (crm_record_tasks_parent_class)->finalize (object);
}

static void
crm_record_tasks_class_init (CrmRecordTasksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_record_tasks_dispose;
  object_class->finalize = crm_record_tasks_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tasks/crm-record-tasks.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmRecordTasks, tasks_list);
  gtk_widget_class_bind_template_child (widget_class, CrmRecordTasks, empty_label);

  gtk_widget_class_install_action (widget_class, "record-tasks.add", NULL, add_action);
}

static void
crm_record_tasks_init (CrmRecordTasks *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tasks = g_list_store_new (CRM_TYPE_TASK);
  gtk_list_box_bind_model (self->tasks_list, G_LIST_MODEL (self->tasks), create_row, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-tasks.add", FALSE);
}

/**
 * crm_record_tasks_set_session:
 * @self: a #CrmRecordTasks
 * @session: (nullable): the window's session
 */
void
crm_record_tasks_set_session (CrmRecordTasks *self,
                              CrmSession     *session)
{
  g_return_if_fail (CRM_IS_RECORD_TASKS (self));
  g_return_if_fail (!session || CRM_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (crm_session_get_database (self->session), self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (crm_session_get_database (session), "changed::task", G_CALLBACK (tasks_changed_cb), self,
                             G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-tasks.add", session != NULL && self->module != NULL);
  reload (self);
}

/**
 * crm_record_tasks_set_record:
 * @self: a #CrmRecordTasks
 * @module: (nullable): the record's module, as crm_task_record_modules()
 *   names them; %NULL for none
 * @record_id: the record
 * @record_text: (nullable): the record in words, for "Add Task…"
 *
 * Shows the tasks of a record; those of another record go at once.
 */
void
crm_record_tasks_set_record (CrmRecordTasks *self,
                             const char     *module,
                             gint64          record_id,
                             const char     *record_text)
{
  gboolean other;

  g_return_if_fail (CRM_IS_RECORD_TASKS (self));

  other = g_strcmp0 (module, self->module) != 0 || record_id != self->record_id;
  g_free (self->module);
  self->module = g_strdup (module);
  self->record_id = record_id;
  g_free (self->record_text);
  self->record_text = g_strdup (record_text);
  if (other)
    {
      g_list_store_remove_all (self->tasks);
      gtk_widget_set_visible (GTK_WIDGET (self->tasks_list), FALSE);
      gtk_widget_set_visible (self->empty_label, TRUE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record-tasks.add", self->session != NULL && module != NULL);
  reload (self);
}

/**
 * crm_record_tasks_get_tasks:
 * @self: a #CrmRecordTasks
 *
 * Returns: (transfer none): the #CrmTask items shown
 */
GListModel *
crm_record_tasks_get_tasks (CrmRecordTasks *self)
{
  g_return_val_if_fail (CRM_IS_RECORD_TASKS (self), NULL);

  return G_LIST_MODEL (self->tasks);
}
