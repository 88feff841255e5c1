/* fuzz-table.h: the shape every table the import's readers give must have.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fp-import-table.h"
#include "fuzz-common.h"

/* A header, rows numbered upwards past it, no row wider than the header or blank, every
 * cell UTF-8. */
static inline void
check_shape (const FpTable *table)
{
  guint last = table->header_row;

  FUZZ_CHECK (table->header->len > 0, "a table with no header");
  FUZZ_CHECK (table->header_row >= 1, "a header on row %u", table->header_row);
  for (guint i = 0; i < table->header->len; i++)
    FUZZ_CHECK (g_utf8_validate (g_ptr_array_index (table->header, i), -1, NULL),
                "a header cell that is not UTF-8");
  for (guint i = 0; i < table->rows->len; i++)
    {
      const FpTableRow *row = g_ptr_array_index (table->rows, i);
      gboolean blank = TRUE;

      FUZZ_CHECK (row->number > last, "row %u after row %u", row->number, last);
      FUZZ_CHECK (row->n_cells <= table->header->len, "a row of %u cells under %u headers",
                  row->n_cells, table->header->len);
      FUZZ_CHECK (row->cells[row->n_cells] == NULL, "a row's cells not NULL-terminated");
      for (guint j = 0; j < row->n_cells; j++)
        {
          FUZZ_CHECK (row->cells[j] != NULL && g_utf8_validate (row->cells[j], -1, NULL),
                      "a cell that is not UTF-8");
          for (const char *c = row->cells[j]; *c != '\0'; c++)
            blank = blank && g_ascii_isspace (*c);
        }
      FUZZ_CHECK (!blank, "a blank row kept, row %u", row->number);
      last = row->number;
    }
}
