/* fp-optimise.h: suggest an estate (docs/model.md, "Optimiser").
 *
 * The optimiser chooses which held sites to keep and which to leave (exit, or dispose of
 * when a sale value is given), in which year, and where each left site's activity goes,
 * to minimise the net present cost the appraisal reports, subject to room at the sites
 * that receive (per room type, below the targets, void rooms brought into use), access for
 * each chosen service overall and for the most deprived fifth, the user's locks, the
 * hosting rules, a limit on exits a year and each site's earliest exit. It is a
 * mixed-integer program solved by GLPK's branch and cut.
 *
 * The answer is an ordinary list of changes (moves of each service to named sites, then
 * the exit) that the engine recomputes like any other scenario; fp_optimise_check() does
 * that and compares the engine's and the appraisal's figures with the solver's.
 *
 * Everything here is plain data. fp_optimise_solve() reads the model and Do nothing's
 * results and nothing else, so a window may run it in a worker thread (neither may change
 * while it runs); it reports progress through a callback called in that thread, and stops
 * when its GCancellable is cancelled. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fp-access.h"
#include "fp-compute.h"
#include "fp-scenario.h"
#include "fp-workspace.h"

G_BEGIN_DECLS

/* What the optimiser writes as the owner of its changes. */
#define FP_OPTIMISE_OWNER "optimiser"

/* The group of fp_access_compute() that may be chosen as well as a service. */
#define FP_OPTIMISE_URGENT_GROUP "urgent_care_or_walk_in"

/**
 * FpOptimiseTarget:
 * @id: a service id, or the group `urgent_care_or_walk_in`
 * @overall: the least share of people within the set's threshold (0 to 1), or NAN for Do
 *   nothing's share in the last year (no worse than now)
 * @deprived: the same for the most deprived fifth (IMD 2019 deciles 1 and 2), or NAN
 */
typedef struct
{
  char   *id;
  double  overall;
  double  deprived;
} FpOptimiseTarget;

/**
 * FpOptimiseValue:
 * @id: a freehold or local-authority site
 * @value: its market value, £
 * @disposal_costs: the costs of selling it, £
 *
 * A site's sale value, entered by the user: when the optimiser leaves such a site it
 * writes a disposal and counts the receipt (value − disposal costs) in the year it leaves.
 */
typedef struct
{
  char   *id;
  double  value;
  double  disposal_costs;
} FpOptimiseValue;

/**
 * FpOptimiseSettings:
 * @services: (nullable): the chosen sets whose access is held to a target: service ids and
 *   the group `urgent_care_or_walk_in`; %NULL for every service
 * @targets: (element-type FpOptimiseTarget): targets set explicitly; every other chosen
 *   set keeps Do nothing's shares
 * @lock_keep: (nullable): ids of sites that must be kept
 * @lock_exit: (nullable): ids of sites that must be left
 * @earliest: (element-type utf8 gint): the earliest exit year of a site, by id
 * @values: (element-type FpOptimiseValue): sale values of sites
 * @first_year: the earliest year of any exit (0: the year after the base year)
 * @last_year: the latest year of any exit (0: the last year of the horizon)
 * @max_exits_per_year: the most sites left in any one year (0: no limit)
 * @transition_cost: a one-off cost of leaving a site (moves, decant, IT), £, in the year
 *   it is left; written as the option's transition costs so the appraisal counts it too
 * @count_backlog: whether the backlog of a site left counts as a saving (the appraisal
 *   counts it as a non-cash benefit; off by default, see docs/model.md)
 * @time_limit: seconds the branch and bound may take (0: no limit)
 * @gap: stop once the solution is proven within this share of the best possible (0: prove
 *   the optimum)
 * @max_receivers: for each left site and service, how many of the nearest sites that may
 *   take it are considered
 */
typedef struct
{
  GStrv       services;
  GPtrArray  *targets;
  GStrv       lock_keep;
  GStrv       lock_exit;
  GHashTable *earliest;
  GPtrArray  *values;
  int         first_year;
  int         last_year;
  guint       max_exits_per_year;
  double      transition_cost;
  gboolean    count_backlog;
  double      time_limit;
  double      gap;
  guint       max_receivers;
} FpOptimiseSettings;

/* The defaults of FpOptimiseSettings. */
#define FP_OPTIMISE_DEFAULT_TIME_LIMIT     30.0
#define FP_OPTIMISE_DEFAULT_MAX_RECEIVERS  30

typedef enum
{
  FP_OPTIMISE_PHASE_PREPARING,   /* reading the estate, building the program */
  FP_OPTIMISE_PHASE_SOLVING,     /* branch and bound */
  FP_OPTIMISE_PHASE_ROUTING,     /* the nearest receivers for the chosen exits */
  FP_OPTIMISE_PHASE_EXPLAINING,  /* why each site is kept or left */
} FpOptimisePhase;

