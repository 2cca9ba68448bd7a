/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-activity.h"
#include "crm-contact.h"
#include "crm-ticket-store.h"

G_BEGIN_DECLS

/**
 * CrmTicketEditKind:
 * @CRM_TICKET_EDIT_STATUS: sets the status (text)
 * @CRM_TICKET_EDIT_QUEUE: moves it to a queue (text)
 * @CRM_TICKET_EDIT_PRIORITY: sets the priority (text)
 * @CRM_TICKET_EDIT_CATEGORY: sets the category (text; "" for none)
 * @CRM_TICKET_EDIT_TAG: adds a tag (text)
 * @CRM_TICKET_EDIT_UNTAG: removes a tag (text)
 * @CRM_TICKET_EDIT_SOURCE: says how it came (text)
 * @CRM_TICKET_EDIT_COMMENT: an internal comment (text)
 * @CRM_TICKET_EDIT_ASSIGN: gives it to a user
 * @CRM_TICKET_EDIT_FOLLOW: a user follows it, or stops
 * @CRM_TICKET_EDIT_MARK_READ: a user has read it
 * @CRM_TICKET_EDIT_LINK_CLIENT: pins a contact as its client
 * @CRM_TICKET_EDIT_ADD_CLIENT: makes the sender a new contact
 * @CRM_TICKET_EDIT_REPLY: a reply to the client through the outbox
 * @CRM_TICKET_EDIT_CLOSE: closes it with an outcome (and a reason)
 * @CRM_TICKET_EDIT_MOVE: moves it to a queue and gives it to a user
 * @CRM_TICKET_EDIT_MERGE: merges it into another ticket of the client
 * @CRM_TICKET_EDIT_SPLIT: makes a new ticket of one of its messages
 * @CRM_TICKET_EDIT_UNPIN: takes its client off
 * @CRM_TICKET_EDIT_DELETE: deletes it (administrators)
 * @CRM_TICKET_EDIT_FORWARD: forwards it to other addresses with a note
 * @CRM_TICKET_EDIT_LINK_ACTIVITY: links a call or chat to it (TK6)
 * @CRM_TICKET_EDIT_ADD_ACTIVITY: adds a call or chat and links it
 *
 * What one #CrmTicketEdit does.
 */
typedef enum
{
  CRM_TICKET_EDIT_STATUS,
  CRM_TICKET_EDIT_QUEUE,
  CRM_TICKET_EDIT_PRIORITY,
  CRM_TICKET_EDIT_CATEGORY,
  CRM_TICKET_EDIT_TAG,
  CRM_TICKET_EDIT_UNTAG,
  CRM_TICKET_EDIT_SOURCE,
  CRM_TICKET_EDIT_COMMENT,
  CRM_TICKET_EDIT_ASSIGN,
  CRM_TICKET_EDIT_FOLLOW,
  CRM_TICKET_EDIT_MARK_READ,
  CRM_TICKET_EDIT_LINK_CLIENT,
  CRM_TICKET_EDIT_ADD_CLIENT,
  CRM_TICKET_EDIT_REPLY,
  CRM_TICKET_EDIT_CLOSE,
  CRM_TICKET_EDIT_MOVE,
  CRM_TICKET_EDIT_MERGE,
  CRM_TICKET_EDIT_SPLIT,
  CRM_TICKET_EDIT_UNPIN,
  CRM_TICKET_EDIT_DELETE,
  CRM_TICKET_EDIT_FORWARD,
  CRM_TICKET_EDIT_LINK_ACTIVITY,
  CRM_TICKET_EDIT_ADD_ACTIVITY,
} CrmTicketEditKind;

#define CRM_TYPE_TICKET_EDIT (crm_ticket_edit_get_type ())

typedef struct _CrmTicketEdit CrmTicketEdit;

GType              crm_ticket_edit_get_type         (void) G_GNUC_CONST;
CrmTicketEdit     *crm_ticket_edit_new              (gint64                ticket_id,
                                                     CrmTicketEditKind     kind,
                                                     const char           *text);
CrmTicketEdit     *crm_ticket_edit_new_assign       (gint64                ticket_id,
                                                     gint64                user_id);
CrmTicketEdit     *crm_ticket_edit_new_follow       (gint64                ticket_id,
                                                     gint64                user_id,
                                                     gboolean              follow);
CrmTicketEdit     *crm_ticket_edit_new_mark_read    (gint64                ticket_id,
                                                     gint64                user_id);
CrmTicketEdit     *crm_ticket_edit_new_link_client  (gint64                ticket_id,
                                                     gint64                contact_id,
                                                     gboolean              add_address,
                                                     gboolean              all_from_address);
CrmTicketEdit     *crm_ticket_edit_new_add_client   (gint64                ticket_id,
                                                     CrmContactKind        kind,
                                                     const char           *name,
                                                     const char           *company);
CrmTicketEdit     *crm_ticket_edit_new_reply        (gint64                ticket_id,
                                                     const char           *body,
                                                     const char * const   *cc,
                                                     GPtrArray            *attachments,
                                                     gint64                due);
CrmTicketEdit     *crm_ticket_edit_new_close        (gint64                ticket_id,
                                                     CrmTicketOutcome      outcome,
                                                     const char           *reason,
                                                     gboolean              block_sender);
CrmTicketEdit     *crm_ticket_edit_new_move         (gint64                ticket_id,
                                                     const char           *queue,
                                                     gint64                assignee_id);
CrmTicketEdit     *crm_ticket_edit_new_merge        (gint64                ticket_id,
                                                     gint64                into,
                                                     gboolean              notify_client);
CrmTicketEdit     *crm_ticket_edit_new_split        (gint64                ticket_id,
                                                     gint64                message_id);
CrmTicketEdit     *crm_ticket_edit_new_forward      (gint64                ticket_id,
                                                     const char * const   *to,
                                                     const char           *note,
                                                     gboolean              with_comments,
                                                     gboolean              replies_here,
                                                     gint64                due);
CrmTicketEdit     *crm_ticket_edit_new_link_activity (gint64              ticket_id,
                                                      gint64              activity_id);
CrmTicketEdit     *crm_ticket_edit_new_add_activity  (gint64              ticket_id,
                                                      CrmActivity        *activity);
void               crm_ticket_edit_expect           (CrmTicketEdit        *self,
                                                     CrmTicket            *ticket);
CrmTicketEdit     *crm_ticket_edit_copy             (const CrmTicketEdit  *self);
void               crm_ticket_edit_free             (CrmTicketEdit        *self);
gint64             crm_ticket_edit_get_ticket_id    (const CrmTicketEdit  *self);
CrmTicketEditKind  crm_ticket_edit_get_kind         (const CrmTicketEdit  *self);

gboolean           crm_ticket_store_check_edit      (CrmTicketStore       *self,
                                                     const CrmTicketEdit  *edit,
                                                     GError              **error);
gint64             crm_ticket_store_apply           (CrmTicketStore       *self,
                                                     const CrmTicketEdit  *edit,
                                                     GError              **error);
void               crm_ticket_store_apply_async     (CrmTicketStore       *self,
                                                     const CrmTicketEdit  *edit,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
gint64             crm_ticket_store_apply_finish    (CrmTicketStore       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

gboolean           crm_ticket_store_find_answer     (CrmTicketStore       *self,
                                                     gint64                ticket_id,
                                                     gint64                since,
                                                     gint64                user_id,
                                                     char                **by,
                                                     gint64               *at,
                                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTicketEdit, crm_ticket_edit_free)

G_END_DECLS
