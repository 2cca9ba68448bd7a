/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-database"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>
#include <unistd.h>
#include <libpq-fe.h>

#include "crm-database-private.h"
#include "crm-error.h"
#include "crm-pg-database-private.h"
#include "crm-thread-private.h"

/**
 * CrmPgDatabase:
 *
 * The office's database on a PostgreSQL server, shared by every desktop
 * of a team, through libpq. Statements are written once for both
 * backends: their `?` and `?N` parameters become `$N` here, and each is
 * prepared on the server the first time it runs on a connection.
 * Values travel as text (bytes as `bytea`), so a row is read the same
 * way whatever its column's type.
 *
 * Opening it brings the schema up to date with the numbered migrations
 * written for PostgreSQL (the same numbers as SQLite's), all pending
 * ones in one transaction under an advisory lock, each in a savepoint.
 *
 * Writing transactions take one advisory lock of the office's for
 * their whole length, as SQLite's writer takes its file: the journal of
 * changes is then numbered in the order transactions commit, so that
 * a desktop following it never passes a change another transaction is
 * still making. Commits are announced with NOTIFY; a connection that
 * follows the journal LISTENs, and reads what came after the last
 * change it saw.
 */

/* the advisory lock of migrations: "CRM2" (the write lock is "CRM1") */
#define MIGRATION_LOCK_KEY 1129467186

#define MIGRATIONS_DIR "/org/example/Crm/core/migrations-pg"

typedef struct
{
  CrmStatement   parent;
  CrmPgDatabase *db;          /* owns the statement */
  char          *sql;         /* as the server takes it: $N parameters */
  char          *name;        /* on the server, once prepared */
  char          *table;       /* an INSERT's table, for its new id */
  int            n_params;
  Oid           *types;       /* text for a number the SQL skips, else the server's guess */
  char         **values;
  int           *lengths;
  int           *formats;
  PGresult      *result;
  int            row;
  int            n_rows;
  GHashTable    *blobs;       /* column → its bytes on this row */
  gboolean       sent;        /* sent, its answer not yet read */
  gboolean       each_run;    /* planned with its values each time */
} PgStatement;

static void crm_pg_database_iface_init (CrmDatabaseInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmPgDatabase, crm_pg_database, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (CRM_TYPE_DATABASE, crm_pg_database_iface_init))

Writers *
_crm_pg_writers_new (void)
{
  Writers *writers = g_new0 (Writers, 1);

  g_atomic_ref_count_init (&writers->ref);
  g_mutex_init (&writers->lock);
  writers->pids = g_array_new (FALSE, FALSE, sizeof (int));

  return writers;
}

Writers *
_crm_pg_writers_ref (Writers *writers)
{
  g_atomic_ref_count_inc (&writers->ref);

  return writers;
}

void
_crm_pg_writers_unref (Writers *writers)
{
  if (!g_atomic_ref_count_dec (&writers->ref))
    return;
  g_mutex_clear (&writers->lock);
  g_array_unref (writers->pids);
  g_free (writers);
}

gboolean
_crm_pg_writers_contain (Writers *writers,
                 int      pid)
{
  gboolean found = FALSE;

  if (writers == NULL)
    return FALSE;
  g_mutex_lock (&writers->lock);
  for (guint i = 0; i < writers->pids->len && !found; i++)
    found = g_array_index (writers->pids, int, i) == pid;
  g_mutex_unlock (&writers->lock);

  return found;
}

/* SQL written for both backends, as the server takes it: `?N` becomes
 * `$N` and a bare `?` the next number after the largest so far (as
 * SQLite numbers them), outside quotes and comments. */
char *
_crm_pg_translate_parameters (const char  *sql,
                              int         *n_params)
{
  return _crm_pg_translate_parameters_full (sql, n_params, NULL);
}

/* …and which numbers it names (*@named, of *@n_params): a number that
 * SQL skips is still a parameter, of a type the server cannot tell. */
char *
_crm_pg_translate_parameters_full (const char  *sql,
                                   int         *n_params,
                                   GArray     **named)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  g_autoptr(GArray) numbers = g_array_new (FALSE, TRUE, sizeof (gboolean));
  char quote = 0;
  int largest = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          g_string_append_c (out, *p);
          if (*p == quote)
            quote = 0;
          continue;
        }
      if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
          continue;
        }
      if (p[0] == '-' && p[1] == '-')
        {
          const char *end = strchr (p, '\n');
          gsize len = end != NULL ? (gsize) (end - p) : strlen (p);

          g_string_append_len (out, p, len);
          p += len - 1;
          continue;
        }
      if (*p == '?')
        {
          int number;

          if (g_ascii_isdigit (p[1]))
            {
              char *end = NULL;

              number = (int) g_ascii_strtoll (p + 1, &end, 10);
              p = end - 1;
            }
          else
            number = largest + 1;
          largest = MAX (largest, number);
          if ((int) numbers->len < number)
            g_array_set_size (numbers, number);
          g_array_index (numbers, gboolean, number - 1) = TRUE;
          g_string_append_printf (out, "$%d", number);
          continue;
        }
      g_string_append_c (out, *p);
    }

  *n_params = largest;
  if (named != NULL)
    *named = g_steal_pointer (&numbers);

  return g_string_free (out, FALSE);
}

