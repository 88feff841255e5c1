/* fp-cli-validation.c: footprint-cli validation, the baseline beside the 2016 plan.
 *
 * Sets every figure of the 2016 Birmingham and Solihull estates plan that the project's
 * sources quote (the document's plan_2016.* assumptions and plan_buildings) beside what the
 * model computes from the document: buildings, property interests, voids, A&E, bed
 * occupancy, the do-nothing bed gap and the growth it would take, and the example options'
 * appraisal against the plan's quick wins. docs/validation.md is this command's output on a
 * new default document (tests/check-validation.sh checks it is current).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "footprint-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "fp-cli.h"

typedef struct
{
  Document        *doc;
  const FpEstate  *estate;
  FpResults       *dn;
  int              base_year;
  guint            n_years;
  guint            gap_years;     /* the plan's "within five years" */
  char            *price_base;    /* "2025/26" */

  guint            n_sites, n_current, n_interests;
  double           plan_buildings, plan_interests;
  double           void_lift, void_nhsps, plan_void_lift, plan_void_nhsps;
  double           index_2016;    /* base-year prices / 2016-17, NAN when unknown */
  double           ae_model, ae_plan, ae_plan_year;
  double           acute_occupancy;

  double           plan_gap;
  double           acute_growth;  /* the model's yearly growth of acute bed-days */
  double           growth_needed; /* for the plan's gap */
  double           occupancy_needed;
  double           population_growth;  /* all ages, the projection */
  double           los_cut;       /* closes the model's own gap */
  double           los_released;
  double           los_gap_after;

  FpAppraisal     *appraisal;
  double           plan_potential, plan_risk_adjusted;
} Validation;

