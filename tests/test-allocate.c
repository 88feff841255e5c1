/* test-allocate.c: the transportation problem on instances solved by hand, the candidate
 * bound against the program with every arc (random instances, and every exit and shift
 * of the BSol default).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fp-test-util.h"

/* With this circuity one degree of great circle is one "km": points on the equator a
 * tenth of a degree apart are 0.1 apart, so the hand-worked figures stay small. */
#define PER_DEGREE (180.0 / (G_PI * FP_EARTH_RADIUS_KM))

static double
flow (const FpAllocation *a,
      guint               o,
      guint               r,
      guint               g)
{
  double sum = 0;

  for (guint i = 0; i < a->flows->len; i++)
    {
      const FpAllocationFlow *f = &g_array_index (a->flows, FpAllocationFlow, i);

      if (f->origin == o && f->receiver == r && f->good == g)
        sum += f->volume;
    }
  return sum;
}

static void
place_origin (FpAllocation *a,
              guint         o,
              double        lat,
              double        lon)
{
  a->origin_lat[o] = lat;
  a->origin_lon[o] = lon;
}

static void
place_receiver (FpAllocation *a,
                guint         r,
                double        lat,
                double        lon)
{
  a->receiver_lat[r] = lat;
  a->receiver_lon[r] = lon;
}

static double
km (const FpAllocation *a,
    guint               o,
    guint               r)
{
  return fp_geo_haversine_km (a->origin_lat[o], a->origin_lon[o], a->receiver_lat[r],
                              a->receiver_lon[r]) * a->circuity;
}

/* Two origins of 10 units, three receivers, in degrees near the equator (× 100 below):
 *
 *   O1 (0, 0)   O2 (0, 4)   R1 (1, 0)   R2 (1, 4)   R3 (−10, 1.5), capacities 8, 8, 100
 *
 *            R1      R2      R3
 *   O1      1.000   4.123  10.112
 *   O2      4.123   1.000  10.308
 *
 * R1 and R2 hold 16 of the 20 units, so at least 4 go to R3. O1 fills R1 (8) and O2 fills
 * R2 (8); each sends its last 2 to R3. Sending O2's 2 to R1 instead would save 2 × (10.308
 * − 4.123) = 12.4 but push 2 of O1's to R3 at 2 × (10.112 − 1) = 18.2; the other swaps
 * cost more still. Total 8 + 2 × 10.112 + 8 + 2 × 10.308 = 56.84 (hundredths of a
 * degree). */
static void
test_two_by_three (void)
{
  g_autoptr(FpAllocation) a = fp_allocation_new (2, 3, 1, 1);
  g_autoptr(GError) error = NULL;
  const double cap[3] = { 8, 8, 100 };

  a->circuity = 100 * PER_DEGREE;
  place_origin (a, 0, 0, 0);
  place_origin (a, 1, 0, 0.04);
  place_receiver (a, 0, 0.01, 0);
  place_receiver (a, 1, 0.01, 0.04);
  place_receiver (a, 2, -0.10, 0.015);
  a->supply[0] = a->supply[1] = 10;
  a->rate[0] = 1;
  for (guint r = 0; r < 3; r++)
    {
      a->allowed[r] = TRUE;
      a->capacity[r] = cap[r];
    }

  g_assert_cmpfloat_with_epsilon (km (a, 0, 2), 10.112, 1e-3);
  g_assert_cmpfloat_with_epsilon (km (a, 1, 2), 10.308, 1e-3);

  g_assert_true (fp_allocation_solve (a, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 0, 0), 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 1, 0), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 2, 0), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 1, 0, 0), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 1, 1, 0), 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 1, 2, 0), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->objective,
                                  8 * km (a, 0, 0) + 2 * km (a, 0, 2) + 8 * km (a, 1, 1) +
                                  2 * km (a, 1, 2), 1e-9);
  g_assert_cmpfloat_with_epsilon (a->objective, 56.84, 0.01);
  g_assert_cmpfloat_with_epsilon (a->unplaced[0] + a->unplaced[1], 0, 1e-9);

  /* Capacity runs out: R3 takes 1, so 3 of the 20 units cannot be placed. The unit goes
   * from O1, which is nearer R3. */
  a->capacity[2] = 1;
  g_assert_true (fp_allocation_solve (a, &error));
  g_assert_cmpfloat_with_epsilon (a->unplaced[0], 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->unplaced[1], 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 2, 0), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 0, 0), 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 1, 1, 0), 8, 1e-9);
}

