/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tasks-portlet"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-task-actions.h"
#include "crm-task-dialog.h"
#include "crm-task-row.h"
#include "crm-tasks-portlet.h"
#include "crm-tasks-window.h"

/**
 * CrmTasksPortlet:
 *
 * "My Tasks" on the Start page (FD5): the user's open tasks, the soonest
 * due first, those overdue marked; a task's check marks it done (Undo
 * on a toast), a click on it opens the record it belongs to. "Add
 * Task…" and "All Tasks…" below. Shows at most %SHOWN of them and says
 * how many more there are.
 */
struct _CrmTasksPortlet
{
  CrmPortlet  parent_instance;

  /* template widgets */
  GtkStack   *stack;
  GtkListBox *tasks_list;
  GtkLabel   *summary_label;

  /* owned */
  GListStore *tasks;   /* CrmTask */
  gint64      now;     /* when they were read, for "Overdue" */
};

G_DEFINE_FINAL_TYPE (CrmTasksPortlet, crm_tasks_portlet, CRM_TYPE_PORTLET)

#define SHOWN 10

/* What the portlet shows, read on a worker. */
typedef struct
{
  GPtrArray *tasks;
  guint      open;
  guint      overdue;
  gint64     now;
} Read;

static void
read_free (gpointer data)
{
  Read *read = data;

  g_clear_pointer (&read->tasks, g_ptr_array_unref);
  g_free (read);
}

static void
toggle_done_cb (CrmTaskRow      *row,
                gboolean         done,
                CrmTasksPortlet *self)
{
  CrmSession *session = crm_portlet_get_session (CRM_PORTLET (self));

  if (session != NULL)
    crm_task_mark_done (GTK_WIDGET (self), session, crm_task_row_get_task (row), done);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  CrmTasksPortlet *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *task_row = crm_task_row_new ();

  /* all the user's own */
  crm_task_row_set_show_user (CRM_TASK_ROW (task_row), FALSE);
  crm_task_row_set_task (CRM_TASK_ROW (task_row), item, self->now);
  g_signal_connect_object (task_row, "toggle-done", G_CALLBACK (toggle_done_cb), self, 0);
  /* a task of a record opens it */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), crm_task_get_record_label (item) != NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), task_row);

  return row;
}

static void
row_activated_cb (CrmTasksPortlet *self,
                  GtkListBoxRow   *row)
{
  crm_task_row_open_record (CRM_TASK_ROW (gtk_list_box_row_get_child (row)));
}

/* On the main thread: whose tasks. */
static gpointer
crm_tasks_portlet_prepare (CrmPortlet *portlet)
{
  CrmUser *user = crm_portlet_get_user (portlet);

  return g_memdup2 ((gint64[]) { user != NULL ? crm_user_get_id (user) : 0 }, sizeof (gint64));
}

/* On the worker: the user's open tasks, and how many are overdue. */
static gpointer
crm_tasks_portlet_read (CrmSession  *reader,
                        gpointer     query,
                        GError     **error)
{
  CrmTaskStore *store = crm_task_store_from_session (reader);
  CrmTaskFilter filter = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) local_error = NULL;
  Read *read;

  filter.user_id = *(gint64 *) query;
  filter.open_only = TRUE;
  read = g_new0 (Read, 1);
  read->now = crm_session_now (reader);
  /* nobody works yet */
  if (filter.user_id == 0)
    {
      read->tasks = g_ptr_array_new_with_free_func (g_object_unref);
      return read;
    }
  if (!(ids = crm_task_store_list_ids (store, &filter, error)))
    {
      read_free (read);
      return NULL;
    }
  read->open = ids->len;
  read->overdue = crm_task_store_count_overdue (store, filter.user_id, &local_error);
  filter.limit = SHOWN;
  if (local_error != NULL || !(read->tasks = crm_task_store_list (store, &filter, error)))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      read_free (read);
      return NULL;
    }

  return read;
}

