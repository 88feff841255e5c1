/* fp-zone-values.c: population density, deprivation and distance to a service, by zone.
 *
 * Each function fills an array indexed like the estate's zones, NAN where the value is
 * not known (a zone with no polygon, no deprivation decile, or no site offering the
 * service). Areas are measured on the shipped LSOA 2021 polygons (generalised, so a few
 * per cent under the ONS standard area measurements) with a local equirectangular
 * projection per ring, which for areas of a few km² differs from the ellipsoidal area by
 * much less than the generalisation does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-zone-values"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-dataset.h"
#include "fp-error.h"
#include "fp-geo.h"
#include "fp-zone-values.h"

#define LSOA_RESOURCE "boundaries/lsoa21.geojson"
#define LSOA_CODE_FIELD "lsoa21_code"

/**
 * fp_geo_ring_area_km2:
 * @lonlat: (array length=n_points): longitude, latitude pairs of a closed or open ring
 * @n_points: how many pairs
 *
 * Returns: the area the ring encloses, km² (positive whatever its orientation)
 */
double
fp_geo_ring_area_km2 (const double *lonlat,
                      guint         n_points)
{
  double lat0 = 0, k, twice = 0;

  /* GeoJSON repeats the first point at the end; the ring is the same without it. */
  if (n_points > 1 && lonlat[0] == lonlat[2 * (n_points - 1)] &&
      lonlat[1] == lonlat[2 * (n_points - 1) + 1])
    n_points--;
  if (n_points < 3)
    return 0;

  for (guint i = 0; i < n_points; i++)
    lat0 += lonlat[2 * i + 1];
  lat0 /= n_points;

  /* Kilometres per degree: of latitude, and of longitude at the ring's mean latitude. */
  k = G_PI * FP_EARTH_RADIUS_KM / 180.0;

  for (guint i = 0; i < n_points; i++)
    {
      guint j = (i + 1) % n_points;
      double x0 = lonlat[2 * i] * k * cos (lat0 * G_PI / 180.0);
      double y0 = lonlat[2 * i + 1] * k;
      double x1 = lonlat[2 * j] * k * cos (lat0 * G_PI / 180.0);
      double y1 = lonlat[2 * j + 1] * k;

      twice += x0 * y1 - x1 * y0;
    }

  return fabs (twice) / 2.0;
}

static gboolean
ring_area (JsonArray *ring,
           double    *area)
{
  guint n = json_array_get_length (ring);
  g_autofree double *points = g_new (double, 2 * MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (ring, i);
      JsonArray *pair;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;
      pair = json_node_get_array (node);
      if (json_array_get_length (pair) < 2)
        return FALSE;
      points[2 * i] = json_array_get_double_element (pair, 0);
      points[2 * i + 1] = json_array_get_double_element (pair, 1);
    }

  *area = fp_geo_ring_area_km2 (points, n);
  return TRUE;
}

/* A polygon's area: its outer ring less its holes. */
static gboolean
polygon_area (JsonArray *polygon,
              double    *area)
{
  *area = 0;
  for (guint r = 0; r < json_array_get_length (polygon); r++)
    {
      JsonNode *node = json_array_get_element (polygon, r);
      double a;

      if (!JSON_NODE_HOLDS_ARRAY (node) || !ring_area (json_node_get_array (node), &a))
        return FALSE;
      *area += r == 0 ? a : -a;
    }

  return TRUE;
}

/**
 * fp_zone_areas_from_geojson:
 * @estate: the estate whose zones to measure
 * @geojson: a FeatureCollection of (Multi)Polygons with the zone code in `lsoa21_code`
 * @error: return location for an error
 *
 * Returns: (transfer full) (array) (nullable): each zone's area in km², NAN for a zone
 *   with no polygon; %NULL when @geojson is not a collection of polygons
 */
