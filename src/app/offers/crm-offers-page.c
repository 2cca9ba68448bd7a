/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-offers-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-loading.h"
#include "crm-toast.h"
#include "crm-list-row.h"
#include "crm-offer-text.h"
#include "crm-offers-page.h"
#include "crm-offer-store.h"
#include "crm-save-view-dialog.h"
#include "crm-view-pin.h"

/**
 * CrmOffersPage:
 *
 * The office's property offers (OF1): a lazy list, newest first, with
 * filters (sale or rent, property type, city), and the selected offer
 * beside it with the searches it fits (OF3). "New Offer" opens the
 * form; saving a new offer matches it against the clients' searches
 * (OF5) and a toast says how many.
 */
struct _CrmOffersPage
{
  GtkWidget           parent_instance;

  /* template widgets */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchEntry     *city_entry;
  GtkDropDown        *deal_dropdown;
  GtkDropDown        *type_dropdown;
  GtkStack           *list_stack;
  GtkGridView        *list_view;
  AdwStatusPage      *empty_status;
  GtkLabel           *count_label;
  CrmOfferDetail     *detail;
  GtkWidget          *view_bar;
  GtkLabel           *view_label;

  /* owned */
  CrmSession           *session;
  CrmUser            *user;
  CrmOfferList       *offers;
  GtkSingleSelection *selection;
  gint64              shown;
  CrmViewPin          pin;        /* a saved view shown (FD4) */
};

G_DEFINE_FINAL_TYPE (CrmOffersPage, crm_offers_page, GTK_TYPE_WIDGET)

/* In the order of the drop-downs. */
static const char * const deals[] = { NULL, "sale", "rent" };
static const char * const types[] = { NULL, "flat", "house", "plot", "commercial" };

static gboolean
filtered (CrmOffersPage *self)
{
  return gtk_drop_down_get_selected (self->deal_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->type_dropdown) > 0 ||
         *gtk_editable_get_text (GTK_EDITABLE (self->city_entry)) != '\0';
}

static void
update_count (CrmOffersPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->offers));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u offer", "%u offers", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  if (filtered (self))
    {
      adw_status_page_set_title (self->empty_status, _("No Offers Found"));
      adw_status_page_set_description (self->empty_status,
                                       _("No offer fits the city, transaction and type chosen."));
    }
  else
    {
      adw_status_page_set_title (self->empty_status, _("No Offers Yet"));
      adw_status_page_set_description (self->empty_status,
                                       _("Add the properties the office sells or lets; each new offer is "
                                         "matched against the clients’ searches."));
    }
}

/* The shown offer's row, wherever it is in the list: found among the
 * ids the list holds, no row read. */
static void
select_shown (CrmOffersPage *self)
{
  guint position = self->shown != 0 ? crm_offer_list_find (self->offers, self->shown) : G_MAXUINT;

  gtk_single_selection_set_selected (self->selection, position != G_MAXUINT ? position : GTK_INVALID_LIST_POSITION);
  if (position != G_MAXUINT)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* After a reload the shown offer keeps its row selected when it is
 * near the top; its card stays either way. */
static void
items_changed_cb (CrmOffersPage *self,
                  guint          position,
                  guint          removed,
                  guint          added,
                  GListModel    *model)
{
  update_count (self);
}

/* After a reload the shown row is selected again wherever it stands
 * (found among the ids the list holds, no row read). */
static void
loaded_cb (CrmOffersPage *self,
           CrmPagedList  *list)
{
  if (self->shown != 0)
    select_shown (self);
}

static void
selection_changed_cb (CrmOffersPage      *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  CrmOffer *offer = gtk_single_selection_get_selected_item (selection);
  gint64 id = offer ? crm_offer_get_id (offer) : 0;

  if (id == 0 || id == self->shown)
    return;

  self->shown = id;
  crm_offer_detail_set_offer_id (self->detail, id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
row_activated_cb (CrmOffersPage *self,
                  guint          position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The filter the bar shows, as a saved view keeps it. */
static GVariant *
bar_variant (CrmOffersPage *self)
{
  CrmOfferFilter filter = { 0 };
  guint deal = gtk_drop_down_get_selected (self->deal_dropdown);
  guint type = gtk_drop_down_get_selected (self->type_dropdown);
  g_autofree char *city = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->city_entry))));

  filter.deal = deal < G_N_ELEMENTS (deals) ? deals[deal] : NULL;
  filter.property_type = type < G_N_ELEMENTS (types) ? types[type] : NULL;
  filter.city = *city != '\0' ? city : NULL;

  return crm_offer_filter_to_variant (&filter);
}

