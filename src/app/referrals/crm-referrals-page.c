/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-date-button.h"
#include "crm-format.h"
#include "crm-loading.h"
#include "crm-referrals-page.h"
#include "crm-save-view-dialog.h"
#include "crm-toast.h"
#include "crm-view-pin.h"

/**
 * CrmReferralsPage:
 *
 * The referrals brokers sent through their forms (RF2-RF4): status
 * tiles with their counts across the top (a click filters the list),
 * the filters (number, client's name, the broker's advisor, received
 * from and to, status, investment, source), the lazy list of the
 * referrals, newest first, and the chosen referral's details beside it
 * (#CrmReferralDetail). The counts, the investments and the forms are
 * read on the session's reader and read again when the database says
 * they changed, here or on another desk.
 */
struct _CrmReferralsPage
{
  GtkWidget           parent_instance;

  /* template widgets */
  GtkToggleButton    *tile_all;
  GtkToggleButton    *tile_pending;
  GtkToggleButton    *tile_accepted;
  GtkToggleButton    *tile_rejected;
  GtkToggleButton    *tile_messages;
  GtkLabel           *count_all;
  GtkLabel           *count_pending;
  GtkLabel           *count_accepted;
  GtkLabel           *count_rejected;
  GtkLabel           *count_messages;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchEntry     *client_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *investment_dropdown;
  GtkDropDown        *source_dropdown;
  GtkEntry           *advisor_entry;
  GtkEntry           *id_entry;
  CrmDateButton      *from_button;
  CrmDateButton      *to_button;
  GtkWidget          *view_bar;
  GtkLabel           *view_label;
  GtkStack           *list_stack;
  GtkGridView        *list_view;
  AdwStatusPage      *empty_status;
  GtkLabel           *count_label;
  CrmReferralDetail  *detail;

  /* owned */
  CrmSession         *session;
  CrmUser            *user;
  CrmReferralList    *referrals;
  GtkSingleSelection *selection;
  GArray             *investment_ids;  /* gint64, in the drop-down's order after "Any" */
  GArray             *form_ids;
  GCancellable       *counts_cancellable;
  GCancellable       *choices_cancellable;
  guint               counts_source;
  CrmReferralCounts   counts;
  gint64              shown;
  gboolean            syncing;         /* tiles and status drop-down set each other */
  CrmViewPin          pin;             /* a saved view shown (FD4) */
};

G_DEFINE_FINAL_TYPE (CrmReferralsPage, crm_referrals_page, GTK_TYPE_WIDGET)

/* In the order of the status drop-down and of the tiles. */
static const char * const statuses[] = { NULL, "pending", "accepted", "rejected", "messages" };

/* The filters */

static gboolean
filtered (CrmReferralsPage *self)
{
  return gtk_drop_down_get_selected (self->status_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->investment_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->source_dropdown) > 0 ||
         *gtk_editable_get_text (GTK_EDITABLE (self->client_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->advisor_entry)) != '\0' ||
         *gtk_editable_get_text (GTK_EDITABLE (self->id_entry)) != '\0' ||
         crm_date_button_get_date (self->from_button) != NULL ||
         crm_date_button_get_date (self->to_button) != NULL;
}

static gint64
chosen_id (GtkDropDown *dropdown,
           GArray      *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > ids->len)
    return 0;

  return g_array_index (ids, gint64, selected - 1);
}

/* The filter the bar shows; its texts are the widgets' (or @texts'). */
static void
read_bar (CrmReferralsPage  *self,
          CrmReferralFilter *filter,
          GStrv             *texts)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  GDateTime *from = crm_date_button_get_date (self->from_button);
  GDateTime *to = crm_date_button_get_date (self->to_button);
  g_autofree char *client = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->client_entry))));
  g_autofree char *advisor = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->advisor_entry))));
  const char *number = gtk_editable_get_text (GTK_EDITABLE (self->id_entry));
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  memset (filter, 0, sizeof *filter);
  filter->id = g_ascii_strtoll (number, NULL, 10);
  /* a number that is no referral's finds none, not all */
  if (*number != '\0' && filter->id <= 0)
    filter->id = G_MAXINT64;
  g_strv_builder_add (kept, client);
  g_strv_builder_add (kept, advisor);
  *texts = g_strv_builder_end (kept);
  filter->client_name = *(*texts)[0] != '\0' ? (*texts)[0] : NULL;
  filter->advisor = *(*texts)[1] != '\0' ? (*texts)[1] : NULL;
  filter->from = from != NULL ? g_date_time_to_unix (from) : 0;
  if (to != NULL)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (to, 1);

      /* received before the next day's midnight: the day itself counts */
      filter->to = g_date_time_to_unix (next);
    }
  filter->status = status < G_N_ELEMENTS (statuses) ? statuses[status] : NULL;
  filter->investment_id = chosen_id (self->investment_dropdown, self->investment_ids);
  filter->form_id = chosen_id (self->source_dropdown, self->form_ids);
}

