/* fp-summary-panel.h: the side panel: the data summary and the searchable list of sites.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_SUMMARY_PANEL (fp_summary_panel_get_type ())

G_DECLARE_FINAL_TYPE (FpSummaryPanel, fp_summary_panel, FP, SUMMARY_PANEL, GtkWidget)

void fp_summary_panel_set_document  (FpSummaryPanel *self,
                                     FpWorkspace     *document);
void fp_summary_panel_select_site   (FpSummaryPanel *self,
                                     guint           index);
void fp_summary_panel_focus_search  (FpSummaryPanel *self);

G_END_DECLS
