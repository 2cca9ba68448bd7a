/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-mail-engine"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-mail-engine-private.h"
#include "crm-mail-sync.h"
#include "crm-outbox.h"
#include "crm-referral-store.h"
#include "crm-thread-private.h"
#include "crm-ticket-store-private.h"

/* The engine's threads (see crm-mail-engine.c): one worker an account,
 * importing mail and waiting with IDLE, and the outbox's, sending what
 * is due; each with a connection of its own to the database, telling
 * the main context what it does through reports. */

#define IDLE_SECONDS (25 * 60)   /* servers may end IDLE after 30 minutes */
#define FIRST_RETRY 5
#define LAST_RETRY 300
#define OUTBOX_CHECK 5           /* other processes queue mail too */
#define REFERRALS_PASS 3600      /* the referrals' retention purge, hourly */
#define NAME_KEYS_BATCH 2000

/* A thread that waits can be woken: for a refresh, a new message in
 * the outbox, or the end. */


void
_crm_mail_engine_waker_init (Waker *waker)
{
  g_mutex_init (&waker->mutex);
  waker->cancellable = g_cancellable_new ();
}

static void
waker_clear (Waker *waker)
{
  g_clear_object (&waker->cancellable);
  g_mutex_clear (&waker->mutex);
}

/* The cancellable for the next blocking call; a fresh one once the
 * last was used to wake the thread. */
static GCancellable *
waker_get (Waker *waker)
{
  GCancellable *cancellable;

  g_mutex_lock (&waker->mutex);
  if (g_cancellable_is_cancelled (waker->cancellable) && !waker->stopping)
    g_set_object (&waker->cancellable, g_cancellable_new ());
  cancellable = g_object_ref (waker->cancellable);
  g_mutex_unlock (&waker->mutex);

  return cancellable;
}

void
_crm_mail_engine_waker_wake (Waker    *waker,
            gboolean  stop)
{
  g_mutex_lock (&waker->mutex);
  if (stop)
    waker->stopping = TRUE;
  g_cancellable_cancel (waker->cancellable);
  g_mutex_unlock (&waker->mutex);
}

static gboolean
waker_stopping (Waker *waker)
{
  gboolean stopping;

  g_mutex_lock (&waker->mutex);
  stopping = waker->stopping;
  g_mutex_unlock (&waker->mutex);

  return stopping;
}

/* Sleeps @seconds, or until woken. */
static void
sleep_for (guint         seconds,
           GCancellable *cancellable)
{
  GPollFD pollfd;

  if (g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_poll (&pollfd, 1, (int) MIN (seconds, G_MAXINT / 1000) * 1000);
      g_cancellable_release_fd (cancellable);
    }
}







void
_crm_mail_engine_report_free (gpointer data)
{
  Report *report = data;

  g_weak_ref_clear (&report->engine);
  g_free (report->error_message);
  g_free (report);
}

static void
send_report (GWeakRef     *engine,
             GMainContext *context,
             guint         generation,
             gint64        account_id,
             CrmMailState  state,
             double        progress,
             const char   *error_message,
             gint          imported)
{
  Report *report = g_new0 (Report, 1);
  g_autoptr(GObject) object = g_weak_ref_get (engine);

  g_weak_ref_init (&report->engine, object);
  report->generation = generation;
  report->account_id = account_id;
  report->state = state;
  report->progress = progress;
  report->error_message = g_strdup (error_message);
  report->imported = imported;

  /* never called here: the engine's state would then be changed on
   * this worker while its own thread changes it too */
  _crm_post_to_context (context, _crm_mail_engine_apply_report, report, _crm_mail_engine_report_free, "[crm] mail engine report");
}

static void
worker_report (Worker       *worker,
               CrmMailState  state,
               double        progress,
               const char   *error_message,
               gint          imported)
{
  send_report (&worker->engine, worker->context, worker->generation, worker->account_id,
               state, progress, error_message, imported);
}

static void
worker_progress_cb (guint    done,
                    guint    total,
                    gpointer user_data)
{
  worker_report (user_data, CRM_MAIL_STATE_SYNCING, total > 0 ? (double) done / total : 0, NULL, -1);
}

gpointer
_crm_mail_engine_worker_thread (gpointer data)
{
  Worker *worker = data;
  guint retry = 0;

  while (!waker_stopping (&worker->waker))
    {
      g_autoptr(GCancellable) cancellable = waker_get (&worker->waker);
      g_autoptr(CrmImapClient) imap = NULL;
      g_autoptr(GError) error = NULL;

      worker_report (worker, CRM_MAIL_STATE_CONNECTING, 0, NULL, -1);
      imap = crm_mail_connect (worker->session, worker->account_id, cancellable, &error);

      while (imap != NULL)
        {
          g_autoptr(CrmSyncResult) result = NULL;
          gboolean changed = FALSE;

          worker_report (worker, CRM_MAIL_STATE_SYNCING, 0, NULL, -1);
          result = crm_mail_sync_folder (worker->session, worker->account_id, imap,
                                         worker_progress_cb, worker, cancellable, &error);
          if (result == NULL)
            break;

          retry = 0;
          worker_report (worker, CRM_MAIL_STATE_WAITING, 0, NULL, (gint) result->imported);

          if (crm_imap_client_can_idle (imap))
            {
              if (!crm_imap_client_idle_sync (imap, IDLE_SECONDS, &changed, cancellable, &error))
                break;
            }
          else
            {
              sleep_for (worker->poll_interval, cancellable);
              if (g_cancellable_is_cancelled (cancellable))
                break;
            }
        }

      if (imap != NULL)
        crm_imap_client_logout (imap);

      if (waker_stopping (&worker->waker))
        break;

      /* woken for a refresh: at once, on a new connection */
      if (g_cancellable_is_cancelled (cancellable))
        {
          retry = 0;
          continue;
        }

      retry = retry == 0 ? FIRST_RETRY : MIN (retry * 2, LAST_RETRY);
      g_debug ("account %" G_GINT64_FORMAT ": %s; again in %u s", worker->account_id,
               error ? error->message : "?", retry);
      worker_report (worker, CRM_MAIL_STATE_OFFLINE, 0, error ? error->message : NULL, -1);
      sleep_for (retry, cancellable);
    }

  return NULL;
}

