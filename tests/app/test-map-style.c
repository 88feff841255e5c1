/* test-map-style.c: the map's colour ramps and legend classes, symbol sizes, picking sites
 * under the pointer, and flow arrows. No display needed: the code under test is GTK-free.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <json-glib/json-glib.h>

#include "fp-map-geometry.h"
#include "fp-map-style.h"
#include "fp-palette.h"
#include "fp-test-util.h"

/* A value inside a class, for checking it classifies back to it. */
static double
inside (const FpScale *scale,
        guint          i)
{
  const FpScaleClass *c = &g_array_index (scale->classes, FpScaleClass, i);

  if (scale->categorical)
    return c->lower;
  if (isinf (c->lower))
    return c->upper - 0.5 * fabs (c->upper) - 0.01;
  if (isinf (c->upper))
    return c->lower * 2 + 1;
  return (c->lower + c->upper) / 2;
}

/* Every scale: contiguous ranges, distinct colours and labels, each class's values
 * classified into it, unknown values into none. */
static void
check_scale (const FpScale *scale)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_nonnull (scale);
  g_assert_nonnull (scale->title);
  g_assert_cmpuint (scale->classes->len, >=, 2);

  for (guint i = 0; i < scale->classes->len; i++)
    {
      const FpScaleClass *c = &g_array_index (scale->classes, FpScaleClass, i);

      g_assert_nonnull (c->label);
      g_assert_cmpstr (c->label, !=, "");
      g_assert_false (g_hash_table_contains (labels, c->label));
      g_hash_table_add (labels, c->label);
      g_assert_false (g_hash_table_contains (colours, GUINT_TO_POINTER (c->rgb + 1)));
      g_hash_table_add (colours, GUINT_TO_POINTER (c->rgb + 1));
      g_assert_cmpuint (c->rgb, !=, scale->unknown_rgb);

      if (!scale->categorical)
        {
          g_assert_cmpfloat (c->lower, <, c->upper);
          if (i == 0)
            g_assert_true (isinf (c->lower) || c->lower <= 1);
          if (i + 1 < scale->classes->len)
            g_assert_cmpfloat (c->upper, ==,
                               g_array_index (scale->classes, FpScaleClass, i + 1).lower);
          else
            g_assert_true (isinf (c->upper));
        }

      g_assert_cmpint (fp_scale_classify (scale, inside (scale, i)), ==, (int) i);
      g_assert_cmpuint (fp_scale_colour (scale, inside (scale, i)), ==, c->rgb);
    }

  g_assert_cmpint (fp_scale_classify (scale, NAN), ==, -1);
  g_assert_cmpuint (fp_scale_colour (scale, NAN), ==, scale->unknown_rgb);
}

static void
test_scales (void)
{
  for (guint by = 0; by < FP_N_COLOUR_BY; by++)
    {
      g_autoptr(FpScale) scale = fp_scale_new_for_colour_by (by, 0.85);
      FpColourBy back;

      check_scale (scale);
      g_assert_true (fp_colour_by_from_string (fp_colour_by_to_string (by), &back));
      g_assert_cmpint (back, ==, by);
    }

  for (guint layer = 0; layer < FP_N_ZONE_LAYERS; layer++)
    {
      g_autoptr(FpScale) scale = fp_scale_new_for_zone_layer (layer);
      FpZoneLayer back;

      if (layer == FP_ZONE_LAYER_NONE)
        g_assert_null (scale);
      else
        check_scale (scale);
      g_assert_true (fp_zone_layer_from_string (fp_zone_layer_to_string (layer), &back));
      g_assert_cmpint (back, ==, layer);
    }

  {
    FpColourBy by;
    FpZoneLayer layer;
    FpSizeBy size;

    g_assert_false (fp_colour_by_from_string ("colour", &by));
    g_assert_false (fp_colour_by_from_string (NULL, &by));
    g_assert_false (fp_zone_layer_from_string ("imd-decile", &layer));
    g_assert_true (fp_size_by_from_string ("void", &size));
    g_assert_cmpint (size, ==, FP_SIZE_BY_VOID);
  }
}

