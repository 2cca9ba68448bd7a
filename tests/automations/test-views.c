/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "crm-test-util.h"
#include "pg-fixture.h"

#include "crm.h"
#include "crm-ticket-store-private.h"

/* Saved views (FD4) on both backends: adding, listing (shared and
 * one's own), who may change what (and, on the team's server, the
 * server's own rules), bad input, and the records a view selects for
 * automations: pages in id order, and one record at a time, for the
 * tickets, contacts, offers and searches, a record entering and
 * leaving as it changes. */

typedef struct
{
  char       *dir;
  char       *uri;      /* on PostgreSQL: the test's database */
  CrmClock   *clock;
  CrmSession *session;
  gint64      admin;
  gint64      manager;
  gint64      anna;
  gint64      bob;
  gint64      client;
  gint64      sales;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 7, 10, 0, 0);
  CrmUserStore *users;

  fixture->dir = g_dir_make_tmp ("crm-views-XXXXXX", NULL);
  fixture->clock = crm_clock_new_fixed (now);
  if (crm_test_on_postgresql ())
    {
      fixture->uri = crm_test_pg_new_database ();
      fixture->session = crm_session_open_uri (fixture->uri, NULL, fixture->clock, &error);
    }
  else
    {
      g_autofree char *path = g_build_filename (fixture->dir, "crm.sqlite", NULL);

      fixture->session = crm_session_open_file (path, fixture->clock, &error);
    }
  g_assert_no_error (error);

  users = crm_user_store_from_session (fixture->session);
  fixture->admin = crm_user_store_add (users, "Ewa Admin", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  fixture->manager = crm_user_store_add (users, "Marek Kierownik", "marek@example.com", CRM_ROLE_MANAGER, &error);
  fixture->anna = crm_user_store_add (users, "Anna Nowak", "anna@example.com", CRM_ROLE_AGENT, &error);
  fixture->bob = crm_user_store_add (users, "Bob Kos", "bob@example.com", CRM_ROLE_AGENT, &error);
  g_assert_no_error (error);
  fixture->sales = crm_ticket_store_add_queue (crm_ticket_store_from_session (fixture->session), "Sales", &error);
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
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->uri);
}

static CrmViewStore *
views (Fixture *fixture)
{
  return crm_view_store_from_session (fixture->session);
}

/* Works as @user from now on (0: nobody, as crmctl without --as). */
static void
as (Fixture *fixture,
    gint64   user)
{
  crm_session_set_user_id (fixture->session, user);
}

static GVariant *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *variant = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, &error);

  g_assert_no_error (error);

  return variant;
}

static gint64
add_view (Fixture    *fixture,
          const char *module,
          const char *name,
          gboolean    shared,
          GVariant   *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_view_store_add (views (fixture), module, name, shared, filter, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

/* The names of the views the session's user has, a comma after each. */
static char *
listed (Fixture    *fixture,
        const char *module)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = crm_view_store_list (views (fixture), module, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (text, "%s,", crm_saved_view_get_name (g_ptr_array_index (list, i)));

  return g_string_free (text, FALSE);
}

/* The view's records, all of them, read page by page (@page at a time) */
static GArray *
select_all (Fixture *fixture,
            gint64   view,
            guint    page)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 after = 0;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) ids = crm_view_store_select (views (fixture), view, after, page, &error);

      g_assert_no_error (error);
      g_assert_nonnull (ids);
      g_array_append_vals (all, ids->data, ids->len);
      for (guint i = 1; i < ids->len; i++)
        g_assert_cmpint (g_array_index (ids, gint64, i - 1), <, g_array_index (ids, gint64, i));
      if (ids->len > 0)
        {
          g_assert_cmpint (g_array_index (ids, gint64, 0), >, after);
          after = g_array_index (ids, gint64, ids->len - 1);
        }
      if (page == 0 || ids->len < page)
        break;
    }

  return g_steal_pointer (&all);
}

/* "1,5,7": the records of @view, as one select and page by page, and
 * checked one by one against @candidates with crm_view_store_matches(),
 * which must say the same of each. */
