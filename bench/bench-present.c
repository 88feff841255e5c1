/* bench-present.c: presentation mode's speed, measured on the real footprint binary.
 *
 *   xvfb-run -a -s "-screen 0 1920x1080x24" _build/bench/bench-present [RUNS]
 *
 * Starts the window on a new copy of the default document (its example options), enters
 * presentation mode (full screen at the display's size) and prints, over RUNS switches
 * (default 21):
 *   5. option switch to the finished frame: from win.present-option being handled to the
 *      end of the first frame drawn with the new option's results, animation off
 *      (target ≤ 100 ms);
 *   6. frames a second while a switch animates (the figures counting, the sites that
 *      change fading, the arrows growing), from the switch to the end of the animations
 *      (target ≥ 55), and the longest frame of each switch after its first (the first
 *      draws the new option whole: item 5).
 * The window notes the times itself (FOOTPRINT_BENCH, see fp-presentation.c); this
 * program drives it through its actions on a private session bus and reads the notes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "footprint-core.h"
#include "bench-util.h"
#include "bench-app.h"

#define TIMEOUT_S 60

static char *folder;

/* Switches option once and waits for the note NAME it leaves. */
static double
switch_and_read (GDBusConnection *connection,
                 const char      *notes,
                 const char      *name,
                 int              option,
                 double           scale)
{
  guint before = count_notes (notes, name);

  activate (connection, "present-option", g_variant_new_int32 (option));
  for (int i = 0; i < 1000 && count_notes (notes, name) == before; i++)
    spin (5);
  g_assert_cmpuint (count_notes (notes, name), >, before);
  return read_note (notes, name, before) / scale;
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? atoi (argv[1]) : 21;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) app = NULL;
  g_autofree char *document = NULL, *notes = NULL, *home = NULL, *data = NULL;
  g_autofree char *config = NULL, *cache = NULL, *shot = NULL;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  double *switches, *fps, *longest;
  guint n_longest = 0;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      fprintf (stderr, "bench-present: no display; run it inside xvfb-run -a\n");
      return 2;
    }
  if (runs < 3)
    runs = 3;
  switches = g_new0 (double, runs);
  fps = g_new0 (double, runs);
  longest = g_new0 (double, runs);

  folder = g_dir_make_tmp ("footprint-bench-XXXXXX", &error);
  g_assert_no_error (error);
  document = g_build_filename (folder, "default.footprint", NULL);
  notes = g_build_filename (folder, "notes.txt", NULL);
  shot = g_build_filename (folder, "present.png", NULL);
  store = fp_store_create_default (document, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  connection = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  home = g_build_filename (folder, "home", NULL);
  data = g_build_filename (home, "data", NULL);
  config = g_build_filename (home, "config", NULL);
  cache = g_build_filename (home, "cache", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", SCHEMA_DIR, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "FOOTPRINT_BENCH", notes, TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                g_test_dbus_get_bus_address (bus), TRUE);
  if (display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  app = g_subprocess_launcher_spawn (launcher, &error, FOOTPRINT_APP, document, NULL);
  g_assert_no_error (error);
  for (int i = 0; i < TIMEOUT_S * 10; i++)
    {
      g_autoptr(GVariant) reply = call (connection, "Describe", g_variant_new ("(s)", "present"));
      gboolean enabled = FALSE;

      if (reply != NULL)
        g_variant_get (reply, "((b&g@av))", &enabled, NULL, NULL);
      if (enabled)
        break;
      spin (100);
    }

  /* On the wall, in a year when the example options have taken effect, the map drawn. */
  activate (connection, "set-year", g_variant_new_int32 (2030));
  activate (connection, "present", NULL);
  activate (connection, "save-screenshot", g_variant_new_string (shot));
  for (int i = 0; i < TIMEOUT_S * 10 && !g_file_test (shot, G_FILE_TEST_EXISTS); i++)
    spin (100);
  g_assert_true (g_file_test (shot, G_FILE_TEST_EXISTS));

  /* 5: without animation, Do nothing and the options in turn. */
  activate (connection, "present-animate", g_variant_new_boolean (FALSE));
  for (int r = 0; r < runs; r++)
    {
      switches[r] = switch_and_read (connection, notes, "present-switch", 1 + r % 3, 1000.0);
      spin (150);
      switch_and_read (connection, notes, "present-switch", 0, 1000.0);
      spin (150);
    }
  bench_report ("5. option switch to the finished frame (no animation)", switches, runs, "wall");

  /* 6: with animation, each switch's frames a second. */
  activate (connection, "present-animate", g_variant_new_boolean (TRUE));
  for (int r = 0; r < runs; r++)
    {
      fps[r] = switch_and_read (connection, notes, "present-fps-milli", 1 + r % 3, 1000.0);
      /* Noted just before the frames a second (by a build that notes it). */
      if (count_notes (notes, "present-frame-longest") > n_longest)
        {
          longest[n_longest] = read_note (notes, "present-frame-longest", n_longest) / 1000.0;
          n_longest++;
        }
      spin (200);
    }
  qsort (fps, runs, sizeof *fps, bench_compare_doubles);
  printf ("%-58s median %8.1f fps  min %8.1f  max %8.1f  (%d switches)\n",
          "6. frames a second while a switch animates", fps[runs / 2], fps[0], fps[runs - 1],
          runs);
  if (n_longest > 0)
    bench_report ("6b. longest frame of a switch's animation", longest, n_longest, "wall");

  g_subprocess_force_exit (app);
  g_subprocess_wait (app, NULL, NULL);
  g_dbus_connection_close_sync (connection, NULL, NULL);
  g_test_dbus_down (bus);
  g_free (switches);
  g_free (fps);
  g_free (longest);
  return 0;
}
