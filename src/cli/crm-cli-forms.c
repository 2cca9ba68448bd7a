/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "crm-cli.h"

/* Referrals from brokers (issue 16; CRMCTL.md, "Referrals"): what the
 * office sets up for them: investments add|list, the brokers' forms
 * (forms add|list|url|revoke, and their key shared between computers:
 * forms key export|import), and the settings referral-retention-days,
 * referral-forms-url and referral-identifier. The referrals themselves
 * are crm-cli-referrals.c's. */

/* Investments */

int
crm_cli_investments_add (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who adds it"), N_("USER") },
    { NULL }
  };

  if (!crm_cli_parse (cli, "investments add", _("NAME"), entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc != 2)
    return crm_cli_usage_error (cli, "%s", _("Give the investment’s name: investments add NAME."));
  if ((status = crm_cli_open_as (cli, as, &session)) != CRM_CLI_OK)
    return status;
  if (!(id = crm_referral_store_add_investment (crm_referral_store_from_session (session), argv[1], &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_investments_list (CrmCli  *cli,
                          int      argc,
                          char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmSession *session;
  const GOptionEntry entries[] = { { NULL } };
  int status;

  if ((status = crm_cli_parse_no_args (cli, "investments list", entries, &argc, &argv)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, NULL, &session)) != CRM_CLI_OK)
    return status;
  if (!(list = crm_referral_store_list_investments (crm_referral_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      CrmInvestment *investment = g_ptr_array_index (list, i);

      if (!cli->json)
        {
          g_print ("%" G_GINT64_FORMAT "  %s\n", investment->id, investment->name);
          continue;
        }
      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "id", investment->id);
      crm_cli_add_nullable (builder, "name", investment->name);
      crm_cli_add_time (builder, "created", investment->created);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

/* Forms */

static void
print_form_url (CrmCli     *cli,
                gint64      id,
                const char *url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!cli->json)
    {
      g_print ("%" G_GINT64_FORMAT "  %s\n", id, url);
      return;
    }
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "id", id);
  crm_cli_add_nullable (builder, "url", url);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);
}

int
crm_cli_forms_add (CrmCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *broker_name = NULL;
  g_autofree char *broker_email = NULL;
  g_autofree char *broker_phone = NULL;
  g_autofree char *expires_text = NULL;
  g_autofree char *as = NULL;
  g_autofree char *url = NULL;
  CrmReferralStore *store;
  CrmSession *session;
  gint64 expires = 0, id;
  int status;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The form’s name, shown as the referrals’ source (required)"),
      N_("FORM") },
    { "broker-name", 0, 0, G_OPTION_ARG_STRING, &broker_name, N_("The broker’s name (required)"), N_("NAME") },
    { "broker-email", 0, 0, G_OPTION_ARG_STRING, &broker_email,
      N_("Where decisions and messages are mailed (required)"), N_("ADDRESS") },
    { "broker-phone", 0, 0, G_OPTION_ARG_STRING, &broker_phone, N_("The broker’s phone"), N_("PHONE") },
    { "expires", 0, 0, G_OPTION_ARG_STRING, &expires_text, N_("When the link stops working, ISO 8601"), N_("DATE") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who makes it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "forms add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (name == NULL || broker_name == NULL || broker_email == NULL)
    return crm_cli_usage_error (cli, "%s", _("Give --name, --broker-name and --broker-email."));
  if (!crm_cli_parse_time (expires_text, FALSE, &expires, &error))
    return crm_cli_fail (cli, error);
  if ((status = crm_cli_open_as (cli, as, &session)) != CRM_CLI_OK)
    return status;
  store = crm_referral_store_from_session (session);
  if (!(id = crm_referral_store_add_form (store, name, broker_name, broker_email, broker_phone, expires, &error)) ||
      !(url = crm_referral_store_dup_form_url (store, id, &error)))
    return crm_cli_fail (cli, error);
  print_form_url (cli, id, url);

  return CRM_CLI_OK;
}

int
crm_cli_forms_list (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) forms = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  CrmSession *session;
  const GOptionEntry entries[] = { { NULL } };
  int status;

  if ((status = crm_cli_parse_no_args (cli, "forms list", entries, &argc, &argv)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, NULL, &session)) != CRM_CLI_OK)
    return status;
  if (!(forms = crm_referral_store_list_forms (crm_referral_store_from_session (session), &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < forms->len; i++)
    {
      CrmReferralForm *form = g_ptr_array_index (forms, i);

      if (!cli->json)
        {
          /* Translators: crmctl forms list: id, form's name, broker, address, referrals, state */
          g_print (_("%lld  %s  %s <%s>  %u referrals  %s\n"), (long long) form->id, form->name, form->broker_name,
                   form->broker_email, form->n_referrals,
                   form->revoked != 0 ? _("revoked")
                   : crm_referral_form_is_open (form, crm_session_now (session)) ? _("open") : _("expired"));
          continue;
        }
      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "id", form->id);
      crm_cli_add_nullable (builder, "name", form->name);
      crm_cli_add_nullable (builder, "broker_name", form->broker_name);
      crm_cli_add_nullable (builder, "broker_email", form->broker_email);
      crm_cli_add_nullable (builder, "broker_phone", form->broker_phone);
      crm_cli_add_time (builder, "created", form->created);
      crm_cli_add_nullable (builder, "created_by", form->created_by);
      crm_cli_add_time (builder, "expires", form->expires);
      crm_cli_add_time (builder, "revoked", form->revoked);
      json_builder_set_member_name (builder, "open");
      json_builder_add_boolean_value (builder, crm_referral_form_is_open (form, crm_session_now (session)));
      crm_cli_add_int (builder, "referrals", form->n_referrals);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_forms_url (CrmCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  CrmSession *session;
  const GOptionEntry entries[] = { { NULL } };
  gint64 id;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "forms url", entries, _("Give the form’s id: forms url ID."), &argc, &argv,
                                      &id)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, NULL, &session)) != CRM_CLI_OK)
    return status;
  if (!(url = crm_referral_store_dup_form_url (crm_referral_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);
  print_form_url (cli, id, url);

  return CRM_CLI_OK;
}

int
crm_cli_forms_revoke (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who revokes it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "forms revoke", entries, _("Give the form’s id: forms revoke ID."), &argc,
                                      &argv, &id)) != CRM_CLI_OK ||
      (status = crm_cli_open_as (cli, as, &session)) != CRM_CLI_OK)
    return status;
  if (!crm_referral_store_revoke_form (crm_referral_store_from_session (session), id, &error))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

