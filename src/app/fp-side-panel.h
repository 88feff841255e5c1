/* fp-side-panel.h: the side panel: the searchable list of sites, or the site chosen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_SIDE_PANEL (fp_side_panel_get_type ())

G_DECLARE_FINAL_TYPE (FpSidePanel, fp_side_panel, FP, SIDE_PANEL, GtkWidget)

void     fp_side_panel_set_session  (FpSidePanel *self,
                                     FpSession   *session);
void     fp_side_panel_focus_search (FpSidePanel *self);
gboolean fp_side_panel_is_settled   (FpSidePanel *self);
GVariant *fp_side_panel_get_data_summary_shown (FpSidePanel *self);

G_END_DECLS
