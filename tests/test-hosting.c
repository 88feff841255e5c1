/* test-hosting.c: which site types may receive which services (docs/model.md, "Hosting").
 *
 * The table in docs/model.md is the core's table; on the built-in estate a move of A&E into
 * a GP surgery is refused with a message saying where A&E may go, every baseline activity
 * sits where its type may host it, and validation names activity the data puts where it
 * cannot be hosted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fp-test-util.h"

/* docs/model.md shows the very table the engine uses. */
static void
test_table_in_docs (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "model.md", NULL);
  g_autofree char *docs = NULL;
  g_autofree char *table = fp_hosting_table_markdown ();
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &docs, NULL, &error);
  g_assert_no_error (error);
  if (strstr (docs, table) == NULL)
    g_error ("docs/model.md does not hold the hosting table of src/core/fp-hosting.c:\n%s", table);
}

/* Each class follows from a service's setting and room type. */
static void
test_classes (void)
{
  g_assert_cmpint (fp_service_class (FP_SETTING_ACUTE, FP_ROOM_TREATMENT), ==,
                   FP_SERVICE_CLASS_HOSPITAL_TREATMENT);
  g_assert_cmpint (fp_service_class (FP_SETTING_ACUTE, FP_ROOM_CONSULT), ==,
                   FP_SERVICE_CLASS_OUTPATIENT);
  g_assert_cmpint (fp_service_class (FP_SETTING_COMMUNITY, FP_ROOM_BED), ==,
                   FP_SERVICE_CLASS_COMMUNITY_BEDS);
  g_assert_cmpint (fp_service_class (FP_SETTING_OFFICE, FP_ROOM_DESK), ==,
                   FP_SERVICE_CLASS_DESKS);
  g_assert_cmpint (fp_service_class (FP_SETTING_COMMUNITY, FP_ROOM_DESK), ==,
                   FP_SERVICE_CLASS_DESKS);
  g_assert_cmpint (fp_service_class (FP_SETTING_MENTAL_HEALTH, FP_ROOM_IMAGING), ==,
                   FP_SERVICE_CLASS_IMAGING);
  /* A GP surgery never hosts A&E; an acute hospital may when a change names it; an office
   * hosts desks and nothing else. */
  g_assert_cmpint (fp_hosting_rule (FP_SITE_TYPE_GP_PRACTICE, FP_SERVICE_CLASS_HOSPITAL_TREATMENT),
                   ==, FP_HOSTING_NO);
  g_assert_cmpint (fp_hosting_rule (FP_SITE_TYPE_ACUTE_HOSPITAL, FP_SERVICE_CLASS_HOSPITAL_TREATMENT),
                   ==, FP_HOSTING_NAMED);
  for (guint c = 0; c < FP_N_SERVICE_CLASSES; c++)
    g_assert_cmpint (fp_hosting_rule (FP_SITE_TYPE_OFFICE, c), ==,
                     c == FP_SERVICE_CLASS_DESKS ? FP_HOSTING_YES : FP_HOSTING_NO);
}

/* On the built-in estate: A&E from an acute hospital to a GP practice is refused, saying
 * where A&E may go; to another acute hospital it applies. Sites are picked by what they
 * are, not by id. */
static void
test_ae_into_gp_surgery (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpEngine) engine = NULL;
  g_autoptr(FpChange) to_gp = NULL;
  g_autoptr(FpChange) to_acute = NULL;
  const char *hospital = NULL, *other_hospital = NULL, *practice = NULL;
  guint ae;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  g_assert_true (fp_estate_find_service (estate, "ae_attendances", &ae));

  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);

      if (a->service == ae && a->volume > 0 && hospital == NULL)
        hospital = fp_estate_get_site (estate, a->site)->id;
    }
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);

      if (site->status != FP_SITE_STATUS_CURRENT || site->sector != FP_SECTOR_NHS)
        continue;
      if (site->type == FP_SITE_TYPE_GP_PRACTICE && practice == NULL)
        practice = site->id;
      if (site->type == FP_SITE_TYPE_ACUTE_HOSPITAL && other_hospital == NULL &&
          g_strcmp0 (site->id, hospital) != 0)
        other_hospital = site->id;
    }
  g_assert_nonnull (hospital);
  g_assert_nonnull (practice);
  g_assert_nonnull (other_hospital);

  engine = fp_engine_new (model);
  to_gp = fp_change_new (FP_CHANGE_MOVE_SERVICE, 2027);
  to_gp->site = g_strdup (hospital);
  to_gp->service = g_strdup ("ae_attendances");
  to_gp->to_site = g_strdup (practice);
  to_gp->share = 0.1;
  g_assert_false (fp_engine_apply (engine, to_gp, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED);
  g_assert_nonnull (strstr (error->message, "(GP practice) cannot host A&E attendances"));
  g_assert_nonnull (strstr (error->message, "it may go to acute hospitals"));
  g_assert_cmpuint (fp_engine_get_n_applied (engine), ==, 0);
  g_clear_error (&error);

  to_acute = fp_change_copy (to_gp);
  g_free (to_acute->to_site);
  to_acute->to_site = g_strdup (other_hospital);
  g_assert_true (fp_engine_apply (engine, to_acute, &error));
  g_assert_no_error (error);
}

