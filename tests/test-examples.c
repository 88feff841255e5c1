/* test-examples.c: the example options of a new default document.
 *
 * Every example applies cleanly and says what it is; each rule picks its sites by the
 * model's own figures (a LIFT building without void rooms takes no one's work; only
 * Redundant sites are disposed of; the hubs are the busiest urgent care sites); a new
 * document holds them; the appraisal of them runs. No figure of the dataset is pinned: the
 * checks are the rules, so another estate would pass the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-test-util.h"

static FpEstate *estate;
static FpModel *model;
static FpResults *dn;
static GPtrArray *examples;

static FpScenario *
example_named (GPtrArray  *scenarios,
               const char *start)
{
  for (guint i = 0; i < scenarios->len; i++)
    {
      FpScenario *s = g_ptr_array_index (scenarios, i);

      if (g_str_has_prefix (s->name, start))
        return s;
    }

  g_error ("no example starting “%s”", start);
  return NULL;
}

static guint
site_index (const char *id)
{
  guint s;

  g_assert_true (fp_estate_find_site (estate, id, &s));
  return s;
}

/* Every example is named as one, and every change is real and owned. */
static void
test_build (void)
{
  g_assert_cmpuint (examples->len, ==, 3);

  for (guint i = 0; i < examples->len; i++)
    {
      FpScenario *s = g_ptr_array_index (examples, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(FpResults) res = NULL;

      g_assert_true (g_str_has_prefix (s->name, FP_EXAMPLE_PREFIX));
      g_assert_true (strstr (s->description, "2016 estates plan") != NULL);
      g_assert_cmpuint (s->changes->len, >, 0);
      g_assert_cmpuint (s->applied, ==, s->changes->len);

      for (guint k = 0; k < s->changes->len; k++)
        {
          const FpChange *c = g_ptr_array_index (s->changes, k);
          const char *site = fp_change_primary_site (c);

          g_assert_nonnull (c->owner);
          g_assert_true (g_str_has_prefix (c->note, "2016 plan: "));
          g_assert_cmpfloat (c->confidence, >, 0);
          g_assert_cmpfloat (c->confidence, <=, 1);
          if (site != NULL)
            g_assert_true (fp_estate_find_site (estate, site, NULL));
          if (c->service != NULL)
            g_assert_true (fp_estate_find_service (estate, c->service, NULL));
          {
            g_autofree char *what = fp_change_describe (c, estate);

            g_test_message ("  %s (%g): %s", what, c->confidence, c->note);
          }
        }

      /* It applies cleanly, as a whole. */
      res = fp_compute_scenario (model, s->changes, dn, &error);
      g_assert_no_error (error);
      g_assert_nonnull (res);
      g_test_message ("%s: %u changes; revenue saving in %d: %.0f", s->name, s->changes->len,
                      res->base_year + (int) res->n_years - 1,
                      res->totals[res->n_years - 1].revenue_saving_vs_do_nothing);
    }
}

/* Fill the LIFT voids: every building left sends its work to a LIFT building that had void
 * rooms, is no more than 2 miles by road from it, and was Marginal or Redundant in the base
 * year; the LIFT buildings it fills stay within capacity in every year. */
static void
test_fill_lift_voids (void)
{
  FpScenario *s = example_named (examples, FP_EXAMPLE_PREFIX "fill the LIFT voids");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) res = fp_compute_scenario (model, s->changes, dn, &error);
  guint exits = 0;
  double circuity = fp_estate_get_assumption (estate, "circuity", 1.3);

  g_assert_no_error (error);
  for (guint k = 0; k < s->changes->len; k++)
    {
      const FpChange *c = g_ptr_array_index (s->changes, k);

      if (c->kind == FP_CHANGE_EXIT_SITE)
        {
          guint from = site_index (c->site), into;
          const FpSite *a, *b;
          FpCategory category = fp_results_get (dn, from, 0)->category;

          g_assert_nonnull (c->to_sites);
          g_assert_null (c->to_sites[1]);
          into = site_index (c->to_sites[0]);
          a = fp_estate_get_site (estate, from);
          b = fp_estate_get_site (estate, into);
          g_assert_cmpint (b->tenure, ==, FP_TENURE_LIFT);
          g_assert_cmpfloat (b->numbers[FP_SITE_VOID_ROOMS], >, 0);
          g_assert_true (category == FP_CATEGORY_MARGINAL || category == FP_CATEGORY_REDUNDANT);
          g_assert_cmpfloat (fp_geo_haversine_km (a->lat, a->lon, b->lat, b->lon) * circuity, <=,
                             3.219);
          for (guint y = (guint) (c->year - res->base_year); y < res->n_years; y++)
            g_assert_cmpuint (fp_results_get (res, into, y)->over_capacity_rooms, ==, 0);
          exits++;
        }
      else if (c->kind == FP_CHANGE_MOVE_SERVICE)
        {
          /* A team base, to an office, ahead of the building's exit. */
          guint v;

          g_assert_true (fp_estate_find_service (estate, c->service, &v));
          g_assert_cmpint (g_array_index (estate->services, FpService, v).room_type, ==,
                           FP_ROOM_DESK);
          g_assert_cmpint (fp_estate_get_site (estate, site_index (c->to_site))->type, ==,
                           FP_SITE_TYPE_OFFICE);
          g_assert_cmpfloat (c->share, ==, 1.0);
        }
      else
        {
          /* The outpatient follow-ups: into LIFT buildings only. */
          g_assert_cmpint (c->kind, ==, FP_CHANGE_SHIFT_SETTING);
          g_assert_cmpstr (c->service, ==, "outpatient_followup");
          for (guint i = 0; c->to_sites[i] != NULL; i++)
            g_assert_cmpint (fp_estate_get_site (estate, site_index (c->to_sites[i]))->tenure, ==,
                             FP_TENURE_LIFT);
        }
    }
  g_assert_cmpuint (exits, >, 0);

  /* The LIFT voids are smaller than in Do nothing by the last year. */
  {
    guint last = res->n_years - 1;

    g_assert_cmpfloat (res->totals[last].void_cost_lift, <, dn->totals[last].void_cost_lift);
  }
}

