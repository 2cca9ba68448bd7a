/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "crm-cli.h"

/* crmctl views: saved views (FD4), named filters of a module's list,
 * and the records they select now, as automations select them. */

/* The filter flags of the modules' list commands, as `views add` takes
 * them. */
typedef struct
{
  /* tickets, requests */
  char     *queue;
  char     *status;
  gboolean  open;
  char     *assignee;
  gboolean  following;
  char     *tag;
  char     *source;
  char     *sort;
  /* tickets, requests, contacts */
  char     *search;
  /* offers */
  char     *transaction;
  char     *type;
  char     *city;
  /* offers, searches */
  char     *agent;
  /* searches */
  gboolean  stale;
  gint64    client;
} Flags;

static void
flags_clear (Flags *flags)
{
  g_free (flags->queue);
  g_free (flags->status);
  g_free (flags->assignee);
  g_free (flags->tag);
  g_free (flags->source);
  g_free (flags->sort);
  g_free (flags->search);
  g_free (flags->transaction);
  g_free (flags->type);
  g_free (flags->city);
  g_free (flags->agent);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Flags, flags_clear)

static gboolean
is_tickets (const char *module)
{
  return g_str_equal (module, "tickets") || g_str_equal (module, "requests");
}

/* A flag given to a module whose list has no such filter: said, not
 * ignored. */
static gboolean
refuse_flag (gboolean     given,
             const char  *flag,
             const char  *module,
             GError     **error)
{
  if (given)
    g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                 /* Translators: a command line option, then a list (tickets, contacts…) */
                 _("%s does not filter the list of %s."), flag, module);

  return !given;
}

/* A user named in a filter: "mine" (whoever looks, CRM_USER_ME), and
 * for the assignee "none"; else a user's id, address or name. */
static gboolean
find_user (CrmSession  *session,
           const char  *given,
           gboolean     none,
           gint64      *id,
           GError     **error)
{
  g_autoptr(CrmUser) user = NULL;

  *id = 0;
  if (given == NULL)
    return TRUE;
  if (g_str_equal (given, "mine"))
    {
      *id = CRM_USER_ME;
      return TRUE;
    }
  if (none && g_str_equal (given, "none"))
    {
      *id = -1;
      return TRUE;
    }
  if (!(user = crm_user_store_find (crm_user_store_from_session (session), given, error)))
    return FALSE;
  *id = crm_user_get_id (user);

  return TRUE;
}

/* The filter the flags make for @module's list, or %NULL with @error. */
static GVariant *
make_filter (CrmSession   *session,
             const char   *module,
             Flags        *flags,
             GError      **error)
{
  gboolean tickets = is_tickets (module);
  gboolean offers = g_str_equal (module, "offers");
  gboolean searches = g_str_equal (module, "searches");

  if (!refuse_flag (!tickets && flags->queue, "--queue", module, error) ||
      !refuse_flag (!tickets && flags->status, "--status", module, error) ||
      !refuse_flag (!tickets && flags->open, "--open", module, error) ||
      !refuse_flag (!tickets && flags->assignee, "--assignee", module, error) ||
      !refuse_flag (!tickets && flags->following, "--following", module, error) ||
      !refuse_flag (!tickets && flags->tag, "--tag", module, error) ||
      !refuse_flag (!tickets && flags->source, "--source", module, error) ||
      !refuse_flag (!tickets && flags->sort, "--sort", module, error) ||
      !refuse_flag (!tickets && !g_str_equal (module, "contacts") && !g_str_equal (module, "referrals") && flags->search,
                    "--search", module, error) ||
      !refuse_flag (!offers && flags->transaction, "--transaction", module, error) ||
      !refuse_flag (!offers && flags->type, "--type", module, error) ||
      !refuse_flag (!offers && flags->city, "--city", module, error) ||
      !refuse_flag (!offers && !searches && flags->agent, "--agent", module, error) ||
      !refuse_flag (!searches && flags->stale, "--stale", module, error) ||
      !refuse_flag (!searches && flags->client != 0, "--client", module, error))
    return NULL;

  if (tickets)
    {
      CrmTicketFilter filter = { 0 };

      if (flags->sort != NULL && !g_str_equal (flags->sort, "newest") && !g_str_equal (flags->sort, "oldest"))
        {
          g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, _("--sort is “newest” or “oldest”."));
          return NULL;
        }
      if (flags->queue != NULL &&
          !(filter.queue_id = crm_ticket_store_find_queue (crm_ticket_store_from_session (session), flags->queue, error)))
        return NULL;
      if (!find_user (session, flags->assignee, TRUE, &filter.assignee_id, error))
        return NULL;
      filter.status = flags->status;
      filter.open_only = flags->open && flags->status == NULL;
      filter.follower_id = flags->following ? CRM_USER_ME : 0;
      filter.tag = flags->tag;
      filter.source = flags->source;
      filter.search = flags->search;
      /* the requests inbox is oldest first (RQ5) */
      filter.oldest_first = flags->sort != NULL ? g_str_equal (flags->sort, "oldest") : g_str_equal (module, "requests");
      return crm_ticket_filter_to_variant (&filter);
    }
  if (g_str_equal (module, "contacts"))
    {
      CrmContactFilter filter = { flags->search };

      return crm_contact_filter_to_variant (&filter);
    }
  if (offers)
    {
      CrmOfferFilter filter = { 0 };

      if (!find_user (session, flags->agent, FALSE, &filter.agent_id, error))
        return NULL;
      filter.deal = flags->transaction;
      filter.property_type = flags->type;
      filter.city = flags->city;
      return crm_offer_filter_to_variant (&filter);
    }
  if (searches)
    {
      CrmSearchFilter filter = { 0 };

      if (!find_user (session, flags->agent, FALSE, &filter.agent_id, error))
        return NULL;
      filter.client_id = flags->client;
      filter.stale_only = flags->stale;
      return crm_search_filter_to_variant (&filter);
    }

  if (g_str_equal (module, "referrals"))
    {
      CrmReferralFilter filter = { 0 };

      filter.search = flags->search;
      return crm_referral_filter_to_variant (&filter);
    }

  /* crm_view_store_check () refused any other module */
  g_return_val_if_reached (NULL);
}

