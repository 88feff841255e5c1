/* fp-site-index.c: a KD-tree over points on the unit sphere.
 *
 * A point (lat, lon) is held as its position on the unit sphere, (cos φ cos λ, cos φ sin λ,
 * sin φ). The straight-line (chord) distance c between two positions is a monotone
 * function of the great-circle distance, 2 R asin (c / 2), so the nearest point by chord is
 * the nearest on the sphere: the tree needs no projection and is exact anywhere. Each node
 * splits its points at the median of its widest axis, so the tree's depth is log n however
 * clustered the points are (a uniform grid's cell suits one density only: a fixed 2 km
 * cell made sparse sets slow, issue 13).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-index"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-geo.h"
#include "fp-site-index.h"

/* Points a leaf holds at most. */
#define LEAF_SIZE 16

/* Candidates within this relative margin of the best chord are compared by haversine,
 * so that the nearest point is the one fp_geo_haversine_km says (ties to the lower id),
 * whatever the rounding of the two formulas. */
#define CHORD_SLACK 1e-9
#define CHORD_FLOOR 1e-28

/* Deep enough for any tree of 2³² points split at medians. */
#define MAX_DEPTH 128

typedef struct
{
  double lo[3];
  double hi[3];
  double wmin;    /* smallest weight in the subtree (0 without weights) */
  guint  start;   /* first point, in tree order */
  guint  count;
  guint  right;   /* the right child's index; 0 for a leaf (the left child is this + 1) */
} Node;

struct _FpSiteIndex
{
  guint    n;
  double  *xyz;     /* [n][3], tree order */
  double  *lat;     /* tree order */
  double  *lon;
  guint   *ids;
  guint   *input;   /* tree order -> position in the arrays given to _new */
  double  *weight;  /* tree order; NULL without weights */
  Node    *nodes;
  guint    n_nodes;
  guint    n_alloc;
};

static void
to_xyz (double  lat,
        double  lon,
        double *p)
{
  double phi = lat * G_PI / 180.0, lambda = lon * G_PI / 180.0;

  p[0] = cos (phi) * cos (lambda);
  p[1] = cos (phi) * sin (lambda);
  p[2] = sin (phi);
}

static double
chord2 (const double *a,
        const double *b)
{
  double dx = a[0] - b[0], dy = a[1] - b[1], dz = a[2] - b[2];

  return dx * dx + dy * dy + dz * dz;
}

static double
box_chord2 (const Node   *node,
            const double *q)
{
  double d2 = 0;

  for (int k = 0; k < 3; k++)
    {
      double d = 0;

      if (q[k] < node->lo[k])
        d = node->lo[k] - q[k];
      else if (q[k] > node->hi[k])
        d = q[k] - node->hi[k];
      d2 += d * d;
    }
  return d2;
}

/* Great-circle km of a chord on the unit sphere. */
static double
chord_km (double c2)
{
  return 2.0 * FP_EARTH_RADIUS_KM * asin (fmin (1.0, sqrt (c2) / 2.0));
}

static void
swap_guint (guint *a,
            guint *b)
{
  guint t = *a;

  *a = *b;
  *b = t;
}

/* Rearranges perm[lo, hi) so that perm[nth] has the nth smallest coordinate on @axis,
 * with no larger one before it and no smaller one after (quickselect, three-way so that
 * equal coordinates cost nothing). */
static void
select_nth (guint        *perm,
            const double *xyz,
            int           axis,
            guint         lo,
            guint         hi,
            guint         nth)
{
#define KEY(i) (xyz[(gsize) perm[i] * 3 + axis])
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2, lt = lo, i = lo, gt = hi;
      double a = KEY (lo), b = KEY (mid), c = KEY (hi - 1);
      double pivot = MAX (MIN (a, b), MIN (MAX (a, b), c));  /* the median of three */

      while (i < gt)
        {
          double k = KEY (i);

          if (k < pivot)
            swap_guint (&perm[lt++], &perm[i++]);
          else if (k > pivot)
            swap_guint (&perm[i], &perm[--gt]);
          else
            i++;
        }

      if (nth < lt)
        hi = lt;
      else if (nth >= gt)
        lo = gt;
      else
        return;
    }
#undef KEY
}

