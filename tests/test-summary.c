/* test-summary.c: the data summary on the hand-built tiny estate.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fp-test-util.h"

static gboolean
contains (GPtrArray  *array,
          const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return TRUE;
  return FALSE;
}

static void
test_tiny (void)
{
  g_autoptr(FpEstate) estate = fp_test_load_tiny ();
  g_autoptr(FpSummary) s = fp_summary_compute (estate);

  g_assert_cmpuint (s->sites, ==, 5);
  g_assert_cmpuint (s->sites_placed, ==, 4);
  g_assert_cmpuint (s->sites_unplaced, ==, 1);
  g_assert_cmpuint (s->source_rows, ==, 6);
  g_assert_cmpuint (s->property_interests, ==, 6);
  g_assert_cmpuint (s->organisations, ==, 2);
  g_assert_cmpuint (s->zones, ==, 3);
  /* 500 + 210 + 21 */
  g_assert_cmpint (s->population, ==, 731);
  /* Practices are counted as organisations: the tiny estate has one (P1). */
  g_assert_cmpuint (s->gp_practices_active, ==, 1);
  g_assert_cmpuint (s->sites_by_type[FP_SITE_TYPE_HEALTH_CENTRE], ==, 2);
  g_assert_cmpuint (s->sites_by_type[FP_SITE_TYPE_INDEPENDENT_HOSPITAL], ==, 1);
  g_assert_cmpuint (s->sites_by_tenure[FP_TENURE_LIFT], ==, 1);
  g_assert_cmpuint (s->sites_by_tenure[FP_TENURE_UNKNOWN], ==, 1);

  /* GIA: 1,000 + 500 + 10,000 */
  g_assert_cmpfloat_with_epsilon (s->figures[FP_SUMMARY_GIA], 11500, 1e-9);
  /* Running cost, NHS sites: LIFT1 200,000 + PS1 (30,000 + 20,000) + ACUTE1 (1m + 2m). */
  g_assert_cmpfloat_with_epsilon (s->figures[FP_SUMMARY_RUNNING_COST], 3250000, 1e-6);
  /* Void cost is the model's, Do nothing in the base year (docs/model.md): the figure
   * `compute` gives. LIFT1: its 20,000 GP appointments (5,000 room-hours) fit well within
   * 10 consulting rooms, so no void room comes into use: void_m2 = 4 rooms × 25 + 100 =
   * 200 m²; 200 × 200,000 ÷ 1,000 = 40,000. */
  g_assert_cmpfloat_with_epsilon (s->figures[FP_SUMMARY_VOID_COST_LIFT], 40000, 1e-6);
  /* PS1 is held and has no activity, so it is wholly void: its whole 30,000 + 20,000
   * (not just its 2 void rooms' 5,000). */
  g_assert_cmpfloat_with_epsilon (s->figures[FP_SUMMARY_VOID_COST_NHSPS], 50000, 1e-6);
  /* ACUTE1: 500 m² × 3,000,000 ÷ 10,000 = 150,000; total 240,000. */
  g_assert_cmpfloat_with_epsilon (s->figures[FP_SUMMARY_VOID_COST], 240000, 1e-6);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FpModel) model = fp_model_new (estate, &error);
    g_autoptr(FpResults) dn = fp_compute_scenario (model, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpfloat (s->figures[FP_SUMMARY_VOID_COST], ==, dn->totals[0].void_cost);
    g_assert_cmpfloat (s->figures[FP_SUMMARY_VOID_COST_LIFT], ==, dn->totals[0].void_cost_lift);
    g_assert_cmpfloat (s->figures[FP_SUMMARY_VOID_COST_NHSPS], ==, dn->totals[0].void_cost_nhsps);
  }
  g_assert_cmpfloat_with_epsilon (s->figures[FP_SUMMARY_AE], 1000, 1e-9);

  /* Provenance of aggregates: the LIFT void rests on calibrated voids and costs by type. */
  g_assert_cmpint (s->prov[FP_SUMMARY_VOID_COST_LIFT].kind, ==, FP_PROV_ESTIMATED);
  g_assert_true (contains (s->prov[FP_SUMMARY_VOID_COST_LIFT].methods, "calibrated"));
  g_assert_true (contains (s->prov[FP_SUMMARY_VOID_COST_LIFT].methods, "by_type"));
  g_assert_true (contains (s->prov[FP_SUMMARY_VOID_COST_LIFT].sources, "survey"));
  /* A&E rests on one measured value only. */
  g_assert_cmpint (s->prov[FP_SUMMARY_AE].kind, ==, FP_PROV_MEASURED);
  g_assert_cmpuint (s->prov[FP_SUMMARY_AE].methods->len, ==, 0);
  /* GIA: two measured, one estimated. */
  g_assert_cmpuint (s->prov[FP_SUMMARY_GIA].n_measured, ==, 2);
  g_assert_cmpuint (s->prov[FP_SUMMARY_GIA].n_estimated, ==, 1);
}

/* The per-site formulas behind the summary, including the edges. */
static void
test_site_formulas (void)
{
  FpSite site = { 0 };

  for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
    site.numbers[n] = NAN;

  /* No costs at all: R = 0, and no GIA means no computable void cost. */
  g_assert_cmpfloat (fp_site_running_cost (&site), ==, 0);
  site.numbers[FP_SITE_VOID_ROOMS] = 3;
  g_assert_cmpfloat (fp_site_void_m2 (&site, 25), ==, 75);
  g_assert_cmpfloat (fp_site_void_cost (&site, 25), ==, 0);

  /* R = 100 + 50 (unknown components count as nothing). */
  site.numbers[FP_SITE_COST_RENT] = 100;
  site.numbers[FP_SITE_COST_OTHER] = 50;
  site.numbers[FP_SITE_GIA_M2] = 300;
  g_assert_cmpfloat (fp_site_running_cost (&site), ==, 150);
  /* 75 m² × 150 ÷ 300 = 37.5 */
  g_assert_cmpfloat (fp_site_void_cost (&site, 25), ==, 37.5);

  /* A void larger than the building is capped at the building: 20 rooms × 25 = 500 > 300. */
  site.numbers[FP_SITE_VOID_ROOMS] = 20;
  g_assert_cmpfloat (fp_site_void_m2 (&site, 25), ==, 300);
  g_assert_cmpfloat (fp_site_void_cost (&site, 25), ==, 150);

  /* Independent-sector buildings carry no NHS running cost. */
  site.sector = FP_SECTOR_INDEPENDENT;
  g_assert_cmpfloat (fp_site_running_cost (&site), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/summary/tiny", test_tiny);
  g_test_add_func ("/fp/summary/site-formulas", test_site_formulas);

  return g_test_run ();
}
