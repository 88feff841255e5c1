/* fp-appraisal.c: the options appraisal of docs/model.md ("Appraisal").
 *
 * Every figure comes from the engine's results: an option's line in year t is its
 * results minus Do nothing's. To say which change earned what, the option's changes are
 * applied one at a time and the results computed after each: change k's share of a line
 * is the figure of changes 1..k minus that of changes 1..k−1, so the ledger adds up to
 * the option's totals by construction, and the option's totals are those `compute`
 * shows for the whole scenario.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-appraisal"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "fp-json-private.h"
#include "fp-appraisal.h"
#include "fp-error.h"
#include "fp-export.h"
#include "fp-format.h"
#include "fp-scenario.h"

/* Weights are entered by hand: they sum to 100 within this. */
#define WEIGHT_TOLERANCE 1e-6

/* The sensitivity search steps through its range this finely, then bisects a switch. */
#define RATE_STEP 0.0005
#define BIAS_STEP 0.005
#define BISECTIONS 48

static const char * const flow_names[FP_N_FLOWS] = {
  "revenue_savings", "dual_running_costs", "capital_receipts", "backlog_avoided",
  "capital_costs", "transition_costs",
};

static const char * const flow_labels[FP_N_FLOWS] = {
  N_("Revenue savings against Do nothing (cash-releasing)"),
  N_("of which: running costs of sites left, until their liability ends"),
  N_("Capital receipts"),
  N_("Backlog maintenance avoided (non-cash-releasing)"),
  N_("Capital costs, before optimism bias"),
  N_("Transition costs"),
};

static const char * const cost_kind_names[FP_N_COST_KINDS] = { "capital", "transition" };

/* The five critical success factors of the Green Book's five case model. */
static const struct
{
  const char *id;
  const char *name;
} default_criteria[] = {
  { "strategic_fit", N_("Strategic fit") },
  { "value_for_money", N_("Value for money") },
  { "supplier_capacity", N_("Supplier capacity") },
  { "affordability", N_("Affordability") },
  { "achievability", N_("Achievability") },
};

/**
 * fp_flow_to_string:
 * @flow: a line of a cash flow
 *
 * Returns: its name in JSON keys (`revenue_savings`, `capital_costs`, ...)
 */
const char *
fp_flow_to_string (FpFlow flow)
{
  g_return_val_if_fail ((guint) flow < FP_N_FLOWS, NULL);
  return flow_names[flow];
}

/**
 * fp_flow_to_label:
 * @flow: a line of a cash flow
 *
 * Returns: its label for people, translated
 */
const char *
fp_flow_to_label (FpFlow flow)
{
  g_return_val_if_fail ((guint) flow < FP_N_FLOWS, NULL);
  return _(flow_labels[flow]);
}

/**
 * fp_cost_kind_to_string:
 * @kind: a kind of entered cost
 *
 * Returns: `capital` or `transition`, as the document stores it
 */
const char *
fp_cost_kind_to_string (FpCostKind kind)
{
  g_return_val_if_fail ((guint) kind < FP_N_COST_KINDS, NULL);
  return cost_kind_names[kind];
}

/**
 * fp_cost_kind_from_string:
 * @str: `capital` or `transition`
 * @out: (out): the kind
 *
 * Returns: %FALSE for any other word
 */
gboolean
fp_cost_kind_from_string (const char *str,
                          FpCostKind *out)
{
  guint i;

  if (!fp_vocabulary_lookup (cost_kind_names, FP_N_COST_KINDS, str, &i))
    return FALSE;

  *out = i;
  return TRUE;
}

/* ---- Settings and discounting ------------------------------------------------------ */

/**
 * fp_appraisal_settings_init:
 * @settings: (out caller-allocates): the settings to fill
 * @model: the model whose estate holds the assumptions
 *
 * Reads `discount_rate`, `discount_rate_long`, `discount_rate_long_from_year` and
 * `optimism_bias` from the document's assumptions (the Green Book defaults when one is
 * absent); the horizon and base year are the model's.
 */
void
fp_appraisal_settings_init (FpAppraisalSettings *settings,
                            const FpModel       *model)
{
  const FpEstate *estate = fp_model_get_estate (model);
  double from;

  settings->base_year = fp_model_get_base_year (model);
  settings->n_years = fp_model_get_n_years (model);
  settings->discount_rate = fp_estate_get_assumption (estate, "discount_rate",
                                                      FP_APPRAISAL_DEFAULT_DISCOUNT_RATE);
  settings->discount_rate_long =
    fp_estate_get_assumption (estate, "discount_rate_long",
                              FP_APPRAISAL_DEFAULT_DISCOUNT_RATE_LONG);
  from = fp_estate_get_assumption (estate, "discount_rate_long_from_year",
                                   FP_APPRAISAL_DEFAULT_LONG_RATE_FROM_YEAR);
  settings->long_rate_from_year = from >= 1 ? (guint) from : 1;
  settings->optimism_bias = fp_estate_get_assumption (estate, "optimism_bias",
                                                      FP_APPRAISAL_DEFAULT_OPTIMISM_BIAS);
}

/**
 * fp_appraisal_rate_for_year:
 * @settings: the settings
 * @year: k, counted from the base year (k ≥ 1)
 *
 * Returns: r_k, the discount rate that takes year k − 1 to year k
 */
double
fp_appraisal_rate_for_year (const FpAppraisalSettings *settings,
                            guint                      year)
{
  return year >= settings->long_rate_from_year ? settings->discount_rate_long
                                               : settings->discount_rate;
}

/**
 * fp_appraisal_discount_factor:
 * @settings: the settings
 * @year: t, counted from the base year (0 is the base year)
 *
 * Returns: DF_t = Π_{k=1..t} 1 ÷ (1 + r_k); 1 in the base year
 */
double
fp_appraisal_discount_factor (const FpAppraisalSettings *settings,
                              guint                      year)
{
  double df = 1.0;

  for (guint k = 1; k <= year; k++)
    df /= 1.0 + fp_appraisal_rate_for_year (settings, k);

  return df;
}

/**
 * fp_appraisal_npv:
 * @settings: the settings
 * @net: (array length=n_years): a net cash flow by year, year 0 the base year
 * @n_years: its length
 *
 * Returns: Σ_t net_t × DF_t
 */
double
fp_appraisal_npv (const FpAppraisalSettings *settings,
                  const double              *net,
                  guint                      n_years)
{
  double npv = 0, df = 1.0;

  for (guint t = 0; t < n_years; t++)
    {
      if (t > 0)
        df /= 1.0 + fp_appraisal_rate_for_year (settings, t);
      npv += net[t] * df;
    }

  return npv;
}

/* ---- One option ------------------------------------------------------------------------ */

#define LINE(lines, flow, n_years, y) ((lines)[(gsize) (flow) * (n_years) + (y)])

/**
 * fp_appraisal_result_lines:
 * @results: a scenario's results
 * @do_nothing: Do nothing's results
 * @lines: (out caller-allocates) (array): [FP_N_FLOWS × n_years], line-major
 *
 * The lines of a cash flow the engine's results give, against Do nothing: revenue
 * savings (Do nothing's running cost minus the scenario's, which already counts what
 * sites left still cost), of which the running costs of sites left while their liability
 * runs, capital receipts, backlog avoided and capital costs (before optimism bias).
 * Transition costs are entered, not computed: that line is 0.
 */
