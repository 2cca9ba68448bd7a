/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-tasks-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-loading.h"
#include "crm-task-actions.h"
#include "crm-task-dialog.h"
#include "crm-task-row.h"
#include "crm-tasks-window.h"

/**
 * CrmTasksWindow:
 *
 * "All Tasks…" (FD5): a user's tasks, open, done or both, in a list
 * read a page at a time (#CrmTaskList). An agent sees their own;
 * managers and administrators choose whose, or everyone's. A task's
 * check marks it done (Undo on a toast); activating it opens its
 * record in the main window.
 */
struct _CrmTasksWindow
{
  AdwWindow      parent_instance;

  /* template widgets */
  GtkWidget     *user_box;
  GtkDropDown   *user_dropdown;
  GtkLabel      *owner_label;
  GtkDropDown   *state_dropdown;
  GtkStack      *list_stack;
  GtkGridView   *list_view;

  /* owned */
  CrmSession    *session;
  CrmUser       *user;
  CrmTaskList   *tasks;
  GArray        *user_ids;   /* gint64, the user dropdown's; 0 for everyone */
  gint64         now;

  gboolean       filling;
};

G_DEFINE_FINAL_TYPE (CrmTasksWindow, crm_tasks_window, ADW_TYPE_WINDOW)

static gboolean
may_see_all (CrmTasksWindow *self)
{
  return self->user != NULL && crm_user_get_role (self->user) != CRM_ROLE_AGENT;
}

static void
update_empty (CrmTasksWindow *self)
{
  gboolean empty = self->tasks == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->tasks)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack,
                                    empty && !crm_paged_list_get_loading (CRM_PAGED_LIST (self->tasks)) ? "empty"
                                                                                                          : "list");
}

static void
filter_changed_cb (CrmTasksWindow *self)
{
  CrmTaskFilter filter = { 0 };
  guint user = gtk_drop_down_get_selected (self->user_dropdown);
  guint state = gtk_drop_down_get_selected (self->state_dropdown);

  if (self->filling || self->tasks == NULL)
    return;
  if (may_see_all (self) && user != GTK_INVALID_LIST_POSITION && user < self->user_ids->len)
    filter.user_id = g_array_index (self->user_ids, gint64, user);
  else
    filter.user_id = crm_user_get_id (self->user);
  filter.open_only = state == 0;
  filter.done_only = state == 1;
  self->now = crm_session_now (self->session);
  crm_task_list_set_filter (self->tasks, &filter);
}

static void
toggle_done_cb (CrmTaskRow     *row,
                gboolean        done,
                CrmTasksWindow *self)
{
  if (self->session != NULL)
    crm_task_mark_done (GTK_WIDGET (row), self->session, crm_task_row_get_task (row), done);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CrmTasksWindow           *self)
{
  GtkWidget *row = crm_task_row_new ();

  g_signal_connect_object (row, "toggle-done", G_CALLBACK (toggle_done_cb), self, 0);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CrmTasksWindow           *self)
{
  crm_task_row_set_task (CRM_TASK_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item), self->now);
}

static void
row_activated_cb (CrmTasksWindow *self,
                  guint           position)
{
  g_autoptr(CrmTask) task = g_list_model_get_item (G_LIST_MODEL (self->tasks), position);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *action = NULL;

  if (task == NULL || crm_task_get_record_label (task) == NULL || parent == NULL)
    return;
  if (g_str_equal (crm_task_get_record_module (task), "tickets"))
    action = "win.show-ticket";
  else if (g_str_equal (crm_task_get_record_module (task), "contacts"))
    action = "win.show-contact";
  else if (g_str_equal (crm_task_get_record_module (task), "offers"))
    action = "win.show-offer";
  else if (g_str_equal (crm_task_get_record_module (task), "searches"))
    action = "win.show-search";
  if (action != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "x", crm_task_get_record_id (task));
}

/* A record opens in the main window this one belongs to. */
static void
show_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent == NULL)
    return;
  gtk_widget_activate_action_variant (GTK_WIDGET (parent), action_name, parameter);
  gtk_window_present (parent);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CrmTasksWindow *self = CRM_TASKS_WINDOW (widget);

  if (self->session != NULL)
    gtk_window_present (GTK_WINDOW (crm_task_dialog_new (widget, self->session, NULL, 0, NULL)));
}

