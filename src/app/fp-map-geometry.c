/* fp-map-geometry.c: hit-testing symbols and the outlines of curved flow arrows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-map-geometry"

#include "config.h"

#include <math.h>

#include "fp-map-geometry.h"

#define ARROW_MIN_WIDTH 4.0
#define ARROW_MAX_WIDTH 16.0
/* Shorter than this, there is no arrow to see. */
#define MIN_LENGTH 16.0
#define MIN_SHAFT  6.0

/**
 * fp_map_pick:
 * @points: (array length=n_points): symbols in drawing order (the last is on top)
 * @n_points: how many
 * @x: the pointer, pixels
 * @y: the pointer, pixels
 * @slop: pixels around a symbol that still count as on it
 *
 * Every symbol under the pointer, so that sites drawn on top of each other (a community
 * unit inside a hospital) can all be offered; the symbol drawn on top comes first.
 *
 * Returns: (transfer full) (element-type guint): the ids of the symbols under (@x, @y),
 *   top-most first
 */
GArray *
fp_map_pick (const FpMapPoint *points,
             guint             n_points,
             double            x,
             double            y,
             double            slop)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = n_points; i > 0; i--)
    {
      const FpMapPoint *p = &points[i - 1];

      if (hypot (x - p->x, y - p->y) <= p->radius + slop)
        g_array_append_val (hits, p->id);
    }

  return hits;
}

/**
 * fp_map_arrow_width:
 * @volume: what the flow carries
 * @max_volume: the largest flow on the map
 *
 * The width grows with the square root of the volume, so an arrow's weight on the page
 * follows what it carries, between a hairline that still shows and a band that does not
 * bury the sites.
 *
 * Returns: the shaft's width, pixels
 */
double
fp_map_arrow_width (double volume,
                    double max_volume)
{
  if (!(volume > 0) || !(max_volume > 0))
    return ARROW_MIN_WIDTH;

  return ARROW_MIN_WIDTH +
         (ARROW_MAX_WIDTH - ARROW_MIN_WIDTH) * sqrt (MIN (volume / max_volume, 1.0));
}

/* A point on the quadratic Bézier curve p0, c, p1 and the unit normal to it at t. */
static void
curve_at (const double p0[2],
          const double c[2],
          const double p1[2],
          double       t,
          double       point[2],
          double       normal[2])
{
  double u = 1 - t;
  double dx = 2 * u * (c[0] - p0[0]) + 2 * t * (p1[0] - c[0]);
  double dy = 2 * u * (c[1] - p0[1]) + 2 * t * (p1[1] - c[1]);
  double len = hypot (dx, dy);

  point[0] = u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0];
  point[1] = u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1];
  normal[0] = len > 0 ? -dy / len : 0;
  normal[1] = len > 0 ? dx / len : 0;
}

static void
add_point (FpMapArrow *arrow,
           double      x,
           double      y)
{
  arrow->points[2 * arrow->n_points] = x;
  arrow->points[2 * arrow->n_points + 1] = y;
  arrow->n_points++;
  arrow->min_x = MIN (arrow->min_x, x);
  arrow->min_y = MIN (arrow->min_y, y);
  arrow->max_x = MAX (arrow->max_x, x);
  arrow->max_y = MAX (arrow->max_y, y);
}

/**
 * fp_map_arrow_outline:
 * @x0: the giving site, pixels
 * @y0: the giving site, pixels
 * @x1: the receiving site, pixels
 * @y1: the receiving site, pixels
 * @width: the shaft's width (fp_map_arrow_width())
 * @start_gap: pixels left clear around the giving site (its symbol)
 * @end_gap: pixels left clear before the receiving site, where the tip stops
 * @bend: how far the middle bows to the left of the straight line, as a share of its
 *   length (0 is straight); two flows between the same sites in opposite directions bow
 *   to opposite sides and so do not overlap
 * @arrow: (out caller-allocates): the outline
 *
 * A curved shaft of constant width and a head twice as wide, whose tip stops @end_gap
 * short of the receiving site (less when the sites are close).
 *
 * Returns: %FALSE when the sites are too close for an arrow to show between them
 */
