/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-offer-text"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "crm-format.h"
#include "crm-toast.h"
#include "crm-offer-mail-dialog.h"
#include "crm-offer-text.h"
#include "crm-offer-store.h"

/*
 * Words and small pieces shared by the real-estate pages (OF): the
 * offers page, the searches page, their editors and the Start page's
 * portlets. Numbers follow the user's locale ("650 000" or "650,000").
 */

/**
 * crm_offer_text_price:
 * @store: the store, for the office's currency
 * @price: a price
 *
 * Returns: (transfer full): "650 000 PLN"
 */
/* Thousands apart, as the locale writes them, else with a no-break
 * space, as the core does ("1 250 000"). */
static char *
group_digits (gint64 value)
{
  struct lconv *conv = localeconv ();
  const char *separator = conv->thousands_sep != NULL && *conv->thousands_sep != '\0' ? conv->thousands_sep
                                                                                       : "\u00a0";
  g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, value < 0 ? -value : value);
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

char *
crm_offer_text_price (CrmSession *session,
                      gint64      price)
{
  g_autofree char *currency = crm_session_get_setting (session, "currency", "PLN");
  g_autofree char *digits = group_digits (price);

  /* Translators: a price and its currency, as "650 000 PLN" */
  return g_strdup_printf (_("%s %s"), digits, currency);
}

/**
 * crm_offer_text_deal:
 * @deal: sale or rent
 *
 * Returns: "Sale" or "Rent", capitalized for a row of its own
 */
const char *
crm_offer_text_deal (CrmDeal deal)
{
  return deal == CRM_DEAL_RENT ? C_("transaction", "Rent") : C_("transaction", "Sale");
}

/**
 * crm_offer_text_market:
 * @market: a market
 *
 * Returns: "Primary", "Secondary", or %NULL when not given
 */
const char *
crm_offer_text_market (CrmMarket market)
{
  switch (market)
    {
    case CRM_MARKET_PRIMARY:
      /* Translators: the market of a property: new, from the developer */
      return C_("market", "Primary");
    case CRM_MARKET_SECONDARY:
      /* Translators: the market of a property: resale */
      return C_("market", "Secondary");
    case CRM_MARKET_ANY:
    default:
      return NULL;
    }
}

/**
 * crm_offer_text_size:
 * @offer: an offer
 *
 * Returns: (transfer full): "54.5 m² · 3 rooms · floor 2"
 */
char *
crm_offer_text_size (CrmOffer *offer)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *area = crm_offer_text_area (crm_offer_get_area (offer));
  int rooms = crm_offer_get_rooms (offer);
  int floor = crm_offer_get_floor (offer);

  g_string_append (text, area);
  if (rooms != CRM_OFFER_ANY)
    {
      g_string_append (text, " · ");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d room", "%d rooms", rooms), rooms);
    }
  if (floor == 0)
    g_string_append_printf (text, " · %s", _("ground floor"));
  else if (floor != CRM_OFFER_ANY_FLOOR)
    {
      g_string_append (text, " · ");
      /* Translators: the floor of a flat */
      g_string_append_printf (text, _("floor %d"), floor);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * crm_offer_text_area:
 * @area: square metres
 *
 * Returns: (transfer full): "54.5 m²"
 */
/**
 * crm_offer_text_area_number:
 * @area: an area in m²
 *
 * Returns: (transfer full): @area with at most two decimals, none when
 *   whole, in the locale's notation: what a form shows and reads back
 *   unchanged (12345.67 stays 12345.67, 1500000 stays 1500000)
 */
char *
crm_offer_text_area_number (double area)
{
  char *number = g_strdup_printf ("%.2f", area);
  char *end = number + strlen (number);

  while (end > number && end[-1] == '0')
    *--end = '\0';
  if (end > number && !g_ascii_isdigit (end[-1]))
    *--end = '\0';

  return number;
}

char *
crm_offer_text_area (double area)
{
  g_autofree char *number = crm_offer_text_area_number (area);

  /* Translators: an area in square metres, as "54.5 m²" */
  return g_strdup_printf (_("%s m²"), number);
}

static char *
range (const char *min,
       const char *max)
{
  if (min != NULL && max != NULL)
    /* Translators: a range of values, as "40 m² – 60 m²" */
    return g_strdup_printf (_("%s – %s"), min, max);
  if (min != NULL)
    /* Translators: a range open at the top, as "from 40 m²" */
    return g_strdup_printf (_("from %s"), min);
  if (max != NULL)
    /* Translators: a range open at the bottom, as "up to 60 m²" */
    return g_strdup_printf (_("up to %s"), max);

  /* Translators: a criterion of a search left empty */
  return g_strdup (_("Any"));
}

char *
crm_offer_text_price_range (CrmSession *session,
                            gint64      min,
                            gint64      max)
{
  g_autofree char *low = min != CRM_OFFER_ANY ? crm_offer_text_price (session, min) : NULL;
  g_autofree char *high = max != CRM_OFFER_ANY ? crm_offer_text_price (session, max) : NULL;

  return range (low, high);
}

char *
crm_offer_text_area_range (double min,
                           double max)
{
  g_autofree char *low = min != CRM_OFFER_ANY ? crm_offer_text_area (min) : NULL;
  g_autofree char *high = max != CRM_OFFER_ANY ? crm_offer_text_area (max) : NULL;

  return range (low, high);
}

char *
crm_offer_text_int_range (int min,
                          int max,
                          int unset)
{
  g_autofree char *low = min != unset ? g_strdup_printf ("%d", min) : NULL;
  g_autofree char *high = max != unset ? g_strdup_printf ("%d", max) : NULL;

  return range (low, high);
}

/**
 * crm_offer_text_days_ago:
 * @store: the store, for its clock
 * @when: a Unix time
 *
 * Counts local calendar days, as the store does for fresh and stale
 * searches (OF6, OF10): yesterday at 23:59 is one day ago.
 *
 * Returns: how many days before today @when was (0: today)
 */
gint64
crm_offer_text_days_ago (CrmSession *session,
                         gint64      when)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (crm_clock_now_unix (crm_session_get_clock (session)));
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (when);
  GDate today;
  GDate day;

  if (now == NULL || then == NULL)
    return 0;
  g_date_clear (&today, 1);
  g_date_clear (&day, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_set_dmy (&day, g_date_time_get_day_of_month (then), g_date_time_get_month (then),
                  g_date_time_get_year (then));

  return g_date_days_between (&day, &today);
}

/**
 * crm_offer_text_last_update:
 * @store: the store, for its clock
 * @updated: when a search was last updated
 *
 * Returns: (transfer full): "2024-03-01 10:00 (41 days ago)"
 */
char *
crm_offer_text_last_update (CrmSession *session,
                            gint64      updated)
{
  g_autofree char *when = crm_format_date_time (updated);
  gint64 days = crm_offer_text_days_ago (session, updated);

  if (days <= 0)
    /* Translators: a search's last update; %s is a date and time */
    return g_strdup_printf (_("%s (today)"), when);

  /* Translators: a search's last update; %s is a date and time */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%d day ago)", "%s (%d days ago)", days), when,
                          (int) days);
}

