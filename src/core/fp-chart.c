/* fp-chart.c: axes, scales and bands for the compare view's charts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "fp-chart.h"
#include "fp-format.h"

/* Room left between the groups of a bar chart, and between the bars of one group, as a
 * share of a group's band. */
#define GROUP_GAP 0.25
#define BAR_GAP   0.08

/**
 * fp_chart_nice_step:
 * @range: the span to cover (> 0)
 * @max_ticks: at most this many intervals (≥ 1)
 *
 * Returns: the smallest step of 1, 2, 2.5 or 5 × 10^k that covers @range in at most
 *   @max_ticks intervals
 */
double
fp_chart_nice_step (double range,
                    guint  max_ticks)
{
  static const double multiples[] = { 1, 2, 2.5, 5, 10 };
  double raw, power;

  g_return_val_if_fail (max_ticks >= 1, 1);

  if (!(range > 0) || !isfinite (range))
    return 1;

  raw = range / max_ticks;
  power = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * power >= raw * (1 - 1e-9))
      return multiples[i] * power;
  return 10 * power;
}

/**
 * fp_chart_axis_init:
 * @axis: (out caller-allocates): the axis
 * @min: the smallest value to show (NAN values are left out by the caller)
 * @max: the largest
 * @max_ticks: at most this many intervals between ticks
 * @from_zero: whether the axis must hold 0 (bars); otherwise it fits the values (lines)
 * @empty_span: the span to show when every value is the same (or there is none): from 0
 *   (or the value) to @empty_span above it; > 0
 *
 * An axis from a tick at or below the values to one at or above them. With @from_zero
 * and values all positive the axis starts at 0; all negative, it ends at 0. Without it,
 * values that barely differ are given room of 1% of their size either side, so a line
 * chart neither invents a difference nor hides one.
 */
void
fp_chart_axis_init (FpChartAxis *axis,
                    double       min,
                    double       max,
                    guint        max_ticks,
                    gboolean     from_zero,
                    double       empty_span)
{
  double lo, hi, step;

  g_return_if_fail (axis != NULL);
  g_return_if_fail (max_ticks >= 1);
  g_return_if_fail (empty_span > 0);

  lo = isfinite (min) ? min : 0;
  hi = isfinite (max) ? max : lo;
  if (lo > hi)
    {
      double t = lo;

      lo = hi;
      hi = t;
    }
  if (from_zero)
    {
      lo = fmin (lo, 0);
      hi = fmax (hi, 0);
    }
  else if (hi - lo < fmax (fabs (lo), fabs (hi)) * 0.02)
    {
      double pad = fmax (fabs (lo), fabs (hi)) * 0.01;

      lo -= pad;
      hi += pad;
      /* Never below zero for values that cannot be. */
      if (lo < 0 && min >= 0)
        lo = 0;
    }
  if (hi - lo <= 0)
    hi = lo + empty_span;

  /* A step that fits, then widened if rounding the ends out needs another interval. */
  step = fp_chart_nice_step (hi - lo, max_ticks);
  for (;;)
    {
      double a = floor (lo / step + 1e-9) * step;
      double b = ceil (hi / step - 1e-9) * step;
      guint n = (guint) llround ((b - a) / step);

      if (n <= max_ticks)
        {
          axis->min = a;
          axis->max = b;
          axis->step = step;
          axis->n_ticks = n + 1;
          return;
        }
      step = fp_chart_nice_step (step * max_ticks * 1.0001, max_ticks);
    }
}

/**
 * fp_chart_axis_tick:
 * @axis: an axis
 * @i: a tick, from 0 to @axis->n_ticks − 1
 *
 * Returns: its value (exactly 0 at zero, never −0 or 1e-17)
 */
double
fp_chart_axis_tick (const FpChartAxis *axis,
                    guint              i)
{
  double value;

  g_return_val_if_fail (axis != NULL, 0);

  value = axis->min + i * axis->step;
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
 * Returns: (transfer full): the tick's label, with as many decimals as the step needs
 *   (£0, £2.5m, £5m; 0%, 25%; 0, 500)
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
