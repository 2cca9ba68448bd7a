/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contact-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-contact-editor.h"
#include "crm-language-row.h"
#include "crm-widget-write.h"
#include "crm-contact-store.h"
#include "crm-user-store.h"

/**
 * CrmContactEditor:
 *
 * Creates or edits a person or a company. Fields are checked when the
 * user saves: the fields at fault are marked and the reason is shown,
 * and nothing typed is lost. The dialog closes only once the contact
 * is stored. An e-mail address another contact has already is saved
 * only when the user confirms it; they may open that contact instead.
 */
struct _CrmContactEditor
{
  AdwWindow       parent_instance;

  /* template widgets */
  AdwWindowTitle *title;
  GtkLabel       *error_label;
  AdwComboRow    *kind_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *company_row;
  AdwComboRow    *manager_row;
  AdwComboRow    *language_row;
  GtkListBox     *emails_list;
  GtkListBox     *phones_list;
  AdwEntryRow    *street_row;
  AdwEntryRow    *postal_code_row;
  AdwEntryRow    *city_row;
  AdwEntryRow    *country_row;
  AdwEntryRow    *tags_row;
  GtkTextView    *note_view;

  /* owned */
  CrmSession       *session;
  CrmContact     *contact;   /* the edited copy */
  GListModel     *users;
  GPtrArray      *email_rows;
  GPtrArray      *phone_rows;
  char           *error;

  /* borrowed: the question about a shared address, while it is asked */
  AdwMessageDialog *duplicate_dialog;
  GCancellable     *cancellable;
  gboolean          saving;   /* a copy is being stored, on a worker */
};

static void fill (CrmContactEditor *self);
static gboolean save (CrmContactEditor    *self,
                      CrmSaveContactFlags  flags);

G_DEFINE_FINAL_TYPE (CrmContactEditor, crm_contact_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AdwEntryRow *
add_value_row (CrmContactEditor *self,
               GtkListBox       *list,
               GPtrArray        *rows,
               const char       *title,
               GtkInputPurpose   purpose,
               const char       *value)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), purpose);
  if (value != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row), value);

  /* keep the "add" row last */
  gtk_list_box_insert (list, row, rows->len);
  g_ptr_array_add (rows, row);

  return ADW_ENTRY_ROW (row);
}

static void
add_email_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmContactEditor *self = CRM_CONTACT_EDITOR (widget);
  AdwEntryRow *row;

  row = add_value_row (self, self->emails_list, self->email_rows, _("E-mail Address"),
                       GTK_INPUT_PURPOSE_EMAIL, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
add_phone_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmContactEditor *self = CRM_CONTACT_EDITOR (widget);
  AdwEntryRow *row;

  row = add_value_row (self, self->phones_list, self->phone_rows, _("Phone Number"),
                       GTK_INPUT_PURPOSE_PHONE, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
kind_changed_cb (CrmContactEditor *self,
                 GParamSpec       *pspec,
                 AdwComboRow      *row)
{
  gboolean company = adw_combo_row_get_selected (row) == CRM_CONTACT_COMPANY;

  gtk_widget_set_visible (GTK_WIDGET (self->company_row), !company);
}

static void
show_error (CrmContactEditor *self,
            GtkWidget        *field,
            const char       *message)
{
  g_free (self->error);
  self->error = g_strdup (message);

  gtk_label_set_label (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);

  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
clear_errors (CrmContactEditor *self)
{
  GtkWidget *fields[] = {
    GTK_WIDGET (self->name_row),
    GTK_WIDGET (self->company_row),
    GTK_WIDGET (self->tags_row),
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_widget_remove_css_class (fields[i], "error");
  for (guint i = 0; i < self->email_rows->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->email_rows, i), "error");
  for (guint i = 0; i < self->phone_rows->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (self->phone_rows, i), "error");

  show_error (self, NULL, NULL);
}

/* Checks every row on its own first, so the one at fault can be marked;
 * the store validates everything again when it saves. */
static GStrv
collect_values (CrmContactEditor  *self,
                GPtrArray         *rows,
                gboolean           phones,
                GtkWidget        **bad_row,
                GError           **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *country = crm_contact_store_dup_phone_country (crm_contact_store_from_session (self->session));

  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
      g_autofree char *norm = NULL;

      if (*text == '\0')
        continue;

      norm = phones ? crm_normalize_phone (text, country, error)
                    : crm_normalize_email (text, error);
      if (norm == NULL)
        {
          *bad_row = row;
          return NULL;
        }

      g_strv_builder_add (builder, text);
    }

  return g_strv_builder_end (builder);
}

static void
duplicate_response_cb (CrmContactEditor *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  gint64 owner_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "crm-owner-id"));

  g_clear_weak_pointer (&self->duplicate_dialog);

  if (g_str_equal (response, "save"))
    save (self, CRM_SAVE_CONTACT_ALLOW_DUPLICATE);
  else if (g_str_equal (response, "open"))
    {
      /* the contact who has the address, in the window the editor is over */
      GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      if (parent != NULL)
        gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-contact", "x", (gint64) owner_id);
      gtk_window_destroy (GTK_WINDOW (self));
    }
}

