/* fp-chart.c: a chart's series, its value axis and where everything goes on the page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-chart"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-chart.h"

/* The reference (Do nothing) in a dark grey, then the Okabe–Ito colours, which stay apart
 * under the common colour-vision deficiencies (its yellow is left out: it vanishes on
 * white paper). */
static const guint32 series_colours[] = {
  0x5E5E5E, 0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000,
};

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

/**
 * fp_chart_series_colour:
 * @index: the series' position (0 is the reference, Do nothing)
 *
 * Returns: the colour of that series, 0xRRGGBB
 */
guint32
fp_chart_series_colour (guint index)
{
  if (index == 0)
    return series_colours[0];
  return series_colours[1 + (index - 1) % (G_N_ELEMENTS (series_colours) - 1)];
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
                           fp_chart_series_colour (i), i == 0);
    }

  chart->note = g_strdup (_("Footprint options appraisal; the figures footprint-cli appraise "
                            "prints and the workbook holds"));
  return chart;
}

/* ---- Geometry -------------------------------------------------------------------------- */

/* The smallest of 1, 2, 5 × 10^k at least @raw. */
static double
nice_step (double raw)
{
  double magnitude = pow (10.0, floor (log10 (raw)));
  double norm = raw / magnitude;

  if (norm <= 1.0 + 1e-9)
    return magnitude;
  if (norm <= 2.0 + 1e-9)
    return 2.0 * magnitude;
  if (norm <= 5.0 + 1e-9)
    return 5.0 * magnitude;
  return 10.0 * magnitude;
}

/**
 * fp_chart_axis_nice:
 * @lo: the smallest value to show
 * @hi: the largest value to show
 * @max_ticks: at most this many ticks (at least 2)
 * @include_zero: whether the axis must reach zero
 * @axis: (out): the axis
 *
 * Chooses round ticks (1, 2 or 5 × 10^k apart) that cover @lo to @hi with as many ticks as
 * fit in @max_ticks. An empty range (@lo equal to @hi) gets an axis around it.
 *
 * Returns: %FALSE when @lo or @hi is not finite (the axis is then 0 to 1)
 */
gboolean
fp_chart_axis_nice (double       lo,
                    double       hi,
                    guint        max_ticks,
                    gboolean     include_zero,
                    FpChartAxis *axis)
{
  double step;

  max_ticks = MAX (max_ticks, 2);
  if (!isfinite (lo) || !isfinite (hi))
    {
      *axis = (FpChartAxis) { 0, 1, 1, 2 };
      return FALSE;
    }

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
  if (hi == lo)
    {
      /* One value (all zero, say): an axis around it, from zero if asked. */
      double pad = hi != 0 ? fabs (hi) * 0.1 : 1.0;

      if (hi == 0)
        hi = pad;
      else if (hi > 0)
        {
          hi += pad;
          if (!include_zero)
            lo -= pad;
        }
      else
        {
          lo -= pad;
          if (!include_zero)
            hi += pad;
        }
    }

  step = nice_step ((hi - lo) / (max_ticks - 1));
  for (;;)
    {
      double min = floor (lo / step + 1e-9) * step;
      double max = ceil (hi / step - 1e-9) * step;
      guint n = (guint) llround ((max - min) / step) + 1;

      if (n <= max_ticks)
        {
          /* No "−0" on the axis. */
          axis->min = min == 0 ? 0 : min;
          axis->max = max == 0 ? 0 : max;
          axis->step = step;
          axis->n_ticks = n;
          return TRUE;
        }
      step = nice_step (step * 1.5);
    }
}

/**
 * fp_chart_axis_tick:
 * @axis: an axis
 * @i: a tick, 0 to n_ticks − 1
 *
 * Returns: the tick's value (exactly zero for the zero tick)
 */
double
fp_chart_axis_tick (const FpChartAxis *axis,
                    guint              i)
{
  double value = axis->min + axis->step * i;

  /* Rounding must not turn the zero tick into 1e-17. */
  return fabs (value) < axis->step * 1e-9 ? 0 : value;
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
  fp_chart_axis_nice (lo, hi, max_ticks, chart->include_zero, &layout->axis);

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
  const FpChartAxis *axis = &layout->axis;

  return layout->plot.y + layout->plot.height * (axis->max - value) / (axis->max - axis->min);
}
