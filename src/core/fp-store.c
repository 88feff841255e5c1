/* fp-store.c: the SQLite document, its schema, migrations and the estate's rows; opening
 * it (read-only when it cannot be written), replacing it atomically, copying it, and the
 * words for what can go wrong with it.
 *
 * All SQL of the baseline estate lives here. Values are always bound, never formatted
 * into SQL; the only identifiers built at run time are the site columns, which come from
 * the compile-time field table in fp-estate.c.
 *
 * What the document promises (durability, two programs at once, atomic replacement,
 * read-only files, copies) and the tests that prove it are in docs/reliability.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "fp-dataset.h"
#include "fp-error.h"
#include "fp-examples.h"
#include "fp-store-private.h"
#include "fp-validate.h"

struct _FpStore
{
  GObject   parent_instance;

  char     *path;
  char     *name;            /* the document messages name: @path, or the document a
                              * temporary file is being built for */
  sqlite3  *db;
  int       schema_version;
  gboolean  read_only;
  guint     depth;           /* open transactions: BEGIN IMMEDIATE, then savepoints */
  char     *busy;            /* why writes wait their turn (an import being written on
                              * another connection of this program), or NULL */
};

/* How long a program waits for another to finish writing before it says so. */
#define BUSY_TIMEOUT_MS 5000

/* SQLite's unix VFS marks every connection to a WAL document with a shared lock on this
 * byte of the -shm file (its "dead-man switch", UNIX_SHM_DMS in os_unix.c, documented in
 * walformat.html). Holding it exclusively keeps every other connection out, which is how
 * SQLite itself knows it is alone; replacing a document does the same. */
#define SHM_DMS_BYTE 128

G_DEFINE_FINAL_TYPE (FpStore, fp_store, G_TYPE_OBJECT)

#define SITE_TYPE_CHECK                                                              \
  "('acute_hospital','community_hospital','mental_health_unit','health_centre',"    \
  "'gp_practice','gp_branch','urgent_care_centre','walk_in_centre','hub','office',"  \
  "'independent_hospital','other')"
#define TENURE_CHECK \
  "('freehold','leasehold','lift','nhsps','pfi','local_authority','unknown')"
#define NUM(col) col " REAL CHECK (" col " IS NULL OR " col " >= 0),\n"
#define YEAR(col) col " INTEGER CHECK (" col " IS NULL OR " col " BETWEEN 1800 AND 2200),\n"

/* Migration 1: the baseline estate. Migrations are append-only: never edit a step that
 * has shipped; add the next one. */
static const char migration_1[] =
  "CREATE TABLE meta (\n"
  "  key TEXT PRIMARY KEY NOT NULL,\n"
  "  value TEXT NOT NULL\n"
  ") STRICT;\n"
  "CREATE TABLE sources (\n"
  "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) > 0),\n"
  "  title TEXT NOT NULL,\n"
  "  publisher TEXT,\n"
  "  year INTEGER,\n"
  "  licence TEXT,\n"
  "  attribution TEXT,\n"
  "  file TEXT\n"
  ") STRICT;\n"
  "CREATE TABLE methods (\n"
  "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) > 0),\n"
  "  description TEXT NOT NULL\n"
  ") STRICT;\n"
  "CREATE TABLE organisations (\n"
  "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) > 0),\n"
  "  name TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('nhs_trust','gp_practice','pcn','icb','independent',"
  "'lift_company','nhsps','local_authority','other')),\n"
  "  parent_id TEXT\n"
  ") STRICT;\n"
  "CREATE TABLE sites (\n"
  "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) > 0),\n"
  "  name TEXT NOT NULL CHECK (length (name) > 0),\n"
  "  site_type TEXT NOT NULL CHECK (site_type IN " SITE_TYPE_CHECK "),\n"
  "  tenure TEXT NOT NULL CHECK (tenure IN " TENURE_CHECK "),\n"
  "  sector TEXT NOT NULL DEFAULT 'nhs' CHECK (sector IN ('nhs','independent')),\n"
  "  status TEXT NOT NULL DEFAULT 'current' CHECK (status IN ('current','possibly_closed')),\n"
  "  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),\n"
  "  lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),\n"
  "  postcode TEXT,\n"
  "  address TEXT,\n"
  "  la_code TEXT,\n"
  "  ward_code TEXT,\n"
  "  locality TEXT,\n"
  "  pcn TEXT,\n"
  "  organisation_id TEXT REFERENCES organisations (id),\n"
  "  condition TEXT CHECK (condition IS NULL OR condition IN ('A','B','C','D')),\n"
  NUM ("gia_m2")
  NUM ("rooms_consult")
  NUM ("rooms_treatment")
  NUM ("rooms_group")
  NUM ("rooms_imaging")
  NUM ("beds")
  NUM ("desks")
  NUM ("void_rooms")
  NUM ("other_void_m2")
  "  hours_open_per_week REAL CHECK (hours_open_per_week IS NULL OR "
  "hours_open_per_week BETWEEN 0 AND 168),\n"
  NUM ("cost_rent")
  NUM ("cost_service_charge")
  NUM ("cost_rates")
  NUM ("cost_utilities")
  NUM ("cost_hard_fm")
  NUM ("cost_soft_fm")
  NUM ("cost_other")
  NUM ("backlog_high")
  NUM ("backlog_significant")
  NUM ("backlog_moderate")
  NUM ("backlog_low")
  NUM ("list_size")
  YEAR ("opened_year")
  YEAR ("lease_end_year")
  "  CHECK ((lat IS NULL) = (lon IS NULL))\n"
  ") STRICT;\n"
  "CREATE TABLE property_interests (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
  "  tenure TEXT NOT NULL CHECK (tenure IN " TENURE_CHECK "),\n"
  "  landlord TEXT,\n"
  "  occupier TEXT,\n"
  YEAR ("start_year")
  YEAR ("break_year")
  YEAR ("end_year")
  "  note TEXT,\n"
  "  CHECK (start_year IS NULL OR end_year IS NULL OR end_year >= start_year)\n"
  ") STRICT;\n"
  "CREATE INDEX property_interests_site ON property_interests (site_id);\n"
  "CREATE TABLE site_sources (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
  "  source_id TEXT NOT NULL REFERENCES sources (id),\n"
  "  source_row INTEGER CHECK (source_row IS NULL OR source_row >= 0),\n"
  "  code TEXT,\n"
  "  name TEXT,\n"
  "  postcode TEXT,\n"
  "  rule TEXT NOT NULL\n"
  ") STRICT;\n"
  "CREATE INDEX site_sources_site ON site_sources (site_id);\n"
  "CREATE TABLE services (\n"
  "  id TEXT PRIMARY KEY NOT NULL CHECK (length (id) > 0),\n"
  "  name TEXT NOT NULL,\n"
  "  setting TEXT NOT NULL CHECK (setting IN ('primary_care','community','mental_health',"
  "'acute','urgent_care','office')),\n"
  "  room_type TEXT NOT NULL CHECK (room_type IN ('consult','treatment','group','imaging',"
  "'bed','desk')),\n"
  "  unit TEXT NOT NULL,\n"
  "  minutes_per_unit REAL NOT NULL CHECK (minutes_per_unit >= 0),\n"
  "  growth_rate REAL NOT NULL CHECK (growth_rate > -1)\n"
  ") STRICT;\n"
  "CREATE TABLE activity (\n"
  "  site_id TEXT NOT NULL REFERENCES sites (id) ON DELETE CASCADE,\n"
  "  service_id TEXT NOT NULL REFERENCES services (id) ON DELETE CASCADE,\n"
  "  volume REAL NOT NULL CHECK (volume >= 0),\n"
  "  PRIMARY KEY (site_id, service_id)\n"
  ") STRICT, WITHOUT ROWID;\n"
  "CREATE TABLE zones (\n"
  "  code TEXT PRIMARY KEY NOT NULL CHECK (length (code) > 0),\n"
  "  name TEXT,\n"
  "  la_code TEXT,\n"
  "  ward_code TEXT,\n"
  "  lsoa11 TEXT,\n"
  "  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),\n"
  "  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),\n"
  "  pop_0_15 INTEGER NOT NULL CHECK (pop_0_15 >= 0),\n"
  "  pop_16_24 INTEGER NOT NULL CHECK (pop_16_24 >= 0),\n"
  "  pop_25_34 INTEGER NOT NULL CHECK (pop_25_34 >= 0),\n"
  "  pop_35_49 INTEGER NOT NULL CHECK (pop_35_49 >= 0),\n"
  "  pop_50_64 INTEGER NOT NULL CHECK (pop_50_64 >= 0),\n"
  "  pop_65_plus INTEGER NOT NULL CHECK (pop_65_plus >= 0),\n"
  "  imd_decile INTEGER CHECK (imd_decile IS NULL OR imd_decile BETWEEN 1 AND 10),\n"
  "  imd_rank INTEGER CHECK (imd_rank IS NULL OR imd_rank >= 1)\n"
  ") STRICT;\n"
  "CREATE TABLE assumptions (\n"
  "  key TEXT PRIMARY KEY NOT NULL CHECK (length (key) > 0),\n"
  "  value REAL NOT NULL,\n"
  "  unit TEXT,\n"
  "  description TEXT\n"
  ") STRICT;\n"
  /* Where each stored number came from. entity_id is the row's id ('*' for a field that
   * has one provenance for every row, such as zone populations); activity rows are
   * 'site/service'. */
  "CREATE TABLE provenance (\n"
  "  entity TEXT NOT NULL CHECK (entity IN ('site','interest','service','activity','zone',"
  "'assumption')),\n"
  "  entity_id TEXT NOT NULL,\n"
  "  field TEXT NOT NULL,\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('measured','estimated','assumed')),\n"
  "  source_id TEXT REFERENCES sources (id),\n"
  "  year INTEGER,\n"
  "  method_id TEXT REFERENCES methods (id),\n"
  "  author TEXT,\n"
  "  recorded_at TEXT,\n"
  "  note TEXT,\n"
  "  PRIMARY KEY (entity, entity_id, field),\n"
  "  CHECK (kind <> 'measured' OR source_id IS NOT NULL),\n"
  "  CHECK (kind <> 'estimated' OR method_id IS NOT NULL),\n"
  "  CHECK (kind <> 'assumed' OR author IS NOT NULL)\n"
  ") STRICT, WITHOUT ROWID;\n";

/* Migration 2: scenarios, their ordered changes and the undo position. A change's
 * kind-specific fields are kept as the JSON of the scenario exchange format. */
static const char migration_2[] =
  "CREATE TABLE scenarios (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0 AND "
  "name <> 'Do nothing' COLLATE NOCASE),\n"
  "  description TEXT,\n"
  "  parent_id INTEGER REFERENCES scenarios (id) ON DELETE RESTRICT,\n"
  "  applied INTEGER NOT NULL DEFAULT 0 CHECK (applied >= 0),\n"
  "  created_at TEXT NOT NULL,\n"
  "  modified_at TEXT NOT NULL,\n"
  "  CHECK (parent_id IS NULL OR parent_id <> id)\n"
  ") STRICT;\n"
  "CREATE TABLE changes (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('move_service','shift_setting','exit_site',"
  "'dispose_site','backfill','open_site','change_hours','change_growth')),\n"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),\n"
  "  owner TEXT,\n"
  "  note TEXT,\n"
  "  confidence REAL NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),\n"
  "  params TEXT NOT NULL CHECK (json_valid (params) AND json_type (params) = 'object'),\n"
  "  UNIQUE (scenario_id, position)\n"
  ") STRICT;\n";

/* Migration 3: users' overrides of a site's category, for every scenario (scenario_id
 * NULL) or one. site_id has no foreign key: a site a scenario opens lives in its changes. */
static const char migration_3[] =
  "CREATE TABLE category_overrides (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  site_id TEXT NOT NULL CHECK (length (site_id) > 0),\n"
  "  scenario_id INTEGER REFERENCES scenarios (id) ON DELETE CASCADE,\n"
  "  category TEXT NOT NULL CHECK (category IN ('core','near_core','marginal','redundant')),\n"
  "  reason TEXT NOT NULL CHECK (length (trim (reason)) > 0),\n"
  "  author TEXT NOT NULL,\n"
  "  recorded_at TEXT NOT NULL\n"
  ") STRICT;\n"
  "CREATE UNIQUE INDEX category_overrides_key ON category_overrides "
  "(site_id, coalesce (scenario_id, 0));\n";

/* Migration 4: the appraisal's critical success factors (the Green Book's five, weighted
 * equally), each option's scores, and one-off costs entered for an option. Options are
 * named, not linked: Do nothing is not a stored scenario. The rows are read and written by
 * fp-store-appraisal.c. */
