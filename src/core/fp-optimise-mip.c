/* fp-optimise-mip.c: the optimiser's mixed-integer program, solved with GLPK.
 *
 * Columns (docs/model.md, "Optimiser", writes the program out):
 *   e[o]      binary: candidate o is left;
 *   z[o][y]   binary: o is left in year y (only when o has more than one year to choose);
 *   x[a]      0..1: the share of a candidate's service that arc a takes to its receiver;
 *   w[r][k]   integer: void rooms of receiver r brought into use as room type k;
 *   c[s][z]   0..1: zone z is still within reach of set s (only when a target lets some
 *             zones go).
 * Rows: each service placed in full when its site is left; nothing sent to a site that is
 * left; room per receiver, resource and year; void rooms; access (each zone that must stay
 * within reach keeps a site, and the shares overall and for the most deprived fifth); the
 * limit on exits a year. The objective is the present cost of leaving less that of
 * keeping, so its minimum is minus the NPV against Do nothing.
 *
 * Then a second pass fixes the exits and routes each service to the nearest receivers with
 * room (least volume × km), as the engine's allocator would.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-optimise"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glpk.h>
#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-format.h"
#include "fp-optimise-private.h"

/* The routing pass may always take this long, even after the time limit. */
#define ROUTING_MIN_MS 2000

/* Room is counted a hair below the targets, so the engine, which compares with a tolerance
 * of one part in 10⁹, never finds a receiver over a target the solver met to its own
 * tolerance. */
#define ROOM_MARGIN 1e-7

typedef struct
{
  GArray *ia;
  GArray *ja;
  GArray *ar;
} Coefs;

static void
coef (Coefs  *m,
      int     row,
      int     col,
      double  value)
{
  if (value == 0)
    return;
  g_array_append_val (m->ia, row);
  g_array_append_val (m->ja, col);
  g_array_append_val (m->ar, value);
}

static int
add_row (glp_prob *lp,
         int       type,
         double    lb,
         double    ub)
{
  int row = glp_add_rows (lp, 1);

  glp_set_row_bnds (lp, row, type, lb, ub);
  return row;
}

static int
silence_glpk (void       *info,
              const char *s)
{
  return 1;
}

#define SPARE(p, s, c, r) ((p)->spare[((gsize) (s) * (p)->n_cap_years + (c)) * OPT_N_RES + (r)])

static OptCandidate *
candidate (const OptProblem *p,
           guint             c)
{
  return &g_array_index (p->candidates, OptCandidate, c);
}

static OptSupply *
supply (const OptProblem *p,
        guint             i)
{
  return &g_array_index (p->supplies, OptSupply, i);
}

static OptArc *
arc (const OptProblem *p,
     guint             i)
{
  return &g_array_index (p->arcs, OptArc, i);
}

/* The arcs into each site, by index. */
static GArray **
arcs_into (const OptProblem *p)
{
  GArray **into = g_new0 (GArray *, MAX (p->ns, 1));

  for (guint i = 0; i < p->arcs->len; i++)
    {
      guint r = arc (p, i)->receiver;

      if (into[r] == NULL)
        into[r] = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (into[r], i);
    }
  return into;
}

static void
free_into (const OptProblem *p,
           GArray          **into)
{
  for (guint s = 0; s < p->ns; s++)
    if (into[s] != NULL)
      g_array_unref (into[s]);
  g_free (into);
}

