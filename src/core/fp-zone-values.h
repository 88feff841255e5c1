/* fp-zone-values.h: one number per zone, for the map's zone layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-access.h"
#include "fp-estate.h"

G_BEGIN_DECLS

double  fp_geo_ring_area_km2          (const double       *lonlat,
                                       guint               n_points);
double *fp_zone_areas_from_geojson    (const FpEstate     *estate,
                                       GBytes             *geojson,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
double *fp_zone_areas_load_default    (const FpEstate     *estate,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
void    fp_zone_values_density        (const FpEstate     *estate,
                                       const double       *areas_km2,
                                       double             *values);
void    fp_zone_values_imd_decile     (const FpEstate     *estate,
                                       double             *values);
void    fp_zone_values_distance       (const FpEstate     *estate,
                                       const FpAccessSet  *set,
                                       double             *values);
void    fp_zone_values_distance_change (const FpEstate    *estate,
                                       const FpAccessSet  *before,
                                       const FpAccessSet  *after,
                                       double             *values);

G_END_DECLS