static const char migration_4[] =
  "CREATE TABLE appraisal_criteria (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  key TEXT NOT NULL UNIQUE CHECK (length (key) > 0),\n"
  "  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length (trim (name)) > 0),\n"
  "  weight REAL NOT NULL CHECK (weight BETWEEN 0 AND 100),\n"
  "  position INTEGER NOT NULL CHECK (position >= 0)\n"
  ") STRICT;\n"
  "CREATE TABLE appraisal_scores (\n"
  "  option TEXT NOT NULL COLLATE NOCASE CHECK (length (trim (option)) > 0),\n"
  "  criterion_id INTEGER NOT NULL REFERENCES appraisal_criteria (id) ON DELETE CASCADE,\n"
  "  score REAL NOT NULL CHECK (score BETWEEN 0 AND 10),\n"
  "  author TEXT,\n"
  "  recorded_at TEXT,\n"
  "  PRIMARY KEY (option, criterion_id)\n"
  ") STRICT;\n"
  "CREATE TABLE appraisal_costs (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  option TEXT NOT NULL COLLATE NOCASE CHECK (length (trim (option)) > 0),\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('capital','transition')),\n"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),\n"
  "  amount REAL NOT NULL CHECK (amount >= 0),\n"
  "  note TEXT,\n"
  "  author TEXT,\n"
  "  recorded_at TEXT\n"
  ") STRICT;\n"
  "INSERT INTO appraisal_criteria (key, name, weight, position) VALUES\n"
  "  ('strategic_fit', 'Strategic fit', 20, 0),\n"
  "  ('value_for_money', 'Value for money', 20, 1),\n"
  "  ('supplier_capacity', 'Supplier capacity', 20, 2),\n"
  "  ('affordability', 'Affordability', 20, 3),\n"
  "  ('achievability', 'Achievability', 20, 4);\n";

/* Migration 5 (imports and their undo data) lives with the import's SQL. */
extern const char fp_store_import_migration[];

/* Migration 6: two more kinds of change, a cut in the length of stay and a new target bed
 * occupancy. SQLite cannot alter a CHECK, so the changes table is rebuilt with the longer
 * list (no other table refers to it). */
static const char migration_6[] =
  "CREATE TABLE changes_6 (\n"
  "  id INTEGER PRIMARY KEY,\n"
  "  scenario_id INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,\n"
  "  position INTEGER NOT NULL CHECK (position >= 0),\n"
  "  kind TEXT NOT NULL CHECK (kind IN ('move_service','shift_setting','exit_site',"
  "'dispose_site','backfill','open_site','change_hours','change_growth',"
  "'reduce_length_of_stay','change_occupancy')),\n"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2200),\n"
  "  owner TEXT,\n"
  "  note TEXT,\n"
  "  confidence REAL NOT NULL DEFAULT 1 CHECK (confidence BETWEEN 0 AND 1),\n"
  "  params TEXT NOT NULL CHECK (json_valid (params) AND json_type (params) = 'object'),\n"
  "  UNIQUE (scenario_id, position)\n"
  ") STRICT;\n"
  "INSERT INTO changes_6 (id, scenario_id, position, kind, year, owner, note, confidence, "
  "params) SELECT id, scenario_id, position, kind, year, owner, note, confidence, params "
  "FROM changes;\n"
  "DROP TABLE changes;\n"
  "ALTER TABLE changes_6 RENAME TO changes;\n";

/* Migration 7 (stories of saved views) lives with the stories' SQL. */
extern const char fp_store_story_migration[];

static const char * const migrations[] = {
  NULL,          /* version 0: an empty file */
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  fp_store_import_migration,
  migration_6,
  fp_store_story_migration,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == FP_STORE_SCHEMA_VERSION + 1);

static void
fp_store_finalize (GObject *object)
{
  FpStore *self = FP_STORE (object);

  if (self->db != NULL)
    {
      /* Fold this program's work from the log into the document file, so that it is in
       * the file itself even while another program keeps the document open (SQLite does
       * this on its own only for the last connection). PASSIVE: never wait for anyone.
       * Not for a file that was refused (a newer one must stay as it is). */
      if (!self->read_only && self->schema_version == FP_STORE_SCHEMA_VERSION)
        sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->busy, g_free);

  G_OBJECT_CLASS (fp_store_parent_class)->finalize (object);
}

static void
fp_store_class_init (FpStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fp_store_finalize;
}

static void
fp_store_init (FpStore *self)
{
}

/* The message for a damaged document: what it is and what to do. */
static void
set_damaged_error (GError    **error,
                   const char *name,
                   const char *what)
{
  g_set_error (error, FP_ERROR, FP_ERROR_DAMAGED,
               /* Translators: the second %s says what is wrong, e.g. "it is cut short" */
               _("“%s” is a damaged Footprint document (%s). Nothing was changed in it. Open "
                 "your last copy of it instead (footprint-cli copy makes copies that are safe "
                 "to keep), or rescue what can still be read into a new document with "
                 "“footprint-cli recover”."), name, what);
}

/* Puts SQLite's result code @rc, met while doing @doing, into words a user can act on.
 * No raw SQL text (a constraint's expression, "database is locked") reaches a user. */
static gboolean
set_error_for (FpStore    *self,
               GError    **error,
               const char *doing,
               int         rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, FP_ERROR, FP_ERROR_BUSY,
                   /* Translators: "Could not save a change in “/path”: another program ..." */
                   _("Could not %s in “%s”: another program is writing to it. Try again when "
                     "it has finished."), doing, self->name);
      break;

    case SQLITE_READONLY:
      g_set_error (error, FP_ERROR, FP_ERROR_READ_ONLY,
                   _("Could not %s in “%s”: the document is read-only. Save a copy where you "
                     "may write, and work on that."), doing, self->name);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      set_damaged_error (error, self->name, _("SQLite found pages it cannot read"));
      break;

    case SQLITE_FULL:
      g_set_error (error, FP_ERROR, FP_ERROR_IO,
                   _("Could not %s in “%s”: the disk is full"), doing, self->name);
      break;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      g_set_error (error, FP_ERROR, FP_ERROR_IO,
                   /* Translators: the last %s is SQLite's short description, such as
                    * "disk I/O error" */
                   _("Could not %s in “%s”: the file could not be read or written (%s)"),
                   doing, self->name, sqlite3_errstr (rc));
      break;

    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error (error, FP_ERROR, FP_ERROR_STORE,
                     _("Could not %s in “%s”: it refers to something the document does not "
                       "hold"), doing, self->name);
      else if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        g_set_error (error, FP_ERROR, FP_ERROR_STORE,
                     _("Could not %s in “%s”: it repeats a name or id that must be unique"),
                     doing, self->name);
      else
        g_set_error (error, FP_ERROR, FP_ERROR_STORE,
                     _("Could not %s in “%s”: a value is missing or outside what the "
                       "document allows"), doing, self->name);
      break;

    default:
      g_set_error (error, FP_ERROR, FP_ERROR_STORE,
                   /* Translators: "Could not save the estate in “/path”: out of memory" */
                   _("Could not %s in “%s”: %s"), doing, self->name, sqlite3_errstr (rc));
      break;
    }

  return FALSE;
}

gboolean
fp_store_set_error (FpStore    *self,
                    GError    **error,
                    const char *doing)
{
  return set_error_for (self, error, doing, sqlite3_extended_errcode (self->db));
}

sqlite3 *
fp_store_get_db (FpStore *self)
{
  g_return_val_if_fail (FP_IS_STORE (self), NULL);
  return self->db;
}

const char *
fp_store_get_path (FpStore *self)
{
  g_return_val_if_fail (FP_IS_STORE (self), NULL);
  return self->path;
}

int
fp_store_get_schema_version (FpStore *self)
{
  g_return_val_if_fail (FP_IS_STORE (self), -1);
  return self->schema_version;
}

static gboolean
exec (FpStore    *self,
      const char *sql,
      const char *doing,
      GError    **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return fp_store_set_error (self, error, doing);

  return TRUE;
}

sqlite3_stmt *
fp_store_prepare (FpStore    *self,
                  const char *sql,
                  GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      fp_store_set_error (self, error, _("prepare a query"));
      return NULL;
    }

  return stmt;
}

/**
 * fp_store_begin:
 * @self: a store
 * @error: return location for an error
 *
 * Starts a write transaction: `BEGIN IMMEDIATE`, which takes the document's write lock at
 * once (waiting up to a few seconds for another program to finish), so that whatever is
 * read inside it is still true when it commits. Inside a transaction already open, a
 * savepoint instead, so that a store function can be one step of a larger edit.
 *
 * Returns: %TRUE if the transaction is open; on a read-only document, %FALSE with
 *   FP_ERROR_READ_ONLY
 */
gboolean
fp_store_begin (FpStore *self,
                GError **error)
{
  if (self->read_only)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_READ_ONLY,
                   _("“%s” is read-only, so nothing can be saved in it. Save a copy where you "
                     "may write, and work on that."), self->name);
      return FALSE;
    }

  /* This program is writing on another connection: rather than wait for it (and hold the
   * window), say so at once. */
  if (self->busy != NULL && self->depth == 0)
    {
      g_set_error_literal (error, FP_ERROR, FP_ERROR_BUSY, self->busy);
      return FALSE;
    }

  if (!exec (self, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT fp_edit",
             _("start saving"), error))
    return FALSE;

  self->depth++;
  return TRUE;
}

/**
 * fp_store_set_busy:
 * @self: a store
 * @reason: (nullable): why writes must wait, as a whole sentence for the user; %NULL when
 *   they no longer need to
 *
 * While this program writes to the document on another connection (an import's worker),
 * every write through @self is refused at once with FP_ERROR_BUSY and @reason, instead of
 * waiting for the other connection's transaction and then writing behind what it did.
 */
void
fp_store_set_busy (FpStore    *self,
                   const char *reason)
{
  g_return_if_fail (FP_IS_STORE (self));

  g_free (self->busy);
  self->busy = g_strdup (reason);
}

gboolean
fp_store_commit (FpStore *self,
                 GError **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (!exec (self, self->depth == 1 ? "COMMIT" : "RELEASE fp_edit", _("save"), error))
    {
      fp_store_rollback (self);
      return FALSE;
    }

  self->depth--;
  return TRUE;
}

void
fp_store_rollback (FpStore *self)
{
  if (self->depth > 1)
    {
      sqlite3_exec (self->db, "ROLLBACK TO fp_edit; RELEASE fp_edit", NULL, NULL, NULL);
      self->depth--;
      return;
    }

  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->depth = 0;
}

/**
 * fp_store_in_transaction:
 * @self: a store
 *
 * Returns: whether a write transaction begun with fp_store_begin() is open
 */
gboolean
fp_store_in_transaction (FpStore *self)
{
  g_return_val_if_fail (FP_IS_STORE (self), FALSE);
  return self->depth > 0;
}

/**
 * fp_store_is_read_only:
 * @self: a store
 *
 * Returns: whether the document was opened read-only (its file or folder cannot be
 *   written); every write is then refused with FP_ERROR_READ_ONLY
 */
gboolean
fp_store_is_read_only (FpStore *self)
{
  g_return_val_if_fail (FP_IS_STORE (self), TRUE);
  return self->read_only;
}

/* Brings the schema from its current version up to @target in one transaction. */
static gboolean
migrate (FpStore *self,
         int      target,
         GError **error)
{
  g_autofree char *set_version = NULL;

  if (self->schema_version >= target)
    return TRUE;

  if (!fp_store_begin (self, error))
    return FALSE;

  for (int v = self->schema_version + 1; v <= target; v++)
    {
      if (!exec (self, migrations[v], _("update the document’s schema"), error))
        {
          fp_store_rollback (self);
          return FALSE;
        }
    }

  /* PRAGMA takes no bound parameters; target is an integer from this file. */
  set_version = g_strdup_printf ("PRAGMA user_version = %d", target);
  if (!exec (self, set_version, _("update the document’s schema"), error) ||
      !fp_store_commit (self, error))
    {
      fp_store_rollback (self);
      return FALSE;
    }

  self->schema_version = target;
  return TRUE;
}

static gboolean
configure_connection (FpStore *self,
                      GError **error)
{
  /* FULL: a save reported is on the disk, even if the power fails just after (NORMAL
   * would keep it only across a crash of the program). Edits are few, at a person's
   * pace, so the extra sync costs nothing a user sees. */
  return exec (self, "PRAGMA foreign_keys = ON", _("turn on foreign keys"), error) &&
         exec (self, "PRAGMA journal_mode = WAL", _("turn on write-ahead logging"), error) &&
         exec (self, "PRAGMA synchronous = FULL", _("set the sync mode"), error);
}

static FpStore *
store_new (const char *path,
           const char *name)
{
  FpStore *self = g_object_new (FP_TYPE_STORE, NULL);

  self->path = g_strdup (path);
  self->name = g_strdup (name != NULL ? name : path);
  return self;
}

/* Opens the connection and sets what must hold before its first read: the wait for
 * another program's lock (set later, the first read fails at once with "database is
 * locked" while another program writes) and extended result codes.
 *
 * Without SQLite's mutex on the connection (SQLITE_OPEN_NOMUTEX): a store is used by one
 * thread at a time (its transaction depth is not guarded either; a document opened in a
 * worker thread is handed over whole, fp_workspace_open_async()), and taking the mutex for
 * every value read or bound was a sixth of the time of loading an estate. */