void
fp_appraisal_result_lines (const FpResults *results,
                           const FpResults *do_nothing,
                           double          *lines)
{
  guint ny = results->n_years;

  g_return_if_fail (do_nothing->n_years == ny);

  memset (lines, 0, sizeof (double) * FP_N_FLOWS * ny);

  for (guint y = 0; y < ny; y++)
    {
      const FpYearTotals *t = &results->totals[y];
      int year = results->base_year + (int) y;
      double dual = 0;

      for (guint s = 0; s < results->n_sites; s++)
        {
          const FpResultSite *site = &results->sites[s];
          const FpSiteYear *sy;

          if (site->exit_year == 0 || year < site->exit_year)
            continue;
          sy = fp_results_get (results, s, y);
          if (sy->held)
            dual += sy->running_cost;
        }

      LINE (lines, FP_FLOW_REVENUE_SAVINGS, ny, y) =
        do_nothing->totals[y].running_cost - t->running_cost;
      LINE (lines, FP_FLOW_DUAL_RUNNING, ny, y) = dual;
      LINE (lines, FP_FLOW_CAPITAL_RECEIPTS, ny, y) = t->capital_receipts;
      LINE (lines, FP_FLOW_BACKLOG_AVOIDED, ny, y) = t->backlog_avoided;
      LINE (lines, FP_FLOW_CAPITAL_COSTS, ny, y) = t->capital_costs;
    }
}

/**
 * fp_ledger_entry_free:
 * @entry: (nullable) (transfer full): a ledger entry
 */
void
fp_ledger_entry_free (FpLedgerEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->description);
  g_free (entry->site);
  g_free (entry->owner);
  g_free (entry->note);
  g_free (entry->flows);
  g_free (entry->benefits);
  g_free (entry->benefits_risk_adjusted);
  g_free (entry);
}

static FpLedgerEntry *
ledger_entry_new (guint n_years)
{
  FpLedgerEntry *entry = g_new0 (FpLedgerEntry, 1);

  entry->kind = FP_N_CHANGE_KINDS;
  entry->confidence = 1.0;
  entry->flows = g_new0 (double, (gsize) FP_N_FLOWS * n_years);
  entry->benefits = g_new0 (double, n_years);
  entry->benefits_risk_adjusted = g_new0 (double, n_years);
  return entry;
}

/* Gross benefits of an entry, and the risk-adjusted ones: a benefit counts in proportion
 * to the change's confidence, but a dis-benefit (a change that adds running cost) counts
 * whole, so doubt never makes an option look better. */
static void
ledger_entry_finish (FpLedgerEntry *entry,
                     guint          n_years)
{
  for (guint y = 0; y < n_years; y++)
    {
      double b = LINE (entry->flows, FP_FLOW_REVENUE_SAVINGS, n_years, y) +
                 LINE (entry->flows, FP_FLOW_CAPITAL_RECEIPTS, n_years, y) +
                 LINE (entry->flows, FP_FLOW_BACKLOG_AVOIDED, n_years, y);

      entry->benefits[y] = b;
      entry->benefits_risk_adjusted[y] = b > 0 ? b * entry->confidence : b;
    }
}

/**
 * fp_option_appraisal_free:
 * @option: (nullable) (transfer full): an option's appraisal, with its results
 */
void
fp_option_appraisal_free (FpOptionAppraisal *option)
{
  if (option == NULL)
    return;

  g_free (option->name);
  g_free (option->description);
  g_clear_pointer (&option->changes, g_ptr_array_unref);
  g_clear_pointer (&option->entered_costs, g_ptr_array_unref);
  g_clear_pointer (&option->results, fp_results_free);
  g_free (option->flows);
  g_free (option->running_cost);
  g_free (option->benefits);
  g_free (option->benefits_risk_adjusted);
  g_free (option->capital_costs_with_bias);
  g_free (option->costs);
  g_free (option->net);
  g_free (option->net_risk_adjusted);
  g_clear_pointer (&option->ledger, g_ptr_array_unref);
  g_free (option);
}

/**
 * fp_option_appraisal_flow:
 * @option: an option
 * @flow: a line
 *
 * Returns: (transfer none) (array): the line by year
 */
double *
fp_option_appraisal_flow (const FpOptionAppraisal *option,
                          FpFlow                   flow)
{
  g_return_val_if_fail ((guint) flow < FP_N_FLOWS, NULL);
  return option->flows + (gsize) flow * option->n_years;
}

/**
 * fp_option_appraisal_npv_at:
 * @option: an option's appraisal
 * @settings: settings that may differ from the appraisal's (another discount rate or
 *   optimism bias; the same years)
 * @risk_adjusted: whether to use the risk-adjusted benefits
 *
 * Returns: the option's NPV under @settings, from its benefits, capital and transition
 *   costs by year (what the sensitivity search and the workbook's recalculation give)
 */
double
fp_option_appraisal_npv_at (const FpOptionAppraisal   *option,
                            const FpAppraisalSettings *settings,
                            gboolean                   risk_adjusted)
{
  const double *capital = fp_option_appraisal_flow (option, FP_FLOW_CAPITAL_COSTS);
  const double *transition = fp_option_appraisal_flow (option, FP_FLOW_TRANSITION_COSTS);
  const double *benefits = risk_adjusted ? option->benefits_risk_adjusted : option->benefits;
  double npv = 0, df = 1.0;

  for (guint t = 0; t < option->n_years; t++)
    {
      if (t > 0)
        df /= 1.0 + fp_appraisal_rate_for_year (settings, t);
      npv += df * (benefits[t] - capital[t] * (1.0 + settings->optimism_bias) - transition[t]);
    }

  return npv;
}

/* Adds the costs entered for the option as one ledger entry (index 0). */
static gboolean
add_entered_costs (FpOptionAppraisal         *option,
                   const FpAppraisalSettings *settings,
                   GError                   **error)
{
  guint ny = settings->n_years;
  FpLedgerEntry *entry;

  if (option->entered_costs == NULL || option->entered_costs->len == 0)
    return TRUE;

  entry = ledger_entry_new (ny);
  entry->index = 0;
  entry->description = g_strdup (_("Costs entered for the option"));
  for (guint i = 0; i < option->entered_costs->len; i++)
    {
      const FpAppraisalCost *c = g_ptr_array_index (option->entered_costs, i);
      int y = c->year - settings->base_year;
      FpFlow flow = c->kind == FP_COST_CAPITAL ? FP_FLOW_CAPITAL_COSTS
                                               : FP_FLOW_TRANSITION_COSTS;

      if (y < 0 || y >= (int) ny)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("Option “%s”: the %s cost entered for %d is outside the horizon "
                         "%d to %d"), option->name, fp_cost_kind_to_string (c->kind), c->year,
                       settings->base_year, settings->base_year + (int) ny - 1);
          fp_ledger_entry_free (entry);
          return FALSE;
        }
      LINE (entry->flows, flow, ny, y) += c->amount;
    }

  ledger_entry_finish (entry, ny);
  g_ptr_array_add (option->ledger, entry);
  return TRUE;
}

