/* test-default-dataset.c: the built-in Birmingham and Solihull dataset holds the figures
 * DATA.md says it must (a check on the data, not a tuning target).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fp-test-util.h"

static FpEstate *estate;

static void
test_zones (void)
{
  int birmingham = 0, solihull = 0;

  g_assert_cmpuint (estate->zones->len, ==, 793);
  g_assert_cmpint (fp_estate_get_population (estate), ==, 1361141);

  for (guint i = 0; i < estate->zones->len; i++)
    {
      const FpZone *z = &g_array_index (estate->zones, FpZone, i);
      int total = 0;

      for (guint b = 0; b < FP_N_AGE_BANDS; b++)
        total += z->population[b];
      if (g_strcmp0 (z->la_code, "E08000025") == 0)
        birmingham += total;
      else if (g_strcmp0 (z->la_code, "E08000029") == 0)
        solihull += total;

      g_assert_cmpint (z->imd_decile, >=, 1);
      g_assert_cmpint (z->imd_decile, <=, 10);
      /* Centroids lie in Birmingham and Solihull. */
      g_assert_cmpfloat (z->lat, >, 52.3);
      g_assert_cmpfloat (z->lat, <, 52.7);
      g_assert_cmpfloat (z->lon, >, -2.1);
      g_assert_cmpfloat (z->lon, <, -1.5);
    }

  g_assert_cmpint (birmingham, ==, 1144903);
  g_assert_cmpint (solihull, ==, 216238);
  for (guint f = 0; f < FP_ZONE_N_PROV; f++)
    g_assert_cmpint (estate->zone_prov[f].kind, !=, FP_PROV_NONE);
}

static void
test_sites (void)
{
  g_autofree guint *n_rows = g_new0 (guint, estate->sites->len);
  g_autofree guint *n_interests = g_new0 (guint, estate->sites->len);
  g_autoptr(FpSummary) summary = fp_summary_compute (estate);
  guint practices = 0;

  /* About 400 buildings located by the open record: never padded towards the plan's 650. */
  g_assert_cmpuint (estate->sites->len, >=, 350);
  g_assert_cmpuint (estate->sites->len, <=, 500);
  g_assert_cmpint (estate->plan_buildings, ==, 650);
  g_assert_nonnull (estate->gap_note);

  for (guint i = 0; i < estate->source_rows->len; i++)
    n_rows[g_array_index (estate->source_rows, FpSourceRow, i).site]++;
  for (guint i = 0; i < estate->interests->len; i++)
    n_interests[g_array_index (estate->interests, FpInterest, i).site]++;

  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);

      g_assert_cmpuint (n_rows[i], >=, 1);
      g_assert_cmpuint (n_interests[i], >=, 1);
      /* Every site has a type and a tenure, estimated or not, and says which. */
      g_assert_cmpint (site->prov[FP_SITE_SLOT_SITE_TYPE].kind, !=, FP_PROV_NONE);
      g_assert_cmpint (site->prov[FP_SITE_SLOT_TENURE].kind, !=, FP_PROV_NONE);
      for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
        if (!isnan (site->numbers[n]))
          g_assert_cmpint (site->prov[n].kind, !=, FP_PROV_NONE);
      if (site->placed)
        g_assert_cmpint (site->prov[FP_SITE_SLOT_LOCATION].kind, !=, FP_PROV_NONE);

      /* Every practice building carries the lists of the practices in it. */
      if (site->type == FP_SITE_TYPE_GP_PRACTICE && site->status == FP_SITE_STATUS_CURRENT)
        g_assert_false (isnan (site->numbers[FP_SITE_LIST_SIZE]));
    }

  /* 177 active practices in ODS epraccur (2025), each an organisation working from a
   * site it occupies. */
  for (guint i = 0; i < estate->organisations->len; i++)
    {
      const FpOrganisation *org = &g_array_index (estate->organisations, FpOrganisation, i);
      gboolean occupies = FALSE;

      if (org->kind != FP_ORG_GP_PRACTICE)
        continue;
      practices++;
      for (guint s = 0; s < estate->sites->len && !occupies; s++)
        occupies = g_strcmp0 (fp_estate_get_site (estate, s)->texts[FP_SITE_ORGANISATION], org->id) == 0;
      for (guint k = 0; k < estate->source_rows->len && !occupies; k++)
        occupies = g_strcmp0 (g_array_index (estate->source_rows, FpSourceRow, k).code, org->id) == 0;
      if (!occupies)
        g_error ("practice %s (%s) occupies no site", org->id, org->name);
    }
  g_assert_cmpuint (practices, ==, 177);
  g_assert_cmpuint (summary->gp_practices_active, ==, 177);
  /* At least one interest per building. */
  g_assert_cmpuint (summary->property_interests, >=, summary->sites);
  g_assert_cmpuint (summary->sites_placed + summary->sites_unplaced, ==, summary->sites);
  g_assert_cmpuint (summary->sites_unplaced, >, 0);
}

