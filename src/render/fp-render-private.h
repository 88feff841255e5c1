/* fp-render-private.h: the renderer's pieces, shared by its own modules (fp-deck.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fp-render.h"

G_BEGIN_DECLS

#define FP_RENDER_FONT_FAMILY "Cantarell, DejaVu Sans, sans"

/* Ink colours on the light page. */
#define FP_RENDER_INK       0x1E1E1E
#define FP_RENDER_INK_SOFT  0x5E5C64
#define FP_RENDER_GRID      0xDEDDDA

typedef void (*FpRenderDrawFunc) (cairo_t *cr,
                                  gpointer data,
                                  guint    page,
                                  double   width,
                                  double   height);

void      fp_render_set_rgb     (cairo_t            *cr,
                                 guint32             rgb,
                                 double              alpha);
double    fp_render_text        (cairo_t            *cr,
                                 const char         *text,
                                 double              x,
                                 double              y,
                                 double              size,
                                 gboolean            bold,
                                 guint32             rgb,
                                 double              align,
                                 double              width);
void      fp_render_text_size   (cairo_t            *cr,
                                 const char         *text,
                                 double              size,
                                 gboolean            bold,
                                 double              width,
                                 double             *out_width,
                                 double             *out_height);
GArray   *fp_render_map_frame   (cairo_t            *cr,
                                 const FpMapPicture *picture,
                                 FpBoundaries       *boundaries,
                                 double              map_x,
                                 double              map_y,
                                 double              map_w,
                                 double              map_h,
                                 double             *symbol_scale) G_GNUC_WARN_UNUSED_RESULT;
void      fp_render_map_legend  (cairo_t            *cr,
                                 const FpMapPicture *picture,
                                 GArray             *marks,
                                 double              symbol_scale,
                                 double              x,
                                 double              y,
                                 double              width);
gboolean  fp_render_write_pages (FpRenderFormat      format,
                                 const char         *path,
                                 const char         *title,
                                 guint               first,
                                 guint               n_pages,
                                 FpRenderDrawFunc    draw,
                                 gpointer            data,
                                 GError            **error);

G_END_DECLS
