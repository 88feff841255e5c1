/* test-map-cluster.c: grouping the sites in view at low zoom (fp-map-geometry).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fp-map-geometry.h"

#define ORIGIN_X -12345.6
#define ORIGIN_Y -7890.1

/* A national-scale view: towns (dense clumps) and countryside (scattered points), the
 * same every run. */
static FpMapPoint *
make_points (guint n,
             guint seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  FpMapPoint *points = g_new (FpMapPoint, n);

  for (guint i = 0; i < n; i++)
    {
      if (i % 10 == 0)
        {
          points[i].x = g_rand_double_range (rand, 0, 1280);
          points[i].y = g_rand_double_range (rand, 0, 800);
        }
      else
        {
          guint town = g_rand_int_range (rand, 0, 40);

          points[i].x = 30 + 31 * town + g_rand_double_range (rand, -20, 20);
          points[i].y = 20 + 19 * town + g_rand_double_range (rand, -20, 20);
        }
      points[i].radius = g_rand_double_range (rand, 4, 12);
      points[i].id = 1000 + i;
    }
  return points;
}

static gint64
cell_of (const FpMapPoint *p,
         double            zoom)
{
  double cell = FP_MAP_CLUSTER_CELL * exp2 (zoom - floor (zoom));
  gint64 cx = (gint64) floor ((p->x - ORIGIN_X) / cell);
  gint64 cy = (gint64) floor ((p->y - ORIGIN_Y) / cell);

  return cx * 1000003 + cy;
}

/* Every point once, in a single or one cluster; the points of a cell are never split
 * (a cell with one point keeps it as itself, unless it lies close to a neighbour's
 * cluster, which takes it in). */
static void
check_partition (const FpMapClustering *c,
                 const FpMapPoint      *points,
                 guint                  n,
                 double                 zoom)
{
  g_autofree guint *seen = g_new0 (guint, n);
  g_autofree guint *owner_of = g_new (guint, n);
  g_autoptr(GHashTable) owner = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       NULL);
  guint total = c->singles->len;

  for (guint i = 0; i < c->singles->len; i++)
    {
      guint p = g_array_index (c->singles, guint, i);

      g_assert_cmpuint (p, <, n);
      seen[p]++;
      owner_of[p] = G_MAXUINT / 2 + p;
      if (i > 0)  /* drawing order kept */
        g_assert_cmpuint (p, >, g_array_index (c->singles, guint, i - 1));
    }

  for (guint k = 0; k < c->clusters->len; k++)
    {
      const FpMapCluster *cl = &g_array_index (c->clusters, FpMapCluster, k);
      double sx = 0, sy = 0;

      g_assert_cmpuint (cl->n, >=, 2);
      total += cl->n;
      for (guint m = 0; m < cl->n; m++)
        {
          guint p = g_array_index (c->members, guint, cl->first + m);

          g_assert_cmpuint (p, <, n);
          seen[p]++;
          owner_of[p] = k;
          sx += points[p].x;
          sy += points[p].y;
          g_assert_cmpfloat (points[p].x, >=, cl->min_x);
          g_assert_cmpfloat (points[p].x, <=, cl->max_x);
          g_assert_cmpfloat (points[p].y, >=, cl->min_y);
          g_assert_cmpfloat (points[p].y, <=, cl->max_y);
        }
      g_assert_cmpfloat_with_epsilon (cl->x, sx / cl->n, 1e-9);
      g_assert_cmpfloat_with_epsilon (cl->y, sy / cl->n, 1e-9);
      g_assert_cmpfloat (cl->radius, ==, fp_map_cluster_radius (cl->n));
    }

  /* The counts add up to the points in view, and none is lost or drawn twice. */
  g_assert_cmpuint (total, ==, n);
  g_assert_cmpuint (c->members->len + c->singles->len, ==, n);
  for (guint p = 0; p < n; p++)
    g_assert_cmpuint (seen[p], ==, 1);

  /* A cell's points all go the same way. */
  for (guint p = 0; p < n; p++)
    {
      gint64 cell = cell_of (&points[p], zoom);
      gpointer found;

      if (g_hash_table_lookup_extended (owner, &cell, NULL, &found))
        g_assert_cmpuint (GPOINTER_TO_UINT (found), ==, owner_of[p]);
      else
        g_hash_table_insert (owner, g_memdup2 (&cell, sizeof cell),
                             GUINT_TO_POINTER (owner_of[p]));
    }
}

