/* fp-flows.h: where a scenario's changes send activity (the map's arrows).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-compute.h"

G_BEGIN_DECLS

/**
 * FpActivityFlow:
 * @from: the site that gives the activity (an index into the results' sites)
 * @to: the site that receives it
 * @change: the position of the change that moves it, 0 for the first
 * @room_hours: room-hours a year of the four room types, in the year asked
 * @bed_days: bed-days a year
 * @desk_days: desk-days a year
 */
typedef struct
{
  guint  from;
  guint  to;
  guint  change;
  double room_hours;
  double bed_days;
  double desk_days;
} FpActivityFlow;

GArray *fp_flows_compute (const FpModel  *model,
                          GPtrArray      *changes,
                          guint           year,
                          GError        **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
