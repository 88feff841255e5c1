/* fp-basemap.c: a ShumateMapSource that draws its tiles with cairo, with no network.
 *
 * The boundaries of the local authorities, localities and wards (and, for the zone layer,
 * the 793 LSOAs) ship in the dataset resource. They are parsed once, projected to Web Mercator "world units" (0 to 1 across
 * the world), and kept read-only, so worker threads can draw tiles from them without
 * locks: each tile is drawn in a thread (g_task_run_in_thread) into an image surface, and
 * the main thread turns the pixels into a texture, sets it on the tile and marks it done.
 * libshumate's tile widgets are not thread-safe, so nothing touches a tile off the main
 * thread.
 *
 * The zone layer is baked into the tiles (a choropleth of hundreds of polygons drawn as
 * widgets would crawl): a basemap is made for each zone colouring, sharing the parsed
 * boundaries with the first (fp_basemap_new_with_zones), and the map swaps its tile layer.
 * Place names are not drawn into the tiles but by a layer over the sites
 * (fp_basemap_get_labels), so symbols never hide them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-basemap"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "footprint-core.h"
#include "fp-basemap.h"
#include "fp-image.h"
#include "fp-palette.h"

#define TILE_SIZE 256
#define MIN_ZOOM 9
#define MAX_ZOOM 17

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

typedef struct
{
  guint x, y, zoom, size;
  int   scale;
} TileJob;

struct _FpBasemap
{
  ShumateMapSource  parent_instance;

  GPtrArray        *features[N_LAYERS];  /* Feature; read-only once loaded, shared */
  guint32          *zone_rgb;            /* per zone feature, 0xRRGGBB; NULL: no zone layer */
  double            min_x, min_y, max_x, max_y;
  gboolean          has_bounds;
  int               scale_factor;

  guint             n_pending;
  guint             n_drawn;
};

G_DEFINE_FINAL_TYPE (FpBasemap, fp_basemap, SHUMATE_TYPE_MAP_SOURCE)

/* ---- projection ----------------------------------------------------------------- */

static double
lon_to_world (double lon)
{
  return (lon + 180.0) / 360.0;
}

static double
lat_to_world (double lat)
{
  double r = CLAMP (lat, -85.0511, 85.0511) * G_PI / 180.0;

  return (1.0 - log (tan (r) + 1.0 / cos (r)) / G_PI) / 2.0;
}

static double
world_to_lat (double y)
{
  return atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

static double
world_to_lon (double x)
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

      xy[0] = lon_to_world (json_array_get_double_element (pair, 0));
      xy[1] = lat_to_world (json_array_get_double_element (pair, 1));
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
      feature->label_x = lon_to_world (json_object_get_double_member (props, "centroid_lon"));
      feature->label_y = lat_to_world (json_object_get_double_member (props, "centroid_lat"));
    }

  return feature;
}

