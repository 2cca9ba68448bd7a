/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-demo"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-demo.h"
#include "crm-error.h"
#include "crm-normalize.h"
#include "crm-offers-private.h"
#include "crm-ticket-store-private.h"
#include "crm-offer-store-private.h"

/*
 * Synthetic data for demonstrations and benchmarks: Polish and English
 * names, companies, addresses and phone numbers, written straight into
 * the tables (and the search index) in one transaction, fast enough
 * for a hundred thousand contacts in a few seconds. Deterministic for
 * a seed.
 */

static const char *pl_first_f[] = {
  "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna",
  "Elżbieta", "Zofia", "Joanna", "Magdalena", "Monika", "Żaneta", "Alicja", "Dorota",
  "Beata", "Jadwiga", "Urszula", "Grażyna", "Łucja", "Iwona", "Karolina", "Natalia",
};
static const char *pl_first_m[] = {
  "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin",
  "Łukasz", "Grzegorz", "Józef", "Marek", "Adam", "Stanisław", "Wojciech", "Zbigniew",
  "Jerzy", "Mateusz", "Dariusz", "Rafał", "Kamil", "Jakub", "Szymon", "Bartłomiej",
};
static const char *pl_last[] = {
  "Nowak", "Kowalsk", "Wiśniewsk", "Wójcik", "Kowalczyk", "Kamińsk", "Lewandowsk",
  "Zielińsk", "Szymańsk", "Woźniak", "Dąbrowsk", "Kozłowsk", "Jankowsk", "Mazur",
  "Kwiatkowsk", "Krawczyk", "Piotrowsk", "Grabowsk", "Nowakowsk", "Pawłowsk",
  "Michalsk", "Nowicki", "Adamczyk", "Dudek", "Zając", "Wieczorek", "Jabłońsk", "Król",
  "Majewsk", "Olszewsk", "Jaworsk", "Wróbel", "Malinowsk", "Pawlak", "Witkowsk", "Walczak",
  "Stępień", "Górsk", "Rutkowsk", "Michalak", "Sikora", "Ostrowsk", "Baran", "Duda",
  "Szewczyk", "Tomaszewsk", "Pietrzak", "Marciniak", "Wróblewsk", "Zalewsk", "Żak",
};
static const char *en_first[] = {
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
  "Elizabeth", "David", "Susan", "Richard", "Jessica", "Joseph", "Sarah", "Thomas", "Karen",
  "Charles", "Emily", "Oliver", "Amelia", "George", "Olivia", "Harry", "Isla",
};
static const char *en_last[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor",
  "Anderson", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark",
  "Lewis", "Walker", "Hall", "Young", "King", "Wright", "Scott", "Green", "Baker", "Evans",
};
static const char *company_first[] = {
  "Nord", "Bud", "Dom", "Tech", "Euro", "Pol", "Agro", "Mega", "Inter", "Trans", "Eko",
  "Sun", "Green", "Blue", "Silver", "Oak", "River", "Stone", "Vista", "Prime", "Delta",
};
static const char *company_second[] = {
  "bud", "dom", "soft", "med", "trans", "invest", "land", "house", "tex", "pol", "net",
  "park", "field", "point", "line", "works", "logic", "estate",
};
static const char *company_form[] = {
  "Sp. z o.o.", "S.A.", "s.c.", "Ltd", "Nieruchomości", "Group", "Development", "PLC",
};
static const char *pl_domains[] = {
  "gmail.com", "wp.pl", "onet.pl", "o2.pl", "interia.pl", "poczta.fm", "op.pl",
};
static const char *en_domains[] = {
  "gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.com", "icloud.com", "btinternet.com",
};
static const char *tag_names[] = {
  "vip", "investor", "renting", "buyer", "seller", "newsletter", "Kraków", "Warszawa",
  "Gdańsk", "referral", "b2b", "hot lead",
};

#define PICK(rand, array) (array[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

typedef struct _ContactRows ContactRows;

typedef struct
{
  guint    n_contacts;
  GRand   *rand;
  GArray  *managers;
  GArray  *companies;   /* ids */
  GPtrArray *company_names;
  GArray  *tag_ids;
  ContactRows *rows;    /* on a server: the rows gathered */
} Demo;

static char *
ascii_fold (const char *text)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = lower; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

static gboolean
step (CrmSession    *session,
      CrmStatement  *stmt,
      GError       **error)
{
  return crm_database_step_done (crm_session_get_database (session), stmt, error);
}

/* Bulk rows for PostgreSQL. SQLite takes a row per statement as fast as
 * it can write them; a server costs a round trip per statement (and
 * another for each new id). There, the rows of a table are gathered
 * into one array per column and written by one constant statement,
 * "INSERT INTO t (...) SELECT ... FROM unnest (CAST (?1 AS BIGINT[]),
 * CAST (?2 AS TEXT[]), ...)", some thousand rows a time; the ids the
 * rows need are taken from the table's sequence beforehand, a thousand
 * a time. The same seed makes the same data as on SQLite. */

#define BULK_ROWS 1000

typedef struct
{
  guint     n_columns;
  guint     column;      /* the next value's, on the current row */
  guint     n_rows;
  GString **arrays;      /* an array literal per column, without its closing brace */
} Bulk;

static Bulk *
bulk_new (guint n_columns)
{
  Bulk *bulk = g_new0 (Bulk, 1);

  bulk->n_columns = n_columns;
  bulk->arrays = g_new0 (GString *, n_columns);
  for (guint i = 0; i < n_columns; i++)
    bulk->arrays[i] = g_string_new ("{");

  return bulk;
}

static void
bulk_free (Bulk *bulk)
{
  for (guint i = 0; i < bulk->n_columns; i++)
    g_string_free (bulk->arrays[i], TRUE);
  g_free (bulk->arrays);
  g_free (bulk);
}

/* the next value of the row: the column's array, past a comma */
static GString *
bulk_next (Bulk *bulk)
{
  GString *array;

  g_assert (bulk->column < bulk->n_columns);
  array = bulk->arrays[bulk->column++];
  if (bulk->n_rows > 0)
    g_string_append_c (array, ',');

  return array;
}

static void
bulk_int (Bulk   *bulk,
          gint64  value)
{
  g_string_append_printf (bulk_next (bulk), "%" G_GINT64_FORMAT, value);
}

/* 0 is NULL (no id) */
static void
bulk_id (Bulk   *bulk,
         gint64  id)
{
  if (id != 0)
    bulk_int (bulk, id);
  else
    g_string_append (bulk_next (bulk), "NULL");
}

/* an element of an array literal: quoted, its quotes and backslashes escaped */
static void
bulk_text (Bulk       *bulk,
           const char *text)
{
  GString *array = bulk_next (bulk);

  if (text == NULL)
    {
      g_string_append (array, "NULL");
      return;
    }
  g_string_append_c (array, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *p);
    }
  g_string_append_c (array, '"');
}

/* bytes, as bytea's hex form ("\x…", its backslash escaped) */
static void
bulk_bytes (Bulk          *bulk,
            gconstpointer  data,
            gsize          length)
{
  static const char hex[] = "0123456789abcdef";
  GString *array = bulk_next (bulk);
  const guint8 *bytes = data;

  g_string_append (array, "\"\\\\x");
  for (gsize i = 0; i < length; i++)
    {
      g_string_append_c (array, hex[bytes[i] >> 4]);
      g_string_append_c (array, hex[bytes[i] & 15]);
    }
  g_string_append_c (array, '"');
}

static void
bulk_end_row (Bulk *bulk)
{
  g_assert (bulk->column == bulk->n_columns);
  bulk->column = 0;
  bulk->n_rows++;
}

/* Writes the rows gathered with @sql, a constant statement whose
 * parameters are the columns' arrays, in order. */
static gboolean
bulk_write (CrmSession  *session,
            Bulk        *bulk,
            const char  *sql,
            GError     **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  gboolean ok;

  if (bulk->n_rows == 0)
    return TRUE;
  if (!(stmt = crm_database_prepare (crm_session_get_database (session), sql, error)))
    return FALSE;
  for (guint i = 0; i < bulk->n_columns; i++)
    {
      g_string_append_c (bulk->arrays[i], '}');
      crm_statement_bind_text (stmt, i + 1, bulk->arrays[i]->str);
    }
  ok = step (session, stmt, error);
  for (guint i = 0; i < bulk->n_columns; i++)
    g_string_assign (bulk->arrays[i], "{");
  bulk->n_rows = 0;

  return ok;
}

/* New ids of a table, taken from its identity's sequence ahead of the
 * rows that will have them. */
typedef struct
{
  const char *sql;   /* the constant statement that takes BULK_ROWS of them */
  GArray     *ids;
  guint       next;
} Ids;

