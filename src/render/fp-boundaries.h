/* fp-boundaries.h: the area's boundaries, parsed once and drawn with cairo (no GTK).
 *
 * The local authorities, localities and wards (and, for the zone layer, the LSOAs) ship in
 * the dataset resource. They are projected to Web Mercator "world units" (0 to 1 across the
 * world) and kept read-only once loaded, so worker threads can draw from them without
 * locks. The window's basemap draws its tiles through fp_boundaries_draw(), and so do the
 * map exports (fp-render-map.c), so a map looks the same on screen and on a slide.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _FpBoundaries FpBoundaries;

/**
 * FpBoundaryLabel:
 * @x: where the name's centre goes, world units
 * @y: where the name's centre goes, world units
 * @text: the name (owned by the boundaries)
 */
typedef struct
{
  double      x;
  double      y;
  const char *text;
} FpBoundaryLabel;

/**
 * FpBoundaryView:
 * @world: pixels (or points) per world unit: 256 × 2^zoom for a map drawn at @zoom
 * @zoom: the zoom level the line widths are chosen for
 * @ox: the view's left edge, in pixels of the world (world x × @world)
 * @oy: the view's top edge, in pixels of the world
 * @width: the view's width, pixels
 * @height: the view's height, pixels
 *
 * What part of the world is drawn, and how large: world point (x, y) goes to
 * (x × @world − @ox, y × @world − @oy) in the cairo context.
 */
typedef struct
{
  double world;
  double zoom;
  double ox;
  double oy;
  double width;
  double height;
} FpBoundaryView;

double         fp_mercator_x               (double               lon);
double         fp_mercator_y               (double               lat);
double         fp_mercator_lon             (double               x);
double         fp_mercator_lat             (double               y);

FpBoundaries  *fp_boundaries_new           (void) G_GNUC_WARN_UNUSED_RESULT;
FpBoundaries  *fp_boundaries_ref           (FpBoundaries        *self);
void           fp_boundaries_unref         (FpBoundaries        *self);
gboolean       fp_boundaries_load          (FpBoundaries        *self,
                                            GError             **error);
gboolean       fp_boundaries_load_zones    (FpBoundaries        *self,
                                            GError             **error);
gboolean       fp_boundaries_is_loaded     (FpBoundaries        *self);
gboolean       fp_boundaries_get_extent    (FpBoundaries        *self,
                                            double              *min_x,
                                            double              *min_y,
                                            double              *max_x,
                                            double              *max_y);
guint          fp_boundaries_get_n_zones   (FpBoundaries        *self);
GPtrArray     *fp_boundaries_get_zone_codes (FpBoundaries       *self) G_GNUC_WARN_UNUSED_RESULT;
GArray        *fp_boundaries_get_labels    (FpBoundaries        *self,
                                            gboolean             wards) G_GNUC_WARN_UNUSED_RESULT;
void           fp_boundaries_draw          (FpBoundaries        *self,
                                            cairo_t             *cr,
                                            const FpBoundaryView *view,
                                            const guint32       *zone_rgb,
                                            guint                n_zones);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpBoundaries, fp_boundaries_unref)

G_END_DECLS