/* An INSERT's table, to find the id it made: "INSERT [OR …] INTO name". */
static char *
inserted_table (const char *sql)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO\\s+([A-Za-z_][A-Za-z0-9_]*)",
                                         G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, sql, 0, &match))
    return NULL;

  return g_match_info_fetch (match, 1);
}

/* failures */

static void
keep_error (CrmPgDatabase  *self,
            const PGresult *result)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;

  g_free (self->error_state);
  g_free (self->error_message);
  self->error_state = g_strdup (state != NULL ? state : "");
  self->error_message = g_strstrip (g_strdup (message != NULL ? message : PQerrorMessage (self->conn)));
}

static void
crm_pg_database_set_error (CrmDatabase  *database,
                           GError      **error)
{
  CrmPgDatabase *self = CRM_PG_DATABASE (database);
  const char *state = self->error_state != NULL ? self->error_state : "";
  const char *message = self->error_message != NULL ? self->error_message : PQerrorMessage (self->conn);

  if (PQstatus (self->conn) == CONNECTION_BAD)
    g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_OPEN,
                 _("The connection to the office’s database was lost: %s"), message);
  else if (g_str_equal (state, "42501"))
    g_set_error_literal (error, CRM_ERROR, CRM_ERROR_PERMISSION,
                         _("Only an administrator may do that."));
  else if (g_str_equal (state, "40001") || g_str_equal (state, "40P01") || g_str_equal (state, "55P03"))
    g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL,
                 _("The database is busy in another program; try again: %s"), message);
  else if (g_str_equal (state, "P0001") && g_strcmp0 (message, "crm-user-deactivated") == 0)
    g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                         _("That user was deactivated and cannot be given new work: choose an active user."));
  else
    g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL,
                 _("Database error: %s"), message);
}

/* statements */

#define PG(s) ((PgStatement *) (s))

static void
set_param (CrmStatement *self,
           int           index,
           char         *value,
           int           length,
           int           format)
{
  PgStatement *stmt = PG (self);

  /* as SQLite: a value for a parameter the SQL does not have (a shared
   * list query without its filter's) is left out */
  if (index < 1 || index > stmt->n_params)
    {
      g_free (value);
      return;
    }
  g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = value;
  stmt->lengths[index - 1] = length;
  stmt->formats[index - 1] = format;
}

static void
stmt_bind_int64 (CrmStatement *self, int index, gint64 value)
{
  set_param (self, index, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0);
}

static void
stmt_bind_double (CrmStatement *self, int index, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  set_param (self, index, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)), 0, 0);
}

static void
stmt_bind_text (CrmStatement *self, int index, const char *text, gboolean copy)
{
  set_param (self, index, g_strdup (text), 0, 0);
}

static void
stmt_bind_blob (CrmStatement *self, int index, gconstpointer data, gsize length)
{
  /* an empty blob is not NULL */
  set_param (self, index, length > 0 ? g_memdup2 (data, length) : g_strdup (""), (int) length, 1);
}

static void
stmt_bind_null (CrmStatement *self, int index)
{
  set_param (self, index, NULL, 0, 0);
}

static CrmStep stmt_finish (CrmStatement *self);

static void
stmt_reset (CrmStatement *self)
{
  PgStatement *stmt = PG (self);

  /* an answer never waited for is read, so the connection is free */
  if (stmt->sent)
    stmt_finish (self);
  g_clear_pointer (&stmt->result, PQclear);
  g_clear_pointer (&stmt->blobs, g_hash_table_unref);
  stmt->row = -1;
  stmt->n_rows = 0;
}

static void
stmt_release (CrmStatement *self)
{
  PgStatement *stmt = PG (self);

  stmt_reset (self);
  for (int i = 0; i < stmt->n_params; i++)
    g_clear_pointer (&stmt->values[i], g_free);
}

static gboolean
prepare_on_server (PgStatement *stmt)
{
  CrmPgDatabase *db = stmt->db;
  g_autofree char *name = g_strdup_printf ("crm%u", ++db->n_prepared);
  PGresult *result = PQprepare (db->conn, name, stmt->sql, stmt->n_params, stmt->types);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

  if (!ok)
    {
      keep_error (db, result);
      /* a reader's query stopped because the user moved on is no fault */
      if (g_strcmp0 (db->error_state, "57014") != 0 && PQstatus (db->conn) == CONNECTION_OK)
        g_critical ("cannot prepare “%s”: %s", stmt->sql, db->error_message);
    }
  else
    stmt->name = g_steal_pointer (&name);
  PQclear (result);

  return ok;
}

/* What the server answered to @stmt, now in stmt->result. */
static CrmStep
take_result (PgStatement *stmt)
{
  CrmPgDatabase *db = stmt->db;

  switch (PQresultStatus (stmt->result))
    {
    case PGRES_COMMAND_OK:
      db->n_changed = g_ascii_strtoll (PQcmdTuples (stmt->result), NULL, 10);
      if (stmt->table != NULL)
        {
          g_free (db->inserted_table);
          db->inserted_table = g_strdup (stmt->table);
        }
      stmt->n_rows = 0;
      return CRM_STEP_DONE;

    case PGRES_TUPLES_OK:
      /* INSERT … RETURNING, UPDATE … RETURNING: rows, and changes */
      db->n_changed = g_ascii_strtoll (PQcmdTuples (stmt->result), NULL, 10);
      stmt->n_rows = PQntuples (stmt->result);
      stmt->row = 0;
      return stmt->n_rows > 0 ? CRM_STEP_ROW : CRM_STEP_DONE;

    default:
      keep_error (db, stmt->result);
      g_clear_pointer (&stmt->result, PQclear);
      return CRM_STEP_ERROR;
    }
}

