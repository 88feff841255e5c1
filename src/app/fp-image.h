/* fp-image.h: drawing the map's pictures (tiles, symbols, labels) fast with either GSK
 * renderer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void          fp_image_set_cairo_renderer (gboolean                cairo);
void          fp_image_append             (GtkSnapshot            *snapshot,
                                           GdkTexture             *texture,
                                           const graphene_rect_t  *bounds);
void          fp_image_draw               (cairo_t                *cr,
                                           GdkTexture             *texture,
                                           const graphene_rect_t  *bounds,
                                           double                  alpha);
GdkPaintable *fp_image_paintable_new      (GdkTexture             *texture)
                                           G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
