/* fp-change-effects.h: what each change of a scenario does, on its own, in one year.
 *
 * The scenarios view says of every change "saves £310k a year; 2,400 people further from
 * a service". Like the appraisal's ledger (fp-appraisal.c), a change's effect is the
 * figure after changes 1..k minus the figure after changes 1..k−1, so the effects of a
 * scenario's changes add up exactly to the scenario's own figures against its parent.
 * GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-access.h"
#include "fp-compute.h"

G_BEGIN_DECLS

/**
 * FpChangeEffect:
 * @index: the change's position in the scenario's own changes, from 0
 * @year: the year index the effect is measured in
 * @running_cost: the change in running cost, GBP a year (negative: cheaper)
 * @void_cost: the change in void cost, GBP a year
 * @revenue_saving: the revenue saving it adds against Do nothing, GBP a year (the
 *   appraisal's revenue savings line, fp_appraisal_result_lines())
 * @capital_receipts: the capital receipts it adds in the year, GBP
 * @sites_over_target: the change in sites over their target utilisation
 * @unplaced_room_hours: the change in activity no site could take, room-hours a year
 * @people_further: people living in areas where some service's nearest site is further
 *   away after the change
 * @people_closer: people in areas where some service's nearest site is closer, and none
 *   further
 * @access_people: the change in people within the urgent care threshold (the key figure
 *   strip's access headline)
 */
typedef struct
{
  guint  index;
  guint  year;
  double running_cost;
  double void_cost;
  double revenue_saving;
  double capital_receipts;
  double sites_over_target;
  double unplaced_room_hours;
  double people_further;
  double people_closer;
  double access_people;
} FpChangeEffect;

typedef struct _FpChangeEffectsJob FpChangeEffectsJob;

GArray  *fp_change_effects_compute              (const FpModel  *model,
                                                 GPtrArray      *base,
                                                 GPtrArray      *changes,
                                                 guint           year,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;

FpChangeEffectsJob *fp_change_effects_job_new   (const FpModel  *model,
                                                 GPtrArray      *base,
                                                 GPtrArray      *changes,
                                                 guint           year,
                                                 GError        **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean fp_change_effects_job_step             (FpChangeEffectsJob *job,
                                                 gboolean       *done,
                                                 GError        **error);
GArray  *fp_change_effects_job_get_effects      (FpChangeEffectsJob *job);
void     fp_change_effects_job_free             (FpChangeEffectsJob *job);
void     fp_access_count_moved                  (const FpModel  *model,
                                                 const FpAccess *before,
                                                 const FpAccess *after,
                                                 double         *people_further,
                                                 double         *people_closer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpChangeEffectsJob, fp_change_effects_job_free)

G_END_DECLS
