/* test-workspace-edits.c: the appraisal's scoring and an import, edited through FpWorkspace.
 *
 * Each edit must be written in one transaction, announced by one "changed" signal with its
 * flag, and a refused edit must leave the document as it was (and say nothing). The import
 * is applied, undone and redone through the workspace, which must then hold the new estate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include "fp-test-util.h"

#define SCENARIO "Leave Hodge Hill"

typedef struct
{
  guint              n;
  FpWorkspaceChange  what;
} Changed;

static void
on_changed_cb (FpWorkspace       *workspace,
               FpWorkspaceChange  what,
               const char        *scenario,
               Changed           *changed)
{
  changed->n++;
  changed->what = what;
}

/* A fresh copy of the built-in estate with one scenario. */
static FpWorkspace *
new_workspace (char **path_out)
{
  g_autofree char *path = fp_test_tmpfile ("edits.footprint");
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpScenario) scenario = NULL;
  g_autoptr(GError) error = NULL;
  FpChange *change;
  FpWorkspace *workspace;

  store = fp_store_create_default (path, &error);
  g_assert_no_error (error);
  scenario = fp_scenario_new (SCENARIO);
  change = fp_change_new (FP_CHANGE_EXIT_SITE, 2027);
  change->site = g_strdup ("Y02567");
  g_ptr_array_add (scenario->changes, change);
  scenario->applied = 1;
  fp_store_insert_scenario (store, scenario, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  workspace = fp_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return workspace;
}

static double
score_of (FpWorkspace *workspace,
          const char  *option,
          const char  *criterion)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpScoring) scoring = fp_workspace_dup_scoring (workspace, &error);
  double score;

  g_assert_no_error (error);
  if (!fp_scoring_get_score (scoring, option, criterion, &score))
    return NAN;
  return score;
}