static void
test_partition (void)
{
  const guint n = 4000;
  g_autofree FpMapPoint *points = make_points (n, 13);
  g_autoptr(FpMapClustering) c = fp_map_clustering_new ();
  const double zooms[] = { 5.0, 6.3, 8.75, 12.5 };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      g_assert_true (fp_map_clustering_run (c, points, n, zooms[z], ORIGIN_X, ORIGIN_Y));
      /* The towns are grouped, the countryside partly kept as itself. */
      g_assert_cmpuint (c->clusters->len, >, 0);
      g_assert_cmpuint (c->singles->len, >, 0);
      check_partition (c, points, n, zooms[z]);
    }
}

/* From the full zoom on, or with few sites in view, every site is drawn as itself. */
static void
test_every_site_drawn (void)
{
  const guint n = 4000;
  g_autofree FpMapPoint *points = make_points (n, 7);
  g_autoptr(FpMapClustering) c = fp_map_clustering_new ();
  const double full[] = { FP_MAP_CLUSTER_FULL_ZOOM, FP_MAP_CLUSTER_FULL_ZOOM + 0.5, 18 };

  for (guint z = 0; z < G_N_ELEMENTS (full); z++)
    {
      g_assert_false (fp_map_clustering_run (c, points, n, full[z], ORIGIN_X, ORIGIN_Y));
      g_assert_cmpuint (c->clusters->len, ==, 0);
      g_assert_cmpuint (c->members->len, ==, 0);
      g_assert_cmpuint (c->singles->len, ==, n);
      for (guint i = 0; i < n; i++)
        g_assert_cmpuint (g_array_index (c->singles, guint, i), ==, i);
    }

  /* Just under it, the same points are grouped. */
  g_assert_true (fp_map_clustering_run (c, points, n, FP_MAP_CLUSTER_FULL_ZOOM - 0.01,
                                        ORIGIN_X, ORIGIN_Y));
  check_partition (c, points, n, FP_MAP_CLUSTER_FULL_ZOOM - 0.01);

  /* Few in view: each as itself at any zoom; one more and they are grouped. */
  g_assert_false (fp_map_clustering_run (c, points, FP_MAP_CLUSTER_MAX_SINGLES, 5.0,
                                         ORIGIN_X, ORIGIN_Y));
  g_assert_cmpuint (c->singles->len, ==, FP_MAP_CLUSTER_MAX_SINGLES);
  g_assert_cmpuint (c->clusters->len, ==, 0);
  g_assert_true (fp_map_clustering_run (c, points, FP_MAP_CLUSTER_MAX_SINGLES + 1, 5.0,
                                        ORIGIN_X, ORIGIN_Y));
  check_partition (c, points, FP_MAP_CLUSTER_MAX_SINGLES + 1, 5.0);

  g_assert_false (fp_map_clustering_run (c, NULL, 0, 5.0, ORIGIN_X, ORIGIN_Y));
  g_assert_cmpuint (c->singles->len, ==, 0);
}

/* Panning, or zooming within a whole level, moves the points with the grid: the groups
 * stay the same, so clusters do not flicker as the map moves. */
static void
test_stable (void)
{
  const guint n = 3000;
  g_autofree FpMapPoint *points = make_points (n, 21);
  g_autofree FpMapPoint *moved = g_new (FpMapPoint, n);
  g_autoptr(FpMapClustering) a = fp_map_clustering_new ();
  g_autoptr(FpMapClustering) b = fp_map_clustering_new ();
  const double dx = 37.3, dy = -81.9, zoom = 7.0;

  g_assert_true (fp_map_clustering_run (a, points, n, zoom, ORIGIN_X, ORIGIN_Y));

  /* Panned. */
  for (guint i = 0; i < n; i++)
    {
      moved[i] = points[i];
      moved[i].x += dx;
      moved[i].y += dy;
    }
  g_assert_true (fp_map_clustering_run (b, moved, n, zoom, ORIGIN_X + dx, ORIGIN_Y + dy));
  g_assert_cmpmem (a->singles->data, a->singles->len * sizeof (guint),
                   b->singles->data, b->singles->len * sizeof (guint));
  g_assert_cmpmem (a->members->data, a->members->len * sizeof (guint),
                   b->members->data, b->members->len * sizeof (guint));

  /* Zoomed by 0.6 of a level about the origin: every distance to it grows by 2^0.6,
   * the cells too. */
  for (guint i = 0; i < n; i++)
    {
      moved[i] = points[i];
      moved[i].x = ORIGIN_X + (points[i].x - ORIGIN_X) * exp2 (0.6);
      moved[i].y = ORIGIN_Y + (points[i].y - ORIGIN_Y) * exp2 (0.6);
    }
  g_assert_true (fp_map_clustering_run (b, moved, n, zoom + 0.6, ORIGIN_X, ORIGIN_Y));
  g_assert_cmpuint (a->clusters->len, ==, b->clusters->len);
  g_assert_cmpmem (a->singles->data, a->singles->len * sizeof (guint),
                   b->singles->data, b->singles->len * sizeof (guint));
  g_assert_cmpmem (a->members->data, a->members->len * sizeof (guint),
                   b->members->data, b->members->len * sizeof (guint));
}

