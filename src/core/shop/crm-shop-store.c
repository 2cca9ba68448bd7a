/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-shop"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-error.h"
#include "crm-secrets.h"
#include "crm-shop-store.h"
#include "crm-store-private.h"
#include "crm-user-store.h"

/*
 * The office's e-shop (TK7): its address and kind are office settings
 * in the database ("shop-url", "shop-kind"; the settings table takes
 * them as they are, so no migration), set by administrators; its API
 * keys are in each computer's own Secret Service, keyed by the address
 * (crm_secrets_store_shop_keys()), so that in a team every desktop
 * keeps them in its own keyring.
 *
 * The window's session keeps one client of the shop, whose cache the
 * contact card and the ticket's side panel share; it is made anew when
 * the address or the keys change.
 */

#define SETTING_URL "shop-url"
#define SETTING_KIND "shop-kind"
#define KIND_WOOCOMMERCE "woocommerce"

struct _CrmShopStore
{
  CrmStore       parent_instance;

  /* the window's: made on the main thread, used there */
  CrmShopClient *client;
  guint          client_keys;   /* keys_changed when it was made */
};

G_DEFINE_FINAL_TYPE (CrmShopStore, crm_shop_store, CRM_TYPE_STORE)

/* bumped whenever this process stores keys: clients made before use
 * the old ones */
static guint keys_changed;

static void
crm_shop_store_dispose (GObject *object)
{
  CrmShopStore *self = CRM_SHOP_STORE (object);

  g_clear_object (&self->client);

  G_OBJECT_CLASS (crm_shop_store_parent_class)->dispose (object);
}

static void
crm_shop_store_class_init (CrmShopStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = crm_shop_store_dispose;
}

static void
crm_shop_store_init (CrmShopStore *self)
{
}

/**
 * crm_shop_store_from_session:
 * @session: a #CrmSession
 *
 * Returns: (transfer none): the store of this module working in @session
 */
CrmShopStore *
crm_shop_store_from_session (CrmSession *session)
{
  return crm_session_get_store (session, CRM_TYPE_SHOP_STORE);
}

/**
 * crm_shop_store_get_url:
 * @self: a #CrmShopStore
 *
 * Returns: (transfer full) (nullable): the address of the office's
 *   e-shop (WooCommerce), or %NULL when it has none
 */
char *
crm_shop_store_get_url (CrmShopStore *self)
{
  g_autofree char *url = NULL;
  g_autofree char *kind = NULL;

  g_return_val_if_fail (CRM_IS_SHOP_STORE (self), NULL);

  url = crm_session_get_setting (_crm_session (self), SETTING_URL, NULL);
  kind = crm_session_get_setting (_crm_session (self), SETTING_KIND, KIND_WOOCOMMERCE);
  if (url == NULL || *url == '\0' || !g_str_equal (kind, KIND_WOOCOMMERCE))
    return NULL;

  return g_steal_pointer (&url);
}

static gboolean
check_admin (CrmShopStore  *self,
             GError       **error)
{
  g_autoptr(CrmUser) actor = NULL;
  gint64 user_id = crm_session_get_user_id (_crm_session (self));

  if (user_id == 0 || !(actor = crm_user_store_get (crm_user_store_from_session (_crm_session (self)), user_id, NULL)) ||
      crm_user_get_role (actor) == CRM_ROLE_ADMIN)
    return TRUE;
  g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                       _("Only an administrator may change the office’s e-shop."));

  return FALSE;
}

typedef struct
{
  const char *url;   /* NULL: none */
} SetUrl;

static gboolean
set_url_tx (CrmSession  *session,
            gpointer     user_data,
            GError     **error)
{
  SetUrl *set = user_data;

  return crm_session_set_setting (session, SETTING_URL, set->url, error) &&
         crm_session_set_setting (session, SETTING_KIND, set->url != NULL ? KIND_WOOCOMMERCE : NULL, error) &&
         crm_session_append_history (session, "settings", 0, set->url != NULL ? "shop-set" : "shop-removed",
                                     set->url, error);
}

