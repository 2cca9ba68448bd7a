/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "ticket-test-util.h"

/* Projects made from sales requests (RQ8, RQ13), on both backends:
 * a project with its items and exact totals, items added, changed and
 * removed, the editor's save over the version it read, a request that
 * closes itself when its last project closes (and not before) and opens
 * again when one is reopened, what is refused, and the numbers as
 * users write them. */

typedef struct
{
  char       *dir;
  CrmClock   *clock;
  CrmSession *session;
  gint64      admin;
  gint64      anna;
  gint64      client;
  gint64      request;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrmUserStore *users;

  fixture->session = ticket_test_open ("crm-projects-XXXXXX", &fixture->dir, &fixture->clock);

  users = crm_user_store_from_session (fixture->session);
  fixture->admin = crm_user_store_add (users, "Ewa Admin", "ewa@example.com", CRM_ROLE_ADMIN, &error);
  fixture->anna = crm_user_store_add (users, "Anna Nowak", "anna@example.com", CRM_ROLE_MANAGER, &error);
  g_assert_no_error (error);

  fixture->client = add_client (fixture->session);

  crm_session_set_user_id (fixture->session, fixture->anna);
  fixture->request = crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session),
                                                      "Brama i ogrodzenie", 1, fixture->client,
                                                      "Proszę o wycenę bramy i ogrodzenia.", "phone", &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->request, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ticket_test_close (fixture->session, fixture->clock, fixture->dir);
}

static CrmProjectStore *
projects (Fixture *fixture)
{
  return crm_project_store_from_session (fixture->session);
}

static CrmTicket *
request (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  CrmTicket *ticket = crm_ticket_store_get (crm_ticket_store_from_session (fixture->session), fixture->request, 0,
                                            &error);

  g_assert_no_error (error);

  return ticket;
}

/* An item from what a user typed. */
static CrmProjectItem *
item (const char *material,
      const char *quantity,
      const char *unit,
      const char *price,
      const char *terms)
{
  g_autoptr(GError) error = NULL;
  gint64 q = 0, p = 0;

  g_assert_true (crm_project_parse_quantity (quantity, &q, &error));
  g_assert_true (crm_project_parse_money (price, &p, &error));
  g_assert_no_error (error);

  return crm_project_item_new (material, q, unit, p, terms);
}

static GPtrArray *
items_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) crm_project_item_free);
}

/* A project with its items: each line's total and the project's are
 * exact (no float: 3 × 0.10 is 0.30), a half minor unit rounded up. */
