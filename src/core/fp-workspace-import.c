/* fp-workspace-import.c: an import applied, undone or redone, checked against the scenarios.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-scenario.h"
#include "fp-store-private.h"
#include "fp-workspace-import.h"

typedef enum
{
  STEP_APPLY,
  STEP_UNDO,
  STEP_REDO,
} Step;

/* The scenarios that compute on the workspace's estate now: an import step must leave them
 * computable. */
static GPtrArray *
healthy_scenarios (FpWorkspace *self)
{
  GPtrArray *scenarios = fp_workspace_get_scenarios (self);
  GPtrArray *healthy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < scenarios->len; i++)
    {
      FpScenario *s = g_ptr_array_index (scenarios, i);

      if (fp_scenario_check (fp_workspace_get_model (self), scenarios, s->name, NULL))
        g_ptr_array_add (healthy, g_strdup (s->name));
    }
  return healthy;
}

/* Runs one of the store's import steps on @store inside a transaction of its own, then
 * checks that every scenario in @healthy still computes on the estate it leaves; commits
 * only then. Touches nothing but @store, so a worker thread can run it on a connection of
 * its own. */
static gboolean
write_step (FpStore             *store,
            Step                 step,
            GPtrArray           *healthy,
            const FpImportPlan  *plan,
            const char          *author,
            gint64              *import_id,
            FpEstate           **estate_out,
            FpModel            **model_out,
            GPtrArray          **scenarios_out,
            GError             **error)
{
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpModel) model = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  gint64 id = 0;
  gboolean done;

  if (!fp_store_begin (store, error))
    return FALSE;

  switch (step)
    {
    case STEP_APPLY:
      done = fp_store_apply_import (store, plan, author, &id, error);
      break;
    case STEP_UNDO:
      done = fp_store_undo_import (store, &id, error);
      break;
    case STEP_REDO:
    default:
      done = fp_store_redo_import (store, &id, error);
      break;
    }
  if (!done)
    {
      fp_store_rollback (store);
      return FALSE;
    }

  estate = fp_store_load_estate (store, error);
  model = estate != NULL ? fp_model_new (estate, error) : NULL;
  stored = model != NULL ? fp_store_load_scenarios (store, error) : NULL;
  if (stored == NULL)
    {
      fp_store_rollback (store);
      return FALSE;
    }

  for (guint i = 0; i < healthy->len; i++)
    {
      const char *name = g_ptr_array_index (healthy, i);
      g_autoptr(GError) local_error = NULL;

      if (!fp_scenario_check (model, stored, name, &local_error))
        {
          fp_store_rollback (store);
          g_set_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED,
                       step == STEP_APPLY
                         /* Translators: %s says which change of which scenario fails */
                         ? _("The import was not applied, because a scenario would no longer "
                             "work with it: %s")
                         : step == STEP_UNDO
                           ? _("The import was not undone, because a scenario would no longer "
                               "work without it: %s")
                           : _("The import was not redone, because a scenario would no longer "
                               "work with it: %s"),
                       local_error->message);
          return FALSE;
        }
    }

  if (!fp_store_commit (store, error))
    return FALSE;
  if (import_id != NULL)
    *import_id = id;
  /* Read inside the transaction, so exactly what was committed. */
  if (estate_out != NULL)
    *estate_out = g_steal_pointer (&estate);
  if (model_out != NULL)
    *model_out = g_steal_pointer (&model);
  if (scenarios_out != NULL)
    *scenarios_out = g_steal_pointer (&stored);
  return TRUE;
}

/* The workspace reads back what an import step wrote. */
static gboolean
reload (FpWorkspace  *self,
        GError      **error)
{
  /* Written: a failure to read it back is reported, but the import stands. */
  if (!fp_workspace_reload (self, error))
    {
      g_prefix_error (error, _("The import was written, but the document could not be read "
                               "again: "));
      return FALSE;
    }
  return TRUE;
}

/* Runs one of the store's import steps on the workspace's own connection, then reads the
 * estate again. */
