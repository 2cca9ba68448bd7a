/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-forms"

#include "config.h"

#include <string.h>

#include "crm-form-server-private.h"

/*
 * What keeps the forms' server within bounds, whatever the clients
 * send: token buckets that limit posts per link and per address, the
 * signed stamp of the time a page was served (a robot posts faster
 * than a person fills the form in) and of the submission's id, the
 * headers every answer carries, and the early answer to a request
 * refused before its body is read: libsoup 3.2 reads a body whatever
 * status an early handler sets, so the connection is taken from it,
 * answered, and its remaining bytes drained a short while before it is
 * closed (closing at once would reset it, and the client might never
 * read why).
 */

#define STAMP_MAX_AGE_US   (G_USEC_PER_SEC * 60 * 60 * 24)
#define LINGER_SECONDS     5
#define LINGER_MAX_BYTES   (64 * 1024 * 1024)
#define MAX_BUCKETS        20000

struct _CrmFormBuckets
{
  GHashTable *buckets;           /* key → Bucket */
  double      burst;
  gint64      us_per_token;
};

typedef struct
{
  double tokens;
  gint64 updated;
} Bucket;

/* Buckets */

CrmFormBuckets *
_crm_form_buckets_new (guint burst,
                       guint seconds_per_token)
{
  CrmFormBuckets *buckets = g_new0 (CrmFormBuckets, 1);

  g_assert (burst > 0 && seconds_per_token > 0);

  buckets->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  buckets->burst = burst;
  buckets->us_per_token = (gint64) seconds_per_token * G_USEC_PER_SEC;

  return buckets;
}

void
_crm_form_buckets_free (CrmFormBuckets *buckets)
{
  if (buckets == NULL)
    return;
  g_hash_table_unref (buckets->buckets);
  g_free (buckets);
}

static void
refill (CrmFormBuckets *buckets,
        Bucket         *bucket,
        gint64          now_us)
{
  if (now_us > bucket->updated)
    bucket->tokens = MIN (buckets->burst,
                          bucket->tokens + (double) (now_us - bucket->updated) / (double) buckets->us_per_token);
  bucket->updated = now_us;
}

/* a full bucket is as good as none: forget those, so that a flood of
 * addresses cannot grow the table without end */
static void
prune (CrmFormBuckets *buckets,
       gint64          now_us)
{
  GHashTableIter iter;
  Bucket *bucket;

  g_hash_table_iter_init (&iter, buckets->buckets);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &bucket))
    {
      refill (buckets, bucket, now_us);
      if (bucket->tokens >= buckets->burst)
        g_hash_table_iter_remove (&iter);
    }
}

/*
 * Takes a token of @key's bucket. Returns FALSE when there is none,
 * with @retry_after: the seconds until there is one.
 */
gboolean
_crm_form_buckets_take (CrmFormBuckets *buckets,
                        const char     *key,
                        gint64          now_us,
                        guint          *retry_after)
{
  Bucket *bucket = g_hash_table_lookup (buckets->buckets, key);

  if (bucket == NULL)
    {
      if (g_hash_table_size (buckets->buckets) >= MAX_BUCKETS)
        prune (buckets, now_us);
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = buckets->burst;
      bucket->updated = now_us;
      g_hash_table_insert (buckets->buckets, g_strdup (key), bucket);
    }
  refill (buckets, bucket, now_us);
  if (bucket->tokens >= 1)
    {
      bucket->tokens -= 1;
      return TRUE;
    }

  *retry_after = (guint) (((1 - bucket->tokens) * buckets->us_per_token + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC);
  *retry_after = MAX (*retry_after, 1);

  return FALSE;
}

/* Stamps: "ISSUED.SUBMISSION.MAC", the MAC an HMAC-SHA256 of the rest
 * with the server's key of this run */

/* The HMAC keyed once a thread and key: a copy of it per stamp costs
 * less than keying anew (every page served makes a stamp). */
typedef struct
{
  GBytes *key;
  GHmac  *keyed;
} KeyedMac;

static void
keyed_mac_free (gpointer data)
{
  KeyedMac *mac = data;

  g_clear_pointer (&mac->key, g_bytes_unref);
  g_clear_pointer (&mac->keyed, g_hmac_unref);
  g_free (mac);
}

static GPrivate keyed_mac = G_PRIVATE_INIT (keyed_mac_free);

static char *
stamp_mac (GBytes     *key,
           const char *text)
{
  KeyedMac *mac = g_private_get (&keyed_mac);
  g_autoptr(GHmac) hmac = NULL;

  if (mac == NULL || mac->key == NULL || !g_bytes_equal (mac->key, key))
    {
      gsize key_length;
      const guint8 *key_data = g_bytes_get_data (key, &key_length);

      mac = g_new0 (KeyedMac, 1);
      mac->key = g_bytes_ref (key);
      mac->keyed = g_hmac_new (G_CHECKSUM_SHA256, key_data, key_length);
      g_private_replace (&keyed_mac, mac);
    }
  hmac = g_hmac_copy (mac->keyed);
  g_hmac_update (hmac, (const guchar *) text, strlen (text));

  return g_strdup (g_hmac_get_string (hmac));
}

char *
_crm_form_new_submission_id (void)
{
  static const char hex[] = "0123456789abcdef";
  char *id = g_malloc (33);

  for (guint i = 0; i < 4; i++)
    {
      guint32 word = g_random_int ();

      for (guint j = 0; j < 8; j++)
        id[i * 8 + j] = hex[(word >> (28 - 4 * j)) & 0xf];
    }
  id[32] = '\0';

  return id;
}

char *
_crm_form_stamp_make (GBytes     *key,
                      gint64      issued_us,
                      const char *submission_id)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT ".%s", issued_us, submission_id);
  g_autofree char *mac = stamp_mac (key, text);

  return g_strdup_printf ("%s.%s", text, mac);
}

