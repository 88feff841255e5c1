/* fp-map-style.c: colour ramps, class breaks and symbol sizes of the map.
 *
 * Ramps are chosen to stay distinguishable under the common colour-vision deficiencies
 * (viridis, ColorBrewer's sequential ramps, the Okabe–Ito set), dark enough to show on
 * the pale basemap, and with as few classes as a room can read from a projected legend.
 * Breaks are fixed rather than computed from the data, so a colour keeps its meaning when
 * the scenario or the year changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-map-style"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-map-style.h"
#include "fp-palette.h"

static const char * const colour_by_names[FP_N_COLOUR_BY] = {
  "utilisation", "category", "tenure", "void-cost", "cost-per-m2", "condition",
};

static const char * const colour_by_labels[FP_N_COLOUR_BY] = {
  N_("Utilisation"), N_("Category"), N_("Tenure"), N_("Void cost"),
  N_("Running cost per m²"), N_("Condition"),
};

static const char * const size_by_names[FP_N_SIZE_BY] = { "floor-area", "void" };
static const char * const size_by_labels[FP_N_SIZE_BY] = { N_("Floor area"), N_("Void space") };

static const char * const zone_layer_names[FP_N_ZONE_LAYERS] = {
  "none", "density", "imd", "distance-before", "distance-after", "distance-change",
};

static const char * const zone_layer_labels[FP_N_ZONE_LAYERS] = {
  N_("None"), N_("Population density"), N_("Deprivation (IMD 2019)"),
  N_("Distance to a service, Do nothing"), N_("Distance to a service, this scenario"),
  N_("Change in distance to a service"),
};

/* ---- names ---------------------------------------------------------------------- */

