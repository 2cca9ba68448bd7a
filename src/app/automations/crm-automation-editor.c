/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-automation-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-automation-editor-private.h"
#include "crm-automation-text.h"
#include "crm-widget-write.h"

/**
 * CrmAutomationEditor:
 *
 * A new automation, or one edited (AU2-AU7): its name; the records it
 * selects, by a ticket status or a saved view (AU2); only new ones
 * (AU3); continuous or one-time (AU4); what becomes of steps due while
 * the application was closed; and its steps (crm-automation-editor-
 * steps.c). Read and saved off the main loop; saving an active
 * automation makes a new version, and the editor says so.
 */

G_DEFINE_FINAL_TYPE (CrmAutomationEditor, crm_automation_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the selector's choices, in the dropdown's order when both are there */
enum {
  BY_STATUS,
  BY_VIEW,
};

typedef struct
{
  char                 *module;
  gint64                id;
  CrmAutomation        *automation;
  CrmAutomationChoices *choices;
} Loading;

static void
loading_free (gpointer data)
{
  Loading *loading = data;

  g_free (loading->module);
  g_clear_pointer (&loading->automation, crm_automation_free);
  g_clear_pointer (&loading->choices, crm_automation_choices_free);
  g_free (loading);
}

static gboolean
load_func (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  Loading *loading = data;
  Loading *loaded = g_new0 (Loading, 1);

  loaded->choices = crm_automation_choices_new ();
  if (loading->id > 0 &&
      !(loaded->automation = crm_automation_store_get (crm_automation_store_from_session (reader), loading->id,
                                                       error)))
    {
      loading_free (loaded);
      return FALSE;
    }
  loaded->module = g_strdup (loaded->automation != NULL ? loaded->automation->module : loading->module);
  if (!crm_automation_choices_read (reader, loaded->module, loaded->choices, error))
    {
      loading_free (loaded);
      return FALSE;
    }
  *result = loaded;

  return TRUE;
}

/* The selector offers what the module has: statuses (tickets and
 * requests) and saved views. */
static gboolean
has_statuses (CrmAutomationEditor *self)
{
  return self->choices != NULL && self->choices->status_ids->len > 0;
}

static gboolean
has_views (CrmAutomationEditor *self)
{
  return self->choices != NULL && self->choices->view_ids->len > 0;
}

static int
selector (CrmAutomationEditor *self)
{
  if (!has_statuses (self))
    return has_views (self) ? BY_VIEW : -1;
  if (!has_views (self))
    return BY_STATUS;

  return adw_combo_row_get_selected (self->selector_row) == 1 ? BY_VIEW : BY_STATUS;
}

static void
update_selector (CrmAutomationEditor *self)
{
  int by = selector (self);

  gtk_widget_set_visible (GTK_WIDGET (self->selector_row), has_statuses (self) && has_views (self));
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), by == BY_STATUS);
  gtk_widget_set_visible (GTK_WIDGET (self->view_row), by == BY_VIEW);
  gtk_widget_set_visible (GTK_WIDGET (self->no_selection_label), !self->loading && by < 0);
  gtk_widget_set_sensitive (self->save_button, !self->loading && !self->saving && by >= 0);
}

static void
show_version (CrmAutomationEditor *self)
{
  g_autofree char *text = NULL;

  if (self->automation == NULL || !self->automation->active)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->version_label), FALSE);
      return;
    }
  text = g_strdup_printf (_("This automation is active. Saving a change makes version %lld; the records already "
                            "inside keep version %lld and its steps."),
                          (long long) self->automation->version + 1, (long long) self->automation->version);
  gtk_label_set_text (self->version_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->version_label), TRUE);
}

