/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"

/* crmctl contacts add|list|show|delete|note */

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_contact_summary (JsonBuilder *builder,
                     CrmContact  *contact)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_contact_get_id (contact));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, crm_contact_kind_to_string (crm_contact_get_kind (contact)));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, crm_contact_get_name (contact));
  add_string_or_null (builder, "company", crm_contact_get_company_name (contact));
  crm_cli_add_strv (builder, "emails", crm_contact_get_emails (contact));
  crm_cli_add_strv (builder, "phones", crm_contact_get_phones (contact));
  add_string_or_null (builder, "manager", crm_contact_get_manager_name (contact));
}

int
crm_cli_contacts_add (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = NULL;
  g_autofree char *name = NULL;
  g_autofree char *company = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *note = NULL;
  g_auto(GStrv) emails = NULL;
  g_auto(GStrv) phones = NULL;
  g_auto(GStrv) tags = NULL;
  CrmContactKind contact_kind = CRM_CONTACT_PERSON;
  CrmStore *store;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The person’s or company’s name"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("person (the default) or company"), N_("KIND") },
    { "company", 0, 0, G_OPTION_ARG_STRING, &company, N_("The person’s company, created when new"), N_("COMPANY") },
    { "email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &emails, N_("An e-mail address (repeatable)"), N_("ADDRESS") },
    { "phone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &phones, N_("A phone number (repeatable)"), N_("NUMBER") },
    { "manager", 0, 0, G_OPTION_ARG_STRING, &manager, N_("The responsible user: id, e-mail or name"), N_("USER") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("A tag (repeatable)"), N_("TAG") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("The CRM note"), N_("TEXT") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "contacts add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (name == NULL)
    return crm_cli_usage_error (cli, _("Give the contact’s name with --name."));
  if (kind != NULL && g_str_equal (kind, "company"))
    contact_kind = CRM_CONTACT_COMPANY;
  else if (kind != NULL && !g_str_equal (kind, "person"))
    return crm_cli_usage_error (cli, _("“%s” is not a kind of contact: use person or company."), kind);
  if (contact_kind == CRM_CONTACT_COMPANY && company != NULL)
    return crm_cli_usage_error (cli, _("A company cannot belong to another company."));

  if (!(store = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  contact = crm_contact_new (contact_kind);
  crm_contact_set_name (contact, name);
  crm_contact_set_emails (contact, (const char * const *) emails);
  crm_contact_set_phones (contact, (const char * const *) phones);
  crm_contact_set_tags (contact, (const char * const *) tags);
  crm_contact_set_note (contact, note);

  if (manager != NULL)
    {
      g_autoptr(CrmUser) user = crm_store_find_active_user (store, manager, &error);

      if (user == NULL)
        return crm_cli_fail (cli, error);
      crm_contact_set_manager_id (contact, crm_user_get_id (user));
    }

  if (!crm_store_save_contact_with_company (store, contact, company, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, crm_contact_get_id (contact));

  return CRM_CLI_OK;
}

int
crm_cli_contacts_list (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  int status;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContactList) list = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *search = NULL;
  int limit = -1;
  CrmStore *store;
  guint n;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only contacts with words starting with these"), N_("TEXT") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N contacts"), N_("N") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "contacts list", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (limit < -1 || limit == 0)
    return crm_cli_usage_error (cli, _("--limit takes a positive number."));

  if (!(store = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  list = crm_contact_list_new (store);
  crm_contact_list_set_search (list, search);
  /* the list reads its ids on a worker; a command has nothing else to do */
  crm_paged_list_wait (CRM_PAGED_LIST (list), G_MAXUINT);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (limit > 0)
    n = MIN (n, (guint) limit);

  if (cli->json)
    {
      g_autoptr(JsonNode) root = NULL;

      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrmContact) contact = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (builder != NULL)
        {
          json_builder_begin_object (builder);
          add_contact_summary (builder, contact);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *subtitle = crm_contact_dup_subtitle (contact);

          g_print ("%8" G_GINT64_FORMAT "  %-32s  %s\n",
                   crm_contact_get_id (contact), crm_contact_get_name (contact), subtitle);
        }
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
crm_cli_contacts_show (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = NULL;
  g_autoptr(GListModel) notes = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  CrmStore *store;
  gint64 id = 0;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "contacts show", NULL, _("Give the contact’s id."),
                                         &argc, &argv, &id)) != CRM_CLI_OK)
    return status;

  if (!(store = crm_cli_open_store (cli, &error)) ||
      !(contact = crm_store_get_contact (store, id, &error)) ||
      !(notes = crm_store_list_notes (store, id, &error)) ||
      !(history = crm_store_list_history (store, "contact", id, &error)))
    return crm_cli_fail (cli, error);

  created = crm_cli_format_time (crm_contact_get_created (contact));
  updated = crm_cli_format_time (crm_contact_get_updated (contact));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_contact_summary (builder, contact);
      json_builder_set_member_name (builder, "company_id");
      if (crm_contact_get_company_id (contact) != 0)
        json_builder_add_int_value (builder, crm_contact_get_company_id (contact));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "manager_id");
      if (crm_contact_get_manager_id (contact) != 0)
        json_builder_add_int_value (builder, crm_contact_get_manager_id (contact));
      else
        json_builder_add_null_value (builder);
      crm_cli_add_strv (builder, "tags", crm_contact_get_tags (contact));
      add_string_or_null (builder, "note", crm_contact_get_note (contact));
      json_builder_set_member_name (builder, "created");
      json_builder_add_string_value (builder, created);
      json_builder_set_member_name (builder, "updated");
      json_builder_add_string_value (builder, updated);

      json_builder_set_member_name (builder, "notes");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
        {
          g_autoptr(CrmNote) note = g_list_model_get_item (notes, i);
          g_autofree char *at = crm_cli_format_time (crm_note_get_at (note));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, crm_note_get_id (note));
          add_string_or_null (builder, "author", crm_note_get_author (note));
          json_builder_set_member_name (builder, "at");
          json_builder_add_string_value (builder, at);
          json_builder_set_member_name (builder, "body");
          json_builder_add_string_value (builder, crm_note_get_body (note));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "history");
      json_builder_begin_array (builder);
      for (guint i = 0; i < g_list_model_get_n_items (history); i++)
        {
          g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, i);
          g_autofree char *at = crm_cli_format_time (crm_history_entry_get_at (entry));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "at");
          json_builder_add_string_value (builder, at);
          add_string_or_null (builder, "user", crm_history_entry_get_actor (entry));
          json_builder_set_member_name (builder, "action");
          json_builder_add_string_value (builder, crm_history_entry_get_action (entry));
          add_string_or_null (builder, "detail", crm_history_entry_get_detail (entry));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      crm_cli_print_json (root);
      return CRM_CLI_OK;
    }

  g_print ("%s\n", crm_contact_get_name (contact));
  g_print ("  %-10s %" G_GINT64_FORMAT "\n", _("Id:"), crm_contact_get_id (contact));
  g_print ("  %-10s %s\n", _("Kind:"),
           crm_contact_get_kind (contact) == CRM_CONTACT_COMPANY ? _("Company") : _("Person"));
  if (crm_contact_get_company_name (contact) != NULL)
    g_print ("  %-10s %s\n", _("Company:"), crm_contact_get_company_name (contact));
  for (guint i = 0; crm_contact_get_emails (contact)[i] != NULL; i++)
    g_print ("  %-10s %s\n", _("E-mail:"), crm_contact_get_emails (contact)[i]);
  for (guint i = 0; crm_contact_get_phones (contact)[i] != NULL; i++)
    g_print ("  %-10s %s\n", _("Phone:"), crm_contact_get_phones (contact)[i]);
  if (crm_contact_get_manager_name (contact) != NULL)
    g_print ("  %-10s %s\n", _("Manager:"), crm_contact_get_manager_name (contact));
  if (crm_contact_get_tags (contact)[0] != NULL)
    {
      g_autofree char *tags = g_strjoinv (", ", (char **) crm_contact_get_tags (contact));

      g_print ("  %-10s %s\n", _("Tags:"), tags);
    }
  if (crm_contact_get_note (contact) != NULL)
    g_print ("  %-10s %s\n", _("Note:"), crm_contact_get_note (contact));
  g_print ("  %-10s %s\n", _("Created:"), created);
  g_print ("  %-10s %s\n", _("Updated:"), updated);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(CrmNote) note = g_list_model_get_item (notes, i);
      g_autofree char *at = crm_cli_format_time (crm_note_get_at (note));

      if (i == 0)
        g_print ("%s\n", _("Notes:"));
      g_print ("  %s  %s: %s\n", at, crm_note_get_author (note) ?: "—", crm_note_get_body (note));
    }

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, i);
      g_autofree char *at = crm_cli_format_time (crm_history_entry_get_at (entry));

      if (i == 0)
        g_print ("%s\n", _("History:"));
      g_print ("  %s  %s  %s %s\n", at, crm_history_entry_get_actor (entry) ?: "—",
               crm_history_entry_get_action (entry), crm_history_entry_get_detail (entry) ?: "");
    }

  return CRM_CLI_OK;
}

int
crm_cli_contacts_delete (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  CrmStore *store;
  gint64 id = 0;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "contacts delete", NULL, _("Give the contact’s id."),
                                         &argc, &argv, &id)) != CRM_CLI_OK)
    return status;

  if (!(store = crm_cli_open_store (cli, &error)) ||
      !crm_store_delete_contact (store, id, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_contacts_note (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CrmStore *store;
  gint64 id = 0;
  gint64 note_id;
  int status;
  const GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &text, N_("The note"), N_("TEXT") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "contacts note", entries, _("Give the contact’s id."),
                                         &argc, &argv, &id)) != CRM_CLI_OK)
    return status;
  if (text == NULL)
    return crm_cli_usage_error (cli, _("Give the note with --text."));

  if (!(store = crm_cli_open_store (cli, &error)) ||
      !(note_id = crm_store_add_note (store, id, text, &error)))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, note_id);

  return CRM_CLI_OK;
}
