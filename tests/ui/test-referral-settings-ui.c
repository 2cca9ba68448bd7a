/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-test-util.h"
#include "crm-ui-test-util.h"

#include "crm.h"
#include "crm-form-settings.h"
#include "crm-preferences-window.h"
#include "crm-referral-form-dialog.h"
#include "crm-referral-forms-group.h"
#include "crm-referral-settings-page.h"

/* Preferences › Referrals (issue 16, RF1) with the real mouse and keys
 * (xdotool, through the X server): the page reached by its switcher
 * button; an investment added by typing, the same name again refused
 * as typed; a broker's form made by typing (a bad e-mail address first,
 * with Create off), its link shown and copied to the clipboard, copied
 * again from the list, the form revoked after the question; what the
 * forms ask, their address, the days rejected referrals are kept and a
 * mail template changed; an agent sees it all read-only. The form key
 * lives in a real GNOME Keyring (dbus-run-session, fixtures/with-keyring). */

typedef struct
{
  char       *dir;
  CrmClock   *clock;
  CrmSession *session;
  CrmUser    *admin;
  CrmUser    *agent;
  gint64      template_id;
} Fixture;

static CrmReferralStore *
store_of (Fixture *fixture)
{
  return crm_referral_store_from_session (fixture->session);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 7, 10, 0, 0);
  g_autofree char *path = NULL;
  CrmUserStore *users;

  fixture->dir = g_dir_make_tmp ("crm-referral-settings-ui-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = crm_session_open_file (path, fixture->clock, &error);
  g_assert_no_error (error);
  users = crm_user_store_from_session (fixture->session);
  crm_user_store_add (users, "Ewa Kowalska", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  g_assert_no_error (error);
  crm_user_store_add (users, "Adam Nowak", "adam@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  fixture->admin = crm_user_store_find (users, "ewa@example.com", &error);
  g_assert_no_error (error);
  fixture->agent = crm_user_store_find (users, "adam@example.com", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->admin));
  fixture->template_id = crm_template_store_add (crm_template_store_from_session (fixture->session),
                                                 "Polecenie przyjęte",
                                                 "Dzień dobry, {broker_name}: {client_name} jest u nas. {comment}",
                                                 &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->admin);
  g_clear_object (&fixture->agent);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
}

static void
settle (void)
{
  for (guint i = 0; i < 3; i++)
    crm_test_settle ();
}

/* The first mapped label under @root that reads @text. */
static GtkWidget *
mapped_label (GtkWidget  *root,
              const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      (g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0 ||
       g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mapped_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first mapped label under @root whose text holds @part. */
static GtkWidget *
label_containing (GtkWidget  *root,
                  const char *part)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), part))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = label_containing (child, part);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A real click in the middle of @widget, scrolled into view first. */
static void
click_shown (GtkWidget *window,
             GtkWidget *widget)
{
  g_assert_nonnull (widget);
  g_assert_true (gtk_widget_is_visible (widget));
  g_assert_true (gtk_widget_is_sensitive (widget));
  wait_for_frame (window);
  click (window, widget);
  settle ();
}

/* Scrolls the preferences page so that @widget shows. */
static void
scroll_to (GtkWidget *page,
           GtkWidget *widget)
{
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (find_child (page, GTK_TYPE_SCROLLED_WINDOW, NULL));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (scrolled), &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 24);
  wait_for_frame (page);
  settle ();
}

/* Types @text into @row, clicked first (its old text selected). */
static void
type_into (GtkWidget  *window,
           GtkWidget  *row,
           const char *text)
{
  click_shown (window, row);
  xdotool ("key", "ctrl+a", NULL);
  xdotool ("type", "--delay", "15", text, NULL);
  settle ();
}

static gboolean
visible_page_is (gpointer data)
{
  GtkWidget **pair = data;

  return adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (pair[0])) == ADW_PREFERENCES_PAGE (pair[1]);
}

