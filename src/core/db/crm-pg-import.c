/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-database"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "crm-database-private.h"
#include "crm-error.h"
#include "crm-pg-database-private.h"

/* Moving a one-desk office into the team's server (`crmctl db migrate
 * --from-sqlite FILE`): every table the server's schema has and the
 * file has too, all in one transaction, or nothing.
 *
 * The tables are read from the server's own catalogue and copied in
 * the order their foreign keys ask (a table after those it refers to;
 * a reference to its own table is checked at the end of its COPY), with
 * COPY, the server's bulk path. The file's full-text tables are read
 * through SQLite's FTS5 like any table (rowid and columns). The
 * journal's and the schema's own triggers do not run meanwhile: the
 * rows come as they were, their history with them, and the journal of
 * changes starts empty; what the schema's triggers derive from them is
 * derived once at the end (crm_after_import (), 0027). Identities go
 * on after the highest id copied. */

typedef struct
{
  char      *name;
  GPtrArray *columns;   /* char * */
  GPtrArray *types;     /* char *: the server's type of each */
  GPtrArray *depends;   /* char *: tables it refers to */
  gboolean   placed;
} Table;

static void
table_free (gpointer data)
{
  Table *table = data;

  g_free (table->name);
  g_ptr_array_unref (table->columns);
  g_ptr_array_unref (table->types);
  g_ptr_array_unref (table->depends);
  g_free (table);
}

static PGresult *
query (PGconn      *conn,
       const char  *sql,
       GError     **error)
{
  PGresult *result = PQexec (conn, sql);

  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL, _("Database error: %s"),
                   PQresultErrorMessage (result));
      PQclear (result);
      return NULL;
    }

  return result;
}

/* The server's tables to fill, with their columns and references, in
 * an order that puts each after those it refers to. */
static GPtrArray *
list_tables (PGconn  *conn,
             GError **error)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (table_free);
  GPtrArray *ordered = g_ptr_array_new_with_free_func (table_free);
  PGresult *result;
  gboolean progress = TRUE;

  if (!(result = query (conn,
                        "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c "
                        "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
                        "AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE' "
                        "WHERE c.table_schema = current_schema () AND c.table_name NOT IN ('crm_schema', 'changes') "
                        "AND c.is_generated = 'NEVER' "
                        "AND (c.is_identity = 'NO' OR c.identity_generation = 'BY DEFAULT') "
                        "ORDER BY c.table_name, c.ordinal_position",
                        error)))
    return NULL;
  for (int row = 0; row < PQntuples (result); row++)
    {
      const char *name = PQgetvalue (result, row, 0);
      Table *table = g_hash_table_lookup (by_name, name);

      if (table == NULL)
        {
          table = g_new0 (Table, 1);
          table->name = g_strdup (name);
          table->columns = g_ptr_array_new_with_free_func (g_free);
          table->types = g_ptr_array_new_with_free_func (g_free);
          table->depends = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (tables, table);
          g_hash_table_insert (by_name, table->name, table);
        }
      g_ptr_array_add (table->columns, g_strdup (PQgetvalue (result, row, 1)));
      g_ptr_array_add (table->types, g_strdup (PQgetvalue (result, row, 2)));
    }
  PQclear (result);

  if (!(result = query (conn,
                        "SELECT DISTINCT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c "
                        "JOIN pg_namespace n ON n.oid = c.connamespace "
                        "WHERE c.contype = 'f' AND n.nspname = current_schema () AND c.conrelid <> c.confrelid",
                        error)))
    {
      g_ptr_array_unref (ordered);
      return NULL;
    }
  for (int row = 0; row < PQntuples (result); row++)
    {
      Table *table = g_hash_table_lookup (by_name, PQgetvalue (result, row, 0));

      if (table != NULL)
        g_ptr_array_add (table->depends, g_strdup (PQgetvalue (result, row, 1)));
    }
  PQclear (result);

  while (progress && tables->len > 0)
    {
      progress = FALSE;
      for (guint i = 0; i < tables->len; i++)
        {
          Table *table = g_ptr_array_index (tables, i);
          gboolean ready = !table->placed;

          for (guint d = 0; ready && d < table->depends->len; d++)
            {
              Table *parent = g_hash_table_lookup (by_name, g_ptr_array_index (table->depends, d));

              ready = parent == NULL || parent->placed;
            }
          if (!ready)
            continue;
          table->placed = TRUE;
          progress = TRUE;
        }
      /* move the placed ones, in the order they were placed */
      for (guint i = 0; i < tables->len;)
        {
          Table *table = g_ptr_array_index (tables, i);

          if (table->placed)
            g_ptr_array_add (ordered, g_ptr_array_steal_index (tables, i));
          else
            i++;
        }
    }
  if (tables->len > 0)
    {
      g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_MIGRATION,
                   _("The tables of the office’s database refer to each other in a circle (%s): "
                     "they cannot be filled one after the other."),
                   ((Table *) g_ptr_array_index (tables, 0))->name);
      g_ptr_array_unref (ordered);
      return NULL;
    }

  return ordered;
}

