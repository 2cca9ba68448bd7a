/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crmctl-test-util.h"

/*
 * Calls and chats through the real crmctl binary (CRMCTL.md, "More
 * ticket and request operations"): activities add, list --today,
 * tickets link, activities import and unlink, undo of a link; their
 * JSON and exit statuses. The clock is CRM_NOW, the day UTC's.
 */

#define NOW "2026-12-07T10:00:00Z"

typedef CrmctlFixture Fixture;

static void
test_activities (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *note = g_build_filename (fixture->dir, "note.txt", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "calls.csv", NULL);
  g_autofree char *ticket = NULL;
  g_autofree char *call_id = NULL;
  JsonObject *activity;
  JsonObject *contact;
  JsonArray *skipped;
  JsonArray *timeline;
  gint64 call, chat;
  gboolean found = FALSE;
  gboolean commented = FALSE;

  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Jan", "--email", "jan@example.com", "--role", "agent", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Zofia", "--email", "zofia@example.com", "--phone",
          "601 234 567", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_set_contents (note, "Asks for the price", -1, NULL));
  crmctl (fixture, &run, TRUE, "tickets", "new", "--subject", "Flat", "--queue", "Inbox", "--on-behalf-of", "1",
          "--source", "phone", "--body-file", note, "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  ticket = g_strdup_printf ("%" G_GINT64_FORMAT, object_id (&run));

  /* add: with the contact; with a number only (yesterday) */
  crmctl (fixture, &run, TRUE, "activities", "add", "--kind", "call", "--contact", "1", "--phone", "+48601234567",
          "--at", "2026-12-07T09:00:00Z", "--duration", "240", "--note-file", note, "--as", "Jan", NULL);
  call = object_id (&run);
  call_id = g_strdup_printf ("%" G_GINT64_FORMAT, call);
  crmctl (fixture, &run, TRUE, "activities", "add", "--kind", "chat", "--phone", "0048 700 800 900",
          "--at", "2026-12-06T15:00:00Z", "--note-file", note, NULL);
  chat = object_id (&run);
  g_assert_cmpint (chat, >, call);

  /* refused: a kind, a time, nobody, a number; exit 2, nothing stored */
  crmctl (fixture, &run, TRUE, "activities", "add", "--kind", "fax", "--contact", "1", "--at", NOW, "--note-file", note,
          NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "fax"));
  crmctl (fixture, &run, TRUE, "activities", "add", "--kind", "call", "--contact", "1", "--at", "this morning",
          "--note-file", note, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "this morning"));
  crmctl (fixture, &run, TRUE, "activities", "add", "--kind", "call", "--at", NOW, "--note-file", note, NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "activities", "add", "--kind", "call", "--phone", "12", "--at", NOW, "--note-file", note,
          NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "activities", "add", "--kind", "call", "--contact", "99", "--at", NOW, "--note-file",
          note, NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* list: everything, the newest first; --today */
  crmctl (fixture, &run, TRUE, "activities", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 2);
  activity = array_object (&run, 0);
  g_assert_cmpint (json_object_get_int_member (activity, "id"), ==, call);
  g_assert_cmpstr (json_object_get_string_member (activity, "kind"), ==, "call");
  contact = json_object_get_object_member (activity, "contact");
  g_assert_cmpint (json_object_get_int_member (contact, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (contact, "name"), ==, "Zofia");
  g_assert_cmpstr (json_object_get_string_member (activity, "phone"), ==, "+48601234567");
  g_assert_cmpstr (json_object_get_string_member (activity, "at"), ==, "2026-12-07T09:00:00+00:00");
  g_assert_cmpint (json_object_get_int_member (activity, "duration"), ==, 240);
  g_assert_cmpstr (json_object_get_string_member (activity, "note"), ==, "Asks for the price");
  g_assert_true (json_object_get_null_member (activity, "ticket"));
  g_assert_true (json_object_get_null_member (array_object (&run, 1), "contact"));
  crmctl (fixture, &run, TRUE, "activities", "list", "--today", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 1);
  g_assert_cmpint (json_object_get_int_member (array_object (&run, 0), "id"), ==, call);

  /* tickets link: the ticket shows it; twice is refused */
  crmctl (fixture, &run, TRUE, "tickets", "link", ticket, NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "tickets", "link", ticket, "--activity", call_id, "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (run.json), "undo_step"), >, 0);
  crmctl (fixture, &run, TRUE, "tickets", "link", ticket, "--activity", call_id, NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "activities", "list", "--today", NULL);
  g_assert_cmpint (json_object_get_int_member (array_object (&run, 0), "ticket"), ==,
                   g_ascii_strtoll (ticket, NULL, 10));
  crmctl (fixture, &run, TRUE, "tickets", "show", ticket, NULL);
  g_assert_cmpint (run.status, ==, 0);
  timeline = json_object_get_array_member (json_node_get_object (run.json), "timeline");
  for (guint i = 0; i < json_array_get_length (timeline); i++)
    {
      JsonObject *entry = json_array_get_object_element (timeline, i);

      if (g_str_equal (json_object_get_string_member (entry, "kind"), "activity"))
        {
          found = TRUE;
          g_assert_cmpstr (json_object_get_string_member (entry, "note"), ==, "Call with Zofia · 4 min · +48601234567");
        }
      if (g_str_equal (json_object_get_string_member (entry, "kind"), "system") &&
          g_strcmp0 (json_object_get_string_member (entry, "text"),
                     "Call with Zofia · 4 min · +48601234567, linked by Jan") == 0)
        commented = TRUE;
    }
  g_assert_true (found);
  g_assert_true (commented);

  /* undo of the link, by who linked it */
  crmctl (fixture, &run, TRUE, "undo", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "activities", "list", "--today", NULL);
  g_assert_true (json_object_get_null_member (array_object (&run, 0), "ticket"));
  crmctl (fixture, &run, TRUE, "tickets", "link", ticket, "--activity", call_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "activities", "unlink", call_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, FALSE, "activities", "unlink", call_id, NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* import: the good lines in, the bad ones said with their line */
  g_assert_true (g_file_set_contents (csv,
                                      "kind,at,duration,phone,contact_email,note\n"
                                      "call,2026-12-07T08:00:00Z,65,601 234 567,,PBX\n"
                                      "call,not a time,65,601 234 567,,PBX\n"
                                      "chat,2026-12-07T08:10:00Z,,,zofia@example.com,Chat\n"
                                      "sms,2026-12-07T08:20:00Z,,601 234 567,,\n",
                                      -1, NULL));
  crmctl (fixture, &run, TRUE, "activities", "import", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (run.json), "imported"), ==, 2);
  skipped = json_object_get_array_member (json_node_get_object (run.json), "skipped");
  g_assert_cmpuint (json_array_get_length (skipped), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (skipped, 0), "line"), ==, 3);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (skipped, 0), "error"),
                            "not a time"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (skipped, 1), "line"), ==, 5);
  crmctl (fixture, &run, TRUE, "activities", "list", "--today", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 3);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (array_object (&run, 1), "contact"),
                                              "id"), ==, 1);
  crmctl (fixture, &run, FALSE, "activities", "import", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "0 calls and chats imported"));

  /* a file that is not ours imports nothing: exit 2 */
  g_assert_true (g_file_set_contents (csv, "when,who\n2026-12-07,Zofia\n", -1, NULL));
  crmctl (fixture, &run, TRUE, "activities", "import", csv, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "when"));
  crmctl (fixture, &run, TRUE, "activities", "import", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* crmctl's clock, for every run: NOW, the day UTC's */
  g_setenv ("CRM_NOW", NOW, TRUE);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add ("/crmctl/activities", Fixture, NULL, crmctl_fixture_set_up, test_activities,
              crmctl_fixture_tear_down);

  return g_test_run ();
}
