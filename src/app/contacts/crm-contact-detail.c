/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contact-detail"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-attachment-chip.h"
#include "crm-contact-detail.h"
#include "crm-language-row.h"
#include "crm-last-order-row.h"
#include "crm-format.h"
#include "crm-contact-store.h"
#include "crm-message-store.h"
#include "crm-record-tasks.h"
#include "crm-ticket-store.h"
#include "crm-widget-write.h"

/**
 * CrmContactDetail:
 *
 * One contact: addresses, phones, the last order in the office's
 * e-shop, postal address, company or people
 * (each opens with a click), manager, tags,
 * the CRM note, notes (with a field to add one), its tasks (with "Add
 * Task…") and the history.
 */
struct _CrmContactDetail
{
  GtkWidget       parent_instance;

  /* template widgets */
  GtkStack       *stack;
  AdwAvatar      *avatar;
  GtkLabel       *name_label;
  GtkLabel       *subtitle_label;
  GtkWidget      *back_button;
  GtkWidget      *emails_group;
  GtkListBox     *emails_list;
  GtkWidget      *phones_group;
  GtkListBox     *phones_list;
  CrmLastOrderRow *last_order_row;
  GtkWidget      *address_group;
  AdwActionRow   *address_row;
  AdwActionRow   *company_row;
  AdwActionRow   *manager_row;
  AdwActionRow   *language_row;
  AdwActionRow   *tags_row;
  GtkWidget      *members_group;
  GtkListBox     *members_list;
  GtkWidget      *note_group;
  GtkLabel       *note_label;
  GtkListBox     *notes_list;
  AdwEntryRow    *new_note_row;
  GtkListBox     *history_list;
  CrmRecordTasks *tasks_group;
  GtkWidget      *tickets_group;
  GtkListBox     *tickets_list;
  GtkWidget      *files_group;
  GtkFlowBox     *files_box;

  /* owned */
  CrmSession       *session;
  CrmContact     *contact;
  GCancellable   *loading;   /* the card's reading, on a worker */
  gint64          shown_id;  /* whose card the lists below show */

  gboolean        folded;
};

G_DEFINE_FINAL_TYPE (CrmContactDetail, crm_contact_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTACT,
  PROP_FOLDED,
  N_PROPS
};

enum {
  BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
copy_clicked_cb (GtkButton *button,
                 gpointer   user_data)
{
  const char *text = g_object_get_data (G_OBJECT (button), "text");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), text);
}

static GtkWidget *
create_copy_row (gpointer item,
                 gpointer user_data)
{
  const char *text = gtk_string_object_get_string (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (copy, "flat");
  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy, _("Copy"));
  g_object_set_data_full (G_OBJECT (copy), "text", g_strdup (text), g_free);
  g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);

  return row;
}

static GtkWidget *
create_member_row (gpointer item,
                   gpointer user_data)
{
  CrmContact *member = item;
  GtkWidget *row = adw_action_row_new ();
  const char * const *emails = crm_contact_get_emails (member);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_contact_get_name (member));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  if (emails[0] != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), emails[0]);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  /* a person of the company opens on the contacts page */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.show-contact");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new_int64 (crm_contact_get_id (member)));

  return row;
}

static GtkWidget *
create_note_row (gpointer item,
                 gpointer user_data)
{
  CrmNote *note = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = crm_format_date_time (crm_note_get_at (note));
  g_autofree char *subtitle = NULL;

  if (crm_note_get_author (note) != NULL)
    subtitle = g_strdup_printf ("%s · %s", crm_note_get_author (note), when);
  else
    subtitle = g_steal_pointer (&when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_note_get_body (note));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  return row;
}

