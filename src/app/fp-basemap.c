/* fp-basemap.c: a ShumateMapSource that draws its tiles with cairo, with no network.
 *
 * The boundaries of the local authorities, localities and wards (and, for the zone layer,
 * the 793 LSOAs) ship in the dataset resource. They are parsed once by FpBoundaries
 * (src/render, which the map exports draw with too) and kept read-only, so worker threads
 * can draw tiles from them without locks: each tile is drawn in a thread
 * (g_task_run_in_thread) into an image surface, and the main thread turns the pixels into a
 * texture, sets it on the tile and marks it done. libshumate's tile widgets are not
 * thread-safe, so nothing touches a tile off the main thread.
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

#include "footprint-core.h"
#include "fp-basemap.h"
#include "fp-boundaries.h"
#include "fp-image.h"
#include "fp-palette.h"

#define TILE_SIZE 256
#define MIN_ZOOM 6   /* as far out as the map goes (fp-map-view.c) */
#define MAX_ZOOM 17

typedef struct
{
  guint x, y, zoom, size;
  int   scale;
} TileJob;

struct _FpBasemap
{
  ShumateMapSource  parent_instance;

  FpBoundaries     *boundaries;          /* read-only once loaded, shared */
  guint32          *zone_rgb;            /* per zone feature, 0xRRGGBB; NULL: no zone layer */
  guint             n_zones;
  int               scale_factor;

  guint             n_pending;
  guint             n_drawn;
};

G_DEFINE_FINAL_TYPE (FpBasemap, fp_basemap, SHUMATE_TYPE_MAP_SOURCE)

/* ---- drawing (worker threads) --------------------------------------------------- */

static GBytes *
draw_tile (FpBasemap     *self,
           const TileJob *job)
{
  int pixels = job->size * job->scale;
  FpBoundaryView view = {
    .world = (double) job->size * (double) (1u << job->zoom),
    .zoom = job->zoom,
    .ox = (double) job->x * job->size,
    .oy = (double) job->y * job->size,
    .width = job->size,
    .height = job->size,
  };
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels, pixels);
  cairo_surface_set_device_scale (surface, job->scale, job->scale);
  cr = cairo_create (surface);
  fp_boundaries_draw (self->boundaries, cr, &view, self->zone_rgb, self->n_zones);
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

  g_clear_pointer (&self->boundaries, fp_boundaries_unref);
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
  self->boundaries = fp_boundaries_new ();
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

  return fp_boundaries_load (self->boundaries, error);
}

/**
 * fp_basemap_get_boundaries:
 * @self: a basemap
 *
 * Returns: (transfer none): the boundaries it draws (shared with the basemaps made from it)
 */
FpBoundaries *
fp_basemap_get_boundaries (FpBasemap *self)
{
  g_return_val_if_fail (FP_IS_BASEMAP (self), NULL);
  return self->boundaries;
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
  double min_x, min_y, max_x, max_y;

  g_return_val_if_fail (FP_IS_BASEMAP (self), FALSE);

  if (!fp_boundaries_get_extent (self->boundaries, &min_x, &min_y, &max_x, &max_y))
    return FALSE;

  /* World y grows southwards. */
  *min_lat = fp_mercator_lat (max_y);
  *max_lat = fp_mercator_lat (min_y);
  *min_lon = fp_mercator_lon (min_x);
  *max_lon = fp_mercator_lon (max_x);
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

  return fp_boundaries_load_zones (self->boundaries, error);
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
  g_return_val_if_fail (FP_IS_BASEMAP (self), NULL);

  return fp_boundaries_get_zone_codes (self->boundaries);
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
  g_return_val_if_fail (zone_rgb == NULL ||
                        n_zones == fp_boundaries_get_n_zones (base->boundaries), NULL);

  self = fp_basemap_new ();
  g_clear_pointer (&self->boundaries, fp_boundaries_unref);
  self->boundaries = fp_boundaries_ref (base->boundaries);
  self->scale_factor = base->scale_factor;
  if (zone_rgb != NULL)
    {
      self->zone_rgb = g_memdup2 (zone_rgb, sizeof (guint32) * n_zones);
      self->n_zones = n_zones;
    }

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
  g_return_val_if_fail (FP_IS_BASEMAP (self), NULL);

  return fp_boundaries_get_labels (self->boundaries, wards);
}
