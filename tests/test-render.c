/* test-render.c: the appraisal's charts and the pictures src/render writes (no display).
 *
 * The charts' geometry is test-chart.c's. Here the appraisal's chart is checked against
 * the core's figures, and the files by reading them back: a PNG of 16:9 pixels holding the
 * colours the map and chart must show, a PDF and an SVG of a 16:9 page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "fp-boundaries.h"
#include "fp-chart.h"
#include "fp-map-style.h"
#include "fp-palette.h"
#include "fp-render.h"
#include "fp-site-marks.h"
#include "fp-test-util.h"

#define SCENARIO "Leave and sell"

static FpWorkspace *workspace;

/* ---- the appraisal's charts ---------------------------------------------------------- */

static FpAppraisal *
appraise (void)
{
  const char *options[] = { FP_DO_NOTHING, SCENARIO, NULL };
  g_autoptr(GError) error = NULL;
  FpAppraisal *appraisal = fp_appraisal_compute_for_workspace (workspace, options, &error);

  g_assert_no_error (error);
  return appraisal;
}

static void
test_appraisal_charts (void)
{
  g_autoptr(FpAppraisal) appraisal = appraise ();
  g_autoptr(FpChart) net = fp_chart_new_for_appraisal (appraisal, FP_CHART_NET_BENEFIT);
  g_autoptr(FpChart) running = fp_chart_new_for_appraisal (appraisal, FP_CHART_RUNNING_COST);

  g_assert_cmpuint (net->series->len, ==, appraisal->options->len);
  g_assert_cmpuint (running->series->len, ==, appraisal->options->len);
  g_assert_cmpint (net->first_year, ==, appraisal->settings.base_year);
  g_assert_cmpuint (net->n_years, ==, appraisal->settings.n_years);
  g_assert_true (net->include_zero);

  for (guint i = 0; i < appraisal->options->len; i++)
    {
      const FpOptionAppraisal *o = g_ptr_array_index (appraisal->options, i);
      const FpChartSeries *n = g_ptr_array_index (net->series, i);
      const FpChartSeries *r = g_ptr_array_index (running->series, i);
      g_autofree double *gross = fp_option_appraisal_cumulative_npv (o, &appraisal->settings,
                                                                     FALSE);
      double scale = MAX (1, fabs (o->npv_risk_adjusted));

      /* The cumulative line ends at the NPV the table shows, risk-adjusted, and the gross
       * one at the NPV; each year adds that year's discounted net benefit. */
      g_assert_cmpfloat_with_epsilon (n->values[n->n_values - 1], o->npv_risk_adjusted,
                                      1e-9 * scale);
      g_assert_cmpfloat_with_epsilon (gross[o->n_years - 1], o->npv,
                                      1e-9 * MAX (1, fabs (o->npv)));
      for (guint t = 0; t < o->n_years; t++)
        {
          double step = n->values[t] - (t > 0 ? n->values[t - 1] : 0);

          g_assert_cmpfloat_with_epsilon (step, o->net_risk_adjusted[t] *
                                          fp_appraisal_discount_factor (&appraisal->settings, t),
                                          1e-6 * scale);
          g_assert_cmpfloat (r->values[t], ==, o->running_cost[t]);
        }
      /* Do nothing is the dashed reference, flat at zero. */
      g_assert_cmpint (n->dashed, ==, i == 0);
      if (i == 0)
        g_assert_cmpfloat (n->values[n->n_values - 1], ==, 0);
    }

  /* The scenario saves something, or the test shows nothing. */
  g_assert_cmpfloat (fabs (((FpOptionAppraisal *) g_ptr_array_index (appraisal->options, 1))
                             ->npv_risk_adjusted), >, 1000);

  /* The ledger's totals add up to the option's risk-adjusted benefits. */
  {
    const FpOptionAppraisal *o = g_ptr_array_index (appraisal->options, 1);
    double ledger = 0, option = 0;

    for (guint e = 0; e < o->ledger->len; e++)
      ledger += fp_ledger_entry_total (g_ptr_array_index (o->ledger, e), o->n_years, TRUE);
    for (guint t = 0; t < o->n_years; t++)
      option += o->benefits_risk_adjusted[t];
    g_assert_cmpfloat_with_epsilon (ledger, option, 1e-6 * MAX (1, fabs (option)));
  }
}

/* ---- files ----------------------------------------------------------------------------- */

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  return g_bytes_new_take (contents, length);
}

/* Pixels of @path (a PNG) that are exactly @rgb; checks its size is the slide's. */
static guint
count_pixels (const char *path,
              guint32     rgb)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  int width, height, stride;
  const guint8 *data;
  guint n = 0;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  g_assert_cmpint (width, ==, (int) (FP_RENDER_SLIDE_WIDTH * FP_RENDER_PNG_SCALE));
  g_assert_cmpint (height, ==, (int) (FP_RENDER_SLIDE_HEIGHT * FP_RENDER_PNG_SCALE));
  /* 16:9 */
  g_assert_cmpint (width * 9, ==, height * 16);

  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if ((((const guint32 *) (const void *) (data + y * stride))[x] & 0xffffff) == rgb)
        n++;
  cairo_surface_destroy (surface);
  return n;
}

