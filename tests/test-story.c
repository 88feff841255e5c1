/* test-story.c: stories of saved views: the rules a view keeps, edits through the workspace
 * (one transaction each, refused edits changing nothing), the document keeping them across
 * closing and reopening, and the migration that adds them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "fp-store-private.h"
#include "fp-test-util.h"

#define SCENARIO "Leave G2"

typedef struct
{
  char        *path;
  FpWorkspace *ws;
  guint        signals;
  guint        last_what;
} Fixture;

static void
on_changed (FpWorkspace *ws,
            guint        what,
            const char  *scenario,
            Fixture     *f)
{
  f->signals++;
  f->last_what = what;
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
  f->path = fp_test_tmpfile ("story.footprint");
  store = fp_store_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (fp_store_save_estate (store, estate, &error));
  g_clear_object (&store);

  f->ws = open_workspace (f->path);
  g_assert_nonnull (fp_workspace_create_scenario (f->ws, SCENARIO, NULL, NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (f->ws, "changed", G_CALLBACK (on_changed), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->ws);
  g_clear_pointer (&f->path, g_free);
}

static FpStoryView *
a_view (const char *option,
        int         year,
        const char *title)
{
  FpStoryView *view = fp_story_view_new (option, year, title);

  g_free (view->notes);
  view->notes = g_strdup ("A line of notes");
  return view;
}

static gboolean
stories_equal (GPtrArray *a,
               GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const FpStory *sa = g_ptr_array_index (a, i), *sb = g_ptr_array_index (b, i);

      if (g_strcmp0 (sa->name, sb->name) != 0 || sa->views->len != sb->views->len)
        return FALSE;
      for (guint v = 0; v < sa->views->len; v++)
        if (!fp_story_view_equal (g_ptr_array_index (sa->views, v),
                                  g_ptr_array_index (sb->views, v)))
          return FALSE;
    }
  return TRUE;
}

static GPtrArray *
stories_of (FpWorkspace *ws)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *stories = fp_workspace_dup_stories (ws, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stories);
  return stories;
}

/* ---- The rules of a view -------------------------------------------------------------- */

/* Spoils @v in the @i-th way; returns what it did, or NULL past the last. */
static const char *
spoil (FpStoryView *v,
       guint        i)
{
#define SET(field, text) (g_free (v->field), v->field = g_strdup (text))
  switch (i)
    {
    case 0: SET (title, ""); return "empty title";
    case 1: SET (title, "One\nTwo"); return "title with a line break";
    case 2: SET (title, "A\u202eB"); return "title with a direction mark";
    case 3: g_free (v->notes); v->notes = g_strnfill (FP_STORY_NOTES_MAX + 1, 'n');
      return "long notes";
    case 4: v->year = 1800; return "year 1800";
    case 5: SET (colour_by, "beauty"); return "unknown colour";
    case 6: SET (size_by, "height"); return "unknown size";
    case 7: SET (zone_layer, "rain"); return "unknown zone layer";
    case 8: SET (zone_layer, "distance-after"); return "distance with no service";
    case 9: SET (zone_service, "gp"); return "service with no distance";
    case 10: v->has_map_view = TRUE; v->latitude = 52.5; v->longitude = -1.9; v->zoom = 0;
      return "zoom 0";
    case 11: v->has_map_view = TRUE; v->latitude = 90; v->longitude = -1.9; v->zoom = 10;
      return "latitude 90";
    case 12: v->has_map_view = TRUE; v->latitude = 52; v->longitude = NAN; v->zoom = 10;
      return "NaN longitude";
    case 13: SET (site, ""); return "empty site";
    case 14: SET (option, ""); return "empty option";
    default: return NULL;
    }
#undef SET
}

