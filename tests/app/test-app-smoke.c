/* test-app-smoke.c: run the real footprint binary and check what it shows.
 *
 * Each case starts `footprint` (named by $FOOTPRINT_APP) on the runner's display with its
 * own XDG folders and the build's compiled settings schema. The first cases let the app
 * save a picture of its window, and of the map alone (no legend), once every visible tile
 * and the sites are drawn (FOOTPRINT_SCREENSHOT, FOOTPRINT_MAP_SCREENSHOT) and quit itself
 * (FOOTPRINT_QUIT_AFTER_SCREENSHOT). The actions case gives the app a private session bus
 * (GTestDBus) and drives it from outside through its actions, as a user's script would
 * (org.gtk.Actions), saving a picture of each view in the build directory. The checks
 * compare the pictures with what the core computes and the settings schema say, not with
 * numbers written here.
 *
 * With no display the test skips (exit 77): run the suite inside `xvfb-run -a`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <sqlite3.h>

#include "footprint-core.h"
#include "fp-chart.h"
#include "fp-map-style.h"
#include "fp-palette.h"
#include "fp-test-util.h"

#define EXIT_SKIP 77

/* The displays the test was started on (GTestDBus unsets them). */
static char *test_display;
static char *test_wayland_display;
/* Longest a run may take before it counts as hung. */
#define RUN_TIMEOUT_SECONDS 60

typedef struct
{
  char *home;          /* the run's XDG folders live here */
  char *shot;          /* the window's picture */
  char *map_shot;      /* the map's picture */
  int   status;        /* exit status, or -1 if it did not exit by itself */
  char *out;
  char *err;
} AppRun;

static void
app_run_free (AppRun *run)
{
  if (run == NULL)
    return;
  g_free (run->home);
  g_free (run->shot);
  g_free (run->map_shot);
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AppRun, app_run_free)

static gboolean
on_timeout_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_communicated_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* In the sanitizer build the window itself runs with AddressSanitizer and UBSan, but
 * without LeakSanitizer: at exit it reports a direct leak of 16 KB allocated by g_malloc,
 * and nothing more of its stack. It is GLib's own: valgrind (whose unwinder needs no frame
 * pointers) shows the block allocated by GLib's constructor at load time (_dl_init), and
 * GLib 2.74's gquark.c allocates its first table of quarks there, 2,048 pointers (16 KB),
 * then leaks it on purpose when the 2,049th quark is made ("This leaks the old quarks
 * array", so that lookups need no lock), which the window's first run does. LSan's fast
 * unwinder stops at g_malloc (GLib has no frame pointers), so no suppression can name it
 * without also hiding every leak made through g_malloc; the slow unwinder, which could,
 * makes every allocation of the window far slower.
 * Memory errors still abort the window; leaks in Footprint's own code are still found by
 * the core tests and the CLI runs, which keep LeakSanitizer on. */
static void
sanitizer_env (GSubprocessLauncher *launcher)
{
  const char *asan = g_getenv ("ASAN_OPTIONS");

  if (asan != NULL)
    {
      g_autofree char *options = g_strconcat (asan, ":detect_leaks=0", NULL);

      g_subprocess_launcher_setenv (launcher, "ASAN_OPTIONS", options, TRUE);
    }
}

/* Runs footprint with @args in a fresh home and waits for it to quit by itself. */
static AppRun *
run_app (const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL, *config = NULL, *cache = NULL, *bus = NULL;
  AppRun *run = g_new0 (AppRun, 1);
  guint timeout_id;

  /* Under the test's temporary folder, which is removed when the test exits. */
  run->home = fp_test_tmpfile ("home");
  g_assert_cmpint (g_mkdir_with_parents (run->home, 0700), ==, 0);
  run->shot = g_build_filename (run->home, "window.png", NULL);
  run->map_shot = g_build_filename (run->home, "map.png", NULL);
  data = g_build_filename (run->home, "data", NULL);
  config = g_build_filename (run->home, "config", NULL);
  cache = g_build_filename (run->home, "cache", NULL);
  /* No session bus: the app must not hand over to a Footprint the tester has open. */
  bus = g_strdup_printf ("unix:path=%s/no-such-bus", run->home);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR",
                                g_getenv ("FOOTPRINT_SCHEMA_DIR"), TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus, TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  sanitizer_env (launcher);
  g_subprocess_launcher_setenv (launcher, "FOOTPRINT_SCREENSHOT", run->shot, TRUE);
  g_subprocess_launcher_setenv (launcher, "FOOTPRINT_MAP_SCREENSHOT", run->map_shot, TRUE);
  g_subprocess_launcher_setenv (launcher, "FOOTPRINT_QUIT_AFTER_SCREENSHOT", "1", TRUE);

  g_ptr_array_add (argv, (char *) g_getenv ("FOOTPRINT_APP"));
  for (guint i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  timeout_id = g_timeout_add_seconds (RUN_TIMEOUT_SECONDS, on_timeout_cb, cancellable);
  g_subprocess_communicate_utf8_async (process, NULL, cancellable, on_communicated_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  if (!g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error))
    {
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      g_test_message ("footprint did not quit within %d s: %s", RUN_TIMEOUT_SECONDS,
                      error->message);
      run->status = -1;
    }
  else
    {
      g_source_remove (timeout_id);
      run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                         : -1;
    }

  if (run->err != NULL && *run->err != '\0')
    g_test_message ("footprint said on stderr:\n%s", run->err);

  return run;
}

/* Every pixel of a picture as 0xRRGGBB, counted. */
static GHashTable *
count_colours (const char *path,
               int        *width,
               int        *height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &error);
  GHashTable *counts = g_hash_table_new (NULL, NULL);
  const guint8 *pixels;
  int rowstride, channels;

  g_assert_no_error (error);
  *width = gdk_pixbuf_get_width (pixbuf);
  *height = gdk_pixbuf_get_height (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);

  for (int y = 0; y < *height; y++)
    for (int x = 0; x < *width; x++)
      {
        const guint8 *p = pixels + y * rowstride + x * channels;
        guint32 rgb = ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];
        gpointer n = g_hash_table_lookup (counts, GUINT_TO_POINTER (rgb));

        g_hash_table_insert (counts, GUINT_TO_POINTER (rgb),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
      }

  return counts;
}

static guint
pixels_of (GHashTable *counts,
           guint32     rgb)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (rgb)));
}

static int
settings_int (GKeyFile   *keyfile,
              const char *key)
{
  g_autoptr(GError) error = NULL;
  int value = g_key_file_get_integer (keyfile, "io/github/footprint/Footprint", key, &error);

  g_assert_no_error (error);
  return value;
}

static int
schema_default_int (const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) schema_key = NULL;
  g_autoptr(GVariant) value = NULL;

  source = g_settings_schema_source_new_from_directory (g_getenv ("FOOTPRINT_SCHEMA_DIR"),
                                                        NULL, FALSE, &error);
  g_assert_no_error (error);
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, FALSE);
  g_assert_nonnull (schema);
  schema_key = g_settings_schema_get_key (schema, key);
  value = g_settings_schema_key_get_default_value (schema_key);
  return g_variant_get_int32 (value);
}

/* First run: the default document is created, the window is drawn and remembered. */
static void
test_first_run (void)
{
  g_autoptr(AppRun) run = run_app (NULL);
  g_autoptr(GHashTable) window_colours = NULL;
  g_autoptr(GHashTable) map_colours = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpEstate) builtin = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *document = NULL;
  g_autofree char *keyfile_path = NULL;
  int width, height, map_width, map_height;

  g_assert_cmpint (run->status, ==, 0);
  /* No warning from GTK or the app either (a template with a bad property says so here). */
  g_assert_null (strstr (run->err, "-CRITICAL **"));
  g_assert_null (strstr (run->err, "-WARNING **"));

  /* The window's picture has the window's size: the schema's default on a first run, and
   * what the window saved in the settings when it closed. */
  g_assert_true (g_file_test (run->shot, G_FILE_TEST_IS_REGULAR));
  window_colours = count_colours (run->shot, &width, &height);
  keyfile_path = g_build_filename (run->home, "config", "glib-2.0", "settings", "keyfile", NULL);
  g_key_file_load_from_file (keyfile, keyfile_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (width, ==, settings_int (keyfile, "window-width"));
  g_assert_cmpint (height, ==, settings_int (keyfile, "window-height"));
  g_assert_cmpint (width, ==, schema_default_int ("window-width"));
  g_assert_cmpint (height, ==, schema_default_int ("window-height"));

  /* The default document was created from the built-in dataset. */
  document = g_build_filename (run->home, "data", "footprint", "estate.footprint", NULL);
  g_assert_true (g_file_test (document, G_FILE_TEST_IS_REGULAR));
  store = fp_store_open (document, &error);
  g_assert_no_error (error);
  estate = fp_store_load_estate (store, &error);
  g_assert_no_error (error);
  builtin = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  g_assert_cmpuint (estate->sites->len, ==, builtin->sites->len);
  g_assert_cmpuint (estate->sites->len, >, 0);

  /* The map is drawn: the basemap's land and the area around it are both on screen... */
  map_colours = count_colours (run->map_shot, &map_width, &map_height);
  g_assert_cmpint (map_width, >, 0);
  g_assert_cmpint (map_width, <, width);
  g_assert_cmpuint (pixels_of (map_colours, FP_PALETTE_MAP_LAND), >, 0);
  g_assert_cmpuint (pixels_of (map_colours, FP_PALETTE_MAP_OUTSIDE), >, 0);
  g_assert_cmpuint (g_hash_table_size (map_colours), >, FP_N_TENURES);

  /* ...and every class of the utilisation key that has a current site on the map shows in
   * its colour (the map picture has no legend over it, so the colour comes from the site
   * layer): the window opens on Do nothing in the base year, coloured by utilisation. */
  {
    g_autoptr(FpModel) model = fp_model_new (estate, &error);
    g_autoptr(FpResults) results = NULL;
    g_autoptr(FpScale) scale = NULL;
    guint by_class[16] = { 0 };

    g_assert_no_error (error);
    results = fp_compute_scenario (model, NULL, NULL, &error);
    g_assert_no_error (error);
    scale = fp_scale_new_for_colour_by (FP_COLOUR_BY_UTILISATION,
                                        fp_model_get_assumption (model, "target_room_utilisation"));
    for (guint i = 0; i < estate->sites->len; i++)
      {
        const FpSite *site = fp_estate_get_site (estate, i);
        int c = fp_scale_classify (scale, fp_map_style_site_value (FP_COLOUR_BY_UTILISATION,
                                                                   estate, results, i, 0));

        if (site->placed && site->status == FP_SITE_STATUS_CURRENT && c >= 0)
          by_class[c]++;
      }
    for (guint c = 0; c < scale->classes->len; c++)
      {
        guint32 rgb = g_array_index (scale->classes, FpScaleClass, c).rgb;
        guint n = pixels_of (map_colours, rgb);

        g_test_message ("%s: %u sites on the map, %u pixels of #%06X",
                        g_array_index (scale->classes, FpScaleClass, c).label, by_class[c], n, rgb);
        if (by_class[c] > 0)
          g_assert_cmpuint (n, >, 0);
      }
  }
}

/* A file that is not a Footprint document: the core's message, no crash, no default. */
static void
test_not_a_document (void)
{
  g_autofree char *path = fp_test_tmpfile ("notes.footprint");
  const char *args[] = { NULL, NULL };
  g_autoptr(AppRun) run = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;

  g_file_set_contents (path, "These are meeting notes, not an estate.\n", -1, &error);
  g_assert_no_error (error);

  /* What the core says about this file is what the user must be told. */
  store = fp_store_open (path, &expected);
  g_assert_null (store);
  g_assert_nonnull (expected);

  args[0] = path;
  run = run_app (args);
  g_assert_cmpint (run->status, ==, 0);
  g_assert_nonnull (strstr (run->err, expected->message));
  g_assert_true (g_file_test (run->shot, G_FILE_TEST_IS_REGULAR));
  /* The default document is not touched when a document is named. */
  {
    g_autofree char *document = g_build_filename (run->home, "data", "footprint",
                                                  "estate.footprint", NULL);
    g_assert_false (g_file_test (document, G_FILE_TEST_EXISTS));
  }
}


