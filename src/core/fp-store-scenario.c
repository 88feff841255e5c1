/* fp-store-scenario.c: the SQL of scenarios and their changes.
 *
 * Every write is one transaction. A change's kind-specific fields are stored as the JSON
 * of the exchange format, so reading a change back goes through the same checks as
 * importing one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-error.h"
#include "fp-export.h"
#include "fp-json-private.h"
#include "fp-store-private.h"

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}


static FpChange *
change_from_row (sqlite3_stmt *stmt,
                 const char   *scenario,
                 guint         position,
                 GError      **error)
{
  g_autoptr(JsonNode) params = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *owner = fp_store_column_text (stmt, 2);
  g_autofree char *note = fp_store_column_text (stmt, 3);
  g_autofree char *what = g_strdup_printf (_("The stored text of scenario “%s”, change %u"),
                                           scenario, position + 1);
  JsonObject *object;

  /* A hostile document can hold anything here: read it as strictly as a scenario file. */
  if (sqlite3_column_type (stmt, 5) == SQLITE_TEXT)
    {
      params = fp_json_parse ((const char *) sqlite3_column_text (stmt, 5), -1, what,
                              FP_SCENARIO_FILE_MAX_BYTES, &local_error);
      if (params == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if (params == NULL || !JSON_NODE_HOLDS_OBJECT (params))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("Scenario “%s”, change %u: its stored fields are not readable"),
                   scenario, position + 1);
      return NULL;
    }

  object = json_node_get_object (params);
  json_object_set_string_member (object, "kind", (const char *) sqlite3_column_text (stmt, 0));
  json_object_set_int_member (object, "year", sqlite3_column_int (stmt, 1));
  if (owner != NULL)
    json_object_set_string_member (object, "owner", owner);
  if (note != NULL)
    json_object_set_string_member (object, "note", note);
  json_object_set_double_member (object, "confidence", sqlite3_column_double (stmt, 4));

  where = g_strdup_printf (_("Scenario “%s”, change %u"), scenario, position + 1);
  return fp_change_from_json (object, where, error);
}

/**
 * fp_store_load_scenarios:
 * @self: a store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FpScenario) (nullable): every scenario, by name,
 *   with all its changes (in effect and undone)
 */
GPtrArray *
fp_store_load_scenarios (FpStore *self,
                         GError **error)
{
  g_autoptr(GPtrArray) scenarios = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_scenario_free);
  g_autoptr(sqlite3_stmt) list = NULL;
  g_autoptr(sqlite3_stmt) changes = NULL;
  int rc;

  list = fp_store_prepare (self,
      "SELECT s.id, s.name, s.description, p.name, s.applied, s.created_at, s.modified_at "
      "FROM scenarios s LEFT JOIN scenarios p ON p.id = s.parent_id ORDER BY s.name", error);
  changes = fp_store_prepare (self,
      "SELECT kind, year, owner, note, confidence, params FROM changes WHERE scenario_id = ? "
      "ORDER BY position", error);
  if (list == NULL || changes == NULL)
    return NULL;

  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    {
      g_autofree char *name = fp_store_column_text (list, 1);
      FpScenario *s = fp_scenario_new (name);

      g_ptr_array_add (scenarios, s);
      s->id = sqlite3_column_int64 (list, 0);
      s->description = fp_store_column_text (list, 2);
      s->parent = fp_store_column_text (list, 3);
      s->applied = (guint) sqlite3_column_int (list, 4);
      s->created_at = fp_store_column_text (list, 5);
      s->modified_at = fp_store_column_text (list, 6);

      sqlite3_bind_int64 (changes, 1, s->id);
      while ((rc = sqlite3_step (changes)) == SQLITE_ROW)
        {
          FpChange *change = change_from_row (changes, s->name, s->changes->len, error);

          if (change == NULL)
            return NULL;
          g_ptr_array_add (s->changes, change);
        }
      sqlite3_reset (changes);
      if (rc != SQLITE_DONE)
        {
          fp_store_set_error (self, error, _("read the scenarios"));
          return NULL;
        }

      s->applied = MIN (s->applied, s->changes->len);
    }

  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("read the scenarios"));
      return NULL;
    }

  return g_steal_pointer (&scenarios);
}

static gint64
find_scenario_id (FpStore    *self,
                  const char *name,
                  GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (self,
      "SELECT id FROM scenarios WHERE name = ? COLLATE NOCASE", error);
  int rc;

  if (stmt == NULL)
    return -1;

  fp_store_bind_text (stmt, 1, name);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("find a scenario"));
      return -1;
    }

  g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no scenario “%s”"), name);
  return -1;
}

