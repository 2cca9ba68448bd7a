/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "crm-test-util.h"
#include "pg-fixture.h"

#include "crm.h"
#include "crm-pg-database.h"

/* The PostgreSQL backend of CrmDatabase against a real server on
 * loopback: parameters, migrations, transactions, values of each type,
 * a reader beside a writer, and following another desktop's changes. */

typedef struct
{
  char        *uri;
  CrmDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->uri = crm_test_pg_new_database ();
  fixture->db = crm_pg_database_open (fixture->uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->db);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  g_free (fixture->uri);
}

/* `?` and `?N` become `$N`, never inside quotes or comments. */
static void
test_parameters (void)
{
  struct { const char *sql; const char *server; int n; } cases[] = {
    { "SELECT 1", "SELECT 1", 0 },
    { "SELECT ? + ?", "SELECT $1 + $2", 2 },
    { "WHERE a = ?2 OR b = ?1 OR c = ?2", "WHERE a = $2 OR b = $1 OR c = $2", 2 },
    { "WHERE a = ?3 AND b = ?", "WHERE a = $3 AND b = $4", 4 },
    { "SELECT '?', \"a?b\", ? -- what?\n, ?", "SELECT '?', \"a?b\", $1 -- what?\n, $2", 2 },
    { "SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int n = -1;
      g_autofree char *server = _crm_pg_translate_parameters (cases[i].sql, &n);

      g_assert_cmpstr (server, ==, cases[i].server);
      g_assert_cmpint (n, ==, cases[i].n);
    }
}

static void
test_migrations (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDatabase) again = NULL;

  g_assert_cmpint (crm_database_get_dialect (fixture->db), ==, CRM_DIALECT_POSTGRESQL);
  g_assert_cmpint (crm_database_get_schema_version (fixture->db), ==, crm_database_get_latest_schema_version ());
  g_assert_nonnull (strstr (crm_database_get_name (fixture->db), "postgres@127.0.0.1"));

  /* a second desktop finds it done */
  again = crm_pg_database_open (fixture->uri, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_database_get_schema_version (again), ==, crm_database_get_latest_schema_version ());

  /* a server that cannot be reached says so */
  {
    g_autofree char *nowhere = g_strdup_printf ("postgresql://postgres@127.0.0.1:1/none");
    g_autoptr(CrmDatabase) none = crm_pg_database_open (nowhere, NULL, NULL, &error);

    g_assert_null (none);
    g_assert_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_OPEN);
    g_clear_error (&error);
  }
}

static gboolean
insert_two_tx (CrmDatabase  *db,
               gpointer      user_data,
               GError      **error)
{
  gint64 *ids = user_data;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (db, "INSERT INTO templates (name, body, created_at) VALUES (?, ?, ?)",
                                                       error);

  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < 2; i++)
    {
      crm_statement_bind_text (stmt, 1, i == 0 ? "Powitanie" : "Pożegnanie");
      crm_statement_bind_text (stmt, 2, "Dzień dobry");
      crm_statement_bind_int64 (stmt, 3, 1700000000 + i);
      if (!crm_database_step_done (db, stmt, error))
        return FALSE;
      ids[i] = crm_database_last_insert_id (db);
      crm_statement_reset (stmt);
    }

  return ids[2] == 0 || (g_set_error_literal (error, CRM_ERROR, CRM_ERROR_INVALID, "rolled back"), FALSE);
}

