/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-test-util.h"
#include "pg-fixture.h"

#include "crm.h"
#include "crm-demo.h"
#include "crm-ticket-store-private.h"
#include "crm-offer-store-private.h"

/* The ticket search over mail (TK): every word starts a word of a
 * message, whole words first, then newest first; a word being typed
 * is looked up as the words it starts, which must find what the
 * search index's own prefix query finds. */

typedef struct
{
  char     *dir;
  char     *path;
  CrmSession *session;
  gint64    queue;
  gint64    client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);

  fixture->dir = g_dir_make_tmp ("crm-ticket-search-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->session = crm_test_session_open (fixture->path, NULL, &error);
  g_assert_no_error (error);

  fixture->queue = crm_ticket_store_add_queue (crm_ticket_store_from_session (fixture->session), "Wynajem", &error);
  g_assert_no_error (error);
  crm_contact_set_name (client, "Zofia Kamińska");
  crm_contact_set_emails (client, (const char *[]) { "zofia@przyklad.pl", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  g_assert_no_error (error);
  fixture->client = crm_contact_get_id (client);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static gint64
request (Fixture    *fixture,
         const char *subject,
         const char *body)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session), subject, fixture->queue, fixture->client, body, "phone",
                                        &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

/* The tickets @search finds, in order, as "3 1 2" ("" for none). */
static char *
found (Fixture    *fixture,
       const char *search)
{
  g_autoptr(GError) error = NULL;
  CrmTicketFilter filter = { 0 };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  filter.search = search;
  ids = crm_ticket_store_list_ids (crm_ticket_store_from_session (fixture->session), &filter, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", g_array_index (ids, gint64, i));
  g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, ids->len);
  g_assert_no_error (error);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @want, up to its 0, as "3 1 2" */
static char *
ids_string (const gint64 *want)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; want[i] != 0; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", want[i]);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_found(fixture, search, ...) \
  G_STMT_START { \
    g_autofree char *got_ = found (fixture, search); \
    g_autofree char *want_ = ids_string ((const gint64[]) { __VA_ARGS__, 0 }); \
    g_assert_cmpstr (got_, ==, want_); \
  } G_STMT_END

static void
test_words (Fixture       *fixture,
            gconstpointer  data)
{
  gint64 balkon = request (fixture, "Balkon", "Czy balkon wychodzi na podwórze?");
  gint64 garaz = request (fixture, "Garaż podziemny", "Czy miejsce w garażu jest jeszcze wolne?");
  gint64 ogrod = request (fixture, "Dom z ogrodem", "Ogród od południa, dwa balkony.");
  gint64 remont = request (fixture, "Łazienka", "REMONT łazienki i BALKONU: proszę o wycenę.");

  /* whole words first, then the words they start, newest first */
  assert_found (fixture, "balkon", balkon, remont, ogrod);
  assert_found (fixture, "Balkony", ogrod);
  /* a word being typed: every word it starts, at any length */
  assert_found (fixture, "b", remont, ogrod, balkon);
  assert_found (fixture, "bal", remont, ogrod, balkon);
  assert_found (fixture, "BALK", remont, ogrod, balkon);
  assert_found (fixture, "balkonu", remont);
  assert_found (fixture, "balkonowy", 0);

  /* accents as typed or not, in the text and in the search */
  assert_found (fixture, "garaz", garaz);
  assert_found (fixture, "gara", garaz);
  assert_found (fixture, "GARAŻU", garaz);
  assert_found (fixture, "garażu", garaz);
  assert_found (fixture, "ogró", ogrod);
  assert_found (fixture, "ogrod", ogrod);
  assert_found (fixture, "południ", ogrod);
  assert_found (fixture, "podworze", balkon);
  assert_found (fixture, "PODWÓR", balkon);
  assert_found (fixture, "wycene", remont);
  assert_found (fixture, "łazien", remont);
  assert_found (fixture, "wycen", remont);

  /* every word must match; each may still be being typed */
  assert_found (fixture, "remont bal", remont);
  assert_found (fixture, "bal remont", remont);
  assert_found (fixture, "remont balkon", remont);
  assert_found (fixture, "remont ogr", 0);
  assert_found (fixture, "balkon zzz", 0);
  assert_found (fixture, "dom bal", ogrod);
  assert_found (fixture, "dom, balkony!", ogrod);

  /* the sender's name and address too */
  assert_found (fixture, "kamińsk garaz", garaz);
  assert_found (fixture, "kaminska prz", remont, ogrod, garaz, balkon);
  assert_found (fixture, "zofia@przyklad", remont, ogrod, garaz, balkon);

  /* nothing to search for: no search */
  assert_found (fixture, "\"*", remont, ogrod, garaz, balkon);

  /* a screenful for a word that starts many terms (the start of a
   * number), with words of the subject only, or of the sender only */
  {
    g_autoptr(GError) error = NULL;
    gint64 orders[70];
    static const struct { const char *search; guint every; } cases[] = {
      { "reklamacja nr8", 7 }, { "nr8 REKLAMAC", 7 }, { "kamińska nr80", 1 }, { "nr8", 1 }, { "nr80 zamowieni", 1 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
      {
        g_autofree char *body = g_strdup_printf ("Zamówienie nr8%03u.", i);

        orders[i] = request (fixture, i % 7 == 0 ? "Reklamacja" : "Zamówienie", body);
      }
    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        CrmTicketFilter filter = { 0 };
        g_autoptr(GListModel) page = NULL;
        guint n = 0;

        filter.search = cases[c].search;
        filter.limit = 5;
        page = crm_ticket_store_list (crm_ticket_store_from_session (fixture->session), &filter, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (g_list_model_get_n_items (page), ==, 5);
        for (guint i = G_N_ELEMENTS (orders); i-- > 0 && n < 5;)
          if (i % cases[c].every == 0)
            {
              g_autoptr(CrmTicket) ticket = g_list_model_get_item (page, n++);

              g_assert_cmpint (crm_ticket_get_id (ticket), ==, orders[i]);
            }
      }
  }
}

/* What the search index's own prefix query finds: the old search,
 * kept here as the reference; ids in the order the search gives. */
static GArray *
reference (Fixture    *fixture,
           const char *search)
{
  CrmDatabase *db = crm_session_get_database (fixture->session);
  g_autofree char *prefix = crm_normalize_search_text (search);
  g_autoptr(GString) whole = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *queries[2];

  for (const char *p = prefix; *p; p++)
    if (*p != '*')
      g_string_append_c (whole, *p);
  queries[0] = whole->str;
  queries[1] = prefix;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmStatement) stmt = NULL;
      CrmStep rc;

      /* the index's own query: FTS5's MATCH, or PostgreSQL's tsquery
       * over the stored words' GIN index (migrations-pg/0023) */
      stmt = crm_database_prepare (db,
                                   crm_database_get_dialect (db) == CRM_DIALECT_POSTGRESQL
                                   ? "SELECT m.ticket_id FROM messages_fts f "
                                     "JOIN messages m ON m.id = f.rowid "
                                     "JOIN tickets t ON t.id = m.ticket_id "
                                     "WHERE f.words @@ crm_search_query (?1) ORDER BY f.rowid DESC"
                                   : "SELECT m.ticket_id FROM messages_fts f "
                                     "JOIN messages m ON m.id = f.rowid "
                                     "JOIN tickets t ON t.id = m.ticket_id "
                                     "WHERE messages_fts MATCH ?1 ORDER BY f.rowid DESC",
                                   &error);
      g_assert_no_error (error);
      crm_statement_bind_text (stmt, 1, queries[q]);
      while ((rc = crm_statement_step (stmt)) == CRM_STEP_ROW && ids->len < 1000)
        {
          gint64 id = crm_statement_get_int64 (stmt, 0);

          if (!g_hash_table_contains (seen, &id))
            {
              g_array_append_val (ids, id);
              g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
            }
        }
      g_assert_cmpint (rc, !=, CRM_STEP_ERROR);
    }

  return ids;
}

static void
test_same_as_index (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const char *words[] = {
    /* demo words, with and without their accents, and a few of the
     * addresses (klientN@example.com: the start of a number starts
     * hundreds of terms, more than are looked up one by one) */
    "balkon", "mieszkanie", "łazienka", "garaż", "ogród", "dzień", "płatność", "metrów", "heating", "klient1",
    "example",
  };
  static const char *phrases[] = {
    "remont kuch", "tramwaj metr", "m k", "umowa naj", "dzien dob", "ogrod GARAŻ", "klient1 exa", "x", "zz",
    "budget morn", "Mieszkanie na Mokot", "faktura za mar", "1", "biuro", "kuchnia remont",
    /* a word of the subject only, or of the addresses, with one that
     * starts many terms */
    "mokot k", "k mokotowie", "dom kl", "example k", "klient ex", "nr7", "nr701", "zamowienie nr7", "nr7 fakt",
    "mieszkanie k", "k mieszkanie", "na k", "k dom",
  };
  g_autoptr(GPtrArray) searches = g_ptr_array_new_with_free_func (g_free);
  guint prefix_only = 0;
  guint walked_before, rare_before, walked, rare;
  gint64 demo_queue;

  /* orders, each a number of its own, older than all the demo's mail:
   * the start of their number starts many terms, none in the newest
   * mail */
  for (guint i = 0; i < 90; i++)
    {
      g_autofree char *body = g_strdup_printf ("Zamówienie nr%u, proszę o fakturę.", 70100 + i);

      request (fixture, "Zamówienie", body);
    }
  g_assert_true (crm_demo_generate_contacts (fixture->session, 200, 11, &error));
  g_assert_no_error (error);
  g_assert_true (crm_demo_generate_tickets (fixture->session, 300, 3000, 11, &error));
  g_assert_no_error (error);
  demo_queue = crm_ticket_store_find_queue (crm_ticket_store_from_session (fixture->session), "Serwis", &error);
  g_assert_no_error (error);
  g_assert_cmpint (demo_queue, >, 0);

  /* on PostgreSQL, the newest 10,000 messages are read one by one
   * before the index is asked for the older ones: here 250, so that a
   * screen takes both, and several rounds of each, for the same
   * tickets in the same order */
  _crm_tickets_set_search_window (250);
  _crm_tickets_count_search_ways (&walked_before, &rare_before);

  /* every start of every word, as it is typed */
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    for (const char *end = g_utf8_next_char (words[i]); ; end = g_utf8_next_char (end))
      {
        g_ptr_array_add (searches, g_strndup (words[i], end - words[i]));
        if (*end == '\0')
          break;
      }
  for (guint i = 0; i < G_N_ELEMENTS (phrases); i++)
    g_ptr_array_add (searches, g_strdup (phrases[i]));

  for (guint i = 0; i < searches->len; i++)
    {
      const char *search = g_ptr_array_index (searches, i);
      g_autoptr(GArray) want = reference (fixture, search);
      g_autoptr(GArray) got = NULL;
      g_autoptr(GListModel) page = NULL;
      CrmTicketFilter filter = { 0 };

      filter.search = search;
      got = crm_ticket_store_list_ids (crm_ticket_store_from_session (fixture->session), &filter, NULL, &error);
      g_assert_no_error (error);
      if (got->len != want->len || (got->len > 0 && memcmp (got->data, want->data, got->len * sizeof (gint64)) != 0))
        g_error ("“%s”: %u tickets found, the index's prefix query finds %u", search, got->len, want->len);
      g_assert_cmpuint (crm_ticket_store_count (crm_ticket_store_from_session (fixture->session), &filter, &error), ==, want->len);

      /* a screen of them, further down */
      filter.offset = 5;
      filter.limit = 20;
      page = crm_ticket_store_list (crm_ticket_store_from_session (fixture->session), &filter, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (page), ==, CLAMP ((int) want->len - 5, 0, 20));
      for (guint j = 0; j < g_list_model_get_n_items (page); j++)
        {
          g_autoptr(CrmTicket) ticket = g_list_model_get_item (page, j);

          g_assert_cmpint (crm_ticket_get_id (ticket), ==, g_array_index (want, gint64, j + 5));
        }

      /* a screen of those in one queue, from the top */
      {
        g_autoptr(GListModel) queued = NULL;
        g_autoptr(GArray) in_queue = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                             "SELECT queue_id = ?2 FROM tickets WHERE id = ?1", &error);

        g_assert_no_error (error);
        for (guint j = 0; j < want->len && in_queue->len < 10; j++)
          {
            crm_statement_reset (stmt);
            crm_statement_bind_int64 (stmt, 1, g_array_index (want, gint64, j));
            crm_statement_bind_int64 (stmt, 2, demo_queue);
            g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
            if (crm_statement_get_int (stmt, 0))
              g_array_append_val (in_queue, g_array_index (want, gint64, j));
          }

        filter.offset = 0;
        filter.limit = 10;
        filter.queue_id = demo_queue;
        queued = crm_ticket_store_list (crm_ticket_store_from_session (fixture->session), &filter, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (g_list_model_get_n_items (queued), ==, in_queue->len);
        for (guint j = 0; j < in_queue->len; j++)
          {
            g_autoptr(CrmTicket) ticket = g_list_model_get_item (queued, j);

            g_assert_cmpint (crm_ticket_get_id (ticket), ==, g_array_index (in_queue, gint64, j));
          }
      }

      if (want->len > 0)
        prefix_only++;
    }
  /* the searches find something, not all the same thing */
  g_assert_cmpuint (prefix_only, >, searches->len / 2);

  /* on PostgreSQL both ways were taken: words common enough to walk
   * the mail for, and rare ones whose hits the index gave at once */
  _crm_tickets_count_search_ways (&walked, &rare);
  if (crm_database_get_dialect (crm_session_get_database (fixture->session)) == CRM_DIALECT_POSTGRESQL)
    {
      g_test_message ("searches walked on: %u, rare: %u", walked - walked_before, rare - rare_before);
      g_assert_cmpuint (walked - walked_before, >, 0);
      g_assert_cmpuint (rare - rare_before, >, 0);
    }
}

typedef struct
{
  GArray   *changes;   /* position, removed, added, complete */
} Changes;

static void
list_changed_cb (GListModel *model,
                 guint       position,
                 guint       removed,
                 guint       added,
                 Changes    *changes)
{
  guint change[4] = { position, removed, added, crm_paged_list_get_complete (CRM_PAGED_LIST (model)) };

  g_array_append_vals (changes->changes, change, 4);
}

/* On the team's server, a ticket list's first reading, and each new
 * filter's, shows its first page, with its rows, before every id is
 * read; the rest then comes after it, in the order of the whole. */
static void
test_head_first (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicketList) list = NULL;
  g_autoptr(GArray) all = NULL;
  Changes changes = { g_array_new (FALSE, FALSE, sizeof (guint)) };
  CrmTicketFilter filter = { 0 };

  g_assert_true (crm_demo_generate_contacts (fixture->session, 50, 3, &error));
  g_assert_true (crm_demo_generate_tickets (fixture->session, 260, 600, 3, &error));
  g_assert_no_error (error);
  all = crm_ticket_store_list_ids (crm_ticket_store_from_session (fixture->session), &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, 200);

  list = crm_ticket_list_new (fixture->session);
  g_signal_connect (list, "items-changed", G_CALLBACK (list_changed_cb), &changes);
  crm_ticket_list_set_filter (list, &filter);
  g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));

  /* from a file, every id at once (a few milliseconds) */
  if (!crm_test_on_postgresql ())
    {
      g_assert_cmpuint (changes.changes->len, ==, 4);
      g_assert_cmpuint (g_array_index (changes.changes, guint, 2), ==, all->len);
      g_assert_true (g_array_index (changes.changes, guint, 3));
      g_array_unref (changes.changes);
      return;
    }

  /* from the team's server, the head, incomplete, then the rest after
   * it */
  g_assert_cmpuint (changes.changes->len, ==, 8);
  g_assert_cmpuint (g_array_index (changes.changes, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (changes.changes, guint, 1), ==, 0);
  g_assert_cmpuint (g_array_index (changes.changes, guint, 2), ==, 100);
  g_assert_false (g_array_index (changes.changes, guint, 3));
  g_assert_cmpuint (g_array_index (changes.changes, guint, 4), ==, 100);
  g_assert_cmpuint (g_array_index (changes.changes, guint, 5), ==, 0);
  g_assert_cmpuint (g_array_index (changes.changes, guint, 6), ==, all->len - 100);
  g_assert_true (g_array_index (changes.changes, guint, 7));
  g_assert_true (crm_paged_list_get_complete (CRM_PAGED_LIST (list)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, all->len);
  for (guint i = 0; i < all->len; i += 37)
    g_assert_cmpint (crm_paged_list_find_id (CRM_PAGED_LIST (list), g_array_index (all, gint64, i)), ==, i);

  /* a new filter (a search typed): its head in place of what was
   * shown, incomplete, then the rest after it */
  g_array_set_size (changes.changes, 0);
  filter.open_only = TRUE;
  crm_ticket_list_set_filter (list, &filter);
  g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
  {
    g_autoptr(GArray) open = crm_ticket_store_list_ids (crm_ticket_store_from_session (fixture->session), &filter, NULL,
                                                        &error);

    g_assert_no_error (error);
    g_assert_cmpuint (open->len, >, 100);
    g_assert_cmpuint (changes.changes->len, >=, 8);
    g_assert_cmpuint (g_array_index (changes.changes, guint, 0), ==, 0);
    g_assert_cmpuint (g_array_index (changes.changes, guint, 1), ==, all->len);
    g_assert_cmpuint (g_array_index (changes.changes, guint, 2), ==, 100);
    g_assert_false (g_array_index (changes.changes, guint, 3));
    g_assert_true (g_array_index (changes.changes, guint, changes.changes->len - 1));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, open->len);
    for (guint i = 0; i < open->len; i += 23)
      g_assert_cmpint (crm_paged_list_find_id (CRM_PAGED_LIST (list), g_array_index (open, gint64, i)), ==, i);
  }
  g_array_unref (changes.changes);
}

/* The list holds what a full reading would give, in the same order. */
static void
assert_list_is (CrmTicketList         *list,
                CrmSession            *session,
                const CrmTicketFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = crm_ticket_store_list_ids (crm_ticket_store_from_session (session), filter, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (crm_paged_list_find_id (CRM_PAGED_LIST (list), g_array_index (ids, gint64, i)), ==, i);
}

/* On the team's server, a ticket that changed is placed where it stands
 * now in a list of tens of thousands (a count on the list's index),
 * without every id read again: closed, it leaves the list of open
 * tickets; reopened, it comes back in its place; its priority changed,
 * it stays. From a file every id is read again (a few milliseconds).
 * Either way the list is what a full reading gives. */
static void
test_located (Fixture       *fixture,
              gconstpointer  data)
{
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicketList) list = NULL;
  g_autoptr(CrmTicket) middle = NULL;
  CrmTicketFilter open = { .open_only = TRUE };
  CrmTicketFilter oldest = { .open_only = TRUE, .oldest_first = TRUE };
  guint whole, located, whole_after, located_after;
  const char *steps[][2] = { { "Closed", NULL }, { "Open", NULL }, { NULL, "High" } };

  g_assert_true (crm_demo_generate_contacts (fixture->session, 50, 3, &error));
  g_assert_true (crm_demo_generate_tickets (fixture->session, 260, 600, 3, &error));
  g_assert_no_error (error);

  for (guint order = 0; order < 2; order++)
    {
      const CrmTicketFilter *filter = order == 0 ? &open : &oldest;

      g_clear_object (&list);
      g_clear_object (&middle);
      list = crm_ticket_list_new (fixture->session);
      crm_ticket_list_set_filter (list, filter);
      g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
      assert_list_is (list, fixture->session, filter);
      middle = g_list_model_get_item (G_LIST_MODEL (list), g_list_model_get_n_items (G_LIST_MODEL (list)) / 2);

      for (guint step = 0; step < G_N_ELEMENTS (steps); step++)
        {
          _crm_paged_list_count_reads (&whole, &located);
          g_assert_true (crm_ticket_store_set (store, crm_ticket_get_id (middle), steps[step][0], NULL, steps[step][1],
                                               NULL, NULL, &error));
          g_assert_no_error (error);
          crm_test_iterate ();
          g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
          _crm_paged_list_count_reads (&whole_after, &located_after);
          assert_list_is (list, fixture->session, filter);
          /* closed: gone from the open ones; back, in its place */
          g_assert_cmpuint (crm_paged_list_find_id (CRM_PAGED_LIST (list), crm_ticket_get_id (middle)) == G_MAXUINT,
                            ==, step == 0);
          if (crm_test_on_postgresql ())
            {
              g_assert_cmpuint (located_after, ==, located + 1);
              g_assert_cmpuint (whole_after, ==, whole);
            }
          else
            g_assert_cmpuint (located_after, ==, located);
        }
    }
}

/* Lists read through a few readers the session keeps between their
 * readings, not a connection each for as long as they live: on a team's
 * server each connection counts against the server's limit for the
 * whole office. */
static void
test_few_connections (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lists = g_ptr_array_new_with_free_func (g_object_unref);
  const char *statuses[] = { NULL, "New", "Open", "Pending", "Closed", NULL };

  g_assert_true (crm_demo_generate_contacts (fixture->session, 20, 3, &error));
  g_assert_true (crm_demo_generate_tickets (fixture->session, 60, 120, 3, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      CrmTicketList *list = crm_ticket_list_new (fixture->session);
      CrmTicketFilter filter = { .status = statuses[i], .open_only = i == G_N_ELEMENTS (statuses) - 1 };

      crm_ticket_list_set_filter (list, &filter);
      g_ptr_array_add (lists, list);
    }
  for (guint i = 0; i < lists->len; i++)
    g_assert_true (crm_paged_list_wait (g_ptr_array_index (lists, i), 10000));
  for (guint i = 0; i < lists->len; i++)
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (g_ptr_array_index (lists, i))), >, 0);

  if (crm_test_on_postgresql ())
    {
      /* a connection closed is gone from the server a moment later */
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      gint64 n;

      do
        {
          g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                               "SELECT count (*) FROM pg_stat_activity "
                                                               "WHERE datname = current_database ()", &error);

          g_assert_no_error (error);
          g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
          n = crm_statement_get_int64 (stmt, 0);
          if (n > 3)
            g_usleep (50 * 1000);
        }
      while (n > 3 && g_get_monotonic_time () < deadline);
      /* the session's own, and at most two readers kept */
      g_assert_cmpint (n, <=, 3);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ticket-search/words", test_words);
  ADD ("/ticket-search/same-as-index", test_same_as_index);
  ADD ("/ticket-list/head-first", test_head_first);
  ADD ("/ticket-list/located", test_located);
  ADD ("/ticket-list/few-connections", test_few_connections);

#undef ADD

  return g_test_run ();
}
