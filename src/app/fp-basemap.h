/* fp-basemap.h: the offline basemap, drawn from the shipped boundaries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "fp-boundaries.h"

G_BEGIN_DECLS

#define FP_BASEMAP_ID "footprint-boundaries"

#define FP_TYPE_BASEMAP (fp_basemap_get_type ())

G_DECLARE_FINAL_TYPE (FpBasemap, fp_basemap, FP, BASEMAP, ShumateMapSource)

/* Where a place name goes, in world units (fp-boundaries.h). */
typedef FpBoundaryLabel FpBasemapLabel;

FpBasemap *fp_basemap_new             (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean   fp_basemap_load            (FpBasemap  *self,
                                       GError    **error);
FpBoundaries *fp_basemap_get_boundaries (FpBasemap *self);
gboolean   fp_basemap_get_bounds      (FpBasemap  *self,
                                       double     *min_lat,
                                       double     *min_lon,
                                       double     *max_lat,
                                       double     *max_lon);
void       fp_basemap_set_scale_factor (FpBasemap *self,
                                       int         scale_factor);
guint      fp_basemap_get_n_pending   (FpBasemap  *self);
guint      fp_basemap_get_n_drawn     (FpBasemap  *self);
gboolean   fp_basemap_load_zones      (FpBasemap  *self,
                                       GError    **error);
GPtrArray *fp_basemap_get_zone_codes  (FpBasemap  *self) G_GNUC_WARN_UNUSED_RESULT;
FpBasemap *fp_basemap_new_with_zones  (FpBasemap     *base,
                                       const guint32 *zone_rgb,
                                       guint          n_zones) G_GNUC_WARN_UNUSED_RESULT;
GArray    *fp_basemap_get_labels      (FpBasemap  *self,
                                       gboolean    wards) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
