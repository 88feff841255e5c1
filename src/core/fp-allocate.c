/* fp-allocate.c: the transportation problem, solved with GLPK's simplex.
 *
 * Variables: x[o][r][g] >= 0 for each origin o, good g it supplies and allowed receiver r
 * (the nearest max_receivers of them), and u[o][g] >= 0, the unplaced volume.
 *   minimise   sum x[o][r][g] * distance[o][r]  +  PENALTY * sum u[o][g]
 *   subject to sum_r x[o][r][g] + u[o][g]  = supply[o][g]           for each (o, g)
 *              sum_{o,g: g uses k} rate[g] * x[o][r][g] <= capacity[r][k]  for each (r, k)
 * PENALTY exceeds any distance, so volume is left unplaced only when no allowed receiver
 * has room for it.
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

/* Per unit: more than any distance in an estate (km), so placing always wins. */
#define UNPLACED_PENALTY 1.0e5

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
  a->supply = g_new0 (double, (gsize) n_origins * n_goods);
  a->distance = g_new0 (double, (gsize) n_origins * n_receivers);
  a->allowed = g_new0 (gboolean, (gsize) n_goods * n_receivers);
  a->resource = g_new0 (guint, n_goods);
  a->resource2 = g_new (guint, n_goods);
  for (guint g = 0; g < n_goods; g++)
    a->resource2[g] = G_MAXUINT;
  a->rate = g_new0 (double, n_goods);
  a->capacity = g_new0 (double, (gsize) n_receivers * n_resources);
  a->flow = g_new0 (double, (gsize) n_origins * n_receivers * n_goods);
  a->unplaced = g_new0 (double, (gsize) n_origins * n_goods);
  a->max_receivers = G_MAXUINT;

  return a;
}

void
fp_allocation_free (FpAllocation *a)
{
  if (a == NULL)
    return;

  g_free (a->supply);
  g_free (a->distance);
  g_free (a->allowed);
  g_free (a->resource);
  g_free (a->resource2);
  g_free (a->rate);
  g_free (a->capacity);
  g_free (a->flow);
  g_free (a->unplaced);
  g_free (a);
}

typedef struct
{
  guint  receiver;
  double distance;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  if (x->distance != y->distance)
    return x->distance < y->distance ? -1 : 1;
  return (x->receiver > y->receiver) - (x->receiver < y->receiver);
}

typedef struct
{
  guint origin;
  guint receiver;
  guint good;
} Arc;

static int
silence_glpk (void *info,
              const char *s)
{
  return 1;  /* swallow GLPK's terminal output */
}

/**
 * fp_allocation_solve:
 * @allocation: a filled problem
 * @error: return location for an error
 *
 * Returns: %TRUE with flow and unplaced filled in, or %FALSE if the solver failed
 */
