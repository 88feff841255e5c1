/* fp-workspace.c: one open document, and the one way an edit of it travels.
 *
 * Opening loads the estate once and keeps what the window binds to. Every edit (a
 * scenario created, duplicated, imported, renamed or deleted; a change added, replaced,
 * removed, moved, undone or redone; a category override; an assumption) goes:
 *
 *   edit_begin()   BEGIN IMMEDIATE, and read the scenarios (and, if another program
 *                  changed them, the assumptions) inside that transaction
 *   check          make the edit on that copy in memory, and apply the changes to the
 *                  engine: the edited scenario's, and those of every scenario built on it
 *   write          the store's functions, as savepoints of the same transaction
 *   edit_finish()  COMMIT, read the scenarios back, recompute the current scenario, and
 *                  emit "changed" once
 *
 * so two programs editing one document never lose each other's edits, never store two
 * changes that cannot both apply, and never leave a scenario that cannot be computed.
 * The rules of editing (the undo position, dropping the redo tail, refusing a change that
 * cannot apply, parents and children) live here and nowhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-workspace"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-error.h"
#include "fp-scenario.h"
#include "fp-site-item.h"
#include "fp-store-private.h"
#include "fp-validate.h"
#include "fp-json-private.h"
#include "fp-workspace.h"

struct _FpWorkspace
{
  GObject     parent_instance;

  FpStore    *store;
  FpEstate   *estate;
  FpModel    *model;
  FpSummary  *summary;
  GPtrArray  *scenarios;          /* FpScenario, as last read */
  FpResults  *do_nothing;
  GPtrArray  *overrides;          /* arrays of FpCategoryOverride the results handed out by
                                   * fp_workspace_compute() borrow */
  GListStore *sites;
  guint      *n_sources;          /* source rows behind each site, by site index */
  double      m2_per_room;

  guint       checkpoint_id;      /* an idle checkpoint after edits, if a main loop runs */

  char       *current;            /* the current scenario, NULL for Do nothing */
  FpResults  *results;            /* of the current scenario */
  GPtrArray  *results_overrides;  /* the overrides @results borrow */
};

G_DEFINE_FINAL_TYPE (FpWorkspace, fp_workspace, G_TYPE_OBJECT)

G_DEFINE_FLAGS_TYPE (FpWorkspaceChange, fp_workspace_change,
  G_DEFINE_ENUM_VALUE (FP_WORKSPACE_CHANGED_SCENARIOS, "scenarios"),
  G_DEFINE_ENUM_VALUE (FP_WORKSPACE_CHANGED_CHANGES, "changes"),
  G_DEFINE_ENUM_VALUE (FP_WORKSPACE_CHANGED_OVERRIDES, "overrides"),
  G_DEFINE_ENUM_VALUE (FP_WORKSPACE_CHANGED_ASSUMPTIONS, "assumptions"),
  G_DEFINE_ENUM_VALUE (FP_WORKSPACE_CHANGED_CURRENT, "current"),
  G_DEFINE_ENUM_VALUE (FP_WORKSPACE_CHANGED_APPRAISAL, "appraisal"),
  G_DEFINE_ENUM_VALUE (FP_WORKSPACE_CHANGED_ESTATE, "estate"),
  G_DEFINE_ENUM_VALUE (FP_WORKSPACE_CHANGED_STORIES, "stories"))

enum
{
  PROP_0,
  PROP_CURRENT_SCENARIO,
  N_PROPS
};

enum
{
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
fp_workspace_finalize (GObject *object)
{
  FpWorkspace *self = FP_WORKSPACE (object);

  g_clear_handle_id (&self->checkpoint_id, g_source_remove);
  g_clear_object (&self->sites);
  g_clear_pointer (&self->results, fp_results_free);
  g_clear_pointer (&self->results_overrides, g_ptr_array_unref);
  g_clear_pointer (&self->current, g_free);
  g_clear_pointer (&self->do_nothing, fp_results_free);
  g_clear_pointer (&self->overrides, g_ptr_array_unref);
  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  g_clear_pointer (&self->summary, fp_summary_free);
  /* The model borrows the estate: free it first. */
  g_clear_pointer (&self->model, fp_model_free);
  g_clear_pointer (&self->estate, fp_estate_free);
  /* Closing the store folds this program's work from the log into the file. */
  g_clear_object (&self->store);
  g_clear_pointer (&self->n_sources, g_free);

  G_OBJECT_CLASS (fp_workspace_parent_class)->finalize (object);
}

static void
fp_workspace_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FpWorkspace *self = FP_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_CURRENT_SCENARIO:
      g_value_set_string (value, self->current);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_workspace_class_init (FpWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_workspace_finalize;
  object_class->get_property = fp_workspace_get_property;

  /**
   * FpWorkspace:current-scenario:
   *
   * The scenario the window shows, %NULL for Do nothing. Set it with
   * fp_workspace_set_current_scenario().
   */
  properties[PROP_CURRENT_SCENARIO] =
    g_param_spec_string ("current-scenario", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpWorkspace::changed:
   * @self: the workspace
   * @what: an #FpWorkspaceChange: what changed
   * @scenario: (nullable): the scenario edited (after a rename, its new name), or %NULL
   *   when the edit concerns every scenario (an assumption, an override for all)
   *
   * Emitted once for every edit saved in the document, and when the current scenario
   * changes, after the scenarios were read back and the current results recomputed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, FP_TYPE_WORKSPACE_CHANGE, G_TYPE_STRING);
}

static void
fp_workspace_init (FpWorkspace *self)
{
  self->sites = g_list_store_new (FP_TYPE_SITE_ITEM);
  self->overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

/* ---- What the estate gives ------------------------------------------------------- */

/* Computes what follows from the estate's assumptions: the model, Do nothing, the data
 * summary. The estate itself stays (the window keeps pointers into it). */
static gboolean
derive_from_estate (FpWorkspace *self,
                    GError     **error)
{
  g_autoptr(FpModel) model = fp_model_new (self->estate, error);
  g_autoptr(FpResults) do_nothing = NULL;

  if (model == NULL)
    return FALSE;

  do_nothing = fp_compute_scenario (model, NULL, NULL, error);
  if (do_nothing == NULL)
    return FALSE;

  g_clear_pointer (&self->model, fp_model_free);
  self->model = g_steal_pointer (&model);
  g_clear_pointer (&self->do_nothing, fp_results_free);
  self->do_nothing = g_steal_pointer (&do_nothing);
  g_clear_pointer (&self->summary, fp_summary_free);
  self->summary = fp_summary_compute (self->estate);
  self->m2_per_room = fp_estate_get_assumption (self->estate, "m2_per_room", 25.0);
  return TRUE;
}

/* Recomputes the current scenario. A scenario that cannot be computed (one stored by an
 * older Footprint that did not check) leaves no results; the window says why when it asks
 * fp_workspace_compute(). */
static void
recompute_current (FpWorkspace *self)
{
  g_autoptr(GPtrArray) changes = NULL;
  GPtrArray *overrides;
  FpResults *results;

  g_clear_pointer (&self->results, fp_results_free);
  g_clear_pointer (&self->results_overrides, g_ptr_array_unref);

  changes = fp_scenario_effective_changes (self->scenarios, self->current, NULL);
  if (changes == NULL)
    return;

  results = fp_compute_scenario (self->model, changes, self->do_nothing, NULL);
  overrides = fp_store_load_overrides (self->store, self->current, NULL);
  if (results == NULL || overrides == NULL)
    {
      g_clear_pointer (&results, fp_results_free);
      g_clear_pointer (&overrides, g_ptr_array_unref);
      return;
    }

  fp_results_apply_overrides (results, overrides);
  self->results = results;
  self->results_overrides = overrides;
}

/* ---- Opening ---------------------------------------------------------------------- */

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
 * Loads everything the workspace holds from @store, which it keeps a reference to. The
 * current scenario is Do nothing.
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

  if (!derive_from_estate (self, error))
    return NULL;

  self->scenarios = fp_store_load_scenarios (self->store, error);
  if (self->scenarios == NULL)
    return NULL;

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

  recompute_current (self);
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
 * Reads the scenarios again, to see what another program saved, recomputes the current
 * scenario and emits "changed". (Every edit through the workspace does this itself.)
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_reload_scenarios (FpWorkspace *self,
                               GError     **error)
{
  GPtrArray *scenarios;
  FpWorkspaceChange what = FP_WORKSPACE_CHANGED_SCENARIOS | FP_WORKSPACE_CHANGED_CHANGES;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  scenarios = fp_store_load_scenarios (self->store, error);
  if (scenarios == NULL)
    return FALSE;

  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  self->scenarios = scenarios;
  if (self->current != NULL && fp_scenario_find (self->scenarios, self->current) == NULL)
    {
      g_clear_pointer (&self->current, g_free);
      what |= FP_WORKSPACE_CHANGED_CURRENT;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SCENARIO]);
    }

