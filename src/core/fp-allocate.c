/* fp-allocate.c: the transportation problem, solved with GLPK's simplex.
 *
 * Variables: x[o][r][g] >= 0 for each origin o, good g it supplies and allowed receiver r
 * with room, and u[o][g] >= 0, the unplaced volume.
 *   minimise   sum x[o][r][g] * distance[o][r]  +  PENALTY * sum u[o][g]
 *   subject to sum_r x[o][r][g] + u[o][g]  = supply[o][g]           for each (o, g)
 *              sum_{o,g: g uses k} rate[g] * x[o][r][g] <= capacity[r][k]  for each (r, k)
 * PENALTY exceeds any distance, so volume is left unplaced only when no allowed receiver
 * has room for it.
 *
 * Building every arc costs origins × receivers × goods (for a shift out of every practice
 * in England, 94 GB once): instead the program starts with each (o, g)'s nearest few
 * receivers (a KD-tree per good over the receivers allowed it) and grows by column
 * generation. With π[o][g] the dual of a supply row and μ[r][k] <= 0 that of a capacity
 * row (0 for a receiver with no row yet), an arc's reduced cost is
 *   distance[o][r] + w_g[r] − π[o][g],   w_g[r] = −rate[g] (μ[r][k(g)] + μ[r][k2(g)]) >= 0,
 * and the arcs of (o, g) with the smallest distance + weight are a weighted nearest-
 * neighbour query. When no arc left out has a negative reduced cost, the restricted
 * optimum is the optimum of the whole problem (tests/test-allocate.c checks it against
 * the program with every arc, on random instances and on every BSol exit and shift).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-allocate"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glpk.h>
#include <glib/gi18n-lib.h>

#include "fp-allocate.h"
#include "fp-error.h"
#include "fp-geo.h"
#include "fp-site-index.h"

/* Per unit: more than any distance in an estate (km), so placing always wins. */
#define UNPLACED_PENALTY 1.0e5

/* An arc is added when its reduced cost is below −(this × max (1, |π|)): far below any
 * distance that matters, above the rounding of the duals. */
#define PRICING_TOLERANCE 1e-9

FpAllocation *
fp_allocation_new (guint n_origins,
                   guint n_receivers,
                   guint n_goods,
                   guint n_resources)
{
  FpAllocation *a = g_new0 (FpAllocation, 1);

  a->n_origins = n_origins;
  a->n_receivers = n_receivers;
  a->n_goods = n_goods;
  a->n_resources = n_resources;
  a->origin_lat = g_new0 (double, MAX (n_origins, 1));
  a->origin_lon = g_new0 (double, MAX (n_origins, 1));
  a->receiver_lat = g_new0 (double, MAX (n_receivers, 1));
  a->receiver_lon = g_new0 (double, MAX (n_receivers, 1));
  a->circuity = 1.0;
  a->supply = g_new0 (double, (gsize) n_origins * n_goods);
  a->allowed = g_new0 (guint8, (gsize) n_goods * n_receivers);
  a->resource = g_new0 (guint, n_goods);
  a->resource2 = g_new (guint, n_goods);
  for (guint g = 0; g < n_goods; g++)
    a->resource2[g] = G_MAXUINT;
  a->rate = g_new0 (double, n_goods);
  a->capacity = g_new0 (double, (gsize) n_receivers * n_resources);
  a->candidates = FP_ALLOCATION_DEFAULT_CANDIDATES;
  a->flows = g_array_new (FALSE, FALSE, sizeof (FpAllocationFlow));
  a->unplaced = g_new0 (double, (gsize) n_origins * n_goods);

  return a;
}

void
fp_allocation_free (FpAllocation *a)
{
  if (a == NULL)
    return;

  g_free (a->origin_lat);
  g_free (a->origin_lon);
  g_free (a->receiver_lat);
  g_free (a->receiver_lon);
  g_free (a->supply);
  g_free (a->allowed);
  g_free (a->resource);
  g_free (a->resource2);
  g_free (a->rate);
  g_free (a->capacity);
  g_array_unref (a->flows);
  g_free (a->unplaced);
  g_free (a);
}

/* A supplied (origin, good): one equality row and one unplaced column. */
typedef struct
{
  guint origin;
  guint good;
  guint first_arc;   /* its arcs, linked through Arc.next; G_MAXUINT at the end */
  guint n_arcs;
} Supply;

