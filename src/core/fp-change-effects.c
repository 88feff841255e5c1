/* fp-change-effects.c: each change's own effect on the figures a room watches.
 *
 * The changes are applied one at a time to one engine, as the appraisal's ledger applies
 * them (fp_option_appraisal_compute()), the results computed after each, and access
 * measured after each in the year asked. A change's effect is the difference from the
 * results before it: the effects add up to the scenario's figures against its parent (Do
 * nothing for a scenario built on nothing). Revenue savings are the appraisal's line
 * (fp_appraisal_result_lines()), so a change's saving here is its saving in the ledger.
 *
 * Measuring access after every change is most of the time (fp_access_compute, about 8 ms
 * each), so the window works through a job one change at a time between frames
 * (fp_change_effects_job_step()). It does not use a worker thread: the model is the
 * workspace's, and opening the document a second time in the same process is not safe
 * (closing any descriptor of the file drops the process's POSIX locks on it, SQLite's
 * own connections included).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-change-effects"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "fp-appraisal.h"
#include "fp-change-effects.h"
#include "fp-error.h"
#include "fp-key-figures.h"
#include "fp-scenario.h"

/* A distance that grows or shrinks by less than a metre has not changed (as in
 * fp_access_compare()). */
#define KM_TOLERANCE 1e-3

static gboolean
zone_further (double before,
              double after)
{
  return (!isnan (before) && isnan (after)) ||
         (!isnan (before) && !isnan (after) && after > before + KM_TOLERANCE);
}

static gboolean
zone_closer (double before,
             double after)
{
  return (isnan (before) && !isnan (after)) ||
         (!isnan (before) && !isnan (after) && after < before - KM_TOLERANCE);
}

/**
 * fp_access_count_moved:
 * @model: the model both were measured with
 * @before: access measured before a change
 * @after: access measured after it, in the same year
 * @people_further: (out): people in zones where the nearest site offering some service is
 *   further away, or gone
 * @people_closer: (out): people in zones where some service is closer and none further
 *
 * Counts the people whose access to the services changes, over every service (a change
 * that moves phlebotomy changes no one's distance to a GP).
 */
void
fp_access_count_moved (const FpModel  *model,
                       const FpAccess *before,
                       const FpAccess *after,
                       double         *people_further,
                       double         *people_closer)
{
  const FpEstate *estate = fp_model_get_estate (model);

  *people_further = 0;
  *people_closer = 0;

  for (guint z = 0; z < estate->zones->len && z < before->n_zones && z < after->n_zones; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
      gboolean further = FALSE, closer = FALSE;
      double people = 0;

      for (guint i = 0; i < before->sets->len; i++)
        {
          const FpAccessSet *a = g_ptr_array_index (before->sets, i);
          const FpAccessSet *b;

          if (a->kind != FP_FACILITY_SERVICE)
            continue;
          b = fp_access_find (after, a->kind, a->id);
          if (b == NULL)
            continue;
          further = further || zone_further (a->km[z], b->km[z]);
          closer = closer || zone_closer (a->km[z], b->km[z]);
        }

      for (guint band = 0; band < FP_N_AGE_BANDS; band++)
        people += zone->population[band];
      if (further)
        *people_further += people;
      else if (closer)
        *people_closer += people;
    }
}

static double
unplaced_room_hours (const FpModel   *model,
                     const FpResults *results,
                     guint            year)
{
  FpKeyFigures figures;

  fp_key_figures_compute (model, results, NULL, year, &figures);
  return figures.value[FP_KEY_UNPLACED_ROOM_HOURS];
}

static double
access_people (const FpAccess *access)
{
  const FpAccessSet *set = fp_access_find (access, FP_FACILITY_GROUP, FP_KEY_ACCESS_SET);

  return set != NULL && !isnan (set->share_within) ? set->share_within * set->population : 0;
}

struct _FpChangeEffectsJob
{
  const FpModel *model;
  guint          year;
  guint          n_years;
  FpEngine      *engine;
  FpResults     *do_nothing;
  FpResults     *prev;
  FpAccess      *prev_access;
  double        *prev_lines;
  double        *cur_lines;
  GPtrArray     *changes;     /* FpChange, copies */
  guint          next;
  GArray        *effects;     /* FpChangeEffect */
};

/**
 * fp_change_effects_job_free:
 * @job: (nullable) (transfer full): a job
 */
void
fp_change_effects_job_free (FpChangeEffectsJob *job)
{
  if (job == NULL)
    return;

  g_clear_pointer (&job->engine, fp_engine_free);
  g_clear_pointer (&job->do_nothing, fp_results_free);
  g_clear_pointer (&job->prev, fp_results_free);
  g_clear_pointer (&job->prev_access, fp_access_free);
  g_free (job->prev_lines);
  g_free (job->cur_lines);
  g_clear_pointer (&job->changes, g_ptr_array_unref);
  g_clear_pointer (&job->effects, g_array_unref);
  g_free (job);
}

/**
 * fp_change_effects_job_new:
 * @model: the baseline; it must outlive the job
 * @base: (element-type FpChange) (nullable): the changes the scenario builds on (its
 *   parent's effective changes)
 * @changes: (element-type FpChange): the scenario's own changes in effect, in order; they
 *   are copied
 * @year: the year index to measure in
 * @error: return location for an error
 *
 * Starts working out the effects one change at a time, so a window can do it in steps of
 * a few milliseconds between frames (fp_change_effects_job_step()). Applies @base and
 * measures the results before the first change.
 *
 * Returns: (transfer full) (nullable): the job, or %NULL when @base cannot apply
 */
