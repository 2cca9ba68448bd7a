/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "crm-test-util.h"

#include "crm.h"

/* CrmSession's reads off the caller's thread see an office setting a
 * write changed just before, though the reader they run on read it for
 * an earlier reading a moment ago (it keeps the settings it read for a
 * while, and a reader hears of no change). */

typedef struct
{
  gboolean  done;
  char     *value;
  GError   *error;
} Answer;

static gboolean
setting_read (CrmSession    *reader,
              gpointer       data,
              gpointer      *result,
              GCancellable  *cancellable,
              GError       **error)
{
  *result = crm_session_get_setting (reader, "referral-retention-days", "none");

  return TRUE;
}

static gboolean
setting_write (CrmSession    *writer,
               gpointer       data,
               gpointer      *result,
               GCancellable  *cancellable,
               GError       **error)
{
  if (!crm_session_set_setting (writer, "referral-retention-days", data, error))
    return FALSE;
  *result = GINT_TO_POINTER (1);

  return TRUE;
}

static void
answered_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Answer *answer = user_data;

  answer->value = crm_session_read_finish (CRM_SESSION (source), result, &answer->error);
  answer->done = TRUE;
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Answer *answer = user_data;

  crm_session_write_finish (CRM_SESSION (source), result, &answer->error);
  answer->done = TRUE;
}

static char *
read_setting (CrmSession *session)
{
  Answer answer = { FALSE };

  crm_session_read_async (session, setting_read, NULL, NULL, g_free, NULL, answered_cb, &answer);
  while (!answer.done)
    crm_test_iterate ();
  g_assert_no_error (answer.error);

  return answer.value;
}

static void
write_setting (CrmSession *session,
               const char *value)
{
  Answer answer = { FALSE };

  crm_session_write_async (session, setting_write, (gpointer) value, NULL, NULL, NULL, written_cb, &answer);
  while (!answer.done)
    crm_test_iterate ();
  g_assert_no_error (answer.error);
}

static void
test_read_after_write (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 7, 10, 0, 0);
  g_autoptr(CrmClock) clock = crm_clock_new_fixed (now);
  g_autofree char *dir = g_dir_make_tmp ("crm-session-readers-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "crm.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  CrmSession *session = crm_session_open_file (path, clock, &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  g_assert_no_error (error);
  first = read_setting (session);
  g_assert_cmpstr (first, ==, "none");
  write_setting (session, "30");
  second = read_setting (session);
  g_assert_cmpstr (second, ==, "30");
  write_setting (session, "45");
  third = read_setting (session);
  g_assert_cmpstr (third, ==, "45");

  g_object_unref (session);
  crm_test_remove_data_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/readers/setting-after-write", test_read_after_write);

  return g_test_run ();
}
