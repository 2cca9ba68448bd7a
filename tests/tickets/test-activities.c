/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ticket-test-util.h"

/* Calls and chats (TK6), on both backends: adding them (by hand, with
 * only a number), what is refused, the list a ticket offers for linking
 * (today's of its client or the client's numbers first), linking with
 * its system comment, audit row and undo, the ticket's conversation,
 * merging and deleting the ticket, and the import of a PBX's export
 * with good and bad lines. */

typedef struct
{
  char       *dir;
  CrmClock   *clock;
  CrmSession *session;
  gint64      anna;
  gint64      client;   /* Zofia: +48 601 234 567, zofia@przyklad.pl */
  gint64      other;    /* Jan: +48 602 000 111 */
} Fixture;

static gint64
add_contact (Fixture    *fixture,
             const char *name,
             const char *email,
             const char *phone)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);

  crm_contact_set_name (contact, name);
  crm_contact_set_emails (contact, (const char *[]) { email, NULL });
  crm_contact_set_phones (contact, (const char *[]) { phone, NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), contact, &error));
  g_assert_no_error (error);

  return crm_contact_get_id (contact);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->session = ticket_test_open ("crm-activities-XXXXXX", &fixture->dir, &fixture->clock);

  fixture->anna = crm_user_store_add (crm_user_store_from_session (fixture->session), "Anna Nowak", "anna@example.com",
                                      CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, fixture->anna);
  fixture->client = add_contact (fixture, "Zofia Kamińska", "zofia@przyklad.pl", "+48 601 234 567");
  fixture->other = add_contact (fixture, "Jan Wójcik", "jan@przyklad.pl", "602 000 111");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ticket_test_close (fixture->session, fixture->clock, fixture->dir);
}

static CrmActivityStore *
store (Fixture *fixture)
{
  return crm_activity_store_from_session (fixture->session);
}

static CrmTicketStore *
tickets (Fixture *fixture)
{
  return crm_ticket_store_from_session (fixture->session);
}

/* 2026-12-07 at @hour:@minute UTC, @days before */
static gint64
at (int days,
    int hour,
    int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 12, 7, hour, minute, 0);
  g_autoptr(GDateTime) before = g_date_time_add_days (time, -days);

  return g_date_time_to_unix (before);
}

