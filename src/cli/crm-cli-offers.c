/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "crm-cli.h"
#include "crm-offer-store.h"
#include "crm-search-store.h"
#include "crm-user-store.h"

/* crmctl offers, searches and matches (CRMCTL.md, "Offers and searches") */

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
add_int_or_null (JsonBuilder *builder,
                 const char  *member,
                 gint64       value,
                 gint64       unset)
{
  json_builder_set_member_name (builder, member);
  if (value != unset)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_double_or_null (JsonBuilder *builder,
                    const char  *member,
                    double       value,
                    double       unset)
{
  json_builder_set_member_name (builder, member);
  if (value != unset)
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_ids (JsonBuilder *builder,
         const char  *member,
         GArray      *ids)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
}

static char *
join_ids (GArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "", g_array_index (ids, gint64, i));

  return g_string_free (text, FALSE);
}

/* The ids given as arguments, from argv[1] on. */
static int
parse_ids (CrmCli  *cli,
           int      argc,
           char   **argv,
           int      first,
           GArray **ids)
{
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int i = first; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id;

      if (!crm_cli_parse_id (argv[i], &id, &error))
        return crm_cli_fail (cli, error);
      g_array_append_val (*ids, id);
    }

  return CRM_CLI_OK;
}

/* A filter's user may be anyone who ever worked; one given work must
 * be active. */
static gboolean
find_user_id (CrmSession  *session,
              const char  *reference,
              gint64      *id,
              GError     **error)
{
  g_autoptr(CrmUser) user = NULL;

  *id = 0;
  if (reference == NULL)
    return TRUE;
  if (!(user = crm_user_store_find (crm_user_store_from_session (session), reference, error)))
    return FALSE;
  *id = crm_user_get_id (user);

  return TRUE;
}

static gboolean
find_agent_id (CrmSession  *session,
               const char  *reference,
               gint64      *id,
               GError     **error)
{
  g_autoptr(CrmUser) user = NULL;

  *id = 0;
  if (reference == NULL)
    return TRUE;
  if (!(user = crm_user_store_find_active (crm_user_store_from_session (session), reference, error)))
    return FALSE;
  *id = crm_user_get_id (user);

  return TRUE;
}

static void
add_offer (JsonBuilder *builder,
           CrmOffer    *offer)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_offer_get_id (offer));
  add_string_or_null (builder, "transaction", crm_deal_to_string (crm_offer_get_deal (offer)));
  add_string_or_null (builder, "type", crm_property_type_to_string (crm_offer_get_property_type (offer)));
  add_string_or_null (builder, "city", crm_offer_get_city (offer));
  add_string_or_null (builder, "district", crm_offer_get_district (offer));
  add_string_or_null (builder, "street", crm_offer_get_street (offer));
  json_builder_set_member_name (builder, "price");
  json_builder_add_int_value (builder, crm_offer_get_price (offer));
  json_builder_set_member_name (builder, "area");
  json_builder_add_double_value (builder, crm_offer_get_area (offer));
  add_int_or_null (builder, "rooms", crm_offer_get_rooms (offer), CRM_OFFER_ANY);
  add_int_or_null (builder, "floor", crm_offer_get_floor (offer), CRM_OFFER_ANY_FLOOR);
  add_string_or_null (builder, "market", crm_market_to_string (crm_offer_get_market (offer)));
  add_string_or_null (builder, "description", crm_offer_get_description (offer));
  add_int_or_null (builder, "agent_id", crm_offer_get_agent_id (offer), 0);
  add_string_or_null (builder, "agent", crm_offer_get_agent_name (offer));
  crm_cli_add_time (builder, "created", crm_offer_get_created (offer));
}

static void
add_search (JsonBuilder *builder,
            CrmSession  *session,
            CrmSearch   *search)
{
  gint64 price_min, price_max;
  double area_min, area_max;
  int rooms_min, rooms_max, floor_min, floor_max;
  CrmPropertyTypes types = crm_search_get_types (search);

  crm_search_get_price_range (search, &price_min, &price_max);
  crm_search_get_area_range (search, &area_min, &area_max);
  crm_search_get_rooms_range (search, &rooms_min, &rooms_max);
  crm_search_get_floor_range (search, &floor_min, &floor_max);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_search_get_id (search));
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_int_value (builder, crm_search_get_client_id (search));
  add_string_or_null (builder, "client", crm_search_get_client_name (search));
  add_int_or_null (builder, "agent_id", crm_search_get_agent_id (search), 0);
  add_string_or_null (builder, "agent", crm_search_get_agent_name (search));
  add_string_or_null (builder, "transaction", crm_deal_to_string (crm_search_get_deal (search)));
  json_builder_set_member_name (builder, "types");
  json_builder_begin_array (builder);
  for (CrmPropertyTypes t = CRM_PROPERTY_FLAT; t <= CRM_PROPERTY_COMMERCIAL; t <<= 1)
    if ((types & t) != 0)
      json_builder_add_string_value (builder, crm_property_type_to_string (t));
  json_builder_end_array (builder);
  crm_cli_add_strv (builder, "locations", crm_search_get_locations (search));
  add_int_or_null (builder, "price_min", price_min, CRM_OFFER_ANY);
  add_int_or_null (builder, "price_max", price_max, CRM_OFFER_ANY);
  add_double_or_null (builder, "area_min", area_min, CRM_OFFER_ANY);
  add_double_or_null (builder, "area_max", area_max, CRM_OFFER_ANY);
  add_int_or_null (builder, "rooms_min", rooms_min, CRM_OFFER_ANY);
  add_int_or_null (builder, "rooms_max", rooms_max, CRM_OFFER_ANY);
  add_int_or_null (builder, "floor_min", floor_min, CRM_OFFER_ANY_FLOOR);
  add_int_or_null (builder, "floor_max", floor_max, CRM_OFFER_ANY_FLOOR);
  add_string_or_null (builder, "market", crm_market_to_string (crm_search_get_market (search)));
  add_string_or_null (builder, "notify", crm_notify_to_string (crm_search_get_notify (search)));
  crm_cli_add_time (builder, "updated", crm_search_get_updated (search));
  json_builder_set_member_name (builder, "fresh");
  json_builder_add_boolean_value (builder, crm_offer_store_search_is_fresh (crm_offer_store_from_session (session), search));
}

