/* test-key-figures.c: the key figure strip's numbers against the results they come from.
 *
 * The engine estate of test-compute.c (tests/data/engine-estate.json): leaving G3 and G2
 * in 2026 leaves 21,600 GP appointments of 15 minutes with no room (test-compute.c works
 * that figure out), which is 21,600 × 15 ÷ 60 = 5,400 room-hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "fp-key-figures.h"
#include "fp-test-util.h"

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

/* Sums the figures over the sites, independently of the engine's totals. */
static void
sum_sites (const FpResults *res,
           guint            year,
           double          *running,
           double          *void_cost,
           guint           *over_target)
{
  *running = 0;
  *void_cost = 0;
  *over_target = 0;
  for (guint s = 0; s < res->n_sites; s++)
    {
      const FpSiteYear *sy = fp_results_get (res, s, year);

      if (!sy->held)
        continue;
      *running += sy->running_cost;
      *void_cost += sy->void_cost;
      if (sy->over_target)
        (*over_target)++;
    }
}

static void
test_do_nothing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_autoptr(FpAccess) access = NULL;
  FpKeyFigures figures;
  double running, void_cost;
  guint over;

  g_assert_no_error (error);
  access = fp_access_compute (model, dn, 1);
  fp_key_figures_compute (model, dn, access, 1, &figures);
  sum_sites (dn, 1, &running, &void_cost, &over);

  g_assert_cmpuint (figures.year, ==, 1);
  g_assert_cmpfloat_with_epsilon (figures.value[FP_KEY_RUNNING_COST], running, 1e-6);
  g_assert_cmpfloat (running, >, 0);
  g_assert_cmpfloat_with_epsilon (figures.value[FP_KEY_VOID_COST], void_cost, 1e-6);
  g_assert_cmpfloat (void_cost, >, 0);
  g_assert_cmpfloat (figures.value[FP_KEY_SITES_OVER_TARGET], ==, over);
  g_assert_cmpfloat (figures.value[FP_KEY_REVENUE_SAVING], ==, 0);
  g_assert_cmpfloat (figures.value[FP_KEY_CAPITAL_RECEIPTS], ==, 0);
  g_assert_cmpfloat (figures.value[FP_KEY_UNPLACED_ROOM_HOURS], ==, 0);
  g_assert_cmpfloat (figures.value[FP_KEY_UNPLACED_BED_DAYS], ==, 0);

  /* No change is known until the figures are compared. */
  for (guint f = 0; f < FP_N_KEY_FIGURES; f++)
    g_assert_true (isnan (figures.change[f]));

  /* No site in this estate offers urgent care: access is undefined, not zero. */
  g_assert_true (isnan (figures.value[FP_KEY_ACCESS_SHARE]));
  g_assert_true (isnan (figures.value[FP_KEY_ACCESS_PEOPLE]));

  /* Compared with itself, every defined figure changes by nothing. */
  {
    FpKeyFigures self = figures;

    fp_key_figures_compare (&self, &figures);
    g_assert_cmpfloat (self.change[FP_KEY_RUNNING_COST], ==, 0);
    g_assert_cmpfloat (self.change[FP_KEY_VOID_COST], ==, 0);
    g_assert_cmpfloat (self.change[FP_KEY_UNPLACED_ROOM_HOURS], ==, 0);
    g_assert_true (isnan (self.change[FP_KEY_ACCESS_SHARE]));
  }
}

