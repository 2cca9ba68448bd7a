/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-mail-engine"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "crm-automation-scheduler.h"
#include "crm-error.h"
#include "crm-engine-store.h"
#include "crm-mail-engine.h"
#include "crm-thread-private.h"
#include "crm-mail-sync.h"
#include "crm-outbox.h"
#include "crm-pg-database.h"
#include "crm-referral-store.h"
#include "crm-ticket-store-private.h"

/**
 * CrmMailEngine:
 *
 * The part of the application that works without anyone watching
 * (ARCHITECTURE.md, "Engine ownership"): for each mail account a
 * worker thread that imports unread mail, then waits on the same
 * connection with IDLE (or polls when the server has no IDLE) and
 * reconnects with a growing delay after failures; and a worker thread
 * for the outbox that sends what is due, including what fell due while
 * nothing ran.
 *
 * Each worker has its own connection to the database, so nothing in
 * the engine blocks the main loop. What the workers do is reported on
 * the main context as #CrmMailEngine:state, #CrmMailEngine:progress,
 * #CrmMailEngine:error-message and #CrmMailEngine::synced, and as
 * #CrmSession::changed on the store the engine was made with.
 *
 * It runs the automations' scheduler too (#CrmAutomationScheduler, on
 * a thread and a connection of its own), woken when automations or the
 * office's settings change.
 *
 * A row in the database keeps a second engine (another window, or
 * `crmctl serve`) from running on the same data.
 */

#define IDLE_SECONDS (25 * 60)   /* servers may end IDLE after 30 minutes */
#define FIRST_RETRY 5
#define LAST_RETRY 300
#define OUTBOX_CHECK 5           /* other processes queue mail too */
#define REFERRALS_PASS 3600      /* the referrals' retention purge, hourly */
#define NAME_KEYS_BATCH 2000

struct _CrmMailEngine
{
  GObject       parent_instance;

  CrmSession     *session;
  CrmSession     *lock_session;   /* the team's server: holds the office's engine lock */
  char         *owner;
  char         *token;
  GMainContext *context;
  guint         poll_interval;
  gulong        changed_id;
  gboolean      running;
  guint         generation;
  guint         standby_source;   /* the team's server: trying to take over */
  CrmSession     *standby_session; /* … its connection, between two tries */
  gboolean      probing;          /* a try on its way, on a worker */
  gboolean      starting;         /* crm_mail_engine_start_async () on its way */
  GCancellable *start_cancellable;

  GPtrArray    *workers;
  struct Outbox *outbox;
  CrmAutomationScheduler *scheduler;

  CrmMailState  state;
  double        progress;
  char         *error_message;
  char         *send_problem;
};

G_DEFINE_FINAL_TYPE (CrmMailEngine, crm_mail_engine, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_OWNER,
  PROP_RUNNING,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_ERROR_MESSAGE,
  PROP_SEND_PROBLEM,
  N_PROPS
};

