/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-referrals"

#include "config.h"

#include "crm-referral-list.h"
#include "crm-referral-store.h"

/**
 * CrmReferralList:
 *
 * The referrals a #CrmReferralFilter selects (RF3, RF4), the newest
 * first, as a #CrmPagedList of #CrmReferral: their ids read on the
 * list's worker, the rows a page at a time when a view asks. A change
 * of a referral, made here or on another desktop, reloads the list at
 * idle, reporting only the ranges that changed. The tiles' counts are
 * crm_referral_store_count_async().
 */
struct _CrmReferralList
{
  CrmPagedList  parent_instance;

  CrmSession   *session;
  /* owned copies of the filter's texts */
  CrmReferralFilter filter;
  char         *client_name;
  char         *advisor;
  char         *status;
  char         *search;
};

G_DEFINE_FINAL_TYPE (CrmReferralList, crm_referral_list, CRM_TYPE_PAGED_LIST)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A filter and its texts, one allocation's worth for the worker. */
typedef struct
{
  CrmReferralFilter filter;
  char *client_name;
  char *advisor;
  char *status;
  char *search;
} Query;

static void
query_free (gpointer data)
{
  Query *query = data;

  g_free (query->client_name);
  g_free (query->advisor);
  g_free (query->status);
  g_free (query->search);
  g_free (query);
}

static gpointer
crm_referral_list_dup_query (CrmPagedList *list)
{
  CrmReferralList *self = CRM_REFERRAL_LIST (list);
  Query *query = g_new0 (Query, 1);

  query->filter = self->filter;
  query->filter.client_name = query->client_name = g_strdup (self->client_name);
  query->filter.advisor = query->advisor = g_strdup (self->advisor);
  query->filter.status = query->status = g_strdup (self->status);
  query->filter.search = query->search = g_strdup (self->search);

  return query;
}

static GArray *
crm_referral_list_load_ids (CrmPagedList  *list,
                            gpointer       query,
                            CrmSession    *session,
                            GCancellable  *cancellable,
                            GError       **error)
{
  return crm_referral_store_list_ids (crm_referral_store_from_session (session), &((Query *) query)->filter, error);
}

static GArray *
crm_referral_list_load_head_ids (CrmPagedList  *list,
                                 gpointer       query,
                                 CrmSession    *session,
                                 guint          n,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return crm_referral_store_list_head_ids (crm_referral_store_from_session (session), &((Query *) query)->filter, n,
                                           error);
}

static GPtrArray *
crm_referral_list_load_items (CrmPagedList  *list,
                              CrmSession    *session,
                              gpointer       query,
                              const gint64  *ids,
                              guint          n_ids,
                              GError       **error)
{
  return crm_referral_store_get_many (crm_referral_store_from_session (session), ids, n_ids, error);
}

static gint64
crm_referral_list_get_item_id (CrmPagedList *list,
                               gpointer      item)
{
  return crm_referral_get_id (item);
}

static void
changed_cb (CrmReferralList *self,
            const char      *entity,
            gint64           id,
            CrmDatabase     *database)
{
  crm_paged_list_item_changed (CRM_PAGED_LIST (self), id);
}

static void
crm_referral_list_constructed (GObject *object)
{
  CrmReferralList *self = CRM_REFERRAL_LIST (object);

  G_OBJECT_CLASS (crm_referral_list_parent_class)->constructed (object);

  g_assert (CRM_IS_SESSION (self->session));
  crm_paged_list_set_session (CRM_PAGED_LIST (self), self->session);
  g_signal_connect_object (crm_session_get_database (self->session), "changed::referral",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  crm_paged_list_reload (CRM_PAGED_LIST (self));
}

static void
crm_referral_list_dispose (GObject *object)
{
  CrmReferralList *self = CRM_REFERRAL_LIST (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_referral_list_parent_class)->dispose (object);
}

static void
crm_referral_list_finalize (GObject *object)
{
  CrmReferralList *self = CRM_REFERRAL_LIST (object);

  g_free (self->client_name);
  g_free (self->advisor);
  g_free (self->status);
  g_free (self->search);

  G_OBJECT_CLASS (crm_referral_list_parent_class)->finalize (object);
}

static void
crm_referral_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CrmReferralList *self = CRM_REFERRAL_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_referral_list_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CrmReferralList *self = CRM_REFERRAL_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_referral_list_class_init (CrmReferralListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = crm_referral_list_constructed;
  object_class->dispose = crm_referral_list_dispose;
  object_class->finalize = crm_referral_list_finalize;
  object_class->get_property = crm_referral_list_get_property;
  object_class->set_property = crm_referral_list_set_property;
  CRM_PAGED_LIST_CLASS (klass)->dup_query = crm_referral_list_dup_query;
  CRM_PAGED_LIST_CLASS (klass)->free_query = query_free;
  CRM_PAGED_LIST_CLASS (klass)->load_ids = crm_referral_list_load_ids;
  CRM_PAGED_LIST_CLASS (klass)->load_head_ids = crm_referral_list_load_head_ids;
  CRM_PAGED_LIST_CLASS (klass)->load_items = crm_referral_list_load_items;
  CRM_PAGED_LIST_CLASS (klass)->get_item_id = crm_referral_list_get_item_id;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_referral_list_init (CrmReferralList *self)
{
}

/**
 * crm_referral_list_new:
 * @session: the session to read in (the window's)
 *
 * Returns: (transfer full): the list of all referrals, newest first
 */
CrmReferralList *
crm_referral_list_new (CrmSession *session)
{
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_REFERRAL_LIST, "session", session, "item-type", CRM_TYPE_REFERRAL, NULL);
}

/**
 * crm_referral_list_get_session:
 * @self: a #CrmReferralList
 *
 * Returns: (transfer none): the session it reads in
 */
CrmSession *
crm_referral_list_get_session (CrmReferralList *self)
{
  g_return_val_if_fail (CRM_IS_REFERRAL_LIST (self), NULL);

  return self->session;
}

/**
 * crm_referral_list_set_filter:
 * @self: a #CrmReferralList
 * @filter: (nullable): what to list (copied), %NULL for all
 *
 * Changes what the list holds: the ids are read again on the list's
 * worker (#CrmPagedList:loading).
 */
void
crm_referral_list_set_filter (CrmReferralList         *self,
                              const CrmReferralFilter *filter)
{
  static const CrmReferralFilter all = { 0 };

  g_return_if_fail (CRM_IS_REFERRAL_LIST (self));

  if (filter == NULL)
    filter = &all;
  g_free (self->client_name);
  g_free (self->advisor);
  g_free (self->status);
  g_free (self->search);
  self->filter = *filter;
  self->filter.client_name = self->client_name = g_strdup (filter->client_name);
  self->filter.advisor = self->advisor = g_strdup (filter->advisor);
  self->filter.status = self->status = g_strdup (filter->status);
  self->filter.search = self->search = g_strdup (filter->search);

  crm_paged_list_reload (CRM_PAGED_LIST (self));
}
