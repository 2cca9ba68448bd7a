/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-attachment-chip"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>

#include "crm-attachment-chip.h"
#include "crm-toast.h"
#include "crm-message-store.h"

/**
 * CrmAttachmentChip:
 *
 * A file that came with a mail, as a chip: its name and size; a click
 * opens it in the desktop's application for its type, the button
 * beside it saves it where the user chooses. Used in the ticket's
 * conversation and on the client's card.
 */
struct _CrmAttachmentChip
{
  GtkWidget      parent_instance;

  /* template widgets */
  GtkLabel      *label;

  /* owned */
  CrmSession      *session;
  CrmAttachment *attachment;
};

G_DEFINE_FINAL_TYPE (CrmAttachmentChip, crm_attachment_chip, GTK_TYPE_WIDGET)

static void
show_toast (CrmAttachmentChip *self,
            const char        *text)
{
  if (crm_toast_show (GTK_WIDGET (self), text) == NULL)
    g_message ("%s", text);
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

static gboolean
read_data (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  gint64 id = GPOINTER_TO_SIZE (data);

  return (*result = crm_message_store_get_attachment_data (crm_message_store_from_session (reader), id, error)) != NULL;
}

static void
data_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = crm_session_read_finish (CRM_SESSION (source), result, &error);

  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  g_file_replace_contents_bytes_async (G_FILE (g_task_get_task_data (task)), data, NULL, FALSE,
                                       G_FILE_CREATE_REPLACE_DESTINATION, g_task_get_cancellable (task), replaced_cb,
                                       task);
}

/* Writes the attachment's bytes to @file; the task returns @file. The
 * bytes are read on a worker: on the team's server a large file takes
 * its time to come. */
static void
write_to (CrmAttachmentChip *self,
          GFile             *file,
          GTask             *task)
{
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  crm_session_read_async (self->session, read_data, GSIZE_TO_POINTER (crm_attachment_get_id (self->attachment)), NULL,
                          (GDestroyNotify) g_bytes_unref, g_task_get_cancellable (task), data_read_cb, task);
}

/**
 * crm_attachment_chip_save_async:
 * @self: a #CrmAttachmentChip
 * @file: where to save it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is written
 * @user_data: for @callback
 */
void
crm_attachment_chip_save_async (CrmAttachmentChip   *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CRM_IS_ATTACHMENT_CHIP (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_attachment_chip_save_async);
  write_to (self, file, task);
}

/**
 * crm_attachment_chip_save_finish:
 * @self: a #CrmAttachmentChip
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written
 */
gboolean
crm_attachment_chip_save_finish (CrmAttachmentChip  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  file = g_task_propagate_pointer (G_TASK (result), error);

  return file != NULL;
}

/**
 * crm_attachment_chip_dup_open_file:
 * @self: a #CrmAttachmentChip
 * @error: return location for a #GError
 *
 * Where the attachment is put for opening: the user's cache, a folder
 * per attachment, under its own name (made safe as a file name).
 *
 * Returns: (transfer full): the file, or %NULL with @error set
 */
GFile *
crm_attachment_chip_dup_open_file (CrmAttachmentChip  *self,
                                   GError            **error)
{
  g_autofree char *id = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CRM_IS_ATTACHMENT_CHIP (self), NULL);

  id = g_strdup_printf ("%" G_GINT64_FORMAT, crm_attachment_get_id (self->attachment));
  dir = g_build_filename (g_get_user_cache_dir (), APP_ID, "attachments", id, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not make the folder “%s”: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  /* a name from a mail: no folders, no hidden files */
  name = g_strdelimit (g_strdup (crm_attachment_get_name (self->attachment)), G_DIR_SEPARATOR_S "\\", '_');
  if (*name == '\0' || *name == '.')
    {
      g_autofree char *plain = g_strconcat ("attachment", name, NULL);

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
  g_autoptr(CrmAttachmentChip) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    show_toast (self, error->message);
}

static void
written_for_open_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CrmAttachmentChip *self = CRM_ATTACHMENT_CHIP (source);
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
  CrmAttachmentChip *self = CRM_ATTACHMENT_CHIP (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = crm_attachment_chip_dup_open_file (self, &error);

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
  CrmAttachmentChip *self = CRM_ATTACHMENT_CHIP (source);
  g_autoptr(GError) error = NULL;

  if (!crm_attachment_chip_save_finish (self, result, &error))
    show_toast (self, error->message);
  else
    show_toast (self, _("Attachment saved"));
}

/* The chip is held until the user answers: the conversation may be
 * rebuilt meanwhile, and the file must still be written. */
static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(CrmAttachmentChip) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    crm_attachment_chip_save_async (self, file, NULL, saved_cb, NULL);

  g_object_unref (dialog);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmAttachmentChip *self = CRM_ATTACHMENT_CHIP (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Save Attachment"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), crm_attachment_get_name (self->attachment));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
crm_attachment_chip_dispose (GObject *object)
{
  CrmAttachmentChip *self = CRM_ATTACHMENT_CHIP (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_ATTACHMENT_CHIP);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->attachment);

  G_OBJECT_CLASS (crm_attachment_chip_parent_class)->dispose (object);
}

static void
crm_attachment_chip_class_init (CrmAttachmentChipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_attachment_chip_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/common/crm-attachment-chip.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAttachmentChip, label);
  gtk_widget_class_install_action (widget_class, "chip.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "chip.save", NULL, save_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_attachment_chip_init (CrmAttachmentChip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_attachment_chip_new:
 * @store: the store that holds the attachment's bytes
 * @attachment: the attachment
 *
 * Returns: (transfer floating): a new chip
 */
GtkWidget *
crm_attachment_chip_new (CrmSession    *session,
                         CrmAttachment *attachment)
{
  CrmAttachmentChip *self;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (CRM_IS_ATTACHMENT (attachment), NULL);

  self = g_object_new (CRM_TYPE_ATTACHMENT_CHIP, NULL);
  self->session = g_object_ref (session);
  self->attachment = g_object_ref (attachment);
  size = g_format_size (crm_attachment_get_size (attachment));
  /* Translators: an attachment: its name and size */
  text = g_strdup_printf (_("%s · %s"), crm_attachment_get_name (attachment), size);
  gtk_label_set_text (self->label, text);

  return GTK_WIDGET (self);
}
