/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "crm.h"
#include "crmctl-test-util.h"

/* crmctl's referrals (issue 16; CRMCTL.md, "Referrals"): investments,
 * a broker's form and its link, the referrals the form server stores
 * (here through the store, as the form server does) listed with their
 * filters, shown with similar records, accepted and rejected with the
 * comment queued for the broker, a message, the reveal and its audit,
 * the purge after the retention (CRM_NOW moved), the settings, the
 * form key exported and imported; bad input, exit status 2. The form
 * key and the account's password are in a real GNOME Keyring. */

/* Runs crmctl --json with CRM_NOW set to @now (NULL: the real time). */
static void
crmctl_at (CrmctlFixture *fixture,
           Run           *run,
           const char    *now,
           const char    *input,
           ...)
{
  va_list ap;

  g_setenv ("CRM_NOW", now != NULL ? now : "", TRUE);
  va_start (ap, input);
  crmctl_valist (run, fixture->dir, input, FALSE, TRUE, ap);
  va_end (ap);
  g_setenv ("CRM_NOW", "", TRUE);
}

#define NOW "2026-06-01T09:00:00Z"

#define J(run, ...) crmctl_at (fixture, run, NOW, NULL, __VA_ARGS__, NULL)

static gint64
member_int (JsonNode   *node,
            const char *member)
{
  return json_object_get_int_member (json_node_get_object (node), member);
}

static const char *
member_text (JsonNode   *node,
             const char *member)
{
  return json_object_get_string_member (json_node_get_object (node), member);
}

/* What the form server does with a filled form: the store's submit, on
 * the data directory's database. */
static gint64
submit (CrmctlFixture *fixture,
        const char    *submission_id,
        const char    *client_name,
        const char    *phone,
        const char    *pesel,
        gint64         investment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (NOW, NULL);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (now);
  g_autoptr(CrmSession) session = crm_session_open_file (path, clock, &error);
  g_autoptr(CrmReferralSubmission) filled = crm_referral_submission_new ();
  gint64 id;

  g_assert_no_error (error);
  filled->form_id = 1;
  filled->submission_id = g_strdup (submission_id);
  filled->investment_id = investment;
  filled->client_name = g_strdup (client_name);
  filled->phone = g_strdup (phone);
  filled->pesel = g_strdup (pesel);
  filled->advisor_name = g_strdup ("Marta Pośredniczka");
  filled->advisor_email = g_strdup ("marta@dompartner.example");
  filled->consent = TRUE;
  id = crm_referral_store_submit (crm_referral_store_from_session (session), filled, NULL, &error);
  g_assert_no_error (error);

  return id;
}

static char *
write_file (CrmctlFixture *fixture,
            const char    *name,
            const char    *text)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  return path;
}