static void
ids_init (Ids        *ids,
          const char *sql)
{
  ids->sql = sql;
  ids->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  ids->next = 0;
}

static void
ids_clear (Ids *ids)
{
  g_clear_pointer (&ids->ids, g_array_unref);
}

static gint64
ids_take (CrmSession  *session,
          Ids         *ids,
          GError     **error)
{
  if (ids->next >= ids->ids->len)
    {
      g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (session), ids->sql, error);

      g_array_set_size (ids->ids, 0);
      ids->next = 0;
      if (stmt == NULL)
        return 0;
      crm_statement_bind_int64 (stmt, 1, BULK_ROWS);
      if (!crm_database_step_ids (crm_session_get_database (session), stmt, ids->ids, error))
        return 0;
      if (ids->ids->len == 0)
        {
          g_set_error_literal (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL, "no new ids");
          return 0;
        }
    }

  return g_array_index (ids->ids, gint64, ids->next++);
}

static gboolean
is_server (CrmSession *session)
{
  return crm_database_get_dialect (crm_session_get_database (session)) == CRM_DIALECT_POSTGRESQL;
}

/* A row of a statement with numbered parameters: bound to the statement
 * on SQLite, kept for a Bulk on a server (its unbound ones NULL). */
#define ROW_CELLS 16

typedef struct
{
  CrmStatement *stmt;
  char         *cells[ROW_CELLS];
} Row;

static void
row_start (Row          *row,
           CrmStatement *stmt)
{
  row->stmt = stmt;
  if (stmt != NULL)
    crm_statement_release (stmt);
  for (guint i = 0; i < ROW_CELLS; i++)
    g_clear_pointer (&row->cells[i], g_free);
}

static void
row_int (Row    *row,
         int     index,
         gint64  value)
{
  if (row->stmt != NULL)
    crm_statement_bind_int64 (row->stmt, index, value);
  else
    {
      g_free (row->cells[index - 1]);
      row->cells[index - 1] = g_strdup_printf ("%" G_GINT64_FORMAT, value);
    }
}

static void
row_double (Row    *row,
            int     index,
            double  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (row->stmt != NULL)
    crm_statement_bind_double (row->stmt, index, value);
  else
    {
      g_free (row->cells[index - 1]);
      row->cells[index - 1] = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
    }
}

static void
row_text (Row        *row,
          int         index,
          const char *text)
{
  if (row->stmt != NULL)
    crm_statement_bind_text (row->stmt, index, text);
  else
    {
      g_free (row->cells[index - 1]);
      row->cells[index - 1] = g_strdup (text);
    }
}

/* the row's first @n cells, as @bulk's next ones (quoted: the arrays'
 * casts make numbers of them) */
static void
row_to_bulk (Row  *row,
             guint n,
             Bulk *bulk)
{
  for (guint i = 0; i < n; i++)
    bulk_text (bulk, row->cells[i]);
  for (guint i = 0; i < ROW_CELLS; i++)
    g_clear_pointer (&row->cells[i], g_free);
}

/* A server's contacts, gathered (see Bulk) */
struct _ContactRows
{
  Ids   ids;
  Bulk *contacts;
  Bulk *emails;
  Bulk *phones;
  Bulk *tags;
  Bulk *fts;
};

static ContactRows *
contact_rows_new (void)
{
  ContactRows *rows = g_new0 (ContactRows, 1);

  ids_init (&rows->ids, "SELECT nextval (pg_get_serial_sequence ('contacts', 'id')) "
                        "FROM generate_series (1, CAST (? AS INTEGER))");
  rows->contacts = bulk_new (9);
  rows->emails = bulk_new (3);
  rows->phones = bulk_new (3);
  rows->tags = bulk_new (2);
  rows->fts = bulk_new (6);

  return rows;
}

static void
contact_rows_free (ContactRows *rows)
{
  ids_clear (&rows->ids);
  bulk_free (rows->contacts);
  bulk_free (rows->emails);
  bulk_free (rows->phones);
  bulk_free (rows->tags);
  bulk_free (rows->fts);
  g_free (rows);
}

/* the contacts first, then what refers to them */
static gboolean
contact_rows_write (CrmSession   *session,
                    ContactRows  *rows,
                    GError      **error)
{
  return bulk_write (session, rows->contacts,
                     "INSERT INTO contacts (id, kind, name, sort_key, company_id, manager_id, created_at, updated_at, "
                     "name_key) "
                     "SELECT * FROM unnest (CAST (?1 AS BIGINT[]), CAST (?2 AS TEXT[]), CAST (?3 AS TEXT[]), "
                     "CAST (?4 AS TEXT[]), CAST (?5 AS BIGINT[]), CAST (?6 AS BIGINT[]), CAST (?7 AS BIGINT[]), "
                     "CAST (?8 AS BIGINT[]), CAST (?9 AS TEXT[]))",
                     error) &&
         bulk_write (session, rows->emails,
                     "INSERT INTO contact_emails (contact_id, position, address, address_norm) "
                     "SELECT r.contact_id, 0, r.address, r.address_norm FROM unnest (CAST (?1 AS BIGINT[]), "
                     "CAST (?2 AS TEXT[]), CAST (?3 AS TEXT[])) AS r (contact_id, address, address_norm)",
                     error) &&
         bulk_write (session, rows->phones,
                     "INSERT INTO contact_phones (contact_id, position, number, number_norm) "
                     "SELECT r.contact_id, 0, r.number, r.number_norm FROM unnest (CAST (?1 AS BIGINT[]), "
                     "CAST (?2 AS TEXT[]), CAST (?3 AS TEXT[])) AS r (contact_id, number, number_norm)",
                     error) &&
         bulk_write (session, rows->tags,
                     "INSERT INTO contact_tags (contact_id, tag_id) "
                     "SELECT * FROM unnest (CAST (?1 AS BIGINT[]), CAST (?2 AS BIGINT[]))",
                     error) &&
         bulk_write (session, rows->fts,
                     "INSERT INTO contacts_fts (rowid, name, company, emails, phones, tags) "
                     "SELECT * FROM unnest (CAST (?1 AS BIGINT[]), CAST (?2 AS TEXT[]), CAST (?3 AS TEXT[]), "
                     "CAST (?4 AS TEXT[]), CAST (?5 AS TEXT[]), CAST (?6 AS TEXT[]))",
                     error);
}

static gint64
insert_contact (CrmSession  *session,
                const char  *kind,
                const char  *name,
                gint64       company_id,
                gint64       manager_id,
                gint64       now,
                GError     **error)
{
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *sort_key = _crm_store_sort_key (name);
  g_autofree char *name_key = crm_normalize_person_name (name);

  stmt = crm_database_prepare (crm_session_get_database (session),
                             "INSERT INTO contacts (kind, name, sort_key, company_id, manager_id, "
                             "created_at, updated_at, name_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return 0;

  crm_statement_bind_text (stmt, 1, kind);
  crm_statement_bind_text (stmt, 2, name);
  crm_statement_bind_text (stmt, 3, sort_key);
  if (company_id != 0)
    crm_statement_bind_int64 (stmt, 4, company_id);
  if (manager_id != 0)
    crm_statement_bind_int64 (stmt, 5, manager_id);
  crm_statement_bind_int64 (stmt, 6, now);
  crm_statement_bind_int64 (stmt, 7, now);
  crm_statement_bind_text (stmt, 8, name_key);

  if (!step (session, stmt, error))
    return 0;

  return crm_database_last_insert_id (crm_session_get_database (session));
}

static gboolean
insert_child (CrmSession  *session,
              const char  *sql,
              gint64       contact_id,
              const char  *value,
              const char  *norm,
              GError     **error)
{
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (session), sql, error);

  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_int64 (stmt, 1, contact_id);
  crm_statement_bind_text (stmt, 2, value);
  crm_statement_bind_text (stmt, 3, norm);

  return step (session, stmt, error);
}

