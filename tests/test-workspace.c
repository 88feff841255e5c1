/* test-workspace.c: every kind of edit through FpWorkspace, on a document of the engine's
 * test estate (tests/data/engine-estate.json: H1 a LIFT health centre, G2 and G3 GP
 * practices, F4 a community hospital, N5 an NHS Property Services health centre; base year
 * 2025, horizon 5 years).
 *
 * Each edit is added, refused (changing nothing, with no signal), undone, redone and
 * reordered; each is announced by exactly one "changed"; and a second workspace opened on
 * the file afterwards holds the same scenarios and computes the same results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "fp-test-util.h"

/* Changes, as a user would write them (docs/scenarios.md). */
#define OPEN_HUB "{\"kind\": \"open_site\", \"year\": 2026, \"id\": \"HUB\", " \
  "\"name\": \"New Hub\", \"site_type\": \"hub\", \"lat\": 52.0, \"lon\": -1.81, \"gia_m2\": 900, \"rooms\": " \
  "{\"consult\": 6}, \"beds\": 0, \"hours_open_per_week\": 60, \"capital_cost\": 3000000, " \
  "\"running_cost\": 180000, \"tenure\": \"leasehold\"}"
#define MOVE_TO_HUB "{\"kind\": \"move_service\", \"year\": 2027, \"site\": \"G3\", " \
  "\"service\": \"gp\", \"to_site\": \"HUB\", \"share\": 0.5}"
#define LEAVE_H1_2027 "{\"kind\": \"exit_site\", \"year\": 2027, \"site\": \"H1\", " \
  "\"to_sites\": [\"G2\"]}"
#define LEAVE_H1_2026 "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"H1\", " \
  "\"to_sites\": [\"G2\"]}"
#define HOURS_G2 "{\"kind\": \"change_hours\", \"year\": 2026, \"site\": \"G2\", " \
  "\"hours_open_per_week\": 60}"
#define HOURS_G2_70 "{\"kind\": \"change_hours\", \"year\": 2026, \"site\": \"G2\", " \
  "\"hours_open_per_week\": 70}"
#define LATE_EXIT "{\"kind\": \"exit_site\", \"year\": 2030, \"site\": \"N5\"}"

typedef struct
{
  char        *path;
  FpWorkspace *ws;
  guint        signals;
  guint        last_what;
  char        *last_scenario;
} Fixture;

static void
on_changed (FpWorkspace *ws,
            guint        what,
            const char  *scenario,
            Fixture     *f)
{
  f->signals++;
  f->last_what = what;
  g_free (f->last_scenario);
  f->last_scenario = g_strdup (scenario);
}

static FpWorkspace *
open_workspace (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_open (path, &error);
  FpWorkspace *ws;

  g_assert_no_error (error);
  ws = fp_workspace_new_for_store (store, &error);
  g_assert_no_error (error);
  return ws;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = fp_test_read_data_file ("engine-estate.json");
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(GError) error = NULL;

  estate = fp_dataset_parse (bytes, &error);
  g_assert_no_error (error);
  f->path = fp_test_tmpfile ("workspace.footprint");
  store = fp_store_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (fp_store_save_estate (store, estate, &error));
  g_clear_object (&store);

  f->ws = open_workspace (f->path);
  g_signal_connect (f->ws, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->ws);
  g_clear_pointer (&f->last_scenario, g_free);
  g_clear_pointer (&f->path, g_free);
}

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