static gboolean
guarded (FpWorkspace         *self,
         Step                 step,
         const FpImportPlan  *plan,
         const char          *author,
         gint64              *import_id,
         GError             **error)
{
  g_autoptr(GPtrArray) healthy = healthy_scenarios (self);

  if (!write_step (fp_workspace_get_store (self), step, healthy, plan, author, import_id,
                   NULL, NULL, NULL, error))
    return FALSE;
  return reload (self, error);
}

/**
 * fp_workspace_apply_import:
 * @self: a workspace
 * @plan: a plan made from this workspace's estate (fp_import_plan_new())
 * @author: who imports, recorded with the import
 * @import_id: (out) (optional): the import's number in the document
 * @error: return location for an error
 *
 * Writes the plan in one transaction (fp_store_apply_import()), unless a scenario would no
 * longer compute on the estate it leaves; then reads the estate again and emits "changed".
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_apply_import (FpWorkspace         *self,
                           const FpImportPlan  *plan,
                           const char          *author,
                           gint64              *import_id,
                           GError             **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (plan != NULL, FALSE);

  return guarded (self, STEP_APPLY, plan, author, import_id, error);
}

typedef struct
{
  char          *path;
  const FpImportPlan *plan; /* borrowed: the caller keeps it until the callback */
  char          *author;
  GPtrArray     *healthy;
  gint64         id;
  /* What the worker read back: the main thread only puts it in place. The model borrows
   * the estate. */
  FpEstate      *estate;
  FpModel       *model;
  FpResults     *do_nothing;
  FpSummary     *summary;
  GPtrArray     *scenarios;
} ApplyJob;

