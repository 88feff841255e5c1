/* fp-render.c: maps and charts drawn with cairo and pango, and written to files.
 *
 * Everything is laid out in points on a 960 × 540 slide (or the widget's size, for a chart
 * drawn in the window); PNG files are drawn at twice that, so a 16:9 projector gets
 * 1920 × 1080 pixels. Files are drawn into memory and written by fp_export_write_file(),
 * which writes a temporary file beside the target and renames it, so a failed export
 * leaves any earlier file as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-render"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "fp-palette.h"
#include "fp-render.h"
#include "fp-render-private.h"
#include "fp-site-marks.h"
#include "fp-site-symbol.h"

#define FONT_FAMILY "Cantarell, DejaVu Sans, sans"

/* Ink colours on the light page, and on the window's dark style. */
#define INK_LIGHT        0x1E1E1E
#define INK_SOFT_LIGHT   0x5E5C64
#define GRID_LIGHT       0xDEDDDA
#define PAGE_LIGHT       0xFFFFFF
#define INK_DARK         0xFFFFFF
#define INK_SOFT_DARK    0xC0BFBC
#define GRID_DARK        0x4A4A4F
#define PAGE_DARK        0x2A2A2E

/* The slide's parts, in points. */
#define SLIDE_MARGIN     24.0
#define LEGEND_WIDTH     232.0
#define LEGEND_GAP       16.0

static const char * const format_names[FP_N_RENDER_FORMATS] = { "png", "pdf", "svg" };

/* ---- helpers -------------------------------------------------------------------- */

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

/* A layout of @text in the slide's font at @size points; @width > 0 wraps it. */
static PangoLayout *
text_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Metrics from the outlines, not the screen's hinting: a PDF and a PNG of one slide
   * then wrap their text in the same places. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static void
text_size (cairo_t    *cr,
           const char *text,
           double      size,
           gboolean    bold,
           double      width,
           double     *out_width,
           double     *out_height)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, width);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (out_width != NULL)
    *out_width = (double) logical.width / PANGO_SCALE;
  if (out_height != NULL)
    *out_height = (double) logical.height / PANGO_SCALE;
}

/* Draws @text with its top at @y; @align: 0 left of @x, 0.5 centred on it, 1 right of it.
 * Returns the height drawn. */
static double
draw_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      y,
           double      size,
           gboolean    bold,
           guint32     rgb,
           double      align,
           double      width)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, size, bold, width);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_save (cr);
  set_rgb (cr, rgb, 1.0);
  cairo_move_to (cr, x - align * logical.width / PANGO_SCALE, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return (double) logical.height / PANGO_SCALE;
}

void
fp_render_set_rgb (cairo_t *cr,
                   guint32  rgb,
                   double   alpha)
{
  set_rgb (cr, rgb, alpha);
}

/* Draws @text in the slides' font (draw_text()); returns the height drawn. */
double
fp_render_text (cairo_t    *cr,
                const char *text,
                double      x,
                double      y,
                double      size,
                gboolean    bold,
                guint32     rgb,
                double      align,
                double      width)
{
  return draw_text (cr, text, x, y, size, bold, rgb, align, width);
}

void
fp_render_text_size (cairo_t    *cr,
                     const char *text,
                     double      size,
                     gboolean    bold,
                     double      width,
                     double     *out_width,
                     double     *out_height)
{
  text_size (cr, text, size, bold, width, out_width, out_height);
}

/* ---- charts --------------------------------------------------------------------- */

typedef struct
{
  guint32 ink;
  guint32 soft;
  guint32 grid;
  guint32 page;
} Inks;

static void
inks_init (Inks     *inks,
           gboolean  dark)
{
  inks->ink = dark ? INK_DARK : INK_LIGHT;
  inks->soft = dark ? INK_SOFT_DARK : INK_SOFT_LIGHT;
  inks->grid = dark ? GRID_DARK : GRID_LIGHT;
  inks->page = dark ? PAGE_DARK : PAGE_LIGHT;
}

/* The key's entries flow left to right and wrap; returns its height. */
static double
chart_key (cairo_t       *cr,
           const FpChart *chart,
           double         x,
           double         y,
           double         width,
           double         size,
           const Inks    *inks,
           gboolean       draw)
{
  double sample = size * 2.2, gap = size * 1.4, line_height = size * 1.5;
  double cx = x, cy = y;

  for (guint s = 0; s < chart->series->len; s++)
    {
      const FpChartSeries *series = g_ptr_array_index (chart->series, s);
      double w;

      text_size (cr, series->label, size, FALSE, -1, &w, NULL);
      if (cx > x && cx + sample + size * 0.4 + w > x + width)
        {
          cx = x;
          cy += line_height;
        }
      if (draw)
        {
          cairo_save (cr);
          set_rgb (cr, inks->page != PAGE_LIGHT && series->dashed ? inks->soft : series->rgb, 1.0);
          cairo_set_line_width (cr, 2.5);
          if (series->dashed)
            cairo_set_dash (cr, (double[]) { 5.0, 3.0 }, 2, 0);
          cairo_move_to (cr, cx, cy + line_height / 2);
          cairo_line_to (cr, cx + sample, cy + line_height / 2);
          cairo_stroke (cr);
          cairo_restore (cr);
          draw_text (cr, series->label, cx + sample + size * 0.4,
                     cy + (line_height - size * 1.25) / 2, size, FALSE, inks->ink, 0, -1);
        }
      cx += sample + size * 0.4 + w + gap;
    }

  return chart->series->len > 0 ? cy - y + line_height : 0;
}

