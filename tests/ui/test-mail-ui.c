/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm.h"
#include "crm-preferences-window.h"
#include "crm-format.h"
#include "crm-templates-button.h"
#include "crm-tickets-page.h"
#include "crm-ticket-view.h"
#include "crm-window.h"
#include "crm-test-util.h"
#include "crm-attachment-chip.h"
#include "crm-automatic-mail-dialog.h"
#include "crm-ui-test-util.h"
#include "dovecot-fixture.h"
#include "smtp-fixture.h"
#include "engine-test-util.h"

/*
 * Mail in the window, under Xvfb with a real Dovecot and a real GNOME
 * Keyring: the engine's state at the foot of the sidebar, the banner
 * with the server's words when the login fails, and "Test Connection"
 * in the preferences reporting IMAP and SMTP separately.
 */

/* The sidebar row of a page: named after it. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (GTK_IS_LIST_BOX_ROW (root) && g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The message dialog shown with @heading, if any. */
static AdwMessageDialog *
find_toplevel_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* Whether a label under @root reads @text. */
/* For a failure's message: the labels under @root that hold @part. */
static void
print_labels (GtkWidget  *root,
              const char *part)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), part) != NULL)
    g_test_message ("label shown: “%s”", gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    print_labels (child, part);
}

static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (label_shown (child, text))
      return TRUE;

  return FALSE;
}

