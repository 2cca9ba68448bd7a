/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-settings-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-ticket-settings-page.h"
#include "crm-toast.h"
#include "crm-ticket-store.h"
#include "crm-widget-write.h"

/**
 * CrmTicketSettingsPage:
 *
 * The office's ticket settings in Preferences: queues (and whether a
 * mail to a closed ticket reopens it), response and resolution times
 * by priority, the office's own statuses and categories. They live in
 * the database and are shared by everyone; only administrators change
 * them.
 */
struct _CrmTicketSettingsPage
{
  AdwPreferencesPage parent_instance;

  /* template widgets */
  GtkListBox        *queues_list;
  AdwEntryRow       *queue_entry;
  GtkListBox        *priorities_list;
  GtkListBox        *statuses_list;
  AdwComboRow       *status_kind_row;
  AdwEntryRow       *status_entry;
  GtkListBox        *categories_list;
  AdwEntryRow       *category_entry;
  GtkListBox        *reasons_list;
  GtkSpinButton     *no_answer_spin;
  GtkSwitch         *merge_notify_switch;
  AdwComboRow       *merge_template_row;

  gboolean           filling;   /* the spin set from what was read, not by the user */
  AdwEntryRow       *reason_entry;

  /* owned */
  CrmSession          *session;
  gboolean           editable;
  GArray            *merge_template_ids;   /* gint64: the notice's templates, after "Built-in Text" */
};

G_DEFINE_FINAL_TYPE (CrmTicketSettingsPage, crm_ticket_settings_page, ADW_TYPE_PREFERENCES_PAGE)

/* In the order of the kind drop-down. */
static const char * const kinds[] = { "new", "open", "pending", "closed" };

static void
show_error (CrmTicketSettingsPage *self,
            const GError          *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), crm_toast_new (error->message));
  else
    g_warning ("%s", error->message);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
name_row (const char *name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);

  return row;
}

static void load (CrmTicketSettingsPage *self);

/* A change refused: said, and the page shows again what is stored. */
static void
written_cb (GtkWidget    *widget,
            GVariant     *args,
            const GError *error)
{
  CrmTicketSettingsPage *self = CRM_TICKET_SETTINGS_PAGE (widget);

  if (error == NULL || self->session == NULL)
    return;
  show_error (self, error);
  load (self);
}

static gboolean
set_reopens_write (CrmSession  *writer,
                   GVariant    *args,
                   GError     **error)
{
  gint64 id;
  gboolean reopens;

  g_variant_get (args, "(xb)", &id, &reopens);

  return crm_ticket_store_set_queue_reopens (crm_ticket_store_from_session (writer), id, reopens, error);
}

static void
reopen_changed_cb (GtkSwitch             *toggle,
                   GParamSpec            *pspec,
                   CrmTicketSettingsPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toggle), "crm-queue-id"));

  crm_widget_write (GTK_WIDGET (self), self->session, set_reopens_write,
                    g_variant_new ("(xb)", id, gtk_switch_get_active (toggle)), written_cb);
}

static void
show_queues (CrmTicketSettingsPage *self,
             GPtrArray             *queues)
{
  clear_list (self->queues_list);
  for (guint i = 0; i < queues->len; i++)
    {
      CrmQueueInfo *queue = g_ptr_array_index (queues, i);
      GtkWidget *row = name_row (queue->name);
      GtkWidget *toggle = gtk_switch_new ();

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Mail to a closed ticket reopens it"));
      gtk_switch_set_active (GTK_SWITCH (toggle), g_str_equal (queue->closed_mail, "reopen"));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (toggle, self->editable);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Mail to a closed ticket reopens it"), -1);
      g_object_set_data (G_OBJECT (toggle), "crm-queue-id", GSIZE_TO_POINTER ((gsize) queue->id));
      g_signal_connect_object (toggle, "notify::active", G_CALLBACK (reopen_changed_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      gtk_list_box_append (self->queues_list, row);
    }
}

static gboolean
set_times_write (CrmSession  *writer,
                 GVariant    *args,
                 GError     **error)
{
  gint64 id, response, resolution;

  g_variant_get (args, "(xxx)", &id, &response, &resolution);

  return crm_ticket_store_set_priority_times (crm_ticket_store_from_session (writer), id, response, resolution, error);
}

static void
times_changed_cb (GtkSpinButton         *spin,
                  CrmTicketSettingsPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW);
  GtkSpinButton *response = g_object_get_data (G_OBJECT (row), "crm-response");
  GtkSpinButton *resolution = g_object_get_data (G_OBJECT (row), "crm-resolution");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "crm-priority-id"));

  crm_widget_write (GTK_WIDGET (self), self->session, set_times_write,
                    g_variant_new ("(xxx)", id, (gint64) (gtk_spin_button_get_value (response) * 60 + 0.5),
                                   (gint64) (gtk_spin_button_get_value (resolution) * 60 + 0.5)),
                    written_cb);
}

