/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"

/* Automations (CRMCTL.md, "Saved views, tasks, automations"; AU1-AU8),
 * the scheduler's pass, the office's time zone and daily cap, and the
 * templates their mails are written from (FD3). Times go out as ISO
 * 8601 in UTC, as everywhere in crmctl. */

static void
add_bool (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
add_optional_id (JsonBuilder *builder,
                 const char  *member,
                 gint64       id)
{
  json_builder_set_member_name (builder, member);
  if (id > 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

static char *
time_of_day (int minute_of_day)
{
  return minute_of_day >= 0 ? g_strdup_printf ("%02d:%02d", minute_of_day / 60, minute_of_day % 60) : NULL;
}

static void
add_automation (JsonBuilder         *builder,
                const CrmAutomation *automation)
{
  crm_cli_add_int (builder, "id", automation->id);
  crm_cli_add_nullable (builder, "module", automation->module);
  crm_cli_add_nullable (builder, "name", automation->name);
  add_bool (builder, "active", automation->active);
  crm_cli_add_int (builder, "version", automation->version);
  crm_cli_add_nullable (builder, "status", automation->status_name);
  add_optional_id (builder, "view", automation->view_id);
  add_bool (builder, "only_new", automation->only_new);
  add_bool (builder, "one_time", automation->one_time);
  crm_cli_add_nullable (builder, "catch_up", crm_automation_catch_up_to_string (automation->catch_up));
  crm_cli_add_nullable (builder, "paused", automation->paused_reason);
  crm_cli_add_time (builder, "activated", automation->activated_at);
  crm_cli_add_int (builder, "entered", automation->n_entered);
  crm_cli_add_int (builder, "waiting", automation->n_waiting);
}

static void
add_step (JsonBuilder             *builder,
          const CrmAutomationStep *step)
{
  g_autofree char *at = time_of_day (step->minute_of_day);
  g_autofree char *days = crm_weekdays_to_string (step->weekdays);

  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "id", step->id);
  crm_cli_add_int (builder, "position", step->position);
  crm_cli_add_nullable (builder, "kind", crm_automation_step_kind_to_string (step->kind));
  crm_cli_add_int (builder, "delay_days", step->delay_days);
  crm_cli_add_nullable (builder, "at_time", at);
  crm_cli_add_nullable (builder, "weekdays", days);
  add_optional_id (builder, "template", step->template_id);
  crm_cli_add_nullable (builder, "template_name", step->template_name);
  crm_cli_add_nullable (builder, "title", step->task_title);
  /* null: the record's responsible user */
  crm_cli_add_nullable (builder, "recipient", step->kind == CRM_AUTOMATION_STEP_EMAIL_CONTACT ? NULL
                                                                                          : step->recipient_name);
  crm_cli_add_nullable (builder, "sender", step->kind == CRM_AUTOMATION_STEP_TASK ? NULL
                                           : step->sender_user_id > 0 ? step->sender_name : "owner");
  json_builder_end_object (builder);
}

static int
open_store (CrmCli              *cli,
            CrmAutomationStore **store)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_cli_open_store (cli, &error);

  if (session == NULL)
    return crm_cli_fail (cli, error);
  *store = crm_automation_store_from_session (session);

  return CRM_CLI_OK;
}

/* A user named on the command line (id, address or name), active. */
static gboolean
find_user (CrmAutomationStore  *store,
           const char          *reference,
           gint64              *id,
           GError             **error)
{
  g_autoptr(CrmUser) user = crm_user_store_find_active (crm_user_store_from_session (crm_store_get_session (CRM_STORE (store))),
                                                       reference, error);

  if (user == NULL)
    return FALSE;
  *id = crm_user_get_id (user);

  return TRUE;
}

int
crm_cli_automations_add (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *module = NULL;
  g_autofree char *name = NULL;
  g_autofree char *status = NULL;
  g_autofree char *catch_up = NULL;
  CrmAutomationStore *store;
  CrmCatchUp policy = CRM_CATCH_UP_LATE;
  gboolean only_new = FALSE, one_time = FALSE;
  gint64 view = 0, status_id = 0, id;
  int result;
  const GOptionEntry entries[] = {
    { "module", 0, 0, G_OPTION_ARG_STRING, &module, N_("tickets, requests, contacts, offers or searches (required)"),
      N_("MODULE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The automation’s name (required)"), N_("NAME") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("The records in this status (tickets and requests)"),
      N_("STATUS") },
    { "view", 0, 0, G_OPTION_ARG_INT64, &view, N_("The records of this saved view"), N_("ID") },
    { "only-new", 0, 0, G_OPTION_ARG_NONE, &only_new, N_("Only records that start matching after activation"), NULL },
    { "one-time", 0, 0, G_OPTION_ARG_NONE, &one_time, N_("One run over the records matching at activation"), NULL },
    { "catch-up", 0, 0, G_OPTION_ARG_STRING, &catch_up,
      N_("Steps missed while nothing ran: late (default), next or skip"), N_("POLICY") },
    { NULL }
  };

  if ((result = crm_cli_parse_no_args (cli, "automations add", entries, &argc, &argv)) != CRM_CLI_OK)
    return result;
  if (module == NULL || name == NULL)
    return crm_cli_usage_error (cli, _("Give the automation’s --module and --name."));
  if ((status != NULL) == (view != 0))
    return crm_cli_usage_error (cli, _("Choose the records with --status or --view, one of the two."));
  if (catch_up != NULL && !crm_automation_catch_up_parse (catch_up, &policy, &error))
    return crm_cli_fail (cli, error);
  if ((result = open_store (cli, &store)) != CRM_CLI_OK)
    return result;
  if (status != NULL && !(status_id = crm_automation_store_find_status (store, status, &error)))
    return crm_cli_fail (cli, error);
  if (!(id = crm_automation_store_add (store, module, name, status_id, view, only_new, one_time, policy, &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_automations_step (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAutomationStep) step = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *at = NULL;
  g_autofree char *weekdays = NULL;
  g_autofree char *title = NULL;
  g_autofree char *recipient = NULL;
  g_autofree char *sender = NULL;
  CrmAutomationStore *store;
  CrmAutomationStepKind step_kind;
  gint64 automation_id, template_id = 0, delay = -1, id;
  int result;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("email-contact, email-user or task (required)"), N_("KIND") },
    { "delay-days", 0, 0, G_OPTION_ARG_INT64, &delay, N_("Days after the record entered (required)"), N_("DAYS") },
    { "at-time", 0, 0, G_OPTION_ARG_STRING, &at, N_("The time of day, in the office’s time zone; without it, the "
                                                    "time the record entered"), N_("HH:MM") },
    { "weekdays", 0, 0, G_OPTION_ARG_STRING, &weekdays, N_("Only on these days: mon,tue,…"), N_("DAYS") },
    { "template", 0, 0, G_OPTION_ARG_INT64, &template_id, N_("The mail’s template (mails)"), N_("ID") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The task’s title (tasks)"), N_("TITLE") },
    { "recipient", 0, 0, G_OPTION_ARG_STRING, &recipient,
      N_("The user a mail or task is for; by default the record’s responsible user"), N_("USER") },
    { "sender", 0, 0, G_OPTION_ARG_STRING, &sender,
      N_("owner (the record’s responsible user, the default) or a user"), N_("USER") },
    { NULL }
  };

  if ((result = crm_cli_parse_one_id (cli, "automations step", entries, _("Give the automation’s number."), &argc,
                                      &argv, &automation_id)) != CRM_CLI_OK)
    return result;
  if (kind == NULL || delay < 0)
    return crm_cli_usage_error (cli, _("Give the step’s --kind and --delay-days."));
  if (!crm_automation_step_kind_parse (kind, &step_kind, &error))
    return crm_cli_fail (cli, error);
  step = crm_automation_step_new (step_kind);
  step->delay_days = (guint) MIN (delay, G_MAXUINT);
  step->template_id = template_id;
  step->task_title = g_strdup (title);
  if ((at != NULL && !crm_automation_parse_time_of_day (at, &step->minute_of_day, &error)) ||
      (weekdays != NULL && !crm_weekdays_parse (weekdays, &step->weekdays, &error)))
    return crm_cli_fail (cli, error);
  if ((result = open_store (cli, &store)) != CRM_CLI_OK)
    return result;
  if ((recipient != NULL && !find_user (store, recipient, &step->recipient_user_id, &error)) ||
      (sender != NULL && g_strcmp0 (sender, "owner") != 0 && !find_user (store, sender, &step->sender_user_id, &error)))
    return crm_cli_fail (cli, error);
  if (!(id = crm_automation_store_add_step (store, automation_id, step, &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

/* "move-step" and "remove-step": the step's id, of the current version. */
static int
reorder (CrmCli    *cli,
         int        argc,
         char     **argv,
         gboolean   move)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAutomation) automation = NULL;
  CrmAutomationStore *store;
  gint64 automation_id, step_id = 0, position = 0, id = 0;
  gboolean found = FALSE;
  int result;
  const GOptionEntry move_entries[] = {
    { "step", 0, 0, G_OPTION_ARG_INT64, &step_id, N_("The step’s id, as automations show gives it (required)"),
      N_("STEP") },
    { "to", 0, 0, G_OPTION_ARG_INT64, &position, N_("Its new place, from 1 (required)"), N_("POSITION") },
    { NULL }
  };
  const GOptionEntry remove_entries[] = {
    { "step", 0, 0, G_OPTION_ARG_INT64, &step_id, N_("The step’s id, as automations show gives it (required)"),
      N_("STEP") },
    { NULL }
  };

  if ((result = crm_cli_parse_one_id (cli, move ? "automations move-step" : "automations remove-step",
                                      move ? move_entries : remove_entries, _("Give the automation’s number."),
                                      &argc, &argv, &automation_id)) != CRM_CLI_OK)
    return result;
  if (step_id <= 0 || (move && position <= 0))
    return crm_cli_usage_error (cli, move ? _("Give the --step and the place to move it --to, from 1.")
                                          : _("Give the --step to remove."));
  if ((result = open_store (cli, &store)) != CRM_CLI_OK)
    return result;
  if (!(automation = crm_automation_store_get (store, automation_id, &error)))
    return crm_cli_fail (cli, error);
  for (guint i = 0; i < automation->steps->len; i++)
    found |= ((CrmAutomationStep *) g_ptr_array_index (automation->steps, i))->id == step_id;
  if (!found)
    return crm_cli_usage_error (cli, _("Step %lld is not one of the automation’s current steps."), (long long) step_id);
  if (move ? !(id = crm_automation_store_move_step (store, step_id, (guint) MIN (position, G_MAXUINT), &error))
           : !crm_automation_store_remove_step (store, step_id, &error))
    return crm_cli_fail (cli, error);
  if (move)
    crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_automations_move_step (CrmCli  *cli,
                               int      argc,
                               char   **argv)
{
  return reorder (cli, argc, argv, TRUE);
}

int
crm_cli_automations_remove_step (CrmCli  *cli,
                                 int      argc,
                                 char   **argv)
{
  return reorder (cli, argc, argv, FALSE);
}

int
crm_cli_automations_list (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *module = NULL;
  CrmAutomationStore *store;
  int result;
  const GOptionEntry entries[] = {
    { "module", 0, 0, G_OPTION_ARG_STRING, &module, N_("Only this module’s"), N_("MODULE") },
    { NULL }
  };

  if ((result = crm_cli_parse_no_args (cli, "automations list", entries, &argc, &argv)) != CRM_CLI_OK ||
      (result = open_store (cli, &store)) != CRM_CLI_OK)
    return result;
  if (!(list = crm_automation_store_list (store, module, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      CrmAutomation *automation = g_ptr_array_index (list, i);

      if (!cli->json)
        {
          g_print ("%6" G_GINT64_FORMAT "  %-9s %-8s v%-3" G_GINT64_FORMAT " %6u in  %s%s\n", automation->id,
                   automation->module, automation->active ? (automation->paused_reason ? _("paused") : _("active"))
                                                          : _("inactive"),
                   automation->version, automation->n_entered, automation->name,
                   automation->one_time ? _(" (one-time)") : "");
          continue;
        }
      json_builder_begin_object (builder);
      add_automation (builder, automation);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_automations_show (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAutomation) automation = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmAutomationStore *store;
  const GOptionEntry entries[] = { { NULL } };
  gint64 id;
  int result;

  if ((result = crm_cli_parse_one_id (cli, "automations show", entries, _("Give the automation’s number."), &argc,
                                      &argv, &id)) != CRM_CLI_OK ||
      (result = open_store (cli, &store)) != CRM_CLI_OK)
    return result;
  if (!(automation = crm_automation_store_get (store, id, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_object (builder);
  add_automation (builder, automation);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < automation->steps->len; i++)
    add_step (builder, g_ptr_array_index (automation->steps, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  if (cli->json)
    crm_cli_print_builder (builder);
  else
    {
      /* Translators: crmctl automations show: number, name, module, version */
      g_print (_("Automation %lld: %s (%s, version %lld)\n"), (long long) automation->id, automation->name,
               automation->module, (long long) automation->version);
      for (guint i = 0; i < automation->steps->len; i++)
        {
          CrmAutomationStep *step = g_ptr_array_index (automation->steps, i);
          g_autofree char *at = time_of_day (step->minute_of_day);

          g_print ("%3u. [%" G_GINT64_FORMAT "] %s +%ud %s %s\n", step->position, step->id,
                   crm_automation_step_kind_to_string (step->kind), step->delay_days, at ? at : "",
                   step->kind == CRM_AUTOMATION_STEP_TASK ? step->task_title : step->template_name);
        }
    }

  return CRM_CLI_OK;
}

/* "activate" and "deactivate" */
static int
switch_automation (CrmCli    *cli,
                   int        argc,
                   char     **argv,
                   gboolean   on)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAutomation) automation = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmAutomationStore *store;
  const GOptionEntry entries[] = { { NULL } };
  gint64 id;
  int result;

  if ((result = crm_cli_parse_one_id (cli, on ? "automations activate" : "automations deactivate", entries,
                                      _("Give the automation’s number."), &argc, &argv, &id)) != CRM_CLI_OK ||
      (result = open_store (cli, &store)) != CRM_CLI_OK)
    return result;
  if (!(on ? crm_automation_store_activate (store, id, &error) : crm_automation_store_deactivate (store, id, &error)) ||
      !(automation = crm_automation_store_get (store, id, &error)))
    return crm_cli_fail (cli, error);

  if (!cli->json)
    {
      if (on)
        g_print (ngettext ("Active: %u record inside.\n", "Active: %u records inside.\n",
                              automation->n_entered),
                 automation->n_entered);
      return CRM_CLI_OK;
    }
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "id", automation->id);
  add_bool (builder, "active", automation->active);
  crm_cli_add_int (builder, "entered", automation->n_entered);
  crm_cli_add_int (builder, "waiting", automation->n_waiting);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_automations_activate (CrmCli  *cli,
                              int      argc,
                              char   **argv)
{
  return switch_automation (cli, argc, argv, TRUE);
}

int
crm_cli_automations_deactivate (CrmCli  *cli,
                                int      argc,
                                char   **argv)
{
  return switch_automation (cli, argc, argv, FALSE);
}

int
crm_cli_automations_simulate (CrmCli  *cli,
                              int      argc,
                              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) plans = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmAutomationStore *store;
  gint64 id, days = 14, limit = 1000;
  guint entering = 0;
  int result;
  const GOptionEntry entries[] = {
    { "days", 0, 0, G_OPTION_ARG_INT64, &days, N_("How many days ahead (14 by default)"), N_("N") },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit, N_("At most this many steps, the first in time (1000; 0: all)"),
      N_("N") },
    { NULL }
  };

  if ((result = crm_cli_parse_one_id (cli, "automations simulate", entries, _("Give the automation’s number."),
                                      &argc, &argv, &id)) != CRM_CLI_OK)
    return result;
  if (days < 1 || days > CRM_AUTOMATION_MAX_SIMULATE_DAYS || limit < 0)
    return crm_cli_usage_error (cli, _("Simulate 1 to %d days."), CRM_AUTOMATION_MAX_SIMULATE_DAYS);
  if ((result = open_store (cli, &store)) != CRM_CLI_OK)
    return result;
  if (!(plans = crm_automation_store_simulate (store, id, (guint) days, (guint) MIN (limit, G_MAXUINT), &entering,
                                               &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "entering", entering);
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < plans->len; i++)
    {
      CrmAutomationPlan *plan = g_ptr_array_index (plans, i);

      if (!cli->json)
        {
          g_autofree char *due = crm_cli_format_time (plan->due_at);

          g_print ("%s  %-13s %-30s %-28s %s%s%s\n", due, crm_automation_step_kind_to_string (plan->kind),
                   plan->record_label ? plan->record_label : "", plan->recipient ? plan->recipient : "",
                   plan->what ? plan->what : "", plan->skip_reason ? " — " : "",
                   plan->skip_reason ? plan->skip_reason : "");
          continue;
        }
      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "record", plan->record_id);
      crm_cli_add_nullable (builder, "record_label", plan->record_label);
      add_bool (builder, "entering", plan->entering);
      crm_cli_add_int (builder, "step", plan->step_id);
      crm_cli_add_int (builder, "position", plan->position);
      crm_cli_add_nullable (builder, "kind", crm_automation_step_kind_to_string (plan->kind));
      crm_cli_add_time (builder, "due", plan->due_at);
      crm_cli_add_nullable (builder, "recipient", plan->recipient);
      crm_cli_add_nullable (builder, "what", plan->what);
      crm_cli_add_nullable (builder, "skipped", plan->skip_reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (cli->json)
    crm_cli_print_builder (builder);
  else
    g_print (ngettext ("%u record would enter now.\n", "%u records would enter now.\n", entering), entering);

  return CRM_CLI_OK;
}

int
crm_cli_automations_runs (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmAutomationStore *store;
  const GOptionEntry entries[] = { { NULL } };
  gint64 id;
  int result;

  if ((result = crm_cli_parse_one_id (cli, "automations runs", entries, _("Give the automation’s number."), &argc,
                                      &argv, &id)) != CRM_CLI_OK ||
      (result = open_store (cli, &store)) != CRM_CLI_OK)
    return result;
  if (!(runs = crm_automation_store_list_runs (store, id, 0, 0, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < runs->len; i++)
    {
      CrmAutomationRun *run = g_ptr_array_index (runs, i);

      if (!cli->json)
        {
          g_autofree char *due = crm_cli_format_time (run->due_at);

          g_print ("%6" G_GINT64_FORMAT "  %s  %-8s %-13s %-30s %s%s\n", run->id, due,
                   crm_automation_run_state_to_string (run->state), crm_automation_step_kind_to_string (run->kind),
                   run->record_label ? run->record_label : "", run->caught_up ? _("(caught up) ") : "",
                   run->reason ? run->reason : "");
          continue;
        }
      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "id", run->id);
      crm_cli_add_int (builder, "record", run->record_id);
      crm_cli_add_nullable (builder, "record_label", run->record_label);
      crm_cli_add_int (builder, "entry", run->entry_id);
      crm_cli_add_int (builder, "version", run->version);
      crm_cli_add_int (builder, "step", run->step_id);
      crm_cli_add_int (builder, "position", run->position);
      crm_cli_add_nullable (builder, "kind", crm_automation_step_kind_to_string (run->kind));
      crm_cli_add_time (builder, "due", run->due_at);
      crm_cli_add_nullable (builder, "state", crm_automation_run_state_to_string (run->state));
      crm_cli_add_time (builder, "done_at", run->done_at);
      crm_cli_add_nullable (builder, "reason", run->reason);
      add_bool (builder, "caught_up", run->caught_up);
      add_optional_id (builder, "outbox", run->outbox_id);
      add_optional_id (builder, "task", run->task_id);
      crm_cli_add_nullable (builder, "recipient", run->recipient);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_scheduler_run (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmAutomationStore *store;
  CrmAutomationPass pass;
  const GOptionEntry entries[] = { { NULL } };
  int result;

  if ((result = crm_cli_parse_no_args (cli, "scheduler run", entries, &argc, &argv)) != CRM_CLI_OK ||
      (result = open_store (cli, &store)) != CRM_CLI_OK)
    return result;
  if (!crm_automation_store_run_pass (store, &pass, NULL, &error))
    return crm_cli_fail (cli, error);

  if (!cli->json)
    {
      /* Translators: crmctl scheduler run: steps done, skipped, failed; records in, out */
      g_print (_("%u done, %u skipped, %u failed; %u records entered, %u left.\n"), pass.done, pass.skipped,
               pass.failed, pass.entered, pass.left);
      return CRM_CLI_OK;
    }
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "entered", pass.entered);
  crm_cli_add_int (builder, "left", pass.left);
  crm_cli_add_int (builder, "done", pass.done);
  crm_cli_add_int (builder, "skipped", pass.skipped);
  crm_cli_add_int (builder, "failed", pass.failed);
  crm_cli_add_int (builder, "moved", pass.moved);
  crm_cli_add_int (builder, "caught_up", pass.caught_up);
  crm_cli_add_time (builder, "next_due", pass.next_due);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

/* "settings time-zone [ZONE]" and "settings automation-daily-cap [N]":
 * shows the setting, or sets it and shows it. */
static int
setting (CrmCli    *cli,
         int        argc,
         char     **argv,
         gboolean   zone)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *value = NULL;
  CrmAutomationStore *store;
  const GOptionEntry entries[] = { { NULL } };
  int result;

  if (!crm_cli_parse (cli, zone ? "settings time-zone" : "settings automation-daily-cap", zone ? _("[ZONE]") : _("[N]"),
                      entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc > 2)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[2]);
  if ((result = open_store (cli, &store)) != CRM_CLI_OK)
    return result;
  if (argc == 2)
    {
      guint64 cap = 0;

      if (!zone && !g_ascii_string_to_unsigned (argv[1], 10, 0, G_MAXUINT, &cap, NULL))
        return crm_cli_usage_error (cli, _("Allow 1 to %d automated mails a day to one recipient."),
                                    CRM_AUTOMATION_MAX_DAILY_CAP);
      if (zone ? !crm_automation_store_set_time_zone (store, argv[1], &error)
               : !crm_automation_store_set_daily_cap (store, (guint) cap, &error))
        return crm_cli_fail (cli, error);
    }

  value = zone ? crm_automation_store_dup_time_zone (store)
               : g_strdup_printf ("%u", crm_automation_store_get_daily_cap (store));
  if (!cli->json)
    {
      g_print ("%s\n", value);
      return CRM_CLI_OK;
    }
  json_builder_begin_object (builder);
  if (zone)
    crm_cli_add_nullable (builder, "time_zone", value);
  else
    crm_cli_add_int (builder, "automation_daily_cap", crm_automation_store_get_daily_cap (store));
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_settings_time_zone (CrmCli  *cli,
                            int      argc,
                            char   **argv)
{
  return setting (cli, argc, argv, TRUE);
}

int
crm_cli_settings_daily_cap (CrmCli  *cli,
                            int      argc,
                            char   **argv)
{
  return setting (cli, argc, argv, FALSE);
}

int
crm_cli_templates_add (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *body = NULL;
  CrmSession *session;
  gint64 id;
  int result;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The template’s name (required)"), N_("NAME") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("Its text, with placeholders (required)"), N_("FILE") },
    { NULL }
  };

  if ((result = crm_cli_parse_no_args (cli, "templates add", entries, &argc, &argv)) != CRM_CLI_OK)
    return result;
  if (name == NULL || body_file == NULL)
    return crm_cli_usage_error (cli, _("Give the template’s --name and --body-file."));
  if ((result = crm_cli_read_text (cli, body_file, &body)) != CRM_CLI_OK)
    return result;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(id = crm_template_store_add (crm_template_store_from_session (session), name, body, &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_templates_list (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmSession *session;
  const GOptionEntry entries[] = { { NULL } };
  int result;

  if ((result = crm_cli_parse_no_args (cli, "templates list", entries, &argc, &argv)) != CRM_CLI_OK)
    return result;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(templates = crm_template_store_list (crm_template_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < templates->len; i++)
    {
      CrmTemplateInfo *info = g_ptr_array_index (templates, i);

      if (!cli->json)
        {
          g_print ("%6" G_GINT64_FORMAT "  %s\n", info->id, info->name);
          continue;
        }
      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "id", info->id);
      crm_cli_add_nullable (builder, "name", info->name);
      crm_cli_add_nullable (builder, "body", info->body);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}
