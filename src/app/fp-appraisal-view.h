/* fp-appraisal-view.h: the Appraisal view: options, assumptions, criteria, weights and
 * scores in; the table, sensitivity, chart and benefits ledger out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_APPRAISAL_VIEW (fp_appraisal_view_get_type ())

G_DECLARE_FINAL_TYPE (FpAppraisalView, fp_appraisal_view, FP, APPRAISAL_VIEW, GtkWidget)

extern const char * const fp_appraisal_view_action_names[];

void              fp_appraisal_view_add_actions   (FpAppraisalView *self,
                                                   GActionMap      *map);
void              fp_appraisal_view_set_workspace (FpAppraisalView *self,
                                                   FpWorkspace     *workspace);
const FpAppraisal *fp_appraisal_view_get_appraisal (FpAppraisalView *self);
gboolean          fp_appraisal_view_is_settled    (FpAppraisalView *self);

G_END_DECLS
