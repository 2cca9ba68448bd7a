/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <gio/gunixinputstream.h>

#include "crm-cli.h"
#include "crm-account-store.h"

/* crmctl account add|list|edit|remove|test, sync */

char *
crm_cli_read_password (GError **error)
{
  g_autoptr(GInputStream) base = g_unix_input_stream_new (0, FALSE);
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (base);
  g_autofree char *line = NULL;
  gsize len = 0;

  line = g_data_input_stream_read_line_utf8 (in, &len, NULL, error);
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                             _("No password was given on standard input."));
      return NULL;
    }

  if (len > 0 && line[len - 1] == '\r')
    line[len - 1] = '\0';

  return g_steal_pointer (&line);
}

int
crm_cli_account_add (CrmCli  *cli,
                     int      argc,
                     char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *address = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *imap_host = NULL;
  g_autofree char *imap_security = NULL;
  g_autofree char *smtp_host = NULL;
  g_autofree char *smtp_security = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  gboolean password_stdin = FALSE;
  gboolean allow_insecure = FALSE;
  int imap_port = 0;
  int smtp_port = 0;
  CrmSession *session;
  gint64 id;
  const GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("The mailbox’s e-mail address"), N_("ADDRESS") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, N_("The name shown on sent mail"), N_("NAME") },
    { "imap-host", 0, 0, G_OPTION_ARG_STRING, &imap_host, N_("The IMAP server"), N_("HOST") },
    { "imap-port", 0, 0, G_OPTION_ARG_INT, &imap_port, N_("The IMAP port (993 with tls, else 143)"), N_("PORT") },
    { "imap-security", 0, 0, G_OPTION_ARG_STRING, &imap_security, N_("tls, starttls or none"), N_("SECURITY") },
    { "smtp-host", 0, 0, G_OPTION_ARG_STRING, &smtp_host, N_("The SMTP server"), N_("HOST") },
    { "smtp-port", 0, 0, G_OPTION_ARG_INT, &smtp_port, N_("The SMTP port (465 with tls, else 587)"), N_("PORT") },
    { "smtp-security", 0, 0, G_OPTION_ARG_STRING, &smtp_security, N_("tls, starttls or none"), N_("SECURITY") },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, N_("The user name on both servers"), N_("USER") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, N_("Read the password from standard input"), NULL },
    { "allow-insecure", 0, 0, G_OPTION_ARG_NONE, &allow_insecure,
      N_("Confirm security “none” for a server that is not on this computer"), NULL },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "account add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (address == NULL || imap_host == NULL || smtp_host == NULL || username == NULL)
    return crm_cli_usage_error (cli, _("Give at least --address, --imap-host, --smtp-host and --username."));
  if (!password_stdin)
    return crm_cli_usage_error (cli, _("Give the password on standard input with --password-stdin; "
                                       "it is never taken from the command line."));

  if (imap_security == NULL)
    imap_security = g_strdup ("tls");
  if (smtp_security == NULL)
    smtp_security = g_strdup ("tls");
  if (imap_port == 0)
    imap_port = g_str_equal (imap_security, "tls") ? 993 : 143;
  if (smtp_port == 0)
    smtp_port = g_str_equal (smtp_security, "tls") ? 465 : 587;

  if (!(password = crm_cli_read_password (&error)))
    return crm_cli_fail (cli, error);

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  account = crm_account_new (0, address, display_name, imap_host, imap_port, imap_security,
                             smtp_host, smtp_port, smtp_security, username);
  id = crm_account_store_add (crm_account_store_from_session (session), account, password, allow_insecure, &error);
  memset (password, 0, strlen (password));
  if (id == 0)
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_account_list (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) accounts = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  CrmSession *session;
  guint n;

  if ((status = crm_cli_parse_no_args (cli, "account list", NULL, &argc, &argv)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(accounts = crm_account_store_list (crm_account_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  n = g_list_model_get_n_items (accounts);
  if (cli->json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmAccount) a = g_list_model_get_item (accounts, i);

      if (builder == NULL)
        {
          g_print ("%4" G_GINT64_FORMAT "  %-32s  IMAP %s:%" G_GINT64_FORMAT " (%s)  SMTP %s:%" G_GINT64_FORMAT " (%s)\n",
                   crm_account_get_id (a), crm_account_get_address (a),
                   crm_account_get_imap_host (a), crm_account_get_imap_port (a),
                   crm_account_get_imap_security (a),
                   crm_account_get_smtp_host (a), crm_account_get_smtp_port (a),
                   crm_account_get_smtp_security (a));
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, crm_account_get_id (a));
      json_builder_set_member_name (builder, "address");
      json_builder_add_string_value (builder, crm_account_get_address (a));
      json_builder_set_member_name (builder, "display_name");
      json_builder_add_string_value (builder, crm_account_get_display_name (a));
      json_builder_set_member_name (builder, "imap_host");
      json_builder_add_string_value (builder, crm_account_get_imap_host (a));
      json_builder_set_member_name (builder, "imap_port");
      json_builder_add_int_value (builder, crm_account_get_imap_port (a));
      json_builder_set_member_name (builder, "imap_security");
      json_builder_add_string_value (builder, crm_account_get_imap_security (a));
      json_builder_set_member_name (builder, "smtp_host");
      json_builder_add_string_value (builder, crm_account_get_smtp_host (a));
      json_builder_set_member_name (builder, "smtp_port");
      json_builder_add_int_value (builder, crm_account_get_smtp_port (a));
      json_builder_set_member_name (builder, "smtp_security");
      json_builder_add_string_value (builder, crm_account_get_smtp_security (a));
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, crm_account_get_username (a));
      json_builder_end_object (builder);
    }

  if (builder != NULL)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
    }
  else if (n == 0)
    g_print (_("No mail account yet: add one with “crmctl account add”.\n"));

  return CRM_CLI_OK;
}