/* The rule reads the figures: with every LIFT building's void rooms taken away, the same
 * rule finds no LIFT building to fill, so that example is not made. */
static void
test_chosen_by_figures (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FpEstate) copy = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  copy = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  for (guint s = 0; s < copy->sites->len; s++)
    {
      FpSite *site = &g_array_index (copy->sites, FpSite, s);

      if (site->tenure == FP_TENURE_LIFT)
        site->numbers[FP_SITE_VOID_ROOMS] = 0;
    }

  again = fp_examples_build (copy, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < again->len; i++)
    g_assert_false (g_str_has_prefix (((FpScenario *) g_ptr_array_index (again, i))->name,
                                      FP_EXAMPLE_PREFIX "fill the LIFT voids"));
  g_assert_cmpuint (again->len, ==, examples->len - 1);
}

/* Urgent care: at most five hubs, none a GP surgery; every site that moves its urgent care
 * moves all of it to a hub within 20 minutes by car; by the last year only the hubs and the
 * sites that found no hub with room offer it. */
static void
test_urgent_care_hubs (void)
{
  FpScenario *s = example_named (examples, FP_EXAMPLE_PREFIX "urgent care on ");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) res = fp_compute_scenario (model, s->changes, dn, &error);
  g_autoptr(GHashTable) hubs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) moved = g_hash_table_new (g_str_hash, g_str_equal);
  double limit_km = 20.0 / 60.0 * fp_estate_get_assumption (estate, "car_kmh", 24);
  double circuity = fp_estate_get_assumption (estate, "circuity", 1.3);
  guint urgent, last;

  g_assert_no_error (error);
  g_assert_true (fp_estate_find_service (estate, "urgent_care", &urgent));
  last = res->n_years - 1;

  for (guint k = 0; k < s->changes->len; k++)
    {
      const FpChange *c = g_ptr_array_index (s->changes, k);

      if (c->kind == FP_CHANGE_MOVE_SERVICE)
        {
          const FpSite *a = fp_estate_get_site (estate, site_index (c->site));
          const FpSite *b = fp_estate_get_site (estate, site_index (c->to_site));

          g_assert_cmpstr (c->service, ==, "urgent_care");
          g_assert_cmpfloat (c->share, ==, 1.0);
          g_assert_cmpfloat (fp_geo_haversine_km (a->lat, a->lon, b->lat, b->lon) * circuity, <=,
                             limit_km);
          g_assert_true (b->type != FP_SITE_TYPE_GP_PRACTICE && b->type != FP_SITE_TYPE_GP_BRANCH);
          g_hash_table_add (hubs, c->to_site);
          g_hash_table_add (moved, c->site);
        }
      else
        {
          /* Only a site whose urgent care has moved, and that has nothing else, is left. */
          g_assert_cmpint (c->kind, ==, FP_CHANGE_EXIT_SITE);
          g_assert_true (g_hash_table_contains (moved, c->site));
        }
    }
  g_assert_cmpuint (g_hash_table_size (hubs), >=, 2);
  g_assert_cmpuint (g_hash_table_size (hubs), <=, 5);

  for (guint i = 0; i < res->n_sites; i++)
    {
      if (fp_results_activity (res, i, last, urgent) <= 0)
        continue;
      g_assert_false (g_hash_table_contains (moved, res->sites[i].id));
      g_assert_cmpfloat (fp_results_activity (dn, i, 0, urgent), >, 0);
    }
}

