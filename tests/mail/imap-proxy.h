/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>
#include <gio/gio.h>

/* An IMAP proxy for the tests: forwards both ways and keeps what the
 * client sent; it can hide a capability from the client (strip), and
 * once, during the server's answer to a chosen UID FETCH, close both
 * connections after a chosen number of bytes, at a point inside a
 * message's literal. */

typedef struct _Proxy Proxy;

typedef struct
{
  Proxy             *proxy;
  GSocketConnection *client;
  GSocketConnection *server;
  GCancellable      *cancellable;
  GThread           *upstream;    /* client → server */
  GThread           *downstream;  /* server → client */
  gboolean           armed;       /* the answer to the FETCH to cut comes next; under the mutex */
} Link;

struct _Proxy
{
  GSocketListener *listener;
  GCancellable    *cancellable;
  GThread         *thread;
  guint16          port;
  guint16          target;
  guint            cut_fetch;       /* the UID FETCH whose answer is cut, 1 for the first; 0: none */
  gsize            cut_after;       /* bytes of that answer forwarded at least */

  GMutex           mutex;
  GPtrArray       *links;
  guint            connections;
  guint            fetches;         /* UID FETCH commands seen on all connections */
  gboolean         cut;             /* done: the proxy cuts only once */
  gsize            cut_at;          /* bytes of the answer forwarded before the cut */
  guint            literals_whole;  /* literals forwarded whole before the cut */
  gsize            literal_size;    /* the size of the literal cut */
  gsize            literal_left;    /* its bytes never forwarded */
  char            *strip;           /* removed from what the server says, or NULL */
  GString         *sent;            /* everything clients sent */
};

static inline void
link_break (Link *link)
{
  /* shutdown() wakes a thread blocked reading on the other side */
  g_socket_shutdown (g_socket_connection_get_socket (link->client), TRUE, TRUE, NULL);
  g_socket_shutdown (g_socket_connection_get_socket (link->server), TRUE, TRUE, NULL);
  g_cancellable_cancel (link->cancellable);
}

static inline gboolean
forward (GOutputStream *out,
         const guint8  *data,
         gsize          size,
         GCancellable  *cancellable)
{
  return size == 0 || g_output_stream_write_all (out, data, size, NULL, cancellable, NULL);
}

static inline gpointer
upstream_thread (gpointer data)
{
  Link *link = data;
  Proxy *proxy = link->proxy;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (link->client));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (link->server));
  static const char needle[] = "UID FETCH";
  char window[sizeof needle - 1 + 4096 + 1];
  gsize kept = 0;

  for (;;)
    {
      gssize got = g_input_stream_read (in, window + kept, sizeof window - 1 - kept, link->cancellable, NULL);
      const char *p;

      if (got <= 0)
        break;
      window[kept + got] = '\0';

      g_mutex_lock (&proxy->mutex);
      g_string_append_len (proxy->sent, window + kept, got);
      g_mutex_unlock (&proxy->mutex);

      /* a command may come in pieces: the end of the last read is kept
       * (shorter than the needle, so nothing is counted twice) */
      for (p = window; (p = g_strstr_len (p, kept + got - (p - window), needle)) != NULL; p += strlen (needle))
        {
          g_mutex_lock (&proxy->mutex);
          proxy->fetches++;
          if (!proxy->cut && proxy->fetches == proxy->cut_fetch)
            link->armed = TRUE;
          g_mutex_unlock (&proxy->mutex);
        }

      if (!forward (out, (const guint8 *) window + kept, got, link->cancellable))
        break;

      {
        gsize total = kept + got;

        kept = MIN (total, strlen (needle) - 1);
        memmove (window, window + total - kept, kept);
      }
    }

  link_break (link);

  return NULL;
}

static inline gpointer
downstream_thread (gpointer data)
{
  Link *link = data;
  Proxy *proxy = link->proxy;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (link->server));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (link->client));
  g_autoptr(GString) line = g_string_new (NULL);
  guint8 buffer[4096];
  gsize sent = 0;
  gsize literal_size = 0;
  gsize literal_left = 0;
  guint literals_whole = 0;

  for (;;)
    {
      gssize got = g_input_stream_read (in, buffer, sizeof buffer, link->cancellable, NULL);
      gboolean armed;
      gssize i;

      if (got <= 0)
        break;

      g_mutex_lock (&proxy->mutex);
      armed = link->armed;
      g_mutex_unlock (&proxy->mutex);

      if (!armed)
        {
          if (proxy->strip != NULL)
            {
              /* capabilities come on lines of their own, whole in one read */
              g_autoptr(GString) text = g_string_new_len ((const char *) buffer, got);

              g_string_replace (text, proxy->strip, "", 0);
              if (!forward (out, (const guint8 *) text->str, text->len, link->cancellable))
                break;
              continue;
            }
          if (!forward (out, buffer, got, link->cancellable))
            break;
          continue;
        }

      /* the answer to cut: follow its lines and literals ({N} at the
       * end of a line, then N bytes) to cut inside one */
      for (i = 0; i < got; i++)
        {
          if (sent >= proxy->cut_after && literal_left > 0 && literal_left < literal_size)
            break;

          sent++;
          if (literal_left > 0)
            {
              if (--literal_left == 0)
                literals_whole++;
              continue;
            }

          g_string_append_c (line, buffer[i]);
          if (buffer[i] == '\n')
            {
              const char *brace = strrchr (line->str, '{');

              if (g_str_has_suffix (line->str, "}\r\n") && brace != NULL)
                literal_size = literal_left = g_ascii_strtoull (brace + 1, NULL, 10);
              g_string_truncate (line, 0);
            }
        }

      if (!forward (out, buffer, i, link->cancellable))
        break;

      if (i < got)
        {
          g_output_stream_flush (out, NULL, NULL);
          g_mutex_lock (&proxy->mutex);
          proxy->cut = TRUE;
          proxy->cut_at = sent;
          proxy->literals_whole = literals_whole;
          proxy->literal_size = literal_size;
          proxy->literal_left = literal_left;
          link->armed = FALSE;
          g_mutex_unlock (&proxy->mutex);
          break;
        }
    }

  link_break (link);

  return NULL;
}

