/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "crmctl-test-util.h"

/*
 * crmctl's projects (RQ8, RQ13), the real binary on a fresh data
 * directory: making a project from a request, its items with exact
 * amounts, listing and showing, the specification as a PDF read back
 * with pdftotext, and the request closing with its last project.
 */

typedef CrmctlFixture Fixture;

/* Runs a program to its end; its standard output, no-break spaces
 * (which pdftotext may keep or not) made spaces. */
static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_autoptr(GString) spaced = NULL;
  char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0);
  spaced = g_string_new (out);
  g_free (out);
  g_string_replace (spaced, "\u00a0", " ", 0);

  return g_string_free (g_steal_pointer (&spaced), FALSE);
}

static void
add_request (Fixture *fixture)
{
  g_auto(Run) run = { 0 };
  g_autofree char *body = g_build_filename (fixture->dir, "body.txt", NULL);

  crmctl (fixture, &run, TRUE, "users", "add", "--name", "Jan", "--email", "jan@example.com", "--role", "manager",
          NULL);
  g_assert_cmpint (run.status, ==, 0);
  crmctl (fixture, &run, TRUE, "contacts", "add", "--name", "Zofia Kamińska", "--email", "zofia@example.com", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_set_contents (body, "Proszę o wycenę bramy.", -1, NULL));
  crmctl (fixture, &run, TRUE, "tickets", "new", "--subject", "Brama wjazdowa", "--queue", "Inbox", "--on-behalf-of",
          "1", "--source", "phone", "--body-file", body, "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* Add, items, list, show: the amounts exact, as texts; bad input
 * refused with exit status 2 and nothing stored. */
static void
test_projects (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  JsonObject *project, *first;
  JsonArray *items;

  add_request (fixture);

  crmctl (fixture, &run, TRUE, "projects", "add", "--name", "Brama", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "projects", "add", "--ticket", "1", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "projects", "add", "--ticket", "99", "--name", "Brama", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "#99"));
  crmctl (fixture, &run, TRUE, "projects", "add", "--ticket", "1", "--name", "   ", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "projects", "add", "--ticket", "1", "--name", "Brama przesuwna", "--as", "Jan", NULL);
  g_assert_cmpint (object_id (&run), ==, 1);

  crmctl (fixture, &run, TRUE, "projects", "item", "1", "--material", "Blacha", "--quantity", "abc", "--price", "10",
          NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "“abc” is not a quantity"));
  crmctl (fixture, &run, TRUE, "projects", "item", "1", "--material", "Blacha", "--quantity", "1", "--price", "10.999",
          NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "projects", "item", "1", "--material", "Blacha", "--quantity", "1", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "projects", "item", "7", "--material", "Blacha", "--quantity", "1", "--price", "1",
          NULL);
  g_assert_cmpint (run.status, ==, 2);

  crmctl (fixture, &run, TRUE, "projects", "item", "1", "--material", "Skrzydło bramy", "--quantity", "1", "--unit",
          "pcs", "--price", "4 999,99", "--terms", "Montaż w 14 dni", "--as", "Jan", NULL);
  g_assert_cmpint (object_id (&run), >, 0);
  crmctl (fixture, &run, TRUE, "projects", "item", "1", "--material", "Siatka", "--quantity", "2.5", "--unit", "m",
          "--price", "12.35", NULL);
  g_assert_cmpint (object_id (&run), >, 0);
  crmctl (fixture, &run, TRUE, "projects", "item", "1", "--material", "Pręt", "--quantity", "3", "--price", "0.10",
          NULL);
  g_assert_cmpint (object_id (&run), >, 0);

  crmctl (fixture, &run, TRUE, "projects", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 1);
  project = json_array_get_object_element (json_node_get_array (run.json), 0);
  g_assert_cmpint (json_object_get_int_member (project, "id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (project, "ticket"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (project, "name"), ==, "Brama przesuwna");
  g_assert_cmpstr (json_object_get_string_member (project, "status"), ==, "open");
  g_assert_cmpint (json_object_get_int_member (project, "items"), ==, 3);
  /* 4999.99 + 30.875 → 30.88 + 0.30, to the grosz */
  g_assert_cmpstr (json_object_get_string_member (project, "total"), ==, "5031.17");
  g_assert_cmpstr (json_object_get_string_member (project, "currency"), ==, "PLN");
  g_assert_cmpstr (json_object_get_string_member (project, "created_by"), ==, "Jan");
  crmctl (fixture, &run, TRUE, "projects", "list", "--ticket", "2", NULL);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (run.json)), ==, 0);

  crmctl (fixture, &run, TRUE, "projects", "show", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  project = json_node_get_object (run.json);
  items = json_object_get_array_member (project, "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  first = json_array_get_object_element (items, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "material"), ==, "Siatka");
  g_assert_cmpstr (json_object_get_string_member (first, "quantity"), ==, "2.5");
  g_assert_cmpstr (json_object_get_string_member (first, "unit"), ==, "m");
  g_assert_cmpstr (json_object_get_string_member (first, "price"), ==, "12.35");
  g_assert_cmpstr (json_object_get_string_member (first, "total"), ==, "30.88");
  g_assert_true (json_object_get_null_member (first, "terms"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "terms"), ==,
                   "Montaż w 14 dni");
  g_assert_cmpstr (json_object_get_string_member (project, "total"), ==, "5031.17");
  crmctl (fixture, &run, TRUE, "projects", "show", "5", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* readable without --json */
  crmctl (fixture, &run, FALSE, "projects", "show", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Total: 5\u00a0031.17 PLN"));
}

/* RQ13 from the command line: the request closes with its last
 * project only, as won, and opens again with one reopened. */
static void
test_close (Fixture       *fixture,
            gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  JsonObject *ticket, *closed;

  add_request (fixture);
  crmctl (fixture, &run, TRUE, "projects", "add", "--ticket", "1", "--name", "Brama", "--as", "Jan", NULL);
  g_assert_cmpint (object_id (&run), ==, 1);
  crmctl (fixture, &run, TRUE, "projects", "add", "--ticket", "1", "--name", "Furtka", "--as", "Jan", NULL);
  g_assert_cmpint (object_id (&run), ==, 2);

  crmctl (fixture, &run, TRUE, "projects", "close", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "projects", "close", "1", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  closed = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (closed, "status"), ==, "closed");
  g_assert_false (json_object_get_boolean_member (closed, "ticket_closed"));
  crmctl (fixture, &run, TRUE, "tickets", "show", "1", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "status"), !=, "Closed");
  crmctl (fixture, &run, TRUE, "projects", "close", "1", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "closed already"));

  crmctl (fixture, &run, TRUE, "projects", "close", "2", "--as", "Jan", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (run.json), "ticket_closed"));
  crmctl (fixture, &run, TRUE, "tickets", "show", "1", NULL);
  ticket = json_node_get_object (run.json);
  g_assert_cmpstr (json_object_get_string_member (ticket, "status"), ==, "Closed");
  g_assert_cmpstr (json_object_get_string_member (ticket, "outcome"), ==, "won");
  crmctl (fixture, &run, FALSE, "tickets", "show", "1", NULL);
  g_assert_nonnull (strstr (run.out, "Closed because its last project, Furtka, was closed"));
  crmctl (fixture, &run, TRUE, "projects", "list", "--ticket", "1", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (run.json), 1),
                                                  "status"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (run.json), 1),
                                                  "closed_by"), ==, "Jan");

  /* a closed request takes no project; reopening one opens it again */
  crmctl (fixture, &run, TRUE, "projects", "add", "--ticket", "1", "--name", "Płot", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, TRUE, "projects", "reopen", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (run.json), "ticket_reopened"));
  crmctl (fixture, &run, TRUE, "tickets", "show", "1", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (run.json), "status"), ==, "Open");
}

