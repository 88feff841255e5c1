/* fp-appraisal.h: the options appraisal (docs/model.md, "Appraisal").
 *
 * Options are scenarios, always with Do nothing first. For each option and year the
 * appraisal derives, from the engine's results, the revenue savings against Do nothing,
 * the running costs of sites left while their liability runs (dual running), capital
 * receipts, backlog avoided, capital costs (with optimism bias) and the transition and
 * capital costs entered for the option; then gross and risk-adjusted benefits, NPV and
 * risk-adjusted NPV, a benefits ledger that attributes every figure to the change that
 * caused it, the weighted scores of the critical success factors, a ranking and the
 * switching values of the discount rate and the optimism bias.
 *
 * Everything here is plain data (structs and arrays of doubles indexed by year, year 0
 * the base year) so the CLI, the workbook and a window view read the same figures. The
 * scoring and the costs entered for options are kept in the document by
 * fp-store-appraisal.c. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-change.h"
#include "fp-compute.h"
#include "fp-store.h"
#include "fp-workspace.h"

G_BEGIN_DECLS

/* Defaults when a document does not hold the assumption (HM Treasury Green Book). */
#define FP_APPRAISAL_DEFAULT_DISCOUNT_RATE            0.035
#define FP_APPRAISAL_DEFAULT_DISCOUNT_RATE_LONG       0.030
#define FP_APPRAISAL_DEFAULT_LONG_RATE_FROM_YEAR      31
#define FP_APPRAISAL_DEFAULT_OPTIMISM_BIAS            0.24

/* The ranges the sensitivity line searches for a switching value. */
#define FP_APPRAISAL_SENSITIVITY_RATE_MAX             0.10
#define FP_APPRAISAL_SENSITIVITY_BIAS_MAX             2.00

/**
 * FpAppraisalSettings:
 * @base_year: the price base year and year 0 of every cash flow
 * @n_years: years 0 to the horizon, inclusive (horizon + 1)
 * @discount_rate: the rate r_k of years 1 to @long_rate_from_year − 1
 * @discount_rate_long: the rate from year @long_rate_from_year on
 * @long_rate_from_year: the first year (counted from the base year) at the long rate
 * @optimism_bias: the uplift on capital costs (0.24 is 24%)
 *
 * The discount factor of year t is DF_t = Π_{k=1..t} 1 ÷ (1 + r_k).
 */
typedef struct
{
  int     base_year;
  guint   n_years;
  double  discount_rate;
  double  discount_rate_long;
  guint   long_rate_from_year;
  double  optimism_bias;
} FpAppraisalSettings;

/**
 * FpFlow:
 *
 * The lines of an option's cash flow, each by year in base-year prices, all but
 * transition and entered capital costs derived from the engine's results. Benefits are
 * positive when the option is better off than Do nothing; costs are positive amounts.
 */
typedef enum
{
  FP_FLOW_REVENUE_SAVINGS,    /* Do nothing's running cost − the option's (cash-releasing),
                                 already net of dual running */
  FP_FLOW_DUAL_RUNNING,       /* of which: running costs of sites left, until their
                                 liability ends (shown, already deducted above) */
  FP_FLOW_CAPITAL_RECEIPTS,   /* sale value − disposal costs, when retained */
  FP_FLOW_BACKLOG_AVOIDED,    /* backlog maintenance of sites left (non-cash-releasing) */
  FP_FLOW_CAPITAL_COSTS,      /* before optimism bias: sites opened, and entered */
  FP_FLOW_TRANSITION_COSTS,   /* one-off costs entered for the option */
  FP_N_FLOWS
} FpFlow;

typedef enum
{
  FP_COST_CAPITAL,
  FP_COST_TRANSITION,
  FP_N_COST_KINDS
} FpCostKind;

/**
 * FpAppraisalCost:
 *
 * A one-off cost a planner enters for an option (fit-out, decant, moving, IT, a capital
 * scheme the engine cannot see), in base-year prices.
 */
typedef struct
{
  char        *option;
  FpCostKind   kind;
  int          year;
  double       amount;     /* GBP, at least 0 */
  char        *note;
} FpAppraisalCost;

/**
 * FpCriterion:
 * @id: a stable key (`strategic_fit`, or one made from a user's name)
 * @name: what the user sees
 * @weight: 0 to 100; the weights of all criteria sum to 100
 */
typedef struct
{
  char   *id;
  char   *name;
  double  weight;
} FpCriterion;

typedef struct
{
  char   *option;
  char   *criterion;   /* its id */
  double  score;       /* 0 to 10 */
} FpScore;

/**
 * FpScoring:
 *
 * The critical success factors, their weights and each option's scores.
 */
typedef struct
{
  GPtrArray *criteria;   /* FpCriterion, in order */
  GPtrArray *scores;     /* FpScore */
} FpScoring;

