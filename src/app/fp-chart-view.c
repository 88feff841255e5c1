/* fp-chart-view.c: draws a chart with cairo in the widget's snapshot.
 *
 * The geometry (nice ticks from zero, the mapping of values to pixels, the bands of grouped
 * bars, tick labels in the data's unit) is the renderer's (src/render/fp-chart.h), tested
 * without a display; this file only draws it: grid lines and tick labels on the value axis, the
 * categories (years, bands) under the plot, one line with markers or one bar per series
 * in the options' colours, and the zero line. Text takes the widget's colour, so the dark
 * style is respected. The chart's accessible description reads its data in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-chart-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-chart-view.h"
#include "fp-palette.h"

#define MAX_TICKS     6
#define PAD_TOP       10.0
#define PAD_RIGHT     12.0
#define PAD_GAP       8.0
#define LINE_WIDTH    2.5
#define MARKER_RADIUS 4.5

struct _FpChartView
{
  GtkWidget    parent_instance;

  FpChartViewStyle  style;
  FpChartUnit       unit;
  GPtrArray   *categories;   /* char * */
  guint        n_series;
  double      *values;       /* [series][category] */
};

G_DEFINE_FINAL_TYPE (FpChartView, fp_chart_view, GTK_TYPE_WIDGET)

static void
set_source_rgb (cairo_t *cr,
                guint32  rgb)
{
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

static void
draw_marker (cairo_t *cr,
             guint    series,
             double   x,
             double   y)
{
  double r = MARKER_RADIUS;

  switch (series % 4)
    {
    case 0:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
      break;
    case 2:
      cairo_move_to (cr, x, y - r * 1.15);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.8);
      cairo_close_path (cr);
      break;
    default:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.2, y);
      cairo_line_to (cr, x, y + r * 1.2);
      cairo_line_to (cr, x - r * 1.2, y);
      cairo_close_path (cr);
      break;
    }
  cairo_fill (cr);
}

static void
text_size (PangoLayout *layout,
           const char  *text,
           int         *width,
           int         *height)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, width, height);
}

static void
fp_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  FpChartView *self = FP_CHART_VIEW (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  guint n = self->categories->len;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA fg;
  FpChartAxis axis;
  double lo = INFINITY, hi = -INFINITY;
  double left = 0, bottom, x0, x1, y0, y1;
  int tw, th, label_height = 0;
  guint label_every = 1;
  cairo_t *cr;

  if (n == 0 || self->n_series == 0 || width < 40 || height < 40)
    return;

  for (gsize i = 0; i < (gsize) self->n_series * n; i++)
    if (isfinite (self->values[i]))
      {
        lo = fmin (lo, self->values[i]);
        hi = fmax (hi, self->values[i]);
      }
  fp_chart_axis_nice (lo, hi, MAX_TICKS, self->style == FP_CHART_VIEW_BARS,
                      fp_chart_unit_empty_span (self->unit), &axis);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  layout = gtk_widget_create_pango_layout (widget, NULL);

  /* The value axis' labels set the left margin; the categories' the bottom one. */
  for (guint t = 0; t < axis.n_ticks; t++)
    {
      g_autofree char *label = fp_chart_format_tick (&axis, fp_chart_axis_tick (&axis, t),
                                                     self->unit);

      text_size (layout, label, &tw, &th);
      left = fmax (left, tw);
    }
  for (guint c = 0; c < n; c++)
    {
      text_size (layout, g_ptr_array_index (self->categories, c), &tw, &th);
      label_height = MAX (label_height, th);
      /* Every other label (or fewer) when they would touch. */
      while ((tw + 8) * n / label_every > width - left - PAD_RIGHT - PAD_GAP && label_every < n)
        label_every++;
    }

  x0 = left + PAD_GAP;
  x1 = width - PAD_RIGHT;
  bottom = height - label_height - PAD_GAP;
  y0 = bottom;
  y1 = PAD_TOP;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Grid and value labels. */
  for (guint t = 0; t < axis.n_ticks; t++)
    {
      double value = fp_chart_axis_tick (&axis, t);
      double y = round (fp_chart_axis_map (&axis, value, y0, y1)) + 0.5;
      g_autofree char *label = fp_chart_format_tick (&axis, value, self->unit);

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, value == 0 ? 0.7 : 0.15);
      cairo_set_line_width (cr, value == 0 ? 1.5 : 1);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);

      text_size (layout, label, &tw, &th);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, left - tw, y - th / 2.0);
      pango_cairo_show_layout (cr, layout);
    }

  /* Category labels, centred under their band or point. */
  for (guint c = 0; c < n; c += label_every)
    {
      double cx = self->style == FP_CHART_VIEW_LINES
                  ? (n > 1 ? x0 + (x1 - x0) * c / (n - 1.0) : (x0 + x1) / 2)
                  : x0 + (x1 - x0) * (c + 0.5) / n;

      text_size (layout, g_ptr_array_index (self->categories, c), &tw, &th);
      cx = CLAMP (cx - tw / 2.0, 0, width - tw);
      gdk_cairo_set_source_rgba (cr, &fg);
      cairo_move_to (cr, cx, bottom + PAD_GAP / 2);
      pango_cairo_show_layout (cr, layout);
    }

  /* The data. Lines keep a little room at each end for their markers. */
  if (self->style == FP_CHART_VIEW_LINES)
    {
      double lx0 = x0 + MARKER_RADIUS * 2, lx1 = x1 - MARKER_RADIUS * 2;

      cairo_set_line_width (cr, LINE_WIDTH);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      for (guint s = 0; s < self->n_series; s++)
        {
          gboolean drawing = FALSE;

          set_source_rgb (cr, fp_palette_option (s));
          for (guint c = 0; c < n; c++)
            {
              double v = self->values[(gsize) s * n + c];
              double x = n > 1 ? lx0 + (lx1 - lx0) * c / (n - 1.0) : (lx0 + lx1) / 2;

              if (!isfinite (v))
                {
                  drawing = FALSE;
                  continue;
                }
              if (drawing)
                cairo_line_to (cr, x, fp_chart_axis_map (&axis, v, y0, y1));
              else
                cairo_move_to (cr, x, fp_chart_axis_map (&axis, v, y0, y1));
              drawing = TRUE;
            }
          cairo_stroke (cr);
          for (guint c = 0; c < n; c++)
            {
              double v = self->values[(gsize) s * n + c];
              double x = n > 1 ? lx0 + (lx1 - lx0) * c / (n - 1.0) : (lx0 + lx1) / 2;

              if (isfinite (v))
                draw_marker (cr, s, x, fp_chart_axis_map (&axis, v, y0, y1));
            }
        }
    }
  else
    {
      double zero = fp_chart_axis_map (&axis, 0, y0, y1);

      for (guint c = 0; c < n; c++)
        for (guint s = 0; s < self->n_series; s++)
          {
            double v = self->values[(gsize) s * n + c];
            double bx, bw, y;

            if (!isfinite (v))
              continue;
            fp_chart_band (x0, x1 - x0, n, self->n_series, c, s, &bx, &bw);
            y = fp_chart_axis_map (&axis, v, y0, y1);
            set_source_rgb (cr, fp_palette_option (s));
            cairo_rectangle (cr, bx, fmin (y, zero), bw, fmax (fabs (zero - y), 1));
            cairo_fill (cr);
          }
    }

  cairo_destroy (cr);
}

