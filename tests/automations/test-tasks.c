/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "crm-test-util.h"
#include "pg-fixture.h"

#include "crm.h"

/* Tasks (FD5), on both backends: adding them (for a record or none),
 * what is refused, the lists (a user's, open first by due time; a
 * record's; the paged list), done and not done with audit rows and who
 * may, deleting, the overdue count, and the claim of those fallen due:
 * once across two desktops and after a restart. On PostgreSQL also what
 * the server itself refuses to a member's login. */

typedef struct
{
  char       *dir;
  char       *path;
  char       *uri;      /* on PostgreSQL: the office's database, as its owner */
  CrmClock   *clock;
  CrmSession *session;
  gint64      admin;
  gint64      manager;
  gint64      anna;     /* agents */
  gint64      bob;
  gint64      client;   /* a contact */
  gint64      ticket;   /* a request of the client's */
} Fixture;

/* 2026-12-07 at @hour:@minute UTC, @days later */
static gint64
at (int days,
    int hour,
    int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 12, 7, hour, minute, 0);
  g_autoptr(GDateTime) later = g_date_time_add_days (time, days);

  return g_date_time_to_unix (later);
}

static CrmSession *
open_office (Fixture  *fixture,
             GError  **error)
{
  if (fixture->uri != NULL)
    return crm_session_open_uri (fixture->uri, NULL, fixture->clock, error);

  return crm_session_open_file (fixture->path, fixture->clock, error);
}

static gint64
add_user (Fixture    *fixture,
          const char *name,
          const char *email,
          CrmRole     role)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_user_store_add (crm_user_store_from_session (fixture->session), name, email, role, &error);

  g_assert_no_error (error);

  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 7, 10, 0, 0);
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);

  fixture->dir = g_dir_make_tmp ("crm-tasks-XXXXXX", NULL);
  fixture->path = g_build_filename (fixture->dir, "crm.sqlite", NULL);
  if (crm_test_on_postgresql ())
    fixture->uri = crm_test_pg_new_database ();
  fixture->clock = crm_clock_new_fixed (now);
  fixture->session = open_office (fixture, &error);
  g_assert_no_error (error);

  fixture->admin = add_user (fixture, "Ewa Admin", "ewa@example.com", CRM_ROLE_ADMIN);
  fixture->manager = add_user (fixture, "Marek Kierownik", "marek@example.com", CRM_ROLE_MANAGER);
  fixture->anna = add_user (fixture, "Anna Nowak", "anna@example.com", CRM_ROLE_AGENT);
  fixture->bob = add_user (fixture, "Bob Kowal", "bob@example.com", CRM_ROLE_AGENT);

  crm_contact_set_name (client, "Zofia Kamińska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (fixture->session), client, &error));
  g_assert_no_error (error);
  fixture->client = crm_contact_get_id (client);
  fixture->ticket = crm_ticket_store_record_request (crm_ticket_store_from_session (fixture->session),
                                                     "Mieszkanie na Mokotowie", 1, fixture->client,
                                                     "Czy mieszkanie jest wolne?", "phone", &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, fixture->anna);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->session);
  g_clear_object (&fixture->clock);
  crm_test_remove_data_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->uri);
}

static CrmTaskStore *
store (Fixture *fixture)
{
  return crm_task_store_from_session (fixture->session);
}

