/* fp-map-style.h: what the map's colours, sizes and zone shades mean (no GTK).
 *
 * The site layer, the zone tiles and the legend all read their colours and class breaks
 * from here, so a colour means the same thing on the map and in its key; being free of
 * GTK, it is unit-tested on its own (tests/app/test-map-style.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "footprint-core.h"

G_BEGIN_DECLS

typedef enum
{
  FP_COLOUR_BY_UTILISATION,
  FP_COLOUR_BY_CATEGORY,
  FP_COLOUR_BY_TENURE,
  FP_COLOUR_BY_VOID_COST,
  FP_COLOUR_BY_COST_PER_M2,
  FP_COLOUR_BY_CONDITION,
  FP_N_COLOUR_BY
} FpColourBy;

typedef enum
{
  FP_SIZE_BY_FLOOR_AREA,
  FP_SIZE_BY_VOID,
  FP_N_SIZE_BY
} FpSizeBy;

typedef enum
{
  FP_ZONE_LAYER_NONE,
  FP_ZONE_LAYER_DENSITY,
  FP_ZONE_LAYER_IMD,
  FP_ZONE_LAYER_DISTANCE_BEFORE,
  FP_ZONE_LAYER_DISTANCE_AFTER,
  FP_ZONE_LAYER_DISTANCE_CHANGE,
  FP_N_ZONE_LAYERS
} FpZoneLayer;

/* Smallest and largest radius of a site symbol, pixels: at least 14 pixels across, so a
 * symbol reads on a projector from the back of a room. */
#define FP_SYMBOL_RADIUS_MIN 7.0
#define FP_SYMBOL_RADIUS_MAX 18.0

/* Colours of what is not a class of the scale. */
#define FP_STYLE_UNKNOWN  0x9A9A9A  /* no value */
#define FP_STYLE_NOT_HELD 0xBDBDBD  /* left by the scenario */

/**
 * FpScaleClass:
 * @rgb: 0xRRGGBB
 * @lower: the smallest value in the class (a categorical class holds exactly @lower)
 * @upper: values up to, not including, this one (INFINITY for the last class)
 * @label: the legend's words for the class, translated
 */
typedef struct
{
  guint32  rgb;
  double   lower;
  double   upper;
  char    *label;
} FpScaleClass;

/**
 * FpScale:
 * @title: what the colour shows, as the legend heads it
 * @classes: (element-type FpScaleClass): in legend order
 * @categorical: whether classes hold one value each rather than a range
 * @unknown_rgb: the colour of a value that is not known
 * @unknown_label: (nullable): the legend's words for it, or %NULL to leave it out
 */
typedef struct
{
  char      *title;
  GArray    *classes;
  gboolean   categorical;
  guint32    unknown_rgb;
  char      *unknown_label;
} FpScale;

const char *fp_colour_by_to_string    (FpColourBy        by);
gboolean    fp_colour_by_from_string  (const char       *str,
                                       FpColourBy       *out);
const char *fp_colour_by_to_label     (FpColourBy        by);
const char *fp_size_by_to_string      (FpSizeBy          by);
gboolean    fp_size_by_from_string    (const char       *str,
                                       FpSizeBy         *out);
const char *fp_size_by_to_label       (FpSizeBy          by);
const char *fp_zone_layer_to_string   (FpZoneLayer       layer);
gboolean    fp_zone_layer_from_string (const char       *str,
                                       FpZoneLayer      *out);
const char *fp_zone_layer_to_label    (FpZoneLayer       layer);
gboolean    fp_zone_layer_needs_service (FpZoneLayer     layer);

FpScale    *fp_scale_new_for_colour_by (FpColourBy       by,
                                        double           target_utilisation) G_GNUC_WARN_UNUSED_RESULT;
FpScale    *fp_scale_new_for_zone_layer (FpZoneLayer     layer) G_GNUC_WARN_UNUSED_RESULT;
void        fp_scale_free             (FpScale          *scale);
int         fp_scale_classify         (const FpScale    *scale,
                                       double            value);
guint32     fp_scale_colour           (const FpScale    *scale,
                                       double            value);

double      fp_map_style_site_value   (FpColourBy        by,
                                       const FpEstate   *estate,
                                       const FpResults  *results,
                                       guint             site,
                                       guint             year);
double      fp_map_style_size_value   (FpSizeBy          by,
                                       const FpEstate   *estate,
                                       const FpResults  *results,
                                       guint             site,
                                       guint             year);
double      fp_map_style_radius       (FpSizeBy          by,
                                       double            value);
const double *fp_map_style_size_key   (FpSizeBy          by,
                                       guint            *n_values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpScale, fp_scale_free)

G_END_DECLS
