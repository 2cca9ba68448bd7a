/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "crm-activity-store.h"
#include "crm-error.h"
#include "crm-outbox.h"
#include "crm-store-private.h"
#include "crm-ticket-edit.h"
#include "crm-ticket-store-private.h"

/* One change a user makes to a ticket, as a value: made on the window's
 * thread, applied on a writer's (crm_ticket_store_apply_async ()), so
 * that a change made on a ticket never waits for the database in a
 * frame. */
struct _CrmTicketEdit
{
  gint64             ticket_id;
  CrmTicketEditKind  kind;
  char              *text;         /* a name, a tag, a body, a new client's name */
  char              *company;      /* a new client's company */
  gint64             id;           /* a user, a contact, a new client's kind */
  gboolean           flag;         /* follow; give the address to the contact */
  gboolean           all;          /* every ticket from the address */
  GStrv              cc;
  GPtrArray         *attachments;  /* (element-type CrmTicketAttachment) */
  gint64             due;
  CrmActivity       *activity;     /* a call or chat to add */

  /* what the user saw before changing it: the change is made only if
   * it is still so (no lost update when two change it at once) */
  gboolean           expects;
  char              *expected_text;
  gint64             expected_id;
};

G_DEFINE_BOXED_TYPE (CrmTicketEdit, crm_ticket_edit, crm_ticket_edit_copy, crm_ticket_edit_free)

static CrmTicketEdit *
edit_new (gint64            ticket_id,
          CrmTicketEditKind kind)
{
  CrmTicketEdit *self = g_new0 (CrmTicketEdit, 1);

  self->ticket_id = ticket_id;
  self->kind = kind;

  return self;
}

