/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dashboard"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-dashboard-page.h"
#include "crm-dashboard-print.h"
#include "crm-toast.h"

/**
 * CrmDashboardPage:
 *
 * The managers' dashboard (FD6): a bar of choices, the period (this
 * week, this month, last month, or the days chosen on two calendars)
 * and the scope (the whole office, a team: a queue, or a user), and
 * the cards of the figures (#CrmDashboardTile), which reflow with the
 * width. Every choice counts again with
 * crm_dashboard_store_compute_async() on the session's reader, the
 * count before it cancelled; the figures shown stay until the new ones
 * come, and a spinner shows when counting takes longer than a moment.
 * A click on a figure, a bar or a row emits
 * #CrmDashboardPage::open-link with crm_dashboard_get_link()'s list;
 * the page says in a toast when that list holds more than the figure
 * counts. The page prints, with its charts and tables.
 */
struct _CrmDashboardPage
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkDropDown        *period_dropdown;
  GtkWidget          *range_box;
  GtkMenuButton      *from_button;
  GtkMenuButton      *to_button;
  GtkCalendar        *from_calendar;
  GtkCalendar        *to_calendar;
  GtkDropDown        *scope_dropdown;
  GtkSpinner         *spinner;
  GtkLabel           *period_label;
  GtkFlowBox         *cards_box;

  /* owned */
  CrmSession         *session;
  CrmDashboard       *dashboard;
  GCancellable       *cancellable;
  GCancellable       *choices_cancellable;
  GArray             *scopes;        /* Scope, in the scope drop-down's order */
  CrmDashboardTile   *cards[CRM_DASHBOARD_TILE_N];
  char               *print_to_file;
  guint               spinner_source;
  guint               refresh_source;
  gboolean            stale;         /* changed while hidden */
  gint64              from;
  gint64              to;
  gboolean            syncing;
};

typedef struct
{
  gint64 queue_id;
  gint64 user_id;
} Scope;

