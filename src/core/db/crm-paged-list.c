/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-paged-list"

#include "config.h"

#include <string.h>

#include "crm-paged-list.h"
#include "crm-store-private.h"
#include "crm-thread-private.h"

/**
 * CrmPagedList:
 *
 * A #GListModel over the database that reads lazily.
 *
 * Lists that implement #CrmPagedListClass.load_ids keep the order of
 * their items as an array of ids, read on a worker thread with a
 * connection of its own, so the main loop never waits on a count or a
 * search. Items are read by id, a page around the one a view asks for,
 * and kept in a bounded cache: each item keeps its identity across
 * reloads as long as it is not itself changed. Between two snapshots
 * the worker works out what changed (the common head and tail, then the
 * longest run of ids kept in order), so a reload reports only the
 * ranges that really changed: a selection outside them is never
 * touched, and nothing walks the whole list. Results of a query the
 * user has moved on from are dropped, and its statement interrupted.
 *
 * Older subclasses that only count and read pages (#CrmPagedListClass.count,
 * #CrmPagedListClass.load_page) keep the synchronous behaviour.
 *
 * The worker reads the items of the first page, and of the page last
 * asked for, with the ids. On a team's server, where every read waits
 * on the network, any other page is read on the worker too: until it
 * comes, the view gets an empty item of the right type in its place,
 * then the page's rows are said changed. On a local file a page costs
 * about a millisecond and is read when asked for.
 */

typedef struct
{
  gint64    id;
  GObject  *item;
  gboolean  placeholder;   /* an empty item while the real one is read */
  GList     link;   /* in the LRU queue; data is the entry */
} CacheEntry;

typedef struct
{
  guint pos;       /* in the coordinates after the hunks before it */
  guint removed;
  guint added;
} Hunk;

typedef struct
{
  GType          item_type;

  /* snapshot mode */
  CrmSession      *session;         /* the list's own connection (main thread) */
  CrmSession      *reader;        /* the worker's connection, under reader_lock */
  GMutex         reader_lock;
  GArray        *ids;           /* gint64, in order */
  GHashTable    *cache;         /* &id → CacheEntry */
  GQueue         lru;           /* CacheEntry, most recently used first */
  GHashTable    *dirty;         /* &id of items changed since the last reload */
  gboolean       all_dirty;
  GCancellable  *cancellable;   /* of the reload in flight */
  guint          generation;    /* bumped when the query changes */
  gboolean       loading;
  guint          in_flight;   /* reloads whose answer has not come back, cancelled ones too */
  gboolean       again;         /* another reload asked while one runs */
  gboolean       paused;        /* not shown: changes wait */
  gboolean       pending;       /* a change came while paused */
  gboolean       loaded_once;
  gboolean       new_query;     /* crm_paged_list_reload () since the last reading began */
  gboolean       whole_asked;   /* crm_paged_list_queue_reload () since: every id read again */
  gboolean       remote;        /* a team's server: pages read on the worker */
  gboolean       partial;       /* showing the head of a reading */
  guint          last_position; /* the last position a view asked for */
  GHashTable    *pending_pages; /* page index → TRUE, being read */

  /* page mode */
  GHashTable    *pages;         /* page index → GPtrArray of items */
  GQueue         page_order;    /* page indexes, most recently used first */

  guint          n_items;
  guint          reload_source;
} CrmPagedListPrivate;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (CrmPagedList, crm_paged_list, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (CrmPagedList)
                                  G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  PROP_LOADING,
  N_PROPS
};

