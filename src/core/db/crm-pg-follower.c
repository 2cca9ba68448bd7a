/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-database"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "crm-database-private.h"
#include "crm-pg-database-private.h"
#include "crm-thread-private.h"

/*
 * Following the other connections' changes, for a primary connection.
 *
 * On a thread of its own, with a connection of its own: the window's
 * main loop never waits on the server for what others changed. The
 * thread LISTENs, reads the journal after the last change it saw
 * whenever NOTIFY comes (and once after each connection, so that a
 * connection lost and made again misses nothing), and tells the
 * primary on the context that asked to follow, in one batch per look. */

#define CHANGES_PER_LOOK 2000
/* how long a quiet connection goes unchecked, and how long a lost one
 * waits before it is made again */
#define FOLLOW_CHECK_S 30
#define FOLLOW_RETRY_S 2

struct _CrmPgFollower
{
  gatomicrefcount  ref;
  GWeakRef         database;     /* the primary; told on @context */
  GMainContext    *context;
  CrmPgDatabase   *connection;   /* the thread's own, read-only */
  Writers         *writers;      /* the primary's writers' */
  int              primary_pid;
  gint64           last_change;
  GCancellable    *stop;
  GThread         *thread;
};

static CrmPgFollower *
follower_ref (CrmPgFollower *follower)
{
  g_atomic_ref_count_inc (&follower->ref);

  return follower;
}

static void
follower_unref (CrmPgFollower *follower)
{
  if (!g_atomic_ref_count_dec (&follower->ref))
    return;
  g_weak_ref_clear (&follower->database);
  g_main_context_unref (follower->context);
  g_clear_object (&follower->connection);
  g_clear_pointer (&follower->writers, _crm_pg_writers_unref);
  g_clear_object (&follower->stop);
  g_free (follower);
}

/* what one look found, for the primary's context */
typedef struct
{
  CrmPgFollower   *follower;
  GPtrArray  *announced;   /* what other desktops said */
  GPtrArray  *changed;     /* "entity id", each once */
  GHashTable *whole;       /* entities changed as a whole */
} Batch;

static void
batch_free (gpointer data)
{
  Batch *batch = data;

  follower_unref (batch->follower);
  g_ptr_array_unref (batch->announced);
  g_ptr_array_unref (batch->changed);
  g_hash_table_unref (batch->whole);
  g_free (batch);
}

static gboolean
tell_cb (gpointer data)
{
  Batch *batch = data;
  g_autoptr(CrmDatabase) database = g_weak_ref_get (&batch->follower->database);
  GHashTableIter iter;
  gpointer key;

  if (database == NULL)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < batch->announced->len; i++)
    crm_database_emit_announced (database, g_ptr_array_index (batch->announced, i));
  for (guint i = 0; i < batch->changed->len; i++)
    {
      const char *entry = g_ptr_array_index (batch->changed, i);
      const char *space = strrchr (entry, ' ');
      g_autofree char *entity = g_strndup (entry, space - entry);

      if (!g_hash_table_contains (batch->whole, entity))
        crm_database_emit_changed (database, entity, g_ascii_strtoll (space + 1, NULL, 10));
    }
  g_hash_table_iter_init (&iter, batch->whole);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    crm_database_emit_changed (database, key, 0);

  return G_SOURCE_REMOVE;
}

/* written by the primary, or by one of its writers: told already */
static gboolean
told_already (CrmPgFollower *follower,
              int       pid)
{
  return pid == follower->primary_pid || _crm_pg_writers_contain (follower->writers, pid);
}

/* The journal after the last change seen, into @batch; FALSE when the
 * connection failed. */
static gboolean
read_changes (CrmPgFollower *follower,
              Batch    *batch)
{
  PGconn *conn = follower->connection->conn;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *after = g_strdup_printf ("%" G_GINT64_FORMAT, follower->last_change);
  const char *params[1] = { after };
  PGresult *result;
  gint64 first = 0, last = follower->last_change;

  result = PQexecParams (conn, "SELECT seq, entity, entity_id, pid FROM changes WHERE seq > $1 ORDER BY seq",
                         1, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      g_debug ("reading the journal: %s", PQerrorMessage (conn));
      PQclear (result);
      return FALSE;
    }

  for (int row = 0; row < PQntuples (result); row++)
    {
      gint64 seq = g_ascii_strtoll (PQgetvalue (result, row, 0), NULL, 10);
      const char *entity = PQgetvalue (result, row, 1);
      gint64 id = g_ascii_strtoll (PQgetvalue (result, row, 2), NULL, 10);
      char *key;

      if (first == 0)
        first = seq;
      last = seq;
      if (told_already (follower, atoi (PQgetvalue (result, row, 3))) || g_hash_table_contains (batch->whole, entity))
        continue;
      if (batch->changed->len >= CHANGES_PER_LOOK || id == 0)
        {
          g_hash_table_add (batch->whole, g_strdup (entity));
          continue;
        }
      key = g_strdup_printf ("%s %" G_GINT64_FORMAT, entity, id);
      if (g_hash_table_add (seen, key))
        g_ptr_array_add (batch->changed, key);
      else
        g_free (key);
    }
  PQclear (result);

  /* pruned past what this desktop saw: each kind changed as a whole */
  if (first > follower->last_change + 1 && follower->last_change > 0)
    {
      result = PQexec (conn, "SELECT DISTINCT entity FROM changes");
      for (int row = 0; PQresultStatus (result) == PGRES_TUPLES_OK && row < PQntuples (result); row++)
        g_hash_table_add (batch->whole, g_strdup (PQgetvalue (result, row, 0)));
      PQclear (result);
    }
  follower->last_change = last;

  return TRUE;
}

