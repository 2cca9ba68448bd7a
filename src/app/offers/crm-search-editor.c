/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-search-editor"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-offer-text.h"
#include "crm-offer-form.h"
#include "crm-widget-write.h"
#include "crm-search-editor.h"
#include "crm-contact-store.h"
#include "crm-offer-store.h"
#include "crm-search-store.h"
#include "crm-user-store.h"

/**
 * CrmSearchEditor:
 *
 * Creates or edits a client's search (OF2): the client, picked by
 * searching the contacts; what the client wants; the places; price,
 * area, rooms and floor ranges (an empty bound is "any"); how new
 * offers are notified (OF4). Each field is read as the core reads it,
 * and a wrong one is marked with the reason under its group. Saving an
 * edited search asks whether its update date should be bumped (OF10).
 */
struct _CrmSearchEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *title;
  GtkLabel       *error_label;
  AdwExpanderRow *client_row;
  GtkSearchEntry *client_search;
  GtkListView    *client_list;
  GtkLabel       *client_error;
  AdwComboRow    *deal_row;
  AdwComboRow    *market_row;
  GtkCheckButton *flat_check;
  GtkCheckButton *house_check;
  GtkCheckButton *plot_check;
  GtkCheckButton *commercial_check;
  AdwEntryRow    *places_row;
  GtkLabel       *places_error;
  AdwEntryRow    *price_min_row;
  AdwEntryRow    *price_max_row;
  AdwEntryRow    *area_min_row;
  AdwEntryRow    *area_max_row;
  AdwEntryRow    *rooms_min_row;
  AdwEntryRow    *rooms_max_row;
  AdwEntryRow    *floor_min_row;
  AdwEntryRow    *floor_max_row;
  GtkLabel       *price_error;
  GtkLabel       *area_error;
  GtkLabel       *rooms_error;
  GtkLabel       *floor_error;
  AdwComboRow    *notify_row;
  AdwComboRow    *agent_row;
  GtkTextView    *note_view;

  /* owned */
  CrmSession       *session;
  CrmSearch      *search;   /* the edited copy */
  CrmContactList *contacts;
  GListModel     *users;
  char           *error;
  GCancellable    *cancellable;
  gboolean         saving;   /* a copy of it is being stored, on a worker */
};

G_DEFINE_FINAL_TYPE (CrmSearchEditor, crm_search_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the drop-downs. */
static const CrmMarket markets[] = { CRM_MARKET_ANY, CRM_MARKET_PRIMARY, CRM_MARKET_SECONDARY };
static const CrmNotify notifies[] = { CRM_NOTIFY_OFF, CRM_NOTIFY_AGENT, CRM_NOTIFY_CLIENT };

static void
field_changed_cb (CrmSearchEditor *self,
                  GtkEditable     *field)
{
  crm_offer_form_field_changed (field);
}

static void
field_error (CrmSearchEditor *self,
             GtkWidget       *field,
             GtkLabel        *label,
             const char      *message,
             gboolean        *first)
{
  crm_offer_form_field_error (field, label, message, &self->error, first);
}

static void
clear_errors (CrmSearchEditor *self)
{
  GtkWidget *fields[] = {
    GTK_WIDGET (self->client_row), GTK_WIDGET (self->places_row),
    GTK_WIDGET (self->price_min_row), GTK_WIDGET (self->price_max_row),
    GTK_WIDGET (self->area_min_row), GTK_WIDGET (self->area_max_row),
    GTK_WIDGET (self->rooms_min_row), GTK_WIDGET (self->rooms_max_row),
    GTK_WIDGET (self->floor_min_row), GTK_WIDGET (self->floor_max_row),
  };
  GtkLabel *labels[] = {
    self->error_label, self->client_error, self->places_error,
    self->price_error, self->area_error, self->rooms_error, self->floor_error,
  };

  crm_offer_form_clear_errors (fields, G_N_ELEMENTS (fields), labels, G_N_ELEMENTS (labels));
  g_clear_pointer (&self->error, g_free);
}

/* A bound: %FALSE when empty ("any") or wrong, the field then marked. */
static gboolean
read_bound (CrmSearchEditor *self,
            AdwEntryRow     *row,
            char             kind,
            gpointer         value,
            gboolean        *first)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  GtkLabel *label;
  gboolean ok = FALSE;

  if (*text == '\0')
    return FALSE;

  switch (kind)
    {
    case 'p':
      ok = crm_parse_price (text, value, &error);
      label = self->price_error;
      break;
    case 'a':
      ok = crm_parse_area (text, value, &error);
      label = self->area_error;
      break;
    case 'r':
      ok = crm_parse_rooms (text, value, &error);
      label = self->rooms_error;
      break;
    default:
      ok = crm_parse_floor (text, value, &error);
      label = self->floor_error;
      break;
    }
  if (!ok)
    field_error (self, GTK_WIDGET (row), label, error->message, first);

  return ok;
}

