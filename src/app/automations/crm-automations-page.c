/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-automations-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-automation-editor.h"
#include "crm-automation-log.h"
#include "crm-automation-simulation.h"
#include "crm-automation-text.h"
#include "crm-automations-page.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmAutomationsPage:
 *
 * The Automations page (AU1, AU8): a module's automations, active and
 * inactive, each with what it selects, whether it runs (or why it was
 * paused), the records inside and the steps waiting; a switch activates
 * or deactivates it (off the main loop: activating enrols the records
 * matching, which takes a while for many; deactivating, which cannot
 * be undone, is asked first), and its buttons open its editor, its
 * simulation and its log. A banner says how many steps were caught up
 * after the application was closed since the page last told, and what
 * their catch-up policies made of them, with "Show" to the log.
 */
struct _CrmAutomationsPage
{
  AdwBin          parent_instance;

  /* template widgets */
  GtkRevealer    *caught_up_revealer;
  GtkLabel       *caught_up_label;
  GtkDropDown    *module_dropdown;
  GtkStack       *list_stack;
  AdwStatusPage  *empty_page;
  GtkListBox     *list;

  /* owned */
  CrmSession     *session;
  GSettings      *settings;
  GCancellable   *cancellable;
  GPtrArray      *automations;     /* CrmAutomation, as listed */
  gint64          seen_run;        /* without settings */
  gint64          newest_run;      /* the newest caught-up run read */
  gint64          caught_up_automation;
  guint           switching;
  gboolean        reading;
  gboolean        read_again;
};

G_DEFINE_FINAL_TYPE (CrmAutomationsPage, crm_automations_page, ADW_TYPE_BIN)

static const char *
module (CrmAutomationsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->module_dropdown);

  return selected < g_strv_length ((char **) crm_automation_modules) ? crm_automation_modules[selected] : "tickets";
}

static gint64
seen_run (CrmAutomationsPage *self)
{
  return self->settings != NULL ? g_settings_get_int64 (self->settings, "automations-seen-run") : self->seen_run;
}

/* the list and the caught-up runs since @seen, on a worker */
typedef struct
{
  char  *module;
  gint64 seen;
} Listing;

/* the caught-up steps by what their automation's catch-up policy made
 * of them: run late, moved to their next allowed time (still waiting),
 * skipped; or failed when run late */
typedef struct
{
  GPtrArray *automations;
  guint      caught_up;
  guint      late;
  guint      moved;
  guint      skipped;
  guint      failed;
  gint64     newest;
  gint64     caught_up_automation;
} Listed;

static void
listing_free (gpointer data)
{
  Listing *listing = data;

  g_free (listing->module);
  g_free (listing);
}

static void
listed_free (gpointer data)
{
  Listed *listed = data;

  g_clear_pointer (&listed->automations, g_ptr_array_unref);
  g_free (listed);
}

/* The caught-up runs are counted in pages after the last one told of,
 * never the whole log: at most this many runs an automation. */
#define CAUGHT_UP_PAGE 500
#define CAUGHT_UP_PAGES 4

static gboolean
list_func (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  Listing *listing = data;
  CrmAutomationStore *store = crm_automation_store_from_session (reader);
  g_autoptr(GPtrArray) automations = crm_automation_store_list (store, listing->module, error);
  Listed *listed;

  if (automations == NULL)
    return FALSE;
  listed = g_new0 (Listed, 1);
  listed->newest = listing->seen;
  for (guint i = 0; i < automations->len; i++)
    {
      CrmAutomation *automation = g_ptr_array_index (automations, i);
      gint64 after = listing->seen;

      for (guint page = 0; page < CAUGHT_UP_PAGES; page++)
        {
          g_autoptr(GPtrArray) runs = crm_automation_store_list_runs (store, automation->id, after, CAUGHT_UP_PAGE,
                                                                      error);

          if (runs == NULL)
            {
              listed_free (listed);
              return FALSE;
            }
          for (guint j = 0; j < runs->len; j++)
            {
              CrmAutomationRun *run = g_ptr_array_index (runs, j);

              after = run->id;
              if (!run->caught_up)
                continue;
              switch (run->state)
                {
                case CRM_AUTOMATION_RUN_DONE:
                  listed->late++;
                  break;
                case CRM_AUTOMATION_RUN_WAITING:
                  listed->moved++;
                  break;
                case CRM_AUTOMATION_RUN_SKIPPED:
                  listed->skipped++;
                  break;
                case CRM_AUTOMATION_RUN_FAILED:
                default:
                  listed->failed++;
                  break;
                }
              listed->caught_up++;
              listed->newest = MAX (listed->newest, run->id);
              if (listed->caught_up_automation == 0)
                listed->caught_up_automation = automation->id;
            }
          if (runs->len < CAUGHT_UP_PAGE)
            break;
        }
    }
  listed->automations = g_steal_pointer (&automations);
  *result = listed;

  return TRUE;
}

