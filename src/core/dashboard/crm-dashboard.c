/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-dashboard"

#include "config.h"

#include <string.h>

#include "crm-dashboard.h"
#include "crm-offer-store.h"
#include "crm-saved-filter.h"
#include "crm-search-store.h"
#include "crm-ticket-store.h"

/* The dashboard's figures as values (FD6), and for each figure the
 * list behind it: the module and its filter as a saved view keeps it,
 * so that the window opens the list a figure counts. */

G_DEFINE_BOXED_TYPE (CrmDashboard, crm_dashboard, crm_dashboard_ref, crm_dashboard_unref)
G_DEFINE_BOXED_TYPE (CrmDashboardLink, crm_dashboard_link, crm_dashboard_link_copy, crm_dashboard_link_free)

static const char * const targets[] = { "response", "resolution" };

static const char * const cards[] = {
  "tickets-opened", "tickets-closed", "tickets-open-now", "sla-breaches", "requests-won", "requests-wont-buy",
  "requests-spam", "projects-opened", "projects-closed", "offers-added", "offers-matched", "offers-mailed",
  "searches-stale", "referrals-received", "referrals-accepted", "referrals-rejected", "automations-done",
  "automations-skipped", "automations-failed", "tasks-overdue", "agent-open", "agent-answered", "agent-waiting",
  "agent-no-reply",
};

/* the keys of a referrals' list filter in a link (CrmReferralFilter) */
static const CrmSavedFilterKey referral_filter_keys[] = {
  { "status", "s" },
  { "form", "x" },
  { "from", "x" },
  { "to", "x" },
  { NULL, NULL }
};

static void
breach_free (gpointer data)
{
  CrmDashboardBreach *breach = data;

  g_free (breach->subject);
  g_free (breach);
}

static void
agent_free (gpointer data)
{
  CrmDashboardAgent *agent = data;

  g_free (agent->name);
  g_free (agent);
}

static void
reason_free (gpointer data)
{
  CrmDashboardReason *reason = data;

  g_free (reason->reason);
  g_free (reason);
}

static void
broker_free (gpointer data)
{
  CrmDashboardBroker *broker = data;

  g_free (broker->form);
  g_free (broker->broker);
  g_free (broker);
}

/**
 * crm_dashboard_target_to_string:
 * @target: a time of the priority
 *
 * Returns: "response" or "resolution"
 */
const char *
crm_dashboard_target_to_string (CrmDashboardTarget target)
{
  g_return_val_if_fail ((guint) target < G_N_ELEMENTS (targets), NULL);

  return targets[target];
}

/**
 * crm_dashboard_card_to_string:
 * @card: a figure
 *
 * Returns: its name, such as "tickets-open-now"
 */
const char *
crm_dashboard_card_to_string (CrmDashboardCard card)
{
  g_return_val_if_fail ((guint) card < G_N_ELEMENTS (cards), NULL);

  return cards[card];
}

/**
 * crm_dashboard_new:
 *
 * Returns: (transfer full): a dashboard of zeros, its lists empty
 */
CrmDashboard *
crm_dashboard_new (void)
{
  CrmDashboard *self = g_new0 (CrmDashboard, 1);

  self->ref_count = 1;
  self->tickets.days = g_array_new (FALSE, TRUE, sizeof (CrmDashboardDay));
  self->tickets.breach_list = g_ptr_array_new_with_free_func (breach_free);
  self->tickets.response_median = -1;
  self->tickets.resolution_median = -1;
  self->requests.reasons = g_ptr_array_new_with_free_func (reason_free);
  self->referrals.brokers = g_ptr_array_new_with_free_func (broker_free);
  self->referrals.decision_median = -1;
  self->agents = g_ptr_array_new_with_free_func (agent_free);

  return self;
}

/**
 * crm_dashboard_ref:
 * @self: a dashboard
 *
 * Returns: (transfer full): @self
 */
CrmDashboard *
crm_dashboard_ref (CrmDashboard *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);

  return self;
}

/**
 * crm_dashboard_unref:
 * @self: (transfer full): a dashboard
 */
void
crm_dashboard_unref (CrmDashboard *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_int_dec_and_test (&self->ref_count))
    return;
  g_array_unref (self->tickets.days);
  g_ptr_array_unref (self->tickets.breach_list);
  g_ptr_array_unref (self->requests.reasons);
  g_ptr_array_unref (self->referrals.brokers);
  g_ptr_array_unref (self->agents);
  g_free (self);
}

/**
 * crm_dashboard_find_agent:
 * @self: a dashboard
 * @user_id: a user
 *
 * Returns: (nullable) (transfer none): the user's load, or %NULL
 */