static void
read_ranges (CrmSearchEditor *self,
             gboolean        *first)
{
  gint64 price_min = CRM_OFFER_ANY, price_max = CRM_OFFER_ANY;
  double area_min = CRM_OFFER_ANY, area_max = CRM_OFFER_ANY;
  int rooms_min = CRM_OFFER_ANY, rooms_max = CRM_OFFER_ANY;
  int floor_min = CRM_OFFER_ANY_FLOOR, floor_max = CRM_OFFER_ANY_FLOOR;
  gint64 value64;
  double value;
  int number;

  if (read_bound (self, self->price_min_row, 'p', &value64, first))
    price_min = value64;
  if (read_bound (self, self->price_max_row, 'p', &value64, first))
    price_max = value64;
  if (read_bound (self, self->area_min_row, 'a', &value, first))
    area_min = value;
  if (read_bound (self, self->area_max_row, 'a', &value, first))
    area_max = value;
  if (read_bound (self, self->rooms_min_row, 'r', &number, first))
    rooms_min = number;
  if (read_bound (self, self->rooms_max_row, 'r', &number, first))
    rooms_max = number;
  if (read_bound (self, self->floor_min_row, 'f', &number, first))
    floor_min = number;
  if (read_bound (self, self->floor_max_row, 'f', &number, first))
    floor_max = number;

  /* the same words as the core's, at the field */
  if (price_min != CRM_OFFER_ANY && price_max != CRM_OFFER_ANY && price_min > price_max)
    field_error (self, GTK_WIDGET (self->price_max_row), self->price_error,
                 _("The lowest price is above the highest."), first);
  if (area_min != CRM_OFFER_ANY && area_max != CRM_OFFER_ANY && area_min > area_max)
    field_error (self, GTK_WIDGET (self->area_max_row), self->area_error,
                 _("The smallest area is above the largest."), first);
  if (rooms_min != CRM_OFFER_ANY && rooms_max != CRM_OFFER_ANY && rooms_min > rooms_max)
    field_error (self, GTK_WIDGET (self->rooms_max_row), self->rooms_error,
                 _("The fewest rooms are more than the most."), first);
  if (floor_min != CRM_OFFER_ANY_FLOOR && floor_max != CRM_OFFER_ANY_FLOOR && floor_min > floor_max)
    field_error (self, GTK_WIDGET (self->floor_max_row), self->floor_error,
                 _("The lowest floor is above the highest."), first);

  crm_search_set_price_range (self->search, price_min, price_max);
  crm_search_set_area_range (self->search, area_min, area_max);
  crm_search_set_rooms_range (self->search, rooms_min, rooms_max);
  crm_search_set_floor_range (self->search, floor_min, floor_max);
}

static void
read_places (CrmSearchEditor *self,
             gboolean        *first)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->places_row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) places = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *place = g_strstrip (parts[i]);

      if (*place == '\0')
        continue;
      if (place[0] == '/')
        {
          /* Translators: %s is a place as typed */
          g_autofree char *message = g_strdup_printf (_("“%s” is not a place: write a city, or a city and its "
                                                        "district as City/District."), place);

          field_error (self, GTK_WIDGET (self->places_row), self->places_error, message, first);
          return;
        }
      g_strv_builder_add (builder, place);
    }
  places = g_strv_builder_end (builder);
  crm_search_set_locations (self->search, places[0] != NULL ? (const char * const *) places : NULL);
}