/* ---- driving the window through its actions ------------------------------------- */

#define SCENARIO "Leave Hodge Hill"
#define LIFT_SITE "Y02567"
#define WINDOW_PATH "/io/github/footprint/Footprint/window/1"
#define APP_PATH "/io/github/footprint/Footprint"

typedef struct
{
  GTestDBus       *bus;
  GDBusConnection *connection;
  GSubprocess     *process;
  char            *home;
  char            *document;
  char            *log;
} Driven;

static void
driven_free (Driven *run)
{
  if (run->process != NULL)
    {
      g_subprocess_force_exit (run->process);
      g_subprocess_wait (run->process, NULL, NULL);
      g_clear_object (&run->process);
    }
  g_clear_object (&run->connection);
  if (run->bus != NULL)
    {
      g_test_dbus_down (run->bus);
      g_clear_object (&run->bus);
    }
  g_free (run->home);
  g_free (run->document);
  g_free (run->log);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Driven, driven_free)

static gboolean
wait_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wait_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* org.gtk.Actions.Describe: whether the action is enabled, and its state (or NULL). */
static gboolean
describe (Driven      *run,
          const char  *action,
          GVariant   **state)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) states = NULL;
  g_autoptr(GError) error = NULL;
  gboolean enabled = FALSE;

  /* The test measures no speed: on a loaded machine the window may be busy for longer
   * than a D-Bus call's timeout (an appraisal, an export), so a call that timed out is
   * asked again, up to the run's own limit. */
  for (guint waited = 0; ; waited += 5)
    {
      reply = g_dbus_connection_call_sync (run->connection, APPLICATION_ID, WINDOW_PATH,
                                           "org.gtk.Actions", "Describe",
                                           g_variant_new ("(s)", action),
                                           G_VARIANT_TYPE ("((bgav))"),
                                           G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
      if (reply != NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
          waited >= RUN_TIMEOUT_SECONDS)
        break;
      g_test_message ("win.%s: the window did not answer in 5 s; asking again", action);
      g_clear_error (&error);
    }
  if (reply == NULL)
    return FALSE;   /* also while the window is starting: callers poll */

  g_variant_get (reply, "((b&g@av))", &enabled, NULL, &states);
  if (state != NULL)
    {
      *state = NULL;
      if (g_variant_n_children (states) > 0)
        {
          g_autoptr(GVariant) boxed = g_variant_get_child_value (states, 0);

          *state = g_variant_get_variant (boxed);
        }
    }
  return enabled;
}