gboolean
_crm_form_stamp_check (GBytes      *key,
                       const char  *stamp,
                       gint64      *issued_us,
                       char       **submission_id)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *text = NULL;
  g_autofree char *mac = NULL;
  gint64 issued;
  guint8 difference = 0;

  if (stamp == NULL || strlen (stamp) > 200)
    return FALSE;
  parts = g_strsplit (stamp, ".", 4);
  if (g_strv_length (parts) != 3 || strlen (parts[1]) != 32 || strlen (parts[2]) != 64)
    return FALSE;
  for (const char *p = parts[1]; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  if (!g_ascii_string_to_signed (parts[0], 10, 0, G_MAXINT64, &issued, NULL))
    return FALSE;

  text = g_strdup_printf ("%s.%s", parts[0], parts[1]);
  mac = stamp_mac (key, text);
  /* in constant time: the stamp is the client's */
  for (guint i = 0; i < 64; i++)
    difference |= (guint8) (mac[i] ^ parts[2][i]);
  if (difference != 0)
    return FALSE;

  *issued_us = issued;
  *submission_id = g_strdup (parts[1]);
  return TRUE;
}

/* Answers */

static const struct
{
  const char *name;
  const char *value;
} security_headers[] = {
  { "X-Frame-Options", "DENY" },
  { "X-Content-Type-Options", "nosniff" },
  { "Referrer-Policy", "no-referrer" },
  { "Cache-Control", "no-store" },
  { "Cross-Origin-Opener-Policy", "same-origin" },
  { "Cross-Origin-Resource-Policy", "same-origin" },
  { "Permissions-Policy", "camera=(), microphone=(), geolocation=()" },
};

static const char *
content_security_policy (void)
{
  static char *policy;

  /* the page's one style by its hash; nothing else at all: no script,
   * no image, no frame, forms posted to this server only */
  if (g_once_init_enter (&policy))
    g_once_init_leave (&policy, g_strdup_printf ("default-src 'none'; style-src %s; form-action 'self'; "
                                                 "base-uri 'none'; frame-ancestors 'none'",
                                                 crm_form_page_get_style_hash ()));

  return policy;
}

void
_crm_form_set_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *csp = content_security_policy ();

  soup_message_headers_replace (headers, "Content-Security-Policy", csp);
  for (guint i = 0; i < G_N_ELEMENTS (security_headers); i++)
    soup_message_headers_replace (headers, security_headers[i].name, security_headers[i].value);
}

void
_crm_form_respond (SoupServerMessage *msg,
                   guint              status,
                   char              *html)
{
  gsize length = strlen (html);

  _crm_form_set_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, html, length);
}

typedef struct
{
  CrmFormRejections *owner;
  gulong        cancelled_id;
  GIOStream    *stream;
  GSocket      *socket;
  GBytes       *answer;
  GCancellable *cancellable;
  GSource      *timeout;
  guint64       drained;
  guint8        buffer[16384];
} Rejection;

static void
clear_timeout (Rejection *rejection)
{
  if (rejection->timeout != NULL)
    g_source_destroy (rejection->timeout);
  g_clear_pointer (&rejection->timeout, g_source_unref);
}

static void
rejection_free (Rejection *rejection)
{
  clear_timeout (rejection);
  g_cancellable_disconnect (rejection->owner->cancellable, rejection->cancelled_id);
  rejection->owner->pending--;
  g_clear_object (&rejection->cancellable);
  g_clear_pointer (&rejection->answer, g_bytes_unref);
  g_clear_object (&rejection->socket);
  g_clear_object (&rejection->stream);
  g_free (rejection);
}