static int
open_connection (FpStore    *self,
                 const char *filename,
                 int         flags)
{
  int rc = sqlite3_open_v2 (filename, &self->db,
                            flags | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX, NULL);

  if (self->db != NULL)
    {
      sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
      sqlite3_extended_result_codes (self->db, 1);
    }

  return rc;
}

static void
close_connection (FpStore *self)
{
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

/* The -wal or -shm beside a document. */
static char *
side_file (const char *path,
           const char *suffix)
{
  return g_strconcat (path, suffix, NULL);
}

/* Keeps every other SQLite connection away from @path while the returned descriptor is
 * open, or returns -1 with FP_ERROR_BUSY when another program has the document open (and
 * FP_ERROR_IO when the -shm cannot be made: a folder that cannot be written). Close the
 * descriptor with close_lock() before this process opens @path itself. */
static int
lock_out_others (const char *path,
                 const char *name,
                 GError    **error)
{
  g_autofree char *shm = side_file (path, "-shm");
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = SHM_DMS_BYTE,
                        .l_len = 1 };
  GStatBuf st;
  /* As SQLite makes it: with the document's permissions, so whoever may open the
   * document may use it. */
  int mode = g_stat (path, &st) == 0 ? (int) (st.st_mode & 0777) : 0644;
  int fd = g_open (shm, O_RDWR | O_CREAT | O_CLOEXEC, mode);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not write “%s”: %s"), name,
                   g_strerror (saved_errno));
      return -1;
    }

  if (fcntl (fd, F_SETLK, &lock) != 0)
    {
      close (fd);
      g_set_error (error, FP_ERROR, FP_ERROR_BUSY,
                   _("“%s” is open in another program (perhaps Footprint’s window). Close it "
                     "there, then try again; nothing was changed."), name);
      return -1;
    }

  return fd;
}

static void
close_lock (int fd)
{
  if (fd >= 0)
    close (fd);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (goffset) st.st_size : -1;
}

/* How a new document is made: as one that programs will use at once, or built in bulk
 * under a temporary name (see build_pragmas()). */
typedef enum
{
  CREATE_FOR_USE,
  CREATE_FOR_BUILDING,
} CreateMode;

/* A document built under a temporary name is nobody's until it is renamed into place,
 * whole (swap_into_place()). Until then nothing in it needs to survive a crash: a killed
 * build leaves only PATH.tmp-PID, which the next run removes (remove_leftovers()), never a
 * document a user sees. So the build does not sync (synchronous = OFF): the complete file
 * is synced once, by sync_path(), before the rename, and the folder after it. Nor does it
 * keep a journal on the disk: the rollback journal lives in memory, where it costs next to
 * nothing, because SQLite journals only the pages a transaction found in the file, and a
 * new document's pages are nearly all new. It is kept at all (rather than turned off, which
 * was no faster, measured on an England-size build) so that a statement or a transaction
 * that fails is still undone: write_rows() relies on that to name the row at fault, and
 * the build fails cleanly. finish_building() puts the document in write-ahead-log mode, as
 * every document is, before it is closed. docs/reliability.md, "Creating a document". */
static gboolean
build_pragmas (FpStore *self,
               GError **error)
{
  return exec (self, "PRAGMA journal_mode = MEMORY", _("prepare the new document"), error) &&
         exec (self, "PRAGMA synchronous = OFF", _("prepare the new document"), error);
}

static gboolean
finish_building (FpStore *self,
                 GError **error)
{
  return exec (self, "PRAGMA journal_mode = WAL", _("turn on write-ahead logging"), error);
}

static FpStore *
create_named (const char *path,
              const char *name,
              int         version,
              CreateMode  mode,
              GError    **error)
{
  g_autoptr(FpStore) self = NULL;
  g_autofree char *set_app_id = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= FP_STORE_SCHEMA_VERSION, NULL);

  self = store_new (path, name);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                   _("“%s” already exists; choose another name or replace it"), self->name);
      return NULL;
    }

  /* A -wal left beside a path where no document is now is no danger here: SQLite ignores
   * (and deletes) the log of an empty file. Not so for a complete file renamed into that
   * place: see swap_into_place(). */
  rc = open_connection (self, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (rc != SQLITE_OK)
    {
      set_error_for (self, error, _("create the document"), rc);
      g_clear_object (&self);
      g_unlink (path);
      return NULL;
    }

  /* The application id goes into the file header before write-ahead logging is on, so
   * a later open can recognise the file from its first 100 bytes. */
  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", FP_STORE_APPLICATION_ID);
  if (!exec (self, set_app_id, _("mark the file as a Footprint document"), error) ||
      !exec (self, "PRAGMA foreign_keys = ON", _("turn on foreign keys"), error) ||
      (mode == CREATE_FOR_BUILDING && !build_pragmas (self, error)) ||
      !migrate (self, version, error) ||
      (mode == CREATE_FOR_USE && !configure_connection (self, error)))
    {
      g_clear_object (&self);
      g_unlink (path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

FpStore *
fp_store_create_at_version (const char *path,
                            int         version,
                            GError    **error)
{
  return create_named (path, NULL, version, CREATE_FOR_USE, error);
}

/**
 * fp_store_create:
 * @path: where to create the document; must not exist
 * @error: return location for an error
 *
 * Creates an empty document with the current schema.
 *
 * Returns: (transfer full) (nullable): the store
 */
FpStore *
fp_store_create (const char *path,
                 GError    **error)
{
  return create_named (path, NULL, FP_STORE_SCHEMA_VERSION, CREATE_FOR_USE, error);
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/**
 * fp_store_read_head:
 * @path: a file
 * @buffer: (out caller-allocates) (array length=size): where its first bytes go
 * @size: how many bytes to read at most
 * @n_read: (out): how many were read (fewer when the file is shorter)
 * @error: return location for an error (FP_ERROR_NOT_FOUND, FP_ERROR_IO)
 *
 * Reads the start of a file through SQLite's own file layer, never with a descriptor of
 * its own. A process's POSIX locks on a file all go when it closes any descriptor of that
 * file: a plain open and close of a document this process already has open (the window
 * checking a file, a second store) dropped the open connection's lock, the next program
 * to close the document believed itself the last and deleted the log, and every later save
 * went into the deleted log. SQLite's unix layer knows the file is open here and keeps the
 * descriptor until those locks go.
 *
 * Returns: %TRUE if the file could be read
 */
gboolean
fp_store_read_head (const char *path,
                    guint8     *buffer,
                    gsize       size,
                    gsize      *n_read,
                    GError    **error)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree char *name = NULL;
  g_autofree sqlite3_file *file = NULL;
  sqlite3_int64 length = 0;
  GStatBuf st;
  int out_flags = 0, rc;

  *n_read = 0;

  /* The file layer gives no errno: ask the file system first, for a message that says. */
  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FP_ERROR,
                   saved_errno == ENOENT ? FP_ERROR_NOT_FOUND : FP_ERROR_IO,
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  /* The name is kept while the file is open and, for a main database, followed by an
   * empty list of URI parameters (two more NULs). */
  name = g_malloc0 (vfs->mxPathname + 3);
  file = g_malloc0 (vfs->szOsFile);
  rc = vfs->xFullPathname (vfs, path, vfs->mxPathname + 1, name);
  if (rc == SQLITE_OK)
    rc = vfs->xOpen (vfs, name, file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &out_flags);
  if (rc != SQLITE_OK)
    {
      if (file->pMethods != NULL)
        file->pMethods->xClose (file);
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not open “%s”: %s"), path,
                   g_access (path, R_OK) != 0 ? g_strerror (errno) : sqlite3_errstr (rc));
      return FALSE;
    }

  rc = file->pMethods->xFileSize (file, &length);
  if (rc == SQLITE_OK && length > 0)
    {
      gsize want = MIN (size, (gsize) length);

      rc = file->pMethods->xRead (file, buffer, (int) want, 0);
      if (rc == SQLITE_OK)
        *n_read = want;
    }
  file->pMethods->xClose (file);

  if (rc != SQLITE_OK)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not read “%s”: %s"), path,
                   sqlite3_errstr (rc));
      return FALSE;
    }

  return TRUE;
}

/* Checks the file's header before SQLite opens it as a database, so nothing can write to a
 * file that is not ours. A file that starts as an SQLite database but stops inside its
 * header is one cut short: damaged, not foreign. */
static gboolean
check_header (const char *path,
              GError    **error)
{
  static const char magic[16] = "SQLite format 3";
  guint8 header[100];
  gsize n;

  if (!fp_store_read_head (path, header, sizeof header, &n, error))
    return FALSE;

  if (n < sizeof magic || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_A_DOCUMENT,
                   _("“%s” is not a Footprint document: it is not an SQLite database"), path);
      return FALSE;
    }

  if (n < sizeof header)
    {
      set_damaged_error (error, path, _("it is cut short inside its header"));
      return FALSE;
    }

  if (read_be32 (header + 68) != FP_STORE_APPLICATION_ID)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_A_DOCUMENT,
                   _("“%s” is not a Footprint document: it is an SQLite database of "
                     "another program"), path);
      return FALSE;
    }

  return TRUE;
}

/* Whether this process may write the document: the file, and its folder (where SQLite
 * keeps the -wal and -shm files beside it). */
