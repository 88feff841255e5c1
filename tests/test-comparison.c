/* test-comparison.c: the compare view's figures (fp-comparison.h) on the Birmingham and
 * Solihull default, against the engine's results and the key figures read another way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "footprint-core.h"
#include "fp-test-util.h"

static FpEstate *estate;
static FpModel *model;

/* Two scenarios: one leaves the first NHS Property Services building with activity;
 * the other builds on it and leaves the first LIFT building as well. */
static GPtrArray *
make_scenarios (void)
{
  GPtrArray *scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_scenario_free);
  FpScenario *a = fp_scenario_new ("Leave one");
  FpScenario *b = fp_scenario_new ("Leave two");
  int base = fp_model_get_base_year (model);
  FpTenure tenures[] = { FP_TENURE_NHSPS, FP_TENURE_LIFT };
  FpScenario *owners[] = { a, b };

  for (guint t = 0; t < 2; t++)
    for (guint i = 0; i < estate->sites->len; i++)
      {
        const FpSite *site = fp_estate_get_site (estate, i);
        FpChange *c;

        if (site->tenure != tenures[t] || site->status != FP_SITE_STATUS_CURRENT)
          continue;
        c = fp_change_new (FP_CHANGE_EXIT_SITE, base + 1);
        c->site = g_strdup (site->id);
        g_ptr_array_add (owners[t]->changes, c);
        owners[t]->applied = 1;
        break;
      }
  b->parent = g_strdup (a->name);
  g_ptr_array_add (scenarios, a);
  g_ptr_array_add (scenarios, b);
  return scenarios;
}