static GtkWidget *
hours_spin (CrmTicketSettingsPage *self,
            gint64                 minutes,
            const char            *label)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 366 * 24, 0.25);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), minutes / 60.0);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, label);
  gtk_widget_set_sensitive (spin, self->editable);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (times_changed_cb), self, 0);

  return spin;
}

static void
show_priorities (CrmTicketSettingsPage *self,
                 GPtrArray             *priorities)
{
  clear_list (self->priorities_list);
  for (guint i = 0; i < priorities->len; i++)
    {
      CrmPriorityInfo *priority = g_ptr_array_index (priorities, i);
      GtkWidget *row = name_row (priority->name);
      GtkWidget *response = hours_spin (self, priority->response_minutes, _("Hours to a first answer"));
      GtkWidget *resolution = hours_spin (self, priority->resolution_minutes, _("Hours to resolve"));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("First answer, resolution (hours)"));
      g_object_set_data (G_OBJECT (row), "crm-priority-id", GSIZE_TO_POINTER ((gsize) priority->id));
      g_object_set_data (G_OBJECT (row), "crm-response", response);
      g_object_set_data (G_OBJECT (row), "crm-resolution", resolution);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), response);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), resolution);
      gtk_list_box_append (self->priorities_list, row);
    }
}

static void
load_names (CrmTicketSettingsPage *self,
            GtkListBox            *list,
            GStrv                  names)
{
  clear_list (list);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    gtk_list_box_append (list, name_row (names[i]));
}

/* what the page shows, read on a worker in one go */
typedef struct
{
  GPtrArray *queues;
  GPtrArray *priorities;
  GStrv      statuses;
  GStrv      categories;
  GStrv      reasons;
  guint      no_answer_days;
  GPtrArray *templates;          /* CrmTemplateInfo */
  gboolean   merge_by_default;
  gint64     merge_template_id;
} Settings;

static void
settings_free (gpointer data)
{
  Settings *settings = data;

  g_clear_pointer (&settings->queues, g_ptr_array_unref);
  g_clear_pointer (&settings->priorities, g_ptr_array_unref);
  g_strfreev (settings->statuses);
  g_strfreev (settings->categories);
  g_strfreev (settings->reasons);
  g_clear_pointer (&settings->templates, g_ptr_array_unref);
  g_free (settings);
}

static gboolean
read_settings (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  CrmTicketStore *store = crm_ticket_store_from_session (reader);
  Settings *settings = g_new0 (Settings, 1);

  if (!(settings->queues = crm_ticket_store_list_queues (store, error)) ||
      !(settings->priorities = crm_ticket_store_list_priority_times (store, error)) ||
      !(settings->statuses = crm_ticket_store_list_statuses (store, error)) ||
      !(settings->categories = crm_ticket_store_list_categories (store, error)) ||
      !(settings->reasons = crm_ticket_store_list_close_reasons (store, error)) ||
      !(settings->templates = crm_template_store_list (crm_template_store_from_session (reader), error)))
    {
      settings_free (settings);
      return FALSE;
    }
  settings->no_answer_days = crm_ticket_store_get_no_answer_days (store);
  settings->merge_by_default = crm_ticket_store_get_merge_notice (store, &settings->merge_template_id);
  *result = settings;

  return TRUE;
}

/* The notice of a merge: by default or not, the built-in text or one of
 * the office's templates. */
static void
show_merge_notice (CrmTicketSettingsPage *self,
                   Settings              *settings)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  g_array_set_size (self->merge_template_ids, 0);
  gtk_string_list_append (names, _("Built-in Text"));
  for (guint i = 0; i < settings->templates->len; i++)
    {
      CrmTemplateInfo *info = g_ptr_array_index (settings->templates, i);

      gtk_string_list_append (names, info->name);
      g_array_append_val (self->merge_template_ids, info->id);
      if (info->id == settings->merge_template_id)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->merge_template_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->merge_template_row, selected);
  gtk_switch_set_active (self->merge_notify_switch, settings->merge_by_default);
}

