/* fp-chart.h: the geometry of a chart, without drawing it.
 *
 * Axes with "nice" ticks (1, 2, 2.5 or 5 times a power of ten) that cover the data and
 * start at zero where the data allow, the mapping of values to pixels, the bands of a
 * grouped bar chart and tick labels in the units of the data. The compare view draws
 * with these (GtkSnapshot and cairo); the tests check them without a display. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  FP_CHART_UNIT_MONEY,   /* GBP: £1.2m */
  FP_CHART_UNIT_SHARE,   /* a fraction: 80% */
  FP_CHART_UNIT_COUNT,   /* a number of things: 1,200 */
} FpChartUnit;

/**
 * FpChartAxis:
 * @min: the axis starts here (a tick)
 * @max: and ends here (a tick)
 * @step: between ticks
 * @n_ticks: ticks from @min to @max inclusive
 *
 * A value axis: @min ≤ every value ≤ @max. A bar chart's axis holds 0 (bars start at
 * zero); a line chart's may start elsewhere, to show how the lines differ.
 */
typedef struct
{
  double min;
  double max;
  double step;
  guint  n_ticks;
} FpChartAxis;

double  fp_chart_nice_step     (double            range,
                                guint             max_ticks);
void    fp_chart_axis_init     (FpChartAxis      *axis,
                                double            min,
                                double            max,
                                guint             max_ticks,
                                gboolean          from_zero,
                                double            empty_span);
double  fp_chart_axis_tick     (const FpChartAxis *axis,
                                guint             i);
double  fp_chart_axis_map      (const FpChartAxis *axis,
                                double            value,
                                double            from,
                                double            to);
char   *fp_chart_format_tick   (const FpChartAxis *axis,
                                double            value,
                                FpChartUnit       unit) G_GNUC_WARN_UNUSED_RESULT;
void    fp_chart_band          (double            start,
                                double            length,
                                guint             n_groups,
                                guint             n_series,
                                guint             group,
                                guint             series,
                                double           *bar_start,
                                double           *bar_length);

G_END_DECLS