static void
filter_changed_cb (CrmOffersPage *self)
{
  CrmOfferFilter filter = { 0 };
  guint deal = gtk_drop_down_get_selected (self->deal_dropdown);
  guint type = gtk_drop_down_get_selected (self->type_dropdown);
  g_autofree char *city = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->city_entry))));
  GVariant *view;

  if (self->offers == NULL)
    return;

  /* a saved view, whole, while the bar shows what it showed of it */
  view = crm_view_pin_get (&self->pin, bar_variant (self));
  if (view != NULL && crm_offer_filter_from_variant (view, self->user ? crm_user_get_id (self->user) : 0, &filter, NULL))
    {
      crm_offer_list_set_filter (self->offers, &filter);
      return;
    }

  filter.deal = deal < G_N_ELEMENTS (deals) ? deals[deal] : NULL;
  filter.property_type = type < G_N_ELEMENTS (types) ? types[type] : NULL;
  filter.city = *city != '\0' ? city : NULL;
  crm_offer_list_set_filter (self->offers, &filter);
}

static guint
position_of (const char * const *names,
             guint               n_names,
             const char         *name)
{
  for (guint i = 1; name != NULL && i < n_names; i++)
    if (g_str_equal (names[i], name))
      return i;

  return 0;
}

/**
 * crm_offers_page_show_view:
 * @self: a #CrmOffersPage
 * @view: a saved view of the offers
 *
 * Shows the offers @view lets through: its filters on the bar, as far
 * as the bar has them (an agent it does not), its name above the list.
 */
void
crm_offers_page_show_view (CrmOffersPage *self,
                           CrmSavedView  *view)
{
  g_autoptr(GError) error = NULL;
  CrmOfferFilter filter;

  g_return_if_fail (CRM_IS_OFFERS_PAGE (self));
  g_return_if_fail (CRM_IS_SAVED_VIEW (view));

  if (!crm_offer_filter_from_variant (crm_saved_view_get_filter (view), 0, &filter, &error))
    {
      crm_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  crm_view_pin_begin (&self->pin, view);
  gtk_drop_down_set_selected (self->deal_dropdown, position_of (deals, G_N_ELEMENTS (deals), filter.deal));
  gtk_drop_down_set_selected (self->type_dropdown, position_of (types, G_N_ELEMENTS (types), filter.property_type));
  gtk_editable_set_text (GTK_EDITABLE (self->city_entry), filter.city != NULL ? filter.city : "");
  crm_view_pin_end (&self->pin, bar_variant (self));
  filter_changed_cb (self);
}

static void
view_saved_cb (CrmOffersPage     *self,
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
  CrmOffersPage *self = CRM_OFFERS_PAGE (widget);
  GVariant *view = crm_view_pin_get (&self->pin, bar_variant (self));
  CrmSaveViewDialog *dialog;

  /* a view shown is saved whole */
  dialog = crm_save_view_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session, "offers",
                                     view != NULL ? view : bar_variant (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (view_saved_cb), self, G_CONNECT_SWAPPED);
}

static void
leave_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmOffersPage *self = CRM_OFFERS_PAGE (widget);

  crm_view_pin_clear (&self->pin);
  filter_changed_cb (self);
}

static void
folded_cb (CrmOffersPage *self)
{
  crm_offer_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
}

static void
detail_back_cb (CrmOffersPage  *self,
                CrmOfferDetail *detail)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
editor_saved_cb (CrmOffersPage  *self,
                 gint64          id,
                 guint           n_matched,
                 CrmOfferEditor *editor)
{
  g_autofree char *text = NULL;

  if (n_matched == 0)
    text = g_strdup (_("Offer saved; it matched no search"));
  else
    /* Translators: a toast after a new offer was saved (OF5) */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offer saved and matched %u search",
                                         "Offer saved and matched %u searches", n_matched),
                            n_matched);
  crm_toast_show (GTK_WIDGET (self), text);
  crm_offers_page_show_offer (self, id);
}

/**
 * crm_offers_page_new_offer:
 * @self: a #CrmOffersPage
 *
 * Opens the form of a new offer.
 *
 * Returns: (transfer none): the editor
 */
