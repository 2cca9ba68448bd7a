/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "crm-cli.h"
#include "crm-pg-database.h"
#include "crm-ticket-store.h"
#include "crm-user-store.h"

/* What every crmctl command shares: the store, option parsing, errors
 * and their exit statuses, and JSON output. */

/**
 * crm_cli_open_store:
 *
 * Opens the office's database once: the team's server that --database
 * or $CRM_DATABASE names (its password from libpq's $PGPASSWORD or
 * ~/.pgpass), else the file of the data directory (creating it).
 */
CrmSession *
crm_cli_open_store (CrmCli  *cli,
                    GError **error)
{
  const char *uri = cli->database != NULL ? cli->database : g_getenv ("CRM_DATABASE");

  if (cli->session != NULL)
    return cli->session;

  if (uri != NULL && *uri != '\0')
    {
      if (!crm_pg_database_is_uri (uri))
        {
          g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                       _("“%s” is not the address of a database: give postgresql://user@host:port/database."),
                       uri);
          return NULL;
        }
      cli->session = crm_session_open_uri (uri, NULL, NULL, error);
    }
  else
    cli->session = crm_session_open (cli->data_dir, error);

  return cli->session;
}

/**
 * crm_cli_fail:
 *
 * Prints @error and returns the exit status of its kind: 2 for bad
 * usage or input the user can correct, 1 for anything else.
 */
int
crm_cli_fail (CrmCli       *cli,
              const GError *error)
{
  g_printerr ("crmctl: %s\n", error->message);

  if (error->domain == CRM_ERROR || error->domain == G_OPTION_ERROR)
    return CRM_CLI_USAGE;

  return CRM_CLI_FAILURE;
}

int
crm_cli_usage_error (CrmCli     *cli,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("crmctl: %s\n", message);

  return CRM_CLI_USAGE;
}

/**
 * crm_cli_print_builder:
 * @builder: a #JsonBuilder holding a whole value
 *
 * Prints what @builder built, as crm_cli_print_json() does.
 */
void
crm_cli_print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  crm_cli_print_json (root);
}

/**
 * crm_cli_parse:
 *
 * Parses a command's options; unknown options and missing values are
 * G_OPTION_ERRORs. On return @argv holds the command's positional
 * arguments after argv[0].
 */
gboolean
crm_cli_parse (CrmCli               *cli,
               const char           *command,
               const char           *parameters,
               const GOptionEntry   *entries,
               int                  *argc,
               char               ***argv,
               GError              **error)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *summary = g_strdup_printf ("crmctl %s", command);

  context = g_option_context_new (parameters);
  g_option_context_set_summary (context, summary);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  return g_option_context_parse (context, argc, argv, error);
}

gboolean
crm_cli_parse_id (const char  *text,
                  gint64      *id,
                  GError     **error)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what was given where an id was expected */
                   _("“%s” is not an id: give a whole number."), text ? text : "");
      return FALSE;
    }

  *id = (gint64) value;

  return TRUE;
}

void
crm_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

void
crm_cli_print_id (CrmCli *cli,
                  gint64  id)
{
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\n", id);
}

void
crm_cli_add_strv (JsonBuilder        *builder,
                  const char         *member,
                  const char * const *strv)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

char *
crm_cli_format_time (gint64 unix_time)
{
  return crm_clock_format_unix (unix_time);
}

/**
 * crm_cli_parse_no_args:
 *
 * Parses a command that takes options only.
 *
 * Returns: %CRM_CLI_OK, or the exit status after printing why
 */
int
crm_cli_parse_no_args (CrmCli               *cli,
                       const char           *command,
                       const GOptionEntry   *entries,
                       int                  *argc,
                       char               ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!crm_cli_parse (cli, command, NULL, entries, argc, argv, &error))
    return crm_cli_fail (cli, error);
  if (*argc > 1)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), (*argv)[1]);

  return CRM_CLI_OK;
}

/**
 * crm_cli_parse_one_id:
 * @missing: what to say when no id is given
 *
 * Parses a command that takes options and exactly one id.
 *
 * Returns: %CRM_CLI_OK with @id set, or the exit status after printing why
 */
int
crm_cli_parse_one_id (CrmCli               *cli,
                      const char           *command,
                      const GOptionEntry   *entries,
                      const char           *missing,
                      int                  *argc,
                      char               ***argv,
                      gint64               *id)
{
  g_autoptr(GError) error = NULL;

  if (!crm_cli_parse (cli, command, _("ID"), entries, argc, argv, &error))
    return crm_cli_fail (cli, error);
  if (*argc < 2)
    return crm_cli_usage_error (cli, "%s", missing);
  if (*argc > 2)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), (*argv)[2]);
  if (!crm_cli_parse_id ((*argv)[1], id, &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}

/**
 * crm_cli_read_text:
 * @path: a file given on the command line
 * @text: (out): its contents
 *
 * Reads a text file that must be UTF-8 (a mail's or a comment's text).
 *
 * Returns: %CRM_CLI_OK, or the exit status after printing why
 */
int
crm_cli_read_text (CrmCli      *cli,
                   const char  *path,
                   char       **text)
{
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, text, NULL, &error))
    return crm_cli_usage_error (cli, "%s", error->message);
  if (!g_utf8_validate (*text, -1, NULL))
    {
      g_clear_pointer (text, g_free);
      return crm_cli_usage_error (cli, _("The text in %s is not UTF-8."), path);
    }

  return CRM_CLI_OK;
}