static gint64
add (Fixture    *fixture,
     gint64      user_id,
     const char *title,
     gint64      due,
     const char *module,
     gint64      record_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = crm_task_store_add (store (fixture), user_id, title, due, module, record_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static CrmTask *
get (Fixture *fixture,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  CrmTask *task = crm_task_store_get (store (fixture), id, &error);

  g_assert_no_error (error);

  return task;
}

static void
refused (Fixture    *fixture,
         gint64      user_id,
         const char *title,
         gint64      due,
         const char *module,
         gint64      record_id,
         gint        code)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (crm_task_store_add (store (fixture), user_id, title, due, module, record_id, &error), ==, 0);
  g_assert_error (error, CRM_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static gint64
count_rows (Fixture    *fixture,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (crm_session_get_database (fixture->session),
                                                       g_intern_string (sql), &error);

  g_assert_no_error (error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return crm_statement_get_int64 (stmt, 0);
}

/* The audit rows of a task, as "action:detail" lines. */
static char *
history (Fixture *fixture,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = crm_session_list_history (fixture->session, "task", id, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(CrmHistoryEntry) entry = g_list_model_get_item (entries, i);

      g_string_append_printf (text, "%s:%s\n", crm_history_entry_get_action (entry),
                              crm_history_entry_get_detail (entry) ? crm_history_entry_get_detail (entry) : "");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* For a record or none, by whom; what cannot be is refused and nothing
 * is stored. */
static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTask) task = NULL;
  g_autoptr(CrmTask) plain = NULL;
  g_autoptr(CrmTask) automated = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *long_title = g_strnfill (CRM_TASK_TITLE_MAX + 1, 'x');
  g_autofree char *audit = NULL;
  gint64 id, other, auto_id;

  id = add (fixture, fixture->bob, "  Oddzwonić do klientki  ", at (1, 9, 0), "tickets", fixture->ticket);
  task = get (fixture, id);
  g_assert_cmpstr (crm_task_get_title (task), ==, "Oddzwonić do klientki");
  g_assert_cmpint (crm_task_get_user_id (task), ==, fixture->bob);
  g_assert_cmpstr (crm_task_get_user_name (task), ==, "Bob Kowal");
  g_assert_cmpint (crm_task_get_due (task), ==, at (1, 9, 0));
  g_assert_cmpstr (crm_task_get_record_module (task), ==, "tickets");
  g_assert_cmpint (crm_task_get_record_id (task), ==, fixture->ticket);
  g_assert_cmpstr (crm_task_get_record_label (task), ==, "Mieszkanie na Mokotowie");
  g_assert_cmpint (crm_task_get_done (task), ==, 0);
  g_assert_cmpint (crm_task_get_created_by_id (task), ==, fixture->anna);
  g_assert_cmpstr (crm_task_get_created_by (task), ==, "Anna Nowak");
  g_assert_cmpint (crm_task_get_created (task), ==, at (0, 10, 0));
  g_assert_cmpint (crm_task_get_automation_run_id (task), ==, 0);
  g_assert_false (crm_task_is_overdue (task, at (0, 10, 0)));
  g_assert_true (crm_task_is_overdue (task, at (1, 9, 1)));
  text = crm_task_dup_record_text (task);
  expected = g_strdup_printf ("Ticket #%" G_GINT64_FORMAT " · Mieszkanie na Mokotowie", fixture->ticket);
  g_assert_cmpstr (text, ==, expected);
  audit = history (fixture, id);
  g_assert_cmpstr (audit, ==, "created:Oddzwonić do klientki\n");

  other = add (fixture, fixture->anna, "Przygotować umowę", at (2, 12, 0), NULL, 0);
  plain = get (fixture, other);
  g_assert_null (crm_task_get_record_module (plain));
  g_assert_null (crm_task_dup_record_text (plain));
  add (fixture, fixture->anna, "Zadzwonić", at (0, 8, 0), "contacts", fixture->client);

  /* by an automation: no user, its step named */
  crm_session_set_user_id (fixture->session, 0);
  auto_id = crm_task_store_add_full (store (fixture), fixture->anna, "Przypomnienie", at (3, 9, 0), "contacts",
                                     fixture->client, 77, &error);
  g_assert_no_error (error);
  automated = get (fixture, auto_id);
  g_assert_cmpint (crm_task_get_automation_run_id (automated), ==, 77);
  g_assert_cmpint (crm_task_get_created_by_id (automated), ==, 0);
  g_assert_cmpstr (crm_task_get_record_label (automated), ==, "Zofia Kamińska");
  crm_session_set_user_id (fixture->session, fixture->anna);

  /* refused */
  refused (fixture, fixture->anna, "   ", at (1, 9, 0), NULL, 0, CRM_ERROR_INVALID);
  refused (fixture, fixture->anna, long_title, at (1, 9, 0), NULL, 0, CRM_ERROR_INVALID);
  refused (fixture, fixture->anna, "Bez terminu", 0, NULL, 0, CRM_ERROR_INVALID);
  refused (fixture, 999, "Dla nikogo", at (1, 9, 0), NULL, 0, CRM_ERROR_NOT_FOUND);
  refused (fixture, fixture->anna, "Do niczego", at (1, 9, 0), "tickets", 999, CRM_ERROR_NOT_FOUND);
  refused (fixture, fixture->anna, "Do niczego", at (1, 9, 0), "contacts", 999, CRM_ERROR_NOT_FOUND);
  refused (fixture, fixture->anna, "Do niczego", at (1, 9, 0), "offers", 999, CRM_ERROR_NOT_FOUND);
  refused (fixture, fixture->anna, "Do niczego", at (1, 9, 0), "searches", 999, CRM_ERROR_NOT_FOUND);
  refused (fixture, fixture->anna, "Do niczego", at (1, 9, 0), "referrals", 1, CRM_ERROR_INVALID);
  crm_session_set_user_id (fixture->session, fixture->admin);
  g_assert_true (crm_user_store_set_active (crm_user_store_from_session (fixture->session), fixture->bob, FALSE,
                                            &error));
  g_assert_no_error (error);
  refused (fixture, fixture->bob, "Dla nieobecnego", at (1, 9, 0), NULL, 0, CRM_ERROR_INVALID);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM tasks"), ==, 4);

  /* crmctl's --record */
  {
    g_autofree char *module = NULL;
    gint64 record = 0;

    g_assert_true (crm_task_parse_record ("requests:12", &module, &record, &error));
    g_assert_cmpstr (module, ==, "tickets");
    g_assert_cmpint (record, ==, 12);
    g_clear_pointer (&module, g_free);
    g_assert_false (crm_task_parse_record ("tickets:x", &module, &record, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (crm_task_parse_record ("ticket:1", &module, &record, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);
  }
}

static gint64
task_id (GPtrArray *tasks,
         guint      i)
{
  return crm_task_get_id (g_ptr_array_index (tasks, i));
}

/* A user's tasks, open first by due time, then done; a record's; the
 * overdue count; the paged list the window shows. */
static void
test_lists (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) many = NULL;
  g_autoptr(CrmTaskList) list = NULL;
  CrmTaskFilter filter = { 0 };
  gint64 later, sooner, overdue, done, bobs;

  later = add (fixture, fixture->anna, "Później", at (3, 9, 0), NULL, 0);
  sooner = add (fixture, fixture->anna, "Wcześniej", at (1, 9, 0), "contacts", fixture->client);
  overdue = add (fixture, fixture->anna, "Zaległe", at (-1, 9, 0), "tickets", fixture->ticket);
  done = add (fixture, fixture->anna, "Zrobione", at (0, 9, 0), "contacts", fixture->client);
  bobs = add (fixture, fixture->bob, "Boba", at (-2, 9, 0), "contacts", fixture->client);
  g_assert_true (crm_task_store_set_done (store (fixture), done, &error));
  g_assert_no_error (error);

  filter.user_id = fixture->anna;
  tasks = crm_task_store_list (store (fixture), &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 4);
  g_assert_cmpint (task_id (tasks, 0), ==, overdue);
  g_assert_cmpint (task_id (tasks, 1), ==, sooner);
  g_assert_cmpint (task_id (tasks, 2), ==, later);
  g_assert_cmpint (task_id (tasks, 3), ==, done);
  ids = crm_task_store_list_ids (store (fixture), &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 4);
  g_assert_cmpint (g_array_index (ids, gint64, 3), ==, done);
  many = crm_task_store_get_many (store (fixture), (const gint64 *) ids->data, ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (many->len, ==, 4);
  g_clear_pointer (&tasks, g_ptr_array_unref);

  filter.open_only = TRUE;
  tasks = crm_task_store_list (store (fixture), &filter, &error);
  g_assert_cmpuint (tasks->len, ==, 3);
  g_clear_pointer (&tasks, g_ptr_array_unref);
  filter.open_only = FALSE;
  filter.done_only = TRUE;
  tasks = crm_task_store_list (store (fixture), &filter, &error);
  g_assert_cmpuint (tasks->len, ==, 1);
  g_assert_cmpint (task_id (tasks, 0), ==, done);
  g_clear_pointer (&tasks, g_ptr_array_unref);
  filter = (CrmTaskFilter) { 0 };
  filter.limit = 2;
  tasks = crm_task_store_list (store (fixture), &filter, &error);
  g_assert_cmpuint (tasks->len, ==, 2);
  g_assert_cmpint (task_id (tasks, 0), ==, bobs);
  g_clear_pointer (&tasks, g_ptr_array_unref);

  /* the contact's, everyone's */
  tasks = crm_task_store_list_for_record (store (fixture), "contacts", fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 3);
  g_assert_cmpint (task_id (tasks, 0), ==, bobs);
  g_assert_cmpint (task_id (tasks, 1), ==, sooner);
  g_assert_cmpint (task_id (tasks, 2), ==, done);
  g_clear_pointer (&tasks, g_ptr_array_unref);
  tasks = crm_task_store_list_for_record (store (fixture), "tickets", fixture->ticket, &error);
  g_assert_cmpuint (tasks->len, ==, 1);
  g_clear_pointer (&tasks, g_ptr_array_unref);

  /* overdue by the clock */
  g_assert_cmpuint (crm_task_store_count_overdue (store (fixture), fixture->anna, &error), ==, 1);
  g_assert_cmpuint (crm_task_store_count_overdue (store (fixture), 0, &error), ==, 2);
  crm_clock_advance (fixture->clock, 2 * G_TIME_SPAN_DAY);
  g_assert_cmpuint (crm_task_store_count_overdue (store (fixture), fixture->anna, &error), ==, 2);
  g_assert_no_error (error);

  /* the window's list, read lazily, follows changes */
  list = crm_task_list_new (fixture->session);
  filter = (CrmTaskFilter) { 0 };
  filter.user_id = fixture->anna;
  filter.open_only = TRUE;
  crm_task_list_set_filter (list, &filter);
  g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  {
    g_autoptr(CrmTask) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpint (crm_task_get_id (first), ==, overdue);
  }
  g_assert_true (crm_task_store_set_done (store (fixture), overdue, &error));
  g_assert_no_error (error);
  g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (crm_paged_list_wait (CRM_PAGED_LIST (list), 10000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_clear_object (&list);
  crm_test_wait_for_threads ();
}

/* Done and not done, with audit rows; by the task's user, a manager or
 * an administrator only; deleted by its creator or an administrator. */
static void
test_done (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmTask) task = NULL;
  g_autofree char *audit = NULL;
  gint64 id, bobs;

  id = add (fixture, fixture->anna, "Wysłać ofertę", at (1, 9, 0), "contacts", fixture->client);
  crm_clock_advance (fixture->clock, G_TIME_SPAN_HOUR);
  g_assert_true (crm_task_store_set_done (store (fixture), id, &error));
  g_assert_no_error (error);
  task = get (fixture, id);
  g_assert_cmpint (crm_task_get_done (task), ==, at (0, 11, 0));
  g_assert_cmpstr (crm_task_get_done_by (task), ==, "Anna Nowak");
  g_assert_false (crm_task_is_overdue (task, at (5, 0, 0)));
  g_clear_object (&task);
  g_assert_false (crm_task_store_set_done (store (fixture), id, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);

  g_assert_true (crm_task_store_set_undone (store (fixture), id, &error));
  g_assert_no_error (error);
  task = get (fixture, id);
  g_assert_cmpint (crm_task_get_done (task), ==, 0);
  g_assert_null (crm_task_get_done_by (task));
  g_clear_object (&task);
  g_assert_false (crm_task_store_set_undone (store (fixture), id, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_CONFLICT);
  g_clear_error (&error);
  audit = history (fixture, id);
  g_assert_nonnull (strstr (audit, "created:Wysłać ofertę\n"));
  g_assert_nonnull (strstr (audit, "done:Wysłać ofertę\n"));
  g_assert_nonnull (strstr (audit, "undone:Wysłać ofertę\n"));
  g_assert_false (crm_task_store_set_done (store (fixture), 999, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* a colleague's: not an agent's to mark; a manager's and an
   * administrator's */
  bobs = add (fixture, fixture->bob, "Zadanie Boba", at (1, 9, 0), NULL, 0);
  g_assert_false (crm_task_store_set_done (store (fixture), bobs, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  crm_session_set_user_id (fixture->session, fixture->manager);
  g_assert_true (crm_task_store_set_done (store (fixture), bobs, &error));
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, fixture->admin);
  g_assert_true (crm_task_store_set_undone (store (fixture), bobs, &error));
  g_assert_no_error (error);

  /* deleted: by whoever created it (Anna), not by Bob whose it is; by
   * an administrator */
  crm_session_set_user_id (fixture->session, fixture->bob);
  g_assert_false (crm_task_store_delete (store (fixture), bobs, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  crm_session_set_user_id (fixture->session, fixture->anna);
  g_assert_true (crm_task_store_delete (store (fixture), bobs, &error));
  g_assert_no_error (error);
  g_assert_null (crm_task_store_get (store (fixture), bobs, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&audit, g_free);
  audit = history (fixture, bobs);
  g_assert_nonnull (strstr (audit, "deleted:Zadanie Boba\n"));
  crm_session_set_user_id (fixture->session, fixture->admin);
  g_assert_true (crm_task_store_delete (store (fixture), id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM tasks"), ==, 0);
}

/* Told once: claimed by one desktop of two; not again after a restart;
 * the next falls due later, by the clock; done ones never. */
static void
test_claim (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(CrmSession) other = NULL;
  gint64 due_now, due_later, done, next = -1;

  due_now = add (fixture, fixture->anna, "Na teraz", at (0, 9, 30), "tickets", fixture->ticket);
  due_later = add (fixture, fixture->anna, "Na później", at (0, 14, 0), NULL, 0);
  done = add (fixture, fixture->anna, "Zrobione", at (0, 9, 0), NULL, 0);
  add (fixture, fixture->bob, "Boba", at (0, 9, 0), NULL, 0);
  g_assert_true (crm_task_store_set_done (store (fixture), done, &error));
  g_assert_no_error (error);

  g_assert_true (crm_task_store_get_next_due (store (fixture), fixture->anna, &next, &error));
  g_assert_cmpint (next, ==, at (0, 9, 30));

  /* two desktops of Anna's at once: one tells */
  other = crm_session_open_another (fixture->session, &error);
  g_assert_no_error (error);
  claimed = crm_task_store_claim_due (store (fixture), fixture->anna, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpint (task_id (claimed, 0), ==, due_now);
  g_assert_cmpint (crm_task_get_notified (g_ptr_array_index (claimed, 0)), ==, at (0, 10, 0));
  g_clear_pointer (&claimed, g_ptr_array_unref);
  claimed = crm_task_store_claim_due (crm_task_store_from_session (other), fixture->anna, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 0);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_assert_true (crm_task_store_get_next_due (crm_task_store_from_session (other), fixture->anna, &next, &error));
  g_assert_cmpint (next, ==, at (0, 14, 0));
  g_assert_finalize_object (g_steal_pointer (&other));

  /* the application closed for two days: at the next start, the later
   * one, once; nothing of the first again */
  g_assert_finalize_object (g_steal_pointer (&fixture->session));
  crm_clock_advance (fixture->clock, 2 * G_TIME_SPAN_DAY);
  fixture->session = open_office (fixture, &error);
  g_assert_no_error (error);
  crm_session_set_user_id (fixture->session, fixture->anna);
  claimed = crm_task_store_claim_due (store (fixture), fixture->anna, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpint (task_id (claimed, 0), ==, due_later);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  claimed = crm_task_store_claim_due (store (fixture), fixture->anna, &error);
  g_assert_cmpuint (claimed->len, ==, 0);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_assert_true (crm_task_store_get_next_due (store (fixture), fixture->anna, &next, &error));
  g_assert_cmpint (next, ==, 0);

  /* undone, a task told of is not told of again */
  g_assert_true (crm_task_store_set_done (store (fixture), due_now, &error));
  g_assert_true (crm_task_store_set_undone (store (fixture), due_now, &error));
  g_assert_no_error (error);
  claimed = crm_task_store_claim_due (store (fixture), fixture->anna, &error);
  g_assert_cmpuint (claimed->len, ==, 0);
  g_clear_pointer (&claimed, g_ptr_array_unref);

  /* the window's way: on a writer */
  add (fixture, fixture->anna, "Po chwili", at (2, 10, 0), NULL, 0);
  {
    g_autoptr(GAsyncResult) result = NULL;

    crm_task_store_claim_due_async (store (fixture), fixture->anna, NULL, crm_test_async_done_cb, &result);
    claimed = crm_task_store_claim_due_finish (store (fixture), crm_test_wait_result (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (claimed->len, ==, 1);
    g_assert_cmpstr (crm_task_get_title (g_ptr_array_index (claimed, 0)), ==, "Po chwili");
  }
  crm_test_wait_for_threads ();
}

/* On the team's server, a member's own login: the server refuses what
 * the store would, also to raw SQL. */
static void
test_pg_permissions (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) agent = NULL;
  g_autoptr(CrmSession) manager = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *agent_login = g_strdup_printf ("anna_%d", (int) getpid ());
  g_autofree char *manager_login = g_strdup_printf ("marek_%d", (int) getpid ());
  g_autofree char *agent_uri = NULL;
  g_autofree char *manager_uri = NULL;
  g_autofree char *sql = NULL;
  const char *slash;
  gint64 bobs, annas, by_bob;

  if (!crm_test_on_postgresql ())
    {
      g_test_skip ("logins are the team database's");
      return;
    }

  crm_session_set_user_id (fixture->session, 0);
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (fixture->session), fixture->anna, agent_login,
                                           "hasło anny", &error));
  g_assert_no_error (error);
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (fixture->session), fixture->manager,
                                           manager_login, "hasło marka", &error));
  g_assert_no_error (error);
  bobs = add (fixture, fixture->bob, "Zadanie Boba", at (1, 9, 0), NULL, 0);
  crm_session_set_user_id (fixture->session, fixture->bob);
  by_bob = add (fixture, fixture->anna, "Od Boba dla Anny", at (1, 9, 0), NULL, 0);

  slash = strrchr (fixture->uri, '/');
  agent_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", agent_login, crm_test_pg.port, slash);
  manager_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", manager_login, crm_test_pg.port, slash);
  agent = crm_session_open_uri (agent_uri, "hasło anny", fixture->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_session_get_user_id (agent), ==, fixture->anna);
  manager = crm_session_open_uri (manager_uri, "hasło marka", fixture->clock, &error);
  g_assert_no_error (error);

  /* a member reads everyone's, adds for anyone, marks their own */
  {
    g_autoptr(GPtrArray) all = crm_task_store_list (crm_task_store_from_session (agent), NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (all->len, ==, 2);
  }
  annas = crm_task_store_add (crm_task_store_from_session (agent), fixture->bob, "Od Anny dla Boba", at (1, 10, 0),
                              "contacts", fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (annas, >, 0);
  g_assert_true (crm_task_store_set_done (crm_task_store_from_session (agent), by_bob, &error));
  g_assert_no_error (error);

  /* not a colleague's: the store says so, and the server refuses the
   * raw update as well */
  g_assert_false (crm_task_store_set_done (crm_task_store_from_session (agent), bobs, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  sql = g_strdup_printf ("UPDATE tasks SET done_at = 1 WHERE id = %" G_GINT64_FORMAT, bobs);
  stmt = crm_database_prepare (crm_session_get_database (agent), g_intern_string (sql), &error);
  g_assert_no_error (error);
  g_assert_false (crm_database_step_done (crm_session_get_database (agent), stmt, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_pointer (&stmt, crm_statement_release);
  g_clear_pointer (&sql, g_free);

  /* a task she did not create is not hers to delete, raw or not; one
   * she created is */
  g_assert_false (crm_task_store_delete (crm_task_store_from_session (agent), by_bob, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  sql = g_strdup_printf ("DELETE FROM tasks WHERE id = %" G_GINT64_FORMAT, bobs);
  stmt = crm_database_prepare (crm_session_get_database (agent), g_intern_string (sql), &error);
  g_assert_no_error (error);
  g_assert_false (crm_database_step_done (crm_session_get_database (agent), stmt, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_pointer (&stmt, crm_statement_release);
  g_assert_true (crm_task_store_delete (crm_task_store_from_session (agent), annas, &error));
  g_assert_no_error (error);

  /* a manager marks anyone's */
  g_assert_true (crm_task_store_set_done (crm_task_store_from_session (manager), bobs, &error));
  g_assert_no_error (error);
  g_assert_true (crm_task_store_set_undone (crm_task_store_from_session (manager), bobs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture, "SELECT count (*) FROM tasks"), ==, 2);

  g_assert_finalize_object (g_steal_pointer (&agent));
  g_assert_finalize_object (g_steal_pointer (&manager));
  crm_test_wait_for_threads ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/tasks/add", test_add);
  ADD ("/tasks/lists", test_lists);
  ADD ("/tasks/done", test_done);
  ADD ("/tasks/claim", test_claim);
  ADD ("/tasks/pg-permissions", test_pg_permissions);

#undef ADD

  return g_test_run ();
}