static void
crm_tasks_window_dispose (GObject *object)
{
  CrmTasksWindow *self = CRM_TASKS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TASKS_WINDOW);
  g_clear_object (&self->tasks);
  g_clear_object (&self->session);
  g_clear_object (&self->user);
  g_clear_pointer (&self->user_ids, g_array_unref);

  G_OBJECT_CLASS (crm_tasks_window_parent_class)->dispose (object);
}

static void
crm_tasks_window_class_init (CrmTasksWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_tasks_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tasks/crm-tasks-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTasksWindow, user_box);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksWindow, user_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksWindow, owner_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksWindow, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmTasksWindow, list_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "tasks.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "win.show-ticket", "x", show_record_action);
  gtk_widget_class_install_action (widget_class, "win.show-contact", "x", show_record_action);
  gtk_widget_class_install_action (widget_class, "win.show-offer", "x", show_record_action);
  gtk_widget_class_install_action (widget_class, "win.show-search", "x", show_record_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_tasks_window_init (CrmTasksWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  self->user_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Managers and administrators choose whose tasks: everyone's, or one
 * user's (deactivated ones too: their tasks stay). */
static void
fill_users (CrmTasksWindow *self)
{
  g_autoptr(GListModel) users = crm_user_store_list (crm_user_store_from_session (self->session), NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint mine = 0;

  g_array_set_size (self->user_ids, 0);
  /* Translators: whose tasks the tasks' window shows */
  gtk_string_list_append (names, _("Everyone"));
  g_array_append_val (self->user_ids, (gint64) { 0 });
  for (guint i = 0; users != NULL && i < g_list_model_get_n_items (users); i++)
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (users, i);
      gint64 id = crm_user_get_id (user);

      if (id == crm_user_get_id (self->user))
        mine = self->user_ids->len;
      gtk_string_list_append (names, crm_user_get_name (user));
      g_array_append_val (self->user_ids, id);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->user_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->user_dropdown, mine);
  self->filling = FALSE;
}

/**
 * crm_tasks_window_new:
 * @parent: (nullable): the main window: a task's record opens there
 * @session: the main window's session
 * @user: who works
 *
 * Returns: (transfer none): a new window showing the user's open tasks
 */
GtkWidget *
crm_tasks_window_new (GtkWindow  *parent,
                      CrmSession *session,
                      CrmUser    *user)
{
  CrmTasksWindow *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (CRM_IS_USER (user), NULL);

  self = g_object_new (CRM_TYPE_TASKS_WINDOW, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->user = g_object_ref (user);
  self->tasks = crm_task_list_new (session);
  g_signal_connect_object (self->tasks, "items-changed", G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tasks, "notify::loading", G_CALLBACK (update_empty), self, G_CONNECT_SWAPPED);
  crm_loading_pause_when_hidden (GTK_WIDGET (self), CRM_PAGED_LIST (self->tasks));
  {
    g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->tasks)));

    gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  }

  gtk_widget_set_visible (self->user_box, may_see_all (self));
  gtk_widget_set_visible (GTK_WIDGET (self->owner_label), !may_see_all (self));
  /* Translators: in the tasks' window of an agent, who sees their own */
  gtk_label_set_text (self->owner_label, _("Your tasks"));
  if (may_see_all (self))
    fill_users (self);
  filter_changed_cb (self);

  return GTK_WIDGET (self);
}

/**
 * crm_tasks_window_get_list:
 * @self: a #CrmTasksWindow
 *
 * Returns: (transfer none): the #CrmTask items listed
 */
GListModel *
crm_tasks_window_get_list (CrmTasksWindow *self)
{
  g_return_val_if_fail (CRM_IS_TASKS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->tasks);
}

/**
 * crm_tasks_window_show:
 * @self: a #CrmTasksWindow
 * @user_id: whose tasks (managers and administrators), 0 for everyone's
 * @open_only: only the open ones
 * @done_only: only the done ones
 *
 * Chooses what the list shows, as the drop-downs do.
 */
void
crm_tasks_window_show (CrmTasksWindow *self,
                       gint64          user_id,
                       gboolean        open_only,
                       gboolean        done_only)
{
  g_return_if_fail (CRM_IS_TASKS_WINDOW (self));

  self->filling = TRUE;
  for (guint i = 0; i < self->user_ids->len; i++)
    if (g_array_index (self->user_ids, gint64, i) == user_id)
      gtk_drop_down_set_selected (self->user_dropdown, i);
  gtk_drop_down_set_selected (self->state_dropdown, open_only ? 0 : done_only ? 1 : 2);
  self->filling = FALSE;
  filter_changed_cb (self);
}
