/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-save-view-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-save-view-dialog.h"
#include "crm-widget-write.h"

/**
 * CrmSaveViewDialog:
 *
 * "Save as View…" of a list's filter bar (FD4): the filters chosen now,
 * under a name, shared with the office or "Only for Me" (always, for
 * those who may not share). What can be refused at once (no name, too
 * long) is said as it is typed; what the database refuses (a name
 * taken) brings the dialog back with the name and the reason. Saved,
 * it says #CrmSaveViewDialog::saved and goes.
 */
struct _CrmSaveViewDialog
{
  AdwMessageDialog  parent_instance;

  /* template widgets */
  AdwEntryRow      *name_row;
  AdwActionRow     *private_row;
  GtkSwitch        *private_switch;
  GtkLabel         *hint;

  /* owned */
  CrmSession       *session;
  char             *module;
  GVariant         *filter;
};

G_DEFINE_FINAL_TYPE (CrmSaveViewDialog, crm_save_view_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_hint (CrmSaveViewDialog *self,
           const char        *text)
{
  gtk_label_set_text (self->hint, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint), text != NULL);
}

static gboolean
check (CrmSaveViewDialog  *self,
       GError            **error)
{
  return crm_view_store_check (crm_view_store_from_session (self->session), self->module,
                               gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                               !gtk_switch_get_active (self->private_switch), error);
}

static void
changed_cb (CrmSaveViewDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean fine;

  if (self->session == NULL)
    return;
  fine = check (self, &error);
  /* an empty name is not yet a mistake */
  show_hint (self, !fine && *gtk_editable_get_text (GTK_EDITABLE (self->name_row)) != '\0' ? error->message : NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", fine);
}

static gboolean
add_view (CrmSession  *writer,
          GVariant    *args,
          GError     **error)
{
  const char *module, *name;
  gboolean shared;
  g_autoptr(GVariant) filter = NULL;

  g_variant_get (args, "(&s&sbv)", &module, &name, &shared, &filter);

  return crm_view_store_add (crm_view_store_from_session (writer), module, name, shared, filter, error) != 0;
}

static void
added_cb (GtkWidget    *widget,
          GVariant     *args,
          const GError *error)
{
  CrmSaveViewDialog *self = CRM_SAVE_VIEW_DIALOG (widget);
  const char *name;

  if (error != NULL)
    {
      /* back as it was, with the reason */
      show_hint (self, error->message);
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  g_variant_get_child (args, 1, "&s", &name);
  g_signal_emit (self, signals[SAVED], 0, name);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
crm_save_view_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  CrmSaveViewDialog *self = CRM_SAVE_VIEW_DIALOG (dialog);
  g_autoptr(GError) error = NULL;

  if (ADW_MESSAGE_DIALOG_CLASS (crm_save_view_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_save_view_dialog_parent_class)->response (dialog, response);

  if (!g_str_equal (response, "save") || !check (self, &error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  /* hidden, not gone, until the database answers */
  crm_widget_write (GTK_WIDGET (self), self->session, add_view,
                    g_variant_new ("(ssbv)", self->module, gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                   !gtk_switch_get_active (self->private_switch), self->filter),
                    added_cb);
}

static void
crm_save_view_dialog_dispose (GObject *object)
{
  CrmSaveViewDialog *self = CRM_SAVE_VIEW_DIALOG (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_save_view_dialog_parent_class)->dispose (object);
}

static void
crm_save_view_dialog_finalize (GObject *object)
{
  CrmSaveViewDialog *self = CRM_SAVE_VIEW_DIALOG (object);

  g_free (self->module);
  g_clear_pointer (&self->filter, g_variant_unref);

  G_OBJECT_CLASS (crm_save_view_dialog_parent_class)->finalize (object);
}

static void
crm_save_view_dialog_class_init (CrmSaveViewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_save_view_dialog_dispose;
  object_class->finalize = crm_save_view_dialog_finalize;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_save_view_dialog_response;

  /**
   * CrmSaveViewDialog::saved:
   * @self: the dialog
   * @name: the view's name
   *
   * The view is saved; the dialog goes.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/common/crm-save-view-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSaveViewDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSaveViewDialog, private_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSaveViewDialog, private_switch);
  gtk_widget_class_bind_template_child (widget_class, CrmSaveViewDialog, hint);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
crm_save_view_dialog_init (CrmSaveViewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the answer of the database may bring it back */
  gtk_window_set_hide_on_close (GTK_WINDOW (self), TRUE);
}

/**
 * crm_save_view_dialog_new:
 * @parent: the window of the list
 * @session: the window's session (its user saves the view)
 * @module: the list: "tickets", "requests", "contacts", "offers" or
 *   "searches"
 * @filter: (transfer floating): the list's filter now, as the module
 *   saves it (crm_ticket_filter_to_variant () and the like)
 *
 * Returns: (transfer none): the dialog, shown
 */
CrmSaveViewDialog *
crm_save_view_dialog_new (GtkWindow  *parent,
                          CrmSession *session,
                          const char *module,
                          GVariant   *filter)
{
  CrmSaveViewDialog *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (module != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  self = g_object_new (CRM_TYPE_SAVE_VIEW_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->module = g_strdup (module);
  self->filter = g_variant_ref_sink (filter);
  /* who may not share keeps it for themselves */
  if (!crm_view_store_check (crm_view_store_from_session (session), module, "-", TRUE, &error) &&
      g_error_matches (error, CRM_ERROR, CRM_ERROR_PERMISSION))
    {
      gtk_switch_set_active (self->private_switch, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->private_switch), FALSE);
      adw_action_row_set_subtitle (self->private_row, _("Only managers and administrators share views with the office."));
    }
  changed_cb (self);
  gtk_window_present (GTK_WINDOW (self));

  return self;
}

/**
 * crm_save_view_dialog_set_name:
 * @self: a #CrmSaveViewDialog
 * @name: a name to begin with
 */
void
crm_save_view_dialog_set_name (CrmSaveViewDialog *self,
                               const char        *name)
{
  g_return_if_fail (CRM_IS_SAVE_VIEW_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}
