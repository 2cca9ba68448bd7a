/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-store-tickets"

#include "config.h"

#include <string.h>

#include "crm-normalize.h"
#include "crm-sqlite-database.h"
#include "crm-ticket-store-private.h"

/* The mail search of the ticket lists (TK). */

/* The mail search (TK): every word of the search starts a word of a
 * message's subject, body or addresses, and the tickets of the newest
 * such mail come first; first those where the words stand whole.
 *
 * FTS5 answers a prefix query ("balk"*) by gathering every hit of
 * every word the prefix starts before it gives the newest: on a
 * million messages, tens to hundreds of milliseconds for a common
 * word, on every keystroke of a word being typed. Asked for those
 * words by name ("balkon" OR "balkony"), it walks their hits newest
 * first and stops at a screenful. So the words a search word starts
 * are looked up first among the index's own terms (messages_fts_terms,
 * a view that stores nothing: one seek per term, in term order), the
 * word folded as the index folds it. A word that starts more than
 * PREFIX_TERMS_MAX terms (a letter or two, the start of a number) is
 * looked for in the newest mail first, for a screenful (scan_hits()),
 * and else left to the index's prefix query. Every way finds the same
 * tickets in the same order: tests/core/test-ticket-search.c holds
 * them to the index's own prefix query. */

#define PREFIX_TERMS_MAX 64

/* The words of @search as crm_normalize_search_text() finds them (its
 * "word"* terms hold alphanumerics only), or %NULL when it holds none. */
static GPtrArray *
search_words (const char *search)
{
  g_autofree char *query = crm_normalize_search_text (search);
  g_auto(GStrv) terms = NULL;
  g_autoptr(GPtrArray) words = NULL;

  if (query == NULL)
    return NULL;

  words = g_ptr_array_new_with_free_func (g_free);
  terms = g_strsplit (query, " ", -1);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      gsize length = strlen (terms[i]);

      if (length > 3 && terms[i][0] == '"' && g_str_has_suffix (terms[i], "\"*"))
        g_ptr_array_add (words, g_strndup (terms[i] + 1, length - 3));
    }

  return words->len > 0 ? g_steal_pointer (&words) : NULL;
}

typedef struct
{
  GString *term;
  guint    n_terms;
} FoldedWord;

static int
fold_token_cb (void       *user_data,
               int         flags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  FoldedWord *folded = user_data;

  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;
  folded->n_terms++;
  g_string_truncate (folded->term, 0);
  g_string_append_len (folded->term, token, n_token);

  return SQLITE_OK;
}

/* The mail index's own tokenizer, with the options messages_fts was
 * made with (0004-messages.sql). */
typedef struct
{
  fts5_tokenizer api;
  Fts5Tokenizer *instance;
} MailTokenizer;