typedef struct
{
  guint  supply;
  guint  receiver;
  double km;
  guint  next;
} Arc;

/* The receivers allowed a good and with room for it, and (for column generation) a
 * KD-tree over them and their weights. */
typedef struct
{
  GArray      *receivers;   /* guint */
  FpSiteIndex *index;
  double      *weight;      /* by position in receivers */
  gboolean     supplied;
} Good;

typedef struct
{
  FpAllocation *a;
  glp_prob     *lp;
  Supply       *supplies;
  guint         n_supplies;
  GArray       *arcs;       /* Arc; arc i is column n_supplies + i + 1 */
  int          *cap_row;    /* [receiver][resource] -> row, 0 if none yet */
  Good         *goods;
} Problem;

static int
silence_glpk (void       *info,
              const char *s)
{
  return 1;  /* swallow GLPK's terminal output */
}

static gboolean
has_room (const FpAllocation *a,
          guint               g,
          guint               r)
{
  return a->allowed[(gsize) g * a->n_receivers + r] &&
         a->capacity[(gsize) r * a->n_resources + a->resource[g]] > 0 &&
         (a->resource2[g] == G_MAXUINT ||
          a->capacity[(gsize) r * a->n_resources + a->resource2[g]] > 0);
}

static gboolean
has_arc (const Problem *p,
         guint          s,
         guint          r)
{
  for (guint i = p->supplies[s].first_arc; i != G_MAXUINT;
       i = g_array_index (p->arcs, Arc, i).next)
    if (g_array_index (p->arcs, Arc, i).receiver == r)
      return TRUE;
  return FALSE;
}

static void
queue_arc (Problem *p,
           guint    s,
           guint    r)
{
  const FpAllocation *a = p->a;
  guint o = p->supplies[s].origin;
  Arc arc = { s, r, 0, p->supplies[s].first_arc };

  /* The same formula and argument order as everywhere else in the engine, so a distance
   * is the same number whichever way it was found. */
  arc.km = fp_geo_haversine_km (a->origin_lat[o], a->origin_lon[o],
                                a->receiver_lat[r], a->receiver_lon[r]) * a->circuity;
  p->supplies[s].first_arc = p->arcs->len;
  p->supplies[s].n_arcs++;
  g_array_append_val (p->arcs, arc);
}

static int
capacity_row (Problem *p,
              guint    r,
              guint    k)
{
  const FpAllocation *a = p->a;
  gsize key = (gsize) r * a->n_resources + k;

  if (p->cap_row[key] == 0)
    {
      int row = glp_add_rows (p->lp, 1);

      glp_set_row_bnds (p->lp, row, GLP_UP, 0.0, a->capacity[key]);
      p->cap_row[key] = row;
    }
  return p->cap_row[key];
}

/* Adds the arcs queued since @from to the program as columns. */
static void
add_columns (Problem *p,
             guint    from)
{
  const FpAllocation *a = p->a;
  guint n = p->arcs->len - from;
  int first;

  if (n == 0)
    return;

  first = glp_add_cols (p->lp, (int) n);
  for (guint i = 0; i < n; i++)
    {
      const Arc *arc = &g_array_index (p->arcs, Arc, from + i);
      guint g = p->supplies[arc->supply].good;
      int col = first + (int) i, len = 2;
      int ind[4];
      double val[4];

      ind[1] = (int) arc->supply + 1;
      val[1] = 1.0;
      ind[2] = capacity_row (p, arc->receiver, a->resource[g]);
      val[2] = a->rate[g];
      if (a->resource2[g] != G_MAXUINT)
        {
          ind[3] = capacity_row (p, arc->receiver, a->resource2[g]);
          val[3] = a->rate[g];
          len = 3;
        }

      glp_set_col_bnds (p->lp, col, GLP_LO, 0.0, 0.0);
      glp_set_obj_coef (p->lp, col, arc->km);
      glp_set_mat_col (p->lp, col, len, ind, val);
    }
}

static double
capacity_dual (const Problem *p,
               guint          r,
               guint          k)
{
  int row;

  if (k == G_MAXUINT)
    return 0;
  row = p->cap_row[(gsize) r * p->a->n_resources + k];
  return row == 0 ? 0 : fmin (0.0, glp_get_row_dual (p->lp, row));
}

/* Queues, for each supply, the arcs left out whose reduced cost is negative (the most
 * negative first, at most @per_supply). Returns how many. */
