/* fp-comparison.c: the figures of several options, ready to draw side by side.
 *
 * Every figure is read from the engine's results and the access measures, as the key
 * figure strip reads them (fp_key_figures_compute), so the compare view and the strip agree
 * for the same option and year.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-comparison"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "fp-access.h"
#include "fp-comparison.h"
#include "fp-error.h"
#include "fp-scenario.h"
#include "fp-store.h"

static void
option_free (FpComparisonOption *option)
{
  g_free (option->name);
  g_clear_pointer (&option->results, fp_results_free);
  g_free (option->running_cost);
  g_free (option->void_cost);
  g_free (option->revenue_saving);
  g_free (option);
}

/**
 * fp_comparison_free:
 * @comparison: (nullable) (transfer full): a comparison
 */
void
fp_comparison_free (FpComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_pointer (&comparison->options, g_ptr_array_unref);
  g_free (comparison);
}

/**
 * fp_comparison_check_names:
 * @scenarios: (element-type FpScenario): the document's scenarios
 * @names: the options asked for
 * @error: return location for an error
 *
 * Returns: whether @names are 2 to 4 different options the document has (“Do nothing”
 *   included); if not, @error says which name is wrong
 */
gboolean
fp_comparison_check_names (GPtrArray          *scenarios,
                           const char * const *names,
                           GError            **error)
{
  guint n = names != NULL ? g_strv_length ((char **) names) : 0;

  if (n < FP_COMPARISON_MIN_OPTIONS || n > FP_COMPARISON_MAX_OPTIONS)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("Compare two to four options, not %u"), n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      if (!fp_scenario_is_do_nothing (names[i]) && fp_scenario_find (scenarios, names[i]) == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                       _("There is no scenario “%s” to compare"), names[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_ascii_strcasecmp (names[i], names[j]) == 0)
          {
            g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                         _("“%s” is asked for twice; compare different options"), names[i]);
            return FALSE;
          }
    }

  return TRUE;
}

/**
 * fp_comparison_band:
 * @comparison: a comparison
 * @utilisation: a site's room utilisation (a fraction)
 *
 * Returns: its band, from 0, or -1 when undefined (NAN)
 */
int
fp_comparison_band (const FpComparison *comparison,
                    double              utilisation)
{
  if (isnan (utilisation))
    return -1;
  for (guint b = 0; b < FP_COMPARISON_N_BANDS - 1; b++)
    if (utilisation < comparison->band_edges[b])
      return (int) b;
  return FP_COMPARISON_N_BANDS - 1;
}

/**
 * fp_comparison_compute:
 * @model: the baseline
 * @scenarios: (element-type FpScenario): the document's scenarios
 * @names: 2 to 4 options (fp_comparison_check_names())
 * @year: the year index of the key figures and the utilisation bands
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the comparison (results without category
 *   overrides: nothing here depends on categories)
 */
FpComparison *
fp_comparison_compute (const FpModel      *model,
                       GPtrArray          *scenarios,
                       const char * const *names,
                       guint               year,
                       GError            **error)
{
  g_autoptr(FpComparison) self = NULL;
  g_autoptr(FpResults) do_nothing = NULL;
  g_autoptr(FpAccess) do_nothing_access = NULL;
  FpKeyFigures base;
  double target;

  g_return_val_if_fail (model != NULL, NULL);

  if (!fp_comparison_check_names (scenarios, names, error))
    return NULL;
  if (year >= fp_model_get_n_years (model))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("Year %u is outside the document’s horizon"), year);
      return NULL;
    }

  self = g_new0 (FpComparison, 1);
  self->base_year = fp_model_get_base_year (model);
  self->n_years = fp_model_get_n_years (model);
  self->year = year;
  self->options = g_ptr_array_new_with_free_func ((GDestroyNotify) option_free);
  target = fp_model_get_assumption (model, "target_room_utilisation");
  if (!(target > 0.7 && target < 1.0))
    target = 0.85;
  self->band_edges[0] = 0.25;
  self->band_edges[1] = 0.50;
  self->band_edges[2] = 0.70;
  self->band_edges[3] = target;
  self->band_edges[4] = 1.0;

  do_nothing = fp_compute_scenario (model, NULL, NULL, error);
  if (do_nothing == NULL)
    return NULL;
  do_nothing_access = fp_access_compute (model, do_nothing, year);
  fp_key_figures_compute (model, do_nothing, do_nothing_access, year, &base);

  for (guint i = 0; names[i] != NULL; i++)
    {
      FpComparisonOption *o = g_new0 (FpComparisonOption, 1);
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(FpAccess) access = NULL;

      g_ptr_array_add (self->options, o);
      if (fp_scenario_is_do_nothing (names[i]))
        o->name = g_strdup (FP_DO_NOTHING);
      else
        o->name = g_strdup (fp_scenario_find (scenarios, names[i])->name);

      changes = fp_scenario_effective_changes (scenarios,
                                               fp_scenario_is_do_nothing (names[i]) ? NULL
                                                                                    : o->name,
                                               error);
      if (changes == NULL)
        return NULL;
      o->results = fp_compute_scenario (model, changes, do_nothing, error);
      if (o->results == NULL)
        {
          g_prefix_error (error, _("Scenario “%s”: "), o->name);
          return NULL;
        }

      access = fp_access_compute (model, o->results, year);
      fp_key_figures_compute (model, o->results, access, year, &o->figures);
      fp_key_figures_compare (&o->figures, &base);

      o->running_cost = g_new0 (double, self->n_years);
      o->void_cost = g_new0 (double, self->n_years);
      o->revenue_saving = g_new0 (double, self->n_years);
      for (guint y = 0; y < self->n_years; y++)
        {
          o->running_cost[y] = o->results->totals[y].running_cost;
          o->void_cost[y] = o->results->totals[y].void_cost;
          o->revenue_saving[y] = o->results->totals[y].revenue_saving_vs_do_nothing;
        }

      for (guint s = 0; s < o->results->n_sites; s++)
        {
          const FpSiteYear *sy = fp_results_get (o->results, s, year);
          int band;

          if (!sy->held || !sy->active || !(sy->capacity_room_hours > 0))
            continue;
          band = fp_comparison_band (self, sy->utilisation_site);
          if (band >= 0)
            o->sites_by_band[band]++;
        }
    }

  return g_steal_pointer (&self);
}

/**
 * fp_comparison_compute_for_document:
 * @path: a document
 * @names: 2 to 4 of its options
 * @year: the year index
 * @error: return location for an error
 *
 * fp_comparison_compute() on a connection and a model of its own, so it may run in a
 * worker thread while a workspace edits the same document.
 *
 * Returns: (transfer full) (nullable): the comparison
 */
FpComparison *
fp_comparison_compute_for_document (const char         *path,
                                    const char * const *names,
                                    guint               year,
                                    GError            **error)
{
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpModel) model = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;

  store = fp_store_open (path, error);
  if (store == NULL)
    return NULL;
  estate = fp_store_load_estate (store, error);
  if (estate == NULL)
    return NULL;
  model = fp_model_new (estate, error);
  if (model == NULL)
    return NULL;
  scenarios = fp_store_load_scenarios (store, error);
  if (scenarios == NULL)
    return NULL;

  return fp_comparison_compute (model, scenarios, names, year, error);
}
