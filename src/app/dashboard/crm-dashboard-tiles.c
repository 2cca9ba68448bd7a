/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dashboard"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "crm-dashboard-tiles.h"

/* What each card of the dashboard shows of a #CrmDashboard: its
 * figures, its chart's categories and series, its table's rows, its
 * summary in words, and what a click on a bar opens. */

#define LINK(card) ((int) CRM_DASHBOARD_CARD_##card)
#define NO_LINK CRM_DASHBOARD_NO_LINK

/**
 * crm_dashboard_tiles_duration:
 * @seconds: a time, or below 0 for none
 *
 * Returns: (transfer full): @seconds in days, hours and minutes, or a
 *   dash for none
 */
char *
crm_dashboard_tiles_duration (gint64 seconds)
{
  gint64 minutes = (seconds + 30) / 60;

  if (seconds < 0)
    return g_strdup ("–");
  if (minutes < 1)
    /* Translators: a duration shorter than a minute */
    return g_strdup (_("under 1 min"));
  if (minutes < 60)
    /* Translators: a duration, in minutes */
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (minutes < 24 * 60)
    /* Translators: a duration, in hours and minutes */
    return g_strdup_printf (_("%d h %d min"), (int) (minutes / 60), (int) (minutes % 60));
  /* Translators: a duration, in days and hours */
  return g_strdup_printf (_("%d d %d h"), (int) (minutes / (24 * 60)), (int) (minutes % (24 * 60) / 60));
}

static char *
count (guint n)
{
  return g_strdup_printf ("%u", n);
}

/* "5 of 6 (83 %)" */
static char *
met_of (guint met,
        guint total)
{
  if (total == 0)
    return g_strdup ("–");
  /* Translators: how many of all were in time, and the percentage */
  return g_strdup_printf (_("%u of %u (%u %%)"), met, total, (guint) ((met * 100 + total / 2) / total));
}

static char *
local_day (GTimeZone  *zone,
           gint64      when,
           const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (when);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);

  return g_date_time_format (local, format);
}

static void
figure (CrmDashboardTile *card,
        const char       *label,
        guint             n,
        const char       *tooltip,
        int               link,
        gint64            key)
{
  g_autofree char *value = count (n);

  crm_dashboard_tile_add_figure (card, label, value, tooltip, link, key);
}

/* Tickets: opened and closed each day, open at each day's end */
static void
fill_tickets (CrmDashboardTile   *card,
              const CrmDashboard *dashboard,
              GTimeZone          *zone)
{
  CrmChart *chart = crm_dashboard_tile_get_chart (card);
  GArray *days = dashboard->tickets.days;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *opened = g_new0 (double, days->len + 1);
  g_autofree double *closed = g_new0 (double, days->len + 1);
  g_autofree double *open = g_new0 (double, days->len + 1);
  g_autofree char *summary = NULL;
  guint last_open = days->len > 0 ? g_array_index (days, CrmDashboardDay, days->len - 1).open : 0;
  const char *columns[] = { _("Day"), _("Opened"), _("Closed"), _("Open at the day’s end"), NULL };

  figure (card, _("Opened"), dashboard->tickets.opened, _("Tickets and requests opened in the period"),
          LINK (TICKETS_OPENED), 0);
  figure (card, _("Closed"), dashboard->tickets.closed, _("Tickets and requests closed in the period"),
          LINK (TICKETS_CLOSED), 0);
  figure (card, _("Open now"), dashboard->tickets.open_now, _("Tickets and requests not closed now"),
          LINK (TICKETS_OPEN_NOW), 0);
  figure (card, _("Open at the start"), dashboard->tickets.open_start,
          _("Tickets and requests open when the period began"), NO_LINK, 0);

  crm_dashboard_tile_set_columns (card, columns);
  for (guint i = 0; i < days->len; i++)
    {
      const CrmDashboardDay *day = &g_array_index (days, CrmDashboardDay, i);
      g_autofree char *date = local_day (zone, day->start, "%Y-%m-%d");
      g_autofree char *o = count (day->opened);
      g_autofree char *c = count (day->closed);
      g_autofree char *n = count (day->open);
      const char *cells[] = { date, o, c, n, NULL };

      /* Translators: a day under a chart of a week: its weekday and day of the month (strftime) */
      g_ptr_array_add (labels, local_day (zone, day->start, days->len <= 7 ? _("%a %-d") : "%-d"));
      opened[i] = day->opened;
      closed[i] = day->closed;
      /* the days to come have no end yet */
      open[i] = day->start > dashboard->now ? NAN : day->open;
      crm_dashboard_tile_add_row (card, cells, LINK (TICKETS_OPENED), 0, 0);
    }
  g_ptr_array_add (labels, NULL);
  crm_chart_set_categories (chart, (const char * const *) labels->pdata);
  crm_chart_add_series (chart, _("Opened"), CRM_CHART_ACCENT, 1, FALSE, opened);
  crm_chart_add_series (chart, _("Closed"), CRM_CHART_SUCCESS, 1, FALSE, closed);
  crm_chart_add_series (chart, _("Open at the day’s end"), CRM_CHART_FOREGROUND, 1, TRUE, open);

  /* Translators: a chart's numbers in words, for screen readers */
  summary = g_strdup_printf (_("Over %u days: %u opened, %u closed; %u open at the end, %u open now."), days->len,
                             dashboard->tickets.opened, dashboard->tickets.closed, last_open,
                             dashboard->tickets.open_now);
  crm_dashboard_tile_update (card, summary);
}

