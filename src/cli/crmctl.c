/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "crm-cli.h"

/* crmctl [--data-dir DIR] [--json] COMMAND [ARGS]: see CRMCTL.md. */

typedef struct
{
  const char        *group;
  const char        *command;
  CrmCliCommandFunc  func;
  const char        *help;
} Command;

static const Command commands[] = {
  { "init", NULL, crm_cli_init, N_("Create or upgrade the database") },
  { "db", "status", crm_cli_db_status, N_("Backend, schema, the mail engine's desktop and the connected desktops") },
  { "db", "migrate", crm_cli_db_migrate, N_("Move a one-desk office's SQLite file into the team's server: --from-sqlite FILE") },
  { "users", "add", crm_cli_users_add, N_("Add a user: --name, --email, --role") },
  { "users", "list", crm_cli_users_list, N_("List the users") },
  { "users", "edit", crm_cli_users_edit, N_("Rename a user, or change their address or role") },
  { "users", "deactivate", crm_cli_users_deactivate, N_("Stop a user working; their history stays") },
  { "users", "reactivate", crm_cli_users_reactivate, N_("Let a deactivated user work again") },
  { "contacts", "add", crm_cli_contacts_add, N_("Add a person or a company") },
  { "contacts", "list", crm_cli_contacts_list, N_("List contacts, or search them") },
  { "contacts", "show", crm_cli_contacts_show, N_("Show a contact with its notes and history") },
  { "contacts", "edit", crm_cli_contacts_edit, N_("Change a contact: only the fields given") },
  { "contacts", "delete", crm_cli_contacts_delete, N_("Delete a contact") },
  { "contacts", "note", crm_cli_contacts_note, N_("Add a note to a contact") },
  { "account", "add", crm_cli_account_add, N_("Add a mail account; the password is read from standard input") },
  { "account", "list", crm_cli_account_list, N_("List the mail accounts") },
  { "account", "test", crm_cli_account_test, N_("Log in to both servers of an account and report each") },
  { "account", "edit", crm_cli_account_edit, N_("Correct an account’s settings; a new password is read from standard input") },
  { "account", "remove", crm_cli_account_remove, N_("Remove a mail account and its password") },
  { "sync", NULL, crm_cli_sync, N_("Import the unread mail of INBOX, once") },
  { "messages", "list", crm_cli_messages_list, N_("List stored mail, newest first") },
  { "messages", "show", crm_cli_messages_show, N_("Show a stored message, or its exact bytes with --raw") },
  { "send", NULL, crm_cli_send, N_("Queue a mail in the outbox") },
  { "outbox", "list", crm_cli_outbox_list, N_("List the outbox") },
  { "outbox", "cancel", crm_cli_outbox_cancel, N_("Cancel a mail while it waits") },
  { "outbox", "run", crm_cli_outbox_run, N_("Send what is due") },
  { "queues", "add", crm_cli_queues_add, N_("Add a ticket queue") },
  { "queues", "list", crm_cli_queues_list, N_("List the ticket queues") },
  { "rules", "add", crm_cli_rules_add, N_("Add a rule for incoming mail: --field, --contains, --queue") },
  { "rules", "list", crm_cli_rules_list, N_("List the rules for incoming mail, in the order they are tried") },
  { "tickets", "list", crm_cli_tickets_list, N_("List tickets, with filters") },
  { "tickets", "show", crm_cli_tickets_show, N_("Show a ticket with its messages and comments") },
  { "tickets", "new", crm_cli_tickets_new, N_("Open a ticket: to an address (sent) or on behalf of a contact") },
  { "tickets", "reply", crm_cli_tickets_reply, N_("Reply to a ticket's client through the outbox") },
  { "tickets", "comment", crm_cli_tickets_comment, N_("Add an internal comment, never sent") },
  { "tickets", "assign", crm_cli_tickets_assign, N_("Give a ticket to a user") },
  { "tickets", "set", crm_cli_tickets_set, N_("Change a ticket's status, queue, priority, category, tags or source") },
  { "tickets", "follow", crm_cli_tickets_follow, N_("Follow a ticket (--as USER), or stop (--stop)") },
  { "tickets", "close", crm_cli_tickets_close, N_("Close a ticket: solved, --as-won, --wont-buy REASON or --spam") },
  { "tickets", "merge", crm_cli_tickets_merge, N_("Merge a ticket into another of the same client: ID --into ID") },
  { "tickets", "forward", crm_cli_tickets_forward,
    N_("Forward a ticket with its history: ID --to ADDRESS --note-file FILE [--with-comments] [--replies-here]") },
  { "tickets", "split", crm_cli_tickets_split, N_("Make a new ticket of one message of a ticket: ID --message ID") },
  { "tickets", "unpin", crm_cli_tickets_unpin, N_("Take the client off a ticket: it is its sender’s address’s again") },
  { "tickets", "print", crm_cli_tickets_print, N_("Write a ticket’s messages as printed pages into a PDF file") },
  { "tickets", "delete", crm_cli_tickets_delete, N_("Delete a ticket (administrators); kept 30 days to restore") },
  { "tickets", "deleted", crm_cli_tickets_deleted, N_("List the tickets deleted in the last 30 days (administrators)") },
  { "tickets", "restore", crm_cli_tickets_restore, N_("Put a deleted ticket back as it was (administrators)") },
  { "tickets", "move", crm_cli_tickets_move, N_("Move a ticket to a queue and give it to a user there (--to)") },
  { "tickets", "link", crm_cli_tickets_link, N_("Link a call or chat to a ticket: ID --activity ID") },
  { "activities", "add", crm_cli_activities_add, N_("Add a call or chat: --kind, --contact or --phone, --at, --note-file") },
  { "activities", "list", crm_cli_activities_list, N_("List calls and chats, newest first; --today: today’s") },
  { "activities", "import", crm_cli_activities_import, N_("Import calls and chats from a PBX’s or a chat’s CSV export") },
  { "activities", "unlink", crm_cli_activities_unlink, N_("Take a call or chat off its ticket") },
  { "reasons", "add", crm_cli_reasons_add, N_("Add a reason why clients do not buy (administrators)") },
  { "reasons", "list", crm_cli_reasons_list, N_("List the reasons offered when a request closes as “won’t buy”") },
  { "reasons", "stats", crm_cli_reasons_stats, N_("How requests ended, by reason and manager: --from, --to") },
  { "projects", "add", crm_cli_projects_add, N_("Make a project from a request: --ticket ID --name NAME") },
  { "projects", "item", crm_cli_projects_item, N_("Add an item to a project: ID --material, --quantity, --price") },
  { "projects", "list", crm_cli_projects_list, N_("List projects with their totals; --ticket: a request’s") },
  { "projects", "show", crm_cli_projects_show, N_("Show a project with its items and total") },
  { "projects", "close", crm_cli_projects_close, N_("Close a project; its request closes with its last one") },
  { "projects", "reopen", crm_cli_projects_reopen, N_("Open a closed project again, and its request with it") },
  { "projects", "spec", crm_cli_projects_spec, N_("Write a project’s specification into a PDF file: ID --pdf FILE") },
  { "shop", "set", crm_cli_shop_set, N_("Set the office’s e-shop (WooCommerce): --url, and this computer’s keys") },
  { "shop", "show", crm_cli_shop_show, N_("Show the office’s e-shop, and whether this computer keeps its keys") },
  { "shop", "last-order", crm_cli_shop_last_order, N_("A client’s last order in the e-shop: --contact ID or --email ADDRESS") },
  { "templates", "add", crm_cli_templates_add, N_("Add a mail template: --name, --body-file (placeholders as {client_name})") },
  { "templates", "list", crm_cli_templates_list, N_("List the office’s mail templates") },
  { "automations", "add", crm_cli_automations_add,
    N_("Add an automation, inactive: --module, --name, --status or --view, [--only-new] [--one-time] [--catch-up]") },
  { "automations", "step", crm_cli_automations_step,
    N_("Append a step: ID --kind, --delay-days, [--at-time HH:MM] [--weekdays] --template or --title") },
  { "automations", "move-step", crm_cli_automations_move_step, N_("Move a step to another place: ID --step S --to POSITION") },
  { "automations", "remove-step", crm_cli_automations_remove_step, N_("Remove a step: ID --step S") },
  { "automations", "list", crm_cli_automations_list, N_("List the automations, active and inactive; --module") },
  { "automations", "show", crm_cli_automations_show, N_("Show an automation with its steps and version") },
  { "automations", "activate", crm_cli_automations_activate, N_("Activate an automation, or let a paused one go on") },
  { "automations", "deactivate", crm_cli_automations_deactivate, N_("Deactivate an automation: its waiting steps are skipped") },
  { "automations", "simulate", crm_cli_automations_simulate,
    N_("What an automation would do over the next days (--days N), and to whom; sends nothing") },
  { "automations", "runs", crm_cli_automations_runs, N_("An automation’s log: every step waiting, done, skipped or failed") },
  { "scheduler", "run", crm_cli_scheduler_run, N_("Do every automation step due now, once, and exit") },
  { "settings", "time-zone", crm_cli_settings_time_zone, N_("Show or set the office’s time zone: [ZONE]") },
  { "settings", "automation-daily-cap", crm_cli_settings_daily_cap,
    N_("Show or set the most automated mails one recipient gets a day: [N]") },
  { "settings", "forms-server", crm_cli_settings_forms_server,
    N_("Show or set the referral forms’ server: [on|off] --listen, --public, --trusted-proxy") },
  { "tasks", "add", crm_cli_tasks_add, N_("Add a task for a user: --user, --title, --due, and --record MODULE:ID") },
  { "tasks", "list", crm_cli_tasks_list, N_("List tasks, open first by due time; --user, --open") },
  { "tasks", "show", crm_cli_tasks_show, N_("Show a task with its history") },
  { "tasks", "done", crm_cli_tasks_done, N_("Mark a task done") },
  { "tasks", "undone", crm_cli_tasks_undone, N_("Mark a task done by mistake as not done") },
  { "undo", NULL, crm_cli_undo, N_("Undo your last change to a ticket: assign, close, move, unpin, merge, split, delete, link") },
  { "statuses", "add", crm_cli_statuses_add, N_("Add the office's own ticket status: NAME --kind KIND") },
  { "statuses", "list", crm_cli_statuses_list, N_("List the ticket statuses, in their order") },
  { "categories", "add", crm_cli_categories_add, N_("Add a ticket category") },
  { "categories", "list", crm_cli_categories_list, N_("List the ticket categories") },
  { "offers", "add", crm_cli_offers_add, N_("Add an offer; it is matched against the searches") },
  { "offers", "import", crm_cli_offers_import, N_("Import offers from a CSV file, all or none") },
  { "offers", "list", crm_cli_offers_list, N_("List offers, newest first") },
  { "offers", "show", crm_cli_offers_show, N_("Show an offer with its history") },
  { "offers", "language", crm_cli_offers_language, N_("Show or set the language of mail to clients without their own") },
  { "searches", "add", crm_cli_searches_add, N_("Add a client’s search") },
  { "searches", "list", crm_cli_searches_list, N_("List searches, or with --stale those not updated for 30 days") },
  { "searches", "show", crm_cli_searches_show, N_("Show a search with its history") },
  { "searches", "bump", crm_cli_searches_bump, N_("Bump the update date of searches") },
  { "matches", "list", crm_cli_matches_list, N_("List mails with offers; --pending: the Emails to send box") },
  { "matches", "send", crm_cli_matches_send, N_("Send prepared mails with offers") },
  { "matches", "present", crm_cli_matches_present, N_("Send offers picked by hand to a search’s client") },
  { "matches", "for-search", crm_cli_matches_for_search, N_("The offers that fit a search, and why") },
  { "matches", "for-offer", crm_cli_matches_for_offer, N_("The searches an offer fits, and why") },
  { "matches", "show", crm_cli_matches_show, N_("Show a mail with offers and the message sent; --raw: its bytes") },
  { "views", "add", crm_cli_views_add,
    N_("Save a view of a list: --module, --name, [--private], and the list’s filter flags") },
  { "views", "list", crm_cli_views_list, N_("List the saved views; --as USER: those the user has") },
  { "views", "show", crm_cli_views_show, N_("Show a saved view and its filter") },
  { "views", "records", crm_cli_views_records, N_("The records a saved view selects now, in id order") },
  { "views", "rename", crm_cli_views_rename, N_("Rename a saved view: ID --name NAME") },
  { "views", "delete", crm_cli_views_delete, N_("Delete a saved view") },
  { "investments", "add", crm_cli_investments_add, N_("Add an investment the referral forms offer: NAME") },
  { "investments", "list", crm_cli_investments_list, N_("List the investments") },
  { "forms", "add", crm_cli_forms_add,
    N_("Make a broker’s referral form: --name, --broker-name, --broker-email [--broker-phone] [--expires]; its link") },
  { "forms", "list", crm_cli_forms_list, N_("List the brokers’ referral forms, revoked ones too") },
  { "forms", "url", crm_cli_forms_url, N_("The link of a form to hand to its broker") },
  { "forms", "revoke", crm_cli_forms_revoke, N_("Revoke a form: its link answers 410 from now on") },
  { "forms", "key", crm_cli_forms_key, N_("Share the forms’ signing key between computers: export | import (stdin)") },
  { "referrals", "list", crm_cli_referrals_list,
    N_("List referrals, newest first: --status, --investment, --source, --from, --to, --search") },
  { "referrals", "counts", crm_cli_referrals_counts, N_("How many referrals there are of each status") },
  { "referrals", "show", crm_cli_referrals_show, N_("Show a referral with its documents, messages and similar records") },
  { "referrals", "accept", crm_cli_referrals_accept,
    N_("Accept a referral: ID --comment-file F [--contact ID]; the broker is mailed") },
  { "referrals", "reject", crm_cli_referrals_reject, N_("Reject a referral: ID --comment-file F; the broker is mailed") },
  { "referrals", "message", crm_cli_referrals_message, N_("Write to a referral’s broker: ID --body-file F") },
  { "referrals", "reveal", crm_cli_referrals_reveal, N_("Show a referral’s PESEL and ID card number; the audit says who") },
  { "referrals", "purge", crm_cli_referrals_purge, N_("Purge the rejected referrals kept longer than the office’s retention") },
  { "settings", "referral-retention-days", crm_cli_settings_referral_retention,
    N_("Show or set how many days rejected referrals are kept: [DAYS]") },
  { "settings", "referral-forms-url", crm_cli_settings_referral_forms_url,
    N_("Show or set the referral forms’ public address: [URL]") },
  { "settings", "referral-identifier", crm_cli_settings_referral_identifier,
    N_("Show or set what the referral forms ask for: [pesel|id-card|both]") },
  { "dashboard", NULL, crm_cli_dashboard,
    N_("The managers’ dashboard’s figures: [--from D] [--to D] (this month) [--user U] [--queue Q]") },
  { "serve", NULL, crm_cli_serve, N_("Run the mail engine without a window until stopped (SIGTERM); --http: serve the referral forms") },
  { "demo", NULL, crm_cli_demo, N_("Add synthetic data for trying out and benchmarks") },
};

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage: crmctl [--data-dir DIR | --database URI] [--json] COMMAND [ARGS]"));
  g_print ("%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *name = g_strjoin (" ", commands[i].group, commands[i].command, NULL);

      g_print ("  %-18s %s\n", name, _(commands[i].help));
    }
  g_print ("\n%s\n", _("Each command takes --help. The data directory is --data-dir, "
                       "else $CRM_DATA_DIR, else $XDG_DATA_HOME/org.example.Crm. A team's database on a "
                       "PostgreSQL server is --database postgresql://user@host:port/database, else "
                       "$CRM_DATABASE; its password comes from $PGPASSWORD or ~/.pgpass."));
}

