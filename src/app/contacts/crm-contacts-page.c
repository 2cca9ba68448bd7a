/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contacts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-contact-detail.h"
#include "crm-toast.h"
#include "crm-contact-editor.h"
#include "crm-loading.h"
#include "crm-contacts-page.h"
#include "crm-contact-store.h"
#include "crm-widget-write.h"
#include "crm-save-view-dialog.h"
#include "crm-view-pin.h"

/**
 * CrmContactsPage:
 *
 * The address book (FD1): a lazy list of all contacts with
 * search-as-you-type, and the selected contact's details beside it.
 */
struct _CrmContactsPage
{
  GtkWidget           parent_instance;

  /* template widgets */
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkGridView        *list_view;
  AdwStatusPage      *empty_status;
  GtkLabel           *count_label;
  GtkSpinner         *loading_spinner;
  CrmContactDetail   *detail;
  GtkWidget          *view_bar;
  GtkLabel           *view_label;

  /* owned */
  CrmSession           *session;
  CrmContactList     *contacts;
  GtkSingleSelection *selection;
  gint64              pending_select;
  CrmViewPin          pin;        /* a saved view shown (FD4) */
};

G_DEFINE_FINAL_TYPE (CrmContactsPage, crm_contacts_page, GTK_TYPE_WIDGET)

static void
update_empty_state (CrmContactsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->contacts));
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *count = NULL;

  /* while the list is first read, or read for new words, the old rows
   * (or none) stay: no "No Results" flashes by */
  if (n > 0 || crm_paged_list_get_loading (CRM_PAGED_LIST (self->contacts)))
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else if (search != NULL && *search != '\0')
    {
      adw_status_page_set_icon_name (self->empty_status, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_status, _("No Results"));
      adw_status_page_set_description (self->empty_status,
                                       _("No contact has a name, company, address, phone number "
                                         "or tag starting with these words."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_status, "x-office-address-book-symbolic");
      adw_status_page_set_title (self->empty_status, _("No Contacts"));
      adw_status_page_set_description (self->empty_status,
                                       _("Add the people and companies the office works with."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }

  count = g_strdup_printf (ngettext ("%u contact", "%u contacts", n), n);
  gtk_label_set_label (self->count_label, count);
}

static void
select_position (CrmContactsPage *self,
                 guint            position)
{
  if (position == G_MAXUINT)
    return;

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
items_changed_cb (CrmContactsPage *self,
                  guint            position,
                  guint            removed,
                  guint            added,
                  GListModel      *model)
{
  update_empty_state (self);
}

/* A contact to select once the list is read again (after a save, or
 * when opened from elsewhere): found among the ids the list holds. */
static void
loaded_cb (CrmContactsPage *self,
           CrmPagedList    *list)
{
  if (self->pending_select != 0)
    {
      gint64 id = self->pending_select;

      self->pending_select = 0;
      select_position (self, crm_contact_list_find (self->contacts, id));
    }
}

static void
selection_changed_cb (CrmContactsPage   *self,
                      GParamSpec        *pspec,
                      GtkSelectionModel *selection)
{
  CrmContact *contact = gtk_single_selection_get_selected_item (self->selection);

  crm_contact_detail_set_contact (self->detail, contact);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.edit", contact != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.delete", contact != NULL);
}

static void
list_activate_cb (CrmContactsPage *self,
                  guint            position,
                  GtkGridView     *list_view)
{
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->detail));
}

/* The search, as a saved view keeps it. */
static GVariant *
bar_variant (CrmContactsPage *self)
{
  CrmContactFilter filter = { gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) };

  return crm_contact_filter_to_variant (&filter);
}