enum {
  SYNCED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A thread that waits can be woken: for a refresh, a new message in
 * the outbox, or the end. */
typedef struct
{
  GMutex        mutex;
  GCancellable *cancellable;
  gboolean      stopping;
} Waker;

static void
waker_init (Waker *waker)
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

static void
waker_wake (Waker    *waker,
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

/* Mail in: one per account. */
typedef struct
{
  GWeakRef       engine;
  GMainContext  *context;
  guint          generation;
  gint64         account_id;
  CrmSession      *session;
  guint          poll_interval;
  GThread       *thread;
  Waker          waker;

  /* as last reported; main context only */
  CrmMailState   state;
  double         progress;
  char          *error_message;
} Worker;

typedef struct Outbox
{
  GWeakRef       engine;
  GMainContext  *context;
  guint          generation;
  CrmSession      *session;
  GThread       *thread;
  Waker          waker;
} Outbox;

typedef struct
{
  GWeakRef      engine;
  guint         generation;
  gint64        account_id;   /* 0: the outbox */
  CrmMailState  state;
  double        progress;
  char         *error_message;
  gint          imported;     /* -1: not a sync's end */
} Report;

static void
report_free (gpointer data)
{
  Report *report = data;

  g_weak_ref_clear (&report->engine);
  g_free (report->error_message);
  g_free (report);
}

static void
update_state (CrmMailEngine *self)
{
  CrmMailState state = self->workers->len == 0 ? CRM_MAIL_STATE_NO_ACCOUNT : CRM_MAIL_STATE_WAITING;
  const char *error_message = NULL;
  double progress = 0;

  if (!self->running)
    state = CRM_MAIL_STATE_STOPPED;

  /* the state that most needs to be seen wins */
  for (guint i = 0; self->running && i < self->workers->len; i++)
    {
      Worker *worker = g_ptr_array_index (self->workers, i);

      if (worker->state == CRM_MAIL_STATE_OFFLINE)
        {
          state = CRM_MAIL_STATE_OFFLINE;
          if (error_message == NULL)
            error_message = worker->error_message;
        }
      else if (worker->state == CRM_MAIL_STATE_SYNCING && state != CRM_MAIL_STATE_OFFLINE)
        {
          state = CRM_MAIL_STATE_SYNCING;
          progress = worker->progress;
        }
      else if (worker->state == CRM_MAIL_STATE_CONNECTING && state == CRM_MAIL_STATE_WAITING)
        state = CRM_MAIL_STATE_CONNECTING;
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  if (self->progress != progress)
    {
      self->progress = progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
apply_report (gpointer data)
{
  Report *report = data;
  g_autoptr(CrmMailEngine) self = g_weak_ref_get (&report->engine);

  /* the workers start over when accounts change; the outbox goes on */
  if (self == NULL || !self->running || (report->account_id != 0 && report->generation != self->generation))
    return G_SOURCE_REMOVE;

  if (report->account_id == 0)
    {
      /* the outbox changed the database behind the store's back */
      crm_database_emit_changed (crm_session_get_database (self->session), "outbox", 0);
      if (g_strcmp0 (self->send_problem, report->error_message) != 0)
        {
          g_free (self->send_problem);
          self->send_problem = g_strdup (report->error_message);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEND_PROBLEM]);
        }
      return G_SOURCE_REMOVE;
    }

  for (guint i = 0; i < self->workers->len; i++)
    {
      Worker *worker = g_ptr_array_index (self->workers, i);

      if (worker->account_id != report->account_id)
        continue;

      worker->state = report->state;
      worker->progress = report->progress;
      g_free (worker->error_message);
      worker->error_message = g_strdup (report->error_message);
      update_state (self);

      if (report->imported >= 0)
        {
          if (report->imported > 0)
            crm_database_emit_changed (crm_session_get_database (self->session), "message", 0);
          g_signal_emit (self, signals[SYNCED], 0, report->account_id, (guint) report->imported);
        }
      break;
    }

  return G_SOURCE_REMOVE;
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
  _crm_post_to_context (context, apply_report, report, report_free, "[crm] mail engine report");
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

static gpointer
worker_thread (gpointer data)
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

static void
worker_free (gpointer data)
{
  Worker *worker = data;

  waker_wake (&worker->waker, TRUE);
  if (worker->thread != NULL)
    g_thread_join (worker->thread);
  waker_clear (&worker->waker);
  g_weak_ref_clear (&worker->engine);
  g_clear_object (&worker->session);
  g_free (worker->error_message);
  g_free (worker);
}

static gpointer
outbox_thread (gpointer data)
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

static void
outbox_free (Outbox *outbox)
{
  waker_wake (&outbox->waker, TRUE);
  if (outbox->thread != NULL)
    g_thread_join (outbox->thread);
  waker_clear (&outbox->waker);
  g_weak_ref_clear (&outbox->engine);
  g_clear_object (&outbox->session);
  g_free (outbox);
}

/* The sessions an engine's start needs, opened and read off the main
 * thread (on the team's server each is a connection made and a round
 * trip), then handed to the main thread, which only starts threads. */
typedef struct
{
  gint64      account_id;
  CrmSession *session;
} Prepared;

static void
prepared_free (gpointer data)
{
  Prepared *prepared = data;

  g_clear_object (&prepared->session);
  g_free (prepared);
}

typedef struct
{
  CrmSession *session;        /* the engine's: only to open others from */
  char       *host;
  char       *owner;
  char       *token;
  gboolean    take_lock;      /* FALSE: the workers only, the lock held */
  gboolean    office;         /* the team's server: the office's lock decides */
  gboolean    got_office;     /* … and this engine holds it */
  CrmSession *lock_session;   /* … on this connection */
  gboolean    took_lock;      /* the engine's row is this engine's */
  CrmSession *outbox_session;
  CrmSession *scheduler_session;   /* the automations' */
  GPtrArray  *workers;        /* Prepared */
  guint       generation;
} Starting;

static void
starting_free (gpointer data)
{
  Starting *starting = data;

  g_clear_object (&starting->session);
  g_clear_object (&starting->lock_session);
  g_clear_object (&starting->outbox_session);
  g_clear_object (&starting->scheduler_session);
  g_clear_pointer (&starting->workers, g_ptr_array_unref);
  g_free (starting->host);
  g_free (starting->owner);
  g_free (starting->token);
  g_free (starting);
}

static Starting *
starting_new (CrmMailEngine *self,
              gboolean       take_lock)
{
  Starting *starting = g_new0 (Starting, 1);

  starting->session = g_object_ref (self->session);
  starting->host = g_strdup (g_get_host_name ());
  starting->owner = g_strdup (self->owner);
  starting->token = g_strdup (self->token);
  starting->take_lock = take_lock;
  starting->office = crm_database_get_dialect (crm_session_get_database (self->session)) == CRM_DIALECT_POSTGRESQL;
  /* a standby's connection holds the office's lock already */
  if (take_lock && starting->office)
    starting->lock_session = g_steal_pointer (&self->lock_session);
  starting->workers = g_ptr_array_new_with_free_func (prepared_free);
  starting->generation = self->generation;

  return starting;
}

/* The engines running in this process, by token. */
static GMutex running_lock;
static GHashTable *running_tokens;

static gboolean
token_running (const char *token)
{
  gboolean running;

  g_mutex_lock (&running_lock);
  running = running_tokens != NULL && g_hash_table_contains (running_tokens, token);
  g_mutex_unlock (&running_lock);

  return running;
}

static void
set_token_running (const char *token,
                   gboolean    running)
{
  g_mutex_lock (&running_lock);
  if (running_tokens == NULL)
    running_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (running)
    g_hash_table_add (running_tokens, g_strdup (token));
  else
    g_hash_table_remove (running_tokens, token);
  g_mutex_unlock (&running_lock);
}

static gboolean
holder_alive (const char *token,
              gint64      pid)
{
  if (pid == getpid ())
    return token_running (token);

  return pid > 0 && (kill ((pid_t) pid, 0) == 0 || errno == EPERM);
}

/* the office's lock of its one mail engine: "CRM3" */
#define ENGINE_LOCK_KEY 1129467187

static gboolean
take_lock_tx (CrmSession  *session,
              gpointer     user_data,
              GError     **error)
{
  Starting *starting = user_data;
  CrmEngineStore *store = crm_engine_store_from_session (session);
  g_auto(CrmEngineLockInfo) holder = { 0 };
  gboolean held;

  if (!crm_engine_store_read_lock (store, &holder, &held, error))
    return FALSE;

  /* on the team's server, the office's lock decides alone: its holder
   * may have given back the row and not yet the lock (its connection
   * is still going) */
  if (starting->office && !starting->got_office && !held)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                           _("Mail is already handled for this database on another desktop. "
                             "Stop it first, or let it do the work."));
      return FALSE;
    }

  /* on the team's server, the holder is whoever holds the office's
   * lock (starting->office): the row only says who it is */
  if (held && (starting->office ? !starting->got_office
                                : !(g_strcmp0 (holder.host, starting->host) == 0 &&
                                    !holder_alive (holder.token, holder.pid))))
    {
      /* the holder's name is stored as the holder wrote it: the
       * application's id is said in the reader's own language */
      const char *owner = g_strcmp0 (holder.owner, APP_ID) == 0 ? _("the CRM application") : holder.owner;

      g_set_error (error, CRM_ERROR, CRM_ERROR_CONFLICT,
                   /* Translators: the program (e.g. "crmctl serve"), its process number
                    * and the computer it runs on */
                   _("Mail is already handled for this database by %s (process %lld on %s). "
                     "Stop it first, or let it do the work."),
                   owner, (long long) holder.pid, holder.host);
      return FALSE;
    }

  return crm_engine_store_write_lock (store, starting->host, getpid (), starting->owner, starting->token, error);
}

/* On any thread, touching nothing of the engine: the engine's lock
 * taken (unless only the workers start again), the outbox's
 * connection, the accounts read, a connection for each. */
static gboolean
prepare_start (Starting  *starting,
               GError   **error)
{
  g_autoptr(GListModel) accounts = NULL;

  if (starting->take_lock)
    {
      CrmSession *tx;

      /* on the team's server one engine works for the whole office, on
       * whichever computer: it holds the office's lock on a connection
       * of its own, which goes, lock and all, with its process */
      if (starting->office)
        {
          if (starting->lock_session == NULL &&
              !(starting->lock_session = crm_session_open_another (starting->session, error)))
            return FALSE;
          if (!crm_pg_database_try_lock (CRM_PG_DATABASE (crm_session_get_database (starting->lock_session)),
                                         ENGINE_LOCK_KEY, &starting->got_office, error))
            {
              g_clear_object (&starting->lock_session);
              return FALSE;
            }
        }
      if (!(starting->outbox_session = crm_session_open_another (starting->session, error)))
        return FALSE;
      tx = starting->office ? starting->lock_session : starting->outbox_session;
      if (!crm_session_run_in_transaction (tx, take_lock_tx, starting, error))
        {
          /* a standby keeps no lock it did not get */
          if (!starting->got_office)
            g_clear_object (&starting->lock_session);
          return FALSE;
        }
      starting->took_lock = TRUE;
      if (!(starting->scheduler_session = crm_session_open_another (starting->session, error)))
        return FALSE;
    }
  else if (!(starting->outbox_session = crm_session_open_another (starting->session, error)))
    return FALSE;

  accounts = crm_account_store_list (crm_account_store_from_session (starting->outbox_session), error);
  if (accounts == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr(CrmAccount) account = g_list_model_get_item (accounts, i);
      Prepared *prepared = g_new0 (Prepared, 1);

      prepared->account_id = crm_account_get_id (account);
      g_ptr_array_add (starting->workers, prepared);
      if (!(prepared->session = crm_session_open_another (starting->session, error)))
        return FALSE;
    }

  return TRUE;
}

/* A failed start gives back what it took: the engine's row (through
 * the outbox's connection, which is this engine's) and the office's
 * lock (with its connection). */
static void
undo_start (Starting *starting)
{
  if (starting->took_lock && starting->outbox_session != NULL)
    crm_engine_store_release_lock (crm_engine_store_from_session (starting->outbox_session), starting->token);
  starting->took_lock = FALSE;
  g_clear_object (&starting->lock_session);
}

static void
add_workers (CrmMailEngine *self,
             Starting      *starting)
{
  for (guint i = 0; i < starting->workers->len; i++)
    {
      Prepared *prepared = g_ptr_array_index (starting->workers, i);
      Worker *worker = g_new0 (Worker, 1);

      g_weak_ref_init (&worker->engine, self);
      worker->context = self->context;
      worker->generation = self->generation;
      worker->account_id = prepared->account_id;
      worker->poll_interval = self->poll_interval;
      worker->state = CRM_MAIL_STATE_CONNECTING;
      waker_init (&worker->waker);
      worker->session = g_steal_pointer (&prepared->session);
      g_ptr_array_add (self->workers, worker);
      worker->thread = g_thread_new ("crm-mail", worker_thread, worker);
    }
}

static void store_changed_cb (CrmMailEngine *self,
                              const char    *entity,
                              gint64         id,
                              CrmDatabase   *database);

/* On the main thread, once prepare_start () took the lock: threads. */
static void
begin_running (CrmMailEngine *self,
               Starting      *starting)
{
  Outbox *outbox;

  g_set_object (&self->lock_session, starting->lock_session);
  self->running = TRUE;
  self->generation++;
  set_token_running (self->token, TRUE);
  g_clear_pointer (&self->error_message, g_free);

  outbox = g_new0 (Outbox, 1);
  g_weak_ref_init (&outbox->engine, self);
  outbox->context = self->context;
  outbox->generation = self->generation;
  waker_init (&outbox->waker);
  outbox->session = g_steal_pointer (&starting->outbox_session);
  self->outbox = outbox;
  add_workers (self, starting);
  outbox->thread = g_thread_new ("crm-outbox", outbox_thread, outbox);
  if (starting->scheduler_session != NULL)
    {
      self->scheduler = crm_automation_scheduler_new (starting->scheduler_session);
      crm_automation_scheduler_start (self->scheduler);
    }

  self->changed_id = g_signal_connect_object (crm_session_get_database (self->session), "changed",
                                              G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* Shown where the state is shown: mail is handled elsewhere. */
static void
refused (CrmMailEngine *self,
         const GError  *error)
{
  g_free (self->error_message);
  self->error_message = g_strdup (error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (prepare_start (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
workers_prepared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CrmMailEngine *self = CRM_MAIL_ENGINE (object);
  Starting *starting = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* stopped, or the accounts changed again, meanwhile */
  if (!self->running || starting->generation != self->generation)
    return;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_warning ("The mail accounts could not be read: %s", error->message);
      return;
    }
  add_workers (self, starting);
  update_state (self);
}

static void
store_changed_cb (CrmMailEngine *self,
                  const char    *entity,
                  gint64         id,
                  CrmDatabase   *database)
{
  if (!self->running)
    return;

  if (g_str_equal (entity, "outbox") && self->outbox != NULL)
    waker_wake (&self->outbox->waker, FALSE);
  else if ((g_str_equal (entity, "automation") || g_str_equal (entity, "setting")) && self->scheduler != NULL)
    crm_automation_scheduler_wake (self->scheduler);
  else if (g_str_equal (entity, "account"))
    {
      g_autoptr(GTask) task = NULL;
      Starting *starting;

      /* an account was added, changed or removed: start over, the
       * accounts read and connected to on a worker */
      self->generation++;
      g_ptr_array_set_size (self->workers, 0);
      update_state (self);
      starting = starting_new (self, FALSE);
      task = g_task_new (self, NULL, workers_prepared_cb, NULL);
      g_task_set_source_tag (task, store_changed_cb);
      g_task_set_task_data (task, starting, starting_free);
      g_task_run_in_thread (task, prepare_thread);
    }
}

static void
release_lock (CrmMailEngine *self)
{
  crm_engine_store_release_lock (crm_engine_store_from_session (self->session), self->token);
}

/**
 * crm_mail_engine_start:
 * @self: a #CrmMailEngine
 * @error: return location for a #GError
 *
 * Takes the database's engine lock and starts the workers, waiting for
 * the database (crm_mail_engine_start_async() does not).
 *
 * Returns: %TRUE when running; %FALSE with %CRM_ERROR_CONFLICT when
 *   another engine works on this database
 */
gboolean
crm_mail_engine_start (CrmMailEngine  *self,
                       GError        **error)
{
  Starting *starting;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CRM_IS_MAIL_ENGINE (self), FALSE);

  if (self->running)
    return TRUE;

  starting = starting_new (self, TRUE);
  if (!prepare_start (starting, &local_error))
    {
      undo_start (starting);
      starting_free (starting);
      refused (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  begin_running (self, starting);
  starting_free (starting);

  return TRUE;
}

#define STANDBY_SECONDS 5

static void stand_by (CrmMailEngine *self);

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CrmMailEngine *self = CRM_MAIL_ENGINE (object);
  g_autoptr(GTask) task = user_data;
  Starting *starting = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (g_task_get_cancellable (G_TASK (result)) == self->start_cancellable)
    self->starting = FALSE;
  /* stopped meanwhile: what it took goes back */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      undo_start (starting);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("The mail engine was stopped."));
      return;
    }
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      undo_start (starting);
      refused (self, error);
      if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CONFLICT) && starting->office)
        stand_by (self);
      g_task_return_error (task, error);
      return;
    }
  if (self->running)
    {
      undo_start (starting);
      g_task_return_boolean (task, TRUE);
      return;
    }
  begin_running (self, starting);
  g_task_return_boolean (task, TRUE);
}

/**
 * crm_mail_engine_start_async:
 * @self: a #CrmMailEngine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when it runs, or could not start
 * @user_data: for @callback
 *
 * As crm_mail_engine_start_or_stand_by(), the main loop never waiting
 * on the database: the lock is taken and the connections made on a
 * worker, then the engine's threads start on the calling thread.
 * crm_mail_engine_stop() meanwhile gives back what was taken.
 */
void
crm_mail_engine_start_async (CrmMailEngine       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) prepare = NULL;
  Starting *starting;

