/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-search-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-match-row.h"
#include "crm-offer-text.h"
#include "crm-toast.h"
#include "crm-card-loader.h"
#include "crm-search-detail.h"
#include "crm-record-tasks.h"
#include "crm-search-editor.h"
#include "crm-offer-store.h"
#include "crm-search-store.h"
#include "crm-search-bump.h"

/**
 * CrmSearchDetail:
 *
 * One client's search (OF2): the client (a click opens the contact),
 * the criteria, how new offers are notified (OF4), the last update
 * (OF10, with "Bump Update Date") and the history, where each mail
 * that went to the client is recorded (OF9). "Matching offers" (OF3)
 * lists what fits, best first, then the near misses, marked with what
 * fails; the agent ticks offers and sends them to the client through
 * the outbox, with Undo while the mail waits. Offers the client already
 * got are marked, and sending them again asks first (issue 10, defect
 * 14); the history says what went to whom and opens the mail (defect
 * 17).
 */
struct _CrmSearchDetail
{
  GtkWidget     parent_instance;

  /* template widgets */
  GtkStack     *stack;
  GtkWidget    *back_button;
  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  AdwActionRow *client_row;
  AdwActionRow *deal_row;
  AdwActionRow *types_row;
  AdwActionRow *places_row;
  AdwActionRow *price_row;
  AdwActionRow *area_row;
  AdwActionRow *rooms_row;
  AdwActionRow *floor_row;
  AdwActionRow *market_row;
  AdwActionRow *notify_row;
  AdwActionRow *agent_row;
  AdwActionRow *updated_row;
  AdwActionRow *created_row;
  GtkWidget    *note_group;
  GtkLabel     *note_label;
  GtkListBox   *matches_list;
  GtkButton    *more_button;
  GtkListBox   *history_list;
  CrmRecordTasks *tasks_group;

  /* owned */
  CrmSession     *session;
  CrmUser      *user;
  GSettings    *settings;
  CrmSearch    *search;
  GListModel   *matches;
  GListModel   *history;
  GHashTable   *mails;     /* of the history, read with it */
  GHashTable   *ticked;     /* offer ids, gint64 * */
  gint64        search_id;
  CrmCardLoader *loader;
};

G_DEFINE_FINAL_TYPE (CrmSearchDetail, crm_search_detail, GTK_TYPE_WIDGET)

enum {
  BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* How many offers "Matching offers" shows at most. */
#define MAX_MATCHES 100

static void
update_actions (CrmSearchDetail *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.edit", self->search != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.bump", self->search != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "search.send",
                                 self->search != NULL && g_hash_table_size (self->ticked) > 0);
}

static void
row_active_cb (CrmSearchDetail *self,
               GParamSpec      *pspec,
               CrmMatchRow     *row)
{
  gint64 id = crm_offer_get_id (crm_match_get_offer (crm_match_row_get_match (row)));

  if (crm_match_row_get_active (row))
    g_hash_table_add (self->ticked, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->ticked, &id);
  update_actions (self);
}

static GtkWidget *
create_match_row (gpointer item,
                  gpointer user_data)
{
  CrmSearchDetail *self = user_data;
  GtkWidget *row = crm_match_row_new (item, TRUE, TRUE);
  gint64 id = crm_offer_get_id (crm_match_get_offer (item));

  crm_match_row_set_active (CRM_MATCH_ROW (row), g_hash_table_contains (self->ticked, &id));
  g_signal_connect_object (row, "notify::active", G_CALLBACK (row_active_cb), self, G_CONNECT_SWAPPED);

  return row;
}

static void
set_row (AdwActionRow *row,
         const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : _("Any"));
}

/* Ticks of offers no longer listed go. */
static void
forget_unlisted (CrmSearchDetail *self)
{
  guint n = g_list_model_get_n_items (self->matches);
  g_autoptr(GArray) listed = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmMatch) match = g_list_model_get_item (self->matches, i);
      gint64 id = crm_offer_get_id (crm_match_get_offer (match));

      g_array_append_val (listed, id);
    }

  g_hash_table_iter_init (&iter, self->ticked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gboolean found = FALSE;

      for (guint i = 0; i < listed->len && !found; i++)
        found = g_array_index (listed, gint64, i) == *(gint64 *) key;
      if (!found)
        g_hash_table_iter_remove (&iter);
    }
}