static void
build (OptProblem *p,
       glp_prob   *lp)
{
  Coefs m = { g_array_new (FALSE, FALSE, sizeof (int)), g_array_new (FALSE, FALSE, sizeof (int)),
              g_array_new (FALSE, FALSE, sizeof (double)) };
  GArray **into = arcs_into (p);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int zero = 0;
  double nothing = 0;

  /* GLPK's arrays start at 1. */
  g_array_append_val (m.ia, zero);
  g_array_append_val (m.ja, zero);
  g_array_append_val (m.ar, nothing);

  /* Exits, and their years. */
  for (guint c = 0; c < p->candidates->len; c++)
    {
      OptCandidate *cand = candidate (p, c);

      cand->col_e = glp_add_cols (lp, 1);
      glp_set_col_kind (lp, cand->col_e, GLP_BV);
      if (cand->locked_exit)
        glp_set_col_bnds (lp, cand->col_e, GLP_FX, 1, 1);

      if (cand->slots->len == 1)
        {
          cand->col_z = 0;
          glp_set_obj_coef (lp, cand->col_e, g_array_index (cand->slots, OptSlot, 0).delta);
        }
      else
        {
          int row = add_row (lp, GLP_FX, 0, 0);

          cand->col_z = glp_add_cols (lp, (int) cand->slots->len);
          coef (&m, row, cand->col_e, -1);
          for (guint i = 0; i < cand->slots->len; i++)
            {
              int col = cand->col_z + (int) i;

              glp_set_col_kind (lp, col, GLP_BV);
              glp_set_obj_coef (lp, col, g_array_index (cand->slots, OptSlot, i).delta);
              coef (&m, row, col, 1);
            }
        }
    }

  /* Shares of each service to each receiver in reach; each service placed in full. */
  for (guint i = 0; i < p->arcs->len; i++)
    {
      OptArc *a = arc (p, i);

      a->col = glp_add_cols (lp, 1);
      glp_set_col_bnds (lp, a->col, GLP_DB, 0, 1);
    }
  for (guint i = 0; i < p->supplies->len; i++)
    {
      OptSupply *sup = supply (p, i);
      int row = add_row (lp, GLP_FX, 0, 0);

      coef (&m, row, candidate (p, sup->candidate)->col_e, -1);
      for (guint k = 0; k < sup->n_arcs; k++)
        coef (&m, row, arc (p, sup->first_arc + k)->col, 1);
    }

  /* Nothing goes to a site that is left (the tight form: one row per arc). */
  for (guint i = 0; i < p->arcs->len; i++)
    {
      OptArc *a = arc (p, i);
      guint rc = p->candidate_of[a->receiver];

      if (rc != G_MAXUINT)
        {
          int row = add_row (lp, GLP_UP, 0, 1);

          coef (&m, row, a->col, 1);
          coef (&m, row, candidate (p, rc)->col_e, 1);
        }
    }

  /* Room at each receiver: for each resource and capacity year,
   *   Σ load × x  ≤  (τ C − D) × kept  +  τ × hw × w        (w: room-hour types only)
   * and its void rooms: Σ_k w[k] ≤ V × kept. */
  for (guint r = 0; r < p->ns; r++)
    {
      guint rc = p->candidate_of[r];
      int e_r = rc != G_MAXUINT ? candidate (p, rc)->col_e : 0;
      gboolean uses[OPT_N_RES] = { FALSE };
      gboolean any_w = FALSE;

      if (into[r] == NULL)
        continue;

      for (guint i = 0; i < into[r]->len; i++)
        uses[supply (p, arc (p, g_array_index (into[r], guint, i))->supply)->resource] = TRUE;

      if (p->voids[r] >= 1 && (uses[0] || uses[1] || uses[2] || uses[3]))
        for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
          if (uses[k] || p->w_min[r * FP_N_ROOM_HOUR_TYPES + k] > 0)
            {
              int col = glp_add_cols (lp, 1);

              glp_set_col_kind (lp, col, GLP_IV);
              glp_set_col_bnds (lp, col, GLP_DB, 0, p->voids[r]);
              p->w_col[r * FP_N_ROOM_HOUR_TYPES + k] = col;
              uses[k] = TRUE;
              any_w = TRUE;
            }

      for (guint res = 0; res < OPT_N_RES; res++)
        {
          int w = res < FP_N_ROOM_HOUR_TYPES ? p->w_col[r * FP_N_ROOM_HOUR_TYPES + res] : 0;

          if (!uses[res])
            continue;

          for (guint cy = 0; cy < p->n_cap_years; cy++)
            {
              double b = SPARE (p, r, cy, res) -
                         ROOM_MARGIN * p->tau[res] * p->base_cap[r * OPT_N_RES + res];
              int row = add_row (lp, GLP_UP, 0, b);

              for (guint i = 0; i < into[r]->len; i++)
                {
                  OptArc *a = arc (p, g_array_index (into[r], guint, i));
                  OptSupply *sup = supply (p, a->supply);

                  if (sup->resource == res)
                    coef (&m, row, a->col, sup->load[cy]);
                }
              if (e_r != 0)
                coef (&m, row, e_r, b);
              if (w != 0)
                coef (&m, row, w, -p->tau[res] * p->hw[r] * (1 - ROOM_MARGIN));
            }
        }

      if (any_w)
        {
          int row = add_row (lp, GLP_UP, 0, p->voids[r]);

          for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
            if (p->w_col[r * FP_N_ROOM_HOUR_TYPES + k] != 0)
              coef (&m, row, p->w_col[r * FP_N_ROOM_HOUR_TYPES + k], 1);
          if (e_r != 0)
            coef (&m, row, e_r, p->voids[r]);
        }
    }

  /* Access. A zone that must stay within reach keeps one of its sites:
   *   Σ_{o in reach} e[o] ≤ n − 1;
   * a zone a target lets go has c ≤ the number of its sites kept, and the people still
   * within reach meet the targets. */
  for (guint i = 0; i < p->sets->len; i++)
    {
      OptSet *set = g_ptr_array_index (p->sets, i);
      double forced = 0, forced_dep = 0;
      int share_row = 0, dep_row = 0;

      for (guint k = 0; k < set->zones->len; k++)
        {
          OptZone *z = &g_array_index (set->zones, OptZone, k);

          if (z->forced)
            {
              GString *key = g_string_new (NULL);

              forced += z->people;
              if (z->deprived)
                forced_dep += z->people;
              for (guint j = 0; j < z->n_candidates; j++)
                g_string_append_printf (key, "%u,", z->candidates[j]);
              if (g_hash_table_contains (seen, key->str))
                {
                  g_string_free (key, TRUE);
                  continue;
                }
              g_hash_table_add (seen, g_string_free (key, FALSE));

              {
                int row = add_row (lp, GLP_UP, 0, (double) z->n_candidates - 1);

                for (guint j = 0; j < z->n_candidates; j++)
                  coef (&m, row, candidate (p, z->candidates[j])->col_e, 1);
              }
            }
        }

      for (guint k = 0; k < set->zones->len; k++)
        {
          OptZone *z = &g_array_index (set->zones, OptZone, k);
          int row;

          if (z->forced)
            continue;

          z->col = glp_add_cols (lp, 1);
          glp_set_col_bnds (lp, z->col, GLP_DB, 0, 1);
          row = add_row (lp, GLP_UP, 0, (double) z->n_candidates);
          coef (&m, row, z->col, 1);
          for (guint j = 0; j < z->n_candidates; j++)
            coef (&m, row, candidate (p, z->candidates[j])->col_e, 1);

          if (share_row == 0)
            share_row = add_row (lp, GLP_LO,
                                 set->target * set->people - set->safe - forced, 0);
          coef (&m, share_row, z->col, z->people);
          if (z->deprived && !isnan (set->target_deprived))
            {
              if (dep_row == 0)
                dep_row = add_row (lp, GLP_LO, set->target_deprived * set->people_deprived -
                                   set->safe_deprived - forced_dep, 0);
              coef (&m, dep_row, z->col, z->people);
            }
        }
    }

  /* The limit on exits a year. */
  if (p->settings->max_exits_per_year > 0)
    for (int year = p->first_year; year <= p->last_year; year++)
      {
        int row = 0;

        for (guint c = 0; c < p->candidates->len; c++)
          {
            OptCandidate *cand = candidate (p, c);

            for (guint i = 0; i < cand->slots->len; i++)
              if (g_array_index (cand->slots, OptSlot, i).year == year)
                {
                  if (row == 0)
                    row = add_row (lp, GLP_UP, 0, p->settings->max_exits_per_year);
                  coef (&m, row, cand->col_z != 0 ? cand->col_z + (int) i : cand->col_e, 1);
                }
          }
      }

  glp_load_matrix (lp, (int) m.ia->len - 1, (int *) m.ia->data, (int *) m.ja->data,
                   (double *) m.ar->data);
  g_array_unref (m.ia);
  g_array_unref (m.ja);
  g_array_unref (m.ar);
  free_into (p, into);
}

/* ---- Branch and bound ------------------------------------------------------------------ */

typedef struct
{
  OptProblem      *p;
  OptReport       *report;
  FpOptimisePhase  phase;
  double          *warm;         /* [1 + columns], or NULL */
  gboolean         warm_sent;
  gboolean         has_bound;
  double           bound;        /* of the minimisation */
  gboolean         has_incumbent;
  double           incumbent;
  guint            nodes;
  gint64           last_report;
  gboolean         cancelled;
} Search;

static void
on_tree (glp_tree *tree,
         void     *data)
{
  Search *sv = data;
  glp_prob *lp = glp_ios_get_prob (tree);
  int reason = glp_ios_reason (tree);
  int best, a_cnt, n_cnt, t_cnt;
  gint64 now;

  if (reason == GLP_IHEUR && sv->warm != NULL && !sv->warm_sent)
    {
      sv->warm_sent = TRUE;
      glp_ios_heur_sol (tree, sv->warm);
    }

  best = glp_ios_best_node (tree);
  if (best != 0)
    {
      sv->bound = glp_ios_node_bound (tree, best);
      sv->has_bound = TRUE;
    }
  if (glp_mip_status (lp) == GLP_FEAS || glp_mip_status (lp) == GLP_OPT)
    {
      sv->incumbent = glp_mip_obj_val (lp);
      sv->has_incumbent = TRUE;
    }
  glp_ios_tree_size (tree, &a_cnt, &n_cnt, &t_cnt);
  sv->nodes = (guint) t_cnt;

  if (sv->report != NULL && sv->report->cancellable != NULL &&
      g_cancellable_is_cancelled (sv->report->cancellable))
    {
      sv->cancelled = TRUE;
      glp_ios_terminate (tree);
      return;
    }

  now = g_get_monotonic_time ();
  if (now - sv->last_report > 250000)
    {
      sv->last_report = now;
      opt_report (sv->report, sv->phase, sv->has_incumbent, -sv->incumbent,
                  sv->has_bound ? -sv->bound : NAN, sv->nodes);
    }
}

static int
time_left_ms (const OptReport *report,
              double           time_limit)
{
  double left;

  if (time_limit <= 0)
    return INT_MAX;
  left = (time_limit - opt_elapsed (report)) * 1000;
  return (int) CLAMP (left, 1, INT_MAX);
}