enum {
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define PAGE_SIZE 100
#define MAX_PAGES 40
#define MAX_CACHED 1000
/* above this many ids between the common head and tail, the middle is
 * reported as one range rather than worked out item by item */
#define DIFF_LIMIT 50000
#define MAX_HUNKS 64
/* a change that brings more rows than this is said in two steps */
#define SPLIT_ABOVE 64
/* on a team's server, up to this many items changed are placed where
 * they stand now (CrmPagedListClass.locate_ids) rather than every id
 * read again */
#define LOCATE_AT_MOST 4

/* how lists were read again (for the tests) */
static guint reads_whole, reads_located;

typedef struct
{
  CrmPagedList   *list;   /* kept alive by the callback's reference */
  gpointer        query;
  GDestroyNotify  free_query;
  GArray         *old_ids;
  GArray         *new_ids;
  GArray         *hunks;
  GHashTable     *dirty;
  gboolean        all_dirty;
  guint           generation;
  guint           position;   /* the last position asked for */
  GPtrArray      *items;      /* read with the ids: the pages shown */
  gboolean        head;       /* the list's first reading, or a new query's: its head first */
  gboolean        locate;     /* a few items changed: placed where they stand now */
  GMainContext   *context;    /* the list's */
} ReloadData;

typedef struct
{
  CrmPagedList *list;
  guint         generation;
  GArray       *ids;
  GPtrArray    *items;
} HeadData;

typedef struct
{
  CrmPagedList   *list;   /* kept alive by the callback's reference */
  gpointer        query;
  GDestroyNotify  free_query;
  guint           page;
  GArray         *ids;
  GPtrArray      *items;
} PageData;

static void start_reload (CrmPagedList *self);

static gboolean
is_snapshot (CrmPagedList *self)
{
  return CRM_PAGED_LIST_GET_CLASS (self)->load_ids != NULL;
}

static void
reload_data_free (gpointer data)
{
  ReloadData *rd = data;

  if (rd->free_query != NULL && rd->query != NULL)
    rd->free_query (rd->query);
  g_clear_pointer (&rd->old_ids, g_array_unref);
  g_clear_pointer (&rd->new_ids, g_array_unref);
  g_clear_pointer (&rd->hunks, g_array_unref);
  g_clear_pointer (&rd->dirty, g_hash_table_unref);
  g_clear_pointer (&rd->items, g_ptr_array_unref);
  g_clear_pointer (&rd->context, g_main_context_unref);
  g_free (rd);
}

static void
head_data_free (gpointer data)
{
  HeadData *hd = data;

  g_clear_pointer (&hd->ids, g_array_unref);
  g_clear_pointer (&hd->items, g_ptr_array_unref);
  g_clear_object (&hd->list);
  g_free (hd);
}

static void
page_data_free (gpointer data)
{
  PageData *pd = data;

  if (pd->free_query != NULL && pd->query != NULL)
    pd->free_query (pd->query);
  g_clear_pointer (&pd->ids, g_array_unref);
  g_clear_pointer (&pd->items, g_ptr_array_unref);
  g_free (pd);
}

static void
cache_entry_free (gpointer data)
{
  CacheEntry *entry = data;

  g_clear_object (&entry->item);
  g_free (entry);
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* diff */

static void
add_hunk (GArray *hunks,
          guint   pos,
          guint   removed,
          guint   added)
{
  Hunk hunk = { pos, removed, added };

  if (removed == 0 && added == 0)
    return;
  g_array_append_val (hunks, hunk);
}

/* The indexes (into @seq) of a longest strictly increasing subsequence
 * of @seq, in order. */
static GArray *
longest_increasing (const guint *seq,
                    guint        n)
{
  g_autofree guint *tails = g_new (guint, n + 1);   /* index into seq */
  g_autofree guint *prev = g_new (guint, n + 1);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  guint length = 0;

  for (guint i = 0; i < n; i++)
    {
      guint lo = 0, hi = length;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (seq[tails[mid]] < seq[i])
            lo = mid + 1;
          else
            hi = mid;
        }
      prev[i] = lo > 0 ? tails[lo - 1] : G_MAXUINT;
      tails[lo] = i;
      if (lo == length)
        length++;
    }

  g_array_set_size (out, length);
  if (length > 0)
    for (guint k = length, i = tails[length - 1]; k > 0; k--, i = prev[i])
      g_array_index (out, guint, k - 1) = i;

  return out;
}

/* What turns @a into @b, as hunks applied from left to right. */
static GArray *
diff_ids (GArray *a,
          GArray *b)
{
  GArray *hunks = g_array_new (FALSE, FALSE, sizeof (Hunk));
  const gint64 *av = (const gint64 *) a->data;
  const gint64 *bv = (const gint64 *) b->data;
  guint na = a->len, nb = b->len, head = 0, tail = 0, ma, mb;

  while (head < na && head < nb && av[head] == bv[head])
    head++;
  while (tail < na - head && tail < nb - head && av[na - 1 - tail] == bv[nb - 1 - tail])
    tail++;

  ma = na - head - tail;
  mb = nb - head - tail;
  if (ma == 0 && mb == 0)
    return hunks;

  if (ma == 0 || mb == 0 || ma + mb > DIFF_LIMIT)
    {
      add_hunk (hunks, head, ma, mb);
      return hunks;
    }

  {
    g_autoptr(GHashTable) in_b = g_hash_table_new (g_int64_hash, g_int64_equal);
    g_autofree guint *a_index = g_new (guint, ma);
    g_autofree guint *b_index = g_new (guint, ma);
    g_autoptr(GArray) kept = NULL;
    guint n_common = 0, prev_i = 0, prev_j = 0;

    for (guint j = 0; j < mb; j++)
      g_hash_table_insert (in_b, (gpointer) &bv[head + j], GUINT_TO_POINTER (j + 1));

    for (guint i = 0; i < ma; i++)
      {
        guint j = GPOINTER_TO_UINT (g_hash_table_lookup (in_b, &av[head + i]));

        if (j != 0)
          {
            a_index[n_common] = i;
            b_index[n_common] = j - 1;
            n_common++;
          }
      }

    kept = longest_increasing (b_index, n_common);
    for (guint k = 0; k < kept->len; k++)
      {
        guint c = g_array_index (kept, guint, k);
        guint i = a_index[c], j = b_index[c];

        add_hunk (hunks, head + prev_j, i - prev_i, j - prev_j);
        prev_i = i + 1;
        prev_j = j + 1;
      }
    add_hunk (hunks, head + prev_j, ma - prev_i, mb - prev_j);
  }

  if (hunks->len > MAX_HUNKS)
    {
      /* one range from the first change to the last */
      Hunk *first = &g_array_index (hunks, Hunk, 0);
      guint pos = first->pos;

      g_array_set_size (hunks, 0);
      add_hunk (hunks, pos, na - tail - pos, nb - tail - pos);
    }

  return hunks;
}

/* the worker */

static void
interrupt_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  CrmSession *reader = user_data;

  crm_database_interrupt (crm_session_get_database (reader));
}

/* The items of the first page of @ids and of the page around
 * @position, read through @reader on the worker; %NULL when they
 * could not be read (they are then read when asked for). */
static GPtrArray *
read_shown_items (CrmPagedList *self,
                  CrmSession   *reader,
                  gpointer      query,
                  GArray       *ids,
                  guint         position)
{
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint first = position / PAGE_SIZE * PAGE_SIZE;
  GPtrArray *items;

  g_array_append_vals (wanted, ids->data, MIN (PAGE_SIZE, ids->len));
  if (first >= PAGE_SIZE && first < ids->len)
    g_array_append_vals (wanted, &g_array_index (ids, gint64, first), MIN (PAGE_SIZE, ids->len - first));
  if (wanted->len == 0)
    return NULL;
  items = CRM_PAGED_LIST_GET_CLASS (self)->load_items (self, reader, query, (const gint64 *) wanted->data,
                                                       wanted->len, &error);
  if (items == NULL)
    g_debug ("the shown items were not read with the ids: %s", error->message);

  return items;
}

