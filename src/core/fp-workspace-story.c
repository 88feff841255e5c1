/* fp-workspace-story.c: edits of the document's stories, one transaction each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-scenario.h"
#include "fp-store-private.h"
#include "fp-workspace-story.h"

typedef gboolean (*EditFunc) (FpWorkspace *self,
                              GPtrArray   *stories,
                              gpointer     data,
                              GError     **error);

/* Reads the stories inside a write transaction, lets @edit change them, saves them (which
 * checks them whole) and commits; "changed" follows. Another program's edit in between is
 * seen, not overwritten. */
static gboolean
edit_stories (FpWorkspace  *self,
              EditFunc      edit,
              gpointer      data,
              GError      **error)
{
  FpStore *store = fp_workspace_get_store (self);
  g_autoptr(GPtrArray) stories = NULL;

  if (!fp_store_begin (store, error))
    return FALSE;

  stories = fp_store_load_stories (store, error);
  if (stories == NULL ||
      !edit (self, stories, data, error) ||
      !fp_store_save_stories (store, stories, error))
    {
      fp_store_rollback (store);
      return FALSE;
    }

  if (!fp_store_commit (store, error))
    return FALSE;

  g_signal_emit_by_name (self, "changed", FP_WORKSPACE_CHANGED_STORIES, NULL);
  return TRUE;
}

static FpStory *
find_story (GPtrArray   *stories,
            const char  *name,
            guint       *index,
            GError     **error)
{
  FpStory *story = fp_stories_find (stories, name, index);

  if (story == NULL)
    g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no story called “%s”"),
                 name != NULL ? name : "");
  return story;
}

/**
 * fp_workspace_dup_stories:
 * @self: a workspace
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FpStory) (nullable): the document's stories
 */
GPtrArray *
fp_workspace_dup_stories (FpWorkspace  *self,
                          GError      **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);

  return fp_store_load_stories (fp_workspace_get_store (self), error);
}

/**
 * fp_workspace_dup_story:
 * @self: a workspace
 * @name: a story's name, in any case
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the story, or %NULL with FP_ERROR_NOT_FOUND
 */
FpStory *
fp_workspace_dup_story (FpWorkspace  *self,
                        const char   *name,
                        GError      **error)
{
  g_autoptr(GPtrArray) stories = NULL;
  FpStory *story;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);

  stories = fp_workspace_dup_stories (self, error);
  if (stories == NULL)
    return NULL;
  story = find_story (stories, name, NULL, error);
  return story != NULL ? fp_story_copy (story) : NULL;
}

/**
 * fp_workspace_check_story_view:
 * @self: a workspace
 * @view: a view; tidied in place (fp_story_view_tidy()), its option spelled as the
 *   document spells the scenario
 * @error: return location for an error
 *
 * Checks @view against the document: its option is Do nothing or one of the scenarios, its
 * year is in the model's horizon, its site is one of the estate's sites and its zone
 * service one of the estate's services.
 *
 * Returns: %TRUE if the view may be saved
 */
gboolean
fp_workspace_check_story_view (FpWorkspace  *self,
                               FpStoryView  *view,
                               GError      **error)
{
  const FpModel *model;
  const FpEstate *estate;
  int first, last;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  if (!fp_story_view_tidy (view, error))
    return FALSE;

  if (view->option != NULL)
    {
      const FpScenario *scenario = fp_workspace_find_scenario (self, view->option);

      if (scenario == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                       _("There is no option “%s” to show (Do nothing or a scenario)"),
                       view->option);
          return FALSE;
        }
      g_free (view->option);
      view->option = g_strdup (scenario->name);
    }

  model = fp_workspace_get_model (self);
  first = fp_model_get_base_year (model);
  last = first + (int) fp_model_get_n_years (model) - 1;
  if (view->year < first || view->year > last)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The year %d is outside the model’s horizon, %d to %d"), view->year,
                   first, last);
      return FALSE;
    }

  estate = fp_workspace_get_estate (self);
  if (view->site != NULL && !fp_estate_find_site (estate, view->site, NULL))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("There is no site “%s” in this document’s estate"), view->site);
      return FALSE;
    }
  if (view->zone_service != NULL && !fp_estate_find_service (estate, view->zone_service, NULL))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("There is no service “%s” in this document’s estate"),
                   view->zone_service);
      return FALSE;
    }
  return TRUE;
}

