/* bench-optimise.c: how fast the optimiser suggests an estate (issue 12's benchmarks).
 *
 *   _build/bench/bench-optimise [RUNS] [ENGLAND_TIME_LIMIT_SECONDS] [ENGLAND.mps]
 *
 *   1. the BSol default, every service held to Do nothing's access, 10-year horizon:
 *      fp_optimise_solve (reading the problem, branch and bound, routing, explanations),
 *      and the engine's check; RUNS runs (default 11), median, p10, p90;
 *   2. the price of access on it: the sweep of 11 points (every chosen service at 90% to
 *      100%), 3 runs;
 *   3. a synthetic England-size estate (11,000 sites, 33,000 zones, the BSol services and
 *      assumptions), with a time limit (default 120 s): one run, reporting the gap reached;
 *      with a file name, its program is also written there as MPS, to measure another
 *      solver on it (bench/RESULTS.md); then the same search stopped after 15 s, as the
 *      window's Stop does, and how long it takes to give up.
 *
 * The synthetic estate is made here from a fixed seed: clusters of zones around 60 towns
 * (56 million people), GP practices and branches near the people, NHS Property Services,
 * LIFT and freehold health centres, community and acute hospitals, urgent care centres and
 * mental health units, each with rooms sized to a random utilisation of its activity.
 * It is a benchmark of size, not a model of England.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "footprint-core.h"
#include "fp-optimise-private.h"
#include "bench-util.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* ---- BSol ------------------------------------------------------------------------------ */

static void
bench_bsol (int runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) dn = NULL;
  g_autofree double *solve = g_new (double, runs);
  g_autofree double *total = g_new (double, runs);
  g_autofree double *check = g_new (double, runs);
  g_autofree double *sweep = g_new (double, 3);
  g_auto(FpOptimiseSettings) settings = { 0 };
  const double targets[] = { 0.90, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 1.0 };
  double npv = 0;
  guint left = 0, nodes = 0, columns = 0, integers = 0, rows = 0;
  const char *status = NULL;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  fp_optimise_settings_init (&settings);

  for (int i = 0; i < runs; i++)
    {
      g_autoptr(FpOptimiseResult) result = NULL;
      g_auto(FpOptimiseCheck) c = { 0 };
      double t0 = now_ms (), t1;

      result = fp_optimise_solve (model, dn, &settings, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      t1 = now_ms ();
      g_assert_true (fp_optimise_check (model, dn, &settings, result, &c, &error));
      g_assert_true (c.ok);
      check[i] = now_ms () - t1;
      total[i] = t1 - t0;
      solve[i] = result->solve_seconds * 1000;
      npv = result->npv;
      left = result->n_left;
      nodes = result->nodes;
      columns = result->n_columns;
      integers = result->n_integer;
      rows = result->n_rows;
      status = fp_optimise_status_to_string (result->status);
    }

  printf ("BSol: NPV %.0f, %u sites left, %s; %u columns (%u integer), %u rows, %u nodes\n",
          npv, left, status, columns, integers, rows, nodes);
  bench_report ("1a. branch and bound (GLPK), BSol, every service", solve, runs, "ms");
  bench_report ("1b. fp_optimise_solve in all (read, solve, route, explain)", total, runs, "ms");
  bench_report ("1c. the engine's check (recompute, appraisal, access x years)", check, runs,
                "ms");

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GArray) points = NULL;
      double t0 = now_ms ();

      points = fp_optimise_sweep (model, dn, &settings, NULL, FALSE, targets,
                                  G_N_ELEMENTS (targets), NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      sweep[i] = now_ms () - t0;
      if (i == 0)
        for (guint k = 0; k < points->len; k++)
          {
            const FpOptimisePoint *p = &g_array_index (points, FpOptimisePoint, k);

            printf ("  sweep %.2f: NPV %.0f, %s, %u left, mean share %.4f / deprived %.4f\n",
                    p->target, p->npv, p->feasible ? fp_optimise_status_to_string (p->status)
                                                   : "infeasible",
                    p->n_left, p->share, p->share_deprived);
          }
    }
  bench_report ("2. the price of access: 11 points, every service", sweep, 3, "ms");
}

/* ---- A synthetic England ----------------------------------------------------------------- */

typedef struct
{
  FpEstate *estate;
  GRand    *rand;
  double   *town_lat;
  double   *town_lon;
  double   *town_weight;
  guint     n_towns;
} Maker;

static guint
service (Maker      *m,
         const char *id)
{
  guint v;

  g_assert_true (fp_estate_find_service (m->estate, id, &v));
  return v;
}

