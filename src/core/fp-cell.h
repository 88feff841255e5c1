/* fp-cell.h: text bound for a spreadsheet cell, made safe to open.
 *
 * Text that came from users or data (scenario and site names, ids, owners, notes) must
 * never become a formula when a CSV file or a workbook is opened in a spreadsheet. Every
 * writer of CSV and of the workbook passes such text through fp_cell_text_safe(); the
 * rule is the one OWASP recommends against CSV injection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  fp_cell_text_is_risky  (const char *text);
char     *fp_cell_text_safe      (const char *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
