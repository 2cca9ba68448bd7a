/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-offer-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-offer-form.h"
#include "crm-widget-write.h"
#include "crm-offer-editor.h"
#include "crm-offer-text.h"
#include "crm-offer-store.h"
#include "crm-user-store.h"

/**
 * CrmOfferEditor:
 *
 * Creates or edits a property offer (OF1). Each field is read as the
 * core reads it (crm_offer_set_field()), so a wrong price or area is
 * marked where it was typed, with the core's reason under it; nothing
 * typed is lost. Saving a new offer matches it against the clients'
 * searches in the core (OF5): #CrmOfferEditor::saved says how many.
 */
struct _CrmOfferEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *title;
  GtkLabel       *error_label;
  AdwComboRow    *deal_row;
  AdwComboRow    *type_row;
  AdwComboRow    *market_row;
  GtkLabel       *kind_error;
  AdwEntryRow    *city_row;
  AdwEntryRow    *district_row;
  AdwEntryRow    *street_row;
  GtkLabel       *location_error;
  AdwEntryRow    *price_row;
  AdwEntryRow    *area_row;
  AdwEntryRow    *rooms_row;
  AdwEntryRow    *floor_row;
  GtkLabel       *size_error;
  AdwComboRow    *agent_row;
  GtkLabel       *agent_error;
  GtkTextView    *description_view;

  /* owned */
  CrmSession       *session;
  CrmOffer       *offer;   /* the edited copy */
  GCancellable   *cancellable;
  gboolean        saving;  /* a copy of it is being stored, on a worker */
  GListModel     *users;
  char           *error;
};

G_DEFINE_FINAL_TYPE (CrmOfferEditor, crm_offer_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the drop-downs. */
static const CrmPropertyTypes types[] = {
  CRM_PROPERTY_FLAT, CRM_PROPERTY_HOUSE, CRM_PROPERTY_PLOT, CRM_PROPERTY_COMMERCIAL,
};
static const CrmMarket markets[] = { CRM_MARKET_ANY, CRM_MARKET_PRIMARY, CRM_MARKET_SECONDARY };

static void
field_changed_cb (CrmOfferEditor *self,
                  GtkEditable    *field)
{
  crm_offer_form_field_changed (field);
}

static void
field_error (CrmOfferEditor *self,
             GtkWidget      *field,
             GtkLabel       *label,
             const char     *message,
             gboolean       *first)
{
  crm_offer_form_field_error (field, label, message, &self->error, first);
}

static void
clear_errors (CrmOfferEditor *self)
{
  GtkWidget *fields[] = {
    GTK_WIDGET (self->city_row), GTK_WIDGET (self->district_row), GTK_WIDGET (self->street_row),
    GTK_WIDGET (self->price_row), GTK_WIDGET (self->area_row), GTK_WIDGET (self->rooms_row),
    GTK_WIDGET (self->floor_row), GTK_WIDGET (self->agent_row),
  };
  GtkLabel *labels[] = {
    self->error_label, self->kind_error, self->location_error, self->size_error, self->agent_error,
  };

  crm_offer_form_clear_errors (fields, G_N_ELEMENTS (fields), labels, G_N_ELEMENTS (labels));
  g_clear_pointer (&self->error, g_free);
}

/* One field through the core's reading of it. */
static void
read_field (CrmOfferEditor *self,
            const char     *name,
            AdwEntryRow    *row,
            GtkLabel       *label,
            const char     *if_empty,
            gboolean       *first)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0' && if_empty != NULL)
    field_error (self, GTK_WIDGET (row), label, if_empty, first);
  else if (!crm_offer_set_field (self->offer, name, text, &error))
    field_error (self, GTK_WIDGET (row), label, error->message, first);
}