static void
closed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (object), result, NULL);
  rejection_free (user_data);
}

static void
rejection_close (Rejection *rejection)
{
  clear_timeout (rejection);
  g_io_stream_close_async (rejection->stream, G_PRIORITY_DEFAULT, NULL, closed_cb, rejection);
}

static gboolean
linger_timeout_cb (gpointer user_data)
{
  Rejection *rejection = user_data;

  g_cancellable_cancel (rejection->cancellable);

  return G_SOURCE_REMOVE;
}

static void
drained_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Rejection *rejection = user_data;
  gssize n_read = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);

  if (n_read <= 0 || (rejection->drained += (guint64) n_read) > LINGER_MAX_BYTES ||
      g_cancellable_is_cancelled (rejection->cancellable))
    {
      rejection_close (rejection);
      return;
    }
  g_input_stream_read_async (g_io_stream_get_input_stream (rejection->stream), rejection->buffer,
                             sizeof rejection->buffer, G_PRIORITY_LOW, rejection->cancellable, drained_cb, rejection);
}

static void
answered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Rejection *rejection = user_data;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    {
      rejection_close (rejection);
      return;
    }
  /* the answer is sent: say so with a FIN, and read what the client
   * still sends until it stops, or a few seconds */
  if (rejection->socket != NULL)
    g_socket_shutdown (rejection->socket, FALSE, TRUE, NULL);
  g_input_stream_read_async (g_io_stream_get_input_stream (rejection->stream), rejection->buffer,
                             sizeof rejection->buffer, G_PRIORITY_LOW, rejection->cancellable, drained_cb, rejection);
}

/*
 * Answers @msg now, before its body is read (the limits, the rate), and
 * closes the connection.
 */
static void
owner_cancelled_cb (GCancellable *owner,
                    gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

void
_crm_form_reject_early (SoupServerMessage *msg,
                        CrmFormRejections *owner,
                        guint              status,
                        const char        *language,
                        CrmFormNotice      notice,
                        guint              retry_after)
{
  g_autofree char *html = crm_form_page_render_notice (language, notice);
  const char *csp = content_security_policy ();
  GString *answer = g_string_sized_new (4096);
  Rejection *rejection;
  GSocket *socket = soup_server_message_get_socket (msg);

  g_string_append_printf (answer, "HTTP/1.1 %u %s\r\n", status,
                          status == CRM_FORM_STATUS_TOO_MANY_REQUESTS ? "Too Many Requests"
                                                                      : soup_status_get_phrase (status));
  g_string_append (answer, "Content-Type: text/html; charset=utf-8\r\n");
  g_string_append_printf (answer, "Content-Length: %" G_GSIZE_FORMAT "\r\n", strlen (html));
  g_string_append (answer, "Connection: close\r\n");
  if (retry_after > 0)
    g_string_append_printf (answer, "Retry-After: %u\r\n", retry_after);
  g_string_append_printf (answer, "Content-Security-Policy: %s\r\n", csp);
  for (guint i = 0; i < G_N_ELEMENTS (security_headers); i++)
    g_string_append_printf (answer, "%s: %s\r\n", security_headers[i].name, security_headers[i].value);
  g_string_append (answer, "\r\n");
  g_string_append (answer, html);

  rejection = g_new0 (Rejection, 1);
  rejection->owner = owner;
  owner->pending++;
  rejection->socket = socket != NULL ? g_object_ref (socket) : NULL;
  rejection->stream = soup_server_message_steal_connection (msg);
  rejection->answer = g_string_free_to_bytes (answer);
  rejection->cancellable = g_cancellable_new ();
  if (rejection->stream == NULL)
    {
      rejection_free (rejection);
      return;
    }
  /* the server stopping ends the lingering at once */
  rejection->cancelled_id = g_cancellable_connect (owner->cancellable, G_CALLBACK (owner_cancelled_cb),
                                                   g_object_ref (rejection->cancellable), g_object_unref);
  rejection->timeout = g_timeout_source_new_seconds (LINGER_SECONDS);
  g_source_set_callback (rejection->timeout, linger_timeout_cb, rejection, NULL);
  g_source_attach (rejection->timeout, g_main_context_get_thread_default ());
  g_output_stream_write_all_async (g_io_stream_get_output_stream (rejection->stream),
                                   g_bytes_get_data (rejection->answer, NULL),
                                   g_bytes_get_size (rejection->answer),
                                   G_PRIORITY_DEFAULT, rejection->cancellable, answered_cb, rejection);
}
