/* fp-workspace-import.h: an import applied, undone or redone through the workspace.
 *
 * The store writes an import in one transaction (fp-import.h); these functions wrap that
 * transaction in the workspace's own: the scenarios that could be computed before must
 * still be computed on the estate the import leaves (a floor area made smaller can leave a
 * scenario's move without room), else nothing is written and the error names the
 * scenario. Then the workspace reads the estate again (fp_workspace_reload()) and announces
 * it with "changed". fp_workspace_apply_import_async() writes in a worker thread, on a
 * connection of its own, so a large import never freezes the window. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fp-import.h"
#include "fp-workspace.h"

G_BEGIN_DECLS

gboolean     fp_workspace_apply_import  (FpWorkspace         *self,
                                         const FpImportPlan  *plan,
                                         const char          *author,
                                         gint64              *import_id,
                                         GError             **error);
void         fp_workspace_apply_import_async  (FpWorkspace         *self,
                                               const FpImportPlan  *plan,
                                               const char          *author,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean     fp_workspace_apply_import_finish (FpWorkspace         *self,
                                               GAsyncResult        *result,
                                               gint64              *import_id,
                                               GError             **error);
gboolean     fp_workspace_undo_import   (FpWorkspace         *self,
                                         gint64              *import_id,
                                         GError             **error);
gboolean     fp_workspace_redo_import   (FpWorkspace         *self,
                                         gint64              *import_id,
                                         GError             **error);
gboolean     fp_workspace_can_undo_import (FpWorkspace       *self,
                                         gboolean            *can_redo);

G_END_DECLS