static void cache_insert (CrmPagedListPrivate *priv,
                          gint64               id,
                          GObject             *item);

/* The head of a list's first reading, or of a new query's, on the
 * list's thread: shown (in place of what the list showed) while the
 * worker reads the rest. */
static gboolean
head_cb (gpointer user_data)
{
  HeadData *hd = user_data;
  CrmPagedList *self = hd->list;
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  guint shown;

  if (hd->generation != priv->generation || priv->ids == NULL || priv->in_flight == 0)
    return G_SOURCE_REMOVE;

  for (guint i = 0; hd->items != NULL && i < hd->items->len; i++)
    {
      GObject *item = g_ptr_array_index (hd->items, i);

      cache_insert (priv, CRM_PAGED_LIST_GET_CLASS (self)->get_item_id (self, item), item);
    }
  shown = priv->n_items;
  g_array_set_size (priv->ids, 0);
  g_array_append_vals (priv->ids, hd->ids->data, hd->ids->len);
  priv->n_items = priv->ids->len;
  priv->partial = TRUE;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, shown, priv->n_items);
  if (shown != priv->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return G_SOURCE_REMOVE;
}

/* On the worker: the first page of the list's first reading, with its
 * items, sent to the list's thread before the whole is read. Returns
 * whether it was. */
static gboolean
read_head (CrmPagedList *self,
           ReloadData   *rd,
           CrmSession   *reader,
           GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  HeadData *hd;

  hd = g_new0 (HeadData, 1);
  hd->ids = CRM_PAGED_LIST_GET_CLASS (self)->load_head_ids (self, rd->query, reader, PAGE_SIZE, cancellable, &error);
  if (hd->ids != NULL && hd->ids->len > 0)
    hd->items = CRM_PAGED_LIST_GET_CLASS (self)->load_items (self, reader, rd->query, (const gint64 *) hd->ids->data,
                                                             hd->ids->len, &error);
  if (hd->ids == NULL || hd->ids->len == 0 || hd->items == NULL)
    {
      if (error != NULL)
        g_debug ("the head of the list was not read first: %s", error->message);
      head_data_free (hd);
      return FALSE;
    }
  hd->list = g_object_ref (self);
  hd->generation = rd->generation;
  _crm_post_to_context (rd->context, head_cb, hd, head_data_free, "[crm] list head");

  return TRUE;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  const gint64 *pa = a, *pb = b;

  return (pa[1] > pb[1]) - (pa[1] < pb[1]);
}

/* On the worker: the ids as they were, the changed ones taken out and
 * put back where the server says they stand now; NULL when the list's
 * order cannot be worked out so. */
static GArray *
locate_changed (CrmPagedList *self,
                ReloadData   *rd,
                CrmSession   *reader,
                GError      **error)
{
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, 2 * sizeof (gint64));
  g_autofree gint64 *positions = NULL;
  g_autoptr(GHashTable) gone = new_id_set ();
  GArray *ids;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, rd->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (changed, *(gint64 *) key);
  positions = g_new0 (gint64, changed->len);
  if (!CRM_PAGED_LIST_GET_CLASS (self)->locate_ids (self, rd->query, reader, (const gint64 *) changed->data,
                                                    changed->len, positions, error))
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), rd->old_ids->len + changed->len);
  for (guint i = 0; i < changed->len; i++)
    g_hash_table_add (gone, g_memdup2 (&g_array_index (changed, gint64, i), sizeof (gint64)));
  for (guint i = 0; i < rd->old_ids->len; i++)
    if (!g_hash_table_contains (gone, &g_array_index (rd->old_ids, gint64, i)))
      g_array_append_val (ids, g_array_index (rd->old_ids, gint64, i));
  /* in the order of their places: each counts those put back before it */
  for (guint i = 0; i < changed->len; i++)
    if (positions[i] >= 0)
      {
        gint64 pair[2] = { g_array_index (changed, gint64, i), positions[i] };

        g_array_append_vals (placed, pair, 1);
      }
  g_array_sort (placed, compare_positions);
  for (guint i = 0; i < placed->len; i++)
    {
      const gint64 *pair = &((const gint64 *) placed->data)[2 * i];

      g_array_insert_val (ids, (guint) MIN (pair[1], (gint64) ids->len), pair[0]);
    }

  return ids;
}

static void
reload_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReloadData *rd = task_data;
  CrmPagedList *self = rd->list;
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  gulong handler = 0;
  gboolean head_sent = FALSE;

  g_mutex_lock (&priv->reader_lock);

  /* a reader of the session's, for this reading only */
  priv->reader = _crm_session_take_reader (priv->session, &error);
  if (priv->reader == NULL)
    {
      g_mutex_unlock (&priv->reader_lock);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* the head and the items shown are a page each: not interrupted
   * (only the reading of every id may take long) */
  if (rd->head && !g_cancellable_is_cancelled (cancellable))
    head_sent = read_head (self, rd, priv->reader, cancellable);
  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), priv->reader, NULL);
  if (rd->locate && !g_cancellable_is_cancelled (cancellable))
    {
      rd->new_ids = locate_changed (self, rd, priv->reader, &error);
      if (rd->new_ids != NULL)
        g_atomic_int_inc (&reads_located);
      else if (error != NULL)
        g_debug ("the changed items were not placed: %s", error->message);
      g_clear_error (&error);
    }
  if (rd->new_ids == NULL && !g_cancellable_is_cancelled (cancellable))
    {
      rd->new_ids = CRM_PAGED_LIST_GET_CLASS (self)->load_ids (self, rd->query, priv->reader,
                                                               cancellable, &error);
      g_atomic_int_inc (&reads_whole);
    }
  if (cancellable != NULL)
    g_cancellable_disconnect (cancellable, handler);
  /* the first page is shown already when the head was */
  if (rd->new_ids != NULL && !g_cancellable_is_cancelled (cancellable) && !(head_sent && rd->position < PAGE_SIZE))
    rd->items = read_shown_items (self, priv->reader, rd->query, rd->new_ids, rd->position);

  _crm_session_give_back_reader (priv->session, g_steal_pointer (&priv->reader));
  g_mutex_unlock (&priv->reader_lock);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (rd->new_ids == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  rd->hunks = diff_ids (rd->old_ids, rd->new_ids);
  g_task_return_boolean (task, TRUE);
}

