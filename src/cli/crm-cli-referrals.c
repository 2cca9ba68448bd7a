/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-cli.h"

/* Referrals from brokers (issue 16; CRMCTL.md, "Referrals"):
 * referrals list|counts|show|accept|reject|message|reveal|purge. The
 * investments, forms and settings are crm-cli-forms.c's. */

/* Referrals */

/* An investment's or a form's id, from its id or its name */
static gboolean
resolve (CrmReferralStore  *store,
         const char        *text,
         gboolean           form,
         gint64            *id,
         GError           **error)
{
  g_autoptr(GPtrArray) list = NULL;
  guint64 number = 0;

  *id = 0;
  if (text == NULL)
    return TRUE;
  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &number, NULL))
    {
      *id = (gint64) number;
      return TRUE;
    }
  if (!(list = form ? crm_referral_store_list_forms (store, error) : crm_referral_store_list_investments (store, error)))
    return FALSE;
  for (guint i = 0; i < list->len; i++)
    {
      const char *name = form ? ((CrmReferralForm *) g_ptr_array_index (list, i))->name
                              : ((CrmInvestment *) g_ptr_array_index (list, i))->name;
      g_autofree char *a = g_utf8_casefold (name, -1);
      g_autofree char *b = g_utf8_casefold (text, -1);

      if (g_str_equal (a, b))
        {
          *id = form ? ((CrmReferralForm *) g_ptr_array_index (list, i))->id
                     : ((CrmInvestment *) g_ptr_array_index (list, i))->id;
          return TRUE;
        }
    }
  g_set_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND,
               form ? _("There is no form “%s”.") : _("There is no investment “%s”."), text);

  return FALSE;
}