static gboolean
can_write (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

/* Reads the schema version, the first read of the document. */
static int
read_schema_version (FpStore *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    return rc;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return rc;

  self->schema_version = sqlite3_column_int (stmt, 0);
  return SQLITE_OK;
}

/* Opens a document that cannot be written. In a writable folder SQLite reads it through
 * its -wal and -shm as usual. In a read-only folder it cannot make the -shm; when there is
 * no log to read (the last program to close the document folded it in), the file alone
 * is the whole document and SQLite may read it as immutable. */
static int
open_read_only (FpStore *self)
{
  g_autofree char *wal = side_file (self->path, "-wal");
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  int rc;

  rc = open_connection (self, self->path, SQLITE_OPEN_READONLY);
  if (rc == SQLITE_OK)
    rc = read_schema_version (self);
  if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB ||
      (rc & 0xff) == SQLITE_BUSY || file_size (wal) > 0)
    return rc;

  close_connection (self);
  escaped = g_uri_escape_string (self->path, "/", TRUE);
  uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
  rc = open_connection (self, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  if (rc == SQLITE_OK)
    rc = read_schema_version (self);
  return rc;
}

/**
 * fp_store_open:
 * @path: an existing document
 * @error: return location for an error
 *
 * Opens a document and brings its schema up to date. A file that is not a Footprint
 * document, or one written by a newer Footprint, is refused and left as it was; a
 * damaged one is refused with FP_ERROR_DAMAGED and what to do. A document this process
 * may not write (a read-only file, or a read-only folder) is opened read-only: it can be
 * read and copied, and every write says so (FP_ERROR_READ_ONLY).
 *
 * Returns: (transfer full) (nullable): the store
 */
FpStore *
fp_store_open (const char *path,
               GError    **error)
{
  g_autoptr(FpStore) self = NULL;
  g_autofree char *wal = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!check_header (path, error))
    return NULL;

  wal = side_file (path, "-wal");
  self = store_new (path, NULL);
  if (can_write (path))
    {
      rc = open_connection (self, path, SQLITE_OPEN_READWRITE);
      /* A read-only file system, or a file SQLite found it could only read. */
      if (rc == SQLITE_OK && sqlite3_db_readonly (self->db, "main") == 1)
        {
          close_connection (self);
          rc = open_read_only (self);
          self->read_only = TRUE;
        }
      else if (rc == SQLITE_OK)
        {
          /* Read the version before anything can write: a newer file must stay
           * untouched. */
          rc = read_schema_version (self);
        }
    }
  else
    {
      rc = open_read_only (self);
      self->read_only = TRUE;
    }

  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
        g_set_error (error, FP_ERROR, FP_ERROR_BUSY,
                     _("Could not open “%s”: another program is writing to it and did not "
                       "finish in time. Try again when it has finished."), path);
      else if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        set_damaged_error (error, path, _("SQLite found pages it cannot read"));
      else if (self->read_only && file_size (wal) > 0)
        g_set_error (error, FP_ERROR, FP_ERROR_READ_ONLY,
                     _("Could not open “%s”: it is read-only, and its latest work is in "
                       "“%s-wal”, which cannot be read in a folder that cannot be written. "
                       "Copy both files to a folder you may write to, and open the copy."),
                     path, path);
      else
        set_error_for (self, error, _("open the document"), rc);
      return NULL;
    }

  if (self->schema_version > FP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NEWER_SCHEMA,
                   _("“%s” was saved by a newer version of Footprint (document version %d; "
                     "this version reads up to %d). Update Footprint to open it."),
                   path, self->schema_version, FP_STORE_SCHEMA_VERSION);
      return NULL;
    }

  if (self->read_only)
    {
      if (self->schema_version < FP_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_READ_ONLY,
                       _("“%s” was saved by an older version of Footprint and must be updated "
                         "before it can be read, but it is read-only. Make it writable, or "
                         "copy it to a folder you may write to, and open it again."), path);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  if (!configure_connection (self, error) ||
      !migrate (self, FP_STORE_SCHEMA_VERSION, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * fp_store_checkpoint:
 * @self: a store
 * @error: return location for an error
 *
 * Folds everything saved so far from the write-ahead log into the document file, as far
 * as other programs reading the document allow, without waiting for them. Done when the
 * store is closed; call it to make the file itself current while the document stays open.
 *
 * Returns: %TRUE on success (a checkpoint that others held up part-way is a success)
 */
gboolean
fp_store_checkpoint (FpStore *self,
                     GError **error)
{
  int rc;

  g_return_val_if_fail (FP_IS_STORE (self), FALSE);

  if (self->read_only)
    return TRUE;

  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  if (rc != SQLITE_OK && (rc & 0xff) != SQLITE_BUSY)
    return set_error_for (self, error, _("write the log into the document"), rc);

  return TRUE;
}

/* ---- Writing the estate ---------------------------------------------------------- */

/* Binds text, or NULL for a missing value. */
void
fp_store_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

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
step_done (FpStore      *self,
           sqlite3_stmt *stmt,
           const char   *doing,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  /* Take the error's code before the reset that follows. */
  if (rc != SQLITE_DONE)
    set_error_for (self, error, doing, sqlite3_extended_errcode (self->db));

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
write_meta (FpStore        *self,
            const FpEstate *estate,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) drop = NULL;
  g_autofree char *base_year = g_strdup_printf ("%d", estate->base_year);
  g_autofree char *plan = g_strdup_printf ("%d", estate->plan_buildings);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *saved_at = g_date_time_format_iso8601 (now);
  const char *pairs[][2] = {
    { "dataset_name", estate->name },
    { "base_year", base_year },
    { "plan_buildings", plan },
    { "gap_note", estate->gap_note },
    { "price_base", estate->price_base },
    { "price_index", estate->price_index },
    { "saved_at", saved_at },
    { "saved_by", "Footprint " PACKAGE_VERSION },
  };

  stmt = fp_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  drop = fp_store_prepare (self, "DELETE FROM meta WHERE key = ?", error);
  if (drop == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      if (pairs[i][1] == NULL)
        {
          /* A detail the new estate lacks must not survive from the one it replaces. */
          fp_store_bind_text (drop, 1, pairs[i][0]);
          if (!step_done (self, drop, _("save the document’s details"), error))
            return FALSE;
          continue;
        }
      fp_store_bind_text (stmt, 1, pairs[i][0]);
      fp_store_bind_text (stmt, 2, pairs[i][1]);
      if (!step_done (self, stmt, _("save the document’s details"), error))
        return FALSE;
    }

  return TRUE;
}

/* ---- Writing the estate in bulk ---------------------------------------------------- */

/* Rows go in many to a statement: INSERT ... VALUES (...), (...), ... Each run of a
 * statement has a cost of its own, and a schema CHECK of the form `x IN ('a', 'b', 'c')`
 * (site types, tenures, kinds of provenance) has SQLite make a small index of its list for
 * every row it checks: one row a run, a new index (a b-tree and a pager of its own) was
 * opened and closed for each, which was most of the time of saving an estate; many rows a
 * run, the one index is emptied and refilled. Parameters a statement: at most 999, the
 * least SQLite has ever allowed. */
#define MAX_PARAMETERS 999

/* Binds the row @row (of the array being written) to the statement's parameters
 * @base + 1 and on. Text is bound without a copy: the estate outlives the statement. */
typedef void (*BindRow) (sqlite3_stmt *stmt,
                         int           base,
                         gconstpointer row,
                         gpointer      data);

/* Names the row in a message, e.g. “Site “BR1”: ” (or NULL for none). */
typedef char *(*DescribeRow) (gconstpointer row,
                              gpointer      data);

typedef struct
{
  const char  *head;       /* "sites (id, name, ...)" */
  guint        n_columns;
  gsize        row_size;
  BindRow      bind;
  DescribeRow  describe;
  gpointer     data;
  const char  *doing;
} RowWriter;

static void
bind_static_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
insert_sql (const RowWriter *w,
            guint            n_rows)
{
  GString *sql = g_string_new ("INSERT INTO ");

  g_string_append (sql, w->head);
  g_string_append (sql, " VALUES ");
  for (guint r = 0; r < n_rows; r++)
    {
      g_string_append (sql, r == 0 ? "(?" : ", (?");
      for (guint c = 1; c < w->n_columns; c++)
        g_string_append (sql, ", ?");
      g_string_append_c (sql, ')');
    }

  return g_string_free (sql, FALSE);
}

static gboolean
step_rows (FpStore         *self,
           const RowWriter *w,
           sqlite3_stmt    *stmt,
           const char      *rows,
           guint            n_rows,
           GError         **error)
{
  for (guint r = 0; r < n_rows; r++)
    w->bind (stmt, r * w->n_columns, rows + r * w->row_size, w->data);

  return step_done (self, stmt, w->doing, error);
}

/* Writes @n_rows rows of @rows. When a statement fails, its rows are written again one by
 * one (the failed statement has changed nothing) to name the row at fault. */
static gboolean
write_rows (FpStore         *self,
            const RowWriter *w,
            gconstpointer    rows,
            guint            n_rows,
            GError         **error)
{
  guint per_statement = MAX (1, MAX_PARAMETERS / w->n_columns);
  g_autoptr(sqlite3_stmt) full = NULL;
  g_autoptr(sqlite3_stmt) one = NULL;

  for (guint start = 0; start < n_rows; start += per_statement)
    {
      guint n = MIN (per_statement, n_rows - start);
      const char *first = (const char *) rows + start * w->row_size;
      g_autoptr(sqlite3_stmt) rest = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      if (n == per_statement && full != NULL)
        stmt = full;
      else
        {
          sql = insert_sql (w, n);
          stmt = fp_store_prepare (self, sql, error);
          if (stmt == NULL)
            return FALSE;
          if (n == per_statement)
            full = stmt;
          else
            rest = stmt;
        }

      if (step_rows (self, w, stmt, first, n, &local_error))
        continue;

      if (one == NULL && n > 1)
        {
          g_autofree char *one_sql = insert_sql (w, 1);

          one = fp_store_prepare (self, one_sql, NULL);
        }
      for (guint r = 0; one != NULL && n > 1 && r < n; r++)
        {
          g_autoptr(GError) row_error = NULL;
          const char *row = first + r * w->row_size;

          if (!step_rows (self, w, one, row, 1, &row_error))
            {
              g_autofree char *what = w->describe ? w->describe (row, w->data) : NULL;

              if (what != NULL)
                g_prefix_error (&row_error, "%s", what);
              g_propagate_error (error, g_steal_pointer (&row_error));
              return FALSE;
            }
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* ---- The provenance of every value ---- */

typedef struct
{
  const char         *entity;
  const char         *entity_id;
  const char         *field;
  const FpProvenance *prov;
} ProvRow;

static void
add_provenance (GArray             *rows,
                const char         *entity,
                const char         *entity_id,
                const char         *field,
                const FpProvenance *prov)
{
  ProvRow row = { entity, entity_id, field, prov };

  if (prov->kind != FP_PROV_NONE)
    g_array_append_val (rows, row);
}

/* The provenance table's key order (SQLite compares text byte by byte, as strcmp() does):
 * its rows written in this order are appended to its B-tree, never inserted between. */
static int
compare_prov_rows (gconstpointer a,
                   gconstpointer b)
{
  const ProvRow *x = a, *y = b;
  int c = strcmp (x->entity, y->entity);

  if (c == 0)
    c = strcmp (x->entity_id, y->entity_id);
  if (c == 0)
    c = strcmp (x->field, y->field);
  return c;
}

static int
compare_site_ids (gconstpointer a,
                  gconstpointer b,
                  gpointer      data)
{
  const FpEstate *estate = data;

  return strcmp (fp_estate_get_site (estate, *(const guint *) a)->id,
                 fp_estate_get_site (estate, *(const guint *) b)->id);
}

static int
compare_slot_names (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (fp_site_slot_name (*(const guint *) a), fp_site_slot_name (*(const guint *) b));
}

static void
bind_prov_row (sqlite3_stmt *stmt,
               int           base,
               gconstpointer row,
               gpointer      data)
{
  const ProvRow *r = row;
  const FpProvenance *prov = r->prov;

  bind_static_text (stmt, base + 1, r->entity);
  bind_static_text (stmt, base + 2, r->entity_id);
  bind_static_text (stmt, base + 3, r->field);
  bind_static_text (stmt, base + 4, fp_prov_kind_to_string (prov->kind));
  bind_static_text (stmt, base + 5, prov->source_id);
  bind_year (stmt, base + 6, prov->year);
  bind_static_text (stmt, base + 7, prov->method_id);
  bind_static_text (stmt, base + 8, prov->author);
  bind_static_text (stmt, base + 9, prov->recorded_at);
  bind_static_text (stmt, base + 10, prov->note);
}

static char *
describe_prov_row (gconstpointer row,
                   gpointer      data)
{
  const ProvRow *r = row;

  /* Translators: e.g. “The provenance of site BR1, field gia_m2: ” */
  return g_strdup_printf (_("The provenance of %s %s, field %s: "), r->entity, r->entity_id,
                          r->field);
}

static gboolean
write_provenance (FpStore        *self,
                  const FpEstate *estate,
                  GError        **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (ProvRow));
  g_autoptr(GStringChunk) ids = g_string_chunk_new (64 * 1024);
  const RowWriter writer = {
    "provenance (entity, entity_id, field, kind, source_id, year, method_id, author, "
    "recorded_at, note)", 10, sizeof (ProvRow), bind_prov_row, describe_prov_row, NULL,
    _("save the provenance of a value"),
  };

  g_autofree guint *sites = g_new (guint, estate->sites->len);
  guint slots[FP_SITE_N_SLOTS];
  guint group;

  /* In the key's order (entity, id, field; the entities sort as activity, assumption,
   * interest, service, site, zone): the rows before the sites' are sorted; the sites' rows,
   * nearly all of them, are made in order from the sites sorted by id and the fields by
   * name; the zones' follow, sorted. */
  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);
      g_autofree char *id = NULL;

      if (a->prov.kind == FP_PROV_NONE)
        continue;
      id = g_strdup_printf ("%s/%s", fp_estate_get_site (estate, a->site)->id,
                            g_array_index (estate->services, FpService, a->service).id);
      add_provenance (rows, "activity", g_string_chunk_insert (ids, id), "volume", &a->prov);
    }

  for (guint i = 0; i < estate->assumptions->len; i++)
    {
      const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);

      add_provenance (rows, "assumption", a->key, "value", &a->prov);
    }

  for (guint i = 0; i < estate->interests->len; i++)
    {
      const FpInterest *interest = &g_array_index (estate->interests, FpInterest, i);
      char id[24];

      /* The interests' ids, as write_sites() gives them. */
      g_snprintf (id, sizeof id, "%u", i + 1);
      add_provenance (rows, "interest", g_string_chunk_insert (ids, id), "tenure",
                      &interest->prov);
    }

  for (guint i = 0; i < estate->services->len; i++)
    {
      const FpService *s = &g_array_index (estate->services, FpService, i);

      add_provenance (rows, "service", s->id, "minutes_per_unit", &s->prov_minutes);
      add_provenance (rows, "service", s->id, "growth_rate", &s->prov_growth);
    }
  qsort (rows->data, rows->len, sizeof (ProvRow), compare_prov_rows);

  for (guint i = 0; i < estate->sites->len; i++)
    sites[i] = i;
  g_qsort_with_data (sites, estate->sites->len, sizeof *sites, compare_site_ids,
                     (gpointer) estate);
  for (guint slot = 0; slot < FP_SITE_N_SLOTS; slot++)
    slots[slot] = slot;
  qsort (slots, FP_SITE_N_SLOTS, sizeof *slots, compare_slot_names);
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, sites[i]);

      for (guint k = 0; k < FP_SITE_N_SLOTS; k++)
        add_provenance (rows, "site", site->id, fp_site_slot_name (slots[k]),
                        &site->prov[slots[k]]);
    }

  group = rows->len;
  for (guint f = 0; f < FP_ZONE_N_PROV; f++)
    add_provenance (rows, "zone", "*", fp_zone_prov_name (f), &estate->zone_prov[f]);
  qsort (&g_array_index (rows, ProvRow, group), rows->len - group, sizeof (ProvRow),
         compare_prov_rows);

  return write_rows (self, &writer, rows->data, rows->len, error);
}

/* ---- The catalogues ---- */

static void
bind_source (sqlite3_stmt *stmt,
             int           base,
             gconstpointer row,
             gpointer      data)
{
  const FpSource *s = row;

  bind_static_text (stmt, base + 1, s->id);
  bind_static_text (stmt, base + 2, s->title);
  bind_static_text (stmt, base + 3, s->publisher);
  bind_year (stmt, base + 4, s->year);
  bind_static_text (stmt, base + 5, s->licence);
  bind_static_text (stmt, base + 6, s->attribution);
  bind_static_text (stmt, base + 7, s->file);
}

static void
bind_method (sqlite3_stmt *stmt,
             int           base,
             gconstpointer row,
             gpointer      data)
{
  const FpMethod *m = row;

  bind_static_text (stmt, base + 1, m->id);
  bind_static_text (stmt, base + 2, m->description);
}