static void read_list (CrmAutomationsPage *self);

static void
toggled_cb (GtkSwitch          *button,
            GParamSpec         *pspec,
            CrmAutomationsPage *self);

typedef struct
{
  gint64   id;
  gboolean on;
  char    *name;
} Switching;

static void
switching_free (gpointer data)
{
  Switching *switching = data;

  g_free (switching->name);
  g_free (switching);
}

static gboolean
switch_func (CrmSession    *writer,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  Switching *switching = data;
  CrmAutomationStore *store = crm_automation_store_from_session (writer);

  if (!(switching->on ? crm_automation_store_activate (store, switching->id, error)
                      : crm_automation_store_deactivate (store, switching->id, error)))
    return FALSE;

  return (*result = crm_automation_store_get (store, switching->id, error)) != NULL;
}

static void
switched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmAutomationsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAutomation) automation = crm_session_write_finish (CRM_SESSION (object), result, &error);
  g_autofree char *text = NULL;

  self->switching--;
  if (automation == NULL)
    text = g_strdup (error->message);
  else if (automation->active)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” is active: %u record inside.",
                                         "“%s” is active: %u records inside.", automation->n_entered),
                            automation->name, automation->n_entered);
  else
    text = g_strdup_printf (_("“%s” is inactive: nothing more is sent or made."), automation->name);
  if (gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    crm_toast_show (GTK_WIDGET (self), text);
  read_list (self);
}

static void
start_switching (CrmAutomationsPage *self,
                 GtkSwitch          *button,
                 gint64              id,
                 const char         *name,
                 gboolean            on)
{
  Switching *switching = g_new0 (Switching, 1);

  switching->id = id;
  switching->on = on;
  switching->name = g_strdup (name);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  self->switching++;
  crm_session_write_async (self->session, switch_func, switching, switching_free,
                           (GDestroyNotify) crm_automation_free, NULL, switched_cb, g_object_ref (self));
}

/* The automation of @button's row, as listed, or %NULL. */
static CrmAutomation *
row_automation (CrmAutomationsPage *self,
                GtkWidget          *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, GTK_TYPE_LIST_BOX_ROW);
  int index = row != NULL ? gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) : -1;

  if (self->automations == NULL || index < 0 || (guint) index >= self->automations->len)
    return NULL;

  return g_ptr_array_index (self->automations, index);
}

static void
deactivate_response_cb (AdwMessageDialog   *dialog,
                        const char         *response,
                        CrmAutomationsPage *self)
{
  GtkSwitch *button = g_object_get_data (G_OBJECT (dialog), "crm-switch");
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "crm-automation");
  CrmAutomation *automation = row_automation (self, GTK_WIDGET (button));

  if (g_str_equal (response, "deactivate"))
    start_switching (self, button, id, g_object_get_data (G_OBJECT (dialog), "crm-name"), FALSE);
  /* unless the list was read again meanwhile: its new row shows the
   * automation as it is */
  else if (automation != NULL && automation->id == id)
    gtk_switch_set_active (button, TRUE);
}

/* Deactivating cannot be undone: its records leave it and its waiting
 * steps are skipped; activated again, it starts afresh. Asked first. */