/* Disposals: only sites Redundant in the base year, held at a cost, and a sale only of a
 * freehold or council site, with no value claimed. */
static void
test_disposals (void)
{
  FpScenario *s = example_named (examples, FP_EXAMPLE_PREFIX "dispose of empty and Redundant");

  for (guint k = 0; k < s->changes->len; k++)
    {
      const FpChange *c = g_ptr_array_index (s->changes, k);
      guint i = site_index (c->site);
      const FpSiteYear *sy = fp_results_get (dn, i, 0);
      const FpSite *site = fp_estate_get_site (estate, i);

      g_assert_cmpint (sy->category, ==, FP_CATEGORY_REDUNDANT);
      g_assert_cmpfloat (sy->running_cost, >, 0);
      g_assert_cmpint (site->status, ==, FP_SITE_STATUS_CURRENT);
      if (c->kind == FP_CHANGE_DISPOSE_SITE)
        {
          g_assert_true (site->tenure == FP_TENURE_FREEHOLD ||
                         site->tenure == FP_TENURE_LOCAL_AUTHORITY);
          g_assert_cmpfloat (c->value, ==, 0);
        }
      else
        g_assert_cmpint (c->kind, ==, FP_CHANGE_EXIT_SITE);
    }

  /* Every Redundant, costed, current NHS site is in it. */
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);
      const FpSiteYear *sy = fp_results_get (dn, i, 0);
      gboolean found = FALSE;

      if (site->sector != FP_SECTOR_NHS || site->status != FP_SITE_STATUS_CURRENT ||
          sy->category != FP_CATEGORY_REDUNDANT || sy->running_cost <= 0)
        continue;
      for (guint k = 0; k < s->changes->len && !found; k++)
        found = g_str_equal (((FpChange *) g_ptr_array_index (s->changes, k))->site, site->id);
      g_assert_true (found);
    }
}

/* A new default document holds the examples, change for change; their appraisal runs and
 * its ledger adds up. */
