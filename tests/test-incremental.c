/* test-incremental.c: results brought up to date after each change (fp_engine_update_results)
 * are, to the bit, what computing everything gives.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-test-util.h"

static FpEstate *estate;
static FpModel *model;
static FpResults *do_nothing;

static const char *
random_site (GRand     *rand,
             GPtrArray *opened)
{
  guint n = estate->sites->len;

  if (opened->len > 0 && g_rand_int_range (rand, 0, 8) == 0)
    return g_ptr_array_index (opened, g_rand_int_range (rand, 0, opened->len));
  return fp_estate_get_site (estate, g_rand_int_range (rand, 0, n))->id;
}

static const char *
random_service (GRand *rand)
{
  return g_array_index (estate->services, FpService,
                        g_rand_int_range (rand, 0, estate->services->len)).id;
}

/* A random change of any kind; many are refused (a site without the service, a
 * dispose of a leasehold, ...), which the test also wants. */
static FpChange *
random_change (GRand     *rand,
               GPtrArray *opened)
{
  int year = fp_model_get_base_year (model) +
             g_rand_int_range (rand, 0, (int) fp_model_get_n_years (model));
  FpChangeKind kind = g_rand_int_range (rand, 0, FP_N_CHANGE_KINDS);
  FpChange *c = fp_change_new (kind, year);

  c->confidence = 1;
  switch (kind)
    {
    case FP_CHANGE_MOVE_SERVICE:
      c->site = g_strdup (random_site (rand, opened));
      c->service = g_strdup (random_service (rand));
      c->to_site = g_strdup (random_site (rand, opened));
      c->share = g_rand_double (rand);
      break;
    case FP_CHANGE_SHIFT_SETTING:
      c->service = g_strdup (random_service (rand));
      c->from_setting = g_rand_int_range (rand, 0, FP_N_SETTINGS);
      c->share = g_rand_double (rand);
      break;
    case FP_CHANGE_EXIT_SITE:
    case FP_CHANGE_DISPOSE_SITE:
      c->site = g_strdup (random_site (rand, opened));
      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          c->to_sites = g_new0 (char *, 3);
          c->to_sites[0] = g_strdup (random_site (rand, opened));
          c->to_sites[1] = g_strdup (random_site (rand, opened));
        }
      c->value = g_rand_double_range (rand, 0, 5e6);
      c->receipt_retained = g_rand_boolean (rand);
      break;
    case FP_CHANGE_BACKFILL:
      c->site = g_strdup (random_site (rand, opened));
      c->m2 = g_rand_double_range (rand, 1, 800);
      break;
    case FP_CHANGE_OPEN_SITE:
      c->new_id = g_strdup_printf ("NEW%u", opened->len + 1);
      c->name = g_strdup ("A new hub");
      c->site_type = FP_SITE_TYPE_HUB;
      c->lat = g_rand_double_range (rand, 52.38, 52.56);
      c->lon = g_rand_double_range (rand, -2.0, -1.7);
      c->gia_m2 = 1500;
      c->rooms[FP_ROOM_CONSULT] = 10;
      c->rooms[FP_ROOM_TREATMENT] = 4;
      c->hours_open_per_week = 60;
      c->running_cost = 4e5;
      c->tenure = FP_TENURE_LEASEHOLD;
      break;
    case FP_CHANGE_CHANGE_HOURS:
      c->site = g_strdup (random_site (rand, opened));
      c->hours_open_per_week = g_rand_double_range (rand, 10, 120);
      break;
    case FP_CHANGE_REDUCE_LENGTH_OF_STAY:
    case FP_CHANGE_CHANGE_OCCUPANCY:
      /* Bed changes: at one or two sites (often refused: most sites have no beds), or at
       * every site with beds. */
      if (kind == FP_CHANGE_REDUCE_LENGTH_OF_STAY)
        {
          c->service = g_strdup (random_service (rand));
          c->share = g_rand_double_range (rand, 0.01, 0.6);
        }
      else
        c->occupancy = g_rand_double_range (rand, 0.6, 1.0);
      if (g_rand_boolean (rand))
        {
          c->sites = g_new0 (char *, 3);
          c->sites[0] = g_strdup (random_site (rand, opened));
          if (g_rand_boolean (rand))
            c->sites[1] = g_strdup (random_site (rand, opened));
        }
      break;
    case FP_CHANGE_CHANGE_GROWTH:
    default:
      c->kind = FP_CHANGE_CHANGE_GROWTH;
      c->service = g_strdup (random_service (rand));
      c->rate = g_rand_double_range (rand, -0.1, 0.15);
      break;
    }

  return c;
}

