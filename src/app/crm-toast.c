/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-toast.h"

/**
 * crm_toast_new:
 * @text: what the toast says, as plain text
 *
 * A toast for any text: a client's name, a file's name from a mail, a
 * server's words. libadwaita 1.2 reads a toast's title as Pango markup,
 * so the text is escaped: "Smith & Sons" shows as written, and a name
 * that looks like markup stays text.
 *
 * Returns: (transfer floating): a new #AdwToast
 */
AdwToast *
crm_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  return adw_toast_new (escaped);
}

/**
 * crm_toast_undo_seconds:
 * @settings: (nullable): the application's settings
 *
 * Returns: the undo window for mail, in seconds (TK8)
 */
int
crm_toast_undo_seconds (GSettings *settings)
{
  return settings != NULL ? g_settings_get_int (settings, "undo-send-seconds") : 30;
}

static void
undo_clicked_cb (AdwToast *toast,
                 gpointer  user_data)
{
  CrmStore *store = g_object_get_data (G_OBJECT (toast), "crm-store");
  GArray *ids = g_object_get_data (G_OBJECT (toast), "crm-outbox-ids");

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!crm_outbox_cancel (store, g_array_index (ids, gint64, i), &error))
        g_warning ("Undo failed: %s", error->message);
    }
}

/**
 * crm_toast_show_undo:
 * @widget: a widget in a window with a toast overlay
 * @store: the store
 * @title: what the toast says
 * @outbox_ids: (element-type gint64): the queued messages
 * @seconds: the undo window; 0 or less: no Undo
 *
 * Offers Undo on a toast while the messages wait in the outbox; Undo
 * cancels them (TK8, OF7).
 *
 * Returns: (transfer none) (nullable): the toast shown
 */
AdwToast *
crm_toast_show_undo (GtkWidget  *widget,
                     CrmStore   *store,
                     const char *title,
                     GArray     *outbox_ids,
                     int         seconds)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return NULL;

  toast = crm_toast_new (title);
  if (outbox_ids->len > 0 && seconds > 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_timeout (toast, seconds);
      g_object_set_data_full (G_OBJECT (toast), "crm-store", g_object_ref (store), g_object_unref);
      g_object_set_data_full (G_OBJECT (toast), "crm-outbox-ids", g_array_ref (outbox_ids),
                              (GDestroyNotify) g_array_unref);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), NULL);
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);

  return toast;
}