static gboolean
create_story (FpWorkspace *self,
              GPtrArray   *stories,
              gpointer     data,
              GError     **error)
{
  const char *name = data;

  if (fp_stories_find (stories, name, NULL) != NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_EXISTS, _("A story called “%s” exists already"),
                   name);
      return FALSE;
    }
  g_ptr_array_add (stories, fp_story_new (name));
  return TRUE;
}

/**
 * fp_workspace_create_story:
 * @self: a workspace
 * @name: the new story's name (fp_story_normalize_name())
 * @error: return location for an error
 *
 * Adds an empty story after the others.
 *
 * Returns: %TRUE if saved; FP_ERROR_EXISTS when a story has the name (in any case)
 */
gboolean
fp_workspace_create_story (FpWorkspace  *self,
                           const char   *name,
                           GError      **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  clean = fp_story_normalize_name (name, error);
  if (clean == NULL)
    return FALSE;
  return edit_stories (self, create_story, clean, error);
}

typedef struct
{
  const char *name;
  const char *new_name;
} Rename;

static gboolean
rename_story (FpWorkspace *self,
              GPtrArray   *stories,
              gpointer     data,
              GError     **error)
{
  Rename *r = data;
  FpStory *story = find_story (stories, r->name, NULL, error);
  FpStory *other;

  if (story == NULL)
    return FALSE;
  other = fp_stories_find (stories, r->new_name, NULL);
  if (other != NULL && other != story)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_EXISTS, _("A story called “%s” exists already"),
                   r->new_name);
      return FALSE;
    }
  g_free (story->name);
  story->name = g_strdup (r->new_name);
  return TRUE;
}

/**
 * fp_workspace_rename_story:
 * @self: a workspace
 * @name: a story's name
 * @new_name: its new name (fp_story_normalize_name())
 * @error: return location for an error
 *
 * Returns: %TRUE if saved
 */
gboolean
fp_workspace_rename_story (FpWorkspace  *self,
                           const char   *name,
                           const char   *new_name,
                           GError      **error)
{
  g_autofree char *clean = NULL;
  Rename r;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  clean = fp_story_normalize_name (new_name, error);
  if (clean == NULL)
    return FALSE;
  r.name = name;
  r.new_name = clean;
  return edit_stories (self, rename_story, &r, error);
}

static gboolean
delete_story (FpWorkspace *self,
              GPtrArray   *stories,
              gpointer     data,
              GError     **error)
{
  guint index;

  if (find_story (stories, data, &index, error) == NULL)
    return FALSE;
  g_ptr_array_remove_index (stories, index);
  return TRUE;
}

/**
 * fp_workspace_delete_story:
 * @self: a workspace
 * @name: a story's name
 * @error: return location for an error
 *
 * Deletes the story and its views.
 *
 * Returns: %TRUE if saved
 */
gboolean
fp_workspace_delete_story (FpWorkspace  *self,
                           const char   *name,
                           GError      **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  return edit_stories (self, delete_story, (gpointer) name, error);
}

typedef struct
{
  const char        *story;
  const FpStoryView *view;
  int                position;   /* add: where; -1 at the end */
  guint              index;      /* replace, remove, move: which */
  guint              to;         /* move: where to */
  guint             *out_index;
} ViewEdit;

static gboolean
check_index (const FpStory  *story,
             guint           index,
             GError        **error)
{
  if (index < story->views->len)
    return TRUE;
  g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
               _("The story “%s” has no view %u: it has %u"), story->name, index + 1,
               story->views->len);
  return FALSE;
}

static gboolean
add_view (FpWorkspace *self,
          GPtrArray   *stories,
          gpointer     data,
          GError     **error)
{
  ViewEdit *e = data;
  FpStory *story = find_story (stories, e->story, NULL, error);
  g_autoptr(FpStoryView) view = NULL;
  guint at;

  if (story == NULL)
    return FALSE;
  if (story->views->len >= FP_STORY_MAX_VIEWS)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The story “%s” has %u views already; a story holds at most %d"),
                   story->name, story->views->len, FP_STORY_MAX_VIEWS);
      return FALSE;
    }
  if (e->position > (int) story->views->len)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The story “%s” has %u views: a new one goes at 1 to %u"), story->name,
                   story->views->len, story->views->len + 1);
      return FALSE;
    }

  view = fp_story_view_copy (e->view);
  if (!fp_workspace_check_story_view (self, view, error))
    return FALSE;

  at = e->position < 0 ? story->views->len : (guint) e->position;
  g_ptr_array_insert (story->views, (int) at, g_steal_pointer (&view));
  if (e->out_index != NULL)
    *e->out_index = at;
  return TRUE;
}

