/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <stdlib.h>
#include <libsoup/soup.h>

/*
 * bench/forms-bare PORT FILE: libsoup's own server with one handler
 * that answers every request with FILE's bytes, and nothing else: no
 * links checked, no stamp, no headers of ours. bench/forms measures it
 * beside `crmctl serve --http` and nginx, to show what libsoup itself
 * allows on this machine (the forms' server can be no faster).
 */

static GBytes *page;

static void
answer_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                    g_bytes_get_data (page, NULL), g_bytes_get_size (page));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (argc != 3)
    {
      g_printerr ("usage: bench-forms-bare PORT FILE\n");
      return 2;
    }
  if (!g_file_get_contents (argv[2], &contents, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  page = g_bytes_new_take (g_steal_pointer (&contents), length);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, answer_cb, NULL, NULL);
  if (!soup_server_listen_local (server, (guint) atoi (argv[1]), SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);

  return 0;
}
