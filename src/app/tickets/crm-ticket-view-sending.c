/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-ticket-view"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-attachment-tray.h"
#include "crm-format.h"
#include "crm-outbox.h"
#include "crm-send-later-dialog.h"
#include "crm-ticket-composer.h"
#include "crm-ticket-view-private.h"
#include "crm-toast.h"

/* What the card's composer sends (TK4, TK8): a reply through the outbox
 * after the undo window, with Undo on a toast that gives the text back
 * to the composer; a reply scheduled for later; an internal comment;
 * and, before a reply goes, whether a colleague answered the client
 * meanwhile (on another desktop). */

static void
sending_cancelled_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CrmTicketView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!crm_outbox_cancel_finish (crm_outbox_from_session (CRM_SESSION (source)), result, NULL, &error))
    {
      _crm_ticket_view_report_error (self, error);
      return;
    }
  _crm_ticket_view_show_toast (self, _("Sending cancelled"));
}

void
_crm_ticket_view_cancel_sending_cb (CrmTicketView *self,
                   gint64         outbox_id)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, outbox_id);
  crm_outbox_cancel_async (crm_outbox_from_session (self->session), ids, NULL, sending_cancelled_cb,
                           g_object_ref (self));
}

/* A reply taken back by Undo: what the user wrote, to give back. */
typedef struct
{
  GWeakRef   view;
  gint64     ticket_id;
  char      *text;
  char      *cc;
  GPtrArray *attachments;   /* CrmTicketAttachment */
} Draft;


void
_crm_ticket_view_draft_free (gpointer data)
{
  Draft *draft = data;

  g_weak_ref_clear (&draft->view);
  g_free (draft->text);
  g_free (draft->cc);
  g_clear_pointer (&draft->attachments, g_ptr_array_unref);
  g_free (draft);
}

/* Puts a draft back into the composer, beside whatever was written
 * since, so that nothing is lost either way. */
static void
restore_draft (CrmTicketView *self,
               Draft         *draft)
{
  crm_ticket_composer_restore (self->composer, draft->text, draft->cc);
  for (guint i = 0; draft->attachments != NULL && i < draft->attachments->len; i++)
    {
      CrmTicketAttachment *attachment = g_ptr_array_index (draft->attachments, i);

      crm_ticket_view_add_attachment (self, attachment->name, attachment->data);
    }
}

static void
draft_undone_cb (gpointer user_data)
{
  Draft *draft = user_data;
  g_autoptr(CrmTicketView) self = g_weak_ref_get (&draft->view);
  Draft *kept;

  if (self == NULL)
    return;

  if (self->ticket != NULL && crm_ticket_get_id (self->ticket) == draft->ticket_id)
    {
      restore_draft (self, draft);
      return;
    }

  /* another ticket is open: the text waits for its own */
  kept = g_new0 (Draft, 1);
  g_weak_ref_init (&kept->view, NULL);
  kept->ticket_id = draft->ticket_id;
  kept->text = g_steal_pointer (&draft->text);
  kept->cc = g_steal_pointer (&draft->cc);
  kept->attachments = g_steal_pointer (&draft->attachments);
  g_hash_table_replace (self->drafts, g_memdup2 (&kept->ticket_id, sizeof (gint64)), kept);
}

static void
show_undo (CrmTicketView *self,
           const char    *title,
           gint64         outbox_id,
           int            delay,
           Draft         *draft)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, outbox_id);
  if (draft != NULL)
    crm_toast_show_undo_full (GTK_WIDGET (self), self->session, title, ids, MAX (delay, 1),
                              draft_undone_cb, draft, _crm_ticket_view_draft_free);
  else
    crm_toast_show_undo (GTK_WIDGET (self), self->session, title, ids, MAX (delay, 1));
}

static int
undo_seconds (CrmTicketView *self)
{
  return crm_toast_undo_seconds (self->settings);
}

/**
 * crm_ticket_view_show_undo:
 * @self: a #CrmTicketView
 * @title: what the toast says
 * @outbox_id: the outbox row that waits
 *
 * Offers Undo on a toast while @outbox_id waits in the undo window (TK8).
 */
void
crm_ticket_view_show_undo (CrmTicketView *self,
                           const char    *title,
                           gint64         outbox_id)
{
  g_return_if_fail (CRM_IS_TICKET_VIEW (self));

  show_undo (self, title, outbox_id, undo_seconds (self), NULL);
}

/**
 * crm_ticket_view_get_send_due:
 * @self: a #CrmTicketView
 *
 * Returns: when a mail queued now leaves: after the undo window
 */
gint64
crm_ticket_view_get_send_due (CrmTicketView *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_VIEW (self), 0);

  return crm_clock_now_unix (crm_session_get_clock (self->session)) + undo_seconds (self);
}

/* A reply or comment on its way to the database: what was written, to
 * give back if it cannot be stored. */
typedef struct
{
  CrmTicketView *view;
  CrmTicketEdit *edit;
  Draft         *draft;
  gboolean       comment;
  gint64         at;
  int            delay;
} Sending;