/* The usual port of a security, as "account add" picks it. */
static gint64
usual_port (const char *security,
            gboolean    imap)
{
  if (g_strcmp0 (security, "tls") == 0)
    return imap ? 993 : 465;

  return imap ? 143 : 587;
}

/* A new security takes its usual port along, unless the port was
 * given or was not the old security's usual one. */
static gint64
edited_port (int         given,
             gint64      port,
             const char *old_security,
             const char *new_security,
             gboolean    imap)
{
  if (given != 0)
    return given;
  if (new_security != NULL && port == usual_port (old_security, imap))
    return usual_port (new_security, imap);

  return port;
}

int
crm_cli_account_edit (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmAccount) old = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *address = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *imap_host = NULL;
  g_autofree char *imap_security = NULL;
  g_autofree char *smtp_host = NULL;
  g_autofree char *smtp_security = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  gboolean password_stdin = FALSE;
  gboolean allow_insecure = FALSE;
  int imap_port = 0;
  int smtp_port = 0;
  gboolean saved;
  CrmSession *session;
  gint64 id;
  const GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("The mailbox’s e-mail address"), N_("ADDRESS") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, N_("The name shown on sent mail"), N_("NAME") },
    { "imap-host", 0, 0, G_OPTION_ARG_STRING, &imap_host, N_("The IMAP server"), N_("HOST") },
    { "imap-port", 0, 0, G_OPTION_ARG_INT, &imap_port, N_("The IMAP port"), N_("PORT") },
    { "imap-security", 0, 0, G_OPTION_ARG_STRING, &imap_security, N_("tls, starttls or none"), N_("SECURITY") },
    { "smtp-host", 0, 0, G_OPTION_ARG_STRING, &smtp_host, N_("The SMTP server"), N_("HOST") },
    { "smtp-port", 0, 0, G_OPTION_ARG_INT, &smtp_port, N_("The SMTP port"), N_("PORT") },
    { "smtp-security", 0, 0, G_OPTION_ARG_STRING, &smtp_security, N_("tls, starttls or none"), N_("SECURITY") },
    { "username", 0, 0, G_OPTION_ARG_STRING, &username, N_("The user name on both servers"), N_("USER") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read a new password from standard input"), NULL },
    { "allow-insecure", 0, 0, G_OPTION_ARG_NONE, &allow_insecure,
      N_("Confirm security “none” for a server that is not on this computer"), NULL },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "account edit", entries, _("Give the id of one mail account."),
                                      &argc, &argv, &id)) != CRM_CLI_OK)
    return status;
  if (address == NULL && display_name == NULL && imap_host == NULL && imap_port == 0 && imap_security == NULL &&
      smtp_host == NULL && smtp_port == 0 && smtp_security == NULL && username == NULL && !password_stdin)
    return crm_cli_usage_error (cli, _("Say what to change: the options of “account add”, or a new password "
                                       "with --password-stdin."));

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(old = crm_account_store_get (crm_account_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);
  if (password_stdin && !(password = crm_cli_read_password (&error)))
    return crm_cli_fail (cli, error);

  account = crm_account_new (id,
                             address ? address : crm_account_get_address (old),
                             display_name ? display_name : crm_account_get_display_name (old),
                             imap_host ? imap_host : crm_account_get_imap_host (old),
                             edited_port (imap_port, crm_account_get_imap_port (old),
                                          crm_account_get_imap_security (old), imap_security, TRUE),
                             imap_security ? imap_security : crm_account_get_imap_security (old),
                             smtp_host ? smtp_host : crm_account_get_smtp_host (old),
                             edited_port (smtp_port, crm_account_get_smtp_port (old),
                                          crm_account_get_smtp_security (old), smtp_security, FALSE),
                             smtp_security ? smtp_security : crm_account_get_smtp_security (old),
                             username ? username : crm_account_get_username (old));
  saved = crm_account_store_update (crm_account_store_from_session (session), account, password, allow_insecure, &error);
  if (password != NULL)
    memset (password, 0, strlen (password));
  if (!saved)
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_account_remove (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session;
  gint64 id = 0;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "account remove", NULL, _("Give the id of one mail account."),
                                      &argc, &argv, &id)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_account_store_remove (crm_account_store_from_session (session), id, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

static void
add_check (JsonBuilder  *builder,
           const char   *member,
           const GError *error)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, error == NULL);
  json_builder_set_member_name (builder, "error");
  if (error != NULL)
    json_builder_add_string_value (builder, error->message);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

int
crm_cli_account_test (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) imap_error = NULL;
  g_autoptr(GError) smtp_error = NULL;
  g_autoptr(CrmAccount) account = NULL;
  CrmSession *session;
  gint64 id = 0;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "account test", NULL, _("Give the id of one mail account."),
                                      &argc, &argv, &id)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(account = crm_account_store_get (crm_account_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);

  if (!crm_account_check_sync (account, &imap_error, &smtp_error, NULL, &error))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_check (builder, "imap", imap_error);
      add_check (builder, "smtp", smtp_error);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
    }
  else
    {
      g_print ("IMAP: %s\n", imap_error ? imap_error->message : _("logged in"));
      g_print ("SMTP: %s\n", smtp_error ? smtp_error->message : _("logged in"));
    }

  return imap_error == NULL && smtp_error == NULL ? CRM_CLI_OK : CRM_CLI_FAILURE;
}