/**
 * crm_ticket_edit_new:
 * @ticket_id: the ticket
 * @kind: a kind that takes a text: a status, queue, priority, category,
 *   tag, source or comment; or %CRM_TICKET_EDIT_UNPIN or
 *   %CRM_TICKET_EDIT_DELETE (no text)
 * @text: the name, tag or comment
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new (gint64             ticket_id,
                     CrmTicketEditKind  kind,
                     const char        *text)
{
  CrmTicketEdit *self;

  g_return_val_if_fail (kind <= CRM_TICKET_EDIT_COMMENT || kind == CRM_TICKET_EDIT_UNPIN ||
                        kind == CRM_TICKET_EDIT_DELETE, NULL);

  self = edit_new (ticket_id, kind);
  self->text = g_strdup (text);

  return self;
}

/**
 * crm_ticket_edit_new_assign:
 * @ticket_id: the ticket
 * @user_id: who takes it
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_assign (gint64 ticket_id,
                            gint64 user_id)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_ASSIGN);

  self->id = user_id;

  return self;
}

/**
 * crm_ticket_edit_new_close:
 * @ticket_id: the ticket
 * @outcome: how it ended
 * @reason: (nullable): why the client won't buy
 * @block_sender: for spam, whether the sender's mail is blocked
 *
 * As crm_ticket_store_close(); applied, it gives the undo step.
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_close (gint64            ticket_id,
                           CrmTicketOutcome  outcome,
                           const char       *reason,
                           gboolean          block_sender)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_CLOSE);

  self->id = outcome;
  self->text = g_strdup (reason);
  self->flag = block_sender;

  return self;
}

/**
 * crm_ticket_edit_new_move:
 * @ticket_id: the ticket
 * @queue: the queue it goes to
 * @assignee_id: who takes it, or 0 for nobody
 *
 * As crm_ticket_store_move(); applied, it gives the undo step.
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_move (gint64      ticket_id,
                          const char *queue,
                          gint64      assignee_id)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_MOVE);

  self->text = g_strdup (queue);
  self->id = assignee_id;

  return self;
}

/**
 * crm_ticket_edit_new_merge:
 * @ticket_id: the ticket merged
 * @into: the ticket that holds both from now
 * @notify_client: whether the client is told
 *
 * As crm_ticket_store_merge(); applied, it gives the undo step.
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_merge (gint64   ticket_id,
                           gint64   into,
                           gboolean notify_client)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_MERGE);

  self->id = into;
  self->flag = notify_client;

  return self;
}

/**
 * crm_ticket_edit_new_split:
 * @ticket_id: the ticket
 * @message_id: one of its messages
 *
 * As crm_ticket_store_split(); applied, it gives the undo step.
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_split (gint64 ticket_id,
                           gint64 message_id)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_SPLIT);

  self->id = message_id;

  return self;
}

/**
 * crm_ticket_edit_new_forward:
 * @ticket_id: the ticket
 * @to: (array zero-terminated=1): the addresses
 * @note: (nullable): the note above the ticket
 * @with_comments: whether the internal comments go too
 * @replies_here: whether answers come back into the ticket
 * @due: when it goes: now plus the undo window
 *
 * As crm_ticket_store_forward(); applied, it gives the outbox row.
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_forward (gint64              ticket_id,
                             const char * const *to,
                             const char         *note,
                             gboolean            with_comments,
                             gboolean            replies_here,
                             gint64              due)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_FORWARD);

  self->cc = g_strdupv ((char **) to);
  self->text = g_strdup (note);
  self->flag = with_comments;
  self->all = replies_here;
  self->due = due;

  return self;
}

/**
 * crm_ticket_edit_new_link_activity:
 * @ticket_id: the ticket
 * @activity_id: a call or chat linked to no ticket
 *
 * As crm_activity_store_link(); applied, it gives the undo step.
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_link_activity (gint64 ticket_id,
                                   gint64 activity_id)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_LINK_ACTIVITY);

  self->id = activity_id;

  return self;
}

/**
 * crm_ticket_edit_new_add_activity:
 * @ticket_id: the ticket
 * @activity: a call or chat entered by hand (crm_activity_new())
 *
 * As crm_activity_store_add() with the ticket: added and linked in one
 * go; applied, it gives the undo step, whose undo takes it away.
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_add_activity (gint64       ticket_id,
                                  CrmActivity *activity)
{
  CrmTicketEdit *self;

  g_return_val_if_fail (CRM_IS_ACTIVITY (activity), NULL);

  self = edit_new (ticket_id, CRM_TICKET_EDIT_ADD_ACTIVITY);
  self->activity = g_object_ref (activity);

  return self;
}

/**
 * crm_ticket_edit_new_follow:
 * @ticket_id: the ticket
 * @user_id: who follows it
 * @follow: whether they follow it from now, or stop
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_follow (gint64   ticket_id,
                            gint64   user_id,
                            gboolean follow)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_FOLLOW);

  self->id = user_id;
  self->flag = follow;

  return self;
}

/**
 * crm_ticket_edit_new_mark_read:
 * @ticket_id: the ticket
 * @user_id: who read it
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_mark_read (gint64 ticket_id,
                               gint64 user_id)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_MARK_READ);

  self->id = user_id;

  return self;
}

/**
 * crm_ticket_edit_new_link_client:
 * @ticket_id: the ticket
 * @contact_id: the contact the sender is
 * @add_address: whether the sender's address becomes the contact's
 * @all_from_address: whether every ticket from the address is theirs
 *
 * As crm_ticket_store_link_client().
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_link_client (gint64   ticket_id,
                                 gint64   contact_id,
                                 gboolean add_address,
                                 gboolean all_from_address)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_LINK_CLIENT);

  self->id = contact_id;
  self->flag = add_address;
  self->all = all_from_address;

  return self;
}

/**
 * crm_ticket_edit_new_add_client:
 * @ticket_id: the ticket
 * @kind: a person or a company
 * @name: the new contact's name
 * @company: (nullable): a person's company
 *
 * As crm_ticket_store_add_client().
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_add_client (gint64          ticket_id,
                                CrmContactKind  kind,
                                const char     *name,
                                const char     *company)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_ADD_CLIENT);

  self->id = kind;
  self->text = g_strdup (name);
  self->company = g_strdup (company);

  return self;
}

static GPtrArray *
copy_attachments (GPtrArray *attachments)
{
  GPtrArray *copy;

  if (attachments == NULL)
    return NULL;

  copy = g_ptr_array_new_full (attachments->len, crm_ticket_attachment_free);
  for (guint i = 0; i < attachments->len; i++)
    {
      const CrmTicketAttachment *attachment = g_ptr_array_index (attachments, i);
      CrmTicketAttachment *one = g_new0 (CrmTicketAttachment, 1);

      one->name = g_strdup (attachment->name);
      one->mime_type = g_strdup (attachment->mime_type);
      one->data = attachment->data != NULL ? g_bytes_ref (attachment->data) : NULL;
      g_ptr_array_add (copy, one);
    }

  return copy;
}

/**
 * crm_ticket_edit_new_reply:
 * @ticket_id: the ticket
 * @body: the reply's text
 * @cc: (nullable) (array zero-terminated=1): more recipients
 * @attachments: (nullable) (element-type CrmTicketAttachment): files
 *   (copied)
 * @due: when it goes
 *
 * As crm_ticket_store_reply().
 *
 * Returns: (transfer full): a new #CrmTicketEdit
 */
