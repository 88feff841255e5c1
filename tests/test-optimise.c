/* test-optimise.c: the optimiser on estates solved by hand, against brute force, and on the
 * built-in estate, with the engine as the judge.
 *
 * The hand-built estates have one service, GP appointments (15 minutes in a consulting
 * room, no growth), base year 2025 and a 5-year horizon (2025 to 2030, t = 0..5); a room
 * open 50 hours a week for 50 weeks gives 2,500 room-hours, and the target is 85%, so a
 * room takes 2,125 room-hours (8,500 appointments) at most. Exits start in 2026. NHS
 * Property Services' notice is a year, so a health centre left in 2026 costs nothing from
 * 2027: it saves its running cost × S(2..5), where S(a..b) = Σ_{t=a..b} 1.035^−t
 * (S(2..5) = 0.933511 + 0.901943 + 0.871442 + 0.841973 = 3.548869). Sites sit on the
 * parallel 52° N; x km east is x ÷ 68.4547 degrees of longitude. GP access is within
 * 2 miles (3.219 km) of road distance, 1.3 × the straight line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "fp-test-util.h"

#define KM_PER_DEGREE_LON 68.4547   /* at 52° N: 111.1951 × cos 52° */

/* ---- Building estates ------------------------------------------------------------------- */

static double
lon_at (double km)
{
  return -1.9 + km / KM_PER_DEGREE_LON;
}

static double
S (int from,
   int to)
{
  double sum = 0;

  for (int t = from; t <= to; t++)
    sum += pow (1.035, -t);
  return sum;
}

static void
add_assumption (FpEstate   *estate,
                const char *key,
                double      value)
{
  FpAssumption a = { g_strdup (key), value, NULL, NULL, { 0 } };

  g_array_append_val (estate->assumptions, a);
}

static FpEstate *
estate_new (int horizon)
{
  FpEstate *estate = fp_estate_new ();
  FpService gp = { 0 };

  estate->name = g_strdup ("Optimiser test estate");
  estate->base_year = 2025;
  add_assumption (estate, "weeks_per_year", 50);
  add_assumption (estate, "desk_days_per_year", 250);
  add_assumption (estate, "m2_per_room", 25);
  add_assumption (estate, "target_room_utilisation", 0.85);
  add_assumption (estate, "target_bed_occupancy", 0.92);
  add_assumption (estate, "horizon_years", horizon);
  add_assumption (estate, "dual_running_years", 0);
  add_assumption (estate, "nhsps_notice_years", 1);
  add_assumption (estate, "local_authority_notice_years", 1);
  add_assumption (estate, "circuity", 1.3);
  add_assumption (estate, "car_kmh", 24);
  add_assumption (estate, "walk_kmh", 4.8);
  add_assumption (estate, "discount_rate", 0.035);
  add_assumption (estate, "optimism_bias", 0.24);

  gp.id = g_strdup ("gp");
  gp.name = g_strdup ("GP appointments");
  gp.setting = FP_SETTING_PRIMARY_CARE;
  gp.room_type = FP_ROOM_CONSULT;
  gp.unit = g_strdup ("appointments");
  gp.minutes_per_unit = 15;
  gp.growth_rate = 0;
  g_array_append_val (estate->services, gp);

  fp_estate_reindex (estate);
  return estate;
}

/* A placed NHS site with consulting rooms open 50 hours a week. */
static void
add_site (FpEstate   *estate,
          const char *id,
          const char *name,
          FpSiteType  type,
          FpTenure    tenure,
          double      km_east,
          double      rooms,
          double      void_rooms,
          double      running_cost,
          int         lease_end,
          double      gp_volume)
{
  FpSite site = { 0 };
  FpActivity activity = { 0 };

  site.id = g_strdup (id);
  site.name = g_strdup (name);
  site.type = type;
  site.tenure = tenure;
  site.sector = FP_SECTOR_NHS;
  site.status = FP_SITE_STATUS_CURRENT;
  site.placed = TRUE;
  site.lat = 52.0;
  site.lon = lon_at (km_east);
  site.condition = 'B';
  for (guint i = 0; i < FP_SITE_N_NUMBERS; i++)
    site.numbers[i] = NAN;
  site.numbers[FP_SITE_GIA_M2] = 100 + 25 * (rooms + void_rooms);
  site.numbers[FP_SITE_ROOMS_CONSULT] = rooms;
  site.numbers[FP_SITE_ROOMS_TREATMENT] = 0;
  site.numbers[FP_SITE_ROOMS_GROUP] = 0;
  site.numbers[FP_SITE_ROOMS_IMAGING] = 0;
  site.numbers[FP_SITE_BEDS] = 0;
  site.numbers[FP_SITE_DESKS] = 0;
  site.numbers[FP_SITE_VOID_ROOMS] = void_rooms;
  site.numbers[FP_SITE_OTHER_VOID_M2] = 0;
  site.numbers[FP_SITE_HOURS_OPEN] = 50;
  site.numbers[FP_SITE_COST_RENT] = running_cost;
  if (lease_end != 0)
    site.numbers[FP_SITE_LEASE_END_YEAR] = lease_end;
  g_array_append_val (estate->sites, site);

  if (gp_volume > 0)
    {
      activity.site = estate->sites->len - 1;
      activity.service = 0;
      activity.volume = gp_volume;
      g_array_append_val (estate->activity, activity);
    }
  fp_estate_reindex (estate);
}

static void
add_zone (FpEstate   *estate,
          const char *code,
          double      km_east,
          int         people,
          int         decile)
{
  FpZone zone = { g_strdup (code), g_strdup (code), g_strdup ("E1"), NULL, NULL, 52.0,
                  lon_at (km_east), { 0 }, decile, 1 };

  zone.population[2] = people;
  g_array_append_val (estate->zones, zone);
}

typedef struct
{
  FpEstate  *estate;
  FpModel   *model;
  FpResults *dn;
} Fixture;

