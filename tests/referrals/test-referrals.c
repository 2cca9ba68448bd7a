/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <gmime/gmime.h>

#include "crm.h"
#include "crm-test-util.h"
#include "db-query.h"
#include "dovecot-fixture.h"
#include "pg-fixture.h"
#include "smtp-fixture.h"

/* Referrals from brokers (issue 16) on both backends: a form's link,
 * submissions stored once, the list's filters and the tiles' counts,
 * similar clients, referrals and leads with phones and names written
 * differently, accepting and rejecting with the comment mailed to the
 * broker through a real SMTP server (aiosmtpd), the broker's answer
 * through a real Dovecot and the real import joining the referral, the
 * reveal audit, and the retention purge on a clock the test moves. The
 * form key is kept in a real GNOME Keyring (with-keyring). */

typedef struct
{
  char        *dir;
  char        *spool;
  char        *mail_dir;
  GSubprocess *smtp;
  GSubprocess *imap;
  CrmClock    *clock;
  CrmSession  *session;
  gint64       account;
  gint64       admin;
  gint64       agent;
  gint64       investment;
  gint64       other_investment;
  gint64       form;
  gint64       other_form;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 6, 1, 9, 0, 0);
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *path = NULL;
  CrmReferralStore *store;
  guint16 smtp_port, imap_port = 1;

  fixture->smtp = crm_test_smtp_start (&fixture->spool, &smtp_port);
  if (data != NULL)
    fixture->imap = crm_test_dovecot_start (&fixture->mail_dir, &imap_port);
  fixture->dir = g_dir_make_tmp ("crm-referrals-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = crm_test_session_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  account = crm_account_new (0, "biuro@example.com", "Biuro Sprzedaży", "127.0.0.1", imap_port, "none",
                             "127.0.0.1", smtp_port, "none", "office");
  fixture->account = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word",
                                            FALSE, &error);
  g_assert_no_error (error);
  fixture->admin = crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Admin", "ewa@example.com",
                                       CRM_ROLE_ADMIN, &error);
  fixture->agent = crm_user_store_add (crm_user_store_from_session (fixture->session), "Adam Doradca",
                                       "adam@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, fixture->agent);

  store = crm_referral_store_from_session (fixture->session);
  fixture->investment = crm_referral_store_add_investment (store, "Osiedle Zielone", &error);
  fixture->other_investment = crm_referral_store_add_investment (store, "Apartamenty Wiślane", &error);
  g_assert_no_error (error);
  fixture->form = crm_referral_store_add_form (store, "Dom Partner Kraków", "Dom Partner Sp. z o.o.",
                                               "Biuro@DomPartner.example", "+48 12 345 67 89", 0, &error);
  g_assert_no_error (error);
  fixture->other_form = crm_referral_store_add_form (store, "Nieruchomości Nowak", "Jan Nowak",
                                                     "jan@nowak.example", NULL, 0, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  crm_test_smtp_stop (fixture->smtp, fixture->spool);
  if (fixture->imap != NULL)
    crm_test_dovecot_stop (fixture->imap, fixture->mail_dir);
  g_free (fixture->dir);
  g_free (fixture->spool);
  g_free (fixture->mail_dir);
}

static CrmReferralStore *
store (Fixture *fixture)
{
  return crm_referral_store_from_session (fixture->session);
}

static gint64
count (Fixture    *fixture,
       const char *sql,
       gint64      id)
{
  return crm_test_query_int64 (fixture->session, sql, id);
}

/* A filled form of @form; the caller fills the client */
static CrmReferralSubmission *
submission (gint64      form,
            const char *submission_id,
            const char *client_name,
            const char *phone,
            const char *email)
{
  CrmReferralSubmission *filled = crm_referral_submission_new ();

  filled->form_id = form;
  filled->submission_id = g_strdup (submission_id);
  filled->client_name = g_strdup (client_name);
  filled->phone = g_strdup (phone);
  filled->email = g_strdup (email);
  filled->advisor_name = g_strdup ("Marta Pośredniczka");
  filled->advisor_email = g_strdup ("marta@dompartner.example");
  filled->advisor_phone = g_strdup ("600 100 200");
  filled->consent = TRUE;
  filled->remote_address = g_strdup ("203.0.113.7");

  return filled;
}

static gint64
submit (Fixture               *fixture,
        CrmReferralSubmission *filled)
{
  g_autoptr(GError) error = NULL;
  gboolean duplicate = TRUE;
  gint64 id = crm_referral_store_submit (store (fixture), filled, &duplicate, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (duplicate);

  return id;
}

static gint64
simple (Fixture    *fixture,
        gint64      form,
        const char *submission_id,
        const char *client_name,
        const char *phone,
        const char *email)
{
  g_autoptr(CrmReferralSubmission) filled = submission (form, submission_id, client_name, phone, email);

  return submit (fixture, filled);
}

static char *
spooled (Fixture    *fixture,
         const char *name)
{
  g_autofree char *path = g_build_filename (fixture->spool, name, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));

  return text;
}

/* The decoded text of a spooled mail. */
static char *
body_text (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = g_build_filename (fixture->spool, name, NULL);
  GMimeStream *stream = g_mime_stream_fs_open (path, O_RDONLY, 0, NULL);
  GMimeParser *parser;
  GMimeMessage *message;
  GMimeObject *body;
  char *text;

  g_assert_nonnull (stream);
  parser = g_mime_parser_new_with_stream (stream);
  message = g_mime_parser_construct_message (parser, NULL);
  g_assert_nonnull (message);
  body = g_mime_message_get_body (message);
  g_assert_true (GMIME_IS_TEXT_PART (body));
  text = g_mime_text_part_get_text (GMIME_TEXT_PART (body));
  g_object_unref (message);
  g_object_unref (parser);
  g_object_unref (stream);

  return text;
}

static guint
send_due (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint sent = crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error);

  g_assert_no_error (error);

  return sent;
}