static void
bind_organisation (sqlite3_stmt *stmt,
                   int           base,
                   gconstpointer row,
                   gpointer      data)
{
  const FpOrganisation *o = row;

  bind_static_text (stmt, base + 1, o->id);
  bind_static_text (stmt, base + 2, o->name);
  bind_static_text (stmt, base + 3, fp_org_kind_to_string (o->kind));
  bind_static_text (stmt, base + 4, o->parent_id);
}

static gboolean
write_catalogues (FpStore        *self,
                  const FpEstate *estate,
                  GError        **error)
{
  const RowWriter sources = {
    "sources (id, title, publisher, year, licence, attribution, file)", 7, sizeof (FpSource),
    bind_source, NULL, NULL, _("save a data source"),
  };
  const RowWriter methods = {
    "methods (id, description)", 2, sizeof (FpMethod), bind_method, NULL, NULL,
    _("save an estimation method"),
  };
  const RowWriter organisations = {
    "organisations (id, name, kind, parent_id)", 4, sizeof (FpOrganisation),
    bind_organisation, NULL, NULL, _("save an organisation"),
  };

  return write_rows (self, &sources, estate->sources->data, estate->sources->len, error) &&
         write_rows (self, &methods, estate->methods->data, estate->methods->len, error) &&
         write_rows (self, &organisations, estate->organisations->data,
                     estate->organisations->len, error);
}

/* ---- Sites, their interests and source rows ---- */

static char *
site_columns (void)
{
  GString *sql = g_string_new ("sites (id, name, site_type, tenure, sector, status, lat, lon, "
                               "condition");

  for (guint i = 0; i < FP_SITE_N_TEXTS; i++)
    g_string_append_printf (sql, ", %s", fp_site_text_column (i));
  for (guint i = 0; i < FP_SITE_N_NUMBERS; i++)
    g_string_append_printf (sql, ", %s", fp_site_field (i)->column);
  g_string_append_c (sql, ')');

  return g_string_free (sql, FALSE);
}

#define N_SITE_COLUMNS (9 + FP_SITE_N_TEXTS + FP_SITE_N_NUMBERS)

/* The one-letter condition of every site, for binding without a copy. */
static const char * const condition_text[] = { "A", "B", "C", "D" };

static void
bind_site (sqlite3_stmt *stmt,
           int           base,
           gconstpointer row,
           gpointer      data)
{
  const FpSite *site = row;
  int col = base + 1;

  bind_static_text (stmt, col++, site->id);
  bind_static_text (stmt, col++, site->name);
  bind_static_text (stmt, col++, fp_site_type_to_string (site->type));
  bind_static_text (stmt, col++, fp_tenure_to_string (site->tenure));
  bind_static_text (stmt, col++, fp_sector_to_string (site->sector));
  bind_static_text (stmt, col++, fp_site_status_to_string (site->status));
  bind_number (stmt, col++, site->placed ? site->lat : NAN, FP_FIELD_REAL);
  bind_number (stmt, col++, site->placed ? site->lon : NAN, FP_FIELD_REAL);
  if (site->condition >= 'A' && site->condition <= 'D')
    bind_static_text (stmt, col++, condition_text[site->condition - 'A']);
  else if (site->condition != 0)
    {
      /* Not A to D: the schema refuses it, with a message naming the site. */
      char condition[2] = { site->condition, 0 };

      sqlite3_bind_text (stmt, col++, condition, -1, SQLITE_TRANSIENT);
    }
  else
    sqlite3_bind_null (stmt, col++);
  for (guint t = 0; t < FP_SITE_N_TEXTS; t++)
    bind_static_text (stmt, col++, site->texts[t]);
  for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
    bind_number (stmt, col++, site->numbers[n], fp_site_field (n)->type);
}

static char *
describe_site (gconstpointer row,
               gpointer      data)
{
  return g_strdup_printf (_("Site “%s”: "), ((const FpSite *) row)->id);
}

static void
bind_interest (sqlite3_stmt *stmt,
               int           base,
               gconstpointer row,
               gpointer      data)
{
  const FpEstate *estate = data;
  const FpInterest *interest = row;
  guint index = interest - (const FpInterest *) estate->interests->data;

  /* Ids from 1 in order, as SQLite gives them in an empty table; the provenance of each
   * interest names it by this id (write_provenance()). */
  sqlite3_bind_int64 (stmt, base + 1, (sqlite3_int64) index + 1);
  bind_static_text (stmt, base + 2, fp_estate_get_site (estate, interest->site)->id);
  bind_static_text (stmt, base + 3, fp_tenure_to_string (interest->tenure));
  bind_static_text (stmt, base + 4, interest->landlord);
  bind_static_text (stmt, base + 5, interest->occupier);
  bind_year (stmt, base + 6, interest->start_year);
  bind_year (stmt, base + 7, interest->break_year);
  bind_year (stmt, base + 8, interest->end_year);
  bind_static_text (stmt, base + 9, interest->note);
}

static void
bind_source_row (sqlite3_stmt *stmt,
                 int           base,
                 gconstpointer row,
                 gpointer      data)
{
  const FpEstate *estate = data;
  const FpSourceRow *r = row;

  bind_static_text (stmt, base + 1, fp_estate_get_site (estate, r->site)->id);
  bind_static_text (stmt, base + 2, r->source_id);
  bind_year (stmt, base + 3, r->row);
  bind_static_text (stmt, base + 4, r->code);
  bind_static_text (stmt, base + 5, r->name);
  bind_static_text (stmt, base + 6, r->postcode);
  bind_static_text (stmt, base + 7, r->rule);
}

static char *
describe_source_row (gconstpointer row,
                     gpointer      data)
{
  const FpEstate *estate = data;
  const FpSourceRow *r = row;

  return g_strdup_printf (_("Site “%s”, source “%s”: "),
                          fp_estate_get_site (estate, r->site)->id, r->source_id);
}

static gboolean
write_sites (FpStore        *self,
             const FpEstate *estate,
             GError        **error)
{
  g_autofree char *columns = site_columns ();
  const RowWriter sites = {
    columns, N_SITE_COLUMNS, sizeof (FpSite), bind_site, describe_site, NULL,
    _("save a site"),
  };
  const RowWriter interests = {
    "property_interests (id, site_id, tenure, landlord, occupier, start_year, break_year, "
    "end_year, note)", 9, sizeof (FpInterest), bind_interest, NULL, (gpointer) estate,
    _("save a property interest"),
  };
  const RowWriter rows = {
    "site_sources (site_id, source_id, source_row, code, name, postcode, rule)", 7,
    sizeof (FpSourceRow), bind_source_row, describe_source_row, (gpointer) estate,
    _("save a source row"),
  };

  return write_rows (self, &sites, estate->sites->data, estate->sites->len, error) &&
         write_rows (self, &interests, estate->interests->data, estate->interests->len,
                     error) &&
         write_rows (self, &rows, estate->source_rows->data, estate->source_rows->len, error);
}

/* ---- Services and activity, zones and assumptions ---- */

static void
bind_service (sqlite3_stmt *stmt,
              int           base,
              gconstpointer row,
              gpointer      data)
{
  const FpService *s = row;

  bind_static_text (stmt, base + 1, s->id);
  bind_static_text (stmt, base + 2, s->name);
  bind_static_text (stmt, base + 3, fp_setting_to_string (s->setting));
  bind_static_text (stmt, base + 4, fp_room_type_to_string (s->room_type));
  bind_static_text (stmt, base + 5, s->unit);
  sqlite3_bind_double (stmt, base + 6, s->minutes_per_unit);
  sqlite3_bind_double (stmt, base + 7, s->growth_rate);
}

static void
bind_activity (sqlite3_stmt *stmt,
               int           base,
               gconstpointer row,
               gpointer      data)
{
  const FpEstate *estate = data;
  const FpActivity *a = row;

  bind_static_text (stmt, base + 1, fp_estate_get_site (estate, a->site)->id);
  bind_static_text (stmt, base + 2, g_array_index (estate->services, FpService, a->service).id);
  sqlite3_bind_double (stmt, base + 3, a->volume);
}

static void
bind_zone (sqlite3_stmt *stmt,
           int           base,
           gconstpointer row,
           gpointer      data)
{
  const FpZone *z = row;

  bind_static_text (stmt, base + 1, z->code);
  bind_static_text (stmt, base + 2, z->name);
  bind_static_text (stmt, base + 3, z->la_code);
  bind_static_text (stmt, base + 4, z->ward_code);
  bind_static_text (stmt, base + 5, z->lsoa11);
  sqlite3_bind_double (stmt, base + 6, z->lat);
  sqlite3_bind_double (stmt, base + 7, z->lon);
  for (guint b = 0; b < FP_N_AGE_BANDS; b++)
    sqlite3_bind_int (stmt, base + 8 + b, z->population[b]);
  bind_year (stmt, base + 14, z->imd_decile);
  bind_year (stmt, base + 15, z->imd_rank);
}

static void
bind_assumption (sqlite3_stmt *stmt,
                 int           base,
                 gconstpointer row,
                 gpointer      data)
{
  const FpAssumption *a = row;

  bind_static_text (stmt, base + 1, a->key);
  sqlite3_bind_double (stmt, base + 2, a->value);
  bind_static_text (stmt, base + 3, a->unit);
  bind_static_text (stmt, base + 4, a->description);
}

static gboolean
write_services_activity_zones (FpStore        *self,
                               const FpEstate *estate,
                               GError        **error)
{
  const RowWriter services = {
    "services (id, name, setting, room_type, unit, minutes_per_unit, growth_rate)", 7,
    sizeof (FpService), bind_service, NULL, NULL, _("save a service"),
  };
  const RowWriter activity = {
    "activity (site_id, service_id, volume)", 3, sizeof (FpActivity), bind_activity, NULL,
    (gpointer) estate, _("save activity"),
  };
  const RowWriter zones = {
    "zones (code, name, la_code, ward_code, lsoa11, lat, lon, pop_0_15, pop_16_24, "
    "pop_25_34, pop_35_49, pop_50_64, pop_65_plus, imd_decile, imd_rank)", 15,
    sizeof (FpZone), bind_zone, NULL, NULL, _("save a zone"),
  };
  const RowWriter assumptions = {
    "assumptions (key, value, unit, description)", 4, sizeof (FpAssumption),
    bind_assumption, NULL, NULL, _("save an assumption"),
  };
  G_STATIC_ASSERT (FP_N_AGE_BANDS == 6);

  return write_rows (self, &services, estate->services->data, estate->services->len,
                     error) &&
         write_rows (self, &activity, estate->activity->data, estate->activity->len,
                     error) &&
         write_rows (self, &zones, estate->zones->data, estate->zones->len, error) &&
         write_rows (self, &assumptions, estate->assumptions->data, estate->assumptions->len,
                     error);
}

/* The indexes of the estate's tables besides their keys, made after the rows when a new
 * document is built: one sort, rather than a search of the index for every row. */
static const char * const deferred_indexes[][2] = {
  { "property_interests_site", "DROP INDEX property_interests_site" },
  { "site_sources_site", "DROP INDEX site_sources_site" },
};

/* Drops the deferred indexes of a new document, keeping how to make each again exactly as
 * its schema had it (migration 1). */
static GPtrArray *
drop_deferred_indexes (FpStore *self,
                       GError **error)
{
  g_autoptr(GPtrArray) remake = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = fp_store_prepare (self, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND "
                                 "name = ?", error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (deferred_indexes); i++)
    {
      fp_store_bind_text (stmt, 1, deferred_indexes[i][0]);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          fp_store_set_error (self, error, _("prepare the new document"));
          return NULL;
        }
      g_ptr_array_add (remake, fp_store_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (!exec (self, deferred_indexes[i][1], _("prepare the new document"), error))
        return NULL;
    }

  return g_steal_pointer (&remake);
}

/* Writes @estate in one transaction: over the old one, or (@fresh) into a new document
 * being built, whose tables are empty, with its indexes made after the rows. */
static gboolean
save_estate (FpStore        *self,
             const FpEstate *estate,
             gboolean        fresh,
             GError        **error)
{
  g_autoptr(GPtrArray) remake = NULL;
  static const char clear_sql[] =
    "DELETE FROM provenance; DELETE FROM activity; DELETE FROM site_sources; "
    "DELETE FROM property_interests; DELETE FROM sites; DELETE FROM services; "
    "DELETE FROM zones; DELETE FROM assumptions; DELETE FROM organisations; "
    "DELETE FROM methods; DELETE FROM sources;";

  if (!fp_store_begin (self, error))
    return FALSE;

  if (fresh)
    {
      remake = drop_deferred_indexes (self, error);
      if (remake == NULL)
        goto failed;
    }
  else if (!exec (self, clear_sql, _("clear the old estate"), error))
    goto failed;

  if (!write_meta (self, estate, error) ||
      !write_catalogues (self, estate, error) ||
      !write_sites (self, estate, error) ||
      !write_services_activity_zones (self, estate, error) ||
      !write_provenance (self, estate, error))
    goto failed;

  for (guint i = 0; remake != NULL && i < remake->len; i++)
    if (!exec (self, g_ptr_array_index (remake, i), _("index the new document"), error))
      goto failed;

  return fp_store_commit (self, error);

failed:
  fp_store_rollback (self);
  return FALSE;
}