G_DEFINE_FINAL_TYPE (CrmDashboardPage, crm_dashboard_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DASHBOARD,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Counting */

static CrmDashboardStore *
store (CrmDashboardPage *self)
{
  return crm_dashboard_store_from_session (self->session);
}

static void
stop_spinner (CrmDashboardPage *self)
{
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

static gboolean
spinner_cb (gpointer user_data)
{
  CrmDashboardPage *self = user_data;

  self->spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);

  return G_SOURCE_REMOVE;
}

static void
show_dashboard (CrmDashboardPage *self)
{
  g_autoptr(GTimeZone) zone = crm_dashboard_store_get_zone (store (self));

  for (guint i = 0; i < CRM_DASHBOARD_TILE_N; i++)
    crm_dashboard_tiles_fill (self->cards[i], i, self->dashboard, zone);
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDashboard) dashboard = crm_dashboard_store_compute_finish (store (self), result,
                                                                           &error);

  if (dashboard == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      stop_spinner (self);
      crm_toast_show (GTK_WIDGET (self), error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }

  g_clear_object (&self->cancellable);
  stop_spinner (self);
  g_clear_pointer (&self->dashboard, crm_dashboard_unref);
  self->dashboard = g_steal_pointer (&dashboard);
  show_dashboard (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DASHBOARD]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static const Scope *
chosen_scope (CrmDashboardPage *self)
{
  static const Scope office = { 0, 0 };
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);

  if (self->scopes == NULL || selected == GTK_INVALID_LIST_POSITION || selected >= self->scopes->len)
    return &office;

  return &g_array_index (self->scopes, Scope, selected);
}

static char *
format_day (GTimeZone *zone,
            gint64     when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  /* Translators: a day of the dashboard's period (strftime) */
  return g_date_time_format (local, _("%-d %b %Y"));
}

/* The period's first and last days on the bar and the calendars. */
static void
show_period (CrmDashboardPage *self)
{
  g_autoptr(GTimeZone) zone = crm_dashboard_store_get_zone (store (self));
  g_autofree char *first = format_day (zone, self->from);
  g_autofree char *last = format_day (zone, self->to - 1);
  /* Translators: the dashboard's period: its first and last day */
  g_autofree char *text = g_strdup_printf (_("%s – %s"), g_strstrip (first), g_strstrip (last));

  gtk_label_set_text (self->period_label, text);
  gtk_menu_button_set_label (self->from_button, first);
  gtk_menu_button_set_label (self->to_button, last);
}

static void
recompute (CrmDashboardPage *self)
{
  const Scope *scope = chosen_scope (self);

  if (self->session == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  show_period (self);
  if (self->spinner_source == 0 && !gtk_widget_get_visible (GTK_WIDGET (self->spinner)))
    self->spinner_source = g_timeout_add (150, spinner_cb, self);
  crm_dashboard_store_compute_async (store (self), self->from, self->to, scope->queue_id, scope->user_id,
                                     self->cancellable, computed_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* The period */

static GDateTime *
local_now (CrmDashboardPage *self,
           GTimeZone        *zone)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (crm_session_now (self->session));

  return g_date_time_to_timezone (utc, zone);
}

static gint64
midnight (GTimeZone *zone,
          int        year,
          int        month,
          int        day)
{
  g_autoptr(GDateTime) time = g_date_time_new (zone, year, month, day, 0, 0, 0);

  return g_date_time_to_unix (time);
}

/* The day after @date's, at midnight in @zone */
static gint64
next_midnight (GTimeZone *zone,
               GDate     *date)
{
  GDate next = *date;

  g_date_add_days (&next, 1);

  return midnight (zone, g_date_get_year (&next), g_date_get_month (&next), g_date_get_day (&next));
}

static void
calendar_date (GtkCalendar *calendar,
               GDate       *date)
{
  g_autoptr(GDateTime) chosen = gtk_calendar_get_date (calendar);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (chosen), (GDateMonth) g_date_time_get_month (chosen),
                  (GDateYear) g_date_time_get_year (chosen));
}

static void
select_day (GtkCalendar *calendar,
            GTimeZone   *zone,
            gint64       when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  /* the calendar's days are the desktop's: the same date in its zone */
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                                    g_date_time_get_day_of_month (local), 12, 0, 0);

  gtk_calendar_select_day (calendar, day);
}

static void
compute_period (CrmDashboardPage *self)
{
  g_autoptr(GTimeZone) zone = crm_dashboard_store_get_zone (store (self));
  g_autoptr(GDateTime) now = local_now (self, zone);
  GDate date;

  switch (gtk_drop_down_get_selected (self->period_dropdown))
    {
    case CRM_DASHBOARD_PERIOD_THIS_WEEK:
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                      (GDateYear) g_date_time_get_year (now));
      /* from Monday */
      g_date_subtract_days (&date, g_date_get_weekday (&date) - G_DATE_MONDAY);
      self->from = midnight (zone, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
      g_date_add_days (&date, 6);
      self->to = next_midnight (zone, &date);
      break;

    case CRM_DASHBOARD_PERIOD_LAST_MONTH:
      {
        int year = g_date_time_get_year (now), month = g_date_time_get_month (now);

        self->to = midnight (zone, year, month, 1);
        self->from = midnight (zone, month == 1 ? year - 1 : year, month == 1 ? 12 : month - 1, 1);
      }
      break;

    case CRM_DASHBOARD_PERIOD_CUSTOM:
      {
        GDate last;

        calendar_date (self->from_calendar, &date);
        calendar_date (self->to_calendar, &last);
        self->from = midnight (zone, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
        self->to = next_midnight (zone, &last);
      }
      break;

    case CRM_DASHBOARD_PERIOD_THIS_MONTH:
    default:
      crm_dashboard_store_get_month (store (self), &self->from, &self->to);
      break;
    }
}

static void
period_changed_cb (CrmDashboardPage *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->period_dropdown) == CRM_DASHBOARD_PERIOD_CUSTOM;

  if (self->session == NULL)
    return;

  /* the calendars start from the period shown */
  if (custom && !gtk_widget_get_visible (self->range_box))
    {
      g_autoptr(GTimeZone) zone = crm_dashboard_store_get_zone (store (self));

      self->syncing = TRUE;
      select_day (self->from_calendar, zone, self->from);
      select_day (self->to_calendar, zone, self->to - 1);
      self->syncing = FALSE;
    }
  gtk_widget_set_visible (self->range_box, custom);
  compute_period (self);
  recompute (self);
}

static void
range_changed_cb (CrmDashboardPage *self)
{
  if (self->syncing || self->session == NULL)
    return;
  compute_period (self);
  recompute (self);
}

static void
scope_changed_cb (CrmDashboardPage *self)
{
  if (self->syncing)
    return;
  recompute (self);
}

/* The scopes: the office, the teams (queues), the users */

typedef struct
{
  GPtrArray  *queues;
  GListModel *users;
} Choices;

static void
choices_free (gpointer data)
{
  Choices *choices = data;

  g_clear_pointer (&choices->queues, g_ptr_array_unref);
  g_clear_object (&choices->users);
  g_free (choices);
}

static gboolean
read_choices (CrmSession    *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  Choices *choices = g_new0 (Choices, 1);

  if (!(choices->queues = crm_ticket_store_list_queues (crm_ticket_store_from_session (reader), error)) ||
      !(choices->users = crm_user_store_list_active (crm_user_store_from_session (reader), error)))
    {
      choices_free (choices);
      return FALSE;
    }
  *result = choices;

  return TRUE;
}

static void
choices_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmDashboardPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Choices *choices = crm_session_read_finish (CRM_SESSION (object), result, &error);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  Scope chosen = *chosen_scope (self);
  Scope office = { 0, 0 };
  guint position = 0;

  if (choices == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Reading the queues and users failed: %s", error->message);
      return;
    }
  g_clear_object (&self->choices_cancellable);

  g_clear_pointer (&self->scopes, g_array_unref);
  self->scopes = g_array_new (FALSE, FALSE, sizeof (Scope));
  gtk_string_list_append (names, _("Whole Office"));
  g_array_append_val (self->scopes, office);
  for (guint i = 0; i < choices->queues->len; i++)
    {
      CrmQueueInfo *queue = g_ptr_array_index (choices->queues, i);
      Scope scope = { queue->id, 0 };
      /* Translators: the dashboard's scope: a queue's tickets */
      g_autofree char *name = g_strdup_printf (_("Team: %s"), queue->name);

      if (scope.queue_id == chosen.queue_id && chosen.user_id == 0)
        position = self->scopes->len;
      gtk_string_list_append (names, name);
      g_array_append_val (self->scopes, scope);
    }
  for (guint i = 0; i < g_list_model_get_n_items (choices->users); i++)
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (choices->users, i);
      Scope scope = { 0, crm_user_get_id (user) };

      if (scope.user_id == chosen.user_id && chosen.queue_id == 0)
        position = self->scopes->len;
      gtk_string_list_append (names, crm_user_get_name (user));
      g_array_append_val (self->scopes, scope);
    }
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->scope_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->scope_dropdown, position);
  self->syncing = FALSE;
  /* the one chosen is gone: the office's */
  if ((chosen.queue_id != 0 || chosen.user_id != 0) && position == 0)
    recompute (self);
  choices_free (choices);
}