static void
test_list_sizes (void)
{
  double total = 0;

  /* Practice lists share out the zones' population exactly (a health centre holding
   * several practices carries the sum of their lists). */
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);

      if (!isnan (site->numbers[FP_SITE_LIST_SIZE]))
        total += site->numbers[FP_SITE_LIST_SIZE];
    }

  g_assert_cmpfloat (total, ==, 1361141);
}

static void
test_figures (void)
{
  g_autoptr(FpSummary) s = fp_summary_compute (estate);

  /* DATA.md: LIFT voids about £5m a year, NHS Property Services about £1m, each estimated. */
  g_assert_cmpfloat (s->figures[FP_SUMMARY_VOID_COST_LIFT], >, 4.5e6);
  g_assert_cmpfloat (s->figures[FP_SUMMARY_VOID_COST_LIFT], <, 5.5e6);
  g_assert_cmpint (s->prov[FP_SUMMARY_VOID_COST_LIFT].kind, ==, FP_PROV_ESTIMATED);
  g_assert_cmpuint (s->prov[FP_SUMMARY_VOID_COST_LIFT].methods->len, >, 0);
  g_assert_cmpfloat (s->figures[FP_SUMMARY_VOID_COST_NHSPS], >, 0.9e6);
  g_assert_cmpfloat (s->figures[FP_SUMMARY_VOID_COST_NHSPS], <, 1.1e6);
  g_assert_cmpint (s->prov[FP_SUMMARY_VOID_COST_NHSPS].kind, ==, FP_PROV_ESTIMATED);

  /* The 2016 plan's A&E baseline across the type 1 sites. */
  g_assert_cmpfloat_with_epsilon (s->figures[FP_SUMMARY_AE], 403225, 0.5);

  /* The LIFT buildings named by the tenure evidence: about a dozen. */
  g_assert_cmpuint (s->sites_by_tenure[FP_TENURE_LIFT], >=, 10);
  g_assert_cmpuint (s->sites_by_tenure[FP_TENURE_LIFT], <=, 14);

  g_assert_cmpfloat (s->figures[FP_SUMMARY_RUNNING_COST], >, 0);
  g_assert_cmpfloat (s->figures[FP_SUMMARY_GIA], >, 0);
}

static void
test_valid (void)
{
  g_autoptr(GPtrArray) problems = fp_validate_estate (estate);

  for (guint i = 0; i < problems->len && i < 20; i++)
    {
      g_autofree char *line = fp_problem_to_string (g_ptr_array_index (problems, i));
      g_printerr ("%s\n", line);
    }
  g_assert_cmpuint (problems->len, ==, 0);
}

/* The built-in dataset survives the store: what a new user's document holds. */
static void
test_store (void)
{
  g_autofree char *path = fp_test_tmpfile ("default.footprint");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_create_default (path, &error);
  g_autoptr(FpEstate) loaded = NULL;
  g_autoptr(FpSummary) a = NULL;
  g_autoptr(FpSummary) b = NULL;

  g_assert_no_error (error);
  loaded = fp_store_load_estate (store, &error);
  g_assert_no_error (error);

  a = fp_summary_compute (estate);
  b = fp_summary_compute (loaded);
  g_assert_cmpuint (a->sites, ==, b->sites);
  g_assert_cmpuint (a->property_interests, ==, b->property_interests);
  g_assert_cmpuint (a->source_rows, ==, b->source_rows);
  for (guint f = 0; f < FP_SUMMARY_N_FIGURES; f++)
    {
      g_assert_cmpfloat_with_epsilon (a->figures[f], b->figures[f], 1e-6 * (1 + fabs (a->figures[f])));
      g_assert_cmpint (a->prov[f].kind, ==, b->prov[f].kind);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  estate = fp_dataset_load_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/fp/default-dataset/zones", test_zones);
  g_test_add_func ("/fp/default-dataset/sites", test_sites);
  g_test_add_func ("/fp/default-dataset/list-sizes", test_list_sizes);
  g_test_add_func ("/fp/default-dataset/figures", test_figures);
  g_test_add_func ("/fp/default-dataset/valid", test_valid);
  g_test_add_func ("/fp/default-dataset/store", test_store);

  return g_test_run ();
}
