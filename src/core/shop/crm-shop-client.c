/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-shop"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "crm-error.h"
#include "crm-shop-client.h"
#include "crm-shop-private.h"
#include "crm-tls.h"

/*
 * The office's e-shop (TK7): WooCommerce's REST API, v3
 * (https://woocommerce.github.io/woocommerce-rest-api-docs/), read
 * with libsoup on the caller's main context, so that a card never
 * waits for the shop.
 *
 * A client's last order is the newest of two questions, because the
 * shop keeps guests apart from its customers: the orders whose search
 * matches the address (GET /orders?search=…, guests' orders among
 * them, customer_id 0), kept when their billing address is that one
 * (the search also matches names and parts of other addresses); and
 * the orders of the registered customer with that address (GET
 * /customers?email=…&role=all, then GET /orders?customer=ID), which
 * a customer may have placed with another billing address.
 *
 * Keys go as HTTP Basic over HTTPS, as the documentation says; over
 * plain HTTP the API asks for OAuth 1.0a signatures instead, and a
 * client's orders would cross the network in the clear: addresses must
 * be https://.
 *
 * Answers are kept CRM_SHOP_CACHE_SECONDS by the session's clock, "no
 * orders" too; failures are not kept, so the next look tries again.
 */

G_DEFINE_QUARK (crm-shop-error-quark, crm_shop_error)

/* the matches of a search looked at for the address itself */
#define SEARCH_PAGE "20"
/* answers kept before the aged ones are dropped */
#define CACHE_PRUNE_SIZE 256

struct _CrmShopClient
{
  GObject      parent_instance;

  char        *url;            /* normalized: https://host[:port][/path] */
  char        *authorization;  /* "Basic …" */
  SoupSession *session;
  GError      *tls_error;      /* CRM_CA_FILE cannot be used */
  CrmClock    *clock;
  guint        timeout;
  GHashTable  *cache;          /* folded address → Cached */
};

G_DEFINE_FINAL_TYPE (CrmShopClient, crm_shop_client, G_TYPE_OBJECT)

typedef struct
{
  CrmShopOrder *order;   /* NULL: no orders */
  gint64        until;
} Cached;

static gboolean
cached_expired (gpointer key,
                gpointer value,
                gpointer user_data)
{
  return ((Cached *) value)->until <= *(gint64 *) user_data;
}

static void
cached_free (gpointer data)
{
  Cached *cached = data;

  g_clear_object (&cached->order);
  g_free (cached);
}

typedef enum
{
  STEP_CHECK,
  STEP_SEARCH,
  STEP_CUSTOMER,
  STEP_CUSTOMER_ORDERS,
} Step;

/* One lookup or check: its requests share a deadline, and the caller's
 * cancellable cancels the one under way. */
typedef struct
{
  char         *email;        /* folded */
  Step          step;
  CrmShopOrder *found;
  GCancellable *caller;
  GCancellable *cancellable;  /* the requests' */
  gulong        cancelled_id;
  GSource      *deadline;
  gboolean      timed_out;
  SoupMessage  *message;
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  if (call->caller != NULL)
    g_cancellable_disconnect (call->caller, call->cancelled_id);
  g_clear_object (&call->caller);
  if (call->deadline != NULL)
    g_source_destroy (call->deadline);
  g_clear_pointer (&call->deadline, g_source_unref);
  g_clear_object (&call->cancellable);
  g_clear_object (&call->message);
  g_clear_object (&call->found);
  g_free (call->email);
  g_free (call);
}

static void request (GTask      *task,
                     const char *path,
                     const char *query);

/**
 * crm_shop_normalize_url:
 * @url: the shop's address as typed: https://shop.example.com, with
 *   the folder WordPress is in if it is in one
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the address as kept (no trailing slash, no
 *   API path), or %NULL with @error set (%CRM_ERROR_INVALID)
 */
char *
crm_shop_normalize_url (const char  *url,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (url != NULL ? url : ""));
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  const char *scheme;

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri != NULL && g_ascii_strcasecmp (scheme, "http") == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("The shop’s address must begin with https://: WooCommerce takes API keys "
                             "over HTTPS only."));
      return NULL;
    }
  if (uri == NULL || g_ascii_strcasecmp (scheme, "https") != 0 || g_uri_get_host (uri) == NULL ||
      *g_uri_get_host (uri) == '\0' || g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   /* Translators: %s is what was typed */
                   _("“%s” is not the address of a shop: give it as https://shop.example.com."), stripped);
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  path = g_strdup (g_uri_get_path (uri));
  /* an address copied from the API's own documentation */
  for (const char *api = NULL; (api = strstr (path, "/wp-json")) != NULL;)
    path[api - path] = '\0';
  while (*path != '\0' && path[strlen (path) - 1] == '/')
    path[strlen (path) - 1] = '\0';

  return g_uri_join (G_URI_FLAGS_NONE, "https", NULL, host, g_uri_get_port (uri), path, NULL, NULL);
}

