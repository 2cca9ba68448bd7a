/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contact-list"

#include "config.h"

#include "crm-contact.h"
#include "crm-contact-list.h"
#include "crm-normalize.h"
#include "crm-paged-list.h"
#include "crm-people-private.h"

/**
 * CrmContactList:
 *
 * All contacts, or those matching a search, in name order, as a
 * #CrmPagedList: their ids read on a worker, pages of rows when a view
 * asks for them. A search is a prefix match of every word
 * typed against the words of the name, company, addresses, phone
 * numbers and tags.
 *
 * Changes to contacts, made through the store or by another process,
 * are picked up in one coalesced reload at idle that reports only the
 * ranges that changed.
 */
struct _CrmContactList
{
  CrmPagedList  parent_instance;

  /* owned */
  CrmSession     *session;
  char         *search;
  char         *match;       /* FTS5 query made of @search, or NULL for all */
  gulong        changed_handler;
};

G_DEFINE_FINAL_TYPE (CrmContactList, crm_contact_list, CRM_TYPE_PAGED_LIST)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gpointer
crm_contact_list_dup_query (CrmPagedList *list)
{
  /* NULL: all contacts */
  return g_strdup (CRM_CONTACT_LIST (list)->match);
}

static GArray *
crm_contact_list_load_ids (CrmPagedList  *list,
                           gpointer       query,
                           CrmSession    *session,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return crm_contact_store_list_ids (crm_contact_store_from_session (session), query, error);
}

static GPtrArray *
crm_contact_list_load_items (CrmPagedList  *list,
                             CrmSession    *session,
                             gpointer       query,
                             const gint64  *ids,
                             guint          n_ids,
                             GError       **error)
{
  return crm_contact_store_get_many (crm_contact_store_from_session (session), ids, n_ids, error);
}

static gint64
crm_contact_list_get_item_id (CrmPagedList *list,
                              gpointer      item)
{
  return crm_contact_get_id (item);
}

static void
store_changed_cb (CrmContactList *self,
                  const char     *entity,
                  gint64          id,
                  CrmSession     *session)
{
  crm_paged_list_item_changed (CRM_PAGED_LIST (self), id);
}

static void
crm_contact_list_constructed (GObject *object)
{
  CrmContactList *self = (CrmContactList *)object;

  G_OBJECT_CLASS (crm_contact_list_parent_class)->constructed (object);

  g_assert (CRM_IS_SESSION (self->session));
  crm_paged_list_set_session (CRM_PAGED_LIST (self), self->session);

  self->changed_handler =
    g_signal_connect_object (crm_session_get_database (self->session), "changed::contact",
                             G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  crm_paged_list_reload (CRM_PAGED_LIST (self));
}

static void
crm_contact_list_dispose (GObject *object)
{
  CrmContactList *self = (CrmContactList *)object;

  if (self->session != NULL)
    g_clear_signal_handler (&self->changed_handler, crm_session_get_database (self->session));
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_contact_list_parent_class)->dispose (object);
}

static void
crm_contact_list_finalize (GObject *object)
{
  CrmContactList *self = (CrmContactList *)object;

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->match, g_free);

  G_OBJECT_CLASS (crm_contact_list_parent_class)->finalize (object);
}

static void
crm_contact_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmContactList *self = CRM_CONTACT_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_contact_list_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrmContactList *self = CRM_CONTACT_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_SEARCH:
      crm_contact_list_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_contact_list_class_init (CrmContactListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = crm_contact_list_constructed;
  object_class->dispose = crm_contact_list_dispose;
  object_class->finalize = crm_contact_list_finalize;
  object_class->get_property = crm_contact_list_get_property;
  object_class->set_property = crm_contact_list_set_property;
  CRM_PAGED_LIST_CLASS (klass)->dup_query = crm_contact_list_dup_query;
  CRM_PAGED_LIST_CLASS (klass)->free_query = g_free;
  CRM_PAGED_LIST_CLASS (klass)->load_ids = crm_contact_list_load_ids;
  CRM_PAGED_LIST_CLASS (klass)->load_items = crm_contact_list_load_items;
  CRM_PAGED_LIST_CLASS (klass)->get_item_id = crm_contact_list_get_item_id;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, CRM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_contact_list_init (CrmContactList *self)
{
}

/**
 * crm_contact_list_new:
 * @store: the store to read
 *
 * Returns: (transfer full): a list of all contacts
 */
CrmContactList *
crm_contact_list_new (CrmSession *session)
{
  g_return_val_if_fail (CRM_IS_SESSION (session), NULL);

  return g_object_new (CRM_TYPE_CONTACT_LIST, "session", session, "item-type", CRM_TYPE_CONTACT, NULL);
}

/**
 * crm_contact_list_get_store:
 * @self: a #CrmContactList
 *
 * Returns: (transfer none): the store
 */
CrmSession *
crm_contact_list_get_session (CrmContactList *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_LIST (self), NULL);

  return self->session;
}

const char *
crm_contact_list_get_search (CrmContactList *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_LIST (self), NULL);

  return self->search;
}

/**
 * crm_contact_list_set_search:
 * @self: a #CrmContactList
 * @search: (nullable): words to look for, or %NULL for all contacts
 *
 * Changes what the list holds: the ids are read on the list's worker
 * (#CrmPagedList:loading), the rows when they are asked for.
 */
void
crm_contact_list_set_search (CrmContactList *self,
                             const char     *search)
{
  g_autofree char *match = NULL;

  g_return_if_fail (CRM_IS_CONTACT_LIST (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);

  match = crm_normalize_search_text (search);
  if (g_strcmp0 (match, self->match) == 0)
    return;

  g_free (self->match);
  self->match = g_steal_pointer (&match);

  if (self->session != NULL)
    crm_paged_list_reload (CRM_PAGED_LIST (self));
}

/**
 * crm_contact_list_refresh:
 * @self: a #CrmContactList
 *
 * Reads the list again now, instead of at idle.
 */
void
crm_contact_list_refresh (CrmContactList *self)
{
  g_return_if_fail (CRM_IS_CONTACT_LIST (self));

  crm_paged_list_reload (CRM_PAGED_LIST (self));
}

/**
 * crm_contact_list_find:
 * @self: a #CrmContactList
 * @contact_id: a contact's id
 *
 * Finds where a contact stands in the list as last read, without
 * reading any row.
 *
 * Returns: the contact's position, or %GTK_INVALID_LIST_POSITION
 *   (%G_MAXUINT) when the list does not hold it
 */
guint
crm_contact_list_find (CrmContactList *self,
                       gint64          contact_id)
{
  g_return_val_if_fail (CRM_IS_CONTACT_LIST (self), G_MAXUINT);

  return crm_paged_list_find_id (CRM_PAGED_LIST (self), contact_id);
}
