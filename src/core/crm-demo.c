/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "crm-demo"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "crm-demo.h"
#include "crm-normalize.h"
#include "crm-store-private.h"

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

typedef struct
{
  guint    n_contacts;
  GRand   *rand;
  GArray  *managers;
  GArray  *companies;   /* ids */
  GPtrArray *company_names;
  GArray  *tag_ids;
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
step (CrmStore      *store,
      CrmStoreStmt  *stmt,
      GError       **error)
{
  return _crm_store_step_done (store, stmt, error);
}

static gint64
insert_contact (CrmStore    *store,
                const char  *kind,
                const char  *name,
                gint64       company_id,
                gint64       manager_id,
                gint64       now,
                GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = NULL;
  g_autofree char *sort_key = _crm_store_sort_key (name);

  stmt = _crm_store_prepare (store,
                             "INSERT INTO contacts (kind, name, sort_key, company_id, manager_id, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, sort_key, -1, SQLITE_STATIC);
  if (company_id != 0)
    sqlite3_bind_int64 (stmt, 4, company_id);
  if (manager_id != 0)
    sqlite3_bind_int64 (stmt, 5, manager_id);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_int64 (stmt, 7, now);

  if (!step (store, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (_crm_store_get_db (store));
}

static gboolean
insert_child (CrmStore    *store,
              const char  *sql,
              gint64       contact_id,
              const char  *value,
              const char  *norm,
              GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt = _crm_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, norm, -1, SQLITE_STATIC);

  return step (store, stmt, error);
}

static gboolean
index_row (CrmStore    *store,
           gint64       id,
           const char  *name,
           const char  *company,
           const char  *emails,
           const char  *phones,
           const char  *tags,
           GError     **error)
{
  g_autoptr(CrmStoreStmt) stmt =
    _crm_store_prepare (store,
                        "INSERT INTO contacts_fts (rowid, name, company, emails, phones, tags) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        error);
  g_autofree char *name_text = _crm_store_search_text (name);
  g_autofree char *company_text = _crm_store_search_text (company);
  g_autofree char *tags_text = _crm_store_search_text (tags);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, name_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, company_text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, emails, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, phones, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, tags_text, -1, SQLITE_STATIC);

  return step (store, stmt, error);
}

static gboolean
ensure_managers (CrmStore  *store,
                 Demo      *demo,
                 GError   **error)
{
  static const struct { const char *name; const char *email; } managers[] = {
    { "Joanna Wiśniewska", "joanna.wisniewska@crm.example" },
    { "Tomasz Lewandowski", "tomasz.lewandowski@crm.example" },
    { "Sarah Thompson", "sarah.thompson@crm.example" },
  };
  g_autoptr(CrmStoreStmt) stmt = NULL;

  stmt = _crm_store_prepare (store, "SELECT id FROM users WHERE role IN ('manager', 'admin') ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (demo->managers, id);
    }

  if (demo->managers->len > 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (managers); i++)
    {
      gint64 id = crm_store_add_user (store, managers[i].name, managers[i].email,
                                      CRM_ROLE_MANAGER, error);

      if (id == 0)
        return FALSE;
      g_array_append_val (demo->managers, id);
    }

  return TRUE;
}

static gboolean
ensure_tags (CrmStore  *store,
             Demo      *demo,
             GError   **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tag_names); i++)
    {
      g_autoptr(CrmStoreStmt) ins =
        _crm_store_prepare (store, "INSERT INTO tags (name) VALUES (?) ON CONFLICT (name) DO NOTHING", error);
      g_autoptr(CrmStoreStmt) sel = NULL;
      gint64 id;

      if (ins == NULL)
        return FALSE;
      sqlite3_bind_text (ins, 1, tag_names[i], -1, SQLITE_STATIC);
      if (!step (store, ins, error))
        return FALSE;

      sel = _crm_store_prepare (store, "SELECT id FROM tags WHERE name = ?", error);
      if (sel == NULL)
        return FALSE;
      sqlite3_bind_text (sel, 1, tag_names[i], -1, SQLITE_STATIC);
      if (sqlite3_step (sel) != SQLITE_ROW)
        return FALSE;
      id = sqlite3_column_int64 (sel, 0);
      g_array_append_val (demo->tag_ids, id);
    }

  return TRUE;
}

static void
make_phone (GRand   *rand,
            gboolean english,
            char    *buffer,
            gsize    size)
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
generate_tx (CrmStore  *store,
             gpointer   user_data,
             GError   **error)
{
  Demo *demo = user_data;
  GRand *rand = demo->rand;
  gint64 now = crm_clock_now_unix (crm_store_get_clock (store));
  guint n_companies = MAX (1, demo->n_contacts / 9);
  guint n_people = demo->n_contacts - MIN (n_companies, demo->n_contacts);

  if (!ensure_managers (store, demo, error) || !ensure_tags (store, demo, error))
    return FALSE;

  if (demo->n_contacts == 0)
    return TRUE;

  for (guint i = 0; i < n_companies && i < demo->n_contacts; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%s %s", PICK (rand, company_first),
                                               PICK (rand, company_second), PICK (rand, company_form));
      gint64 manager = g_array_index (demo->managers, gint64,
                                      g_rand_int_range (rand, 0, demo->managers->len));
      gint64 id = insert_contact (store, "company", name, 0, manager, now, error);

      if (id == 0 || !index_row (store, id, name, NULL, "", "", "", error))
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

      id = insert_contact (store, "person", name, company_id, manager, now, error);
      if (id == 0 ||
          !insert_child (store,
                         "INSERT INTO contact_emails (contact_id, position, address, address_norm) "
                         "VALUES (?1, 0, ?2, ?3)",
                         id, email, email, error) ||
          !insert_child (store,
                         "INSERT INTO contact_phones (contact_id, position, number, number_norm) "
                         "VALUES (?1, 0, ?2, ?3)",
                         id, phone, phone_norm, error))
        return FALSE;

      if (g_rand_int_range (rand, 0, 100) < 20)
        {
          guint t = g_rand_int_range (rand, 0, demo->tag_ids->len);
          g_autoptr(CrmStoreStmt) link =
            _crm_store_prepare (store, "INSERT INTO contact_tags (contact_id, tag_id) VALUES (?, ?)", error);

          if (link == NULL)
            return FALSE;
          sqlite3_bind_int64 (link, 1, id);
          sqlite3_bind_int64 (link, 2, g_array_index (demo->tag_ids, gint64, t));
          if (!step (store, link, error))
            return FALSE;
          tag = tag_names[t];
        }

      if (!index_row (store, id, name, company, email, phone_terms, tag, error))
        return FALSE;
    }

  return crm_store_append_history (store, "demo", 0, "generated", NULL, error);
}

