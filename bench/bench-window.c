/* bench-window.c: the window's speed and size, measured on the real footprint binary.
 *
 *   xvfb-run -a -s "-screen 0 1600x1000x24" _build/bench/bench-window [RUNS] [DATASET]
 *   FOOTPRINT_BENCH_APP=/tmp/footprint-before ... bench-window [RUNS]   (another binary)
 *
 * With DATASET (a dataset file, e.g. from bench/make-estate.py --preset england), the
 * documents are made from it instead of the built-in default, so the same measurements
 * are taken on a larger estate. FOOTPRINT_BENCH_APP (or FOOTPRINT_APP), when set, names the
 * binary to measure (a build from before a change, to compare both in one run).
 *
 * Runs under the display it is given (Xvfb, software rendering) with the window at the
 * schema's default size (1280×800) and prints, over RUNS (default 11):
 *   1. cold start: from starting the process to the first frame drawn, and to the first
 *      frame with the estate drawn (every visible tile of the basemap and the sites), on a
 *      new copy of the default document (target ≤ 1 s);
 *   2. resident memory (VmRSS) once the estate is drawn, and its peak (VmHWM) (target
 *      ≤ 300 MB);
 *   3. edit to updated frame: from win.add-change (or win.undo) being activated to the end
 *      of the frame that shows the edit (target ≤ 16 ms), on a scenario with moves, the
 *      map showing its arrows and the deprivation layer;
 *   4. frames per second while the map pans round a circle and zooms in and out for ten
 *      seconds, a step every frame, with every site, the arrows and the zone layer shown
 *      (target ≥ 55);
 *   4b. the same, zoomed out four levels first (as far as the map goes), so that a large
 *      estate is seen whole (issue 13: ≥ 30 with an England-size estate);
 *   4' and 4b'. the CPU time a frame of those pans, of the window's main thread and of the
 *      whole process, which a busy shared machine does not inflate as it does the wall
 *      clock (33 ms a frame on the main thread is 30 frames a second on a free core).
 * The window notes the times itself (FOOTPRINT_BENCH, see fp-window.c); this program starts
 * it, drives it through its actions on a private session bus, and reads the notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "footprint-core.h"
#include "bench-util.h"
#include "bench-app.h"

#define TIMEOUT_S 60

static char *folder;

/* The binary measured: the build's, or FOOTPRINT_BENCH_APP (a copy of an older build, to
 * measure before and after a change in one run, under the same load). */
static const char *
app_path (void)
{
  const char *path = g_getenv ("FOOTPRINT_BENCH_APP");

  if (path == NULL || *path == '\0')
    path = g_getenv ("FOOTPRINT_APP");
  return path != NULL && *path != '\0' ? path : FOOTPRINT_APP;
}

static double
status_mb (GPid        pid,
           const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", pid);
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (line = strstr (text, field)) == NULL)
    return -1;
  return g_ascii_strtod (line + strlen (field) + 1, NULL) / 1024.0;
}

/* CPU time in ms, from /proc: of the window's main thread (where GTK lays out and paints
 * with the cairo renderer) and of the whole process (the basemap's tiles are drawn in
 * worker threads). On a shared machine the wall clock holds other programs' work; this
 * does not. */
static double
cpu_ms (GPid     pid,
        gboolean main_thread)
{
  g_autofree char *path = main_thread ? g_strdup_printf ("/proc/%d/task/%d/stat", pid, pid)
                                      : g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *after;

  if (!g_file_get_contents (path, &text, NULL, NULL) || (after = strrchr (text, ')')) == NULL)
    return -1;
  /* After the command's name: state is field 3, utime 14, stime 15. */
  fields = g_strsplit (after + 2, " ", -1);
  if (g_strv_length (fields) < 13)
    return -1;
  return (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) * 1000.0 /
         sysconf (_SC_CLK_TCK);
}