static int
run_intopt (glp_prob *lp,
            Search   *sv,
            int       tm_lim,
            double    mip_gap)
{
  glp_iocp parm;

  glp_init_iocp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;     /* the callback's warm start names the original columns */
  parm.tm_lim = tm_lim;
  parm.mip_gap = mip_gap;
  parm.br_tech = GLP_BR_DTH;
  parm.bt_tech = GLP_BT_BLB;
  parm.pp_tech = GLP_PP_ALL;
  parm.cov_cuts = GLP_ON;
  parm.clq_cuts = GLP_ON;
  parm.mir_cuts = GLP_ON;
  parm.cb_func = on_tree;
  parm.cb_info = sv;

  return glp_intopt (lp, &parm);
}

static int
run_simplex (glp_prob *lp,
             int       tm_lim)
{
  glp_smcp parm;

  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF;
  parm.tm_lim = tm_lim;
  return glp_simplex (lp, &parm);
}

static gboolean
report_cancelled (const OptReport *report)
{
  return report != NULL && report->cancellable != NULL &&
         g_cancellable_is_cancelled (report->cancellable);
}

/* GLPK's simplex has no callback, so the root LP runs in slices: between them the search
 * reports and looks at its cancellable (the window's Stop), and each slice goes on from the
 * basis the last one left. The slices grow (each starts by factorising the basis again, a
 * cost that a large program would otherwise pay too often); a program solved within the
 * first slice, as the built-in estate's is, runs exactly as in one call. */
#define SIMPLEX_FIRST_SLICE_MS 500
#define SIMPLEX_LAST_SLICE_MS  4000

static int
run_root_simplex (glp_prob  *lp,
                  OptReport *report,
                  double     time_limit,
                  gboolean   has_solution,
                  double     npv,
                  double     bound,
                  gboolean  *cancelled)
{
  int slice_ms = SIMPLEX_FIRST_SLICE_MS;

  *cancelled = FALSE;
  for (;;)
    {
      int left = time_left_ms (report, time_limit);
      int slice = MIN (left, slice_ms);
      int ret;

      if (report_cancelled (report))
        {
          *cancelled = TRUE;
          return 0;
        }
      ret = run_simplex (lp, slice);
      /* Done, failed, or the search's own time is up. */
      if (ret != GLP_ETMLIM || slice == left)
        return ret;
      opt_report (report, FP_OPTIMISE_PHASE_SOLVING, has_solution, npv, bound, 0);
      slice_ms = MIN (slice_ms * 2, SIMPLEX_LAST_SLICE_MS);
    }
}

/* Keep every site: a feasible start whenever nothing is locked to be left. */
static double *
keep_all (OptProblem *p,
          glp_prob   *lp)
{
  int n = glp_get_num_cols (lp);
  double *x = g_new0 (double, (gsize) n + 1);

  for (guint c = 0; c < p->candidates->len; c++)
    if (candidate (p, c)->locked_exit)
      {
        g_free (x);
        return NULL;
      }

  for (guint s = 0; s < p->ns; s++)
    for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
      if (p->w_col[s * FP_N_ROOM_HOUR_TYPES + k] != 0)
        x[p->w_col[s * FP_N_ROOM_HOUR_TYPES + k]] = p->w_min[s * FP_N_ROOM_HOUR_TYPES + k];
  for (guint i = 0; i < p->sets->len; i++)
    {
      OptSet *set = g_ptr_array_index (p->sets, i);

      for (guint k = 0; k < set->zones->len; k++)
        if (g_array_index (set->zones, OptZone, k).col != 0)
          x[g_array_index (set->zones, OptZone, k).col] = 1;
    }

  return x;
}

/* ---- Which constraint cannot hold ------------------------------------------------------ */

char *
opt_threshold_text (double          threshold,
                FpThresholdUnit unit)
{
  switch (unit)
    {
    case FP_THRESHOLD_KM:
      {
        double miles = threshold / 1.609344;

        if (fabs (miles - round (miles)) < 1e-6)
          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%.0f mile", "%.0f miles",
                                               (gulong) round (miles)), round (miles));
        return g_strdup_printf (_("%.1f km"), threshold);
      }
    case FP_THRESHOLD_CAR_MINUTES:
      return g_strdup_printf (_("%.0f minutes by car"), threshold);
    case FP_THRESHOLD_WALK_MINUTES:
    default:
      return g_strdup_printf (_("%.0f minutes on foot"), threshold);
    }
}

/**
 * opt_describe_loss:
 *
 * "3,200 people (1,900 of them in the most deprived fifth) would be more than 2 miles
 * from GP appointments".
 */
char *
opt_describe_loss (const OptSet *set,
                   double        people,
                   double        deprived)
{
  g_autofree char *n = fp_format_count (people);
  g_autofree char *d = fp_format_count (deprived);
  g_autofree char *within = opt_threshold_text (set->threshold, set->unit);

  if (deprived > 0)
    return g_strdup_printf (_("%s people (%s of them in the most deprived fifth) would be more "
                              "than %s from %s"), n, d, within, set->name);
  return g_strdup_printf (_("%s people would be more than %s from %s"), n, within, set->name);
}

/**
 * opt_access_loss:
 * @left: [candidates] which are left
 *
 * The people of a set who would be out of reach with the candidates @left (among the
 * zones that depend on candidates), and which of the set's targets would then fail
 * (@fails: bit 1 the overall target, bit 2 the most deprived fifth's).
 */
void
opt_access_loss (const OptProblem *p,
                 const OptSet     *set,
                 const gboolean   *left,
                 double           *people,
                 double           *deprived,
                 int              *fails)
{
  double lost = 0, lost_dep = 0;
  gboolean overall, deprived_fails;

  for (guint k = 0; k < set->zones->len; k++)
    {
      const OptZone *z = &g_array_index (set->zones, OptZone, k);
      gboolean all_left = TRUE;

      for (guint j = 0; j < z->n_candidates && all_left; j++)
        all_left = left[z->candidates[j]];
      if (!all_left)
        continue;
      lost += z->people;
      if (z->deprived)
        lost_dep += z->people;
    }

  *people = lost;
  *deprived = lost_dep;
  overall = set->do_nothing * set->people - lost < set->target * set->people - 1e-6;
  deprived_fails = set->people_deprived > 0 && !isnan (set->target_deprived) &&
                   set->do_nothing_deprived * set->people_deprived - lost_dep <
                   set->target_deprived * set->people_deprived - 1e-6;
  *fails = (overall ? 1 : 0) | (deprived_fails ? 2 : 0);
}