static gboolean
load_layer (FpBasemap  *self,
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

/* ---- drawing (worker threads) --------------------------------------------------- */

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

static GBytes *
draw_tile (FpBasemap     *self,
           const TileJob *job)
{
  int pixels = job->size * job->scale;
  double world = (double) job->size * (double) (1u << job->zoom);
  double ox = (double) job->x * job->size, oy = (double) job->y * job->size;
  /* The tile in world units, widened by enough for the widest stroke. */
  double margin = 16.0 / world;
  double view[4] = {
    ox / world - margin, oy / world - margin,
    (ox + job->size) / world + margin, (oy + job->size) / world + margin,
  };
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;
  guint zoom = job->zoom;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels, pixels);
  cairo_surface_set_device_scale (surface, job->scale, job->scale);
  cr = cairo_create (surface);

  set_source_rgb (cr, FP_PALETTE_MAP_OUTSIDE, 1.0);
  cairo_paint (cr);

  /* Land: the two local authorities. */
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_new_path (cr);
  for (guint i = 0; i < self->features[LAYER_AUTHORITY]->len; i++)
    {
      const Feature *feature = g_ptr_array_index (self->features[LAYER_AUTHORITY], i);

      if (feature_in_view (feature, view))
        trace_feature (cr, feature, world, ox, oy);
    }
  set_source_rgb (cr, FP_PALETTE_MAP_LAND, 1.0);
  cairo_fill (cr);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* The zone layer: each zone filled in its colour, opaque, so the legend's colours are
   * the map's; a hairline between zones once they are big enough to tell apart. */
  if (self->zone_rgb != NULL)
    {
      for (guint i = 0; i < self->features[LAYER_ZONE]->len; i++)
        {
          const Feature *feature = g_ptr_array_index (self->features[LAYER_ZONE], i);

          if (!feature_in_view (feature, view))
            continue;
          cairo_new_path (cr);
          trace_feature (cr, feature, world, ox, oy);
          set_source_rgb (cr, self->zone_rgb[i], 1.0);
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

  /* Line widths grow with the zoom; a tile is shown at up to twice its size between two
   * zoom levels, so the widths are chosen for that whole range. */
  set_source_rgb (cr, FP_PALETTE_MAP_WARD, zoom <= 10 ? 0.7 : 1.0);
  cairo_set_line_width (cr, zoom >= 13 ? 1.2 : zoom >= 11 ? 0.8 : 0.5);
  stroke_layer (cr, self->features[LAYER_WARD], view, world, ox, oy);

  set_source_rgb (cr, FP_PALETTE_MAP_LOCALITY, 1.0);
  cairo_set_line_width (cr, zoom >= 12 ? 2.0 : zoom == 11 ? 1.5 : 1.0);
  cairo_set_dash (cr, zoom >= 11 ? (double[]) { 6.0, 3.0 } : (double[]) { 4.0, 2.0 }, 2, 0);
  stroke_layer (cr, self->features[LAYER_LOCALITY], view, world, ox, oy);
  cairo_set_dash (cr, NULL, 0, 0);

  /* The Birmingham and Solihull boundaries: a soft halo under a strong line. */
  set_source_rgb (cr, FP_PALETTE_MAP_BOUNDARY, 0.10);
  cairo_set_line_width (cr, zoom >= 12 ? 9.0 : zoom == 11 ? 6.0 : 4.0);
  stroke_layer (cr, self->features[LAYER_AUTHORITY], view, world, ox, oy);
  set_source_rgb (cr, FP_PALETTE_MAP_BOUNDARY, 1.0);
  cairo_set_line_width (cr, zoom >= 12 ? 3.0 : zoom == 11 ? 2.2 : 1.6);
  stroke_layer (cr, self->features[LAYER_AUTHORITY], view, world, ox, oy);

  cairo_destroy (cr);
  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * pixels);
  cairo_surface_destroy (surface);

  return bytes;
}

static void
draw_tile_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  if (g_task_return_error_if_cancelled (task))
    return;

  g_task_return_pointer (task, draw_tile (source_object, task_data),
                         (GDestroyNotify) g_bytes_unref);
}

/* ---- ShumateMapSource ----------------------------------------------------------- */

static void
on_tile_drawn_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FpBasemap *self = FP_BASEMAP (source_object);
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  const TileJob *job = g_task_get_task_data (G_TASK (result));
  ShumateTile *tile = g_task_get_task_data (task);
  int pixels = job->size * job->scale;

  self->n_pending--;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  texture = gdk_memory_texture_new (pixels, pixels, GDK_MEMORY_DEFAULT, bytes,
                                    g_bytes_get_size (bytes) / pixels);
  {
    g_autoptr(GdkPaintable) paintable = fp_image_paintable_new (texture);

    shumate_tile_set_paintable (tile, paintable);
  }
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  self->n_drawn++;

  g_task_return_boolean (task, TRUE);
}

static void
fp_basemap_fill_tile_async (ShumateMapSource    *source,
                            ShumateTile         *tile,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  FpBasemap *self = FP_BASEMAP (source);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) draw = NULL;
  TileJob *job;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_basemap_fill_tile_async);
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);

  job = g_new0 (TileJob, 1);
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->zoom = shumate_tile_get_zoom_level (tile);
  job->size = shumate_tile_get_size (tile);
  job->scale = self->scale_factor;

  if (job->size == 0 || job->zoom > 30)
    {
      g_free (job);
      g_task_return_new_error (task, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                               _("Map tile %u/%u/%u cannot be drawn"),
                               shumate_tile_get_zoom_level (tile),
                               shumate_tile_get_x (tile), shumate_tile_get_y (tile));
      return;
    }

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  self->n_pending++;

  draw = g_task_new (self, cancellable, on_tile_drawn_cb, g_steal_pointer (&task));
  g_task_set_source_tag (draw, draw_tile_thread);
  g_task_set_task_data (draw, job, g_free);
  g_task_run_in_thread (draw, draw_tile_thread);
}

