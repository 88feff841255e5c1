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

/* Clustering sites at low zoom (fp_map_clustering_run): the grid's cell, in pixels at the
 * zoom level's whole number, so a cell is fixed on the ground while the map pans; up to
 * MAX_SINGLES sites in view, or from FULL_ZOOM on, every site is drawn as itself. */
#define FP_MAP_CLUSTER_CELL        48.0
#define FP_MAP_CLUSTER_MAX_SINGLES 1500
#define FP_MAP_CLUSTER_FULL_ZOOM   13.0

/**
 * FpMapCluster:
 * @x: where it is drawn, the mean of its members, pixels
 * @y: where it is drawn, pixels
 * @radius: its drawn radius, pixels
 * @first: its members are members[@first .. @first + @n)
 * @n: how many points it stands for (two or more)
 * @min_x: its members' extent, pixels, for zooming in to them
 * @min_y: its members' extent
 * @max_x: its members' extent
 * @max_y: its members' extent
 */
typedef struct
{
  double x;
  double y;
  double radius;
  guint  first;
  guint  n;
  double min_x, min_y, max_x, max_y;
} FpMapCluster;

/**
 * FpMapClustering:
 * @singles: (element-type guint): indices of the points drawn as themselves, in their order
 * @clusters: (element-type FpMapCluster): the groups drawn as one symbol
 * @members: (element-type guint): indices of the points in the clusters, by cluster
 *
 * What one frame draws; kept between frames so that a frame allocates nothing new.
 */
typedef struct
{
  GArray *singles;
  GArray *clusters;
  GArray *members;
  /*< private >*/
  GArray *scratch;
} FpMapClustering;

FpMapClustering *fp_map_clustering_new  (void) G_GNUC_WARN_UNUSED_RESULT;
void             fp_map_clustering_free (FpMapClustering  *clustering);
gboolean         fp_map_clustering_run  (FpMapClustering  *clustering,
                                         const FpMapPoint *points,
                                         guint             n_points,
                                         double            zoom,
                                         double            origin_x,
                                         double            origin_y);
guint            fp_map_clustering_pick (const FpMapClustering *clustering,
                                         double                 x,
                                         double                 y,
                                         double                 slop);
double           fp_map_cluster_radius  (guint             n);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpMapClustering, fp_map_clustering_free)

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
