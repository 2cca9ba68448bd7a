/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"
#include "crm-demo.h"
#include "crm-contact-store.h"
#include "crm-user-store.h"

/* crmctl init, users add|list|edit|deactivate|reactivate, demo */

int
crm_cli_init (CrmCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session;

  if (!crm_cli_parse (cli, "init", NULL, NULL, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc > 1)
    return crm_cli_usage_error (cli, _("“init” takes no arguments."));

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, crm_session_get_path (session));
      json_builder_set_member_name (builder, "schema_version");
      json_builder_add_int_value (builder, crm_database_get_schema_version (crm_session_get_database (session)));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
    }
  else
    /* Translators: %s is a file, %d the version of its tables */
    g_print (_("Database %s is ready (schema %d).\n"),
             crm_session_get_path (session), crm_database_get_schema_version (crm_session_get_database (session)));

  return CRM_CLI_OK;
}

int
crm_cli_users_add (CrmCli  *cli,
                   int      argc,
                   char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *role_text = NULL;
  g_autofree char *login = NULL;
  g_autofree char *password = NULL;
  gboolean password_stdin = FALSE;
  CrmRole role = CRM_ROLE_AGENT;
  CrmSession *session;
  gint64 id;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The user’s full name"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The user’s e-mail address"), N_("ADDRESS") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("admin, manager or agent"), N_("ROLE") },
    { "login", 0, 0, G_OPTION_ARG_STRING, &login,
      N_("On the team’s database: the login the user connects as (a role of the server’s)"), N_("LOGIN") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("With --login: read the login’s password from standard input"), NULL },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "users add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (name == NULL)
    return crm_cli_usage_error (cli, _("Give the user’s name with --name."));
  if (email == NULL)
    return crm_cli_usage_error (cli, _("Give the user’s e-mail address with --email."));
  if (role_text != NULL && !crm_role_from_string (role_text, &role))
    return crm_cli_usage_error (cli, _("“%s” is not a role: use admin, manager or agent."), role_text);

  if (password_stdin && login == NULL)
    return crm_cli_usage_error (cli, _("A password is for a login: give --login too."));
  if (password_stdin && !(password = crm_cli_read_password (&error)))
    return crm_cli_fail (cli, error);

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  if (!(id = crm_user_store_add (crm_user_store_from_session (session), name, email, role, &error)))
    return crm_cli_fail (cli, error);
  /* the user is there either way; the login can be given again */
  if (login != NULL && !crm_user_store_set_login (crm_user_store_from_session (session), id, login, password, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_users_list (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) users = NULL;
  CrmSession *session;
  guint n;

  if ((status = crm_cli_parse_no_args (cli, "users list", NULL, &argc, &argv)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(users = crm_user_store_list (crm_user_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  n = g_list_model_get_n_items (users);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CrmUser) user = g_list_model_get_item (users, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, crm_user_get_id (user));
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, crm_user_get_name (user));
          json_builder_set_member_name (builder, "email");
          json_builder_add_string_value (builder, crm_user_get_email (user));
          json_builder_set_member_name (builder, "role");
          json_builder_add_string_value (builder, crm_role_to_string (crm_user_get_role (user)));
          json_builder_set_member_name (builder, "active");
          json_builder_add_boolean_value (builder, crm_user_get_active (user));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
      return CRM_CLI_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmUser) user = g_list_model_get_item (users, i);

      g_print ("%6" G_GINT64_FORMAT "  %-30s  %-30s  %s%s\n",
               crm_user_get_id (user), crm_user_get_name (user), crm_user_get_email (user),
               crm_role_get_label (crm_user_get_role (user)),
               crm_user_get_active (user) ? "" : _("  (deactivated)"));
    }
  if (n == 0)
    g_print (_("No users yet: add one with “crmctl users add”.\n"));

  return CRM_CLI_OK;
}

int
crm_cli_users_edit (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *role_text = NULL;
  CrmRole role;
  CrmSession *session;
  gint64 id;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The user’s full name"), N_("NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The user’s e-mail address"), N_("ADDRESS") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("admin, manager or agent"), N_("ROLE") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "users edit", entries, _("Give the user’s id."),
                                      &argc, &argv, &id)) != CRM_CLI_OK)
    return status;
  if (name == NULL && email == NULL && role_text == NULL)
    return crm_cli_usage_error (cli, _("Say what to change: --name, --email or --role."));
  if (role_text != NULL && !crm_role_from_string (role_text, &role))
    return crm_cli_usage_error (cli, _("“%s” is not a role: use admin, manager or agent."), role_text);

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(user = crm_user_store_get (crm_user_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);
  if (role_text == NULL)
    role = crm_user_get_role (user);

  if (!crm_user_store_update (crm_user_store_from_session (session), id, name ? name : crm_user_get_name (user),
                              email ? email : crm_user_get_email (user), role, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

static int
set_active (CrmCli      *cli,
            const char  *command,
            gboolean     active,
            int          argc,
            char       **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  CrmSession *session;
  gint64 id;

  if ((status = crm_cli_parse_one_id (cli, command, NULL, _("Give the user’s id."),
                                      &argc, &argv, &id)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_user_store_set_active (crm_user_store_from_session (session), id, active, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_users_deactivate (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  return set_active (cli, "users deactivate", FALSE, argc, argv);
}

int
crm_cli_users_reactivate (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  return set_active (cli, "users reactivate", TRUE, argc, argv);
}

int
crm_cli_demo (CrmCli  *cli,
              int      argc,
              char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  int contacts = -1;
  int tickets = 0;
  int messages = -1;
  int offers = 0;
  int searches = 0;
  int seed = 1;
  gint64 start;
  double seconds;
  CrmSession *session;
  const GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT, &contacts, N_("How many contacts to add (default 1000, or none with --tickets)"), N_("N") },
    { "tickets", 0, 0, G_OPTION_ARG_INT, &tickets, N_("How many tickets to add"), N_("N") },
    { "messages", 0, 0, G_OPTION_ARG_INT, &messages, N_("How many messages to spread over the tickets (default ten each)"), N_("N") },
    { "offers", 0, 0, G_OPTION_ARG_INT, &offers, N_("How many property offers to add"), N_("N") },
    { "searches", 0, 0, G_OPTION_ARG_INT, &searches, N_("How many clients’ searches to add"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed of the generator: the same seed, the same data"), N_("S") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "demo", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (offers < 0 || offers > 10000000 || searches < 0 || searches > 10000000)
    return crm_cli_usage_error (cli, _("--offers and --searches take a number up to 10,000,000."));
  if (messages == -1)
    messages = tickets * 10;
  if (contacts < -1 || contacts > 10000000)
    return crm_cli_usage_error (cli, _("--contacts takes a number from 0 to 10,000,000."));
  if (tickets < 0 || tickets > 10000000 || messages < 0 || messages > 100000000)
    return crm_cli_usage_error (cli, _("--tickets takes a number up to 10,000,000 and --messages up to 100,000,000."));
  if (messages > 0 && tickets == 0)
    return crm_cli_usage_error (cli, _("--messages needs --tickets to put them in."));

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  /* searches and offers need clients and agents: the first time, make them */
  if (contacts == -1)
    contacts = tickets > 0 || ((offers > 0 || searches > 0) && crm_contact_store_count (crm_contact_store_from_session (session)) > 0) ? 0 : 1000;

  start = g_get_monotonic_time ();
  if (!crm_demo_generate_contacts (session, contacts, seed, &error) ||
      (tickets > 0 && !crm_demo_generate_tickets (session, tickets, messages, seed, &error)) ||
      (searches > 0 && !crm_demo_generate_searches (session, searches, seed, &error)) ||
      (offers > 0 && !crm_demo_generate_offers (session, offers, seed, &error)))
    return crm_cli_fail (cli, error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "contacts");
      json_builder_add_int_value (builder, contacts);
      json_builder_set_member_name (builder, "tickets");
      json_builder_add_int_value (builder, tickets);
      json_builder_set_member_name (builder, "messages");
      json_builder_add_int_value (builder, messages);
      json_builder_set_member_name (builder, "offers");
      json_builder_add_int_value (builder, offers);
      json_builder_set_member_name (builder, "searches");
      json_builder_add_int_value (builder, searches);
      json_builder_set_member_name (builder, "total_contacts");
      json_builder_add_int_value (builder, crm_contact_store_count (crm_contact_store_from_session (session)));
      json_builder_set_member_name (builder, "seconds");
      json_builder_add_double_value (builder, seconds);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
    }
  else
    {
      if (offers > 0 || searches > 0)
        g_print (_("Added %d offers and %d searches in %.2f s.\n"), offers, searches, seconds);
      else if (tickets > 0)
        g_print (ngettext ("Added %d ticket with %d messages and %d contacts in %.2f s.\n",
                           "Added %d tickets with %d messages and %d contacts in %.2f s.\n", tickets),
                 tickets, messages, contacts, seconds);
      else
        g_print (ngettext ("Added %d contact in %.2f s.\n", "Added %d contacts in %.2f s.\n", contacts),
                 contacts, seconds);
    }

  return CRM_CLI_OK;
}
