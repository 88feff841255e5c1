/* test-appraisal.c: the options appraisal on hand-worked cash flows.
 *
 * The estate (tests/data/appraisal-estate.json) is the engine's test estate without the
 * community hospital's bed days: base year 2025, horizon 5 years (2025 to 2030, t = 0..5),
 * NHS Property Services notice 1 year, freehold dual running 0 years. The sites that
 * matter here:
 *
 *   N5  health centre, NHS Property Services, running cost £60,000 a year, no activity.
 *   F4  community hospital, freehold, running cost £500,000, backlog £150,000, no activity.
 *
 * The option "Leave and sell" (worked by hand below):
 *   1. exit N5 from 2026, confidence 0.5: it still costs £60,000 in 2026 (notice), then
 *      nothing: revenue savings 0, 0, 60k, 60k, 60k, 60k; dual running 0, 60k, 0, ...
 *   2. dispose of F4 in 2027 (value £1,000,000, disposal costs £50,000, receipt retained),
 *      confidence 0.8: savings £500,000 a year from 2027; receipt £950,000 and backlog
 *      avoided £150,000 in 2027.
 *   3. open a hub in 2025 (capital £2,000,000, running cost £100,000 a year), confidence
 *      0.9: revenue savings −£100,000 every year (kept whole when risk-adjusted: doubt
 *      never shrinks a cost); capital £2,000,000 in 2025.
 *   and a transition cost of £200,000 entered for 2026.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "fp-store-private.h"
#include "fp-test-util.h"

#define EPS 1e-6

static FpEstate *estate;
static FpModel *model;

static FpChange *
change (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  FpChange *c;

  g_assert_no_error (error);
  c = fp_change_from_json (json_node_get_object (node), "test", &error);
  g_assert_no_error (error);
  return c;
}

static GPtrArray *
leave_and_sell (void)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);

  g_ptr_array_add (changes, change ("{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"N5\", "
                                    "\"confidence\": 0.5, \"owner\": \"Estates\"}"));
  g_ptr_array_add (changes, change ("{\"kind\": \"dispose_site\", \"year\": 2027, \"site\": \"F4\", "
                                    "\"value\": 1000000, \"disposal_costs\": 50000, "
                                    "\"receipt_retained\": true, \"confidence\": 0.8}"));
  g_ptr_array_add (changes, change ("{\"kind\": \"open_site\", \"year\": 2025, \"id\": \"HUB\", "
                                    "\"name\": \"New hub\", \"site_type\": \"hub\", \"lat\": 52.0, "
                                    "\"lon\": -1.85, \"gia_m2\": 1000, \"rooms\": {\"consult\": 4}, "
                                    "\"hours_open_per_week\": 50, \"capital_cost\": 2000000, "
                                    "\"running_cost\": 100000, \"tenure\": \"freehold\", "
                                    "\"confidence\": 0.9}"));
  return changes;
}

static GPtrArray *
transition_cost (void)
{
  GPtrArray *costs = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_appraisal_cost_free);

  g_ptr_array_add (costs, fp_appraisal_cost_new ("Leave and sell", FP_COST_TRANSITION, 2026,
                                                 200000, "Decant and moves"));
  return costs;
}

static void
assert_array (const double *got,
              const double *want,
              guint         n)
{
  for (guint i = 0; i < n; i++)
    if (fabs (got[i] - want[i]) > EPS * MAX (1, fabs (want[i])))
      g_error ("year %u: got %.9g, expected %.9g", i, got[i], want[i]);
}

/* ---- Discounting ------------------------------------------------------------------------ */

