/* fp-boundaries.c: the area's boundaries, parsed from the dataset and drawn with cairo.
 *
 * Parsed once into flat arrays of projected points per feature; read-only afterwards, so
 * fp_boundaries_draw() may run in several threads at once (the basemap draws its tiles in
 * worker threads). Loading is not thread-safe: load before the first draw, and load the
 * zones before a draw that colours them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-boundaries"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "footprint-core.h"
#include "fp-boundaries.h"
#include "fp-palette.h"

/* Which boundary layer a feature belongs to, in drawing order. */
typedef enum
{
  LAYER_AUTHORITY,
  LAYER_LOCALITY,
  LAYER_WARD,
  LAYER_ZONE,
  N_LAYERS
} Layer;

static const struct
{
  const char *file;
  const char *name_field;
} layer_files[N_LAYERS] = {
  { "boundaries/local_authorities.geojson", "la_name" },
  { "boundaries/localities.geojson", "locality_name" },
  { "boundaries/wards.geojson", "ward_name" },
  { "boundaries/lsoa21.geojson", "lsoa21_code" },
};

typedef struct
{
  double *points;     /* x, y pairs in world units */
  guint   n_points;
  guint  *ring_ends;  /* one past the last point of each ring */
  guint   n_rings;
  double  min_x, min_y, max_x, max_y;
  char   *label;
  double  label_x, label_y;
} Feature;

struct _FpBoundaries
{
  gatomicrefcount  ref_count;
  GPtrArray       *features[N_LAYERS];  /* Feature; read-only once loaded */
  double           min_x, min_y, max_x, max_y;
  gboolean         has_bounds;
};

/* ---- projection ----------------------------------------------------------------- */

/**
 * fp_mercator_x:
 * @lon: longitude, degrees
 *
 * Returns: Web Mercator x, 0 to 1 across the world
 */
double
fp_mercator_x (double lon)
{
  return (lon + 180.0) / 360.0;
}

/**
 * fp_mercator_y:
 * @lat: latitude, degrees
 *
 * Returns: Web Mercator y, 0 at the north edge to 1 at the south
 */
double
fp_mercator_y (double lat)
{
  double r = CLAMP (lat, -85.0511, 85.0511) * G_PI / 180.0;

  return (1.0 - log (tan (r) + 1.0 / cos (r)) / G_PI) / 2.0;
}

double
fp_mercator_lat (double y)
{
  return atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

double
fp_mercator_lon (double x)
{
  return x * 360.0 - 180.0;
}

/* ---- parsing -------------------------------------------------------------------- */

static void
feature_free (gpointer data)
{
  Feature *feature = data;

  g_free (feature->points);
  g_free (feature->ring_ends);
  g_free (feature->label);
  g_free (feature);
}

static gboolean
add_ring (JsonArray *ring,
          GArray    *points,
          GArray    *ring_ends)
{
  guint n = json_array_get_length (ring);
  guint end;

  if (n < 3)
    return TRUE;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (ring, i);
      JsonArray *pair;
      double xy[2];

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;
      pair = json_node_get_array (node);
      if (json_array_get_length (pair) < 2)
        return FALSE;

      xy[0] = fp_mercator_x (json_array_get_double_element (pair, 0));
      xy[1] = fp_mercator_y (json_array_get_double_element (pair, 1));
      g_array_append_vals (points, xy, 2);
    }

  end = points->len / 2;
  g_array_append_val (ring_ends, end);
  return TRUE;
}

static gboolean
add_polygon (JsonArray *polygon,
             GArray    *points,
             GArray    *ring_ends)
{
  for (guint i = 0; i < json_array_get_length (polygon); i++)
    {
      JsonNode *ring = json_array_get_element (polygon, i);

      if (!JSON_NODE_HOLDS_ARRAY (ring) || !add_ring (json_node_get_array (ring), points,
                                                       ring_ends))
        return FALSE;
    }

  return TRUE;
}