CrmTicketEdit *
crm_ticket_edit_new_reply (gint64              ticket_id,
                           const char         *body,
                           const char * const *cc,
                           GPtrArray          *attachments,
                           gint64              due)
{
  CrmTicketEdit *self = edit_new (ticket_id, CRM_TICKET_EDIT_REPLY);

  self->text = g_strdup (body);
  self->cc = g_strdupv ((char **) cc);
  self->attachments = copy_attachments (attachments);
  self->due = due;

  return self;
}

/**
 * crm_ticket_edit_copy:
 * @self: a #CrmTicketEdit
 *
 * Returns: (transfer full): a copy of @self
 */
CrmTicketEdit *
crm_ticket_edit_copy (const CrmTicketEdit *self)
{
  CrmTicketEdit *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->text = g_strdup (self->text);
  copy->company = g_strdup (self->company);
  copy->cc = g_strdupv (self->cc);
  copy->attachments = copy_attachments (self->attachments);
  copy->expected_text = g_strdup (self->expected_text);
  if (self->activity != NULL)
    copy->activity = g_object_ref (self->activity);

  return copy;
}

/**
 * crm_ticket_edit_free:
 * @self: (nullable): a #CrmTicketEdit
 */
void
crm_ticket_edit_free (CrmTicketEdit *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->company);
  g_strfreev (self->cc);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_free (self->expected_text);
  g_clear_object (&self->activity);
  g_free (self);
}

/**
 * crm_ticket_edit_expect:
 * @self: a #CrmTicketEdit of a status, queue, priority or assignee
 * @ticket: the ticket as the user saw it
 *
 * The change is made only if what it changes is still as in @ticket:
 * when a colleague changed it meanwhile, crm_ticket_store_apply()
 * refuses with %CRM_ERROR_CONFLICT, saying what it is now, and nothing
 * of theirs is undone.
 */
void
crm_ticket_edit_expect (CrmTicketEdit *self,
                        CrmTicket     *ticket)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (CRM_IS_TICKET (ticket));

  self->expects = TRUE;
  g_clear_pointer (&self->expected_text, g_free);
  switch (self->kind)
    {
    case CRM_TICKET_EDIT_STATUS:
    case CRM_TICKET_EDIT_CLOSE:
      self->expected_text = g_strdup (crm_ticket_get_status (ticket));
      break;
    case CRM_TICKET_EDIT_QUEUE:
    case CRM_TICKET_EDIT_MOVE:
      self->expected_text = g_strdup (crm_ticket_get_queue (ticket));
      break;
    case CRM_TICKET_EDIT_PRIORITY:
      self->expected_text = g_strdup (crm_ticket_get_priority (ticket));
      break;
    case CRM_TICKET_EDIT_ASSIGN:
      self->expected_id = crm_ticket_get_assignee_id (ticket);
      break;
    default:
      self->expects = FALSE;
      break;
    }
}

/* Whether what @edit changes is still what the user saw; else @error
 * says what it is now. */
static gboolean
still_as_seen (CrmTicketStore       *self,
               const CrmTicketEdit  *edit,
               GError              **error)
{
  g_autoptr(CrmTicket) now = NULL;
  const char *is = NULL;

  if (!edit->expects)
    return TRUE;
  if (!(now = crm_ticket_store_get (self, edit->ticket_id, 0, error)))
    return FALSE;

  switch (edit->kind)
    {
    case CRM_TICKET_EDIT_STATUS:
    case CRM_TICKET_EDIT_CLOSE:
      is = crm_ticket_get_status (now);
      break;
    case CRM_TICKET_EDIT_QUEUE:
    case CRM_TICKET_EDIT_MOVE:
      is = crm_ticket_get_queue (now);
      break;
    case CRM_TICKET_EDIT_PRIORITY:
      is = crm_ticket_get_priority (now);
      break;
    case CRM_TICKET_EDIT_ASSIGN:
      if (crm_ticket_get_assignee_id (now) == edit->expected_id)
        return TRUE;
      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: %s is a colleague's name */
                   _("Someone changed this ticket a moment ago: it is %s’s now."),
                   crm_ticket_get_assignee (now) != NULL ? crm_ticket_get_assignee (now) : _("nobody"));
      return FALSE;
    default:
      return TRUE;
    }

  if (g_strcmp0 (is, edit->expected_text) == 0)
    return TRUE;
  g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
               /* Translators: %s is a status, a queue or a priority */
               _("Someone changed this ticket a moment ago: it is now “%s”."), is != NULL ? is : "");

  return FALSE;
}

