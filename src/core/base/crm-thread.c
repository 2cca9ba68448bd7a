/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-thread"

#include "config.h"

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "crm-thread-private.h"

/*
 * Blocking work for an asynchronous call, in a thread of its own that
 * is joined before the caller hears of the result: when the callback
 * runs, the thread is gone. g_task_run_in_thread() leaves its threads
 * in GLib's pool, where they end on timers of their own, so a program
 * can exit (and LeakSanitizer look at its threads) while one of them
 * is still ending.
 */

typedef struct
{
  GMutex          lock;
  GThread        *thread;
  GTask          *task;
  CrmThreadFunc   func;
  GDestroyNotify  result_free;
  gpointer        result;
  GError         *error;
} Work;

/* On the task's context: the thread has returned, or is about to */
static gboolean
work_done_cb (gpointer data)
{
  Work *work = data;
  GThread *thread;

  g_mutex_lock (&work->lock);
  thread = g_steal_pointer (&work->thread);
  g_mutex_unlock (&work->lock);
  g_thread_join (thread);

  if (work->error != NULL)
    g_task_return_error (work->task, g_steal_pointer (&work->error));
  else
    g_task_return_pointer (work->task, g_steal_pointer (&work->result), work->result_free);

  g_object_unref (work->task);
  g_mutex_clear (&work->lock);
  g_free (work);

  return G_SOURCE_REMOVE;
}

static gpointer
work_thread (gpointer data)
{
  Work *work = data;
  g_autoptr(GSource) source = NULL;

  work->result = work->func (g_task_get_source_object (work->task), g_task_get_task_data (work->task),
                             g_task_get_cancellable (work->task), &work->error);
  g_assert (work->result != NULL || work->error != NULL);

  /* a source of its own on the task's context, never run here: this
   * thread cannot join itself */
  source = g_idle_source_new ();
  g_source_set_priority (source, g_task_get_priority (work->task));
  g_source_set_static_name (source, "[crm] thread done");
  g_source_set_callback (source, work_done_cb, work, NULL);
  g_source_attach (source, g_task_get_context (work->task));

  return NULL;
}

/**
 * _crm_task_run_in_thread:
 * @task: a #GTask
 * @func: the work
 * @result_free: (nullable): frees what @func returns
 *
 * Runs @func in a new thread and returns its result to @task as a
 * pointer (g_task_propagate_pointer()), after joining the thread.
 */
void
_crm_task_run_in_thread (GTask          *task,
                         CrmThreadFunc   func,
                         GDestroyNotify  result_free)
{
  Work *work;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  work = g_new0 (Work, 1);
  g_mutex_init (&work->lock);
  work->task = g_object_ref (task);
  work->func = func;
  work->result_free = result_free;

  /* the thread is known before its end can be reported */
  g_mutex_lock (&work->lock);
  work->thread = g_thread_new ("crm-task", work_thread, work);
  g_mutex_unlock (&work->lock);
}

/*
 * Reads the user does not wait on frame by frame (lists reading their
 * order again, counts, the Start page) run on threads of their own at
 * a lower priority than the window's: on two cores, rereading a list
 * of a hundred thousand ids as mail arrives must not take the main
 * loop's turn. The pool is exclusive, so these threads never serve
 * GLib's own pool, and they keep their priority for good.
 */
#define BACKGROUND_THREADS 4
#define BACKGROUND_NICE 10

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Background;

static void
background_run (gpointer data,
                gpointer user_data)
{
  static GPrivate lowered;
  Background *job = data;

  if (g_private_get (&lowered) == NULL)
    {
#ifdef __linux__
      setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), BACKGROUND_NICE);
#endif
      g_private_set (&lowered, GINT_TO_POINTER (1));
    }

  job->func (job->task, g_task_get_source_object (job->task), g_task_get_task_data (job->task),
             g_task_get_cancellable (job->task));
  g_object_unref (job->task);
  g_free (job);
}

/**
 * _crm_task_run_in_background:
 * @task: a #GTask
 * @func: its work, as for g_task_run_in_thread()
 *
 * Like g_task_run_in_thread(), on a background thread of lower
 * priority than the caller's.
 */
static GThreadPool *pool;

/**
 * _crm_background_count_threads:
 *
 * For tests that wait for GLib's pool threads to end: the background
 * threads never end, and are named as GLib's are.
 *
 * Returns: how many background threads this process has
 */
guint
_crm_background_count_threads (void)
{
  return g_atomic_pointer_get (&pool) != NULL ? BACKGROUND_THREADS : 0;
}

void
_crm_task_run_in_background (GTask           *task,
                             GTaskThreadFunc  func)
{
  Background *job;

  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (background_run, NULL, BACKGROUND_THREADS, TRUE, NULL));

  job = g_new0 (Background, 1);
  job->task = g_object_ref (task);
  job->func = func;
  g_thread_pool_push (pool, job, NULL);
}

/*
 * _crm_post_to_context:
 * @context: the context whose thread is to run @func
 * @func: called once, in @context's thread
 * @data: for @func
 * @destroy: frees @data after, or when @context goes first
 * @name: (nullable): the source's name, for profilers
 *
 * Runs @func in the thread that iterates @context, always through a
 * source attached to it: never here. (g_main_context_invoke () runs
 * the function in the calling thread when nobody iterates the context
 * at that moment, and so on a worker.)
 */
void
_crm_post_to_context (GMainContext   *context,
                      GSourceFunc     func,
                      gpointer        data,
                      GDestroyNotify  destroy,
                      const char     *name)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  if (name != NULL)
    g_source_set_name (source, name);
  g_source_attach (source, context);
}