/* The link, its token, and a submission stored once however often it
 * comes; its documents; what is refused. */
static void
test_submit (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReferralSubmission) filled = NULL;
  g_autoptr(CrmReferralSubmission) bad = NULL;
  g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.4 umowa", 14);
  g_autoptr(GBytes) consent = g_bytes_new_static ("tak", 3);
  g_autoptr(GBytes) read = NULL;
  g_autoptr(CrmReferralCard) card = NULL;
  g_autoptr(CrmReferralForm) form = NULL;
  g_autofree char *url = NULL;
  g_autofree char *nonce = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *name = NULL;
  CrmReferralDocument *document;
  gboolean duplicate = FALSE;
  gint64 id, again, form_id = 0, expires = -1;

  /* the link: the forms' address, /f/, a token the office signed */
  url = crm_referral_store_dup_form_url (store (fixture), fixture->form, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (url, CRM_REFERRAL_FORMS_URL "/f/"));
  g_assert_true (crm_referral_token_parse (url + strlen (CRM_REFERRAL_FORMS_URL "/f/"), &form_id, &nonce, &expires,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpint (form_id, ==, fixture->form);
  g_assert_cmpint (expires, ==, 0);
  form = crm_referral_store_lookup_form (store (fixture), form_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (form->nonce, ==, nonce);
  g_assert_cmpstr (form->broker_email, ==, "biuro@dompartner.example");
  g_assert_cmpstr (form->broker_phone, ==, "+48123456789");
  g_assert_true (crm_referral_form_is_open (form, crm_clock_now_unix (fixture->clock)));
  /* a token changed by one character is forged */
  forged = g_strdup (url + strlen (CRM_REFERRAL_FORMS_URL "/f/"));
  forged[strlen (forged) - 2] = forged[strlen (forged) - 2] == 'A' ? 'B' : 'A';
  g_assert_false (crm_referral_token_parse (forged, NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_referral_token_parse ("not-a-token", NULL, NULL, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (crm_referral_store_lookup_form (store (fixture), 999, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  filled = submission (fixture->form, "s-1f0c", "Łukasz Wiśniewski", "+48601234567", "Lukasz@Example.com");
  filled->investment_id = fixture->investment;
  filled->pesel = g_strdup ("44051401359");
  crm_referral_submission_add_document (filled, "dowód.pdf", "application/pdf", pdf);
  crm_referral_submission_add_document (filled, "zgoda.txt", "text/plain", consent);
  id = submit (fixture, filled);

  /* a double click, a resend: the same referral, nothing new */
  again = crm_referral_store_submit (store (fixture), filled, &duplicate, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_true (duplicate);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referrals", 0), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referral_documents", 0), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM history WHERE entity = 'referral' AND action = 'received'",
                          0), ==, 1);

  card = crm_referral_store_get_card (store (fixture), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_referral_get_client_name (card->referral), ==, "Łukasz Wiśniewski");
  g_assert_cmpstr (crm_referral_get_email (card->referral), ==, "lukasz@example.com");
  g_assert_cmpstr (crm_referral_get_investment (card->referral), ==, "Osiedle Zielone");
  g_assert_cmpstr (crm_referral_get_source (card->referral), ==, "Dom Partner Kraków");
  g_assert_cmpstr (crm_referral_get_broker_name (card->referral), ==, "Dom Partner Sp. z o.o.");
  g_assert_cmpstr (crm_referral_get_advisor_phone (card->referral), ==, "+48600100200");
  g_assert_cmpstr (crm_referral_get_pesel_masked (card->referral), ==, "•••••••1359");
  g_assert_null (crm_referral_get_id_card_masked (card->referral));
  g_assert_cmpint (crm_referral_get_status (card->referral), ==, CRM_REFERRAL_PENDING);
  g_assert_cmpuint (card->documents->len, ==, 2);
  document = g_ptr_array_index (card->documents, 0);
  g_assert_cmpstr (document->file_name, ==, "dowód.pdf");
  g_assert_cmpuint (document->size, ==, 14);
  read = crm_referral_store_get_document (store (fixture), document->id, &name, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (read, pdf));
  g_assert_cmpstr (name, ==, "dowód.pdf");

  /* wrong values are refused, with what is wrong, and nothing is stored */
  bad = submission (fixture->form, "s-2", "Jan Kowalski", "601234567", NULL);
  g_free (bad->pesel);
  bad->pesel = g_strdup ("44051401358");
  g_assert_cmpint (crm_referral_store_submit (store (fixture), bad, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "check digit"));
  g_clear_error (&error);
  g_clear_pointer (&bad->pesel, g_free);
  bad->id_card = g_strdup ("ABA300001");
  g_assert_cmpint (crm_referral_store_submit (store (fixture), bad, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&bad->id_card, g_free);
  g_free (bad->client_name);
  bad->client_name = g_strdup ("Jan\r\nBcc: all@example.com");
  g_assert_cmpint (crm_referral_store_submit (store (fixture), bad, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_free (bad->client_name);
  bad->client_name = g_strdup ("Jan Kowalski");
  bad->consent = FALSE;
  g_assert_cmpint (crm_referral_store_submit (store (fixture), bad, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  bad->consent = TRUE;

  /* a revoked form takes nothing; its link is still the office's (410, not 404) */
  g_assert_true (crm_referral_store_revoke_form (store (fixture), fixture->form, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_referral_store_submit (store (fixture), bad, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_pointer (&form, crm_referral_form_free);
  form = crm_referral_store_lookup_form (store (fixture), fixture->form, &error);
  g_assert_false (crm_referral_form_is_open (form, crm_clock_now_unix (fixture->clock)));
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referrals", 0), ==, 1);

  /* a link that expires */
  {
    gint64 tomorrow = crm_clock_now_unix (fixture->clock) + 24 * 3600;
    gint64 expiring = crm_referral_store_add_form (store (fixture), "Na jeden dzień", "Agencja", "a@agencja.example",
                                                   NULL, tomorrow, &error);
    g_autoptr(CrmReferralForm) one_day = NULL;

    g_assert_no_error (error);
    one_day = crm_referral_store_lookup_form (store (fixture), expiring, &error);
    g_assert_true (crm_referral_form_is_open (one_day, crm_clock_now_unix (fixture->clock)));
    g_assert_false (crm_referral_form_is_open (one_day, tomorrow));
    g_assert_cmpint (crm_referral_store_add_form (store (fixture), "Wczoraj", "Agencja", "a@agencja.example", NULL,
                                                  crm_clock_now_unix (fixture->clock) - 1, &error), ==, 0);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);
  }
}

/* RF2, RF3: the tiles' counts and each filter */
static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmReferralCounts counts;
  gint64 first, second, third, fourth;

  first = simple (fixture, fixture->form, "f-1", "Łukasz Wiśniewski", "601 234 567", NULL);
  crm_clock_advance (fixture->clock, 24 * G_TIME_SPAN_HOUR);
  second = simple (fixture, fixture->form, "f-2", "Anna Kowalska", NULL, "anna.k@example.com");
  crm_clock_advance (fixture->clock, 24 * G_TIME_SPAN_HOUR);
  {
    g_autoptr(CrmReferralSubmission) filled = submission (fixture->other_form, "f-3", "Piotr Zieliński", "+48 700 800 900",
                                                          NULL);

    filled->investment_id = fixture->other_investment;
    g_free (filled->advisor_name);
    filled->advisor_name = g_strdup ("Tomasz Wójcik");
    third = submit (fixture, filled);
  }
  fourth = simple (fixture, fixture->other_form, "f-4", "Zofia Nowak", "602000111", NULL);

  g_assert_true (crm_referral_store_reject (store (fixture), second, "Klient już kupił.", &error));
  g_assert_cmpint (crm_referral_store_accept (store (fixture), fourth, "Zapraszamy.", 0, &error), >, 0);
  g_assert_no_error (error);

  g_assert_true (crm_referral_store_count (store (fixture), &counts, &error));
  g_assert_cmpuint (counts.all, ==, 4);
  g_assert_cmpuint (counts.pending, ==, 2);
  g_assert_cmpuint (counts.accepted, ==, 1);
  g_assert_cmpuint (counts.rejected, ==, 1);
  g_assert_cmpuint (counts.messages, ==, 0);

#define CHECK_IDS(filter, ...) \
  G_STMT_START { \
    g_autoptr(GArray) ids = crm_referral_store_list_ids (store (fixture), filter, &error); \
    const gint64 expected[] = { __VA_ARGS__ }; \
    g_assert_no_error (error); \
    g_assert_cmpuint (ids->len, ==, G_N_ELEMENTS (expected)); \
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++) \
      g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]); \
  } G_STMT_END

  /* newest first */
  CHECK_IDS (NULL, fourth, third, second, first);
  CHECK_IDS ((&(CrmReferralFilter) { .id = second }), second);
  CHECK_IDS ((&(CrmReferralFilter) { .client_name = "wiśniewskiego" }), first);
  CHECK_IDS ((&(CrmReferralFilter) { .client_name = "LUKASZ" }), first);
  CHECK_IDS ((&(CrmReferralFilter) { .client_name = "kow" }), second);
  CHECK_IDS ((&(CrmReferralFilter) { .advisor = "wójcik" }), third);
  CHECK_IDS ((&(CrmReferralFilter) { .advisor = "marta" }), fourth, second, first);
  CHECK_IDS ((&(CrmReferralFilter) { .status = "pending" }), third, first);
  CHECK_IDS ((&(CrmReferralFilter) { .status = "rejected" }), second);
  CHECK_IDS ((&(CrmReferralFilter) { .status = "accepted" }), fourth);
  CHECK_IDS ((&(CrmReferralFilter) { .investment_id = fixture->other_investment }), third);
  CHECK_IDS ((&(CrmReferralFilter) { .form_id = fixture->other_form }), fourth, third);
  {
    gint64 day_two = crm_clock_now_unix (fixture->clock) - 24 * 3600;

    CHECK_IDS ((&(CrmReferralFilter) { .from = day_two }), fourth, third, second);
    CHECK_IDS ((&(CrmReferralFilter) { .to = day_two + 1 }), second, first);
    CHECK_IDS ((&(CrmReferralFilter) { .from = day_two, .to = day_two + 1, .status = "rejected" }), second);
  }
  CHECK_IDS ((&(CrmReferralFilter) { .search = "234567" }), first);
  CHECK_IDS ((&(CrmReferralFilter) { .search = "anna.k@" }), second);
  CHECK_IDS ((&(CrmReferralFilter) { .search = "zielinski" }), third);
  {
    g_autoptr(GArray) none = crm_referral_store_list_ids (store (fixture), &(CrmReferralFilter) { .search = "nikt" },
                                                          &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }

  {
    g_autoptr(GArray) ids = crm_referral_store_list_ids (store (fixture), &(CrmReferralFilter) { .status = "won" },
                                                         &error);

    g_assert_null (ids);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* the paged list the window shows */
  {
    g_autoptr(CrmReferralList) list = crm_referral_list_new (fixture->session);
    g_autoptr(CrmReferral) top = NULL;

    g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
    top = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpint (crm_referral_get_id (top), ==, fourth);
    g_assert_cmpstr (crm_referral_get_client_name (top), ==, "Zofia Nowak");
    crm_referral_list_set_filter (list, &(CrmReferralFilter) { .status = "pending" });
    g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  }
#undef CHECK_IDS
}

static CrmReferralMatch *
find_match (GPtrArray *matches,
            gint64     id)
{
  for (guint i = 0; i < matches->len; i++)
    if (((CrmReferralMatch *) g_ptr_array_index (matches, i))->id == id)
      return g_ptr_array_index (matches, i);

  return NULL;
}

static gint64
add_contact (Fixture    *fixture,
             const char *name,
             const char *phone,
             const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);

  crm_contact_set_name (contact, name);
  if (phone != NULL)
    crm_contact_set_phones (contact, (const char *[]) { phone, NULL });
  if (email != NULL)
    crm_contact_set_emails (contact, (const char *[]) { email, NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));
  g_assert_no_error (error);

  return crm_contact_get_id (contact);
}

/* RF8: the same person with the phone and the name written otherwise,
 * in declension, in another order; the fields that matched and the
 * score say why. */
static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReferralSimilar) similar = NULL;
  g_autoptr(CrmReferralSubmission) with_pesel = NULL;
  CrmReferralMatch *match;
  gint64 client, stranger, namesake, lead, address_lead, first, second, third, accepted, legacy;

  client = add_contact (fixture, "Łukasz Wiśniewski", "+48 601 234 567", "lukasz.w@example.com");
  stranger = add_contact (fixture, "Jan Nowak", "+48 500 000 001", NULL);
  namesake = add_contact (fixture, "Wiśniewski Łukasz", NULL, NULL);
  lead = crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session), "Mieszkanie 3 pokoje", 1,
                                          client, "Dzwonił w sprawie oferty.", "phone", &error);
  g_assert_no_error (error);

  first = simple (fixture, fixture->form, "d-1", "lukasz wisniewski", "601-234-567", NULL);
  second = simple (fixture, fixture->other_form, "d-2", "Łukasza Wiśniewskiego", NULL, "inny@example.com");

  similar = crm_referral_store_find_similar (store (fixture), first, &error);
  g_assert_no_error (error);
  /* the client: phone and name; the namesake: the name only, lower */
  g_assert_cmpuint (similar->clients->len, ==, 2);
  match = g_ptr_array_index (similar->clients, 0);
  g_assert_cmpint (match->id, ==, client);
  g_assert_cmpstrv (match->matched, ((const char *[]) { "phone", "name", NULL }));
  g_assert_cmpstr (match->name, ==, "Łukasz Wiśniewski");
  g_assert_cmpstr (match->email, ==, "lukasz.w@example.com");
  match = g_ptr_array_index (similar->clients, 1);
  g_assert_cmpint (match->id, ==, namesake);
  g_assert_cmpstrv (match->matched, ((const char *[]) { "name", NULL }));
  g_assert_cmpfloat (((CrmReferralMatch *) g_ptr_array_index (similar->clients, 0))->score, >, match->score);
  g_assert_null (find_match (similar->clients, stranger));
  /* the other referral, declined: the name */
  g_assert_cmpuint (similar->referrals->len, ==, 1);
  match = g_ptr_array_index (similar->referrals, 0);
  g_assert_cmpint (match->id, ==, second);
  g_assert_cmpstrv (match->matched, ((const char *[]) { "name", NULL }));
  g_assert_cmpstr (match->source, ==, "Nieruchomości Nowak");
  /* the client's request: a lead, by the client's phone and name */
  g_assert_cmpuint (similar->leads->len, ==, 1);
  match = g_ptr_array_index (similar->leads, 0);
  g_assert_cmpint (match->id, ==, lead);
  g_assert_cmpstrv (match->matched, ((const char *[]) { "phone", "name", NULL }));
  g_assert_cmpstr (match->source, ==, "phone");
  g_clear_pointer (&similar, crm_referral_similar_free);

  /* a lead by the client's address only (a sender who is no contact) */
  address_lead = crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session), "Pytanie", 1,
                                                  stranger, "?", "web", &error);
  g_assert_no_error (error);
  {
    g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                         "UPDATE tickets SET client_id = NULL, "
                                                         "client_address = 'inny@example.com' WHERE id = ?", &error);

    g_assert_no_error (error);
    crm_statement_bind_int64 (stmt, 1, address_lead);
    g_assert_true (crm_database_step_done (crm_session_get_database (fixture->session), stmt, &error));
  }
  similar = crm_referral_store_find_similar (store (fixture), second, &error);
  g_assert_no_error (error);
  match = find_match (similar->leads, address_lead);
  g_assert_nonnull (match);
  g_assert_cmpstrv (match->matched, ((const char *[]) { "email", NULL }));
  match = find_match (similar->referrals, first);
  g_assert_nonnull (match);
  g_clear_pointer (&similar, crm_referral_similar_free);

  /* a PESEL: the client accepted with it is found by it, whatever the name */
  with_pesel = submission (fixture->form, "d-3", "Ł. Wiśniewski", NULL, "lw@example.org");
  with_pesel->pesel = g_strdup ("44051401359");
  accepted = submit (fixture, with_pesel);
  g_assert_cmpint (crm_referral_store_accept (store (fixture), accepted, NULL, client, &error), ==, client);
  g_assert_no_error (error);
  g_free (with_pesel->submission_id);
  with_pesel->submission_id = g_strdup ("d-4");
  g_free (with_pesel->client_name);
  with_pesel->client_name = g_strdup ("Łukasz Maria Wiśniewski");
  g_free (with_pesel->email);
  with_pesel->email = g_strdup ("trzeci@example.org");
  third = submit (fixture, with_pesel);
  similar = crm_referral_store_find_similar (store (fixture), third, &error);
  g_assert_no_error (error);
  match = find_match (similar->clients, client);
  g_assert_nonnull (match);
  g_assert_cmpstrv (match->matched, ((const char *[]) { "pesel", NULL }));
  g_assert_cmpfloat (match->score, >, 0.9);
  match = find_match (similar->referrals, accepted);
  g_assert_nonnull (match);
  g_assert_cmpstrv (match->matched, ((const char *[]) { "pesel", NULL }));
  g_clear_pointer (&similar, crm_referral_similar_free);

  /* a contact written before the folded names were kept is found once filled */
  legacy = add_contact (fixture, "Grzegorz Brzęczyszczykiewicz", NULL, NULL);
  {
    g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                         "UPDATE contacts SET name_key = NULL WHERE id = ?", &error);

    crm_statement_bind_int64 (stmt, 1, legacy);
    g_assert_true (crm_database_step_done (crm_session_get_database (fixture->session), stmt, &error));
  }
  first = simple (fixture, fixture->form, "d-5", "Grzegorzem Brzęczyszczykiewiczem", "700 000 000", NULL);
  similar = crm_referral_store_find_similar (store (fixture), first, &error);
  g_assert_null (find_match (similar->clients, legacy));
  g_clear_pointer (&similar, crm_referral_similar_free);
  g_assert_cmpuint (crm_referral_store_fill_name_keys (store (fixture), 100, &error), ==, 1);
  g_assert_cmpuint (crm_referral_store_fill_name_keys (store (fixture), 100, &error), ==, 0);
  g_assert_no_error (error);
  similar = crm_referral_store_find_similar (store (fixture), first, &error);
  g_assert_nonnull (find_match (similar->clients, legacy));
}

/* RF7, RF11: a decision mailed to the broker through a real SMTP
 * server, with the comment; accepting makes the client, with the
 * referral in the client's history; one decision only. */
static void
test_decisions_mailed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReferral) referral = NULL;
  g_autoptr(CrmReferralCard) card = NULL;
  g_autoptr(CrmContact) contact = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *subject = NULL;
  gint64 accepted, rejected, linked, client, existing;
  gboolean found = FALSE;

  accepted = simple (fixture, fixture->form, "m-1", "Łukasz Wiśniewski", "601 234 567", "lukasz@example.com");
  rejected = simple (fixture, fixture->other_form, "m-2", "Anna Kowalska", "602 000 000", NULL);
  linked = simple (fixture, fixture->form, "m-3", "Zofia Zielińska", "603 000 000", NULL);

  client = crm_referral_store_accept (store (fixture), accepted, "Zapraszamy klienta na spotkanie w piątek.", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (client, >, 0);
  contact = crm_contact_store_get (crm_contact_store_from_session (fixture->session), client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_contact_get_name (contact), ==, "Łukasz Wiśniewski");
  g_assert_cmpstr (crm_contact_get_phones (contact)[0], ==, "+48601234567");
  g_assert_cmpstr (crm_contact_get_emails (contact)[0], ==, "lukasz@example.com");
  g_assert_cmpint (crm_contact_get_manager_id (contact), ==, fixture->agent);
  history = crm_session_list_history (fixture->session, "contact", client, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, i);

      if (g_str_equal (crm_history_entry_get_action (entry), "referral-accepted"))
        {
          found = TRUE;
          g_assert_nonnull (strstr (crm_history_entry_get_detail (entry), "Dom Partner Kraków"));
        }
    }
  g_assert_true (found);

  referral = crm_referral_store_get (store (fixture), accepted, &error);
  g_assert_cmpint (crm_referral_get_status (referral), ==, CRM_REFERRAL_ACCEPTED);
  g_assert_cmpint (crm_referral_get_contact_id (referral), ==, client);
  g_assert_cmpstr (crm_referral_get_contact_name (referral), ==, "Łukasz Wiśniewski");
  g_assert_cmpstr (crm_referral_get_status_changed_by (referral), ==, "Adam Doradca");
  g_assert_cmpint (crm_referral_get_status_changed (referral), ==, crm_clock_now_unix (fixture->clock));

  /* once decided, decided: another user's second decision is refused */
  crm_session_set_user_id (fixture->session, fixture->admin);
  g_assert_false (crm_referral_store_reject (store (fixture), accepted, "Nie", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (crm_referral_store_reject (store (fixture), rejected, "Klient jest już w naszej bazie od marca.",
                                            &error));
  g_assert_no_error (error);

  /* linked to an existing client, who is not made again */
  existing = add_contact (fixture, "Zofia Zielińska", "+48 603 000 000", NULL);
  g_assert_cmpint (crm_referral_store_accept (store (fixture), linked, "", existing, &error), ==, existing);
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM contacts WHERE name = 'Zofia Zielińska'", 0), ==, 1);

  /* through a real SMTP server */
  g_assert_cmpuint (send_due (fixture), ==, 3);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 3);
  raw = spooled (fixture, "0001.eml");
  subject = g_strdup_printf ("[R#%" G_GINT64_FORMAT "]", accepted);
  g_assert_nonnull (strstr (raw, subject));
  g_assert_nonnull (strstr (raw, "To: marta@dompartner.example"));
  g_assert_nonnull (strstr (raw, "Cc: biuro@dompartner.example"));
  g_clear_pointer (&raw, g_free);
  raw = body_text (fixture, "0001.eml");
  g_assert_nonnull (strstr (raw, "Zapraszamy klienta na spotkanie w piątek."));
  g_assert_nonnull (strstr (raw, "Marta Pośredniczka"));
  g_clear_pointer (&raw, g_free);
  raw = spooled (fixture, "0002.eml");
  g_free (subject);
  subject = g_strdup_printf ("[R#%" G_GINT64_FORMAT "]", rejected);
  g_assert_nonnull (strstr (raw, subject));
  g_clear_pointer (&raw, g_free);
  raw = crm_test_query_text (fixture->session, "SELECT body FROM referral_messages WHERE referral_id = ?", rejected);
  g_assert_cmpstr (raw, ==, "Klient jest już w naszej bazie od marca.");

  card = crm_referral_store_get_card (store (fixture), rejected, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (card->status_changes->len, ==, 1);
  g_assert_cmpstr (((CrmReferralStatusChange *) g_ptr_array_index (card->status_changes, 0))->user, ==, "Ewa Admin");
  g_assert_cmpuint (card->messages->len, ==, 1);
  g_assert_cmpstr (((CrmReferralMessage *) g_ptr_array_index (card->messages, 0))->kind, ==, "rejected");
  g_assert_cmpstr (((CrmReferralMessage *) g_ptr_array_index (card->messages, 0))->outbox_state, ==, "sent");
}

/* The mail's text has the comment (decoded: it may be sent quoted-printable). */
static void
test_template (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 template, id;

  crm_session_set_user_id (fixture->session, fixture->admin);
  template = crm_template_store_add (crm_template_store_from_session (fixture->session), "Odrzucenie",
                                     "Szanowni Państwo, zgłoszenie nr {referral_number} ({client_name}, {investment}) "
                                     "odrzucamy. Powód: {comment} — {agent_name}", &error);
  g_assert_no_error (error);
  g_assert_true (crm_referral_store_set_template (store (fixture), CRM_REFERRAL_REJECTED, template, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmReferralSubmission) filled = submission (fixture->form, "t-1", "Anna Kowalska", "602 000 000", NULL);

    filled->investment_id = fixture->investment;
    id = submit (fixture, filled);
  }
  g_assert_true (crm_referral_store_reject (store (fixture), id, "brak zdolności kredytowej", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (send_due (fixture), ==, 1);

  text = body_text (fixture, "0001.eml");
  {
    g_autofree char *expected = g_strdup_printf ("Szanowni Państwo, zgłoszenie nr %" G_GINT64_FORMAT
                                                 " (Anna Kowalska, Osiedle Zielone) odrzucamy. Powód: brak zdolności "
                                                 "kredytowej — Ewa Admin", id);

    g_assert_nonnull (strstr (text, expected));
  }

  /* an agent may not choose the office's templates */
  crm_session_set_user_id (fixture->session, fixture->agent);
  g_assert_false (crm_referral_store_set_template (store (fixture), CRM_REFERRAL_ACCEPTED, template, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
}

/* Delivers @message to the office's INBOX and imports it. */
static void
arrive (Fixture    *fixture,
        const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSyncResult) result = NULL;

  crm_test_dovecot_deliver (fixture->mail_dir, message);
  result = crm_mail_sync (fixture->session, fixture->account, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->imported, ==, 1);
}

/* RF10, RF12: a message to the broker; the broker's answer, through a
 * real Dovecot and the import, joins the referral and opens no ticket;
 * by the subject's tag too, but only from the broker. */
static void
test_broker_reply (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReferralCard) card = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *tagged = NULL;
  g_autofree char *stranger = NULL;
  CrmReferralCounts counts;
  CrmReferralMessage *message;
  gint64 id, sent, tickets;

  id = simple (fixture, fixture->form, "r-1", "Łukasz Wiśniewski", "601 234 567", NULL);
  sent = crm_referral_store_send_message (store (fixture), id, "Czy klient jest zainteresowany parkingiem?", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sent, >, 0);
  g_assert_cmpint (crm_referral_store_send_message (store (fixture), id, "  ", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (send_due (fixture), ==, 1);
  message_id = crm_test_query_text (fixture->session, "SELECT message_id FROM referral_messages WHERE id = ?", sent);
  tickets = count (fixture, "SELECT count (*) FROM tickets", 0);

  answer = g_strdup_printf ("From: Marta Pośredniczka <marta@dompartner.example>\r\nTo: biuro@example.com\r\n"
                            "Subject: Re: Zgłoszenie\r\nMessage-ID: <odp1@dompartner.example>\r\n"
                            "In-Reply-To: <%s>\r\nReferences: <%s>\r\nDate: Mon, 1 Jun 2026 10:00:00 +0000\r\n"
                            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                            "Content-Transfer-Encoding: 8bit\r\n\r\nTak, jednym miejscem.\r\n",
                            message_id, message_id);
  arrive (fixture, answer);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM tickets", 0), ==, tickets);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM messages WHERE referral_id = ?", id), ==, 1);
  g_assert_true (crm_referral_store_count (store (fixture), &counts, &error));
  g_assert_cmpuint (counts.messages, ==, 1);
  {
    g_autoptr(GArray) ids = crm_referral_store_list_ids (store (fixture), &(CrmReferralFilter) { .status = "messages" },
                                                         &error);

    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_cmpint (g_array_index (ids, gint64, 0), ==, id);
  }
  /* it is not automatic mail either */
  {
    g_autoptr(GListModel) automatic = crm_ticket_store_list_automatic_mail (
      crm_ticket_store_from_session (fixture->session), 50, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (automatic), ==, 0);
  }

  /* by "[R#N]" in the subject, from the broker's address */
  tagged = g_strdup_printf ("From: biuro@dompartner.example\r\nTo: biuro@example.com\r\n"
                            "Subject: Dokumenty [R#%" G_GINT64_FORMAT "]\r\nMessage-ID: <odp2@dompartner.example>\r\n"
                            "\r\nPrzesyłamy skan.\r\n", id);
  arrive (fixture, tagged);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM tickets", 0), ==, tickets);

  /* the tag from someone else is a ticket as any mail */
  stranger = g_strdup_printf ("From: ktos@obcy.example\r\nTo: biuro@example.com\r\n"
                              "Subject: Pytanie [R#%" G_GINT64_FORMAT "]\r\nMessage-ID: <obcy@obcy.example>\r\n"
                              "\r\nDzień dobry.\r\n", id);
  arrive (fixture, stranger);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM tickets", 0), ==, tickets + 1);

  card = crm_referral_store_get_card (store (fixture), id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (card->messages->len, ==, 3);
  message = g_ptr_array_index (card->messages, 0);
  g_assert_false (message->incoming);
  g_assert_cmpstr (message->author, ==, "Adam Doradca");
  message = g_ptr_array_index (card->messages, 1);
  g_assert_true (message->incoming);
  g_assert_nonnull (strstr (message->body, "Tak, jednym miejscem."));
  g_assert_cmpstr (message->author, ==, "marta@dompartner.example");
  message = g_ptr_array_index (card->messages, 2);
  g_assert_nonnull (strstr (message->body, "Przesyłamy skan."));
  g_assert_true (crm_referral_get_awaiting_reply (card->referral));

  /* the office answers: nothing waits any more; the answer threads on the broker's side */
  g_clear_pointer (&card, crm_referral_card_free);
  g_assert_cmpint (crm_referral_store_send_message (store (fixture), id, "Dziękujemy.", &error), >, 0);
  g_assert_true (crm_referral_store_count (store (fixture), &counts, &error));
  g_assert_cmpuint (counts.messages, ==, 0);
  g_assert_cmpuint (send_due (fixture), ==, 1);
  {
    g_autofree char *raw = spooled (fixture, "0002.eml");
    g_autofree char *reply_to = g_strdup_printf ("<%s>", message_id);

    g_assert_nonnull (strstr (raw, "In-Reply-To: <odp2@dompartner.example>"));
    g_assert_nonnull (strstr (raw, reply_to));
  }
}

/* PESEL and ID card number masked; shown with an audit row of who looked */
static void
test_reveal (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReferralSubmission) filled = submission (fixture->form, "v-1", "Anna Kowalska", "602 000 000", NULL);
  g_autoptr(CrmReferral) referral = NULL;
  g_autofree char *pesel = NULL;
  g_autofree char *id_card = NULL;
  gint64 id;

  filled->pesel = g_strdup ("02270803624");
  filled->id_card = g_strdup ("axb 912345");
  id = submit (fixture, filled);
  referral = crm_referral_store_get (store (fixture), id, &error);
  g_assert_cmpstr (crm_referral_get_pesel_masked (referral), ==, "•••••••3624");
  g_assert_cmpstr (crm_referral_get_id_card_masked (referral), ==, "•••••2345");
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referral_reveals", 0), ==, 0);

  crm_session_set_user_id (fixture->session, fixture->agent);
  g_assert_true (crm_referral_store_reveal (store (fixture), id, &pesel, &id_card, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pesel, ==, "02270803624");
  g_assert_cmpstr (id_card, ==, "AXB912345");
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referral_reveals WHERE referral_id = ? AND user_id = (SELECT id FROM users WHERE email = 'adam@example.com') "
                                   "AND fields = 'pesel,id_card'", id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM history WHERE entity = 'referral' AND entity_id = ? "
                                   "AND action = 'revealed' AND user_id = (SELECT id FROM users WHERE email = 'adam@example.com')", id), ==, 1);
  g_assert_false (crm_referral_store_reveal (store (fixture), 4242, NULL, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

/* Rejected referrals and their documents are purged after the office's
 * retention (90 days unless set), with an audit row; the others stay. */
static void
test_purge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmReferralSubmission) filled = submission (fixture->form, "p-1", "Anna Kowalska", "602 000 000", NULL);
  g_autoptr(GBytes) scan = g_bytes_new_static ("%PDF", 4);
  gint64 rejected, accepted, pending, late;

  filled->pesel = g_strdup ("99123100003");
  crm_referral_submission_add_document (filled, "skan.pdf", "application/pdf", scan);
  rejected = submit (fixture, filled);
  accepted = simple (fixture, fixture->form, "p-2", "Jan Kowalski", "603 000 000", NULL);
  pending = simple (fixture, fixture->form, "p-3", "Zofia Nowak", "604 000 000", NULL);
  late = simple (fixture, fixture->form, "p-4", "Piotr Nowak", "605 000 000", NULL);
  g_assert_true (crm_referral_store_reject (store (fixture), rejected, "Nie", &error));
  g_assert_cmpint (crm_referral_store_accept (store (fixture), accepted, "Tak", 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (crm_referral_store_reveal (store (fixture), rejected, NULL, NULL, &error));
  g_assert_cmpuint (send_due (fixture), ==, 2);

  g_assert_cmpuint (crm_referral_store_get_retention_days (store (fixture)), ==, 90);
  crm_clock_advance (fixture->clock, 30 * 24 * G_TIME_SPAN_HOUR);
  g_assert_true (crm_referral_store_reject (store (fixture), late, "Za późno", &error));
  crm_clock_advance (fixture->clock, 59 * 24 * G_TIME_SPAN_HOUR);
  g_assert_cmpuint (crm_referral_store_purge (store (fixture), &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referrals", 0), ==, 4);

  crm_clock_advance (fixture->clock, 2 * 24 * G_TIME_SPAN_HOUR);
  g_assert_cmpuint (crm_referral_store_purge (store (fixture), &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referrals WHERE id = ?", rejected), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referral_documents", 0), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referral_messages WHERE referral_id = ?", rejected), ==, 0);
  /* its mail went; the accepted one's and the later rejection's stay */
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM outbox WHERE owner = 'referral'", 0), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referrals", 0), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM history WHERE entity = 'referral' AND entity_id = ? "
                                   "AND action = 'purged'", rejected), ==, 1);
  /* who looked stays on record */
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referral_reveals WHERE referral_id = ?", rejected), ==, 1);
  (void) pending;

  /* the office keeps them 30 days: the later one goes too */
  crm_session_set_user_id (fixture->session, fixture->agent);
  g_assert_false (crm_referral_store_set_retention_days (store (fixture), 30, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  crm_session_set_user_id (fixture->session, fixture->admin);
  g_assert_false (crm_referral_store_set_retention_days (store (fixture), 0, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_referral_store_set_retention_days (store (fixture), 30, &error));
  g_assert_cmpuint (crm_referral_store_purge (store (fixture), &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM referrals", 0), ==, 2);
}

/* The office's settings: forms' address, the identifier asked for */
static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *link = NULL;
  CrmReferralIdentifier identifier;

  crm_session_set_user_id (fixture->session, fixture->admin);
  g_assert_cmpint (crm_referral_store_get_identifier (store (fixture)), ==, CRM_REFERRAL_ASK_PESEL);
  g_assert_true (crm_referral_store_set_identifier (store (fixture), CRM_REFERRAL_ASK_ID_CARD, &error));
  g_assert_cmpint (crm_referral_store_get_identifier (store (fixture)), ==, CRM_REFERRAL_ASK_ID_CARD);
  g_assert_true (crm_referral_identifier_from_string ("both", &identifier));
  g_assert_cmpint (identifier, ==, CRM_REFERRAL_ASK_BOTH);
  g_assert_false (crm_referral_identifier_from_string ("passport", &identifier));

  g_assert_false (crm_referral_store_set_forms_url (store (fixture), "ftp://forms.example.pl", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_referral_store_set_forms_url (store (fixture), " https://formularze.example.pl/ ", &error));
  g_assert_no_error (error);
  url = crm_referral_store_get_forms_url (store (fixture));
  g_assert_cmpstr (url, ==, "https://formularze.example.pl");
  link = crm_referral_store_dup_form_url (store (fixture), fixture->other_form, &error);
  g_assert_true (g_str_has_prefix (link, "https://formularze.example.pl/f/"));
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM history WHERE action = 'referral-forms-url-set'", 0), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/referrals/submit", test_submit, NULL);
  ADD ("/referrals/filters", test_filters, NULL);
  ADD ("/referrals/duplicates", test_duplicates, NULL);
  ADD ("/referrals/decisions-mailed", test_decisions_mailed, NULL);
  ADD ("/referrals/template", test_template, NULL);
  ADD ("/referrals/broker-reply", test_broker_reply, "imap");
  ADD ("/referrals/reveal", test_reveal, NULL);
  ADD ("/referrals/purge", test_purge, NULL);
  ADD ("/referrals/settings", test_settings, NULL);

#undef ADD

  return g_test_run ();
}