/* Scrolls the page holding @widget so that it shows at the foot, for a
 * screenshot. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *child = scrolled ? gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)) : NULL;
  GtkAdjustment *adjustment;
  double x, y;

  if (child == NULL || !gtk_widget_translate_coordinates (widget, child, 0, 0, &x, &y))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, y + gtk_widget_get_height (widget) + 60 -
                                        gtk_adjustment_get_page_size (adjustment));
  crm_test_settle ();
}

static void
test_mail_in_window (void)
{
  g_autofree char *dir = g_dir_make_tmp ("crm-mail-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autofree char *mail_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmMailEngine) engine = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(GSubprocess) dovecot = NULL;
  CrmPreferencesWindow *prefs;
  GtkWidget *banner;
  GtkWidget *imap_row;
  GtkWidget *smtp_row;
  CrmWindow *window;
  guint16 port;
  gint64 account_id;
  guint timeout;

  dovecot = crm_test_dovecot_start (&mail_dir, &port);
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *message = g_strdup_printf ("From: Anna <anna@example.com>\r\nSubject: Zapytanie %u\r\n"
                                                  "Message-ID: <ui%u@example.com>\r\n\r\nDzień dobry.\r\n", i, i);

      crm_test_dovecot_deliver (mail_dir, message);
    }

  session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (session), "Ewa Nowak", "ewa@example.com", CRM_ROLE_ADMIN, &error), >, 0);
  user = crm_user_store_find (crm_user_store_from_session (session), "1", &error);
  g_assert_no_error (error);
  /* nothing listens on SMTP port 1: the test must say so, beside IMAP's success */
  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", port, "none",
                             "127.0.0.1", 1, "none", "office");
  account_id = crm_account_store_add (crm_account_store_from_session (session), account, "pass word", FALSE, &error);
  g_assert_no_error (error);

  engine = crm_mail_engine_new (session, "test");
  window = crm_window_new (NULL, session, NULL);
  crm_window_set_user (window, user);
  crm_window_set_mail_engine (window, engine);
  crm_window_show_page (window, "start");
  gtk_window_present (GTK_WINDOW (window));

  g_assert_true (crm_mail_engine_start (engine, &error));
  g_assert_no_error (error);
  crm_test_wait_for_state (engine, CRM_MAIL_STATE_WAITING);
  messages = crm_message_store_list (crm_message_store_from_session (session), 500, &error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 120);
  g_assert_nonnull (find_child (GTK_WIDGET (window), GTK_TYPE_LABEL, NULL));
  banner = find_child (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL);
  g_assert_nonnull (banner);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  take_screenshot (GTK_WIDGET (window), "mail-up-to-date");

  /* Test Connection: IMAP logs in, SMTP fails with the reason */
  prefs = crm_preferences_window_new (session, user);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), NULL);
  gtk_window_present (GTK_WINDOW (prefs));
  /* a second mailbox, through the form: first with a field missing */
  {
    struct { const char *title; const char *text; } fields[] = {
      { "E-mail Address", "sprzedaz@example.com" }, { "Display Name", "Sprzedaż" },
      { "User Name", "office" }, { "Incoming Server (IMAP)", "127.0.0.1" },
      { "Outgoing Server (SMTP)", "127.0.0.1" }, { "Outgoing Port", "1" },
    };
    g_autofree char *imap_port = g_strdup_printf ("%u", port);
    GtkWidget *error_label;
    GtkWidget *untested;
    GtkWidget *button = find_child (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "_Add Account");
    GtkWidget *form = gtk_widget_get_ancestor (button, ADW_TYPE_PREFERENCES_GROUP);
    g_autoptr(GListModel) accounts = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      gtk_editable_set_text (GTK_EDITABLE (find_child (form, ADW_TYPE_ENTRY_ROW, fields[i].title)),
                             fields[i].text);
    gtk_editable_set_text (GTK_EDITABLE (find_child (form, ADW_TYPE_ENTRY_ROW, "Incoming Port")),
                           imap_port);
    adw_combo_row_set_selected (ADW_COMBO_ROW (find_child (form, ADW_TYPE_COMBO_ROW, "Incoming Security")), 2);
    adw_combo_row_set_selected (ADW_COMBO_ROW (find_child (form, ADW_TYPE_COMBO_ROW, "Outgoing Security")), 2);
    g_assert_nonnull (button);
    g_assert_nonnull (form);

    /* no password: refused with the reason, nothing stored */
    error_label = gtk_widget_get_prev_sibling (gtk_widget_get_parent (button));
    g_assert_true (GTK_IS_LABEL (error_label));
    crm_preferences_window_add_account (prefs);
    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_true (gtk_widget_get_sensitive (button));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, "Enter the password for the mail servers.");
    accounts = crm_account_store_list (crm_account_store_from_session (session), &error);
    g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
    g_clear_object (&accounts);

    /* tested before it is saved: SMTP refuses, so nothing is saved and
     * the form says so with the server's words (issue 10, defect 6) */
    gtk_editable_set_text (GTK_EDITABLE (find_child (form, ADW_TYPE_PASSWORD_ENTRY_ROW, "Password")),
                           "pass word");
    crm_preferences_window_add_account (prefs);
    g_assert_false (gtk_widget_get_sensitive (button));
    timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "Add Account");
    while (!gtk_widget_get_sensitive (button))
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (timeout);
    g_assert_true (gtk_widget_get_visible (error_label));
    g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (error_label)), "Nothing was saved"));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "Incoming mail (IMAP): Logged in"));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "127.0.0.1"));
    accounts = crm_account_store_list (crm_account_store_from_session (session), &error);
    g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
    g_clear_object (&accounts);
    untested = find_child (form, GTK_TYPE_BUTTON, "Save _Untested");
    g_assert_nonnull (untested);
    g_assert_true (gtk_widget_get_visible (untested));
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "mail");
    scroll_to (error_label);
    take_screenshot (GTK_WIDGET (prefs), "preferences-account-untested");

    /* saved all the same, and said to be untested */
    crm_preferences_window_save_account_untested (prefs);
    timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "Save Untested");
    while (!gtk_widget_get_sensitive (button))
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (timeout);
    g_assert_false (gtk_widget_get_visible (error_label));
    g_assert_false (gtk_widget_get_visible (untested));
    accounts = crm_account_store_list (crm_account_store_from_session (session), &error);
    g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 2);
    /* the list of accounts is read again on a worker */
    crm_test_settle ();
    g_assert_nonnull (find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "sprzedaz@example.com"));
  }

  g_assert_true (crm_preferences_window_test_connection (prefs));
  imap_row = find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, _("Incoming Mail (IMAP)"));
  smtp_row = find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, _("Outgoing Mail (SMTP)"));
  g_assert_nonnull (imap_row);
  g_assert_nonnull (smtp_row);
  timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "Test Connection");
  while (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (imap_row)), "Testing…") == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (imap_row)), ==, "Logged in");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (smtp_row)), "127.0.0.1"));
  {
    /* the Mail page, as the user opens it */
    GtkWidget *page = find_child (GTK_WIDGET (prefs), ADW_TYPE_PREFERENCES_PAGE, NULL);

    for (; page != NULL; page = gtk_widget_get_next_sibling (page))
      if (ADW_IS_PREFERENCES_PAGE (page) &&
          g_strcmp0 (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (page)), "Mail") == 0)
        adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (prefs), ADW_PREFERENCES_PAGE (page));
  }
  /* a template for the composer */
  {
    GtkWidget *name = find_child (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, "Name");
    GtkWidget *text = find_child (gtk_widget_get_ancestor (name, ADW_TYPE_PREFERENCES_GROUP), GTK_TYPE_TEXT_VIEW, NULL);

    g_assert_false (crm_preferences_window_add_template (prefs));
    gtk_editable_set_text (GTK_EDITABLE (name), "Powitanie");
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)),
                              "Dzień dobry {client_first_name},\ndziękuję za wiadomość ({ticket_subject}).\n{agent_name}", -1);
    g_assert_true (crm_preferences_window_add_template (prefs));
    crm_test_settle ();
    g_assert_nonnull (find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "Powitanie"));

    /* it can be the text of offer mails too (FD3) */
    {
      GtkWidget *offer_text = find_child (GTK_WIDGET (prefs), ADW_TYPE_COMBO_ROW, "Text");
      g_autofree char *chosen = NULL;

      g_assert_nonnull (offer_text);
      g_assert_null (crm_template_store_get_offer_mail_template (CRM_TEMPLATES (session)));
      g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (offer_text))), ==, 2);
      adw_combo_row_set_selected (ADW_COMBO_ROW (offer_text), 1);
      crm_test_settle ();
      chosen = crm_template_store_get_offer_mail_template (CRM_TEMPLATES (session));
      g_assert_true (g_str_has_prefix (chosen, "Dzień dobry {client_first_name}"));
      adw_combo_row_set_selected (ADW_COMBO_ROW (offer_text), 0);
      crm_test_settle ();
      g_assert_null (crm_template_store_get_offer_mail_template (CRM_TEMPLATES (session)));
    }
  }
  take_screenshot (GTK_WIDGET (prefs), "preferences-mail");
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* the tickets the mail opened: list, card, a reply with Ctrl+Enter, Undo */
  {
    CrmTicketsPage *tickets;
    CrmTicketView *view;
    GtkTextView *composer;
    GtkWidget *undo;
    g_autoptr(GListModel) outbox = NULL;
    g_autoptr(CrmOutboxItem) item = NULL;
    g_autoptr(GArray) ticket_mail = NULL;
    g_autoptr(CrmTicket) first = NULL;

    crm_window_show_page (window, "tickets");
    tickets = CRM_TICKETS_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "tickets"));
    g_assert_nonnull (tickets);
    crm_test_settle ();
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_tickets_page_get_list (tickets))), ==, 120);
    first = g_list_model_get_item (G_LIST_MODEL (crm_tickets_page_get_list (tickets)), 0);
    g_assert_true (crm_ticket_get_unread (first));
    take_screenshot (GTK_WIDGET (window), "tickets");

    crm_tickets_page_select (tickets, 0);
    /* the card is read on a worker */
    crm_test_settle ();
    view = crm_tickets_page_get_view (tickets);
    composer = crm_ticket_view_get_composer (view);
    g_assert_true (crm_ticket_view_insert_template (view, "Powitanie"));
    {
      GtkTextIter start, end;
      g_autofree char *filled = NULL;

      gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (composer), &start, &end);
      filled = gtk_text_buffer_get_text (gtk_text_view_get_buffer (composer), &start, &end, FALSE);
      g_assert_cmpstr (filled, ==, "Dzień dobry anna,\ndziękuję za wiadomość (Zapytanie 119).\nEwa Nowak");
    }
    /* the same from the Templates menu, as the user chooses it */
    {
      GtkWidget *menu = find_child (find_child (GTK_WIDGET (view), CRM_TYPE_TEMPLATES_BUTTON, NULL), GTK_TYPE_MENU_BUTTON,
                                    NULL);
      GtkWidget *list;
      GtkWidget *row = NULL;
      GtkTextIter start, end;
      g_autofree char *filled = NULL;

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "", -1);
      g_assert_nonnull (menu);
      gtk_menu_button_popup (GTK_MENU_BUTTON (menu));
      crm_test_settle ();
      list = find_child (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu))), GTK_TYPE_LIST_BOX, NULL);
      g_assert_nonnull (list);
      for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL && row == NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_BOX_ROW (child) &&
            g_strcmp0 (gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (child)))),
                       "Powitanie") == 0)
          row = child;
      g_assert_nonnull (row);
      take_screenshot (GTK_WIDGET (window), "ticket-templates-menu");
      g_signal_emit_by_name (list, "row-activated", row);
      crm_test_settle ();
      gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (composer), &start, &end);
      filled = gtk_text_buffer_get_text (gtk_text_view_get_buffer (composer), &start, &end, FALSE);
      g_assert_cmpstr (filled, ==, "Dzień dobry anna,\ndziękuję za wiadomość (Zapytanie 119).\nEwa Nowak");
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu)))));
    }
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "Dzień dobry, zapraszam w czwartek o 10.", -1);
    gtk_widget_grab_focus (GTK_WIDGET (composer));
    take_screenshot (GTK_WIDGET (window), "ticket-composer");

    /* the composer takes the font the user chose (TK4) */
    {
      g_autoptr(GSettings) settings = g_settings_new ("org.example.Crm");
      const PangoFontDescription *font;
      int before = pango_font_description_get_size (pango_context_get_font_description (
        gtk_widget_get_pango_context (GTK_WIDGET (composer))));

      g_settings_set_string (settings, "composer-font", "Serif 15");
      /* the style is worked out for the next frame */
      wait_for_frame (GTK_WIDGET (composer));
      font = pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (composer)));
      g_assert_cmpstr (pango_font_description_get_family (font), ==, "Serif");
      /* 15 points: bigger than the desktop's 11 here, whatever the units */
      g_assert_cmpint (pango_font_description_get_size (font), >, before);
      g_settings_reset (settings, "composer-font");
    }

    /* a property changed in the card's properties */
    {
      GtkWidget *priority = find_tooltip (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, "Priority");
      g_autoptr(CrmTicket) changed = NULL;

      gtk_drop_down_set_selected (GTK_DROP_DOWN (priority), 3);
      crm_test_settle ();
      changed = crm_ticket_store_get (crm_ticket_store_from_session (session), crm_ticket_get_id (first), 0, &error);
      g_assert_cmpstr (crm_ticket_get_priority (changed), ==, "Urgent");
    }

    /* a copy and a file go with it */
    {
      g_autoptr(GBytes) plan = g_bytes_new_static ("%PDF-1.4 plan", 13);
      GtkWidget *cc = find_child (GTK_WIDGET (view), GTK_TYPE_ENTRY, "Cc: addresses, separated by commas");

      g_assert_nonnull (cc);
      gtk_editable_set_text (GTK_EDITABLE (cc), "jan@example.com");
      crm_ticket_view_add_attachment (view, "plan.pdf", plan);
    }

    /* Ctrl+Enter, as the keyboard sends it */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "ticket.send", NULL));
    crm_test_settle ();
    ticket_mail = crm_ticket_store_list_messages (crm_ticket_store_from_session (session), crm_ticket_get_id (first), &error);
    g_assert_cmpuint (ticket_mail->len, ==, 2);
    outbox = crm_outbox_list (crm_outbox_from_session (session), &error);
    g_assert_cmpuint (g_list_model_get_n_items (outbox), ==, 1);
    {
      g_autoptr(CrmOutboxItem) queued = g_list_model_get_item (outbox, 0);
      g_autoptr(GBytes) raw = NULL;
      g_autoptr(GListModel) sent_mail = crm_message_store_list_ticket_mail (crm_message_store_from_session (session), crm_ticket_get_id (first), &error);
      g_autoptr(CrmMessage) reply = g_list_model_get_item (sent_mail, 1);
      g_autoptr(GListModel) files = crm_message_store_list_attachments (crm_message_store_from_session (session), crm_message_get_id (reply), &error);

      g_assert_cmpuint (g_list_model_get_n_items (files), ==, 1);
      /* the chip saves the file's exact bytes, and opens it from the cache */
      {
        GtkWidget *chip = find_child (GTK_WIDGET (view), CRM_TYPE_ATTACHMENT_CHIP, NULL);
        g_autofree char *save_dir = g_dir_make_tmp ("crm-save-XXXXXX", NULL);
        g_autoptr(GFile) target = g_file_new_build_filename (save_dir, "plan.pdf", NULL);
        g_autoptr(GFile) cached = NULL;
        g_autoptr(GAsyncResult) saved = NULL;
        g_autofree char *contents = NULL;
        gsize length = 0;

        g_assert_nonnull (chip);
        crm_attachment_chip_save_async (CRM_ATTACHMENT_CHIP (chip), target, NULL, crm_test_result_cb, &saved);
        while (saved == NULL)
          g_main_context_iteration (NULL, TRUE);
        g_assert_true (crm_attachment_chip_save_finish (CRM_ATTACHMENT_CHIP (chip), saved, &error));
        g_assert_true (g_file_load_contents (target, NULL, &contents, &length, NULL, &error));
        g_assert_cmpmem (contents, length, "%PDF-1.4 plan", 13);
        g_file_delete (target, NULL, NULL);
        g_rmdir (save_dir);

        cached = crm_attachment_chip_dup_open_file (CRM_ATTACHMENT_CHIP (chip), &error);
        g_assert_no_error (error);
        g_file_delete (cached, NULL, NULL);
        g_assert_true (gtk_widget_activate_action (chip, "chip.open", NULL));
        timeout = g_timeout_add_seconds (10, crm_test_timeout_cb, (gpointer) "the opened attachment");
        while (!g_file_query_exists (cached, NULL))
          g_main_context_iteration (NULL, TRUE);
        g_source_remove (timeout);
        g_assert_cmpstr (g_file_peek_path (cached) + strlen (g_file_peek_path (cached)) - 9, ==, "/plan.pdf");
      }
      raw = crm_message_store_get_raw (crm_message_store_from_session (session), crm_message_get_id (reply), &error);
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), "jan@example.com"));
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), "plan.pdf"));
      g_assert_cmpstr (crm_outbox_item_get_state (queued), ==, "waiting");
    }
    take_screenshot (GTK_WIDGET (window), "ticket-sent");

    undo = find_child (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Undo");
    g_assert_nonnull (undo);
    g_signal_emit_by_name (undo, "clicked");
    crm_test_settle ();
    item = g_list_model_get_item (outbox, 0);
    g_clear_object (&item);
    g_clear_object (&outbox);
    outbox = crm_outbox_list (crm_outbox_from_session (session), &error);
    item = g_list_model_get_item (outbox, 0);
    g_assert_cmpstr (crm_outbox_item_get_state (item), ==, "cancelled");
    /* Undo gives back what was written: the text, the copy, the file */
    {
      GtkWidget *cc = find_child (GTK_WIDGET (view), GTK_TYPE_ENTRY, "Cc: addresses, separated by commas");
      g_autofree char *back = NULL;
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (composer), &start, &end);
      back = gtk_text_buffer_get_text (gtk_text_view_get_buffer (composer), &start, &end, FALSE);
      g_assert_cmpstr (back, ==, "Dzień dobry, zapraszam w czwartek o 10.");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cc)), ==, "jan@example.com");
      g_assert_nonnull (find_tooltip (GTK_WIDGET (view), GTK_TYPE_BUTTON, "Do not send this file"));
      take_screenshot (GTK_WIDGET (window), "ticket-undone");
      /* the toast with Undo is gone with the mail it offered */
      g_assert_null (find_child (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Undo"));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "", -1);
      gtk_editable_set_text (GTK_EDITABLE (cc), "");
    }
    /* Undo is the sender's alone: its toast goes when another user
     * starts working here (defect 4) */
    {
      g_autoptr(CrmUser) sender = g_object_ref (crm_window_get_user (CRM_WINDOW (window)));
      g_autoptr(GListModel) queued = NULL;
      g_autoptr(CrmOutboxItem) last = NULL;

      gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "Do zobaczenia.", -1);
      g_assert_true (crm_ticket_view_send (view));
      /* shown once the toast before it has gone */
      timeout = g_timeout_add_seconds (15, crm_test_timeout_cb, (gpointer) "the Undo toast");
      while (find_child (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Undo") == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (timeout);
      crm_window_set_user (CRM_WINDOW (window), NULL);
      crm_test_settle ();
      g_assert_null (find_child (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Undo"));

      queued = crm_outbox_list (crm_outbox_from_session (session), &error);
      g_assert_no_error (error);
      last = g_list_model_get_item (queued, 0);
      g_assert_cmpstr (crm_outbox_item_get_state (last), ==, "waiting");
      g_assert_true (crm_outbox_cancel (crm_outbox_from_session (session), crm_outbox_item_get_id (last), &error));
      g_assert_no_error (error);
      crm_window_set_user (CRM_WINDOW (window), sender);
      crm_window_show_page (CRM_WINDOW (window), "tickets");
      crm_tickets_page_select (tickets, 0);
      crm_test_settle ();
    }
    g_clear_pointer (&ticket_mail, g_array_unref);
    ticket_mail = crm_ticket_store_list_messages (crm_ticket_store_from_session (session), crm_ticket_get_id (first), &error);
    g_assert_cmpuint (ticket_mail->len, ==, 1);
    /* a stranger writes: the card offers to add them (TK13) */
    {
      g_autoptr(CrmTicket) stranger = NULL;
      g_autoptr(CrmTicket) known = NULL;
      GtkWidget *dialog;
      GtkWidget *name;

      crm_test_dovecot_deliver (mail_dir, "From: Piotr Nowy <piotr@example.net>\r\nSubject: Nowe zapytanie\r\n\r\n"
                                          "Dzień dobry.\r\n");
      timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "the new mail");
      while (g_list_model_get_n_items (G_LIST_MODEL (crm_tickets_page_get_list (tickets))) < 121)
        g_main_context_iteration (NULL, TRUE);
      g_source_remove (timeout);

      stranger = g_list_model_get_item (G_LIST_MODEL (crm_tickets_page_get_list (tickets)), 0);
      g_assert_cmpint (crm_ticket_get_client_id (stranger), ==, 0);
      crm_tickets_page_select (tickets, 0);
      crm_test_settle ();
      /* not yet a contact: the list and the card name them as their
       * mail did, not by their address (issue 10, defect 9) */
      g_assert_cmpstr (crm_ticket_get_client_label (stranger), ==, "Piotr Nowy");
      {
        g_autofree char *line = g_strdup_printf ("#%lld · Piotr Nowy", (long long) crm_ticket_get_id (stranger));
        g_autofree char *when = crm_format_date_time (crm_ticket_get_updated (stranger));
        g_autofree char *row = g_strdup_printf ("%s · New · %s", line, when);

        wait_for_frame (GTK_WIDGET (tickets));
        g_assert_true (label_shown (GTK_WIDGET (tickets), line));
        if (!label_shown (GTK_WIDGET (tickets), row))
          print_labels (GTK_WIDGET (tickets), "Piotr Nowy");
        g_assert_true (label_shown (GTK_WIDGET (tickets), row));
      }
      take_screenshot (GTK_WIDGET (window), "ticket-stranger-named");
      g_assert_cmpint (crm_tickets_page_get_selected_id (tickets), ==, crm_ticket_get_id (stranger));
      dialog = crm_ticket_view_add_client (view);
      name = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Name");
      /* the name from the From header, not the address's start (issue 10, defect 9) */
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Piotr Nowy");
      take_screenshot (dialog, "ticket-add-client");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "person");
      crm_test_settle ();
      known = crm_ticket_store_get (crm_ticket_store_from_session (session), crm_ticket_get_id (stranger), 0, &error);
      g_assert_cmpint (crm_ticket_get_client_id (known), >, 0);
      /* the ticket being worked stays the one selected: no other client's */
      g_assert_cmpint (crm_tickets_page_get_selected_id (tickets), ==, crm_ticket_get_id (stranger));
      g_assert_cmpstr (crm_ticket_get_client_name (known), ==, "Piotr Nowy");

      /* the other way: a contact found by search */
      dialog = crm_ticket_view_link_client (view);
      gtk_editable_set_text (GTK_EDITABLE (find_child (dialog, GTK_TYPE_SEARCH_ENTRY, NULL)), "piotr");
      crm_test_settle ();
      take_screenshot (dialog, "ticket-link-client");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    }

    /* the card's details: a tag, the source, following; the list filters by them */
    {
      g_autoptr(CrmTicket) shown = g_list_model_get_item (G_LIST_MODEL (crm_tickets_page_get_list (tickets)), 0);
      gint64 id = crm_ticket_get_id (shown);
      GtkWidget *tag = find_child (GTK_WIDGET (view), GTK_TYPE_ENTRY, "Add a tag");
      GtkWidget *follow = find_child (GTK_WIDGET (view), GTK_TYPE_TOGGLE_BUTTON, "_Follow");
      g_autoptr(CrmTicket) changed = NULL;
      g_autoptr(GArray) followers = NULL;
      g_auto(GStrv) tags = NULL;
      CrmTicketFilter filter = { 0 };

      g_assert_nonnull (tag);
      gtk_editable_set_text (GTK_EDITABLE (tag), "pilne");
      g_signal_emit_by_name (tag, "activate");
      g_assert_nonnull (follow);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (follow), TRUE);
      crm_test_settle ();
      changed = crm_ticket_store_get (crm_ticket_store_from_session (session), id, 0, &error);
      tags = crm_ticket_dup_tags (changed);
      g_assert_cmpstr (tags[0], ==, "pilne");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tag)), ==, "");
      followers = crm_ticket_store_list_followers (crm_ticket_store_from_session (session), id, &error);
      g_assert_cmpuint (followers->len, ==, 1);
      /* the chip is there, and takes the tag off again below */
      g_assert_nonnull (find_child (GTK_WIDGET (view), GTK_TYPE_FLOW_BOX_CHILD, NULL));

      /* the list: only the tagged one, then only the followed one */
      crm_ticket_list_get_filter (crm_tickets_page_get_list (tickets), &filter);
      g_assert_null (filter.tag);
      {
        GtkWidget *tag_filter = find_tooltip (GTK_WIDGET (tickets), GTK_TYPE_DROP_DOWN, "Tag");
        GListModel *tag_names = NULL;

        g_assert_true (GTK_IS_DROP_DOWN (tag_filter));
        tag_names = gtk_drop_down_get_model (GTK_DROP_DOWN (tag_filter));
        g_assert_cmpuint (g_list_model_get_n_items (tag_names), ==, 2);
        g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (tag_names), 1), ==, "pilne");
        gtk_drop_down_set_selected (GTK_DROP_DOWN (tag_filter), 1);
        crm_test_settle ();
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_tickets_page_get_list (tickets))), ==, 1);
        gtk_widget_activate_action (GTK_WIDGET (tickets), "tickets.back", NULL);
        crm_test_settle ();
        take_screenshot (GTK_WIDGET (window), "tickets-tag-filter");
        gtk_drop_down_set_selected (GTK_DROP_DOWN (tag_filter), 0);
        crm_test_settle ();
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_tickets_page_get_list (tickets))), >, 1);
        /* a click on the row shown brings its card back */
        crm_tickets_page_select (tickets, 0);
        crm_test_settle ();
      }

      /* a phone call: the source, as the card sets it */
      {
        GtkWidget *source = find_tooltip (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN, "How the ticket came in");
        g_autoptr(CrmTicket) called = NULL;

        g_assert_nonnull (source);
        gtk_drop_down_set_selected (GTK_DROP_DOWN (source), 1);
        crm_test_settle ();
        called = crm_ticket_store_get (crm_ticket_store_from_session (session), id, 0, &error);
        g_assert_cmpstr (crm_ticket_get_source (called), ==, "phone");
      }

      /* three comments: the earlier ones fold to a line, a click opens one */
      {
        GtkListBox *conversation = GTK_LIST_BOX (find_child (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, NULL));
        GtkListBoxRow *row;
        GtkRevealer *revealer;

        g_assert_true (crm_ticket_store_comment (crm_ticket_store_from_session (session), id, "Klient prosi o telefon.\nNajlepiej rano.", &error));
        g_assert_true (crm_ticket_store_comment (crm_ticket_store_from_session (session), id, "Oddzwoniłam.", &error));
        crm_test_settle ();
        row = gtk_list_box_get_row_at_index (conversation, 0);
        revealer = GTK_REVEALER (find_child (GTK_WIDGET (row), GTK_TYPE_REVEALER, NULL));
        g_assert_false (gtk_revealer_get_reveal_child (revealer));
        g_signal_emit_by_name (conversation, "row-activated", row);
        g_assert_true (gtk_revealer_get_reveal_child (revealer));
        take_screenshot (GTK_WIDGET (window), "ticket-card");
        /* a change to the ticket keeps what the user opened */
        g_assert_true (crm_ticket_store_set (crm_ticket_store_from_session (session), id, NULL, NULL, NULL, NULL, "oddzwonić", &error));
        crm_test_settle ();
        row = gtk_list_box_get_row_at_index (conversation, 0);
        revealer = GTK_REVEALER (find_child (GTK_WIDGET (row), GTK_TYPE_REVEALER, NULL));
        g_assert_true (gtk_revealer_get_reveal_child (revealer));
        g_assert_true (crm_ticket_store_untag (crm_ticket_store_from_session (session), id, "oddzwonić", &error));
      }

      /* untagging through the chip */
      {
        GtkWidget *chip = find_child (GTK_WIDGET (view), GTK_TYPE_FLOW_BOX_CHILD, NULL);
        g_autoptr(CrmTicket) untagged = NULL;
        g_auto(GStrv) left = NULL;

        g_signal_emit_by_name (find_child (chip, GTK_TYPE_BUTTON, NULL), "clicked");
        crm_test_settle ();
        untagged = crm_ticket_store_get (crm_ticket_store_from_session (session), id, 0, &error);
        left = crm_ticket_dup_tags (untagged);
        g_assert_true (left == NULL || left[0] == NULL);
      }
    }

    /* send later: tomorrow at nine to begin with, not beyond 14 days (TK8) */
    {
      GtkWidget *dialog = crm_ticket_view_send_later_dialog (view);
      GtkCalendar *calendar = GTK_CALENDAR (find_child (dialog, GTK_TYPE_CALENDAR, NULL));
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) far = g_date_time_add_days (now, 20);
      g_autoptr(GListModel) queued = NULL;
      g_autoptr(CrmOutboxItem) last = NULL;
      gint64 at = crm_clock_now_unix (crm_session_get_clock (session)) + 3 * 24 * 3600;

      g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "schedule"));
      take_screenshot (dialog, "ticket-send-later");
      gtk_calendar_select_day (calendar, far);
      g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "schedule"));
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

      crm_tickets_page_select (tickets, 0);
      crm_test_settle ();
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "Przypominam o spotkaniu.", -1);
      g_assert_true (crm_ticket_view_send_later (view, at));
      crm_test_settle ();
      queued = crm_outbox_list (crm_outbox_from_session (session), &error);
      for (guint i = 0; last == NULL && i < g_list_model_get_n_items (queued); i++)
        {
          g_autoptr(CrmOutboxItem) item_i = g_list_model_get_item (queued, i);

          if (crm_outbox_item_get_due (item_i) == at)
            last = g_steal_pointer (&item_i);
        }
      g_assert_nonnull (last);
      g_assert_cmpstr (crm_outbox_item_get_state (last), ==, "waiting");
      /* the conversation shows it waiting, with a way to stop it */
      crm_test_settle ();
      {
        GtkWidget *cancel = find_child (GTK_WIDGET (view), GTK_TYPE_BUTTON, "_Cancel Sending");
        g_autoptr(CrmOutboxItem) stopped = NULL;

        g_assert_nonnull (cancel);
        take_screenshot (GTK_WIDGET (window), "ticket-scheduled");
        g_signal_emit_by_name (cancel, "clicked");
        crm_test_settle ();
        stopped = crm_outbox_get (crm_outbox_from_session (session), crm_outbox_item_get_id (last), &error);
        g_assert_cmpstr (crm_outbox_item_get_state (stopped), ==, "cancelled");
        crm_test_settle ();
        g_assert_null (find_child (GTK_WIDGET (view), GTK_TYPE_BUTTON, "_Cancel Sending"));
      }
      /* 15 days: the composer says why and keeps the text */
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "Za dwa tygodnie.", -1);
      g_assert_false (crm_ticket_view_send_later (view, at + 12 * 24 * 3600));
      g_assert_cmpuint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (composer)), >, 0);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (composer), "", -1);
    }

    /* a new ticket: Send only once it has a subject, a text and an address (TK1, TK3) */
    {
      GtkWidget *dialog = crm_tickets_page_new_ticket (tickets);
      GtkWidget *to = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Client (address, or a contact’s name)");
      GtkWidget *subject = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Subject");
      GtkWidget *text = find_child (dialog, GTK_TYPE_TEXT_VIEW, NULL);
      guint before = g_list_model_get_n_items (G_LIST_MODEL (crm_tickets_page_get_list (tickets)));

      g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
      gtk_editable_set_text (GTK_EDITABLE (to), "nowy@example.com");
      crm_test_settle ();
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text)), "Mamy nową ofertę dla Pana.", -1);
      g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
      gtk_editable_set_text (GTK_EDITABLE (subject), "Nowa oferta");
      g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
      /* nobody by that name in the contacts: nothing to save on their behalf */
      g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
      g_assert_true (label_shown (dialog, "No contact has this address: Send writes to it."));
      /* a contact's name: Save, and the dialog says for whom */
      gtk_editable_set_text (GTK_EDITABLE (to), "Piotr Nowy");
      crm_test_settle ();
      g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
      g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "send"));
      g_assert_true (label_shown (dialog, "Save records it for Piotr Nowy."));
      /* refused by the store (a bad address sent anyway): the form comes back as it was, saying why */
      gtk_editable_set_text (GTK_EDITABLE (to), "nowy@");
      crm_test_settle ();
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
      gtk_window_destroy (GTK_WINDOW (dialog));
      crm_test_settle ();
      dialog = GTK_WIDGET (find_toplevel_dialog ("New Ticket"));
      g_assert_nonnull (dialog);
      to = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Client (address, or a contact’s name)");
      subject = find_child (dialog, ADW_TYPE_ENTRY_ROW, "Subject");
      text = find_child (dialog, GTK_TYPE_TEXT_VIEW, NULL);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "nowy@");
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (subject)), ==, "Nowa oferta");
      g_assert_cmpuint (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text))), >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_tickets_page_get_list (tickets))), ==, before);
      g_assert_true (label_shown (dialog, "“nowy@” is not a valid e-mail address: use the form name@example.com."));
      take_screenshot (dialog, "ticket-new-refused");
      gtk_editable_set_text (GTK_EDITABLE (to), "nowy@example.com");
      crm_test_settle ();
      take_screenshot (dialog, "ticket-new");
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "send");
      gtk_window_destroy (GTK_WINDOW (dialog));
      crm_test_settle ();
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (crm_tickets_page_get_list (tickets))), ==, before + 1);
    }

    /* a ticket opened from a notification: its card on the Tickets page */
    crm_window_show_page (window, "start");
    crm_window_show_ticket (window, crm_ticket_get_id (first));
    crm_test_settle ();
    g_assert_cmpstr (crm_window_get_page (window), ==, "tickets");
    g_assert_true (label_shown (GTK_WIDGET (view), crm_ticket_get_subject (first)));

    /* a wide window: the list and the card side by side */
    gtk_window_set_default_size (GTK_WINDOW (window), 1600, 900);
    gtk_window_unmaximize (GTK_WINDOW (window));
    gtk_widget_queue_resize (GTK_WIDGET (window));
    take_screenshot (GTK_WIDGET (window), "tickets-wide");
    /* side by side at this width: the list and the card */
    g_assert_false (adw_leaflet_get_folded (ADW_LEAFLET (find_child (GTK_WIDGET (tickets), ADW_TYPE_LEAFLET, NULL))));

    /* the sidebar counts what is unread: one was opened */
    {
      GtkWidget *row = find_named (GTK_WIDGET (window), "tickets");
      GtkWidget *count = row ? gtk_widget_get_last_child (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))) : NULL;

      g_assert_nonnull (count);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (count)), ==, "119");
    }

    /* the requests inbox: oldest first, with the client's manager */
    {
      CrmTicketsPage *requests;
      g_autoptr(CrmTicket) oldest = NULL;

      crm_window_show_page (window, "requests");
      requests = CRM_TICKETS_PAGE (crm_window_get_page_widget (window, "requests"));
      g_assert_true (requests != tickets);
      crm_test_settle ();
      oldest = g_list_model_get_item (G_LIST_MODEL (crm_tickets_page_get_list (requests)), 0);
      g_assert_cmpint (crm_ticket_get_id (oldest), ==, 1);
      take_screenshot (GTK_WIDGET (window), "requests");
    }
    crm_window_show_page (window, "start");
  }

  /* mail that cannot leave (nothing listens on SMTP port 1) is said in
   * the status and the banner, with the reason, not "up to date" */
  {
    g_autoptr(CrmOutgoingMessage) out = crm_outgoing_message_new ("Biuro", "biuro@example.com");
    gint64 outbox_id;

    g_assert_false (label_shown (GTK_WIDGET (window), "Mail cannot be sent"));
    crm_outgoing_message_add_to (out, "klient@example.com");
    crm_outgoing_message_set_subject (out, "Oferta");
    crm_outgoing_message_set_body (out, "Dzień dobry.");
    outbox_id = crm_outbox_queue (crm_outbox_from_session (session), NULL, account_id, out, crm_clock_now_unix (crm_session_get_clock (session)),
                                  &error);
    g_assert_no_error (error);
    g_assert_cmpint (outbox_id, >, 0);
    timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "the sending problem");
    while (crm_mail_engine_get_send_problem (engine) == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (timeout);
    /* the status says what reading mail is doing first, then this (the
     * engine may be between two reads of the inbox: wait for the window
     * to say both) */
    crm_test_wait_for_state (engine, CRM_MAIL_STATE_WAITING);
    crm_test_settle ();
    timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "the sending problem shown");
    while (!label_shown (GTK_WIDGET (window), "Mail cannot be sent") ||
           !gtk_revealer_get_reveal_child (GTK_REVEALER (banner)))
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (timeout);
    take_screenshot (GTK_WIDGET (window), "mail-cannot-be-sent");

    /* cancelled, nothing waits (the new ticket's mail from above
     * included, once its try is over): the problem goes */
    g_assert_true (crm_outbox_cancel (crm_outbox_from_session (session), outbox_id, &error));
    g_assert_no_error (error);
    timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "the problem gone");
    for (;;)
      {
        g_autoptr(GListModel) waiting = crm_outbox_list (crm_outbox_from_session (session), NULL);
        gboolean pending = FALSE;

        /* a mail being tried for the first time cannot be cancelled:
         * once its try fails it waits again, and is cancelled then */
        for (guint i = 0; waiting != NULL && i < g_list_model_get_n_items (waiting); i++)
          {
            g_autoptr(CrmOutboxItem) item = g_list_model_get_item (waiting, i);
            const char *state = crm_outbox_item_get_state (item);

            if (g_str_equal (state, "waiting"))
              crm_outbox_cancel (crm_outbox_from_session (session), crm_outbox_item_get_id (item), NULL);
            pending |= g_str_equal (state, "waiting") || g_str_equal (state, "sending");
          }
        if (!pending && crm_mail_engine_get_send_problem (engine) == NULL)
          break;
        g_main_context_iteration (NULL, TRUE);
      }
    g_source_remove (timeout);
    crm_test_settle ();
    if (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)))
      g_error ("banner still says: %s (engine state %d)",
               gtk_label_get_label (GTK_LABEL (find_child (banner, GTK_TYPE_LABEL, NULL))),
               crm_mail_engine_get_state (engine));
  }

  /* an out-of-office reply opens no ticket, but nothing is hidden: it is
   * listed with the reason, and a ticket can be made of it by hand */
  {
    CrmTicketsPage *page = CRM_TICKETS_PAGE (crm_window_get_page_widget (CRM_WINDOW (window), "tickets"));
    CrmAutomaticMailDialog *automatic;
    GtkWidget *open;

    crm_test_dovecot_deliver (mail_dir, "From: Jan Kos <jan@example.org>\r\nSubject: Automatic reply: Oferta\r\n"
                                        "Auto-Submitted: auto-replied\r\n\r\nJestem na urlopie do piątku.\r\n");
    timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "the automatic reply");
    for (;;)
      {
        g_autoptr(GListModel) automatic_mail = crm_ticket_store_list_automatic_mail (crm_ticket_store_from_session (session), 10, NULL);

        if (automatic_mail != NULL && g_list_model_get_n_items (automatic_mail) > 0)
          break;
        g_main_context_iteration (NULL, TRUE);
      }
    g_source_remove (timeout);

    crm_window_show_page (window, "tickets");
    automatic = CRM_AUTOMATIC_MAIL_DIALOG (crm_tickets_page_show_automatic_mail (page));
    crm_test_settle ();
    g_assert_cmpuint (crm_automatic_mail_dialog_get_n_mail (automatic), ==, 1);
    take_screenshot (GTK_WIDGET (automatic), "automatic-mail");
    open = find_child (GTK_WIDGET (automatic), GTK_TYPE_BUTTON, "_Open a Ticket");
    g_assert_nonnull (open);
    g_signal_emit_by_name (open, "clicked");
    crm_test_settle ();
    g_assert_cmpuint (crm_automatic_mail_dialog_get_n_mail (automatic), ==, 0);
    g_assert_cmpint (crm_tickets_page_get_selected_id (page), >, 0);
    {
      g_autoptr(CrmTicket) made = crm_ticket_store_get (crm_ticket_store_from_session (session), crm_tickets_page_get_selected_id (page), 0, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (crm_ticket_get_subject (made), ==, "Automatic reply: Oferta");
    }
    gtk_window_destroy (GTK_WINDOW (automatic));
  }

  /* the password changed on the server: the banner says why */
  crm_mail_engine_stop (engine);
  g_assert_true (crm_secrets_store_password (account_id, "biuro@example.com", "not the password", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (crm_mail_engine_start (engine, &error));
  crm_test_wait_for_state (engine, CRM_MAIL_STATE_OFFLINE);
  crm_test_settle ();
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_nonnull (find_child (banner, GTK_TYPE_LABEL, NULL));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (find_child (banner, GTK_TYPE_LABEL, NULL))),
                            "AUTHENTICATIONFAILED"));
  take_screenshot (GTK_WIDGET (window), "mail-error");

  crm_mail_engine_stop (engine);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&session);
  crm_test_remove_data_dir (dir);
  crm_test_dovecot_stop (g_steal_pointer (&dovecot), mail_dir);
}