static void
add_history (JsonBuilder *builder,
             GListModel  *history)
{
  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, i);

      json_builder_begin_object (builder);
      crm_cli_add_time (builder, "at", crm_history_entry_get_at (entry));
      add_string_or_null (builder, "user", crm_history_entry_get_actor (entry));
      add_string_or_null (builder, "action", crm_history_entry_get_action (entry));
      add_string_or_null (builder, "detail", crm_history_entry_get_detail (entry));
      /* the mail sent (OF9): "matches show MAIL_ID" opens it */
      add_int_or_null (builder, "mail_id", crm_history_entry_get_offer_mail_id (entry), 0);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_history (GListModel *history)
{
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, i);
      g_autofree char *at = crm_cli_format_time (crm_history_entry_get_at (entry));
      const char *detail = crm_history_entry_get_detail (entry);

      gint64 mail_id = crm_history_entry_get_offer_mail_id (entry);
      const char *actor = crm_history_entry_get_actor (entry);

      g_print ("  %s  %s%s%s", at, crm_history_entry_get_action (entry), detail ? ": " : "", detail ? detail : "");
      if (actor != NULL)
        /* Translators: after a line of history: who did it */
        g_print (_(" (by %s)"), actor);
      if (mail_id != 0)
        /* Translators: after a sent mail in a history: how to read it */
        g_print (_(" — crmctl matches show %lld"), (long long) mail_id);
      g_print ("\n");
    }
}

/* offers */

int
crm_cli_offers_add (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOffer) offer = crm_offer_new ();
  g_autoptr(GArray) matched = NULL;
  g_autofree char *transaction = NULL;
  g_autofree char *type = NULL;
  g_autofree char *city = NULL;
  g_autofree char *district = NULL;
  g_autofree char *street = NULL;
  g_autofree char *price = NULL;
  g_autofree char *area = NULL;
  g_autofree char *rooms = NULL;
  g_autofree char *floor = NULL;
  g_autofree char *market = NULL;
  g_autofree char *description = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *as = NULL;
  gint64 agent_id;
  gint64 actor;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "transaction", 0, 0, G_OPTION_ARG_STRING, &transaction, N_("sale or rent"), N_("TRANSACTION") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("flat, house, plot or commercial"), N_("TYPE") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("The city"), N_("CITY") },
    { "district", 0, 0, G_OPTION_ARG_STRING, &district, N_("The district"), N_("DISTRICT") },
    { "street", 0, 0, G_OPTION_ARG_STRING, &street, N_("The street and number"), N_("STREET") },
    { "price", 0, 0, G_OPTION_ARG_STRING, &price, N_("The price, a whole number"), N_("PRICE") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("The area in square metres"), N_("AREA") },
    { "rooms", 0, 0, G_OPTION_ARG_STRING, &rooms, N_("How many rooms"), N_("N") },
    { "floor", 0, 0, G_OPTION_ARG_STRING, &floor, N_("The floor, 0 for the ground floor"), N_("N") },
    { "market", 0, 0, G_OPTION_ARG_STRING, &market, N_("primary or secondary"), N_("MARKET") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("A description"), N_("TEXT") },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, N_("The responsible agent: id, e-mail or name"), N_("USER") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this user"), N_("USER") },
    { NULL }
  };
  static const char *fields[] = {
    "transaction", "type", "city", "district", "street", "price", "area", "rooms", "floor", "market", "description",
  };

  if ((status = crm_cli_parse_no_args (cli, "offers add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (transaction == NULL || type == NULL || city == NULL || price == NULL || area == NULL)
    return crm_cli_usage_error (cli, _("Give --transaction, --type, --city, --price and --area."));

  /* the same fields as a CSV file's columns */
  {
    const char *values[] = { transaction, type, city, district, street, price, area, rooms, floor, market,
                             description };

    G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (fields));
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (values[i] != NULL && !crm_offer_set_field (offer, fields[i], values[i], &error))
        return crm_cli_fail (cli, error);
  }

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &actor, &error) ||
      !find_agent_id (session, agent, &agent_id, &error))
    return crm_cli_fail (cli, error);
  crm_offer_set_agent_id (offer, agent_id);

  if (!crm_offer_store_save (crm_offer_store_from_session (session), offer, &matched, &error))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, crm_offer_get_id (offer));
      add_ids (builder, "matched", matched);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
    }
  else
    {
      g_autofree char *list = join_ids (matched);

      /* Translators: an offer's number, then the numbers of searches */
      g_print (_("Offer %lld saved; matched searches: %s\n"), (long long) crm_offer_get_id (offer),
               matched->len > 0 ? list : _("none"));
    }

  return CRM_CLI_OK;
}