/**
 * FpLedgerEntry:
 * @index: the change's position in the option's changes (1-based), or 0 for the costs
 *   entered for the option as a whole
 * @flows: [FP_N_FLOWS × n_years] this entry's share of each line (capital before
 *   optimism bias)
 * @benefits: [n_years] gross benefits: revenue savings + receipts + backlog avoided
 * @benefits_risk_adjusted: [n_years] @benefits × @confidence where positive; a negative
 *   benefit (a change that adds running cost) is kept whole
 *
 * What one change adds to the option: the figures of changes 1..k minus those of
 * changes 1..k−1, so the entries add up exactly to the option's totals.
 */
typedef struct
{
  guint          index;
  FpChangeKind   kind;          /* FP_N_CHANGE_KINDS for the entered costs */
  char          *description;
  char          *site;
  char          *owner;
  char          *note;
  int            year;
  double         confidence;
  double        *flows;
  double        *benefits;
  double        *benefits_risk_adjusted;
} FpLedgerEntry;

/**
 * FpOptionAppraisal:
 *
 * One option's cash flow. Arrays are [n_years] unless said; @flows is
 * [FP_N_FLOWS × n_years], line-major (fp_option_appraisal_flow() reads it).
 */
typedef struct
{
  char        *name;
  char        *description;
  GPtrArray   *changes;                  /* FpChange (copies), the effective changes */
  GPtrArray   *entered_costs;            /* FpAppraisalCost entered for it */
  FpResults   *results;                  /* the option's results, with its overrides */
  guint        n_years;
  double      *flows;
  double      *running_cost;             /* the option's total running cost */
  double      *benefits;                 /* gross */
  double      *benefits_risk_adjusted;
  double      *capital_costs_with_bias;  /* capital × (1 + optimism bias) */
  double      *costs;                    /* capital with bias + transition */
  double      *net;                      /* benefits − costs */
  double      *net_risk_adjusted;
  double       totals[FP_N_FLOWS];       /* undiscounted sums over the years */
  double       pv_benefits;
  double       pv_benefits_risk_adjusted;
  double       pv_costs;
  double       npv;
  double       npv_risk_adjusted;
  GPtrArray   *ledger;                   /* FpLedgerEntry */
  double       weighted_score;           /* 0 to 10; NAN when a criterion is unscored */
  guint        rank;                     /* 1 = best risk-adjusted NPV */
  guint        score_rank;               /* 1 = best weighted score; 0 when unscored */
} FpOptionAppraisal;

/**
 * FpSwitchingValue:
 * @base: the value the appraisal used
 * @low: @high: the range searched
 * @below: the highest value below @base at which another option becomes preferred,
 *   NAN when none in the range
 * @option_below: that option (index into the appraisal's options)
 * @above: the lowest value above @base at which another option becomes preferred, or NAN
 * @option_above: that option
 */
typedef struct
{
  double base;
  double low;
  double high;
  double below;
  guint  option_below;
  double above;
  guint  option_above;
} FpSwitchingValue;

typedef struct
{
  FpAppraisalSettings  settings;
  GPtrArray           *options;      /* FpOptionAppraisal; the first is Do nothing */
  FpScoring           *scoring;
  guint                preferred;    /* index into options: rank 1, first of equals */
  FpSwitchingValue     discount_rate;
  FpSwitchingValue     optimism_bias;

  /*< private >*/
  GPtrArray           *overrides;    /* kept alive for the results' borrowed overrides */
} FpAppraisal;

/* ---- Settings and discounting ------------------------------------------------------ */

void          fp_appraisal_settings_init      (FpAppraisalSettings       *settings,
                                               const FpModel             *model);
double        fp_appraisal_rate_for_year      (const FpAppraisalSettings *settings,
                                               guint                      year);
double        fp_appraisal_discount_factor    (const FpAppraisalSettings *settings,
                                               guint                      year);
double        fp_appraisal_npv                (const FpAppraisalSettings *settings,
                                               const double              *net,
                                               guint                      n_years);

/* ---- One option ------------------------------------------------------------------------ */

void          fp_appraisal_result_lines       (const FpResults           *results,
                                               const FpResults           *do_nothing,
                                               double                    *lines);