static CrmStep
stmt_step (CrmStatement *self)
{
  PgStatement *stmt = PG (self);
  CrmPgDatabase *db = stmt->db;

  if (stmt->result != NULL)
    return ++stmt->row < stmt->n_rows ? CRM_STEP_ROW : CRM_STEP_DONE;

  _crm_database_check_thread (stmt->sql);
  if (!stmt->each_run && stmt->name == NULL && !prepare_on_server (stmt))
    return CRM_STEP_ERROR;

  {
    /* timed only when asked (CRM_DEBUG=slow-statements) */
    gint64 start = _crm_database_debug_flags () & CRM_DEBUG_SLOW_STATEMENTS ? g_get_monotonic_time () : 0;

    if (stmt->each_run)
      stmt->result = PQexecParams (db->conn, stmt->sql, stmt->n_params, stmt->types,
                                   (const char * const *) stmt->values, stmt->lengths, stmt->formats, 0);
    else
      stmt->result = PQexecPrepared (db->conn, stmt->name, stmt->n_params, (const char * const *) stmt->values,
                                     stmt->lengths, stmt->formats, 0);
    if (start != 0)
      _crm_database_check_time (stmt->sql, g_get_monotonic_time () - start);
  }

  return take_result (stmt);
}

/* The statement goes to the server, which makes it whatever becomes of
 * this process; its answer is read by stmt_finish(). */
static gboolean
stmt_send (CrmStatement *self)
{
  PgStatement *stmt = PG (self);
  CrmPgDatabase *db = stmt->db;

  g_clear_pointer (&stmt->result, PQclear);
  stmt->sent = FALSE;
  _crm_database_check_thread (stmt->sql);
  if (!stmt->each_run && stmt->name == NULL && !prepare_on_server (stmt))
    return FALSE;
  if (!(stmt->each_run ? PQsendQueryParams (db->conn, stmt->sql, stmt->n_params, stmt->types,
                                            (const char * const *) stmt->values, stmt->lengths, stmt->formats, 0)
                       : PQsendQueryPrepared (db->conn, stmt->name, stmt->n_params,
                                              (const char * const *) stmt->values, stmt->lengths, stmt->formats, 0)) ||
      PQflush (db->conn) != 0)
    {
      keep_error (db, NULL);
      return FALSE;
    }
  stmt->sent = TRUE;

  return TRUE;
}

static CrmStep
stmt_finish (CrmStatement *self)
{
  PgStatement *stmt = PG (self);
  PGresult *result;

  if (!stmt->sent)
    return CRM_STEP_ERROR;
  stmt->sent = FALSE;
  /* the last of its results, then the end (NULL) */
  while ((result = PQgetResult (stmt->db->conn)) != NULL)
    {
      g_clear_pointer (&stmt->result, PQclear);
      stmt->result = result;
    }
  if (stmt->result == NULL)
    {
      keep_error (stmt->db, NULL);
      return CRM_STEP_ERROR;
    }

  return take_result (stmt);
}

static const char *
value_of (CrmStatement *self,
          int           column)
{
  PgStatement *stmt = PG (self);

  if (stmt->result == NULL || stmt->row < 0 || stmt->row >= stmt->n_rows || column >= PQnfields (stmt->result) ||
      PQgetisnull (stmt->result, stmt->row, column))
    return NULL;

  return PQgetvalue (stmt->result, stmt->row, column);
}

static gint64
stmt_get_int64 (CrmStatement *self, int column)
{
  const char *value = value_of (self, column);

  if (value == NULL)
    return 0;
  /* a boolean (EXISTS, a comparison) as SQLite gives it */
  if (value[0] == 't' && value[1] == '\0')
    return 1;
  if (value[0] == 'f' && value[1] == '\0')
    return 0;

  return g_ascii_strtoll (value, NULL, 10);
}

static double
stmt_get_double (CrmStatement *self, int column)
{
  const char *value = value_of (self, column);

  return value != NULL ? g_ascii_strtod (value, NULL) : 0;
}

static const char *
stmt_get_text (CrmStatement *self, int column)
{
  return value_of (self, column);
}

static gconstpointer
stmt_get_blob (CrmStatement *self, int column, gsize *length)
{
  PgStatement *stmt = PG (self);
  const char *value = value_of (self, column);
  GBytes *bytes;

  if (length != NULL)
    *length = 0;
  if (value == NULL)
    return NULL;

  /* bytea comes as text ("\x…"): unescaped once per row and column */
  if (stmt->blobs == NULL)
    stmt->blobs = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_bytes_unref);
  bytes = g_hash_table_lookup (stmt->blobs, GINT_TO_POINTER (column + 1 + stmt->row * 1024));
  if (bytes == NULL)
    {
      size_t size = 0;
      unsigned char *data = PQunescapeBytea ((const unsigned char *) value, &size);

      bytes = g_bytes_new (data, size);
      PQfreemem (data);
      g_hash_table_insert (stmt->blobs, GINT_TO_POINTER (column + 1 + stmt->row * 1024), bytes);
    }

  return g_bytes_get_data (bytes, length);
}