/**
 * crm_shop_check_keys:
 * @consumer_key: the REST API's consumer key (ck_…)
 * @consumer_secret: its secret (cs_…)
 * @error: return location for a #GError
 *
 * Returns: %TRUE when both can be sent: neither is empty, the key has
 *   no colon, neither has spaces
 */
gboolean
crm_shop_check_keys (const char  *consumer_key,
                     const char  *consumer_secret,
                     GError     **error)
{
  gboolean valid = consumer_key != NULL && *consumer_key != '\0' && consumer_secret != NULL &&
                   *consumer_secret != '\0' && strchr (consumer_key, ':') == NULL;

  for (const char *p = consumer_key; valid && *p != '\0'; p++)
    valid = g_ascii_isgraph (*p);
  for (const char *p = consumer_secret; valid && *p != '\0'; p++)
    valid = g_ascii_isgraph (*p);
  if (!valid)
    g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                         _("Enter the consumer key and the consumer secret as the shop gave them "
                           "(WooCommerce, Settings, Advanced, REST API)."));

  return valid;
}

static void
crm_shop_client_finalize (GObject *object)
{
  CrmShopClient *self = (CrmShopClient *)object;

  g_free (self->url);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  g_clear_object (&self->session);
  g_clear_error (&self->tls_error);
  g_clear_object (&self->clock);
  g_hash_table_unref (self->cache);

  G_OBJECT_CLASS (crm_shop_client_parent_class)->finalize (object);
}

static void
crm_shop_client_class_init (CrmShopClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_shop_client_finalize;
}

static void
crm_shop_client_init (CrmShopClient *self)
{
  g_autoptr(GTlsDatabase) database = NULL;

  self->timeout = CRM_SHOP_TIMEOUT_SECONDS;
  self->clock = g_object_ref (crm_clock_get_default ());
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cached_free);
  self->session = soup_session_new_with_options ("user-agent", "CRM/" PACKAGE_VERSION, "idle-timeout", 60, NULL);
  if (!crm_tls_get_database (&database, &self->tls_error))
    return;
  if (database != NULL)
    soup_session_set_tls_database (self->session, database);
}

static char *
fold_email (const char *email)
{
  g_autofree char *stripped = g_strstrip (g_strdup (email));

  return g_utf8_casefold (stripped, -1);
}

static gboolean
same_email (const char *a,
            const char *b)
{
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  folded_a = fold_email (a);
  folded_b = fold_email (b);

  return g_str_equal (folded_a, folded_b);
}

static gboolean
is_newer (CrmShopOrder *order,
          CrmShopOrder *than)
{
  int compared;

  if (than == NULL)
    return TRUE;
  compared = g_date_time_compare (crm_shop_order_get_created (order), crm_shop_order_get_created (than));

  return compared > 0 || (compared == 0 && crm_shop_order_get_id (order) > crm_shop_order_get_id (than));
}

/* The shop's own words in an error's JSON ({"code", "message", "data"}). */
static char *
shop_message (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *message = NULL;
  JsonNode *root;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) size, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      json_object_has_member (json_node_get_object (root), "message"))
    message = json_object_get_string_member_with_default (json_node_get_object (root), "message", NULL);

  return message != NULL ? _crm_shop_decode_entities (message) : NULL;
}

/* Why a request got no answer, as the user reads it. */
static GError *
transport_error (CrmShopClient *self,
                 Call          *call,
                 const GError  *error)
{
  if (call->timed_out)
    return g_error_new (CRM_SHOP_ERROR, CRM_SHOP_ERROR_UNREACHABLE,
                        /* Translators: the shop's address, then a number of seconds */
                        ngettext ("The shop at %s did not answer within %u second.",
                                  "The shop at %s did not answer within %u seconds.", self->timeout),
                        self->url, self->timeout);
  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (CRM_SHOP_ERROR, CRM_SHOP_ERROR_UNREACHABLE,
                        _("The shop’s server at %s cannot be found: check the address, and this computer’s "
                          "connection to the internet."),
                        self->url);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (CRM_SHOP_ERROR, CRM_SHOP_ERROR_UNREACHABLE,
                        /* Translators: the shop's address, then the reason */
                        _("The connection to the shop at %s is not secure: %s"), self->url, error->message);

  return g_error_new (CRM_SHOP_ERROR, CRM_SHOP_ERROR_UNREACHABLE,
                      /* Translators: the shop's address, then the reason */
                      _("The shop at %s cannot be reached: %s"), self->url, error->message);
}