static char *
description_text (CrmOfferEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static void fill (CrmOfferEditor *self);

static gboolean
read_offer (CrmSession    *reader,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 id = GPOINTER_TO_SIZE (data);

  return (*result = crm_offer_store_get (crm_offer_store_from_session (reader), id, error)) != NULL;
}

/* The offer as a colleague left it: the form shows it, with the
 * message that said why. */
static void
offer_reread_cb (GtkWidget    *widget,
                 gpointer      result,
                 const GError *error)
{
  CrmOfferEditor *self = (CrmOfferEditor *) widget;
  CrmOffer *stored = result;
  g_autofree char *message = NULL;

  if (self->session == NULL || stored == NULL)
    return;
  message = g_strdup (self->error);
  g_clear_object (&self->offer);
  self->offer = crm_offer_copy (stored);
  fill (self);
  crm_offer_form_store_error (self->error_label, message, &self->error);
}

static void
offer_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrmOfferEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  CrmOfferSaved *saved = crm_offer_store_save_finish (crm_offer_store_from_session (CRM_SESSION (source)), result,
                                                      &error);

  /* closed meanwhile */
  if (self->session == NULL)
    {
      g_clear_pointer (&saved, crm_offer_saved_free);
      return;
    }
  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);
  if (saved == NULL)
    {
      /* what the form cannot check itself: the store's word */
      crm_offer_form_store_error (self->error_label, error->message, &self->error);
      /* a colleague saved this offer meanwhile: theirs is shown */
      if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CHANGED))
        crm_widget_read (GTK_WIDGET (self), self->session, read_offer,
                         GSIZE_TO_POINTER (crm_offer_get_id (self->offer)), NULL, g_object_unref,
                         self->cancellable, offer_reread_cb);
      return;
    }

  g_set_object (&self->offer, saved->offer);
  g_signal_emit (self, signals[SAVED], 0, crm_offer_get_id (saved->offer), saved->matched ? saved->matched->len : 0);
  crm_offer_saved_free (saved);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * crm_offer_editor_save:
 * @self: a #CrmOfferEditor
 *
 * Validates the offer and stores it off the main thread; a new one is
 * matched against the searches. When it is stored,
 * #CrmOfferEditor::saved is emitted and the window closes; when the
 * form or the store refuses it, the window stays open, the fields at
 * fault marked.
 *
 * Returns: %TRUE when the form was valid and the offer is being stored
 */
gboolean
crm_offer_editor_save (CrmOfferEditor *self)
{
  g_autofree char *description = NULL;
  gboolean first = TRUE;
  guint type = adw_combo_row_get_selected (self->type_row);
  guint market = adw_combo_row_get_selected (self->market_row);
  guint agent = adw_combo_row_get_selected (self->agent_row);

  g_return_val_if_fail (CRM_IS_OFFER_EDITOR (self), FALSE);

  if (self->saving)
    return TRUE;
  clear_errors (self);

  crm_offer_set_deal (self->offer, adw_combo_row_get_selected (self->deal_row) == 1 ? CRM_DEAL_RENT : CRM_DEAL_SALE);
  crm_offer_set_property_type (self->offer, type < G_N_ELEMENTS (types) ? types[type] : CRM_PROPERTY_FLAT);
  crm_offer_set_market (self->offer, market < G_N_ELEMENTS (markets) ? markets[market] : CRM_MARKET_ANY);

  read_field (self, "city", self->city_row, self->location_error, _("Enter the city of the offer."), &first);
  read_field (self, "district", self->district_row, self->location_error, NULL, &first);
  read_field (self, "street", self->street_row, self->location_error, NULL, &first);
  read_field (self, "price", self->price_row, self->size_error, _("Enter the price, zero or more."), &first);
  read_field (self, "area", self->area_row, self->size_error,
              _("Enter the area in square metres, more than zero."), &first);
  read_field (self, "rooms", self->rooms_row, self->size_error, NULL, &first);
  read_field (self, "floor", self->floor_row, self->size_error, NULL, &first);
  if (!first)
    return FALSE;

  if (agent != GTK_INVALID_LIST_POSITION && agent < g_list_model_get_n_items (self->users))
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (self->users, agent);

      crm_offer_set_agent_id (self->offer, crm_user_get_id (user));
    }
  description = description_text (self);
  crm_offer_set_description (self->offer, *description != '\0' ? description : NULL);

  /* stored on a worker: the window goes on drawing meanwhile, and the
   * form is not saved again until it is done */
  self->saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  crm_offer_store_save_async (crm_offer_store_from_session (self->session), self->offer, self->cancellable,
                              offer_saved_cb, g_object_ref (self));

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_offer_editor_save (CRM_OFFER_EDITOR (widget));
}

static void
entry_activated_cb (CrmOfferEditor *self,
                    AdwEntryRow    *row)
{
  crm_offer_editor_save (self);
}

static void
fill_agents (CrmOfferEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 agent_id = crm_offer_get_agent_id (self->offer);
  guint selected = 0;
  guint n;

  if (agent_id == 0)
    agent_id = crm_session_get_user_id (self->session);
  self->users = crm_user_store_list_assignable (crm_user_store_from_session (self->session), agent_id, NULL);
  if (self->users == NULL)
    self->users = G_LIST_MODEL (g_list_store_new (CRM_TYPE_USER));

  n = g_list_model_get_n_items (self->users);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (self->users, i);

      gtk_string_list_append (names, crm_user_get_name (user));
      if (crm_user_get_id (user) == agent_id)
        selected = i;
    }
  adw_combo_row_set_model (self->agent_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->agent_row, selected);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
