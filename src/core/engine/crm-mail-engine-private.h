/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the engine's files: crm-mail-engine.c (starting, the lock,
 * standing by, the state shown) and crm-mail-engine-threads.c (the
 * accounts' workers and the outbox's thread); nothing else includes it. */

#include "crm-mail-engine.h"
#include "crm-automation-scheduler.h"
#include "crm-engine-forms.h"

G_BEGIN_DECLS

/* A thread that waits can be woken: for a refresh, a new message in
 * the outbox, or the end. */
typedef struct
{
  GMutex        mutex;
  GCancellable *cancellable;
  gboolean      stopping;
} Waker;

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

/* What a thread tells the main context (see send_report ()). */
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
  CrmEngineForms *forms;          /* the referral forms' server: crm-engine-forms.c */

  CrmMailState  state;
  double        progress;
  char         *error_message;
  char         *send_problem;
};

void     _crm_mail_engine_waker_init    (Waker    *waker);
void     _crm_mail_engine_waker_wake    (Waker    *waker,
                                         gboolean  stop);
gpointer _crm_mail_engine_worker_thread (gpointer  data);
void     _crm_mail_engine_worker_free   (gpointer  data);
gpointer _crm_mail_engine_outbox_thread (gpointer  data);
void     _crm_mail_engine_outbox_free   (Outbox   *outbox);
void     _crm_mail_engine_report_free   (gpointer  data);
gboolean _crm_mail_engine_apply_report  (gpointer  data);

G_END_DECLS