static char *
records (Fixture      *fixture,
         gint64        view,
         const gint64 *candidates,
         guint         n_candidates)
{
  g_autoptr(GArray) all = select_all (fixture, view, 0);
  g_autoptr(GArray) paged = select_all (fixture, view, 2);
  GString *text = g_string_new (NULL);

  g_assert_cmpuint (all->len, ==, paged->len);
  for (guint i = 0; i < all->len; i++)
    {
      g_assert_cmpint (g_array_index (all, gint64, i), ==, g_array_index (paged, gint64, i));
      g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (all, gint64, i));
    }

  for (guint c = 0; c < n_candidates; c++)
    {
      g_autoptr(GError) error = NULL;
      gboolean matches = TRUE, selected = FALSE;

      g_assert_true (crm_view_store_matches (views (fixture), view, candidates[c], &matches, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < all->len; i++)
        selected |= g_array_index (all, gint64, i) == candidates[c];
      if (matches != selected)
        g_error ("view %" G_GINT64_FORMAT ": record %" G_GINT64_FORMAT " matches %d, selected %d",
                 view, candidates[c], matches, selected);
    }

  return g_string_free (text, FALSE);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static char *
ids_text (const gint64 *ids,
          guint         n)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);

  return g_string_free (text, FALSE);
}