static void
apply_job_free (ApplyJob *job)
{
  g_free (job->path);
  g_free (job->author);
  g_clear_pointer (&job->healthy, g_ptr_array_unref);
  g_clear_pointer (&job->do_nothing, fp_results_free);
  g_clear_pointer (&job->summary, fp_summary_free);
  g_clear_pointer (&job->model, fp_model_free);
  g_clear_pointer (&job->estate, fp_estate_free);
  g_clear_pointer (&job->scenarios, g_ptr_array_unref);
  g_free (job);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyJob *job = task_data;
  g_autoptr(FpStore) store = NULL;
  GError *error = NULL;

  /* A connection of the worker's own: the workspace's is used by the main thread (its
   * reads, the idle checkpoint), and a store is used by one thread at a time. To SQLite
   * this is a second program on the document, which docs/reliability.md allows: the
   * write is one BEGIN IMMEDIATE transaction, and the main connection sees it once
   * committed. */
  store = fp_store_open (job->path, &error);
  if (store == NULL || !write_step (store, STEP_APPLY, job->healthy, job->plan, job->author,
                                    &job->id, &job->estate, &job->model, &job->scenarios,
                                    &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Written. Reading it back (as fp_workspace_reload() would) is here too, so the main
   * thread does not wait for it; a failure is reported, but the import stands. */
  job->do_nothing = fp_compute_scenario (job->model, NULL, NULL, &error);
  /* The summary too: for 5,000 new sites it was half of what was left on the main thread. */
  if (job->do_nothing != NULL)
    job->summary = fp_summary_compute (job->estate);
  if (job->do_nothing == NULL)
    g_prefix_error (&error, _("The import was written, but the document could not be read "
                              "again: "));
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * fp_workspace_apply_import_async:
 * @self: a workspace
 * @plan: a plan made from this workspace's estate; it must stay alive, unchanged, until
 *   the callback
 * @author: who imports, recorded with the import
 * @cancellable: (nullable): a cancellable, checked before the write starts
 * @callback: called in the caller's main context when the import is written and read back,
 *   or could not be
 * @user_data: data for @callback
 *
 * fp_workspace_apply_import() with the write in a worker thread, on a connection of its
 * own, so the window keeps answering while a large register is written: the same one
 * transaction, the same scenario check, the same rows written. The worker also reads the
 * estate back; the main thread puts it in place (fp_workspace_apply_import_finish()).
 * Until then every write through this workspace is refused at once with FP_ERROR_BUSY
 * (fp_store_set_busy()): an edit would otherwise wait for the import's transaction and
 * then be written behind it, on scenarios the import's read-back does not have.
 */
void
fp_workspace_apply_import_async (FpWorkspace         *self,
                                 const FpImportPlan  *plan,
                                 const char          *author,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ApplyJob *job;

  g_return_if_fail (FP_IS_WORKSPACE (self));
  g_return_if_fail (plan != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_workspace_apply_import_async);
  fp_store_set_busy (fp_workspace_get_store (self),
                     _("An import is being written to the document: try again once it is "
                       "done"));
  g_task_set_return_on_cancel (task, FALSE);
  job = g_new0 (ApplyJob, 1);
  job->path = g_strdup (fp_workspace_get_path (self));
  job->plan = plan;
  job->author = g_strdup (author);
  job->healthy = healthy_scenarios (self);
  g_task_set_task_data (task, job, (GDestroyNotify) apply_job_free);

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_error_if_cancelled (task);
      return;
    }
  g_task_run_in_thread (task, apply_thread);
}

/**
 * fp_workspace_apply_import_finish:
 * @self: a workspace
 * @result: the result passed to the callback
 * @import_id: (out) (optional): the import's number in the document
 * @error: return location for an error
 *
 * Puts in place the estate the import left, which the worker read back
 * (fp_workspace_take_estate(), which emits "changed"). Call it once, from the callback of
 * fp_workspace_apply_import_async(), when nothing borrows the old estate any more: it is
 * freed here.
 *
 * Returns: %TRUE when the import was written and read back
 */
gboolean
fp_workspace_apply_import_finish (FpWorkspace   *self,
                                  GAsyncResult  *result,
                                  gint64        *import_id,
                                  GError       **error)
{
  ApplyJob *job;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* The import is over, written or not: the workspace may write again. */
  fp_store_set_busy (fp_workspace_get_store (self), NULL);
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (import_id != NULL)
    *import_id = job->id;
  /* Once: the task data is the workspace's now. */
  g_return_val_if_fail (job->estate != NULL, FALSE);
  fp_workspace_take_estate (self, g_steal_pointer (&job->estate), g_steal_pointer (&job->model),
                            g_steal_pointer (&job->do_nothing),
                            g_steal_pointer (&job->summary),
                            g_steal_pointer (&job->scenarios));
  return TRUE;
}

/**
 * fp_workspace_undo_import:
 * @self: a workspace
 * @import_id: (out) (optional): the import undone
 * @error: return location for an error
 *
 * Takes back the latest import still applied, as a whole (fp_store_undo_import()).
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_undo_import (FpWorkspace  *self,
                          gint64       *import_id,
                          GError      **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  return guarded (self, STEP_UNDO, NULL, NULL, import_id, error);
}

/**
 * fp_workspace_redo_import:
 * @self: a workspace
 * @import_id: (out) (optional): the import redone
 * @error: return location for an error
 *
 * Puts back the import undone last (fp_store_redo_import()).
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_redo_import (FpWorkspace  *self,
                          gint64       *import_id,
                          GError      **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  return guarded (self, STEP_REDO, NULL, NULL, import_id, error);
}

/**
 * fp_workspace_can_undo_import:
 * @self: a workspace
 * @can_redo: (out) (optional): whether an undone import can be redone
 *
 * Returns: whether an import is applied, so it can be undone
 */
gboolean
fp_workspace_can_undo_import (FpWorkspace *self,
                              gboolean    *can_redo)
{
  g_autoptr(GPtrArray) imports = NULL;
  gboolean undo = FALSE, redo = FALSE;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  imports = fp_store_list_imports (fp_workspace_get_store (self), NULL);
  for (guint i = 0; imports != NULL && i < imports->len; i++)
    {
      const FpImportRecord *r = g_ptr_array_index (imports, i);

      undo |= g_strcmp0 (r->status, "applied") == 0;
      redo |= g_strcmp0 (r->status, "undone") == 0;
    }

  if (can_redo != NULL)
    *can_redo = redo;
  return undo;
}
