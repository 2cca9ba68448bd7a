/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contact-list"

#include "config.h"

#include "crm-contact.h"
#include "crm-contact-list.h"
#include "crm-normalize.h"
#include "crm-paged-list.h"
#include "crm-store-private.h"

/**
 * CrmContactList:
 *
 * All contacts, or those matching a search, in name order, as a
 * #CrmPagedList: the count up front, pages of rows when a view asks
 * for them. A search is a prefix match of every word
 * typed against the words of the name, company, addresses, phone
 * numbers and tags.
 *
 * Changes to contacts made through the store are picked up in one
 * coalesced #GListModel::items-changed at idle.
 */
struct _CrmContactList
{
  CrmPagedList  parent_instance;

  /* owned */
  CrmStore     *store;
  char         *search;
  char         *match;       /* FTS5 query made of @search, or NULL for all */
  gulong        changed_handler;
};

G_DEFINE_FINAL_TYPE (CrmContactList, crm_contact_list, CRM_TYPE_PAGED_LIST)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
crm_contact_list_count (CrmPagedList *list)
{
  CrmContactList *self = CRM_CONTACT_LIST (list);
  g_autoptr(CrmStoreStmt) stmt = NULL;

  if (self->match == NULL)
    stmt = _crm_store_prepare (self->store, "SELECT count(*) FROM contacts", NULL);
  else
    stmt = _crm_store_prepare (self->store,
                               "SELECT count(*) FROM contacts_fts WHERE contacts_fts MATCH ?",
                               NULL);
  if (stmt == NULL)
    return 0;

  if (self->match != NULL)
    sqlite3_bind_text (stmt, 1, self->match, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_debug ("counting contacts failed: %s", sqlite3_errmsg (_crm_store_get_db (self->store)));
      return 0;
    }

  return sqlite3_column_int (stmt, 0);
}

static GPtrArray *
crm_contact_list_load_page (CrmPagedList *list,
                            guint         first,
                            guint         page_size)
{
  CrmContactList *self = CRM_CONTACT_LIST (list);
  g_autoptr(CrmStoreStmt) stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_full (page_size, g_object_unref);
  int first_param = 1;

  if (self->match == NULL)
    stmt = _crm_store_prepare (self->store,
                               "SELECT " CRM_STORE_CONTACT_COLUMNS " FROM "
                               "(SELECT id, sort_key FROM contacts ORDER BY sort_key, id LIMIT ? OFFSET ?) p "
                               "JOIN contacts c ON c.id = p.id" CRM_STORE_CONTACT_JOINS
                               " ORDER BY p.sort_key, p.id",
                               NULL);
  else
    {
      stmt = _crm_store_prepare (self->store,
                                 "SELECT " CRM_STORE_CONTACT_COLUMNS " FROM "
                                 "(SELECT id, sort_key FROM contacts WHERE id IN "
                                 "  (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)"
                                 " ORDER BY sort_key, id LIMIT ? OFFSET ?) p "
                                 "JOIN contacts c ON c.id = p.id" CRM_STORE_CONTACT_JOINS
                                 " ORDER BY p.sort_key, p.id",
                                 NULL);
      first_param = 2;
    }

  if (stmt == NULL)
    return rows;

  if (self->match != NULL)
    sqlite3_bind_text (stmt, 1, self->match, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, first_param, page_size);
  sqlite3_bind_int64 (stmt, first_param + 1, first);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, _crm_store_contact_from_row (stmt));

  return rows;
}

static void
store_changed_cb (CrmContactList *self,
                  const char     *entity,
                  gint64          id,
                  CrmStore       *store)
{
  crm_paged_list_queue_reload (CRM_PAGED_LIST (self));
}

static void
crm_contact_list_constructed (GObject *object)
{
  CrmContactList *self = (CrmContactList *)object;

  G_OBJECT_CLASS (crm_contact_list_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  self->changed_handler =
    g_signal_connect_object (self->store, "changed::contact",
                             G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  crm_paged_list_reload (CRM_PAGED_LIST (self));
}

static void
crm_contact_list_dispose (GObject *object)
{
  CrmContactList *self = (CrmContactList *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

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
    case PROP_STORE:
      g_value_set_object (value, self->store);
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
    case PROP_STORE:
      self->store = g_value_dup_object (value);
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
  CRM_PAGED_LIST_CLASS (klass)->count = crm_contact_list_count;
  CRM_PAGED_LIST_CLASS (klass)->load_page = crm_contact_list_load_page;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
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
crm_contact_list_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_CONTACT_LIST, "store", store, "item-type", CRM_TYPE_CONTACT, NULL);
}

/**
 * crm_contact_list_get_store:
 * @self: a #CrmContactList
 *
 * Returns: (transfer none): the store
 */
CrmStore *
crm_contact_list_get_store (CrmContactList *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT_LIST (self), NULL);

  return self->store;
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
 * Changes what the list holds; the count is read at once, the rows
 * when they are asked for.
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

  if (self->store != NULL)
    crm_paged_list_reload (CRM_PAGED_LIST (self));
}

/**
 * crm_contact_list_refresh:
 * @self: a #CrmContactList
 *
 * Reads the count again now, instead of at idle.
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
 * Finds where a contact stands in the list without reading the rows
 * before it: one indexed count.
 *
 * Returns: the contact's position, or %GTK_INVALID_LIST_POSITION
 *   (%G_MAXUINT) when the list does not hold it
 */
guint
crm_contact_list_find (CrmContactList *self,
                       gint64          contact_id)
{
  g_autoptr(CrmStoreStmt) key = NULL;
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autofree char *sort_key = NULL;
  guint position;

  g_return_val_if_fail (CRM_IS_CONTACT_LIST (self), G_MAXUINT);

  if (self->match == NULL)
    key = _crm_store_prepare (self->store, "SELECT sort_key, 1 FROM contacts WHERE id = ?1", NULL);
  else
    key = _crm_store_prepare (self->store,
                              "SELECT sort_key, id IN "
                              "(SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?2) "
                              "FROM contacts WHERE id = ?1",
                              NULL);
  if (key == NULL)
    return G_MAXUINT;

  sqlite3_bind_int64 (key, 1, contact_id);
  if (self->match != NULL)
    sqlite3_bind_text (key, 2, self->match, -1, SQLITE_STATIC);
  if (sqlite3_step (key) != SQLITE_ROW || sqlite3_column_int (key, 1) == 0)
    return G_MAXUINT;

  sort_key = g_strdup ((const char *) sqlite3_column_text (key, 0));

  if (self->match == NULL)
    stmt = _crm_store_prepare (self->store,
                               "SELECT count(*) FROM contacts WHERE (sort_key, id) < (?1, ?2)",
                               NULL);
  else
    stmt = _crm_store_prepare (self->store,
                               "SELECT count(*) FROM contacts WHERE (sort_key, id) < (?1, ?2) "
                               "AND id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?3)",
                               NULL);
  if (stmt == NULL)
    return G_MAXUINT;

  sqlite3_bind_text (stmt, 1, sort_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, contact_id);
  if (self->match != NULL)
    sqlite3_bind_text (stmt, 3, self->match, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return G_MAXUINT;

  position = sqlite3_column_int (stmt, 0);

  return position < g_list_model_get_n_items (G_LIST_MODEL (self)) ? position : G_MAXUINT;
}
