/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"
#include "crm-engine-store.h"
#include "crm-pg-database.h"
#include "crm-sqlite-database.h"

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

/**
 * crm_cli_db_migrate:
 *
 * `db migrate --from-sqlite FILE`: moves a one-desk office's file into
 * the team's server (--database), all or nothing; prints how many rows
 * each table got.
 */
int
crm_cli_db_migrate (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autoptr(CrmDatabase) source = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  CrmSession *session;
  CrmDatabase *database;
  const GOptionEntry entries[] = {
    { "from-sqlite", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("The office’s SQLite file to move"), N_("FILE") },
    { NULL }
  };

  if (!crm_cli_parse (cli, "db migrate", NULL, entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc > 1)
    return crm_cli_usage_error (cli, _("“db migrate” takes no arguments."));
  if (from == NULL)
    return crm_cli_usage_error (cli, _("Say which file to move: --from-sqlite FILE."));
  if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
    return crm_cli_usage_error (cli, _("There is no file “%s”."), from);
  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  database = crm_session_get_database (session);
  if (crm_database_get_dialect (database) != CRM_DIALECT_POSTGRESQL)
    return crm_cli_usage_error (cli, _("Say which server to move the office into: --database postgresql://… "
                                       "or $CRM_DATABASE."));

  if (!(source = crm_sqlite_database_open (from, NULL, &error)) ||
      !crm_pg_database_import (CRM_PG_DATABASE (database), source, &counts, &error))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "tables");
      json_builder_begin_object (builder);
      for (guint i = 0; i < counts->len; i++)
        {
          CrmImportCount *count = g_ptr_array_index (counts, i);

          json_builder_set_member_name (builder, count->table);
          json_builder_add_int_value (builder, count->rows);
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
      return CRM_CLI_OK;
    }

  for (guint i = 0; i < counts->len; i++)
    {
      CrmImportCount *count = g_ptr_array_index (counts, i);

      g_print ("  %-28s %10" G_GINT64_FORMAT "\n", count->table, count->rows);
    }
  /* Translators: %s is the server's database */
  g_print (_("The office was moved into %s.\n"), crm_database_get_name (database));

  return CRM_CLI_OK;
}