void
_crm_mail_engine_worker_free (gpointer data)
{
  Worker *worker = data;

  _crm_mail_engine_waker_wake (&worker->waker, TRUE);
  if (worker->thread != NULL)
    g_thread_join (worker->thread);
  waker_clear (&worker->waker);
  g_weak_ref_clear (&worker->engine);
  g_clear_object (&worker->session);
  g_free (worker->error_message);
  g_free (worker);
}

gpointer
_crm_mail_engine_outbox_thread (gpointer data)
{
  Outbox *outbox = data;
  CrmClock *clock = crm_session_get_clock (outbox->session);
  g_autofree char *problem = NULL;
  g_autofree char *reported = NULL;
  g_autoptr(GError) prune_error = NULL;
  CrmReferralStore *referrals = crm_referral_store_from_session (outbox->session);
  gint64 next_referrals = 0;
  gboolean name_keys_missing = TRUE;

  /* the journal of changes stays short (CrmSession follows it) */
  if (!crm_database_prune_changes (crm_session_get_database (outbox->session), &prune_error))
    g_debug ("pruning the journal of changes failed: %s", prune_error->message);

  while (!waker_stopping (&outbox->waker))
    {
      g_autoptr(GCancellable) cancellable = waker_get (&outbox->waker);
      gint64 next = crm_outbox_next_due (crm_outbox_from_session (outbox->session));
      gint64 next_copy = crm_outbox_next_copy_due (crm_outbox_from_session (outbox->session));
      gint64 now = crm_clock_now_unix (clock);

      /* copies for the Sent folder are tried again on their own */
      if (next_copy != 0 && (next == 0 || next_copy < next))
        next = next_copy;

      /* the referrals' periodic work: rejected ones purged after the
       * office's retention (logged), and the folded names of contacts
       * written before 0039, a short batch at a time between mails */
      if (now >= next_referrals)
        {
          g_autoptr(GError) error = NULL;

          crm_referral_store_purge (referrals, &error);
          if (error != NULL)
            g_warning ("Purging rejected referrals failed: %s", error->message);
          next_referrals = now + REFERRALS_PASS;
        }
      if (name_keys_missing)
        {
          g_autoptr(GError) error = NULL;
          guint filled = crm_referral_store_fill_name_keys (referrals, NAME_KEYS_BATCH, &error);

          if (error != NULL)
            g_debug ("folding contacts' names failed: %s", error->message);
          name_keys_missing = error == NULL && filled == NAME_KEYS_BATCH;
        }

      if (next != 0 && next <= now)
        {
          g_autoptr(GError) error = NULL;

          /* not cancelled by a stop: a message being sent is sent */
          crm_outbox_run_due (crm_outbox_from_session (outbox->session), NULL, &error);
          if (error != NULL)
            g_warning ("The outbox could not be read: %s", error->message);
          g_clear_pointer (&problem, g_free);
          problem = crm_outbox_dup_send_problem (crm_outbox_from_session (outbox->session));
          g_free (reported);
          reported = g_strdup (problem);
          send_report (&outbox->engine, outbox->context, outbox->generation, 0,
                       CRM_MAIL_STATE_WAITING, 0, problem, -1);
          if (error == NULL)
            continue;
        }

      /* what keeps mail from leaving is for the window to say, also
       * when the mail that failed was cancelled or edited meanwhile */
      g_clear_pointer (&problem, g_free);
      problem = crm_outbox_dup_send_problem (crm_outbox_from_session (outbox->session));
      if (g_strcmp0 (problem, reported) != 0)
        {
          g_free (reported);
          reported = g_strdup (problem);
          send_report (&outbox->engine, outbox->context, outbox->generation, 0,
                       CRM_MAIL_STATE_WAITING, 0, problem, -1);
        }

      sleep_for (next != 0 && next > now ? (guint) MIN (next - now, OUTBOX_CHECK) : OUTBOX_CHECK,
                 cancellable);
    }

  return NULL;
}

void
_crm_mail_engine_outbox_free (Outbox *outbox)
{
  _crm_mail_engine_waker_wake (&outbox->waker, TRUE);
  if (outbox->thread != NULL)
    g_thread_join (outbox->thread);
  waker_clear (&outbox->waker);
  g_weak_ref_clear (&outbox->engine);
  g_clear_object (&outbox->session);
  g_free (outbox);
}
