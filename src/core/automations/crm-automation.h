/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-schedule.h"

G_BEGIN_DECLS

/**
 * CrmAutomationStepKind:
 * @CRM_AUTOMATION_STEP_EMAIL_CONTACT: a mail to the record's client (a
 *   person or a company)
 * @CRM_AUTOMATION_STEP_EMAIL_USER: a mail to a user
 * @CRM_AUTOMATION_STEP_TASK: a task for a user
 *
 * What a step does (AU5).
 */
typedef enum
{
  CRM_AUTOMATION_STEP_EMAIL_CONTACT,
  CRM_AUTOMATION_STEP_EMAIL_USER,
  CRM_AUTOMATION_STEP_TASK,
} CrmAutomationStepKind;

/**
 * CrmAutomationRunState:
 * @CRM_AUTOMATION_RUN_WAITING: not due yet, or due and not done yet
 * @CRM_AUTOMATION_RUN_DONE: the mail was queued or the task made
 * @CRM_AUTOMATION_RUN_SKIPPED: not done, and never will be: see its reason
 * @CRM_AUTOMATION_RUN_FAILED: it could not be done, or its mail failed
 *   in the outbox: see its reason
 *
 * What became of one step of one record's entry.
 */
typedef enum
{
  CRM_AUTOMATION_RUN_WAITING,
  CRM_AUTOMATION_RUN_DONE,
  CRM_AUTOMATION_RUN_SKIPPED,
  CRM_AUTOMATION_RUN_FAILED,
} CrmAutomationRunState;

#define CRM_TYPE_AUTOMATION_STEP (crm_automation_step_get_type ())
#define CRM_TYPE_AUTOMATION (crm_automation_get_type ())
#define CRM_TYPE_AUTOMATION_RUN (crm_automation_run_get_type ())
#define CRM_TYPE_AUTOMATION_PLAN (crm_automation_plan_get_type ())

/* The longest delay of a step, in days, and the longest simulation. */
#define CRM_AUTOMATION_MAX_DELAY_DAYS 3650
#define CRM_AUTOMATION_MAX_SIMULATE_DAYS 366
#define CRM_AUTOMATION_MAX_STEPS 50

/**
 * CrmAutomationStep:
 * @id: the step's id (of its version), 0 for one not stored yet
 * @version: the automation's version it belongs to
 * @position: its place, from 1
 * @kind: what it does
 * @delay_days: days after the record entered
 * @minute_of_day: the local time of day it runs at, in minutes after
 *   midnight (540 is 09:00), or -1 for the time of day the record entered
 * @weekdays: the days it may run on (%CRM_WEEKDAYS_ALL: any)
 * @template_id: the mail's template (FD3), for mail steps; 0 for a task
 * @template_name: (nullable): its name, as read
 * @task_title: (nullable): the task's title, for a task step
 * @recipient_user_id: for a mail to a user and a task: the user, or 0
 *   for the record's responsible user (the ticket's assignee, the
 *   contact's manager, the offer's or search's agent)
 * @recipient_name: (nullable): that user's name, as read
 * @sender_user_id: the user a mail is sent in the name of, or 0 for the
 *   record's responsible user
 * @sender_name: (nullable): that user's name, as read
 *
 * One step of an automation (AU5, AU6).
 */
typedef struct
{
  gint64                 id;
  gint64                 version;
  guint                  position;
  CrmAutomationStepKind  kind;
  guint                  delay_days;
  int                    minute_of_day;
  CrmWeekdays            weekdays;
  gint64                 template_id;
  char                  *template_name;
  char                  *task_title;
  gint64                 recipient_user_id;
  char                  *recipient_name;
  gint64                 sender_user_id;
  char                  *sender_name;
} CrmAutomationStep;

/**
 * CrmAutomation:
 * @id: the automation's id
 * @module: "tickets", "requests", "contacts", "offers" or "searches"
 * @name: its name
 * @active: whether it runs (AU8)
 * @version: its current version: editing a version records entered
 *   makes the next one, and entries keep the version they entered with
 * @status_id: the status whose records it selects (tickets and
 *   requests), or 0 when it selects by a saved view
 * @status_name: (nullable): that status's name, as read
 * @view_id: the saved view whose records it selects, or 0
 * @only_new: only records that start matching after activation (AU3)
 * @one_time: one bulk run over the records matching at activation,
 *   instead of records entering and leaving as they change (AU4)
 * @catch_up: what becomes of a step that fell due while the application
 *   was closed
 * @paused_reason: (nullable): why the scheduler paused it (its mails
 *   failing); activating it again clears it
 * @activated_at: when it was last activated, or 0
 * @created_by: (nullable): who made it
 * @created_at: when
 * @updated_at: when it was last changed by a user
 * @n_entered: records inside it now (open entries)
 * @n_waiting: steps waiting to run
 * @steps: (nullable) (element-type CrmAutomationStep): the current
 *   version's steps in order, when read whole
 *   (crm_automation_store_get ()); %NULL in lists
 *
 * An automation of a module (AU1-AU8).
 */
