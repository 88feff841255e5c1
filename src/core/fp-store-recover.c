/* fp-store-recover.c: rescue what can still be read from a damaged document.
 *
 * SQLite's own ".recover" needs the sqlite_dbpage table, which Debian 12's sqlite3 is
 * built without, so a planner on the platform Footprint targets has no way to rescue a
 * damaged document's months of work. This one reads the damaged file table by table,
 * forwards until the first page it cannot read and then backwards from the end, into a
 * new document with the current schema; rows that refer to rows lost are dropped (or, for
 * an optional reference, lose it), and the result must open as a document before it is
 * put in place. It never writes to the damaged file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-store"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "fp-compute.h"
#include "fp-error.h"
#include "fp-store-private.h"

/* An identifier from a Footprint schema, quoted for SQL. */
static char *
quote (const char *identifier)
{
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *p = identifier; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static GPtrArray *
column_names (sqlite3    *db,
              const char *table,
              GPtrArray **key)
{
  g_autofree char *sql = NULL;
  g_autofree char *quoted = quote (table);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  sql = g_strdup_printf ("PRAGMA table_info (%s)", quoted);
  if (key != NULL)
    *key = g_ptr_array_new_with_free_func (g_free);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        const char *name = (const char *) sqlite3_column_text (stmt, 1);
        int pk = sqlite3_column_int (stmt, 5);

        g_ptr_array_add (names, g_strdup (name));
        if (key != NULL && pk > 0)
          {
            if ((guint) pk > (*key)->len)
              g_ptr_array_set_size (*key, pk);
            g_ptr_array_index (*key, pk - 1) = g_strdup (name);
          }
      }
  sqlite3_finalize (stmt);
  return names;
}

static gboolean
has_rowid (sqlite3    *db,
           const char *table)
{
  g_autofree char *quoted = quote (table);
  g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM %s LIMIT 0", quoted);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

typedef struct
{
  guint    copied;
  guint    skipped;    /* rows read but not allowed by the schema */
  gboolean complete;   /* read to the end without meeting damage */
} TableCopy;

/* Copies what @select reads into @insert; returns FALSE at the first row it cannot read. */
static gboolean
copy_rows (sqlite3_stmt *select,
           sqlite3_stmt *insert,
           sqlite3      *to,
           TableCopy    *copy)
{
  int rc;

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (select); i++)
        sqlite3_bind_value (insert, i + 1, sqlite3_column_value (select, i));

      if (sqlite3_step (insert) == SQLITE_DONE && sqlite3_changes (to) > 0)
        copy->copied++;
      else
        copy->skipped++;  /* a repeat, or a value the schema does not allow */
      sqlite3_reset (insert);
      sqlite3_clear_bindings (insert);
    }

  return rc == SQLITE_DONE;
}

static TableCopy
copy_table (sqlite3    *from,
            sqlite3    *to,
            const char *table)
{
  g_autoptr(GPtrArray) source_columns = column_names (from, table, NULL);
  g_autoptr(GPtrArray) key = NULL;
  g_autoptr(GPtrArray) columns = column_names (to, table, &key);
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GString) marks = g_string_new (NULL);
  g_autoptr(GString) order = g_string_new (NULL);
  g_autofree char *quoted = quote (table);
  g_autofree char *insert_sql = NULL;
  TableCopy copy = { 0, 0, FALSE };
  sqlite3_stmt *insert = NULL;

  for (guint i = 0; i < columns->len; i++)
    {
      const char *name = g_ptr_array_index (columns, i);
      g_autofree char *q = NULL;

      if (!g_ptr_array_find_with_equal_func (source_columns, name, g_str_equal, NULL))
        continue;
      q = quote (name);
      g_string_append_printf (list, "%s%s", list->len > 0 ? ", " : "", q);
      g_string_append_printf (marks, "%s?", marks->len > 0 ? ", " : "");
    }
  if (list->len == 0)
    return copy;

  /* Backwards by the table's own order: rowid, or the primary key of a WITHOUT ROWID
   * table, so the scan from the end walks the same tree from its other side. */
  if (has_rowid (from, table))
    g_string_append (order, "rowid");
  for (guint i = 0; order->len == 0 && key != NULL && i < key->len; i++)
    {
      g_autofree char *q = quote (g_ptr_array_index (key, i));
      g_string_append_printf (order, "%s%s DESC", i > 0 ? ", " : "", q);
    }
  if (g_str_equal (order->str, "rowid"))
    g_string_append (order, " DESC");

  insert_sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (%s) VALUES (%s)", quoted, list->str,
                                marks->str);
  if (sqlite3_prepare_v2 (to, insert_sql, -1, &insert, NULL) != SQLITE_OK)
    return copy;

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autofree char *sql = pass == 0
        ? g_strdup_printf ("SELECT %s FROM %s", list->str, quoted)
        : g_strdup_printf ("SELECT %s FROM %s ORDER BY %s", list->str, quoted, order->str);
      sqlite3_stmt *select = NULL;
      gboolean whole;

      if (pass == 1 && order->len == 0)
        break;
      if (sqlite3_prepare_v2 (from, sql, -1, &select, NULL) != SQLITE_OK)
        break;
      whole = copy_rows (select, insert, to, &copy);
      sqlite3_finalize (select);
      if (whole)
        {
          copy.complete = pass == 0;
          break;
        }
    }

  sqlite3_finalize (insert);
  return copy;
}