static void
set_infeasible (OptProblem *p,
                GError    **error)
{
  guint n_locked = 0, n_years = (guint) (p->last_year - p->first_year + 1);
  guint nc = p->candidates->len;
  g_autofree gboolean *left = g_new0 (gboolean, MAX (nc, 1));
  g_autofree double *zero = g_new0 (double, (gsize) p->ns * p->n_cap_years * OPT_N_RES);
  g_autofree double *w_used = g_new0 (double, (gsize) p->ns * FP_N_ROOM_HOUR_TYPES);
  g_autofree gboolean *no_site = g_new0 (gboolean, MAX (p->ns, 1));

  for (guint i = 0; i < p->ns * FP_N_ROOM_HOUR_TYPES; i++)
    w_used[i] = p->w_min[i];

  for (guint c = 0; c < nc; c++)
    if (candidate (p, c)->locked_exit)
      n_locked++;

  if (p->settings->max_exits_per_year > 0 && n_locked > p->settings->max_exits_per_year * n_years)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("%u sites are locked to be left, more than the limit of %u exits a year "
                     "allows in %u years"), n_locked, p->settings->max_exits_per_year, n_years);
      return;
    }

  /* Each locked site on its own. */
  for (guint c = 0; c < nc; c++)
    {
      OptCandidate *cand = candidate (p, c);
      guint failed = G_MAXUINT;

      if (!cand->locked_exit)
        continue;

      memset (left, 0, sizeof (gboolean) * nc);
      left[c] = TRUE;
      for (guint i = 0; i < p->sets->len; i++)
        {
          OptSet *set = g_ptr_array_index (p->sets, i);
          double people, deprived;
          int fails;

          opt_access_loss (p, set, left, &people, &deprived, &fails);
          if (fails != 0)
            {
              g_autofree char *loss = opt_describe_loss (set, people, deprived);

              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                           (fails & 2) != 0
                           ? _("%s is locked to be left, but then %s, below the target for the "
                               "most deprived fifth")
                           : _("%s is locked to be left, but then %s, below the access target"),
                           p->dn->sites[cand->site].name, loss);
              return;
            }
        }

      if (!opt_place_one (p, c, no_site, zero, w_used, &failed))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("%s is locked to be left, but no site within reach that may take its "
                         "%s has room for it below its targets"),
                       p->dn->sites[cand->site].name,
                       failed != G_MAXUINT
                       ? g_array_index (fp_model_get_estate (p->model)->services, FpService,
                                        failed).name
                       : _("activity"));
          return;
        }
    }

  /* All of them together. */
  for (guint c = 0; c < nc; c++)
    left[c] = candidate (p, c)->locked_exit;
  for (guint i = 0; i < p->sets->len; i++)
    {
      OptSet *set = g_ptr_array_index (p->sets, i);
      double people, deprived;
      int fails;

      opt_access_loss (p, set, left, &people, &deprived, &fails);
      if (fails != 0)
        {
          g_autofree char *loss = opt_describe_loss (set, people, deprived);

          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       (fails & 2) != 0
                       ? _("The sites locked to be left cannot all be left: %s, below the "
                           "target for the most deprived fifth")
                       : _("The sites locked to be left cannot all be left: %s, below the "
                           "access target"), loss);
          return;
        }
    }

  if (n_locked > 0)
    g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                 _("The sites locked to be left cannot all be left together: the sites kept "
                   "within reach do not have room for all their activity below their targets"));
  else
    g_set_error (error, FP_ERROR, FP_ERROR_SOLVER,
                 _("No estate meets every constraint together, not even keeping every site; "
                   "this is a fault of the optimiser"));
}

/* ---- Access, one site at a time --------------------------------------------------------- */

/* Which zones each candidate keeps within reach, and how many candidates still keep each
 * zone within reach: what leaving one more site takes away, without counting every zone
 * again (an estate of England's size has hundreds of thousands of them). */
struct _OptAccess
{
  const OptProblem *p;
  GArray          **of;         /* [candidates] guint pairs: set, zone (index in set) */
  guint           **kept;       /* [set][zone] candidates in reach not left */
  double           *lost;       /* [set] people out of reach */
  double           *lost_dep;
  double           *extra;      /* [set] scratch */
  double           *extra_dep;
};

OptAccess *
opt_access_new (const OptProblem *p,
                const gboolean   *left)
{
  OptAccess *a = g_new0 (OptAccess, 1);
  guint nc = p->candidates->len, ns = p->sets->len;

  a->p = p;
  a->of = g_new0 (GArray *, MAX (nc, 1));
  a->kept = g_new0 (guint *, MAX (ns, 1));
  a->lost = g_new0 (double, MAX (ns, 1));
  a->lost_dep = g_new0 (double, MAX (ns, 1));
  a->extra = g_new0 (double, MAX (ns, 1));
  a->extra_dep = g_new0 (double, MAX (ns, 1));
  for (guint c = 0; c < nc; c++)
    a->of[c] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < ns; i++)
    {
      const OptSet *set = g_ptr_array_index (p->sets, i);

      a->kept[i] = g_new0 (guint, MAX (set->zones->len, 1));
      for (guint k = 0; k < set->zones->len; k++)
        {
          const OptZone *z = &g_array_index (set->zones, OptZone, k);

          for (guint j = 0; j < z->n_candidates; j++)
            {
              guint c = z->candidates[j];

              g_array_append_val (a->of[c], i);
              g_array_append_val (a->of[c], k);
              if (left == NULL || !left[c])
                a->kept[i][k]++;
            }
          if (a->kept[i][k] == 0)
            {
              a->lost[i] += z->people;
              if (z->deprived)
                a->lost_dep[i] += z->people;
            }
        }
    }

  return a;
}

void
opt_access_free (OptAccess *a)
{
  if (a == NULL)
    return;
  for (guint c = 0; c < a->p->candidates->len; c++)
    g_array_unref (a->of[c]);
  for (guint i = 0; i < a->p->sets->len; i++)
    g_free (a->kept[i]);
  g_free (a->of);
  g_free (a->kept);
  g_free (a->lost);
  g_free (a->lost_dep);
  g_free (a->extra);
  g_free (a->extra_dep);
  g_free (a);
}

/* Whether a set's targets hold with @lost people out of reach: bit 1 fails the overall
 * target, bit 2 the most deprived fifth's. */
static int
set_fails (const OptSet *set,
           double        lost,
           double        lost_dep)
{
  int fails = 0;

  if (set->do_nothing * set->people - lost < set->target * set->people - 1e-6)
    fails |= 1;
  if (set->people_deprived > 0 && !isnan (set->target_deprived) &&
      set->do_nothing_deprived * set->people_deprived - lost_dep <
      set->target_deprived * set->people_deprived - 1e-6)
    fails |= 2;
  return fails;
}

/**
 * opt_access_try:
 * @set: (out): the first set whose targets would fail
 * @people: (out): the people of that set leaving c would take out of reach
 * @deprived: (out): of whom in the most deprived fifth
 *
 * Returns: what would fail if candidate c were left as well (bits as set_fails), 0 if
 *   nothing
 */
int
opt_access_try (OptAccess *a,
                guint      c,
                guint     *set,
                double    *people,
                double    *deprived)
{
  const GArray *of = a->of[c];
  int fails = 0;

  for (guint i = 0; i < of->len; i += 2)
    {
      guint si = g_array_index (of, guint, i);

      a->extra[si] = a->extra_dep[si] = 0;
    }
  for (guint i = 0; i < of->len; i += 2)
    {
      guint si = g_array_index (of, guint, i), k = g_array_index (of, guint, i + 1);
      const OptZone *z = &g_array_index (((OptSet *) g_ptr_array_index (a->p->sets, si))->zones,
                                         OptZone, k);

      if (a->kept[si][k] == 1)
        {
          a->extra[si] += z->people;
          if (z->deprived)
            a->extra_dep[si] += z->people;
        }
    }
  for (guint si = 0; si < a->p->sets->len && fails == 0; si++)
    {
      gboolean touched = FALSE;

      for (guint i = 0; i < of->len && !touched; i += 2)
        touched = g_array_index (of, guint, i) == si;
      if (!touched || a->extra[si] <= 0)
        continue;
      fails = set_fails (g_ptr_array_index (a->p->sets, si), a->lost[si] + a->extra[si],
                         a->lost_dep[si] + a->extra_dep[si]);
      if (fails != 0)
        {
          *set = si;
          *people = a->extra[si];
          *deprived = a->extra_dep[si];
        }
    }
  return fails;
}