int
crm_cli_referrals_list (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) referrals = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *status_text = NULL;
  g_autofree char *investment = NULL;
  g_autofree char *source = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *search = NULL;
  g_autofree char *client = NULL;
  g_autofree char *advisor = NULL;
  CrmReferralFilter filter = { 0 };
  CrmReferralStore *store;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_text, N_("pending, accepted, rejected or messages"), N_("STATUS") },
    { "investment", 0, 0, G_OPTION_ARG_STRING, &investment, N_("Only this investment: id or name"), N_("I") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Only this source: the form’s id or name"), N_("FORM") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Received on or after, ISO 8601"), N_("D") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Received on or before, ISO 8601"), N_("D") },
    { "client", 0, 0, G_OPTION_ARG_STRING, &client, N_("Words of the client’s name"), N_("NAME") },
    { "advisor", 0, 0, G_OPTION_ARG_STRING, &advisor, N_("Words of the broker’s advisor’s name"), N_("NAME") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Words in the name, phone, e-mail or advisor"), N_("TEXT") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "referrals list", entries, &argc, &argv)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, NULL, &session)) != CRM_CLI_OK)
    return status;
  store = crm_referral_store_from_session (session);
  filter.status = status_text;
  filter.client_name = client;
  filter.advisor = advisor;
  filter.search = search;
  if (!resolve (store, investment, FALSE, &filter.investment_id, &error) ||
      !resolve (store, source, TRUE, &filter.form_id, &error) ||
      !crm_cli_parse_time (from, FALSE, &filter.from, &error) ||
      !crm_cli_parse_time (to, TRUE, &filter.to, &error) ||
      !(ids = crm_referral_store_list_ids (store, &filter, &error)) ||
      !(referrals = crm_referral_store_get_many (store, (const gint64 *) ids->data, ids->len, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    for (guint j = 0; j < referrals->len; j++)
      {
        CrmReferral *referral = g_ptr_array_index (referrals, j);

        if (crm_referral_get_id (referral) != g_array_index (ids, gint64, i))
          continue;
        if (!cli->json)
          {
            g_autofree char *received = crm_cli_format_time (crm_referral_get_received (referral));

            /* Translators: crmctl referrals list: id, received, status, client, investment */
            g_print (_("%lld  %s  %s  %s  %s\n"), (long long) crm_referral_get_id (referral), received,
                     crm_referral_status_get_label (crm_referral_get_status (referral)),
                     crm_referral_get_client_name (referral),
                     crm_referral_get_investment (referral) != NULL ? crm_referral_get_investment (referral) : "—");
            break;
          }
        json_builder_begin_object (builder);
        crm_cli_add_int (builder, "id", crm_referral_get_id (referral));
        crm_cli_add_nullable (builder, "client_name", crm_referral_get_client_name (referral));
        crm_cli_add_nullable (builder, "investment", crm_referral_get_investment (referral));
        crm_cli_add_time (builder, "received", crm_referral_get_received (referral));
        crm_cli_add_nullable (builder, "status", crm_referral_status_to_string (crm_referral_get_status (referral)));
        crm_cli_add_nullable (builder, "source", crm_referral_get_source (referral));
        crm_cli_add_nullable (builder, "advisor_name", crm_referral_get_advisor_name (referral));
        crm_cli_add_nullable (builder, "pesel", crm_referral_get_pesel_masked (referral));
        crm_cli_add_nullable (builder, "id_card", crm_referral_get_id_card_masked (referral));
        json_builder_end_object (builder);
        break;
      }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_referrals_counts (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmReferralCounts counts;
  CrmSession *session;
  const GOptionEntry entries[] = { { NULL } };
  int status;

  if ((status = crm_cli_parse_no_args (cli, "referrals counts", entries, &argc, &argv)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, NULL, &session)) != CRM_CLI_OK)
    return status;
  if (!crm_referral_store_count (crm_referral_store_from_session (session), &counts, &error))
    return crm_cli_fail (cli, error);
  if (!cli->json)
    {
      /* Translators: crmctl referrals counts */
      g_print (_("all %u, pending %u, accepted %u, rejected %u, awaiting an answer %u\n"), counts.all, counts.pending,
               counts.accepted, counts.rejected, counts.messages);
      return CRM_CLI_OK;
    }
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "all", counts.all);
  crm_cli_add_int (builder, "pending", counts.pending);
  crm_cli_add_int (builder, "accepted", counts.accepted);
  crm_cli_add_int (builder, "rejected", counts.rejected);
  crm_cli_add_int (builder, "messages", counts.messages);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

static void
add_matches (JsonBuilder *builder,
             const char  *member,
             GPtrArray   *matches)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < matches->len; i++)
    {
      CrmReferralMatch *match = g_ptr_array_index (matches, i);

      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "id", match->id);
      crm_cli_add_nullable (builder, "name", match->name);
      crm_cli_add_nullable (builder, "phone", match->phone);
      crm_cli_add_nullable (builder, "email", match->email);
      crm_cli_add_nullable (builder, "detail", match->detail);
      crm_cli_add_nullable (builder, "source", match->source);
      crm_cli_add_time (builder, "at", match->at);
      crm_cli_add_strv (builder, "matched", (const char * const *) match->matched);
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, ((gint64) (match->score * 1000 + 0.5)) / 1000.0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_card_text (CrmReferralCard *card)
{
  CrmReferral *referral = card->referral;
  g_autofree char *received = crm_cli_format_time (crm_referral_get_received (referral));

  /* Translators: crmctl referrals show, the first line: number, client, status */
  g_print (_("Referral %lld: %s (%s)\n"), (long long) crm_referral_get_id (referral),
           crm_referral_get_client_name (referral), crm_referral_status_get_label (crm_referral_get_status (referral)));
  /* Translators: crmctl referrals show: the source (form) and broker */
  g_print (_("From %s (%s), advisor %s, received %s\n"), crm_referral_get_source (referral),
           crm_referral_get_broker_name (referral), crm_referral_get_advisor_name (referral), received);
  /* Translators: crmctl referrals show: how many of each were found alike */
  g_print (_("Similar: %u clients, %u referrals, %u leads\n"), card->similar->clients->len,
           card->similar->referrals->len, card->similar->leads->len);
}

int
crm_cli_referrals_show (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReferralCard) card = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmReferral *referral;
  CrmSession *session;
  const GOptionEntry entries[] = { { NULL } };
  gint64 id;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "referrals show", entries, _("Give the referral’s id: referrals show ID."),
                                      &argc, &argv, &id)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, NULL, &session)) != CRM_CLI_OK)
    return status;
  if (!(card = crm_referral_store_get_card (crm_referral_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);
  if (!cli->json)
    {
      print_card_text (card);
      return CRM_CLI_OK;
    }

  referral = card->referral;
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "id", crm_referral_get_id (referral));
  crm_cli_add_nullable (builder, "status", crm_referral_status_to_string (crm_referral_get_status (referral)));
  crm_cli_add_nullable (builder, "client_name", crm_referral_get_client_name (referral));
  crm_cli_add_nullable (builder, "phone", crm_referral_get_phone (referral));
  crm_cli_add_nullable (builder, "email", crm_referral_get_email (referral));
  crm_cli_add_nullable (builder, "pesel", crm_referral_get_pesel_masked (referral));
  crm_cli_add_nullable (builder, "id_card", crm_referral_get_id_card_masked (referral));
  crm_cli_add_nullable (builder, "investment", crm_referral_get_investment (referral));
  crm_cli_add_int (builder, "investment_id", crm_referral_get_investment_id (referral));
  crm_cli_add_nullable (builder, "source", crm_referral_get_source (referral));
  crm_cli_add_int (builder, "form_id", crm_referral_get_form_id (referral));
  crm_cli_add_nullable (builder, "broker_name", crm_referral_get_broker_name (referral));
  crm_cli_add_nullable (builder, "broker_email", crm_referral_get_broker_email (referral));
  crm_cli_add_nullable (builder, "broker_phone", crm_referral_get_broker_phone (referral));
  crm_cli_add_nullable (builder, "advisor_name", crm_referral_get_advisor_name (referral));
  crm_cli_add_nullable (builder, "advisor_email", crm_referral_get_advisor_email (referral));
  crm_cli_add_nullable (builder, "advisor_phone", crm_referral_get_advisor_phone (referral));
  json_builder_set_member_name (builder, "consent");
  json_builder_add_boolean_value (builder, crm_referral_get_consent (referral));
  crm_cli_add_time (builder, "received", crm_referral_get_received (referral));
  crm_cli_add_time (builder, "status_changed", crm_referral_get_status_changed (referral));
  crm_cli_add_nullable (builder, "status_changed_by", crm_referral_get_status_changed_by (referral));
  json_builder_set_member_name (builder, "contact");
  if (crm_referral_get_contact_id (referral) != 0)
    {
      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "id", crm_referral_get_contact_id (referral));
      crm_cli_add_nullable (builder, "name", crm_referral_get_contact_name (referral));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < card->documents->len; i++)
    {
      CrmReferralDocument *document = g_ptr_array_index (card->documents, i);

      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "id", document->id);
      crm_cli_add_nullable (builder, "file_name", document->file_name);
      crm_cli_add_nullable (builder, "content_type", document->content_type);
      crm_cli_add_int (builder, "size", (gint64) document->size);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "status_changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < card->status_changes->len; i++)
    {
      CrmReferralStatusChange *change = g_ptr_array_index (card->status_changes, i);

      json_builder_begin_object (builder);
      crm_cli_add_nullable (builder, "status", crm_referral_status_to_string (change->status));
      crm_cli_add_nullable (builder, "comment", change->comment);
      crm_cli_add_nullable (builder, "user", change->user);
      crm_cli_add_time (builder, "at", change->at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "messages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < card->messages->len; i++)
    {
      CrmReferralMessage *message = g_ptr_array_index (card->messages, i);

      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "id", message->id);
      crm_cli_add_nullable (builder, "direction", message->incoming ? "in" : "out");
      crm_cli_add_nullable (builder, "kind", message->kind);
      crm_cli_add_nullable (builder, "body", message->body);
      crm_cli_add_nullable (builder, "author", message->author);
      crm_cli_add_time (builder, "at", message->at);
      crm_cli_add_nullable (builder, "outbox_state", message->outbox_state);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "similar");
  json_builder_begin_object (builder);
  add_matches (builder, "clients", card->similar->clients);
  add_matches (builder, "referrals", card->similar->referrals);
  add_matches (builder, "leads", card->similar->leads);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

static void
print_decided (CrmCli      *cli,
               gint64       id,
               const char  *status,
               gint64       contact_id)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!cli->json)
    {
      g_print ("%" G_GINT64_FORMAT "  %s\n", id, status);
      return;
    }
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "id", id);
  crm_cli_add_nullable (builder, "status", status);
  json_builder_set_member_name (builder, "contact_id");
  if (contact_id != 0)
    json_builder_add_int_value (builder, contact_id);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);
}