static gboolean
stmt_is_null (CrmStatement *self, int column)
{
  return value_of (self, column) == NULL;
}

static const CrmStatementClass statement_class = {
  stmt_bind_int64, stmt_bind_double, stmt_bind_text, stmt_bind_blob, stmt_bind_null,
  stmt_step, stmt_reset, stmt_release,
  stmt_get_int64, stmt_get_double, stmt_get_text, stmt_get_blob, stmt_is_null,
  stmt_send, stmt_finish,
};

static void
statement_free (gpointer data)
{
  PgStatement *stmt = data;

  stmt_release (&stmt->parent);
  /* the server forgets its prepared statements with the connection */
  g_free (stmt->types);
  g_free (stmt->values);
  g_free (stmt->lengths);
  g_free (stmt->formats);
  g_free (stmt->sql);
  g_free (stmt->name);
  g_free (stmt->table);
  g_free (stmt);
}

/* the connection */

gboolean
_crm_pg_database_exec (CrmPgDatabase  *self,
          const char     *sql,
          GError        **error)
{
  PGresult *result;
  ExecStatusType status;
  gboolean ok;

  _crm_database_check_thread (sql);
  result = PQexec (self->conn, sql);
  status = PQresultStatus (result);
  ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;

  if (!ok)
    {
      keep_error (self, result);
      crm_pg_database_set_error (CRM_DATABASE (self), error);
    }
  else
    self->n_changed = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  PQclear (result);

  return ok;
}

static CrmStatement *
crm_pg_database_prepare (CrmDatabase  *database,
                         const char   *sql,
                         GError      **error)
{
  CrmPgDatabase *self = CRM_PG_DATABASE (database);
  PgStatement *stmt;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return &stmt->parent;

  stmt = g_new0 (PgStatement, 1);
  stmt->parent.klass = &statement_class;
  stmt->db = self;
  {
    g_autoptr(GArray) named = NULL;

    stmt->sql = _crm_pg_translate_parameters_full (sql, &stmt->n_params, &named);
    stmt->types = g_new0 (Oid, MAX (stmt->n_params, 1));
    for (int i = 0; i < stmt->n_params; i++)
      if (!g_array_index (named, gboolean, i))
        stmt->types[i] = 25;   /* text */
  }
  stmt->table = inserted_table (sql);
  /* A full-text search costs what its words cost: a plan made once for
   * any value cannot know whether a word is in half the mail (walk the
   * newest rows, check each) or in ten messages (ask the GIN index),
   * and would make the search's query again for every row it checks
   * (crm_search_query (), 0001), where a plan for the words at hand
   * makes it once. */
  stmt->each_run = strstr (sql, "crm_search_query (") != NULL;
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  stmt->lengths = g_new0 (int, MAX (stmt->n_params, 1));
  stmt->formats = g_new0 (int, MAX (stmt->n_params, 1));
  stmt->row = -1;
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);

  return &stmt->parent;
}

static gboolean
crm_pg_database_exec (CrmDatabase  *database,
                      const char   *sql,
                      GError      **error)
{
  return _crm_pg_database_exec (CRM_PG_DATABASE (database), sql, error);
}

static gboolean
crm_pg_database_is_unique_violation (CrmDatabase *database)
{
  return g_strcmp0 (CRM_PG_DATABASE (database)->error_state, "23505") == 0;
}

/* The id the last INSERT made: its table's identity, as this session
 * last took it (the journal's trigger takes another sequence, so
 * lastval () would say the journal's). */
static gint64
crm_pg_database_last_insert_id (CrmDatabase *database)
{
  CrmPgDatabase *self = CRM_PG_DATABASE (database);
  const char *params[1];
  PGresult *result;
  gint64 id = 0;

  if (self->inserted_table == NULL)
    return 0;
  params[0] = self->inserted_table;
  result = PQexecParams (self->conn,
                         "SELECT CASE WHEN pg_get_serial_sequence ($1, 'id') IS NULL THEN NULL "
                         "ELSE currval (pg_get_serial_sequence ($1, 'id')) END",
                         1, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1 && !PQgetisnull (result, 0, 0))
    id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);

  return id;
}

static gint64
crm_pg_database_count_changes (CrmDatabase *database)
{
  return CRM_PG_DATABASE (database)->n_changed;
}

static gboolean
crm_pg_database_in_transaction (CrmDatabase *database)
{
  return PQtransactionStatus (CRM_PG_DATABASE (database)->conn) != PQTRANS_IDLE;
}

static void
crm_pg_database_interrupt (CrmDatabase *database)
{
  CrmPgDatabase *self = CRM_PG_DATABASE (database);
  char message[256];

  g_mutex_lock (&self->cancel_lock);
  if (self->cancel != NULL)
    PQcancel (self->cancel, message, sizeof message);
  g_mutex_unlock (&self->cancel_lock);
}

static CrmDialect
crm_pg_database_get_dialect (CrmDatabase *database)
{
  return CRM_DIALECT_POSTGRESQL;
}