static gboolean
index_row (CrmSession  *session,
           gint64       id,
           const char  *name,
           const char  *company,
           const char  *emails,
           const char  *phones,
           const char  *tags,
           GError     **error)
{
  g_autoptr(CrmStatement) stmt =
    crm_database_prepare (crm_session_get_database (session),
                        "INSERT INTO contacts_fts (rowid, name, company, emails, phones, tags) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        error);
  g_autofree char *name_text = _crm_store_search_text (name);
  g_autofree char *company_text = _crm_store_search_text (company);
  g_autofree char *tags_text = _crm_store_search_text (tags);

  if (stmt == NULL)
    return FALSE;

  crm_statement_bind_int64 (stmt, 1, id);
  crm_statement_bind_text (stmt, 2, name_text);
  crm_statement_bind_text (stmt, 3, company_text);
  crm_statement_bind_text (stmt, 4, emails);
  crm_statement_bind_text (stmt, 5, phones);
  crm_statement_bind_text (stmt, 6, tags_text);

  return step (session, stmt, error);
}

/* A contact of the demo: its id, or 0 with @error set */
static gint64
add_contact (CrmSession  *session,
             Demo        *demo,
             const char  *kind,
             const char  *name,
             gint64       company_id,
             gint64       manager_id,
             gint64       now,
             GError     **error)
{
  g_autofree char *sort_key = NULL;
  g_autofree char *name_key = NULL;
  Bulk *bulk;
  gint64 id;

  if (demo->rows == NULL)
    return insert_contact (session, kind, name, company_id, manager_id, now, error);

  if ((id = ids_take (session, &demo->rows->ids, error)) == 0)
    return 0;
  sort_key = _crm_store_sort_key (name);
  name_key = crm_normalize_person_name (name);
  bulk = demo->rows->contacts;
  bulk_int (bulk, id);
  bulk_text (bulk, kind);
  bulk_text (bulk, name);
  bulk_text (bulk, sort_key);
  bulk_id (bulk, company_id);
  bulk_id (bulk, manager_id);
  bulk_int (bulk, now);
  bulk_int (bulk, now);
  bulk_text (bulk, name_key);
  bulk_end_row (bulk);

  return id;
}

/* an address or a number: @sql on SQLite, else @bulk's row */
static gboolean
add_child (CrmSession  *session,
           Bulk        *bulk,
           const char  *sql,
           gint64       contact_id,
           const char  *value,
           const char  *norm,
           GError     **error)
{
  if (bulk == NULL)
    return insert_child (session, sql, contact_id, value, norm, error);

  bulk_int (bulk, contact_id);
  bulk_text (bulk, value);
  bulk_text (bulk, norm);
  bulk_end_row (bulk);

  return TRUE;
}

static gboolean
add_index_row (CrmSession  *session,
               Demo        *demo,
               gint64       id,
               const char  *name,
               const char  *company,
               const char  *emails,
               const char  *phones,
               const char  *tags,
               GError     **error)
{
  g_autofree char *name_text = NULL;
  g_autofree char *company_text = NULL;
  g_autofree char *tags_text = NULL;
  Bulk *bulk;

  if (demo->rows == NULL)
    return index_row (session, id, name, company, emails, phones, tags, error);

  name_text = _crm_store_search_text (name);
  company_text = _crm_store_search_text (company);
  tags_text = _crm_store_search_text (tags);
  bulk = demo->rows->fts;
  bulk_int (bulk, id);
  bulk_text (bulk, name_text);
  bulk_text (bulk, company_text);
  bulk_text (bulk, emails);
  bulk_text (bulk, phones);
  bulk_text (bulk, tags_text);
  bulk_end_row (bulk);

  /* a thousand contacts and theirs at a time */
  if (demo->rows->contacts->n_rows >= BULK_ROWS)
    return contact_rows_write (session, demo->rows, error);

  return TRUE;
}

static gboolean
ensure_managers (CrmSession  *session,
                 Demo        *demo,
                 GError     **error)
{
  static const struct { const char *name; const char *email; } managers[] = {
    { "Joanna Wiśniewska", "joanna.wisniewska@crm.example" },
    { "Tomasz Lewandowski", "tomasz.lewandowski@crm.example" },
    { "Sarah Thompson", "sarah.thompson@crm.example" },
  };
  g_autoptr(CrmStatement) stmt = NULL;

  stmt = crm_database_prepare (crm_session_get_database (session), "SELECT id FROM users WHERE role IN ('manager', 'admin') ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while (crm_statement_step (stmt) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);

      g_array_append_val (demo->managers, id);
    }

  if (demo->managers->len > 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (managers); i++)
    {
      gint64 id = crm_user_store_add (crm_user_store_from_session (session), managers[i].name, managers[i].email,
                                      CRM_ROLE_MANAGER, error);

      if (id == 0)
        return FALSE;
      g_array_append_val (demo->managers, id);
    }

  return TRUE;
}

static gboolean
ensure_tags (CrmSession  *session,
             Demo        *demo,
             GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tag_names); i++)
    {
      g_autoptr(CrmStatement) ins =
        crm_database_prepare (crm_session_get_database (session), "INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", error);
      g_autoptr(CrmStatement) sel = NULL;
      gint64 id;

      if (ins == NULL)
        return FALSE;
      crm_statement_bind_text (ins, 1, tag_names[i]);
      if (!step (session, ins, error))
        return FALSE;

      sel = crm_database_prepare (crm_session_get_database (session), "SELECT id FROM tags WHERE name = ?", error);
      if (sel == NULL)
        return FALSE;
      crm_statement_bind_text (sel, 1, tag_names[i]);
      if (crm_statement_step (sel) != CRM_STEP_ROW)
        return FALSE;
      id = crm_statement_get_int64 (sel, 0);
      g_array_append_val (demo->tag_ids, id);
    }

  return TRUE;
}

static void
make_phone (GRand    *rand,
            gboolean  english,
            char     *buffer,
            gsize     size)
{
  if (english && g_rand_boolean (rand))
    g_snprintf (buffer, size, "+44 7%03d %06d",
                g_rand_int_range (rand, 100, 999), g_rand_int_range (rand, 0, 999999));
  else if (english)
    g_snprintf (buffer, size, "+1 (%03d) %03d-%04d", g_rand_int_range (rand, 201, 989),
                g_rand_int_range (rand, 200, 999), g_rand_int_range (rand, 0, 9999));
  else
    g_snprintf (buffer, size, "%d%02d %03d %03d",
                g_rand_int_range (rand, 5, 9), g_rand_int_range (rand, 0, 100),
                g_rand_int_range (rand, 0, 1000), g_rand_int_range (rand, 0, 1000));
}

static gboolean
generate_tx (CrmSession  *session,
             gpointer     user_data,
             GError     **error)
{
  Demo *demo = user_data;
  GRand *rand = demo->rand;
  gint64 now = crm_clock_now_unix (crm_session_get_clock (session));
  guint n_companies = MAX (1, demo->n_contacts / 9);
  guint n_people = demo->n_contacts - MIN (n_companies, demo->n_contacts);

  if (!ensure_managers (session, demo, error) || !ensure_tags (session, demo, error))
    return FALSE;

  if (demo->n_contacts == 0)
    return TRUE;

  for (guint i = 0; i < n_companies && i < demo->n_contacts; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%s %s", PICK (rand, company_first),
                                               PICK (rand, company_second), PICK (rand, company_form));
      gint64 manager = g_array_index (demo->managers, gint64,
                                      g_rand_int_range (rand, 0, demo->managers->len));
      gint64 id = add_contact (session, demo, "company", name, 0, manager, now, error);

      if (id == 0 || !add_index_row (session, demo, id, name, NULL, "", "", "", error))
        return FALSE;

      g_array_append_val (demo->companies, id);
      g_ptr_array_add (demo->company_names, g_steal_pointer (&name));
    }

  for (guint i = 0; i < n_people; i++)
    {
      gboolean english = g_rand_int_range (rand, 0, 100) < 30;
      gboolean female = g_rand_boolean (rand);
      g_autofree char *name = NULL;
      g_autofree char *first_ascii = NULL;
      g_autofree char *last_ascii = NULL;
      g_autofree char *email = NULL;
      g_autofree char *phone_norm = NULL;
      g_autofree char *phone_terms = NULL;
      const char *first;
      const char *company = NULL;
      gint64 company_id = 0;
      gint64 manager = 0;
      char phone[32];
      gint64 id;
      const char *tag = "";

      if (english)
        {
          first = PICK (rand, en_first);
          name = g_strdup_printf ("%s %s", first, PICK (rand, en_last));
        }
      else
        {
          const char *last = PICK (rand, pl_last);
          gboolean adjective = g_str_has_suffix (last, "sk") || g_str_has_suffix (last, "ck");

          first = female ? PICK (rand, pl_first_f) : PICK (rand, pl_first_m);
          name = g_strdup_printf ("%s %s%s", first, last, adjective ? (female ? "a" : "i") : "");
        }

      first_ascii = ascii_fold (first);
      last_ascii = ascii_fold (strchr (name, ' ') + 1);

      if (g_rand_int_range (rand, 0, 100) < 60)
        {
          guint c = g_rand_int_range (rand, 0, demo->companies->len);

          company_id = g_array_index (demo->companies, gint64, c);
          company = g_ptr_array_index (demo->company_names, c);
        }
      if (g_rand_int_range (rand, 0, 100) < 70)
        manager = g_array_index (demo->managers, gint64, g_rand_int_range (rand, 0, demo->managers->len));

      /* a number after most names, so that addresses rarely repeat */
      email = g_strdup_printf ("%s.%s%u@%s", first_ascii, last_ascii,
                               (guint) g_rand_int_range (rand, 1, 1000),
                               english ? PICK (rand, en_domains) : PICK (rand, pl_domains));

      make_phone (rand, english, phone, sizeof phone);
      phone_norm = crm_normalize_phone (phone, "PL", error);
      if (phone_norm == NULL)
        return FALSE;
      phone_terms = _crm_store_phone_terms (phone, phone_norm);

      id = add_contact (session, demo, "person", name, company_id, manager, now, error);
      if (id == 0 ||
          !add_child (session, demo->rows ? demo->rows->emails : NULL,
                      "INSERT INTO contact_emails (contact_id, position, address, address_norm) "
                      "VALUES (?1, 0, ?2, ?3)",
                      id, email, email, error) ||
          !add_child (session, demo->rows ? demo->rows->phones : NULL,
                      "INSERT INTO contact_phones (contact_id, position, number, number_norm) "
                      "VALUES (?1, 0, ?2, ?3)",
                      id, phone, phone_norm, error))
        return FALSE;

      if (g_rand_int_range (rand, 0, 100) < 20)
        {
          guint t = g_rand_int_range (rand, 0, demo->tag_ids->len);

          if (demo->rows != NULL)
            {
              bulk_int (demo->rows->tags, id);
              bulk_int (demo->rows->tags, g_array_index (demo->tag_ids, gint64, t));
              bulk_end_row (demo->rows->tags);
            }
          else
            {
              g_autoptr(CrmStatement) link =
                crm_database_prepare (crm_session_get_database (session), "INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)", error);

              if (link == NULL)
                return FALSE;
              crm_statement_bind_int64 (link, 1, id);
              crm_statement_bind_int64 (link, 2, g_array_index (demo->tag_ids, gint64, t));
              if (!step (session, link, error))
                return FALSE;
            }
          tag = tag_names[t];
        }

      if (!add_index_row (session, demo, id, name, company, email, phone_terms, tag, error))
        return FALSE;
    }

  if (demo->rows != NULL && !contact_rows_write (session, demo->rows, error))
    return FALSE;

  return crm_session_append_history (session, "demo", 0, "generated", NULL, error);
}