  recompute_current (self);
  g_signal_emit (self, signals[CHANGED], 0, what, NULL);
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

/**
 * fp_workspace_is_read_only:
 * @self: a workspace
 *
 * Returns: whether the document could only be opened read-only; every edit then fails
 *   with FP_ERROR_READ_ONLY, and fp_workspace_save_copy() still works
 */
gboolean
fp_workspace_is_read_only (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), TRUE);
  return fp_store_is_read_only (self->store);
}

/**
 * fp_workspace_save_copy:
 * @self: a workspace
 * @destination: where the copy goes
 * @replace: whether to replace a file already there (the window asked)
 * @error: return location for an error
 *
 * "Save a copy": a whole, consistent copy of the document as saved now, made with
 * SQLite's backup API and put in place with one rename (fp_store_save_copy()).
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_save_copy (FpWorkspace *self,
                        const char  *destination,
                        gboolean     replace,
                        GError     **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  return fp_store_save_copy (self->store, destination, replace, error);
}

/**
 * fp_workspace_find_scenario:
 * @self: a workspace
 * @name: (nullable): a scenario's name (in any case)
 *
 * Returns: (transfer none) (nullable): the scenario as last read, or %NULL (also for Do
 *   nothing, which has no changes)
 */
const FpScenario *
fp_workspace_find_scenario (FpWorkspace *self,
                            const char  *name)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return fp_scenario_find (self->scenarios, name);
}

/* ---- The current scenario --------------------------------------------------------- */

const char *
fp_workspace_get_current_scenario (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return self->current;
}

/**
 * fp_workspace_set_current_scenario:
 * @self: a workspace
 * @name: (nullable): a scenario, or %NULL or “Do nothing”
 * @error: return location for an error
 *
 * Makes @name the scenario the window shows, computes it, and announces it ("changed"
 * with %FP_WORKSPACE_CHANGED_CURRENT, and notify::current-scenario).
 *
 * Returns: %TRUE on success; FP_ERROR_NOT_FOUND for a scenario the document lacks
 */
gboolean
fp_workspace_set_current_scenario (FpWorkspace *self,
                                   const char  *name,
                                   GError     **error)
{
  const FpScenario *s = NULL;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  if (!fp_scenario_is_do_nothing (name))
    {
      s = fp_scenario_find (self->scenarios, name);
      if (s == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no scenario “%s”"),
                       name);
          return FALSE;
        }
    }

  g_free (self->current);
  self->current = s != NULL ? g_strdup (s->name) : NULL;
  recompute_current (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SCENARIO]);
  g_signal_emit (self, signals[CHANGED], 0, FP_WORKSPACE_CHANGED_CURRENT, self->current);
  return TRUE;
}

/**
 * fp_workspace_get_results:
 * @self: a workspace
 *
 * Returns: (transfer none) (nullable): the current scenario's results, with its category
 *   overrides, as of the last "changed"; %NULL if it cannot be computed
 */
const FpResults *
fp_workspace_get_results (FpWorkspace *self)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);
  return self->results;
}

/* ---- The way every edit travels ----------------------------------------------------- */

typedef struct
{
  GPtrArray *scenarios;  /* as the document holds them, read inside the transaction; the
                          * edit is made on this copy first, to check it */
  FpEstate  *estate;     /* set when another program changed the assumptions */
  FpModel   *model;      /* of @estate */
} Edit;

static void
edit_clear (Edit *edit)
{
  g_clear_pointer (&edit->scenarios, g_ptr_array_unref);
  g_clear_pointer (&edit->model, fp_model_free);
  g_clear_pointer (&edit->estate, fp_estate_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Edit, edit_clear)

static const FpModel *
edit_model (FpWorkspace *self,
            Edit        *edit)
{
  return edit->model != NULL ? edit->model : self->model;
}

static gboolean
same_assumptions (const FpEstate *estate,
                  GHashTable     *values)
{
  if (g_hash_table_size (values) != estate->assumptions->len)
    return FALSE;

  for (guint i = 0; i < estate->assumptions->len; i++)
    {
      const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);
      const double *value = g_hash_table_lookup (values, a->key);

      if (value == NULL || *value != a->value)
        return FALSE;
    }

  return TRUE;
}

/* Reads the estate again inside the transaction, and its model, for an edit to be
 * checked against. */
static gboolean
edit_load_estate (FpWorkspace *self,
                  Edit        *edit,
                  GError     **error)
{
  g_clear_pointer (&edit->model, fp_model_free);
  g_clear_pointer (&edit->estate, fp_estate_free);

  edit->estate = fp_store_load_estate (self->store, error);
  if (edit->estate == NULL)
    return FALSE;

  edit->model = fp_model_new (edit->estate, error);
  return edit->model != NULL;
}

/* Opens the write transaction and reads, inside it, everything the edit will be checked
 * against: another program may have edited the document since this one last read it. */
static gboolean
edit_begin (FpWorkspace *self,
            Edit        *edit,
            GError     **error)
{
  g_autoptr(GHashTable) values = NULL;

  if (!fp_store_begin (self->store, error))
    return FALSE;

  edit->scenarios = fp_store_load_scenarios (self->store, error);
  values = edit->scenarios != NULL ? fp_store_load_assumption_values (self->store, error)
                                   : NULL;
  if (values == NULL ||
      (!same_assumptions (self->estate, values) && !edit_load_estate (self, edit, error)))
    {
      fp_store_rollback (self->store);
      edit_clear (edit);
      return FALSE;
    }

  return TRUE;
}

