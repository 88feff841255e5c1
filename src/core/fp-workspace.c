/* fp-document.c: open a document, load its estate once, and keep what the window binds to.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-document"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "fp-scenario.h"
#include "fp-site-item.h"
#include "fp-workspace.h"

struct _FpWorkspace
{
  GObject     parent_instance;

  FpStore    *store;
  FpEstate   *estate;
  FpModel    *model;
  FpSummary  *summary;
  GPtrArray  *scenarios;     /* FpScenario */
  FpResults  *do_nothing;
  GPtrArray  *overrides;     /* arrays of FpCategoryOverride the results handed out borrow */
  GListStore *sites;
  guint      *n_sources;    /* source rows behind each site, by site index */
  double      m2_per_room;
};

G_DEFINE_FINAL_TYPE (FpWorkspace, fp_workspace, G_TYPE_OBJECT)

static void
fp_workspace_finalize (GObject *object)
{
  FpWorkspace *self = FP_WORKSPACE (object);

  g_clear_object (&self->sites);
  g_clear_pointer (&self->do_nothing, fp_results_free);
  g_clear_pointer (&self->overrides, g_ptr_array_unref);
  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  g_clear_pointer (&self->summary, fp_summary_free);
  /* The model borrows the estate: free it first. */
  g_clear_pointer (&self->model, fp_model_free);
  g_clear_pointer (&self->estate, fp_estate_free);
  g_clear_object (&self->store);
  g_clear_pointer (&self->n_sources, g_free);

  G_OBJECT_CLASS (fp_workspace_parent_class)->finalize (object);
}

static void
fp_workspace_class_init (FpWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_workspace_finalize;
}

static void
fp_workspace_init (FpWorkspace *self)
{
  self->sites = g_list_store_new (FP_TYPE_SITE_ITEM);
  self->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

/**
 * fp_workspace_open:
 * @path: (nullable): a document, or %NULL for the user's default document (created from
 *   the built-in dataset on first use)
 * @created: (out) (optional): whether the default document was created now
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
FpWorkspace *
fp_workspace_open (const char  *path,
                   gboolean    *created,
                   GError     **error)
{
  g_autoptr(FpStore) store = fp_store_open_or_create_default (path, created, error);

  if (store == NULL)
    return NULL;

  return fp_workspace_new_for_store (store, error);
}

/**
 * fp_workspace_new_for_store:
 * @store: an open document
 * @error: return location for an error
 *
 * Loads everything the workspace holds from @store, which it keeps a reference to.
 *
 * Returns: (transfer full) (nullable): the workspace, or %NULL with @error set
 */
FpWorkspace *
fp_workspace_new_for_store (FpStore  *store,
                            GError  **error)
{
  g_autoptr(FpWorkspace) self = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (FP_IS_STORE (store), NULL);

  self = g_object_new (FP_TYPE_WORKSPACE, NULL);
  self->store = g_object_ref (store);

  self->estate = fp_store_load_estate (self->store, error);
  if (self->estate == NULL)
    return NULL;

  self->model = fp_model_new (self->estate, error);
  if (self->model == NULL)
    return NULL;

  self->scenarios = fp_store_load_scenarios (self->store, error);
  if (self->scenarios == NULL)
    return NULL;

  self->do_nothing = fp_compute_scenario (self->model, NULL, NULL, error);
  if (self->do_nothing == NULL)
    return NULL;

  self->summary = fp_summary_compute (self->estate);
  self->m2_per_room = fp_estate_get_assumption (self->estate, "m2_per_room", 25.0);

  self->n_sources = g_new0 (guint, MAX (self->estate->sites->len, 1));
  for (guint i = 0; i < self->estate->source_rows->len; i++)
    {
      const FpSourceRow *row = &g_array_index (self->estate->source_rows, FpSourceRow, i);

      if (row->site < self->estate->sites->len)
        self->n_sources[row->site]++;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->estate->sites->len; i++)
    g_ptr_array_add (items, fp_site_item_new (self->estate, i));
  g_list_store_splice (self->sites, 0, 0, items->pdata, items->len);

  return g_steal_pointer (&self);
}

typedef struct
{
  char     *path;
  gboolean  created;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open_data = data;

  g_free (open_data->path);
  g_free (open_data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  FpWorkspace *document;

  document = fp_workspace_open (data->path, &data->created, &error);
  if (document == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, document, g_object_unref);
}

/**
 * fp_workspace_open_async:
 * @path: (nullable): a document, or %NULL for the user's default document
 * @cancellable: (nullable): a cancellable
 * @callback: called in the caller's main context when the document is open or could not be
 * @user_data: data for @callback
 *
 * Opens (and on first run creates) the document in a worker thread, so the window stays
 * responsive while the built-in dataset is written out. The returned document is used only
 * from the main thread afterwards.
 */
void
fp_workspace_open_async (const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenData *data = g_new0 (OpenData, 1);

  data->path = g_strdup (path);
  g_task_set_source_tag (task, fp_workspace_open_async);
  g_task_set_task_data (task, data, open_data_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * fp_workspace_open_finish:
 * @result: the result passed to the callback
 * @created: (out) (optional): whether the default document was created now
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
FpWorkspace *
fp_workspace_open_finish (GAsyncResult  *result,
                         gboolean      *created,
                         GError       **error)
{
  OpenData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (created != NULL)
    *created = data->created;

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
fp_workspace_get_path (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return fp_store_get_path (self->store);
}

const FpEstate *
fp_workspace_get_estate (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return self->estate;
}

const FpSummary *
fp_workspace_get_summary (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return self->summary;
}

/**
 * fp_workspace_get_sites:
 * @self: a document
 *
 * Returns: (transfer none): a list of #FpSiteItem, in the estate's order
 */
GListModel *
fp_workspace_get_sites (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return G_LIST_MODEL (self->sites);
}

/**
 * fp_workspace_get_n_site_sources:
 * @self: a document
 * @index: a site
 *
 * Returns: how many source rows were merged into the site
 */
guint
fp_workspace_get_n_site_sources (FpWorkspace *self,
                                 guint        index)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), 0);
  g_return_val_if_fail (index < self->estate->sites->len, 0);
  return self->n_sources[index];
}

/**
 * fp_workspace_get_site_void_cost:
 * @self: a document
 * @index: a site
 *
 * Returns: the site's void cost, GBP a year: the model's figure for Do nothing in the base
 *   year, the one `compute` and the data summary show (docs/model.md)
 */
double
fp_workspace_get_site_void_cost (FpWorkspace *self,
                                 guint        index)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NAN);
  g_return_val_if_fail (index < self->estate->sites->len, NAN);
  return fp_results_get (self->do_nothing, index, 0)->void_cost;
}