FpChangeEffectsJob *
fp_change_effects_job_new (const FpModel *model,
                           GPtrArray     *base,
                           GPtrArray     *changes,
                           guint          year,
                           GError       **error)
{
  g_autoptr(FpChangeEffectsJob) job = NULL;
  gsize n_lines;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (changes != NULL, NULL);
  g_return_val_if_fail (year < fp_model_get_n_years (model), NULL);

  job = g_new0 (FpChangeEffectsJob, 1);
  job->model = model;
  job->year = year;
  job->n_years = fp_model_get_n_years (model);
  n_lines = (gsize) FP_N_FLOWS * job->n_years;
  job->prev_lines = g_new0 (double, n_lines);
  job->cur_lines = g_new0 (double, n_lines);
  job->effects = g_array_new (FALSE, TRUE, sizeof (FpChangeEffect));
  job->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (job->changes, fp_change_copy (g_ptr_array_index (changes, i)));

  job->do_nothing = fp_compute_scenario (model, NULL, NULL, error);
  if (job->do_nothing == NULL)
    return NULL;

  job->engine = fp_engine_new (model);
  for (guint i = 0; base != NULL && i < base->len; i++)
    if (!fp_engine_apply (job->engine, g_ptr_array_index (base, i), error))
      {
        g_prefix_error (error, _("The scenario it builds on: "));
        return NULL;
      }

  job->prev = fp_engine_compute (job->engine, job->do_nothing);
  job->prev_access = fp_access_compute (model, job->prev, year);
  fp_appraisal_result_lines (job->prev, job->do_nothing, job->prev_lines);
  return g_steal_pointer (&job);
}

/**
 * fp_change_effects_job_step:
 * @job: a job
 * @done: (out): whether every change has been measured
 * @error: return location for an error
 *
 * Applies the next change and measures its effect (an engine run and an access measure:
 * about 10 ms on the default estate).
 *
 * Returns: %FALSE with @error set when the change cannot apply (naming it)
 */
gboolean
fp_change_effects_job_step (FpChangeEffectsJob *job,
                            gboolean           *done,
                            GError            **error)
{
  g_autoptr(FpResults) cur = NULL;
  g_autoptr(FpAccess) cur_access = NULL;
  const FpYearTotals *a, *b;
  FpChangeEffect effect = { 0 };
  guint ny = job->n_years, year = job->year, k = job->next;

  *done = k >= job->changes->len;
  if (*done)
    return TRUE;

  if (!fp_engine_apply (job->engine, g_ptr_array_index (job->changes, k), error))
    {
      g_prefix_error (error, _("Change %u: "), k + 1);
      return FALSE;
    }

  cur = fp_engine_compute (job->engine, job->do_nothing);
  cur_access = fp_access_compute (job->model, cur, year);
  fp_appraisal_result_lines (cur, job->do_nothing, job->cur_lines);

  a = &job->prev->totals[year];
  b = &cur->totals[year];
  effect.index = k;
  effect.year = year;
  effect.running_cost = b->running_cost - a->running_cost;
  effect.void_cost = b->void_cost - a->void_cost;
  effect.revenue_saving = job->cur_lines[(gsize) FP_FLOW_REVENUE_SAVINGS * ny + year] -
                          job->prev_lines[(gsize) FP_FLOW_REVENUE_SAVINGS * ny + year];
  effect.capital_receipts = job->cur_lines[(gsize) FP_FLOW_CAPITAL_RECEIPTS * ny + year] -
                            job->prev_lines[(gsize) FP_FLOW_CAPITAL_RECEIPTS * ny + year];
  effect.sites_over_target = (double) b->sites_over_target - (double) a->sites_over_target;
  effect.unplaced_room_hours = unplaced_room_hours (job->model, cur, year) -
                               unplaced_room_hours (job->model, job->prev, year);
  fp_access_count_moved (job->model, job->prev_access, cur_access, &effect.people_further,
                         &effect.people_closer);
  effect.access_people = access_people (cur_access) - access_people (job->prev_access);
  g_array_append_val (job->effects, effect);

  g_clear_pointer (&job->prev, fp_results_free);
  g_clear_pointer (&job->prev_access, fp_access_free);
  job->prev = g_steal_pointer (&cur);
  job->prev_access = g_steal_pointer (&cur_access);
  memcpy (job->prev_lines, job->cur_lines, sizeof (double) * FP_N_FLOWS * ny);
  job->next++;
  *done = job->next >= job->changes->len;
  return TRUE;
}

/**
 * fp_change_effects_job_get_effects:
 * @job: a job
 *
 * Returns: (transfer none) (element-type FpChangeEffect): the effects measured so far, in
 *   order
 */
GArray *
fp_change_effects_job_get_effects (FpChangeEffectsJob *job)
{
  return job->effects;
}

/**
 * fp_change_effects_compute:
 * @model: the baseline
 * @base: (element-type FpChange) (nullable): the changes the scenario builds on (its
 *   parent's effective changes)
 * @changes: (element-type FpChange): the scenario's own changes in effect, in order
 * @year: the year index to measure in
 * @error: return location for an error
 *
 * Every step of a job at once.
 *
 * Returns: (transfer full) (element-type FpChangeEffect) (nullable): one effect for each
 *   of @changes, or %NULL with @error set when a change cannot apply (naming it)
 */
GArray *
fp_change_effects_compute (const FpModel  *model,
                           GPtrArray      *base,
                           GPtrArray      *changes,
                           guint           year,
                           GError        **error)
{
  g_autoptr(FpChangeEffectsJob) job = fp_change_effects_job_new (model, base, changes, year,
                                                                 error);
  gboolean done = FALSE;

  if (job == NULL)
    return NULL;
  while (!done)
    if (!fp_change_effects_job_step (job, &done, error))
      return NULL;

  return g_array_ref (job->effects);
}