/* COPY's text format: \N for NULL; backslash, tab, newline and return
 * escaped; bytes as \\x and their hex. */
static void
append_field (GString       *line,
              CrmStatement  *stmt,
              int            column,
              gboolean       bytes)
{
  if (crm_statement_is_null (stmt, column))
    {
      g_string_append (line, "\\N");
      return;
    }
  if (bytes)
    {
      gsize length = 0;
      const guint8 *data = crm_statement_get_blob (stmt, column, &length);

      g_string_append (line, "\\\\x");
      for (gsize i = 0; i < length; i++)
        g_string_append_printf (line, "%02x", data[i]);
      return;
    }
  for (const char *p = crm_statement_get_text (stmt, column); p != NULL && *p != '\0'; p++)
    switch (*p)
      {
      case '\\':
        g_string_append (line, "\\\\");
        break;
      case '\t':
        g_string_append (line, "\\t");
        break;
      case '\n':
        g_string_append (line, "\\n");
        break;
      case '\r':
        g_string_append (line, "\\r");
        break;
      default:
        g_string_append_c (line, *p);
      }
}

/* The columns of @name the file has: its rowid counts as a column. */
static GHashTable *
source_columns (CrmDatabase *source,
                const char  *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info ('%s')", name);
  g_autoptr(CrmStatement) stmt = crm_database_prepare (source, g_intern_string (sql), NULL);
  GHashTable *columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while (stmt != NULL && crm_statement_step (stmt) == CRM_STEP_ROW)
    g_hash_table_add (columns, g_strdup (crm_statement_get_text (stmt, 0)));
  if (g_hash_table_size (columns) > 0)
    g_hash_table_add (columns, g_strdup ("rowid"));

  return columns;
}

static gboolean
copy_table (PGconn       *conn,
            CrmDatabase  *source,
            Table        *table,
            gint64       *n_rows,
            GError      **error)
{
  g_autoptr(GHashTable) has = source_columns (source, table->name);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GString) line = g_string_sized_new (4096);
  g_autoptr(GArray) bytes = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *select = NULL;
  g_autofree char *copy = NULL;
  PGresult *result;
  CrmStep step;

  *n_rows = 0;
  /* a table the file does not have (a newer module's) stays empty */
  if (g_hash_table_size (has) == 0)
    return TRUE;

  for (guint i = 0; i < table->columns->len; i++)
    {
      const char *column = g_ptr_array_index (table->columns, i);
      gboolean is_bytes = g_strcmp0 (g_ptr_array_index (table->types, i), "bytea") == 0;

      if (!g_hash_table_contains (has, column))
        continue;
      g_string_append_printf (names, "%s\"%s\"", names->len > 0 ? ", " : "", column);
      g_array_append_val (bytes, is_bytes);
    }
  if (names->len == 0)
    return TRUE;

  select = g_strdup_printf ("SELECT %s FROM \"%s\"", names->str, table->name);
  stmt = crm_database_prepare (source, g_intern_string (select), error);
  if (stmt == NULL)
    return FALSE;

  copy = g_strdup_printf ("COPY \"%s\" (%s) FROM STDIN", table->name, names->str);
  result = PQexec (conn, copy);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL, _("Database error: %s"),
                   PQresultErrorMessage (result));
      PQclear (result);
      return FALSE;
    }
  PQclear (result);

  while ((step = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      g_string_truncate (line, 0);
      for (guint i = 0; i < bytes->len; i++)
        {
          if (i > 0)
            g_string_append_c (line, '\t');
          append_field (line, stmt, i, g_array_index (bytes, gboolean, i));
        }
      g_string_append_c (line, '\n');
      if (PQputCopyData (conn, line->str, (int) line->len) != 1)
        break;
      (*n_rows)++;
    }

  if (step == CRM_STEP_ERROR)
    {
      crm_database_set_error (source, error);
      PQputCopyEnd (conn, "the file could not be read");
    }
  else
    PQputCopyEnd (conn, NULL);
  while ((result = PQgetResult (conn)) != NULL)
    {
      if (step != CRM_STEP_ERROR && PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL,
                       /* Translators: the first %s is a table, the second the server's reason */
                       _("Copying “%s” failed: %s"), table->name, PQresultErrorMessage (result));
          step = CRM_STEP_ERROR;
        }
      PQclear (result);
    }

  return step != CRM_STEP_ERROR;
}

static gboolean
has_work (PGconn   *conn,
          gboolean *found,
          GError  **error)
{
  PGresult *result = query (conn,
                            "SELECT EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM contacts) "
                            "OR EXISTS (SELECT 1 FROM tickets) OR EXISTS (SELECT 1 FROM messages) "
                            "OR EXISTS (SELECT 1 FROM offers)",
                            error);

  if (result == NULL)
    return FALSE;
  *found = g_str_equal (PQgetvalue (result, 0, 0), "t");
  PQclear (result);

  return TRUE;
}