static gboolean
has_bytes (const char *data,
           gsize       size,
           const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

/* The page of a PDF or SVG is 960 × 540 points. */
static void
assert_page (const char     *path,
             FpRenderFormat  format)
{
  g_autoptr(GBytes) bytes = read_file (path);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* A PDF holds binary streams: search the bytes, not a string. */
#define HAS(text) has_bytes (data, size, (text))
  if (format == FP_RENDER_PDF)
    {
      g_assert_true (size > 5 && memcmp (data, "%PDF-", 5) == 0);
      g_assert_true (HAS ("/MediaBox [ 0 0 960 540 ]"));
      g_assert_true (HAS ("/Type /Page"));
    }
  else
    {
      g_assert_true (HAS ("<svg"));
      g_assert_true (HAS ("width=\"960pt\""));
      g_assert_true (HAS ("height=\"540pt\""));
      g_assert_true (HAS ("<path"));
    }
#undef HAS
}

static void
test_chart_files (void)
{
  g_autoptr(FpAppraisal) appraisal = appraise ();
  g_autoptr(FpChart) chart = fp_chart_new_for_appraisal (appraisal, FP_CHART_NET_BENEFIT);
  g_autofree char *dir = fp_test_tmpfile ("files");
  g_autofree char *png = g_build_filename (dir, "net.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "net.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "net.svg", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "net.png", NULL);
  g_autoptr(GError) error = NULL;
  const FpChartSeries *option = g_ptr_array_index (chart->series, 1);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (fp_render_chart_to_file (chart, FP_RENDER_PNG, png, &error));
  g_assert_no_error (error);
  g_assert_true (fp_render_chart_to_file (chart, FP_RENDER_PDF, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (fp_render_chart_to_file (chart, FP_RENDER_SVG, svg, &error));
  g_assert_no_error (error);

  /* The option's line is drawn in its colour; the page is white. */
  g_assert_cmpuint (count_pixels (png, option->rgb), >, 500);
  g_assert_cmpuint (count_pixels (png, 0xFFFFFF), >, 1920 * 1080 / 2);
  assert_page (pdf, FP_RENDER_PDF);
  assert_page (svg, FP_RENDER_SVG);

  /* A folder that does not exist: refused with the file named, nothing written. */
  g_assert_false (fp_render_chart_to_file (chart, FP_RENDER_PNG, missing, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  fp_test_rm_rf (dir);
}

static void
test_map_files (void)
{
  g_autoptr(FpResults) results = NULL;
  g_autoptr(FpBoundaries) boundaries = fp_boundaries_new ();
  g_autoptr(FpScale) scale = NULL;
  g_autoptr(GArray) marks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fp_test_tmpfile ("files");
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  const FpModel *model = fp_workspace_get_model (workspace);
  FpMapPicture picture = { 0 };
  gboolean seen[16] = { FALSE };
  guint n_classes_seen = 0;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  results = fp_workspace_compute (workspace, SCENARIO, &error);
  g_assert_no_error (error);
  g_assert_true (fp_boundaries_load (boundaries, &error));
  g_assert_no_error (error);

  picture.estate = fp_workspace_get_estate (workspace);
  picture.model = model;
  picture.results = results;
  picture.year = 5;
  picture.colour_by = FP_COLOUR_BY_CATEGORY;
  picture.size_by = FP_SIZE_BY_FLOOR_AREA;
  picture.title = "Leave and sell in 2030";
  picture.subtitle = "A test";

  g_assert_true (fp_render_map_to_file (&picture, boundaries, FP_RENDER_PNG, png, &error));
  g_assert_no_error (error);
  g_assert_true (fp_render_map_to_file (&picture, NULL, FP_RENDER_PDF, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (fp_render_map_to_file (&picture, boundaries, FP_RENDER_SVG, svg, &error));
  g_assert_no_error (error);

  /* The basemap: the land and the area around it. */
  g_assert_cmpuint (count_pixels (png, FP_PALETTE_MAP_LAND), >, 10000);
  g_assert_cmpuint (count_pixels (png, FP_PALETTE_MAP_OUTSIDE), >, 10000);

  /* Every category a site has that year shows in its colour (the symbols, and the key). */
  scale = fp_scale_new_for_colour_by (FP_COLOUR_BY_CATEGORY,
                                      fp_model_get_assumption (model, "target_room_utilisation"));
  marks = fp_site_marks_build (picture.estate, model, results, picture.year,
                               picture.colour_by, picture.size_by, NULL);
  g_assert_cmpuint (marks->len, >, 100);
  for (guint i = 0; i < marks->len; i++)
    {
      const FpSiteMark *mark = &g_array_index (marks, FpSiteMark, i);

      for (guint c = 0; c < scale->classes->len && c < G_N_ELEMENTS (seen); c++)
        if (g_array_index (scale->classes, FpScaleClass, c).rgb == mark->rgb)
          seen[c] = TRUE;
    }
  for (guint c = 0; c < scale->classes->len && c < G_N_ELEMENTS (seen); c++)
    if (seen[c])
      {
        guint32 rgb = g_array_index (scale->classes, FpScaleClass, c).rgb;

        g_assert_cmpuint (count_pixels (png, rgb), >, 100);
        n_classes_seen++;
      }
  g_assert_cmpuint (n_classes_seen, >=, 2);

  assert_page (pdf, FP_RENDER_PDF);
  assert_page (svg, FP_RENDER_SVG);

  fp_test_rm_rf (dir);
}

/* footprint-cli export draws the same pictures: the map of a scenario as a 16:9 PDF, an
 * appraisal chart as SVG and PNG; a bad chart or format is a usage error that writes
 * nothing. */
static void
test_cli (void)
{
  g_autofree char *dir = fp_test_tmpfile ("cli");
  g_autofree char *home = g_build_filename (dir, "home", NULL);
  g_autofree char *pdf = g_build_filename (dir, "map.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "net.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "running.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.png", NULL);
  const char *document = fp_workspace_get_path (workspace);

  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);

  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "export", "--document", document, "--scenario", SCENARIO,
                           "--year", "2030", "--colour-by", "category", "--format", "pdf",
                           "--output", pdf, NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.err, pdf));
    assert_page (pdf, FP_RENDER_PDF);
  }
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "export", "--document", document, "--chart", "net-benefit",
                           "--options", "Do nothing," SCENARIO, "--format", "svg",
                           "--output", svg, NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
    assert_page (svg, FP_RENDER_SVG);
  }
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "export", "--document", document, "--chart", "running-cost",
                           "--format", "png", "--output", png, NULL };
    g_autoptr(FpAppraisal) appraisal = appraise ();
    g_autoptr(FpChart) chart = fp_chart_new_for_appraisal (appraisal, FP_CHART_RUNNING_COST);

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
    /* Every option's line, in its colour. */
    for (guint i = 1; i < chart->series->len; i++)
      g_assert_cmpuint (count_pixels (png, ((FpChartSeries *) g_ptr_array_index (chart->series,
                                                                                  i))->rgb),
                        >, 100);
  }

  /* Usage errors: exit 2, one line naming what is wrong, nothing written. */
  {
    static const struct
    {
      const char *chart;
      const char *format;
      const char *says;
    } cases[] = {
      { "pie", "png", "pie" },
      { "net-benefit", "csv", "png, pdf or svg" },
      { NULL, "jpeg", "--format" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(FpTestRun) run = { 0 };
        const char *args[] = { "export", "--document", document, "--format", cases[i].format,
                               "--output", bad, cases[i].chart != NULL ? "--chart" : NULL,
                               cases[i].chart, NULL };

        fp_test_run_cli (&run, home, args);
        g_test_message ("%s", run.err);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_nonnull (strstr (run.err, cases[i].says));
        g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
      }
  }
}

static void
test_formats (void)
{
  FpRenderFormat format;

  g_assert_true (fp_render_format_from_path ("/tmp/a.PNG", &format));
  g_assert_cmpint (format, ==, FP_RENDER_PNG);
  g_assert_true (fp_render_format_from_path ("slides/map.pdf", &format));
  g_assert_cmpint (format, ==, FP_RENDER_PDF);
  g_assert_true (fp_render_format_from_string ("svg", &format));
  g_assert_cmpint (format, ==, FP_RENDER_SVG);
  g_assert_false (fp_render_format_from_path ("map.jpeg", &format));
  g_assert_false (fp_render_format_from_path ("map", &format));
  g_assert_false (fp_render_format_from_string (NULL, &format));
  for (guint f = 0; f < FP_N_RENDER_FORMATS; f++)
    {
      g_assert_true (fp_render_format_from_string (fp_render_format_to_string (f), &format));
      g_assert_cmpint (format, ==, f);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  FpChange *change;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The built-in estate with one option: leave a LIFT building and sell a freehold. */
  path = fp_test_tmpfile ("render.footprint");
  store = fp_store_create_default (path, &error);
  g_assert_no_error (error);
  scenario = fp_scenario_new (SCENARIO);
  change = fp_change_new (FP_CHANGE_EXIT_SITE, 2027);
  change->site = g_strdup ("Y02567");
  change->confidence = 0.7;
  g_ptr_array_add (scenario->changes, change);
  change = fp_change_new (FP_CHANGE_DISPOSE_SITE, 2028);
  change->site = g_strdup ("RYWK5");
  change->value = 2500000;
  change->disposal_costs = 90000;
  change->receipt_retained = TRUE;
  change->confidence = 0.5;
  g_ptr_array_add (scenario->changes, change);
  scenario->applied = scenario->changes->len;
  fp_store_insert_scenario (store, scenario, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  workspace = fp_workspace_open (path, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fp/render/appraisal-charts", test_appraisal_charts);
  g_test_add_func ("/fp/render/chart-files", test_chart_files);
  g_test_add_func ("/fp/render/map-files", test_map_files);
  g_test_add_func ("/fp/render/formats", test_formats);
  g_test_add_func ("/fp/render/cli", test_cli);

  status = g_test_run ();
  g_clear_object (&workspace);
  return status;
}
