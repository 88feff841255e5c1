/* bench-compute.c: how fast the engine recomputes a scenario on the BSol default.
 *
 *   _build/bench/bench-compute [RUNS]
 *
 * Prints medians over RUNS (default 101) of:
 *   1. a full recompute of a scenario with 10 changes over the 10-year horizon
 *      (target: median <= 5 ms);
 *   2. the recompute after one more change, from the state after the first 10 and its
 *      results: the change applied and the results brought up to date
 *      (fp_engine_update_results; target: median <= 1 ms);
 *   3. exiting the largest acute site with automatic reallocation (target: <= 50 ms).
 * The sites and services are picked from the dataset by rule (largest, busiest), so the
 * benchmark follows the data if it is rebuilt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "footprint-core.h"
#include "bench-util.h"

/* The site of a type with the largest value of a number. */
static const FpSite *
largest (const FpEstate *estate,
         FpSiteType      type,
         FpTenure        tenure,
         FpSiteNumber    number,
         const FpSite   *not_this)
{
  const FpSite *best = NULL;

  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *s = fp_estate_get_site (estate, i);

      if (s->type != type || s == not_this || !s->placed || s->status != FP_SITE_STATUS_CURRENT ||
          (tenure != FP_N_TENURES && s->tenure != tenure) || isnan (s->numbers[number]))
        continue;
      if (best == NULL || s->numbers[number] > best->numbers[number])
        best = s;
    }

  g_assert_nonnull (best);
  return best;
}

