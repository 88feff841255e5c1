/* test-cli-figures.c: every face of Footprint gives the same figures, and anyone can check
 * conservation of activity from the output of footprint-cli alone.
 *
 * - `compute --format json` and `--format csv` list each site's activity by service, and
 *   the unplaced and not-shifted volume and the Do nothing total by service: the sites'
 *   activity plus the unplaced volume is the Do nothing total (docs/model.md,
 *   "Conservation of activity"), checked here from the output, against a separate run of
 *   Do nothing.
 * - `summary`, `compute` (Do nothing, base year) and the workspace's per-site void cost
 *   are one figure (docs/model.md, "Void floor area and costs").
 *
 * The dataset's totals are not pinned: the identities are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "fp-test-util.h"

static char *data_home;
static char *doc;

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
  if (run->status != 0)
    g_error ("footprint-cli failed (%d): %s", run->status, run->err);
}

static JsonNode *
compute_json (const char *scenario,
              int         year)
{
  g_auto(FpTestRun) run = { 0 };
  g_autofree char *y = g_strdup_printf ("%d", year);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  run_cli (&run, "compute", "--document", doc, "--scenario", scenario, "--year", y,
           "--format", "json", NULL);
  root = json_from_string (run.out, &error);
  g_assert_no_error (error);
  return root;
}

/* Σ over the listed sites of each service's activity. */
static GHashTable *
sum_sites (JsonNode *root)
{
  GHashTable *sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *sites = json_object_get_array_member (json_node_get_object (root), "sites");

  for (guint i = 0; i < json_array_get_length (sites); i++)
    {
      JsonObject *activity = json_object_get_object_member (json_array_get_object_element (sites, i),
                                                            "activity");
      g_autoptr(GList) members = json_object_get_members (activity);

      for (GList *l = members; l != NULL; l = l->next)
        {
          double *sum = g_hash_table_lookup (sums, l->data);

          if (sum == NULL)
            {
              sum = g_new0 (double, 1);
              g_hash_table_insert (sums, g_strdup (l->data), sum);
            }
          *sum += json_object_get_double_member (activity, l->data);
          g_assert_cmpfloat (json_object_get_double_member (activity, l->data), >=, 0);
        }
    }

  return sums;
}

static void
add_change (const char *first,
            ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(FpTestRun) run = { 0 };
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "scenario");
  g_ptr_array_add (args, (gpointer) "add-change");
  g_ptr_array_add (args, (gpointer) "--document");
  g_ptr_array_add (args, doc);
  g_ptr_array_add (args, (gpointer) "--scenario");
  g_ptr_array_add (args, (gpointer) "Audit");
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  fp_test_run_cli (&run, data_home, (const char * const *) args->pdata);
  if (run.status != 0)
    g_error ("add-change failed: %s", run.err);
}

/* The audit's scenario (issue 7) and more: a move to RYWA4 dated 2031 listed before RYWA4
 * is left in 2027, a shift out of primary care with no receivers (some stays: not
 * shifted), an acute hospital left with no receivers (some is unplaced), and a cut in the
 * stays at another from 2030 (bed-days cut by design). From the compute output alone, for
 * every year: Σ sites + unplaced + cut_by_length_of_stay = Do nothing's own Σ sites, = the
 * output's do_nothing_activity; not_shifted is within the sites' activity. */
