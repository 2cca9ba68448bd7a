/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-row"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-task-row.h"

/**
 * CrmTaskRow:
 *
 * One task (FD5) in a list: a check that marks it done or not done
 * (#CrmTaskRow::toggle-done: the owner makes the change), its title,
 * when it falls due and for whom, "Overdue" when its time has passed,
 * and the record it belongs to, which opens with a click (the window's
 * win.show-ticket, win.show-contact, win.show-offer, win.show-search).
 */
struct _CrmTaskRow
{
  GtkWidget  parent_instance;

  /* template widgets */
  GtkWidget *box;
  GtkCheckButton *check;
  GtkLabel  *title_label;
  GtkLabel  *details_label;
  GtkWidget *record_button;
  GtkLabel  *record_label;
  GtkWidget *overdue_label;

  /* owned */
  CrmTask   *task;

  gboolean   show_record;
  gboolean   show_user;
  gboolean   filling;   /* the check set from the task, not by the user */
};

G_DEFINE_FINAL_TYPE (CrmTaskRow, crm_task_row, GTK_TYPE_WIDGET)

enum {
  TOGGLE_DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The window's action that opens a record of @module. */
static const char *
show_action (const char *module)
{
  if (g_strcmp0 (module, "tickets") == 0)
    return "win.show-ticket";
  if (g_strcmp0 (module, "contacts") == 0)
    return "win.show-contact";
  if (g_strcmp0 (module, "offers") == 0)
    return "win.show-offer";
  if (g_strcmp0 (module, "searches") == 0)
    return "win.show-search";

  return NULL;
}

static void
check_toggled_cb (CrmTaskRow     *self,
                  GtkCheckButton *check)
{
  if (self->filling || self->task == NULL || crm_task_get_id (self->task) == 0)
    return;
  g_signal_emit (self, signals[TOGGLE_DONE], 0, gtk_check_button_get_active (check));
}

static void
record_clicked_cb (CrmTaskRow *self,
                   GtkButton  *button)
{
  crm_task_row_open_record (self);
}

static void
crm_task_row_dispose (GObject *object)
{
  CrmTaskRow *self = CRM_TASK_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TASK_ROW);
  g_clear_object (&self->task);

  G_OBJECT_CLASS (crm_task_row_parent_class)->dispose (object);
}