/* A refused edit: nothing was written. */
static gboolean
edit_refuse (FpWorkspace *self,
             Edit        *edit)
{
  fp_store_rollback (self->store);
  edit_clear (edit);
  return FALSE;
}

/* Takes the assumptions of an estate read during an edit into the workspace's estate
 * (whose sites and everything else are the same), and what follows from them. */
static gboolean
adopt_assumptions (FpWorkspace *self,
                   FpEstate    *estate,
                   GError     **error)
{
  GArray *assumptions = self->estate->assumptions;

  self->estate->assumptions = estate->assumptions;
  estate->assumptions = assumptions;
  fp_estate_reindex (self->estate);
  fp_estate_reindex (estate);

  return derive_from_estate (self, error);
}

static gboolean
checkpoint_cb (gpointer user_data)
{
  FpWorkspace *self = user_data;

  self->checkpoint_id = 0;
  fp_store_checkpoint (self->store, NULL);
  return G_SOURCE_REMOVE;
}

/* Once the program is idle (in the window: after the edit is drawn), folds the work from
 * the log into the document file, so that even a plain file copy taken while the document
 * stays open holds it. Without a main loop (footprint-cli), closing the document does it. */
static void
schedule_checkpoint (FpWorkspace *self)
{
  GSource *source;

  if (self->checkpoint_id != 0)
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, checkpoint_cb, self, NULL);
  g_source_set_static_name (source, "[footprint] checkpoint");
  self->checkpoint_id = g_source_attach (source, g_main_context_get_thread_default ());
  g_source_unref (source);
}

/* Commits the edit, reads the scenarios back, recomputes the current scenario and
 * announces the edit once. */
static gboolean
edit_finish (FpWorkspace       *self,
             Edit              *edit,
             FpWorkspaceChange  what,
             const char        *scenario,
             GError           **error)
{
  g_autofree char *name = g_strdup (scenario);
  GPtrArray *scenarios;

  if (!fp_store_commit (self->store, error))
    {
      edit_clear (edit);
      return FALSE;
    }

  if (edit->estate != NULL)
    {
      if (!adopt_assumptions (self, edit->estate, error))
        {
          edit_clear (edit);
          return FALSE;
        }
      what |= FP_WORKSPACE_CHANGED_ASSUMPTIONS;
    }
  edit_clear (edit);

  schedule_checkpoint (self);

  scenarios = fp_store_load_scenarios (self->store, error);
  if (scenarios == NULL)
    {
      g_prefix_error (error, _("The change was saved, but could not be read back: "));
      return FALSE;
    }
  g_clear_pointer (&self->scenarios, g_ptr_array_unref);
  self->scenarios = scenarios;

  if (self->current != NULL && fp_scenario_find (self->scenarios, self->current) == NULL)
    {
      g_clear_pointer (&self->current, g_free);
      what |= FP_WORKSPACE_CHANGED_CURRENT;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SCENARIO]);
    }

  recompute_current (self);
  g_signal_emit (self, signals[CHANGED], 0, what, name);
  return TRUE;
}

static gboolean
refuse_do_nothing (const char *scenario,
                   GError    **error)
{
  if (!fp_scenario_is_do_nothing (scenario))
    return FALSE;

  g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
               _("“%s” is the empty scenario and has no changes; create a scenario to make "
                 "changes in"), FP_DO_NOTHING);
  return TRUE;
}

/* The scenario an edit is about, in the edit's copy, or NULL with @error set. */
static FpScenario *
edit_find (Edit       *edit,
           const char *name,
           GError    **error)
{
  FpScenario *s = fp_scenario_find (edit->scenarios, name);

  if (s == NULL)
    g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no scenario “%s”"), name);
  return s;
}

static gboolean
exists_other (Edit       *edit,
              const char *name,
              const char *except,
              GError    **error)
{
  FpScenario *s = fp_scenario_find (edit->scenarios, name);

  if (s == NULL || (except != NULL && g_ascii_strcasecmp (s->name, except) == 0))
    return FALSE;

  g_set_error (error, FP_ERROR, FP_ERROR_EXISTS, _("A scenario called “%s” exists already"),
               s->name);
  return TRUE;
}

/* The names of the scenarios built on @name (and, if @with_self, @name) whose changes
 * apply now. An edit of @name must leave each of them applying; one already broken (stored
 * by an older Footprint that did not check) does not hold up an edit that might mend it.
 * An edit that checks @name itself another way (an added or redone change, checked after
 * the others; an undo, which leaves a prefix that applied) leaves it out: each check is a
 * run of the engine. */
static GPtrArray *
healthy_family (const FpModel *model,
                GPtrArray     *scenarios,
                const char    *name,
                gboolean       with_self)
{
  g_autoptr(GPtrArray) descendants = fp_scenario_descendants (scenarios, name);
  GPtrArray *healthy = g_ptr_array_new_with_free_func (g_free);

  if (with_self && fp_scenario_check (model, scenarios, name, NULL))
    g_ptr_array_add (healthy, g_strdup (name));

  for (guint i = 0; i < descendants->len; i++)
    {
      FpScenario *s = g_ptr_array_index (descendants, i);

      if (fp_scenario_check (model, scenarios, s->name, NULL))
        g_ptr_array_add (healthy, g_strdup (s->name));
    }

  return healthy;
}

/* After the edit (made on @scenarios), every scenario of @healthy still applies; else
 * the refusal names the scenario and its change that would not, and (for a scenario built
 * on the edited one) says to change that one first. */
static gboolean
check_family (const FpModel *model,
              GPtrArray     *scenarios,
              const char    *edited,
              GPtrArray     *healthy,
              GError       **error)
{
  for (guint i = 0; i < healthy->len; i++)
    {
      const char *name = g_ptr_array_index (healthy, i);
      g_autoptr(GError) local_error = NULL;

      if (fp_scenario_check (model, scenarios, name, &local_error))
        continue;

      if (g_ascii_strcasecmp (name, edited) == 0)
        g_set_error_literal (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED, local_error->message);
      else
        g_set_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED,
                     /* Translators: the first %s says which change would no longer apply
                      * and why; then the scenario built on the edited one, and that one */
                     _("%s. “%s” builds on “%s”; change it first."),
                     local_error->message, name, edited);
      return FALSE;
    }

  return TRUE;
}

/* Whether @change applies after @base (the changes in effect before it); the refusal is
 * the engine's, naming the change and why. */