double *
fp_zone_areas_from_geojson (const FpEstate  *estate,
                            GBytes          *geojson,
                            GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;
  g_autofree double *areas = NULL;
  JsonNode *root;
  JsonArray *features;
  gsize size;
  const char *data = g_bytes_get_data (geojson, &size);

  g_return_val_if_fail (estate != NULL, NULL);

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The zone boundaries are not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "features") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "features")))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The zone boundaries are not a GeoJSON FeatureCollection"));
      return NULL;
    }

  areas = g_new (double, MAX (estate->zones->len, 1));
  for (guint z = 0; z < estate->zones->len; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);

      areas[z] = NAN;
      g_hash_table_insert (index, zone->code, GUINT_TO_POINTER (z + 1));
    }

  features = json_object_get_array_member (json_node_get_object (root), "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonNode *node = json_array_get_element (features, i);
      JsonObject *feature, *props = NULL, *geometry = NULL;
      JsonArray *coordinates = NULL;
      const char *code = NULL, *type = NULL;
      gboolean ok = TRUE;
      double area = 0;
      guint z;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      feature = json_node_get_object (node);
      if (json_object_has_member (feature, "properties") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "properties")))
        props = json_object_get_object_member (feature, "properties");
      if (props != NULL)
        code = json_object_get_string_member_with_default (props, LSOA_CODE_FIELD, NULL);
      z = code != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (index, code)) : 0;
      if (z == 0)
        continue;

      if (json_object_has_member (feature, "geometry") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (feature, "geometry")))
        geometry = json_object_get_object_member (feature, "geometry");
      if (geometry != NULL)
        {
          type = json_object_get_string_member_with_default (geometry, "type", NULL);
          if (json_object_has_member (geometry, "coordinates") &&
              JSON_NODE_HOLDS_ARRAY (json_object_get_member (geometry, "coordinates")))
            coordinates = json_object_get_array_member (geometry, "coordinates");
        }

      if (type == NULL || coordinates == NULL)
        ok = FALSE;
      else if (g_str_equal (type, "Polygon"))
        ok = polygon_area (coordinates, &area);
      else if (g_str_equal (type, "MultiPolygon"))
        for (guint p = 0; ok && p < json_array_get_length (coordinates); p++)
          {
            JsonNode *polygon = json_array_get_element (coordinates, p);
            double a = 0;

            ok = JSON_NODE_HOLDS_ARRAY (polygon) &&
                 polygon_area (json_node_get_array (polygon), &a);
            area += a;
          }
      else
        ok = FALSE;

      if (!ok)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                       _("Zone boundary %u (“%s”) is not a polygon with coordinates"),
                       i + 1, code);
          return NULL;
        }

      areas[z - 1] = isnan (areas[z - 1]) ? area : areas[z - 1] + area;
    }

  return g_steal_pointer (&areas);
}

/**
 * fp_zone_areas_load_default:
 * @estate: the estate whose zones to measure
 * @error: return location for an error
 *
 * Returns: (transfer full) (array) (nullable): each zone's area in km², from the built-in
 *   LSOA 2021 boundaries
 */
double *
fp_zone_areas_load_default (const FpEstate  *estate,
                            GError         **error)
{
  g_autoptr(GBytes) bytes = fp_dataset_lookup_resource (LSOA_RESOURCE, error);

  if (bytes == NULL)
    return NULL;
  return fp_zone_areas_from_geojson (estate, bytes, error);
}

static double
zone_population (const FpZone *zone)
{
  double people = 0;

  for (guint b = 0; b < FP_N_AGE_BANDS; b++)
    people += zone->population[b];
  return people;
}

/**
 * fp_zone_values_density:
 * @estate: the estate
 * @areas_km2: each zone's area (fp_zone_areas_load_default())
 * @values: (out caller-allocates): people per km², one per zone
 */
void
fp_zone_values_density (const FpEstate *estate,
                        const double   *areas_km2,
                        double         *values)
{
  g_return_if_fail (estate != NULL && areas_km2 != NULL && values != NULL);

  for (guint z = 0; z < estate->zones->len; z++)
    values[z] = areas_km2[z] > 0 ? zone_population (&g_array_index (estate->zones, FpZone, z)) /
                                   areas_km2[z]
                                 : NAN;
}

/**
 * fp_zone_values_imd_decile:
 * @estate: the estate
 * @values: (out caller-allocates): the IMD 2019 decile (1 most deprived), one per zone
 */
void
fp_zone_values_imd_decile (const FpEstate *estate,
                           double         *values)
{
  g_return_if_fail (estate != NULL && values != NULL);

  for (guint z = 0; z < estate->zones->len; z++)
    {
      int decile = g_array_index (estate->zones, FpZone, z).imd_decile;

      values[z] = decile >= 1 && decile <= 10 ? decile : NAN;
    }
}

/**
 * fp_zone_values_distance:
 * @estate: the estate
 * @set: (nullable): access to a service (fp_access_find())
 * @values: (out caller-allocates): the road distance estimate to the nearest site in
 *   @set, km, one per zone
 */
void
fp_zone_values_distance (const FpEstate    *estate,
                         const FpAccessSet *set,
                         double            *values)
{
  g_return_if_fail (estate != NULL && values != NULL);

  for (guint z = 0; z < estate->zones->len; z++)
    values[z] = set != NULL && set->km != NULL ? set->km[z] : NAN;
}

/**
 * fp_zone_values_distance_change:
 * @estate: the estate
 * @before: (nullable): access to a service before a scenario (Do nothing)
 * @after: (nullable): access to the same service in the scenario
 * @values: (out caller-allocates): how much further (positive) or nearer (negative) the
 *   nearest site is, km, one per zone
 */
void
fp_zone_values_distance_change (const FpEstate    *estate,
                                const FpAccessSet *before,
                                const FpAccessSet *after,
                                double            *values)
{
  g_return_if_fail (estate != NULL && values != NULL);

  for (guint z = 0; z < estate->zones->len; z++)
    {
      double a = before != NULL && before->km != NULL ? before->km[z] : NAN;
      double b = after != NULL && after->km != NULL ? after->km[z] : NAN;

      values[z] = b - a;
    }
}