static GVariant *
bar_variant (CrmReferralsPage *self)
{
  CrmReferralFilter filter;
  g_auto(GStrv) texts = NULL;

  read_bar (self, &filter, &texts);

  return crm_referral_filter_to_variant (&filter);
}

static void
update_count (CrmReferralsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->referrals));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u referral", "%u referrals", n), n);

  gtk_label_set_text (self->count_label, crm_paged_list_get_complete (CRM_PAGED_LIST (self->referrals)) ? text : "");
  gtk_stack_set_visible_child_name (self->list_stack,
                                    n > 0 || crm_paged_list_get_loading (CRM_PAGED_LIST (self->referrals))
                                    ? "list" : "empty");
  if (filtered (self))
    {
      adw_status_page_set_title (self->empty_status, _("No Referrals Found"));
      adw_status_page_set_description (self->empty_status, _("No referral fits the filters chosen."));
    }
  else
    {
      adw_status_page_set_title (self->empty_status, _("No Referrals Yet"));
      adw_status_page_set_description (self->empty_status,
                                       _("Referrals come in through the brokers’ forms: make a form for each "
                                         "broker in Preferences and hand them its link."));
    }
}

static void
filter_changed_cb (CrmReferralsPage *self)
{
  CrmReferralFilter filter;
  g_auto(GStrv) texts = NULL;
  GVariant *view;

  if (self->referrals == NULL || self->syncing)
    return;

  /* a saved view, whole, while the bar shows what it showed of it */
  view = crm_view_pin_get (&self->pin, bar_variant (self));
  if (view != NULL && crm_referral_filter_from_variant (view, &filter, NULL))
    crm_referral_list_set_filter (self->referrals, &filter);
  else
    {
      read_bar (self, &filter, &texts);
      crm_referral_list_set_filter (self->referrals, &filter);
    }
  update_count (self);
}

/* The tiles (RF2) and the status drop-down say the same. */
static GtkToggleButton *
tile_of (CrmReferralsPage *self,
         guint             status)
{
  GtkToggleButton *tiles[] = { self->tile_all, self->tile_pending, self->tile_accepted, self->tile_rejected,
                               self->tile_messages };

  return status < G_N_ELEMENTS (tiles) ? tiles[status] : self->tile_all;
}

static void
tile_toggled_cb (CrmReferralsPage *self,
                 GtkToggleButton  *tile)
{
  if (self->syncing || !gtk_toggle_button_get_active (tile))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (tile_of (self, i) == tile)
      gtk_drop_down_set_selected (self->status_dropdown, i);
}

static void
status_changed_cb (CrmReferralsPage *self)
{
  guint status = gtk_drop_down_get_selected (self->status_dropdown);

  self->syncing = TRUE;
  gtk_toggle_button_set_active (tile_of (self, status), TRUE);
  self->syncing = FALSE;
  filter_changed_cb (self);
}

/* The counts (RF2), on the reader */

static void
set_count (GtkLabel *label,
           guint     n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_text (label, text);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrmReferralsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CrmReferralCounts counts;
  g_autofree char *pending = NULL;

  if (!crm_referral_store_count_finish (crm_referral_store_from_session (CRM_SESSION (object)), result, &counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Counting the referrals failed: %s", error->message);
      return;
    }
  g_clear_object (&self->counts_cancellable);
  self->counts = counts;
  set_count (self->count_all, counts.all);
  set_count (self->count_pending, counts.pending);
  set_count (self->count_accepted, counts.accepted);
  set_count (self->count_rejected, counts.rejected);
  set_count (self->count_messages, counts.messages);
  /* what waits for someone stands out */
  if (counts.pending > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_pending), "referral-badge");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_pending), "referral-badge");
  if (counts.messages > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_messages), "referral-badge");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->count_messages), "referral-badge");
  /* Translators: the Pending tile as a screen reader says it */
  pending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u referral waits for a decision",
                                          "%u referrals wait for a decision", counts.pending), counts.pending);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->tile_pending), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, pending, -1);
}