static guint
add_node (FpSiteIndex *index)
{
  if (index->n_nodes == index->n_alloc)
    {
      index->n_alloc = MAX (16, index->n_alloc * 2);
      index->nodes = g_renew (Node, index->nodes, index->n_alloc);
    }
  memset (&index->nodes[index->n_nodes], 0, sizeof (Node));
  return index->n_nodes++;
}

static void
build (FpSiteIndex  *index,
       guint        *perm,
       const double *xyz,
       guint         start,
       guint         end)
{
  guint self = add_node (index);
  Node *node = &index->nodes[self];
  int axis = 0;
  double widest = -1;

  node->start = start;
  node->count = end - start;
  for (int k = 0; k < 3; k++)
    {
      node->lo[k] = G_MAXDOUBLE;
      node->hi[k] = -G_MAXDOUBLE;
    }
  for (guint i = start; i < end; i++)
    for (int k = 0; k < 3; k++)
      {
        double v = xyz[(gsize) perm[i] * 3 + k];

        node->lo[k] = fmin (node->lo[k], v);
        node->hi[k] = fmax (node->hi[k], v);
      }

  if (end - start <= LEAF_SIZE)
    return;

  for (int k = 0; k < 3; k++)
    if (node->hi[k] - node->lo[k] > widest)
      {
        widest = node->hi[k] - node->lo[k];
        axis = k;
      }

  {
    guint mid = start + (end - start) / 2, right;

    select_nth (perm, xyz, axis, start, end, mid);
    build (index, perm, xyz, start, mid);
    right = index->n_nodes;
    build (index, perm, xyz, mid, end);
    index->nodes[self].right = right;  /* nodes may have moved: index again */
  }
}

/**
 * fp_site_index_new:
 * @lat: (array length=n): latitudes of the points
 * @lon: (array length=n): longitudes
 * @ids: (nullable) (array length=n): the id to return for each point (default: its
 *   position in @lat)
 * @n: how many points
 *
 * Builds the tree in O(n log n).
 *
 * Returns: (transfer full): an index for nearest-point queries
 */
FpSiteIndex *
fp_site_index_new (const double *lat,
                   const double *lon,
                   const guint  *ids,
                   guint         n)
{
  FpSiteIndex *index = g_new0 (FpSiteIndex, 1);
  g_autofree double *xyz = g_new (double, (gsize) MAX (n, 1) * 3);
  g_autofree guint *perm = g_new (guint, MAX (n, 1));

  index->n = n;
  if (n == 0)
    return index;

  for (guint i = 0; i < n; i++)
    {
      to_xyz (lat[i], lon[i], &xyz[(gsize) i * 3]);
      perm[i] = i;
    }

  build (index, perm, xyz, 0, n);

  index->xyz = g_new (double, (gsize) n * 3);
  index->lat = g_new (double, n);
  index->lon = g_new (double, n);
  index->ids = g_new (guint, n);
  index->input = g_new (guint, n);
  for (guint t = 0; t < n; t++)
    {
      guint i = perm[t];

      memcpy (&index->xyz[(gsize) t * 3], &xyz[(gsize) i * 3], sizeof (double) * 3);
      index->lat[t] = lat[i];
      index->lon[t] = lon[i];
      index->ids[t] = ids != NULL ? ids[i] : i;
      index->input[t] = i;
    }

  return index;
}

void
fp_site_index_free (FpSiteIndex *index)
{
  if (index == NULL)
    return;

  g_free (index->xyz);
  g_free (index->lat);
  g_free (index->lon);
  g_free (index->ids);
  g_free (index->input);
  g_free (index->weight);
  g_free (index->nodes);
  g_free (index);
}

guint
fp_site_index_get_size (const FpSiteIndex *index)
{
  return index->n;
}

/**
 * fp_site_index_nearest:
 * @index: an index
 * @lat: the query point
 * @lon: the query point
 * @id: (out): the nearest point's id
 * @km: (out): its great-circle distance, km, as fp_geo_haversine_km() gives it
 *
 * The nearest point, exactly: the one a scan of every point with fp_geo_haversine_km()
 * finds, ties going to the lower id. Weights play no part.
 *
 * Returns: %FALSE if the index is empty
 */
gboolean
fp_site_index_nearest (const FpSiteIndex *index,
                       double             lat,
                       double             lon,
                       guint             *id,
                       double            *km)
{
  double q[3];

  fp_site_index_point (lat, lon, q);
  return fp_site_index_nearest_point (index, q, lat, lon, id, km);
}