/* Runs an edit that must succeed and be announced exactly once. */
#define EDIT_OK(f, call)                                                                \
  G_STMT_START {                                                                        \
    g_autoptr(GError) edit_error = NULL;                                                \
    guint before_ = (f)->signals;                                                       \
    GError **error_ = &edit_error;                                                      \
    if (!(call))                                                                        \
      g_error ("%s failed: %s", #call, edit_error ? edit_error->message : "?");        \
    (void) error_;                                                                      \
    g_assert_cmpuint ((f)->signals, ==, before_ + 1);                                   \
  } G_STMT_END

/* What the document holds, as text: every scenario, its undo position and changes. */
static char *
stored (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_open (path, &error);
  g_autoptr(GPtrArray) scenarios = NULL;
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  scenarios = fp_store_load_scenarios (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < scenarios->len; i++)
    {
      FpScenario *s = g_ptr_array_index (scenarios, i);

      g_string_append_printf (out, "%s<%s> %u/%u:", s->name, s->parent ? s->parent : "",
                              s->applied, s->changes->len);
      for (guint c = 0; c < s->changes->len; c++)
        {
          g_autoptr(JsonNode) node = fp_change_to_json (g_ptr_array_index (s->changes, c), TRUE);
          g_autofree char *text = json_to_string (node, FALSE);

          g_string_append_printf (out, " %s", text);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

/* A refused edit: the error, no signal, and the document exactly as it was. */
static void
assert_refused (Fixture    *f,
                gboolean    ok,
                GError    **error,
                int         code,
                const char *fragment,
                const char *before)
{
  g_autofree char *after = stored (f->path);

  g_assert_false (ok);
  g_assert_error (*error, FP_ERROR, code);
  if (fragment != NULL && strstr ((*error)->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, (*error)->message);
  g_assert_cmpstr (before, ==, after);
}

static const FpChange *
change_at (const FpScenario *s,
           guint             index)
{
  g_assert_cmpuint (index, <, s->changes->len);
  return g_ptr_array_index (s->changes, index);
}

static const FpScenario *
find (Fixture    *f,
      const char *name)
{
  const FpScenario *s = fp_workspace_find_scenario (f->ws, name);

  g_assert_nonnull (s);
  return s;
}

/* ---- scenarios --------------------------------------------------------------------- */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  const char *refused[][2] = {
    { "   ", "is empty" }, { "Do nothing ", "empty scenario" },
    { "do NOTHING", "empty scenario" },
    { "", "is empty" }, { "Bad\x1b[31mname", "control character" },
    { "Bad\xe2\x80\xaename", "direction" },
  };
  g_autofree char *before = NULL;
  g_autofree char *long_name = g_strnfill (FP_SCENARIO_NAME_MAX + 1, 'x');
  const FpScenario *s;

  s = fp_workspace_create_scenario (f->ws, "  Hubs  ", "Outpatients to hubs", NULL, NULL);
  g_assert_nonnull (s);
  g_assert_cmpstr (s->name, ==, "Hubs");
  g_assert_cmpuint (f->signals, ==, 1);
  g_assert_cmpuint (f->last_what, ==, FP_WORKSPACE_CHANGED_SCENARIOS);
  g_assert_cmpstr (f->last_scenario, ==, "Hubs");

  before = stored (f->path);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      s = fp_workspace_create_scenario (f->ws, refused[i][0], NULL, NULL, &error);
      assert_refused (f, s != NULL, &error, FP_ERROR_INVALID_ARGUMENT, refused[i][1], before);
    }
  {
    g_autoptr(GError) error = NULL;

    s = fp_workspace_create_scenario (f->ws, long_name, NULL, NULL, &error);
    assert_refused (f, s != NULL, &error, FP_ERROR_INVALID_ARGUMENT, "at most", before);
  }
  {
    g_autoptr(GError) error = NULL;

    s = fp_workspace_create_scenario (f->ws, "HUBS", NULL, NULL, &error);
    assert_refused (f, s != NULL, &error, FP_ERROR_EXISTS, "exists already", before);
  }
  {
    g_autoptr(GError) error = NULL;

    s = fp_workspace_create_scenario (f->ws, "Child", NULL, "Nowhere", &error);
    assert_refused (f, s != NULL, &error, FP_ERROR_NOT_FOUND, "to build on", before);
  }
  g_assert_cmpuint (f->signals, ==, 1);

  s = fp_workspace_create_scenario (f->ws, "Child", NULL, "hubs", NULL);
  g_assert_nonnull (s);
  g_assert_cmpstr (s->parent, ==, "Hubs");
  g_assert_cmpuint (f->signals, ==, 2);
}

/* Add, refuse, undo, redo; a change added after an undo drops the undone one. */
static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(FpChange) hours = change (HOURS_G2);
  g_autoptr(FpChange) leave = change (LEAVE_H1_2027);
  g_autoptr(FpChange) leave_again = change (LEAVE_H1_2026);
  g_autoptr(FpChange) late = change (LATE_EXIT);
  g_autoptr(FpChange) bad_year = change ("{\"kind\": \"exit_site\", \"year\": 2031, "
                                         "\"site\": \"G3\"}");
  g_autofree char *before = NULL;
  guint position = 99, dropped = 99;

  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "Plan", NULL, NULL, error_) != NULL);
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Plan", hours, &position, &dropped, error_));
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (dropped, ==, 0);
  g_assert_cmpuint (f->last_what, ==, FP_WORKSPACE_CHANGED_CHANGES);
  g_assert_cmpstr (f->last_scenario, ==, "Plan");
  EDIT_OK (f, fp_workspace_add_change (f->ws, "plan", leave, &position, NULL, error_));
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (find (f, "Plan")->applied, ==, 2);

  /* Refused: H1 is left already; a year beyond the horizon; Do nothing; no such scenario. */
  before = stored (f->path);
  {
    g_autoptr(GError) error = NULL;
    gboolean ok = fp_workspace_add_change (f->ws, "Plan", leave_again, &position, NULL, &error);

    assert_refused (f, ok, &error, FP_ERROR_CHANGE_REFUSED,
                    "is left in 2027 by an earlier change", before);
    g_assert_cmpuint (position, ==, 2);
  }
  {
    g_autoptr(GError) error = NULL;
    gboolean ok = fp_workspace_add_change (f->ws, "Plan", bad_year, NULL, NULL, &error);

    assert_refused (f, ok, &error, FP_ERROR_CHANGE_REFUSED, "outside the horizon", before);
  }
  {
    g_autoptr(GError) error = NULL;
    gboolean ok = fp_workspace_add_change (f->ws, "Do nothing", late, NULL, NULL, &error);

    assert_refused (f, ok, &error, FP_ERROR_INVALID_ARGUMENT, "empty scenario", before);
  }
  {
    g_autoptr(GError) error = NULL;
    gboolean ok = fp_workspace_add_change (f->ws, "Nowhere", late, NULL, NULL, &error);

    assert_refused (f, ok, &error, FP_ERROR_NOT_FOUND, "Nowhere", before);
  }
  {
    g_autoptr(GError) error = NULL;
    gboolean ok = fp_workspace_add_change_json (f->ws, "Plan",
                                                "{\"kind\": \"exit_site\", \"year\": 2028, "
                                                "\"site\": \"N5\", \"share\": 0.5}", NULL, &error);

    assert_refused (f, ok, &error, FP_ERROR_INVALID_DATA, "“share”", before);
  }
  {
    /* The window's win.add-change takes JSON from anyone on the session bus: it is read as
     * strictly as a scenario file (deep nesting crashed json-glib; a key twice was read
     * as its last value). */
    g_autofree char *deep = g_strnfill (80000, '[');
    const char *bad[][2] = {
      { deep, "nest" },
      { "{\"kind\": \"exit_site\", \"year\": 2028, \"site\": \"N5\", \"site\": \"G2\"}",
        "twice" },
      { "", "empty" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autoptr(GError) error = NULL;
        gboolean ok = fp_workspace_add_change_json (f->ws, "Plan", bad[i][0], NULL, &error);

        assert_refused (f, ok, &error, FP_ERROR_INVALID_DATA, bad[i][1], before);
      }
  }
  g_assert_cmpuint (f->signals, ==, 3);

  /* Undo, redo, and what each would do. */
  g_assert_true (fp_workspace_get_undo_change (f->ws, "Plan")->kind == FP_CHANGE_EXIT_SITE);
  g_assert_null (fp_workspace_get_redo_change (f->ws, "Plan"));
  EDIT_OK (f, fp_workspace_undo (f->ws, "Plan", &position, error_));
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (find (f, "Plan")->applied, ==, 1);
  g_assert_true (fp_workspace_get_redo_change (f->ws, "Plan")->kind == FP_CHANGE_EXIT_SITE);
  EDIT_OK (f, fp_workspace_redo (f->ws, "Plan", &position, error_));
  g_assert_cmpuint (find (f, "Plan")->applied, ==, 2);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *now = stored (f->path);

    assert_refused (f, fp_workspace_redo (f->ws, "Plan", NULL, &error), &error,
                    FP_ERROR_INVALID_ARGUMENT, "no undone change", now);
  }

  /* After an undo, a new change drops the undone one. */
  EDIT_OK (f, fp_workspace_undo (f->ws, "Plan", NULL, error_));
  EDIT_OK (f, fp_workspace_add_change_json (f->ws, "Plan", LATE_EXIT, &position, error_));
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (find (f, "Plan")->changes->len, ==, 2);
  g_assert_true (change_at (find (f, "Plan"), 1)->kind ==
                 FP_CHANGE_EXIT_SITE);
  g_assert_cmpstr (change_at (find (f, "Plan"), 1)->site, ==, "N5");

  /* Undo everything, then once more: refused. */
  EDIT_OK (f, fp_workspace_undo (f->ws, "Plan", NULL, error_));
  EDIT_OK (f, fp_workspace_undo (f->ws, "Plan", NULL, error_));
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *now = stored (f->path);

    assert_refused (f, fp_workspace_undo (f->ws, "Plan", NULL, &error), &error,
                    FP_ERROR_INVALID_ARGUMENT, "no change to undo", now);
  }
}