static gboolean
insert_change (FpStore        *self,
               gint64          scenario_id,
               guint           position,
               const FpChange *change,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(JsonNode) params = fp_change_to_json (change, FALSE);
  g_autofree char *text = fp_json_to_string (params, FALSE);

  stmt = fp_store_prepare (self,
      "INSERT INTO changes (scenario_id, position, kind, year, owner, note, confidence, params) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, scenario_id);
  sqlite3_bind_int (stmt, 2, (int) position);
  fp_store_bind_text (stmt, 3, fp_change_kind_to_string (change->kind));
  sqlite3_bind_int (stmt, 4, change->year);
  fp_store_bind_text (stmt, 5, change->owner);
  fp_store_bind_text (stmt, 6, change->note);
  sqlite3_bind_double (stmt, 7, change->confidence);
  fp_store_bind_text (stmt, 8, text);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fp_store_set_error (self, error, _("save a change"));

  return TRUE;
}

static gboolean
exec_bound (FpStore    *self,
            const char *sql,
            gint64      id,
            const char *doing,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fp_store_set_error (self, error, doing);
  return TRUE;
}

/**
 * fp_store_insert_scenario:
 * @self: a store
 * @scenario: the scenario, with its changes and undo position
 * @replace: whether to replace a scenario of the same name
 * @error: return location for an error
 *
 * Saves a whole scenario in one transaction. Check its changes first
 * (fp_scenario_check_changes); the store checks only names and the parent.
 *
 * Returns: %TRUE on success; on failure nothing was written
 */
gboolean
fp_store_insert_scenario (FpStore          *self,
                          const FpScenario *scenario,
                          gboolean          replace,
                          GError          **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = now_iso8601 ();
  gint64 parent_id = 0, existing, id;

  if (!fp_store_begin (self, error))
    return FALSE;

  if (scenario->parent != NULL)
    {
      parent_id = find_scenario_id (self, scenario->parent, &local_error);
      if (parent_id < 0)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                       _("The parent scenario “%s” does not exist"), scenario->parent);
          goto failed;
        }
    }

  existing = find_scenario_id (self, scenario->name, &local_error);
  if (existing >= 0)
    {
      if (!replace)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                       _("A scenario called “%s” exists already"), scenario->name);
          goto failed;
        }
      if (existing == parent_id)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("The scenario “%s” cannot be its own parent"), scenario->name);
          goto failed;
        }
      if (!exec_bound (self, "DELETE FROM scenarios WHERE id = ?", existing,
                       _("replace a scenario"), error))
        goto failed;
    }
  else if (!g_error_matches (local_error, FP_ERROR, FP_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  stmt = fp_store_prepare (self,
      "INSERT INTO scenarios (name, description, parent_id, applied, created_at, modified_at) "
      "VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;

  fp_store_bind_text (stmt, 1, scenario->name);
  fp_store_bind_text (stmt, 2, scenario->description);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 3, parent_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int (stmt, 4, (int) MIN (scenario->applied, scenario->changes->len));
  fp_store_bind_text (stmt, 5, scenario->created_at ? scenario->created_at : now);
  fp_store_bind_text (stmt, 6, now);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("save a scenario"));
      goto failed;
    }

  id = sqlite3_last_insert_rowid (fp_store_get_db (self));
  for (guint i = 0; i < scenario->changes->len; i++)
    if (!insert_change (self, id, i, g_ptr_array_index (scenario->changes, i), error))
      goto failed;

  g_clear_pointer (&stmt, sqlite3_finalize);
  return fp_store_commit (self, error);

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  fp_store_rollback (self);
  return FALSE;
}