static gboolean
count_idle_cb (gpointer user_data)
{
  CrmReferralsPage *self = user_data;

  self->counts_source = 0;
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  self->counts_cancellable = g_cancellable_new ();
  crm_referral_store_count_async (crm_referral_store_from_session (self->session), self->counts_cancellable,
                                  counted_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
queue_count (CrmReferralsPage *self)
{
  if (self->counts_source == 0 && self->session != NULL)
    self->counts_source = g_idle_add (count_idle_cb, self);
}

/* The investments and the forms of the drop-downs, on the reader */

typedef struct
{
  GPtrArray *investments;
  GPtrArray *forms;
} Choices;

static void
choices_free (gpointer data)
{
  Choices *choices = data;

  g_clear_pointer (&choices->investments, g_ptr_array_unref);
  g_clear_pointer (&choices->forms, g_ptr_array_unref);
  g_free (choices);
}

static gboolean
read_choices (CrmSession    *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  CrmReferralStore *store = crm_referral_store_from_session (reader);
  Choices *choices = g_new0 (Choices, 1);

  if (!(choices->investments = crm_referral_store_list_investments (store, error)) ||
      !(choices->forms = crm_referral_store_list_forms (store, error)))
    {
      choices_free (choices);
      return FALSE;
    }
  *result = choices;

  return TRUE;
}

/* Fills @dropdown with "Any…" and @names, keeping the one chosen. */
static void
fill_dropdown (CrmReferralsPage  *self,
               GtkDropDown       *dropdown,
               GArray           **ids,
               const char        *any,
               GPtrArray         *items,
               gboolean           forms)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 chosen = chosen_id (dropdown, *ids);
  guint position = 0;

  g_clear_pointer (ids, g_array_unref);
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (names, any);
  for (guint i = 0; i < items->len; i++)
    {
      gint64 id;

      if (forms)
        {
          CrmReferralForm *form = g_ptr_array_index (items, i);

          id = form->id;
          gtk_string_list_append (names, form->name);
        }
      else
        {
          CrmInvestment *investment = g_ptr_array_index (items, i);

          id = investment->id;
          gtk_string_list_append (names, investment->name);
        }
      g_array_append_val (*ids, id);
      if (id == chosen)
        position = i + 1;
    }
  /* one list's filter, not three reloads */
  self->syncing = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (dropdown, position);
  self->syncing = FALSE;
}

static void
choices_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmReferralsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Choices *choices = crm_session_read_finish (CRM_SESSION (object), result, &error);
  gint64 investment, form;

  if (choices == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Reading the investments and forms failed: %s", error->message);
      return;
    }
  g_clear_object (&self->choices_cancellable);
  investment = chosen_id (self->investment_dropdown, self->investment_ids);
  form = chosen_id (self->source_dropdown, self->form_ids);
  fill_dropdown (self, self->investment_dropdown, &self->investment_ids, _("Any Investment"), choices->investments,
                 FALSE);
  fill_dropdown (self, self->source_dropdown, &self->form_ids, _("Any Source"), choices->forms, TRUE);
  /* one chosen is gone: the list follows what the bar shows now */
  if (investment != chosen_id (self->investment_dropdown, self->investment_ids) ||
      form != chosen_id (self->source_dropdown, self->form_ids))
    filter_changed_cb (self);
  choices_free (choices);
}

static void
read_choices_again (CrmReferralsPage *self)
{
  g_cancellable_cancel (self->choices_cancellable);
  g_clear_object (&self->choices_cancellable);
  self->choices_cancellable = g_cancellable_new ();
  crm_session_read_async (self->session, read_choices, NULL, NULL, NULL, self->choices_cancellable,
                          choices_read_cb, g_object_ref (self));
}

