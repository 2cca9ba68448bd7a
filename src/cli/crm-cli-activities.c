/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"

/* Calls and chats (TK6; CRMCTL.md, "More ticket and request
 * operations"): activities add|list|import|unlink, tickets link. */

static void
add_activity (JsonBuilder *builder,
              CrmActivity *activity)
{
  g_autofree char *at = crm_cli_format_time (crm_activity_get_at (activity));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_activity_get_id (activity));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, crm_activity_kind_to_string (crm_activity_get_kind (activity)));
  json_builder_set_member_name (builder, "contact");
  if (crm_activity_get_contact_id (activity) != 0)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, crm_activity_get_contact_id (activity));
      crm_cli_add_nullable (builder, "name", crm_activity_get_contact_name (activity));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  crm_cli_add_nullable (builder, "phone", crm_activity_get_phone (activity));
  crm_cli_add_nullable (builder, "at", at);
  json_builder_set_member_name (builder, "duration");
  json_builder_add_int_value (builder, crm_activity_get_duration (activity));
  crm_cli_add_nullable (builder, "note", crm_activity_get_note (activity));
  json_builder_set_member_name (builder, "ticket");
  if (crm_activity_get_ticket_id (activity) != 0)
    json_builder_add_int_value (builder, crm_activity_get_ticket_id (activity));
  else
    json_builder_add_null_value (builder);
  crm_cli_add_nullable (builder, "created_by", crm_activity_get_created_by (activity));
  json_builder_end_object (builder);
}