/* Candidate c is left: its zones lose one site in reach. */
void
opt_access_leave (OptAccess *a,
                  guint      c)
{
  const GArray *of = a->of[c];

  for (guint i = 0; i < of->len; i += 2)
    {
      guint si = g_array_index (of, guint, i), k = g_array_index (of, guint, i + 1);
      const OptZone *z = &g_array_index (((OptSet *) g_ptr_array_index (a->p->sets, si))->zones,
                                         OptZone, k);

      if (a->kept[si][k] > 0 && --a->kept[si][k] == 0)
        {
          a->lost[si] += z->people;
          if (z->deprived)
            a->lost_dep[si] += z->people;
        }
    }
}

/* ---- A first estate, greedily --------------------------------------------------------- */

static gboolean place (const OptProblem *p, guint c, guint only, const gboolean *left,
                       const double *inflow, const double *w_used, double *shares,
                       double *w_add);

typedef struct
{
  double   npv;
  guint   *slot;        /* [candidates]: the year chosen, G_MAXUINT when kept */
  double  *shares;      /* [arcs] */
  double  *w;           /* [site][4] void rooms in use */
} Greedy;

static void
greedy_clear (Greedy *g)
{
  g_clear_pointer (&g->slot, g_free);
  g_clear_pointer (&g->shares, g_free);
  g_clear_pointer (&g->w, g_free);
}

typedef struct
{
  const OptProblem *p;
  double           *best;
} Order;

static int
compare_saving (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const Order *o = data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  gboolean lx = candidate (o->p, x)->locked_exit, ly = candidate (o->p, y)->locked_exit;

  if (lx != ly)
    return lx ? -1 : 1;
  if (o->best[x] != o->best[y])
    return o->best[x] < o->best[y] ? -1 : 1;
  return (x > y) - (x < y);
}

/* A feasible estate built greedily: the candidates by what they save, most first (those
 * locked to leave before all), each left in its best year the limit a year allows when
 * it receives nothing, every access target still holds and its activity fits in the room
 * the others leave (nearest first). The branch and bound's first solution, and the answer
 * when the time limit passes before the linear program is solved. Returns FALSE when a
 * site locked to leave cannot be left this way. */
static gboolean
greedy (OptProblem      *p,
        const OptReport *report,
        Greedy          *g)
{
  guint nc = p->candidates->len, ns = p->ns;
  g_autofree guint *order = g_new (guint, MAX (nc, 1));
  g_autofree double *best = g_new (double, MAX (nc, 1));
  g_autoptr(OptAccess) access = opt_access_new (p, NULL);
  g_autofree gboolean *left_sites = g_new0 (gboolean, MAX (ns, 1));
  g_autofree gboolean *received = g_new0 (gboolean, MAX (ns, 1));
  g_autofree double *inflow = g_new0 (double, (gsize) ns * p->n_cap_years * OPT_N_RES);
  g_autofree double *w_add = g_new0 (double, (gsize) ns * FP_N_ROOM_HOUR_TYPES);
  g_autofree guint *exits_in = g_new0 (guint, p->ny);
  guint limit = p->settings->max_exits_per_year;
  Order ord = { p, best };

  g->npv = 0;
  g->slot = g_new (guint, MAX (nc, 1));
  g->shares = g_new0 (double, MAX (p->arcs->len, 1));
  g->w = g_new (double, (gsize) ns * FP_N_ROOM_HOUR_TYPES);
  for (guint i = 0; i < ns * FP_N_ROOM_HOUR_TYPES; i++)
    g->w[i] = p->w_min[i];

  for (guint c = 0; c < nc; c++)
    {
      const OptCandidate *cand = candidate (p, c);

      order[c] = c;
      g->slot[c] = G_MAXUINT;
      best[c] = G_MAXDOUBLE;
      for (guint i = 0; i < cand->slots->len; i++)
        best[c] = fmin (best[c], g_array_index (cand->slots, OptSlot, i).delta);
    }
  g_qsort_with_data (order, (gint) nc, sizeof (guint), compare_saving, &ord);

  for (guint i = 0; i < nc; i++)
    {
      guint c = order[i];
      const OptCandidate *cand = candidate (p, c);
      guint slot = G_MAXUINT;
      gboolean ok = TRUE;

      if (!cand->locked_exit && report->time_limit > 0 &&
          opt_elapsed (report) > report->time_limit)
        break;
      if (report_cancelled (report))
        break;

      for (guint k = 0; k < cand->slots->len; k++)
        {
          const OptSlot *sl = &g_array_index (cand->slots, OptSlot, k);

          if ((limit == 0 || exits_in[sl->year - p->base_year] < limit) &&
              (slot == G_MAXUINT || sl->delta < g_array_index (cand->slots, OptSlot, slot).delta))
            slot = k;
        }
      if (slot == G_MAXUINT || received[cand->site])
        ok = FALSE;

      if (ok)
        {
          guint set;
          double people, deprived;

          ok = opt_access_try (access, c, &set, &people, &deprived) == 0;
        }

      memset (w_add, 0, sizeof (double) * ns * FP_N_ROOM_HOUR_TYPES);
      if (ok)
        ok = place (p, c, G_MAXUINT, left_sites, inflow, g->w, g->shares, w_add);

      if (!ok)
        {
          if (cand->locked_exit)
            return FALSE;
          continue;
        }

      opt_access_leave (access, c);

      g->slot[c] = slot;
      g->npv -= g_array_index (cand->slots, OptSlot, slot).delta;
      left_sites[cand->site] = TRUE;
      exits_in[g_array_index (cand->slots, OptSlot, slot).year - p->base_year]++;
      for (guint k = 0; k < ns * FP_N_ROOM_HOUR_TYPES; k++)
        g->w[k] += w_add[k];
      for (guint k = 0; k < cand->n_supplies; k++)
        {
          const OptSupply *sup = supply (p, cand->first_supply + k);

          for (guint j = 0; j < sup->n_arcs; j++)
            {
              const OptArc *a = arc (p, sup->first_arc + j);
              double share = g->shares[sup->first_arc + j];

              if (share <= 0)
                continue;
              received[a->receiver] = TRUE;
              for (guint cy = 0; cy < p->n_cap_years; cy++)
                inflow[((gsize) a->receiver * p->n_cap_years + cy) * OPT_N_RES + sup->resource] +=
                  share * sup->load[cy];
            }
        }
    }

  /* A site left brings no void rooms into use. */
  for (guint c = 0; c < nc; c++)
    if (g->slot[c] != G_MAXUINT)
      for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
        g->w[candidate (p, c)->site * FP_N_ROOM_HOUR_TYPES + k] = 0;

  return TRUE;
}

