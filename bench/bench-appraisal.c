/* bench-appraisal.c: how fast a 5-option appraisal workbook is made on the BSol default.
 *
 *   _build/bench/bench-appraisal [RUNS]
 *
 * Creates a document from the built-in dataset in a temporary folder with four options
 * (picked from the data by rule, so the benchmark follows the data if it is rebuilt), then
 * prints medians over RUNS (default 21) of:
 *   1. the appraisal of Do nothing and the four options, as `footprint-cli appraise` makes
 *      it (every option's changes applied one at a time for the ledger, scores, ranks,
 *      switching values);
 *   2. writing the workbook from it (11 sheets, two charts, access for every option);
 *   3. both together (target: median <= 300 ms).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "footprint-core.h"
#include "bench-util.h"

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

static gboolean
usable (const FpSite *s)
{
  return s->placed && s->status == FP_SITE_STATUS_CURRENT && s->sector == FP_SECTOR_NHS;
}

/* The n sites of a type and tenure with the most void rooms. */
static GPtrArray *
most_void (const FpEstate *estate,
           FpTenure        tenure,
           guint           n)
{
  GPtrArray *sites = g_ptr_array_new ();

  for (guint k = 0; k < n; k++)
    {
      const FpSite *best = NULL;

      for (guint i = 0; i < estate->sites->len; i++)
        {
          const FpSite *s = fp_estate_get_site (estate, i);

          if (!usable (s) || s->tenure != tenure || isnan (s->numbers[FP_SITE_VOID_ROOMS]) ||
              g_ptr_array_find (sites, s, NULL))
            continue;
          if (best == NULL || s->numbers[FP_SITE_VOID_ROOMS] > best->numbers[FP_SITE_VOID_ROOMS])
            best = s;
        }
      if (best != NULL)
        g_ptr_array_add (sites, (gpointer) best);
    }

  return sites;
}

/* The nearest site of a tenure and type to @to, not among @taken. */
static const FpSite *
nearest (const FpEstate *estate,
         const FpSite   *to,
         FpTenure        tenure,
         FpSiteType      type,
         GPtrArray      *taken)
{
  const FpSite *best = NULL;
  double best_km = INFINITY;

  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *s = fp_estate_get_site (estate, i);
      double km;

      if (!usable (s) || s->tenure != tenure || s->type != type || g_ptr_array_find (taken, s, NULL))
        continue;
      km = fp_geo_haversine_km (to->lat, to->lon, s->lat, s->lon);
      if (km < best_km)
        {
          best = s;
          best_km = km;
        }
    }

  return best;
}

static void
save (FpStore    *store,
      const char *name,
      GPtrArray  *changes)
{
  g_autoptr(FpScenario) scenario = fp_scenario_new (name);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (scenario->changes, fp_change_copy (g_ptr_array_index (changes, i)));
  scenario->applied = changes->len;
  g_assert_true (fp_store_insert_scenario (store, scenario, FALSE, &error));
  g_assert_no_error (error);
}