static FpChange *
parse (const char *format,
       ...)
{
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  FpChange *change;
  va_list args;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);

  node = json_from_string (json, &error);
  g_assert_no_error (error);
  change = fp_change_from_json (json_node_get_object (node), "bench", &error);
  g_assert_no_error (error);
  return change;
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? MAX (atoi (argv[1]), 3) : 101;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(FpChange) eleventh = NULL;
  g_autoptr(FpChange) exit_acute = NULL;
  g_autoptr(FpResults) dn = NULL;
  g_autofree double *full = g_new (double, runs);
  g_autofree double *incremental = g_new (double, runs);
  g_autofree double *exit_ms = g_new (double, runs);
  const FpSite *acute, *lift, *lift2, *gp, *gp2, *hc;
  int y = 0;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  y = fp_model_get_base_year (model);

  acute = largest (estate, FP_SITE_TYPE_ACUTE_HOSPITAL, FP_N_TENURES, FP_SITE_GIA_M2, NULL);
  lift = largest (estate, FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_LIFT, FP_SITE_VOID_ROOMS, NULL);
  lift2 = largest (estate, FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_LIFT, FP_SITE_VOID_ROOMS, lift);
  gp = largest (estate, FP_SITE_TYPE_GP_PRACTICE, FP_N_TENURES, FP_SITE_LIST_SIZE, NULL);
  gp2 = largest (estate, FP_SITE_TYPE_GP_PRACTICE, FP_N_TENURES, FP_SITE_LIST_SIZE, gp);
  hc = largest (estate, FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_NHSPS, FP_SITE_GIA_M2, NULL);

  printf ("Footprint compute benchmark on %s: %u sites, %u services, %u years\n",
          estate->name, estate->sites->len, estate->services->len, fp_model_get_n_years (model));
  printf ("largest acute site %s (%s), LIFT %s and %s, practices %s and %s, NHSPS %s\n\n",
          acute->id, acute->name, lift->id, lift2->id, gp->id, gp2->id, hc->id);

  /* Ten changes of every kind but the allocator's (benchmark 3 is that). */
  g_ptr_array_add (changes, parse ("{\"kind\": \"move_service\", \"year\": %d, \"site\": \"%s\", "
                                   "\"service\": \"gp_appointments\", \"to_site\": \"%s\", \"share\": 0.3}",
                                   y + 1, gp->id, lift->id));
  g_ptr_array_add (changes, parse ("{\"kind\": \"move_service\", \"year\": %d, \"site\": \"%s\", "
                                   "\"service\": \"gp_appointments\", \"to_site\": \"%s\", \"share\": 0.2}",
                                   y + 1, gp2->id, lift2->id));
  g_ptr_array_add (changes, parse ("{\"kind\": \"shift_setting\", \"year\": %d, \"service\": "
                                   "\"outpatient_followup\", \"from_setting\": \"acute\", \"share\": 0.1, "
                                   "\"to_sites\": [\"%s\", \"%s\"], \"weights\": [1, 1]}",
                                   y + 2, lift->id, lift2->id));
  g_ptr_array_add (changes, parse ("{\"kind\": \"backfill\", \"year\": %d, \"site\": \"%s\", \"m2\": 100}",
                                   y + 2, hc->id));
  g_ptr_array_add (changes, parse ("{\"kind\": \"open_site\", \"year\": %d, \"id\": \"BENCH-HUB\", "
                                   "\"name\": \"Bench Hub\", \"site_type\": \"hub\", \"lat\": 52.48, "
                                   "\"lon\": -1.89, \"gia_m2\": 2400, \"rooms\": {\"consult\": 18, "
                                   "\"treatment\": 6, \"group\": 2}, \"hours_open_per_week\": 60, "
                                   "\"capital_cost\": 9000000, \"running_cost\": 600000, \"tenure\": \"leasehold\"}",
                                   y + 2));
  g_ptr_array_add (changes, parse ("{\"kind\": \"move_service\", \"year\": %d, \"site\": \"%s\", "
                                   "\"service\": \"outpatient_first\", \"to_site\": \"BENCH-HUB\", \"share\": 0.05}",
                                   y + 3, acute->id));
  g_ptr_array_add (changes, parse ("{\"kind\": \"change_hours\", \"year\": %d, \"site\": \"%s\", "
                                   "\"hours_open_per_week\": 84}", y + 3, lift->id));
  g_ptr_array_add (changes, parse ("{\"kind\": \"change_growth\", \"year\": %d, \"service\": "
                                   "\"gp_appointments\", \"rate\": 0.02}", y + 3));
  g_ptr_array_add (changes, parse ("{\"kind\": \"exit_site\", \"year\": %d, \"site\": \"%s\", "
                                   "\"to_sites\": [\"BENCH-HUB\"]}", y + 4, gp2->id));
  g_ptr_array_add (changes, parse ("{\"kind\": \"move_service\", \"year\": %d, \"site\": \"%s\", "
                                   "\"service\": \"gp_appointments\", \"to_site\": \"BENCH-HUB\", \"share\": 0.25}",
                                   y + 5, gp->id));
  eleventh = parse ("{\"kind\": \"change_hours\", \"year\": %d, \"site\": \"%s\", "
                    "\"hours_open_per_week\": 60}", y + 5, lift2->id);
  exit_acute = parse ("{\"kind\": \"exit_site\", \"year\": %d, \"site\": \"%s\"}", y + 1, acute->id);

  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);

  for (int i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(FpResults) res = fp_compute_scenario (model, changes, dn, &error);

      g_assert_no_error (error);
      full[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(FpEngine) engine = fp_engine_new (model);
      g_autoptr(FpResults) res = NULL;
      gint64 t0;

      for (guint c = 0; c < changes->len; c++)
        g_assert_true (fp_engine_apply (engine, g_ptr_array_index (changes, c), NULL));
      res = fp_engine_compute (engine, dn);

      /* What the workspace does when a change is added: apply only it, and derive again
       * only what it touched. */
      t0 = g_get_monotonic_time ();
      g_assert_true (fp_engine_apply (engine, eleventh, &error));
      g_assert_true (fp_engine_update_results (engine, res, dn));
      incremental[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(FpEngine) engine = fp_engine_new (model);
      g_autoptr(FpResults) res = NULL;
      gint64 t0 = g_get_monotonic_time ();

      g_assert_true (fp_engine_apply (engine, exit_acute, &error));
      res = fp_engine_compute (engine, dn);
      exit_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;

      if (i == 0)
        {
          double unplaced = 0;

          for (guint v = 0; v < res->n_services; v++)
            unplaced += res->unplaced[1 * res->n_services + v];
          printf ("exit of %s: %.0f units of activity unplaced in %d\n\n", acute->name, unplaced,
                  y + 1);
        }
    }

  bench_report ("1. full recompute, 10 changes, 10-year horizon", full, runs, "target 5 ms");
  bench_report ("2. recompute after one added change", incremental, runs, "target 1 ms");
  bench_report ("3. exit of the largest acute site, automatic reallocation", exit_ms, runs, "target 50 ms");

  return 0;
}