int
crm_cli_offers_import (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *text = NULL;
  g_autofree char *as = NULL;
  gsize length;
  guint matched = 0;
  gint64 actor;
  CrmSession *session;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this user"), N_("USER") },
    { NULL }
  };

  if (!crm_cli_parse (cli, "offers import", _("FILE.csv"), entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc != 2)
    return crm_cli_usage_error (cli, _("Give one CSV file, with a header line: "
                                       "transaction,type,city,district,price,area,rooms,floor,market."));
  if (!g_file_get_contents (argv[1], &text, &length, &error))
    return crm_cli_usage_error (cli, "%s", error->message);

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &actor, &error) ||
      !crm_offer_store_import (crm_offer_store_from_session (session), text, length, &ids, &matched, &error))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "imported");
      json_builder_add_int_value (builder, ids->len);
      add_ids (builder, "ids", ids);
      json_builder_set_member_name (builder, "matched");
      json_builder_add_int_value (builder, matched);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
    }
  else
    g_print (ngettext ("%u offer imported, matched to %u searches\n",
                       "%u offers imported, matched to %u searches\n", ids->len),
             ids->len, matched);

  return CRM_CLI_OK;
}

int
crm_cli_offers_list (CrmCli  *cli,
                     int      argc,
                     char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) offers = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *transaction = NULL;
  g_autofree char *type = NULL;
  g_autofree char *city = NULL;
  g_autofree char *agent = NULL;
  CrmOfferFilter filter = { 0 };
  int limit = 100;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "transaction", 0, 0, G_OPTION_ARG_STRING, &transaction, N_("Only sale or rent"), N_("TRANSACTION") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("Only this property type"), N_("TYPE") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &city, N_("Only this city"), N_("CITY") },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, N_("Only this agent’s offers"), N_("USER") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many (default 100)"), N_("N") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "offers list", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (limit < 1)
    return crm_cli_usage_error (cli, _("--limit takes a number of 1 or more."));

  filter.deal = transaction;
  filter.property_type = type;
  filter.city = city;
  filter.limit = limit;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !find_user_id (session, agent, &filter.agent_id, &error) ||
      !crm_offer_store_check_filter (crm_offer_store_from_session (session), &filter, &error) ||
      !(offers = crm_offer_store_list (crm_offer_store_from_session (session), &filter, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (offers); i++)
    {
      g_autoptr(CrmOffer) offer = g_list_model_get_item (offers, i);

      if (!cli->json)
        {
          g_autofree char *title = crm_offer_dup_title (offer);
          g_autofree char *location = crm_offer_dup_location (offer);
          g_autofree char *summary = crm_offer_dup_summary (offer);

          g_print ("%6lld  %s, %s; %s\n", (long long) crm_offer_get_id (offer), title, location, summary);
          continue;
        }
      json_builder_begin_object (builder);
      add_offer (builder, offer);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_offers_show (CrmCli  *cli,
                     int      argc,
                     char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOffer) offer = NULL;
  g_autoptr(GListModel) history = NULL;
  CrmSession *session;
  gint64 id;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "offers show", NULL, _("Give the offer’s number."), &argc, &argv,
                                      &id)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(offer = crm_offer_store_get (crm_offer_store_from_session (session), id, &error)) ||
      !(history = crm_offer_store_list_history (crm_offer_store_from_session (session), "offer", id, &error)))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_offer (builder, offer);
      add_history (builder, history);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
    }
  else
    {
      g_autofree char *title = crm_offer_dup_title (offer);
      g_autofree char *location = crm_offer_dup_location (offer);
      g_autofree char *summary = crm_offer_dup_summary (offer);

      g_print ("%lld  %s\n%s\n%s\n", (long long) id, title, location, summary);
      print_history (history);
    }

  return CRM_CLI_OK;
}

/* searches */

static int
parse_bound (CrmCli     *cli,
             const char *text,
             const char *kind,
             double     *value)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  if (text == NULL)
    return CRM_CLI_OK;

  if (g_str_equal (kind, "price"))
    {
      gint64 price;

      if ((ok = crm_parse_price (text, &price, &error)))
        *value = price;
    }
  else if (g_str_equal (kind, "area"))
    ok = crm_parse_area (text, value, &error);
  else
    {
      int number;

      if ((ok = g_str_equal (kind, "rooms") ? crm_parse_rooms (text, &number, &error)
                                            : crm_parse_floor (text, &number, &error)))
        *value = number;
    }

  return ok ? CRM_CLI_OK : crm_cli_fail (cli, error);
}

