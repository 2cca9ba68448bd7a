/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-database.h"
#include "crm-session.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* A module's store's statements go to its session's database (see
 * crm-database.h); any module's store is an argument here. */
#define _crm_store_db(self) (crm_store_get_database (CRM_STORE (self)))
#define _crm_session(self) (crm_store_get_session (CRM_STORE (self)))

/* for tests: whether crm_session_keep_settings () answers from memory */
gboolean _crm_session_settings_kept (CrmSession *self);
#define _crm_store_prepare(self, sql, error) (crm_database_prepare (_crm_store_db (self), (sql), (error)))
#define _crm_store_step_done(self, stmt, error) (crm_database_step_done (_crm_store_db (self), (stmt), (error)))
#define _crm_store_step_row(self, stmt, row, error) (crm_database_step_row (_crm_store_db (self), (stmt), (row), (error)))
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



void     _crm_store_keep       (CrmStore           *self,
                                const char         *entity,
                                CrmSessionReadFunc  read,
                                GDestroyNotify      free_func);
gboolean _crm_store_keep_now   (CrmStore           *self,
                                const char         *entity,
                                CrmSessionReadFunc  read,
                                GDestroyNotify      free_func,
                                GError            **error);
void     _crm_store_keep_from  (CrmStore           *self,
                                CrmStore           *source,
                                const char         *entity,
                                CrmSessionReadFunc  read,
                                GBoxedCopyFunc      copy,
                                GDestroyNotify      free_func);
gpointer _crm_store_get_kept   (CrmStore           *self);

void     _crm_paged_list_count_reads (guint *whole,
                                      guint *located);

CrmSession *_crm_session_take_reader      (CrmSession  *self,
                                           GError     **error);
void        _crm_session_give_back_reader (CrmSession  *self,
                                           CrmSession  *reader);

gboolean _crm_store_exists     (CrmStore    *self,
                                const char  *sql,
                                const char  *text,
                                gint64       id,
                                gboolean    *found,
                                GError     **error);

G_END_DECLS
