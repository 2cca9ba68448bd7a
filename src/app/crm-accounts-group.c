/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-accounts-group"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-accounts-group.h"
#include "crm-account-store.h"
#include "crm-toast.h"
#include "crm-widget-write.h"

/**
 * CrmAccountsGroup:
 *
 * The office's mail accounts in Preferences: one row per account with
 * "Test Connection" and the answer of each server, and the form that
 * adds an account or saves over the one being edited. An account's
 * servers are tested before it is saved; when they refuse, "Save
 * Untested" keeps it all the same. Only administrators change them
 * (FD2). Everything that reaches the database, the keyring or the
 * servers runs on a worker.
 */
struct _CrmAccountsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* template widgets */
  GtkWidget           *no_accounts_group;
  AdwPreferencesGroup *form_group;
  AdwEntryRow         *address_row;
  AdwEntryRow         *name_row;
  AdwEntryRow         *username_row;
  AdwEntryRow         *password_row;
  AdwEntryRow         *imap_host_row;
  AdwEntryRow         *imap_port_row;
  AdwComboRow         *imap_security_row;
  AdwEntryRow         *smtp_host_row;
  AdwEntryRow         *smtp_port_row;
  AdwComboRow         *smtp_security_row;
  GtkLabel            *error_label;
  GtkButton           *save_button;
  GtkWidget           *cancel_button;
  GtkWidget           *untested_button;

  /* owned */
  CrmSession          *session;
  GCancellable        *cancellable;
  GPtrArray           *rows;            /* the rows added to the group */
  GPtrArray           *checks;          /* of AccountRows, one per account */
  gboolean             accounts_read;   /* the list above came once */
  gboolean             show_accounts;   /* crm_accounts_group_show_accounts () before it came */
  gboolean             admin;

  /* the account the form edits, or 0 for a new one */
  gint64               editing_id;
};

static void test_connection_cb (CrmAccountsGroup *self,
                                GtkButton        *button);

G_DEFINE_FINAL_TYPE (CrmAccountsGroup, crm_accounts_group, ADW_TYPE_PREFERENCES_GROUP)

/* The rows of one account: the account, with "Test Connection", and
 * one answer per server. */
typedef struct
{
  CrmAccount *account;
  GtkWidget  *button;
  GtkWidget  *imap_row;
  GtkWidget  *smtp_row;
  GtkWidget  *imap_icon;
  GtkWidget  *smtp_icon;
} AccountRows;

typedef struct
{
  CrmAccountsGroup *self;
  gboolean          tested;
  gboolean          added;
} SaveAccount;

/* In the order of the security rows' choices. */
static const char * const securities[] = { "tls", "starttls", "none" };
static const guint imap_ports[] = { 993, 143, 143 };
static const guint smtp_ports[] = { 465, 587, 25 };

static void
account_rows_free (gpointer data)
{
  AccountRows *rows = data;

  g_clear_object (&rows->account);
  g_free (rows);
}

static void
show_toast (CrmAccountsGroup *self,
            const char       *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), crm_toast_new (message));
  else
    g_debug ("no window for: %s", message);
}

/* A flat button of a row that activates @action for @id. */
static GtkWidget *
row_button (const char *icon_name,
            const char *tooltip,
            const char *action,
            gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);

  return button;
}

static void
show_check (GtkWidget    *row,
            GtkWidget    *icon,
            const GError *error)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error ? error->message : _("Logged in"));
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), error ? "dialog-error-symbolic" : "emblem-ok-symbolic");
  gtk_widget_remove_css_class (icon, error ? "success" : "error");
  gtk_widget_add_css_class (icon, error ? "error" : "success");
  gtk_widget_set_visible (icon, TRUE);
}

static GtkWidget *
add_server_row (CrmAccountsGroup  *self,
                const char        *title,
                GtkWidget        **icon)
{
  GtkWidget *row = adw_action_row_new ();

  /* the subtitle gets the server's own words */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not tested yet"));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  *icon = gtk_image_new ();
  gtk_widget_set_visible (*icon, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), *icon);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);

  return row;
}