/* The area centroid of the feature's largest ring, where its name goes. */
static void
place_label (Feature *feature)
{
  double best_area = 0.0;
  guint start = 0;

  feature->label_x = (feature->min_x + feature->max_x) / 2.0;
  feature->label_y = (feature->min_y + feature->max_y) / 2.0;

  for (guint r = 0; r < feature->n_rings; r++)
    {
      guint end = feature->ring_ends[r];
      double area = 0.0, cx = 0.0, cy = 0.0;

      for (guint i = start; i < end; i++)
        {
          guint j = i + 1 < end ? i + 1 : start;
          double x0 = feature->points[2 * i], y0 = feature->points[2 * i + 1];
          double x1 = feature->points[2 * j], y1 = feature->points[2 * j + 1];
          double cross = x0 * y1 - x1 * y0;

          area += cross;
          cx += (x0 + x1) * cross;
          cy += (y0 + y1) * cross;
        }

      if (fabs (area) > best_area)
        {
          best_area = fabs (area);
          feature->label_x = cx / (3.0 * area);
          feature->label_y = cy / (3.0 * area);
        }
      start = end;
    }
}

static Feature *
parse_feature (JsonObject  *object,
               const char  *name_field,
               const char  *file,
               guint        index,
               GError     **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ring_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonObject *geometry = NULL, *props = NULL;
  JsonArray *coordinates = NULL;
  const char *type = NULL;
  gboolean ok = TRUE;
  Feature *feature;

  if (json_object_has_member (object, "geometry") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "geometry")))
    geometry = json_object_get_object_member (object, "geometry");
  if (geometry != NULL)
    {
      type = json_object_get_string_member_with_default (geometry, "type", NULL);
      if (json_object_has_member (geometry, "coordinates") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (geometry, "coordinates")))
        coordinates = json_object_get_array_member (geometry, "coordinates");
    }

  if (coordinates == NULL || type == NULL)
    ok = FALSE;
  else if (g_str_equal (type, "Polygon"))
    ok = add_polygon (coordinates, points, ring_ends);
  else if (g_str_equal (type, "MultiPolygon"))
    {
      for (guint i = 0; ok && i < json_array_get_length (coordinates); i++)
        {
          JsonNode *polygon = json_array_get_element (coordinates, i);

          ok = JSON_NODE_HOLDS_ARRAY (polygon) &&
               add_polygon (json_node_get_array (polygon), points, ring_ends);
        }
    }
  else
    ok = FALSE;

  if (!ok)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("Boundary file “%s”: feature %u is not a polygon with coordinates"),
                   file, index + 1);
      return NULL;
    }

  feature = g_new0 (Feature, 1);
  feature->n_points = points->len / 2;
  feature->n_rings = ring_ends->len;
  feature->points = (double *) (void *) g_array_free (g_steal_pointer (&points), FALSE);
  feature->ring_ends = (guint *) (void *) g_array_free (g_steal_pointer (&ring_ends), FALSE);
  feature->min_x = feature->min_y = G_MAXDOUBLE;
  feature->max_x = feature->max_y = -G_MAXDOUBLE;
  for (guint i = 0; i < feature->n_points; i++)
    {
      feature->min_x = MIN (feature->min_x, feature->points[2 * i]);
      feature->max_x = MAX (feature->max_x, feature->points[2 * i]);
      feature->min_y = MIN (feature->min_y, feature->points[2 * i + 1]);
      feature->max_y = MAX (feature->max_y, feature->points[2 * i + 1]);
    }

  if (json_object_has_member (object, "properties") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "properties")))
    props = json_object_get_object_member (object, "properties");
  if (props != NULL)
    {
      const char *name = json_object_get_string_member_with_default (props, name_field, NULL);

      if (name == NULL)
        name = json_object_get_string_member_with_default (props, "name", NULL);
      feature->label = g_strdup (name);
    }

  place_label (feature);

  if (props != NULL && json_object_has_member (props, "centroid_lon") &&
      json_object_has_member (props, "centroid_lat"))
    {
      feature->label_x = fp_mercator_x (json_object_get_double_member (props, "centroid_lon"));
      feature->label_y = fp_mercator_y (json_object_get_double_member (props, "centroid_lat"));
    }

  return feature;
}