/* The utilisation classes follow the document's target, and a site exactly at its target
 * is not over it (the engine's rule). */
static void
test_utilisation_classes (void)
{
  g_autoptr(FpScale) s85 = fp_scale_new_for_colour_by (FP_COLOUR_BY_UTILISATION, 0.85);
  g_autoptr(FpScale) s80 = fp_scale_new_for_colour_by (FP_COLOUR_BY_UTILISATION, 0.80);
  int target_class = fp_scale_classify (s85, 0.84);

  g_assert_cmpint (fp_scale_classify (s85, 0.0), ==, 0);
  g_assert_cmpint (fp_scale_classify (s85, 0.25), ==, 1);
  g_assert_cmpint (fp_scale_classify (s85, 0.85), ==, target_class);
  g_assert_cmpint (fp_scale_classify (s85, 0.86), ==, target_class + 1);
  g_assert_cmpint (fp_scale_classify (s85, 1.0), ==, target_class + 1);
  g_assert_cmpint (fp_scale_classify (s85, 1.2), ==, target_class + 2);
  g_assert_cmpint (fp_scale_classify (s80, 0.82), ==, target_class + 1);
  g_assert_cmpint (fp_scale_classify (s85, 0.82), ==, target_class);

  /* Nothing at all: no void is a class of its own, below the first pound. */
  {
    g_autoptr(FpScale) voids = fp_scale_new_for_colour_by (FP_COLOUR_BY_VOID_COST, 0.85);
    g_autoptr(FpScale) change = fp_scale_new_for_zone_layer (FP_ZONE_LAYER_DISTANCE_CHANGE);
    g_autoptr(FpScale) imd = fp_scale_new_for_zone_layer (FP_ZONE_LAYER_IMD);

    g_assert_cmpint (fp_scale_classify (voids, 0), ==, 0);
    g_assert_cmpint (fp_scale_classify (voids, 1), ==, 1);
    g_assert_cmpint (fp_scale_classify (voids, 5e6), ==, (int) voids->classes->len - 1);
    /* No change is its own class; nearer and further are on either side of it. */
    g_assert_cmpint (fp_scale_classify (change, 0), ==, 2);
    g_assert_cmpint (fp_scale_classify (change, -2), <, 2);
    g_assert_cmpint (fp_scale_classify (change, 2), >, 2);
    /* The most deprived fifth (deciles 1 and 2) is one class. */
    g_assert_cmpint (fp_scale_classify (imd, 1), ==, 0);
    g_assert_cmpint (fp_scale_classify (imd, 2), ==, 0);
    g_assert_cmpint (fp_scale_classify (imd, 3), ==, 1);
    g_assert_cmpint (fp_scale_classify (imd, 10), ==, 4);
  }
}