/**
 * fp_store_save_estate:
 * @self: a store
 * @estate: the estate to save
 * @error: return location for an error
 *
 * Replaces the document's baseline estate with @estate in one transaction: on any error
 * the document is left exactly as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_save_estate (FpStore        *self,
                      const FpEstate *estate,
                      GError        **error)
{
  g_return_val_if_fail (FP_IS_STORE (self), FALSE);
  g_return_val_if_fail (estate != NULL, FALSE);

  return save_estate (self, estate, FALSE, error);
}

/* ---- Reading the estate ---------------------------------------------------------- */

/* A copy of a text column, or NULL. Footprint writes only UTF-8; bytes that are not (a
 * damaged page that SQLite could still read) are replaced, so that no invalid text reaches
 * an export or a screen. */
char *
fp_store_column_text (sqlite3_stmt *stmt,
                      int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  int length = sqlite3_column_bytes (stmt, col);

  if (text == NULL)
    return NULL;
  /* Given a length, g_utf8_validate() refuses a NUL inside it too. */
  if (!g_utf8_validate (text, length, NULL))
    return g_utf8_make_valid (text, length);

  return g_memdup2 (text, (gsize) length + 1);
}

static double
column_number (sqlite3_stmt *stmt,
               int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NAN;

  return sqlite3_column_double (stmt, col);
}

static int
column_year (sqlite3_stmt *stmt,
             int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? 0 : sqlite3_column_int (stmt, col);
}

/* Reads a vocabulary column; the schema's CHECKs make an unknown value a damaged file
 * (bytes changed inside a page SQLite can still read). */
#define READ_VOCAB(prefix, stmt, col, out, what)                                     \
  G_STMT_START {                                                                     \
    const char *s_ = (const char *) sqlite3_column_text ((stmt), (col));             \
    if (!prefix##_from_string (s_, (out)))                                           \
      {                                                                              \
        g_autofree char *shown_ = fp_store_column_text ((stmt), (col));              \
        g_autofree char *what_ = g_strdup_printf (_("it holds an unknown %s “%s”"),  \
                                                  (what), shown_ ? shown_ : "");     \
        set_damaged_error (error, self->name, what_);                                \
        return FALSE;                                                                \
      }                                                                              \
  } G_STMT_END

static gboolean
step_row (FpStore      *self,
          sqlite3_stmt *stmt,
          gboolean     *has_row,
          GError      **error)
{
  int rc = sqlite3_step (stmt);

  *has_row = rc == SQLITE_ROW;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fp_store_set_error (self, error, _("read the estate"));

  return TRUE;
}

static gboolean
read_meta (FpStore  *self,
           FpEstate *estate,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = fp_store_prepare (self, "SELECT key, value FROM meta", error);
  gboolean has_row;

  if (stmt == NULL)
    return FALSE;

  while (step_row (self, stmt, &has_row, error) && has_row)
    {
      g_autofree char *key = fp_store_column_text (stmt, 0);
      g_autofree char *value = fp_store_column_text (stmt, 1);

      if (key == NULL || value == NULL)
        continue;  /* the schema forbids it: a damaged row */
      if (g_str_equal (key, "dataset_name"))
        { g_free (estate->name); estate->name = g_strdup (value); }
      else if (g_str_equal (key, "base_year"))
        estate->base_year = (int) g_ascii_strtoll (value, NULL, 10);
      else if (g_str_equal (key, "plan_buildings"))
        estate->plan_buildings = (int) g_ascii_strtoll (value, NULL, 10);
      else if (g_str_equal (key, "gap_note"))
        { g_free (estate->gap_note); estate->gap_note = g_strdup (value); }
      else if (g_str_equal (key, "price_base"))
        { g_free (estate->price_base); estate->price_base = g_strdup (value); }
      else if (g_str_equal (key, "price_index"))
        { g_free (estate->price_index); estate->price_index = g_strdup (value); }
    }

  return error == NULL || *error == NULL;
}

static gboolean
read_catalogues (FpStore  *self,
                 FpEstate *estate,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) src = NULL;
  g_autoptr(sqlite3_stmt) method = NULL;
  g_autoptr(sqlite3_stmt) org = NULL;
  gboolean has_row;

  src = fp_store_prepare (self, "SELECT id, title, publisher, year, licence, attribution, file "
                                "FROM sources ORDER BY rowid", error);
  method = fp_store_prepare (self, "SELECT id, description FROM methods ORDER BY rowid", error);
  org = fp_store_prepare (self, "SELECT id, name, kind, parent_id FROM organisations "
                                "ORDER BY rowid", error);
  if (src == NULL || method == NULL || org == NULL)
    return FALSE;

  while (step_row (self, src, &has_row, error) && has_row)
    {
      FpSource s = {
        fp_store_column_text (src, 0), fp_store_column_text (src, 1), fp_store_column_text (src, 2), column_year (src, 3),
        fp_store_column_text (src, 4), fp_store_column_text (src, 5), fp_store_column_text (src, 6),
      };
      g_array_append_val (estate->sources, s);
    }

  while (step_row (self, method, &has_row, error) && has_row)
    {
      FpMethod m = { fp_store_column_text (method, 0), fp_store_column_text (method, 1) };
      g_array_append_val (estate->methods, m);
    }

  while (step_row (self, org, &has_row, error) && has_row)
    {
      FpOrganisation o = { fp_store_column_text (org, 0), fp_store_column_text (org, 1), 0, fp_store_column_text (org, 3) };

      g_array_append_val (estate->organisations, o);
      READ_VOCAB (fp_org_kind, org, 2,
                  &g_array_index (estate->organisations, FpOrganisation,
                                  estate->organisations->len - 1).kind,
                  "organisation kind");
    }

  return error == NULL || *error == NULL;
}

static gboolean
read_sites (FpStore  *self,
            FpEstate *estate,
            GError  **error)
{
  GString *sql = g_string_new ("SELECT id, name, site_type, tenure, sector, status, lat, lon, "
                               "condition");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean has_row;

  for (guint i = 0; i < FP_SITE_N_TEXTS; i++)
    g_string_append_printf (sql, ", %s", fp_site_text_column (i));
  for (guint i = 0; i < FP_SITE_N_NUMBERS; i++)
    g_string_append_printf (sql, ", %s", fp_site_field (i)->column);
  g_string_append (sql, " FROM sites ORDER BY rowid");

  stmt = fp_store_prepare (self, sql->str, error);
  g_string_free (sql, TRUE);
  if (stmt == NULL)
    return FALSE;

  while (step_row (self, stmt, &has_row, error) && has_row)
    {
      FpSite *site;
      const char *condition;
      int col = 9;

      g_array_set_size (estate->sites, estate->sites->len + 1);
      site = &g_array_index (estate->sites, FpSite, estate->sites->len - 1);
      site->id = fp_store_column_text (stmt, 0);
      site->name = fp_store_column_text (stmt, 1);
      READ_VOCAB (fp_site_type, stmt, 2, &site->type, "site type");
      READ_VOCAB (fp_tenure, stmt, 3, &site->tenure, "tenure");
      READ_VOCAB (fp_sector, stmt, 4, &site->sector, "sector");
      READ_VOCAB (fp_site_status, stmt, 5, &site->status, "site status");
      site->placed = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
      site->lat = site->placed ? sqlite3_column_double (stmt, 6) : 0.0;
      site->lon = site->placed ? sqlite3_column_double (stmt, 7) : 0.0;
      condition = (const char *) sqlite3_column_text (stmt, 8);
      site->condition = condition != NULL ? condition[0] : 0;
      for (guint t = 0; t < FP_SITE_N_TEXTS; t++)
        site->texts[t] = fp_store_column_text (stmt, col++);
      for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
        site->numbers[n] = column_number (stmt, col++);
    }

  fp_estate_reindex (estate);
  return error == NULL || *error == NULL;
}

/* Fills @interest_ids (stored id -> index + 1) for the provenance pass. */
static gboolean
read_site_children (FpStore    *self,
                    FpEstate   *estate,
                    GHashTable *interest_ids,
                    GError    **error)
{
  g_autoptr(sqlite3_stmt) interests = NULL;
  g_autoptr(sqlite3_stmt) rows = NULL;
  gboolean has_row;

  interests = fp_store_prepare (self,
      "SELECT id, site_id, tenure, landlord, occupier, start_year, break_year, end_year, note "
      "FROM property_interests ORDER BY id", error);
  rows = fp_store_prepare (self,
      "SELECT site_id, source_id, source_row, code, name, postcode, rule FROM site_sources "
      "ORDER BY id", error);
  if (interests == NULL || rows == NULL)
    return FALSE;

  while (step_row (self, interests, &has_row, error) && has_row)
    {
      FpInterest interest = { 0 };
      FpInterest *stored;

      if (!fp_estate_find_site (estate, (const char *) sqlite3_column_text (interests, 1),
                                &interest.site))
        continue;  /* the foreign key makes this impossible; integrity checks report it */

      g_array_append_val (estate->interests, interest);
      stored = &g_array_index (estate->interests, FpInterest, estate->interests->len - 1);
      READ_VOCAB (fp_tenure, interests, 2, &stored->tenure, "tenure");
      stored->landlord = fp_store_column_text (interests, 3);
      stored->occupier = fp_store_column_text (interests, 4);
      stored->start_year = column_year (interests, 5);
      stored->break_year = column_year (interests, 6);
      stored->end_year = column_year (interests, 7);
      stored->note = fp_store_column_text (interests, 8);
      g_hash_table_insert (interest_ids, fp_store_column_text (interests, 0),
                           GUINT_TO_POINTER (estate->interests->len));
    }

  while (step_row (self, rows, &has_row, error) && has_row)
    {
      FpSourceRow row = { 0 };

      if (!fp_estate_find_site (estate, (const char *) sqlite3_column_text (rows, 0), &row.site))
        continue;

      row.source_id = fp_store_column_text (rows, 1);
      row.row = column_year (rows, 2);
      row.code = fp_store_column_text (rows, 3);
      row.name = fp_store_column_text (rows, 4);
      row.postcode = fp_store_column_text (rows, 5);
      row.rule = fp_store_column_text (rows, 6);
      g_array_append_val (estate->source_rows, row);
    }

  return error == NULL || *error == NULL;
}

static gboolean
read_services_and_activity (FpStore  *self,
                            FpEstate *estate,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) services = NULL;
  g_autoptr(sqlite3_stmt) activity = NULL;
  gboolean has_row;

  services = fp_store_prepare (self,
      "SELECT id, name, setting, room_type, unit, minutes_per_unit, growth_rate FROM services "
      "ORDER BY rowid", error);
  activity = fp_store_prepare (self,
      "SELECT site_id, service_id, volume FROM activity ORDER BY site_id, service_id", error);
  if (services == NULL || activity == NULL)
    return FALSE;

  while (step_row (self, services, &has_row, error) && has_row)
    {
      FpService *s;

      g_array_set_size (estate->services, estate->services->len + 1);
      s = &g_array_index (estate->services, FpService, estate->services->len - 1);
      s->id = fp_store_column_text (services, 0);
      s->name = fp_store_column_text (services, 1);
      READ_VOCAB (fp_setting, services, 2, &s->setting, "setting");
      READ_VOCAB (fp_room_type, services, 3, &s->room_type, "room type");
      s->unit = fp_store_column_text (services, 4);
      s->minutes_per_unit = sqlite3_column_double (services, 5);
      s->growth_rate = sqlite3_column_double (services, 6);
    }

  fp_estate_reindex (estate);

  while (step_row (self, activity, &has_row, error) && has_row)
    {
      FpActivity a = { 0 };

      if (!fp_estate_find_site (estate, (const char *) sqlite3_column_text (activity, 0), &a.site) ||
          !fp_estate_find_service (estate, (const char *) sqlite3_column_text (activity, 1),
                                   &a.service))
        continue;

      a.volume = sqlite3_column_double (activity, 2);
      g_array_append_val (estate->activity, a);
    }

  return error == NULL || *error == NULL;
}