/**
 * fp_store_delete_scenario:
 * @self: a store
 * @name: the scenario
 * @error: return location for an error
 *
 * Deletes a scenario and its changes. A scenario that is another's parent is kept.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_delete_scenario (FpStore    *self,
                          const char *name,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) children = NULL;
  gint64 id;

  if (!fp_store_begin (self, error))
    return FALSE;

  id = find_scenario_id (self, name, error);
  if (id < 0)
    goto failed;

  children = fp_store_prepare (self, "SELECT name FROM scenarios WHERE parent_id = ? LIMIT 1",
                               error);
  if (children == NULL)
    goto failed;
  sqlite3_bind_int64 (children, 1, id);
  if (sqlite3_step (children) == SQLITE_ROW)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s” cannot be deleted: “%s” builds on it. Delete that scenario first."),
                   name, sqlite3_column_text (children, 0));
      goto failed;
    }
  g_clear_pointer (&children, sqlite3_finalize);

  if (!exec_bound (self, "DELETE FROM scenarios WHERE id = ?", id, _("delete a scenario"), error))
    goto failed;

  return fp_store_commit (self, error);

failed:
  g_clear_pointer (&children, sqlite3_finalize);
  fp_store_rollback (self);
  return FALSE;
}

static gboolean
read_applied (FpStore *self,
              gint64   id,
              guint   *applied,
              guint   *count,
              GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (self,
      "SELECT applied, (SELECT count(*) FROM changes WHERE scenario_id = s.id) "
      "FROM scenarios s WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return fp_store_set_error (self, error, _("read a scenario"));

  *applied = (guint) sqlite3_column_int (stmt, 0);
  *count = (guint) sqlite3_column_int (stmt, 1);
  return TRUE;
}

static gboolean
write_applied (FpStore *self,
               gint64   id,
               guint    applied,
               GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (self,
      "UPDATE scenarios SET applied = ?, modified_at = ? WHERE id = ?", error);
  g_autofree char *now = now_iso8601 ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, (int) applied);
  fp_store_bind_text (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fp_store_set_error (self, error, _("save the undo position"));
  return TRUE;
}

/**
 * fp_store_add_change:
 * @self: a store
 * @scenario: the scenario's name
 * @change: the change, already checked against the estate
 * @error: return location for an error
 *
 * Appends a change after the ones in effect. Undone changes beyond them are dropped, as
 * a new edit after an undo drops the redo list.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_add_change (FpStore        *self,
                     const char     *scenario,
                     const FpChange *change,
                     GError        **error)
{
  g_autoptr(sqlite3_stmt) drop = NULL;
  guint applied, count;
  gint64 id;

  if (!fp_store_begin (self, error))
    return FALSE;

  id = find_scenario_id (self, scenario, error);
  if (id < 0 || !read_applied (self, id, &applied, &count, error))
    goto failed;

  drop = fp_store_prepare (self, "DELETE FROM changes WHERE scenario_id = ? AND position >= ?",
                           error);
  if (drop == NULL)
    goto failed;
  sqlite3_bind_int64 (drop, 1, id);
  sqlite3_bind_int (drop, 2, (int) applied);
  if (sqlite3_step (drop) != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("drop the undone changes"));
      goto failed;
    }
  g_clear_pointer (&drop, sqlite3_finalize);

  if (!insert_change (self, id, applied, change, error) ||
      !write_applied (self, id, applied + 1, error))
    goto failed;

  return fp_store_commit (self, error);

failed:
  g_clear_pointer (&drop, sqlite3_finalize);
  fp_store_rollback (self);
  return FALSE;
}

/**
 * fp_store_set_applied:
 * @self: a store
 * @scenario: the scenario's name
 * @applied: how many of its changes are in effect (undo lowers it, redo raises it)
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_set_applied (FpStore    *self,
                      const char *scenario,
                      guint       applied,
                      GError    **error)
{
  guint current, count;
  gint64 id;

  if (!fp_store_begin (self, error))
    return FALSE;

  id = find_scenario_id (self, scenario, error);
  if (id < 0 || !read_applied (self, id, &current, &count, error))
    goto failed;

  if (applied > count)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s” has %u changes; %u cannot be in effect"), scenario, count, applied);
      goto failed;
    }

  if (!write_applied (self, id, applied, error))
    goto failed;

  return fp_store_commit (self, error);

failed:
  fp_store_rollback (self);
  return FALSE;
}

/* ---- Category overrides ------------------------------------------------------------ */

