/* fp-site-symbol.c: the shapes of site symbols and their states, drawn with cairo.
 *
 * Each shape is scaled to about the area of a circle of the same radius so that shape
 * does not read as size; colours and sizes come from fp-map-style.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-symbol"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-site-symbol.h"

/* The legend's two-column key: a word or two each. */
static const char * const short_labels[FP_N_SITE_SYMBOLS] = {
  N_("Acute hospital"),
  N_("Independent"),
  N_("Community hospital"),
  N_("Mental health"),
  N_("Health centre, hub"),
  N_("Urgent care"),
  N_("GP practice"),
  N_("Office, other"),
};

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
 * fp_site_symbol_get_short_label:
 * @symbol: a shape
 *
 * Returns: a word or two for @symbol, for a compact key, translated
 */
const char *
fp_site_symbol_get_short_label (FpSiteSymbol symbol)
{
  g_return_val_if_fail ((guint) symbol < FP_N_SITE_SYMBOLS, NULL);

  return _(short_labels[symbol]);
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
  double extent = radius * 1.45 + 3.0;

  if (style & FP_SITE_SYMBOL_STYLE_SELECTED)
    extent = MAX (extent, radius * 1.45 + 8.0);
  else if (style & (FP_SITE_SYMBOL_STYLE_HOVER | FP_SITE_SYMBOL_STYLE_MATCH))
    extent = MAX (extent, radius * 1.45 + 5.0);

  return ceil (extent);
}

static void
set_rgb (cairo_t *cr,
         guint32  rgb,
         double   alpha)
{
  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
}

/* A line across the symbol, light over dark so it shows on any fill. */
static void
stroke_mark (cairo_t *cr,
             double   x0,
             double   y0,
             double   x1,
             double   y1,
             double   width)
{
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.9);
  cairo_set_line_width (cr, width + 2.0);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

/**
 * fp_site_symbol_draw:
 * @cr: where to draw
 * @symbol: the shape
 * @cx: centre, x
 * @cy: centre, y
 * @radius: radius, pixels
 * @rgb: the fill colour, 0xRRGGBB
 * @style: hollow, left, gone, new, dimmed, and the selection, hover or search ring
 *
 * Draws one symbol: a solid fill with a dark outline. A possibly closed site is an
 * outline only (in its colour, over a dark edge, so it reads on light and dark
 * backgrounds alike); a site the scenario left is struck through, one no longer held is a
 * grey outline with a cross, and one the scenario opens carries a plus.
 */
void
fp_site_symbol_draw (cairo_t           *cr,
                     FpSiteSymbol       symbol,
                     double             cx,
                     double             cy,
                     double             radius,
                     guint32            rgb,
                     FpSiteSymbolStyle  style)
{
  double alpha = (style & FP_SITE_SYMBOL_STYLE_DIMMED) ? 0.3 : 1.0;

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (style & (FP_SITE_SYMBOL_STYLE_SELECTED | FP_SITE_SYMBOL_STYLE_HOVER |
               FP_SITE_SYMBOL_STYLE_MATCH))
    {
      gboolean selected = (style & FP_SITE_SYMBOL_STYLE_SELECTED) != 0;
      gboolean match = !selected && !(style & FP_SITE_SYMBOL_STYLE_HOVER);
      double ring = radius * 1.3 + (selected ? 4.5 : 2.5);

      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, ring, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
      cairo_set_line_width (cr, selected ? 5.0 : 4.0);
      cairo_stroke_preserve (cr);
      if (match)
        cairo_set_source_rgb (cr, 0.80, 0.0, 0.45);  /* the search's magenta */
      else
        cairo_set_source_rgba (cr, 0.11, 0.11, 0.13, selected ? 1.0 : 0.75);
      cairo_set_line_width (cr, selected || match ? 2.5 : 1.5);
      cairo_stroke (cr);
    }

  shape_path (cr, symbol, cx, cy, radius);

  if (style & FP_SITE_SYMBOL_STYLE_GONE)
    {
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.55 * alpha);
      cairo_set_line_width (cr, 3.0);
      cairo_stroke_preserve (cr);
      cairo_set_source_rgba (cr, 0.74, 0.74, 0.74, alpha);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      cairo_move_to (cr, cx - radius * 0.6, cy - radius * 0.6);
      cairo_line_to (cr, cx + radius * 0.6, cy + radius * 0.6);
      cairo_move_to (cr, cx + radius * 0.6, cy - radius * 0.6);
      cairo_line_to (cr, cx - radius * 0.6, cy + radius * 0.6);
      cairo_set_source_rgba (cr, 0.35, 0.35, 0.37, alpha);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  else if (style & FP_SITE_SYMBOL_STYLE_HOLLOW)
    {
      /* No fill at all: in a dark theme a pale fill would read as a solid symbol. */
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.85 * alpha);
      cairo_set_line_width (cr, 4.5);
      cairo_stroke_preserve (cr);
      set_rgb (cr, rgb, alpha);
      cairo_set_line_width (cr, 2.5);
      cairo_stroke (cr);
    }
  else
    {
      set_rgb (cr, rgb, alpha);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.85 * alpha);
      cairo_set_line_width (cr, OUTLINE_WIDTH);
      cairo_stroke (cr);
    }

  if (style & FP_SITE_SYMBOL_STYLE_LEFT)
    stroke_mark (cr, cx - radius * 0.75, cy + radius * 0.75, cx + radius * 0.75,
                 cy - radius * 0.75, 2.0);

  if (style & FP_SITE_SYMBOL_STYLE_NEW)
    {
      double arm = MAX (radius * 0.55, 3.0);

      stroke_mark (cr, cx - arm, cy, cx + arm, cy, 2.0);
      stroke_mark (cr, cx, cy - arm, cx, cy + arm, 2.0);
      /* The horizontal arm again, so the vertical one's dark edge does not cut it. */
      cairo_move_to (cr, cx - arm, cy);
      cairo_line_to (cr, cx + arm, cy);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}
