/* fp-key-figures.h: the headline figures of one scenario in one year, and their change
 * against Do nothing in the same year (the window's key figure strip).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-access.h"
#include "fp-compute.h"

G_BEGIN_DECLS

typedef enum
{
  FP_KEY_RUNNING_COST,            /* GBP a year, held sites */
  FP_KEY_VOID_COST,               /* GBP a year */
  FP_KEY_REVENUE_SAVING,          /* GBP a year against Do nothing (0 for Do nothing) */
  FP_KEY_CAPITAL_RECEIPTS,        /* GBP, from the base year to this year */
  FP_KEY_SITES_OVER_TARGET,       /* count of sites */
  FP_KEY_UNPLACED_ROOM_HOURS,     /* activity no site could take, room-hours a year */
  FP_KEY_UNPLACED_BED_DAYS,       /* bed-days a year */
  FP_KEY_UNPLACED_DESK_DAYS,      /* desk-days a year */
  FP_KEY_ACCESS_PEOPLE,           /* people within the urgent care threshold */
  FP_KEY_ACCESS_SHARE,            /* the same as a share of the population (0 to 1) */
  FP_KEY_ACCESS_PEOPLE_DEPRIVED,  /* in the most deprived fifth (IMD deciles 1 and 2) */
  FP_KEY_ACCESS_SHARE_DEPRIVED,
  FP_N_KEY_FIGURES
} FpKeyFigure;

/**
 * FpKeyFigures:
 * @year: the year index the figures are for
 * @value: each figure; NAN where it is undefined (no access set, no zones)
 * @change: each figure minus Do nothing's in the same year; NAN until
 *   fp_key_figures_compare() is called, or where either side is undefined
 * @access_threshold: the urgent care threshold the access figures count within
 * @access_threshold_unit: its unit
 */
typedef struct
{
  guint            year;
  double           value[FP_N_KEY_FIGURES];
  double           change[FP_N_KEY_FIGURES];
  double           access_threshold;
  FpThresholdUnit  access_threshold_unit;
} FpKeyFigures;

/* The access set the headline counts: urgent care or a walk-in centre. */
#define FP_KEY_ACCESS_SET "urgent_care_or_walk_in"

void        fp_key_figures_compute  (const FpModel    *model,
                                     const FpResults  *results,
                                     const FpAccess   *access,
                                     guint             year,
                                     FpKeyFigures     *figures);
void        fp_key_figures_compare  (FpKeyFigures       *figures,
                                     const FpKeyFigures *do_nothing);
const char *fp_key_figure_name      (FpKeyFigure       figure);

G_END_DECLS