/* The greedy estate as the program's columns [1 + columns]. */
static double *
greedy_columns (OptProblem   *p,
                glp_prob     *lp,
                const Greedy *g)
{
  double *x = g_new0 (double, (gsize) glp_get_num_cols (lp) + 1);
  g_autofree gboolean *left = g_new0 (gboolean, MAX (p->candidates->len, 1));

  for (guint c = 0; c < p->candidates->len; c++)
    {
      const OptCandidate *cand = candidate (p, c);

      left[c] = g->slot[c] != G_MAXUINT;
      x[cand->col_e] = left[c] ? 1 : 0;
      if (cand->col_z != 0 && left[c])
        x[cand->col_z + (int) g->slot[c]] = 1;
    }
  for (guint i = 0; i < p->arcs->len; i++)
    x[arc (p, i)->col] = g->shares[i];
  for (guint s = 0; s < p->ns; s++)
    for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
      if (p->w_col[s * FP_N_ROOM_HOUR_TYPES + k] != 0)
        x[p->w_col[s * FP_N_ROOM_HOUR_TYPES + k]] = g->w[s * FP_N_ROOM_HOUR_TYPES + k];
  for (guint i = 0; i < p->sets->len; i++)
    {
      OptSet *set = g_ptr_array_index (p->sets, i);

      for (guint k = 0; k < set->zones->len; k++)
        {
          const OptZone *z = &g_array_index (set->zones, OptZone, k);
          gboolean reached = FALSE;

          for (guint j = 0; j < z->n_candidates && !reached; j++)
            reached = !left[z->candidates[j]];
          if (z->col != 0)
            x[z->col] = reached ? 1 : 0;
        }
    }

  return x;
}

/* Takes the greedy estate as the solution. */
static void
use_greedy (OptProblem   *p,
            const Greedy *g)
{
  for (guint c = 0; c < p->candidates->len; c++)
    {
      OptCandidate *cand = candidate (p, c);

      cand->left = g->slot[c] != G_MAXUINT;
      cand->slot = cand->left ? g->slot[c] : 0;
    }
  for (guint i = 0; i < p->arcs->len; i++)
    arc (p, i)->share = g->shares[i];
  memcpy (p->w_val, g->w, sizeof (double) * p->ns * FP_N_ROOM_HOUR_TYPES);
}

/* The most any estate could save: every candidate left in its best year, as if nothing
 * stood in the way. A bound when the linear program is not solved in time. */
static double
loose_bound (const OptProblem *p)
{
  double bound = 0;

  for (guint c = 0; c < p->candidates->len; c++)
    {
      const OptCandidate *cand = candidate (p, c);
      double best = 0;

      for (guint i = 0; i < cand->slots->len; i++)
        best = fmin (best, g_array_index (cand->slots, OptSlot, i).delta);
      bound -= best;
    }
  return bound;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Greedy, greedy_clear)

/* ---- Solving ---------------------------------------------------------------------------- */

static void
read_solution (OptProblem *p,
               glp_prob   *lp)
{
  for (guint c = 0; c < p->candidates->len; c++)
    {
      OptCandidate *cand = candidate (p, c);

      cand->left = glp_mip_col_val (lp, cand->col_e) > 0.5;
      cand->slot = 0;
      if (cand->left && cand->col_z != 0)
        for (guint i = 0; i < cand->slots->len; i++)
          if (glp_mip_col_val (lp, cand->col_z + (int) i) > 0.5)
            cand->slot = i;
    }

  for (guint s = 0; s < p->ns; s++)
    for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
      {
        int col = p->w_col[s * FP_N_ROOM_HOUR_TYPES + k];

        p->w_val[s * FP_N_ROOM_HOUR_TYPES + k] = col != 0 ? round (glp_mip_col_val (lp, col))
                                                          : p->w_min[s * FP_N_ROOM_HOUR_TYPES + k];
      }

  /* Each service's shares, without crumbs: a share below a billionth is folded into the
   * others, and the rest scaled to add up to exactly 1. */
  for (guint i = 0; i < p->supplies->len; i++)
    {
      OptSupply *sup = supply (p, i);
      double total = 0;

      for (guint k = 0; k < sup->n_arcs; k++)
        {
          OptArc *a = arc (p, sup->first_arc + k);

          a->share = candidate (p, sup->candidate)->left ? glp_mip_col_val (lp, a->col) : 0;
          if (a->share < 1e-9)
            a->share = 0;
          total += a->share;
        }
      for (guint k = 0; k < sup->n_arcs && total > 0; k++)
        arc (p, sup->first_arc + k)->share /= total;
    }
}

/* Fixes the exits and routes each service to the nearest receivers with room. */
static void
route (OptProblem *p,
       glp_prob   *lp,
       Search     *first)
{
  int n = glp_get_num_cols (lp);
  g_autofree double *x = g_new0 (double, (gsize) n + 1);
  Search sv = { p, first->report, FP_OPTIMISE_PHASE_ROUTING, NULL, FALSE, FALSE, 0, FALSE, 0, 0,
                0, FALSE };
  int ret, tm;

  for (int j = 1; j <= n; j++)
    {
      x[j] = glp_mip_col_val (lp, j);
      glp_set_obj_coef (lp, j, 0);
    }

  for (guint c = 0; c < p->candidates->len; c++)
    {
      OptCandidate *cand = candidate (p, c);
      double e = cand->left ? 1 : 0;

      glp_set_col_bnds (lp, cand->col_e, GLP_FX, e, e);
      for (guint i = 0; cand->col_z != 0 && i < cand->slots->len; i++)
        {
          double z = cand->left && cand->slot == i ? 1 : 0;

          glp_set_col_bnds (lp, cand->col_z + (int) i, GLP_FX, z, z);
        }
    }
  for (guint i = 0; i < p->arcs->len; i++)
    {
      OptArc *a = arc (p, i);

      glp_set_obj_coef (lp, a->col, supply (p, a->supply)->volume_last * a->km);
    }

  sv.warm = x;
  tm = MAX (ROUTING_MIN_MS, time_left_ms (first->report, p->settings->time_limit));
  if (run_simplex (lp, tm) != 0 || glp_get_status (lp) != GLP_OPT)
    return;
  ret = run_intopt (lp, &sv, tm, 0);
  if (sv.cancelled || (ret != 0 && ret != GLP_ETMLIM) ||
      (glp_mip_status (lp) != GLP_OPT && glp_mip_status (lp) != GLP_FEAS))
    {
      /* Keep the first pass's shares: they meet every constraint too. */
      return;
    }

  read_solution (p, lp);
}

/**
 * opt_solve:
 *
 * Solves the problem. On success fills each candidate's choice, each arc's share and the
 * outcome; fails with a message naming the constraint that cannot hold, with
 * G_IO_ERROR_CANCELLED when cancelled, or when the time limit passes before any estate
 * meeting the constraints is found.
 */
