/* fp-workspace-appraisal.c: edits of the appraisal's scoring, one transaction each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-workspace"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-scenario.h"
#include "fp-store-private.h"
#include "fp-workspace-appraisal.h"

typedef gboolean (*EditFunc) (FpWorkspace *self,
                              FpScoring   *scoring,
                              gpointer     data,
                              GError     **error);

/* Reads the scoring inside a write transaction, lets @edit change it, saves it (which checks
 * it whole) and commits; "changed" follows. Another program's edit in between is seen, not
 * overwritten. */
static gboolean
edit_scoring (FpWorkspace  *self,
              EditFunc      edit,
              gpointer      data,
              const char   *author,
              GError      **error)
{
  FpStore *store = fp_workspace_get_store (self);
  g_autoptr(FpScoring) scoring = NULL;

  if (!fp_store_begin (store, error))
    return FALSE;

  scoring = fp_store_load_scoring (store, error);
  if (scoring == NULL ||
      !edit (self, scoring, data, error) ||
      !fp_store_save_scoring (store, scoring, author, error))
    {
      fp_store_rollback (store);
      return FALSE;
    }

  if (!fp_store_commit (store, error))
    return FALSE;

  g_signal_emit_by_name (self, "changed", FP_WORKSPACE_CHANGED_APPRAISAL, NULL);
  return TRUE;
}

/**
 * fp_workspace_dup_scoring:
 * @self: a workspace
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the document's criteria, weights and scores
 */
FpScoring *
fp_workspace_dup_scoring (FpWorkspace  *self,
                          GError      **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);

  return fp_store_load_scoring (fp_workspace_get_store (self), error);
}

typedef struct
{
  const char *option;
  const char *criterion;
  double      score;
} Score;

static gboolean
set_score (FpWorkspace *self,
           FpScoring   *scoring,
           gpointer     data,
           GError     **error)
{
  Score *s = data;
  const char *option = s->option;

  /* Options are Do nothing and the document's scenarios, by the name it spells them. */
  if (fp_scenario_is_do_nothing (option))
    option = FP_DO_NOTHING;
  else
    {
      const FpScenario *scenario = fp_workspace_find_scenario (self, option);

      if (scenario == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                       _("There is no option “%s” to score (Do nothing or a scenario)"), option);
          return FALSE;
        }
      option = scenario->name;
    }

  return fp_scoring_set_score (scoring, option, s->criterion, s->score, error);
}

/**
 * fp_workspace_set_score:
 * @self: a workspace
 * @option: Do nothing or a scenario's name
 * @criterion: a criterion's id or name
 * @score: 0 to 10
 * @author: who scored, recorded with the score
 * @error: return location for an error
 *
 * Returns: %TRUE if saved
 */
gboolean
fp_workspace_set_score (FpWorkspace  *self,
                        const char   *option,
                        const char   *criterion,
                        double        score,
                        const char   *author,
                        GError      **error)
{
  Score s = { option, criterion, score };

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (option != NULL && criterion != NULL, FALSE);

  return edit_scoring (self, set_score, &s, author, error);
}

typedef struct
{
  const char * const *criteria;
  const double       *weights;
  guint               n;
} Weights;

static gboolean
set_weights (FpWorkspace *self,
             FpScoring   *scoring,
             gpointer     data,
             GError     **error)
{
  Weights *w = data;

  for (guint i = 0; i < w->n; i++)
    if (!fp_scoring_set_weight (scoring, w->criteria[i], w->weights[i], error))
      return FALSE;
  return TRUE;
}

/**
 * fp_workspace_set_weights:
 * @self: a workspace
 * @criteria: (array length=n_weights): criteria's ids or names
 * @weights: (array length=n_weights): their new weights, 0 to 100
 * @n_weights: how many
 * @author: who weighted them
 * @error: return location for an error
 *
 * Sets several weights together: the weights of all the criteria must then sum to 100.
 *
 * Returns: %TRUE if saved
 */
gboolean
fp_workspace_set_weights (FpWorkspace        *self,
                          const char * const *criteria,
                          const double       *weights,
                          guint               n_weights,
                          const char         *author,
                          GError            **error)
{
  Weights w = { criteria, weights, n_weights };

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (n_weights == 0 || (criteria != NULL && weights != NULL), FALSE);

  return edit_scoring (self, set_weights, &w, author, error);
}

static gboolean
add_criterion (FpWorkspace *self,
               FpScoring   *scoring,
               gpointer     data,
               GError     **error)
{
  return fp_scoring_add_criterion (scoring, data, 0, error);
}

/**
 * fp_workspace_add_criterion:
 * @self: a workspace
 * @name: the new critical success factor's name
 * @author: who added it
 * @error: return location for an error
 *
 * Adds a criterion with weight 0 (so the weights still sum to 100; give it a weight with
 * fp_workspace_set_weights()).
 *
 * Returns: %TRUE if saved
 */
gboolean
fp_workspace_add_criterion (FpWorkspace  *self,
                            const char   *name,
                            const char   *author,
                            GError      **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  return edit_scoring (self, add_criterion, (gpointer) name, author, error);
}

static gboolean
remove_criterion (FpWorkspace *self,
                  FpScoring   *scoring,
                  gpointer     data,
                  GError     **error)
{
  return fp_scoring_remove_criterion (scoring, data, error);
}

/**
 * fp_workspace_remove_criterion:
 * @self: a workspace
 * @criterion: a criterion's id or name
 * @author: who removed it
 * @error: return location for an error
 *
 * Removes a criterion and its scores; refused while its weight is needed for the weights to
 * sum to 100 (set its weight to 0 first).
 *
 * Returns: %TRUE if saved
 */
gboolean
fp_workspace_remove_criterion (FpWorkspace  *self,
                               const char   *criterion,
                               const char   *author,
                               GError      **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  return edit_scoring (self, remove_criterion, (gpointer) criterion, author, error);
}
