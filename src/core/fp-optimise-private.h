/* fp-optimise-private.h: the optimiser's problem, shared by its files.
 *
 * fp-optimise-problem.c reads the model and Do nothing's results into a Problem: the sites
 * that may be left (candidates) with the present value of leaving each in each year it
 * may, the sites that may receive, the arcs from each candidate's services to the
 * receivers that may take them, capacities, and the zones whose access depends on the
 * candidates. fp-optimise-mip.c turns it into a GLPK program and solves it.
 * fp-optimise.c is the public face: explanations, changes, checks, sweep, output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fp-access.h"
#include "fp-appraisal.h"
#include "fp-optimise.h"

G_BEGIN_DECLS

/* The resources a service uses: the four room-hour types, beds and desks (FpRoomType). */
#define OPT_N_RES FP_N_ROOM_TYPES

/* One year a candidate may be left in, with what that saves. */
typedef struct
{
  int     year;
  int     liability_end;
  gboolean unknown;
  double  delta;            /* present cost of leaving in that year − of keeping, £ */
  double  running_avoided;  /* present value of the running costs avoided, £ */
  double  receipt;          /* present value of the sale's receipt, £ */
  double  backlog;          /* present value of the backlog avoided (counted or not), £ */
  double  transition;       /* present value of the transition cost, £ */
} OptSlot;

typedef struct
{
  guint     site;
  gboolean  locked_exit;
  gboolean  dispose;         /* a sale value was given */
  double    value;
  double    disposal_costs;
  GArray   *slots;           /* OptSlot, by year; non-dominated */
  guint     first_supply;
  guint     n_supplies;
  int       col_e;           /* GLPK column of "left" (1-based) */
  int       col_z;           /* first column of the year choices, 0 with one slot */
  /* solution */
  gboolean  left;
  guint     slot;
} OptCandidate;

/* One service of a candidate, to be placed when it is left. */
typedef struct
{
  guint   candidate;
  guint   service;
  guint   resource;
  double  volume_last;       /* units in the last year (weights the routing) */
  double *load;              /* [n_cap_years] resource units it takes */
  guint   first_arc;
  guint   n_arcs;
} OptSupply;

typedef struct
{
  guint   supply;
  guint   receiver;          /* site index */
  double  km;
  int     col;
  double  share;             /* solution */
} OptArc;

/* A zone whose access to a set depends only on candidates. */
typedef struct
{
  guint    zone;
  double   people;
  gboolean deprived;
  gboolean forced;           /* it must stay within reach */
  guint   *candidates;       /* the candidates within reach that offer the set */
  guint    n_candidates;
  int      col;              /* its "still within reach" column, 0 when forced */
} OptZone;

typedef struct
{
  char            *id;
  char            *name;
  double           threshold;
  FpThresholdUnit  unit;
  double           target;
  double           target_deprived;
  double           do_nothing;
  double           do_nothing_deprived;
  double           people;
  double           people_deprived;
  double           safe;              /* people within reach of a site always kept */
  double           safe_deprived;
  gboolean        *member;            /* [site] offers it in Do nothing, last year */
  GArray          *zones;             /* OptZone at risk */
  double           suggested;         /* solution, as the optimiser counts */
  double           suggested_deprived;
} OptSet;

typedef struct _OptGrid OptGrid;

typedef struct
{
  const FpModel            *model;
  const FpResults          *dn;
  const FpOptimiseSettings *settings;
  FpAppraisalSettings       appraisal;

  guint    ns;
  guint    nv;
  guint    ny;
  int      base_year;
  int      first_year;
  int      last_year;
  double  *df;                 /* [ny] discount factors */

  /* the capacity rows are written for these years (indices) */
  guint   *cap_years;
  guint    n_cap_years;

  /* per site */
  gboolean *receiver;          /* may receive at all */
  gboolean *receives_res;      /* [site][res]: may receive what uses the resource */
  double   *tau;               /* [res] the target of the resource */
  double   *hw;                /* [site] hours open × weeks: room-hours of one room */
  double   *voids;             /* [site] whole void rooms */
  double   *base_cap;          /* [site][res] capacity without void rooms */
  double   *spare;             /* [site][n_cap_years][res] τ·C − D (may be < 0) */
  int      *w_min;             /* [site][4] void rooms Do nothing needs by type */
  int      *w_col;             /* [site][4] column of void rooms brought into use, 0 */
  double   *w_val;             /* [site][4] solution: void rooms brought into use */
  guint    *candidate_of;      /* [site] index into candidates, G_MAXUINT when none */
  FpOptimiseReason *not_candidate;  /* [site] why a held site is not a candidate */
  double   *best_delta;        /* [site] best saving found, for sites not candidates */
  int      *best_year;

  GArray   *candidates;        /* OptCandidate */
  GArray   *supplies;          /* OptSupply */
  GArray   *arcs;              /* OptArc */
  GPtrArray *sets;             /* OptSet */
  OptGrid   *grid;             /* the placed NHS sites */

  double    do_nothing_cost;
  guint     n_columns;
  guint     n_integer;
  guint     n_rows;
} OptProblem;

typedef struct
{
  FpOptimiseProgressFunc  func;
  gpointer                user_data;
  GCancellable           *cancellable;
  gint64                  start;       /* monotonic µs */
  double                  time_limit;  /* seconds, 0: none */
} OptReport;

OptProblem *opt_problem_new         (const FpModel            *model,
                                     const FpResults          *do_nothing,
                                     const FpOptimiseSettings *settings,
                                     GError                  **error);
void        opt_problem_free        (OptProblem               *problem);
double      opt_elapsed             (const OptReport          *report);
void        opt_report              (OptReport                *report,
                                     FpOptimisePhase           phase,
                                     gboolean                  has_solution,
                                     double                    npv,
                                     double                    bound,
                                     guint                     nodes);

/* fp-optimise-mip.c: solves the problem; fills each candidate's left and slot and each
 * arc's share. */
typedef struct
{
  FpOptimiseStatus status;
  double           npv;
  double           bound;
  double           solve_seconds;
  guint            nodes;
} OptOutcome;

gboolean    opt_solve               (OptProblem               *problem,
                                     OptReport                *report,
                                     OptOutcome               *outcome,
                                     GError                  **error);
gboolean    opt_place_one           (const OptProblem         *problem,
                                     guint                     candidate,
                                     const gboolean           *left,
                                     const double             *inflow,
                                     const double             *w_used,
                                     guint                    *failed_service);
char       *opt_describe_loss       (const OptSet             *set,
                                     double                    people,
                                     double                    deprived);
char       *opt_threshold_text      (double                    threshold,
                                     FpThresholdUnit           unit);
void        opt_access_loss         (const OptProblem         *problem,
                                     const OptSet             *set,
                                     const gboolean           *left,
                                     double                   *people,
                                     double                   *deprived,
                                     int                      *fails);
gboolean    opt_problem_write_mps   (OptProblem               *problem,
                                     const char               *path,
                                     GError                  **error);

typedef struct _OptAccess OptAccess;

OptAccess  *opt_access_new          (const OptProblem         *problem,
                                     const gboolean           *left);
void        opt_access_free         (OptAccess                *access);
int         opt_access_try          (OptAccess                *access,
                                     guint                     candidate,
                                     guint                    *set,
                                     double                   *people,
                                     double                   *deprived);
void        opt_access_leave        (OptAccess                *access,
                                     guint                     candidate);
void        opt_solution_usage      (const OptProblem         *problem,
                                     gboolean                 *left,
                                     double                   *inflow);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OptProblem, opt_problem_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OptAccess, opt_access_free)

G_END_DECLS
