/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-offers"

#include "config.h"

#include "crm-card-loader.h"

/**
 * CrmCardLoader:
 *
 * What an offer's card and a search's card share: reading the record
 * with its matches and history on a worker (crm_offer_card_read_async ()),
 * reading it again when the database says that what it shows changed
 * (once, in an idle, and only once its widget is shown again when it
 * is hidden), and dropping a read the user moved on from. The card
 * shows what #CrmCardLoader::loaded gives it.
 */
struct _CrmCardLoader
{
  GObject       parent_instance;

  GtkWidget    *owner;         /* weak: it owns the loader */
  char         *kind;          /* "offer" or "search" */
  guint         max_matches;
  GStrv         entities;      /* the kinds of record whose changes count */
  CrmSession   *session;
  gint64        id;
  guint         reload_source;
  gboolean      reload_pending; /* a change came while it was not shown */
  GCancellable *cancellable;    /* of the card being read */
};

G_DEFINE_FINAL_TYPE (CrmCardLoader, crm_card_loader, G_TYPE_OBJECT)

enum {
  LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
card_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrmCardLoader) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOfferCard) card = crm_offer_card_read_finish (CRM_SESSION (object), result, &error);
  gint64 read_id;

  /* the user moved on: a newer read is on its way */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->owner == NULL)
    return;
  g_clear_object (&self->cancellable);

  read_id = card == NULL ? 0 : card->offer != NULL ? crm_offer_get_id (card->offer) : crm_search_get_id (card->search);
  if (card == NULL || read_id != self->id)
    {
      if (error != NULL && !g_error_matches (error, CRM_ERROR, CRM_ERROR_NOT_FOUND))
        g_warning ("Reading %s %lld failed: %s", self->kind, (long long) self->id, error->message);
      g_signal_emit (self, signals[LOADED], 0, NULL);
      return;
    }

  g_signal_emit (self, signals[LOADED], 0, card);
}

/**
 * crm_card_loader_reload:
 * @self: a #CrmCardLoader
 *
 * Reads the record again now; #CrmCardLoader::loaded follows.
 */
void
crm_card_loader_reload (CrmCardLoader *self)
{
  g_return_if_fail (CRM_IS_CARD_LOADER (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->id == 0 || self->session == NULL)
    {
      g_signal_emit (self, signals[LOADED], 0, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  crm_offer_card_read_async (self->session, self->kind, self->id, self->max_matches, self->cancellable, card_read_cb,
                             g_object_ref (self));
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CrmCardLoader *self = user_data;

  self->reload_source = 0;
  crm_card_loader_reload (self);

  return G_SOURCE_REMOVE;
}

static void
queue_reload (CrmCardLoader *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static void
database_changed_cb (CrmCardLoader *self,
                     const char    *entity,
                     gint64         id,
                     CrmDatabase   *database)
{
  if (self->id == 0 || self->reload_source != 0 || self->owner == NULL)
    return;
  /* another record of the kind shown */
  if (g_str_equal (entity, self->kind) && id != 0 && id != self->id)
    return;
  if (!g_strv_contains ((const char * const *) self->entities, entity))
    return;

  /* not shown (another page is): read once it is */
  if (!gtk_widget_get_mapped (self->owner))
    {
      self->reload_pending = TRUE;
      return;
    }
  queue_reload (self);
}

static void
owner_mapped_cb (CrmCardLoader *self)
{
  if (!self->reload_pending)
    return;
  self->reload_pending = FALSE;
  if (self->id != 0)
    queue_reload (self);
}

static void
crm_card_loader_dispose (GObject *object)
{
  CrmCardLoader *self = CRM_CARD_LOADER (object);

  crm_card_loader_stop (self);
  g_clear_weak_pointer (&self->owner);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (crm_card_loader_parent_class)->dispose (object);
}

static void
crm_card_loader_finalize (GObject *object)
{
  CrmCardLoader *self = CRM_CARD_LOADER (object);

  g_free (self->kind);
  g_strfreev (self->entities);

  G_OBJECT_CLASS (crm_card_loader_parent_class)->finalize (object);
}

static void
crm_card_loader_class_init (CrmCardLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_card_loader_dispose;
  object_class->finalize = crm_card_loader_finalize;

  /**
   * CrmCardLoader::loaded:
   * @self: the loader
   * @card: (nullable) (type gpointer): the #CrmOfferCard read, valid
   *   during the emission; %NULL when there is nothing to show (no
   *   record, or it is gone)
   */
  signals[LOADED] =
    g_signal_new ("loaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
}

static void
crm_card_loader_init (CrmCardLoader *self)
{
}

/**
 * crm_card_loader_new:
 * @owner: the card it reads for
 * @kind: "offer" or "search"
 * @max_matches: how many matches to read at most
 * @entities: the kinds of record whose changes make it read again
 *
 * Returns: (transfer full): a loader
 */
CrmCardLoader *
crm_card_loader_new (GtkWidget          *owner,
                     const char         *kind,
                     guint               max_matches,
                     const char * const *entities)
{
  CrmCardLoader *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);

  self = g_object_new (CRM_TYPE_CARD_LOADER, NULL);
  g_set_weak_pointer (&self->owner, owner);
  self->kind = g_strdup (kind);
  self->max_matches = max_matches;
  self->entities = g_strdupv ((char **) entities);
  g_signal_connect_object (owner, "map", G_CALLBACK (owner_mapped_cb), self, G_CONNECT_SWAPPED);

  return self;
}

void
crm_card_loader_set_session (CrmCardLoader *self,
                             CrmSession    *session)
{
  g_return_if_fail (CRM_IS_CARD_LOADER (self));
  g_return_if_fail (CRM_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (crm_session_get_database (self->session), self);
  g_set_object (&self->session, session);
  g_signal_connect_object (crm_session_get_database (session), "changed", G_CALLBACK (database_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * crm_card_loader_load:
 * @self: a #CrmCardLoader
 * @id: the record, or 0 for none
 *
 * Reads @id's card; #CrmCardLoader::loaded follows.
 */
void
crm_card_loader_load (CrmCardLoader *self,
                      gint64         id)
{
  g_return_if_fail (CRM_IS_CARD_LOADER (self));

  self->id = id;
  crm_card_loader_reload (self);
}

/* Drops the read on its way and any waiting: the card goes. */
void
crm_card_loader_stop (CrmCardLoader *self)
{
  g_return_if_fail (CRM_IS_CARD_LOADER (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
}

gint64
crm_card_loader_get_id (CrmCardLoader *self)
{
  g_return_val_if_fail (CRM_IS_CARD_LOADER (self), 0);

  return self->id;
}
