/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <gio/gunixinputstream.h>

#include "crm-cli.h"

/* The office's e-shop (TK7): its address and this computer's keys
 * (shop set, shop show), and a client's last order (shop last-order). */

/* The office has no shop, or this computer no keys: the user can
 * correct it (2); the shop's own failures are 1. */
static int
fail (CrmCli       *cli,
      const GError *error)
{
  if (g_error_matches (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_NOT_CONFIGURED) ||
      g_error_matches (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_NO_KEYS))
    {
      g_printerr ("crmctl: %s\n", error->message);
      return CRM_CLI_USAGE;
    }

  return crm_cli_fail (cli, error);
}

/* One line of a file or of standard input, without its line end. */
static char *
read_line (GDataInputStream  *in,
           const char        *missing,
           GError           **error)
{
  g_autofree char *line = NULL;
  gsize len = 0;

  line = g_data_input_stream_read_line_utf8 (in, &len, NULL, error);
  if (line == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, missing);
      return NULL;
    }
  if (len > 0 && line[len - 1] == '\r')
    line[len - 1] = '\0';

  return g_steal_pointer (&line);
}

static char *
read_file_line (const char  *path,
                const char  *missing,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!(stream = g_file_read (file, NULL, &local_error)))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, local_error->message);
      return NULL;
    }
  in = g_data_input_stream_new (G_INPUT_STREAM (stream));

  return read_line (in, missing, error);
}

static void
print_settings (CrmCli       *cli,
                CrmShopStore *store)
{
  g_autofree char *url = crm_shop_store_get_url (store);
  g_autoptr(GError) keys_error = NULL;
  gboolean keys = url != NULL && crm_shop_store_has_keys (store, &keys_error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      crm_cli_add_nullable (builder, "url", url);
      crm_cli_add_nullable (builder, "kind", url != NULL ? "woocommerce" : NULL);
      json_builder_set_member_name (builder, "keys");
      json_builder_add_boolean_value (builder, keys);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
    }
  else if (url == NULL)
    g_print ("%s\n", _("The office has no e-shop."));
  else
    {
      /* Translators: the kind of e-shop, then its address */
      g_print (_("WooCommerce at %s"), url);
      g_print ("\n%s\n", keys ? _("Its keys are kept on this computer.") : keys_error->message);
    }
}