static gboolean
mail_tokenizer_open (CrmTicketStore *self,
                     MailTokenizer  *tokenizer)
{
  static const char *options[] = { "remove_diacritics", "2" };
  CrmDatabase *database = _crm_store_db (self);
  sqlite3_stmt *stmt = NULL;
  fts5_api *api = NULL;
  void *data = NULL;

  tokenizer->instance = NULL;
  /* FTS5's own tokenizer: only the SQLite database has one */
  if (!CRM_IS_SQLITE_DATABASE (database))
    return FALSE;
  if (sqlite3_prepare_v2 (crm_sqlite_database_get_handle (CRM_SQLITE_DATABASE (database)),
                          "SELECT fts5 (?1)", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, (void *) &api, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (api == NULL || api->iVersion < 2 ||
      api->xFindTokenizer (api, "unicode61", &data, &tokenizer->api) != SQLITE_OK ||
      tokenizer->api.xCreate (data, options, G_N_ELEMENTS (options), &tokenizer->instance) != SQLITE_OK)
    tokenizer->instance = NULL;

  return tokenizer->instance != NULL;
}

static void
mail_tokenizer_close (MailTokenizer *tokenizer)
{
  if (tokenizer->instance != NULL)
    tokenizer->api.xDelete (tokenizer->instance);
  tokenizer->instance = NULL;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MailTokenizer, mail_tokenizer_close)

/* Each of @words as the mail index holds its terms (case and accents
 * folded); %NULL for a word that does not make exactly one term there,
 * or for all without @tokenizer. */
static GPtrArray *
fold_search_words (MailTokenizer *tokenizer,
                   GPtrArray     *words)
{
  g_autoptr(GPtrArray) folded = g_ptr_array_new_full (words->len, g_free);

  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      FoldedWord fold = { g_string_new (NULL), 0 };

      if (tokenizer->instance != NULL &&
          tokenizer->api.xTokenize (tokenizer->instance, &fold, FTS5_TOKENIZE_QUERY | FTS5_TOKENIZE_PREFIX,
                                    word, (int) strlen (word), fold_token_cb) == SQLITE_OK &&
          fold.n_terms == 1)
        g_ptr_array_add (folded, g_string_free (fold.term, FALSE));
      else
        {
          g_string_free (fold.term, TRUE);
          g_ptr_array_add (folded, NULL);
        }
    }

  return g_steal_pointer (&folded);
}

/* The terms of the mail index that @prefix starts, in term order, each
 * found by one seek past the one before (terms hold no control
 * characters: term + "\1" is before every longer term it starts).
 * %NULL with *@too_many set when there are more than @max, or with
 * @error set on a fault. */
static GPtrArray *
index_terms_starting (CrmTicketStore  *self,
                      const char      *prefix,
                      guint            max,
                      gboolean        *too_many,
                      GError         **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self,
                                                     "SELECT term FROM messages_fts_terms WHERE term >= ?1 LIMIT 1",
                                                     error);
  g_autoptr(GPtrArray) terms = NULL;
  g_autofree char *from = NULL;
  gsize length = strlen (prefix);

  *too_many = FALSE;
  if (stmt == NULL)
    return NULL;

  terms = g_ptr_array_new_with_free_func (g_free);
  from = g_strdup (prefix);
  for (;;)
    {
      const char *term;
      int rc;

      crm_statement_reset (stmt);
      crm_statement_bind_text_copy (stmt, 1, from);
      rc = crm_statement_step (stmt);
      if (rc == CRM_STEP_DONE)
        break;
      if (rc != CRM_STEP_ROW)
        {
          _crm_store_set_sql_error (self, error);
          return NULL;
        }
      term = crm_statement_get_text (stmt, 0);
      if (term == NULL || strncmp (term, prefix, length) != 0)
        break;
      if (terms->len == max)
        {
          *too_many = TRUE;
          return NULL;
        }
      g_ptr_array_add (terms, g_strdup (term));
      g_free (from);
      from = g_strconcat (term, "\1", NULL);
    }

  return g_steal_pointer (&terms);
}

static void
append_phrase (GString    *query,
               const char *text)
{
  g_string_append_c (query, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append_c (query, '"');
}

/* The query of @words for the mail index, every word whole. */
static char *
mail_whole_query (GPtrArray *words)
{
  GString *query = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append_c (query, ' ');
      append_phrase (query, g_ptr_array_index (words, i));
    }

  return g_string_free (query, FALSE);
}

/* The query of @words for the mail index, every word as the start of
 * a word: as the terms it starts where they are few, else as a prefix
 * query. Sets *@query to %NULL when it would find nothing the whole
 * words do not (a word starts no term, or each word only itself).
 * FALSE with @error set on a fault. */
static gboolean
mail_prefix_query (CrmTicketStore  *self,
                   GPtrArray       *words,
                   MailTokenizer   *tokenizer,
                   char           **query,
                   GPtrArray      **scan,
                   GError         **error)
{
  g_autoptr(GPtrArray) folded = fold_search_words (tokenizer, words);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean more = FALSE;
  gboolean many = FALSE;

  *query = NULL;
  *scan = NULL;
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      const char *term = g_ptr_array_index (folded, i);
      g_autoptr(GPtrArray) terms = NULL;
      gboolean too_many = TRUE;

      if (i > 0)
        g_string_append (out, " AND ");

      if (term != NULL)
        {
          terms = index_terms_starting (self, term, PREFIX_TERMS_MAX, &too_many, error);
          if (terms == NULL && !too_many)
            return FALSE;
        }

      if (terms == NULL)
        {
          /* the index's own prefix query */
          append_phrase (out, word);
          g_string_append_c (out, '*');
          more = TRUE;
          many = TRUE;
          continue;
        }
      /* no mail holds a word this one starts */
      if (terms->len == 0)
        return TRUE;
      if (terms->len > 1 || strcmp (g_ptr_array_index (terms, 0), term) != 0)
        more = TRUE;

      g_string_append_c (out, '(');
      for (guint j = 0; j < terms->len; j++)
        {
          if (j > 0)
            g_string_append (out, " OR ");
          append_phrase (out, g_ptr_array_index (terms, j));
        }
      g_string_append_c (out, ')');
    }

  if (more)
    *query = g_string_free (g_steal_pointer (&out), FALSE);
  /* every word one term: the newest mail can be read for them first */
  if (many && !g_ptr_array_find (folded, NULL, NULL))
    *scan = g_steal_pointer (&folded);

  return TRUE;
}