/* A mistyped password, as a new user met it: the banner says the
 * login failed; corrected in Preferences, tested before it is saved,
 * and mail flows again (issue 10, defect 6). */
static void
test_account_corrected (void)
{
  g_autofree char *dir = g_dir_make_tmp ("crm-mail-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autofree char *mail_dir = NULL;
  g_autofree char *spool = NULL;
  g_autofree char *smtp_port = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(CrmAccount) second = NULL;
  g_autoptr(CrmAccount) corrected = NULL;
  g_autoptr(CrmMailEngine) engine = NULL;
  g_autoptr(GSubprocess) dovecot = NULL;
  g_autoptr(GSubprocess) smtp = NULL;
  g_autoptr(GListModel) accounts = NULL;
  CrmPreferencesWindow *prefs;
  CrmWindow *window;
  GtkWidget *banner;
  GtkWidget *button;
  GtkWidget *form;
  GtkWidget *error_label;
  GtkWidget *password;
  guint16 port;
  guint16 smtp_port_number;
  gint64 account_id;
  gint64 second_id;
  guint timeout;

  dovecot = crm_test_dovecot_start (&mail_dir, &port);
  smtp = crm_test_smtp_start (&spool, &smtp_port_number);
  smtp_port = g_strdup_printf ("%u", smtp_port_number);
  session = crm_session_open_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (session), "Ewa Nowak", "ewa@example.com", CRM_ROLE_ADMIN, &error), >, 0);
  user = crm_user_store_find (crm_user_store_from_session (session), "1", &error);
  account = crm_account_new (0, "biuro@example.com", "Biuro", "127.0.0.1", port, "none",
                             "127.0.0.1", 1, "none", "office");
  account_id = crm_account_store_add (crm_account_store_from_session (session), account, "pass wrod", FALSE, &error);
  g_assert_no_error (error);
  second = crm_account_new (0, "sprzedaz@example.com", NULL, "127.0.0.1", port, "none",
                            "127.0.0.1", 1, "none", "office");
  second_id = crm_account_store_add (crm_account_store_from_session (session), second, "pass word", FALSE, &error);
  g_assert_no_error (error);

  engine = crm_mail_engine_new (session, "test");
  window = crm_window_new (NULL, session, NULL);
  crm_window_set_user (window, user);
  crm_window_set_mail_engine (window, engine);
  crm_window_show_page (window, "start");
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (crm_mail_engine_start (engine, &error));
  g_assert_no_error (error);
  crm_test_wait_for_state (engine, CRM_MAIL_STATE_OFFLINE);
  crm_test_settle ();
  banner = find_child (GTK_WIDGET (window), GTK_TYPE_REVEALER, NULL);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  prefs = crm_preferences_window_new (session, user);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (prefs));
  /* the banner's "Account Settings" opens the Mail page */
  crm_preferences_window_show_accounts (prefs);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)), ==, "mail");
  button = find_child (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "_Add Account");
  form = gtk_widget_get_ancestor (button, ADW_TYPE_PREFERENCES_GROUP);
  error_label = gtk_widget_get_prev_sibling (gtk_widget_get_parent (button));

  /* Edit (on the account's row, once the list came) fills the form */
  crm_test_settle ();
  g_assert_true (crm_preferences_window_edit_account (prefs, account_id));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Save Account");
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (form)), ==, "Edit biuro@example.com");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_child (form, ADW_TYPE_ENTRY_ROW, "User Name"))), ==,
                   "office");
  password = find_child (form, ADW_TYPE_PASSWORD_ENTRY_ROW, "New Password");
  g_assert_nonnull (password);
  gtk_editable_set_text (GTK_EDITABLE (find_child (form, ADW_TYPE_ENTRY_ROW, "Outgoing Port")), smtp_port);

  /* the same typo: Dovecot says no in its own words, nothing is saved */
  crm_preferences_window_add_account (prefs);
  timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "Save Account");
  while (!gtk_widget_get_sensitive (button))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (error_label)), "Nothing was saved"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "AUTHENTICATIONFAILED"));
  corrected = crm_account_store_get (crm_account_store_from_session (session), account_id, &error);
  g_assert_cmpint (crm_account_get_smtp_port (corrected), ==, 1);
  g_clear_object (&corrected);
  scroll_to (error_label);
  take_screenshot (GTK_WIDGET (prefs), "preferences-account-refused");

  /* the right one: both servers accept it, and it is saved */
  gtk_editable_set_text (GTK_EDITABLE (password), "pass word");
  crm_preferences_window_add_account (prefs);
  timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "Save Account");
  while (!gtk_widget_get_sensitive (button) ||
         (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "_Save Account") == 0 &&
          !g_str_has_prefix (gtk_label_get_label (GTK_LABEL (error_label)), "Nothing")))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Add Account");
  kept = crm_secrets_lookup_password (account_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, "pass word");
  corrected = crm_account_store_get (crm_account_store_from_session (session), account_id, &error);
  g_assert_cmpint (crm_account_get_smtp_port (corrected), ==, smtp_port_number);

  /* the engine starts over with it: the banner goes */
  crm_test_wait_for_state (engine, CRM_MAIL_STATE_WAITING);
  crm_test_settle ();
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  take_screenshot (GTK_WIDGET (window), "account-corrected-window");
  take_screenshot (GTK_WIDGET (prefs), "preferences-account-corrected");

  /* the second mailbox goes, with its password */
  g_assert_nonnull (find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "sprzedaz@example.com"));
  crm_preferences_window_remove_account (prefs, second_id);
  timeout = g_timeout_add_seconds (30, crm_test_timeout_cb, (gpointer) "Remove Account");
  while (find_child (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, "sprzedaz@example.com") != NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  accounts = crm_account_store_list (crm_account_store_from_session (session), &error);
  g_assert_cmpuint (g_list_model_get_n_items (accounts), ==, 1);
  g_assert_null (crm_secrets_lookup_password (second_id, NULL, &error));
  g_assert_error (error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_MISSING);
  g_clear_error (&error);
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* one account left: "Account Settings" puts it in the form */
  prefs = crm_preferences_window_new (session, user);
  gtk_window_present (GTK_WINDOW (prefs));
  crm_preferences_window_show_accounts (prefs);
  /* as soon as the accounts came */
  crm_test_settle ();
  g_assert_nonnull (find_child (GTK_WIDGET (prefs), GTK_TYPE_BUTTON, "_Save Account"));
  g_assert_nonnull (find_child (GTK_WIDGET (prefs), ADW_TYPE_PASSWORD_ENTRY_ROW, "New Password"));
  gtk_window_destroy (GTK_WINDOW (prefs));

  crm_mail_engine_stop (engine);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&session);
  crm_test_remove_data_dir (dir);
  crm_test_smtp_stop (g_steal_pointer (&smtp), spool);
  crm_test_dovecot_stop (g_steal_pointer (&dovecot), mail_dir);
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
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  screenshot_dir = g_build_filename (builddir ? builddir : ".", "screenshots", NULL);
  g_mkdir_with_parents (screenshot_dir, 0755);

  g_test_add_func ("/ui/mail-in-window", test_mail_in_window);
  g_test_add_func ("/ui/account-corrected", test_account_corrected);

  return g_test_run ();
}