static gboolean
lookup (const char * const *names,
        guint               n,
        const char         *str,
        guint              *out)
{
  for (guint i = 0; str != NULL && i < n; i++)
    if (g_str_equal (names[i], str))
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
fp_colour_by_to_string (FpColourBy by)
{
  g_return_val_if_fail ((guint) by < FP_N_COLOUR_BY, NULL);
  return colour_by_names[by];
}

gboolean
fp_colour_by_from_string (const char *str,
                          FpColourBy *out)
{
  guint i;

  if (!lookup (colour_by_names, FP_N_COLOUR_BY, str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

const char *
fp_colour_by_to_label (FpColourBy by)
{
  g_return_val_if_fail ((guint) by < FP_N_COLOUR_BY, NULL);
  return _(colour_by_labels[by]);
}

const char *
fp_size_by_to_string (FpSizeBy by)
{
  g_return_val_if_fail ((guint) by < FP_N_SIZE_BY, NULL);
  return size_by_names[by];
}

gboolean
fp_size_by_from_string (const char *str,
                        FpSizeBy   *out)
{
  guint i;

  if (!lookup (size_by_names, FP_N_SIZE_BY, str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

const char *
fp_size_by_to_label (FpSizeBy by)
{
  g_return_val_if_fail ((guint) by < FP_N_SIZE_BY, NULL);
  return _(size_by_labels[by]);
}

const char *
fp_zone_layer_to_string (FpZoneLayer layer)
{
  g_return_val_if_fail ((guint) layer < FP_N_ZONE_LAYERS, NULL);
  return zone_layer_names[layer];
}

gboolean
fp_zone_layer_from_string (const char  *str,
                           FpZoneLayer *out)
{
  guint i;

  if (!lookup (zone_layer_names, FP_N_ZONE_LAYERS, str, &i))
    return FALSE;
  *out = i;
  return TRUE;
}

const char *
fp_zone_layer_to_label (FpZoneLayer layer)
{
  g_return_val_if_fail ((guint) layer < FP_N_ZONE_LAYERS, NULL);
  return _(zone_layer_labels[layer]);
}

gboolean
fp_zone_layer_needs_service (FpZoneLayer layer)
{
  return layer == FP_ZONE_LAYER_DISTANCE_BEFORE || layer == FP_ZONE_LAYER_DISTANCE_AFTER ||
         layer == FP_ZONE_LAYER_DISTANCE_CHANGE;
}

/* ---- scales --------------------------------------------------------------------- */

static FpScale *
scale_new (const char *title,
           gboolean    categorical,
           const char *unknown_label)
{
  FpScale *scale = g_new0 (FpScale, 1);

  scale->title = g_strdup (title);
  scale->classes = g_array_new (FALSE, FALSE, sizeof (FpScaleClass));
  scale->categorical = categorical;
  scale->unknown_rgb = FP_STYLE_UNKNOWN;
  scale->unknown_label = g_strdup (unknown_label);
  return scale;
}

static void
add_class (FpScale    *scale,
           guint32     rgb,
           double      lower,
           double      upper,
           const char *label)
{
  FpScaleClass c = { rgb, lower, upper, g_strdup (label) };

  g_array_append_val (scale->classes, c);
}

typedef char *(*FormatFunc) (double value);

/* Ranged classes from breaks: "under 1", "1 to 2", …, "5 and over", formatted by @format. */
static void
add_ranges (FpScale        *scale,
            const double   *breaks,
            guint           n_breaks,
            const guint32  *colours,
            FormatFunc      format)
{
  for (guint i = 0; i <= n_breaks; i++)
    {
      double lower = i == 0 ? -INFINITY : breaks[i - 1];
      double upper = i == n_breaks ? INFINITY : breaks[i];
      g_autofree char *lo = i == 0 ? NULL : format (lower);
      g_autofree char *hi = i == n_breaks ? NULL : format (upper);
      g_autofree char *label = NULL;

      if (lo == NULL)
        /* Translators: the first class of a map legend, e.g. "Under £25k" */
        label = g_strdup_printf (_("Under %s"), hi);
      else if (hi == NULL)
        /* Translators: the last class of a map legend, e.g. "£1.0m and over" */
        label = g_strdup_printf (_("%s and over"), lo);
      else
        /* Translators: a class of a map legend, e.g. "£25k to £100k" */
        label = g_strdup_printf (_("%s to %s"), lo, hi);

      add_class (scale, colours[i], lower, upper, label);
    }
}

static char *
format_km (double km)
{
  g_autofree char *n = fp_format_decimal (km, km < 10 && km != floor (km) ? 1 : 0);

  /* Translators: a distance in kilometres */
  return g_strdup_printf (_("%s km"), n);
}

static char *
format_signed_km (double km)
{
  g_autofree char *n = format_km (fabs (km));

  if (km > 0)
    return g_strdup_printf ("+%s", n);
  if (km < 0)
    return g_strdup_printf ("−%s", n);
  return g_steal_pointer (&n);
}

static char *
format_density (double value)
{
  return fp_format_count (value);
}

static char *
format_money_per_m2 (double value)
{
  g_autofree char *money = fp_format_money (value);

  /* Translators: a running cost per square metre of floor, e.g. "£150/m²" */
  return g_strdup_printf (_("%s/m²"), money);
}

/**
 * fp_scale_new_for_colour_by:
 * @by: what the site colours show
 * @target_utilisation: the document's target room utilisation (0 to 1)
 *
 * Returns: (transfer full): the colours and classes of the sites
 */
FpScale *
fp_scale_new_for_colour_by (FpColourBy by,
                            double     target_utilisation)
{
  FpScale *scale;

  switch (by)
    {
    case FP_COLOUR_BY_UTILISATION:
      {
        /* viridis, light (little used) to dark (full), then vermilion over capacity. */
        double target = isfinite (target_utilisation) && target_utilisation > 0.5 &&
                        target_utilisation < 1.0 ? target_utilisation : 0.85;
        g_autofree char *target_text = fp_format_percent (target);
        g_autofree char *label_4 = NULL, *label_5 = NULL;

        scale = scale_new (_("Room utilisation"), FALSE, _("No rooms or no activity"));
        add_class (scale, 0xFDE725, -INFINITY, 0.25, _("Under 25%"));
        add_class (scale, 0x7AD151, 0.25, 0.50, _("25% to 50%"));
        add_class (scale, 0x22A884, 0.50, 0.70, _("50% to 70%"));
        /* Translators: a legend class up to the target utilisation, e.g. "70% to 85%" */
        label_4 = g_strdup_printf (_("70%% to %s"), target_text);
        /* A site filled exactly to its target is not over it (the engine's rule). */
        add_class (scale, 0x2A788E, 0.70, target + 1e-9, label_4);
        /* Translators: a legend class, e.g. "Over target (85%) to 100%" */
        label_5 = g_strdup_printf (_("Over target (%s) to 100%%"), target_text);
        add_class (scale, 0x414487, target + 1e-9, 1.0 + 1e-9, label_5);
        add_class (scale, FP_PALETTE_LIFT, 1.0 + 1e-9, INFINITY, _("Over capacity"));
      }
      break;

    case FP_COLOUR_BY_CATEGORY:
      scale = scale_new (_("Category"), TRUE, NULL);
      add_class (scale, 0x0072B2, FP_CATEGORY_CORE, FP_CATEGORY_CORE,
                 fp_category_to_label (FP_CATEGORY_CORE));
      add_class (scale, 0x56B4E9, FP_CATEGORY_NEAR_CORE, FP_CATEGORY_NEAR_CORE,
                 fp_category_to_label (FP_CATEGORY_NEAR_CORE));
      add_class (scale, 0xE69F00, FP_CATEGORY_MARGINAL, FP_CATEGORY_MARGINAL,
                 fp_category_to_label (FP_CATEGORY_MARGINAL));
      add_class (scale, 0xB2182B, FP_CATEGORY_REDUNDANT, FP_CATEGORY_REDUNDANT,
                 fp_category_to_label (FP_CATEGORY_REDUNDANT));
      break;

    case FP_COLOUR_BY_TENURE:
      scale = scale_new (_("Tenure"), TRUE, NULL);
      for (guint t = 0; t < FP_N_TENURES; t++)
        add_class (scale, fp_palette_tenure (t), t, t, fp_tenure_to_label (t));
      break;

    case FP_COLOUR_BY_VOID_COST:
      {
        static const double breaks[] = { 1, 25000, 100000, 250000, 1000000 };
        static const guint32 colours[] = {
          0xD9D9D9, 0xFDAE6B, 0xFD8D3C, 0xE6550D, 0xA63603, 0x6B1F02,
        };

        scale = scale_new (_("Void cost a year"), FALSE, _("Not known"));
        g_autofree char *first = fp_format_money_short (breaks[1]);

        add_ranges (scale, breaks, G_N_ELEMENTS (breaks), colours, fp_format_money_short);
        /* The first class is exactly nothing; the second starts at a pound. */
        g_free (g_array_index (scale->classes, FpScaleClass, 0).label);
        g_array_index (scale->classes, FpScaleClass, 0).label = g_strdup (_("No void"));
        g_free (g_array_index (scale->classes, FpScaleClass, 1).label);
        g_array_index (scale->classes, FpScaleClass, 1).label =
          g_strdup_printf (_("Under %s"), first);
      }
      break;

    case FP_COLOUR_BY_COST_PER_M2:
      {
        /* The Carter review's range for community and mental health estate is £30 to
         * £230 a m². */
        static const double breaks[] = { 50, 100, 150, 230 };
        static const guint32 colours[] = { 0xC7E9B4, 0x7FCDBB, 0x41B6C4, 0x2C7FB8, 0x253494 };

        scale = scale_new (_("Running cost per m² a year"), FALSE, _("Not known"));
        add_ranges (scale, breaks, G_N_ELEMENTS (breaks), colours, format_money_per_m2);
      }
      break;

    case FP_COLOUR_BY_CONDITION:
    case FP_N_COLOUR_BY:
    default:
      scale = scale_new (_("Condition"), TRUE, _("Not known"));
      add_class (scale, 0x0072B2, 1, 1, _("A: as new"));
      add_class (scale, 0x56B4E9, 2, 2, _("B: sound"));
      add_class (scale, 0xE69F00, 3, 3, _("C: needs investment"));
      add_class (scale, 0xB2182B, 4, 4, _("D: unacceptable"));
      break;
    }

  return scale;
}

/**
 * fp_scale_new_for_zone_layer:
 * @layer: what the zones show
 *
 * Returns: (transfer full) (nullable): the shades of the zones, %NULL for no zone layer
 */
FpScale *
fp_scale_new_for_zone_layer (FpZoneLayer layer)
{
  FpScale *scale = NULL;

  switch (layer)
    {
    case FP_ZONE_LAYER_DENSITY:
      {
        static const double breaks[] = { 1000, 2500, 5000, 7500, 10000, 15000 };
        static const guint32 colours[] = {
          0xE3EDF7, 0xC6DBEF, 0x9ECAE1, 0x6BAED6, 0x4292C6, 0x2171B5, 0x08519C,
        };

        scale = scale_new (_("People per km²"), FALSE, _("Not known"));
        add_ranges (scale, breaks, G_N_ELEMENTS (breaks), colours, format_density);
      }
      break;

    case FP_ZONE_LAYER_IMD:
      scale = scale_new (_("Deprivation decile (IMD 2019)"), FALSE, _("Not known"));
      add_class (scale, 0x6A51A3, 1, 3, _("1–2: most deprived fifth"));
      add_class (scale, 0x9E9AC8, 3, 5, _("3–4"));
      add_class (scale, 0xBCBDDC, 5, 7, _("5–6"));
      add_class (scale, 0xDADAEB, 7, 9, _("7–8"));
      add_class (scale, 0xF2F0F7, 9, INFINITY, _("9–10: least deprived fifth"));
      break;

    case FP_ZONE_LAYER_DISTANCE_BEFORE:
    case FP_ZONE_LAYER_DISTANCE_AFTER:
      {
        static const double breaks[] = { 1, 2, 3, 5, 8 };
        static const guint32 colours[] = {
          0xFFF7D4, 0xFEE391, 0xFEC44F, 0xFE9929, 0xEC7014, 0xCC4C02,
        };

        scale = scale_new (_("Distance by road to the nearest site"), FALSE,
                           _("No site offers it"));
        add_ranges (scale, breaks, G_N_ELEMENTS (breaks), colours, format_km);
      }
      break;

    case FP_ZONE_LAYER_DISTANCE_CHANGE:
      {
        static const double breaks[] = { -1, -0.05, 0.05, 1, 3 };
        static const guint32 colours[] = {
          0x4393C3, 0xA7CFE4, 0xF0F0F0, 0xF7C5AA, 0xE7866A, 0xB2182B,
        };

        scale = scale_new (_("Change in distance to the nearest site"), FALSE,
                           _("No site offers it"));
        add_ranges (scale, breaks, G_N_ELEMENTS (breaks), colours, format_signed_km);
        g_free (g_array_index (scale->classes, FpScaleClass, 2).label);
        g_array_index (scale->classes, FpScaleClass, 2).label = g_strdup (_("No change"));
        g_free (g_array_index (scale->classes, FpScaleClass, 0).label);
        g_array_index (scale->classes, FpScaleClass, 0).label =
          g_strdup (_("Over 1 km nearer"));
      }
      break;

    case FP_ZONE_LAYER_NONE:
    case FP_N_ZONE_LAYERS:
    default:
      break;
    }

  return scale;
}

void
fp_scale_free (FpScale *scale)
{
  if (scale == NULL)
    return;

  for (guint i = 0; i < scale->classes->len; i++)
    g_free (g_array_index (scale->classes, FpScaleClass, i).label);
  g_array_unref (scale->classes);
  g_free (scale->title);
  g_free (scale->unknown_label);
  g_free (scale);
}

/**
 * fp_scale_classify:
 * @scale: a scale
 * @value: a value (NAN when unknown)
 *
 * Returns: the index of @value's class, or -1 when it is in none (unknown)
 */
int
fp_scale_classify (const FpScale *scale,
                   double         value)
{
  g_return_val_if_fail (scale != NULL, -1);

  if (isnan (value))
    return -1;

  for (guint i = 0; i < scale->classes->len; i++)
    {
      const FpScaleClass *c = &g_array_index (scale->classes, FpScaleClass, i);

      if (scale->categorical ? value == c->lower : value >= c->lower && value < c->upper)
        return (int) i;
    }

  return -1;
}

/**
 * fp_scale_colour:
 * @scale: a scale
 * @value: a value (NAN when unknown)
 *
 * Returns: 0xRRGGBB
 */
guint32
fp_scale_colour (const FpScale *scale,
                 double         value)
{
  int i = fp_scale_classify (scale, value);

  return i < 0 ? scale->unknown_rgb : g_array_index (scale->classes, FpScaleClass, i).rgb;
}

/* ---- values of sites ------------------------------------------------------------ */

/**
 * fp_map_style_site_value:
 * @by: what the colour shows
 * @estate: the estate
 * @results: a scenario's results
 * @site: a site of @results
 * @year: a year index
 *
 * Returns: the value @by colours @site by in @year, as the scale classifies it, or NAN
 */
double
fp_map_style_site_value (FpColourBy       by,
                         const FpEstate  *estate,
                         const FpResults *results,
                         guint            site,
                         guint            year)
{
  const FpSiteYear *sy;

  g_return_val_if_fail (results != NULL && site < results->n_sites, NAN);

  sy = fp_results_get (results, site, year);
  switch (by)
    {
    case FP_COLOUR_BY_UTILISATION:
      return sy->capacity_room_hours > 0 ? sy->utilisation_site : NAN;
    case FP_COLOUR_BY_CATEGORY:
      return sy->category == FP_CATEGORY_NONE ? NAN : sy->category;
    case FP_COLOUR_BY_TENURE:
      return results->sites[site].tenure;
    case FP_COLOUR_BY_VOID_COST:
      return sy->void_cost;
    case FP_COLOUR_BY_COST_PER_M2:
      return sy->cost_per_m2;
    case FP_COLOUR_BY_CONDITION:
      if (estate != NULL && site < estate->sites->len)
        {
          char c = fp_estate_get_site (estate, site)->condition;

          if (c >= 'A' && c <= 'D')
            return c - 'A' + 1;
        }
      return NAN;
    case FP_N_COLOUR_BY:
    default:
      return NAN;
    }
}

/**
 * fp_map_style_size_value:
 * @by: what the size shows
 * @estate: the estate
 * @results: a scenario's results
 * @site: a site of @results
 * @year: a year index
 *
 * Returns: the site's floor area or void, m² (NAN when unknown)
 */
double
fp_map_style_size_value (FpSizeBy         by,
                         const FpEstate  *estate,
                         const FpResults *results,
                         guint            site,
                         guint            year)
{
  g_return_val_if_fail (results != NULL && site < results->n_sites, NAN);

  if (by == FP_SIZE_BY_VOID)
    return fp_results_get (results, site, year)->void_m2;
  if (estate != NULL && site < estate->sites->len)
    return fp_estate_get_site (estate, site)->numbers[FP_SITE_GIA_M2];
  return NAN;
}

/**
 * fp_map_style_radius:
 * @by: what the size shows
 * @value: the site's floor area or void, m² (NAN when unknown)
 *
 * Sizes follow the square root of the area, so a symbol's area (not its width) grows with
 * the building's, clamped so a small practice stays readable and a teaching hospital does
 * not hide its neighbours.
 *
 * Returns: the symbol's radius, pixels
 */
double
fp_map_style_radius (FpSizeBy by,
                     double   value)
{
  double r;

  if (!isfinite (value) || value <= 0)
    return FP_SYMBOL_RADIUS_MIN;

  if (by == FP_SIZE_BY_VOID)
    r = FP_SYMBOL_RADIUS_MIN + 0.3 * sqrt (value);
  else
    r = 6.0 + 0.045 * sqrt (value);

  return CLAMP (r, FP_SYMBOL_RADIUS_MIN, FP_SYMBOL_RADIUS_MAX);
}

/**
 * fp_map_style_size_key:
 * @by: what the size shows
 * @n_values: (out): how many values
 *
 * Returns: (array length=n_values): the areas the legend shows sizes for, m²
 */
const double *
fp_map_style_size_key (FpSizeBy  by,
                       guint    *n_values)
{
  static const double floor_area[] = { 1000, 10000, 50000 };
  static const double void_area[] = { 100, 500, 1500 };

  *n_values = 3;
  return by == FP_SIZE_BY_VOID ? void_area : floor_area;
}
