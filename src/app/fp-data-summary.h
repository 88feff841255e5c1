/* fp-data-summary.h: the estate's headline figures before any change ("About the data").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_DATA_SUMMARY (fp_data_summary_get_type ())

G_DECLARE_FINAL_TYPE (FpDataSummary, fp_data_summary, FP, DATA_SUMMARY, GtkWidget)

void fp_data_summary_set_workspace (FpDataSummary *self,
                                    FpWorkspace   *workspace);
GVariant *fp_data_summary_get_shown (FpDataSummary *self);

G_END_DECLS