/* (transfer full): the account of that id in the list shown, or NULL */
static CrmAccount *
shown_account (CrmAccountsGroup *self,
               gint64            id)
{
  for (guint i = 0; i < self->checks->len; i++)
    {
      AccountRows *rows = g_ptr_array_index (self->checks, i);

      if (crm_account_get_id (rows->account) == id)
        return g_object_ref (rows->account);
    }

  return NULL;
}

static void
show_accounts (CrmAccountsGroup *self,
               GListModel       *accounts)
{
  guint n = g_list_model_get_n_items (accounts);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->checks, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmAccount) account = g_list_model_get_item (accounts, i);
      AccountRows *rows = g_new0 (AccountRows, 1);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;

      /* Translators: the IMAP server, then the SMTP server, as host:port */
      subtitle = g_strdup_printf (_("Incoming %s:%u · outgoing %s:%u"),
                                  crm_account_get_imap_host (account),
                                  (guint) crm_account_get_imap_port (account),
                                  crm_account_get_smtp_host (account),
                                  (guint) crm_account_get_smtp_port (account));
      rows->account = g_object_ref (account);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_account_get_address (account));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-send-receive-symbolic"));

      rows->button = gtk_button_new_with_mnemonic (_("_Test Connection"));
      gtk_widget_set_valign (rows->button, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (rows->button), "crm-account-rows", rows);
      g_ptr_array_add (self->checks, rows);
      g_signal_connect_object (rows->button, "clicked", G_CALLBACK (test_connection_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), rows->button);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("document-edit-symbolic", _("Edit the account"),
                                             "accounts.edit", crm_account_get_id (account)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("user-trash-symbolic", _("Remove the account"),
                                             "accounts.remove", crm_account_get_id (account)));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);

      rows->imap_row = add_server_row (self, _("Incoming Mail (IMAP)"), &rows->imap_icon);
      rows->smtp_row = add_server_row (self, _("Outgoing Mail (SMTP)"), &rows->smtp_icon);
    }

  gtk_widget_set_visible (self->no_accounts_group, n == 0);
}

static gboolean
read_accounts (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  return (*result = crm_account_store_list (crm_account_store_from_session (reader), error)) != NULL;
}

static void
accounts_read_cb (GtkWidget    *widget,
                  gpointer      result,
                  const GError *error)
{
  CrmAccountsGroup *self = CRM_ACCOUNTS_GROUP (widget);

  if (result == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  show_accounts (self, result);
  self->accounts_read = TRUE;
  if (self->show_accounts)
    {
      self->show_accounts = FALSE;
      crm_accounts_group_show_accounts (self);
    }
}

/* The accounts, read on a worker: on the team's server, opening
 * Preferences does not wait on it. */
static void
reload_accounts (CrmAccountsGroup *self)
{
  crm_widget_read (GTK_WIDGET (self), self->session, read_accounts, NULL, NULL, g_object_unref, NULL,
                   accounts_read_cb);
}

/* The usual port follows the security, unless someone typed another. */
static void
follow_port (AdwEntryRow *port_row,
             guint        selected,
             const guint *ports)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (port_row));
  g_autofree char *port = NULL;
  gboolean usual = *text == '\0';

  for (guint i = 0; i < G_N_ELEMENTS (securities); i++)
    if (g_ascii_strtoull (text, NULL, 10) == ports[i])
      usual = TRUE;

  if (usual && selected < G_N_ELEMENTS (securities))
    {
      port = g_strdup_printf ("%u", ports[selected]);
      gtk_editable_set_text (GTK_EDITABLE (port_row), port);
    }
}

static guint
read_port (AdwEntryRow *row)
{
  guint64 port = 0;

  /* 0 for anything else: the store says what is wrong */
  if (!g_ascii_string_to_unsigned (gtk_editable_get_text (GTK_EDITABLE (row)), 10, 1, 65535, &port, NULL))
    return 0;

  return (guint) port;
}

static void
show_message (CrmAccountsGroup *self,
              const char       *message,
              gboolean          error)
{
  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "dim-label");
    }
}