/* Totals, benefits, costs, net and NPVs of an option from its ledger. */
static void
option_finish (FpOptionAppraisal         *o,
               const FpAppraisalSettings *settings)
{
  guint ny = o->n_years;
  const double *capital, *transition;

  for (guint i = 0; i < o->ledger->len; i++)
    {
      const FpLedgerEntry *e = g_ptr_array_index (o->ledger, i);

      for (gsize j = 0; j < (gsize) FP_N_FLOWS * ny; j++)
        o->flows[j] += e->flows[j];
      for (guint y = 0; y < ny; y++)
        {
          o->benefits[y] += e->benefits[y];
          o->benefits_risk_adjusted[y] += e->benefits_risk_adjusted[y];
        }
    }

  capital = fp_option_appraisal_flow (o, FP_FLOW_CAPITAL_COSTS);
  transition = fp_option_appraisal_flow (o, FP_FLOW_TRANSITION_COSTS);
  for (guint f = 0; f < FP_N_FLOWS; f++)
    {
      o->totals[f] = 0;
      for (guint y = 0; y < ny; y++)
        o->totals[f] += LINE (o->flows, f, ny, y);
    }

  for (guint y = 0; y < ny; y++)
    {
      o->capital_costs_with_bias[y] = capital[y] * (1.0 + settings->optimism_bias);
      o->costs[y] = o->capital_costs_with_bias[y] + transition[y];
      o->net[y] = o->benefits[y] - o->costs[y];
      o->net_risk_adjusted[y] = o->benefits_risk_adjusted[y] - o->costs[y];
    }

  o->pv_benefits = fp_appraisal_npv (settings, o->benefits, ny);
  o->pv_benefits_risk_adjusted = fp_appraisal_npv (settings, o->benefits_risk_adjusted, ny);
  o->pv_costs = fp_appraisal_npv (settings, o->costs, ny);
  o->npv = fp_appraisal_npv (settings, o->net, ny);
  o->npv_risk_adjusted = fp_appraisal_npv (settings, o->net_risk_adjusted, ny);
}

/**
 * fp_option_appraisal_compute:
 * @model: the baseline
 * @settings: the appraisal's settings (its n_years must be the model's)
 * @name: the option's name
 * @changes: (element-type FpChange) (nullable): the option's effective changes, in order
 * @do_nothing: Do nothing's results
 * @costs: (element-type FpAppraisalCost) (nullable): the costs entered for this option
 * @error: return location for an error
 *
 * Applies the changes one at a time, computing the results after each, and attributes
 * every line of the cash flow to the change that moved it.
 *
 * Returns: (transfer full) (nullable): the option's appraisal; its results are those of
 *   all its changes (without category overrides)
 */
FpOptionAppraisal *
fp_option_appraisal_compute (const FpModel             *model,
                             const FpAppraisalSettings *settings,
                             const char                *name,
                             GPtrArray                 *changes,
                             const FpResults           *do_nothing,
                             GPtrArray                 *costs,
                             GError                   **error)
{
  g_autoptr(FpOptionAppraisal) o = g_new0 (FpOptionAppraisal, 1);
  g_autoptr(FpEngine) engine = fp_engine_new (model);
  guint ny = settings->n_years, n = changes != NULL ? changes->len : 0;
  gsize n_lines = (gsize) FP_N_FLOWS * ny;
  g_autofree double *prev = g_new0 (double, n_lines);
  g_autofree double *cur = g_new0 (double, n_lines);
  const FpEstate *estate = fp_model_get_estate (model);

  g_return_val_if_fail (ny == fp_model_get_n_years (model), NULL);
  g_return_val_if_fail (do_nothing != NULL && do_nothing->n_years == ny, NULL);

  o->name = g_strdup (name);
  o->n_years = ny;
  o->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  o->entered_costs = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_appraisal_cost_free);
  o->ledger = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_ledger_entry_free);
  o->flows = g_new0 (double, n_lines);
  o->running_cost = g_new0 (double, ny);
  o->benefits = g_new0 (double, ny);
  o->benefits_risk_adjusted = g_new0 (double, ny);
  o->capital_costs_with_bias = g_new0 (double, ny);
  o->costs = g_new0 (double, ny);
  o->net = g_new0 (double, ny);
  o->net_risk_adjusted = g_new0 (double, ny);
  o->weighted_score = NAN;

  for (guint i = 0; costs != NULL && i < costs->len; i++)
    {
      const FpAppraisalCost *c = g_ptr_array_index (costs, i);

      g_ptr_array_add (o->entered_costs, fp_appraisal_cost_new (c->option, c->kind, c->year,
                                                        c->amount, c->note));
    }

  fp_appraisal_result_lines (do_nothing, do_nothing, prev);

  for (guint k = 0; k < n; k++)
    {
      const FpChange *change = g_ptr_array_index (changes, k);
      g_autoptr(FpResults) res = NULL;
      FpLedgerEntry *entry;

      if (!fp_engine_apply (engine, change, error))
        {
          g_prefix_error (error, _("Option “%s”, change %u: "), name, k + 1);
          return NULL;
        }

      res = fp_engine_compute (engine, do_nothing);
      fp_appraisal_result_lines (res, do_nothing, cur);

      entry = ledger_entry_new (ny);
      entry->index = k + 1;
      entry->kind = change->kind;
      entry->description = fp_change_describe (change, estate);
      entry->site = g_strdup (fp_change_primary_site (change));
      entry->owner = g_strdup (change->owner);
      entry->note = g_strdup (change->note);
      entry->year = change->year;
      entry->confidence = change->confidence;
      for (gsize j = 0; j < n_lines; j++)
        entry->flows[j] = cur[j] - prev[j];
      ledger_entry_finish (entry, ny);
      g_ptr_array_add (o->ledger, entry);
      g_ptr_array_add (o->changes, fp_change_copy (change));

      if (k + 1 == n)
        o->results = g_steal_pointer (&res);

      memcpy (prev, cur, sizeof (double) * n_lines);
    }

  if (o->results == NULL)
    o->results = fp_engine_compute (engine, do_nothing);

  for (guint y = 0; y < ny; y++)
    o->running_cost[y] = o->results->totals[y].running_cost;

  if (!add_entered_costs (o, settings, error))
    return NULL;

  option_finish (o, settings);
  return g_steal_pointer (&o);
}

/* ---- Scoring ---------------------------------------------------------------------------- */

static void
criterion_free (FpCriterion *c)
{
  g_free (c->id);
  g_free (c->name);
  g_free (c);
}

static void
score_free (FpScore *s)
{
  g_free (s->option);
  g_free (s->criterion);
  g_free (s);
}

static FpCriterion *
criterion_new (const char *id,
               const char *name,
               double      weight)
{
  FpCriterion *c = g_new0 (FpCriterion, 1);

  c->id = g_strdup (id);
  c->name = g_strdup (name);
  c->weight = weight;
  return c;
}

/**
 * fp_scoring_new:
 *
 * Returns: (transfer full): a scoring with no criteria and no scores
 */
FpScoring *
fp_scoring_new (void)
{
  FpScoring *scoring = g_new0 (FpScoring, 1);

  scoring->criteria = g_ptr_array_new_with_free_func ((GDestroyNotify) criterion_free);
  scoring->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) score_free);
  return scoring;
}

/**
 * fp_scoring_new_default:
 *
 * Returns: (transfer full): the Green Book's five critical success factors, weighted
 *   equally (20 each), with no scores
 */
FpScoring *
fp_scoring_new_default (void)
{
  FpScoring *scoring = fp_scoring_new ();

  for (guint i = 0; i < G_N_ELEMENTS (default_criteria); i++)
    g_ptr_array_add (scoring->criteria,
                     criterion_new (default_criteria[i].id, _(default_criteria[i].name),
                                    100.0 / G_N_ELEMENTS (default_criteria)));
  return scoring;
}

/**
 * fp_scoring_copy:
 * @scoring: a scoring
 *
 * Returns: (transfer full): a deep copy
 */
FpScoring *
fp_scoring_copy (const FpScoring *scoring)
{
  FpScoring *copy = fp_scoring_new ();

  for (guint i = 0; i < scoring->criteria->len; i++)
    {
      const FpCriterion *c = g_ptr_array_index (scoring->criteria, i);

      g_ptr_array_add (copy->criteria, criterion_new (c->id, c->name, c->weight));
    }
  for (guint i = 0; i < scoring->scores->len; i++)
    {
      const FpScore *s = g_ptr_array_index (scoring->scores, i);
      FpScore *d = g_new0 (FpScore, 1);

      d->option = g_strdup (s->option);
      d->criterion = g_strdup (s->criterion);
      d->score = s->score;
      g_ptr_array_add (copy->scores, d);
    }

  return copy;
}