/* Replace, remove and reorder, each refused when a change it leaves would no longer
 * apply. */
static void
test_edit_remove_move (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FpChange) hub = change (OPEN_HUB);
  g_autoptr(FpChange) move = change (MOVE_TO_HUB);
  g_autoptr(FpChange) hours = change (HOURS_G2);
  g_autoptr(FpChange) hours_70 = change (HOURS_G2_70);
  g_autoptr(FpChange) late = change (LATE_EXIT);
  g_autoptr(FpChange) bad = change ("{\"kind\": \"change_hours\", \"year\": 2026, "
                                    "\"site\": \"NOWHERE\", \"hours_open_per_week\": 60}");
  g_autofree char *before = NULL;
  const FpScenario *s;

  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "Hub", NULL, NULL, error_) != NULL);
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Hub", hub, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Hub", move, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Hub", hours, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Hub", late, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_undo (f->ws, "Hub", NULL, error_));

  /* Replace: the hours change becomes 70 hours. */
  EDIT_OK (f, fp_workspace_replace_change (f->ws, "Hub", 2, hours_70, error_));
  s = find (f, "Hub");
  g_assert_cmpfloat (change_at (s, 2)->hours_open_per_week, ==, 70);
  g_assert_cmpuint (s->applied, ==, 3);

  before = stored (f->path);
  {
    /* The move into the hub needs the hub: removing it, or moving the move before it, or
     * replacing the hub with a change to a site that does not exist, is refused. */
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;
    g_autoptr(GError) e4 = NULL;
    g_autoptr(GError) e5 = NULL;

    assert_refused (f, fp_workspace_remove_change (f->ws, "Hub", 0, &e1), &e1,
                    FP_ERROR_CHANGE_REFUSED, "Change 1 of “Hub” would no longer apply", before);
    assert_refused (f, fp_workspace_move_change (f->ws, "Hub", 1, 0, &e2), &e2,
                    FP_ERROR_CHANGE_REFUSED, "HUB", before);
    assert_refused (f, fp_workspace_replace_change (f->ws, "Hub", 0, bad, &e3), &e3,
                    FP_ERROR_CHANGE_REFUSED, "NOWHERE", before);
    /* Across the undo position. */
    assert_refused (f, fp_workspace_move_change (f->ws, "Hub", 3, 0, &e4), &e4,
                    FP_ERROR_INVALID_ARGUMENT, "undone", before);
    assert_refused (f, fp_workspace_remove_change (f->ws, "Hub", 7, &e5), &e5,
                    FP_ERROR_INVALID_ARGUMENT, "no change 8", before);
  }

  /* Moving the hours change first: allowed, in order. */
  EDIT_OK (f, fp_workspace_move_change (f->ws, "Hub", 2, 0, error_));
  s = find (f, "Hub");
  g_assert_true (change_at (s, 0)->kind == FP_CHANGE_CHANGE_HOURS);
  g_assert_true (change_at (s, 1)->kind == FP_CHANGE_OPEN_SITE);
  g_assert_true (change_at (s, 2)->kind == FP_CHANGE_MOVE_SERVICE);
  g_assert_true (change_at (s, 3)->kind == FP_CHANGE_EXIT_SITE);
  g_assert_cmpuint (s->applied, ==, 3);

  /* Removing the undone change keeps the undo position; removing one in effect lowers it. */
  EDIT_OK (f, fp_workspace_remove_change (f->ws, "Hub", 3, error_));
  g_assert_cmpuint (find (f, "Hub")->applied, ==, 3);
  g_assert_cmpuint (find (f, "Hub")->changes->len, ==, 3);
  EDIT_OK (f, fp_workspace_remove_change (f->ws, "Hub", 2, error_));
  EDIT_OK (f, fp_workspace_remove_change (f->ws, "Hub", 1, error_));
  g_assert_cmpuint (find (f, "Hub")->applied, ==, 1);
  g_assert_cmpuint (find (f, "Hub")->changes->len, ==, 1);
}