  g_return_if_fail (CRM_IS_MAIL_ENGINE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_mail_engine_start_async);
  if (self->running || self->starting)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->starting = TRUE;
  g_cancellable_cancel (self->start_cancellable);
  g_clear_object (&self->start_cancellable);
  self->start_cancellable = g_cancellable_new ();
  starting = starting_new (self, TRUE);
  prepare = g_task_new (self, self->start_cancellable, started_cb, g_steal_pointer (&task));
  g_task_set_source_tag (prepare, crm_mail_engine_start_async);
  g_task_set_check_cancellable (prepare, FALSE);
  g_task_set_task_data (prepare, starting, starting_free);
  g_task_run_in_thread (prepare, prepare_thread);
}

/**
 * crm_mail_engine_start_finish:
 * @self: a #CrmMailEngine
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: %TRUE when running, or when another start was on its way
 *   already (its own callback says how it ended); %FALSE with @error
 *   set otherwise (%CRM_ERROR_CONFLICT while standing by, on the
 *   team's server)
 */
gboolean
crm_mail_engine_start_finish (CrmMailEngine  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  CrmSession *session;   /* the engine's */
  CrmSession *standby;   /* a connection of its own, kept between tries */
  gboolean    got;       /* the office's lock, now held on it */
} Probe;

