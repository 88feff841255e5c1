/* fp-map-geometry.c: hit-testing symbols and the outlines of curved flow arrows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-map-geometry"

#include "config.h"

#include <math.h>
#include <string.h>

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

/* ---- clustering ------------------------------------------------------------------ */

static inline guint
cell_hash (gint64 key,
           guint  mask)
{
  return (guint) (((guint64) key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 32) & mask;
}

/* One slot of the clustering's scratch: slot i of the hash table of cells, and the
 * figures of point i and of group i (a group is a cell with points in it). */
typedef struct
{
  gint64 key;          /* table: the cell */
  guint  group;        /* table: its group + 1, or 0 when the slot is empty */
  guint  point_group;  /* point i's group */
  guint  count;        /* group i: how many points */
  guint  cluster;      /* group i: its cluster, or G_MAXUINT when drawn as itself */
  guint  parent;       /* group i: the group it is merged into (itself at the root) */
  gint64 cx, cy;       /* group i: its cell */
  double sx, sy;       /* group i: the sum of its points' positions */
} Work;

/* The group a group is merged into, shortening the path as it goes. */
static guint
find_root (Work  *work,
           guint  g)
{
  while (work[g].parent != g)
    {
      work[g].parent = work[work[g].parent].parent;
      g = work[g].parent;
    }
  return g;
}

/* A cell's key: its column in the high half, its row in the low. The shift is done on the
 * unsigned value: a cell left of or above the origin has a negative column, and shifting
 * a negative number left is undefined in C. */
static inline gint64
cell_key (gint64 cx,
          gint64 cy)
{
  return (gint64) (((guint64) cx << 32) ^ ((guint64) cy & 0xffffffffu));
}

static guint
find_cell (const Work *work,
           guint       mask,
           gint64      cx,
           gint64      cy)
{
  gint64 key = cell_key (cx, cy);
  guint slot = cell_hash (key, mask);

  while (work[slot].group != 0 && work[slot].key != key)
    slot = (slot + 1) & mask;
  return work[slot].group != 0 ? work[slot].group - 1 : G_MAXUINT;
}

/**
 * fp_map_clustering_new:
 *
 * Returns: (transfer full): an empty clustering, for fp_map_clustering_run()
 */
FpMapClustering *
fp_map_clustering_new (void)
{
  FpMapClustering *clustering = g_new0 (FpMapClustering, 1);

  clustering->singles = g_array_new (FALSE, FALSE, sizeof (guint));
  clustering->clusters = g_array_new (FALSE, FALSE, sizeof (FpMapCluster));
  clustering->members = g_array_new (FALSE, FALSE, sizeof (guint));
  clustering->scratch = g_array_new (FALSE, FALSE, sizeof (Work));
  return clustering;
}

/**
 * fp_map_clustering_free:
 * @clustering: (nullable): a clustering
 */
void
fp_map_clustering_free (FpMapClustering *clustering)
{
  if (clustering == NULL)
    return;
  g_array_unref (clustering->singles);
  g_array_unref (clustering->clusters);
  g_array_unref (clustering->members);
  g_array_unref (clustering->scratch);
  g_free (clustering);
}

/**
 * fp_map_cluster_radius:
 * @n: how many sites a cluster stands for
 *
 * Returns: its symbol's radius, pixels: growing with the logarithm of @n, so a cluster of
 *   thousands does not cover its neighbours' cells
 */
double
fp_map_cluster_radius (guint n)
{
  return MIN (10.0 + 2.0 * log2 (MAX (n, 2)), FP_MAP_CLUSTER_CELL / 2.0);
}

/**
 * fp_map_clustering_run:
 * @clustering: where the result goes (its arrays are reused)
 * @points: (array length=n_points): the symbols in view, in drawing order
 * @n_points: how many
 * @zoom: the map's zoom level
 * @origin_x: where the world's top-left corner is, pixels (the grid is anchored there, so
 *   panning moves the cells with the map and the groups stay the same)
 * @origin_y: the same, vertically
 *
 * Groups the points by the cell of a grid they fall in, when there are too many to draw
 * one by one (more than %FP_MAP_CLUSTER_MAX_SINGLES below %FP_MAP_CLUSTER_FULL_ZOOM). A cell
 * with one point keeps it as itself; a cell with more becomes one cluster. The cells are
 * %FP_MAP_CLUSTER_CELL pixels at the whole zoom level and grow with the fraction, so the
 * groups change only when the zoom crosses a whole level. Every point ends up exactly once,
 * in @clustering's singles or in the members of one cluster.
 *
 * Returns: %TRUE when the points were grouped, %FALSE when every one is a single
 */
gboolean
fp_map_clustering_run (FpMapClustering  *clustering,
                       const FpMapPoint *points,
                       guint             n_points,
                       double            zoom,
                       double            origin_x,
                       double            origin_y)
{
  Work *work;
  guint cap = 16, mask, n_groups = 0, offset = 0;
  double cell;

  g_return_val_if_fail (clustering != NULL, FALSE);
  g_return_val_if_fail (points != NULL || n_points == 0, FALSE);

  g_array_set_size (clustering->singles, 0);
  g_array_set_size (clustering->clusters, 0);
  g_array_set_size (clustering->members, 0);

  if (zoom >= FP_MAP_CLUSTER_FULL_ZOOM || n_points <= FP_MAP_CLUSTER_MAX_SINGLES)
    {
      g_array_set_size (clustering->singles, n_points);
      for (guint i = 0; i < n_points; i++)
        g_array_index (clustering->singles, guint, i) = i;
      return FALSE;
    }

  while (cap < 2 * n_points)
    cap *= 2;
  mask = cap - 1;
  g_array_set_size (clustering->scratch, cap);
  work = (Work *) (void *) clustering->scratch->data;
  memset (work, 0, cap * sizeof (Work));
  cell = FP_MAP_CLUSTER_CELL * exp2 (zoom - floor (zoom));

  /* Each point's cell, and the groups in the order their first point comes. */
  for (guint i = 0; i < n_points; i++)
    {
      gint64 cx = (gint64) floor ((points[i].x - origin_x) / cell);
      gint64 cy = (gint64) floor ((points[i].y - origin_y) / cell);
      gint64 key = cell_key (cx, cy);
      guint slot = cell_hash (key, mask);

      while (work[slot].group != 0 && work[slot].key != key)
        slot = (slot + 1) & mask;
      if (work[slot].group == 0)
        {
          work[slot].key = key;
          work[slot].group = ++n_groups;
          work[n_groups - 1].cx = cx;
          work[n_groups - 1].cy = cy;
        }
      work[i].point_group = work[slot].group - 1;
      work[work[i].point_group].sx += points[i].x;
      work[work[i].point_group].sy += points[i].y;
    }

  /* A town astride the grid's lines would show as discs lying on each other: neighbouring
   * cells whose points' centres are less than a cell apart are merged into one group. */
  for (guint g = 0; g < n_groups; g++)
    work[g].parent = g;
  for (guint i = 0; i < n_points; i++)
    work[work[i].point_group].count++;
  for (guint g = 0; g < n_groups; g++)
    {
      static const int next[4][2] = { { 1, 0 }, { -1, 1 }, { 0, 1 }, { 1, 1 } };

      for (guint k = 0; k < G_N_ELEMENTS (next); k++)
        {
          guint h = find_cell (work, mask, work[g].cx + next[k][0], work[g].cy + next[k][1]);
          guint rg, rh;

          if (h == G_MAXUINT ||
              hypot (work[g].sx / work[g].count - work[h].sx / work[h].count,
                     work[g].sy / work[g].count - work[h].sy / work[h].count) >= cell)
            continue;
          rg = find_root (work, g);
          rh = find_root (work, h);
          if (rg != rh)
            work[MAX (rg, rh)].parent = MIN (rg, rh);
        }
    }
  for (guint g = 0; g < n_groups; g++)
    {
      guint r = find_root (work, g);

      if (r != g)
        {
          work[r].count += work[g].count;
          work[g].count = 0;
        }
    }
  for (guint i = 0; i < n_points; i++)
    work[i].point_group = find_root (work, work[i].point_group);

  /* A cluster for each group of two or more; its members laid out by cluster. */
  for (guint g = 0; g < n_groups; g++)
    {
      work[g].cluster = G_MAXUINT;
      if (work[g].count >= 2)
        {
          FpMapCluster cluster = { 0 };

          cluster.first = offset;
          cluster.min_x = cluster.min_y = G_MAXDOUBLE;
          cluster.max_x = cluster.max_y = -G_MAXDOUBLE;
          offset += work[g].count;
          work[g].cluster = clustering->clusters->len;
          g_array_append_val (clustering->clusters, cluster);
        }
    }
  g_array_set_size (clustering->members, offset);

  for (guint i = 0; i < n_points; i++)
    {
      guint c = work[work[i].point_group].cluster;
      FpMapCluster *cluster;

      if (c == G_MAXUINT)
        {
          g_array_append_val (clustering->singles, i);
          continue;
        }
      cluster = &g_array_index (clustering->clusters, FpMapCluster, c);
      g_array_index (clustering->members, guint, cluster->first + cluster->n++) = i;
      cluster->x += points[i].x;
      cluster->y += points[i].y;
      cluster->min_x = MIN (cluster->min_x, points[i].x);
      cluster->min_y = MIN (cluster->min_y, points[i].y);
      cluster->max_x = MAX (cluster->max_x, points[i].x);
      cluster->max_y = MAX (cluster->max_y, points[i].y);
    }

  for (guint c = 0; c < clustering->clusters->len; c++)
    {
      FpMapCluster *cluster = &g_array_index (clustering->clusters, FpMapCluster, c);

      cluster->x /= cluster->n;
      cluster->y /= cluster->n;
      cluster->radius = fp_map_cluster_radius (cluster->n);
    }

  return TRUE;
}

/**
 * fp_map_clustering_pick:
 * @clustering: the clustering of the frame drawn
 * @x: the pointer, pixels
 * @y: the pointer, pixels
 * @slop: pixels around a symbol that still count as on it
 *
 * Returns: the index of the cluster under (@x, @y), the top-most (the last drawn) if
 *   several, or %G_MAXUINT
 */
guint
fp_map_clustering_pick (const FpMapClustering *clustering,
                        double                 x,
                        double                 y,
                        double                 slop)
{
  g_return_val_if_fail (clustering != NULL, G_MAXUINT);

  for (guint c = clustering->clusters->len; c > 0; c--)
    {
      const FpMapCluster *cluster = &g_array_index (clustering->clusters, FpMapCluster, c - 1);

      if (hypot (x - cluster->x, y - cluster->y) <= cluster->radius + slop)
        return c - 1;
    }
  return G_MAXUINT;
}
