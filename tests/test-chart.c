/* test-chart.c: the geometry of the charts (src/render/fp-chart.h), without a display: the
 * compare view's and the appraisal's, in the window and in files.
 *
 * The expected steps follow the rule the axis promises: the smallest of 1, 2, 2.5 and 5
 * times a power of ten that spans the range in the ticks allowed. The axis and layout are
 * checked against their rules (round ticks that cover the values, labels that do not
 * overlap, values placed inside the plot).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fp-chart.h"
#include "fp-palette.h"
#include "fp-test-util.h"

static void
test_nice_step (void)
{
  static const struct
  {
    double range;
    guint  max_intervals;
    double step;
  } cases[] = {
    { 10, 5, 2 },        /* 10 / 5 = 2 exactly */
    { 100, 5, 20 },
    { 1, 4, 0.25 },      /* 0.25 is 2.5 × 10^-1 */
    { 7, 5, 2 },         /* 1.4 rounds up to 2 */
    { 0.3, 3, 0.1 },
    { 378e6, 5, 1e8 },   /* 75.6m rounds up to 100m */
    { 12.5, 5, 2.5 },
    { 26, 5, 10 },       /* 5.2 is over 5: the next is 10 */
    { 3, 1, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double step = fp_chart_nice_step (cases[i].range, cases[i].max_intervals);

      g_test_message ("range %g in %u intervals: step %g", cases[i].range,
                      cases[i].max_intervals, step);
      g_assert_cmpfloat_with_epsilon (step, cases[i].step, cases[i].step * 1e-12);
      /* It spans the range in the intervals allowed... */
      g_assert_cmpfloat (step * cases[i].max_intervals, >=, cases[i].range * (1 - 1e-12));
    }

  /* A range that is not one is given a step all the same. */
  g_assert_cmpfloat (fp_chart_nice_step (0, 5), ==, 1);
  g_assert_cmpfloat (fp_chart_nice_step (NAN, 5), ==, 1);
}

static void
assert_axis_sound (const FpChartAxis *axis,
                   double             lo,
                   double             hi,
                   guint              max_ticks)
{
  g_assert_cmpfloat (axis->min, <=, lo);
  g_assert_cmpfloat (axis->max, >=, hi);
  g_assert_cmpfloat (axis->step, >, 0);
  g_assert_cmpuint (axis->n_ticks, >=, 2);
  g_assert_cmpuint (axis->n_ticks, <=, max_ticks);
  g_assert_cmpfloat_with_epsilon ((axis->max - axis->min) / axis->step, axis->n_ticks - 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (fp_chart_axis_tick (axis, axis->n_ticks - 1), axis->max,
                                  axis->step * 1e-9);
  /* Ticks fall on whole steps. */
  g_assert_cmpfloat_with_epsilon (axis->min / axis->step, round (axis->min / axis->step), 1e-9);
}

static void
test_axis (void)
{
  FpChartAxis axis;

  /* Bars: an axis from zero that holds the values. */
  fp_chart_axis_nice (13.2e6, 14.1e6, 6, TRUE, 1e6, &axis);
  assert_axis_sound (&axis, 13.2e6, 14.1e6, 6);
  g_assert_cmpfloat (axis.min, ==, 0);

  /* All negative: the axis ends at zero. */
  fp_chart_axis_nice (-420, -35, 6, TRUE, 1, &axis);
  assert_axis_sound (&axis, -420, -35, 6);
  g_assert_cmpfloat (axis.max, ==, 0);

  /* Both signs: both ends, and a tick exactly at zero (not -0, not 1e-17). */
  fp_chart_axis_nice (-7, 13, 6, TRUE, 1, &axis);
  assert_axis_sound (&axis, -7, 13, 6);
  {
    gboolean zero = FALSE;

    for (guint t = 0; t < axis.n_ticks; t++)
      if (fp_chart_axis_tick (&axis, t) == 0 && !signbit (fp_chart_axis_tick (&axis, t)))
        zero = TRUE;
    g_assert_true (zero);
  }

  /* Lines: an axis that fits values which barely differ, never below zero for values
   * that are not, and shows the difference. */
  fp_chart_axis_nice (377.9e6, 378.1e6, 6, FALSE, 1e6, &axis);
  assert_axis_sound (&axis, 377.9e6, 378.1e6, 6);
  g_assert_cmpfloat (axis.min, >, 0);
  g_assert_cmpfloat (axis.max - axis.min, <, 378e6 * 0.05);

  fp_chart_axis_nice (0.2, 3.1, 6, FALSE, 1, &axis);
  assert_axis_sound (&axis, 0.2, 3.1, 6);
  g_assert_cmpfloat (axis.min, >=, 0);

  /* Nothing to show: the empty span from zero. */
  fp_chart_axis_nice (0, 0, 6, TRUE, 1e6, &axis);
  assert_axis_sound (&axis, 0, 1e6, 6);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, ==, 1e6);
  fp_chart_axis_nice (NAN, NAN, 5, TRUE, 10, &axis);
  g_assert_cmpfloat (axis.min, ==, 0);
  g_assert_cmpfloat (axis.max, >=, 10);
}