int
crm_cli_searches_add (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSearch) search = NULL;
  g_auto(GStrv) types = NULL;
  g_auto(GStrv) locations = NULL;
  g_autofree char *transaction = NULL;
  g_autofree char *price_min = NULL;
  g_autofree char *price_max = NULL;
  g_autofree char *area_min = NULL;
  g_autofree char *area_max = NULL;
  g_autofree char *rooms_min = NULL;
  g_autofree char *rooms_max = NULL;
  g_autofree char *floor_min = NULL;
  g_autofree char *floor_max = NULL;
  g_autofree char *market = NULL;
  g_autofree char *notify = NULL;
  g_autofree char *agent = NULL;
  g_autofree char *note = NULL;
  g_autofree char *as = NULL;
  static const char *kinds[8] = { "price", "price", "area", "area", "rooms", "rooms", "floor", "floor" };
  double values[8] = { CRM_OFFER_ANY, CRM_OFFER_ANY, CRM_OFFER_ANY, CRM_OFFER_ANY, CRM_OFFER_ANY, CRM_OFFER_ANY,
                       CRM_OFFER_ANY_FLOOR, CRM_OFFER_ANY_FLOOR };
  CrmPropertyTypes type_set = CRM_PROPERTY_ANY;
  CrmDeal deal;
  CrmMarket market_value = CRM_MARKET_ANY;
  CrmNotify notify_value = CRM_NOTIFY_OFF;
  gint64 client_id = 0;
  gint64 agent_id;
  gint64 actor;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "client", 0, 0, G_OPTION_ARG_INT64, &client_id, N_("The client: a contact’s id"), N_("ID") },
    { "transaction", 0, 0, G_OPTION_ARG_STRING, &transaction, N_("sale (to buy) or rent"), N_("TRANSACTION") },
    { "type", 0, 0, G_OPTION_ARG_STRING_ARRAY, &types, N_("A property type that will do (repeatable)"), N_("TYPE") },
    { "location", 0, 0, G_OPTION_ARG_STRING_ARRAY, &locations, N_("A place that will do (repeatable)"),
      N_("CITY[/DISTRICT]") },
    { "price-min", 0, 0, G_OPTION_ARG_STRING, &price_min, N_("The lowest price"), N_("X") },
    { "price-max", 0, 0, G_OPTION_ARG_STRING, &price_max, N_("The highest price"), N_("X") },
    { "area-min", 0, 0, G_OPTION_ARG_STRING, &area_min, N_("The smallest area in square metres"), N_("X") },
    { "area-max", 0, 0, G_OPTION_ARG_STRING, &area_max, N_("The largest area in square metres"), N_("X") },
    { "rooms-min", 0, 0, G_OPTION_ARG_STRING, &rooms_min, N_("The fewest rooms"), N_("N") },
    { "rooms-max", 0, 0, G_OPTION_ARG_STRING, &rooms_max, N_("The most rooms"), N_("N") },
    { "floor-min", 0, 0, G_OPTION_ARG_STRING, &floor_min, N_("The lowest floor"), N_("N") },
    { "floor-max", 0, 0, G_OPTION_ARG_STRING, &floor_max, N_("The highest floor"), N_("N") },
    { "market", 0, 0, G_OPTION_ARG_STRING, &market, N_("primary or secondary"), N_("MARKET") },
    { "notify", 0, 0, G_OPTION_ARG_STRING, &notify, N_("New offers: off, agent (prepared) or client (mailed)"),
      N_("MODE") },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, N_("The responsible agent: id, e-mail or name"), N_("USER") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note"), N_("TEXT") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this user"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "searches add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (client_id <= 0 || transaction == NULL)
    return crm_cli_usage_error (cli, _("Give --client and --transaction."));
  if (!crm_deal_from_string (transaction, &deal))
    return crm_cli_usage_error (cli, _("“%s” is not a transaction: use sale or rent."), transaction);
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    {
      CrmPropertyTypes type;

      if (!crm_property_type_from_string (types[i], &type))
        return crm_cli_usage_error (cli, _("“%s” is not a property type: use flat, house, plot or commercial."),
                                    types[i]);
      type_set |= type;
    }
  {
    const char *bounds[] = { price_min, price_max, area_min, area_max, rooms_min, rooms_max, floor_min, floor_max };

    for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
      if ((status = parse_bound (cli, bounds[i], kinds[i], &values[i])) != CRM_CLI_OK)
        return status;
  }
  if (market != NULL && (!crm_market_from_string (market, &market_value) || market_value == CRM_MARKET_ANY))
    return crm_cli_usage_error (cli, _("“%s” is not a market: use primary or secondary."), market);
  if (notify != NULL && !crm_notify_from_string (notify, &notify_value))
    return crm_cli_usage_error (cli, _("“%s” is not a notification: use off, agent or client."), notify);

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &actor, &error) ||
      !find_agent_id (session, agent, &agent_id, &error))
    return crm_cli_fail (cli, error);

  search = crm_search_new (client_id, deal);
  crm_search_set_types (search, type_set);
  crm_search_set_locations (search, (const char * const *) locations);
  crm_search_set_price_range (search, (gint64) values[0], (gint64) values[1]);
  crm_search_set_area_range (search, values[2], values[3]);
  crm_search_set_rooms_range (search, (int) values[4], (int) values[5]);
  crm_search_set_floor_range (search, (int) values[6], (int) values[7]);
  crm_search_set_market (search, market_value);
  crm_search_set_notify (search, notify_value);
  crm_search_set_agent_id (search, agent_id);
  crm_search_set_note (search, note);

  if (!crm_search_store_save (crm_search_store_from_session (session), search, TRUE, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, crm_search_get_id (search));

  return CRM_CLI_OK;
}

