/* fuzz-csv.c: libFuzzer harness for the import's CSV reader.
 *
 * The input is a CSV file. fp_table_read_csv() must refuse it with an FP_ERROR whose message
 * is UTF-8, or read it into a table whose shape holds: a header, rows numbered upwards, no
 * row wider than the header, every cell UTF-8. And the table must survive a round trip:
 * written back as CSV with every cell quoted, it reads as the same cells.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fp-error.h"
#include "fp-import-table.h"
#include "fuzz-common.h"
#include "fuzz-table.h"

static void
append_record (GString     *out,
               char *const *cells,
               guint        n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      g_string_append (out, i > 0 ? ",\"" : "\"");
      for (const char *c = cells[i]; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '"');
    }
  g_string_append (out, "\r\n");
}

/* The table as CSV with every cell quoted; a byte order mark first, so that a header
 * cell that starts with one keeps it. */
static GBytes *
write_csv (const FpTable *table)
{
  GString *out = g_string_new ("\xef\xbb\xbf");

  append_record (out, (char *const *) table->header->pdata, table->header->len);
  for (guint i = 0; i < table->rows->len; i++)
    {
      const FpTableRow *row = g_ptr_array_index (table->rows, i);

      append_record (out, row->cells, row->n_cells);
    }
  return g_string_free_to_bytes (out);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpTable) table = fp_table_read_csv (bytes, "fuzz.csv", &error);
  g_autoptr(GBytes) written = NULL;
  g_autoptr(FpTable) again = NULL;
  g_autoptr(GError) again_error = NULL;

  if (table == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == FP_ERROR, "refused without an FP_ERROR");
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "a message that is not UTF-8");
      return 0;
    }
  FUZZ_CHECK (error == NULL, "a table and an error");
  check_shape (table);

  written = write_csv (table);
  again = fp_table_read_csv (written, "again.csv", &again_error);
  FUZZ_CHECK (again != NULL, "the table written back is refused: %s", again_error->message);
  FUZZ_CHECK (again->header->len == table->header->len, "%u headers, then %u",
              table->header->len, again->header->len);
  for (guint i = 0; i < table->header->len; i++)
    FUZZ_CHECK (strcmp (g_ptr_array_index (table->header, i),
                        g_ptr_array_index (again->header, i)) == 0, "header %u changed", i);
  FUZZ_CHECK (again->rows->len == table->rows->len, "%u rows, then %u", table->rows->len,
              again->rows->len);
  for (guint i = 0; i < table->rows->len; i++)
    {
      const FpTableRow *a = g_ptr_array_index (table->rows, i);
      const FpTableRow *b = g_ptr_array_index (again->rows, i);

      FUZZ_CHECK (a->n_cells == b->n_cells, "row %u: %u cells, then %u", a->number,
                  a->n_cells, b->n_cells);
      for (guint j = 0; j < a->n_cells; j++)
        FUZZ_CHECK (strcmp (a->cells[j], b->cells[j]) == 0, "row %u, cell %u changed",
                    a->number, j);
    }
  return 0;
}
