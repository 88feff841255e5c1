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

struct _FpComparisonJob
{
  const FpModel *model;
  FpComparison  *comparison;
  GPtrArray     *changes;         /* GPtrArray of FpChange copies, one per option */
  FpResults     *do_nothing;
  FpKeyFigures   base;
  guint          next;            /* 0: Do nothing; then option next − 1 */
};

/**
 * fp_comparison_job_free:
 * @job: (nullable) (transfer full): a job
 */
void
fp_comparison_job_free (FpComparisonJob *job)
{
  if (job == NULL)
    return;
  g_clear_pointer (&job->comparison, fp_comparison_free);
  g_clear_pointer (&job->changes, g_ptr_array_unref);
  g_clear_pointer (&job->do_nothing, fp_results_free);
  g_free (job);
}

/**
 * fp_comparison_job_new:
 * @model: the baseline; it must outlive the job
 * @scenarios: (element-type FpScenario): the document's scenarios (their changes are
 *   copied)
 * @names: 2 to 4 options (fp_comparison_check_names())
 * @year: the year index of the key figures and the utilisation bands
 * @error: return location for an error
 *
 * Starts a comparison to work out a step at a time (fp_comparison_job_step(): Do nothing,
 * then each option, about 10 ms each on the default estate), so a window can do it
 * between frames.
 *
 * Returns: (transfer full) (nullable): the job
 */
FpComparisonJob *
fp_comparison_job_new (const FpModel      *model,
                       GPtrArray          *scenarios,
                       const char * const *names,
                       guint               year,
                       GError            **error)
{
  g_autoptr(FpComparisonJob) job = NULL;
  FpComparison *self;
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

  job = g_new0 (FpComparisonJob, 1);
  job->model = model;
  job->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  job->comparison = self = g_new0 (FpComparison, 1);
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

  for (guint i = 0; names[i] != NULL; i++)
    {
      FpComparisonOption *o = g_new0 (FpComparisonOption, 1);
      gboolean do_nothing = fp_scenario_is_do_nothing (names[i]);
      g_autoptr(GPtrArray) effective = NULL;
      GPtrArray *copies = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);

      g_ptr_array_add (self->options, o);
      g_ptr_array_add (job->changes, copies);
      o->name = g_strdup (do_nothing ? FP_DO_NOTHING
                                     : fp_scenario_find (scenarios, names[i])->name);
      effective = fp_scenario_effective_changes (scenarios, do_nothing ? NULL : o->name, error);
      if (effective == NULL)
        return NULL;
      for (guint c = 0; c < effective->len; c++)
        g_ptr_array_add (copies, fp_change_copy (g_ptr_array_index (effective, c)));
    }

  return g_steal_pointer (&job);
}

/**
 * fp_comparison_job_step:
 * @job: a job
 * @done: (out): whether every option has been worked out
 * @error: return location for an error
 *
 * Returns: %FALSE with @error set when an option cannot be computed (naming it)
 */
gboolean
fp_comparison_job_step (FpComparisonJob *job,
                        gboolean        *done,
                        GError         **error)
{
  FpComparison *self = job->comparison;
  const FpModel *model = job->model;
  guint year = self->year;
  FpComparisonOption *o;
  g_autoptr(FpAccess) access = NULL;

  *done = self == NULL || job->next > self->options->len;
  if (*done)
    return TRUE;

  if (job->next == 0)
    {
      g_autoptr(FpAccess) do_nothing_access = NULL;

      job->do_nothing = fp_compute_scenario (model, NULL, NULL, error);
      if (job->do_nothing == NULL)
        return FALSE;
      do_nothing_access = fp_access_compute (model, job->do_nothing, year);
      fp_key_figures_compute (model, job->do_nothing, do_nothing_access, year, &job->base);
      job->next++;
      return TRUE;
    }

  o = g_ptr_array_index (self->options, job->next - 1);
  o->results = fp_compute_scenario (model, g_ptr_array_index (job->changes, job->next - 1),
                                    job->do_nothing, error);
  if (o->results == NULL)
    {
      g_prefix_error (error, _("Scenario “%s”: "), o->name);
      return FALSE;
    }

  access = fp_access_compute (model, o->results, year);
  fp_key_figures_compute (model, o->results, access, year, &o->figures);
  fp_key_figures_compare (&o->figures, &job->base);

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

  job->next++;
  *done = job->next > self->options->len;
  return TRUE;
}

/**
 * fp_comparison_job_steal:
 * @job: a job that is done
 *
 * Returns: (transfer full): the comparison
 */
FpComparison *
fp_comparison_job_steal (FpComparisonJob *job)
{
  return g_steal_pointer (&job->comparison);
}

/**
 * fp_comparison_compute:
 * @model: the baseline
 * @scenarios: (element-type FpScenario): the document's scenarios
 * @names: 2 to 4 options (fp_comparison_check_names())
 * @year: the year index of the key figures and the utilisation bands
 * @error: return location for an error
 *
 * Every step of a job at once.
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
  g_autoptr(FpComparisonJob) job = fp_comparison_job_new (model, scenarios, names, year, error);
  gboolean done = FALSE;

  if (job == NULL)
    return NULL;
  while (!done)
    if (!fp_comparison_job_step (job, &done, error))
      return NULL;
  return fp_comparison_job_steal (job);
}
