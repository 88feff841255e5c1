/* fp-site-panel.h: everything known about the selected site, in the scenario and year
 * shown, with where each figure came from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_SITE_PANEL (fp_site_panel_get_type ())

G_DECLARE_FINAL_TYPE (FpSitePanel, fp_site_panel, FP, SITE_PANEL, GtkWidget)

void fp_site_panel_set_session (FpSitePanel *self,
                                FpSession   *session);
void fp_site_panel_show_site   (FpSitePanel *self,
                                guint        index);

G_END_DECLS
