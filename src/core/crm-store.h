/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-account.h"
#include "crm-clock.h"
#include "crm-contact.h"
#include "crm-database.h"
#include "crm-session.h"
#include "crm-ticket.h"
#include "crm-user.h"

G_BEGIN_DECLS

#define CRM_TYPE_STORE (crm_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmStore, crm_store, CRM, STORE, GObject)

/**
 * CrmStoreTransactionFunc:
 * @store: the store
 * @user_data: closure data
 * @error: return location for a #GError
 *
 * Returns: %TRUE to commit, %FALSE (with @error set) to roll back
 */
typedef gboolean (*CrmStoreTransactionFunc) (CrmStore  *store,
                                             gpointer   user_data,
                                             GError   **error);

CrmStore    *crm_store_new                     (CrmSession               *session);
CrmDatabase *crm_store_get_database            (CrmStore                 *self);
CrmSession  *crm_store_get_session             (CrmStore                 *self);
char        *crm_store_resolve_data_dir        (const char               *override);
CrmStore    *crm_store_open                    (const char               *data_dir,
                                                GError                  **error);
CrmStore    *crm_store_open_file               (const char               *path,
                                                CrmClock                 *clock,
                                                GError                  **error);
const char  *crm_store_get_path                (CrmStore                 *self);
CrmClock    *crm_store_get_clock               (CrmStore                 *self);
int          crm_store_get_schema_version      (CrmStore                 *self);
void         crm_store_follow_changes          (CrmStore                 *self,
                                                guint                     interval_ms);
int          crm_store_get_latest_schema_version (void);
gint64       crm_store_get_actor               (CrmStore                 *self);
gboolean     crm_store_run_in_transaction      (CrmStore                 *self,
                                                CrmStoreTransactionFunc   func,
                                                gpointer                  user_data,
                                                GError                  **error);

char        *crm_store_get_setting             (CrmStore                 *self,
                                                const char               *key,
                                                const char               *default_value);
gboolean     crm_store_set_setting             (CrmStore                 *self,
                                                const char               *key,
                                                const char               *value,
                                                GError                  **error);
char        *crm_store_dup_phone_country       (CrmStore                 *self);

gboolean     crm_store_append_history          (CrmStore                 *self,
                                                const char               *entity,
                                                gint64                    entity_id,
                                                const char               *action,
                                                const char               *detail,
                                                GError                  **error);
GListModel  *crm_store_list_history            (CrmStore                 *self,
                                                const char               *entity,
                                                gint64                    entity_id,
                                                GError                  **error);

/* Users (FD2) */
gint64       crm_store_add_user                (CrmStore                 *self,
                                                const char               *name,
                                                const char               *email,
                                                CrmRole                   role,
                                                GError                  **error);
guint        crm_store_count_users             (CrmStore                 *self);
GListModel  *crm_store_list_users              (CrmStore                 *self,
                                                GError                  **error);
GListModel  *crm_store_list_active_users       (CrmStore                 *self,
                                                GError                  **error);
GListModel  *crm_store_list_assignable_users   (CrmStore                 *self,
                                                gint64                    keep_id,
                                                GError                  **error);
gboolean     crm_store_update_user             (CrmStore                 *self,
                                                gint64                    id,
                                                const char               *name,
                                                const char               *email,
                                                CrmRole                   role,
                                                GError                  **error);
gboolean     crm_store_set_user_active         (CrmStore                 *self,
                                                gint64                    id,
                                                gboolean                  active,
                                                GError                  **error);