/* What a site is coloured by is the engine's figure for it that year. */
static void
test_site_values (void)
{
  g_autoptr(GBytes) bytes = fp_test_read_data_file ("engine-estate.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_parse (bytes, &error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) res = NULL;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  res = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint s = 0; s < res->n_sites; s++)
    {
      const FpSiteYear *sy = fp_results_get (res, s, 1);
      const FpSite *site = fp_estate_get_site (estate, s);
      double u = fp_map_style_site_value (FP_COLOUR_BY_UTILISATION, estate, res, s, 1);

      if (sy->capacity_room_hours > 0)
        g_assert_cmpfloat (u, ==, sy->utilisation_site);
      else
        g_assert_true (isnan (u));
      g_assert_cmpfloat (fp_map_style_site_value (FP_COLOUR_BY_CATEGORY, estate, res, s, 1),
                         ==, sy->category);
      g_assert_cmpfloat (fp_map_style_site_value (FP_COLOUR_BY_TENURE, estate, res, s, 1),
                         ==, site->tenure);
      g_assert_cmpfloat (fp_map_style_site_value (FP_COLOUR_BY_VOID_COST, estate, res, s, 1),
                         ==, sy->void_cost);
      g_assert_cmpfloat (fp_map_style_site_value (FP_COLOUR_BY_CONDITION, estate, res, s, 1),
                         ==, site->condition - 'A' + 1);
      g_assert_cmpfloat (fp_map_style_size_value (FP_SIZE_BY_FLOOR_AREA, estate, res, s, 1),
                         ==, site->numbers[FP_SITE_GIA_M2]);
      g_assert_cmpfloat (fp_map_style_size_value (FP_SIZE_BY_VOID, estate, res, s, 1),
                         ==, sy->void_m2);
    }
}

/* Sizes grow with the area, stay readable (14 px across at least) and are capped. */
static void
test_radius (void)
{
  for (guint by = 0; by < FP_N_SIZE_BY; by++)
    {
      double last = 0;
      guint n;
      const double *key = fp_map_style_size_key (by, &n);

      g_assert_cmpfloat (fp_map_style_radius (by, NAN), ==, FP_SYMBOL_RADIUS_MIN);
      g_assert_cmpfloat (fp_map_style_radius (by, 0), ==, FP_SYMBOL_RADIUS_MIN);
      g_assert_cmpfloat (fp_map_style_radius (by, 1e9), ==, FP_SYMBOL_RADIUS_MAX);
      for (double a = 10; a < 1e6; a *= 1.5)
        {
          double r = fp_map_style_radius (by, a);

          g_assert_cmpfloat (r, >=, last);
          g_assert_cmpfloat (r, >=, 7.0);
          last = r;
        }

      /* The legend's sizes are different from one another. */
      g_assert_cmpuint (n, >=, 2);
      for (guint i = 1; i < n; i++)
        g_assert_cmpfloat (fp_map_style_radius (by, key[i]), >, fp_map_style_radius (by, key[i - 1]));
    }
}

/* Sites on top of one another are all picked, top-most first; the pointer must be on a
 * symbol (or within the slop of it). */
static void
test_pick (void)
{
  const FpMapPoint points[] = {
    { 100, 100, 10, 7 },   /* a hospital, drawn first */
    { 102, 101, 7, 8 },    /* a community unit inside it, drawn on top */
    { 200, 100, 7, 9 },
  };
  g_autoptr(GArray) both = fp_map_pick (points, 3, 101, 100, 2);
  g_autoptr(GArray) edge = fp_map_pick (points, 3, 111, 100, 2);
  g_autoptr(GArray) slop = fp_map_pick (points, 3, 208, 100, 2);
  g_autoptr(GArray) none = fp_map_pick (points, 3, 150, 150, 2);
  g_autoptr(GArray) far = fp_map_pick (points, 3, 210, 100, 2);

  g_assert_cmpuint (both->len, ==, 2);
  g_assert_cmpuint (g_array_index (both, guint, 0), ==, 8);
  g_assert_cmpuint (g_array_index (both, guint, 1), ==, 7);
  /* At the hospital's edge, only the hospital. */
  g_assert_cmpuint (edge->len, ==, 1);
  g_assert_cmpuint (g_array_index (edge, guint, 0), ==, 7);
  g_assert_cmpuint (slop->len, ==, 1);
  g_assert_cmpuint (g_array_index (slop, guint, 0), ==, 9);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (far->len, ==, 0);
}

static double
distance_to_segment (double px, double py, double ax, double ay, double bx, double by)
{
  double dx = bx - ax, dy = by - ay;
  double t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy);

  t = CLAMP (t, 0, 1);
  return hypot (px - (ax + t * dx), py - (ay + t * dy));
}

