/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-sidebar-views"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-sidebar-views.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmSidebarViews:
 *
 * The sidebar's rows (FD4): each page of the window's content stack,
 * and under the page of a module its saved views, the office's and the
 * user's own, by name. The views are read on the session's reader when
 * someone starts working and again after any change to them (saved
 * here, by crmctl or on another desk), never on the main loop. Each
 * view's row has a menu, "Rename…" and "Delete", for those who may
 * change it (its owner, managers for the office's, administrators),
 * from its button, a right click or the Menu key.
 */
struct _CrmSidebarViews
{
  GObject          parent_instance;

  /* owned */
  CrmSession      *session;
  CrmUser         *user;
  gint64           read_for;   /* whose views are shown, or being read */
  GListStore      *sections;   /* a GListStore a page: the page, its views */
  GListModel      *rows;       /* the sections, flat */
  GListModel      *pages;
  GCancellable    *cancellable;
  guint            reload_source;

  /* borrowed */
  GtkWidget       *window;
};

G_DEFINE_FINAL_TYPE (CrmSidebarViews, crm_sidebar_views, G_TYPE_OBJECT)

/* One section a page of the stack: the page, its views after it. */
static void
pages_changed_cb (CrmSidebarViews *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *pages)
{
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) page = g_list_model_get_item (pages, i);
      GListStore *section = g_list_store_new (G_TYPE_OBJECT);

      g_list_store_append (section, page);
      g_ptr_array_add (made, section);
    }
  g_list_store_splice (self->sections, position, removed, made->pdata, made->len);
}

/* Each module's views under its page, as read. */
static void
show_views (CrmSidebarViews *self,
            GPtrArray       *views)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sections)); i++)
    {
      g_autoptr(GListStore) section = g_list_model_get_item (G_LIST_MODEL (self->sections), i);
      g_autoptr(GObject) page = g_list_model_get_item (G_LIST_MODEL (section), 0);
      const char *module = gtk_stack_page_get_name (GTK_STACK_PAGE (page));
      g_autoptr(GPtrArray) mine = g_ptr_array_new ();
      guint n = g_list_model_get_n_items (G_LIST_MODEL (section));
      gboolean same;

      for (guint v = 0; views != NULL && v < views->len; v++)
        if (g_strcmp0 (crm_saved_view_get_module (g_ptr_array_index (views, v)), module) == 0)
          g_ptr_array_add (mine, g_ptr_array_index (views, v));

      /* nothing changed: the rows stay as they are */
      same = n == mine->len + 1;
      for (guint v = 0; same && v < mine->len; v++)
        {
          g_autoptr(CrmSavedView) shown = g_list_model_get_item (G_LIST_MODEL (section), v + 1);
          CrmSavedView *read = g_ptr_array_index (mine, v);

          same = crm_saved_view_get_id (shown) == crm_saved_view_get_id (read) &&
                 g_strcmp0 (crm_saved_view_get_name (shown), crm_saved_view_get_name (read)) == 0;
        }
      if (!same)
        g_list_store_splice (section, 1, n - 1, mine->pdata, mine->len);
    }
}

static gboolean
read_views (CrmSession    *reader,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 user_id = *(gint64 *) data;

  return (*result = crm_view_store_list_for (crm_view_store_from_session (reader), user_id, NULL, error)) != NULL;
}

static void
views_read_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmSidebarViews) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *views = crm_session_read_finish (CRM_SESSION (object), result, &error);

  if (views == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Reading the saved views failed: %s", error->message);
      return;
    }
  if (self->user != NULL)
    show_views (self, views);
  g_ptr_array_unref (views);
}

static void
reload (CrmSidebarViews *self)
{
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->read_for = self->user != NULL ? crm_user_get_id (self->user) : 0;
  if (self->user == NULL)
    {
      show_views (self, NULL);
      return;
    }
  self->cancellable = g_cancellable_new ();
  crm_session_read_async (self->session, read_views, g_memdup2 (&self->read_for, sizeof self->read_for), g_free,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable, views_read_cb, g_object_ref (self));
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CrmSidebarViews *self = user_data;

  self->reload_source = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* Several changes in a row, read once after them. */
static void
views_changed_cb (CrmSidebarViews *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static void
rename_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  crm_sidebar_views_rename (user_data, g_variant_get_int64 (parameter));
}

static void
delete_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  crm_sidebar_views_delete (user_data, g_variant_get_int64 (parameter));
}

static void
crm_sidebar_views_dispose (GObject *object)
{
  CrmSidebarViews *self = CRM_SIDEBAR_VIEWS (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->pages != NULL)
    g_signal_handlers_disconnect_by_data (self->pages, self);
  g_clear_object (&self->pages);
  g_clear_object (&self->rows);
  g_clear_object (&self->sections);
  g_clear_object (&self->session);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (crm_sidebar_views_parent_class)->dispose (object);
}