static void
test_add_list (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSavedView) view = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autofree char *text = NULL;
  CrmTicketFilter filter = { 0 };
  CrmTicketFilter read;
  gint64 shared, mine, offers;

  /* a manager shares the open tickets of Sales with the office */
  as (fixture, fixture->manager);
  filter.queue_id = fixture->sales;
  filter.open_only = TRUE;
  shared = add_view (fixture, "tickets", "  Open in Sales ", TRUE, crm_ticket_filter_to_variant (&filter));
  /* an agent keeps "Mine" for herself */
  as (fixture, fixture->anna);
  filter = (CrmTicketFilter) { .assignee_id = CRM_USER_ME, .open_only = TRUE };
  mine = add_view (fixture, "tickets", "My open", FALSE, crm_ticket_filter_to_variant (&filter));
  offers = add_view (fixture, "offers", "Flats", FALSE, parse ("{'version': <uint32 1>, 'property-type': <'flat'>}"));

  /* she has the shared ones and her own, by module then name */
  text = listed (fixture, NULL);
  g_assert_cmpstr (text, ==, "My open,Open in Sales,Flats,");
  g_clear_pointer (&text, g_free);
  text = listed (fixture, "tickets");
  g_assert_cmpstr (text, ==, "My open,Open in Sales,");
  g_clear_pointer (&text, g_free);
  text = listed (fixture, "contacts");
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  /* a colleague has only the shared one; nobody (crmctl) every view */
  as (fixture, fixture->bob);
  text = listed (fixture, NULL);
  g_assert_cmpstr (text, ==, "Open in Sales,");
  g_clear_pointer (&text, g_free);
  g_assert_null (crm_view_store_get (views (fixture), mine, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  as (fixture, 0);
  text = listed (fixture, NULL);
  g_assert_cmpstr (text, ==, "My open,Open in Sales,Flats,");
  g_clear_pointer (&text, g_free);

  /* the view as saved: "Mine" stays "Mine", read as whoever looks */
  as (fixture, fixture->anna);
  view = crm_view_store_get (views (fixture), mine, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_saved_view_get_module (view), ==, "tickets");
  g_assert_cmpstr (crm_saved_view_get_name (view), ==, "My open");
  g_assert_false (crm_saved_view_get_shared (view));
  g_assert_cmpint (crm_saved_view_get_owner_id (view), ==, fixture->anna);
  g_assert_cmpint (crm_saved_view_get_created_by (view), ==, fixture->anna);
  g_assert_true (crm_ticket_filter_from_variant (crm_saved_view_get_filter (view), 0, &read, &error));
  g_assert_cmpint (read.assignee_id, ==, CRM_USER_ME);
  g_assert_true (read.open_only);
  g_assert_true (crm_ticket_filter_from_variant (crm_saved_view_get_filter (view), fixture->bob, &read, &error));
  g_assert_cmpint (read.assignee_id, ==, fixture->bob);
  g_clear_object (&view);
  view = crm_view_store_get (views (fixture), shared, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (crm_saved_view_get_name (view), ==, "Open in Sales");
  g_assert_true (crm_saved_view_get_shared (view));
  g_assert_true (crm_ticket_filter_from_variant (crm_saved_view_get_filter (view), 0, &read, &error));
  g_assert_cmpint (read.queue_id, ==, fixture->sales);

  /* every change leaves an audit row */
  g_assert_true (crm_view_store_rename (views (fixture), mine, "Mine, open", &error));
  g_assert_no_error (error);
  g_assert_true (crm_view_store_delete (views (fixture), offers, &error));
  g_assert_no_error (error);
  history = crm_session_list_history (fixture->session, "saved-view", mine, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  g_clear_object (&history);
  history = crm_session_list_history (fixture->session, "saved-view", offers, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  text = listed (fixture, NULL);
  g_assert_cmpstr (text, ==, "Mine, open,Open in Sales,");
}

static void
test_permissions (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSavedView) view = NULL;
  g_autoptr(GVariant) any = g_variant_ref_sink (parse ("{'version': <uint32 1>}"));
  gint64 shared, annas;

  /* an agent may not share; her own, she may keep */
  as (fixture, fixture->anna);
  g_assert_false (crm_view_store_check (views (fixture), "tickets", "All", TRUE, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", "All", TRUE, any, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  annas = add_view (fixture, "tickets", "All", FALSE, any);

  /* nobody's private view: there is nobody to keep it */
  as (fixture, 0);
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", "Nobody's", FALSE, any, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  /* a manager shares; an agent may not rename or delete it */
  as (fixture, fixture->manager);
  shared = add_view (fixture, "tickets", "All", TRUE, any);
  as (fixture, fixture->anna);
  view = crm_view_store_get (views (fixture), shared, &error);
  g_assert_no_error (error);
  g_assert_false (crm_view_store_may_change (views (fixture), view));
  g_clear_object (&view);
  g_assert_false (crm_view_store_rename (views (fixture), shared, "Everything", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (crm_view_store_delete (views (fixture), shared, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  view = crm_view_store_get (views (fixture), annas, &error);
  g_assert_true (crm_view_store_may_change (views (fixture), view));
  g_clear_object (&view);

  /* a colleague does not even see her private view */
  as (fixture, fixture->bob);
  g_assert_false (crm_view_store_rename (views (fixture), annas, "Hers", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_view_store_delete (views (fixture), annas, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* nor may another manager change it, but he may change the shared */
  as (fixture, fixture->manager);
  g_assert_false (crm_view_store_delete (views (fixture), annas, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (crm_view_store_rename (views (fixture), shared, "Everything", &error));
  g_assert_no_error (error);

  /* an administrator changes anyone's */
  as (fixture, fixture->admin);
  view = crm_view_store_get (views (fixture), annas, &error);
  g_assert_no_error (error);
  g_assert_true (crm_view_store_may_change (views (fixture), view));
  g_assert_true (crm_view_store_rename (views (fixture), annas, "Anna's all", &error));
  g_assert_no_error (error);
  g_assert_true (crm_view_store_delete (views (fixture), annas, &error));
  g_assert_no_error (error);
  g_assert_true (crm_view_store_delete (views (fixture), shared, &error));
  g_assert_no_error (error);
  g_assert_false (crm_view_store_delete (views (fixture), shared, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

static void
test_bad_input (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) any = g_variant_ref_sink (parse ("{'version': <uint32 1>}"));
  g_autofree char *longest = NULL;
  g_autofree char *too_long = NULL;
  GString *name = g_string_new (NULL);
  gint64 id;

  as (fixture, fixture->manager);
  /* a list that has no views, or not yet */
  g_assert_cmpint (crm_view_store_add (views (fixture), "leads", "Leads", TRUE, any, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "leads"));
  g_clear_error (&error);
  /* the referrals' list has views of its own filter, not a ticket's */
  {
    CrmReferralFilter pending = { .status = "pending" };
    g_autoptr(GVariant) referrals = g_variant_ref_sink (crm_referral_filter_to_variant (&pending));
    g_autoptr(GPtrArray) listed = NULL;
    g_autoptr(GVariant) queue = g_variant_ref_sink (parse ("{'version': <uint32 1>, 'queue': <int64 1>}"));

    g_assert_cmpint (crm_view_store_add (views (fixture), "referrals", "New", TRUE, queue, &error), ==, 0);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (crm_view_store_add (views (fixture), "referrals", "Pending", TRUE, referrals, &error), >, 0);
    g_assert_no_error (error);
    listed = crm_view_store_list (views (fixture), "referrals", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (listed->len, ==, 1);
  }

  /* names: there, and not too long (in characters, not bytes) */
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", " \t ", TRUE, any, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  for (int i = 0; i < CRM_VIEW_NAME_MAX; i++)
    g_string_append (name, "ż");
  longest = g_strdup (name->str);
  g_string_append (name, "a");
  too_long = g_string_free (name, FALSE);
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", too_long, TRUE, any, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  add_view (fixture, "tickets", longest, TRUE, any);

  /* one name per list among the office's, and among each one's own,
   * whatever the case */
  id = add_view (fixture, "tickets", "Żółte", TRUE, any);
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", "żÓŁTE", TRUE, any, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  add_view (fixture, "requests", "Żółte", TRUE, any);
  add_view (fixture, "tickets", "Żółte", FALSE, any);
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", "ŻÓŁTE", FALSE, any, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  add_view (fixture, "tickets", "Zielone", TRUE, any);
  g_assert_false (crm_view_store_rename (views (fixture), id, "zielone", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (crm_view_store_rename (views (fixture), id, "", &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (crm_view_store_rename (views (fixture), id, "żółte", &error));
  g_assert_no_error (error);

  /* filters: of the list's kind, of a version this reads, naming what
   * exists */
  g_assert_cmpint (crm_view_store_add (views (fixture), "contacts", "Q", TRUE,
                                       parse ("{'version': <uint32 1>, 'queue': <int64 1>}"), &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", "Q", TRUE,
                                       parse ("{'version': <uint32 1>, 'queue': <'Sales'>}"), &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", "Q", TRUE,
                                       parse ("{'version': <uint32 2>}"), &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", "Q", TRUE, parse ("{'queue': <int64 1>}"), &error),
                   ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", "Q", TRUE,
                                       parse ("{'version': <uint32 1>, 'queue': <int64 999>}"), &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_view_store_add (views (fixture), "tickets", "Q", TRUE,
                                       parse ("{'version': <uint32 1>, 'tag': <'nie ma'>}"), &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_view_store_add (views (fixture), "offers", "Q", TRUE,
                                       parse ("{'version': <uint32 1>, 'deal': <'swap'>}"), &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (crm_view_store_add (views (fixture), "searches", "Q", TRUE,
                                       parse ("{'version': <uint32 1>, 'client': <int64 999>}"), &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* records of a view that is not there */
  g_assert_null (crm_view_store_select (views (fixture), 999, 0, 10, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
}

/* A request of the client, in @queue, as @source, with @body as its
 * mail; assigned to @assignee (0: nobody). */
static gint64
ticket (Fixture    *fixture,
        gint64      queue,
        const char *source,
        const char *body,
        gint64      assignee)
{
  g_autoptr(GError) error = NULL;
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  gint64 id = crm_ticket_store_record_request (store, "Zapytanie", queue, fixture->client, body, "other", &error);

  g_assert_no_error (error);
  g_assert_true (crm_ticket_store_set_source (store, id, source, &error));
  g_assert_no_error (error);
  if (assignee != 0)
    g_assert_true (crm_ticket_store_assign (store, id, assignee, &error));
  g_assert_no_error (error);

  return id;
}

static void
test_tickets (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmTicketStore *store = crm_ticket_store_from_session (fixture->session);
  gint64 t[8];
  gint64 open_sales, annas, vip, followed, calls, numbered;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *sql = NULL;

  t[0] = ticket (fixture, fixture->sales, "email", "Czy mieszkanie ma balkon?", fixture->anna);
  t[1] = ticket (fixture, fixture->sales, "phone", "Dzwoniła w sprawie parkingu", fixture->bob);
  t[2] = ticket (fixture, fixture->sales, "phone", "Balkony i tarasy", 0);
  t[3] = ticket (fixture, 1, "email", "Pytanie o balkon od strony ogrodu", fixture->anna);
  t[4] = ticket (fixture, fixture->sales, "web", "Formularz: piwnica", fixture->anna);
  t[5] = ticket (fixture, 1, "phone", "Oddzwonić", fixture->bob);
  t[6] = ticket (fixture, fixture->sales, "email", "balkonowe drzwi", fixture->bob);
  t[7] = ticket (fixture, fixture->sales, "email", "Zamknięta sprawa", fixture->anna);
  g_assert_true (crm_ticket_store_set (store, t[7], "closed", NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (t); i += 2)
    {
      g_assert_true (crm_ticket_store_set (store, t[i], NULL, NULL, NULL, NULL, "vip", &error));
      g_assert_no_error (error);
    }
  /* Anna follows t1 (Bob's) and t4 (hers); Bob follows t1 */
  g_assert_true (crm_ticket_store_follow (store, t[1], fixture->anna, TRUE, &error));
  g_assert_true (crm_ticket_store_follow (store, t[4], fixture->anna, TRUE, &error));
  g_assert_true (crm_ticket_store_follow (store, t[1], fixture->bob, TRUE, &error));
  g_assert_no_error (error);

  as (fixture, fixture->manager);
  /* shared: the open tickets of Sales that are "Mine": for an
   * automation, each assigned one, for its assignee */
  sql = g_strdup_printf ("{'version': <uint32 1>, 'queue': <int64 %" G_GINT64_FORMAT ">, "
                         "'open-only': <true>, 'assignee': <int64 -2>}", fixture->sales);
  open_sales = add_view (fixture, "tickets", "Mine in Sales", TRUE, parse (sql));
  g_clear_pointer (&sql, g_free);
  vip = add_view (fixture, "tickets", "VIP with a balcony", TRUE,
                  parse ("{'version': <uint32 1>, 'tag': <'vip'>, 'search': <'balk'>}"));
  followed = add_view (fixture, "tickets", "Followed by their own", TRUE,
                       parse ("{'version': <uint32 1>, 'follower': <int64 -2>}"));
  calls = add_view (fixture, "requests", "Calls", TRUE,
                    parse ("{'version': <uint32 1>, 'source': <'phone'>, 'oldest-first': <true>}"));
  sql = g_strdup_printf ("{'version': <uint32 1>, 'search': <'#%" G_GINT64_FORMAT "'>}", t[5]);
  numbered = add_view (fixture, "tickets", "By number", TRUE, parse (sql));
  /* private: Anna's own */
  as (fixture, fixture->anna);
  annas = add_view (fixture, "tickets", "Mine", FALSE, parse ("{'version': <uint32 1>, 'assignee': <int64 -2>}"));

  /* whoever asks (an automation has no user), the same records */
  as (fixture, 0);
  text = records (fixture, open_sales, t, G_N_ELEMENTS (t));
  expected = ids_text ((gint64[]) { t[0], t[1], t[4], t[6] }, 4);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = records (fixture, annas, t, G_N_ELEMENTS (t));
  expected = ids_text ((gint64[]) { t[0], t[3], t[4], t[7] }, 4);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  /* every word starts a word of the ticket's mail: "balk" finds
   * "balkon", "Balkony", "balkonowe"; with the tag, the even ones */
  text = records (fixture, vip, t, G_N_ELEMENTS (t));
  expected = ids_text ((gint64[]) { t[0], t[2], t[6] }, 3);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  /* followed by its own assignee: t4 (Anna's, she follows), t1 (Bob's,
   * he follows) */
  text = records (fixture, followed, t, G_N_ELEMENTS (t));
  expected = ids_text ((gint64[]) { t[1], t[4] }, 2);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = records (fixture, calls, t, G_N_ELEMENTS (t));
  expected = ids_text ((gint64[]) { t[1], t[2], t[5] }, 3);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = records (fixture, numbered, t, G_N_ELEMENTS (t));
  expected = ids_text (&t[5], 1);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  /* the same when the words are common: the tickets walked, each
   * one's mail read, not the index's every hit */
  _crm_tickets_set_few_hits (1);
  text = records (fixture, vip, t, G_N_ELEMENTS (t));
  expected = ids_text ((gint64[]) { t[0], t[2], t[6] }, 3);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = records (fixture, numbered, t, G_N_ELEMENTS (t));
  expected = ids_text (&t[5], 1);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  _crm_tickets_set_few_hits (20000);

  /* the list with the view's filter, "Mine" read for Anna, holds what
   * her private view selects */
  {
    g_autoptr(CrmSavedView) view = crm_view_store_get (views (fixture), annas, &error);
    g_autoptr(GArray) listed_ids = NULL;
    CrmTicketFilter filter;

    g_assert_true (crm_ticket_filter_from_variant (crm_saved_view_get_filter (view), fixture->anna, &filter, &error));
    listed_ids = crm_ticket_store_list_ids (store, &filter, NULL, &error);
    g_assert_no_error (error);
    g_array_sort (listed_ids, compare_ids);
    text = ids_text ((gint64 *) (gpointer) listed_ids->data, listed_ids->len);
    expected = ids_text ((gint64[]) { t[0], t[3], t[4], t[7] }, 4);
    g_assert_cmpstr (text, ==, expected);
    g_clear_pointer (&text, g_free);
    g_clear_pointer (&expected, g_free);
  }

  /* records leave as they change: closed, moved, untagged */
  crm_ticket_store_add_queue (store, "Service", &error);
  g_assert_no_error (error);
  g_assert_true (crm_ticket_store_set (store, t[0], "closed", NULL, NULL, NULL, NULL, &error));
  g_assert_true (crm_ticket_store_set (store, t[1], NULL, "Service", NULL, NULL, NULL, &error));
  g_assert_true (crm_ticket_store_untag (store, t[6], "vip", &error));
  g_assert_no_error (error);
  text = records (fixture, open_sales, t, G_N_ELEMENTS (t));
  expected = ids_text ((gint64[]) { t[4], t[6] }, 2);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = records (fixture, vip, t, G_N_ELEMENTS (t));
  expected = ids_text ((gint64[]) { t[0], t[2] }, 2);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  /* and enter: Anna's new ticket */
  {
    gint64 more = ticket (fixture, fixture->sales, "email", "Nowe", fixture->anna);
    gboolean matches = FALSE;

    g_assert_true (crm_view_store_matches (views (fixture), open_sales, more, &matches, &error));
    g_assert_no_error (error);
    g_assert_true (matches);
    g_assert_true (crm_view_store_matches (views (fixture), open_sales, more + 1000, &matches, &error));
    g_assert_false (matches);
  }
}

static void
test_contacts (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmContactStore *store = crm_contact_store_from_session (fixture->session);
  const char *names[] = { "Anna Kowalska", "Jan Kowalski", "Piotr Nowak", "Kowalczyk i Synowie", "Ewa Lis" };
  gint64 c[G_N_ELEMENTS (names) + 1];
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gint64 kowal, all;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CrmContact) contact = crm_contact_new (CRM_CONTACT_PERSON);

      crm_contact_set_name (contact, names[i]);
      g_assert_true (crm_contact_store_save (store, contact, &error));
      g_assert_no_error (error);
      c[i] = crm_contact_get_id (contact);
    }
  c[G_N_ELEMENTS (names)] = fixture->client;

  as (fixture, fixture->anna);
  kowal = add_view (fixture, "contacts", "Kowal…", FALSE, parse ("{'version': <uint32 1>, 'search': <'kowal'>}"));
  all = add_view (fixture, "contacts", "Everyone", FALSE, parse ("{'version': <uint32 1>}"));
  text = records (fixture, kowal, c, G_N_ELEMENTS (c));
  expected = ids_text ((gint64[]) { c[0], c[1], c[3] }, 3);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = records (fixture, all, c, G_N_ELEMENTS (c));
  expected = ids_text ((gint64[]) { fixture->client, c[0], c[1], c[2], c[3], c[4] }, 6);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  /* renamed, one leaves; another enters; a deleted one matches nothing */
  {
    g_autoptr(CrmContact) jan = crm_contact_store_get (store, c[1], &error);
    g_autoptr(CrmContact) piotr = crm_contact_store_get (store, c[2], &error);

    crm_contact_set_name (jan, "Jan Lis");
    g_assert_true (crm_contact_store_save (store, jan, &error));
    crm_contact_set_name (piotr, "Piotr Kowalewski");
    g_assert_true (crm_contact_store_save (store, piotr, &error));
    g_assert_true (crm_contact_store_delete (store, c[3], &error));
    g_assert_no_error (error);
  }
  text = records (fixture, kowal, c, G_N_ELEMENTS (c));
  expected = ids_text ((gint64[]) { c[0], c[2] }, 2);
  g_assert_cmpstr (text, ==, expected);
}

static gint64
offer (Fixture    *fixture,
       CrmDeal     deal,
       const char *city,
       gint64      agent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOffer) offer = crm_offer_new ();
  g_autoptr(GArray) matched = NULL;

  crm_offer_set_deal (offer, deal);
  crm_offer_set_property_type (offer, CRM_PROPERTY_FLAT);
  crm_offer_set_city (offer, city);
  crm_offer_set_price (offer, 500000);
  crm_offer_set_area (offer, 50);
  crm_offer_set_agent_id (offer, agent);
  g_assert_true (crm_offer_store_save (crm_offer_store_from_session (fixture->session), offer, &matched, &error));
  g_assert_no_error (error);

  return crm_offer_get_id (offer);
}

static void
test_offers (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmOfferStore *store = crm_offer_store_from_session (fixture->session);
  gint64 o[5];
  gint64 krakow, agents, bobs;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  o[0] = offer (fixture, CRM_DEAL_SALE, "Kraków", fixture->anna);
  o[1] = offer (fixture, CRM_DEAL_RENT, "Kraków", fixture->bob);
  o[2] = offer (fixture, CRM_DEAL_SALE, "Warszawa", fixture->bob);
  o[3] = offer (fixture, CRM_DEAL_SALE, "Krakow", 0);
  o[4] = offer (fixture, CRM_DEAL_SALE, "Gdańsk", fixture->anna);

  as (fixture, fixture->manager);
  krakow = add_view (fixture, "offers", "For sale in Kraków", TRUE,
                     parse ("{'version': <uint32 1>, 'deal': <'sale'>, 'city': <'krak'>}"));
  agents = add_view (fixture, "offers", "Mine", TRUE, parse ("{'version': <uint32 1>, 'agent': <int64 -2>}"));
  as (fixture, fixture->bob);
  bobs = add_view (fixture, "offers", "Mine", FALSE, parse ("{'version': <uint32 1>, 'agent': <int64 -2>}"));

  as (fixture, 0);
  text = records (fixture, krakow, o, G_N_ELEMENTS (o));
  expected = ids_text ((gint64[]) { o[0], o[3] }, 2);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = records (fixture, agents, o, G_N_ELEMENTS (o));
  expected = ids_text ((gint64[]) { o[0], o[1], o[2], o[4] }, 4);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = records (fixture, bobs, o, G_N_ELEMENTS (o));
  expected = ids_text ((gint64[]) { o[1], o[2] }, 2);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  /* moved to Gdańsk, it leaves; deleted, it is in no view */
  {
    g_autoptr(CrmOffer) moved = crm_offer_store_get (store, o[0], &error);
    g_autoptr(GArray) matched = NULL;

    crm_offer_set_city (moved, "Gdańsk");
    g_assert_true (crm_offer_store_save (store, moved, &matched, &error));
    g_assert_true (crm_offer_store_delete (store, o[2], &error));
    g_assert_no_error (error);
  }
  text = records (fixture, krakow, o, G_N_ELEMENTS (o));
  expected = ids_text (&o[3], 1);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  text = records (fixture, bobs, o, G_N_ELEMENTS (o));
  expected = ids_text (&o[1], 1);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_searches (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmSearchStore *store = crm_search_store_from_session (fixture->session);
  gint64 s[3];
  gint64 stale, annas;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (s); i++)
    {
      g_autoptr(CrmSearch) search = crm_search_new (fixture->client, i == 1 ? CRM_DEAL_RENT : CRM_DEAL_SALE);

      crm_search_set_agent_id (search, i == 2 ? fixture->bob : fixture->anna);
      g_assert_true (crm_search_store_save (store, search, FALSE, &error));
      g_assert_no_error (error);
      s[i] = crm_search_get_id (search);
      /* a few days between them */
      crm_clock_advance (fixture->clock, 5 * G_TIME_SPAN_DAY);
    }

  as (fixture, fixture->anna);
  stale = add_view (fixture, "searches", "Stale", FALSE, parse ("{'version': <uint32 1>, 'stale-only': <true>}"));
  annas = add_view (fixture, "searches", "Mine", FALSE, parse ("{'version': <uint32 1>, 'agent': <int64 -2>}"));
  text = records (fixture, annas, s, G_N_ELEMENTS (s));
  expected = ids_text (s, 2);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  /* none stale yet; as days pass, they enter one by one */
  text = records (fixture, stale, s, G_N_ELEMENTS (s));
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  crm_clock_advance (fixture->clock, 16 * G_TIME_SPAN_DAY);
  text = records (fixture, stale, s, G_N_ELEMENTS (s));
  expected = ids_text (s, 1);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);
  crm_clock_advance (fixture->clock, 20 * G_TIME_SPAN_DAY);
  text = records (fixture, stale, s, G_N_ELEMENTS (s));
  expected = ids_text (s, 3);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  /* bumped, it is fresh: it leaves the view */
  g_assert_true (crm_search_store_bump (store, &s[1], 1, &error));
  g_assert_no_error (error);
  text = records (fixture, stale, s, G_N_ELEMENTS (s));
  expected = ids_text ((gint64[]) { s[0], s[2] }, 2);
  g_assert_cmpstr (text, ==, expected);
}

/* On the team's server, the server itself keeps the rules, for raw SQL
 * on a colleague's own login as for the store. */
static void
test_server_rules (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) agent = NULL;
  g_autoptr(CrmSession) manager = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *agent_login = g_strdup_printf ("anna_v%d", (int) getpid ());
  g_autofree char *manager_login = g_strdup_printf ("marek_v%d", (int) getpid ());
  g_autofree char *agent_uri = NULL;
  g_autofree char *manager_uri = NULL;
  g_autofree char *text = NULL;
  CrmUserStore *users = crm_user_store_from_session (fixture->session);
  const char *slash;
  gint64 bobs, shared, annas;
  gboolean row = TRUE;

  if (!crm_test_on_postgresql ())
    {
      g_test_skip ("the team's server's own rules");
      return;
    }
  slash = strrchr (fixture->uri, '/');

  g_assert_true (crm_user_store_set_login (users, fixture->anna, agent_login, "hasło Anny", &error));
  g_assert_true (crm_user_store_set_login (users, fixture->manager, manager_login, "hasło Marka", &error));
  g_assert_no_error (error);
  agent_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", agent_login, crm_test_pg.port, slash);
  manager_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", manager_login, crm_test_pg.port, slash);
  agent = crm_session_open_uri (agent_uri, "hasło Anny", fixture->clock, &error);
  g_assert_no_error (error);
  manager = crm_session_open_uri (manager_uri, "hasło Marka", fixture->clock, &error);
  g_assert_no_error (error);

  as (fixture, fixture->bob);
  bobs = add_view (fixture, "tickets", "Bob's", FALSE, parse ("{'version': <uint32 1>}"));
  shared = crm_view_store_add (crm_view_store_from_session (manager), "tickets", "Shared", TRUE,
                               parse ("{'version': <uint32 1>}"), &error);
  g_assert_no_error (error);
  annas = crm_view_store_add (crm_view_store_from_session (agent), "tickets", "Anna's", FALSE,
                              parse ("{'version': <uint32 1>}"), &error);
  g_assert_no_error (error);
  g_assert_cmpint (annas, >, 0);

  /* she sees the shared view and hers; not Bob's, not even by SQL */
  {
    g_autoptr(GPtrArray) list = crm_view_store_list (crm_view_store_from_session (agent), NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
  }
  stmt = crm_database_prepare (crm_session_get_database (agent), "SELECT name FROM saved_views WHERE id = ?1", &error);
  crm_statement_bind_int64 (stmt, 1, bobs);
  g_assert_true (crm_database_step_row (crm_session_get_database (agent), stmt, &row, &error));
  g_assert_false (row);
  g_clear_pointer (&stmt, crm_statement_release);

  /* she may not share, nor change the shared, by raw SQL either */
  stmt = crm_database_prepare (crm_session_get_database (agent),
                               "INSERT INTO saved_views (module, name, name_key, filter, created_at, updated_at) "
                               "VALUES ('tickets', 'Sneaky', 'sneaky', '{}', 0, 0)", &error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ERROR);
  crm_database_set_error (crm_session_get_database (agent), &error);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_pointer (&stmt, crm_statement_release);
  stmt = crm_database_prepare (crm_session_get_database (agent), "DELETE FROM saved_views WHERE id = ?1", &error);
  crm_statement_bind_int64 (stmt, 1, shared);
  g_assert_true (crm_database_step_done (crm_session_get_database (agent), stmt, &error));
  g_assert_cmpint (crm_database_count_changes (crm_session_get_database (agent)), ==, 0);
  g_clear_pointer (&stmt, crm_statement_release);
  /* nor make a view of someone else's */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO saved_views (module, name, name_key, owner_id, filter, "
                                            "created_at, updated_at) VALUES ('tickets', 'For Bob', 'for bob', "
                                            "%" G_GINT64_FORMAT ", '{}', 0, 0)", fixture->bob);

    stmt = crm_database_prepare (crm_session_get_database (agent), g_intern_string (sql), &error);
    g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ERROR);
    g_clear_pointer (&stmt, crm_statement_release);
  }

  /* the manager renames the shared one, and not Anna's */
  g_assert_true (crm_view_store_rename (crm_view_store_from_session (manager), shared, "Everything", &error));
  g_assert_no_error (error);
  g_assert_false (crm_view_store_delete (crm_view_store_from_session (manager), annas, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* and Anna deletes hers */
  g_assert_true (crm_view_store_delete (crm_view_store_from_session (agent), annas, &error));
  g_assert_no_error (error);
  as (fixture, 0);
  text = listed (fixture, NULL);
  g_assert_cmpstr (text, ==, "Bob's,Everything,");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  crm_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/views/add-list", test_add_list);
  ADD ("/views/permissions", test_permissions);
  ADD ("/views/bad-input", test_bad_input);
  ADD ("/views/tickets", test_tickets);
  ADD ("/views/contacts", test_contacts);
  ADD ("/views/offers", test_offers);
  ADD ("/views/searches", test_searches);
  ADD ("/views/server-rules", test_server_rules);

#undef ADD

  return g_test_run ();
}