/* A bulk load is one change for whoever follows the database: the
 * journal of changes keeps only its recent end (otherwise the next
 * engine to start prunes a million rows while the user works). */
static void
bulk_done (CrmSession *session)
{
  g_autoptr(GError) error = NULL;

  if (!crm_database_prune_changes (crm_session_get_database (session), &error))
    g_debug ("pruning the journal of changes failed: %s", error->message);
}

/**
 * crm_demo_generate_contacts:
 * @store: a #CrmSession
 * @n_contacts: how many contacts to add (about one in nine a company)
 * @seed: the seed of the generator: the same seed gives the same data
 * @error: return location for a #GError
 *
 * Adds realistic synthetic contacts (Polish and English names,
 * companies, e-mail addresses, phone numbers, tags, managers; three
 * demo managers are created when the office has none) in one
 * transaction. For demonstrations and benchmarks only.
 *
 * Returns: %TRUE on success; on failure nothing is added
 */
gboolean
crm_demo_generate_contacts (CrmSession  *session,
                            guint        n_contacts,
                            guint32      seed,
                            GError     **error)
{
  Demo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  demo.n_contacts = n_contacts;
  demo.rand = g_rand_new_with_seed (seed);
  demo.managers = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.companies = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.company_names = g_ptr_array_new_with_free_func (g_free);
  demo.tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (is_server (session))
    demo.rows = contact_rows_new ();

  ok = crm_session_run_in_transaction (session, generate_tx, &demo, error);

  g_rand_free (demo.rand);
  g_array_unref (demo.managers);
  g_array_unref (demo.companies);
  g_ptr_array_unref (demo.company_names);
  g_array_unref (demo.tag_ids);
  g_clear_pointer (&demo.rows, contact_rows_free);

  if (ok)
    {
      bulk_done (session);
      crm_database_emit_changed (crm_session_get_database (session), "user", 0);
      crm_database_emit_changed (crm_session_get_database (session), "contact", 0);
    }

  return ok;
}

/* Tickets and their mail */

static const char *ticket_topics[] = {
  "Mieszkanie na Mokotowie", "Dom pod Warszawą", "Faktura za marzec", "Umowa najmu", "Oglądanie w sobotę",
  "Question about the flat", "Viewing on Monday", "Invoice correction", "Lease renewal", "Działka budowlana",
  "Lokal użytkowy w centrum", "Kredyt hipoteczny", "Zgłoszenie usterki", "Broken heating", "Parking space",
  "Wycena nieruchomości", "Offer for the office", "Rezygnacja z usługi", "Nowe ogłoszenie", "Klucze do mieszkania",
};
static const char *ticket_words[] = {
  "dzień", "dobry", "proszę", "informację", "mieszkanie", "pokoje", "balkon", "cena", "metrów", "piętro",
  "winda", "parking", "oglądanie", "termin", "umowa", "najem", "kaucja", "czynsz", "faktura", "płatność",
  "hello", "please", "viewing", "price", "rooms", "garden", "available", "contract", "deposit", "heating",
  "ogród", "garaż", "dzielnica", "szkoła", "tramwaj", "metro", "remont", "kuchnia", "łazienka", "okna",
  "thanks", "regards", "tomorrow", "morning", "afternoon", "agent", "owner", "keys", "meeting", "budget",
};

typedef struct _TicketRows TicketRows;

typedef struct
{
  guint    n_tickets;
  guint    n_messages;
  GRand   *rand;
  TicketRows *rows;    /* on a server: the rows gathered */
} TicketDemo;

static char *
demo_text (GRand *rand,
           guint  words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < words; i++)
    {
      if (i > 0)
        g_string_append_c (text, i % 12 == 0 ? '\n' : ' ');
      g_string_append (text, PICK (rand, ticket_words));
    }

  return g_string_free (text, FALSE);
}

/* A server's tickets and messages, gathered (see Bulk) */
struct _TicketRows
{
  Ids   ticket_ids;
  Ids   message_ids;
  Bulk *tickets;
  Bulk *messages;
  Bulk *fts;
};

static TicketRows *
ticket_rows_new (void)
{
  TicketRows *rows = g_new0 (TicketRows, 1);

  ids_init (&rows->ticket_ids, "SELECT nextval (pg_get_serial_sequence ('tickets', 'id')) "
                               "FROM generate_series (1, CAST (? AS INTEGER))");
  ids_init (&rows->message_ids, "SELECT nextval (pg_get_serial_sequence ('messages', 'id')) "
                                "FROM generate_series (1, CAST (? AS INTEGER))");
  rows->tickets = bulk_new (10);
  rows->messages = bulk_new (9);
  rows->fts = bulk_new (4);

  return rows;
}

static void
ticket_rows_free (TicketRows *rows)
{
  ids_clear (&rows->ticket_ids);
  ids_clear (&rows->message_ids);
  bulk_free (rows->tickets);
  bulk_free (rows->messages);
  bulk_free (rows->fts);
  g_free (rows);
}

