/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <sqlite3.h>

#include "crm.h"

/* Normalisation of e-mail addresses, phone numbers and search text:
 * pure functions, no database. */

static void
test_email_valid (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "anna@example.com", "anna@example.com" },
    { "Anna@Example.COM", "anna@example.com" },
    { "  anna@example.com\t", "anna@example.com" },
    { "\n ANNA.NOWAK+crm@Sub.Example.PL ", "anna.nowak+crm@sub.example.pl" },
    { "  Jan.Kowalski@Przykład.PL ", "jan.kowalski@przykład.pl" },
    { "ŁUCJA@ŻABKA.PL", "łucja@żabka.pl" },
    { "o'brien@example.ie", "o'brien@example.ie" },
    { "a@b-c.example.com", "a@b-c.example.com" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = crm_normalize_email (cases[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (norm, ==, cases[i].out);
    }
}

static void
test_email_invalid (void)
{
  static const char *cases[] = {
    "", "   ", "plain", "@example.com", "anna@", "a@b", "a@@b.com", "a@b@c.com",
    "a b@c.com", "a\tb@c.com", "a@b c.com", "a@b..com", "a@.b.com", "a@b.com.",
    "<a@b.com>", "a,b@c.com", "a;b@c.com", "a@b_c.com", "a@(b).com",
    "Anna Nowak <anna@example.com>", "anna@example.com, jan@example.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = crm_normalize_email (cases[i], &error);

      if (norm != NULL)
        g_error ("“%s” was accepted as “%s”", cases[i], norm);
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
    }

  /* longer than the 254 characters an address may have */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *local = g_strnfill (250, 'a');
    g_autofree char *address = g_strconcat (local, "@example.com", NULL);
    g_autofree char *norm = crm_normalize_email (address, &error);

    g_assert_null (norm);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  }
}

/* An address as mail programs write it, with its owner's name
 * (issue 10, defect 9). */
static void
test_mailbox (void)
{
  static const struct { const char *in; const char *address; const char *name; } cases[] = {
    { "anna@example.com", "anna@example.com", NULL },
    { "  Anna@Example.com ", "anna@example.com", NULL },
    { "Małgorzata Zielińska-Dąbrowska <Gosia.ZD@example.com>", "gosia.zd@example.com",
      "Małgorzata Zielińska-Dąbrowska" },
    { "\"Kowalska, Anna\" <anna@example.com>", "anna@example.com", "Kowalska, Anna" },
    { "\"Anna \\\"Ania\\\" Nowak\" <anna@example.com>", "anna@example.com", "Anna \"Ania\" Nowak" },
    { "<anna@example.com>", "anna@example.com", NULL },
    { "anna@example.com <anna@example.com>", "anna@example.com", NULL },
    { " \"\" <anna@example.com>", "anna@example.com", NULL },
  };
  static const char *invalid[] = {
    "", "Anna", "Anna <>", "Anna <anna>", "Anna <anna@example.com", "Anna <a b@example.com>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *address = crm_normalize_mailbox (cases[i].in, &name, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (address, ==, cases[i].address);
      g_assert_cmpstr (name, ==, cases[i].name);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *address = crm_normalize_mailbox (invalid[i], &name, &error);

      if (address != NULL)
        g_error ("“%s” was accepted as “%s”", invalid[i], address);
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
      g_assert_null (name);
    }
}

static void
test_phone_valid (void)
{
  static const struct { const char *in; const char *country; const char *out; } cases[] = {
    /* Poland: no trunk prefix */
    { "601 234 567", "PL", "+48601234567" },
    { "601-234-567", "PL", "+48601234567" },
    { "601234567", "pl", "+48601234567" },
    { "  601.234.567", "PL", "+48601234567" },
    { "(12) 345 67 89", "PL", "+48123456789" },
    { "12/345 67 89", "PL", "+48123456789" },
    /* international forms ignore the country */
    { "+48 601-234-567", "PL", "+48601234567" },
    { "0048601234567", "PL", "+48601234567" },
    { "00 48 601 234 567", "HU", "+48601234567" },
    { "+48601234567", "GB", "+48601234567" },
    { "+44 7700 900123", "PL", "+447700900123" },
    { "+36 30 123 4567", "PL", "+36301234567" },
    { "+7 495 123-45-67", "HU", "+74951234567" },
    /* Hungary: trunk prefix 06 */
    { "06 30 123 4567", "HU", "+36301234567" },
    { "06-1-234-5678", "HU", "+3612345678" },
    { "30 123 4567", "HU", "+36301234567" },
    /* Russia: trunk prefix 8 */
    { "8 (495) 123-45-67", "RU", "+74951234567" },
    { "8 912 345 67 89", "RU", "+79123456789" },
    { "(495) 123-45-67", "RU", "+74951234567" },
    /* United Kingdom: trunk prefix 0 */
    { "07700 900123", "GB", "+447700900123" },
    { "020 7946 0018", "GB", "+442079460018" },
    /* the same national digits read in other countries */
    { "601 234 567", "HU", "+36601234567" },
    { "601 234 567", "GB", "+44601234567" },
    /* no country known: bare digits */
    { "601234567", NULL, "601234567" },
    { "601 234 567", "XX", "601234567" },
    { "06 30 123 4567", NULL, "06301234567" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = crm_normalize_phone (cases[i].in, cases[i].country, &error);

      if (error != NULL)
        g_error ("“%s” (%s): %s", cases[i].in, cases[i].country, error->message);
      g_assert_cmpstr (norm, ==, cases[i].out);
    }
}

static void
test_phone_invalid (void)
{
  static const char *cases[] = {
    "", "   ", "+", "12345", "123 45", "+48", "0048", "abc", "601-ABC-567",
    "601 234 567 ext", "601 234 567 x12", "601_234_567", "601,234,567", "+48 601 234 567 890 123 4",
    "1234567890123456", "601+234+567", "++48601234567", "tel:601234567",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *norm = crm_normalize_phone (cases[i], "PL", &error);

      if (norm != NULL)
        g_error ("“%s” was accepted as “%s”", cases[i], norm);
      g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i]));
    }

  /* fifteen digits is the most E.164 allows, with the country code */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *norm = crm_normalize_phone ("+123456789012345", "PL", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (norm, ==, "+123456789012345");
    g_clear_pointer (&norm, g_free);

    norm = crm_normalize_phone ("1234567890123", "PL", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (norm, ==, "+481234567890123");
    g_clear_pointer (&norm, g_free);

    /* fourteen national digits and the country code make sixteen */
    norm = crm_normalize_phone ("12345678901234", "PL", &error);
    g_assert_null (norm);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  }
}

