/* fp-comparison.h: two to four options side by side (the compare view).
 *
 * For each option: its results, its key figures in one year against Do nothing, its
 * running cost, void cost and revenue saving in every year, and how many sites fall in
 * each band of room utilisation that year (the map's utilisation key). GLib only; the
 * window computes it in a worker thread with fp_comparison_compute_for_document().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-compute.h"
#include "fp-key-figures.h"

G_BEGIN_DECLS

#define FP_COMPARISON_MIN_OPTIONS 2
#define FP_COMPARISON_MAX_OPTIONS 4

/* Bands of site room utilisation, as the map's key: under 25%, 25 to 50%, 50 to 70%,
 * 70% to the target, the target to 100%, over capacity. */
#define FP_COMPARISON_N_BANDS 6

/**
 * FpComparisonOption:
 * @name: the scenario's name, or “Do nothing”
 * @figures: its key figures in the comparison's year, against Do nothing
 * @running_cost: [n_years] GBP a year
 * @void_cost: [n_years] GBP a year
 * @revenue_saving: [n_years] GBP a year against Do nothing
 * @sites_by_band: sites held and in use that year in each utilisation band
 */
typedef struct
{
  char         *name;
  FpResults    *results;
  FpKeyFigures  figures;
  double       *running_cost;
  double       *void_cost;
  double       *revenue_saving;
  guint         sites_by_band[FP_COMPARISON_N_BANDS];
} FpComparisonOption;

typedef struct
{
  int        base_year;
  guint      n_years;
  guint      year;                               /* the year index of the key figures */
  double     band_edges[FP_COMPARISON_N_BANDS - 1]; /* upper edges of the bands but the last */
  GPtrArray *options;                            /* FpComparisonOption, in the order asked */
} FpComparison;

FpComparison *fp_comparison_compute              (const FpModel       *model,
                                                  GPtrArray           *scenarios,
                                                  const char * const  *names,
                                                  guint                year,
                                                  GError             **error)
                                                  G_GNUC_WARN_UNUSED_RESULT;
typedef struct _FpComparisonJob FpComparisonJob;

FpComparisonJob *fp_comparison_job_new           (const FpModel       *model,
                                                  GPtrArray           *scenarios,
                                                  const char * const  *names,
                                                  guint                year,
                                                  GError             **error)
                                                  G_GNUC_WARN_UNUSED_RESULT;
gboolean      fp_comparison_job_step             (FpComparisonJob     *job,
                                                  gboolean            *done,
                                                  GError             **error);
FpComparison *fp_comparison_job_steal            (FpComparisonJob     *job)
                                                  G_GNUC_WARN_UNUSED_RESULT;
void          fp_comparison_job_free             (FpComparisonJob     *job);
gboolean      fp_comparison_check_names          (GPtrArray           *scenarios,
                                                  const char * const  *names,
                                                  GError             **error);
int           fp_comparison_band                 (const FpComparison  *comparison,
                                                  double               utilisation);
void          fp_comparison_free                 (FpComparison        *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpComparison, fp_comparison_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpComparisonJob, fp_comparison_job_free)

G_END_DECLS