static GSubprocessLauncher *
launcher_new (const char *notes,
              const char *bus)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                             G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autofree char *home = g_build_filename (folder, "home", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *cache = g_build_filename (home, "cache", NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "FOOTPRINT_BENCH", notes, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  return launcher;
}

/* 1 and 2: start, wait for the estate's first frame, read the memory, stop. */
static void
cold_starts (const char *document,
             int         runs)
{
  double *start = g_new0 (double, runs), *estate = g_new0 (double, runs);
  double *rss = g_new0 (double, runs), *hwm = g_new0 (double, runs);
  g_autofree char *bus = g_strdup_printf ("unix:path=%s/no-such-bus", folder);

  for (int r = 0; r < runs; r++)
    {
      g_autofree char *notes = g_strdup_printf ("%s/cold-%d.txt", folder, r);
      g_autoptr(GSubprocessLauncher) launcher = launcher_new (notes, bus);
      g_autoptr(GSubprocess) app = NULL;
      g_autoptr(GError) error = NULL;
      gint64 t0, first = -1, drawn = -1;
      GPid pid;

      g_unlink (notes);
      t0 = g_get_monotonic_time ();
      app = g_subprocess_launcher_spawn (launcher, &error, app_path (), document, NULL);
      g_assert_no_error (error);
      pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (app), NULL, 10);
      for (int i = 0; i < TIMEOUT_S * 100 && drawn < 0; i++)
        {
          g_usleep (10000);
          drawn = read_note (notes, "estate-frame", 0);
        }
      first = read_note (notes, "window-frame", 0);
      g_assert_cmpint (drawn, >, 0);
      g_usleep (500000);  /* what it holds once drawn, not while drawing */
      rss[r] = status_mb (pid, "VmRSS:");
      hwm[r] = status_mb (pid, "VmHWM:");
      start[r] = (first - t0) / 1000.0;
      estate[r] = (drawn - t0) / 1000.0;
      g_subprocess_force_exit (app);
      g_subprocess_wait (app, NULL, NULL);
    }

  bench_report ("1. start to the first frame drawn", start, runs, "wall");
  bench_report ("1. start to the first frame with the estate drawn", estate, runs, "wall");
  qsort (rss, runs, sizeof *rss, bench_compare_doubles);
  qsort (hwm, runs, sizeof *hwm, bench_compare_doubles);
  printf ("%-58s median %8.1f MB  min %8.1f  max %8.1f  (peak VmHWM median %.1f MB)\n",
          "2. resident memory once the estate is drawn", rss[runs / 2], rss[0], rss[runs - 1],
          hwm[runs / 2]);
  g_free (start);
  g_free (estate);
  g_free (rss);
  g_free (hwm);
}

