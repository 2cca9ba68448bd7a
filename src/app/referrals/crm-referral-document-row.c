/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "crm-referral-document-row.h"
#include "crm-toast.h"

/**
 * CrmReferralDocumentRow:
 *
 * A document attached in a broker's form (RF9): its name, size and
 * type, "Open" (written to the cache and opened in the desktop's
 * application for its type) and "Save…" (where the user says). Its
 * bytes are read on the session's reader when asked for, as a ticket's
 * attachments are (#CrmAttachmentChip).
 */
struct _CrmReferralDocumentRow
{
  AdwActionRow  parent_instance;

  CrmSession   *session;
  gint64        id;
  char         *file_name;
};

G_DEFINE_FINAL_TYPE (CrmReferralDocumentRow, crm_referral_document_row, ADW_TYPE_ACTION_ROW)

static void
show_toast (CrmReferralDocumentRow *self,
            const char             *text)
{
  if (crm_toast_show (GTK_WIDGET (self), text) == NULL)
    g_message ("%s", text);
}

static gboolean
read_document (CrmSession    *reader,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 id = GPOINTER_TO_SIZE (data);

  return (*result = crm_referral_store_get_document (crm_referral_store_from_session (reader), id, NULL, NULL,
                                                     error)) != NULL;
}

static void
replaced_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_object_ref (source), g_object_unref);
}

static void
document_read_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = crm_session_read_finish (CRM_SESSION (source), result, &error);

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_file_replace_contents_bytes_async (G_FILE (g_task_get_task_data (task)), bytes, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, g_task_get_cancellable (task), replaced_cb,
                                       task);
}

/* Writes the document's bytes to @file; the task returns @file. */
static void
write_to (CrmReferralDocumentRow *self,
          GFile                  *file,
          GTask                  *task)
{
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  crm_session_read_async (self->session, read_document, GSIZE_TO_POINTER ((gsize) self->id), NULL,
                          (GDestroyNotify) g_bytes_unref, g_task_get_cancellable (task), document_read_cb, task);
}

/**
 * crm_referral_document_row_save_async:
 * @self: a #CrmReferralDocumentRow
 * @file: where to write the document
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when written
 * @user_data: for @callback
 *
 * Reads the document on the session's reader and writes it to @file.
 */
void
crm_referral_document_row_save_async (CrmReferralDocumentRow *self,
                                      GFile                  *file,
                                      GCancellable           *cancellable,
                                      GAsyncReadyCallback     callback,
                                      gpointer                user_data)
{
  GTask *task;

  g_return_if_fail (CRM_IS_REFERRAL_DOCUMENT_ROW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_referral_document_row_save_async);
  write_to (self, file, task);
}

/**
 * crm_referral_document_row_save_finish:
 * @self: a #CrmReferralDocumentRow
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when written
 */
gboolean
crm_referral_document_row_save_finish (CrmReferralDocumentRow  *self,
                                       GAsyncResult            *result,
                                       GError                 **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  file = g_task_propagate_pointer (G_TASK (result), error);

  return file != NULL;
}

/**
 * crm_referral_document_row_dup_open_file:
 * @self: a #CrmReferralDocumentRow
 * @error: return location for a #GError
 *
 * Where "Open" writes the document: the user's cache, a folder of the
 * document's own, under its name (no folders in it, never hidden).
 *
 * Returns: (transfer full) (nullable): the file, or %NULL with @error set
 */
GFile *
crm_referral_document_row_dup_open_file (CrmReferralDocumentRow  *self,
                                         GError                 **error)
{
  g_autofree char *id = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CRM_IS_REFERRAL_DOCUMENT_ROW (self), NULL);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, self->id);
  dir = g_build_filename (g_get_user_cache_dir (), APP_ID, "referral-documents", id, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not make the folder “%s”: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  /* a name from a broker's browser: no folders, no hidden files */
  name = g_strdelimit (g_strdup (self->file_name != NULL ? self->file_name : ""), G_DIR_SEPARATOR_S "\\", '_');
  if (*name == '\0' || *name == '.')
    {
      g_autofree char *plain = g_strconcat ("document", name, NULL);

      g_free (name);
      name = g_steal_pointer (&plain);
    }

  return g_file_new_build_filename (dir, name, NULL);
}

static void
launched_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrmReferralDocumentRow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    show_toast (self, error->message);
}

static void
written_for_open_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CrmReferralDocumentRow *self = CRM_REFERRAL_DOCUMENT_ROW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autofree char *uri = NULL;

  if (file == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  uri = g_file_get_uri (file);
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self))));
  g_app_info_launch_default_for_uri_async (uri, context, NULL, launched_cb, g_object_ref (self));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmReferralDocumentRow *self = CRM_REFERRAL_DOCUMENT_ROW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = crm_referral_document_row_dup_open_file (self, &error);

  if (file == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  write_to (self, file, g_task_new (self, NULL, written_for_open_cb, NULL));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CrmReferralDocumentRow *self = CRM_REFERRAL_DOCUMENT_ROW (source);
  g_autoptr(GError) error = NULL;

  if (!crm_referral_document_row_save_finish (self, result, &error))
    show_toast (self, error->message);
  else
    show_toast (self, _("Document saved"));
}

/* The row is held until the user answers: the card may be read again
 * meanwhile. */
static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(CrmReferralDocumentRow) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    crm_referral_document_row_save_async (self, file, NULL, saved_cb, NULL);

  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmReferralDocumentRow *self = CRM_REFERRAL_DOCUMENT_ROW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Save Document"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), self->file_name);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
crm_referral_document_row_dispose (GObject *object)
{
  CrmReferralDocumentRow *self = CRM_REFERRAL_DOCUMENT_ROW (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->file_name, g_free);

  G_OBJECT_CLASS (crm_referral_document_row_parent_class)->dispose (object);
}

static void
crm_referral_document_row_class_init (CrmReferralDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_referral_document_row_dispose;

  gtk_widget_class_install_action (widget_class, "document.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "document.save", NULL, save_action);
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *label,
             const char *action_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static void
crm_referral_document_row_init (CrmReferralDocumentRow *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("text-x-generic-symbolic");

  adw_action_row_add_prefix (ADW_ACTION_ROW (self), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self),
                             /* Translators: a button's tooltip: open the document */
                             icon_button ("document-open-symbolic", C_("action", "Open"), "document.open"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), icon_button ("document-save-symbolic", _("Save…"), "document.save"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
}

/**
 * crm_referral_document_row_new:
 * @session: the window's session
 * @document: a document of a referral's card (its bytes not read)
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
crm_referral_document_row_new (CrmSession                *session,
                               const CrmReferralDocument *document)
{
  CrmReferralDocumentRow *self;
  g_autofree char *size = NULL;
  g_autofree char *type = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (document != NULL, NULL);

  self = g_object_new (CRM_TYPE_REFERRAL_DOCUMENT_ROW, NULL);
  self->session = g_object_ref (session);
  self->id = document->id;
  self->file_name = g_strdup (document->file_name);
  size = g_format_size (document->size);
  type = document->content_type != NULL ? g_content_type_get_description (document->content_type) : NULL;
  /* Translators: a document of a referral: its size and type */
  subtitle = type != NULL ? g_strdup_printf (_("%s · %s"), size, type) : g_strdup (size);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), document->file_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  return GTK_WIDGET (self);
}
