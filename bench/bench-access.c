/* bench-access.c: access measures for one scenario and year, and the nearest-site search
 * against a scan and against scipy's cKDTree.
 *
 *   _build/bench/bench-access [RUNS] [DATASET.json]
 *
 * With no dataset, the BSol default; otherwise a dataset file (bench/make-estate.py).
 * Prints the median and spread over RUNS (default 51) of:
 *
 *   1. fp_access_compute: every service, every site type and the urgent care group, each
 *      with its nearest site for every zone and its measures (target on BSol: 20 ms; on an
 *      England-size estate: 500 ms);
 *   2. the nearest-site search alone, as 1 does it: each set's KD-tree built over the
 *      set's own sites and every zone queried (from its position on the sphere), the
 *      answer's distance by haversine;
 *   3. the same search by scanning, for every zone, each set's own sites (by haversine);
 *      on a large estate every k-th zone only (the figure is then multiplied by k, and
 *      says so);
 *   4. the same search by scipy's cKDTree on the same points (bench/access-ckdtree.py run
 *      by /usr/bin/python3; skipped when python3-scipy is not installed).
 *
 * and the ratios 3 ÷ 2 and 2 ÷ 4 of the medians, all from this one run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "footprint-core.h"
#include "bench-util.h"

/* The membership rules of fp_access_compute, set by set. */
static GPtrArray *
access_sets (const FpEstate  *estate,
             const FpResults *res,
             guint            year)
{
  GPtrArray *sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint urgent = G_MAXUINT;

  fp_estate_find_service (estate, "urgent_care", &urgent);

  for (guint k = 0; k < res->n_services + FP_N_SITE_TYPES + 1; k++)
    {
      GArray *members = g_array_new (FALSE, FALSE, sizeof (guint));

      if (k >= res->n_services && k - res->n_services == FP_SITE_TYPE_INDEPENDENT_HOSPITAL)
        {
          g_array_unref (members);
          continue;
        }

      for (guint s = 0; s < res->n_sites; s++)
        {
          const FpResultSite *site = &res->sites[s];
          gboolean in;

          if (site->sector != FP_SECTOR_NHS || !fp_results_get (res, s, year)->active ||
              !site->placed)
            continue;
          if (k < res->n_services)
            in = fp_results_activity (res, s, year, k) > 0;
          else if (k < res->n_services + FP_N_SITE_TYPES)
            in = site->type == k - res->n_services;
          else
            in = site->type == FP_SITE_TYPE_URGENT_CARE_CENTRE ||
                 site->type == FP_SITE_TYPE_WALK_IN_CENTRE ||
                 (urgent != G_MAXUINT && fp_results_activity (res, s, year, urgent) > 0);
          if (in)
            g_array_append_val (members, s);
        }
      g_ptr_array_add (sets, members);
    }

  return sets;
}