static void
crm_sidebar_views_class_init (CrmSidebarViewsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_sidebar_views_dispose;
}

static void
crm_sidebar_views_init (CrmSidebarViews *self)
{
}

/**
 * crm_sidebar_views_new:
 * @window: the window whose sidebar it is (borrowed): the menu's
 *   actions ("views.rename", "views.delete") are its
 * @session: the window's session
 * @pages: the content stack's pages
 *
 * Returns: (transfer full): a new #CrmSidebarViews
 */
CrmSidebarViews *
crm_sidebar_views_new (GtkWidget  *window,
                       CrmSession *session,
                       GListModel *pages)
{
  static const GActionEntry entries[] = {
    { "rename", rename_action_cb, "x", NULL, NULL, { 0 } },
    { "delete", delete_action_cb, "x", NULL, NULL, { 0 } },
  };
  CrmSidebarViews *self = g_object_new (CRM_TYPE_SIDEBAR_VIEWS, NULL);
  g_autoptr(GSimpleActionGroup) actions = g_simple_action_group_new ();

  self->window = window;
  self->session = g_object_ref (session);
  self->pages = g_object_ref (pages);
  self->sections = g_list_store_new (G_TYPE_LIST_MODEL);
  self->rows = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (self->sections))));
  pages_changed_cb (self, 0, 0, g_list_model_get_n_items (pages), pages);
  g_signal_connect_object (pages, "items-changed", G_CALLBACK (pages_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (crm_session_get_database (session), "changed::saved-view", G_CALLBACK (views_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_action_map_add_action_entries (G_ACTION_MAP (actions), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (window, "views", G_ACTION_GROUP (actions));

  return self;
}

/**
 * crm_sidebar_views_get_model:
 * @self: a #CrmSidebarViews
 *
 * Returns: (transfer none): the sidebar's rows: each #GtkStackPage,
 *   each followed by its module's #CrmSavedView<!-- -->s
 */
GListModel *
crm_sidebar_views_get_model (CrmSidebarViews *self)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_VIEWS (self), NULL);

  return self->rows;
}

/**
 * crm_sidebar_views_set_user:
 * @self: a #CrmSidebarViews
 * @user: (nullable): who works, or who worked last while the user
 *   chooser shows: their views and the office's
 */
void
crm_sidebar_views_set_user (CrmSidebarViews *self,
                            CrmUser         *user)
{
  g_return_if_fail (CRM_IS_SIDEBAR_VIEWS (self));

  g_set_object (&self->user, user);
  /* read already, under the user chooser, for whoever worked last:
   * only their rows' menus are made again, for who works now */
  if (user != NULL && crm_user_get_id (user) == self->read_for)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sections)); i++)
        {
          g_autoptr(GListStore) section = g_list_model_get_item (G_LIST_MODEL (self->sections), i);
          g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func (g_object_unref);
          guint n = g_list_model_get_n_items (G_LIST_MODEL (section));

          for (guint v = 1; v < n; v++)
            g_ptr_array_add (views, g_list_model_get_item (G_LIST_MODEL (section), v));
          if (views->len > 0)
            g_list_store_splice (section, 1, views->len, views->pdata, views->len);
        }
      return;
    }
  reload (self);
}

/**
 * crm_sidebar_views_find:
 * @self: a #CrmSidebarViews
 * @view_id: a view
 *
 * Returns: (transfer none) (nullable): the view, as the sidebar shows it
 */
CrmSavedView *
crm_sidebar_views_find (CrmSidebarViews *self,
                        gint64           view_id)
{
  g_return_val_if_fail (CRM_IS_SIDEBAR_VIEWS (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (self->rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->rows, i);

      if (CRM_IS_SAVED_VIEW (item) && crm_saved_view_get_id (CRM_SAVED_VIEW (item)) == view_id)
        return CRM_SAVED_VIEW (item);
    }

  return NULL;
}

/* The row's menu, by a right click or the Menu key. */
static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            GtkMenuButton   *button)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_menu_button_popup (button);
}

static gboolean
menu_key_cb (GtkWidget *row,
             GVariant  *args,
             gpointer   user_data)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (user_data));

  return TRUE;
}

/**
 * crm_sidebar_views_create_row:
 * @self: a #CrmSidebarViews
 * @view: a view of the sidebar's
 *
 * Returns: (transfer floating): the view's row, under its module's:
 *   named "view:ID", holding the view as "crm-view"
 */