static void
loaded_cb (GtkWidget    *widget,
           gpointer      result,
           const GError *error)
{
  CrmAutomationEditor *self = CRM_AUTOMATION_EDITOR (widget);
  Loading *loaded = result;
  CrmAutomation *automation;
  guint found;

  self->loading = FALSE;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      update_selector (self);
      return;
    }
  self->choices = g_steal_pointer (&loaded->choices);
  self->automation = g_steal_pointer (&loaded->automation);
  g_free (self->module);
  self->module = g_strdup (loaded->module);
  automation = self->automation;

  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (self->choices->status_names));
  adw_combo_row_set_model (self->view_row, G_LIST_MODEL (self->choices->view_names));
  if (automation != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), automation->name);
      if ((found = crm_automation_choices_find (self->choices->status_ids, automation->status_id)) !=
          GTK_INVALID_LIST_POSITION)
        adw_combo_row_set_selected (self->status_row, found);
      if ((found = crm_automation_choices_find (self->choices->view_ids, automation->view_id)) !=
          GTK_INVALID_LIST_POSITION)
        {
          adw_combo_row_set_selected (self->view_row, found);
          adw_combo_row_set_selected (self->selector_row, 1);
        }
      gtk_switch_set_active (self->only_new_switch, automation->only_new);
      adw_combo_row_set_selected (self->runs_row, automation->one_time ? 1 : 0);
      adw_combo_row_set_selected (self->catch_up_row, automation->catch_up);
      /* how records enter changes only while it is inactive */
      gtk_widget_set_sensitive (GTK_WIDGET (self->only_new_switch), !automation->active);
      gtk_widget_set_sensitive (GTK_WIDGET (self->runs_row), !automation->active);
      for (guint i = 0; automation->steps != NULL && i < automation->steps->len; i++)
        g_ptr_array_add (self->steps, crm_automation_step_copy (g_ptr_array_index (automation->steps, i)));
      gtk_window_set_title (GTK_WINDOW (self), automation->name);
    }
  show_version (self);
  gtk_widget_set_sensitive (self->content, TRUE);
  update_selector (self);
  _crm_automation_editor_show_steps (self, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/* Saving: the automation's settings, then its steps made what the
 * editor shows, place by place (a changed place updated, places added
 * or removed at the end), each step's id read again after every change
 * since a new version gives its steps new ids. */
typedef struct
{
  CrmAutomation *automation;   /* with its steps as edited */
  char          *module;
  gboolean       adding;
  gint64         saved_id;     /* out */
} Saving;

static void
saving_free (gpointer data)
{
  Saving *saving = data;

  crm_automation_free (saving->automation);
  g_free (saving->module);
  g_free (saving);
}

static gboolean
same_step (const CrmAutomationStep *a,
           const CrmAutomationStep *b)
{
  return a->kind == b->kind && a->delay_days == b->delay_days && a->minute_of_day == b->minute_of_day &&
         a->weekdays == b->weekdays && a->template_id == b->template_id &&
         g_strcmp0 (a->task_title, b->task_title) == 0 && a->recipient_user_id == b->recipient_user_id &&
         a->sender_user_id == b->sender_user_id;
}

/* The whole edit in one transaction: a refusal or a crash half way
 * leaves the automation as it was, never a version half edited. */
static gboolean
save_tx (CrmSession  *writer,
         gpointer     data,
         GError     **error)
{
  Saving *saving = data;
  CrmAutomationStore *store = crm_automation_store_from_session (writer);
  CrmAutomation *wanted = saving->automation;
  GPtrArray *steps = wanted->steps;
  gint64 id = wanted->id;

  if (saving->adding)
    {
      if (!(id = crm_automation_store_add (store, saving->module, wanted->name, wanted->status_id, wanted->view_id,
                                           wanted->only_new, wanted->one_time, wanted->catch_up, error)))
        return FALSE;
    }
  else if (!crm_automation_store_update (store, wanted, error))
    return FALSE;

  for (guint i = 0;; i++)
    {
      g_autoptr(CrmAutomation) stored = crm_automation_store_get (store, id, error);
      CrmAutomationStep *have;

      if (stored == NULL)
        return FALSE;
      if (i >= steps->len)
        {
          /* places beyond the edited ones: removed from the end */
          if (stored->steps->len <= steps->len)
            break;
          have = g_ptr_array_index (stored->steps, stored->steps->len - 1);
          if (!crm_automation_store_remove_step (store, have->id, error))
            return FALSE;
          continue;
        }
      if (i >= stored->steps->len)
        {
          if (!crm_automation_store_add_step (store, id, g_ptr_array_index (steps, i), error))
            return FALSE;
          continue;
        }
      have = g_ptr_array_index (stored->steps, i);
      if (!same_step (have, g_ptr_array_index (steps, i)) &&
          !crm_automation_store_update_step (store, have->id, g_ptr_array_index (steps, i), error))
        return FALSE;
    }
  saving->saved_id = id;

  return TRUE;
}

static gboolean
save_func (CrmSession    *writer,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  Saving *saving = data;

  if (!crm_session_run_in_transaction (writer, save_tx, saving, error))
    return FALSE;
  *result = g_memdup2 (&saving->saved_id, sizeof saving->saved_id);

  return TRUE;
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CrmAutomationEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *id = crm_session_write_finish (CRM_SESSION (object), result, &error);
  self->saving = FALSE;
  update_selector (self);
  if (id == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, *id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_cb (CrmAutomationEditor *self)
{
  Saving *saving;
  CrmAutomation *automation;
  int by = selector (self);
  guint chosen;

  if (self->loading || self->saving || by < 0)
    return;
  saving = g_new0 (Saving, 1);
  saving->adding = self->automation == NULL;
  saving->module = g_strdup (self->module);
  saving->automation = automation = self->automation != NULL ? crm_automation_copy (self->automation)
                                                             : g_new0 (CrmAutomation, 1);
  g_free (automation->name);
  automation->name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  automation->status_id = 0;
  automation->view_id = 0;
  if (by == BY_STATUS && (chosen = adw_combo_row_get_selected (self->status_row)) < self->choices->status_ids->len)
    automation->status_id = g_array_index (self->choices->status_ids, gint64, chosen);
  if (by == BY_VIEW && (chosen = adw_combo_row_get_selected (self->view_row)) < self->choices->view_ids->len)
    automation->view_id = g_array_index (self->choices->view_ids, gint64, chosen);
  automation->only_new = gtk_switch_get_active (self->only_new_switch);
  automation->one_time = adw_combo_row_get_selected (self->runs_row) == 1;
  automation->catch_up = (CrmCatchUp) adw_combo_row_get_selected (self->catch_up_row);
  if (automation->steps != NULL)
    g_ptr_array_unref (automation->steps);
  automation->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_automation_step_free);
  for (guint i = 0; i < self->steps->len; i++)
    g_ptr_array_add (automation->steps, crm_automation_step_copy (g_ptr_array_index (self->steps, i)));

  self->saving = TRUE;
  update_selector (self);
  crm_session_write_async (self->session, save_func, saving, saving_free, g_free, NULL, saved_cb,
                           g_object_ref (self));
}

static void
crm_automation_editor_dispose (GObject *object)
{
  CrmAutomationEditor *self = CRM_AUTOMATION_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_AUTOMATION_EDITOR);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->module, g_free);
  g_clear_pointer (&self->automation, crm_automation_free);
  g_clear_pointer (&self->choices, crm_automation_choices_free);
  g_clear_pointer (&self->steps, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_automation_editor_parent_class)->dispose (object);
}