/* org.gtk.Actions.Activate on the window (or the application, for "app." actions). */
static void
activate (Driven     *run,
          const char *action,
          GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  GVariantBuilder params;
  gboolean app = g_str_has_prefix (action, "app.");

  g_variant_builder_init (&params, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&params, "v", parameter);

  reply = g_dbus_connection_call_sync (run->connection, APPLICATION_ID,
                                       app ? APP_PATH : WINDOW_PATH, "org.gtk.Actions",
                                       "Activate",
                                       g_variant_new ("(sav@a{sv})", app ? action + 4 : action,
                                                      &params,
                                                      g_variant_new_array (G_VARIANT_TYPE ("{sv}"),
                                                                           NULL, 0)),
                                       NULL, G_DBUS_CALL_FLAGS_NONE,
                                       /* answered once the action has run: not asked
                                        * twice, so given the run's whole limit */
                                       RUN_TIMEOUT_SECONDS * 1000, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_state (Driven     *run,
              const char *action,
              GVariant   *expected)
{
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GVariant) want = g_variant_ref_sink (expected);

  g_assert_true (describe (run, action, &state));
  g_assert_nonnull (state);
  if (!g_variant_equal (state, want))
    {
      g_autofree char *got = g_variant_print (state, TRUE);
      g_autofree char *wanted = g_variant_print (want, TRUE);

      g_error ("win.%s is %s, not %s", action, got, wanted);
    }
}

/* Asks the window for a picture (win.save-screenshot; "map:" for the map alone) and
 * waits until it is written; a copy goes to the build directory for people to look at. */
static char *
picture (Driven     *run,
         const char *name,
         gboolean    map_only)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (run->home, file, NULL);
  g_autofree char *request = map_only ? g_strconcat ("map:", path, NULL) : g_strdup (path);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  activate (run, "save-screenshot", g_variant_new_string (request));
  for (guint i = 0; i < RUN_TIMEOUT_SECONDS * 10 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    spin (100);
  if (map_only)
    {
      /* The window's picture is written last: the map's is there once it is. */
      g_autofree char *window = g_strconcat (path, ".window.png", NULL);

      for (guint i = 0; i < 50 && !g_file_test (window, G_FILE_TEST_EXISTS); i++)
        spin (100);
    }
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  kept = g_strdup_printf ("%s/app-%s.png", g_getenv ("G_TEST_BUILDDIR"), name);
  g_file_set_contents (kept, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static Driven *
drive_app (void)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpScenario) scenario = NULL;
  g_autofree char *data = NULL, *config = NULL, *cache = NULL;
  g_autofree char *display = NULL, *wayland = NULL;
  Driven *run = g_new0 (Driven, 1);
  FpChange *exit;

  run->home = fp_test_tmpfile ("driven");
  g_assert_cmpint (g_mkdir_with_parents (run->home, 0700), ==, 0);
  data = g_build_filename (run->home, "data", NULL);
  config = g_build_filename (run->home, "config", NULL);
  cache = g_build_filename (run->home, "cache", NULL);
  run->log = g_build_filename (run->home, "footprint.log", NULL);

  /* A document with one scenario: leave a LIFT building. */
  run->document = g_build_filename (run->home, "bsol.footprint", NULL);
  store = fp_store_create_default (run->document, &error);
  g_assert_no_error (error);
  scenario = fp_scenario_new (SCENARIO);
  exit = fp_change_new (FP_CHANGE_EXIT_SITE, 2027);
  exit->site = g_strdup (LIFT_SITE);
  g_ptr_array_add (scenario->changes, exit);
  scenario->applied = 1;
  fp_store_insert_scenario (store, scenario, FALSE, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  /* GTestDBus unsets DISPLAY (it must not autolaunch a bus on it), and does not set it
   * back when it goes down: the app needs it, as it was when the test started, each time
   * one is started. */
  display = g_strdup (test_display);
  wayland = g_strdup (test_wayland_display);
  run->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (run->bus);
  run->connection = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (run->bus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  if (display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  if (wayland != NULL)
    g_subprocess_launcher_setenv (launcher, "WAYLAND_DISPLAY", wayland, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  if (display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  if (wayland != NULL)
    g_subprocess_launcher_setenv (launcher, "WAYLAND_DISPLAY", wayland, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR",
                                g_getenv ("FOOTPRINT_SCHEMA_DIR"), TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                g_test_dbus_get_bus_address (run->bus), TRUE);
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "NO_AT_BRIDGE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  sanitizer_env (launcher);
  g_subprocess_launcher_unsetenv (launcher, "FOOTPRINT_SCREENSHOT");
  g_subprocess_launcher_set_stdout_file_path (launcher, run->log);
  g_subprocess_launcher_set_stderr_file_path (launcher, run->log);
  run->process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("FOOTPRINT_APP"),
                                              run->document, NULL);
  g_assert_no_error (error);

  /* Ready when the window's actions are on the bus and enabled (the document is open). */
  for (guint i = 0; i < RUN_TIMEOUT_SECONDS * 10 && !describe (run, "select-scenario", NULL) &&
                  g_subprocess_get_identifier (run->process) != NULL; i++)
    spin (100);
  if (!describe (run, "select-scenario", NULL))
    {
      g_autofree char *log = NULL;

      g_file_get_contents (run->log, &log, NULL, NULL);
      g_test_message ("footprint did not show its document; it said:\n%s", log);
    }
  g_assert_true (describe (run, "select-scenario", NULL));

  return run;
}

static GHashTable *
count_file (const char *path)
{
  int width, height;

  return count_colours (path, &width, &height);
}

/* Pixels of the picture that are near black: text and outlines drawn on a light view. */
static guint
dark_pixels (GHashTable *colours)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, colours);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 rgb = GPOINTER_TO_UINT (key);

      if (((rgb >> 16) & 0xff) < 80 && ((rgb >> 8) & 0xff) < 80 && (rgb & 0xff) < 80)
        n += GPOINTER_TO_UINT (value);
    }
  return n;
}

static void
test_actions (void)
{
  g_autoptr(Driven) run = drive_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpWorkspace) workspace = NULL;
  g_autoptr(FpResults) results = NULL;
  g_autoptr(FpScale) scale = NULL;
  g_autoptr(GHashTable) first = NULL;
  g_autofree char *log = NULL;
  const FpEstate *estate;
  guint year, lift;
  int base_year;

  /* What the core says, to compare with what the window draws. */
  workspace = fp_workspace_open (run->document, NULL, &error);
  g_assert_no_error (error);
  estate = fp_workspace_get_estate (workspace);
  base_year = estate->base_year;
  g_assert_true (fp_estate_find_site (estate, LIFT_SITE, &lift));
  g_assert_cmpint (fp_estate_get_site (estate, lift)->tenure, ==, FP_TENURE_LIFT);

  /* Every action the issue names is on the bus. */
  {
    static const char * const named[] = {
      "select-scenario", "set-year", "select-site", "colour-by", "zone-layer",
      "new-scenario", "add-change", "remove-change", "undo", "redo",
    };

    for (guint i = 0; i < G_N_ELEMENTS (named); i++)
      {
        g_autoptr(GVariant) reply = g_dbus_connection_call_sync (
          run->connection, APPLICATION_ID, WINDOW_PATH, "org.gtk.Actions", "Describe",
          g_variant_new ("(s)", named[i]), NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);

        g_assert_no_error (error);
        g_assert_nonnull (reply);
      }
  }

  /* The first view: Do nothing in the base year, nothing selected. */
  assert_state (run, "select-scenario", g_variant_new_string (FP_DO_NOTHING));
  assert_state (run, "set-year", g_variant_new_int32 (base_year));
  assert_state (run, "select-site", g_variant_new_string (""));
  g_free (picture (run, "map", FALSE));

  /* The scenario and a later year. */
  activate (run, "select-scenario", g_variant_new_string (SCENARIO));
  assert_state (run, "select-scenario", g_variant_new_string (SCENARIO));
  activate (run, "set-year", g_variant_new_int32 (base_year + 5));
  assert_state (run, "set-year", g_variant_new_int32 (base_year + 5));
  /* A year outside the horizon is refused and changes nothing. */
  activate (run, "set-year", g_variant_new_int32 (base_year - 30));
  assert_state (run, "set-year", g_variant_new_int32 (base_year + 5));
  /* So is a scenario the document does not have. */
  activate (run, "select-scenario", g_variant_new_string ("No such scenario"));
  assert_state (run, "select-scenario", g_variant_new_string (SCENARIO));

  /* The LIFT building it leaves, selected: its details replace the list. */
  activate (run, "select-site", g_variant_new_string (LIFT_SITE));
  assert_state (run, "select-site", g_variant_new_string (LIFT_SITE));
  {
    g_autofree char *path = picture (run, "site", FALSE);
    g_autoptr(GHashTable) colours = count_file (path);

    g_assert_cmpuint (g_hash_table_size (colours), >, 50);
  }

  /* Coloured by category: each category the scenario's sites have that year shows in
   * its colour. */
  results = fp_workspace_compute (workspace, SCENARIO, &error);
  g_assert_no_error (error);
  year = 5;
  activate (run, "colour-by", g_variant_new_string ("category"));
  assert_state (run, "colour-by", g_variant_new_string ("category"));
  scale = fp_scale_new_for_colour_by (FP_COLOUR_BY_CATEGORY, 0.85);
  {
    g_autofree char *path = picture (run, "category", TRUE);
    g_autoptr(GHashTable) colours = count_file (path);
    guint by_class[8] = { 0 };

    for (guint i = 0; i < results->n_sites; i++)
      {
        const FpSiteYear *sy = fp_results_get (results, i, year);
        int c = fp_scale_classify (scale, fp_map_style_site_value (FP_COLOUR_BY_CATEGORY, estate,
                                                                   results, i, year));

        if (results->sites[i].placed && sy->held && c >= 0 && i != lift &&
            fp_estate_get_site (estate, i)->status == FP_SITE_STATUS_CURRENT)
          by_class[c]++;
      }
    for (guint c = 0; c < scale->classes->len; c++)
      {
        guint32 rgb = g_array_index (scale->classes, FpScaleClass, c).rgb;

        g_test_message ("category %s: %u sites, %u pixels", 
                        g_array_index (scale->classes, FpScaleClass, c).label, by_class[c],
                        pixels_of (colours, rgb));
        if (by_class[c] > 0)
          g_assert_cmpuint (pixels_of (colours, rgb), >, 0);
      }
    first = g_hash_table_ref (colours);
  }

  /* The zone layer: the deprivation deciles of the LSOAs, drawn opaque in the key's
   * colours, cover the land. */
  activate (run, "zone-layer", g_variant_new_string ("imd"));
  assert_state (run, "zone-layer", g_variant_new_string ("imd"));
  {
    g_autofree char *path = picture (run, "zones", TRUE);
    g_autoptr(GHashTable) colours = count_file (path);
    g_autoptr(FpScale) zones = fp_scale_new_for_zone_layer (FP_ZONE_LAYER_IMD);
    guint by_class[8] = { 0 };

    for (guint z = 0; z < estate->zones->len; z++)
      {
        int c = fp_scale_classify (zones, g_array_index (estate->zones, FpZone, z).imd_decile);

        if (c >= 0)
          by_class[c]++;
      }
    for (guint c = 0; c < zones->classes->len; c++)
      if (by_class[c] > 0)
        g_assert_cmpuint (pixels_of (colours, g_array_index (zones->classes, FpScaleClass, c).rgb),
                          >, 0);
    /* The land's own colour gives way to the zones. */
    g_assert_cmpuint (pixels_of (colours, FP_PALETTE_MAP_LAND), <,
                      pixels_of (first, FP_PALETTE_MAP_LAND) / 10);
  }

  /* A zone layer the app does not have is refused. */
  activate (run, "zone-layer", g_variant_new_string ("weather"));
  assert_state (run, "zone-layer", g_variant_new_string ("imd"));
  activate (run, "zone-layer", g_variant_new_string ("none"));

  /* The sites table, showing the scenario's figures: drawn rows of text. */
  activate (run, "clear-selection", NULL);
  assert_state (run, "select-site", g_variant_new_string (""));
  activate (run, "show-view", g_variant_new_string ("sites"));
  assert_state (run, "show-view", g_variant_new_string ("sites"));
  {
    g_autofree char *path = picture (run, "sites", FALSE);
    g_autoptr(GHashTable) colours = count_file (path);

    /* Dozens of rows of dark text: thousands of dark pixels. */
    g_assert_cmpuint (dark_pixels (colours), >, 5000);
  }

  activate (run, "app.quit", NULL);
  for (guint i = 0; i < 100 && g_subprocess_get_identifier (run->process) != NULL; i++)
    spin (100);
  g_file_get_contents (run->log, &log, NULL, NULL);
  g_test_message ("footprint said:\n%s", log != NULL ? log : "");
  g_assert_null (strstr (log, "-CRITICAL **"));
  g_assert_null (strstr (log, "-WARNING **"));
}

/* ---- the appraisal, exports and an import, through the window's actions ---------- */

/* Waits until @action is enabled (or not), as a control's state lands after a moment. */
static gboolean
wait_enabled (Driven     *run,
              const char *action,
              gboolean    enabled)
{
  for (guint i = 0; i < RUN_TIMEOUT_SECONDS * 10; i++)
    {
      if (describe (run, action, NULL) == enabled)
        return TRUE;
      spin (100);
    }
  return FALSE;
}

static void
wait_for_file (Driven     *run,
               const char *path)
{
  for (guint i = 0; i < RUN_TIMEOUT_SECONDS * 10 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    spin (100);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *log = NULL;

      g_file_get_contents (run->log, &log, NULL, NULL);
      g_test_message ("%s was not written; footprint said:\n%s", path, log);
    }
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

/* The document's score, read by another connection as any program would. */
static double
stored_score (const char *document,
              const char *option,
              const char *criterion)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_open (document, &error);
  g_autoptr(FpScoring) scoring = NULL;
  double score;

  g_assert_no_error (error);
  scoring = fp_store_load_scoring (store, &error);
  g_assert_no_error (error);
  return fp_scoring_get_score (scoring, option, criterion, &score) ? score : -1;
}

static guint
stored_sites (const char *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_open (document, &error);
  g_autoptr(FpEstate) estate = NULL;

  g_assert_no_error (error);
  estate = fp_store_load_estate (store, &error);
  g_assert_no_error (error);
  return estate->sites->len;
}

/* The names of the document's scenarios, as the store lists them (by name). */
static GStrv
stored_scenario_names (const char *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = fp_store_open (document, &error);
  g_autoptr(GPtrArray) scenarios = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  g_assert_no_error (error);
  scenarios = fp_store_load_scenarios (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < scenarios->len; i++)
    g_strv_builder_add (names, ((FpScenario *) g_ptr_array_index (scenarios, i))->name);
  return g_strv_builder_end (names);
}

static void
test_appraisal_export_import (void)
{
  g_autoptr(Driven) run = drive_app ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (run->home, "out", NULL);
  g_autofree char *workbook = g_build_filename (out, "appraisal.xlsx", NULL);
  g_autofree char *slide = g_build_filename (out, "map.png", NULL);
  g_autofree char *chart = g_build_filename (out, "net.svg", NULL);
  g_autofree char *chart_request = g_strconcat ("net-benefit:", chart, NULL);
  g_autofree char *register_path = g_build_filename (run->home, "register.csv", NULL);
  g_autofree char *review = g_build_filename (run->home, "import-review.png", NULL);
  g_autofree char *log = NULL;
  guint n_sites;

  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);

  /* The Appraisal view: the table, the chart in the first option's colour, the ledger. */
  activate (run, "show-view", g_variant_new_string ("appraisal"));
  assert_state (run, "show-view", g_variant_new_string ("appraisal"));
  /* Every scenario of the document (the example options a new one starts with, and the
   * test's own) is an option at first. */
  {
    g_auto(GStrv) names = stored_scenario_names (run->document);

    g_assert_true (g_strv_contains ((const char * const *) names, SCENARIO));
    assert_state (run, "appraisal-options",
                  g_variant_new_strv ((const char * const *) names, -1));
  }
  {
    g_autofree char *path = picture (run, "appraisal", FALSE);
    g_autoptr(GHashTable) colours = count_file (path);

    g_assert_cmpuint (dark_pixels (colours), >, 5000);
    g_assert_cmpuint (pixels_of (colours, fp_palette_option (1)), >, 50);
  }

  /* A score, through the action: the document holds it; a score out of range is refused
   * and changes nothing. */
  activate (run, "set-score", g_variant_new ("(ssd)", SCENARIO, "strategic_fit", 7.0));
  for (guint i = 0; i < 50 && stored_score (run->document, SCENARIO, "strategic_fit") != 7; i++)
    spin (100);
  g_assert_cmpfloat (stored_score (run->document, SCENARIO, "strategic_fit"), ==, 7);
  activate (run, "set-score", g_variant_new ("(ssd)", SCENARIO, "strategic_fit", 11.0));
  spin (500);
  g_assert_cmpfloat (stored_score (run->document, SCENARIO, "strategic_fit"), ==, 7);

  /* The workbook, written by the window without a chooser, read back independently. */
  activate (run, "export-appraisal", g_variant_new_string (workbook));
  wait_for_file (run, workbook);
  if (g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      const char *argv[] = {
        "/usr/bin/python3", "-c",
        "import sys, openpyxl\n"
        "wb = openpyxl.load_workbook(sys.argv[1])\n"
        "print('\\n'.join(wb.sheetnames))\n"
        "print('score', [c.value for row in wb['Scoring'].iter_rows() for c in row].count(7))\n",
        workbook, NULL,
      };
      g_autofree char *stdout_text = NULL;
      g_autofree char *stderr_text = NULL;
      int status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text,
                    &stderr_text, &status, &error);
      g_assert_no_error (error);
      if (status == 0)
        {
          g_test_message ("the workbook's sheets:\n%s", stdout_text);
          g_assert_true (g_str_has_prefix (stdout_text, FP_XLSX_SHEET_SUMMARY "\n"
                                                        FP_XLSX_SHEET_ASSUMPTIONS "\n"));
          g_assert_nonnull (strstr (stdout_text, "\n" FP_XLSX_SHEET_SCORING "\n"));
          /* The score set through the window is in the Scoring sheet. */
          g_assert_null (strstr (stdout_text, "score 0\n"));
        }
      else
        g_test_message ("openpyxl could not read the workbook (%s); checked it exists only",
                        stderr_text);
    }

  /* The map as a slide, and a chart. */
  activate (run, "export-map", g_variant_new_string (slide));
  activate (run, "export-chart", g_variant_new_string (chart_request));
  wait_for_file (run, slide);
  wait_for_file (run, chart);
  {
    g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (slide, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (pixbuf) * 9, ==, gdk_pixbuf_get_height (pixbuf) * 16);
  }

  /* An import of a tiny register: the file is read, its columns confirmed, the plan
   * applied; the document gains two sites; undo takes them away again. */
  g_file_set_contents (register_path, "Site code,Name,Type,Postcode,GIA (m²)\n"
                                      "NEW1,Alpha Clinic,Health centre,B15 2TT,420\n"
                                      "NEW2,Beta Hub,Hub,B33 8TD,1200\n", -1, &error);
  g_assert_no_error (error);
  n_sites = stored_sites (run->document);
  g_assert_false (describe (run, "undo-import", NULL));
  activate (run, "import", g_variant_new_string (register_path));
  g_assert_true (wait_enabled (run, "import-continue", TRUE));
  spin (500);
  activate (run, "import-continue", NULL);
  g_assert_true (wait_enabled (run, "import-apply", TRUE));
  activate (run, "import-screenshot", g_variant_new_string (review));
  wait_for_file (run, review);
  {
    g_autoptr(GHashTable) colours = count_file (review);

    g_assert_cmpuint (dark_pixels (colours), >, 1000);
  }
  g_assert_cmpuint (stored_sites (run->document), ==, n_sites);
  activate (run, "import-apply", NULL);
  g_assert_true (wait_enabled (run, "undo-import", TRUE));
  g_assert_cmpuint (stored_sites (run->document), ==, n_sites + 2);
  g_assert_false (describe (run, "import-apply", NULL));

  activate (run, "undo-import", NULL);
  g_assert_true (wait_enabled (run, "redo-import", TRUE));
  g_assert_cmpuint (stored_sites (run->document), ==, n_sites);
  g_assert_false (describe (run, "undo-import", NULL));

  /* The window still draws the map of the estate after it was read again. */
  activate (run, "show-view", g_variant_new_string ("map"));
  g_free (picture (run, "after-import-undone", TRUE));

  activate (run, "app.quit", NULL);
  for (guint i = 0; i < 100 && g_subprocess_get_identifier (run->process) != NULL; i++)
    spin (100);
  g_file_get_contents (run->log, &log, NULL, NULL);
  g_test_message ("footprint said:\n%s", log != NULL ? log : "");
  g_assert_nonnull (strstr (log, "Imported register.csv: 2 new sites"));
  g_assert_nonnull (strstr (log, "Undid the import of register.csv"));
  g_assert_null (strstr (log, "-CRITICAL **"));
  g_assert_null (strstr (log, "-WARNING **"));
}