static int
decide (CrmCli    *cli,
        int        argc,
        char     **argv,
        gboolean   accept)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *comment_file = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *as = NULL;
  CrmReferralStore *store;
  CrmSession *session;
  gint64 id, contact = 0;
  int status;
  const GOptionEntry accept_entries[] = {
    { "comment-file", 0, 0, G_OPTION_ARG_FILENAME, &comment_file, N_("The comment mailed to the broker (required)"),
      N_("FILE") },
    { "contact", 0, 0, G_OPTION_ARG_INT64, &contact, N_("Link this existing client rather than make one"), N_("ID") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who decides"), N_("USER") },
    { NULL }
  };
  const GOptionEntry reject_entries[] = {
    { "comment-file", 0, 0, G_OPTION_ARG_FILENAME, &comment_file, N_("The comment mailed to the broker (required)"),
      N_("FILE") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who decides"), N_("USER") },
    { NULL }
  };
  const GOptionEntry *entries = accept ? accept_entries : reject_entries;

  if ((status = crm_cli_parse_one_id (cli, accept ? "referrals accept" : "referrals reject", entries,
                                      _("Give the referral’s id."), &argc, &argv, &id)) != CRM_CLI_OK)
    return status;
  if (comment_file == NULL)
    return crm_cli_usage_error (cli, "%s", _("Give the comment for the broker with --comment-file FILE."));
  if ((status = crm_cli_read_text (cli, comment_file, &comment)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, as, &session)) != CRM_CLI_OK)
    return status;
  store = crm_referral_store_from_session (session);
  if (accept)
    {
      if (!(contact = crm_referral_store_accept (store, id, comment, contact, &error)))
        return crm_cli_fail (cli, error);
    }
  else if (!crm_referral_store_reject (store, id, comment, &error))
    return crm_cli_fail (cli, error);
  print_decided (cli, id, accept ? "accepted" : "rejected", accept ? contact : 0);

  return CRM_CLI_OK;
}