/* Hit-testing a cluster: on its disc (and a few pixels round it), the top-most first. */
static void
test_pick (void)
{
  const guint n = FP_MAP_CLUSTER_MAX_SINGLES + 4;
  g_autofree FpMapPoint *points = g_new0 (FpMapPoint, n);
  g_autoptr(FpMapClustering) c = fp_map_clustering_new ();
  const FpMapCluster *big;
  guint k;

  /* Almost all in one cell; four far off in a cell of their own. */
  for (guint i = 0; i < n; i++)
    {
      gboolean far = i >= n - 4;

      points[i].x = (far ? 1000 : 100) + (i % 10);
      points[i].y = (far ? 600 : 100) + (i % 7);
      points[i].radius = 6;
      points[i].id = i;
    }
  g_assert_true (fp_map_clustering_run (c, points, n, 6.0, 0, 0));
  g_assert_cmpuint (c->clusters->len, ==, 2);
  g_assert_cmpuint (c->singles->len, ==, 0);

  k = fp_map_clustering_pick (c, 104.5, 103.0, 3);
  g_assert_cmpuint (k, !=, G_MAXUINT);
  big = &g_array_index (c->clusters, FpMapCluster, k);
  g_assert_cmpuint (big->n, ==, n - 4);
  /* At the rim plus the slop, still on it; a pixel beyond, not. */
  g_assert_cmpuint (fp_map_clustering_pick (c, big->x + big->radius + 2.9, big->y, 3), ==, k);
  g_assert_cmpuint (fp_map_clustering_pick (c, big->x + big->radius + 4, big->y, 3), ==,
                    G_MAXUINT);
  k = fp_map_clustering_pick (c, 1004.5, 601.5, 3);
  g_assert_cmpuint (k, !=, G_MAXUINT);
  g_assert_cmpuint (g_array_index (c->clusters, FpMapCluster, k).n, ==, 4);
  g_assert_cmpuint (fp_map_clustering_pick (c, 500, 400, 3), ==, G_MAXUINT);
}

/* A town astride a line of the grid is one disc, not two lying on each other; two towns
 * in neighbouring cells but a cell apart stay two. */
static void
test_astride (void)
{
  const guint n = FP_MAP_CLUSTER_MAX_SINGLES + 100;
  g_autofree FpMapPoint *points = g_new0 (FpMapPoint, n);
  g_autoptr(FpMapClustering) c = fp_map_clustering_new ();

  for (guint i = 0; i < n; i++)
    {
      points[i].x = i % 2 == 0 ? 44 + (i % 7) * 0.5 : 49 + (i % 5) * 0.5;
      points[i].y = 300 + (i % 11);
      points[i].radius = 6;
      points[i].id = i;
    }
  g_assert_true (fp_map_clustering_run (c, points, n, 6.0, 0, 0));
  check_partition (c, points, n, 6.0);
  g_assert_cmpuint (c->clusters->len, ==, 1);
  g_assert_cmpuint (g_array_index (c->clusters, FpMapCluster, 0).n, ==, n);

  for (guint i = 0; i < n; i++)
    points[i].x = i % 2 == 0 ? 5 + (i % 7) * 0.5 : 90 + (i % 5) * 0.5;
  g_assert_true (fp_map_clustering_run (c, points, n, 6.0, 0, 0));
  check_partition (c, points, n, 6.0);
  g_assert_cmpuint (c->clusters->len, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/map-cluster/partition", test_partition);
  g_test_add_func ("/fp/map-cluster/every-site-drawn", test_every_site_drawn);
  g_test_add_func ("/fp/map-cluster/stable", test_stable);
  g_test_add_func ("/fp/map-cluster/pick", test_pick);
  g_test_add_func ("/fp/map-cluster/astride", test_astride);

  return g_test_run ();
}