/* ---- a large import, written while the window keeps answering ---------------------- */

#define LARGE_IMPORT_ROWS 5000

/* A register of @n new buildings, placed by latitude and longitude inside Birmingham (so
 * no postcode is needed), with made-up names: test input, not data about buildings. */
static void
write_large_register (const char *path,
                      guint       n)
{
  g_autoptr(GString) csv = g_string_new ("Site code,Name,Type,Latitude,Longitude,GIA (m²)\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "BIG%05u,Synthetic building %u,Health centre,%.5f,%.5f,%u\n",
                            i, i, 52.42 + (i % 100) * 0.001, -1.95 + (i / 100) * 0.002,
                            200 + i % 700);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
}

static void
test_large_import (void)
{
  g_autoptr(Driven) run = drive_app ();
  g_autofree char *register_path = g_build_filename (run->home, "large.csv", NULL);
  g_autofree char *log = NULL;
  sqlite3 *lock = NULL;
  guint n_sites;

  write_large_register (register_path, LARGE_IMPORT_ROWS);
  n_sites = stored_sites (run->document);

  activate (run, "import", g_variant_new_string (register_path));
  g_assert_true (wait_enabled (run, "import-continue", TRUE));
  activate (run, "import-continue", NULL);
  g_assert_true (wait_enabled (run, "import-apply", TRUE));

  /* Another program holds the document's write lock, so the import's transaction waits
   * for it: the import cannot finish before the lock is let go. */
  g_assert_cmpint (sqlite3_open_v2 (run->document, &lock, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  activate (run, "import-apply", NULL);
  g_assert_true (wait_enabled (run, "import-apply", FALSE));
  /* Not a timing: time for the window to start writing (the import waits on the lock). */
  spin (1000);

  /* The window answers another action while the import waits to write: written on the
   * window's thread, the import would hold it until the lock's wait ran out, then fail. */
  activate (run, "show-view", g_variant_new_string ("sites"));
  assert_state (run, "show-view", g_variant_new_string ("sites"));
  /* Undo and redo wait for the import; nothing is written yet. */
  g_assert_false (describe (run, "undo-import", NULL));
  g_assert_cmpuint (stored_sites (run->document), ==, n_sites);

  g_assert_cmpint (sqlite3_exec (lock, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (lock), ==, SQLITE_OK);

  /* Then the import completes: every row is a new site, in one transaction. */
  g_assert_true (wait_enabled (run, "undo-import", TRUE));
  g_assert_cmpuint (stored_sites (run->document), ==, n_sites + LARGE_IMPORT_ROWS);
  activate (run, "show-view", g_variant_new_string ("map"));
  assert_state (run, "show-view", g_variant_new_string ("map"));

  activate (run, "app.quit", NULL);
  for (guint i = 0; i < 100 && g_subprocess_get_identifier (run->process) != NULL; i++)
    spin (100);
  g_file_get_contents (run->log, &log, NULL, NULL);
  g_test_message ("footprint said:\n%s", log != NULL ? log : "");
  g_assert_nonnull (strstr (log, "Imported large.csv: 5000 new sites"));
  g_assert_null (strstr (log, "-CRITICAL **"));
  g_assert_null (strstr (log, "-WARNING **"));
}

/* ---- edits through the actions ------------------------------------------------------ */

/* The first LIFT building whose exit, from the year after the base year, changes both the
 * void cost and the revenue saving in some year of the horizon (its liability ends inside
 * it), and that year: worked out with the core, so the test follows the data. */
static gboolean
find_lift_exit (FpWorkspace *workspace,
                char       **site_id,
                guint       *year)
{
  const FpEstate *estate = fp_workspace_get_estate (workspace);
  const FpModel *model = fp_workspace_get_model (workspace);
  const FpResults *dn = fp_workspace_get_do_nothing (workspace);

  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(FpResults) results = NULL;
      FpChange *exit;

      if (site->tenure != FP_TENURE_LIFT || site->status != FP_SITE_STATUS_CURRENT)
        continue;
      changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
      exit = fp_change_new (FP_CHANGE_EXIT_SITE, estate->base_year + 1);
      exit->site = g_strdup (site->id);
      g_ptr_array_add (changes, exit);
      results = fp_compute_scenario (model, changes, dn, NULL);
      if (results == NULL)
        continue;
      for (guint y = 1; y < results->n_years; y++)
        if (fabs (results->totals[y].void_cost - dn->totals[y].void_cost) > 1 &&
            results->totals[y].revenue_saving_vs_do_nothing > 1)
          {
            *site_id = g_strdup (site->id);
            *year = y;
            return TRUE;
          }
    }
  return FALSE;
}

/* What the key figure strip shows (win.key-figures), by figure name. */
static double
strip (Driven     *run,
       const char *figure)
{
  g_autoptr(GVariant) state = NULL;
  double value = NAN;

  describe (run, "key-figures", &state);
  g_assert_nonnull (state);
  g_assert_true (g_variant_lookup (state, figure, "d", &value));
  return value;
}

static guint
changes_in_document (Driven     *run,
                     const char *scenario,
                     const char *document,
                     JsonObject **first)
{
  const char *args[] = { "scenario", "export", "--document", document, "--scenario", scenario,
                         NULL };
  g_auto(FpTestRun) cli = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *changes;

  fp_test_run_cli (&cli, run->home, args);
  g_assert_cmpint (cli.status, ==, 0);
  json_parser_load_from_data (parser, cli.out, -1, &error);
  g_assert_no_error (error);
  changes = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "changes");
  if (first != NULL)
    *first = json_array_get_length (changes) > 0
             ? json_object_ref (json_array_get_object_element (changes, 0)) : NULL;
  return json_array_get_length (changes);
}

/* Pixels of a picture in a colour near @rgb (within @tolerance on each channel). */
static guint
pixels_near (GHashTable *colours,
             guint32     rgb,
             int         tolerance)
{
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, colours);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint32 c = GPOINTER_TO_UINT (key);

      if (ABS ((int) ((c >> 16) & 0xff) - (int) ((rgb >> 16) & 0xff)) <= tolerance &&
          ABS ((int) ((c >> 8) & 0xff) - (int) ((rgb >> 8) & 0xff)) <= tolerance &&
          ABS ((int) (c & 0xff) - (int) (rgb & 0xff)) <= tolerance)
        n += GPOINTER_TO_UINT (value);
    }
  return n;
}

/* The issue's path, through the actions on the real binary: a scenario, a LIFT building
 * selected and left; the strip's void cost and revenue saving change to what the core
 * computes, the document holds the change (read back by footprint-cli, a second process),
 * undo restores the figures and redo brings them back; a refused change changes nothing;
 * then a picture of each view, checked for what it draws. */
static void
test_edits (void)
{
  g_autoptr(Driven) run = drive_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpWorkspace) workspace = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autofree char *lift = NULL;
  g_autofree char *json = NULL;
  g_autofree char *log = NULL;
  g_autofree char *copy = NULL;
  double void_before, saving_before, running_before;
  double void_after, saving_after;
  guint year = 0;
  int base_year;

  workspace = fp_workspace_open (run->document, NULL, &error);
  g_assert_no_error (error);
  base_year = fp_workspace_get_estate (workspace)->base_year;
  g_assert_true (find_lift_exit (workspace, &lift, &year));
  g_test_message ("leaving %s, looking at %d", lift, base_year + (int) year);

  /* A new scenario is shown at once, empty: its figures are Do nothing's. */
  activate (run, "new-scenario", g_variant_new_string ("Edits"));
  assert_state (run, "select-scenario", g_variant_new_string ("Edits"));
  g_assert_false (describe (run, "undo", NULL));
  activate (run, "set-year", g_variant_new_int32 (base_year + (int) year));
  activate (run, "select-site", g_variant_new_string (lift));
  assert_state (run, "select-site", g_variant_new_string (lift));
  void_before = strip (run, "void_cost");
  saving_before = strip (run, "revenue_saving");
  running_before = strip (run, "running_cost");
  g_assert_cmpfloat (saving_before, ==, 0);
  g_assert_cmpfloat (strip (run, "year"), ==, base_year + (int) year);

  /* Leave it. */
  json = g_strdup_printf ("{\"kind\": \"exit_site\", \"year\": %d, \"site\": \"%s\"}",
                          base_year + 1, lift);
  activate (run, "add-change", g_variant_new_string (json));
  void_after = strip (run, "void_cost");
  saving_after = strip (run, "revenue_saving");
  g_test_message ("void %.0f -> %.0f, saving %.0f -> %.0f", void_before, void_after,
                  saving_before, saving_after);
  g_assert_cmpfloat (void_after, !=, void_before);
  g_assert_cmpfloat (saving_after, !=, saving_before);
  g_assert_true (describe (run, "undo", NULL));

  /* The figures are the core's, for the scenario as the document now holds it. */
  {
    g_autoptr(FpWorkspace) reread = fp_workspace_open (run->document, NULL, &error);
    g_autoptr(FpResults) results = NULL;

    g_assert_no_error (error);
    results = fp_workspace_compute (reread, "Edits", &error);
    g_assert_no_error (error);
    g_assert_cmpfloat_with_epsilon (void_after, results->totals[year].void_cost, 0.01);
    g_assert_cmpfloat_with_epsilon (saving_after,
                                    results->totals[year].revenue_saving_vs_do_nothing, 0.01);
    g_assert_cmpfloat_with_epsilon (strip (run, "void_cost_change"),
                                    void_after - void_before, 0.01);
  }

  /* A second process reads the change from the document. */
  g_assert_cmpuint (changes_in_document (run, "Edits", run->document, &first), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "exit_site");
  g_assert_cmpstr (json_object_get_string_member (first, "site"), ==, lift);

  /* A change that cannot apply (the same building left again) is refused and changes
   * nothing: not the figures, not the document. */
  activate (run, "add-change", g_variant_new_string (json));
  g_assert_cmpfloat (strip (run, "void_cost"), ==, void_after);
  g_assert_cmpuint (changes_in_document (run, "Edits", run->document, NULL), ==, 1);
  activate (run, "add-change", g_variant_new_string ("{\"kind\": \"exit_site\"}"));
  g_assert_cmpuint (changes_in_document (run, "Edits", run->document, NULL), ==, 1);

  /* Undo restores the figures exactly; redo brings the change back. */
  activate (run, "undo", NULL);
  g_assert_cmpfloat (strip (run, "void_cost"), ==, void_before);
  g_assert_cmpfloat (strip (run, "revenue_saving"), ==, saving_before);
  g_assert_cmpfloat (strip (run, "running_cost"), ==, running_before);
  g_assert_false (describe (run, "undo", NULL));
  g_assert_true (describe (run, "redo", NULL));
  activate (run, "redo", NULL);
  g_assert_cmpfloat (strip (run, "void_cost"), ==, void_after);

  /* A copy of the document, saved in a worker thread, holds the change too. */
  copy = g_build_filename (run->home, "copy.footprint", NULL);
  activate (run, "save-copy-to", g_variant_new_string (copy));
  for (guint i = 0; i < 100 && !g_file_test (copy, G_FILE_TEST_EXISTS); i++)
    spin (100);
  spin (200);
  g_assert_cmpuint (changes_in_document (run, "Edits", copy, NULL), ==, 1);

  /* Each view, drawn. The map, with the building struck through. */
  g_free (picture (run, "edit-map", FALSE));

  /* The changes: the change in words, with its effect worked out (rows of dark text). */
  activate (run, "show-view", g_variant_new_string ("scenarios"));
  assert_state (run, "show-view", g_variant_new_string ("scenarios"));
  {
    g_autofree char *path = picture (run, "changes", FALSE);
    g_autoptr(GHashTable) colours = count_file (path);

    g_assert_cmpuint (dark_pixels (colours), >, 2000);
  }

  /* Do nothing against the scenario: lines and bars in the two options' colours. */
  {
    const char *names[] = { FP_DO_NOTHING, "Edits", NULL };
    const char *one[] = { "Edits", NULL };

    activate (run, "compare", g_variant_new_strv (names, -1));
    assert_state (run, "compare", g_variant_new_strv (names, -1));
    assert_state (run, "show-view", g_variant_new_string ("compare"));
    /* One option is not a comparison: refused, the state stays. */
    activate (run, "compare", g_variant_new_strv (one, -1));
    assert_state (run, "compare", g_variant_new_strv (names, -1));
  }
  {
    g_autofree char *path = picture (run, "compare", FALSE);
    g_autoptr(GHashTable) colours = count_file (path);
    guint first_option = pixels_near (colours, FP_PALETTE_OPTION_1, 8);
    guint second_option = pixels_near (colours, FP_PALETTE_OPTION_2, 8);

    g_test_message ("compare: %u pixels of the first option's colour, %u of the second's",
                    first_option, second_option);
    g_assert_cmpuint (first_option, >, 500);
    g_assert_cmpuint (second_option, >, 500);
    g_assert_cmpuint (dark_pixels (colours), >, 2000);
  }

  /* Deleting the scenario shows Do nothing; the toast's undo brings it back whole. */
  activate (run, "delete-scenario", NULL);
  assert_state (run, "select-scenario", g_variant_new_string (FP_DO_NOTHING));
  activate (run, "undo-delete-scenario", NULL);
  assert_state (run, "select-scenario", g_variant_new_string ("Edits"));
  g_assert_cmpuint (changes_in_document (run, "Edits", run->document, NULL), ==, 1);

  activate (run, "app.quit", NULL);
  for (guint i = 0; i < 100 && g_subprocess_get_identifier (run->process) != NULL; i++)
    spin (100);
  g_file_get_contents (run->log, &log, NULL, NULL);
  g_test_message ("footprint said:\n%s", log != NULL ? log : "");
  g_assert_null (strstr (log, "-CRITICAL **"));
  g_assert_null (strstr (log, "-WARNING **"));
}

