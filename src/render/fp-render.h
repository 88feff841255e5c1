/* fp-render.h: maps and charts drawn with cairo and pango, on screen or into files.
 *
 * The exported map is a slide: 16:9, with a title, the map of a scenario's sites in a year
 * over the offline basemap, a legend (colour, shape, states, size), a scale bar and the
 * data's attribution. Charts draw an FpChart (fp-chart.h) with its axis, years and key.
 * Both write PNG (1920 × 1080 pixels), PDF or SVG (960 × 540 points: a 16:9 slide of
 * 13⅓ × 7½ inches), through a temporary file renamed into place. GTK-free, so
 * footprint-cli exports the same pictures as the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "footprint-core.h"
#include "fp-boundaries.h"
#include "fp-chart.h"
#include "fp-map-style.h"

G_BEGIN_DECLS

/* A slide, in points (PDF, SVG) and, twice over, in PNG pixels. */
#define FP_RENDER_SLIDE_WIDTH   960.0
#define FP_RENDER_SLIDE_HEIGHT  540.0
#define FP_RENDER_PNG_SCALE     2.0

typedef enum
{
  FP_RENDER_PNG,
  FP_RENDER_PDF,
  FP_RENDER_SVG,
  FP_N_RENDER_FORMATS
} FpRenderFormat;

/**
 * FpMapPicture:
 * @estate: the estate
 * @model: its model
 * @results: the scenario's results
 * @year: the year's index
 * @colour_by: what the colours show
 * @size_by: what the sizes show
 * @title: the slide's title
 * @subtitle: (nullable): a line under it
 * @has_view: whether to show the view below rather than the whole area
 * @latitude: the view's centre
 * @longitude: the view's centre
 * @span: how much of the world the view shows across, in world units (0 to 1 across the
 *   Web Mercator world)
 * @zone_rgb: (nullable) (array length=n_zones): a shade for each zone polygon of the
 *   boundaries (fp_boundaries_get_zone_codes()), or %NULL for no zone layer
 * @n_zones: how many
 * @zone_layer: what the shading shows, for the legend (%FP_ZONE_LAYER_NONE: nothing)
 * @selected_site: (nullable): the id of a site to ring, as the window marks the site picked
 *
 * What a map slide shows. The pointers are borrowed for the call.
 */
typedef struct
{
  const FpEstate  *estate;
  const FpModel   *model;
  const FpResults *results;
  guint            year;
  FpColourBy       colour_by;
  FpSizeBy         size_by;
  const char      *title;
  const char      *subtitle;
  gboolean         has_view;
  double           latitude;
  double           longitude;
  double           span;
  const guint32   *zone_rgb;
  guint            n_zones;
  FpZoneLayer      zone_layer;
  const char      *selected_site;
} FpMapPicture;

const char *fp_render_format_to_string   (FpRenderFormat        format);
gboolean    fp_render_format_from_string (const char           *text,
                                          FpRenderFormat       *format);
gboolean    fp_render_format_from_path   (const char           *path,
                                          FpRenderFormat       *format);

void        fp_render_chart              (cairo_t              *cr,
                                          const FpChart        *chart,
                                          double                width,
                                          double                height,
                                          gboolean              dark);
gboolean    fp_render_chart_to_file      (const FpChart        *chart,
                                          FpRenderFormat        format,
                                          const char           *path,
                                          GError              **error);

void        fp_render_map                (cairo_t              *cr,
                                          const FpMapPicture   *picture,
                                          FpBoundaries         *boundaries,
                                          double                width,
                                          double                height);
gboolean    fp_render_map_to_file        (const FpMapPicture   *picture,
                                          FpBoundaries         *boundaries,
                                          FpRenderFormat        format,
                                          const char           *path,
                                          GError              **error);

const char *fp_render_map_attribution    (void);

G_END_DECLS