static const char *
translate_field (const char *field)
{
  static const struct { const char *key; const char *label; } fields[] = {
    { "name", N_("name") },
    { "kind", N_("kind") },
    { "company", N_("company") },
    { "manager", N_("manager") },
    { "emails", N_("e-mail addresses") },
    { "phones", N_("phone numbers") },
    { "tags", N_("tags") },
    { "note", N_("CRM note") },
    { "address", N_("postal address") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_equal (field, fields[i].key))
      return _(fields[i].label);

  return field;
}

static char *
describe_history (CrmHistoryEntry *entry)
{
  const char *action = crm_history_entry_get_action (entry);
  const char *detail = crm_history_entry_get_detail (entry);

  if (g_strcmp0 (action, "created") == 0)
    return g_strdup (_("Created"));
  if (g_strcmp0 (action, "deleted") == 0)
    return g_strdup (_("Deleted"));
  if (g_strcmp0 (action, "note-added") == 0)
    return g_strdup (_("Note added"));
  if (g_strcmp0 (action, "updated") == 0 && detail != NULL)
    {
      g_auto(GStrv) keys = g_strsplit (detail, ", ", -1);
      g_autoptr(GString) changed = g_string_new (NULL);

      for (guint i = 0; keys[i] != NULL; i++)
        {
          if (changed->len > 0)
            g_string_append (changed, ", ");
          g_string_append (changed, translate_field (keys[i]));
        }

      /* Translators: %s lists what changed, e.g. "name, phone numbers" */
      return g_strdup_printf (_("Changed: %s"), changed->str);
    }

  return g_strdup (action);
}

static GtkWidget *
create_history_row (gpointer item,
                    gpointer user_data)
{
  CrmHistoryEntry *entry = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = describe_history (entry);
  g_autofree char *when = crm_format_date_time (crm_history_entry_get_at (entry));
  g_autofree char *subtitle = NULL;

  if (crm_history_entry_get_actor (entry) != NULL)
    subtitle = g_strdup_printf ("%s · %s", crm_history_entry_get_actor (entry), when);
  else
    subtitle = g_steal_pointer (&when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
bind_strings (GtkListBox         *list,
              GtkWidget          *group,
              const char * const *strings)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (strings);

  gtk_list_box_bind_model (list, G_LIST_MODEL (model), create_copy_row, NULL, NULL);
  gtk_widget_set_visible (group, strings != NULL && strings[0] != NULL);
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  adw_action_row_set_subtitle (row, value ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && *value != '\0');
}

static GtkWidget *
create_ticket_row (gpointer item,
                   gpointer user_data)
{
  CrmTicket *ticket = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = crm_format_date_time (crm_ticket_get_updated (ticket));
  g_autofree char *subtitle = g_strdup_printf ("#%lld · %s · %s", (long long) crm_ticket_get_id (ticket),
                                               crm_ticket_display_name (crm_ticket_get_status (ticket)), when);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), crm_ticket_get_subject (ticket));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

/* What the card shows beyond the contact's own row, read together on
 * a worker: on the team's server each is a round trip, and the user
 * goes through the list with the arrow keys. */
typedef struct
{
  gint64      id;
  gboolean    company;
  gboolean    all;        /* also the language and the members */
  char       *language;
  GListModel *members;
  GListModel *notes;
  GListModel *history;
  GListModel *tickets;
  GListModel *files;
} Card;

static void
card_free (gpointer data)
{
  Card *card = data;

  g_free (card->language);
  g_clear_object (&card->members);
  g_clear_object (&card->notes);
  g_clear_object (&card->history);
  g_clear_object (&card->tickets);
  g_clear_object (&card->files);
  g_free (card);
}

static gboolean
read_card (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  const Card *asked = data;
  Card *card = g_new0 (Card, 1);

  card->id = asked->id;
  card->company = asked->company;
  card->all = asked->all;
  if (card->all)
    {
      /* issue 10, defect 12 */
      card->language = crm_language_row_describe (reader, card->id);
      if (card->company)
        card->members = crm_contact_store_list_company_members (crm_contact_store_from_session (reader), card->id, NULL);
    }
  card->notes = crm_contact_store_list_notes (crm_contact_store_from_session (reader), card->id, NULL);
  card->history = crm_session_list_history (reader, "contact", card->id, NULL);
  /* the contact's history of mail: tickets of comments only are not in it (TK9) */
  card->tickets = crm_ticket_store_list_contact_tickets (crm_ticket_store_from_session (reader), card->id, 20, NULL);
  /* the files exchanged with the client (RQ4) */
  card->files = crm_message_store_list_contact_files (crm_message_store_from_session (reader), card->id, 30, NULL);
  *result = card;

  return TRUE;
}

static void
show_card (CrmContactDetail *self,
           Card             *card)
{
  GListModel *notes = card->notes;
  GListModel *history = card->history;

  if (card->all)
    {
      set_row_value (self->language_row, card->language);
      gtk_list_box_bind_model (self->members_list, card->members, create_member_row, NULL, NULL);
      gtk_widget_set_visible (self->members_group,
                              card->members != NULL && g_list_model_get_n_items (card->members) > 0);
    }

  gtk_list_box_bind_model (self->notes_list, notes, create_note_row, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_list),
                          notes != NULL && g_list_model_get_n_items (notes) > 0);
  gtk_list_box_bind_model (self->history_list, history, create_history_row, NULL, NULL);

  {
    GListModel *tickets = card->tickets;

    gtk_list_box_bind_model (self->tickets_list, tickets, create_ticket_row, NULL, NULL);
    gtk_widget_set_visible (self->tickets_group, tickets != NULL && g_list_model_get_n_items (tickets) > 0);
  }

  {
    GListModel *files = card->files;
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->files_box))) != NULL)
      gtk_flow_box_remove (self->files_box, child);
    for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
      {
        g_autoptr(CrmAttachment) file = g_list_model_get_item (files, i);

        gtk_flow_box_append (self->files_box, crm_attachment_chip_new (self->session, file));
      }
    gtk_widget_set_visible (self->files_group, files != NULL && g_list_model_get_n_items (files) > 0);
  }
}

