/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-searches-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-loading.h"
#include "crm-toast.h"
#include "crm-list-row.h"
#include "crm-offer-text.h"
#include "crm-search-editor.h"
#include "crm-searches-page.h"
#include "crm-offer-store.h"
#include "crm-search-store.h"
#include "crm-search-bump.h"
#include "crm-save-view-dialog.h"
#include "crm-view-pin.h"

/**
 * CrmSearchesPage:
 *
 * The clients' searches (OF2): a lazy list with filters (mine, and the
 * ones not updated for the office's stale days, OF10, oldest first),
 * and the selected search beside it with the offers that fit (OF3).
 * Several rows can be selected (Ctrl or Shift and a click) and their
 * update date bumped at once.
 */
struct _CrmSearchesPage
{
  GtkWidget          parent_instance;

  /* template widgets */
  AdwLeaflet        *leaflet;
  GtkWidget         *list_pane;
  GtkDropDown       *who_dropdown;
  GtkDropDown       *date_dropdown;
  GtkStack          *list_stack;
  GtkGridView       *list_view;
  AdwStatusPage     *empty_status;
  GtkRevealer       *bump_bar;
  GtkLabel          *selected_label;
  GtkLabel          *count_label;
  CrmSearchDetail   *detail;
  GtkWidget         *view_bar;
  GtkLabel          *view_label;

  /* owned */
  CrmSession          *session;
  CrmUser           *user;
  CrmSearchList     *searches;
  GtkMultiSelection *selection;
  gint64             shown;
  CrmViewPin         pin;        /* a saved view shown (FD4) */
};

G_DEFINE_FINAL_TYPE (CrmSearchesPage, crm_searches_page, GTK_TYPE_WIDGET)

static gboolean
stale_only (CrmSearchesPage *self)
{
  return gtk_drop_down_get_selected (self->date_dropdown) == 1;
}

static void
update_count (CrmSearchesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->searches));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u search", "%u searches", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  if (stale_only (self))
    {
      adw_status_page_set_icon_name (self->empty_status, "emblem-ok-symbolic");
      adw_status_page_set_title (self->empty_status, _("All Searches Are Fresh"));
      adw_status_page_set_description (self->empty_status, _("Every search here was updated recently."));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_status, "system-search-symbolic");
      adw_status_page_set_title (self->empty_status, _("No Searches Yet"));
      adw_status_page_set_description (self->empty_status,
                                       _("Write down what a client is looking for: new offers that fit are "
                                         "prepared for the client or sent at once."));
    }
}

static GArray *
selected_ids (CrmSearchesPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position);
       more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(CrmSearch) search = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
      gint64 id = search ? crm_search_get_id (search) : 0;

      if (id != 0)
        g_array_append_val (ids, id);
    }

  return ids;
}

/* How many rows are selected: from the selection's bitset, without
 * reading the rows (Ctrl+A on a long list selects them all). */
static guint
n_selected (CrmSearchesPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return (guint) MIN (gtk_bitset_get_size (selected), G_MAXUINT);
}

/* The one selected search, or 0 */
static gint64
single_selected (CrmSearchesPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(CrmSearch) search = NULL;

  if (gtk_bitset_get_size (selected) != 1)
    return 0;
  search = g_list_model_get_item (G_LIST_MODEL (self->selection), gtk_bitset_get_minimum (selected));

  return search != NULL ? crm_search_get_id (search) : 0;
}

static void
update_selection (CrmSearchesPage *self)
{
  guint n = n_selected (self);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n), n);

  gtk_label_set_text (self->selected_label, text);
  gtk_revealer_set_reveal_child (self->bump_bar, n > 1 || (n == 1 && stale_only (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "searches.bump", n > 0);
}

/* The shown search's row, wherever it is in the list: found among the
 * ids the list holds, no row read. */
static void
select_shown (CrmSearchesPage *self)
{
  guint position = self->shown != 0 ? crm_search_list_find (self->searches, self->shown) : G_MAXUINT;

  if (position != G_MAXUINT)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
    }
}

static void
items_changed_cb (CrmSearchesPage *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *model)
{
  update_count (self);
  update_selection (self);
}

/* After a reload the shown row is selected again wherever it stands
 * (found among the ids the list holds, no row read). */