/* Why the shop's answer is not a list of what was asked. */
static GError *
status_error (CrmShopClient *self,
              SoupMessage   *message,
              GBytes        *body)
{
  guint status = soup_message_get_status (message);
  g_autofree char *words = shop_message (body);
  const char *said = words != NULL ? words : soup_message_get_reason_phrase (message);

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    return g_error_new (CRM_SHOP_ERROR, CRM_SHOP_ERROR_REFUSED,
                        /* Translators: %s is the shop's own words */
                        _("The shop refused the API keys (“%s”): check the consumer key and secret, and that "
                          "the key may read."),
                        said);
  if (status == SOUP_STATUS_NOT_FOUND)
    return g_error_new (CRM_SHOP_ERROR, CRM_SHOP_ERROR_BAD_ANSWER,
                        _("%s has no WooCommerce REST API (v3): check the shop’s address, and that WooCommerce "
                          "and the site’s pretty permalinks are on."),
                        self->url);
  if (status >= 500)
    return g_error_new (CRM_SHOP_ERROR, CRM_SHOP_ERROR_UNREACHABLE,
                        /* Translators: the shop's address, an HTTP status code, the shop's words */
                        _("The shop at %s is failing (%u: %s); try again later."), self->url, status, said);

  return g_error_new (CRM_SHOP_ERROR, CRM_SHOP_ERROR_BAD_ANSWER,
                      /* Translators: the shop's address, an HTTP status code, the shop's words */
                      _("The shop at %s did not answer as WooCommerce does (%u: %s)."), self->url, status, said);
}

static GError *
bad_answer (CrmShopClient *self)
{
  return g_error_new (CRM_SHOP_ERROR, CRM_SHOP_ERROR_BAD_ANSWER,
                      _("What answers at %s is not WooCommerce’s REST API: check the shop’s address."),
                      self->url);
}

static void
finish_lookup (GTask *task)
{
  CrmShopClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  Cached *cached = g_new0 (Cached, 1);

  cached->order = call->found != NULL ? g_object_ref (call->found) : NULL;
  cached->until = crm_clock_now_unix (self->clock) + CRM_SHOP_CACHE_SECONDS;
  /* a window open all day looks up many clients: what aged goes */
  if (g_hash_table_size (self->cache) >= CACHE_PRUNE_SIZE)
    {
      gint64 now = crm_clock_now_unix (self->clock);

      g_hash_table_foreach_remove (self->cache, cached_expired, &now);
    }
  g_hash_table_replace (self->cache, g_strdup (call->email), cached);

  g_task_return_pointer (task, g_steal_pointer (&call->found), g_object_unref);
}

/* The orders of a list, the newest of them for the address kept. */
static gboolean
take_orders (GTask      *task,
             JsonArray  *orders,
             gboolean    any_address,
             GError    **error)
{
  Call *call = g_task_get_task_data (task);

  for (guint i = 0; i < json_array_get_length (orders); i++)
    {
      JsonNode *node = json_array_get_element (orders, i);
      g_autoptr(CrmShopOrder) order = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      if (!(order = _crm_shop_order_new_from_json (json_node_get_object (node), error)))
        return FALSE;
      if ((any_address || same_email (crm_shop_order_get_email (order), call->email)) && is_newer (order, call->found))
        g_set_object (&call->found, order);
    }

  return TRUE;
}