/* A parent's edit that would break a scenario built on it is refused, naming the child
 * and its change; so is a parent's new change that conflicts with the child's. */
static void
test_parent_and_child (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(FpChange) hub = change (OPEN_HUB);
  g_autoptr(FpChange) move = change (MOVE_TO_HUB);
  g_autoptr(FpChange) leave = change (LEAVE_H1_2027);
  g_autoptr(FpChange) leave_earlier = change (LEAVE_H1_2026);
  g_autofree char *before = NULL;

  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "Parent", NULL, NULL, error_) != NULL);
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Parent", hub, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "Child", NULL, "Parent", error_) != NULL);
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Child", move, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Child", leave, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "Grandchild", NULL, "Child", error_) != NULL);

  before = stored (f->path);
  {
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;
    g_autoptr(GError) e4 = NULL;

    assert_refused (f, fp_workspace_undo (f->ws, "Parent", NULL, &e1), &e1,
                    FP_ERROR_CHANGE_REFUSED, "Change 1 of “Child” would no longer apply", before);
    g_assert_nonnull (strstr (e1->message, "“Child” builds on “Parent”"));
    assert_refused (f, fp_workspace_remove_change (f->ws, "Parent", 0, &e2), &e2,
                    FP_ERROR_CHANGE_REFUSED, "“Child” builds on “Parent”", before);
    assert_refused (f, fp_workspace_add_change (f->ws, "Parent", leave_earlier, NULL, NULL, &e3),
                    &e3, FP_ERROR_CHANGE_REFUSED, "Change 2 of “Child”", before);
    assert_refused (f, fp_workspace_delete_scenario (f->ws, "Parent", &e4), &e4,
                    FP_ERROR_INVALID_ARGUMENT, "Child", before);
  }
  g_assert_cmpuint (f->signals, ==, 6);

  /* Once the child no longer needs it, the parent's change can go. */
  EDIT_OK (f, fp_workspace_remove_change (f->ws, "Child", 0, error_));
  EDIT_OK (f, fp_workspace_undo (f->ws, "Parent", NULL, error_));
  g_assert_cmpuint (find (f, "Parent")->applied, ==, 0);

  /* The grandchild computes through both. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FpResults) res = fp_workspace_compute (f->ws, "Grandchild", &error);
    guint h1;

    g_assert_no_error (error);
    g_assert_true (fp_results_find_site (res, "H1", &h1));
    g_assert_false (fp_results_get (res, h1, 2027 - 2025)->active);
  }
}

/* Duplicate, rename, delete; the current scenario follows. */
static void
test_duplicate_rename_delete (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(FpChange) hours = change (HOURS_G2);
  g_autoptr(FpChange) leave = change (LEAVE_H1_2027);
  g_autoptr(FpCategoryOverride) o = fp_category_override_new ("G3", "Original",
                                                              FP_CATEGORY_CORE, "A hub site",
                                                              "Board");
  g_autoptr(GPtrArray) copied = NULL;
  const FpScenario *copy;
  g_autofree char *before = NULL;

  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "Original", "First", NULL, error_) != NULL);
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Original", hours, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Original", leave, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_undo (f->ws, "Original", NULL, error_));
  EDIT_OK (f, fp_workspace_set_override (f->ws, o, error_));

  EDIT_OK (f, fp_workspace_duplicate_scenario (f->ws, "Original", " Copy ", error_) != NULL);
  copy = find (f, "Copy");
  g_assert_cmpstr (copy->description, ==, "First");
  g_assert_cmpuint (copy->applied, ==, 1);
  g_assert_cmpuint (copy->changes->len, ==, 2);
  copied = fp_store_load_overrides (fp_workspace_get_store (f->ws), "Copy", NULL);
  g_assert_cmpuint (copied->len, ==, 1);
  g_assert_cmpstr (((FpCategoryOverride *) g_ptr_array_index (copied, 0))->reason, ==,
                   "A hub site");
  /* Redo works in the copy too. */
  EDIT_OK (f, fp_workspace_redo (f->ws, "Copy", NULL, error_));

  /* Rename the current scenario: it stays current, under its new name. */
  g_assert_true (fp_workspace_set_current_scenario (f->ws, "Copy", NULL));
  g_assert_cmpuint (f->last_what, ==, FP_WORKSPACE_CHANGED_CURRENT);
  EDIT_OK (f, fp_workspace_rename_scenario (f->ws, "Copy", "Renamed", error_));
  g_assert_cmpstr (fp_workspace_get_current_scenario (f->ws), ==, "Renamed");
  g_assert_cmpstr (f->last_scenario, ==, "Renamed");
  g_assert_null (fp_workspace_find_scenario (f->ws, "Copy"));

  before = stored (f->path);
  {
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;

    assert_refused (f, fp_workspace_rename_scenario (f->ws, "Renamed", "original", &e1), &e1,
                    FP_ERROR_EXISTS, "exists already", before);
    assert_refused (f, fp_workspace_rename_scenario (f->ws, "Renamed", "Do Nothing", &e2), &e2,
                    FP_ERROR_INVALID_ARGUMENT, NULL, before);
  }

  /* Deleting the current scenario makes Do nothing current. */
  EDIT_OK (f, fp_workspace_delete_scenario (f->ws, "Renamed", error_));
  g_assert_cmpuint (f->last_what, ==,
                    FP_WORKSPACE_CHANGED_SCENARIOS | FP_WORKSPACE_CHANGED_CURRENT);
  g_assert_null (fp_workspace_get_current_scenario (f->ws));
  g_assert_nonnull (fp_workspace_get_results (f->ws));
}