/**
 * fp_scoring_free:
 * @scoring: (nullable) (transfer full): a scoring
 */
void
fp_scoring_free (FpScoring *scoring)
{
  if (scoring == NULL)
    return;

  g_ptr_array_unref (scoring->criteria);
  g_ptr_array_unref (scoring->scores);
  g_free (scoring);
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_strcmp0 (fa, fb) == 0;
}

/**
 * fp_scoring_find_criterion:
 * @scoring: a scoring
 * @id_or_name: a criterion's id or its name (in any case)
 *
 * Returns: (transfer none) (nullable): the criterion
 */
FpCriterion *
fp_scoring_find_criterion (const FpScoring *scoring,
                           const char      *id_or_name)
{
  if (id_or_name == NULL)
    return NULL;

  for (guint i = 0; i < scoring->criteria->len; i++)
    {
      FpCriterion *c = g_ptr_array_index (scoring->criteria, i);

      if (g_str_equal (c->id, id_or_name) || same_name (c->name, id_or_name))
        return c;
    }

  return NULL;
}

static gboolean
criterion_not_found (const char *id_or_name,
                     GError    **error)
{
  g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
               _("There is no criterion “%s”"), id_or_name);
  return FALSE;
}

/* An id made from a name: lower case, runs of anything else than letters and digits
 * turned into one underscore ("Equity of access" → "equity_of_access"). */
static char *
make_id (const char *name)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  GString *id = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isalnum (ch))
        g_string_append_unichar (id, ch);
      else if (id->len > 0 && id->str[id->len - 1] != '_')
        g_string_append_c (id, '_');
    }
  while (id->len > 0 && id->str[id->len - 1] == '_')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, "criterion");

  return g_string_free (id, FALSE);
}

/**
 * fp_scoring_add_criterion:
 * @scoring: a scoring
 * @name: the new criterion's name
 * @weight: its weight, 0 to 100 (the caller sets the others so they sum to 100)
 * @error: return location for an error
 *
 * Returns: %TRUE if added; a name already used or out-of-range weight is refused
 */
gboolean
fp_scoring_add_criterion (FpScoring  *scoring,
                          const char *name,
                          double      weight,
                          GError    **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *id = NULL;

  if (*trimmed == '\0')
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT, _("A criterion needs a name"));
      return FALSE;
    }
  if (fp_scoring_find_criterion (scoring, trimmed) != NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                   _("There is already a criterion “%s”"), trimmed);
      return FALSE;
    }
  if (!(weight >= 0 && weight <= 100))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The weight of “%s” is %g; a weight is 0 to 100"), trimmed, weight);
      return FALSE;
    }

  id = make_id (trimmed);
  /* Keep ids unique even when two names make the same one. */
  for (guint n = 2; fp_scoring_find_criterion (scoring, id) != NULL; n++)
    {
      g_autofree char *base = make_id (trimmed);

      g_free (id);
      id = g_strdup_printf ("%s_%u", base, n);
    }

  g_ptr_array_add (scoring->criteria, criterion_new (id, trimmed, weight));
  return TRUE;
}

/**
 * fp_scoring_remove_criterion:
 * @scoring: a scoring
 * @id_or_name: the criterion
 * @error: return location for an error
 *
 * Removes a criterion and every score against it (the caller rebalances the weights).
 *
 * Returns: %TRUE if removed; an unknown criterion is refused
 */
gboolean
fp_scoring_remove_criterion (FpScoring  *scoring,
                             const char *id_or_name,
                             GError    **error)
{
  FpCriterion *c = fp_scoring_find_criterion (scoring, id_or_name);
  g_autofree char *id = NULL;

  if (c == NULL)
    return criterion_not_found (id_or_name, error);

  id = g_strdup (c->id);
  for (guint i = scoring->scores->len; i > 0; i--)
    {
      const FpScore *s = g_ptr_array_index (scoring->scores, i - 1);

      if (g_str_equal (s->criterion, id))
        g_ptr_array_remove_index (scoring->scores, i - 1);
    }
  g_ptr_array_remove (scoring->criteria, c);
  return TRUE;
}

/**
 * fp_scoring_set_weight:
 * @scoring: a scoring
 * @id_or_name: a criterion
 * @weight: 0 to 100
 * @error: return location for an error
 *
 * Sets one weight; whether the weights then sum to 100 is fp_scoring_check()'s to say,
 * so several can be changed in turn.
 *
 * Returns: %TRUE if set; an unknown criterion or a weight outside 0 to 100 is refused
 */
gboolean
fp_scoring_set_weight (FpScoring  *scoring,
                       const char *id_or_name,
                       double      weight,
                       GError    **error)
{
  FpCriterion *c = fp_scoring_find_criterion (scoring, id_or_name);

  if (c == NULL)
    return criterion_not_found (id_or_name, error);
  if (!(weight >= 0 && weight <= 100))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The weight of “%s” is %g; a weight is 0 to 100"), c->name, weight);
      return FALSE;
    }

  c->weight = weight;
  return TRUE;
}

static FpScore *
find_score (const FpScoring *scoring,
            const char      *option,
            const char      *criterion_id)
{
  for (guint i = 0; i < scoring->scores->len; i++)
    {
      FpScore *s = g_ptr_array_index (scoring->scores, i);

      if (g_str_equal (s->criterion, criterion_id) && same_name (s->option, option))
        return s;
    }

  return NULL;
}

/**
 * fp_scoring_set_score:
 * @scoring: a scoring
 * @option: the option's name
 * @id_or_name: the criterion
 * @score: 0 to 10
 * @error: return location for an error
 *
 * Returns: %TRUE if set; an unknown criterion or a score outside 0 to 10 is refused
 */
gboolean
fp_scoring_set_score (FpScoring  *scoring,
                      const char *option,
                      const char *id_or_name,
                      double      score,
                      GError    **error)
{
  FpCriterion *c = fp_scoring_find_criterion (scoring, id_or_name);
  FpScore *s;

  if (c == NULL)
    return criterion_not_found (id_or_name, error);
  if (option == NULL || *option == '\0')
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT, _("A score needs an option"));
      return FALSE;
    }
  if (!(score >= 0 && score <= 10))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The score of “%s” against “%s” is %g; a score is 0 to 10"), option,
                   c->name, score);
      return FALSE;
    }

  s = find_score (scoring, option, c->id);
  if (s == NULL)
    {
      s = g_new0 (FpScore, 1);
      s->option = g_strdup (option);
      s->criterion = g_strdup (c->id);
      g_ptr_array_add (scoring->scores, s);
    }
  s->score = score;
  return TRUE;
}

/**
 * fp_scoring_get_score:
 * @scoring: a scoring
 * @option: an option's name (any case)
 * @criterion_id: a criterion's id
 * @score: (out): the score, when there is one
 *
 * Returns: whether the option has a score against the criterion (by id)
 */
gboolean
fp_scoring_get_score (const FpScoring *scoring,
                      const char      *option,
                      const char      *criterion_id,
                      double          *score)
{
  const FpScore *s = find_score (scoring, option, criterion_id);

  if (s == NULL)
    return FALSE;

  *score = s->score;
  return TRUE;
}

/**
 * fp_scoring_check:
 * @scoring: a scoring
 * @error: return location for an error
 *
 * The rules a scoring keeps before it is saved or used: at least one criterion, each
 * with a name used once and a weight of 0 to 100, the weights summing to 100; every
 * score 0 to 10 against a criterion that exists.
 *
 * Returns: %TRUE if it keeps them
 */
