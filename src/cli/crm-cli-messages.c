/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "crm-cli.h"
#include "crm-message-store.h"
#include "crm-ticket-store.h"

/* crmctl messages list|show */

static void
add_message (JsonBuilder *builder,
             CrmSession  *session,
             CrmMessage  *message)
{
  g_autoptr(GListModel) attachments = crm_message_store_list_attachments (crm_message_store_from_session (session), crm_message_get_id (message), NULL);
  g_autofree char *date = crm_message_get_date (message) ? crm_cli_format_time (crm_message_get_date (message)) : NULL;
  const char *fields[][2] = {
    { "message_id", crm_message_get_message_id (message) },
    { "direction", crm_message_get_direction (message) },
    { "from", crm_message_get_from (message) },
    { "to", crm_message_get_to (message) },
    { "cc", crm_message_get_cc (message) },
    { "subject", crm_message_get_subject (message) },
    { "date", date },
    { "reason", crm_message_get_reason (message) },
    { "automatic", crm_message_get_automatic (message) },
  };

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_message_get_id (message));
  json_builder_set_member_name (builder, "ticket_id");
  if (crm_message_get_ticket_id (message) != 0)
    json_builder_add_int_value (builder, crm_message_get_ticket_id (message));
  else
    json_builder_add_null_value (builder);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      json_builder_set_member_name (builder, fields[i][0]);
      if (fields[i][1] != NULL)
        json_builder_add_string_value (builder, fields[i][1]);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_set_member_name (builder, "bulk");
  json_builder_add_boolean_value (builder, crm_message_get_bulk (message));
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; attachments != NULL && i < g_list_model_get_n_items (attachments); i++)
    {
      g_autoptr(CrmAttachment) attachment = g_list_model_get_item (attachments, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, crm_attachment_get_name (attachment));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, crm_attachment_get_size (attachment));
      json_builder_set_member_name (builder, "mime_type");
      json_builder_add_string_value (builder, crm_attachment_get_mime_type (attachment));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

int
crm_cli_messages_list (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  gint64 ticket = 0;
  gboolean automatic = FALSE;
  int limit = 500;
  CrmSession *session;
  int status;
  guint n;
  const GOptionEntry entries[] = {
    { "ticket", 0, 0, G_OPTION_ARG_INT64, &ticket, N_("Only the messages of this ticket"), N_("ID") },
    { "automatic", 0, 0, G_OPTION_ARG_NONE, &automatic,
      N_("Only the mail that opened no ticket (automatic replies, delivery reports), with the reason"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N messages, newest first (default 500)"), N_("N") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "messages list", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (limit <= 0)
    return crm_cli_usage_error (cli, _("--limit takes a positive number."));
  if (automatic && ticket != 0)
    return crm_cli_usage_error (cli, _("Give either --ticket or --automatic."));

  if (ticket != 0 && (session = crm_cli_open_store (cli, &error)) != NULL)
    {
      g_autoptr(CrmTicket) found = crm_ticket_store_get (crm_ticket_store_from_session (session), ticket, 0, &error);

      if (found == NULL)
        return crm_cli_fail (cli, error);
    }
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(messages = ticket != 0 ? crm_message_store_list_ticket_mail (crm_message_store_from_session (session), ticket, &error)
                   : automatic ? crm_ticket_store_list_automatic_mail (crm_ticket_store_from_session (session), limit, &error)
                               : crm_message_store_list (crm_message_store_from_session (session), limit, &error)))
    return crm_cli_fail (cli, error);

  n = g_list_model_get_n_items (messages);
  if (cli->json)
    {
      g_autoptr(JsonNode) root = NULL;

      builder = json_builder_new ();
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(CrmMessage) message = g_list_model_get_item (messages, i);

          add_message (builder, session, message);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
      return CRM_CLI_OK;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmMessage) message = g_list_model_get_item (messages, i);

      g_print ("%8" G_GINT64_FORMAT "  %-3s  %-30s  %s\n", crm_message_get_id (message),
               crm_message_get_direction (message), crm_message_get_from (message) ?: "",
               crm_message_get_subject (message));
      if (automatic)
        g_print ("          %s\n", crm_message_get_reason (message) ?: "");
    }

  return CRM_CLI_OK;
}

int
crm_cli_messages_show (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) raw = NULL;
  gboolean show_raw = FALSE;
  CrmSession *session;
  gint64 id = 0;
  int status;
  const GOptionEntry entries[] = {
    { "raw", 0, 0, G_OPTION_ARG_NONE, &show_raw, N_("The exact bytes as received or sent"), NULL },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "messages show", entries, _("Give the message’s id."),
                                      &argc, &argv, &id)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(raw = crm_message_store_get_raw (crm_message_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);

  if (show_raw)
    {
      fwrite (g_bytes_get_data (raw, NULL), 1, g_bytes_get_size (raw), stdout);
      return fflush (stdout) == 0 ? CRM_CLI_OK : CRM_CLI_FAILURE;
    }

  {
    g_autoptr(CrmParsedMessage) parsed = crm_parsed_message_new (raw);

    if (cli->json)
      {
        g_autoptr(JsonBuilder) builder = json_builder_new ();
        g_autoptr(JsonNode) root = NULL;

        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "id");
        json_builder_add_int_value (builder, id);
        json_builder_set_member_name (builder, "message_id");
        json_builder_add_string_value (builder, parsed->message_id);
        json_builder_set_member_name (builder, "from");
        json_builder_add_string_value (builder, parsed->from_address);
        json_builder_set_member_name (builder, "subject");
        json_builder_add_string_value (builder, parsed->subject);
        json_builder_set_member_name (builder, "text");
        json_builder_add_string_value (builder, parsed->text);
        json_builder_end_object (builder);
        root = json_builder_get_root (builder);
        crm_cli_print_json (root);
      }
    else
      g_print ("%s\n%s\n\n%s\n", parsed->from_address ?: "", parsed->subject, parsed->text);
  }

  return CRM_CLI_OK;
}
