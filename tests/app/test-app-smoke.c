/* test-app-smoke.c: run the real footprint binary and check what it shows.
 *
 * Each case starts `footprint` (named by $FOOTPRINT_APP) on the runner's display with its
 * own XDG folders and the build's compiled settings schema. The app saves a picture of its
 * window, and of the map alone (no legend), once every visible tile and the sites are drawn
 * (FOOTPRINT_SCREENSHOT, FOOTPRINT_MAP_SCREENSHOT) and then quits itself
 * (FOOTPRINT_QUIT_AFTER_SCREENSHOT). The checks compare the pictures with what the estate
 * and the settings schema say, not with numbers written here.
 *
 * With no display the test skips (exit 77): run the suite inside `xvfb-run -a`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "footprint-core.h"
#include "fp-palette.h"
#include "fp-test-util.h"

#define EXIT_SKIP 77
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
  guint placed_by_tenure[FP_N_TENURES] = { 0 };
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

  /* ...and every tenure that has a current site on the map shows in its colour (the map
   * picture has no legend over it, so the colour comes from the site layer). */
  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);

      if (site->placed && site->status == FP_SITE_STATUS_CURRENT)
        placed_by_tenure[site->tenure]++;
    }
  for (guint t = 0; t < FP_N_TENURES; t++)
    {
      guint n = pixels_of (map_colours, fp_palette_tenure (t));

      g_test_message ("%s: %u sites on the map, %u pixels of #%06X",
                      fp_tenure_to_string (t), placed_by_tenure[t], n, fp_palette_tenure (t));
      if (placed_by_tenure[t] > 0)
        g_assert_cmpuint (n, >, 0);
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

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/app/version", test_version);
  g_test_add_func ("/fp/app/first-run", test_first_run);
  g_test_add_func ("/fp/app/not-a-document", test_not_a_document);

  return g_test_run ();
}
