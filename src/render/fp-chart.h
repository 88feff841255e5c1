/* fp-chart.h: a chart's data and its geometry, free of GTK, cairo and pango.
 *
 * A chart is a few series of values by year (options of an appraisal, say). What is
 * worked out here is pure arithmetic, so it is unit-tested without a display: the axis's
 * round ticks, tick labels in the units of the data, where the plot sits in the page once
 * the caller has measured its text, where each value lands, how many year labels fit, and
 * the bands of a grouped bar chart. fp-render.c draws an FpChart with cairo and pango, for
 * the window and for PNG, PDF and SVG files; the compare view's charts (fp-chart-view.c)
 * draw with the axis, the ticks and the bands alone.
 *
 * The figures a chart holds are the core's (fp_option_appraisal_cumulative_npv(), an
 * option's running cost): nothing here computes a figure of the model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "footprint-core.h"

G_BEGIN_DECLS

typedef enum
{
  FP_CHART_UNIT_MONEY,   /* GBP: £1.2m */
  FP_CHART_UNIT_SHARE,   /* a fraction: 80% */
  FP_CHART_UNIT_COUNT,   /* a number of things: 1,200 */
} FpChartUnit;

typedef enum
{
  FP_CHART_NET_BENEFIT,     /* cumulative risk-adjusted net present value by year */
  FP_CHART_RUNNING_COST,    /* the estate's running cost by year */
  FP_N_CHART_KINDS
} FpChartKind;

/**
 * FpChartSeries:
 * @label: the series' name, as the key shows it
 * @values: (array length=n_values): one value per year; NAN where there is none
 * @n_values: how many
 * @rgb: its colour, 0xRRGGBB
 * @dashed: drawn dashed (the reference: Do nothing)
 */
typedef struct
{
  char     *label;
  double   *values;
  guint     n_values;
  guint32   rgb;
  gboolean  dashed;
} FpChartSeries;

/**
 * FpChart:
 * @title: what the chart shows, a sentence's worth
 * @subtitle: (nullable): its unit and basis ("£, 2024 prices, discounted")
 * @first_year: the calendar year of the first value
 * @n_years: how many years
 * @series: (element-type FpChartSeries): in the key's order
 * @include_zero: whether the value axis must reach zero
 * @unit: what the values are (money unless said otherwise), for the tick labels
 * @note: (nullable): a line under the chart (its source)
 */
typedef struct
{
  char        *title;
  char        *subtitle;
  int          first_year;
  guint        n_years;
  GPtrArray   *series;
  gboolean     include_zero;
  FpChartUnit  unit;
  char        *note;
} FpChart;

/**
 * FpChartRect:
 *
 * A rectangle in the page's units (pixels or points), y down.
 */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} FpChartRect;

/**
 * FpChartAxis:
 * @min: the axis's lowest value (a multiple of @step)
 * @max: its highest value (a multiple of @step)
 * @step: between ticks: 1, 2, 2.5 or 5 × 10^k
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

/**
 * FpChartMetrics:
 * @y_label_width: the widest value label, measured by the caller
 * @x_label_width: the widest year label
 * @text_height: the height of a line of label text
 * @title_height: the height the title and subtitle take (0 for none)
 * @key_height: the height the key takes under the plot (0 for none)
 * @note_height: the height of the note line (0 for none)
 * @padding: space around and between the parts
 */
typedef struct
{
  double y_label_width;
  double x_label_width;
  double text_height;
  double title_height;
  double key_height;
  double note_height;
  double padding;
} FpChartMetrics;

/**
 * FpChartLayout:
 * @page: the whole chart
 * @plot: where the values are drawn (inside the axes)
 * @axis: the value axis
 * @x_label_every: a year label every this many years, so they never overlap
 * @key_y: the top of the key
 * @note_y: the top of the note
 */
typedef struct
{
  FpChartRect  page;
  FpChartRect  plot;
  FpChartAxis  axis;
  guint        x_label_every;
  double       key_y;
  double       note_y;
} FpChartLayout;

FpChart      *fp_chart_new                 (const char          *title,
                                            const char          *subtitle,
                                            int                  first_year,
                                            guint                n_years)
                                            G_GNUC_WARN_UNUSED_RESULT;
void          fp_chart_free                (FpChart             *chart);
FpChartSeries *fp_chart_add_series         (FpChart             *chart,
                                            const char          *label,
                                            const double        *values,
                                            guint32              rgb,
                                            gboolean             dashed);
gboolean      fp_chart_get_range           (const FpChart       *chart,
                                            double              *min,
                                            double              *max);

FpChart      *fp_chart_new_for_appraisal   (const FpAppraisal   *appraisal,
                                            FpChartKind          kind) G_GNUC_WARN_UNUSED_RESULT;
const char   *fp_chart_kind_to_string      (FpChartKind          kind);
gboolean      fp_chart_kind_from_string    (const char          *text,
                                            FpChartKind         *kind);

double        fp_chart_nice_step           (double               range,
                                            guint                max_intervals);
double        fp_chart_unit_empty_span     (FpChartUnit          unit);
gboolean      fp_chart_axis_nice           (double               lo,
                                            double               hi,
                                            guint                max_ticks,
                                            gboolean             include_zero,
                                            double               empty_span,
                                            FpChartAxis         *axis);
double        fp_chart_axis_tick           (const FpChartAxis   *axis,
                                            guint                i);
double        fp_chart_axis_map            (const FpChartAxis   *axis,
                                            double               value,
                                            double               from,
                                            double               to);
char         *fp_chart_format_tick         (const FpChartAxis   *axis,
                                            double               value,
                                            FpChartUnit          unit)
                                            G_GNUC_WARN_UNUSED_RESULT;
void          fp_chart_band                (double               start,
                                            double               length,
                                            guint                n_groups,
                                            guint                n_series,
                                            guint                group,
                                            guint                series,
                                            double              *bar_start,
                                            double              *bar_length);
void          fp_chart_layout              (const FpChart       *chart,
                                            double               width,
                                            double               height,
                                            const FpChartMetrics *metrics,
                                            FpChartLayout       *layout);
double        fp_chart_layout_x            (const FpChartLayout *layout,
                                            guint                n_years,
                                            guint                year);
double        fp_chart_layout_y            (const FpChartLayout *layout,
                                            double               value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpChart, fp_chart_free)

G_END_DECLS
