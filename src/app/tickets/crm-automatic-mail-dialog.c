/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-automatic-mail-dialog.h"
#include "crm-format.h"
#include "crm-widget-write.h"
#include "crm-toast.h"
#include "crm-ticket-store.h"

/**
 * CrmAutomaticMailDialog:
 *
 * Mail that opened no ticket, each with the reason: automatic replies
 * and delivery reports about mail that is in no ticket. Nothing the
 * office receives is hidden; a mail a person wrote after all is turned
 * into a ticket by hand (#CrmAutomaticMailDialog::ticket-opened).
 */
struct _CrmAutomaticMailDialog
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list;

  /* owned */
  CrmSession        *session;
  guint            n_mail;
  gboolean         reading;   /* a read on its way, on a worker */
  gboolean         again;     /* … and a change since it began */
};

G_DEFINE_FINAL_TYPE (CrmAutomaticMailDialog, crm_automatic_mail_dialog, ADW_TYPE_WINDOW)

enum {
  TICKET_OPENED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the newest mail of this kind, at most */
#define MAX_SHOWN 500

static void reload (CrmAutomaticMailDialog *self);

static void
open_clicked_cb (GtkButton              *button,
                 CrmAutomaticMailDialog *self)
{
  gint64 message_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "crm-message-id"));

  crm_automatic_mail_dialog_open_ticket (self, message_id);
}

static GtkWidget *
mail_row (CrmAutomaticMailDialog *self,
          CrmMessage             *message)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Open a Ticket"));
  g_autofree char *sender = crm_message_dup_sender (message);
  g_autofree char *when = crm_format_date_time (crm_message_get_date (message));
  g_autofree char *subtitle = NULL;
  const char *subject = crm_message_get_subject (message);

  /* Translators: a mail that opened no ticket: its sender, when it came, and why it opened none */
  subtitle = g_strdup_printf (_("%s · %s\n%s"), sender, when,
                              crm_message_get_reason (message) ? crm_message_get_reason (message) : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), subject && *subject ? subject : _("(no subject)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("A person wrote it after all: make it a ticket"));
  g_object_set_data (G_OBJECT (button), "crm-message-id", GSIZE_TO_POINTER ((gsize) crm_message_get_id (message)));
  g_signal_connect_object (button, "clicked", G_CALLBACK (open_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
show_mail (CrmAutomaticMailDialog *self,
           GListModel             *mail,
           const GError           *error)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  self->n_mail = mail != NULL ? g_list_model_get_n_items (mail) : 0;
  if (mail == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, crm_toast_new (error->message));

  for (guint i = 0; i < self->n_mail; i++)
    {
      g_autoptr(CrmMessage) message = g_list_model_get_item (mail, i);

      gtk_list_box_append (self->list, mail_row (self, message));
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_mail > 0 ? "list" : "empty");
}

static gboolean
read_mail (CrmSession    *reader,
           gpointer       data,
           gpointer      *result,
           GCancellable  *cancellable,
           GError       **error)
{
  return (*result = crm_ticket_store_list_automatic_mail (crm_ticket_store_from_session (reader), MAX_SHOWN,
                                                          error)) != NULL;
}

static void
mail_read_cb (GtkWidget    *widget,
              gpointer      result,
              const GError *error)
{
  CrmAutomaticMailDialog *self = CRM_AUTOMATIC_MAIL_DIALOG (widget);

  if (self->session == NULL)
    return;
  self->reading = FALSE;
  show_mail (self, result, error);
  if (self->again)
    {
      self->again = FALSE;
      reload (self);
    }
}

/* Read on a worker; changes that come while it reads make one more
 * read after it, not one each. */
static void
reload (CrmAutomaticMailDialog *self)
{
  if (self->reading)
    {
      self->again = TRUE;
      return;
    }
  self->reading = TRUE;
  crm_widget_read (GTK_WIDGET (self), self->session, read_mail, NULL, NULL, g_object_unref, NULL, mail_read_cb);
}

static void
store_changed_cb (CrmAutomaticMailDialog *self)
{
  reload (self);
}

static void
crm_automatic_mail_dialog_dispose (GObject *object)
{
  CrmAutomaticMailDialog *self = CRM_AUTOMATIC_MAIL_DIALOG (object);

  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (object), CRM_TYPE_AUTOMATIC_MAIL_DIALOG);

  G_OBJECT_CLASS (crm_automatic_mail_dialog_parent_class)->dispose (object);
}

static void
crm_automatic_mail_dialog_class_init (CrmAutomaticMailDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_automatic_mail_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Crm/ui/tickets/crm-automatic-mail-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmAutomaticMailDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomaticMailDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmAutomaticMailDialog, list);

  /**
   * CrmAutomaticMailDialog::ticket-opened:
   * @self: the dialog
   * @ticket_id: the ticket made from a mail
   */
  signals[TICKET_OPENED] =
    g_signal_new ("ticket-opened",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
crm_automatic_mail_dialog_init (CrmAutomaticMailDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_automatic_mail_dialog_new:
 * @store: the store
 *
 * Returns: (transfer floating): the dialog, listing the mail
 */
CrmAutomaticMailDialog *
crm_automatic_mail_dialog_new (CrmSession *session)
{
  CrmAutomaticMailDialog *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_AUTOMATIC_MAIL_DIALOG, NULL);
  self->session = g_object_ref (session);
  /* mail the engine brings in meanwhile shows up */
  g_signal_connect_object (crm_session_get_database (session), "changed::message", G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);

  return self;
}

/**
 * crm_automatic_mail_dialog_get_n_mail:
 * @self: a #CrmAutomaticMailDialog
 *
 * Returns: how many mails the dialog lists
 */
guint
crm_automatic_mail_dialog_get_n_mail (CrmAutomaticMailDialog *self)
{
  g_return_val_if_fail (CRM_IS_AUTOMATIC_MAIL_DIALOG (self), 0);

  return self->n_mail;
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CrmAutomaticMailDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 ticket_id;

  ticket_id = crm_ticket_store_open_from_message_finish (crm_ticket_store_from_session (CRM_SESSION (object)), result,
                                                         &error);
  if (ticket_id == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, crm_toast_new (error->message));
      return;
    }

  reload (self);
  g_signal_emit (self, signals[TICKET_OPENED], 0, ticket_id);
}

/**
 * crm_automatic_mail_dialog_open_ticket:
 * @self: a #CrmAutomaticMailDialog
 * @message_id: one of the mails listed
 *
 * Turns the mail into a ticket on a worker, as its Open a Ticket button
 * does; then the mail leaves the list and
 * #CrmAutomaticMailDialog::ticket-opened says which ticket it made, or
 * a toast says why none was.
 */
void
crm_automatic_mail_dialog_open_ticket (CrmAutomaticMailDialog *self,
                                       gint64                  message_id)
{
  g_return_if_fail (CRM_IS_AUTOMATIC_MAIL_DIALOG (self));

  crm_ticket_store_open_from_message_async (crm_ticket_store_from_session (self->session), message_id, NULL, opened_cb,
                                            g_object_ref (self));
}