/* 3 and 4: edits and panning, driven through the actions. */
static void
driven (const char *document,
        const char *site,
        int         runs)
{
  g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notes = g_strdup_printf ("%s/driven.txt", folder);
  g_autofree char *shot = g_strdup_printf ("%s/ready.png", folder);
  g_autofree char *change = NULL;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  double *edit = g_new0 (double, runs * 2);
  double *handled = g_new0 (double, runs * 2);
  double *handled_cpu = g_new0 (double, runs * 2);
  double *frame_cpu = g_new0 (double, runs * 2);
  double *access = g_new0 (double, runs * 2);
  double fps[3], fps_out[3], cpu_main[3], cpu_all[3], cpu_main_out[3], cpu_all_out[3];
  GPid pid;
  int n_edits = 0;

  g_test_dbus_up (bus);
  connection = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  g_unlink (notes);
  launcher = launcher_new (notes, g_test_dbus_get_bus_address (bus));
  if (display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, app_path (), document, NULL);
  g_assert_no_error (error);
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (app), NULL, 10);
  for (int i = 0; i < TIMEOUT_S * 10; i++)
    {
      g_autoptr(GVariant) reply = call (connection, "Describe",
                                        g_variant_new ("(s)", "select-scenario"));
      gboolean enabled = FALSE;

      if (reply != NULL)
        g_variant_get (reply, "((b&g@av))", &enabled, NULL, NULL);
      if (enabled)
        break;
      spin (100);
    }

  /* A scenario with moves, its arrows and the deprivation layer, drawn. */
  activate (connection, "select-scenario", g_variant_new_string ("Bench"));
  activate (connection, "set-year", g_variant_new_int32 (2030));
  activate (connection, "zone-layer", g_variant_new_string ("imd"));
  activate (connection, "save-screenshot", g_variant_new_string (shot));
  for (int i = 0; i < TIMEOUT_S * 10 && !g_file_test (shot, G_FILE_TEST_EXISTS); i++)
    spin (100);
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  /* Edits: a change of hours added, then undone, each to its frame. */
  change = g_strdup_printf ("{\"kind\": \"change_hours\", \"year\": 2027, \"site\": \"%s\", "
                            "\"hours_open_per_week\": 60}", site);
  for (int r = 0; r < runs; r++)
    {
      const char *actions[] = { "add-change", "undo" };

      for (guint a = 0; a < 2; a++)
        {
          guint before = count_notes (notes, "edit-frame");
          guint access_before = count_notes (notes, "access-frame");

          activate (connection, actions[a], a == 0 ? g_variant_new_string (change) : NULL);
          for (int i = 0; i < 500 && count_notes (notes, "edit-frame") == before; i++)
            spin (10);
          handled[n_edits] = read_note (notes, "edit-handled", before) / 1000.0;
          handled_cpu[n_edits] = read_note (notes, "edit-handled-cpu", before) / 1000.0;
          frame_cpu[n_edits] = read_note (notes, "edit-frame-cpu", before) / 1000.0;
          for (int i = 0; i < 200 && count_notes (notes, "access-frame") <= access_before; i++)
            spin (10);
          access[n_edits] = read_note (notes, "access-frame", access_before) / 1000.0;
          edit[n_edits++] = read_note (notes, "edit-frame", before) / 1000.0;
          spin (300);
        }
    }
  bench_report ("3. edit to the frame that shows it (add or undo)", edit, n_edits, "wall");
  bench_report ("   of which the edit and every view's update, before drawing", handled, n_edits,
                "wall");
  bench_report ("3. edit to the next frame, with its access figures", access, n_edits, "wall");
  bench_report ("3'. the same, CPU time of the window's thread", frame_cpu, n_edits, "CPU");
  bench_report ("   of which the edit and every view's update", handled_cpu, n_edits, "CPU");

  /* Panning and zooming for ten seconds, three times. */
  for (guint p = 0; p < G_N_ELEMENTS (fps); p++)
    {
      guint before = count_notes (notes, "pan-frames");
      double main0 = cpu_ms (pid, TRUE), all0 = cpu_ms (pid, FALSE);

      activate (connection, "bench-pan", g_variant_new_int32 (10));
      for (int i = 0; i < 1500 && count_notes (notes, "pan-frames") == before; i++)
        spin (20);
      fps[p] = read_note (notes, "pan-frames", before) /
               (read_note (notes, "pan-time", before) / 1e6);
      cpu_main[p] = (cpu_ms (pid, TRUE) - main0) / read_note (notes, "pan-frames", before);
      cpu_all[p] = (cpu_ms (pid, FALSE) - all0) / read_note (notes, "pan-frames", before);
    }
  qsort (fps, G_N_ELEMENTS (fps), sizeof *fps, bench_compare_doubles);
  printf ("%-58s median %8.1f fps  min %8.1f  max %8.1f  (3 runs of 10 s)\n",
          "4. frames a second, panning and zooming", fps[1], fps[0], fps[2]);
  qsort (cpu_main, G_N_ELEMENTS (cpu_main), sizeof *cpu_main, bench_compare_doubles);
  qsort (cpu_all, G_N_ELEMENTS (cpu_all), sizeof *cpu_all, bench_compare_doubles);
  printf ("%-58s median %8.1f ms   min %8.1f  max %8.1f  (all threads: median %.1f ms)\n",
          "4'. CPU a frame, the window's main thread", cpu_main[1], cpu_main[0], cpu_main[2],
          cpu_all[1]);

  /* 4b: zoomed out, a step at a time as the buttons do, each left to finish. */
  for (guint z = 0; z < 4; z++)
    {
      activate (connection, "zoom-out", NULL);
      spin (1000);
    }
  for (guint p = 0; p < G_N_ELEMENTS (fps_out); p++)
    {
      guint before = count_notes (notes, "pan-frames");
      double main0 = cpu_ms (pid, TRUE), all0 = cpu_ms (pid, FALSE);

      activate (connection, "bench-pan", g_variant_new_int32 (10));
      for (int i = 0; i < 1500 && count_notes (notes, "pan-frames") == before; i++)
        spin (20);
      fps_out[p] = read_note (notes, "pan-frames", before) /
                   (read_note (notes, "pan-time", before) / 1e6);
      cpu_main_out[p] = (cpu_ms (pid, TRUE) - main0) / read_note (notes, "pan-frames", before);
      cpu_all_out[p] = (cpu_ms (pid, FALSE) - all0) / read_note (notes, "pan-frames", before);
    }
  qsort (fps_out, G_N_ELEMENTS (fps_out), sizeof *fps_out, bench_compare_doubles);
  printf ("%-58s median %8.1f fps  min %8.1f  max %8.1f  (3 runs of 10 s)\n",
          "4b. the same, zoomed out four levels", fps_out[1], fps_out[0], fps_out[2]);
  qsort (cpu_main_out, G_N_ELEMENTS (cpu_main_out), sizeof *cpu_main_out, bench_compare_doubles);
  qsort (cpu_all_out, G_N_ELEMENTS (cpu_all_out), sizeof *cpu_all_out, bench_compare_doubles);
  printf ("%-58s median %8.1f ms   min %8.1f  max %8.1f  (all threads: median %.1f ms)\n",
          "4b'. CPU a frame, the window's main thread", cpu_main_out[1], cpu_main_out[0],
          cpu_main_out[2], cpu_all_out[1]);

  g_subprocess_force_exit (app);
  g_subprocess_wait (app, NULL, NULL);
  g_dbus_connection_close_sync (connection, NULL, NULL);
  g_test_dbus_down (bus);
  g_free (edit);
  g_free (handled);
  g_free (handled_cpu);
  g_free (frame_cpu);
  g_free (access);
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? atoi (argv[1]) : 11;
  const char *dataset = argc > 2 ? argv[2] : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL, *planned = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpWorkspace) workspace = NULL;
  const FpEstate *estate;
  const char *lift = NULL, *receiver = NULL, *nhsps = NULL;
  g_autofree char *receiver_id = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      fprintf (stderr, "bench-window: no display; run it inside xvfb-run -a\n");
      return 2;
    }
  if (runs < 3)
    runs = 3;

  folder = g_dir_make_tmp ("footprint-bench-XXXXXX", &error);
  g_assert_no_error (error);
  plain = g_build_filename (folder, "default.footprint", NULL);
  planned = g_build_filename (folder, "planned.footprint", NULL);
  g_clear_object (&store);
  store = dataset != NULL ? fp_store_create_from_dataset (plain, dataset, FALSE, &error)
                          : fp_store_create_default (plain, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* A scenario with arrows to draw: a LIFT building left, and two moves into LIFT rooms,
   * picked by rule from the data. */
  store = dataset != NULL ? fp_store_create_from_dataset (planned, dataset, FALSE, &error)
                          : fp_store_create_default (planned, &error);
  g_assert_no_error (error);
  workspace = fp_workspace_new_for_store (store, &error);
  g_assert_no_error (error);
  estate = fp_workspace_get_estate (workspace);
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *s = fp_estate_get_site (estate, i);

      if (s->status != FP_SITE_STATUS_CURRENT || !s->placed)
        continue;
      if (s->tenure == FP_TENURE_LIFT && lift == NULL)
        lift = s->id;
      else if (s->tenure == FP_TENURE_LIFT && receiver == NULL)
        receiver = s->id;
      else if (s->tenure == FP_TENURE_NHSPS && nhsps == NULL)
        nhsps = s->id;
    }
  g_assert_nonnull (fp_workspace_create_scenario (workspace, "Bench", NULL, NULL, &error));
  {
    g_autofree char *a = g_strdup_printf ("{\"kind\": \"exit_site\", \"year\": 2027, "
                                          "\"site\": \"%s\"}", lift);
    g_autofree char *b = g_strdup_printf ("{\"kind\": \"exit_site\", \"year\": 2027, "
                                          "\"site\": \"%s\", \"to_sites\": [\"%s\"]}", nhsps,
                                          receiver);

    fp_workspace_add_change_json (workspace, "Bench", a, NULL, &error);
    g_assert_no_error (error);
    fp_workspace_add_change_json (workspace, "Bench", b, NULL, &error);
    g_assert_no_error (error);
  }
  receiver_id = g_strdup (receiver);
  g_clear_object (&workspace);
  g_clear_object (&store);

  printf ("bench-window: %d runs, window 1280×800 (the schema's default), display %s, %s, %s\n",
          runs, g_getenv ("DISPLAY"), dataset != NULL ? dataset : "the default dataset",
          app_path ());
  cold_starts (plain, runs);
  driven (planned, receiver_id, runs);

  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", folder);

    if (system (cmd) != 0)
      fprintf (stderr, "bench-window: could not remove %s\n", folder);
  }
  return 0;
}
