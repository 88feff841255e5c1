/* test-cli.c: footprint-cli as a user runs it: exit codes, one-line errors, JSON shape.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "fp-test-util.h"

static char *data_home;

/* Runs footprint-cli with the arguments (NULL-terminated) and a private XDG_DATA_HOME. */
static void
run_cli (FpTestRun *run,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, run);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  fp_test_run_cli (run, data_home, (const char * const *) args->pdata);
}

/* A failure is exactly one line on stderr, naming the program, with no GLib noise. */
static void
assert_one_line_error (const FpTestRun *run,
                       const char *fragment)
{
  g_assert_cmpint (run->status, !=, 0);
  g_assert_true (g_str_has_prefix (run->err, "footprint-cli"));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_true (strchr (run->err, '\n') == run->err + strlen (run->err) - 1);
  g_assert_null (strstr (run->err, "CRITICAL"));
  g_assert_null (strstr (run->err, "WARNING"));
  if (fragment != NULL && strstr (run->err, fragment) == NULL)
    g_error ("expected “%s” in stderr, got “%s”", fragment, run->err);
}

static JsonObject *
parse_object (const char *text,
              JsonNode  **root_out)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  *root_out = root;
  return json_node_get_object (root);
}

static char *shared_doc;

static const char *
document (void)
{
  if (shared_doc == NULL)
    {
      g_auto(FpTestRun) run = { 0 };

      shared_doc = fp_test_tmpfile ("cli.footprint");
      run_cli (&run, "init", "--document", shared_doc, NULL);
      g_assert_cmpint (run.status, ==, 0);
    }

  return shared_doc;
}

static void
test_init (void)
{
  g_autofree char *path = fp_test_tmpfile ("init.footprint");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(FpTestRun) first = { 0 };
  g_auto(FpTestRun) again = { 0 };
  g_auto(FpTestRun) forced = { 0 };

  run_cli (&first, "init", "--document", path, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* A second init refuses to overwrite, and the file stays as it was. */
  before = fp_test_file_checksum (path);
  run_cli (&again, "init", "--document", path, NULL);
  g_assert_cmpint (again.status, ==, 1);
  assert_one_line_error (&again, "already exists");
  after = fp_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);

  run_cli (&forced, "init", "--document", path, "--force", NULL);
  g_assert_cmpint (forced.status, ==, 0);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_summary_json (void)
{
  g_auto(FpTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  const char *keys[] = {
    "sites", "sites_placed", "source_rows", "property_interests", "organisations", "zones",
    "population", "gp_practices_active", "sites_by_type", "sites_by_tenure", "gia_m2_total",
    "running_cost_total", "void_cost_lift", "void_cost_nhsps", "ae_attendances",
  };
  JsonObject *by_type, *by_tenure, *prov;
  gint64 typed = 0, tenured = 0;

  run_cli (&run, "summary", "--document", document (), "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  o = parse_object (run.out, &root);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!json_object_has_member (o, keys[i]))
      g_error ("summary --json lacks “%s”", keys[i]);

  g_assert_cmpint (json_object_get_int_member (o, "population"), ==, 1361141);
  g_assert_cmpint (json_object_get_int_member (o, "zones"), ==, 793);
  g_assert_cmpint (json_object_get_int_member (o, "gp_practices_active"), ==, 177);

  /* The breakdowns add up to the site count. */
  by_type = json_object_get_object_member (o, "sites_by_type");
  by_tenure = json_object_get_object_member (o, "sites_by_tenure");
  g_assert_true (json_object_has_member (by_type, "gp_practice"));
  g_assert_true (json_object_has_member (by_tenure, "lift"));
  {
    g_autoptr(GList) members = json_object_get_members (by_type);
    for (GList *l = members; l; l = l->next)
      typed += json_object_get_int_member (by_type, l->data);
  }
  {
    g_autoptr(GList) members = json_object_get_members (by_tenure);
    for (GList *l = members; l; l = l->next)
      tenured += json_object_get_int_member (by_tenure, l->data);
  }
  g_assert_cmpint (typed, ==, json_object_get_int_member (o, "sites"));
  g_assert_cmpint (tenured, ==, json_object_get_int_member (o, "sites"));

  /* Each void total says it is estimated, and how; a total of nothing rests on no value. */
  prov = json_object_get_object_member (o, "provenance");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (prov, "void_cost_lift"),
                                                  "kind"), ==, "estimated");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_object_get_object_member (prov, "void_cost_lift"), "methods")), >, 0);
  if (json_object_get_double_member (o, "void_cost_nhsps") > 0)
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (prov, "void_cost_nhsps"),
                                                    "kind"), ==, "estimated");

  /* Costs say what prices they are in; the voids and A&E stand beside the 2016 plan's own
   * figures, as comparisons. */
  g_assert_cmpstr (json_object_get_string_member (o, "price_base"), ==, "2025/26");
  g_assert_cmpstr (json_object_get_string_member (o, "price_index"), ==,
                   "HM Treasury GDP deflator, March 2026");
  {
    JsonObject *plan = json_object_get_object_member (o, "plan_2016");
    JsonObject *lift = json_object_get_object_member (plan, "void_cost_lift");
    JsonObject *ae = json_object_get_object_member (plan, "ae_attendances");

    g_assert_cmpfloat (json_object_get_double_member (lift, "plan"), ==, 5e6);
    g_assert_cmpfloat (json_object_get_double_member (lift, "model"), ==,
                       json_object_get_double_member (o, "void_cost_lift"));
    g_assert_true (g_str_has_suffix (json_object_get_string_member (lift, "comparison"),
                                     "; the 2016 plan said circa £5m"));
    g_assert_true (json_object_has_member (plan, "void_cost_nhsps"));
    g_assert_cmpstr (json_object_get_string_member (ae, "plan_year"), ==, "2015/16");
  }
}

