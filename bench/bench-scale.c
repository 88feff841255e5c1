/* bench-scale.c: the operations of issue 13 on an estate of any size.
 *
 *   _build/bench/bench-scale [RUNS] [DATASET.json] [OPERATIONS]
 *
 * With no dataset, the BSol default; otherwise a dataset file, e.g. one that
 * bench/make-estate.py made (10x BSol, England-size). Prints, over RUNS (default 11):
 *
 *   compute      the Do nothing scenario from the model: a new engine and every figure for
 *                every site and year (what opening a document does after loading it);
 *   access       every access measure (each service, site type and the group) for one
 *                scenario and year;
 *   shift        a shift of a quarter of GP appointments out of primary care with no
 *                receivers named: the allocator chooses, for every practice at once
 *                (shift+res: and the engine's results brought up to date);
 *   exit         the exit of the largest acute hospital (by floor area) with no receivers
 *                named: the allocator places each of its services (exit+res: and the
 *                results brought up to date);
 *   recompute    after ten changes and their results, one more change (of hours) and the
 *                results brought up to date (fp_engine_update_results);
 *
 * each with the median wall-clock time, its 10th and 90th percentiles, the median
 * processor time of the thread (the machine is shared), and the peak memory the operation
 * added (the process's high-water mark, reset before each run, less what it held before).
 * The document is built through the core directly (dataset reader, FpEstate, FpModel):
 * creating a document file from a large dataset is a separate benchmark. OPERATIONS, a
 * comma-separated list of the names above, runs only those (e.g. under perf).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "footprint-core.h"
#include "bench-util.h"

/* ---- Memory: the process's resident high-water mark, reset before each operation ---- */

static double
status_mb (const char *field)
{
  g_autofree char *text = NULL;
  const char *at;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return NAN;
  at = strstr (text, field);
  if (at == NULL)
    return NAN;
  return g_ascii_strtod (at + strlen (field), NULL) / 1024.0;
}

/* Resets VmHWM to the current resident size (Linux ≥ 4.0), and returns that size. */
static double
reset_peak (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
  return status_mb ("VmRSS:");
}

static double
peak_since (double before)
{
  return status_mb ("VmHWM:") - before;
}

/* ---- Picking sites and changes by rule ---------------------------------------------- */

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
          s->sector != FP_SECTOR_NHS ||
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

/* The ten changes of bench-compute, on sites picked by the same rules. */
static GPtrArray *
ten_changes (const FpEstate *estate,
             int             y)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  const FpSite *acute, *lift, *lift2, *gp, *gp2, *hc;

  acute = largest (estate, FP_SITE_TYPE_ACUTE_HOSPITAL, FP_N_TENURES, FP_SITE_GIA_M2, NULL);
  lift = largest (estate, FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_LIFT, FP_SITE_VOID_ROOMS, NULL);
  lift2 = largest (estate, FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_LIFT, FP_SITE_VOID_ROOMS, lift);
  gp = largest (estate, FP_SITE_TYPE_GP_PRACTICE, FP_N_TENURES, FP_SITE_LIST_SIZE, NULL);
  gp2 = largest (estate, FP_SITE_TYPE_GP_PRACTICE, FP_N_TENURES, FP_SITE_LIST_SIZE, gp);
  hc = largest (estate, FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_NHSPS, FP_SITE_GIA_M2, NULL);

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
                                   "\"name\": \"Bench Hub\", \"site_type\": \"hub\", \"lat\": %.6f, "
                                   "\"lon\": %.6f, \"gia_m2\": 2400, \"rooms\": {\"consult\": 18, "
                                   "\"treatment\": 6, \"group\": 2}, \"hours_open_per_week\": 60, "
                                   "\"capital_cost\": 9000000, \"running_cost\": 600000, \"tenure\": \"leasehold\"}",
                                   y + 2, acute->lat + 0.005, acute->lon + 0.005));
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
  g_ptr_array_add (changes, parse ("{\"kind\": \"change_hours\", \"year\": %d, \"site\": \"%s\", "
                                   "\"hours_open_per_week\": 60}", y + 5, lift2->id));
  return changes;
}

/* ---- Reporting ----------------------------------------------------------------------- */

