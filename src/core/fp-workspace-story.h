/* fp-workspace-story.h: the document's stories, edited through the workspace.
 *
 * Each edit reads the document's stories inside one write transaction, makes the change,
 * checks it (the view against the document: its option is Do nothing or a scenario, its
 * year is in the model's horizon, its site and service exist; the stories whole against
 * fp_stories_check()), saves them in that transaction and announces the edit with
 * "changed" (FP_WORKSPACE_CHANGED_STORIES, scenario %NULL). A refused edit writes nothing
 * and says why. The window and footprint-cli story keep the same rules. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fp-story.h"
#include "fp-workspace.h"

G_BEGIN_DECLS

GPtrArray   *fp_workspace_dup_stories        (FpWorkspace        *self,
                                              GError            **error)
                                              G_GNUC_WARN_UNUSED_RESULT;
FpStory     *fp_workspace_dup_story          (FpWorkspace        *self,
                                              const char         *name,
                                              GError            **error)
                                              G_GNUC_WARN_UNUSED_RESULT;
gboolean     fp_workspace_check_story_view   (FpWorkspace        *self,
                                              FpStoryView        *view,
                                              GError            **error);

gboolean     fp_workspace_create_story       (FpWorkspace        *self,
                                              const char         *name,
                                              GError            **error);
gboolean     fp_workspace_rename_story       (FpWorkspace        *self,
                                              const char         *name,
                                              const char         *new_name,
                                              GError            **error);
gboolean     fp_workspace_delete_story       (FpWorkspace        *self,
                                              const char         *name,
                                              GError            **error);

gboolean     fp_workspace_add_story_view     (FpWorkspace        *self,
                                              const char         *story,
                                              const FpStoryView  *view,
                                              int                 position,
                                              guint              *index,
                                              GError            **error);
gboolean     fp_workspace_replace_story_view (FpWorkspace        *self,
                                              const char         *story,
                                              guint               index,
                                              const FpStoryView  *view,
                                              GError            **error);
gboolean     fp_workspace_remove_story_view  (FpWorkspace        *self,
                                              const char         *story,
                                              guint               index,
                                              GError            **error);
gboolean     fp_workspace_move_story_view    (FpWorkspace        *self,
                                              const char         *story,
                                              guint               from,
                                              guint               to,
                                              GError            **error);

G_END_DECLS