static gboolean
fp_basemap_fill_tile_finish (ShumateMapSource  *source,
                             GAsyncResult      *result,
                             GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
fp_basemap_finalize (GObject *object)
{
  FpBasemap *self = FP_BASEMAP (object);

  for (guint l = 0; l < N_LAYERS; l++)
    g_clear_pointer (&self->features[l], g_ptr_array_unref);
  g_clear_pointer (&self->zone_rgb, g_free);

  G_OBJECT_CLASS (fp_basemap_parent_class)->finalize (object);
}

static void
fp_basemap_class_init (FpBasemapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->finalize = fp_basemap_finalize;

  source_class->fill_tile_async = fp_basemap_fill_tile_async;
  source_class->fill_tile_finish = fp_basemap_fill_tile_finish;
}

static void
fp_basemap_init (FpBasemap *self)
{
  for (guint l = 0; l < N_LAYERS; l++)
    self->features[l] = g_ptr_array_new_with_free_func (feature_free);
  self->scale_factor = 1;
}

/**
 * fp_basemap_new:
 *
 * Returns: (transfer full): a basemap with no boundaries yet: it draws plain tiles until
 *   fp_basemap_load() succeeds
 */
FpBasemap *
fp_basemap_new (void)
{
  return g_object_new (FP_TYPE_BASEMAP,
                       "id", FP_BASEMAP_ID,
                       "name", _("Birmingham and Solihull boundaries"),
                       "license", _("Boundaries: Office for National Statistics, OGL v3.0. "
                                    "Contains OS data © Crown copyright and database right"),
                       "min-zoom-level", MIN_ZOOM,
                       "max-zoom-level", MAX_ZOOM,
                       "tile-size", TILE_SIZE,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
}

/**
 * fp_basemap_load:
 * @self: a basemap with nothing loaded yet
 * @error: return location for an error
 *
 * Reads the local authority, locality and ward boundaries from the built-in dataset. Call
 * it before the first tile is requested: the boundaries are read-only afterwards, which
 * is what lets worker threads draw from them.
 *
 * Returns: whether every boundary file was read; on failure nothing is kept
 */
gboolean
fp_basemap_load (FpBasemap  *self,
                 GError    **error)
{
  g_return_val_if_fail (FP_IS_BASEMAP (self), FALSE);
  g_return_val_if_fail (self->n_pending == 0 && self->n_drawn == 0, FALSE);

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
 * fp_basemap_get_bounds:
 * @self: a basemap
 * @min_lat: (out): south edge
 * @min_lon: (out): west edge
 * @max_lat: (out): north edge
 * @max_lon: (out): east edge
 *
 * Returns: whether the local authority boundaries gave an extent
 */
gboolean
fp_basemap_get_bounds (FpBasemap *self,
                       double    *min_lat,
                       double    *min_lon,
                       double    *max_lat,
                       double    *max_lon)
{
  g_return_val_if_fail (FP_IS_BASEMAP (self), FALSE);

  if (!self->has_bounds)
    return FALSE;

  /* World y grows southwards. */
  *min_lat = world_to_lat (self->max_y);
  *max_lat = world_to_lat (self->min_y);
  *min_lon = world_to_lon (self->min_x);
  *max_lon = world_to_lon (self->max_x);
  return TRUE;
}

/**
 * fp_basemap_set_scale_factor:
 * @self: a basemap
 * @scale_factor: device pixels per logical pixel
 *
 * Tiles drawn from now on are drawn at this scale, so they stay sharp on a HiDPI screen.
 */
void
fp_basemap_set_scale_factor (FpBasemap *self,
                             int        scale_factor)
{
  g_return_if_fail (FP_IS_BASEMAP (self));

  self->scale_factor = CLAMP (scale_factor, 1, 4);
}

/**
 * fp_basemap_get_n_pending:
 * @self: a basemap
 *
 * Returns: how many tiles are being drawn now
 */
guint
fp_basemap_get_n_pending (FpBasemap *self)
{
  g_return_val_if_fail (FP_IS_BASEMAP (self), 0);
  return self->n_pending;
}

/**
 * fp_basemap_get_n_drawn:
 * @self: a basemap
 *
 * Returns: how many tiles have been drawn since the basemap was made
 */
guint
fp_basemap_get_n_drawn (FpBasemap *self)
{
  g_return_val_if_fail (FP_IS_BASEMAP (self), 0);
  return self->n_drawn;
}

/**
 * fp_basemap_load_zones:
 * @self: a loaded basemap
 * @error: return location for an error
 *
 * Reads the LSOA 2021 boundaries for the zone layer, once (later calls do nothing).
 * Basemaps made from @self afterwards share them.
 *
 * Returns: whether the zones are loaded
 */
gboolean
fp_basemap_load_zones (FpBasemap  *self,
                       GError    **error)
{
  g_return_val_if_fail (FP_IS_BASEMAP (self), FALSE);

  if (self->features[LAYER_ZONE]->len > 0)
    return TRUE;
  return load_layer (self, LAYER_ZONE, error);
}

/**
 * fp_basemap_get_zone_codes:
 * @self: a basemap with its zones loaded
 *
 * Returns: (transfer container) (element-type utf8): the code of each zone polygon, in
 *   the order fp_basemap_new_with_zones() takes colours
 */
GPtrArray *
fp_basemap_get_zone_codes (FpBasemap *self)
{
  GPtrArray *codes;

  g_return_val_if_fail (FP_IS_BASEMAP (self), NULL);

  codes = g_ptr_array_new ();
  for (guint i = 0; i < self->features[LAYER_ZONE]->len; i++)
    g_ptr_array_add (codes, ((Feature *) g_ptr_array_index (self->features[LAYER_ZONE], i))->label);
  return codes;
}

/**
 * fp_basemap_new_with_zones:
 * @base: a loaded basemap (its boundaries are shared, not copied)
 * @zone_rgb: (nullable) (array): a colour per zone polygon (fp_basemap_get_zone_codes()),
 *   or %NULL for no zone layer
 * @n_zones: how many colours
 *
 * Returns: (transfer full): a basemap that draws the zones in those colours
 */
FpBasemap *
fp_basemap_new_with_zones (FpBasemap     *base,
                           const guint32 *zone_rgb,
                           guint          n_zones)
{
  FpBasemap *self;

  g_return_val_if_fail (FP_IS_BASEMAP (base), NULL);
  g_return_val_if_fail (zone_rgb == NULL || n_zones == base->features[LAYER_ZONE]->len, NULL);

  self = fp_basemap_new ();
  for (guint l = 0; l < N_LAYERS; l++)
    {
      g_ptr_array_unref (self->features[l]);
      self->features[l] = g_ptr_array_ref (base->features[l]);
    }
  self->min_x = base->min_x;
  self->min_y = base->min_y;
  self->max_x = base->max_x;
  self->max_y = base->max_y;
  self->has_bounds = base->has_bounds;
  self->scale_factor = base->scale_factor;
  if (zone_rgb != NULL)
    self->zone_rgb = g_memdup2 (zone_rgb, sizeof (guint32) * n_zones);

  return self;
}

/**
 * fp_basemap_get_labels:
 * @self: a basemap
 * @wards: the wards' names rather than the localities'
 *
 * Returns: (transfer full) (element-type FpBasemapLabel): where each name goes, in world
 *   units (0 to 1 across the Web Mercator world)
 */
GArray *
fp_basemap_get_labels (FpBasemap *self,
                       gboolean   wards)
{
  GPtrArray *features;
  GArray *labels;

  g_return_val_if_fail (FP_IS_BASEMAP (self), NULL);

  features = self->features[wards ? LAYER_WARD : LAYER_LOCALITY];
  labels = g_array_new (FALSE, FALSE, sizeof (FpBasemapLabel));
  for (guint i = 0; i < features->len; i++)
    {
      const Feature *feature = g_ptr_array_index (features, i);
      FpBasemapLabel label = { feature->label_x, feature->label_y, feature->label };

      if (feature->label != NULL)
        g_array_append_val (labels, label);
    }

  return labels;
}