static void
ask_deactivate (CrmAutomationsPage  *self,
                GtkSwitch           *button,
                const CrmAutomation *automation)
{
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *inside = NULL;
  g_autofree char *waiting = NULL;
  g_autofree char *body = NULL;

  /* Translators: the question before deactivating an automation: its name */
  heading = g_strdup_printf (_("Deactivate “%s”?"), automation->name);
  inside = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record inside leaves it.",
                                         "%u records inside leave it.", automation->n_entered),
                            automation->n_entered);
  waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step waiting is skipped.",
                                          "%u steps waiting are skipped.", automation->n_waiting),
                             automation->n_waiting);
  /* Translators: the body of the question before deactivating: who leaves, what is skipped */
  body = g_strdup_printf (_("%s %s Activated again, it starts afresh."), inside, waiting);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "deactivate",
                                    _("_Deactivate"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "deactivate", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "crm-switch", g_object_ref (button), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "crm-automation", g_memdup2 (&automation->id, sizeof automation->id),
                          g_free);
  g_object_set_data_full (G_OBJECT (dialog), "crm-name", g_strdup (automation->name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (deactivate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toggled_cb (GtkSwitch          *button,
            GParamSpec         *pspec,
            CrmAutomationsPage *self)
{
  CrmAutomation *automation = row_automation (self, GTK_WIDGET (button));

  if (automation == NULL)
    return;
  if (gtk_switch_get_active (button) == (automation->active && automation->paused_reason == NULL))
    return;
  /* switched off: asked first */
  if (!gtk_switch_get_active (button) && automation->active)
    ask_deactivate (self, button, automation);
  else
    start_switching (self, button, automation->id, automation->name, gtk_switch_get_active (button));
}

static void open_editor (CrmAutomationsPage *self,
                         gint64              id);

static void
row_button_cb (GtkButton          *button,
               CrmAutomationsPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  guint index = (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  CrmAutomation *automation;

  if (self->automations == NULL || index >= self->automations->len)
    return;
  automation = g_ptr_array_index (self->automations, index);
  if (g_str_equal (g_object_get_data (G_OBJECT (button), "crm-what"), "edit"))
    open_editor (self, automation->id);
  else if (g_str_equal (g_object_get_data (G_OBJECT (button), "crm-what"), "log"))
    crm_automations_page_open_log (self, automation->id);
  else
    crm_automations_page_open_simulation (self, automation->id);
}

static GtkWidget *
row_button (CrmAutomationsPage *self,
            const char         *icon,
            const char         *tooltip,
            const char         *what)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "crm-what", (gpointer) what);
  g_signal_connect_object (button, "clicked", G_CALLBACK (row_button_cb), self, 0);

  return button;
}

static char *
selection_text (const CrmAutomation *automation)
{
  if (automation->status_id > 0)
    /* Translators: what an automation selects: a ticket status */
    return g_strdup_printf (_("Status “%s”"), automation->status_name ? automation->status_name : "");

  /* Translators: what an automation selects: a saved view, by its number */
  return g_strdup_printf (_("Saved view %lld"), (long long) automation->view_id);
}

static GtkWidget *
automation_row (CrmAutomationsPage  *self,
                const CrmAutomation *automation)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *active = gtk_switch_new ();
  g_autofree char *selects = selection_text (automation);
  g_autofree char *counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u inside", "%u inside",
                                                          automation->n_entered),
                                             automation->n_entered);
  g_autofree char *waiting = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step waiting", "%u steps waiting",
                                                           automation->n_waiting),
                                              automation->n_waiting);
  g_autofree char *state = NULL;
  g_autofree char *subtitle = NULL;

  if (automation->active && automation->paused_reason != NULL)
    /* Translators: an automation the scheduler paused, and why */
    state = g_strdup_printf (_("Paused: %s"), automation->paused_reason);
  else
    state = g_strdup (automation->active ? _("Active") : _("Inactive"));
  /* Translators: an automation's row: what it selects, its state, continuous or one-time, its counts */
  subtitle = g_strdup_printf (_("%s · %s · %s · %s, %s"), selects, state,
                              automation->one_time ? _("one-time") : _("continuous"), counts, waiting);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), automation->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  if (automation->active && automation->paused_reason != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_tooltip_text (icon, automation->paused_reason);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, "document-edit-symbolic", _("Edit…"), "edit"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, "media-playback-start-symbolic", _("Simulate…"), "simulate"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), row_button (self, "document-open-recent-symbolic", _("Log"), "log"));
  gtk_widget_set_valign (active, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (active), automation->active && automation->paused_reason == NULL);
  gtk_widget_set_tooltip_text (active, automation->active ? _("Deactivate") : _("Activate"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (active), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Active"), -1);
  g_signal_connect_object (active, "notify::active", G_CALLBACK (toggled_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), active);
  /* a click on the switch must not open the editor too: "Edit…" does */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

/* What the banner says: how many steps fell due while the application
 * was closed, and what their automations' catch-up policies made of
 * them ("2 ran late, 1 was moved to its next allowed time"). */
static char *
caught_up_text (const Listed *listed)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (listed->late > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ran late", "%u ran late",
                                                          listed->late),
                                             listed->late));
  if (listed->moved > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u was moved to its next allowed time",
                                                          "%u were moved to their next allowed time", listed->moved),
                                             listed->moved));
  if (listed->skipped > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u was skipped", "%u were skipped",
                                                          listed->skipped),
                                             listed->skipped));
  if (listed->failed > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed",
                                                          listed->failed),
                                             listed->failed));
  g_ptr_array_add (parts, NULL);
  /* Translators: between the parts of the caught-up banner's list ("2 ran late, 1 was skipped") */
  joined = g_strjoinv (_(", "), (char **) parts->pdata);

  /* Translators: the caught-up banner: how many steps, then what became of them ("2 ran late, 1 was skipped") */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u step fell due while the application was closed: %s.",
                                       "%u steps fell due while the application was closed: %s.",
                                       listed->caught_up),
                          listed->caught_up, joined);
}

