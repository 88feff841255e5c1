/* fp-summary.c: counts and totals of an estate, with where each total came from.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-summary"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "fp-format.h"
#include "fp-compute.h"
#include "fp-summary.h"

static const char * const figure_names[FP_SUMMARY_N_FIGURES] = {
  "gia_m2_total", "running_cost_total", "void_cost_total", "void_cost_lift",
  "void_cost_nhsps", "ae_attendances",
};

const char *
fp_summary_figure_name (FpSummaryFigure figure)
{
  g_return_val_if_fail ((guint) figure < FP_SUMMARY_N_FIGURES, NULL);
  return figure_names[figure];
}

static void
add_unique (GPtrArray  *array,
            const char *value)
{
  if (value == NULL)
    return;

  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return;

  g_ptr_array_add (array, g_strdup (value));
}

/* Counts one contributing value into an aggregate's provenance. */
static void
note_prov (FpProvSummary      *summary,
           const FpProvenance *prov)
{
  summary->kind = fp_prov_kind_combine (summary->kind, prov->kind);

  switch (prov->kind)
    {
    case FP_PROV_MEASURED:
      summary->n_measured++;
      add_unique (summary->sources, prov->source_id);
      break;
    case FP_PROV_ESTIMATED:
      summary->n_estimated++;
      add_unique (summary->methods, prov->method_id);
      add_unique (summary->sources, prov->source_id);
      break;
    case FP_PROV_ASSUMED:
      summary->n_assumed++;
      break;
    case FP_PROV_NONE:
    case FP_N_PROV_KINDS:
    default:
      summary->n_missing++;
      break;
    }
}

static void
note_site_numbers (FpProvSummary *summary,
                   const FpSite  *site,
                   guint          first,
                   guint          last)
{
  for (guint n = first; n <= last; n++)
    if (!isnan (site->numbers[n]))
      note_prov (summary, &site->prov[n]);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
finish_prov (FpProvSummary *summary)
{
  g_ptr_array_sort (summary->methods, compare_strings);
  g_ptr_array_sort (summary->sources, compare_strings);
}

/* Every value that enters a site's void cost: void_m2 × R ÷ GIA. */
static void
note_void_cost (FpProvSummary *summary,
                const FpSite  *site)
{
  note_site_numbers (summary, site, FP_SITE_VOID_ROOMS, FP_SITE_OTHER_VOID_M2);
  note_site_numbers (summary, site, FP_SITE_GIA_M2, FP_SITE_GIA_M2);
  note_site_numbers (summary, site, FP_SITE_FIRST_COST, FP_SITE_LAST_COST);
}

/**
 * fp_summary_compute:
 * @estate: an estate
 *
 * Counts and totals for the data summary of the CLI and the app: the baseline, before any
 * scenario. Running and void costs count NHS-sector sites only. The void cost is the
 * model's, for Do nothing in the base year, from the same function as `compute`
 * (docs/model.md, "Void floor area and costs"): void rooms the base year's demand brings
 * into use are not void, and a held site with no activity is wholly void. When the
 * document's assumptions give no model, the void figures are unknown (NAN).
 *
 * Returns: (transfer full): the summary
 */
FpSummary *
fp_summary_compute (const FpEstate *estate)
{
  FpSummary *summary = g_new0 (FpSummary, 1);
  g_autoptr(FpModel) model = fp_model_new (estate, NULL);
  g_autoptr(FpResults) do_nothing = NULL;
  guint ae_service = G_MAXUINT;

  if (model != NULL)
    do_nothing = fp_compute_scenario (model, NULL, NULL, NULL);
  if (do_nothing == NULL)
    {
      summary->figures[FP_SUMMARY_VOID_COST] = NAN;
      summary->figures[FP_SUMMARY_VOID_COST_LIFT] = NAN;
      summary->figures[FP_SUMMARY_VOID_COST_NHSPS] = NAN;
    }

  for (guint f = 0; f < FP_SUMMARY_N_FIGURES; f++)
    {
      summary->prov[f].methods = g_ptr_array_new_with_free_func (g_free);
      summary->prov[f].sources = g_ptr_array_new_with_free_func (g_free);
    }

  summary->sites = estate->sites->len;
  summary->source_rows = estate->source_rows->len;
  summary->property_interests = estate->interests->len;
  summary->organisations = estate->organisations->len;

  /* Practices are organisations, not buildings: several can share a health centre. The
   * dataset holds only active practices as gp_practice organisations. */
  for (guint i = 0; i < estate->organisations->len; i++)
    if (g_array_index (estate->organisations, FpOrganisation, i).kind == FP_ORG_GP_PRACTICE)
      summary->gp_practices_active++;
  summary->zones = estate->zones->len;
  summary->population = fp_estate_get_population (estate);
  summary->plan_buildings = estate->plan_buildings;
  summary->base_year = estate->base_year;

  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);
      double void_cost;

      summary->sites_by_type[site->type]++;
      summary->sites_by_tenure[site->tenure]++;
      if (site->placed)
        summary->sites_placed++;
      else
        summary->sites_unplaced++;
      if (site->status == FP_SITE_STATUS_POSSIBLY_CLOSED)
        summary->sites_possibly_closed++;

      if (!isnan (site->numbers[FP_SITE_GIA_M2]))
        {
          summary->figures[FP_SUMMARY_GIA] += site->numbers[FP_SITE_GIA_M2];
          note_prov (&summary->prov[FP_SUMMARY_GIA], &site->prov[FP_SITE_GIA_M2]);
        }

      if (site->sector != FP_SECTOR_NHS)
        continue;

      summary->figures[FP_SUMMARY_RUNNING_COST] += fp_site_running_cost (site);
      note_site_numbers (&summary->prov[FP_SUMMARY_RUNNING_COST], site,
                         FP_SITE_FIRST_COST, FP_SITE_LAST_COST);

      if (do_nothing == NULL)
        continue;
      void_cost = fp_results_get (do_nothing, i, 0)->void_cost;
      if (void_cost <= 0.0)
        continue;

      summary->figures[FP_SUMMARY_VOID_COST] += void_cost;
      note_void_cost (&summary->prov[FP_SUMMARY_VOID_COST], site);

      if (site->tenure == FP_TENURE_LIFT)
        {
          summary->figures[FP_SUMMARY_VOID_COST_LIFT] += void_cost;
          note_void_cost (&summary->prov[FP_SUMMARY_VOID_COST_LIFT], site);
        }
      else if (site->tenure == FP_TENURE_NHSPS)
        {
          summary->figures[FP_SUMMARY_VOID_COST_NHSPS] += void_cost;
          note_void_cost (&summary->prov[FP_SUMMARY_VOID_COST_NHSPS], site);
        }
    }

  fp_estate_find_service (estate, "ae_attendances", &ae_service);
  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);

      if (a->service != ae_service)
        continue;

      summary->figures[FP_SUMMARY_AE] += a->volume;
      note_prov (&summary->prov[FP_SUMMARY_AE], &a->prov);
    }

  for (guint f = 0; f < FP_SUMMARY_N_FIGURES; f++)
    finish_prov (&summary->prov[f]);

  summary->plan_void_lift = fp_estate_get_assumption (estate, "plan_2016.void_lift", NAN);
  summary->plan_void_nhsps = fp_estate_get_assumption (estate, "plan_2016.void_nhsps", NAN);
  summary->plan_ae_baseline = fp_estate_get_assumption (estate, "ae_attendances_total", NAN);
  summary->plan_ae_year = (int) fp_estate_get_assumption (estate, "plan_2016.ae_baseline_year", 0);

  return summary;
}