#define SAME_ARRAY(what, a, b, n)                                                         \
  G_STMT_START {                                                                          \
    if (memcmp ((a), (b), sizeof (*(a)) * (n)) != 0)                                      \
      g_error ("%s: %s differs from a full computation", label, what);                   \
  } G_STMT_END

/* Every figure, to the bit (the structs are zeroed before they are filled, so their
 * padding compares too). */
static void
assert_identical (const char      *label,
                  const FpResults *a,
                  const FpResults *b)
{
  guint ns = b->n_sites, ny = b->n_years, nv = b->n_services;

  g_assert_cmpuint (a->n_sites, ==, ns);
  for (guint s = 0; s < ns; s++)
    {
      const FpResultSite *x = &a->sites[s], *y = &b->sites[s];

      g_assert_cmpstr (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_true (x->override == y->override);
      g_assert_cmpint (x->exit_year, ==, y->exit_year);
      g_assert_cmpint (x->liability_end_year, ==, y->liability_end_year);
      g_assert_cmpint (x->liability_unknown, ==, y->liability_unknown);
      g_assert_cmpint (x->open_year, ==, y->open_year);
      for (guint year = 0; year < ny; year++)
        if (memcmp (&a->site_years[s * ny + year], &b->site_years[s * ny + year],
                    sizeof (FpSiteYear)) != 0)
          g_error ("%s: site %s in year %u differs from a full computation", label, y->id, year);
    }
  SAME_ARRAY ("activity", a->activity, b->activity, (gsize) ns * ny * nv);
  SAME_ARRAY ("totals", a->totals, b->totals, ny);
  SAME_ARRAY ("unplaced", a->unplaced, b->unplaced, ny * nv);
  SAME_ARRAY ("unshifted", a->unshifted, b->unshifted, ny * nv);
  SAME_ARRAY ("los_reduced", a->los_reduced, b->los_reduced, ny * nv);
  SAME_ARRAY ("unplaced_baseline_los", a->unplaced_baseline_los, b->unplaced_baseline_los,
              ny * nv);
  g_assert_cmpuint (a->n_beds, ==, b->n_beds);
  SAME_ARRAY ("stay0", a->stay0, b->stay0, (gsize) ns * ny * b->n_beds);
  SAME_ARRAY ("do_nothing_activity", a->do_nothing_activity, b->do_nothing_activity, ny * nv);
  SAME_ARRAY ("median_cost_by_year", a->median_cost_by_year, b->median_cost_by_year,
              ny * FP_N_SITE_TYPES);
  SAME_ARRAY ("median_cost_per_m2", a->median_cost_per_m2, b->median_cost_per_m2,
              FP_N_SITE_TYPES);
  g_assert_cmpint (a->has_do_nothing, ==, b->has_do_nothing);
}

/* On random scenarios of the BSol default (every change kind, refusals among them, with
 * category overrides in place), results brought up to date after each change equal a
 * full computation, and every update but those after a site opens derives only what
 * changed. */
static void
test_matches_full (void)
{
  GRand *rand = g_rand_new_with_seed (20261130);
  g_autoptr(GPtrArray) overrides =
    g_ptr_array_new_with_free_func ((GDestroyNotify) fp_category_override_free);
  guint partial = 0, full = 0, refused = 0;

  /* Overrides of a few sites, one of them of a site a scenario may leave. */
  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (overrides,
                     fp_category_override_new (fp_estate_get_site (estate, i * 37)->id, NULL,
                                               i % 2 ? FP_CATEGORY_CORE : FP_CATEGORY_REDUNDANT,
                                               "test", "tester"));

  for (guint scenario = 0; scenario < 30; scenario++)
    {
      g_autoptr(FpEngine) engine = fp_engine_new (model);
      g_autoptr(FpResults) res = fp_engine_compute (engine, do_nothing);
      g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_free);

      fp_results_apply_overrides (res, overrides);

      for (guint i = 0; i < 12; i++)
        {
          g_autoptr(FpChange) c = random_change (rand, opened);
          g_autoptr(FpResults) expected = NULL;
          g_autofree char *label = NULL;

          if (!fp_engine_apply (engine, c, NULL))
            {
              refused++;
              continue;
            }
          if (c->kind == FP_CHANGE_OPEN_SITE)
            g_ptr_array_add (opened, g_strdup (c->new_id));

          if (fp_engine_update_results (engine, res, do_nothing))
            partial++;
          else
            {
              /* Only a site opened changes the shape of the results. */
              g_assert_cmpint (c->kind, ==, FP_CHANGE_OPEN_SITE);
              full++;
            }

          expected = fp_engine_compute (engine, do_nothing);
          fp_results_apply_overrides (expected, overrides);
          label = g_strdup_printf ("scenario %u, change %u (%s)", scenario, i + 1,
                                   fp_change_kind_to_string (c->kind));
          assert_identical (label, res, expected);
        }
    }

  g_test_message ("%u updates of what changed, %u full, %u changes refused", partial, full,
                  refused);
  g_assert_cmpuint (partial, >, 100);
  g_assert_cmpuint (full, >, 0);
  g_assert_cmpuint (refused, >, 0);
  g_rand_free (rand);
}

