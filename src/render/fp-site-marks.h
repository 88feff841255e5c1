/* fp-site-marks.h: where and how each site is drawn on a map, in drawing order (no GTK).
 *
 * The window's site layer and the map exports place the same symbols from the same rules:
 * shape by the site's type, colour and size as fp-map-style says, its state from the
 * results (possibly closed, opened by the scenario, left, no longer held) and the search;
 * sites in one building spread on a small ring; the rarer colours over the common ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "footprint-core.h"
#include "fp-map-style.h"
#include "fp-site-symbol.h"

G_BEGIN_DECLS

/**
 * FpSiteMark:
 * @index: the site's index in the results
 * @lat: @lon: its location
 * @radius: the symbol's radius, pixels at zoom factor 1
 * @symbol: its shape
 * @rgb: its colour, 0xRRGGBB
 * @style: its state
 * @order: drawing order class: lower first
 * @n_alike: how many marks share its colour
 * @rare: a colour few sites have, drawn over the common ones
 * @dx: @dy: pixels from its location, when it shares the location with other sites
 */
typedef struct
{
  guint              index;
  double             lat;
  double             lon;
  double             radius;
  FpSiteSymbol       symbol;
  guint32            rgb;
  FpSiteSymbolStyle  style;
  int                order;
  guint              n_alike;
  gboolean           rare;
  double             dx;
  double             dy;
} FpSiteMark;

GArray *fp_site_marks_build (const FpEstate  *estate,
                             const FpModel   *model,
                             const FpResults *results,
                             guint            year,
                             FpColourBy       colour_by,
                             FpSizeBy         size_by,
                             const gboolean  *matches) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