int
crm_cli_referrals_accept (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  return decide (cli, argc, argv, TRUE);
}

int
crm_cli_referrals_reject (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  return decide (cli, argc, argv, FALSE);
}

int
crm_cli_referrals_message (CrmCli  *cli,
                           int      argc,
                           char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body_file = NULL;
  g_autofree char *body = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 id, message;
  int status;
  const GOptionEntry entries[] = {
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &body_file, N_("The message to the broker (required)"), N_("FILE") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who writes"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "referrals message", entries, _("Give the referral’s id."), &argc, &argv,
                                      &id)) != CRM_CLI_OK)
    return status;
  if (body_file == NULL)
    return crm_cli_usage_error (cli, "%s", _("Give the message with --body-file FILE."));
  if ((status = crm_cli_read_text (cli, body_file, &body)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, as, &session)) != CRM_CLI_OK)
    return status;
  if (!(message = crm_referral_store_send_message (crm_referral_store_from_session (session), id, body, &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, message);

  return CRM_CLI_OK;
}

int
crm_cli_referrals_reveal (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *as = NULL;
  g_autofree char *pesel = NULL;
  g_autofree char *id_card = NULL;
  CrmSession *session;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who looks: the audit says so"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "referrals reveal", entries, _("Give the referral’s id."), &argc, &argv,
                                      &id)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, as, &session)) != CRM_CLI_OK)
    return status;
  if (!crm_referral_store_reveal (crm_referral_store_from_session (session), id, &pesel, &id_card, &error))
    return crm_cli_fail (cli, error);
  if (!cli->json)
    {
      g_print ("PESEL: %s\n", pesel != NULL ? pesel : "—");
      /* Translators: crmctl referrals reveal */
      g_print (_("ID card: %s\n"), id_card != NULL ? id_card : "—");
      return CRM_CLI_OK;
    }
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "id", id);
  crm_cli_add_nullable (builder, "pesel", pesel);
  crm_cli_add_nullable (builder, "id_card", id_card);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_referrals_purge (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmReferralStore *store;
  CrmSession *session;
  const GOptionEntry entries[] = { { NULL } };
  guint purged, filled;
  int status;

  if ((status = crm_cli_parse_no_args (cli, "referrals purge", entries, &argc, &argv)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, NULL, &session)) != CRM_CLI_OK)
    return status;
  store = crm_referral_store_from_session (session);
  purged = crm_referral_store_purge (store, &error);
  if (error != NULL)
    return crm_cli_fail (cli, error);
  /* and the contacts' folded names written before 0039, all of them */
  while ((filled = crm_referral_store_fill_name_keys (store, 5000, &error)) > 0 && filled != G_MAXUINT)
    ;
  if (error != NULL)
    return crm_cli_fail (cli, error);
  if (!cli->json)
    {
      /* Translators: crmctl referrals purge: %u is how many; then the retention in days */
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u rejected referral purged (kept %u days).\n",
                            "%u rejected referrals purged (kept %u days).\n", purged),
               purged, crm_referral_store_get_retention_days (store));
      return CRM_CLI_OK;
    }
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "purged", purged);
  crm_cli_add_int (builder, "retention_days", crm_referral_store_get_retention_days (store));
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}
