/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-store.h"
#include "crm-contact.h"
#include "crm-ticket.h"
#include "crm-user.h"

G_BEGIN_DECLS

#define CRM_TYPE_TICKET_STORE (crm_ticket_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmTicketStore, crm_ticket_store, CRM, TICKET_STORE, CrmStore)

CrmTicketStore *crm_ticket_store_from_session (CrmSession *session);

GListModel *crm_ticket_store_list_automatic_mail (CrmTicketStore  *self,
                                                  guint            limit,
                                                  GError         **error);
gint64      crm_ticket_store_open_from_message   (CrmTicketStore  *self,
                                                  gint64           message_id,
                                                  GError         **error);
void        crm_ticket_store_open_from_message_async  (CrmTicketStore       *self,
                                                       gint64                message_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gint64      crm_ticket_store_open_from_message_finish (CrmTicketStore       *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);


/**
 * CrmQueueInfo:
 * @id: the queue's id
 * @name: its name
 * @closed_mail: "new" or "reopen": what a mail to a closed ticket does
 */
typedef struct
{
  gint64  id;
  char   *name;
  char   *closed_mail;
} CrmQueueInfo;

/**
 * CrmPriorityInfo:
 * @id: the priority's id
 * @name: its name
 * @response_minutes: the time to a first answer, or 0 for none
 * @resolution_minutes: the time to resolve, or 0 for none
 */
typedef struct
{
  gint64  id;
  char   *name;
  gint64  response_minutes;
  gint64  resolution_minutes;
} CrmPriorityInfo;

/**
 * CrmRuleInfo:
 * @id: the rule's id
 * @field: "from", "to" or "subject"
 * @contains: the text looked for
 * @queue: the queue it sets
 * @priority: (nullable): the priority it sets
 * @tag: (nullable): the tag it adds
 */
typedef struct
{
  gint64  id;
  char   *field;
  char   *contains;
  char   *queue;
  char   *priority;
  char   *tag;
} CrmRuleInfo;

/**
 * CrmTicketFilter:
 * @reader: whose read state counts (0: the assignee's)
 * @queue_id: only this queue, or 0
 * @status: (nullable): only this status (name or kind)
 * @assignee_id: only this user's tickets; -1 for unassigned; 0 for all;
 *   %CRM_USER_ME (saved filters): those of someone, each its assignee's
 * @search: (nullable): words in subjects, bodies and addresses
 * @open_only: leave closed tickets out (when no @status is given)
 * @unread_only: only those @reader has not read
 * @oldest_first: requests are worked oldest first (RQ5)
 * @tag: (nullable): only tickets with this tag
 * @source: (nullable): only tickets that came this way ("email",
 *   "phone", "sms", "chat", "web", "letter" or "other")
 * @follower_id: only tickets this user follows, or 0; %CRM_USER_ME:
 *   those their assignee follows
 * @involved_id: only tickets assigned to or followed by this user, or
 *   0; %CRM_USER_ME: those assigned to someone
 * @limit: at most this many, or 0
 * @offset: skip this many
 */
typedef struct
{
  gint64      reader;
  gint64      queue_id;
  const char *status;
  gint64      assignee_id;
  const char *search;
  gboolean    open_only;
  gboolean    unread_only;
  gboolean    oldest_first;
  const char *tag;
  const char *source;
  gint64      follower_id;
  gint64      involved_id;
  guint       limit;
  guint       offset;
} CrmTicketFilter;

/**
 * CrmTicketComment:
 * @id: the comment's id
 * @internal: %TRUE for a user's comment, %FALSE for a system comment
 * @author: (nullable): who wrote it or did it
 * @body: the text
 * @created: when
 */
typedef struct
{
  gint64    id;
  gboolean  internal;
  char     *author;
  char     *body;
  gint64    created;
} CrmTicketComment;

void crm_ticket_comment_free (gpointer comment);

/**
 * CrmTicketAttachment:
 * @name: the file's name
 * @mime_type: (nullable): its type, or %NULL to guess
 * @data: its bytes
 */
typedef struct
{
  char   *name;
  char   *mime_type;
  GBytes *data;
} CrmTicketAttachment;

void crm_ticket_attachment_free (gpointer attachment);

gint64      crm_ticket_store_add_queue            (CrmTicketStore         *self,
                                                   const char             *name,
                                                   GError                **error);
gint64      crm_ticket_store_find_queue           (CrmTicketStore         *self,
                                                   const char             *name,
                                                   GError                **error);
GPtrArray  *crm_ticket_store_list_queues          (CrmTicketStore         *self,
                                                   GError                **error);
gboolean    crm_ticket_store_set_queue_reopens    (CrmTicketStore         *self,
                                                   gint64                  queue_id,
                                                   gboolean                reopen,
                                                   GError                **error);
GStrv       crm_ticket_store_list_statuses        (CrmTicketStore         *self,
                                                   GError                **error);
GStrv       crm_ticket_store_list_priorities      (CrmTicketStore         *self,
                                                   GError                **error);
GPtrArray  *crm_ticket_store_list_priority_times  (CrmTicketStore         *self,
                                                   GError                **error);
gboolean    crm_ticket_store_set_priority_times   (CrmTicketStore         *self,
                                                   gint64                  priority_id,
                                                   gint64                  response_minutes,
                                                   gint64                  resolution_minutes,
                                                   GError                **error);
GStrv       crm_ticket_store_list_categories      (CrmTicketStore         *self,
                                                   GError                **error);
gint64      crm_ticket_store_add_category         (CrmTicketStore         *self,
                                                   const char             *name,
                                                   GError                **error);
gint64      crm_ticket_store_add_status           (CrmTicketStore         *self,
                                                   const char             *name,
                                                   const char             *kind,
                                                   GError                **error);
GStrv       crm_ticket_store_list_tags            (CrmTicketStore         *self,
                                                   GError                **error);
gint64      crm_ticket_store_add_rule             (CrmTicketStore         *self,
                                                   const char             *field,
                                                   const char             *contains,
                                                   gint64                  queue_id,
                                                   const char             *priority,
                                                   const char             *tag,
                                                   GError                **error);
GPtrArray  *crm_ticket_store_list_rules           (CrmTicketStore         *self,
                                                   GError                **error);
CrmTicket  *crm_ticket_store_get                  (CrmTicketStore         *self,
                                                   gint64                  id,
                                                   gint64                  reader,
                                                   GError                **error);
GListModel *crm_ticket_store_list                 (CrmTicketStore         *self,
                                                   const CrmTicketFilter  *filter,
                                                   GError                **error);
guint       crm_ticket_store_count                (CrmTicketStore         *self,
                                                   const CrmTicketFilter  *filter,
                                                   GError                **error);
void        crm_ticket_store_count_async          (CrmTicketStore         *self,
                                                   const CrmTicketFilter  *filter,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
guint       crm_ticket_store_count_finish         (CrmTicketStore         *self,
                                                   GAsyncResult           *result,
                                                   GError                **error);
GArray     *crm_ticket_store_list_ids             (CrmTicketStore         *self,
                                                   const CrmTicketFilter  *filter,
                                                   GCancellable           *cancellable,
                                                   GError                **error);
gboolean    crm_ticket_store_locate               (CrmTicketStore         *self,
                                                   const CrmTicketFilter  *filter,
                                                   gint64                  id,
                                                   gint64                 *position,
                                                   GError                **error);
GPtrArray  *crm_ticket_store_get_many             (CrmTicketStore         *self,
                                                   const gint64           *ids,
                                                   guint                   n_ids,
                                                   gint64                  reader,
                                                   GError                **error);
GListModel *crm_ticket_store_list_client_tickets  (CrmTicketStore         *self,
                                                   gint64                  ticket_id,
                                                   guint                   limit,
                                                   GError                **error);
GListModel *crm_ticket_store_list_contact_tickets (CrmTicketStore         *self,
                                                   gint64                  contact_id,
                                                   guint                   limit,
                                                   GError                **error);
GArray     *crm_ticket_store_list_messages        (CrmTicketStore         *self,
                                                   gint64                  ticket_id,
                                                   GError                **error);
GPtrArray  *crm_ticket_store_list_comments        (CrmTicketStore         *self,
                                                   gint64                  ticket_id,
                                                   GError                **error);
gboolean    crm_ticket_store_comment              (CrmTicketStore         *self,
                                                   gint64                  ticket_id,
                                                   const char             *body,
                                                   GError                **error);
gboolean    crm_ticket_store_assign               (CrmTicketStore         *self,
                                                   gint64                  ticket_id,
                                                   gint64                  user_id,
                                                   GError                **error);
gboolean    crm_ticket_store_set                  (CrmTicketStore         *self,
                                                   gint64                  ticket_id,
                                                   const char             *status,
                                                   const char             *queue,
                                                   const char             *priority,
                                                   const char             *category,
                                                   const char             *tag,
                                                   GError                **error);
gboolean    crm_ticket_store_untag                (CrmTicketStore         *self,
                                                   gint64                  ticket_id,
                                                   const char             *tag,
                                                   GError                **error);
const char * const *crm_ticket_sources        (void);
gboolean  crm_ticket_store_check_filter   (CrmTicketStore         *self,
                                           const CrmTicketFilter  *filter,
                                           GError                **error);
GVariant *crm_ticket_filter_to_variant    (const CrmTicketFilter  *filter);
gboolean  crm_ticket_filter_from_variant  (GVariant               *variant,
                                           gint64                  me,
                                           CrmTicketFilter        *filter,
                                           GError                **error);
GArray   *crm_ticket_store_select_ids     (CrmTicketStore         *self,
                                           const CrmTicketFilter  *filter,
                                           gint64                  after_id,
                                           guint                   limit,
                                           GError                **error);
gboolean  crm_ticket_store_filter_matches (CrmTicketStore         *self,
                                           const CrmTicketFilter  *filter,
                                           gint64                  ticket_id,
                                           gboolean               *matches,
                                           GError                **error);
gboolean  crm_ticket_store_set_source     (CrmTicketStore         *self,
                                           gint64                  ticket_id,
                                           const char             *source,
                                           GError                **error);
gboolean  crm_ticket_store_follow         (CrmTicketStore         *self,
                                           gint64                  ticket_id,
                                           gint64                  user_id,
                                           gboolean                follow,
                                           GError                **error);
GArray   *crm_ticket_store_list_followers (CrmTicketStore         *self,
                                           gint64                  ticket_id,
                                           GError                **error);
gboolean  crm_ticket_store_mark_read      (CrmTicketStore         *self,
                                           gint64                  ticket_id,
                                           gint64                  user_id,
                                           GError                **error);
gboolean  crm_ticket_store_link_client    (CrmTicketStore         *self,
                                           gint64                  ticket_id,
                                           gint64                  contact_id,
                                           gboolean                add_address,
                                           gboolean                all_from_address,
                                           GError                **error);
gint64    crm_ticket_store_add_client     (CrmTicketStore         *self,
                                           gint64                  ticket_id,
                                           CrmContactKind          kind,
                                           const char             *name,
                                           const char             *company,
                                           GError                **error);
void        crm_ticket_store_create_async          (CrmTicketStore       *self,
                                                    const char           *subject,
                                                    gint64                queue_id,
                                                    const char           *to,
                                                    gint64                contact_id,
                                                    const char           *body,
                                                    gint64                due,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
void        crm_ticket_store_record_request_async  (CrmTicketStore       *self,
                                                    const char           *subject,
                                                    gint64                queue_id,
                                                    gint64                contact_id,
                                                    const char           *body,
                                                    const char           *source,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gint64      crm_ticket_store_create_finish         (CrmTicketStore       *self,
                                                    GAsyncResult         *result,
                                                    gint64               *outbox_id,
                                                    GError              **error);
gint64       crm_ticket_store_reply            (CrmTicketStore                 *self,
                                                gint64                    ticket_id,
                                                const char               *body,
                                                const char * const       *cc,
                                                GPtrArray                *attachments,
                                                gint64                    due,
                                                GError                  **error);
gint64  crm_ticket_store_create         (CrmTicketStore  *self,
                                         const char      *subject,
                                         gint64           queue_id,
                                         const char      *to,
                                         gint64           contact_id,
                                         const char      *body,
                                         gint64           due,
                                         gint64          *outbox_id,
                                         GError         **error);
gint64  crm_ticket_store_record_request (CrmTicketStore  *self,
                                         const char      *subject,
                                         gint64           queue_id,
                                         gint64           contact_id,
                                         const char      *body,
                                         const char      *source,
                                         GError         **error);
char   *crm_ticket_store_dup_reference  (CrmTicketStore  *store,
                                         gint64           ticket_id);

/**
 * CrmTicketOutcome:
 * @CRM_TICKET_OUTCOME_SOLVED: closed, the matter done
 * @CRM_TICKET_OUTCOME_WON: a request that ended in a sale
 * @CRM_TICKET_OUTCOME_WONT_BUY: the client won't buy, for a reason
 * @CRM_TICKET_OUTCOME_SPAM: spam
 *
 * How a ticket or request was closed (RQ9, RQ10).
 */
typedef enum
{
  CRM_TICKET_OUTCOME_SOLVED,
  CRM_TICKET_OUTCOME_WON,
  CRM_TICKET_OUTCOME_WONT_BUY,
  CRM_TICKET_OUTCOME_SPAM,
} CrmTicketOutcome;

CrmTicketOutcome crm_ticket_outcome_from_string (const char       *text);
const char      *crm_ticket_outcome_to_string   (CrmTicketOutcome  outcome);

/**
 * CrmOutcomeCount:
 * @outcome: how the tickets ended
 * @reason: (nullable): the reason, for %CRM_TICKET_OUTCOME_WONT_BUY
 * @manager_id: the manager (the ticket's assignee, else who closed
 *   it), or 0
 * @manager: (nullable): the manager's name
 * @count: how many tickets
 */
typedef struct
{
  CrmTicketOutcome  outcome;
  char             *reason;
  gint64            manager_id;
  char             *manager;
  guint             count;
} CrmOutcomeCount;

#define CRM_TYPE_OUTCOME_COUNT (crm_outcome_count_get_type ())
GType            crm_outcome_count_get_type (void) G_GNUC_CONST;
CrmOutcomeCount *crm_outcome_count_copy     (const CrmOutcomeCount *count);
void             crm_outcome_count_free     (CrmOutcomeCount       *count);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOutcomeCount, crm_outcome_count_free)

gint64     crm_ticket_store_close              (CrmTicketStore       *self,
                                                gint64                ticket_id,
                                                CrmTicketOutcome      outcome,
                                                const char           *reason,
                                                gboolean              block_sender,
                                                GError              **error);
gint64     crm_ticket_store_move               (CrmTicketStore       *self,
                                                gint64                ticket_id,
                                                const char           *queue,
                                                gint64                assignee_id,
                                                GError              **error);
gint64     crm_ticket_store_merge              (CrmTicketStore       *self,
                                                gint64                from,
                                                gint64                into,
                                                gboolean              notify_client,
                                                GError              **error);
gboolean   crm_ticket_store_get_merge_notice   (CrmTicketStore       *self,
                                                gint64               *template_id);
gboolean   crm_ticket_store_set_merge_notice   (CrmTicketStore       *self,
                                                gboolean              by_default,
                                                gint64                template_id,
                                                GError              **error);
gint64     crm_ticket_store_split              (CrmTicketStore       *self,
                                                gint64                message_id,
                                                gint64               *ticket_id,
                                                GError              **error);
gint64     crm_ticket_store_forward            (CrmTicketStore       *self,
                                                gint64                ticket_id,
                                                const char * const   *to,
                                                const char           *note,
                                                gboolean              with_comments,
                                                gboolean              replies_here,
                                                gint64                due,
                                                GError              **error);
gint64     crm_ticket_store_unpin              (CrmTicketStore       *self,
                                                gint64                ticket_id,
                                                GError              **error);
guint       crm_ticket_store_get_no_answer_days     (CrmTicketStore       *self);
gboolean    crm_ticket_store_set_no_answer_days     (CrmTicketStore       *self,
                                                     guint                 days,
                                                     GError              **error);
guint       crm_ticket_no_answer_days               (CrmTicket            *ticket,
                                                     guint                 days,
                                                     gint64                now);
GListModel *crm_ticket_store_claim_reminders        (CrmTicketStore       *self,
                                                     gint64                user_id,
                                                     GError              **error);
void        crm_ticket_store_claim_reminders_async  (CrmTicketStore       *self,
                                                     gint64                user_id,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GListModel *crm_ticket_store_claim_reminders_finish (CrmTicketStore       *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);
/**
 * CrmDeletedTicket:
 * @id: the ticket's number
 * @subject: its subject
 * @client: (nullable): its client, as lists named it
 * @deleted_at: when it was deleted, a Unix time
 * @deleted_by: (nullable): who deleted it
 * @messages: how many messages it holds
 */
typedef struct
{
  gint64  id;
  char   *subject;
  char   *client;
  gint64  deleted_at;
  char   *deleted_by;
  guint   messages;
} CrmDeletedTicket;

#define CRM_TYPE_DELETED_TICKET (crm_deleted_ticket_get_type ())
GType             crm_deleted_ticket_get_type (void) G_GNUC_CONST;
CrmDeletedTicket *crm_deleted_ticket_copy     (const CrmDeletedTicket *ticket);
void              crm_deleted_ticket_free     (CrmDeletedTicket       *ticket);

gint64     crm_ticket_store_delete             (CrmTicketStore       *self,
                                                gint64                ticket_id,
                                                GError              **error);
gboolean   crm_ticket_store_restore            (CrmTicketStore       *self,
                                                gint64                ticket_id,
                                                GError              **error);
GPtrArray *crm_ticket_store_list_deleted       (CrmTicketStore       *self,
                                                GError              **error);
gint64     crm_ticket_store_add_close_reason   (CrmTicketStore       *self,
                                                const char           *name,
                                                GError              **error);
GStrv      crm_ticket_store_list_close_reasons (CrmTicketStore       *self,
                                                GError              **error);
gboolean   crm_ticket_store_is_blocked         (CrmTicketStore       *self,
                                                const char           *address);
GPtrArray *crm_ticket_store_count_outcomes     (CrmTicketStore       *self,
                                                gint64                from,
                                                gint64                to,
                                                GError              **error);
gint64     crm_ticket_store_undo               (CrmTicketStore       *self,
                                                gint64                step,
                                                gint64               *ticket_id,
                                                char                **done,
                                                GError              **error);
void       crm_ticket_store_undo_async         (CrmTicketStore       *self,
                                                gint64                step,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gint64     crm_ticket_store_undo_finish        (CrmTicketStore       *self,
                                                GAsyncResult         *result,
                                                GError              **error);

G_END_DECLS