/* Preferences opened, the Referrals page chosen with the mouse. */
static GtkWidget *
open_referrals (Fixture  *fixture,
                CrmUser  *user,
                GtkWidget **out_page)
{
  GtkWidget *preferences = GTK_WIDGET (crm_preferences_window_new (fixture->session, user));
  GtkWidget *page;
  GtkWidget *pair[2];

  gtk_window_set_default_size (GTK_WINDOW (preferences), 1000, 1000);
  gtk_window_present (GTK_WINDOW (preferences));
  settle ();
  wait_for_frame (preferences);
  page = find_child (preferences, CRM_TYPE_REFERRAL_SETTINGS_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_false (gtk_widget_get_mapped (page));
  click_shown (preferences, mapped_label (preferences, "Referrals"));
  pair[0] = preferences;
  pair[1] = page;
  wait_until (visible_page_is, pair);
  settle ();
  wait_for_frame (preferences);
  *out_page = page;

  return preferences;
}

static gboolean
n_investments_is_one (gpointer data)
{
  g_autoptr(GPtrArray) list = crm_referral_store_list_investments (data, NULL);

  return list != NULL && list->len == 1;
}

static gboolean
list_shows (gpointer data)
{
  gpointer *pair = data;

  settle ();

  return label_containing (pair[0], pair[1]) != NULL;
}

static void
wait_for_text (GtkWidget  *root,
               const char *part)
{
  gpointer pair[2] = { root, (gpointer) part };

  wait_until (list_shows, pair);
}

static gboolean
stack_shows_link (gpointer data)
{
  GtkStack *stack = GTK_STACK (find_child (data, GTK_TYPE_STACK, NULL));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "link") == 0;
}

/* The clipboard's text, read back as another application would. */
static char *
clipboard_text (GtkWidget *widget)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  char *text;

  gdk_clipboard_read_text_async (clipboard, NULL, crm_test_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  text = gdk_clipboard_read_text_finish (clipboard, result, &error);
  g_assert_no_error (error);

  return text;
}

static GtkWidget *
wait_for_message_dialog (void)
{
  GtkWidget *dialog = wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);

  g_assert_nonnull (dialog);
  settle ();
  wait_for_frame (dialog);

  return dialog;
}

/* A response button of an #AdwMessageDialog, by its label. */
static GtkWidget *
response_button (GtkWidget  *dialog,
                 const char *label)
{
  GtkWidget *button = find_child (dialog, GTK_TYPE_BUTTON, label);

  g_assert_nonnull (button);

  return button;
}

static gboolean
form_is_revoked (gpointer data)
{
  gpointer *pair = data;
  g_autoptr(CrmReferralForm) form = crm_referral_store_lookup_form (pair[0], *(gint64 *) pair[1], NULL);

  return form != NULL && form->revoked != 0;
}

static gboolean
forms_server_is_on (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(CrmFormSettings) settings = crm_form_settings_load (fixture->session);

  return settings->enabled && settings->port == 9090;
}

static gboolean
forms_server_listens_on_9090 (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(CrmFormSettings) settings = crm_form_settings_load (fixture->session);

  return !settings->enabled && settings->port == 9090 && g_str_equal (settings->address, "127.0.0.1");
}

static gboolean
retention_is_30 (gpointer data)
{
  return crm_referral_store_get_retention_days (data) == 30;
}

static gboolean
identifier_is_id_card (gpointer data)
{
  return crm_referral_store_get_identifier (data) == CRM_REFERRAL_ASK_ID_CARD;
}

static gboolean
forms_url_is_set (gpointer data)
{
  g_autofree char *url = crm_referral_store_get_forms_url (data);

  return g_strcmp0 (url, "https://forms.example.pl") == 0;
}

static gboolean
accept_template_is_set (gpointer data)
{
  Fixture *fixture = data;

  return crm_referral_store_get_template (store_of (fixture), CRM_REFERRAL_ACCEPTED) == fixture->template_id;
}

/* An item of an #AdwComboRow's list chosen with the mouse. */
static void
choose_in_combo (GtkWidget  *window,
                 GtkWidget  *row,
                 const char *item)
{
  GtkWidget *popover;

  click_shown (window, row);
  popover = find_child (row, GTK_TYPE_POPOVER, NULL);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  wait_for_frame (popover);
  click (popover, mapped_label (popover, item));
  settle ();
}