static void
settings_read_cb (GtkWidget    *widget,
                  gpointer      result,
                  const GError *error)
{
  CrmTicketSettingsPage *self = CRM_TICKET_SETTINGS_PAGE (widget);
  Settings *settings = result;

  if (settings == NULL)
    {
      show_error (self, error);
      return;
    }
  show_queues (self, settings->queues);
  show_priorities (self, settings->priorities);
  load_names (self, self->statuses_list, settings->statuses);
  load_names (self, self->categories_list, settings->categories);
  gtk_widget_set_visible (GTK_WIDGET (self->categories_list), settings->categories[0] != NULL);
  load_names (self, self->reasons_list, settings->reasons);
  self->filling = TRUE;
  gtk_spin_button_set_value (self->no_answer_spin, settings->no_answer_days);
  show_merge_notice (self, settings);
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->reasons_list), settings->reasons[0] != NULL);
}

static void
load (CrmTicketSettingsPage *self)
{
  crm_widget_read (GTK_WIDGET (self), self->session, read_settings, NULL, NULL, settings_free, NULL,
                   settings_read_cb);
}

static void
added_cb (GtkWidget    *widget,
          GVariant     *args,
          const GError *error)
{
  CrmTicketSettingsPage *self = CRM_TICKET_SETTINGS_PAGE (widget);

  if (self->session == NULL)
    return;
  if (error != NULL)
    show_error (self, error);
  load (self);
}

/* What an entry row names goes to the database, or a toast says it is
 * missing. */
static gboolean
take_name (CrmTicketSettingsPage *self,
           AdwEntryRow           *entry,
           const char            *missing,
           CrmWidgetWriteFunc     add,
           const char            *kind)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  if (*name == '\0')
    {
      g_autoptr(GError) error = g_error_new_literal (CRM_ERROR, CRM_ERROR_INVALID, missing);

      show_error (self, error);
      return FALSE;
    }
  crm_widget_write (GTK_WIDGET (self), self->session, add, g_variant_new ("(ss)", name, kind), added_cb);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");

  return TRUE;
}

static gboolean
add_queue_write (CrmSession  *writer,
                 GVariant    *args,
                 GError     **error)
{
  const char *name;

  g_variant_get (args, "(&s&s)", &name, NULL);

  return crm_ticket_store_add_queue (crm_ticket_store_from_session (writer), name, error) != 0;
}

static gboolean
add_status_write (CrmSession  *writer,
                  GVariant    *args,
                  GError     **error)
{
  const char *name, *kind;

  g_variant_get (args, "(&s&s)", &name, &kind);

  return crm_ticket_store_add_status (crm_ticket_store_from_session (writer), name, kind, error) != 0;
}

static gboolean
add_category_write (CrmSession  *writer,
                    GVariant    *args,
                    GError     **error)
{
  const char *name;

  g_variant_get (args, "(&s&s)", &name, NULL);

  return crm_ticket_store_add_category (crm_ticket_store_from_session (writer), name, error) != 0;
}

static gboolean
add_reason_write (CrmSession  *writer,
                  GVariant    *args,
                  GError     **error)
{
  const char *name;

  g_variant_get (args, "(&s&s)", &name, NULL);

  return crm_ticket_store_add_close_reason (crm_ticket_store_from_session (writer), name, error) != 0;
}

/**
 * crm_ticket_settings_page_add_queue:
 * @self: a #CrmTicketSettingsPage
 *
 * Adds the queue the "New queue" row names.
 *
 * Returns: %TRUE when the name went to be stored; else a toast says
 *   why (and when the database refuses it)
 */
gboolean
crm_ticket_settings_page_add_queue (CrmTicketSettingsPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_SETTINGS_PAGE (self), FALSE);

  return take_name (self, self->queue_entry, _("Enter a name for the queue."), add_queue_write, "");
}

/**
 * crm_ticket_settings_page_add_status:
 * @self: a #CrmTicketSettingsPage
 *
 * Adds the status the "New status" row names, of the kind chosen.
 *
 * Returns: %TRUE when the name went to be stored; else a toast says
 *   why (and when the database refuses it)
 */
gboolean
crm_ticket_settings_page_add_status (CrmTicketSettingsPage *self)
{
  guint kind;

  g_return_val_if_fail (CRM_IS_TICKET_SETTINGS_PAGE (self), FALSE);

  kind = adw_combo_row_get_selected (self->status_kind_row);

  return take_name (self, self->status_entry, _("Enter a name of 1 to 100 characters."), add_status_write,
                    kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)]);
}

/**
 * crm_ticket_settings_page_add_category:
 * @self: a #CrmTicketSettingsPage
 *
 * Adds the category the "New category" row names.
 *
 * Returns: %TRUE when the name went to be stored; else a toast says
 *   why (and when the database refuses it)
 */
gboolean
crm_ticket_settings_page_add_category (CrmTicketSettingsPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_SETTINGS_PAGE (self), FALSE);

  return take_name (self, self->category_entry, _("Enter a name of 1 to 100 characters."), add_category_write, "");
}

