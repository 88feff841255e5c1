/* test-change-effects.c: each change's own effect (fp-change-effects.h) on the Birmingham
 * and Solihull default.
 *
 * The changes are picked from the data by rule (a LIFT centre left, an NHS Property
 * Services centre left, a move of its busiest service into a LIFT centre, a backfill), not
 * by id, and every expected figure is computed here from the engine's results another way:
 * the effects of a scenario's changes must add up to the scenario's figures against its
 * parent, and each change's saving must be its saving in the appraisal's ledger.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "footprint-core.h"
#include "fp-test-util.h"

static FpEstate *estate;
static FpModel *model;

/* The first current, placed site of a tenure with activity in the base year, skipping
 * @except. */
static guint
find_site (FpTenure    tenure,
           const char *except)
{
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);

      if (site->tenure != tenure || site->status != FP_SITE_STATUS_CURRENT || !site->placed ||
          g_strcmp0 (site->id, except) == 0)
        continue;
      for (guint a = 0; a < estate->activity->len; a++)
        if (g_array_index (estate->activity, FpActivity, a).site == i &&
            g_array_index (estate->activity, FpActivity, a).volume > 0)
          return i;
    }
  g_assert_not_reached ();
}

/* The service with the most activity at a site. */
static const char *
busiest_service (guint site)
{
  double most = 0;
  const char *id = NULL;

  for (guint a = 0; a < estate->activity->len; a++)
    {
      const FpActivity *act = &g_array_index (estate->activity, FpActivity, a);

      if (act->site == site && act->volume > most)
        {
          most = act->volume;
          id = g_array_index (estate->services, FpService, act->service).id;
        }
    }
  g_assert_nonnull (id);
  return id;
}

static FpChange *
exit_change (guint site,
             int   year)
{
  FpChange *c = fp_change_new (FP_CHANGE_EXIT_SITE, year);

  c->site = g_strdup (fp_estate_get_site (estate, site)->id);
  return c;
}

/* Four changes of different kinds, in an order that applies. */
static GPtrArray *
make_changes (void)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  guint lift = find_site (FP_TENURE_LIFT, NULL);
  guint nhsps = find_site (FP_TENURE_NHSPS, NULL);
  guint receiver = find_site (FP_TENURE_LIFT, fp_estate_get_site (estate, lift)->id);
  int base = fp_model_get_base_year (model);
  FpChange *move, *backfill;

  move = fp_change_new (FP_CHANGE_MOVE_SERVICE, base + 1);
  move->site = g_strdup (fp_estate_get_site (estate, nhsps)->id);
  move->to_site = g_strdup (fp_estate_get_site (estate, receiver)->id);
  move->service = g_strdup (busiest_service (nhsps));
  move->share = 0.5;
  g_ptr_array_add (changes, move);
  g_ptr_array_add (changes, exit_change (nhsps, base + 2));
  g_ptr_array_add (changes, exit_change (lift, base + 2));
  backfill = fp_change_new (FP_CHANGE_BACKFILL, base + 3);
  backfill->site = g_strdup (fp_estate_get_site (estate, lift)->id);
  backfill->m2 = 100;
  g_ptr_array_add (changes, backfill);

  return changes;
}

/* The effects add up to the scenario's own figures against Do nothing, year by year. */
static void
test_add_up (void)
{
  g_autoptr(GPtrArray) changes = make_changes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_autoptr(FpResults) all = NULL;
  guint last = fp_model_get_n_years (model) - 1;
  gboolean some_saving = FALSE;

  g_assert_no_error (error);
  all = fp_compute_scenario (model, changes, dn, &error);
  g_assert_no_error (error);

  for (guint y = 0; y <= last; y += last / 2)
    {
      g_autoptr(GArray) effects = fp_change_effects_compute (model, NULL, changes, y, &error);
      double saving = 0, void_cost = 0, running = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (effects->len, ==, changes->len);
      for (guint k = 0; k < effects->len; k++)
        {
          const FpChangeEffect *e = &g_array_index (effects, FpChangeEffect, k);

          g_assert_cmpuint (e->index, ==, k);
          g_assert_cmpuint (e->year, ==, y);
          saving += e->revenue_saving;
          void_cost += e->void_cost;
          running += e->running_cost;
        }

      g_test_message ("year %u: saving %.0f, void %+.0f", y, saving, void_cost);
      g_assert_cmpfloat_with_epsilon (saving, all->totals[y].revenue_saving_vs_do_nothing, 0.01);
      g_assert_cmpfloat_with_epsilon (void_cost,
                                      all->totals[y].void_cost - dn->totals[y].void_cost, 0.01);
      g_assert_cmpfloat_with_epsilon (running,
                                      all->totals[y].running_cost - dn->totals[y].running_cost,
                                      0.01);
      /* A saving is a lower running cost. */
      g_assert_cmpfloat_with_epsilon (saving, -running, 0.01);
      some_saving = some_saving || fabs (saving) > 1000;
    }

  /* The data give this scenario a saving by its last year (an NHS Property Services
   * building left ends its liability after a year's notice): the test tests something. */
  g_assert_true (some_saving);
}