/* SLA: first answers and closings in time, the breaches */
static void
fill_sla (CrmDashboardTile   *card,
          const CrmDashboard *dashboard)
{
  CrmChart *chart = crm_dashboard_tile_get_chart (card);
  const char *labels[] = { _("First answer"), _("Resolution"), NULL };
  double met[] = { dashboard->tickets.response_met, dashboard->tickets.resolution_met };
  double late[] = { dashboard->tickets.responded - dashboard->tickets.response_met,
                    dashboard->tickets.resolved - dashboard->tickets.resolution_met };
  g_autofree char *response = met_of (dashboard->tickets.response_met, dashboard->tickets.responded);
  g_autofree char *resolution = met_of (dashboard->tickets.resolution_met, dashboard->tickets.resolved);
  g_autofree char *response_median = crm_dashboard_tiles_duration (dashboard->tickets.response_median);
  g_autofree char *resolution_median = crm_dashboard_tiles_duration (dashboard->tickets.resolution_median);
  g_autofree char *summary = NULL;
  const char *columns[] = { _("Ticket"), _("Subject"), _("Target"), _("Late by"), NULL };

  crm_dashboard_tile_add_figure (card, _("First answers in time"), response,
                                 _("First answers in the period within their priority’s time"), NO_LINK, 0);
  crm_dashboard_tile_add_figure (card, _("Median first answer"), response_median, NULL, NO_LINK, 0);
  crm_dashboard_tile_add_figure (card, _("Closed in time"), resolution,
                                 _("Tickets closed in the period within their priority’s time"), NO_LINK, 0);
  crm_dashboard_tile_add_figure (card, _("Median time to close"), resolution_median, NULL, NO_LINK, 0);
  figure (card, _("Past their times"), dashboard->tickets.breaches,
          _("Tickets past their first answer’s or closing’s time in the period"), LINK (SLA_BREACHES), 0);

  crm_chart_set_categories (chart, labels);
  crm_chart_add_series (chart, _("In time"), CRM_CHART_SUCCESS, 1, FALSE, met);
  crm_chart_add_series (chart, _("Late"), CRM_CHART_ERROR, 1, FALSE, late);

  crm_dashboard_tile_set_columns (card, columns);
  for (guint i = 0; i < dashboard->tickets.breach_list->len; i++)
    {
      const CrmDashboardBreach *breach = g_ptr_array_index (dashboard->tickets.breach_list, i);
      g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, breach->ticket_id);
      g_autofree char *by = crm_dashboard_tiles_duration (breach->late);
      g_autofree char *late_by = breach->done ? g_strdup (by)
                                              /* Translators: late by this long, and still not answered or closed */
                                              : g_strdup_printf (_("%s, still"), by);
      const char *target = breach->target == CRM_DASHBOARD_TARGET_RESPONSE ? _("First answer") : _("Resolution");
      const char *cells[] = { number, breach->subject, target, late_by, NULL };

      crm_dashboard_tile_add_row (card, cells, NO_LINK, 0, breach->ticket_id);
    }

  /* Translators: a chart's numbers in words, for screen readers */
  summary = g_strdup_printf (_("First answers in time: %s, median %s. Closed in time: %s, median %s. %u past their times."),
                             response, response_median, resolution, resolution_median, dashboard->tickets.breaches);
  crm_dashboard_tile_update (card, summary);
}

