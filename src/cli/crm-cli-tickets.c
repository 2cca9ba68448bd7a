/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-cli.h"
#include "crm-ticket-store.h"
#include "crm-user-store.h"

/* crmctl queues, rules and tickets (CRMCTL.md, "Tickets") */

/* The one argument of "queues add NAME" or "tickets assign ID USER". */
static int
parse_args (CrmCli               *cli,
            const char           *command,
            const char           *parameters,
            const GOptionEntry   *entries,
            int                   wanted,
            const char           *missing,
            int                  *argc,
            char               ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!crm_cli_parse (cli, command, parameters, entries, argc, argv, &error))
    return crm_cli_fail (cli, error);
  if (*argc < wanted + 1)
    return crm_cli_usage_error (cli, "%s", missing);
  if (*argc > wanted + 1)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), (*argv)[wanted + 1]);

  return CRM_CLI_OK;
}

static gboolean
check_source (const char *source)
{
  return g_strv_contains (crm_ticket_sources (), source);
}

int
crm_cli_queues_add (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  gboolean reopen = FALSE;
  CrmSession *session;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "reopen", 0, 0, G_OPTION_ARG_NONE, &reopen,
      N_("A mail to a closed ticket reopens it (else it opens a new ticket)"), NULL },
    { NULL }
  };

  if ((status = parse_args (cli, "queues add", _("NAME"), entries, 1, _("Give the queue’s name."),
                            &argc, &argv)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(id = crm_ticket_store_add_queue (crm_ticket_store_from_session (session), argv[1], &error)) ||
      (reopen && !crm_ticket_store_set_queue_reopens (crm_ticket_store_from_session (session), id, TRUE, &error)))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_queues_list (CrmCli  *cli,
                     int      argc,
                     char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) queues = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmSession *session;
  int status;

  if ((status = crm_cli_parse_no_args (cli, "queues list", NULL, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(queues = crm_ticket_store_list_queues (crm_ticket_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < queues->len; i++)
    {
      CrmQueueInfo *queue = g_ptr_array_index (queues, i);

      if (!cli->json)
        {
          g_print ("%6" G_GINT64_FORMAT "  %s%s\n", queue->id, queue->name,
                   g_str_equal (queue->closed_mail, "reopen") ? _("  (mail reopens closed tickets)") : "");
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, queue->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, queue->name);
      json_builder_set_member_name (builder, "closed_mail");
      json_builder_add_string_value (builder, queue->closed_mail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (cli->json)

    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_rules_add (CrmCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *field = NULL;
  g_autofree char *contains = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *priority = NULL;
  g_autofree char *tag = NULL;
  CrmSession *session;
  gint64 queue_id;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "field", 0, 0, G_OPTION_ARG_STRING, &field, N_("What the rule looks at: from, to or subject"), N_("FIELD") },
    { "contains", 0, 0, G_OPTION_ARG_STRING, &contains, N_("The text to look for, in any case"), N_("TEXT") },
    { "queue", 0, 0, G_OPTION_ARG_STRING, &queue, N_("The queue for matching mail"), N_("QUEUE") },
    { "priority", 0, 0, G_OPTION_ARG_STRING, &priority, N_("The priority for matching mail"), N_("PRIORITY") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("A tag for matching mail"), N_("TAG") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "rules add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (field == NULL || contains == NULL || queue == NULL)
    return crm_cli_usage_error (cli, _("Give --field, --contains and --queue."));

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(queue_id = crm_ticket_store_find_queue (crm_ticket_store_from_session (session), queue, &error)) ||
      !(id = crm_ticket_store_add_rule (crm_ticket_store_from_session (session), field, contains, queue_id, priority, tag, &error)))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_rules_list (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmSession *session;
  int status;

  if ((status = crm_cli_parse_no_args (cli, "rules list", NULL, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(rules = crm_ticket_store_list_rules (crm_ticket_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < rules->len; i++)
    {
      CrmRuleInfo *rule = g_ptr_array_index (rules, i);

      if (!cli->json)
        {
          /* Translators: a rule: the field, the text, the queue */
          g_print (_("%lld. %s contains “%s” → %s"), (long long) rule->id, rule->field, rule->contains, rule->queue);
          g_print ("%s%s%s%s\n", rule->priority ? ", " : "", rule->priority ? rule->priority : "",
                   rule->tag ? ", #" : "", rule->tag ? rule->tag : "");
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, rule->id);
      crm_cli_add_nullable (builder, "field", rule->field);
      crm_cli_add_nullable (builder, "contains", rule->contains);
      crm_cli_add_nullable (builder, "queue", rule->queue);
      crm_cli_add_nullable (builder, "priority", rule->priority);
      crm_cli_add_nullable (builder, "tag", rule->tag);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (cli->json)

    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

static void
add_ticket (JsonBuilder *builder,
            CrmTicket   *ticket)
{
  g_autofree char *updated = crm_cli_format_time (crm_ticket_get_updated (ticket));

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_ticket_get_id (ticket));
  crm_cli_add_nullable (builder, "subject", crm_ticket_get_subject (ticket));
  crm_cli_add_nullable (builder, "status", crm_ticket_get_status (ticket));
  crm_cli_add_nullable (builder, "queue", crm_ticket_get_queue (ticket));
  crm_cli_add_nullable (builder, "assignee", crm_ticket_get_assignee (ticket));
  crm_cli_add_nullable (builder, "outcome", crm_ticket_get_outcome (ticket));
  crm_cli_add_nullable (builder, "close_reason", crm_ticket_get_close_reason (ticket));
  /* since when our last mail waits for the client's answer (RQ12) */
  json_builder_set_member_name (builder, "awaiting_answer_since");
  if (crm_ticket_get_awaiting_since (ticket) != 0)
    {
      g_autofree char *since = crm_cli_format_time (crm_ticket_get_awaiting_since (ticket));

      json_builder_add_string_value (builder, since);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "merged_into");
  if (crm_ticket_get_merged_into (ticket) != 0)
    json_builder_add_int_value (builder, crm_ticket_get_merged_into (ticket));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "client_id");
  if (crm_ticket_get_client_id (ticket) != 0)
    json_builder_add_int_value (builder, crm_ticket_get_client_id (ticket));
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "unread");
  json_builder_add_boolean_value (builder, crm_ticket_get_unread (ticket));
  crm_cli_add_nullable (builder, "updated", updated);
}

int
crm_cli_tickets_list (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tickets = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *queue = NULL;
  g_autofree char *status_name = NULL;
  g_autofree char *assignee = NULL;
  g_autofree char *search = NULL;
  g_autofree char *sort = NULL;
  g_autofree char *as = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *source = NULL;
  gboolean following = FALSE;
  int limit = -1;
  CrmTicketFilter filter = { 0 };
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "queue", 0, 0, G_OPTION_ARG_STRING, &queue, N_("Only this queue"), N_("QUEUE") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Only tickets with this tag"), N_("TAG") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("Only tickets that came this way: email, phone, sms, chat, web, letter or other"), N_("SOURCE") },
    { "following", 0, 0, G_OPTION_ARG_NONE, &following, N_("Only tickets the --as user follows"), NULL },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_name, N_("Only this status"), N_("STATUS") },
    { "assignee", 0, 0, G_OPTION_ARG_STRING, &assignee, N_("Only this user’s tickets, or “none”"), N_("USER") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Words in subjects, texts and addresses"), N_("TEXT") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort, N_("newest (the default) or oldest first"), N_("ORDER") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Whose unread tickets to show as unread"), N_("USER") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N tickets"), N_("N") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "tickets list", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (limit < -1 || limit == 0)
    return crm_cli_usage_error (cli, _("--limit takes a positive number."));
  if (sort != NULL && !g_str_equal (sort, "newest") && !g_str_equal (sort, "oldest"))
    return crm_cli_usage_error (cli, _("--sort is “newest” or “oldest”."));
  if (source != NULL && !check_source (source))
    return crm_cli_usage_error (cli, _("“%s” is not a source: use email, phone, sms, chat, web, letter or other."),
                                source);
  if (following && as == NULL)
    return crm_cli_usage_error (cli, _("--following needs --as: whose followed tickets?"));

  if (!(session = crm_cli_open_store (cli, &error)) ||
      (queue != NULL && !(filter.queue_id = crm_ticket_store_find_queue (crm_ticket_store_from_session (session), queue, &error))))
    return crm_cli_fail (cli, error);
  if (as != NULL)
    {
      /* whose read state: a deactivated user's history reads as theirs */
      g_autoptr(CrmUser) reader = crm_user_store_find (crm_user_store_from_session (session), as, &error);

      if (reader == NULL)
        return crm_cli_fail (cli, error);
      filter.reader = crm_user_get_id (reader);
    }
  if (assignee != NULL && g_str_equal (assignee, "none"))
    filter.assignee_id = -1;
  else if (assignee != NULL)
    {
      g_autoptr(CrmUser) user = crm_user_store_find (crm_user_store_from_session (session), assignee, &error);

      if (user == NULL)
        return crm_cli_fail (cli, error);
      filter.assignee_id = crm_user_get_id (user);
    }
  filter.status = status_name;
  filter.search = search;
  /* the first N in the list's order (a search's: its newest hits') */
  filter.limit = limit > 0 ? (guint) limit : 0;
  filter.oldest_first = g_strcmp0 (sort, "oldest") == 0;
  filter.tag = tag;
  filter.source = source;
  if (following)
    filter.follower_id = filter.reader;

  if (!crm_ticket_store_check_filter (crm_ticket_store_from_session (session), &filter, &error) ||
      !(tickets = crm_ticket_store_list (crm_ticket_store_from_session (session), &filter, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (tickets); i++)
    {
      g_autoptr(CrmTicket) ticket = g_list_model_get_item (tickets, i);

      if (!cli->json)
        {
          g_print ("%s%6" G_GINT64_FORMAT "  %-10s %-12s %-16s %s\n", crm_ticket_get_unread (ticket) ? "*" : " ",
                   crm_ticket_get_id (ticket), crm_ticket_get_status (ticket), crm_ticket_get_queue (ticket),
                   crm_ticket_get_assignee (ticket) ? crm_ticket_get_assignee (ticket) : "—",
                   crm_ticket_get_subject (ticket));
          continue;
        }
      json_builder_begin_object (builder);
      add_ticket (builder, ticket);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (cli->json)

    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

/* One entry of a ticket's conversation, on a line: when, what, who,
 * and the first line of its text. */
static void
print_timeline_entry (CrmTimelineEntry *entry)
{
  g_autofree char *at = crm_cli_format_time (entry->at);
  g_autofree char *first = g_strdup (entry->text ? entry->text : "");
  const char *what;
  char *end;

  g_strstrip (first);
  if ((end = strchr (first, '\n')) != NULL)
    *end = '\0';
  switch (entry->kind)
    {
    case CRM_TIMELINE_ENTRY_IN:
      what = g_strcmp0 (entry->role, "third-party") == 0
             /* Translators: an entry of a ticket's conversation in crmctl tickets show: an answer to its forward */
             ? _("from a third party")
             /* Translators: an entry of a ticket's conversation in crmctl tickets show */
             : _("from the client");
      break;
    case CRM_TIMELINE_ENTRY_OUT:
      what = g_strcmp0 (entry->role, "forward") == 0
             /* Translators: an entry of a ticket's conversation in crmctl tickets show */
             ? _("our forward")
             /* Translators: an entry of a ticket's conversation in crmctl tickets show */
             : _("our mail");
      break;
    case CRM_TIMELINE_ENTRY_COMMENT:
      /* Translators: an entry of a ticket's conversation in crmctl tickets show */
      what = _("comment");
      break;
    case CRM_TIMELINE_ENTRY_ACTIVITY:
      /* a call or chat: its line ("Call with … · 4 min · +48…") */
      what = entry->note;
      break;
    case CRM_TIMELINE_ENTRY_SYSTEM:
    default:
      /* Translators: an entry of a ticket's conversation in crmctl tickets show */
      what = _("system");
      break;
    }
  /* Translators: a ticket's conversation in crmctl tickets show: when,
   * what it is, who (the sender, the recipient or the author) and the
   * first line of its text */
  g_print (_("  %s · %s · %s: %s\n"), at ? at : "", what, entry->who ? entry->who : "", first);
}

int
crm_cli_tickets_show (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) ticket = NULL;
  g_autoptr(GArray) messages = NULL;
  g_autoptr(GPtrArray) comments = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_auto(GStrv) tags = NULL;
  CrmSession *session;
  gint64 id;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "tickets show", NULL, _("Give the ticket’s number."),
                                      &argc, &argv, &id)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(ticket = crm_ticket_store_get (crm_ticket_store_from_session (session), id, 0, &error)) ||
      !(messages = crm_ticket_store_list_messages (crm_ticket_store_from_session (session), id, &error)) ||
      !(comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (session), id, &error)) ||
      !(timeline = crm_ticket_timeline_read (session, id, NULL, NULL, &error)))
    return crm_cli_fail (cli, error);

  tags = crm_ticket_dup_tags (ticket);
  json_builder_begin_object (builder);
  add_ticket (builder, ticket);
  crm_cli_add_nullable (builder, "priority", crm_ticket_get_priority (ticket));
  crm_cli_add_nullable (builder, "category", crm_ticket_get_category (ticket));
  crm_cli_add_nullable (builder, "source", crm_ticket_get_source (ticket));
  crm_cli_add_nullable (builder, "client_address", crm_ticket_get_client_address (ticket));
  crm_cli_add_nullable (builder, "sender_name", crm_ticket_get_sender_name (ticket));
  crm_cli_add_strv (builder, "tags", (const char * const *) tags);
  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < messages->len; i++)
    json_builder_add_int_value (builder, g_array_index (messages, gint64, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "comments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < comments->len; i++)
    {
      CrmTicketComment *comment = g_ptr_array_index (comments, i);
      g_autofree char *created = crm_cli_format_time (comment->created);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, comment->internal ? "comment" : "system");
      crm_cli_add_nullable (builder, "author", comment->author);
      crm_cli_add_nullable (builder, "body", comment->body);
      crm_cli_add_nullable (builder, "created", created);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  /* the conversation as the window shows it (crm_ticket_timeline_read ()) */
  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_array (builder);
  for (guint i = 0; i < timeline->len; i++)
    {
      CrmTimelineEntry *entry = g_ptr_array_index (timeline, i);
      g_autofree char *at = crm_cli_format_time (entry->at);
      guint n_files = entry->attachments ? g_list_model_get_n_items (entry->attachments) : 0;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, crm_timeline_entry_kind_name (entry->kind));
      if (entry->message_id != 0)
        {
          json_builder_set_member_name (builder, "message");
          json_builder_add_int_value (builder, entry->message_id);
        }
      crm_cli_add_nullable (builder, "at", at);
      crm_cli_add_nullable (builder, "who", entry->who);
      crm_cli_add_nullable (builder, "text", entry->text);
      crm_cli_add_nullable (builder, "note", entry->note);
      /* "forward" or "third-party" (TK18) */
      crm_cli_add_nullable (builder, "role", entry->role);
      crm_cli_add_nullable (builder, "sending", entry->outbox ? crm_outbox_item_get_state (entry->outbox) : NULL);
      json_builder_set_member_name (builder, "attachments");
      json_builder_begin_array (builder);
      for (guint j = 0; j < n_files; j++)
        {
          g_autoptr(CrmAttachment) file = g_list_model_get_item (entry->attachments, j);

          json_builder_add_string_value (builder, crm_attachment_get_name (file));
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  if (cli->json)
    crm_cli_print_json (root);
  else
    {
      g_print ("#%" G_GINT64_FORMAT " %s\n", id, crm_ticket_get_subject (ticket));
      /* Translators: a ticket's status, queue and priority */
      g_print (_("%s · %s · %s\n"), crm_ticket_get_status (ticket), crm_ticket_get_queue (ticket),
               crm_ticket_get_priority (ticket));
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u message, ", "%u messages, ", messages->len), messages->len);
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u comment\n", "%u comments\n", comments->len), comments->len);
      for (guint i = 0; i < timeline->len; i++)
        print_timeline_entry (g_ptr_array_index (timeline, i));
    }

  return CRM_CLI_OK;
}

int
crm_cli_tickets_new (CrmCli  *cli,
                     int      argc,
                     char   **argv)
{
  g_autofree char *source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *to = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *body = NULL;
  g_autofree char *as = NULL;
  gint64 contact_id = 0;
  gint64 from_message = 0;
  gint64 queue_id;
  gint64 user_id;
  gint64 due;
  gint64 id;
  int delay = -1;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "from-message", 0, 0, G_OPTION_ARG_INT64, &from_message,
      N_("Open a ticket for a received mail that opened none (see messages list --automatic)"), N_("MESSAGE") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("The subject (required)"), N_("TEXT") },
    { "queue", 0, 0, G_OPTION_ARG_STRING, &queue, N_("The queue (required)"), N_("QUEUE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Write to this address: saved and sent"), N_("ADDRESS") },
    { "on-behalf-of", 0, 0, G_OPTION_ARG_INT64, &contact_id, N_("Record a request of this contact: saved only"),
      N_("CONTACT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("How the request came, with --on-behalf-of: phone, sms, chat, web, letter or other (the default)"),
      N_("SOURCE") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("The text, in UTF-8"), N_("FILE") },
    { "delay", 0, 0, G_OPTION_ARG_INT, &delay, N_("Seconds to wait before sending (the undo window)"), N_("SECONDS") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who writes"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "tickets new", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (from_message != 0)
    {
      if (subject != NULL || queue != NULL || to != NULL || contact_id != 0 || body_file != NULL || delay != -1)
        return crm_cli_usage_error (cli, _("--from-message takes no other option but --as: the mail says the rest."));
      if (!(session = crm_cli_open_store (cli, &error)) ||
          !crm_cli_set_actor (session, as, &user_id, &error) ||
          !(id = crm_ticket_store_open_from_message (crm_ticket_store_from_session (session), from_message, &error)))
        return crm_cli_fail (cli, error);
      crm_cli_print_id (cli, id);
      return CRM_CLI_OK;
    }
  if (subject == NULL || queue == NULL || body_file == NULL)
    return crm_cli_usage_error (cli, _("Give --subject, --queue and --body-file."));
  if ((to == NULL) == (contact_id == 0))
    return crm_cli_usage_error (cli, _("Give either --to or --on-behalf-of."));
  if (source != NULL && to != NULL)
    return crm_cli_usage_error (cli, _("--source goes with --on-behalf-of: mail sent with --to is e-mail."));
  if ((status = crm_cli_read_text (cli, body_file, &body)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(queue_id = crm_ticket_store_find_queue (crm_ticket_store_from_session (session), queue, &error)) ||
      !crm_cli_due (session, delay, NULL, &due, &error))
    return crm_cli_fail (cli, error);
  if (to != NULL)
    id = crm_ticket_store_create (crm_ticket_store_from_session (session), subject, queue_id, to, 0, body, due, NULL, &error);
  else
    id = crm_ticket_store_record_request (crm_ticket_store_from_session (session), subject, queue_id, contact_id, body, source ? source : "other", &error);
  if (id == 0)
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_reply (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_auto(GStrv) cc = NULL;
  g_auto(GStrv) attach = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *body = NULL;
  g_autofree char *at = NULL;
  g_autofree char *as = NULL;
  gint64 ticket_id;
  gint64 user_id;
  gint64 due;
  gint64 outbox_id;
  int delay = -1;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("The reply’s text, in UTF-8"), N_("FILE") },
    { "cc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cc, N_("A copy recipient (repeatable, at most 30)"), N_("ADDRESS") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &attach, N_("A file to attach (repeatable, at most 25 MB each)"),
      N_("FILE") },
    { "delay", 0, 0, G_OPTION_ARG_INT, &delay, N_("Seconds to wait before sending (the undo window)"), N_("SECONDS") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When to send, ISO 8601, at most 14 days ahead"), N_("TIME") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who replies"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets reply", entries, _("Give the ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (body_file == NULL)
    return crm_cli_usage_error (cli, _("Give the text of the reply with --body-file."));
  if (delay >= 0 && at != NULL)
    return crm_cli_usage_error (cli, _("Give either --delay or --at, not both."));
  if ((status = crm_cli_read_text (cli, body_file, &body)) != CRM_CLI_OK ||
      (status = crm_cli_load_attachments (cli, (const char * const *) attach, &attachments)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !crm_cli_due (session, delay, at, &due, &error) ||
      !(outbox_id = crm_ticket_store_reply (crm_ticket_store_from_session (session), ticket_id, body, (const char * const *) cc, attachments, due,
                                            &error)))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, outbox_id);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_comment (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *body = NULL;
  g_autofree char *as = NULL;
  gint64 ticket_id;
  gint64 user_id;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("The comment’s text, in UTF-8"), N_("FILE") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who comments"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets comment", entries, _("Give the ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (body_file == NULL)
    return crm_cli_usage_error (cli, _("Give the text of the comment with --body-file."));
  if ((status = crm_cli_read_text (cli, body_file, &body)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !crm_ticket_store_comment (crm_ticket_store_from_session (session), ticket_id, body, &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_assign (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmUser) user = NULL;
  gint64 ticket_id;
  CrmSession *session;
  int status;

  if ((status = parse_args (cli, "tickets assign", _("ID USER"), NULL, 2,
                            _("Give the ticket’s number and the user."), &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!crm_cli_parse_id (argv[1], &ticket_id, &error))
    return crm_cli_fail (cli, error);

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(user = crm_user_store_find_active (crm_user_store_from_session (session), argv[2], &error)) ||
      !crm_ticket_store_assign (crm_ticket_store_from_session (session), ticket_id, crm_user_get_id (user), &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}

typedef struct
{
  gint64      ticket_id;
  const char *status;
  const char *queue;
  const char *priority;
  const char *category;
  const char *tag;
  const char *untag;
  const char *source;
} TicketChanges;

/* all of "tickets set" or nothing */
static gboolean
set_tx (CrmSession  *session,
        gpointer     user_data,
        GError     **error)
{
  TicketChanges *changes = user_data;

  if ((changes->status || changes->queue || changes->priority || changes->category || changes->tag) &&
      !crm_ticket_store_set (crm_ticket_store_from_session (session), changes->ticket_id, changes->status, changes->queue, changes->priority,
                             changes->category, changes->tag, error))
    return FALSE;
  if (changes->untag != NULL && !crm_ticket_store_untag (crm_ticket_store_from_session (session), changes->ticket_id, changes->untag, error))
    return FALSE;
  if (changes->source != NULL && !crm_ticket_store_set_source (crm_ticket_store_from_session (session), changes->ticket_id, changes->source, error))
    return FALSE;

  return TRUE;
}

int
crm_cli_tickets_set (CrmCli  *cli,
                     int      argc,
                     char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status_name = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *priority = NULL;
  g_autofree char *category = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *untag = NULL;
  g_autofree char *source = NULL;
  g_autofree char *as = NULL;
  TicketChanges changes = { 0 };
  gint64 user_id;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_name, N_("New, Open, Pending, Closed or the office’s own"),
      N_("STATUS") },
    { "queue", 0, 0, G_OPTION_ARG_STRING, &queue, N_("Move to this queue"), N_("QUEUE") },
    { "priority", 0, 0, G_OPTION_ARG_STRING, &priority, N_("Low, Normal, High or Urgent"), N_("PRIORITY") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category, N_("A category; an empty one removes it"), N_("CATEGORY") },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("Add a tag"), N_("TAG") },
    { "untag", 0, 0, G_OPTION_ARG_STRING, &untag, N_("Take a tag off"), N_("TAG") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("How the ticket came in: email, phone, sms, chat, web, letter or other"), N_("SOURCE") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who changes it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets set", entries, _("Give the ticket’s number."),
                                      &argc, &argv, &changes.ticket_id)) != CRM_CLI_OK)
    return status;
  if (status_name == NULL && queue == NULL && priority == NULL && category == NULL && tag == NULL &&
      untag == NULL && source == NULL)
    return crm_cli_usage_error (cli, _("Say what to change: --status, --queue, --priority, --category, --tag, "
                                       "--untag or --source."));
  if (source != NULL && !check_source (source))
    return crm_cli_usage_error (cli, _("“%s” is not a source: use email, phone, sms, chat, web, letter or other."),
                                source);

  changes.status = status_name;
  changes.queue = queue;
  changes.priority = priority;
  changes.category = category;
  changes.tag = tag;
  changes.untag = untag;
  changes.source = source;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !crm_session_run_in_transaction (session, set_tx, &changes, &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}

int
crm_cli_tickets_follow (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  gboolean stop = FALSE;
  gint64 ticket_id;
  gint64 user_id = 0;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "stop", 0, 0, G_OPTION_ARG_NONE, &stop, N_("Stop following it"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who follows (required)"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "tickets follow", entries, _("Give the ticket’s number."),
                                      &argc, &argv, &ticket_id)) != CRM_CLI_OK)
    return status;
  if (as == NULL)
    return crm_cli_usage_error (cli, _("Say who follows the ticket with --as."));

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !crm_ticket_store_follow (crm_ticket_store_from_session (session), ticket_id, user_id, !stop, &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}

/* the office's own statuses and categories */

int
crm_cli_statuses_add (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kind = NULL;
  CrmSession *session;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("What it means: new, open, pending or closed (required)"), N_("KIND") },
    { NULL }
  };

  if ((status = parse_args (cli, "statuses add", _("NAME"), entries, 1, _("Give the status’s name."),
                            &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (kind == NULL)
    return crm_cli_usage_error (cli, _("Say what the status means with --kind: new, open, pending or closed."));

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(id = crm_ticket_store_add_status (crm_ticket_store_from_session (session), argv[1], kind, &error)))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

static int
print_names (CrmCli *cli,
             GStrv   names)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (cli->json)
        json_builder_add_string_value (builder, names[i]);
      else
        g_print ("%s\n", names[i]);
    }
  json_builder_end_array (builder);

  if (cli->json)

    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_statuses_list (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  CrmSession *session;
  int status;

  if ((status = crm_cli_parse_no_args (cli, "statuses list", NULL, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(names = crm_ticket_store_list_statuses (crm_ticket_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  return print_names (cli, names);
}

int
crm_cli_categories_add (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session;
  gint64 id;
  int status;

  if ((status = parse_args (cli, "categories add", _("NAME"), NULL, 1, _("Give the category’s name."),
                            &argc, &argv)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(id = crm_ticket_store_add_category (crm_ticket_store_from_session (session), argv[1], &error)))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_categories_list (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  CrmSession *session;
  int status;

  if ((status = crm_cli_parse_no_args (cli, "categories list", NULL, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(names = crm_ticket_store_list_categories (crm_ticket_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  return print_names (cli, names);
}