/* who has one of the addresses, and which: read on a worker */
typedef struct
{
  CrmContact *owner;
  char       *address;
} Owner;

static void
owner_free (gpointer data)
{
  Owner *owner = data;

  g_clear_object (&owner->owner);
  g_free (owner->address);
  g_free (owner);
}

static gboolean
read_owner (CrmSession    *reader,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  Owner *owner = g_new0 (Owner, 1);

  owner->owner = crm_contact_store_find_email_owner (crm_contact_store_from_session (reader), data, &owner->address,
                                                     error);
  if (owner->owner == NULL)
    {
      owner_free (owner);
      return FALSE;
    }
  *result = owner;

  return TRUE;
}

static void
owner_read_cb (GtkWidget    *widget,
               gpointer      result,
               const GError *error)
{
  CrmContactEditor *self = CRM_CONTACT_EDITOR (widget);
  Owner *owner = result;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* nobody has it any more: the error shown says what was refused */
  if (owner == NULL || self->session == NULL)
    return;

  /* Translators: a contact's name and an e-mail address */
  body = g_strdup_printf (_("%s already has the address %s. Open that contact, or save this one "
                            "with the same address?"),
                          crm_contact_get_name (owner->owner), owner->address);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Address Already in Use"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Existing"),
                                    "save", _("_Save Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "crm-owner-id",
                     GSIZE_TO_POINTER ((gsize) crm_contact_get_id (owner->owner)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (duplicate_response_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->duplicate_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Another contact has an address this one is given: say whose, and
 * let the user open that contact or save this one all the same. */
static void
ask_about_duplicate (CrmContactEditor *self)
{
  crm_widget_read (GTK_WIDGET (self), self->session, read_owner, crm_contact_copy (self->contact), g_object_unref,
                   owner_free, self->cancellable, owner_read_cb);
}

/**
 * crm_contact_editor_save:
 * @self: a #CrmContactEditor
 *
 * Validates the contact and stores it off the main thread, with its
 * language of mail; #CrmContactEditor::saved says when it is stored,
 * and the window closes. On failure the window stays open with the
 * reason shown; when another contact has one of the e-mail addresses,
 * a dialog asks first whether to open that contact or to save this one
 * all the same.
 *
 * Returns: %TRUE when the form was valid and the contact is being stored
 */
gboolean
crm_contact_editor_save (CrmContactEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_EDITOR (self), FALSE);

  return save (self, CRM_SAVE_CONTACT_NONE);
}

typedef struct
{
  CrmContact          *contact;
  char                *company;
  CrmSaveContactFlags  flags;
  gboolean             set_language;   /* chosen anew */
  char                *language;       /* NULL: the office's */
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_clear_object (&job->contact);
  g_free (job->company);
  g_free (job->language);
  g_free (job);
}

/* On a worker, in a transaction: the contact and its language of mail. */
static gboolean
save_tx (CrmSession  *writer,
         gpointer     data,
         GError     **error)
{
  SaveJob *job = data;

  return crm_contact_store_save_full (crm_contact_store_from_session (writer), job->contact, job->company, job->flags,
                                      error) &&
         (!job->set_language ||
          crm_offer_store_set_contact_language (crm_offer_store_from_session (writer),
                                                crm_contact_get_id (job->contact), job->language, error));
}

static gboolean
save_write (CrmSession    *writer,
            gpointer       data,
            gpointer      *result,
            GCancellable  *cancellable,
            GError       **error)
{
  SaveJob *job = data;

  if (!crm_session_run_in_transaction (writer, save_tx, job, error))
    return FALSE;
  /* as stored, with what the store joins to it (its company's and
   * manager's names): what the card shows next; saved all the same
   * when that read fails */
  *result = crm_contact_store_get (crm_contact_store_from_session (writer), crm_contact_get_id (job->contact), NULL);
  if (*result == NULL)
    *result = g_object_ref (job->contact);

  return TRUE;
}

static gboolean
read_contact (CrmSession    *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  gint64 id = GPOINTER_TO_SIZE (data);

  return (*result = crm_contact_store_get (crm_contact_store_from_session (reader), id, error)) != NULL;
}

/* The contact as a colleague left it: the form shows it, with the
 * message that said why. */
static void
contact_reread_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CrmContactEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) stored = crm_session_read_finish (CRM_SESSION (source), result, &error);
  g_autofree char *message = NULL;

  if (self->session == NULL || stored == NULL)
    return;
  message = g_strdup (self->error);
  for (guint i = 0; i < self->email_rows->len; i++)
    gtk_list_box_remove (self->emails_list, g_ptr_array_index (self->email_rows, i));
  for (guint i = 0; i < self->phone_rows->len; i++)
    gtk_list_box_remove (self->phones_list, g_ptr_array_index (self->phone_rows, i));
  g_ptr_array_set_size (self->email_rows, 0);
  g_ptr_array_set_size (self->phone_rows, 0);
  g_set_object (&self->contact, stored);
  fill (self);
  show_error (self, NULL, message);
}