static void
listed_cb (GtkWidget    *widget,
           gpointer      result,
           const GError *error)
{
  CrmAutomationsPage *self = CRM_AUTOMATIONS_PAGE (widget);
  Listed *listed = result;
  GtkListBoxRow *row;
  g_autofree char *empty = NULL;

  self->reading = FALSE;
  if (self->read_again)
    {
      read_list (self);
      return;
    }
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        crm_toast_show (widget, error->message);
      return;
    }
  g_clear_pointer (&self->automations, g_ptr_array_unref);
  self->automations = g_steal_pointer (&listed->automations);
  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  for (guint i = 0; i < self->automations->len; i++)
    gtk_list_box_append (self->list, automation_row (self, g_ptr_array_index (self->automations, i)));
  empty = g_strdup_printf (_("Automations of %s send mails and make tasks as records enter a status or a saved view. "
                             "Make one with “New Automation…”."),
                           crm_automation_module_label (module (self)));
  adw_status_page_set_description (self->empty_page, empty);
  gtk_stack_set_visible_child_name (self->list_stack, self->automations->len > 0 ? "list" : "empty");

  self->newest_run = listed->newest;
  self->caught_up_automation = listed->caught_up_automation;
  if (listed->caught_up > 0)
    {
      g_autofree char *text = caught_up_text (listed);

      gtk_label_set_text (self->caught_up_label, text);
    }
  gtk_revealer_set_reveal_child (self->caught_up_revealer, listed->caught_up > 0);
}

static void
read_list (CrmAutomationsPage *self)
{
  Listing *listing;

  if (self->session == NULL)
    return;
  if (self->reading)
    {
      self->read_again = TRUE;
      return;
    }
  self->reading = TRUE;
  self->read_again = FALSE;
  listing = g_new0 (Listing, 1);
  listing->module = g_strdup (module (self));
  listing->seen = seen_run (self);
  crm_widget_read (GTK_WIDGET (self), self->session, list_func, listing, listing_free, listed_free, self->cancellable,
                   listed_cb);
}

static void
changed_cb (CrmAutomationsPage *self)
{
  read_list (self);
}

/* The banner told: what it counted is not told again. */
static void
seen_cb (CrmAutomationsPage *self)
{
  if (self->settings != NULL)
    g_settings_set_int64 (self->settings, "automations-seen-run", self->newest_run);
  else
    self->seen_run = self->newest_run;
  gtk_revealer_set_reveal_child (self->caught_up_revealer, FALSE);
}

static void
show_caught_up_cb (CrmAutomationsPage *self)
{
  gint64 id = self->caught_up_automation;

  seen_cb (self);
  if (id > 0)
    crm_automations_page_open_log (self, id);
}

static void
module_changed_cb (CrmAutomationsPage *self)
{
  read_list (self);
}