/* Overrides and assumptions, with the current results recomputed. */
static void
test_overrides_and_assumptions (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(FpChange) late = change (LATE_EXIT);
  g_autoptr(FpCategoryOverride) o = fp_category_override_new ("N5", NULL, FP_CATEGORY_CORE,
                                                              "Kept for the neighbourhood",
                                                              "Board");
  g_autoptr(FpCategoryOverride) nowhere = fp_category_override_new ("NOWHERE", NULL,
                                                                    FP_CATEGORY_CORE, "x", "B");
  g_autoptr(FpCategoryOverride) blank = fp_category_override_new ("N5", NULL, FP_CATEGORY_CORE,
                                                                  "  ", "B");
  g_autofree char *before = NULL;
  const FpResults *res;
  const FpModel *model_before;
  guint n5;

  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "Late", NULL, NULL, error_) != NULL);
  EDIT_OK (f, fp_workspace_add_change (f->ws, "Late", late, NULL, NULL, error_));
  g_assert_true (fp_workspace_set_current_scenario (f->ws, "Late", NULL));

  EDIT_OK (f, fp_workspace_set_override (f->ws, o, error_));
  g_assert_cmpuint (f->last_what, ==, FP_WORKSPACE_CHANGED_OVERRIDES);
  res = fp_workspace_get_results (f->ws);
  g_assert_true (fp_results_find_site (res, "N5", &n5));
  g_assert_cmpint (fp_results_get (res, n5, 0)->category, ==, FP_CATEGORY_CORE);
  g_assert_nonnull (fp_results_get (res, n5, 0)->reasons & FP_REASON_OVERRIDDEN ? "set" : NULL);

  before = stored (f->path);
  {
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;
    g_autoptr(GError) e3 = NULL;
    g_autoptr(GError) e4 = NULL;

    assert_refused (f, fp_workspace_set_override (f->ws, nowhere, &e1), &e1, FP_ERROR_NOT_FOUND,
                    "NOWHERE", before);
    assert_refused (f, fp_workspace_set_override (f->ws, blank, &e2), &e2,
                    FP_ERROR_INVALID_ARGUMENT, "reason", before);
    /* A horizon of 4 years ends in 2029: the exit in 2030 would no longer apply. */
    assert_refused (f, fp_workspace_set_assumption (f->ws, "horizon_years", 4, "Test", &e3), &e3,
                    FP_ERROR_CHANGE_REFUSED, "Change 1 of “Late”", before);
    assert_refused (f, fp_workspace_set_assumption (f->ws, "car_kmh", 900, "Test", &e4), &e4,
                    FP_ERROR_INVALID_ARGUMENT, "sensible range", before);
  }

  EDIT_OK (f, fp_workspace_clear_override (f->ws, "N5", NULL, error_));
  res = fp_workspace_get_results (f->ws);
  g_assert_false (fp_results_get (res, n5, 0)->reasons & FP_REASON_OVERRIDDEN);

  model_before = fp_workspace_get_model (f->ws);
  g_assert_cmpint (fp_model_get_n_years (model_before), ==, 6);
  EDIT_OK (f, fp_workspace_set_assumption (f->ws, "horizon_years", 7, "Test", error_));
  g_assert_cmpuint (f->last_what, ==, FP_WORKSPACE_CHANGED_ASSUMPTIONS);
  g_assert_cmpint (fp_model_get_n_years (fp_workspace_get_model (f->ws)), ==, 8);
  g_assert_cmpuint (fp_workspace_get_results (f->ws)->n_years, ==, 8);
  g_assert_cmpfloat (fp_estate_get_assumption (fp_workspace_get_estate (f->ws), "horizon_years",
                                               0), ==, 7);
}