/* A point near the people: a town by its weight, then a normal spread around it. */
static void
place (Maker  *m,
       double  spread_km,
       double *lat,
       double *lon)
{
  double total = 0, pick;
  guint t = 0;

  for (guint i = 0; i < m->n_towns; i++)
    total += m->town_weight[i];
  pick = g_rand_double_range (m->rand, 0, total);
  for (t = 0; t + 1 < m->n_towns && pick > m->town_weight[t]; t++)
    pick -= m->town_weight[t];

  /* Larger towns spread wider (a city of a fifth of the people over some 30 km). */
  spread_km *= 0.5 + 2.5 * sqrt (m->town_weight[t] / m->town_weight[0]);
  {
    double r = spread_km * sqrt (-2 * log (g_rand_double_range (m->rand, 1e-9, 1)));
    double a = g_rand_double_range (m->rand, 0, 2 * G_PI);

    *lat = m->town_lat[t] + r * sin (a) / 111.2;
    *lon = m->town_lon[t] + r * cos (a) / (111.2 * cos (m->town_lat[t] * G_PI / 180));
  }
}

typedef struct
{
  const char *service;
  double      low;
  double      high;
} Volume;

static void
add_site (Maker        *m,
          guint         index,
          FpSiteType    type,
          FpTenure      tenure,
          double        spread_km,
          double        hours,
          double        cost_per_m2,
          const Volume *volumes,
          guint         n_volumes,
          double        void_share)
{
  const FpEstate *e = m->estate;
  FpSite site = { 0 };
  double hw = hours * 50, rooms[FP_N_ROOM_HOUR_TYPES] = { 0 }, beds = 0, desks = 0;
  double use = g_rand_double_range (m->rand, 0.45, 0.8);

  site.id = g_strdup_printf ("E%05u", index);
  site.name = g_strdup_printf ("Synthetic %s %u", fp_site_type_to_label (type), index);
  site.type = type;
  site.tenure = tenure;
  site.sector = FP_SECTOR_NHS;
  site.status = FP_SITE_STATUS_CURRENT;
  site.placed = TRUE;
  site.condition = 'B';
  place (m, spread_km, &site.lat, &site.lon);
  for (guint i = 0; i < FP_SITE_N_NUMBERS; i++)
    site.numbers[i] = NAN;

  for (guint i = 0; i < n_volumes; i++)
    {
      guint v = service (m, volumes[i].service);
      const FpService *s = &g_array_index (e->services, FpService, v);
      FpActivity a = { 0 };

      a.site = e->sites->len;
      a.service = v;
      a.volume = round (g_rand_double_range (m->rand, volumes[i].low, volumes[i].high));
      g_array_append_val (m->estate->activity, a);

      if (s->room_type < FP_N_ROOM_HOUR_TYPES)
        rooms[s->room_type] += a.volume * s->minutes_per_unit / 60 / hw / use;
      else if (s->room_type == FP_ROOM_BED)
        beds += a.volume / 365 / use;
      else
        desks += a.volume / 250 / use;
    }

  for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
    site.numbers[FP_SITE_ROOMS_CONSULT + k] = ceil (rooms[k]);
  site.numbers[FP_SITE_BEDS] = ceil (beds);
  site.numbers[FP_SITE_DESKS] = ceil (desks);
  site.numbers[FP_SITE_HOURS_OPEN] = hours;
  site.numbers[FP_SITE_VOID_ROOMS] = void_share > 0
    ? round ((rooms[0] + rooms[1] + rooms[2] + rooms[3]) * void_share) : 0;
  site.numbers[FP_SITE_OTHER_VOID_M2] = 0;
  site.numbers[FP_SITE_GIA_M2] = 25 * (site.numbers[FP_SITE_ROOMS_CONSULT] +
                                       site.numbers[FP_SITE_ROOMS_TREATMENT] +
                                       site.numbers[FP_SITE_ROOMS_GROUP] +
                                       site.numbers[FP_SITE_ROOMS_IMAGING] +
                                       site.numbers[FP_SITE_VOID_ROOMS]) +
                                 40 * beds + 8 * desks + 100;
  site.numbers[FP_SITE_COST_RENT] = round (site.numbers[FP_SITE_GIA_M2] * cost_per_m2);
  if (tenure == FP_TENURE_LIFT)
    site.numbers[FP_SITE_LEASE_END_YEAR] = g_rand_int_range (m->rand, 2027, 2046);
  if (tenure == FP_TENURE_PFI)
    site.numbers[FP_SITE_LEASE_END_YEAR] = g_rand_int_range (m->rand, 2030, 2050);

  g_array_append_val (m->estate->sites, site);
}

