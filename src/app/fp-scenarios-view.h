/* fp-scenarios-view.h: the changes of the scenario shown, with their effects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_SCENARIOS_VIEW (fp_scenarios_view_get_type ())

G_DECLARE_FINAL_TYPE (FpScenariosView, fp_scenarios_view, FP, SCENARIOS_VIEW, GtkWidget)

void     fp_scenarios_view_set_session (FpScenariosView *self,
                                        FpSession       *session);
gboolean fp_scenarios_view_is_settled  (FpScenariosView *self);

G_END_DECLS