gboolean
fp_scoring_check (const FpScoring *scoring,
                  GError         **error)
{
  double sum = 0;

  if (scoring->criteria->len == 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The scoring needs at least one critical success factor"));
      return FALSE;
    }

  for (guint i = 0; i < scoring->criteria->len; i++)
    {
      const FpCriterion *c = g_ptr_array_index (scoring->criteria, i);

      if (c->name == NULL || *c->name == '\0')
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("Criterion %u has no name"), i + 1);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          const FpCriterion *d = g_ptr_array_index (scoring->criteria, j);

          if (same_name (c->name, d->name) || g_str_equal (c->id, d->id))
            {
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                           _("The criterion “%s” is listed twice"), c->name);
              return FALSE;
            }
        }
      if (!(c->weight >= 0 && c->weight <= 100))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("The weight of “%s” is %g; a weight is 0 to 100"), c->name, c->weight);
          return FALSE;
        }
      sum += c->weight;
    }

  if (fabs (sum - 100.0) > WEIGHT_TOLERANCE)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The weights of the criteria sum to %g; they must sum to 100"), sum);
      return FALSE;
    }

  for (guint i = 0; i < scoring->scores->len; i++)
    {
      const FpScore *s = g_ptr_array_index (scoring->scores, i);

      if (fp_scoring_find_criterion (scoring, s->criterion) == NULL)
        return criterion_not_found (s->criterion, error);
      if (!(s->score >= 0 && s->score <= 10))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("The score of “%s” against “%s” is %g; a score is 0 to 10"),
                       s->option, s->criterion, s->score);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * fp_scoring_weighted_score:
 * @scoring: a scoring whose weights sum to 100
 * @option: an option's name
 *
 * Returns: Σ weight × score ÷ 100, on the scores' scale of 0 to 10; NAN when the option
 *   has no score against some criterion of non-zero weight
 */
double
fp_scoring_weighted_score (const FpScoring *scoring,
                           const char      *option)
{
  double total = 0;

  for (guint i = 0; i < scoring->criteria->len; i++)
    {
      const FpCriterion *c = g_ptr_array_index (scoring->criteria, i);
      double score;

      if (!fp_scoring_get_score (scoring, option, c->id, &score))
        {
          if (c->weight > 0)
            return NAN;
          continue;
        }
      total += c->weight * score;
    }

  return total / 100.0;
}

/* ---- Costs entered for options --------------------------------------------------------- */

/**
 * fp_appraisal_cost_new:
 * @option: the option's name
 * @kind: capital or transition
 * @year: the calendar year it falls in
 * @amount: GBP, base-year prices
 * @note: (nullable): what it pays for
 *
 * Returns: (transfer full): the cost
 */
FpAppraisalCost *
fp_appraisal_cost_new (const char *option,
                       FpCostKind  kind,
                       int         year,
                       double      amount,
                       const char *note)
{
  FpAppraisalCost *cost = g_new0 (FpAppraisalCost, 1);

  cost->option = g_strdup (option);
  cost->kind = kind;
  cost->year = year;
  cost->amount = amount;
  cost->note = g_strdup (note);
  return cost;
}

/**
 * fp_appraisal_cost_free:
 * @cost: (nullable) (transfer full): a cost
 */
void
fp_appraisal_cost_free (FpAppraisalCost *cost)
{
  if (cost == NULL)
    return;

  g_free (cost->option);
  g_free (cost->note);
  g_free (cost);
}

/* ---- The appraisal ---------------------------------------------------------------------- */

/**
 * fp_appraisal_free:
 * @appraisal: (nullable) (transfer full): an appraisal, with its options' results
 */
void
fp_appraisal_free (FpAppraisal *appraisal)
{
  if (appraisal == NULL)
    return;

  /* The results borrow the overrides: free them first. */
  g_clear_pointer (&appraisal->options, g_ptr_array_unref);
  g_clear_pointer (&appraisal->scoring, fp_scoring_free);
  g_clear_pointer (&appraisal->overrides, g_ptr_array_unref);
  g_free (appraisal);
}

static guint
preferred_at (const FpAppraisal         *a,
              const FpAppraisalSettings *settings)
{
  guint best = 0;
  double best_npv = -INFINITY;

  for (guint i = 0; i < a->options->len; i++)
    {
      double npv = fp_option_appraisal_npv_at (g_ptr_array_index (a->options, i), settings, TRUE);

      if (npv > best_npv)
        {
          best = i;
          best_npv = npv;
        }
    }

  return best;
}

/**
 * fp_appraisal_rank:
 * @appraisal: an appraisal whose options are computed
 *
 * Ranks the options by risk-adjusted NPV (1 is the highest; equal NPVs share a rank) and
 * separately by weighted score; the preferred option is the first ranked 1.
 */
void
fp_appraisal_rank (FpAppraisal *a)
{
  for (guint i = 0; i < a->options->len; i++)
    {
      FpOptionAppraisal *o = g_ptr_array_index (a->options, i);

      o->rank = 1;
      o->score_rank = isnan (o->weighted_score) ? 0 : 1;
      for (guint j = 0; j < a->options->len; j++)
        {
          const FpOptionAppraisal *p = g_ptr_array_index (a->options, j);

          if (p->npv_risk_adjusted > o->npv_risk_adjusted)
            o->rank++;
          if (o->score_rank > 0 && !isnan (p->weighted_score) &&
              p->weighted_score > o->weighted_score)
            o->score_rank++;
        }
    }

  a->preferred = 0;
  for (guint i = 0; i < a->options->len; i++)
    if (((FpOptionAppraisal *) g_ptr_array_index (a->options, i))->rank == 1)
      {
        a->preferred = i;
        break;
      }
}

typedef void (*SetParameter) (FpAppraisalSettings       *settings,
                              const FpAppraisalSettings *base,
                              double                     value);

/* The discount rate moves the whole schedule: the long rate keeps its distance. */
static void
set_rate (FpAppraisalSettings       *settings,
          const FpAppraisalSettings *base,
          double                     value)
{
  settings->discount_rate = value;
  settings->discount_rate_long = MAX (0, base->discount_rate_long + value - base->discount_rate);
}

static void
set_bias (FpAppraisalSettings       *settings,
          const FpAppraisalSettings *base,
          double                     value)
{
  settings->optimism_bias = value;
}

static guint
preferred_with (const FpAppraisal *a,
                SetParameter       set,
                double             value)
{
  FpAppraisalSettings s = a->settings;

  set (&s, &a->settings, value);
  return preferred_at (a, &s);
}

/* Steps from the base towards @end and, at the first step where another option is
 * preferred, bisects to the switching value. */
static void
search_switch (const FpAppraisal *a,
               SetParameter       set,
               double             base,
               double             end,
               double             step,
               double            *at,
               guint             *option)
{
  guint preferred = a->preferred;
  double dir = end > base ? 1 : -1;
  double inside = base;

  *at = NAN;
  *option = preferred;
  if (end == base)
    return;

  for (double x = base + dir * step; dir * (x - end) <= 1e-12; x += dir * step)
    {
      double v = dir > 0 ? MIN (x, end) : MAX (x, end);
      guint p = preferred_with (a, set, v);

      if (p != preferred)
        {
          double outside = v;

          for (guint i = 0; i < BISECTIONS; i++)
            {
              double mid = (inside + outside) / 2;

              if (preferred_with (a, set, mid) == preferred)
                inside = mid;
              else
                outside = mid;
            }
          *at = (inside + outside) / 2;
          *option = preferred_with (a, set, outside);
          return;
        }
      inside = v;
    }
}

