/* fp-import.h: bringing a planner's register and the national returns into a document.
 *
 * An import runs in two steps, so a person can review it before anything is written:
 *
 *  1. fp_import_plan_new() reads and validates the whole file against the estate and
 *     returns an FpImportPlan: how each column was matched to a field, the new sites, every
 *     field that would change (old value → new value), the conflicts with another measured
 *     value (kept unless the user takes the file's value), rows that matched more than one
 *     site, and refused rows with their row, column and reason. Nothing is written; a
 *     progress callback and a GCancellable let a GTask run it off the main thread.
 *  2. fp_store_apply_import() writes the plan in one transaction and records it (who, when,
 *     file, SHA-256, counts) so fp_store_undo_import() can take it back as a whole, and
 *     fp_store_redo_import() can put it back.
 *
 * Formats: a register (CSV or one sheet of an XLSX workbook, columns matched by header and
 * synonyms), ERIC site data of any year since 2016/17, and the ODS epraccur and ebranchs
 * files. docs/import.md describes the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fp-estate.h"
#include "fp-store.h"

#include "fp-postcode.h"

G_BEGIN_DECLS

typedef enum
{
  FP_IMPORT_KIND_AUTO,       /* decide from the file */
  FP_IMPORT_KIND_REGISTER,   /* a planner's site register */
  FP_IMPORT_KIND_ERIC,       /* ERIC site data */
  FP_IMPORT_KIND_EPRACCUR,   /* ODS GP practices and prescribing cost centres */
  FP_IMPORT_KIND_EBRANCHS,   /* ODS GP branch surgeries */
} FpImportKind;

/**
 * FpImportOptions:
 * @kind: the file's kind, or FP_IMPORT_KIND_AUTO
 * @sheet: (nullable): the sheet of a workbook (required when it has several)
 * @maps: (nullable) (array zero-terminated=1): "FIELD=HEADER" corrections of the column
 *   matching, FIELD being a field's name, label or synonym (`GIA`, `gia_m2`, `Floor area`)
 * @name: (nullable): the register's name, recorded as the source of its values (default:
 *   the file's name without its extension)
 * @vintage: (nullable): the year of an ERIC file ("2019/20") when its name does not say
 * @take_file_values: resolve every conflict to the file's value
 */
typedef struct
{
  FpImportKind   kind;
  const char    *sheet;
  const char   **maps;
  const char    *name;
  const char    *vintage;
  gboolean       take_file_values;
} FpImportOptions;

/**
 * FpImportProblem:
 * @row: the row as the spreadsheet numbers it (0 for the whole file)
 * @column: (nullable): the column, "C “GIA (m²)”", or %NULL
 * @message: why, a full sentence
 * @text: (nullable): the whole message: "reg.csv, row 7, column C “GIA (m²)”: why"
 */
typedef struct
{
  guint  row;
  char  *column;
  char  *message;
  char  *text;
} FpImportProblem;

typedef enum
{
  FP_IMPORT_CHANGE_UPDATE,    /* the file's value replaces an estimate or an older return */
  FP_IMPORT_CHANGE_CONFLICT,  /* the document holds another measured value */
  FP_IMPORT_CHANGE_ESTIMATE,  /* re-estimated because a value it rests on changed */
} FpImportChangeKind;

/**
 * FpImportChange:
 * @row: the file's row
 * @site_id: the site
 * @site_name: its name
 * @field: the field (`gia_m2`, `tenure`, `lease_end_year`, ...)
 * @old_value: (nullable): the document's value, formatted ("—" when unknown)
 * @new_value: the file's value, formatted
 * @old_source: (nullable): where the document's value came from, for a conflict
 * @take: for a conflict: whether the file's value is to be taken
 */
typedef struct
{
  FpImportChangeKind  kind;
  guint               row;
  char               *site_id;
  char               *site_name;
  char               *field;
  char               *old_value;
  char               *new_value;
  char               *old_source;
  gboolean            take;
} FpImportChange;

/**
 * FpImportNewSite:
 * @row: the file's row
 * @site_id: the new site's id (its code, or one made from its name and postcode)
 * @name: its name
 * @postcode: (nullable): its postcode
 * @placed_by: how it was located: `postcode` or `coordinates`
 */
typedef struct
{
  guint  row;
  char  *site_id;
  char  *name;
  char  *postcode;
  char  *site_type;
  char  *placed_by;
} FpImportNewSite;

/**
 * FpImportColumn:
 * @field: the field's name (`gia_m2`)
 * @label: the field's column header in an export ("GIA (m²)")
 * @column: the file's column (0 is A)
 * @header: the file's header text
 * @how: `name`, `synonym` or `map` (set with FIELD=HEADER)
 * @held: %FALSE for a recognised column Footprint does not hold (NIA)
 */
typedef struct
{
  char     *field;
  char     *label;
  guint     column;
  char     *header;
  char     *how;
  gboolean  held;
} FpImportColumn;