/* The exit of every site, one at a time: an empty building (its exit changes no
 * activity, only whether it is held and in use), a site whose leaving moves its type's
 * median cost per m² (and with it the categories of other sites of the type), and the
 * allocator's receivers. Each update equals a full computation. */
static void
test_every_exit (void)
{
  guint exits = 0, moved = 0;

  for (guint s = 0; s < estate->sites->len; s++)
    {
      g_autoptr(FpEngine) engine = fp_engine_new (model);
      g_autoptr(FpResults) res = fp_engine_compute (engine, do_nothing);
      g_autoptr(FpResults) expected = NULL;
      g_autoptr(FpChange) c = fp_change_new (FP_CHANGE_EXIT_SITE,
                                             fp_model_get_base_year (model) + 1);
      g_autofree char *label = NULL;
      guint ny = res->n_years;

      c->site = g_strdup (fp_estate_get_site (estate, s)->id);
      c->confidence = 1;
      if (!fp_engine_apply (engine, c, NULL))
        continue;
      g_assert_true (fp_engine_update_results (engine, res, do_nothing));
      expected = fp_engine_compute (engine, do_nothing);
      label = g_strdup_printf ("exit of %s", c->site);
      assert_identical (label, res, expected);
      exits++;

      /* Count the exits that moved another site's category by moving a median. */
      for (guint o = 0; o < res->n_sites; o++)
        if (o != s && res->sites[o].type == res->sites[s].type &&
            res->site_years[o * ny + ny - 1].category !=
              do_nothing->site_years[o * ny + ny - 1].category &&
            fp_results_activity (res, o, ny - 1, 0) ==
              fp_results_activity (do_nothing, o, ny - 1, 0))
          {
            moved++;
            break;
          }
    }

  g_test_message ("%u exits, %u of them moving another site's category", exits, moved);
  g_assert_cmpuint (exits, >, 300);
  g_assert_cmpuint (moved, >, 0);
}

/* A change that moves a type's median moves the categories of sites it never touched.
 * On the engine test estate, G2 and G3 are GP practices of 400 m²; with G2's rent £40,000
 * (£100/m²) and G3's £160,000 (£400/m²) their median is £250/m² and G3, above 1.5 × 250 =
 * 375, is costly. When G2 leaves (its activity to H1, so G3 receives nothing), G3 is the
 * only practice in use: the median is its own £400/m², and it is costly no more. */
