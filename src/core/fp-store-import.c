/* fp-store-import.c: writing an import plan into the document, recording it, and taking it
 * back (fp-import.h).
 *
 * An import is one transaction. Before it writes, it copies every row it will touch (the
 * sites, their property interests, their source rows and the provenance of all of them)
 * into shadow tables as the "before" phase, and after it writes, the same rows as the
 * "after" phase. Undo restores "before" for those sites, redo restores "after"; both are
 * exact, because the copies are rows of the same columns, not a re-encoding. A site's
 * activity is never touched: it is updated in place, never deleted and re-inserted.
 *
 * The shadow table import_site_rows has the columns of `sites`; a migration that adds a
 * column to `sites` must add it there too (the column lists below come from the same
 * field table as fp-store.c's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-store"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-error.h"
#include "fp-import-private.h"
#include "fp-store-private.h"

/* Migration 5: imports, with what each changed, so it can be undone as a whole. */
const char fp_store_import_migration[] =
  "CREATE TABLE imports (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  recorded_at TEXT NOT NULL,\n"
  "  author TEXT NOT NULL CHECK (length (author) > 0),\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('register','eric','epraccur','ebranchs')),\n"
  "  file_name TEXT NOT NULL,\n"
  "  sheet TEXT,\n"
  "  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),\n"
  "  source_id TEXT NOT NULL,\n"
  "  source_added INTEGER NOT NULL DEFAULT 0,\n"
  "  source_title TEXT,\n"
  "  source_publisher TEXT,\n"
  "  source_year INTEGER,\n"
  "  source_licence TEXT,\n"
  "  source_attribution TEXT,\n"
  "  source_file TEXT,\n"
  "  methods_added TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (methods_added)),\n"
  "  n_rows INTEGER NOT NULL CHECK (n_rows >= 0),\n"
  "  n_new INTEGER NOT NULL CHECK (n_new >= 0),\n"
  "  n_updated INTEGER NOT NULL CHECK (n_updated >= 0),\n"
  "  n_conflicts INTEGER NOT NULL CHECK (n_conflicts >= 0),\n"
  "  n_refused INTEGER NOT NULL CHECK (n_refused >= 0),\n"
  "  status TEXT NOT NULL DEFAULT 'applied' CHECK (status IN ('applied','undone'))\n"
  ") STRICT;\n"
  "CREATE TABLE import_sites (\n"
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,\n"
  "  phase TEXT NOT NULL CHECK (phase IN ('before','after')),\n"
  "  site_id TEXT NOT NULL,\n"
  "  present INTEGER NOT NULL CHECK (present IN (0, 1)),\n"
  "  PRIMARY KEY (import_id, phase, site_id)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "CREATE TABLE import_site_rows (\n"
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,\n"
  "  phase TEXT NOT NULL,\n"
  "  id ANY, name ANY, site_type ANY, tenure ANY, sector ANY, status ANY, lat ANY, lon ANY,\n"
  "  condition ANY, postcode ANY, address ANY, la_code ANY, ward_code ANY, locality ANY,\n"
  "  pcn ANY, organisation_id ANY, gia_m2 ANY, rooms_consult ANY, rooms_treatment ANY,\n"
  "  rooms_group ANY, rooms_imaging ANY, beds ANY, desks ANY, void_rooms ANY,\n"
  "  other_void_m2 ANY, hours_open_per_week ANY, cost_rent ANY, cost_service_charge ANY,\n"
  "  cost_rates ANY, cost_utilities ANY, cost_hard_fm ANY, cost_soft_fm ANY, cost_other ANY,\n"
  "  backlog_high ANY, backlog_significant ANY, backlog_moderate ANY, backlog_low ANY,\n"
  "  list_size ANY, opened_year ANY, lease_end_year ANY\n"
  ") STRICT;\n"
  "CREATE INDEX import_site_rows_key ON import_site_rows (import_id, phase);\n"
  "CREATE TABLE import_interests (\n"
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,\n"
  "  phase TEXT NOT NULL,\n"
  "  id ANY, site_id ANY, tenure ANY, landlord ANY, occupier ANY, start_year ANY,\n"
  "  break_year ANY, end_year ANY, note ANY\n"
  ") STRICT;\n"
  "CREATE INDEX import_interests_key ON import_interests (import_id, phase);\n"
  "CREATE TABLE import_site_sources (\n"
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,\n"
  "  phase TEXT NOT NULL,\n"
  "  id ANY, site_id ANY, source_id ANY, source_row ANY, code ANY, name ANY, postcode ANY,\n"
  "  rule ANY\n"
  ") STRICT;\n"
  "CREATE INDEX import_site_sources_key ON import_site_sources (import_id, phase);\n"
  "CREATE TABLE import_provenance (\n"
  "  import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,\n"
  "  phase TEXT NOT NULL,\n"
  "  entity ANY, entity_id ANY, field ANY, kind ANY, source_id ANY, year ANY, method_id ANY,\n"
  "  author ANY, recorded_at ANY, note ANY\n"
  ") STRICT;\n"
  "CREATE INDEX import_provenance_key ON import_provenance (import_id, phase);\n";


static const char interest_cols[] =
  "id, site_id, tenure, landlord, occupier, start_year, break_year, end_year, note";
static const char source_row_cols[] =
  "id, site_id, source_id, source_row, code, name, postcode, rule";
static const char provenance_cols[] =
  "entity, entity_id, field, kind, source_id, year, method_id, author, recorded_at, note";

/* The touched sites of an import and phase, as an SQL set. */
#define TOUCHED "(SELECT site_id FROM import_sites WHERE import_id = ?1 AND phase = ?2)"

static char *
site_cols (void)
{
  GString *cols = g_string_new ("id, name, site_type, tenure, sector, status, lat, lon, "
                                "condition");

  for (guint i = 0; i < FP_SITE_N_TEXTS; i++)
    g_string_append_printf (cols, ", %s", fp_site_text_column (i));
  for (guint i = 0; i < FP_SITE_N_NUMBERS; i++)
    g_string_append_printf (cols, ", %s", fp_site_field (i)->column);
  return g_string_free (cols, FALSE);
}

static gboolean
run (FpStore    *store,
     const char *sql,
     gint64      import_id,
     const char *phase,
     const char *doing,
     GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, import_id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    fp_store_bind_text (stmt, 2, phase);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fp_store_set_error (store, error, doing);
  return TRUE;
}

/* Copies the touched rows as they are now into the shadow tables under @phase. */
static gboolean
snapshot (FpStore    *store,
          gint64      import_id,
          const char *phase,
          GError    **error)
{
  g_autofree char *cols = site_cols ();
  g_autofree char *sites = g_strdup_printf (
      "INSERT INTO import_site_rows (import_id, phase, %s) SELECT ?1, ?2, %s FROM sites "
      "WHERE id IN " TOUCHED, cols, cols);
  g_autofree char *interests = g_strdup_printf (
      "INSERT INTO import_interests (import_id, phase, %s) SELECT ?1, ?2, %s "
      "FROM property_interests WHERE site_id IN " TOUCHED, interest_cols, interest_cols);
  g_autofree char *rows = g_strdup_printf (
      "INSERT INTO import_site_sources (import_id, phase, %s) SELECT ?1, ?2, %s "
      "FROM site_sources WHERE site_id IN " TOUCHED, source_row_cols, source_row_cols);
  g_autofree char *prov = g_strdup_printf (
      "INSERT INTO import_provenance (import_id, phase, %s) SELECT ?1, ?2, %s FROM provenance "
      "WHERE (entity = 'site' AND entity_id IN " TOUCHED ") OR (entity = 'interest' AND "
      "entity_id IN (SELECT CAST (id AS TEXT) FROM property_interests WHERE site_id IN "
      TOUCHED "))", provenance_cols, provenance_cols);
  const char *doing = _("record what the import changes");

  return run (store, sites, import_id, phase, doing, error) &&
         run (store, interests, import_id, phase, doing, error) &&
         run (store, rows, import_id, phase, doing, error) &&
         run (store, prov, import_id, phase, doing, error);
}

/* Removes the touched sites' interests, source rows and provenance (not the sites). */
static gboolean
clear_children (FpStore    *store,
                gint64      import_id,
                const char *phase,
                GError     **error)
{
  const char *doing = _("replace the imported sites’ rows");

  return run (store, "DELETE FROM provenance WHERE entity = 'interest' AND entity_id IN "
                     "(SELECT CAST (id AS TEXT) FROM property_interests WHERE site_id IN "
                     TOUCHED ")", import_id, phase, doing, error) &&
         run (store, "DELETE FROM provenance WHERE entity = 'site' AND entity_id IN " TOUCHED,
              import_id, phase, doing, error) &&
         run (store, "DELETE FROM property_interests WHERE site_id IN " TOUCHED, import_id,
              phase, doing, error) &&
         run (store, "DELETE FROM site_sources WHERE site_id IN " TOUCHED, import_id, phase,
              doing, error);
}

/* Puts the touched sites back as they were in @phase. The site list is the same in both
 * phases; a site absent from @phase is deleted. */
static gboolean
restore (FpStore    *store,
         gint64      import_id,
         const char *phase,
         GError    **error)
{
  g_autofree char *cols = site_cols ();
  g_autofree char *update = g_strdup_printf (
      "UPDATE sites SET (%s) = (SELECT %s FROM import_site_rows r WHERE r.import_id = ?1 AND "
      "r.phase = ?2 AND r.id = sites.id) WHERE id IN (SELECT site_id FROM import_sites WHERE "
      "import_id = ?1 AND phase = ?2 AND present = 1)", cols, cols);
  g_autofree char *insert = g_strdup_printf (
      "INSERT INTO sites (%s) SELECT %s FROM import_site_rows WHERE import_id = ?1 AND "
      "phase = ?2 AND id NOT IN (SELECT id FROM sites)", cols, cols);
  g_autofree char *interests = g_strdup_printf (
      "INSERT INTO property_interests (%s) SELECT %s FROM import_interests WHERE "
      "import_id = ?1 AND phase = ?2", interest_cols, interest_cols);
  g_autofree char *rows = g_strdup_printf (
      "INSERT INTO site_sources (%s) SELECT %s FROM import_site_sources WHERE import_id = ?1 "
      "AND phase = ?2", source_row_cols, source_row_cols);
  g_autofree char *prov = g_strdup_printf (
      "INSERT INTO provenance (%s) SELECT %s FROM import_provenance WHERE import_id = ?1 AND "
      "phase = ?2", provenance_cols, provenance_cols);
  const char *doing = _("restore the sites an import changed");

  return clear_children (store, import_id, phase, error) &&
         run (store, "DELETE FROM sites WHERE id IN (SELECT site_id FROM import_sites WHERE "
                     "import_id = ?1 AND phase = ?2 AND present = 0)", import_id, phase, doing,
              error) &&
         run (store, update, import_id, phase, doing, error) &&
         run (store, insert, import_id, phase, doing, error) &&
         run (store, interests, import_id, phase, doing, error) &&
         run (store, rows, import_id, phase, doing, error) &&
         run (store, prov, import_id, phase, doing, error);
}

/* ---- Writing one site ------------------------------------------------------------ */

static void
bind_number (sqlite3_stmt *stmt,
             int           index,
             double        value,
             FpFieldType   type)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else if (type == FP_FIELD_INTEGER)
    sqlite3_bind_int64 (stmt, index, (sqlite3_int64) value);
  else
    sqlite3_bind_double (stmt, index, value);
}

