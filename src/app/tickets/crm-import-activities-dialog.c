/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-import-activities-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-import-activities-dialog.h"

/**
 * CrmImportActivitiesDialog:
 *
 * "Import Calls and Chats…" (TK6): says which columns a phone system's
 * call log or a chat's export needs (CSV, as README.md "Calls and
 * chats" does), lets the user choose the file (a #GtkFileChooserNative,
 * so that a sandbox's portal opens it), reads and imports it off the
 * main loop, and then says how many were imported and which lines were
 * skipped, with why, in a dialog of their own.
 */
struct _CrmImportActivitiesDialog
{
  AdwMessageDialog      parent_instance;

  /* owned */
  CrmSession           *session;
  GtkWindow            *parent;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (CrmImportActivitiesDialog, crm_import_activities_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* how many skipped lines the result names; the rest are counted */
#define MAX_LINES_SAID 12

static void
say (CrmImportActivitiesDialog *self,
     const char                *heading,
     const char                *body,
     const char                *lines)
{
  GtkWidget *dialog = adw_message_dialog_new (self->parent, heading, body);

  /* the lines skipped, left-aligned, to be read and copied */
  if (lines != NULL)
    {
      GtkWidget *label = gtk_label_new (lines);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
    }

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_widget_add_css_class (dialog, "import-activities-result");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmImportActivitiesDialog) self = user_data;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  guint imported = 0;

  if (!crm_activity_store_import_finish (crm_activity_store_from_session (self->session), result, &imported, &skipped,
                                         &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, _("Nothing Was Imported"), error->message, NULL);
      return;
    }

  g_string_append_printf (body, ngettext ("%u call or chat was imported.", "%u calls and chats were imported.",
                                          imported),
                          imported);
  if (skipped->len > 0)
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body, ngettext ("%u line was skipped:", "%u lines were skipped:", skipped->len),
                              skipped->len);
      for (guint i = 0; i < skipped->len && i < MAX_LINES_SAID; i++)
        {
          CrmActivitySkip *skip = g_ptr_array_index (skipped, i);

          if (lines->len > 0)
            g_string_append_c (lines, '\n');
          /* Translators: a line of the file not imported: its number, why */
          g_string_append_printf (lines, _("Line %u: %s"), skip->line, skip->error);
        }
      if (skipped->len > MAX_LINES_SAID)
        {
          g_string_append_c (lines, '\n');
          g_string_append_printf (lines, ngettext ("and %u more line", "and %u more lines",
                                                   skipped->len - MAX_LINES_SAID),
                                  skipped->len - MAX_LINES_SAID);
        }
    }
  say (self, skipped->len > 0 ? _("Calls and Chats Imported, Some Lines Skipped") : _("Calls and Chats Imported"),
       body->str, lines->len > 0 ? lines->str : NULL);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CrmImportActivitiesDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, _("Nothing Was Imported"), error->message, NULL);
      return;
    }
  crm_activity_store_import_async (crm_activity_store_from_session (self->session), bytes, self->cancellable,
                                   imported_cb, g_object_ref (self));
}

/**
 * crm_import_activities_dialog_import_file:
 * @self: a #CrmImportActivitiesDialog
 * @file: a CSV file
 *
 * Reads @file and imports it off the main loop, as a file chosen does,
 * then says how it went.
 */
void
crm_import_activities_dialog_import_file (CrmImportActivitiesDialog *self,
                                          GFile                     *file)
{
  g_return_if_fail (CRM_IS_IMPORT_ACTIVITIES_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_bytes_async (file, self->cancellable, loaded_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog           *chooser,
                     int                        response,
                     CrmImportActivitiesDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    crm_import_activities_dialog_import_file (self, file);
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  /* the dialog held itself while the chooser was open */
  g_object_unref (self);
}

static void
crm_import_activities_dialog_response (AdwMessageDialog *dialog,
                                       const char       *response)
{
  CrmImportActivitiesDialog *self = CRM_IMPORT_ACTIVITIES_DIALOG (dialog);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (ADW_MESSAGE_DIALOG_CLASS (crm_import_activities_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_import_activities_dialog_parent_class)->response (dialog, response);
  if (!g_str_equal (response, "choose") || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Calls and Chats"), self->parent,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
crm_import_activities_dialog_finalize (GObject *object)
{
  CrmImportActivitiesDialog *self = CRM_IMPORT_ACTIVITIES_DIALOG (object);

  /* the dialog closes as the chooser opens: the chooser, and what the
   * import needs, stay until the import is said */
  g_clear_object (&self->chooser);
  g_clear_object (&self->session);
  g_clear_object (&self->parent);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (crm_import_activities_dialog_parent_class)->finalize (object);
}

static void
crm_import_activities_dialog_class_init (CrmImportActivitiesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_import_activities_dialog_finalize;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_import_activities_dialog_response;
}

static void
crm_import_activities_dialog_init (CrmImportActivitiesDialog *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * crm_import_activities_dialog_new:
 * @parent: (nullable): the window it belongs to; the result is said there
 * @session: the session the calls and chats are imported in
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_import_activities_dialog_new (GtkWindow  *parent,
                                  CrmSession *session)
{
  CrmImportActivitiesDialog *self = g_object_new (CRM_TYPE_IMPORT_ACTIVITIES_DIALOG,
                                                  "transient-for", parent,
                                                  "modal", TRUE,
                                                  "heading", _("Import Calls and Chats"),
                                                  NULL);

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self->session = g_object_ref (session);
  self->parent = parent != NULL ? g_object_ref (parent) : NULL;
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               /* Translators: keep the column names (kind, at, duration…), "call" and "chat" as they are */
                               _("A phone system’s call log or a chat’s export, as a CSV file whose first line names "
                                 "its columns: kind (call or chat) and at (when, as 2026-12-07T09:15:00+01:00) are "
                                 "needed; duration (seconds, or 4:05), phone, contact_email, contact_id and note may "
                                 "follow. The contact is found by its number or address; a line that cannot be "
                                 "imported is skipped and said, and a line imported before is not imported again."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "choose", _("_Choose File…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "choose");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  return GTK_WIDGET (self);
}