static void
search_changed_cb (CrmContactsPage *self,
                   GtkSearchEntry  *entry)
{
  /* the bar shows a view of the contacts whole: the view is its name */
  crm_view_pin_get (&self->pin, bar_variant (self));
  crm_contact_list_set_search (self->contacts, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/**
 * crm_contacts_page_show_view:
 * @self: a #CrmContactsPage
 * @view: a saved view of the contacts
 *
 * Shows the contacts @view lets through: its search in the entry, its
 * name above the list.
 */
void
crm_contacts_page_show_view (CrmContactsPage *self,
                             CrmSavedView    *view)
{
  g_autoptr(GError) error = NULL;
  CrmContactFilter filter;

  g_return_if_fail (CRM_IS_CONTACTS_PAGE (self));
  g_return_if_fail (CRM_IS_SAVED_VIEW (view));

  if (!crm_contact_filter_from_variant (crm_saved_view_get_filter (view), &filter, &error))
    {
      crm_toast_show (GTK_WIDGET (self), error->message);
      return;
    }
  crm_view_pin_begin (&self->pin, view);
  crm_contacts_page_set_search (self, filter.search);
  crm_view_pin_end (&self->pin, bar_variant (self));
}

static void
view_saved_cb (CrmContactsPage   *self,
               const char        *name,
               CrmSaveViewDialog *dialog)
{
  /* Translators: a toast; the name of a saved view */
  g_autofree char *text = g_strdup_printf (_("View “%s” saved"), name);

  crm_toast_show (GTK_WIDGET (self), text);
}

static void
save_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrmContactsPage *self = CRM_CONTACTS_PAGE (widget);
  CrmSaveViewDialog *dialog;

  dialog = crm_save_view_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->session, "contacts",
                                     bar_variant (self));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (view_saved_cb), self, G_CONNECT_SWAPPED);
}

static void
leave_view_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrmContactsPage *self = CRM_CONTACTS_PAGE (widget);

  crm_view_pin_clear (&self->pin);
  crm_contacts_page_set_search (self, NULL);
}

static void
stop_search_cb (CrmContactsPage *self,
                GtkSearchEntry  *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
detail_back_cb (CrmContactsPage  *self,
                CrmContactDetail *detail)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

static void
editor_saved_cb (CrmContactsPage  *self,
                 gint64            contact_id,
                 CrmContactEditor *editor)
{
  /* as stored: read back by the editor's writer */
  CrmContact *contact = crm_contact_editor_get_contact (editor);

  /* The list refreshes at idle; select the saved contact then. */
  self->pending_select = contact_id;
  crm_contact_detail_set_contact (self->detail, contact);
}

static void
open_editor (CrmContactsPage *self,
             CrmContact      *contact)
{
  CrmContactEditor *editor = crm_contact_editor_new (self->session, contact);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (CRM_CONTACTS_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrmContactsPage *self = CRM_CONTACTS_PAGE (widget);
  CrmContact *contact = crm_contact_detail_get_contact (self->detail);

  if (contact != NULL)
    open_editor (self, contact);
}

static gboolean
delete_write (CrmSession  *writer,
              GVariant    *args,
              GError     **error)
{
  gint64 id;

  g_variant_get (args, "(x&s)", &id, NULL);

  return crm_contact_store_delete (crm_contact_store_from_session (writer), id, error);
}

static void
deleted_cb (GtkWidget    *widget,
            GVariant     *args,
            const GError *error)
{
  CrmContactsPage *self = CRM_CONTACTS_PAGE (widget);
  g_autofree char *title = NULL;
  CrmContact *contact;
  const char *name;
  gint64 id;

  g_variant_get (args, "(x&s)", &id, &name);
  if (error != NULL)
    title = g_strdup (error->message);
  else
    /* Translators: %s is a contact's name */
    title = g_strdup_printf (_("“%s” deleted"), name);

  contact = crm_contact_detail_get_contact (self->detail);
  if (error == NULL && contact != NULL && crm_contact_get_id (contact) == id)
    crm_contact_detail_set_contact (self->detail, NULL);

  crm_toast_show (GTK_WIDGET (self), title);
}

static void
delete_response_cb (CrmContactsPage  *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "contact-name");
  gint64 id;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "contact-id"));
  crm_widget_write (GTK_WIDGET (self), self->session, delete_write, g_variant_new ("(xs)", id, name ? name : ""),
                    deleted_cb);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrmContactsPage *self = CRM_CONTACTS_PAGE (widget);
  CrmContact *contact = crm_contact_detail_get_contact (self->detail);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (contact == NULL)
    return;

  /* Translators: %s is a contact's name */
  heading = g_strdup_printf (_("Delete “%s”?"), crm_contact_get_name (contact));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   crm_contact_get_kind (contact) == CRM_CONTACT_COMPANY
                                   ? _("Its addresses, phone numbers and notes are deleted too; "
                                       "its people stay, without a company. The history keeps a record.")
                                   : _("Their addresses, phone numbers and notes are deleted too. "
                                       "The history keeps a record."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "contact-id",
                     GSIZE_TO_POINTER ((gsize) crm_contact_get_id (contact)));
  g_object_set_data_full (G_OBJECT (dialog), "contact-name",
                          g_strdup (crm_contact_get_name (contact)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
crm_contacts_page_map (GtkWidget *widget)
{
  CrmContactsPage *self = CRM_CONTACTS_PAGE (widget);

  if (self->selection != NULL && gtk_grid_view_get_model (self->list_view) == NULL)
    gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  GTK_WIDGET_CLASS (crm_contacts_page_parent_class)->map (widget);
}

static void
crm_contacts_page_dispose (GObject *object)
{
  GtkWidget *child;
  CrmContactsPage *self = (CrmContactsPage *)object;

  self->pin.bar = NULL;
  self->pin.label = NULL;
  crm_view_pin_clear (&self->pin);
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CONTACTS_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->contacts);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_contacts_page_parent_class)->dispose (object);
}

