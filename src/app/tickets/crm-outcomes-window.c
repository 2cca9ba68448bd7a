/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-outcomes-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-outcomes-window.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmOutcomesWindow:
 *
 * How requests ended in a period, for managers (RQ9): won, won't buy
 * and spam, the reasons why clients did not buy as a bar chart, and
 * each manager's figures. Read on a worker
 * (crm_ticket_store_count_outcomes ()); read again when a ticket
 * changes.
 */
struct _CrmOutcomesWindow
{
  AdwWindow            parent_instance;

  GtkDropDown         *period;
  GtkStack            *stack;
  AdwPreferencesGroup *summary;
  AdwPreferencesGroup *reasons;
  AdwPreferencesGroup *managers;

  CrmSession          *session;
  GCancellable        *cancellable;
  GPtrArray           *rows;   /* (element-type GtkWidget): what the groups show */
  gboolean             read;
};

G_DEFINE_FINAL_TYPE (CrmOutcomesWindow, crm_outcomes_window, ADW_TYPE_WINDOW)

enum {
  PERIOD_THIS_MONTH,
  PERIOD_LAST_MONTH,
  PERIOD_THIS_YEAR,
  PERIOD_ALL,
};

typedef struct
{
  gint64 from;
  gint64 to;
} Period;

static void reload (CrmOutcomesWindow *self);

/* The period chosen, as Unix times, in the user's time zone. */
static Period
period_times (CrmOutcomesWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (crm_clock_now_unix (crm_session_get_clock (self->session)));
  g_autoptr(GDateTime) month = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now), 1, 0, 0, 0);
  Period period = { 0, 0 };

  switch (gtk_drop_down_get_selected (self->period))
    {
    case PERIOD_THIS_MONTH:
      period.from = g_date_time_to_unix (month);
      break;
    case PERIOD_LAST_MONTH:
      {
        g_autoptr(GDateTime) last = g_date_time_add_months (month, -1);

        period.from = g_date_time_to_unix (last);
        period.to = g_date_time_to_unix (month);
      }
      break;
    case PERIOD_THIS_YEAR:
      {
        g_autoptr(GDateTime) year = g_date_time_new_local (g_date_time_get_year (now), 1, 1, 0, 0, 0);

        period.from = g_date_time_to_unix (year);
      }
      break;
    case PERIOD_ALL:
    default:
      break;
    }

  return period;
}

static gboolean
read_outcomes (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  const Period *period = data;

  *result = crm_ticket_store_count_outcomes (crm_ticket_store_from_session (reader), period->from, period->to, error);

  return *result != NULL;
}

static void
add_row (CrmOutcomesWindow   *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         guint                count,
         guint                most)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *number = g_strdup_printf ("%u", count);
  GtkWidget *label = gtk_label_new (number);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* the bar of the chart: as long as the count, against the largest */
  if (most > 0)
    {
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, most);

      gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), count);
      gtk_widget_set_size_request (bar, 160, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      /* one colour for every bar: no "low" or "full" meaning */
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
      gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
      gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
    }
  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_set_size_request (label, 40, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

typedef struct
{
  char  *name;
  guint  counts[CRM_TICKET_OUTCOME_SPAM + 1];
} Manager;

static void
manager_free (gpointer data)
{
  Manager *manager = data;

  g_free (manager->name);
  g_free (manager);
}

static void
show_outcomes (CrmOutcomesWindow *self,
               GPtrArray         *counts)
{
  g_autoptr(GHashTable) by_manager = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) managers = g_ptr_array_new_with_free_func (manager_free);
  g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) reason_order = g_ptr_array_new ();
  guint totals[CRM_TICKET_OUTCOME_SPAM + 1] = { 0 };
  guint most_reason = 0, total = 0;
  static const char *labels[] = { NULL, N_("Won"), N_("Won’t buy"), N_("Spam") };

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);

      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < counts->len; i++)
    {
      CrmOutcomeCount *count = g_ptr_array_index (counts, i);
      Manager *manager = g_hash_table_lookup (by_manager, &count->manager_id);

      totals[count->outcome] += count->count;
      total += count->count;
      if (manager == NULL)
        {
          manager = g_new0 (Manager, 1);
          manager->name = g_strdup (count->manager != NULL ? count->manager : C_("manager", "Nobody"));
          g_ptr_array_add (managers, manager);
          g_hash_table_insert (by_manager, &count->manager_id, manager);
        }
      manager->counts[count->outcome] += count->count;
      /* the counts come most frequent reason first */
      if (count->outcome == CRM_TICKET_OUTCOME_WONT_BUY && count->reason != NULL)
        {
          guint sum = GPOINTER_TO_UINT (g_hash_table_lookup (reasons, count->reason)) + count->count;

          if (!g_hash_table_contains (reasons, count->reason))
            g_ptr_array_add (reason_order, count->reason);
          g_hash_table_insert (reasons, count->reason, GUINT_TO_POINTER (sum));
          most_reason = MAX (most_reason, sum);
        }
    }

  if (total == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint o = CRM_TICKET_OUTCOME_WON; o <= CRM_TICKET_OUTCOME_SPAM; o++)
    add_row (self, self->summary, _(labels[o]), NULL, totals[o], total);
  for (guint i = 0; i < reason_order->len; i++)
    {
      const char *reason = g_ptr_array_index (reason_order, i);

      add_row (self, self->reasons, reason, NULL, GPOINTER_TO_UINT (g_hash_table_lookup (reasons, reason)), most_reason);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->reasons), reason_order->len > 0);
  for (guint i = 0; i < managers->len; i++)
    {
      Manager *manager = g_ptr_array_index (managers, i);
      /* Translators: a manager's requests closed in a period, by outcome */
      g_autofree char *line = g_strdup_printf (_("Won %u · won’t buy %u · spam %u"),
                                               manager->counts[CRM_TICKET_OUTCOME_WON],
                                               manager->counts[CRM_TICKET_OUTCOME_WONT_BUY],
                                               manager->counts[CRM_TICKET_OUTCOME_SPAM]);

      add_row (self, self->managers, manager->name, line, manager->counts[CRM_TICKET_OUTCOME_WON],
               totals[CRM_TICKET_OUTCOME_WON]);
    }
  gtk_stack_set_visible_child_name (self->stack, "figures");
}