/* Deletes a site's override for one scenario (id) or every scenario (0). */
static gboolean
clear_override (FpStore    *self,
                                        const char *site_id,
                                        gint64      scenario_id,
                                        GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (self,
      "DELETE FROM category_overrides WHERE site_id = ? AND coalesce (scenario_id, 0) = ?",
      error);

  if (stmt == NULL)
    return FALSE;
  fp_store_bind_text (stmt, 1, site_id);
  sqlite3_bind_int64 (stmt, 2, scenario_id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fp_store_set_error (self, error, _("clear a category override"));
  return TRUE;
}

/**
 * fp_store_load_overrides:
 * @self: a store
 * @scenario: (nullable): a scenario's name; %NULL or “Do nothing” for the baseline
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FpCategoryOverride) (nullable): the overrides that
 *   apply to the scenario: its own first, then those for every scenario
 */
GPtrArray *
fp_store_load_overrides (FpStore    *self,
                         const char *scenario,
                         GError    **error)
{
  g_autoptr(GPtrArray) overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_category_override_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = 0;
  int rc;

  if (scenario != NULL && g_ascii_strcasecmp (scenario, FP_DO_NOTHING) != 0)
    {
      id = find_scenario_id (self, scenario, error);
      if (id < 0)
        return NULL;
    }

  stmt = fp_store_prepare (self,
      "SELECT o.site_id, s.name, o.category, o.reason, o.author, o.recorded_at "
      "FROM category_overrides o LEFT JOIN scenarios s ON s.id = o.scenario_id "
      "WHERE o.scenario_id IS NULL OR o.scenario_id = ? "
      "ORDER BY o.scenario_id IS NULL, o.site_id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpCategory category;
      FpCategoryOverride *o;

      if (!fp_category_from_string ((const char *) sqlite3_column_text (stmt, 2), &category))
        continue;  /* the CHECK makes this impossible */

      {
        g_autofree char *site_id = fp_store_column_text (stmt, 0);
        g_autofree char *scenario_name = fp_store_column_text (stmt, 1);
        g_autofree char *reason = fp_store_column_text (stmt, 3);
        g_autofree char *author = fp_store_column_text (stmt, 4);

        o = fp_category_override_new (site_id, scenario_name, category, reason, author);
      }
      o->recorded_at = fp_store_column_text (stmt, 5);
      g_ptr_array_add (overrides, o);
    }

  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("read the category overrides"));
      return NULL;
    }

  return g_steal_pointer (&overrides);
}

/**
 * fp_store_set_override:
 * @self: a store
 * @override: the override; its scenario, if any, must exist
 * @error: return location for an error
 *
 * Sets (or replaces) a site's category override, for every scenario or one, recording who
 * and when.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_set_override (FpStore                  *self,
                       const FpCategoryOverride *o,
                       GError                  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso8601 ();
  gint64 id = 0;

  if (!fp_store_begin (self, error))
    return FALSE;

  if (o->scenario != NULL)
    {
      id = find_scenario_id (self, o->scenario, error);
      if (id < 0)
        goto failed;
    }

  if (!clear_override (self, o->site_id, id, error))
    goto failed;

  stmt = fp_store_prepare (self,
      "INSERT INTO category_overrides (site_id, scenario_id, category, reason, author, "
      "recorded_at) VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto failed;

  fp_store_bind_text (stmt, 1, o->site_id);
  if (id > 0)
    sqlite3_bind_int64 (stmt, 2, id);
  else
    sqlite3_bind_null (stmt, 2);
  fp_store_bind_text (stmt, 3, fp_category_to_string (o->category));
  fp_store_bind_text (stmt, 4, o->reason);
  fp_store_bind_text (stmt, 5, o->author);
  fp_store_bind_text (stmt, 6, now);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("save a category override"));
      goto failed;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  return fp_store_commit (self, error);

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  fp_store_rollback (self);
  return FALSE;
}

/**
 * fp_store_clear_override:
 * @self: a store
 * @site_id: the site
 * @scenario: (nullable): the scenario, or %NULL for the override of every scenario
 * @error: return location for an error
 *
 * Returns: %TRUE if an override was removed; %FALSE with FP_ERROR_NOT_FOUND if there was none
 */
gboolean
fp_store_clear_override (FpStore    *self,
                         const char *site_id,
                         const char *scenario,
                         GError    **error)
{
  gint64 id = 0;

  if (!fp_store_begin (self, error))
    return FALSE;

  if (scenario != NULL)
    {
      id = find_scenario_id (self, scenario, error);
      if (id < 0)
        goto failed;
    }

  if (!clear_override (self, site_id, id, error))
    goto failed;

  if (sqlite3_changes (fp_store_get_db (self)) == 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("“%s” has no category override to clear"), site_id);
      goto failed;
    }

  return fp_store_commit (self, error);

failed:
  fp_store_rollback (self);
  return FALSE;
}

/* ---- Editing a scenario's changes in place --------------------------------------- */