static guint
price (Problem *p,
       guint    per_supply)
{
  const FpAllocation *a = p->a;
  guint before = p->arcs->len;
  g_autofree guint *ids = NULL;
  guint max_k = 0;

  for (guint g = 0; g < a->n_goods; g++)
    {
      Good *good = &p->goods[g];

      if (!good->supplied || good->index == NULL)
        continue;
      for (guint i = 0; i < good->receivers->len; i++)
        {
          guint r = g_array_index (good->receivers, guint, i);

          good->weight[i] = fmax (0.0, -a->rate[g] * (capacity_dual (p, r, a->resource[g]) +
                                                        capacity_dual (p, r, a->resource2[g])));
        }
      fp_site_index_set_weights (good->index, good->weight);
    }

  for (guint s = 0; s < p->n_supplies; s++)
    max_k = MAX (max_k, p->supplies[s].n_arcs + per_supply);
  ids = g_new (guint, MAX (max_k, 1));

  for (guint s = 0; s < p->n_supplies; s++)
    {
      const Supply *supply = &p->supplies[s];
      const Good *good = &p->goods[supply->good];
      double pi = glp_get_row_dual (p->lp, (int) s + 1);
      double limit = pi - PRICING_TOLERANCE * fmax (1.0, fabs (pi));
      guint n, added = 0;

      if (good->index == NULL || limit <= 0 || supply->n_arcs >= good->receivers->len)
        continue;

      /* Arcs already in the program may rank among these (within the solver's
       * tolerance): ask for enough to pass them all. */
      n = fp_site_index_nearest_k (good->index, a->origin_lat[supply->origin],
                                   a->origin_lon[supply->origin], supply->n_arcs + per_supply,
                                   a->circuity, limit, ids, NULL);
      for (guint i = 0; i < n && added < per_supply; i++)
        if (!has_arc (p, s, ids[i]))
          {
            queue_arc (p, s, ids[i]);
            added++;
          }
    }

  return p->arcs->len - before;
}

static int
compare_arc_km (gconstpointer x,
                gconstpointer y,
                gpointer      data)
{
  const Arc *arcs = data;
  const Arc *a = &arcs[*(const guint *) x], *b = &arcs[*(const guint *) y];

  if (a->km != b->km)
    return a->km < b->km ? -1 : 1;
  return (a->receiver > b->receiver) - (a->receiver < b->receiver);
}

/* A first basis, feasible by construction: each supply goes whole to its nearest arc
 * whose receiver still has room for all of it, or stays unplaced; every capacity row's
 * slack is basic. The basis matrix is triangular (each supply row holds one basic column
 * with a 1 in it; each capacity row its slack), so it is never singular. The simplex then
 * only corrects what this greedy start got wrong, which on a shift out of thousands of
 * practices is a small part of what it would pivot from GLPK's own starting basis. */
static void
crash_basis (Problem *p)
{
  const FpAllocation *a = p->a;
  g_autofree double *left = g_memdup2 (a->capacity,
                                       sizeof (double) * a->n_receivers * a->n_resources);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  int n_rows = glp_get_num_rows (p->lp);

  for (int row = (int) p->n_supplies + 1; row <= n_rows; row++)
    glp_set_row_stat (p->lp, row, GLP_BS);
  for (guint i = 0; i < p->arcs->len; i++)
    glp_set_col_stat (p->lp, (int) (p->n_supplies + i) + 1, GLP_NL);

  for (guint s = 0; s < p->n_supplies; s++)
    {
      const Supply *supply = &p->supplies[s];
      guint g = supply->good;
      double v = a->supply[(gsize) supply->origin * a->n_goods + g];
      double need = v * a->rate[g];
      int basic = (int) s + 1;  /* the unplaced column */

      g_array_set_size (order, 0);
      for (guint i = supply->first_arc; i != G_MAXUINT; i = g_array_index (p->arcs, Arc, i).next)
        g_array_append_val (order, i);
      g_array_sort_with_data (order, compare_arc_km, p->arcs->data);

      for (guint j = 0; j < order->len; j++)
        {
          guint i = g_array_index (order, guint, j);
          guint r = g_array_index (p->arcs, Arc, i).receiver;
          double *k1 = &left[(gsize) r * a->n_resources + a->resource[g]];
          double *k2 = a->resource2[g] == G_MAXUINT ? NULL
                       : &left[(gsize) r * a->n_resources + a->resource2[g]];

          if (*k1 >= need && (k2 == NULL || *k2 >= need))
            {
              *k1 -= need;
              if (k2 != NULL)
                *k2 -= need;
              basic = (int) (p->n_supplies + i) + 1;
              break;
            }
        }

      glp_set_row_stat (p->lp, (int) s + 1, GLP_NS);
      glp_set_col_stat (p->lp, (int) s + 1, basic == (int) s + 1 ? GLP_BS : GLP_NL);
      if (basic != (int) s + 1)
        glp_set_col_stat (p->lp, basic, GLP_BS);
    }
}