/* The specification: the table's text read back from the PDF, a long
 * one over several pages under its header again; the first page made
 * a PNG to look at. */
static void
test_spec (Fixture       *fixture,
           gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autofree char *pdf = g_build_filename (fixture->dir, "spec.pdf", NULL);
  g_autofree char *text = NULL;

  add_request (fixture);
  crmctl (fixture, &run, TRUE, "projects", "add", "--ticket", "1", "--name", "Brama przesuwna", NULL);
  g_assert_cmpint (object_id (&run), ==, 1);
  crmctl (fixture, &run, TRUE, "projects", "item", "1", "--material", "Skrzydło bramy ocynkowane", "--quantity", "1",
          "--unit", "pcs", "--price", "4999.99", "--terms", "Montaż w 14 dni", NULL);
  crmctl (fixture, &run, TRUE, "projects", "item", "1", "--material", "Siatka", "--quantity", "2.5", "--unit", "m",
          "--price", "12.35", NULL);
  g_assert_cmpint (run.status, ==, 0);

  crmctl (fixture, &run, FALSE, "projects", "spec", "1", NULL);
  g_assert_cmpint (run.status, ==, 2);
  crmctl (fixture, &run, FALSE, "projects", "spec", "9", "--pdf", pdf, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  crmctl (fixture, &run, FALSE, "projects", "spec", "1", "--pdf", "/nonexistent/dir/spec.pdf", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_cmpstr (run.err, !=, "");

  crmctl (fixture, &run, FALSE, "projects", "spec", "1", "--pdf", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  text = run_tool ((const char *[]) { "pdftotext", "-layout", pdf, "-", NULL });
  g_assert_nonnull (strstr (text, "Specification: Brama przesuwna"));
  g_assert_nonnull (strstr (text, "Client: Zofia Kamińska"));
  g_assert_nonnull (strstr (text, "Request #1: Brama wjazdowa"));
  g_assert_nonnull (strstr (text, "Material"));
  g_assert_nonnull (strstr (text, "Quantity"));
  g_assert_nonnull (strstr (text, "Terms"));
  g_assert_nonnull (strstr (text, "Skrzydło bramy"));
  g_assert_nonnull (strstr (text, "ocynkowane"));
  g_assert_nonnull (strstr (text, "4 999.99"));
  g_assert_nonnull (strstr (text, "Montaż w"));
  g_assert_nonnull (strstr (text, "30.88"));
  g_assert_nonnull (strstr (text, "Total (PLN)"));
  g_assert_nonnull (strstr (text, "5 030.87"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));

  /* long: the header again on the next pages, the total once, at the end */
  for (guint i = 0; i < 70; i++)
    {
      g_autofree char *material = g_strdup_printf ("Element %u", i + 3);

      crmctl (fixture, &run, TRUE, "projects", "item", "1", "--material", material, "--quantity", "1", "--price", "1",
              NULL);
      g_assert_cmpint (run.status, ==, 0);
    }
  crmctl (fixture, &run, FALSE, "projects", "spec", "1", "--pdf", pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&text, g_free);
  text = run_tool ((const char *[]) { "pdftotext", "-f", "2", "-l", "2", pdf, "-", NULL });
  g_assert_nonnull (strstr (text, "Material"));
  g_assert_nonnull (strstr (text, "Page 2 of "));
  g_clear_pointer (&text, g_free);
  text = run_tool ((const char *[]) { "pdftotext", pdf, "-", NULL });
  g_assert_nonnull (strstr (text, "Element 72"));
  g_assert_nonnull (strstr (text, "5 100.87"));

  /* to look at */
  if (g_getenv ("G_TEST_BUILDDIR") != NULL)
    {
      g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "screenshots", NULL);
      g_autofree char *png = g_build_filename (dir, "project-spec-cli", NULL);
      g_autofree char *out = NULL;

      g_mkdir_with_parents (dir, 0755);
      out = run_tool ((const char *[]) { "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, png,
                                         NULL });
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_assert_nonnull (g_getenv ("CRMCTL"));
  /* crmctl's clock, fixed for every run */
  g_setenv ("CRM_NOW", "2026-05-04T09:00:00Z", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, crmctl_fixture_set_up, func, crmctl_fixture_tear_down)

  ADD ("/crmctl/projects", test_projects);
  ADD ("/crmctl/projects/close", test_close);
  ADD ("/crmctl/projects/spec", test_spec);

#undef ADD

  return g_test_run ();
}