static void
test_median_moves_others (void)
{
  g_autoptr(GBytes) bytes = fp_test_read_data_file ("engine-estate.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) small = fp_dataset_parse (bytes, &error);
  g_autoptr(FpModel) m = NULL;
  g_autoptr(FpEngine) engine = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(FpResults) expected = NULL;
  g_autoptr(FpChange) c = NULL;
  guint g3, ny;

  g_assert_no_error (error);
  g_assert_true (fp_estate_find_site (small, "G3", &g3));
  g_array_index (small->sites, FpSite, g3).numbers[FP_SITE_COST_RENT] = 160000;
  m = fp_model_new (small, &error);
  g_assert_no_error (error);
  engine = fp_engine_new (m);
  res = fp_engine_compute (engine, NULL);
  ny = res->n_years;
  g_assert_true (res->site_years[g3 * ny + 2].reasons & FP_REASON_COSTLY);

  c = fp_change_new (FP_CHANGE_EXIT_SITE, fp_model_get_base_year (m) + 2);
  c->site = g_strdup ("G2");
  c->to_sites = g_new0 (char *, 2);
  c->to_sites[0] = g_strdup ("H1");
  c->confidence = 1;
  g_assert_true (fp_engine_apply (engine, c, &error));
  g_assert_true (fp_engine_update_results (engine, res, NULL));

  expected = fp_engine_compute (engine, NULL);
  assert_identical ("G2 leaves", res, expected);
  g_assert_true (res->site_years[g3 * ny + 1].reasons & FP_REASON_COSTLY);
  g_assert_false (res->site_years[g3 * ny + 2].reasons & FP_REASON_COSTLY);
  g_assert_cmpfloat (res->median_cost_by_year[2 * FP_N_SITE_TYPES + FP_SITE_TYPE_GP_PRACTICE],
                     ==, 400);
}

/* Results an engine cannot vouch for are computed again in full, and are right. */
static void
test_falls_back (void)
{
  g_autoptr(FpEngine) engine = fp_engine_new (model);
  g_autoptr(FpEngine) copy = NULL;
  int year = fp_model_get_base_year (model);
  g_autoptr(FpChange) hours = fp_change_new (FP_CHANGE_CHANGE_HOURS, year + 2);
  g_autoptr(FpChange) other = fp_change_new (FP_CHANGE_CHANGE_HOURS, year + 3);
  g_autoptr(FpResults) res = fp_engine_compute (engine, do_nothing);
  g_autoptr(FpResults) expected = NULL;
  g_autoptr(FpResults) ahead = NULL;

  hours->site = g_strdup (fp_estate_get_site (estate, 100)->id);
  hours->hours_open_per_week = 20;
  other->site = g_strdup (fp_estate_get_site (estate, 200)->id);
  other->hours_open_per_week = 30;

  /* A copy has a lineage of its own: its results cannot be updated by the original,
   * which applied another change since. */
  copy = fp_engine_copy (engine);
  g_assert_true (fp_engine_apply (copy, hours, NULL));
  g_assert_true (fp_engine_apply (engine, other, NULL));
  g_assert_true (fp_engine_update_results (engine, res, do_nothing));
  ahead = fp_engine_compute (copy, do_nothing);
  g_assert_false (fp_engine_update_results (engine, ahead, do_nothing));
  expected = fp_engine_compute (engine, do_nothing);
  assert_identical ("results of a copy", ahead, expected);
  assert_identical ("results updated", res, expected);

  /* Results from further on than the engine (an undo by restoring a copy) too. */
  {
    g_autoptr(FpEngine) earlier = fp_engine_new (model);
    g_autoptr(FpResults) base = fp_engine_compute (earlier, do_nothing);

    g_assert_false (fp_engine_update_results (earlier, res, do_nothing));
    assert_identical ("results of a later state", res, base);
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
  do_nothing = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fp/incremental/matches-full", test_matches_full);
  g_test_add_func ("/fp/incremental/every-exit", test_every_exit);
  g_test_add_func ("/fp/incremental/median-moves-others", test_median_moves_others);
  g_test_add_func ("/fp/incremental/falls-back", test_falls_back);

  status = g_test_run ();
  fp_results_free (do_nothing);
  fp_model_free (model);
  fp_estate_free (estate);
  return status;
}