/* The form back to "New Account", empty. */
static void
reset_form (CrmAccountsGroup *self)
{
  AdwEntryRow *rows[] = {
    self->address_row, self->name_row, self->username_row, self->password_row,
    self->imap_host_row, self->smtp_host_row, self->imap_port_row, self->smtp_port_row,
  };

  self->editing_id = 0;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_editable_set_text (GTK_EDITABLE (rows[i]), "");
  adw_combo_row_set_selected (self->imap_security_row, 0);
  adw_combo_row_set_selected (self->smtp_security_row, 0);
  follow_port (self->imap_port_row, 0, imap_ports);
  follow_port (self->smtp_port_row, 0, smtp_ports);
  adw_preferences_group_set_title (self->form_group, _("New Account"));
  adw_preferences_group_set_description (self->form_group, _("The servers are tested before the account is saved."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("Password"));
  gtk_button_set_label (self->save_button, _("_Add Account"));
  gtk_widget_set_visible (self->cancel_button, FALSE);
  gtk_widget_set_visible (self->untested_button, FALSE);
  show_message (self, NULL, TRUE);
}

/* The account the form describes: new, or the one being edited. */
static CrmAccount *
form_account (CrmAccountsGroup *self)
{
  guint imap_security = adw_combo_row_get_selected (self->imap_security_row);
  guint smtp_security = adw_combo_row_get_selected (self->smtp_security_row);

  return crm_account_new (self->editing_id,
                          gtk_editable_get_text (GTK_EDITABLE (self->address_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                          gtk_editable_get_text (GTK_EDITABLE (self->imap_host_row)),
                          read_port (self->imap_port_row),
                          securities[MIN (imap_security, G_N_ELEMENTS (securities) - 1)],
                          gtk_editable_get_text (GTK_EDITABLE (self->smtp_host_row)),
                          read_port (self->smtp_port_row),
                          securities[MIN (smtp_security, G_N_ELEMENTS (securities) - 1)],
                          gtk_editable_get_text (GTK_EDITABLE (self->username_row)));
}

static void
account_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autofree SaveAccount *save = user_data;
  g_autoptr(CrmAccountsGroup) self = save->self;
  g_autoptr(GError) error = NULL;
  const char *message;
  gboolean saved;

  if (save->added)
    saved = crm_account_store_add_finish (CRM_ACCOUNT_STORE (source), result, &error) > 0;
  else
    saved = crm_account_store_change_finish (CRM_ACCOUNT_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.save-untested", TRUE);
  if (!saved)
    {
      show_message (self, error->message, TRUE);
      return;
    }

  if (!save->tested)
    message = _("The account was saved untested: its mail may not be read or sent until the servers accept "
                "its settings");
  else if (save->added)
    message = _("The servers accepted the account, and it was added: mail is read from now on");
  else
    message = _("The servers accepted the account, and it was saved");
  show_toast (self, message);
  reset_form (self);
  reload_accounts (self);
}

/* Saves what the form holds, tested or not: added, or saved over the
 * account being edited. The password goes to the Secret Service in a
 * worker thread. */
static void
save_account (CrmAccountsGroup *self,
              gboolean          tested)
{
  g_autoptr(CrmAccount) account = form_account (self);
  CrmAccountStore *store = crm_account_store_from_session (self->session);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  SaveAccount *save = g_new0 (SaveAccount, 1);

  save->self = g_object_ref (self);
  save->tested = tested;
  save->added = self->editing_id == 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.save-untested", FALSE);
  if (save->added)
    crm_account_store_add_async (store, account, password, FALSE, self->cancellable, account_saved_cb, save);
  else
    crm_account_store_update_async (store, account, *password ? password : NULL, FALSE, self->cancellable,
                                    account_saved_cb, save);
}

static void
account_tested_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmAccountsGroup) self = user_data;
  g_autoptr(GError) imap_error = NULL;
  g_autoptr(GError) smtp_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!crm_account_check_finish (result, &imap_error, &smtp_error, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->session == NULL)
    return;

  if (error == NULL && imap_error == NULL && smtp_error == NULL)
    {
      save_account (self, TRUE);
      return;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", TRUE);
  if (error != NULL)
    /* Translators: %s is why the test could not even start */
    message = g_strdup_printf (_("Nothing was saved: the servers could not be tested (%s)."), error->message);
  else
    /* Translators: what each server answered; "Logged in" when it accepted */
    message = g_strdup_printf (_("Nothing was saved: the servers did not accept these settings.\n"
                                 "Incoming mail (IMAP): %s\nOutgoing mail (SMTP): %s"),
                               imap_error ? imap_error->message : _("Logged in"),
                               smtp_error ? smtp_error->message : _("Logged in"));
  show_message (self, message, TRUE);
  gtk_widget_set_visible (self->untested_button, TRUE);
}

static void
account_removed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CrmAccountsGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_account_store_change_finish (CRM_ACCOUNT_STORE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->session == NULL)
    return;

  show_toast (self, error ? error->message : _("The account was removed; its password left the keyring"));
  if (error == NULL)
    {
      reset_form (self);
      reload_accounts (self);
    }
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GtkWidget) button = user_data;
  g_autoptr(GError) imap_error = NULL;
  g_autoptr(GError) smtp_error = NULL;
  g_autoptr(GError) error = NULL;
  AccountRows *rows;

  /* a window closed meanwhile cancelled the check: nothing to show */
  if (!crm_account_check_finish (result, &imap_error, &smtp_error, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* no password could be read: the same reason for both */
      imap_error = g_error_copy (error);
      smtp_error = g_error_copy (error);
    }

  rows = g_object_get_data (G_OBJECT (button), "crm-account-rows");
  gtk_widget_set_sensitive (rows->button, TRUE);
  show_check (rows->imap_row, rows->imap_icon, imap_error);
  show_check (rows->smtp_row, rows->smtp_icon, smtp_error);
}

static void
test_connection_cb (CrmAccountsGroup *self,
                    GtkButton        *button)
{
  AccountRows *rows = g_object_get_data (G_OBJECT (button), "crm-account-rows");

  gtk_widget_set_sensitive (rows->button, FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (rows->imap_row), _("Testing…"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (rows->smtp_row), _("Testing…"));
  gtk_widget_set_visible (rows->imap_icon, FALSE);
  gtk_widget_set_visible (rows->smtp_icon, FALSE);

  /* in a worker thread: a slow server never freezes the window */
  crm_account_check_async (rows->account, self->cancellable, check_done_cb, g_object_ref (button));
}

static void
imap_security_changed_cb (CrmAccountsGroup *self,
                          GParamSpec       *pspec,
                          AdwComboRow      *row)
{
  follow_port (self->imap_port_row, adw_combo_row_get_selected (row), imap_ports);
}

static void
smtp_security_changed_cb (CrmAccountsGroup *self,
                          GParamSpec       *pspec,
                          AdwComboRow      *row)
{
  follow_port (self->smtp_port_row, adw_combo_row_get_selected (row), smtp_ports);
}

static void
remove_response_cb (CrmAccountsGroup *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-account-id"));

  if (g_strcmp0 (response, "remove") == 0)
    crm_accounts_group_remove_account (self, id);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  crm_accounts_group_add_account (CRM_ACCOUNTS_GROUP (widget));
}

static void
save_untested_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  crm_accounts_group_save_account_untested (CRM_ACCOUNTS_GROUP (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  reset_form (CRM_ACCOUNTS_GROUP (widget));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_accounts_group_edit_account (CRM_ACCOUNTS_GROUP (widget), g_variant_get_int64 (parameter));
}

/* Asks first: removing cannot be undone. */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmAccountsGroup *self = CRM_ACCOUNTS_GROUP (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(CrmAccount) account = shown_account (self, id);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (account == NULL)
    return;

  /* Translators: %s is a mail account's address */
  heading = g_strdup_printf (_("Remove %s?"), crm_account_get_address (account));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                                       _("Its mail is no longer read or sent, and its password is "
                                                         "deleted from the keyring. Mail it already brought in or "
                                                         "sent stays in the tickets.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "crm-account-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
crm_accounts_group_dispose (GObject *object)
{
  CrmAccountsGroup *self = CRM_ACCOUNTS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_ACCOUNTS_GROUP);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_accounts_group_parent_class)->dispose (object);
}

static void
crm_accounts_group_class_init (CrmAccountsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_accounts_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/crm-accounts-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, no_accounts_group);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, form_group);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, address_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, username_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, password_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, imap_host_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, imap_port_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, imap_security_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, smtp_host_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, smtp_port_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, smtp_security_row);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, save_button);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CrmAccountsGroup, untested_button);
  gtk_widget_class_bind_template_callback (widget_class, imap_security_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, smtp_security_changed_cb);

  gtk_widget_class_install_action (widget_class, "accounts.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "accounts.save-untested", NULL, save_untested_action);
  gtk_widget_class_install_action (widget_class, "accounts.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "accounts.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "accounts.remove", "x", remove_action);
}

