/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"
#include "crm-engine-store.h"
#include "crm-pg-database.h"

/* crmctl db: the office's database itself. */

/**
 * crm_cli_db_status:
 *
 * `db status`: the backend, where it is, the schema version, which
 * desktop holds the mail engine, and (on a team's server) the desktops
 * connected now.
 */
int
crm_cli_db_status (CrmCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(CrmEngineLockInfo) engine = { 0 };
  g_auto(GStrv) desktops = NULL;
  CrmSession *session;
  CrmDatabase *database;
  gboolean held = FALSE;
  gboolean team;

  if (!crm_cli_parse (cli, "db status", NULL, NULL, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc > 1)
    return crm_cli_usage_error (cli, _("“db status” takes no arguments."));
  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  database = crm_session_get_database (session);
  team = crm_database_get_dialect (database) == CRM_DIALECT_POSTGRESQL;
  if (!crm_engine_store_read_lock (crm_engine_store_from_session (session), &engine, &held, &error))
    return crm_cli_fail (cli, error);
  if (team && !(desktops = crm_pg_database_list_desktops (CRM_PG_DATABASE (database), &error)))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "backend");
      json_builder_add_string_value (builder, team ? "postgresql" : "sqlite");
      json_builder_set_member_name (builder, "location");
      json_builder_add_string_value (builder, crm_database_get_name (database));
      json_builder_set_member_name (builder, "schema_version");
      json_builder_add_int_value (builder, crm_database_get_schema_version (database));
      json_builder_set_member_name (builder, "engine");
      if (held)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "host");
          json_builder_add_string_value (builder, engine.host);
          json_builder_set_member_name (builder, "pid");
          json_builder_add_int_value (builder, engine.pid);
          json_builder_set_member_name (builder, "owner");
          json_builder_add_string_value (builder, engine.owner);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "desktops");
      if (team)
        {
          json_builder_begin_array (builder);
          for (guint i = 0; desktops[i] != NULL; i++)
            json_builder_add_string_value (builder, desktops[i]);
          json_builder_end_array (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
      return CRM_CLI_OK;
    }

  /* Translators: "SQLite file" or "PostgreSQL server" follows */
  g_print (_("Backend: %s\n"), team ? _("PostgreSQL server (the team’s database)") : _("SQLite file (this desk’s database)"));
  g_print (_("Location: %s\n"), crm_database_get_name (database));
  g_print (_("Schema: %d\n"), crm_database_get_schema_version (database));
  if (held)
    /* Translators: the host, the process id and what runs the mail engine */
    g_print (_("Mail engine: on %s, process %lld (%s)\n"), engine.host, (long long) engine.pid, engine.owner);
  else
    g_print ("%s\n", _("Mail engine: not running"));
  if (team)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u desktop connected:\n", "%u desktops connected:\n",
                            g_strv_length (desktops)),
               g_strv_length (desktops));
      for (guint i = 0; desktops[i] != NULL; i++)
        g_print ("  %s\n", desktops[i]);
    }

  return CRM_CLI_OK;
}
