/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-task-list"

#include "config.h"

#include "crm-task-list.h"

/**
 * CrmTaskList:
 *
 * The tasks a #CrmTaskFilter lets through (a user's, open or done), as
 * a #CrmPagedList: its order read on the session's reader, its items a
 * page at a time; the open ones first, the soonest due first. Changes
 * to tasks are picked up in one coalesced reload.
 */
struct _CrmTaskList
{
  CrmPagedList   parent_instance;

  CrmSession    *session;
  CrmTaskFilter  filter;
  gulong         changed_handler;
};

G_DEFINE_FINAL_TYPE (CrmTaskList, crm_task_list, CRM_TYPE_PAGED_LIST)

static gpointer
crm_task_list_dup_query (CrmPagedList *list)
{
  return g_memdup2 (&CRM_TASK_LIST (list)->filter, sizeof (CrmTaskFilter));
}

static GArray *
crm_task_list_load_ids (CrmPagedList  *list,
                        gpointer       query,
                        CrmSession    *session,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return crm_task_store_list_ids (crm_task_store_from_session (session), query, error);
}

static GPtrArray *
crm_task_list_load_items (CrmPagedList  *list,
                          CrmSession    *session,
                          gpointer       query,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  return crm_task_store_get_many (crm_task_store_from_session (session), ids, n_ids, error);
}

static gint64
crm_task_list_get_item_id (CrmPagedList *list,
                           gpointer      item)
{
  return crm_task_get_id (item);
}

static void
task_changed_cb (CrmTaskList *self,
                 const char  *entity,
                 gint64       id,
                 CrmDatabase *database)
{
  crm_paged_list_item_changed (CRM_PAGED_LIST (self), id);
}

static void
crm_task_list_dispose (GObject *object)
{
  CrmTaskList *self = CRM_TASK_LIST (object);

  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_handler, crm_session_get_database (self->session));
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_task_list_parent_class)->dispose (object);
}

static void
crm_task_list_class_init (CrmTaskListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_task_list_dispose;
  CRM_PAGED_LIST_CLASS (klass)->dup_query = crm_task_list_dup_query;
  CRM_PAGED_LIST_CLASS (klass)->free_query = g_free;
  CRM_PAGED_LIST_CLASS (klass)->load_ids = crm_task_list_load_ids;
  CRM_PAGED_LIST_CLASS (klass)->load_items = crm_task_list_load_items;
  CRM_PAGED_LIST_CLASS (klass)->get_item_id = crm_task_list_get_item_id;
}

static void
crm_task_list_init (CrmTaskList *self)
{
}

/**
 * crm_task_list_new:
 * @session: the session to read in
 *
 * Returns: (transfer full): a list of everyone's tasks, until a filter
 *   is set
 */
CrmTaskList *
crm_task_list_new (CrmSession *session)
{
  CrmTaskList *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_TASK_LIST, "item-type", CRM_TYPE_TASK, NULL);
  self->session = g_object_ref (session);
  crm_paged_list_set_session (CRM_PAGED_LIST (self), session);
  self->changed_handler = g_signal_connect_object (crm_session_get_database (session), "changed::task",
                                                   G_CALLBACK (task_changed_cb), self, G_CONNECT_SWAPPED);
  crm_paged_list_reload (CRM_PAGED_LIST (self));

  return self;
}

/**
 * crm_task_list_set_filter:
 * @self: a #CrmTaskList
 * @filter: which tasks to hold (the limit is the list's own business
 *   and ignored)
 */
void
crm_task_list_set_filter (CrmTaskList         *self,
                          const CrmTaskFilter *filter)
{
  g_return_if_fail (CRM_IS_TASK_LIST (self));
  g_return_if_fail (filter != NULL);

  self->filter = *filter;
  self->filter.limit = 0;
  crm_paged_list_reload (CRM_PAGED_LIST (self));
}

/**
 * crm_task_list_get_filter:
 * @self: a #CrmTaskList
 * @filter: (out caller-allocates): the filter
 */
void
crm_task_list_get_filter (CrmTaskList   *self,
                          CrmTaskFilter *filter)
{
  g_return_if_fail (CRM_IS_TASK_LIST (self));

  *filter = self->filter;
}