static void
loaded_cb (CrmSearchesPage *self,
           CrmPagedList    *list)
{
  if (self->shown != 0)
    select_shown (self);
}

/* One row selected: its card. Several: the card stays, the bar offers
 * to bump them all. */
static void
selection_changed_cb (CrmSearchesPage   *self,
                      guint              position,
                      guint              n_items,
                      GtkSelectionModel *selection)
{
  gint64 id = single_selected (self);

  update_selection (self);
  if (id == 0 || id == self->shown)
    return;

  self->shown = id;
  crm_search_detail_set_search_id (self->detail, self->shown);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
row_activated_cb (CrmSearchesPage *self,
                  guint            position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The filter the bar shows, as a saved view keeps it: "Mine" is
 * whoever looks. */
static GVariant *
bar_variant (CrmSearchesPage *self)
{
  CrmSearchFilter filter = { 0 };

  if (gtk_drop_down_get_selected (self->who_dropdown) == 1)
    filter.agent_id = CRM_USER_ME;
  filter.stale_only = stale_only (self);

  return crm_search_filter_to_variant (&filter);
}

static void
filter_changed_cb (CrmSearchesPage *self)
{
  CrmSearchFilter filter = { 0 };
  gint64 me = self->user != NULL ? crm_user_get_id (self->user) : 0;
  GVariant *view;

  if (self->searches == NULL)
    return;

  /* a saved view, whole, while the bar shows what it showed of it */
  view = crm_view_pin_get (&self->pin, bar_variant (self));
  if (view == NULL || !crm_search_filter_from_variant (view, me, &filter, NULL))
    {
      filter = (CrmSearchFilter) { 0 };
      if (gtk_drop_down_get_selected (self->who_dropdown) == 1 && self->user != NULL)
        filter.agent_id = me;
      filter.stale_only = stale_only (self);
    }
  crm_search_list_set_filter (self->searches, &filter);
}

/**
 * crm_searches_page_show_view:
 * @self: a #CrmSearchesPage
 * @view: a saved view of the searches
 *
 * Shows the searches @view lets through: its filters on the bar, as far
 * as the bar has them (a client, a colleague it does not), its name
 * above the list.
 */
void
crm_searches_page_show_view (CrmSearchesPage *self,
                             CrmSavedView    *view)
{
  g_autoptr(GError) error = NULL;
  CrmSearchFilter filter;
  gint64 me;

  g_return_if_fail (CRM_IS_SEARCHES_PAGE (self));
  g_return_if_fail (CRM_IS_SAVED_VIEW (view));

  if (!crm_search_filter_from_variant (crm_saved_view_get_filter (view), 0, &filter, &error))
    {
      crm_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  me = self->user != NULL ? crm_user_get_id (self->user) : 0;
  crm_view_pin_begin (&self->pin, view);
  gtk_drop_down_set_selected (self->who_dropdown,
                              filter.agent_id == CRM_USER_ME || (me != 0 && filter.agent_id == me) ? 1 : 0);
  gtk_drop_down_set_selected (self->date_dropdown, filter.stale_only ? 1 : 0);
  crm_view_pin_end (&self->pin, bar_variant (self));
  filter_changed_cb (self);
}

static void
view_saved_cb (CrmSearchesPage   *self,
               const char        *name,
               CrmSaveViewDialog *dialog)
{
  /* Translators: a toast; the name of a saved view */
  g_autofree char *text = g_strdup_printf (_("View “%s” saved"), name);

  crm_toast_show (GTK_WIDGET (self), text);
}

static void
save_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmSearchesPage *self = CRM_SEARCHES_PAGE (widget);
  GVariant *view = crm_view_pin_get (&self->pin, bar_variant (self));
  CrmSaveViewDialog *dialog;

  /* a view shown is saved whole */
  dialog = crm_save_view_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session, "searches",
                                     view != NULL ? view : bar_variant (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (view_saved_cb), self, G_CONNECT_SWAPPED);
}

static void
leave_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmSearchesPage *self = CRM_SEARCHES_PAGE (widget);

  crm_view_pin_clear (&self->pin);
  filter_changed_cb (self);
}

static void
folded_cb (CrmSearchesPage *self)
{
  crm_search_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
}

static void
detail_back_cb (CrmSearchesPage *self,
                CrmSearchDetail *detail)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/**
 * crm_searches_page_bump_selected:
 * @self: a #CrmSearchesPage
 *
 * Bumps the update date of the selected searches (OF10), on a worker;
 * a toast says how many, or why not.
 *
 * Returns: how many went to be bumped
 */
guint
crm_searches_page_bump_selected (CrmSearchesPage *self)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CRM_IS_SEARCHES_PAGE (self), 0);

  ids = selected_ids (self);
  if (ids->len == 0)
    return 0;

  crm_search_bump (GTK_WIDGET (self), self->session, (const gint64 *) ids->data, ids->len);

  return ids->len;
}