static void
contact_saved_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmContactEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) saved = crm_session_write_finish (CRM_SESSION (source), result, &error);

  /* closed meanwhile */
  if (self->session == NULL)
    return;
  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", TRUE);
  if (saved == NULL)
    {
      show_error (self, NULL, error->message);
      /* another desk gave the address away meanwhile */
      if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CONFLICT))
        ask_about_duplicate (self);
      /* or saved this contact: theirs is shown */
      else if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CHANGED))
        crm_session_read_async (self->session, read_contact, GSIZE_TO_POINTER (crm_contact_get_id (self->contact)),
                                NULL, g_object_unref, self->cancellable, contact_reread_cb, g_object_ref (self));
      return;
    }

  g_set_object (&self->contact, saved);
  g_signal_emit (self, signals[SAVED], 0, crm_contact_get_id (saved));
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
save (CrmContactEditor    *self,
      CrmSaveContactFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) emails = NULL;
  g_auto(GStrv) phones = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *name = NULL;
  g_autofree char *company = NULL;
  g_autofree char *note = NULL;
  GtkTextIter start, end;
  GtkWidget *bad_row = NULL;
  CrmContactKind kind;
  SaveJob *job;
  guint manager;

  if (self->saving)
    return TRUE;
  clear_errors (self);

  kind = adw_combo_row_get_selected (self->kind_row) == 1 ? CRM_CONTACT_COMPANY : CRM_CONTACT_PERSON;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  company = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->company_row))));

  if (*name == '\0')
    {
      show_error (self, GTK_WIDGET (self->name_row),
                  kind == CRM_CONTACT_COMPANY ? _("Enter the company’s name.")
                                              : _("Enter the person’s name."));
      return FALSE;
    }

  if (!(emails = collect_values (self, self->email_rows, FALSE, &bad_row, &error)) ||
      !(phones = collect_values (self, self->phone_rows, TRUE, &bad_row, &error)))
    {
      show_error (self, bad_row, error->message);
      return FALSE;
    }

  tags = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)), ",", -1);
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (self->note_view), &start, &end);
  note = gtk_text_buffer_get_text (gtk_text_view_get_buffer (self->note_view), &start, &end, FALSE);

  crm_contact_set_kind (self->contact, kind);
  crm_contact_set_name (self->contact, name);
  crm_contact_set_emails (self->contact, (const char * const *) emails);
  crm_contact_set_phones (self->contact, (const char * const *) phones);
  crm_contact_set_tags (self->contact, (const char * const *) tags);
  crm_contact_set_note (self->contact, note);
  crm_contact_set_street (self->contact, gtk_editable_get_text (GTK_EDITABLE (self->street_row)));
  crm_contact_set_postal_code (self->contact, gtk_editable_get_text (GTK_EDITABLE (self->postal_code_row)));
  crm_contact_set_city (self->contact, gtk_editable_get_text (GTK_EDITABLE (self->city_row)));
  crm_contact_set_country (self->contact, gtk_editable_get_text (GTK_EDITABLE (self->country_row)));

  manager = adw_combo_row_get_selected (self->manager_row);
  if (manager == 0 || manager == GTK_INVALID_LIST_POSITION)
    crm_contact_set_manager_id (self->contact, 0);
  else
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (self->users, manager - 1);

      crm_contact_set_manager_id (self->contact, user ? crm_user_get_id (user) : 0);
    }

  /* a duplicate address is refused by the store (unless allowed),
   * and then asked about: nothing is saved before that */
  /* stored on a worker, with its language of mail (issue 10, defect 12):
   * the window goes on drawing meanwhile, and the form is not saved
   * again until it is done */
  job = g_new0 (SaveJob, 1);
  job->contact = crm_contact_copy (self->contact);
  job->company = g_strdup (kind == CRM_CONTACT_PERSON ? company : "");
  job->flags = flags;
  job->set_language = crm_language_row_get_changed (self->language_row);
  job->language = g_strdup (crm_language_row_get_code (self->language_row));
  self->saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  crm_session_write_async (self->session, save_write, job, save_job_free, g_object_unref, self->cancellable,
                           contact_saved_cb, g_object_ref (self));

  return TRUE;
}

