/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"

/* Projects made from sales requests (CRMCTL.md, "More ticket and
 * request operations"; RQ8, RQ13). Amounts go out as exact decimal
 * texts ("1234.50"), never JSON numbers, which scripts would read as
 * floating point; they come in as people write them ("12,50"). */

/* The project's members but its items. */
static void
add_project_members (JsonBuilder      *builder,
                     const CrmProject *project,
                     const char       *currency)
{
  g_autofree char *total = crm_project_money_to_string (project->total);
  g_autofree char *created = crm_cli_format_time (project->created_at);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, project->id);
  json_builder_set_member_name (builder, "ticket");
  json_builder_add_int_value (builder, project->ticket_id);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, project->name);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, crm_project_status (project));
  json_builder_set_member_name (builder, "total");
  json_builder_add_string_value (builder, total);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, currency);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  crm_cli_add_nullable (builder, "created_by", project->created_by);
  if (project->closed)
    {
      g_autofree char *closed = crm_cli_format_time (project->closed_at);

      crm_cli_add_nullable (builder, "closed", closed);
    }
  else
    crm_cli_add_nullable (builder, "closed", NULL);
  crm_cli_add_nullable (builder, "closed_by", project->closed_by);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, project->version);
}

static int
parse_actor (CrmCli      *cli,
             const char  *as,
             CrmSession **session)
{
  g_autoptr(GError) error = NULL;
  gint64 user_id;

  if (!(*session = crm_cli_open_store (cli, &error)) || !crm_cli_set_actor (*session, as, &user_id, &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}

int
crm_cli_projects_add (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 ticket_id = 0, id;
  int status;
  const GOptionEntry entries[] = {
    { "ticket", 0, 0, G_OPTION_ARG_INT64, &ticket_id, N_("The request it is made from (required)"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The project’s name (required)"), N_("NAME") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who makes it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "projects add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (ticket_id <= 0)
    return crm_cli_usage_error (cli, _("Say which request with --ticket ID."));
  if (name == NULL)
    return crm_cli_usage_error (cli, _("Name the project with --name."));
  if ((status = parse_actor (cli, as, &session)) != CRM_CLI_OK)
    return status;
  if (!(id = crm_project_store_add (crm_project_store_from_session (session), ticket_id, name, NULL, &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_projects_item (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmProjectItem) item = NULL;
  g_autofree char *material = NULL;
  g_autofree char *quantity = NULL;
  g_autofree char *price = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 project_id, id, thousandths, minor;
  int status;
  const GOptionEntry entries[] = {
    { "material", 0, 0, G_OPTION_ARG_STRING, &material, N_("What is made or supplied (required)"), N_("TEXT") },
    { "quantity", 0, 0, G_OPTION_ARG_STRING, &quantity, N_("How much, up to 3 decimals: 2.5 (required)"), N_("Q") },
    { "price", 0, 0, G_OPTION_ARG_STRING, &price, N_("The price of one unit, up to 2 decimals: 12.50 (required)"),
      N_("P") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("The unit: m, kg, pcs"), N_("U") },
    { "terms", 0, 0, G_OPTION_ARG_STRING, &terms, N_("The item’s terms: delivery, finish"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who adds it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "projects item", entries, _("Give the project’s number."),
                                      &argc, &argv, &project_id)) != CRM_CLI_OK)
    return status;
  if (material == NULL || quantity == NULL || price == NULL)
    return crm_cli_usage_error (cli, _("Give the item’s --material, --quantity and --price."));
  if (!crm_project_parse_quantity (quantity, &thousandths, &error) ||
      !crm_project_parse_money (price, &minor, &error))
    return crm_cli_fail (cli, error);
  item = crm_project_item_new (material, thousandths, unit, minor, terms);
  if (!crm_project_item_check (item, &error))
    return crm_cli_fail (cli, error);
  if ((status = parse_actor (cli, as, &session)) != CRM_CLI_OK)
    return status;
  if (!(id = crm_project_store_add_item (crm_project_store_from_session (session), project_id, item, &error)))
    return crm_cli_fail (cli, error);
  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_projects_list (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) projects = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *currency = NULL;
  CrmProjectStore *store;
  CrmSession *session;
  gint64 ticket_id = 0;
  int status;
  const GOptionEntry entries[] = {
    { "ticket", 0, 0, G_OPTION_ARG_INT64, &ticket_id, N_("Only this request’s projects"), N_("ID") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "projects list", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (ticket_id < 0)
    return crm_cli_usage_error (cli, _("Give the request’s number with --ticket."));
  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  store = crm_project_store_from_session (session);
  if (!(projects = crm_project_store_list (store, ticket_id, &error)))
    return crm_cli_fail (cli, error);
  currency = crm_project_store_dup_currency (store);

  json_builder_begin_array (builder);
  for (guint i = 0; i < projects->len; i++)
    {
      CrmProject *project = g_ptr_array_index (projects, i);

      if (!cli->json)
        {
          g_autofree char *total = crm_project_format_money (project->total);

          g_print ("%6" G_GINT64_FORMAT "  #%-6" G_GINT64_FORMAT "  %-6s  %3u  %14s %s  %s\n", project->id,
                   project->ticket_id, crm_project_status (project), project->n_items, total, currency, project->name);
          continue;
        }
      json_builder_begin_object (builder);
      add_project_members (builder, project, currency);
      json_builder_set_member_name (builder, "items");
      json_builder_add_int_value (builder, project->n_items);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_projects_show (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmProject) project = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *currency = NULL;
  CrmProjectStore *store;
  CrmSession *session;
  gint64 project_id;
  int status;
  const GOptionEntry entries[] = { { NULL } };

  if ((status = crm_cli_parse_one_id (cli, "projects show", entries, _("Give the project’s number."),
                                      &argc, &argv, &project_id)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  store = crm_project_store_from_session (session);
  if (!(project = crm_project_store_get (store, project_id, &error)))
    return crm_cli_fail (cli, error);
  currency = crm_project_store_dup_currency (store);

  if (!cli->json)
    {
      g_autofree char *total = crm_project_format_money (project->total);

      /* Translators: crmctl projects show: number, name, request, status */
      g_print (_("Project %lld: %s (request #%lld, %s)\n"), (long long) project->id, project->name,
               (long long) project->ticket_id, crm_project_status (project));
      for (guint i = 0; i < project->items->len; i++)
        {
          CrmProjectItem *item = g_ptr_array_index (project->items, i);
          g_autofree char *quantity = crm_project_format_quantity (item->quantity);
          g_autofree char *price = crm_project_format_money (item->price);
          g_autofree char *line = crm_project_format_money (crm_project_item_get_total (item));

          g_print ("%3u. %s: %s %s × %s = %s %s%s%s\n", item->position, item->material, quantity,
                   item->unit != NULL ? item->unit : "", price, line, currency, item->terms != NULL ? " · " : "",
                   item->terms != NULL ? item->terms : "");
        }
      /* Translators: crmctl projects show: the total and the currency */
      g_print (_("Total: %s %s\n"), total, currency);
      return CRM_CLI_OK;
    }

  json_builder_begin_object (builder);
  add_project_members (builder, project, currency);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < project->items->len; i++)
    {
      CrmProjectItem *item = g_ptr_array_index (project->items, i);
      g_autofree char *quantity = crm_project_quantity_to_string (item->quantity);
      g_autofree char *price = crm_project_money_to_string (item->price);
      g_autofree char *line = crm_project_money_to_string (crm_project_item_get_total (item));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, item->id);
      json_builder_set_member_name (builder, "position");
      json_builder_add_int_value (builder, item->position);
      json_builder_set_member_name (builder, "material");
      json_builder_add_string_value (builder, item->material);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_string_value (builder, quantity);
      crm_cli_add_nullable (builder, "unit", item->unit);
      json_builder_set_member_name (builder, "price");
      json_builder_add_string_value (builder, price);
      json_builder_set_member_name (builder, "total");
      json_builder_add_string_value (builder, line);
      crm_cli_add_nullable (builder, "terms", item->terms);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

/* "projects close" and "projects reopen": what became of the request. */
static int
close_or_reopen (CrmCli    *cli,
                 int        argc,
                 char     **argv,
                 gboolean   close)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmProject) project = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *as = NULL;
  CrmProjectStore *store;
  CrmSession *session;
  gboolean ticket_changed = FALSE;
  gint64 project_id;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, close ? N_("The user who closes it") : N_("The user who reopens it"),
      N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, close ? "projects close" : "projects reopen", entries,
                                      _("Give the project’s number."), &argc, &argv, &project_id)) != CRM_CLI_OK)
    return status;
  if ((status = parse_actor (cli, as, &session)) != CRM_CLI_OK)
    return status;
  store = crm_project_store_from_session (session);
  if (!(close ? crm_project_store_close (store, project_id, &ticket_changed, &error)
              : crm_project_store_reopen (store, project_id, &ticket_changed, &error)) ||
      !(project = crm_project_store_get (store, project_id, &error)))
    return crm_cli_fail (cli, error);

  if (!cli->json)
    {
      if (ticket_changed)
        g_print (close
                 /* Translators: crmctl projects close; a request's number */
                 ? _("Request #%lld closed with its last project.\n")
                 /* Translators: crmctl projects reopen; a request's number */
                 : _("Request #%lld is open again.\n"),
                 (long long) project->ticket_id);
      return CRM_CLI_OK;
    }
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, project->id);
  json_builder_set_member_name (builder, "ticket");
  json_builder_add_int_value (builder, project->ticket_id);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, crm_project_status (project));
  json_builder_set_member_name (builder, close ? "ticket_closed" : "ticket_reopened");
  json_builder_add_boolean_value (builder, ticket_changed);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_projects_close (CrmCli  *cli,
                        int      argc,
                        char   **argv)
{
  return close_or_reopen (cli, argc, argv, TRUE);
}

int
crm_cli_projects_reopen (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  return close_or_reopen (cli, argc, argv, FALSE);
}

int
crm_cli_projects_spec (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmProjectSpec) spec = NULL;
  g_autofree char *pdf = NULL;
  CrmSession *session;
  gint64 project_id;
  int status;
  const GOptionEntry entries[] = {
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("The PDF file to write (required)"), N_("FILE") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "projects spec", entries, _("Give the project’s number."),
                                      &argc, &argv, &project_id)) != CRM_CLI_OK)
    return status;
  if (pdf == NULL)
    return crm_cli_usage_error (cli, _("Say where to write the specification with --pdf FILE."));
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(spec = crm_project_spec_read (session, project_id, &error)) ||
      !crm_project_spec_to_pdf (spec, pdf, &error))
    return crm_cli_fail (cli, error);

  return CRM_CLI_OK;
}
