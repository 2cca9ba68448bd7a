/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-automation-log"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-automation-log.h"
#include "crm-automation-text.h"
#include "crm-format.h"
#include "crm-widget-write.h"

/**
 * CrmAutomationLog:
 *
 * An automation's log ("see after"): each step of each record's entry,
 * waiting, done, skipped or failed, with when it was due, when it was
 * done, why, and whether it was caught up after the application had
 * been closed. Read a page at a time (crm_automation_store_list_runs ()
 * after the last run shown) as the list is scrolled to its end. A
 * ticket's or request's run opens the ticket; a mail or a task it made
 * is named by its number.
 */
struct _CrmAutomationLog
{
  AdwWindow      parent_instance;

  /* template widgets */
  GtkStack      *stack;
  GtkListBox    *list;
  GtkScrolledWindow *scrolled;

  /* owned */
  CrmSession    *session;
  GCancellable  *cancellable;
  gint64         automation_id;
  gint64         last_id;
  guint          n_rows;
  gboolean       loading;
  gboolean       at_end;
};

G_DEFINE_FINAL_TYPE (CrmAutomationLog, crm_automation_log, ADW_TYPE_WINDOW)

#define PAGE_SIZE 50

typedef struct
{
  gint64 automation_id;
  gint64 after_id;
} Paging;

static gboolean
page_func (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  Paging *paging = data;
  CrmAutomationStore *store = crm_automation_store_from_session (reader);
  GPtrArray *runs = crm_automation_store_list_runs (store, paging->automation_id, paging->after_id, PAGE_SIZE, error);

  *result = runs;

  return runs != NULL;
}

static const char *
state_class (CrmAutomationRunState state)
{
  switch (state)
    {
    case CRM_AUTOMATION_RUN_DONE:
      return "success";
    case CRM_AUTOMATION_RUN_FAILED:
      return "error";
    case CRM_AUTOMATION_RUN_SKIPPED:
      return "warning";
    case CRM_AUTOMATION_RUN_WAITING:
    default:
      return "dim-label";
    }
}

static GtkWidget *
tag (const char *text,
     const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_add_css_class (label, "caption-heading");

  return label;
}

static GtkWidget *
run_row (CrmAutomationLog       *self,
         const CrmAutomationRun *run,
         const char             *module)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = g_strdup_printf ("%s — %u. %s", run->record_label ? run->record_label : "",
                                            run->position, crm_automation_kind_label (run->kind));
  g_autofree char *due = crm_format_date_time (run->due_at);
  g_autofree char *done = run->done_at > 0 ? crm_format_date_time (run->done_at) : NULL;
  GString *subtitle = g_string_new (NULL);

  /* Translators: when an automation's step was due */
  g_string_append_printf (subtitle, _("Due %s"), due);
  if (done != NULL)
    /* Translators: when an automation's step was done, skipped or failed */
    g_string_append_printf (subtitle, _(" · Done at %s"), done);
  if (run->recipient != NULL)
    /* Translators: to whom an automation's mail went, or whom its task is for */
    g_string_append_printf (subtitle, _(" · To %s"), run->recipient);
  if (run->outbox_id > 0)
    /* Translators: the mail an automation's step queued */
    g_string_append_printf (subtitle, _(" · Mail %lld in the outbox"), (long long) run->outbox_id);
  if (run->task_id > 0)
    /* Translators: the task an automation's step made */
    g_string_append_printf (subtitle, _(" · Task %lld"), (long long) run->task_id);
  if (run->reason != NULL)
    g_string_append_printf (subtitle, "\n%s", run->reason);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  g_string_free (subtitle, TRUE);
  if (run->caught_up)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag (_("Caught up"), "accent"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag (crm_automation_state_label (run->state),
                                                        state_class (run->state)));
  if (g_strcmp0 (module, "tickets") == 0 || g_strcmp0 (module, "requests") == 0)
    {
      GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");

      gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (open, "flat");
      gtk_widget_set_tooltip_text (open, g_strcmp0 (module, "tickets") == 0 ? _("Open the Ticket")
                                                                           : _("Open the Request"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "log.show-ticket");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "x", run->record_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
    }

  return row;
}

static void load_page (CrmAutomationLog *self);