int
crm_cli_searches_list (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) searches = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *agent = NULL;
  CrmSearchFilter filter = { 0 };
  gboolean stale = FALSE;
  gint64 client_id = 0;
  int limit = 100;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "stale", 0, 0, G_OPTION_ARG_NONE, &stale, N_("Only searches not updated for 30 days, oldest first"), NULL },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, N_("Only this agent’s searches"), N_("USER") },
    { "client", 0, 0, G_OPTION_ARG_INT64, &client_id, N_("Only this client’s searches"), N_("ID") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many (default 100)"), N_("N") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "searches list", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (limit < 1)
    return crm_cli_usage_error (cli, _("--limit takes a number of 1 or more."));

  filter.stale_only = stale;
  filter.client_id = client_id;
  filter.limit = limit;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !find_user_id (session, agent, &filter.agent_id, &error) ||
      !crm_search_store_check_filter (crm_search_store_from_session (session), &filter, &error) ||
      !(searches = crm_search_store_list (crm_search_store_from_session (session), &filter, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (searches); i++)
    {
      g_autoptr(CrmSearch) search = g_list_model_get_item (searches, i);

      if (!cli->json)
        {
          g_autofree char *summary = crm_search_dup_summary (search);
          g_autofree char *updated = crm_cli_format_time (crm_search_get_updated (search));

          g_print ("%6lld  %s: %s (%s, %s)\n", (long long) crm_search_get_id (search),
                   crm_search_get_client_name (search), summary, crm_notify_to_string (crm_search_get_notify (search)),
                   updated);
          continue;
        }
      json_builder_begin_object (builder);
      add_search (builder, session, search);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_searches_show (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSearch) search = NULL;
  g_autoptr(GListModel) history = NULL;
  CrmSession *session;
  gint64 id;
  int status;

  if ((status = crm_cli_parse_one_id (cli, "searches show", NULL, _("Give the search’s number."), &argc, &argv,
                                      &id)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(search = crm_search_store_get (crm_search_store_from_session (session), id, &error)) ||
      !(history = crm_offer_store_list_history (crm_offer_store_from_session (session), "search", id, &error)))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_search (builder, session, search);
      add_history (builder, history);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
    }
  else
    {
      g_autofree char *summary = crm_search_dup_summary (search);

      g_print ("%lld  %s\n%s\n", (long long) id, crm_search_get_client_name (search), summary);
      print_history (history);
    }

  return CRM_CLI_OK;
}

int
crm_cli_searches_bump (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *as = NULL;
  gint64 actor;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this user"), N_("USER") },
    { NULL }
  };

  if (!crm_cli_parse (cli, "searches bump", _("ID…"), entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc < 2)
    return crm_cli_usage_error (cli, _("Give the numbers of the searches to bump."));
  if ((status = parse_ids (cli, argc, argv, 1, &ids)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &actor, &error) ||
      !crm_search_store_bump (crm_search_store_from_session (session), (const gint64 *) ids->data, ids->len, &error))
    return crm_cli_fail (cli, error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_ids (builder, "bumped", ids);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
    }
  else
    {
      g_autofree char *list = join_ids (ids);

      /* Translators: %s is a list of search numbers */
      g_print (_("Bumped: %s\n"), list);
    }

  return CRM_CLI_OK;
}

/* matches */

static void
add_offer_mail (JsonBuilder  *builder,
                CrmOfferMail *mail)
{
  GListModel *matches = crm_offer_mail_get_matches (mail);

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_offer_mail_get_id (mail));
  json_builder_set_member_name (builder, "client_id");
  json_builder_add_int_value (builder, crm_offer_mail_get_client_id (mail));
  add_string_or_null (builder, "client", crm_offer_mail_get_client_name (mail));
  add_string_or_null (builder, "email", crm_offer_mail_get_client_email (mail));
  add_int_or_null (builder, "agent_id", crm_offer_mail_get_agent_id (mail), 0);
  add_string_or_null (builder, "agent", crm_offer_mail_get_agent_name (mail));
  /* who sent it by hand; null for automatic mail and while prepared */
  add_string_or_null (builder, "sent_by", crm_offer_mail_get_sender_name (mail));
  add_string_or_null (builder, "kind", crm_offer_mail_get_kind (mail));
  add_string_or_null (builder, "state", crm_offer_mail_get_state (mail));
  add_int_or_null (builder, "outbox_id", crm_offer_mail_get_outbox_id (mail), 0);
  crm_cli_add_time (builder, "created", crm_offer_mail_get_created (mail));
  crm_cli_add_time (builder, "sent", crm_offer_mail_get_sent (mail));
  json_builder_set_member_name (builder, "offers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(CrmMatch) match = g_list_model_get_item (matches, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "offer_id");
      json_builder_add_int_value (builder, crm_offer_get_id (crm_match_get_offer (match)));
      json_builder_set_member_name (builder, "search_id");
      json_builder_add_int_value (builder, crm_search_get_id (crm_match_get_search (match)));
      /* of a prepared mail: when the client already got the offer, or null */
      crm_cli_add_time (builder, "already_sent", crm_match_get_sent (match));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

int
crm_cli_matches_list (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) mails = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *agent = NULL;
  CrmOfferMailFilter filter = { 0 };
  gboolean pending = FALSE;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "pending", 0, 0, G_OPTION_ARG_NONE, &pending, N_("Only the mails waiting in the Emails to send box"), NULL },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &agent, N_("Only this agent’s mails"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "matches list", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;

  filter.pending_only = pending;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !find_user_id (session, agent, &filter.agent_id, &error) ||
      !(mails = crm_offer_store_list_mails (crm_offer_store_from_session (session), &filter, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (mails); i++)
    {
      g_autoptr(CrmOfferMail) mail = g_list_model_get_item (mails, i);

      if (!cli->json)
        {
          GListModel *matches = crm_offer_mail_get_matches (mail);

          g_print ("%6lld  %s <%s>  %s\n", (long long) crm_offer_mail_get_id (mail),
                   crm_offer_mail_get_client_name (mail),
                   crm_offer_mail_get_client_email (mail) ? crm_offer_mail_get_client_email (mail) : "",
                   crm_offer_mail_get_state (mail));
          for (guint m = 0; m < g_list_model_get_n_items (matches); m++)
            {
              g_autoptr(CrmMatch) match = g_list_model_get_item (matches, m);
              g_autofree char *title = crm_offer_dup_title (crm_match_get_offer (match));

              /* Translators: an offer in a prepared mail: its number, title, and the search's number */
              g_print (_("        offer %lld (%s) for search %lld\n"),
                       (long long) crm_offer_get_id (crm_match_get_offer (match)), title,
                       (long long) crm_search_get_id (crm_match_get_search (match)));
            }
          continue;
        }
      json_builder_begin_object (builder);
      add_offer_mail (builder, mail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

static int
print_queued (CrmCli     *cli,
              CrmSession *session,
              GArray     *mail_ids)
{
  g_autoptr(GArray) outbox_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < mail_ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmOfferMail) mail = crm_offer_store_get_mail (crm_offer_store_from_session (session), g_array_index (mail_ids, gint64, i), &error);
      gint64 outbox_id;

      if (mail == NULL)
        return crm_cli_fail (cli, error);
      outbox_id = crm_offer_mail_get_outbox_id (mail);
      g_array_append_val (outbox_ids, outbox_id);
    }

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_ids (builder, "sent", mail_ids);
      add_ids (builder, "outbox", outbox_ids);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
    }
  else
    {
      g_autofree char *list = join_ids (outbox_ids);

      /* Translators: %s is a list of outbox message numbers */
      g_print (_("Queued in the outbox: %s\n"), list);
    }

  return CRM_CLI_OK;
}

/* Offers a client already got are sent again only with --again
 * (issue 10, defect 14): say so after the core's words. */
static int
fail_sending (CrmCli       *cli,
              const GError *error)
{
  int status = crm_cli_fail (cli, error);

  if (g_error_matches (error, CRM_ERROR, CRM_ERROR_CONFLICT))
    g_printerr ("%s\n", _("Give --again to send them anyway."));

  return status;
}

int
crm_cli_matches_send (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *at = NULL;
  g_autofree char *as = NULL;
  int delay = -1;
  gboolean again = FALSE;
  gint64 due;
  gint64 actor;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "delay", 0, 0, G_OPTION_ARG_INT, &delay, N_("Seconds to wait before sending (the undo window)"), N_("SECONDS") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When to send, ISO 8601, at most 14 days ahead"), N_("TIME") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this user"), N_("USER") },
    { "again", 0, 0, G_OPTION_ARG_NONE, &again, N_("Also send offers the client already got"), NULL },
    { NULL }
  };

  if (!crm_cli_parse (cli, "matches send", _("ID…"), entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc < 2)
    return crm_cli_usage_error (cli, _("Give the numbers of the prepared mails to send (see “matches list --pending”)."));
  if (delay >= 0 && at != NULL)
    return crm_cli_usage_error (cli, _("Give either --delay or --at, not both."));
  if ((status = parse_ids (cli, argc, argv, 1, &ids)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &actor, &error) ||
      !crm_cli_due (session, delay, at, &due, &error) ||
      !crm_offer_store_send_mails (crm_offer_store_from_session (session), (const gint64 *) ids->data, ids->len, again, due, &error))
    return fail_sending (cli, error);

  return print_queued (cli, session, ids);
}

int
crm_cli_matches_present (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) mails = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *at = NULL;
  g_autofree char *as = NULL;
  int delay = -1;
  gint64 search_id;
  gint64 mail_id;
  gint64 due;
  gint64 actor;
  gboolean again = FALSE;
  CrmSession *session;
  int status;
  const GOptionEntry entries[] = {
    { "delay", 0, 0, G_OPTION_ARG_INT, &delay, N_("Seconds to wait before sending (the undo window)"), N_("SECONDS") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When to send, ISO 8601, at most 14 days ahead"), N_("TIME") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("Act as this user"), N_("USER") },
    { "again", 0, 0, G_OPTION_ARG_NONE, &again, N_("Also send offers the client already got"), NULL },
    { NULL }
  };

  if (!crm_cli_parse (cli, "matches present", _("SEARCH OFFER…"), entries, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc < 3)
    return crm_cli_usage_error (cli, _("Give the search’s number, then the offers to send to its client."));
  if (delay >= 0 && at != NULL)
    return crm_cli_usage_error (cli, _("Give either --delay or --at, not both."));
  if (!crm_cli_parse_id (argv[1], &search_id, &error))
    return crm_cli_fail (cli, error);
  if ((status = parse_ids (cli, argc, argv, 2, &ids)) != CRM_CLI_OK)
    return status;

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &actor, &error) ||
      !crm_cli_due (session, delay, at, &due, &error) ||
      !(mail_id = crm_offer_store_send (crm_offer_store_from_session (session), search_id, (const gint64 *) ids->data, ids->len, again, due, NULL,
                                         &error)))
    return fail_sending (cli, error);

  g_array_append_val (mails, mail_id);

  return print_queued (cli, session, mails);
}