/**
 * fp_workspace_add_story_view:
 * @self: a workspace
 * @story: a story's name
 * @view: the view to add (checked with fp_workspace_check_story_view(), on a copy)
 * @position: where it goes, from 0; -1 after the last
 * @index: (out) (optional): where it went
 * @error: return location for an error
 *
 * Returns: %TRUE if saved
 */
gboolean
fp_workspace_add_story_view (FpWorkspace        *self,
                             const char         *story,
                             const FpStoryView  *view,
                             int                 position,
                             guint              *index,
                             GError            **error)
{
  ViewEdit e = { story, view, position, 0, 0, index };

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  return edit_stories (self, add_view, &e, error);
}

static gboolean
replace_view (FpWorkspace *self,
              GPtrArray   *stories,
              gpointer     data,
              GError     **error)
{
  ViewEdit *e = data;
  FpStory *story = find_story (stories, e->story, NULL, error);
  g_autoptr(FpStoryView) view = NULL;

  if (story == NULL || !check_index (story, e->index, error))
    return FALSE;

  view = fp_story_view_copy (e->view);
  if (!fp_workspace_check_story_view (self, view, error))
    return FALSE;

  fp_story_view_free (story->views->pdata[e->index]);
  story->views->pdata[e->index] = g_steal_pointer (&view);
  return TRUE;
}

/**
 * fp_workspace_replace_story_view:
 * @self: a workspace
 * @story: a story's name
 * @index: which view, from 0
 * @view: what it becomes (checked with fp_workspace_check_story_view(), on a copy)
 * @error: return location for an error
 *
 * Returns: %TRUE if saved
 */
gboolean
fp_workspace_replace_story_view (FpWorkspace        *self,
                                 const char         *story,
                                 guint               index,
                                 const FpStoryView  *view,
                                 GError            **error)
{
  ViewEdit e = { story, view, 0, index, 0, NULL };

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (view != NULL, FALSE);

  return edit_stories (self, replace_view, &e, error);
}

static gboolean
remove_view (FpWorkspace *self,
             GPtrArray   *stories,
             gpointer     data,
             GError     **error)
{
  ViewEdit *e = data;
  FpStory *story = find_story (stories, e->story, NULL, error);

  if (story == NULL || !check_index (story, e->index, error))
    return FALSE;
  g_ptr_array_remove_index (story->views, e->index);
  return TRUE;
}

/**
 * fp_workspace_remove_story_view:
 * @self: a workspace
 * @story: a story's name
 * @index: which view, from 0
 * @error: return location for an error
 *
 * Returns: %TRUE if saved
 */
gboolean
fp_workspace_remove_story_view (FpWorkspace  *self,
                                const char   *story,
                                guint         index,
                                GError      **error)
{
  ViewEdit e = { story, NULL, 0, index, 0, NULL };

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  return edit_stories (self, remove_view, &e, error);
}

static gboolean
move_view (FpWorkspace *self,
           GPtrArray   *stories,
           gpointer     data,
           GError     **error)
{
  ViewEdit *e = data;
  FpStory *story = find_story (stories, e->story, NULL, error);
  gpointer view;

  if (story == NULL || !check_index (story, e->index, error) ||
      !check_index (story, e->to, error))
    return FALSE;

  view = g_ptr_array_steal_index (story->views, e->index);
  g_ptr_array_insert (story->views, (int) e->to, view);
  return TRUE;
}

/**
 * fp_workspace_move_story_view:
 * @self: a workspace
 * @story: a story's name
 * @from: which view, from 0
 * @to: where it goes (the others close up behind it), from 0
 * @error: return location for an error
 *
 * Returns: %TRUE if saved
 */
gboolean
fp_workspace_move_story_view (FpWorkspace  *self,
                              const char   *story,
                              guint         from,
                              guint         to,
                              GError      **error)
{
  ViewEdit e = { story, NULL, 0, from, to, NULL };

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  return edit_stories (self, move_view, &e, error);
}