static gboolean
exec_all (PGconn      *conn,
          const char  *sql,
          GError     **error)
{
  PGresult *result = query (conn, sql, error);

  if (result == NULL)
    return FALSE;
  PQclear (result);

  return TRUE;
}

/**
 * crm_pg_database_import:
 * @self: the office's server, at the latest schema
 * @source: a one-desk office's database (a SQLite file), at the latest schema
 * @counts: (out) (transfer full) (element-type CrmImportCount): how
 *   many rows each table got
 * @error: return location for a #GError
 *
 * Moves the office into the server, in one transaction: the server
 * must hold no work yet (users, contacts, tickets, messages, offers);
 * what its migrations put there (the default queues, say) gives way to
 * the file's. On failure nothing on the server has changed.
 *
 * Returns: %TRUE when everything was copied
 */
gboolean
crm_pg_database_import (CrmPgDatabase  *self,
                        CrmDatabase    *source,
                        GPtrArray     **counts,
                        GError        **error)
{
  PGconn *conn = _crm_pg_database_get_conn (self);
  g_autoptr(GPtrArray) tables = NULL;
  g_autoptr(GPtrArray) copied = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_import_count_free);
  g_autoptr(GString) names = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sql = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (CRM_IS_PG_DATABASE (self), FALSE);
  g_return_val_if_fail (CRM_IS_DATABASE (source), FALSE);

  if (crm_database_get_schema_version (source) != crm_database_get_schema_version (CRM_DATABASE (self)))
    {
      g_set_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The file is at schema %d and the server at %d: open both with this version first."),
                   crm_database_get_schema_version (source), crm_database_get_schema_version (CRM_DATABASE (self)));
      return FALSE;
    }

  sql = g_strdup_printf ("BEGIN; SELECT pg_advisory_xact_lock (%d)", _CRM_PG_WRITE_LOCK_KEY);
  if (!exec_all (conn, sql, error))
    return FALSE;
  if (!has_work (conn, &found, &local_error) || !(tables = list_tables (conn, &local_error)))
    goto failed;
  if (found)
    {
      g_set_error_literal (&local_error, CRM_ERROR, CRM_ERROR_CONFLICT,
                           _("The office’s server already holds work (users, contacts, tickets, messages or offers): "
                             "an office is moved only into a new database."));
      goto failed;
    }

  /* what the migrations put there gives way; no trigger runs meanwhile */
  for (guint i = 0; i < tables->len; i++)
    g_string_append_printf (names, "%s\"%s\"", i > 0 ? ", " : "", ((Table *) g_ptr_array_index (tables, i))->name);
  g_free (sql);
  sql = g_strdup_printf ("TRUNCATE %s", names->str);
  if (!exec_all (conn, sql, &local_error))
    goto failed;
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *disable = g_strdup_printf ("ALTER TABLE \"%s\" DISABLE TRIGGER USER",
                                                  ((Table *) g_ptr_array_index (tables, i))->name);

      if (!exec_all (conn, disable, &local_error))
        goto failed;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      Table *table = g_ptr_array_index (tables, i);
      CrmImportCount *count = g_new0 (CrmImportCount, 1);

      count->table = g_strdup (table->name);
      g_ptr_array_add (copied, count);
      if (!copy_table (conn, source, table, &count->rows, &local_error))
        goto failed;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      Table *table = g_ptr_array_index (tables, i);
      g_autofree char *enable = g_strdup_printf ("ALTER TABLE \"%s\" ENABLE TRIGGER USER", table->name);
      g_autofree char *identity = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('\"%s\"', 'id'), "
                                                   "coalesce (max (id), 0) + 1, false) FROM \"%s\" "
                                                   "WHERE pg_get_serial_sequence ('\"%s\"', 'id') IS NOT NULL",
                                                   table->name, table->name, table->name);

      if (!exec_all (conn, enable, &local_error))
        goto failed;
      if (g_ptr_array_find_with_equal_func (table->columns, "id", g_str_equal, NULL) &&
          !exec_all (conn, identity, &local_error))
        goto failed;
    }

  /* what the triggers would have derived from the rows (0027) */
  if (!exec_all (conn, "SELECT crm_after_import ()", &local_error))
    goto failed;

  if (!exec_all (conn, "COMMIT", &local_error))
    goto failed;

  if (counts != NULL)
    *counts = g_steal_pointer (&copied);

  return TRUE;

failed:
  exec_all (conn, "ROLLBACK", NULL);
  g_propagate_error (error, g_steal_pointer (&local_error));

  return FALSE;
}

void
crm_import_count_free (CrmImportCount *count)
{
  if (count == NULL)
    return;
  g_free (count->table);
  g_free (count);
}