static void
test_arrow (void)
{
  FpMapArrow arrow, back;
  double width = 6;

  /* Straight, left to right, from (0, 0) to (200, 0), gaps of 10 and 12. */
  g_assert_true (fp_map_arrow_outline (0, 0, 200, 0, width, 10, 12, 0, &arrow));
  g_assert_cmpuint (arrow.n_points, ==, FP_MAP_ARROW_N_POINTS);
  g_assert_cmpfloat_with_epsilon (arrow.tip_x, 188, 1e-9);
  g_assert_cmpfloat_with_epsilon (arrow.tip_y, 0, 1e-9);
  /* The shaft starts at the gap, as wide as asked. */
  g_assert_cmpfloat_with_epsilon (arrow.points[0], 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (fabs (arrow.points[1] - arrow.points[2 * (arrow.n_points - 1) + 1]),
                                  width, 1e-9);
  /* Nothing reaches past the tip or behind the start, and the head is the widest part. */
  g_assert_cmpfloat (arrow.max_x, <=, 188 + 1e-9);
  g_assert_cmpfloat (arrow.min_x, >=, 10 - 1e-9);
  g_assert_cmpfloat_with_epsilon (arrow.max_y - arrow.min_y, 2 * MAX (width, 5.0), 1e-9);
  for (guint i = 0; i < arrow.n_points; i++)
    g_assert_cmpfloat (distance_to_segment (arrow.points[2 * i], arrow.points[2 * i + 1],
                                            0, 0, 200, 0), <=, MAX (width, 5.0) + 1e-9);

  /* Bent: the two directions between the same sites bow to opposite sides. */
  g_assert_true (fp_map_arrow_outline (0, 0, 200, 0, width, 10, 12, 0.15, &arrow));
  g_assert_true (fp_map_arrow_outline (200, 0, 0, 0, width, 10, 12, 0.15, &back));
  {
    guint mid = FP_MAP_ARROW_SEGMENTS / 2;
    double y_there = arrow.points[2 * mid + 1];
    double y_back = back.points[2 * mid + 1];

    g_assert_cmpfloat (y_there * y_back, <, 0);
    /* Left of travel, with y growing downwards: going right, the bow is upwards. */
    g_assert_cmpfloat (y_there, <, 0);
  }

  /* Close sites: the gaps and the head shrink, and the tip still stops short of the
   * receiving site, after the start. */
  g_assert_true (fp_map_arrow_outline (0, 0, 40, 0, width, 10, 12, 0, &arrow));
  g_assert_cmpfloat (arrow.tip_x, <, 40);
  g_assert_cmpfloat (arrow.tip_x, >, 30);
  g_assert_cmpfloat (arrow.min_x, >=, 0);
  g_assert_cmpfloat (arrow.max_x, <=, arrow.tip_x + 1e-9);

  /* Sites too close for an arrow between them. */
  g_assert_false (fp_map_arrow_outline (0, 0, 12, 0, width, 10, 12, 0, &arrow));
  g_assert_false (fp_map_arrow_outline (5, 5, 5, 5, width, 0, 0, 0, &arrow));
}

static void
test_arrow_width (void)
{
  double last = 0;

  g_assert_cmpfloat (fp_map_arrow_width (0, 100), ==, fp_map_arrow_width (NAN, 100));
  for (double v = 1; v <= 100; v += 1)
    {
      double w = fp_map_arrow_width (v, 100);

      g_assert_cmpfloat (w, >, last);
      last = w;
    }
  g_assert_cmpfloat (fp_map_arrow_width (100, 100), ==, fp_map_arrow_width (500, 100));
  /* Above the thinnest, the width follows the square root of the volume: a quarter of
   * the volume, half the extra width. */
  g_assert_cmpfloat_with_epsilon (fp_map_arrow_width (25, 100) - fp_map_arrow_width (0, 100),
                                  (fp_map_arrow_width (100, 100) - fp_map_arrow_width (0, 100)) / 2,
                                  1e-9);
}

/* ---- contrast of the style sheets' text colours ------------------------------------ */

static double
channel (guint32 rgb,
         int     shift)
{
  double c = ((rgb >> shift) & 0xff) / 255.0;

  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/* WCAG 2 relative luminance and contrast ratio. */
static double
luminance (guint32 rgb)
{
  return 0.2126 * channel (rgb, 16) + 0.7152 * channel (rgb, 8) + 0.0722 * channel (rgb, 0);
}

static double
contrast (guint32 a,
          guint32 b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* @b mixed over @a: what a colour at @alpha over a background looks like. */
static guint32
blend (guint32 under,
       guint32 over,
       double  alpha)
{
  guint32 out = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    {
      double u = (under >> shift) & 0xff, o = (over >> shift) & 0xff;

      out |= (guint32) round (u + (o - u) * alpha) << shift;
    }
  return out;
}

/* The text colours a style sheet defines (@define-color fp_..._fg #rrggbb;). */
static GHashTable *
text_colours (const char *file)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "ui", file, NULL);
  g_autofree char *css = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("@define-color\\s+(fp_\\w+_fg)\\s+#([0-9a-fA-F]{6})\\s*;",
                                         0, 0, &error);
  g_autoptr(GMatchInfo) match = NULL;
  GHashTable *colours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  g_file_get_contents (path, &css, NULL, &error);
  g_assert_no_error (error);

  g_regex_match (regex, css, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *hex = g_match_info_fetch (match, 2);

      g_hash_table_insert (colours, g_match_info_fetch (match, 1),
                           GUINT_TO_POINTER ((guint32) strtoul (hex, NULL, 16)));
      g_match_info_next (match, NULL);
    }
  return colours;
}

/* Every text colour of the style sheets reads at 4.5:1 or more on the backgrounds it is
 * drawn on (Adwaita 1.2's view, window, card, header bar and popover colours), and the
 * provenance badges on their own tinted backgrounds. */
static void
test_contrast (void)
{
  static const struct { const char *file; guint32 backgrounds[4]; } styles[] = {
    { "style.css", { 0xFFFFFF, 0xFAFAFA, 0xEBEBEB, 0xF6F5F4 } },
    { "style-dark.css", { 0x1E1E1E, 0x242424, 0x303030, 0x383838 } },
  };

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      g_autoptr(GHashTable) colours = text_colours (styles[s].file);
      GHashTableIter iter;
      gpointer name, value;

      g_assert_cmpuint (g_hash_table_size (colours), >=, 7);
      g_hash_table_iter_init (&iter, colours);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          guint32 fg = GPOINTER_TO_UINT (value);

          for (guint b = 0; b < G_N_ELEMENTS (styles[s].backgrounds); b++)
            {
              double c = contrast (fg, styles[s].backgrounds[b]);

              if (c < 4.5)
                g_error ("%s: %s #%06X on #%06X has a contrast of %.2f, under 4.5",
                         styles[s].file, (char *) name, fg, styles[s].backgrounds[b], c);
            }

          /* A badge: the colour at 10% over the view, with the colour as its text. */
          if (g_str_has_suffix (name, "ed_fg"))
            g_assert_cmpfloat (contrast (fg, blend (styles[s].backgrounds[0], fg, 0.10)), >=, 4.5);
        }
    }

  /* The place names over the map: dark on the land, under a white halo. */
  g_assert_cmpfloat (contrast (FP_PALETTE_MAP_LABEL, FP_PALETTE_MAP_LAND), >=, 4.5);
  g_assert_cmpfloat (contrast (FP_PALETTE_MAP_LABEL, 0xFFFFFF), >=, 4.5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/map-style/scales", test_scales);
  g_test_add_func ("/fp/map-style/utilisation-classes", test_utilisation_classes);
  g_test_add_func ("/fp/map-style/site-values", test_site_values);
  g_test_add_func ("/fp/map-style/radius", test_radius);
  g_test_add_func ("/fp/map-geometry/pick", test_pick);
  g_test_add_func ("/fp/map-geometry/arrow", test_arrow);
  g_test_add_func ("/fp/map-geometry/arrow-width", test_arrow_width);
  g_test_add_func ("/fp/style/contrast", test_contrast);

  return g_test_run ();
}