static gboolean
check_append (const FpModel  *model,
              GPtrArray      *base,
              const FpChange *change,
              const char     *scenario,
              GError        **error)
{
  g_autoptr(FpEngine) engine = fp_engine_new (model);
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < base->len; i++)
    if (!fp_engine_apply (engine, g_ptr_array_index (base, i), &local_error))
      {
        g_set_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED,
                     _("The changes already in “%s” no longer apply (%s); mend them first"),
                     scenario, local_error->message);
        return FALSE;
      }

  if (!fp_engine_apply (engine, change, &local_error))
    {
      g_set_error_literal (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* The scenario's changes and undo position, as text to compare. */
static char *
describe_for_comparison (const FpScenario *s)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%u/%u", s->applied, s->changes->len);
  for (guint i = 0; i < s->changes->len; i++)
    {
      g_autoptr(JsonNode) node = fp_change_to_json (g_ptr_array_index (s->changes, i), TRUE);
      g_autofree char *json = json_to_string (node, FALSE);

      g_string_append_printf (text, "\n%s", json);
    }

  return g_string_free (text, FALSE);
}

/* Reads the edited scenario back inside the transaction and checks it is exactly what was
 * checked against the engine: what is committed is what was checked, whatever a store
 * function might get wrong. */
static gboolean
verify_written (FpWorkspace *self,
                Edit        *edit,
                const char  *name,
                GError     **error)
{
  g_autoptr(GPtrArray) written = fp_store_load_scenarios (self->store, error);
  FpScenario *checked = fp_scenario_find (edit->scenarios, name);
  FpScenario *stored;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (written == NULL)
    return FALSE;

  stored = fp_scenario_find (written, name);
  a = checked != NULL ? describe_for_comparison (checked) : NULL;
  b = stored != NULL ? describe_for_comparison (stored) : NULL;
  if (a == NULL || b == NULL || !g_str_equal (a, b))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_STORE,
                   _("The change to “%s” was not saved: what would have been written differs "
                     "from what was checked. This is a fault in Footprint; please report it."),
                   name);
      return FALSE;
    }

  return TRUE;
}

/* ---- Scenarios --------------------------------------------------------------------- */

/**
 * fp_workspace_create_scenario:
 * @self: a workspace
 * @name: its name; trimmed, and checked with fp_scenario_normalize_name()
 * @description: (nullable): what it is for
 * @parent: (nullable): the scenario it builds on; %NULL or “Do nothing” for none
 * @error: return location for an error
 *
 * Returns: (transfer none) (nullable): the new scenario, or %NULL with @error set
 *   (FP_ERROR_EXISTS for a name in use, in any case)
 */
const FpScenario *
fp_workspace_create_scenario (FpWorkspace *self,
                              const char  *name,
                              const char  *description,
                              const char  *parent,
                              GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(FpScenario) s = NULL;
  g_auto(Edit) edit = { 0 };

  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);

  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  clean = fp_scenario_normalize_name (name, error);
  if (clean == NULL)
    return NULL;
  text = fp_scenario_clean_description (description, &local_error);
  if (local_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("The scenario was not created: "));
      return NULL;
    }
  if (!edit_begin (self, &edit, error))
    return NULL;

  s = fp_scenario_new (clean);
  s->description = g_steal_pointer (&text);
  if (!fp_scenario_is_do_nothing (parent))
    {
      FpScenario *p = fp_scenario_find (edit.scenarios, parent);

      if (p == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                       _("There is no scenario “%s” to build on"), parent);
          edit_refuse (self, &edit);
          return NULL;
        }
      s->parent = g_strdup (p->name);
    }

  if (exists_other (&edit, clean, NULL, error) ||
      !fp_store_insert_scenario (self->store, s, FALSE, error))
    {
      edit_refuse (self, &edit);
      return NULL;
    }

  if (!edit_finish (self, &edit, FP_WORKSPACE_CHANGED_SCENARIOS, clean, error))
    return NULL;

  return fp_scenario_find (self->scenarios, clean);
}

/* Copies the overrides that hold only in @from to @to. */
static gboolean
copy_overrides (FpStore    *store,
                const char *from,
                const char *to,
                GError    **error)
{
  g_autoptr(GPtrArray) overrides = fp_store_load_overrides (store, from, error);

  if (overrides == NULL)
    return FALSE;

  for (guint i = 0; i < overrides->len; i++)
    {
      const FpCategoryOverride *o = g_ptr_array_index (overrides, i);
      g_autoptr(FpCategoryOverride) copy = NULL;

      if (o->scenario == NULL)
        continue;  /* one for every scenario holds in the copy already */

      copy = fp_category_override_new (o->site_id, to, o->category, o->reason, o->author);
      if (!fp_store_set_override (store, copy, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * fp_workspace_duplicate_scenario:
 * @self: a workspace
 * @name: the scenario to copy
 * @new_name: the copy's name
 * @error: return location for an error
 *
 * The copy has the same parent, description, changes (in effect and undone, so redo works
 * in it too), undo position, and category overrides.
 *
 * Returns: (transfer none) (nullable): the copy, or %NULL with @error set
 */
const FpScenario *
fp_workspace_duplicate_scenario (FpWorkspace *self,
                                 const char  *name,
                                 const char  *new_name,
                                 GError     **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(FpScenario) copy = NULL;
  g_auto(Edit) edit = { 0 };
  FpScenario *s;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);

  if (refuse_do_nothing (name, error))
    return NULL;
  clean = fp_scenario_normalize_name (new_name, error);
  if (clean == NULL || !edit_begin (self, &edit, error))
    return NULL;

  s = edit_find (&edit, name, error);
  if (s == NULL || exists_other (&edit, clean, NULL, error))
    {
      edit_refuse (self, &edit);
      return NULL;
    }

  copy = fp_scenario_copy (s);
  g_free (copy->name);
  copy->name = g_strdup (clean);
  g_clear_pointer (&copy->created_at, g_free);

  if (!fp_store_insert_scenario (self->store, copy, FALSE, error) ||
      !copy_overrides (self->store, s->name, clean, error))
    {
      edit_refuse (self, &edit);
      return NULL;
    }

  if (!edit_finish (self, &edit, FP_WORKSPACE_CHANGED_SCENARIOS, clean, error))
    return NULL;

  return fp_scenario_find (self->scenarios, clean);
}

/**
 * fp_workspace_import_scenario:
 * @self: a workspace
 * @scenario: a scenario read from a file (fp_scenario_from_json()), all its changes in
 *   effect
 * @replace: whether it replaces a scenario of the same name
 * @error: return location for an error
 *
 * Checks every change against the estate, after its parent's, and saves the whole
 * scenario, or nothing. A scenario others build on is not replaced.
 *
 * Returns: (transfer none) (nullable): the scenario as saved, or %NULL with @error set
 *   (FP_ERROR_CHANGE_REFUSED naming the change that cannot apply; FP_ERROR_EXISTS)
 */
const FpScenario *
fp_workspace_import_scenario (FpWorkspace      *self,
                              const FpScenario *scenario,
                              gboolean          replace,
                              GError          **error)
{
  g_autofree char *clean = NULL;
  g_autoptr(FpScenario) copy = NULL;
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) in_effect = g_ptr_array_new ();
  g_auto(Edit) edit = { 0 };
  FpScenario *existing;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);

  clean = fp_scenario_normalize_name (scenario->name, error);
  if (clean == NULL || !edit_begin (self, &edit, error))
    return NULL;

  copy = fp_scenario_copy (scenario);
  g_free (copy->name);
  copy->name = g_strdup (clean);

  if (copy->parent != NULL)
    {
      FpScenario *p = fp_scenario_find (edit.scenarios, copy->parent);

      if (p == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                       _("The parent scenario “%s” does not exist"), copy->parent);
          return edit_refuse (self, &edit), NULL;
        }
      if (g_ascii_strcasecmp (p->name, clean) == 0)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("A scenario cannot be its own parent"));
          return edit_refuse (self, &edit), NULL;
        }
      g_free (copy->parent);
      copy->parent = g_strdup (p->name);
    }

  existing = fp_scenario_find (edit.scenarios, clean);
  if (existing != NULL && !replace)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_EXISTS, _("A scenario called “%s” exists already"),
                   existing->name);
      return edit_refuse (self, &edit), NULL;
    }
  if (existing != NULL)
    {
      g_autoptr(GPtrArray) children = fp_scenario_descendants (edit.scenarios, existing->name);

      if (children->len > 0)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("“%s” cannot be replaced: “%s” builds on it. Import it under another "
                         "name, or delete that scenario first."), existing->name,
                       ((FpScenario *) g_ptr_array_index (children, 0))->name);
          return edit_refuse (self, &edit), NULL;
        }
    }

  base = fp_scenario_effective_changes (edit.scenarios, copy->parent, error);
  for (guint i = 0; i < copy->applied && i < copy->changes->len; i++)
    g_ptr_array_add (in_effect, g_ptr_array_index (copy->changes, i));
  if (base == NULL)
    return edit_refuse (self, &edit), NULL;
  if (!fp_scenario_check_changes (edit_model (self, &edit), base, in_effect, error))
    {
      if (error != NULL && *error != NULL)
        (*error)->code = FP_ERROR_CHANGE_REFUSED;
      return edit_refuse (self, &edit), NULL;
    }

  if (!fp_store_insert_scenario (self->store, copy, replace, error))
    return edit_refuse (self, &edit), NULL;

  if (!edit_finish (self, &edit, FP_WORKSPACE_CHANGED_SCENARIOS | FP_WORKSPACE_CHANGED_CHANGES,
                    clean, error))
    return NULL;

  return fp_scenario_find (self->scenarios, clean);
}