static char *
note_text (CrmSearchEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

/* Reads the form into the copy; %FALSE with the fields at fault marked. */
static gboolean
read_form (CrmSearchEditor *self)
{
  CrmPropertyTypes types = CRM_PROPERTY_ANY;
  g_autofree char *note = NULL;
  gboolean first = TRUE;
  guint market = adw_combo_row_get_selected (self->market_row);
  guint notify = adw_combo_row_get_selected (self->notify_row);
  guint agent = adw_combo_row_get_selected (self->agent_row);

  clear_errors (self);

  if (crm_search_get_client_id (self->search) == 0)
    {
      field_error (self, GTK_WIDGET (self->client_row), self->client_error, _("Choose the client of the search."),
                   &first);
      adw_expander_row_set_expanded (self->client_row, TRUE);
    }

  crm_search_set_deal (self->search, adw_combo_row_get_selected (self->deal_row) == 1 ? CRM_DEAL_RENT : CRM_DEAL_SALE);
  crm_search_set_market (self->search, market < G_N_ELEMENTS (markets) ? markets[market] : CRM_MARKET_ANY);
  crm_search_set_notify (self->search, notify < G_N_ELEMENTS (notifies) ? notifies[notify] : CRM_NOTIFY_OFF);
  if (gtk_check_button_get_active (self->flat_check))
    types |= CRM_PROPERTY_FLAT;
  if (gtk_check_button_get_active (self->house_check))
    types |= CRM_PROPERTY_HOUSE;
  if (gtk_check_button_get_active (self->plot_check))
    types |= CRM_PROPERTY_PLOT;
  if (gtk_check_button_get_active (self->commercial_check))
    types |= CRM_PROPERTY_COMMERCIAL;
  crm_search_set_types (self->search, types);

  read_places (self, &first);
  read_ranges (self, &first);

  if (agent == 0 || agent == GTK_INVALID_LIST_POSITION || agent > g_list_model_get_n_items (self->users))
    crm_search_set_agent_id (self->search, 0);
  else
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (self->users, agent - 1);

      crm_search_set_agent_id (self->search, crm_user_get_id (user));
    }
  note = note_text (self);
  crm_search_set_note (self->search, *note != '\0' ? note : NULL);

  return first;
}

static gboolean
destroy_idle_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void fill (CrmSearchEditor *self);

static gboolean
read_search (CrmSession    *reader,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 id = GPOINTER_TO_SIZE (data);

  return (*result = crm_search_store_get (crm_search_store_from_session (reader), id, error)) != NULL;
}

/* The search as a colleague left it: the form shows it, with the
 * message that said why. */
static void
search_reread_cb (GtkWidget    *widget,
                  gpointer      result,
                  const GError *error)
{
  CrmSearchEditor *self = (CrmSearchEditor *) widget;
  CrmSearch *stored = result;
  g_autofree char *message = NULL;

  if (self->session == NULL || stored == NULL)
    return;
  message = g_strdup (self->error);
  g_clear_object (&self->search);
  self->search = crm_search_copy (stored);
  fill (self);
  crm_offer_form_store_error (self->error_label, message, &self->error);
}

static void
search_saved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmSearchEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSearch) saved = crm_search_store_save_finish (crm_search_store_from_session (CRM_SESSION (source)),
                                                             result, &error);

  /* closed meanwhile */
  if (self->session == NULL)
    return;
  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);
  if (saved == NULL)
    {
      /* what the form cannot check itself: the store's word */
      crm_offer_form_store_error (self->error_label, error->message, &self->error);
      /* a colleague saved this search meanwhile: theirs is shown */
      if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CHANGED))
        crm_widget_read (GTK_WIDGET (self), self->session, read_search,
                         GSIZE_TO_POINTER (crm_search_get_id (self->search)), NULL, g_object_unref,
                         self->cancellable, search_reread_cb);
      return;
    }

  g_set_object (&self->search, saved);
  g_signal_emit (self, signals[SAVED], 0, crm_search_get_id (saved));
  /* the question may still be answering: its parent goes after it */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, destroy_idle_cb, g_object_ref (self), g_object_unref);
}

/* Stores the search on a worker: the window goes on drawing meanwhile,
 * and the form is not saved again until it is done. */