/* Two workspaces on one file (as the window and footprint-cli): each edit is checked
 * against what the other saved, not against what this one read when it opened. */
static void
test_two_workspaces (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FpWorkspace) other = NULL;
  g_autoptr(FpChange) leave = change (LEAVE_H1_2027);
  g_autoptr(FpChange) leave_earlier = change (LEAVE_H1_2026);
  g_autoptr(FpChange) hours = change (HOURS_G2);
  g_autofree char *before = NULL;
  guint position = 0;

  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "Shared", NULL, NULL, error_) != NULL);
  other = open_workspace (f->path);

  EDIT_OK (f, fp_workspace_add_change (f->ws, "Shared", leave, NULL, NULL, error_));

  /* The other workspace has not seen the exit; its conflicting exit is still refused. */
  g_assert_cmpuint (fp_workspace_find_scenario (other, "Shared")->changes->len, ==, 0);
  before = stored (f->path);
  {
    g_autoptr(GError) error = NULL;

    assert_refused (f, fp_workspace_add_change (other, "Shared", leave_earlier, &position, NULL,
                                                &error),
                    &error, FP_ERROR_CHANGE_REFUSED, "is left in 2027 by an earlier change",
                    before);
    g_assert_cmpuint (position, ==, 1);
  }

  /* Its undo undoes the change the first one added, and its add comes after it. */
  g_assert_true (fp_workspace_add_change (other, "Shared", hours, &position, NULL, NULL));
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (fp_workspace_undo (other, "Shared", &position, NULL));
  g_assert_cmpuint (position, ==, 1);
  g_assert_true (fp_workspace_undo (f->ws, "Shared", &position, NULL));
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (find (f, "Shared")->applied, ==, 0);
  g_assert_cmpuint (find (f, "Shared")->changes->len, ==, 2);
  g_assert_cmpuint (fp_workspace_find_scenario (other, "Shared")->applied, ==, 1);

  /* An assumption set by one is taken in by the other at its next edit. */
  g_assert_true (fp_workspace_set_assumption (other, "m2_per_room", 20, "Other", NULL));
  g_assert_cmpfloat (fp_estate_get_assumption (fp_workspace_get_estate (f->ws), "m2_per_room", 0),
                     ==, 25);
  EDIT_OK (f, fp_workspace_redo (f->ws, "Shared", NULL, error_));
  g_assert_true (f->last_what & FP_WORKSPACE_CHANGED_ASSUMPTIONS);
  g_assert_cmpfloat (fp_estate_get_assumption (fp_workspace_get_estate (f->ws), "m2_per_room", 0),
                     ==, 20);
}

