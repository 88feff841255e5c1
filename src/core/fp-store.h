/* fp-store.h: one Footprint document, a SQLite file.
 *
 * The store owns the database connection. A document is WAL-mode SQLite with foreign
 * keys on and STRICT tables, identified by its application id; the schema moves forward
 * by numbered migrations (PRAGMA user_version) and a file from a newer Footprint, or a
 * file that is not a Footprint document, is refused untouched; a damaged one is reported
 * as damaged. A document that cannot be written is opened read-only. Replacing a document
 * and saving a copy are atomic (a temporary file, completed, then renamed). What the
 * document promises, and the tests that prove it: docs/reliability.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fp-estate.h"
#include "fp-scenario.h"

G_BEGIN_DECLS

/* "FPRT" */
#define FP_STORE_APPLICATION_ID 0x46505254
#define FP_STORE_SCHEMA_VERSION 7

#define FP_TYPE_STORE (fp_store_get_type ())

G_DECLARE_FINAL_TYPE (FpStore, fp_store, FP, STORE, GObject)

FpStore    *fp_store_create              (const char      *path,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
FpStore    *fp_store_open                (const char      *path,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
const char *fp_store_get_path            (FpStore         *self);
int         fp_store_get_schema_version  (FpStore         *self);
gboolean    fp_store_is_read_only        (FpStore         *self);
void        fp_store_set_busy            (FpStore         *self,
                                          const char      *reason);
gboolean    fp_store_in_transaction      (FpStore         *self);
gboolean    fp_store_checkpoint          (FpStore         *self,
                                          GError         **error);
gboolean    fp_store_save_copy           (FpStore         *self,
                                          const char      *destination,
                                          gboolean         replace,
                                          GError         **error);
gboolean    fp_store_recover             (const char      *path,
                                          const char      *output,
                                          gboolean         replace,
                                          GPtrArray       *report,
                                          GError         **error);

gboolean    fp_store_save_estate         (FpStore         *self,
                                          const FpEstate  *estate,
                                          GError         **error);
FpEstate   *fp_store_load_estate         (FpStore         *self,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    fp_store_check_integrity     (FpStore         *self,
                                          GPtrArray       *problems,
                                          GError         **error);

gboolean    fp_store_set_assumption      (FpStore         *self,
                                          const char      *key,
                                          double           value,
                                          const char      *unit,
                                          const char      *author,
                                          GError         **error);
GPtrArray  *fp_store_load_scenarios      (FpStore         *self,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    fp_store_insert_scenario     (FpStore         *self,
                                          const FpScenario *scenario,
                                          gboolean         replace,
                                          GError         **error);
gboolean    fp_store_delete_scenario     (FpStore         *self,
                                          const char      *name,
                                          GError         **error);
gboolean    fp_store_add_change          (FpStore         *self,
                                          const char      *scenario,
                                          const FpChange  *change,
                                          GError         **error);
gboolean    fp_store_set_applied         (FpStore         *self,
                                          const char      *scenario,
                                          guint            applied,
                                          GError         **error);
gboolean    fp_store_replace_change      (FpStore         *self,
                                          const char      *scenario,
                                          guint            index,
                                          const FpChange  *change,
                                          GError         **error);
gboolean    fp_store_remove_change       (FpStore         *self,
                                          const char      *scenario,
                                          guint            index,
                                          GError         **error);
gboolean    fp_store_move_change         (FpStore         *self,
                                          const char      *scenario,
                                          guint            from,
                                          guint            to,
                                          GError         **error);
gboolean    fp_store_rename_scenario     (FpStore         *self,
                                          const char      *name,
                                          const char      *new_name,
                                          GError         **error);
GHashTable *fp_store_load_assumption_values (FpStore      *self,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;

GPtrArray  *fp_store_load_overrides      (FpStore         *self,
                                          const char      *scenario,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    fp_store_set_override        (FpStore         *self,
                                          const FpCategoryOverride *override,
                                          GError         **error);
gboolean    fp_store_clear_override      (FpStore         *self,
                                          const char      *site_id,
                                          const char      *scenario,
                                          GError         **error);

FpStore    *fp_store_create_from_dataset (const char      *path,
                                          const char      *dataset,
                                          gboolean         replace,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
FpStore    *fp_store_create_default      (const char      *path,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
FpStore    *fp_store_create_default_full (const char      *path,
                                          gboolean         replace,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
FpStore    *fp_store_open_or_create_default (const char   *path,
                                          gboolean        *created,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
char       *fp_store_default_path        (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
