/* fuzz-xlsx.c: libFuzzer harness for the import's XLSX reader.
 *
 * The input is a workbook (a zip of XML parts). fp_table_xlsx_sheets() and
 * fp_table_read_xlsx() must refuse it with an FP_ERROR whose message is UTF-8, or read it:
 * the sheets listed are the sheets readable by name, each read gives a table of the shape
 * every reader's table has (fuzz-table.h), and reading with no sheet named works exactly
 * when there is one sheet.
 *
 * The seeds (tests/fuzz/corpus/xlsx) store their parts uncompressed, so that the fuzzer's
 * changes reach the XML (libgsf does not check a part's CRC); some are deflated, to reach
 * the inflater.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fp-error.h"
#include "fp-import-table.h"
#include "fuzz-common.h"
#include "fuzz-table.h"

/* Reading every sheet of a workbook of hundreds is slow and finds nothing more. */
#define MAX_SHEETS_READ 4

static void
check_refusal (const GError *error)
{
  FUZZ_CHECK (error != NULL && error->domain == FP_ERROR, "refused without an FP_ERROR");
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "a message that is not UTF-8");
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
  g_autoptr(GPtrArray) sheets = fp_table_xlsx_sheets (bytes, "fuzz.xlsx", &error);
  g_autoptr(FpTable) only = NULL;
  g_autoptr(GError) only_error = NULL;

  only = fp_table_read_xlsx (bytes, "fuzz.xlsx", NULL, &only_error);
  if (sheets == NULL)
    {
      check_refusal (error);
      FUZZ_CHECK (only == NULL, "a table from a workbook whose sheets cannot be listed");
      check_refusal (only_error);
      return 0;
    }
  FUZZ_CHECK (sheets->len > 0, "a workbook listed with no sheets");

  if (only != NULL)
    {
      FUZZ_CHECK (sheets->len == 1, "a table read with no sheet named from %u sheets",
                  sheets->len);
      FUZZ_CHECK (g_strcmp0 (only->sheet, g_ptr_array_index (sheets, 0)) == 0,
                  "the table of sheet “%s” is named “%s”",
                  (char *) g_ptr_array_index (sheets, 0), only->sheet);
      check_shape (only);
    }
  else
    {
      check_refusal (only_error);
      FUZZ_CHECK (sheets->len > 1 || only_error->code != FP_ERROR_INVALID_ARGUMENT,
                  "one sheet, yet asked to choose");
    }

  for (guint i = 0; i < MIN (sheets->len, MAX_SHEETS_READ); i++)
    {
      const char *name = g_ptr_array_index (sheets, i);
      g_autoptr(GError) sheet_error = NULL;
      g_autoptr(FpTable) table = fp_table_read_xlsx (bytes, "fuzz.xlsx", name, &sheet_error);

      FUZZ_CHECK (g_utf8_validate (name, -1, NULL), "a sheet name that is not UTF-8");
      if (table == NULL)
        {
          check_refusal (sheet_error);
          FUZZ_CHECK (sheet_error->code != FP_ERROR_NOT_FOUND,
                      "the listed sheet “%s” is not found", name);
          continue;
        }
      /* Two sheets may share a name in a damaged file; the first is read. */
      FUZZ_CHECK (g_strcmp0 (table->sheet, name) == 0, "asked for “%s”, read “%s”", name,
                  table->sheet);
      check_shape (table);
    }
  return 0;
}
