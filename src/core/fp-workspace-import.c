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

/* Runs one of the store's import steps inside a transaction of its own, then checks that
 * every scenario that could be computed before still can on the estate it leaves. */
static gboolean
guarded (FpWorkspace         *self,
         Step                 step,
         const FpImportPlan  *plan,
         const char          *author,
         gint64              *import_id,
         GError             **error)
{
  FpStore *store = fp_workspace_get_store (self);
  GPtrArray *scenarios = fp_workspace_get_scenarios (self);
  g_autoptr(GPtrArray) healthy = g_ptr_array_new ();
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpModel) model = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  gint64 id = 0;
  gboolean done;

  for (guint i = 0; i < scenarios->len; i++)
    {
      FpScenario *s = g_ptr_array_index (scenarios, i);

      if (fp_scenario_check (fp_workspace_get_model (self), scenarios, s->name, NULL))
        g_ptr_array_add (healthy, s->name);
    }

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

  /* Written: a failure to read it back is reported, but the import stands. */
  if (!fp_workspace_reload (self, error))
    {
      g_prefix_error (error, _("The import was written, but the document could not be read "
                               "again: "));
      return FALSE;
    }
  return TRUE;
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