/* applying a snapshot */

static CacheEntry *
cache_lookup (CrmPagedListPrivate *priv,
              gint64               id)
{
  return g_hash_table_lookup (priv->cache, &id);
}

static void
cache_remove (CrmPagedListPrivate *priv,
              CacheEntry          *entry)
{
  g_queue_unlink (&priv->lru, &entry->link);
  g_hash_table_remove (priv->cache, &entry->id);
}

static void
cache_insert (CrmPagedListPrivate *priv,
              gint64               id,
              GObject             *item)
{
  CacheEntry *entry = cache_lookup (priv, id);

  if (entry != NULL)
    cache_remove (priv, entry);

  entry = g_new0 (CacheEntry, 1);
  entry->id = id;
  entry->item = g_object_ref (item);
  entry->link.data = entry;
  g_hash_table_insert (priv->cache, &entry->id, entry);
  g_queue_push_head_link (&priv->lru, &entry->link);

  while (g_queue_get_length (&priv->lru) > MAX_CACHED)
    cache_remove (priv, g_queue_peek_tail (&priv->lru));
}

/* lists whose worker is reading, in the whole process; pages being
 * read on workers */
static guint n_loading;
static guint n_loading_pages;

static void
set_loading (CrmPagedList *self,
             gboolean      loading)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  if (priv->loading == loading)
    return;
  priv->loading = loading;
  if (loading)
    n_loading++;
  else
    n_loading--;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Says the items at @positions (in order) changed in place, a run of
 * positions at a time, so that a selection elsewhere is left alone. */
static void
say_changed (CrmPagedList *self,
             GArray       *positions)
{
  for (guint k = 0; k < positions->len;)
    {
      guint start = g_array_index (positions, guint, k), length = 1;

      while (k + length < positions->len && g_array_index (positions, guint, k + length) == start + length)
        length++;
      g_list_model_items_changed (G_LIST_MODEL (self), start, length, length);
      k += length;
    }
}

/* Items changed in place: read again when next asked for, and said so
 * one position (or one run of positions) at a time, so that a
 * selection elsewhere is left alone. */
static void
refresh_changed (CrmPagedList *self,
                 GHashTable   *dirty,
                 gboolean      all_dirty,
                 GHashTable   *fresh)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  const gint64 *ids = (const gint64 *) priv->ids->data;

  if (all_dirty)
    wanted = g_hash_table_ref (priv->cache);
  else if (dirty != NULL && g_hash_table_size (dirty) > 0)
    wanted = g_hash_table_ref (dirty);
  else
    return;

  for (guint i = 0; i < priv->ids->len; i++)
    if (g_hash_table_contains (wanted, &ids[i]))
      g_array_append_val (positions, i);

  /* what was read with the ids is fresh: kept, and said changed */
  if (all_dirty)
    {
      g_autoptr(GArray) stale = g_array_new (FALSE, FALSE, sizeof (gint64));
      GHashTableIter iter;
      gpointer key;

      g_clear_pointer (&wanted, g_hash_table_unref);
      g_hash_table_iter_init (&iter, priv->cache);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (fresh == NULL || !g_hash_table_contains (fresh, key))
          g_array_append_val (stale, *(gint64 *) key);
      for (guint i = 0; i < stale->len; i++)
        cache_remove (priv, cache_lookup (priv, g_array_index (stale, gint64, i)));
    }
  else
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, wanted);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          CacheEntry *entry = cache_lookup (priv, *(gint64 *) key);

          if (entry != NULL && (fresh == NULL || !g_hash_table_contains (fresh, key)))
            cache_remove (priv, entry);
        }
    }

  g_array_sort (positions, compare_guint);
  say_changed (self, positions);
}

