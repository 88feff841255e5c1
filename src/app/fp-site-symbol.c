/* fp-site-symbol.c: the shapes, colours and sizes of site symbols, drawn with cairo.
 *
 * Sizes follow the square root of the floor area, so a symbol's area (not its width) is
 * proportional to the building's, clamped so a GP practice stays visible and a teaching
 * hospital does not hide its neighbours. Each shape is scaled to about the area of a circle
 * of the same radius so that shape does not read as size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-symbol"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-palette.h"
#include "fp-site-symbol.h"

static const char * const symbol_labels[FP_N_SITE_SYMBOLS] = {
  N_("Acute hospital"),
  N_("Independent hospital"),
  N_("Community hospital"),
  N_("Mental health unit"),
  N_("Health centre or hub"),
  N_("Urgent care or walk-in centre"),
  N_("GP practice or branch"),
  N_("Office or other site"),
};

/* Pixels of radius per square root of a square metre, and the offset at zero. */
#define RADIUS_PER_SQRT_M2 0.055
#define RADIUS_BASE        2.5

#define OUTLINE_WIDTH 1.25

static void
polygon_path (cairo_t *cr,
              double   cx,
              double   cy,
              double   r,
              int      sides,
              double   start_deg)
{
  for (int i = 0; i < sides; i++)
    {
      double a = (start_deg + 360.0 * i / sides) * G_PI / 180.0;

      if (i == 0)
        cairo_move_to (cr, cx + r * cos (a), cy + r * sin (a));
      else
        cairo_line_to (cr, cx + r * cos (a), cy + r * sin (a));
    }
  cairo_close_path (cr);
}

static void
shape_path (cairo_t      *cr,
            FpSiteSymbol  symbol,
            double        cx,
            double        cy,
            double        r)
{
  switch (symbol)
    {
    case FP_SITE_SYMBOL_SQUARE:
      cairo_rectangle (cr, cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8);
      break;

    case FP_SITE_SYMBOL_CROSS:
      {
        double w = r * 0.42, l = r * 1.15;

        cairo_move_to (cr, cx - w, cy - l);
        cairo_line_to (cr, cx + w, cy - l);
        cairo_line_to (cr, cx + w, cy - w);
        cairo_line_to (cr, cx + l, cy - w);
        cairo_line_to (cr, cx + l, cy + w);
        cairo_line_to (cr, cx + w, cy + w);
        cairo_line_to (cr, cx + w, cy + l);
        cairo_line_to (cr, cx - w, cy + l);
        cairo_line_to (cr, cx - w, cy + w);
        cairo_line_to (cr, cx - l, cy + w);
        cairo_line_to (cr, cx - l, cy - w);
        cairo_line_to (cr, cx - w, cy - w);
        cairo_close_path (cr);
      }
      break;

    case FP_SITE_SYMBOL_PENTAGON:
      polygon_path (cr, cx, cy + r * 0.08, r * 1.1, 5, -90);
      break;

    case FP_SITE_SYMBOL_HEXAGON:
      polygon_path (cr, cx, cy, r * 1.06, 6, -90);
      break;

    case FP_SITE_SYMBOL_DIAMOND:
      polygon_path (cr, cx, cy, r * 1.25, 4, -90);
      break;

    case FP_SITE_SYMBOL_TRIANGLE:
      polygon_path (cr, cx, cy + r * 0.22, r * 1.4, 3, -90);
      break;

    case FP_SITE_SYMBOL_TRIANGLE_DOWN:
      polygon_path (cr, cx, cy - r * 0.22, r * 1.4, 3, 90);
      break;

    case FP_SITE_SYMBOL_CIRCLE:
    case FP_N_SITE_SYMBOLS:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
      cairo_close_path (cr);
      break;
    }
}

/**
 * fp_site_symbol_for_type:
 * @type: a site type
 *
 * Returns: the shape that stands for @type on the map
 */
FpSiteSymbol
fp_site_symbol_for_type (FpSiteType type)
{
  switch (type)
    {
    case FP_SITE_TYPE_ACUTE_HOSPITAL:       return FP_SITE_SYMBOL_SQUARE;
    case FP_SITE_TYPE_INDEPENDENT_HOSPITAL: return FP_SITE_SYMBOL_CROSS;
    case FP_SITE_TYPE_COMMUNITY_HOSPITAL:   return FP_SITE_SYMBOL_PENTAGON;
    case FP_SITE_TYPE_MENTAL_HEALTH_UNIT:   return FP_SITE_SYMBOL_HEXAGON;
    case FP_SITE_TYPE_HEALTH_CENTRE:
    case FP_SITE_TYPE_HUB:                  return FP_SITE_SYMBOL_DIAMOND;
    case FP_SITE_TYPE_URGENT_CARE_CENTRE:
    case FP_SITE_TYPE_WALK_IN_CENTRE:       return FP_SITE_SYMBOL_TRIANGLE;
    case FP_SITE_TYPE_GP_PRACTICE:
    case FP_SITE_TYPE_GP_BRANCH:            return FP_SITE_SYMBOL_CIRCLE;
    case FP_SITE_TYPE_OFFICE:
    case FP_SITE_TYPE_OTHER:
    case FP_N_SITE_TYPES:
    default:                                return FP_SITE_SYMBOL_TRIANGLE_DOWN;
    }
}