/* Removes (or, for an optional reference, clears) references to rows that were lost,
 * until the foreign keys hold; returns how many rows were touched. */
static guint
drop_dangling (sqlite3 *db)
{
  guint touched = 0;

  for (guint round = 0; round < 8; round++)
    {
      g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt = NULL;
      guint before = touched;

      if (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                  "AND name NOT LIKE 'sqlite_%'", -1, &stmt, NULL) == SQLITE_OK)
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_finalize (stmt);

      for (guint t = 0; t < tables->len; t++)
        {
          const char *table = g_ptr_array_index (tables, t);
          g_autofree char *qt = quote (table);
          g_autofree char *sql = g_strdup_printf ("PRAGMA foreign_key_list (%s)", qt);
          sqlite3_stmt *fk = NULL;

          if (sqlite3_prepare_v2 (db, sql, -1, &fk, NULL) != SQLITE_OK)
            continue;
          while (sqlite3_step (fk) == SQLITE_ROW)
            {
              g_autofree char *parent = quote ((const char *) sqlite3_column_text (fk, 2));
              g_autofree char *from = quote ((const char *) sqlite3_column_text (fk, 3));
              g_autofree char *to = quote ((const char *) sqlite3_column_text (fk, 4));
              g_autofree char *dangling = g_strdup_printf (
                "%s IS NOT NULL AND %s NOT IN (SELECT %s FROM %s)", from, from, to, parent);
              g_autofree char *clear = g_strdup_printf (
                "UPDATE OR IGNORE %s SET %s = NULL WHERE %s", qt, from, dangling);
              g_autofree char *remove = g_strdup_printf (
                "DELETE FROM %s WHERE %s", qt, dangling);

              if (sqlite3_exec (db, clear, NULL, NULL, NULL) == SQLITE_OK)
                touched += sqlite3_changes (db);
              if (sqlite3_exec (db, remove, NULL, NULL, NULL) == SQLITE_OK)
                touched += sqlite3_changes (db);
            }
          sqlite3_finalize (fk);
        }

      if (touched == before)
        break;
    }

  return touched;
}

/* Whether the file starts as a Footprint document; its header is not damaged content the
 * rescue could skip. */
static gboolean
is_footprint_file (const char *path,
                   GError    **error)
{
  static const char magic[16] = "SQLite format 3";
  guint8 header[100];
  gsize n = 0;
  gboolean read = fp_store_read_head (path, header, sizeof header, &n, NULL);

  if (!read || n < sizeof header || memcmp (header, magic, sizeof magic) != 0 ||
      (((guint32) header[68] << 24) | ((guint32) header[69] << 16) |
       ((guint32) header[70] << 8) | header[71]) != FP_STORE_APPLICATION_ID)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_A_DOCUMENT,
                   _("Nothing can be rescued from “%s”: it does not start as a Footprint "
                     "document"), path);
      return FALSE;
    }

  return TRUE;
}