static void
test_view_rules (void)
{
  g_autoptr(FpStoryView) view = a_view (NULL, 2030, "Do nothing in 2030");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *what;

  g_assert_true (fp_story_view_check (view, &error));
  g_assert_no_error (error);

  for (guint i = 0; ; i++)
    {
      g_autoptr(FpStoryView) spoilt = fp_story_view_copy (view);

      what = spoil (spoilt, i);
      if (what == NULL)
        break;
      g_test_message ("%s", what);
      g_assert_false (fp_story_view_check (spoilt, &error));
      g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
    }

  /* Tidying trims, and makes Do nothing no option. */
  {
    g_autoptr(FpStoryView) loose = fp_story_view_new ("Leave G2", 2030, "  Title  ");

    g_free (loose->option);
    loose->option = g_strdup (" do nothing ");
    g_assert_true (fp_story_view_tidy (loose, &error));
    g_assert_null (loose->option);
    g_assert_cmpstr (loose->title, ==, "Title");
  }

  name = fp_story_normalize_name ("  Board, 12 May \u00a0", &error);
  g_assert_cmpstr (name, ==, "Board, 12 May");
  g_assert_null (fp_story_normalize_name (" \t ", &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  {
    g_autofree char *long_name = g_strnfill (FP_STORY_NAME_MAX + 1, 'x');

    g_assert_null (fp_story_normalize_name (long_name, &error));
    g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  }
}

/* ---- Edits through the workspace ---------------------------------------------------- */

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(FpStoryView) dn = a_view ("Do nothing", 2025, "Where we start");
  g_autoptr(FpStoryView) option = a_view ("leave g2", 2028, "Leaving G2");
  g_autoptr(FpStoryView) last = a_view (SCENARIO, 2030, "The end");
  g_autoptr(FpStory) story = NULL;
  const FpStoryView *v;
  guint index = 99;

  g_assert_true (fp_workspace_create_story (f->ws, "  Board  ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->signals, ==, 1);
  g_assert_cmpuint (f->last_what, ==, FP_WORKSPACE_CHANGED_STORIES);

  option->has_map_view = TRUE;
  option->latitude = 52.48;
  option->longitude = -1.89;
  option->zoom = 12.5;
  g_free (option->colour_by);
  option->colour_by = g_strdup ("category");
  g_free (option->zone_layer);
  option->zone_layer = g_strdup ("distance-change");
  option->zone_service = g_strdup ("gp");
  option->site = g_strdup ("H1");

  g_assert_true (fp_workspace_add_story_view (f->ws, "board", dn, -1, &index, &error));
  g_assert_cmpuint (index, ==, 0);
  g_assert_true (fp_workspace_add_story_view (f->ws, "Board", last, -1, &index, &error));
  g_assert_cmpuint (index, ==, 1);
  g_assert_true (fp_workspace_add_story_view (f->ws, "Board", option, 1, &index, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (index, ==, 1);
  g_assert_cmpuint (f->signals, ==, 4);

  story = fp_workspace_dup_story (f->ws, "BOARD", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (story->name, ==, "Board");
  g_assert_cmpuint (story->views->len, ==, 3);
  v = g_ptr_array_index (story->views, 0);
  g_assert_null (v->option);
  g_assert_cmpstr (v->title, ==, "Where we start");
  v = g_ptr_array_index (story->views, 1);
  /* The option as the document spells it. */
  g_assert_cmpstr (v->option, ==, SCENARIO);
  g_assert_true (v->has_map_view);
  g_assert_cmpfloat (v->zoom, ==, 12.5);
  g_assert_cmpstr (v->zone_service, ==, "gp");
  g_assert_cmpstr (v->site, ==, "H1");
  g_assert_cmpstr (((FpStoryView *) g_ptr_array_index (story->views, 2))->title, ==, "The end");

  /* Move the last to the front, replace the middle, remove the first. */
  g_assert_true (fp_workspace_move_story_view (f->ws, "Board", 2, 0, &error));
  g_clear_pointer (&story, fp_story_free);
  story = fp_workspace_dup_story (f->ws, "Board", &error);
  g_assert_cmpstr (((FpStoryView *) g_ptr_array_index (story->views, 0))->title, ==, "The end");
  g_assert_cmpstr (((FpStoryView *) g_ptr_array_index (story->views, 1))->title, ==,
                   "Where we start");
  g_free (dn->title);
  dn->title = g_strdup ("Where we start, again");
  g_assert_true (fp_workspace_replace_story_view (f->ws, "Board", 1, dn, &error));
  g_assert_true (fp_workspace_remove_story_view (f->ws, "Board", 0, &error));
  g_assert_no_error (error);
  g_assert_true (fp_workspace_create_story (f->ws, "Second", &error));
  g_assert_true (fp_workspace_rename_story (f->ws, "second", "Second story", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->signals, ==, 9);

  before = stories_of (f->ws);
  g_assert_cmpuint (before->len, ==, 2);
  g_assert_cmpstr (((FpStory *) g_ptr_array_index (before, 1))->name, ==, "Second story");
  g_clear_pointer (&story, fp_story_free);
  story = fp_story_copy (g_ptr_array_index (before, 0));
  g_assert_cmpuint (story->views->len, ==, 2);
  g_assert_cmpstr (((FpStoryView *) g_ptr_array_index (story->views, 0))->title, ==,
                   "Where we start, again");

  /* Closed and opened again, the document has the same stories. */
  g_clear_object (&f->ws);
  f->ws = open_workspace (f->path);
  after = stories_of (f->ws);
  g_assert_true (stories_equal (before, after));

  /* A renamed scenario's views follow it; deleting a story deletes its views. */
  g_assert_true (fp_workspace_rename_scenario (f->ws, SCENARIO, "Leave G2 early", &error));
  g_assert_no_error (error);
  g_clear_pointer (&story, fp_story_free);
  story = fp_workspace_dup_story (f->ws, "Board", &error);
  g_assert_cmpstr (((FpStoryView *) g_ptr_array_index (story->views, 1))->option, ==,
                   "Leave G2 early");
  g_assert_true (fp_workspace_delete_story (f->ws, "Board", &error));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = stories_of (f->ws);
  g_assert_cmpuint (after->len, ==, 1);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (fp_store_get_db (fp_workspace_get_store (f->ws)),
                                         "SELECT count(*) FROM story_views", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }
}

static void
test_refused_edits (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(FpStoryView) good = a_view (SCENARIO, 2027, "Good");
  g_autofree char *checksum = NULL;
  guint signals;
  struct
  {
    const char *option;
    int         year;
    const char *site;
    const char *service;
    const char *title;
    int         code;
  } bad_views[] = {
    { "No such option", 2027, NULL, NULL, "T", FP_ERROR_NOT_FOUND },
    { NULL, 2024, NULL, NULL, "T", FP_ERROR_INVALID_ARGUMENT },  /* before the base year */
    { NULL, 2100, NULL, NULL, "T", FP_ERROR_INVALID_ARGUMENT },  /* after the horizon */
    { NULL, 2027, "NOPE", NULL, "T", FP_ERROR_NOT_FOUND },
    { NULL, 2027, NULL, "no-service", "T", FP_ERROR_NOT_FOUND },
    { NULL, 2027, NULL, NULL, "  ", FP_ERROR_INVALID_ARGUMENT },
  };

  g_assert_true (fp_workspace_create_story (f->ws, "Board", &error));
  g_assert_true (fp_workspace_add_story_view (f->ws, "Board", good, -1, NULL, &error));
  g_assert_true (fp_workspace_create_story (f->ws, "Other", &error));
  g_assert_no_error (error);
  before = stories_of (f->ws);
  signals = f->signals;

  for (guint i = 0; i < G_N_ELEMENTS (bad_views); i++)
    {
      g_autoptr(FpStoryView) view = a_view (bad_views[i].option, bad_views[i].year,
                                            bad_views[i].title);
      g_autoptr(GPtrArray) now = NULL;

      view->site = g_strdup (bad_views[i].site);
      if (bad_views[i].service != NULL)
        {
          g_free (view->zone_layer);
          view->zone_layer = g_strdup ("distance-before");
          view->zone_service = g_strdup (bad_views[i].service);
        }
      g_test_message ("bad view %u", i);
      g_assert_false (fp_workspace_add_story_view (f->ws, "Board", view, -1, NULL, &error));
      g_assert_error (error, FP_ERROR, bad_views[i].code);
      g_clear_error (&error);
      g_assert_false (fp_workspace_replace_story_view (f->ws, "Board", 0, view, &error));
      g_assert_error (error, FP_ERROR, bad_views[i].code);
      g_clear_error (&error);
      now = stories_of (f->ws);
      g_assert_true (stories_equal (before, now));
    }

  g_assert_false (fp_workspace_create_story (f->ws, "BOARD", &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (fp_workspace_create_story (f->ws, "A\nB", &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (fp_workspace_rename_story (f->ws, "Other", "board", &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (fp_workspace_rename_story (f->ws, "Nobody", "New", &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (fp_workspace_delete_story (f->ws, "Nobody", &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (fp_workspace_remove_story_view (f->ws, "Board", 1, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (fp_workspace_move_story_view (f->ws, "Board", 0, 5, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (fp_workspace_add_story_view (f->ws, "Board", good, 3, NULL, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (fp_workspace_add_story_view (f->ws, "Nobody", good, -1, NULL, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A story full to its cap takes no more. */
  for (guint i = 1; i < FP_STORY_MAX_VIEWS; i++)
    g_assert_true (fp_workspace_add_story_view (f->ws, "Other", good, -1, NULL, &error));
  g_assert_true (fp_workspace_add_story_view (f->ws, "Other", good, -1, NULL, &error));
  g_assert_false (fp_workspace_add_story_view (f->ws, "Other", good, -1, NULL, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (f->signals, ==, signals + FP_STORY_MAX_VIEWS);

  /* No refused edit was announced, and after them the stories are as they were (but for
   * the views added to Other). */
  g_assert_true (fp_workspace_delete_story (f->ws, "Other", &error));
  g_assert_true (fp_workspace_create_story (f->ws, "Other", &error));
  {
    g_autoptr(GPtrArray) now = stories_of (f->ws);

    g_assert_true (stories_equal (before, now));
  }

  /* A read-only document refuses every edit. */
  g_clear_object (&f->ws);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  if (access (f->path, W_OK) == 0)
    {
      g_test_message ("running as root: the read-only case is skipped");
      return;
    }
  checksum = fp_test_file_checksum (f->path);
  f->ws = open_workspace (f->path);
  g_assert_false (fp_workspace_create_story (f->ws, "New", &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_READ_ONLY);
}

/* A document of the schema before stories opens, gains them, and keeps its scenarios. */
static void
test_migration (void)
{
  g_autofree char *path = fp_test_tmpfile ("v6.footprint");
  g_autoptr(GBytes) bytes = fp_test_read_data_file ("engine-estate.json");
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) old = NULL;
  g_autoptr(FpWorkspace) ws = NULL;
  g_autoptr(FpScenario) scenario = fp_scenario_new (SCENARIO);
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(FpStoryView) view = a_view (SCENARIO, 2026, "After the migration");

  estate = fp_dataset_parse (bytes, &error);
  g_assert_no_error (error);
  old = fp_store_create_at_version (path, FP_STORE_SCHEMA_VERSION - 1, &error);
  g_assert_no_error (error);
  g_assert_true (fp_store_save_estate (old, estate, &error));
  g_assert_true (fp_store_insert_scenario (old, scenario, FALSE, &error));
  g_assert_no_error (error);
  g_assert_null (fp_store_load_stories (old, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&old);

  ws = open_workspace (path);
  g_assert_cmpint (fp_store_get_schema_version (fp_workspace_get_store (ws)), ==,
                   FP_STORE_SCHEMA_VERSION);
  stories = stories_of (ws);
  g_assert_cmpuint (stories->len, ==, 0);
  g_assert_true (fp_workspace_create_story (ws, "Board", &error));
  g_assert_true (fp_workspace_add_story_view (ws, "Board", view, -1, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&ws);

  ws = open_workspace (path);
  g_clear_pointer (&stories, g_ptr_array_unref);
  stories = stories_of (ws);
  g_assert_cmpuint (stories->len, ==, 1);
  g_assert_cmpuint (((FpStory *) g_ptr_array_index (stories, 0))->views->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/story/view-rules", test_view_rules);
  g_test_add ("/fp/story/round-trip", Fixture, NULL, fixture_set_up, test_round_trip,
              fixture_tear_down);
  g_test_add ("/fp/story/refused-edits", Fixture, NULL, fixture_set_up, test_refused_edits,
              fixture_tear_down);
  g_test_add_func ("/fp/story/migration", test_migration);

  return g_test_run ();
}
