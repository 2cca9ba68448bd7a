/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "crm-parsed-message.h"
#include "crm-store.h"

G_BEGIN_DECLS

const char    *_crm_enum_to_nick                (GType          type,
                                                 int            value);
gboolean       _crm_enum_from_nick              (GType          type,
                                                 const char    *text,
                                                 int           *value);

/* A cached statement, borrowed from the store: the cleanup resets it
 * and clears its bindings so the next user finds it fresh. */
typedef sqlite3_stmt CrmStoreStmt;

void           _crm_store_stmt_release          (CrmStoreStmt  *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmStoreStmt, _crm_store_stmt_release)

sqlite3       *_crm_store_get_db                (CrmStore      *self);
CrmStoreStmt  *_crm_store_prepare               (CrmStore      *self,
                                                 const char    *sql,
                                                 GError       **error);
gboolean       _crm_store_step_done             (CrmStore      *self,
                                                 CrmStoreStmt  *stmt,
                                                 GError       **error);
gboolean       _crm_store_step_ids              (CrmStore      *self,
                                                 CrmStoreStmt  *stmt,
                                                 GArray        *ids,
                                                 GError       **error);
GArray        *_crm_store_collect_ids           (CrmStore      *self,
                                                 const char    *sql,
                                                 gint64         id,
                                                 GError       **error);
gboolean       _crm_store_exec                  (CrmStore      *self,
                                                 const char    *sql,
                                                 GError       **error);
void           _crm_store_set_sql_error         (CrmStore      *self,
                                                 GError       **error);
void           _crm_store_emit_changed          (CrmStore      *self,
                                                 const char    *entity,
                                                 gint64         id);
CrmStore      *_crm_store_open_with_migrations  (const char    *path,
                                                 CrmClock      *clock,
                                                 const char    *resource_dir,
                                                 GError       **error);
CrmStore      *_crm_store_open_reader           (CrmStore      *primary,
                                                 GError       **error);
typedef gpointer (*CrmStoreRowFunc) (CrmStoreStmt *stmt);

GListModel    *_crm_store_collect               (CrmStore        *self,
                                                 CrmStoreStmt    *stmt,
                                                 GType            item_type,
                                                 CrmStoreRowFunc  row_func,
                                                 GError         **error);
GPtrArray     *_crm_store_collect_objects       (CrmStore        *self,
                                                 CrmStoreStmt    *stmt,
                                                 CrmStoreRowFunc  row_func,
                                                 GError         **error);
char          *_crm_store_ids_json              (const gint64    *ids,
                                                 guint            n_ids);
gboolean       _crm_store_prune_changes         (CrmStore        *self,
                                                 GError         **error);
gboolean       _crm_store_index_messages        (CrmStore        *store,
                                                 const gint64    *ids,
                                                 guint            n_ids,
                                                 GError         **error);
void           _crm_ticket_filter_copy          (CrmTicketFilter       *to,
                                                 const CrmTicketFilter *from);
void           _crm_ticket_filter_clear         (CrmTicketFilter       *filter);
CrmTicketFilter *_crm_ticket_filter_dup         (const CrmTicketFilter *filter);
void           _crm_ticket_filter_free          (gpointer               filter);
CrmContact    *_crm_store_contact_from_row      (CrmStoreStmt  *stmt);
gint64         _crm_store_add_mailbox_contact   (CrmStore      *self,
                                                 const char    *display_name,
                                                 const char    *address,
                                                 gint64        *manager_id,
                                                 GError       **error);
gboolean       _crm_store_route_message         (CrmStore          *store,
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