/* Each change's saving is its revenue savings line in the appraisal's ledger. */
static void
test_ledger (void)
{
  g_autoptr(GPtrArray) changes = make_changes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_autoptr(FpOptionAppraisal) option = NULL;
  FpAppraisalSettings settings;
  guint y = fp_model_get_n_years (model) - 1;
  g_autoptr(GArray) effects = NULL;

  g_assert_no_error (error);
  fp_appraisal_settings_init (&settings, model);
  option = fp_option_appraisal_compute (model, &settings, "Test", changes, dn, NULL, &error);
  g_assert_no_error (error);
  effects = fp_change_effects_compute (model, NULL, changes, y, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (option->ledger->len, ==, effects->len);
  for (guint k = 0; k < effects->len; k++)
    {
      const FpLedgerEntry *entry = g_ptr_array_index (option->ledger, k);
      const FpChangeEffect *e = &g_array_index (effects, FpChangeEffect, k);
      gsize n = option->n_years;

      g_assert_cmpuint (entry->index, ==, k + 1);
      g_assert_cmpfloat_with_epsilon (e->revenue_saving,
                                      entry->flows[(gsize) FP_FLOW_REVENUE_SAVINGS * n + y], 1e-6);
      g_assert_cmpfloat_with_epsilon (e->capital_receipts,
                                      entry->flows[(gsize) FP_FLOW_CAPITAL_RECEIPTS * n + y], 1e-6);
    }
}

/* Leaving a building people use moves some of them further from a service: at least as
 * many as fp_access_compare counts for any one service, at most everyone. */
static void
test_access (void)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_autoptr(FpResults) after = NULL;
  g_autoptr(FpAccess) access_dn = NULL;
  g_autoptr(FpAccess) access_after = NULL;
  g_autoptr(GArray) effects = NULL;
  guint site = find_site (FP_TENURE_LIFT, NULL);
  guint y = 3;
  double most = 0, sum = 0, further, closer;
  const FpChangeEffect *e;

  g_ptr_array_add (changes, exit_change (site, fp_model_get_base_year (model) + 1));
  after = fp_compute_scenario (model, changes, dn, &error);
  g_assert_no_error (error);
  access_dn = fp_access_compute (model, dn, y);
  access_after = fp_access_compute (model, after, y);

  for (guint i = 0; i < access_dn->sets->len; i++)
    {
      const FpAccessSet *a = g_ptr_array_index (access_dn->sets, i);
      const FpAccessSet *b = fp_access_find (access_after, a->kind, a->id);
      FpAccessChange change;

      if (a->kind != FP_FACILITY_SERVICE)
        continue;
      fp_access_compare (model, a, b, &change);
      most = fmax (most, change.people_further);
      sum += change.people_further;
    }

  effects = fp_change_effects_compute (model, NULL, changes, y, &error);
  g_assert_no_error (error);
  e = &g_array_index (effects, FpChangeEffect, 0);
  g_test_message ("further %.0f (most for one service %.0f, sum %.0f), closer %.0f",
                  e->people_further, most, sum, e->people_closer);
  g_assert_cmpfloat (most, >, 0);
  g_assert_cmpfloat (e->people_further, >=, most);
  g_assert_cmpfloat (e->people_further, <=, sum);
  g_assert_cmpfloat (e->people_further + e->people_closer, <=, fp_estate_get_population (estate));

  fp_access_count_moved (model, access_dn, access_after, &further, &closer);
  g_assert_cmpfloat (further, ==, e->people_further);
  /* Compared with itself, no one moves. */
  fp_access_count_moved (model, access_dn, access_dn, &further, &closer);
  g_assert_cmpfloat (further, ==, 0);
  g_assert_cmpfloat (closer, ==, 0);
}

/* A change has no effect before its first year, and a scenario built on another is
 * measured from its parent. */