static void
show_search (CrmSearchDetail *self,
             CrmOfferCard    *card)
{
  CrmSearch *search = self->search;
  const char * const *places = crm_search_get_locations (search);
  const char *email = crm_search_get_client_email (search);
  const char *note = crm_search_get_note (search);
  g_autofree char *title = NULL;
  g_autofree char *summary = crm_search_dup_summary (search);
  g_autofree char *types = crm_property_types_dup_label (crm_search_get_types (search));
  g_autofree char *joined = places != NULL ? g_strjoinv (", ", (char **) places) : NULL;
  g_autofree char *price = NULL;
  g_autofree char *area = NULL;
  g_autofree char *rooms = NULL;
  g_autofree char *floor = NULL;
  g_autofree char *updated = crm_offer_text_last_update (self->session, crm_search_get_updated (search));
  g_autofree char *created = crm_format_date_time (crm_search_get_created (search));
  gint64 price_min, price_max;
  double area_min, area_max;
  int rooms_min, rooms_max, floor_min, floor_max;
  gint64 days = crm_offer_text_days_ago (self->session, crm_search_get_updated (search));

  crm_search_get_price_range (search, &price_min, &price_max);
  crm_search_get_area_range (search, &area_min, &area_max);
  crm_search_get_rooms_range (search, &rooms_min, &rooms_max);
  crm_search_get_floor_range (search, &floor_min, &floor_max);
  price = crm_offer_text_price_range (self->session, price_min, price_max);
  area = crm_offer_text_area_range (area_min, area_max);
  rooms = crm_offer_text_int_range (rooms_min, rooms_max, CRM_OFFER_ANY);
  floor = crm_offer_text_int_range (floor_min, floor_max, CRM_OFFER_ANY_FLOOR);

  /* Translators: the title of a search's card; %lld is its number, %s the client */
  title = g_strdup_printf (_("Search No. %lld · %s"), (long long) crm_search_get_id (search),
                           crm_search_get_client_name (search));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->subtitle_label, summary);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->client_row), crm_search_get_client_name (search));
  adw_action_row_set_subtitle (self->client_row, email != NULL ? email : _("No e-mail address: offers cannot be "
                                                                           "sent until the contact has one"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->client_row), "x", crm_search_get_client_id (search));

  set_row (self->deal_row, crm_search_get_deal (search) == CRM_DEAL_RENT ? _("Rent") : _("Buy"));
  set_row (self->types_row, types);
  set_row (self->places_row, joined);
  set_row (self->price_row, price);
  set_row (self->area_row, area);
  set_row (self->rooms_row, rooms);
  set_row (self->floor_row, floor);
  set_row (self->market_row, crm_offer_text_market (crm_search_get_market (search)));
  set_row (self->notify_row, crm_notify_get_label (crm_search_get_notify (search)));
  adw_action_row_set_subtitle (self->agent_row, crm_search_get_agent_name (search) ? crm_search_get_agent_name (search)
                                                                                  : _("Nobody"));
  adw_action_row_set_subtitle (self->created_row, created);
  if (!card->fresh)
    {
      /* Translators: under a search's last update (OF6); %s is the date and how long ago */
      g_autofree char *late = g_strdup_printf (_("%s — too old: new offers are not matched to it"), updated);

      adw_action_row_set_subtitle (self->updated_row, late);
    }
  else
    adw_action_row_set_subtitle (self->updated_row, updated);
  if (days >= crm_offer_store_get_stale_days (crm_offer_store_from_session (self->session)))
    gtk_widget_add_css_class (GTK_WIDGET (self->updated_row), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->updated_row), "stale");
  gtk_label_set_text (self->note_label, note ? note : "");
  gtk_widget_set_visible (self->note_group, note != NULL && *note != '\0');

  g_set_object (&self->matches, card->matches);
  if (card->matches_error != NULL)
    crm_toast_show (GTK_WIDGET (self), card->matches_error->message);
  forget_unlisted (self);
  crm_match_rows_bind (self->matches_list, self->more_button, self->matches, create_match_row, self);

  g_set_object (&self->history, card->history);
  g_clear_pointer (&self->mails, g_hash_table_unref);
  self->mails = g_hash_table_ref (card->mails);
  gtk_list_box_bind_model (self->history_list, self->history, crm_offer_text_history_row, self->mails, NULL);

  {
    /* Translators: what a task added from a search's card belongs to: "Search", its number, its client */
    g_autofree char *record = g_strdup_printf (_("%s #%lld · %s"), _("Search"), (long long) crm_search_get_id (search),
                                               crm_search_get_client_name (search));

    crm_record_tasks_set_record (self->tasks_group, "searches", crm_search_get_id (search), record);
  }

  gtk_stack_set_visible_child_name (self->stack, "search");
}

