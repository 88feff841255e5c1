/* fp-workspace.h: one open Footprint document, as the window and the CLI use it.
 *
 * The workspace owns the store, the estate loaded from it, its model, data summary,
 * scenarios, Do nothing results, the current scenario and its results, and a list model
 * of its sites for the UI to bind to. GLib and GIO only.
 *
 * Every edit of the document travels one way, through the functions below (the window
 * and footprint-cli call the same ones): it is checked against the engine on the state of
 * the document read inside one write transaction (BEGIN IMMEDIATE), written in that
 * transaction, the workspace's scenarios are read back and the current results computed,
 * and the edit is announced by one "changed" signal. A refused edit changes nothing; its
 * error says why, naming the change (and, for a change that would break a scenario built
 * on this one, that scenario).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fp-compute.h"
#include "fp-estate.h"
#include "fp-scenario.h"
#include "fp-store.h"
#include "fp-summary.h"

G_BEGIN_DECLS

#define FP_TYPE_WORKSPACE (fp_workspace_get_type ())

G_DECLARE_FINAL_TYPE (FpWorkspace, fp_workspace, FP, WORKSPACE, GObject)

/**
 * FpWorkspaceChange:
 * @FP_WORKSPACE_CHANGED_SCENARIOS: scenarios were created, duplicated, imported, renamed
 *   or deleted
 * @FP_WORKSPACE_CHANGED_CHANGES: a scenario's changes or undo position changed
 * @FP_WORKSPACE_CHANGED_OVERRIDES: a category override was set or cleared
 * @FP_WORKSPACE_CHANGED_ASSUMPTIONS: an assumption changed (here or, noticed during an
 *   edit, in another program): the model, Do nothing and every result are new; get them
 *   again
 * @FP_WORKSPACE_CHANGED_CURRENT: the current scenario is another one
 * @FP_WORKSPACE_CHANGED_APPRAISAL: the appraisal's criteria, weights or scores changed
 *   (fp-workspace-appraisal.h)
 * @FP_WORKSPACE_CHANGED_ESTATE: the estate was read again (an import applied, undone or
 *   redone, fp_workspace_reload()): its sites, model, Do nothing and every result are new,
 *   and pointers into the old estate are gone. Announced with
 *   @FP_WORKSPACE_CHANGED_ASSUMPTIONS too, for listeners that only know that one.
 * @FP_WORKSPACE_CHANGED_STORIES: a story was created, renamed or deleted, or its views
 *   edited (fp-workspace-story.h); the signal's scenario is %NULL. (A renamed scenario's
 *   views follow it, announced as @FP_WORKSPACE_CHANGED_SCENARIOS.)
 *
 * What the "changed" signal announces. The current scenario's results
 * (fp_workspace_get_results()) are recomputed before every emission.
 */
typedef enum /*< flags >*/
{
  FP_WORKSPACE_CHANGED_SCENARIOS   = 1 << 0,
  FP_WORKSPACE_CHANGED_CHANGES     = 1 << 1,
  FP_WORKSPACE_CHANGED_OVERRIDES   = 1 << 2,
  FP_WORKSPACE_CHANGED_ASSUMPTIONS = 1 << 3,
  FP_WORKSPACE_CHANGED_CURRENT     = 1 << 4,
  FP_WORKSPACE_CHANGED_APPRAISAL   = 1 << 5,
  FP_WORKSPACE_CHANGED_ESTATE      = 1 << 6,
  FP_WORKSPACE_CHANGED_STORIES     = 1 << 7,
} FpWorkspaceChange;

GType fp_workspace_change_get_type (void) G_GNUC_CONST;
#define FP_TYPE_WORKSPACE_CHANGE (fp_workspace_change_get_type ())

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
gboolean         fp_workspace_is_read_only             (FpWorkspace          *self);
gboolean         fp_workspace_save_copy                (FpWorkspace          *self,
                                                        const char           *destination,
                                                        gboolean              replace,
                                                        GError              **error);