static void
bump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_searches_page_bump_selected (CRM_SEARCHES_PAGE (widget));
}

static void
editor_saved_cb (CrmSearchesPage *self,
                 gint64           id,
                 CrmSearchEditor *editor)
{
  crm_toast_show (GTK_WIDGET (self), _("Search saved"));
  crm_searches_page_show_search (self, id);
}

/**
 * crm_searches_page_new_search:
 * @self: a #CrmSearchesPage
 *
 * Opens the form of a new search.
 *
 * Returns: (transfer none): the editor
 */
CrmSearchEditor *
crm_searches_page_new_search (CrmSearchesPage *self)
{
  CrmSearchEditor *editor;

  g_return_val_if_fail (CRM_IS_SEARCHES_PAGE (self), NULL);

  editor = crm_search_editor_new (self->session, NULL);
  if (GTK_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  crm_searches_page_new_search (CRM_SEARCHES_PAGE (widget));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, crm_list_row_new (2));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CrmSearchesPage *self = user_data;
  CrmSearch *search = gtk_list_item_get_item (item);
  GtkWidget *title = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *summary = gtk_widget_get_next_sibling (title);
  GtkWidget *updated = gtk_widget_get_next_sibling (summary);
  g_autofree char *line1 = NULL;
  g_autofree char *line2 = crm_search_dup_summary (search);
  g_autofree char *when = crm_offer_text_last_update (self->session, crm_search_get_updated (search));
  g_autofree char *line3 = NULL;
  gboolean stale = crm_offer_text_days_ago (self->session, crm_search_get_updated (search)) >=
                   crm_offer_store_get_stale_days (crm_offer_store_from_session (self->session));

  /* Translators: a search in the list: the client and the search's number */
  line1 = g_strdup_printf (_("%s · No. %lld"), crm_search_get_client_name (search),
                           (long long) crm_search_get_id (search));
  /* Translators: a search in the list; %s is a date and how long ago */
  line3 = g_strdup_printf (_("Updated %s"), when);
  gtk_label_set_text (GTK_LABEL (title), line1);
  gtk_label_set_text (GTK_LABEL (summary), line2);
  gtk_label_set_text (GTK_LABEL (updated), line3);
  if (stale)
    gtk_widget_add_css_class (updated, "warning");
  else
    gtk_widget_remove_css_class (updated, "warning");
}

static void
fill_date_filter (CrmSearchesPage *self)
{
  guint days = crm_offer_store_get_stale_days (crm_offer_store_from_session (self->session));
  g_autofree char *stale = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Not Updated for %u Day",
                                                         "Not Updated for %u Days", days),
                                            days);
  const char *items[] = { _("Any Update Date"), stale, NULL };
  g_autoptr(GtkStringList) model = gtk_string_list_new (items);

  gtk_drop_down_set_model (self->date_dropdown, G_LIST_MODEL (model));
}

static void
crm_searches_page_dispose (GObject *object)
{
  CrmSearchesPage *self = CRM_SEARCHES_PAGE (object);
  GtkWidget *child;

  self->pin.bar = NULL;
  self->pin.label = NULL;
  crm_view_pin_clear (&self->pin);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SEARCHES_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->searches);
  g_clear_object (&self->session);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (crm_searches_page_parent_class)->dispose (object);
}

