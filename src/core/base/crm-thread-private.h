/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CrmThreadFunc:
 * @source_object: the task's source object
 * @task_data: the task's data
 * @cancellable: (nullable): the task's cancellable
 * @error: return location for a #GError
 *
 * Work for _crm_task_run_in_thread(), in its own thread.
 *
 * Returns: the result (never %NULL on success), or %NULL with @error set
 */
typedef gpointer (*CrmThreadFunc) (gpointer       source_object,
                                   gpointer       task_data,
                                   GCancellable  *cancellable,
                                   GError       **error);

void _crm_task_run_in_thread (GTask          *task,
                              CrmThreadFunc   func,
                              GDestroyNotify  result_free);

guint _crm_background_count_threads (void);
void  _crm_task_run_in_background   (GTask           *task,
                                     GTaskThreadFunc  func);

void  _crm_post_to_context          (GMainContext    *context,
                                     GSourceFunc      func,
                                     gpointer         data,
                                     GDestroyNotify   destroy,
                                     const char      *name);

G_END_DECLS
