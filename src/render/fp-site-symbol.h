/* fp-site-symbol.h: how a site is drawn: shape by type, colour and size as the map says.
 *
 * The site layer, the legend and the list rows all draw through here, so a symbol means
 * the same thing everywhere it appears.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "footprint-core.h"

G_BEGIN_DECLS

typedef enum
{
  FP_SITE_SYMBOL_SQUARE,         /* acute hospitals */
  FP_SITE_SYMBOL_CROSS,          /* independent hospitals */
  FP_SITE_SYMBOL_PENTAGON,       /* community hospitals */
  FP_SITE_SYMBOL_HEXAGON,        /* mental health units */
  FP_SITE_SYMBOL_DIAMOND,        /* health centres and hubs */
  FP_SITE_SYMBOL_TRIANGLE,       /* urgent care and walk-in centres */
  FP_SITE_SYMBOL_CIRCLE,         /* GP practices and branch surgeries */
  FP_SITE_SYMBOL_TRIANGLE_DOWN,  /* offices and other sites */
  FP_N_SITE_SYMBOLS
} FpSiteSymbol;

typedef enum
{
  FP_SITE_SYMBOL_STYLE_NORMAL   = 0,
  FP_SITE_SYMBOL_STYLE_HOLLOW   = 1 << 0,  /* possibly closed: outline only */
  FP_SITE_SYMBOL_STYLE_SELECTED = 1 << 1,
  FP_SITE_SYMBOL_STYLE_HOVER    = 1 << 2,
  FP_SITE_SYMBOL_STYLE_LEFT     = 1 << 3,  /* exited by the scenario, still costing */
  FP_SITE_SYMBOL_STYLE_GONE     = 1 << 4,  /* exited and no longer held */
  FP_SITE_SYMBOL_STYLE_NEW      = 1 << 5,  /* opened by the scenario */
  FP_SITE_SYMBOL_STYLE_DIMMED   = 1 << 6,  /* not among the search's matches */
  FP_SITE_SYMBOL_STYLE_MATCH    = 1 << 7,  /* among the search's matches */
} FpSiteSymbolStyle;

FpSiteSymbol  fp_site_symbol_for_type       (FpSiteType         type);
const char   *fp_site_symbol_get_label      (FpSiteSymbol       symbol);
const char   *fp_site_symbol_get_short_label (FpSiteSymbol      symbol);
double        fp_site_symbol_get_extent     (FpSiteSymbol       symbol,
                                             double             radius,
                                             FpSiteSymbolStyle  style);
void          fp_site_symbol_draw           (cairo_t           *cr,
                                             FpSiteSymbol       symbol,
                                             double             cx,
                                             double             cy,
                                             double             radius,
                                             guint32            rgb,
                                             FpSiteSymbolStyle  style);

G_END_DECLS