static gboolean
load_layer (FpBoundaries *self,
            Layer       layer,
            GError    **error)
{
  const char *file = layer_files[layer].file;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonArray *features;
  gsize size;
  const char *data;

  bytes = fp_dataset_lookup_resource (file, error);
  if (bytes == NULL)
    return FALSE;

  data = g_bytes_get_data (bytes, &size);
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("Boundary file “%s” is not valid JSON: %s"), file, local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "features") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "features")))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("Boundary file “%s” is not a GeoJSON FeatureCollection"), file);
      return FALSE;
    }

  features = json_object_get_array_member (json_node_get_object (root), "features");
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonNode *node = json_array_get_element (features, i);
      Feature *feature;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;

      feature = parse_feature (json_node_get_object (node), layer_files[layer].name_field,
                               file, i, error);
      if (feature == NULL)
        return FALSE;
      g_ptr_array_add (self->features[layer], feature);
    }

  return TRUE;
}

/* ---- drawing (any thread) ----------------------------------------------------- */

static void
set_source_rgb (cairo_t *cr,
                guint32  rgb,
                double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

static gboolean
feature_in_view (const Feature *feature,
                 const double   view[4])
{
  return feature->max_x >= view[0] && feature->min_x <= view[2] &&
         feature->max_y >= view[1] && feature->min_y <= view[3];
}

/* Traces every ring of @feature, in tile pixels, dropping points closer than half a pixel
 * to the previous one (at low zoom a ward has thousands of points in a few pixels). */
static void
trace_feature (cairo_t       *cr,
               const Feature *feature,
               double         world,
               double         ox,
               double         oy)
{
  guint start = 0;

  for (guint r = 0; r < feature->n_rings; r++)
    {
      guint end = feature->ring_ends[r];
      double last_x = 0, last_y = 0;

      for (guint i = start; i < end; i++)
        {
          double x = feature->points[2 * i] * world - ox;
          double y = feature->points[2 * i + 1] * world - oy;

          if (i == start)
            cairo_move_to (cr, x, y);
          else if (i + 1 == end || fabs (x - last_x) + fabs (y - last_y) > 0.5)
            cairo_line_to (cr, x, y);
          else
            continue;

          last_x = x;
          last_y = y;
        }
      cairo_close_path (cr);
      start = end;
    }
}

static void
stroke_layer (cairo_t          *cr,
              GPtrArray        *features,
              const double      view[4],
              double            world,
              double            ox,
              double            oy)
{
  cairo_new_path (cr);
  for (guint i = 0; i < features->len; i++)
    {
      const Feature *feature = g_ptr_array_index (features, i);

      if (feature_in_view (feature, view))
        trace_feature (cr, feature, world, ox, oy);
    }
  cairo_stroke (cr);
}

static void
fill_zones (cairo_t        *cr,
            GPtrArray      *zones,
            const double    view[4],
            double          world,
            double          ox,
            double          oy,
            double          zoom,
            const guint32  *zone_rgb)
{
  for (guint i = 0; i < zones->len; i++)
    {
      const Feature *feature = g_ptr_array_index (zones, i);

      if (!feature_in_view (feature, view))
        continue;
      cairo_new_path (cr);
      trace_feature (cr, feature, world, ox, oy);
      set_source_rgb (cr, zone_rgb[i], 1.0);
      cairo_fill_preserve (cr);
      if (zoom >= 11)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
          cairo_set_line_width (cr, zoom >= 13 ? 1.0 : 0.6);
          cairo_stroke (cr);
        }
      else
        cairo_new_path (cr);
    }
}

/* ---- public API ------------------------------------------------------------------ */

/**
 * fp_boundaries_new:
 *
 * Returns: (transfer full): boundaries with nothing loaded yet
 */
FpBoundaries *
fp_boundaries_new (void)
{
  FpBoundaries *self = g_new0 (FpBoundaries, 1);

  g_atomic_ref_count_init (&self->ref_count);
  for (guint l = 0; l < N_LAYERS; l++)
    self->features[l] = g_ptr_array_new_with_free_func (feature_free);
  return self;
}

FpBoundaries *
fp_boundaries_ref (FpBoundaries *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
fp_boundaries_unref (FpBoundaries *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint l = 0; l < N_LAYERS; l++)
    g_ptr_array_unref (self->features[l]);
  g_free (self);
}

/**
 * fp_boundaries_load:
 * @self: boundaries with nothing loaded yet
 * @error: return location for an error
 *
 * Reads the local authority, locality and ward boundaries from the built-in dataset.
 *
 * Returns: whether every boundary file was read; on failure nothing is kept
 */