static void
test_items_totals (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = items_new ();
  g_autoptr(CrmProject) project = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(CrmProjectItem) extra = NULL;
  g_autoptr(CrmProjectItem) changed = NULL;
  g_autofree char *comments = NULL;
  gint64 id, extra_id;

  g_ptr_array_add (items, item ("Słupek stalowy 60×60", "3", "pcs", "0.10", NULL));
  g_ptr_array_add (items, item ("Siatka ogrodzeniowa", "2.5", "m", "12,35", "Ocynk, kolor RAL 7016"));
  g_ptr_array_add (items, item ("Śruby", "1.5", "kg", "0.01", NULL));
  id = crm_project_store_add (projects (fixture), fixture->request, "  Ogrodzenie  ", items, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  project = crm_project_store_get (projects (fixture), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (project->name, ==, "Ogrodzenie");
  g_assert_cmpint (project->ticket_id, ==, fixture->request);
  g_assert_false (project->closed);
  g_assert_cmpstr (crm_project_status (project), ==, "open");
  g_assert_cmpstr (project->created_by, ==, "Anna Nowak");
  g_assert_cmpuint (project->items->len, ==, 3);
  g_assert_cmpuint (project->n_items, ==, 3);
  /* 0.30 + 30.875 → 30.88 + 0.015 → 0.02 */
  g_assert_cmpint (crm_project_item_get_total (g_ptr_array_index (project->items, 0)), ==, 30);
  g_assert_cmpint (crm_project_item_get_total (g_ptr_array_index (project->items, 1)), ==, 3088);
  g_assert_cmpint (crm_project_item_get_total (g_ptr_array_index (project->items, 2)), ==, 2);
  g_assert_cmpint (project->total, ==, 3120);
  g_assert_cmpstr (((CrmProjectItem *) g_ptr_array_index (project->items, 1))->unit, ==, "m");
  g_assert_cmpstr (((CrmProjectItem *) g_ptr_array_index (project->items, 1))->terms, ==, "Ocynk, kolor RAL 7016");
  g_assert_null (((CrmProjectItem *) g_ptr_array_index (project->items, 0))->terms);

  /* an item added after the others, one changed, one removed: the order kept, without gaps */
  extra = item ("Brama przesuwna", "1", "pcs", "4 999.99", "Montaż w 14 dni");
  extra_id = crm_project_store_add_item (projects (fixture), id, extra, &error);
  g_assert_no_error (error);
  changed = item ("Słupek stalowy 80×80", "4", "pcs", "0.10", NULL);
  g_assert_true (crm_project_store_update_item (projects (fixture), ((CrmProjectItem *) g_ptr_array_index (project->items, 0))->id,
                                                changed, &error));
  g_assert_no_error (error);
  g_assert_true (crm_project_store_remove_item (projects (fixture), ((CrmProjectItem *) g_ptr_array_index (project->items, 2))->id,
                                                &error));
  g_assert_no_error (error);
  g_clear_pointer (&project, crm_project_free);
  project = crm_project_store_get (projects (fixture), id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (project->items->len, ==, 3);
  for (guint i = 0; i < project->items->len; i++)
    g_assert_cmpuint (((CrmProjectItem *) g_ptr_array_index (project->items, i))->position, ==, i + 1);
  g_assert_cmpstr (((CrmProjectItem *) g_ptr_array_index (project->items, 0))->material, ==, "Słupek stalowy 80×80");
  g_assert_cmpint (((CrmProjectItem *) g_ptr_array_index (project->items, 2))->id, ==, extra_id);
  /* 0.40 + 30.88 + 4999.99 */
  g_assert_cmpint (project->total, ==, 503127);
  g_assert_cmpint (project->version, ==, 4);

  /* the request's projects: with their totals */
  g_assert_cmpint (crm_project_store_add (projects (fixture), fixture->request, "Brama", NULL, &error), >, 0);
  g_assert_no_error (error);
  listed = crm_project_store_list (projects (fixture), fixture->request, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpint (((CrmProject *) g_ptr_array_index (listed, 0))->total, ==, 503127);
  g_assert_cmpuint (((CrmProject *) g_ptr_array_index (listed, 0))->n_items, ==, 3);
  g_assert_null (((CrmProject *) g_ptr_array_index (listed, 0))->items);
  g_assert_cmpint (((CrmProject *) g_ptr_array_index (listed, 1))->total, ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = crm_project_store_list (projects (fixture), 0, &error);
  g_assert_cmpuint (listed->len, ==, 2);

  /* a system comment in the request; an audit row of each change */
  comments = system_comments (fixture->session, fixture->request);
  g_assert_nonnull (strstr (comments, "Project “Ogrodzenie” created\n"));
  g_assert_nonnull (strstr (comments, "Project “Brama” created\n"));
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM history WHERE entity = 'project'"), ==, 5);
  g_assert_cmpint (count_rows (fixture->session,
                               "SELECT count (*) FROM history WHERE entity = 'project' AND action = 'item-removed'"),
                   ==, 1);
}

/* The editor's save: every item as it holds them, in one go, only over
 * the version it read. */
static void
test_save (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = items_new ();
  g_autoptr(GPtrArray) edited = items_new ();
  g_autoptr(CrmProject) project = NULL;
  g_autoptr(CrmProject) saved = NULL;
  g_autofree char *comments = NULL;
  gint64 id;

  g_ptr_array_add (items, item ("Blacha 2 mm", "10", "m²", "85", NULL));
  g_ptr_array_add (items, item ("Cięcie laserem", "120", "min", "4.50", NULL));
  id = crm_project_store_add (projects (fixture), fixture->request, "Obudowa", items, &error);
  g_assert_no_error (error);
  project = crm_project_store_get (projects (fixture), id, &error);
  g_assert_no_error (error);

  /* the second first, changed; the first gone; a new one */
  g_ptr_array_add (edited, crm_project_item_copy (g_ptr_array_index (project->items, 1)));
  ((CrmProjectItem *) g_ptr_array_index (edited, 0))->quantity = 90000;
  g_ptr_array_add (edited, item ("Gięcie", "12", "pcs", "3", "Termin: 5 dni"));
  g_assert_true (crm_project_store_save (projects (fixture), id, project->version, "Obudowa szafy", edited, &error));
  g_assert_no_error (error);
  saved = crm_project_store_get (projects (fixture), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->name, ==, "Obudowa szafy");
  g_assert_cmpuint (saved->items->len, ==, 2);
  g_assert_cmpint (((CrmProjectItem *) g_ptr_array_index (saved->items, 0))->id, ==,
                   ((CrmProjectItem *) g_ptr_array_index (project->items, 1))->id);
  g_assert_cmpint (((CrmProjectItem *) g_ptr_array_index (saved->items, 0))->position, ==, 1);
  g_assert_cmpint (saved->total, ==, 40500 + 3600);
  comments = system_comments (fixture->session, fixture->request);
  g_assert_nonnull (strstr (comments, "Project “Obudowa” renamed to “Obudowa szafy”\n"));

  /* the version read before is not the project's any more: refused, nothing changed */
  g_assert_false (crm_project_store_save (projects (fixture), id, project->version, "Stara", items, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CHANGED);
  g_clear_error (&error);
  g_clear_pointer (&project, crm_project_free);
  project = crm_project_store_get (projects (fixture), id, &error);
  g_assert_cmpstr (project->name, ==, "Obudowa szafy");
  g_assert_cmpint (project->total, ==, 44100);

  /* an item of another project is not this one's */
  {
    g_autoptr(GPtrArray) other = items_new ();
    g_autoptr(GPtrArray) stolen = items_new ();
    g_autoptr(CrmProject) second = NULL;
    gint64 second_id;

    g_ptr_array_add (other, item ("Rura", "1", NULL, "10", NULL));
    second_id = crm_project_store_add (projects (fixture), fixture->request, "Inny", other, &error);
    g_assert_no_error (error);
    second = crm_project_store_get (projects (fixture), second_id, &error);
    g_ptr_array_add (stolen, crm_project_item_copy (g_ptr_array_index (second->items, 0)));
    g_assert_false (crm_project_store_save (projects (fixture), id, project->version, "Obudowa szafy", stolen, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  }
}

static void
assert_status (Fixture    *fixture,
               const char *kind)
{
  g_autoptr(CrmTicket) ticket = request (fixture);

  g_assert_cmpstr (crm_ticket_get_status_kind (ticket), ==, kind);
}

/* RQ13: the request closes itself, as won, when its last project
 * closes, in the same transaction, and not before; reopening a project
 * opens it again. */
static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTicket) closed = NULL;
  g_autoptr(CrmProject) project = NULL;
  g_autofree char *comments = NULL;
  gboolean ticket_changed = TRUE;
  gint64 gate, fence;

  gate = crm_project_store_add (projects (fixture), fixture->request, "Brama", NULL, &error);
  fence = crm_project_store_add (projects (fixture), fixture->request, "Ogrodzenie", NULL, &error);
  g_assert_no_error (error);

  g_assert_true (crm_project_store_close (projects (fixture), gate, &ticket_changed, &error));
  g_assert_no_error (error);
  g_assert_false (ticket_changed);
  assert_status (fixture, "new");
  comments = system_comments (fixture->session, fixture->request);
  g_assert_nonnull (strstr (comments, "Project “Brama” closed\n"));
  g_assert_null (strstr (comments, "Closed because"));
  project = crm_project_store_get (projects (fixture), gate, &error);
  g_assert_true (project->closed);
  g_assert_cmpstr (project->closed_by, ==, "Anna Nowak");
  g_assert_cmpint (project->closed_at, ==, crm_clock_now_unix (fixture->clock));

  /* closed already: refused */
  g_assert_false (crm_project_store_close (projects (fixture), gate, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* the last one */
  g_assert_true (crm_project_store_close (projects (fixture), fence, &ticket_changed, &error));
  g_assert_no_error (error);
  g_assert_true (ticket_changed);
  closed = request (fixture);
  g_assert_cmpstr (crm_ticket_get_status_kind (closed), ==, "closed");
  g_assert_cmpstr (crm_ticket_get_outcome (closed), ==, "won");
  g_clear_pointer (&comments, g_free);
  comments = system_comments (fixture->session, fixture->request);
  g_assert_true (g_str_has_suffix (comments, "Project “Ogrodzenie” closed\n"
                                             "Closed because its last project, Ogrodzenie, was closed\n"));
  g_assert_cmpint (count_rows (fixture->session,
                               "SELECT count (*) FROM history WHERE entity = 'ticket' AND action = 'closed'"), ==, 1);
  g_assert_cmpint (count_rows (fixture->session,
                               "SELECT count (*) FROM history WHERE entity = 'project' AND action = 'closed'"), ==, 2);
  /* a won request counts among the outcomes, its manager's */
  {
    g_autoptr(GPtrArray) counts = crm_ticket_store_count_outcomes (crm_ticket_store_from_session (fixture->session),
                                                                   0, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (counts->len, ==, 1);
    g_assert_cmpint (((CrmOutcomeCount *) g_ptr_array_index (counts, 0))->outcome, ==, CRM_TICKET_OUTCOME_WON);
  }

  /* a closed request takes no new project */
  g_assert_cmpint (crm_project_store_add (projects (fixture), fixture->request, "Furtka", NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* a project reopened: the request has work again */
  g_assert_true (crm_project_store_reopen (projects (fixture), gate, &ticket_changed, &error));
  g_assert_no_error (error);
  g_assert_true (ticket_changed);
  g_clear_object (&closed);
  closed = request (fixture);
  g_assert_cmpstr (crm_ticket_get_status_kind (closed), ==, "open");
  g_assert_null (crm_ticket_get_outcome (closed));
  g_clear_pointer (&comments, g_free);
  comments = system_comments (fixture->session, fixture->request);
  g_assert_true (g_str_has_suffix (comments, "Project “Brama” reopened\nReopened because its project Brama was reopened\n"));
  g_assert_false (crm_project_store_reopen (projects (fixture), gate, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  /* closed again, the request with it; a second reopen leaves an open request as it is */
  g_assert_true (crm_project_store_close (projects (fixture), gate, &ticket_changed, &error));
  g_assert_true (ticket_changed);
  assert_status (fixture, "closed");
  g_assert_true (crm_project_store_reopen (projects (fixture), fence, &ticket_changed, &error));
  g_assert_true (crm_project_store_reopen (projects (fixture), gate, &ticket_changed, &error));
  g_assert_no_error (error);
  g_assert_false (ticket_changed);
  assert_status (fixture, "open");
}

/* What is refused, with a message that says what to correct; nothing
 * is stored of it. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bad = items_new ();
  g_autoptr(CrmProjectItem) good = item ("Blacha", "1", "m²", "10", NULL);
  g_autoptr(CrmProjectItem) zero = crm_project_item_new ("Blacha", 0, NULL, 100, NULL);
  g_autoptr(CrmProjectItem) negative = crm_project_item_new ("Blacha", 1000, NULL, -1, NULL);
  g_autoptr(CrmProjectItem) nameless = crm_project_item_new ("   ", 1000, NULL, 100, NULL);
  g_autoptr(CrmProjectItem) huge = crm_project_item_new ("Blacha", CRM_PROJECT_QUANTITY_MAX + 1, NULL, 100, NULL);
  gint64 id, item_id;

  g_assert_cmpint (crm_project_store_add (projects (fixture), fixture->request, "  ", NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_project_store_add (projects (fixture), 999999, "Brama", NULL, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_ptr_array_add (bad, crm_project_item_copy (good));
  g_ptr_array_add (bad, crm_project_item_copy (zero));
  g_assert_cmpint (crm_project_store_add (projects (fixture), fixture->request, "Brama", bad, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Item 2: "));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM projects"), ==, 0);

  id = crm_project_store_add (projects (fixture), fixture->request, "Brama", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_project_store_add_item (projects (fixture), id, negative, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_project_store_add_item (projects (fixture), id, nameless, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_project_store_add_item (projects (fixture), id, huge, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (crm_project_store_add_item (projects (fixture), 999999, good, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (crm_project_store_remove_item (projects (fixture), 999999, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a closed project's items stay as they were */
  item_id = crm_project_store_add_item (projects (fixture), id, good, &error);
  g_assert_no_error (error);
  g_assert_true (crm_project_store_close (projects (fixture), id, NULL, &error));
  g_assert_false (crm_project_store_update_item (projects (fixture), item_id, good, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (crm_project_store_add_item (projects (fixture), id, good, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM project_items"), ==, 1);
  g_assert_false (crm_project_store_close (projects (fixture), 999999, NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
}

/* A request deleted with its projects comes back with them. */
static void
test_delete_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  CrmTicketStore *tickets = crm_ticket_store_from_session (fixture->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = items_new ();
  g_autoptr(CrmProject) project = NULL;
  gint64 id;

  g_ptr_array_add (items, item ("Blacha", "2", "m²", "10.50", "Termin 7 dni"));
  id = crm_project_store_add (projects (fixture), fixture->request, "Brama", items, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, fixture->admin);
  g_assert_cmpint (crm_ticket_store_delete (tickets, fixture->request, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM projects"), ==, 0);
  g_assert_cmpint (count_rows (fixture->session, "SELECT count (*) FROM project_items"), ==, 0);
  g_assert_true (crm_ticket_store_restore (tickets, fixture->request, &error));
  g_assert_no_error (error);
  project = crm_project_store_get (projects (fixture), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (project->name, ==, "Brama");
  g_assert_cmpuint (project->items->len, ==, 1);
  g_assert_cmpint (project->total, ==, 2100);
  g_assert_cmpstr (((CrmProjectItem *) g_ptr_array_index (project->items, 0))->terms, ==, "Termin 7 dni");
}

/* On the team's server, a manager logged in as herself makes, changes,
 * closes and reopens projects with the rights of the office's members
 * (0035), the request closing and opening with them. */
static void
test_member (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) anna = NULL;
  g_autoptr(CrmProjectItem) blacha = item ("Blacha", "2", "m²", "10", NULL);
  g_autoptr(CrmProject) project = NULL;
  g_autoptr(GPtrArray) items = items_new ();
  g_autofree char *login = g_strdup_printf ("anna_projects_%d", (int) getpid ());
  g_autofree char *uri = NULL;
  const char *where;
  gboolean closed = FALSE;
  gint64 id, item_id;

  if (!crm_test_on_postgresql ())
    {
      g_test_skip ("logins are the team's server's");
      return;
    }
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (fixture->session), fixture->anna, login,
                                           "tajne hasło", &error));
  g_assert_no_error (error);
  where = crm_database_get_name (crm_session_get_database (fixture->session));
  uri = crm_test_pg_uri (login, strrchr (where, '/') + 1);
  anna = crm_session_open_uri (uri, "tajne hasło", fixture->clock, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (anna, fixture->anna);

  id = crm_project_store_add (crm_project_store_from_session (anna), fixture->request, "Brama", NULL, &error);
  g_assert_no_error (error);
  item_id = crm_project_store_add_item (crm_project_store_from_session (anna), id, blacha, &error);
  g_assert_no_error (error);
  g_assert_true (crm_project_store_remove_item (crm_project_store_from_session (anna), item_id, &error));
  g_assert_no_error (error);
  project = crm_project_store_get (crm_project_store_from_session (anna), id, &error);
  g_ptr_array_add (items, crm_project_item_copy (blacha));
  g_assert_true (crm_project_store_save (crm_project_store_from_session (anna), id, project->version, "Brama", items,
                                         &error));
  g_assert_no_error (error);
  g_assert_true (crm_project_store_close (crm_project_store_from_session (anna), id, &closed, &error));
  g_assert_no_error (error);
  g_assert_true (closed);
  assert_status (fixture, "closed");
  g_assert_true (crm_project_store_reopen (crm_project_store_from_session (anna), id, &closed, &error));
  g_assert_no_error (error);
  assert_status (fixture, "open");
  /* a project goes only with its request, which an administrator deletes */
  g_assert_false (crm_database_exec (crm_session_get_database (anna), "DELETE FROM projects", &error));
  g_assert_nonnull (strstr (error->message, "administrator"));
  g_clear_object (&anna);
}

static void
assert_money (const char *text,
              gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_true (crm_project_parse_money (text, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, expected);
}

static void
assert_not_money (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 value = -1;

  g_assert_false (crm_project_parse_money (text, &value, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
}

/* Numbers as users write them, and as they are shown. */
static void
test_numbers (void)
{
  g_autoptr(GError) error = NULL;
  gint64 value = 0;
  char *text;

  assert_money ("12.50", 1250);
  assert_money ("12,5", 1250);
  assert_money (" 1 234,56 ", 123456);
  assert_money ("1\u00a0234.5", 123450);
  assert_money ("1,234.50", 123450);
  assert_money ("1.234,50", 123450);
  assert_money ("1,234,567", 123456700);
  assert_money ("0", 0);
  assert_money (",5", 50);
  assert_money ("9999999.99", 999999999);
  assert_not_money ("");
  assert_not_money ("12.345");
  assert_not_money ("-5");
  assert_not_money ("1,2.3");
  assert_not_money ("12,50,3");
  assert_not_money ("1.2 5");
  assert_not_money ("10000000");
  assert_not_money ("12 zł");
  assert_not_money ("1e3");

  g_assert_true (crm_project_parse_quantity ("2.5", &value, &error));
  g_assert_cmpint (value, ==, 2500);
  g_assert_true (crm_project_parse_quantity ("0,125", &value, &error));
  g_assert_cmpint (value, ==, 125);
  g_assert_no_error (error);
  g_assert_false (crm_project_parse_quantity ("0", &value, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (crm_project_parse_quantity ("0.0001", &value, &error));
  g_clear_error (&error);
  g_assert_false (crm_project_parse_quantity ("1000000", &value, &error));
  g_clear_error (&error);

  /* for scripts, whatever the locale */
  text = crm_project_money_to_string (123450);
  g_assert_cmpstr (text, ==, "1234.50");
  g_free (text);
  text = crm_project_money_to_string (5);
  g_assert_cmpstr (text, ==, "0.05");
  g_free (text);
  text = crm_project_quantity_to_string (2500);
  g_assert_cmpstr (text, ==, "2.5");
  g_free (text);
  text = crm_project_quantity_to_string (12000);
  g_assert_cmpstr (text, ==, "12");
  g_free (text);
  /* for people: the C locale groups with a no-break space */
  text = crm_project_format_money (123456789);
  g_assert_cmpstr (text, ==, "1\u00a0234\u00a0567.89");
  g_free (text);
  text = crm_project_format_quantity (1234500);
  g_assert_cmpstr (text, ==, "1\u00a0234.5");
  g_free (text);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/projects/numbers", test_numbers);
  ADD ("/projects/items-totals", test_items_totals);
  ADD ("/projects/save", test_save);
  ADD ("/projects/close", test_close);
  ADD ("/projects/refused", test_refused);
  ADD ("/projects/delete-restore", test_delete_restore);
  ADD ("/projects/member", test_member);

#undef ADD

  return g_test_run ();
}