static void
apply_snapshot (CrmPagedList *self,
                ReloadData   *rd,
                GHashTable   *fresh)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  guint old_n_items = priv->n_items;

  if (rd->hunks->len == 1)
    {
      Hunk *hunk = &g_array_index (rd->hunks, Hunk, 0);

      g_clear_pointer (&priv->ids, g_array_unref);
      priv->ids = g_array_ref (rd->new_ids);
      priv->n_items = priv->ids->len;
      if (hunk->removed > 0 && hunk->added > SPLIT_ABOVE)
        {
          /* A new search or filter: said as "these went" and then
           * "these came", so that a selection model does not read every
           * new row looking for the item it had selected (GTK's
           * selection models do that within one change); the page
           * selects its row again by id (CrmPagedList::loaded). */
          g_autoptr(GArray) between = g_array_copy (rd->new_ids);

          /* in between, the list holds what both have: head and tail */
          g_array_remove_range (between, hunk->pos, hunk->added);
          g_clear_pointer (&priv->ids, g_array_unref);
          priv->ids = g_array_ref (between);
          priv->n_items = between->len;
          g_list_model_items_changed (G_LIST_MODEL (self), hunk->pos, hunk->removed, 0);
          g_clear_pointer (&priv->ids, g_array_unref);
          priv->ids = g_array_ref (rd->new_ids);
          priv->n_items = priv->ids->len;
          g_list_model_items_changed (G_LIST_MODEL (self), hunk->pos, 0, hunk->added);
        }
      else
        g_list_model_items_changed (G_LIST_MODEL (self), hunk->pos, hunk->removed, hunk->added);
    }
  else
    {
      const gint64 *new_ids = (const gint64 *) rd->new_ids->data;

      for (guint k = 0; k < rd->hunks->len; k++)
        {
          Hunk *hunk = &g_array_index (rd->hunks, Hunk, k);

          g_array_remove_range (priv->ids, hunk->pos, hunk->removed);
          g_array_insert_vals (priv->ids, hunk->pos, &new_ids[hunk->pos], hunk->added);
          priv->n_items = priv->ids->len;
          g_list_model_items_changed (G_LIST_MODEL (self), hunk->pos, hunk->removed, hunk->added);
        }
      g_assert (priv->ids->len == rd->new_ids->len);
    }

  /* rows just added are read fresh anyway: no need to say they changed */
  if (rd->dirty != NULL && !rd->all_dirty)
    for (guint k = 0; k < rd->hunks->len; k++)
      {
        Hunk *hunk = &g_array_index (rd->hunks, Hunk, k);

        for (guint i = hunk->pos; i < hunk->pos + hunk->added; i++)
          g_hash_table_remove (rd->dirty, &g_array_index (priv->ids, gint64, i));
      }

  refresh_changed (self, rd->dirty, rd->all_dirty, fresh);

  if (old_n_items != priv->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
keep_dirty (CrmPagedListPrivate *priv,
            ReloadData          *rd)
{
  GHashTableIter iter;
  gpointer key;

  if (rd->dirty != NULL)
    {
      g_hash_table_iter_init (&iter, rd->dirty);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (priv->dirty, g_memdup2 (key, sizeof (gint64)));
    }
  priv->all_dirty |= rd->all_dirty;
}

/* The items read with the ids go into the cache where there was none,
 * an empty one, or one that changed; those that take an empty one's
 * place are said changed with the others. Returns the ids of those
 * put in. */
static GHashTable *
take_shown_items (CrmPagedList *self,
                  ReloadData   *rd)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  GHashTable *fresh = new_id_set ();

  if (rd->items == NULL)
    return fresh;
  if (rd->dirty == NULL)
    rd->dirty = new_id_set ();
  for (guint i = 0; i < rd->items->len; i++)
    {
      GObject *item = g_ptr_array_index (rd->items, i);
      gint64 id = CRM_PAGED_LIST_GET_CLASS (self)->get_item_id (self, item);
      CacheEntry *entry = cache_lookup (priv, id);

      if (entry != NULL && !entry->placeholder && !rd->all_dirty && !g_hash_table_contains (rd->dirty, &id))
        continue;
      if (entry != NULL && entry->placeholder)
        g_hash_table_add (rd->dirty, g_memdup2 (&id, sizeof id));
      cache_insert (priv, id, item);
      g_hash_table_add (fresh, g_memdup2 (&id, sizeof id));
    }

  return fresh;
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  /* the list is not the task's source object: the worker thread may
   * drop the task last, and the list must never be finalized there */
  g_autoptr(CrmPagedList) self = user_data;
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  ReloadData *rd = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  priv->in_flight--;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* a newer reload has started, or the list is going: the
           * changes this one was to show still stand */
          keep_dirty (priv, rd);
          return;
        }
      g_warning ("Reading the list failed: %s", error->message);
    }

  g_clear_object (&priv->cancellable);

  if (error == NULL && rd->generation == priv->generation)
    {
      g_autoptr(GHashTable) fresh = take_shown_items (self, rd);

      /* the head shown meanwhile: the rest comes after it */
      if (priv->partial)
        {
          g_clear_pointer (&rd->hunks, g_array_unref);
          rd->hunks = diff_ids (priv->ids, rd->new_ids);
          priv->partial = FALSE;
        }
      apply_snapshot (self, rd, fresh);
    }
  else
    keep_dirty (priv, rd);

  if (priv->again || rd->generation != priv->generation)
    {
      priv->again = FALSE;
      start_reload (self);
      return;
    }

  priv->loaded_once = TRUE;
  set_loading (self, FALSE);
  g_signal_emit (self, signals[LOADED], 0);
}

static void
start_reload (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  CrmPagedListClass *klass = CRM_PAGED_LIST_GET_CLASS (self);
  g_autoptr(GTask) task = NULL;
  ReloadData *rd;

  g_assert (priv->session != NULL);

  rd = g_new0 (ReloadData, 1);
  rd->query = klass->dup_query != NULL ? klass->dup_query (self) : NULL;
  rd->free_query = klass->free_query;
  rd->old_ids = g_array_copy (priv->ids);
  rd->dirty = g_steal_pointer (&priv->dirty);
  rd->all_dirty = priv->all_dirty;
  rd->generation = priv->generation;
  rd->position = priv->last_position;
  /* on a team's server, where reading every id takes tens of
   * milliseconds (on a file a few) */
  rd->head = klass->load_head_ids != NULL && priv->remote &&
             ((priv->ids->len == 0 && !priv->loaded_once) || priv->new_query);
  /* a few items changed, on a team's server, the list read whole
   * before: they are placed where they stand now */
  rd->locate = klass->locate_ids != NULL && priv->remote && !rd->head && !priv->new_query && priv->loaded_once &&
               !priv->partial && !rd->all_dirty && rd->dirty != NULL && g_hash_table_size (rd->dirty) > 0 &&
               g_hash_table_size (rd->dirty) <= LOCATE_AT_MOST && !priv->whole_asked;
  priv->whole_asked = FALSE;
  priv->new_query = FALSE;
  rd->context = g_main_context_ref_thread_default ();
  priv->dirty = new_id_set ();
  priv->all_dirty = FALSE;

  priv->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);

  rd->list = self;
  priv->in_flight++;
  task = g_task_new (NULL, priv->cancellable, reload_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_reload);
  g_task_set_task_data (task, rd, reload_data_free);
  _crm_task_run_in_background (task, reload_thread);
}

