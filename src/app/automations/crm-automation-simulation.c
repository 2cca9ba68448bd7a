/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-automation-simulation"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-automation-simulation.h"
#include "crm-automation-text.h"
#include "crm-format.h"
#include "crm-widget-write.h"

/**
 * CrmAutomationSimulation:
 *
 * "Simulate" ("see before"): who would enter the automation now, and
 * each step it would run over the next days (14 unless the spin says
 * otherwise): when, what, to whom, and why it would be skipped as
 * things are now. Nothing is sent or made; read off the main loop
 * (crm_automation_store_simulate ()), again when the days change.
 */
struct _CrmAutomationSimulation
{
  AdwWindow        parent_instance;

  /* template widgets */
  GtkSpinButton   *days_spin;
  GtkLabel        *summary_label;
  GtkStack        *stack;
  GtkListBox      *list;
  AdwStatusPage   *empty_page;

  /* owned */
  CrmSession      *session;
  GCancellable    *cancellable;
  gint64           automation_id;
  guint            n_rows;
  guint            reading;
};

G_DEFINE_FINAL_TYPE (CrmAutomationSimulation, crm_automation_simulation, ADW_TYPE_WINDOW)

/* the first steps in time; a simulation is read, not walked */
#define SIMULATION_LIMIT 500

typedef struct
{
  gint64 id;
  guint  days;
} Asking;

typedef struct
{
  GPtrArray *plans;
  guint      entering;
  guint      days;
} Simulated;

static void
simulated_free (gpointer data)
{
  Simulated *simulated = data;

  g_clear_pointer (&simulated->plans, g_ptr_array_unref);
  g_free (simulated);
}

static gboolean
simulate_func (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  Asking *asking = data;
  Simulated *simulated = g_new0 (Simulated, 1);

  simulated->days = asking->days;
  simulated->plans = crm_automation_store_simulate (crm_automation_store_from_session (reader), asking->id,
                                                    asking->days, SIMULATION_LIMIT, &simulated->entering, error);
  if (simulated->plans == NULL)
    {
      simulated_free (simulated);
      return FALSE;
    }
  *result = simulated;

  return TRUE;
}

static GtkWidget *
plan_row (const CrmAutomationPlan *plan)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = crm_format_date_time (plan->due_at);
  /* Translators: a simulated step: when, its place and what it does */
  g_autofree char *title = g_strdup_printf (_("%s — %u. %s"), when, plan->position, crm_automation_kind_label (plan->kind));
  GString *subtitle = g_string_new (plan->record_label ? plan->record_label : "");

  if (plan->recipient != NULL)
    /* Translators: to whom a simulated step's mail goes, or whom its task is for */
    g_string_append_printf (subtitle, _(" → %s"), plan->recipient);
  if (plan->what != NULL)
    g_string_append_printf (subtitle, " · %s", plan->what);
  if (plan->skip_reason != NULL)
    /* Translators: why a simulated step would be skipped */
    g_string_append_printf (subtitle, _("\nWould be skipped: %s"), plan->skip_reason);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  g_string_free (subtitle, TRUE);
  if (plan->entering)
    {
      /* Translators: a simulated step of a record not inside yet */
      GtkWidget *label = gtk_label_new (_("Would enter now"));

      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "accent");
      gtk_widget_add_css_class (label, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  return row;
}

static void
simulated_cb (GtkWidget    *widget,
              gpointer      result,
              const GError *error)
{
  CrmAutomationSimulation *self = CRM_AUTOMATION_SIMULATION (widget);
  Simulated *simulated = result;
  GtkListBoxRow *row;
  g_autofree char *entering = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *summary = NULL;

  if (--self->reading > 0)
    return;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->summary_label, error->message);
      return;
    }
  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  for (guint i = 0; i < simulated->plans->len; i++)
    gtk_list_box_append (self->list, plan_row (g_ptr_array_index (simulated->plans, i)));
  self->n_rows = simulated->plans->len;

  entering = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record would enter now",
                                           "%u records would enter now", simulated->entering),
                              simulated->entering);
  steps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step in the next %u days",
                                        "%u steps in the next %u days", simulated->plans->len),
                           simulated->plans->len, simulated->days);
  /* Translators: a simulation's summary: records entering; steps over the days. Nothing is sent. */
  summary = g_strdup_printf (_("%s; %s. Nothing is sent or made."), entering, steps);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, self->n_rows > 0 ? "list" : "empty");
}

static void
simulate (CrmAutomationSimulation *self)
{
  Asking *asking = g_new0 (Asking, 1);

  asking->id = self->automation_id;
  asking->days = (guint) gtk_spin_button_get_value_as_int (self->days_spin);
  self->reading++;
  crm_widget_read (GTK_WIDGET (self), self->session, simulate_func, asking, g_free, simulated_free, self->cancellable,
                   simulated_cb);
}

static void
days_changed_cb (CrmAutomationSimulation *self)
{
  if (self->session != NULL)
    simulate (self);
}

static void
crm_automation_simulation_dispose (GObject *object)
{
  CrmAutomationSimulation *self = CRM_AUTOMATION_SIMULATION (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_AUTOMATION_SIMULATION);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_automation_simulation_parent_class)->dispose (object);
}

static void
crm_automation_simulation_class_init (CrmAutomationSimulationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_automation_simulation_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Crm/ui/automations/crm-automation-simulation.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationSimulation, days_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationSimulation, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationSimulation, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationSimulation, list);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationSimulation, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, days_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_automation_simulation_init (CrmAutomationSimulation *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_spin_button_set_range (self->days_spin, 1, CRM_AUTOMATION_MAX_SIMULATE_DAYS);
  gtk_spin_button_set_value (self->days_spin, 14);
}

/**
 * crm_automation_simulation_new:
 * @parent: the main window
 * @session: its session
 * @automation_id: the automation
 *
 * Returns: (transfer none): the simulation's window, reading
 */
GtkWidget *
crm_automation_simulation_new (GtkWindow  *parent,
                               CrmSession *session,
                               gint64      automation_id)
{
  CrmAutomationSimulation *self = g_object_new (CRM_TYPE_AUTOMATION_SIMULATION, "transient-for", parent, NULL);

  self->session = g_object_ref (session);
  self->automation_id = automation_id;
  simulate (self);

  return GTK_WIDGET (self);
}

guint
crm_automation_simulation_get_n_rows (CrmAutomationSimulation *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_SIMULATION (self), 0);

  return self->n_rows;
}

gboolean
crm_automation_simulation_is_loading (CrmAutomationSimulation *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_SIMULATION (self), FALSE);

  return self->reading > 0;
}