/* Two goods share a receiver's overall capacity (resource 2) besides their own types
 * (resources 0 and 1). One origin supplies 6 of good A (rate 1) and 6 of good B (rate
 * 0.5); R1 (1 away) has 10 of type 0, 10 of type 1 but only 7 overall; R2 (3 away) has
 * plenty. B uses half the capacity per unit, so putting B at R1 places more units near:
 * all 6 B (3 capacity) then 4 A (4 capacity) at R1; 2 A to R2. Cost: (6 + 4) × 1 + 2 × 3
 * = 16, against 6 A + 2 B at R1 and 4 B at R2 = 8 + 12 = 20. */
static void
test_shared_resource (void)
{
  g_autoptr(FpAllocation) a = fp_allocation_new (1, 2, 2, 3);
  g_autoptr(GError) error = NULL;

  a->circuity = PER_DEGREE;
  place_origin (a, 0, 0, 0);
  place_receiver (a, 0, 0, 1);
  place_receiver (a, 1, 0, -3);
  a->supply[0] = 6;
  a->supply[1] = 6;
  a->resource[0] = 0;
  a->resource[1] = 1;
  a->resource2[0] = a->resource2[1] = 2;
  a->rate[0] = 1;
  a->rate[1] = 0.5;
  for (guint g = 0; g < 2; g++)
    for (guint r = 0; r < 2; r++)
      a->allowed[g * 2 + r] = TRUE;
  /* capacity[receiver][resource] */
  a->capacity[0 * 3 + 0] = 10;
  a->capacity[0 * 3 + 1] = 10;
  a->capacity[0 * 3 + 2] = 7;
  a->capacity[1 * 3 + 0] = 100;
  a->capacity[1 * 3 + 1] = 100;
  a->capacity[1 * 3 + 2] = 100;

  g_assert_true (fp_allocation_solve (a, &error));
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 0, 1), 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 0, 0), 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 1, 0), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->objective, 16, 1e-9);
}

/* A receiver a good may not go to is never used, even when it is nearest. */
static void
test_allowed (void)
{
  g_autoptr(FpAllocation) a = fp_allocation_new (1, 2, 1, 1);
  g_autoptr(GError) error = NULL;

  a->circuity = PER_DEGREE;
  place_origin (a, 0, 0, 0);
  place_receiver (a, 0, 0, 1);
  place_receiver (a, 1, 0, 9);
  a->supply[0] = 5;
  a->rate[0] = 1;
  a->allowed[0] = FALSE;
  a->allowed[1] = TRUE;
  a->capacity[0] = 100;
  a->capacity[1] = 3;

  g_assert_true (fp_allocation_solve (a, &error));
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 0, 0), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 1, 0), 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->unplaced[0], 2, 1e-9);
}

/* The nearest receiver is full: with one first arc per origin the program must still find
 * the one behind it. Origin at 0; receivers at 1 (no room left after 2 units), 2 and 5
 * (plenty). 10 units: 2 at 1, 8 at 2; the receiver at 5 takes nothing. Cost 2 + 16 = 18. */
static void
test_priced_in (void)
{
  g_autoptr(FpAllocation) a = fp_allocation_new (1, 3, 1, 1);
  g_autoptr(GError) error = NULL;

  a->circuity = PER_DEGREE;
  a->candidates = 1;
  place_origin (a, 0, 0, 0);
  place_receiver (a, 0, 0, 1);
  place_receiver (a, 1, 0, -2);
  place_receiver (a, 2, 0, 5);
  a->supply[0] = 10;
  a->rate[0] = 1;
  for (guint r = 0; r < 3; r++)
    a->allowed[r] = TRUE;
  a->capacity[0] = 2;
  a->capacity[1] = 50;
  a->capacity[2] = 50;

  g_assert_true (fp_allocation_solve (a, &error));
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 0, 0), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 1, 0), 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (flow (a, 0, 2, 0), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->objective, 18, 1e-9);
  g_assert_cmpuint (a->n_solves, >, 1);  /* the second arc came from pricing */
  g_assert_cmpuint (a->n_arcs, <, 3);     /* and the third was never needed */
}