/* Import through the workspace: the whole scenario or nothing. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) good = g_bytes_new_static (
    "{\"name\": \"Imported\", \"changes\": [" OPEN_HUB "," MOVE_TO_HUB "]}", strlen (
    "{\"name\": \"Imported\", \"changes\": [" OPEN_HUB "," MOVE_TO_HUB "]}"));
  g_autoptr(GBytes) bad = g_bytes_new_static (
    "{\"name\": \"Broken\", \"changes\": [" MOVE_TO_HUB "]}", strlen (
    "{\"name\": \"Broken\", \"changes\": [" MOVE_TO_HUB "]}"));
  g_autoptr(FpScenario) s_good = fp_scenario_from_json (good, NULL);
  g_autoptr(FpScenario) s_bad = fp_scenario_from_json (bad, NULL);
  g_autofree char *before = NULL;

  g_assert_nonnull (s_good);
  g_assert_nonnull (s_bad);
  EDIT_OK (f, fp_workspace_import_scenario (f->ws, s_good, FALSE, error_) != NULL);
  g_assert_cmpuint (find (f, "Imported")->applied, ==, 2);

  before = stored (f->path);
  {
    g_autoptr(GError) e1 = NULL;
    g_autoptr(GError) e2 = NULL;

    assert_refused (f, fp_workspace_import_scenario (f->ws, s_bad, FALSE, &e1) != NULL, &e1,
                    FP_ERROR_CHANGE_REFUSED, "Change 1", before);
    assert_refused (f, fp_workspace_import_scenario (f->ws, s_good, FALSE, &e2) != NULL, &e2,
                    FP_ERROR_EXISTS, "exists already", before);
  }
  EDIT_OK (f, fp_workspace_import_scenario (f->ws, s_good, TRUE, error_) != NULL);
}

/* After all that, a workspace opened on the file afresh holds the same scenarios and
 * computes the same results for each. */