static void
probe_free (gpointer data)
{
  Probe *probe = data;

  g_clear_object (&probe->session);
  g_clear_object (&probe->standby);
  g_free (probe);
}

/* On a worker: whether the office's engine lock is free (then taken on
 * the standby's connection), without the window waiting on the server
 * every few seconds. */
static void
probe_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Probe *probe = task_data;
  g_autoptr(GError) error = NULL;

  if (probe->standby == NULL)
    probe->standby = crm_session_open_another (probe->session, &error);
  if (probe->standby != NULL &&
      !crm_pg_database_try_lock (CRM_PG_DATABASE (crm_session_get_database (probe->standby)), ENGINE_LOCK_KEY,
                                 &probe->got, &error))
    g_clear_object (&probe->standby);
  if (error != NULL)
    g_debug ("standing by: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
took_over_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CrmMailEngine *self = CRM_MAIL_ENGINE (object);
  g_autoptr(GError) error = NULL;

  if (crm_mail_engine_start_finish (self, result, &error))
    g_clear_handle_id (&self->standby_source, g_source_remove);
  else
    g_debug ("standing by: %s", error->message);
}

static void
probe_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrmMailEngine) self = user_data;
  Probe *probe = g_task_get_task_data (G_TASK (result));

  self->probing = FALSE;
  /* stopped meanwhile: the lock, if it came, goes with its connection */
  if (self->standby_source == 0 || self->running || self->starting)
    return;
  if (!probe->got)
    {
      g_set_object (&self->standby_session, probe->standby);
      return;
    }

  /* free: this engine takes over, on the connection that holds it */
  g_set_object (&self->lock_session, probe->standby);
  crm_mail_engine_start_async (self, NULL, took_over_cb, NULL);
}