static void
show_nothing (CrmSearchDetail *self)
{
  g_clear_object (&self->search);
  crm_match_rows_bind (self->matches_list, self->more_button, NULL, NULL, NULL);
  gtk_list_box_bind_model (self->history_list, NULL, NULL, NULL, NULL);
  crm_record_tasks_set_record (self->tasks_group, NULL, 0, NULL);
  g_clear_object (&self->matches);
  g_clear_object (&self->history);
  g_clear_pointer (&self->mails, g_hash_table_unref);
  g_hash_table_remove_all (self->ticked);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_actions (self);
}

/* The search, its matches and its history, read on a worker
 * (CrmCardLoader): the card shows them when they are read, and reads
 * them again when offers, searches, contacts or mails change. */
static void
loaded_cb (CrmSearchDetail *self,
           CrmOfferCard    *card)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), TRUE);
  if (card == NULL)
    {
      show_nothing (self);
      return;
    }

  g_set_object (&self->search, card->search);
  show_search (self, card);
  update_actions (self);
}

/* Offers on their way to the outbox: for whom, how many. */
typedef struct
{
  CrmSearchDetail *detail;
  char            *client;
  guint            n_offers;
} Sending;

static void
sending_free (Sending *sending)
{
  g_clear_object (&sending->detail);
  g_free (sending->client);
  g_free (sending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sending, sending_free)

/* The offers queued for the client: a toast offers Undo. */
static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Sending) sending = user_data;
  CrmSearchDetail *self = sending->detail;
  g_autoptr(GArray) outbox_ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  outbox_ids = crm_offer_store_send_finish (crm_offer_store_from_session (CRM_SESSION (object)), result, &error);
  if (self->session == NULL)
    return;
  if (outbox_ids == NULL)
    {
      crm_toast_show (GTK_WIDGET (self), error->message);
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u offer queued for %s", "%u offers queued for %s",
                                        sending->n_offers),
                           sending->n_offers, sending->client);
  crm_toast_show_undo (GTK_WIDGET (self), self->session, title, outbox_ids, crm_toast_undo_seconds (self->settings));
  crm_card_loader_reload (self->loader);
}

static gboolean
send_ticked (CrmSearchDetail *self,
             gboolean         again)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;
  int seconds = crm_toast_undo_seconds (self->settings);
  Sending *sending;

  if (self->search == NULL || g_hash_table_size (self->ticked) == 0)
    return FALSE;

  g_hash_table_iter_init (&iter, self->ticked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);

  sending = g_new0 (Sending, 1);
  sending->detail = g_object_ref (self);
  sending->client = g_strdup (crm_search_get_client_name (self->search));
  sending->n_offers = ids->len;
  crm_offer_store_send_async (crm_offer_store_from_session (self->session), crm_search_get_id (self->search),
                              (const gint64 *) ids->data, ids->len, again,
                              crm_clock_now_unix (crm_session_get_clock (self->session)) + seconds, NULL, sent_cb,
                              sending);
  g_hash_table_remove_all (self->ticked);

  return TRUE;
}

/* The ticked offers the client already got, one line each, or NULL. */
static char *
dup_already_sent (CrmSearchDetail *self)
{
  g_autoptr(GString) lines = g_string_new (NULL);
  guint n = self->matches != NULL ? g_list_model_get_n_items (self->matches) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmMatch) match = g_list_model_get_item (self->matches, i);
      CrmOffer *offer = crm_match_get_offer (match);
      gint64 id = crm_offer_get_id (offer);
      g_autofree char *title = NULL;
      g_autofree char *when = NULL;

      if (crm_match_get_sent (match) == 0 || !g_hash_table_contains (self->ticked, &id))
        continue;
      title = crm_offer_dup_title (offer);
      when = crm_format_date_time (crm_match_get_sent (match));
      /* Translators: a line of the question before sending offers again: the offer's number and title, when
       * the client got it */
      g_string_append_printf (lines, _("No. %lld · %s, sent %s"), (long long) id, title, when);
      g_string_append_c (lines, '\n');
    }
  if (lines->len == 0)
    return NULL;
  g_string_truncate (lines, lines->len - 1);

  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static void