static void
save_search (CrmSearchEditor *self,
             gboolean         bump)
{
  self->saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  crm_search_store_save_async (crm_search_store_from_session (self->session), self->search, bump, self->cancellable,
                               search_saved_cb, g_object_ref (self));
}

static void
bump_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  CrmSearchEditor  *self)
{
  if (g_str_equal (response, "bump") || g_str_equal (response, "keep"))
    save_search (self, g_str_equal (response, "bump"));
}

/* OF10: an edited search keeps its date unless the agent says the
 * client confirmed it. */
static void
ask_bump (CrmSearchEditor *self)
{
  guint stale = crm_offer_store_get_stale_days (crm_offer_store_from_session (self->session));
  guint match = crm_offer_store_get_match_days (crm_offer_store_from_session (self->session));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  {
    g_autofree char *listed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "A search not updated for %u day is listed among the "
                                                           "searches to refresh.",
                                                           "A search not updated for %u days is listed among the "
                                                           "searches to refresh.",
                                                           stale),
                                               stale);
    g_autofree char *matched = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "After %u day without an update, new offers are no longer "
                                                            "matched to it.",
                                                            "After %u days without an update, new offers are no "
                                                            "longer matched to it.",
                                                            match),
                                                match);

    body = g_strjoin (" ", _("Bump the date when the client has just confirmed what they look for."), listed, matched,
                      NULL);
  }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Bump the Update Date?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "keep", _("_Keep Date"),
                                    "bump", _("_Bump Date"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "bump", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "bump");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (bump_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * crm_search_editor_save:
 * @self: a #CrmSearchEditor
 *
 * Validates the form. A new search is stored at once, off the main
 * thread; for an edited one the user is asked first whether to bump
 * its update date, and the answer stores it. #CrmSearchEditor::saved
 * says when it is stored; what the store refuses is shown in the form.
 *
 * Returns: %TRUE when the form is valid and the search is being stored
 *   or the question asked; %FALSE with the fields at fault marked
 */
gboolean
crm_search_editor_save (CrmSearchEditor *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_EDITOR (self), FALSE);

  if (self->saving)
    return TRUE;
  if (!read_form (self))
    return FALSE;

  if (crm_search_get_id (self->search) != 0)
    {
      ask_bump (self);
      return TRUE;
    }

  save_search (self, TRUE);

  return TRUE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_search_editor_save (CRM_SEARCH_EDITOR (widget));
}

static void
entry_activated_cb (CrmSearchEditor *self,
                    AdwEntryRow     *row)
{
  crm_search_editor_save (self);
}

static void
client_search_changed_cb (CrmSearchEditor *self,
                          GtkSearchEntry  *entry)
{
  crm_contact_list_set_search (self->contacts, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void show_client (CrmSearchEditor *self,
                         CrmContact      *contact);

static void
client_activated_cb (CrmSearchEditor *self,
                     guint            position,
                     GtkListView     *list)
{
  g_autoptr(CrmContact) contact = g_list_model_get_item (G_LIST_MODEL (self->contacts), position);

  if (contact == NULL)
    return;

  /* the row's contact, as the list read it */
  show_client (self, contact);
  adw_expander_row_set_expanded (self->client_row, FALSE);
}

static void
client_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_item_set_child (item, label);
}

static void
client_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  CrmContact *contact = gtk_list_item_get_item (item);
  const char * const *emails = crm_contact_get_emails (contact);
  g_autofree char *text = emails != NULL && emails[0] != NULL
                          ? g_strdup_printf ("%s · %s", crm_contact_get_name (contact), emails[0])
                          : g_strdup (crm_contact_get_name (contact));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
fill_agents (CrmSearchEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 agent_id = crm_search_get_agent_id (self->search);
  guint selected = 0;
  guint n;

  self->users = crm_user_store_list_assignable (crm_user_store_from_session (self->session), agent_id, NULL);
  if (self->users == NULL)
    self->users = G_LIST_MODEL (g_list_store_new (CRM_TYPE_USER));

  /* the core's rule for a search without an agent */
  gtk_string_list_append (names, _("The Client’s Manager"));
  n = g_list_model_get_n_items (self->users);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (self->users, i);

      gtk_string_list_append (names, crm_user_get_name (user));
      if (crm_user_get_id (user) == agent_id)
        selected = i + 1;
    }
  adw_combo_row_set_model (self->agent_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->agent_row, selected);
}

