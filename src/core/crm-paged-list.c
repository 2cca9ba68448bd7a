/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-paged-list"

#include "config.h"

#include "crm-paged-list.h"

/**
 * CrmPagedList:
 *
 * A #GListModel over SQLite that reads lazily: it knows only the count
 * up front and reads pages of rows when a view asks for an item,
 * keeping a bounded number of pages, the most recently used. Subclasses
 * say how to count and how to read a page (#CrmPagedListClass), and
 * which type the items are (#CrmPagedList:item-type).
 */
typedef struct
{
  GType       item_type;
  GHashTable *pages;       /* page index → GPtrArray of items */
  GQueue      page_order;  /* page indexes, most recently used first */
  guint       n_items;
  guint       reload_source;
} CrmPagedListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (CrmPagedList, crm_paged_list, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (CrmPagedList)
                                  G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PAGE_SIZE 100
#define MAX_PAGES 40

/**
 * crm_paged_list_reload:
 * @self: a #CrmPagedList
 *
 * Forgets the pages read, counts again and says that everything
 * changed.
 */
void
crm_paged_list_reload (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  guint old_n_items = priv->n_items;

  g_return_if_fail (CRM_IS_PAGED_LIST (self));

  g_clear_handle_id (&priv->reload_source, g_source_remove);
  g_hash_table_remove_all (priv->pages);
  g_queue_clear (&priv->page_order);
  priv->n_items = CRM_PAGED_LIST_GET_CLASS (self)->count (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, priv->n_items);
  if (old_n_items != priv->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CrmPagedList *self = user_data;
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  priv->reload_source = 0;
  crm_paged_list_reload (self);

  return G_SOURCE_REMOVE;
}

/**
 * crm_paged_list_queue_reload:
 * @self: a #CrmPagedList
 *
 * Reloads at idle: many changes in a row make one.
 */
void
crm_paged_list_queue_reload (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  g_return_if_fail (CRM_IS_PAGED_LIST (self));

  if (priv->reload_source == 0)
    priv->reload_source = g_idle_add (reload_idle_cb, self);
}

static GType
crm_paged_list_get_item_type (GListModel *model)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (CRM_PAGED_LIST (model));

  return priv->item_type;
}

static guint
crm_paged_list_get_n_items (GListModel *model)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (CRM_PAGED_LIST (model));

  return priv->n_items;
}

static gpointer
crm_paged_list_get_item (GListModel *model,
                         guint       position)
{
  CrmPagedList *self = CRM_PAGED_LIST (model);
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= priv->n_items)
    return NULL;

  rows = g_hash_table_lookup (priv->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      g_debug ("reading page %u", page);
      rows = CRM_PAGED_LIST_GET_CLASS (self)->load_page (self, page * PAGE_SIZE, PAGE_SIZE);
      g_hash_table_insert (priv->pages, GUINT_TO_POINTER (page), rows);
      g_queue_push_head (&priv->page_order, GUINT_TO_POINTER (page));

      while (g_queue_get_length (&priv->page_order) > MAX_PAGES)
        g_hash_table_remove (priv->pages, g_queue_pop_tail (&priv->page_order));
    }
  else if (g_queue_peek_head (&priv->page_order) != GUINT_TO_POINTER (page))
    {
      g_queue_remove (&priv->page_order, GUINT_TO_POINTER (page));
      g_queue_push_head (&priv->page_order, GUINT_TO_POINTER (page));
    }

  if (position % PAGE_SIZE >= rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (rows, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_paged_list_get_item_type;
  iface->get_n_items = crm_paged_list_get_n_items;
  iface->get_item = crm_paged_list_get_item;
}

static void
crm_paged_list_dispose (GObject *object)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (CRM_PAGED_LIST (object));

  g_clear_handle_id (&priv->reload_source, g_source_remove);

  G_OBJECT_CLASS (crm_paged_list_parent_class)->dispose (object);
}

static void
crm_paged_list_finalize (GObject *object)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (CRM_PAGED_LIST (object));

  g_clear_pointer (&priv->pages, g_hash_table_unref);
  g_queue_clear (&priv->page_order);

  G_OBJECT_CLASS (crm_paged_list_parent_class)->finalize (object);
}

static void
crm_paged_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (CRM_PAGED_LIST (object));

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, priv->item_type);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_paged_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (CRM_PAGED_LIST (object));

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      priv->item_type = g_value_get_gtype (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_paged_list_class_init (CrmPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_paged_list_dispose;
  object_class->finalize = crm_paged_list_finalize;
  object_class->get_property = crm_paged_list_get_property;
  object_class->set_property = crm_paged_list_set_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_paged_list_init (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  priv->item_type = G_TYPE_OBJECT;
  priv->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&priv->page_order);
}
