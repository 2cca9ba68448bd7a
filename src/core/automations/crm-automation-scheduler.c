/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-automation-scheduler"

#include "config.h"

#include "crm-automation-scheduler.h"
#include "crm-automation-store.h"
#include "crm-thread-private.h"

/**
 * CrmAutomationScheduler:
 *
 * The automations' scheduler inside the office's one engine
 * (ARCHITECTURE.md, "Engine ownership"; #CrmMailEngine starts it): a
 * thread of its own with a connection of its own, so the main loop
 * never waits on it. It makes a pass (crm_automation_store_run_pass ())
 * and sleeps until the next step falls due — one timer, at the due time
 * the database gives (an index probe) — or until woken, when
 * automations change (crm_automation_scheduler_wake ()). It looks again
 * every few seconds at most, for records that other programs changed
 * (the journal of changes). Stopping waits for the transaction under
 * way, never for a whole catch-up: a pass stops between transactions.
 *
 * #CrmAutomationScheduler::passed tells the main context of each pass
 * that did something.
 */

#define CHECK_SECONDS 5
#define MIN_WAIT_USEC (200 * 1000)

struct _CrmAutomationScheduler
{
  GObject       parent_instance;

  CrmSession   *session;
  GMainContext *context;
  GThread      *thread;
  GCancellable *cancellable;

  GMutex        lock;
  GCond         cond;
  gboolean      woken;
  gboolean      stopping;
  guint         passes;
  char         *problem;
};

G_DEFINE_FINAL_TYPE (CrmAutomationScheduler, crm_automation_scheduler, G_TYPE_OBJECT)

enum {
  PASSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GWeakRef          scheduler;
  CrmAutomationPass pass;
} Report;

static void
report_free (gpointer data)
{
  Report *report = data;

  g_weak_ref_clear (&report->scheduler);
  g_free (report);
}

static gboolean
apply_report (gpointer data)
{
  Report *report = data;
  g_autoptr(CrmAutomationScheduler) self = g_weak_ref_get (&report->scheduler);

  if (self != NULL)
    g_signal_emit (self, signals[PASSED], 0, &report->pass);

  return G_SOURCE_REMOVE;
}

static gpointer
scheduler_thread (gpointer data)
{
  CrmAutomationScheduler *self = data;
  CrmAutomationStore *store = crm_automation_store_from_session (self->session);
  CrmClock *clock = crm_session_get_clock (self->session);

  g_mutex_lock (&self->lock);
  while (!self->stopping)
    {
      CrmAutomationPass pass = { 0 };
      g_autoptr(GError) error = NULL;
      gint64 wait = CHECK_SECONDS * G_USEC_PER_SEC;
      gboolean ok;

      self->woken = FALSE;
      g_mutex_unlock (&self->lock);

      ok = crm_automation_store_run_pass (store, &pass, self->cancellable, &error);
      if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("the automations' pass failed: %s", error->message);
      if (pass.entered + pass.left + pass.done + pass.skipped + pass.failed + pass.moved > 0)
        {
          Report *report = g_new0 (Report, 1);

          g_weak_ref_init (&report->scheduler, self);
          report->pass = pass;
          _crm_post_to_context (self->context, apply_report, report, report_free, "[crm] automations passed");
        }
      if (ok && pass.next_due > 0)
        wait = CLAMP ((pass.next_due - crm_clock_now_unix (clock)) * G_USEC_PER_SEC, MIN_WAIT_USEC, wait);

      g_mutex_lock (&self->lock);
      self->passes++;
      g_free (self->problem);
      self->problem = ok || error == NULL ? NULL : g_strdup (error->message);
      if (!self->woken && !self->stopping)
        {
          gint64 until = g_get_monotonic_time () + wait;

          while (!self->woken && !self->stopping && g_cond_wait_until (&self->cond, &self->lock, until))
            ;
        }
    }
  g_mutex_unlock (&self->lock);

  return NULL;
}