fill (CrmOfferEditor *self)
{
  CrmOffer *offer = self->offer;
  gboolean is_new = crm_offer_get_id (offer) == 0;

  if (is_new)
    adw_window_title_set_title (self->title, _("New Offer"));
  else
    {
      /* Translators: the title of the offer editor; %lld is the offer's number */
      g_autofree char *title = g_strdup_printf (_("Offer No. %lld"), (long long) crm_offer_get_id (offer));

      adw_window_title_set_title (self->title, title);
    }

  adw_combo_row_set_selected (self->deal_row, crm_offer_get_deal (offer) == CRM_DEAL_RENT ? 1 : 0);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (types[i] == crm_offer_get_property_type (offer))
      adw_combo_row_set_selected (self->type_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (markets); i++)
    if (markets[i] == crm_offer_get_market (offer))
      adw_combo_row_set_selected (self->market_row, i);

  set_entry (self->city_row, crm_offer_get_city (offer));
  set_entry (self->district_row, crm_offer_get_district (offer));
  set_entry (self->street_row, crm_offer_get_street (offer));
  if (!is_new)
    {
      g_autofree char *price = g_strdup_printf ("%" G_GINT64_FORMAT, crm_offer_get_price (offer));
      g_autofree char *area = crm_offer_text_area_number (crm_offer_get_area (offer));

      set_entry (self->price_row, price);
      set_entry (self->area_row, area);
    }
  if (crm_offer_get_rooms (offer) != CRM_OFFER_ANY)
    {
      g_autofree char *rooms = g_strdup_printf ("%d", crm_offer_get_rooms (offer));

      set_entry (self->rooms_row, rooms);
    }
  else
    set_entry (self->rooms_row, NULL);
  if (crm_offer_get_floor (offer) != CRM_OFFER_ANY_FLOOR)
    {
      g_autofree char *floor = g_strdup_printf ("%d", crm_offer_get_floor (offer));

      set_entry (self->floor_row, floor);
    }
  else
    set_entry (self->floor_row, NULL);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            crm_offer_get_description (offer) ? crm_offer_get_description (offer) : "", -1);
  fill_agents (self);
  clear_errors (self);
}

static void
crm_offer_editor_dispose (GObject *object)
{
  CrmOfferEditor *self = CRM_OFFER_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_OFFER_EDITOR);
  g_clear_object (&self->session);
  g_clear_object (&self->offer);
  g_clear_object (&self->users);

  G_OBJECT_CLASS (crm_offer_editor_parent_class)->dispose (object);
}

static void
crm_offer_editor_finalize (GObject *object)
{
  CrmOfferEditor *self = CRM_OFFER_EDITOR (object);

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (crm_offer_editor_parent_class)->finalize (object);
}

static void
crm_offer_editor_class_init (CrmOfferEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_offer_editor_dispose;
  object_class->finalize = crm_offer_editor_finalize;

  /**
   * CrmOfferEditor::saved:
   * @self: the editor
   * @offer_id: the stored offer's number
   * @n_matched: how many searches a new offer was matched to (OF5)
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/offers/crm-offer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, title);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, deal_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, type_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, market_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, kind_error);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, district_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, street_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, location_error);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, price_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, area_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, rooms_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, floor_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, size_error);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, agent_row);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, agent_error);
  gtk_widget_class_bind_template_child (widget_class, CrmOfferEditor, description_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
crm_offer_editor_init (CrmOfferEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  adw_entry_row_set_input_hints (self->price_row, GTK_INPUT_HINT_NO_SPELLCHECK);
  adw_entry_row_set_input_purpose (self->price_row, GTK_INPUT_PURPOSE_NUMBER);
  adw_entry_row_set_input_purpose (self->area_row, GTK_INPUT_PURPOSE_NUMBER);
  adw_entry_row_set_input_purpose (self->rooms_row, GTK_INPUT_PURPOSE_DIGITS);
  adw_entry_row_set_input_purpose (self->floor_row, GTK_INPUT_PURPOSE_NUMBER);
}

/**
 * crm_offer_editor_new:
 * @store: the store
 * @offer: (nullable): the offer to edit, or %NULL for a new one
 *
 * Returns: (transfer none): a new editor window; it destroys itself
 */
CrmOfferEditor *
crm_offer_editor_new (CrmSession *session,
                      CrmOffer   *offer)
{
  CrmOfferEditor *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (!offer || CRM_IS_OFFER (offer), NULL);

  self = g_object_new (CRM_TYPE_OFFER_EDITOR, NULL);
  self->session = g_object_ref (session);
  self->offer = offer ? crm_offer_copy (offer) : crm_offer_new ();
  fill (self);

  return self;
}

/**
 * crm_offer_editor_get_error:
 * @self: a #CrmOfferEditor
 *
 * Returns: (nullable): the first reason the last save failed
 */
const char *
crm_offer_editor_get_error (CrmOfferEditor *self)
{
  g_return_val_if_fail (CRM_IS_OFFER_EDITOR (self), NULL);

  return self->error;
}
