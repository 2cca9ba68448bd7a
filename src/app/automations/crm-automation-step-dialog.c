/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-automation-step-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-automation-step-dialog.h"
#include "crm-automation-text.h"

/**
 * CrmAutomationStepDialog:
 *
 * One step of an automation edited (AU5, AU6): what it does, its delay
 * in days after the record entered, its time of day and weekdays, the
 * template or the task's title, the user it is for and the sender.
 * "Apply" emits ::applied with the step as edited; the editor keeps it
 * until the automation is saved.
 */
struct _CrmAutomationStepDialog
{
  AdwWindow             parent_instance;

  GtkWidget            *apply_button;
  AdwComboRow          *kind_row;
  GtkSpinButton        *delay_spin;
  AdwEntryRow          *time_row;
  GtkToggleButton      *days[7];
  AdwComboRow          *template_row;
  AdwEntryRow          *title_row;
  AdwComboRow          *recipient_row;
  AdwComboRow          *sender_row;
  GtkLabel             *error_label;

  CrmAutomationStep    *step;
  GArray               *template_ids;
  GtkStringList        *template_names;
  GArray               *user_ids;
};

G_DEFINE_FINAL_TYPE (CrmAutomationStepDialog, crm_automation_step_dialog, ADW_TYPE_WINDOW)

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_rows (CrmAutomationStepDialog *self)
{
  CrmAutomationStepKind kind = adw_combo_row_get_selected (self->kind_row);

  gtk_widget_set_visible (GTK_WIDGET (self->template_row), kind != CRM_AUTOMATION_STEP_TASK);
  gtk_widget_set_visible (GTK_WIDGET (self->title_row), kind == CRM_AUTOMATION_STEP_TASK);
  gtk_widget_set_visible (GTK_WIDGET (self->recipient_row), kind != CRM_AUTOMATION_STEP_EMAIL_CONTACT);
  gtk_widget_set_visible (GTK_WIDGET (self->sender_row), kind != CRM_AUTOMATION_STEP_TASK);
}

static gint64
user_at (CrmAutomationStepDialog *self,
         guint                    position)
{
  /* the first: the record's responsible user */
  if (position == 0 || position == GTK_INVALID_LIST_POSITION || position > self->user_ids->len)
    return 0;

  return g_array_index (self->user_ids, gint64, position - 1);
}

