/* fp-workspace-appraisal.h: the appraisal's criteria, weights and scores, edited through
 * the workspace.
 *
 * Each edit reads the document's scoring inside one write transaction, makes the change,
 * checks the whole (fp_scoring_check(): weights summing to 100, scores 0 to 10) and saves it
 * in that transaction, then announces it with "changed" (FP_WORKSPACE_CHANGED_APPRAISAL). A
 * refused edit writes nothing and says why. The window and footprint-cli scores keep the
 * same rules. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fp-appraisal.h"
#include "fp-workspace.h"

G_BEGIN_DECLS

FpScoring   *fp_workspace_dup_scoring      (FpWorkspace         *self,
                                            GError             **error)
                                            G_GNUC_WARN_UNUSED_RESULT;
gboolean     fp_workspace_set_score        (FpWorkspace         *self,
                                            const char          *option,
                                            const char          *criterion,
                                            double               score,
                                            const char          *author,
                                            GError             **error);
gboolean     fp_workspace_set_weights      (FpWorkspace         *self,
                                            const char * const  *criteria,
                                            const double        *weights,
                                            guint                n_weights,
                                            const char          *author,
                                            GError             **error);
gboolean     fp_workspace_add_criterion    (FpWorkspace         *self,
                                            const char          *name,
                                            const char          *author,
                                            GError             **error);
gboolean     fp_workspace_remove_criterion (FpWorkspace         *self,
                                            const char          *criterion,
                                            const char          *author,
                                            GError             **error);

G_END_DECLS