/**
 * fp_workspace_get_site_cost_provenance:
 * @self: a document
 * @index: a site
 *
 * Returns: where the site's running cost came from, over its known components
 */
FpProvKind
fp_workspace_get_site_cost_provenance (FpWorkspace *self,
                                       guint        index)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FP_PROV_NONE);
  g_return_val_if_fail (index < self->estate->sites->len, FP_PROV_NONE);
  return fp_site_cost_provenance (fp_estate_get_site (self->estate, index));
}

/**
 * fp_workspace_get_site_void_provenance:
 * @self: a document
 * @index: a site
 *
 * Returns: where the site's void cost came from: its void rooms and area, GIA and costs
 */
FpProvKind
fp_workspace_get_site_void_provenance (FpWorkspace *self,
                                       guint        index)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FP_PROV_NONE);
  g_return_val_if_fail (index < self->estate->sites->len, FP_PROV_NONE);
  return fp_site_void_provenance (fp_estate_get_site (self->estate, index));
}

FpStore *
fp_workspace_get_store (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return self->store;
}

const FpModel *
fp_workspace_get_model (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return self->model;
}

/**
 * fp_workspace_get_scenarios:
 * @self: a workspace
 *
 * Returns: (transfer none) (element-type FpScenario): the document's scenarios, by name,
 *   as last loaded
 */
GPtrArray *
fp_workspace_get_scenarios (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return self->scenarios;
}

/**
 * fp_workspace_reload_scenarios:
 * @self: a workspace
 * @error: return location for an error
 *
 * Reads the scenarios again after the store changed them.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_reload_scenarios (FpWorkspace *self,
                               GError     **error)
{
  GPtrArray *scenarios;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  scenarios = fp_store_load_scenarios (self->store, error);
  if (scenarios == NULL)
    return FALSE;

  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  self->scenarios = scenarios;
  return TRUE;
}

/**
 * fp_workspace_get_do_nothing:
 * @self: a workspace
 *
 * Returns: (transfer none): the results of the empty scenario, without overrides
 */
const FpResults *
fp_workspace_get_do_nothing (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return self->do_nothing;
}

/**
 * fp_workspace_compute:
 * @self: a workspace
 * @scenario: (nullable): a scenario's name; %NULL or “Do nothing” for the baseline
 * @error: return location for an error
 *
 * Computes a scenario against Do nothing (for revenue savings) and applies the category
 * overrides that hold for it. The results borrow the overrides from the workspace: free
 * them before the workspace.
 *
 * Returns: (transfer full) (nullable): the results
 */
FpResults *
fp_workspace_compute (FpWorkspace *self,
                      const char  *scenario,
                      GError     **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  GPtrArray *overrides;
  FpResults *results;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);

  changes = fp_scenario_effective_changes (self->scenarios, scenario, error);
  if (changes == NULL)
    return NULL;

  results = fp_compute_scenario (self->model, changes, self->do_nothing, error);
  if (results == NULL)
    {
      g_prefix_error (error, _("Scenario “%s”: "), scenario);
      return NULL;
    }

  overrides = fp_store_load_overrides (self->store, scenario, error);
  if (overrides == NULL)
    {
      fp_results_free (results);
      return NULL;
    }

  fp_results_apply_overrides (results, overrides);
  g_ptr_array_add (self->overrides, overrides);
  return results;
}