gboolean
fp_map_arrow_outline (double      x0,
                      double      y0,
                      double      x1,
                      double      y1,
                      double      width,
                      double      start_gap,
                      double      end_gap,
                      double      bend,
                      FpMapArrow *arrow)
{
  double length = hypot (x1 - x0, y1 - y0);
  double ux, uy, head_length, head_half, half = width / 2.0;
  double p0[2], p1[2], c[2], tip[2], base[2], point[2], normal[2];

  g_return_val_if_fail (arrow != NULL, FALSE);

  arrow->n_points = 0;
  arrow->min_x = arrow->min_y = G_MAXDOUBLE;
  arrow->max_x = arrow->max_y = -G_MAXDOUBLE;

  head_length = MAX (3.0 * width, 10.0);
  head_half = MAX (width, 5.0);
  if (length < MIN_LENGTH)
    return FALSE;

  /* Between close sites (a move across a district seen with the whole area in view) the
   * head and the gaps shrink so the arrow still shows: the head takes at most 40% of the
   * length, and the gaps what is left after a short shaft. */
  head_length = MIN (head_length, 0.4 * length);
  if (start_gap + end_gap > length - head_length - MIN_SHAFT)
    {
      double room = MAX (length - head_length - MIN_SHAFT, 0.0);
      double factor = room / (start_gap + end_gap);

      start_gap *= factor;
      end_gap *= factor;
    }

  ux = (x1 - x0) / length;
  uy = (y1 - y0) / length;

  /* The curve runs between the gaps; its control point sits off the middle, to the left
   * of the direction of travel (left of (ux, uy) in screen coordinates is (uy, -ux)). */
  p0[0] = x0 + ux * start_gap;
  p0[1] = y0 + uy * start_gap;
  tip[0] = x1 - ux * end_gap;
  tip[1] = y1 - uy * end_gap;
  c[0] = (p0[0] + tip[0]) / 2.0 + uy * bend * length * 2.0;
  c[1] = (p0[1] + tip[1]) / 2.0 - ux * bend * length * 2.0;

  /* The shaft ends where the head's base is: head_length back along the curve's last
   * tangent from the tip. */
  {
    double tx = tip[0] - c[0], ty = tip[1] - c[1], tl = hypot (tx, ty);

    base[0] = tip[0] - (tl > 0 ? tx / tl : ux) * head_length;
    base[1] = tip[1] - (tl > 0 ? ty / tl : uy) * head_length;
  }
  p1[0] = base[0];
  p1[1] = base[1];
  /* Keep the shaft's curve through the same control point, ending at the head's base. */

  /* One side of the shaft, forward... */
  for (guint i = 0; i <= FP_MAP_ARROW_SEGMENTS; i++)
    {
      curve_at (p0, c, p1, (double) i / FP_MAP_ARROW_SEGMENTS, point, normal);
      add_point (arrow, point[0] + normal[0] * half, point[1] + normal[1] * half);
    }

  /* ...the head... */
  curve_at (p0, c, p1, 1.0, point, normal);
  add_point (arrow, point[0] + normal[0] * head_half, point[1] + normal[1] * head_half);
  add_point (arrow, tip[0], tip[1]);
  add_point (arrow, point[0] - normal[0] * head_half, point[1] - normal[1] * head_half);

  /* ...and the other side, back. */
  for (guint i = FP_MAP_ARROW_SEGMENTS + 1; i > 0; i--)
    {
      curve_at (p0, c, p1, (double) (i - 1) / FP_MAP_ARROW_SEGMENTS, point, normal);
      add_point (arrow, point[0] - normal[0] * half, point[1] - normal[1] * half);
    }

  arrow->tip_x = tip[0];
  arrow->tip_y = tip[1];
  return TRUE;
}