static gboolean
standby_cb (gpointer user_data)
{
  CrmMailEngine *self = user_data;
  g_autoptr(GTask) task = NULL;
  Probe *probe;

  if (self->probing)
    return G_SOURCE_CONTINUE;

  probe = g_new0 (Probe, 1);
  probe->session = g_object_ref (self->session);
  probe->standby = g_steal_pointer (&self->standby_session);
  self->probing = TRUE;
  task = g_task_new (NULL, NULL, probe_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, standby_cb);
  g_task_set_task_data (task, probe, probe_free);
  g_task_run_in_thread (task, probe_thread);

  return G_SOURCE_CONTINUE;
}

/* On the team's server, another engine works for the office: this one
 * tries every few seconds to take over. */
static void
stand_by (CrmMailEngine *self)
{
  if (self->standby_source == 0)
    self->standby_source = g_timeout_add_seconds (STANDBY_SECONDS, standby_cb, self);
}

/**
 * crm_mail_engine_start_or_stand_by:
 * @self: a #CrmMailEngine
 * @error: return location for a #GError
 *
 * As crm_mail_engine_start(); on the team's server, when another
 * engine works for the office, this one stands by and takes over
 * within seconds of that one going away (its connection, and with it
 * the office's lock, goes with its process, whatever the computer).
 *
 * Returns: %TRUE when running now; %FALSE with @error set otherwise
 *   (%CRM_ERROR_CONFLICT while standing by)
 */