static void
crm_accounts_group_init (CrmAccountsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->checks = g_ptr_array_new_with_free_func (account_rows_free);
  imap_security_changed_cb (self, NULL, self->imap_security_row);
  smtp_security_changed_cb (self, NULL, self->smtp_security_row);
}

/**
 * crm_accounts_group_set_session:
 * @self: a #CrmAccountsGroup
 * @session: the window's session
 * @admin: whether the user may add, change or remove accounts
 *   (administrators); anyone may test them
 *
 * Reads the accounts, on a worker.
 */
void
crm_accounts_group_set_session (CrmAccountsGroup *self,
                                CrmSession       *session,
                                gboolean          admin)
{
  const char *admin_actions[] = {
    "accounts.add", "accounts.save-untested", "accounts.cancel", "accounts.edit", "accounts.remove",
  };

  g_return_if_fail (CRM_IS_ACCOUNTS_GROUP (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  g_set_object (&self->session, session);
  self->admin = admin;
  for (guint i = 0; i < G_N_ELEMENTS (admin_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), admin_actions[i], admin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_group), admin);
  reload_accounts (self);
}

/**
 * crm_accounts_group_test_connection:
 * @self: a #CrmAccountsGroup
 *
 * Tests the first mail account, as its "Test Connection" button does.
 *
 * Returns: %FALSE when there is no account
 */
gboolean
crm_accounts_group_test_connection (CrmAccountsGroup *self)
{
  AccountRows *rows;

  g_return_val_if_fail (CRM_IS_ACCOUNTS_GROUP (self), FALSE);

  if (self->checks->len == 0)
    return FALSE;

  rows = g_ptr_array_index (self->checks, 0);
  g_signal_emit_by_name (rows->button, "clicked");

  return TRUE;
}

/**
 * crm_accounts_group_add_account:
 * @self: a #CrmAccountsGroup
 *
 * Checks the account described in the form, logs in to both its
 * servers in a worker thread and, when they accept it, adds it (or
 * saves it over the account being edited). When they refuse, nothing
 * is saved and the form says why; "Save Untested" then saves it all
 * the same.
 */
void
crm_accounts_group_add_account (CrmAccountsGroup *self)
{
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  const char *password;

  g_return_if_fail (CRM_IS_ACCOUNTS_GROUP (self));

  account = form_account (self);
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  gtk_widget_set_visible (self->untested_button, FALSE);
  if (!crm_account_store_check (crm_account_store_from_session (self->session), account, password, FALSE, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }

  show_message (self, _("Testing the servers…"), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "accounts.add", FALSE);
  /* an account edited without a new password is tested with its own */
  crm_account_check_password_async (account, *password ? password : NULL, self->cancellable, account_tested_cb,
                                    g_object_ref (self));
}

/**
 * crm_accounts_group_save_account_untested:
 * @self: a #CrmAccountsGroup
 *
 * Saves the form although its servers refused it, and says so.
 */
void
crm_accounts_group_save_account_untested (CrmAccountsGroup *self)
{
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CRM_IS_ACCOUNTS_GROUP (self));

  account = form_account (self);
  if (!crm_account_store_check (crm_account_store_from_session (self->session), account,
                                gtk_editable_get_text (GTK_EDITABLE (self->password_row)), FALSE, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }

  save_account (self, FALSE);
}

/**
 * crm_accounts_group_edit_account:
 * @self: a #CrmAccountsGroup
 * @id: an account's id
 *
 * Fills the form with the account's settings, to correct them; an
 * empty password keeps the one in the keyring.
 *
 * Returns: %FALSE when there is no such account
 */
gboolean
crm_accounts_group_edit_account (CrmAccountsGroup *self,
                                 gint64            id)
{
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *imap_port = NULL;
  g_autofree char *smtp_port = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CRM_IS_ACCOUNTS_GROUP (self), FALSE);

  if (!(account = shown_account (self, id)))
    return FALSE;

  reset_form (self);
  self->editing_id = id;
  for (guint i = 0; i < G_N_ELEMENTS (securities); i++)
    {
      if (g_strcmp0 (securities[i], crm_account_get_imap_security (account)) == 0)
        adw_combo_row_set_selected (self->imap_security_row, i);
      if (g_strcmp0 (securities[i], crm_account_get_smtp_security (account)) == 0)
        adw_combo_row_set_selected (self->smtp_security_row, i);
    }
  imap_port = g_strdup_printf ("%u", (guint) crm_account_get_imap_port (account));
  smtp_port = g_strdup_printf ("%u", (guint) crm_account_get_smtp_port (account));
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), crm_account_get_address (account));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), crm_account_get_display_name (account) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), crm_account_get_username (account));
  gtk_editable_set_text (GTK_EDITABLE (self->imap_host_row), crm_account_get_imap_host (account));
  gtk_editable_set_text (GTK_EDITABLE (self->imap_port_row), imap_port);
  gtk_editable_set_text (GTK_EDITABLE (self->smtp_host_row), crm_account_get_smtp_host (account));
  gtk_editable_set_text (GTK_EDITABLE (self->smtp_port_row), smtp_port);

  /* Translators: %s is a mail account's address */
  title = g_strdup_printf (_("Edit %s"), crm_account_get_address (account));
  adw_preferences_group_set_title (self->form_group, title);
  adw_preferences_group_set_description (self->form_group,
                                         _("Leave the password empty to keep the one in the keyring. The servers "
                                           "are tested before the account is saved."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), _("New Password"));
  gtk_button_set_label (self->save_button, _("_Save Account"));
  gtk_widget_set_visible (self->cancel_button, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->address_row));

  return TRUE;
}