static void
crm_searches_page_class_init (CrmSearchesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_searches_page_dispose;

  g_type_ensure (CRM_TYPE_SEARCH_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/offers/crm-searches-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, who_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, date_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, bump_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, selected_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, detail);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, view_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchesPage, view_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_back_cb);

  gtk_widget_class_install_action (widget_class, "searches.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "searches.bump", NULL, bump_action);
  gtk_widget_class_install_action (widget_class, "searches.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "searches.leave-view", NULL, leave_view_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_searches_page_init (CrmSearchesPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pin.bar = self->view_bar;
  self->pin.label = self->view_label;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "searches.bump", FALSE);
}

/**
 * crm_searches_page_set_store:
 * @self: a #CrmSearchesPage
 * @store: the store
 */
void
crm_searches_page_set_session (CrmSearchesPage *self,
                               CrmSession      *session)
{
  g_return_if_fail (CRM_IS_SEARCHES_PAGE (self));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  crm_search_detail_set_session (self->detail, session);
  fill_date_filter (self);

  self->searches = crm_search_list_new (session);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->searches)));
  g_signal_connect_object (self->searches, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->searches, "loaded", G_CALLBACK (loaded_cb), self, G_CONNECT_SWAPPED);
  crm_loading_pause_when_hidden (GTK_WIDGET (self), CRM_PAGED_LIST (self->searches));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  filter_changed_cb (self);
  update_count (self);
}

/**
 * crm_searches_page_set_user:
 * @self: a #CrmSearchesPage
 * @user: (nullable): who is working: "Mine"
 */
void
crm_searches_page_set_user (CrmSearchesPage *self,
                            CrmUser         *user)
{
  g_return_if_fail (CRM_IS_SEARCHES_PAGE (self));

  g_set_object (&self->user, user);
  crm_search_detail_set_user (self->detail, user);
  filter_changed_cb (self);
}

/**
 * crm_searches_page_set_settings:
 * @self: a #CrmSearchesPage
 * @settings: (nullable): the user's settings: the undo window of sending
 */
void
crm_searches_page_set_settings (CrmSearchesPage *self,
                                GSettings       *settings)
{
  g_return_if_fail (CRM_IS_SEARCHES_PAGE (self));

  crm_search_detail_set_settings (self->detail, settings);
}

/**
 * crm_searches_page_set_filter:
 * @self: a #CrmSearchesPage
 * @mine: only the user's searches
 * @stale: only those not updated for the stale days (OF10)
 */
void
crm_searches_page_set_filter (CrmSearchesPage *self,
                              gboolean         mine,
                              gboolean         stale)
{
  g_return_if_fail (CRM_IS_SEARCHES_PAGE (self));

  gtk_drop_down_set_selected (self->who_dropdown, mine ? 1 : 0);
  gtk_drop_down_set_selected (self->date_dropdown, stale ? 1 : 0);
}

/**
 * crm_searches_page_get_list:
 * @self: a #CrmSearchesPage
 *
 * Returns: (transfer none) (nullable): the searches listed
 */
CrmSearchList *
crm_searches_page_get_list (CrmSearchesPage *self)
{
  g_return_val_if_fail (CRM_IS_SEARCHES_PAGE (self), NULL);

  return self->searches;
}

/**
 * crm_searches_page_get_selection:
 * @self: a #CrmSearchesPage
 *
 * Returns: (transfer none) (nullable): the rows selected
 */
GtkSelectionModel *
crm_searches_page_get_selection (CrmSearchesPage *self)
{
  g_return_val_if_fail (CRM_IS_SEARCHES_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

/**
 * crm_searches_page_get_detail:
 * @self: a #CrmSearchesPage
 *
 * Returns: (transfer none): the search's card
 */
CrmSearchDetail *
crm_searches_page_get_detail (CrmSearchesPage *self)
{
  g_return_val_if_fail (CRM_IS_SEARCHES_PAGE (self), NULL);

  return self->detail;
}

/**
 * crm_searches_page_show_search:
 * @self: a #CrmSearchesPage
 * @id: a search
 *
 * Shows the search's card (its client and criteria), and selects its
 * row when the list shows it near the top (a search number clicked
 * elsewhere, OF7).
 */
void
crm_searches_page_show_search (CrmSearchesPage *self,
                               gint64           id)
{
  g_return_if_fail (CRM_IS_SEARCHES_PAGE (self));

  self->shown = id;
  crm_search_detail_set_search_id (self->detail, id);
  if (self->searches != NULL)
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      select_shown (self);
    }
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
}
