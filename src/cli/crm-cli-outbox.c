/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"
#include "crm-account-store.h"
#include "crm-outbox.h"
#include "crm-ticket-store.h"

/* crmctl send, outbox list|cancel|run */

static gint64
first_account (CrmSession  *session,
               GError     **error)
{
  g_autoptr(GListModel) accounts = crm_account_store_list (crm_account_store_from_session (session), error);
  g_autoptr(CrmAccount) account = NULL;

  if (accounts == NULL)
    return 0;
  if (g_list_model_get_n_items (accounts) == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("There is no mail account yet: add one with “crmctl account add”."));
      return 0;
    }

  account = g_list_model_get_item (accounts, 0);

  return crm_account_get_id (account);
}

int
crm_cli_send (CrmCli  *cli,
              int      argc,
              char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOutgoingMessage) message = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_auto(GStrv) to = NULL;
  g_auto(GStrv) cc = NULL;
  g_auto(GStrv) bcc = NULL;
  g_auto(GStrv) attach = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *body = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  gint64 account_id = 0;
  int delay = -1;
  gint64 due;
  gint64 id;
  CrmSession *session;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING_ARRAY, &to, N_("A recipient (repeatable)"), N_("ADDRESS") },
    { "cc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cc, N_("A copy recipient (repeatable, at most 30)"), N_("ADDRESS") },
    { "bcc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bcc, N_("A hidden recipient (repeatable)"), N_("ADDRESS") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("The subject"), N_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("The text of the mail, in UTF-8"), N_("FILE") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &attach, N_("A file to attach (repeatable, at most 25 MB each)"), N_("FILE") },
    { "delay", 0, 0, G_OPTION_ARG_INT, &delay, N_("Seconds to wait before sending (the undo window)"), N_("SECONDS") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When to send, ISO 8601, at most 14 days ahead"), N_("TIME") },
    { "account", 0, 0, G_OPTION_ARG_INT64, &account_id, N_("The account that sends (default: the first)"), N_("ID") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "send", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (to == NULL && cc == NULL && bcc == NULL)
    return crm_cli_usage_error (cli, _("Give at least one recipient with --to."));
  if (subject == NULL)
    return crm_cli_usage_error (cli, _("Give the subject with --subject."));
  if (body_file == NULL)
    return crm_cli_usage_error (cli, _("Give the text of the mail with --body-file."));
  if (delay >= 0 && at != NULL)
    return crm_cli_usage_error (cli, _("Give either --delay or --at, not both."));

  if ((status = crm_cli_read_text (cli, body_file, &body)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  if (account_id == 0 && !(account_id = first_account (session, &error)))
    return crm_cli_fail (cli, error);
  if (!(account = crm_account_store_get (crm_account_store_from_session (session), account_id, &error)))
    return crm_cli_fail (cli, error);

  message = crm_outgoing_message_new (crm_account_get_display_name (account),
                                      crm_account_get_address (account));
  for (guint i = 0; to != NULL && to[i] != NULL; i++)
    crm_outgoing_message_add_to (message, to[i]);
  for (guint i = 0; cc != NULL && cc[i] != NULL; i++)
    crm_outgoing_message_add_cc (message, cc[i]);
  for (guint i = 0; bcc != NULL && bcc[i] != NULL; i++)
    crm_outgoing_message_add_bcc (message, bcc[i]);
  crm_outgoing_message_set_subject (message, subject);
  crm_outgoing_message_set_body (message, body);

  if ((status = crm_cli_load_attachments (cli, (const char * const *) attach, &attachments)) != CRM_CLI_OK)
    return status;
  for (guint i = 0; i < attachments->len; i++)
    {
      CrmTicketAttachment *attachment = g_ptr_array_index (attachments, i);

      crm_outgoing_message_add_attachment (message, attachment->name, NULL, attachment->data);
    }

  if (!crm_cli_due (session, delay, at, &due, &error))
    return crm_cli_fail (cli, error);

  if (!(id = crm_outbox_queue (crm_outbox_from_session (session), NULL, account_id, message, due, &error)))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_outbox_list (CrmCli  *cli,
                     int      argc,
                     char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  CrmSession *session;
  guint n;

  if ((status = crm_cli_parse_no_args (cli, "outbox list", NULL, &argc, &argv)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(items = crm_outbox_list (crm_outbox_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  n = g_list_model_get_n_items (items);
  if (cli->json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmOutboxItem) item = g_list_model_get_item (items, i);
      g_autofree char *due = crm_cli_format_time (crm_outbox_item_get_due (item));

      if (builder == NULL)
        {
          g_print ("%6" G_GINT64_FORMAT "  %-9s  %s  %s%s%s\n",
                   crm_outbox_item_get_id (item), crm_outbox_item_get_state (item), due,
                   crm_outbox_item_get_subject (item) ?: "",
                   crm_outbox_item_get_last_error (item) ? "  — " : "",
                   crm_outbox_item_get_last_error (item) ?: "");
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, crm_outbox_item_get_id (item));
      json_builder_set_member_name (builder, "state");
      json_builder_add_string_value (builder, crm_outbox_item_get_state (item));
      json_builder_set_member_name (builder, "due");
      json_builder_add_string_value (builder, due);
      json_builder_set_member_name (builder, "attempts");
      json_builder_add_int_value (builder, crm_outbox_item_get_attempts (item));
      json_builder_set_member_name (builder, "last_error");
      if (crm_outbox_item_get_last_error (item) != NULL)
        json_builder_add_string_value (builder, crm_outbox_item_get_last_error (item));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "subject");
      json_builder_add_string_value (builder, crm_outbox_item_get_subject (item) ?: "");
      json_builder_end_object (builder);
    }

  if (builder != NULL)
    {
      g_autoptr(JsonNode) root = NULL;

      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
    }

  return CRM_CLI_OK;
}

int
crm_cli_outbox_cancel (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session;
  gint64 id = 0;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "outbox cancel", NULL,
                                      _("Give the id of one message in the outbox."),
                                      &argc, &argv, &id)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_outbox_cancel (crm_outbox_from_session (session), id, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_outbox_run (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  gboolean until_empty = FALSE;
  CrmSession *session;
  guint sent = 0;
  gint64 next;
  const GOptionEntry entries[] = {
    { "until-empty", 0, 0, G_OPTION_ARG_NONE, &until_empty,
      N_("Wait until no message is waiting any more"), NULL },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "outbox run", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  for (;;)
    {
      gint64 now;

      sent += crm_outbox_run_due (crm_outbox_from_session (session), NULL, &error);
      if (error != NULL)
        return crm_cli_fail (cli, error);

      next = crm_outbox_next_due (crm_outbox_from_session (session));
      now = crm_clock_now_unix (crm_session_get_clock (session));
      /* a fixed clock (CRM_NOW) never reaches a later time */
      if (!until_empty || next == 0 || (next > now && crm_clock_is_fixed (crm_session_get_clock (session))))
        break;

      g_usleep (MIN (MAX (next - now, 1), 60) * G_USEC_PER_SEC);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sent");
      json_builder_add_int_value (builder, sent);
      json_builder_set_member_name (builder, "next_due");
      if (next > 0)
        {
          g_autofree char *due = crm_cli_format_time (next);

          json_builder_add_string_value (builder, due);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
    }
  else
    g_print (ngettext ("Sent %u message.\n", "Sent %u messages.\n", sent), sent);

  return CRM_CLI_OK;
}