CrmOfferEditor *
crm_offers_page_new_offer (CrmOffersPage *self)
{
  CrmOfferEditor *editor;

  g_return_val_if_fail (CRM_IS_OFFERS_PAGE (self), NULL);

  editor = crm_offer_editor_new (self->session, NULL);
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
  crm_offers_page_new_offer (CRM_OFFERS_PAGE (widget));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, crm_list_row_new (1));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CrmOffer *offer = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  g_autofree char *kind = crm_offer_dup_title (offer);
  g_autofree char *where = crm_offer_dup_location (offer);
  g_autofree char *summary = crm_offer_dup_summary (offer);
  /* Translators: an offer in the list: its title and location */
  g_autofree char *line1 = g_strdup_printf (_("%s · %s"), kind, where);
  /* Translators: an offer in the list: its number, then area, rooms, floor and price */
  g_autofree char *line2 = g_strdup_printf (_("No. %lld · %s"), (long long) crm_offer_get_id (offer), summary);

  gtk_label_set_text (GTK_LABEL (title), line1);
  gtk_label_set_text (GTK_LABEL (details), line2);
}

static void
crm_offers_page_dispose (GObject *object)
{
  CrmOffersPage *self = CRM_OFFERS_PAGE (object);
  GtkWidget *child;

  self->pin.bar = NULL;
  self->pin.label = NULL;
  crm_view_pin_clear (&self->pin);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OFFERS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->offers);
  g_clear_object (&self->session);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (crm_offers_page_parent_class)->dispose (object);
}

static void
crm_offers_page_class_init (CrmOffersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_offers_page_dispose;

  g_type_ensure (CRM_TYPE_OFFER_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/offers/crm-offers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, city_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, deal_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, detail);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, view_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmOffersPage, view_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_back_cb);

  gtk_widget_class_install_action (widget_class, "offers.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "offers.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "offers.leave-view", NULL, leave_view_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_offers_page_init (CrmOffersPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pin.bar = self->view_bar;
  self->pin.label = self->view_label;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}

/**
 * crm_offers_page_set_store:
 * @self: a #CrmOffersPage
 * @store: the store
 */
void
crm_offers_page_set_session (CrmOffersPage *self,
                             CrmSession    *session)
{
  g_return_if_fail (CRM_IS_OFFERS_PAGE (self));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  crm_offer_detail_set_session (self->detail, session);

  self->offers = crm_offer_list_new (session);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->offers)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->offers, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->offers, "loaded", G_CALLBACK (loaded_cb), self, G_CONNECT_SWAPPED);
  crm_loading_pause_when_hidden (GTK_WIDGET (self), CRM_PAGED_LIST (self->offers));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  filter_changed_cb (self);
  update_count (self);
}

/**
 * crm_offers_page_set_user:
 * @self: a #CrmOffersPage
 * @user: (nullable): who is working: the agent of new offers
 */
void
crm_offers_page_set_user (CrmOffersPage *self,
                          CrmUser       *user)
{
  g_return_if_fail (CRM_IS_OFFERS_PAGE (self));

  g_set_object (&self->user, user);
  crm_offer_detail_set_user (self->detail, user);
}

/**
 * crm_offers_page_get_list:
 * @self: a #CrmOffersPage
 *
 * Returns: (transfer none) (nullable): the offers listed
 */
CrmOfferList *
crm_offers_page_get_list (CrmOffersPage *self)
{
  g_return_val_if_fail (CRM_IS_OFFERS_PAGE (self), NULL);

  return self->offers;
}

/**
 * crm_offers_page_get_detail:
 * @self: a #CrmOffersPage
 *
 * Returns: (transfer none): the offer's card
 */
CrmOfferDetail *
crm_offers_page_get_detail (CrmOffersPage *self)
{
  g_return_val_if_fail (CRM_IS_OFFERS_PAGE (self), NULL);

  return self->detail;
}

/**
 * crm_offers_page_show_offer:
 * @self: a #CrmOffersPage
 * @id: an offer
 *
 * Shows the offer's card, and selects its row when the list shows it
 * near the top (an offer number clicked elsewhere, OF7).
 */
void
crm_offers_page_show_offer (CrmOffersPage *self,
                            gint64         id)
{
  g_return_if_fail (CRM_IS_OFFERS_PAGE (self));

  self->shown = id;
  crm_offer_detail_set_offer_id (self->detail, id);
  if (self->offers != NULL)
    select_shown (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
}
