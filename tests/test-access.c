/* test-access.c: distances, the nearest-site index, coverage shares and equity.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "fp-test-util.h"

/* Great-circle distance against published and hand-worked values. */
static void
test_haversine (void)
{
  /* Rosetta Code's haversine task: Nashville BNA (36.12, −86.67) to Los Angeles LAX
   * (33.94, −118.40) is 2,886.444442837983 km on a sphere of radius 6,371 km (2,887.26 km
   * with 6,372.8); Footprint's sphere has radius 6,371.0088 km, so the distance scales by
   * 6,371.0088 ÷ 6,371. */
  g_assert_cmpfloat_with_epsilon (fp_geo_haversine_km (36.12, -86.67, 33.94, -118.40),
                                  2886.444442837983 * 6371.0088 / 6371.0, 1e-6);

  /* One degree of latitude is π R ÷ 180 = 111.1951 km; of longitude at the equator too. */
  g_assert_cmpfloat_with_epsilon (fp_geo_haversine_km (52.0, -1.9, 53.0, -1.9),
                                  G_PI * 6371.0088 / 180.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (fp_geo_haversine_km (0, 10, 0, 11), G_PI * 6371.0088 / 180.0, 1e-9);
  g_assert_cmpfloat (fp_geo_haversine_km (52.47, -1.89, 52.47, -1.89), ==, 0);

  /* Birmingham New Street station (52.4778, −1.8990) to Solihull station (52.4143,
   * −1.7880): 0.0635° of latitude is 7.06 km and 0.111° of longitude at 52.45° is 7.52 km,
   * so about 10.3 km in a straight line (the rail route is about 11.5 km). */
  {
    double km = fp_geo_haversine_km (52.4778, -1.8990, 52.4143, -1.7880);

    g_assert_cmpfloat (km, >, 10.0);
    g_assert_cmpfloat (km, <, 10.6);
    /* Symmetric. */
    g_assert_cmpfloat_with_epsilon (km, fp_geo_haversine_km (52.4143, -1.7880, 52.4778, -1.8990), 1e-12);
  }
}

/* Random points for an index test: spread over an area the size of Birmingham and
 * Solihull, over England, or in a few tight clusters (towns in open country), some of
 * them on top of each other. */
static void
random_points (GRand  *rand,
               guint   n,
               guint   layout,
               double *lat,
               double *lon)
{
  double clat[4], clon[4];

  for (guint c = 0; c < 4; c++)
    {
      clat[c] = g_rand_double_range (rand, 50.5, 55.0);
      clon[c] = g_rand_double_range (rand, -4.0, 1.0);
    }

  for (guint i = 0; i < n; i++)
    {
      switch (layout)
        {
        case 0:
          lat[i] = g_rand_double_range (rand, 52.35, 52.65);
          lon[i] = g_rand_double_range (rand, -2.05, -1.60);
          break;
        case 1:
          lat[i] = g_rand_double_range (rand, 50.0, 55.8);
          lon[i] = g_rand_double_range (rand, -5.7, 1.8);
          break;
        default:
          {
            guint c = g_rand_int_range (rand, 0, 4);

            lat[i] = clat[c] + g_rand_double_range (rand, -0.02, 0.02);
            lon[i] = clon[c] + g_rand_double_range (rand, -0.03, 0.03);
          }
          break;
        }

      if (i > 0 && g_rand_int_range (rand, 0, 10) == 0)
        {
          lat[i] = lat[i - 1];  /* a duplicate location: the lower index must win */
          lon[i] = lon[i - 1];
        }
    }
}

/* The index finds what a scan of every site finds, on random instances over an area the
 * size of Birmingham and Solihull, over England and in clusters, sparse and dense, with
 * points on top of each other and queries on the points themselves. */
static void
test_index_matches_scan (void)
{
  GRand *rand = g_rand_new_with_seed (20261122);

  for (guint instance = 0; instance < 90; instance++)
    {
      guint n = 1 + g_rand_int_range (rand, 0, instance % 3 == 0 ? 20 : 1500);
      guint layout = instance % 3;
      g_autofree double *lat = g_new (double, n);
      g_autofree double *lon = g_new (double, n);
      g_autofree guint *ids = g_new (guint, n);
      g_autoptr(FpSiteIndex) index = NULL;

      random_points (rand, n, layout, lat, lon);
      /* Ids in another order than the points, as a set's site indices are. */
      for (guint i = 0; i < n; i++)
        ids[i] = 3 * i + 7;

      index = fp_site_index_new (lat, lon, ids, n);
      g_assert_cmpuint (fp_site_index_get_size (index), ==, n);

      for (guint q = 0; q < 200; q++)
        {
          double qlat, qlon, best = G_MAXDOUBLE, km;
          guint best_i = G_MAXUINT, id;

          random_points (rand, 1, layout, &qlat, &qlon);
          qlat += g_rand_double_range (rand, -0.1, 0.1);
          if (q % 7 == 0)
            {
              /* exactly on a site */
              qlat = lat[q % n];
              qlon = lon[q % n];
            }

          for (guint i = 0; i < n; i++)
            {
              double d = fp_geo_haversine_km (qlat, qlon, lat[i], lon[i]);

              if (d < best)
                {
                  best = d;
                  best_i = i;
                }
            }

          g_assert_true (fp_site_index_nearest (index, qlat, qlon, &id, &km));
          if (id != ids[best_i])
            g_error ("instance %u query %u: index found %u (%.6f km), scan %u (%.6f km)",
                     instance, q, id, km, ids[best_i], best);
          g_assert_cmpfloat (km, ==, best);
        }
    }

  g_rand_free (rand);

  /* An empty index finds nothing. */
  {
    g_autoptr(FpSiteIndex) empty = fp_site_index_new (NULL, NULL, NULL, 0);
    guint id;
    double km;

    g_assert_false (fp_site_index_nearest (empty, 52.4, -1.9, &id, &km));
    g_assert_cmpuint (fp_site_index_nearest_k (empty, 52.4, -1.9, 3, 1.0, G_MAXDOUBLE, &id, &km),
                      ==, 0);
  }
}

typedef struct
{
  guint  id;
  double value;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  return (x->id > y->id) - (x->id < y->id);
}

/* The k nearest by scale × km + weight, below a limit, are those a scan ranks first: the
 * allocator's first candidates (no weights) and its pricing (weights, a limit). The
 * index computes km from the chord and the scan by haversine, so values agree to 1e-9 km
 * and the order may differ only between values that close. */
static void
test_index_nearest_k (void)
{
  GRand *rand = g_rand_new_with_seed (13);

  for (guint instance = 0; instance < 60; instance++)
    {
      guint n = 1 + g_rand_int_range (rand, 0, instance % 4 == 0 ? 15 : 900);
      guint layout = instance % 3;
      gboolean weighted = instance % 2 == 1;
      g_autofree double *lat = g_new (double, n);
      g_autofree double *lon = g_new (double, n);
      g_autofree double *weight = g_new0 (double, n);
      g_autofree Ranked *scan = g_new (Ranked, n);
      g_autoptr(FpSiteIndex) index = NULL;
      double scale = g_rand_double_range (rand, 1.0, 1.5);

      random_points (rand, n, layout, lat, lon);
      index = fp_site_index_new (lat, lon, NULL, n);
      if (weighted)
        {
          /* Most points free, some expensive, as capacity duals are. */
          for (guint i = 0; i < n; i++)
            weight[i] = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_double_range (rand, 0, 40) : 0;
          fp_site_index_set_weights (index, weight);
        }

      for (guint q = 0; q < 50; q++)
        {
          double qlat, qlon;
          guint k = 1 + g_rand_int_range (rand, 0, 40), found, expected = 0;
          double limit = q % 3 == 0 ? g_rand_double_range (rand, 1, 60) : G_MAXDOUBLE;
          guint ids[40];
          double values[40];

          random_points (rand, 1, layout, &qlat, &qlon);
          for (guint i = 0; i < n; i++)
            {
              scan[i].id = i;
              scan[i].value = scale * fp_geo_haversine_km (qlat, qlon, lat[i], lon[i]) + weight[i];
            }
          qsort (scan, n, sizeof (Ranked), compare_ranked);
          while (expected < MIN (k, n) && scan[expected].value < limit)
            expected++;

          found = fp_site_index_nearest_k (index, qlat, qlon, k, scale, limit, ids, values);
          if (found != expected && fabs (scan[MIN (found, expected)].value - limit) > 1e-9)
            g_error ("instance %u query %u: index found %u, scan %u", instance, q, found,
                     expected);

          for (guint j = 0; j < MIN (found, expected); j++)
            {
              g_assert_cmpfloat_with_epsilon (values[j], scan[j].value, 1e-9);
              if (ids[j] != scan[j].id)
                {
                  /* Only a tie within rounding may reorder: the point the scan has there
                   * must have the same value. */
                  double theirs = scale * fp_geo_haversine_km (qlat, qlon, lat[ids[j]],
                                                               lon[ids[j]]) + weight[ids[j]];

                  if (fabs (theirs - scan[j].value) > 1e-9)
                    g_error ("instance %u query %u rank %u: index %u (%.9f), scan %u (%.9f)",
                             instance, q, j, ids[j], values[j], scan[j].id, scan[j].value);
                }
            }
        }
    }

  g_rand_free (rand);
}

/* The engine test estate (tests/data/engine-estate.json: all sites on latitude 52.0; GP
 * appointments at H1 −1.90, G2 −1.88 and G3 −1.80; circuity 1.3; car 24 km/h) with four
 * hand-built zones on the same latitude:
 *
 *   zone  lon     people  65+  IMD decile  nearest GP site      distance × 1.3
 *   Z1   −1.90    1,000   100      1       H1 (on it)             0
 *   Z2   −1.85      500    50      5       G2 (0.03° of lon)      2.670 km  within 2 miles
 *   Z3   −1.75      300   200      2       G3 (0.05°)             4.450 km  beyond
 *   Z4   −1.60      200    20      9       G3 (0.20°)            17.80 km   beyond
 *
 * (one degree of longitude at 52° is 111.195 × cos 52° = 68.46 km.)
 * Within 2 miles: Z1 + Z2 = 1,500 of 2,000 = 0.75. Most deprived fifth (deciles 1 and 2):
 * Z1 + Z3 = 1,300, of whom Z1's 1,000 are within: 0.7692. Aged 65+: 370, of whom 150
 * within: 0.4054. Gap: 0.75 − 0.7692 = −0.0192 (the deprived are better served here). */
static FpEstate *
access_estate (void)
{
  g_autoptr(GBytes) bytes = fp_test_read_data_file ("engine-estate.json");
  g_autoptr(GError) error = NULL;
  FpEstate *estate = fp_dataset_parse (bytes, &error);
  const struct { const char *code; double lon; int people, old, decile; } zones[] = {
    { "Z1", -1.90, 1000, 100, 1 },
    { "Z2", -1.85, 500, 50, 5 },
    { "Z3", -1.75, 300, 200, 2 },
    { "Z4", -1.60, 200, 20, 9 },
  };

  g_assert_no_error (error);
  g_array_set_size (estate->zones, 0);
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      FpZone z = { g_strdup (zones[i].code), g_strdup (zones[i].code), g_strdup ("E1"), NULL, NULL,
                   52.0, zones[i].lon, { 0 }, zones[i].decile, 1 };

      z.population[0] = zones[i].people - zones[i].old;
      z.population[FP_N_AGE_BANDS - 1] = zones[i].old;
      g_array_append_val (estate->zones, z);
    }

  return estate;
}

