/* test-zone-values.c: areas, densities, deciles and distances by zone.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-test-util.h"
#include "fp-zone-values.h"

/* A square of 0.01° a side at 52°N: 1.11195 km by 1.11195 × cos 52° = 0.68459 km. */
static void
test_ring_area (void)
{
  const double square[] = { -1.90, 52.00, -1.89, 52.00, -1.89, 52.01, -1.90, 52.01 };
  const double reversed[] = { -1.90, 52.00, -1.90, 52.01, -1.89, 52.01, -1.89, 52.00 };
  const double closed[] = { -1.90, 52.00, -1.89, 52.00, -1.89, 52.01, -1.90, 52.01, -1.90, 52.00 };
  double side = G_PI * FP_EARTH_RADIUS_KM / 180.0 * 0.01;
  double expected = side * side * cos (52.005 * G_PI / 180.0);

  g_assert_cmpfloat_with_epsilon (fp_geo_ring_area_km2 (square, 4), expected, 1e-9);
  g_assert_cmpfloat_with_epsilon (fp_geo_ring_area_km2 (reversed, 4), expected, 1e-9);
  g_assert_cmpfloat_with_epsilon (fp_geo_ring_area_km2 (closed, 5), expected, 1e-9);
  g_assert_cmpfloat_with_epsilon (expected, 0.7612, 1e-3);
  g_assert_cmpfloat (fp_geo_ring_area_km2 (square, 2), ==, 0);
}

/* A hole is subtracted; a multipolygon's parts add up; a zone with no polygon is NAN. */
static void
test_geojson (void)
{
  g_autoptr(FpEstate) estate = fp_test_load_tiny ();
  const char *template =
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"lsoa21_code\":\"%s\"},\"geometry\":{\"type\":"
    "\"Polygon\",\"coordinates\":[[[0,0],[0.02,0],[0.02,0.02],[0,0.02],[0,0]],"
    "[[0.005,0.005],[0.015,0.005],[0.015,0.015],[0.005,0.015],[0.005,0.005]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"lsoa21_code\":\"E99999999\"},\"geometry\":{\"type\":"
    "\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,0]]]}}]}";
  g_autofree char *json = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *areas = NULL;
  double unit;

  g_assert_cmpuint (estate->zones->len, >=, 2);
  json = g_strdup_printf (template, g_array_index (estate->zones, FpZone, 0).code);
  bytes = g_bytes_new (json, strlen (json));
  areas = fp_zone_areas_from_geojson (estate, bytes, &error);
  g_assert_no_error (error);

  /* At the equator 0.01° is 1.11195 km both ways: 4 units less 1. */
  unit = pow (G_PI * FP_EARTH_RADIUS_KM / 180.0 * 0.01, 2);
  g_assert_cmpfloat_with_epsilon (areas[0], 3 * unit, 1e-6);
  for (guint z = 1; z < estate->zones->len; z++)
    g_assert_true (isnan (areas[z]));

  {
    const char *bad = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\","
                      "\"properties\":{\"lsoa21_code\":\"%s\"},\"geometry\":{\"type\":\"Point\","
                      "\"coordinates\":[0,0]}}]}";
    g_autofree char *bad_json = g_strdup_printf (bad, g_array_index (estate->zones, FpZone, 0).code);
    g_autoptr(GBytes) bad_bytes = g_bytes_new (bad_json, strlen (bad_json));
    g_autoptr(GError) bad_error = NULL;
    g_autofree double *none = fp_zone_areas_from_geojson (estate, bad_bytes, &bad_error);

    g_assert_null (none);
    g_assert_error (bad_error, FP_ERROR, FP_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (bad_error->message, "not a polygon"));
  }
}

/* The 793 LSOAs of the default dataset cover Birmingham and Solihull: the ONS Standard
 * Area Measurements (2022) give 267.77 km² and 178.32 km² of land, 446.09 km² together;
 * the shipped polygons are generalised, so within 3% of it. */