gboolean
fp_allocation_solve (FpAllocation *a,
                     GError      **error)
{
  g_autoptr(GArray) arcs = g_array_new (FALSE, FALSE, sizeof (Arc));
  g_autoptr(GArray) supply_rows = g_array_new (FALSE, FALSE, sizeof (guint)); /* o * goods + g */
  g_autofree int *cap_row = NULL;  /* [receiver][resource] -> row, 0 if unused */
  g_autofree Candidate *candidates = g_new (Candidate, MAX (a->n_receivers, 1));
  g_autofree int *ia = NULL;
  g_autofree int *ja = NULL;
  g_autofree double *ar = NULL;
  glp_prob *lp;
  glp_smcp parm;
  int n_rows = 0, n_cols, ne = 0, rc, status;
  guint n_supplies;

  memset (a->flow, 0, sizeof (double) * a->n_origins * a->n_receivers * a->n_goods);
  memset (a->unplaced, 0, sizeof (double) * a->n_origins * a->n_goods);
  a->objective = 0;

  /* The arcs: for each supplied (origin, good), its nearest allowed receivers. */
  for (guint o = 0; o < a->n_origins; o++)
    for (guint g = 0; g < a->n_goods; g++)
      {
        guint n = 0, keep;
        guint row = o * a->n_goods + g;

        if (a->supply[row] <= 0)
          continue;
        g_array_append_val (supply_rows, row);

        for (guint r = 0; r < a->n_receivers; r++)
          if (a->allowed[g * a->n_receivers + r] &&
              a->capacity[r * a->n_resources + a->resource[g]] > 0 &&
              (a->resource2[g] == G_MAXUINT ||
               a->capacity[r * a->n_resources + a->resource2[g]] > 0))
            {
              candidates[n].receiver = r;
              candidates[n].distance = a->distance[o * a->n_receivers + r];
              n++;
            }

        keep = MIN (n, a->max_receivers);
        if (keep < n)
          qsort (candidates, n, sizeof (Candidate), compare_candidates);
        for (guint i = 0; i < keep; i++)
          {
            Arc arc = { o, candidates[i].receiver, g };
            g_array_append_val (arcs, arc);
          }
      }

  n_supplies = supply_rows->len;
  if (n_supplies == 0)
    return TRUE;

  /* Rows: one per supply, then one per used (receiver, resource). */
  cap_row = g_new0 (int, (gsize) a->n_receivers * a->n_resources);
  n_rows = (int) n_supplies;
  for (guint i = 0; i < arcs->len; i++)
    {
      const Arc *arc = &g_array_index (arcs, Arc, i);
      guint key = arc->receiver * a->n_resources + a->resource[arc->good];

      if (cap_row[key] == 0)
        cap_row[key] = ++n_rows;
      if (a->resource2[arc->good] != G_MAXUINT)
        {
          key = arc->receiver * a->n_resources + a->resource2[arc->good];
          if (cap_row[key] == 0)
            cap_row[key] = ++n_rows;
        }
    }

  n_cols = (int) (arcs->len + n_supplies);
  ia = g_new (int, 1 + 3 * arcs->len + n_supplies);
  ja = g_new (int, 1 + 3 * arcs->len + n_supplies);
  ar = g_new (double, 1 + 3 * arcs->len + n_supplies);

  glp_term_hook (silence_glpk, NULL);
  lp = glp_create_prob ();
  glp_set_obj_dir (lp, GLP_MIN);
  glp_add_rows (lp, n_rows);
  glp_add_cols (lp, n_cols);

  {
    g_autofree int *supply_row_of = g_new0 (int, (gsize) a->n_origins * a->n_goods);

    for (guint i = 0; i < n_supplies; i++)
      {
        guint row = g_array_index (supply_rows, guint, i);

        supply_row_of[row] = (int) i + 1;
        glp_set_row_bnds (lp, (int) i + 1, GLP_FX, a->supply[row], a->supply[row]);
      }

    for (guint r = 0; r < a->n_receivers; r++)
      for (guint k = 0; k < a->n_resources; k++)
        {
          int row = cap_row[r * a->n_resources + k];

          if (row != 0)
            glp_set_row_bnds (lp, row, GLP_UP, 0.0, a->capacity[r * a->n_resources + k]);
        }

    for (guint i = 0; i < arcs->len; i++)
      {
        const Arc *arc = &g_array_index (arcs, Arc, i);
        int col = (int) i + 1;

        glp_set_col_bnds (lp, col, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef (lp, col, a->distance[arc->origin * a->n_receivers + arc->receiver]);

        ne++;
        ia[ne] = supply_row_of[arc->origin * a->n_goods + arc->good];
        ja[ne] = col;
        ar[ne] = 1.0;

        ne++;
        ia[ne] = cap_row[arc->receiver * a->n_resources + a->resource[arc->good]];
        ja[ne] = col;
        ar[ne] = a->rate[arc->good];

        if (a->resource2[arc->good] != G_MAXUINT)
          {
            ne++;
            ia[ne] = cap_row[arc->receiver * a->n_resources + a->resource2[arc->good]];
            ja[ne] = col;
            ar[ne] = a->rate[arc->good];
          }
      }

    for (guint i = 0; i < n_supplies; i++)
      {
        int col = (int) (arcs->len + i) + 1;

        glp_set_col_bnds (lp, col, GLP_LO, 0.0, 0.0);
        glp_set_obj_coef (lp, col, UNPLACED_PENALTY);
        ne++;
        ia[ne] = (int) i + 1;
        ja[ne] = col;
        ar[ne] = 1.0;
      }
  }

  glp_load_matrix (lp, ne, ia, ja, ar);

  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;
  glp_scale_prob (lp, GLP_SF_AUTO);
  glp_adv_basis (lp, 0);
  rc = glp_simplex (lp, &parm);
  status = glp_get_status (lp);

  if (rc != 0 || status != GLP_OPT)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_SOLVER,
                   _("The allocation of activity to other sites could not be solved "
                     "(GLPK simplex returned %d, status %d)"), rc, status);
      glp_delete_prob (lp);
      return FALSE;
    }

  for (guint i = 0; i < arcs->len; i++)
    {
      const Arc *arc = &g_array_index (arcs, Arc, i);
      double x = fmax (0.0, glp_get_col_prim (lp, (int) i + 1));

      a->flow[((gsize) arc->origin * a->n_receivers + arc->receiver) * a->n_goods + arc->good] = x;
      a->objective += x * a->distance[arc->origin * a->n_receivers + arc->receiver];
    }

  for (guint i = 0; i < n_supplies; i++)
    {
      guint row = g_array_index (supply_rows, guint, i);

      a->unplaced[row] = fmax (0.0, glp_get_col_prim (lp, (int) (arcs->len + i) + 1));
    }

  glp_delete_prob (lp);
  return TRUE;
}
