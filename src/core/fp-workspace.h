/* fp-workspace.h: one open Footprint document, as the window and the CLI use it.
 *
 * The workspace owns the store, the estate loaded from it, its model, data summary,
 * scenarios and Do nothing results, and a list model of its sites for the UI to bind to.
 * GLib and GIO only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fp-compute.h"
#include "fp-estate.h"
#include "fp-store.h"
#include "fp-summary.h"

G_BEGIN_DECLS

#define FP_TYPE_WORKSPACE (fp_workspace_get_type ())

G_DECLARE_FINAL_TYPE (FpWorkspace, fp_workspace, FP, WORKSPACE, GObject)

FpWorkspace     *fp_workspace_open                     (const char           *path,
                                                        gboolean             *created,
                                                        GError              **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;
FpWorkspace     *fp_workspace_new_for_store            (FpStore              *store,
                                                        GError              **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;
void             fp_workspace_open_async               (const char           *path,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
FpWorkspace     *fp_workspace_open_finish              (GAsyncResult         *result,
                                                        gboolean             *created,
                                                        GError              **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;
const char      *fp_workspace_get_path                 (FpWorkspace          *self);
FpStore         *fp_workspace_get_store                (FpWorkspace          *self);
const FpEstate  *fp_workspace_get_estate               (FpWorkspace          *self);
const FpModel   *fp_workspace_get_model                (FpWorkspace          *self);
const FpSummary *fp_workspace_get_summary              (FpWorkspace          *self);
GPtrArray       *fp_workspace_get_scenarios            (FpWorkspace          *self);
gboolean         fp_workspace_reload_scenarios         (FpWorkspace          *self,
                                                        GError              **error);
const FpResults *fp_workspace_get_do_nothing           (FpWorkspace          *self);
FpResults       *fp_workspace_compute                  (FpWorkspace          *self,
                                                        const char           *scenario,
                                                        GError              **error)
                                                        G_GNUC_WARN_UNUSED_RESULT;
GListModel      *fp_workspace_get_sites                (FpWorkspace          *self);
guint            fp_workspace_get_n_site_sources       (FpWorkspace          *self,
                                                        guint                 index);
double           fp_workspace_get_site_void_cost       (FpWorkspace          *self,
                                                        guint                 index);
FpProvKind       fp_workspace_get_site_cost_provenance (FpWorkspace          *self,
                                                        guint                 index);
FpProvKind       fp_workspace_get_site_void_provenance (FpWorkspace          *self,
                                                        guint                 index);

G_END_DECLS
