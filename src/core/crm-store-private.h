/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-parsed-message.h"
#include "crm-account-store.h"
#include "crm-contact-store.h"
#include "crm-message-store.h"
#include "crm-outbox.h"
#include "crm-offer-store.h"
#include "crm-search-store.h"
#include "crm-template-store.h"
#include "crm-ticket-store.h"
#include "crm-user-store.h"

G_BEGIN_DECLS

const char    *_crm_enum_to_nick                (GType          type,
                                                 int            value);
gboolean       _crm_enum_from_nick              (GType          type,
                                                 const char    *text,
                                                 int           *value);

/* A module's store's statements go to its session's database (see
 * crm-database.h); any module's store is an argument here. */
#define _crm_store_db(self) (crm_store_get_database (CRM_STORE (self)))
#define _crm_session(self) (crm_store_get_session (CRM_STORE (self)))
#define _crm_store_prepare(self, sql, error) (crm_database_prepare (_crm_store_db (self), (sql), (error)))
#define _crm_store_step_done(self, stmt, error) (crm_database_step_done (_crm_store_db (self), (stmt), (error)))
#define _crm_store_step_ids(self, stmt, ids, error) (crm_database_step_ids (_crm_store_db (self), (stmt), (ids), (error)))
#define _crm_store_collect_ids(self, sql, id, error) (crm_database_collect_ids (_crm_store_db (self), (sql), (id), (error)))
#define _crm_store_exec(self, sql, error) (crm_database_exec (_crm_store_db (self), (sql), (error)))
#define _crm_store_set_sql_error(self, error) (crm_database_set_error (_crm_store_db (self), (error)))
#define _crm_store_emit_changed(self, entity, id) (crm_database_emit_changed (_crm_store_db (self), (entity), (id)))
#define _crm_store_collect(self, stmt, type, func, error) (crm_database_collect (_crm_store_db (self), (stmt), (type), (func), (error)))
#define _crm_store_collect_objects(self, stmt, func, error) (crm_database_collect_objects (_crm_store_db (self), (stmt), (func), (error)))
#define _crm_store_ids_json(ids, n) (crm_database_ids_json ((ids), (n)))
#define _crm_store_last_insert_id(self) (crm_database_last_insert_id (_crm_store_db (self)))
#define _crm_store_count_changes(self) (crm_database_count_changes (_crm_store_db (self)))
#define _crm_store_unique_violated(self) (crm_database_is_unique_violation (_crm_store_db (self)))

/* Another module's store, in the same session as @self. */
#define _crm_user_store_of(self) (crm_user_store_from_session (_crm_session (self)))
#define _crm_contact_store_of(self) (crm_contact_store_from_session (_crm_session (self)))
#define _crm_account_store_of(self) (crm_account_store_from_session (_crm_session (self)))
#define _crm_message_store_of(self) (crm_message_store_from_session (_crm_session (self)))
#define _crm_ticket_store_of(self) (crm_ticket_store_from_session (_crm_session (self)))
#define _crm_offer_store_of(self) (crm_offer_store_from_session (_crm_session (self)))
#define _crm_search_store_of(self) (crm_search_store_from_session (_crm_session (self)))
#define _crm_template_store_of(self) (crm_template_store_from_session (_crm_session (self)))
#define _crm_outbox_of(self) (crm_outbox_from_session (_crm_session (self)))

gboolean       _crm_message_store_index         (CrmMessageStore *store,
                                                 const gint64    *ids,
                                                 guint            n_ids,
                                                 GError         **error);
void           _crm_ticket_filter_copy          (CrmTicketFilter       *to,
                                                 const CrmTicketFilter *from);
void           _crm_ticket_filter_clear         (CrmTicketFilter       *filter);
CrmTicketFilter *_crm_ticket_filter_dup         (const CrmTicketFilter *filter);
void           _crm_ticket_filter_free          (gpointer               filter);
CrmContact    *_crm_store_contact_from_row      (CrmStatement  *stmt);
gint64         _crm_contact_store_add_mailbox_contact (CrmContactStore *self,
                                                 const char    *display_name,
                                                 const char    *address,
                                                 gint64        *manager_id,
                                                 GError       **error);
gboolean       _crm_ticket_store_route_message (CrmTicketStore    *store,
                                                 gint64             message_id,
                                                 CrmParsedMessage  *parsed,
                                                 GError           **error);
char          *_crm_store_sort_key              (const char    *name);
char          *_crm_store_search_text           (const char    *text);
char          *_crm_store_phone_terms           (const char    *number,
                                                 const char    *normalized);

/* The columns _crm_store_contact_from_row() reads, in order, for
 * "FROM contacts c". */
#define CRM_STORE_CONTACT_COLUMNS \
  "c.id, c.kind, c.name, c.company_id, co.name, c.manager_id, u.name, c.note, " \
  "c.created_at, c.updated_at, " \
  "(SELECT group_concat (address, char (31)) FROM " \
  "  (SELECT address FROM contact_emails WHERE contact_id = c.id ORDER BY position)), " \
  "(SELECT group_concat (number, char (31)) FROM " \
  "  (SELECT number FROM contact_phones WHERE contact_id = c.id ORDER BY position)), " \
  "(SELECT group_concat (t.name, char (31)) FROM contact_tags ct " \
  "  JOIN tags t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), " \
  "c.street, c.postal_code, c.city, c.country"

#define CRM_STORE_CONTACT_JOINS \
  " LEFT JOIN contacts co ON co.id = c.company_id" \
  " LEFT JOIN users u ON u.id = c.manager_id"

/* each module's hook for the mail it queues (crm_outbox_add_hook ()) */
void          _crm_offers_register_outbox_hook  (void);
void          _crm_tickets_register_outbox_hook (void);

G_END_DECLS