/* as the row-by-row statements of generate_tickets_tx () write them */
static gboolean
ticket_rows_write (CrmSession  *session,
                   TicketRows  *rows,
                   GError     **error)
{
  return bulk_write (session, rows->tickets,
                     "INSERT INTO tickets (id, subject, queue_id, status_id, priority_id, source, client_id, "
                     "client_address, assignee_id, created_at, updated_at, last_message_at, response_due, "
                     "resolution_due, has_mail) "
                     "SELECT r.id, r.subject, r.queue_id, r.status_id, r.priority_id, 'email', r.client_id, "
                     "r.client_address, r.assignee_id, r.created_at, r.last_at, r.last_at, r.created_at + 28800, "
                     "r.created_at + 172800, 1 "
                     "FROM unnest (CAST (?1 AS BIGINT[]), CAST (?2 AS TEXT[]), CAST (?3 AS BIGINT[]), "
                     "CAST (?4 AS BIGINT[]), CAST (?5 AS BIGINT[]), CAST (?6 AS BIGINT[]), CAST (?7 AS TEXT[]), "
                     "CAST (?8 AS BIGINT[]), CAST (?9 AS BIGINT[]), CAST (?10 AS BIGINT[])) "
                     "AS r (id, subject, queue_id, status_id, priority_id, client_id, client_address, assignee_id, "
                     "created_at, last_at)",
                     error) &&
         bulk_write (session, rows->messages,
                     "INSERT INTO messages (id, account_id, direction, message_id, raw_hash, from_address, "
                     "to_addresses, subject, date, body_text, raw, created_at, ticket_id, thread_reason) "
                     "SELECT r.id, NULL, r.direction, r.message_id, '', r.from_address, 'biuro@example.com', "
                     "r.subject, r.date, r.body_text, r.raw, r.date, r.ticket_id, NULL "
                     "FROM unnest (CAST (?1 AS BIGINT[]), CAST (?2 AS TEXT[]), CAST (?3 AS TEXT[]), "
                     "CAST (?4 AS TEXT[]), CAST (?5 AS TEXT[]), CAST (?6 AS BIGINT[]), CAST (?7 AS TEXT[]), "
                     "CAST (?8 AS BYTEA[]), CAST (?9 AS BIGINT[])) "
                     "AS r (id, direction, message_id, from_address, subject, date, body_text, raw, ticket_id)",
                     error) &&
         bulk_write (session, rows->fts,
                     "INSERT INTO messages_fts (rowid, subject, body, addresses) "
                     "SELECT * FROM unnest (CAST (?1 AS BIGINT[]), CAST (?2 AS TEXT[]), CAST (?3 AS TEXT[]), "
                     "CAST (?4 AS TEXT[]))",
                     error);
}

static gboolean
generate_tickets_tx (CrmSession  *session,
                     gpointer     user_data,
                     GError     **error)
{
  TicketDemo *demo = user_data;
  GRand *rand = demo->rand;
  gint64 now = crm_clock_now_unix (crm_session_get_clock (session));
  g_autoptr(GArray) users = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) clients = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) queues = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CrmStatement) read = NULL;
  g_autoptr(CrmStatement) ticket = NULL;
  g_autoptr(CrmStatement) message = NULL;
  g_autoptr(CrmStatement) fts = NULL;
  static const char *queue_names[] = { "Sprzedaż", "Wynajem", "Serwis" };
  guint per_ticket;
  guint extra;
  guint64 serial = (guint64) g_rand_int (rand) << 20;
  TicketRows *rows = demo->rows;

  for (guint i = 0; i < G_N_ELEMENTS (queue_names); i++)
    {
      g_autoptr(CrmStatement) queue =
        crm_database_prepare (crm_session_get_database (session), "INSERT INTO queues (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING", error);

      if (queue == NULL)
        return FALSE;
      crm_statement_bind_text (queue, 1, queue_names[i]);
      crm_statement_bind_int64 (queue, 2, now);
      if (!step (session, queue, error))
        return FALSE;
    }

  if (!(read = crm_database_prepare (crm_session_get_database (session), "SELECT id FROM queues ORDER BY id", error)))
    return FALSE;
  while (crm_statement_step (read) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (read, 0);

      g_array_append_val (queues, id);
    }
  g_clear_pointer (&read, crm_statement_release);
  if (!(read = crm_database_prepare (crm_session_get_database (session), "SELECT id FROM users ORDER BY id", error)))
    return FALSE;
  while (crm_statement_step (read) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (read, 0);

      g_array_append_val (users, id);
    }
  g_clear_pointer (&read, crm_statement_release);
  if (!(read = crm_database_prepare (crm_session_get_database (session), "SELECT id FROM contacts WHERE kind = 'person' ORDER BY id LIMIT 50000",
                                   error)))
    return FALSE;
  while (crm_statement_step (read) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (read, 0);

      g_array_append_val (clients, id);
    }
  g_clear_pointer (&read, crm_statement_release);

  ticket = crm_database_prepare (crm_session_get_database (session),
                               "INSERT INTO tickets (subject, queue_id, status_id, priority_id, source, client_id, "
                               "client_address, assignee_id, created_at, updated_at, last_message_at, response_due, "
                               "resolution_due, has_mail) VALUES (?1, ?2, ?3, ?4, 'email', ?5, ?6, ?7, ?8, ?9, ?9, "
                               "CAST (?8 AS BIGINT) + 28800, CAST (?8 AS BIGINT) + 172800, 1)",
                               error);
  message = crm_database_prepare (crm_session_get_database (session),
                                "INSERT INTO messages (account_id, direction, message_id, raw_hash, from_address, "
                                "to_addresses, subject, date, body_text, raw, created_at, ticket_id, thread_reason) "
                                "VALUES (NULL, ?1, ?2, ?3, ?4, 'biuro@example.com', ?5, ?6, ?7, ?8, ?6, ?9, NULL)",
                                error);
  fts = crm_database_prepare (crm_session_get_database (session), "INSERT INTO messages_fts (rowid, subject, body, addresses) VALUES (?, ?, ?, ?)",
                            error);
  if (ticket == NULL || message == NULL || fts == NULL)
    return FALSE;

  per_ticket = demo->n_tickets > 0 ? demo->n_messages / demo->n_tickets : 0;
  extra = demo->n_tickets > 0 ? demo->n_messages % demo->n_tickets : 0;

  for (guint t = 0; t < demo->n_tickets; t++)
    {
      const char *topic = PICK (rand, ticket_topics);
      gint64 created = now - (gint64) (demo->n_tickets - t) * 600 - g_rand_int_range (rand, 0, 600);
      gint64 client = clients->len > 0 && g_rand_int_range (rand, 0, 100) < 80
                      ? g_array_index (clients, gint64, g_rand_int_range (rand, 0, clients->len)) : 0;
      g_autofree char *address = g_strdup_printf ("klient%u@example.com", g_rand_int_range (rand, 1, 50000));
      guint n = per_ticket + (t < extra ? 1 : 0);
      gint64 id;

      gint64 queue = g_array_index (queues, gint64, g_rand_int_range (rand, 0, queues->len));
      gint64 status = g_rand_int_range (rand, 1, 5);
      gint64 priority = g_rand_int_range (rand, 1, 5);
      gint64 assignee = users->len > 0 && g_rand_int_range (rand, 0, 100) < 70
                        ? g_array_index (users, gint64, g_rand_int_range (rand, 0, users->len)) : 0;

      if (rows != NULL)
        {
          if ((id = ids_take (session, &rows->ticket_ids, error)) == 0)
            return FALSE;
          bulk_int (rows->tickets, id);
          bulk_text (rows->tickets, topic);
          bulk_int (rows->tickets, queue);
          bulk_int (rows->tickets, status);
          bulk_int (rows->tickets, priority);
          bulk_id (rows->tickets, client);
          bulk_text (rows->tickets, client != 0 ? NULL : address);
          bulk_id (rows->tickets, assignee);
          bulk_int (rows->tickets, created);
          bulk_int (rows->tickets, created + (gint64) n * 300);
          bulk_end_row (rows->tickets);
        }
      else
        {
          crm_statement_release (ticket);
          crm_statement_bind_text (ticket, 1, topic);
          crm_statement_bind_int64 (ticket, 2, queue);
          crm_statement_bind_int64 (ticket, 3, status);
          crm_statement_bind_int64 (ticket, 4, priority);
          if (client != 0)
            crm_statement_bind_int64 (ticket, 5, client);
          else
            crm_statement_bind_text (ticket, 6, address);
          if (assignee != 0)
            crm_statement_bind_int64 (ticket, 7, assignee);
          crm_statement_bind_int64 (ticket, 8, created);
          crm_statement_bind_int64 (ticket, 9, created + (gint64) n * 300);
          if (!step (session, ticket, error))
            return FALSE;
          id = crm_database_last_insert_id (crm_session_get_database (session));
        }

      for (guint m = 0; m < n; m++)
        {
          g_autofree char *body = demo_text (rand, g_rand_int_range (rand, 20, 80));
          g_autofree char *message_id = g_strdup_printf ("demo.%" G_GUINT64_FORMAT "@example.com", serial++);
          g_autofree char *raw = g_strdup_printf ("From: %s\r\nSubject: %s\r\nMessage-ID: <%s>\r\n\r\n%s\r\n",
                                                  address, topic, message_id, body);
          gint64 message_row;

          if (rows != NULL)
            {
              if ((message_row = ids_take (session, &rows->message_ids, error)) == 0)
                return FALSE;
              bulk_int (rows->messages, message_row);
              bulk_text (rows->messages, m % 2 == 0 ? "in" : "out");
              bulk_text (rows->messages, message_id);
              bulk_text (rows->messages, m % 2 == 0 ? address : "biuro@example.com");
              bulk_text (rows->messages, topic);
              bulk_int (rows->messages, created + (gint64) m * 300);
              bulk_text (rows->messages, body);
              bulk_bytes (rows->messages, raw, strlen (raw));
              bulk_int (rows->messages, id);
              bulk_end_row (rows->messages);
              bulk_int (rows->fts, message_row);
              bulk_text (rows->fts, topic);
              bulk_text (rows->fts, body);
              bulk_text (rows->fts, address);
              bulk_end_row (rows->fts);
              continue;
            }

          crm_statement_reset (message);
          crm_statement_bind_text (message, 1, m % 2 == 0 ? "in" : "out");
          crm_statement_bind_text (message, 2, message_id);
          crm_statement_bind_text (message, 3, "");
          crm_statement_bind_text (message, 4, m % 2 == 0 ? address : "biuro@example.com");
          crm_statement_bind_text (message, 5, topic);
          crm_statement_bind_int64 (message, 6, created + (gint64) m * 300);
          crm_statement_bind_text (message, 7, body);
          crm_statement_bind_blob (message, 8, raw, strlen (raw));
          crm_statement_bind_int64 (message, 9, id);
          if (!step (session, message, error))
            return FALSE;
          message_row = crm_database_last_insert_id (crm_session_get_database (session));

          crm_statement_reset (fts);
          crm_statement_bind_int64 (fts, 1, message_row);
          crm_statement_bind_text (fts, 2, topic);
          crm_statement_bind_text (fts, 3, body);
          crm_statement_bind_text (fts, 4, address);
          if (!step (session, fts, error))
            return FALSE;
        }

      /* a thousand messages and their tickets at a time */
      if (rows != NULL && (rows->messages->n_rows >= BULK_ROWS || rows->tickets->n_rows >= BULK_ROWS) &&
          !ticket_rows_write (session, rows, error))
        return FALSE;
    }

  if (rows != NULL && !ticket_rows_write (session, rows, error))
    return FALSE;

  return crm_session_append_history (session, "demo", 0, "tickets", NULL, error);
}