/**
 * crm_accounts_group_remove_account:
 * @self: a #CrmAccountsGroup
 * @id: an account's id
 *
 * Removes the account without asking (the action asks first): its mail
 * is read and sent no more and its password leaves the keyring, in a
 * worker thread.
 */
void
crm_accounts_group_remove_account (CrmAccountsGroup *self,
                                   gint64            id)
{
  g_return_if_fail (CRM_IS_ACCOUNTS_GROUP (self));

  crm_account_store_remove_async (crm_account_store_from_session (self->session), id, self->cancellable,
                                  account_removed_cb, g_object_ref (self));
}

/**
 * crm_accounts_group_show_accounts:
 * @self: a #CrmAccountsGroup
 *
 * Shows the Preferences page that holds the group, for the banner's
 * "Account Settings"; with one account and an administrator at work,
 * that account is in the form, its password ready to be typed again,
 * as soon as the accounts came.
 */
void
crm_accounts_group_show_accounts (CrmAccountsGroup *self)
{
  GtkRoot *root;
  GtkWidget *page;

  g_return_if_fail (CRM_IS_ACCOUNTS_GROUP (self));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  page = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_PAGE);
  if (ADW_IS_PREFERENCES_WINDOW (root) && page != NULL)
    adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (root), ADW_PREFERENCES_PAGE (page));
  /* once the accounts came */
  if (!self->accounts_read)
    {
      self->show_accounts = TRUE;
      return;
    }
  if (self->admin && self->checks->len == 1)
    {
      AccountRows *rows = g_ptr_array_index (self->checks, 0);

      crm_accounts_group_edit_account (self, crm_account_get_id (rows->account));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
}