static void
crm_task_row_class_init (CrmTaskRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_task_row_dispose;

  /**
   * CrmTaskRow::toggle-done:
   * @self: the row
   * @done: whether the user marked it done, or not done
   *
   * The user clicked the task's check.
   */
  signals[TOGGLE_DONE] = g_signal_new ("toggle-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                       NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tasks/crm-task-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTaskRow, box);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskRow, check);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskRow, record_button);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskRow, record_label);
  gtk_widget_class_bind_template_child (widget_class, CrmTaskRow, overdue_label);
  gtk_widget_class_bind_template_callback (widget_class, check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_task_row_init (CrmTaskRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->show_record = TRUE;
  self->show_user = TRUE;
}

/**
 * crm_task_row_new:
 *
 * Returns: (transfer floating): a row showing no task yet
 */
GtkWidget *
crm_task_row_new (void)
{
  return g_object_new (CRM_TYPE_TASK_ROW, NULL);
}

/**
 * crm_task_row_get_task:
 * @self: a #CrmTaskRow
 *
 * Returns: (transfer none) (nullable): the task shown
 */
CrmTask *
crm_task_row_get_task (CrmTaskRow *self)
{
  g_return_val_if_fail (CRM_IS_TASK_ROW (self), NULL);

  return self->task;
}

static void
update (CrmTaskRow *self,
        gint64      now)
{
  CrmTask *task = self->task;
  g_autofree char *due = NULL;
  g_autofree char *details = NULL;
  g_autofree char *record = NULL;
  gboolean done;

  /* nothing, or a list's place for a task still being read */
  if (task == NULL || crm_task_get_id (task) == 0)
    {
      gtk_label_set_text (self->title_label, "");
      gtk_label_set_text (self->details_label, "");
      gtk_widget_set_visible (self->overdue_label, FALSE);
      gtk_widget_set_visible (self->record_button, FALSE);
      return;
    }
  done = crm_task_get_done (task) != 0;
  due = crm_format_date_time (done ? crm_task_get_done (task) : crm_task_get_due (task));
  if (done && self->show_user)
    /* Translators: under a task done: when, and for whom it was */
    details = g_strdup_printf (_("Done %s · for %s"), due, crm_task_get_user_name (task));
  else if (done)
    /* Translators: under a task done: when */
    details = g_strdup_printf (_("Done %s"), due);
  else if (self->show_user)
    /* Translators: under a task: when it falls due, and for whom it is */
    details = g_strdup_printf (_("Due %s · for %s"), due, crm_task_get_user_name (task));
  else
    /* Translators: under a task: when it falls due */
    details = g_strdup_printf (_("Due %s"), due);

  self->filling = TRUE;
  gtk_check_button_set_active (self->check, done);
  self->filling = FALSE;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->check), done ? _("Mark Not Done") : _("Mark Done"));
  gtk_label_set_text (self->title_label, crm_task_get_title (task));
  gtk_label_set_text (self->details_label, details);
  gtk_widget_set_visible (self->overdue_label, crm_task_is_overdue (task, now));
  if (done)
    gtk_widget_add_css_class (GTK_WIDGET (self), "task-done");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "task-done");

  record = crm_task_dup_record_text (task);
  gtk_label_set_text (self->record_label, record != NULL ? record : "");
  gtk_widget_set_visible (self->record_button, self->show_record && record != NULL);
  /* a record deleted since opens nothing */
  gtk_widget_set_sensitive (self->record_button, crm_task_get_record_label (task) != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  crm_task_get_title (task), -1);
}

/**
 * crm_task_row_set_task:
 * @self: a #CrmTaskRow
 * @task: (nullable): the task to show
 * @now: the time now (the session's clock), for "Overdue"
 */
void
crm_task_row_set_task (CrmTaskRow *self,
                       CrmTask    *task,
                       gint64      now)
{
  g_return_if_fail (CRM_IS_TASK_ROW (self));

  g_set_object (&self->task, task);
  update (self, now);
}

/**
 * crm_task_row_set_show_record:
 * @self: a #CrmTaskRow
 * @show_record: whether to show the record the task belongs to (not on
 *   the record's own card)
 */
void
crm_task_row_set_show_record (CrmTaskRow *self,
                              gboolean    show_record)
{
  g_return_if_fail (CRM_IS_TASK_ROW (self));

  self->show_record = show_record;
  gtk_widget_set_visible (self->record_button, show_record && self->task != NULL &&
                          crm_task_get_record_module (self->task) != NULL);
}

/**
 * crm_task_row_set_show_user:
 * @self: a #CrmTaskRow
 * @show_user: whether to say whom the task is for (not in the user's own
 *   list)
 */
void
crm_task_row_set_show_user (CrmTaskRow *self,
                            gboolean    show_user)
{
  g_return_if_fail (CRM_IS_TASK_ROW (self));

  self->show_user = show_user;
}

/**
 * crm_task_row_open_record:
 * @self: a #CrmTaskRow
 *
 * Opens the record the task belongs to in the window.
 *
 * Returns: whether it has one that is still there
 */
gboolean
crm_task_row_open_record (CrmTaskRow *self)
{
  const char *action;

  g_return_val_if_fail (CRM_IS_TASK_ROW (self), FALSE);

  if (self->task == NULL || crm_task_get_record_label (self->task) == NULL ||
      (action = show_action (crm_task_get_record_module (self->task))) == NULL)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), action, "x", crm_task_get_record_id (self->task));
}