static void
test_map (void)
{
  FpChartAxis axis;

  fp_chart_axis_nice (0, 100, 6, TRUE, 1, &axis);
  /* A vertical axis: its minimum at the bottom pixel, its maximum at the top. */
  g_assert_cmpfloat (fp_chart_axis_map (&axis, axis.min, 200, 10), ==, 200);
  g_assert_cmpfloat (fp_chart_axis_map (&axis, axis.max, 200, 10), ==, 10);
  g_assert_cmpfloat_with_epsilon (fp_chart_axis_map (&axis, (axis.min + axis.max) / 2, 200, 10),
                                  105, 1e-9);
  /* Linear: equal steps in value are equal steps in pixels. */
  g_assert_cmpfloat_with_epsilon (fp_chart_axis_map (&axis, 20, 0, 500) -
                                  fp_chart_axis_map (&axis, 10, 0, 500),
                                  fp_chart_axis_map (&axis, 90, 0, 500) -
                                  fp_chart_axis_map (&axis, 80, 0, 500), 1e-9);
}

static void
test_format (void)
{
  FpChartAxis axis = { 0, 5e6, 1e6, 6 };
  g_autofree char *zero = fp_chart_format_tick (&axis, 0, FP_CHART_UNIT_MONEY);
  g_autofree char *one = fp_chart_format_tick (&axis, 1e6, FP_CHART_UNIT_MONEY);
  g_autofree char *half = NULL, *share = NULL, *count = NULL, *negative = NULL, *small = NULL;
  FpChartAxis halves = { 0, 5e6, 0.5e6, 11 };
  FpChartAxis shares = { 0, 1, 0.25, 5 };
  FpChartAxis counts = { 0, 2000, 400, 6 };
  FpChartAxis losses = { -4e6, 0, 1e6, 5 };
  FpChartAxis pounds = { 0, 5000, 1000, 6 };

  g_assert_cmpstr (zero, ==, "£0");
  g_assert_cmpstr (one, ==, "£1m");
  half = fp_chart_format_tick (&halves, 2.5e6, FP_CHART_UNIT_MONEY);
  g_assert_cmpstr (half, ==, "£2.5m");
  share = fp_chart_format_tick (&shares, 0.25, FP_CHART_UNIT_SHARE);
  g_assert_cmpstr (share, ==, "25%");
  count = fp_chart_format_tick (&counts, 1200, FP_CHART_UNIT_COUNT);
  g_assert_cmpstr (count, ==, "1,200");
  negative = fp_chart_format_tick (&losses, -2e6, FP_CHART_UNIT_MONEY);
  g_assert_cmpstr (negative, ==, "−£2m");
  small = fp_chart_format_tick (&pounds, 3000, FP_CHART_UNIT_MONEY);
  g_assert_cmpstr (small, ==, "£3,000");

  /* As many decimals as the step needs, for every tick: a quarter million needs two. */
  {
    FpChartAxis quarters = { 12.75e6, 14e6, 0.25e6, 6 };
    g_autofree char *a = fp_chart_format_tick (&quarters, 13.25e6, FP_CHART_UNIT_MONEY);
    g_autofree char *b = fp_chart_format_tick (&quarters, 13.5e6, FP_CHART_UNIT_MONEY);
    FpChartAxis fine = { 0.9, 1, 0.025, 5 };
    g_autofree char *c = fp_chart_format_tick (&fine, 0.925, FP_CHART_UNIT_SHARE);

    g_assert_cmpstr (a, ==, "£13.25m");
    g_assert_cmpstr (b, ==, "£13.50m");
    g_assert_cmpstr (c, ==, "92.5%");
  }
}