/**
 * crm_cli_load_attachments:
 * @paths: (nullable): files given with --attach
 * @attachments: (out) (element-type CrmTicketAttachment): the files, mapped
 *
 * Returns: %CRM_CLI_OK, or the exit status after printing why
 */
int
crm_cli_load_attachments (CrmCli               *cli,
                          const char * const   *paths,
                          GPtrArray           **attachments)
{
  *attachments = g_ptr_array_new_with_free_func (crm_ticket_attachment_free);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GMappedFile) file = g_mapped_file_new (paths[i], FALSE, &error);
      CrmTicketAttachment *attachment;

      if (file == NULL)
        return crm_cli_usage_error (cli, "%s", error->message);
      attachment = g_new0 (CrmTicketAttachment, 1);
      attachment->name = g_path_get_basename (paths[i]);
      attachment->data = g_mapped_file_get_bytes (file);
      g_ptr_array_add (*attachments, attachment);
    }

  return CRM_CLI_OK;
}

/* The undo window: the user's setting when the schema is installed. */
static int
default_delay (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.example.Crm", TRUE);
  if (schema == NULL)
    return 30;

  settings = g_settings_new_full (schema, NULL, NULL);

  return g_settings_get_int (settings, "undo-send-seconds");
}

/**
 * crm_cli_due:
 * @delay: --delay, or -1 for the undo window of the settings
 * @at: (nullable): --at
 * @due: (out): when the mail goes
 *
 * Returns: %FALSE with @error set when @at is not a time
 */
gboolean
crm_cli_due (CrmSession  *session,
             int          delay,
             const char  *at,
             gint64      *due,
             GError     **error)
{
  if (at != NULL)
    {
      g_autoptr(GDateTime) when = crm_clock_parse_time (at, error);

      if (when == NULL)
        return FALSE;
      *due = g_date_time_to_unix (when);
      return TRUE;
    }

  *due = crm_clock_now_unix (crm_session_get_clock (session)) + (delay >= 0 ? delay : default_delay ());

  return TRUE;
}

/**
 * crm_cli_set_actor:
 * @user: (nullable): --as: a user's id, e-mail or name
 *
 * Acts in the name of @user: the audit trail and comments say so.
 *
 * Returns: %FALSE with @error set when there is no such user, or they
 *   were deactivated
 */
gboolean
crm_cli_set_actor (CrmSession  *session,
                   const char  *user,
                   gint64      *user_id,
                   GError     **error)
{
  g_autoptr(CrmUser) found = NULL;

  *user_id = 0;
  if (user == NULL)
    return TRUE;
  if (!(found = crm_user_store_find_active (crm_user_store_from_session (session), user, error)))
    return FALSE;

  *user_id = crm_user_get_id (found);
  crm_session_set_user_id (session, *user_id);

  return TRUE;
}

/**
 * crm_cli_add_int:
 * @builder: a #JsonBuilder in an object
 * @member: the member's name
 * @value: its value
 */
void
crm_cli_add_int (JsonBuilder *builder,
                 const char  *member,
                 gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

/**
 * crm_cli_add_time:
 * @builder: a #JsonBuilder in an object
 * @member: the member's name
 * @when: a Unix time, or 0 (or less) for none: null
 */
void
crm_cli_add_time (JsonBuilder *builder,
                  const char  *member,
                  gint64       when)
{
  g_autofree char *text = when > 0 ? crm_cli_format_time (when) : NULL;

  crm_cli_add_nullable (builder, member, text);
}

/**
 * crm_cli_open_as:
 * @cli: the command line
 * @as: (nullable): --as: whose name the command works in
 * @session: (out): the store, opened
 *
 * Returns: %CRM_CLI_OK, or the failure's exit status (said on stderr)
 */
int
crm_cli_open_as (CrmCli      *cli,
                 const char  *as,
                 CrmSession **session)
{
  g_autoptr(GError) error = NULL;
  gint64 actor;

  if (!(*session = crm_cli_open_store (cli, &error)) || !crm_cli_set_actor (*session, as, &actor, &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}

/**
 * crm_cli_parse_time:
 * @text: (nullable): an option's date or time (ISO 8601)
 * @end_of_day: a date alone means the whole day: its end (--to)
 * @when: (out): the Unix time, 0 without @text
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_cli_parse_time (const char  *text,
                    gboolean     end_of_day,
                    gint64      *when,
                    GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;

  *when = 0;
  if (text == NULL)
    return TRUE;
  if (!(parsed = crm_clock_parse_time (text, error)))
    return FALSE;
  *when = g_date_time_to_unix (parsed);
  if (end_of_day && strchr (text, 'T') == NULL)
    *when += 24 * 3600;

  return TRUE;
}

/**
 * crm_cli_add_nullable:
 * @builder: a #JsonBuilder in an object
 * @member: the member's name
 * @value: (nullable): its text, or %NULL for null
 */
void
crm_cli_add_nullable (JsonBuilder *builder,
                      const char  *member,
                      const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