static void
outcomes_read_cb (GtkWidget    *widget,
                  gpointer      result,
                  const GError *error)
{
  CrmOutcomesWindow *self = CRM_OUTCOMES_WINDOW (widget);

  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        crm_toast_show (widget, error->message);
      return;
    }
  show_outcomes (self, result);
  self->read = TRUE;
}

static void
reload (CrmOutcomesWindow *self)
{
  Period *period = g_new (Period, 1);

  *period = period_times (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->read = FALSE;
  crm_widget_read (GTK_WIDGET (self), self->session, read_outcomes, period, g_free,
                   (GDestroyNotify) g_ptr_array_unref, self->cancellable, outcomes_read_cb);
}

static void
period_changed_cb (CrmOutcomesWindow *self)
{
  if (self->session != NULL)
    reload (self);
}

static void
crm_outcomes_window_dispose (GObject *object)
{
  CrmOutcomesWindow *self = CRM_OUTCOMES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_outcomes_window_parent_class)->dispose (object);
}

static void
crm_outcomes_window_class_init (CrmOutcomesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_outcomes_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-outcomes-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOutcomesWindow, period);
  gtk_widget_class_bind_template_child (widget_class, CrmOutcomesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmOutcomesWindow, summary);
  gtk_widget_class_bind_template_child (widget_class, CrmOutcomesWindow, reasons);
  gtk_widget_class_bind_template_child (widget_class, CrmOutcomesWindow, managers);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
}

static void
crm_outcomes_window_init (CrmOutcomesWindow *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_outcomes_window_new:
 * @session: the session
 *
 * Returns: (transfer floating): the window, this month's figures
 *   being read
 */
CrmOutcomesWindow *
crm_outcomes_window_new (CrmSession *session)
{
  CrmOutcomesWindow *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_OUTCOMES_WINDOW, NULL);
  self->session = g_object_ref (session);
  /* a request closed meanwhile counts at once */
  g_signal_connect_object (crm_session_get_database (session), "changed::ticket", G_CALLBACK (reload), self,
                           G_CONNECT_SWAPPED);
  reload (self);

  return self;
}

/**
 * crm_outcomes_window_set_period:
 * @self: a #CrmOutcomesWindow
 * @period: 0 this month, 1 last month, 2 this year, 3 all time
 */
void
crm_outcomes_window_set_period (CrmOutcomesWindow *self,
                                guint              period)
{
  g_return_if_fail (CRM_IS_OUTCOMES_WINDOW (self));

  gtk_drop_down_set_selected (self->period, MIN (period, PERIOD_ALL));
}

/**
 * crm_outcomes_window_is_read:
 * @self: a #CrmOutcomesWindow
 *
 * Returns: whether the figures of the period chosen are shown
 */
gboolean
crm_outcomes_window_is_read (CrmOutcomesWindow *self)
{
  g_return_val_if_fail (CRM_IS_OUTCOMES_WINDOW (self), FALSE);

  return self->read;
}
