/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-start-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-offer-mails-portlet.h"
#include "crm-stale-searches-portlet.h"
#include "crm-start-page.h"
#include "crm-tasks-portlet.h"
#include "crm-welcome-portlet.h"

/**
 * CrmStartPage:
 *
 * Where the working day starts (OF11): a column of portlets the user
 * adds ("Add Portlet") and removes (each portlet's close button). Which
 * ones, in which order, is the "start-portlets" setting.
 */
struct _CrmStartPage
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkMenuButton *add_button;
  GtkWidget     *portlets_box;
  GtkWidget     *empty_status;

  /* owned */
  CrmSession      *session;
  CrmUser       *user;
  GSettings     *settings;
  GStrv          shown;      /* without settings, kept here */
  GHashTable    *portlets;   /* id → CrmPortlet, children of portlets_box */
};

G_DEFINE_FINAL_TYPE (CrmStartPage, crm_start_page, GTK_TYPE_WIDGET)

/* The kinds of portlets, in the order of the Add Portlet menu. A new
 * kind is a CrmPortlet subclass and a line here; "My tickets" and
 * "Pending referrals" will come this way. */
typedef struct
{
  const char *id;
  const char *title;
  GType     (*get_type) (void);
} PortletType;

static const PortletType portlet_types[] = {
  /* Translators: a portlet of the Start page: the greeting */
  { "welcome", N_("Welcome"), crm_welcome_portlet_get_type },
  /* Translators: a portlet of the Start page: prepared mails with offers (OF7) */
  { "offer-mails", N_("Emails to Send"), crm_offer_mails_portlet_get_type },
  /* Translators: a portlet of the Start page: searches not updated lately (OF10) */
  { "stale-searches", N_("Searches to Refresh"), crm_stale_searches_portlet_get_type },
  /* Translators: a portlet of the Start page: the user's open tasks (FD5) */
  { "tasks", N_("My Tasks"), crm_tasks_portlet_get_type },
};

static const char * const default_portlets[] = { "welcome", "offer-mails", "stale-searches", "tasks", NULL };

static const PortletType *
find_type (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (portlet_types); i++)
    if (g_strcmp0 (portlet_types[i].id, id) == 0)
      return &portlet_types[i];

  return NULL;
}

static void
set_shown (CrmStartPage       *self,
           const char * const *ids)
{
  if (self->settings != NULL)
    g_settings_set_strv (self->settings, "start-portlets", ids);
  else
    {
      g_strfreev (self->shown);
      self->shown = g_strdupv ((char **) ids);
    }
}

static void
update_menu (CrmStartPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (portlet_types); i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if (g_hash_table_contains (self->portlets, portlet_types[i].id))
        continue;
      item = g_menu_item_new (_(portlet_types[i].title), NULL);
      g_menu_item_set_action_and_target (item, "start.add-portlet", "s", portlet_types[i].id);
      g_menu_append_item (menu, item);
      n++;
    }

  gtk_menu_button_set_menu_model (self->add_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), n > 0);
}

/* Shows the portlets the setting names, in its order; one already
 * shown stays as it is (its ticks, its scroll). */
static void
rebuild (CrmStartPage *self)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GtkWidget *previous = NULL;
  GHashTableIter iter;
  gpointer key, value;

  for (guint i = 0; self->shown != NULL && self->shown[i] != NULL; i++)
    {
      const PortletType *type = find_type (self->shown[i]);
      GtkWidget *portlet;

      if (type == NULL || g_hash_table_contains (wanted, type->id))
        continue;
      g_hash_table_add (wanted, (gpointer) type->id);

      portlet = g_hash_table_lookup (self->portlets, type->id);
      if (portlet == NULL)
        {
          portlet = g_object_new (type->get_type (), "portlet-id", type->id, "title", _(type->title), NULL);
          gtk_box_append (GTK_BOX (self->portlets_box), portlet);
          g_hash_table_insert (self->portlets, (gpointer) type->id, portlet);
          crm_portlet_set_context (CRM_PORTLET (portlet), self->session, self->user, self->settings);
        }
      gtk_box_reorder_child_after (GTK_BOX (self->portlets_box), portlet, previous);
      previous = portlet;
    }

  g_hash_table_iter_init (&iter, self->portlets);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (wanted, key))
      {
        g_ptr_array_add (gone, value);
        g_hash_table_iter_remove (&iter);
      }
  for (guint i = 0; i < gone->len; i++)
    gtk_box_remove (GTK_BOX (self->portlets_box), g_ptr_array_index (gone, i));

  gtk_widget_set_visible (self->empty_status, g_hash_table_size (self->portlets) == 0);
  update_menu (self);
}

static void
settings_changed_cb (CrmStartPage *self,
                     const char   *key,
                     GSettings    *settings)
{
  g_strfreev (self->shown);
  self->shown = g_settings_get_strv (settings, "start-portlets");
  rebuild (self);
}

