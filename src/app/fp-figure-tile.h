/* fp-figure-tile.h: one figure of the key figure strip: its title, value and change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  FP_FIGURE_CHANGE_NONE,    /* no change, or no comparison */
  FP_FIGURE_CHANGE_BETTER,
  FP_FIGURE_CHANGE_WORSE,
} FpFigureChange;

#define FP_TYPE_FIGURE_TILE (fp_figure_tile_get_type ())

G_DECLARE_FINAL_TYPE (FpFigureTile, fp_figure_tile, FP, FIGURE_TILE, GtkWidget)

void fp_figure_tile_set_title  (FpFigureTile   *self,
                                const char     *title);
void fp_figure_tile_set_value  (FpFigureTile   *self,
                                const char     *value);
void fp_figure_tile_set_change (FpFigureTile   *self,
                                const char     *text,
                                FpFigureChange  direction);

G_END_DECLS
