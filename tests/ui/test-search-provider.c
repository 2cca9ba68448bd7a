/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-test-util.h"
#include "app-process-test-util.h"

#include "crm.h"

/* GNOME Shell's overview asking the application
 * (org.gnome.Shell.SearchProvider2), as the shell does: over a bus of
 * the test's own (GTestDBus), on which the application is not running
 * and is started by D-Bus activation from the service file, as the
 * installed org.example.Crm.service starts it. A client found by part
 * of her name, by her phone written another way, by her address; a
 * ticket by its number; the metas the overview shows; choosing the
 * ticket opens it in the real window on the X server (Xvfb), taken as
 * a screenshot from the screen. */

typedef struct
{
  char            *dir;
  GTestDBus       *bus;
  GDBusConnection *connection;
  gint64           client;
  gint64           ticket;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmContact) other = crm_contact_new (CRM_CONTACT_PERSON);
  CrmTicketStore *tickets;

  fixture->dir = g_dir_make_tmp ("crm-search-provider-XXXXXX", NULL);
  session = crm_session_open (fixture->dir, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_user_store_add (crm_user_store_from_session (session), "Ewa Nowak", "ewa@example.com",
                                       CRM_ROLE_MANAGER, &error), >, 0);
  g_assert_no_error (error);
  crm_session_set_user_id (session, 1);

  crm_contact_set_name (client, "Zofia Kamińska");
  crm_contact_set_emails (client, (const char *[]) { "zofia@przyklad.pl", NULL });
  crm_contact_set_phones (client, (const char *[]) { "+48 601 234 567", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), client, &error));
  g_assert_no_error (error);
  fixture->client = crm_contact_get_id (client);
  crm_contact_set_name (other, "Jan Kowalski");
  crm_contact_set_emails (other, (const char *[]) { "jan@przyklad.pl", NULL });
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (session), other, &error));
  g_assert_no_error (error);

  tickets = crm_ticket_store_from_session (session);
  crm_ticket_store_record_request (tickets, "Mieszkanie na Mokotowie", 1, crm_contact_get_id (other),
                                   "Czy mieszkanie jest wolne?", "phone", &error);
  g_assert_no_error (error);
  fixture->ticket = crm_ticket_store_record_request (tickets, "Umowa najmu lokalu", 1, fixture->client,
                                                     "Proszę o projekt umowy.", "phone", &error);
  g_assert_no_error (error);
  /* unread for Ewa: opening its card marks it read, which the test sees */
  g_assert_true (crm_database_exec (crm_session_get_database (session), "DELETE FROM ticket_reads", &error));
  g_clear_object (&session);

  fixture->connection = app_bus_up (fixture->dir, &fixture->bus);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* the application quits with its window */
  g_dbus_connection_call_sync (fixture->connection, "org.example.Crm", "/org/example/Crm", "org.gtk.Actions",
                               "Activate", g_variant_new ("(sava{sv})", "quit", NULL, NULL), NULL,
                               G_DBUS_CALL_FLAGS_NO_AUTO_START, 10000, NULL, NULL);
  g_clear_object (&fixture->connection);
  g_test_dbus_down (fixture->bus);
  g_clear_object (&fixture->bus);
  crm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GVariant *
call (Fixture    *fixture,
      const char *method,
      GVariant   *parameters,
      const char *reply_type)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply = g_dbus_connection_call_sync (fixture->connection, "org.example.Crm",
                                                 "/org/example/Crm/SearchProvider", "org.gnome.Shell.SearchProvider2",
                                                 method, parameters, G_VARIANT_TYPE (reply_type),
                                                 G_DBUS_CALL_FLAGS_NONE, 60000, NULL, &error);

  g_assert_no_error (error);

  return reply;
}

/* The overview's first search for @terms (a NULL-terminated list). */
static char **
initial (Fixture            *fixture,
         const char * const *terms)
{
  g_autoptr(GVariant) reply = call (fixture, "GetInitialResultSet", g_variant_new ("(^as)", terms), "(as)");
  char **results = NULL;

  g_variant_get (reply, "(^as)", &results);

  return results;
}

static char *
identifier (const char *kind,
            gint64      id)
{
  return g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind, id);
}