/* Agents' load */
static void
fill_agents (CrmDashboardTile   *card,
             const CrmDashboard *dashboard)
{
  CrmChart *chart = crm_dashboard_tile_get_chart (card);
  guint n = dashboard->agents->len;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree double *open = g_new0 (double, n + 1);
  g_autofree double *today = g_new0 (double, n + 1);
  g_autofree double *waiting = g_new0 (double, n + 1);
  g_autofree double *no_reply = g_new0 (double, n + 1);
  g_autoptr(GString) summary = g_string_new (NULL);
  const char *columns[] = { _("Agent"), _("Open"), _("Answered today"), _("Answered in the period"),
                            _("Waiting for the client"), _("No reply"), NULL };

  crm_dashboard_tile_set_columns (card, columns);
  for (guint i = 0; i < n; i++)
    {
      const CrmDashboardAgent *agent = g_ptr_array_index (dashboard->agents, i);
      g_autofree char *o = count (agent->open);
      g_autofree char *t = count (agent->answered_today);
      g_autofree char *a = count (agent->answered);
      g_autofree char *w = count (agent->waiting);
      g_autofree char *r = count (agent->no_reply);
      const char *cells[] = { agent->name, o, t, a, w, r, NULL };

      g_ptr_array_add (labels, agent->name);
      open[i] = agent->open;
      today[i] = agent->answered_today;
      waiting[i] = agent->waiting;
      no_reply[i] = agent->no_reply;
      crm_dashboard_tile_add_row (card, cells, LINK (AGENT_OPEN), agent->user_id, 0);
      /* Translators: one agent's load in words, for screen readers */
      g_string_append_printf (summary, _("%s: %u open, %u answered today, %u waiting for the client, %u with no reply. "),
                              agent->name, agent->open, agent->answered_today, agent->waiting, agent->no_reply);
    }
  g_ptr_array_add (labels, NULL);
  crm_chart_set_categories (chart, (const char * const *) labels->pdata);
  crm_chart_add_series (chart, _("Open"), CRM_CHART_ACCENT, 1, FALSE, open);
  crm_chart_add_series (chart, _("Answered today"), CRM_CHART_SUCCESS, 1, FALSE, today);
  crm_chart_add_series (chart, _("Waiting for the client"), CRM_CHART_WARNING, 1, FALSE, waiting);
  crm_chart_add_series (chart, _("No reply"), CRM_CHART_ERROR, 1, FALSE, no_reply);
  if (n == 0)
    g_string_append (summary, _("No agent has tickets."));
  crm_dashboard_tile_update (card, summary->str);
}