typedef struct _FpImportPlan FpImportPlan;

typedef void (*FpImportProgressFunc) (double   fraction,
                                      gpointer user_data);

FpImportPlan     *fp_import_plan_new            (const FpEstate          *estate,
                                                 const char              *path,
                                                 const FpImportOptions   *options,
                                                 FpImportProgressFunc     progress,
                                                 gpointer                 user_data,
                                                 GCancellable            *cancellable,
                                                 GError                 **error)
                                                 G_GNUC_WARN_UNUSED_RESULT;
void              fp_import_plan_new_async      (const FpEstate          *estate,
                                                 const char              *path,
                                                 const FpImportOptions   *options,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
FpImportPlan     *fp_import_plan_new_finish     (GAsyncResult            *result,
                                                 GError                 **error)
                                                 G_GNUC_WARN_UNUSED_RESULT;
void              fp_import_plan_free           (FpImportPlan            *plan);

FpImportKind      fp_import_plan_get_kind       (const FpImportPlan      *plan);
const char       *fp_import_plan_get_file       (const FpImportPlan      *plan);
const char       *fp_import_plan_get_sheet      (const FpImportPlan      *plan);
const char       *fp_import_plan_get_sha256     (const FpImportPlan      *plan);
const char       *fp_import_plan_get_source_id  (const FpImportPlan      *plan);
guint             fp_import_plan_get_n_rows     (const FpImportPlan      *plan);
GPtrArray        *fp_import_plan_get_columns    (const FpImportPlan      *plan);
GPtrArray        *fp_import_plan_get_unmatched_headers (const FpImportPlan *plan);
GPtrArray        *fp_import_plan_get_new_sites  (const FpImportPlan      *plan);
GPtrArray        *fp_import_plan_get_changes    (const FpImportPlan      *plan);
GPtrArray        *fp_import_plan_get_ambiguous  (const FpImportPlan      *plan);
GPtrArray        *fp_import_plan_get_refused    (const FpImportPlan      *plan);
GPtrArray        *fp_import_plan_get_ignored    (const FpImportPlan      *plan);
guint             fp_import_plan_count_changes  (const FpImportPlan      *plan,
                                                 FpImportChangeKind       kind);
guint             fp_import_plan_count_updated_sites (const FpImportPlan *plan);
guint             fp_import_plan_count_refused_rows  (const FpImportPlan *plan);
gboolean          fp_import_plan_is_empty       (const FpImportPlan      *plan);
void              fp_import_plan_set_take       (FpImportPlan            *plan,
                                                 guint                    change,
                                                 gboolean                 take);
char             *fp_import_plan_to_json        (const FpImportPlan      *plan)
                                                 G_GNUC_WARN_UNUSED_RESULT;
char             *fp_import_plan_refused_report_path (const FpImportPlan *plan)
                                                 G_GNUC_WARN_UNUSED_RESULT;
gboolean          fp_import_plan_write_refused_report (const FpImportPlan *plan,
                                                 const char              *path,
                                                 GError                 **error);

const char       *fp_import_kind_to_string      (FpImportKind             kind);
void              fp_import_problem_free        (FpImportProblem         *problem);

/* The field names accepted by FpImportOptions.maps, with their export labels. */
GPtrArray        *fp_import_register_fields     (void) G_GNUC_WARN_UNUSED_RESULT;

/* Offline geocoding from the bundled postcode table (fp-postcode.h), with a message that
 * names the postcode when it cannot be placed. */
gboolean          fp_postcode_lookup            (const char              *postcode,
                                                 double                  *lat,
                                                 double                  *lon,
                                                 GError                 **error);

/**
 * FpImportRecord:
 * @id: the import's number in the document
 * @status: `applied` or `undone`
 */
typedef struct
{
  gint64  id;
  char   *recorded_at;
  char   *author;
  char   *kind;
  char   *file_name;
  char   *sheet;
  char   *sha256;
  char   *source_id;
  char   *status;
  guint   n_rows;
  guint   n_new;
  guint   n_updated;
  guint   n_conflicts;
  guint   n_refused;
} FpImportRecord;

gboolean          fp_store_apply_import         (FpStore                 *store,
                                                 const FpImportPlan      *plan,
                                                 const char              *author,
                                                 gint64                  *import_id,
                                                 GError                 **error);
gboolean          fp_store_undo_import          (FpStore                 *store,
                                                 gint64                  *import_id,
                                                 GError                 **error);
gboolean          fp_store_redo_import          (FpStore                 *store,
                                                 gint64                  *import_id,
                                                 GError                 **error);
GPtrArray        *fp_store_list_imports         (FpStore                 *store,
                                                 GError                 **error)
                                                 G_GNUC_WARN_UNUSED_RESULT;
void              fp_import_record_free         (FpImportRecord          *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpImportPlan, fp_import_plan_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpImportRecord, fp_import_record_free)

G_END_DECLS
