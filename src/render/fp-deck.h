/* fp-deck.h: a story drawn as a deck of 16:9 slides, one a view (cairo and pango, no GTK).
 *
 * Each page shows the view's option and year as its title, the view's title and notes,
 * four key figures with their change against Do nothing in the same year, the map at the
 * view's position with its colours, sizes, zone shading and site picked, the legend, and
 * the sources. The deck is written as one PDF (a page a view) or as PNGs (a file a view,
 * 1920 × 1080 pixels), each through a temporary file renamed into place. The window's
 * presentation and footprint-cli story export draw the same pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "footprint-core.h"
#include "fp-boundaries.h"
#include "fp-render.h"

G_BEGIN_DECLS

typedef struct _FpDeck FpDeck;

FpDeck     *fp_deck_new          (FpWorkspace    *workspace,
                                  const FpStory  *story,
                                  FpBoundaries   *boundaries,
                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;
void        fp_deck_free         (FpDeck         *deck);
guint       fp_deck_get_n_pages  (FpDeck         *deck);
const FpKeyFigures *fp_deck_get_figures (FpDeck  *deck,
                                  guint           page);
void        fp_deck_draw_page    (FpDeck         *deck,
                                  cairo_t        *cr,
                                  guint           page,
                                  double          width,
                                  double          height);
gboolean    fp_deck_write_pdf    (FpDeck         *deck,
                                  const char     *path,
                                  GError        **error);
GPtrArray  *fp_deck_write_pngs   (FpDeck         *deck,
                                  const char     *output,
                                  GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpDeck, fp_deck_free)

G_END_DECLS