/* An administrator: everything typed and clicked. */
static void
test_admin (Fixture       *fixture,
            gconstpointer  data)
{
  CrmReferralStore *store = store_of (fixture);
  g_autoptr(GPtrArray) investments = NULL;
  g_autoptr(GPtrArray) forms = NULL;
  g_autofree char *url = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *preferences, *dialog, *form_dialog, *entry, *group;
  GtkWidget *spin_text, *row;
  gpointer pair[2];
  CrmReferralForm *form;
  gint64 form_id;

  preferences = open_referrals (fixture, fixture->admin, &page);
  take_screenshot (preferences, "referral-settings-empty");

  /* an investment, typed */
  click_shown (preferences, find_child (page, GTK_TYPE_BUTTON, "_Add Investment…"));
  dialog = wait_for_message_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  entry = find_child (dialog, GTK_TYPE_ENTRY, NULL);
  type_into (dialog, entry, "Osiedle Zielone");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  click_shown (dialog, response_button (dialog, "_Add"));
  wait_until (n_investments_is_one, store);
  investments = crm_referral_store_list_investments (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CrmInvestment *) g_ptr_array_index (investments, 0))->name, ==, "Osiedle Zielone");
  wait_for_text (page, "Osiedle Zielone");

  /* the same name again, in other letters: refused as typed */
  click_shown (preferences, find_child (page, GTK_TYPE_BUTTON, "_Add Investment…"));
  dialog = wait_for_message_dialog ();
  entry = find_child (dialog, GTK_TYPE_ENTRY, NULL);
  type_into (dialog, entry, "osiedle zielone");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add"));
  g_assert_nonnull (mapped_label (dialog, "There is an investment “Osiedle Zielone” already."));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  take_screenshot (dialog, "referral-investment-duplicate");
  click_shown (dialog, response_button (dialog, "_Cancel"));
  settle ();
  g_assert_true (n_investments_is_one (store));

  /* a broker's form, typed: a bad address first */
  click_shown (preferences, find_child (page, GTK_TYPE_BUTTON, "_New Form…"));
  form_dialog = wait_for_toplevel (CRM_TYPE_REFERRAL_FORM_DIALOG);
  g_assert_nonnull (form_dialog);
  settle ();
  type_into (form_dialog, find_child (form_dialog, ADW_TYPE_ENTRY_ROW, "Form Name"), "Kowalski Nieruchomości");
  type_into (form_dialog, find_child (form_dialog, ADW_TYPE_ENTRY_ROW, "Broker"), "Biuro Kowalski");
  type_into (form_dialog, find_child (form_dialog, ADW_TYPE_ENTRY_ROW, "Broker’s E-Mail"), "jan.kowalski@");
  g_assert_false (gtk_widget_is_sensitive (find_child (form_dialog, GTK_TYPE_BUTTON, "C_reate")));
  g_assert_true (gtk_widget_has_css_class (find_child (form_dialog, ADW_TYPE_ENTRY_ROW, "Broker’s E-Mail"), "error"));
  take_screenshot (form_dialog, "referral-form-bad-email");
  xdotool ("type", "--delay", "15", "kowalski.pl", NULL);
  settle ();
  g_assert_false (gtk_widget_has_css_class (find_child (form_dialog, ADW_TYPE_ENTRY_ROW, "Broker’s E-Mail"), "error"));
  g_assert_true (gtk_widget_is_sensitive (find_child (form_dialog, GTK_TYPE_BUTTON, "C_reate")));
  type_into (form_dialog, find_child (form_dialog, ADW_TYPE_ENTRY_ROW, "Broker’s Phone (optional)"), "600 100 200");
  /* the link expires: the switch of the row, then the day shown (in 30 days) */
  row = find_child (form_dialog, ADW_TYPE_EXPANDER_ROW, "Link Expires");
  click_shown (form_dialog, find_child (row, GTK_TYPE_SWITCH, NULL));
  g_assert_true (adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (row)));
  wait_for_frame (form_dialog);
  take_screenshot (form_dialog, "referral-form-typed");
  click_shown (form_dialog, find_child (form_dialog, GTK_TYPE_BUTTON, "C_reate"));
  wait_until (stack_shows_link, form_dialog);
  settle ();
  form_id = crm_referral_form_dialog_get_form_id (CRM_REFERRAL_FORM_DIALOG (form_dialog));
  g_assert_cmpint (form_id, >, 0);
  form = crm_referral_store_lookup_form (store, form_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (form->name, ==, "Kowalski Nieruchomości");
  g_assert_cmpstr (form->broker_name, ==, "Biuro Kowalski");
  g_assert_cmpstr (form->broker_email, ==, "jan.kowalski@kowalski.pl");
  g_assert_cmpstr (form->broker_phone, ==, "+48600100200");
  /* the end of the day 30 days on, local time */
  g_assert_cmpint (form->expires, >, crm_clock_now_unix (fixture->clock) + 30 * 86400 - 86400);
  g_assert_cmpint (form->expires, <=, crm_clock_now_unix (fixture->clock) + 32 * 86400);
  crm_referral_form_free (form);
  url = crm_referral_store_dup_form_url (store, form_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, CRM_REFERRAL_FORMS_URL "/f/"));
  g_assert_nonnull (mapped_label (form_dialog, url));
  click_shown (form_dialog, find_child (form_dialog, GTK_TYPE_BUTTON, "_Copy Link"));
  copied = clipboard_text (form_dialog);
  g_assert_cmpstr (copied, ==, url);
  g_clear_pointer (&copied, g_free);
  wait_for_text (form_dialog, "Link copied");
  take_screenshot (form_dialog, "referral-form-link");
  click_shown (form_dialog, find_child (form_dialog, GTK_TYPE_BUTTON, "_Close"));
  settle ();

  /* the list: the form with Copy Link and Revoke */
  group = find_child (page, CRM_TYPE_REFERRAL_FORMS_GROUP, NULL);
  wait_for_text (group, "Kowalski Nieruchomości");
  g_assert_nonnull (label_containing (group, "Biuro Kowalski · jan.kowalski@kowalski.pl · +48600100200"));
  g_assert_nonnull (label_containing (group, "Created 7 Dec 2026 by Ewa Kowalska"));
  gdk_clipboard_set_text (gtk_widget_get_clipboard (preferences), "something else");
  scroll_to (page, group);
  click_shown (preferences, find_tooltip (group, GTK_TYPE_BUTTON, "Copy Link"));
  wait_for_text (preferences, "Link copied");
  copied = clipboard_text (preferences);
  g_assert_cmpstr (copied, ==, url);
  take_screenshot (preferences, "referral-settings-form");

  /* revoked, asked first */
  click_shown (preferences, find_child (group, GTK_TYPE_BUTTON, "_Revoke…"));
  dialog = wait_for_message_dialog ();
  g_assert_nonnull (label_containing (dialog, "will answer that the form is no longer available"));
  take_screenshot (dialog, "referral-form-revoke");
  click_shown (dialog, response_button (dialog, "_Revoke"));
  pair[0] = store;
  pair[1] = &form_id;
  wait_until (form_is_revoked, pair);
  wait_for_text (group, "Revoked 7 Dec 2026");
  g_assert_null (find_tooltip (group, GTK_TYPE_BUTTON, "Copy Link"));
  g_assert_null (find_child (group, GTK_TYPE_BUTTON, "_Revoke…"));
  forms = crm_referral_store_list_forms (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (forms->len, ==, 1);

  /* what the forms ask, chosen with the mouse */
  row = find_child (page, ADW_TYPE_COMBO_ROW, "Client’s Identifier");
  scroll_to (page, row);
  choose_in_combo (preferences, row, "ID Card Number");
  wait_until (identifier_is_id_card, store);

  /* their address: a bad one said as typed, then a good one applied */
  row = find_child (page, ADW_TYPE_ENTRY_ROW, "Address (https://…)");
  type_into (preferences, row, "forms.example.pl");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (label_containing (page, "Give an address beginning with http:// or https://"));
  type_into (preferences, row, "https://forms.example.pl");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  xdotool ("key", "Return", NULL);
  wait_until (forms_url_is_set, store);

  /* the days rejected referrals are kept, typed */
  spin_text = find_child (find_child (page, GTK_TYPE_SPIN_BUTTON, NULL), GTK_TYPE_TEXT, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin_text)), ==, "90");
  scroll_to (page, spin_text);
  type_into (preferences, spin_text, "30");
  xdotool ("key", "Return", NULL);
  wait_until (retention_is_30, store);

  /* the forms' server: on, on a port of the office's choosing */
  row = find_child (page, ADW_TYPE_ENTRY_ROW, "Listen On (address:port)");
  scroll_to (page, row);
  type_into (preferences, row, "127.0.0.1:9090");
  xdotool ("key", "Return", NULL);
  wait_until (forms_server_listens_on_9090, fixture);
  row = find_child (page, ADW_TYPE_ACTION_ROW, "Serve the Forms");
  click_shown (preferences, find_child (row, GTK_TYPE_SWITCH, NULL));
  wait_until (forms_server_is_on, fixture);

  /* the mail of an accepted referral: the office's template */
  row = find_child (page, ADW_TYPE_COMBO_ROW, "Referral Accepted");
  scroll_to (page, row);
  choose_in_combo (preferences, row, "Polecenie przyjęte");
  wait_until (accept_template_is_set, fixture);
  g_assert_cmpint (crm_referral_store_get_template (store, CRM_REFERRAL_REJECTED), ==, 0);
  take_screenshot (preferences, "referral-settings-changed");
  gtk_window_destroy (GTK_WINDOW (preferences));
  settle ();

  /* opened again at once: what was stored */
  preferences = open_referrals (fixture, fixture->admin, &page);
  wait_for_text (page, "Osiedle Zielone");
  spin_text = find_child (find_child (page, GTK_TYPE_SPIN_BUTTON, NULL), GTK_TYPE_TEXT, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin_text)), ==, "30");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_child (page, ADW_TYPE_COMBO_ROW,
                                                                           "Client’s Identifier"))),
                    ==, CRM_REFERRAL_ASK_ID_CARD);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_child (page, ADW_TYPE_COMBO_ROW,
                                                                           "Referral Accepted"))), ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_child (page, ADW_TYPE_COMBO_ROW,
                                                                           "Referral Rejected"))), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (page, ADW_TYPE_ENTRY_ROW, "Address (https://…)"))),
                   ==, "https://forms.example.pl");
  take_screenshot (preferences, "referral-settings-reopened");

  gtk_window_destroy (GTK_WINDOW (preferences));
  settle ();
}

