/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-cli.h"

/* crmctl settings forms-server: the office's settings of the referral
 * forms' server, which the office's engine follows when it starts. */

static void
print_settings (CrmCli                *cli,
                const CrmFormSettings *settings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *listen_text = strchr (settings->address, ':') != NULL
                                   ? g_strdup_printf ("[%s]:%u", settings->address, settings->port)
                                   : g_strdup_printf ("%s:%u", settings->address, settings->port);

  if (!cli->json)
    {
      g_print ("%s %s%s\n", settings->enabled ? "on" : "off", listen_text,
               settings->public_address ? " public" : "");
      if (settings->trusted_proxy != NULL)
        /* Translators: the reverse proxy's IP address follows */
        g_print (_("trusted proxy: %s\n"), settings->trusted_proxy);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, settings->enabled);
  json_builder_set_member_name (builder, "listen");
  json_builder_add_string_value (builder, listen_text);
  json_builder_set_member_name (builder, "public");
  json_builder_add_boolean_value (builder, settings->public_address);
  crm_cli_add_nullable (builder, "trusted_proxy", settings->trusted_proxy);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);
}

int
crm_cli_settings_forms_server (CrmCli  *cli,
                               int      argc,
                               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFormSettings) settings = NULL;
  g_autofree char *listen_text = NULL;
  g_autofree char *proxy = NULL;
  gboolean public_address = FALSE;
  gboolean loopback = FALSE;
  gboolean no_proxy = FALSE;
  gboolean changed = FALSE;
  CrmSession *session;
  const GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen_text,
      N_("The address and port to listen on (default: 127.0.0.1:8088)"), N_("ADDRESS:PORT") },
    { "public", 0, 0, G_OPTION_ARG_NONE, &public_address,
      N_("Allow an address other computers reach (meant for a reverse proxy elsewhere)"), NULL },
    { "loopback-only", 0, 0, G_OPTION_ARG_NONE, &loopback, N_("Allow only this computer’s own addresses"), NULL },
    { "trusted-proxy", 0, 0, G_OPTION_ARG_STRING, &proxy,
      N_("The reverse proxy whose X-Forwarded-For is believed"), N_("IP") },
    { "no-trusted-proxy", 0, 0, G_OPTION_ARG_NONE, &no_proxy, N_("Believe no X-Forwarded-For"), NULL },
    { NULL }
  };

  if (!crm_cli_parse (cli, "settings forms-server", _("[on|off]"), entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc > 2)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[2]);
  if (argc == 2 && !g_str_equal (argv[1], "on") && !g_str_equal (argv[1], "off"))
    return crm_cli_usage_error (cli, _("Say on or off: “%s”."), argv[1]);
  if (public_address && loopback)
    return crm_cli_usage_error (cli, _("Give --public or --loopback-only, not both."));
  if (proxy != NULL && no_proxy)
    return crm_cli_usage_error (cli, _("Give --trusted-proxy or --no-trusted-proxy, not both."));

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  settings = crm_form_settings_load (session);

  if (argc == 2)
    {
      settings->enabled = g_str_equal (argv[1], "on");
      changed = TRUE;
    }
  if (listen_text != NULL)
    {
      g_clear_pointer (&settings->address, g_free);
      if (!crm_form_settings_parse_listen (listen_text, &settings->address, &settings->port, &error))
        return crm_cli_fail (cli, error);
      changed = TRUE;
    }
  if (public_address || loopback)
    {
      settings->public_address = public_address;
      changed = TRUE;
    }
  if (proxy != NULL || no_proxy)
    {
      g_free (settings->trusted_proxy);
      settings->trusted_proxy = g_steal_pointer (&proxy);
      changed = TRUE;
    }
  if (changed && !crm_form_settings_save (settings, session, &error))
    return crm_cli_fail (cli, error);

  print_settings (cli, settings);

  return CRM_CLI_OK;
}
