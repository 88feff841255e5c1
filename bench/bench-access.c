/* bench-access.c: all access measures for one scenario and year on the BSol default.
 *
 *   _build/bench/bench-access [RUNS]
 *
 * Prints the median over RUNS (default 101) of fp_access_compute: every service, every
 * site type and the urgent care group, each with its nearest site for all 793 zones
 * (target: median <= 20 ms). For comparison it also times the same nearest-site search
 * done by scanning every site for every zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "footprint-core.h"
#include "bench-util.h"

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? MAX (atoi (argv[1]), 3) : 101;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_load_default (&error);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autofree double *grid_ms = g_new (double, runs);
  g_autofree double *scan_ms = g_new (double, runs);
  guint n_sets = 0;
  volatile double sink = 0;

  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  res = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);

  for (int i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(FpAccess) access = fp_access_compute (model, res, 0);

      grid_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
      n_sets = access->sets->len;
    }

  /* The brute-force alternative: every zone against every site, once per set. */
  for (int i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      for (guint set = 0; set < n_sets; set++)
        for (guint z = 0; z < estate->zones->len; z++)
          {
            const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
            double best = G_MAXDOUBLE;

            for (guint s = 0; s < res->n_sites; s++)
              if (res->sites[s].placed)
                best = MIN (best, fp_geo_haversine_km (zone->lat, zone->lon,
                                                       res->sites[s].lat, res->sites[s].lon));
            sink += best;
          }
      scan_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  printf ("Footprint access benchmark on %s: %u zones, %u sites, %u sets (services, site "
          "types, groups)\n\n", estate->name, estate->zones->len, res->n_sites, n_sets);
  bench_report ("all access measures, one scenario and year (grid)", grid_ms, runs, "target 20 ms");
  bench_report ("the same nearest-site search by full scan", scan_ms, runs, "for comparison");
  (void) sink;
  return 0;
}
