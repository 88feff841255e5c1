/* bench-import-block.c: how long applying a 5,000-row import holds the main loop.
 *
 *   _build/bench/bench-import-block [RUNS] [ROWS]
 *
 * Makes a synthetic register of ROWS new buildings (default 5,000) with
 * tests/data/import/make-register.py and plans it against a document made from the default
 * dataset; then, RUNS times (default 7) on fresh copies, applies it through the workspace
 * as the window does, while a 1 ms timeout ticks on the main loop, and reports the longest
 * gap between two ticks (the main loop's longest block: how long the window would not
 * answer or draw) and the wall time to the import read back:
 *   before: fp_workspace_apply_import(), on the main thread (the window's old path);
 *   after:  fp_workspace_apply_import_async(), the write in a worker thread, then
 *           fp_workspace_apply_import_finish() in the callback (reading the estate back).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

#include "footprint-core.h"
#include "bench-util.h"

static gint64 last_tick;
static gint64 max_gap;

static gboolean
tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  max_gap = MAX (max_gap, now - last_tick);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  FpWorkspace *workspace;
  gboolean     done;
} Job;

static void
on_applied_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_workspace_apply_import_finish (job->workspace, result, NULL, &error));
  g_assert_no_error (error);
  job->done = TRUE;
}

/* One run: returns the main loop's longest block, and the wall time in @wall_ms. */
static double
run_once (const char *template,
          const char *path,
          const char *csv,
          gboolean    async,
          double     *wall_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) src = g_file_new_for_path (template);
  g_autoptr(GFile) dst = g_file_new_for_path (path);
  g_autoptr(FpWorkspace) workspace = NULL;
  g_autoptr(FpImportPlan) plan = NULL;
  guint tick_id;
  gint64 t0, ticks_after;
  Job job = { 0 };

  g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  workspace = fp_workspace_open (path, NULL, &error);
  g_assert_no_error (error);
  plan = fp_import_plan_new (fp_workspace_get_estate (workspace), csv, NULL, NULL, NULL, NULL,
                             &error);
  g_assert_no_error (error);
  /* Let the workspace's own idle work (its checkpoint) run before the clock starts. */
  while (g_main_context_iteration (NULL, FALSE))
    ;

  tick_id = g_timeout_add (1, tick_cb, NULL);
  max_gap = 0;
  t0 = last_tick = g_get_monotonic_time ();
  job.workspace = workspace;
  if (async)
    {
      fp_workspace_apply_import_async (workspace, plan, "bench", NULL, on_applied_cb, &job);
      while (!job.done)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    {
      /* As the window did: from a main-loop callback, on the main thread. */
      g_assert_true (fp_workspace_apply_import (workspace, plan, "bench", NULL, &error));
      g_assert_no_error (error);
    }
  *wall_ms = (g_get_monotonic_time () - t0) / 1000.0;
  /* The tick after the last of the work closes the gap it made. */
  ticks_after = last_tick;
  while (last_tick == ticks_after)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick_id);

  g_assert_cmpuint (fp_workspace_get_estate (workspace)->sites->len, >,
                    fp_import_plan_get_new_sites (plan)->len);
  g_clear_object (&workspace);
  g_unlink (path);
  return max_gap / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? atoi (argv[1]) : 7;
  const char *rows = argc > 2 ? argv[2] : "5000";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("footprint-bench-XXXXXX", &error);
  g_autofree char *csv = g_build_filename (dir, "register.csv", NULL);
  g_autofree char *expected = g_build_filename (dir, "expected.json", NULL);
  g_autofree char *template = g_build_filename (dir, "template.footprint", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.footprint", NULL);
  const char *argv_script[] = { "/usr/bin/python3",
                                SOURCE_ROOT "/tests/data/import/make-register.py",
                                SOURCE_ROOT "/data/default/bsol.json",
                                SOURCE_ROOT "/data/postcodes/bsol-postcodes.csv", csv, expected,
                                rows, NULL };
  g_autofree double *sync_block = NULL, *sync_wall = NULL;
  g_autofree double *async_block = NULL, *async_wall = NULL;
  int status = 0;

  g_assert_no_error (error);
  if (runs < 1)
    runs = 1;
  sync_block = g_new0 (double, runs);
  sync_wall = g_new0 (double, runs);
  async_block = g_new0 (double, runs);
  async_wall = g_new0 (double, runs);

  g_spawn_sync (NULL, (char **) argv_script, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    g_autoptr(FpStore) store = fp_store_create_default (template, &error);

    g_assert_no_error (error);
  }

  /* In turn, so both see the same load of a shared machine. */
  for (int i = 0; i < runs; i++)
    {
      sync_block[i] = run_once (template, path, csv, FALSE, &sync_wall[i]);
      async_block[i] = run_once (template, path, csv, TRUE, &async_wall[i]);
    }

  printf ("register of %s new buildings, applied through the workspace\n", rows);
  bench_report ("1. before (on the main thread): main loop's longest block", sync_block, runs,
                "target: -");
  bench_report ("2. after (worker thread): main loop's longest block", async_block, runs,
                "target: < 100 ms");
  bench_report ("3. before: wall time to the import read back", sync_wall, runs, "target: -");
  bench_report ("4. after: wall time to the import read back", async_wall, runs, "target: -");

  g_unlink (csv);
  g_unlink (expected);
  g_unlink (template);
  g_rmdir (dir);
  return 0;
}