static void
answered (GTask    *task,
          JsonNode *root)
{
  CrmShopClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_task_return_error (task, bad_answer (self));
      return;
    }
  array = json_node_get_array (root);

  switch (call->step)
    {
    case STEP_CHECK:
      g_task_return_boolean (task, TRUE);
      return;

    case STEP_SEARCH:
      if (!take_orders (task, array, FALSE, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      {
        g_autofree char *email = g_uri_escape_string (call->email, NULL, FALSE);
        g_autofree char *query = g_strdup_printf ("email=%s&role=all", email);

        call->step = STEP_CUSTOMER;
        request (task, "customers", query);
      }
      return;

    case STEP_CUSTOMER:
      {
        JsonNode *first = json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;
        gint64 id = 0;
        g_autofree char *query = NULL;

        if (first != NULL && JSON_NODE_HOLDS_OBJECT (first))
          id = json_object_get_int_member_with_default (json_node_get_object (first), "id", 0);
        if (id <= 0)
          {
            finish_lookup (task);
            return;
          }
        query = g_strdup_printf ("customer=%" G_GINT64_FORMAT "&orderby=date&order=desc&per_page=1", id);
        call->step = STEP_CUSTOMER_ORDERS;
        request (task, "orders", query);
      }
      return;

    case STEP_CUSTOMER_ORDERS:
      if (!take_orders (task, array, TRUE, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      finish_lookup (task);
      return;

    default:
      g_assert_not_reached ();
    }
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmShopClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  g_autoptr(JsonParser) parser = NULL;
  guint status;
  gsize size = 0;
  const char *data;

  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !call->timed_out)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, transport_error (self, call, error));
      return;
    }

  status = soup_message_get_status (call->message);
  if (call->step == STEP_CUSTOMER && (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN))
    {
      /* a key whose user may read orders but not users: the search's
       * answer is the whole answer */
      g_debug ("the shop's key may not list customers (%u)", status);
      finish_lookup (task);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, status_error (self, call->message, body));
      return;
    }

  parser = json_parser_new ();
  data = g_bytes_get_data (body, &size);
  if (data == NULL || !json_parser_load_from_data (parser, data, (gssize) size, NULL) ||
      json_parser_get_root (parser) == NULL)
    {
      g_task_return_error (task, bad_answer (self));
      return;
    }

  answered (task, json_parser_get_root (parser));
}

/* GET {url}/wp-json/wc/v3/{path}?{query}, with the keys. */
static void
request (GTask      *task,
         const char *path,
         const char *query)
{
  CrmShopClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  g_autofree char *address = g_strdup_printf ("%s/wp-json/wc/v3/%s?%s", self->url, path, query);
  SoupMessageHeaders *headers;

  g_clear_object (&call->message);
  call->message = soup_message_new ("GET", address);
  if (call->message == NULL)
    {
      g_task_return_error (task, bad_answer (self));
      return;
    }
  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "Authorization", self->authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  soup_session_send_and_read_async (self->session, call->message, G_PRIORITY_DEFAULT, call->cancellable, request_cb,
                                    g_object_ref (task));
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
deadline_cb (gpointer user_data)
{
  Call *call = user_data;

  call->timed_out = TRUE;
  g_cancellable_cancel (call->cancellable);

  return G_SOURCE_REMOVE;
}

static GTask *
start_call (CrmShopClient       *self,
            Step                 step,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Call *call = g_new0 (Call, 1);

  call->step = step;
  call->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, call, call_free);
  if (cancellable != NULL)
    {
      call->caller = g_object_ref (cancellable);
      call->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                  call->cancellable, NULL);
    }
  call->deadline = g_timeout_source_new_seconds (self->timeout);
  g_source_set_callback (call->deadline, deadline_cb, call, NULL);
  g_source_attach (call->deadline, g_main_context_get_thread_default ());

  return task;
}

/**
 * crm_shop_client_new:
 * @url: the shop's address (crm_shop_normalize_url())
 * @consumer_key: the REST API's consumer key
 * @consumer_secret: its secret
 *
 * Returns: (transfer full): a client of the shop, with a cache of its own
 */
CrmShopClient *
crm_shop_client_new (const char *url,
                     const char *consumer_key,
                     const char *consumer_secret)
{
  CrmShopClient *self;
  g_autofree char *joined = NULL;
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (consumer_key != NULL, NULL);
  g_return_val_if_fail (consumer_secret != NULL, NULL);

  self = g_object_new (CRM_TYPE_SHOP_CLIENT, NULL);
  self->url = g_strdup (url);
  joined = g_strconcat (consumer_key, ":", consumer_secret, NULL);
  encoded = g_base64_encode ((const guchar *) joined, strlen (joined));
  self->authorization = g_strconcat ("Basic ", encoded, NULL);
  memset (joined, 0, strlen (joined));
  memset (encoded, 0, strlen (encoded));

  return self;
}

/**
 * crm_shop_client_get_url:
 * @self: a #CrmShopClient
 *
 * Returns: the shop's address
 */