static void
test_exits (void)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) dn = NULL;
  g_autoptr(FpResults) res = NULL;
  FpKeyFigures base, figures;
  double running, void_cost, dn_running, dn_void;
  guint over, dn_over;

  g_ptr_array_add (changes, change ("{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G3\"}"));
  g_ptr_array_add (changes, change ("{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\"}"));
  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  res = fp_compute_scenario (model, changes, dn, &error);
  g_assert_no_error (error);

  fp_key_figures_compute (model, dn, NULL, 1, &base);
  fp_key_figures_compute (model, res, NULL, 1, &figures);
  fp_key_figures_compare (&figures, &base);

  /* 21,600 appointments of 15 minutes. */
  g_assert_cmpfloat_with_epsilon (figures.value[FP_KEY_UNPLACED_ROOM_HOURS], 5400, 1e-2);
  g_assert_cmpfloat_with_epsilon (figures.change[FP_KEY_UNPLACED_ROOM_HOURS], 5400, 1e-2);
  g_assert_cmpfloat (figures.value[FP_KEY_UNPLACED_BED_DAYS], ==, 0);

  sum_sites (res, 1, &running, &void_cost, &over);
  sum_sites (dn, 1, &dn_running, &dn_void, &dn_over);
  g_assert_cmpfloat_with_epsilon (figures.value[FP_KEY_RUNNING_COST], running, 1e-6);
  g_assert_cmpfloat_with_epsilon (figures.change[FP_KEY_RUNNING_COST], running - dn_running, 1e-6);
  g_assert_cmpfloat_with_epsilon (figures.change[FP_KEY_VOID_COST], void_cost - dn_void, 1e-6);
  g_assert_cmpfloat (figures.change[FP_KEY_SITES_OVER_TARGET], ==, (double) over - dn_over);

  /* The saving is the engine's, measured against Do nothing, and is its own change. */
  g_assert_cmpfloat_with_epsilon (figures.value[FP_KEY_REVENUE_SAVING],
                                  res->totals[1].revenue_saving_vs_do_nothing, 1e-6);
  g_assert_cmpfloat (figures.change[FP_KEY_REVENUE_SAVING], ==,
                     figures.value[FP_KEY_REVENUE_SAVING]);

  /* The base year is before the exits: nothing differs there. */
  fp_key_figures_compute (model, dn, NULL, 0, &base);
  fp_key_figures_compute (model, res, NULL, 0, &figures);
  fp_key_figures_compare (&figures, &base);
  g_assert_cmpfloat (figures.change[FP_KEY_RUNNING_COST], ==, 0);
  g_assert_cmpfloat (figures.value[FP_KEY_UNPLACED_ROOM_HOURS], ==, 0);
}

/* On the Birmingham and Solihull default, the access headline is the access measure's own
 * share and population, and the deprived fifth is a part of the whole. */
static void
test_access_headline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) bsol = fp_dataset_load_default (&error);
  g_autoptr(FpModel) bsol_model = NULL;
  g_autoptr(FpResults) dn = NULL;
  g_autoptr(FpAccess) access = NULL;
  const FpAccessSet *set;
  FpKeyFigures figures;

  g_assert_no_error (error);
  bsol_model = fp_model_new (bsol, &error);
  g_assert_no_error (error);
  dn = fp_compute_scenario (bsol_model, NULL, NULL, &error);
  g_assert_no_error (error);
  access = fp_access_compute (bsol_model, dn, 0);
  set = fp_access_find (access, FP_FACILITY_GROUP, FP_KEY_ACCESS_SET);
  g_assert_nonnull (set);

  fp_key_figures_compute (bsol_model, dn, access, 0, &figures);
  g_assert_cmpfloat (figures.access_threshold, ==, set->threshold);
  g_assert_cmpint (figures.access_threshold_unit, ==, set->threshold_unit);
  g_assert_cmpfloat (figures.value[FP_KEY_ACCESS_SHARE], ==, set->share_within);
  g_assert_cmpfloat_with_epsilon (figures.value[FP_KEY_ACCESS_PEOPLE],
                                  set->share_within * fp_estate_get_population (bsol), 0.5);
  g_assert_cmpfloat (figures.value[FP_KEY_ACCESS_SHARE], >, 0);
  g_assert_cmpfloat (figures.value[FP_KEY_ACCESS_SHARE], <=, 1);
  g_assert_cmpfloat (figures.value[FP_KEY_ACCESS_PEOPLE_DEPRIVED], >, 0);
  g_assert_cmpfloat (figures.value[FP_KEY_ACCESS_PEOPLE_DEPRIVED], <,
                     figures.value[FP_KEY_ACCESS_PEOPLE]);
  g_assert_cmpfloat_with_epsilon (figures.value[FP_KEY_ACCESS_PEOPLE_DEPRIVED],
                                  set->share_within_deprived * set->population_deprived, 1e-6);
}

static void
test_names (void)
{
  g_assert_cmpstr (fp_key_figure_name (FP_KEY_RUNNING_COST), ==, "running_cost");
  for (guint f = 0; f < FP_N_KEY_FIGURES; f++)
    g_assert_nonnull (fp_key_figure_name (f));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  bytes = fp_test_read_data_file ("engine-estate.json");
  estate = fp_dataset_parse (bytes, &error);
  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fp/key-figures/do-nothing", test_do_nothing);
  g_test_add_func ("/fp/key-figures/exits", test_exits);
  g_test_add_func ("/fp/key-figures/access-headline", test_access_headline);
  g_test_add_func ("/fp/key-figures/names", test_names);

  return g_test_run ();
}