gboolean
fp_boundaries_load (FpBoundaries  *self,
                    GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint l = 0; l < LAYER_ZONE; l++)
    if (!load_layer (self, l, error))
      {
        for (guint k = 0; k < N_LAYERS; k++)
          g_ptr_array_set_size (self->features[k], 0);
        return FALSE;
      }

  self->min_x = self->min_y = G_MAXDOUBLE;
  self->max_x = self->max_y = -G_MAXDOUBLE;
  for (guint i = 0; i < self->features[LAYER_AUTHORITY]->len; i++)
    {
      const Feature *feature = g_ptr_array_index (self->features[LAYER_AUTHORITY], i);

      self->min_x = MIN (self->min_x, feature->min_x);
      self->min_y = MIN (self->min_y, feature->min_y);
      self->max_x = MAX (self->max_x, feature->max_x);
      self->max_y = MAX (self->max_y, feature->max_y);
      self->has_bounds = TRUE;
    }

  return TRUE;
}

/**
 * fp_boundaries_is_loaded:
 * @self: boundaries
 *
 * Returns: whether fp_boundaries_load() read the boundaries
 */
gboolean
fp_boundaries_is_loaded (FpBoundaries *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->features[LAYER_AUTHORITY]->len > 0;
}

/**
 * fp_boundaries_load_zones:
 * @self: loaded boundaries
 * @error: return location for an error
 *
 * Reads the LSOA 2021 boundaries for the zone layer, once (later calls do nothing).
 *
 * Returns: whether the zones are loaded
 */
gboolean
fp_boundaries_load_zones (FpBoundaries  *self,
                          GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->features[LAYER_ZONE]->len > 0)
    return TRUE;
  return load_layer (self, LAYER_ZONE, error);
}

/**
 * fp_boundaries_get_extent:
 * @self: boundaries
 * @min_x: (out): west edge, world units
 * @min_y: (out): north edge, world units
 * @max_x: (out): east edge, world units
 * @max_y: (out): south edge, world units
 *
 * Returns: whether the local authority boundaries gave an extent
 */
gboolean
fp_boundaries_get_extent (FpBoundaries *self,
                          double       *min_x,
                          double       *min_y,
                          double       *max_x,
                          double       *max_y)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->has_bounds)
    return FALSE;

  *min_x = self->min_x;
  *min_y = self->min_y;
  *max_x = self->max_x;
  *max_y = self->max_y;
  return TRUE;
}

/**
 * fp_boundaries_get_n_zones:
 * @self: boundaries
 *
 * Returns: how many zone polygons are loaded (0 before fp_boundaries_load_zones())
 */
guint
fp_boundaries_get_n_zones (FpBoundaries *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->features[LAYER_ZONE]->len;
}

/**
 * fp_boundaries_get_zone_codes:
 * @self: boundaries with their zones loaded
 *
 * Returns: (transfer container) (element-type utf8): the code of each zone polygon, in
 *   the order fp_boundaries_draw() takes colours
 */
GPtrArray *
fp_boundaries_get_zone_codes (FpBoundaries *self)
{
  GPtrArray *codes;

  g_return_val_if_fail (self != NULL, NULL);

  codes = g_ptr_array_new ();
  for (guint i = 0; i < self->features[LAYER_ZONE]->len; i++)
    {
      const Feature *feature = g_ptr_array_index (self->features[LAYER_ZONE], i);

      g_ptr_array_add (codes, feature->label);
    }
  return codes;
}

/**
 * fp_boundaries_get_labels:
 * @self: boundaries
 * @wards: the wards' names rather than the localities'
 *
 * Returns: (transfer full) (element-type FpBoundaryLabel): where each name goes, in world
 *   units
 */
GArray *
fp_boundaries_get_labels (FpBoundaries *self,
                          gboolean      wards)
{
  GPtrArray *features;
  GArray *labels;

  g_return_val_if_fail (self != NULL, NULL);

  features = self->features[wards ? LAYER_WARD : LAYER_LOCALITY];
  labels = g_array_new (FALSE, FALSE, sizeof (FpBoundaryLabel));
  for (guint i = 0; i < features->len; i++)
    {
      const Feature *feature = g_ptr_array_index (features, i);
      FpBoundaryLabel label = { feature->label_x, feature->label_y, feature->label };

      if (feature->label != NULL)
        g_array_append_val (labels, label);
    }

  return labels;
}