gboolean
crm_mail_engine_start_or_stand_by (CrmMailEngine  *self,
                                   GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CRM_IS_MAIL_ENGINE (self), FALSE);

  if (crm_mail_engine_start (self, &local_error))
    return TRUE;
  if (g_error_matches (local_error, CRM_ERROR, CRM_ERROR_CONFLICT) &&
      crm_database_get_dialect (crm_session_get_database (self->session)) == CRM_DIALECT_POSTGRESQL)
    stand_by (self);
  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

/**
 * crm_mail_engine_get_standing_by:
 * @self: a #CrmMailEngine
 *
 * Returns: whether it waits to take over from another engine
 */
gboolean
crm_mail_engine_get_standing_by (CrmMailEngine *self)
{
  g_return_val_if_fail (CRM_IS_MAIL_ENGINE (self), FALSE);

  return self->standby_source != 0;
}

/**
 * crm_mail_engine_stop:
 * @self: a #CrmMailEngine
 *
 * Stops the workers, waiting for what they are doing to end (a
 * message being sent is sent), and gives the lock back.
 */
void
crm_mail_engine_stop (CrmMailEngine *self)
{
  g_return_if_fail (CRM_IS_MAIL_ENGINE (self));

  g_clear_handle_id (&self->standby_source, g_source_remove);
  g_clear_object (&self->standby_session);
  /* a start on its way gives back what it took when it comes */
  g_cancellable_cancel (self->start_cancellable);
  self->starting = FALSE;
  if (!self->running)
    return;

  g_clear_signal_handler (&self->changed_id, crm_session_get_database (self->session));
  g_ptr_array_set_size (self->workers, 0);
  g_clear_pointer (&self->outbox, outbox_free);
  if (self->scheduler != NULL)
    crm_automation_scheduler_stop (self->scheduler);
  g_clear_object (&self->scheduler);
  release_lock (self);
  /* the office's lock goes with its connection */
  g_clear_object (&self->lock_session);
  set_token_running (self->token, FALSE);
  self->running = FALSE;
  self->generation++;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/**
 * crm_mail_engine_refresh:
 * @self: a #CrmMailEngine
 *
 * Looks for new mail now, and tries again at once after a failure;
 * the automations' scheduler makes a pass.
 */
void
crm_mail_engine_refresh (CrmMailEngine *self)
{
  g_return_if_fail (CRM_IS_MAIL_ENGINE (self));

  for (guint i = 0; i < self->workers->len; i++)
    {
      Worker *worker = g_ptr_array_index (self->workers, i);

      /* a sync under way is not interrupted */
      if (worker->state != CRM_MAIL_STATE_SYNCING)
        waker_wake (&worker->waker, FALSE);
    }
  if (self->outbox != NULL)
    waker_wake (&self->outbox->waker, FALSE);
  if (self->scheduler != NULL)
    crm_automation_scheduler_wake (self->scheduler);
}

/**
 * crm_mail_engine_set_poll_interval:
 * @self: a #CrmMailEngine
 * @seconds: how often to look for mail on servers without IDLE
 *
 * Takes effect for workers started afterwards.
 */
void
crm_mail_engine_set_poll_interval (CrmMailEngine *self,
                                   guint          seconds)
{
  g_return_if_fail (CRM_IS_MAIL_ENGINE (self));
  g_return_if_fail (seconds > 0);

  self->poll_interval = seconds;
}

gboolean
crm_mail_engine_get_running (CrmMailEngine *self)
{
  g_return_val_if_fail (CRM_IS_MAIL_ENGINE (self), FALSE);

  return self->running;
}

CrmMailState
crm_mail_engine_get_state (CrmMailEngine *self)
{
  g_return_val_if_fail (CRM_IS_MAIL_ENGINE (self), CRM_MAIL_STATE_STOPPED);

  return self->state;
}

double
crm_mail_engine_get_progress (CrmMailEngine *self)
{
  g_return_val_if_fail (CRM_IS_MAIL_ENGINE (self), 0);

  return self->progress;
}

const char *
crm_mail_engine_get_error_message (CrmMailEngine *self)
{
  g_return_val_if_fail (CRM_IS_MAIL_ENGINE (self), NULL);

  return self->error_message;
}

/**
 * crm_mail_engine_get_send_problem:
 * @self: a #CrmMailEngine
 *
 * Returns: (nullable): why mail waits in the outbox after a failed
 *   try (the server's words), or %NULL when mail leaves as it should
 */
const char *
crm_mail_engine_get_send_problem (CrmMailEngine *self)
{
  g_return_val_if_fail (CRM_IS_MAIL_ENGINE (self), NULL);

  return self->send_problem;
}

static void
crm_mail_engine_dispose (GObject *object)
{
  CrmMailEngine *self = (CrmMailEngine *)object;

  if (self->session != NULL)
    crm_mail_engine_stop (self);

  G_OBJECT_CLASS (crm_mail_engine_parent_class)->dispose (object);
}

static void
crm_mail_engine_finalize (GObject *object)
{
  CrmMailEngine *self = (CrmMailEngine *)object;

  g_clear_handle_id (&self->standby_source, g_source_remove);
  g_clear_object (&self->start_cancellable);
  g_clear_pointer (&self->workers, g_ptr_array_unref);
  g_clear_object (&self->standby_session);
  g_clear_object (&self->lock_session);
  g_clear_object (&self->session);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->owner);
  g_free (self->token);
  g_free (self->error_message);
  g_free (self->send_problem);

  G_OBJECT_CLASS (crm_mail_engine_parent_class)->finalize (object);
}