/**
 * fp_site_index_point:
 * @lat: a point
 * @lon: a point
 * @xyz: (out caller-allocates) (array fixed-size=3): its position on the unit sphere
 *
 * For a point queried against many indexes (a zone, against every facility set): its
 * position, computed once, for fp_site_index_nearest_point().
 */
void
fp_site_index_point (double  lat,
                     double  lon,
                     double *xyz)
{
  to_xyz (lat, lon, xyz);
}

/**
 * fp_site_index_nearest_point:
 * @index: an index
 * @xyz: (array fixed-size=3): the query's position, from fp_site_index_point()
 * @lat: the query point
 * @lon: the query point
 * @id: (out): the nearest point's id
 * @km: (out): its great-circle distance, km, as fp_geo_haversine_km() gives it
 *
 * fp_site_index_nearest() for a query whose position is known.
 *
 * Returns: %FALSE if the index is empty
 */
gboolean
fp_site_index_nearest_point (const FpSiteIndex *index,
                             const double      *xyz,
                             double             lat,
                             double             lon,
                             guint             *id,
                             double            *km)
{
  guint stack[MAX_DEPTH];
  double stack_d2[MAX_DEPTH];
  guint depth = 0;
  guint local[32];
  guint *near = local, n_near = 0, near_alloc = G_N_ELEMENTS (local);
  const double *q = xyz;
  double best2 = G_MAXDOUBLE, best_km = G_MAXDOUBLE;
  guint best_id = G_MAXUINT;

  if (index->n == 0)
    return FALSE;

  stack[depth] = 0;
  stack_d2[depth++] = box_chord2 (&index->nodes[0], q);

  while (depth > 0)
    {
      const Node *node;
      double d2 = stack_d2[--depth];

      if (d2 > best2 * (1 + CHORD_SLACK) + CHORD_FLOOR)
        continue;
      node = &index->nodes[stack[depth]];

      if (node->right == 0)
        {
          for (guint t = node->start; t < node->start + node->count; t++)
            {
              double p2 = chord2 (q, &index->xyz[(gsize) t * 3]);

              if (p2 > best2 * (1 + CHORD_SLACK) + CHORD_FLOOR)
                continue;
              if (p2 < best2)
                {
                  guint kept = 0;

                  best2 = p2;
                  for (guint j = 0; j < n_near; j++)
                    if (chord2 (q, &index->xyz[(gsize) near[j] * 3]) <=
                        best2 * (1 + CHORD_SLACK) + CHORD_FLOOR)
                      near[kept++] = near[j];
                  n_near = kept;
                }
              if (n_near == near_alloc)
                {
                  /* Many points at one place: go to the heap. */
                  if (near == local)
                    near = g_memdup2 (local, sizeof local);
                  near_alloc *= 2;
                  near = g_renew (guint, near, near_alloc);
                }
              near[n_near++] = t;
            }
        }
      else
        {
          guint left = stack[depth] + 1, right = node->right;
          double dl = box_chord2 (&index->nodes[left], q);
          double dr = box_chord2 (&index->nodes[right], q);

          /* The nearer child is searched first: push it last. */
          if (dl <= dr)
            {
              stack[depth] = right;
              stack_d2[depth++] = dr;
              stack[depth] = left;
              stack_d2[depth++] = dl;
            }
          else
            {
              stack[depth] = left;
              stack_d2[depth++] = dl;
              stack[depth] = right;
              stack_d2[depth++] = dr;
            }
        }
    }

  for (guint j = 0; j < n_near; j++)
    {
      guint t = near[j];
      double d;

      if (chord2 (q, &index->xyz[(gsize) t * 3]) > best2 * (1 + CHORD_SLACK) + CHORD_FLOOR)
        continue;
      d = fp_geo_haversine_km (lat, lon, index->lat[t], index->lon[t]);
      if (d < best_km || (d == best_km && index->ids[t] < best_id))
        {
          best_km = d;
          best_id = index->ids[t];
        }
    }

  if (near != local)
    g_free (near);

  *id = best_id;
  *km = best_km;
  return TRUE;
}

/**
 * fp_site_index_set_weights:
 * @index: an index
 * @weights: (nullable) (array): a weight (km, at least 0) for each point, by its
 *   position in the arrays given to fp_site_index_new(); %NULL for none
 *
 * Sets the weights fp_site_index_nearest_k() adds to distances, in O(n).
 */