/* ---- the data summary beside the 2016 plan (issue 7) --------------------------------- */

/* "About the data" shows the model's LIFT and NHS Property Services void costs beside the
 * 2016 plan's, in the core's sentences, and says what it compares (win.data-summary). */
static void
test_data_summary (void)
{
  g_autoptr(Driven) run = drive_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpWorkspace) workspace = NULL;
  g_autoptr(GVariant) state = NULL;
  const FpSummary *summary;
  const FpSummaryFigure figures[] = { FP_SUMMARY_VOID_COST_LIFT, FP_SUMMARY_VOID_COST_NHSPS };

  workspace = fp_workspace_open (run->document, NULL, &error);
  g_assert_no_error (error);
  summary = fp_workspace_get_summary (workspace);
  /* The default dataset carries the plan's void figures. */
  g_assert_false (isnan (summary->plan_void_lift));
  g_assert_false (isnan (summary->plan_void_nhsps));

  g_assert_false (describe (run, "data-summary", &state));
  g_assert_nonnull (state);
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      g_autofree char *expected = fp_summary_plan_comparison (summary, figures[i]);
      g_autofree char *key = g_strdup_printf ("%s_plan", fp_summary_figure_name (figures[i]));
      g_autofree char *model = g_strdup_printf ("£%.1fm", summary->figures[figures[i]] / 1e6);
      const char *shown = NULL;

      g_assert_nonnull (expected);
      g_assert_true (g_variant_lookup (state, key, "&s", &shown));
      g_test_message ("%s: %s", key, shown);
      g_assert_nonnull (strstr (shown, expected));
      /* The model's own figure, and the plan's, both in words. */
      g_assert_nonnull (strstr (shown, model));
      g_assert_nonnull (strstr (shown, "2016 plan"));
    }
}

/* ---- suggesting an estate through the actions ------------------------------------------ */

/* A member of win.suggest-estate-state (where the dialog is), as a string or a number. */
static char *
suggest_state (Driven     *run,
               const char *key)
{
  g_autoptr(GVariant) state = NULL;
  const char *value = NULL;

  describe (run, "suggest-estate-state", &state);
  g_assert_nonnull (state);
  if (!g_variant_lookup (state, key, "&s", &value))
    return NULL;
  return g_strdup (value);
}

static double
suggest_figure (Driven     *run,
                const char *key)
{
  g_autoptr(GVariant) state = NULL;
  double value = NAN;

  describe (run, "suggest-estate-state", &state);
  g_assert_nonnull (state);
  g_variant_lookup (state, key, "d", &value);
  return value;
}

/* Waits until the dialog is no longer in @state; returns where it is then. */
static char *
wait_suggest_leaves (Driven     *run,
                     const char *state,
                     guint       seconds)
{
  for (guint i = 0; i < seconds * 10; i++)
    {
      g_autofree char *now = suggest_state (run, "state");

      if (g_strcmp0 (now, state) != 0)
        return g_steal_pointer (&now);
      spin (100);
    }
  return suggest_state (run, "state");
}

/* The issue's path in the window: the dialog opened by its action, a search stopped
 * (nothing written), then a search with a short time limit and a locked site: the
 * suggestion is written as a scenario (read back by footprint-cli, a second process) and
 * shown in the Compare view against Do nothing, and the dialog says what the solver
 * proved. While it searches, the window still answers. */