/* "forms key export": the office's form key on standard output;
 * "forms key import": this desktop keeps the key read from standard
 * input (the computer whose engine serves the forms, and every desktop
 * that makes forms, keep the same one). */
int
crm_cli_forms_key (CrmCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = { { NULL } };

  if (!crm_cli_parse (cli, "forms key", _("export|import"), entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc == 2 && g_str_equal (argv[1], "export"))
    {
      g_autofree char *key = crm_referral_token_export_key (&error);

      if (key == NULL)
        return crm_cli_fail (cli, error);
      if (cli->json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          crm_cli_add_nullable (builder, "key", key);
          json_builder_end_object (builder);
          crm_cli_print_builder (builder);
        }
      else
        g_print ("%s\n", key);
      memset (key, 0, strlen (key));
      return CRM_CLI_OK;
    }
  if (argc == 2 && g_str_equal (argv[1], "import"))
    {
      g_autoptr(GInputStream) base = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GDataInputStream) in = g_data_input_stream_new (base);
      g_autofree char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);

      if (line == NULL && error == NULL)
        return crm_cli_usage_error (cli, "%s", _("Give the key on standard input, as “forms key export” wrote it."));
      if (line == NULL || !crm_referral_token_import_key (line, &error))
        return crm_cli_fail (cli, error);
      memset (line, 0, strlen (line));
      if (!cli->json)
        g_print ("%s\n", _("The referral forms’ key is kept on this computer."));
      else
        g_print ("{}\n");
      return CRM_CLI_OK;
    }

  return crm_cli_usage_error (cli, "%s", _("Say “forms key export” or “forms key import”."));
}