/* The list (RF4) */

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *pill = gtk_label_new (NULL);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_hexpand (lines, TRUE);
  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
      if (i == 0)
        gtk_widget_add_css_class (label, "heading");
      else
        {
          gtk_widget_add_css_class (label, "caption");
          gtk_widget_add_css_class (label, "dim-label");
        }
      gtk_box_append (GTK_BOX (lines), label);
    }
  gtk_widget_set_valign (pill, GTK_ALIGN_START);
  gtk_widget_add_css_class (pill, "referral-status");
  gtk_widget_add_css_class (pill, "caption");
  gtk_box_append (GTK_BOX (row), lines);
  gtk_box_append (GTK_BOX (row), pill);
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CrmReferral *referral = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *lines = gtk_widget_get_first_child (row);
  GtkWidget *name = gtk_widget_get_first_child (lines);
  GtkWidget *what = gtk_widget_get_next_sibling (name);
  GtkWidget *who = gtk_widget_get_next_sibling (what);
  GtkWidget *pill = gtk_widget_get_next_sibling (lines);
  const char *investment = crm_referral_get_investment (referral);
  const char *pesel = crm_referral_get_pesel_masked (referral);
  g_autofree char *received = crm_format_date_time (crm_referral_get_received (referral));
  g_autofree char *line2 = NULL;
  g_autofree char *line3 = NULL;

  /* Translators: a referral in the list: its investment and when it came */
  line2 = g_strdup_printf (_("%s · %s"), investment != NULL ? investment : _("No investment"), received);
  if (pesel != NULL)
    /* Translators: a referral in the list: its number, the masked PESEL, the source (form) */
    line3 = g_strdup_printf (_("No. %lld · PESEL %s · %s"), (long long) crm_referral_get_id (referral), pesel,
                             crm_referral_get_source (referral));
  else
    /* Translators: a referral in the list: its number and the source (form) */
    line3 = g_strdup_printf (_("No. %lld · %s"), (long long) crm_referral_get_id (referral),
                             crm_referral_get_source (referral));
  gtk_label_set_text (GTK_LABEL (name), crm_referral_get_client_name (referral));
  gtk_label_set_text (GTK_LABEL (what), line2);
  gtk_label_set_text (GTK_LABEL (who), line3);
  crm_referral_status_style (pill, crm_referral_get_status (referral));
  if (crm_referral_get_awaiting_reply (referral))
    gtk_widget_add_css_class (name, "referral-unanswered");
  else
    gtk_widget_remove_css_class (name, "referral-unanswered");
}

static void
select_shown (CrmReferralsPage *self)
{
  guint position;

  if (self->shown == 0 || self->referrals == NULL)
    return;

  position = crm_paged_list_find_id (CRM_PAGED_LIST (self->referrals), self->shown);
  if (position == gtk_single_selection_get_selected (self->selection))
    return;
  gtk_single_selection_set_selected (self->selection, position != G_MAXUINT ? position : GTK_INVALID_LIST_POSITION);
}

static void
items_changed_cb (CrmReferralsPage *self)
{
  update_count (self);
}

static void
loaded_cb (CrmReferralsPage *self)
{
  update_count (self);
  select_shown (self);
}