/* Writes the points for access-ckdtree.py. */
static void
write_points (const char      *path,
              const FpEstate  *estate,
              const FpResults *res,
              GPtrArray       *sets)
{
  FILE *f = fopen (path, "wb");
  guint32 n_sets = sets->len, n_zones = estate->zones->len;

  g_assert_nonnull (f);
  fwrite (&n_sets, 4, 1, f);
  fwrite (&n_zones, 4, 1, f);
  for (guint z = 0; z < n_zones; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
      double xyz[3];

      fp_site_index_point (zone->lat, zone->lon, xyz);
      fwrite (xyz, sizeof (double), 3, f);
    }
  for (guint k = 0; k < sets->len; k++)
    {
      GArray *members = g_ptr_array_index (sets, k);
      guint32 n = members->len;

      fwrite (&n, 4, 1, f);
      for (guint i = 0; i < n; i++)
        {
          const FpResultSite *site = &res->sites[g_array_index (members, guint, i)];
          double xyz[3];

          fp_site_index_point (site->lat, site->lon, xyz);
          fwrite (xyz, sizeof (double), 3, f);
        }
    }
  fclose (f);
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? MAX (atoi (argv[1]), 3) : 51;
  const char *path = argc > 2 ? argv[2] : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autofree double *all_ms = g_new (double, runs);
  g_autofree double *index_ms = g_new (double, runs);
  g_autofree double *scan_ms = g_new (double, runs);
  g_autofree double *zone_xyz = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *points = NULL;
  guint nz, step, scan_runs, n_sets = 0;
  double loadavg[3] = { NAN, NAN, NAN };
  volatile double sink = 0;

  if (path != NULL)
    {
      g_autofree char *text = NULL;
      gsize size;
      g_autoptr(GBytes) bytes = NULL;

      if (!g_file_get_contents (path, &text, &size, &error))
        g_error ("%s", error->message);
      bytes = g_bytes_new_take (g_steal_pointer (&text), size);
      estate = fp_dataset_parse (bytes, &error);
    }
  else
    estate = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  res = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  sets = access_sets (estate, res, 0);
  nz = estate->zones->len;

  zone_xyz = g_new (double, (gsize) MAX (nz, 1) * 3);
  for (guint z = 0; z < nz; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);

      fp_site_index_point (zone->lat, zone->lon, &zone_xyz[(gsize) z * 3]);
    }

  /* 1. The measures as the application computes them. */
  for (int i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(FpAccess) access = fp_access_compute (model, res, 0);

      all_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
      n_sets = access->sets->len;
    }
  g_assert_cmpuint (n_sets, ==, sets->len);

  /* 2. The search alone, by the index. */
  for (int i = 0; i < runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      for (guint k = 0; k < sets->len; k++)
        {
          GArray *members = g_ptr_array_index (sets, k);
          g_autofree double *lat = g_new (double, MAX (members->len, 1));
          g_autofree double *lon = g_new (double, MAX (members->len, 1));
          g_autoptr(FpSiteIndex) index = NULL;

          for (guint j = 0; j < members->len; j++)
            {
              lat[j] = res->sites[g_array_index (members, guint, j)].lat;
              lon[j] = res->sites[g_array_index (members, guint, j)].lon;
            }
          index = fp_site_index_new (lat, lon, (guint *) members->data, members->len);
          for (guint z = 0; z < nz; z++)
            {
              const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
              guint id;
              double km;

              if (fp_site_index_nearest_point (index, &zone_xyz[(gsize) z * 3], zone->lat,
                                               zone->lon, &id, &km))
                sink += km;
            }
        }
      index_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;
    }

  /* 3. The search by scanning each set's own sites: every zone on BSol, every step-th
   * zone on a larger estate (about 1,000 zones in all), scaled up by the step. */
  step = MAX (1, nz / 1000);
  scan_runs = step > 1 ? MIN (runs, 5) : runs;
  for (guint i = 0; i < scan_runs; i++)
    {
      gint64 t0 = g_get_monotonic_time ();

      for (guint k = 0; k < sets->len; k++)
        {
          GArray *members = g_ptr_array_index (sets, k);

          for (guint z = 0; z < nz; z += step)
            {
              const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
              double best = G_MAXDOUBLE;

              for (guint j = 0; j < members->len; j++)
                {
                  const FpResultSite *site = &res->sites[g_array_index (members, guint, j)];

                  best = MIN (best, fp_geo_haversine_km (zone->lat, zone->lon, site->lat,
                                                         site->lon));
                }
              sink += best;
            }
        }
      scan_ms[i] = (g_get_monotonic_time () - t0) / 1000.0 * step;
    }

  if (getloadavg (loadavg, 3) < 0)
    loadavg[0] = NAN;
  printf ("Footprint access benchmark on %s: %u zones, %u sites, %u sets (services, site "
          "types, group); load average %.2f\n\n", estate->name, nz, res->n_sites, n_sets,
          loadavg[0]);
  bench_report ("1. all access measures (fp_access_compute)", all_ms, runs, "measures");
  bench_report ("2. nearest-site search, KD-tree per set", index_ms, runs, "index");
  if (step > 1)
    {
      g_autofree char *note = g_strdup_printf ("1 zone in %u, x %u", step, step);

      bench_report ("3. the same search, scanning each set's sites", scan_ms, scan_runs, note);
    }
  else
    bench_report ("3. the same search, scanning each set's sites", scan_ms, scan_runs, "scan");
  printf ("   scan / index: %.1f\n", scan_ms[scan_runs / 2] / index_ms[runs / 2]);

  /* 4. scipy's cKDTree on the same points. */
  tmpdir = g_dir_make_tmp ("footprint-bench-XXXXXX", &error);
  g_assert_no_error (error);
  points = g_build_filename (tmpdir, "points.bin", NULL);
  write_points (points, estate, res, sets);
  {
    g_autofree char *script = g_build_filename (BENCH_SRCDIR, "access-ckdtree.py", NULL);
    g_autofree char *count = g_strdup_printf ("%d", runs);
    const char *args[] = { "/usr/bin/python3", script, points, count, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    int status = 0;
    double median = NAN, p10 = NAN, p90 = NAN;

    if (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                      &status, NULL) && g_spawn_check_wait_status (status, NULL) &&
        sscanf (out, "%lf %lf %lf", &median, &p10, &p90) == 3)
      {
        printf ("%-58s median %8.3f ms  p10 %8.3f  p90 %8.3f  (%s, %d runs)\n",
                "4. the same search, scipy cKDTree per set", median, p10, p90,
                "python3-scipy", runs);
        printf ("   index / cKDTree: %.2f\n", index_ms[runs / 2] / median);
      }
    else
      printf ("4. scipy's cKDTree: not run (%s)\n",
              err != NULL && *err != '\0' ? g_strstrip (err) : "no /usr/bin/python3");
  }
  g_unlink (points);
  g_rmdir (tmpdir);

  (void) sink;
  return 0;
}
