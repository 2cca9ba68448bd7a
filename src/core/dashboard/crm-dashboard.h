/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "crm-referral.h"

G_BEGIN_DECLS

/**
 * CrmDashboardDay:
 * @start: the day's first second in the office's time zone, a Unix
 *   time (the period's start for its first day when that is later)
 * @opened: tickets and requests opened that day
 * @closed: tickets and requests closed that day
 * @open: those open at the day's end (at the period's end for its
 *   last day)
 *
 * One local day of the period.
 */
typedef struct
{
  gint64 start;
  guint  opened;
  guint  closed;
  guint  open;
} CrmDashboardDay;

/**
 * CrmDashboardTarget:
 * @CRM_DASHBOARD_TARGET_RESPONSE: the time to the first answer
 * @CRM_DASHBOARD_TARGET_RESOLUTION: the time to close
 *
 * Which time of the priority (SLA) a ticket missed.
 */
typedef enum
{
  CRM_DASHBOARD_TARGET_RESPONSE,
  CRM_DASHBOARD_TARGET_RESOLUTION,
} CrmDashboardTarget;

const char *crm_dashboard_target_to_string (CrmDashboardTarget target);

/**
 * CrmDashboardBreach:
 * @ticket_id: the ticket
 * @subject: its subject
 * @target: which time it missed
 * @due: when that was due, a Unix time
 * @late: by how many seconds: until the answer or the closing, or
 *   until now when it is still not answered or closed
 * @done: whether it was answered or closed (late), or still is not
 *
 * A ticket past its response or resolution time in the period.
 */
typedef struct
{
  gint64              ticket_id;
  char               *subject;
  CrmDashboardTarget  target;
  gint64              due;
  gint64              late;
  gboolean            done;
} CrmDashboardBreach;

/**
 * CrmDashboardAgent:
 * @user_id: the user
 * @name: their name
 * @open: their open tickets and requests now
 * @answered_today: our replies they wrote today (the office's day)
 * @answered: our replies they wrote in the period
 * @waiting: their tickets waiting for the client (a status of the
 *   "pending" kind)
 * @no_reply: their tickets whose last mail, ours, has had no answer
 *   for the office's no-reply days (RQ12), not closed
 *
 * One user's load.
 */
typedef struct
{
  gint64  user_id;
  char   *name;
  guint   open;
  guint   answered_today;
  guint   answered;
  guint   waiting;
  guint   no_reply;
} CrmDashboardAgent;

/**
 * CrmDashboardReason:
 * @reason: the office's reason why a client did not buy
 * @count: requests closed for it in the period
 */
typedef struct
{
  char  *reason;
  guint  count;
} CrmDashboardReason;

/**
 * CrmDashboardBroker:
 * @form_id: the broker's form (the source)
 * @form: the form's name
 * @broker: the broker's name
 * @received: referrals received in the period
 * @accepted: accepted in the period
 * @rejected: rejected in the period
 * @decision_median: the median seconds from receiving to deciding of
 *   those decided in the period, or -1 when none was
 *
 * One broker's form's referrals.
 */
typedef struct
{
  gint64  form_id;
  char   *form;
  char   *broker;
  guint   received;
  guint   accepted;
  guint   rejected;
  gint64  decision_median;
} CrmDashboardBroker;

/**
 * CrmDashboard:
 * @from: the period's start, a Unix time
 * @to: its end, excluded
 * @queue_id: the team (a queue) it counts, or 0
 * @user_id: the user it counts, or 0
 * @now: when it was computed, by the session's clock
 * @today: the office's today's first second
 * @tickets: tickets and requests (@opened, @closed in the period;
 *   @open_start: open at its start by their closing times; @open_now:
 *   not in a closed status now, as the lists show them; @days: a
 *   #CrmDashboardDay for each local day; @responded: first answers in
 *   the period, @response_met of them in time, @response_median their
 *   median seconds or -1; @resolved, @resolution_met,
 *   @resolution_median: the same of those closed, spam left out;
 *   @breaches: how many missed a time in the period, @breach_list: the
 *   #CrmDashboardBreach, the latest first, at most 100)
 * @requests: how requests closed in the period ended (@won,
 *   @wont_buy, @spam; @reasons: #CrmDashboardReason, the most frequent
 *   first)
 * @projects: projects of requests (@opened, @closed in the period)
 * @offers: @added in the period, @matched of those to a search at
 *   least, @matches: the offer and search pairs, @mailed: mails of
 *   offers sent in the period
 * @searches: @stale: clients' searches not updated for the office's
 *   stale days, now
 * @referrals: @received, @accepted, @rejected in the period,
 *   @decision_median (seconds, or -1), @brokers: #CrmDashboardBroker,
 *   by broker's form
 * @automations: the automations' steps @done, @skipped and @failed in
 *   the period
 * @tasks: @overdue: open tasks past their due time now
 * @agents: #CrmDashboardAgent, by name
 *
 * The managers' dashboard (FD6): the figures of a period and a scope
 * (the office, a team: a queue, or a user), from
 * crm_dashboard_store_compute(). Tickets, requests, projects and the
 * agents count the queue or the user (a ticket's assignee); offers,
 * searches and tasks the user (their agent, their user), else the
 * office; referrals the user's decisions, else the office's, received
 * ones always the office's; automations always the office's.
 */