/* Checks that a solution is feasible: every unit placed or unplaced, no capacity
 * exceeded, no arc to a receiver not allowed the good or with no room. */
static void
assert_feasible (const FpAllocation *a)
{
  g_autofree double *placed = g_new0 (double, (gsize) a->n_origins * a->n_goods);
  g_autofree double *used = g_new0 (double, (gsize) a->n_receivers * a->n_resources);

  for (guint i = 0; i < a->flows->len; i++)
    {
      const FpAllocationFlow *f = &g_array_index (a->flows, FpAllocationFlow, i);

      g_assert_true (a->allowed[f->good * a->n_receivers + f->receiver]);
      g_assert_cmpfloat (f->volume, >, 0);
      placed[f->origin * a->n_goods + f->good] += f->volume;
      used[f->receiver * a->n_resources + a->resource[f->good]] += f->volume * a->rate[f->good];
      if (a->resource2[f->good] != G_MAXUINT)
        used[f->receiver * a->n_resources + a->resource2[f->good]] += f->volume * a->rate[f->good];
    }

  for (guint i = 0; i < a->n_origins * a->n_goods; i++)
    g_assert_cmpfloat_with_epsilon (placed[i] + a->unplaced[i], a->supply[i],
                                    1e-7 * MAX (1, a->supply[i]));
  for (guint i = 0; i < a->n_receivers * a->n_resources; i++)
    g_assert_cmpfloat (used[i], <=, a->capacity[i] * (1 + 1e-7) + 1e-7);
}

/* On random instances (origins and receivers scattered over a region, goods with their
 * own rates sharing an overall resource, some receivers not allowed some goods, capacity
 * short or ample), starting from 1, 3 or 8 arcs per origin and good finds the optimum of
 * the program with every arc: the same objective, the same unplaced volumes, and (the
 * data being generic, the optimum is unique) the same flows. */
