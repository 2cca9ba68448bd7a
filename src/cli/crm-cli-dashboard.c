/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "crm-cli.h"

/* The managers' dashboard (FD6; CRMCTL.md, "Dashboard"): the figures
 * of a period (this month by default; days are the office's local
 * days, --to counts its whole day) for the office, a queue or a user,
 * as the window shows them (crm_dashboard_store_compute ()). */

/* a median in seconds, or null when there was nothing to measure */
static void
add_seconds (JsonBuilder *builder,
             const char  *member,
             gint64       value)
{
  json_builder_set_member_name (builder, member);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

static char *
format_day (GTimeZone *zone,
            gint64     when)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, "%Y-%m-%d");
}

static void
add_tickets (JsonBuilder        *builder,
             const CrmDashboard *dashboard,
             GTimeZone          *zone)
{
  json_builder_set_member_name (builder, "tickets");
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "opened", dashboard->tickets.opened);
  crm_cli_add_int (builder, "closed", dashboard->tickets.closed);
  crm_cli_add_int (builder, "open_start", dashboard->tickets.open_start);
  crm_cli_add_int (builder, "open_now", dashboard->tickets.open_now);
  crm_cli_add_int (builder, "sla_breaches", dashboard->tickets.breaches);
  crm_cli_add_int (builder, "responded", dashboard->tickets.responded);
  crm_cli_add_int (builder, "response_met", dashboard->tickets.response_met);
  add_seconds (builder, "response_median", dashboard->tickets.response_median);
  crm_cli_add_int (builder, "resolved", dashboard->tickets.resolved);
  crm_cli_add_int (builder, "resolution_met", dashboard->tickets.resolution_met);
  add_seconds (builder, "resolution_median", dashboard->tickets.resolution_median);

  json_builder_set_member_name (builder, "days");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dashboard->tickets.days->len; i++)
    {
      const CrmDashboardDay *day = &g_array_index (dashboard->tickets.days, CrmDashboardDay, i);
      g_autofree char *date = format_day (zone, day->start);

      json_builder_begin_object (builder);
      crm_cli_add_nullable (builder, "day", date);
      crm_cli_add_int (builder, "opened", day->opened);
      crm_cli_add_int (builder, "closed", day->closed);
      crm_cli_add_int (builder, "open", day->open);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "breaches");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dashboard->tickets.breach_list->len; i++)
    {
      const CrmDashboardBreach *breach = g_ptr_array_index (dashboard->tickets.breach_list, i);

      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "ticket", breach->ticket_id);
      crm_cli_add_nullable (builder, "subject", breach->subject);
      crm_cli_add_nullable (builder, "target", crm_dashboard_target_to_string (breach->target));
      crm_cli_add_time (builder, "due", breach->due);
      crm_cli_add_int (builder, "late", breach->late);
      json_builder_set_member_name (builder, "done");
      json_builder_add_boolean_value (builder, breach->done);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_sales (JsonBuilder        *builder,
           const CrmDashboard *dashboard)
{
  json_builder_set_member_name (builder, "requests");
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "won", dashboard->requests.won);
  json_builder_set_member_name (builder, "wont_buy");
  json_builder_begin_object (builder);
  for (guint i = 0; i < dashboard->requests.reasons->len; i++)
    {
      const CrmDashboardReason *reason = g_ptr_array_index (dashboard->requests.reasons, i);

      crm_cli_add_int (builder, reason->reason, reason->count);
    }
  json_builder_end_object (builder);
  crm_cli_add_int (builder, "wont_buy_total", dashboard->requests.wont_buy);
  crm_cli_add_int (builder, "spam", dashboard->requests.spam);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "projects");
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "opened", dashboard->projects.opened);
  crm_cli_add_int (builder, "closed", dashboard->projects.closed);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "offers");
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "added", dashboard->offers.added);
  crm_cli_add_int (builder, "matched", dashboard->offers.matched);
  crm_cli_add_int (builder, "matches", dashboard->offers.matches);
  crm_cli_add_int (builder, "mailed", dashboard->offers.mailed);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "searches");
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "stale", dashboard->searches.stale);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "referrals");
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "received", dashboard->referrals.received);
  crm_cli_add_int (builder, "accepted", dashboard->referrals.accepted);
  crm_cli_add_int (builder, "rejected", dashboard->referrals.rejected);
  add_seconds (builder, "decision_median", dashboard->referrals.decision_median);
  json_builder_set_member_name (builder, "brokers");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dashboard->referrals.brokers->len; i++)
    {
      const CrmDashboardBroker *broker = g_ptr_array_index (dashboard->referrals.brokers, i);

      json_builder_begin_object (builder);
      crm_cli_add_int (builder, "form_id", broker->form_id);
      crm_cli_add_nullable (builder, "form", broker->form);
      crm_cli_add_nullable (builder, "broker", broker->broker);
      crm_cli_add_int (builder, "received", broker->received);
      crm_cli_add_int (builder, "accepted", broker->accepted);
      crm_cli_add_int (builder, "rejected", broker->rejected);
      add_seconds (builder, "decision_median", broker->decision_median);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_work (JsonBuilder        *builder,
          const CrmDashboard *dashboard)
{
  json_builder_set_member_name (builder, "automations");
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "done", dashboard->automations.done);
  crm_cli_add_int (builder, "skipped", dashboard->automations.skipped);
  crm_cli_add_int (builder, "failed", dashboard->automations.failed);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "tasks");
  json_builder_begin_object (builder);
  crm_cli_add_int (builder, "overdue", dashboard->tasks.overdue);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "agents");
  json_builder_begin_array (builder);
  for (guint i = 0; i < dashboard->agents->len; i++)
    {
      const CrmDashboardAgent *agent = g_ptr_array_index (dashboard->agents, i);

      json_builder_begin_object (builder);
      crm_cli_add_nullable (builder, "user", agent->name);
      crm_cli_add_int (builder, "user_id", agent->user_id);
      crm_cli_add_int (builder, "open", agent->open);
      crm_cli_add_int (builder, "answered", agent->answered_today);
      crm_cli_add_int (builder, "answered_period", agent->answered);
      crm_cli_add_int (builder, "waiting", agent->waiting);
      crm_cli_add_int (builder, "no_reply", agent->no_reply);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_text (const CrmDashboard *dashboard,
            GTimeZone          *zone)
{
  g_autofree char *from = format_day (zone, dashboard->from);
  g_autofree char *last = format_day (zone, dashboard->to - 1);

  /* Translators: crmctl dashboard: the period's first and last day */
  g_print (_("Dashboard %s – %s\n"), from, last);
  g_print (_("Tickets: %u opened, %u closed, %u open now, %u past their times\n"), dashboard->tickets.opened,
           dashboard->tickets.closed, dashboard->tickets.open_now, dashboard->tickets.breaches);
  g_print (_("First answers: %u, %u in time; closed: %u, %u in time\n"), dashboard->tickets.responded,
           dashboard->tickets.response_met, dashboard->tickets.resolved, dashboard->tickets.resolution_met);
  g_print (_("Requests: %u won, %u won’t buy, %u spam\n"), dashboard->requests.won, dashboard->requests.wont_buy,
           dashboard->requests.spam);
  g_print (_("Projects: %u opened, %u closed\n"), dashboard->projects.opened, dashboard->projects.closed);
  g_print (_("Offers: %u added, %u matched, %u mails sent; %u stale searches\n"), dashboard->offers.added,
           dashboard->offers.matched, dashboard->offers.mailed, dashboard->searches.stale);
  g_print (_("Referrals: %u received, %u accepted, %u rejected\n"), dashboard->referrals.received,
           dashboard->referrals.accepted, dashboard->referrals.rejected);
  g_print (_("Automations: %u steps done, %u skipped, %u failed; %u tasks overdue\n"), dashboard->automations.done,
           dashboard->automations.skipped, dashboard->automations.failed, dashboard->tasks.overdue);
  for (guint i = 0; i < dashboard->agents->len; i++)
    {
      const CrmDashboardAgent *agent = g_ptr_array_index (dashboard->agents, i);

      /* Translators: crmctl dashboard: a user's load */
      g_print (_("  %s: %u open, %u answered today, %u waiting for the client, %u with no reply\n"), agent->name,
               agent->open, agent->answered_today, agent->waiting, agent->no_reply);
    }
}

int
crm_cli_dashboard (CrmCli  *cli,
                   int      argc,
                   char   **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(CrmDashboard) dashboard = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(CrmUser) user = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *user_ref = NULL;
  g_autofree char *queue = NULL;
  CrmDashboardStore *store;
  CrmSession *session;
  gint64 from_time = 0, to_time = 0, month_from, month_to, queue_id = 0;
  int status;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The period’s first day, YYYY-MM-DD (default: this month’s)"), N_("D") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Its last day, counted whole (default: this month’s last)"), N_("D") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user_ref, N_("Count this user only"), N_("USER") },
    { "queue", 0, 0, G_OPTION_ARG_STRING, &queue, N_("Count this queue (team) only"), N_("QUEUE") },
    { NULL }
  };

  if ((status = crm_cli_parse_no_args (cli, "dashboard", entries, &argc, &argv)) != CRM_CLI_OK)
    return status;
  if (!(session = crm_cli_open_store (cli, &error)))
    return crm_cli_fail (cli, error);
  store = crm_dashboard_store_from_session (session);
  zone = crm_dashboard_store_get_zone (store);

  /* a side not given is this month's */
  crm_dashboard_store_get_month (store, &month_from, &month_to);
  if ((from != NULL && !crm_dashboard_store_parse_day (store, from, FALSE, &from_time, &error)) ||
      (to != NULL && !crm_dashboard_store_parse_day (store, to, TRUE, &to_time, &error)))
    return crm_cli_usage_error (cli, "%s", error->message);
  if (from == NULL)
    from_time = month_from;
  if (to == NULL)
    to_time = month_to;

  if ((user_ref != NULL && !(user = crm_user_store_find (crm_user_store_from_session (session), user_ref, &error))) ||
      (queue != NULL && !(queue_id = crm_ticket_store_find_queue (crm_ticket_store_from_session (session), queue, &error))) ||
      !(dashboard = crm_dashboard_store_compute (store, from_time, to_time, queue_id,
                                                 user != NULL ? crm_user_get_id (user) : 0, &error)))
    return crm_cli_fail (cli, error);

  if (!cli->json)
    {
      print_text (dashboard, zone);
      return CRM_CLI_OK;
    }

  json_builder_begin_object (builder);
  crm_cli_add_time (builder, "from", dashboard->from);
  crm_cli_add_time (builder, "to", dashboard->to);
  crm_cli_add_nullable (builder, "zone", g_time_zone_get_identifier (zone));
  json_builder_set_member_name (builder, "queue");
  if (queue_id != 0)
    json_builder_add_int_value (builder, queue_id);
  else
    json_builder_add_null_value (builder);
  crm_cli_add_nullable (builder, "user", user != NULL ? crm_user_get_name (user) : NULL);
  add_tickets (builder, dashboard, zone);
  add_sales (builder, dashboard);
  add_work (builder, dashboard);
  json_builder_end_object (builder);
  crm_cli_print_builder (builder);

  return CRM_CLI_OK;
}
