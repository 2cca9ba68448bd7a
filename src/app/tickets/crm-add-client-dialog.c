/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-add-client-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-add-client-dialog.h"

/**
 * CrmAddClientDialog:
 *
 * "Add…" beside a sender who is not in the contacts yet (TK13): their
 * name (as their mail gave it), the company a person works for, and
 * whether to add a person or a company. Says #CrmAddClientDialog::add.
 */
struct _CrmAddClientDialog
{
  AdwMessageDialog  parent_instance;

  GtkEditable      *name;
  GtkEditable      *company;
};

G_DEFINE_FINAL_TYPE (CrmAddClientDialog, crm_add_client_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  ADD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
crm_add_client_dialog_response (AdwMessageDialog *dialog,
                                const char       *response)
{
  CrmAddClientDialog *self = CRM_ADD_CLIENT_DIALOG (dialog);
  gboolean person = g_str_equal (response, "person");
  const char *company = gtk_editable_get_text (self->company);

  if (ADW_MESSAGE_DIALOG_CLASS (crm_add_client_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_add_client_dialog_parent_class)->response (dialog, response);
  if (!person && !g_str_equal (response, "company"))
    return;

  g_signal_emit (self, signals[ADD], 0, person ? CRM_CONTACT_PERSON : CRM_CONTACT_COMPANY,
                 gtk_editable_get_text (self->name), person && *company != '\0' ? company : NULL);
}

static GtkEditable *
add_entry (GtkListBox *box,
           const char *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (box, row);

  return GTK_EDITABLE (row);
}

static void
crm_add_client_dialog_class_init (CrmAddClientDialogClass *klass)
{
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_add_client_dialog_response;

  /**
   * CrmAddClientDialog::add:
   * @self: the dialog
   * @kind: a #CrmContactKind: a person or a company
   * @name: the name given
   * @company: (nullable): the company a person works for
   *
   * The user chose to add the sender.
   */
  signals[ADD] =
    g_signal_new ("add",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING);
}

static void
crm_add_client_dialog_init (CrmAddClientDialog *self)
{
  GtkWidget *fields = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (fields), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (fields, "boxed-list");
  self->name = add_entry (GTK_LIST_BOX (fields), _("Name"));
  self->company = add_entry (GTK_LIST_BOX (fields), _("Company (for a person)"));

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Add to the Contacts"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), fields);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "company", _("Add _Company"),
                                    "person", _("Add _Person"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "person", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "person");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
}

/**
 * crm_add_client_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @address: (nullable): the sender's address
 * @name: (nullable): the name to begin with
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_add_client_dialog_new (GtkWindow  *parent,
                           const char *address,
                           const char *name)
{
  CrmAddClientDialog *self = g_object_new (CRM_TYPE_ADD_CLIENT_DIALOG, "transient-for", parent, "modal", TRUE,
                                           "body", address ? address : "", NULL);

  gtk_editable_set_text (self->name, name ? name : "");

  return GTK_WIDGET (self);
}