/**
 * crm_contact_editor_get_contact:
 * @self: a #CrmContactEditor
 *
 * Returns: (transfer none): the contact edited; in a
 *   #CrmContactEditor::saved handler, as it was stored
 */
CrmContact *
crm_contact_editor_get_contact (CrmContactEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_EDITOR (self), NULL);

  return self->contact;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_contact_editor_save (CRM_CONTACT_EDITOR (widget));
}

static void
entry_activated_cb (CrmContactEditor *self,
                    AdwEntryRow      *row)
{
  crm_contact_editor_save (self);
}

static void
fill_managers (CrmContactEditor *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 manager_id = crm_contact_get_manager_id (self->contact);
  guint selected = 0;
  guint n;

  self->users = crm_user_store_list_assignable (crm_user_store_from_session (self->session), manager_id, NULL);
  if (self->users == NULL)
    self->users = G_LIST_MODEL (g_list_store_new (CRM_TYPE_USER));

  gtk_string_list_append (names, _("Nobody"));
  n = g_list_model_get_n_items (self->users);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (self->users, i);

      gtk_string_list_append (names, crm_user_get_name (user));
      if (crm_user_get_id (user) == manager_id)
        selected = i + 1;
    }

  adw_combo_row_set_model (self->manager_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->manager_row, selected);

  /* a client's manager, once there is one, is changed by an administrator (RQ3) */
  if (manager_id != 0)
    {
      g_autoptr(CrmUser) actor = crm_session_get_user_id (self->session) != 0
                                 ? crm_user_store_get (crm_user_store_from_session (self->session), crm_session_get_user_id (self->session), NULL) : NULL;
      gboolean admin = actor == NULL || crm_user_get_role (actor) == CRM_ROLE_ADMIN;

      gtk_widget_set_sensitive (GTK_WIDGET (self->manager_row), admin);
      if (!admin)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (self->manager_row), _("Only an administrator changes it"));
    }
}