typedef struct
{
  const CrmTicketEdit *edit;
  gint64               made;
} Applying;

static gint64 apply_now (CrmTicketStore       *self,
                         const CrmTicketEdit  *edit,
                         GError              **error);

static gboolean
apply_tx (CrmSession  *session,
          gpointer     user_data,
          GError     **error)
{
  CrmTicketStore *self = crm_ticket_store_from_session (session);
  Applying *applying = user_data;

  if (!still_as_seen (self, applying->edit, error))
    return FALSE;
  applying->made = apply_now (self, applying->edit, error);

  return applying->made != 0;
}

/**
 * crm_ticket_edit_get_ticket_id:
 * @self: a #CrmTicketEdit
 *
 * Returns: the ticket it changes
 */
gint64
crm_ticket_edit_get_ticket_id (const CrmTicketEdit *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->ticket_id;
}

/**
 * crm_ticket_edit_get_kind:
 * @self: a #CrmTicketEdit
 *
 * Returns: what it does
 */
CrmTicketEditKind
crm_ticket_edit_get_kind (const CrmTicketEdit *self)
{
  g_return_val_if_fail (self != NULL, CRM_TICKET_EDIT_STATUS);

  return self->kind;
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || strspn (text, " \t\r\n") == strlen (text);
}

/**
 * crm_ticket_store_check_edit:
 * @self: a #CrmTicketStore
 * @edit: a change
 * @error: return location for a #GError
 *
 * Says at once, without the database, what makes @edit impossible
 * whatever is stored: an empty reply or comment, a reply scheduled
 * further ahead than the outbox keeps mail. A window checks this before
 * it lets the change go to a worker, so that the user's text stays
 * where it is.
 *
 * Returns: %TRUE when @edit can be applied as far as this can tell
 */
gboolean
crm_ticket_store_check_edit (CrmTicketStore       *self,
                             const CrmTicketEdit  *edit,
                             GError              **error)
{
  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (edit != NULL, FALSE);

  switch (edit->kind)
    {
    case CRM_TICKET_EDIT_COMMENT:
      if (is_blank (edit->text))
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the comment first."));
          return FALSE;
        }
      break;

    case CRM_TICKET_EDIT_REPLY:
      if (edit->text == NULL || *edit->text == '\0')
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Write the reply first."));
          return FALSE;
        }
      if (edit->due > crm_clock_now_unix (crm_session_get_clock (_crm_session (self))) + CRM_OUTBOX_MAX_SCHEDULE)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                               _("A mail can be scheduled at most 14 days ahead."));
          return FALSE;
        }
      break;

    case CRM_TICKET_EDIT_CLOSE:
      if (edit->id == CRM_TICKET_OUTCOME_WONT_BUY && is_blank (edit->text))
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Choose why the client won’t buy."));
          return FALSE;
        }
      break;

    case CRM_TICKET_EDIT_FORWARD:
      if (edit->cc == NULL || edit->cc[0] == NULL)
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("Say whom to forward the ticket to."));
          return FALSE;
        }
      break;

    case CRM_TICKET_EDIT_ADD_ACTIVITY:
      if (!crm_activity_store_check (crm_activity_store_from_session (_crm_session (self)), edit->activity, error))
        return FALSE;
      break;

    case CRM_TICKET_EDIT_LINK_ACTIVITY:
    case CRM_TICKET_EDIT_STATUS:
    case CRM_TICKET_EDIT_QUEUE:
    case CRM_TICKET_EDIT_MOVE:
    case CRM_TICKET_EDIT_MERGE:
    case CRM_TICKET_EDIT_SPLIT:
    case CRM_TICKET_EDIT_UNPIN:
    case CRM_TICKET_EDIT_DELETE:
    case CRM_TICKET_EDIT_PRIORITY:
    case CRM_TICKET_EDIT_CATEGORY:
    case CRM_TICKET_EDIT_TAG:
    case CRM_TICKET_EDIT_UNTAG:
    case CRM_TICKET_EDIT_SOURCE:
    case CRM_TICKET_EDIT_ASSIGN:
    case CRM_TICKET_EDIT_FOLLOW:
    case CRM_TICKET_EDIT_MARK_READ:
    case CRM_TICKET_EDIT_LINK_CLIENT:
    case CRM_TICKET_EDIT_ADD_CLIENT:
    default:
      break;
    }

  return TRUE;
}

