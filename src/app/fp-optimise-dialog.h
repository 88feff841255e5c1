/* fp-optimise-dialog.h: "Suggest an estate", the optimiser in the window, and its actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fp-window.h"

G_BEGIN_DECLS

#define FP_TYPE_OPTIMISE_DIALOG (fp_optimise_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FpOptimiseDialog, fp_optimise_dialog, FP, OPTIMISE_DIALOG, AdwWindow)

extern const char * const fp_optimise_action_names[];

FpOptimiseDialog *fp_optimise_dialog_new       (FpWindow    *window,
                                                FpWorkspace *workspace);

void              fp_optimise_actions_add      (FpWindow    *window);
void              fp_optimise_actions_update   (FpWindow    *window);

G_END_DECLS