static void
test_band (void)
{
  const double start = 40, length = 600;
  const guint groups = 6, series = 3;
  double previous_end = start;

  for (guint g = 0; g < groups; g++)
    for (guint s = 0; s < series; s++)
      {
        double x, w, x0, w0;

        fp_chart_band (start, length, groups, series, g, s, &x, &w);
        fp_chart_band (start, length, groups, series, 0, 0, &x0, &w0);
        /* Inside the plot, after the bar before, all as wide, inside the group's band. */
        g_assert_cmpfloat (w, >, 0);
        g_assert_cmpfloat_with_epsilon (w, w0, 1e-9);
        g_assert_cmpfloat (x, >=, previous_end);
        g_assert_cmpfloat (x + w, <=, start + length);
        g_assert_cmpfloat (x, >=, start + g * length / groups);
        g_assert_cmpfloat (x + w, <=, start + (g + 1) * length / groups);
        previous_end = x + w;
      }
}

/* ---- the value axis -------------------------------------------------------------- */

/* Whether @step is 1, 2, 2.5 or 5 times a power of ten. */
static gboolean
is_round (double step)
{
  double magnitude = pow (10.0, floor (log10 (step) + 1e-9));
  double norm = step / magnitude;

  return fabs (norm - 1) < 1e-9 || fabs (norm - 2) < 1e-9 || fabs (norm - 2.5) < 1e-9 ||
         fabs (norm - 5) < 1e-9;
}