static const char *
crm_pg_database_get_name (CrmDatabase *database)
{
  return CRM_PG_DATABASE (database)->name;
}

static int
crm_pg_database_get_schema_version (CrmDatabase *database)
{
  return CRM_PG_DATABASE (database)->schema_version;
}

/* The server keeps its own cache: nothing to grow per connection. */
static gint64
crm_pg_database_grow_cache (CrmDatabase *database,
                            gint64       kib)
{
  return 0;
}

static void
crm_pg_database_restore_cache (CrmDatabase *database,
                               gint64       previous)
{
}

static void
notice_cb (void       *data,
           const char *message)
{
  g_debug ("server: %s", message);
}

/* Whether @uri names a server on this computer (a socket, or a
 * loopback address) and says nothing of TLS, nor does $PGSSLMODE. */
static gboolean
is_plain_loopback (const char *uri)
{
  PQconninfoOption *options = PQconninfoParse (uri, NULL);
  const char *host = NULL;
  const char *address = NULL;
  gboolean said = FALSE;
  gboolean loopback;

  if (options == NULL)
    return FALSE;
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (option->val == NULL)
        continue;
      if (g_str_equal (option->keyword, "host"))
        host = option->val;
      else if (g_str_equal (option->keyword, "hostaddr"))
        address = option->val;
      else if (g_str_equal (option->keyword, "sslmode") || g_str_equal (option->keyword, "requiressl"))
        said = TRUE;
    }
  /* the address is where libpq goes when both are given */
  if (address != NULL)
    host = address;
  loopback = !said && g_getenv ("PGSSLMODE") == NULL &&
             (host == NULL ? g_getenv ("PGHOST") == NULL
                           : (host[0] == '/' || g_str_equal (host, "localhost") || g_str_equal (host, "127.0.0.1") ||
                              g_str_equal (host, "::1")));
  PQconninfoFree (options);

  return loopback;
}

gboolean
_crm_pg_database_connect (CrmPgDatabase  *self,
                   gboolean        read_only,
                   GError        **error)
{
  const char *keywords[7];
  const char *values[7];
  g_autofree char *where = NULL;
  /* which desktop this is, for `crmctl db status` */
  g_autofree char *application = g_strdup_printf ("crm %s %d", g_get_host_name (), (int) getpid ());
  PGresult *result;
  int n = 0;

  /* no TLS to this computer's own server unless the URI asks for it
   * (before the URI, which overrides it): it would hide the traffic
   * from nobody, and costs each connection a handshake */
  if (is_plain_loopback (self->uri))
    {
      keywords[n] = "sslmode";
      values[n++] = "disable";
    }
  keywords[n] = "dbname";
  values[n++] = self->uri;
  /* the password from the Secret Service, never in the URI */
  if (self->password != NULL)
    {
      keywords[n] = "password";
      values[n++] = self->password;
    }
  keywords[n] = "application_name";
  values[n++] = application;
  keywords[n] = "connect_timeout";
  values[n++] = "10";
  keywords[n] = NULL;
  values[n] = NULL;

  self->conn = PQconnectdbParams (keywords, values, 1);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *reason = g_strstrip (g_strdup (PQerrorMessage (self->conn)));

      g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_OPEN,
                   _("Could not connect to the office’s database: %s"), reason);
      return FALSE;
    }
  PQsetNoticeProcessor (self->conn, notice_cb, NULL);
  self->pid = PQbackendPID (self->conn);
  /* a connection made again (the follower's) replaces its cancel */
  g_mutex_lock (&self->cancel_lock);
  g_clear_pointer (&self->cancel, PQfreeCancel);
  self->cancel = PQgetCancel (self->conn);
  g_mutex_unlock (&self->cancel_lock);
  where = g_strdup_printf ("%s@%s:%s/%s", PQuser (self->conn), PQhost (self->conn), PQport (self->conn),
                           PQdb (self->conn));
  g_free (self->name);
  self->name = g_steal_pointer (&where);

  /* no JIT: a desktop's statements read a screenful, and compiling a
   * plan whose guessed cost passes jit_above_cost takes longer than
   * running it */
  result = PQexec (self->conn,
                   read_only
                   ? "SET client_encoding = 'UTF8'; SET default_transaction_read_only = on; SET TIME ZONE 'UTC'; "
                     "SET jit = off"
                   : "SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET jit = off");
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_OPEN,
                   _("Could not connect to the office’s database: %s"), PQerrorMessage (self->conn));
      PQclear (result);
      return FALSE;
    }
  PQclear (result);

  return TRUE;
}

static CrmPgDatabase *
connection_like (CrmPgDatabase  *primary,
                 gboolean        read_only,
                 GError        **error)
{
  g_autoptr(CrmPgDatabase) self = g_object_new (CRM_TYPE_PG_DATABASE, NULL);

  self->uri = g_strdup (primary->uri);
  self->password = g_strdup (primary->password);
  self->schema_version = primary->schema_version;
  self->login_user_id = primary->login_user_id;
  if (!_crm_pg_database_connect (self, read_only, error))
    return NULL;

  return g_steal_pointer (&self);
}