/**
 * crm_demo_generate_tickets:
 * @store: a #CrmSession
 * @n_tickets: how many tickets to add
 * @n_messages: how many messages to spread over them
 * @seed: the seed of the generator
 * @error: return location for a #GError
 *
 * Adds synthetic tickets in three demo queues, with clients taken from
 * the address book (add contacts first for realistic data), random
 * statuses, priorities and assignees, and their mail with search rows,
 * in one transaction. For demonstrations and benchmarks only.
 *
 * Returns: %TRUE on success; on failure nothing is added
 */
gboolean
crm_demo_generate_tickets (CrmSession  *session,
                           guint        n_tickets,
                           guint        n_messages,
                           guint32      seed,
                           GError     **error)
{
  TicketDemo demo = { n_tickets, n_messages, NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  demo.rand = g_rand_new_with_seed (seed);
  if (is_server (session))
    demo.rows = ticket_rows_new ();
  ok = crm_session_run_in_transaction (session, generate_tickets_tx, &demo, error);
  g_rand_free (demo.rand);
  g_clear_pointer (&demo.rows, ticket_rows_free);

  if (ok)
    {
      bulk_done (session);
      crm_database_emit_changed (crm_session_get_database (session), "queue", 0);
      crm_database_emit_changed (crm_session_get_database (session), "ticket", 0);
    }

  return ok;
}

/* Offers and searches (OF) */

typedef struct
{
  const char *name;
  guint       weight;      /* of a hundred */
  const char *districts;   /* separated by | */
} DemoCity;

static const DemoCity demo_cities[] = {
  { "Warszawa", 25, "Mokotów|Śródmieście|Wola|Ursynów|Praga-Południe|Bielany|Bemowo|Targówek|Wilanów|Żoliborz" },
  { "Kraków", 15, "Stare Miasto|Podgórze|Krowodrza|Nowa Huta|Dębniki|Bronowice|Prądnik Biały|Czyżyny" },
  { "Wrocław", 10, "Stare Miasto|Krzyki|Fabryczna|Psie Pole|Śródmieście" },
  { "Gdańsk", 8, "Wrzeszcz|Oliwa|Przymorze|Śródmieście|Zaspa|Jasień" },
  { "Poznań", 8, "Jeżyce|Grunwald|Wilda|Stare Miasto|Nowe Miasto" },
  { "Łódź", 8, "Bałuty|Górna|Polesie|Śródmieście|Widzew" },
  { "Katowice", 6, "Śródmieście|Ligota|Brynów|Koszutka|Załęże" },
  { "Szczecin", 5, "Pogodno|Niebuszewo|Centrum|Gumieńce" },
  { "Lublin", 5, "Czuby|Wieniawa|Śródmieście|Kalinowszczyzna" },
  { "Gdynia", 4, "Orłowo|Redłowo|Śródmieście|Chylonia" },
  { "Bydgoszcz", 3, "Fordon|Szwederowo|Śródmieście" },
  { "Białystok", 3, "Centrum|Antoniuk|Bojary" },
};

static const char *demo_streets[] = {
  "Długa", "Krótka", "Polna", "Leśna", "Słoneczna", "Ogrodowa", "Lipowa", "Mickiewicza", "Kościuszki",
  "Sienkiewicza", "Kwiatowa", "Szkolna", "Parkowa", "Wiśniowa", "Zielona", "Klonowa",
};

typedef struct
{
  GRand     *rand;
  guint      n;
  GArray    *agents;    /* user ids */
  GArray    *clients;   /* person ids */
  gboolean   server;    /* rows gathered (see Bulk) */
} OfferDemo;

static const DemoCity *
pick_city (GRand *rand)
{
  guint roll = g_rand_int_range (rand, 0, 100);

  for (guint i = 0; i < G_N_ELEMENTS (demo_cities); i++)
    {
      if (roll < demo_cities[i].weight)
        return &demo_cities[i];
      roll -= demo_cities[i].weight;
    }

  return &demo_cities[0];
}

static char *
pick_district (GRand          *rand,
               const DemoCity *city)
{
  g_auto(GStrv) districts = g_strsplit (city->districts, "|", -1);

  return g_strdup (districts[g_rand_int_range (rand, 0, g_strv_length (districts))]);
}

static CrmPropertyTypes
pick_type (GRand *rand)
{
  guint roll = g_rand_int_range (rand, 0, 100);

  return roll < 65 ? CRM_PROPERTY_FLAT : roll < 82 ? CRM_PROPERTY_HOUSE : roll < 92 ? CRM_PROPERTY_PLOT
                                                                                   : CRM_PROPERTY_COMMERCIAL;
}

/* A typical price for the type and transaction, in złoty. */
static gint64
typical_price (GRand            *rand,
               CrmDeal           deal,
               CrmPropertyTypes  type,
               double            area)
{
  double per_metre;

  if (deal == CRM_DEAL_RENT)
    per_metre = g_rand_double_range (rand, 35, 90);
  else if (type == CRM_PROPERTY_PLOT)
    per_metre = g_rand_double_range (rand, 150, 900);
  else
    per_metre = g_rand_double_range (rand, 6000, 18000);

  if (deal == CRM_DEAL_RENT)
    return (gint64) (area * per_metre / 100) * 100;

  return (gint64) (area * per_metre / 1000) * 1000;
}

static double
typical_area (GRand            *rand,
              CrmPropertyTypes  type)
{
  switch ((int) type)
    {
    case CRM_PROPERTY_FLAT:
      return g_rand_int_range (rand, 2500, 12000) / 100.0;
    case CRM_PROPERTY_HOUSE:
      return g_rand_int_range (rand, 80, 300);
    case CRM_PROPERTY_PLOT:
      return g_rand_int_range (rand, 500, 3000);
    default:
      return g_rand_int_range (rand, 30, 400);
    }
}

static gboolean
load_ids (CrmSession  *session,
          const char  *sql,
          GArray      *ids,
          GError     **error)
{
  g_autoptr(CrmStatement) read = crm_database_prepare (crm_session_get_database (session), sql, error);

  if (read == NULL)
    return FALSE;
  while (crm_statement_step (read) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (read, 0);

      g_array_append_val (ids, id);
    }

  return TRUE;
}

/* a server's searches, then their places (see Bulk): as the row-by-row
 * statements of generate_searches_tx () write them */
static gboolean
search_rows_write (CrmSession  *session,
                   Bulk        *searches,
                   Bulk        *places,
                   GError     **error)
{
  return bulk_write (session, searches,
                     "INSERT INTO searches (id, client_id, agent_id, deal, types, locations, price_min, price_max, "
                     "area_min, area_max, rooms_min, rooms_max, floor_min, floor_max, market, notify, created_at, "
                     "updated_at) "
                     "SELECT r.id, r.client_id, r.agent_id, r.deal, r.types, r.locations, r.price_min, r.price_max, "
                     "r.area_min, r.area_max, r.rooms_min, r.rooms_max, r.floor_min, r.floor_max, r.market, r.notify, "
                     "r.at, r.at "
                     "FROM unnest (CAST (?1 AS BIGINT[]), CAST (?2 AS BIGINT[]), CAST (?3 AS BIGINT[]), "
                     "CAST (?4 AS TEXT[]), CAST (?5 AS BIGINT[]), CAST (?6 AS TEXT[]), CAST (?7 AS BIGINT[]), "
                     "CAST (?8 AS BIGINT[]), CAST (?9 AS DOUBLE PRECISION[]), CAST (?10 AS DOUBLE PRECISION[]), "
                     "CAST (?11 AS BIGINT[]), CAST (?12 AS BIGINT[]), CAST (?13 AS BIGINT[]), CAST (?14 AS BIGINT[]), "
                     "CAST (?15 AS TEXT[]), CAST (?16 AS TEXT[]), CAST (?17 AS BIGINT[])) "
                     "AS r (id, client_id, agent_id, deal, types, locations, price_min, price_max, area_min, "
                     "area_max, rooms_min, rooms_max, floor_min, floor_max, market, notify, at)",
                     error) &&
         bulk_write (session, places,
                     "INSERT INTO search_locations (notifying, deal, city_key, district_key, updated_at, "
                     "search_id, types, market, price_min, price_max, area_min, area_max, rooms_min, rooms_max, "
                     "floor_min, floor_max) "
                     "SELECT CASE WHEN s.notify <> 'off' THEN 1 ELSE 0 END, s.deal, r.city_key, r.district_key, "
                     "s.updated_at, s.id, s.types, s.market, s.price_min, s.price_max, s.area_min, s.area_max, "
                     "s.rooms_min, s.rooms_max, s.floor_min, s.floor_max "
                     "FROM unnest (CAST (?1 AS BIGINT[]), CAST (?2 AS TEXT[]), CAST (?3 AS TEXT[])) "
                     "AS r (search_id, city_key, district_key) JOIN searches s ON s.id = r.search_id "
                     "ON CONFLICT DO NOTHING",
                     error);
}

static gboolean
generate_searches_tx (CrmSession  *session,
                      gpointer     user_data,
                      GError     **error)
{
  OfferDemo *demo = user_data;
  GRand *rand = demo->rand;
  gint64 now = crm_clock_now_unix (crm_session_get_clock (session));
  g_autoptr(CrmStatement) search = NULL;
  g_autoptr(CrmStatement) place = NULL;
  Ids ids = { 0 };
  Bulk *searches = NULL;
  Bulk *places = NULL;
  Row row = { 0 };
  gboolean ok = FALSE;

  if (demo->server)
    {
      ids_init (&ids, "SELECT nextval (pg_get_serial_sequence ('searches', 'id')) "
                      "FROM generate_series (1, CAST (? AS INTEGER))");
      searches = bulk_new (17);
      places = bulk_new (3);
    }
  else
    {
      search = crm_database_prepare (crm_session_get_database (session),
                                   "INSERT INTO searches (client_id, agent_id, deal, types, locations, price_min, "
                                   "price_max, area_min, area_max, rooms_min, rooms_max, floor_min, floor_max, market, "
                                   "notify, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
                                   "?11, ?12, ?13, ?14, ?15, ?16, ?16)",
                                   error);
      place = crm_database_prepare (crm_session_get_database (session),
                                  "INSERT OR IGNORE INTO search_locations (notifying, deal, city_key, district_key, "
                                  "updated_at, search_id, types, market, price_min, price_max, area_min, area_max, "
                                  "rooms_min, rooms_max, floor_min, floor_max) "
                                  "SELECT notify <> 'off', deal, ?2, ?3, updated_at, id, types, market, price_min, "
                                  "price_max, area_min, area_max, rooms_min, rooms_max, floor_min, floor_max "
                                  "FROM searches WHERE id = ?1",
                                  error);
      if (search == NULL || place == NULL)
        return FALSE;
    }

  for (guint i = 0; i < demo->n; i++)
    {
      CrmDeal deal = g_rand_int_range (rand, 0, 100) < 70 ? CRM_DEAL_SALE : CRM_DEAL_RENT;
      CrmPropertyTypes type = pick_type (rand);
      guint roll = g_rand_int_range (rand, 0, 100);
      CrmPropertyTypes types = roll < 5 ? CRM_PROPERTY_ANY : roll < 15 ? (type | CRM_PROPERTY_HOUSE) : type;
      guint n_places = g_rand_int_range (rand, 0, 100) < 3 ? 0 : g_rand_int_range (rand, 1, 4);
      const DemoCity *city = pick_city (rand);
      g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;
      double area = typical_area (rand, type);
      gint64 price = typical_price (rand, deal, type, area);
      gint64 updated = now - g_rand_int_range (rand, 0, 365 * 24 * 3600);
      guint notify = g_rand_int_range (rand, 0, 100);
      gint64 id;

      row_start (&row, search);
      row_int (&row, 1, g_array_index (demo->clients, gint64,
                                       g_rand_int_range (rand, 0, demo->clients->len)));
      row_int (&row, 2, g_array_index (demo->agents, gint64,
                                       g_rand_int_range (rand, 0, demo->agents->len)));
      row_text (&row, 3, crm_deal_to_string (deal));
      row_int (&row, 4, types);
      /* most clients give a budget, many a size, some the rooms and floor */
      if (g_rand_int_range (rand, 0, 100) < 85)
        row_int (&row, 6, price * g_rand_int_range (rand, 75, 91) / 100 / 1000 * 1000);
      if (g_rand_int_range (rand, 0, 100) < 95)
        row_int (&row, 7, price * g_rand_int_range (rand, 105, 126) / 100 / 1000 * 1000);
      if (g_rand_int_range (rand, 0, 100) < 70)
        {
          row_double (&row, 8, (int) (area * g_rand_int_range (rand, 80, 96) / 100));
          row_double (&row, 9, (int) (area * g_rand_int_range (rand, 105, 131) / 100));
        }
      if (type != CRM_PROPERTY_PLOT && g_rand_int_range (rand, 0, 100) < 70)
        {
          int rooms = MAX (1, (int) (area / 25));

          row_int (&row, 10, MAX (1, rooms - g_rand_int_range (rand, 0, 2)));
          row_int (&row, 11, rooms + g_rand_int_range (rand, 0, 2));
        }
      if (type == CRM_PROPERTY_FLAT && g_rand_int_range (rand, 0, 100) < 25)
        {
          row_int (&row, 12, g_rand_int_range (rand, 0, 3));
          row_int (&row, 13, g_rand_int_range (rand, 3, 10));
        }
      roll = g_rand_int_range (rand, 0, 100);
      if (roll < 40)
        row_text (&row, 14, roll < 25 ? "primary" : "secondary");
      row_text (&row, 15, notify < 60 ? "off" : notify < 90 ? "agent" : "client");
      row_int (&row, 16, updated);

      /* the places: the city, or districts of it, and now and then another city */
      for (guint p = 0; p < n_places; p++)
        {
          const DemoCity *where = p == 0 || g_rand_int_range (rand, 0, 100) < 70 ? city : pick_city (rand);
          g_autofree char *district = g_rand_int_range (rand, 0, 100) < 65 ? pick_district (rand, where) : NULL;

          g_ptr_array_add (shown, district ? g_strdup_printf ("%s/%s", where->name, district)
                                           : g_strdup (where->name));
          g_ptr_array_add (keys, _crm_place_key (where->name));
          g_ptr_array_add (keys, _crm_place_key (district));
        }
      g_ptr_array_add (shown, NULL);
      joined = g_strjoinv ("\x1f", (char **) shown->pdata);
      row_text (&row, 5, joined);
      if (demo->server)
        {
          if ((id = ids_take (session, &ids, error)) == 0)
            goto out;
          bulk_int (searches, id);
          row_to_bulk (&row, 16, searches);
          bulk_end_row (searches);
          for (guint p = 0; p < MAX (n_places, 1); p++)
            {
              bulk_int (places, id);
              bulk_text (places, n_places ? g_ptr_array_index (keys, 2 * p) : "");
              bulk_text (places, n_places ? g_ptr_array_index (keys, 2 * p + 1) : "");
              bulk_end_row (places);
            }
          if (searches->n_rows >= BULK_ROWS && !search_rows_write (session, searches, places, error))
            goto out;
          continue;
        }

      if (!step (session, search, error))
        return FALSE;
      id = crm_database_last_insert_id (crm_session_get_database (session));

      for (guint p = 0; p < MAX (n_places, 1); p++)
        {
          crm_statement_reset (place);
          crm_statement_bind_int64 (place, 1, id);
          crm_statement_bind_text (place, 2, n_places ? g_ptr_array_index (keys, 2 * p) : "");
          crm_statement_bind_text (place, 3, n_places ? g_ptr_array_index (keys, 2 * p + 1) : "");
          if (!step (session, place, error))
            return FALSE;
        }
    }

  if (demo->server && !search_rows_write (session, searches, places, error))
    goto out;
  ok = crm_session_append_history (session, "demo", 0, "searches", NULL, error);

out:
  if (demo->server)
    {
      ids_clear (&ids);
      bulk_free (searches);
      bulk_free (places);
      row_start (&row, NULL);
    }

  return ok;
}

static gboolean
load_people (CrmSession  *session,
             OfferDemo   *demo,
             GError     **error)
{
  if (!load_ids (session, "SELECT id FROM users ORDER BY id", demo->agents, error) ||
      !load_ids (session, "SELECT id FROM contacts WHERE kind = 'person' ORDER BY id", demo->clients, error))
    return FALSE;

  if (demo->agents->len == 0 || demo->clients->len == 0)
    {
      g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID,
                           _("Demo searches and offers need users and contacts: generate contacts first."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_offer_demo (CrmSession                 *session,
                guint                       n,
                guint32                     seed,
                CrmSessionTransactionFunc   func,
                GError                    **error)
{
  OfferDemo demo = { 0 };
  gboolean ok;

  demo.rand = g_rand_new_with_seed (seed);
  demo.n = n;
  demo.agents = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.clients = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.server = is_server (session);

  ok = load_people (session, &demo, error) && crm_session_run_in_transaction (session, func, &demo, error);

  g_rand_free (demo.rand);
  g_array_unref (demo.agents);
  g_array_unref (demo.clients);

  return ok;
}

/**
 * crm_demo_generate_searches:
 * @store: a #CrmSession
 * @n_searches: how many searches to add
 * @seed: the seed of the generator
 * @error: return location for a #GError
 *
 * Adds synthetic clients' searches (OF2) for the address book's
 * people, with the office's users as agents: mostly flats to buy in
 * twelve Polish cities, one to three places (two in three a district),
 * a budget around typical prices, mostly an area, often rooms, some
 * floor and market criteria, last
 * updated within a year (so about one in six is fresh), notification
 * off for six in ten, prepared for the agent for three, mailed to the
 * client for one. In one transaction. For demonstrations and
 * benchmarks only: contacts must exist.
 *
 * Returns: %TRUE on success; on failure nothing is added
 */
gboolean
crm_demo_generate_searches (CrmSession  *session,
                            guint        n_searches,
                            guint32      seed,
                            GError     **error)
{
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!run_offer_demo (session, n_searches, seed, generate_searches_tx, error))
    return FALSE;

  bulk_done (session);
  crm_database_emit_changed (crm_session_get_database (session), "search", 0);

  return TRUE;
}

/* a server's offers (see Bulk), as generate_offers_tx () writes them */
static gboolean
offer_rows_write (CrmSession  *session,
                  Bulk        *offers,
                  GError     **error)
{
  return bulk_write (session, offers,
                     "INSERT INTO offers (deal, property_type, city, city_key, district, district_key, street, price, "
                     "area, rooms, floor, market, description, agent_id, created_at, updated_at) "
                     "SELECT r.deal, r.property_type, r.city, r.city_key, r.district, r.district_key, r.street, "
                     "r.price, r.area, r.rooms, r.floor, r.market, NULL, r.agent_id, r.at, r.at "
                     "FROM unnest (CAST (?1 AS TEXT[]), CAST (?2 AS TEXT[]), CAST (?3 AS TEXT[]), "
                     "CAST (?4 AS TEXT[]), CAST (?5 AS TEXT[]), CAST (?6 AS TEXT[]), CAST (?7 AS TEXT[]), "
                     "CAST (?8 AS BIGINT[]), CAST (?9 AS DOUBLE PRECISION[]), CAST (?10 AS BIGINT[]), "
                     "CAST (?11 AS BIGINT[]), CAST (?12 AS TEXT[]), CAST (?13 AS BIGINT[]), CAST (?14 AS BIGINT[])) "
                     "AS r (deal, property_type, city, city_key, district, district_key, street, price, area, rooms, "
                     "floor, market, agent_id, at)",
                     error);
}

static gboolean
generate_offers_tx (CrmSession  *session,
                    gpointer     user_data,
                    GError     **error)
{
  OfferDemo *demo = user_data;
  GRand *rand = demo->rand;
  gint64 now = crm_clock_now_unix (crm_session_get_clock (session));
  g_autoptr(CrmStatement) offer = NULL;
  Bulk *offers = NULL;
  Row row = { 0 };
  gboolean ok = FALSE;

  if (demo->server)
    offers = bulk_new (14);
  else if (!(offer = crm_database_prepare (crm_session_get_database (session),
                                           "INSERT INTO offers (deal, property_type, city, city_key, district, "
                                           "district_key, street, price, area, rooms, floor, market, description, "
                                           "agent_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                                           "?9, ?10, ?11, ?12, NULL, ?13, ?14, ?14)",
                                           error)))
    return FALSE;

  for (guint i = 0; i < demo->n; i++)
    {
      CrmDeal deal = g_rand_int_range (rand, 0, 100) < 70 ? CRM_DEAL_SALE : CRM_DEAL_RENT;
      CrmPropertyTypes type = pick_type (rand);
      const DemoCity *city = pick_city (rand);
      g_autofree char *district = g_rand_int_range (rand, 0, 100) < 90 ? pick_district (rand, city) : NULL;
      g_autofree char *city_key = _crm_place_key (city->name);
      g_autofree char *district_key = _crm_place_key (district);
      g_autofree char *street = g_strdup_printf ("%s %d", PICK (rand, demo_streets), g_rand_int_range (rand, 1, 120));
      double area = typical_area (rand, type);
      gint64 created = now - (gint64) (demo->n - i) * 60;

      row_start (&row, offer);
      row_text (&row, 1, crm_deal_to_string (deal));
      row_text (&row, 2, crm_property_type_to_string (type));
      row_text (&row, 3, city->name);
      row_text (&row, 4, city_key);
      if (district != NULL)
        row_text (&row, 5, district);
      row_text (&row, 6, district_key);
      row_text (&row, 7, street);
      row_int (&row, 8, typical_price (rand, deal, type, area));
      row_double (&row, 9, area);
      if (type != CRM_PROPERTY_PLOT)
        row_int (&row, 10, MAX (1, (int) (area / 25)));
      if (type == CRM_PROPERTY_FLAT)
        row_int (&row, 11, g_rand_int_range (rand, 0, 11));
      if (type != CRM_PROPERTY_PLOT)
        row_text (&row, 12, g_rand_boolean (rand) ? "primary" : "secondary");
      row_int (&row, 13, g_array_index (demo->agents, gint64,
                                        g_rand_int_range (rand, 0, demo->agents->len)));
      row_int (&row, 14, created);
      if (offers != NULL)
        {
          row_to_bulk (&row, 14, offers);
          bulk_end_row (offers);
          if (offers->n_rows >= BULK_ROWS && !offer_rows_write (session, offers, error))
            goto out;
        }
      else if (!step (session, offer, error))
        return FALSE;
    }

  if (offers != NULL && !offer_rows_write (session, offers, error))
    goto out;
  ok = crm_session_append_history (session, "demo", 0, "offers", NULL, error);

out:
  g_clear_pointer (&offers, bulk_free);
  row_start (&row, NULL);

  return ok;
}

/**
 * crm_demo_generate_offers:
 * @store: a #CrmSession
 * @n_offers: how many offers to add
 * @seed: the seed of the generator
 * @error: return location for a #GError
 *
 * Adds synthetic offers (OF1) with the office's users as agents, in the
 * same cities as the demo searches, at typical prices. They are written
 * as offers saved long ago: they are not matched (OF5 matches offers
 * when they are new). In one transaction. For demonstrations and
 * benchmarks only.
 *
 * Returns: %TRUE on success; on failure nothing is added
 */
gboolean
crm_demo_generate_offers (CrmSession  *session,
                          guint        n_offers,
                          guint32      seed,
                          GError     **error)
{
  g_return_val_if_fail (CRM_IS_SESSION (session), FALSE);

  if (!run_offer_demo (session, n_offers, seed, generate_offers_tx, error))
    return FALSE;

  bulk_done (session);
  crm_database_emit_changed (crm_session_get_database (session), "offer", 0);

  return TRUE;
}