static void
test_conservation_from_output (void)
{
  g_auto(FpTestRun) create = { 0 };
  int base, horizon;

  run_cli (&create, "scenario", "create", "--document", doc, "--scenario", "Audit", NULL);
  add_change ("--kind", "move_service", "--year", "2031", "--site", "M85098", "--service",
              "gp_appointments", "--to-site", "RYWA4", "--share", "0.5", NULL);
  add_change ("--kind", "exit_site", "--year", "2027", "--site", "RYWA4", NULL);
  add_change ("--kind", "shift_setting", "--year", "2028", "--service", "practice_nurse",
              "--from-setting", "primary_care", "--share", "0.6", NULL);
  add_change ("--kind", "exit_site", "--year", "2029", "--site", "RRK15", NULL);
  add_change ("--kind", "reduce_length_of_stay", "--year", "2030", "--service",
              "inpatient_bed_days", "--sites", "RRK97", "--share", "0.1", NULL);
  add_change ("--kind", "change_occupancy", "--year", "2031", "--sites", "RRK98",
              "--occupancy", "0.85", NULL);

  {
    g_autoptr(JsonNode) first = compute_json ("Do nothing", 0 + 2025);
    JsonObject *o = json_node_get_object (first);

    base = (int) json_object_get_int_member (o, "base_year");
    horizon = (int) json_object_get_int_member (o, "horizon_years");
  }

  for (int year = base; year <= base + horizon; year++)
    {
      g_autoptr(JsonNode) dn = compute_json ("Do nothing", year);
      g_autoptr(JsonNode) sc = compute_json ("Audit", year);
      g_autoptr(GHashTable) dn_sums = sum_sites (dn);
      g_autoptr(GHashTable) sc_sums = sum_sites (sc);
      JsonObject *totals = json_object_get_object_member (json_node_get_object (sc), "totals");
      JsonObject *unplaced = json_object_get_object_member (totals, "unplaced");
      JsonObject *not_shifted = json_object_get_object_member (totals, "not_shifted");
      JsonObject *at_sites = json_object_get_object_member (totals, "activity_at_sites");
      JsonObject *expected = json_object_get_object_member (totals, "do_nothing_activity");
      JsonObject *cut = json_object_get_object_member (totals, "cut_by_length_of_stay");
      GHashTableIter iter;
      gpointer key, value;

      g_assert_cmpuint (g_hash_table_size (sc_sums), ==, json_object_get_size (unplaced));
      g_hash_table_iter_init (&iter, dn_sums);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          double want = *(double *) value;
          double got = *(double *) g_hash_table_lookup (sc_sums, key);
          double lost = json_object_get_double_member (unplaced, key);
          double shorter = json_object_get_double_member (cut, key);
          double tolerance = 1e-9 * fmax (1, want);

          g_assert_cmpfloat (lost, >=, 0);
          g_assert_cmpfloat (shorter, >=, 0);
          g_assert_cmpfloat_with_epsilon (got + lost + shorter, want, tolerance);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (expected, key), want,
                                          tolerance);
          g_assert_cmpfloat_with_epsilon (json_object_get_double_member (at_sites, key), got,
                                          tolerance);
          g_assert_cmpfloat (json_object_get_double_member (not_shifted, key), <=, got + tolerance);
        }

      /* Something was at stake: the exit of an acute hospital from 2029 leaves some
       * hospital activity with no receiver, and the shift leaves some at its origins. */
      if (year >= 2029)
        {
          double sum_unplaced = 0;
          g_autoptr(GList) members = json_object_get_members (unplaced);

          for (GList *l = members; l != NULL; l = l->next)
            sum_unplaced += json_object_get_double_member (unplaced, l->data);
          g_assert_cmpfloat (sum_unplaced, >, 0);
          g_assert_cmpfloat (json_object_get_double_member (not_shifted, "practice_nurse"), >, 0);
        }
      g_assert_cmpint (json_object_get_double_member (cut, "inpatient_bed_days") > 0, ==,
                       year >= 2030);

      /* The beds: the cut releases bed equivalents from 2030; the lower target at Good Hope
       * asks for more beds from 2031 (a negative release); every figure adds up over the
       * settings shown. */
      {
        JsonObject *beds = json_object_get_object_member (totals, "beds");
        JsonObject *acute = json_object_get_object_member (beds, "acute");
        double by_los = json_object_get_double_member (acute, "bed_equivalents_released_by_length_of_stay");
        double by_occ = json_object_get_double_member (acute, "bed_equivalents_released_by_occupancy");

        g_assert_cmpint (by_los > 0, ==, year >= 2030);
        g_assert_cmpint (by_occ < 0, ==, year >= 2031);
        g_assert_cmpfloat_with_epsilon (json_object_get_double_member (acute, "bed_gap"),
                                        json_object_get_double_member (acute, "beds_required") -
                                        json_object_get_double_member (acute, "beds"), 1e-6);
      }
    }
}