static void
test_referrals (CrmctlFixture *fixture,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *comment = write_file (fixture, "comment.txt", "Zapraszamy klienta na spotkanie.\n");
  g_autofree char *refusal = write_file (fixture, "refusal.txt", "Klient jest już u nas.\n");
  g_autofree char *body = write_file (fixture, "body.txt", "Czy klient ma kredyt?\n");
  g_autofree char *key = NULL;
  JsonArray *array;
  JsonObject *shown, *similar, *client;
  gint64 first, second, third;

  J (&run, "users", "add", "--name", "Ewa Admin", "--email", "ewa@example.com", "--role", "admin");
  g_assert_cmpint (run.status, ==, 0);
  J (&run, "users", "add", "--name", "Adam Agent", "--email", "adam@example.com", "--role", "agent");
  g_assert_cmpint (run.status, ==, 0);
  crmctl_at (fixture, &run, NOW, "pass word\n", "account", "add", "--address", "biuro@example.com", "--imap-host",
             "127.0.0.1", "--imap-security", "none", "--smtp-host", "127.0.0.1", "--smtp-security", "none",
             "--username", "office", "--password-stdin", "--allow-insecure", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* investments */
  J (&run, "investments", "add", "Osiedle Zielone");
  g_assert_cmpint (member_int (run.json, "id"), ==, 1);
  J (&run, "investments", "add", "osiedle zielone");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "osiedle zielone"));
  J (&run, "investments", "list");
  array = json_node_get_array (run.json);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "name"), ==,
                   "Osiedle Zielone");

  /* a form and its link */
  J (&run, "forms", "add", "--broker-name", "Dom Partner", "--broker-email", "biuro@dompartner.example",
     "--broker-phone", "12 345 67 89", "--name", "Dom Partner Kraków", "--expires", "2027-01-01", "--as", "ewa@example.com");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (member_int (run.json, "id"), ==, 1);
  g_assert_true (g_str_has_prefix (member_text (run.json, "url"), "http://127.0.0.1:8088/f/"));
  J (&run, "forms", "add", "--broker-name", "X", "--broker-email", "not an address", "--name", "Zły");
  g_assert_cmpint (run.status, ==, 2);
  J (&run, "forms", "add", "--broker-name", "X", "--name", "Bez adresu");
  g_assert_cmpint (run.status, ==, 2);
  J (&run, "settings", "referral-forms-url", "https://formularze.example.pl/");
  g_assert_cmpstr (member_text (run.json, "referral_forms_url"), ==, "https://formularze.example.pl");
  J (&run, "forms", "url", "1");
  g_assert_true (g_str_has_prefix (member_text (run.json, "url"), "https://formularze.example.pl/f/"));
  J (&run, "forms", "list");
  array = json_node_get_array (run.json);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "broker_phone"), ==,
                   "+48123456789");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (array, 0), "open"));

  /* the key, shared: exported, imported again (a second desktop does the same) */
  J (&run, "forms", "key", "export");
  key = g_strdup (member_text (run.json, "key"));
  g_assert_cmpuint (strlen (key), ==, 43);
  crmctl_at (fixture, &run, NOW, "nonsense\n", "forms", "key", "import", NULL);
  g_assert_cmpint (run.status, ==, 2);
  {
    g_autofree char *line = g_strconcat (key, "\n", NULL);

    crmctl_at (fixture, &run, NOW, line, "forms", "key", "import", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }

  /* referrals, as the form server stores them */
  first = submit (fixture, "c-1", "Łukasz Wiśniewski", "+48601234567", "44051401359", 1);
  second = submit (fixture, "c-2", "Wiśniewskiego Łukasza", "+48601234567", NULL, 0);
  third = submit (fixture, "c-3", "Anna Kowalska", "+48602000000", NULL, 1);

  J (&run, "referrals", "list");
  array = json_node_get_array (run.json);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "id"), ==, third);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "client_name"), ==,
                   "Łukasz Wiśniewski");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "investment"), ==,
                   "Osiedle Zielone");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "status"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2), "pesel"), ==,
                   "•••••••1359");
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (array, 2), "received"));
  J (&run, "referrals", "list", "--investment", "Osiedle Zielone");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 2);
  J (&run, "referrals", "list", "--search", "wisniewski");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 2);
  J (&run, "referrals", "list", "--source", "Dom Partner Kraków", "--from", "2026-06-01", "--to", "2026-06-01");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 3);
  J (&run, "referrals", "list", "--to", "2026-05-31");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 0);
  J (&run, "referrals", "list", "--status", "won");
  g_assert_cmpint (run.status, ==, 2);
  J (&run, "referrals", "list", "--source", "Nikt");
  g_assert_cmpint (run.status, ==, 2);
  J (&run, "referrals", "list", "--from", "yesterday");
  g_assert_cmpint (run.status, ==, 2);

  /* show: every field, and the similar referral with why */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, first);

    J (&run, "referrals", "show", id);
  }
  shown = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (shown, "source"), ==, "Dom Partner Kraków");
  g_assert_cmpstr (json_object_get_string_member (shown, "broker_email"), ==, "biuro@dompartner.example");
  g_assert_cmpstr (json_object_get_string_member (shown, "advisor_name"), ==, "Marta Pośredniczka");
  g_assert_cmpstr (json_object_get_string_member (shown, "pesel"), ==, "•••••••1359");
  g_assert_true (json_object_get_null_member (shown, "contact"));
  similar = json_object_get_object_member (shown, "similar");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (similar, "clients")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (similar, "leads")), ==, 0);
  array = json_object_get_array_member (similar, "referrals");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  client = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (client, "id"), ==, second);
  array = json_object_get_array_member (client, "matched");
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "phone");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "name");
  g_assert_cmpfloat (json_object_get_double_member (client, "score"), >, 0.8);

  /* accept and reject, each mail queued for the broker with the comment */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, first);

    J (&run, "referrals", "accept", id, "--comment-file", comment, "--as", "adam@example.com");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (member_text (run.json, "status"), ==, "accepted");
    g_assert_cmpint (member_int (run.json, "contact_id"), >, 0);
    J (&run, "referrals", "reject", id, "--comment-file", refusal);
    g_assert_cmpint (run.status, ==, 2);
    J (&run, "referrals", "show", id);
    shown = json_node_get_object (run.json);
    g_assert_cmpstr (json_object_get_string_member (shown, "status_changed_by"), ==, "Adam Agent");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (shown, "contact"), "name"), ==,
                     "Łukasz Wiśniewski");
    array = json_object_get_array_member (shown, "messages");
    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "body"), ==,
                     "Zapraszamy klienta na spotkanie.");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "outbox_state"), ==,
                     "waiting");
  }
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, third);

    J (&run, "referrals", "reject", id, "--comment-file", refusal);
    g_assert_cmpstr (member_text (run.json, "status"), ==, "rejected");
    J (&run, "referrals", "message", id, "--body-file", body);
    g_assert_cmpint (run.status, ==, 0);
    J (&run, "referrals", "accept", id);
    g_assert_cmpint (run.status, ==, 2);
  }
  J (&run, "outbox", "list");
  array = json_node_get_array (run.json);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  J (&run, "referrals", "counts");
  g_assert_cmpint (member_int (run.json, "pending"), ==, 1);
  g_assert_cmpint (member_int (run.json, "accepted"), ==, 1);
  g_assert_cmpint (member_int (run.json, "rejected"), ==, 1);

  /* reveal, with who looked */
  {
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, first);

    J (&run, "referrals", "reveal", id, "--as", "adam@example.com");
    g_assert_cmpstr (member_text (run.json, "pesel"), ==, "44051401359");
    g_assert_true (json_object_get_null_member (json_node_get_object (run.json), "id_card"));
  }
  J (&run, "referrals", "reveal", "99");
  g_assert_cmpint (run.status, ==, 2);

  /* the purge: not before the 90 days; then the rejected one goes */
  J (&run, "settings", "referral-retention-days");
  g_assert_cmpint (member_int (run.json, "referral_retention_days"), ==, 90);
  J (&run, "settings", "referral-retention-days", "0", "--as", "ewa@example.com");
  g_assert_cmpint (run.status, ==, 2);
  J (&run, "settings", "referral-retention-days", "30", "--as", "adam@example.com");
  g_assert_cmpint (run.status, ==, 2);
  J (&run, "referrals", "purge");
  g_assert_cmpint (member_int (run.json, "purged"), ==, 0);
  crmctl_at (fixture, &run, "2026-08-31T09:00:00Z", NULL, "referrals", "purge", NULL);
  g_assert_cmpint (member_int (run.json, "purged"), ==, 1);
  J (&run, "referrals", "list");
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 2);

  J (&run, "settings", "referral-identifier", "id-card", "--as", "ewa@example.com");
  g_assert_cmpstr (member_text (run.json, "referral_identifier"), ==, "id-card");
  J (&run, "settings", "referral-identifier", "passport");
  g_assert_cmpint (run.status, ==, 2);

  /* revoked: the list says so */
  J (&run, "forms", "revoke", "1");
  g_assert_cmpint (run.status, ==, 0);
  J (&run, "forms", "list");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (run.json), 0),
                                                  "open"));
  J (&run, "forms", "revoke", "7");
  g_assert_cmpint (run.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  crm_init ();

  g_test_add ("/crmctl/referrals", CrmctlFixture, NULL, crmctl_fixture_set_up, test_referrals,
              crmctl_fixture_tear_down);

  return g_test_run ();
}