/**
 * crm_shop_store_set_url:
 * @self: a #CrmShopStore
 * @url: (nullable): the shop's address (https://…), or %NULL or "" for none
 * @error: return location for a #GError
 *
 * An office setting: administrators only; an audit row says who
 * changed it. The keys stay in each computer's keyring.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_shop_store_set_url (CrmShopStore  *self,
                        const char    *url,
                        GError       **error)
{
  g_autofree char *normalized = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (url != NULL ? url : ""));
  SetUrl set = { NULL };

  g_return_val_if_fail (CRM_IS_SHOP_STORE (self), FALSE);

  if (!check_admin (self, error))
    return FALSE;
  if (*stripped != '\0' && !(normalized = crm_shop_normalize_url (stripped, error)))
    return FALSE;
  set.url = normalized;

  return crm_session_run_in_transaction (_crm_session (self), set_url_tx, &set, error);
}

/**
 * crm_shop_store_set_keys:
 * @self: a #CrmShopStore
 * @consumer_key: the REST API's consumer key
 * @consumer_secret: its secret
 * @error: return location for a #GError
 *
 * Keeps the keys of the office's shop in this computer's Secret
 * Service. Blocks on it: call it from crmctl or a worker.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_shop_store_set_keys (CrmShopStore  *self,
                         const char    *consumer_key,
                         const char    *consumer_secret,
                         GError       **error)
{
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;

  g_return_val_if_fail (CRM_IS_SHOP_STORE (self), FALSE);

  if (!(url = crm_shop_store_get_url (self)))
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Give the shop’s address first: the keys are kept for it."));
      return FALSE;
    }
  key = g_strstrip (g_strdup (consumer_key != NULL ? consumer_key : ""));
  secret = g_strstrip (g_strdup (consumer_secret != NULL ? consumer_secret : ""));
  if (!crm_shop_check_keys (key, secret, error))
    return FALSE;
  if (!crm_secrets_store_shop_keys (url, key, secret, NULL, error))
    return FALSE;
  memset (secret, 0, strlen (secret));
  g_atomic_int_inc (&keys_changed);

  return TRUE;
}

/**
 * crm_shop_store_has_keys:
 * @self: a #CrmShopStore
 * @error: return location for a #GError
 *
 * Blocks on the Secret Service: call it from crmctl or a worker.
 *
 * Returns: %TRUE when this computer keeps keys for the office's shop;
 *   %FALSE with @error set when it keeps none (%CRM_SHOP_ERROR_NO_KEYS),
 *   the office has no shop (%CRM_SHOP_ERROR_NOT_CONFIGURED) or the
 *   Secret Service fails
 */
gboolean
crm_shop_store_has_keys (CrmShopStore  *self,
                         GError       **error)
{
  g_autoptr(CrmShopClient) client = crm_shop_store_open_client (self, NULL, error);

  return client != NULL;
}

static GError *
not_configured (void)
{
  return g_error_new_literal (CRM_SHOP_ERROR, CRM_SHOP_ERROR_NOT_CONFIGURED,
                              _("The office has no e-shop: give its address under Preferences, E-Shop."));
}

/**
 * crm_shop_store_open_client:
 * @self: a #CrmShopStore
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * A client of the office's shop with this computer's keys. Blocks on
 * the Secret Service: call it from crmctl or a worker.
 *
 * Returns: (transfer full): the client, or %NULL with @error set
 *   (%CRM_SHOP_ERROR_NOT_CONFIGURED, %CRM_SHOP_ERROR_NO_KEYS, or the
 *   Secret Service's)
 */
CrmShopClient *
crm_shop_store_open_client (CrmShopStore  *self,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GError) local_error = NULL;
  CrmShopClient *client;

  g_return_val_if_fail (CRM_IS_SHOP_STORE (self), NULL);

  if (!(url = crm_shop_store_get_url (self)))
    {
      g_propagate_error (error, not_configured ());
      return NULL;
    }
  if (!crm_secrets_lookup_shop_keys (url, &key, &secret, cancellable, &local_error))
    {
      if (g_error_matches (local_error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_MISSING))
        g_set_error_literal (error, CRM_SHOP_ERROR, CRM_SHOP_ERROR_NO_KEYS, local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  client = crm_shop_client_new (url, key, secret);
  memset (secret, 0, strlen (secret));
  crm_shop_client_set_clock (client, crm_session_get_clock (_crm_session (self)));

  return client;
}

/* One lookup of the window: the client (kept, or made once the keys
 * are read on a worker), then each address in turn. */
typedef struct
{
  char         *url;
  GStrv         emails;
  guint         next;
  gboolean      fresh;
  guint         keys;
  CrmShopOrder *newest;
} LastOrder;

static void
last_order_free (gpointer data)
{
  LastOrder *last = data;

  g_free (last->url);
  g_strfreev (last->emails);
  g_clear_object (&last->newest);
  g_free (last);
}

typedef struct
{
  char *key;
  char *secret;
} Keys;

static void
keys_free (gpointer data)
{
  Keys *keys = data;

  if (keys->secret != NULL)
    memset (keys->secret, 0, strlen (keys->secret));
  g_free (keys->key);
  g_free (keys->secret);
  g_free (keys);
}

static void look_up_next (GTask *task);

static void
order_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LastOrder *last = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(CrmShopOrder) order = crm_shop_client_last_order_finish (CRM_SHOP_CLIENT (object), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (order != NULL &&
      (last->newest == NULL ||
       g_date_time_compare (crm_shop_order_get_created (order), crm_shop_order_get_created (last->newest)) > 0))
    g_set_object (&last->newest, order);

  look_up_next (task);
}

static void
look_up_next (GTask *task)
{
  CrmShopStore *self = g_task_get_source_object (task);
  LastOrder *last = g_task_get_task_data (task);
  const char *email;

  if (last->emails[last->next] == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&last->newest), g_object_unref);
      return;
    }
  email = last->emails[last->next++];
  if (last->fresh)
    crm_shop_client_forget (self->client, email);
  crm_shop_client_last_order_async (self->client, email, g_task_get_cancellable (task), order_cb, g_object_ref (task));
}