static void
test_scores (void)
{
  g_autofree char *path = NULL;
  g_autoptr(FpWorkspace) workspace = new_workspace (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  Changed changed = { 0 };

  g_signal_connect (workspace, "changed", G_CALLBACK (on_changed_cb), &changed);

  /* A score: saved, and announced once as an appraisal change. */
  g_assert_true (fp_workspace_set_score (workspace, SCENARIO, "strategic_fit", 8, "Tester",
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n, ==, 1);
  g_assert_cmpint (changed.what, ==, FP_WORKSPACE_CHANGED_APPRAISAL);
  g_assert_cmpfloat (score_of (workspace, SCENARIO, "strategic_fit"), ==, 8);

  /* Do nothing in any case, and a criterion by its name. */
  g_assert_true (fp_workspace_set_score (workspace, "do nothing", "Value for money", 3, "Tester",
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score_of (workspace, FP_DO_NOTHING, "value_for_money"), ==, 3);
  g_assert_cmpuint (changed.n, ==, 2);

  /* Refusals change nothing and announce nothing. */
  before = fp_test_file_checksum (path);
  {
    static const struct
    {
      const char *option;
      const char *criterion;
      double      score;
      const char *says;
    } bad[] = {
      { SCENARIO, "strategic_fit", 11, "0 to 10" },
      { SCENARIO, "strategic_fit", -1, "0 to 10" },
      { SCENARIO, "beauty", 5, "beauty" },
      { "No such option", "strategic_fit", 5, "No such option" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) refused = NULL;

        g_assert_false (fp_workspace_set_score (workspace, bad[i].option, bad[i].criterion,
                                                bad[i].score, "Tester", &refused));
        g_assert_nonnull (refused);
        g_test_message ("refused: %s", refused->message);
        g_assert_nonnull (strstr (refused->message, bad[i].says));
      }
  }
  g_assert_cmpuint (changed.n, ==, 2);
  g_assert_cmpfloat (score_of (workspace, SCENARIO, "strategic_fit"), ==, 8);
  {
    g_autofree char *after = fp_test_file_checksum (path);

    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_weights_and_criteria (void)
{
  g_autoptr(FpWorkspace) workspace = new_workspace (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpScoring) scoring = NULL;
  const char *ids[] = { "strategic_fit", "value_for_money", "supplier_capacity", "affordability",
                        "achievability" };
  const double good[] = { 30, 25, 10, 20, 15 };
  Changed changed = { 0 };

  g_signal_connect (workspace, "changed", G_CALLBACK (on_changed_cb), &changed);

  /* One weight alone breaks the sum: refused whole. */
  {
    const double half[] = { 50 };

    g_assert_false (fp_workspace_set_weights (workspace, ids, half, 1, "Tester", &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "100"));
    g_clear_error (&error);
    g_assert_cmpuint (changed.n, ==, 0);
  }

  /* All five together. */
  g_assert_true (fp_workspace_set_weights (workspace, ids, good, G_N_ELEMENTS (good), "Tester",
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n, ==, 1);
  scoring = fp_workspace_dup_scoring (workspace, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    g_assert_cmpfloat (fp_scoring_find_criterion (scoring, ids[i])->weight, ==, good[i]);
  g_clear_pointer (&scoring, fp_scoring_free);

  /* A new criterion comes with weight 0; it goes again; a weighted one cannot. */
  g_assert_true (fp_workspace_add_criterion (workspace, "Carbon", "Tester", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n, ==, 2);
  scoring = fp_workspace_dup_scoring (workspace, &error);
  g_assert_nonnull (fp_scoring_find_criterion (scoring, "Carbon"));
  g_assert_cmpfloat (fp_scoring_find_criterion (scoring, "Carbon")->weight, ==, 0);
  g_clear_pointer (&scoring, fp_scoring_free);
  g_assert_false (fp_workspace_add_criterion (workspace, "carbon", "Tester", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (fp_workspace_remove_criterion (workspace, "Carbon", "Tester", &error));
  g_assert_no_error (error);
  g_assert_false (fp_workspace_remove_criterion (workspace, "affordability", "Tester", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (changed.n, ==, 3);
}

/* Another program's score, saved between this workspace's reads, is kept: each edit reads
 * the scoring inside its own transaction. */
static void
test_scores_two_programs (void)
{
  g_autofree char *path = NULL;
  g_autoptr(FpWorkspace) workspace = new_workspace (&path);
  g_autoptr(FpStore) other = NULL;
  g_autoptr(FpScoring) scoring = NULL;
  g_autoptr(GError) error = NULL;

  other = fp_store_open (path, &error);
  g_assert_no_error (error);
  scoring = fp_store_load_scoring (other, &error);
  g_assert_no_error (error);
  g_assert_true (fp_scoring_set_score (scoring, FP_DO_NOTHING, "achievability", 9, &error));
  g_assert_true (fp_store_save_scoring (other, scoring, "Other", &error));
  g_assert_no_error (error);

  g_assert_true (fp_workspace_set_score (workspace, SCENARIO, "achievability", 4, "Tester",
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score_of (workspace, FP_DO_NOTHING, "achievability"), ==, 9);
  g_assert_cmpfloat (score_of (workspace, SCENARIO, "achievability"), ==, 4);
}

/* ---- an import --------------------------------------------------------------------- */

static void
test_import (void)
{
  g_autofree char *path = NULL;
  g_autoptr(FpWorkspace) workspace = new_workspace (&path);
  g_autofree char *register_path = fp_test_tmpfile ("register.csv");
  g_autoptr(FpImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  FpImportOptions options = { .kind = FP_IMPORT_KIND_AUTO };
  Changed changed = { 0 };
  guint n_sites, index;
  double gia_before, gia_total;
  gboolean can_redo;
  gint64 id = 0;

  g_file_set_contents (register_path,
                       "Site code,Name,Type,Postcode,GIA (m²)\n"
                       "NEW1,Alpha Clinic,Health centre,B15 2TT,420\n"
                       "NEW2,Beta Hub,Hub,B33 8TD,1200\n", -1, &error);
  g_assert_no_error (error);

  n_sites = fp_workspace_get_estate (workspace)->sites->len;
  gia_before = fp_workspace_get_summary (workspace)->figures[FP_SUMMARY_GIA];
  g_assert_false (fp_workspace_can_undo_import (workspace, &can_redo));
  g_assert_false (can_redo);
  g_signal_connect (workspace, "changed", G_CALLBACK (on_changed_cb), &changed);

  plan = fp_import_plan_new (fp_workspace_get_estate (workspace), register_path, &options, NULL,
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fp_import_plan_get_new_sites (plan)->len, ==, 2);

  /* Applied: the workspace holds the new estate, and says so once. */
  g_assert_true (fp_workspace_apply_import (workspace, plan, "Tester", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (changed.n, ==, 1);
  g_assert_true (changed.what & FP_WORKSPACE_CHANGED_ESTATE);
  g_assert_cmpuint (fp_workspace_get_estate (workspace)->sites->len, ==, n_sites + 2);
  g_assert_true (fp_estate_find_site (fp_workspace_get_estate (workspace), "NEW1", &index));
  g_assert_cmpuint (g_list_model_get_n_items (fp_workspace_get_sites (workspace)), ==,
                    n_sites + 2);
  gia_total = fp_workspace_get_summary (workspace)->figures[FP_SUMMARY_GIA];
  g_assert_cmpfloat_with_epsilon (gia_total, gia_before + 420 + 1200, 1e-6);
  /* Do nothing and the current results are of the new estate. */
  g_assert_cmpuint (fp_workspace_get_do_nothing (workspace)->n_sites, ==, n_sites + 2);
  g_assert_true (fp_workspace_can_undo_import (workspace, &can_redo));
  g_assert_false (can_redo);

  /* Undone: as before. */
  g_assert_true (fp_workspace_undo_import (workspace, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n, ==, 2);
  g_assert_cmpuint (fp_workspace_get_estate (workspace)->sites->len, ==, n_sites);
  g_assert_false (fp_estate_find_site (fp_workspace_get_estate (workspace), "NEW1", NULL));
  g_assert_cmpfloat_with_epsilon (fp_workspace_get_summary (workspace)->figures[FP_SUMMARY_GIA],
                                  gia_before, 1e-6);
  g_assert_false (fp_workspace_can_undo_import (workspace, &can_redo));
  g_assert_true (can_redo);

  /* Redone. */
  g_assert_true (fp_workspace_redo_import (workspace, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n, ==, 3);
  g_assert_cmpuint (fp_workspace_get_estate (workspace)->sites->len, ==, n_sites + 2);

  /* A scenario now uses a site the import added: the undo is refused, nothing changes. */
  {
    g_autoptr(FpChange) change = fp_change_new (FP_CHANGE_EXIT_SITE, 2028);
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    change->site = g_strdup ("NEW2");
    g_assert_true (fp_workspace_add_change (workspace, SCENARIO, change, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (changed.n, ==, 4);
    fp_store_checkpoint (fp_workspace_get_store (workspace), NULL);
    before = fp_test_file_checksum (path);
    g_assert_false (fp_workspace_undo_import (workspace, NULL, &error));
    g_assert_nonnull (error);
    g_test_message ("refused: %s", error->message);
    g_assert_nonnull (strstr (error->message, "NEW2"));
    g_clear_error (&error);
    g_assert_cmpuint (changed.n, ==, 4);
    g_assert_cmpuint (fp_workspace_get_estate (workspace)->sites->len, ==, n_sites + 2);
    fp_store_checkpoint (fp_workspace_get_store (workspace), NULL);
    after = fp_test_file_checksum (path);
    g_assert_cmpstr (before, ==, after);
  }
}

/* A reload after another program imported: the workspace sees the new sites. */
static void
test_reload (void)
{
  g_autofree char *path = NULL;
  g_autoptr(FpWorkspace) workspace = new_workspace (&path);
  g_autoptr(FpStore) other = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpImportPlan) plan = NULL;
  g_autofree char *register_path = fp_test_tmpfile ("other.csv");
  g_autoptr(GError) error = NULL;
  FpImportOptions options = { .kind = FP_IMPORT_KIND_AUTO };
  guint n_sites = fp_workspace_get_estate (workspace)->sites->len;
  Changed changed = { 0 };

  g_file_set_contents (register_path, "Site code,Name,Type,Postcode\n"
                                      "NEW9,Gamma Clinic,Health centre,B15 2TT\n", -1, &error);
  g_assert_no_error (error);
  other = fp_store_open (path, &error);
  g_assert_no_error (error);
  estate = fp_store_load_estate (other, &error);
  g_assert_no_error (error);
  plan = fp_import_plan_new (estate, register_path, &options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (fp_store_apply_import (other, plan, "Other", NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (fp_workspace_get_estate (workspace)->sites->len, ==, n_sites);
  g_signal_connect (workspace, "changed", G_CALLBACK (on_changed_cb), &changed);
  g_assert_true (fp_workspace_reload (workspace, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed.n, ==, 1);
  g_assert_cmpint (changed.what & (FP_WORKSPACE_CHANGED_ESTATE | FP_WORKSPACE_CHANGED_ASSUMPTIONS),
                   ==, FP_WORKSPACE_CHANGED_ESTATE | FP_WORKSPACE_CHANGED_ASSUMPTIONS);
  g_assert_cmpuint (fp_workspace_get_estate (workspace)->sites->len, ==, n_sites + 1);
  g_assert_nonnull (fp_workspace_get_results (workspace));
  g_assert_cmpuint (fp_workspace_get_results (workspace)->n_sites, ==, n_sites + 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/workspace-edits/scores", test_scores);
  g_test_add_func ("/fp/workspace-edits/weights-and-criteria", test_weights_and_criteria);
  g_test_add_func ("/fp/workspace-edits/scores-two-programs", test_scores_two_programs);
  g_test_add_func ("/fp/workspace-edits/import", test_import);
  g_test_add_func ("/fp/workspace-edits/reload", test_reload);

  return g_test_run ();
}