typedef struct
{
  gint64      id;
  char       *module;
  char       *name;
  gboolean    active;
  gint64      version;
  gint64      status_id;
  char       *status_name;
  gint64      view_id;
  gboolean    only_new;
  gboolean    one_time;
  CrmCatchUp  catch_up;
  char       *paused_reason;
  gint64      activated_at;
  char       *created_by;
  gint64      created_at;
  gint64      updated_at;
  guint       n_entered;
  guint       n_waiting;
  GPtrArray  *steps;
} CrmAutomation;

/**
 * CrmAutomationRun:
 * @id: the run's id
 * @automation_id: its automation
 * @entry_id: the record's entry it belongs to
 * @record_id: the record (of the automation's module)
 * @record_label: (nullable): how the record is named ("#12 Subject", a
 *   contact's name)
 * @version: the automation's version the entry follows
 * @step_id: its step
 * @position: the step's place in that version
 * @kind: what the step does
 * @due_at: when it falls (or fell) due
 * @state: what became of it
 * @done_at: when it was done, skipped or failed, or 0
 * @reason: (nullable): why it was skipped or failed, or how it was
 *   caught up
 * @caught_up: it was found due after the application had been closed
 *   (the automation's catch-up policy decided; @reason says how)
 * @outbox_id: the mail it queued (the outbox's row), or 0
 * @task_id: the task it made, or 0
 * @recipient: (nullable): the address it wrote to, or the user the
 *   task is for
 *
 * One step of one record's entry, as the log shows it.
 */
typedef struct
{
  gint64                 id;
  gint64                 automation_id;
  gint64                 entry_id;
  gint64                 record_id;
  char                  *record_label;
  gint64                 version;
  gint64                 step_id;
  guint                  position;
  CrmAutomationStepKind  kind;
  gint64                 due_at;
  CrmAutomationRunState  state;
  gint64                 done_at;
  char                  *reason;
  gboolean               caught_up;
  gint64                 outbox_id;
  gint64                 task_id;
  char                  *recipient;
} CrmAutomationRun;

/**
 * CrmAutomationPlan:
 * @record_id: the record
 * @record_label: (nullable): how it is named
 * @entering: the record is not inside yet: it would enter now
 * @step_id: the step
 * @position: the step's place
 * @kind: what it does
 * @due_at: when it would run
 * @recipient: (nullable): to whom (an address, or the user a task is for)
 * @what: (nullable): the template's name, or the task's title
 * @skip_reason: (nullable): why it would be skipped, as things are now
 *
 * One thing an automation would do (crm_automation_store_simulate ()).
 */
typedef struct
{
  gint64                 record_id;
  char                  *record_label;
  gboolean               entering;
  gint64                 step_id;
  guint                  position;
  CrmAutomationStepKind  kind;
  gint64                 due_at;
  char                  *recipient;
  char                  *what;
  char                  *skip_reason;
} CrmAutomationPlan;

GType              crm_automation_step_get_type (void) G_GNUC_CONST;
CrmAutomationStep *crm_automation_step_new      (CrmAutomationStepKind     kind);
CrmAutomationStep *crm_automation_step_copy     (const CrmAutomationStep  *step);
void               crm_automation_step_free     (CrmAutomationStep        *step);

GType              crm_automation_get_type      (void) G_GNUC_CONST;
CrmAutomation     *crm_automation_copy          (const CrmAutomation      *automation);
void               crm_automation_free          (CrmAutomation            *automation);

GType              crm_automation_run_get_type  (void) G_GNUC_CONST;
CrmAutomationRun  *crm_automation_run_copy      (const CrmAutomationRun   *run);
void               crm_automation_run_free      (CrmAutomationRun         *run);

GType              crm_automation_plan_get_type (void) G_GNUC_CONST;
CrmAutomationPlan *crm_automation_plan_copy     (const CrmAutomationPlan  *plan);
void               crm_automation_plan_free     (CrmAutomationPlan        *plan);

const char *crm_automation_step_kind_to_string  (CrmAutomationStepKind     kind);
gboolean    crm_automation_step_kind_parse      (const char               *text,
                                                 CrmAutomationStepKind    *kind,
                                                 GError                  **error);
const char *crm_automation_run_state_to_string  (CrmAutomationRunState     state);
const char *crm_automation_catch_up_to_string   (CrmCatchUp                policy);
gboolean    crm_automation_catch_up_parse       (const char               *text,
                                                 CrmCatchUp               *policy,
                                                 GError                  **error);
gboolean    crm_automation_module_is_valid      (const char               *module);
gboolean    crm_automation_parse_time_of_day    (const char               *text,
                                                 int                      *minute_of_day,
                                                 GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmAutomationStep, crm_automation_step_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmAutomation, crm_automation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmAutomationRun, crm_automation_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmAutomationPlan, crm_automation_plan_free)

G_END_DECLS