static void
crm_automation_editor_class_init (CrmAutomationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_automation_editor_dispose;

  /**
   * CrmAutomationEditor::saved:
   * @id: the automation's id
   *
   * The automation was saved; the editor closes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Crm/ui/automations/crm-automation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, content);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, version_label);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, selector_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, view_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, no_selection_label);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, only_new_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, runs_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, catch_up_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, steps_list);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationEditor, palette);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_selector);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, (GtkWidgetActionActivateFunc) save_cb);
  _crm_automation_editor_steps_class_init (widget_class);
}

static void
crm_automation_editor_init (CrmAutomationEditor *self)
{
  g_autoptr(GtkStringList) selectors = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) runs = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) policies = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* Translators: how an automation selects its records */
  gtk_string_list_append (selectors, _("By Status"));
  gtk_string_list_append (selectors, _("By Saved View"));
  adw_combo_row_set_model (self->selector_row, G_LIST_MODEL (selectors));
  /* Translators: an automation's records enter and leave as they change, or it runs once over them */
  gtk_string_list_append (runs, _("Continuous"));
  gtk_string_list_append (runs, _("One-time"));
  adw_combo_row_set_model (self->runs_row, G_LIST_MODEL (runs));
  for (CrmCatchUp policy = CRM_CATCH_UP_LATE; policy <= CRM_CATCH_UP_SKIP; policy++)
    gtk_string_list_append (policies, crm_automation_catch_up_label (policy));
  adw_combo_row_set_model (self->catch_up_row, G_LIST_MODEL (policies));
  _crm_automation_editor_steps_init (self);
}

/**
 * crm_automation_editor_new:
 * @parent: the main window
 * @session: its session
 * @module: a new automation's module
 * @automation_id: the automation to edit, or 0 for a new one
 *
 * Returns: (transfer none): the editor, to be presented
 */
GtkWidget *
crm_automation_editor_new (GtkWindow  *parent,
                           CrmSession *session,
                           const char *module,
                           gint64      automation_id)
{
  CrmAutomationEditor *self = g_object_new (CRM_TYPE_AUTOMATION_EDITOR,
                                            "transient-for", parent,
                                            NULL);
  Loading *loading = g_new0 (Loading, 1);
  g_autofree char *title = g_strdup_printf (_("New Automation of %s"), crm_automation_module_label (module));

  self->session = g_object_ref (session);
  self->module = g_strdup (module);
  self->loading = TRUE;
  if (automation_id == 0)
    gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_sensitive (self->content, FALSE);
  update_selector (self);
  loading->module = g_strdup (module);
  loading->id = automation_id;
  crm_widget_read (GTK_WIDGET (self), session, load_func, loading, loading_free, loading_free, self->cancellable,
                   loaded_cb);

  return GTK_WIDGET (self);
}

gboolean
crm_automation_editor_is_loading (CrmAutomationEditor *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_EDITOR (self), FALSE);

  return self->loading || self->saving;
}

guint
crm_automation_editor_get_n_steps (CrmAutomationEditor *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_EDITOR (self), 0);

  return self->steps->len;
}

const CrmAutomationStep *
crm_automation_editor_get_step (CrmAutomationEditor *self,
                                guint                position)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_EDITOR (self), NULL);
  g_return_val_if_fail (position < self->steps->len, NULL);

  return g_ptr_array_index (self->steps, position);
}