/* Requests: how they ended, projects */
static void
fill_requests (CrmDashboardTile   *card,
               const CrmDashboard *dashboard)
{
  CrmChart *chart = crm_dashboard_tile_get_chart (card);
  const char *labels[] = { _("Won"), _("Won’t buy"), _("Spam"), NULL };
  double won[] = { dashboard->requests.won, 0, 0 };
  double spam[] = { 0, 0, dashboard->requests.spam };
  guint reasons = dashboard->requests.reasons->len, given = 0;
  g_autofree char *summary = NULL;
  const char *columns[] = { _("Outcome"), _("Reason"), _("Count"), NULL };

  figure (card, _("Won"), dashboard->requests.won, _("Requests closed as won in the period"), LINK (REQUESTS_WON), 0);
  figure (card, _("Won’t buy"), dashboard->requests.wont_buy, _("Requests closed as won’t buy in the period"),
          LINK (REQUESTS_WONT_BUY), 0);
  figure (card, _("Spam"), dashboard->requests.spam, _("Requests closed as spam in the period"),
          LINK (REQUESTS_SPAM), 0);
  figure (card, _("Projects opened"), dashboard->projects.opened, NULL, LINK (PROJECTS_OPENED), 0);
  figure (card, _("Projects closed"), dashboard->projects.closed, NULL, LINK (PROJECTS_CLOSED), 0);

  crm_chart_set_categories (chart, labels);
  crm_chart_add_series (chart, _("Won"), CRM_CHART_SUCCESS, 1, FALSE, won);
  crm_dashboard_tile_set_columns (card, columns);
  {
    g_autofree char *n = count (dashboard->requests.won);
    const char *cells[] = { _("Won"), "", n, NULL };

    crm_dashboard_tile_add_row (card, cells, LINK (REQUESTS_WON), 0, 0);
  }
  for (guint i = 0; i < reasons; i++)
    {
      const CrmDashboardReason *reason = g_ptr_array_index (dashboard->requests.reasons, i);
      double values[] = { 0, reason->count, 0 };
      g_autofree char *n = count (reason->count);
      const char *cells[] = { _("Won’t buy"), reason->reason, n, NULL };

      /* shades of one colour, the most frequent reason the darkest */
      crm_chart_add_series (chart, reason->reason, CRM_CHART_WARNING, 1.0 - 0.6 * i / MAX (reasons, 1), FALSE, values);
      crm_dashboard_tile_add_row (card, cells, LINK (REQUESTS_WONT_BUY), 0, 0);
      given += reason->count;
    }
  if (dashboard->requests.wont_buy > given)
    {
      double values[] = { 0, dashboard->requests.wont_buy - given, 0 };
      g_autofree char *n = count (dashboard->requests.wont_buy - given);
      const char *cells[] = { _("Won’t buy"), _("No reason given"), n, NULL };

      crm_chart_add_series (chart, _("No reason given"), CRM_CHART_WARNING, 0.3, FALSE, values);
      crm_dashboard_tile_add_row (card, cells, LINK (REQUESTS_WONT_BUY), 0, 0);
    }
  crm_chart_add_series (chart, _("Spam"), CRM_CHART_ERROR, 1, FALSE, spam);
  {
    g_autofree char *n = count (dashboard->requests.spam);
    g_autofree char *p = count (dashboard->projects.opened);
    g_autofree char *q = count (dashboard->projects.closed);
    const char *spam_cells[] = { _("Spam"), "", n, NULL };
    const char *opened_cells[] = { _("Projects opened"), "", p, NULL };
    const char *closed_cells[] = { _("Projects closed"), "", q, NULL };

    crm_dashboard_tile_add_row (card, spam_cells, LINK (REQUESTS_SPAM), 0, 0);
    crm_dashboard_tile_add_row (card, opened_cells, LINK (PROJECTS_OPENED), 0, 0);
    crm_dashboard_tile_add_row (card, closed_cells, LINK (PROJECTS_CLOSED), 0, 0);
  }

  /* Translators: a chart's numbers in words, for screen readers */
  summary = g_strdup_printf (_("Requests won: %u, won’t buy: %u, spam: %u. Projects opened: %u, closed: %u."),
                             dashboard->requests.won, dashboard->requests.wont_buy, dashboard->requests.spam,
                             dashboard->projects.opened, dashboard->projects.closed);
  crm_dashboard_tile_update (card, summary);
}

/* One bar of its own colour for each figure: offers, automations */
static void
fill_figures (CrmDashboardTile *card,
              guint             n,
              const char      **names,
              const guint      *values,
              const int        *links,
              const CrmChartColour *colours,
              const char       *summary)
{
  CrmChart *chart = crm_dashboard_tile_get_chart (card);
  g_autofree const char **labels = g_new0 (const char *, n + 1);
  const char *columns[] = { _("Figure"), _("Count"), NULL };

  memcpy (labels, names, n * sizeof (char *));
  crm_chart_set_categories (chart, labels);
  crm_chart_set_show_legend (chart, FALSE);
  crm_dashboard_tile_set_columns (card, columns);
  for (guint i = 0; i < n; i++)
    {
      g_autofree double *bar = g_new0 (double, n);
      g_autofree char *text = count (values[i]);
      const char *cells[] = { names[i], text, NULL };

      bar[i] = values[i];
      crm_chart_add_series (chart, names[i], colours[i], 1, FALSE, bar);
      figure (card, names[i], values[i], NULL, links[i], 0);
      crm_dashboard_tile_add_row (card, cells, links[i], 0, 0);
    }
  crm_dashboard_tile_update (card, summary);
}

