/* fp-format.h: numbers as people read them (£, m², grouping, "—" for unknown).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_FORMAT_UNKNOWN "—"

char *fp_format_count    (double value) G_GNUC_WARN_UNUSED_RESULT;
char *fp_format_money    (double value) G_GNUC_WARN_UNUSED_RESULT;
char *fp_format_money_short (double value) G_GNUC_WARN_UNUSED_RESULT;
char *fp_format_area     (double value) G_GNUC_WARN_UNUSED_RESULT;
char *fp_format_percent  (double fraction) G_GNUC_WARN_UNUSED_RESULT;
char *fp_format_decimal  (double value,
                          int    digits) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