static const char *
describe_action (const char *action)
{
  static const struct { const char *action; const char *label; } labels[] = {
    { "created", N_("Created") },
    { "updated", N_("Changed") },
    { "deleted", N_("Deleted") },
    /* Translators: in a search's history: a new offer fitted it */
    { "matched", N_("Matched a new offer") },
    /* Translators: in a search's history (OF10) */
    { "bumped", N_("Update date bumped") },
    /* Translators: in an offer's or search's history: a mail with offers went out (OF9) */
    { "mailed", N_("Mailed to the client") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (action, labels[i].action) == 0)
      return _(labels[i].label);

  return action;
}

/* A sent mail with offers in words (OF9, issue 10 defect 17): which
 * offers went to whom, when and by whom, with a button that opens the
 * mail. FALSE when the entry names no mail the store still has. */
static gboolean
fill_mail_row (AdwActionRow    *row,
               CrmHistoryEntry *entry,
               GHashTable      *mails)
{
  gint64 mail_id = crm_history_entry_get_offer_mail_id (entry);
  CrmOfferMail *mail = NULL;
  g_autoptr(GString) numbers = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *when = NULL;
  const char *actor = crm_history_entry_get_actor (entry);
  const char *email;
  GListModel *matches;
  GtkWidget *button;
  guint n = 0;

  if (mails == NULL || mail_id == 0 || !(mail = g_hash_table_lookup (mails, &mail_id)))
    return FALSE;

  matches = crm_offer_mail_get_matches (mail);
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(CrmMatch) match = g_list_model_get_item (matches, i);
      gint64 id = crm_offer_get_id (crm_match_get_offer (match));

      if (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
        g_string_append_printf (numbers, "%s%lld", n++ > 0 ? ", " : "", (long long) id);
    }

  /* Translators: in a history: a mail went out; the offers' numbers, then the client's name */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Offer No. %s mailed to %s", "Offers No. %s mailed to %s", n),
                           numbers->str, crm_offer_mail_get_client_name (mail));
  when = crm_format_date_time (crm_history_entry_get_at (entry));
  email = crm_offer_mail_get_client_email (mail);
  if (actor != NULL)
    /* Translators: under a mail in a history: the address, when, and who sent it */
    subtitle = g_strdup_printf (_("%s · %s · sent by %s"), email ? email : "", when, actor);
  else
    /* Translators: under a mail in a history: the address, then when it went by itself */
    subtitle = g_strdup_printf (_("%s · %s · sent automatically"), email ? email : "", when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);

  button = gtk_button_new_with_mnemonic (_("_Open Mail"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Show the Mail as the Client Got It"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "history.open-mail");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", mail_id);
  adw_action_row_add_suffix (row, button);

  return TRUE;
}

/**
 * crm_offer_text_history_row:
 * @entry: a #CrmHistoryEntry of an offer or a search
 * @user_data: (nullable): the mails the history says were sent, read
 *   with it (#CrmOfferCard.mails)
 *
 * A row of an offer's or a search's history; a sent mail (OF9) says
 * which offers went to whom, when and by whom, and its "Open Mail"
 * button activates "history.open-mail" with the mail's id.
 *
 * Returns: (transfer full): a new row, for gtk_list_box_bind_model()
 */
GtkWidget *
crm_offer_text_history_row (gpointer item,
                            gpointer user_data)
{
  CrmHistoryEntry *entry = item;
  GHashTable *mails = user_data;
  GtkWidget *row = adw_action_row_new ();
  const char *detail = crm_history_entry_get_detail (entry);
  const char *actor = crm_history_entry_get_actor (entry);
  gboolean mailed = g_strcmp0 (crm_history_entry_get_action (entry), "mailed") == 0;
  g_autofree char *when = crm_format_date_time (crm_history_entry_get_at (entry));
  g_autoptr(GString) subtitle = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  if (mailed)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("mail-send-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sent mail"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (fill_mail_row (ADW_ACTION_ROW (row), entry, mails))
        return row;
    }

  if (detail != NULL && *detail != '\0')
    g_string_append_printf (subtitle, "%s\n", detail);
  if (actor != NULL)
    g_string_append_printf (subtitle, "%s · ", actor);
  g_string_append (subtitle, when);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), describe_action (crm_history_entry_get_action (entry)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  return row;
}

/**
 * crm_offer_text_open_mail:
 * @parent: a widget of the window the dialog belongs to
 * @store: the store
 * @mail_id: a mail with offers that went to the outbox
 *
 * Shows the mail as the client got it.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
crm_offer_text_open_mail (GtkWidget  *parent,
                          CrmSession *session,
                          gint64      mail_id)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  CrmOfferMailDialog *dialog = crm_offer_mail_dialog_new (session, mail_id);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WIDGET (dialog);
}

/**
 * crm_offer_text_matching_help:
 * @parent: a widget of the window the dialog belongs to
 * @store: (nullable): the store, for the office's day counts
 *
 * The user's help on matching: which offers fit a search, which are
 * near misses, when new offers are matched and mailed (OF2–OF10). The
 * same rules as in crm-match.c, in the user's words and language.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
crm_offer_text_matching_help (GtkWidget  *parent,
                              CrmSession *session)
{
  guint match_days = session != NULL ? crm_offer_store_get_match_days (crm_offer_store_from_session (session)) : 60;
  guint stale_days = session != NULL ? crm_offer_store_get_stale_days (crm_offer_store_from_session (session)) : 30;
  g_autofree char *fresh = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (parent);
  GtkWidget *dialog;
  GtkWidget *text;

  fresh = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: a paragraph of the help on matching */
                                        "When a new offer is saved, it is matched at once against the searches that "
                                        "have notification on and were updated in the last %u day. Editing an offer "
                                        "does not match it again, and switching notification on later does not look "
                                        "at older offers.",
                                        "When a new offer is saved, it is matched at once against the searches that "
                                        "have notification on and were updated in the last %u days. Editing an offer "
                                        "does not match it again, and switching notification on later does not look "
                                        "at older offers.",
                                        match_days),
                           match_days);
  stale = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        /* Translators: a paragraph of the help on matching */
                                        "A search not updated for %u day is listed under “Searches to Refresh”: "
                                        "ask the client and bump its date.",
                                        "A search not updated for %u days is listed under “Searches to Refresh”: "
                                        "ask the client and bump its date.",
                                        stale_days),
                           stale_days);
  body = g_strjoin ("\n\n",
                    _("An offer fits a search when every criterion the search fills holds. An empty criterion means "
                      "“any”. Ranges include both ends: a price up to 500 000 takes 500 000."),
                    _("The places of a search are alternatives: a city takes every offer in it, a city with a "
                      "district only that district. The property types are alternatives too. Sale and rent never "
                      "mix."),
                    _("An offer that does not give the rooms, the floor or the market does not fit a search that "
                      "asks for them."),
                    /* xgettext:no-c-format */
                    _("A near miss keeps the transaction, the type and the place, and fails one other criterion by "
                      "a little: the price or the area by 10% at most, the rooms or the floor by one, or the market. "
                      "Near misses are listed below the matches, marked, with what fails."),
                    fresh,
                    _("Notification “to the agent” puts the offers into one prepared mail per client under “Emails "
                      "to Send” on the Start page; “to the client” sends the mail at once. Every mail sent with "
                      "offers is noted in the history of each offer and search."),
                    stale,
                    NULL);

  /* paragraphs read better aligned at the start than centred */
  text = gtk_label_new (body);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 60);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("How Matching Works"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