static void
request_reload (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  if (priv->cancellable != NULL)
    priv->again = TRUE;
  else
    start_reload (self);
}

static void
reload_pages (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  guint old_n_items = priv->n_items;

  g_hash_table_remove_all (priv->pages);
  g_queue_clear (&priv->page_order);
  priv->n_items = CRM_PAGED_LIST_GET_CLASS (self)->count (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, priv->n_items);
  if (old_n_items != priv->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  g_signal_emit (self, signals[LOADED], 0);
}

/**
 * crm_paged_list_set_store:
 * @self: a #CrmPagedList
 * @store: the store the list reads
 *
 * For subclasses, before the first reload: the store whose database
 * the list reads (its worker opens a connection of its own to it).
 */
void
crm_paged_list_set_session (CrmPagedList *self,
                            CrmSession   *session)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  g_return_if_fail (CRM_IS_PAGED_LIST (self));
  g_return_if_fail (CRM_IS_SESSION (session));
  g_return_if_fail (priv->session == NULL);

  priv->session = g_object_ref (session);
  priv->remote = crm_database_get_dialect (crm_session_get_database (session)) == CRM_DIALECT_POSTGRESQL;
}

/**
 * crm_paged_list_set_read_on_worker:
 * @self: a #CrmPagedList
 * @on_worker: whether a page not read yet is read on the worker
 *
 * Whether the items of a page not read yet are read on the worker,
 * an empty item standing in until they come (then their positions are
 * said changed), or at once when they are asked for. By default on the
 * worker for a team's server, so that a window never waits on the
 * network; a program without a window that reads every row, in order,
 * reads them at once.
 */
void
crm_paged_list_set_read_on_worker (CrmPagedList *self,
                                   gboolean      on_worker)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  g_return_if_fail (CRM_IS_PAGED_LIST (self));

  priv->remote = on_worker;
}

/**
 * crm_paged_list_get_complete:
 * @self: a #CrmPagedList
 *
 * Returns: %FALSE while the list shows only the head of its first
 *   reading or of a new query's (its first page, read before the rest,
 *   on a team's server): its number of items is not the whole's yet
 */
gboolean
crm_paged_list_get_complete (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_PAGED_LIST (self), FALSE);

  return !priv->partial;
}

/**
 * crm_paged_list_reload:
 * @self: a #CrmPagedList
 *
 * What the list shows has changed (a new filter): reads it again. A
 * snapshot list reads it on its worker, dropping a reload in flight,
 * and reports the ranges that changed when it is done
 * (#CrmPagedList::loaded); a page list counts again at once and says
 * that everything changed.
 */
void
crm_paged_list_reload (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  g_return_if_fail (CRM_IS_PAGED_LIST (self));

  g_clear_handle_id (&priv->reload_source, g_source_remove);

  if (!is_snapshot (self))
    {
      reload_pages (self);
      return;
    }

  priv->generation++;
  if (priv->cancellable != NULL)
    {
      g_cancellable_cancel (priv->cancellable);
      g_clear_object (&priv->cancellable);
    }
  priv->again = FALSE;
  /* on the team's server, a new query's first page comes first */
  priv->new_query = TRUE;
  start_reload (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CrmPagedList *self = user_data;
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  priv->reload_source = 0;
  if (is_snapshot (self))
    request_reload (self);
  else
    reload_pages (self);

  return G_SOURCE_REMOVE;
}

static void
queue_reload (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  if (priv->paused)
    {
      priv->pending = TRUE;
      return;
    }
  if (priv->reload_source == 0)
    priv->reload_source = g_idle_add_full (G_PRIORITY_LOW, reload_idle_cb, self, NULL);
}

/**
 * crm_paged_list_queue_reload:
 * @self: a #CrmPagedList
 *
 * The data behind the list changed: reads it again at idle, many
 * changes in a row making one reload. Items keep their identity unless
 * crm_paged_list_item_changed() named them.
 */
void
crm_paged_list_queue_reload (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  g_return_if_fail (CRM_IS_PAGED_LIST (self));

  /* nobody said which items: every id is read again */
  priv->whole_asked = TRUE;
  queue_reload (self);
}

/**
 * crm_paged_list_set_paused:
 * @self: a #CrmPagedList
 * @paused: whether nobody sees the list now
 *
 * A list nobody sees does not read again for every change in the store
 * (mail arriving while the user works another page): the changes are
 * kept, and read once the list is resumed. A new filter
 * (crm_paged_list_reload()) is still read at once.
 */
void
crm_paged_list_set_paused (CrmPagedList *self,
                           gboolean      paused)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  g_return_if_fail (CRM_IS_PAGED_LIST (self));

  if (priv->paused == !!paused)
    return;
  priv->paused = !!paused;
  if (!priv->paused && priv->pending)
    {
      priv->pending = FALSE;
      crm_paged_list_queue_reload (self);
    }
}

/**
 * crm_paged_list_item_changed:
 * @self: a #CrmPagedList
 * @id: the id of the item that changed, or 0 for any of them
 *
 * An item may have changed, moved, come or gone: queues a reload that
 * reads that item again.
 */
void
crm_paged_list_item_changed (CrmPagedList *self,
                             gint64        id)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  g_return_if_fail (CRM_IS_PAGED_LIST (self));

  if (is_snapshot (self))
    {
      if (id == 0)
        priv->all_dirty = TRUE;
      else
        g_hash_table_add (priv->dirty, g_memdup2 (&id, sizeof id));
      queue_reload (self);
      return;
    }
  crm_paged_list_queue_reload (self);
}