/* Whether Ewa has not read the ticket, as the database says now. */
static gboolean
unread (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) session = crm_session_open (fixture->dir, &error);
  g_autoptr(CrmTicket) ticket = NULL;

  g_assert_no_error (error);
  ticket = crm_ticket_store_get (crm_ticket_store_from_session (session), fixture->ticket, 1, &error);
  g_assert_no_error (error);

  return crm_ticket_get_unread (ticket);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *client = identifier ("contact", fixture->client);
  g_autofree char *ticket = identifier ("ticket", fixture->ticket);
  g_autofree char *number = g_strdup_printf ("#%" G_GINT64_FORMAT, fixture->ticket);
  g_autoptr(GVariant) metas = NULL;
  g_auto(GStrv) by_name = NULL;
  g_auto(GStrv) by_phone = NULL;
  g_auto(GStrv) by_address = NULL;
  g_auto(GStrv) by_number = NULL;
  g_auto(GStrv) nobody = NULL;
  g_auto(GStrv) narrower = NULL;
  g_autoptr(GVariant) reply = NULL;
  GVariantIter iter;
  GVariant *meta;
  guint seen = 0;

  /* started by the bus for the first question */
  by_name = initial (fixture, (const char *[]) { "kami", NULL });
  g_assert_true (g_strv_contains ((const char * const *) by_name, client));
  g_assert_cmpuint (g_strv_length (by_name), ==, 1);

  /* her number written as she said it */
  by_phone = initial (fixture, (const char *[]) { "601", "234", "567", NULL });
  g_assert_true (g_strv_contains ((const char * const *) by_phone, client));
  by_address = initial (fixture, (const char *[]) { "zofia@przyklad.pl", NULL });
  g_assert_true (g_strv_contains ((const char * const *) by_address, client));

  /* a ticket's number, with or without its # */
  by_number = initial (fixture, (const char *[]) { number, NULL });
  g_assert_true (g_strv_contains ((const char * const *) by_number, ticket));
  nobody = initial (fixture, (const char *[]) { "Wiśniewski", NULL });
  g_assert_cmpuint (g_strv_length (nobody), ==, 0);

  /* typing on: the narrower search */
  {
    g_autoptr(GVariant) sub = call (fixture, "GetSubsearchResultSet",
                                    g_variant_new ("(^as^as)", (const char *[]) { client, NULL },
                                                   (const char *[]) { "kamińska", NULL }),
                                    "(as)");
    g_variant_get (sub, "(^as)", &narrower);
  }
  g_assert_true (g_strv_contains ((const char * const *) narrower, client));

  /* what the overview shows of each */
  metas = call (fixture, "GetResultMetas", g_variant_new ("(^as)", (const char *[]) { client, ticket, "ticket:999999",
                                                                                     NULL }),
                "(aa{sv})");
  g_variant_iter_init (&iter, g_variant_get_child_value (metas, 0));
  while ((meta = g_variant_iter_next_value (&iter)))
    {
      g_autoptr(GVariant) owned = meta;
      const char *id = NULL, *name = NULL, *description = NULL;
      g_autoptr(GVariant) icon = NULL;

      g_assert_true (g_variant_lookup (meta, "id", "&s", &id));
      g_assert_true (g_variant_lookup (meta, "name", "&s", &name));
      g_assert_true (g_variant_lookup (meta, "description", "&s", &description));
      icon = g_variant_lookup_value (meta, "icon", NULL);
      g_assert_nonnull (icon);
      if (g_str_equal (id, client))
        {
          g_assert_cmpstr (name, ==, "Zofia Kamińska");
          g_assert_nonnull (strstr (description, "zofia@przyklad.pl"));
          g_assert_nonnull (strstr (description, "601"));
        }
      else
        {
          g_autofree char *expected = g_strdup_printf ("#%" G_GINT64_FORMAT " Umowa najmu lokalu", fixture->ticket);

          g_assert_cmpstr (id, ==, ticket);
          g_assert_cmpstr (name, ==, expected);
          g_assert_nonnull (strstr (description, "Zofia Kamińska"));
        }
      seen++;
    }
  /* a ticket deleted meanwhile has none */
  g_assert_cmpuint (seen, ==, 2);

  /* no window yet: the overview's questions start none */
  g_assert_null (window_name ());

  /* chosen: the window opens, on the ticket */
  reply = call (fixture, "ActivateResult", g_variant_new ("(s^asu)", ticket, (const char *[]) { number, NULL }, 0),
                "()");
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *name = window_name ();

      if (name != NULL)
        break;
      g_usleep (100000);
    }
  g_assert_cmpstr (window_name (), ==, "CRM");
  /* the desk asks who works first; the ticket waits under the question */
  wait_for_drawn ();
  screenshot ("search-provider-who");
  g_assert_true (unread (fixture));
  xdotool_on_window ("mousemove", "550 514 click 1");
  /* Ewa chose herself: the ticket's card opened for her, read */
  for (guint i = 0; i < 600 && unread (fixture); i++)
    g_usleep (100000);
  if (unread (fixture))
    screenshot ("search-provider-failed");
  g_assert_false (unread (fixture));
  g_usleep (G_USEC_PER_SEC / 2);
  screenshot ("search-provider-ticket");
}

int
main (int   argc,
      char *argv[])
{
  crm_init ();
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/search-provider/search", Fixture, NULL, fixture_set_up, test_search, fixture_tear_down);

  return g_test_run ();
}
