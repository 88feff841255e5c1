/* fp-store-story.c: the stories of a document (migration 7).
 *
 * A story is a named, ordered list of saved views (fp-story.h). Options are kept by name, as
 * the appraisal keeps them: Do nothing is not a stored scenario (a NULL option), and a
 * renamed scenario's views follow it (fp_store_rename_scenario()). The stories are few and
 * small, so a save replaces them all, checked whole first, in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-store-private.h"
#include "fp-story.h"

/* Migration 7: stories and their views. The map view is three columns, all NULL for the
 * whole area. */
const char fp_store_story_migration[] =
  "CREATE TABLE stories (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0),\n"
  "  position INTEGER NOT NULL CHECK (position >= 0)\n"
  ") STRICT;\n"
  "CREATE TABLE story_views (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  option TEXT COLLATE NOCASE CHECK (option IS NULL OR length (trim (option)) > 0),\n"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),\n"
  "  latitude REAL CHECK (latitude BETWEEN -85 AND 85),\n"
  "  longitude REAL CHECK (longitude BETWEEN -180 AND 180),\n"
  "  zoom REAL CHECK (zoom BETWEEN 1 AND 20),\n"
  "  colour_by TEXT NOT NULL,\n"
  "  size_by TEXT NOT NULL,\n"
  "  zone_layer TEXT NOT NULL,\n"
  "  zone_service TEXT,\n"
  "  site_id TEXT,\n"
  "  title TEXT NOT NULL CHECK (length (trim (title)) > 0),\n"
  "  notes TEXT NOT NULL DEFAULT '',\n"
  "  UNIQUE (story_id, position),\n"
  "  CHECK ((latitude IS NULL) = (longitude IS NULL) AND (latitude IS NULL) = (zoom IS NULL))\n"
  ") STRICT;\n";

/**
 * fp_store_load_stories:
 * @store: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FpStory) (nullable): the document's stories, in
 *   order, each with its views in order
 */
GPtrArray *
fp_store_load_stories (FpStore *store,
                       GError **error)
{
  g_autoptr(GPtrArray) stories = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_story_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = fp_store_prepare (store, "SELECT id, name FROM stories ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *name = fp_store_column_text (stmt, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (stories, fp_story_new (name));
    }
  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (store, error, _("read the stories"));
      return NULL;
    }
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (by_id, &g_array_index (ids, gint64, i), g_ptr_array_index (stories, i));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = fp_store_prepare (store,
      "SELECT story_id, option, year, latitude, longitude, zoom, colour_by, size_by, "
      "zone_layer, zone_service, site_id, title, notes FROM story_views "
      "ORDER BY story_id, position", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 story_id = sqlite3_column_int64 (stmt, 0);
      FpStory *story = g_hash_table_lookup (by_id, &story_id);
      FpStoryView *view;

      if (story == NULL)
        continue;  /* the foreign key makes this impossible */

      view = g_new0 (FpStoryView, 1);
      view->option = fp_store_column_text (stmt, 1);
      view->year = sqlite3_column_int (stmt, 2);
      view->has_map_view = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      view->latitude = sqlite3_column_double (stmt, 3);
      view->longitude = sqlite3_column_double (stmt, 4);
      view->zoom = sqlite3_column_double (stmt, 5);
      view->colour_by = fp_store_column_text (stmt, 6);
      view->size_by = fp_store_column_text (stmt, 7);
      view->zone_layer = fp_store_column_text (stmt, 8);
      view->zone_service = fp_store_column_text (stmt, 9);
      view->site = fp_store_column_text (stmt, 10);
      view->title = fp_store_column_text (stmt, 11);
      view->notes = fp_store_column_text (stmt, 12);
      if (view->notes == NULL)
        view->notes = g_strdup ("");
      g_ptr_array_add (story->views, view);
    }
  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (store, error, _("read the views of the stories"));
      return NULL;
    }

  return g_steal_pointer (&stories);
}

static gboolean
step_done (FpStore      *store,
           sqlite3_stmt *stmt,
           const char   *doing,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return fp_store_set_error (store, error, doing);

  return TRUE;
}

/**
 * fp_store_save_stories:
 * @store: a store
 * @stories: (element-type FpStory): the stories to keep, replacing the document's
 * @error: return location for an error
 *
 * Checks @stories whole (fp_stories_check()) and writes them in one transaction; stories
 * that break a rule change nothing. The options, years, sites and services are checked
 * against the document by the workspace (fp-workspace-story.h), not here.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_save_stories (FpStore    *store,
                       GPtrArray  *stories,
                       GError    **error)
{
  g_autoptr(sqlite3_stmt) story_stmt = NULL;
  g_autoptr(sqlite3_stmt) view_stmt = NULL;
  sqlite3 *db;

  if (!fp_stories_check (stories, error))
    return FALSE;

  if (!fp_store_begin (store, error))
    return FALSE;

  db = fp_store_get_db (store);
  if (sqlite3_exec (db, "DELETE FROM story_views; DELETE FROM stories;", NULL, NULL, NULL) !=
      SQLITE_OK)
    {
      fp_store_set_error (store, error, _("replace the stories"));
      goto failed;
    }

  story_stmt = fp_store_prepare (store, "INSERT INTO stories (name, position) VALUES (?, ?)",
                                 error);
  view_stmt = fp_store_prepare (store,
      "INSERT INTO story_views (story_id, position, option, year, latitude, longitude, zoom, "
      "colour_by, size_by, zone_layer, zone_service, site_id, title, notes) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (story_stmt == NULL || view_stmt == NULL)
    goto failed;

  for (guint i = 0; i < stories->len; i++)
    {
      const FpStory *story = g_ptr_array_index (stories, i);
      gint64 id;

      fp_store_bind_text (story_stmt, 1, story->name);
      sqlite3_bind_int (story_stmt, 2, (int) i);
      if (!step_done (store, story_stmt, _("save a story"), error))
        goto failed;
      id = sqlite3_last_insert_rowid (db);

      for (guint v = 0; v < story->views->len; v++)
        {
          const FpStoryView *view = g_ptr_array_index (story->views, v);

          sqlite3_bind_int64 (view_stmt, 1, id);
          sqlite3_bind_int (view_stmt, 2, (int) v);
          fp_store_bind_text (view_stmt, 3, view->option);
          sqlite3_bind_int (view_stmt, 4, view->year);
          if (view->has_map_view)
            {
              sqlite3_bind_double (view_stmt, 5, view->latitude);
              sqlite3_bind_double (view_stmt, 6, view->longitude);
              sqlite3_bind_double (view_stmt, 7, view->zoom);
            }
          fp_store_bind_text (view_stmt, 8, view->colour_by);
          fp_store_bind_text (view_stmt, 9, view->size_by);
          fp_store_bind_text (view_stmt, 10, view->zone_layer);
          fp_store_bind_text (view_stmt, 11, view->zone_service);
          fp_store_bind_text (view_stmt, 12, view->site);
          fp_store_bind_text (view_stmt, 13, view->title);
          fp_store_bind_text (view_stmt, 14, view->notes != NULL ? view->notes : "");
          if (!step_done (store, view_stmt, _("save a view of a story"), error))
            goto failed;
        }
    }

  g_clear_pointer (&story_stmt, sqlite3_finalize);
  g_clear_pointer (&view_stmt, sqlite3_finalize);
  return fp_store_commit (store, error);

failed:
  g_clear_pointer (&story_stmt, sqlite3_finalize);
  g_clear_pointer (&view_stmt, sqlite3_finalize);
  fp_store_rollback (store);
  return FALSE;
}
