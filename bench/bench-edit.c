/* bench-edit.c: how long one edit of a scenario takes through FpWorkspace, on the BSol
 * default document, from the call to the end of its "changed" signal.
 *
 *   _build/bench/bench-edit [RUNS] [FOLDER]
 *
 * The document is made in FOLDER (default: a new temporary folder), so the disk it is on
 * can be chosen: an edit is one transaction synced to the disk (synchronous = FULL), plus a
 * checkpoint, so the disk's sync time is part of it. Each run adds a change to a scenario
 * that is current (the workspace recomputes it before the signal), undoes it and redoes it.
 * Prints medians over RUNS (default 51) of:
 *   1. add a change (read inside the transaction, check against the engine, write, read
 *      back, commit, checkpoint, recompute the current scenario);
 *   2. undo it;
 *   3. redo it;
 *   4. the recompute alone (fp_workspace_set_current_scenario), for comparison.
 * Each is given as wall time and as this thread's CPU time: on a shared machine the wall
 * time holds waits for other programs' work and for the disk's sync, the CPU time only
 * Footprint's own. The window's target for an edit to an updated frame is 16 ms (issue 9).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <glib/gstdio.h>

#include "footprint-core.h"
#include "bench-util.h"

static guint signals;

static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_changed (FpWorkspace *workspace,
            guint        what,
            const char  *scenario,
            gpointer     user_data)
{
  signals++;
}

/* A current, placed NHS health centre: the site whose hours the edits change. */
static const char *
pick_site (const FpEstate *estate)
{
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *s = fp_estate_get_site (estate, i);

      if (s->type == FP_SITE_TYPE_HEALTH_CENTRE && s->placed && s->sector == FP_SECTOR_NHS &&
          s->status == FP_SITE_STATUS_CURRENT)
        return s->id;
    }

  g_error ("no health centre to change");
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? MAX (atoi (argv[1]), 3) : 51;
  g_autofree char *folder = argc > 2 ? g_strdup (argv[2])
                                     : g_dir_make_tmp ("bench-edit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "bench-edit.footprint", NULL);
  g_autofree double *add = g_new0 (double, runs);
  g_autofree double *undo = g_new0 (double, runs);
  g_autofree double *redo = g_new0 (double, runs);
  g_autofree double *recompute = g_new0 (double, runs);
  double *cpu[4];
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpWorkspace) workspace = NULL;
  g_autoptr(FpChange) change = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cpu); i++)
    cpu[i] = g_new0 (double, runs);

  g_unlink (path);
  store = fp_store_create_default (path, &error);
  g_assert_no_error (error);
  workspace = fp_workspace_new_for_store (store, &error);
  g_assert_no_error (error);
  g_signal_connect (workspace, "changed", G_CALLBACK (on_changed), NULL);

  change = fp_change_new (FP_CHANGE_CHANGE_HOURS, 2026);
  change->site = g_strdup (pick_site (fp_workspace_get_estate (workspace)));
  change->hours_open_per_week = 60;

  g_assert_nonnull (fp_workspace_create_scenario (workspace, "Bench", NULL, NULL, &error));
  g_assert_true (fp_workspace_set_current_scenario (workspace, "Bench", &error));

  for (int r = 0; r < runs; r++)
    {
      gint64 t0, t1, t2, t3, t4, c0, c1, c2, c3, c4;
      guint before = signals;

      c0 = cpu_usec ();
      t0 = g_get_monotonic_time ();
      if (!fp_workspace_add_change (workspace, "Bench", change, NULL, NULL, &error))
        g_error ("%s", error->message);
      t1 = g_get_monotonic_time ();
      c1 = cpu_usec ();
      if (!fp_workspace_undo (workspace, "Bench", NULL, &error))
        g_error ("%s", error->message);
      t2 = g_get_monotonic_time ();
      c2 = cpu_usec ();
      if (!fp_workspace_redo (workspace, "Bench", NULL, &error))
        g_error ("%s", error->message);
      t3 = g_get_monotonic_time ();
      c3 = cpu_usec ();
      if (!fp_workspace_set_current_scenario (workspace, "Bench", &error))
        g_error ("%s", error->message);
      t4 = g_get_monotonic_time ();
      c4 = cpu_usec ();

      g_assert_cmpuint (signals, ==, before + 4);
      add[r] = (t1 - t0) / 1000.0;
      undo[r] = (t2 - t1) / 1000.0;
      redo[r] = (t3 - t2) / 1000.0;
      recompute[r] = (t4 - t3) / 1000.0;
      cpu[0][r] = (c1 - c0) / 1000.0;
      cpu[1][r] = (c2 - c1) / 1000.0;
      cpu[2][r] = (c3 - c2) / 1000.0;
      cpu[3][r] = (c4 - c3) / 1000.0;
    }

  printf ("BSol default, %u changes in the scenario at the end, document in %s\n",
          fp_workspace_find_scenario (workspace, "Bench")->changes->len, folder);
  bench_report ("1. add a change (whole edit, to the end of \"changed\")", add, runs, "wall");
  bench_report ("2. undo it", undo, runs, "wall");
  bench_report ("3. redo it", redo, runs, "wall");
  bench_report ("4. recompute the current scenario alone", recompute, runs, "wall");
  bench_report ("1. add a change", cpu[0], runs, "CPU");
  bench_report ("2. undo it", cpu[1], runs, "CPU");
  bench_report ("3. redo it", cpu[2], runs, "CPU");
  bench_report ("4. recompute the current scenario alone", cpu[3], runs, "CPU");

  for (guint i = 0; i < G_N_ELEMENTS (cpu); i++)
    g_free (cpu[i]);
  g_clear_object (&workspace);
  g_clear_object (&store);
  if (argc <= 2)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (folder);
    }
  return EXIT_SUCCESS;
}