static void
test_bound_matches_every_arc (void)
{
  GRand *rand = g_rand_new_with_seed (1313);
  const guint starts[] = { 1, 3, 8 };

  for (guint instance = 0; instance < 60; instance++)
    {
      guint no = 1 + g_rand_int_range (rand, 0, instance % 2 ? 40 : 4);
      guint nr = 2 + g_rand_int_range (rand, 0, 120);
      guint ng = 1 + g_rand_int_range (rand, 0, 4);
      guint nk = ng + 1;
      double scarcity = g_rand_double_range (rand, 0.2, 3.0);
      g_autoptr(FpAllocation) full = fp_allocation_new (no, nr, ng, nk);
      g_autoptr(GError) error = NULL;
      double total = 0;

      full->circuity = 1.3;
      full->candidates = 0;
      for (guint o = 0; o < no; o++)
        {
          place_origin (full, o, g_rand_double_range (rand, 52.3, 52.7),
                        g_rand_double_range (rand, -2.1, -1.5));
          for (guint g = 0; g < ng; g++)
            if (g_rand_int_range (rand, 0, 3) > 0)
              {
                full->supply[o * ng + g] = g_rand_double_range (rand, 1, 100);
                total += full->supply[o * ng + g];
              }
        }
      for (guint g = 0; g < ng; g++)
        {
          full->resource[g] = g;
          full->resource2[g] = ng;  /* every good also uses the overall resource */
          full->rate[g] = g_rand_double_range (rand, 0.2, 2.0);
        }
      for (guint r = 0; r < nr; r++)
        {
          place_receiver (full, r, g_rand_double_range (rand, 52.3, 52.7),
                          g_rand_double_range (rand, -2.1, -1.5));
          for (guint g = 0; g < ng; g++)
            full->allowed[g * nr + r] = g_rand_int_range (rand, 0, 5) > 0;
          for (guint k = 0; k < nk; k++)
            full->capacity[r * nk + k] = g_rand_int_range (rand, 0, 6) == 0 ? 0
              : g_rand_double_range (rand, 0, 2 * total / (nr * scarcity));
        }

      g_assert_true (fp_allocation_solve (full, &error));
      g_assert_no_error (error);
      assert_feasible (full);

      for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
        {
          g_autoptr(FpAllocation) bounded = fp_allocation_new (no, nr, ng, nk);

          memcpy (bounded->origin_lat, full->origin_lat, sizeof (double) * no);
          memcpy (bounded->origin_lon, full->origin_lon, sizeof (double) * no);
          memcpy (bounded->receiver_lat, full->receiver_lat, sizeof (double) * nr);
          memcpy (bounded->receiver_lon, full->receiver_lon, sizeof (double) * nr);
          memcpy (bounded->supply, full->supply, sizeof (double) * no * ng);
          memcpy (bounded->allowed, full->allowed, nr * ng);
          memcpy (bounded->resource, full->resource, sizeof (guint) * ng);
          memcpy (bounded->resource2, full->resource2, sizeof (guint) * ng);
          memcpy (bounded->rate, full->rate, sizeof (double) * ng);
          memcpy (bounded->capacity, full->capacity, sizeof (double) * nr * nk);
          bounded->circuity = full->circuity;
          bounded->candidates = starts[i];

          g_assert_true (fp_allocation_solve (bounded, &error));
          g_assert_no_error (error);
          assert_feasible (bounded);
          g_assert_cmpuint (bounded->n_arcs, <=, full->n_arcs);

          if (fabs (bounded->objective - full->objective) > 1e-9 * MAX (1, full->objective))
            g_error ("instance %u, %u first arcs: objective %.12g, every arc %.12g", instance,
                     starts[i], bounded->objective, full->objective);
          for (guint j = 0; j < no * ng; j++)
            g_assert_cmpfloat_with_epsilon (bounded->unplaced[j], full->unplaced[j],
                                            1e-6 * MAX (1, full->supply[j]));
          for (guint j = 0; j < full->flows->len; j++)
            {
              const FpAllocationFlow *f = &g_array_index (full->flows, FpAllocationFlow, j);

              g_assert_cmpfloat_with_epsilon (flow (bounded, f->origin, f->receiver, f->good),
                                              f->volume, 1e-6 * MAX (1, f->volume));
            }
          for (guint j = 0; j < bounded->flows->len; j++)
            {
              const FpAllocationFlow *f = &g_array_index (bounded->flows, FpAllocationFlow, j);

              g_assert_cmpfloat_with_epsilon (flow (full, f->origin, f->receiver, f->good),
                                              f->volume, 1e-6 * MAX (1, f->volume));
            }
        }
    }

  g_rand_free (rand);
}

/* Every cell of two results the same, to a relative 1e-9. */
static void
assert_same_results (const char      *what,
                     const FpResults *a,
                     const FpResults *b)
{
  guint nv = a->n_services, ny = a->n_years;

  g_assert_cmpuint (a->n_sites, ==, b->n_sites);
  for (gsize i = 0; i < (gsize) a->n_sites * ny * nv; i++)
    if (fabs (a->activity[i] - b->activity[i]) > 1e-9 * MAX (1, fabs (b->activity[i])))
      g_error ("%s: site %s, year %zu, service %zu: %.12g with the bound, %.12g without", what,
               a->sites[i / (ny * nv)].id, i / nv % ny, i % nv, a->activity[i], b->activity[i]);
  for (guint i = 0; i < ny * nv; i++)
    {
      g_assert_cmpfloat_with_epsilon (a->unplaced[i], b->unplaced[i],
                                      1e-9 * MAX (1, b->unplaced[i]));
      g_assert_cmpfloat_with_epsilon (a->unshifted[i], b->unshifted[i],
                                      1e-9 * MAX (1, b->unshifted[i]));
    }
}