static void
page_cb (GtkWidget    *widget,
         gpointer      result,
         const GError *error)
{
  CrmAutomationLog *self = CRM_AUTOMATION_LOG (widget);
  GPtrArray *runs = result;

  self->loading = FALSE;
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          GtkWidget *label = gtk_label_new (error->message);

          gtk_widget_add_css_class (label, "error");
          gtk_list_box_append (self->list, label);
          gtk_stack_set_visible_child_name (self->stack, "list");
        }
      self->at_end = TRUE;
      return;
    }
  for (guint i = 0; i < runs->len; i++)
    {
      CrmAutomationRun *run = g_ptr_array_index (runs, i);

      gtk_list_box_append (self->list, run_row (self, run, g_object_get_data (G_OBJECT (self), "crm-module")));
      self->last_id = run->id;
      self->n_rows++;
    }
  self->at_end = runs->len < PAGE_SIZE;
  gtk_stack_set_visible_child_name (self->stack, self->n_rows > 0 ? "list" : "empty");
}

static void
load_page (CrmAutomationLog *self)
{
  Paging *paging;

  if (self->loading || self->at_end)
    return;
  self->loading = TRUE;
  paging = g_new0 (Paging, 1);
  paging->automation_id = self->automation_id;
  paging->after_id = self->last_id;
  crm_widget_read (GTK_WIDGET (self), self->session, page_func, paging, g_free,
                   (GDestroyNotify) g_ptr_array_unref, self->cancellable, page_cb);
}

/* near the end of what is shown: the next page */
static void
scrolled_cb (CrmAutomationLog *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);

  if (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) >
      gtk_adjustment_get_upper (adjustment) - 300)
    load_page (self);
}

static void
show_ticket_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent == NULL)
    return;
  gtk_widget_activate_action_variant (GTK_WIDGET (parent), "win.show-ticket", parameter);
  gtk_window_present (parent);
}

static void
crm_automation_log_dispose (GObject *object)
{
  CrmAutomationLog *self = CRM_AUTOMATION_LOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_AUTOMATION_LOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_automation_log_parent_class)->dispose (object);
}

static void
crm_automation_log_class_init (CrmAutomationLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_automation_log_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/automations/crm-automation-log.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationLog, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationLog, list);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationLog, scrolled);
  gtk_widget_class_install_action (widget_class, "log.show-ticket", "x", show_ticket_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_automation_log_init (CrmAutomationLog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->scrolled), "value-changed",
                           G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
}

/* the automation's name and module for the title, then its first page */
static gboolean
head_func (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  CrmAutomation *automation = crm_automation_store_get (crm_automation_store_from_session (reader),
                                                        *(gint64 *) data, error);

  *result = automation;

  return automation != NULL;
}

static void
head_cb (GtkWidget    *widget,
         gpointer      result,
         const GError *error)
{
  CrmAutomationLog *self = CRM_AUTOMATION_LOG (widget);
  CrmAutomation *automation = result;
  g_autofree char *title = NULL;

  if (automation == NULL)
    {
      page_cb (widget, NULL, error);
      return;
    }
  /* Translators: the log's window title: the automation's name */
  title = g_strdup_printf (_("Log of “%s”"), automation->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  g_object_set_data_full (G_OBJECT (self), "crm-module", g_strdup (automation->module), g_free);
  self->loading = FALSE;
  load_page (self);
}

/**
 * crm_automation_log_new:
 * @parent: the main window: a ticket opens there
 * @session: its session
 * @automation_id: the automation
 *
 * Returns: (transfer none): the log's window, to be presented
 */
GtkWidget *
crm_automation_log_new (GtkWindow  *parent,
                        CrmSession *session,
                        gint64      automation_id)
{
  CrmAutomationLog *self = g_object_new (CRM_TYPE_AUTOMATION_LOG, "transient-for", parent, NULL);

  self->session = g_object_ref (session);
  self->automation_id = automation_id;
  self->loading = TRUE;
  crm_widget_read (GTK_WIDGET (self), session, head_func, g_memdup2 (&automation_id, sizeof automation_id), g_free,
                   (GDestroyNotify) crm_automation_free, self->cancellable, head_cb);

  return GTK_WIDGET (self);
}

guint
crm_automation_log_get_n_rows (CrmAutomationLog *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_LOG (self), 0);

  return self->n_rows;
}

gboolean
crm_automation_log_is_loading (CrmAutomationLog *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATION_LOG (self), FALSE);

  return self->loading;
}
