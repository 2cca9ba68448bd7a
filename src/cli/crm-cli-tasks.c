/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"

/* Tasks (FD5; CRMCTL.md, "Saved views, tasks, automations"):
 * tasks add|list|show|done|undone. */

static void
add_time_or_null (JsonBuilder *builder,
                  const char  *member,
                  gint64       when)
{
  g_autofree char *text = when != 0 ? crm_cli_format_time (when) : NULL;

  crm_cli_add_nullable (builder, member, text);
}

static void
add_task (JsonBuilder *builder,
          CrmTask     *task,
          gint64       now)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_task_get_id (task));
  crm_cli_add_nullable (builder, "title", crm_task_get_title (task));
  crm_cli_add_nullable (builder, "user", crm_task_get_user_name (task));
  json_builder_set_member_name (builder, "user_id");
  json_builder_add_int_value (builder, crm_task_get_user_id (task));
  add_time_or_null (builder, "due", crm_task_get_due (task));
  json_builder_set_member_name (builder, "record");
  if (crm_task_get_record_module (task) != NULL)
    {
      json_builder_begin_object (builder);
      crm_cli_add_nullable (builder, "module", crm_task_get_record_module (task));
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, crm_task_get_record_id (task));
      crm_cli_add_nullable (builder, "label", crm_task_get_record_label (task));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  add_time_or_null (builder, "done", crm_task_get_done (task));
  crm_cli_add_nullable (builder, "done_by", crm_task_get_done_by (task));
  json_builder_set_member_name (builder, "overdue");
  json_builder_add_boolean_value (builder, crm_task_is_overdue (task, now));
  crm_cli_add_nullable (builder, "created_by", crm_task_get_created_by (task));
  add_time_or_null (builder, "created", crm_task_get_created (task));
  add_time_or_null (builder, "notified", crm_task_get_notified (task));
  json_builder_set_member_name (builder, "automation");
  if (crm_task_get_automation_run_id (task) != 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "run");
      json_builder_add_int_value (builder, crm_task_get_automation_run_id (task));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static void
print_task_line (CrmTask *task,
                 gint64   now)
{
  g_autofree char *due = crm_cli_format_time (crm_task_get_due (task));
  g_autofree char *record = crm_task_dup_record_text (task);
  const char *state;

  if (crm_task_get_done (task) != 0)
    /* Translators: crmctl tasks list: the state of a task */
    state = _("done");
  else if (crm_task_is_overdue (task, now))
    /* Translators: crmctl tasks list: the state of a task */
    state = _("overdue");
  else
    /* Translators: crmctl tasks list: the state of a task */
    state = _("open");

  /* Translators: crmctl tasks list: id, due time, state, for whom, title */
  g_print (_("%lld  %s  %s  %s  %s"), (long long) crm_task_get_id (task), due, state, crm_task_get_user_name (task),
           crm_task_get_title (task));
  if (record != NULL)
    g_print ("  (%s)", record);
  g_print ("\n");
}