static void
test_suggest_estate (void)
{
  g_autoptr(Driven) run = drive_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpWorkspace) workspace = NULL;
  g_auto(GStrv) before = NULL;
  g_autofree char *log = NULL;
  g_autofree char *state = NULL;
  g_autofree char *message = NULL;
  g_autofree char *shot = g_build_filename (run->home, "suggest-estate.png", NULL);
  const char *keep_id = NULL;
  const char *name = "Suggested by the test";

  workspace = fp_workspace_open (run->document, NULL, &error);
  g_assert_no_error (error);
  /* A site held now, to lock: the first current one the estate lists. */
  {
    const FpEstate *estate = fp_workspace_get_estate (workspace);

    for (guint i = 0; i < estate->sites->len && keep_id == NULL; i++)
      if (fp_estate_get_site (estate, i)->status == FP_SITE_STATUS_CURRENT)
        keep_id = fp_estate_get_site (estate, i)->id;
    g_assert_nonnull (keep_id);
  }
  before = stored_scenario_names (run->document);

  g_free (state);
  state = suggest_state (run, "state");
  g_assert_cmpstr (state, ==, "closed");
  g_assert_true (describe (run, "suggest-estate", NULL));
  {
    gint64 t0 = g_get_monotonic_time ();

    activate (run, "suggest-estate", NULL);
    g_free (state);
    state = wait_suggest_leaves (run, "closed", 10);
    g_test_message ("the dialog opened and answered in %.0f ms",
                    (g_get_monotonic_time () - t0) / 1000.0);
  }
  g_assert_cmpstr (state, ==, "ready");

  /* A search stopped at once writes nothing. */
  {
    GVariantDict settings;

    g_variant_dict_init (&settings, NULL);
    g_variant_dict_insert (&settings, "name", "s", "Stopped by the test");
    g_variant_dict_insert (&settings, "time-limit", "d", 600.0);
    activate (run, "suggest-estate-settings", g_variant_dict_end (&settings));
  }
  activate (run, "suggest-estate-start", NULL);
  g_free (state);
  state = suggest_state (run, "state");
  g_assert_cmpstr (state, ==, "solving");
  activate (run, "suggest-estate-stop", NULL);
  g_free (state);
  state = wait_suggest_leaves (run, "solving", 60);
  g_free (message);
  message = suggest_state (run, "message");
  g_test_message ("stopped: %s (%s)", state, message);
  g_assert_cmpstr (state, ==, "cancelled");
  {
    g_auto(GStrv) after = stored_scenario_names (run->document);

    g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before));
    g_assert_false (g_strv_contains ((const char * const *) after, "Stopped by the test"));
  }

  /* A name already taken is refused before any search. */
  {
    GVariantDict settings;

    g_variant_dict_init (&settings, NULL);
    g_variant_dict_insert (&settings, "name", "s", SCENARIO);
    activate (run, "suggest-estate-settings", g_variant_dict_end (&settings));
  }
  activate (run, "suggest-estate-start", NULL);
  g_free (state);
  state = suggest_state (run, "state");
  g_assert_cmpstr (state, ==, "ready");

  /* A search with a short time limit and one site locked to be kept. */
  {
    GVariantDict settings;
    const char *keep[] = { keep_id, NULL };

    g_variant_dict_init (&settings, NULL);
    g_variant_dict_insert (&settings, "name", "s", name);
    g_variant_dict_insert (&settings, "time-limit", "d", 10.0);
    g_variant_dict_insert_value (&settings, "lock-keep", g_variant_new_strv (keep, -1));
    activate (run, "suggest-estate-settings", g_variant_dict_end (&settings));
  }
  activate (run, "suggest-estate-start", NULL);
  g_free (state);
  state = suggest_state (run, "state");
  g_assert_cmpstr (state, ==, "solving");
  /* The main loop is free while the worker searches: the window answers at once. */
  g_assert_true (describe (run, "select-scenario", NULL));
  g_free (state);
  state = wait_suggest_leaves (run, "solving", 120);
  g_free (message);
  message = suggest_state (run, "message");
  g_test_message ("suggested: %s (%s)", state, message);
  g_assert_cmpstr (state, ==, "done");
  {
    g_autofree char *scenario = suggest_state (run, "scenario");
    g_autofree char *status = suggest_state (run, "status");
    g_auto(GStrv) after = stored_scenario_names (run->document);
    double gap = suggest_figure (run, "gap");
    g_autoptr(GVariant) left = NULL;
    guint n_left = 0;
    guint n_changes;

    g_assert_cmpstr (scenario, ==, name);
    g_assert_true (g_strv_contains ((const char * const *) after, name));
    g_assert_cmpuint (g_strv_length (after), ==, g_strv_length (before) + 1);
    /* The dialog calls it the best only when the solver proved it. */
    if (g_str_equal (status, "optimal"))
      g_assert_nonnull (strstr (message, "proved that no estate"));
    else
      {
        g_assert_null (strstr (message, "proved that no estate meeting"));
        g_assert_nonnull (strstr (message, "not proven the best"));
        g_assert_cmpfloat (gap, >, 0);
      }
    /* A second process reads the suggestion's changes; the locked site is not left. */
    n_changes = changes_in_document (run, name, run->document, NULL);
    describe (run, "suggest-estate-state", &left);
    g_variant_lookup (left, "sites-left", "u", &n_left);
    g_test_message ("%u sites left, %u changes", n_left, n_changes);
    g_assert_cmpuint (n_changes >= n_left, ==, TRUE);
    {
      g_autoptr(FpWorkspace) reread = fp_workspace_open (run->document, NULL, &error);
      const FpScenario *written;

      g_assert_no_error (error);
      written = fp_workspace_find_scenario (reread, name);
      g_assert_nonnull (written);
      g_assert_cmpuint (written->changes->len, ==, n_changes);
      for (guint i = 0; i < written->changes->len; i++)
        {
          const FpChange *change = g_ptr_array_index (written->changes, i);

          if (change->kind == FP_CHANGE_EXIT_SITE || change->kind == FP_CHANGE_DISPOSE_SITE)
            g_assert_cmpstr (change->site, !=, keep_id);
        }
    }
  }
  /* Shown in the Compare view against Do nothing. */
  {
    const char *names[] = { FP_DO_NOTHING, name, NULL };

    assert_state (run, "compare", g_variant_new_strv (names, -1));
    assert_state (run, "show-view", g_variant_new_string ("compare"));
  }

  /* A picture of the dialog with its answer, for people to look at. */
  activate (run, "suggest-estate-screenshot", g_variant_new_string (shot));
  wait_for_file (run, shot);
  {
    g_autoptr(GHashTable) colours = count_file (shot);
    g_autofree char *contents = NULL;
    g_autofree char *kept = NULL;
    gsize length;

    g_assert_cmpuint (dark_pixels (colours), >, 2000);
    g_file_get_contents (shot, &contents, &length, &error);
    g_assert_no_error (error);
    kept = g_strdup_printf ("%s/app-suggest-estate.png", g_getenv ("G_TEST_BUILDDIR"));
    g_file_set_contents (kept, contents, length, &error);
    g_assert_no_error (error);
  }
  g_free (picture (run, "suggest-compare", FALSE));

  /* The price of access: a search at each target, drawn as a chart of two lines in the
   * first two options' colours; it writes no scenario. */
  {
    g_auto(GStrv) names_before = stored_scenario_names (run->document);
    g_autofree char *sweep_shot = g_build_filename (run->home, "suggest-sweep.png", NULL);
    GVariantDict settings;

    g_variant_dict_init (&settings, NULL);
    g_variant_dict_insert (&settings, "time-limit", "d", 5.0);
    activate (run, "suggest-estate-settings", g_variant_dict_end (&settings));
    activate (run, "suggest-estate-sweep", NULL);
    g_free (state);
    state = suggest_state (run, "state");
    g_assert_cmpstr (state, ==, "solving");
    g_free (state);
    state = wait_suggest_leaves (run, "solving", 300);
    g_free (message);
    message = suggest_state (run, "message");
    g_test_message ("price of access: %s (%s)", state, message);
    g_assert_cmpstr (state, ==, "done");
    {
      g_auto(GStrv) names_after = stored_scenario_names (run->document);

      g_assert_cmpuint (g_strv_length (names_after), ==, g_strv_length (names_before));
    }
    activate (run, "suggest-estate-screenshot", g_variant_new_string (sweep_shot));
    wait_for_file (run, sweep_shot);
    {
      g_autoptr(GHashTable) colours = count_file (sweep_shot);
      g_autofree char *contents = NULL;
      g_autofree char *kept = NULL;
      gsize length;
      guint first = pixels_near (colours, FP_PALETTE_OPTION_1, 8);
      guint second = pixels_near (colours, FP_PALETTE_OPTION_2, 8);

      g_test_message ("the price of access: %u pixels of the first line's colour, %u of the "
                      "second's", first, second);
      g_assert_cmpuint (first, >, 100);
      g_assert_cmpuint (second, >, 100);
      g_file_get_contents (sweep_shot, &contents, &length, &error);
      g_assert_no_error (error);
      kept = g_strdup_printf ("%s/app-suggest-sweep.png", g_getenv ("G_TEST_BUILDDIR"));
      g_file_set_contents (kept, contents, length, &error);
      g_assert_no_error (error);
    }
  }

  /* A target above what the estate gives now cannot be met by leaving sites: the search
   * fails with the solver's reason, naming the service, and writes nothing. */
  {
    g_auto(GStrv) names_before = stored_scenario_names (run->document);
    g_auto(GStrv) names_after = NULL;
    GVariantBuilder targets;
    GVariantDict settings;

    g_variant_builder_init (&targets, G_VARIANT_TYPE ("a{sd}"));
    g_variant_builder_add (&targets, "{sd}", "gp_appointments", 1.0);
    g_variant_dict_init (&settings, NULL);
    g_variant_dict_insert (&settings, "name", "s", "Cannot be met");
    g_variant_dict_insert_value (&settings, "access-target", g_variant_builder_end (&targets));
    activate (run, "suggest-estate-settings", g_variant_dict_end (&settings));
    activate (run, "suggest-estate-start", NULL);
    g_free (state);
    state = wait_suggest_leaves (run, "solving", 120);
    g_free (message);
    message = suggest_state (run, "message");
    g_test_message ("a target too high: %s (%s)", state, message);
    g_assert_cmpstr (state, ==, "failed");
    g_assert_true (g_str_has_prefix (message, "No estate was suggested: "));
    names_after = stored_scenario_names (run->document);
    g_assert_cmpuint (g_strv_length (names_after), ==, g_strv_length (names_before));
  }

  /* A site to lock that the estate does not hold is refused, naming it. */
  {
    GVariantDict settings;
    const char *leave[] = { "NO-SUCH-SITE", NULL };

    g_variant_dict_init (&settings, NULL);
    g_variant_dict_insert_value (&settings, "lock-exit", g_variant_new_strv (leave, -1));
    activate (run, "suggest-estate-settings", g_variant_dict_end (&settings));
    g_free (message);
    message = suggest_state (run, "message");
    g_assert_nonnull (strstr (message, "NO-SUCH-SITE"));
  }

  activate (run, "app.quit", NULL);
  for (guint i = 0; i < 100 && g_subprocess_get_identifier (run->process) != NULL; i++)
    spin (100);
  g_file_get_contents (run->log, &log, NULL, NULL);
  g_test_message ("footprint said:\n%s", log != NULL ? log : "");
  g_assert_null (strstr (log, "-CRITICAL **"));
  g_assert_null (strstr (log, "-WARNING **"));
}

static void
test_version (void)
{
  const char *args[] = { "--version", NULL };
  g_autoptr(AppRun) run = run_app (args);
  g_autofree char *expected = g_strdup_printf ("footprint %s\n", PACKAGE_VERSION);

  g_assert_cmpint (run->status, ==, 0);
  g_assert_cmpstr (run->out, ==, expected);
  g_assert_false (g_file_test (run->shot, G_FILE_TEST_EXISTS));
}

/* ---- presentation mode (issue 14) ------------------------------------------------ */

/* Pixels at which two pictures of the same size differ. */
static guint
differing_pixels (const char *a,
                  const char *b)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pa = gdk_pixbuf_new_from_file (a, &error);
  g_autoptr(GdkPixbuf) pb = NULL;
  const guint8 *ra, *rb;
  int width, height, stride, channels;
  guint n = 0;

  g_assert_no_error (error);
  pb = gdk_pixbuf_new_from_file (b, &error);
  g_assert_no_error (error);
  width = gdk_pixbuf_get_width (pa);
  height = gdk_pixbuf_get_height (pa);
  g_assert_cmpint (gdk_pixbuf_get_width (pb), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pb), ==, height);
  g_assert_cmpint (gdk_pixbuf_get_rowstride (pb), ==, gdk_pixbuf_get_rowstride (pa));
  ra = gdk_pixbuf_read_pixels (pa);
  rb = gdk_pixbuf_read_pixels (pb);
  stride = gdk_pixbuf_get_rowstride (pa);
  channels = gdk_pixbuf_get_n_channels (pa);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (memcmp (ra + y * stride + x * channels, rb + y * stride + x * channels, 3) != 0)
        n++;
  return n;
}

/* A picture of presentation mode: the whole screen, in the projector style (its dark
 * ground, white text), with the map drawn in it. */
static char *
presentation_picture (Driven     *run,
                      const char *name)
{
  char *path = picture (run, name, FALSE);
  g_autoptr(GHashTable) colours = NULL;
  int width, height;
  guint ground, white;

  colours = count_colours (path, &width, &height);
  /* Full screen: the test runs on a screen of at least 1280 × 800. */
  g_assert_cmpint (width, >=, 1280);
  g_assert_cmpint (height, >=, 800);
  ground = pixels_of (colours, 0x0b1220);
  white = pixels_of (colours, 0xffffff);
  /* The projector ground frames the map (a tenth of the screen or more) ... */
  g_assert_cmpuint (ground, >, (guint) (width * height / 10));
  /* ... large white text is written on it, and the map has its many colours. */
  g_assert_cmpuint (white, >, 2000);
  g_assert_cmpuint (g_hash_table_size (colours), >, 200);
  return path;
}

/* The wall fitted its screen throughout: presentation mode says when it does not. */
static void
assert_wall_fitted (Driven *run)
{
  g_autofree char *log = NULL;

  g_file_get_contents (run->log, &log, NULL, NULL);
  g_assert_nonnull (log);
  if (strstr (log, "Presentation mode is") != NULL)
    g_error ("presentation mode did not fit its screen; footprint said:\n%s", log);
}