static void
fill_offers (CrmDashboardTile   *card,
             const CrmDashboard *dashboard)
{
  const char *names[] = { _("Offers added"), _("Matched to a search"), _("Offers mailed"), _("Searches gone stale") };
  const guint values[] = { dashboard->offers.added, dashboard->offers.matched, dashboard->offers.mailed,
                           dashboard->searches.stale };
  const int links[] = { LINK (OFFERS_ADDED), LINK (OFFERS_MATCHED), LINK (OFFERS_MAILED), LINK (SEARCHES_STALE) };
  const CrmChartColour colours[] = { CRM_CHART_ACCENT, CRM_CHART_SUCCESS, CRM_CHART_FOREGROUND, CRM_CHART_WARNING };
  /* Translators: a chart's numbers in words, for screen readers */
  g_autofree char *summary = g_strdup_printf (_("Offers added: %u, matched to a search: %u, mailed: %u. Searches gone stale: %u."),
                                              values[0], values[1], values[2], values[3]);

  fill_figures (card, G_N_ELEMENTS (names), names, values, links, colours, summary);
}

static void
fill_automations (CrmDashboardTile   *card,
                  const CrmDashboard *dashboard)
{
  const char *names[] = { _("Steps done"), _("Steps skipped"), _("Steps failed"), _("Tasks overdue") };
  const guint values[] = { dashboard->automations.done, dashboard->automations.skipped,
                           dashboard->automations.failed, dashboard->tasks.overdue };
  const int links[] = { LINK (AUTOMATIONS_DONE), LINK (AUTOMATIONS_SKIPPED), LINK (AUTOMATIONS_FAILED),
                        LINK (TASKS_OVERDUE) };
  const CrmChartColour colours[] = { CRM_CHART_SUCCESS, CRM_CHART_WARNING, CRM_CHART_ERROR, CRM_CHART_ACCENT };
  /* Translators: a chart's numbers in words, for screen readers */
  g_autofree char *summary = g_strdup_printf (_("Automation steps done: %u, skipped: %u, failed: %u. Tasks overdue: %u."),
                                              values[0], values[1], values[2], values[3]);

  fill_figures (card, G_N_ELEMENTS (names), names, values, links, colours, summary);
}

/* Referrals per broker */
static void
fill_referrals (CrmDashboardTile   *card,
                const CrmDashboard *dashboard)
{
  CrmChart *chart = crm_dashboard_tile_get_chart (card);
  guint n = dashboard->referrals.brokers->len;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree double *received = g_new0 (double, n + 1);
  g_autofree double *accepted = g_new0 (double, n + 1);
  g_autofree double *rejected = g_new0 (double, n + 1);
  g_autofree char *median = crm_dashboard_tiles_duration (dashboard->referrals.decision_median);
  g_autofree char *summary = NULL;
  const char *columns[] = { _("Broker"), _("Form"), _("Received"), _("Accepted"), _("Rejected"),
                            _("Median time to decide"), NULL };

  figure (card, _("Received"), dashboard->referrals.received, NULL, LINK (REFERRALS_RECEIVED), 0);
  figure (card, _("Accepted"), dashboard->referrals.accepted, NULL, LINK (REFERRALS_ACCEPTED), 0);
  figure (card, _("Rejected"), dashboard->referrals.rejected, NULL, LINK (REFERRALS_REJECTED), 0);
  crm_dashboard_tile_add_figure (card, _("Median time to decide"), median, NULL, NO_LINK, 0);

  crm_dashboard_tile_set_columns (card, columns);
  for (guint i = 0; i < n; i++)
    {
      const CrmDashboardBroker *broker = g_ptr_array_index (dashboard->referrals.brokers, i);
      g_autofree char *r = count (broker->received);
      g_autofree char *a = count (broker->accepted);
      g_autofree char *j = count (broker->rejected);
      g_autofree char *m = crm_dashboard_tiles_duration (broker->decision_median);
      const char *name = broker->broker != NULL && *broker->broker != '\0' ? broker->broker : broker->form;
      const char *cells[] = { name, broker->form, r, a, j, m, NULL };

      g_ptr_array_add (labels, (gpointer) name);
      received[i] = broker->received;
      accepted[i] = broker->accepted;
      rejected[i] = broker->rejected;
      crm_dashboard_tile_add_row (card, cells, LINK (REFERRALS_RECEIVED), broker->form_id, 0);
    }
  {
    g_autofree char *r = count (dashboard->referrals.received);
    g_autofree char *a = count (dashboard->referrals.accepted);
    g_autofree char *j = count (dashboard->referrals.rejected);
    const char *cells[] = { _("All brokers"), "", r, a, j, median, NULL };

    crm_dashboard_tile_add_row (card, cells, LINK (REFERRALS_RECEIVED), 0, 0);
  }
  g_ptr_array_add (labels, NULL);
  crm_chart_set_categories (chart, (const char * const *) labels->pdata);
  crm_chart_add_series (chart, _("Received"), CRM_CHART_ACCENT, 1, FALSE, received);
  crm_chart_add_series (chart, _("Accepted"), CRM_CHART_SUCCESS, 1, FALSE, accepted);
  crm_chart_add_series (chart, _("Rejected"), CRM_CHART_ERROR, 1, FALSE, rejected);

  /* Translators: a chart's numbers in words, for screen readers */
  summary = g_strdup_printf (_("Referrals received: %u, accepted: %u, rejected: %u from %u brokers; median time to decide %s."),
                             dashboard->referrals.received, dashboard->referrals.accepted,
                             dashboard->referrals.rejected, n, median);
  crm_dashboard_tile_update (card, summary);
}