/* NOTIFY came: what other desktops said into @batch; whether the
 * journal has news. FALSE in *@ok when the connection failed. */
static gboolean
take_notifications (CrmPgFollower *follower,
                    Batch    *batch,
                    gboolean *ok)
{
  PGconn *conn = follower->connection->conn;
  PGnotify *notify;
  gboolean any = FALSE;

  *ok = PQconsumeInput (conn) != 0;
  while ((notify = PQnotifies (conn)) != NULL)
    {
      if (!g_str_equal (notify->relname, "crm_presence"))
        any = TRUE;
      /* this desktop's own words are not news to it */
      else if (!told_already (follower, notify->be_pid))
        g_ptr_array_add (batch->announced, g_strdup (notify->extra));
      PQfreemem (notify);
    }

  return any;
}

static Batch *
batch_new (CrmPgFollower *follower)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->follower = follower_ref (follower);
  batch->announced = g_ptr_array_new_with_free_func (g_free);
  batch->changed = g_ptr_array_new_with_free_func (g_free);
  batch->whole = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return batch;
}

static void
tell (CrmPgFollower *follower,
      Batch    *batch)
{
  if (batch->announced->len == 0 && batch->changed->len == 0 && g_hash_table_size (batch->whole) == 0)
    {
      batch_free (batch);
      return;
    }
  /* on the window's thread, never here */
  _crm_post_to_context (follower->context, tell_cb, batch, batch_free, "[crm] others' changes");
}

/* Waits on the connection's socket (or, with @fd -1, only for @timeout_s)
 * and the stop; FALSE when stopped. */
static gboolean
wait_for (CrmPgFollower *follower,
          int       fd,
          int       timeout_s,
          gboolean *readable)
{
  GPollFD fds[2] = { { 0 } };
  int n = 0;

  g_cancellable_make_pollfd (follower->stop, &fds[n++]);
  if (fd >= 0)
    {
      fds[n].fd = fd;
      fds[n++].events = G_IO_IN;
    }
  g_poll (fds, n, timeout_s * 1000);
  g_cancellable_release_fd (follower->stop);
  *readable = n > 1 && (fds[1].revents & (G_IO_IN | G_IO_HUP | G_IO_ERR)) != 0;

  return !g_cancellable_is_cancelled (follower->stop);
}

/* Connected and listening, the journal read since the last change
 * seen; FALSE when the server cannot be had now. */
static gboolean
follower_connect (CrmPgFollower *follower)
{
  CrmPgDatabase *connection = follower->connection;
  g_autoptr(GError) error = NULL;
  Batch *batch;

  g_clear_pointer (&connection->conn, PQfinish);
  if (!_crm_pg_database_connect (connection, TRUE, &error) ||
      !_crm_pg_database_exec (connection, "LISTEN crm_changes; LISTEN crm_presence", &error))
    {
      g_debug ("following the office’s changes: %s", error != NULL ? error->message : "?");
      return FALSE;
    }

  batch = batch_new (follower);
  if (!read_changes (follower, batch))
    {
      batch_free (batch);
      return FALSE;
    }
  tell (follower, batch);

  return TRUE;
}

static gpointer
follow_thread (gpointer data)
{
  CrmPgFollower *follower = data;
  gboolean connected = follower_connect (follower);
  gboolean readable;

  while (!g_cancellable_is_cancelled (follower->stop))
    {
      gboolean ok = TRUE;

      if (!connected)
        {
          if (wait_for (follower, -1, FOLLOW_RETRY_S, &readable))
            connected = follower_connect (follower);
          continue;
        }

      if (!wait_for (follower, PQsocket (follower->connection->conn), FOLLOW_CHECK_S, &readable))
        break;

      if (readable)
        {
          Batch *batch = batch_new (follower);

          if (take_notifications (follower, batch, &ok) && ok)
            ok = read_changes (follower, batch);
          tell (follower, batch);
        }
      else
        {
          /* quiet for a while: is the server still there? */
          PGresult *result = PQexec (follower->connection->conn, "SELECT 1");

          ok = PQresultStatus (result) == PGRES_TUPLES_OK;
          PQclear (result);
        }
      /* lost: made again at once, then every few seconds */
      if (!ok || PQstatus (follower->connection->conn) != CONNECTION_OK)
        connected = follower_connect (follower);
    }
  follower_unref (follower);

  return NULL;
}

/* Follows the changes of others for @primary, on a thread of its own,
 * from the journal's @last_change on; told on the calling thread's
 * default context. */
CrmPgFollower *
_crm_pg_follower_start (CrmPgDatabase *primary,
                        gint64         last_change)
{
  CrmPgFollower *follower = g_new0 (CrmPgFollower, 1);

  g_atomic_ref_count_init (&follower->ref);
  g_weak_ref_init (&follower->database, primary);
  follower->context = g_main_context_ref_thread_default ();
  follower->writers = _crm_pg_writers_ref (primary->writers);
  follower->primary_pid = primary->pid;
  follower->stop = g_cancellable_new ();
  follower->connection = g_object_new (CRM_TYPE_PG_DATABASE, NULL);
  follower->connection->uri = g_strdup (primary->uri);
  follower->connection->password = g_strdup (primary->password);
  follower->last_change = last_change;
  follower->thread = g_thread_new ("crm-follow", follow_thread, follower_ref (follower));

  return follower;
}

/* Stops following, waiting for the thread to end. */
void
_crm_pg_follower_stop (CrmPgFollower *follower)
{
  g_cancellable_cancel (follower->stop);
  g_thread_join (follower->thread);
  follower_unref (follower);
}
