/* bench-import.c: how long a 5,000-row register takes to import into the default estate.
 *
 *   _build/bench/bench-import [RUNS] [ROWS]
 *
 * Makes a synthetic register of ROWS new buildings (default 5,000) with
 * tests/data/import/make-register.py, then, RUNS times (default 11) on a fresh copy of a
 * document made from the default dataset, times: planning (reading and checking the whole
 * file against the estate), applying (the one transaction, with its undo record) and
 * undoing. The target is under 2 seconds for the whole import of 5,000 rows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "footprint-core.h"
#include "bench-util.h"

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? atoi (argv[1]) : 11;
  const char *rows = argc > 2 ? argv[2] : "5000";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("footprint-bench-XXXXXX", &error);
  g_autofree char *csv = g_build_filename (dir, "register.csv", NULL);
  g_autofree char *expected = g_build_filename (dir, "expected.json", NULL);
  g_autofree char *template = g_build_filename (dir, "template.footprint", NULL);
  const char *argv_script[] = { "/usr/bin/python3",
                                SOURCE_ROOT "/tests/data/import/make-register.py",
                                SOURCE_ROOT "/data/default/bsol.json",
                                SOURCE_ROOT "/data/postcodes/bsol-postcodes.csv", csv, expected, rows,
                                NULL };
  g_autofree double *plan_ms = NULL;
  g_autofree double *apply_ms = NULL;
  g_autofree double *total_ms = NULL;
  g_autofree double *undo_ms = NULL;
  g_autofree double *cpu_ms = NULL;
  int status = 0;

  g_assert_no_error (error);
  if (runs < 1)
    runs = 1;
  plan_ms = g_new0 (double, runs);
  apply_ms = g_new0 (double, runs);
  total_ms = g_new0 (double, runs);
  undo_ms = g_new0 (double, runs);
  cpu_ms = g_new0 (double, runs);

  g_spawn_sync (NULL, (char **) argv_script, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    g_autoptr(FpStore) store = fp_store_create_default (template, &error);

    g_assert_no_error (error);
  }

  for (int i = 0; i < runs; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/bench-%d.footprint", dir, i);
      g_autoptr(GFile) src = g_file_new_for_path (template);
      g_autoptr(GFile) dst = g_file_new_for_path (path);
      g_autoptr(FpStore) store = NULL;
      g_autoptr(FpEstate) estate = NULL;
      g_autoptr(FpImportPlan) plan = NULL;
      gint64 t0, t1, t2;
      struct timespec c0, c1;

      g_file_copy (src, dst, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      store = fp_store_open (path, &error);
      g_assert_no_error (error);
      estate = fp_store_load_estate (store, &error);
      g_assert_no_error (error);

      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &c0);
      t0 = g_get_monotonic_time ();
      plan = fp_import_plan_new (estate, csv, NULL, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      g_assert_true (fp_store_apply_import (store, plan, "bench", NULL, &error));
      g_assert_no_error (error);
      t2 = g_get_monotonic_time ();
      clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &c1);
      cpu_ms[i] = (c1.tv_sec - c0.tv_sec) * 1000.0 + (c1.tv_nsec - c0.tv_nsec) / 1e6;
      g_assert_cmpuint (fp_import_plan_get_new_sites (plan)->len, ==, atoi (rows));

      plan_ms[i] = (t1 - t0) / 1000.0;
      apply_ms[i] = (t2 - t1) / 1000.0;
      total_ms[i] = (t2 - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      g_assert_true (fp_store_undo_import (store, NULL, &error));
      g_assert_no_error (error);
      undo_ms[i] = (g_get_monotonic_time () - t0) / 1000.0;

      g_clear_object (&store);
      g_unlink (path);
    }

  printf ("register of %s new buildings (%s)\n", rows, csv);
  bench_report ("1. plan: read and check the whole file", plan_ms, runs, "target: -");
  bench_report ("2. apply: one transaction with its undo record", apply_ms, runs, "target: -");
  bench_report ("3. import = plan + apply", total_ms, runs, "target: < 2000 ms");
  bench_report ("4. undo the import", undo_ms, runs, "target: -");
  /* The machine is shared: CPU time says how much of the wall time was the import's own. */
  bench_report ("3'. import, CPU time of this process", cpu_ms, runs, "target: -");

  g_unlink (csv);
  g_unlink (expected);
  g_unlink (template);
  g_rmdir (dir);
  return 0;
}