gboolean
opt_solve (OptProblem  *p,
           OptReport   *report,
           OptOutcome  *out,
           GError     **error)
{
  glp_prob *lp;
  Search sv = { p, report, FP_OPTIMISE_PHASE_SOLVING, NULL, FALSE, FALSE, 0, FALSE, 0, 0, 0,
                FALSE };
  g_auto(Greedy) g = { 0 };
  gboolean have_greedy;
  gboolean cancelled;
  double time_limit = p->settings->time_limit;
  gint64 start = g_get_monotonic_time ();
  int ret, status;

  memset (out, 0, sizeof *out);
  glp_term_hook (silence_glpk, NULL);

  lp = glp_create_prob ();
  glp_set_obj_dir (lp, GLP_MIN);
  build (p, lp);
  p->n_columns = (guint) glp_get_num_cols (lp);
  p->n_integer = (guint) glp_get_num_int (lp);
  p->n_rows = (guint) glp_get_num_rows (lp);

  if (p->candidates->len == 0)
    {
      /* Nothing could be left for a saving: keeping everything is the answer. */
      glp_delete_prob (lp);
      out->status = FP_OPTIMISE_OPTIMAL;
      return TRUE;
    }

  glp_scale_prob (lp, GLP_SF_AUTO);

  have_greedy = greedy (p, report, &g);
  opt_report (report, FP_OPTIMISE_PHASE_SOLVING, have_greedy, g.npv, loose_bound (p), 0);

  ret = run_root_simplex (lp, report, time_limit, have_greedy, g.npv, loose_bound (p),
                          &cancelled);
  if (cancelled)
    {
      glp_delete_prob (lp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The optimiser was stopped"));
      return FALSE;
    }
  if (ret == GLP_ETMLIM)
    {
      glp_delete_prob (lp);
      if (have_greedy)
        {
          /* The linear program is too large for the time: the greedy estate, with the
           * loose bound. */
          use_greedy (p, &g);
          out->status = FP_OPTIMISE_TIME_LIMIT;
          out->npv = g.npv;
          out->bound = fmax (loose_bound (p), g.npv);
          out->solve_seconds = (g_get_monotonic_time () - start) / 1e6;
          return TRUE;
        }
      g_set_error (error, FP_ERROR, FP_ERROR_SOLVER,
                   _("The time limit passed before the optimiser found any estate meeting the "
                     "constraints; allow it more time"));
      return FALSE;
    }
  if (ret != 0 || (glp_get_status (lp) != GLP_OPT && glp_get_status (lp) != GLP_NOFEAS))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_SOLVER,
                   _("The optimiser’s linear program could not be solved (GLPK simplex "
                     "returned %d, status %d)"), ret, glp_get_status (lp));
      glp_delete_prob (lp);
      return FALSE;
    }
  if (glp_get_status (lp) == GLP_NOFEAS)
    {
      glp_delete_prob (lp);
      set_infeasible (p, error);
      return FALSE;
    }

  /* The relaxation's optimum bounds every estate. */
  sv.bound = glp_get_obj_val (lp);
  sv.has_bound = TRUE;

  sv.warm = have_greedy ? greedy_columns (p, lp, &g) : keep_all (p, lp);
  ret = run_intopt (lp, &sv, time_left_ms (report, time_limit), p->settings->gap);
  g_clear_pointer (&sv.warm, g_free);
  status = glp_mip_status (lp);
  out->solve_seconds = (g_get_monotonic_time () - start) / 1e6;
  out->nodes = sv.nodes;

  if (sv.cancelled)
    {
      glp_delete_prob (lp);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The optimiser was stopped"));
      return FALSE;
    }
  if (status == GLP_NOFEAS)
    {
      glp_delete_prob (lp);
      set_infeasible (p, error);
      return FALSE;
    }
  if (status != GLP_OPT && status != GLP_FEAS && have_greedy && ret == GLP_ETMLIM)
    {
      glp_delete_prob (lp);
      use_greedy (p, &g);
      out->status = FP_OPTIMISE_TIME_LIMIT;
      out->npv = g.npv;
      out->bound = sv.has_bound ? fmax (-sv.bound, g.npv) : fmax (loose_bound (p), g.npv);
      return TRUE;
    }
  if (status != GLP_OPT && status != GLP_FEAS)
    {
      glp_delete_prob (lp);
      if (ret == GLP_ETMLIM)
        g_set_error (error, FP_ERROR, FP_ERROR_SOLVER,
                     _("The time limit passed before the optimiser found any estate meeting the "
                       "constraints; allow it more time"));
      else
        g_set_error (error, FP_ERROR, FP_ERROR_SOLVER,
                     _("The optimiser’s branch and bound failed (GLPK returned %d, status %d)"),
                     ret, status);
      return FALSE;
    }

  out->npv = -glp_mip_obj_val (lp);
  if (status == GLP_OPT && p->settings->gap <= 0)
    {
      out->status = FP_OPTIMISE_OPTIMAL;
      out->bound = out->npv;
    }
  else
    {
      out->status = status == GLP_OPT ? FP_OPTIMISE_WITHIN_GAP : FP_OPTIMISE_TIME_LIMIT;
      out->bound = sv.has_bound ? fmax (-sv.bound, out->npv) : NAN;
    }

  read_solution (p, lp);
  opt_report (report, FP_OPTIMISE_PHASE_ROUTING, TRUE, out->npv, out->bound, out->nodes);
  route (p, lp, &sv);

  glp_delete_prob (lp);
  return TRUE;
}

/**
 * opt_problem_write_mps:
 *
 * Writes the branch and bound's program as a free MPS file, for measuring another solver
 * on it (bench/bench-optimise.c).
 */
gboolean
opt_problem_write_mps (OptProblem  *p,
                       const char  *path,
                       GError     **error)
{
  glp_prob *lp = glp_create_prob ();
  gboolean ok;

  glp_term_hook (silence_glpk, NULL);
  glp_set_obj_dir (lp, GLP_MIN);
  build (p, lp);
  ok = glp_write_mps (lp, GLP_MPS_FILE, NULL, path) == 0;
  glp_delete_prob (lp);
  if (!ok)
    g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not write the program to %s"), path);
  return ok;
}

/* ---- One more site, in the room the others leave --------------------------------------- */

/**
 * opt_solution_usage:
 * @left: (out caller-allocates): [sites] left in the solution
 * @inflow: (out caller-allocates): [site][capacity year][resource] what the solution sends
 */
void
opt_solution_usage (const OptProblem *p,
                    gboolean         *left,
                    double           *inflow)
{
  memset (left, 0, sizeof (gboolean) * p->ns);
  memset (inflow, 0, sizeof (double) * p->ns * p->n_cap_years * OPT_N_RES);

  for (guint c = 0; c < p->candidates->len; c++)
    if (candidate (p, c)->left)
      left[candidate (p, c)->site] = TRUE;

  for (guint i = 0; i < p->arcs->len; i++)
    {
      const OptArc *a = arc (p, i);
      const OptSupply *sup = supply (p, a->supply);

      for (guint cy = 0; cy < p->n_cap_years; cy++)
        inflow[((gsize) a->receiver * p->n_cap_years + cy) * OPT_N_RES + sup->resource] +=
          a->share * sup->load[cy];
    }
}

/* Whether candidate c's services fit in the room the receivers in reach have left: sites
 * not @left, after @inflow, with whole void rooms beyond @w_used brought into use as
 * needed (the others' routing is kept as it is: a screen of this one site, not a proof
 * about every estate), the nearest first. When they fit and @shares is given, fills the
 * candidate's arcs' shares in @shares [arcs] and adds the void rooms brought into use to
 * @w_add [site][4]. */