static void
crm_automation_scheduler_dispose (GObject *object)
{
  CrmAutomationScheduler *self = (CrmAutomationScheduler *)object;

  crm_automation_scheduler_stop (self);

  G_OBJECT_CLASS (crm_automation_scheduler_parent_class)->dispose (object);
}

static void
crm_automation_scheduler_finalize (GObject *object)
{
  CrmAutomationScheduler *self = (CrmAutomationScheduler *)object;

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->problem);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (crm_automation_scheduler_parent_class)->finalize (object);
}

static void
crm_automation_scheduler_class_init (CrmAutomationSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_automation_scheduler_dispose;
  object_class->finalize = crm_automation_scheduler_finalize;

  /**
   * CrmAutomationScheduler::passed:
   * @self: the scheduler
   * @pass: (type gpointer): the #CrmAutomationPass: what the pass did
   *
   * A pass entered or left records, or did, skipped or moved steps.
   */
  signals[PASSED] =
    g_signal_new ("passed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
crm_automation_scheduler_init (CrmAutomationScheduler *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->context = g_main_context_ref_thread_default ();
}

/**
 * crm_automation_scheduler_new:
 * @session: a session on a connection of the scheduler's own, used on
 *   its thread only
 *
 * Returns: (transfer full): a scheduler, not started
 */
CrmAutomationScheduler *
crm_automation_scheduler_new (CrmSession *session)
{
  CrmAutomationScheduler *self;

  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  self = g_object_new (CRM_TYPE_AUTOMATION_SCHEDULER, NULL);
  self->session = g_object_ref (session);

  return self;
}

/**
 * crm_automation_scheduler_start:
 * @self: a #CrmAutomationScheduler
 *
 * Starts its thread, which makes a pass at once: what fell due while
 * nothing ran is caught up.
 */
void
crm_automation_scheduler_start (CrmAutomationScheduler *self)
{
  g_return_if_fail (CRM_IS_AUTOMATION_SCHEDULER (self));

  if (self->thread != NULL)
    return;
  self->stopping = FALSE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->thread = g_thread_new ("crm-automations", scheduler_thread, self);
}

/**
 * crm_automation_scheduler_stop:
 * @self: a #CrmAutomationScheduler
 *
 * Stops its thread, after the transaction under way.
 */
void
crm_automation_scheduler_stop (CrmAutomationScheduler *self)
{
  g_return_if_fail (CRM_IS_AUTOMATION_SCHEDULER (self));

  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
  g_cancellable_cancel (self->cancellable);
  g_thread_join (g_steal_pointer (&self->thread));
}

/**
 * crm_automation_scheduler_wake:
 * @self: a #CrmAutomationScheduler
 *
 * A pass now: automations, their steps or the clock changed.
 */
void
crm_automation_scheduler_wake (CrmAutomationScheduler *self)
{
  g_return_if_fail (CRM_IS_AUTOMATION_SCHEDULER (self));

  g_mutex_lock (&self->lock);
  self->woken = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

/**
 * crm_automation_scheduler_get_passes:
 * @self: a #CrmAutomationScheduler
 *
 * Returns: how many passes it made, failed or not
 */
guint
crm_automation_scheduler_get_passes (CrmAutomationScheduler *self)
{
  guint passes;

  g_return_val_if_fail (CRM_IS_AUTOMATION_SCHEDULER (self), 0);

  g_mutex_lock (&self->lock);
  passes = self->passes;
  g_mutex_unlock (&self->lock);

  return passes;
}

/**
 * crm_automation_scheduler_dup_problem:
 * @self: a #CrmAutomationScheduler
 *
 * Returns: (transfer full) (nullable): why the last pass failed, or
 *   %NULL when it did not
 */
char *
crm_automation_scheduler_dup_problem (CrmAutomationScheduler *self)
{
  char *problem;

  g_return_val_if_fail (CRM_IS_AUTOMATION_SCHEDULER (self), NULL);

  g_mutex_lock (&self->lock);
  problem = g_strdup (self->problem);
  g_mutex_unlock (&self->lock);

  return problem;
}
