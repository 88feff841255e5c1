/* fp-cell.c: text bound for a spreadsheet cell, made safe to open (fp-cell.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-cell"

#include "config.h"

#include "fp-cell.h"

/**
 * fp_cell_text_is_risky:
 * @text: (nullable): a cell's text
 *
 * A spreadsheet reads a cell that begins with `=`, `+`, `-` or `@` as a formula, and
 * some also after a leading tab or carriage return (OWASP, "CSV Injection").
 *
 * Returns: whether @text would be read as a formula (or the start of one)
 */
gboolean
fp_cell_text_is_risky (const char *text)
{
  if (text == NULL)
    return FALSE;

  switch (text[0])
    {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * fp_cell_text_safe:
 * @text: (nullable): a cell's text, from a user or from data
 *
 * Neutralises text that a spreadsheet would read as a formula by prefixing a single
 * quote, as OWASP recommends; other text is returned unchanged. The caller still quotes
 * the field as its format requires (RFC 4180 for CSV).
 *
 * Returns: (transfer full) (nullable): the text to write, %NULL for %NULL
 */
char *
fp_cell_text_safe (const char *text)
{
  if (text == NULL)
    return NULL;

  if (fp_cell_text_is_risky (text))
    return g_strconcat ("'", text, NULL);

  return g_strdup (text);
}