/**
 * fp_workspace_rename_scenario:
 * @self: a workspace
 * @name: the scenario
 * @new_name: its new name
 * @error: return location for an error
 *
 * The scenarios built on it, and its category overrides, follow it. "changed" names the
 * scenario by its new name.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_rename_scenario (FpWorkspace *self,
                              const char  *name,
                              const char  *new_name,
                              GError     **error)
{
  g_autofree char *clean = NULL;
  g_auto(Edit) edit = { 0 };
  FpScenario *s;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  if (refuse_do_nothing (name, error))
    return FALSE;
  clean = fp_scenario_normalize_name (new_name, error);
  if (clean == NULL || !edit_begin (self, &edit, error))
    return FALSE;

  s = edit_find (&edit, name, error);
  if (s == NULL || exists_other (&edit, clean, s->name, error) ||
      !fp_store_rename_scenario (self->store, s->name, clean, error))
    return edit_refuse (self, &edit);

  if (self->current != NULL && g_ascii_strcasecmp (self->current, s->name) == 0)
    {
      g_free (self->current);
      self->current = g_strdup (clean);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SCENARIO]);
    }

  return edit_finish (self, &edit, FP_WORKSPACE_CHANGED_SCENARIOS, clean, error);
}

/**
 * fp_workspace_delete_scenario:
 * @self: a workspace
 * @name: the scenario
 * @error: return location for an error
 *
 * Deletes a scenario, its changes and its own category overrides. A scenario others build
 * on is kept (the refusal names one of them). When it was the current scenario, Do
 * nothing becomes current.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_delete_scenario (FpWorkspace *self,
                              const char  *name,
                              GError     **error)
{
  g_autofree char *deleted = NULL;
  g_auto(Edit) edit = { 0 };
  FpScenario *s;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  if (refuse_do_nothing (name, error) || !edit_begin (self, &edit, error))
    return FALSE;

  s = edit_find (&edit, name, error);
  if (s == NULL || !fp_store_delete_scenario (self->store, s->name, error))
    return edit_refuse (self, &edit);

  deleted = g_strdup (s->name);
  return edit_finish (self, &edit, FP_WORKSPACE_CHANGED_SCENARIOS, deleted, error);
}

/* ---- Changes ------------------------------------------------------------------------ */

/**
 * fp_workspace_add_change:
 * @self: a workspace
 * @scenario: the scenario
 * @change: the change; it is copied
 * @position: (out) (optional): where it was (or would have been) added, from 0
 * @dropped: (out) (optional): how many undone changes after it were dropped
 * @error: return location for an error
 *
 * Adds a change after the scenario's changes in effect, dropping the undone ones (as a new
 * edit after an undo drops the redo list). It must apply after them, on the document as it
 * is inside the transaction, and leave every scenario built on this one applying.
 *
 * Returns: %TRUE on success; %FALSE with FP_ERROR_CHANGE_REFUSED whose message says why
 *   (the caller says what was refused: “change 9 of “X” was not added: ...”)
 */
gboolean
fp_workspace_add_change (FpWorkspace    *self,
                         const char     *scenario,
                         const FpChange *change,
                         guint          *position,
                         guint          *dropped,
                         GError        **error)
{
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) healthy = NULL;
  g_autofree char *name = NULL;
  g_auto(Edit) edit = { 0 };
  FpScenario *s;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (refuse_do_nothing (scenario, error) || !edit_begin (self, &edit, error))
    return FALSE;

  s = edit_find (&edit, scenario, error);
  if (s == NULL)
    return edit_refuse (self, &edit);

  /* Adding drops the undone changes, so the scenario will hold applied + 1; checked here,
   * inside the transaction, so two programs adding at once cannot pass the cap together. */
  if (s->applied >= FP_SCENARIO_MAX_CHANGES)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s” has %u changes, the most a scenario holds"), s->name, s->applied);
      return edit_refuse (self, &edit);
    }

  name = g_strdup (s->name);
  if (position != NULL)
    *position = s->applied;
  if (dropped != NULL)
    *dropped = s->changes->len - s->applied;

  base = fp_scenario_effective_changes (edit.scenarios, s->name, error);
  if (base == NULL || !check_append (edit_model (self, &edit), base, change, s->name, error))
    return edit_refuse (self, &edit);

  healthy = healthy_family (edit_model (self, &edit), edit.scenarios, s->name, FALSE);
  g_clear_pointer (&base, g_ptr_array_unref);  /* it borrows the changes dropped next */
  g_ptr_array_set_size (s->changes, s->applied);
  g_ptr_array_add (s->changes, fp_change_copy (change));
  s->applied++;

  if (!check_family (edit_model (self, &edit), edit.scenarios, name, healthy, error) ||
      !fp_store_add_change (self->store, name, change, error) ||
      !verify_written (self, &edit, name, error))
    return edit_refuse (self, &edit);

  return edit_finish (self, &edit, FP_WORKSPACE_CHANGED_CHANGES, name, error);
}