static inline gpointer
accept_thread (gpointer data)
{
  Proxy *proxy = data;

  for (;;)
    {
      g_autoptr(GSocketClient) connector = g_socket_client_new ();
      g_autoptr(GSocketConnection) client = NULL;
      g_autoptr(GSocketConnection) server = NULL;
      Link *link;

      client = g_socket_listener_accept (proxy->listener, NULL, proxy->cancellable, NULL);
      if (client == NULL)
        break;
      server = g_socket_client_connect_to_host (connector, "127.0.0.1", proxy->target, proxy->cancellable, NULL);
      if (server == NULL)
        continue;

      link = g_new0 (Link, 1);
      link->proxy = proxy;
      link->client = g_steal_pointer (&client);
      link->server = g_steal_pointer (&server);
      link->cancellable = g_cancellable_new ();

      g_mutex_lock (&proxy->mutex);
      proxy->connections++;
      g_ptr_array_add (proxy->links, link);
      link->upstream = g_thread_new ("proxy-up", upstream_thread, link);
      link->downstream = g_thread_new ("proxy-down", downstream_thread, link);
      g_mutex_unlock (&proxy->mutex);
    }

  return NULL;
}

static inline Proxy *
proxy_start_full (guint16     target,
                  guint       cut_fetch,
                  gsize       cut_after,
                  const char *strip)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  Proxy *proxy = g_new0 (Proxy, 1);

  proxy->target = target;
  proxy->cut_fetch = cut_fetch;
  proxy->cut_after = cut_after;
  proxy->links = g_ptr_array_new ();
  proxy->sent = g_string_new (NULL);
  proxy->strip = g_strdup (strip);
  proxy->cancellable = g_cancellable_new ();
  g_mutex_init (&proxy->mutex);

  proxy->listener = g_socket_listener_new ();
  g_socket_listener_add_address (proxy->listener, address, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  proxy->thread = g_thread_new ("proxy-accept", accept_thread, proxy);

  return proxy;
}

static inline void
proxy_stop (Proxy *proxy)
{
  g_cancellable_cancel (proxy->cancellable);
  g_thread_join (proxy->thread);
  g_socket_listener_close (proxy->listener);

  for (guint i = 0; i < proxy->links->len; i++)
    {
      Link *link = g_ptr_array_index (proxy->links, i);

      link_break (link);
      g_thread_join (link->upstream);
      g_thread_join (link->downstream);
      g_io_stream_close (G_IO_STREAM (link->client), NULL, NULL);
      g_io_stream_close (G_IO_STREAM (link->server), NULL, NULL);
      g_object_unref (link->client);
      g_object_unref (link->server);
      g_object_unref (link->cancellable);
      g_free (link);
    }

  g_ptr_array_unref (proxy->links);
  g_string_free (proxy->sent, TRUE);
  g_free (proxy->strip);
  g_object_unref (proxy->listener);
  g_object_unref (proxy->cancellable);
  g_mutex_clear (&proxy->mutex);
  g_free (proxy);
}

/* A proxy that cuts the answer to the @cut_fetch-th UID FETCH after
 * @cut_after bytes (0: never). */
static inline Proxy *
proxy_start (guint16 target,
             guint   cut_fetch,
             gsize   cut_after)
{
  return proxy_start_full (target, cut_fetch, cut_after, NULL);
}

/* A proxy that only hides @capability (" AUTH=PLAIN", say). */
static inline Proxy *
proxy_start_stripping (guint16     target,
                       const char *capability)
{
  return proxy_start_full (target, 0, 0, capability);
}

/* What clients sent so far. */
static inline char *
proxy_dup_sent (Proxy *proxy)
{
  char *sent;

  g_mutex_lock (&proxy->mutex);
  sent = g_strdup (proxy->sent->str);
  g_mutex_unlock (&proxy->mutex);

  return sent;
}