static gboolean
apply_both (const FpModel  *model,
            const FpChange *change,
            FpResults     **bounded,
            FpResults     **every)
{
  g_autoptr(FpEngine) e = fp_engine_new (model);
  g_autoptr(FpEngine) full = fp_engine_new (model);
  gboolean ok;

  fp_engine_set_allocation_candidates (full, 0);
  ok = fp_engine_apply (e, change, NULL);
  g_assert_cmpint (ok, ==, fp_engine_apply (full, change, NULL));
  if (!ok)
    return FALSE;

  *bounded = fp_engine_compute (e, NULL);
  *every = fp_engine_compute (full, NULL);
  return TRUE;
}

/* The candidate bound changes no BSol result: the exit of every site (the allocator
 * places each of its services) and the shift of every service out of every setting (a
 * half and all of it), with no receivers named, give the same activity at every site in
 * every year, the same unplaced and the same not-shifted volumes as the program with
 * every arc. (Where two receivers are equally far, e.g. at one postcode, any split
 * between them is optimal and the split is the solver's; both programs start from the
 * same greedy basis, and on the default they make the same choice. A failure that names
 * such a pair is a tie, not an error of the bound.) */
static void
test_bsol_bound_changes_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  int year;
  guint exits = 0, shifts = 0, unplaced = 0;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  year = fp_model_get_base_year (model) + 1;

  for (guint s = 0; s < estate->sites->len; s++)
    {
      g_autoptr(FpChange) c = fp_change_new (FP_CHANGE_EXIT_SITE, year);
      g_autoptr(FpResults) bounded = NULL;
      g_autoptr(FpResults) every = NULL;
      g_autofree char *what = NULL;

      c->site = g_strdup (fp_estate_get_site (estate, s)->id);
      c->confidence = 1;
      if (!apply_both (model, c, &bounded, &every))
        continue;
      what = g_strdup_printf ("exit of %s", c->site);
      assert_same_results (what, bounded, every);
      exits++;
      for (guint v = 0; v < every->n_services; v++)
        if (every->unplaced[1 * every->n_services + v] > 0)
          {
            unplaced++;
            break;
          }
    }

  for (guint setting = 0; setting < FP_N_SETTINGS; setting++)
    for (guint v = 0; v < estate->services->len; v++)
      for (guint half = 0; half < 2; half++)
        {
          g_autoptr(FpChange) c = fp_change_new (FP_CHANGE_SHIFT_SETTING, year);
          g_autoptr(FpResults) bounded = NULL;
          g_autoptr(FpResults) every = NULL;
          g_autofree char *what = NULL;

          c->service = g_strdup (g_array_index (estate->services, FpService, v).id);
          c->from_setting = setting;
          c->share = half ? 0.5 : 1.0;
          c->confidence = 1;
          if (!apply_both (model, c, &bounded, &every))
            continue;
          what = g_strdup_printf ("shift of %s out of %s", c->service,
                                  fp_setting_to_string (setting));
          assert_same_results (what, bounded, every);
          shifts++;
        }

  /* The default has a site of every kind: most exits and dozens of shifts apply, and
   * some exits leave volume no receiver can take (the bound matters most there). */
  g_test_message ("%u exits (%u with volume unplaced) and %u shifts compared", exits, unplaced,
                  shifts);
  g_assert_cmpuint (exits, >, 300);
  g_assert_cmpuint (shifts, >, 40);
  g_assert_cmpuint (unplaced, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/allocate/two-by-three", test_two_by_three);
  g_test_add_func ("/fp/allocate/shared-resource", test_shared_resource);
  g_test_add_func ("/fp/allocate/allowed", test_allowed);
  g_test_add_func ("/fp/allocate/priced-in", test_priced_in);
  g_test_add_func ("/fp/allocate/bound-matches-every-arc", test_bound_matches_every_arc);
  g_test_add_func ("/fp/allocate/bsol-bound-changes-nothing", test_bsol_bound_changes_nothing);

  return g_test_run ();
}
