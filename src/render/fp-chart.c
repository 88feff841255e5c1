/* fp-chart.c: a chart's series, its value axis, tick labels and where everything goes on
 * the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-chart.h"
#include "fp-palette.h"

/* Room left between the groups of a bar chart, and between the bars of one group, as a
 * share of a group's band. */
#define GROUP_GAP 0.25
#define BAR_GAP   0.08

static const char * const kind_names[FP_N_CHART_KINDS] = { "net-benefit", "running-cost" };

static void
series_free (gpointer data)
{
  FpChartSeries *series = data;

  g_free (series->label);
  g_free (series->values);
  g_free (series);
}

/**
 * fp_chart_new:
 * @title: what the chart shows
 * @subtitle: (nullable): its unit and basis
 * @first_year: the calendar year of the first value
 * @n_years: how many years each series has
 *
 * Returns: (transfer full): a chart with no series
 */
FpChart *
fp_chart_new (const char *title,
              const char *subtitle,
              int         first_year,
              guint       n_years)
{
  FpChart *chart = g_new0 (FpChart, 1);

  chart->title = g_strdup (title);
  chart->subtitle = g_strdup (subtitle);
  chart->first_year = first_year;
  chart->n_years = n_years;
  chart->series = g_ptr_array_new_with_free_func (series_free);
  chart->include_zero = TRUE;
  chart->unit = FP_CHART_UNIT_MONEY;
  return chart;
}

void
fp_chart_free (FpChart *chart)
{
  if (chart == NULL)
    return;

  g_free (chart->title);
  g_free (chart->subtitle);
  g_free (chart->note);
  g_ptr_array_unref (chart->series);
  g_free (chart);
}

/**
 * fp_chart_add_series:
 * @chart: a chart
 * @label: the series' name
 * @values: (array): @chart's n_years values (copied)
 * @rgb: its colour
 * @dashed: whether it is drawn dashed
 *
 * Returns: (transfer none): the series added
 */
FpChartSeries *
fp_chart_add_series (FpChart      *chart,
                     const char   *label,
                     const double *values,
                     guint32       rgb,
                     gboolean      dashed)
{
  FpChartSeries *series = g_new0 (FpChartSeries, 1);

  series->label = g_strdup (label);
  series->n_values = chart->n_years;
  series->values = g_memdup2 (values, sizeof (double) * MAX (chart->n_years, 1));
  series->rgb = rgb;
  series->dashed = dashed;
  g_ptr_array_add (chart->series, series);
  return series;
}

/**
 * fp_chart_get_range:
 * @chart: a chart
 * @min: (out): the smallest finite value
 * @max: (out): the largest finite value
 *
 * Returns: whether the chart has a finite value at all
 */
gboolean
fp_chart_get_range (const FpChart *chart,
                    double        *min,
                    double        *max)
{
  gboolean any = FALSE;

  *min = INFINITY;
  *max = -INFINITY;
  for (guint s = 0; s < chart->series->len; s++)
    {
      const FpChartSeries *series = g_ptr_array_index (chart->series, s);

      for (guint i = 0; i < series->n_values; i++)
        if (isfinite (series->values[i]))
          {
            *min = MIN (*min, series->values[i]);
            *max = MAX (*max, series->values[i]);
            any = TRUE;
          }
    }

  if (!any)
    *min = *max = 0;
  return any;
}

const char *
fp_chart_kind_to_string (FpChartKind kind)
{
  g_return_val_if_fail (kind < FP_N_CHART_KINDS, NULL);
  return kind_names[kind];
}