/**
 * crm_ticket_store_apply:
 * @self: a #CrmTicketStore
 * @edit: a change
 * @error: return location for a #GError
 *
 * Makes the change @edit describes, as the function of its kind does
 * (crm_ticket_store_set(), crm_ticket_store_reply(), …).
 *
 * Returns: the outbox row of a reply, the contact a new client became,
 *   the undo step of an assignment, a close, a move, a merge, a split,
 *   an unpinned client, a delete or a call or chat linked or added,
 *   else 1; or 0
 *   with @error set
 */
gint64
crm_ticket_store_apply (CrmTicketStore       *self,
                        const CrmTicketEdit  *edit,
                        GError              **error)
{
  Applying applying = { edit, 0 };

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);
  g_return_val_if_fail (edit != NULL, 0);

  if (!crm_ticket_store_check_edit (self, edit, error))
    return 0;
  if (!edit->expects)
    return apply_now (self, edit, error);
  /* seen and changed in one transaction, under the write lock */
  if (!crm_session_run_in_transaction (_crm_session (self), apply_tx, &applying, error))
    return 0;

  return applying.made;
}

static gint64
apply_now (CrmTicketStore       *self,
           const CrmTicketEdit  *edit,
           GError              **error)
{
  const char *text;
  gboolean ok = FALSE;

  text = edit->text;
  switch (edit->kind)
    {
    case CRM_TICKET_EDIT_STATUS:
      ok = crm_ticket_store_set (self, edit->ticket_id, text, NULL, NULL, NULL, NULL, error);
      break;
    case CRM_TICKET_EDIT_QUEUE:
      ok = crm_ticket_store_set (self, edit->ticket_id, NULL, text, NULL, NULL, NULL, error);
      break;
    case CRM_TICKET_EDIT_PRIORITY:
      ok = crm_ticket_store_set (self, edit->ticket_id, NULL, NULL, text, NULL, NULL, error);
      break;
    case CRM_TICKET_EDIT_CATEGORY:
      ok = crm_ticket_store_set (self, edit->ticket_id, NULL, NULL, NULL, text != NULL ? text : "", NULL, error);
      break;
    case CRM_TICKET_EDIT_TAG:
      ok = crm_ticket_store_set (self, edit->ticket_id, NULL, NULL, NULL, NULL, text, error);
      break;
    case CRM_TICKET_EDIT_UNTAG:
      ok = crm_ticket_store_untag (self, edit->ticket_id, text, error);
      break;
    case CRM_TICKET_EDIT_SOURCE:
      ok = crm_ticket_store_set_source (self, edit->ticket_id, text, error);
      break;
    case CRM_TICKET_EDIT_COMMENT:
      ok = crm_ticket_store_comment (self, edit->ticket_id, text, error);
      break;
    case CRM_TICKET_EDIT_ASSIGN:
      return _crm_tickets_assign (self, edit->ticket_id, edit->id, error);
    case CRM_TICKET_EDIT_CLOSE:
      return crm_ticket_store_close (self, edit->ticket_id, (CrmTicketOutcome) edit->id, text, edit->flag, error);
    case CRM_TICKET_EDIT_MOVE:
      return crm_ticket_store_move (self, edit->ticket_id, text, edit->id, error);
    case CRM_TICKET_EDIT_MERGE:
      return crm_ticket_store_merge (self, edit->ticket_id, edit->id, edit->flag, error);
    case CRM_TICKET_EDIT_SPLIT:
      return crm_ticket_store_split (self, edit->id, NULL, error);
    case CRM_TICKET_EDIT_UNPIN:
      return crm_ticket_store_unpin (self, edit->ticket_id, error);
    case CRM_TICKET_EDIT_DELETE:
      return crm_ticket_store_delete (self, edit->ticket_id, error);
    case CRM_TICKET_EDIT_LINK_ACTIVITY:
      return crm_activity_store_link (crm_activity_store_from_session (_crm_session (self)), edit->id, edit->ticket_id,
                                      error);
    case CRM_TICKET_EDIT_ADD_ACTIVITY:
      {
        gint64 step = 0;

        if (!crm_activity_store_add (crm_activity_store_from_session (_crm_session (self)), edit->activity,
                                     edit->ticket_id, &step, error))
          return 0;
        return step;
      }
    case CRM_TICKET_EDIT_FOLLOW:
      ok = crm_ticket_store_follow (self, edit->ticket_id, edit->id, edit->flag, error);
      break;
    case CRM_TICKET_EDIT_MARK_READ:
      ok = crm_ticket_store_mark_read (self, edit->ticket_id, edit->id, error);
      break;
    case CRM_TICKET_EDIT_LINK_CLIENT:
      ok = crm_ticket_store_link_client (self, edit->ticket_id, edit->id, edit->flag, edit->all, error);
      break;
    case CRM_TICKET_EDIT_ADD_CLIENT:
      return crm_ticket_store_add_client (self, edit->ticket_id, (CrmContactKind) edit->id, text, edit->company, error);
    case CRM_TICKET_EDIT_REPLY:
      return crm_ticket_store_reply (self, edit->ticket_id, text, (const char * const *) edit->cc, edit->attachments,
                                     edit->due, error);
    case CRM_TICKET_EDIT_FORWARD:
      return crm_ticket_store_forward (self, edit->ticket_id, (const char * const *) edit->cc, edit->text, edit->flag,
                                       edit->all, edit->due, error);
    default:
      g_return_val_if_reached (0);
    }

  return ok ? 1 : 0;
}