static void
read_keys_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *url = task_data;
  Keys *keys = g_new0 (Keys, 1);
  g_autoptr(GError) error = NULL;

  if (!crm_secrets_lookup_shop_keys (url, &keys->key, &keys->secret, cancellable, &error))
    {
      keys_free (keys);
      if (g_error_matches (error, CRM_SECRETS_ERROR, CRM_SECRETS_ERROR_MISSING))
        g_task_return_new_error (task, CRM_SHOP_ERROR, CRM_SHOP_ERROR_NO_KEYS, "%s", error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, keys, keys_free);
}

static void
keys_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmShopStore *self = g_task_get_source_object (task);
  LastOrder *last = g_task_get_task_data (task);
  GError *error = NULL;
  Keys *keys = g_task_propagate_pointer (G_TASK (result), &error);

  if (keys == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_object (&self->client);
  self->client = crm_shop_client_new (last->url, keys->key, keys->secret);
  self->client_keys = last->keys;
  crm_shop_client_set_clock (self->client, crm_session_get_clock (_crm_session (self)));
  keys_free (keys);

  look_up_next (task);
}

/**
 * crm_shop_store_last_order_async:
 * @self: the #CrmShopStore of the window's session
 * @emails: the client's addresses
 * @fresh: ask the shop again rather than take a kept answer (Retry)
 * @cancellable: (nullable): a #GCancellable: the card's, cancelled
 *   when it shows another client
 * @callback: called on this thread's main context
 * @user_data: data for @callback
 *
 * The newest order in the office's shop of any of @emails, looked up
 * without blocking: the keys are read on a worker, the shop is asked
 * on this thread's main context, and answers are kept a short while
 * (%CRM_SHOP_CACHE_SECONDS) for every card of the window.
 */
void
crm_shop_store_last_order_async (CrmShopStore        *self,
                                 const char * const  *emails,
                                 gboolean             fresh,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) read = NULL;
  LastOrder *last;

  g_return_if_fail (CRM_IS_SHOP_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_shop_store_last_order_async);
  last = g_new0 (LastOrder, 1);
  last->emails = g_strdupv ((char **) emails);
  last->fresh = fresh;
  last->keys = (guint) g_atomic_int_get (&keys_changed);
  g_task_set_task_data (task, last, last_order_free);

  if (!(last->url = crm_shop_store_get_url (self)))
    {
      g_task_return_error (task, not_configured ());
      return;
    }
  if (last->emails == NULL || last->emails[0] == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (self->client != NULL && self->client_keys == last->keys &&
      g_str_equal (crm_shop_client_get_url (self->client), last->url))
    {
      look_up_next (task);
      return;
    }

  read = g_task_new (self, cancellable, keys_read_cb, g_steal_pointer (&task));
  g_task_set_task_data (read, g_strdup (last->url), g_free);
  g_task_run_in_thread (read, read_keys_thread);
}

/**
 * crm_shop_store_last_order_finish:
 * @self: a #CrmShopStore
 * @result: the result
 * @error: return location for a #GError: a %CRM_SHOP_ERROR (the office
 *   has no shop, this computer has no keys, the shop cannot be read),
 *   the Secret Service's, or %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the newest order; %NULL with no
 *   @error when none of the addresses has one
 */
CrmShopOrder *
crm_shop_store_last_order_finish (CrmShopStore  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