static double
lon_km (double degrees)
{
  return fp_geo_haversine_km (52.0, 0, 52.0, degrees);
}

static void
test_shares (void)
{
  g_autoptr(FpEstate) estate = access_estate ();
  g_autoptr(FpModel) model = fp_model_new (estate, NULL);
  g_autoptr(FpResults) res = fp_compute_scenario (model, NULL, NULL, NULL);
  g_autoptr(FpAccess) access = fp_access_compute (model, res, 0);
  const FpAccessSet *gp = fp_access_find (access, FP_FACILITY_SERVICE, "gp");
  double expected_mean;
  guint g2, g3;

  g_assert_nonnull (gp);
  g_assert_cmpuint (gp->n_sites, ==, 3);
  g_assert_cmpint (gp->threshold_unit, ==, FP_THRESHOLD_KM);
  g_assert_cmpfloat_with_epsilon (gp->threshold, 3.218688, 1e-9);

  g_assert_true (fp_results_find_site (res, "G2", &g2));
  g_assert_true (fp_results_find_site (res, "G3", &g3));
  g_assert_cmpuint (gp->nearest[1], ==, g2);
  g_assert_cmpuint (gp->nearest[2], ==, g3);
  g_assert_cmpuint (gp->nearest[3], ==, g3);
  g_assert_cmpfloat_with_epsilon (gp->km[0], 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (gp->km[1], lon_km (0.03) * 1.3, 1e-9);
  g_assert_cmpfloat_with_epsilon (gp->km[1], 2.670, 0.001);
  g_assert_cmpfloat_with_epsilon (gp->km[2], 4.450, 0.001);

  g_assert_cmpfloat_with_epsilon (gp->share_within, 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (gp->share_within_deprived, 1000.0 / 1300.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (gp->share_within_65plus, 150.0 / 370.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (gp->gap_deprived, 0.75 - 1000.0 / 1300.0, 1e-12);

  expected_mean = (500 * lon_km (0.03) + 300 * lon_km (0.05) + 200 * lon_km (0.20)) * 1.3 / 2000;
  g_assert_cmpfloat_with_epsilon (gp->mean_km, expected_mean, 1e-9);
  /* Car at 24 km/h: minutes = km ÷ 24 × 60. */
  g_assert_cmpfloat_with_epsilon (gp->mean_car_min, expected_mean / 24 * 60, 1e-9);
  g_assert_cmpfloat_with_epsilon (gp->mean_walk_min, expected_mean / 4.8 * 60, 1e-9);

  /* No site offers a service: the named state, not a number. */
  {
    const FpAccessSet *none = fp_access_find (access, FP_FACILITY_SITE_TYPE, "urgent_care_centre");

    g_assert_nonnull (none);
    g_assert_cmpuint (none->n_sites, ==, 0);
    g_assert_true (isnan (none->mean_km));
    g_assert_true (isnan (none->share_within));
    g_assert_cmpuint (none->nearest[0], ==, G_MAXUINT);
  }
}

/* Leaving G3, the only GP site in the east, sends its patients to G2: exactly the zones G3
 * served (Z3 and Z4) are further; Z1 and Z2 are not. */
static void
test_exit_raises_exactly_its_zones (void)
{
  g_autoptr(FpEstate) estate = access_estate ();
  g_autoptr(FpModel) model = fp_model_new (estate, NULL);
  g_autoptr(FpResults) dn = fp_compute_scenario (model, NULL, NULL, NULL);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(FpResults) left = NULL;
  g_autoptr(FpAccess) before = fp_access_compute (model, dn, 1);
  g_autoptr(FpAccess) after = NULL;
  g_autoptr(JsonNode) node = json_from_string (
    "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G3\", \"to_sites\": [\"G2\"]}", NULL);
  const FpAccessSet *a, *b;
  FpAccessChange change;
  guint g3;

  g_ptr_array_add (changes, fp_change_from_json (json_node_get_object (node), "t", NULL));
  left = fp_compute_scenario (model, changes, dn, NULL);
  g_assert_nonnull (left);
  after = fp_access_compute (model, left, 1);
  a = fp_access_find (before, FP_FACILITY_SERVICE, "gp");
  b = fp_access_find (after, FP_FACILITY_SERVICE, "gp");
  g_assert_true (fp_results_find_site (dn, "G3", &g3));

  for (guint z = 0; z < 4; z++)
    {
      gboolean served_by_g3 = a->nearest[z] == g3;

      g_assert_cmpint (b->km[z] > a->km[z] + 1e-9, ==, served_by_g3);
      if (!served_by_g3)
        g_assert_cmpfloat (b->km[z], ==, a->km[z]);
    }

  fp_access_compare (model, a, b, &change);
  g_assert_cmpuint (change.zones_further, ==, 2);
  g_assert_cmpfloat (change.people_further, ==, 500);
  g_assert_cmpfloat (change.people_further_deprived, ==, 300);
  g_assert_cmpfloat (change.people_further_65plus, ==, 220);
  /* Z3: from 0.05° to 0.13° of longitude; Z4: from 0.20° to 0.28°; each 0.08° further
   * (a great circle is not the parallel, so the two increases differ in the 7th digit). */
  {
    double z3 = (lon_km (0.13) - lon_km (0.05)) * 1.3;
    double z4 = (lon_km (0.28) - lon_km (0.20)) * 1.3;

    g_assert_cmpfloat_with_epsilon (z3, lon_km (0.08) * 1.3, 1e-4);
    g_assert_cmpfloat_with_epsilon (change.max_increase_km, MAX (z3, z4), 1e-9);
    g_assert_cmpfloat_with_epsilon (change.mean_increase_km, (300 * z3 + 200 * z4) / 500, 1e-9);
  }
  g_assert_cmpuint (change.zones_closer, ==, 0);
  /* Within 2 miles falls to Z1 + Z2 still: 0.75; the deprived share is unchanged too. */
  g_assert_cmpfloat_with_epsilon (b->share_within, 0.75, 1e-12);
}

/* On the BSol default: leaving an urgent care site moves exactly the zones it was nearest
 * to, and the totals are consistent. */
static void
test_default_exit_urgent (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = fp_model_new (estate, &error);
  g_autoptr(FpResults) dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_autoptr(FpAccess) before = fp_access_compute (model, dn, 1);
  const FpAccessSet *a = fp_access_find (before, FP_FACILITY_GROUP, "urgent_care_or_walk_in");
  g_autofree guint *served = g_new0 (guint, dn->n_sites);
  guint busiest = 0;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(FpResults) left = NULL;
  g_autoptr(FpAccess) after = NULL;
  g_autoptr(JsonNode) node = NULL;
  const FpAccessSet *b;
  FpAccessChange change;
  guint expected = 0;
  double people = 0;

  g_assert_no_error (error);
  g_assert_nonnull (a);
  g_assert_cmpuint (a->n_sites, >=, 3);
  g_assert_cmpfloat (a->share_within, >, 0);
  g_assert_cmpfloat (a->share_within, <=, 1);

  /* The site that is nearest for the most zones. */
  for (guint z = 0; z < before->n_zones; z++)
    served[a->nearest[z]]++;
  for (guint s = 0; s < dn->n_sites; s++)
    if (served[s] > served[busiest])
      busiest = s;

  json = g_strdup_printf ("{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"%s\"}",
                          dn->sites[busiest].id);
  node = json_from_string (json, NULL);
  g_ptr_array_add (changes, fp_change_from_json (json_node_get_object (node), "t", &error));
  g_assert_no_error (error);
  left = fp_compute_scenario (model, changes, dn, &error);
  g_assert_no_error (error);
  after = fp_access_compute (model, left, 1);
  b = fp_access_find (after, FP_FACILITY_GROUP, "urgent_care_or_walk_in");

  for (guint z = 0; z < before->n_zones; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);

      if (a->nearest[z] == busiest)
        {
          expected++;
          for (guint band = 0; band < FP_N_AGE_BANDS; band++)
            people += zone->population[band];
          g_assert_cmpfloat (b->km[z], >, a->km[z]);
        }
      else
        {
          /* Nobody else's nearest urgent care site changed (the exit sent its activity to
           * sites that may now offer urgent care, which could only bring zones closer). */
          g_assert_cmpfloat (b->km[z], <=, a->km[z] + 1e-9);
        }
    }

  fp_access_compare (model, a, b, &change);
  g_assert_cmpuint (change.zones_further, ==, expected);
  g_assert_cmpfloat_with_epsilon (change.people_further, people, 1e-6);
  g_assert_cmpfloat (change.people_further_deprived, <=, change.people_further);
  g_test_message ("leaving %s moved %u zones (%.0f people, %.0f in the most deprived fifth) "
                  "further from urgent care", dn->sites[busiest].name, change.zones_further,
                  change.people_further, change.people_further_deprived);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/access/haversine", test_haversine);
  g_test_add_func ("/fp/access/index-matches-scan", test_index_matches_scan);
  g_test_add_func ("/fp/access/index-nearest-k", test_index_nearest_k);
  g_test_add_func ("/fp/access/shares", test_shares);
  g_test_add_func ("/fp/access/exit-raises-exactly-its-zones", test_exit_raises_exactly_its_zones);
  g_test_add_func ("/fp/access/default-exit-urgent", test_default_exit_urgent);

  return g_test_run ();
}