static void
sending_free (Sending *sending)
{
  g_clear_object (&sending->view);
  g_clear_pointer (&sending->edit, crm_ticket_edit_free);
  g_clear_pointer (&sending->draft, _crm_ticket_view_draft_free);
  g_free (sending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sending, sending_free)

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Sending) sending = user_data;
  CrmTicketView *self = sending->view;
  g_autoptr(GError) error = NULL;
  gint64 made;

  if (self->session == NULL)
    return;

  made = crm_ticket_store_apply_finish (crm_ticket_store_from_session (self->session), result, &error);
  if (made == 0)
    {
      /* nothing was stored: the text goes back where it was written */
      draft_undone_cb (sending->draft);
      if (self->ticket_id == sending->draft->ticket_id)
        crm_ticket_composer_show_error (self->composer, error->message);
      else
        _crm_ticket_view_show_toast (self, error->message);
      return;
    }
  if (sending->comment)
    return;

  if (sending->at != 0)
    {
      g_autofree char *time = crm_format_date_time (sending->at);
      /* Translators: a toast; the date and time the reply goes out */
      g_autofree char *title = g_strdup_printf (_("Reply scheduled for %s"), time);

      /* cancelling stays possible until then; the toast offers it for a while */
      show_undo (self, title, made, MAX (sending->delay, 10), g_steal_pointer (&sending->draft));
    }
  else
    show_undo (self, _("Reply queued"), made, sending->delay, g_steal_pointer (&sending->draft));
}

/* Stores what the composer held: the composer empties now. */
static void
dispatch (CrmTicketView *self,
          Sending       *sending)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->composer), TRUE);
  crm_ticket_composer_clear (self->composer, !sending->comment);
  _crm_ticket_view_stop_replying (self);
  crm_ticket_store_apply_async (crm_ticket_store_from_session (self->session), sending->edit, NULL, sent_cb,
                                sending);
}

typedef struct
{
  gint64 ticket_id;
  gint64 since;
  gint64 user_id;
} AnswerCheck;

typedef struct
{
  char   *by;
  gint64  at;
} Answer;

static void
answer_free (Answer *answer)
{
  g_free (answer->by);
  g_free (answer);
}

static gboolean
answer_read (CrmSession    *reader,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  AnswerCheck *check = data;
  Answer *answer = g_new0 (Answer, 1);

  if (!crm_ticket_store_find_answer (crm_ticket_store_from_session (reader), check->ticket_id, check->since,
                                     check->user_id, &answer->by, &answer->at, error))
    {
      answer_free (answer);
      return FALSE;
    }
  *result = answer;

  return TRUE;
}

static void
answered_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      Sending          *sending)
{
  CrmTicketView *self = sending->view;

  gtk_widget_set_sensitive (GTK_WIDGET (self->composer), TRUE);
  if (g_str_equal (response, "send") && self->session != NULL)
    {
      g_object_set_data (G_OBJECT (dialog), "crm-sending", NULL);
      dispatch (self, sending);
    }
}