int
crm_cli_views_add (CrmCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(Flags) flags = { 0 };
  g_autofree char *module = NULL;
  g_autofree char *name = NULL;
  g_autofree char *as = NULL;
  g_autoptr(GVariant) filter = NULL;
  gboolean private_ = FALSE;
  CrmSession *session;
  gint64 user_id, id;
  int status;
  const GOptionEntry entries[] = {
    { "module", 0, 0, G_OPTION_ARG_STRING, &module,
      N_("The list: tickets, requests, contacts, offers or searches"), N_("MODULE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The view’s name"), N_("NAME") },
    { "private", 0, 0, G_OPTION_ARG_NONE, &private_, N_("Only for the --as user (else shared with the office)"), NULL },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who saves it"), N_("USER") },
    { "queue", 0, 0, G_OPTION_ARG_STRING, &flags.queue, N_("Tickets: only this queue"), N_("QUEUE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &flags.status, N_("Tickets: only this status"), N_("STATUS") },
    { "open", 0, 0, G_OPTION_ARG_NONE, &flags.open, N_("Tickets: only those not closed"), NULL },
    { "assignee", 0, 0, G_OPTION_ARG_STRING, &flags.assignee,
      N_("Tickets: only this user’s, “mine” (whoever looks) or “none”"), N_("USER") },
    { "following", 0, 0, G_OPTION_ARG_NONE, &flags.following, N_("Tickets: only those whoever looks follows"), NULL },
    { "tag", 0, 0, G_OPTION_ARG_STRING, &flags.tag, N_("Tickets: only those with this tag"), N_("TAG") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &flags.source,
      N_("Tickets: only those that came this way: email, phone, sms, chat, web, letter or other"), N_("SOURCE") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &flags.sort, N_("Tickets: newest or oldest first"), N_("ORDER") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &flags.search, N_("Tickets and contacts: words searched"), N_("TEXT") },
    { "transaction", 0, 0, G_OPTION_ARG_STRING, &flags.transaction, N_("Offers: only sale or rent"), N_("TRANSACTION") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &flags.type, N_("Offers: only this property type"), N_("TYPE") },
    { "city", 0, 0, G_OPTION_ARG_STRING, &flags.city, N_("Offers: only this city"), N_("CITY") },
    { "agent", 0, 0, G_OPTION_ARG_STRING, &flags.agent,
      N_("Offers and searches: only this agent’s, or “mine” (whoever looks)"), N_("USER") },
    { "stale", 0, 0, G_OPTION_ARG_NONE, &flags.stale, N_("Searches: only those not updated for 30 days"), NULL },
    { "client", 0, 0, G_OPTION_ARG_INT64, &flags.client, N_("Searches: only this client’s"), N_("ID") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "views add", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (module == NULL)
    return crm_cli_usage_error (cli, _("Give the list with --module: tickets, requests, contacts, offers, searches or referrals."));
  if (name == NULL)
    return crm_cli_usage_error (cli, _("Give the view’s name with --name."));

  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !crm_view_store_check (crm_view_store_from_session (session), module, name, !private_, &error) ||
      !(filter = make_filter (session, module, &flags, &error)))
    return crm_cli_fail (cli, error);
  g_variant_ref_sink (filter);
  if (!(id = crm_view_store_add (crm_view_store_from_session (session), module, name, !private_, filter, &error)))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

static void
add_owner (JsonBuilder  *builder,
           CrmSession   *session,
           CrmSavedView *view)
{
  g_autoptr(CrmUser) owner = NULL;

  if (!crm_saved_view_get_shared (view))
    owner = crm_user_store_get (crm_user_store_from_session (session), crm_saved_view_get_owner_id (view), NULL);
  json_builder_set_member_name (builder, "owner");
  if (owner != NULL)
    json_builder_add_string_value (builder, crm_user_get_name (owner));
  else
    json_builder_add_null_value (builder);
}

static void
add_view (JsonBuilder  *builder,
          CrmSession   *session,
          CrmSavedView *view)
{
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, crm_saved_view_get_id (view));
  json_builder_set_member_name (builder, "module");
  json_builder_add_string_value (builder, crm_saved_view_get_module (view));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, crm_saved_view_get_name (view));
  json_builder_set_member_name (builder, "shared");
  json_builder_add_boolean_value (builder, crm_saved_view_get_shared (view));
  add_owner (builder, session, view);
}

int
crm_cli_views_list (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) views = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *module = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 user_id;
  int status;
  const GOptionEntry entries[] = {
    { "module", 0, 0, G_OPTION_ARG_STRING, &module, N_("Only this list’s views"), N_("MODULE") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The views this user has (else every view)"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "views list", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(views = crm_view_store_list (crm_view_store_from_session (session), module, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < views->len; i++)
    {
      CrmSavedView *view = g_ptr_array_index (views, i);

      if (!cli->json)
        {
          /* Translators: how a saved view is kept, in crmctl views list */
          g_print ("%6" G_GINT64_FORMAT "  %-9s %-8s %s\n", crm_saved_view_get_id (view), crm_saved_view_get_module (view),
                   crm_saved_view_get_shared (view) ? _("shared") : _("private"), crm_saved_view_get_name (view));
          continue;
        }
      json_builder_begin_object (builder);
      add_view (builder, session, view);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

/* The filter as JSON: its keys and values, users who are "whoever
 * looks" as "mine" and nobody as "none". */
static JsonNode *
filter_json (GVariant *filter)
{
  static const char * const users[] = { "assignee", "follower", "involved", "agent", NULL };
  JsonNode *node = json_gvariant_serialize (filter);
  JsonObject *object = json_node_get_object (node);

  for (guint i = 0; users[i] != NULL; i++)
    {
      gint64 id;

      if (!json_object_has_member (object, users[i]))
        continue;
      id = json_object_get_int_member (object, users[i]);
      if (id == CRM_USER_ME)
        json_object_set_string_member (object, users[i], "mine");
      else if (id == -1)
        json_object_set_string_member (object, users[i], "none");
    }

  return node;
}

int
crm_cli_views_show (CrmCli  *cli,
                    int      argc,
                    char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSavedView) view = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 id, user_id;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("A view this user has"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "views show", entries, _("Which view? Give its id."), &argc, &argv,
                                      &id)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(view = crm_view_store_get (crm_view_store_from_session (session), id, &error)))
    return crm_cli_fail (cli, error);

  if (!cli->json)
    {
      g_autofree char *text = g_variant_print (crm_saved_view_get_filter (view), FALSE);

      g_print ("%" G_GINT64_FORMAT "  %s  %s (%s)\n%s\n", crm_saved_view_get_id (view), crm_saved_view_get_module (view),
               crm_saved_view_get_name (view), crm_saved_view_get_shared (view) ? _("shared") : _("private"), text);
      return CRM_CLI_OK;
    }
  json_builder_begin_object (builder);
  add_view (builder, session, view);
  json_builder_set_member_name (builder, "filter");
  json_builder_add_value (builder, filter_json (crm_saved_view_get_filter (view)));
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

/* What each record is called in its list: a ticket's subject, a
 * contact's name, an offer's title, a search's client and summary. */
static GHashTable *
read_labels (CrmSession  *session,
             const char  *module,
             GArray      *ids,
             GError     **error)
{
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) records = NULL;
  const gint64 *data = (const gint64 *) (gpointer) ids->data;

  if (is_tickets (module))
    records = crm_ticket_store_get_many (crm_ticket_store_from_session (session), data, ids->len, 0, error);
  else if (g_str_equal (module, "contacts"))
    records = crm_contact_store_get_many (crm_contact_store_from_session (session), data, ids->len, error);
  else if (g_str_equal (module, "offers"))
    records = crm_offer_store_get_many (crm_offer_store_from_session (session), data, ids->len, error);
  else
    records = crm_search_store_get_many (crm_search_store_from_session (session), data, ids->len, error);
  if (records == NULL)
    return NULL;

  for (guint i = 0; i < records->len; i++)
    {
      gpointer record = g_ptr_array_index (records, i);
      gint64 id;
      char *label;

      if (CRM_IS_TICKET (record))
        {
          id = crm_ticket_get_id (record);
          label = g_strdup (crm_ticket_get_subject (record));
        }
      else if (CRM_IS_CONTACT (record))
        {
          id = crm_contact_get_id (record);
          label = g_strdup (crm_contact_get_name (record));
        }
      else if (CRM_IS_OFFER (record))
        {
          id = crm_offer_get_id (record);
          label = crm_offer_dup_title (record);
        }
      else
        {
          g_autofree char *summary = crm_search_dup_summary (record);

          id = crm_search_get_id (record);
          label = g_strdup_printf ("%s: %s", crm_search_get_client_name (record), summary);
        }
      g_hash_table_insert (labels, g_memdup2 (&id, sizeof id), label);
    }

  return g_steal_pointer (&labels);
}

int
crm_cli_views_records (CrmCli  *cli,
                       int      argc,
                       char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSavedView) view = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) labels = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *as = NULL;
  gint64 after = 0;
  int limit = 100;
  CrmSession *session;
  gint64 id, user_id;
  int status;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many (default 100)"), N_("N") },
    { "after", 0, 0, G_OPTION_ARG_INT64, &after, N_("Only records with a greater id (the next page)"), N_("ID") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("A view this user has"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "views records", entries, _("Which view? Give its id."), &argc, &argv,
                                      &id)) != CRM_CLI_OK)
    return status;
  if (limit < 1)
    return crm_cli_usage_error (cli, _("--limit takes a number of 1 or more."));
  if (after < 0)
    return crm_cli_usage_error (cli, _("--after takes an id."));
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !(view = crm_view_store_get (crm_view_store_from_session (session), id, &error)) ||
      !(ids = crm_view_store_select (crm_view_store_from_session (session), id, after, (guint) limit, &error)) ||
      !(labels = read_labels (session, crm_saved_view_get_module (view), ids, &error)))
    return crm_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 record = g_array_index (ids, gint64, i);
      const char *label = g_hash_table_lookup (labels, &record);

      if (!cli->json)
        {
          g_print ("%6" G_GINT64_FORMAT "  %s\n", record, label ? label : "");
          continue;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, record);
      crm_cli_add_nullable (builder, "label", label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (cli->json)
    crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}

int
crm_cli_views_rename (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 id, user_id;
  int status;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The view’s new name"), N_("NAME") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who renames it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "views rename", entries, _("Which view? Give its id."), &argc, &argv,
                                      &id)) != CRM_CLI_OK)
    return status;
  if (name == NULL)
    return crm_cli_usage_error (cli, _("Give the view’s new name with --name."));
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !crm_view_store_rename (crm_view_store_from_session (session), id, name, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}

int
crm_cli_views_delete (CrmCli  *cli,
                      int      argc,
                      char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *as = NULL;
  CrmSession *session;
  gint64 id, user_id;
  int status;
  const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &as, N_("The user who deletes it"), N_("USER") },
    { NULL }
  };

  if ((status = crm_cli_parse_one_id (cli, "views delete", entries, _("Which view? Give its id."), &argc, &argv,
                                      &id)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)) ||
      !crm_cli_set_actor (session, as, &user_id, &error) ||
      !crm_view_store_delete (crm_view_store_from_session (session), id, &error))
    return crm_cli_fail (cli, error);

  crm_cli_print_id (cli, id);

  return CRM_CLI_OK;
}
