/* fp-sites-view.h: every site of the scenario shown, as a sortable table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_SITES_VIEW (fp_sites_view_get_type ())

G_DECLARE_FINAL_TYPE (FpSitesView, fp_sites_view, FP, SITES_VIEW, GtkWidget)

void fp_sites_view_set_session (FpSitesView *self,
                                FpSession   *session);

G_END_DECLS