int
main (int   argc,
      char *argv[])
{
  CrmCli cli = { 0 };
  const char *group;
  const char *command = NULL;
  int first = 1;
  int status = CRM_CLI_USAGE;
  gboolean found_group = FALSE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("crmctl");
  crm_init ();

  /* global options, before the command */
  while (first < argc && g_str_has_prefix (argv[first], "-"))
    {
      const char *arg = argv[first];

      if (g_str_equal (arg, "--json"))
        cli.json = TRUE;
      else if (g_str_equal (arg, "--data-dir") && first + 1 < argc)
        {
          g_free (cli.data_dir);
          cli.data_dir = g_strdup (argv[++first]);
        }
      else if (g_str_has_prefix (arg, "--data-dir="))
        {
          g_free (cli.data_dir);
          cli.data_dir = g_strdup (arg + strlen ("--data-dir="));
        }
      else if (g_str_equal (arg, "--database") && first + 1 < argc)
        {
          g_free (cli.database);
          cli.database = g_strdup (argv[++first]);
        }
      else if (g_str_has_prefix (arg, "--database="))
        {
          g_free (cli.database);
          cli.database = g_strdup (arg + strlen ("--database="));
        }
      else if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_help ();
          g_free (cli.data_dir);
          g_free (cli.database);
          return CRM_CLI_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("crmctl %s\n", PACKAGE_VERSION);
          g_free (cli.data_dir);
          g_free (cli.database);
          return CRM_CLI_OK;
        }
      else
        {
          status = crm_cli_usage_error (&cli, _("Unknown option “%s”; see crmctl --help."), arg);
          goto out;
        }
      first++;
    }

  if (first >= argc)
    {
      status = crm_cli_usage_error (&cli, _("Give a command; see crmctl --help."));
      goto out;
    }

  group = argv[first];
  if (first + 1 < argc)
    command = argv[first + 1];

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (!g_str_equal (commands[i].group, group))
        continue;
      found_group = TRUE;

      if (commands[i].command == NULL)
        {
          /* the command's argv[0] is its own name */
          status = commands[i].func (&cli, argc - first, argv + first);
          goto out;
        }
      if (command != NULL && g_str_equal (commands[i].command, command))
        {
          status = commands[i].func (&cli, argc - first - 1, argv + first + 1);
          goto out;
        }
    }

  if (found_group && command == NULL)
    status = crm_cli_usage_error (&cli, _("“%s” needs a subcommand; see crmctl --help."), group);
  else if (found_group)
    status = crm_cli_usage_error (&cli, _("Unknown command “%s %s”; see crmctl --help."), group, command);
  else
    status = crm_cli_usage_error (&cli, _("Unknown command “%s”; see crmctl --help."), group);

out:
  g_clear_object (&cli.session);
  g_free (cli.data_dir);
  g_free (cli.database);

  return status;
}