/* The same from the CSV: each site row's activity columns, the `unplaced` row and the
 * `do_nothing_activity` row. */
static void
test_conservation_from_csv (void)
{
  g_auto(FpTestRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) header = NULL;
  g_autofree double *sums = NULL;
  g_autofree double *unplaced = NULL;
  g_autofree double *expected = NULL;
  g_autofree double *cut = NULL;
  g_autofree char *beds_row = NULL;
  guint n_columns, row_column = G_MAXUINT, first_activity = G_MAXUINT, n_services;
  guint n_sites = 0;

  run_cli (&run, "compute", "--document", doc, "--scenario", "Audit", "--year", "2031",
           "--format", "csv", NULL);
  lines = g_strsplit (run.out, "\r\n", -1);
  header = g_strsplit (lines[0], ",", -1);
  n_columns = g_strv_length (header);
  for (guint c = 0; c < n_columns; c++)
    {
      if (g_str_equal (header[c], "row"))
        row_column = c;
      if (first_activity == G_MAXUINT && g_str_has_prefix (header[c], "activity_"))
        first_activity = c;
    }
  g_assert_cmpuint (row_column, !=, G_MAXUINT);
  g_assert_cmpuint (first_activity, ==, row_column + 1);
  n_services = n_columns - first_activity;
  sums = g_new0 (double, n_services);

  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) cells = NULL;
      const char *line = lines[i];
      double *into;

      /* Names and reasons may be quoted with commas inside: read from the end, where the
       * row kind and the activity columns are plain. */
      cells = g_strsplit (line, ",", -1);
      {
        guint n = g_strv_length (cells);
        const char *kind = cells[n - n_services - 1];

        if (g_str_equal (kind, "site"))
          {
            into = sums;
            n_sites++;
          }
        else if (g_str_equal (kind, "unplaced"))
          into = unplaced = g_new0 (double, n_services);
        else if (g_str_equal (kind, "do_nothing_activity"))
          into = expected = g_new0 (double, n_services);
        else if (g_str_equal (kind, "cut_by_length_of_stay"))
          into = cut = g_new0 (double, n_services);
        else if (g_str_has_prefix (kind, "beds_"))
          {
            /* The bed totals: acute beds required less beds is the gap. */
            if (g_str_equal (kind, "beds_acute"))
              beds_row = g_strdup (line);
            continue;
          }
        else
          {
            g_assert_cmpstr (kind, ==, "not_shifted");
            continue;
          }
        for (guint v = 0; v < n_services; v++)
          into[v] += g_ascii_strtod (cells[n - n_services + v], NULL);
      }
    }

  g_assert_cmpuint (n_sites, >, 300);
  g_assert_nonnull (unplaced);
  g_assert_nonnull (expected);
  g_assert_nonnull (cut);
  g_assert_nonnull (beds_row);
  {
    g_auto(GStrv) cells = g_strsplit (beds_row, ",", -1);
    double beds = NAN, required = NAN, gap = NAN;

    for (guint c = 0; c < n_columns && cells[c] != NULL; c++)
      {
        if (g_str_equal (header[c], "beds"))
          beds = g_ascii_strtod (cells[c], NULL);
        else if (g_str_equal (header[c], "beds_required"))
          required = g_ascii_strtod (cells[c], NULL);
        else if (g_str_equal (header[c], "bed_gap"))
          gap = g_ascii_strtod (cells[c], NULL);
      }
    g_assert_cmpfloat (beds, >, 0);
    g_assert_cmpfloat_with_epsilon (gap, required - beds, 1e-6 * beds);
  }
  for (guint v = 0; v < n_services; v++)
    g_assert_cmpfloat_with_epsilon (sums[v] + unplaced[v] + cut[v], expected[v],
                                    1e-9 * fmax (1, expected[v]));
}