static void
set_bound (AdwEntryRow *row,
           gboolean     given,
           const char  *format,
           ...) G_GNUC_PRINTF (3, 4);

static void
set_bound (AdwEntryRow *row,
           gboolean     given,
           const char  *format,
           ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (!given)
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
fill (CrmSearchEditor *self)
{
  CrmSearch *search = self->search;
  const char * const *places = crm_search_get_locations (search);
  CrmPropertyTypes types = crm_search_get_types (search);
  gint64 price_min, price_max;
  double area_min, area_max;
  int rooms_min, rooms_max, floor_min, floor_max;

  if (crm_search_get_id (search) == 0)
    adw_window_title_set_title (self->title, _("New Search"));
  else
    {
      /* Translators: the title of the search editor; %lld is the search's number */
      g_autofree char *title = g_strdup_printf (_("Search No. %lld"), (long long) crm_search_get_id (search));

      adw_window_title_set_title (self->title, title);
    }

  crm_search_editor_set_client (self, crm_search_get_client_id (search));
  adw_expander_row_set_expanded (self->client_row, crm_search_get_client_id (search) == 0);
  adw_combo_row_set_selected (self->deal_row, crm_search_get_deal (search) == CRM_DEAL_RENT ? 1 : 0);
  for (guint i = 0; i < G_N_ELEMENTS (markets); i++)
    if (markets[i] == crm_search_get_market (search))
      adw_combo_row_set_selected (self->market_row, i);
  for (guint i = 0; i < G_N_ELEMENTS (notifies); i++)
    if (notifies[i] == crm_search_get_notify (search))
      adw_combo_row_set_selected (self->notify_row, i);
  gtk_check_button_set_active (self->flat_check, (types & CRM_PROPERTY_FLAT) != 0);
  gtk_check_button_set_active (self->house_check, (types & CRM_PROPERTY_HOUSE) != 0);
  gtk_check_button_set_active (self->plot_check, (types & CRM_PROPERTY_PLOT) != 0);
  gtk_check_button_set_active (self->commercial_check, (types & CRM_PROPERTY_COMMERCIAL) != 0);
  if (places != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) places);

      gtk_editable_set_text (GTK_EDITABLE (self->places_row), joined);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->places_row), "");

  crm_search_get_price_range (search, &price_min, &price_max);
  crm_search_get_area_range (search, &area_min, &area_max);
  crm_search_get_rooms_range (search, &rooms_min, &rooms_max);
  crm_search_get_floor_range (search, &floor_min, &floor_max);
  set_bound (self->price_min_row, price_min != CRM_OFFER_ANY, "%" G_GINT64_FORMAT, price_min);
  set_bound (self->price_max_row, price_max != CRM_OFFER_ANY, "%" G_GINT64_FORMAT, price_max);
  {
    g_autofree char *min_text = crm_offer_text_area_number (area_min);
    g_autofree char *max_text = crm_offer_text_area_number (area_max);

    set_bound (self->area_min_row, area_min != CRM_OFFER_ANY, "%s", min_text);
    set_bound (self->area_max_row, area_max != CRM_OFFER_ANY, "%s", max_text);
  }
  set_bound (self->rooms_min_row, rooms_min != CRM_OFFER_ANY, "%d", rooms_min);
  set_bound (self->rooms_max_row, rooms_max != CRM_OFFER_ANY, "%d", rooms_max);
  set_bound (self->floor_min_row, floor_min != CRM_OFFER_ANY_FLOOR, "%d", floor_min);
  set_bound (self->floor_max_row, floor_max != CRM_OFFER_ANY_FLOOR, "%d", floor_max);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            crm_search_get_note (search) ? crm_search_get_note (search) : "", -1);
  fill_agents (self);
  clear_errors (self);
}

static void
crm_search_editor_dispose (GObject *object)
{
  CrmSearchEditor *self = CRM_SEARCH_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SEARCH_EDITOR);
  g_clear_object (&self->session);
  g_clear_object (&self->search);
  g_clear_object (&self->contacts);
  g_clear_object (&self->users);

  G_OBJECT_CLASS (crm_search_editor_parent_class)->dispose (object);
}