static void
test_statements (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  gint64 ids[3] = { 0, 0, 0 };
  static const guint8 bytes[] = { 0, 1, 2, 255, '\\', 'x' };
  gconstpointer blob;
  gsize length = 0;

  /* a transaction: both rows, their ids */
  g_assert_true (crm_database_run_in_transaction (fixture->db, insert_two_tx, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ids[0], >, 0);
  g_assert_cmpint (ids[1], ==, ids[0] + 1);
  g_assert_false (crm_database_in_transaction (fixture->db));

  /* one that fails leaves nothing */
  ids[2] = 1;
  g_assert_false (crm_database_run_in_transaction (fixture->db, insert_two_tx, ids, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  stmt = crm_database_prepare (fixture->db, "SELECT count (*), max (id) = ?, 2.5, NULL, 'zażółć' FROM templates",
                               &error);
  g_assert_no_error (error);
  crm_statement_bind_int64 (stmt, 1, ids[1]);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
  g_assert_cmpint (crm_statement_get_int64 (stmt, 0), ==, 2);
  g_assert_cmpint (crm_statement_get_int64 (stmt, 1), ==, 1);
  g_assert_cmpfloat (crm_statement_get_double (stmt, 2), ==, 2.5);
  g_assert_true (crm_statement_is_null (stmt, 3));
  g_assert_cmpstr (crm_statement_get_text (stmt, 4), ==, "zażółć");
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_DONE);
  g_clear_pointer (&stmt, crm_statement_release);

  /* a UNIQUE name broken: said as such */
  stmt = crm_database_prepare (fixture->db, "INSERT INTO templates (name, body, created_at) VALUES (?, 'x', 0)", &error);
  crm_statement_bind_text (stmt, 1, "Powitanie");
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ERROR);
  g_assert_true (crm_database_is_unique_violation (fixture->db));
  g_clear_pointer (&stmt, crm_statement_release);

  /* rows changed */
  stmt = crm_database_prepare (fixture->db, "UPDATE templates SET body = ? WHERE id >= ?", &error);
  crm_statement_bind_text (stmt, 1, "Witam");
  crm_statement_bind_int64 (stmt, 2, ids[0]);
  g_assert_true (crm_database_step_done (fixture->db, stmt, &error));
  g_assert_cmpint (crm_database_count_changes (fixture->db), ==, 2);
  g_clear_pointer (&stmt, crm_statement_release);

  /* bytes, with a zero and a backslash among them */
  g_assert_true (crm_database_exec (fixture->db, "CREATE TEMP TABLE blobs (data bytea)", &error));
  stmt = crm_database_prepare (fixture->db, "INSERT INTO blobs (data) VALUES (?)", &error);
  crm_statement_bind_blob (stmt, 1, bytes, sizeof bytes);
  g_assert_true (crm_database_step_done (fixture->db, stmt, &error));
  g_clear_pointer (&stmt, crm_statement_release);
  stmt = crm_database_prepare (fixture->db, "SELECT data FROM blobs", &error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
  blob = crm_statement_get_blob (stmt, 0, &length);
  g_assert_cmpmem (blob, length, bytes, sizeof bytes);
  g_clear_pointer (&stmt, crm_statement_release);

  /* the office's settings and the audit history */
  g_assert_true (crm_database_set_setting (fixture->db, "phone-country", "PL", &error));
  g_assert_true (crm_database_set_setting (fixture->db, "phone-country", "HU", &error));
  g_assert_no_error (error);
  {
    g_autofree char *country = crm_database_get_setting (fixture->db, "phone-country", NULL);
    g_autoptr(GListModel) history = NULL;

    g_assert_cmpstr (country, ==, "HU");
    g_assert_true (crm_database_append_history (fixture->db, 1700000000, 0, "template", ids[0], "created", "Powitanie",
                                                &error));
    g_assert_no_error (error);
    history = crm_database_list_history (fixture->db, "template", ids[0], &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
  }
}

/* A reader cannot write; it reads what was committed. */
static void
test_reader (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDatabase) reader = crm_database_open_reader (fixture->db, &error);
  g_autoptr(CrmStatement) stmt = NULL;

  g_assert_no_error (error);
  g_assert_true (crm_database_set_setting (fixture->db, "k", "v", &error));
  {
    g_autofree char *value = crm_database_get_setting (reader, "k", NULL);

    g_assert_cmpstr (value, ==, "v");
  }
  g_assert_false (crm_database_set_setting (reader, "k", "w", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

static gint64
add_template (CrmDatabase *db,
              const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStatement) stmt = crm_database_prepare (db, "INSERT INTO templates (name, body, created_at) VALUES (?, 'b', 0)",
                                                       &error);

  g_assert_no_error (error);
  crm_statement_bind_text (stmt, 1, name);
  g_assert_true (crm_database_step_done (db, stmt, &error));
  g_assert_no_error (error);

  return crm_database_last_insert_id (db);
}

/* Another desktop's commit reaches this one through NOTIFY, within a
 * second; what this connection or its writer wrote is not told again. */
static void
test_follow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDatabase) other = crm_pg_database_open (fixture->uri, NULL, NULL, &error);
  g_autoptr(CrmDatabase) writer = crm_database_open_writer (fixture->db, &error);
  CrmTestFollowed followed = { g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *theirs = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *written = NULL;
  gint64 started, deadline;

  g_assert_no_error (error);
  g_signal_connect (fixture->db, "changed", G_CALLBACK (crm_test_followed_cb), &followed);
  crm_database_follow_changes (fixture->db, 250);

  mine = g_strdup_printf ("template %" G_GINT64_FORMAT, add_template (fixture->db, "Moja"));
  written = g_strdup_printf ("template %" G_GINT64_FORMAT, add_template (writer, "Zapisana"));
  started = g_get_monotonic_time ();
  theirs = g_strdup_printf ("template %" G_GINT64_FORMAT, add_template (other, "Ich"));
  deadline = started + G_USEC_PER_SEC;
  while (!crm_test_followed_has (&followed, theirs) && g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_true (crm_test_followed_has (&followed, theirs));
  g_test_message ("told after %.1f ms", (g_get_monotonic_time () - started) / 1000.0);

  /* a moment more: the own and the writer's are never told */
  deadline = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (crm_test_followed_has (&followed, mine));
  g_assert_false (crm_test_followed_has (&followed, written));

  crm_database_follow_changes (fixture->db, 0);
  g_signal_handlers_disconnect_by_data (fixture->db, &followed);
  g_ptr_array_unref (followed.seen);
}

/* The follower's connection, lost (its server process ended, as a
 * restarted server or a broken network would): made again, and what
 * others committed meanwhile is told all the same, from the journal. */
static void
test_follow_reconnect (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDatabase) other = crm_pg_database_open (fixture->uri, NULL, NULL, &error);
  CrmTestFollowed followed = { g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *before = NULL;
  g_autofree char *meanwhile = NULL;
  gint64 started, deadline;
  gint64 ended = 0;

  g_assert_no_error (error);
  g_signal_connect (fixture->db, "changed", G_CALLBACK (crm_test_followed_cb), &followed);
  crm_database_follow_changes (fixture->db, 250);

  /* following: the follower's server process is the one listening */
  before = g_strdup_printf ("template %" G_GINT64_FORMAT, add_template (other, "Przed"));
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (!crm_test_followed_has (&followed, before) && g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_true (crm_test_followed_has (&followed, before));

  {
    g_autoptr(CrmStatement) stmt =
      crm_database_prepare (other,
                            "SELECT count (pg_terminate_backend (pid)) FROM pg_stat_activity "
                            "WHERE datname = current_database () AND pid <> pg_backend_pid () "
                            "AND query LIKE 'SELECT seq, entity, entity_id, pid FROM changes%'",
                            &error);

    g_assert_no_error (error);
    g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
    ended = crm_statement_get_int64 (stmt, 0);
  }
  g_assert_cmpint (ended, ==, 1);

  started = g_get_monotonic_time ();
  meanwhile = g_strdup_printf ("template %" G_GINT64_FORMAT, add_template (other, "W międzyczasie"));
  deadline = started + 10 * G_USEC_PER_SEC;
  while (!crm_test_followed_has (&followed, meanwhile) && g_get_monotonic_time () < deadline)
    crm_test_iterate ();
  g_assert_true (crm_test_followed_has (&followed, meanwhile));
  g_test_message ("told after a lost connection: %.1f ms", (g_get_monotonic_time () - started) / 1000.0);

  crm_database_follow_changes (fixture->db, 0);
  g_signal_handlers_disconnect_by_data (fixture->db, &followed);
  g_ptr_array_unref (followed.seen);
}

/* People log in as themselves: the desktop is the user of the login,
 * and the server refuses what only an administrator may do, also to
 * raw SQL. */
static void
test_logins (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSession) office = crm_session_new (fixture->db, NULL);
  g_autoptr(CrmSession) agent = NULL;
  g_autoptr(CrmSession) admin = NULL;
  g_autoptr(CrmContact) client = crm_contact_new (CRM_CONTACT_PERSON);
  g_autoptr(CrmStatement) stmt = NULL;
  g_autofree char *agent_login = g_strdup_printf ("jan_%d", (int) getpid ());
  g_autofree char *admin_login = g_strdup_printf ("ewa_%d", (int) getpid ());
  g_autofree char *agent_uri = NULL;
  g_autofree char *admin_uri = NULL;
  gint64 ewa, jan;

  ewa = crm_user_store_add (crm_user_store_from_session (office), "Ewa Nowak", "ewa@example.com", CRM_ROLE_ADMIN,
                            &error);
  jan = crm_user_store_add (crm_user_store_from_session (office), "Jan Kos", "jan@example.com", CRM_ROLE_AGENT,
                            &error);
  g_assert_no_error (error);
  crm_contact_set_name (client, "Anna Kowalska");
  g_assert_true (crm_contact_store_save (crm_contact_store_from_session (office), client, &error));
  g_assert_no_error (error);

  /* the administrator gives each their login */
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (office), ewa, admin_login, "hasło ewy", &error));
  g_assert_no_error (error);
  g_assert_true (crm_user_store_set_login (crm_user_store_from_session (office), jan, agent_login, "hasło jana", &error));
  g_assert_no_error (error);
  g_assert_false (crm_user_store_set_login (crm_user_store_from_session (office), jan, "Not A Login", NULL, &error));
  g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
  g_clear_error (&error);

  /* the desktop is who logged in: nobody chooses */
  {
    char *slash = strrchr (fixture->uri, '/');

    agent_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", agent_login, crm_test_pg.port, slash);
    admin_uri = g_strdup_printf ("postgresql://%s@127.0.0.1:%u%s", admin_login, crm_test_pg.port, slash);
  }
  agent = crm_session_open_uri (agent_uri, "hasło jana", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (crm_session_get_logged_in (agent));
  g_assert_cmpint (crm_session_get_user_id (agent), ==, jan);
  admin = crm_session_open_uri (admin_uri, "hasło ewy", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_session_get_user_id (admin), ==, ewa);
  g_assert_false (crm_session_get_logged_in (office));

  /* an agent works: a contact's name changes */
  {
    g_autoptr(CrmContact) theirs = crm_contact_store_get (crm_contact_store_from_session (agent),
                                                          crm_contact_get_id (client), &error);

    g_assert_no_error (error);
    crm_contact_set_name (theirs, "Anna Kowalska-Nowak");
    g_assert_true (crm_contact_store_save (crm_contact_store_from_session (agent), theirs, &error));
    g_assert_no_error (error);

    /* but not its manager, the office's settings, or the users: a
     * client without a manager may become theirs, as the first who
     * answers it does (RQ3), but not a colleague's, and once the
     * client has a manager, only an administrator changes it */
    crm_contact_set_manager_id (theirs, ewa);
    g_assert_false (crm_contact_store_save (crm_contact_store_from_session (agent), theirs, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
    g_clear_error (&error);
    crm_contact_set_manager_id (theirs, jan);
    g_assert_true (crm_contact_store_save (crm_contact_store_from_session (agent), theirs, &error));
    g_assert_no_error (error);
    crm_contact_set_manager_id (theirs, ewa);
    g_assert_false (crm_contact_store_save (crm_contact_store_from_session (agent), theirs, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
    g_clear_error (&error);
    crm_contact_set_manager_id (theirs, 0);
    g_assert_false (crm_contact_store_save (crm_contact_store_from_session (agent), theirs, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
    g_clear_error (&error);
    g_assert_false (crm_session_set_setting (agent, "phone-country", "HU", &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
    g_clear_error (&error);
    g_assert_false (crm_user_store_set_active (crm_user_store_from_session (agent), ewa, FALSE, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* raw SQL on the agent's own connection: the server refuses it too */
  stmt = crm_database_prepare (crm_session_get_database (agent), "DELETE FROM tickets", &error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ERROR);
  crm_database_set_error (crm_session_get_database (agent), &error);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_pointer (&stmt, crm_statement_release);
  stmt = crm_database_prepare (crm_session_get_database (agent), "UPDATE contacts SET manager_id = (SELECT min (id) FROM users)", &error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ERROR);
  g_clear_pointer (&stmt, crm_statement_release);
  /* the reasons why clients do not buy are the administrators' list
   * (issue 14): refused through the store and through raw SQL */
  g_assert_cmpint (crm_ticket_store_add_close_reason (crm_ticket_store_from_session (agent), "Too expensive", &error), ==, 0);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  stmt = crm_database_prepare (crm_session_get_database (agent),
                               "INSERT INTO close_reasons (name, position) VALUES ('Too expensive', 1)", &error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ERROR);
  crm_database_set_error (crm_session_get_database (agent), &error);
  g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_pointer (&stmt, crm_statement_release);
  g_assert_cmpint (crm_ticket_store_add_close_reason (crm_ticket_store_from_session (admin), "Too expensive", &error), >, 0);
  g_assert_no_error (error);

  /* the administrator may */
  {
    g_autoptr(CrmContact) theirs = crm_contact_store_get (crm_contact_store_from_session (admin),
                                                          crm_contact_get_id (client), &error);

    crm_contact_set_manager_id (theirs, ewa);
    g_assert_true (crm_contact_store_save (crm_contact_store_from_session (admin), theirs, &error));
    g_assert_no_error (error);
    g_assert_true (crm_session_set_setting (admin, "phone-country", "HU", &error));
    g_assert_no_error (error);
  }

  /* an agent undoes their own split, though only administrators delete
   * tickets: through crm_undo_split (), which deletes nothing else;
   * the function called for the administrator's split is refused */
  {
    gint64 request = crm_ticket_store_record_request (crm_ticket_store_from_session (agent), "Dwie sprawy", 1,
                                                      crm_contact_get_id (client), "Mieszkanie i parking", "phone",
                                                      &error);
    g_autoptr(GArray) messages = NULL;
    g_autoptr(CrmStatement) call = NULL;
    g_autoptr(CrmTicket) kept = NULL;
    g_autofree char *sql = NULL;
    gint64 step, made = 0, theirs;

    g_assert_no_error (error);
    messages = crm_ticket_store_list_messages (crm_ticket_store_from_session (agent), request, &error);
    g_assert_no_error (error);
    step = crm_ticket_store_split (crm_ticket_store_from_session (agent), g_array_index (messages, gint64, 0), &made,
                                   &error);
    g_assert_no_error (error);
    g_assert_cmpint (crm_ticket_store_undo (crm_ticket_store_from_session (agent), step, NULL, NULL, &error), ==, step);
    g_assert_no_error (error);
    g_assert_null (crm_ticket_store_get (crm_ticket_store_from_session (agent), made, 0, &error));
    g_clear_error (&error);

    theirs = crm_ticket_store_split (crm_ticket_store_from_session (admin), g_array_index (messages, gint64, 0), &made,
                                     &error);
    g_assert_no_error (error);
    sql = g_strdup_printf ("SELECT crm_undo_split (%" G_GINT64_FORMAT ")", theirs);
    call = crm_database_prepare (crm_session_get_database (agent), g_intern_string (sql), &error);
    g_assert_cmpint (crm_statement_step (call), ==, CRM_STEP_ERROR);
    crm_database_set_error (crm_session_get_database (agent), &error);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
    g_clear_error (&error);
    g_clear_pointer (&call, crm_statement_release);
    kept = crm_ticket_store_get (crm_ticket_store_from_session (admin), made, 0, &error);
    g_assert_no_error (error);
    g_assert_nonnull (kept);

    /* deleting (TK22): the administrator's, and the deleted tickets
     * hers to read; the agent is refused, through raw SQL too */
    g_assert_cmpint (crm_ticket_store_delete (crm_ticket_store_from_session (agent), request, &error), ==, 0);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
    g_clear_error (&error);
    g_assert_cmpint (crm_ticket_store_delete (crm_ticket_store_from_session (admin), request, &error), >, 0);
    g_assert_no_error (error);
    g_clear_pointer (&call, crm_statement_release);
    call = crm_database_prepare (crm_session_get_database (agent), "SELECT count (*) FROM deleted_tickets", &error);
    g_assert_cmpint (crm_statement_step (call), ==, CRM_STEP_ERROR);
    crm_database_set_error (crm_session_get_database (agent), &error);
    g_assert_error (error, CRM_ERROR, CRM_ERROR_PERMISSION);
    g_clear_error (&error);
    g_clear_pointer (&call, crm_statement_release);
    g_assert_true (crm_ticket_store_restore (crm_ticket_store_from_session (admin), request, &error));
    g_assert_no_error (error);
  }

  /* the administrator, logged in as herself, gives a new colleague a
   * login; an agent may not */
  {
    g_autofree char *ola_login = g_strdup_printf ("ola_%d", (int) getpid ());
    gint64 ola = crm_user_store_add (crm_user_store_from_session (admin), "Ola Wiśniewska", "ola@example.com",
                                     CRM_ROLE_AGENT, &error);

    g_assert_no_error (error);
    g_assert_true (crm_user_store_set_login (crm_user_store_from_session (admin), ola, ola_login, "hasło Oli", &error));
    g_assert_no_error (error);
    g_assert_false (crm_user_store_set_login (crm_user_store_from_session (agent), jan, "jan_again", NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* deactivated: the login no longer connects; reactivated, it does;
   * made an administrator, the server lets it do what one may */
  g_assert_true (crm_user_store_set_active (crm_user_store_from_session (admin), jan, FALSE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmSession) refused = crm_session_open_uri (agent_uri, "hasło jana", NULL, &error);

    g_assert_null (refused);
    g_assert_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_OPEN);
    g_clear_error (&error);
  }
  g_assert_true (crm_user_store_set_active (crm_user_store_from_session (admin), jan, TRUE, &error));
  g_assert_true (crm_user_store_update (crm_user_store_from_session (admin), jan, "Jan Kos", "jan@example.com",
                                        CRM_ROLE_ADMIN, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CrmSession) promoted = crm_session_open_uri (agent_uri, "hasło jana", NULL, &error);

    g_assert_no_error (error);
    g_assert_true (crm_session_set_setting (promoted, "phone-country", "PL", &error));
    g_assert_no_error (error);
  }

  /* logins are the team database's */
  {
    g_autofree char *dir = g_dir_make_tmp ("crm-pg-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
    g_autoptr(CrmSession) desk = crm_session_open_file (path, NULL, &error);

    g_assert_no_error (error);
    g_assert_false (crm_user_store_set_login (crm_user_store_from_session (desk), 1, "ewa", NULL, &error));
    g_assert_error (error, CRM_ERROR, CRM_ERROR_INVALID);
    g_clear_error (&error);
    g_clear_object (&desk);
    crm_test_remove_data_dir (dir);
  }
}

/* A server that is not this computer is reached with TLS and its
 * certificate checked (verify-full), against the office's own
 * authority when it has one: the right one connects, another does
 * not. */
static void
test_tls (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = g_build_filename (crm_test_pg.dir, "ca.pem", NULL);
  g_autofree char *other_dir = g_dir_make_tmp ("crm-other-ca-XXXXXX", NULL);
  g_autofree char *other_ca = g_build_filename (other_dir, "ca.pem", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("CRM_TEST_FIXTURES"), "make-test-ca", NULL);
  const char *database = strrchr (fixture->uri, '/') + 1;
  g_autofree char *good = g_strdup_printf ("postgresql://postgres@localhost:%u/%s?sslmode=verify-full&sslrootcert=%s",
                                           crm_test_pg.port, database, ca);
  g_autofree char *bad = g_strdup_printf ("postgresql://postgres@localhost:%u/%s?sslmode=verify-full&sslrootcert=%s",
                                          crm_test_pg.port, database, other_ca);
  g_autoptr(CrmDatabase) trusted = NULL;
  g_autoptr(CrmDatabase) refused = NULL;
  g_autoptr(CrmStatement) stmt = NULL;
  const char *argv[] = { script, other_dir, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);

  trusted = crm_pg_database_open (good, NULL, NULL, &error);
  g_assert_no_error (error);
  stmt = crm_database_prepare (trusted, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid ()", &error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);
  g_assert_cmpint (crm_statement_get_int64 (stmt, 0), ==, 1);
  g_clear_pointer (&stmt, crm_statement_release);

  /* a certificate the office's authority did not sign: no connection */
  refused = crm_pg_database_open (bad, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, CRM_DATABASE_ERROR, CRM_DATABASE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_clear_error (&error);

  crm_test_remove_data_dir (other_dir);
}

static gboolean
connected_with_tls (const char *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmDatabase) database = crm_pg_database_open (uri, NULL, NULL, &error);
  g_autoptr(CrmStatement) stmt = NULL;

  g_assert_no_error (error);
  stmt = crm_database_prepare (database, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid ()", &error);
  g_assert_no_error (error);
  g_assert_cmpint (crm_statement_step (stmt), ==, CRM_STEP_ROW);

  return crm_statement_get_int64 (stmt, 0) != 0;
}

/* To this computer's own server, no TLS unless the URI asks for it (a
 * handshake a connection, hiding nothing). */
static void
test_loopback_plain (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *database = strrchr (fixture->uri, '/') + 1;
  g_autofree char *loopback = g_strdup_printf ("postgresql://postgres@127.0.0.1:%u/%s", crm_test_pg.port, database);
  g_autofree char *asked = g_strdup_printf ("postgresql://postgres@127.0.0.1:%u/%s?sslmode=require",
                                            crm_test_pg.port, database);

  g_assert_false (connected_with_tls (loopback));
  g_assert_true (connected_with_tls (asked));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  crm_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/pg/parameters", test_parameters);
  ADD ("/pg/migrations", test_migrations);
  ADD ("/pg/statements", test_statements);
  ADD ("/pg/reader", test_reader);
  ADD ("/pg/follow", test_follow);
  ADD ("/pg/follow-reconnect", test_follow_reconnect);
  ADD ("/pg/logins", test_logins);
  ADD ("/pg/tls", test_tls);
  ADD ("/pg/loopback-plain", test_loopback_plain);

  return g_test_run ();
}