static void
sync_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  /* Translators: progress of an import, on standard error */
  g_printerr (_("%u of %u unread messages\n"), done, total);
}

int
crm_cli_sync (CrmCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSyncResult) result = NULL;
  gint64 account_id = 0;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_INT64, &account_id, N_("The account to read (default: the first)"), N_("ID") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "sync", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  if (account_id == 0)
    {
      g_autoptr(GListModel) accounts = crm_account_store_list (crm_account_store_from_session (session), &error);
      g_autoptr(CrmAccount) first = NULL;

      if (accounts == NULL)
        return crm_cli_fail (cli, error);
      if (g_list_model_get_n_items (accounts) == 0)
        return crm_cli_usage_error (cli, _("There is no mail account yet: add one with “crmctl account add”."));
      first = g_list_model_get_item (accounts, 0);
      account_id = crm_account_get_id (first);
    }

  if (!(result = crm_mail_sync (session, account_id, sync_progress_cb, NULL, NULL, &error)))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "fetched");
      json_builder_add_int_value (builder, result->fetched);
      json_builder_set_member_name (builder, "imported");
      json_builder_add_int_value (builder, result->imported);
      json_builder_set_member_name (builder, "duplicates");
      json_builder_add_int_value (builder, result->duplicates);
      json_builder_set_member_name (builder, "failed");
      json_builder_add_int_value (builder, result->failed);
      json_builder_set_member_name (builder, "failures");
      json_builder_begin_array (builder);
      for (guint i = 0; i < result->failures->len; i++)
        {
          CrmSyncFailure *failure = g_ptr_array_index (result->failures, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "uid");
          json_builder_add_int_value (builder, failure->uid);
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder, failure->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
    }
  else
    g_print (_("Fetched %u: %u imported, %u duplicates, %u failed.\n"),
             result->fetched, result->imported, result->duplicates, result->failed);

  return CRM_CLI_OK;
}