static void
fixture_open (Fixture  *f,
              FpEstate *estate)
{
  g_autoptr(GError) error = NULL;

  f->estate = estate;
  f->model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  f->dn = fp_compute_scenario (f->model, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_close (Fixture *f)
{
  g_clear_pointer (&f->dn, fp_results_free);
  g_clear_pointer (&f->model, fp_model_free);
  g_clear_pointer (&f->estate, fp_estate_free);
}

static const FpOptimiseSite *
find_site (const FpOptimiseResult *result,
           const char             *id)
{
  for (guint i = 0; i < result->sites->len; i++)
    {
      const FpOptimiseSite *s = g_ptr_array_index (result->sites, i);

      if (g_str_equal (s->id, id))
        return s;
    }
  g_error ("site %s is not in the result", id);
  return NULL;
}

/* Solves, and has the engine check the answer: it must confirm it. */
static FpOptimiseResult *
solve_checked (Fixture                  *f,
               const FpOptimiseSettings *settings)
{
  g_autoptr(GError) error = NULL;
  g_auto(FpOptimiseCheck) check = { 0 };
  FpOptimiseResult *result = fp_optimise_solve (f->model, f->dn, settings, NULL, NULL, NULL,
                                                &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_true (fp_optimise_check (f->model, f->dn, settings, result, &check, &error));
  g_assert_no_error (error);
  if (!check.ok)
    g_error ("the engine does not confirm the suggestion: difference %g, unplaced %g, "
             "over target %u, access failures %u", check.difference, check.unplaced,
             check.over_target, check.access_failures->len);
  g_assert_cmpfloat_with_epsilon (check.npv_compared, result->npv, 1e-6 * MAX (1, result->npv));
  return result;
}

/* ---- Filling the LIFT voids ------------------------------------------------------------- */

/* One zone of 3,000 people; every site within 2 miles of it.
 *   L   LIFT centre, lease to 2040 (past the horizon), £500,000 a year, 2 consulting rooms
 *       and 4 void rooms, 12,000 appointments (3,000 room-hours of its 5,000: 60%).
 *   N1  NHS Property Services centre, £100,000 a year, 1 room, 8,000 appointments (2,000
 *       room-hours of 2,500: 80%, 125 below its target).
 *   N2  the same, £120,000 a year.
 * Leaving N1 and N2 sends 4,000 room-hours to L: 7,000 ≤ 0.85 × 2,500 × (2 + w) needs
 * w ≥ 1.29, so 2 void rooms come into use; neither N can take the other's 2,000. L itself
 * saves nothing by leaving (its lease runs past the horizon). So both N leave in 2026:
 * NPV = (100,000 + 120,000) × S(2..5). */
static FpEstate *
voids_estate (double lift_voids)
{
  FpEstate *estate = estate_new (5);

  add_site (estate, "L", "Lift Centre", FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_LIFT, 0.5, 2,
            lift_voids, 500000, 2040, 12000);
  add_site (estate, "N1", "North Clinic", FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_NHSPS, 1.0, 1, 0,
            100000, 0, 8000);
  add_site (estate, "N2", "South Clinic", FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_NHSPS, -1.0, 1,
            0, 120000, 0, 8000);
  add_zone (estate, "Z1", 0, 3000, 5);
  return estate;
}

static void
test_lift_voids_win (void)
{
  Fixture f = { 0 };
  g_auto(FpOptimiseSettings) settings = { 0 };
  g_autoptr(FpOptimiseResult) result = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(GError) error = NULL;
  guint l;

  fixture_open (&f, voids_estate (4));
  fp_optimise_settings_init (&settings);
  result = solve_checked (&f, &settings);

  g_assert_cmpint (result->status, ==, FP_OPTIMISE_OPTIMAL);
  g_assert_cmpfloat_with_epsilon (result->gap, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (result->npv, 220000 * S (2, 5), 1e-6);
  g_assert_cmpfloat_with_epsilon (result->cost, result->do_nothing_cost - result->npv, 1e-6);
  g_assert_cmpuint (result->n_left, ==, 2);
  g_assert_true (find_site (result, "N1")->left);
  g_assert_true (find_site (result, "N2")->left);
  g_assert_cmpint (find_site (result, "N1")->exit_year, ==, 2026);
  g_assert_cmpint (find_site (result, "N1")->liability_end_year, ==, 2027);
  g_assert_false (find_site (result, "L")->left);
  g_assert_cmpint (find_site (result, "L")->reason, ==, FP_OPTIMISE_REASON_NO_SAVING);
  g_assert_nonnull (strstr (find_site (result, "L")->explanation, "2040"));

  /* The changes: each service moved to a named site, then the exit; by the optimiser, with
   * a note. */
  g_assert_cmpuint (result->changes->len, ==, 4);
  for (guint i = 0; i < result->changes->len; i++)
    {
      const FpChange *c = g_ptr_array_index (result->changes, i);

      g_assert_cmpstr (c->owner, ==, FP_OPTIMISE_OWNER);
      g_assert_nonnull (c->note);
      g_assert_cmpint (c->kind, ==, i % 2 == 0 ? FP_CHANGE_MOVE_SERVICE : FP_CHANGE_EXIT_SITE);
      if (c->kind == FP_CHANGE_MOVE_SERVICE)
        {
          g_assert_cmpstr (c->to_site, ==, "L");
          g_assert_cmpfloat (c->share, ==, 1.0);
        }
    }

  /* The engine brings exactly two of L's void rooms into use, so its void halves. */
  res = fp_compute_scenario (f.model, result->changes, f.dn, &error);
  g_assert_no_error (error);
  g_assert_true (fp_results_find_site (res, "L", &l));
  g_assert_cmpfloat_with_epsilon (fp_results_get (res, l, 5)->void_rooms_used, 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (fp_results_get (f.dn, l, 5)->void_rooms_used, 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (fp_results_get (res, l, 5)->void_m2,
                                  fp_results_get (f.dn, l, 5)->void_m2 / 2, 1e-9);
  g_assert_false (fp_results_get (res, l, 5)->over_target);

  fixture_close (&f);
}

/* Without its void rooms L cannot take either clinic (125 room-hours spare below its
 * target), and neither can the other clinic: nothing is left, and each clinic says why. */
static void
test_no_voids_nothing_moves (void)
{
  Fixture f = { 0 };
  g_auto(FpOptimiseSettings) settings = { 0 };
  g_autoptr(FpOptimiseResult) result = NULL;

  fixture_open (&f, voids_estate (0));
  fp_optimise_settings_init (&settings);
  result = solve_checked (&f, &settings);

  g_assert_cmpfloat_with_epsilon (result->npv, 0, 1e-9);
  g_assert_cmpuint (result->n_left, ==, 0);
  g_assert_cmpuint (result->changes->len, ==, 0);
  g_assert_cmpint (find_site (result, "N1")->reason, ==, FP_OPTIMISE_REASON_NO_ROOM);
  g_assert_cmpint (find_site (result, "N2")->reason, ==, FP_OPTIMISE_REASON_NO_ROOM);
  g_assert_cmpfloat_with_epsilon (find_site (result, "N1")->saving, 100000 * S (2, 5), 1e-6);

  fixture_close (&f);
}

/* ---- Locks ------------------------------------------------------------------------------ */

static void
test_locks_bind (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;

  fixture_open (&f, voids_estate (4));

  /* Keeping N2 costs its saving: only N1 leaves. */
  {
    g_auto(FpOptimiseSettings) settings = { 0 };
    g_autoptr(FpOptimiseResult) result = NULL;

    fp_optimise_settings_init (&settings);
    settings.lock_keep = g_strsplit ("N2", ",", -1);
    result = solve_checked (&f, &settings);
    g_assert_cmpfloat_with_epsilon (result->npv, 100000 * S (2, 5), 1e-6);
    g_assert_true (find_site (result, "N1")->left);
    g_assert_false (find_site (result, "N2")->left);
    g_assert_cmpint (find_site (result, "N2")->reason, ==, FP_OPTIMISE_REASON_LOCKED_KEEP);
  }

  /* Leaving L cannot be done: nothing within reach has room for its 3,000 room-hours. The
   * message names the site and the service, and there is no result. */
  {
    g_auto(FpOptimiseSettings) settings = { 0 };
    g_autoptr(FpOptimiseResult) result = NULL;

    fp_optimise_settings_init (&settings);
    settings.lock_exit = g_strsplit ("L", ",", -1);
    result = fp_optimise_solve (f.model, f.dn, &settings, NULL, NULL, NULL, &error);
    g_assert_null (result);
    g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "Lift Centre"));
    g_assert_nonnull (strstr (error->message, "GP appointments"));
    g_clear_error (&error);
  }

  /* A site locked both ways, or one that does not exist, is refused by name. */
  {
    g_auto(FpOptimiseSettings) settings = { 0 };

    fp_optimise_settings_init (&settings);
    settings.lock_exit = g_strsplit ("N1", ",", -1);
    settings.lock_keep = g_strsplit ("N1", ",", -1);
    g_assert_null (fp_optimise_solve (f.model, f.dn, &settings, NULL, NULL, NULL, &error));
    g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "N1"));
    g_clear_error (&error);

    g_strfreev (settings.lock_keep);
    settings.lock_keep = g_strsplit ("NOPE", ",", -1);
    g_assert_null (fp_optimise_solve (f.model, f.dn, &settings, NULL, NULL, NULL, &error));
    g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
    g_assert_nonnull (strstr (error->message, "NOPE"));
    g_clear_error (&error);
  }

  fixture_close (&f);
}

/* One exit a year: both clinics still leave, the dearer first. N2 (£120,000) in 2026, N1
 * in 2027 (its cost stops in 2028): NPV = 120,000 × S(2..5) + 100,000 × S(3..5). */
static void
test_limit_a_year (void)
{
  Fixture f = { 0 };
  g_auto(FpOptimiseSettings) settings = { 0 };
  g_autoptr(FpOptimiseResult) result = NULL;

  fixture_open (&f, voids_estate (4));
  fp_optimise_settings_init (&settings);
  settings.max_exits_per_year = 1;
  result = solve_checked (&f, &settings);

  g_assert_cmpfloat_with_epsilon (result->npv, 120000 * S (2, 5) + 100000 * S (3, 5), 1e-6);
  g_assert_cmpint (find_site (result, "N2")->exit_year, ==, 2026);
  g_assert_cmpint (find_site (result, "N1")->exit_year, ==, 2027);

  fixture_close (&f);
}

/* ---- Leases and tenure ------------------------------------------------------------------ */

/* H: a large hub held on a lease with no known end (leaving it would save nothing that
 * can be shown), 10 rooms, 1,000 appointments.
 *   L28  LIFT, lease to 2028, £300,000 a year, 1,000 appointments: leaving before 2028
 *        saves no more than leaving in 2028, so it leaves in 2028: 300,000 × S(3..5).
 *   L40  LIFT, lease to 2040: never left.
 *   F    freehold, £50,000 a year, no activity, backlog £200,000: leaves in 2026, its cost
 *        stopping at once (no dual running): 50,000 × S(1..5); with backlog counted, also
 *        200,000 × 1.035^−1.
 * The zone is within reach of H. */
static FpEstate *
tenure_estate (void)
{
  FpEstate *estate = estate_new (5);

  add_site (estate, "H", "Hub", FP_SITE_TYPE_HUB, FP_TENURE_LEASEHOLD, 0, 10, 0, 400000, 0, 1000);
  add_site (estate, "L28", "Lift 2028", FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_LIFT, 0.3, 1, 0,
            300000, 2028, 1000);
  add_site (estate, "L40", "Lift 2040", FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_LIFT, -0.3, 1, 0,
            300000, 2040, 1000);
  add_site (estate, "F", "Old Clinic", FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_FREEHOLD, 0.6, 1, 0,
            50000, 0, 0);
  g_array_index (estate->sites, FpSite, 3).numbers[FP_SITE_BACKLOG_HIGH] = 200000;
  add_zone (estate, "Z1", 0, 1000, 5);
  return estate;
}

static void
test_tenure (void)
{
  Fixture f = { 0 };
  double expected = 300000 * S (3, 5) + 50000 * S (1, 5);

  fixture_open (&f, tenure_estate ());

  {
    g_auto(FpOptimiseSettings) settings = { 0 };
    g_autoptr(FpOptimiseResult) result = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(FpOptimiseCheck) check = { 0 };

    fp_optimise_settings_init (&settings);
    result = solve_checked (&f, &settings);
    g_assert_cmpfloat_with_epsilon (result->npv, expected, 1e-6);
    g_assert_cmpint (find_site (result, "L28")->exit_year, ==, 2028);
    g_assert_false (find_site (result, "L40")->left);
    g_assert_false (find_site (result, "H")->left);
    g_assert_cmpint (find_site (result, "L40")->reason, ==, FP_OPTIMISE_REASON_NO_SAVING);
    g_assert_cmpint (find_site (result, "H")->reason, ==, FP_OPTIMISE_REASON_NO_SAVING);
    g_assert_cmpint (find_site (result, "F")->exit_year, ==, 2026);

    /* The appraisal counts F's backlog as avoided; the optimiser, by default, does not:
     * the engine's NPV is the solver's plus that backlog's present value. */
    g_assert_true (fp_optimise_check (f.model, f.dn, &settings, result, &check, &error));
    g_assert_cmpfloat_with_epsilon (check.backlog_avoided, 200000 / 1.035, 1e-6);
    g_assert_cmpfloat_with_epsilon (check.npv, expected + 200000 / 1.035, 1e-6);
  }

  /* Counting backlog, the solver's NPV is the appraisal's. */
  {
    g_auto(FpOptimiseSettings) settings = { 0 };
    g_autoptr(FpOptimiseResult) result = NULL;

    fp_optimise_settings_init (&settings);
    settings.count_backlog = TRUE;
    result = solve_checked (&f, &settings);
    g_assert_cmpfloat_with_epsilon (result->npv, expected + 200000 / 1.035, 1e-6);
  }

  /* A transition cost of £60,000 a site: F's exit still pays; L28's too. */
  {
    g_auto(FpOptimiseSettings) settings = { 0 };
    g_autoptr(FpOptimiseResult) result = NULL;

    fp_optimise_settings_init (&settings);
    settings.transition_cost = 60000;
    result = solve_checked (&f, &settings);
    g_assert_cmpfloat_with_epsilon (result->npv,
                                    expected - 60000 / 1.035 - 60000 * pow (1.035, -3), 1e-6);
  }

  fixture_close (&f);
}

/* ---- Equity ----------------------------------------------------------------------------- */

/* H: a hub held on a lease with no known end, in the middle, with room, offering GP.
 *   G1  NHS Property Services, 8 km east, £150,000 a year, 4,000 appointments.
 *   G2  the same 8 km west, £100,000 a year.
 * Zones: D (1,000 people, IMD decile 1) beside G1; A (1,000, decile 8) beside G2; C
 * (2,000, decile 6) beside H. Everyone is within 2 miles of a GP in Do nothing.
 * With the overall target at 75% either G may go (1,000 of 4,000 people out of reach), not
 * both. G1 saves more, but D is in the most deprived fifth: the deprived target (Do
 * nothing's 100%) keeps G1, so G2 goes: NPV = 100,000 × S(2..5). With the deprived target
 * at 0, G1 goes: NPV = 150,000 × S(2..5). */
static FpEstate *
equity_estate (void)
{
  FpEstate *estate = estate_new (5);

  add_site (estate, "H", "Hub", FP_SITE_TYPE_HUB, FP_TENURE_LEASEHOLD, 0, 10, 0, 400000, 0, 1000);
  add_site (estate, "G1", "East Clinic", FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_NHSPS, 8, 1, 0,
            150000, 0, 4000);
  add_site (estate, "G2", "West Clinic", FP_SITE_TYPE_HEALTH_CENTRE, FP_TENURE_NHSPS, -8, 1, 0,
            100000, 0, 4000);
  add_zone (estate, "D", 8.5, 1000, 1);
  add_zone (estate, "A", -8.5, 1000, 8);
  add_zone (estate, "C", 0.3, 2000, 6);
  return estate;
}

static void
test_equity_binds (void)
{
  Fixture f = { 0 };

  fixture_open (&f, equity_estate ());

  {
    g_auto(FpOptimiseSettings) settings = { 0 };
    g_autoptr(FpOptimiseResult) result = NULL;
    g_autoptr(FpResults) res = NULL;
    g_autoptr(FpAccess) access = NULL;
    const FpAccessSet *gp;
    const FpOptimiseSite *g1;

    fp_optimise_settings_init (&settings);
    fp_optimise_settings_set_target (&settings, "gp", 0.75, NAN);
    result = solve_checked (&f, &settings);
    g_assert_cmpfloat_with_epsilon (result->npv, 100000 * S (2, 5), 1e-6);
    g_assert_true (find_site (result, "G2")->left);
    g1 = find_site (result, "G1");
    g_assert_false (g1->left);
    g_assert_cmpint (g1->reason, ==, FP_OPTIMISE_REASON_DEPRIVED);
    g_assert_nonnull (strstr (g1->explanation, "1,000 people (1,000 of them in the most "
                                               "deprived fifth)"));

    /* fp_access_compute agrees: 3,000 of 4,000 within reach, all of the deprived. */
    res = fp_compute_scenario (f.model, result->changes, f.dn, NULL);
    access = fp_access_compute (f.model, res, 5);
    gp = fp_access_find (access, FP_FACILITY_SERVICE, "gp");
    g_assert_cmpfloat_with_epsilon (gp->share_within, 0.75, 1e-12);
    g_assert_cmpfloat_with_epsilon (gp->share_within_deprived, 1.0, 1e-12);
  }

  {
    g_auto(FpOptimiseSettings) settings = { 0 };
    g_autoptr(FpOptimiseResult) result = NULL;

    fp_optimise_settings_init (&settings);
    fp_optimise_settings_set_target (&settings, "gp", 0.75, 0.0);
    result = solve_checked (&f, &settings);
    g_assert_cmpfloat_with_epsilon (result->npv, 150000 * S (2, 5), 1e-6);
    g_assert_true (find_site (result, "G1")->left);
    g_assert_false (find_site (result, "G2")->left);
    g_assert_cmpint (find_site (result, "G2")->reason, ==, FP_OPTIMISE_REASON_ACCESS);
  }

  /* The default target, Do nothing's 100%, keeps both. */
  {
    g_auto(FpOptimiseSettings) settings = { 0 };
    g_autoptr(FpOptimiseResult) result = NULL;

    fp_optimise_settings_init (&settings);
    result = solve_checked (&f, &settings);
    g_assert_cmpfloat_with_epsilon (result->npv, 0, 1e-9);
  }

  fixture_close (&f);
}

/* A target above Do nothing's share cannot be met by leaving sites: a clear message that
 * names the service and both shares. */
static void
test_infeasible_target (void)
{
  Fixture f = { 0 };
  g_auto(FpOptimiseSettings) settings = { 0 };
  g_autoptr(GError) error = NULL;
  FpEstate *estate = equity_estate ();

  /* A fourth zone far from every site: Do nothing reaches 4,000 of 4,500 (88.9%). */
  add_zone (estate, "FAR", 40, 500, 3);
  fixture_open (&f, estate);
  fp_optimise_settings_init (&settings);
  fp_optimise_settings_set_target (&settings, "gp", 0.95, NAN);
  g_assert_null (fp_optimise_solve (f.model, f.dn, &settings, NULL, NULL, NULL, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "GP appointments"));
  g_assert_nonnull (strstr (error->message, "95%"));
  g_assert_nonnull (strstr (error->message, "89%"));
  g_clear_error (&error);

  /* A target for a service that is not chosen, and a service that does not exist. */
  settings.services = g_strsplit ("dentistry", ",", -1);
  g_assert_null (fp_optimise_solve (f.model, f.dn, &settings, NULL, NULL, NULL, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“gp”"));
  g_clear_error (&error);

  g_ptr_array_set_size (settings.targets, 0);
  g_assert_null (fp_optimise_solve (f.model, f.dn, &settings, NULL, NULL, NULL, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "dentistry"));

  fixture_close (&f);
}

/* The price of access on the equity estate: the least cost at each overall target, with
 * the deprived target at Do nothing's. Below 100% one of the 1,000 people... G2 may go;
 * at 100% nothing may. The curve never rises as the target rises. */
static void
test_sweep (void)
{
  Fixture f = { 0 };
  g_auto(FpOptimiseSettings) settings = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) points = NULL;
  const double targets[] = { 0.5, 0.75, 0.76, 1.0 };

  fixture_open (&f, equity_estate ());
  fp_optimise_settings_init (&settings);
  points = fp_optimise_sweep (f.model, f.dn, &settings, "gp", FALSE, targets,
                              G_N_ELEMENTS (targets), NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (points->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (g_array_index (points, FpOptimisePoint, 0).npv,
                                  100000 * S (2, 5), 1e-6);
  g_assert_cmpfloat_with_epsilon (g_array_index (points, FpOptimisePoint, 1).npv,
                                  100000 * S (2, 5), 1e-6);
  g_assert_cmpfloat_with_epsilon (g_array_index (points, FpOptimisePoint, 1).share, 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (g_array_index (points, FpOptimisePoint, 2).npv, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (g_array_index (points, FpOptimisePoint, 3).npv, 0, 1e-9);
  for (guint i = 0; i < points->len; i++)
    g_assert_true (g_array_index (points, FpOptimisePoint, i).feasible);
  g_clear_pointer (&points, g_array_unref);

  /* A set that does not exist is named, not swept as a flat curve with no target. */
  points = fp_optimise_sweep (f.model, f.dn, &settings, "dentistry", FALSE, targets,
                              G_N_ELEMENTS (targets), NULL, NULL, NULL, &error);
  g_assert_null (points);
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“dentistry”"));

  fixture_close (&f);
}

/* ---- Brute force ------------------------------------------------------------------------ */

/* A random estate of 6 to 8 health centres within 6 km, a few zones, one service. */
static FpEstate *
random_estate (GRand *rand)
{
  FpEstate *estate = estate_new (5);
  guint n = (guint) g_rand_int_range (rand, 6, 9);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("S%u", i);
      g_autofree char *name = g_strdup_printf ("Site %u", i);
      int kind = g_rand_int_range (rand, 0, 5);
      FpTenure tenure = kind == 0 || kind == 1 ? FP_TENURE_NHSPS
                        : kind == 2 ? FP_TENURE_FREEHOLD
                        : kind == 3 ? FP_TENURE_LIFT : FP_TENURE_LEASEHOLD;
      double rooms = g_rand_int_range (rand, 1, 4);
      double voids = tenure == FP_TENURE_LIFT ? g_rand_int_range (rand, 0, 4) : 0;
      double use = g_rand_double_range (rand, 0.2, 0.8);
      int lease_end = tenure == FP_TENURE_LIFT ? (g_rand_boolean (rand) ? 2026 : 2040) : 0;

      add_site (estate, id, name, FP_SITE_TYPE_HEALTH_CENTRE, tenure,
                g_rand_double_range (rand, -3, 3), rooms, voids,
                10000 * g_rand_int_range (rand, 5, 30), lease_end,
                round (use * rooms * 2500 * 4));
    }
  for (guint z = 0; z < 4; z++)
    {
      g_autofree char *code = g_strdup_printf ("Z%u", z);

      add_zone (estate, code, g_rand_double_range (rand, -4, 4),
                g_rand_int_range (rand, 200, 2000), g_rand_int_range (rand, 1, 11));
    }
  return estate;
}

/* What a set of exits in 2026 is worth, by the engine: the exited sites' appointments
 * placed jointly in the room the others have below their targets (void rooms counted, as
 * the engine brings them into use; one room type, so whole rooms are no constraint), by
 * GLPK's transportation LP (fp_allocation_solve), written as moves and exits, recomputed
 * and appraised. NAN when it cannot be done: activity with no room, a site taken over its
 * target, or access below Do nothing's. */
static double
brute_force_npv (Fixture *f,
                 guint32  subset)
{
  guint ns = f->dn->n_sites, last = f->dn->n_years - 1;
  g_autoptr(GArray) origins = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(FpAllocation) a = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(FpAccess) access = NULL;
  g_autoptr(FpAccess) dn_access = NULL;
  g_autoptr(FpOptionAppraisal) option = NULL;
  const FpAccessSet *gp, *dn_gp;
  FpAppraisalSettings as;

  for (guint s = 0; s < ns; s++)
    if (subset & (1u << s))
      g_array_append_val (origins, s);

  a = fp_allocation_new (origins->len, ns, 1, 1);
  for (guint i = 0; i < origins->len; i++)
    {
      guint o = g_array_index (origins, guint, i);

      a->supply[i] = fp_results_activity (f->dn, o, 1, 0);
      a->origin_lat[i] = f->dn->sites[o].lat;
      a->origin_lon[i] = f->dn->sites[o].lon;
    }
  /* Every arc at once, by great-circle distance: the reference transport problem. */
  a->circuity = 1;
  a->candidates = 0;
  for (guint r = 0; r < ns; r++)
    {
      a->receiver_lat[r] = f->dn->sites[r].lat;
      a->receiver_lon[r] = f->dn->sites[r].lon;
    }
  a->resource[0] = 0;
  a->rate[0] = 0.25;
  for (guint r = 0; r < ns; r++)
    {
      const FpSite *site = fp_estate_get_site (f->estate, r);
      double capacity = (site->numbers[FP_SITE_ROOMS_CONSULT] + site->numbers[FP_SITE_VOID_ROOMS])
                        * 2500;

      a->allowed[r] = !(subset & (1u << r));
      a->capacity[r] = fmax (0, 0.85 * capacity - fp_results_get (f->dn, r, last)->demand[0]);
    }
  g_assert_true (fp_allocation_solve (a, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < origins->len; i++)
    {
      guint o = g_array_index (origins, guint, i);
      g_autofree double *flow = NULL;
      double moved = 0;
      FpChange *exit;

      if (a->unplaced[i] > 1e-6)
        return NAN;

      flow = g_new0 (double, ns);
      for (guint k = 0; k < a->flows->len; k++)
        {
          const FpAllocationFlow *fl = &g_array_index (a->flows, FpAllocationFlow, k);

          if (fl->origin == i)
            flow[fl->receiver] += fl->volume;
        }

      for (guint r = 0; r < ns && a->supply[i] > 0; r++)
        {
          double share = flow[r] / a->supply[i];
          FpChange *move;

          if (share < 1e-9)
            continue;
          move = fp_change_new (FP_CHANGE_MOVE_SERVICE, 2026);
          move->site = g_strdup (f->dn->sites[o].id);
          move->service = g_strdup ("gp");
          move->to_site = g_strdup (f->dn->sites[r].id);
          move->share = fmin (1.0, share / (1.0 - moved));
          moved += share;
          if (moved > 1 - 1e-9)
            move->share = 1.0;
          g_ptr_array_add (changes, move);
        }
      exit = fp_change_new (FP_CHANGE_EXIT_SITE, 2026);
      exit->site = g_strdup (f->dn->sites[o].id);
      g_ptr_array_add (changes, exit);
    }

  res = fp_compute_scenario (f->model, changes, f->dn, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < ns; s++)
    for (guint y = 0; y <= last; y++)
      {
        const FpSiteYear *sy = fp_results_get (res, s, y);

        if (sy->active && sy->over_target && !fp_results_get (f->dn, s, y)->over_target)
          return NAN;
      }
  for (guint y = 0; y <= last; y++)
    g_assert_cmpfloat (res->unplaced[y], <=, 1e-6);

  access = fp_access_compute (f->model, res, last);
  dn_access = fp_access_compute (f->model, f->dn, last);
  gp = fp_access_find (access, FP_FACILITY_SERVICE, "gp");
  dn_gp = fp_access_find (dn_access, FP_FACILITY_SERVICE, "gp");
  if (isnan (gp->share_within) || gp->share_within < dn_gp->share_within - 1e-9 ||
      (!isnan (dn_gp->share_within_deprived) &&
       gp->share_within_deprived < dn_gp->share_within_deprived - 1e-9))
    return NAN;

  fp_appraisal_settings_init (&as, f->model);
  option = fp_option_appraisal_compute (f->model, &as, "brute", changes, f->dn, NULL, &error);
  g_assert_no_error (error);
  return option->npv;
}

static void
test_brute_force (void)
{
  GRand *rand = g_rand_new_with_seed (20261201);
  guint instances = g_test_thorough () ? 60 : 15;

  for (guint instance = 0; instance < instances; instance++)
    {
      Fixture f = { 0 };
      g_auto(FpOptimiseSettings) settings = { 0 };
      g_autoptr(FpOptimiseResult) result = NULL;
      double best = 0;
      guint32 best_subset = 0;
      guint32 chosen = 0;
      guint feasible = 0;

      fixture_open (&f, random_estate (rand));
      fp_optimise_settings_init (&settings);
      settings.first_year = settings.last_year = 2026;
      settings.max_receivers = 100;
      settings.time_limit = 0;
      result = solve_checked (&f, &settings);
      g_assert_cmpint (result->status, ==, FP_OPTIMISE_OPTIMAL);

      for (guint32 subset = 0; subset < (1u << f.dn->n_sites); subset++)
        {
          double npv = brute_force_npv (&f, subset);

          if (isnan (npv))
            continue;
          feasible++;
          if (npv > best + 1e-6)
            {
              best = npv;
              best_subset = subset;
            }
        }

      for (guint i = 0; i < result->sites->len; i++)
        {
          const FpOptimiseSite *s = g_ptr_array_index (result->sites, i);

          if (s->left)
            chosen |= 1u << s->site;
        }

      g_test_message ("instance %u: %u sites, %u feasible sets of exits, best NPV %.2f "
                      "(exits %x), optimiser %.2f (exits %x)", instance, f.dn->n_sites, feasible,
                      best, best_subset, result->npv, chosen);
      g_assert_cmpfloat_with_epsilon (result->npv, best, 1e-6 * MAX (1, best));
      /* The optimiser's own set of exits, placed by the brute force's LP, is worth as much. */
      g_assert_cmpfloat_with_epsilon (brute_force_npv (&f, chosen), result->npv,
                                      1e-6 * MAX (1, best));
      fixture_close (&f);
    }

  g_rand_free (rand);
}

/* ---- Determinism, progress, cancelling -------------------------------------------------- */

static char *
changes_json (const FpOptimiseResult *result)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < result->changes->len; i++)
    {
      g_autoptr(JsonNode) node = fp_change_to_json (g_ptr_array_index (result->changes, i), TRUE);
      g_autofree char *text = json_to_string (node, FALSE);

      g_string_append (out, text);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
count_progress (const FpOptimiseProgress *progress,
                gpointer                  user_data)
{
  (*(guint *) user_data)++;
  g_assert_cmpfloat (progress->elapsed, >=, 0);
}

static void
test_deterministic_and_cancellable (void)
{
  Fixture f = { 0 };
  g_auto(FpOptimiseSettings) settings = { 0 };
  g_autoptr(FpOptimiseResult) one = NULL;
  g_autoptr(FpOptimiseResult) two = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  fixture_open (&f, voids_estate (4));
  fp_optimise_settings_init (&settings);
  one = fp_optimise_solve (f.model, f.dn, &settings, count_progress, &calls, NULL, &error);
  g_assert_no_error (error);
  two = fp_optimise_solve (f.model, f.dn, &settings, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  a = changes_json (one);
  b = changes_json (two);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpfloat (one->npv, ==, two->npv);
  g_assert_cmpuint (calls, >, 0);

  g_cancellable_cancel (cancellable);
  g_assert_null (fp_optimise_solve (f.model, f.dn, &settings, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  fixture_close (&f);
}

/* A window runs the optimiser in a worker thread while the main thread goes on computing
 * scenarios (whose exits use GLPK's simplex too): GLPK keeps its state per thread, and the
 * optimiser only reads the model and Do nothing's results, so both give what they give
 * alone. */
typedef struct
{
  Fixture          *f;
  FpOptimiseResult *result;
  GError           *error;
} Worker;

static gpointer
solve_in_thread (gpointer data)
{
  Worker *w = data;
  g_auto(FpOptimiseSettings) settings = { 0 };

  fp_optimise_settings_init (&settings);
  w->result = fp_optimise_solve (w->f->model, w->f->dn, &settings, NULL, NULL, NULL, &w->error);
  return NULL;
}

static void
test_worker_thread (void)
{
  Fixture f = { 0 };
  Worker w = { &f, NULL, NULL };
  g_auto(FpOptimiseSettings) settings = { 0 };
  g_autoptr(FpOptimiseResult) alone = NULL;
  g_autoptr(FpChange) exit = fp_change_new (FP_CHANGE_EXIT_SITE, 2026);
  g_autoptr(GPtrArray) changes = g_ptr_array_new ();
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GThread *thread;

  fixture_open (&f, voids_estate (4));
  fp_optimise_settings_init (&settings);
  alone = solve_checked (&f, &settings);

  exit->site = g_strdup ("N1");
  g_ptr_array_add (changes, exit);
  thread = g_thread_new ("optimise", solve_in_thread, &w);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FpResults) res = fp_compute_scenario (f.model, changes, f.dn, &error);
      guint l;

      /* The allocator sends N1's 2,000 room-hours to L, its nearest with room. */
      g_assert_no_error (error);
      g_assert_true (fp_results_find_site (res, "L", &l));
      g_assert_cmpfloat_with_epsilon (fp_results_activity (res, l, 5, 0), 20000, 1e-6);
    }
  g_thread_join (thread);

  g_assert_no_error (w.error);
  a = changes_json (alone);
  b = changes_json (w.result);
  g_assert_cmpstr (a, ==, b);
  fp_optimise_result_free (w.result);
  fixture_close (&f);
}

/* ---- The built-in estate ---------------------------------------------------------------- */

/* On Birmingham and Solihull, with every service held to Do nothing's access: the engine
 * confirms the suggestion (no activity unplaced, no receiver over a target, every access
 * target met in every year, the appraisal's NPV the solver's), it is worth at least Do
 * nothing, no LIFT building is left before its lease ends, some LIFT voids are filled,
 * and a second solve gives the same changes. */
static void
test_default_estate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) dn = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(FpOptimiseResult) result = NULL;
  g_autoptr(FpOptimiseResult) again = NULL;
  g_auto(FpOptimiseSettings) settings = { 0 };
  g_auto(FpOptimiseCheck) check = { 0 };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint last;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  last = dn->n_years - 1;

  fp_optimise_settings_init (&settings);
  settings.time_limit = 120;
  result = fp_optimise_solve (model, dn, &settings, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fp_optimise_check (model, dn, &settings, result, &check, &error));
  g_assert_no_error (error);
  g_test_message ("BSol: NPV %.0f, %u sites left, %s, gap %g, %.2f s", result->npv,
                  result->n_left, fp_optimise_status_to_string (result->status), result->gap,
                  result->solve_seconds);
  g_assert_true (check.ok);
  g_assert_cmpfloat (check.unplaced, <=, 1e-6);
  g_assert_cmpuint (check.over_target, ==, 0);
  g_assert_cmpuint (check.access_failures->len, ==, 0);
  g_assert_cmpfloat (result->npv, >=, 0);
  g_assert_cmpfloat (check.npv, >=, 0);
  g_assert_cmpuint (result->n_left, >, 0);

  res = fp_compute_scenario (model, result->changes, dn, &error);
  g_assert_no_error (error);
  for (guint s = 0; s < res->n_sites; s++)
    if (res->sites[s].tenure == FP_TENURE_LIFT && res->sites[s].exit_year != 0)
      g_assert_cmpint (res->sites[s].liability_end_year, <=, res->base_year + (int) last);
  g_assert_cmpfloat (res->totals[last].void_cost_lift, <, dn->totals[last].void_cost_lift);

  again = fp_optimise_solve (model, dn, &settings, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  a = changes_json (result);
  b = changes_json (again);
  g_assert_cmpstr (a, ==, b);
}

/* ---- footprint-cli optimise ------------------------------------------------------------- */

static JsonObject *
parse_object (const char *text,
              JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_cli (void)
{
  g_autofree char *home = fp_test_tmpdir ();
  g_autofree char *doc = g_build_filename (home, "bsol.footprint", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) parser2 = json_parser_new ();
  JsonObject *root, *check, *option = NULL;
  JsonArray *options;
  double npv;

  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "init", "--document", doc, NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
  }

  /* An access target above Do nothing's: exit 1, a message naming the service, nothing
   * written. */
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "optimise", "--document", doc, "--name", "Suggested",
                           "--access-target", "gp_appointments=100%", NULL };
    g_auto(FpTestRun) list = { 0 };
    const char *list_args[] = { "scenario", "list", "--document", doc, NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "GP appointments"));
    g_assert_nonnull (strstr (run.err, "above what Do nothing gives"));
    fp_test_run_cli (&list, home, list_args);
    g_assert_null (strstr (list.out, "Suggested"));
  }

  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "optimise", "--document", doc, "--name", "Suggested", "--format",
                           "json", "--time-limit", "120", NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
    root = parse_object (run.out, parser);
    check = json_object_get_object_member (root, "check");
    g_assert_true (json_object_get_boolean_member (check, "ok"));
    npv = json_object_get_double_member (root, "npv");
    g_assert_cmpfloat (npv, >, 0);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (check, "npv_compared"), npv,
                                    1e-6 * npv);
    g_assert_nonnull (strstr (run.err, "wrote the scenario"));
  }

  /* The scenario it wrote, appraised like any other, has the NPV the solver reported (plus
   * the backlog the appraisal counts and the optimiser, by default, does not). */
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "appraise", "--document", doc, "--options", "Suggested", NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
    options = json_object_get_array_member (parse_object (run.out, parser2), "options");
    for (guint i = 0; i < json_array_get_length (options); i++)
      if (g_str_equal (json_object_get_string_member (json_array_get_object_element (options, i),
                                                      "name"), "Suggested"))
        option = json_array_get_object_element (options, i);
    g_assert_nonnull (option);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (option, "npv") -
                                    json_object_get_double_member (check, "backlog_avoided"),
                                    npv, 1e-6 * npv);
  }

  /* The name is taken now: refused without --replace. */
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "optimise", "--document", doc, "--name", "Suggested", NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "exists already"));
  }

  fp_test_rm_rf (home);
}