static void
editor_saved_cb (CrmAutomationEditor *editor,
                 gint64               id,
                 CrmAutomationsPage  *self)
{
  crm_toast_show (GTK_WIDGET (self), _("The automation was saved."));
}

static void
open_editor (CrmAutomationsPage *self,
             gint64              id)
{
  GtkWidget *editor;

  if (self->session == NULL)
    return;
  editor = crm_automation_editor_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                      module (self), id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (CRM_AUTOMATIONS_PAGE (widget), 0);
}

static void
crm_automations_page_dispose (GObject *object)
{
  CrmAutomationsPage *self = CRM_AUTOMATIONS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_AUTOMATIONS_PAGE);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->automations, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_automations_page_parent_class)->dispose (object);
}

static void
crm_automations_page_class_init (CrmAutomationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_automations_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/Crm/ui/automations/crm-automations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationsPage, caught_up_revealer);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationsPage, caught_up_label);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationsPage, module_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomationsPage, list);
  gtk_widget_class_bind_template_callback (widget_class, module_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, seen_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_caught_up_cb);
  gtk_widget_class_install_action (widget_class, "automations.new", NULL, new_action);
}

static void
crm_automations_page_init (CrmAutomationsPage *self)
{
  g_autoptr(GtkStringList) modules = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; crm_automation_modules[i] != NULL; i++)
    gtk_string_list_append (modules, crm_automation_module_label (crm_automation_modules[i]));
  gtk_drop_down_set_model (self->module_dropdown, G_LIST_MODEL (modules));
}

void
crm_automations_page_set_session (CrmAutomationsPage *self,
                                  CrmSession         *session)
{
  g_return_if_fail (CRM_IS_AUTOMATIONS_PAGE (self));

  if (!g_set_object (&self->session, session))
    return;
  if (session != NULL)
    g_signal_connect_object (crm_session_get_database (session), "changed::automation", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
  read_list (self);
}

void
crm_automations_page_set_settings (CrmAutomationsPage *self,
                                   GSettings          *settings)
{
  g_return_if_fail (CRM_IS_AUTOMATIONS_PAGE (self));

  if (g_set_object (&self->settings, settings))
    read_list (self);
}

/**
 * crm_automations_page_set_module:
 * @self: a #CrmAutomationsPage
 * @module: tickets, requests, contacts, offers or searches
 *
 * Shows the automations of @module.
 */
void
crm_automations_page_set_module (CrmAutomationsPage *self,
                                 const char         *module_name)
{
  g_return_if_fail (CRM_IS_AUTOMATIONS_PAGE (self));

  for (guint i = 0; crm_automation_modules[i] != NULL; i++)
    if (g_strcmp0 (crm_automation_modules[i], module_name) == 0)
      gtk_drop_down_set_selected (self->module_dropdown, i);
}

guint
crm_automations_page_get_n_rows (CrmAutomationsPage *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATIONS_PAGE (self), 0);

  return self->automations != NULL ? self->automations->len : 0;
}

/* Whether a read or a switch is under way. */
gboolean
crm_automations_page_is_busy (CrmAutomationsPage *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATIONS_PAGE (self), FALSE);

  return self->reading || self->switching > 0;
}

/**
 * crm_automations_page_open_log:
 *
 * Returns: (transfer none): the log's window of the automation, shown
 */
GtkWidget *
crm_automations_page_open_log (CrmAutomationsPage *self,
                               gint64              automation_id)
{
  GtkWidget *log;

  g_return_val_if_fail (CRM_IS_AUTOMATIONS_PAGE (self), NULL);

  log = crm_automation_log_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session, automation_id);
  gtk_window_present (GTK_WINDOW (log));

  return log;
}

/**
 * crm_automations_page_open_simulation:
 *
 * Returns: (transfer none): the simulation's window of the automation
 */
GtkWidget *
crm_automations_page_open_simulation (CrmAutomationsPage *self,
                                      gint64              automation_id)
{
  GtkWidget *simulation;

  g_return_val_if_fail (CRM_IS_AUTOMATIONS_PAGE (self), NULL);

  simulation = crm_automation_simulation_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->session,
                                              automation_id);
  gtk_window_present (GTK_WINDOW (simulation));

  return simulation;
}