static CrmDatabase *
crm_pg_database_open_reader (CrmDatabase  *database,
                             GError      **error)
{
  return CRM_DATABASE (connection_like (CRM_PG_DATABASE (database), TRUE, error));
}

static CrmDatabase *
crm_pg_database_open_writer (CrmDatabase  *database,
                             GError      **error)
{
  CrmPgDatabase *primary = CRM_PG_DATABASE (database);
  CrmPgDatabase *self = connection_like (primary, FALSE, error);

  if (self == NULL)
    return NULL;
  if (primary->writers == NULL)
    primary->writers = _crm_pg_writers_new ();
  g_mutex_lock (&primary->writers->lock);
  g_array_append_val (primary->writers->pids, self->pid);
  g_mutex_unlock (&primary->writers->lock);
  self->primary_writers = _crm_pg_writers_ref (primary->writers);

  return CRM_DATABASE (self);
}

static CrmDatabase *
crm_pg_database_open_another (CrmDatabase  *database,
                              GError      **error)
{
  return CRM_DATABASE (connection_like (CRM_PG_DATABASE (database), FALSE, error));
}

/* migrations */

static gboolean
migrate (CrmPgDatabase  *self,
         const char     *resource_dir,
         GError        **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *lock = NULL;
  PGresult *result;
  int current = 0;

  if (!(names = crm_database_list_migrations (resource_dir, error)))
    return FALSE;

  /* up to date already (the usual case, and the only one a member's
   * role may meet: it makes no tables) */
  result = PQexec (self->conn, "SELECT version FROM crm_schema WHERE to_regclass ('crm_schema') IS NOT NULL");
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1 &&
      atoi (PQgetvalue (result, 0, 0)) == (int) names->len)
    {
      PQclear (result);
      self->schema_version = names->len;
      return TRUE;
    }
  PQclear (result);

  /* one desktop migrates at a time; the others then find it done */
  lock = g_strdup_printf ("BEGIN; SELECT pg_advisory_xact_lock (%d); "
                          "CREATE TABLE IF NOT EXISTS crm_schema (version integer NOT NULL); "
                          "INSERT INTO crm_schema (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM crm_schema)",
                          MIGRATION_LOCK_KEY);
  if (!_crm_pg_database_exec (self, lock, error))
    {
      _crm_pg_database_exec (self, "ROLLBACK", NULL);
      return FALSE;
    }
  result = PQexec (self->conn, "SELECT version FROM crm_schema");
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    current = atoi (PQgetvalue (result, 0, 0));
  PQclear (result);

  if (!_crm_database_apply_migrations (CRM_DATABASE (self), resource_dir, names, current,
                                       "UPDATE crm_schema SET version = ", error))
    return FALSE;

  self->schema_version = names->len;

  return TRUE;
}

static gboolean
crm_pg_database_announce (CrmDatabase  *database,
                          const char   *message,
                          GError      **error)
{
  CrmPgDatabase *self = CRM_PG_DATABASE (database);
  const char *params[1] = { message };
  PGresult *result = PQexecParams (self->conn, "SELECT pg_notify ('crm_presence', $1)", 1, NULL, params, NULL, NULL, 0);
  gboolean ok = PQresultStatus (result) == PGRES_TUPLES_OK;

  if (!ok)
    {
      keep_error (self, result);
      crm_pg_database_set_error (database, error);
    }
  PQclear (result);

  return ok;
}

static void
stop_following (CrmPgDatabase *self)
{
  g_clear_pointer (&self->follower, _crm_pg_follower_stop);
}

static void
crm_pg_database_follow_changes (CrmDatabase *database,
                                guint        interval_ms)
{
  CrmPgDatabase *self = CRM_PG_DATABASE (database);
  PGresult *result;
  gint64 last_change = 0;

  stop_following (self);
  if (interval_ms == 0)
    return;

  /* where the lists about to be read stand: what comes after is told,
   * however long the follower's connection takes */
  result = PQexec (self->conn, "SELECT coalesce (max (seq), 0) FROM changes");
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    last_change = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);

  if (self->writers == NULL)
    self->writers = _crm_pg_writers_new ();
  self->follower = _crm_pg_follower_start (self, last_change);
}

/* the object */

static void
crm_pg_database_finalize (GObject *object)
{
  CrmPgDatabase *self = (CrmPgDatabase *)object;

  stop_following (self);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->writers, _crm_pg_writers_unref);
  /* a server process of that number later is another desktop's */
  if (self->primary_writers != NULL)
    {
      g_mutex_lock (&self->primary_writers->lock);
      for (guint i = 0; i < self->primary_writers->pids->len; i++)
        if (g_array_index (self->primary_writers->pids, int, i) == self->pid)
          {
            g_array_remove_index_fast (self->primary_writers->pids, i);
            break;
          }
      g_mutex_unlock (&self->primary_writers->lock);
      g_clear_pointer (&self->primary_writers, _crm_pg_writers_unref);
    }
  g_mutex_lock (&self->cancel_lock);
  g_clear_pointer (&self->cancel, PQfreeCancel);
  g_mutex_unlock (&self->cancel_lock);
  g_mutex_clear (&self->cancel_lock);
  g_clear_pointer (&self->conn, PQfinish);
  g_free (self->uri);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->name);
  g_free (self->error_state);
  g_free (self->error_message);
  g_free (self->inserted_table);

  G_OBJECT_CLASS (crm_pg_database_parent_class)->finalize (object);
}

