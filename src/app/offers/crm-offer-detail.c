/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-offer-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-toast.h"
#include "crm-match-row.h"
#include "crm-card-loader.h"
#include "crm-offer-detail.h"
#include "crm-record-tasks.h"
#include "crm-offer-editor.h"
#include "crm-offer-text.h"

/**
 * CrmOfferDetail:
 *
 * One property offer (OF1): its fields, the searches it fits (OF3;
 * every match first, then the near misses, marked, with the criterion
 * that fails) and its history, where each mail that carried the offer
 * is recorded with its outbox message and Message-ID (OF9).
 */
struct _CrmOfferDetail
{
  GtkWidget     parent_instance;

  /* template widgets */
  GtkStack     *stack;
  GtkWidget    *back_button;
  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  AdwActionRow *price_row;
  AdwActionRow *size_row;
  AdwActionRow *market_row;
  AdwActionRow *address_row;
  AdwActionRow *agent_row;
  AdwActionRow *created_row;
  GtkWidget    *description_group;
  GtkLabel     *description_label;
  GtkListBox   *matches_list;
  GtkButton    *more_button;
  GtkListBox   *history_list;
  CrmRecordTasks *tasks_group;

  /* owned */
  CrmSession     *session;
  CrmUser      *user;
  CrmOffer     *offer;
  GListModel   *matches;
  gint64        offer_id;
  GListModel   *history;
  GHashTable   *mails;     /* of the history, read with it */
  CrmCardLoader *loader;
};

G_DEFINE_FINAL_TYPE (CrmOfferDetail, crm_offer_detail, GTK_TYPE_WIDGET)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How many searches "Fits these searches" shows at most. */
#define MAX_MATCHES 100

static GtkWidget *
create_match_row (gpointer item,
                  gpointer user_data)
{
  return crm_match_row_new (item, FALSE, FALSE);
}

static void
set_row (AdwActionRow *row,
         const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : _("Not given"));
}

static void
show_offer (CrmOfferDetail *self,
            CrmOfferCard   *card)
{
  CrmOffer *offer = self->offer;
  g_autofree char *title = crm_offer_dup_title (offer);
  g_autofree char *location = crm_offer_dup_location (offer);
  /* Translators: under an offer's title: its number and address */
  g_autofree char *subtitle = g_strdup_printf (_("No. %lld · %s"), (long long) crm_offer_get_id (offer), location);
  g_autofree char *price = crm_offer_text_price (self->session, crm_offer_get_price (offer));
  g_autofree char *size = crm_offer_text_size (offer);
  g_autofree char *created = crm_format_date_time (crm_offer_get_created (offer));
  const char *description = crm_offer_get_description (offer);

  if (crm_offer_get_area (offer) > 0)
    {
      g_autofree char *per_metre = crm_offer_text_price (self->session,
                                                         (gint64) (crm_offer_get_price (offer) /
                                                                   crm_offer_get_area (offer) + 0.5));
      /* Translators: a price, then the price of a square metre */
      g_autofree char *both = g_strdup_printf (_("%s · %s/m²"), price, per_metre);

      g_free (price);
      price = g_steal_pointer (&both);
    }

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  set_row (self->price_row, price);
  set_row (self->size_row, size);
  set_row (self->market_row, crm_offer_text_market (crm_offer_get_market (offer)));
  set_row (self->address_row, location);
  set_row (self->agent_row, crm_offer_get_agent_name (offer));
  set_row (self->created_row, created);
  gtk_label_set_text (self->description_label, description ? description : "");
  gtk_widget_set_visible (self->description_group, description != NULL && *description != '\0');

  g_set_object (&self->matches, card->matches);
  if (card->matches_error != NULL)
    crm_toast_show (GTK_WIDGET (self), card->matches_error->message);
  crm_match_rows_bind (self->matches_list, self->more_button, self->matches, create_match_row, NULL);

  g_set_object (&self->history, card->history);
  g_clear_pointer (&self->mails, g_hash_table_unref);
  self->mails = g_hash_table_ref (card->mails);
  gtk_list_box_bind_model (self->history_list, self->history, crm_offer_text_history_row, self->mails, NULL);

  {
    /* Translators: what a task added from an offer's card belongs to: "Offer", its number, its place */
    g_autofree char *record = g_strdup_printf (_("%s #%lld · %s"), _("Offer"), (long long) crm_offer_get_id (offer),
                                               location);

    crm_record_tasks_set_record (self->tasks_group, "offers", crm_offer_get_id (offer), record);
  }

  gtk_stack_set_visible_child_name (self->stack, "offer");
}