static void
find_switch (const FpAppraisal *a,
             SetParameter       set,
             double             base,
             double             low,
             double             high,
             double             step,
             FpSwitchingValue  *sv)
{
  /* The range always holds the appraisal's own value. */
  sv->base = base;
  sv->low = MIN (low, base);
  sv->high = MAX (high, base);
  search_switch (a, set, base, sv->low, step, &sv->below, &sv->option_below);
  search_switch (a, set, base, sv->high, step, &sv->above, &sv->option_above);
}

/**
 * fp_appraisal_find_switching_values:
 * @appraisal: a ranked appraisal
 *
 * Finds the discount rate (0 to 10%, moving the whole schedule) and the optimism bias
 * (0 to 200%) nearest the appraisal's own, below and above, at which another option would
 * have the highest risk-adjusted NPV. The search steps by 0.05 points of discount rate and
 * 0.5 points of optimism bias, then bisects: two switches closer than a step may be seen as
 * one.
 */
void
fp_appraisal_find_switching_values (FpAppraisal *a)
{
  find_switch (a, set_rate, a->settings.discount_rate, 0, FP_APPRAISAL_SENSITIVITY_RATE_MAX,
               RATE_STEP, &a->discount_rate);
  find_switch (a, set_bias, a->settings.optimism_bias, 0, FP_APPRAISAL_SENSITIVITY_BIAS_MAX,
               BIAS_STEP, &a->optimism_bias);
}

static const char *
option_name (const FpAppraisal *a,
             guint              i)
{
  return ((FpOptionAppraisal *) g_ptr_array_index (a->options, i))->name;
}

static char *
percent (double fraction)
{
  return fp_format_decimal (fraction * 100.0, 1);
}

static void
describe_switch (GString                *out,
                 const FpAppraisal      *a,
                 const FpSwitchingValue *sv,
                 gboolean                rate)
{
  g_autofree char *low = percent (sv->low);
  g_autofree char *high = percent (sv->high);
  g_autofree char *below = percent (sv->below);
  g_autofree char *above = percent (sv->above);

  if (isnan (sv->below) && isnan (sv->above))
    {
      g_string_append_printf (out, rate ? _("It stays preferred at any discount rate from %s%% "
                                            "to %s%%.")
                                        : _("It stays preferred at any optimism bias from %s%% "
                                            "to %s%%."),
                              low, high);
      return;
    }

  if (!isnan (sv->below))
    g_string_append_printf (out, rate ? _("“%s” would be preferred at a discount rate below "
                                          "%s%%.")
                                      : _("“%s” would be preferred at an optimism bias below "
                                          "%s%%."),
                            option_name (a, sv->option_below), below);
  if (!isnan (sv->below) && !isnan (sv->above))
    g_string_append_c (out, ' ');
  if (!isnan (sv->above))
    g_string_append_printf (out, rate ? _("“%s” would be preferred at a discount rate above "
                                          "%s%%.")
                                      : _("“%s” would be preferred at an optimism bias above "
                                          "%s%%."),
                            option_name (a, sv->option_above), above);
}

/**
 * fp_appraisal_describe_sensitivity:
 * @appraisal: a ranked appraisal with its switching values
 *
 * Returns: (transfer full): the sensitivity line, e.g. ““Fill the voids” has the highest
 *   risk-adjusted NPV. It stays preferred at any discount rate from 0.0% to 10.0%. “Do
 *   nothing” would be preferred at an optimism bias above 131.2%.”
 */
char *
fp_appraisal_describe_sensitivity (const FpAppraisal *a)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, _("“%s” has the highest risk-adjusted NPV."),
                          option_name (a, a->preferred));
  g_string_append_c (out, ' ');
  describe_switch (out, a, &a->discount_rate, TRUE);
  g_string_append_c (out, ' ');
  describe_switch (out, a, &a->optimism_bias, FALSE);

  /* The scoring is not moved by either rate, but a reader should know when it disagrees. */
  for (guint i = 0; i < a->options->len; i++)
    {
      const FpOptionAppraisal *o = g_ptr_array_index (a->options, i);

      if (o->score_rank == 1 && i != a->preferred)
        {
          g_autofree char *score = fp_format_decimal (o->weighted_score, 1);

          g_string_append_c (out, ' ');
          g_string_append_printf (out, _("On the critical success factors “%s” scores highest "
                                         "(%s of 10)."), o->name, score);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/**
 * fp_appraisal_compute:
 * @model: the baseline
 * @settings: the appraisal settings (fp_appraisal_settings_init())
 * @names: (array zero-terminated=1): the options' names, Do nothing first
 * @changes: (array): each option's effective changes (element-type FpChange), in the
 *   order of @names; Do nothing's may be %NULL
 * @costs: (element-type FpAppraisalCost) (nullable): costs entered, for any option
 * @scoring: the criteria, weights and scores (checked here)
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the appraisal, ranked, with its switching values;
 *   the options' results carry no category overrides
 */
FpAppraisal *
fp_appraisal_compute (const FpModel             *model,
                      const FpAppraisalSettings *settings,
                      const char * const        *names,
                      GPtrArray * const         *changes,
                      GPtrArray                 *costs,
                      const FpScoring           *scoring,
                      GError                   **error)
{
  g_autoptr(FpAppraisal) a = g_new0 (FpAppraisal, 1);
  g_autoptr(FpResults) do_nothing = NULL;

  g_return_val_if_fail (names != NULL && names[0] != NULL, NULL);

  if (!fp_scoring_check (scoring, error))
    return NULL;

  if (g_ascii_strcasecmp (names[0], FP_DO_NOTHING) != 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("An appraisal compares options with Do nothing: list it first"));
      return NULL;
    }

  a->settings = *settings;
  a->scoring = fp_scoring_copy (scoring);
  a->options = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_option_appraisal_free);
  a->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  do_nothing = fp_compute_scenario (model, NULL, NULL, error);
  if (do_nothing == NULL)
    return NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) own = g_ptr_array_new ();
      FpOptionAppraisal *o;

      for (guint j = 0; j < i; j++)
        if (same_name (names[i], names[j]))
          {
            g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                         _("The option “%s” is listed twice"), names[i]);
            return NULL;
          }

      for (guint j = 0; costs != NULL && j < costs->len; j++)
        {
          FpAppraisalCost *c = g_ptr_array_index (costs, j);

          if (same_name (c->option, names[i]))
            g_ptr_array_add (own, c);
        }

      o = fp_option_appraisal_compute (model, settings, names[i], i > 0 ? changes[i] : NULL,
                                       do_nothing, own, error);
      if (o == NULL)
        return NULL;

      o->weighted_score = fp_scoring_weighted_score (scoring, o->name);
      g_ptr_array_add (a->options, o);
    }

  fp_appraisal_rank (a);
  fp_appraisal_find_switching_values (a);
  return g_steal_pointer (&a);
}

/**
 * fp_appraisal_compute_for_workspace:
 * @workspace: an open document
 * @options: (array zero-terminated=1): scenario names; Do nothing is put first whether
 *   named or not
 * @error: return location for an error
 *
 * The appraisal of a document's scenarios with its own assumptions, scoring and entered
 * costs; each option's results carry its category overrides (for the site lists).
 *
 * Returns: (transfer full) (nullable): the appraisal
 */