static const char *
outcome_name (CrmCriterionOutcome outcome)
{
  switch (outcome)
    {
    case CRM_CRITERION_ANY:
      return "any";
    case CRM_CRITERION_PASSED:
      return "passed";
    case CRM_CRITERION_FAILED:
      return "failed";
    default:
      g_return_val_if_reached (NULL);
    }
}

static int
print_matches (CrmCli     *cli,
               GListModel *matches,
               gboolean    by_search)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (matches); i++)
    {
      g_autoptr(CrmMatch) match = g_list_model_get_item (matches, i);
      CrmOffer *offer = crm_match_get_offer (match);
      CrmSearch *search = crm_match_get_search (match);

      if (!cli->json)
        {
          g_autofree char *reasons = crm_match_dup_reasons (match, FALSE);
          g_auto(GStrv) lines = g_strsplit (reasons, "\n", -1);
          g_autofree char *what = by_search ? crm_offer_dup_title (offer) : g_strdup (crm_search_get_client_name (search));

          g_print ("%s %6lld  %s\n", crm_match_is_match (match) ? "  " : "~ ",
                   (long long) (by_search ? crm_offer_get_id (offer) : crm_search_get_id (search)), what);
          if (crm_match_get_sent (match) != 0)
            {
              g_autofree char *when = crm_cli_format_time (crm_match_get_sent (match));

              /* Translators: under a match: the client got this offer before; %s is a time */
              g_print (_("          already sent to the client %s\n"), when);
            }
          for (guint l = 0; lines[l] != NULL; l++)
            g_print ("          %s\n", lines[l]);
          continue;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "offer_id");
      json_builder_add_int_value (builder, crm_offer_get_id (offer));
      json_builder_set_member_name (builder, "search_id");
      json_builder_add_int_value (builder, crm_search_get_id (search));
      if (!by_search)
        {
          add_string_or_null (builder, "client", crm_search_get_client_name (search));
          crm_cli_add_time (builder, "updated", crm_search_get_updated (search));
        }
      json_builder_set_member_name (builder, "match");
      json_builder_add_boolean_value (builder, crm_match_is_match (match));
      json_builder_set_member_name (builder, "near_miss");
      json_builder_add_boolean_value (builder, crm_match_is_near_miss (match));
      /* when the search's client already got the offer, or null */
      crm_cli_add_time (builder, "already_sent", crm_match_get_sent (match));
      json_builder_set_member_name (builder, "criteria");
      json_builder_begin_array (builder);
      for (CrmCriterionKind k = 0; k < CRM_N_CRITERIA; k++)
        {
          const CrmCriterion *criterion = crm_match_get_criterion (match, k);

          json_builder_begin_object (builder);
          add_string_or_null (builder, "name", crm_criterion_kind_to_string (k));
          add_string_or_null (builder, "outcome", outcome_name (criterion->outcome));
          json_builder_set_member_name (builder, "passed");
          json_builder_add_boolean_value (builder, criterion->outcome != CRM_CRITERION_FAILED);
          add_string_or_null (builder, "reason", criterion->reason);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

static int
matches_for (CrmCli    *cli,
             int        argc,
             char     **argv,
             gboolean   by_search)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) matches = NULL;
  int limit = 50;
  CrmSession *session;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many (default 50)"), N_("N") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, by_search ? "matches for-search" : "matches for-offer", entries,
                                      by_search ? _("Give the search’s number.") : _("Give the offer’s number."),
                                      &argc, &argv, &id)) != CRM_CLI_OK)
    return status;
  if (limit < 1)
    return crm_cli_usage_error (cli, _("--limit takes a number of 1 or more."));

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(matches = by_search ? crm_offer_store_match_search (crm_offer_store_from_session (session), id, limit, &error)
                            : crm_offer_store_match_offer (crm_offer_store_from_session (session), id, limit, &error)))
    return crm_cli_fail (cli, error);

  return print_matches (cli, matches, by_search);
}