static void
test_names (void)
{
  g_autoptr(GPtrArray) scenarios = make_scenarios ();
  g_autoptr(GError) error = NULL;
  const char *one[] = { "Leave one", NULL };
  const char *five[] = { "Do nothing", "Leave one", "Leave two", "Do nothing", "Leave one", NULL };
  const char *unknown[] = { "Do nothing", "Leave three", NULL };
  const char *twice[] = { "Leave one", "LEAVE ONE", NULL };
  const char *good[] = { "do nothing", "leave two", "Leave one", NULL };

  g_assert_false (fp_comparison_check_names (scenarios, one, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (fp_comparison_check_names (scenarios, five, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (fp_comparison_check_names (scenarios, unknown, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Leave three"));
  g_clear_error (&error);
  g_assert_false (fp_comparison_check_names (scenarios, twice, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (fp_comparison_check_names (scenarios, good, &error));
  g_assert_no_error (error);
}

static void
test_figures (void)
{
  g_autoptr(GPtrArray) scenarios = make_scenarios ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpComparison) comparison = NULL;
  g_autoptr(FpResults) dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_autoptr(FpAccess) dn_access = NULL;
  const char *names[] = { "Leave two", "do nothing", "Leave one", NULL };
  guint year = 4;
  FpKeyFigures base;

  g_assert_no_error (error);
  comparison = fp_comparison_compute (model, scenarios, names, year, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (comparison->options->len, ==, 3);
  g_assert_cmpuint (comparison->year, ==, year);
  g_assert_cmpuint (comparison->n_years, ==, fp_model_get_n_years (model));
  dn_access = fp_access_compute (model, dn, year);
  fp_key_figures_compute (model, dn, dn_access, year, &base);

  for (guint o = 0; o < comparison->options->len; o++)
    {
      const FpComparisonOption *option = g_ptr_array_index (comparison->options, o);
      g_autoptr(GPtrArray) changes = fp_scenario_effective_changes (scenarios,
                                                                   o == 1 ? NULL : option->name,
                                                                   &error);
      g_autoptr(FpResults) results = NULL;
      g_autoptr(FpAccess) access = NULL;
      FpKeyFigures figures;
      guint by_band[FP_COMPARISON_N_BANDS] = { 0 }, in_bands = 0, counted = 0;

      g_assert_no_error (error);
      /* In the order asked, named as the document spells them. */
      g_assert_cmpstr (option->name, ==, o == 1 ? FP_DO_NOTHING : names[o]);

      results = fp_compute_scenario (model, changes, dn, &error);
      g_assert_no_error (error);
      access = fp_access_compute (model, results, year);
      fp_key_figures_compute (model, results, access, year, &figures);
      fp_key_figures_compare (&figures, &base);
      for (guint f = 0; f < FP_N_KEY_FIGURES; f++)
        {
          if (isnan (figures.value[f]))
            g_assert_true (isnan (option->figures.value[f]));
          else
            g_assert_cmpfloat_with_epsilon (option->figures.value[f], figures.value[f], 1e-6);
        }
      g_assert_cmpfloat_with_epsilon (option->figures.change[FP_KEY_VOID_COST],
                                      figures.value[FP_KEY_VOID_COST] -
                                      base.value[FP_KEY_VOID_COST], 1e-6);

      for (guint y = 0; y < comparison->n_years; y++)
        {
          g_assert_cmpfloat (option->running_cost[y], ==, results->totals[y].running_cost);
          g_assert_cmpfloat (option->void_cost[y], ==, results->totals[y].void_cost);
          g_assert_cmpfloat (option->revenue_saving[y], ==,
                             results->totals[y].revenue_saving_vs_do_nothing);
          if (o == 1)
            g_assert_cmpfloat (option->revenue_saving[y], ==, 0);
        }

      /* The bands count each site in use with rooms once, by its utilisation against the
       * edges (counted here with the edges, not the band function). */
      for (guint s = 0; s < results->n_sites; s++)
        {
          const FpSiteYear *sy = fp_results_get (results, s, year);
          guint b = 0;

          if (!sy->held || !sy->active || !(sy->capacity_room_hours > 0) ||
              isnan (sy->utilisation_site))
            continue;
          counted++;
          while (b < FP_COMPARISON_N_BANDS - 1 &&
                 sy->utilisation_site >= comparison->band_edges[b])
            b++;
          by_band[b]++;
        }
      for (guint b = 0; b < FP_COMPARISON_N_BANDS; b++)
        {
          g_assert_cmpuint (option->sites_by_band[b], ==, by_band[b]);
          in_bands += option->sites_by_band[b];
        }
      g_assert_cmpuint (in_bands, ==, counted);
      g_assert_cmpuint (counted, >, 100);
    }

  /* The edges rise, and the target is the document's. */
  for (guint b = 1; b < FP_COMPARISON_N_BANDS - 1; b++)
    g_assert_cmpfloat (comparison->band_edges[b], >, comparison->band_edges[b - 1]);
  g_assert_cmpfloat (comparison->band_edges[3], ==,
                     fp_model_get_assumption (model, "target_room_utilisation"));
  g_assert_cmpint (fp_comparison_band (comparison, NAN), ==, -1);
  g_assert_cmpint (fp_comparison_band (comparison, 0), ==, 0);
  g_assert_cmpint (fp_comparison_band (comparison, 5), ==, FP_COMPARISON_N_BANDS - 1);
}

/* A job, an option at a time, gives what the whole computation gives. */
static void
test_job (void)
{
  g_autoptr(GPtrArray) scenarios = make_scenarios ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpComparison) whole = NULL;
  g_autoptr(FpComparison) stepped = NULL;
  g_autoptr(FpComparisonJob) job = NULL;
  const char *names[] = { "Do nothing", "Leave one", "Leave two", NULL };
  gboolean done = FALSE;
  guint steps = 0;

  whole = fp_comparison_compute (model, scenarios, names, 3, &error);
  g_assert_no_error (error);
  job = fp_comparison_job_new (model, scenarios, names, 3, &error);
  g_assert_no_error (error);
  while (!done)
    {
      g_assert_true (fp_comparison_job_step (job, &done, &error));
      steps++;
    }
  /* Do nothing, then each option. */
  g_assert_cmpuint (steps, ==, 4);
  stepped = fp_comparison_job_steal (job);
  for (guint o = 0; o < 3; o++)
    {
      const FpComparisonOption *a = g_ptr_array_index (whole->options, o);
      const FpComparisonOption *b = g_ptr_array_index (stepped->options, o);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpfloat (a->figures.value[FP_KEY_VOID_COST], ==,
                         b->figures.value[FP_KEY_VOID_COST]);
      g_assert_cmpfloat (a->figures.value[FP_KEY_ACCESS_PEOPLE], ==,
                         b->figures.value[FP_KEY_ACCESS_PEOPLE]);
      g_assert_cmpmem (a->sites_by_band, sizeof a->sites_by_band, b->sites_by_band,
                       sizeof b->sites_by_band);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  estate = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fp/comparison/names", test_names);
  g_test_add_func ("/fp/comparison/figures", test_figures);
  g_test_add_func ("/fp/comparison/job", test_job);

  status = g_test_run ();
  fp_model_free (model);
  fp_estate_free (estate);
  return status;
}