static void
answer_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Sending *sending = user_data;
  CrmTicketView *self = sending->view;
  g_autoptr(GError) error = NULL;
  Answer *answer = crm_session_read_finish (CRM_SESSION (object), result, &error);
  g_autofree char *when = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  if (self->session == NULL)
    {
      sending_free (sending);
      return;
    }
  /* nobody did (or it cannot be told): it goes */
  if (answer == NULL || answer->by == NULL)
    {
      if (error != NULL)
        g_debug ("%s", error->message);
      g_clear_pointer (&answer, answer_free);
      dispatch (self, sending);
      return;
    }

  when = crm_format_date_time (answer->at);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("The Client Was Answered Meanwhile"), NULL);
  /* Translators: the first %s is a colleague's name, the second a date and time */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("%s answered this ticket at %s, after you opened it. Send your reply as well?"),
                                  *answer->by != '\0' ? answer->by : _("Someone"), when);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep Writing"), "send",
                                    _("_Send Anyway"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "send", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  /* the dialog owns what would go, until it is answered */
  g_object_set_data_full (G_OBJECT (dialog), "crm-sending", sending, (GDestroyNotify) sending_free);
  g_signal_connect (dialog, "response", G_CALLBACK (answered_response_cb), sending);
  answer_free (answer);
  /* the card shows the answer too */
  _crm_ticket_view_reload_later (self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What the composer holds: a reply through the outbox at @at (0: after
 * the undo window), or an internal comment. What can be told at once
 * (an empty text, a time too far ahead) is told in the composer, which
 * keeps the text; the rest is stored on a worker, the composer emptied
 * meanwhile, and given back if the database refuses. */
static gboolean
send_at (CrmTicketView *self,
         gint64         at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicketEdit) edit = NULL;
  g_autofree char *text = NULL;
  CrmTicketStore *store;
  CrmAttachmentTray *tray;
  Sending *sending;
  gboolean comment;
  gint64 ticket_id;
  int delay;

  if (self->ticket == NULL)
    return FALSE;

  store = crm_ticket_store_from_session (self->session);
  ticket_id = crm_ticket_get_id (self->ticket);
  text = crm_ticket_composer_dup_text (self->composer);
  comment = crm_ticket_composer_get_internal (self->composer);
  tray = crm_ticket_composer_get_tray (self->composer);
  delay = undo_seconds (self);

  if (comment)
    edit = crm_ticket_edit_new (ticket_id, CRM_TICKET_EDIT_COMMENT, text);
  else
    {
      g_auto(GStrv) recipients = crm_ticket_composer_dup_copies (self->composer);

      edit = crm_ticket_edit_new_reply (ticket_id, text, (const char * const *) recipients,
                                        crm_attachment_tray_get_files (tray),
                                        at != 0 ? at : crm_clock_now_unix (crm_session_get_clock (self->session)) + delay);
    }
  if (!crm_ticket_store_check_edit (store, edit, &error))
    {
      crm_ticket_composer_show_error (self->composer, error->message);
      return FALSE;
    }

  sending = g_new0 (Sending, 1);
  sending->view = g_object_ref (self);
  sending->comment = comment;
  sending->at = at;
  sending->delay = delay;
  sending->edit = g_steal_pointer (&edit);
  sending->draft = g_new0 (Draft, 1);
  g_weak_ref_init (&sending->draft->view, self);
  sending->draft->ticket_id = ticket_id;
  sending->draft->text = g_steal_pointer (&text);
  if (!comment)
    {
      sending->draft->cc = g_strdup (crm_ticket_composer_get_cc (self->composer));
      sending->draft->attachments = crm_attachment_tray_dup_files (tray);
    }

  if (comment)
    {
      dispatch (self, sending);
      return TRUE;
    }

  /* a reply: unless someone else answered the client meanwhile (on
   * another desktop), in which case the user is asked first */
  gtk_widget_set_sensitive (GTK_WIDGET (self->composer), FALSE);
  {
    AnswerCheck *check = g_new0 (AnswerCheck, 1);

    check->ticket_id = ticket_id;
    check->since = self->seen_at;
    check->user_id = self->user != NULL ? crm_user_get_id (self->user) : 0;
    crm_session_read_async (self->session, answer_read, check, g_free, (GDestroyNotify) answer_free, NULL,
                            answer_checked_cb, sending);
  }

  return TRUE;
}

/**
 * crm_ticket_view_send:
 * @self: a #CrmTicketView
 *
 * Sends what the composer holds: a reply through the outbox, or an
 * internal comment.
 *
 * Returns: %TRUE when it was taken
 */
gboolean
crm_ticket_view_send (CrmTicketView *self)
{
  g_return_val_if_fail (CRM_IS_TICKET_VIEW (self), FALSE);

  return send_at (self, 0);
}

/**
 * crm_ticket_view_send_later:
 * @self: a #CrmTicketView
 * @at: when the reply goes out, as a Unix time, at most 14 days ahead
 *
 * Schedules what the composer holds (TK8); an internal comment is saved
 * at once.
 *
 * Returns: %TRUE when it was queued; else the composer says why
 */
gboolean
crm_ticket_view_send_later (CrmTicketView *self,
                            gint64         at)
{
  g_return_val_if_fail (CRM_IS_TICKET_VIEW (self), FALSE);
  g_return_val_if_fail (at > 0, FALSE);

  return send_at (self, at);
}

static void
schedule_cb (CrmTicketView *self,
             gint64         at)
{
  /* the dialog may have stayed open past the time chosen */
  if (at <= crm_clock_now_unix (crm_session_get_clock (self->session)))
    {
      _crm_ticket_view_show_toast (self, _("The time chosen has passed: choose another."));
      return;
    }
  send_at (self, at);
}

/**
 * crm_ticket_view_send_later_dialog:
 * @self: a #CrmTicketView
 *
 * Asks when the reply should go out (#CrmSendLaterDialog).
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
crm_ticket_view_send_later_dialog (CrmTicketView *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (CRM_IS_TICKET_VIEW (self), NULL);

  dialog = crm_send_later_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                      crm_session_get_clock (self->session));
  g_signal_connect_object (dialog, "schedule", G_CALLBACK (schedule_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

void
_crm_ticket_view_send_later_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  crm_ticket_view_send_later_dialog (CRM_TICKET_VIEW (widget));
}

void
_crm_ticket_view_send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  crm_ticket_view_send (CRM_TICKET_VIEW (widget));
}

/* A reply to @ticket_id taken back by Undo while another ticket was
 * shown: back in the composer now that it is shown again. */
void
_crm_ticket_view_restore_draft_of (CrmTicketView *self,
                                   gint64         ticket_id)
{
  Draft *draft = g_hash_table_lookup (self->drafts, &ticket_id);

  if (draft == NULL)
    return;
  restore_draft (self, draft);
  g_hash_table_remove (self->drafts, &ticket_id);
}
