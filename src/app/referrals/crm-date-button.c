/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-date-button.h"

/**
 * CrmDateButton:
 *
 * A day chosen, or none: a button that says it (or its placeholder,
 * "From", "To"), opening a calendar in a popover with "Clear". Reached
 * by Tab; the calendar takes the arrows and Enter picks the day.
 * #CrmDateButton:date is the day's midnight, local time, or %NULL.
 */
struct _CrmDateButton
{
  GtkWidget       parent_instance;

  GtkMenuButton  *button;
  GtkCalendar    *calendar;
  GtkWidget      *clear;
  char           *placeholder;
  GDateTime      *date;
  gboolean        setting;
};

G_DEFINE_FINAL_TYPE (CrmDateButton, crm_date_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATE,
  PROP_PLACEHOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_label (CrmDateButton *self)
{
  g_autofree char *day = NULL;
  g_autofree char *text = NULL;

  if (self->date == NULL)
    {
      gtk_menu_button_set_label (self->button, self->placeholder != NULL ? self->placeholder : "");
      gtk_widget_set_sensitive (self->clear, FALSE);
      return;
    }
  /* Translators: a date as the filters show it; see GDateTime's format */
  day = g_date_time_format (self->date, _("%-d %b %Y"));
  /* Translators: a date filter's button: "From" or "To", then the day */
  text = self->placeholder != NULL ? g_strdup_printf (_("%s %s"), self->placeholder, day) : g_strdup (day);
  gtk_menu_button_set_label (self->button, text);
  gtk_widget_set_sensitive (self->clear, TRUE);
}

static void
set_date (CrmDateButton *self,
          GDateTime     *date)
{
  g_autoptr(GDateTime) day = NULL;

  if (date != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (date);

      day = g_date_time_new_local (g_date_time_get_year (local), g_date_time_get_month (local),
                                   g_date_time_get_day_of_month (local), 0, 0, 0);
    }
  if ((day == NULL && self->date == NULL) || (day != NULL && self->date != NULL && g_date_time_equal (day, self->date)))
    return;

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_steal_pointer (&day);
  update_label (self);
  if (self->date != NULL)
    {
      self->setting = TRUE;
      gtk_calendar_select_day (self->calendar, self->date);
      self->setting = FALSE;
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

static void
day_selected_cb (CrmDateButton *self,
                 GtkCalendar   *calendar)
{
  g_autoptr(GDateTime) date = NULL;

  if (self->setting)
    return;
  date = gtk_calendar_get_date (calendar);
  set_date (self, date);
  gtk_menu_button_popdown (self->button);
}

static void
clear_clicked_cb (CrmDateButton *self,
                  GtkButton     *button)
{
  set_date (self, NULL);
  gtk_menu_button_popdown (self->button);
}

static void
crm_date_button_dispose (GObject *object)
{
  CrmDateButton *self = CRM_DATE_BUTTON (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (crm_date_button_parent_class)->dispose (object);
}

static void
crm_date_button_finalize (GObject *object)
{
  CrmDateButton *self = CRM_DATE_BUTTON (object);

  g_free (self->placeholder);

  G_OBJECT_CLASS (crm_date_button_parent_class)->finalize (object);
}

static void
crm_date_button_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmDateButton *self = CRM_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;

    case PROP_PLACEHOLDER:
      g_value_set_string (value, self->placeholder);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_date_button_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmDateButton *self = CRM_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      set_date (self, g_value_get_boxed (value));
      break;

    case PROP_PLACEHOLDER:
      g_free (self->placeholder);
      self->placeholder = g_value_dup_string (value);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      self->placeholder, -1);
      update_label (self);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_date_button_class_init (CrmDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_date_button_dispose;
  object_class->finalize = crm_date_button_finalize;
  object_class->get_property = crm_date_button_get_property;
  object_class->set_property = crm_date_button_set_property;

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PLACEHOLDER] =
    g_param_spec_string ("placeholder", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_date_button_init (CrmDateButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_always_show_arrow (self->button, TRUE);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_object (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self, G_CONNECT_SWAPPED);
  self->clear = gtk_button_new_with_mnemonic (_("_Clear"));
  gtk_widget_set_halign (self->clear, GTK_ALIGN_END);
  g_signal_connect_object (self->clear, "clicked", G_CALLBACK (clear_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->calendar));
  gtk_box_append (GTK_BOX (box), self->clear);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (self->button, popover);
  update_label (self);
}

/**
 * crm_date_button_new:
 *
 * Returns: (transfer floating): a new #CrmDateButton with no date
 */
GtkWidget *
crm_date_button_new (void)
{
  return g_object_new (CRM_TYPE_DATE_BUTTON, NULL);
}

/**
 * crm_date_button_get_date:
 * @self: a #CrmDateButton
 *
 * Returns: (transfer none) (nullable): the day's midnight, local time
 */
GDateTime *
crm_date_button_get_date (CrmDateButton *self)
{
  g_return_val_if_fail (CRM_IS_DATE_BUTTON (self), NULL);

  return self->date;
}

/**
 * crm_date_button_set_date:
 * @self: a #CrmDateButton
 * @date: (nullable): a time of the day to choose, or %NULL for none
 */
void
crm_date_button_set_date (CrmDateButton *self,
                          GDateTime     *date)
{
  g_return_if_fail (CRM_IS_DATE_BUTTON (self));

  set_date (self, date);
}
