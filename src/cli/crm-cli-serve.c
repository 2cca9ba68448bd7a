/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib-unix.h>
#include <glib/gi18n.h>

#include "crm-cli.h"

/* crmctl serve: the engine without a window, until SIGTERM; with
 * --http, it serves the referral forms there whatever the office's
 * settings say (loopback only, unless --http-public). */

typedef struct
{
  GMainLoop *loop;
  int        status;
} Serving;

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);

  return G_SOURCE_REMOVE;
}

static void
state_cb (CrmMailEngine *engine,
          GParamSpec    *pspec,
          gpointer       user_data)
{
  switch (crm_mail_engine_get_state (engine))
    {
    case CRM_MAIL_STATE_CONNECTING:
      g_printerr ("%s\n", _("Connecting to the mail server…"));
      break;
    case CRM_MAIL_STATE_SYNCING:
      g_printerr ("%s\n", _("Importing new mail…"));
      break;
    case CRM_MAIL_STATE_WAITING:
      g_printerr ("%s\n", _("Up to date; waiting for new mail."));
      break;
    case CRM_MAIL_STATE_OFFLINE:
      /* Translators: the reason, e.g. the server's words */
      g_printerr (_("Mail cannot be read now: %s. Trying again later.\n"),
                  crm_mail_engine_get_error_message (engine));
      break;
    case CRM_MAIL_STATE_NO_ACCOUNT:
      g_printerr ("%s\n", _("There is no mail account yet: add one with “crmctl account add”."));
      break;
    case CRM_MAIL_STATE_STOPPED:
    default:
      break;
    }
}

static void
synced_cb (CrmMailEngine *engine,
           gint64         account_id,
           guint          imported,
           gpointer       user_data)
{
  if (imported > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u new message\n", "%u new messages\n", imported), imported);
}

static void
forms_port_cb (CrmEngineForms *forms,
               GParamSpec     *pspec,
               gpointer        user_data)
{
  CrmFormSettings *settings = user_data;
  guint port = crm_engine_forms_get_port (forms);

  if (port == 0)
    return;
  /* Translators: where the referral forms are served, e.g. http://127.0.0.1:8088 */
  g_printerr (_("Serving the referral forms at http://%s%s%s:%u/f/…\n"),
              strchr (settings->address, ':') != NULL ? "[" : "", settings->address,
              strchr (settings->address, ':') != NULL ? "]" : "", port);
}

static void
forms_problem_cb (CrmEngineForms *forms,
                  GParamSpec     *pspec,
                  gpointer        user_data)
{
  Serving *serving = user_data;
  const char *problem = crm_engine_forms_get_problem (forms);

  if (problem == NULL)
    return;
  /* Translators: the reason follows */
  g_printerr (_("The referral forms cannot be served: %s\n"), problem);
  serving->status = CRM_CLI_FAILURE;
  g_main_loop_quit (serving->loop);
}

int
crm_cli_serve (CrmCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmMailEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(CrmFormSettings) forms = NULL;
  g_autofree char *http = NULL;
  g_autofree char *locale_dir = NULL;
  gboolean http_public = FALSE;
  gint poll_interval = 60;
  CrmSession *session;
  Serving serving = { NULL, CRM_CLI_OK };
  int status;
  const GOptionEntry entries[] = {
    { "poll-interval", 0, 0, G_OPTION_ARG_INT, &poll_interval,
      N_("How often to look for mail on servers without IDLE (default: 60)"), N_("SECONDS") },
    { "http", 0, 0, G_OPTION_ARG_STRING, &http,
      N_("Serve the referral forms on this address, e.g. 127.0.0.1:8088"), N_("ADDRESS:PORT") },
    { "http-public", 0, 0, G_OPTION_ARG_NONE, &http_public,
      N_("Let --http be an address other computers reach, not only this computer’s own"), NULL },
    { "locale-dir", 0, 0, G_OPTION_ARG_FILENAME, &locale_dir,
      N_("Read the translations from this directory (a build tree’s po/); default: the installed ones"),
      N_("DIR") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "serve", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (poll_interval < 1)
    return crm_cli_usage_error (cli, _("--poll-interval must be at least one second."));
  if (http_public && http == NULL)
    return crm_cli_usage_error (cli, _("--http-public goes with --http ADDRESS:PORT."));
  if (locale_dir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, locale_dir);

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  if (http != NULL)
    {
      forms = crm_form_settings_load (session);
      g_clear_pointer (&forms->address, g_free);
      if (!crm_form_settings_parse_listen (http, &forms->address, &forms->port, &error))
        return crm_cli_usage_error (cli, "%s", error->message);
      forms->enabled = TRUE;
      forms->public_address = http_public;
      if (!crm_form_settings_check (forms, &error))
        return crm_cli_usage_error (cli, "%s", error->message);
    }

  loop = g_main_loop_new (NULL, FALSE);
  serving.loop = loop;
  engine = crm_mail_engine_new (session, "crmctl serve");
  if (forms != NULL)
    {
      CrmEngineForms *engine_forms = crm_mail_engine_get_forms (engine);

      crm_engine_forms_set_override (engine_forms, forms);
      g_signal_connect (engine_forms, "notify::port", G_CALLBACK (forms_port_cb), forms);
    }
  g_signal_connect (crm_mail_engine_get_forms (engine), "notify::problem", G_CALLBACK (forms_problem_cb), &serving);
  crm_mail_engine_set_poll_interval (engine, (guint) poll_interval);
  g_signal_connect (engine, "notify::state", G_CALLBACK (state_cb), NULL);
  g_signal_connect (engine, "synced", G_CALLBACK (synced_cb), NULL);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);

  /* another engine at work is a failure to run, not bad usage; on the
   * team's server this one stands by and takes over when it goes */
  if (!crm_mail_engine_start_or_stand_by (engine, &error))
    {
      if (!crm_mail_engine_get_standing_by (engine))
        {
          g_printerr ("crmctl: %s\n", error->message);
          return CRM_CLI_FAILURE;
        }
      /* Translators: the reason follows: which engine works, where */
      g_printerr (_("Standing by: %s\n"), error->message);
    }

  g_main_loop_run (loop);

  /* waits for a message being sent, and gives the lock back */
  g_signal_handlers_disconnect_by_data (crm_mail_engine_get_forms (engine), &serving);
  g_signal_handlers_disconnect_by_data (crm_mail_engine_get_forms (engine), forms);
  crm_mail_engine_stop (engine);

  return serving.status;
}