/**
 * fp_workspace_add_change_json:
 * @self: a workspace
 * @scenario: the scenario
 * @json: one change in the format of docs/scenarios.md (as the window's `win.add-change`
 *   action receives it)
 * @position: (out) (optional): where it was added, from 0
 * @error: return location for an error
 *
 * Reads the change, refusing a bad field by name, then fp_workspace_add_change().
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_add_change_json (FpWorkspace *self,
                              const char  *scenario,
                              const char  *json,
                              guint       *position,
                              GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(FpChange) change = NULL;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  /* The window's win.add-change takes this from anyone on the session bus: read it as
   * strictly as a scenario file (nesting, keys twice, hidden characters, size). */
  root = fp_json_parse (json, -1, _("The change"), FP_SCENARIO_FILE_MAX_BYTES, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The change must be one JSON object"));
      return FALSE;
    }

  change = fp_change_from_json (json_node_get_object (root), _("The change"), error);
  if (change == NULL)
    return FALSE;

  return fp_workspace_add_change (self, scenario, change, position, NULL, error);
}

static gboolean
check_index (const FpScenario *s,
             guint             index,
             GError          **error)
{
  if (index < s->changes->len)
    return TRUE;

  g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
               g_dngettext (GETTEXT_PACKAGE, "“%s” has %u change; there is no change %u",
                            "“%s” has %u changes; there is no change %u", s->changes->len),
               s->name, s->changes->len, index + 1);
  return FALSE;
}

/**
 * fp_workspace_replace_change:
 * @self: a workspace
 * @scenario: the scenario
 * @index: the change, from 0
 * @change: what it becomes; it is copied
 * @error: return location for an error
 *
 * Edits a change. When it is in effect, it and the changes after it must still apply, and
 * every scenario built on this one too; an undone change is checked when it is redone.
 *
 * Returns: %TRUE on success; FP_ERROR_CHANGE_REFUSED with why
 */
gboolean
fp_workspace_replace_change (FpWorkspace    *self,
                             const char     *scenario,
                             guint           index,
                             const FpChange *change,
                             GError        **error)
{
  g_autoptr(GPtrArray) healthy = NULL;
  g_autofree char *name = NULL;
  g_auto(Edit) edit = { 0 };
  FpScenario *s;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (refuse_do_nothing (scenario, error) || !edit_begin (self, &edit, error))
    return FALSE;

  s = edit_find (&edit, scenario, error);
  if (s == NULL || !check_index (s, index, error))
    return edit_refuse (self, &edit);

  name = g_strdup (s->name);
  healthy = healthy_family (edit_model (self, &edit), edit.scenarios, name, TRUE);
  fp_change_free (g_ptr_array_index (s->changes, index));
  g_ptr_array_index (s->changes, index) = fp_change_copy (change);

  if (!check_family (edit_model (self, &edit), edit.scenarios, name, healthy, error) ||
      !fp_store_replace_change (self->store, name, index, change, error) ||
      !verify_written (self, &edit, name, error))
    return edit_refuse (self, &edit);

  return edit_finish (self, &edit, FP_WORKSPACE_CHANGED_CHANGES, name, error);
}

/**
 * fp_workspace_remove_change:
 * @self: a workspace
 * @scenario: the scenario
 * @index: the change, from 0
 * @error: return location for an error
 *
 * Removes a change (in effect or undone); the later ones move up. Refused when a later
 * change, or a scenario built on this one, needs it (an exit it builds on, a site it
 * opens).
 *
 * Returns: %TRUE on success; FP_ERROR_CHANGE_REFUSED with why
 */
gboolean
fp_workspace_remove_change (FpWorkspace *self,
                            const char  *scenario,
                            guint        index,
                            GError     **error)
{
  g_autoptr(GPtrArray) healthy = NULL;
  g_autofree char *name = NULL;
  g_auto(Edit) edit = { 0 };
  FpScenario *s;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  if (refuse_do_nothing (scenario, error) || !edit_begin (self, &edit, error))
    return FALSE;

  s = edit_find (&edit, scenario, error);
  if (s == NULL || !check_index (s, index, error))
    return edit_refuse (self, &edit);

  name = g_strdup (s->name);
  healthy = healthy_family (edit_model (self, &edit), edit.scenarios, name, TRUE);
  g_ptr_array_remove_index (s->changes, index);
  if (index < s->applied)
    s->applied--;

  if (!check_family (edit_model (self, &edit), edit.scenarios, name, healthy, error) ||
      !fp_store_remove_change (self->store, name, index, error) ||
      !verify_written (self, &edit, name, error))
    return edit_refuse (self, &edit);

  return edit_finish (self, &edit, FP_WORKSPACE_CHANGED_CHANGES, name, error);
}

/**
 * fp_workspace_move_change:
 * @self: a workspace
 * @scenario: the scenario
 * @from: the change, from 0
 * @to: the place it takes, from 0; the changes between move by one
 * @error: return location for an error
 *
 * Reorders the changes in effect, or the undone ones; a move across the undo position
 * is refused (undo or redo first). The changes must still apply in their new order.
 *
 * Returns: %TRUE on success; FP_ERROR_CHANGE_REFUSED with why
 */
gboolean
fp_workspace_move_change (FpWorkspace *self,
                          const char  *scenario,
                          guint        from,
                          guint        to,
                          GError     **error)
{
  g_autoptr(GPtrArray) healthy = NULL;
  g_autofree char *name = NULL;
  g_auto(Edit) edit = { 0 };
  FpScenario *s;
  FpChange *moved;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  if (refuse_do_nothing (scenario, error) || !edit_begin (self, &edit, error))
    return FALSE;

  s = edit_find (&edit, scenario, error);
  if (s == NULL || !check_index (s, from, error) || !check_index (s, to, error))
    return edit_refuse (self, &edit);

  if ((from < s->applied) != (to < s->applied))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("Change %u of “%s” cannot move to place %u: a change moves only among "
                     "the changes in effect, or only among the undone ones. Undo or redo "
                     "first."), from + 1, s->name, to + 1);
      return edit_refuse (self, &edit);
    }

  name = g_strdup (s->name);
  healthy = healthy_family (edit_model (self, &edit), edit.scenarios, name, TRUE);
  moved = g_ptr_array_steal_index (s->changes, from);
  g_ptr_array_insert (s->changes, (gint) to, moved);

  if (!check_family (edit_model (self, &edit), edit.scenarios, name, healthy, error) ||
      !fp_store_move_change (self->store, name, from, to, error) ||
      !verify_written (self, &edit, name, error))
    return edit_refuse (self, &edit);

  return edit_finish (self, &edit, FP_WORKSPACE_CHANGED_CHANGES, name, error);
}

