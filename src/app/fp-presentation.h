/* fp-presentation.h: presentation mode, for a room that decides on the wall.
 *
 * The map, four large key figures with their change against Do nothing, the option's name
 * and year and the legend, full screen in a projector style; options at a keystroke,
 * before and after, a year that plays through the horizon, what-if branches answered
 * live, and the critical success factors scored by the room.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_PRESENTATION (fp_presentation_get_type ())

G_DECLARE_FINAL_TYPE (FpPresentation, fp_presentation, FP, PRESENTATION, GtkWidget)

void     fp_presentation_attach      (GtkWidget    *window,
                                      AdwHeaderBar *header_bar,
                                      GtkStack     *stack);
void     fp_presentation_set_session (GtkWidget    *window,
                                      FpSession    *session);
gboolean fp_presentation_is_shown    (GtkWidget    *window);
gboolean fp_presentation_is_ready    (GtkWidget    *window);
GtkWidget *fp_presentation_get_presenter (GtkWidget  *window);
gboolean fp_presentation_close_request (GtkWidget    *window);

G_END_DECLS