int
crm_cli_tasks_add (CrmCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autofree char *user_ref = NULL;
  g_autofree char *title = NULL;
  g_autofree char *due = NULL;
  g_autofree char *record = NULL;
  g_autofree char *module = NULL;
  g_autofree char *as = NULL;
  gint64 record_id = 0, actor, id;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &user_ref, N_("Whom the task is for: id, e-mail or name (required)"),
      N_("USER") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("What is to be done (required)"), N_("TEXT") },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due, N_("When it falls due, ISO 8601 (required)"), N_("TIME") },
    { "record", 0, 0, G_OPTION_ARG_STRING, &record,
      N_("The record it belongs to: tickets, requests, contacts, offers or searches, and its id"), N_("MODULE:ID") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who adds it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "tasks add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (user_ref == NULL)
    return crm_cli_usage_error (cli, _("Say whom the task is for with --user USER."));
  if (title == NULL)
    return crm_cli_usage_error (cli, _("Say what is to be done with --title TEXT."));
  if (due == NULL)
    return crm_cli_usage_error (cli, _("Say when the task is due with --due TIME."));
  if (!(when = crm_clock_parse_time (due, &error)) ||
      (record != NULL && !crm_task_parse_record (record, &module, &record_id, &error)))
    return crm_cli_fail (cli, error);

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &actor, &error) ||
      !(user = crm_user_store_find (crm_user_store_from_session (session), user_ref, &error)) ||
      !(id = crm_task_store_add (crm_task_store_from_session (session), crm_user_get_id (user), title,
                                 g_date_time_to_unix (when), module, record_id, &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_tasks_list (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autofree char *user_ref = NULL;
  gboolean open = FALSE;
  int limit = 0;
  CrmTaskFilter filter = { 0 };
  CrmSession *session;
  gint64 now;
  int status;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &user_ref, N_("Only this user’s tasks: id, e-mail or name"), N_("USER") },
    { "open", 0, 0, G_OPTION_ARG_NONE, &open, N_("Only the tasks not done"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many"), N_("N") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "tasks list", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (limit < 0)
    return crm_cli_usage_error (cli, _("--limit takes a number of 1 or more."));
  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  if (user_ref != NULL)
    {
      if (!(user = crm_user_store_find (crm_user_store_from_session (session), user_ref, &error)))
        return crm_cli_fail (cli, error);
      filter.user_id = crm_user_get_id (user);
    }
  filter.open_only = open;
  filter.limit = (guint) limit;
  if (!(tasks = crm_task_store_list (crm_task_store_from_session (session), &filter, &error)))
    return crm_cli_fail (cli, error);
  now = crm_session_now (session);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < tasks->len; i++)
        add_task (builder, g_ptr_array_index (tasks, i), now);
      json_builder_end_array (builder);
      crm_cli_print_builder (builder);
      return CRM_CLI_OK;
    }

  for (guint i = 0; i < tasks->len; i++)
    print_task_line (g_ptr_array_index (tasks, i), now);

  return CRM_CLI_OK;
}

int
crm_cli_tasks_show (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTask) task = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autofree char *due = NULL;
  g_autofree char *record = NULL;
  CrmSession *session;
  gint64 id, now;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "tasks show", NULL, _("Give the task’s number."), &argc, &argv, &id)) !=
      CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(task = crm_task_store_get (crm_task_store_from_session (session), id, &error)) ||
      !(history = crm_session_list_history (session, "task", id, &error)))
    return crm_cli_fail (cli, error);
  now = crm_session_now (session);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonNode) entries = NULL;
      JsonArray *array = json_array_new ();

      add_task (builder, task, now);
      root = json_builder_get_root (builder);
      for (guint i = 0; i < g_list_model_get_n_items (history); i++)
        {
          g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, i);
          g_autofree char *at = crm_cli_format_time (crm_history_entry_get_at (entry));
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "at", at);
          json_object_set_string_member (object, "action", crm_history_entry_get_action (entry));
          if (crm_history_entry_get_actor (entry) != NULL)
            json_object_set_string_member (object, "by", crm_history_entry_get_actor (entry));
          else
            json_object_set_null_member (object, "by");
          if (crm_history_entry_get_detail (entry) != NULL)
            json_object_set_string_member (object, "detail", crm_history_entry_get_detail (entry));
          else
            json_object_set_null_member (object, "detail");
          json_array_add_object_element (array, object);
        }
      json_object_set_array_member (json_node_get_object (root), "history", array);
      crm_cli_print_json (root);
      return CRM_CLI_OK;
    }

  print_task_line (task, now);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, i);
      g_autofree char *at = crm_cli_format_time (crm_history_entry_get_at (entry));

      if (crm_history_entry_get_actor (entry) != NULL)
        g_print ("  %s  %s  %s\n", at, crm_history_entry_get_action (entry), crm_history_entry_get_actor (entry));
      else
        g_print ("  %s  %s\n", at, crm_history_entry_get_action (entry));
    }

  return CRM_CLI_OK;
}

static int
mark (CrmCli     *cli,
      const char *command,
      gboolean    done,
      int         argc,
      char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  gint64 id, actor;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who marks it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, command, entries, _("Give the task’s number."), &argc, &argv, &id)) !=
      CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &actor, &error) ||
      !(done ? crm_task_store_set_done (crm_task_store_from_session (session), id, &error)
             : crm_task_store_set_undone (crm_task_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(CrmTask) task = crm_task_store_get (crm_task_store_from_session (session), id, &error);
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      if (task == NULL)
        return crm_cli_fail (cli, error);
      add_task (builder, task, crm_session_now (session));
      crm_cli_print_builder (builder);
    }

  return CRM_CLI_OK;
}

int
crm_cli_tasks_done (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  return mark (cli, "tasks done", TRUE, argc, argv);
}

int
crm_cli_tasks_undone (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  return mark (cli, "tasks undone", FALSE, argc, argv);
}
