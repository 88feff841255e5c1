/* fp-import-dialog.h: importing a register in the window, and the actions that do it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fp-window.h"

G_BEGIN_DECLS

#define FP_TYPE_IMPORT_DIALOG (fp_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FpImportDialog, fp_import_dialog, FP, IMPORT_DIALOG, AdwWindow)

extern const char * const fp_import_action_names[];

FpImportDialog *fp_import_dialog_new         (FpWindow        *window,
                                              FpWorkspace     *workspace,
                                              const char      *path);
gboolean        fp_import_dialog_apply       (FpImportDialog  *self,
                                              GError         **error);
gboolean        fp_import_dialog_is_planning (FpImportDialog  *self);
gboolean        fp_import_dialog_is_applying (FpImportDialog  *self);
const char     *fp_import_dialog_get_step    (FpImportDialog  *self);

void            fp_import_actions_add        (FpWindow        *window);
void            fp_import_actions_update     (FpWindow        *window);

G_END_DECLS