void
fp_site_index_set_weights (FpSiteIndex  *index,
                           const double *weights)
{
  if (index->n == 0)
    return;

  if (weights == NULL)
    {
      g_clear_pointer (&index->weight, g_free);
      for (guint i = 0; i < index->n_nodes; i++)
        index->nodes[i].wmin = 0;
      return;
    }

  if (index->weight == NULL)
    index->weight = g_new (double, index->n);
  for (guint t = 0; t < index->n; t++)
    index->weight[t] = weights[index->input[t]];

  /* Children follow their parent in the array: fill the minima from the end. */
  for (guint i = index->n_nodes; i-- > 0;)
    {
      Node *node = &index->nodes[i];

      if (node->right == 0)
        {
          node->wmin = G_MAXDOUBLE;
          for (guint t = node->start; t < node->start + node->count; t++)
            node->wmin = fmin (node->wmin, index->weight[t]);
        }
      else
        node->wmin = fmin (index->nodes[i + 1].wmin, index->nodes[node->right].wmin);
    }
}

/**
 * fp_site_index_nearest_k:
 * @index: an index
 * @lat: the query point
 * @lon: the query point
 * @k: how many points at most
 * @scale: km of travel per km of great circle (a circuity factor; 1 for none)
 * @limit: only points whose value is below this (G_MAXDOUBLE: no limit)
 * @ids: (out caller-allocates) (array length=k): the points' ids, best first
 * @values: (out caller-allocates) (array length=k) (nullable): their values
 *
 * The k points with the smallest value, scale × great-circle km + the point's weight
 * (fp_site_index_set_weights(); 0 without), below @limit; ties go to the lower id. The
 * distances come from the chord, so they may differ from fp_geo_haversine_km() in the
 * last digits.
 *
 * Returns: how many points were found
 */
guint
fp_site_index_nearest_k (const FpSiteIndex *index,
                         double             lat,
                         double             lon,
                         guint              k,
                         double             scale,
                         double             limit,
                         guint             *ids,
                         double            *values)
{
  guint stack[MAX_DEPTH];
  double stack_lb[MAX_DEPTH];
  guint depth = 0, count = 0;
  g_autofree double *best = NULL;
  double q[3];

  if (index->n == 0 || k == 0)
    return 0;

  best = g_new (double, k);
  to_xyz (lat, lon, q);

#define NODE_LB(i) (scale * chord_km (box_chord2 (&index->nodes[i], q)) + index->nodes[i].wmin)
#define WORST (count < k ? limit : fmin (limit, best[count - 1]))

  stack[depth] = 0;
  stack_lb[depth++] = NODE_LB (0);

  while (depth > 0)
    {
      double lb = stack_lb[--depth];
      const Node *node;

      /* Equal bounds are searched, so that ties go to the lower id. */
      if (lb > WORST)
        continue;
      node = &index->nodes[stack[depth]];

      if (node->right == 0)
        {
          for (guint t = node->start; t < node->start + node->count; t++)
            {
              double v = scale * chord_km (chord2 (q, &index->xyz[(gsize) t * 3])) +
                         (index->weight != NULL ? index->weight[t] : 0);
              guint id = index->ids[t], at;

              if (count == k)
                {
                  if (v > best[k - 1] || (v == best[k - 1] && id > ids[k - 1]))
                    continue;
                }
              if (!(v < limit))
                continue;

              /* Insert in order (k is small). */
              at = count < k ? count++ : k - 1;
              while (at > 0 && (best[at - 1] > v || (best[at - 1] == v && ids[at - 1] > id)))
                {
                  best[at] = best[at - 1];
                  ids[at] = ids[at - 1];
                  at--;
                }
              best[at] = v;
              ids[at] = id;
            }
        }
      else
        {
          guint left = stack[depth] + 1, right = node->right;
          double bl = NODE_LB (left), br = NODE_LB (right);

          if (bl <= br)
            {
              stack[depth] = right;
              stack_lb[depth++] = br;
              stack[depth] = left;
              stack_lb[depth++] = bl;
            }
          else
            {
              stack[depth] = left;
              stack_lb[depth++] = bl;
              stack[depth] = right;
              stack_lb[depth++] = br;
            }
        }
    }
#undef NODE_LB
#undef WORST

  if (values != NULL)
    memcpy (values, best, sizeof (double) * count);
  return count;
}