CrmUser     *crm_store_get_user                (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
CrmUser     *crm_store_find_user               (CrmStore                 *self,
                                                const char               *reference,
                                                GError                  **error);
CrmUser     *crm_store_find_active_user        (CrmStore                 *self,
                                                const char               *reference,
                                                GError                  **error);

/* Contacts (FD1) */

/**
 * CrmSaveContactFlags:
 * @CRM_SAVE_CONTACT_NONE: refuse an e-mail address another contact has
 * @CRM_SAVE_CONTACT_ALLOW_DUPLICATE: save it all the same (the user
 *   confirmed that two contacts share it)
 */
typedef enum
{
  CRM_SAVE_CONTACT_NONE = 0,
  CRM_SAVE_CONTACT_ALLOW_DUPLICATE = 1 << 0,
} CrmSaveContactFlags;

gboolean     crm_store_save_contact            (CrmStore                 *self,
                                                CrmContact               *contact,
                                                GError                  **error);
gboolean     crm_store_save_contact_with_company (CrmStore             *self,
                                                CrmContact               *contact,
                                                const char               *company_name,
                                                GError                  **error);
gboolean     crm_store_save_contact_full       (CrmStore                 *self,
                                                CrmContact               *contact,
                                                const char               *company_name,
                                                CrmSaveContactFlags       flags,
                                                GError                  **error);
CrmContact  *crm_store_find_email_owner        (CrmStore                 *self,
                                                CrmContact               *contact,
                                                char                    **address,
                                                GError                  **error);
char        *crm_store_propose_client_name     (CrmStore                 *self,
                                                gint64                    ticket_id);
CrmContact  *crm_store_get_contact             (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
gboolean     crm_store_delete_contact          (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
gint64       crm_store_ensure_company          (CrmStore                 *self,
                                                const char               *name,
                                                GError                  **error);
gint64       crm_store_count_contacts          (CrmStore                 *self);
GListModel  *crm_store_find_contacts_by_email  (CrmStore                 *self,
                                                const char               *address,
                                                GError                  **error);
GListModel  *crm_store_find_contacts_by_phone  (CrmStore                 *self,
                                                const char               *number,
                                                GError                  **error);
GListModel  *crm_store_list_company_members    (CrmStore                 *self,
                                                gint64                    company_id,
                                                GError                  **error);
gint64       crm_store_add_note                (CrmStore                 *self,
                                                gint64                    contact_id,
                                                const char               *body,
                                                GError                  **error);
GListModel  *crm_store_list_notes              (CrmStore                 *self,
                                                gint64                    contact_id,
                                                GError                  **error);

/* Stored mail */
GListModel  *crm_store_list_messages           (CrmStore                 *self,
                                                guint                     limit,
                                                GError                  **error);
char        *crm_store_get_message_text        (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
GListModel  *crm_store_list_ticket_mail        (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                GError                  **error);
GListModel  *crm_store_list_automatic_mail     (CrmStore                 *self,
                                                guint                     limit,
                                                GError                  **error);
gint64       crm_store_open_ticket_from_message (CrmStore                *self,
                                                 gint64                   message_id,
                                                 GError                 **error);
GBytes      *crm_store_get_attachment_data     (CrmStore                 *self,
                                                gint64                    attachment_id,
                                                GError                  **error);
GListModel  *crm_store_list_contact_files      (CrmStore                 *self,
                                                gint64                    contact_id,
                                                guint                     limit,
                                                GError                  **error);
GListModel  *crm_store_list_attachments        (CrmStore                 *self,
                                                gint64                    message_id,
                                                GError                  **error);
GBytes      *crm_store_get_message_raw         (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);

/* Mail accounts (RQ1) */
gboolean     crm_host_is_loopback              (const char               *host);
gint64       crm_store_add_account             (CrmStore                 *self,
                                                CrmAccount               *account,
                                                const char               *password,
                                                gboolean                  allow_insecure,
                                                GError                  **error);
void         crm_store_add_account_async       (CrmStore                 *self,
                                                CrmAccount               *account,
                                                const char               *password,
                                                gboolean                  allow_insecure,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gint64       crm_store_add_account_finish      (CrmStore                 *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
GListModel  *crm_store_list_accounts           (CrmStore                 *self,
                                                GError                  **error);
CrmAccount  *crm_store_get_account             (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
gboolean     crm_store_check_account           (CrmStore                 *self,
                                                CrmAccount               *account,
                                                const char               *password,
                                                gboolean                  allow_insecure,
                                                GError                  **error);
gboolean     crm_store_update_account          (CrmStore                 *self,
                                                CrmAccount               *account,
                                                const char               *password,
                                                gboolean                  allow_insecure,
                                                GError                  **error);
void         crm_store_update_account_async    (CrmStore                 *self,
                                                CrmAccount               *account,
                                                const char               *password,
                                                gboolean                  allow_insecure,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean     crm_store_remove_account          (CrmStore                 *self,
                                                gint64                    id,
                                                GError                  **error);
void         crm_store_remove_account_async    (CrmStore                 *self,
                                                gint64                    id,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
gboolean     crm_store_change_account_finish   (CrmStore                 *self,
                                                GAsyncResult             *result,
                                                GError                  **error);

/* Tickets and requests (TK, RQ) */

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
 * @assignee_id: only this user's tickets; -1 for unassigned; 0 for all
 * @search: (nullable): words in subjects, bodies and addresses
 * @open_only: leave closed tickets out (when no @status is given)
 * @unread_only: only those @reader has not read
 * @oldest_first: requests are worked oldest first (RQ5)
 * @tag: (nullable): only tickets with this tag
 * @source: (nullable): only tickets that came this way ("email",
 *   "phone", "sms", "chat", "web", "letter" or "other")
 * @follower_id: only tickets this user follows, or 0
 * @involved_id: only tickets assigned to or followed by this user, or 0
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

gint64       crm_store_add_queue               (CrmStore                 *self,
                                                const char               *name,
                                                GError                  **error);
gint64       crm_store_find_queue              (CrmStore                 *self,
                                                const char               *name,
                                                GError                  **error);
GPtrArray   *crm_store_list_queues             (CrmStore                 *self,
                                                GError                  **error);
gboolean     crm_store_set_queue_reopens       (CrmStore                 *self,
                                                gint64                    queue_id,
                                                gboolean                  reopen,
                                                GError                  **error);
GStrv        crm_store_list_statuses           (CrmStore                 *self,
                                                GError                  **error);
GStrv        crm_store_list_priorities         (CrmStore                 *self,
                                                GError                  **error);
GPtrArray   *crm_store_list_priority_times     (CrmStore                 *self,
                                                GError                  **error);
gboolean     crm_store_set_priority_times      (CrmStore                 *self,
                                                gint64                    priority_id,
                                                gint64                    response_minutes,
                                                gint64                    resolution_minutes,
                                                GError                  **error);
GStrv        crm_store_list_categories         (CrmStore                 *self,
                                                GError                  **error);
gint64       crm_store_add_category            (CrmStore                 *self,
                                                const char               *name,
                                                GError                  **error);
gint64       crm_store_add_status              (CrmStore                 *self,
                                                const char               *name,
                                                const char               *kind,
                                                GError                  **error);
GStrv        crm_store_list_ticket_tags        (CrmStore                 *self,
                                                GError                  **error);
gint64       crm_store_add_rule                (CrmStore                 *self,
                                                const char               *field,
                                                const char               *contains,
                                                gint64                    queue_id,
                                                const char               *priority,
                                                const char               *tag,
                                                GError                  **error);
GPtrArray   *crm_store_list_rules              (CrmStore                 *self,
                                                GError                  **error);
CrmTicket   *crm_store_get_ticket              (CrmStore                 *self,
                                                gint64                    id,
                                                gint64                    reader,
                                                GError                  **error);
GListModel  *crm_store_list_tickets            (CrmStore                 *self,
                                                const CrmTicketFilter    *filter,
                                                GError                  **error);
guint        crm_store_count_tickets           (CrmStore                 *self,
                                                const CrmTicketFilter    *filter,
                                                GError                  **error);
guint        crm_store_count_reading           (void);
/**
 * CrmStoreReadFunc:
 * @reader: a store on a connection of its own, for reads only
 * @data: what the caller gave
 * @result: (out): what was read
 * @cancellable: (nullable): the read's #GCancellable
 * @error: return location for a #GError
 *
 * Reads on a worker thread; touches no widget.
 *
 * Returns: %TRUE with @result set, or %FALSE with @error set
 */
typedef gboolean (*CrmStoreReadFunc) (CrmStore      *reader,
                                      gpointer       data,
                                      gpointer      *result,
                                      GCancellable  *cancellable,
                                      GError       **error);
void         crm_store_read_async              (CrmStore                 *self,
                                                CrmStoreReadFunc          func,
                                                gpointer                  data,
                                                GDestroyNotify            data_free,
                                                GDestroyNotify            result_free,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
void         crm_store_warm_up                 (CrmStore                 *self);
gpointer     crm_store_read_finish             (CrmStore                 *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
void         crm_store_count_tickets_async     (CrmStore                 *self,
                                                const CrmTicketFilter    *filter,
                                                GCancellable             *cancellable,
                                                GAsyncReadyCallback       callback,
                                                gpointer                  user_data);
guint        crm_store_count_tickets_finish    (CrmStore                 *self,
                                                GAsyncResult             *result,
                                                GError                  **error);
GArray      *crm_store_list_ticket_ids         (CrmStore                 *self,
                                                const CrmTicketFilter    *filter,
                                                GCancellable             *cancellable,
                                                GError                  **error);
GPtrArray   *crm_store_get_tickets             (CrmStore                 *self,
                                                const gint64             *ids,
                                                guint                     n_ids,
                                                gint64                    reader,
                                                GError                  **error);
GListModel  *crm_store_list_client_tickets     (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                guint                     limit,
                                                GError                  **error);
GListModel  *crm_store_list_contact_tickets    (CrmStore                 *self,
                                                gint64                    contact_id,
                                                guint                     limit,
                                                GError                  **error);
GArray      *crm_store_list_ticket_messages    (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                GError                  **error);
GPtrArray   *crm_store_list_ticket_comments    (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                GError                  **error);
gboolean     crm_store_comment_ticket          (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                const char               *body,
                                                GError                  **error);
gboolean     crm_store_assign_ticket           (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                gint64                    user_id,
                                                GError                  **error);
gboolean     crm_store_set_ticket              (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                const char               *status,
                                                const char               *queue,
                                                const char               *priority,
                                                const char               *category,
                                                const char               *tag,
                                                GError                  **error);
gboolean     crm_store_untag_ticket            (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                const char               *tag,
                                                GError                  **error);
const char * const *crm_ticket_sources        (void);
gboolean     crm_store_check_ticket_filter     (CrmStore                 *self,
                                                const CrmTicketFilter    *filter,
                                                GError                  **error);
gboolean     crm_store_set_ticket_source       (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                const char               *source,
                                                GError                  **error);
gboolean     crm_store_follow_ticket           (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                gint64                    user_id,
                                                gboolean                  follow,
                                                GError                  **error);
GArray      *crm_store_list_ticket_followers   (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                GError                  **error);
gboolean     crm_store_mark_ticket_read        (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                gint64                    user_id,
                                                GError                  **error);
gboolean     crm_store_link_ticket_client      (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                gint64                    contact_id,
                                                gboolean                  add_address,
                                                gboolean                  all_from_address,
                                                GError                  **error);
gint64       crm_store_add_ticket_client       (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                CrmContactKind            kind,
                                                const char               *name,
                                                const char               *company,
                                                GError                  **error);
gint64       crm_store_reply_ticket            (CrmStore                 *self,
                                                gint64                    ticket_id,
                                                const char               *body,
                                                const char * const       *cc,
                                                GPtrArray                *attachments,
                                                gint64                    due,
                                                GError                  **error);
gint64       crm_store_new_ticket              (CrmStore                 *self,
                                                const char               *subject,
                                                gint64                    queue_id,
                                                const char               *to,
                                                gint64                    contact_id,
                                                const char               *body,
                                                gint64                    due,
                                                gint64                   *outbox_id,
                                                GError                  **error);
gint64       crm_store_record_request          (CrmStore                 *self,
                                                const char               *subject,
                                                gint64                    queue_id,
                                                gint64                    contact_id,
                                                const char               *body,
                                                const char               *source,
                                                GError                  **error);
char        *crm_ticket_reference              (CrmStore                 *store,
                                                gint64                    ticket_id);

G_END_DECLS