int
crm_cli_matches_for_search (CrmCli  *cli,
                            int      argc,
                            char   **argv)
{
  return matches_for (cli, argc, argv, TRUE);
}

int
crm_cli_matches_for_offer (CrmCli  *cli,
                           int      argc,
                           char   **argv)
{
  return matches_for (cli, argc, argv, FALSE);
}

/* A mail with offers, and the message itself once it went to the
 * outbox: what the history of an offer or a search links (OF9). */
int
crm_cli_matches_show (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOfferMail) mail = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(CrmParsedMessage) message = NULL;
  gboolean print_raw = FALSE;
  CrmSession *session;
  gint64 id;
  int status;
  const GOptionEntry entries[] = {
    { "raw", 0, 0, G_OPTION_ARG_NONE, &print_raw, N_("Print the message exactly as it was sent"), NULL },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "matches show", entries, _("Give the mail’s number."), &argc, &argv,
                                      &id)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !(mail = crm_offer_store_get_mail (crm_offer_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);
  if (crm_offer_mail_get_outbox_id (mail) != 0 && !(raw = crm_offer_store_dup_mail_message (crm_offer_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);

  if (print_raw)
    {
      gsize size;
      const char *data;

      if (raw == NULL)
        return crm_cli_usage_error (cli, _("Mail %lld is still prepared: it has no message yet."), (long long) id);
      data = g_bytes_get_data (raw, &size);
      fwrite (data, 1, size, stdout);
      return CRM_CLI_OK;
    }

  message = raw != NULL ? crm_parsed_message_new (raw) : NULL;
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_offer_mail (builder, mail);
      /* the ticket that holds the client's reply, or null */
      add_int_or_null (builder, "ticket_id", crm_offer_store_find_mail_ticket (crm_offer_store_from_session (session), id), 0);
      json_builder_set_member_name (builder, "message");
      if (message == NULL)
        json_builder_add_null_value (builder);
      else
        {
          g_autofree char *to = message->to ? g_strjoinv (", ", message->to) : NULL;

          json_builder_begin_object (builder);
          add_string_or_null (builder, "message_id", message->message_id);
          add_string_or_null (builder, "from", message->from_address);
          add_string_or_null (builder, "to", to);
          add_string_or_null (builder, "subject", message->subject);
          crm_cli_add_time (builder, "date", message->date);
          add_string_or_null (builder, "text", message->text);
          json_builder_end_object (builder);
        }
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
      return CRM_CLI_OK;
    }

  /* Translators: the head of a mail with offers: its number, the client, the state */
  g_print (_("Mail %lld to %s: %s\n"), (long long) id, crm_offer_mail_get_client_name (mail),
           crm_offer_mail_get_state (mail));
  if (crm_offer_store_find_mail_ticket (crm_offer_store_from_session (session), id) != 0)
    /* Translators: under the head of a mail with offers: the ticket with the client's reply */
    g_print (_("The client’s reply is in ticket %lld.\n"), (long long) crm_offer_store_find_mail_ticket (crm_offer_store_from_session (session), id));
  if (message != NULL)
    {
      g_autofree char *to = message->to ? g_strjoinv (", ", message->to) : g_strdup ("");
      g_autofree char *date = crm_cli_format_time (message->date);

      /* Translators: headers of a mail, as in a mail program */
      g_print (_("From: %s\nTo: %s\nDate: %s\nSubject: %s\n\n"), message->from_address ? message->from_address : "",
               to, date, message->subject ? message->subject : "");
      g_print ("%s\n", message->text ? message->text : "");
    }

  return CRM_CLI_OK;
}

/* The language the office writes to clients in, when a contact has
 * none of their own (issue 10, defect 12). */
int
crm_cli_offers_language (CrmCli  *cli,
                         int      argc,
                         char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  CrmSession *session;

  if (!crm_cli_parse (cli, "offers language", "[pl|ru|hu|en]", NULL, &argc, &argv, &error))
    return crm_cli_fail (cli, error);
  if (argc > 2)
    return crm_cli_usage_error (cli, _("Give one language: pl, ru, hu or en."));
  if (!(session = crm_cli_open_store (cli, &error)) ||
      (argc == 2 && !crm_offer_store_set_office_language (crm_offer_store_from_session (session), argv[1], &error)))
    return crm_cli_fail (cli, error);

  code = crm_offer_store_dup_office_language (crm_offer_store_from_session (session));
  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_string_or_null (builder, "language", code);
      json_builder_end_object (builder);
      crm_cli_print_builder (builder);
    }
  else
    /* Translators: %s is a language's name in itself, as "Polski", then its code */
    g_print (_("Mail to clients is written in %s (%s) unless a contact has a language of their own.\n"),
             crm_language_get_name (code), code);

  return CRM_CLI_OK;
}