gboolean
fp_chart_kind_from_string (const char  *text,
                           FpChartKind *kind)
{
  for (guint k = 0; text != NULL && k < FP_N_CHART_KINDS; k++)
    if (g_str_equal (text, kind_names[k]))
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

/**
 * fp_chart_new_for_appraisal:
 * @appraisal: an appraisal
 * @kind: which chart
 *
 * The appraisal's charts, as its workbook's Summary sheet draws them: the cumulative
 * risk-adjusted net present value of each option against Do nothing, year by year (its
 * last point is the option's risk-adjusted NPV), or the estate's running cost in each
 * option. Do nothing comes first, dashed.
 *
 * Returns: (transfer full): the chart
 */
FpChart *
fp_chart_new_for_appraisal (const FpAppraisal *appraisal,
                            FpChartKind        kind)
{
  const FpAppraisalSettings *s = &appraisal->settings;
  g_autofree char *subtitle = NULL;
  g_autofree char *rate = NULL;
  FpChart *chart;

  g_return_val_if_fail (kind < FP_N_CHART_KINDS, NULL);

  if (kind == FP_CHART_NET_BENEFIT)
    {
      rate = fp_format_decimal (s->discount_rate * 100.0, 1);
      /* Translators: the chart's subtitle: prices of a year, then a discount rate in % */
      subtitle = g_strdup_printf (_("Against Do nothing; £, %d prices, discounted at %s%%"),
                                  s->base_year, rate);
      chart = fp_chart_new (_("Cumulative risk-adjusted net present value"), subtitle,
                            s->base_year, s->n_years);
    }
  else
    {
      /* Translators: the chart's subtitle: %d is the price base year */
      subtitle = g_strdup_printf (_("£ a year, %d prices; the axis does not start at zero"),
                                  s->base_year);
      chart = fp_chart_new (_("Running cost of the estate"), subtitle, s->base_year, s->n_years);
      /* The options differ by a few per cent of a large cost: an axis from zero would
       * flatten them into one line. */
      chart->include_zero = FALSE;
    }

  for (guint i = 0; i < appraisal->options->len; i++)
    {
      const FpOptionAppraisal *o = g_ptr_array_index (appraisal->options, i);
      g_autofree double *cumulative = NULL;
      const double *values;

      if (kind == FP_CHART_NET_BENEFIT)
        values = cumulative = fp_option_appraisal_cumulative_npv (o, s, TRUE);
      else
        values = o->running_cost;
      fp_chart_add_series (chart, i == 0 ? _("Do nothing") : o->name, values,
                           fp_palette_option (i), i == 0);
    }

  chart->note = g_strdup (_("Footprint options appraisal; the figures footprint-cli appraise "
                            "prints and the workbook holds"));
  return chart;
}

/* ---- Geometry -------------------------------------------------------------------------- */

/**
 * fp_chart_nice_step:
 * @range: the span to cover (> 0)
 * @max_intervals: at most this many intervals between ticks (≥ 1)
 *
 * Returns: the smallest step of 1, 2, 2.5 or 5 × 10^k that covers @range in at most
 *   @max_intervals intervals (1 for a range that is not one)
 */
double
fp_chart_nice_step (double range,
                    guint  max_intervals)
{
  static const double multiples[] = { 1, 2, 2.5, 5, 10 };
  double raw, power;

  g_return_val_if_fail (max_intervals >= 1, 1);

  if (!(range > 0) || !isfinite (range))
    return 1;

  raw = range / max_intervals;
  power = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * power >= raw * (1 - 1e-9))
      return multiples[i] * power;
  return 10 * power;
}

/**
 * fp_chart_unit_empty_span:
 * @unit: what the values are
 *
 * Returns: what an axis of @unit shows when it has nothing to show, or every value is
 *   zero: £0 to £1m, 0% to 100%, 0 to 10
 */
double
fp_chart_unit_empty_span (FpChartUnit unit)
{
  switch (unit)
    {
    case FP_CHART_UNIT_MONEY:
      return 1e6;
    case FP_CHART_UNIT_SHARE:
      return 1.0;
    case FP_CHART_UNIT_COUNT:
    default:
      return 10;
    }
}

/**
 * fp_chart_axis_nice:
 * @lo: the smallest value to show
 * @hi: the largest value to show
 * @max_ticks: at most this many ticks (at least 2)
 * @include_zero: whether the axis must reach zero (bars; a cumulative value)
 * @empty_span: the span to show when there is nothing to show (> 0; see
 *   fp_chart_unit_empty_span())
 * @axis: (out caller-allocates): the axis
 *
 * Chooses round ticks (1, 2, 2.5 or 5 × 10^k apart) that cover @lo to @hi with as many
 * ticks as fit in @max_ticks, from a tick at or below the values to one at or above
 * them. With @include_zero and values all positive the axis starts at 0; all negative,
 * it ends at 0. Without it the axis fits the values, never crossing zero for values that
 * do not, so a line chart shows how lines differ; values that differ by less than 2% of
 * their size are given room of 1% of it either side, so a line chart neither invents a
 * difference nor hides one. When every value is zero (or there is none) the axis runs
 * from 0 to @empty_span.
 *
 * Returns: %FALSE when @lo or @hi is not finite (the axis is then 0 to @empty_span)
 */