/* One void figure: the summary's void cost (and its LIFT and NHS Property Services parts),
 * the Do nothing base-year totals of `compute`, and the sum of the workspace's per-site
 * void costs are the same number, to the last bit. */
static void
test_one_void_figure (void)
{
  g_auto(FpTestRun) summary = { 0 };
  g_autoptr(JsonNode) sroot = NULL;
  g_autoptr(JsonNode) croot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpWorkspace) ws = NULL;
  JsonObject *s, *totals;
  const FpEstate *estate;
  double per_site = 0, lift = 0, nhsps = 0;

  run_cli (&summary, "summary", "--document", doc, "--json", NULL);
  sroot = json_from_string (summary.out, &error);
  g_assert_no_error (error);
  s = json_node_get_object (sroot);
  croot = compute_json ("Do nothing", (int) json_object_get_int_member (s, "base_year"));
  totals = json_object_get_object_member (json_node_get_object (croot), "totals");

  g_assert_cmpfloat (json_object_get_double_member (s, "void_cost_total"), ==,
                     json_object_get_double_member (totals, "void_cost"));
  g_assert_cmpfloat (json_object_get_double_member (s, "void_cost_lift"), ==,
                     json_object_get_double_member (totals, "void_cost_lift"));
  g_assert_cmpfloat (json_object_get_double_member (s, "void_cost_nhsps"), ==,
                     json_object_get_double_member (totals, "void_cost_nhsps"));

  ws = fp_workspace_open (doc, NULL, &error);
  g_assert_no_error (error);
  estate = fp_workspace_get_estate (ws);
  for (guint i = 0; i < estate->sites->len; i++)
    {
      double v = fp_workspace_get_site_void_cost (ws, i);

      per_site += v;
      if (fp_estate_get_site (estate, i)->tenure == FP_TENURE_LIFT)
        lift += v;
      else if (fp_estate_get_site (estate, i)->tenure == FP_TENURE_NHSPS)
        nhsps += v;
    }
  g_assert_cmpfloat (per_site, ==, fp_workspace_get_summary (ws)->figures[FP_SUMMARY_VOID_COST]);
  g_assert_cmpfloat (per_site, ==, json_object_get_double_member (totals, "void_cost"));
  g_assert_cmpfloat (lift, ==, json_object_get_double_member (totals, "void_cost_lift"));
  g_assert_cmpfloat (nhsps, ==, json_object_get_double_member (totals, "void_cost_nhsps"));

  /* And a held site with no activity counts as wholly void in all of them. */
  {
    const FpResults *dn = fp_workspace_get_do_nothing (ws);
    gboolean found = FALSE;

    for (guint i = 0; i < estate->sites->len && !found; i++)
      {
        const FpSiteYear *sy = fp_results_get (dn, i, 0);
        const FpSite *site = fp_estate_get_site (estate, i);

        if (sy->held && sy->active && sy->demand_room_hours + sy->bed_days +
            sy->demand[FP_ROOM_DESK] == 0 && fp_site_running_cost (site) > 0 &&
            !isnan (site->numbers[FP_SITE_GIA_M2]))
          {
            g_assert_cmpfloat_with_epsilon (fp_workspace_get_site_void_cost (ws, i),
                                            sy->running_cost, 1e-6);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

int
main (int    argc,
      char **argv)
{
  g_auto(FpTestRun) init = { 0 };

  g_test_init (&argc, &argv, NULL);

  data_home = fp_test_tmpdir ();
  doc = fp_test_tmpfile ("figures.footprint");
  run_cli (&init, "init", "--document", doc, NULL);

  g_test_add_func ("/fp/figures/conservation-from-output", test_conservation_from_output);
  g_test_add_func ("/fp/figures/conservation-from-csv", test_conservation_from_csv);
  g_test_add_func ("/fp/figures/one-void-figure", test_one_void_figure);

  return g_test_run ();
}