static void
test_default_areas (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autofree double *areas = NULL;
  g_autofree double *density = NULL;
  double total = 0, people = 0, max_density = 0;

  g_assert_no_error (error);
  areas = fp_zone_areas_load_default (estate, &error);
  g_assert_no_error (error);
  density = g_new (double, estate->zones->len);
  fp_zone_values_density (estate, areas, density);

  for (guint z = 0; z < estate->zones->len; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
      double pop = 0;

      g_assert_false (isnan (areas[z]));
      g_assert_cmpfloat (areas[z], >, 0);
      total += areas[z];
      for (guint b = 0; b < FP_N_AGE_BANDS; b++)
        pop += zone->population[b];
      people += pop;
      g_assert_cmpfloat_with_epsilon (density[z] * areas[z], pop, 1e-6);
      max_density = MAX (max_density, density[z]);
    }

  g_test_message ("LSOA areas sum to %.2f km² for %.0f people", total, people);
  g_assert_cmpfloat (fabs (total - 446.09) / 446.09, <, 0.03);
  /* The most crowded LSOA is far denser than the area's average (about 3,000 a km²). */
  g_assert_cmpfloat (max_density, >, 3 * people / total);
}

static void
test_deciles_and_distances (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) dn = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(FpAccess) before = NULL;
  g_autoptr(FpAccess) after = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autofree double *deciles = NULL, *km = NULL, *change = NULL;
  const FpAccessSet *set_before, *set_after;
  FpChange *exit;
  guint further = 0;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);

  deciles = g_new (double, estate->zones->len);
  fp_zone_values_imd_decile (estate, deciles);
  for (guint z = 0; z < estate->zones->len; z++)
    {
      int d = g_array_index (estate->zones, FpZone, z).imd_decile;

      if (d == 0)
        g_assert_true (isnan (deciles[z]));
      else
        g_assert_cmpfloat (deciles[z], ==, d);
    }

  /* Leave every site offering urgent care: zones only get further from it. */
  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  before = fp_access_compute (model, dn, 2);
  set_before = fp_access_find (before, FP_FACILITY_SERVICE, "urgent_care");
  g_assert_nonnull (set_before);
  g_assert_cmpuint (set_before->nearest[0], !=, G_MAXUINT);

  exit = fp_change_new (FP_CHANGE_EXIT_SITE, estate->base_year + 1);
  exit->site = g_strdup (g_array_index (estate->sites, FpSite, set_before->nearest[0]).id);
  g_ptr_array_add (changes, exit);
  res = fp_compute_scenario (model, changes, dn, &error);
  g_assert_no_error (error);
  after = fp_access_compute (model, res, 2);
  set_after = fp_access_find (after, FP_FACILITY_SERVICE, "urgent_care");

  km = g_new (double, estate->zones->len);
  change = g_new (double, estate->zones->len);
  fp_zone_values_distance (estate, set_after, km);
  fp_zone_values_distance_change (estate, set_before, set_after, change);
  for (guint z = 0; z < estate->zones->len; z++)
    {
      g_assert_cmpfloat (km[z], ==, set_after->km[z]);
      g_assert_cmpfloat_with_epsilon (change[z], set_after->km[z] - set_before->km[z], 1e-12);
      g_assert_cmpfloat (change[z], >=, -1e-9);
      if (change[z] > 1e-9)
        further++;
    }
  /* The first zone's nearest site left, so at least that zone is further now. */
  g_assert_cmpfloat (change[0], >, 0);
  g_assert_cmpuint (further, >=, 1);

  /* With no set, every value is unknown. */
  fp_zone_values_distance (estate, NULL, km);
  g_assert_true (isnan (km[0]));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/zone-values/ring-area", test_ring_area);
  g_test_add_func ("/fp/zone-values/geojson", test_geojson);
  g_test_add_func ("/fp/zone-values/default-areas", test_default_areas);
  g_test_add_func ("/fp/zone-values/deciles-and-distances", test_deciles_and_distances);

  return g_test_run ();
}
