/* fp-symbol-icon.h: a site symbol as a small widget, for list rows and the legend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_SYMBOL_ICON (fp_symbol_icon_get_type ())

G_DECLARE_FINAL_TYPE (FpSymbolIcon, fp_symbol_icon, FP, SYMBOL_ICON, GtkWidget)

GtkWidget *fp_symbol_icon_new (int      site_type,
                               int      tenure,
                               double   radius,
                               gboolean hollow);

G_END_DECLS