static int
compare_flows (gconstpointer a,
               gconstpointer b)
{
  const FpAllocationFlow *x = a, *y = b;

  if (x->origin != y->origin)
    return x->origin < y->origin ? -1 : 1;
  if (x->good != y->good)
    return x->good < y->good ? -1 : 1;
  return (x->receiver > y->receiver) - (x->receiver < y->receiver);
}

static void
problem_clear (Problem *p)
{
  if (p->lp != NULL)
    glp_delete_prob (p->lp);
  g_free (p->supplies);
  if (p->arcs != NULL)
    g_array_unref (p->arcs);
  g_free (p->cap_row);
  for (guint g = 0; p->goods != NULL && g < p->a->n_goods; g++)
    {
      if (p->goods[g].receivers != NULL)
        g_array_unref (p->goods[g].receivers);
      fp_site_index_free (p->goods[g].index);
      g_free (p->goods[g].weight);
    }
  g_free (p->goods);
}

/**
 * fp_allocation_solve:
 * @allocation: a filled problem
 * @error: return location for an error
 *
 * Returns: %TRUE with flows and unplaced filled in, or %FALSE if the solver failed
 */
gboolean
fp_allocation_solve (FpAllocation *a,
                     GError      **error)
{
  Problem p = { a, NULL, NULL, 0, NULL, NULL, NULL };
  g_autofree guint *ids = NULL;
  glp_smcp parm;
  gboolean ok = TRUE;
  gint64 t0 = g_get_monotonic_time ();

  g_array_set_size (a->flows, 0);
  /* With no origins (or goods) there is nothing to place, and unplaced is no array. */
  if (a->n_origins > 0 && a->n_goods > 0)
    memset (a->unplaced, 0, sizeof (double) * a->n_origins * a->n_goods);
  a->objective = 0;
  a->n_arcs = 0;
  a->n_solves = 0;
  a->n_iterations = 0;

  p.supplies = g_new (Supply, MAX ((gsize) a->n_origins * a->n_goods, 1));
  for (guint o = 0; o < a->n_origins; o++)
    for (guint g = 0; g < a->n_goods; g++)
      if (a->supply[(gsize) o * a->n_goods + g] > 0)
        {
          Supply s = { o, g, G_MAXUINT, 0 };

          p.supplies[p.n_supplies++] = s;
        }
  if (p.n_supplies == 0)
    {
      problem_clear (&p);
      return TRUE;
    }

  /* Each supplied good's receivers with room, and a tree over them. */
  p.goods = g_new0 (Good, a->n_goods);
  for (guint s = 0; s < p.n_supplies; s++)
    p.goods[p.supplies[s].good].supplied = TRUE;
  for (guint g = 0; g < a->n_goods; g++)
    {
      Good *good = &p.goods[g];
      g_autofree double *lat = NULL;
      g_autofree double *lon = NULL;

      good->receivers = g_array_new (FALSE, FALSE, sizeof (guint));
      if (!good->supplied)
        continue;
      for (guint r = 0; r < a->n_receivers; r++)
        if (has_room (a, g, r))
          g_array_append_val (good->receivers, r);

      if (a->candidates == 0 || good->receivers->len == 0)
        continue;
      lat = g_new (double, good->receivers->len);
      lon = g_new (double, good->receivers->len);
      for (guint i = 0; i < good->receivers->len; i++)
        {
          guint r = g_array_index (good->receivers, guint, i);

          lat[i] = a->receiver_lat[r];
          lon[i] = a->receiver_lon[r];
        }
      good->index = fp_site_index_new (lat, lon, (guint *) good->receivers->data,
                                       good->receivers->len);
      good->weight = g_new0 (double, good->receivers->len);
    }

  /* The first arcs: every one, or each supply's nearest candidates. */
  p.arcs = g_array_new (FALSE, FALSE, sizeof (Arc));
  ids = g_new (guint, MAX (a->candidates, 1));
  for (guint s = 0; s < p.n_supplies; s++)
    {
      const Good *good = &p.goods[p.supplies[s].good];
      guint o = p.supplies[s].origin;

      if (a->candidates == 0)
        {
          for (guint i = 0; i < good->receivers->len; i++)
            queue_arc (&p, s, g_array_index (good->receivers, guint, i));
        }
      else if (good->index != NULL)
        {
          guint n = fp_site_index_nearest_k (good->index, a->origin_lat[o], a->origin_lon[o],
                                             a->candidates, a->circuity, G_MAXDOUBLE, ids, NULL);

          for (guint i = 0; i < n; i++)
            queue_arc (&p, s, ids[i]);
        }
    }

  glp_term_hook (silence_glpk, NULL);
  p.lp = glp_create_prob ();
  glp_set_obj_dir (p.lp, GLP_MIN);
  p.cap_row = g_new0 (int, (gsize) a->n_receivers * a->n_resources);

  /* Rows 1..S are the supplies; columns 1..S their unplaced volumes; then the arcs. */
  glp_add_rows (p.lp, (int) p.n_supplies);
  glp_add_cols (p.lp, (int) p.n_supplies);
  for (guint s = 0; s < p.n_supplies; s++)
    {
      double v = a->supply[(gsize) p.supplies[s].origin * a->n_goods + p.supplies[s].good];
      int one[2] = { 0, (int) s + 1 };
      double unit[2] = { 0, 1.0 };

      glp_set_row_bnds (p.lp, (int) s + 1, GLP_FX, v, v);
      glp_set_col_bnds (p.lp, (int) s + 1, GLP_LO, 0.0, 0.0);
      glp_set_obj_coef (p.lp, (int) s + 1, UNPLACED_PENALTY);
      glp_set_mat_col (p.lp, (int) s + 1, 1, one, unit);
    }
  add_columns (&p, 0);

  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;

  for (;;)
    {
      guint before = p.arcs->len;
      int rc, status;

      glp_scale_prob (p.lp, GLP_SF_AUTO);
      if (a->n_solves == 0)
        crash_basis (&p);
      rc = glp_simplex (p.lp, &parm);
      status = glp_get_status (p.lp);
      a->n_solves++;

      if (rc != 0 || status != GLP_OPT)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_SOLVER,
                       _("The allocation of activity to other sites could not be solved "
                         "(GLPK simplex returned %d, status %d)"), rc, status);
          ok = FALSE;
          break;
        }

      if (a->candidates == 0 || price (&p, a->candidates) == 0)
        break;
      add_columns (&p, before);
    }

  if (ok)
    {
      for (guint i = 0; i < p.arcs->len; i++)
        {
          const Arc *arc = &g_array_index (p.arcs, Arc, i);
          double x = fmax (0.0, glp_get_col_prim (p.lp, (int) (p.n_supplies + i) + 1));
          FpAllocationFlow flow = { p.supplies[arc->supply].origin, arc->receiver,
                          p.supplies[arc->supply].good, x, arc->km };

          if (x <= 0)
            continue;
          g_array_append_val (a->flows, flow);
          a->objective += x * arc->km;
        }
      g_array_sort (a->flows, compare_flows);

      for (guint s = 0; s < p.n_supplies; s++)
        a->unplaced[(gsize) p.supplies[s].origin * a->n_goods + p.supplies[s].good] =
          fmax (0.0, glp_get_col_prim (p.lp, (int) s + 1));
      a->n_arcs = p.arcs->len;
    }

  a->n_iterations = p.lp != NULL ? (guint) glp_get_it_cnt (p.lp) : 0;

  /* For benchmarks (G_MESSAGES_DEBUG=fp-allocate); not for the small programs the tests
   * solve by the thousand. */
  if (p.arcs->len >= 10000)
    g_debug ("%u supplies, %u receivers: %u arcs, %u solves, %u simplex iterations, %.1f ms",
             p.n_supplies, a->n_receivers, p.arcs->len, a->n_solves, a->n_iterations,
             (g_get_monotonic_time () - t0) / 1000.0);

  problem_clear (&p);
  return ok;
}
