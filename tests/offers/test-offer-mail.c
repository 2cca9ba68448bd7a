/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm.h"
#include "crm-test-util.h"
#include "smtp-fixture.h"
#include "pg-fixture.h"

/* Offer mails through the outbox to a real SMTP server (aiosmtpd), with
 * a real Secret Service (GNOME Keyring), on a clock the test moves:
 * what is sent, and the history it leaves on offers and searches (OF8,
 * OF9). */

typedef struct
{
  char        *dir;
  char        *spool;
  GSubprocess *server;
  CrmClock    *clock;
  CrmSession    *session;
  gint64       account;
  gint64       anna;
  gint64       refused;
} Fixture;

static gint64
add_client (Fixture    *fixture,
            const char *name,
            const char *email)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);
  const char *emails[] = { email, NULL };

  crm_contact_set_name (contact, name);
  crm_contact_set_emails (contact, emails);
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));

  return crm_contact_get_id (contact);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 5, 1, 9, 0, 0);
  g_autoptr(CrmAccount) account = NULL;
  g_autofree char *path = NULL;
  guint16 port;

  fixture->server = crm_test_smtp_start (&fixture->spool, &port);
  fixture->dir = g_dir_make_tmp ("crm-offer-mail-XXXXXX", NULL);
  path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = crm_test_session_open (path, fixture->clock, &error);
  g_assert_no_error (error);

  account = crm_account_new (0, "biuro@example.com", "Biuro Nieruchomości", "127.0.0.1", 1, "none",
                             "127.0.0.1", port, "none", "office");
  fixture->account = crm_account_store_add (crm_account_store_from_session (fixture->session), account, "pass word", FALSE, &error);
  g_assert_no_error (error);

  crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Agent", "ewa@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, 1);
  fixture->anna = add_client (fixture, "Anna Nowak", "anna@example.com");
  fixture->refused = add_client (fixture, "Jan Odrzucony", "reject@example.com");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  crm_test_smtp_stop (fixture->server, fixture->spool);
  g_free (fixture->dir);
  g_free (fixture->spool);
}

static CrmSearch *
save_search (Fixture   *fixture,
             gint64     client,
             CrmNotify  notify)
{
  g_autoptr(GError) error = NULL;
  CrmSearch *search = crm_search_new (client, CRM_DEAL_SALE);
  const char *places[] = { "Kraków", NULL };

  crm_search_set_locations (search, places);
  crm_search_set_notify (search, notify);
  g_assert_true (crm_search_store_save (crm_search_store_from_session (fixture->session), search, TRUE, &error));
  g_assert_no_error (error);

  return search;
}

static gint64
save_offer (Fixture    *fixture,
            const char *district,
            gint64      price)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOffer) offer = crm_offer_new ();
  g_autoptr(GArray) matched = NULL;

  crm_offer_set_city (offer, "Kraków");
  crm_offer_set_district (offer, district);
  crm_offer_set_price (offer, price);
  crm_offer_set_area (offer, 48.5);
  crm_offer_set_rooms (offer, 2);
  g_assert_true (crm_offer_store_save (crm_offer_store_from_session (fixture->session), offer, &matched, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (matched->len, ==, 1);

  return crm_offer_get_id (offer);
}

static guint
run (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  guint sent = crm_outbox_run_due (crm_outbox_from_session (fixture->session), NULL, &error);

  g_assert_no_error (error);

  return sent;
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

/* The newest history entry of a record, which must be "mailed". */
static CrmHistoryEntry *
mailed_entry (Fixture    *fixture,
              const char *entity,
              gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = crm_offer_store_list_history (crm_offer_store_from_session (fixture->session), entity, id, &error);
  CrmHistoryEntry *entry;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), >, 0);
  entry = g_list_model_get_item (history, 0);
  g_assert_cmpstr (crm_history_entry_get_action (entry), ==, "mailed");

  return entry;
}

static char *
mailed_detail (Fixture    *fixture,
               const char *entity,
               gint64      id)
{
  g_autoptr(CrmHistoryEntry) entry = mailed_entry (fixture, entity, id);

  return g_strdup (crm_history_entry_get_detail (entry));
}

static char *
message_id_of (const char *raw)
{
  const char *header = strstr (raw, "Message-Id: <");
  const char *end;

  if (header == NULL)
    header = strstr (raw, "Message-ID: <");
  g_assert_nonnull (header);
  header += strlen ("Message-Id: <");
  end = strchr (header, '>');

  return g_strndup (header, end - header);
}

/* "To the client" (OF8): sent at once; the offer and the search remember
 * it (OF9) for people: to whom, sent by itself, and the mail itself to
 * open, not an outbox number and a Message-ID (issue 10, defect 17). */