/**
 * crm_paged_list_get_loading:
 * @self: a #CrmPagedList
 *
 * Returns: whether a reload is on its way
 */
gboolean
crm_paged_list_get_loading (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  g_return_val_if_fail (CRM_IS_PAGED_LIST (self), FALSE);

  return priv->loading || priv->reload_source != 0;
}

/**
 * crm_paged_list_find_id:
 * @self: a #CrmPagedList
 * @id: an item's id
 *
 * Returns: the position of the item with @id in the last snapshot, or
 *   %GTK_INVALID_LIST_POSITION (%G_MAXUINT) when it is not there (or
 *   the list is not a snapshot list)
 */
guint
crm_paged_list_find_id (CrmPagedList *self,
                        gint64        id)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  const gint64 *ids;

  g_return_val_if_fail (CRM_IS_PAGED_LIST (self), G_MAXUINT);

  if (priv->ids == NULL)
    return G_MAXUINT;

  ids = (const gint64 *) priv->ids->data;
  for (guint i = 0; i < priv->ids->len; i++)
    if (ids[i] == id)
      return i;

  return G_MAXUINT;
}

/**
 * crm_paged_list_count_loading:
 *
 * For benchmarks and tests, which wait until what the user asked for
 * is on screen: how many lists of this thread's main context are being
 * read on their workers right now.
 *
 * Returns: the number of lists loading
 */
guint
crm_paged_list_count_loading (void)
{
  return n_loading + n_loading_pages;
}

static gboolean
wait_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/**
 * crm_paged_list_wait:
 * @self: a #CrmPagedList
 * @timeout_ms: how long to wait at most
 *
 * Runs the thread-default main context until no reload is on its way:
 * for programs without a window and for tests.
 *
 * Returns: %FALSE if it timed out
 */
gboolean
crm_paged_list_wait (CrmPagedList *self,
                     guint         timeout_ms)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  gboolean timed_out = FALSE;
  guint source;

  g_return_val_if_fail (CRM_IS_PAGED_LIST (self), FALSE);

  /* also the answers of reloads a newer one cancelled: each holds the
   * list until it comes back */
  source = g_timeout_add (timeout_ms, wait_timeout_cb, &timed_out);
  while ((crm_paged_list_get_loading (self) || priv->in_flight > 0 || g_hash_table_size (priv->pending_pages) > 0) &&
         !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);

  return !timed_out;
}

/* GListModel */

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

static gint64
item_id (CrmPagedList *self,
         gpointer      item)
{
  CrmPagedListClass *klass = CRM_PAGED_LIST_GET_CLASS (self);
  gint64 id = 0;

  if (klass->get_item_id != NULL)
    return klass->get_item_id (self, item);

  g_object_get (item, "id", &id, NULL);

  return id;
}

/* Reads the items of the page around @position that are not at hand. */
static void
load_around (CrmPagedList *self,
             guint         position)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  guint first = position / PAGE_SIZE * PAGE_SIZE;
  guint end = MIN (first + PAGE_SIZE, priv->ids->len);
  const gint64 *ids = (const gint64 *) priv->ids->data;
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = first; i < end; i++)
    if (cache_lookup (priv, ids[i]) == NULL)
      g_array_append_val (wanted, ids[i]);

  if (wanted->len == 0)
    return;

  g_debug ("reading %u items around %u", wanted->len, position);
  items = CRM_PAGED_LIST_GET_CLASS (self)->load_items (self, priv->session, NULL,
                                                       (const gint64 *) wanted->data, wanted->len,
                                                       &error);
  if (items == NULL)
    {
      g_warning ("Reading the list failed: %s", error->message);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    {
      GObject *item = g_ptr_array_index (items, i);

      cache_insert (priv, item_id (self, item), item);
    }
}

static void
page_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PageData *pd = task_data;
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (pd->list);
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&priv->reader_lock);
  priv->reader = _crm_session_take_reader (priv->session, &error);
  if (priv->reader != NULL)
    pd->items = CRM_PAGED_LIST_GET_CLASS (pd->list)->load_items (pd->list, priv->reader, pd->query,
                                                                 (const gint64 *) pd->ids->data, pd->ids->len,
                                                                 &error);
  _crm_session_give_back_reader (priv->session, g_steal_pointer (&priv->reader));
  g_mutex_unlock (&priv->reader_lock);

  if (pd->items == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/* A page read on the worker: its items take their empty ones' places,
 * and those positions are said changed. */
static void
page_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmPagedList) self = user_data;
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  PageData *pd = g_task_get_task_data (G_TASK (result));
  g_autoptr(GHashTable) swapped = new_id_set ();
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  const gint64 *ids;

  n_loading_pages--;
  if (priv->pending_pages == NULL)
    return;
  g_hash_table_remove (priv->pending_pages, GUINT_TO_POINTER (pd->page));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Reading the list failed: %s", error->message);
  for (guint i = 0; pd->items != NULL && i < pd->items->len; i++)
    {
      GObject *item = g_ptr_array_index (pd->items, i);
      gint64 id = CRM_PAGED_LIST_GET_CLASS (self)->get_item_id (self, item);
      CacheEntry *entry = cache_lookup (priv, id);

      if (entry == NULL || entry->placeholder)
        {
          cache_insert (priv, id, item);
          g_hash_table_add (swapped, g_memdup2 (&id, sizeof id));
        }
    }
  /* gone meanwhile, or not read: a reload is on its way, or the view
   * asks again; not read again for each time it asks */
  for (guint i = 0; i < pd->ids->len; i++)
    {
      CacheEntry *entry = cache_lookup (priv, g_array_index (pd->ids, gint64, i));

      if (entry != NULL)
        entry->placeholder = FALSE;
    }

  if (g_hash_table_size (swapped) == 0)
    return;
  ids = (const gint64 *) priv->ids->data;
  for (guint i = 0; i < priv->ids->len; i++)
    if (g_hash_table_contains (swapped, &ids[i]))
      g_array_append_val (positions, i);
  say_changed (self, positions);
}