static void
test_phone_countries (void)
{
  const char * const *countries = crm_phone_countries ();
  g_autofree char *label = crm_phone_country_dup_label ("HU");
  g_autofree char *unknown = crm_phone_country_dup_label ("XX");

  g_assert_cmpstr (label, ==, "Hungary (+36)");
  g_assert_null (unknown);
  g_assert_true (crm_phone_country_is_known ("pl"));
  g_assert_true (crm_phone_country_is_known ("GB"));
  g_assert_false (crm_phone_country_is_known ("XX"));
  g_assert_false (crm_phone_country_is_known (NULL));
  g_assert_cmpstr (crm_phone_country_code ("RU"), ==, "7");
  g_assert_cmpstr (crm_phone_country_code ("PL"), ==, "48");
  g_assert_null (crm_phone_country_code ("XX"));

  g_assert_true (g_strv_contains (countries, "PL"));
  g_assert_true (g_strv_contains (countries, "HU"));
  g_assert_true (g_strv_contains (countries, "RU"));
  g_assert_true (g_strv_contains (countries, "GB"));
  for (guint i = 0; countries[i] != NULL; i++)
    {
      g_autofree char *country_label = crm_phone_country_dup_label (countries[i]);

      g_assert_nonnull (crm_phone_country_code (countries[i]));
      g_assert_nonnull (country_label);
    }
}

static void
test_search_text (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "anna", "\"anna\"*" },
    { "  Anna   NOWAK ", "\"anna\"* \"nowak\"*" },
    { "Łukasz", "\"łukasz\"*" },
    { "jan \"OR\" NEAR(x* kow-", "\"jan\"* \"or\"* \"near\"* \"x\"* \"kow\"*" },
    { "anna AND NOT nowak", "\"anna\"* \"and\"* \"not\"* \"nowak\"*" },
    { "name:anna", "\"name\"* \"anna\"*" },
    { "{name emails}: ^anna", "\"name\"* \"emails\"* \"anna\"*" },
    { "-anna +nowak", "\"anna\"* \"nowak\"*" },
    { "a.nowak@firma.pl", "\"a\"* \"nowak\"* \"firma\"* \"pl\"*" },
    { "601 234-567", "\"601\"* \"234\"* \"567\"*" },
    { "\"\"\"anna", "\"anna\"*" },
  };
  static const char *empty[] = { "", "   ", " -*\" ", "\"", "()", "*", "^:+-" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *query = crm_normalize_search_text (cases[i].in);

      g_assert_cmpstr (query, ==, cases[i].out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    {
      g_autofree char *query = crm_normalize_search_text (empty[i]);

      g_assert_null (query);
    }

  g_assert_null (crm_normalize_search_text (NULL));
}

/* Whatever is typed, the query is valid FTS5 syntax. */
static void
test_search_text_is_valid_fts (void)
{
  static const char *inputs[] = {
    "anna", "\"", "\"\"", "a\"b", "OR", "AND", "NOT", "NEAR", "NEAR(a b, 2)", "a OR b",
    "a AND NOT b", "*", "a*", "^a", "name:a", "{name}:a", "(a", "a)", "+a", "-a",
    "a - b", "'", "`", "\\", "a\\\"b", "łukasz żabka", "日本", "🙂 anna",
  };
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE VIRTUAL TABLE t USING fts5 (name, tokenize = 'unicode61 remove_diacritics 2');"
                                 "INSERT INTO t (name) VALUES ('Anna Nowak'), ('Łukasz Żabka');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *query = crm_normalize_search_text (inputs[i]);
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (query == NULL)
        continue;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM t WHERE t MATCH ?", -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        g_error ("“%s” → %s: %s", inputs[i], query, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/normalize/email/valid", test_email_valid);
  g_test_add_func ("/normalize/email/invalid", test_email_invalid);
  g_test_add_func ("/normalize/mailbox", test_mailbox);
  g_test_add_func ("/normalize/phone/valid", test_phone_valid);
  g_test_add_func ("/normalize/phone/invalid", test_phone_invalid);
  g_test_add_func ("/normalize/phone/countries", test_phone_countries);
  g_test_add_func ("/normalize/search-text", test_search_text);
  g_test_add_func ("/normalize/search-text/valid-fts", test_search_text_is_valid_fts);

  return g_test_run ();
}