again_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CrmSearchDetail  *self)
{
  if (g_str_equal (response, "send"))
    send_ticked (self, TRUE);
}

/**
 * crm_search_detail_send:
 * @self: a #CrmSearchDetail
 *
 * Sends the ticked offers to the client, in one mail through the
 * outbox, after the undo window; a toast offers Undo. When the client
 * already got some of them, a dialog names them and asks first (its
 * "send" response sends them all).
 *
 * The mail is queued on a worker; a toast says if it cannot be.
 *
 * Returns: %TRUE when the offers went to be queued; %FALSE when none is
 *   ticked or while the dialog asks
 */
gboolean
crm_search_detail_send (CrmSearchDetail *self)
{
  g_autofree char *already = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_val_if_fail (CRM_IS_SEARCH_DETAIL (self), FALSE);

  if (self->search == NULL || g_hash_table_size (self->ticked) == 0)
    return FALSE;
  if ((already = dup_already_sent (self)) == NULL)
    return send_ticked (self, FALSE);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  /* Translators: the question before sending offers again; %s is the client's name */
  body = g_strdup_printf (_("%s already got these offers by mail:"), crm_search_get_client_name (self->search));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Send Offers Again?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", body, already);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "send", _("_Send Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (again_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return FALSE;
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_search_detail_send (CRM_SEARCH_DETAIL (widget));
}

static void
bump_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmSearchDetail *self = CRM_SEARCH_DETAIL (widget);

  if (self->search == NULL)
    return;

  crm_search_bump (widget, self->session, &self->search_id, 1);
}

static void
editor_saved_cb (CrmSearchDetail *self,
                 gint64           id,
                 CrmSearchEditor *editor)
{
  crm_toast_show (GTK_WIDGET (self), _("Search saved"));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmSearchDetail *self = CRM_SEARCH_DETAIL (widget);
  CrmSearchEditor *editor;

  if (self->search == NULL)
    return;

  editor = crm_search_editor_new (self->session, self->search);
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
  CrmSearchDetail *self = CRM_SEARCH_DETAIL (widget);

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
more_clicked_cb (CrmSearchDetail *self)
{
  crm_match_rows_show_all (self->matches_list, self->more_button);
}

static void
crm_search_detail_dispose (GObject *object)
{
  CrmSearchDetail *self = CRM_SEARCH_DETAIL (object);
  GtkWidget *child;

  if (self->loader != NULL)
    crm_card_loader_stop (self->loader);
  g_clear_object (&self->loader);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SEARCH_DETAIL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->user);
  g_clear_object (&self->settings);
  g_clear_object (&self->search);
  g_clear_object (&self->matches);
  g_clear_object (&self->history);
  g_clear_pointer (&self->mails, g_hash_table_unref);

  G_OBJECT_CLASS (crm_search_detail_parent_class)->dispose (object);
}

static void
crm_search_detail_finalize (GObject *object)
{
  CrmSearchDetail *self = CRM_SEARCH_DETAIL (object);

  g_clear_pointer (&self->ticked, g_hash_table_unref);

  G_OBJECT_CLASS (crm_search_detail_parent_class)->finalize (object);
}

static void
crm_search_detail_class_init (CrmSearchDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_search_detail_dispose;
  object_class->finalize = crm_search_detail_finalize;

  /**
   * CrmSearchDetail::back:
   *
   * The user wants the list again (in a narrow window).
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CRM_TYPE_RECORD_TASKS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/offers/crm-search-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, client_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, deal_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, types_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, places_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, price_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, area_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, rooms_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, floor_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, market_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, notify_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, agent_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, updated_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, created_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, note_group);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, note_label);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, matches_list);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, more_button);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, history_list);
  gtk_widget_class_bind_template_child (widget_class, CrmSearchDetail, tasks_group);

  gtk_widget_class_install_action (widget_class, "search.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "search.bump", NULL, bump_action);
  gtk_widget_class_install_action (widget_class, "search.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "search.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "history.open-mail", "x", open_mail_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_search_detail_init (CrmSearchDetail *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->ticked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  placeholder = gtk_label_new (_("No offer fits this search, nor nearly."));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->matches_list, placeholder);
  update_actions (self);

  {
    /* the engine sends in its own connection: a sent mail shows as "outbox" here (OF9) */
    static const char * const entities[] = { "offer", "search", "offer-mail", "contact", "outbox", NULL };

    self->loader = crm_card_loader_new (GTK_WIDGET (self), "search", MAX_MATCHES, entities);
    g_signal_connect_object (self->loader, "loaded", G_CALLBACK (loaded_cb), self, G_CONNECT_SWAPPED);
  }
}

