/* fp-test-util.c: helpers shared by the core tests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "fp-test-util.h"

static char *test_dir;

static void
remove_test_dir (void)
{
  if (test_dir != NULL && g_getenv ("FP_TEST_KEEP") == NULL)
    fp_test_rm_rf (test_dir);
}

/* One private directory per test program, removed at exit. */
char *
fp_test_tmpdir (void)
{
  if (test_dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      test_dir = g_dir_make_tmp ("footprint-test-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_test_dir);
    }

  return g_strdup (test_dir);
}

/* Whether a program (pdfinfo, say) is on the PATH, for a check that needs it. */
gboolean
fp_test_have_program (const char *name)
{
  g_autofree char *path = g_find_program_in_path (name);

  return path != NULL;
}

/* A path in the test directory that does not exist yet. */
char *
fp_test_tmpfile (const char *name)
{
  static guint counter;
  g_autofree char *dir = fp_test_tmpdir ();
  g_autofree char *unique = g_strdup_printf ("%u-%s", ++counter, name);

  return g_build_filename (dir, unique, NULL);
}

GBytes *
fp_test_read_data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

FpEstate *
fp_test_load_tiny (void)
{
  g_autoptr(GBytes) bytes = fp_test_read_data_file ("tiny-dataset.json");
  g_autoptr(GError) error = NULL;
  FpEstate *estate = fp_dataset_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (estate);
  return estate;
}

char *
fp_test_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

void
fp_test_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          fp_test_rm_rf (child);
        }
      g_dir_close (dir);
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

void
fp_test_run_clear (FpTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs footprint-cli with @args (NULL-terminated, without the program) in the C.UTF-8
 * locale, with XDG_DATA_HOME at @data_home, and collects its output and exit status. */
void
fp_test_run_cli (FpTestRun          *run,
                 const char         *data_home,
                 const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("FOOTPRINT_CLI");

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}