static void
test_axis_rules (void)
{
  static const struct
  {
    double   lo;
    double   hi;
    guint    max_ticks;
    gboolean zero;
  } cases[] = {
    { 0, 1, 6, TRUE },
    { -1.2e6, 5.3e6, 8, TRUE },
    { 377.1e6, 378.05e6, 7, FALSE },
    { 377.1e6, 378.05e6, 7, TRUE },
    { 0, 0, 5, TRUE },
    { -3, -3, 5, TRUE },
    { 42, 42, 5, FALSE },
    { 0.0012, 0.0047, 9, FALSE },
    { -7e9, -2e9, 4, FALSE },
    { 12, 5, 6, TRUE },       /* given the wrong way round */
    { 1, 1e9, 2, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double lo = MIN (cases[i].lo, cases[i].hi), hi = MAX (cases[i].lo, cases[i].hi);
      FpChartAxis axis;

      g_test_message ("axis %u: %g to %g, %u ticks", i, cases[i].lo, cases[i].hi,
                      cases[i].max_ticks);
      g_assert_true (fp_chart_axis_nice (cases[i].lo, cases[i].hi, cases[i].max_ticks,
                                         cases[i].zero, 1, &axis));
      g_assert_true (is_round (axis.step));
      g_assert_cmpuint (axis.n_ticks, >=, 2);
      g_assert_cmpuint (axis.n_ticks, <=, cases[i].max_ticks);
      g_assert_cmpfloat (axis.min, <=, lo);
      g_assert_cmpfloat (axis.max, >=, hi);
      g_assert_cmpfloat (axis.max, >, axis.min);
      g_assert_cmpfloat_with_epsilon (axis.min + axis.step * (axis.n_ticks - 1), axis.max,
                                      axis.step * 1e-9);
      /* Ticks fall on multiples of the step. */
      g_assert_cmpfloat_with_epsilon (axis.min / axis.step, round (axis.min / axis.step), 1e-6);
      if (cases[i].zero)
        {
          gboolean zero_tick = FALSE;

          g_assert_cmpfloat (axis.min, <=, 0);
          g_assert_cmpfloat (axis.max, >=, 0);
          for (guint t = 0; t < axis.n_ticks; t++)
            zero_tick |= fp_chart_axis_tick (&axis, t) == 0;
          g_assert_true (zero_tick);
        }
      /* Tight: no more than a step beyond the values (a flat line gets a step of room),
       * or beyond 1% of their size either side of values that differ by less than 2%. */
      if (lo != hi)
        {
          double from = cases[i].zero ? MIN (lo, 0) : lo;
          double to = cases[i].zero ? MAX (hi, 0) : hi;
          double size = fmax (fabs (lo), fabs (hi));

          if (!cases[i].zero && hi - lo < size * 0.02)
            {
              from -= size * 0.01;
              to += size * 0.01;
            }

          g_assert_cmpfloat (axis.min, >, from - axis.step);
          g_assert_cmpfloat (axis.max, <, to + axis.step);
        }
    }

  {
    FpChartAxis axis;

    g_assert_false (fp_chart_axis_nice (NAN, 1, 5, TRUE, 1, &axis));
    g_assert_false (fp_chart_axis_nice (0, INFINITY, 5, TRUE, 1, &axis));
    g_assert_cmpfloat (axis.max, >, axis.min);
  }
}

/* ---- the layout ---------------------------------------------------------------------- */

static FpChart *
sample_chart (guint n_years)
{
  FpChart *chart = fp_chart_new ("A chart", "£", 2025, n_years);
  g_autofree double *a = g_new (double, n_years);
  g_autofree double *b = g_new (double, n_years);

  for (guint t = 0; t < n_years; t++)
    {
      a[t] = 1e6 * t - 4e5;
      b[t] = -2e5 * t;
    }
  fp_chart_add_series (chart, "A", a, fp_palette_option (1), FALSE);
  fp_chart_add_series (chart, "B", b, fp_palette_option (2), FALSE);
  return chart;
}

static void
test_layout (void)
{
  static const struct
  {
    double width;
    double height;
    guint  n_years;
  } cases[] = {
    { 960, 540, 11 }, { 960, 540, 41 }, { 420, 260, 11 }, { 420, 260, 76 }, { 1920, 1080, 2 },
  };
  FpChartMetrics metrics = {
    .y_label_width = 46, .x_label_width = 30, .text_height = 14, .title_height = 40,
    .key_height = 18, .note_height = 12, .padding = 12,
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FpChart) chart = sample_chart (cases[i].n_years);
      FpChartLayout layout;
      guint n = cases[i].n_years;
      double spacing, lo, hi;

      g_test_message ("layout %u: %gx%g, %u years", i, cases[i].width, cases[i].height, n);
      fp_chart_layout (chart, cases[i].width, cases[i].height, &metrics, &layout);

      /* The plot lies inside the page, right of the value labels, under the title. */
      g_assert_cmpfloat (layout.plot.x, >=, metrics.padding + metrics.y_label_width);
      g_assert_cmpfloat (layout.plot.y, >=, metrics.padding + metrics.title_height);
      g_assert_cmpfloat (layout.plot.x + layout.plot.width + metrics.x_label_width / 2, <=,
                         cases[i].width);
      g_assert_cmpfloat (layout.note_y + metrics.note_height, <=, cases[i].height);
      g_assert_cmpfloat (layout.key_y, >, layout.plot.y + layout.plot.height);

      /* Years run from the plot's left to its right; values from its bottom to its top. */
      g_assert_cmpfloat_with_epsilon (fp_chart_layout_x (&layout, n, 0), layout.plot.x, 1e-9);
      g_assert_cmpfloat_with_epsilon (fp_chart_layout_x (&layout, n, n - 1),
                                      layout.plot.x + layout.plot.width, 1e-9);
      g_assert_cmpfloat_with_epsilon (fp_chart_layout_y (&layout, layout.axis.max),
                                      layout.plot.y, 1e-9);
      g_assert_cmpfloat_with_epsilon (fp_chart_layout_y (&layout, layout.axis.min),
                                      layout.plot.y + layout.plot.height, 1e-9);

      /* Every value is inside the plot. */
      g_assert_true (fp_chart_get_range (chart, &lo, &hi));
      g_assert_cmpfloat (fp_chart_layout_y (&layout, hi), >=, layout.plot.y);
      g_assert_cmpfloat (fp_chart_layout_y (&layout, lo), <=, layout.plot.y + layout.plot.height);

      /* Ticks are at least a line and a bit apart. */
      g_assert_cmpfloat (layout.plot.height / (layout.axis.n_ticks - 1), >=,
                         metrics.text_height * 1.1);

      /* Year labels do not overlap, and no smaller stride would have done. */
      spacing = layout.plot.width / (n - 1);
      g_assert_cmpfloat (spacing * layout.x_label_every, >=, metrics.x_label_width);
      if (layout.x_label_every > 1)
        g_assert_cmpfloat (spacing * (layout.x_label_every / 2), <, metrics.x_label_width * 1.4);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/chart/nice-step", test_nice_step);
  g_test_add_func ("/fp/chart/axis", test_axis);
  g_test_add_func ("/fp/chart/axis-rules", test_axis_rules);
  g_test_add_func ("/fp/chart/layout", test_layout);
  g_test_add_func ("/fp/chart/map", test_map);
  g_test_add_func ("/fp/chart/format", test_format);
  g_test_add_func ("/fp/chart/band", test_band);

  return g_test_run ();
}