void
crm_search_detail_set_session (CrmSearchDetail *self,
                               CrmSession      *session)
{
  g_return_if_fail (CRM_IS_SEARCH_DETAIL (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  g_set_object (&self->session, session);
  crm_card_loader_set_session (self->loader, session);
  crm_record_tasks_set_session (self->tasks_group, session);
}

void
crm_search_detail_set_user (CrmSearchDetail *self,
                            CrmUser         *user)
{
  g_return_if_fail (CRM_IS_SEARCH_DETAIL (self));

  g_set_object (&self->user, user);
}

/**
 * crm_search_detail_set_settings:
 * @self: a #CrmSearchDetail
 * @settings: (nullable): the user's settings: the undo window of sending
 */
void
crm_search_detail_set_settings (CrmSearchDetail *self,
                                GSettings       *settings)
{
  g_return_if_fail (CRM_IS_SEARCH_DETAIL (self));

  g_set_object (&self->settings, settings);
}

/**
 * crm_search_detail_get_search:
 * @self: a #CrmSearchDetail
 *
 * Returns: (transfer none) (nullable): the search shown
 */
CrmSearch *
crm_search_detail_get_search (CrmSearchDetail *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_DETAIL (self), NULL);

  return self->search;
}

/**
 * crm_search_detail_set_search_id:
 * @self: a #CrmSearchDetail
 * @id: a search, or 0 for none
 */
void
crm_search_detail_set_search_id (CrmSearchDetail *self,
                                 gint64           id)
{
  g_return_if_fail (CRM_IS_SEARCH_DETAIL (self));

  if (id != self->search_id)
    {
      g_hash_table_remove_all (self->ticked);
      /* nothing is done to the search that was shown while the next
       * one is read */
      g_clear_object (&self->search);
      gtk_widget_set_sensitive (GTK_WIDGET (self->stack), id == 0);
      update_actions (self);
    }
  self->search_id = id;
  crm_card_loader_load (self->loader, id);
}

void
crm_search_detail_set_show_back (CrmSearchDetail *self,
                                 gboolean         show_back)
{
  g_return_if_fail (CRM_IS_SEARCH_DETAIL (self));

  gtk_widget_set_visible (self->back_button, show_back);
}

/**
 * crm_search_detail_get_matches:
 * @self: a #CrmSearchDetail
 *
 * Returns: (transfer none) (nullable): the #CrmMatch items shown
 */
GListModel *
crm_search_detail_get_matches (CrmSearchDetail *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_DETAIL (self), NULL);

  return self->matches;
}

/**
 * crm_search_detail_get_history:
 * @self: a #CrmSearchDetail
 *
 * Returns: (transfer none) (nullable): the #CrmHistoryEntry items shown
 */
GListModel *
crm_search_detail_get_history (CrmSearchDetail *self)
{
  g_return_val_if_fail (CRM_IS_SEARCH_DETAIL (self), NULL);

  return self->history;
}

/**
 * crm_search_detail_set_ticked:
 * @self: a #CrmSearchDetail
 * @offer_id: an offer among the matches
 * @ticked: whether to send it
 *
 * Ticks an offer's row, as a click does.
 */
void
crm_search_detail_set_ticked (CrmSearchDetail *self,
                              gint64           offer_id,
                              gboolean         ticked)
{
  g_return_if_fail (CRM_IS_SEARCH_DETAIL (self));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->matches_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (CRM_IS_MATCH_ROW (row) &&
        crm_offer_get_id (crm_match_get_offer (crm_match_row_get_match (CRM_MATCH_ROW (row)))) == offer_id)
      crm_match_row_set_active (CRM_MATCH_ROW (row), ticked);
}
