/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "crm-test-util.h"
#include "pg-fixture.h"

#include "crm.h"

/* Shared by the tests of tickets and what hangs on them (operations,
 * calls and chats, projects), on both backends: the office's database
 * on a fixed clock, counts from it, a ticket's system comments, the
 * client, a request recorded. */

/* A new database for the test, in a temporary directory made from
 * @template (as g_dir_make_tmp() takes it), or on the test PostgreSQL
 * server in the "-pg" runs; on a clock fixed at 2026-12-07 10:00 UTC.
 * @dir and @clock are the test's, to give back to ticket_test_close(). */
static inline CrmSession *
ticket_test_open (const char  *template,
                  char       **dir,
                  CrmClock   **clock)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 7, 10, 0, 0);
  g_autofree char *path = NULL;
  CrmSession *session;

  *dir = g_dir_make_tmp (template, NULL);
  path = g_build_filename (*dir, "crm.sqlite", NULL);
  *clock = crm_clock_new_fixed (now);
  session = crm_test_session_open (path, *clock, &error);
  g_assert_no_error (error);

  return session;
}

/* Closes what ticket_test_open() opened: the session must be the last
 * reference to it; the clock and the directory go. */
static inline void
ticket_test_close (CrmSession *session,
                   CrmClock   *clock,
                   char       *dir)
{
  g_assert_finalize_object (session);
  g_object_unref (clock);
  crm_test_remove_data_dir (dir);
  g_free (dir);
}

/* What @sql (a count) counts in the session's database. */
static inline gint64
count_rows (CrmSession *session,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (session), g_intern_string (sql),
                                                       &error);

  g_assert_no_error (error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return crm_statement_get_int64 (stmt, 0);
}

/* The ticket's system comments, the newest last, one a line. */
static inline char *
system_comments (CrmSession *session,
                 gint64      ticket)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comments = crm_ticket_store_list_comments (crm_ticket_store_from_session (session), ticket,
                                                                  &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < comments->len; i++)
    {
      CrmTicketComment *comment = g_ptr_array_index (comments, i);

      if (!comment->internal)
        g_string_append_printf (text, "%s\n", comment->body);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The client of the tests' requests, Zofia Kamińska; her id. */
static inline gint64
add_client (CrmSession *session)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);

  crm_contact_set_name (client, "Zofia Kamińska");
  crm_contact_set_emails (client, (const char *[]) { "zofia@przyklad.pl", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), client, &error));
  g_assert_no_error (error);

  return crm_contact_get_id (client);
}

/* A new request of @client in queue 1, recorded from a phone call by
 * the session's user. */
static inline gint64
record_request (CrmSession *session,
                gint64      client)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_ticket_store_record_request (crm_ticket_store_from_session (session), "Mieszkanie na Mokotowie", 1,
                                               client, "Czy mieszkanie jest wolne?", "phone", &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}