/**
 * fp_render_chart:
 * @cr: where to draw
 * @chart: the chart
 * @width: the page's width (points or pixels)
 * @height: its height
 * @dark: draw light ink on a dark page (the window's dark style)
 *
 * Draws the chart filling (0, 0, @width, @height): title, value axis with round ticks and
 * a zero line, years, each series as a line (the reference dashed) ending in a dot, the
 * key and the note.
 */
void
fp_render_chart (cairo_t       *cr,
                 const FpChart *chart,
                 double         width,
                 double         height,
                 gboolean       dark)
{
  FpChartMetrics metrics = { 0 };
  FpChartLayout layout;
  FpChartAxis rough;
  Inks inks;
  double base = CLAMP (MIN (width / 60.0, height / 24.0), 10.0, 16.0);
  double label_size = base * 0.9, title_size = base * 1.35;
  double lo, hi, w, h, y;

  g_return_if_fail (chart != NULL);

  inks_init (&inks, dark);
  cairo_save (cr);
  set_rgb (cr, inks.page, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  /* Measure the text the layout leaves room for. */
  metrics.padding = base * 1.2;
  fp_chart_get_range (chart, &lo, &hi);
  fp_chart_axis_nice (lo, hi, 9, chart->include_zero, fp_chart_unit_empty_span (chart->unit),
                      &rough);
  for (guint i = 0; i < rough.n_ticks; i++)
    {
      g_autofree char *text = fp_chart_format_tick (&rough, fp_chart_axis_tick (&rough, i),
                                                    chart->unit);

      text_size (cr, text, label_size, FALSE, -1, &w, &h);
      metrics.y_label_width = MAX (metrics.y_label_width, w);
      metrics.text_height = MAX (metrics.text_height, h);
    }
  {
    g_autofree char *year = g_strdup_printf ("%d", chart->first_year + (int) chart->n_years);

    text_size (cr, year, label_size, FALSE, -1, &metrics.x_label_width, &h);
    metrics.text_height = MAX (metrics.text_height, h);
  }
  text_size (cr, chart->title, title_size, TRUE, width - 2 * metrics.padding, NULL, &h);
  metrics.title_height = h;
  if (chart->subtitle != NULL)
    {
      text_size (cr, chart->subtitle, label_size, FALSE, width - 2 * metrics.padding, NULL, &h);
      metrics.title_height += h + base * 0.2;
    }
  metrics.key_height = chart_key (cr, chart, 0, 0, width - 2 * metrics.padding, label_size,
                                  &inks, FALSE);
  if (chart->note != NULL)
    text_size (cr, chart->note, label_size * 0.85, FALSE, width - 2 * metrics.padding, NULL,
               &metrics.note_height);

  fp_chart_layout (chart, width, height, &metrics, &layout);

  /* Title and subtitle. */
  y = metrics.padding;
  y += draw_text (cr, chart->title, metrics.padding, y, title_size, TRUE, inks.ink, 0,
                  width - 2 * metrics.padding);
  if (chart->subtitle != NULL)
    draw_text (cr, chart->subtitle, metrics.padding, y + base * 0.2, label_size, FALSE, inks.soft,
               0, width - 2 * metrics.padding);

  /* The value axis: a gridline and a label per tick; zero stronger. */
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < layout.axis.n_ticks; i++)
    {
      double value = fp_chart_axis_tick (&layout.axis, i);
      double ty = round (fp_chart_layout_y (&layout, value)) + 0.5;
      g_autofree char *text = fp_chart_format_tick (&layout.axis, value, chart->unit);

      set_rgb (cr, value == 0 ? inks.soft : inks.grid, 1.0);
      cairo_move_to (cr, layout.plot.x, ty);
      cairo_line_to (cr, layout.plot.x + layout.plot.width, ty);
      cairo_stroke (cr);
      draw_text (cr, text, layout.plot.x - metrics.padding / 2, ty - metrics.text_height / 2,
                 label_size, FALSE, inks.soft, 1.0, -1);
    }

  /* Years under the plot. */
  for (guint t = 0; t < chart->n_years; t += layout.x_label_every)
    {
      g_autofree char *year = g_strdup_printf ("%d", chart->first_year + (int) t);
      double tx = fp_chart_layout_x (&layout, chart->n_years, t);

      set_rgb (cr, inks.grid, 1.0);
      cairo_move_to (cr, round (tx) + 0.5, layout.plot.y + layout.plot.height);
      cairo_line_to (cr, round (tx) + 0.5, layout.plot.y + layout.plot.height + base * 0.4);
      cairo_stroke (cr);
      draw_text (cr, year, tx, layout.plot.y + layout.plot.height + metrics.padding / 2,
                 label_size, FALSE, inks.soft, 0.5, -1);
    }

  /* The series: the reference first, so the options draw over it. */
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint s = 0; s < chart->series->len; s++)
    {
      const FpChartSeries *series = g_ptr_array_index (chart->series, s);
      gboolean drawing = FALSE;
      double last_x = 0, last_y = 0;

      cairo_save (cr);
      /* The reference's dark grey would vanish on the dark page: it takes the soft ink. */
      set_rgb (cr, dark && series->dashed ? inks.soft : series->rgb, 1.0);
      cairo_set_line_width (cr, series->dashed ? 2.0 : 2.75);
      if (series->dashed)
        cairo_set_dash (cr, (double[]) { 6.0, 4.0 }, 2, 0);
      cairo_new_path (cr);
      for (guint t = 0; t < series->n_values && t < chart->n_years; t++)
        {
          double value = series->values[t];

          if (!isfinite (value))
            {
              drawing = FALSE;
              continue;
            }
          last_x = fp_chart_layout_x (&layout, chart->n_years, t);
          last_y = fp_chart_layout_y (&layout, value);
          if (drawing)
            cairo_line_to (cr, last_x, last_y);
          else
            cairo_move_to (cr, last_x, last_y);
          drawing = TRUE;
        }
      cairo_stroke (cr);
      if (drawing)
        {
          cairo_arc (cr, last_x, last_y, series->dashed ? 2.5 : 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
      cairo_restore (cr);
    }

  chart_key (cr, chart, metrics.padding, layout.key_y, width - 2 * metrics.padding, label_size,
             &inks, TRUE);
  if (chart->note != NULL)
    draw_text (cr, chart->note, metrics.padding, layout.note_y, label_size * 0.85, FALSE,
               inks.soft, 0, width - 2 * metrics.padding);

  cairo_restore (cr);
}

/* ---- maps ----------------------------------------------------------------------- */

/**
 * fp_render_map_attribution:
 *
 * Returns: the attribution every exported map carries: the Open Government Licence and
 *   the copyrights of the boundaries and postcode centroids it is drawn from
 */
const char *
fp_render_map_attribution (void)
{
  return _("Contains public sector information licensed under the Open Government Licence "
           "v3.0. Contains OS data © Crown copyright and database right. Contains Royal Mail "
           "data © Royal Mail copyright and database right. Boundaries: Office for National "
           "Statistics. Sites: NHS England (ODS, ERIC) and the NHS website. Made with "
           "Footprint.");
}

/* A round distance for the scale bar, at most @max_metres. */
static double
scale_distance (double max_metres)
{
  double magnitude = pow (10.0, floor (log10 (max_metres)));

  if (max_metres >= 5 * magnitude)
    return 5 * magnitude;
  if (max_metres >= 2 * magnitude)
    return 2 * magnitude;
  return magnitude;
}

static void
draw_scale_bar (cairo_t *cr,
                double   x,
                double   y,
                double   metres_per_point,
                double   max_width)
{
  double metres = scale_distance (max_width * metres_per_point);
  double w = metres / metres_per_point;
  g_autofree char *label = NULL;
  double lw, lh;

  if (metres >= 1000)
    /* Translators: a map's scale bar, in kilometres */
    label = g_strdup_printf (_("%g km"), metres / 1000);
  else
    /* Translators: a map's scale bar, in metres */
    label = g_strdup_printf (_("%g m"), metres);

  text_size (cr, label, 9, FALSE, -1, &lw, &lh);
  cairo_save (cr);
  set_rgb (cr, 0xFFFFFF, 0.85);
  cairo_rectangle (cr, x - 6, y - lh - 6, MAX (w, lw) + 12, lh + 14);
  cairo_fill (cr);
  set_rgb (cr, INK_LIGHT, 1.0);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x, y - 3);
  cairo_line_to (cr, x, y + 2);
  cairo_line_to (cr, x + w, y + 2);
  cairo_line_to (cr, x + w, y - 3);
  cairo_stroke (cr);
  cairo_restore (cr);
  draw_text (cr, label, x, y - lh - 2, 9, FALSE, INK_LIGHT, 0, -1);
}

