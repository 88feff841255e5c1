/* fp-summary.h: the headline figures of an estate (the data summary).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-estate.h"

G_BEGIN_DECLS

/**
 * FpProvSummary:
 * @kind: measured if every contributing value is measured, assumed if some are assumed
 *   and none estimated, estimated otherwise (FP_PROV_NONE when nothing contributed)
 * @methods: (element-type utf8): the distinct estimation methods behind the figure
 * @sources: (element-type utf8): the distinct sources behind the figure
 *
 * Where an aggregate figure came from.
 */
typedef struct
{
  FpProvKind  kind;
  guint       n_measured;
  guint       n_estimated;
  guint       n_assumed;
  guint       n_missing;
  GPtrArray  *methods;
  GPtrArray  *sources;
} FpProvSummary;

typedef enum
{
  FP_SUMMARY_GIA,
  FP_SUMMARY_RUNNING_COST,
  FP_SUMMARY_VOID_COST,
  FP_SUMMARY_VOID_COST_LIFT,
  FP_SUMMARY_VOID_COST_NHSPS,
  FP_SUMMARY_AE,
  FP_SUMMARY_N_FIGURES
} FpSummaryFigure;

typedef struct
{
  guint          sites;
  guint          sites_placed;
  guint          sites_unplaced;
  guint          sites_possibly_closed;
  guint          source_rows;
  guint          property_interests;
  guint          organisations;
  guint          zones;
  gint64         population;
  guint          gp_practices_active;
  guint          sites_by_type[FP_N_SITE_TYPES];
  guint          sites_by_tenure[FP_N_TENURES];
  int            plan_buildings;
  int            base_year;

  double         figures[FP_SUMMARY_N_FIGURES];
  FpProvSummary  prov[FP_SUMMARY_N_FIGURES];

  /* The 2016 BSol estates plan's own figures, shown beside the model's as a comparison and
   * never used as targets; NAN (year 0) where the dataset does not carry them. */
  double         plan_void_lift;
  double         plan_void_nhsps;
  double         plan_ae_baseline;
  int            plan_ae_year;   /* first calendar year of the financial year it counts */
} FpSummary;

FpSummary  *fp_summary_compute      (const FpEstate  *estate) G_GNUC_WARN_UNUSED_RESULT;
void        fp_summary_free         (FpSummary       *summary);
const char *fp_summary_figure_name  (FpSummaryFigure  figure);
char       *fp_summary_plan_comparison (const FpSummary *summary,
                                        FpSummaryFigure  figure) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpSummary, fp_summary_free)

G_END_DECLS