static void
validation_clear (Validation *v)
{
  g_clear_pointer (&v->dn, fp_results_free);
  g_clear_pointer (&v->appraisal, fp_appraisal_free);
  g_clear_pointer (&v->price_base, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Validation, validation_clear)

static double
assumption (const Validation *v,
            const char       *key)
{
  return fp_estate_get_assumption (v->estate, key, NAN);
}

static const char *
plan_note (const Validation *v,
           const char       *key)
{
  const FpAssumption *a = fp_estate_find_assumption (v->estate, key);

  return a != NULL && a->prov.note != NULL ? a->prov.note : "not in this document";
}

static const FpBedTotals *
acute (const Validation *v,
       guint             y)
{
  return &v->dn->totals[y].beds_by_setting[FP_SETTING_ACUTE];
}

/* ---- Computing -------------------------------------------------------------------- */

static gboolean
compute (Validation *v,
         Document   *doc,
         GError    **error)
{
  const FpEstate *estate = doc->estate;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *deflator_key = NULL;
  guint g, inpatient;
  double p0 = 0, p1 = 0;

  v->doc = doc;
  v->estate = estate;
  v->dn = results_for (doc, NULL, error);
  if (v->dn == NULL)
    return FALSE;
  v->base_year = v->dn->base_year;
  v->n_years = v->dn->n_years;
  v->price_base = g_strdup (estate->price_base ? estate->price_base : "base-year");

  /* Buildings and interests. */
  v->n_sites = estate->sites->len;
  for (guint s = 0; s < estate->sites->len; s++)
    if (fp_estate_get_site (estate, s)->status == FP_SITE_STATUS_CURRENT)
      v->n_current++;
  v->n_interests = estate->interests->len;
  v->plan_buildings = estate->plan_buildings > 0 ? estate->plan_buildings : NAN;
  v->plan_interests = assumption (v, "plan_2016.property_interests");

  /* Voids, Do nothing in the base year, and the plan's at base-year prices. */
  v->void_lift = v->dn->totals[0].void_cost_lift;
  v->void_nhsps = v->dn->totals[0].void_cost_nhsps;
  v->plan_void_lift = assumption (v, "plan_2016.void_lift");
  v->plan_void_nhsps = assumption (v, "plan_2016.void_nhsps");
  if (estate->price_base != NULL)
    {
      g_autofree char *fy = g_strdelimit (g_strdup (estate->price_base), "/", '_');

      deflator_key = g_strconcat ("gdp_deflator.", fy, NULL);
    }
  v->index_2016 = deflator_key != NULL
                   ? assumption (v, deflator_key) / assumption (v, "gdp_deflator.2016_17") : NAN;

  /* A&E. */
  v->ae_model = NAN;
  if (fp_estate_find_service (estate, "ae_attendances", &g))
    v->ae_model = fp_results_activity_at_sites (v->dn, 0, g);
  v->ae_plan = assumption (v, "ae_attendances_total");
  v->ae_plan_year = assumption (v, "plan_2016.ae_baseline_year");

  /* Beds. */
  v->acute_occupancy = acute (v, 0)->beds > 0
                       ? acute (v, 0)->bed_days / (acute (v, 0)->beds * 365.0) : NAN;
  v->plan_gap = assumption (v, "plan_2016.bed_gap");
  g = isnan (assumption (v, "plan_2016.bed_gap_years")) ? 5
      : (guint) assumption (v, "plan_2016.bed_gap_years");
  v->gap_years = MIN (g, v->n_years - 1);
  v->acute_growth = pow (acute (v, v->gap_years)->bed_days / acute (v, 0)->bed_days,
                         1.0 / v->gap_years) - 1;
  v->growth_needed = pow ((acute (v, 0)->beds + v->plan_gap) / acute (v, 0)->beds_required,
                          1.0 / v->gap_years) - 1;
  v->occupancy_needed = acute (v, 0)->bed_days /
                        (365.0 * (acute (v, v->gap_years)->beds_required - v->plan_gap));
  for (guint i = 0; i < estate->assumptions->len; i++)
    {
      const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);

      if (g_str_has_prefix (a->key, "population_projection.") && g_str_has_suffix (a->key, ".2025"))
        p0 += a->value;
      if (g_str_has_prefix (a->key, "population_projection.") && g_str_has_suffix (a->key, ".2035"))
        p1 += a->value;
    }
  v->population_growth = p0 > 0 ? pow (p1 / p0, 0.1) - 1 : NAN;

  /* The cut in acute stays that would close the model's own gap in the plan's five years,
   * tried on the engine as a reduce_length_of_stay change at every acute site. */
  v->los_cut = v->los_released = v->los_gap_after = NAN;
  if (acute (v, v->gap_years)->bed_gap > 0 &&
      fp_estate_find_service (estate, "inpatient_bed_days", &inpatient))
    {
      g_autoptr(FpChange) cut = fp_change_new (FP_CHANGE_REDUCE_LENGTH_OF_STAY, v->base_year + 1);
      g_autoptr(GPtrArray) changes = g_ptr_array_new ();
      g_autoptr(FpResults) res = NULL;

      cut->service = g_strdup ("inpatient_bed_days");
      cut->share = acute (v, v->gap_years)->bed_gap / acute (v, v->gap_years)->beds_required;
      g_ptr_array_add (changes, cut);
      res = fp_compute_scenario (doc->model, changes, NULL, error);
      if (res == NULL)
        return FALSE;
      v->los_cut = cut->share;
      {
        const FpBedTotals *after = &res->totals[v->gap_years].beds_by_setting[FP_SETTING_ACUTE];

        v->los_released = after->bed_equivalents_released_los;
        v->los_gap_after = after->bed_gap;
      }
    }

  /* The example options' appraisal. */
  g_ptr_array_add (names, FP_DO_NOTHING);
  for (guint i = 0; i < document_scenarios (doc)->len; i++)
    {
      const FpScenario *s = g_ptr_array_index (document_scenarios (doc), i);

      if (g_str_has_prefix (s->name, FP_EXAMPLE_PREFIX))
        g_ptr_array_add (names, s->name);
    }
  g_ptr_array_add (names, NULL);
  v->appraisal = fp_appraisal_compute_for_workspace (doc->workspace,
                                                     (const char * const *) names->pdata, error);
  if (v->appraisal == NULL)
    return FALSE;
  v->plan_potential = assumption (v, "plan_2016.quick_wins_potential");
  v->plan_risk_adjusted = assumption (v, "plan_2016.quick_wins_risk_adjusted");

  return TRUE;
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

/* ---- Markdown ------------------------------------------------------------------- */

static char *
pct (double fraction,
     int    digits)
{
  g_autofree char *n = fp_format_decimal (fraction * 100.0, digits);

  return g_strconcat (n, "%", NULL);
}

/* Millions of pounds to one decimal: "£4.7m", "−£2.1m". */
static char *
money_m (double value)
{
  g_autofree char *n = fp_format_decimal (fabs (value) / 1e6, 1);

  if (!isfinite (value))
    return g_strdup (FP_FORMAT_UNKNOWN);
  return g_strdup_printf ("%s£%sm", value < 0 && g_strcmp0 (n, "0.0") != 0 ? "−" : "", n);
}

static void
render_markdown (const Validation *v,
                 GString          *out)
{
  const FpEstate *estate = v->estate;
  guint y5 = v->gap_years, last = v->n_years - 1;
  int year5 = v->base_year + (int) y5;
  g_autofree char *n_sites = fp_format_count (v->n_sites);
  g_autofree char *n_current = fp_format_count (v->n_current);
  g_autofree char *plan_buildings = fp_format_count (v->plan_buildings);
  g_autofree char *d_buildings = fp_format_count (v->n_sites - v->plan_buildings);
  g_autofree char *n_interests = fp_format_count (v->n_interests);
  g_autofree char *plan_interests = fp_format_count (v->plan_interests);
  g_autofree char *d_interests = fp_format_count (v->n_interests - v->plan_interests);
  g_autofree char *void_lift = money_m (v->void_lift);
  g_autofree char *plan_void_lift = money_m (v->plan_void_lift);
  g_autofree char *plan_void_lift_now = money_m (v->plan_void_lift * v->index_2016);
  g_autofree char *d_lift = money_m (v->void_lift - v->plan_void_lift * v->index_2016);
  g_autofree char *void_nhsps = money_m (v->void_nhsps);
  g_autofree char *plan_void_nhsps = money_m (v->plan_void_nhsps);
  g_autofree char *plan_void_nhsps_now = money_m (v->plan_void_nhsps * v->index_2016);
  g_autofree char *d_nhsps = money_m (v->void_nhsps - v->plan_void_nhsps * v->index_2016);
  g_autofree char *index = fp_format_decimal (v->index_2016, 4);
  g_autofree char *ae_model = fp_format_count (v->ae_model);
  g_autofree char *ae_plan = fp_format_count (v->ae_plan);
  g_autofree char *d_ae = fp_format_count (v->ae_model - v->ae_plan);
  g_autofree char *occupancy = pct (v->acute_occupancy, 1);
  g_autofree char *target = pct (fp_model_get_assumption (v->doc->model,
                                                          "target_bed_occupancy"), 0);
  g_autofree char *gap5 = fp_format_decimal (acute (v, y5)->bed_gap, 0);
  g_autofree char *gap5_all = fp_format_decimal (v->dn->totals[y5].beds.bed_gap, 0);
  g_autofree char *plan_gap = fp_format_count (v->plan_gap);
  g_autofree char *d_gap = fp_format_decimal (acute (v, y5)->bed_gap - v->plan_gap, 0);
  g_autofree char *acute_growth = pct (v->acute_growth, 2);
  g_autofree char *growth_needed = pct (v->growth_needed, 2);
  g_autofree char *population_growth = pct (v->population_growth, 2);
  g_autofree char *occupancy_needed = pct (v->occupancy_needed, 1);
  g_autofree char *beds0 = fp_format_count (acute (v, 0)->beds);
  g_autofree char *required0 = fp_format_decimal (acute (v, 0)->beds_required, 1);
  g_autofree char *required5 = fp_format_decimal (acute (v, y5)->beds_required, 1);
  g_autofree char *spells0 = fp_format_count (acute (v, 0)->spells);
  g_autofree char *bed_days0 = fp_format_count (acute (v, 0)->bed_days);

  g_string_append (out,
    "# The default baseline beside the 2016 plan\n\n"
    "<!-- GENERATED by `footprint-cli validation --document PATH` on a new default document\n"
    "     (footprint-cli init). tests/check-validation.sh checks that this page is the\n"
    "     command's output: change the code or the data, then regenerate it; never edit it by\n"
    "     hand. -->\n\n"
    "The 2016 Birmingham and Solihull STP estates plan's own figures, beside what Footprint "
    "computes\nfrom the open data on a new default document (Do nothing, base year ");
  g_string_append_printf (out, "%d, every cost at\n%s prices). The plan itself is not in the "
                          "shared data: each of its figures here is the\nquote the project's "
                          "briefs give, with where it is quoted (the document's `plan_2016.*`\n"
                          "assumptions). A plan figure is a comparison, never a target: "
                          "nothing in the dataset is\nscaled to it. A figure of the plan that "
                          "no source quotes is not restated.\n\n", v->base_year,
                          v->price_base);

  /* The figures side by side. */
  g_string_append (out, "## The figures side by side\n\n"
                        "| figure | model | the 2016 plan | difference | "
                        "where the plan's figure is quoted |\n"
                        "|---|---:|---:|---:|---|\n");
  g_string_append_printf (out, "| buildings | %s (%s current) | circa %s | %s | the data brief "
                          "(DATA.md); the dataset's `plan_buildings` |\n", n_sites, n_current,
                          plan_buildings, d_buildings);
  g_string_append_printf (out, "| property interests | %s | %s+ | %s or more | %s |\n",
                          n_interests, plan_interests, d_interests,
                          plan_note (v, "plan_2016.property_interests"));
  g_string_append_printf (out, "| LIFT voids a year | %s | circa %s (2016 cash; %s at %s "
                          "prices) | %s | %s |\n", void_lift, plan_void_lift, plan_void_lift_now,
                          v->price_base, d_lift, plan_note (v, "plan_2016.void_lift"));
  g_string_append_printf (out, "| NHS Property Services voids a year | %s | circa %s (2016 cash; "
                          "%s at %s prices) | %s | %s |\n", void_nhsps, plan_void_nhsps,
                          plan_void_nhsps_now, v->price_base, d_nhsps,
                          plan_note (v, "plan_2016.void_nhsps"));
  g_string_append_printf (out, "| A&E attendances a year | %s (%d) | %s (%.0f/%02d) | %s | %s |\n",
                          ae_model, v->base_year, ae_plan, v->ae_plan_year,
                          ((int) v->ae_plan_year + 1) % 100, d_ae,
                          plan_note (v, "ae_attendances_total"));
  g_string_append_printf (out, "| acute bed occupancy | %s (%d) | not quoted | — | none of the "
                          "project's sources quotes the plan's occupancy |\n", occupancy,
                          v->base_year);
  g_string_append_printf (out, "| do-nothing bed gap in %u years | %s acute beds (%s all beds) "
                          "by %d | about %s | %s | %s |\n", v->gap_years, gap5, gap5_all, year5,
                          plan_gap, d_gap, plan_note (v, "plan_2016.bed_gap"));
  {
    FpOptionAppraisal *o;
    double npv = 0, npv_ra = 0;

    for (guint i = 1; i < v->appraisal->options->len; i++)
      {
        o = g_ptr_array_index (v->appraisal->options, i);
        npv += o->npv;
        npv_ra += o->npv_risk_adjusted;
      }
    {
      g_autofree char *a = money_m (npv);
      g_autofree char *b = money_m (v->plan_potential);
      g_autofree char *c = money_m (npv - v->plan_potential);
      g_autofree char *d = money_m (npv_ra);
      g_autofree char *e = money_m (v->plan_risk_adjusted);
      g_autofree char *f = money_m (npv_ra - v->plan_risk_adjusted);

      g_string_append_printf (out, "| quick wins, potential | %s (NPV of the %u example "
                              "options, %d-%d) | %s | %s | %s |\n", a,
                              v->appraisal->options->len - 1, v->base_year,
                              v->base_year + (int) last, b, c,
                              plan_note (v, "plan_2016.quick_wins_potential"));
      g_string_append_printf (out, "| quick wins, risk-adjusted | %s (risk-adjusted NPV) | %s | "
                              "%s | %s |\n\n", d, e, f,
                              plan_note (v, "plan_2016.quick_wins_risk_adjusted"));
    }
  }

  /* Why. */
  g_string_append (out, "## Why they differ\n\n");
  g_string_append_printf (out,
    "- **Buildings and interests.** The open record locates only the buildings some public "
    "list\n  names: NHS Property Services and LIFT holdings, GP-owned and privately leased "
    "surgeries, and\n  trusts' offices, stores and residential units are missing unless a "
    "list names a service\n  there (docs/data.md, \"The gap\"). Each building has one head "
    "interest and one more per\n  occupier seen in a source row dated 2018 or later; leases, "
    "licences and sub-lets are not\n  published. A planner completes both by importing a "
    "register.\n");
  g_string_append_printf (out,
    "- **LIFT voids.** Each LIFT building's void is its clinical rooms less those its "
    "estimated\n  demand needs at the 85%% target, or its stated utilisation where the "
    "evidence gives one\n  (docs/data.md, \"Voids\"). The plan's figure is 2016 cash (%s at "
    "%s prices, x %s,\n  the GDP deflator) and may count non-clinical space, rooms let but "
    "little used, and voids\n  filled since.\n", plan_void_lift_now, v->price_base, index);
  g_string_append (out,
    "- **NHS Property Services voids.** No floor area is published for any NHS Property "
    "Services\n  building in BSol, so the model sizes them from their demand and cannot see "
    "their empty\n  rooms: the plan's figure is not reproduced, and the model says so rather "
    "than scale a\n  national rate to it.\n");
  g_string_append (out,
    "- **A&E.** An input, not a check: the plan's 2015/16 baseline is used unchanged as the "
    "base\n  year's volume and split between the type 1 sites, so the difference is nil by "
    "construction.\n");
  g_string_append_printf (out,
    "- **Occupancy.** The model's acute beds were sized from ERIC's bed-days at the %s "
    "planning\n  ceiling and rounded up, so its base-year occupancy is just under %s by "
    "construction. What\n  the plan measured is not quoted anywhere the project can trace, "
    "so it is not restated.\n", target, target);
  g_string_append_printf (out,
    "- **The bed gap.** The model's gap in %d is growth alone (the base-year gap is nil by\n"
    "  construction): acute bed-days grow %s a year with BSol's ageing. The plan's %s needs "
    "more\n  (next section).\n", year5, acute_growth, plan_gap);
  {
    g_autofree char *p = money_m (v->plan_potential);
    g_autofree char *r = pct (v->appraisal->settings.discount_rate, 1);

    g_string_append_printf (out,
      "- **Quick wins.** The plan's quote does not say whether %s is a yearly saving or a "
      "total,\n  over what years, or in what prices; the model's figure is the NPV over the "
      "horizon of the\n  example options at %s (\"The example options\" below). They are "
      "not like for like.\n\n", p, r);
  }

  /* Beds. */
  {
    g_autofree char *los = fp_format_decimal (assumption (v, "length_of_stay.inpatient_bed_days"),
                                              1);

    g_string_append_printf (out,
      "## Beds as the plans count them\n\n"
      "Beds required = bed-days / (365 x target occupancy), against the physical beds "
      "(docs/model.md,\n\"Beds as the plans count them\"). Acute hospitals, Do nothing; in %d "
      "the %s bed-days are about\n%s spells at the %s-day national length of stay (an "
      "estimate: no source gives BSol's\nspells).\n\n", v->base_year, bed_days0, spells0, los);
  }
  g_string_append (out, "| year | acute beds | acute bed-days | beds required | gap | all beds | "
                        "all beds required | all gap |\n"
                        "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (guint y = 0; y < v->n_years; y++)
    {
      const FpBedTotals *a = acute (v, y), *t = &v->dn->totals[y].beds;
      g_autofree char *b = fp_format_count (a->beds);
      g_autofree char *bd = fp_format_count (a->bed_days);
      g_autofree char *br = fp_format_decimal (a->beds_required, 1);
      g_autofree char *gp = fp_format_decimal (a->bed_gap, 1);
      g_autofree char *tb = fp_format_count (t->beds);
      g_autofree char *tbr = fp_format_decimal (t->beds_required, 1);
      g_autofree char *tgp = fp_format_decimal (t->bed_gap, 1);

      g_string_append_printf (out, "| %d | %s | %s | %s | %s | %s | %s | %s |\n",
                              v->base_year + (int) y, b, bd, br, gp, tb, tbr, tgp);
    }

  g_string_append_printf (out,
    "\n### What it takes to reproduce the plan's %s beds\n\n"
    "- **The data's growth.** Acute bed-days grow %s a year over %d-%d in the model: each "
    "age\n  group's share of acute bed-days times its growth in the ONS 2022-based projection "
    "for\n  Birmingham and Solihull (docs/data.md):\n", plan_gap, acute_growth, v->base_year,
    year5);
  for (guint i = 0; i < estate->assumptions->len; i++)
    {
      const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);
      const char *group = a->key + strlen ("population_growth.");
      g_autofree char *share_key = NULL;
      g_autofree char *r = NULL;
      g_autofree char *w = NULL;

      if (!g_str_has_prefix (a->key, "population_growth."))
        continue;
      share_key = g_strconcat ("bed_day_share.inpatient_bed_days.", group, NULL);
      r = pct (a->value, 2);
      w = pct (assumption (v, share_key), 0);
      g_string_append_printf (out, "  `%s`: %s of acute bed-days, growing %s a year;\n", group,
                              w, r);
    }
  g_string_append_printf (out,
    "  the whole population grows %s a year (2025-2035). That opens a gap of %s acute beds "
    "by %d.\n", population_growth, gap5, year5);
  g_string_append_printf (out,
    "- **The growth the plan's gap needs.** From the model's %s acute beds and %s beds "
    "required\n  in %d, a gap of %s in %u years needs acute bed-days to grow **%s a year**, "
    "about %.1f\n  times the growth the data gives.\n", beds0, required0, v->base_year,
    plan_gap, v->gap_years, growth_needed, v->growth_needed / v->acute_growth);
  g_string_append_printf (out,
    "- **Or fewer beds today.** With the data's growth, the plan's gap would open if BSol's "
    "acute\n  beds already ran at **%s** occupancy in %d (beds sized at %s in the model: "
    "%s required\n  by %d, less %s). The plan's beds were counted, the model's are estimated "
    "from ERIC's\n  food costs, and its occupancy is not quoted: either could explain the "
    "rest.\n", occupancy_needed, v->base_year, target, required5, year5, plan_gap);
  if (isfinite (v->los_cut))
    {
      g_autofree char *cut = pct (v->los_cut, 1);
      g_autofree char *released = fp_format_decimal (v->los_released, 0);
      g_autofree char *after = fp_format_decimal (v->los_gap_after, 1);

      g_string_append_printf (out,
        "- **What closes the model's own gap.** A `reduce_length_of_stay` change cutting "
        "acute stays\n  by %s from %d at every acute site releases %s bed equivalents by %d "
        "and leaves a gap\n  of %s: the spells are the same, the bed-days fewer.\n", cut,
        v->base_year + 1, released, year5, after);
    }
  g_string_append (out, "\n");

  /* The example options. */
  g_string_append_printf (out,
    "## The example options beside the plan's quick wins\n\n"
    "A new default document holds %u example options built from the plan's own ideas "
    "(docs/appraisal.md, \"The example options\"); their appraisal against Do nothing, %d-%d, "
    "at the\nGreen Book rates, with no transition costs entered:\n\n"
    "| option | changes | revenue saving in %d | benefits, undiscounted | risk-adjusted, "
    "undiscounted | NPV | risk-adjusted NPV |\n|---|---:|---:|---:|---:|---:|---:|\n",
    v->appraisal->options->len - 1, v->base_year, v->base_year + (int) last,
    v->base_year + (int) last);
  {
    double t_saving = 0, t_benefits = 0, t_ra = 0, t_npv = 0, t_npv_ra = 0;
    guint t_changes = 0;

    for (guint i = 1; i < v->appraisal->options->len; i++)
      {
        FpOptionAppraisal *o = g_ptr_array_index (v->appraisal->options, i);
        double saving = fp_option_appraisal_flow (o, FP_FLOW_REVENUE_SAVINGS)[last];
        double benefits = sum (o->benefits, o->n_years);
        double ra = sum (o->benefits_risk_adjusted, o->n_years);
        g_autofree char *a = money_m (saving);
        g_autofree char *b = money_m (benefits);
        g_autofree char *c = money_m (ra);
        g_autofree char *d = money_m (o->npv);
        g_autofree char *e = money_m (o->npv_risk_adjusted);

        g_string_append_printf (out, "| %s | %u | %s | %s | %s | %s | %s |\n", o->name,
                                o->changes->len, a, b, c, d, e);
        t_saving += saving;
        t_benefits += benefits;
        t_ra += ra;
        t_npv += o->npv;
        t_npv_ra += o->npv_risk_adjusted;
        t_changes += o->changes->len;
      }
    {
      g_autofree char *a = money_m (t_saving);
      g_autofree char *b = money_m (t_benefits);
      g_autofree char *c = money_m (t_ra);
      g_autofree char *d = money_m (t_npv);
      g_autofree char *e = money_m (t_npv_ra);
      g_autofree char *p = money_m (v->plan_potential);
      g_autofree char *q = money_m (v->plan_risk_adjusted);
      g_autofree char *ratio = pct (t_npv_ra / t_npv, 0);
      g_autofree char *plan_ratio = pct (v->plan_risk_adjusted / v->plan_potential, 0);

      g_string_append_printf (out, "| **all** | %u | %s | %s | %s | %s | %s |\n\n",
                              t_changes, a, b, c, d, e);
      g_string_append_printf (out,
        "Beside the plan's quick wins of %s potential and %s risk-adjusted: the examples come "
        "to\nan NPV of %s, %s after risk (%s of it; the plan kept %s). Why they are not the "
        "same\nthing, and what moves them:\n\n", p, q, d, e, ratio, plan_ratio);
    }
  }
  {
    g_autofree char *nhsps = fp_format_count (assumption (v, "cost_per_m2.tenure.nhsps"));
    g_autofree char *backlog = NULL;
    double backlog_total = 0;
    g_autofree char *cmin = NULL;
    g_autofree char *cmax = NULL;
    g_autofree char *plan_ratio = pct (v->plan_risk_adjusted / v->plan_potential, 0);
    double lo = 1, hi = 0;

    for (guint i = 1; i < v->appraisal->options->len; i++)
      {
        FpOptionAppraisal *o = g_ptr_array_index (v->appraisal->options, i);

        for (guint k = 0; k < o->changes->len; k++)
          {
            const FpChange *c = g_ptr_array_index (o->changes, k);

            lo = fmin (lo, c->confidence);
            hi = fmax (hi, c->confidence);
          }
        backlog_total += o->totals[FP_FLOW_BACKLOG_AVOIDED];
      }
    backlog = money_m (backlog_total);
    cmin = fp_format_decimal (lo, 1);
    cmax = fp_format_decimal (hi, 1);

  g_string_append_printf (out,
    "- **What is counted.** The model counts running costs that end: a building left whose "
    "tenure\n  lets its cost end (NHS Property Services on a year's notice, freehold, the "
    "council). A lease\n  whose end is not in the data is carried to the horizon, so most "
    "leasehold exits save\n  nothing yet; urgent care consolidation and moving follow-ups "
    "release rooms but no cash;\n  no sale value is in the data, so disposals count no "
    "receipt.\n"
    "- **Whose costs.** The buildings left are mostly NHS Property Services health centres "
    "whose\n  running costs are estimates (floor area sized from demand x GBP %s/m2): the "
    "savings are as\n  good as those estimates. The plan knew its buildings' real charges.\n"
    "- **Backlog.** Leaving a building avoids its backlog maintenance, a benefit in the NPV "
    "but not\n  cash: %s of the examples' benefits.\n"
    "- **What is left out.** No transition, decant or fit-out cost is entered for the "
    "examples\n  (`footprint-cli costs` enters them), so their NPVs are upper bounds; the "
    "plan's figure\n  may be net of such costs, or gross.\n"
    "- **Risk.** Each change's confidence is the example's own (%s to %s, with its reason in "
    "the\n  example's description); the plan's risk adjustment (%s of the potential) is its "
    "own\n  judgement.\n", nhsps, backlog, cmin, cmax, plan_ratio);
  }
}

/* ---- JSON ----------------------------------------------------------------------- */

static void
member_number (JsonBuilder *b,
               const char  *name,
               double       value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
figure (JsonBuilder *b,
        const char  *id,
        double       model,
        double       plan,
        const char  *unit,
        const char  *quoted)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, id);
  member_number (b, "model", model);
  member_number (b, "plan", plan);
  member_number (b, "difference", model - plan);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, unit);
  json_builder_set_member_name (b, "plan_quoted_in");
  json_builder_add_string_value (b, quoted);
  json_builder_end_object (b);
}