/**
 * fp_boundaries_draw:
 * @self: boundaries
 * @cr: where to draw; everything inside its clip is painted
 * @view: the part of the world drawn, and its scale
 * @zone_rgb: (nullable) (array length=n_zones): a colour per zone polygon
 *   (fp_boundaries_get_zone_codes()), or %NULL for no zone layer
 * @n_zones: how many colours; must be the number of zones loaded when @zone_rgb is given
 *
 * Paints the area outside the boundary, the land, the zones if coloured, then the wards,
 * localities and the authorities' boundary, with line widths for @view's zoom. Safe to call
 * from several threads at once.
 */
void
fp_boundaries_draw (FpBoundaries         *self,
                    cairo_t              *cr,
                    const FpBoundaryView *view,
                    const guint32        *zone_rgb,
                    guint                 n_zones)
{
  double world = view->world, ox = view->ox, oy = view->oy, zoom = view->zoom;
  /* The view in world units, widened by enough for the widest stroke. */
  double margin = 16.0 / world;
  double box[4] = {
    ox / world - margin, oy / world - margin,
    (ox + view->width) / world + margin, (oy + view->height) / world + margin,
  };

  g_return_if_fail (self != NULL);
  g_return_if_fail (zone_rgb == NULL || n_zones == self->features[LAYER_ZONE]->len);

  cairo_save (cr);

  set_source_rgb (cr, FP_PALETTE_MAP_OUTSIDE, 1.0);
  cairo_paint (cr);

  /* Land: the local authorities. */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_new_path (cr);
  for (guint i = 0; i < self->features[LAYER_AUTHORITY]->len; i++)
    {
      const Feature *feature = g_ptr_array_index (self->features[LAYER_AUTHORITY], i);

      if (feature_in_view (feature, box))
        trace_feature (cr, feature, world, ox, oy);
    }
  set_source_rgb (cr, FP_PALETTE_MAP_LAND, 1.0);
  cairo_fill (cr);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* The zone layer: each zone filled in its colour, opaque, so the legend's colours are
   * the map's; a hairline between zones once they are big enough to tell apart. */
  if (zone_rgb != NULL)
    fill_zones (cr, self->features[LAYER_ZONE], box, world, ox, oy, zoom, zone_rgb);

  /* Line widths grow with the zoom; a tile is shown at up to twice its size between two
   * zoom levels, so the widths are chosen for that whole range. */
  set_source_rgb (cr, FP_PALETTE_MAP_WARD, zoom <= 10 ? 0.7 : 1.0);
  cairo_set_line_width (cr, zoom >= 13 ? 1.2 : zoom >= 11 ? 0.8 : 0.5);
  stroke_layer (cr, self->features[LAYER_WARD], box, world, ox, oy);

  set_source_rgb (cr, FP_PALETTE_MAP_LOCALITY, 1.0);
  cairo_set_line_width (cr, zoom >= 12 ? 2.0 : zoom >= 11 ? 1.5 : 1.0);
  cairo_set_dash (cr, zoom >= 11 ? (double[]) { 6.0, 3.0 } : (double[]) { 4.0, 2.0 }, 2, 0);
  stroke_layer (cr, self->features[LAYER_LOCALITY], box, world, ox, oy);
  cairo_set_dash (cr, NULL, 0, 0);

  /* The Birmingham and Solihull boundaries: a soft halo under a strong line. */
  set_source_rgb (cr, FP_PALETTE_MAP_BOUNDARY, 0.10);
  cairo_set_line_width (cr, zoom >= 12 ? 9.0 : zoom >= 11 ? 6.0 : 4.0);
  stroke_layer (cr, self->features[LAYER_AUTHORITY], box, world, ox, oy);
  set_source_rgb (cr, FP_PALETTE_MAP_BOUNDARY, 1.0);
  cairo_set_line_width (cr, zoom >= 12 ? 3.0 : zoom >= 11 ? 2.2 : 1.6);
  stroke_layer (cr, self->features[LAYER_AUTHORITY], box, world, ox, oy);

  cairo_restore (cr);
}