static void
crm_contacts_page_class_init (CrmContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_contacts_page_dispose;

  widget_class->map = crm_contacts_page_map;

  g_type_ensure (CRM_TYPE_CONTACT);
  g_type_ensure (CRM_TYPE_CONTACT_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/contacts/crm-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, detail);
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, view_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmContactsPage, view_label);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_back_cb);

  gtk_widget_class_install_action (widget_class, "contacts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "contacts.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "contacts.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "contacts.save-view", NULL, save_view_action);
  gtk_widget_class_install_action (widget_class, "contacts.leave-view", NULL, leave_view_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_contacts_page_init (CrmContactsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pin.bar = self->view_bar;
  self->pin.label = self->view_label;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.edit", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.delete", FALSE);
}

void
crm_contacts_page_set_session (CrmContactsPage *self,
                               CrmSession      *session)
{
  g_return_if_fail (CRM_IS_CONTACTS_PAGE (self));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  self->contacts = crm_contact_list_new (session);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->contacts)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  g_signal_connect_object (self->contacts, "items-changed",
                           G_CALLBACK (items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->contacts, "loaded",
                           G_CALLBACK (loaded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->contacts, "notify::loading",
                           G_CALLBACK (update_empty_state), self, G_CONNECT_SWAPPED);
  crm_loading_follow (self->loading_spinner, CRM_PAGED_LIST (self->contacts));
  crm_loading_pause_when_hidden (GTK_WIDGET (self), CRM_PAGED_LIST (self->contacts));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* The list view gets its model when it is first shown: over a large
   * address book, GTK 4.8's list view takes tens of milliseconds to
   * take a model, which the start of the application need not pay. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  crm_contact_detail_set_session (self->detail, session);

  update_empty_state (self);
  selection_changed_cb (self, NULL, GTK_SELECTION_MODEL (self->selection));
}

/**
 * crm_contacts_page_get_list:
 * @self: a #CrmContactsPage
 *
 * Returns: (transfer none): the list the page shows
 */
CrmContactList *
crm_contacts_page_get_list (CrmContactsPage *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_PAGE (self), NULL);

  return self->contacts;
}

/**
 * crm_contacts_page_get_selected:
 * @self: a #CrmContactsPage
 *
 * Returns: (transfer none) (nullable): the contact shown in the detail
 */
CrmContact *
crm_contacts_page_get_selected (CrmContactsPage *self)
{
  g_return_val_if_fail (CRM_IS_CONTACTS_PAGE (self), NULL);

  return crm_contact_detail_get_contact (self->detail);
}

void
crm_contacts_page_select (CrmContactsPage *self,
                          gint64           contact_id)
{
  g_return_if_fail (CRM_IS_CONTACTS_PAGE (self));

  if (crm_paged_list_get_loading (CRM_PAGED_LIST (self->contacts)))
    self->pending_select = contact_id;
  else
    select_position (self, crm_contact_list_find (self->contacts, contact_id));
}

void
crm_contacts_page_focus_search (CrmContactsPage *self)
{
  g_return_if_fail (CRM_IS_CONTACTS_PAGE (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
crm_contacts_page_set_search (CrmContactsPage *self,
                              const char      *text)
{
  g_return_if_fail (CRM_IS_CONTACTS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  crm_contact_list_set_search (self->contacts, text);
}