/**
 * crm_ticket_settings_page_add_reason:
 * @self: a #CrmTicketSettingsPage
 *
 * Adds the reason why clients do not buy that the "New reason" row
 * names (RQ9).
 *
 * Returns: %TRUE when the reason went to be stored; else a toast says
 *   why (and when the database refuses it)
 */
gboolean
crm_ticket_settings_page_add_reason (CrmTicketSettingsPage *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_SETTINGS_PAGE (self), FALSE);

  return take_name (self, self->reason_entry, _("Enter a reason of 1 to 100 characters."), add_reason_write, "");
}

static gboolean
no_answer_days_write (CrmSession  *writer,
                      GVariant    *args,
                      GError     **error)
{
  return crm_ticket_store_set_no_answer_days (crm_ticket_store_from_session (writer), g_variant_get_uint32 (args),
                                              error);
}

static void
no_answer_days_changed_cb (CrmTicketSettingsPage *self)
{
  if (self->filling || self->session == NULL)
    return;
  crm_widget_write (GTK_WIDGET (self), self->session, no_answer_days_write,
                    g_variant_new_uint32 ((guint32) gtk_spin_button_get_value_as_int (self->no_answer_spin)), added_cb);
}

static gboolean
merge_notice_write (CrmSession  *writer,
                    GVariant    *args,
                    GError     **error)
{
  gboolean by_default;
  gint64 template_id;

  g_variant_get (args, "(bx)", &by_default, &template_id);

  return crm_ticket_store_set_merge_notice (crm_ticket_store_from_session (writer), by_default, template_id, error);
}

static void
merge_notice_changed_cb (CrmTicketSettingsPage *self)
{
  guint selected = adw_combo_row_get_selected (self->merge_template_row);
  gint64 template_id = 0;

  if (self->filling || self->session == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected > 0 && selected - 1 < self->merge_template_ids->len)
    template_id = g_array_index (self->merge_template_ids, gint64, selected - 1);
  crm_widget_write (GTK_WIDGET (self), self->session, merge_notice_write,
                    g_variant_new ("(bx)", gtk_switch_get_active (self->merge_notify_switch), template_id), added_cb);
}

static void
add_reason_cb (CrmTicketSettingsPage *self)
{
  crm_ticket_settings_page_add_reason (self);
}

static void
add_queue_cb (CrmTicketSettingsPage *self)
{
  crm_ticket_settings_page_add_queue (self);
}

static void
add_status_cb (CrmTicketSettingsPage *self)
{
  crm_ticket_settings_page_add_status (self);
}

static void
add_category_cb (CrmTicketSettingsPage *self)
{
  crm_ticket_settings_page_add_category (self);
}

static void
crm_ticket_settings_page_dispose (GObject *object)
{
  CrmTicketSettingsPage *self = CRM_TICKET_SETTINGS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_TICKET_SETTINGS_PAGE);
  g_clear_object (&self->session);
  g_clear_pointer (&self->merge_template_ids, g_array_unref);

  G_OBJECT_CLASS (crm_ticket_settings_page_parent_class)->dispose (object);
}

static void
crm_ticket_settings_page_class_init (CrmTicketSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_ticket_settings_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-ticket-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, queues_list);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, queue_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, priorities_list);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, statuses_list);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, status_kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, status_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, categories_list);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, category_entry);
  gtk_widget_class_bind_template_callback (widget_class, add_queue_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_status_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, reasons_list);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, reason_entry);
  gtk_widget_class_bind_template_callback (widget_class, add_category_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_reason_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, no_answer_spin);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, merge_notify_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmTicketSettingsPage, merge_template_row);
  gtk_widget_class_bind_template_callback (widget_class, no_answer_days_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, merge_notice_changed_cb);
}

static void
crm_ticket_settings_page_init (CrmTicketSettingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->merge_template_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * crm_ticket_settings_page_set_store:
 * @self: a #CrmTicketSettingsPage
 * @store: the store
 * @editable: whether the user may change the settings (administrators)
 */
void
crm_ticket_settings_page_set_session (CrmTicketSettingsPage *self,
                                      CrmSession            *session,
                                      gboolean               editable)
{
  g_return_if_fail (CRM_IS_TICKET_SETTINGS_PAGE (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  g_set_object (&self->session, session);
  self->editable = editable;
  gtk_widget_set_sensitive (GTK_WIDGET (self->queue_entry), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_entry), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_kind_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->category_entry), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reason_entry), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->no_answer_spin), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_notify_switch), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_template_row), editable);
  load (self);
}