static void
read_choices_again (CrmDashboardPage *self)
{
  g_cancellable_cancel (self->choices_cancellable);
  g_clear_object (&self->choices_cancellable);
  self->choices_cancellable = g_cancellable_new ();
  crm_session_read_async (self->session, read_choices, NULL, NULL, choices_free, self->choices_cancellable,
                          choices_read_cb, g_object_ref (self));
}

/* What another desk, crmctl or this window changes is counted again,
 * a moment later (one count for a burst of changes), when the page is
 * seen; a hidden page counts when shown again. */

#define REFRESH_DELAY_MS 1000

static gboolean
refresh_cb (gpointer user_data)
{
  CrmDashboardPage *self = user_data;

  self->refresh_source = 0;
  recompute (self);

  return G_SOURCE_REMOVE;
}

static void
database_changed_cb (CrmDashboardPage *self,
                     const char       *entity)
{
  static const char * const counted[] = { "ticket", "message", "project", "offer", "search", "referral", "task",
                                          "automation", NULL };

  if (entity == NULL || !g_strv_contains (counted, entity))
    {
      gsize length;

      for (length = 0; entity != NULL && entity[length] != '\0' && entity[length] != '-'; length++)
        ;
      /* "offer-mail", "automation-run"…: their module's */
      if (entity == NULL || entity[length] != '-')
        return;
      {
        g_autofree char *module = g_strndup (entity, length);

        if (!g_strv_contains (counted, module))
          return;
      }
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->refresh_source == 0)
    self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
crm_dashboard_page_map (GtkWidget *widget)
{
  CrmDashboardPage *self = CRM_DASHBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (crm_dashboard_page_parent_class)->map (widget);

  if (self->stale)
    {
      self->stale = FALSE;
      recompute (self);
    }
}

/* Links */

static void
open_link (CrmDashboardPage *self,
           int               card,
           gint64            key,
           const char       *label)
{
  g_autoptr(CrmDashboardLink) link = NULL;

  if (self->dashboard == NULL || card < 0)
    return;

  link = crm_dashboard_get_link (self->dashboard, card, key);
  g_signal_emit (self, signals[OPEN_LINK], 0, link, label);
  if (!link->exact)
    crm_toast_show (GTK_WIDGET (self),
                    _("The list shows a wider selection than the figure counts: the dashboard’s period or outcome "
                      "is not one of its filters."));
}

static void
card_link_cb (CrmDashboardTile *card,
              int               link,
              gint64            key,
              const char       *label,
              CrmDashboardPage *self)
{
  /* Translators: the name of the list a dashboard's figure opens: the card's title and the figure's */
  g_autofree char *title = g_strdup_printf (_("%s: %s"), crm_dashboard_tile_get_title (card), label);

  open_link (self, link, key, title);
}

static void
chart_activated_cb (CrmChart         *chart,
                    guint             category,
                    guint             series,
                    CrmDashboardPage *self)
{
  CrmDashboardTile *card = CRM_DASHBOARD_TILE (gtk_widget_get_ancestor (GTK_WIDGET (chart),
                                                                        CRM_TYPE_DASHBOARD_TILE));
  int link;
  gint64 key;

  for (guint i = 0; i < CRM_DASHBOARD_TILE_N && self->dashboard != NULL; i++)
    if (self->cards[i] == card && crm_dashboard_tiles_chart_link (i, self->dashboard, category, series, &link, &key))
      {
        open_link (self, link, key, crm_dashboard_tile_get_title (card));
        return;
      }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CrmDashboardPage *self = CRM_DASHBOARD_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->dashboard == NULL)
    return;
  /* Translators: the printed dashboard's title: its period */
  title = g_strdup_printf (_("Dashboard, %s"), gtk_label_get_text (self->period_label));
  if (!crm_dashboard_print (widget, self->cards, CRM_DASHBOARD_TILE_N, title, self->print_to_file, &error))
    crm_toast_show (widget, error->message);
}

