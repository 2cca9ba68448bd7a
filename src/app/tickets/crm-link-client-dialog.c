/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-link-client-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-link-client-dialog.h"

/**
 * CrmLinkClientDialog:
 *
 * "Link…" beside a sender who is a contact already under another
 * address (TK13): the contacts, searched as the user types (a lazy
 * list), and whether the contact gets this address and every ticket
 * from it. Says #CrmLinkClientDialog::link.
 */
struct _CrmLinkClientDialog
{
  AdwMessageDialog    parent_instance;

  CrmContactList     *contacts;
  GtkSingleSelection *selection;
  GtkSearchEntry     *search;
  GtkScrolledWindow  *scroller;
  GtkCheckButton     *address;
  GtkCheckButton     *all;
};

G_DEFINE_FINAL_TYPE (CrmLinkClientDialog, crm_link_client_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  LINK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
crm_link_client_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  CrmLinkClientDialog *self = CRM_LINK_CLIENT_DIALOG (dialog);
  CrmContact *contact = gtk_single_selection_get_selected_item (self->selection);

  if (ADW_MESSAGE_DIALOG_CLASS (crm_link_client_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (crm_link_client_dialog_parent_class)->response (dialog, response);
  if (contact == NULL || !g_str_equal (response, "link"))
    return;

  g_signal_emit (self, signals[LINK], 0, crm_contact_get_id (contact),
                 gtk_check_button_get_active (self->address), gtk_check_button_get_active (self->all));
}

static void
search_changed_cb (CrmLinkClientDialog *self)
{
  crm_contact_list_set_search (self->contacts, gtk_editable_get_text (GTK_EDITABLE (self->search)));
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 8);
  gtk_widget_set_margin_end (label, 8);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  CrmContact *contact = gtk_list_item_get_item (item);
  const char * const *emails = crm_contact_get_emails (contact);
  g_autofree char *text = g_strdup_printf ("%s%s%s", crm_contact_get_name (contact),
                                           emails && emails[0] ? " · " : "", emails && emails[0] ? emails[0] : "");

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
crm_link_client_dialog_dispose (GObject *object)
{
  CrmLinkClientDialog *self = CRM_LINK_CLIENT_DIALOG (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->contacts);

  G_OBJECT_CLASS (crm_link_client_dialog_parent_class)->dispose (object);
}

static void
crm_link_client_dialog_class_init (CrmLinkClientDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_link_client_dialog_dispose;
  ADW_MESSAGE_DIALOG_CLASS (klass)->response = crm_link_client_dialog_response;

  /**
   * CrmLinkClientDialog::link:
   * @self: the dialog
   * @contact_id: the contact chosen
   * @give_address: whether the contact gets the sender's address
   * @every_ticket: whether every ticket from the address goes to them
   *
   * The user chose the contact the sender is.
   */
  signals[LINK] =
    g_signal_new ("link",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_BOOLEAN, G_TYPE_BOOLEAN);
}

static void
crm_link_client_dialog_init (CrmLinkClientDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  self->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
  self->address = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("Also give the contact this _address")));
  self->all = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("And _every ticket from this address")));
  gtk_check_button_set_active (self->address, TRUE);
  gtk_scrolled_window_set_min_content_height (self->scroller, 220);
  gtk_widget_add_css_class (GTK_WIDGET (self->scroller), "card");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->scroller));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->address));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->all));

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Which Contact Is It?"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self), "cancel", _("_Cancel"), "link", _("_Link"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "link", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  g_signal_connect_object (self->search, "search-changed", G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * crm_link_client_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the store whose contacts are listed
 * @address: (nullable): the sender's address
 *
 * Returns: (transfer none): a new dialog
 */
GtkWidget *
crm_link_client_dialog_new (GtkWindow  *parent,
                            CrmSession *session,
                            const char *address)
{
  CrmLinkClientDialog *self;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_LINK_CLIENT_DIALOG, "transient-for", parent, "modal", TRUE,
                       "body", address ? address : "", NULL);
  self->contacts = crm_contact_list_new (session);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->contacts)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory);
  gtk_scrolled_window_set_child (self->scroller, list);

  return GTK_WIDGET (self);
}