const CrmDashboardAgent *
crm_dashboard_find_agent (const CrmDashboard *self,
                          gint64              user_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->agents->len; i++)
    {
      const CrmDashboardAgent *agent = g_ptr_array_index (self->agents, i);

      if (agent->user_id == user_id)
        return agent;
    }

  return NULL;
}

/**
 * crm_dashboard_find_broker:
 * @self: a dashboard
 * @form_id: a broker's form
 *
 * Returns: (nullable) (transfer none): its referrals, or %NULL when it
 *   had none in the period
 */
const CrmDashboardBroker *
crm_dashboard_find_broker (const CrmDashboard *self,
                           gint64              form_id)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->referrals.brokers->len; i++)
    {
      const CrmDashboardBroker *broker = g_ptr_array_index (self->referrals.brokers, i);

      if (broker->form_id == form_id)
        return broker;
    }

  return NULL;
}

/**
 * crm_dashboard_count_reason:
 * @self: a dashboard
 * @reason: one of the office's reasons
 *
 * Returns: how many requests closed as won't buy for @reason in the
 *   period
 */
guint
crm_dashboard_count_reason (const CrmDashboard *self,
                            const char         *reason)
{
  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->requests.reasons->len; i++)
    {
      const CrmDashboardReason *count = g_ptr_array_index (self->requests.reasons, i);

      if (g_strcmp0 (count->reason, reason) == 0)
        return count->count;
    }

  return 0;
}

/**
 * crm_dashboard_link_copy:
 * @link: a link
 *
 * Returns: (transfer full): a copy
 */
CrmDashboardLink *
crm_dashboard_link_copy (const CrmDashboardLink *link)
{
  CrmDashboardLink *copy;

  g_return_val_if_fail (link != NULL, NULL);

  copy = g_new0 (CrmDashboardLink, 1);
  copy->module = g_strdup (link->module);
  copy->filter = link->filter != NULL ? g_variant_ref (link->filter) : NULL;
  copy->exact = link->exact;

  return copy;
}

/**
 * crm_dashboard_link_free:
 * @link: (transfer full): a link
 */
void
crm_dashboard_link_free (CrmDashboardLink *link)
{
  if (link == NULL)
    return;
  g_free (link->module);
  g_clear_pointer (&link->filter, g_variant_unref);
  g_free (link);
}

static CrmDashboardLink *
link_new (const char *module,
          GVariant   *filter,
          gboolean    exact)
{
  CrmDashboardLink *link = g_new0 (CrmDashboardLink, 1);

  link->module = g_strdup (module);
  link->filter = filter != NULL ? g_variant_ref_sink (filter) : NULL;
  link->exact = exact;

  return link;
}

/* The tickets' or requests' list of the dashboard's scope, or of the
 * agent @assignee_id */
static CrmDashboardLink *
tickets_link (const CrmDashboard *self,
              const char         *module,
              gint64              assignee_id,
              const char         *status,
              gboolean            open_only,
              gboolean            exact)
{
  CrmTicketFilter filter = { 0 };

  filter.queue_id = self->queue_id;
  filter.assignee_id = assignee_id != 0 ? assignee_id : self->user_id;
  filter.status = status;
  filter.open_only = open_only;
  /* the requests inbox lists them oldest first (RQ5) */
  filter.oldest_first = g_str_equal (module, "requests");

  return link_new (module, crm_ticket_filter_to_variant (&filter), exact);
}

static CrmDashboardLink *
referrals_link (const CrmDashboard *self,
                const char         *status,
                gint64              form_id,
                gboolean            received)
{
  GVariantBuilder builder;

  crm_saved_filter_init (&builder);
  if (status != NULL)
    g_variant_builder_add (&builder, "{sv}", "status", g_variant_new_string (status));
  if (form_id != 0)
    g_variant_builder_add (&builder, "{sv}", "form", g_variant_new_int64 (form_id));
  if (received)
    {
      g_variant_builder_add (&builder, "{sv}", "from", g_variant_new_int64 (self->from));
      g_variant_builder_add (&builder, "{sv}", "to", g_variant_new_int64 (self->to));
    }

  /* the list's dates are the received ones: a decision's are not */
  return link_new ("referrals", g_variant_builder_end (&builder), received && self->user_id == 0);
}

/**
 * crm_dashboard_get_link:
 * @self: a dashboard
 * @card: a figure of it
 * @key: the agent's user id for the %CRM_DASHBOARD_CARD_AGENT_… cards;
 *   the broker's form for the %CRM_DASHBOARD_CARD_REFERRALS_… cards, or
 *   0 for all; else 0
 *
 * The list behind @card, in the dashboard's scope: the tickets'
 * (open now, an agent's open ones or those waiting for the client
 * exactly; those of a period or an outcome among the others of the
 * scope), the searches' (stale, exactly), the referrals' (received in
 * the period, exactly), the offers', and the lists with no filter for
 * the figure (projects, automations, tasks).
 *
 * Returns: (transfer full): what the window opens
 */