static void
test_presentation (void)
{
  g_autoptr(Driven) run = drive_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(FpWorkspace) workspace = NULL;
  g_autoptr(FpScoring) scoring = NULL;
  g_autofree char *first_option = NULL;
  g_autofree char *criterion = NULL;
  g_autofree char *before = NULL, *after = NULL, *option = NULL, *scores = NULL;
  g_autofree char *what_if = NULL;
  g_auto(GStrv) names = NULL;
  int exit_year = 0;

  /* What the document holds: its first option, and the first success factor. */
  workspace = fp_workspace_open (run->document, NULL, &error);
  g_assert_no_error (error);
  first_option = g_strdup (((FpScenario *) g_ptr_array_index (
                              fp_workspace_get_scenarios (workspace), 0))->name);
  scoring = fp_workspace_dup_scoring (workspace, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scoring->criteria->len, >, 0);
  criterion = g_strdup (((FpCriterion *) g_ptr_array_index (scoring->criteria, 0))->id);
  g_clear_object (&workspace);

  /* Every action of presentation mode is on the bus; only entering is enabled. */
  if (!describe (run, "present", NULL))
    {
      g_autofree char *log = NULL;

      g_file_get_contents (run->log, &log, NULL, NULL);
      g_test_message ("win.present is not enabled; footprint said:\n%s", log);
    }
  g_assert_true (describe (run, "present", NULL));
  g_assert_false (describe (run, "leave-presentation", NULL));
  assert_state (run, "present", g_variant_new_boolean (FALSE));

  /* F5's action: full screen, the projector style, Do nothing first, in a year when the
   * example options have taken effect. */
  activate (run, "set-year", g_variant_new_int32 (2030));
  activate (run, "present", NULL);
  assert_state (run, "present", g_variant_new_boolean (TRUE));
  g_assert_true (wait_enabled (run, "leave-presentation", TRUE));
  assert_state (run, "select-scenario", g_variant_new_string (FP_DO_NOTHING));
  before = presentation_picture (run, "present-do-nothing");

  /* Key 1: the first option, with animation off so the picture is its final frame. */
  activate (run, "present-animate", g_variant_new_boolean (FALSE));
  activate (run, "present-option", g_variant_new_int32 (1));
  assert_state (run, "select-scenario", g_variant_new_string (first_option));
  assert_state (run, "present-option", g_variant_new_int32 (1));
  option = presentation_picture (run, "present-option");
  /* The title, the figures and the map changed. */
  g_assert_cmpuint (differing_pixels (before, option), >, 2000);
  /* No option 9 in this document: refused, and nothing changes. */
  activate (run, "present-option", g_variant_new_int32 (9));
  assert_state (run, "select-scenario", g_variant_new_string (first_option));

  /* Before and after: Do nothing, then the option again, animated this time. */
  activate (run, "present-animate", g_variant_new_boolean (TRUE));
  activate (run, "present-before-after", NULL);
  assert_state (run, "present-before-after", g_variant_new_boolean (TRUE));
  assert_state (run, "select-scenario", g_variant_new_string (FP_DO_NOTHING));
  after = presentation_picture (run, "present-before");
  /* Once the animation is over, before is the frame Do nothing showed. */
  g_assert_cmpuint (differing_pixels (before, after), <, differing_pixels (before, option));
  activate (run, "present-before-after", NULL);
  assert_state (run, "present-before-after", g_variant_new_boolean (FALSE));
  assert_state (run, "select-scenario", g_variant_new_string (first_option));

  /* A question from the floor: keep the LIFT building open two more years. */
  activate (run, "select-scenario", g_variant_new_string (SCENARIO));
  activate (run, "what-if", g_variant_new ("(ssi)", "keep-open", LIFT_SITE, 2));
  g_assert_true (describe (run, "select-scenario", &state));
  what_if = g_variant_dup_string (state, NULL);
  g_clear_pointer (&state, g_variant_unref);
  g_assert_true (g_str_has_prefix (what_if, "What if: " SCENARIO));
  g_assert_true (describe (run, "what-if-discard", NULL));
  {
    g_autoptr(FpWorkspace) ws = fp_workspace_open (run->document, NULL, &error);
    const FpScenario *branch;

    g_assert_no_error (error);
    branch = fp_workspace_find_scenario (ws, what_if);
    g_assert_nonnull (branch);
    for (guint i = 0; i < branch->changes->len; i++)
      {
        const FpChange *change = g_ptr_array_index (branch->changes, i);

        if (change->kind == FP_CHANGE_EXIT_SITE && g_strcmp0 (change->site, LIFT_SITE) == 0)
          exit_year = change->year;
      }
    /* The option itself still leaves in 2027: only the branch changed. */
    g_assert_cmpint (exit_year, ==, 2029);
    g_assert_nonnull (fp_workspace_find_scenario (ws, SCENARIO));
  }
  g_free (presentation_picture (run, "present-what-if"));
  /* Discarded at the end: the branch is gone, the option is back on the wall. */
  activate (run, "what-if-discard", NULL);
  assert_state (run, "select-scenario", g_variant_new_string (SCENARIO));
  names = stored_scenario_names (run->document);
  g_assert_false (g_strv_contains ((const char * const *) names, what_if));
  g_assert_true (g_strv_contains ((const char * const *) names, SCENARIO));
  g_clear_pointer (&names, g_strfreev);

  /* Asked again, and kept this time under the facilitator's name. */
  activate (run, "what-if", g_variant_new ("(ssi)", "keep-open", LIFT_SITE, 3));
  g_assert_true (describe (run, "what-if-keep", NULL));
  activate (run, "what-if-keep", g_variant_new_string ("Hodge Hill open to 2030"));
  assert_state (run, "select-scenario", g_variant_new_string ("Hodge Hill open to 2030"));
  g_assert_false (describe (run, "what-if-keep", NULL));
  names = stored_scenario_names (run->document);
  g_assert_true (g_strv_contains ((const char * const *) names, "Hodge Hill open to 2030"));
  g_assert_true (g_strv_contains ((const char * const *) names, SCENARIO));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_null (strstr (names[i], "(temporary)"));
  activate (run, "select-scenario", g_variant_new_string (SCENARIO));

  /* Scores from the room: the option, a slider, and the document has the score. */
  activate (run, "present-scores", g_variant_new_boolean (TRUE));
  activate (run, "present-score-option", g_variant_new_string (SCENARIO));
  assert_state (run, "present-score-option", g_variant_new_string (SCENARIO));
  activate (run, "present-score", g_variant_new ("(sd)", criterion, 7.0));
  for (guint i = 0; i < RUN_TIMEOUT_SECONDS * 10 &&
                  stored_score (run->document, SCENARIO, criterion) != 7.0; i++)
    spin (100);
  g_assert_cmpfloat (stored_score (run->document, SCENARIO, criterion), ==, 7.0);
  scores = picture (run, "present-scores", FALSE);
  {
    g_autoptr(GHashTable) colours = count_file (scores);

    g_assert_cmpuint (pixels_of (colours, 0x0b1220), >, 100000);
    g_assert_cmpuint (pixels_of (colours, 0xffffff), >, 2000);
  }
  activate (run, "present-scores", g_variant_new_boolean (FALSE));

  /* Escape's action: the window as it was. */
  activate (run, "leave-presentation", NULL);
  assert_state (run, "present", g_variant_new_boolean (FALSE));
  g_assert_true (wait_enabled (run, "leave-presentation", FALSE));
  {
    g_autofree char *path = picture (run, "present-left", FALSE);
    g_autoptr(GHashTable) colours = count_file (path);

    /* No projector ground left on the desk view. */
    g_assert_cmpuint (pixels_of (colours, 0x0b1220), <, 1000);
  }
}

/* ---- a story stepped through on the wall (issue 14, item 3) ---------------------- */

/* The pages of a PDF, as pdfinfo reads them. */
static guint
pdf_page_count (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *pages;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* The document's story, read by a workspace of its own, as another program would. */
static FpStory *
stored_story (const char *document,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpWorkspace) workspace = fp_workspace_open (document, NULL, &error);
  FpStory *story;

  g_assert_no_error (error);
  story = fp_workspace_dup_story (workspace, name, &error);
  g_assert_no_error (error);
  g_assert_nonnull (story);
  return story;
}

static void
assert_step_view (Driven            *run,
                  int                step,
                  const FpStoryView *view)
{
  assert_state (run, "story-step", g_variant_new_int32 (step));
  assert_state (run, "select-scenario",
                g_variant_new_string (view->option != NULL ? view->option : FP_DO_NOTHING));
  assert_state (run, "set-year", g_variant_new_int32 (view->year));
}

static void
test_presentation_story (void)
{
  g_autoptr(Driven) run = drive_app ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStory) story = NULL;
  g_autoptr(FpStory) saved = NULL;
  g_autoptr(GPtrArray) stories = NULL;
  g_autofree char *story_name = NULL;
  g_autofree char *deck = NULL;
  g_autofree char *shot = NULL;
  const FpStoryView *last;
  guint n_views;

  /* The default document's example story, read before the window touches it. */
  {
    g_autoptr(FpWorkspace) workspace = fp_workspace_open (run->document, NULL, &error);

    g_assert_no_error (error);
    stories = fp_workspace_dup_stories (workspace, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stories->len, >, 0);
    story_name = g_strdup (((FpStory *) g_ptr_array_index (stories, 0))->name);
    g_assert_true (g_str_has_prefix (story_name, "Example"));
    story = fp_story_copy (g_ptr_array_index (stories, 0));
  }
  /* Three steps forward need three views, and they must not all show one option. */
  g_assert_cmpuint (story->views->len, >=, 3);
  n_views = story->views->len;

  g_assert_true (describe (run, "present", NULL));
  activate (run, "present-animate", g_variant_new_boolean (FALSE));
  activate (run, "present", NULL);
  g_assert_true (wait_enabled (run, "leave-presentation", TRUE));
  assert_state (run, "story-step", g_variant_new_int32 (-1));
  g_assert_false (describe (run, "story-return", NULL));

  /* Choosing the story shows its first view. */
  activate (run, "present-story", g_variant_new_string (story_name));
  assert_state (run, "present-story", g_variant_new_string (story_name));
  assert_step_view (run, 0, g_ptr_array_index (story->views, 0));
  /* A story the document lacks is refused, and the chosen one stays. */
  activate (run, "present-story", g_variant_new_string ("No such story"));
  assert_state (run, "present-story", g_variant_new_string (story_name));

  /* From off the story, next three times: its first three views, each applied. */
  activate (run, "story-step", g_variant_new_int32 (-1));
  for (int step = 0; step < 3; step++)
    {
      activate (run, "story-next", NULL);
      assert_step_view (run, step, g_ptr_array_index (story->views, step));
    }
  shot = presentation_picture (run, "present-story-step");
  {
    /* The step's title is drawn large above the map: white pixels in the band below
     * the option's name that the view without a story leaves dark. */
    g_autoptr(GHashTable) colours = count_file (shot);

    g_assert_cmpuint (pixels_of (colours, 0xffffff), >, 4000);
  }
  activate (run, "story-previous", NULL);
  assert_step_view (run, 1, g_ptr_array_index (story->views, 1));

  /* Another option key leaves the story; story-return goes back to the step. */
  {
    const FpStoryView *view = g_ptr_array_index (story->views, 1);
    int other = view->option == NULL ? 1 : 0;

    activate (run, "present-option", g_variant_new_int32 (other));
    assert_state (run, "story-step", g_variant_new_int32 (-1));
    g_assert_true (describe (run, "story-return", NULL));
    activate (run, "story-return", NULL);
    assert_step_view (run, 1, view);
    /* So does the year. */
    activate (run, "set-year", g_variant_new_int32 (view->year == 2030 ? 2031 : 2030));
    assert_state (run, "story-step", g_variant_new_int32 (-1));
    activate (run, "story-return", NULL);
    assert_step_view (run, 1, view);
  }

  /* Saving the view on the wall in another option and year: the story's new last view. */
  activate (run, "select-scenario", g_variant_new_string (SCENARIO));
  activate (run, "set-year", g_variant_new_int32 (2029));
  activate (run, "colour-by", g_variant_new_string ("tenure"));
  spin (1500);
  activate (run, "story-save-view", g_variant_new_string ("Hodge Hill left, 2029"));
  assert_state (run, "story-step", g_variant_new_int32 ((int) n_views));
  saved = stored_story (run->document, story_name);
  g_assert_cmpuint (saved->views->len, ==, n_views + 1);
  last = g_ptr_array_index (saved->views, n_views);
  g_assert_cmpstr (last->title, ==, "Hodge Hill left, 2029");
  g_assert_cmpstr (last->option, ==, SCENARIO);
  g_assert_cmpint (last->year, ==, 2029);
  g_assert_cmpstr (last->colour_by, ==, "tenure");
  /* The map is where the step before put it (its move has had time to end). A step
   * showing the whole area may still leave a position to save (the wall's map settles
   * after its fit): then it is a web map's zoom within the story's range. */
  {
    const FpStoryView *step = g_ptr_array_index (story->views, 1);

    if (last->has_map_view)
      {
        g_assert_cmpfloat (last->zoom, >=, FP_STORY_ZOOM_MIN);
        g_assert_cmpfloat (last->zoom, <=, FP_STORY_ZOOM_MAX);
      }
    if (step->has_map_view)
      {
        g_assert_true (last->has_map_view);
        g_assert_cmpfloat_with_epsilon (last->latitude, step->latitude, 0.01);
        g_assert_cmpfloat_with_epsilon (last->longitude, step->longitude, 0.01);
        g_assert_cmpfloat_with_epsilon (last->zoom, step->zoom, 0.25);
      }
  }
  /* The views before it are as they were. */
  for (guint i = 0; i < n_views; i++)
    g_assert_true (fp_story_view_equal (g_ptr_array_index (story->views, i),
                                        g_ptr_array_index (saved->views, i)));

  /* The deck: a page a view, written off the main loop. */
  deck = g_build_filename (run->home, "story-deck.pdf", NULL);
  activate (run, "export-story", g_variant_new_string (deck));
  wait_for_file (run, deck);
  if (fp_test_have_program ("pdfinfo"))
    g_assert_cmpuint (pdf_page_count (deck), ==, n_views + 1);
  else
    g_test_message ("pdfinfo is not installed: the deck's pages were not counted");
  /* A name ending in .png: a PNG a page beside it, NAME-01.png on. */
  {
    g_autofree char *png = g_build_filename (run->home, "story-deck.png", NULL);
    g_autofree char *last_page = g_strdup_printf ("%s/story-deck-%02u.png", run->home,
                                                  n_views + 1);
    g_autofree char *beyond = g_strdup_printf ("%s/story-deck-%02u.png", run->home,
                                               n_views + 2);
    g_autofree char *first_page = g_build_filename (run->home, "story-deck-01.png", NULL);
    g_autoptr(GdkPixbuf) page = NULL;

    activate (run, "export-story", g_variant_new_string (png));
    wait_for_file (run, last_page);
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (beyond, G_FILE_TEST_EXISTS));
    page = gdk_pixbuf_new_from_file (first_page, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_pixbuf_get_width (page), ==, 1920);
    g_assert_cmpint (gdk_pixbuf_get_height (page), ==, 1080);
  }
  /* A path that is neither is refused and writes nothing. */
  {
    g_autofree char *text = g_build_filename (run->home, "story-deck.txt", NULL);

    activate (run, "export-story", g_variant_new_string (text));
    spin (500);
    g_assert_false (g_file_test (text, G_FILE_TEST_EXISTS));
  }

  activate (run, "leave-presentation", NULL);
  assert_state (run, "present", g_variant_new_boolean (FALSE));
  assert_wall_fitted (run);
}