static gint64
add (Fixture         *fixture,
     CrmActivityKind  kind,
     gint64           contact_id,
     const char      *phone,
     gint64           when,
     gint64           duration,
     const char      *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmActivity) activity = crm_activity_new (kind, contact_id, phone, when, duration, note);
  gint64 id = crm_activity_store_add (store (fixture), activity, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static void
refused (Fixture         *fixture,
         CrmActivity     *activity,
         gint             code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmActivity) owned = activity;

  g_assert_cmpint (crm_activity_store_add (store (fixture), owned, 0, NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static gint64
ticket_of (Fixture *fixture,
           gint64   activity_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmActivity) activity = crm_activity_store_get (store (fixture), activity_id, &error);

  g_assert_no_error (error);

  return crm_activity_get_ticket_id (activity);
}

/* By hand: with a contact, or with only a number (normalised as the
 * contacts' are); what cannot be is refused, nothing stored. */
static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmActivity) read = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) today = NULL;
  g_autofree char *summary = NULL;
  CrmActivityKind kind;
  gint64 call, chat;

  call = add (fixture, CRM_ACTIVITY_CALL, fixture->client, "601-234-567", at (0, 9, 0), 235, "Pyta o cenę");
  chat = add (fixture, CRM_ACTIVITY_CHAT, 0, "0048 700 800 900", at (1, 15, 0), 0, NULL);

  read = crm_activity_store_get (store (fixture), call, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_activity_get_kind (read), ==, CRM_ACTIVITY_CALL);
  g_assert_cmpint (crm_activity_get_contact_id (read), ==, fixture->client);
  g_assert_cmpstr (crm_activity_get_contact_name (read), ==, "Zofia Kamińska");
  g_assert_cmpstr (crm_activity_get_phone (read), ==, "+48601234567");
  g_assert_cmpint (crm_activity_get_at (read), ==, at (0, 9, 0));
  g_assert_cmpint (crm_activity_get_duration (read), ==, 235);
  g_assert_cmpstr (crm_activity_get_note (read), ==, "Pyta o cenę");
  g_assert_cmpint (crm_activity_get_ticket_id (read), ==, 0);
  g_assert_cmpstr (crm_activity_get_created_by (read), ==, "Anna Nowak");
  summary = crm_activity_dup_summary (read);
  g_assert_cmpstr (summary, ==, "Call with Zofia Kamińska · 4 min · +48601234567");
  g_assert_cmpint (count_rows (fixture->session,
                               "SELECT count (*) FROM history WHERE entity = 'activity' AND action = 'added'"), ==, 2);

  all = crm_activity_store_list (store (fixture), FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (crm_activity_get_id (g_ptr_array_index (all, 0)), ==, call);
  g_assert_cmpint (crm_activity_get_id (g_ptr_array_index (all, 1)), ==, chat);
  g_assert_cmpstr (crm_activity_get_phone (g_ptr_array_index (all, 1)), ==, "+48700800900");
  today = crm_activity_store_list (store (fixture), TRUE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (today->len, ==, 1);

  /* a kind that is neither, a time that is not one: said, translated */
  g_assert_false (crm_activity_kind_from_string ("fax", &kind, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "fax"));
  g_clear_error (&error);
  g_assert_true (crm_activity_kind_from_string (" Chat ", &kind, &error));
  g_assert_cmpint (kind, ==, CRM_ACTIVITY_CHAT);

  refused (fixture, crm_activity_new (CRM_ACTIVITY_CALL, 0, NULL, at (0, 9, 0), 0, "x"), CRM_ERROR_INVALID);
  refused (fixture, crm_activity_new (CRM_ACTIVITY_CALL, 0, "12", at (0, 9, 0), 0, "x"), CRM_ERROR_INVALID);
  refused (fixture, crm_activity_new (CRM_ACTIVITY_CALL, fixture->client, NULL, 0, 0, "x"), CRM_ERROR_INVALID);
  refused (fixture, crm_activity_new (CRM_ACTIVITY_CALL, fixture->client, NULL, at (-2, 9, 0), 0, "x"),
           CRM_ERROR_INVALID);
  refused (fixture, crm_activity_new (CRM_ACTIVITY_CALL, fixture->client, NULL, at (0, 9, 0), -5, "x"),
           CRM_ERROR_INVALID);
  refused (fixture, crm_activity_new (CRM_ACTIVITY_CALL, 9999, NULL, at (0, 9, 0), 0, "x"), CRM_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM activities"), ==, 2);
}

/* "Link Call or Chat…": today's of the ticket's client or the client's
 * numbers first (one entered with the number only too), then the other
 * unlinked ones of the last days; nothing linked, nothing older. */
static void
test_list_to_link (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offered = NULL;
  gint64 ticket = record_request (fixture->session, fixture->client);
  gint64 with_client, by_number, other_today, client_yesterday, old, linked;
  guint first = 0;

  with_client = add (fixture, CRM_ACTIVITY_CALL, fixture->client, NULL, at (0, 8, 0), 60, "a");
  other_today = add (fixture, CRM_ACTIVITY_CALL, fixture->other, NULL, at (0, 9, 30), 60, "b");
  by_number = add (fixture, CRM_ACTIVITY_CHAT, 0, "(0048) 601 234 567", at (0, 9, 0), 0, "c");
  client_yesterday = add (fixture, CRM_ACTIVITY_CALL, fixture->client, NULL, at (1, 9, 0), 60, "d");
  old = add (fixture, CRM_ACTIVITY_CALL, fixture->client, NULL, at (10, 9, 0), 60, "e");
  linked = add (fixture, CRM_ACTIVITY_CALL, fixture->client, NULL, at (0, 9, 45), 60, "f");
  g_assert_cmpint (crm_activity_store_link (store (fixture), linked, record_request (fixture->session, fixture->client),
                                            &error), >, 0);
  g_assert_no_error (error);

  offered = crm_activity_store_list_to_link (store (fixture), ticket, &first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first, ==, 2);
  g_assert_cmpuint (offered->len, ==, 4);
  g_assert_cmpint (crm_activity_get_id (g_ptr_array_index (offered, 0)), ==, by_number);
  g_assert_cmpint (crm_activity_get_id (g_ptr_array_index (offered, 1)), ==, with_client);
  g_assert_cmpint (crm_activity_get_id (g_ptr_array_index (offered, 2)), ==, other_today);
  g_assert_cmpint (crm_activity_get_id (g_ptr_array_index (offered, 3)), ==, client_yesterday);
  (void) old;
  g_clear_pointer (&offered, g_ptr_array_unref);

  /* the other client's ticket puts theirs first */
  offered = crm_activity_store_list_to_link (store (fixture), record_request (fixture->session, fixture->other), &first,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first, ==, 1);
  g_assert_cmpint (crm_activity_get_id (g_ptr_array_index (offered, 0)), ==, other_today);
}

/* Linking: a system comment and audit rows in the ticket, the call in
 * its conversation; twice is refused; undo unlinks it, or takes away
 * one added with the link; unlink; a merge takes it along, a delete
 * sets it aside and a restore brings it back. */
static void
test_link (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) timeline = NULL;
  g_autofree char *comments = NULL;
  gint64 ticket = record_request (fixture->session, fixture->client);
  gint64 call = add (fixture, CRM_ACTIVITY_CALL, fixture->client, "601234567", at (0, 9, 0), 240, "Oddzwonić jutro");
  gint64 step, undone, added, other, into;
  gboolean found = FALSE;

  step = crm_activity_store_link (store (fixture), call, ticket, &error);
  g_assert_no_error (error);
  g_assert_cmpint (step, >, 0);
  g_assert_cmpint (ticket_of (fixture, call), ==, ticket);
  comments = system_comments (fixture->session, ticket);
  g_assert_nonnull (strstr (comments, "Call with Zofia Kamińska · 4 min · +48601234567, linked by Anna Nowak\n"));
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM history WHERE entity = 'ticket' "
                                        "AND action = 'activity-linked'"), ==, 1);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM history WHERE entity = 'activity' "
                                        "AND action = 'linked'"), ==, 1);

  timeline = crm_ticket_timeline_read (fixture->session, ticket, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < timeline->len; i++)
    {
      CrmTimelineEntry *entry = g_ptr_array_index (timeline, i);

      if (entry->kind != CRM_TIMELINE_ENTRY_ACTIVITY)
        continue;
      found = TRUE;
      g_assert_cmpstr (entry->note, ==, "Call with Zofia Kamińska · 4 min · +48601234567");
      g_assert_cmpstr (entry->text, ==, "Oddzwonić jutro");
      g_assert_cmpint (entry->at, ==, at (0, 9, 0));
      g_assert_cmpstr (crm_timeline_entry_kind_name (entry->kind), ==, "activity");
    }
  g_assert_true (found);

  /* linked already: here, or to another ticket */
  g_assert_cmpint (crm_activity_store_link (store (fixture), call, ticket, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  other = record_request (fixture->session, fixture->client);
  g_assert_cmpint (crm_activity_store_link (store (fixture), call, other, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (crm_activity_store_link (store (fixture), 9999, ticket, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* undo: unlinked, offered again */
  undone = crm_ticket_store_undo (tickets (fixture), step, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undone, ==, step);
  g_assert_cmpint (ticket_of (fixture, call), ==, 0);

  /* added and linked in one go; its undo takes it away */
  {
    g_autoptr(CrmActivity) activity = crm_activity_new (CRM_ACTIVITY_CHAT, fixture->client, NULL, at (0, 9, 50), 600,
                                                        "Czat ze strony");

    added = crm_activity_store_add (store (fixture), activity, ticket, &step, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ticket_of (fixture, added), ==, ticket);
    g_assert_cmpint (crm_ticket_store_undo (tickets (fixture), step, NULL, NULL, &error), ==, step);
    g_assert_no_error (error);
    g_assert_null (crm_activity_store_get (store (fixture), added, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* unlink */
  g_assert_cmpint (crm_activity_store_link (store (fixture), call, ticket, &error), >, 0);
  g_assert_true (crm_activity_store_unlink (store (fixture), call, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ticket_of (fixture, call), ==, 0);
  g_clear_pointer (&comments, g_free);
  comments = system_comments (fixture->session, ticket);
  g_assert_nonnull (strstr (comments, "+48601234567, unlinked by Anna Nowak\n"));
  g_assert_false (crm_activity_store_unlink (store (fixture), call, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* a merge takes it to the ticket that holds both; undo brings it back */
  g_assert_cmpint (crm_activity_store_link (store (fixture), call, ticket, &error), >, 0);
  into = other;
  step = crm_ticket_store_merge (tickets (fixture), ticket, into, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ticket_of (fixture, call), ==, into);
  g_assert_cmpint (crm_ticket_store_undo (tickets (fixture), step, NULL, NULL, &error), ==, step);
  g_assert_no_error (error);
  g_assert_cmpint (ticket_of (fixture, call), ==, ticket);

  /* deleted: set aside, not offered; restored: linked again */
  {
    gint64 admin = crm_user_store_add (crm_user_store_from_session (fixture->session), "Ewa Admin", "ewa@example.com",
                                       CRM_ROLE_ADMIN, &error);
    g_autoptr(GPtrArray) offered = NULL;

    g_assert_no_error (error);
    crm_session_set_user_id (fixture->session, admin);
    g_assert_cmpint (crm_ticket_store_delete (tickets (fixture), ticket, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (ticket_of (fixture, call), ==, 0);
    offered = crm_activity_store_list_to_link (store (fixture), other, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < offered->len; i++)
      g_assert_cmpint (crm_activity_get_id (g_ptr_array_index (offered, i)), !=, call);
    g_assert_true (crm_ticket_store_restore (tickets (fixture), ticket, &error));
    g_assert_no_error (error);
    g_assert_cmpint (ticket_of (fixture, call), ==, ticket);
  }
}

/* A PBX's export: good lines imported, bad ones said with their line
 * and why, nothing of them stored; an export imported twice adds
 * nothing; a header that is not ours imports nothing. */
static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint imported = 0;
  const char *csv =
    "kind,at,duration,phone,contact_email,note\n"
    "call,2026-12-07T08:15:00Z,4:05,601 234 567,,\"Pyta o cenę, oddzwonić\"\n"   /* 2: Zofia by number */
    "chat,2026-12-07T08:30:00+01:00,,,jan@przyklad.pl,Czat\n"                  /* 3: Jan by address */
    "call,2026-12-07T08:40:00Z,30,+44 20 7946 0000,,Nieznany numer\n"          /* 4: a number only */
    "fax,2026-12-07T08:45:00Z,30,601 234 567,,\n"                              /* 5: no such kind */
    "call,yesterday,30,601 234 567,,\n"                                        /* 6: not a time */
    "call,2026-12-07T08:50:00Z,30,12,,\n"                                      /* 7: not a number */
    "call,2026-12-07T08:55:00Z,30,,nikt@przyklad.pl,\n"                        /* 8: nobody */
    "call,2026-12-07T09:00:00Z,30\n"                                           /* 9: too few fields */
    "call,2026-12-07T08:15:00Z,245,601234567,,again\n";                        /* 10: imported already */
  static const guint bad_lines[] = { 5, 6, 7, 8, 9, 10 };

  g_assert_true (crm_activity_store_import (store (fixture), csv, -1, &imported, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 3);
  g_assert_cmpuint (skipped->len, ==, G_N_ELEMENTS (bad_lines));
  for (guint i = 0; i < skipped->len; i++)
    {
      CrmActivitySkip *skip = g_ptr_array_index (skipped, i);

      g_assert_cmpuint (skip->line, ==, bad_lines[i]);
      g_assert_cmpstr (skip->error, !=, "");
    }
  g_assert_nonnull (strstr (((CrmActivitySkip *) g_ptr_array_index (skipped, 0))->error, "fax"));
  g_assert_nonnull (strstr (((CrmActivitySkip *) g_ptr_array_index (skipped, 1))->error, "yesterday"));
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM activities"), ==, 3);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM history WHERE entity = 'activity' "
                                        "AND action = 'imported'"), ==, 3);

  all = crm_activity_store_list (store (fixture), FALSE, 0, &error);
  g_assert_no_error (error);
  /* the newest first: 08:40 (a number only), 08:15 (Zofia), 07:30 (Jan) */
  g_assert_cmpint (crm_activity_get_contact_id (g_ptr_array_index (all, 0)), ==, 0);
  g_assert_cmpstr (crm_activity_get_phone (g_ptr_array_index (all, 0)), ==, "+442079460000");
  g_assert_cmpint (crm_activity_get_contact_id (g_ptr_array_index (all, 1)), ==, fixture->client);
  g_assert_cmpint (crm_activity_get_duration (g_ptr_array_index (all, 1)), ==, 245);
  g_assert_cmpstr (crm_activity_get_note (g_ptr_array_index (all, 1)), ==, "Pyta o cenę, oddzwonić");
  g_assert_cmpint (crm_activity_get_contact_id (g_ptr_array_index (all, 2)), ==, fixture->other);
  g_assert_cmpint (crm_activity_get_kind (g_ptr_array_index (all, 2)), ==, CRM_ACTIVITY_CHAT);
  g_assert_cmpint (crm_activity_get_at (g_ptr_array_index (all, 2)), ==, at (0, 7, 30));

  /* the same export again: nothing new */
  g_clear_pointer (&skipped, g_ptr_array_unref);
  g_assert_true (crm_activity_store_import (store (fixture), csv, -1, &imported, &skipped, &error));
  g_assert_cmpuint (imported, ==, 0);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM activities"), ==, 3);

  /* semicolons, as a spreadsheet writes them */
  g_clear_pointer (&skipped, g_ptr_array_unref);
  {
    g_autofree char *by_id = g_strdup_printf ("Kind;At;Contact_ID\nchat;2026-12-06T12:00:00Z;%" G_GINT64_FORMAT "\n",
                                              fixture->client);

    g_assert_true (crm_activity_store_import (store (fixture), by_id, -1, &imported, &skipped, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpuint (imported, ==, 1);
  g_assert_cmpuint (skipped->len, ==, 0);

  /* a header that is not ours, or lacks a column it needs: nothing */
  g_assert_false (crm_activity_store_import (store (fixture), "kind,at,caller\ncall,2026-12-07T09:00:00Z,1\n", -1,
                                             NULL, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "caller"));
  g_clear_error (&error);
  g_assert_false (crm_activity_store_import (store (fixture), "kind,phone\ncall,601234567\n", -1, NULL, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_activity_store_import (store (fixture), "", -1, NULL, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM activities"), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  /* "today" is the clock's local day: UTC here */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/activities/add", test_add);
  ADD ("/activities/list-to-link", test_list_to_link);
  ADD ("/activities/link", test_link);
  ADD ("/activities/import", test_import);

#undef ADD

  return g_test_run ();
}