/* Undo and redo: move the undo position one back or forward. */
static gboolean
step (FpWorkspace *self,
      const char  *scenario,
      gboolean     redo,
      guint       *position,
      GError     **error)
{
  g_autoptr(GPtrArray) healthy = NULL;
  g_autofree char *name = NULL;
  g_auto(Edit) edit = { 0 };
  FpScenario *s;

  if (refuse_do_nothing (scenario, error) || !edit_begin (self, &edit, error))
    return FALSE;

  s = edit_find (&edit, scenario, error);
  if (s == NULL)
    return edit_refuse (self, &edit);

  if (!redo && s->applied == 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT, _("“%s” has no change to undo"),
                   s->name);
      return edit_refuse (self, &edit);
    }
  if (redo && s->applied >= s->changes->len)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s” has no undone change to redo"), s->name);
      return edit_refuse (self, &edit);
    }

  name = g_strdup (s->name);
  if (position != NULL)
    *position = redo ? s->applied : s->applied - 1;

  if (redo)
    {
      g_autoptr(GPtrArray) base = fp_scenario_effective_changes (edit.scenarios, name, error);

      if (base == NULL ||
          !check_append (edit_model (self, &edit), base, g_ptr_array_index (s->changes,
                                                                            s->applied),
                         name, error))
        return edit_refuse (self, &edit);
    }

  healthy = healthy_family (edit_model (self, &edit), edit.scenarios, name, FALSE);
  s->applied = redo ? s->applied + 1 : s->applied - 1;

  if (!check_family (edit_model (self, &edit), edit.scenarios, name, healthy, error) ||
      !fp_store_set_applied (self->store, name, s->applied, error) ||
      !verify_written (self, &edit, name, error))
    return edit_refuse (self, &edit);

  return edit_finish (self, &edit, FP_WORKSPACE_CHANGED_CHANGES, name, error);
}

/**
 * fp_workspace_undo:
 * @self: a workspace
 * @scenario: the scenario
 * @position: (out) (optional): the change undone, from 0
 * @error: return location for an error
 *
 * The scenario's last change in effect stops applying (it stays, for redo). Refused when
 * a scenario built on this one needs it: the refusal names that scenario and its change.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_undo (FpWorkspace *self,
                   const char  *scenario,
                   guint       *position,
                   GError     **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  return step (self, scenario, FALSE, position, error);
}

/**
 * fp_workspace_redo:
 * @self: a workspace
 * @scenario: the scenario
 * @position: (out) (optional): the change redone, from 0
 * @error: return location for an error
 *
 * The scenario's first undone change applies again, if it still can.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_redo (FpWorkspace *self,
                   const char  *scenario,
                   guint       *position,
                   GError     **error)
{
  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  return step (self, scenario, TRUE, position, error);
}

/**
 * fp_workspace_get_undo_change:
 * @self: a workspace
 * @scenario: (nullable): a scenario
 *
 * Returns: (transfer none) (nullable): the change undo would undo (for a tooltip), or
 *   %NULL
 */
const FpChange *
fp_workspace_get_undo_change (FpWorkspace *self,
                              const char  *scenario)
{
  const FpScenario *s;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);

  s = fp_scenario_find (self->scenarios, scenario);
  return s != NULL && s->applied > 0 ? g_ptr_array_index (s->changes, s->applied - 1) : NULL;
}

/**
 * fp_workspace_get_redo_change:
 * @self: a workspace
 * @scenario: (nullable): a scenario
 *
 * Returns: (transfer none) (nullable): the change redo would redo, or %NULL
 */
const FpChange *
fp_workspace_get_redo_change (FpWorkspace *self,
                              const char  *scenario)
{
  const FpScenario *s;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), NULL);

  s = fp_scenario_find (self->scenarios, scenario);
  return s != NULL && s->applied < s->changes->len ? g_ptr_array_index (s->changes, s->applied)
                                                   : NULL;
}

/* ---- Category overrides and assumptions -------------------------------------------- */

/* Whether @id is a site of the estate, or one the scenario's changes open. */
static gboolean
site_known (const FpEstate *estate,
            GPtrArray      *scenarios,
            const char     *id,
            const char     *scenario)
{
  g_autoptr(GPtrArray) changes = NULL;

  if (fp_estate_find_site (estate, id, NULL))
    return TRUE;

  if (scenario == NULL)
    {
      /* An override for every scenario may name a site any scenario opens. */
      for (guint s = 0; s < scenarios->len; s++)
        {
          const FpScenario *each = g_ptr_array_index (scenarios, s);

          if (site_known (estate, scenarios, id, each->name))
            return TRUE;
        }
      return FALSE;
    }

  changes = fp_scenario_effective_changes (scenarios, scenario, NULL);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const FpChange *c = g_ptr_array_index (changes, i);

      if (c->kind == FP_CHANGE_OPEN_SITE && g_strcmp0 (c->new_id, id) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * fp_workspace_set_override:
 * @self: a workspace
 * @override: the site, its category (not %FP_CATEGORY_NONE), a reason that is not blank,
 *   who decided, and the scenario it holds in (%NULL or “Do nothing”: every scenario)
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_set_override (FpWorkspace              *self,
                           const FpCategoryOverride *override,
                           GError                  **error)
{
  g_autoptr(FpCategoryOverride) o = NULL;
  g_autofree char *reason = NULL;
  g_auto(Edit) edit = { 0 };

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (override != NULL, FALSE);

  if (override->category == FP_CATEGORY_NONE || override->category >= FP_N_CATEGORIES)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("An override sets the category to core, near core, marginal or "
                     "redundant"));
      return FALSE;
    }
  reason = g_strstrip (g_strdup (override->reason != NULL ? override->reason : ""));
  if (*reason == '\0')
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT, _("An override needs a reason"));
      return FALSE;
    }

  if (!edit_begin (self, &edit, error))
    return FALSE;

  o = fp_category_override_new (override->site_id,
                                fp_scenario_is_do_nothing (override->scenario)
                                  ? NULL : override->scenario,
                                override->category, reason, override->author);
  if (o->scenario != NULL)
    {
      FpScenario *s = edit_find (&edit, o->scenario, error);

      if (s == NULL)
        return edit_refuse (self, &edit);
      g_free (o->scenario);
      o->scenario = g_strdup (s->name);
    }

  if (!site_known (self->estate, edit.scenarios, o->site_id, o->scenario))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no site “%s”"), o->site_id);
      return edit_refuse (self, &edit);
    }

  if (!fp_store_set_override (self->store, o, error))
    return edit_refuse (self, &edit);

  return edit_finish (self, &edit, FP_WORKSPACE_CHANGED_OVERRIDES, o->scenario, error);
}

/**
 * fp_workspace_clear_override:
 * @self: a workspace
 * @site_id: the site
 * @scenario: (nullable): the scenario whose override goes; %NULL or “Do nothing” for the
 *   override of every scenario
 * @error: return location for an error
 *
 * Returns: %TRUE if an override was removed; FP_ERROR_NOT_FOUND if there was none
 */
gboolean
fp_workspace_clear_override (FpWorkspace *self,
                             const char  *site_id,
                             const char  *scenario,
                             GError     **error)
{
  g_autofree char *name = NULL;
  g_auto(Edit) edit = { 0 };

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  if (!edit_begin (self, &edit, error))
    return FALSE;

  if (!fp_scenario_is_do_nothing (scenario))
    {
      FpScenario *s = edit_find (&edit, scenario, error);

      if (s == NULL)
        return edit_refuse (self, &edit);
      name = g_strdup (s->name);
    }

  if (!fp_store_clear_override (self->store, site_id, name, error))
    return edit_refuse (self, &edit);

  return edit_finish (self, &edit, FP_WORKSPACE_CHANGED_OVERRIDES, name, error);
}