const FpEstate  *fp_workspace_get_estate               (FpWorkspace          *self);
const FpModel   *fp_workspace_get_model                (FpWorkspace          *self);
const FpSummary *fp_workspace_get_summary              (FpWorkspace          *self);
GPtrArray       *fp_workspace_get_scenarios            (FpWorkspace          *self);
const FpScenario *fp_workspace_find_scenario           (FpWorkspace          *self,
                                                        const char           *name);
gboolean         fp_workspace_reload_scenarios         (FpWorkspace          *self,
                                                        GError              **error);
gboolean         fp_workspace_reload                   (FpWorkspace          *self,
                                                        GError              **error);
void             fp_workspace_take_estate              (FpWorkspace          *self,
                                                        FpEstate             *estate,
                                                        FpModel              *model,
                                                        FpResults            *do_nothing,
                                                        FpSummary            *summary,
                                                        GPtrArray            *scenarios);
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

/* The current scenario and its results. */
const char      *fp_workspace_get_current_scenario     (FpWorkspace          *self);
gboolean         fp_workspace_set_current_scenario     (FpWorkspace          *self,
                                                        const char           *name,
                                                        GError              **error);
const FpResults *fp_workspace_get_results              (FpWorkspace          *self);

/* Edits of scenarios. */
const FpScenario *fp_workspace_create_scenario         (FpWorkspace          *self,
                                                        const char           *name,
                                                        const char           *description,
                                                        const char           *parent,
                                                        GError              **error);
const FpScenario *fp_workspace_duplicate_scenario      (FpWorkspace          *self,
                                                        const char           *name,
                                                        const char           *new_name,
                                                        GError              **error);
const FpScenario *fp_workspace_import_scenario         (FpWorkspace          *self,
                                                        const FpScenario     *scenario,
                                                        gboolean              replace,
                                                        GError              **error);
gboolean         fp_workspace_rename_scenario          (FpWorkspace          *self,
                                                        const char           *name,
                                                        const char           *new_name,
                                                        GError              **error);
gboolean         fp_workspace_delete_scenario          (FpWorkspace          *self,
                                                        const char           *name,
                                                        GError              **error);

/* Edits of a scenario's changes. */
gboolean         fp_workspace_add_change               (FpWorkspace          *self,
                                                        const char           *scenario,
                                                        const FpChange       *change,
                                                        guint                *position,
                                                        guint                *dropped,
                                                        GError              **error);
gboolean         fp_workspace_add_change_json          (FpWorkspace          *self,
                                                        const char           *scenario,
                                                        const char           *json,
                                                        guint                *position,
                                                        GError              **error);
gboolean         fp_workspace_replace_change           (FpWorkspace          *self,
                                                        const char           *scenario,
                                                        guint                 index,
                                                        const FpChange       *change,
                                                        GError              **error);
gboolean         fp_workspace_remove_change            (FpWorkspace          *self,
                                                        const char           *scenario,
                                                        guint                 index,
                                                        GError              **error);
gboolean         fp_workspace_move_change              (FpWorkspace          *self,
                                                        const char           *scenario,
                                                        guint                 from,
                                                        guint                 to,
                                                        GError              **error);
gboolean         fp_workspace_undo                     (FpWorkspace          *self,
                                                        const char           *scenario,
                                                        guint                *position,
                                                        GError              **error);
gboolean         fp_workspace_redo                     (FpWorkspace          *self,
                                                        const char           *scenario,
                                                        guint                *position,
                                                        GError              **error);
const FpChange  *fp_workspace_get_undo_change          (FpWorkspace          *self,
                                                        const char           *scenario);
const FpChange  *fp_workspace_get_redo_change          (FpWorkspace          *self,
                                                        const char           *scenario);

/* Edits of the document's judgements and assumptions. */
gboolean         fp_workspace_set_override             (FpWorkspace          *self,
                                                        const FpCategoryOverride *override,
                                                        GError              **error);
gboolean         fp_workspace_clear_override           (FpWorkspace          *self,
                                                        const char           *site_id,
                                                        const char           *scenario,
                                                        GError              **error);
gboolean         fp_workspace_set_assumption           (FpWorkspace          *self,
                                                        const char           *key,
                                                        double                value,
                                                        const char           *author,
                                                        GError              **error);

G_END_DECLS