static void
bind_year (sqlite3_stmt *stmt,
           int           index,
           int           year)
{
  if (year != 0)
    sqlite3_bind_int (stmt, index, year);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
step (FpStore      *store,
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

/* The import binds text that outlives each statement's step, so SQLite need not copy it. */
static void
bind_static (sqlite3_stmt *stmt,
             int           index,
             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_site (sqlite3_stmt *stmt,
           const FpSite *site)
{
  static const char * const conditions[] = { "A", "B", "C", "D" };
  const char *condition = site->condition >= 'A' && site->condition <= 'D'
                          ? conditions[site->condition - 'A'] : NULL;
  int col = 1;

  bind_static (stmt, col++, site->id);
  bind_static (stmt, col++, site->name);
  bind_static (stmt, col++, fp_site_type_to_string (site->type));
  bind_static (stmt, col++, fp_tenure_to_string (site->tenure));
  bind_static (stmt, col++, fp_sector_to_string (site->sector));
  bind_static (stmt, col++, fp_site_status_to_string (site->status));
  bind_number (stmt, col++, site->placed ? site->lat : NAN, FP_FIELD_REAL);
  bind_number (stmt, col++, site->placed ? site->lon : NAN, FP_FIELD_REAL);
  bind_static (stmt, col++, condition);
  for (guint t = 0; t < FP_SITE_N_TEXTS; t++)
    bind_static (stmt, col++, site->texts[t]);
  for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
    bind_number (stmt, col++, site->numbers[n], fp_site_field (n)->type);
}

static gboolean
insert_provenance (FpStore            *store,
                   sqlite3_stmt       *stmt,
                   const char         *entity,
                   const char         *entity_id,
                   const char         *field,
                   const FpProvenance *prov,
                   GError            **error)
{
  if (prov->kind == FP_PROV_NONE)
    return TRUE;

  bind_static (stmt, 1, entity);
  bind_static (stmt, 2, entity_id);
  bind_static (stmt, 3, field);
  bind_static (stmt, 4, fp_prov_kind_to_string (prov->kind));
  bind_static (stmt, 5, prov->source_id);
  bind_year (stmt, 6, prov->year);
  bind_static (stmt, 7, prov->method_id);
  bind_static (stmt, 8, prov->author);
  bind_static (stmt, 9, prov->recorded_at);
  bind_static (stmt, 10, prov->note);
  return step (store, stmt, _("save the provenance of a value"), error);
}

typedef struct
{
  sqlite3_stmt *insert_site;
  sqlite3_stmt *update_site;
  sqlite3_stmt *interest;
  sqlite3_stmt *source_row;
  sqlite3_stmt *prov;
} Statements;

static void
statements_clear (Statements *s)
{
  g_clear_pointer (&s->insert_site, sqlite3_finalize);
  g_clear_pointer (&s->update_site, sqlite3_finalize);
  g_clear_pointer (&s->interest, sqlite3_finalize);
  g_clear_pointer (&s->source_row, sqlite3_finalize);
  g_clear_pointer (&s->prov, sqlite3_finalize);
}

static gboolean
statements_prepare (FpStore    *store,
                    Statements *s,
                    GError    **error)
{
  g_autofree char *cols = site_cols ();
  g_autoptr(GString) values = g_string_new ("?");
  g_autoptr(GString) set = g_string_new (NULL);
  g_auto(GStrv) names = g_strsplit (cols, ", ", -1);
  g_autofree char *insert = NULL;
  g_autofree char *update = NULL;

  for (guint i = 1; names[i] != NULL; i++)
    {
      g_string_append (values, ", ?");
      g_string_append_printf (set, "%s%s = ?%u", i > 1 ? ", " : "", names[i], i + 1);
    }
  insert = g_strdup_printf ("INSERT INTO sites (%s) VALUES (%s)", cols, values->str);
  update = g_strdup_printf ("UPDATE sites SET %s WHERE id = ?1", set->str);

  s->insert_site = fp_store_prepare (store, insert, error);
  s->update_site = s->insert_site ? fp_store_prepare (store, update, error) : NULL;
  s->interest = s->update_site ? fp_store_prepare (store,
      "INSERT INTO property_interests (site_id, tenure, landlord, occupier, start_year, "
      "break_year, end_year, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error) : NULL;
  s->source_row = s->interest ? fp_store_prepare (store,
      "INSERT INTO site_sources (site_id, source_id, source_row, code, name, postcode, rule) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)", error) : NULL;
  s->prov = s->source_row ? fp_store_prepare (store,
      "INSERT INTO provenance (entity, entity_id, field, kind, source_id, year, method_id, "
      "author, recorded_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error) : NULL;
  return s->prov != NULL;
}

/* Writes a site's new state: its row, provenance and interests (its children were cleared
 * first), and the import's source row. */
static gboolean
write_site (FpStore               *store,
            Statements            *s,
            const FpImportTouched *t,
            const FpSite          *site,
            GArray                *interests,
            GError               **error)
{
  sqlite3 *db = fp_store_get_db (store);
  sqlite3_stmt *stmt = t->is_new ? s->insert_site : s->update_site;

  bind_site (stmt, site);
  if (!step (store, stmt, _("save an imported site"), error))
    {
      g_prefix_error (error, _("Site “%s”: "), site->id);
      return FALSE;
    }

  for (guint slot = 0; slot < FP_SITE_N_SLOTS; slot++)
    if (!insert_provenance (store, s->prov, "site", site->id, fp_site_slot_name (slot),
                            &site->prov[slot], error))
      return FALSE;

  for (guint i = 0; i < interests->len; i++)
    {
      const FpInterest *interest = &g_array_index (interests, FpInterest, i);
      g_autofree char *id = NULL;

      fp_store_bind_text (s->interest, 1, site->id);
      fp_store_bind_text (s->interest, 2, fp_tenure_to_string (interest->tenure));
      fp_store_bind_text (s->interest, 3, interest->landlord);
      fp_store_bind_text (s->interest, 4, interest->occupier);
      bind_year (s->interest, 5, interest->start_year);
      bind_year (s->interest, 6, interest->break_year);
      bind_year (s->interest, 7, interest->end_year);
      fp_store_bind_text (s->interest, 8, interest->note);
      if (!step (store, s->interest, _("save a property interest"), error))
        {
          g_prefix_error (error, _("Site “%s”: "), site->id);
          return FALSE;
        }
      id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_last_insert_rowid (db));
      if (!insert_provenance (store, s->prov, "interest", id, "tenure", &interest->prov, error))
        return FALSE;
    }

  fp_store_bind_text (s->source_row, 1, site->id);
  fp_store_bind_text (s->source_row, 2, t->source_row.source_id);
  bind_year (s->source_row, 3, t->source_row.row);
  fp_store_bind_text (s->source_row, 4, t->source_row.code);
  fp_store_bind_text (s->source_row, 5, t->source_row.name);
  fp_store_bind_text (s->source_row, 6, t->source_row.postcode);
  fp_store_bind_text (s->source_row, 7, t->source_row.rule);
  return step (store, s->source_row, _("save a source row"), error);
}

/* ---- Catalogue entries ----------------------------------------------------------- */

static gboolean
add_source_and_methods (FpStore            *store,
                        const FpImportPlan *plan,
                        gint64              import_id,
                        GError            **error)
{
  g_autoptr(sqlite3_stmt) src = NULL;
  g_autoptr(sqlite3_stmt) method = NULL;
  g_autoptr(sqlite3_stmt) record = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *methods_json = NULL;
  sqlite3 *db = fp_store_get_db (store);
  gboolean source_added;

  src = fp_store_prepare (store, "INSERT OR IGNORE INTO sources (id, title, publisher, year, "
                                 "licence, attribution, file) VALUES (?, ?, ?, ?, ?, ?, ?)",
                          error);
  method = fp_store_prepare (store, "INSERT OR IGNORE INTO methods (id, description) "
                                    "VALUES (?, ?)", error);
  record = fp_store_prepare (store, "UPDATE imports SET source_added = ?, methods_added = ? "
                                    "WHERE id = ?", error);
  if (src == NULL || method == NULL || record == NULL)
    return FALSE;

  fp_store_bind_text (src, 1, plan->source.id);
  fp_store_bind_text (src, 2, plan->source.title);
  fp_store_bind_text (src, 3, plan->source.publisher);
  bind_year (src, 4, plan->source.year);
  fp_store_bind_text (src, 5, plan->source.licence);
  fp_store_bind_text (src, 6, plan->source.attribution);
  fp_store_bind_text (src, 7, plan->source.file);
  if (!step (store, src, _("save a data source"), error))
    return FALSE;
  source_added = sqlite3_changes (db) > 0;

  json_builder_begin_array (b);
  for (guint i = 0; i < plan->methods->len; i++)
    {
      const FpMethod *m = g_ptr_array_index (plan->methods, i);

      fp_store_bind_text (method, 1, m->id);
      fp_store_bind_text (method, 2, m->description);
      if (!step (store, method, _("save an estimation method"), error))
        return FALSE;
      if (sqlite3_changes (db) == 0)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, m->id);
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, m->description);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  methods_json = json_generator_to_data (gen, NULL);

  sqlite3_bind_int (record, 1, source_added);
  fp_store_bind_text (record, 2, methods_json);
  sqlite3_bind_int64 (record, 3, import_id);
  return step (store, record, _("record an import"), error);
}

/* Puts back (redo) or takes away (undo) the catalogue entries an import added. Entries
 * still cited by another import's rows stay. */
static gboolean
catalogue (FpStore  *store,
           gint64    import_id,
           gboolean  add,
           GError  **error)
{
  const char *doing = _("update the document’s sources");

  if (add)
    return run (store, "INSERT OR IGNORE INTO sources (id, title, publisher, year, licence, "
                       "attribution, file) SELECT source_id, source_title, source_publisher, "
                       "source_year, source_licence, source_attribution, source_file FROM imports "
                       "WHERE id = ?1 AND source_added = 1", import_id, NULL, doing, error) &&
           run (store, "INSERT OR IGNORE INTO methods (id, description) SELECT "
                       "json_extract (value, '$.id'), json_extract (value, '$.description') "
                       "FROM imports, json_each (imports.methods_added) WHERE imports.id = ?1",
                import_id, NULL, doing, error);

  return run (store, "DELETE FROM sources WHERE id = (SELECT source_id FROM imports WHERE "
                     "id = ?1 AND source_added = 1) AND id NOT IN (SELECT source_id FROM "
                     "site_sources) AND id NOT IN (SELECT source_id FROM provenance WHERE "
                     "source_id IS NOT NULL)", import_id, NULL, doing, error) &&
         run (store, "DELETE FROM methods WHERE id IN (SELECT json_extract (value, '$.id') FROM "
                     "imports, json_each (imports.methods_added) WHERE imports.id = ?1) AND id "
                     "NOT IN (SELECT method_id FROM provenance WHERE method_id IS NOT NULL)",
              import_id, NULL, doing, error);
}

/* ---- Public API ------------------------------------------------------------------ */

static gint64
query_id (FpStore    *store,
          const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (fp_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}


/**
 * fp_store_apply_import:
 * @store: the document
 * @plan: the plan, made from the document's current estate
 * @author: who imports, recorded with the import
 * @import_id: (out) (optional): the import's number in the document
 * @error: return location for an error
 *
 * Writes the plan's new sites and the changes it takes (conflicts only where the user took
 * the file's value), in one transaction, and records the import (who, when, file, SHA-256,
 * counts) with what it changed, so it can be undone as a whole. Refused and ambiguous rows
 * are not written: whether to import the valid rows only is the caller's decision. An
 * import newer than an undone one drops the undone one (it can no longer be redone).
 *
 * Returns: %TRUE on success; on failure the document is unchanged
 */
gboolean
fp_store_apply_import (FpStore            *store,
                       const FpImportPlan *plan,
                       const char         *author,
                       gint64             *import_id,
                       GError            **error)
{
  g_autoptr(sqlite3_stmt) record = NULL;
  g_autoptr(sqlite3_stmt) touched = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(GPtrArray) sites = g_ptr_array_new ();
  g_autoptr(GArray) finals = g_array_new (FALSE, TRUE, sizeof (FpSite));
  g_autoptr(GPtrArray) final_interests = g_ptr_array_new_with_free_func (
      (GDestroyNotify) g_array_unref);
  Statements s = { 0 };
  sqlite3 *db;
  gint64 id, old_cache = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (FP_IS_STORE (store), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (author != NULL && *author != '\0', FALSE);
  db = fp_store_get_db (store);

  /* Work out every site's new state before the transaction starts. */
  for (guint i = 0; i < plan->touched->len; i++)
    {
      const FpImportTouched *t = &g_array_index (plan->touched, FpImportTouched, i);
      GArray *interests = g_array_new (FALSE, TRUE, sizeof (FpInterest));
      FpSite site;
      gboolean changed;

      g_array_set_clear_func (interests, (GDestroyNotify) fp_import_interest_clear);
      fp_import_build_site (plan, t, &site, interests, &changed);
      if (!changed)
        {
          fp_import_site_clear (&site);
          g_array_unref (interests);
          continue;
        }
      g_ptr_array_add (sites, (gpointer) t);
      g_array_append_val (finals, site);
      g_ptr_array_add (final_interests, interests);
    }

  /* A large import touches many pages; a larger page cache for its transaction keeps SQLite
   * from spilling them to the WAL before the commit. */
  old_cache = query_id (store, "PRAGMA cache_size");
  sqlite3_exec (db, "PRAGMA cache_size = -65536", NULL, NULL, NULL);

  if (!fp_store_begin (store, error))
    goto out;

  if (!run (store, "DELETE FROM imports WHERE status = 'undone'", 0, NULL,
            _("record an import"), error))
    goto failed;

  record = fp_store_prepare (store,
      "INSERT INTO imports (recorded_at, author, kind, file_name, sheet, sha256, source_id, "
      "source_title, source_publisher, source_year, source_licence, source_attribution, "
      "source_file, n_rows, n_new, n_updated, n_conflicts, n_refused) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  touched = fp_store_prepare (store, "INSERT INTO import_sites (import_id, phase, site_id, "
                                     "present) VALUES (?, ?, ?, ?)", error);
  if (record == NULL || touched == NULL || !statements_prepare (store, &s, error))
    goto failed;

  fp_store_bind_text (record, 1, when);
  fp_store_bind_text (record, 2, author);
  fp_store_bind_text (record, 3, fp_import_kind_to_string (plan->kind));
  fp_store_bind_text (record, 4, plan->file);
  fp_store_bind_text (record, 5, plan->sheet);
  fp_store_bind_text (record, 6, plan->sha256);
  fp_store_bind_text (record, 7, plan->source.id);
  fp_store_bind_text (record, 8, plan->source.title);
  fp_store_bind_text (record, 9, plan->source.publisher);
  bind_year (record, 10, plan->source.year);
  fp_store_bind_text (record, 11, plan->source.licence);
  fp_store_bind_text (record, 12, plan->source.attribution);
  fp_store_bind_text (record, 13, plan->source.file);
  sqlite3_bind_int (record, 14, plan->n_rows);
  sqlite3_bind_int (record, 15, plan->new_sites->len);
  sqlite3_bind_int (record, 16, fp_import_plan_count_updated_sites (plan));
  sqlite3_bind_int (record, 17, fp_import_plan_count_changes (plan, FP_IMPORT_CHANGE_CONFLICT));
  sqlite3_bind_int (record, 18, fp_import_plan_count_refused_rows (plan));
  if (!step (store, record, _("record an import"), error))
    goto failed;
  id = sqlite3_last_insert_rowid (db);

  if (!add_source_and_methods (store, plan, id, error))
    goto failed;

  for (guint i = 0; i < sites->len; i++)
    {
      const FpImportTouched *t = g_ptr_array_index (sites, i);
      const FpSite *site = &g_array_index (finals, FpSite, i);
      const char *phases[] = { "before", "after" };

      for (guint p = 0; p < 2; p++)
        {
          sqlite3_bind_int64 (touched, 1, id);
          fp_store_bind_text (touched, 2, phases[p]);
          fp_store_bind_text (touched, 3, site->id);
          sqlite3_bind_int (touched, 4, p == 1 || !t->is_new);
          if (!step (store, touched, _("record an import"), error))
            {
              g_prefix_error (error, _("Site “%s”: "), site->id);
              goto failed;
            }
        }
    }

  if (!snapshot (store, id, "before", error) ||
      !clear_children (store, id, "before", error))
    goto failed;

  for (guint i = 0; i < sites->len; i++)
    if (!write_site (store, &s, g_ptr_array_index (sites, i), &g_array_index (finals, FpSite, i),
                     g_ptr_array_index (final_interests, i), error))
      goto failed;

  if (!snapshot (store, id, "after", error))
    goto failed;

  statements_clear (&s);
  g_clear_pointer (&record, sqlite3_finalize);
  g_clear_pointer (&touched, sqlite3_finalize);
  if (!fp_store_commit (store, error))
    goto out;

  if (import_id != NULL)
    *import_id = id;
  ok = TRUE;
  goto out;

failed:
  statements_clear (&s);
  g_clear_pointer (&record, sqlite3_finalize);
  g_clear_pointer (&touched, sqlite3_finalize);
  fp_store_rollback (store);
out:
  if (old_cache != 0)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT,
                                                 old_cache);

      sqlite3_exec (db, pragma, NULL, NULL, NULL);
    }
  for (guint i = 0; i < finals->len; i++)
    fp_import_site_clear (&g_array_index (finals, FpSite, i));
  return ok;
}

/* Whether the touched sites' rows are exactly as @phase recorded them: an undo or redo
 * over sites that something else changed since would lose that change. */
static gboolean
unchanged_since (FpStore    *store,
                 gint64      id,
                 const char *phase,
                 GError    **error)
{
  g_autofree char *cols = site_cols ();
  g_autofree char *sql = g_strdup_printf (
      "SELECT (SELECT count (*) FROM (SELECT %s FROM import_site_rows WHERE import_id = ?1 AND "
      "phase = ?2 EXCEPT SELECT %s FROM sites WHERE id IN " TOUCHED ")) + (SELECT count (*) "
      "FROM (SELECT %s FROM sites WHERE id IN " TOUCHED " EXCEPT SELECT %s FROM "
      "import_site_rows WHERE import_id = ?1 AND phase = ?2))", cols, cols, cols, cols);
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  fp_store_bind_text (stmt, 2, phase);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return fp_store_set_error (store, error, _("check the imported sites"));
  if (sqlite3_column_int64 (stmt, 0) != 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED,
                   _("Import %" G_GINT64_FORMAT " cannot be %s: the sites it touched have "
                     "changed since (the estate was replaced or edited)"), id,
                   g_str_equal (phase, "after") ? _("undone") : _("redone"));
      return FALSE;
    }
  return TRUE;
}

/* A site the import added and a scenario or override names cannot be taken away. */
static gboolean
check_undo_keeps_references (FpStore *store,
                             gint64   id,
                             GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (store,
      "SELECT i.site_id, s.name FROM import_sites i JOIN changes c ON instr (c.params, "
      "'\"' || i.site_id || '\"') > 0 JOIN scenarios s ON s.id = c.scenario_id "
      "WHERE i.import_id = ?1 AND i.phase = 'before' AND i.present = 0 "
      "UNION ALL SELECT i.site_id, '' FROM import_sites i JOIN category_overrides o ON "
      "o.site_id = i.site_id WHERE i.import_id = ?1 AND i.phase = 'before' AND i.present = 0 "
      "LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *site = (const char *) sqlite3_column_text (stmt, 0);
      const char *scenario = (const char *) sqlite3_column_text (stmt, 1);

      if (scenario != NULL && *scenario != '\0')
        g_set_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED,
                     _("The import cannot be undone: it added site %s, which the scenario "
                       "“%s” uses; remove that change first"), site, scenario);
      else
        g_set_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED,
                     _("The import cannot be undone: it added site %s, which has a category "
                       "override; clear it first"), site);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_status (FpStore    *store,
            gint64      id,
            const char *status,
            GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (store,
      "UPDATE imports SET status = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  fp_store_bind_text (stmt, 2, status);
  return step (store, stmt, _("record an import"), error);
}

/**
 * fp_store_undo_import:
 * @store: the document
 * @import_id: (out) (optional): the import undone
 * @error: return location for an error
 *
 * Takes back the latest import still applied, as a whole, in one transaction: the sites it
 * added are removed and the sites it changed are put back as they were (their interests,
 * source rows and provenance too). Refused while a scenario or an override uses a site it
 * added.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_undo_import (FpStore *store,
                      gint64  *import_id,
                      GError **error)
{
  gint64 id;

  g_return_val_if_fail (FP_IS_STORE (store), FALSE);

  if (!fp_store_begin (store, error))
    return FALSE;
  id = query_id (store, "SELECT max (id) FROM imports WHERE status = 'applied'");
  if (id == 0)
    {
      fp_store_rollback (store);
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("There is no import to undo in “%s”"), fp_store_get_path (store));
      return FALSE;
    }

  if (!unchanged_since (store, id, "after", error) ||
      !check_undo_keeps_references (store, id, error) ||
      !restore (store, id, "before", error) ||
      !catalogue (store, id, FALSE, error) ||
      !set_status (store, id, "undone", error))
    {
      fp_store_rollback (store);
      return FALSE;
    }

  if (!fp_store_commit (store, error))
    return FALSE;
  if (import_id != NULL)
    *import_id = id;
  return TRUE;
}

/**
 * fp_store_redo_import:
 * @store: the document
 * @import_id: (out) (optional): the import redone
 * @error: return location for an error
 *
 * Puts back the import undone last, as it was written.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_redo_import (FpStore *store,
                      gint64  *import_id,
                      GError **error)
{
  gint64 id;

  g_return_val_if_fail (FP_IS_STORE (store), FALSE);

  if (!fp_store_begin (store, error))
    return FALSE;
  id = query_id (store, "SELECT min (id) FROM imports WHERE status = 'undone'");
  if (id == 0)
    {
      fp_store_rollback (store);
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("There is no undone import to redo in “%s”"), fp_store_get_path (store));
      return FALSE;
    }

  if (!unchanged_since (store, id, "before", error) ||
      !catalogue (store, id, TRUE, error) ||
      !restore (store, id, "after", error) ||
      !set_status (store, id, "applied", error))
    {
      fp_store_rollback (store);
      return FALSE;
    }

  if (!fp_store_commit (store, error))
    return FALSE;
  if (import_id != NULL)
    *import_id = id;
  return TRUE;
}

void
fp_import_record_free (FpImportRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->recorded_at);
  g_free (record->author);
  g_free (record->kind);
  g_free (record->file_name);
  g_free (record->sheet);
  g_free (record->sha256);
  g_free (record->source_id);
  g_free (record->status);
  g_free (record);
}

/**
 * fp_store_list_imports:
 * @store: the document
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FpImportRecord) (nullable): every import, oldest first
 */
GPtrArray *
fp_store_list_imports (FpStore *store,
                       GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (store,
      "SELECT id, recorded_at, author, kind, file_name, sheet, sha256, source_id, status, "
      "n_rows, n_new, n_updated, n_conflicts, n_refused FROM imports ORDER BY id", error);
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) fp_import_record_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FpImportRecord *r = g_new0 (FpImportRecord, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->recorded_at = fp_store_column_text (stmt, 1);
      r->author = fp_store_column_text (stmt, 2);
      r->kind = fp_store_column_text (stmt, 3);
      r->file_name = fp_store_column_text (stmt, 4);
      r->sheet = fp_store_column_text (stmt, 5);
      r->sha256 = fp_store_column_text (stmt, 6);
      r->source_id = fp_store_column_text (stmt, 7);
      r->status = fp_store_column_text (stmt, 8);
      r->n_rows = sqlite3_column_int (stmt, 9);
      r->n_new = sqlite3_column_int (stmt, 10);
      r->n_updated = sqlite3_column_int (stmt, 11);
      r->n_conflicts = sqlite3_column_int (stmt, 12);
      r->n_refused = sqlite3_column_int (stmt, 13);
      g_ptr_array_add (list, r);
    }
  if (rc != SQLITE_DONE)
    {
      fp_store_set_error (store, error, _("read the document’s imports"));
      return NULL;
    }
  return g_steal_pointer (&list);
}