static void
crm_pg_database_class_init (CrmPgDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_pg_database_finalize;
}

static void
crm_pg_database_iface_init (CrmDatabaseInterface *iface)
{
  iface->prepare = crm_pg_database_prepare;
  iface->exec = crm_pg_database_exec;
  iface->set_error = crm_pg_database_set_error;
  iface->is_unique_violation = crm_pg_database_is_unique_violation;
  iface->last_insert_id = crm_pg_database_last_insert_id;
  iface->count_changes = crm_pg_database_count_changes;
  iface->in_transaction = crm_pg_database_in_transaction;
  iface->interrupt = crm_pg_database_interrupt;
  iface->open_reader = crm_pg_database_open_reader;
  iface->open_writer = crm_pg_database_open_writer;
  iface->follow_changes = crm_pg_database_follow_changes;
  iface->get_dialect = crm_pg_database_get_dialect;
  iface->get_name = crm_pg_database_get_name;
  iface->get_schema_version = crm_pg_database_get_schema_version;
  iface->grow_cache = crm_pg_database_grow_cache;
  iface->restore_cache = crm_pg_database_restore_cache;
  iface->announce = crm_pg_database_announce;
  iface->open_another = crm_pg_database_open_another;
}

static void
crm_pg_database_init (CrmPgDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, statement_free);
  g_mutex_init (&self->cancel_lock);
}

/**
 * crm_pg_database_is_uri:
 * @location: where a database is
 *
 * Returns: whether @location names a PostgreSQL server (a libpq URI)
 */
gboolean
crm_pg_database_is_uri (const char *location)
{
  return location != NULL &&
         (g_str_has_prefix (location, "postgresql://") || g_str_has_prefix (location, "postgres://"));
}

/**
 * crm_pg_database_open:
 * @uri: a libpq connection URI (postgresql://user@host:port/database)
 * @password: (nullable): the user's password, from the Secret Service;
 *   never part of @uri
 * @resource_dir: (nullable): where the migrations are, or %NULL for the core's
 * @error: return location for a #GError
 *
 * Connects to the office's server and brings the schema up to date.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
CrmDatabase *
crm_pg_database_open (const char  *uri,
                      const char  *password,
                      const char  *resource_dir,
                      GError     **error)
{
  g_autoptr(CrmPgDatabase) self = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (CRM_TYPE_PG_DATABASE, NULL);
  self->uri = g_strdup (uri);
  self->password = g_strdup (password);
  if (!_crm_pg_database_connect (self, FALSE, error))
    return NULL;
  if (!migrate (self, resource_dir ? resource_dir : MIGRATIONS_DIR, error))
    return NULL;

  /* who logged in, when the login is a user's (migration 0020) */
  {
    PGresult *result = PQexec (self->conn, "SELECT crm_current_user_id ()");

    if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1 && !PQgetisnull (result, 0, 0))
      self->login_user_id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
    PQclear (result);
  }

  return CRM_DATABASE (g_steal_pointer (&self));
}

/**
 * crm_pg_database_get_backend_pid:
 * @self: a #CrmPgDatabase
 *
 * Returns: the server process of this connection
 */
int
crm_pg_database_get_backend_pid (CrmPgDatabase *self)
{
  g_return_val_if_fail (CRM_IS_PG_DATABASE (self), 0);

  return self->pid;
}

/**
 * crm_pg_database_list_desktops:
 * @self: a #CrmPgDatabase
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the desktops and `crmctl` processes
 *   connected to this database now ("crm HOST PID"), or %NULL with
 *   @error set
 */
GStrv
crm_pg_database_list_desktops (CrmPgDatabase  *self,
                               GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  PGresult *result;

  g_return_val_if_fail (CRM_IS_PG_DATABASE (self), NULL);

  result = PQexec (self->conn,
                   "SELECT DISTINCT application_name FROM pg_stat_activity "
                   "WHERE datname = current_database () AND application_name LIKE 'crm %' ORDER BY 1");
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      keep_error (self, result);
      PQclear (result);
      crm_pg_database_set_error (CRM_DATABASE (self), error);
      return NULL;
    }
  for (int row = 0; row < PQntuples (result); row++)
    g_strv_builder_add (builder, PQgetvalue (result, row, 0) + strlen ("crm "));
  PQclear (result);

  return g_strv_builder_end (builder);
}

PGconn *
_crm_pg_database_get_conn (CrmPgDatabase *self)
{
  return self->conn;
}

