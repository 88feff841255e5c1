/* fp-flows.c: the moves and reallocations of a scenario, as flows between two sites.
 *
 * The engine does not keep a record of what it moved where, so the flows are read from
 * it: the changes are applied one at a time and, after each, the activity of the year
 * asked is compared with the activity before it. For each service, the flow from a site
 * that lost activity to one that gained it is the loss times the gain over the larger of
 * the total lost and the total gained, so the flows add up to what actually moved (a move of a service from one site to another is exactly one flow; an exit whose
 * services the allocator spreads over several receivers is a flow to each). Volumes are
 * turned into what a building provides: room-hours, bed-days or desk-days.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-flows"

#include "config.h"

#include <math.h>

#include "fp-flows.h"

/* Changes of activity smaller than this (in the service's unit) are rounding, not flows. */
#define EPSILON 1e-6

static double
activity (const FpResults *res,
          guint            site,
          guint            year,
          guint            service)
{
  if (site >= res->n_sites)
    return 0;
  return fp_results_activity (res, site, year, service);
}

static void
add_flow (GArray           *flows,
          GHashTable       *index,
          guint             from,
          guint             to,
          guint             change,
          const FpService  *service,
          double            volume)
{
  g_autofree char *key = g_strdup_printf ("%u:%u:%u", change, from, to);
  gpointer found = g_hash_table_lookup (index, key);
  FpActivityFlow *flow;

  if (found == NULL)
    {
      FpActivityFlow fresh = { from, to, change, 0, 0, 0 };

      g_array_append_val (flows, fresh);
      g_hash_table_insert (index, g_steal_pointer (&key), GUINT_TO_POINTER (flows->len));
      flow = &g_array_index (flows, FpActivityFlow, flows->len - 1);
    }
  else
    flow = &g_array_index (flows, FpActivityFlow, GPOINTER_TO_UINT (found) - 1);

  switch (service->room_type)
    {
    case FP_ROOM_BED:
      flow->bed_days += volume;
      break;
    case FP_ROOM_DESK:
      flow->desk_days += volume;
      break;
    case FP_ROOM_CONSULT:
    case FP_ROOM_TREATMENT:
    case FP_ROOM_GROUP:
    case FP_ROOM_IMAGING:
    case FP_N_ROOM_TYPES:
    default:
      flow->room_hours += volume * service->minutes_per_unit / 60.0;
      break;
    }
}

/* The activity of every site in @year, by site then service: what the next change is
 * compared with. */
static double *
activity_of_year (const FpResults *res,
                  guint            year)
{
  double *values = g_new (double, (gsize) MAX (res->n_sites, 1) * MAX (res->n_services, 1));

  for (guint s = 0; s < res->n_sites; s++)
    for (guint v = 0; v < res->n_services; v++)
      values[(gsize) s * res->n_services + v] = fp_results_activity (res, s, year, v);
  return values;
}

/**
 * fp_flows_compute:
 * @model: the model
 * @changes: (element-type FpChange): a scenario's effective changes, in order
 * @year: a year index
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type FpActivityFlow) (nullable): the flows in @year, grouped by
 *   change, or %NULL when a change cannot be applied (the engine's message)
 */
GArray *
fp_flows_compute (const FpModel  *model,
                  GPtrArray      *changes,
                  guint           year,
                  GError        **error)
{
  const FpEstate *estate;
  g_autoptr(FpEngine) engine = NULL;
  g_autoptr(FpResults) results = NULL;
  g_autofree double *before = NULL;
  guint n_before;
  g_autoptr(GArray) flows = g_array_new (FALSE, FALSE, sizeof (FpActivityFlow));
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (year < fp_model_get_n_years (model), NULL);

  estate = fp_model_get_estate (model);
  engine = fp_engine_new (model);
  results = fp_engine_compute (engine, NULL);
  before = activity_of_year (results, year);
  n_before = results->n_sites;

  for (guint c = 0; changes != NULL && c < changes->len; c++)
    {
      const FpResults *after = results;

      if (!fp_engine_apply (engine, g_ptr_array_index (changes, c), error))
        return NULL;
      /* Only the sites and years the change touched are derived again (the figures are
       * fp_engine_compute()'s to the bit): a scenario's flows cost about one compute, not
       * one for each change. */
      fp_engine_update_results (engine, results, NULL);

#define BEFORE(site, v) ((site) < n_before ? before[(gsize) (site) * after->n_services + (v)] : 0)
      for (guint v = 0; v < after->n_services; v++)
        {
          const FpService *service = &g_array_index (estate->services, FpService, v);
          double gained = 0, lost_all = 0, shared;

          for (guint s = 0; s < after->n_sites; s++)
            {
              double d = activity (after, s, year, v) - BEFORE (s, v);

              if (d > EPSILON)
                gained += d;
              else if (d < -EPSILON)
                lost_all -= d;
            }
          if (gained <= EPSILON || lost_all <= EPSILON)
            continue;
          /* What was lost and not gained anywhere is unplaced; what was gained and not lost
           * anywhere is growth: only the smaller of the two moved. */
          shared = MAX (gained, lost_all);

          for (guint a = 0; a < after->n_sites; a++)
            {
              double lost = BEFORE (a, v) - activity (after, a, year, v);

              if (lost <= EPSILON)
                continue;

              for (guint b = 0; b < after->n_sites; b++)
                {
                  double gain = activity (after, b, year, v) - BEFORE (b, v);

                  if (gain > EPSILON && b != a)
                    add_flow (flows, index, a, b, c, service, lost * gain / shared);
                }
            }
        }
#undef BEFORE

      g_free (before);
      before = activity_of_year (results, year);
      n_before = results->n_sites;
    }

  return g_steal_pointer (&flows);
}