FpAppraisal *
fp_appraisal_compute_for_workspace (FpWorkspace        *workspace,
                                    const char * const *options,
                                    GError            **error)
{
  const FpModel *model = fp_workspace_get_model (workspace);
  FpStore *store = fp_workspace_get_store (workspace);
  GPtrArray *scenarios = fp_workspace_get_scenarios (workspace);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(FpScoring) scoring = NULL;
  g_autoptr(GPtrArray) costs = NULL;
  g_autoptr(FpAppraisal) a = NULL;
  FpAppraisalSettings settings;

  g_ptr_array_add (names, g_strdup (FP_DO_NOTHING));
  g_ptr_array_add (changes, g_ptr_array_new ());

  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (options[i]));
      const FpScenario *s;

      if (*name == '\0' || g_ascii_strcasecmp (name, FP_DO_NOTHING) == 0)
        continue;
      s = fp_scenario_find (scenarios, name);
      if (s == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no scenario “%s”"), name);
          return NULL;
        }
      for (guint j = 0; j < names->len; j++)
        if (g_str_equal (g_ptr_array_index (names, j), s->name))
          {
            g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                         _("The option “%s” is listed twice"), s->name);
            return NULL;
          }

      g_ptr_array_add (names, g_strdup (s->name));
      g_ptr_array_add (changes, fp_scenario_effective_changes (scenarios, s->name, error));
      if (g_ptr_array_index (changes, changes->len - 1) == NULL)
        return NULL;
    }
  g_ptr_array_add (names, NULL);

  scoring = fp_store_load_scoring (store, error);
  if (scoring == NULL)
    return NULL;
  costs = fp_store_load_appraisal_costs (store, error);
  if (costs == NULL)
    return NULL;

  fp_appraisal_settings_init (&settings, model);
  a = fp_appraisal_compute (model, &settings, (const char * const *) names->pdata,
                            (GPtrArray * const *) changes->pdata, costs, scoring, error);
  if (a == NULL)
    return NULL;

  for (guint i = 0; i < a->options->len; i++)
    {
      FpOptionAppraisal *o = g_ptr_array_index (a->options, i);
      const FpScenario *s = fp_scenario_find (scenarios, o->name);
      GPtrArray *overrides = fp_store_load_overrides (store, i == 0 ? NULL : o->name, error);

      if (overrides == NULL)
        return NULL;
      fp_results_apply_overrides (o->results, overrides);
      g_ptr_array_add (a->overrides, overrides);
      if (s != NULL)
        o->description = g_strdup (s->description);
    }

  return g_steal_pointer (&a);
}

/* ---- JSON and text ----------------------------------------------------------------------- */

static void
add_array (JsonBuilder  *b,
           const char   *name,
           const double *values,
           guint         n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (b, values[i]);
  json_builder_end_array (b);
}

static double
sum (const double *values,
     guint         n)
{
  double total = 0;

  for (guint i = 0; i < n; i++)
    total += values[i];
  return total;
}

static void
add_switch (JsonBuilder            *b,
            const FpAppraisal      *a,
            const char             *name,
            const FpSwitchingValue *sv)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  fp_json_add_number (b, "value", sv->base);
  json_builder_set_member_name (b, "range");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, sv->low);
  json_builder_add_double_value (b, sv->high);
  json_builder_end_array (b);
  fp_json_add_number (b, "switches_below", sv->below);
  fp_json_add_string (b, "preferred_below", isnan (sv->below) ? NULL : option_name (a, sv->option_below));
  fp_json_add_number (b, "switches_above", sv->above);
  fp_json_add_string (b, "preferred_above", isnan (sv->above) ? NULL : option_name (a, sv->option_above));
  json_builder_end_object (b);
}

static void
build_ledger_entry (JsonBuilder         *b,
                    const FpLedgerEntry *e,
                    guint                ny)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "change");
  json_builder_add_int_value (b, e->index);
  fp_json_add_string (b, "kind", e->kind < FP_N_CHANGE_KINDS ? fp_change_kind_to_string (e->kind)
                                                     : "entered_costs");
  fp_json_add_string (b, "description", e->description);
  fp_json_add_string (b, "site", e->site);
  json_builder_set_member_name (b, "year");
  if (e->year != 0)
    json_builder_add_int_value (b, e->year);
  else
    json_builder_add_null_value (b);
  fp_json_add_string (b, "owner", e->owner);
  fp_json_add_string (b, "note", e->note);
  fp_json_add_number (b, "confidence", e->confidence);
  fp_json_add_number (b, "benefits", sum (e->benefits, ny));
  fp_json_add_number (b, "benefits_risk_adjusted", sum (e->benefits_risk_adjusted, ny));
  add_array (b, "benefits_by_year", e->benefits, ny);
  add_array (b, "benefits_risk_adjusted_by_year", e->benefits_risk_adjusted, ny);
  for (guint f = 0; f < FP_N_FLOWS; f++)
    {
      g_autofree char *key = g_strconcat (flow_names[f], "_by_year", NULL);

      add_array (b, key, e->flows + (gsize) f * ny, ny);
    }
  json_builder_end_object (b);
}

#define flow fp_option_appraisal_flow

static void
build_option (JsonBuilder             *b,
              const FpAppraisal       *a,
              const FpOptionAppraisal *o)
{
  guint ny = o->n_years;

  json_builder_begin_object (b);
  fp_json_add_string (b, "name", o->name);
  fp_json_add_string (b, "description", o->description);
  json_builder_set_member_name (b, "changes");
  json_builder_add_int_value (b, o->changes->len);
  fp_json_add_number (b, "npv", o->npv);
  fp_json_add_number (b, "npv_risk_adjusted", o->npv_risk_adjusted);
  fp_json_add_number (b, "pv_benefits", o->pv_benefits);
  fp_json_add_number (b, "pv_benefits_risk_adjusted", o->pv_benefits_risk_adjusted);
  fp_json_add_number (b, "pv_costs", o->pv_costs);
  add_array (b, "revenue_savings_by_year", flow (o, FP_FLOW_REVENUE_SAVINGS), ny);
  fp_json_add_number (b, "revenue_savings", o->totals[FP_FLOW_REVENUE_SAVINGS]);
  add_array (b, "dual_running_costs_by_year", flow (o, FP_FLOW_DUAL_RUNNING), ny);
  fp_json_add_number (b, "dual_running_costs", o->totals[FP_FLOW_DUAL_RUNNING]);
  fp_json_add_number (b, "capital_receipts", o->totals[FP_FLOW_CAPITAL_RECEIPTS]);
  add_array (b, "capital_receipts_by_year", flow (o, FP_FLOW_CAPITAL_RECEIPTS), ny);
  fp_json_add_number (b, "backlog_avoided", o->totals[FP_FLOW_BACKLOG_AVOIDED]);
  add_array (b, "backlog_avoided_by_year", flow (o, FP_FLOW_BACKLOG_AVOIDED), ny);
  fp_json_add_number (b, "capital_costs", sum (o->capital_costs_with_bias, ny));
  add_array (b, "capital_costs_by_year", o->capital_costs_with_bias, ny);
  fp_json_add_number (b, "capital_costs_before_optimism_bias", o->totals[FP_FLOW_CAPITAL_COSTS]);
  fp_json_add_number (b, "transition_costs", o->totals[FP_FLOW_TRANSITION_COSTS]);
  add_array (b, "transition_costs_by_year", flow (o, FP_FLOW_TRANSITION_COSTS), ny);
  fp_json_add_number (b, "benefits", sum (o->benefits, ny));
  fp_json_add_number (b, "benefits_risk_adjusted", sum (o->benefits_risk_adjusted, ny));
  add_array (b, "benefits_by_year", o->benefits, ny);
  add_array (b, "benefits_risk_adjusted_by_year", o->benefits_risk_adjusted, ny);
  add_array (b, "costs_by_year", o->costs, ny);
  add_array (b, "net_by_year", o->net, ny);
  add_array (b, "net_risk_adjusted_by_year", o->net_risk_adjusted, ny);
  add_array (b, "running_cost_by_year", o->running_cost, ny);
  fp_json_add_number (b, "weighted_score", o->weighted_score);
  json_builder_set_member_name (b, "scores");
  json_builder_begin_object (b);
  for (guint i = 0; i < a->scoring->criteria->len; i++)
    {
      const FpCriterion *c = g_ptr_array_index (a->scoring->criteria, i);
      double score;

      if (!fp_scoring_get_score (a->scoring, o->name, c->id, &score))
        score = NAN;
      fp_json_add_number (b, c->id, score);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "rank");
  json_builder_add_int_value (b, o->rank);
  json_builder_set_member_name (b, "score_rank");
  if (o->score_rank > 0)
    json_builder_add_int_value (b, o->score_rank);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "ledger");
  json_builder_begin_array (b);
  for (guint i = 0; i < o->ledger->len; i++)
    build_ledger_entry (b, g_ptr_array_index (o->ledger, i), ny);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/**
 * fp_appraisal_to_json:
 * @appraisal: an appraisal
 *
 * Returns: (transfer full): the appraisal as `footprint-cli appraise --format json`
 *   prints it (docs/model.md lists the keys); money in base-year pounds, unrounded
 */