/**
 * FpOptimiseProgress:
 * @phase: what the solver is doing
 * @elapsed: seconds since the start
 * @time_limit: the time limit, seconds (0: none)
 * @has_solution: whether a feasible estate has been found
 * @npv: its NPV against Do nothing (the best found so far)
 * @bound: the best NPV any estate could still give (NAN until known)
 * @gap: (bound − npv) ÷ max(|bound|, £1), NAN until both are known
 * @nodes: branch and bound nodes explored
 */
typedef struct
{
  FpOptimisePhase phase;
  double          elapsed;
  double          time_limit;
  gboolean        has_solution;
  double          npv;
  double          bound;
  double          gap;
  guint           nodes;
} FpOptimiseProgress;

typedef void (*FpOptimiseProgressFunc) (const FpOptimiseProgress *progress,
                                        gpointer                  user_data);

typedef enum
{
  FP_OPTIMISE_OPTIMAL,      /* proven optimal */
  FP_OPTIMISE_WITHIN_GAP,   /* proven within the requested gap */
  FP_OPTIMISE_TIME_LIMIT,   /* stopped at the time limit: the best found, and its gap */
} FpOptimiseStatus;

/**
 * FpOptimiseReason:
 *
 * Why a site is left or kept in the suggestion.
 */
typedef enum
{
  FP_OPTIMISE_REASON_SAVES,          /* left: it saves money */
  FP_OPTIMISE_REASON_LOCKED_EXIT,    /* left because the user said so */
  FP_OPTIMISE_REASON_LOCKED_KEEP,    /* kept because the user said so */
  FP_OPTIMISE_REASON_NO_SAVING,      /* leaving saves nothing within the horizon */
  FP_OPTIMISE_REASON_NOT_MOVABLE,    /* not placed, or not NHS estate in use */
  FP_OPTIMISE_REASON_NO_ROOM,        /* no site within reach has room for its activity */
  FP_OPTIMISE_REASON_ACCESS,         /* an access target would fail */
  FP_OPTIMISE_REASON_DEPRIVED,       /* the target for the most deprived fifth would fail */
  FP_OPTIMISE_REASON_LIMIT,          /* the limit on exits a year is reached */
  FP_OPTIMISE_REASON_RECEIVES,       /* it takes in the services of sites left */
  FP_OPTIMISE_REASON_NOT_BETTER,     /* no better estate leaves it as well */
  FP_OPTIMISE_REASON_UNPROVEN,       /* the solver stopped before settling it */
} FpOptimiseReason;

/**
 * FpOptimiseSite:
 * @site: its index in the results
 * @left: whether the suggestion leaves it
 * @disposed: whether it is sold (a value was given)
 * @exit_year: the year it is left (0 when kept)
 * @best_exit_year: the exit year that would save most on its own (0 when none saves)
 * @liability_end_year: when its cost stops after that exit, by tenure (0 when kept and
 *   nothing saves)
 * @running_cost: its running cost in the base year, £ a year
 * @saving: present value of leaving it in @exit_year (or, kept, @best_exit_year): its
 *   running costs avoided, receipt and (when counted) backlog, less the transition cost
 * @confidence: the confidence written on its change (docs/model.md)
 * @explanation: one or two whole sentences: what it saves, or what held it back
 */
typedef struct
{
  guint            site;
  char            *id;
  char            *name;
  FpTenure         tenure;
  gboolean         left;
  gboolean         disposed;
  int              exit_year;
  int              best_exit_year;
  int              liability_end_year;
  double           running_cost;
  double           saving;
  double           confidence;
  FpOptimiseReason reason;
  char            *explanation;
} FpOptimiseSite;

/**
 * FpOptimiseAccess:
 *
 * One chosen set's targets and its shares: Do nothing's, and the suggestion's as the
 * optimiser counts them (only the sites that offer it in Do nothing and are kept; the
 * engine may count more, when a receiver starts to offer it).
 */
typedef struct
{
  char            *id;
  char            *name;
  double           threshold;
  FpThresholdUnit  threshold_unit;
  double           target;
  double           target_deprived;
  double           do_nothing;
  double           do_nothing_deprived;
  double           suggested;
  double           suggested_deprived;
} FpOptimiseAccess;

/**
 * FpOptimiseResult:
 * @status: how far the solver got
 * @npv: NPV of the suggestion against Do nothing, the solver's figure (running costs
 *   avoided, receipts, backlog when counted, less transition costs)
 * @bound: the best NPV any estate meeting the constraints could give (the solver's bound)
 * @gap: (@bound − @npv) ÷ max(|@bound|, £1); 0 when proven optimal
 * @cost: net present cost of the estate with the suggestion (running costs, less
 *   receipts and counted backlog, plus transition costs)
 * @do_nothing_cost: the same for Do nothing; @npv = @do_nothing_cost − @cost
 * @changes: (element-type FpChange): the suggestion, in order
 * @sites: (element-type FpOptimiseSite): every NHS site held in Do nothing, those left
 *   first
 * @access: (element-type FpOptimiseAccess): the chosen sets
 * @transition_years: (element-type gint): the years of the transition costs, one per site
 *   left (with @transition_cost each)
 */