static gboolean
read_zones_and_assumptions (FpStore  *self,
                            FpEstate *estate,
                            GError  **error)
{
  g_autoptr(sqlite3_stmt) zones = NULL;
  g_autoptr(sqlite3_stmt) assumptions = NULL;
  gboolean has_row;

  zones = fp_store_prepare (self,
      "SELECT code, name, la_code, ward_code, lsoa11, lat, lon, pop_0_15, pop_16_24, pop_25_34, "
      "pop_35_49, pop_50_64, pop_65_plus, imd_decile, imd_rank FROM zones ORDER BY rowid", error);
  assumptions = fp_store_prepare (self,
      "SELECT key, value, unit, description FROM assumptions ORDER BY rowid", error);
  if (zones == NULL || assumptions == NULL)
    return FALSE;

  while (step_row (self, zones, &has_row, error) && has_row)
    {
      FpZone z = {
        .code = fp_store_column_text (zones, 0),
        .name = fp_store_column_text (zones, 1),
        .la_code = fp_store_column_text (zones, 2),
        .ward_code = fp_store_column_text (zones, 3),
        .lsoa11 = fp_store_column_text (zones, 4),
        .lat = sqlite3_column_double (zones, 5),
        .lon = sqlite3_column_double (zones, 6),
        .imd_decile = column_year (zones, 13),
        .imd_rank = column_year (zones, 14),
      };

      for (guint b = 0; b < FP_N_AGE_BANDS; b++)
        z.population[b] = sqlite3_column_int (zones, 7 + b);
      g_array_append_val (estate->zones, z);
    }

  while (step_row (self, assumptions, &has_row, error) && has_row)
    {
      FpAssumption a = {
        .key = fp_store_column_text (assumptions, 0),
        .value = sqlite3_column_double (assumptions, 1),
        .unit = fp_store_column_text (assumptions, 2),
        .description = fp_store_column_text (assumptions, 3),
      };
      g_array_append_val (estate->assumptions, a);
    }

  fp_estate_reindex (estate);
  return error == NULL || *error == NULL;
}

/* What read_provenance() looks rows up by. */
typedef struct
{
  GHashTable *interest_ids;   /* stored id -> index + 1 */
  GHashTable *site_slots;     /* field -> slot + 1 */
  GString    *last_site;      /* the site of the row before, and its index (G_MAXUINT for */
  guint       last_index;     /* none): a site's rows come together, in the key's order */
} ProvLookup;

static FpProvenance *
find_provenance_slot (FpEstate   *estate,
                      ProvLookup *lookup,
                      const char *entity,
                      const char *entity_id,
                      const char *field)
{
  guint index;

  if (g_str_equal (entity, "site"))
    {
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (lookup->site_slots, field));

      if (lookup->last_index == G_MAXUINT || strcmp (entity_id, lookup->last_site->str) != 0)
        {
          if (!fp_estate_find_site (estate, entity_id, &index))
            return NULL;
          g_string_assign (lookup->last_site, entity_id);
          lookup->last_index = index;
        }
      if (slot == 0)
        return NULL;
      return &g_array_index (estate->sites, FpSite, lookup->last_index).prov[slot - 1];
    }

  if (g_str_equal (entity, "service"))
    {
      FpService *s;

      if (!fp_estate_find_service (estate, entity_id, &index))
        return NULL;
      s = &g_array_index (estate->services, FpService, index);
      if (g_str_equal (field, "minutes_per_unit"))
        return &s->prov_minutes;
      if (g_str_equal (field, "growth_rate"))
        return &s->prov_growth;
      return NULL;
    }

  if (g_str_equal (entity, "zone") && g_str_equal (entity_id, "*"))
    {
      for (guint f = 0; f < FP_ZONE_N_PROV; f++)
        if (g_str_equal (field, fp_zone_prov_name (f)))
          return &estate->zone_prov[f];
      return NULL;
    }

  if (g_str_equal (entity, "assumption"))
    {
      const FpAssumption *a = fp_estate_find_assumption (estate, entity_id);

      return a != NULL ? (FpProvenance *) &a->prov : NULL;
    }

  if (g_str_equal (entity, "interest"))
    {
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (lookup->interest_ids, entity_id));

      return n > 0 ? &g_array_index (estate->interests, FpInterest, n - 1).prov : NULL;
    }

  return NULL;
}

static gboolean
read_provenance (FpStore    *self,
                 FpEstate   *estate,
                 GHashTable *interest_ids,
                 GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GHashTable) activity_index = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                g_free, NULL);
  g_autoptr(GHashTable) site_slots = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) last_site = g_string_new (NULL);
  ProvLookup lookup = { interest_ids, site_slots, last_site, G_MAXUINT };
  gboolean has_row;

  stmt = fp_store_prepare (self,
      "SELECT entity, entity_id, field, kind, source_id, year, method_id, author, recorded_at, "
      "note FROM provenance", error);
  if (stmt == NULL)
    return FALSE;

  for (guint slot = 0; slot < FP_SITE_N_SLOTS; slot++)
    g_hash_table_insert (site_slots, (char *) fp_site_slot_name (slot),
                         GUINT_TO_POINTER (slot + 1));

  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);

      g_hash_table_insert (activity_index,
                           g_strdup_printf ("%s/%s", fp_estate_get_site (estate, a->site)->id,
                                            g_array_index (estate->services, FpService,
                                                           a->service).id),
                           GUINT_TO_POINTER (i + 1));
    }

  while (step_row (self, stmt, &has_row, error) && has_row)
    {
      const char *entity = (const char *) sqlite3_column_text (stmt, 0);
      const char *entity_id = (const char *) sqlite3_column_text (stmt, 1);
      const char *field = (const char *) sqlite3_column_text (stmt, 2);
      FpProvenance *prov;

      if (g_str_equal (entity, "activity"))
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (activity_index, entity_id));

          prov = n > 0 ? &g_array_index (estate->activity, FpActivity, n - 1).prov : NULL;
        }
      else
        {
          prov = find_provenance_slot (estate, &lookup, entity, entity_id, field);
        }

      if (prov == NULL)
        continue;  /* provenance of a row that no longer exists; validate reports it */

      fp_provenance_clear (prov);
      READ_VOCAB (fp_prov_kind, stmt, 3, &prov->kind, "provenance kind");
      prov->source_id = fp_store_column_text (stmt, 4);
      prov->year = column_year (stmt, 5);
      prov->method_id = fp_store_column_text (stmt, 6);
      prov->author = fp_store_column_text (stmt, 7);
      prov->recorded_at = fp_store_column_text (stmt, 8);
      prov->note = fp_store_column_text (stmt, 9);
    }

  return error == NULL || *error == NULL;
}

/**
 * fp_store_load_estate:
 * @self: a store
 * @error: return location for an error
 *
 * Reads the whole baseline estate in one read transaction.
 *
 * Returns: (transfer full) (nullable): the estate
 */
FpEstate *
fp_store_load_estate (FpStore *self,
                      GError **error)
{
  g_autoptr(FpEstate) estate = fp_estate_new ();
  g_autoptr(GHashTable) interest_ids = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                              g_free, NULL);
  gboolean ok;

  g_return_val_if_fail (FP_IS_STORE (self), NULL);

  /* One read transaction, so the estate is read as it was at one moment; inside a write
   * transaction already open, that one. */
  if (self->depth == 0 && !exec (self, "BEGIN", _("start reading"), error))
    return NULL;

  ok = read_meta (self, estate, error) &&
       read_catalogues (self, estate, error) &&
       read_sites (self, estate, error) &&
       read_site_children (self, estate, interest_ids, error) &&
       read_services_and_activity (self, estate, error) &&
       read_zones_and_assumptions (self, estate, error) &&
       read_provenance (self, estate, interest_ids, error);

  if (self->depth == 0)
    exec (self, "COMMIT", _("finish reading"), NULL);

  if (!ok)
    return NULL;

  return g_steal_pointer (&estate);
}

/**
 * fp_store_check_integrity:
 * @self: a store
 * @problems: (element-type utf8): where to append one message per problem
 * @error: return location for an error
 *
 * Runs SQLite's integrity and foreign-key checks.
 *
 * Returns: %TRUE if the checks could run (problems may still have been found)
 */
gboolean
fp_store_check_integrity (FpStore   *self,
                          GPtrArray *problems,
                          GError   **error)
{
  g_autoptr(sqlite3_stmt) integrity = NULL;
  g_autoptr(sqlite3_stmt) fk = NULL;
  gboolean has_row;

  integrity = fp_store_prepare (self, "PRAGMA integrity_check", error);
  fk = fp_store_prepare (self, "PRAGMA foreign_key_check", error);
  if (integrity == NULL || fk == NULL)
    return FALSE;

  while (step_row (self, integrity, &has_row, error) && has_row)
    {
      const char *message = (const char *) sqlite3_column_text (integrity, 0);

      if (g_strcmp0 (message, "ok") != 0)
        g_ptr_array_add (problems, g_strdup_printf (_("database: %s"), message));
    }

  while (step_row (self, fk, &has_row, error) && has_row)
    g_ptr_array_add (problems,
                     g_strdup_printf (_("database: row %lld of table “%s” refers to a missing "
                                        "row of “%s”"),
                                      (long long) sqlite3_column_int64 (fk, 1),
                                      sqlite3_column_text (fk, 0), sqlite3_column_text (fk, 2)));

  return error == NULL || *error == NULL;
}

/**
 * fp_store_set_assumption:
 * @self: a store
 * @key: the assumption
 * @value: its new value (check it first with fp_assumption_check)
 * @unit: (nullable): its unit, kept if it has one already
 * @author: who set it, recorded in its provenance
 * @error: return location for an error
 *
 * Sets one assumption of the document and records it as assumed by @author now, in one
 * transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_set_assumption (FpStore    *self,
                         const char *key,
                         double      value,
                         const char *unit,
                         const char *author,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) prov = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  if (!fp_store_begin (self, error))
    return FALSE;

  upsert = fp_store_prepare (self,
      "INSERT INTO assumptions (key, value, unit) VALUES (?, ?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
      "unit = coalesce (assumptions.unit, excluded.unit)", error);
  prov = fp_store_prepare (self,
      "INSERT OR REPLACE INTO provenance (entity, entity_id, field, kind, author, recorded_at, "
      "note) VALUES ('assumption', ?, 'value', 'assumed', ?, ?, ?)", error);
  if (upsert == NULL || prov == NULL)
    goto failed;

  fp_store_bind_text (upsert, 1, key);
  sqlite3_bind_double (upsert, 2, value);
  fp_store_bind_text (upsert, 3, unit);
  if (!step_done (self, upsert, _("save an assumption"), error))
    goto failed;

  fp_store_bind_text (prov, 1, key);
  fp_store_bind_text (prov, 2, author);
  fp_store_bind_text (prov, 3, when);
  fp_store_bind_text (prov, 4, "set by the user");
  if (!step_done (self, prov, _("save the provenance of an assumption"), error))
    goto failed;

  g_clear_pointer (&upsert, sqlite3_finalize);
  g_clear_pointer (&prov, sqlite3_finalize);
  return fp_store_commit (self, error);

failed:
  g_clear_pointer (&upsert, sqlite3_finalize);
  g_clear_pointer (&prov, sqlite3_finalize);
  fp_store_rollback (self);
  return FALSE;
}

/* ---- The user's default document ------------------------------------------------- */

/**
 * fp_store_default_path:
 *
 * Returns: (transfer full): where the user's document lives when none is named:
 *   `$XDG_DATA_HOME/footprint/estate.footprint`
 */
char *
fp_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "footprint", "estate.footprint", NULL);
}

/* Makes sure what the returned file descriptor wrote is on the disk. */
static void
sync_path (const char *path,
           gboolean    directory)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* The temporary file a new document for @path is built in: beside it (a rename does not
 * cross file systems) and named after this process, so that a later run can tell a
 * leftover of a killed one from the work of one still running. */
static char *
temporary_name (const char *path)
{
  return g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
}

/* Removes what killed runs left: PATH.tmp-PID files (and their -wal, -shm and -journal)
 * whose process no longer exists. */
static void
remove_leftovers (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".tmp-", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
    {
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (entry, prefix))
        continue;

      pid = g_ascii_strtoll (entry + strlen (prefix), &end, 10);
      if (end == entry + strlen (prefix) || pid <= 0 || pid > G_MAXINT ||
          (kill ((pid_t) pid, 0) != 0 && errno == ESRCH))
        {
          g_autofree char *leftover = g_build_filename (dir, entry, NULL);
          g_unlink (leftover);
        }
    }
}

/* Folds the log of the document at @path into its file, so that the file alone holds
 * the whole document; a document that is not SQLite, or damaged, is left as it is. */
static void
fold_log (const char *path)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
    {
      /* Short: a program that holds the document open is refused just after, anyway. */
      sqlite3_busy_timeout (db, 1000);
      sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
    }
  sqlite3_close (db);
}

/* Puts the complete document @tmp at @path with one rename, so that a program killed at
 * any moment leaves either what was at @path, whole, or the new document, whole.
 *
 * The old document's -wal must not outlive it: SQLite would replay it into the new file
 * (a log names no database). So first the old log is folded into the old file (which is
 * then whole on its own), then every other connection is locked out, the log is checked
 * to be still empty, and only then the new file takes the name. A program that has the
 * old document open is not pulled from under: the replacement is refused. */