/* Settings */

typedef enum
{
  SETTING_RETENTION,
  SETTING_FORMS_URL,
  SETTING_IDENTIFIER,
} Setting;

static int
setting (CrmCli   *cli,
         int       argc,
         char    **argv,
         Setting   which)
{
  static const char * const commands[] = {
    "settings referral-retention-days", "settings referral-forms-url", "settings referral-identifier"
  };
  static const char * const members[] = { "referral_retention_days", "referral_forms_url", "referral_identifier" };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *as = NULL;
  g_autofree char *value = NULL;
  CrmReferralStore *store;
  CrmSession *session;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The administrator who sets it"), N_("USER") },
    { NULL }
  };
  int status;

  if (!crm_cli_parse (cli, commands[which],
                      which == SETTING_RETENTION ? _("[DAYS]") : which == SETTING_FORMS_URL ? _("[URL]")
                                                                                           : _("[pesel|id-card|both]"),
                      entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc > 2)
    return crm_cli_usage_error (cli, _("Unexpected argument “%s”."), argv[2]);
  if ((status = crm_cli_open_as (cli, as, &session)) != CRM_CLI_OK)
    return status;
  store = crm_referral_store_from_session (session);
  if (argc == 2)
    {
      guint64 days = 0;
      CrmReferralIdentifier identifier;
      gboolean done;

      switch (which)
        {
        case SETTING_RETENTION:
          if (!g_ascii_string_to_unsigned (argv[1], 10, 0, G_MAXUINT, &days, NULL))
            return crm_cli_usage_error (cli, "%s", _("Give the number of days rejected referrals are kept."));
          done = crm_referral_store_set_retention_days (store, (guint) days, &error);
          break;
        case SETTING_FORMS_URL:
          done = crm_referral_store_set_forms_url (store, argv[1], &error);
          break;
        case SETTING_IDENTIFIER:
        default:
          if (!crm_referral_identifier_from_string (argv[1], &identifier))
            return crm_cli_usage_error (cli, _("“%s” is not one of pesel, id-card or both."), argv[1]);
          done = crm_referral_store_set_identifier (store, identifier, &error);
          break;
        }
      if (!done)
        return crm_cli_fail (cli, error);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, members[which]);
  switch (which)
    {
    case SETTING_RETENTION:
      value = g_strdup_printf ("%u", crm_referral_store_get_retention_days (store));
      json_builder_add_int_value (builder, crm_referral_store_get_retention_days (store));
      break;
    case SETTING_FORMS_URL:
      value = crm_referral_store_get_forms_url (store);
      json_builder_add_string_value (builder, value);
      break;
    case SETTING_IDENTIFIER:
    default:
      value = g_strdup (crm_referral_identifier_to_string (crm_referral_store_get_identifier (store)));
      json_builder_add_string_value (builder, value);
      break;
    }
  json_builder_end_object (builder);
  if (cli->json)
    crm_cli_print_builder (builder);
  else
    g_print ("%s\n", value);

  return CRM_CLI_OK;
}

int
crm_cli_settings_referral_retention (CrmCli  *cli,
                                     int      argc,
                                     char   **argv)
{
  return setting (cli, argc, argv, SETTING_RETENTION);
}

int
crm_cli_settings_referral_forms_url (CrmCli  *cli,
                                     int      argc,
                                     char   **argv)
{
  return setting (cli, argc, argv, SETTING_FORMS_URL);
}

int
crm_cli_settings_referral_identifier (CrmCli  *cli,
                                      int      argc,
                                      char   **argv)
{
  return setting (cli, argc, argv, SETTING_IDENTIFIER);
}