static void
test_before_and_parent (void)
{
  g_autoptr(GPtrArray) changes = make_changes ();
  g_autoptr(GPtrArray) base = g_ptr_array_new ();
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) effects = NULL;
  g_autoptr(FpResults) dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_autoptr(FpResults) parent = NULL;
  g_autoptr(FpResults) child = NULL;
  guint last = fp_model_get_n_years (model) - 1;
  double saving = 0;

  g_assert_no_error (error);
  effects = fp_change_effects_compute (model, NULL, changes, 0, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < effects->len; k++)
    {
      const FpChangeEffect *e = &g_array_index (effects, FpChangeEffect, k);

      g_assert_cmpfloat (e->running_cost, ==, 0);
      g_assert_cmpfloat (e->void_cost, ==, 0);
      g_assert_cmpfloat (e->people_further, ==, 0);
      g_assert_cmpfloat (e->people_closer, ==, 0);
    }

  g_ptr_array_add (base, g_ptr_array_index (changes, 0));
  g_ptr_array_add (base, g_ptr_array_index (changes, 1));
  g_ptr_array_add (own, g_ptr_array_index (changes, 2));
  g_ptr_array_add (own, g_ptr_array_index (changes, 3));
  g_clear_pointer (&effects, g_array_unref);
  effects = fp_change_effects_compute (model, base, own, last, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (effects->len, ==, 2);
  parent = fp_compute_scenario (model, base, dn, &error);
  g_assert_no_error (error);
  child = fp_compute_scenario (model, changes, dn, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < effects->len; k++)
    saving += g_array_index (effects, FpChangeEffect, k).revenue_saving;
  g_assert_cmpfloat_with_epsilon (saving,
                                  child->totals[last].revenue_saving_vs_do_nothing -
                                  parent->totals[last].revenue_saving_vs_do_nothing, 0.01);
}

/* A change that cannot apply is refused, naming it; nothing is returned. */
static void
test_refused (void)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) effects = NULL;
  guint site = find_site (FP_TENURE_LIFT, NULL);

  g_ptr_array_add (changes, exit_change (site, fp_model_get_base_year (model) + 1));
  g_ptr_array_add (changes, exit_change (site, fp_model_get_base_year (model) + 2));
  effects = fp_change_effects_compute (model, NULL, changes, 2, &error);
  g_assert_null (effects);
  g_assert_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED);
  g_assert_true (g_str_has_prefix (error->message, "Change 2: "));
}

/* A job works a change at a time and gives what the whole computation gives; it keeps
 * its own copies of the changes, so the scenario may be edited meanwhile. */
static void
test_job (void)
{
  g_autoptr(GPtrArray) changes = make_changes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) whole = NULL;
  g_autoptr(FpChangeEffectsJob) job = NULL;
  guint last = fp_model_get_n_years (model) - 1;
  gboolean done = FALSE;
  guint steps = 0;
  GArray *stepped;

  whole = fp_change_effects_compute (model, NULL, changes, last, &error);
  g_assert_no_error (error);
  job = fp_change_effects_job_new (model, NULL, changes, last, &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (changes, 0);  /* the job has its own copies */

  while (!done)
    {
      g_assert_true (fp_change_effects_job_step (job, &done, &error));
      g_assert_no_error (error);
      steps++;
      g_assert_cmpuint (fp_change_effects_job_get_effects (job)->len, ==, steps);
    }
  g_assert_cmpuint (steps, ==, whole->len);
  /* A step after the last does nothing. */
  g_assert_true (fp_change_effects_job_step (job, &done, &error));
  g_assert_true (done);

  stepped = fp_change_effects_job_get_effects (job);
  g_assert_cmpuint (stepped->len, ==, whole->len);
  for (guint k = 0; k < whole->len; k++)
    {
      const FpChangeEffect *a = &g_array_index (whole, FpChangeEffect, k);
      const FpChangeEffect *b = &g_array_index (stepped, FpChangeEffect, k);

      g_assert_cmpfloat (a->revenue_saving, ==, b->revenue_saving);
      g_assert_cmpfloat (a->void_cost, ==, b->void_cost);
      g_assert_cmpfloat (a->people_further, ==, b->people_further);
      g_assert_cmpfloat (a->people_closer, ==, b->people_closer);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  estate = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fp/change-effects/add-up", test_add_up);
  g_test_add_func ("/fp/change-effects/ledger", test_ledger);
  g_test_add_func ("/fp/change-effects/access", test_access);
  g_test_add_func ("/fp/change-effects/before-and-parent", test_before_and_parent);
  g_test_add_func ("/fp/change-effects/refused", test_refused);
  g_test_add_func ("/fp/change-effects/job", test_job);

  status = g_test_run ();
  fp_model_free (model);
  fp_estate_free (estate);
  return status;
}