static gboolean
place (const OptProblem *p,
       guint             c,
       guint             only,        /* a supply, or G_MAXUINT for all */
       const gboolean   *left,
       const double     *inflow,
       const double     *w_used,
       double           *shares,
       double           *w_add)
{
  const OptCandidate *cand = candidate (p, c);
  glp_prob *lp = glp_create_prob ();
  g_autoptr(GHashTable) w_cols = g_hash_table_new (NULL, NULL);   /* r*4+k+1 -> col */
  g_autoptr(GHashTable) rows = g_hash_table_new (NULL, NULL);     /* key -> row */
  g_autoptr(GArray) arc_of = g_array_new (FALSE, FALSE, sizeof (guint));   /* col -> arc */
  g_autoptr(GArray) w_of = g_array_new (FALSE, FALSE, sizeof (guint));     /* col -> r*4+k */
  Coefs m = { g_array_new (FALSE, FALSE, sizeof (int)), g_array_new (FALSE, FALSE, sizeof (int)),
              g_array_new (FALSE, FALSE, sizeof (double)) };
  int zero = 0;
  guint none = G_MAXUINT;
  double nothing = 0;
  gboolean ok;

  g_array_append_val (m.ia, zero);
  g_array_append_val (m.ja, zero);
  g_array_append_val (m.ar, nothing);
  g_array_append_val (arc_of, none);
  g_array_append_val (w_of, none);
  glp_term_hook (silence_glpk, NULL);
  glp_set_obj_dir (lp, GLP_MIN);

  for (guint i = 0; i < cand->n_supplies; i++)
    {
      guint si = cand->first_supply + i;
      const OptSupply *sup = supply (p, si);
      int srow;

      if (only != G_MAXUINT && si != only)
        continue;

      srow = add_row (lp, GLP_FX, 1, 1);
      for (guint k = 0; k < sup->n_arcs; k++)
        {
          guint ai = sup->first_arc + k;
          const OptArc *a = arc (p, ai);
          guint r = a->receiver;
          guint res = sup->resource;
          int col;

          if (left[r])
            continue;

          col = glp_add_cols (lp, 1);
          glp_set_col_bnds (lp, col, GLP_DB, 0, 1);
          /* Building an estate, a receiver that could itself be left is the last
           * resort: what it takes in would keep it. */
          glp_set_obj_coef (lp, col,
                            sup->volume_last * a->km *
                            (shares != NULL && p->candidate_of[r] != G_MAXUINT ? 100 : 1));
          coef (&m, srow, col, 1);
          g_array_append_val (arc_of, ai);
          g_array_append_val (w_of, none);

          for (guint cy = 0; cy < p->n_cap_years; cy++)
            {
              gpointer key = GUINT_TO_POINTER (((r * p->n_cap_years + cy) * OPT_N_RES + res) + 1);
              int row = GPOINTER_TO_INT (g_hash_table_lookup (rows, key));

              if (row == 0)
                {
                  double room = SPARE (p, r, cy, res) -
                                ROOM_MARGIN * p->tau[res] * p->base_cap[r * OPT_N_RES + res] -
                                inflow[((gsize) r * p->n_cap_years + cy) * OPT_N_RES + res];

                  if (res < FP_N_ROOM_HOUR_TYPES)
                    room += p->tau[res] * p->hw[r] * (1 - ROOM_MARGIN) *
                            w_used[r * FP_N_ROOM_HOUR_TYPES + res];
                  row = add_row (lp, GLP_UP, 0, room);
                  g_hash_table_insert (rows, key, GINT_TO_POINTER (row));

                  if (res < FP_N_ROOM_HOUR_TYPES && p->voids[r] >= 1)
                    {
                      guint wk = r * FP_N_ROOM_HOUR_TYPES + res;
                      gpointer wkey = GUINT_TO_POINTER (wk + 1);
                      int wcol = GPOINTER_TO_INT (g_hash_table_lookup (w_cols, wkey));

                      if (wcol == 0)
                        {
                          double spare_voids = p->voids[r];
                          gpointer vkey = GUINT_TO_POINTER (p->ns * FP_N_ROOM_HOUR_TYPES + r + 1);
                          int vrow = GPOINTER_TO_INT (g_hash_table_lookup (w_cols, vkey));

                          for (guint k2 = 0; k2 < FP_N_ROOM_HOUR_TYPES; k2++)
                            spare_voids -= w_used[r * FP_N_ROOM_HOUR_TYPES + k2];
                          if (vrow == 0)
                            {
                              vrow = add_row (lp, GLP_UP, 0, fmax (0, spare_voids));
                              g_hash_table_insert (w_cols, vkey, GINT_TO_POINTER (vrow));
                            }
                          wcol = glp_add_cols (lp, 1);
                          glp_set_col_kind (lp, wcol, GLP_IV);
                          glp_set_col_bnds (lp, wcol, GLP_LO, 0, 0);
                          coef (&m, vrow, wcol, 1);
                          g_hash_table_insert (w_cols, wkey, GINT_TO_POINTER (wcol));
                          g_array_append_val (arc_of, none);
                          g_array_append_val (w_of, wk);
                        }
                      coef (&m, row, wcol, -p->tau[res] * p->hw[r] * (1 - ROOM_MARGIN));
                    }
                }
              coef (&m, row, col, sup->load[cy]);
            }
        }
    }

  if (glp_get_num_cols (lp) == 0)
    ok = FALSE;
  else
    {
      glp_load_matrix (lp, (int) m.ia->len - 1, (int *) m.ia->data, (int *) m.ja->data,
                       (double *) m.ar->data);
      ok = run_simplex (lp, INT_MAX) == 0 && glp_get_status (lp) == GLP_OPT;
      if (ok && glp_get_num_int (lp) > 0)
        {
          glp_iocp parm;

          glp_init_iocp (&parm);
          parm.msg_lev = GLP_MSG_OFF;
          ok = glp_intopt (lp, &parm) == 0 && (glp_mip_status (lp) == GLP_OPT ||
                                               glp_mip_status (lp) == GLP_FEAS);
        }
    }

  if (ok && shares != NULL)
    {
      gboolean mip = glp_get_num_int (lp) > 0;

      for (int col = 1; col <= glp_get_num_cols (lp); col++)
        {
          double value = mip ? glp_mip_col_val (lp, col) : glp_get_col_prim (lp, col);
          guint ai = g_array_index (arc_of, guint, col);
          guint wk = g_array_index (w_of, guint, col);

          if (ai != G_MAXUINT)
            shares[ai] = value < 1e-9 ? 0 : value;
          else if (wk != G_MAXUINT)
            w_add[wk] += round (value);
        }
      /* Each service's shares add up to exactly 1. */
      for (guint i = 0; i < cand->n_supplies; i++)
        {
          const OptSupply *sup = supply (p, cand->first_supply + i);
          double total = 0;

          for (guint k = 0; k < sup->n_arcs; k++)
            total += shares[sup->first_arc + k];
          for (guint k = 0; k < sup->n_arcs && total > 0; k++)
            shares[sup->first_arc + k] /= total;
        }
    }

  g_array_unref (m.ia);
  g_array_unref (m.ja);
  g_array_unref (m.ar);
  glp_delete_prob (lp);
  return ok;
}

/**
 * opt_place_one:
 * @left: [sites] the sites left (they receive nothing)
 * @inflow: [site][capacity year][resource] what others already send
 * @w_used: [site][4] void rooms already brought into use
 * @failed_service: (out): a service of the candidate that does not fit on its own, or
 *   G_MAXUINT
 *
 * Returns: whether candidate c's services fit in the room that is left
 */
gboolean
opt_place_one (const OptProblem *p,
               guint             c,
               const gboolean   *left,
               const double     *inflow,
               const double     *w_used,
               guint            *failed_service)
{
  const OptCandidate *cand = candidate (p, c);

  *failed_service = G_MAXUINT;
  if (place (p, c, G_MAXUINT, left, inflow, w_used, NULL, NULL))
    return TRUE;

  for (guint i = 0; i < cand->n_supplies; i++)
    if (!place (p, c, cand->first_supply + i, left, inflow, w_used, NULL, NULL))
      {
        *failed_service = supply (p, cand->first_supply + i)->service;
        break;
      }
  return FALSE;
}
