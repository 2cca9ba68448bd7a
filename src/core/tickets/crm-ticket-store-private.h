/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of the tickets' storage (crm-ticket-store.c,
 * crm-store-ticket-{settings,search,routing,replies}.c); nothing
 * outside them includes it. */


#include "crm-mail-private.h"
#include "crm-people-private.h"
#include "crm-parsed-message.h"
#include "crm-ticket-store.h"

G_BEGIN_DECLS

#define TOKEN_OPEN "[#"
#define REFERENCE_PREFIX "CRM-REF:"

void             _crm_ticket_filter_copy           (CrmTicketFilter        *to,
                                                    const CrmTicketFilter  *from);
void             _crm_ticket_filter_clear          (CrmTicketFilter        *filter);
CrmTicketFilter *_crm_ticket_filter_dup            (const CrmTicketFilter  *filter);
void             _crm_ticket_filter_free           (gpointer                filter);
gboolean         _crm_ticket_store_route_message   (CrmTicketStore         *store,
                                                    gint64                  message_id,
                                                    CrmParsedMessage       *parsed,
                                                    GError                **error);
void             _crm_tickets_register_outbox_hook (void);

gint64      _crm_tickets_find_named        (CrmTicketStore         *self,
                                            const char             *table_sql,
                                            const char             *name);
gint64      _crm_tickets_find_status       (CrmTicketStore         *self,
                                            const char             *name,
                                            GError                **error);
gint64      _crm_tickets_find_priority     (CrmTicketStore         *self,
                                            const char             *name,
                                            GError                **error);
gint64      _crm_tickets_ensure_tag        (CrmTicketStore         *self,
                                            const char             *name,
                                            GError                **error);
gint64      _crm_tickets_ensure_category   (CrmTicketStore         *self,
                                            const char             *name,
                                            GError                **error);
void        _crm_tickets_append_filters    (GString                *sql,
                                            const CrmTicketFilter  *filter);
void        _crm_tickets_bind_filters      (CrmStatement           *stmt,
                                            const CrmTicketFilter  *filter);
GArray     *_crm_tickets_search_ticket_ids (CrmTicketStore         *self,
                                            const CrmTicketFilter  *filter,
                                            guint                   max,
                                            GError                **error);
typedef struct _CrmTicketMailCheck CrmTicketMailCheck;

CrmTicketMailCheck *_crm_ticket_mail_check_new    (CrmTicketStore      *self,
                                                   const char          *search);
gboolean            _crm_ticket_mail_check_ticket (CrmTicketMailCheck  *check,
                                                   gint64               ticket_id,
                                                   gboolean            *matches,
                                                   GError             **error);
void                _crm_ticket_mail_check_free   (CrmTicketMailCheck  *check);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmTicketMailCheck, _crm_ticket_mail_check_free)

gboolean    _crm_tickets_search_match      (CrmTicketStore         *self,
                                            const char             *search,
                                            char                  **match,
                                            GError                **error);
void        _crm_tickets_set_search_window (gint64                  messages);
void        _crm_tickets_set_few_hits      (gint64                  hits);
void        _crm_tickets_count_search_ways (guint                  *walked,
                                            guint                  *rare);
gboolean    _crm_tickets_record_change     (CrmTicketStore         *self,
                                            gint64                  ticket_id,
                                            const char             *action,
                                            const char             *text,
                                            GError                **error);
const char *_crm_tickets_source_label      (const char             *source);
gboolean    _crm_tickets_update_column     (CrmTicketStore         *self,
                                            const char             *sql,
                                            gint64                  ticket_id,
                                            gint64                  value,
                                            GError                **error);
gint64      _crm_tickets_subject_token     (const char             *subject);
gboolean    _crm_tickets_is_third_party    (CrmTicketStore         *store,
                                            gint64                  ticket_id,
                                            const char             *address);
gint64      _crm_tickets_sending_account   (CrmTicketStore         *store,
                                            gint64                  ticket_id,
                                            GError                **error);
gboolean    _crm_tickets_store_outgoing    (CrmTicketStore         *store,
                                            gint64                  ticket_id,
                                            gint64                  outbox_id,
                                            const char             *body,
                                            const char             *role,
                                            const char             *reason,
                                            GError                **error);
gint64      _crm_tickets_find_client       (CrmTicketStore         *store,
                                            const char             *address,
                                            gint64                 *manager_id);
gboolean    _crm_tickets_set_due_times     (CrmTicketStore         *store,
                                            gint64                  ticket_id,
                                            gint64                  from,
                                            GError                **error);
gint64      _crm_tickets_create_ticket     (CrmTicketStore         *store,
                                            const char             *subject,
                                            const char             *source,
                                            gint64                  queue_id,
                                            gint64                  priority_id,
                                            gint64                  client_id,
                                            const char             *_crm_tickets_client_address,
                                            gint64                  assignee_id,
                                            GError                **error);
gboolean    _crm_tickets_attach_message    (CrmTicketStore         *store,
                                            gint64                  message_id,
                                            gint64                  ticket_id,
                                            const char             *reason,
                                            gboolean                incoming,
                                            GError                **error);
gint64      _crm_tickets_journal           (CrmTicketStore         *self,
                                            const char             *operation,
                                            gint64                  ticket_id,
                                            GVariant               *state,
                                            GError                **error);
gint64      _crm_tickets_follow_merges     (CrmTicketStore         *self,
                                            gint64                  ticket_id);
char       *_crm_tickets_undo_merge        (CrmTicketStore         *self,
                                            gint64                  into,
                                            GVariantDict           *state,
                                            GError                **error);
char       *_crm_tickets_undo_split        (CrmTicketStore         *self,
                                            gint64                  step,
                                            gint64                  ticket_id,
                                            GVariantDict           *state,
                                            GError                **error);
char       *_crm_tickets_undo_unpin        (CrmTicketStore         *self,
                                            gint64                  ticket_id,
                                            GVariantDict           *state,
                                            GError                **error);
gboolean    _crm_tickets_update_awaiting   (CrmTicketStore         *self,
                                            gint64                  ticket_id,
                                            GError                **error);
char       *_crm_tickets_undo_delete       (CrmTicketStore         *self,
                                            gint64                  ticket_id,
                                            GVariantDict           *state,
                                            GError                **error);
char       *_crm_tickets_undo_link_activity (CrmTicketStore        *self,
                                            gint64                  ticket_id,
                                            GVariantDict           *state,
                                            GError                **error);
gboolean    _crm_tickets_check_admin       (CrmTicketStore         *self,
                                            const char             *refusal,
                                            GError                **error);
gint64      _crm_tickets_assign            (CrmTicketStore         *self,
                                            gint64                  ticket_id,
                                            gint64                  user_id,
                                            GError                **error);
char       *_crm_tickets_client_address    (CrmTicketStore         *store,
                                            gint64                  ticket_id,
                                            GError                **error);
gboolean    _crm_tickets_close_as_won      (CrmTicketStore         *self,
                                            gint64                  ticket_id,
                                            const char             *comment,
                                            GError                **error);
gboolean    _crm_tickets_reopen            (CrmTicketStore         *self,
                                            gint64                  ticket_id,
                                            const char             *comment,
                                            GError                **error);

G_END_DECLS