static gboolean
valid_login (const char *login)
{
  if (login == NULL || !(g_ascii_islower (login[0]) || login[0] == '_') || strlen (login) > 63)
    return FALSE;
  for (const char *p = login; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_' && *p != '.' && *p != '-')
      return FALSE;

  return TRUE;
}

/**
 * crm_pg_database_set_login:
 * @self: a #CrmPgDatabase, in a transaction
 * @login: the server's role the user connects as
 * @password: (nullable): their password, or %NULL to keep it
 * @admin: whether they are an administrator of the office
 * @error: return location for a #GError
 *
 * Makes @login a login of this office's database: a member of its
 * group role (crm_<database>_member), and of its administrators'
 * (crm_<database>_admin) when @admin, created if the server has no such
 * role; an administrator's may make roles (CREATEROLE), to give
 * colleagues theirs. The password leaves this process only as the
 * server's SCRAM verifier. Needs CREATEROLE, as only an
 * administrator's role has.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_pg_database_set_login (CrmPgDatabase  *self,
                           const char     *login,
                           const char     *password,
                           gboolean        admin,
                           GError        **error)
{
  g_autofree char *verifier = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *sql = NULL;
  char *encrypted = NULL;
  char *escaped;
  PGresult *result;
  gboolean exists;

  g_return_val_if_fail (CRM_IS_PG_DATABASE (self), FALSE);

  if (!valid_login (login))
    {
      g_set_error (error, CRM_ERROR, CRM_ERROR_INVALID,
                   _("“%s” cannot be a login: use small letters, digits, “_”, “.” or “-”, starting with a letter."),
                   login ? login : "");
      return FALSE;
    }

  escaped = PQescapeIdentifier (self->conn, login, strlen (login));
  quoted = g_strdup (escaped);
  PQfreemem (escaped);
  if (password != NULL)
    {
      encrypted = PQencryptPasswordConn (self->conn, password, login, NULL);
      if (encrypted == NULL)
        {
          keep_error (self, NULL);
          crm_pg_database_set_error (CRM_DATABASE (self), error);
          return FALSE;
        }
      escaped = PQescapeLiteral (self->conn, encrypted, strlen (encrypted));
      verifier = g_strdup_printf (" PASSWORD %s", escaped);
      PQfreemem (escaped);
      PQfreemem (encrypted);
    }

  {
    const char *params[1] = { login };

    result = PQexecParams (self->conn, "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", 1, NULL, params,
                           NULL, NULL, 0);
    exists = PQresultStatus (result) == PGRES_TUPLES_OK && g_str_equal (PQgetvalue (result, 0, 0), "t");
    PQclear (result);
  }

  escaped = PQescapeLiteral (self->conn, login, strlen (login));
  /* an administrator gives colleagues their logins: CREATEROLE */
  sql = g_strdup_printf ("%s ROLE %s LOGIN %s%s; "
                         "DO $$ BEGIN "
                         "EXECUTE format ('GRANT %%I TO %%I', crm_member_role (), %s); "
                         "EXECUTE format ('%s %%I %s %%I', crm_admin_role (), %s); "
                         "END $$",
                         exists ? "ALTER" : "CREATE", quoted, admin ? "CREATEROLE" : "NOCREATEROLE",
                         verifier != NULL ? verifier : "",
                         escaped, admin ? "GRANT" : "REVOKE", admin ? "TO" : "FROM", escaped);
  PQfreemem (escaped);

  return _crm_pg_database_exec (self, sql, error);
}

/**
 * crm_pg_database_disable_login:
 * @self: a #CrmPgDatabase
 * @login: a login of this office's database
 * @error: return location for a #GError
 *
 * The role may no longer connect (a deactivated user); it stays, with
 * what it did.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_pg_database_disable_login (CrmPgDatabase  *self,
                               const char     *login,
                               GError        **error)
{
  g_autofree char *sql = NULL;
  char *escaped;

  g_return_val_if_fail (CRM_IS_PG_DATABASE (self), FALSE);
  g_return_val_if_fail (login != NULL, FALSE);

  escaped = PQescapeIdentifier (self->conn, login, strlen (login));
  sql = g_strdup_printf ("ALTER ROLE %s NOLOGIN", escaped);
  PQfreemem (escaped);

  return _crm_pg_database_exec (self, sql, error);
}

/**
 * crm_pg_database_get_login_user_id:
 * @self: a #CrmPgDatabase
 *
 * Returns: the user whose login this connection is, or 0 (a login of
 *   no user's: the server's administrator, say)
 */
gint64
crm_pg_database_get_login_user_id (CrmPgDatabase *self)
{
  g_return_val_if_fail (CRM_IS_PG_DATABASE (self), 0);

  return self->login_user_id;
}

/**
 * crm_pg_database_try_lock:
 * @self: a #CrmPgDatabase, a connection kept for holding the lock
 * @key: which of the office's locks ("CRM3": the mail engine's)
 * @got: (out): whether this connection holds it now
 * @error: return location for a #GError
 *
 * Takes one of the office's locks for as long as this connection
 * lives, if nobody holds it (pg_try_advisory_lock): a process that
 * dies, on whatever computer, loses its connection and with it the
 * lock, so that another can take it at once.
 *
 * Returns: %TRUE when asked (*@got says whether it was taken)
 */
gboolean
crm_pg_database_try_lock (CrmPgDatabase  *self,
                          gint64          key,
                          gboolean       *got,
                          GError        **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT pg_try_advisory_lock (%" G_GINT64_FORMAT ")", key);
  PGresult *result;

  g_return_val_if_fail (CRM_IS_PG_DATABASE (self), FALSE);

  *got = FALSE;
  result = PQexec (self->conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      keep_error (self, result);
      PQclear (result);
      crm_pg_database_set_error (CRM_DATABASE (self), error);
      return FALSE;
    }
  *got = g_str_equal (PQgetvalue (result, 0, 0), "t");
  PQclear (result);

  return TRUE;
}