void
fp_summary_free (FpSummary *summary)
{
  if (summary == NULL)
    return;

  for (guint f = 0; f < FP_SUMMARY_N_FIGURES; f++)
    {
      g_ptr_array_unref (summary->prov[f].methods);
      g_ptr_array_unref (summary->prov[f].sources);
    }
  g_free (summary);
}

/* "£4.7m": pounds in millions to one decimal, as the comparison sentences say them. */
static char *
millions (double value)
{
  return g_strdup_printf ("£%.1fm", value / 1e6);
}

/**
 * fp_summary_plan_comparison:
 * @summary: a summary
 * @figure: %FP_SUMMARY_VOID_COST_LIFT, %FP_SUMMARY_VOID_COST_NHSPS or %FP_SUMMARY_AE
 *
 * The model's figure beside the 2016 BSol estates plan's own, as a comparison (the plan's
 * figures are never targets): "model £4.7m; the 2016 plan said circa £5m", or for A&E "the
 * 2016 plan's baseline for 2015/16". Every face (CLI, window, docs) shows the same sentence.
 *
 * Returns: (transfer full) (nullable): the sentence, or %NULL when the dataset carries no
 *   plan figure for @figure
 */
char *
fp_summary_plan_comparison (const FpSummary *summary,
                            FpSummaryFigure  figure)
{
  double plan;

  g_return_val_if_fail (summary != NULL, NULL);

  switch (figure)
    {
    case FP_SUMMARY_VOID_COST_LIFT:
    case FP_SUMMARY_VOID_COST_NHSPS:
      {
        g_autofree char *model = NULL;
        g_autofree char *said = NULL;

        plan = figure == FP_SUMMARY_VOID_COST_LIFT ? summary->plan_void_lift
                                                   : summary->plan_void_nhsps;
        if (isnan (plan))
          return NULL;

        model = millions (summary->figures[figure]);
        /* The plan gave round millions ("circa £5m"): say them as it did. */
        said = fmod (plan, 1e6) == 0 ? g_strdup_printf ("£%.0fm", plan / 1e6) : millions (plan);
        /* Translators: a comparison, e.g. "model £4.7m; the 2016 plan said circa £5m". */
        return g_strdup_printf (_("model %s; the 2016 plan said circa %s"), model, said);
      }

    case FP_SUMMARY_AE:
      {
        g_autofree char *count = NULL;

        plan = summary->plan_ae_baseline;
        if (isnan (plan))
          return NULL;

        if (fabs (summary->figures[FP_SUMMARY_AE] - plan) < 0.5)
          {
            if (summary->plan_ae_year > 0)
              /* Translators: the A&E total is the plan's count of one year, e.g. 2015/16. */
              return g_strdup_printf (_("the 2016 plan’s baseline for %d/%02d"),
                                      summary->plan_ae_year, (summary->plan_ae_year + 1) % 100);
            return g_strdup (_("the 2016 plan’s baseline"));
          }

        count = fp_format_count (plan);
        if (summary->plan_ae_year > 0)
          return g_strdup_printf (_("the 2016 plan’s baseline was %s for %d/%02d"), count,
                                  summary->plan_ae_year, (summary->plan_ae_year + 1) % 100);
        return g_strdup_printf (_("the 2016 plan’s baseline was %s"), count);
      }

    case FP_SUMMARY_GIA:
    case FP_SUMMARY_RUNNING_COST:
    case FP_SUMMARY_VOID_COST:
    case FP_SUMMARY_N_FIGURES:
    default:
      return NULL;
    }
}