const char *
crm_shop_client_get_url (CrmShopClient *self)
{
  g_return_val_if_fail (CRM_IS_SHOP_CLIENT (self), NULL);

  return self->url;
}

/**
 * crm_shop_client_set_clock:
 * @self: a #CrmShopClient
 * @clock: the clock the cache's answers age by (the session's)
 */
void
crm_shop_client_set_clock (CrmShopClient *self,
                           CrmClock      *clock)
{
  g_return_if_fail (CRM_IS_SHOP_CLIENT (self));
  g_return_if_fail (CRM_IS_CLOCK (clock));

  g_set_object (&self->clock, clock);
}

/**
 * crm_shop_client_set_timeout:
 * @self: a #CrmShopClient
 * @seconds: how long a lookup may wait for the shop, 1 or more
 *   (%CRM_SHOP_TIMEOUT_SECONDS by default)
 */
void
crm_shop_client_set_timeout (CrmShopClient *self,
                             guint          seconds)
{
  g_return_if_fail (CRM_IS_SHOP_CLIENT (self));
  g_return_if_fail (seconds > 0);

  self->timeout = seconds;
}

/**
 * crm_shop_client_forget:
 * @self: a #CrmShopClient
 * @email: (nullable): an address, or %NULL for all
 *
 * The next lookup of @email asks the shop again (Retry).
 */
void
crm_shop_client_forget (CrmShopClient *self,
                        const char    *email)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (CRM_IS_SHOP_CLIENT (self));

  if (email == NULL)
    {
      g_hash_table_remove_all (self->cache);
      return;
    }
  folded = fold_email (email);
  g_hash_table_remove (self->cache, folded);
}

/**
 * crm_shop_client_last_order_async:
 * @self: a #CrmShopClient
 * @email: the client's address
 * @cancellable: (nullable): a #GCancellable (a card's: cancelled when
 *   it shows another client)
 * @callback: called with the order, or none
 * @user_data: data for @callback
 *
 * Asks the shop for the newest order of @email, as a guest or as a
 * registered customer, unless a recent answer is kept. Never blocks.
 */
void
crm_shop_client_last_order_async (CrmShopClient       *self,
                                  const char          *email,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *query = NULL;
  Cached *cached;
  Call *call;

  g_return_if_fail (CRM_IS_SHOP_CLIENT (self));
  g_return_if_fail (email != NULL);

  folded = fold_email (email);
  cached = g_hash_table_lookup (self->cache, folded);
  if (cached != NULL && cached->until > crm_clock_now_unix (self->clock))
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, crm_shop_client_last_order_async);
      g_task_return_pointer (task, cached->order != NULL ? g_object_ref (cached->order) : NULL, g_object_unref);
      return;
    }

  task = start_call (self, STEP_SEARCH, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_shop_client_last_order_async);
  call = g_task_get_task_data (task);
  call->email = g_steal_pointer (&folded);
  if (self->tls_error != NULL)
    {
      g_task_return_error (task, transport_error (self, call, self->tls_error));
      return;
    }
  escaped = g_uri_escape_string (call->email, NULL, FALSE);
  query = g_strdup_printf ("search=%s&orderby=date&order=desc&per_page=" SEARCH_PAGE, escaped);
  request (task, "orders", query);
}

/**
 * crm_shop_client_last_order_finish:
 * @self: a #CrmShopClient
 * @result: the result
 * @error: return location for a #GError: a %CRM_SHOP_ERROR, or
 *   %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the newest order; %NULL with no
 *   @error when the address has none
 */
CrmShopOrder *
crm_shop_client_last_order_finish (CrmShopClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * crm_shop_client_check_async:
 * @self: a #CrmShopClient
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the shop answered, or could not
 * @user_data: data for @callback
 *
 * Test Connection: asks the shop for one order with the keys.
 */
void
crm_shop_client_check_async (CrmShopClient       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CRM_IS_SHOP_CLIENT (self));

  task = start_call (self, STEP_CHECK, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_shop_client_check_async);
  if (self->tls_error != NULL)
    {
      g_task_return_error (task, transport_error (self, g_task_get_task_data (task), self->tls_error));
      return;
    }
  request (task, "orders", "per_page=1");
}

/**
 * crm_shop_client_check_finish:
 * @self: a #CrmShopClient
 * @result: the result
 * @error: return location for a #GError: why the shop could not be read
 *
 * Returns: %TRUE when the shop answered with its orders
 */
gboolean
crm_shop_client_check_finish (CrmShopClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
