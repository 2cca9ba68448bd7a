/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "crm-cli.h"

/* crmctl serve: the engine without a window, until SIGTERM. */

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

int
crm_cli_serve (CrmCli  *cli,
               int      argc,
               char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmMailEngine) engine = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  gint poll_interval = 60;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "poll-interval", 0, 0, G_OPTION_ARG_INT, &poll_interval,
      N_("How often to look for mail on servers without IDLE (default: 60)"), N_("SECONDS") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "serve", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (poll_interval < 1)
    return crm_cli_usage_error (cli, _("--poll-interval must be at least one second."));

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  loop = g_main_loop_new (NULL, FALSE);
  engine = crm_mail_engine_new (session, "crmctl serve");
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
  crm_mail_engine_stop (engine);

  return CRM_CLI_OK;
}