static gboolean
touch_scenario (FpStore *self,
                gint64   id,
                GError **error)
{
  g_autofree char *now = now_iso8601 ();
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (self,
      "UPDATE scenarios SET modified_at = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  fp_store_bind_text (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fp_store_set_error (self, error, _("save a scenario"));
  return TRUE;
}

/* The scenario's id and its number of changes, or FALSE with @error naming it. */
static gboolean
find_with_count (FpStore    *self,
                 const char *scenario,
                 gint64     *id,
                 guint      *applied,
                 guint      *count,
                 GError    **error)
{
  *id = find_scenario_id (self, scenario, error);
  return *id >= 0 && read_applied (self, *id, applied, count, error);
}

static gboolean
check_index (const char *scenario,
             guint       index,
             guint       count,
             GError    **error)
{
  if (index < count)
    return TRUE;

  g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
               g_dngettext (GETTEXT_PACKAGE, "“%s” has %u change; there is no change %u",
                            "“%s” has %u changes; there is no change %u", count),
               scenario, count, index + 1);
  return FALSE;
}

/* Moves the changes at positions @first and beyond by @delta, in two steps through
 * positions no change holds (1000000 and up; a change being moved is parked at 2000000),
 * so the (scenario, position) key never meets itself. */
static gboolean
shift_positions (FpStore *self,
                 gint64   id,
                 guint    first,
                 int      delta,
                 GError **error)
{
  static const char *steps[] = {
    "UPDATE changes SET position = position + 1000000 WHERE scenario_id = ?1 "
    "AND position BETWEEN ?2 AND 999999",
    "UPDATE changes SET position = position - 1000000 + ?3 WHERE scenario_id = ?1 "
    "AND position BETWEEN 1000000 AND 1999999",
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (self, steps[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, (int) first);
      sqlite3_bind_int (stmt, 3, delta);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return fp_store_set_error (self, error, _("reorder the changes"));
    }

  return TRUE;
}

static gboolean
delete_change_at (FpStore *self,
                  gint64   id,
                  guint    position,
                  GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (self,
      "DELETE FROM changes WHERE scenario_id = ? AND position = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, (int) position);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return fp_store_set_error (self, error, _("remove a change"));
  return TRUE;
}

/**
 * fp_store_replace_change:
 * @self: a store
 * @scenario: the scenario's name
 * @index: the change's position, from 0
 * @change: what it becomes, already checked against the estate
 * @error: return location for an error
 *
 * Returns: %TRUE on success; on failure nothing was written
 */
gboolean
fp_store_replace_change (FpStore        *self,
                         const char     *scenario,
                         guint           index,
                         const FpChange *change,
                         GError        **error)
{
  guint applied, count;
  gint64 id;

  if (!fp_store_begin (self, error))
    return FALSE;

  if (!find_with_count (self, scenario, &id, &applied, &count, error) ||
      !check_index (scenario, index, count, error) ||
      !delete_change_at (self, id, index, error) ||
      !insert_change (self, id, index, change, error) ||
      !touch_scenario (self, id, error))
    {
      fp_store_rollback (self);
      return FALSE;
    }

  return fp_store_commit (self, error);
}

/**
 * fp_store_remove_change:
 * @self: a store
 * @scenario: the scenario's name
 * @index: the change's position, from 0
 * @error: return location for an error
 *
 * Removes a change; the later ones move up one place. Removing a change in effect lowers
 * the undo position by one, so the same changes stay in effect.
 *
 * Returns: %TRUE on success; on failure nothing was written
 */
gboolean
fp_store_remove_change (FpStore    *self,
                        const char *scenario,
                        guint       index,
                        GError    **error)
{
  guint applied, count;
  gint64 id;

  if (!fp_store_begin (self, error))
    return FALSE;

  if (!find_with_count (self, scenario, &id, &applied, &count, error) ||
      !check_index (scenario, index, count, error) ||
      !delete_change_at (self, id, index, error) ||
      !shift_positions (self, id, index + 1, -1, error) ||
      !write_applied (self, id, index < applied ? applied - 1 : applied, error))
    {
      fp_store_rollback (self);
      return FALSE;
    }

  return fp_store_commit (self, error);
}

/**
 * fp_store_move_change:
 * @self: a store
 * @scenario: the scenario's name
 * @from: the change's position, from 0
 * @to: the position it takes; the changes between move by one
 * @error: return location for an error
 *
 * Reorders a scenario's changes. The undo position stays: check first that the move does
 * not carry a change across it.
 *
 * Returns: %TRUE on success; on failure nothing was written
 */
gboolean
fp_store_move_change (FpStore    *self,
                      const char *scenario,
                      guint       from,
                      guint       to,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) park = NULL;
  g_autoptr(sqlite3_stmt) place = NULL;
  guint applied, count;
  gint64 id;

  if (!fp_store_begin (self, error))
    return FALSE;

  if (!find_with_count (self, scenario, &id, &applied, &count, error) ||
      !check_index (scenario, from, count, error) ||
      !check_index (scenario, to, count, error))
    goto failed;

  if (from == to)
    return fp_store_commit (self, error);

  /* Park the change beyond every position, close its gap, open one at @to, put it there. */
  park = fp_store_prepare (self,
      "UPDATE changes SET position = ?3 WHERE scenario_id = ?1 AND position = ?2", error);
  place = fp_store_prepare (self,
      "UPDATE changes SET position = ?2 WHERE scenario_id = ?1 AND position = ?3", error);
  if (park == NULL || place == NULL)
    goto failed;

  sqlite3_bind_int64 (park, 1, id);
  sqlite3_bind_int (park, 2, (int) from);
  sqlite3_bind_int (park, 3, 2000000);
  if (sqlite3_step (park) != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("reorder the changes"));
      goto failed;
    }

  if (!shift_positions (self, id, from + 1, -1, error) ||
      !shift_positions (self, id, to, 1, error))
    goto failed;

  sqlite3_bind_int64 (place, 1, id);
  sqlite3_bind_int (place, 2, (int) to);
  sqlite3_bind_int (place, 3, 2000000);
  if (sqlite3_step (place) != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("reorder the changes"));
      goto failed;
    }

  if (!touch_scenario (self, id, error))
    goto failed;

  g_clear_pointer (&park, sqlite3_finalize);
  g_clear_pointer (&place, sqlite3_finalize);
  return fp_store_commit (self, error);