typedef struct
{
  gint64 from;
  gint64 to;
  gint64 queue_id;
  gint64 user_id;
  gint64 now;
  gint64 today;

  struct
  {
    guint      opened;
    guint      closed;
    guint      open_start;
    guint      open_now;
    GArray    *days;
    guint      responded;
    guint      response_met;
    gint64     response_median;
    guint      resolved;
    guint      resolution_met;
    gint64     resolution_median;
    guint      breaches;
    GPtrArray *breach_list;
  } tickets;

  struct
  {
    guint      won;
    guint      wont_buy;
    guint      spam;
    GPtrArray *reasons;
  } requests;

  struct
  {
    guint opened;
    guint closed;
  } projects;

  struct
  {
    guint added;
    guint matched;
    guint matches;
    guint mailed;
  } offers;

  struct
  {
    guint stale;
  } searches;

  struct
  {
    guint      received;
    guint      accepted;
    guint      rejected;
    gint64     decision_median;
    GPtrArray *brokers;
  } referrals;

  struct
  {
    guint done;
    guint skipped;
    guint failed;
  } automations;

  struct
  {
    guint overdue;
  } tasks;

  GPtrArray *agents;

  /*< private >*/
  gint ref_count;
} CrmDashboard;

#define CRM_TYPE_DASHBOARD (crm_dashboard_get_type ())

GType         crm_dashboard_get_type (void) G_GNUC_CONST;
CrmDashboard *crm_dashboard_new      (void);
CrmDashboard *crm_dashboard_ref      (CrmDashboard *self);
void          crm_dashboard_unref    (CrmDashboard *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDashboard, crm_dashboard_unref)

const CrmDashboardAgent  *crm_dashboard_find_agent  (const CrmDashboard *self,
                                                     gint64              user_id);
const CrmDashboardBroker *crm_dashboard_find_broker (const CrmDashboard *self,
                                                     gint64              form_id);
guint                     crm_dashboard_count_reason (const CrmDashboard *self,
                                                      const char         *reason);

/**
 * CrmDashboardCard:
 * @CRM_DASHBOARD_CARD_TICKETS_OPENED: tickets and requests opened
 * @CRM_DASHBOARD_CARD_TICKETS_CLOSED: closed
 * @CRM_DASHBOARD_CARD_TICKETS_OPEN_NOW: open now
 * @CRM_DASHBOARD_CARD_SLA_BREACHES: past a response or resolution time
 * @CRM_DASHBOARD_CARD_REQUESTS_WON: requests won
 * @CRM_DASHBOARD_CARD_REQUESTS_WONT_BUY: requests closed as won't buy
 * @CRM_DASHBOARD_CARD_REQUESTS_SPAM: closed as spam
 * @CRM_DASHBOARD_CARD_PROJECTS_OPENED: projects opened
 * @CRM_DASHBOARD_CARD_PROJECTS_CLOSED: projects closed
 * @CRM_DASHBOARD_CARD_OFFERS_ADDED: offers added
 * @CRM_DASHBOARD_CARD_OFFERS_MATCHED: offers added and matched
 * @CRM_DASHBOARD_CARD_OFFERS_MAILED: mails of offers sent
 * @CRM_DASHBOARD_CARD_SEARCHES_STALE: stale searches
 * @CRM_DASHBOARD_CARD_REFERRALS_RECEIVED: referrals received
 * @CRM_DASHBOARD_CARD_REFERRALS_ACCEPTED: referrals accepted
 * @CRM_DASHBOARD_CARD_REFERRALS_REJECTED: referrals rejected
 * @CRM_DASHBOARD_CARD_AUTOMATIONS_DONE: automation steps done
 * @CRM_DASHBOARD_CARD_AUTOMATIONS_SKIPPED: skipped
 * @CRM_DASHBOARD_CARD_AUTOMATIONS_FAILED: failed
 * @CRM_DASHBOARD_CARD_TASKS_OVERDUE: tasks overdue
 * @CRM_DASHBOARD_CARD_AGENT_OPEN: an agent's open tickets
 * @CRM_DASHBOARD_CARD_AGENT_ANSWERED: an agent's replies
 * @CRM_DASHBOARD_CARD_AGENT_WAITING: an agent's tickets waiting for the
 *   client
 * @CRM_DASHBOARD_CARD_AGENT_NO_REPLY: an agent's tickets with no reply
 *   from the client for the office's days
 *
 * A figure of the dashboard, for crm_dashboard_get_link().
 */