static void
selection_changed_cb (CrmReferralsPage   *self,
                      GParamSpec         *pspec,
                      GtkSingleSelection *selection)
{
  CrmReferral *referral = gtk_single_selection_get_selected_item (selection);
  gint64 id = referral != NULL ? crm_referral_get_id (referral) : 0;

  if (id == 0 || id == self->shown)
    return;

  self->shown = id;
  crm_referral_detail_set_referral_id (self->detail, id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
row_activated_cb (CrmReferralsPage *self,
                  guint             position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
folded_cb (CrmReferralsPage *self)
{
  crm_referral_detail_set_show_back (self->detail, adw_leaflet_get_folded (self->leaflet));
}

static void
detail_back_cb (CrmReferralsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* Saved views (FD4) */

static guint
id_position (GArray *ids,
             gint64  id)
{
  for (guint i = 0; ids != NULL && id != 0 && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i + 1;

  return 0;
}

static GDateTime *
local_day (gint64 unix_time,
           int    days)
{
  g_autoptr(GDateTime) utc = unix_time > 0 ? g_date_time_new_from_unix_utc (unix_time) : NULL;
  g_autoptr(GDateTime) moved = utc != NULL ? g_date_time_add_days (utc, days) : NULL;

  return moved != NULL ? g_date_time_to_local (moved) : NULL;
}

/**
 * crm_referrals_page_show_view:
 * @self: a #CrmReferralsPage
 * @view: a saved view of the referrals
 *
 * Shows the referrals @view lets through: its filters on the bar, its
 * name above the list.
 */
void
crm_referrals_page_show_view (CrmReferralsPage *self,
                              CrmSavedView     *view)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *number = NULL;
  CrmReferralFilter filter;
  guint status = 0;

  g_return_if_fail (CRM_IS_REFERRALS_PAGE (self));
  g_return_if_fail (CRM_IS_SAVED_VIEW (view));

  if (!crm_referral_filter_from_variant (crm_saved_view_get_filter (view), &filter, &error))
    {
      crm_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  for (guint i = 1; filter.status != NULL && i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (statuses[i], filter.status))
      status = i;
  from = local_day (filter.from, 0);
  /* the bar's "To" is the last day received, the filter's the next midnight */
  to = local_day (filter.to, -1);
  number = filter.id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, filter.id) : g_strdup ("");

  crm_view_pin_begin (&self->pin, view);
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->status_dropdown, status);
  gtk_toggle_button_set_active (tile_of (self, status), TRUE);
  gtk_drop_down_set_selected (self->investment_dropdown, id_position (self->investment_ids, filter.investment_id));
  gtk_drop_down_set_selected (self->source_dropdown, id_position (self->form_ids, filter.form_id));
  gtk_editable_set_text (GTK_EDITABLE (self->client_entry), filter.client_name != NULL ? filter.client_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->advisor_entry), filter.advisor != NULL ? filter.advisor : "");
  gtk_editable_set_text (GTK_EDITABLE (self->id_entry), number);
  crm_date_button_set_date (self->from_button, from);
  crm_date_button_set_date (self->to_button, to);
  self->syncing = FALSE;
  crm_view_pin_end (&self->pin, bar_variant (self));
  filter_changed_cb (self);
}

static void
view_saved_cb (CrmReferralsPage  *self,
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
  CrmReferralsPage *self = CRM_REFERRALS_PAGE (widget);
  GVariant *view = crm_view_pin_get (&self->pin, bar_variant (self));
  CrmSaveViewDialog *dialog;

  /* a view shown is saved whole */
  dialog = crm_save_view_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session, "referrals",
                                     view != NULL ? view : bar_variant (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (view_saved_cb), self, G_CONNECT_SWAPPED);
}

static void
leave_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmReferralsPage *self = CRM_REFERRALS_PAGE (widget);

  crm_view_pin_clear (&self->pin);
  filter_changed_cb (self);
}

static void
detail_decided_cb (CrmReferralsPage  *self,
                   CrmReferralDetail *detail)
{
  /* the tiles at once, not at the next change the database tells */
  queue_count (self);
}

static void
crm_referrals_page_dispose (GObject *object)
{
  CrmReferralsPage *self = CRM_REFERRALS_PAGE (object);
  GtkWidget *child;

  g_clear_handle_id (&self->counts_source, g_source_remove);
  g_cancellable_cancel (self->counts_cancellable);
  g_clear_object (&self->counts_cancellable);
  g_cancellable_cancel (self->choices_cancellable);
  g_clear_object (&self->choices_cancellable);
  self->pin.bar = NULL;
  self->pin.label = NULL;
  crm_view_pin_clear (&self->pin);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_REFERRALS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->referrals);
  g_clear_pointer (&self->investment_ids, g_array_unref);
  g_clear_pointer (&self->form_ids, g_array_unref);
  g_clear_object (&self->session);
  g_clear_object (&self->user);

  G_OBJECT_CLASS (crm_referrals_page_parent_class)->dispose (object);
}