static gboolean
apply_write (CrmSession    *writer,
             gpointer       data,
             gpointer      *result,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 made = crm_ticket_store_apply (crm_ticket_store_from_session (writer), data, error);

  if (made == 0)
    return FALSE;
  *result = g_memdup2 (&made, sizeof made);

  return TRUE;
}

/**
 * crm_ticket_store_apply_async:
 * @self: a #CrmTicketStore
 * @edit: a change (copied)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it is made, or not
 * @user_data: for @callback
 *
 * crm_ticket_store_apply() on a writer of its own
 * (crm_session_write_async()): for the window. What changed is told on
 * this session's database before @callback runs.
 */
void
crm_ticket_store_apply_async (CrmTicketStore       *self,
                              const CrmTicketEdit  *edit,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_return_if_fail (CRM_IS_TICKET_STORE (self));
  g_return_if_fail (edit != NULL);

  crm_session_write_async (_crm_session (self), apply_write, crm_ticket_edit_copy (edit),
                           (GDestroyNotify) crm_ticket_edit_free, g_free, cancellable, callback, user_data);
}

/**
 * crm_ticket_store_apply_finish:
 * @self: a #CrmTicketStore
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: as crm_ticket_store_apply()
 */
gint64
crm_ticket_store_apply_finish (CrmTicketStore  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_autofree gint64 *made = NULL;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), 0);

  made = crm_session_write_finish (_crm_session (self), result, error);

  return made != NULL ? *made : 0;
}

/**
 * crm_ticket_store_find_answer:
 * @self: a #CrmTicketStore
 * @ticket_id: the ticket
 * @since: a time, as a Unix time: when the ticket was opened here
 * @user_id: the user about to answer
 * @by: (out) (transfer full) (nullable): who answered since, or %NULL
 * @at: (out) (optional): when
 * @error: return location for a #GError
 *
 * Whether someone else answered the client since @since: a reply about
 * to go says so first, so that the client does not get two answers
 * from two people.
 *
 * Returns: %TRUE on success (*@by %NULL when nobody did)
 */
gboolean
crm_ticket_store_find_answer (CrmTicketStore  *self,
                              gint64           ticket_id,
                              gint64           since,
                              gint64           user_id,
                              char           **by,
                              gint64          *at,
                              GError         **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean row = FALSE;

  g_return_val_if_fail (CRM_IS_TICKET_STORE (self), FALSE);
  g_return_val_if_fail (by != NULL, FALSE);

  *by = NULL;
  stmt = _crm_store_prepare (self,
                             "SELECT coalesce (u.name, ''), m.created_at FROM messages m "
                             "LEFT JOIN users u ON u.id = m.author_id "
                             "WHERE m.ticket_id = ?1 AND m.direction = 'out' AND m.role IS NULL AND m.created_at >= ?2 "
                             "AND m.author_id IS DISTINCT FROM ?3 "
                             "ORDER BY m.id DESC LIMIT 1",
                             error);
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  crm_statement_bind_int64 (stmt, 2, since);
  crm_statement_bind_int64 (stmt, 3, user_id);
  if (!crm_database_step_row (_crm_store_db (self), stmt, &row, error))
    return FALSE;
  if (row)
    {
      *by = g_strdup (crm_statement_get_text (stmt, 0));
      if (at != NULL)
        *at = crm_statement_get_int64 (stmt, 1);
    }

  return TRUE;
}