static char *
render_json (const Validation *v)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint last = v->n_years - 1;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "base_year");
  json_builder_add_int_value (b, v->base_year);
  json_builder_set_member_name (b, "price_base");
  json_builder_add_string_value (b, v->price_base);

  json_builder_set_member_name (b, "figures");
  json_builder_begin_array (b);
  figure (b, "buildings", v->n_sites, v->plan_buildings, "buildings",
          "the data brief (DATA.md); the dataset's plan_buildings");
  figure (b, "property_interests", v->n_interests, v->plan_interests, "interests (plan: at least)",
          plan_note (v, "plan_2016.property_interests"));
  figure (b, "void_lift", v->void_lift, v->plan_void_lift * v->index_2016,
          "GBP a year, base-year prices", plan_note (v, "plan_2016.void_lift"));
  figure (b, "void_nhsps", v->void_nhsps, v->plan_void_nhsps * v->index_2016,
          "GBP a year, base-year prices", plan_note (v, "plan_2016.void_nhsps"));
  figure (b, "ae_attendances", v->ae_model, v->ae_plan, "attendances a year",
          plan_note (v, "ae_attendances_total"));
  figure (b, "acute_bed_occupancy", v->acute_occupancy, NAN, "share",
          "not quoted in the project's sources");
  figure (b, "bed_gap", acute (v, v->gap_years)->bed_gap, v->plan_gap, "acute beds",
          plan_note (v, "plan_2016.bed_gap"));
  {
    double npv = 0, npv_ra = 0;

    for (guint i = 1; i < v->appraisal->options->len; i++)
      {
        FpOptionAppraisal *o = g_ptr_array_index (v->appraisal->options, i);

        npv += o->npv;
        npv_ra += o->npv_risk_adjusted;
      }
    figure (b, "quick_wins_potential", npv, v->plan_potential, "GBP (model: NPV)",
            plan_note (v, "plan_2016.quick_wins_potential"));
    figure (b, "quick_wins_risk_adjusted", npv_ra, v->plan_risk_adjusted,
            "GBP (model: risk-adjusted NPV)", plan_note (v, "plan_2016.quick_wins_risk_adjusted"));
  }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "beds_by_year");
  json_builder_begin_array (b);
  for (guint y = 0; y < v->n_years; y++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "year");
      json_builder_add_int_value (b, v->base_year + (int) y);
      member_number (b, "acute_beds", acute (v, y)->beds);
      member_number (b, "acute_bed_days", acute (v, y)->bed_days);
      member_number (b, "acute_beds_required", acute (v, y)->beds_required);
      member_number (b, "acute_bed_gap", acute (v, y)->bed_gap);
      member_number (b, "all_beds", v->dn->totals[y].beds.beds);
      member_number (b, "all_beds_required", v->dn->totals[y].beds.beds_required);
      member_number (b, "all_bed_gap", v->dn->totals[y].beds.bed_gap);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "plan_bed_gap");
  json_builder_begin_object (b);
  member_number (b, "years", v->gap_years);
  member_number (b, "plan", v->plan_gap);
  member_number (b, "model_acute_growth", v->acute_growth);
  member_number (b, "growth_needed", v->growth_needed);
  member_number (b, "population_growth", v->population_growth);
  member_number (b, "occupancy_needed", v->occupancy_needed);
  member_number (b, "length_of_stay_cut_closing_model_gap", v->los_cut);
  member_number (b, "bed_equivalents_released", v->los_released);
  member_number (b, "gap_after_cut", v->los_gap_after);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "example_options");
  json_builder_begin_array (b);
  for (guint i = 1; i < v->appraisal->options->len; i++)
    {
      FpOptionAppraisal *o = g_ptr_array_index (v->appraisal->options, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, o->name);
      json_builder_set_member_name (b, "changes");
      json_builder_add_int_value (b, o->changes->len);
      member_number (b, "revenue_saving_last_year",
                     fp_option_appraisal_flow (o, FP_FLOW_REVENUE_SAVINGS)[last]);
      member_number (b, "benefits", sum (o->benefits, o->n_years));
      member_number (b, "benefits_risk_adjusted", sum (o->benefits_risk_adjusted, o->n_years));
      member_number (b, "npv", o->npv);
      member_number (b, "npv_risk_adjusted", o->npv_risk_adjusted);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return fp_json_to_string (root, TRUE);
}

int
cmd_validation (int    argc,
                char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *format = NULL;
  g_auto(Document) doc = { 0 };
  g_auto(Validation) v = { 0 };
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("markdown or json (default markdown)"),
      N_("FORMAT") },
    { NULL }
  };

  if (!parse_options ("validation", NULL,
                      _("Set the baseline beside the 2016 plan’s own figures: buildings, "
                        "interests, voids, A&E, beds and the bed gap, and the example options "
                        "beside the plan’s quick wins (docs/validation.md)."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("validation", argc, argv, 1, &code))
    return code;

  if (format != NULL && !g_str_equal (format, "markdown") && !g_str_equal (format, "json"))
    return fail (EXIT_USAGE, _("unknown format “%s”; use markdown or json"), format);

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  if (!compute (&v, &doc, &error))
    return fail_error (error);

  if (format != NULL && g_str_equal (format, "json"))
    {
      g_autofree char *text = render_json (&v);

      printf ("%s\n", text);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      render_markdown (&v, out);
      fputs (out->str, stdout);
    }

  return EXIT_OK;
}