/* A picture of the presenter view (win.save-screenshot "presenter:"), once it is drawn. */
static char *
presenter_picture (Driven     *run,
                   const char *name)
{
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  char *path = g_build_filename (run->home, file, NULL);
  g_autofree char *request = g_strconcat ("presenter:", path, NULL);

  activate (run, "save-screenshot", g_variant_new_string (request));
  wait_for_file (run, path);
  return path;
}

/* The presenter view (issue 14, item 5): on a display with one screen it opens beside the
 * wall when asked (win.presenter-view), shows the next view drawn by the deck's renderer,
 * follows the story, and closes with presentation mode. */
static void
test_presenter_view (void)
{
  g_autoptr(Driven) run = drive_app ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *story_name = NULL;
  g_autofree char *long_option = NULL;
  g_autofree char *closing_site = NULL;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FpWorkspace) workspace = fp_workspace_open (run->document, NULL, &error);
    g_autoptr(GPtrArray) stories = NULL;

    g_assert_no_error (error);
    stories = fp_workspace_dup_stories (workspace, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (stories->len, >, 0);
    g_assert_cmpuint (((FpStory *) g_ptr_array_index (stories, 0))->views->len, >=, 3);
    story_name = g_strdup (((FpStory *) g_ptr_array_index (stories, 0))->name);
  }

  g_assert_true (describe (run, "presenter-view", NULL));
  assert_state (run, "presenter-view", g_variant_new_boolean (FALSE));
  /* The desk's way to save a view: a dialog asking for the story, the title and notes. */
  {
    g_autofree char *dialog = g_build_filename (run->home, "save-view.png", NULL);
    g_autofree char *request = g_strconcat ("dialog:", dialog, NULL);

    activate (run, "story-save-view-dialog", NULL);
    activate (run, "save-screenshot", g_variant_new_string (request));
    wait_for_file (run, dialog);
  }
  /* Off the wall there is nothing to present beside. */
  activate (run, "presenter-view", NULL);
  assert_state (run, "presenter-view", g_variant_new_boolean (FALSE));

  activate (run, "present-animate", g_variant_new_boolean (FALSE));
  activate (run, "present", NULL);
  g_assert_true (wait_enabled (run, "leave-presentation", TRUE));
  /* One screen: the presenter view waits to be asked for. */
  assert_state (run, "presenter-view", g_variant_new_boolean (FALSE));
  activate (run, "present-story", g_variant_new_string (story_name));
  activate (run, "presenter-view", NULL);
  assert_state (run, "presenter-view", g_variant_new_boolean (TRUE));

  /* Its picture: a window of its own, with the wall mirrored and the next view drawn
   * (the deck's white page and the map's many colours). */
  first = presenter_picture (run, "presenter-1");
  {
    g_autoptr(GHashTable) colours = NULL;
    int width, height;

    colours = count_colours (first, &width, &height);
    g_assert_cmpint (width, >=, 800);
    g_assert_cmpint (height, >=, 500);
    g_assert_cmpuint (g_hash_table_size (colours), >, 200);
    /* The deck's page is white: a 16:9 picture at least 380 pixels wide holds more than
     * 20,000 white pixels, which the presenter view's grey ground does not. */
    g_assert_cmpuint (pixels_of (colours, 0xffffff), >, 20000);
  }

  /* A step on: the wall and the next view change in it. */
  activate (run, "story-next", NULL);
  assert_state (run, "story-step", g_variant_new_int32 (1));
  second = presenter_picture (run, "presenter-2");
  g_assert_cmpuint (differing_pixels (first, second), >, 10000);

  /* It closes when asked, opens again, and goes with presentation mode. */
  activate (run, "presenter-view", NULL);
  assert_state (run, "presenter-view", g_variant_new_boolean (FALSE));
  activate (run, "presenter-view", NULL);
  assert_state (run, "presenter-view", g_variant_new_boolean (TRUE));
  activate (run, "leave-presentation", NULL);
  assert_state (run, "present", g_variant_new_boolean (FALSE));
  assert_state (run, "presenter-view", g_variant_new_boolean (FALSE));

  /* A what-if still in hand when presentation mode ends is asked about (keep it under a
   * name, discard it, or decide later), and not left behind as "(temporary)" unasked.
   * Asked of an option whose long name, with the question, is longer than a scenario's
   * name may be: the branch's name is shortened to fit (it once failed, unseen). */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FpWorkspace) ws = fp_workspace_open (run->document, NULL, &error);
    GPtrArray *scenarios;
    gsize longest = 0;

    g_assert_no_error (error);
    scenarios = fp_workspace_get_scenarios (ws);
    for (guint i = 0; i < scenarios->len; i++)
      {
        const FpScenario *scenario = g_ptr_array_index (scenarios, i);

        for (guint c = 0; c < scenario->changes->len; c++)
          {
            const FpChange *change = g_ptr_array_index (scenario->changes, c);
            const FpEstate *estate = fp_workspace_get_estate (ws);
            guint index;
            gsize length;

            if (change->kind != FP_CHANGE_EXIT_SITE ||
                !fp_estate_find_site (estate, change->site, &index))
              continue;
            length = g_utf8_strlen (scenario->name, -1) +
                     g_utf8_strlen (fp_estate_get_site (estate, index)->name, -1);
            if (length > longest)
              {
                g_free (long_option);
                g_free (closing_site);
                long_option = g_strdup (scenario->name);
                closing_site = g_strdup (change->site);
                longest = length;
              }
          }
      }
    g_assert_nonnull (long_option);
    /* "What if: " + the option + ", keep " + the site's name + " open 2 more years" +
     * " (temporary)": longer than a scenario's name may be. */
    g_assert_cmpuint (9 + longest + 6 + 18 + 12, >, FP_SCENARIO_NAME_MAX_CHARS);
  }
  activate (run, "present", NULL);
  g_assert_true (wait_enabled (run, "leave-presentation", TRUE));
  activate (run, "select-scenario", g_variant_new_string (long_option));
  activate (run, "what-if", g_variant_new ("(ssi)", "keep-open", closing_site, 2));
  {
    g_autoptr(GVariant) state = NULL;
    g_autofree char *what_if = NULL;
    g_autofree char *question = g_build_filename (run->home, "end-what-if.png", NULL);
    g_autofree char *request = g_strconcat ("dialog:", question, NULL);
    g_auto(GStrv) names = NULL;

    g_assert_true (describe (run, "select-scenario", &state));
    what_if = g_variant_dup_string (state, NULL);
    g_assert_nonnull (strstr (what_if, "(temporary)"));
    g_assert_true (g_str_has_prefix (what_if, "What if: "));
    g_assert_cmpuint (g_utf8_strlen (what_if, -1), <=, FP_SCENARIO_NAME_MAX_CHARS);
    activate (run, "leave-presentation", NULL);
    assert_state (run, "present", g_variant_new_boolean (FALSE));
    /* The question is on screen: its picture can be taken. */
    activate (run, "save-screenshot", g_variant_new_string (request));
    wait_for_file (run, question);
    g_assert_true (describe (run, "what-if-discard", NULL));
    /* Answered by a script as by its Discard button: the branch is gone. */
    activate (run, "what-if-discard", NULL);
    g_assert_true (wait_enabled (run, "what-if-discard", FALSE));
    names = stored_scenario_names (run->document);
    g_assert_false (g_strv_contains ((const char * const *) names, what_if));
    g_assert_true (g_strv_contains ((const char * const *) names, long_option));
  }
  assert_wall_fitted (run);

  /* Quitting (Ctrl+Q) with a branch in hand asks too, and quits once it is answered: it
   * used to quit at once, leaving the branch behind unasked. */
  activate (run, "present", NULL);
  g_assert_true (wait_enabled (run, "leave-presentation", TRUE));
  activate (run, "select-scenario", g_variant_new_string (long_option));
  activate (run, "what-if", g_variant_new ("(ssi)", "keep-open", closing_site, 2));
  g_assert_true (wait_enabled (run, "what-if-discard", TRUE));
  activate (run, "app.quit", NULL);
  {
    g_autofree char *question = g_build_filename (run->home, "quit-what-if.png", NULL);
    g_autofree char *request = g_strconcat ("dialog:", question, NULL);
    g_autoptr(GVariant) state = NULL;
    g_autofree char *what_if = NULL;
    g_auto(GStrv) names = NULL;

    g_assert_nonnull (g_subprocess_get_identifier (run->process));
    g_assert_true (describe (run, "select-scenario", &state));
    what_if = g_variant_dup_string (state, NULL);
    activate (run, "save-screenshot", g_variant_new_string (request));
    wait_for_file (run, question);
    g_assert_nonnull (g_subprocess_get_identifier (run->process));
    activate (run, "what-if-discard", NULL);
    for (guint i = 0; i < RUN_TIMEOUT_SECONDS * 10 &&
                      g_subprocess_get_identifier (run->process) != NULL; i++)
      spin (100);
    g_assert_null (g_subprocess_get_identifier (run->process));
    names = stored_scenario_names (run->document);
    g_assert_false (g_strv_contains ((const char * const *) names, what_if));
  }
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("FOOTPRINT_APP") == NULL || g_getenv ("FOOTPRINT_SCHEMA_DIR") == NULL)
    {
      g_printerr ("FOOTPRINT_APP and FOOTPRINT_SCHEMA_DIR must be set (meson test sets them)\n");
      return 1;
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("SKIP: no display; run the tests inside xvfb-run -a\n");
      return EXIT_SKIP;
    }

  test_display = g_strdup (g_getenv ("DISPLAY"));
  test_wayland_display = g_strdup (g_getenv ("WAYLAND_DISPLAY"));
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/app/version", test_version);
  g_test_add_func ("/fp/app/first-run", test_first_run);
  g_test_add_func ("/fp/app/not-a-document", test_not_a_document);
  g_test_add_func ("/fp/app/actions", test_actions);
  g_test_add_func ("/fp/app/appraisal-export-import", test_appraisal_export_import);
  g_test_add_func ("/fp/app/edits", test_edits);
  g_test_add_func ("/fp/app/data-summary", test_data_summary);
  g_test_add_func ("/fp/app/suggest-estate", test_suggest_estate);
  g_test_add_func ("/fp/app/presentation", test_presentation);
  g_test_add_func ("/fp/app/large-import", test_large_import);
  g_test_add_func ("/fp/app/presentation-story", test_presentation_story);
  g_test_add_func ("/fp/app/presenter-view", test_presenter_view);

  return g_test_run ();
}