static void
fp_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 180;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 420 : 220;
}

static void
fp_chart_view_finalize (GObject *object)
{
  FpChartView *self = FP_CHART_VIEW (object);

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_free (self->values);

  G_OBJECT_CLASS (fp_chart_view_parent_class)->finalize (object);
}

static void
fp_chart_view_class_init (FpChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_chart_view_finalize;
  widget_class->snapshot = fp_chart_view_snapshot;
  widget_class->measure = fp_chart_view_measure;

  gtk_widget_class_set_css_name (widget_class, "fp-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_chart_view_init (FpChartView *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_free);
}

/**
 * fp_chart_view_new:
 * @style: lines (a series over the years) or grouped bars
 * @unit: what the values are
 *
 * Returns: (transfer floating): a chart with no data
 */
GtkWidget *
fp_chart_view_new (FpChartViewStyle style,
                   FpChartUnit      unit)
{
  FpChartView *self = g_object_new (FP_TYPE_CHART_VIEW, NULL);

  self->style = style;
  self->unit = unit;
  return GTK_WIDGET (self);
}

/**
 * fp_chart_view_set_data:
 * @self: a chart
 * @categories: (array length=n_categories): the labels along the bottom
 * @n_categories: how many
 * @n_series: how many series (options), at most 4 colours
 * @values: (array): [@n_series × @n_categories], series-major; NAN leaves a gap
 * @series_names: (array length=n_series): for the accessible description
 * @summary: (nullable): what the chart shows, in a sentence, for screen readers
 */
void
fp_chart_view_set_data (FpChartView        *self,
                        const char * const *categories,
                        guint               n_categories,
                        guint               n_series,
                        const double       *values,
                        const char * const *series_names,
                        const char         *summary)
{
  g_autoptr(GString) description = g_string_new (summary);

  g_return_if_fail (FP_IS_CHART_VIEW (self));

  g_ptr_array_set_size (self->categories, 0);
  for (guint c = 0; c < n_categories; c++)
    g_ptr_array_add (self->categories, g_strdup (categories[c]));
  self->n_series = n_series;
  g_free (self->values);
  self->values = g_memdup2 (values, sizeof (double) * n_series * n_categories);

  /* The first and last value of each series, in words. */
  for (guint s = 0; s < n_series && n_categories > 0; s++)
    {
      FpChartAxis axis;
      double first = values[(gsize) s * n_categories];
      double last = values[(gsize) s * n_categories + n_categories - 1];
      g_autofree char *a = NULL, *b = NULL;

      fp_chart_axis_nice (fmin (first, last), fmax (first, last), MAX_TICKS, TRUE,
                          fp_chart_unit_empty_span (self->unit), &axis);
      a = fp_chart_format_tick (&axis, first, self->unit);
      b = fp_chart_format_tick (&axis, last, self->unit);
      /* Translators: one series of a chart in words: its name, first and last values */
      g_string_append_printf (description, _(" %s: %s in %s to %s in %s."), series_names[s], a,
                              categories[0], b, categories[n_categories - 1]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description->str, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
