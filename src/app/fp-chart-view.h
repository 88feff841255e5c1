/* fp-chart-view.h: a line or bar chart of a few series, with axes, units and labels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "footprint-core.h"
#include "fp-chart.h"

G_BEGIN_DECLS

typedef enum
{
  FP_CHART_VIEW_LINES,
  FP_CHART_VIEW_BARS,
} FpChartViewStyle;

/* The markers of a line chart's series, in order (also written in legends). */
#define FP_CHART_MARKERS { "●", "■", "▲", "◆" }

#define FP_TYPE_CHART_VIEW (fp_chart_view_get_type ())

G_DECLARE_FINAL_TYPE (FpChartView, fp_chart_view, FP, CHART_VIEW, GtkWidget)

GtkWidget *fp_chart_view_new      (FpChartViewStyle    style,
                                   FpChartUnit         unit);
void       fp_chart_view_set_data (FpChartView        *self,
                                   const char * const *categories,
                                   guint               n_categories,
                                   guint               n_series,
                                   const double       *values,
                                   const char * const *series_names,
                                   const char         *summary);

G_END_DECLS