int
crm_cli_shop_set (CrmCli  *cli,
                  int      argc,
                  char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *key_file = NULL;
  g_autofree char *secret_file = NULL;
  g_autofree char *as = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  gboolean keys_stdin = FALSE;
  CrmSession *session;
  gint64 user_id;
  int status;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("The shop’s address, https://…; an empty one removes the shop"), N_("URL") },
    { "keys-stdin", 0, 0, G_OPTION_ARG_NONE, &keys_stdin,
      N_("Read the consumer key, then the consumer secret, one a line, from standard input"), NULL },
    { "key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("Read the consumer key from a file"), N_("FILE") },
    { "secret-file", 0, 0, G_OPTION_ARG_FILENAME, &secret_file, N_("Read the consumer secret from a file"),
      N_("FILE") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The administrator who sets the address"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "shop set", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (url == NULL && !keys_stdin && key_file == NULL && secret_file == NULL)
    return crm_cli_usage_error (cli, "%s",
                                _("Give the shop’s address with --url, its keys with --keys-stdin or "
                                  "--key-file and --secret-file, or both."));
  if (keys_stdin && (key_file != NULL || secret_file != NULL))
    return crm_cli_usage_error (cli, "%s", _("Read the keys from standard input or from files, not both."));
  if ((key_file == NULL) != (secret_file == NULL))
    return crm_cli_usage_error (cli, "%s", _("Give both --key-file and --secret-file."));

  if (keys_stdin)
    {
      g_autoptr(GInputStream) base = g_unix_input_stream_new (0, FALSE);
      g_autoptr(GDataInputStream) in = g_data_input_stream_new (base);

      if (!(key = read_line (in, _("No consumer key was given on standard input."), &error)) ||
          !(secret = read_line (in, _("No consumer secret was given on standard input, on the line after the key."),
                                &error)))
        return crm_cli_fail (cli, error);
    }
  else if (key_file != NULL)
    {
      if (!(key = read_file_line (key_file, _("The key file is empty."), &error)) ||
          !(secret = read_file_line (secret_file, _("The secret file is empty."), &error)))
        return crm_cli_fail (cli, error);
    }
  if (key != NULL && !crm_shop_check_keys (g_strstrip (key), g_strstrip (secret), &error))
    return crm_cli_fail (cli, error);

  if (!(session = crm_cli_open_store (cli, &error)) || !crm_cli_set_actor (session, as, &user_id, &error))
    return crm_cli_fail (cli, error);
  if (url != NULL && !crm_shop_store_set_url (crm_shop_store_from_session (session), url, &error))
    return crm_cli_fail (cli, error);
  if (key != NULL)
    {
      gboolean stored = crm_shop_store_set_keys (crm_shop_store_from_session (session), key, secret, &error);

      memset (secret, 0, strlen (secret));
      if (!stored)
        return crm_cli_fail (cli, error);
    }
  print_settings (cli, crm_shop_store_from_session (session));

  return CRM_CLI_OK;
}

int
crm_cli_shop_show (CrmCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session;
  int status;

  if ((status = crm_cli_parse_no_args (cli, "shop show", NULL, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  print_settings (cli, crm_shop_store_from_session (session));

  return CRM_CLI_OK;
}

static void
print_order (CrmCli       *cli,
             CrmShopOrder *order)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *created = NULL;
  g_autofree char *items = NULL;

  if (!cli->json)
    {
      if (order == NULL)
        {
          g_print ("%s\n", _("No orders in the shop."));
          return;
        }
      created = g_date_time_format (crm_shop_order_get_created (order), "%Y-%m-%d");
      items = crm_shop_order_dup_items_text (order);
      g_print ("#%s · %s · %s · %s %s\n%s\n", crm_shop_order_get_number (order), created,
               crm_shop_order_status_label (crm_shop_order_get_status (order)),
               crm_shop_order_get_total (order) ? crm_shop_order_get_total (order) : "",
               crm_shop_order_get_currency (order) ? crm_shop_order_get_currency (order) : "", items);
      return;
    }

  if (order == NULL)
    {
      g_autoptr(JsonNode) null = json_node_new (JSON_NODE_NULL);

      crm_cli_print_json (null);
      return;
    }
  builder = json_builder_new ();
  created = g_date_time_format_iso8601 (crm_shop_order_get_created (order));
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_shop_order_get_id (order));
  crm_cli_add_nullable (builder, "number", crm_shop_order_get_number (order));
  crm_cli_add_nullable (builder, "status", crm_shop_order_get_status (order));
  crm_cli_add_nullable (builder, "created", created);
  crm_cli_add_nullable (builder, "total", crm_shop_order_get_total (order));
  crm_cli_add_nullable (builder, "currency", crm_shop_order_get_currency (order));
  crm_cli_add_nullable (builder, "email", crm_shop_order_get_email (order));
  json_builder_set_member_name (builder, "customer_id");
  json_builder_add_int_value (builder, crm_shop_order_get_customer_id (order));
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < crm_shop_order_get_n_items (order); i++)
    {
      gint64 quantity;
      const char *name = crm_shop_order_get_item (order, i, &quantity);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, quantity);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);
}

static void
got_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

int
crm_cli_shop_last_order (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmShopOrder) order = NULL;
  g_autoptr(CrmContact) contact = NULL;
  g_autofree char *contact_text = NULL;
  g_autofree char *email = NULL;
  const char *one[] = { NULL, NULL };
  const char * const *emails = one;
  CrmShopStore *store;
  CrmSession *session;
  gint64 contact_id = 0;
  int status;
  const GOptionEntry entries[] = {
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact_text, N_("The contact whose addresses to look up"), N_("ID") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("The address to look up"), N_("ADDRESS") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "shop last-order", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if ((contact_text == NULL) == (email == NULL))
    return crm_cli_usage_error (cli, "%s", _("Give either --contact ID or --email ADDRESS."));
  if (contact_text != NULL && !crm_cli_parse_id (contact_text, &contact_id, &error))
    return crm_cli_fail (cli, error);
  if (email != NULL && strchr (g_strstrip (email), '@') == NULL)
    return crm_cli_usage_error (cli, _("“%s” is not an e-mail address."), email);

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  if (contact_id != 0)
    {
      if (!(contact = crm_contact_store_get (crm_contact_store_from_session (session), contact_id, &error)))
        return crm_cli_fail (cli, error);
      emails = crm_contact_get_emails (contact);
      if (emails == NULL || emails[0] == NULL)
        return crm_cli_usage_error (cli, _("%s has no e-mail address to look up in the shop."),
                                    crm_contact_get_name (contact));
    }
  else
    one[0] = email;

  store = crm_shop_store_from_session (session);
  crm_shop_store_last_order_async (store, emails, TRUE, NULL, got_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  order = crm_shop_store_last_order_finish (store, result, &error);
  if (error != NULL)
    return fail (cli, error);
  print_order (cli, order);

  return CRM_CLI_OK;
}