typedef struct
{
  GPtrArray *words;
  gboolean  *found;
  guint      missing;
} ScanRow;

static int
scan_token_cb (void       *user_data,
               int         flags,
               const char *token,
               int         n_token,
               int         start,
               int         end)
{
  ScanRow *row = user_data;

  for (guint i = 0; i < row->words->len; i++)
    {
      const char *word = g_ptr_array_index (row->words, i);
      gsize length = strlen (word);

      if (!row->found[i] && (gsize) n_token >= length && memcmp (token, word, length) == 0)
        {
          row->found[i] = TRUE;
          if (--row->missing == 0)
            return CRM_STEP_DONE;
        }
    }

  return SQLITE_OK;
}

/* Reads the newest mail, of tickets the other filters let through, for
 * whether each of @words (folded, one term each) starts a word of it,
 * as the index's prefix query would tell, and adds the tickets of
 * those that hold them all. For words that start too many terms to ask
 * for by name, most of them rare (a letter, the start of a number):
 * when together they are in much of the mail, the tickets wanted are
 * among the newest, and reading those costs far less than the index
 * gathering every hit of every term. At most SCAN_ROWS_PER_TICKET
 * messages a ticket wanted (SCAN_ROWS_MIN at least): past that the
 * index gathers faster (a message read costs some 8 µs, a hit
 * gathered some 0.2 µs). *@done is FALSE when the newest messages did
 * not fill @max: the caller goes on with the index from there (the
 * same order, so the same tickets). */
#define SCAN_ROWS_MIN 2000
#define SCAN_ROWS_PER_TICKET 16

static gboolean
scan_hits (CrmTicketStore         *self,
           const CrmTicketFilter  *filter,
           MailTokenizer          *tokenizer,
           GPtrArray              *words,
           guint                   max,
           GArray                 *ids,
           GHashTable             *seen,
           gboolean               *done,
           GError                **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT 1 FROM tickets t WHERE t.id = ?5");
  g_autoptr(CrmStatement) stmt = NULL;
  g_autoptr(CrmStatement) check = NULL;
  g_autoptr(GHashTable) rejected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree gboolean *found = g_new0 (gboolean, words->len);
  guint start = ids->len;
  guint budget = MAX (SCAN_ROWS_MIN, (max - start) * SCAN_ROWS_PER_TICKET);
  guint rows = 0;
  int rc = CRM_STEP_DONE;

  *done = FALSE;
  /* every message counts against the budget: the filters are asked
   * once a ticket, so that a rare one gives up early too */
  _crm_tickets_append_filters (sql, filter);
  check = _crm_store_prepare (self, g_intern_string (sql->str), error);
  stmt = _crm_store_prepare (self,
                             "SELECT m.ticket_id, f.subject, f.body, f.addresses FROM messages_fts f "
                             "CROSS JOIN messages m ON m.id = f.rowid WHERE m.ticket_id IS NOT NULL "
                             "ORDER BY f.rowid DESC",
                             error);
  if (check == NULL || stmt == NULL)
    return FALSE;
  _crm_tickets_bind_filters (check, filter);

  while (ids->len < max && (rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);
      ScanRow row = { words, found, words->len };

      /* given up when the tickets wanted would take more than the
       * budget at the rate found so far */
      if (rows >= budget ||
          (rows >= budget / 10 && (guint64) rows * (max - start) > (guint64) budget * (ids->len - start)))
        break;
      rows++;
      if (g_hash_table_contains (seen, &id) || g_hash_table_contains (rejected, &id))
        continue;
      crm_statement_reset (check);
      crm_statement_bind_int64 (check, 5, id);
      rc = crm_statement_step (check);
      if (rc == CRM_STEP_DONE)
        {
          g_hash_table_add (rejected, g_memdup2 (&id, sizeof id));
          continue;
        }
      if (rc != CRM_STEP_ROW)
        break;
      memset (found, 0, words->len * sizeof (gboolean));
      for (int column = 1; column <= 3 && row.missing > 0; column++)
        {
          const char *text = crm_statement_get_text (stmt, column);
          int trc;

          if (text == NULL)
            continue;
          trc = tokenizer->api.xTokenize (tokenizer->instance, &row, FTS5_TOKENIZE_DOCUMENT, text,
                                          (int) strlen (text), scan_token_cb);
          if (trc != SQLITE_OK && trc != SQLITE_DONE)
            {
              g_set_error_literal (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL, sqlite3_errstr (trc));
              return FALSE;
            }
        }
      if (row.missing > 0)
        continue;
      g_array_append_val (ids, id);
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
    }
  if (rc != CRM_STEP_DONE && rc != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return FALSE;
    }

  /* all the mail read, or the screen full */
  *done = rc == CRM_STEP_DONE || ids->len >= max;

  return TRUE;
}

