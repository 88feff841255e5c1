/* test-store.c: the document store on real SQLite files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "fp-store-private.h"
#include "fp-test-util.h"

static void
assert_prov_equal (const FpProvenance *a,
                   const FpProvenance *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpstr (a->source_id, ==, b->source_id);
  g_assert_cmpint (a->year, ==, b->year);
  g_assert_cmpstr (a->method_id, ==, b->method_id);
  g_assert_cmpstr (a->author, ==, b->author);
  g_assert_cmpstr (a->recorded_at, ==, b->recorded_at);
  g_assert_cmpstr (a->note, ==, b->note);
}

static void
assert_number_equal (double a,
                     double b)
{
  if (isnan (a))
    g_assert_true (isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

/* Everything @original holds is in @loaded: every field of every record, with its
 * provenance. Records keep their order, except activity (read back by site and service). */
static void
assert_estates_equal (const FpEstate *original,
                      const FpEstate *loaded)
{
  g_autoptr(GHashTable) activity = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpstr (loaded->name, ==, original->name);
  g_assert_cmpint (loaded->base_year, ==, original->base_year);
  g_assert_cmpint (loaded->plan_buildings, ==, original->plan_buildings);
  g_assert_cmpstr (loaded->gap_note, ==, original->gap_note);
  g_assert_cmpstr (loaded->price_base, ==, original->price_base);
  g_assert_cmpstr (loaded->price_index, ==, original->price_index);

  g_assert_cmpuint (loaded->sites->len, ==, original->sites->len);
  for (guint i = 0; i < original->sites->len; i++)
    {
      const FpSite *a = fp_estate_get_site (original, i);
      const FpSite *b = fp_estate_get_site (loaded, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpint (a->type, ==, b->type);
      g_assert_cmpint (a->tenure, ==, b->tenure);
      g_assert_cmpint (a->sector, ==, b->sector);
      g_assert_cmpint (a->status, ==, b->status);
      g_assert_cmpint (a->placed, ==, b->placed);
      g_assert_cmpfloat (a->lat, ==, b->lat);
      g_assert_cmpfloat (a->lon, ==, b->lon);
      g_assert_cmpint (a->condition, ==, b->condition);
      for (guint t = 0; t < FP_SITE_N_TEXTS; t++)
        g_assert_cmpstr (a->texts[t], ==, b->texts[t]);
      for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
        assert_number_equal (a->numbers[n], b->numbers[n]);
      for (guint slot = 0; slot < FP_SITE_N_SLOTS; slot++)
        assert_prov_equal (&a->prov[slot], &b->prov[slot]);
    }

  g_assert_cmpuint (loaded->interests->len, ==, original->interests->len);
  for (guint i = 0; i < original->interests->len; i++)
    {
      const FpInterest *a = &g_array_index (original->interests, FpInterest, i);
      const FpInterest *b = &g_array_index (loaded->interests, FpInterest, i);

      g_assert_cmpuint (a->site, ==, b->site);
      g_assert_cmpint (a->tenure, ==, b->tenure);
      g_assert_cmpstr (a->landlord, ==, b->landlord);
      g_assert_cmpstr (a->occupier, ==, b->occupier);
      g_assert_cmpint (a->start_year, ==, b->start_year);
      g_assert_cmpint (a->break_year, ==, b->break_year);
      g_assert_cmpint (a->end_year, ==, b->end_year);
      g_assert_cmpstr (a->note, ==, b->note);
      assert_prov_equal (&a->prov, &b->prov);
    }

  g_assert_cmpuint (loaded->source_rows->len, ==, original->source_rows->len);
  for (guint i = 0; i < original->source_rows->len; i++)
    {
      const FpSourceRow *a = &g_array_index (original->source_rows, FpSourceRow, i);
      const FpSourceRow *b = &g_array_index (loaded->source_rows, FpSourceRow, i);

      g_assert_cmpuint (a->site, ==, b->site);
      g_assert_cmpstr (a->source_id, ==, b->source_id);
      g_assert_cmpint (a->row, ==, b->row);
      g_assert_cmpstr (a->code, ==, b->code);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->postcode, ==, b->postcode);
      g_assert_cmpstr (a->rule, ==, b->rule);
    }

  g_assert_cmpuint (loaded->services->len, ==, original->services->len);
  for (guint i = 0; i < original->services->len; i++)
    {
      const FpService *a = &g_array_index (original->services, FpService, i);
      const FpService *b = &g_array_index (loaded->services, FpService, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->unit, ==, b->unit);
      g_assert_cmpint (a->room_type, ==, b->room_type);
      g_assert_cmpint (a->setting, ==, b->setting);
      g_assert_cmpfloat (a->minutes_per_unit, ==, b->minutes_per_unit);
      g_assert_cmpfloat (a->growth_rate, ==, b->growth_rate);
      assert_prov_equal (&a->prov_minutes, &b->prov_minutes);
      assert_prov_equal (&a->prov_growth, &b->prov_growth);
    }

  g_assert_cmpuint (loaded->activity->len, ==, original->activity->len);
  for (guint j = 0; j < original->activity->len; j++)
    {
      const FpActivity *a = &g_array_index (original->activity, FpActivity, j);

      g_hash_table_insert (activity, g_strdup_printf ("%u/%u", a->site, a->service),
                           GUINT_TO_POINTER (j + 1));
    }
  for (guint i = 0; i < loaded->activity->len; i++)
    {
      const FpActivity *b = &g_array_index (loaded->activity, FpActivity, i);
      g_autofree char *key = g_strdup_printf ("%u/%u", b->site, b->service);
      guint j = GPOINTER_TO_UINT (g_hash_table_lookup (activity, key));
      const FpActivity *a;

      g_assert_cmpuint (j, >, 0);
      a = &g_array_index (original->activity, FpActivity, j - 1);
      g_assert_cmpfloat (a->volume, ==, b->volume);
      assert_prov_equal (&a->prov, &b->prov);
    }

  g_assert_cmpuint (loaded->zones->len, ==, original->zones->len);
  for (guint i = 0; i < original->zones->len; i++)
    {
      const FpZone *a = &g_array_index (original->zones, FpZone, i);
      const FpZone *b = &g_array_index (loaded->zones, FpZone, i);

      g_assert_cmpstr (a->code, ==, b->code);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->la_code, ==, b->la_code);
      g_assert_cmpstr (a->ward_code, ==, b->ward_code);
      g_assert_cmpstr (a->lsoa11, ==, b->lsoa11);
      g_assert_cmpfloat (a->lat, ==, b->lat);
      g_assert_cmpfloat (a->lon, ==, b->lon);
      g_assert_cmpint (a->imd_decile, ==, b->imd_decile);
      g_assert_cmpint (a->imd_rank, ==, b->imd_rank);
      for (guint band = 0; band < FP_N_AGE_BANDS; band++)
        g_assert_cmpint (a->population[band], ==, b->population[band]);
    }
  for (guint f = 0; f < FP_ZONE_N_PROV; f++)
    assert_prov_equal (&original->zone_prov[f], &loaded->zone_prov[f]);

  g_assert_cmpuint (loaded->assumptions->len, ==, original->assumptions->len);
  for (guint i = 0; i < original->assumptions->len; i++)
    {
      const FpAssumption *a = &g_array_index (original->assumptions, FpAssumption, i);
      const FpAssumption *b = &g_array_index (loaded->assumptions, FpAssumption, i);

      g_assert_cmpstr (a->key, ==, b->key);
      g_assert_cmpfloat (a->value, ==, b->value);
      g_assert_cmpstr (a->unit, ==, b->unit);
      g_assert_cmpstr (a->description, ==, b->description);
      assert_prov_equal (&a->prov, &b->prov);
    }

  g_assert_cmpuint (loaded->sources->len, ==, original->sources->len);
  for (guint i = 0; i < original->sources->len; i++)
    {
      const FpSource *a = &g_array_index (original->sources, FpSource, i);
      const FpSource *b = &g_array_index (loaded->sources, FpSource, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->title, ==, b->title);
      g_assert_cmpstr (a->publisher, ==, b->publisher);
      g_assert_cmpint (a->year, ==, b->year);
      g_assert_cmpstr (a->licence, ==, b->licence);
      g_assert_cmpstr (a->attribution, ==, b->attribution);
      g_assert_cmpstr (a->file, ==, b->file);
    }
  g_assert_cmpuint (loaded->methods->len, ==, original->methods->len);
  for (guint i = 0; i < original->methods->len; i++)
    {
      g_assert_cmpstr (g_array_index (original->methods, FpMethod, i).id, ==,
                       g_array_index (loaded->methods, FpMethod, i).id);
      g_assert_cmpstr (g_array_index (original->methods, FpMethod, i).description, ==,
                       g_array_index (loaded->methods, FpMethod, i).description);
    }
  g_assert_cmpuint (loaded->organisations->len, ==, original->organisations->len);
  for (guint i = 0; i < original->organisations->len; i++)
    {
      const FpOrganisation *a = &g_array_index (original->organisations, FpOrganisation, i);
      const FpOrganisation *b = &g_array_index (loaded->organisations, FpOrganisation, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpstr (a->parent_id, ==, b->parent_id);
    }
}