gboolean
fp_chart_axis_nice (double       lo,
                    double       hi,
                    guint        max_ticks,
                    gboolean     include_zero,
                    double       empty_span,
                    FpChartAxis *axis)
{
  gboolean finite = isfinite (lo) && isfinite (hi);
  guint intervals;
  double step;

  g_return_val_if_fail (axis != NULL, FALSE);

  intervals = MAX (max_ticks, 2) - 1;
  if (!(empty_span > 0) || !isfinite (empty_span))
    empty_span = 1;
  if (!finite)
    lo = hi = 0;

  if (lo > hi)
    {
      double t = lo;

      lo = hi;
      hi = t;
    }
  if (include_zero)
    {
      lo = MIN (lo, 0);
      hi = MAX (hi, 0);
    }
  else if (hi - lo < fmax (fabs (lo), fabs (hi)) * 0.02)
    {
      /* Values that barely differ (or one value) get room of 1% of their size either
       * side: a difference of 0.2% does not fill the plot as if it were large. */
      double pad = fmax (fabs (lo), fabs (hi)) * 0.01;
      gboolean positive = lo >= 0;

      lo -= pad;
      hi += pad;
      if (positive && lo < 0)
        lo = 0;
    }
  if (hi == lo)
    hi = lo + empty_span;

  /* A step that fits, then widened while rounding the ends out needs another interval. */
  step = fp_chart_nice_step (hi - lo, intervals);
  for (;;)
    {
      double min = floor (lo / step + 1e-9) * step;
      double max = ceil (hi / step - 1e-9) * step;
      guint n = (guint) llround ((max - min) / step);

      if (n <= intervals)
        {
          /* No "−0" on the axis. */
          axis->min = min == 0 ? 0 : min;
          axis->max = max == 0 ? 0 : max;
          axis->step = step;
          axis->n_ticks = n + 1;
          return finite;
        }
      step = fp_chart_nice_step (step * intervals * 1.0001, intervals);
    }
}

/**
 * fp_chart_axis_tick:
 * @axis: an axis
 * @i: a tick, 0 to n_ticks − 1
 *
 * Returns: the tick's value (exactly zero for the zero tick, never −0 or 1e-17)
 */
double
fp_chart_axis_tick (const FpChartAxis *axis,
                    guint              i)
{
  double value;

  g_return_val_if_fail (axis != NULL, 0);

  value = axis->min + axis->step * i;
  return fabs (value) < axis->step * 1e-9 ? 0 : value;
}

/**
 * fp_chart_axis_map:
 * @axis: an axis
 * @value: a value
 * @from: the pixel of @axis->min (for a vertical axis, the bottom)
 * @to: the pixel of @axis->max
 *
 * Returns: the pixel of @value (linear; outside [@from, @to] for a value off the axis)
 */
double
fp_chart_axis_map (const FpChartAxis *axis,
                   double             value,
                   double             from,
                   double             to)
{
  g_return_val_if_fail (axis != NULL, from);

  if (axis->max <= axis->min)
    return from;
  return from + (value - axis->min) / (axis->max - axis->min) * (to - from);
}

/* The decimals that write every multiple of @step exactly (0.25 needs 2, 0.5 needs 1). */
static int
decimals_for (double step)
{
  for (int d = 0; d < 3; d++)
    {
      double scaled = step * pow (10, d);

      if (fabs (scaled - round (scaled)) < 1e-6 * fmax (scaled, 1))
        return d;
    }
  return 3;
}

/**
 * fp_chart_format_tick:
 * @axis: the axis the value is a tick of
 * @value: the tick
 * @unit: the unit of the data
 *
 * Every tick of an axis is written in one scale (£k, £m or £bn, by the axis's largest
 * end) with as many decimals as its step needs.
 *
 * Returns: (transfer full): the tick's label (£0, £2.5m, £5m; 0%, 25%; 0, 500)
 */
char *
fp_chart_format_tick (const FpChartAxis *axis,
                      double             value,
                      FpChartUnit        unit)
{
  double magnitude = fmax (fabs (axis->min), fabs (axis->max));
  double step = axis->step;
  const char *sign = value < 0 ? "−" : "";
  double v = fabs (value);
  int decimals;

  switch (unit)
    {
    case FP_CHART_UNIT_MONEY:
      {
        double scale = 1;
        const char *suffix = "";

        if (magnitude >= 1e9)
          scale = 1e9, suffix = "bn";
        else if (magnitude >= 1e6)
          scale = 1e6, suffix = "m";
        else if (magnitude >= 1e4)
          scale = 1e3, suffix = "k";
        decimals = decimals_for (step / scale);
        if (v == 0)
          return g_strdup ("£0");
        if (scale == 1)
          {
            g_autofree char *pounds = fp_format_money (v);

            return g_strconcat (sign, pounds, NULL);
          }
        /* Translators: a money tick: sign, pound sign, number and its unit (m, k, bn) */
        return g_strdup_printf (_("%s£%.*f%s"), sign, decimals, v / scale, suffix);
      }

    case FP_CHART_UNIT_SHARE:
      decimals = decimals_for (step * 100);
      return g_strdup_printf ("%s%.*f%%", sign, decimals, v * 100);

    case FP_CHART_UNIT_COUNT:
    default:
      {
        g_autofree char *count = fp_format_count (v);

        return g_strconcat (sign, count, NULL);
      }
    }
}