static void
card_read_cb (GtkWidget    *widget,
              gpointer      result,
              const GError *error)
{
  CrmContactDetail *self = CRM_CONTACT_DETAIL (widget);
  Card *card = result;

  if (card == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Reading the contact’s card failed: %s", error->message);
      return;
    }
  /* another contact shown meanwhile */
  if (self->contact != NULL && crm_contact_get_id (self->contact) == card->id)
    show_card (self, card);
}

/* Reads, on a worker, what the card shows of the contact beyond its
 * row (@all: also its language and a company's people). */
static void
read_card_later (CrmContactDetail *self,
                 gboolean          all)
{
  Card *asked = g_new0 (Card, 1);

  asked->id = crm_contact_get_id (self->contact);
  asked->company = crm_contact_get_kind (self->contact) == CRM_CONTACT_COMPANY;
  asked->all = all;
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  crm_widget_read (GTK_WIDGET (self), self->session, read_card, asked, card_free, card_free, self->loading,
                   card_read_cb);
}

static void
reload_notes_and_history (CrmContactDetail *self)
{
  read_card_later (self, FALSE);
}

static void
update (CrmContactDetail *self)
{
  CrmContact *contact = self->contact;
  g_autofree char *tags = NULL;
  g_autofree char *address = NULL;
  gboolean company;

  if (contact == NULL || self->session == NULL)
    {
      crm_last_order_row_set_emails (self->last_order_row, NULL);
      crm_record_tasks_set_record (self->tasks_group, NULL, 0, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  company = crm_contact_get_kind (contact) == CRM_CONTACT_COMPANY;

  adw_avatar_set_text (self->avatar, crm_contact_get_name (contact));
  adw_avatar_set_icon_name (self->avatar, company ? "system-users-symbolic" : NULL);
  adw_avatar_set_show_initials (self->avatar, !company);
  gtk_label_set_label (self->name_label, crm_contact_get_name (contact));
  gtk_label_set_label (self->subtitle_label, company ? _("Company") : _("Person"));

  bind_strings (self->emails_list, self->emails_group, crm_contact_get_emails (contact));
  bind_strings (self->phones_list, self->phones_group, crm_contact_get_phones (contact));
  crm_last_order_row_set_session (self->last_order_row, self->session);
  crm_last_order_row_set_emails (self->last_order_row, crm_contact_get_emails (contact));
  crm_record_tasks_set_session (self->tasks_group, self->session);
  {
    /* Translators: what a task added from a contact's card belongs to: "Contact", the contact's name */
    g_autofree char *record = g_strdup_printf (_("%s · %s"), _("Contact"), crm_contact_get_name (contact));

    crm_record_tasks_set_record (self->tasks_group, "contacts", crm_contact_get_id (contact), record);
  }

  address = crm_contact_dup_postal_address (contact);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->address_row), address ? address : "");
  gtk_widget_set_visible (self->address_group, address != NULL);

  set_row_value (self->company_row, crm_contact_get_company_name (contact));
  set_row_value (self->manager_row, crm_contact_get_manager_name (contact));
  tags = g_strjoinv (", ", (char **) crm_contact_get_tags (contact));
  set_row_value (self->tags_row, tags);

  gtk_label_set_label (self->note_label, crm_contact_get_note (contact));
  gtk_widget_set_visible (self->note_group, crm_contact_get_note (contact) != NULL);

  /* the rest from a worker: what another contact showed goes at once */
  if (self->shown_id != crm_contact_get_id (contact))
    {
      Card empty = { crm_contact_get_id (contact), company, TRUE, NULL };

      show_card (self, &empty);
      self->shown_id = crm_contact_get_id (contact);
    }
  read_card_later (self, TRUE);

  gtk_stack_set_visible_child_name (self->stack, "contact");
}

