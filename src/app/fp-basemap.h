/* fp-basemap.h: the offline basemap, drawn from the shipped boundaries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

G_BEGIN_DECLS

#define FP_BASEMAP_ID "footprint-boundaries"

#define FP_TYPE_BASEMAP (fp_basemap_get_type ())

G_DECLARE_FINAL_TYPE (FpBasemap, fp_basemap, FP, BASEMAP, ShumateMapSource)

FpBasemap *fp_basemap_new             (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean   fp_basemap_load            (FpBasemap  *self,
                                       GError    **error);
gboolean   fp_basemap_get_bounds      (FpBasemap  *self,
                                       double     *min_lat,
                                       double     *min_lon,
                                       double     *max_lat,
                                       double     *max_lon);
void       fp_basemap_set_scale_factor (FpBasemap *self,
                                       int         scale_factor);
guint      fp_basemap_get_n_pending   (FpBasemap  *self);
guint      fp_basemap_get_n_drawn     (FpBasemap  *self);

G_END_DECLS