static void
test_automatic (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSearch) search = save_search (fixture, fixture->anna, CRM_NOTIFY_CLIENT);
  g_autoptr(GListModel) mails = NULL;
  g_autoptr(CrmOfferMail) mail = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *envelope = NULL;
  g_autofree char *message_id = NULL;
  g_autofree char *offer_detail = NULL;
  g_autofree char *search_detail = NULL;
  g_autoptr(CrmHistoryEntry) entry = NULL;
  g_autoptr(GBytes) sent = NULL;
  g_autofree char *sent_text = NULL;
  gint64 offer = save_offer (fixture, "Podgórze", 640000);

  /* nothing is sent before the outbox runs, and nothing recorded */
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 0);
  mails = crm_offer_store_list_mails (crm_offer_store_from_session (fixture->session), NULL, &error);
  mail = g_list_model_get_item (mails, 0);
  g_assert_cmpstr (crm_offer_mail_get_state (mail), ==, "queued");
  g_clear_object (&mail);
  g_clear_object (&mails);

  g_assert_cmpuint (run (fixture), ==, 1);
  g_assert_cmpuint (crm_test_smtp_count (fixture->spool), ==, 1);
  raw = spooled (fixture, "0001.eml");
  envelope = spooled (fixture, "0001.env");
  g_assert_nonnull (strstr (envelope, "anna@example.com"));
  g_assert_nonnull (strstr (raw, "multipart/alternative"));
  g_assert_nonnull (strstr (raw, "text/plain"));
  g_assert_nonnull (strstr (raw, "text/html"));
  message_id = message_id_of (raw);

  mails = crm_offer_store_list_mails (crm_offer_store_from_session (fixture->session), NULL, &error);
  mail = g_list_model_get_item (mails, 0);
  g_assert_cmpstr (crm_offer_mail_get_state (mail), ==, "sent");
  g_assert_cmpint (crm_offer_mail_get_sent (mail), ==, crm_clock_now_unix (fixture->clock));

  offer_detail = mailed_detail (fixture, "offer", offer);
  search_detail = mailed_detail (fixture, "search", crm_search_get_id (search));
  g_assert_nonnull (strstr (offer_detail, "Anna Nowak"));
  g_assert_nonnull (strstr (offer_detail, "anna@example.com"));
  g_assert_null (strstr (offer_detail, "outbox"));
  g_assert_null (strstr (offer_detail, message_id));
  g_assert_nonnull (strstr (search_detail, "Anna Nowak"));
  g_assert_null (strstr (search_detail, message_id));

  /* the entries name the mail, which opens as it was sent; an automatic
   * mail is nobody's doing */
  entry = mailed_entry (fixture, "offer", offer);
  g_assert_cmpint (crm_history_entry_get_offer_mail_id (entry), ==, crm_offer_mail_get_id (mail));
  g_assert_null (crm_history_entry_get_actor (entry));
  g_clear_object (&entry);
  entry = mailed_entry (fixture, "search", crm_search_get_id (search));
  g_assert_cmpint (crm_history_entry_get_offer_mail_id (entry), ==, crm_offer_mail_get_id (mail));
  sent = crm_offer_store_dup_mail_message (crm_offer_store_from_session (fixture->session), crm_offer_mail_get_id (mail), &error);
  g_assert_no_error (error);
  sent_text = g_strndup (g_bytes_get_data (sent, NULL), g_bytes_get_size (sent));
  g_assert_nonnull (strstr (sent_text, message_id));

  /* sent once */
  g_assert_cmpuint (run (fixture), ==, 0);
}

/* "To the agent" (OF7): offers join the prepared mail; once the agent
 * sends it, after the undo window, every offer and the search have it
 * in their history. */