static FpEstate *
make_england (void)
{
  g_autoptr(GError) error = NULL;
  Maker m = { 0 };
  guint index = 0;
  static const Volume gp[] = { { "gp_appointments", 20000, 45000 },
                               { "practice_nurse", 8000, 20000 } };
  static const Volume branch[] = { { "gp_appointments", 5000, 12000 } };
  static const Volume centre[] = { { "community_clinics", 3000, 9000 },
                                   { "physio_msk", 2000, 5000 },
                                   { "phlebotomy", 5000, 15000 },
                                   { "community_nursing_base", 2000, 5000 } };
  static const Volume community[] = { { "community_bed_days", 6000, 15000 },
                                      { "community_clinics", 2000, 6000 } };
  static const Volume acute[] = { { "ae_attendances", 60000, 140000 },
                                  { "outpatient_first", 60000, 160000 },
                                  { "outpatient_followup", 100000, 300000 },
                                  { "inpatient_bed_days", 100000, 250000 } };
  static const Volume urgent[] = { { "urgent_care", 15000, 45000 } };
  static const Volume mental[] = { { "mental_health_clinics", 3000, 9000 },
                                   { "mental_health_bed_days", 5000, 20000 } };

  m.estate = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  m.rand = g_rand_new_with_seed (20261201);
  g_array_set_size (m.estate->interests, 0);
  g_array_set_size (m.estate->source_rows, 0);
  g_array_set_size (m.estate->activity, 0);
  g_array_set_size (m.estate->sites, 0);
  g_array_set_size (m.estate->zones, 0);

  /* Towns across England's extent, weighted by a falling size. */
  m.n_towns = 60;
  m.town_lat = g_new (double, m.n_towns);
  m.town_lon = g_new (double, m.n_towns);
  m.town_weight = g_new (double, m.n_towns);
  for (guint t = 0; t < m.n_towns; t++)
    {
      m.town_lat[t] = g_rand_double_range (m.rand, 50.6, 54.9);
      m.town_lon[t] = g_rand_double_range (m.rand, -3.6, 1.3);
      m.town_weight[t] = 1.0 / (1 + t);
    }

  for (guint z = 0; z < 33000; z++)
    {
      FpZone zone = { 0 };

      zone.code = g_strdup_printf ("Z%05u", z);
      zone.name = g_strdup (zone.code);
      zone.la_code = g_strdup ("E0");
      place (&m, 8, &zone.lat, &zone.lon);
      zone.population[2] = g_rand_int_range (m.rand, 1200, 2200);
      zone.population[FP_N_AGE_BANDS - 1] = g_rand_int_range (m.rand, 100, 500);
      zone.imd_decile = g_rand_int_range (m.rand, 1, 11);
      g_array_append_val (m.estate->zones, zone);
    }

  for (guint i = 0; i < 6500; i++)
    add_site (&m, index++, FP_SITE_TYPE_GP_PRACTICE, FP_TENURE_LEASEHOLD, 8, 52.5, 70, gp, 2, 0);
  for (guint i = 0; i < 1500; i++)
    add_site (&m, index++, FP_SITE_TYPE_GP_BRANCH, FP_TENURE_LEASEHOLD, 8, 40, 70, branch, 1, 0);
  for (guint i = 0; i < 1400; i++)
    add_site (&m, index++, FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_NHSPS, 8, 50, 220, centre, 4, 0);
  for (guint i = 0; i < 300; i++)
    add_site (&m, index++, FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_LIFT, 8, 50, 320, centre, 4, 0.4);
  for (guint i = 0; i < 300; i++)
    add_site (&m, index++, FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_FREEHOLD, 8, 50, 150, centre, 4,
              0);
  for (guint i = 0; i < 400; i++)
    add_site (&m, index++, FP_SITE_TYPE_COMMUNITY_HOSPITAL, FP_TENURE_FREEHOLD, 10, 60, 180,
              community, 2, 0);
  for (guint i = 0; i < 150; i++)
    add_site (&m, index++, FP_SITE_TYPE_ACUTE_HOSPITAL, i % 5 == 0 ? FP_TENURE_PFI
                                                                     : FP_TENURE_FREEHOLD,
              10, 84, 300, acute, 4, 0);
  for (guint i = 0; i < 250; i++)
    add_site (&m, index++, FP_SITE_TYPE_URGENT_CARE_CENTRE, FP_TENURE_NHSPS, 10, 84, 220, urgent,
              1, 0);
  for (guint i = 0; i < 200; i++)
    add_site (&m, index++, FP_SITE_TYPE_MENTAL_HEALTH_UNIT, FP_TENURE_FREEHOLD, 10, 60, 200,
              mental, 2, 0);

  fp_estate_reindex (m.estate);
  g_free (m.town_lat);
  g_free (m.town_lon);
  g_free (m.town_weight);
  g_rand_free (m.rand);
  return m.estate;
}