/* The page */

static void
crm_dashboard_page_dispose (GObject *object)
{
  CrmDashboardPage *self = (CrmDashboardPage *)object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->choices_cancellable);
  g_clear_object (&self->choices_cancellable);
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_DASHBOARD_PAGE);
  /* the template's top box, which no field holds */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (crm_dashboard_page_parent_class)->dispose (object);
}

static void
crm_dashboard_page_finalize (GObject *object)
{
  CrmDashboardPage *self = (CrmDashboardPage *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->dashboard, crm_dashboard_unref);
  g_clear_pointer (&self->scopes, g_array_unref);
  g_free (self->print_to_file);

  G_OBJECT_CLASS (crm_dashboard_page_parent_class)->finalize (object);
}

static void
crm_dashboard_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrmDashboardPage *self = CRM_DASHBOARD_PAGE (object);

  switch (prop_id)
    {
    case PROP_DASHBOARD:
      g_value_set_boxed (value, self->dashboard);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, crm_dashboard_page_get_busy (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_dashboard_page_class_init (CrmDashboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_dashboard_page_dispose;
  object_class->finalize = crm_dashboard_page_finalize;
  object_class->get_property = crm_dashboard_page_get_property;
  widget_class->map = crm_dashboard_page_map;

  /**
   * CrmDashboardPage:dashboard:
   *
   * The figures shown, notified when new ones are shown.
   */
  properties[PROP_DASHBOARD] =
    g_param_spec_boxed ("dashboard", NULL, NULL, CRM_TYPE_DASHBOARD,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmDashboardPage:busy:
   *
   * Whether the figures are being counted.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmDashboardPage::open-link:
   * @self: the page
   * @link: the #CrmDashboardLink of the figure clicked
   * @title: what the figure is called
   *
   * Asks the window for the list behind a figure.
   */
  signals[OPEN_LINK] =
    g_signal_new ("open-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, CRM_TYPE_DASHBOARD_LINK, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/dashboard/crm-dashboard-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardPage, range_box);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardPage, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, CrmDashboardPage, cards_box);
  gtk_widget_class_bind_template_callback (widget_class, period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_changed_cb);
  gtk_widget_class_install_action (widget_class, "dashboard.print", NULL, print_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_dashboard_page_init (CrmDashboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < CRM_DASHBOARD_TILE_N; i++)
    {
      self->cards[i] = crm_dashboard_tiles_new (i);
      g_signal_connect_object (self->cards[i], "link", G_CALLBACK (card_link_cb), self, 0);
      g_signal_connect_object (crm_dashboard_tile_get_chart (self->cards[i]), "activated",
                               G_CALLBACK (chart_activated_cb), self, 0);
      gtk_flow_box_append (self->cards_box, GTK_WIDGET (self->cards[i]));
      /* the card's own buttons take the focus, not the box's child */
      gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->cards[i])), FALSE);
    }
}

/**
 * crm_dashboard_page_set_session:
 * @self: a #CrmDashboardPage
 * @session: the window's session
 *
 * Counts this month's figures of the whole office, and reads the
 * teams and users to choose from.
 */
void
crm_dashboard_page_set_session (CrmDashboardPage *self,
                                CrmSession       *session)
{
  CrmDatabase *database;

  g_return_if_fail (CRM_IS_DASHBOARD_PAGE (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  database = crm_session_get_database (session);
  g_signal_connect_object (database, "changed::queue", G_CALLBACK (read_choices_again), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (database, "changed::user", G_CALLBACK (read_choices_again), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (database, "changed", G_CALLBACK (database_changed_cb), self, G_CONNECT_SWAPPED);
  read_choices_again (self);
  compute_period (self);
  recompute (self);
}

/**
 * crm_dashboard_page_get_dashboard:
 * @self: a #CrmDashboardPage
 *
 * Returns: (transfer none) (nullable): the figures shown, or %NULL
 *   before the first are counted
 */
CrmDashboard *
crm_dashboard_page_get_dashboard (CrmDashboardPage *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_PAGE (self), NULL);

  return self->dashboard;
}

/**
 * crm_dashboard_page_get_busy:
 * @self: a #CrmDashboardPage
 *
 * Returns: whether the figures of the choices made are being counted
 */
gboolean
crm_dashboard_page_get_busy (CrmDashboardPage *self)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * crm_dashboard_page_get_period:
 * @self: a #CrmDashboardPage
 * @from: (out): the period chosen's first second
 * @to: (out): its end, excluded
 */
void
crm_dashboard_page_get_period (CrmDashboardPage *self,
                               gint64           *from,
                               gint64           *to)
{
  g_return_if_fail (CRM_IS_DASHBOARD_PAGE (self));

  *from = self->from;
  *to = self->to;
}

/**
 * crm_dashboard_page_get_scope:
 * @self: a #CrmDashboardPage
 * @queue_id: (out): the team chosen, or 0
 * @user_id: (out): the user chosen, or 0
 */
void
crm_dashboard_page_get_scope (CrmDashboardPage *self,
                              gint64           *queue_id,
                              gint64           *user_id)
{
  const Scope *scope;

  g_return_if_fail (CRM_IS_DASHBOARD_PAGE (self));

  scope = chosen_scope (self);
  *queue_id = scope->queue_id;
  *user_id = scope->user_id;
}

/**
 * crm_dashboard_page_get_tile:
 * @self: a #CrmDashboardPage
 * @which: a card
 *
 * Returns: (transfer none): the card
 */
CrmDashboardTile *
crm_dashboard_page_get_tile (CrmDashboardPage  *self,
                             CrmDashboardTileKind  which)
{
  g_return_val_if_fail (CRM_IS_DASHBOARD_PAGE (self), NULL);
  g_return_val_if_fail (which < CRM_DASHBOARD_TILE_N, NULL);

  return self->cards[which];
}

/**
 * crm_dashboard_page_set_print_to_file:
 * @self: a #CrmDashboardPage
 * @path: (nullable): a PDF printing writes, without the dialog (tests)
 */
void
crm_dashboard_page_set_print_to_file (CrmDashboardPage *self,
                                      const char       *path)
{
  g_return_if_fail (CRM_IS_DASHBOARD_PAGE (self));

  g_free (self->print_to_file);
  self->print_to_file = g_strdup (path);
}