int
crm_cli_activities_add (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmActivity) activity = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *at = NULL;
  g_autofree char *note_file = NULL;
  g_autofree char *note = NULL;
  g_autofree char *as = NULL;
  gint64 contact_id = 0, ticket_id = 0, duration = 0, user_id, id;
  CrmActivityKind kind;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("call or chat (required)"), N_("KIND") },
    { "contact", 0, 0, G_OPTION_ARG_INT64, &contact_id, N_("The contact it was with"), N_("ID") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("The other side’s number; enough without --contact"),
      N_("NUMBER") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When it began, ISO 8601 (required)"), N_("TIME") },
    { "duration", 0, 0, G_OPTION_ARG_INT64, &duration, N_("How long, in seconds"), N_("SECONDS") },
    { "note-file", 0, 0, G_OPTION_ARG_FILENAME, &note_file, N_("What was said, in UTF-8 (required)"), N_("FILE") },
    { "ticket", 0, 0, G_OPTION_ARG_INT64, &ticket_id, N_("Link it to this ticket at once"), N_("ID") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who enters it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "activities add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (kind_text == NULL)
    return crm_cli_usage_error (cli, _("Say what it was with --kind call or --kind chat."));
  if (!crm_activity_kind_from_string (kind_text, &kind, &error))
    return crm_cli_fail (cli, error);
  if (contact_id == 0 && phone == NULL)
    return crm_cli_usage_error (cli, _("Say who it was with: --contact ID, or --phone NUMBER."));
  if (at == NULL)
    return crm_cli_usage_error (cli, _("Say when it was with --at TIME."));
  if (!(when = crm_clock_parse_time (at, &error)))
    return crm_cli_fail (cli, error);
  if (note_file == NULL)
    return crm_cli_usage_error (cli, _("Give what was said with --note-file."));
  if ((status = crm_cli_read_text (cli, note_file, &note)) != CRM_CLI_OK)
    return status;

  activity = crm_activity_new (kind, contact_id, phone, g_date_time_to_unix (when), duration, note);
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(id = crm_activity_store_add (crm_activity_store_from_session (session), activity, ticket_id, NULL, &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_activities_list (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  gboolean today = FALSE;
  int limit = 0;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_NONE, &today, N_("Only today’s"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many, the newest"), N_("N") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "activities list", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (limit < 0)
    return crm_cli_usage_error (cli, _("--limit takes a number of 1 or more."));
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(activities = crm_activity_store_list (crm_activity_store_from_session (session), today, (guint) limit,
                                              &error)))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < activities->len; i++)
        add_activity (builder, g_ptr_array_index (activities, i));
      json_builder_end_array (builder);
      crm_cli_print_builder (builder);
      return CRM_CLI_OK;
    }

  for (guint i = 0; i < activities->len; i++)
    {
      CrmActivity *activity = g_ptr_array_index (activities, i);
      g_autofree char *at = crm_cli_format_time (crm_activity_get_at (activity));
      g_autofree char *summary = crm_activity_dup_summary (activity);

      if (crm_activity_get_ticket_id (activity) != 0)
        /* Translators: crmctl activities list: id, time, "Call with … · 4 min", a ticket's number */
        g_print (_("%lld  %s  %s  (ticket #%lld)\n"), (long long) crm_activity_get_id (activity), at, summary,
                 (long long) crm_activity_get_ticket_id (activity));
      else
        g_print ("%" G_GINT64_FORMAT "  %s  %s\n", crm_activity_get_id (activity), at, summary);
    }

  return CRM_CLI_OK;
}

int
crm_cli_activities_import (CrmCli  *cli,
                           int      argc,
                           char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autofree char *text = NULL;
  g_autofree char *as = NULL;
  g_autofree char *columns = g_strjoinv (",", (char **) crm_activity_import_columns ());
  gsize length;
  guint imported = 0;
  gint64 actor;
  CrmSession *session;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who imports them"), N_("USER") },
    { NULL }
  };

  if (!crm_cli_parse (cli, "activities import", _("FILE.csv"), entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc != 2)
    /* Translators: %s lists the columns */
    return crm_cli_usage_error (cli, _("Give one CSV file, with a header line naming its columns: %s."), columns);
  if (!g_file_get_contents (argv[1], &text, &length, &error))
    return crm_cli_usage_error (cli, "%s", error->message);

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &actor, &error) ||
      !crm_activity_store_import (crm_activity_store_from_session (session), text, length, &imported, &skipped,
                                  &error))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "imported");
      json_builder_add_int_value (builder, imported);
      json_builder_set_member_name (builder, "skipped");
      json_builder_begin_array (builder);
      for (guint i = 0; i < skipped->len; i++)
        {
          CrmActivitySkip *skip = g_ptr_array_index (skipped, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "line");
          json_builder_add_int_value (builder, skip->line);
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, skip->error);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
      return CRM_CLI_OK;
    }

  g_print (ngettext ("%u call or chat imported\n", "%u calls and chats imported\n", imported), imported);
  for (guint i = 0; i < skipped->len; i++)
    {
      CrmActivitySkip *skip = g_ptr_array_index (skipped, i);

      /* Translators: a line of the file not imported: its number, why */
      g_print (_("Line %u skipped: %s\n"), skip->line, skip->error);
    }

  return CRM_CLI_OK;
}

int
crm_cli_activities_unlink (CrmCli  *cli,
                           int      argc,
                           char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  gint64 activity_id, user_id;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who unlinks it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "activities unlink", entries, _("Give the call’s or chat’s number."),
                                      &argc, &argv, &activity_id)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !crm_activity_store_unlink (crm_activity_store_from_session (session), activity_id, &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_link (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  gint64 ticket_id, activity_id = 0, user_id, step;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "activity", 0, 0, G_OPTION_ARG_INT64, &activity_id, N_("The call or chat (required)"), N_("ID") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who links it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets link", entries, _("Give the ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (activity_id <= 0)
    return crm_cli_usage_error (cli, _("Say which call or chat with --activity ID."));
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(step = crm_activity_store_link (crm_activity_store_from_session (session), activity_id, ticket_id, &error)))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ticket");
      json_builder_add_int_value (builder, ticket_id);
      json_builder_set_member_name (builder, "activity");
      json_builder_add_int_value (builder, activity_id);
      json_builder_set_member_name (builder, "undo_step");
      json_builder_add_int_value (builder, step);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
    }

  return CRM_CLI_OK;
}