GtkWidget *
crm_sidebar_views_create_row (CrmSidebarViews *self,
                              CrmSavedView    *view)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (crm_saved_view_get_name (view));
  g_autofree char *name = g_strdup_printf ("view:%" G_GINT64_FORMAT, crm_saved_view_get_id (view));

  /* under its module's row, past its icon */
  gtk_widget_set_margin_start (box, 28);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (!crm_saved_view_get_shared (view))
    {
      GtkWidget *mine = gtk_image_new_from_icon_name ("avatar-default-symbolic");

      gtk_widget_add_css_class (mine, "dim-label");
      /* Translators: a tooltip on a saved view in the sidebar */
      gtk_widget_set_tooltip_text (mine, _("Only for you"));
      gtk_box_append (GTK_BOX (box), mine);
    }

  if (crm_view_store_may_change (crm_view_store_from_session (self->session), view))
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename…"), NULL);
      g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);
      GtkWidget *button = gtk_menu_button_new ();
      GtkGesture *click = gtk_gesture_click_new ();
      GtkEventController *keys = gtk_shortcut_controller_new ();

      g_menu_item_set_action_and_target_value (rename, "views.rename", g_variant_new_int64 (crm_saved_view_get_id (view)));
      g_menu_item_set_action_and_target_value (delete, "views.delete", g_variant_new_int64 (crm_saved_view_get_id (view)));
      g_menu_append_item (menu, rename);
      g_menu_append_item (menu, delete);
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_widget_add_css_class (button, "flat");
      /* Translators: the button of a saved view's menu in the sidebar */
      gtk_widget_set_tooltip_text (button, _("View Menu"));
      gtk_box_append (GTK_BOX (box), button);

      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
      g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), button, 0);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                            gtk_shortcut_new (gtk_alternative_trigger_new (
                                                                gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                                gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                                                              gtk_callback_action_new (menu_key_cb, button, NULL)));
      gtk_widget_add_controller (row, keys);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, name);
  g_object_set_data_full (G_OBJECT (row), "crm-view", g_object_ref (view), g_object_unref);
  gtk_widget_set_tooltip_text (row, crm_saved_view_get_shared (view) ? _("Shared with the office") : NULL);

  return row;
}

/* Rename… and Delete */

static gboolean
rename_func (CrmSession  *writer,
             GVariant    *args,
             GError     **error)
{
  gint64 id;
  const char *name;

  g_variant_get (args, "(x&s)", &id, &name);

  return crm_view_store_rename (crm_view_store_from_session (writer), id, name, error);
}

static gboolean
delete_func (CrmSession  *writer,
             GVariant    *args,
             GError     **error)
{
  gint64 id;

  g_variant_get (args, "(x)", &id);

  return crm_view_store_delete (crm_view_store_from_session (writer), id, error);
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CrmSidebarViews  *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-view-id"));

  if (!g_str_equal (response, "rename") || self->window == NULL)
    return;
  /* a refusal (a name taken) is said in a toast over the window */
  crm_widget_write (self->window, self->session, rename_func,
                    g_variant_new ("(xs)", id, gtk_editable_get_text (entry)), NULL);
}

static void
rename_changed_cb (GtkEditable      *entry,
                   AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", *name != '\0');
}

/**
 * crm_sidebar_views_rename:
 * @self: a #CrmSidebarViews
 * @view_id: a view of the sidebar's
 *
 * Asks for the view's new name, and renames it.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWidget *
crm_sidebar_views_rename (CrmSidebarViews *self,
                          gint64           view_id)
{
  CrmSavedView *view;
  GtkWidget *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (CRM_IS_SIDEBAR_VIEWS (self), NULL);

  if ((view = crm_sidebar_views_find (self, view_id)) == NULL)
    return NULL;
  dialog = adw_message_dialog_new (GTK_WINDOW (self->window), _("Rename View"), NULL);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), crm_saved_view_get_name (view));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_max_length (GTK_ENTRY (entry), CRM_VIEW_NAME_MAX);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "crm-view-id", GSIZE_TO_POINTER ((gsize) view_id));
  g_signal_connect (entry, "changed", G_CALLBACK (rename_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CrmSidebarViews  *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-view-id"));

  if (g_str_equal (response, "delete") && self->window != NULL)
    crm_widget_write (self->window, self->session, delete_func, g_variant_new ("(x)", id), NULL);
}

/**
 * crm_sidebar_views_delete:
 * @self: a #CrmSidebarViews
 * @view_id: a view of the sidebar's
 *
 * Asks whether to delete the view, and deletes it.
 *
 * Returns: (transfer none) (nullable): the dialog
 */
GtkWidget *
crm_sidebar_views_delete (CrmSidebarViews *self,
                          gint64           view_id)
{
  CrmSavedView *view;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (CRM_IS_SIDEBAR_VIEWS (self), NULL);

  if ((view = crm_sidebar_views_find (self, view_id)) == NULL)
    return NULL;
  /* Translators: the name of a saved view */
  heading = g_strdup_printf (_("Delete View “%s”?"), crm_saved_view_get_name (view));
  dialog = adw_message_dialog_new (GTK_WINDOW (self->window), heading,
                                   crm_saved_view_get_shared (view)
                                   ? _("It goes from everyone’s sidebar; the records it shows stay.")
                                   : _("The records it shows stay."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "crm-view-id", GSIZE_TO_POINTER ((gsize) view_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