char *
fp_appraisal_to_json (const FpAppraisal *a)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *sensitivity = fp_appraisal_describe_sensitivity (a);
  const FpAppraisalSettings *s = &a->settings;

  json_builder_begin_object (b);
  fp_json_add_number (b, "discount_rate", s->discount_rate);
  fp_json_add_number (b, "discount_rate_long", s->discount_rate_long);
  json_builder_set_member_name (b, "discount_rate_long_from_year");
  json_builder_add_int_value (b, s->long_rate_from_year);
  fp_json_add_number (b, "optimism_bias", s->optimism_bias);
  json_builder_set_member_name (b, "horizon_years");
  json_builder_add_int_value (b, s->n_years - 1);
  json_builder_set_member_name (b, "base_year");
  json_builder_add_int_value (b, s->base_year);
  json_builder_set_member_name (b, "price_base_year");
  json_builder_add_int_value (b, s->base_year);
  json_builder_set_member_name (b, "years");
  json_builder_begin_array (b);
  for (guint y = 0; y < s->n_years; y++)
    json_builder_add_int_value (b, s->base_year + (int) y);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "discount_factors");
  json_builder_begin_array (b);
  for (guint y = 0; y < s->n_years; y++)
    json_builder_add_double_value (b, fp_appraisal_discount_factor (s, y));
  json_builder_end_array (b);
  fp_json_add_string (b, "ranked_by", "npv_risk_adjusted");
  fp_json_add_string (b, "preferred_option", option_name (a, a->preferred));

  json_builder_set_member_name (b, "sensitivity");
  json_builder_begin_object (b);
  fp_json_add_string (b, "summary", sensitivity);
  add_switch (b, a, "discount_rate", &a->discount_rate);
  add_switch (b, a, "optimism_bias", &a->optimism_bias);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "criteria");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->scoring->criteria->len; i++)
    {
      const FpCriterion *c = g_ptr_array_index (a->scoring->criteria, i);

      json_builder_begin_object (b);
      fp_json_add_string (b, "id", c->id);
      fp_json_add_string (b, "name", c->name);
      fp_json_add_number (b, "weight", c->weight);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "options");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->options->len; i++)
    build_option (b, a, g_ptr_array_index (a->options, i));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return fp_json_to_string (root, TRUE);
}

/* Text and spaces up to @width characters (printf pads bytes, not characters). */
static void
append_padded (GString    *out,
               const char *text,
               int         width)
{
  int length = (int) g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (int i = length; i < width; i++)
    g_string_append_c (out, ' ');
}

/**
 * fp_appraisal_to_text:
 * @appraisal: an appraisal
 *
 * Returns: (transfer full): a table of the options' key figures and the sensitivity line,
 *   for a terminal
 */
char *
fp_appraisal_to_text (const FpAppraisal *a)
{
  GString *out = g_string_new (NULL);
  g_autofree char *rate = percent (a->settings.discount_rate);
  g_autofree char *bias = percent (a->settings.optimism_bias);
  g_autofree char *sensitivity = fp_appraisal_describe_sensitivity (a);
  int width = 6;

  g_string_append_printf (out, _("Appraisal over %u years from %d (prices of %d), discount rate "
                                 "%s%%, optimism bias %s%%\n\n"),
                          a->settings.n_years - 1, a->settings.base_year, a->settings.base_year,
                          rate, bias);
  /* The option column as wide as the longest name (in characters, not bytes). */
  for (guint i = 0; i < a->options->len; i++)
    width = MAX (width, (int) g_utf8_strlen (option_name (a, i), -1));

  append_padded (out, _("Rank"), 5);
  append_padded (out, _("Option"), width + 1);
  g_string_append_printf (out, "%14s %14s %14s %14s %14s %6s\n", _("Savings"), _("Receipts"),
                          _("Capital"), _("NPV"), _("NPV (risk)"), _("Score"));

  for (guint i = 0; i < a->options->len; i++)
    {
      const FpOptionAppraisal *o = g_ptr_array_index (a->options, i);
      g_autofree char *savings = fp_format_money (o->totals[FP_FLOW_REVENUE_SAVINGS]);
      g_autofree char *receipts = fp_format_money (o->totals[FP_FLOW_CAPITAL_RECEIPTS]);
      g_autofree char *capital = fp_format_money (sum (o->capital_costs_with_bias, o->n_years));
      g_autofree char *npv = fp_format_money (o->npv);
      g_autofree char *npv_ra = fp_format_money (o->npv_risk_adjusted);
      g_autofree char *score = fp_format_decimal (o->weighted_score, 1);

      g_autofree char *rank = g_strdup_printf ("%u", o->rank);

      append_padded (out, rank, 5);
      append_padded (out, o->name, width + 1);
      g_string_append_printf (out, "%14s %14s %14s %14s %14s %6s\n", savings, receipts, capital,
                              npv, npv_ra, score);
    }

  g_string_append_printf (out, "\n%s\n", sensitivity);
  return g_string_free (out, FALSE);
}

/* ---- Series for charts and tables ------------------------------------------------------ */

/**
 * fp_option_appraisal_cumulative_npv:
 * @option: an option
 * @settings: the settings it was appraised with
 * @risk_adjusted: from the risk-adjusted net benefits rather than the gross
 *
 * The net present value accumulated year by year: element t is the sum over years 0..t of
 * the net benefit times its discount factor, so the last element is the option's NPV (or
 * risk-adjusted NPV). The workbook's cash-flow sheets and the charts show this line.
 *
 * Returns: (transfer full) (array): [n_years] pounds
 */
double *
fp_option_appraisal_cumulative_npv (const FpOptionAppraisal   *option,
                                    const FpAppraisalSettings *settings,
                                    gboolean                   risk_adjusted)
{
  const double *net = risk_adjusted ? option->net_risk_adjusted : option->net;
  double *cumulative = g_new0 (double, MAX (option->n_years, 1));
  double sum = 0, df = 1.0;

  for (guint t = 0; t < option->n_years; t++)
    {
      if (t > 0)
        df /= 1.0 + fp_appraisal_rate_for_year (settings, t);
      sum += net[t] * df;
      cumulative[t] = sum;
    }

  return cumulative;
}

/**
 * fp_ledger_entry_total:
 * @entry: a ledger entry
 * @n_years: the appraisal's years
 * @risk_adjusted: the risk-adjusted benefits rather than the gross
 *
 * Returns: the entry's benefits summed over the years, undiscounted (pounds)
 */
double
fp_ledger_entry_total (const FpLedgerEntry *entry,
                       guint                n_years,
                       gboolean             risk_adjusted)
{
  const double *benefits = risk_adjusted ? entry->benefits_risk_adjusted : entry->benefits;
  double total = 0;

  for (guint t = 0; t < n_years; t++)
    total += benefits[t];
  return total;
}