CrmDashboardLink *
crm_dashboard_get_link (const CrmDashboard *self,
                        CrmDashboardCard    card,
                        gint64              key)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (card)
    {
    case CRM_DASHBOARD_CARD_TICKETS_OPENED:
    case CRM_DASHBOARD_CARD_SLA_BREACHES:
      return tickets_link (self, "tickets", 0, NULL, FALSE, FALSE);
    case CRM_DASHBOARD_CARD_TICKETS_CLOSED:
      return tickets_link (self, "tickets", 0, "closed", FALSE, FALSE);
    case CRM_DASHBOARD_CARD_TICKETS_OPEN_NOW:
      return tickets_link (self, "tickets", 0, NULL, TRUE, TRUE);
    case CRM_DASHBOARD_CARD_REQUESTS_WON:
    case CRM_DASHBOARD_CARD_REQUESTS_WONT_BUY:
    case CRM_DASHBOARD_CARD_REQUESTS_SPAM:
      return tickets_link (self, "requests", 0, "closed", FALSE, FALSE);
    case CRM_DASHBOARD_CARD_PROJECTS_OPENED:
    case CRM_DASHBOARD_CARD_PROJECTS_CLOSED:
      return link_new ("projects", NULL, FALSE);
    case CRM_DASHBOARD_CARD_OFFERS_ADDED:
    case CRM_DASHBOARD_CARD_OFFERS_MATCHED:
      {
        CrmOfferFilter filter = { 0 };

        filter.agent_id = self->user_id;
        return link_new ("offers", crm_offer_filter_to_variant (&filter), FALSE);
      }
    case CRM_DASHBOARD_CARD_OFFERS_MAILED:
      return link_new ("offers", NULL, FALSE);
    case CRM_DASHBOARD_CARD_SEARCHES_STALE:
      {
        CrmSearchFilter filter = { 0 };

        filter.agent_id = self->user_id;
        filter.stale_only = TRUE;
        return link_new ("searches", crm_search_filter_to_variant (&filter), TRUE);
      }
    case CRM_DASHBOARD_CARD_REFERRALS_RECEIVED:
      return referrals_link (self, NULL, key, TRUE);
    case CRM_DASHBOARD_CARD_REFERRALS_ACCEPTED:
      return referrals_link (self, "accepted", key, FALSE);
    case CRM_DASHBOARD_CARD_REFERRALS_REJECTED:
      return referrals_link (self, "rejected", key, FALSE);
    case CRM_DASHBOARD_CARD_AUTOMATIONS_DONE:
    case CRM_DASHBOARD_CARD_AUTOMATIONS_SKIPPED:
    case CRM_DASHBOARD_CARD_AUTOMATIONS_FAILED:
      return link_new ("automations", NULL, FALSE);
    case CRM_DASHBOARD_CARD_TASKS_OVERDUE:
      return link_new ("tasks", NULL, FALSE);
    case CRM_DASHBOARD_CARD_AGENT_OPEN:
      return tickets_link (self, "tickets", key, NULL, TRUE, TRUE);
    case CRM_DASHBOARD_CARD_AGENT_WAITING:
      return tickets_link (self, "tickets", key, "pending", FALSE, TRUE);
    case CRM_DASHBOARD_CARD_AGENT_ANSWERED:
      return tickets_link (self, "tickets", key, NULL, FALSE, FALSE);
    case CRM_DASHBOARD_CARD_AGENT_NO_REPLY:
      return tickets_link (self, "tickets", key, NULL, TRUE, FALSE);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * crm_dashboard_link_get_referral_filter:
 * @link: a link to the referrals' list
 * @filter: (out caller-allocates): the referrals' list filter; its
 *   status points into @link, which must outlive it
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @filter set, or %FALSE with @error set when
 *   @link's filter is not a referrals' one
 */
gboolean
crm_dashboard_link_get_referral_filter (const CrmDashboardLink  *link,
                                        CrmReferralFilter       *filter,
                                        GError                 **error)
{
  g_return_val_if_fail (link != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  memset (filter, 0, sizeof *filter);
  if (link->filter == NULL)
    return TRUE;
  if (!crm_saved_filter_check (link->filter, referral_filter_keys, error))
    return FALSE;
  g_variant_lookup (link->filter, "status", "&s", &filter->status);
  g_variant_lookup (link->filter, "form", "x", &filter->form_id);
  g_variant_lookup (link->filter, "from", "x", &filter->from);
  g_variant_lookup (link->filter, "to", "x", &filter->to);

  return TRUE;
}