/* A name on the map, dark on a pale halo, as the window's label layer draws it. */
static void
draw_place_name (cairo_t    *cr,
                 const char *text,
                 double      x,
                 double      y)
{
  g_autoptr(PangoLayout) layout = text_layout (cr, text, 8.5, TRUE, -1);
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  cairo_save (cr);
  cairo_move_to (cr, x - (double) logical.width / PANGO_SCALE / 2,
                 y - (double) logical.height / PANGO_SCALE / 2);
  pango_cairo_layout_path (cr, layout);
  set_rgb (cr, FP_PALETTE_MAP_LAND, 0.85);
  cairo_set_line_width (cr, 2.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  set_rgb (cr, FP_PALETTE_MAP_LABEL, 1.0);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* A key row: a symbol, then its words. Returns the row's height. */
static double
legend_row (cairo_t           *cr,
            double             x,
            double             y,
            double             width,
            FpSiteSymbol       symbol,
            guint32            rgb,
            FpSiteSymbolStyle  style,
            const char        *text)
{
  double h;

  text_size (cr, text, 9.5, FALSE, width - 22, NULL, &h);
  h = MAX (h, 15);
  fp_site_symbol_draw (cr, symbol, x + 7, y + h / 2, 6.0, rgb, style);
  draw_text (cr, text, x + 20, y + (h - 12) / 2, 9.5, FALSE, INK_LIGHT, 0, width - 22);
  return h + 2;
}

static double
legend_heading (cairo_t    *cr,
                double      x,
                double      y,
                double      width,
                const char *text)
{
  return draw_text (cr, text, x, y, 10.5, TRUE, INK_LIGHT, 0, width) + 3;
}

/* A zone layer's key row: a swatch of the shade, then its words. */
static double
legend_swatch_row (cairo_t    *cr,
                   double      x,
                   double      y,
                   double      width,
                   guint32     rgb,
                   const char *text)
{
  double h;

  text_size (cr, text, 9.5, FALSE, width - 22, NULL, &h);
  h = MAX (h, 15);
  cairo_save (cr);
  set_rgb (cr, rgb, 1.0);
  cairo_rectangle (cr, x + 1, y + h / 2 - 6, 12, 12);
  cairo_fill_preserve (cr);
  set_rgb (cr, 0x737378, 1.0);
  cairo_set_line_width (cr, 0.75);
  cairo_stroke (cr);
  cairo_restore (cr);
  draw_text (cr, text, x + 20, y + (h - 12) / 2, 9.5, FALSE, INK_LIGHT, 0, width - 22);
  return h + 2;
}

/**
 * fp_render_map_legend:
 * @cr: where to draw
 * @picture: what the map shows
 * @marks: (element-type FpSiteMark): the marks drawn (fp_render_map_frame())
 * @symbol_scale: the scale the map's symbols were drawn at
 * @x: the legend's left
 * @y: its top
 * @width: its width
 *
 * Draws the map's key: what the colours, shapes, symbol states, zone shading and sizes mean.
 */
void
fp_render_map_legend (cairo_t            *cr,
                      const FpMapPicture *picture,
                      GArray             *marks,
                      double              symbol_scale,
                      double              x,
                      double              y,
                      double              width)
{
  g_autoptr(FpScale) scale = NULL;
  guint by_symbol[FP_N_SITE_SYMBOLS] = { 0 };
  gboolean tenures[FP_N_TENURES + 1] = { FALSE };
  gboolean closed = FALSE, left = FALSE, gone = FALSE, opened = FALSE;
  const double *key;
  guint n_key;

  scale = fp_scale_new_for_colour_by (picture->colour_by,
                                      fp_model_get_assumption (picture->model,
                                                               "target_room_utilisation"));
  for (guint i = 0; i < marks->len; i++)
    {
      const FpSiteMark *mark = &g_array_index (marks, FpSiteMark, i);
      const FpResultSite *rs = &picture->results->sites[mark->index];

      by_symbol[mark->symbol]++;
      if ((guint) rs->tenure <= FP_N_TENURES)
        tenures[rs->tenure] = TRUE;
      closed |= (mark->style & FP_SITE_SYMBOL_STYLE_HOLLOW) != 0;
      opened |= (mark->style & FP_SITE_SYMBOL_STYLE_NEW) != 0;
      left |= (mark->style & FP_SITE_SYMBOL_STYLE_LEFT) != 0;
      gone |= (mark->style & FP_SITE_SYMBOL_STYLE_GONE) != 0;
    }

  {
    /* Translators: the legend's colour heading, e.g. "Colour: room utilisation" */
    g_autofree char *heading = g_strdup_printf (_("Colour: %s"), scale->title);

    y += legend_heading (cr, x, y, width, heading);
  }
  for (guint i = 0; i < scale->classes->len; i++)
    {
      const FpScaleClass *c = &g_array_index (scale->classes, FpScaleClass, i);

      /* Only the tenures the map has. */
      if (picture->colour_by == FP_COLOUR_BY_TENURE && c->lower >= 0 &&
          c->lower <= FP_N_TENURES && !tenures[(int) c->lower])
        continue;
      y += legend_row (cr, x, y, width, FP_SITE_SYMBOL_CIRCLE, c->rgb, 0, c->label);
    }
  if (scale->unknown_label != NULL)
    y += legend_row (cr, x, y, width, FP_SITE_SYMBOL_CIRCLE, scale->unknown_rgb, 0,
                     scale->unknown_label);

  y += 8;
  y += legend_heading (cr, x, y, width, _("Shape: type of site"));
  {
    guint n = 0;
    double column = width / 2, row_y = y, h = 0;

    for (guint s = 0; s < FP_N_SITE_SYMBOLS; s++)
      {
        if (by_symbol[s] == 0)
          continue;
        h = legend_row (cr, x + (n % 2) * column, row_y, column - 4, s, 0x737378, 0,
                        fp_site_symbol_get_short_label (s));
        if (n % 2 == 1)
          row_y += h;
        n++;
      }
    y = row_y + (n % 2 == 1 ? h : 0);
  }

  if (closed || left || gone || opened)
    {
      y += 8;
      y += legend_heading (cr, x, y, width, _("Symbol"));
      if (closed)
        y += legend_row (cr, x, y, width, FP_SITE_SYMBOL_CIRCLE, 0x737378,
                         FP_SITE_SYMBOL_STYLE_HOLLOW, _("Outline only: possibly closed"));
      if (opened)
        y += legend_row (cr, x, y, width, FP_SITE_SYMBOL_CIRCLE, 0x737378,
                         FP_SITE_SYMBOL_STYLE_NEW, _("Plus: opened by this scenario"));
      if (left)
        y += legend_row (cr, x, y, width, FP_SITE_SYMBOL_CIRCLE, 0x737378,
                         FP_SITE_SYMBOL_STYLE_LEFT, _("Struck through: left, still costing"));
      if (gone)
        y += legend_row (cr, x, y, width, FP_SITE_SYMBOL_CIRCLE, FP_STYLE_NOT_HELD,
                         FP_SITE_SYMBOL_STYLE_GONE, _("Crossed out: left, no longer held"));
    }

  if (picture->zone_layer != FP_ZONE_LAYER_NONE && picture->zone_layer < FP_N_ZONE_LAYERS)
    {
      g_autoptr(FpScale) zones = fp_scale_new_for_zone_layer (picture->zone_layer);
      /* Translators: the legend's zone heading, e.g. "Shading: population density" */
      g_autofree char *heading = g_strdup_printf (_("Shading: %s"), zones->title);

      y += 8;
      y += legend_heading (cr, x, y, width, heading);
      for (guint i = 0; i < zones->classes->len; i++)
        {
          const FpScaleClass *c = &g_array_index (zones->classes, FpScaleClass, i);

          y += legend_swatch_row (cr, x, y, width, c->rgb, c->label);
        }
    }

  y += 8;
  {
    /* Translators: the legend's size heading, e.g. "Size: floor area" */
    g_autofree char *heading = g_strdup_printf (_("Size: %s"),
                                                fp_size_by_to_label (picture->size_by));
    double cx = x, biggest = 0;

    y += legend_heading (cr, x, y, width, heading);
    key = fp_map_style_size_key (picture->size_by, &n_key);
    /* At the map's scale, so a size in the key is a size on the map. */
    for (guint i = 0; i < n_key; i++)
      biggest = MAX (biggest, fp_map_style_radius (picture->size_by, key[i]) * symbol_scale);
    for (guint i = 0; i < n_key; i++)
      {
        double r = fp_map_style_radius (picture->size_by, key[i]) * symbol_scale;
        g_autofree char *text = fp_format_area (key[i]);
        double tw;

        text_size (cr, text, 9, FALSE, -1, &tw, NULL);
        fp_site_symbol_draw (cr, FP_SITE_SYMBOL_CIRCLE, cx + MAX (r, tw / 2), y + 2 * biggest - r,
                             r, 0x737378, 0);
        draw_text (cr, text, cx + MAX (r, tw / 2), y + 2 * biggest + 3, 9, FALSE, INK_LIGHT, 0.5,
                   -1);
        cx += 2 * MAX (r, tw / 2) + 10;
      }
  }
}

/**
 * fp_render_map_frame:
 * @cr: where to draw
 * @picture: what to show
 * @boundaries: (nullable): loaded boundaries (with zones loaded, for a zone layer)
 * @map_x: the frame's left
 * @map_y: its top
 * @map_w: its width
 * @map_h: its height
 * @symbol_scale: (out): the scale the symbols were drawn at, for the legend
 *
 * Draws the map alone in its frame: the basemap (with the zone shading of @picture), the
 * place names, the sites as the window draws them, the site picked ringed, and a scale bar.
 *
 * Returns: (transfer full) (element-type FpSiteMark): the marks drawn
 */
GArray *
fp_render_map_frame (cairo_t            *cr,
                     const FpMapPicture *picture,
                     FpBoundaries       *boundaries,
                     double              map_x,
                     double              map_y,
                     double              map_w,
                     double              map_h,
                     double             *symbol_scale_out)
{
  GArray *marks = NULL;
  double cx, cy, lat, symbol_scale;
  FpBoundaryView view;

  /* The part of the world shown. */
  if (picture->has_view && picture->span > 0)
    {
      view.world = map_w / picture->span;
      cx = fp_mercator_x (picture->longitude);
      cy = fp_mercator_y (picture->latitude);
    }
  else
    {
      double min_x, min_y, max_x, max_y;

      if (boundaries == NULL ||
          !fp_boundaries_get_extent (boundaries, &min_x, &min_y, &max_x, &max_y))
        {
          /* No boundaries: the sites' extent. */
          min_x = min_y = G_MAXDOUBLE;
          max_x = max_y = -G_MAXDOUBLE;
          for (guint i = 0; i < picture->results->n_sites; i++)
            if (picture->results->sites[i].placed)
              {
                double sx = fp_mercator_x (picture->results->sites[i].lon);
                double sy = fp_mercator_y (picture->results->sites[i].lat);

                min_x = MIN (min_x, sx);
                max_x = MAX (max_x, sx);
                min_y = MIN (min_y, sy);
                max_y = MAX (max_y, sy);
              }
          if (min_x > max_x)
            min_x = max_x = 0.5, min_y = max_y = 0.33;
        }
      view.world = MIN (map_w / MAX ((max_x - min_x) * 1.06, 1e-6),
                        map_h / MAX ((max_y - min_y) * 1.06, 1e-6));
      cx = (min_x + max_x) / 2;
      cy = (min_y + max_y) / 2;
    }
  view.zoom = log2 (view.world / 256.0);
  /* The window's symbols are sized for a map about 600 pixels high; a slide's smaller map
   * gets smaller symbols, or the sites of the city centre merge into one blot. */
  symbol_scale = CLAMP (map_h / 600.0, 0.6, 1.0);
  view.width = map_w;
  view.height = map_h;
  view.ox = cx * view.world - map_w / 2;
  view.oy = cy * view.world - map_h / 2;

  /* The map, clipped to its frame. */
  cairo_save (cr);
  cairo_rectangle (cr, map_x, map_y, map_w, map_h);
  cairo_clip (cr);
  cairo_translate (cr, map_x, map_y);
  if (boundaries != NULL)
    {
      g_autoptr(GArray) labels = fp_boundaries_get_labels (boundaries, FALSE);

      fp_boundaries_draw (boundaries, cr, &view, picture->zone_rgb, picture->n_zones);
      marks = fp_site_marks_build (picture->estate, picture->model, picture->results,
                                   picture->year, picture->colour_by, picture->size_by, NULL);
      for (guint i = 0; i < marks->len; i++)
        {
          const FpSiteMark *mark = &g_array_index (marks, FpSiteMark, i);
          double x = fp_mercator_x (mark->lon) * view.world - view.ox + mark->dx;
          double y = fp_mercator_y (mark->lat) * view.world - view.oy + mark->dy;

          if (x < -40 || y < -40 || x > map_w + 40 || y > map_h + 40)
            continue;
          fp_site_symbol_draw (cr, mark->symbol, x, y, mark->radius * symbol_scale, mark->rgb,
                               mark->style);
        }
      for (guint i = 0; i < labels->len; i++)
        {
          const FpBoundaryLabel *label = &g_array_index (labels, FpBoundaryLabel, i);

          draw_place_name (cr, label->text, label->x * view.world - view.ox,
                           label->y * view.world - view.oy);
        }
    }
  else
    {
      set_rgb (cr, FP_PALETTE_MAP_LAND, 1.0);
      cairo_paint (cr);
      marks = fp_site_marks_build (picture->estate, picture->model, picture->results,
                                   picture->year, picture->colour_by, picture->size_by, NULL);
      for (guint i = 0; i < marks->len; i++)
        {
          const FpSiteMark *mark = &g_array_index (marks, FpSiteMark, i);

          fp_site_symbol_draw (cr, mark->symbol,
                               fp_mercator_x (mark->lon) * view.world - view.ox + mark->dx,
                               fp_mercator_y (mark->lat) * view.world - view.oy + mark->dy,
                               mark->radius * symbol_scale, mark->rgb, mark->style);
        }
    }

  /* The site picked: a thick ring round it, dark outside pale, so it reads on any colour. */
  for (guint i = 0; picture->selected_site != NULL && i < marks->len; i++)
    {
      const FpSiteMark *mark = &g_array_index (marks, FpSiteMark, i);
      double x, y, r;

      if (g_strcmp0 (picture->results->sites[mark->index].id, picture->selected_site) != 0)
        continue;
      x = fp_mercator_x (mark->lon) * view.world - view.ox + mark->dx;
      y = fp_mercator_y (mark->lat) * view.world - view.oy + mark->dy;
      r = mark->radius * symbol_scale + 5;
      cairo_new_path (cr);
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      set_rgb (cr, 0xFFFFFF, 1.0);
      cairo_set_line_width (cr, 6);
      cairo_stroke_preserve (cr);
      set_rgb (cr, INK_LIGHT, 1.0);
      cairo_set_line_width (cr, 3);
      cairo_stroke (cr);
      break;
    }

  /* The scale bar: ground metres per point at the view's centre latitude. */
  lat = fp_mercator_lat (cy);
  draw_scale_bar (cr, 14, map_h - 14,
                  40075016.686 * cos (lat * G_PI / 180.0) / view.world, map_w / 4);
  cairo_restore (cr);

  set_rgb (cr, FP_PALETTE_MAP_LOCALITY, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, map_x + 0.5, map_y + 0.5, map_w - 1, map_h - 1);
  cairo_stroke (cr);

  *symbol_scale_out = symbol_scale;
  return marks;
}

/**
 * fp_render_map:
 * @cr: where to draw
 * @picture: what to show
 * @boundaries: (nullable): loaded boundaries to draw under the sites; %NULL for none
 * @width: the page's width, points
 * @height: its height, points
 *
 * Draws a map slide filling (0, 0, @width, @height): the title and subtitle, the map (the
 * whole area, or @picture's view) with the place names and the sites as the window draws
 * them, a scale bar, the legend at the right, and the attribution at the foot.
 */
void
fp_render_map (cairo_t            *cr,
               const FpMapPicture *picture,
               FpBoundaries       *boundaries,
               double              width,
               double              height)
{
  g_autoptr(GArray) marks = NULL;
  double top, map_x, map_y, map_w, map_h, foot_h, symbol_scale;

  g_return_if_fail (picture != NULL);

  cairo_save (cr);
  set_rgb (cr, PAGE_LIGHT, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  /* Title and subtitle. */
  top = SLIDE_MARGIN * 0.75;
  top += draw_text (cr, picture->title, SLIDE_MARGIN, top, 22, TRUE, INK_LIGHT, 0,
                    width - 2 * SLIDE_MARGIN);
  if (picture->subtitle != NULL)
    top += draw_text (cr, picture->subtitle, SLIDE_MARGIN, top + 2, 12, FALSE, INK_SOFT_LIGHT,
                      0, width - 2 * SLIDE_MARGIN) + 2;
  top += 10;

  text_size (cr, fp_render_map_attribution (), 7.5, FALSE, width - 2 * SLIDE_MARGIN, NULL,
             &foot_h);
  map_x = SLIDE_MARGIN;
  map_y = top;
  map_w = width - 2 * SLIDE_MARGIN - LEGEND_WIDTH - LEGEND_GAP;
  map_h = height - top - foot_h - SLIDE_MARGIN * 0.5 - 8;

  marks = fp_render_map_frame (cr, picture, boundaries, map_x, map_y, map_w, map_h,
                               &symbol_scale);
  fp_render_map_legend (cr, picture, marks, symbol_scale, map_x + map_w + LEGEND_GAP, map_y,
                        LEGEND_WIDTH);

  draw_text (cr, fp_render_map_attribution (), SLIDE_MARGIN, height - SLIDE_MARGIN * 0.5 - foot_h,
             7.5, FALSE, INK_SOFT_LIGHT, 0, width - 2 * SLIDE_MARGIN);

  cairo_restore (cr);
}

/* ---- files ---------------------------------------------------------------------- */

typedef void (*DrawFunc) (cairo_t *cr,
                          gpointer data,
                          double   width,
                          double   height);

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * fp_render_write_pages:
 * @format: PNG, PDF or SVG
 * @path: the file to write (replaced if it exists, only once the new one is complete)
 * @title: the document's title (PDF)
 * @first: the first page to draw
 * @n_pages: how many pages: a PDF takes them all; a PNG or SVG file holds one page, so
 *   @n_pages must then be 1
 * @draw: draws a page
 * @data: for @draw
 * @error: return location for an error
 *
 * Draws the pages into memory and writes them through a temporary file renamed into place.
 *
 * Returns: %TRUE if the file was written
 */
gboolean
fp_render_write_pages (FpRenderFormat     format,
                       const char        *path,
                       const char        *title,
                       guint              first,
                       guint              n_pages,
                       FpRenderDrawFunc   draw,
                       gpointer           data,
                       GError           **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  double w = FP_RENDER_SLIDE_WIDTH, h = FP_RENDER_SLIDE_HEIGHT;
  cairo_surface_t *surface;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  cairo_t *cr;

  g_return_val_if_fail (format < FP_N_RENDER_FORMATS, FALSE);
  g_return_val_if_fail (n_pages >= 1 && (format == FP_RENDER_PDF || n_pages == 1), FALSE);

  switch (format)
    {
    case FP_RENDER_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * FP_RENDER_PNG_SCALE),
                                            (int) (h * FP_RENDER_PNG_SCALE));
      break;
    case FP_RENDER_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_cb, bytes, w, h);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Footprint");
      break;
    case FP_RENDER_SVG:
    case FP_N_RENDER_FORMATS:
    default:
      surface = cairo_svg_surface_create_for_stream (append_cb, bytes, w, h);
      break;
    }

  cr = cairo_create (surface);
  if (format == FP_RENDER_PNG)
    cairo_scale (cr, FP_RENDER_PNG_SCALE, FP_RENDER_PNG_SCALE);
  for (guint p = 0; p < n_pages && status == CAIRO_STATUS_SUCCESS; p++)
    {
      cairo_save (cr);
      draw (cr, data, first + p, w, h);
      cairo_restore (cr);
      if (n_pages > 1)
        cairo_show_page (cr);
      status = cairo_status (cr);
    }
  cairo_destroy (cr);

  if (status == CAIRO_STATUS_SUCCESS && format == FP_RENDER_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_cb, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not draw “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  return fp_export_write_file (path, (const char *) bytes->data, bytes->len, error);
}

typedef struct
{
  DrawFunc draw;
  gpointer data;
} OnePage;

static void
draw_one_page (cairo_t *cr,
               gpointer data,
               guint    page,
               double   width,
               double   height)
{
  OnePage *one = data;

  one->draw (cr, one->data, width, height);
}

static gboolean
write_picture (FpRenderFormat   format,
               const char      *path,
               const char      *title,
               DrawFunc         draw,
               gpointer         data,
               GError         **error)
{
  OnePage one = { draw, data };

  return fp_render_write_pages (format, path, title, 0, 1, draw_one_page, &one, error);
}

static void
draw_chart_page (cairo_t *cr,
                 gpointer data,
                 double   width,
                 double   height)
{
  fp_render_chart (cr, data, width, height, FALSE);
}

/**
 * fp_render_chart_to_file:
 * @chart: the chart
 * @format: PNG, PDF or SVG
 * @path: the file to write (replaced if it exists, only once the new one is complete)
 * @error: return location for an error
 *
 * Returns: %TRUE if the file was written
 */
gboolean
fp_render_chart_to_file (const FpChart   *chart,
                         FpRenderFormat   format,
                         const char      *path,
                         GError         **error)
{
  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_picture (format, path, chart->title, draw_chart_page, (gpointer) chart, error);
}

typedef struct
{
  const FpMapPicture *picture;
  FpBoundaries       *boundaries;
} MapPage;

static void
draw_map_page (cairo_t *cr,
               gpointer data,
               double   width,
               double   height)
{
  MapPage *page = data;

  fp_render_map (cr, page->picture, page->boundaries, width, height);
}

/**
 * fp_render_map_to_file:
 * @picture: what to show
 * @boundaries: (nullable): loaded boundaries, or %NULL to read them from the dataset now
 * @format: PNG, PDF or SVG
 * @path: the file to write (replaced if it exists, only once the new one is complete)
 * @error: return location for an error
 *
 * Returns: %TRUE if the file was written
 */
gboolean
fp_render_map_to_file (const FpMapPicture  *picture,
                       FpBoundaries        *boundaries,
                       FpRenderFormat       format,
                       const char          *path,
                       GError             **error)
{
  g_autoptr(FpBoundaries) loaded = NULL;
  MapPage page = { picture, boundaries };

  g_return_val_if_fail (picture != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (boundaries == NULL)
    {
      loaded = fp_boundaries_new ();
      if (!fp_boundaries_load (loaded, error))
        return FALSE;
      page.boundaries = loaded;
    }

  return write_picture (format, path, picture->title, draw_map_page, &page, error);
}

const char *
fp_render_format_to_string (FpRenderFormat format)
{
  g_return_val_if_fail (format < FP_N_RENDER_FORMATS, NULL);
  return format_names[format];
}

gboolean
fp_render_format_from_string (const char     *text,
                              FpRenderFormat *format)
{
  for (guint f = 0; text != NULL && f < FP_N_RENDER_FORMATS; f++)
    if (g_ascii_strcasecmp (text, format_names[f]) == 0)
      {
        *format = f;
        return TRUE;
      }
  return FALSE;
}

/**
 * fp_render_format_from_path:
 * @path: a file name
 * @format: (out): the format its extension names
 *
 * Returns: whether the name ends in .png, .pdf or .svg (in any case)
 */
gboolean
fp_render_format_from_path (const char     *path,
                            FpRenderFormat *format)
{
  const char *dot = path != NULL ? strrchr (path, '.') : NULL;

  return dot != NULL && fp_render_format_from_string (dot + 1, format);
}