/**
 * fp_site_symbol_get_label:
 * @symbol: a shape
 *
 * Returns: the legend's words for @symbol, translated
 */
const char *
fp_site_symbol_get_label (FpSiteSymbol symbol)
{
  g_return_val_if_fail ((guint) symbol < FP_N_SITE_SYMBOLS, NULL);

  return _(symbol_labels[symbol]);
}

/**
 * fp_site_symbol_get_color:
 * @tenure: a tenure
 * @color: (out): the fill colour of sites of that tenure
 */
void
fp_site_symbol_get_color (FpTenure  tenure,
                          GdkRGBA  *color)
{
  guint32 rgb = fp_palette_tenure (tenure);

  color->red = ((rgb >> 16) & 0xff) / 255.0f;
  color->green = ((rgb >> 8) & 0xff) / 255.0f;
  color->blue = (rgb & 0xff) / 255.0f;
  color->alpha = 1.0f;
}

/**
 * fp_site_symbol_radius_for_gia:
 * @gia_m2: gross internal area in m², or NAN when unknown
 *
 * Returns: the symbol's radius in pixels
 */
double
fp_site_symbol_radius_for_gia (double gia_m2)
{
  if (!isfinite (gia_m2) || gia_m2 <= 0.0)
    return FP_SITE_SYMBOL_RADIUS_UNKNOWN;

  return CLAMP (RADIUS_BASE + RADIUS_PER_SQRT_M2 * sqrt (gia_m2),
                FP_SITE_SYMBOL_RADIUS_MIN, FP_SITE_SYMBOL_RADIUS_MAX);
}

/**
 * fp_site_symbol_get_extent:
 * @symbol: a shape
 * @radius: its radius
 * @style: how it is drawn
 *
 * Returns: half the width of the square that holds the drawn symbol, pixels
 */
double
fp_site_symbol_get_extent (FpSiteSymbol      symbol,
                           double            radius,
                           FpSiteSymbolStyle style)
{
  double extent = radius * 1.45 + OUTLINE_WIDTH + 1.0;

  if (style & FP_SITE_SYMBOL_STYLE_SELECTED)
    extent = MAX (extent, radius * 1.45 + 8.0);
  else if (style & FP_SITE_SYMBOL_STYLE_HOVER)
    extent = MAX (extent, radius * 1.45 + 5.0);

  return ceil (extent);
}

/**
 * fp_site_symbol_draw:
 * @cr: where to draw
 * @symbol: the shape
 * @cx: centre, x
 * @cy: centre, y
 * @radius: radius, pixels
 * @fill: the tenure colour
 * @style: hollow for a possibly closed site, and the selection or hover ring
 *
 * Draws one symbol: a solid fill in the tenure colour with a dark outline, or for a
 * possibly closed site a pale fill with an outline in the tenure colour.
 */
void
fp_site_symbol_draw (cairo_t           *cr,
                     FpSiteSymbol       symbol,
                     double             cx,
                     double             cy,
                     double             radius,
                     const GdkRGBA     *fill,
                     FpSiteSymbolStyle  style)
{
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  if (style & (FP_SITE_SYMBOL_STYLE_SELECTED | FP_SITE_SYMBOL_STYLE_HOVER))
    {
      gboolean selected = (style & FP_SITE_SYMBOL_STYLE_SELECTED) != 0;
      double ring = radius * 1.3 + (selected ? 4.5 : 2.5);

      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, ring, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
      cairo_set_line_width (cr, selected ? 5.0 : 3.5);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, 0.11, 0.11, 0.13, selected ? 1.0 : 0.7);
      cairo_set_line_width (cr, selected ? 2.5 : 1.5);
      cairo_stroke (cr);
    }

  shape_path (cr, symbol, cx, cy, radius);

  if (style & FP_SITE_SYMBOL_STYLE_HOLLOW)
    {
      cairo_set_source_rgba (cr, 1, 1, 1, 0.75);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, fill->red, fill->green, fill->blue, 0.95);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  else
    {
      gdk_cairo_set_source_rgba (cr, fill);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.8);
      cairo_set_line_width (cr, OUTLINE_WIDTH);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}