static GPtrArray *
new_changes (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? MAX (atoi (argv[1]), 3) : 21;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("footprint-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.footprint", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "appraisal.xlsx", NULL);
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpWorkspace) ws = NULL;
  g_autoptr(GPtrArray) lift = NULL;
  g_autoptr(GPtrArray) taken = g_ptr_array_new ();
  g_autoptr(GPtrArray) fill = new_changes ();
  g_autoptr(GPtrArray) dispose = new_changes ();
  g_autoptr(GPtrArray) urgent = new_changes ();
  g_autoptr(GPtrArray) hub = new_changes ();
  g_autofree double *appraise_ms = g_new (double, runs);
  g_autofree double *write_ms = g_new (double, runs);
  g_autofree double *total_ms = g_new (double, runs);
  const char *options[] = { "Do nothing", "Fill the LIFT voids", "Dispose of empty freeholds",
                            "Consolidate urgent care", "Hub and outpatient shift", NULL };
  const FpEstate *estate;
  guint changes = 0;
  int y;

  g_assert_no_error (error);
  store = fp_store_create_default (path, &error);
  g_assert_no_error (error);
  ws = fp_workspace_new_for_store (store, &error);
  g_assert_no_error (error);
  estate = fp_workspace_get_estate (ws);
  y = estate->base_year;

  /* 1. Fill the LIFT voids: the nearest NHS Property Services health centre to each of the
   *    four LIFT centres with most void rooms moves in, and is left. */
  lift = most_void (estate, FP_TENURE_LIFT, 4);
  for (guint i = 0; i < lift->len; i++)
    {
      const FpSite *l = g_ptr_array_index (lift, i);
      const FpSite *n = nearest (estate, l, FP_TENURE_NHSPS, FP_SITE_TYPE_HEALTH_CENTRE, taken);

      if (n == NULL)
        continue;
      g_ptr_array_add (taken, (gpointer) n);
      g_ptr_array_add (fill, parse ("{\"kind\": \"exit_site\", \"year\": %d, \"site\": \"%s\", "
                                    "\"to_sites\": [\"%s\"], \"confidence\": 0.6}",
                                    y + 2 + (int) i / 2, n->id, l->id));
    }

  /* 2. Dispose of every freehold with no activity in the base year (value: £1,000 a m²,
   *    illustrative; disposal costs 4%). */
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *s = fp_estate_get_site (estate, i);
      gboolean active = FALSE;
      double value;

      if (s->tenure != FP_TENURE_FREEHOLD || s->sector != FP_SECTOR_NHS)
        continue;
      for (guint a = 0; a < estate->activity->len && !active; a++)
        {
          const FpActivity *act = &g_array_index (estate->activity, FpActivity, a);

          active = act->site == i && act->volume > 0;
        }
      if (active)
        continue;
      value = isnan (s->numbers[FP_SITE_GIA_M2]) ? 500000 : s->numbers[FP_SITE_GIA_M2] * 1000;
      g_ptr_array_add (dispose, parse ("{\"kind\": \"dispose_site\", \"year\": %d, \"site\": \"%s\", "
                                       "\"value\": %.0f, \"disposal_costs\": %.0f, "
                                       "\"confidence\": 0.7}", y + 1 + (int) (i % 3), s->id,
                                       value, value * 0.04));
    }

  /* 3. Consolidate urgent care: a new urgent treatment centre, and every walk-in and urgent
   *    care centre left, its activity to the sites the allocator finds. */
  g_ptr_array_add (urgent, parse ("{\"kind\": \"open_site\", \"year\": %d, \"id\": \"BENCH-UTC\", "
                                  "\"name\": \"Bench UTC\", \"site_type\": \"urgent_care_centre\", "
                                  "\"lat\": 52.48, \"lon\": -1.89, \"gia_m2\": 3000, \"rooms\": "
                                  "{\"consult\": 12, \"treatment\": 10}, \"hours_open_per_week\": "
                                  "84, \"capital_cost\": 12000000, \"running_cost\": 900000, "
                                  "\"tenure\": \"freehold\", \"confidence\": 0.8}", y + 1));
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *s = fp_estate_get_site (estate, i);

      if (usable (s) && (s->type == FP_SITE_TYPE_WALK_IN_CENTRE ||
                         s->type == FP_SITE_TYPE_URGENT_CARE_CENTRE))
        g_ptr_array_add (urgent, parse ("{\"kind\": \"exit_site\", \"year\": %d, \"site\": "
                                        "\"%s\", \"confidence\": 0.7}", y + 3, s->id));
    }

  /* 4. A hub, with a tenth of acute follow-ups shifted into it and the LIFT centres. */
  g_ptr_array_add (hub, parse ("{\"kind\": \"open_site\", \"year\": %d, \"id\": \"BENCH-HUB\", "
                               "\"name\": \"Bench Hub\", \"site_type\": \"hub\", \"lat\": 52.48, "
                               "\"lon\": -1.86, \"gia_m2\": 2400, \"rooms\": {\"consult\": 18, "
                               "\"treatment\": 6, \"group\": 2}, \"hours_open_per_week\": 60, "
                               "\"capital_cost\": 9000000, \"running_cost\": 600000, "
                               "\"tenure\": \"leasehold\", \"lease_end_year\": %d}", y + 2, y + 27));
  g_ptr_array_add (hub, parse ("{\"kind\": \"shift_setting\", \"year\": %d, \"service\": "
                               "\"outpatient_followup\", \"from_setting\": \"acute\", \"share\": 0.1, "
                               "\"to_sites\": [\"BENCH-HUB\", \"%s\"], \"weights\": [2, 1], "
                               "\"confidence\": 0.5}", y + 3,
                               ((FpSite *) g_ptr_array_index (lift, 0))->id));

  save (store, options[1], fill);
  save (store, options[2], dispose);
  save (store, options[3], urgent);
  save (store, options[4], hub);
  g_assert_true (fp_workspace_reload_scenarios (ws, &error));
  changes = fill->len + dispose->len + urgent->len + hub->len;

  printf ("Footprint appraisal benchmark on %s: %u sites, %u years; 5 options, %u changes "
          "(%u, %u, %u, %u)\n\n", estate->name, estate->sites->len,
          fp_model_get_n_years (fp_workspace_get_model (ws)), changes, fill->len, dispose->len,
          urgent->len, hub->len);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(FpAppraisal) a = NULL;
      gint64 t0 = g_get_monotonic_time (), t1;

      a = fp_appraisal_compute_for_workspace (ws, options, &error);
      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      g_assert_true (fp_export_xlsx (a, fp_workspace_get_model (ws), xlsx, &error));
      g_assert_no_error (error);

      appraise_ms[i] = (t1 - t0) / 1000.0;
      write_ms[i] = (g_get_monotonic_time () - t1) / 1000.0;
      total_ms[i] = appraise_ms[i] + write_ms[i];

      if (i == 0)
        {
          GStatBuf st;

          g_stat (xlsx, &st);
          for (guint k = 0; k < a->options->len; k++)
            {
              const FpOptionAppraisal *o = g_ptr_array_index (a->options, k);

              printf ("  %-28s NPV %14.0f  risk-adjusted %14.0f  rank %u\n", o->name, o->npv,
                      o->npv_risk_adjusted, o->rank);
            }
          printf ("  workbook %.0f kB\n\n", st.st_size / 1024.0);
        }
    }

  bench_report ("1. appraise 5 options (ledger by prefixes, ranks, switching)", appraise_ms, runs,
                "part of 3");
  bench_report ("2. write the workbook (11 sheets, 2 charts, access)", write_ms, runs, "part of 3");
  bench_report ("3. a 5-option workbook, appraisal and file", total_ms, runs, "target 300 ms");

  g_unlink (xlsx);
  g_clear_object (&ws);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