/**
 * crm_demo_generate_contacts:
 * @store: a #CrmStore
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
crm_demo_generate_contacts (CrmStore  *store,
                            guint      n_contacts,
                            guint32    seed,
                            GError   **error)
{
  Demo demo = { 0 };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  demo.n_contacts = n_contacts;
  demo.rand = g_rand_new_with_seed (seed);
  demo.managers = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.companies = g_array_new (FALSE, FALSE, sizeof (gint64));
  demo.company_names = g_ptr_array_new_with_free_func (g_free);
  demo.tag_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  ok = crm_store_run_in_transaction (store, generate_tx, &demo, error);

  g_rand_free (demo.rand);
  g_array_unref (demo.managers);
  g_array_unref (demo.companies);
  g_ptr_array_unref (demo.company_names);
  g_array_unref (demo.tag_ids);

  if (ok)
    {
      _crm_store_emit_changed (store, "user", 0);
      _crm_store_emit_changed (store, "contact", 0);
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

typedef struct
{
  guint    n_tickets;
  guint    n_messages;
  GRand   *rand;
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

static gboolean
generate_tickets_tx (CrmStore  *store,
                     gpointer   user_data,
                     GError   **error)
{
  TicketDemo *demo = user_data;
  GRand *rand = demo->rand;
  gint64 now = crm_clock_now_unix (crm_store_get_clock (store));
  g_autoptr(GArray) users = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) clients = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) queues = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CrmStoreStmt) read = NULL;
  g_autoptr(CrmStoreStmt) ticket = NULL;
  g_autoptr(CrmStoreStmt) message = NULL;
  g_autoptr(CrmStoreStmt) fts = NULL;
  static const char *queue_names[] = { "Sprzedaż", "Wynajem", "Serwis" };
  guint per_ticket;
  guint extra;
  guint64 serial = (guint64) g_rand_int (rand) << 20;

  for (guint i = 0; i < G_N_ELEMENTS (queue_names); i++)
    {
      g_autoptr(CrmStoreStmt) queue =
        _crm_store_prepare (store, "INSERT OR IGNORE INTO queues (name, created_at) VALUES (?, ?)", error);

      if (queue == NULL)
        return FALSE;
      sqlite3_bind_text (queue, 1, queue_names[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (queue, 2, now);
      if (!step (store, queue, error))
        return FALSE;
    }

  if (!(read = _crm_store_prepare (store, "SELECT id FROM queues ORDER BY id", error)))
    return FALSE;
  while (sqlite3_step (read) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (read, 0);

      g_array_append_val (queues, id);
    }
  g_clear_pointer (&read, _crm_store_stmt_release);
  if (!(read = _crm_store_prepare (store, "SELECT id FROM users ORDER BY id", error)))
    return FALSE;
  while (sqlite3_step (read) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (read, 0);

      g_array_append_val (users, id);
    }
  g_clear_pointer (&read, _crm_store_stmt_release);
  if (!(read = _crm_store_prepare (store, "SELECT id FROM contacts WHERE kind = 'person' ORDER BY id LIMIT 50000",
                                   error)))
    return FALSE;
  while (sqlite3_step (read) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (read, 0);

      g_array_append_val (clients, id);
    }
  g_clear_pointer (&read, _crm_store_stmt_release);

  ticket = _crm_store_prepare (store,
                               "INSERT INTO tickets (subject, queue_id, status_id, priority_id, source, client_id, "
                               "client_address, assignee_id, created_at, updated_at, last_message_at, response_due, "
                               "resolution_due, has_mail) VALUES (?1, ?2, ?3, ?4, 'email', ?5, ?6, ?7, ?8, ?9, ?9, "
                               "?8 + 28800, ?8 + 172800, 1)",
                               error);
  message = _crm_store_prepare (store,
                                "INSERT INTO messages (account_id, direction, message_id, raw_hash, from_address, "
                                "to_addresses, subject, date, body_text, raw, created_at, ticket_id, thread_reason) "
                                "VALUES (NULL, ?1, ?2, ?3, ?4, 'biuro@example.com', ?5, ?6, ?7, ?8, ?6, ?9, NULL)",
                                error);
  fts = _crm_store_prepare (store, "INSERT INTO messages_fts (rowid, subject, body, addresses) VALUES (?, ?, ?, ?)",
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

      sqlite3_reset (ticket);
      sqlite3_clear_bindings (ticket);
      sqlite3_bind_text (ticket, 1, topic, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (ticket, 2, g_array_index (queues, gint64, g_rand_int_range (rand, 0, queues->len)));
      sqlite3_bind_int64 (ticket, 3, g_rand_int_range (rand, 1, 5));
      sqlite3_bind_int64 (ticket, 4, g_rand_int_range (rand, 1, 5));
      if (client != 0)
        sqlite3_bind_int64 (ticket, 5, client);
      else
        sqlite3_bind_text (ticket, 6, address, -1, SQLITE_STATIC);
      if (users->len > 0 && g_rand_int_range (rand, 0, 100) < 70)
        sqlite3_bind_int64 (ticket, 7, g_array_index (users, gint64, g_rand_int_range (rand, 0, users->len)));
      sqlite3_bind_int64 (ticket, 8, created);
      sqlite3_bind_int64 (ticket, 9, created + (gint64) n * 300);
      if (!step (store, ticket, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (_crm_store_get_db (store));

      for (guint m = 0; m < n; m++)
        {
          g_autofree char *body = demo_text (rand, g_rand_int_range (rand, 20, 80));
          g_autofree char *message_id = g_strdup_printf ("demo.%" G_GUINT64_FORMAT "@example.com", serial++);
          g_autofree char *raw = g_strdup_printf ("From: %s\r\nSubject: %s\r\nMessage-ID: <%s>\r\n\r\n%s\r\n",
                                                  address, topic, message_id, body);
          gint64 message_row;

          sqlite3_reset (message);
          sqlite3_bind_text (message, 1, m % 2 == 0 ? "in" : "out", -1, SQLITE_STATIC);
          sqlite3_bind_text (message, 2, message_id, -1, SQLITE_STATIC);
          sqlite3_bind_text (message, 3, "", -1, SQLITE_STATIC);
          sqlite3_bind_text (message, 4, m % 2 == 0 ? address : "biuro@example.com", -1, SQLITE_STATIC);
          sqlite3_bind_text (message, 5, topic, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (message, 6, created + (gint64) m * 300);
          sqlite3_bind_text (message, 7, body, -1, SQLITE_STATIC);
          sqlite3_bind_blob (message, 8, raw, strlen (raw), SQLITE_STATIC);
          sqlite3_bind_int64 (message, 9, id);
          if (!step (store, message, error))
            return FALSE;
          message_row = sqlite3_last_insert_rowid (_crm_store_get_db (store));

          sqlite3_reset (fts);
          sqlite3_bind_int64 (fts, 1, message_row);
          sqlite3_bind_text (fts, 2, topic, -1, SQLITE_STATIC);
          sqlite3_bind_text (fts, 3, body, -1, SQLITE_STATIC);
          sqlite3_bind_text (fts, 4, address, -1, SQLITE_STATIC);
          if (!step (store, fts, error))
            return FALSE;
        }
    }

  return crm_store_append_history (store, "demo", 0, "tickets", NULL, error);
}

/**
 * crm_demo_generate_tickets:
 * @store: a #CrmStore
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
crm_demo_generate_tickets (CrmStore  *store,
                           guint      n_tickets,
                           guint      n_messages,
                           guint32    seed,
                           GError   **error)
{
  TicketDemo demo = { n_tickets, n_messages, NULL };
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);

  demo.rand = g_rand_new_with_seed (seed);
  ok = crm_store_run_in_transaction (store, generate_tickets_tx, &demo, error);
  g_rand_free (demo.rand);

  if (ok)
    {
      _crm_store_emit_changed (store, "queue", 0);
      _crm_store_emit_changed (store, "ticket", 0);
    }

  return ok;
}
