/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "crm-store.h"
#include "crm-task.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK_STORE (crm_task_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmTaskStore, crm_task_store, CRM, TASK_STORE, CrmStore)

/**
 * CrmTaskFilter:
 * @user_id: whose tasks, or 0 for everyone's
 * @open_only: only those not done
 * @done_only: only those done
 * @limit: at most this many, or 0 for all
 *
 * Which tasks a list holds. Lists are in one order: the open ones
 * first, the soonest due first; then the done ones, the last done
 * first.
 */
typedef struct
{
  gint64   user_id;
  gboolean open_only;
  gboolean done_only;
  guint    limit;
} CrmTaskFilter;

CrmTaskStore *crm_task_store_from_session    (CrmSession           *session);
gboolean      crm_task_store_check           (CrmTaskStore         *self,
                                              const char           *title,
                                              gint64                due,
                                              GError              **error);
gint64        crm_task_store_add             (CrmTaskStore         *self,
                                              gint64                user_id,
                                              const char           *title,
                                              gint64                due,
                                              const char           *module,
                                              gint64                record_id,
                                              GError              **error);
gint64        crm_task_store_add_full        (CrmTaskStore         *self,
                                              gint64                user_id,
                                              const char           *title,
                                              gint64                due,
                                              const char           *module,
                                              gint64                record_id,
                                              gint64                automation_run_id,
                                              GError              **error);
void          crm_task_store_add_async       (CrmTaskStore         *self,
                                              gint64                user_id,
                                              const char           *title,
                                              gint64                due,
                                              const char           *module,
                                              gint64                record_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
CrmTask      *crm_task_store_add_finish      (CrmTaskStore         *self,
                                              GAsyncResult         *result,
                                              GError              **error);
CrmTask      *crm_task_store_get             (CrmTaskStore         *self,
                                              gint64                id,
                                              GError              **error);
GPtrArray    *crm_task_store_list            (CrmTaskStore         *self,
                                              const CrmTaskFilter  *filter,
                                              GError              **error);
GArray       *crm_task_store_list_ids        (CrmTaskStore         *self,
                                              const CrmTaskFilter  *filter,
                                              GError              **error);
GPtrArray    *crm_task_store_get_many        (CrmTaskStore         *self,
                                              const gint64         *ids,
                                              guint                 n_ids,
                                              GError              **error);
GPtrArray    *crm_task_store_list_for_record (CrmTaskStore         *self,
                                              const char           *module,
                                              gint64                record_id,
                                              GError              **error);
gboolean      crm_task_store_set_done        (CrmTaskStore         *self,
                                              gint64                id,
                                              GError              **error);
gboolean      crm_task_store_set_undone      (CrmTaskStore         *self,
                                              gint64                id,
                                              GError              **error);
void          crm_task_store_set_done_async  (CrmTaskStore         *self,
                                              gint64                id,
                                              gboolean              done,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
CrmTask      *crm_task_store_set_done_finish (CrmTaskStore         *self,
                                              GAsyncResult         *result,
                                              GError              **error);
gboolean      crm_task_store_delete          (CrmTaskStore         *self,
                                              gint64                id,
                                              GError              **error);
guint         crm_task_store_count_overdue   (CrmTaskStore         *self,
                                              gint64                user_id,
                                              GError              **error);
gboolean      crm_task_store_get_next_due    (CrmTaskStore         *self,
                                              gint64                user_id,
                                              gint64               *due,
                                              GError              **error);
GPtrArray    *crm_task_store_claim_due       (CrmTaskStore         *self,
                                              gint64                user_id,
                                              GError              **error);
void          crm_task_store_claim_due_async (CrmTaskStore         *self,
                                              gint64                user_id,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GPtrArray    *crm_task_store_claim_due_finish (CrmTaskStore        *self,
                                               GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