/* Stop pressed while the search runs (the window's Stop): the cancellable is cancelled from
 * the progress callback, in the solving thread, at the Nth report of the solving phase. The
 * first comes before the root LP (which runs in slices that look at the cancellable); the
 * second from GLPK's branch and bound callback, whose next call must end the search. Either
 * way no answer comes back, and the search never goes on to route or explain one. On the
 * default estate, whose branch and bound calls back more than once. */
typedef struct
{
  GCancellable   *cancellable;
  guint           cancel_at;
  guint           solving;        /* reports of the solving phase */
  FpOptimisePhase last;
  guint           after_cancel;   /* reports of a later phase once cancelled */
} CancelWatch;

static void
cancel_when_solving (const FpOptimiseProgress *progress,
                     gpointer                  user_data)
{
  CancelWatch *watch = user_data;

  if (g_cancellable_is_cancelled (watch->cancellable) &&
      progress->phase > FP_OPTIMISE_PHASE_SOLVING)
    watch->after_cancel++;
  watch->last = progress->phase;
  if (progress->phase == FP_OPTIMISE_PHASE_SOLVING && ++watch->solving == watch->cancel_at)
    g_cancellable_cancel (watch->cancellable);
}

static void
test_cancel_during_search (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) dn = NULL;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint at = 1; at <= 2; at++)
    {
      g_autoptr(FpOptimiseResult) result = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_auto(FpOptimiseSettings) settings = { 0 };
      CancelWatch watch = { cancellable, at, 0, FP_OPTIMISE_PHASE_PREPARING, 0 };

      fp_optimise_settings_init (&settings);
      settings.time_limit = 120;
      result = fp_optimise_solve (model, dn, &settings, cancel_when_solving, &watch,
                                  cancellable, &error);
      g_test_message ("cancelled at solving report %u of %u", at, watch.solving);
      g_assert_null (result);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_clear_error (&error);
      g_assert_true (g_cancellable_is_cancelled (cancellable));
      g_assert_cmpint (watch.last, ==, FP_OPTIMISE_PHASE_SOLVING);
      g_assert_cmpuint (watch.after_cancel, ==, 0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/optimise/lift-voids-win", test_lift_voids_win);
  g_test_add_func ("/fp/optimise/no-voids-nothing-moves", test_no_voids_nothing_moves);
  g_test_add_func ("/fp/optimise/locks-bind", test_locks_bind);
  g_test_add_func ("/fp/optimise/limit-a-year", test_limit_a_year);
  g_test_add_func ("/fp/optimise/tenure", test_tenure);
  g_test_add_func ("/fp/optimise/equity-binds", test_equity_binds);
  g_test_add_func ("/fp/optimise/infeasible-target", test_infeasible_target);
  g_test_add_func ("/fp/optimise/sweep", test_sweep);
  g_test_add_func ("/fp/optimise/brute-force", test_brute_force);
  g_test_add_func ("/fp/optimise/deterministic-and-cancellable",
                   test_deterministic_and_cancellable);
  g_test_add_func ("/fp/optimise/worker-thread", test_worker_thread);
  g_test_add_func ("/fp/optimise/cancel-during-search", test_cancel_during_search);
  g_test_add_func ("/fp/optimise/default-estate", test_default_estate);
  g_test_add_func ("/fp/optimise/cli", test_cli);

  return g_test_run ();
}
