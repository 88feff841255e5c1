/* bench-load.c: how long the first run and each later open take on the default dataset.
 *
 *   _build/bench/bench-load [RUNS]
 *
 * Prints the median and spread over RUNS (default 15) of: parsing the built-in dataset,
 * creating a new document from it (what the first run does), and loading the estate from
 * an existing document (what every later open does).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <glib/gstdio.h>

#include "footprint-core.h"
#include "bench-util.h"

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? atoi (argv[1]) : 15;
  g_autofree double *parse = g_new0 (double, runs);
  g_autofree double *create = g_new0 (double, runs);
  g_autofree double *load = g_new0 (double, runs);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("footprint-bench-XXXXXX", &error);

  g_assert_no_error (error);
  if (runs < 1)
    runs = 1;

  for (int i = 0; i < runs; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/bench-%d.footprint", dir, i);
      g_autoptr(FpEstate) estate = NULL;
      g_autoptr(FpStore) store = NULL;
      gint64 t0;

      t0 = g_get_monotonic_time ();
      estate = fp_dataset_load_default (&error);
      g_assert_no_error (error);
      parse[i] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      store = fp_store_create_default (path, &error);
      g_assert_no_error (error);
      create[i] = (g_get_monotonic_time () - t0) / 1000.0;
      g_clear_object (&store);

      store = fp_store_open (path, &error);
      g_assert_no_error (error);
      g_clear_pointer (&estate, fp_estate_free);
      t0 = g_get_monotonic_time ();
      estate = fp_store_load_estate (store, &error);
      g_assert_no_error (error);
      load[i] = (g_get_monotonic_time () - t0) / 1000.0;

      g_clear_object (&store);
      g_unlink (path);
    }

  bench_report ("parse built-in dataset", parse, runs, "first run");
  bench_report ("create document from it (first run)", create, runs, "first run");
  bench_report ("load estate from a document", load, runs, "every open");

  g_rmdir (dir);
  return 0;
}