static void
crm_search_editor_finalize (GObject *object)
{
  CrmSearchEditor *self = CRM_SEARCH_EDITOR (object);

  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (crm_search_editor_parent_class)->finalize (object);
}

static void
crm_search_editor_class_init (CrmSearchEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_search_editor_dispose;
  object_class->finalize = crm_search_editor_finalize;

  /**
   * CrmSearchEditor::saved:
   * @self: the editor
   * @search_id: the stored search's number
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/offers/crm-search-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, title);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, client_search);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, client_list);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, client_error);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, deal_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, market_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, flat_check);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, house_check);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, plot_check);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, commercial_check);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, places_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, places_error);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, price_min_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, price_max_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, area_min_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, area_max_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, rooms_min_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, rooms_max_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, floor_min_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, floor_max_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, price_error);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, area_error);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, rooms_error);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, floor_error);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, notify_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, agent_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchEditor, note_view);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, client_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
crm_search_editor_init (CrmSearchEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * crm_search_editor_new:
 * @store: the store
 * @search: (nullable): the search to edit, or %NULL for a new one
 *
 * Returns: (transfer none): a new editor window; it destroys itself
 */
CrmSearchEditor *
crm_search_editor_new (CrmSession *session,
                       CrmSearch  *search)
{
  CrmSearchEditor *self;
  GtkListItemFactory *factory;
  GtkSingleSelection *selection;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (!search || CRM_IS_SEARCH (search), NULL);

  self = g_object_new (CRM_TYPE_SEARCH_EDITOR, NULL);
  self->session = g_object_ref (session);
  self->search = search ? crm_search_copy (search) : crm_search_new (0, CRM_DEAL_SALE);

  self->contacts = crm_contact_list_new (session);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->contacts)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (client_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (client_bind_cb), NULL);
  gtk_list_view_set_factory (self->client_list, factory);
  gtk_list_view_set_model (self->client_list, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);

  fill (self);

  return self;
}

static void
show_client (CrmSearchEditor *self,
             CrmContact      *contact)
{
  crm_search_set_client_id (self->search, contact ? crm_contact_get_id (contact) : 0);
  if (contact != NULL)
    {
      const char * const *emails = crm_contact_get_emails (contact);
      g_autofree char *text = emails != NULL && emails[0] != NULL
                              ? g_strdup_printf ("%s · %s", crm_contact_get_name (contact), emails[0])
                              : g_strdup (crm_contact_get_name (contact));

      adw_expander_row_set_subtitle (self->client_row, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->client_row), "error");
    }
  else
    adw_expander_row_set_subtitle (self->client_row, _("Search the contacts and pick the client"));
}

static gboolean
read_client (CrmSession    *reader,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  return (*result = crm_contact_store_get (crm_contact_store_from_session (reader), GPOINTER_TO_SIZE (data),
                                           error)) != NULL;
}

static void
client_read_cb (GtkWidget    *widget,
                gpointer      result,
                const GError *error)
{
  CrmSearchEditor *self = CRM_SEARCH_EDITOR (widget);

  /* another client picked meanwhile */
  if (result != NULL && crm_search_get_client_id (self->search) != crm_contact_get_id (result))
    return;
  show_client (self, result);
}

/**
 * crm_search_editor_set_client:
 * @self: a #CrmSearchEditor
 * @client_id: a contact, or 0 for none yet
 *
 * Makes the contact the search's client, as picking it in the list
 * does; its name and address are read on a worker.
 */
void
crm_search_editor_set_client (CrmSearchEditor *self,
                              gint64           client_id)
{
  g_return_if_fail (CRM_IS_SEARCH_EDITOR (self));

  if (client_id == 0)
    {
      show_client (self, NULL);
      return;
    }
  crm_search_set_client_id (self->search, client_id);
  crm_widget_read (GTK_WIDGET (self), self->session, read_client, GSIZE_TO_POINTER ((gsize) client_id), NULL,
                   g_object_unref, NULL, client_read_cb);
}

/**
 * crm_search_editor_get_error:
 * @self: a #CrmSearchEditor
 *
 * Returns: (nullable): the first reason the last save failed
 */
const char *
crm_search_editor_get_error (CrmSearchEditor *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_EDITOR (self), NULL);

  return self->error;
}