/* Starts reading, on the worker, the items of the page holding
 * @position that are not there yet. */
static void
read_page_later (CrmPagedList *self,
                 guint         position)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  CrmPagedListClass *klass = CRM_PAGED_LIST_GET_CLASS (self);
  guint page = position / PAGE_SIZE;
  guint end = MIN ((page + 1) * PAGE_SIZE, priv->ids->len);
  g_autoptr(GTask) task = NULL;
  PageData *pd;

  if (g_hash_table_contains (priv->pending_pages, GUINT_TO_POINTER (page)))
    return;

  pd = g_new0 (PageData, 1);
  pd->list = self;
  pd->page = page;
  pd->query = klass->dup_query != NULL ? klass->dup_query (self) : NULL;
  pd->free_query = klass->free_query;
  pd->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = page * PAGE_SIZE; i < end; i++)
    {
      CacheEntry *entry = cache_lookup (priv, g_array_index (priv->ids, gint64, i));

      if (entry == NULL || entry->placeholder)
        g_array_append_val (pd->ids, g_array_index (priv->ids, gint64, i));
    }

  g_hash_table_add (priv->pending_pages, GUINT_TO_POINTER (page));
  n_loading_pages++;
  task = g_task_new (NULL, NULL, page_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, read_page_later);
  g_task_set_task_data (task, pd, page_data_free);
  _crm_task_run_in_background (task, page_thread);
}

static gpointer
get_snapshot_item (CrmPagedList *self,
                   guint         position)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  gint64 id = g_array_index (priv->ids, gint64, position);
  CacheEntry *entry = cache_lookup (priv, id);

  priv->last_position = position;
  /* on a team's server: an empty item in its place until its page
   * comes from the worker */
  if (entry == NULL && priv->remote)
    {
      g_autoptr(GObject) placeholder = g_object_new (priv->item_type, NULL);

      cache_insert (priv, id, placeholder);
      entry = cache_lookup (priv, id);
      entry->placeholder = TRUE;
      read_page_later (self, position);
    }
  else if (entry == NULL)
    {
      load_around (self, position);
      entry = cache_lookup (priv, id);
    }

  if (entry == NULL)
    {
      /* gone since the snapshot: a reload is on its way; until then an
       * empty item of the right type holds the place */
      g_autoptr(GObject) placeholder = g_object_new (priv->item_type, NULL);

      cache_insert (priv, id, placeholder);
      entry = cache_lookup (priv, id);
    }
  else if (g_queue_peek_head (&priv->lru) != entry)
    {
      g_queue_unlink (&priv->lru, &entry->link);
      g_queue_push_head_link (&priv->lru, &entry->link);
    }

  return g_object_ref (entry->item);
}

static gpointer
get_page_item (CrmPagedList *self,
               guint         position)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

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

static gpointer
crm_paged_list_get_item (GListModel *model,
                         guint       position)
{
  CrmPagedList *self = CRM_PAGED_LIST (model);
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  if (position >= priv->n_items)
    return NULL;

  return is_snapshot (self) ? get_snapshot_item (self, position) : get_page_item (self, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_paged_list_get_item_type;
  iface->get_n_items = crm_paged_list_get_n_items;
  iface->get_item = crm_paged_list_get_item;
}

/* GObject */

static void
crm_paged_list_dispose (GObject *object)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (CRM_PAGED_LIST (object));

  g_clear_handle_id (&priv->reload_source, g_source_remove);
  if (priv->cancellable != NULL)
    g_cancellable_cancel (priv->cancellable);
  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (crm_paged_list_parent_class)->dispose (object);
}

static void
crm_paged_list_finalize (GObject *object)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (CRM_PAGED_LIST (object));

  if (priv->loading)
    n_loading--;
  g_clear_pointer (&priv->pages, g_hash_table_unref);
  g_queue_clear (&priv->page_order);
  g_queue_init (&priv->lru);
  g_clear_pointer (&priv->cache, g_hash_table_unref);
  g_clear_pointer (&priv->dirty, g_hash_table_unref);
  g_clear_pointer (&priv->pending_pages, g_hash_table_unref);
  g_clear_pointer (&priv->ids, g_array_unref);
  g_clear_object (&priv->reader);
  g_clear_object (&priv->session);
  g_mutex_clear (&priv->reader_lock);

  G_OBJECT_CLASS (crm_paged_list_parent_class)->finalize (object);
}

static void
crm_paged_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmPagedList *self = CRM_PAGED_LIST (object);
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, priv->item_type);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, priv->n_items);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, crm_paged_list_get_loading (self));
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
  /**
   * CrmPagedList:loading:
   *
   * Whether the list is being read again: a view shows a spinner when
   * this lasts.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmPagedList::loaded:
   * @self: the list
   *
   * A reload is done and its changes reported.
   */
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
crm_paged_list_init (CrmPagedList *self)
{
  CrmPagedListPrivate *priv = crm_paged_list_get_instance_private (self);

  priv->item_type = G_TYPE_OBJECT;
  priv->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&priv->page_order);
  priv->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  priv->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, cache_entry_free);
  priv->pending_pages = g_hash_table_new (NULL, NULL);
  g_queue_init (&priv->lru);
  priv->dirty = new_id_set ();
  g_mutex_init (&priv->reader_lock);
}

/* For the tests: how many times lists read every id again, and how many
 * times they placed the few items that changed (locate_ids). */
void
_crm_paged_list_count_reads (guint *whole,
                             guint *located)
{
  *whole = g_atomic_int_get (&reads_whole);
  *located = g_atomic_int_get (&reads_located);
}