static void
test_summary_table (void)
{
  g_auto(FpTestRun) run = { 0 };

  run_cli (&run, "summary", "--document", document (), NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Population"));
  g_assert_nonnull (strstr (run.out, "1,361,141"));
  g_assert_nonnull (strstr (run.out, "in LIFT buildings"));
  g_assert_nonnull (strstr (run.out,
                            "Costs are at 2025/26 prices (HM Treasury GDP deflator, March 2026)."));
  g_assert_nonnull (strstr (run.out, "the 2016 plan said circa £5m"));
  g_assert_nonnull (strstr (run.out, "the 2016 plan said circa £1m"));
  g_assert_nonnull (strstr (run.out, "the 2016 plan’s baseline for 2015/16"));
}

/* assumptions --all never calls a figure from the 2016 plan measured, nor a target. */
static void
test_assumptions_all (void)
{
  g_auto(FpTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  guint plan = 0;

  run_cli (&run, "assumptions", "--document", document (), "--all", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_false (g_str_has_prefix (lines[i], "void_target"));
      if (!g_str_has_prefix (lines[i], "plan_2016."))
        continue;
      plan++;
      if (strstr (lines[i], "measured") != NULL)
        g_error ("a 2016 plan figure is called measured: %s", lines[i]);
    }
  g_assert_cmpuint (plan, >=, 2);
  /* The deflators behind the prices are listed with their source. */
  g_assert_nonnull (strstr (run.out, "hmt_gdp_deflators_2026_03"));
}

static void
test_sites_json (void)
{
  g_auto(FpTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;
  JsonArray *sites;
  guint unplaced = 0;

  run_cli (&run, "sites", "--document", document (), "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  o = parse_object (run.out, &root);
  sites = json_object_get_array_member (o, "sites");
  g_assert_cmpuint (json_array_get_length (sites), >=, 350);

  for (guint i = 0; i < json_array_get_length (sites); i++)
    {
      JsonObject *site = json_array_get_object_element (sites, i);
      const char *fields[] = { "id", "name", "site_type", "tenure", "lat", "lon", "provenance",
                               "sources", "interests", "gia_m2" };

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        g_assert_true (json_object_has_member (site, fields[f]));

      if (json_object_get_null_member (site, "lat"))
        {
          g_assert_true (json_object_get_null_member (site, "lon"));
          unplaced++;
        }
      else
        {
          double lat = json_object_get_double_member (site, "lat");
          g_assert_cmpfloat (lat, >, 52.0);
          g_assert_cmpfloat (lat, <, 53.0);
        }

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (site, "sources")), >=, 1);
      g_assert_true (json_object_has_member (json_object_get_object_member (site, "provenance"),
                                             "tenure"));
    }

  g_assert_cmpuint (unplaced, >, 0);
}

static void
test_sites_csv (void)
{
  g_auto(FpTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, "sites", "--document", document (), NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "id,name,site_type,tenure,sector,status,lat,lon,"));
  g_assert_nonnull (strstr (lines[0], ",gia_m2_provenance,"));
  g_assert_cmpuint (g_strv_length (lines), >=, 350);
}

static void
test_validate (void)
{
  g_auto(FpTestRun) run = { 0 };

  run_cli (&run, "validate", "--document", document (), NULL);
  if (run.status != 0)
    g_error ("validate failed:\n%s%s", run.out, run.err);
  g_assert_nonnull (strstr (run.out, "no problems"));
}

/* Bad input: one clear line, a non-zero exit, and nothing created or changed. */
static void
test_errors (void)
{
  g_autofree char *missing = fp_test_tmpfile ("missing.footprint");
  g_autofree char *text = fp_test_tmpfile ("notes.footprint");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_file_set_contents (text, "this is not a database\n", -1, NULL);
  before = fp_test_file_checksum (text);

  {
    g_auto(FpTestRun) run = { 0 };
    run_cli (&run, "summary", "--document", document (), "--colour", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_one_line_error (&run, "--colour");
  }
  {
    g_auto(FpTestRun) run = { 0 };
    run_cli (&run, "frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_one_line_error (&run, "unknown command “frobnicate”");
  }
  {
    g_auto(FpTestRun) run = { 0 };
    run_cli (&run, "summary", "--document", missing, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_line_error (&run, "missing.footprint");
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(FpTestRun) run = { 0 };
    run_cli (&run, "validate", "--document", text, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_one_line_error (&run, "not a Footprint document");
  }
  {
    g_auto(FpTestRun) run = { 0 };
    run_cli (&run, "sites", "--document", document (), "--format", "xml", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_one_line_error (&run, "unknown format “xml”");
  }
  {
    g_auto(FpTestRun) run = { 0 };
    run_cli (&run, "sites", "--document", document (), "extra", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_one_line_error (&run, "unexpected argument “extra”");
  }
  {
    g_auto(FpTestRun) run = { 0 };
    run_cli (&run, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }

  after = fp_test_file_checksum (text);
  g_assert_cmpstr (before, ==, after);
}

/* With no --document, the first command creates the user's document, silently but for
 * one note on stderr, and later commands reuse it. */
static void
test_default_document (void)
{
  g_autofree char *expected = g_build_filename (data_home, "footprint", "estate.footprint", NULL);
  g_auto(FpTestRun) first = { 0 };
  g_auto(FpTestRun) second = { 0 };

  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));
  run_cli (&first, "summary", "--json", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (first.err, "created"));

  run_cli (&second, "summary", "--json", NULL);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_cmpstr (second.err, ==, "");
  g_assert_cmpstr (first.out, ==, second.out);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;

  g_test_init (&argc, &argv, NULL);

  dir = fp_test_tmpdir ();
  data_home = g_build_filename (dir, "xdg-data", NULL);

  g_test_add_func ("/fp/cli/init", test_init);
  g_test_add_func ("/fp/cli/summary-json", test_summary_json);
  g_test_add_func ("/fp/cli/summary-table", test_summary_table);
  g_test_add_func ("/fp/cli/assumptions-all", test_assumptions_all);
  g_test_add_func ("/fp/cli/sites-json", test_sites_json);
  g_test_add_func ("/fp/cli/sites-csv", test_sites_csv);
  g_test_add_func ("/fp/cli/validate", test_validate);
  g_test_add_func ("/fp/cli/errors", test_errors);
  g_test_add_func ("/fp/cli/default-document", test_default_document);

  return g_test_run ();
}