static void
test_green_book_factors (void)
{
  FpAppraisalSettings s = {
    .base_year = 2025, .n_years = 61, .discount_rate = 0.035, .discount_rate_long = 0.03,
    .long_rate_from_year = 31, .optimism_bias = 0.24,
  };
  double net[61] = { 0 };

  /* The Green Book's table: year 10 at 3.5% is 0.7089. */
  g_assert_cmpfloat_with_epsilon (fp_appraisal_discount_factor (&s, 0), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (round (fp_appraisal_discount_factor (&s, 10) * 1e4) / 1e4,
                                  0.7089, 1e-12);
  g_assert_cmpfloat_with_epsilon (fp_appraisal_discount_factor (&s, 30), pow (1.035, -30), 1e-12);
  /* Year 40: 30 years at 3.5%, then 10 at 3.0%: 0.356278 × 0.744094 = 0.265104. */
  g_assert_cmpfloat_with_epsilon (fp_appraisal_discount_factor (&s, 40),
                                  pow (1.035, -30) * pow (1.03, -10), 1e-12);
  g_assert_cmpfloat_with_epsilon (round (fp_appraisal_discount_factor (&s, 40) * 1e4) / 1e4,
                                  0.2651, 1e-12);
  g_assert_cmpfloat_with_epsilon (fp_appraisal_rate_for_year (&s, 30), 0.035, 1e-15);
  g_assert_cmpfloat_with_epsilon (fp_appraisal_rate_for_year (&s, 31), 0.03, 1e-15);

  /* £1,000 in year 40 only: its NPV is that factor times 1,000. */
  net[40] = 1000;
  g_assert_cmpfloat_with_epsilon (fp_appraisal_npv (&s, net, 61),
                                  1000 * pow (1.035, -30) * pow (1.03, -10), 1e-9);

  /* A hand-worked flow: −100 now, 60 in years 1 and 2 at 10%:
   * −100 + 60 ÷ 1.1 + 60 ÷ 1.21 = −100 + 54.5455 + 49.5868 = 4.1322. */
  s.discount_rate = 0.10;
  net[40] = 0;
  net[0] = -100;
  net[1] = 60;
  net[2] = 60;
  g_assert_cmpfloat_with_epsilon (fp_appraisal_npv (&s, net, 3), 4.132231405, 1e-8);
}

static void
test_settings_from_document (void)
{
  FpAppraisalSettings s;

  fp_appraisal_settings_init (&s, model);
  g_assert_cmpint (s.base_year, ==, 2025);
  g_assert_cmpuint (s.n_years, ==, 6);
  g_assert_cmpfloat_with_epsilon (s.discount_rate, 0.035, 1e-15);
  g_assert_cmpfloat_with_epsilon (s.optimism_bias, 0.24, 1e-15);
  /* Not in the test estate: the Green Book defaults. */
  g_assert_cmpfloat_with_epsilon (s.discount_rate_long, 0.03, 1e-15);
  g_assert_cmpuint (s.long_rate_from_year, ==, 31);
}

/* ---- One option, worked by hand ----------------------------------------------------------- */

static FpOptionAppraisal *
appraise_leave_and_sell (void)
{
  g_autoptr(GPtrArray) changes = leave_and_sell ();
  g_autoptr(GPtrArray) costs = transition_cost ();
  g_autoptr(FpResults) dn = NULL;
  g_autoptr(GError) error = NULL;
  FpAppraisalSettings s;
  FpOptionAppraisal *o;

  fp_appraisal_settings_init (&s, model);
  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  o = fp_option_appraisal_compute (model, &s, "Leave and sell", changes, dn, costs, &error);
  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

static void
test_option_by_hand (void)
{
  g_autoptr(FpOptionAppraisal) o = appraise_leave_and_sell ();
  const double revenue[] = { -100000, -100000, 460000, 460000, 460000, 460000 };
  const double dual[] = { 0, 60000, 0, 0, 0, 0 };
  const double receipts[] = { 0, 0, 950000, 0, 0, 0 };
  const double backlog[] = { 0, 0, 150000, 0, 0, 0 };
  const double capital[] = { 2000000, 0, 0, 0, 0, 0 };
  const double transition[] = { 0, 200000, 0, 0, 0, 0 };
  /* Gross benefits: savings + receipts + backlog. */
  const double benefits[] = { -100000, -100000, 1560000, 460000, 460000, 460000 };
  /* Risk-adjusted: N5's 60k × 0.5 = 30k; F4's 500k + 950k + 150k × 0.8 = 1,280k in 2027,
   * then 400k; the hub's −100k whole (a cost is never shrunk by doubt). */
  const double benefits_ra[] = { -100000, -100000, 1210000, 330000, 330000, 330000 };
  /* Costs: capital × 1.24 = 2,480,000; transition 200,000. */
  const double costs[] = { 2480000, 200000, 0, 0, 0, 0 };
  double npv = 0, npv_ra = 0;

  assert_array (fp_option_appraisal_flow (o, FP_FLOW_REVENUE_SAVINGS), revenue, 6);
  assert_array (fp_option_appraisal_flow (o, FP_FLOW_DUAL_RUNNING), dual, 6);
  assert_array (fp_option_appraisal_flow (o, FP_FLOW_CAPITAL_RECEIPTS), receipts, 6);
  assert_array (fp_option_appraisal_flow (o, FP_FLOW_BACKLOG_AVOIDED), backlog, 6);
  assert_array (fp_option_appraisal_flow (o, FP_FLOW_CAPITAL_COSTS), capital, 6);
  assert_array (fp_option_appraisal_flow (o, FP_FLOW_TRANSITION_COSTS), transition, 6);
  assert_array (o->benefits, benefits, 6);
  assert_array (o->benefits_risk_adjusted, benefits_ra, 6);
  assert_array (o->costs, costs, 6);

  /* NPV at 3.5% with the factors 1.035^−t (a different path from the code's product). */
  for (guint t = 0; t < 6; t++)
    {
      npv += (benefits[t] - costs[t]) * pow (1.035, -(double) t);
      npv_ra += (benefits_ra[t] - costs[t]) * pow (1.035, -(double) t);
    }
  /* −2,580,000 − 300,000 × 0.966184 + 1,560,000 × 0.933511
   *   + 460,000 × (0.901943 + 0.871442 + 0.841973) = −2,580,000 − 289,855 + 1,456,277
   *   + 1,203,065 = −210,513 (rounded). */
  g_assert_cmpfloat_with_epsilon (npv, -210513.0, 1.0);
  g_assert_cmpfloat_with_epsilon (o->npv, npv, 1e-6);
  g_assert_cmpfloat_with_epsilon (o->npv_risk_adjusted, npv_ra, 1e-6);
  g_assert_cmpfloat (o->npv_risk_adjusted, <, o->npv);

  g_assert_cmpfloat_with_epsilon (o->totals[FP_FLOW_CAPITAL_RECEIPTS], 950000, EPS);
  g_assert_cmpuint (o->ledger->len, ==, 4);  /* three changes and the entered costs */
}

/* The ledger adds up: each line summed over the changes is the option's line, and the
 * option's lines (without the entered costs) are what the whole scenario's results give. */
static void
test_ledger_adds_up (void)
{
  g_autoptr(FpOptionAppraisal) o = appraise_leave_and_sell ();
  g_autoptr(GPtrArray) changes = leave_and_sell ();
  g_autoptr(FpResults) dn = NULL;
  g_autoptr(FpResults) whole = NULL;
  g_autoptr(GError) error = NULL;
  double lines[FP_N_FLOWS * 6];
  double sums[FP_N_FLOWS * 6] = { 0 };
  double ben[6] = { 0 }, ben_ra[6] = { 0 };

  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  whole = fp_compute_scenario (model, changes, dn, &error);
  g_assert_no_error (error);
  fp_appraisal_result_lines (whole, dn, lines);

  for (guint i = 0; i < o->ledger->len; i++)
    {
      const FpLedgerEntry *e = g_ptr_array_index (o->ledger, i);

      for (guint j = 0; j < FP_N_FLOWS * 6; j++)
        sums[j] += e->flows[j];
      for (guint y = 0; y < 6; y++)
        {
          ben[y] += e->benefits[y];
          ben_ra[y] += e->benefits_risk_adjusted[y];
        }
      if (e->index == 0)
        {
          /* The entered cost is the only one not from the results. */
          lines[FP_FLOW_TRANSITION_COSTS * 6 + 1] += 200000;
        }
    }

  assert_array (sums, o->flows, FP_N_FLOWS * 6);
  assert_array (sums, lines, FP_N_FLOWS * 6);
  assert_array (ben, o->benefits, 6);
  assert_array (ben_ra, o->benefits_risk_adjusted, 6);

  /* The revenue savings are the engine's own figure against Do nothing. */
  for (guint y = 0; y < 6; y++)
    g_assert_cmpfloat_with_epsilon (fp_option_appraisal_flow (o, FP_FLOW_REVENUE_SAVINGS)[y],
                                    whole->totals[y].revenue_saving_vs_do_nothing, EPS);

  /* Each change's own share: the exit of N5 earns 60k a year from 2027, the sale the
   * receipt, the hub costs its running cost. */
  {
    const FpLedgerEntry *exit = g_ptr_array_index (o->ledger, 0);
    const FpLedgerEntry *sale = g_ptr_array_index (o->ledger, 1);
    const FpLedgerEntry *hub = g_ptr_array_index (o->ledger, 2);

    g_assert_cmpuint (exit->index, ==, 1);
    g_assert_cmpstr (exit->owner, ==, "Estates");
    g_assert_cmpfloat_with_epsilon (exit->flows[FP_FLOW_REVENUE_SAVINGS * 6 + 2], 60000, EPS);
    g_assert_cmpfloat_with_epsilon (exit->flows[FP_FLOW_DUAL_RUNNING * 6 + 1], 60000, EPS);
    g_assert_cmpfloat_with_epsilon (exit->benefits_risk_adjusted[2], 30000, EPS);
    g_assert_cmpfloat_with_epsilon (sale->flows[FP_FLOW_CAPITAL_RECEIPTS * 6 + 2], 950000, EPS);
    g_assert_cmpfloat_with_epsilon (sale->confidence, 0.8, EPS);
    g_assert_cmpfloat_with_epsilon (hub->flows[FP_FLOW_REVENUE_SAVINGS * 6 + 0], -100000, EPS);
    g_assert_cmpfloat_with_epsilon (hub->flows[FP_FLOW_CAPITAL_COSTS * 6 + 0], 2000000, EPS);
  }
}

/* The ledger still adds up when changes interact: moving the GP activity out of G2 and
 * then exiting the site it went to. */
static void
test_ledger_interacting_changes (void)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(FpResults) dn = NULL;
  g_autoptr(FpResults) whole = NULL;
  g_autoptr(FpOptionAppraisal) o = NULL;
  g_autoptr(GError) error = NULL;
  double lines[FP_N_FLOWS * 6];
  FpAppraisalSettings s;

  g_ptr_array_add (changes, change ("{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G2\", "
                                    "\"service\": \"gp\", \"to_site\": \"H1\", \"share\": 0.5, "
                                    "\"confidence\": 0.7}"));
  g_ptr_array_add (changes, change ("{\"kind\": \"exit_site\", \"year\": 2027, \"site\": \"G2\", "
                                    "\"to_sites\": [\"G3\"], \"confidence\": 0.6}"));
  g_ptr_array_add (changes, change ("{\"kind\": \"exit_site\", \"year\": 2028, \"site\": \"N5\", "
                                    "\"confidence\": 0.9}"));

  fp_appraisal_settings_init (&s, model);
  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  whole = fp_compute_scenario (model, changes, dn, &error);
  g_assert_no_error (error);
  o = fp_option_appraisal_compute (model, &s, "Interacting", changes, dn, NULL, &error);
  g_assert_no_error (error);

  fp_appraisal_result_lines (whole, dn, lines);
  assert_array (o->flows, lines, FP_N_FLOWS * 6);
  g_assert_cmpuint (o->ledger->len, ==, 3);
  {
    double total_ra = 0, sum_ra = 0;

    for (guint i = 0; i < o->ledger->len; i++)
      for (guint y = 0; y < 6; y++)
        sum_ra += ((FpLedgerEntry *) g_ptr_array_index (o->ledger, i))->benefits_risk_adjusted[y];
    for (guint y = 0; y < 6; y++)
      total_ra += o->benefits_risk_adjusted[y];
    g_assert_cmpfloat_with_epsilon (sum_ra, total_ra, EPS);
  }
}

/* ---- Scoring ---------------------------------------------------------------------------- */

static void
test_scoring (void)
{
  g_autoptr(FpScoring) scoring = fp_scoring_new_default ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "strategic_fit", "value_for_money", "supplier_capacity",
                        "affordability", "achievability" };
  const double weights[] = { 40, 30, 10, 10, 10 };
  const double scores[] = { 8, 6, 5, 4, 9 };

  g_assert_cmpuint (scoring->criteria->len, ==, 5);
  g_assert_true (fp_scoring_check (scoring, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < 5; i++)
    {
      g_assert_true (fp_scoring_set_weight (scoring, ids[i], weights[i], &error));
      g_assert_true (fp_scoring_set_score (scoring, "Option A", ids[i], scores[i], &error));
    }
  g_assert_true (fp_scoring_check (scoring, &error));
  /* (40×8 + 30×6 + 10×5 + 10×4 + 10×9) ÷ 100 = (320 + 180 + 50 + 40 + 90) ÷ 100 = 6.8 */
  g_assert_cmpfloat_with_epsilon (fp_scoring_weighted_score (scoring, "Option A"), 6.8, EPS);
  /* Names match in any case; a criterion by its name works as by its id. */
  g_assert_cmpfloat_with_epsilon (fp_scoring_weighted_score (scoring, "option a"), 6.8, EPS);
  g_assert_true (fp_scoring_set_score (scoring, "Option A", "Value For Money", 10, &error));
  g_assert_cmpfloat_with_epsilon (fp_scoring_weighted_score (scoring, "Option A"), 8.0, EPS);
  /* Unscored against a criterion: no weighted score. */
  g_assert_true (fp_scoring_set_score (scoring, "Option B", "strategic_fit", 5, &error));
  g_assert_true (isnan (fp_scoring_weighted_score (scoring, "Option B")));

  /* Refusals, each leaving the scoring as it was. */
  g_assert_false (fp_scoring_set_score (scoring, "Option A", "strategic_fit", 11, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (fp_scoring_set_score (scoring, "Option A", "strategic_fit", -1, &error));
  g_clear_error (&error);
  g_assert_false (fp_scoring_set_score (scoring, "Option A", "beauty", 5, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (fp_scoring_set_weight (scoring, "affordability", 120, &error));
  g_clear_error (&error);
  g_assert_cmpfloat_with_epsilon (fp_scoring_weighted_score (scoring, "Option A"), 8.0, EPS);

  /* Weights that do not sum to 100 fail the check. */
  g_assert_true (fp_scoring_set_weight (scoring, "affordability", 9, &error));
  g_assert_false (fp_scoring_check (scoring, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "99"));
  g_clear_error (&error);

  /* A new criterion, then the weights rebalanced; removing one drops its scores. */
  g_assert_true (fp_scoring_add_criterion (scoring, "Equity of access", 1, &error));
  g_assert_true (fp_scoring_check (scoring, &error));
  g_assert_cmpstr (fp_scoring_find_criterion (scoring, "equity of access")->id, ==,
                   "equity_of_access");
  g_assert_false (fp_scoring_add_criterion (scoring, "EQUITY OF ACCESS", 0, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (fp_scoring_remove_criterion (scoring, "strategic_fit", &error));
  g_assert_false (fp_scoring_check (scoring, &error));  /* weights now sum to 60 */
  g_clear_error (&error);
  for (guint i = 0; i < scoring->scores->len; i++)
    g_assert_cmpstr (((FpScore *) g_ptr_array_index (scoring->scores, i))->criterion, !=,
                     "strategic_fit");
}

static void
test_scoring_in_document (void)
{
  g_autofree char *path = fp_test_tmpfile ("scoring.footprint");
  g_autoptr(FpStore) store = fp_store_create (path, NULL);
  g_autoptr(FpScoring) scoring = NULL;
  g_autoptr(FpScoring) again = NULL;
  g_autoptr(FpScoring) bad = NULL;
  g_autoptr(GPtrArray) costs = NULL;
  g_autoptr(GError) error = NULL;
  double score;

  g_assert_nonnull (store);
  g_assert_true (fp_store_save_estate (store, estate, &error));
  g_assert_no_error (error);

  /* A new document holds the Green Book's five, weighted equally. */
  scoring = fp_store_load_scoring (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scoring->criteria->len, ==, 5);
  g_assert_cmpstr (((FpCriterion *) g_ptr_array_index (scoring->criteria, 0))->id, ==, "strategic_fit");
  g_assert_cmpfloat_with_epsilon (((FpCriterion *) g_ptr_array_index (scoring->criteria, 4))->weight,
                                  20, EPS);

  g_assert_true (fp_scoring_set_score (scoring, "Do nothing", "achievability", 10, &error));
  g_assert_true (fp_scoring_set_weight (scoring, "achievability", 40, &error));
  g_assert_true (fp_scoring_set_weight (scoring, "affordability", 0, &error));
  g_assert_true (fp_store_save_scoring (store, scoring, "tests", &error));
  g_assert_no_error (error);

  again = fp_store_load_scoring (store, &error);
  g_assert_no_error (error);
  g_assert_true (fp_scoring_get_score (again, "do nothing", "achievability", &score));
  g_assert_cmpfloat_with_epsilon (score, 10, EPS);
  g_assert_cmpfloat_with_epsilon (fp_scoring_find_criterion (again, "Achievability")->weight, 40, EPS);

  /* A scoring whose weights do not sum to 100 is refused and changes nothing. */
  bad = fp_scoring_copy (again);
  g_assert_true (fp_scoring_set_weight (bad, "strategic_fit", 50, &error));
  g_assert_false (fp_store_save_scoring (store, bad, "tests", &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_pointer (&again, fp_scoring_free);
  again = fp_store_load_scoring (store, &error);
  g_assert_cmpfloat_with_epsilon (fp_scoring_find_criterion (again, "strategic_fit")->weight, 20, EPS);

  /* Costs entered for options. */
  {
    g_autoptr(FpAppraisalCost) c = fp_appraisal_cost_new ("Leave and sell", FP_COST_TRANSITION,
                                                          2026, 200000, "=cmd|' /C calc'!A0");
    g_autoptr(FpAppraisalCost) negative = fp_appraisal_cost_new ("X", FP_COST_CAPITAL, 2026, -1, NULL);

    g_assert_true (fp_store_add_appraisal_cost (store, c, "tests", &error));
    g_assert_false (fp_store_add_appraisal_cost (store, negative, "tests", &error));
    g_clear_error (&error);
  }
  costs = fp_store_load_appraisal_costs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (costs->len, ==, 1);
  g_assert_cmpint (((FpAppraisalCost *) g_ptr_array_index (costs, 0))->kind, ==, FP_COST_TRANSITION);
  g_assert_cmpstr (((FpAppraisalCost *) g_ptr_array_index (costs, 0))->note, ==, "=cmd|' /C calc'!A0");
  g_assert_true (fp_store_clear_appraisal_costs (store, "LEAVE AND SELL", &error));
  g_clear_pointer (&costs, g_ptr_array_unref);
  costs = fp_store_load_appraisal_costs (store, &error);
  g_assert_cmpuint (costs->len, ==, 0);
}

/* A document of schema 3 gains the default criteria when it is opened. */
static void
test_migration (void)
{
  g_autofree char *path = fp_test_tmpfile ("v3.footprint");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) old = fp_store_create_at_version (path, 3, &error);
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpScoring) scoring = NULL;

  g_assert_no_error (error);
  g_clear_object (&old);
  store = fp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fp_store_get_schema_version (store), ==, FP_STORE_SCHEMA_VERSION);
  scoring = fp_store_load_scoring (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scoring->criteria->len, ==, 5);
  g_assert_true (fp_scoring_check (scoring, NULL));
}

/* ---- The appraisal: ranking and sensitivity ----------------------------------------------- */

static void
test_appraisal_ranks (void)
{
  g_autoptr(GPtrArray) changes = leave_and_sell ();
  g_autoptr(GPtrArray) exit_only = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(GPtrArray) costs = transition_cost ();
  g_autoptr(FpScoring) scoring = fp_scoring_new_default ();
  g_autoptr(FpAppraisal) a = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "Do nothing", "Leave and sell", "Leave N5", NULL };
  GPtrArray *option_changes[] = { NULL, changes, exit_only };
  FpAppraisalSettings s;
  const FpOptionAppraisal *dn, *ls, *ln;

  g_ptr_array_add (exit_only, change ("{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"N5\", "
                                      "\"confidence\": 0.5}"));
  fp_appraisal_settings_init (&s, model);
  a = fp_appraisal_compute (model, &s, names, option_changes, costs, scoring, &error);
  g_assert_no_error (error);

  dn = g_ptr_array_index (a->options, 0);
  ls = g_ptr_array_index (a->options, 1);
  ln = g_ptr_array_index (a->options, 2);
  g_assert_cmpfloat_with_epsilon (dn->npv, 0, EPS);
  /* Leave N5: 30k risk-adjusted a year from 2027, discounted. */
  g_assert_cmpfloat_with_epsilon (ln->npv_risk_adjusted,
                                  30000 * (pow (1.035, -2) + pow (1.035, -3) + pow (1.035, -4) +
                                           pow (1.035, -5)), 1e-6);
  g_assert_cmpfloat (ls->npv_risk_adjusted, <, 0);
  g_assert_cmpuint (ln->rank, ==, 1);
  g_assert_cmpuint (dn->rank, ==, 2);
  g_assert_cmpuint (ls->rank, ==, 3);
  g_assert_cmpuint (a->preferred, ==, 2);
  /* The transition cost was entered for "Leave and sell" only. */
  g_assert_cmpfloat_with_epsilon (ln->totals[FP_FLOW_TRANSITION_COSTS], 0, EPS);
  g_assert_cmpfloat_with_epsilon (ls->totals[FP_FLOW_TRANSITION_COSTS], 200000, EPS);
  /* Nobody is scored. */
  g_assert_true (isnan (ln->weighted_score));
  g_assert_cmpuint (ln->score_rank, ==, 0);

  /* Do nothing must come first, and an option only once. */
  {
    const char *bad[] = { "Leave N5", "Do nothing", NULL };
    const char *twice[] = { "Do nothing", "Leave N5", "leave n5", NULL };
    GPtrArray *bad_changes[] = { exit_only, NULL, exit_only };
    FpAppraisal *none;

    none = fp_appraisal_compute (model, &s, bad, bad_changes, NULL, scoring, &error);
    g_assert_null (none);
    g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    none = fp_appraisal_compute (model, &s, twice, option_changes, NULL, scoring, &error);
    g_assert_null (none);
    g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
}

/* A hand-built appraisal: Do nothing, and option A that spends 1,000 of capital now for
 * 150 a year in years 1 to 10. At 3.5% the annuity factor is (1 − 1.035^−10) ÷ 0.035 =
 * 8.31661, so A's NPV is 150 × 8.31661 − 1,000 × 1.24 = 1,247.49 − 1,240 = 7.49: A is
 * preferred, narrowly. It stops being preferred when 1,000 × (1 + OB) exceeds 1,247.49, at
 * OB = 24.749%, and when the annuity factor falls below 1,240 ÷ 150 = 8.26667, at a rate of
 * about 3.61%. */
static FpOptionAppraisal *
hand_option (const char *name,
             double      capital,
             double      benefit)
{
  FpOptionAppraisal *o = g_new0 (FpOptionAppraisal, 1);
  guint ny = 11;

  o->name = g_strdup (name);
  o->n_years = ny;
  o->flows = g_new0 (double, FP_N_FLOWS * ny);
  o->benefits = g_new0 (double, ny);
  o->benefits_risk_adjusted = g_new0 (double, ny);
  o->flows[FP_FLOW_CAPITAL_COSTS * ny + 0] = capital;
  for (guint t = 1; t < ny; t++)
    o->benefits[t] = o->benefits_risk_adjusted[t] = benefit;
  return o;
}

static double
annuity (double r)
{
  return (1 - pow (1 + r, -10)) / r;
}

static FpAppraisal *
hand_appraisal (double benefit)
{
  FpAppraisal *a = g_new0 (FpAppraisal, 1);
  FpAppraisalSettings s = {
    .base_year = 2025, .n_years = 11, .discount_rate = 0.035, .discount_rate_long = 0.03,
    .long_rate_from_year = 31, .optimism_bias = 0.24,
  };

  a->settings = s;
  a->options = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_option_appraisal_free);
  g_ptr_array_add (a->options, hand_option ("Do nothing", 0, 0));
  g_ptr_array_add (a->options, hand_option ("A", 1000, benefit));
  for (guint i = 0; i < a->options->len; i++)
    {
      FpOptionAppraisal *o = g_ptr_array_index (a->options, i);

      o->npv_risk_adjusted = fp_option_appraisal_npv_at (o, &a->settings, TRUE);
      o->weighted_score = NAN;
    }
  fp_appraisal_rank (a);
  fp_appraisal_find_switching_values (a);
  return a;
}

static void
test_sensitivity (void)
{
  g_autoptr(FpAppraisal) a = hand_appraisal (150);
  g_autoptr(FpAppraisal) b = hand_appraisal (400);
  g_autofree char *line = NULL;
  g_autofree char *line_b = NULL;
  FpOptionAppraisal *opt = g_ptr_array_index (a->options, 1);
  FpAppraisalSettings at;

  g_assert_cmpfloat_with_epsilon (opt->npv_risk_adjusted, 150 * annuity (0.035) - 1240, 1e-9);
  g_assert_cmpuint (a->preferred, ==, 1);

  /* Optimism bias: closed form. */
  g_assert_cmpfloat_with_epsilon (a->optimism_bias.above, 150 * annuity (0.035) / 1000 - 1, 1e-6);
  g_assert_cmpuint (a->optimism_bias.option_above, ==, 0);
  g_assert_true (isnan (a->optimism_bias.below));

  /* Discount rate: where 150 × annuity(r) = 1,240, checked with the closed-form annuity;
   * at a lower rate A stays preferred. */
  g_assert_false (isnan (a->discount_rate.above));
  g_assert_cmpfloat (a->discount_rate.above, >, 0.0355);
  g_assert_cmpfloat (a->discount_rate.above, <, 0.0370);
  g_assert_cmpfloat_with_epsilon (150 * annuity (a->discount_rate.above), 1240, 1e-4);
  g_assert_true (isnan (a->discount_rate.below));
  at = a->settings;
  at.discount_rate = a->discount_rate.above + 1e-4;
  g_assert_cmpfloat (fp_option_appraisal_npv_at (opt, &at, TRUE), <, 0);

  line = fp_appraisal_describe_sensitivity (a);
  g_assert_nonnull (strstr (line, "“A” has the highest risk-adjusted NPV."));
  g_assert_nonnull (strstr (line, "“Do nothing” would be preferred at a discount rate above 3.6%."));
  g_assert_nonnull (strstr (line, "“Do nothing” would be preferred at an optimism bias above 24.7%."));

  /* With 400 a year, A wins at any rate to 10% (annuity 6.1446 × 400 = 2,458 > 1,240) and
   * any optimism bias to 200% (at 3.5% it would switch only at 400 × 8.31661 ÷ 1,000 − 1 =
   * 232.7%, beyond the range). */
  g_assert_true (isnan (b->discount_rate.above));
  g_assert_true (isnan (b->optimism_bias.above));
  /* When the scoring prefers another option, the line says so. */
  ((FpOptionAppraisal *) g_ptr_array_index (a->options, 0))->weighted_score = 9;
  ((FpOptionAppraisal *) g_ptr_array_index (a->options, 1))->weighted_score = 5;
  fp_appraisal_rank (a);
  g_clear_pointer (&line, g_free);
  line = fp_appraisal_describe_sensitivity (a);
  g_assert_cmpuint (a->preferred, ==, 1);
  g_assert_nonnull (strstr (line, "On the critical success factors “Do nothing” scores highest "
                                  "(9.0 of 10)."));

  line_b = fp_appraisal_describe_sensitivity (b);
  g_assert_nonnull (strstr (line_b, "It stays preferred at any discount rate from 0.0% to 10.0%."));
  g_assert_nonnull (strstr (line_b, "It stays preferred at any optimism bias from 0.0% to 200.0%."));
  g_assert_null (strstr (line_b, "critical success factors"));

  /* The long-term rate and its first year are assumptions a user may set. */
  g_assert_true (fp_assumption_check ("discount_rate_long", 0.03, NULL));
  g_assert_true (fp_assumption_check ("discount_rate_long_from_year", 31, NULL));
  g_assert_false (fp_assumption_check ("discount_rate_long", 0.9, NULL));
  g_assert_false (fp_assumption_check ("discount_rate_long_from_year", 30.5, NULL));
}

/* ---- JSON --------------------------------------------------------------------------------- */

static void
test_json (void)
{
  g_autoptr(GPtrArray) changes = leave_and_sell ();
  g_autoptr(FpScoring) scoring = fp_scoring_new_default ();
  g_autoptr(FpAppraisal) a = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *names[] = { "Do nothing", "Leave and sell", NULL };
  GPtrArray *option_changes[] = { NULL, changes };
  const char *top[] = { "discount_rate", "optimism_bias", "horizon_years", "preferred_option",
                        "sensitivity", "options" };
  const char *keys[] = { "name", "npv", "npv_risk_adjusted", "revenue_savings_by_year",
                         "capital_receipts", "capital_costs", "weighted_score", "rank", "ledger" };
  FpAppraisalSettings s;
  JsonObject *object, *option;
  JsonArray *ledger;
  double ledger_sum = 0;

  fp_appraisal_settings_init (&s, model);
  a = fp_appraisal_compute (model, &s, names, option_changes, NULL, scoring, &error);
  g_assert_no_error (error);
  json = fp_appraisal_to_json (a);
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  object = json_node_get_object (root);

  for (guint i = 0; i < G_N_ELEMENTS (top); i++)
    g_assert_true (json_object_has_member (object, top[i]));
  g_assert_cmpint (json_object_get_int_member (object, "horizon_years"), ==, 5);
  option = json_array_get_object_element (json_object_get_array_member (object, "options"), 1);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (option, keys[i]));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      option, "revenue_savings_by_year")), ==, 6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (option, "capital_receipts"),
                                  950000, EPS);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (option, "capital_costs"),
                                  2480000, EPS);
  g_assert_true (json_object_get_null_member (option, "weighted_score"));

  ledger = json_object_get_array_member (option, "ledger");
  for (guint i = 0; i < json_array_get_length (ledger); i++)
    ledger_sum += json_object_get_double_member (json_array_get_object_element (ledger, i),
                                                 "benefits_risk_adjusted");
  g_assert_cmpfloat_with_epsilon (ledger_sum,
                                  json_object_get_double_member (option, "benefits_risk_adjusted"),
                                  EPS);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  bytes = fp_test_read_data_file ("appraisal-estate.json");
  estate = fp_dataset_parse (bytes, &error);
  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fp/appraisal/green-book-factors", test_green_book_factors);
  g_test_add_func ("/fp/appraisal/settings", test_settings_from_document);
  g_test_add_func ("/fp/appraisal/option-by-hand", test_option_by_hand);
  g_test_add_func ("/fp/appraisal/ledger-adds-up", test_ledger_adds_up);
  g_test_add_func ("/fp/appraisal/ledger-interacting", test_ledger_interacting_changes);
  g_test_add_func ("/fp/appraisal/scoring", test_scoring);
  g_test_add_func ("/fp/appraisal/scoring-in-document", test_scoring_in_document);
  g_test_add_func ("/fp/appraisal/migration", test_migration);
  g_test_add_func ("/fp/appraisal/ranks", test_appraisal_ranks);
  g_test_add_func ("/fp/appraisal/sensitivity", test_sensitivity);
  g_test_add_func ("/fp/appraisal/json", test_json);

  return g_test_run ();
}
