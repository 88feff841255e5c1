/* fp-key-figures.c: the figures a room watches while a scenario is built.
 *
 * Everything here is read from the engine's results and the access measures; nothing is
 * re-derived. Unplaced activity is summed in the units a building provides (room-hours for
 * the four room types, bed-days, desk-days), since the services' own units (appointments,
 * attendances, tests) cannot be added together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-key-figures"

#include "config.h"

#include <math.h>

#include "fp-key-figures.h"

static const char * const figure_names[FP_N_KEY_FIGURES] = {
  "running_cost",
  "void_cost",
  "revenue_saving",
  "capital_receipts",
  "sites_over_target",
  "unplaced_room_hours",
  "unplaced_bed_days",
  "unplaced_desk_days",
  "access_people",
  "access_share",
  "access_people_deprived",
  "access_share_deprived",
};

/**
 * fp_key_figures_compute:
 * @model: the model the results were computed with
 * @results: a scenario's results
 * @access: (nullable): access measured on @results in @year (fp_access_compute)
 * @year: a year index
 * @figures: (out caller-allocates): the figures; @figures->change is set to NAN
 *
 * Fills the key figures of @results in @year.
 */
void
fp_key_figures_compute (const FpModel   *model,
                        const FpResults *results,
                        const FpAccess  *access,
                        guint            year,
                        FpKeyFigures    *figures)
{
  const FpEstate *estate;
  const FpYearTotals *totals;
  const FpAccessSet *set = NULL;

  g_return_if_fail (model != NULL);
  g_return_if_fail (results != NULL);
  g_return_if_fail (figures != NULL);
  g_return_if_fail (year < results->n_years);

  estate = fp_model_get_estate (model);
  totals = &results->totals[year];

  figures->year = year;
  for (guint f = 0; f < FP_N_KEY_FIGURES; f++)
    {
      figures->value[f] = NAN;
      figures->change[f] = NAN;
    }

  figures->value[FP_KEY_RUNNING_COST] = totals->running_cost;
  figures->value[FP_KEY_VOID_COST] = totals->void_cost;
  /* Do nothing saves nothing against itself; the engine leaves the field at 0 then. */
  figures->value[FP_KEY_REVENUE_SAVING] = totals->revenue_saving_vs_do_nothing;
  figures->value[FP_KEY_CAPITAL_RECEIPTS] = totals->capital_receipts_to_date;
  figures->value[FP_KEY_SITES_OVER_TARGET] = totals->sites_over_target;

  figures->value[FP_KEY_UNPLACED_ROOM_HOURS] = 0;
  figures->value[FP_KEY_UNPLACED_BED_DAYS] = 0;
  figures->value[FP_KEY_UNPLACED_DESK_DAYS] = 0;
  for (guint v = 0; v < results->n_services && v < estate->services->len; v++)
    {
      const FpService *service = &g_array_index (estate->services, FpService, v);
      double volume = results->unplaced[year * results->n_services + v];

      if (!(volume > 0))
        continue;

      switch (service->room_type)
        {
        case FP_ROOM_BED:
          figures->value[FP_KEY_UNPLACED_BED_DAYS] += volume;
          break;
        case FP_ROOM_DESK:
          figures->value[FP_KEY_UNPLACED_DESK_DAYS] += volume;
          break;
        case FP_ROOM_CONSULT:
        case FP_ROOM_TREATMENT:
        case FP_ROOM_GROUP:
        case FP_ROOM_IMAGING:
        case FP_N_ROOM_TYPES:
        default:
          figures->value[FP_KEY_UNPLACED_ROOM_HOURS] += volume * service->minutes_per_unit / 60.0;
          break;
        }
    }

  if (access != NULL)
    set = fp_access_find (access, FP_FACILITY_GROUP, FP_KEY_ACCESS_SET);
  if (set != NULL)
    {
      figures->access_threshold = set->threshold;
      figures->access_threshold_unit = set->threshold_unit;
      figures->value[FP_KEY_ACCESS_SHARE] = set->share_within;
      figures->value[FP_KEY_ACCESS_SHARE_DEPRIVED] = set->share_within_deprived;
      figures->value[FP_KEY_ACCESS_PEOPLE] = set->share_within * set->population;
      figures->value[FP_KEY_ACCESS_PEOPLE_DEPRIVED] =
        set->share_within_deprived * set->population_deprived;
    }
  else
    {
      figures->access_threshold = NAN;
      figures->access_threshold_unit = FP_THRESHOLD_CAR_MINUTES;
    }
}

/**
 * fp_key_figures_compare:
 * @figures: a scenario's figures
 * @do_nothing: Do nothing's figures in the same year
 *
 * Sets @figures->change to the difference from Do nothing, figure by figure.
 */
void
fp_key_figures_compare (FpKeyFigures       *figures,
                        const FpKeyFigures *do_nothing)
{
  g_return_if_fail (figures != NULL);
  g_return_if_fail (do_nothing != NULL);
  g_return_if_fail (figures->year == do_nothing->year);

  for (guint f = 0; f < FP_N_KEY_FIGURES; f++)
    figures->change[f] = figures->value[f] - do_nothing->value[f];

  /* The saving is already measured against Do nothing: its change is itself. */
  figures->change[FP_KEY_REVENUE_SAVING] = figures->value[FP_KEY_REVENUE_SAVING];
}

/**
 * fp_key_figure_name:
 * @figure: a figure
 *
 * Returns: the figure's name in exports and messages (`running_cost`, ...)
 */
const char *
fp_key_figure_name (FpKeyFigure figure)
{
  g_return_val_if_fail ((guint) figure < FP_N_KEY_FIGURES, NULL);
  return figure_names[figure];
}