/* Opens the damaged file for reading only, through its log if it has one. */
static sqlite3 *
open_damaged (const char *path,
              GError    **error)
{
  g_autofree char *escaped = g_uri_escape_string (path, "/", TRUE);
  const char *modes[] = { "?mode=ro", "?immutable=1" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autofree char *uri = g_strconcat ("file:", escaped, modes[i], NULL);
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);

      if (rc == SQLITE_OK)
        {
          sqlite3_busy_timeout (db, 5000);
          /* SQLite refuses a file shorter than its header says unless the schema is
           * "writable"; nothing is written through this read-only connection. */
          sqlite3_exec (db, "PRAGMA writable_schema = ON", NULL, NULL, NULL);
          rc = sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema", -1, &stmt, NULL);
          if (rc == SQLITE_OK)
            rc = sqlite3_step (stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode (db);
          sqlite3_finalize (stmt);
        }
      if (rc == SQLITE_OK)
        return db;
      sqlite3_close (db);
    }

  g_set_error (error, FP_ERROR, FP_ERROR_DAMAGED,
               _("Nothing can be rescued from “%s”: even the list of its tables cannot be "
                 "read. Open your last copy of it instead."), path);
  return NULL;
}

/**
 * fp_store_recover:
 * @path: a damaged Footprint document; it is only read
 * @output: where the rescued document goes
 * @replace: whether it may replace a file at @output
 * @report: (element-type utf8): where to append one line per table: what was rescued, and
 *   whether rows may have been lost
 * @error: return location for an error
 *
 * Rescues every row that can still be read from @path into a new document at @output
 * (see the top of this file). The new document must open and load; it is put in place
 * with one rename, so a failure leaves nothing at @output.
 *
 * Returns: %TRUE if a document was rescued
 */
gboolean
fp_store_recover (const char *path,
                  const char *output,
                  gboolean    replace,
                  GPtrArray  *report,
                  GError    **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(FpStore) rescued = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *from;
  sqlite3 *to;
  sqlite3_stmt *stmt = NULL;
  guint dropped;

  g_return_val_if_fail (path != NULL && output != NULL, FALSE);

  if (!replace && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                   _("“%s” already exists; choose another name or replace it"), output);
      return FALSE;
    }

  if (!is_footprint_file (path, error))
    return FALSE;

  from = open_damaged (path, error);
  if (from == NULL)
    return FALSE;

  tmp = fp_store_prepare_temporary (output, error);
  if (tmp != NULL)
    rescued = fp_store_create_for (tmp, output, error);
  if (rescued == NULL)
    {
      sqlite3_close (from);
      return FALSE;
    }

  to = fp_store_get_db (rescued);
  sqlite3_exec (to, "PRAGMA foreign_keys = OFF; BEGIN", NULL, NULL, NULL);

  /* The tables of the current schema, in the order they were made (each after the ones it
   * refers to), that the damaged file has too. */
  if (sqlite3_prepare_v2 (to, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                              "AND name NOT LIKE 'sqlite_%' ORDER BY rowid", -1, &stmt,
                          NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      TableCopy copy = copy_table (from, to, table);

      if (report == NULL)
        continue;
      if (copy.complete)
        g_ptr_array_add (report, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%s: %u row rescued",
                                                               "%s: %u rows rescued",
                                                               copy.copied),
                                                  table, copy.copied));
      else
        g_ptr_array_add (report, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%s: %u row rescued; rows in "
                                                               "damaged pages are lost",
                                                               "%s: %u rows rescued; rows in "
                                                               "damaged pages are lost",
                                                               copy.copied),
                                                  table, copy.copied));
    }
  sqlite3_close (from);

  dropped = drop_dangling (to);
  if (report != NULL && dropped > 0)
    g_ptr_array_add (report, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u row referred to rows that were "
                                                           "lost, and was dropped or cleared",
                                                           "%u rows referred to rows that were "
                                                           "lost, and were dropped or cleared",
                                                           dropped), dropped));

  if (sqlite3_exec (to, "COMMIT; PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
    {
      fp_store_set_error (rescued, error, _("save the rescued rows"));
      g_clear_object (&rescued);
      g_unlink (tmp);
      return FALSE;
    }

  /* What was rescued must be a document: it opens, its estate loads and makes a model,
   * and its scenarios load. */
  {
    g_autoptr(FpEstate) estate = fp_store_load_estate (rescued, error);
    g_autoptr(FpModel) model = estate != NULL ? fp_model_new (estate, error) : NULL;
    g_autoptr(GPtrArray) scenarios = model != NULL ? fp_store_load_scenarios (rescued, error)
                                                   : NULL;

    g_clear_object (&rescued);
    if (scenarios == NULL)
      {
        g_unlink (tmp);
        g_prefix_error (error, _("Too little of “%s” could be read to make a document: "),
                        path);
        return FALSE;
      }
  }

  return fp_store_put_in_place (tmp, output, replace, error);
}