static void
show_nothing (CrmOfferDetail *self)
{
  g_clear_object (&self->offer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offer.edit", FALSE);
  crm_match_rows_bind (self->matches_list, self->more_button, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->history_list, NULL, NULL, NULL, NULL);
  crm_record_tasks_set_record (self->tasks_group, NULL, 0, NULL);
  g_clear_object (&self->matches);
  g_clear_object (&self->history);
  g_clear_pointer (&self->mails, g_hash_table_unref);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The offer, the searches it fits and its history, read on a worker
 * (CrmCardLoader): the card shows them when they are read, and reads
 * them again when offers, searches or mails change. */
static void
loaded_cb (CrmOfferDetail *self,
           CrmOfferCard   *card)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  if (card == NULL)
    {
      show_nothing (self);
      return;
    }

  g_set_object (&self->offer, card->offer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offer.edit", TRUE);
  show_offer (self, card);
}

static void
editor_saved_cb (CrmOfferDetail *self,
                 gint64          id,
                 guint           n_matched,
                 CrmOfferEditor *editor)
{
  crm_toast_show (GTK_WIDGET (self), _("Offer saved"));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmOfferDetail *self = CRM_OFFER_DETAIL (widget);
  CrmOfferEditor *editor;

  if (self->offer == NULL)
    return;

  editor = crm_offer_editor_new (self->session, self->offer);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  if (GTK_IS_WINDOW (gtk_widget_get_root (widget)))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (editor));
}

/* the "Open Mail" button of a mail in the history (OF9) */
static void
open_mail_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmOfferDetail *self = CRM_OFFER_DETAIL (widget);

  crm_offer_text_open_mail (widget, self->session, g_variant_get_int64 (parameter));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  g_signal_emit (widget, signals[BACK], 0);
}

static void
more_clicked_cb (CrmOfferDetail *self)
{
  crm_match_rows_show_all (self->matches_list, self->more_button);
}

static void
crm_offer_detail_dispose (GObject *object)
{
  CrmOfferDetail *self = CRM_OFFER_DETAIL (object);
  GtkWidget *child;

  if (self->loader != NULL)
    crm_card_loader_stop (self->loader);
  g_clear_object (&self->loader);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OFFER_DETAIL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->user);
  g_clear_object (&self->offer);
  g_clear_object (&self->matches);
  g_clear_object (&self->history);
  g_clear_pointer (&self->mails, g_hash_table_unref);

  G_OBJECT_CLASS (crm_offer_detail_parent_class)->dispose (object);
}

static void
crm_offer_detail_class_init (CrmOfferDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_offer_detail_dispose;

  /**
   * CrmOfferDetail::back:
   *
   * The user wants the list again (in a narrow window).
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CRM_TYPE_RECORD_TASKS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/offers/crm-offer-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, price_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, size_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, market_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, address_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, agent_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, created_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, description_group);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, matches_list);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, more_button);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, history_list);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferDetail, tasks_group);

  gtk_widget_class_install_action (widget_class, "offer.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "offer.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "history.open-mail", "x", open_mail_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_offer_detail_init (CrmOfferDetail *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("No search fits this offer, nor nearly."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->matches_list, placeholder);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offer.edit", FALSE);

  {
    /* the engine sends in its own connection: a sent mail shows as "outbox" here (OF9) */
    static const char * const entities[] = { "offer", "search", "offer-mail", "outbox", NULL };

    self->loader = crm_card_loader_new (GTK_WIDGET (self), "offer", MAX_MATCHES, entities);
    g_signal_connect_object (self->loader, "loaded", G_CALLBACK (loaded_cb), self, G_CONNECT_SWAPPED);
  }
}

void
crm_offer_detail_set_session (CrmOfferDetail *self,
                              CrmSession     *session)
{
  g_return_if_fail (CRM_IS_OFFER_DETAIL (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  g_set_object (&self->session, session);
  crm_card_loader_set_session (self->loader, session);
  crm_record_tasks_set_session (self->tasks_group, session);
}

void
crm_offer_detail_set_user (CrmOfferDetail *self,
                           CrmUser        *user)
{
  g_return_if_fail (CRM_IS_OFFER_DETAIL (self));

  g_set_object (&self->user, user);
}

/**
 * crm_offer_detail_get_offer:
 * @self: a #CrmOfferDetail
 *
 * Returns: (transfer none) (nullable): the offer shown
 */
CrmOffer *
crm_offer_detail_get_offer (CrmOfferDetail *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_DETAIL (self), NULL);

  return self->offer;
}

/**
 * crm_offer_detail_set_offer_id:
 * @self: a #CrmOfferDetail
 * @id: an offer, or 0 for none
 */
void
crm_offer_detail_set_offer_id (CrmOfferDetail *self,
                               gint64          id)
{
  g_return_if_fail (CRM_IS_OFFER_DETAIL (self));

  if (id != self->offer_id)
    {
      /* nothing is done to the offer that was shown while the next one
       * is read */
      g_clear_object (&self->offer);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "offer.edit", FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->stack), id == 0);
    }
  self->offer_id = id;
  crm_card_loader_load (self->loader, id);
}

void
crm_offer_detail_set_show_back (CrmOfferDetail *self,
                                gboolean        show_back)
{
  g_return_if_fail (CRM_IS_OFFER_DETAIL (self));

  gtk_widget_set_visible (self->back_button, show_back);
}

/**
 * crm_offer_detail_get_matches:
 * @self: a #CrmOfferDetail
 *
 * Returns: (transfer none) (nullable): the #CrmMatch items shown
 */
GListModel *
crm_offer_detail_get_matches (CrmOfferDetail *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_DETAIL (self), NULL);

  return self->matches;
}

/**
 * crm_offer_detail_get_history:
 * @self: a #CrmOfferDetail
 *
 * Returns: (transfer none) (nullable): the #CrmHistoryEntry items shown
 */
GListModel *
crm_offer_detail_get_history (CrmOfferDetail *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_DETAIL (self), NULL);

  return self->history;
}