static void
test_new_document (void)
{
  g_autofree char *path = fp_test_tmpfile ("examples.footprint");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_create_default (path, &error);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(FpWorkspace) workspace = NULL;
  g_autoptr(FpAppraisal) appraisal = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_assert_no_error (error);
  stored = fp_store_load_scenarios (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, examples->len);
  g_ptr_array_add (names, FP_DO_NOTHING);
  for (guint i = 0; i < examples->len; i++)
    {
      FpScenario *a = g_ptr_array_index (examples, i);
      FpScenario *b = fp_scenario_find (stored, a->name);
      g_autofree char *ja = NULL;
      g_autofree char *jb = NULL;

      g_assert_nonnull (b);
      ja = fp_scenario_to_json (a);
      jb = fp_scenario_to_json (b);
      g_assert_cmpstr (ja, ==, jb);
      g_ptr_array_add (names, a->name);
    }
  g_ptr_array_add (names, NULL);
  g_clear_object (&store);

  workspace = fp_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  appraisal = fp_appraisal_compute_for_workspace (workspace, (const char * const *) names->pdata,
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpuint (appraisal->options->len, ==, examples->len + 1);
  for (guint i = 1; i < appraisal->options->len; i++)
    {
      FpOptionAppraisal *o = g_ptr_array_index (appraisal->options, i);
      double ledger = 0;

      g_assert_true (isfinite (o->npv) && isfinite (o->npv_risk_adjusted));
      g_assert_cmpfloat (o->npv_risk_adjusted, <=, o->npv + 1e-6);
      for (guint k = 0; k < o->ledger->len; k++)
        for (guint y = 0; y < o->n_years; y++)
          ledger += ((FpLedgerEntry *) g_ptr_array_index (o->ledger, k))->benefits[y];
      {
        double total = 0;

        for (guint y = 0; y < o->n_years; y++)
          total += o->benefits[y];
        g_assert_cmpfloat (fabs (ledger - total), <=, 1e-6 * fmax (1, fabs (total)));
      }
      g_test_message ("%s: NPV %.0f, risk-adjusted %.0f", o->name, o->npv, o->npv_risk_adjusted);
    }
}

/* A new default document holds the example story: Do nothing, each example in turn, then
 * the comparison in the last year; every view keeps the document's rules, and its words
 * carry the model's own figures (computed here again through the workspace). */
static void
test_example_story (void)
{
  g_autofree char *path = fp_test_tmpfile ("story.footprint");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_create_default (path, &error);
  g_autoptr(FpWorkspace) workspace = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(FpAccess) access = NULL;
  g_autofree char *running = NULL;
  g_autofree char *voids = NULL;
  const FpStory *story;
  const FpStoryView *v;
  FpKeyFigures f;
  int base = fp_model_get_base_year (model);
  int last = base + (int) fp_model_get_n_years (model) - 1;

  g_assert_no_error (error);
  g_clear_object (&store);
  workspace = fp_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  stories = fp_workspace_dup_stories (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stories->len, ==, 1);
  story = g_ptr_array_index (stories, 0);
  g_assert_true (g_str_has_prefix (story->name, FP_EXAMPLE_PREFIX));
  g_assert_cmpuint (story->views->len, ==, examples->len + 2);

  for (guint i = 0; i < story->views->len; i++)
    {
      g_autoptr(FpStoryView) copy = fp_story_view_copy (g_ptr_array_index (story->views, i));

      g_assert_true (fp_workspace_check_story_view (workspace, copy, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (copy->notes, !=, "");
    }

  /* Do nothing in the base year, its running and void costs in its words. */
  v = g_ptr_array_index (story->views, 0);
  g_assert_null (v->option);
  g_assert_cmpint (v->year, ==, base);
  fp_key_figures_compute (model, dn, NULL, 0, &f);
  running = fp_format_money_short (f.value[FP_KEY_RUNNING_COST]);
  voids = fp_format_money_short (f.value[FP_KEY_VOID_COST]);
  g_test_message ("%s", v->notes);
  g_assert_nonnull (strstr (v->notes, running));
  g_assert_nonnull (strstr (v->notes, voids));

  /* Each example in the table's order, in a year after its last change. */
  for (guint i = 0; i < examples->len; i++)
    {
      const FpScenario *s = g_ptr_array_index (examples, i);
      g_autoptr(FpResults) r = NULL;
      g_autofree char *cost = NULL;
      FpKeyFigures fs;

      v = g_ptr_array_index (story->views, i + 1);
      g_assert_cmpstr (v->option, ==, s->name);
      for (guint c = 0; c < s->changes->len; c++)
        g_assert_cmpint (v->year, >, MIN (((FpChange *) g_ptr_array_index (s->changes, c))->year,
                                          last - 1));
      r = fp_workspace_compute (workspace, s->name, &error);
      g_assert_no_error (error);
      fp_key_figures_compute (model, r, NULL, (guint) (v->year - base), &fs);
      cost = fp_format_money_short (fs.value[FP_KEY_RUNNING_COST]);
      g_test_message ("%s", v->notes);
      g_assert_nonnull (strstr (v->notes, cost));
    }

  /* The comparison: the option that saves the most running cost in the last year. */
  v = g_ptr_array_index (story->views, story->views->len - 1);
  g_assert_cmpint (v->year, ==, last);
  res = fp_workspace_compute (workspace, v->option, &error);
  g_assert_no_error (error);
  fp_key_figures_compute (model, res, NULL, (guint) (last - base), &f);
  for (guint i = 0; i < examples->len; i++)
    {
      g_autoptr(FpResults) r = fp_workspace_compute (workspace,
          ((FpScenario *) g_ptr_array_index (examples, i))->name, &error);
      FpKeyFigures fo;

      fp_key_figures_compute (model, r, NULL, (guint) (last - base), &fo);
      g_assert_cmpfloat (f.value[FP_KEY_RUNNING_COST], <=, fo.value[FP_KEY_RUNNING_COST] + 1e-6);
    }
}

/* The two bed change kinds are stored and read back whole (schema migration 5). */
static void
test_bed_changes_stored (void)
{
  g_autofree char *path = fp_test_tmpfile ("beds.footprint");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_create (path, &error);
  g_autoptr(FpScenario) s = fp_scenario_new ("Shorter stays");
  g_autoptr(GPtrArray) back = NULL;
  FpChange *los = fp_change_new (FP_CHANGE_REDUCE_LENGTH_OF_STAY, 2027);
  FpChange *occ = fp_change_new (FP_CHANGE_CHANGE_OCCUPANCY, 2028);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_true (fp_store_save_estate (store, estate, &error));
  g_assert_no_error (error);

  los->service = g_strdup ("inpatient_bed_days");
  los->share = 0.1;
  los->sites = g_strsplit ("RRK97,RRK98", ",", -1);
  occ->occupancy = 0.85;
  g_ptr_array_add (s->changes, los);
  g_ptr_array_add (s->changes, occ);
  s->applied = 2;
  g_assert_true (fp_scenario_check_changes (model, NULL, s->changes, &error));
  g_assert_no_error (error);
  g_assert_true (fp_store_insert_scenario (store, s, FALSE, &error));
  g_assert_no_error (error);

  back = fp_store_load_scenarios (store, &error);
  g_assert_no_error (error);
  before = fp_scenario_to_json (s);
  after = fp_scenario_to_json (fp_scenario_find (back, "Shorter stays"));
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  estate = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  examples = fp_examples_build (estate, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fp/examples/build", test_build);
  g_test_add_func ("/fp/examples/fill-lift-voids", test_fill_lift_voids);
  g_test_add_func ("/fp/examples/chosen-by-figures", test_chosen_by_figures);
  g_test_add_func ("/fp/examples/urgent-care-hubs", test_urgent_care_hubs);
  g_test_add_func ("/fp/examples/disposals", test_disposals);
  g_test_add_func ("/fp/examples/new-document", test_new_document);
  g_test_add_func ("/fp/examples/bed-changes-stored", test_bed_changes_stored);
  g_test_add_func ("/fp/examples/example-story", test_example_story);

  return g_test_run ();
}