/**
 * fp_chart_band:
 * @start: where the plot area starts along the category axis
 * @length: its length
 * @n_groups: categories (years, bins)
 * @n_series: bars in each category (options)
 * @group: which category
 * @series: which bar
 * @bar_start: (out): where the bar starts
 * @bar_length: (out): its width
 *
 * The bands of a grouped bar chart: the groups share @length equally with a gap between
 * them, and the bars of a group share its band with a smaller gap.
 */
void
fp_chart_band (double  start,
               double  length,
               guint   n_groups,
               guint   n_series,
               guint   group,
               guint   series,
               double *bar_start,
               double *bar_length)
{
  double band, inner, bar;

  g_return_if_fail (n_groups > 0 && n_series > 0);
  g_return_if_fail (group < n_groups && series < n_series);

  band = length / n_groups;
  inner = band * (1 - GROUP_GAP);
  bar = inner / n_series;
  *bar_start = start + group * band + band * GROUP_GAP / 2 + series * bar + bar * BAR_GAP / 2;
  *bar_length = bar * (1 - BAR_GAP);
}

/**
 * fp_chart_layout:
 * @chart: a chart
 * @width: the page's width
 * @height: the page's height
 * @metrics: the sizes of its text, measured by the caller
 * @layout: (out): where everything goes
 *
 * Puts the title at the top, the key and the note at the bottom, the value labels to the
 * left of the plot and the year labels under it; chooses as many value ticks as can be
 * read (about two lines of text apart) and labels every year, or every 2nd, 5th, 10th...
 * year, whichever first keeps the labels apart.
 */
void
fp_chart_layout (const FpChart        *chart,
                 double                width,
                 double                height,
                 const FpChartMetrics *metrics,
                 FpChartLayout        *layout)
{
  double p = metrics->padding;
  double bottom, spacing, lo, hi;
  guint max_ticks, n = chart->n_years;
  static const guint strides[] = { 1, 2, 5, 10, 20, 25, 50, 100 };

  layout->page = (FpChartRect) { 0, 0, width, height };

  layout->plot.x = p + metrics->y_label_width + p / 2;
  layout->plot.y = p + (metrics->title_height > 0 ? metrics->title_height + p : 0) +
                   metrics->text_height / 2;
  layout->plot.width = MAX (width - layout->plot.x - p - metrics->x_label_width / 2, 1);

  bottom = p / 2 + metrics->text_height + p;
  if (metrics->key_height > 0)
    bottom += metrics->key_height + p / 2;
  if (metrics->note_height > 0)
    bottom += metrics->note_height + p / 2;
  layout->plot.height = MAX (height - layout->plot.y - bottom, 1);

  layout->key_y = layout->plot.y + layout->plot.height + p / 2 + metrics->text_height + p;
  layout->note_y = layout->key_y + (metrics->key_height > 0 ? metrics->key_height + p / 2 : 0);

  max_ticks = (guint) CLAMP (layout->plot.height / MAX (metrics->text_height * 1.8, 1), 2, 9);
  fp_chart_get_range (chart, &lo, &hi);
  fp_chart_axis_nice (lo, hi, max_ticks, chart->include_zero,
                      fp_chart_unit_empty_span (chart->unit), &layout->axis);

  layout->x_label_every = strides[G_N_ELEMENTS (strides) - 1];
  spacing = n > 1 ? layout->plot.width / (n - 1) : layout->plot.width;
  for (guint i = 0; i < G_N_ELEMENTS (strides); i++)
    if (spacing * strides[i] >= metrics->x_label_width * 1.4)
      {
        layout->x_label_every = strides[i];
        break;
      }
}

/**
 * fp_chart_layout_x:
 * @layout: a layout
 * @n_years: the chart's years
 * @year: a year's index
 *
 * Returns: where the year goes across: the first at the plot's left, the last at its right
 */
double
fp_chart_layout_x (const FpChartLayout *layout,
                   guint                n_years,
                   guint                year)
{
  if (n_years < 2)
    return layout->plot.x + layout->plot.width / 2;
  return layout->plot.x + layout->plot.width * year / (n_years - 1);
}

/**
 * fp_chart_layout_y:
 * @layout: a layout
 * @value: a value
 *
 * Returns: where the value goes down: the axis's maximum at the plot's top, its minimum at
 *   the bottom
 */
double
fp_chart_layout_y (const FpChartLayout *layout,
                   double               value)
{
  return fp_chart_axis_map (&layout->axis, value, layout->plot.y + layout->plot.height,
                            layout->plot.y);
}
