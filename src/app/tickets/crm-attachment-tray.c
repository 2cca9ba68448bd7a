/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-attachment-tray"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-attachment-tray.h"
#include "crm-toast.h"
#include "crm-ticket-store.h"

/**
 * CrmAttachmentTray:
 *
 * The files for the next reply, under the composer: one button each
 * ("name · size ✕") that takes the file away. Hidden while empty.
 * Files chosen with crm_attachment_tray_choose() are read off the main
 * loop; their size is checked when the mail is sent.
 */
struct _CrmAttachmentTray
{
  GtkWidget  parent_instance;

  GPtrArray *files;   /* CrmTicketAttachment */
};

G_DEFINE_FINAL_TYPE (CrmAttachmentTray, crm_attachment_tray, GTK_TYPE_WIDGET)

static void
remove_clicked_cb (GtkButton         *button,
                   CrmAttachmentTray *self)
{
  CrmTicketAttachment *attachment = g_object_get_data (G_OBJECT (button), "crm-attachment");

  g_ptr_array_remove (self->files, attachment);
  gtk_widget_unparent (GTK_WIDGET (button));
  gtk_widget_set_visible (GTK_WIDGET (self), self->files->len > 0);
}

/**
 * crm_attachment_tray_add:
 * @self: a #CrmAttachmentTray
 * @name: the file's name
 * @data: its bytes
 *
 * Adds a file to the next reply.
 */
void
crm_attachment_tray_add (CrmAttachmentTray *self,
                         const char        *name,
                         GBytes            *data)
{
  CrmTicketAttachment *attachment;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  GtkWidget *chip;

  g_return_if_fail (CRM_IS_ATTACHMENT_TRAY (self));

  attachment = g_new0 (CrmTicketAttachment, 1);
  attachment->name = g_strdup (name);
  attachment->data = data != NULL ? g_bytes_ref (data) : NULL;
  g_ptr_array_add (self->files, attachment);

  size = g_format_size (data != NULL ? g_bytes_get_size (data) : 0);
  /* Translators: a file to send; the button removes it */
  text = g_strdup_printf (_("%s · %s ✕"), name, size);
  chip = gtk_button_new_with_label (text);
  gtk_widget_set_tooltip_text (chip, _("Do not send this file"));
  g_object_set_data (G_OBJECT (chip), "crm-attachment", attachment);
  g_signal_connect_object (chip, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);
  gtk_widget_set_parent (chip, GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CrmAttachmentTray) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  g_autofree char *name = g_file_get_basename (G_FILE (source));

  if (data == NULL)
    crm_toast_show (GTK_WIDGET (self), error->message);
  else
    crm_attachment_tray_add (self, name, data);
}

static void
chooser_response_cb (GtkNativeDialog   *dialog,
                     int                response,
                     CrmAttachmentTray *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));

      /* read off the main loop; the size is checked when sending */
      for (guint i = 0; i < g_list_model_get_n_items (chosen); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (chosen, i);

          g_file_load_bytes_async (file, NULL, loaded_cb, g_object_ref (self));
        }
    }

  g_object_unref (dialog);
}

/**
 * crm_attachment_tray_choose:
 * @self: a #CrmAttachmentTray
 *
 * Asks for files to add, as the composer's Attach… does.
 */
void
crm_attachment_tray_choose (CrmAttachmentTray *self)
{
  GtkFileChooserNative *dialog;

  g_return_if_fail (CRM_IS_ATTACHMENT_TRAY (self));

  dialog = gtk_file_chooser_native_new (_("Attach Files"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * crm_attachment_tray_get_files:
 * @self: a #CrmAttachmentTray
 *
 * Returns: (transfer none) (element-type CrmTicketAttachment): the files
 */
GPtrArray *
crm_attachment_tray_get_files (CrmAttachmentTray *self)
{
  g_return_val_if_fail (CRM_IS_ATTACHMENT_TRAY (self), NULL);

  return self->files;
}

/**
 * crm_attachment_tray_dup_files:
 * @self: a #CrmAttachmentTray
 *
 * Returns: (transfer full) (element-type CrmTicketAttachment): a copy of
 *   the files, to give back later (Undo)
 */
GPtrArray *
crm_attachment_tray_dup_files (CrmAttachmentTray *self)
{
  GPtrArray *copy;

  g_return_val_if_fail (CRM_IS_ATTACHMENT_TRAY (self), NULL);

  copy = g_ptr_array_new_with_free_func (crm_ticket_attachment_free);
  for (guint i = 0; i < self->files->len; i++)
    {
      CrmTicketAttachment *from = g_ptr_array_index (self->files, i);
      CrmTicketAttachment *file = g_new0 (CrmTicketAttachment, 1);

      file->name = g_strdup (from->name);
      file->mime_type = g_strdup (from->mime_type);
      file->data = from->data != NULL ? g_bytes_ref (from->data) : NULL;
      g_ptr_array_add (copy, file);
    }

  return copy;
}

/**
 * crm_attachment_tray_clear:
 * @self: a #CrmAttachmentTray
 *
 * Takes every file away.
 */
void
crm_attachment_tray_clear (CrmAttachmentTray *self)
{
  GtkWidget *child;

  g_return_if_fail (CRM_IS_ATTACHMENT_TRAY (self));

  g_ptr_array_set_size (self->files, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
crm_attachment_tray_dispose (GObject *object)
{
  CrmAttachmentTray *self = CRM_ATTACHMENT_TRAY (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->files, g_ptr_array_unref);

  G_OBJECT_CLASS (crm_attachment_tray_parent_class)->dispose (object);
}

static void
crm_attachment_tray_class_init (CrmAttachmentTrayClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = crm_attachment_tray_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attachments");
}

static void
crm_attachment_tray_init (CrmAttachmentTray *self)
{
  self->files = g_ptr_array_new_with_free_func (crm_ticket_attachment_free);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 6);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
