/* fp-map-geometry.h: picking sites under the pointer and shaping flow arrows (no GTK).
 *
 * Pure geometry in widget pixels, so it is unit-tested without a display
 * (tests/app/test-map-style.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpMapPoint:
 * @x: centre, pixels
 * @y: centre, pixels
 * @radius: the symbol's radius, pixels
 * @id: what the point stands for (a site index)
 */
typedef struct
{
  double x;
  double y;
  double radius;
  guint  id;
} FpMapPoint;

GArray  *fp_map_pick            (const FpMapPoint *points,
                                 guint             n_points,
                                 double            x,
                                 double            y,
                                 double            slop) G_GNUC_WARN_UNUSED_RESULT;

/* How many points fp_map_arrow_outline() gives: the shaft's two sides and the head. */
#define FP_MAP_ARROW_SEGMENTS 16
#define FP_MAP_ARROW_N_POINTS (2 * (FP_MAP_ARROW_SEGMENTS + 1) + 3)

/**
 * FpMapArrow:
 * @points: x, y pairs of the outline, in drawing order (closed by the caller)
 * @n_points: how many pairs
 * @tip_x: the tip of the head
 * @tip_y: the tip of the head
 * @min_x: bounding box
 * @min_y: bounding box
 * @max_x: bounding box
 * @max_y: bounding box
 */
typedef struct
{
  double points[2 * FP_MAP_ARROW_N_POINTS];
  guint  n_points;
  double tip_x, tip_y;
  double min_x, min_y, max_x, max_y;
} FpMapArrow;

gboolean fp_map_arrow_outline   (double            x0,
                                 double            y0,
                                 double            x1,
                                 double            y1,
                                 double            width,
                                 double            start_gap,
                                 double            end_gap,
                                 double            bend,
                                 FpMapArrow       *arrow);
double   fp_map_arrow_width     (double            volume,
                                 double            max_volume);

G_END_DECLS