/* Validation: the built-in estate's activity all sits where it may be hosted; A&E put in
 * a GP practice by the data is named. */
static void
test_validation (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(FpEstate) tiny = fp_test_load_tiny ();
  g_autoptr(GPtrArray) tiny_problems = NULL;
  guint lift;
  gboolean named = FALSE;

  g_assert_no_error (error);
  problems = fp_validate_estate (estate);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = fp_problem_to_string (g_ptr_array_index (problems, i));

      g_assert_null (strstr (line, "cannot host"));
    }

  /* The tiny estate's ACUTE1 has its A&E; make it a GP branch surgery instead. */
  g_assert_true (fp_estate_find_site (tiny, "ACUTE1", &lift));
  ((FpSite *) fp_estate_get_site (tiny, lift))->type = FP_SITE_TYPE_GP_BRANCH;
  tiny_problems = fp_validate_estate (tiny);
  for (guint i = 0; i < tiny_problems->len; i++)
    {
      const FpProblem *p = g_ptr_array_index (tiny_problems, i);

      if (g_strcmp0 (p->id, "ACUTE1/ae_attendances") == 0 &&
          strstr (p->message, "which cannot host A&E attendances") != NULL)
        named = TRUE;
    }
  g_assert_true (named);
}

/* "Other" gathers residences, stores, shops, dialysis and dental units: it takes more of
 * what it already does and nothing else, named by a change or not (before, any "other"
 * site could take community clinics and desks wherever it had room). */
static void
test_other_only_what_it_offers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpEngine) engine = NULL;
  g_autoptr(FpChange) into_unit = NULL;
  g_autoptr(FpChange) more_dialysis = NULL;
  const char *unit = NULL, *other_unit = NULL, *clinic = NULL;
  guint dialysis, clinics;

  for (guint c = 0; c < FP_N_SERVICE_CLASSES; c++)
    g_assert_cmpint (fp_hosting_rule (FP_SITE_TYPE_OTHER, c), <=, FP_HOSTING_IF_OFFERED);

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  g_assert_true (fp_estate_find_service (estate, "renal_dialysis", &dialysis));
  g_assert_true (fp_estate_find_service (estate, "community_clinics", &clinics));
  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);
      const FpSite *site = fp_estate_get_site (estate, a->site);

      if (a->volume <= 0 || site->status != FP_SITE_STATUS_CURRENT)
        continue;
      if (a->service == dialysis && site->type == FP_SITE_TYPE_OTHER)
        {
          if (unit == NULL)
            unit = site->id;
          else if (g_strcmp0 (unit, site->id) != 0 && other_unit == NULL)
            other_unit = site->id;
        }
      if (a->service == clinics && site->type == FP_SITE_TYPE_HEALTH_CENTRE && clinic == NULL)
        clinic = site->id;
    }
  g_assert_nonnull (unit);
  g_assert_nonnull (other_unit);
  g_assert_nonnull (clinic);

  /* Community clinics into a dialysis unit: refused, even named, saying why. */
  engine = fp_engine_new (model);
  into_unit = fp_change_new (FP_CHANGE_MOVE_SERVICE, 2027);
  into_unit->site = g_strdup (clinic);
  into_unit->service = g_strdup ("community_clinics");
  into_unit->to_site = g_strdup (unit);
  into_unit->share = 0.1;
  g_assert_false (fp_engine_apply (engine, into_unit, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED);
  g_assert_nonnull (strstr (error->message, "does not offer"));
  g_clear_error (&error);

  /* More dialysis into the other dialysis unit: what it does, so it applies. */
  more_dialysis = fp_change_new (FP_CHANGE_MOVE_SERVICE, 2027);
  more_dialysis->site = g_strdup (unit);
  more_dialysis->service = g_strdup ("renal_dialysis");
  more_dialysis->to_site = g_strdup (other_unit);
  more_dialysis->share = 0.1;
  g_assert_true (fp_engine_apply (engine, more_dialysis, &error));
  g_assert_no_error (error);
}

/* The sites the dataset says are no place of care or office work (a server room, a
 * store, a shop, an ambulance post, a residence), and any whose name says so. */
static gboolean *
not_places_of_care (const FpEstate *estate,
                    guint          *n)
{
  static const char * const words[] = { "server room", "stores", "shop", "cas-rp" };
  gboolean *no = g_new0 (gboolean, estate->sites->len);

  *n = 0;
  for (guint s = 0; s < estate->sites->len; s++)
    {
      const FpSite *site = fp_estate_get_site (estate, s);
      g_autofree char *name = g_utf8_strdown (site->name, -1);

      no[s] = g_strcmp0 (site->prov[FP_SITE_ROOMS_CONSULT].method_id,
                         "no_rooms_not_a_place_of_care") == 0;
      for (guint k = 0; k < G_N_ELEMENTS (words); k++)
        no[s] = no[s] || strstr (name, words[k]) != NULL;
      *n += no[s];
    }
  return no;
}