static void
fill (CrmContactEditor *self)
{
  CrmContact *contact = self->contact;
  const char * const *emails = crm_contact_get_emails (contact);
  const char * const *phones = crm_contact_get_phones (contact);
  g_autofree char *tags = g_strjoinv (", ", (char **) crm_contact_get_tags (contact));

  adw_window_title_set_title (self->title, crm_contact_get_id (contact) == 0 ? _("New Contact")
                                                                            : _("Edit Contact"));
  adw_combo_row_set_selected (self->kind_row,
                              crm_contact_get_kind (contact) == CRM_CONTACT_COMPANY ? 1 : 0);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), crm_contact_get_name (contact) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->company_row), crm_contact_get_company_name (contact) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), tags);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            crm_contact_get_note (contact) ?: "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->street_row), crm_contact_get_street (contact) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->postal_code_row), crm_contact_get_postal_code (contact) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->city_row), crm_contact_get_city (contact) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->country_row), crm_contact_get_country (contact) ?: "");

  for (guint i = 0; emails[i] != NULL; i++)
    add_value_row (self, self->emails_list, self->email_rows, _("E-mail Address"),
                   GTK_INPUT_PURPOSE_EMAIL, emails[i]);
  if (emails[0] == NULL)
    add_value_row (self, self->emails_list, self->email_rows, _("E-mail Address"),
                   GTK_INPUT_PURPOSE_EMAIL, NULL);

  for (guint i = 0; phones[i] != NULL; i++)
    add_value_row (self, self->phones_list, self->phone_rows, _("Phone Number"),
                   GTK_INPUT_PURPOSE_PHONE, phones[i]);
  if (phones[0] == NULL)
    add_value_row (self, self->phones_list, self->phone_rows, _("Phone Number"),
                   GTK_INPUT_PURPOSE_PHONE, NULL);

  fill_managers (self);
  crm_language_row_fill (self->language_row, self->session, crm_contact_get_id (contact));
  kind_changed_cb (self, NULL, self->kind_row);
}

static void
crm_contact_editor_dispose (GObject *object)
{
  CrmContactEditor *self = (CrmContactEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CONTACT_EDITOR);
  g_clear_weak_pointer (&self->duplicate_dialog);
  g_clear_object (&self->session);
  g_clear_object (&self->contact);
  g_clear_object (&self->users);

  G_OBJECT_CLASS (crm_contact_editor_parent_class)->dispose (object);
}

static void
crm_contact_editor_finalize (GObject *object)
{
  CrmContactEditor *self = (CrmContactEditor *)object;

  g_clear_pointer (&self->email_rows, g_ptr_array_unref);
  g_clear_pointer (&self->phone_rows, g_ptr_array_unref);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (crm_contact_editor_parent_class)->finalize (object);
}

static void
crm_contact_editor_class_init (CrmContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_contact_editor_dispose;
  object_class->finalize = crm_contact_editor_finalize;

  /**
   * CrmContactEditor::saved:
   * @self: the editor
   * @contact_id: the stored contact's id
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/contacts/crm-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, title);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, manager_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, language_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, emails_list);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, phones_list);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, street_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactEditor, note_view);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.add-email", NULL, add_email_action);
  gtk_widget_class_install_action (widget_class, "editor.add-phone", NULL, add_phone_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
crm_contact_editor_init (CrmContactEditor *self)
{
  self->email_rows = g_ptr_array_new ();
  self->phone_rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * crm_contact_editor_new:
 * @store: the store
 * @contact: (nullable): the contact to edit, or %NULL for a new person
 *
 * Returns: (transfer none): a new editor window; it destroys itself
 */
CrmContactEditor *
crm_contact_editor_new (CrmSession *session,
                        CrmContact *contact)
{
  CrmContactEditor *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (!contact || CRM_IS_CONTACT (contact), NULL);

  self = g_object_new (CRM_TYPE_CONTACT_EDITOR, NULL);
  self->session = g_object_ref (session);
  self->contact = contact ? crm_contact_copy (contact) : crm_contact_new (CRM_CONTACT_PERSON);
  fill (self);

  return self;
}

/**
 * crm_contact_editor_get_duplicate_dialog:
 * @self: a #CrmContactEditor
 *
 * Returns: (transfer none) (nullable): the question asked when another
 *   contact has one of the addresses, while it is open
 */
AdwMessageDialog *
crm_contact_editor_get_duplicate_dialog (CrmContactEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_EDITOR (self), NULL);

  return self->duplicate_dialog;
}

/**
 * crm_contact_editor_get_error:
 * @self: a #CrmContactEditor
 *
 * Returns: (nullable): the reason the last save failed
 */
const char *
crm_contact_editor_get_error (CrmContactEditor *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_EDITOR (self), NULL);

  return self->error;
}