/* An agent sees the page read-only, and is told why. */
static void
test_agent (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page, *preferences, *group;
  gint64 form_id;

  g_assert_cmpint (crm_referral_store_add_investment (store_of (fixture), "Osiedle Zielone", &error), >, 0);
  form_id = crm_referral_store_add_form (store_of (fixture), "Kowalski Nieruchomości", "Biuro Kowalski",
                                         "jan@kowalski.pl", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (form_id, >, 0);

  crm_session_set_user_id (fixture->session, crm_user_get_id (fixture->agent));
  preferences = open_referrals (fixture, fixture->agent, &page);
  group = find_child (page, CRM_TYPE_REFERRAL_FORMS_GROUP, NULL);
  wait_for_text (group, "Kowalski Nieruchomości");
  g_assert_nonnull (label_containing (page, "Only administrators and managers can add investments"));
  g_assert_false (gtk_widget_is_sensitive (find_child (page, GTK_TYPE_BUTTON, "_Add Investment…")));
  g_assert_false (gtk_widget_is_sensitive (find_child (page, GTK_TYPE_BUTTON, "_New Form…")));
  g_assert_null (find_child (group, GTK_TYPE_BUTTON, "_Revoke…"));
  g_assert_nonnull (find_tooltip (group, GTK_TYPE_BUTTON, "Copy Link"));
  g_assert_false (gtk_widget_is_sensitive (find_child (page, ADW_TYPE_COMBO_ROW, "Client’s Identifier")));
  g_assert_false (gtk_widget_is_sensitive (find_child (page, GTK_TYPE_SPIN_BUTTON, NULL)));
  g_assert_false (gtk_widget_is_sensitive (find_child (page, ADW_TYPE_ENTRY_ROW, "Address (https://…)")));
  take_screenshot (preferences, "referral-settings-agent");

  gtk_window_destroy (GTK_WINDOW (preferences));
  settle ();
}

/* New and destroyed while their first reads are under way. */
static void
test_widgets_finalize (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkWidget *page = g_object_ref_sink (g_object_new (CRM_TYPE_REFERRAL_SETTINGS_PAGE, NULL));
  GtkWidget *dialog = crm_referral_form_dialog_new (NULL, fixture->session);

  crm_referral_settings_page_set_session (CRM_REFERRAL_SETTINGS_PAGE (page), fixture->session, CRM_ROLE_ADMIN);
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (page);
  g_assert_finalize_object (dialog);
  settle ();
}

int
main (int   argc,
      char *argv[])
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");

  gtk_test_init (&argc, &argv, NULL);
  textdomain (GETTEXT_PACKAGE);
  adw_init ();
  crm_test_load_style ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/org/example/Crm/icons");
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  screenshot_dir = g_build_filename (builddir ? builddir : ".", "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/referral-settings-ui/widgets-finalize", test_widgets_finalize);
  ADD ("/referral-settings-ui/admin", test_admin);
  ADD ("/referral-settings-ui/agent", test_agent);

#undef ADD

  return g_test_run ();
}