static void
apply_cb (CrmAutomationStepDialog *self)
{
  g_autoptr(CrmAutomationStep) step = crm_automation_step_copy (self->step);
  g_autoptr(GError) error = NULL;
  g_autofree char *at = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->time_row))));
  guint template = adw_combo_row_get_selected (self->template_row);
  CrmWeekdays weekdays = 0;

  step->kind = adw_combo_row_get_selected (self->kind_row);
  step->delay_days = (guint) gtk_spin_button_get_value_as_int (self->delay_spin);
  step->minute_of_day = -1;
  if (*at != '\0' && !crm_automation_parse_time_of_day (at, &step->minute_of_day, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->time_row));
      return;
    }
  for (guint i = 0; i < 7; i++)
    if (gtk_toggle_button_get_active (self->days[i]))
      weekdays |= 1 << i;
  if (weekdays == 0)
    {
      gtk_label_set_text (self->error_label, _("Choose at least one day the step may run on."));
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  step->weekdays = weekdays;

  g_clear_pointer (&step->template_name, g_free);
  g_clear_pointer (&step->task_title, g_free);
  g_clear_pointer (&step->recipient_name, g_free);
  g_clear_pointer (&step->sender_name, g_free);
  step->template_id = 0;
  step->recipient_user_id = 0;
  step->sender_user_id = 0;
  if (step->kind != CRM_AUTOMATION_STEP_TASK)
    {
      if (template == GTK_INVALID_LIST_POSITION || template >= self->template_ids->len)
        {
          gtk_label_set_text (self->error_label, _("Choose the mail’s template. Templates are written in Preferences."));
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
          return;
        }
      step->template_id = g_array_index (self->template_ids, gint64, template);
      step->template_name = g_strdup (gtk_string_list_get_string (self->template_names, template));
      step->sender_user_id = user_at (self, adw_combo_row_get_selected (self->sender_row));
    }
  else
    {
      g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

      if (*title == '\0')
        {
          gtk_label_set_text (self->error_label, _("Give the task a title."));
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
          return;
        }
      step->task_title = g_steal_pointer (&title);
    }
  if (step->kind != CRM_AUTOMATION_STEP_EMAIL_CONTACT)
    step->recipient_user_id = user_at (self, adw_combo_row_get_selected (self->recipient_row));
  if (step->recipient_user_id > 0)
    step->recipient_name = g_strdup (adw_combo_row_get_selected_item (self->recipient_row) != NULL
                                       ? gtk_string_object_get_string (adw_combo_row_get_selected_item (self->recipient_row))
                                       : NULL);
  if (step->sender_user_id > 0)
    step->sender_name = g_strdup (gtk_string_object_get_string (adw_combo_row_get_selected_item (self->sender_row)));

  g_signal_emit (self, signals[APPLIED], 0, step);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
crm_automation_step_dialog_finalize (GObject *object)
{
  CrmAutomationStepDialog *self = CRM_AUTOMATION_STEP_DIALOG (object);

  g_clear_pointer (&self->step, crm_automation_step_free);
  g_clear_pointer (&self->template_ids, g_array_unref);
  g_clear_object (&self->template_names);
  g_clear_pointer (&self->user_ids, g_array_unref);

  G_OBJECT_CLASS (crm_automation_step_dialog_parent_class)->finalize (object);
}

static void
crm_automation_step_dialog_class_init (CrmAutomationStepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = crm_automation_step_dialog_finalize;

  /**
   * CrmAutomationStepDialog::applied:
   * @step: the step as edited
   */
  signals[APPLIED] = g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, CRM_TYPE_AUTOMATION_STEP | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Crm/ui/automations/crm-automation-step-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationStepDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationStepDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationStepDialog, delay_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationStepDialog, time_row);
  gtk_widget_class_bind_template_child_full (widget_class, "monday", FALSE,
                                             G_STRUCT_OFFSET (CrmAutomationStepDialog, days[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "tuesday", FALSE,
                                             G_STRUCT_OFFSET (CrmAutomationStepDialog, days[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "wednesday", FALSE,
                                             G_STRUCT_OFFSET (CrmAutomationStepDialog, days[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "thursday", FALSE,
                                             G_STRUCT_OFFSET (CrmAutomationStepDialog, days[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "friday", FALSE,
                                             G_STRUCT_OFFSET (CrmAutomationStepDialog, days[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "saturday", FALSE,
                                             G_STRUCT_OFFSET (CrmAutomationStepDialog, days[5]));
  gtk_widget_class_bind_template_child_full (widget_class, "sunday", FALSE,
                                             G_STRUCT_OFFSET (CrmAutomationStepDialog, days[6]));
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationStepDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationStepDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationStepDialog, recipient_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationStepDialog, sender_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationStepDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_rows);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_automation_step_dialog_init (CrmAutomationStepDialog *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  for (CrmAutomationStepKind kind = CRM_AUTOMATION_STEP_EMAIL_CONTACT; kind <= CRM_AUTOMATION_STEP_TASK; kind++)
    gtk_string_list_append (kinds, crm_automation_kind_label (kind));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
}

static GtkStringList *
users_with_responsible (const CrmAutomationChoices *choices)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  /* Translators: who a step's mail or task is for, or sent as */
  gtk_string_list_append (list, _("The record’s responsible user"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (choices->user_names)); i++)
    gtk_string_list_append (list, gtk_string_list_get_string (choices->user_names, i));

  return list;
}

/**
 * crm_automation_step_dialog_new:
 * @parent: the editor
 * @choices: the templates and users to choose from
 * @step: the step to edit (a copy is edited)
 *
 * Returns: (transfer none): the dialog, to be presented
 */
GtkWidget *
crm_automation_step_dialog_new (GtkWindow                   *parent,
                                const CrmAutomationChoices  *choices,
                                const CrmAutomationStep     *step)
{
  CrmAutomationStepDialog *self = g_object_new (CRM_TYPE_AUTOMATION_STEP_DIALOG,
                                                "transient-for", parent,
                                                "modal", TRUE,
                                                NULL);
  g_autoptr(GtkStringList) recipients = users_with_responsible (choices);
  g_autoptr(GtkStringList) senders = users_with_responsible (choices);
  guint found;

  self->step = crm_automation_step_copy (step);
  self->template_ids = g_array_ref (choices->template_ids);
  self->template_names = g_object_ref (choices->template_names);
  self->user_ids = g_array_ref (choices->user_ids);

  adw_combo_row_set_selected (self->kind_row, step->kind);
  gtk_spin_button_set_value (self->delay_spin, step->delay_days);
  if (step->minute_of_day >= 0)
    {
      g_autofree char *at = g_strdup_printf ("%02d:%02d", step->minute_of_day / 60, step->minute_of_day % 60);

      gtk_editable_set_text (GTK_EDITABLE (self->time_row), at);
    }
  for (guint i = 0; i < 7; i++)
    gtk_toggle_button_set_active (self->days[i], step->weekdays == 0 || (step->weekdays & (1 << i)) != 0);
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (choices->template_names));
  found = crm_automation_choices_find (choices->template_ids, step->template_id);
  adw_combo_row_set_selected (self->template_row, found != GTK_INVALID_LIST_POSITION ? found : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), step->task_title ? step->task_title : "");
  adw_combo_row_set_model (self->recipient_row, G_LIST_MODEL (recipients));
  found = crm_automation_choices_find (choices->user_ids, step->recipient_user_id);
  adw_combo_row_set_selected (self->recipient_row, found != GTK_INVALID_LIST_POSITION ? found + 1 : 0);
  adw_combo_row_set_model (self->sender_row, G_LIST_MODEL (senders));
  found = crm_automation_choices_find (choices->user_ids, step->sender_user_id);
  adw_combo_row_set_selected (self->sender_row, found != GTK_INVALID_LIST_POSITION ? found + 1 : 0);
  update_rows (self);

  return GTK_WIDGET (self);
}