/* Everything the tiny dataset holds survives a save to a file and a load from it. */
static void
test_round_trip (void)
{
  g_autoptr(FpEstate) original = fp_test_load_tiny ();
  g_autoptr(FpEstate) loaded = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fp_test_tmpfile ("round-trip.footprint");

  store = fp_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (fp_store_save_estate (store, original, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = fp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fp_store_get_schema_version (store), ==, FP_STORE_SCHEMA_VERSION);
  loaded = fp_store_load_estate (store, &error);
  g_assert_no_error (error);

  g_assert_nonnull (original->price_base);
  assert_estates_equal (original, loaded);

  /* Spot checks that the comparison above is not comparing two empty things. */
  g_assert_cmpuint (loaded->sites->len, ==, 5);
  g_assert_cmpint (loaded->plan_buildings, ==, 7);
  g_assert_cmpstr (fp_estate_get_site (loaded, 0)->name, ==, "Lift Centre, \"North\"");
  g_assert_cmpfloat (fp_estate_get_site (loaded, 0)->numbers[FP_SITE_VOID_ROOMS], ==, 4);
  g_assert_false (fp_estate_get_site (loaded, 4)->placed);
  g_assert_cmpint (fp_estate_get_site (loaded, 0)->prov[FP_SITE_VOID_ROOMS].kind, ==,
                   FP_PROV_ESTIMATED);
  g_assert_cmpstr (fp_estate_get_site (loaded, 0)->prov[FP_SITE_VOID_ROOMS].method_id, ==,
                   "calibrated");
  g_assert_cmpuint (loaded->source_rows->len, ==, 6);
  g_assert_cmpuint (loaded->services->len, ==, 2);
  g_assert_cmpuint (loaded->activity->len, ==, 3);
  g_assert_cmpuint (loaded->zones->len, ==, 3);
  g_assert_cmpfloat (fp_estate_get_assumption (loaded, "m2_per_room", 0), ==, 25);
  g_assert_cmpstr (fp_estate_find_assumption (loaded, "weeks_per_year")->prov.recorded_at, ==,
                   "2026-11-22");
  g_assert_cmpuint (loaded->sources->len, ==, 1);
  g_assert_cmpuint (loaded->methods->len, ==, 2);
  g_assert_cmpuint (loaded->organisations->len, ==, 2);
}

/* The schema of @path: every table, index and trigger as SQLite keeps its SQL, sorted. */
static char *
schema_of (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *schema = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, coalesce (sql, '') "
                                           "FROM sqlite_schema ORDER BY type, name", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (schema, "%s %s %s: %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (schema, FALSE);
}

static char *
pragma_text (const char *path,
             const char *pragma)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A document built in bulk from the built-in dataset (414 sites: many statements of many
 * rows for every large table) holds every record of it, and has the schema, indexes and
 * write-ahead log of a document made the ordinary way; saving the estate again over it (the
 * other path of the same code) keeps it whole. */
static void
test_bulk_round_trip (void)
{
  g_autofree char *path = fp_test_tmpfile ("bulk.footprint");
  g_autofree char *plain = fp_test_tmpfile ("plain.footprint");
  g_autofree char *bulk_schema = NULL;
  g_autofree char *plain_schema = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) original = fp_dataset_load_default (&error);
  g_autoptr(FpEstate) loaded = NULL;
  g_autoptr(FpEstate) again = NULL;
  g_autoptr(FpStore) store = NULL;

  g_assert_no_error (error);
  store = fp_store_create_from_dataset (path, NULL, FALSE, &error);
  g_assert_no_error (error);
  loaded = fp_store_load_estate (store, &error);
  g_assert_no_error (error);
  assert_estates_equal (original, loaded);
  g_assert_cmpuint (loaded->sites->len, >, 400);

  g_assert_true (fp_store_save_estate (store, original, &error));
  again = fp_store_load_estate (store, &error);
  g_assert_no_error (error);
  assert_estates_equal (original, again);
  g_clear_object (&store);

  store = fp_store_create (plain, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  bulk_schema = schema_of (path);
  plain_schema = schema_of (plain);
  g_assert_cmpstr (bulk_schema, ==, plain_schema);
  g_assert_nonnull (strstr (bulk_schema, "index site_sources_site"));
  mode = pragma_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal");
  check = pragma_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

/* A text file, an empty file and a short binary file are not documents; each is left as
 * it was. */
/* A document's details follow the estate saved last: an estate that does not say what
 * prices its costs are in does not inherit the label of the one it replaced. */
static void
test_resave_drops_old_details (void)
{
  g_autoptr(FpEstate) estate = fp_test_load_tiny ();
  g_autoptr(FpEstate) loaded = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fp_test_tmpfile ("resave.footprint");

  store = fp_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (fp_store_save_estate (store, estate, &error));
  g_clear_pointer (&estate->price_base, g_free);
  g_clear_pointer (&estate->price_index, g_free);
  g_assert_true (fp_store_save_estate (store, estate, &error));
  g_assert_no_error (error);

  loaded = fp_store_load_estate (store, &error);
  g_assert_no_error (error);
  g_assert_null (loaded->price_base);
  g_assert_null (loaded->price_index);
}

static void
test_refuse_not_sqlite (void)
{
  const struct { const char *name; const char *contents; gssize length; } cases[] = {
    { "notes.footprint", "site,name\nA,Hospital\n", -1 },
    { "empty.footprint", "", 0 },
    { "short.footprint", "SQLite format 3", 15 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = fp_test_tmpfile (cases[i].name);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FpStore) store = NULL;
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);

      write_file (path, cases[i].contents, cases[i].length);
      before = fp_test_file_checksum (path);

      store = fp_store_open (path, &error);
      g_assert_null (store);
      g_assert_error (error, FP_ERROR, FP_ERROR_NOT_A_DOCUMENT);
      g_assert_nonnull (strstr (error->message, "not a Footprint document"));

      after = fp_test_file_checksum (path);
      g_assert_cmpstr (before, ==, after);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
}

/* An SQLite database of another program is refused by its application id. */
static void
test_refuse_other_sqlite (void)
{
  g_autofree char *path = fp_test_tmpfile ("other.sqlite");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = fp_test_file_checksum (path);

  store = fp_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_A_DOCUMENT);
  g_assert_nonnull (strstr (error->message, "another program"));

  after = fp_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* A document from a newer Footprint is refused with a message that says so, and its
 * bytes do not change. */
static void
test_refuse_newer_schema (void)
{
  g_autofree char *path = fp_test_tmpfile ("newer.footprint");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *set_version = NULL;
  g_autoptr(FpEstate) estate = fp_test_load_tiny ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = NULL;
  sqlite3 *db;

  store = fp_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (fp_store_save_estate (store, estate, &error));
  g_clear_object (&store);

  /* Pretend a future Footprint wrote it. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  set_version = g_strdup_printf ("PRAGMA user_version = %d", FP_STORE_SCHEMA_VERSION + 7);
  g_assert_cmpint (sqlite3_exec (db, set_version, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  before = fp_test_file_checksum (path);

  store = fp_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, FP_ERROR, FP_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer version of Footprint"));

  after = fp_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
table_exists (FpStore    *store,
              const char *table)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (fp_store_get_db (store),
                                       "SELECT 1 FROM sqlite_schema WHERE type = 'table' "
                                       "AND name = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* A document at every older schema version opens, migrates to the current version and
 * then holds an estate. */
static void
test_migrate (void)
{
  for (int version = 0; version < FP_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("v%d.footprint", version);
      g_autofree char *path = fp_test_tmpfile (name);
      g_autoptr(FpEstate) estate = fp_test_load_tiny ();
      g_autoptr(FpEstate) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FpStore) store = NULL;

      store = fp_store_create_at_version (path, version, &error);
      g_assert_no_error (error);
      g_assert_cmpint (fp_store_get_schema_version (store), ==, version);
      g_assert_cmpint (table_exists (store, "sites"), ==, version >= 1);
      g_clear_object (&store);

      store = fp_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (fp_store_get_schema_version (store), ==, FP_STORE_SCHEMA_VERSION);
      g_assert_true (table_exists (store, "sites"));
      g_assert_true (table_exists (store, "provenance"));

      g_assert_true (fp_store_save_estate (store, estate, &error));
      g_assert_no_error (error);
      loaded = fp_store_load_estate (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (loaded->sites->len, ==, estate->sites->len);
    }
}

/* Creating over an existing file is refused and the file is untouched. */
static void
test_create_refuses_existing (void)
{
  g_autofree char *path = fp_test_tmpfile ("exists.footprint");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = NULL;

  write_file (path, "precious", -1);
  before = fp_test_file_checksum (path);

  store = fp_store_create (path, &error);
  g_assert_null (store);
  g_assert_error (error, FP_ERROR, FP_ERROR_EXISTS);
  after = fp_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* A save that fails half way (a site naming an organisation the document lacks breaks a
 * foreign key) leaves the earlier estate exactly as it was. */
static void
test_save_is_a_transaction (void)
{
  g_autofree char *path = fp_test_tmpfile ("transaction.footprint");
  g_autoptr(FpEstate) good = fp_test_load_tiny ();
  g_autoptr(FpEstate) bad = fp_test_load_tiny ();
  g_autoptr(FpEstate) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = NULL;
  FpSite *last;

  store = fp_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (fp_store_save_estate (store, good, &error));

  last = &g_array_index (bad->sites, FpSite, bad->sites->len - 1);
  g_free (last->texts[FP_SITE_ORGANISATION]);
  last->texts[FP_SITE_ORGANISATION] = g_strdup ("NO-SUCH-ORG");
  g_free (g_array_index (bad->sites, FpSite, 0).name);
  g_array_index (bad->sites, FpSite, 0).name = g_strdup ("Renamed before the failure");

  g_assert_false (fp_store_save_estate (store, bad, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "BR1"));
  g_clear_error (&error);

  loaded = fp_store_load_estate (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->sites->len, ==, good->sites->len);
  g_assert_cmpstr (fp_estate_get_site (loaded, 0)->name, ==, "Lift Centre, \"North\"");
  g_assert_cmpuint (loaded->zones->len, ==, 3);
}

/* The schema's CHECKs hold even against SQL that bypasses the core. */
static void
test_schema_checks (void)
{
  g_autofree char *path = fp_test_tmpfile ("checks.footprint");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_create (path, &error);
  const char *bad[] = {
    "INSERT INTO sites (id, name, site_type, tenure) VALUES ('A', 'A', 'castle', 'freehold')",
    "INSERT INTO sites (id, name, site_type, tenure) VALUES ('A', 'A', 'hub', 'rented')",
    "INSERT INTO sites (id, name, site_type, tenure, lat) VALUES ('A', 'A', 'hub', 'lift', 52.0)",
    "INSERT INTO sites (id, name, site_type, tenure, gia_m2) VALUES ('A', 'A', 'hub', 'lift', -5)",
    "INSERT INTO sites (id, name, site_type, tenure, gia_m2) VALUES ('A', 'A', 'hub', 'lift', 'big')",
    "INSERT INTO sites (id, name, site_type, tenure, hours_open_per_week) VALUES ('A', 'A', 'hub', 'lift', 200)",
    "INSERT INTO provenance (entity, entity_id, field, kind) VALUES ('site', 'A', 'gia_m2', 'estimated')",
    "INSERT INTO activity (site_id, service_id, volume) VALUES ('nowhere', 'nothing', 1)",
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int rc = sqlite3_exec (fp_store_get_db (store), bad[i], NULL, NULL, NULL);

      g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
    }
}

static FpStore *
tiny_store (const char *name,
            char      **path_out)
{
  g_autofree char *path = fp_test_tmpfile (name);
  g_autoptr(FpEstate) estate = fp_test_load_tiny ();
  g_autoptr(GError) error = NULL;
  FpStore *store = fp_store_create (path, &error);

  g_assert_no_error (error);
  g_assert_true (fp_store_save_estate (store, estate, &error));
  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return store;
}

static guint
n_scenarios (FpStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scenarios = fp_store_load_scenarios (store, &error);

  g_assert_no_error (error);
  return scenarios->len;
}

/* Whether the store holds a scenario of that name. */
static gboolean
has_scenario (FpStore    *store,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scenarios = fp_store_load_scenarios (store, &error);

  g_assert_no_error (error);
  return fp_scenario_find (scenarios, name) != NULL;
}

/* A store function called inside a transaction already open is a savepoint of it: the
 * outer rollback takes it back, the outer commit keeps it. */
static void
test_nested_transactions (void)
{
  g_autoptr(FpStore) store = tiny_store ("nested.footprint", NULL);
  g_autoptr(FpScenario) a = fp_scenario_new ("Rolled back");
  g_autoptr(FpScenario) b = fp_scenario_new ("Kept");
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_store_begin (store, &error));
  g_assert_true (fp_store_in_transaction (store));
  g_assert_true (fp_store_insert_scenario (store, a, FALSE, &error));
  g_assert_true (fp_store_in_transaction (store));
  fp_store_rollback (store);
  g_assert_false (fp_store_in_transaction (store));
  g_assert_cmpuint (n_scenarios (store), ==, 0);

  g_assert_true (fp_store_begin (store, &error));
  g_assert_true (fp_store_insert_scenario (store, b, FALSE, &error));
  /* A failing inner step (the name exists) undoes only itself. */
  g_assert_false (fp_store_insert_scenario (store, b, FALSE, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (fp_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_scenarios (store), ==, 1);
}

/* The -wal of a document that was deleted (its work never folded in) is not replayed
 * into the new document created at the same path (which is built elsewhere, complete, and
 * renamed into place, where SQLite would take the old log as its own). */
static void
test_orphan_log (void)
{
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(FpStore) store = tiny_store ("orphan.footprint", &path);
  g_autoptr(GError) error = NULL;
  guint examples;
  int status = 0;
  pid_t pid;

  g_clear_object (&store);
  wal = g_strconcat (path, "-wal", NULL);

  /* A program writes and dies without closing: its work is only in the log. */
  pid = fork ();
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open (path, &db) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0; INSERT INTO scenarios (name, "
                            "created_at, modified_at) VALUES ('Orphan', 'x', 'x')",
                        NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_unlink (path), ==, 0);
  /* A new default document holds only its example options, never the orphan's work. */
  store = fp_store_create_default (path, &error);
  g_assert_no_error (error);
  g_assert_false (has_scenario (store, "Orphan"));
  examples = n_scenarios (store);
  g_clear_object (&store);

  store = fp_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (has_scenario (store, "Orphan"));
  g_assert_cmpuint (n_scenarios (store), ==, examples);
}

/* A copy holds what is saved, including what is only in the log so far. */
static void
test_save_copy (void)
{
  g_autofree char *path = NULL;
  g_autofree char *out = fp_test_tmpfile ("copy.footprint");
  g_autoptr(FpStore) store = tiny_store ("to-copy.footprint", &path);
  g_autoptr(FpStore) copy = NULL;
  g_autoptr(FpScenario) s = fp_scenario_new ("In the log");
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (sqlite3_exec (fp_store_get_db (store), "PRAGMA wal_autocheckpoint = 0",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (fp_store_insert_scenario (store, s, FALSE, &error));

  g_assert_true (fp_store_save_copy (store, out, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (fp_store_save_copy (store, out, FALSE, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (fp_store_save_copy (store, path, TRUE, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  copy = fp_store_open (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_scenarios (copy), ==, 1);
  estate = fp_store_load_estate (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (estate->sites->len, ==, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/store/round-trip", test_round_trip);
  g_test_add_func ("/fp/store/bulk-round-trip", test_bulk_round_trip);
  g_test_add_func ("/fp/store/resave-drops-old-details", test_resave_drops_old_details);
  g_test_add_func ("/fp/store/refuse-not-sqlite", test_refuse_not_sqlite);
  g_test_add_func ("/fp/store/refuse-other-sqlite", test_refuse_other_sqlite);
  g_test_add_func ("/fp/store/refuse-newer-schema", test_refuse_newer_schema);
  g_test_add_func ("/fp/store/migrate", test_migrate);
  g_test_add_func ("/fp/store/create-refuses-existing", test_create_refuses_existing);
  g_test_add_func ("/fp/store/save-is-a-transaction", test_save_is_a_transaction);
  g_test_add_func ("/fp/store/schema-checks", test_schema_checks);
  g_test_add_func ("/fp/store/nested-transactions", test_nested_transactions);
  g_test_add_func ("/fp/store/orphan-log", test_orphan_log);
  g_test_add_func ("/fp/store/save-copy", test_save_copy);

  return g_test_run ();
}