/**
 * fp_workspace_set_assumption:
 * @self: a workspace
 * @key: an assumption the model reads
 * @value: its value, in its sensible range (fp_assumption_check())
 * @author: who made the assumption, recorded in its provenance
 * @error: return location for an error
 *
 * Sets an assumption and recomputes everything that follows from it. Refused when a
 * scenario's changes would no longer apply with it (a shorter horizon leaving a change's
 * year outside it): the refusal names the scenario and the change.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_set_assumption (FpWorkspace *self,
                             const char  *key,
                             double       value,
                             const char  *author,
                             GError     **error)
{
  g_autoptr(GPtrArray) healthy = g_ptr_array_new_with_free_func (g_free);
  g_auto(Edit) edit = { 0 };

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!fp_assumption_check (key, value, error) || !edit_begin (self, &edit, error))
    return FALSE;

  for (guint i = 0; i < edit.scenarios->len; i++)
    {
      FpScenario *s = g_ptr_array_index (edit.scenarios, i);

      if (fp_scenario_check (edit_model (self, &edit), edit.scenarios, s->name, NULL))
        g_ptr_array_add (healthy, g_strdup (s->name));
    }

  if (!fp_store_set_assumption (self->store, key, value, NULL, author, error) ||
      !edit_load_estate (self, &edit, error))
    return edit_refuse (self, &edit);

  for (guint i = 0; i < healthy->len; i++)
    {
      const char *name = g_ptr_array_index (healthy, i);
      g_autoptr(GError) local_error = NULL;

      if (!fp_scenario_check (edit.model, edit.scenarios, name, &local_error))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED,
                       /* Translators: "“horizon_years” was not set to 3: Change 2 of ..." */
                       _("“%s” was not set to %g: %s"), key, value, local_error->message);
          return edit_refuse (self, &edit);
        }
    }

  return edit_finish (self, &edit, FP_WORKSPACE_CHANGED_ASSUMPTIONS, NULL, error);
}

/* ---- Reading the whole document again -------------------------------------------------- */

/**
 * fp_workspace_reload:
 * @self: a workspace
 * @error: return location for an error
 *
 * Reads the estate, its model and the scenarios again and recomputes the current scenario,
 * after something wrote sites to the document (an import applied, undone or redone, here or
 * in another program), then emits "changed" with %FP_WORKSPACE_CHANGED_ESTATE. Everything
 * is read before anything is replaced, so a failure leaves the workspace as it was. The
 * estate is a new one: whoever kept pointers into the old one must get them again.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_workspace_reload (FpWorkspace  *self,
                     GError      **error)
{
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) do_nothing = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;

  g_return_val_if_fail (FP_IS_WORKSPACE (self), FALSE);

  estate = fp_store_load_estate (self->store, error);
  if (estate == NULL)
    return FALSE;
  model = fp_model_new (estate, error);
  if (model == NULL)
    return FALSE;
  do_nothing = fp_compute_scenario (model, NULL, NULL, error);
  if (do_nothing == NULL)
    return FALSE;
  scenarios = fp_store_load_scenarios (self->store, error);
  if (scenarios == NULL)
    return FALSE;

  fp_workspace_take_estate (self, g_steal_pointer (&estate), g_steal_pointer (&model),
                            g_steal_pointer (&do_nothing), NULL, g_steal_pointer (&scenarios));
  return TRUE;
}

/**
 * fp_workspace_take_estate:
 * @self: a workspace
 * @estate: (transfer full): the estate the document now holds
 * @model: (transfer full): its model (it borrows @estate)
 * @do_nothing: (transfer full): Do nothing computed on @model
 * @summary: (transfer full) (nullable): the summary of @estate, or %NULL to compute it here
 * @scenarios: (transfer full): the document's scenarios
 *
 * The second half of fp_workspace_reload(), for what was read elsewhere: a worker thread
 * that wrote an import on a connection of its own reads it there too
 * (fp_workspace_apply_import_async()), so the main thread only puts it in place, recomputes
 * the current scenario and emits "changed".
 */
void
fp_workspace_take_estate (FpWorkspace *self,
                          FpEstate    *estate,
                          FpModel     *model,
                          FpResults   *do_nothing,
                          FpSummary   *summary,
                          GPtrArray   *scenarios)
{
  g_autoptr(GPtrArray) items = NULL;
  FpWorkspaceChange what = FP_WORKSPACE_CHANGED_ESTATE | FP_WORKSPACE_CHANGED_ASSUMPTIONS |
                           FP_WORKSPACE_CHANGED_SCENARIOS | FP_WORKSPACE_CHANGED_CHANGES;

  /* What the old estate's holders (a window's session, its views) still point into: freed
   * only after "changed" has been emitted and they have let go of it. Freeing it first let
   * the window read the old results after they were freed (ASan, in the smoke test). */
  FpModel *old_model;
  FpEstate *old_estate;
  FpResults *old_do_nothing, *old_results;
  GPtrArray *old_overrides, *old_scenarios;
  FpSummary *old_summary;

  g_return_if_fail (FP_IS_WORKSPACE (self));

  old_model = g_steal_pointer (&self->model);
  old_estate = g_steal_pointer (&self->estate);
  old_do_nothing = g_steal_pointer (&self->do_nothing);
  old_results = g_steal_pointer (&self->results);
  old_overrides = g_steal_pointer (&self->results_overrides);
  old_summary = g_steal_pointer (&self->summary);
  old_scenarios = g_steal_pointer (&self->scenarios);

  self->estate = estate;
  self->model = model;
  self->do_nothing = do_nothing;
  self->summary = summary != NULL ? summary : fp_summary_compute (self->estate);
  self->m2_per_room = fp_estate_get_assumption (self->estate, "m2_per_room", 25.0);
  self->scenarios = scenarios;

  g_free (self->n_sources);
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
  g_list_store_splice (self->sites, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sites)),
                       items->pdata, items->len);

  if (self->current != NULL && fp_scenario_find (self->scenarios, self->current) == NULL)
    {
      g_clear_pointer (&self->current, g_free);
      what |= FP_WORKSPACE_CHANGED_CURRENT;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_SCENARIO]);
    }

  recompute_current (self);
  g_signal_emit (self, signals[CHANGED], 0, what, NULL);

  /* The model borrows the estate: free it first. */
  g_clear_pointer (&old_results, fp_results_free);
  g_clear_pointer (&old_overrides, g_ptr_array_unref);
  g_clear_pointer (&old_do_nothing, fp_results_free);
  g_clear_pointer (&old_summary, fp_summary_free);
  g_clear_pointer (&old_scenarios, g_ptr_array_unref);
  g_clear_pointer (&old_model, fp_model_free);
  g_clear_pointer (&old_estate, fp_estate_free);
}