failed:
  g_clear_pointer (&park, sqlite3_finalize);
  g_clear_pointer (&place, sqlite3_finalize);
  fp_store_rollback (self);
  return FALSE;
}

/**
 * fp_store_rename_scenario:
 * @self: a store
 * @name: the scenario's name
 * @new_name: its new name (check it first with fp_scenario_check_name())
 * @error: return location for an error
 *
 * Its changes, children and category overrides follow it.
 *
 * Returns: %TRUE on success; FP_ERROR_EXISTS when another scenario has the name
 */
gboolean
fp_store_rename_scenario (FpStore    *self,
                          const char *name,
                          const char *new_name,
                          GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *now = now_iso8601 ();
  gint64 id, other;

  if (!fp_store_begin (self, error))
    return FALSE;

  id = find_scenario_id (self, name, error);
  if (id < 0)
    goto failed;

  other = find_scenario_id (self, new_name, &local_error);
  if (other >= 0 && other != id)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                   _("A scenario called “%s” exists already"), new_name);
      goto failed;
    }
  if (other < 0 && !g_error_matches (local_error, FP_ERROR, FP_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto failed;
    }

  stmt = fp_store_prepare (self, "UPDATE scenarios SET name = ?, modified_at = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    goto failed;
  fp_store_bind_text (stmt, 1, new_name);
  fp_store_bind_text (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("rename a scenario"));
      goto failed;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The stories' views name their option: they follow it. */
  stmt = fp_store_prepare (self, "UPDATE story_views SET option = ? WHERE option = ?", error);
  if (stmt == NULL)
    goto failed;
  fp_store_bind_text (stmt, 1, new_name);
  fp_store_bind_text (stmt, 2, name);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("rename a scenario in the stories"));
      goto failed;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  return fp_store_commit (self, error);

failed:
  g_clear_pointer (&stmt, sqlite3_finalize);
  fp_store_rollback (self);
  return FALSE;
}

/**
 * fp_store_load_assumption_values:
 * @self: a store
 * @error: return location for an error
 *
 * Reads only the assumptions' values, cheaply, to see whether another program changed
 * them since the estate was loaded.
 *
 * Returns: (transfer full) (element-type utf8 double) (nullable): key to a pointer to its
 *   value
 */
GHashTable *
fp_store_load_assumption_values (FpStore *self,
                                 GError **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_free);
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (self,
      "SELECT key, value FROM assumptions", error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (values, fp_store_column_text (stmt, 0),
                         g_memdup2 (&(double) { sqlite3_column_double (stmt, 1) },
                                    sizeof (double)));

  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (self, error, _("read the assumptions"));
      return NULL;
    }

  return g_steal_pointer (&values);
}
