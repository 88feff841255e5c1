/* fp-presenter.h: the presenter view, on the facilitator's own screen.
 *
 * While presentation mode is on the projector, the presenter view shows the facilitator
 * what the room does not see: the story's next view (drawn by the deck's renderer), the
 * notes of this view and the next in full, a clock and the time presenting, and the
 * controls of presentation mode as buttons (the options, the year, before and after,
 * stepping through the story, what-if, scores, saving the view and exporting the deck).
 * Every button is one of the window's actions: the presenter view computes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_PRESENTER (fp_presenter_get_type ())

G_DECLARE_FINAL_TYPE (FpPresenter, fp_presenter, FP, PRESENTER, AdwWindow)

FpPresenter *fp_presenter_new          (GtkWidget     *window,
                                        GtkWidget     *wall,
                                        FpWorkspace   *workspace);
void         fp_presenter_set_wall     (FpPresenter   *self,
                                        const char    *option,
                                        int            year,
                                        int            first_year,
                                        int            last_year);
void         fp_presenter_set_options  (FpPresenter   *self,
                                        GPtrArray     *names);
void         fp_presenter_set_story    (FpPresenter   *self,
                                        const FpStory *story,
                                        int            step,
                                        int            last_step);
int          fp_presenter_get_next     (FpPresenter   *self);
const char  *fp_presenter_get_next_title (FpPresenter *self);
gboolean     fp_presenter_is_ready     (FpPresenter   *self);
void         fp_presenter_set_stories_menu (FpPresenter *self,
                                        GMenuModel    *menu);
void         fp_presenter_add_toast    (FpPresenter   *self,
                                        const char    *text);

G_END_DECLS