static void
crm_tasks_portlet_apply (CrmPortlet *portlet,
                         gpointer    result)
{
  CrmTasksPortlet *self = CRM_TASKS_PORTLET (portlet);
  Read *read = result;
  g_autofree char *summary = NULL;

  self->now = read->now;
  g_list_store_splice (self->tasks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tasks)), read->tasks->pdata,
                       read->tasks->len);
  gtk_stack_set_visible_child_name (self->stack, read->open > 0 ? "tasks" : "empty");

  if (read->open > read->tasks->len)
    /* Translators: under "My Tasks": how many tasks are open, how many shown */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open task, the first %u shown",
                                            "%u open tasks, the first %u shown", read->open),
                               read->open, read->tasks->len);
  else if (read->overdue > 0)
    /* Translators: under "My Tasks" */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task overdue", "%u tasks overdue", read->overdue),
                               read->overdue);
  gtk_label_set_text (self->summary_label, summary != NULL ? summary : "");
}

static gboolean
crm_tasks_portlet_watches (CrmPortlet *portlet,
                           const char *entity)
{
  /* and what a task's record is called */
  return g_str_equal (entity, "task") || g_str_equal (entity, "ticket") || g_str_equal (entity, "contact") ||
         g_str_equal (entity, "offer") || g_str_equal (entity, "search") || g_str_equal (entity, "user");
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CrmSession *session = crm_portlet_get_session (CRM_PORTLET (widget));

  if (session != NULL)
    gtk_window_present (GTK_WINDOW (crm_task_dialog_new (widget, session, NULL, 0, NULL)));
}

static void
all_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CrmSession *session = crm_portlet_get_session (CRM_PORTLET (widget));
  CrmUser *user = crm_portlet_get_user (CRM_PORTLET (widget));
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *window;

  if (session == NULL || user == NULL)
    return;
  window = crm_tasks_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, session, user);
  gtk_window_present (GTK_WINDOW (window));
}

static void
crm_tasks_portlet_dispose (GObject *object)
{
  CrmTasksPortlet *self = CRM_TASKS_PORTLET (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TASKS_PORTLET);
  g_clear_object (&self->tasks);

  G_OBJECT_CLASS (crm_tasks_portlet_parent_class)->dispose (object);
}

static void
crm_tasks_portlet_class_init (CrmTasksPortletClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrmPortletClass *portlet_class = CRM_PORTLET_CLASS (klass);

  object_class->dispose = crm_tasks_portlet_dispose;
  portlet_class->prepare = crm_tasks_portlet_prepare;
  portlet_class->query_free = g_free;
  portlet_class->read = crm_tasks_portlet_read;
  portlet_class->result_free = read_free;
  portlet_class->apply = crm_tasks_portlet_apply;
  portlet_class->watches = crm_tasks_portlet_watches;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tasks/crm-tasks-portlet.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTasksPortlet, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksPortlet, tasks_list);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksPortlet, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "tasks.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "tasks.all", NULL, all_action);
}

static void
crm_tasks_portlet_init (CrmTasksPortlet *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->tasks = g_list_store_new (CRM_TYPE_TASK);
  gtk_list_box_bind_model (self->tasks_list, G_LIST_MODEL (self->tasks), create_row, self, NULL);
}

/**
 * crm_tasks_portlet_get_tasks:
 * @self: a #CrmTasksPortlet
 *
 * Returns: (transfer none): the #CrmTask items shown
 */
GListModel *
crm_tasks_portlet_get_tasks (CrmTasksPortlet *self)
{
  g_return_val_if_fail (CRM_IS_TASKS_PORTLET (self), NULL);

  return G_LIST_MODEL (self->tasks);
}

/**
 * crm_tasks_portlet_get_row:
 * @self: a #CrmTasksPortlet
 * @task_id: a task shown
 *
 * Returns: (transfer none) (nullable): its #CrmTaskRow
 */
GtkWidget *
crm_tasks_portlet_get_row (CrmTasksPortlet *self,
                           gint64           task_id)
{
  g_return_val_if_fail (CRM_IS_TASKS_PORTLET (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->tasks_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = GTK_IS_LIST_BOX_ROW (row) ? gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row)) : NULL;

      if (CRM_IS_TASK_ROW (child) && crm_task_row_get_task (CRM_TASK_ROW (child)) != NULL &&
          crm_task_get_id (crm_task_row_get_task (CRM_TASK_ROW (child))) == task_id)
        return child;
    }

  return NULL;
}