static void
crm_referrals_page_class_init (CrmReferralsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_referrals_page_dispose;

  g_type_ensure (CRM_TYPE_DATE_BUTTON);
  g_type_ensure (CRM_TYPE_REFERRAL_DETAIL);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/referrals/crm-referrals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, tile_all);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, tile_pending);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, tile_accepted);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, tile_rejected);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, tile_messages);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, count_all);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, count_pending);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, count_accepted);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, count_rejected);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, count_messages);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, client_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, investment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, advisor_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, id_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, view_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, view_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmReferralsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, tile_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_back_cb);

  gtk_widget_class_install_action (widget_class, "referrals.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "referrals.leave-view", NULL, leave_view_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_referrals_page_init (CrmReferralsPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkStringList) any_investment = gtk_string_list_new ((const char *[]) { _("Any Investment"), NULL });
  g_autoptr(GtkStringList) any_source = gtk_string_list_new ((const char *[]) { _("Any Source"), NULL });

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pin.bar = self->view_bar;
  self->pin.label = self->view_label;
  gtk_drop_down_set_model (self->investment_dropdown, G_LIST_MODEL (any_investment));
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (any_source));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  g_signal_connect_object (self->detail, "decided", G_CALLBACK (detail_decided_cb), self, G_CONNECT_SWAPPED);
}

/**
 * crm_referrals_page_set_session:
 * @self: a #CrmReferralsPage
 * @session: the window's session
 */
void
crm_referrals_page_set_session (CrmReferralsPage *self,
                                CrmSession       *session)
{
  CrmDatabase *database;

  g_return_if_fail (CRM_IS_REFERRALS_PAGE (self));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  crm_referral_detail_set_session (self->detail, session);

  self->referrals = crm_referral_list_new (session);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->referrals)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->referrals, "items-changed", G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->referrals, "loaded", G_CALLBACK (loaded_cb), self, G_CONNECT_SWAPPED);
  crm_loading_pause_when_hidden (GTK_WIDGET (self), CRM_PAGED_LIST (self->referrals));
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* what another desk or crmctl changes shows here too */
  database = crm_session_get_database (session);
  g_signal_connect_object (database, "changed::referral", G_CALLBACK (queue_count), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (database, "changed::investment", G_CALLBACK (read_choices_again), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (database, "changed::referral-form", G_CALLBACK (read_choices_again), self,
                           G_CONNECT_SWAPPED);
  read_choices_again (self);
  queue_count (self);
  filter_changed_cb (self);
}

/**
 * crm_referrals_page_set_user:
 * @self: a #CrmReferralsPage
 * @user: (nullable): who works
 */
void
crm_referrals_page_set_user (CrmReferralsPage *self,
                             CrmUser          *user)
{
  g_return_if_fail (CRM_IS_REFERRALS_PAGE (self));

  g_set_object (&self->user, user);
}

/**
 * crm_referrals_page_get_list:
 * @self: a #CrmReferralsPage
 *
 * Returns: (transfer none) (nullable): the referrals listed
 */
CrmReferralList *
crm_referrals_page_get_list (CrmReferralsPage *self)
{
  g_return_val_if_fail (CRM_IS_REFERRALS_PAGE (self), NULL);

  return self->referrals;
}

/**
 * crm_referrals_page_get_detail:
 * @self: a #CrmReferralsPage
 *
 * Returns: (transfer none): the referral's details
 */
CrmReferralDetail *
crm_referrals_page_get_detail (CrmReferralsPage *self)
{
  g_return_val_if_fail (CRM_IS_REFERRALS_PAGE (self), NULL);

  return self->detail;
}

/**
 * crm_referrals_page_get_counts:
 * @self: a #CrmReferralsPage
 * @counts: (out caller-allocates): what the tiles show
 */
void
crm_referrals_page_get_counts (CrmReferralsPage  *self,
                               CrmReferralCounts *counts)
{
  g_return_if_fail (CRM_IS_REFERRALS_PAGE (self));

  *counts = self->counts;
}

/**
 * crm_referrals_page_show_referral:
 * @self: a #CrmReferralsPage
 * @id: a referral
 *
 * Shows a referral's details, opened from elsewhere (a similar
 * referral); its row is selected when the list holds it.
 */
void
crm_referrals_page_show_referral (CrmReferralsPage *self,
                                  gint64            id)
{
  g_return_if_fail (CRM_IS_REFERRALS_PAGE (self));

  self->shown = id;
  crm_referral_detail_set_referral_id (self->detail, id);
  select_shown (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
}

/**
 * crm_referrals_page_focus_search:
 * @self: a #CrmReferralsPage
 *
 * Shows the list and puts the cursor in the client's name (Ctrl+F).
 */
void
crm_referrals_page_focus_search (CrmReferralsPage *self)
{
  g_return_if_fail (CRM_IS_REFERRALS_PAGE (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->client_entry));
}