static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(FpChange) hub = change (OPEN_HUB);
  g_autoptr(FpChange) move = change (MOVE_TO_HUB);
  g_autoptr(FpChange) leave = change (LEAVE_H1_2027);
  g_autoptr(FpChange) late = change (LATE_EXIT);
  g_autoptr(FpWorkspace) again = NULL;
  GPtrArray *mine, *theirs;

  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "A", NULL, NULL, error_) != NULL);
  EDIT_OK (f, fp_workspace_add_change (f->ws, "A", hub, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_add_change (f->ws, "A", move, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "B", NULL, "A", error_) != NULL);
  EDIT_OK (f, fp_workspace_add_change (f->ws, "B", leave, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_add_change (f->ws, "B", late, NULL, NULL, error_));
  EDIT_OK (f, fp_workspace_undo (f->ws, "B", NULL, error_));
  EDIT_OK (f, fp_workspace_set_assumption (f->ws, "target_room_utilisation", 0.75, "T", error_));

  again = open_workspace (f->path);
  mine = fp_workspace_get_scenarios (f->ws);
  theirs = fp_workspace_get_scenarios (again);
  g_assert_cmpuint (mine->len, ==, theirs->len);
  g_assert_cmpuint (mine->len, ==, 2);

  for (guint i = 0; i < mine->len; i++)
    {
      FpScenario *a = g_ptr_array_index (mine, i);
      FpScenario *b = g_ptr_array_index (theirs, i);
      g_autofree char *ja = fp_scenario_to_json (a);
      g_autofree char *jb = fp_scenario_to_json (b);
      g_autoptr(FpResults) ra = fp_workspace_compute (f->ws, a->name, NULL);
      g_autoptr(FpResults) rb = fp_workspace_compute (again, b->name, NULL);

      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpuint (a->applied, ==, b->applied);
      g_assert_cmpuint (a->changes->len, ==, b->changes->len);
      g_assert_cmpstr (ja, ==, jb);
      g_assert_nonnull (ra);
      g_assert_nonnull (rb);
      g_assert_cmpuint (ra->n_sites, ==, rb->n_sites);
      g_assert_cmpmem (ra->totals, sizeof (FpYearTotals) * ra->n_years,
                       rb->totals, sizeof (FpYearTotals) * rb->n_years);
      g_assert_cmpmem (ra->activity, sizeof (double) * ra->n_sites * ra->n_years * ra->n_services,
                       rb->activity, sizeof (double) * rb->n_sites * rb->n_years * rb->n_services);
    }
}

/* While the workspace keeps the document open, its edits reach the document file itself
 * once the program is idle: a plain copy of the file alone then holds them. */
static void
test_checkpoint_when_idle (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *bare = fp_test_tmpfile ("bare.footprint");
  g_autofree char *contents = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  EDIT_OK (f, fp_workspace_create_scenario (f->ws, "Saved while open", NULL, NULL,
                                            error_) != NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (bare, contents, (gssize) length, NULL));
  store = fp_store_open (bare, &error);
  g_assert_no_error (error);
  scenarios = fp_store_load_scenarios (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fp_scenario_find (scenarios, "Saved while open"));
}

/* Another program opens the document, counts the scenarios of that name and closes it:
 * Debian's sqlite3 shell, a process of its own. (A forked child would not do: it inherits
 * this process's SQLite, which believes it still holds the locks.) */
static int
other_program_counts (const char *path,
                      const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM scenarios WHERE name = '%s';",
                                          name);
  const char *argv[] = { "sqlite3", "-batch", path, sql, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_null (strchr (name, '\''));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return atoi (out);
}

/* A process's locks on a file all go when it closes any descriptor of that file. Opening a
 * second store on the document the workspace has open (as the window may, to check a file)
 * read its header with a plain descriptor, and closing it dropped the workspace's lock: the
 * next program to close the document thought itself the last and deleted the log, and every
 * later edit went into the deleted log, unseen by any other program. */
static void
test_second_open_keeps_locks (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(FpStore) second = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (fp_workspace_create_scenario (f->ws, "Before", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (other_program_counts (f->path, "Before"), ==, 1);

  second = fp_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&second);
  g_assert_cmpint (other_program_counts (f->path, "Before"), ==, 1);

  g_assert_nonnull (fp_workspace_create_scenario (f->ws, "After", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (other_program_counts (f->path, "After"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/fp/workspace/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("create", test_create);
  ADD ("second-open-keeps-locks", test_second_open_keeps_locks);
  ADD ("changes", test_changes);
  ADD ("edit-remove-move", test_edit_remove_move);
  ADD ("parent-and-child", test_parent_and_child);
  ADD ("duplicate-rename-delete", test_duplicate_rename_delete);
  ADD ("overrides-and-assumptions", test_overrides_and_assumptions);
  ADD ("two-workspaces", test_two_workspaces);
  ADD ("import", test_import);
  ADD ("reopen", test_reopen);
  ADD ("checkpoint-when-idle", test_checkpoint_when_idle);

  return g_test_run ();
}