typedef struct
{
  FpOptimiseStatus status;
  double           npv;
  double           bound;
  double           gap;
  double           cost;
  double           do_nothing_cost;
  double           solve_seconds;
  double           total_seconds;
  guint            nodes;
  guint            n_candidates;
  guint            n_columns;
  guint            n_integer;
  guint            n_rows;
  guint            n_left;
  double           transition_cost;
  gboolean         count_backlog;
  GPtrArray       *changes;
  GPtrArray       *sites;
  GPtrArray       *access;
  char            *description;
} FpOptimiseResult;

/**
 * FpOptimiseCheck:
 * @npv: the appraisal's NPV of the suggestion as a scenario (with its transition costs)
 * @backlog_avoided: present value of the backlog the suggestion avoids (in @npv)
 * @npv_compared: what the solver's NPV should equal: @npv, less @backlog_avoided when
 *   backlog is not counted
 * @difference: @npv_compared − the solver's NPV
 * @unplaced: activity no site took, beyond Do nothing's, in any year and service (units)
 * @over_target: sites that Do nothing keeps within their targets and the suggestion
 *   takes over one, in any year
 * @access_failures: (element-type utf8): one sentence per target the engine's access
 *   figures (fp_access_compute(), last year) do not meet
 * @ok: whether the engine confirms the suggestion: it applies, places everything, keeps
 *   every receiver within its targets, meets every target, and agrees on the NPV to
 *   £1 or one part in 10⁹
 */
typedef struct
{
  double     npv;
  double     backlog_avoided;
  double     npv_compared;
  double     difference;
  double     unplaced;
  guint      over_target;
  GPtrArray *access_failures;
  gboolean   ok;
} FpOptimiseCheck;

/**
 * FpOptimisePoint:
 *
 * One point of the price of access: the least-cost estate when the swept set's target is
 * @target.
 */
typedef struct
{
  double           target;
  gboolean         feasible;
  FpOptimiseStatus status;
  double           npv;
  double           gap;
  double           share;            /* the swept set's share, as the optimiser counts it (the
                                      * mean of the sets' shares, sweeping every set) */
  double           share_deprived;
  guint            n_left;
} FpOptimisePoint;

void              fp_optimise_settings_init     (FpOptimiseSettings       *settings);
void              fp_optimise_settings_clear    (FpOptimiseSettings       *settings);
void              fp_optimise_settings_set_target (FpOptimiseSettings     *settings,
                                                 const char               *id,
                                                 double                    overall,
                                                 double                    deprived);

FpOptimiseResult *fp_optimise_solve             (const FpModel            *model,
                                                 const FpResults          *do_nothing,
                                                 const FpOptimiseSettings *settings,
                                                 FpOptimiseProgressFunc    progress,
                                                 gpointer                  user_data,
                                                 GCancellable             *cancellable,
                                                 GError                  **error)
                                                 G_GNUC_WARN_UNUSED_RESULT;
void              fp_optimise_result_free       (FpOptimiseResult         *result);
FpScenario       *fp_optimise_result_to_scenario (const FpOptimiseResult  *result,
                                                 const char               *name)
                                                 G_GNUC_WARN_UNUSED_RESULT;
GPtrArray        *fp_optimise_result_costs      (const FpOptimiseResult   *result,
                                                 const char               *name)
                                                 G_GNUC_WARN_UNUSED_RESULT;
gboolean          fp_optimise_save              (FpWorkspace              *workspace,
                                                 const FpOptimiseResult   *result,
                                                 const char               *name,
                                                 gboolean                  replace,
                                                 GError                  **error);
gboolean          fp_optimise_check             (const FpModel            *model,
                                                 const FpResults          *do_nothing,
                                                 const FpOptimiseSettings *settings,
                                                 const FpOptimiseResult   *result,
                                                 FpOptimiseCheck          *check,
                                                 GError                  **error);
void              fp_optimise_check_clear       (FpOptimiseCheck          *check);
GArray           *fp_optimise_sweep             (const FpModel            *model,
                                                 const FpResults          *do_nothing,
                                                 const FpOptimiseSettings *settings,
                                                 const char               *id,
                                                 gboolean                  deprived,
                                                 const double             *targets,
                                                 guint                     n_targets,
                                                 FpOptimiseProgressFunc    progress,
                                                 gpointer                  user_data,
                                                 GCancellable             *cancellable,
                                                 GError                  **error)
                                                 G_GNUC_WARN_UNUSED_RESULT;

const char       *fp_optimise_status_to_string  (FpOptimiseStatus          status);
const char       *fp_optimise_reason_to_string  (FpOptimiseReason          reason);
char             *fp_optimise_result_to_json    (const FpOptimiseResult   *result,
                                                 const FpOptimiseCheck    *check)
                                                 G_GNUC_WARN_UNUSED_RESULT;
char             *fp_optimise_result_to_text    (const FpOptimiseResult   *result,
                                                 const FpOptimiseCheck    *check)
                                                 G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpOptimiseResult, fp_optimise_result_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FpOptimiseSettings, fp_optimise_settings_clear)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FpOptimiseCheck, fp_optimise_check_clear)

G_END_DECLS
