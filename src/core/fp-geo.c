/* fp-geo.c: great-circle distance.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-geo"

#include "config.h"

#include <math.h>

#include "fp-geo.h"

static double
radians (double degrees)
{
  return degrees * G_PI / 180.0;
}

/**
 * fp_geo_haversine_km:
 *
 * The great-circle distance between two WGS84 points on a sphere of the IUGG mean
 * radius (6,371.0088 km). Road distance is this times a circuity factor, applied by the
 * caller.
 *
 * Returns: kilometres
 */
double
fp_geo_haversine_km (double lat1,
                     double lon1,
                     double lat2,
                     double lon2)
{
  double dlat = radians (lat2 - lat1);
  double dlon = radians (lon2 - lon1);
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (radians (lat1)) * cos (radians (lat2)) * sin (dlon / 2) * sin (dlon / 2);

  return 2.0 * FP_EARTH_RADIUS_KM * asin (fmin (1.0, sqrt (a)));
}