static gboolean
swap_into_place (const char *tmp,
                 const char *path,
                 gboolean    replace,
                 GError    **error)
{
  g_autofree char *wal = side_file (path, "-wal");
  g_autofree char *journal = side_file (path, "-journal");
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = -1;

  for (guint attempt = 0; fd < 0; attempt++)
    {
      gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);

      if (exists && !replace)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                       _("“%s” already exists; choose another name or replace it"), path);
          return FALSE;
        }

      if (exists)
        fold_log (path);

      fd = lock_out_others (path, path, error);
      if (fd < 0)
        return FALSE;

      /* Under the lock, nobody can write the log. It is absent or empty unless a program
       * wrote between the fold and the lock and died (fold again), or the old document is
       * too damaged to fold it in: then it is kept beside, as NAME-wal.replaced, out of
       * the new document's way. (With no document at @path, a log is one left by a
       * document since deleted: it goes below.) */
      if (exists && file_size (wal) > 0)
        {
          if (attempt < 2)
            {
              close_lock (fd);
              fd = -1;
            }
          else
            {
              g_autofree char *aside = g_strconcat (wal, ".replaced", NULL);

              if (g_rename (wal, aside) != 0)
                {
                  int saved_errno = errno;

                  close_lock (fd);
                  g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not save “%s”: %s"),
                               path, g_strerror (saved_errno));
                  return FALSE;
                }
            }
        }
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      close_lock (fd);
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not save “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  sync_path (dir, TRUE);
  /* Still under the lock: the log is empty, or that of a document that is gone; a
   * rollback journal is no Footprint document's, but would be played back into the new
   * one just the same. */
  g_unlink (wal);
  g_unlink (journal);
  /* The -shm stays: the next program to open the document finds nobody else and starts
   * it afresh. Removing it here could let two programs each make their own. */
  close_lock (fd);
  return TRUE;
}

/* Why the folder of @path cannot hold a new document, naming the document; or TRUE. The
 * folder is made if @create. */
static gboolean
check_folder (const char *path,
              gboolean    create,
              GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (!create && !g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("Could not create “%s”: there is no folder “%s”"), path, dir);
      return FALSE;
    }

  if (create && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FP_ERROR, FP_ERROR_IO,
                   _("Could not create “%s”: its folder “%s” could not be made (%s)"),
                   path, dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_access (dir, W_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, FP_ERROR, saved_errno == EROFS ? FP_ERROR_READ_ONLY : FP_ERROR_IO,
                   _("Could not create “%s”: its folder “%s” cannot be written to (%s)"),
                   path, dir, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* The most problems a refusal lists; the count says how many more there are. */
#define MAX_PROBLEMS_SHOWN 20

/* Refuses an estate that breaks a data rule (fp-validate.c, docs/data.md), listing what
 * breaks which rule where: a document must start from a dataset that keeps them all, as
 * the built-in one does. */
static gboolean
check_rules (const FpEstate *estate,
             GError        **error)
{
  g_autoptr(GPtrArray) problems = fp_validate_estate (estate);
  g_autoptr(GString) message = NULL;

  if (problems->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  g_string_printf (message, g_dngettext (GETTEXT_PACKAGE,
                                         "the dataset breaks %u data rule:",
                                         "the dataset breaks %u data rules:", problems->len),
                   problems->len);
  for (guint i = 0; i < problems->len && i < MAX_PROBLEMS_SHOWN; i++)
    {
      g_autofree char *line = fp_problem_to_string (g_ptr_array_index (problems, i));

      g_string_append_printf (message, "\n  %s", line);
    }
  if (problems->len > MAX_PROBLEMS_SHOWN)
    {
      g_string_append (message, "\n  ");
      g_string_append_printf (message, g_dngettext (GETTEXT_PACKAGE, "and %u more",
                                                    "and %u more",
                                                    problems->len - MAX_PROBLEMS_SHOWN),
                              problems->len - MAX_PROBLEMS_SHOWN);
    }

  g_set_error_literal (error, FP_ERROR, FP_ERROR_INVALID_DATA, message->str);
  return FALSE;
}

/* Removes a temporary document and what SQLite may have made beside it. */
static void
remove_temporary (const char *tmp)
{
  for (const char * const *suffix = (const char *[]) { "", "-wal", "-shm", "-journal", NULL };
       *suffix != NULL; suffix++)
    {
      g_autofree char *side = side_file (tmp, *suffix);
      g_unlink (side);
    }
}

/* Makes the document at @path from @estate (checked already): built in bulk under a
 * temporary name, then put in place with one rename. */
static FpStore *
create_from_estate (const char     *path,
                    const FpEstate *estate,
                    gboolean        with_examples,
                    gboolean        replace,
                    GError        **error)
{
  g_autoptr(FpStore) store = NULL;
  g_autofree char *tmp = NULL;

  if (!check_folder (path, TRUE, error))
    return NULL;

  remove_leftovers (path);
  tmp = temporary_name (path);
  remove_temporary (tmp);

  store = create_named (tmp, path, FP_STORE_SCHEMA_VERSION, CREATE_FOR_BUILDING, error);
  if (store == NULL)
    return NULL;

  if (!save_estate (store, estate, TRUE, error) ||
      (with_examples && !fp_examples_add (store, estate, error)) ||
      !finish_building (store, error))
    {
      g_clear_object (&store);
      remove_temporary (tmp);
      return NULL;
    }

  /* Closing the only connection folds the log into the file and removes it: the file is
   * then the whole document. */
  g_clear_object (&store);
  sync_path (tmp, FALSE);

  if (!swap_into_place (tmp, path, replace, error))
    {
      remove_temporary (tmp);
      return NULL;
    }

  return fp_store_open (path, error);
}

/**
 * fp_store_create_from_dataset:
 * @path: where the document goes
 * @dataset: (nullable): a dataset file (docs/data.md), or %NULL for the built-in
 *   Birmingham and Solihull dataset
 * @replace: whether to replace a document already at @path
 * @error: return location for an error
 *
 * Makes a document from a dataset. The dataset is read and checked as the built-in one is:
 * every field by the reader (fp_dataset_parse_file()), then every data rule
 * (fp_validate_estate()); a dataset that fails either is refused with what is wrong and
 * where (FP_ERROR_INVALID_DATA), and nothing is written. Only the built-in dataset gets
 * the example options (docs/appraisal.md): they are drawn from its estates plan.
 *
 * The document is built in bulk and completed under a temporary name, then takes @path
 * with one rename, so that a program killed at any moment leaves either the old document
 * or the new one, whole, never none and never a mixture (see swap_into_place()).
 * Replacing a document another program has open is refused (FP_ERROR_BUSY). If anything
 * fails, @path is as it was.
 *
 * Returns: (transfer full) (nullable): the store
 */
FpStore *
fp_store_create_from_dataset (const char *path,
                              const char *dataset,
                              gboolean    replace,
                              GError    **error)
{
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                   _("“%s” already exists; choose another name or replace it"), path);
      return NULL;
    }

  estate = dataset != NULL ? fp_dataset_parse_file (dataset, &local_error)
                           : fp_dataset_load_default (&local_error);
  if (estate == NULL || !check_rules (estate, &local_error))
    {
      if (dataset != NULL)
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    /* Translators: what follows says why, e.g. “Dataset
                                     * sites[3]: the field “name” is empty” */
                                    _("No document was made from “%s”; nothing was "
                                      "written: "), dataset);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    _("No document was made from the built-in dataset: "));
      return NULL;
    }

  return create_from_estate (path, estate, dataset == NULL, replace, error);
}

/**
 * fp_store_create_default_full:
 * @path: where the document goes
 * @replace: whether to replace a document already at @path
 * @error: return location for an error
 *
 * Creates a document holding the built-in Birmingham and Solihull dataset and its example
 * options, as fp_store_create_from_dataset() does.
 *
 * Returns: (transfer full) (nullable): the store
 */
FpStore *
fp_store_create_default_full (const char *path,
                              gboolean    replace,
                              GError    **error)
{
  return fp_store_create_from_dataset (path, NULL, replace, error);
}

/**
 * fp_store_create_default:
 * @path: where to create the document; must not exist
 * @error: return location for an error
 *
 * Creates a document holding the built-in Birmingham and Solihull dataset. If anything
 * fails, no file is left behind.
 *
 * Returns: (transfer full) (nullable): the store
 */
FpStore *
fp_store_create_default (const char *path,
                         GError    **error)
{
  return fp_store_create_default_full (path, FALSE, error);
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

/**
 * fp_store_save_copy:
 * @self: a store
 * @destination: where the copy goes
 * @replace: whether to replace a file already at @destination
 * @error: return location for an error
 *
 * Writes a whole copy of the document as it is now, including the work that so far lives
 * only in the write-ahead log (which copying the file would lose), with SQLite's backup
 * API: a consistent snapshot, even while this or another program keeps writing. The copy
 * is completed under a temporary name and then takes @destination with one rename, as
 * fp_store_create_default_full() does. Works on a read-only document too.
 *
 * Returns: %TRUE on success; on failure @destination is as it was
 */
gboolean
fp_store_save_copy (FpStore    *self,
                    const char *destination,
                    gboolean    replace,
                    GError    **error)
{
  g_autofree char *tmp = NULL;
  sqlite3 *copy = NULL;
  sqlite3_backup *backup;
  int rc;

  g_return_val_if_fail (FP_IS_STORE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (same_file (self->path, destination))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s” is the document itself; choose another name for the copy"),
                   destination);
      return FALSE;
    }

  if (!replace && g_file_test (destination, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                   _("“%s” already exists; choose another name or replace it"), destination);
      return FALSE;
    }

  if (!check_folder (destination, FALSE, error))
    return FALSE;

  remove_leftovers (destination);
  tmp = temporary_name (destination);
  g_unlink (tmp);

  rc = sqlite3_open_v2 (tmp, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (copy, "main", self->db, "main");
      if (backup == NULL)
        {
          rc = sqlite3_extended_errcode (copy);
        }
      else
        {
          /* One step copies every page from one snapshot. Busy only while another
           * program holds the document exclusively: wait as any other access would. */
          for (guint waited = 0; ; waited += 50)
            {
              rc = sqlite3_backup_step (backup, -1);
              if (((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED) ||
                  waited >= BUSY_TIMEOUT_MS)
                break;
              sqlite3_sleep (50);
            }
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = sqlite3_extended_errcode (copy);
        }
    }
  sqlite3_close (copy);

  if (rc != SQLITE_OK)
    {
      g_unlink (tmp);
      set_error_for (self, error, _("copy the document"), rc);
      g_prefix_error (error, _("No copy was made at “%s”: "), destination);
      return FALSE;
    }

  sync_path (tmp, FALSE);
  if (!swap_into_place (tmp, destination, replace, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  return TRUE;
}

/**
 * fp_store_open_or_create_default:
 * @path: (nullable): a document, or %NULL for the user's default document
 * @created: (out) (optional): set to whether the document was created now
 * @error: return location for an error
 *
 * Opens @path; when @path is %NULL and the user's default document does not exist yet,
 * creates it from the built-in dataset first (no prompt, no network).
 *
 * Returns: (transfer full) (nullable): the store
 */
FpStore *
fp_store_open_or_create_default (const char *path,
                                 gboolean   *created,
                                 GError    **error)
{
  g_autofree char *default_path = NULL;

  if (created != NULL)
    *created = FALSE;

  if (path != NULL)
    return fp_store_open (path, error);

  default_path = fp_store_default_path ();
  if (!g_file_test (default_path, G_FILE_TEST_EXISTS))
    {
      FpStore *store = fp_store_create_default (default_path, error);

      if (created != NULL)
        *created = store != NULL;
      return store;
    }

  return fp_store_open (default_path, error);
}

/* ---- For the other store files (fp-store-private.h) ---------------------------------- */

/**
 * fp_store_prepare_temporary:
 * @path: where a new document will go
 * @error: return location for an error
 *
 * Checks that @path's folder exists and can be written (naming @path if not), removes what
 * killed runs left beside it, and gives the temporary name to build the document under.
 *
 * Returns: (transfer full) (nullable): the temporary path, free of any file
 */
char *
fp_store_prepare_temporary (const char *path,
                            GError    **error)
{
  char *tmp;

  if (!check_folder (path, FALSE, error))
    return NULL;

  remove_leftovers (path);
  tmp = temporary_name (path);
  remove_temporary (tmp);
  return tmp;
}

/**
 * fp_store_create_for:
 * @tmp: a temporary path (fp_store_prepare_temporary())
 * @name: the document it is built for, which messages name
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): an empty document with the current schema at @tmp
 */
FpStore *
fp_store_create_for (const char *tmp,
                     const char *name,
                     GError    **error)
{
  return create_named (tmp, name, FP_STORE_SCHEMA_VERSION, CREATE_FOR_USE, error);
}

/**
 * fp_store_put_in_place:
 * @tmp: a complete document, closed
 * @path: where it goes
 * @replace: whether it may replace a document there
 * @error: return location for an error
 *
 * Syncs @tmp and puts it at @path with the atomic, WAL-aware swap of
 * fp_store_create_default_full(). On failure @tmp is removed and @path is as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_store_put_in_place (const char *tmp,
                       const char *path,
                       gboolean    replace,
                       GError    **error)
{
  sync_path (tmp, FALSE);
  if (!swap_into_place (tmp, path, replace, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  return TRUE;
}

/**
 * fp_store_damaged_error:
 * @error: return location for an error
 * @name: the document
 * @what: what is wrong with it, in words
 *
 * Sets FP_ERROR_DAMAGED with what to do about it.
 */
void
fp_store_damaged_error (GError    **error,
                        const char *name,
                        const char *what)
{
  set_damaged_error (error, name, what);
}