FpOptionAppraisal *fp_option_appraisal_compute (const FpModel            *model,
                                               const FpAppraisalSettings *settings,
                                               const char                *name,
                                               GPtrArray                 *changes,
                                               const FpResults           *do_nothing,
                                               GPtrArray                 *costs,
                                               GError                   **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
void          fp_option_appraisal_free        (FpOptionAppraisal         *option);
double       *fp_option_appraisal_flow        (const FpOptionAppraisal   *option,
                                               FpFlow                     flow);
double        fp_option_appraisal_npv_at      (const FpOptionAppraisal   *option,
                                               const FpAppraisalSettings *settings,
                                               gboolean                   risk_adjusted);
void          fp_ledger_entry_free            (FpLedgerEntry             *entry);
const char   *fp_flow_to_string               (FpFlow                     flow);
const char   *fp_flow_to_label                (FpFlow                     flow);

/* ---- Scoring ---------------------------------------------------------------------------- */

FpScoring    *fp_scoring_new                  (void) G_GNUC_WARN_UNUSED_RESULT;
FpScoring    *fp_scoring_new_default          (void) G_GNUC_WARN_UNUSED_RESULT;
FpScoring    *fp_scoring_copy                 (const FpScoring           *scoring)
                                               G_GNUC_WARN_UNUSED_RESULT;
void          fp_scoring_free                 (FpScoring                 *scoring);
FpCriterion  *fp_scoring_find_criterion       (const FpScoring           *scoring,
                                               const char                *id_or_name);
gboolean      fp_scoring_add_criterion        (FpScoring                 *scoring,
                                               const char                *name,
                                               double                     weight,
                                               GError                   **error);
gboolean      fp_scoring_remove_criterion     (FpScoring                 *scoring,
                                               const char                *id_or_name,
                                               GError                   **error);
gboolean      fp_scoring_set_weight           (FpScoring                 *scoring,
                                               const char                *id_or_name,
                                               double                     weight,
                                               GError                   **error);
gboolean      fp_scoring_set_score            (FpScoring                 *scoring,
                                               const char                *option,
                                               const char                *id_or_name,
                                               double                     score,
                                               GError                   **error);
gboolean      fp_scoring_get_score            (const FpScoring           *scoring,
                                               const char                *option,
                                               const char                *criterion_id,
                                               double                    *score);
gboolean      fp_scoring_check                (const FpScoring           *scoring,
                                               GError                   **error);
double        fp_scoring_weighted_score       (const FpScoring           *scoring,
                                               const char                *option);

/* ---- Costs entered for options --------------------------------------------------------- */

FpAppraisalCost *fp_appraisal_cost_new        (const char                *option,
                                               FpCostKind                 kind,
                                               int                        year,
                                               double                     amount,
                                               const char                *note)
                                               G_GNUC_WARN_UNUSED_RESULT;
void          fp_appraisal_cost_free          (FpAppraisalCost           *cost);
const char   *fp_cost_kind_to_string          (FpCostKind                 kind);
gboolean      fp_cost_kind_from_string        (const char                *str,
                                               FpCostKind                *out);

/* ---- The appraisal ---------------------------------------------------------------------- */

FpAppraisal  *fp_appraisal_compute            (const FpModel             *model,
                                               const FpAppraisalSettings *settings,
                                               const char * const        *names,
                                               GPtrArray * const         *changes,
                                               GPtrArray                 *costs,
                                               const FpScoring           *scoring,
                                               GError                   **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
FpAppraisal  *fp_appraisal_compute_for_workspace (FpWorkspace           *workspace,
                                               const char * const        *options,
                                               GError                   **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
void          fp_appraisal_free               (FpAppraisal               *appraisal);
void          fp_appraisal_rank               (FpAppraisal               *appraisal);
void          fp_appraisal_find_switching_values (FpAppraisal            *appraisal);
char         *fp_appraisal_describe_sensitivity (const FpAppraisal       *appraisal)
                                               G_GNUC_WARN_UNUSED_RESULT;
char         *fp_appraisal_to_json            (const FpAppraisal         *appraisal)
                                               G_GNUC_WARN_UNUSED_RESULT;
char         *fp_appraisal_to_text            (const FpAppraisal         *appraisal)
                                               G_GNUC_WARN_UNUSED_RESULT;

/* ---- Series for charts and tables (views read these; they compute nothing) ------------ */

double       *fp_option_appraisal_cumulative_npv (const FpOptionAppraisal *option,
                                               const FpAppraisalSettings *settings,
                                               gboolean                   risk_adjusted)
                                               G_GNUC_WARN_UNUSED_RESULT;
double        fp_ledger_entry_total           (const FpLedgerEntry       *entry,
                                               guint                      n_years,
                                               gboolean                   risk_adjusted);

/* ---- In the document (fp-store-appraisal.c) ------------------------------------------ */

FpScoring    *fp_store_load_scoring           (FpStore                   *store,
                                               GError                   **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
gboolean      fp_store_save_scoring           (FpStore                   *store,
                                               const FpScoring           *scoring,
                                               const char                *author,
                                               GError                   **error);
GPtrArray    *fp_store_load_appraisal_costs   (FpStore                   *store,
                                               GError                   **error)
                                               G_GNUC_WARN_UNUSED_RESULT;
gboolean      fp_store_add_appraisal_cost     (FpStore                   *store,
                                               const FpAppraisalCost     *cost,
                                               const char                *author,
                                               GError                   **error);
gboolean      fp_store_clear_appraisal_costs  (FpStore                   *store,
                                               const char                *option,
                                               GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpOptionAppraisal, fp_option_appraisal_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpScoring, fp_scoring_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpAppraisalCost, fp_appraisal_cost_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpAppraisal, fp_appraisal_free)

G_END_DECLS
