/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-automation.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_AUTOMATION_STORE (crm_automation_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmAutomationStore, crm_automation_store, CRM, AUTOMATION_STORE, CrmStore)

/* The office's time zone by default, and the most automated mails one
 * recipient gets in a local day by default. */
#define CRM_AUTOMATION_DEFAULT_TIME_ZONE "Europe/Warsaw"
#define CRM_AUTOMATION_DEFAULT_DAILY_CAP 1
#define CRM_AUTOMATION_MAX_DAILY_CAP 20
/* Mails of an automation failing in a row that pause it. */
#define CRM_AUTOMATION_PAUSE_FAILURES 3

/**
 * CrmAutomationPass:
 * @entered: records that entered automations
 * @left: records that left them
 * @done: steps done (mails queued, tasks made)
 * @skipped: steps skipped
 * @failed: steps that could not be done
 * @moved: steps moved on to their next allowed time (catch-up "next")
 * @caught_up: steps found due after the application had been closed
 * @next_due: when the next step falls due, or 0 for none
 *
 * What one pass of the scheduler did (crm_automation_store_run_pass ()).
 */
typedef struct
{
  guint  entered;
  guint  left;
  guint  done;
  guint  skipped;
  guint  failed;
  guint  moved;
  guint  caught_up;
  gint64 next_due;
} CrmAutomationPass;

CrmAutomationStore *crm_automation_store_from_session (CrmSession          *session);

/* The office's settings */
char       *crm_automation_store_dup_time_zone  (CrmAutomationStore  *self);
GTimeZone  *crm_automation_store_get_zone       (CrmAutomationStore  *self);
gboolean    crm_automation_store_set_time_zone  (CrmAutomationStore  *self,
                                                 const char          *identifier,
                                                 GError             **error);
guint       crm_automation_store_get_daily_cap  (CrmAutomationStore  *self);
gboolean    crm_automation_store_set_daily_cap  (CrmAutomationStore  *self,
                                                 guint                cap,
                                                 GError             **error);

/* Automations and their steps */
gint64         crm_automation_store_find_status  (CrmAutomationStore       *self,
                                                  const char               *name,
                                                  GError                  **error);
gint64         crm_automation_store_add          (CrmAutomationStore       *self,
                                                  const char               *module,
                                                  const char               *name,
                                                  gint64                    status_id,
                                                  gint64                    view_id,
                                                  gboolean                  only_new,
                                                  gboolean                  one_time,
                                                  CrmCatchUp                catch_up,
                                                  GError                  **error);
gboolean       crm_automation_store_update       (CrmAutomationStore       *self,
                                                  const CrmAutomation      *automation,
                                                  GError                  **error);
gboolean       crm_automation_store_delete       (CrmAutomationStore       *self,
                                                  gint64                    id,
                                                  GError                  **error);
GPtrArray     *crm_automation_store_list         (CrmAutomationStore       *self,
                                                  const char               *module,
                                                  GError                  **error);
CrmAutomation *crm_automation_store_get          (CrmAutomationStore       *self,
                                                  gint64                    id,
                                                  GError                  **error);
gint64         crm_automation_store_add_step     (CrmAutomationStore       *self,
                                                  gint64                    automation_id,
                                                  const CrmAutomationStep  *step,
                                                  GError                  **error);
gint64         crm_automation_store_update_step  (CrmAutomationStore       *self,
                                                  gint64                    step_id,
                                                  const CrmAutomationStep  *step,
                                                  GError                  **error);
gboolean       crm_automation_store_remove_step  (CrmAutomationStore       *self,
                                                  gint64                    step_id,
                                                  GError                  **error);
gint64         crm_automation_store_move_step    (CrmAutomationStore       *self,
                                                  gint64                    step_id,
                                                  guint                     position,
                                                  GError                  **error);
gboolean       crm_automation_store_activate     (CrmAutomationStore       *self,
                                                  gint64                    id,
                                                  GError                  **error);
gboolean       crm_automation_store_deactivate   (CrmAutomationStore       *self,
                                                  gint64                    id,
                                                  GError                  **error);

/* See before and after */
GPtrArray     *crm_automation_store_simulate     (CrmAutomationStore       *self,
                                                  gint64                    id,
                                                  guint                     days,
                                                  guint                     limit,
                                                  guint                    *n_entering,
                                                  GError                  **error);
GPtrArray     *crm_automation_store_list_runs    (CrmAutomationStore       *self,
                                                  gint64                    automation_id,
                                                  gint64                    after_id,
                                                  guint                     limit,
                                                  GError                  **error);
CrmAutomationRun *crm_automation_store_get_run   (CrmAutomationStore       *self,
                                                  gint64                    run_id,
                                                  GError                  **error);
gint64         crm_automation_store_find_run_for_outbox (CrmAutomationStore  *self,
                                                         gint64               outbox_id,
                                                         GError             **error);

/* The scheduler */
gboolean       crm_automation_store_run_pass     (CrmAutomationStore       *self,
                                                  CrmAutomationPass        *pass,
                                                  GCancellable             *cancellable,
                                                  GError                  **error);
gint64         crm_automation_store_next_due     (CrmAutomationStore       *self,
                                                  GError                  **error);

G_END_DECLS