/* Nothing that is no place of care receives activity it did not have: not from the exit
 * of any site, nor from the shift of any service out of any setting (all of it or half),
 * with no receivers named, in any year. A residence may take more residential beds (what
 * it does), never clinic room-hours or desk-days. */
static void
test_no_activity_into_non_care (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpEngine) engine = NULL;
  g_autoptr(FpResults) dn = NULL;
  g_autofree gboolean *no = NULL;
  guint n_no, ny, nv, applied = 0;
  int year;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  engine = fp_engine_new (model);
  dn = fp_engine_compute (engine, NULL);
  no = not_places_of_care (estate, &n_no);
  g_assert_cmpuint (n_no, >=, 4);
  ny = dn->n_years;
  nv = dn->n_services;
  year = fp_model_get_base_year (model) + 1;

  for (guint k = 0; k < estate->sites->len + FP_N_SETTINGS * nv * 2; k++)
    {
      g_autoptr(FpEngine) work = fp_engine_new (model);
      g_autoptr(FpChange) c = NULL;
      g_autoptr(FpResults) r = NULL;
      g_autofree char *what = NULL;

      if (k < estate->sites->len)
        {
          c = fp_change_new (FP_CHANGE_EXIT_SITE, year);
          c->site = g_strdup (fp_estate_get_site (estate, k)->id);
          what = g_strdup_printf ("the exit of %s", c->site);
        }
      else
        {
          guint j = k - estate->sites->len;

          c = fp_change_new (FP_CHANGE_SHIFT_SETTING, year);
          c->from_setting = j / (nv * 2);
          c->service = g_strdup (g_array_index (estate->services, FpService, j / 2 % nv).id);
          c->share = j % 2 ? 0.5 : 1.0;
          what = g_strdup_printf ("the shift of %s out of %s", c->service,
                                  fp_setting_to_string (c->from_setting));
        }
      if (!fp_engine_apply (work, c, NULL))
        continue;
      applied++;
      r = fp_engine_compute (work, dn);

      for (guint s = 0; s < estate->sites->len; s++)
        {
          if (!no[s])
            continue;
          for (guint y = 0; y < ny; y++)
            for (guint v = 0; v < nv; v++)
              {
                const FpService *sv = &g_array_index (estate->services, FpService, v);
                double before = fp_results_activity (dn, s, y, v);
                double after = fp_results_activity (r, s, y, v);

                if (sv->room_type == FP_ROOM_BED && before > 0)
                  continue;
                if (after > before + 1e-9 * MAX (1, before))
                  g_error ("%s sends %s to %s, which is no place of care (%g > %g in year %u)",
                           what, sv->id, fp_estate_get_site (estate, s)->name, after, before,
                           y);
              }
        }
    }
  g_assert_cmpuint (applied, >, 300);
}

/* A building that is no place of care (type other with no clinic rooms, void rooms, beds or
 * desks: a store, a server room) has no activity the model counts, yet it is in use for what it is: its
 * floor area is not void, and it says why. A place of care with nothing in it is still
 * wholly void. */
static void
test_non_care_not_void (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) dn = NULL;
  guint n = 0, checked = 0;
  g_autofree gboolean *no = NULL;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  no = not_places_of_care (estate, &n);

  for (guint s = 0; s < estate->sites->len; s++)
    {
      const FpSite *site = fp_estate_get_site (estate, s);
      const FpSiteYear *sy = fp_results_get (dn, s, 0);
      double capacity = site->numbers[FP_SITE_BEDS] + site->numbers[FP_SITE_DESKS] +
                        site->numbers[FP_SITE_VOID_ROOMS];

      for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
        capacity += site->numbers[FP_SITE_ROOMS_CONSULT + rt];
      if (!no[s] || !sy->held || site->type != FP_SITE_TYPE_OTHER ||
          (!isnan (capacity) && capacity > 0))
        continue;

      checked++;
      if (sy->void_cost > 0)
        g_error ("%s (%s) is no place of care, yet %.0f of its cost counts as void", site->name,
                 site->id, sy->void_cost);
      g_assert_true (sy->reasons & FP_REASON_NOT_A_PLACE_OF_CARE);
      g_assert_false (sy->reasons & FP_REASON_NO_ACTIVITY);
    }
  g_assert_cmpuint (checked, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/hosting/table-in-docs", test_table_in_docs);
  g_test_add_func ("/fp/hosting/classes", test_classes);
  g_test_add_func ("/fp/hosting/ae-into-gp-surgery", test_ae_into_gp_surgery);
  g_test_add_func ("/fp/hosting/validation", test_validation);
  g_test_add_func ("/fp/hosting/other-only-what-it-offers", test_other_only_what_it_offers);
  g_test_add_func ("/fp/hosting/no-activity-into-non-care", test_no_activity_into_non_care);
  g_test_add_func ("/fp/hosting/non-care-not-void", test_non_care_not_void);

  return g_test_run ();
}