/* How many of the newest messages PostgreSQL reads one by one for a
 * screenful before it asks the search index for the older ones. */
static gint64 search_window = 10000;

/* How many hits a word has at most to be rare: the index gives them
 * all, sorted, in a few milliseconds, where reading the newest mail
 * one by one would find few or none. A tenth of the window. */
static gint64 rare_hits = 1000;

/* At most this many hits a statement while the newest mail is walked:
 * the planner guesses a word in a third of the mail, and for many more
 * hits than that it joins the whole window's hits at once and sorts
 * them (a third of a second on 200,000 messages), where a walk down the
 * ids stops at the hits wanted (a few hundredths). */
#define WALK_LIMIT 4000

/* how often a search took each way (for the tests) */
static guint searches_walked, searches_rare;

/* For the tests: a window of a few messages, on a few thousand. */
void
_crm_tickets_set_search_window (gint64 messages)
{
  search_window = messages;
  rare_hits = MAX (messages / 10, 1);
}

/* For the tests: how many searches went past the newest tenth of the
 * window walking the mail, and how many took a rare word's hits from
 * the index at once. */
void
_crm_tickets_count_search_ways (guint *walked,
                                guint *rare)
{
  *walked = searches_walked;
  *rare = searches_rare;
}

/* The newest message's id in the search index, or 0; -1 on error. */
static gint64
newest_indexed (CrmTicketStore  *self,
                GError         **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, "SELECT coalesce (max (rowid), 0) FROM messages_fts",
                                                     error);

  if (stmt == NULL)
    return -1;
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return -1;
    }

  return crm_statement_get_int64 (stmt, 0);
}

/* How many messages before @below have @match, up to @cap; @cap + 1
 * when the statistics count the words among the most common; -1 on
 * error. From the search index's bitmap only (migration 0026): for a
 * rare word, walking the messages would read them all. */
static gint64
count_hits (CrmTicketStore  *self,
            const char      *match,
            gint64           below,
            gint64           cap,
            GError         **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (self,
                        "SELECT crm_count_hits (crm_search_query (?1), ?2, ?3)", error);

  if (stmt == NULL)
    return -1;
  crm_statement_bind_text (stmt, 1, match);
  crm_statement_bind_int64 (stmt, 2, below);
  crm_statement_bind_int64 (stmt, 3, cap);
  if (crm_statement_step (stmt) != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return -1;
    }

  return crm_statement_get_int64 (stmt, 0);
}

/* The hits of @match that @sql (the PostgreSQL statements of
 * collect_hits()) finds, at most @limit, before message @below (and
 * from message @lower on), as collect_hits() adds them; *@below
 * becomes the oldest hit read. Returns how many hits were read, or -1
 * on error. */