typedef enum
{
  CRM_DASHBOARD_CARD_TICKETS_OPENED,
  CRM_DASHBOARD_CARD_TICKETS_CLOSED,
  CRM_DASHBOARD_CARD_TICKETS_OPEN_NOW,
  CRM_DASHBOARD_CARD_SLA_BREACHES,
  CRM_DASHBOARD_CARD_REQUESTS_WON,
  CRM_DASHBOARD_CARD_REQUESTS_WONT_BUY,
  CRM_DASHBOARD_CARD_REQUESTS_SPAM,
  CRM_DASHBOARD_CARD_PROJECTS_OPENED,
  CRM_DASHBOARD_CARD_PROJECTS_CLOSED,
  CRM_DASHBOARD_CARD_OFFERS_ADDED,
  CRM_DASHBOARD_CARD_OFFERS_MATCHED,
  CRM_DASHBOARD_CARD_OFFERS_MAILED,
  CRM_DASHBOARD_CARD_SEARCHES_STALE,
  CRM_DASHBOARD_CARD_REFERRALS_RECEIVED,
  CRM_DASHBOARD_CARD_REFERRALS_ACCEPTED,
  CRM_DASHBOARD_CARD_REFERRALS_REJECTED,
  CRM_DASHBOARD_CARD_AUTOMATIONS_DONE,
  CRM_DASHBOARD_CARD_AUTOMATIONS_SKIPPED,
  CRM_DASHBOARD_CARD_AUTOMATIONS_FAILED,
  CRM_DASHBOARD_CARD_TASKS_OVERDUE,
  CRM_DASHBOARD_CARD_AGENT_OPEN,
  CRM_DASHBOARD_CARD_AGENT_ANSWERED,
  CRM_DASHBOARD_CARD_AGENT_WAITING,
  CRM_DASHBOARD_CARD_AGENT_NO_REPLY,
} CrmDashboardCard;

const char *crm_dashboard_card_to_string (CrmDashboardCard card);

/**
 * CrmDashboardLink:
 * @module: the list behind the figure: "tickets", "requests",
 *   "offers", "searches", "referrals", "projects", "automations" or
 *   "tasks"
 * @filter: (nullable): that list's filter as a saved view keeps it
 *   (crm_ticket_filter_to_variant (), crm_offer_filter_to_variant (),
 *   crm_search_filter_to_variant (); for referrals
 *   crm_dashboard_link_get_referral_filter () reads it), or %NULL when
 *   the list has no filter for it: the whole list
 * @exact: %TRUE when the list so filtered holds exactly the records
 *   the figure counts; %FALSE when its filter cannot say all (a period
 *   of time, an outcome, a time missed): the list then holds them
 *   among others (see the dashboard's breach list for the breaches)
 *
 * What the window opens for a figure.
 */
typedef struct
{
  char     *module;
  GVariant *filter;
  gboolean  exact;
} CrmDashboardLink;

#define CRM_TYPE_DASHBOARD_LINK (crm_dashboard_link_get_type ())

GType             crm_dashboard_link_get_type (void) G_GNUC_CONST;
CrmDashboardLink *crm_dashboard_link_copy     (const CrmDashboardLink *link);
void              crm_dashboard_link_free     (CrmDashboardLink       *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmDashboardLink, crm_dashboard_link_free)

CrmDashboardLink *crm_dashboard_get_link                 (const CrmDashboard     *self,
                                                          CrmDashboardCard        card,
                                                          gint64                  key);
gboolean          crm_dashboard_link_get_referral_filter (const CrmDashboardLink *link,
                                                          CrmReferralFilter      *filter,
                                                          GError                **error);

G_END_DECLS