/**
 * crm_dashboard_tiles_new:
 * @which: a card of the dashboard
 *
 * Returns: (transfer floating): the card, with its chart, empty
 */
CrmDashboardTile *
crm_dashboard_tiles_new (CrmDashboardTileKind which)
{
  CrmDashboardTile *card;

  switch (which)
    {
    case CRM_DASHBOARD_TILE_TICKETS:
      card = crm_dashboard_tile_new ("tickets", _("Tickets"), "tickets");
      crm_dashboard_tile_add_chart (card, CRM_CHART_BARS, _("Tickets opened and closed each day, and open at its end"));
      return card;
    case CRM_DASHBOARD_TILE_SLA:
      /* Translators: the dashboard's card of the tickets' response and resolution times */
      card = crm_dashboard_tile_new ("sla", _("Response and Resolution Times"), "sla");
      crm_dashboard_tile_add_chart (card, CRM_CHART_STACKED, _("First answers and closings in time and late"));
      return card;
    case CRM_DASHBOARD_TILE_AGENTS:
      card = crm_dashboard_tile_new ("agents", _("Agents’ Load"), "agents");
      crm_dashboard_tile_add_chart (card, CRM_CHART_BARS, _("Each agent’s open, answered and waiting tickets"));
      return card;
    case CRM_DASHBOARD_TILE_REQUESTS:
      card = crm_dashboard_tile_new ("requests", _("Requests"), "requests");
      crm_dashboard_tile_add_chart (card, CRM_CHART_STACKED, _("Requests won, won’t buy by reason, and spam"));
      return card;
    case CRM_DASHBOARD_TILE_OFFERS:
      card = crm_dashboard_tile_new ("offers", _("Offers and Searches"), "offers");
      crm_dashboard_tile_add_chart (card, CRM_CHART_STACKED, _("Offers added, matched and mailed; searches gone stale"));
      return card;
    case CRM_DASHBOARD_TILE_REFERRALS:
      card = crm_dashboard_tile_new ("referrals", _("Referrals by Broker"), "referrals");
      crm_dashboard_tile_add_chart (card, CRM_CHART_BARS, _("Referrals received, accepted and rejected by broker"));
      return card;
    case CRM_DASHBOARD_TILE_AUTOMATIONS:
      card = crm_dashboard_tile_new ("automations", _("Automations and Tasks"), "automations");
      crm_dashboard_tile_add_chart (card, CRM_CHART_STACKED, _("Automation steps done, skipped and failed; tasks overdue"));
      return card;
    case CRM_DASHBOARD_TILE_N:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * crm_dashboard_tiles_fill:
 * @card: a card made by crm_dashboard_tiles_new()
 * @which: which it is
 * @dashboard: the figures
 * @zone: the office's time zone
 *
 * Shows @dashboard's figures on @card.
 */
void
crm_dashboard_tiles_fill (CrmDashboardTile   *card,
                          CrmDashboardTileKind   which,
                          const CrmDashboard *dashboard,
                          GTimeZone          *zone)
{
  crm_dashboard_tile_clear (card);
  switch (which)
    {
    case CRM_DASHBOARD_TILE_TICKETS:
      fill_tickets (card, dashboard, zone);
      break;
    case CRM_DASHBOARD_TILE_SLA:
      fill_sla (card, dashboard);
      break;
    case CRM_DASHBOARD_TILE_AGENTS:
      fill_agents (card, dashboard);
      break;
    case CRM_DASHBOARD_TILE_REQUESTS:
      fill_requests (card, dashboard);
      break;
    case CRM_DASHBOARD_TILE_OFFERS:
      fill_offers (card, dashboard);
      break;
    case CRM_DASHBOARD_TILE_REFERRALS:
      fill_referrals (card, dashboard);
      break;
    case CRM_DASHBOARD_TILE_AUTOMATIONS:
      fill_automations (card, dashboard);
      break;
    case CRM_DASHBOARD_TILE_N:
    default:
      g_return_if_reached ();
    }
}

/**
 * crm_dashboard_tiles_chart_link:
 * @which: a card
 * @dashboard: the figures it shows
 * @category: the category of the bar clicked
 * @series: its series
 * @link: (out): the #CrmDashboardCard figure it stands for
 * @key: (out): the figure's key (an agent, a broker's form)
 *
 * Returns: %TRUE when the bar has a list behind it
 */
gboolean
crm_dashboard_tiles_chart_link (CrmDashboardTileKind   which,
                                const CrmDashboard *dashboard,
                                guint               category,
                                guint               series,
                                int                *link,
                                gint64             *key)
{
  static const int tickets[] = { LINK (TICKETS_OPENED), LINK (TICKETS_CLOSED), LINK (TICKETS_OPEN_NOW) };
  static const int agents[] = { LINK (AGENT_OPEN), LINK (AGENT_ANSWERED), LINK (AGENT_WAITING), LINK (AGENT_NO_REPLY) };
  static const int requests[] = { LINK (REQUESTS_WON), LINK (REQUESTS_WONT_BUY), LINK (REQUESTS_SPAM) };
  static const int offers[] = { LINK (OFFERS_ADDED), LINK (OFFERS_MATCHED), LINK (OFFERS_MAILED), LINK (SEARCHES_STALE) };
  static const int referrals[] = { LINK (REFERRALS_RECEIVED), LINK (REFERRALS_ACCEPTED), LINK (REFERRALS_REJECTED) };
  static const int automations[] = { LINK (AUTOMATIONS_DONE), LINK (AUTOMATIONS_SKIPPED), LINK (AUTOMATIONS_FAILED),
                                     LINK (TASKS_OVERDUE) };

  *key = 0;
  switch (which)
    {
    case CRM_DASHBOARD_TILE_TICKETS:
      if (series >= G_N_ELEMENTS (tickets))
        return FALSE;
      *link = tickets[series];
      return TRUE;
    case CRM_DASHBOARD_TILE_SLA:
      *link = LINK (SLA_BREACHES);
      return TRUE;
    case CRM_DASHBOARD_TILE_AGENTS:
      if (series >= G_N_ELEMENTS (agents) || category >= dashboard->agents->len)
        return FALSE;
      *link = agents[series];
      *key = ((CrmDashboardAgent *) g_ptr_array_index (dashboard->agents, category))->user_id;
      return TRUE;
    case CRM_DASHBOARD_TILE_REQUESTS:
      if (category >= G_N_ELEMENTS (requests))
        return FALSE;
      *link = requests[category];
      return TRUE;
    case CRM_DASHBOARD_TILE_OFFERS:
      if (category >= G_N_ELEMENTS (offers))
        return FALSE;
      *link = offers[category];
      return TRUE;
    case CRM_DASHBOARD_TILE_REFERRALS:
      if (series >= G_N_ELEMENTS (referrals) || category >= dashboard->referrals.brokers->len)
        return FALSE;
      *link = referrals[series];
      *key = ((CrmDashboardBroker *) g_ptr_array_index (dashboard->referrals.brokers, category))->form_id;
      return TRUE;
    case CRM_DASHBOARD_TILE_AUTOMATIONS:
      if (category >= G_N_ELEMENTS (automations))
        return FALSE;
      *link = automations[category];
      return TRUE;
    case CRM_DASHBOARD_TILE_N:
    default:
      return FALSE;
    }
}
