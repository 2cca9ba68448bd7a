/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"

/* Closing tickets and requests with an outcome, the office's reasons
 * and their statistics, moving a ticket to a queue, and undo
 * (CRMCTL.md, "More ticket and request operations"). */

/* Says what an operation left to undo. */
static void
print_step (CrmCli *cli,
            gint64  step)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (!cli->json)
    return;
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "undo_step");
  json_builder_add_int_value (builder, step);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);
}

/* A command on one ticket, done --as a user, that leaves an undo step
 * ("tickets unpin", "tickets delete"). */
typedef gint64 (*TicketStepFunc) (CrmTicketStore  *store,
                                  gint64           ticket_id,
                                  GError         **error);

static int
run_ticket_step (CrmCli         *cli,
                 int             argc,
                 char          **argv,
                 const char     *command,
                 const char     *as_help,
                 TicketStepFunc  func)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 ticket_id, user_id, step;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, as_help, N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, command, entries, _("Give the ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(step = func (crm_ticket_store_from_session (session), ticket_id, &error)))
    return crm_cli_fail (cli, error);
  print_step (cli, step);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_close (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  g_autofree char *wont_buy = NULL;
  gboolean won = FALSE, spam = FALSE, block = FALSE;
  CrmTicketOutcome outcome = CRM_TICKET_OUTCOME_SOLVED;
  CrmSession *session;
  gint64 ticket_id, user_id, step;
  int status;
  const GOptionEntry entries[] = {
    { "as-won", 0, 0, G_OPTION_ARG_NONE, &won, N_("The request ended in a sale"), NULL },
    { "wont-buy", 0, 0, G_OPTION_ARG_STRING, &wont_buy, N_("The client won’t buy, for one of the office’s reasons"),
      N_("REASON") },
    { "spam", 0, 0, G_OPTION_ARG_NONE, &spam, N_("It is spam"), NULL },
    { "block-sender", 0, 0, G_OPTION_ARG_NONE, &block,
      N_("With --spam: the sender’s later mail goes to the automatic mail, never to a ticket"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who closes it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets close", entries, _("Give the ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (won + spam + (wont_buy != NULL) > 1)
    return crm_cli_usage_error (cli, _("Give one of --as-won, --wont-buy and --spam."));
  if (block && !spam)
    return crm_cli_usage_error (cli, _("--block-sender goes with --spam."));
  if (won)
    outcome = CRM_TICKET_OUTCOME_WON;
  else if (wont_buy != NULL)
    outcome = CRM_TICKET_OUTCOME_WONT_BUY;
  else if (spam)
    outcome = CRM_TICKET_OUTCOME_SPAM;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(step = crm_ticket_store_close (crm_ticket_store_from_session (session), ticket_id, outcome, wont_buy, block,
                                       &error)))
    return crm_cli_fail (cli, error);
  print_step (cli, step);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_move (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autofree char *as = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *to = NULL;
  CrmSession *session;
  gint64 ticket_id, user_id, step;
  int status;
  const GOptionEntry entries[] = {
    { "queue", 0, 0, G_OPTION_ARG_STRING, &queue, N_("The queue it goes to (required)"), N_("QUEUE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Who takes it there; without it, nobody"), N_("USER") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who moves it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets move", entries, _("Give the ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (queue == NULL)
    return crm_cli_usage_error (cli, _("Say which queue with --queue."));

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      (to != NULL && !(user = crm_user_store_find_active (crm_user_store_from_session (session), to, &error))) ||
      !(step = crm_ticket_store_move (crm_ticket_store_from_session (session), ticket_id, queue,
                                      user != NULL ? crm_user_get_id (user) : 0, &error)))
    return crm_cli_fail (cli, error);
  print_step (cli, step);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_merge (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  g_autofree char *into = NULL;
  gboolean notify = FALSE;
  CrmSession *session;
  gint64 ticket_id, into_id, user_id, step;
  int status;
  const GOptionEntry entries[] = {
    { "into", 0, 0, G_OPTION_ARG_STRING, &into, N_("The ticket that holds both from now (required)"), N_("ID") },
    { "notify-client", 0, 0, G_OPTION_ARG_NONE, &notify, N_("Tell the client by mail, through the outbox"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who merges them"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets merge", entries, _("Give the number of the ticket to merge."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (into == NULL)
    return crm_cli_usage_error (cli, _("Say which ticket it goes into with --into."));
  if (!crm_cli_parse_id (into, &into_id, &error))
    return crm_cli_fail (cli, error);

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(step = crm_ticket_store_merge (crm_ticket_store_from_session (session), ticket_id, into_id, notify, &error)))
    return crm_cli_fail (cli, error);
  print_step (cli, step);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_forward (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) to = NULL;
  g_autofree char *note_file = NULL;
  g_autofree char *note = NULL;
  g_autofree char *as = NULL;
  gboolean with_comments = FALSE;
  gboolean replies_here = FALSE;
  CrmSession *session;
  gint64 ticket_id, user_id, due, outbox_id;
  int delay = -1;
  int status;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING_ARRAY, &to, N_("An address to forward it to (repeatable, at most 30)"),
      N_("ADDRESS") },
    { "note-file", 0, 0, G_OPTION_ARG_FILENAME, &note_file, N_("The note above the ticket, in UTF-8 (required)"),
      N_("FILE") },
    { "with-comments", 0, 0, G_OPTION_ARG_NONE, &with_comments, N_("Include the internal comments"), NULL },
    { "replies-here", 0, 0, G_OPTION_ARG_NONE, &replies_here,
      N_("Answers come back into the ticket, rather than to the user who forwards it"), NULL },
    { "delay", 0, 0, G_OPTION_ARG_INT, &delay, N_("Seconds to wait before sending (the undo window)"), N_("SECONDS") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who forwards it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets forward", entries, _("Give the ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (to == NULL || to[0] == NULL)
    return crm_cli_usage_error (cli, _("Say whom to forward the ticket to with --to."));
  if (note_file == NULL)
    return crm_cli_usage_error (cli, _("Give the note with --note-file."));
  if ((status = crm_cli_read_text (cli, note_file, &note)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !crm_cli_due (session, delay, NULL, &due, &error) ||
      !(outbox_id = crm_ticket_store_forward (crm_ticket_store_from_session (session), ticket_id,
                                              (const char * const *) to, note, with_comments, replies_here, due,
                                              &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, outbox_id);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_split (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) messages = NULL;
  g_autofree char *as = NULL;
  g_autofree char *message = NULL;
  CrmSession *session;
  gint64 ticket_id, message_id, user_id, made = 0;
  gboolean found = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "message", 0, 0, G_OPTION_ARG_STRING, &message, N_("The message that becomes a ticket of its own (required)"),
      N_("ID") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who splits it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets split", entries, _("Give the ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (message == NULL)
    return crm_cli_usage_error (cli, _("Say which message with --message."));
  if (!crm_cli_parse_id (message, &message_id, &error))
    return crm_cli_fail (cli, error);

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(messages = crm_ticket_store_list_messages (crm_ticket_store_from_session (session), ticket_id, &error)))
    return crm_cli_fail (cli, error);
  for (guint i = 0; i < messages->len; i++)
    found |= g_array_index (messages, gint64, i) == message_id;
  if (!found)
    return crm_cli_usage_error (cli, _("Message %lld is not in ticket #%lld."), (long long) message_id,
                                (long long) ticket_id);
  if (!crm_ticket_store_split (crm_ticket_store_from_session (session), message_id, &made, &error))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, made);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_unpin (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  return run_ticket_step (cli, argc, argv, "tickets unpin", N_("The user who unpins it"), crm_ticket_store_unpin);
}

int
crm_cli_tickets_print (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CrmTicketPrint) print = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *pdf = NULL;
  gboolean marker = FALSE;
  CrmSession *session;
  gint64 ticket_id;
  int status;
  const GOptionEntry entries[] = {
    { "messages", 0, 0, G_OPTION_ARG_STRING, &messages, N_("Only these messages, by id, separated by commas"),
      N_("ID,…") },
    { "attachments-marker", 0, 0, G_OPTION_ARG_NONE, &marker, N_("Name each message’s attachments under it"), NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("The PDF file to write (required)"), N_("FILE") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets print", entries, _("Give the ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (pdf == NULL)
    return crm_cli_usage_error (cli, _("Say where to write the pages with --pdf FILE."));
  if (messages != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (messages, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          gint64 id;

          if (!crm_cli_parse_id (g_strstrip (parts[i]), &id, &error))
            return crm_cli_fail (cli, error);
          g_array_append_val (ids, id);
        }
    }

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(print = crm_ticket_print_read (session, ticket_id, (const gint64 *) ids->data, ids->len, marker, &error)) ||
      !crm_ticket_print_to_pdf (print, pdf, &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_delete (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  return run_ticket_step (cli, argc, argv, "tickets delete", N_("The administrator who deletes it"), crm_ticket_store_delete);
}

int
crm_cli_tickets_restore (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 ticket_id, user_id;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The administrator who restores it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets restore", entries, _("Give the deleted ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !crm_ticket_store_restore (crm_ticket_store_from_session (session), ticket_id, &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_deleted (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 user_id;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The administrator who looks"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "tickets deleted", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(deleted = crm_ticket_store_list_deleted (crm_ticket_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < deleted->len; i++)
    {
      CrmDeletedTicket *ticket = g_ptr_array_index (deleted, i);
      g_autofree char *when = crm_cli_format_time (ticket->deleted_at);

      if (!cli->json)
        {
          g_print ("%6" G_GINT64_FORMAT "  %s  %s  %s\n", ticket->id, when, ticket->deleted_by ? ticket->deleted_by : "",
                   ticket->subject);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, ticket->id);
      json_builder_set_member_name (builder, "subject");
      json_builder_add_string_value (builder, ticket->subject);
      json_builder_set_member_name (builder, "deleted_at");
      json_builder_add_string_value (builder, when);
      crm_cli_add_nullable (builder, "deleted_by", ticket->deleted_by);
      json_builder_set_member_name (builder, "messages");
      json_builder_add_int_value (builder, ticket->messages);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_reasons_add (CrmCli  *cli,
                     int      argc,
                     char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 id, user_id;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The administrator who adds it"), N_("USER") },
    { NULL }
  };

  if (!crm_cli_parse (cli, "reasons add", _("REASON"), entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc < 2)
    return crm_cli_usage_error (cli, "%s", _("Give the reason, such as “Too expensive”."));
  if (argc > 2)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[2]);

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(id = crm_ticket_store_add_close_reason (crm_ticket_store_from_session (session), argv[1], &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_reasons_list (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) reasons = NULL;
  CrmSession *session;
  int status;

  if ((status = crm_cli_parse_no_args (cli, "reasons list", NULL, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(reasons = crm_ticket_store_list_close_reasons (crm_ticket_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; reasons[i] != NULL; i++)
        json_builder_add_string_value (builder, reasons[i]);
      json_builder_end_array (builder);
      crm_cli_print_builder (builder);
    }
  else
    for (guint i = 0; reasons[i] != NULL; i++)
      g_print ("%s\n", reasons[i]);

  return CRM_CLI_OK;
}

static gboolean
parse_day (const char  *text,
           gint64      *unix_time,
           GError     **error)
{
  g_autoptr(GDateTime) when = NULL;

  if (text == NULL)
    return TRUE;
  if (!(when = crm_clock_parse_time (text, error)))
    return FALSE;
  *unix_time = g_date_time_to_unix (when);

  return TRUE;
}

int
crm_cli_reasons_stats (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  CrmSession *session;
  gint64 from_time = 0, to_time = 0;
  int status;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Closed at or after (YYYY-MM-DD or a full time)"), N_("TIME") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Closed before"), N_("TIME") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "reasons stats", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!parse_day (from, &from_time, &error) || !parse_day (to, &to_time, &error))
    return crm_cli_usage_error (cli, "%s", error->message);
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(counts = crm_ticket_store_count_outcomes (crm_ticket_store_from_session (session), from_time, to_time, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < counts->len; i++)
    {
      CrmOutcomeCount *count = g_ptr_array_index (counts, i);
      const char *outcome = crm_ticket_outcome_to_string (count->outcome);

      if (!cli->json)
        {
          g_print ("%-10s %-30s %-24s %6u\n", outcome, count->reason != NULL ? count->reason : "",
                   count->manager != NULL ? count->manager : _("nobody"), count->count);
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "outcome");
      json_builder_add_string_value (builder, outcome);
      crm_cli_add_nullable (builder, "reason", count->reason);
      crm_cli_add_nullable (builder, "manager", count->manager);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, count->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_undo (CrmCli  *cli,
              int      argc,
              char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  g_autofree char *done = NULL;
  CrmSession *session;
  gint64 user_id, ticket_id = 0, step;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Whose last change to undo"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "undo", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(step = crm_ticket_store_undo (crm_ticket_store_from_session (session), 0, &ticket_id, &done, &error)))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ticket");
      json_builder_add_int_value (builder, ticket_id);
      json_builder_set_member_name (builder, "undone");
      json_builder_add_string_value (builder, done);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
    }
  else
    /* Translators: a ticket's number, then what was undone */
    g_print (_("#%lld: %s\n"), (long long) ticket_id, done);

  return CRM_CLI_OK;
}