static gboolean
add_note_write (CrmSession  *writer,
                GVariant    *args,
                GError     **error)
{
  const char *text;
  gint64 contact_id;

  g_variant_get (args, "(x&s)", &contact_id, &text);

  return crm_contact_store_add_note (crm_contact_store_from_session (writer), contact_id, text, error) != 0;
}

static void
note_added_cb (GtkWidget    *widget,
               GVariant     *args,
               const GError *error)
{
  CrmContactDetail *self = CRM_CONTACT_DETAIL (widget);
  const char *text;
  gint64 contact_id;

  g_variant_get (args, "(x&s)", &contact_id, &text);
  if (self->session == NULL || self->contact == NULL || crm_contact_get_id (self->contact) != contact_id)
    return;

  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->new_note_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_note_row), error->message);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->new_note_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_note_row), NULL);
  /* what was written since stays */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->new_note_row)), text) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->new_note_row), "");
  reload_notes_and_history (self);
}

static void
note_apply_cb (CrmContactDetail *self,
               AdwEntryRow      *row)
{
  if (self->contact == NULL)
    return;

  crm_widget_write (GTK_WIDGET (self), self->session, add_note_write,
                    g_variant_new ("(xs)", crm_contact_get_id (self->contact), gtk_editable_get_text (GTK_EDITABLE (row))),
                    note_added_cb);
}

static void
copy_address_cb (CrmContactDetail *self,
                 GtkButton        *button)
{
  g_autofree char *address = NULL;

  if (self->contact == NULL || !(address = crm_contact_dup_postal_address (self->contact)))
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), address);
}

static void
back_clicked_cb (CrmContactDetail *self,
                 GtkButton        *button)
{
  g_signal_emit (self, signals[BACK], 0);
}

static void
crm_contact_detail_dispose (GObject *object)
{
  GtkWidget *child;
  CrmContactDetail *self = (CrmContactDetail *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CONTACT_DETAIL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_object (&self->contact);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_contact_detail_parent_class)->dispose (object);
}

static void
crm_contact_detail_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CrmContactDetail *self = CRM_CONTACT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_contact_detail_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CrmContactDetail *self = CRM_CONTACT_DETAIL (object);

  switch (prop_id)
    {
    case PROP_CONTACT:
      crm_contact_detail_set_contact (self, g_value_get_object (value));
      break;

    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          gtk_widget_set_visible (self->back_button, self->folded);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_contact_detail_class_init (CrmContactDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_contact_detail_dispose;
  object_class->get_property = crm_contact_detail_get_property;
  object_class->set_property = crm_contact_detail_set_property;

  properties[PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL, CRM_TYPE_CONTACT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmContactDetail::back:
   *
   * The user asks to go back to the list (narrow window).
   */
  signals[BACK] = g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CRM_TYPE_LAST_ORDER_ROW);
  g_type_ensure (CRM_TYPE_RECORD_TASKS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/contacts/crm-contact-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, avatar);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, emails_group);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, emails_list);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, phones_group);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, phones_list);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, address_group);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, address_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, company_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, manager_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, language_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, tags_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, members_group);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, members_list);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, note_group);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, note_label);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, notes_list);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, new_note_row);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, history_list);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, tasks_group);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, tickets_group);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, tickets_list);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, files_group);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, files_box);
  gtk_widget_class_bind_template_child (widget_class, CrmContactDetail, last_order_row);
  gtk_widget_class_bind_template_callback (widget_class, note_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_address_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
crm_contact_detail_init (CrmContactDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
crm_contact_detail_set_session (CrmContactDetail *self,
                                CrmSession       *session)
{
  g_return_if_fail (CRM_IS_CONTACT_DETAIL (self));

  if (g_set_object (&self->session, session))
    update (self);
}

/**
 * crm_contact_detail_get_contact:
 * @self: a #CrmContactDetail
 *
 * Returns: (transfer none) (nullable): the contact shown
 */
CrmContact *
crm_contact_detail_get_contact (CrmContactDetail *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_DETAIL (self), NULL);

  return self->contact;
}

void
crm_contact_detail_set_contact (CrmContactDetail *self,
                                CrmContact       *contact)
{
  g_return_if_fail (CRM_IS_CONTACT_DETAIL (self));

  if (!g_set_object (&self->contact, contact))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTACT]);
}