static void
crm_mail_engine_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmMailEngine *self = CRM_MAIL_ENGINE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_SEND_PROBLEM:
      g_value_set_string (value, self->send_problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_mail_engine_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmMailEngine *self = CRM_MAIL_ENGINE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_OWNER:
      self->owner = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_mail_engine_class_init (CrmMailEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_mail_engine_dispose;
  object_class->finalize = crm_mail_engine_finalize;
  object_class->get_property = crm_mail_engine_get_property;
  object_class->set_property = crm_mail_engine_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmMailEngine:owner:
   *
   * What runs the engine, as other programs are told when they find the
   * lock taken ("crmctl serve", "the CRM application").
   */
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CRM_TYPE_MAIL_STATE, CRM_MAIL_STATE_STOPPED,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmMailEngine:progress:
   *
   * How far the import under way is, from 0 to 1.
   */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0, 1, 0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * CrmMailEngine:error-message:
   *
   * Why the last try failed (the server's words where it gave any), or
   * %NULL.
   */
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * CrmMailEngine:send-problem:
   *
   * Why mail waits in the outbox after a failed try (the server's
   * words), or %NULL.
   */
  properties[PROP_SEND_PROBLEM] =
    g_param_spec_string ("send-problem", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmMailEngine::synced:
   * @self: the engine
   * @account_id: the account
   * @imported: how many new messages were stored
   *
   * A pass over an account's INBOX ended well.
   */
  signals[SYNCED] =
    g_signal_new ("synced",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_UINT);
}

static void
crm_mail_engine_init (CrmMailEngine *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->token = g_uuid_string_random ();
  self->poll_interval = 60;
  self->workers = g_ptr_array_new_with_free_func (worker_free);
}

/**
 * crm_mail_engine_new:
 * @store: the database to work on
 * @owner: what runs the engine, for others to be told
 *
 * Returns: (transfer full): a stopped engine
 */
CrmMailEngine *
crm_mail_engine_new (CrmSession *session,
                     const char *owner)
{
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);
  g_return_val_if_fail (owner != NULL, NULL);

  return g_object_new (CRM_TYPE_MAIL_ENGINE, "session", session, "owner", owner, NULL);
}
