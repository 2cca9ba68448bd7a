/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"
#include "crm-contact-store.h"
#include "crm-ticket-store.h"
#include "crm-user-store.h"

/* crmctl contacts add|list|show|edit|delete|note */

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
  add_string_or_null (builder, "street", crm_contact_get_street (contact));
  add_string_or_null (builder, "postal_code", crm_contact_get_postal_code (contact));
  add_string_or_null (builder, "city", crm_contact_get_city (contact));
  add_string_or_null (builder, "country", crm_contact_get_country (contact));
}

/* Saves @contact, and says whose an address is when another contact
 * has it: exit 2, unless the user allowed it (issue 10, defect 8). */
static int
save_contact (CrmCli     *cli,
              CrmSession *session,
              CrmContact *contact,
              const char *company,
              gboolean    allow_duplicate)
{
  g_autoptr(GError) error = NULL;

  if (crm_contact_store_save_full (crm_contact_store_from_session (session), contact, company,
                                   allow_duplicate ? CRM_SAVE_CONTACT_ALLOW_DUPLICATE : CRM_SAVE_CONTACT_NONE,
                                   &error))
    return CRM_CLI_OK;

  if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CONFLICT))
    return crm_cli_usage_error (cli, "%s %s", error->message,
                                _("Nothing was saved: use that contact, or add --allow-duplicate "
                                  "to save this one with the same address."));

  return crm_cli_fail (cli, error);
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
  g_autofree char *street = NULL;
  g_autofree char *postal_code = NULL;
  g_autofree char *city = NULL;
  g_autofree char *country = NULL;
  g_autofree char *language = NULL;
  g_auto(GStrv) emails = NULL;
  g_auto(GStrv) phones = NULL;
  g_auto(GStrv) tags = NULL;
  gboolean allow_duplicate = FALSE;
  CrmContactKind contact_kind = CRM_CONTACT_PERSON;
  CrmSession *session;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The person’s or company’s name"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("person (the default) or company"), N_("KIND") },
    { "company", 0, 0, G_OPTION_ARG_STRING, &company, N_("The person’s company, created when new"), N_("COMPANY") },
    { "email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &emails, N_("An e-mail address (repeatable)"), N_("ADDRESS") },
    { "phone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &phones, N_("A phone number (repeatable)"), N_("NUMBER") },
    { "manager", 0, 0, G_OPTION_ARG_STRING, &manager, N_("The responsible user: id, e-mail or name"), N_("USER") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags, N_("A tag (repeatable)"), N_("TAG") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("The CRM note"), N_("TEXT") },
    { "street", 0, 0, G_OPTION_ARG_STRING, &street, N_("The street and number of the postal address"), N_("STREET") },
    { "postal-code", 0, 0, G_OPTION_ARG_STRING, &postal_code, N_("The postal code"), N_("CODE") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("The city of the postal address"), N_("CITY") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &country, N_("The country of the postal address"), N_("COUNTRY") },
    { "allow-duplicate", 0, 0, G_OPTION_ARG_NONE, &allow_duplicate,
      N_("Save even when another contact has one of the e-mail addresses"), NULL },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The language of mail to the contact: pl, ru, hu, en, or office for the office’s"), N_("LANGUAGE") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "contacts add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!crm_cli_check_language (language, &error))
    return crm_cli_fail (cli, error);
  if (name == NULL)
    return crm_cli_usage_error (cli, _("Give the contact’s name with --name."));
  if (kind != NULL && g_str_equal (kind, "company"))
    contact_kind = CRM_CONTACT_COMPANY;
  else if (kind != NULL && !g_str_equal (kind, "person"))
    return crm_cli_usage_error (cli, _("“%s” is not a kind of contact: use person or company."), kind);
  if (contact_kind == CRM_CONTACT_COMPANY && company != NULL)
    return crm_cli_usage_error (cli, _("A company cannot belong to another company."));

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  contact = crm_contact_new (contact_kind);
  crm_contact_set_name (contact, name);
  crm_contact_set_emails (contact, (const char * const *) emails);
  crm_contact_set_phones (contact, (const char * const *) phones);
  crm_contact_set_tags (contact, (const char * const *) tags);
  crm_contact_set_note (contact, note);
  crm_contact_set_street (contact, street);
  crm_contact_set_postal_code (contact, postal_code);
  crm_contact_set_city (contact, city);
  crm_contact_set_country (contact, country);

  if (manager != NULL)
    {
      g_autoptr(CrmUser) user = crm_user_store_find_active (crm_user_store_from_session (session), manager, &error);

      if (user == NULL)
        return crm_cli_fail (cli, error);
      crm_contact_set_manager_id (contact, crm_user_get_id (user));
    }

  if ((status = save_contact (cli, session, contact, company, allow_duplicate)) != CRM_CLI_OK)
    return status;
  if (language != NULL && !crm_cli_set_contact_language (session, crm_contact_get_id (contact), language, &error))
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
  CrmSession *session;
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

  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);

  list = crm_contact_list_new (session);
  /* every row, in order: each page read when it comes to it */
  crm_paged_list_set_read_on_worker (CRM_PAGED_LIST (list), FALSE);
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
  g_autoptr(GListModel) members = NULL;
  g_autoptr(GListModel) tickets = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *address = NULL;
  CrmSession *session;
  gint64 id = 0;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "contacts show", NULL, _("Give the contact’s id."),
                                         &argc, &argv, &id)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(contact = crm_contact_store_get (crm_contact_store_from_session (session), id, &error)) ||
      !(notes = crm_contact_store_list_notes (crm_contact_store_from_session (session), id, &error)) ||
      !(history = crm_session_list_history (session, "contact", id, &error)) ||
      !(tickets = crm_ticket_store_list_contact_tickets (crm_ticket_store_from_session (session), id, 100, &error)))
    return crm_cli_fail (cli, error);
  if (crm_contact_get_kind (contact) == CRM_CONTACT_COMPANY &&
      !(members = crm_contact_store_list_company_members (crm_contact_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);

  created = crm_cli_format_time (crm_contact_get_created (contact));
  updated = crm_cli_format_time (crm_contact_get_updated (contact));
  address = crm_contact_dup_postal_address (contact);

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
      crm_cli_add_contact_language (builder, session, id);
      if (members != NULL)
        {
          json_builder_set_member_name (builder, "people");
          json_builder_begin_array (builder);
          for (guint i = 0; i < g_list_model_get_n_items (members); i++)
            {
              g_autoptr(CrmContact) member = g_list_model_get_item (members, i);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "id");
              json_builder_add_int_value (builder, crm_contact_get_id (member));
              json_builder_set_member_name (builder, "name");
              json_builder_add_string_value (builder, crm_contact_get_name (member));
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
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

      /* the client's tickets and requests, newest first (TK9) */
      json_builder_set_member_name (builder, "tickets");
      json_builder_begin_array (builder);
      for (guint i = 0; tickets != NULL && i < g_list_model_get_n_items (tickets); i++)
        {
          g_autoptr(CrmTicket) ticket = g_list_model_get_item (tickets, i);
          g_autofree char *at = crm_cli_format_time (crm_ticket_get_updated (ticket));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, crm_ticket_get_id (ticket));
          json_builder_set_member_name (builder, "subject");
          json_builder_add_string_value (builder, crm_ticket_get_subject (ticket));
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, crm_ticket_get_status (ticket));
          add_string_or_null (builder, "source", crm_ticket_get_source (ticket));
          json_builder_set_member_name (builder, "updated");
          json_builder_add_string_value (builder, at);
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
  if (address != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (address, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        g_print ("  %-10s %s\n", i == 0 ? _("Address:") : "", lines[i]);
    }
  if (crm_contact_get_tags (contact)[0] != NULL)
    {
      g_autofree char *tags = g_strjoinv (", ", (char **) crm_contact_get_tags (contact));

      g_print ("  %-10s %s\n", _("Tags:"), tags);
    }
  if (crm_contact_get_note (contact) != NULL)
    g_print ("  %-10s %s\n", _("Note:"), crm_contact_get_note (contact));
  crm_cli_print_contact_language (session, id);
  g_print ("  %-10s %s\n", _("Created:"), created);
  g_print ("  %-10s %s\n", _("Updated:"), updated);

  for (guint i = 0; members != NULL && i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr(CrmContact) member = g_list_model_get_item (members, i);

      if (i == 0)
        g_print ("%s\n", _("People:"));
      g_print ("  %8" G_GINT64_FORMAT "  %s\n", crm_contact_get_id (member), crm_contact_get_name (member));
    }

  for (guint i = 0; tickets != NULL && i < g_list_model_get_n_items (tickets); i++)
    {
      g_autoptr(CrmTicket) ticket = g_list_model_get_item (tickets, i);

      if (i == 0)
        g_print ("%s\n", _("Tickets:"));
      g_print ("  %8" G_GINT64_FORMAT "  %s  (%s)\n", crm_ticket_get_id (ticket), crm_ticket_get_subject (ticket),
               crm_ticket_display_name (crm_ticket_get_status (ticket)));
    }

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
crm_cli_contacts_edit (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = NULL;
  g_autofree char *name = NULL;
  g_autofree char *company = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *note = NULL;
  g_autofree char *street = NULL;
  g_autofree char *postal_code = NULL;
  g_autofree char *city = NULL;
  g_autofree char *country = NULL;
  g_autofree char *language = NULL;
  g_auto(GStrv) emails = NULL;
  g_auto(GStrv) phones = NULL;
  g_auto(GStrv) tags = NULL;
  gboolean allow_duplicate = FALSE;
  CrmSession *session;
  gint64 id = 0;
  int status;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The person’s or company’s name"), N_("NAME") },
    { "company", 0, 0, G_OPTION_ARG_STRING, &company,
      N_("The person’s company, created when new; empty for none"), N_("COMPANY") },
    { "email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &emails,
      N_("An e-mail address (repeatable; replaces all of them; empty for none)"), N_("ADDRESS") },
    { "phone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &phones,
      N_("A phone number (repeatable; replaces all of them; empty for none)"), N_("NUMBER") },
    { "manager", 0, 0, G_OPTION_ARG_STRING, &manager,
      N_("The responsible user: id, e-mail or name; empty for nobody"), N_("USER") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &tags,
      N_("A tag (repeatable; replaces all of them; empty for none)"), N_("TAG") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("The CRM note"), N_("TEXT") },
    { "street", 0, 0, G_OPTION_ARG_STRING, &street, N_("The street and number of the postal address"), N_("STREET") },
    { "postal-code", 0, 0, G_OPTION_ARG_STRING, &postal_code, N_("The postal code"), N_("CODE") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("The city of the postal address"), N_("CITY") },
    { "country", 0, 0, G_OPTION_ARG_STRING, &country, N_("The country of the postal address"), N_("COUNTRY") },
    { "allow-duplicate", 0, 0, G_OPTION_ARG_NONE, &allow_duplicate,
      N_("Save even when another contact has one of the e-mail addresses"), NULL },
    { "language", 0, 0, G_OPTION_ARG_STRING, &language,
      N_("The language of mail to the contact: pl, ru, hu, en, or office for the office’s"), N_("LANGUAGE") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "contacts edit", entries, _("Give the contact’s id."),
                                         &argc, &argv, &id)) != CRM_CLI_OK)
    return status;
  if (!crm_cli_check_language (language, &error))
    return crm_cli_fail (cli, error);

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(contact = crm_contact_store_get (crm_contact_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);

  if (company != NULL && *company != '\0' && crm_contact_get_kind (contact) == CRM_CONTACT_COMPANY)
    return crm_cli_usage_error (cli, _("A company cannot belong to another company."));

  /* what is not given stays as it is */
  if (name != NULL)
    crm_contact_set_name (contact, name);
  if (emails != NULL)
    crm_contact_set_emails (contact, (const char * const *) emails);
  if (phones != NULL)
    crm_contact_set_phones (contact, (const char * const *) phones);
  if (tags != NULL)
    crm_contact_set_tags (contact, (const char * const *) tags);
  if (note != NULL)
    crm_contact_set_note (contact, note);
  if (street != NULL)
    crm_contact_set_street (contact, street);
  if (postal_code != NULL)
    crm_contact_set_postal_code (contact, postal_code);
  if (city != NULL)
    crm_contact_set_city (contact, city);
  if (country != NULL)
    crm_contact_set_country (contact, country);

  if (manager != NULL && *manager == '\0')
    crm_contact_set_manager_id (contact, 0);
  else if (manager != NULL)
    {
      g_autoptr(CrmUser) user = crm_user_store_find_active (crm_user_store_from_session (session), manager, &error);

      if (user == NULL)
        return crm_cli_fail (cli, error);
      crm_contact_set_manager_id (contact, crm_user_get_id (user));
    }

  if ((status = save_contact (cli, session, contact, company, allow_duplicate)) != CRM_CLI_OK)
    return status;
  if (language != NULL && !crm_cli_set_contact_language (session, id, language, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_contacts_delete (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  CrmSession *session;
  gint64 id = 0;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "contacts delete", NULL, _("Give the contact’s id."),
                                         &argc, &argv, &id)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_contact_store_delete (crm_contact_store_from_session (session), id, &error))
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
  CrmSession *session;
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

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(note_id = crm_contact_store_add_note (crm_contact_store_from_session (session), id, text, &error)))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, note_id);

  return CRM_CLI_OK;
}
