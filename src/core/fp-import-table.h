/* fp-import-table.h: a spreadsheet's cells, read from CSV or from one sheet of an XLSX file.
 *
 * Both readers give the same FpTable: a header row and data rows of text cells, each row
 * numbered as a spreadsheet shows it (the header is row 1 of a CSV file), so every message
 * about a cell can name the row and column a person sees when they open the file. The
 * CSV reader is one small RFC 4180 reader (BOM, CR LF, quoted newlines); the XLSX reader
 * opens the zip with libgsf and reads the XML parts with libxml2, taking the saved value
 * of a formula. Both read from memory, so they can be fuzzed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers are small (5,000 rows are about 1 MB); a file larger than this is refused
 * before it is read, and so is an XLSX part that would unpack larger. */
#define FP_TABLE_MAX_BYTES ((gsize) 32 * 1024 * 1024)
#define FP_TABLE_MAX_PART_BYTES ((gsize) 256 * 1024 * 1024)

/* The columns a sheet can hold (A to XFD). */
#define FP_TABLE_MAX_COLUMNS 16384u

/* A cell of an XLSX file that holds a formula with no saved value. */
#define FP_TABLE_CELL_UNCALCULATED 0x1

typedef struct
{
  guint    number;   /* the row as a spreadsheet numbers it (1-based) */
  guint    n_cells;
  char   **cells;    /* n_cells strings, never NULL ("" when empty) */
  guint8  *flags;    /* n_cells FP_TABLE_CELL_* flags, or NULL when none is set */
} FpTableRow;

typedef struct
{
  char       *file;        /* the file's name, for messages */
  char       *sheet;       /* the XLSX sheet read, or NULL for CSV */
  guint       header_row;  /* the header's row number */
  GPtrArray  *header;      /* (element-type utf8) */
  GPtrArray  *rows;        /* (element-type FpTableRow) data rows, blank rows left out */
} FpTable;

FpTable    *fp_table_read_csv        (GBytes          *data,
                                      const char      *file,
                                      GError         **error) G_GNUC_WARN_UNUSED_RESULT;
FpTable    *fp_table_read_xlsx       (GBytes          *data,
                                      const char      *file,
                                      const char      *sheet,
                                      GError         **error) G_GNUC_WARN_UNUSED_RESULT;
GPtrArray  *fp_table_xlsx_sheets     (GBytes          *data,
                                      const char      *file,
                                      GError         **error) G_GNUC_WARN_UNUSED_RESULT;
FpTable    *fp_table_read_file       (const char      *path,
                                      const char      *sheet,
                                      GBytes         **contents,
                                      GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    fp_table_is_xlsx         (GBytes          *data);
void        fp_table_free            (FpTable         *table);
const char *fp_table_cell            (const FpTableRow *row,
                                      guint            column);
char       *fp_table_column_name     (guint            column) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpTable, fp_table_free)

G_END_DECLS