/* Contacts' language of mail (issue 10, defect 12), for "contacts add",
 * "contacts edit" and "contacts show": "office" (or empty) is the
 * office's language. */

static const char *
contact_language_code (const char *given)
{
  if (given == NULL || *given == '\0' || g_str_equal (given, "office"))
    return NULL;

  return given;
}

gboolean
crm_cli_check_language (const char  *given,
                        GError     **error)
{
  const char *code = contact_language_code (given);

  if (code == NULL || crm_language_is_known (code))
    return TRUE;

  g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
               /* Translators: %s is what was given after --language */
               _("“%s” is not a language mail can be written in: use pl, ru, hu, en, or office for the office’s."),
               given);
  return FALSE;
}

gboolean
crm_cli_set_contact_language (CrmSession  *session,
                              gint64       contact_id,
                              const char  *given,
                              GError     **error)
{
  return crm_offer_store_set_contact_language (crm_offer_store_from_session (session), contact_id, contact_language_code (given), error);
}

void
crm_cli_add_contact_language (JsonBuilder *builder,
                              CrmSession  *session,
                              gint64       contact_id)
{
  g_autofree char *own = crm_offer_store_dup_contact_language (crm_offer_store_from_session (session), contact_id, NULL);
  g_autofree char *mail = crm_offer_store_dup_client_language (crm_offer_store_from_session (session), contact_id);

  /* the contact's own, or null for the office's; then the one mail uses */
  add_string_or_null (builder, "language", own);
  add_string_or_null (builder, "mail_language", mail);
}

void
crm_cli_print_contact_language (CrmSession *session,
                                gint64      contact_id)
{
  g_autofree char *own = crm_offer_store_dup_contact_language (crm_offer_store_from_session (session), contact_id, NULL);
  g_autofree char *mail = crm_offer_store_dup_client_language (crm_offer_store_from_session (session), contact_id);
  g_autofree char *text = NULL;

  if (own != NULL)
    text = g_strdup_printf ("%s (%s)", crm_language_get_name (mail), mail);
  else
    /* Translators: a contact's language of mail when they have none: the office's; a name, then a code */
    text = g_strdup_printf (_("%s (%s, the office’s)"), crm_language_get_name (mail), mail);
  g_print ("  %-10s %s\n", _("Language:"), text);
}
