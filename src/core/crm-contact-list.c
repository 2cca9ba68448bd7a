/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-contact-list"

#include "config.h"

#include "crm-contact.h"
#include "crm-contact-list.h"
#include "crm-normalize.h"
#include "crm-store-private.h"

/**
 * CrmContactList:
 *
 * All contacts, or those matching a search, in name order, as a
 * #GListModel that reads SQLite lazily: it knows only the count up
 * front and reads pages of rows when a view asks for an item, keeping
 * a bounded number of pages. A search is a prefix match of every word
 * typed against the words of the name, company, addresses, phone
 * numbers and tags.
 *
 * Changes to contacts made through the store are picked up in one
 * coalesced #GListModel::items-changed at idle.
 */
struct _CrmContactList
{
  GObject     parent_instance;

  /* owned */
  CrmStore   *store;
  char       *search;
  char       *match;       /* FTS5 query made of @search, or NULL for all */
  GHashTable *pages;       /* page index → GPtrArray of CrmContact */
  GQueue      page_order;  /* page indexes, most recently used first */

  guint       n_items;
  guint       refresh_source;
  gulong      changed_handler;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmContactList, crm_contact_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEARCH,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PAGE_SIZE 100
#define MAX_PAGES 40

static guint
count_rows (CrmContactList *self)
{
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
load_page (CrmContactList *self,
           guint           page)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  GPtrArray *rows = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);
  int first_param = 1;

  g_debug ("reading page %u", page);

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
  sqlite3_bind_int (stmt, first_param, PAGE_SIZE);
  sqlite3_bind_int64 (stmt, first_param + 1, (gint64) page * PAGE_SIZE);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, _crm_store_contact_from_row (stmt));

  return rows;
}

static void
drop_pages (CrmContactList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
}

static void
reload (CrmContactList *self)
{
  guint old_n_items = self->n_items;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  drop_pages (self);
  self->n_items = count_rows (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  if (old_n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  CrmContactList *self = user_data;

  self->refresh_source = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (CrmContactList *self,
                  const char     *entity,
                  gint64          id,
                  CrmStore       *store)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static GType
crm_contact_list_get_item_type (GListModel *model)
{
  return CRM_TYPE_CONTACT;
}

static guint
crm_contact_list_get_n_items (GListModel *model)
{
  return CRM_CONTACT_LIST (model)->n_items;
}

static gpointer
crm_contact_list_get_item (GListModel *model,
                           guint       position)
{
  CrmContactList *self = CRM_CONTACT_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      rows = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
      g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));

      while (g_queue_get_length (&self->page_order) > MAX_PAGES)
        g_hash_table_remove (self->pages, g_queue_pop_tail (&self->page_order));
    }
  else if (g_queue_peek_head (&self->page_order) != GUINT_TO_POINTER (page))
    {
      g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));
    }

  if (position % PAGE_SIZE >= rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_contact_list_get_item_type;
  iface->get_n_items = crm_contact_list_get_n_items;
  iface->get_item = crm_contact_list_get_item;
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
  self->n_items = count_rows (self);
}

static void
crm_contact_list_dispose (GObject *object)
{
  CrmContactList *self = (CrmContactList *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_contact_list_parent_class)->dispose (object);
}

static void
crm_contact_list_finalize (GObject *object)
{
  CrmContactList *self = (CrmContactList *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_queue_clear (&self->page_order);
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

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
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

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_contact_list_init (CrmContactList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_order);
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

  return g_object_new (CRM_TYPE_CONTACT_LIST, "store", store, NULL);
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
    reload (self);
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

  reload (self);
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

  return position < self->n_items ? position : G_MAXUINT;
}
