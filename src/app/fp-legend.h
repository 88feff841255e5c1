/* fp-legend.h: the map's key: colour, shape, symbols, size, zones and arrows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_LEGEND (fp_legend_get_type ())

G_DECLARE_FINAL_TYPE (FpLegend, fp_legend, FP, LEGEND, GtkWidget)

void     fp_legend_set_session     (FpLegend  *self,
                                    FpSession *session);
void     fp_legend_set_flow_max    (FpLegend  *self,
                                    double     max_volume,
                                    guint      n_flows);
void     fp_legend_set_expanded    (FpLegend  *self,
                                    gboolean   expanded);
gboolean fp_legend_get_expanded    (FpLegend  *self);
void     fp_legend_set_max_height  (FpLegend  *self,
                                    int        height);

G_END_DECLS