/* The thread's processor time, ms: on a machine shared with other builds the wall clock
 * also counts the time others held the processor; this does not. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static gint64 t0;
static double c0;

static void
start (void)
{
  c0 = cpu_ms ();
  t0 = g_get_monotonic_time ();
}

static void
stop (double *ms,
      double *cpu,
      int     i)
{
  ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
  cpu[i] = cpu_ms () - c0;
}

static void
report (const char *what,
        double     *ms,
        double     *cpu,
        double     *mb,
        int         runs)
{
  qsort (ms, runs, sizeof *ms, bench_compare_doubles);
  qsort (cpu, runs, sizeof *cpu, bench_compare_doubles);
  qsort (mb, runs, sizeof *mb, bench_compare_doubles);
  printf ("%-10s median %9.3f ms  p10 %9.3f  p90 %9.3f  cpu %9.3f ms  peak +%7.1f MB  (%d runs)\n",
          what, ms[runs / 2], ms[runs / 10], ms[runs * 9 / 10], cpu[runs / 2], mb[runs - 1], runs);
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? MAX (atoi (argv[1]), 1) : 11;
  const char *path = argc > 2 && argv[2][0] != '\0' ? argv[2] : NULL;
  g_auto(GStrv) only = argc > 3 ? g_strsplit (argv[3], ",", -1) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) dn = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(FpChange) shift = NULL;
  g_autoptr(FpChange) exit_acute = NULL;
  g_autofree double *ms = g_new (double, runs);
  g_autofree double *mb = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  const FpSite *acute;
  double loadavg[3] = { NAN, NAN, NAN };
  int y;

  double parse_s, model_s, read_mb, before_read = reset_peak ();

  start ();
  if (path != NULL)
    {
      g_autofree char *text = NULL;
      gsize size;
      g_autoptr(GBytes) bytes = NULL;

      if (!g_file_get_contents (path, &text, &size, &error))
        g_error ("%s", error->message);
      bytes = g_bytes_new_take (g_steal_pointer (&text), size);
      estate = fp_dataset_parse (bytes, &error);
    }
  else
    estate = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  parse_s = (g_get_monotonic_time () - t0) / 1e6;
  read_mb = peak_since (before_read);
  start ();
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  model_s = (g_get_monotonic_time () - t0) / 1e6;
  y = fp_model_get_base_year (model);

  if (getloadavg (loadavg, 3) < 0)
    loadavg[0] = NAN;
  printf ("Footprint scale benchmark: %s\n%u sites, %u zones, %u services, %u years; "
          "dataset read and parsed in %.2f s (peak +%.0f MB), model in %.3f s; "
          "load average %.2f\n",
          estate->name, estate->sites->len, estate->zones->len, estate->services->len,
          fp_model_get_n_years (model), parse_s, read_mb, model_s, loadavg[0]);
  printf ("(median wall-clock ms, its 10th and 90th percentiles, the median processor time "
          "of the thread, and the largest peak memory the operation added)\n\n");

  acute = largest (estate, FP_SITE_TYPE_ACUTE_HOSPITAL, FP_N_TENURES, FP_SITE_GIA_M2, NULL);
  changes = ten_changes (estate, y);
  shift = parse ("{\"kind\": \"shift_setting\", \"year\": %d, \"service\": \"gp_appointments\", "
                 "\"from_setting\": \"primary_care\", \"share\": 0.25}", y + 1);
  exit_acute = parse ("{\"kind\": \"exit_site\", \"year\": %d, \"site\": \"%s\"}", y + 1,
                      acute->id);

  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);

#define WANTED(name) (only == NULL || g_strv_contains ((const char * const *) only, name))

  /* compute */
  for (int i = 0; WANTED ("compute") && i < runs; i++)
    {
      double before = reset_peak ();
      g_autoptr(FpResults) res = NULL;

      start ();
      res = fp_compute_scenario (model, NULL, dn, &error);
      stop (ms, cpu, i);
      mb[i] = peak_since (before);
      g_assert_no_error (error);
    }
  if (WANTED ("compute"))
    report ("compute", ms, cpu, mb, runs);

  /* access */
  for (int i = 0; WANTED ("access") && i < runs; i++)
    {
      double before = reset_peak ();
      g_autoptr(FpAccess) access = NULL;

      start ();
      access = fp_access_compute (model, dn, 0);
      stop (ms, cpu, i);
      mb[i] = peak_since (before);
    }
  if (WANTED ("access"))
    report ("access", ms, cpu, mb, runs);

  /* shift and exit: the change alone (the allocation), then with the results of the
   * engine brought up to date, which is what a planner waits for */
  for (int k = 0; k < 2; k++)
    {
      const char *name = k == 0 ? "shift" : "exit";
      const FpChange *change = k == 0 ? shift : exit_acute;
      g_autofree double *ms2 = g_new (double, runs);
      g_autofree double *cpu2 = g_new (double, runs);
      g_autofree char *name2 = g_strconcat (name, "+res", NULL);

      for (int i = 0; WANTED (name) && i < runs; i++)
        {
          g_autoptr(FpEngine) engine = fp_engine_new (model);
          g_autoptr(FpResults) res = fp_engine_compute (engine, dn);
          double before = reset_peak ();

          start ();
          if (!fp_engine_apply (engine, change, &error))
            g_error ("%s", error->message);
          stop (ms, cpu, i);
          g_assert_true (fp_engine_update_results (engine, res, dn));
          ms2[i] = (g_get_monotonic_time () - t0) / 1000.0;
          cpu2[i] = cpu_ms () - c0;
          mb[i] = peak_since (before);
        }
      if (WANTED (name))
        {
          report (name, ms, cpu, mb, runs);
          report (name2, ms2, cpu2, mb, runs);
        }
    }

  /* recompute after one added change */
  for (int i = 0; WANTED ("recompute") && i < runs; i++)
    {
      g_autoptr(FpEngine) engine = fp_engine_new (model);
      g_autoptr(FpResults) res = NULL;
      double before;

      for (guint c = 0; c + 1 < changes->len; c++)
        g_assert_true (fp_engine_apply (engine, g_ptr_array_index (changes, c), NULL));
      res = fp_engine_compute (engine, dn);

      before = reset_peak ();
      start ();
      g_assert_true (fp_engine_apply (engine, g_ptr_array_index (changes, changes->len - 1),
                                      &error));
      g_assert_true (fp_engine_update_results (engine, res, dn));
      stop (ms, cpu, i);
      mb[i] = peak_since (before);
    }
  if (WANTED ("recompute"))
    report ("recompute", ms, cpu, mb, runs);

  printf ("\nlargest acute site: %s (%s)\n", acute->id, acute->name);
  return 0;
}
