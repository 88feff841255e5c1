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
 * each), so the window runs fp_change_effects_compute_for_document() in a worker thread,
 * on a connection and a model of its own.
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
#include "fp-store.h"

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

/**
 * fp_change_effects_compute:
 * @model: the baseline
 * @base: (element-type FpChange) (nullable): the changes the scenario builds on (its
 *   parent's effective changes)
 * @changes: (element-type FpChange): the scenario's own changes in effect, in order
 * @year: the year index to measure in
 * @error: return location for an error
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
  g_autoptr(FpEngine) engine = fp_engine_new (model);
  g_autoptr(FpResults) do_nothing = NULL;
  g_autoptr(FpResults) prev = NULL;
  g_autoptr(FpAccess) prev_access = NULL;
  g_autoptr(GArray) effects = g_array_new (FALSE, TRUE, sizeof (FpChangeEffect));
  guint ny = fp_model_get_n_years (model);
  gsize n_lines = (gsize) FP_N_FLOWS * ny;
  g_autofree double *prev_lines = g_new0 (double, n_lines);
  g_autofree double *cur_lines = g_new0 (double, n_lines);

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (changes != NULL, NULL);
  g_return_val_if_fail (year < ny, NULL);

  do_nothing = fp_compute_scenario (model, NULL, NULL, error);
  if (do_nothing == NULL)
    return NULL;

  for (guint i = 0; base != NULL && i < base->len; i++)
    if (!fp_engine_apply (engine, g_ptr_array_index (base, i), error))
      {
        g_prefix_error (error, _("The scenario it builds on: "));
        return NULL;
      }

  prev = fp_engine_compute (engine, do_nothing);
  prev_access = fp_access_compute (model, prev, year);
  fp_appraisal_result_lines (prev, do_nothing, prev_lines);

  for (guint k = 0; k < changes->len; k++)
    {
      g_autoptr(FpResults) cur = NULL;
      g_autoptr(FpAccess) cur_access = NULL;
      const FpYearTotals *a, *b;
      FpChangeEffect effect = { 0 };

      if (!fp_engine_apply (engine, g_ptr_array_index (changes, k), error))
        {
          g_prefix_error (error, _("Change %u: "), k + 1);
          return NULL;
        }

      cur = fp_engine_compute (engine, do_nothing);
      cur_access = fp_access_compute (model, cur, year);
      fp_appraisal_result_lines (cur, do_nothing, cur_lines);

      a = &prev->totals[year];
      b = &cur->totals[year];
      effect.index = k;
      effect.year = year;
      effect.running_cost = b->running_cost - a->running_cost;
      effect.void_cost = b->void_cost - a->void_cost;
      effect.revenue_saving = cur_lines[(gsize) FP_FLOW_REVENUE_SAVINGS * ny + year] -
                              prev_lines[(gsize) FP_FLOW_REVENUE_SAVINGS * ny + year];
      effect.capital_receipts = cur_lines[(gsize) FP_FLOW_CAPITAL_RECEIPTS * ny + year] -
                                prev_lines[(gsize) FP_FLOW_CAPITAL_RECEIPTS * ny + year];
      effect.sites_over_target = (double) b->sites_over_target - (double) a->sites_over_target;
      effect.unplaced_room_hours = unplaced_room_hours (model, cur, year) -
                                   unplaced_room_hours (model, prev, year);
      fp_access_count_moved (model, prev_access, cur_access, &effect.people_further,
                             &effect.people_closer);
      effect.access_people = access_people (cur_access) - access_people (prev_access);
      g_array_append_val (effects, effect);

      g_clear_pointer (&prev, fp_results_free);
      g_clear_pointer (&prev_access, fp_access_free);
      prev = g_steal_pointer (&cur);
      prev_access = g_steal_pointer (&cur_access);
      memcpy (prev_lines, cur_lines, sizeof (double) * n_lines);
    }

  return g_steal_pointer (&effects);
}

/**
 * fp_change_effects_compute_for_document:
 * @path: a document
 * @scenario: one of its scenarios
 * @year: the year index to measure in
 * @error: return location for an error
 *
 * Opens the document on a connection of its own, reads its estate and scenarios and
 * computes the effects of the scenario's own changes in effect
 * (fp_change_effects_compute()). Shares nothing with a workspace open on the same
 * document, so it may run in another thread while the workspace is edited.
 *
 * Returns: (transfer full) (element-type FpChangeEffect) (nullable): the effects
 */
GArray *
fp_change_effects_compute_for_document (const char  *path,
                                        const char  *scenario,
                                        guint        year,
                                        GError     **error)
{
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpModel) model = NULL;
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  FpScenario *s;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (scenario != NULL, NULL);

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

  s = fp_scenario_find (scenarios, scenario);
  if (s == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no scenario “%s”"),
                   scenario);
      return NULL;
    }
  if (year >= fp_model_get_n_years (model))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("Year %u is outside the document’s horizon"), year);
      return NULL;
    }

  base = fp_scenario_effective_changes (scenarios, s->parent, error);
  if (base == NULL)
    return NULL;
  for (guint i = 0; i < s->applied && i < s->changes->len; i++)
    g_ptr_array_add (own, g_ptr_array_index (s->changes, i));

  return fp_change_effects_compute (model, base, own, year, error);
}
