/* fp-geo.h: distances on the Earth's surface.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_EARTH_RADIUS_KM 6371.0088

double fp_geo_haversine_km (double lat1,
                            double lon1,
                            double lat2,
                            double lon2);

G_END_DECLS
