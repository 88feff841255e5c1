/* fp-legend.h: the map's key: colour is tenure, shape is site type, size is floor area.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_LEGEND (fp_legend_get_type ())

G_DECLARE_FINAL_TYPE (FpLegend, fp_legend, FP, LEGEND, GtkWidget)

void fp_legend_set_document (FpLegend   *self,
                             FpWorkspace *document);
void fp_legend_set_expanded (FpLegend   *self,
                             gboolean    expanded);

G_END_DECLS