static gint64
collect_some_hits (CrmTicketStore         *self,
                   const char             *sql,
                   const CrmTicketFilter  *filter,
                   const char             *match,
                   gint64                  limit,
                   gint64                 *below,
                   gint64                  lower,
                   guint                   max,
                   GArray                 *ids,
                   GHashTable             *seen,
                   GError                **error)
{
  g_autoptr(CrmStatement) stmt = _crm_store_prepare (self, sql, error);
  gint64 rows = 0;
  int rc = CRM_STEP_DONE;

  if (stmt == NULL)
    return -1;
  _crm_tickets_bind_filters (stmt, filter);
  crm_statement_bind_text (stmt, 5, match);
  crm_statement_bind_int64 (stmt, 12, limit);
  crm_statement_bind_int64 (stmt, 13, *below);
  crm_statement_bind_int64 (stmt, 14, lower);

  while ((max == 0 || ids->len < max) && (rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      gint64 id = crm_statement_get_int64 (stmt, 0);

      rows++;
      *below = crm_statement_get_int64 (stmt, 1);
      if (g_hash_table_contains (seen, &id))
        continue;
      g_array_append_val (ids, id);
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
    }
  if (rc != CRM_STEP_DONE && rc != CRM_STEP_ROW)
    {
      _crm_store_set_sql_error (self, error);
      return -1;
    }

  return rows;
}

/* Adds the tickets of @match's hits, newest message first, that the
 * other filters let through and @seen does not hold, up to @max.
 *
 * SQLite walks the hits in the index's order and stops when the
 * screen is full. PostgreSQL's GIN index gives its hits in no order:
 * for a word in half the mail, sorting them all costs seconds. So the
 * newest messages are read one by one, newest first, each checked
 * against its stored words (0023), a microsecond each, until the
 * screen is full, for at most search_window messages; only the older
 * mail is asked of the index, and its hits sorted: by then the words
 * are rare in the newest mail, and so, mostly, in the rest. Hits come
 * a few at a time (four for each ticket still wanted, then four times
 * as many before the oldest read). */
static gboolean
collect_hits (CrmTicketStore         *self,
              const CrmTicketFilter  *filter,
              const char             *match,
              guint                   max,
              GArray                 *ids,
              GHashTable             *seen,
              GError                **error)
{
  static const char *select_hits = "SELECT m.ticket_id, f.rowid FROM messages_fts f JOIN messages m ON m.id = f.rowid "
                                   "JOIN tickets t ON t.id = m.ticket_id ";
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) walk = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 limit = max > 0 ? (gint64) (max - ids->len) * 4 : G_MAXINT64;
  gint64 below = G_MAXINT64;
  gint64 rows;
  gboolean rare = FALSE;
  int rc = CRM_STEP_DONE;

  if (crm_database_get_dialect (_crm_store_db (self)) != CRM_DIALECT_POSTGRESQL)
    {
      sql = g_string_new ("SELECT m.ticket_id FROM messages_fts f JOIN messages m ON m.id = f.rowid "
                          "JOIN tickets t ON t.id = m.ticket_id "
                          "WHERE messages_fts MATCH ?5");
      _crm_tickets_append_filters (sql, filter);
      g_string_append (sql, " ORDER BY f.rowid DESC");
      stmt = _crm_store_prepare (self, g_intern_string (sql->str), error);
      if (stmt == NULL)
        return FALSE;
      _crm_tickets_bind_filters (stmt, filter);
      crm_statement_bind_text (stmt, 5, match);
      while ((max == 0 || ids->len < max) && (rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
        {
          gint64 id = crm_statement_get_int64 (stmt, 0);

          if (g_hash_table_contains (seen, &id))
            continue;
          g_array_append_val (ids, id);
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
        }
      if (rc != CRM_STEP_DONE && rc != CRM_STEP_ROW)
        {
          _crm_store_set_sql_error (self, error);
          return FALSE;
        }
      return TRUE;
    }

  /* every ticket (crmctl's list): grouped on the server, each by its
   * newest hit, the order a walk down the hits gives; a common word's
   * hundreds of thousands of hits never cross the network */
  if (max == 0)
    {
      sql = g_string_new ("SELECT m.ticket_id, max (f.rowid) FROM messages_fts f JOIN messages m ON m.id = f.rowid "
                          "JOIN tickets t ON t.id = m.ticket_id WHERE f.words @@ crm_search_query (?5)");
      _crm_tickets_append_filters (sql, filter);
      g_string_append (sql, " GROUP BY m.ticket_id ORDER BY 2 DESC");
      stmt = _crm_store_prepare (self, g_intern_string (sql->str), error);
      if (stmt == NULL)
        return FALSE;
      _crm_tickets_bind_filters (stmt, filter);
      crm_statement_bind_text (stmt, 5, match);
      while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
        {
          gint64 id = crm_statement_get_int64 (stmt, 0);

          if (g_hash_table_contains (seen, &id))
            continue;
          g_array_append_val (ids, id);
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
        }
      if (rc != CRM_STEP_DONE)
        {
          _crm_store_set_sql_error (self, error);
          return FALSE;
        }
      return TRUE;
    }

  /* the newest mail, one by one: ts_match_vq () is @@ that no index
   * answers, so the server can only walk the messages' ids down; a
   * tenth of the window first, and the rest of it only when the words
   * are not rare (count_hits ()): a rare word's few hits all come
   * from the index at once. Common words (in 1% of the newest mail,
   * or of all of it by the statistics) are walked twenty windows
   * down: their hits come often, and the index would read them all,
   * a prefix's for every word it starts. */
  {
    gint64 newest, lower;
    gboolean common = FALSE;

    walk = g_string_new (select_hits);
    g_string_append (walk, "WHERE ts_match_vq (f.words, crm_search_query (?5))");
    _crm_tickets_append_filters (walk, filter);
    g_string_append (walk, " AND f.rowid < ?13 AND f.rowid >= ?14 ORDER BY f.rowid DESC LIMIT ?12");
    if ((newest = newest_indexed (self, error)) < 0)
      return FALSE;
    below = newest + 1;
    for (int part = 0; part < 2 && !rare; part++)
      {
        gint64 tenth = MAX (search_window / 10, 1);
        gint64 found = 0;
        gint64 asked;

        lower = MAX (newest + 1 - (part == 0 ? tenth : common ? 20 * search_window : search_window), 0);
        do
          {
            asked = MIN (limit, WALK_LIMIT);
            rows = collect_some_hits (self, g_intern_string (walk->str), filter, match, asked, &below, lower,
                                      max, ids, seen, error);
            if (rows < 0)
              return FALSE;
            if (ids->len >= max)
              return TRUE;
            found += rows;
            limit = MIN (asked * 4, WALK_LIMIT);
          }
        while (rows == asked);
        below = lower;
        if (below == 0)
          return TRUE;
        /* in 1% of the newest mail or more, the words are common:
         * counting their hits would read all of them */
        if (part == 0 && found * 100 >= tenth)
          common = TRUE;
        else if (part == 0)
          {
            gint64 hits = count_hits (self, match, below, rare_hits, error);

            if (hits < 0)
              return FALSE;
            rare = hits < rare_hits;
            common = hits > rare_hits;
            if (rare)
              searches_rare++;
            else
              searches_walked++;
            if (hits == 0)
              return TRUE;
          }
      }
  }

  /* the rest from the index, sorted (rowid + 0: not in the ids'
   * order, which would walk the rest one by one), in windows ten
   * times the first, then eight times larger each: the server reads
   * the rows of the window's hits only (the index's hits and the
   * window's ids, ANDed), not of every hit of a word in every year */
  sql = g_string_new (select_hits);
  g_string_append (sql, "WHERE f.words @@ crm_search_query (?5)");
  _crm_tickets_append_filters (sql, filter);
  /* a rare word's hits, all of them: the bound filters them, rather
   * than a bitmap of every id below it ANDed with theirs */
  g_string_append (sql, rare ? " AND f.rowid + 0 < ?13 AND f.rowid + 0 >= ?14 ORDER BY f.rowid + 0 DESC LIMIT ?12"
                             : " AND f.rowid < ?13 AND f.rowid >= ?14 ORDER BY f.rowid + 0 DESC LIMIT ?12");
  {
    gint64 window = !rare ? search_window * 10 : G_MAXINT64;
    gint64 lower = !rare ? MAX (below - window, 0) : 0;

    /* a rare word's every hit, in one go */
    if (rare)
      limit = rare_hits;

    for (;;)
      {
        rows = collect_some_hits (self, g_intern_string (sql->str), filter, match, limit, &below, lower,
                                  max, ids, seen, error);
        if (rows < 0)
          return FALSE;
        if (ids->len >= max)
          return TRUE;
        if (rows == limit)
          /* more in this window, before the oldest hit read */
          limit *= 4;
        else if (lower > 0)
          {
            below = lower;
            window *= 8;
            lower = MAX (below - window, 0);
          }
        else
          return TRUE;
      }
  }
}

/* The ticket a search for a number names ("#123", as lists show it), followed
 * to the one it was merged into, added first when the filters let it
 * through. */
static gboolean
add_numbered (CrmTicketStore         *self,
              const CrmTicketFilter  *filter,
              GArray                 *ids,
              GHashTable             *seen,
              GError                **error)
{
  g_autofree char *text = g_strstrip (g_strdup (filter->search));
  g_autoptr(GString) sql = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  const char *digits = text + 1;
  gboolean row = FALSE;
  gint64 id;

  if (text[0] != '#' || *digits == '\0' || strspn (digits, "0123456789") != strlen (digits) || strlen (digits) > 15)
    return TRUE;
  id = _crm_tickets_follow_merges (self, g_ascii_strtoll (digits, NULL, 10));

  sql = g_string_new ("SELECT t.id FROM tickets t WHERE t.id = ?15");
  _crm_tickets_append_filters (sql, filter);
  if (!(stmt = _crm_store_prepare (self, g_intern_string (sql->str), error)))
    return FALSE;
  _crm_tickets_bind_filters (stmt, filter);
  crm_statement_bind_int64 (stmt, 15, id);
  if (!_crm_store_step_row (self, stmt, &row, error))
    return FALSE;
  if (row)
    {
      g_array_append_val (ids, id);
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
    }

  return TRUE;
}

/* A search holds the tickets of the newest matching mail first, and
 * among them first those where the words stand whole: the hits are
 * walked in the search index's own order, so a screen costs as many
 * hits as it takes to fill it, however common the words. Only when
 * whole words do not fill it are the words taken as the start of
 * words (the last still being typed), asked for as the words they
 * start, walked the same way (mail_search_queries()). At most @max
 * tickets (0: all). */
GArray *
_crm_tickets_search_ticket_ids (CrmTicketStore         *self,
                                const CrmTicketFilter  *filter,
                                guint                   max,
                                GError                **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) words = search_words (filter->search);
  g_autoptr(GPtrArray) scan = NULL;
  g_auto(MailTokenizer) tokenizer = { { NULL, NULL, NULL }, NULL };
  g_autofree char *whole = NULL;
  g_autofree char *prefix = NULL;
  gboolean done = FALSE;

  /* a ticket's number ("#123") finds that ticket first, or the
   * one it was merged into (TK19), as the other filters let it through */
  if (!add_numbered (self, filter, ids, seen, error))
    return NULL;
  if (words == NULL || (max > 0 && ids->len >= max))
    return g_steal_pointer (&ids);

  whole = mail_whole_query (words);
  if (!collect_hits (self, filter, whole, max, ids, seen, error))
    return NULL;
  if (max > 0 && ids->len >= max)
    return g_steal_pointer (&ids);

  mail_tokenizer_open (self, &tokenizer);
  if (!mail_prefix_query (self, words, &tokenizer, &prefix, &scan, error))
    return NULL;
  /* a screenful or a list (not every ticket): first the newest mail */
  if (prefix != NULL && scan != NULL && max > 0 &&
      !scan_hits (self, filter, &tokenizer, scan, max, ids, seen, &done, error))
    return NULL;
  if (prefix != NULL && !done && !collect_hits (self, filter, prefix, max, ids, seen, error))
    return NULL;

  return g_steal_pointer (&ids);
}

/* The query of the mail index that finds the mail @search finds (every
 * word the start of a word of one message), for a saved view's
 * conditions on one ticket at a time (crm-ticket-store-filters.c):
 * the words as the terms they start where they are few, so that the
 * index seeks a message's hits instead of gathering every hit of every
 * word a prefix starts; else the index's own prefix query. On
 * PostgreSQL, crm_normalize_search_text ()'s, for crm_search_query ().
 * *@match is %NULL when @search holds no word. */
gboolean
_crm_tickets_search_match (CrmTicketStore  *self,
                           const char      *search,
                           char           **match,
                           GError         **error)
{
  g_autoptr(GPtrArray) words = search_words (search);
  g_auto(MailTokenizer) tokenizer = { { NULL, NULL, NULL }, NULL };
  g_autoptr(GPtrArray) scan = NULL;
  g_autofree char *prefix = NULL;

  *match = NULL;
  if (words == NULL)
    return TRUE;
  if (crm_database_get_dialect (_crm_store_db (self)) == CRM_DIALECT_POSTGRESQL)
    {
      *match = crm_normalize_search_text (search);
      return TRUE;
    }

  mail_tokenizer_open (self, &tokenizer);
  if (!mail_prefix_query (self, words, &tokenizer, &prefix, &scan, error))
    return FALSE;
  /* no prefix query: each word starts only itself, or one starts no
   * word of any mail (then the whole words find nothing either) */
  *match = prefix != NULL ? g_steal_pointer (&prefix) : mail_whole_query (words);

  return TRUE;
}

/* Whether one ticket's mail has @search, read from the ticket's own
 * messages (SQLite): each message's subject, body and addresses, as the
 * index holds them, cut into words by the index's own tokenizer, every
 * word of the search the start of one of them, as the index's prefix
 * query would tell (scan_hits () does the same for the newest mail). A
 * ticket's few messages cost tens of microseconds, where asking the
 * index for a word a prefix starts costs a seek of each term. */
struct _CrmTicketMailCheck
{
  CrmTicketStore *store;
  MailTokenizer   tokenizer;
  GPtrArray      *words;     /* folded, one term each */
  gboolean       *found;
};

void
_crm_ticket_mail_check_free (CrmTicketMailCheck *check)
{
  mail_tokenizer_close (&check->tokenizer);
  g_clear_pointer (&check->words, g_ptr_array_unref);
  g_free (check->found);
  g_free (check);
}

/* A check of @search, or %NULL where it cannot be made so (PostgreSQL,
 * no word, a word the tokenizer makes more than one term of): then the
 * index answers. */
CrmTicketMailCheck *
_crm_ticket_mail_check_new (CrmTicketStore *self,
                            const char     *search)
{
  g_autoptr(GPtrArray) words = search_words (search);
  CrmTicketMailCheck *check;

  if (words == NULL)
    return NULL;
  check = g_new0 (CrmTicketMailCheck, 1);
  check->store = self;
  if (!mail_tokenizer_open (self, &check->tokenizer) ||
      !(check->words = fold_search_words (&check->tokenizer, words)) ||
      g_ptr_array_find (check->words, NULL, NULL))
    {
      _crm_ticket_mail_check_free (check);
      return NULL;
    }
  check->found = g_new0 (gboolean, check->words->len);

  return check;
}

gboolean
_crm_ticket_mail_check_ticket (CrmTicketMailCheck  *check,
                               gint64               ticket_id,
                               gboolean            *matches,
                               GError             **error)
{
  g_autoptr(CrmStatement) stmt =
    _crm_store_prepare (check->store, "SELECT f.subject, f.body, f.addresses FROM messages m "
                                      "CROSS JOIN messages_fts f WHERE m.ticket_id = ?1 AND f.rowid = m.id",
                        error);
  int rc;

  *matches = FALSE;
  if (stmt == NULL)
    return FALSE;
  crm_statement_bind_int64 (stmt, 1, ticket_id);
  while (!*matches && (rc = crm_statement_step (stmt)) == CRM_STEP_ROW)
    {
      ScanRow row = { check->words, check->found, check->words->len };

      memset (check->found, 0, check->words->len * sizeof (gboolean));
      for (int column = 0; column < 3 && row.missing > 0; column++)
        {
          const char *text = crm_statement_get_text (stmt, column);
          int trc;

          if (text == NULL)
            continue;
          trc = check->tokenizer.api.xTokenize (check->tokenizer.instance, &row, FTS5_TOKENIZE_DOCUMENT, text,
                                                (int) strlen (text), scan_token_cb);
          if (trc != SQLITE_OK && trc != SQLITE_DONE)
            {
              g_set_error_literal (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_SQL, sqlite3_errstr (trc));
              return FALSE;
            }
        }
      *matches = row.missing == 0;
    }
  if (!*matches && rc != CRM_STEP_DONE)
    {
      _crm_store_set_sql_error (check->store, error);
      return FALSE;
    }

  return TRUE;
}