static void
test_prepared (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSearch) search = save_search (fixture, fixture->anna, CRM_NOTIFY_AGENT);
  g_autoptr(GListModel) pending = NULL;
  g_autoptr(CrmOfferMail) mail = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *first_detail = NULL;
  g_autofree char *second_detail = NULL;
  g_autofree char *search_detail = NULL;
  CrmOfferMailFilter filter = { TRUE, 0, 0 };
  gint64 first = save_offer (fixture, "Podgórze", 640000);
  gint64 second = save_offer (fixture, "Krowodrza", 720000);
  gint64 mail_id;

  pending = crm_offer_store_list_mails (crm_offer_store_from_session (fixture->session), &filter, &error);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 1);
  mail = g_list_model_get_item (pending, 0);
  mail_id = crm_offer_mail_get_id (mail);
  g_assert_cmpuint (g_list_model_get_n_items (crm_offer_mail_get_matches (mail)), ==, 2);

  /* the office's own text for offer mails (FD3) */
  {
    gint64 template_id = crm_template_store_add (CRM_TEMPLATES (fixture->session), "Offers",
                                                 "Hello {client_first_name}, {offer_count} offers from us:\n"
                                                 "{offers}\nCall us any time.", &error);

    g_assert_no_error (error);
    g_assert_false (crm_template_store_set_offer_mail_template (CRM_TEMPLATES (fixture->session), template_id + 100, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_true (crm_template_store_set_offer_mail_template (CRM_TEMPLATES (fixture->session), template_id, &error));

    /* a deleted template is no longer the choice, nor is a later one
     * that takes its number */
    {
      gint64 spare = crm_template_store_add (CRM_TEMPLATES (fixture->session), "Spare", "Spare {offers}", &error);
      gint64 later;

      g_assert_true (crm_template_store_set_offer_mail_template (CRM_TEMPLATES (fixture->session), spare, &error));
      g_assert_true (crm_template_store_delete (CRM_TEMPLATES (fixture->session), spare, &error));
      g_assert_null (crm_template_store_get_offer_mail_template (CRM_TEMPLATES (fixture->session)));
      /* SQLite gives the next row the deleted last one's number; a
       * PostgreSQL identity never gives a number twice, unless told to */
      if (crm_test_on_postgresql ())
        {
          g_autofree char *rewind = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('templates', 'id'), "
                                                     "%" G_GINT64_FORMAT ", false)", spare);

          g_assert_true (crm_database_exec (crm_session_get_database (fixture->session), rewind, &error));
          g_assert_no_error (error);
        }
      later = crm_template_store_add (CRM_TEMPLATES (fixture->session), "Later", "A reply template.", &error);
      g_assert_cmpint (later, ==, spare);
      g_assert_null (crm_template_store_get_offer_mail_template (CRM_TEMPLATES (fixture->session)));
      g_assert_true (crm_template_store_set_offer_mail_template (CRM_TEMPLATES (fixture->session), template_id, &error));
    }
  }

  g_assert_true (crm_offer_store_send_mails (crm_offer_store_from_session (fixture->session), &mail_id, 1, FALSE,
                                             crm_clock_now_unix (fixture->clock) + 30, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (run (fixture), ==, 0);
  history = crm_session_list_history (fixture->session, "offer", first, &error);
  {
    g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, 0);

    g_assert_cmpstr (crm_history_entry_get_action (entry), !=, "mailed");
  }

  crm_clock_advance (fixture->clock, 30 * G_TIME_SPAN_SECOND);
  g_assert_cmpuint (run (fixture), ==, 1);
  raw = spooled (fixture, "0001.eml");
  g_assert_nonnull (strstr (raw, "Subject: 2 new property offers for you"));
  g_assert_nonnull (strstr (raw, "Hello Anna, 2 offers from us:"));
  g_assert_nonnull (strstr (raw, "Call us any time."));
  g_assert_null (strstr (raw, "Kind regards"));

  first_detail = mailed_detail (fixture, "offer", first);
  second_detail = mailed_detail (fixture, "offer", second);
  search_detail = mailed_detail (fixture, "search", crm_search_get_id (search));
  g_assert_cmpstr (first_detail, ==, second_detail);
  {
    g_autofree char *both = g_strdup_printf ("Offers %lld, %lld sent to Anna Nowak", (long long) first,
                                             (long long) second);
    g_autoptr(CrmHistoryEntry) entry = mailed_entry (fixture, "offer", first);

    g_assert_nonnull (strstr (search_detail, both));
    /* a prepared mail is sent by its agent */
    g_assert_cmpstr (crm_history_entry_get_actor (entry), ==, "Ewa Agent");
    g_assert_cmpint (crm_history_entry_get_offer_mail_id (entry), ==, mail_id);
  }
}

/* A refused mail leaves no "mailed" entry. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSearch) search = save_search (fixture, fixture->refused, CRM_NOTIFY_CLIENT);
  g_autoptr(GListModel) mails = NULL;
  g_autoptr(CrmOfferMail) mail = NULL;
  g_autoptr(GListModel) history = NULL;
  gint64 offer = save_offer (fixture, NULL, 500000);

  g_assert_cmpuint (run (fixture), ==, 0);
  mails = crm_offer_store_list_mails (crm_offer_store_from_session (fixture->session), NULL, &error);
  mail = g_list_model_get_item (mails, 0);
  g_assert_cmpstr (crm_offer_mail_get_state (mail), ==, "failed");

  history = crm_session_list_history (fixture->session, "offer", offer, &error);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (history, i);

      g_assert_cmpstr (crm_history_entry_get_action (entry), !=, "mailed");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/offer-mail/automatic", test_automatic);
  ADD ("/offer-mail/prepared", test_prepared);
  ADD ("/offer-mail/refused", test_refused);

#undef ADD

  return g_test_run ();
}