static void
add_portlet_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  crm_start_page_add_portlet (CRM_START_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
remove_portlet_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  crm_start_page_remove_portlet (CRM_START_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
crm_start_page_dispose (GObject *object)
{
  CrmStartPage *self = CRM_START_PAGE (object);
  GtkWidget *child;

  g_clear_pointer (&self->portlets, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_START_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->user);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (crm_start_page_parent_class)->dispose (object);
}

static void
crm_start_page_finalize (GObject *object)
{
  CrmStartPage *self = CRM_START_PAGE (object);

  g_strfreev (self->shown);

  G_OBJECT_CLASS (crm_start_page_parent_class)->finalize (object);
}

static void
crm_start_page_class_init (CrmStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_start_page_dispose;
  object_class->finalize = crm_start_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmStartPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CrmStartPage, portlets_box);
  gtk_widget_class_bind_template_child (widget_class, CrmStartPage, empty_status);

  gtk_widget_class_install_action (widget_class, "start.add-portlet", "s", add_portlet_action);
  gtk_widget_class_install_action (widget_class, "start.remove-portlet", "s", remove_portlet_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_start_page_init (CrmStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->portlets = g_hash_table_new (g_str_hash, g_str_equal);
  self->shown = g_strdupv ((char **) default_portlets);
  rebuild (self);
}

static void
update_context (CrmStartPage *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->portlets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    crm_portlet_set_context (value, self->session, self->user, self->settings);
}

void
crm_start_page_set_session (CrmStartPage *self,
                            CrmSession   *session)
{
  g_return_if_fail (CRM_IS_START_PAGE (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  if (g_set_object (&self->session, session))
    update_context (self);
}

void
crm_start_page_set_user (CrmStartPage *self,
                         CrmUser      *user)
{
  gboolean same;

  g_return_if_fail (CRM_IS_START_PAGE (self));

  /* the same person (read ahead under the user chooser): nothing to
   * read again */
  same = self->user != NULL && user != NULL && crm_user_get_id (self->user) == crm_user_get_id (user);
  if (g_set_object (&self->user, user) && !same)
    update_context (self);
}

/**
 * crm_start_page_set_settings:
 * @self: a #CrmStartPage
 * @settings: (nullable): the user's settings: which portlets are shown,
 *   and the undo window of sending
 */
void
crm_start_page_set_settings (CrmStartPage *self,
                             GSettings    *settings)
{
  g_return_if_fail (CRM_IS_START_PAGE (self));
  g_return_if_fail (!settings || G_IS_SETTINGS (settings));

  if (settings == self->settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);

  update_context (self);
  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::start-portlets", G_CALLBACK (settings_changed_cb), self,
                               G_CONNECT_SWAPPED);
      settings_changed_cb (self, "start-portlets", settings);
    }
}

/**
 * crm_start_page_get_portlet:
 * @self: a #CrmStartPage
 * @portlet_id: a kind of portlet: "welcome", "offer-mails",
 *   "stale-searches", "tasks"
 *
 * Returns: (transfer none) (nullable): the portlet, when shown
 */
CrmPortlet *
crm_start_page_get_portlet (CrmStartPage *self,
                            const char   *portlet_id)
{
  g_return_val_if_fail (CRM_IS_START_PAGE (self), NULL);

  return g_hash_table_lookup (self->portlets, portlet_id);
}

/**
 * crm_start_page_get_portlet_ids:
 * @self: a #CrmStartPage
 *
 * Returns: (transfer none): the portlets asked for, in order
 */
const char * const *
crm_start_page_get_portlet_ids (CrmStartPage *self)
{
  g_return_val_if_fail (CRM_IS_START_PAGE (self), NULL);

  return (const char * const *) self->shown;
}

/**
 * crm_start_page_add_portlet:
 * @self: a #CrmStartPage
 * @portlet_id: a kind of portlet
 *
 * Adds the portlet at the end of the column, and to the settings.
 *
 * Returns: %TRUE when it was added; %FALSE for an unknown or shown one
 */
gboolean
crm_start_page_add_portlet (CrmStartPage *self,
                            const char   *portlet_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  g_return_val_if_fail (CRM_IS_START_PAGE (self), FALSE);

  if (find_type (portlet_id) == NULL || g_hash_table_contains (self->portlets, portlet_id))
    return FALSE;

  g_strv_builder_addv (builder, (const char **) self->shown);
  g_strv_builder_add (builder, portlet_id);
  ids = g_strv_builder_end (builder);
  set_shown (self, (const char * const *) ids);
  if (self->settings == NULL)
    rebuild (self);

  return TRUE;
}

/**
 * crm_start_page_remove_portlet:
 * @self: a #CrmStartPage
 * @portlet_id: a kind of portlet
 *
 * Removes the portlet from the column and the settings.
 *
 * Returns: %TRUE when it was shown
 */
gboolean
crm_start_page_remove_portlet (CrmStartPage *self,
                               const char   *portlet_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_START_PAGE (self), FALSE);

  for (guint i = 0; self->shown != NULL && self->shown[i] != NULL; i++)
    {
      if (g_strcmp0 (self->shown[i], portlet_id) == 0)
        found = TRUE;
      else
        g_strv_builder_add (builder, self->shown[i]);
    }
  if (!found)
    return FALSE;

  ids = g_strv_builder_end (builder);
  set_shown (self, (const char * const *) ids);
  if (self->settings == NULL)
    rebuild (self);

  return TRUE;
}