static void
on_progress (const FpOptimiseProgress *progress,
             gpointer                  user_data)
{
  static const char * const phases[] = { "preparing", "solving", "routing", "explaining" };
  static int last_phase = -1;
  double *last = user_data;

  if (progress->elapsed - *last < 10 && (int) progress->phase == last_phase)
    return;
  *last = progress->elapsed;
  last_phase = progress->phase;
  fprintf (stderr, "  England: %s %.1f s, %u nodes, NPV %.0f, bound %.0f, gap %.4f\n",
           phases[progress->phase], progress->elapsed, progress->nodes, progress->npv,
           progress->bound, progress->gap);
}

/* The window's Stop, pressed from another thread after STOP_AFTER_S seconds of the search. */
#define STOP_AFTER_S 15

typedef struct
{
  GCancellable *cancellable;
  double        at_ms;
} Stop;

static gpointer
stop_later (gpointer data)
{
  Stop *stop = data;

  g_usleep (STOP_AFTER_S * G_USEC_PER_SEC);
  stop->at_ms = now_ms ();
  g_cancellable_cancel (stop->cancellable);
  return NULL;
}

static void
bench_england (double      time_limit,
               const char *mps)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = make_england ();
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) dn = NULL;
  g_autoptr(FpOptimiseResult) result = NULL;
  g_auto(FpOptimiseSettings) settings = { 0 };
  double t0, t1, t2, last = -100;

  t0 = now_ms ();
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  t1 = now_ms ();
  printf ("England: %u sites, %u zones, %d people; Do nothing computed in %.0f ms\n",
          estate->sites->len, estate->zones->len, fp_estate_get_population (estate), t1 - t0);

  fp_optimise_settings_init (&settings);
  settings.time_limit = time_limit;

  /* For measuring another solver on the same program. */
  if (mps != NULL)
    {
      g_autoptr(OptProblem) p = opt_problem_new (model, dn, &settings, &error);

      g_assert_no_error (error);
      g_assert_true (opt_problem_write_mps (p, mps, &error));
      printf ("England: the program written to %s\n", mps);
    }

  result = fp_optimise_solve (model, dn, &settings, on_progress, &last, NULL, &error);
  t2 = now_ms ();
  if (result == NULL)
    {
      printf ("England: no suggestion in %.0f s: %s\n", (t2 - t1) / 1000, error->message);
      return;
    }
  printf ("England: %s, NPV %.0f, bound %.0f, gap %.4f, %u sites left; %u candidates, "
          "%u columns (%u integer), %u rows, %u nodes; solve %.1f s, in all %.1f s\n",
          fp_optimise_status_to_string (result->status), result->npv, result->bound,
          result->gap, result->n_left, result->n_candidates, result->n_columns,
          result->n_integer, result->n_rows, result->nodes, result->solve_seconds,
          (t2 - t1) / 1000);

  /* 3b. Stop pressed while the search runs (in the root LP on this program, which GLPK's
   * simplex does not finish in the time): how long the search takes to give up. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(FpOptimiseResult) stopped = NULL;
    g_autoptr(GError) stop_error = NULL;
    Stop stop = { cancellable, 0 };
    GThread *thread;
    double t3, t4;

    settings.time_limit = MAX (time_limit, 4 * STOP_AFTER_S);
    t3 = now_ms ();
    thread = g_thread_new ("stop", stop_later, &stop);
    stopped = fp_optimise_solve (model, dn, &settings, NULL, NULL, cancellable, &stop_error);
    t4 = now_ms ();
    g_thread_join (thread);
    printf ("England: Stop pressed %.1f s into a search of time limit %.0f s: %s %.0f ms "
            "later\n", (stop.at_ms - t3) / 1000, settings.time_limit,
            stopped == NULL && g_error_matches (stop_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
            ? "stopped" : "NOT stopped; it returned", t4 - stop.at_ms);
  }
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? atoi (argv[1]) : 11;
  double england = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 120;

  if (runs < 1)
    runs = 11;

  bench_bsol (runs);
  if (england > 0)
    bench_england (england, argc > 3 ? argv[3] : NULL);
  return 0;
}
