/* test-document.c: the document as a file, through footprint-cli: replacing it while a
 * write-ahead log is about, a second program holding it, read-only files and folders,
 * damaged files, copies, and the words a user reads when something is wrong.
 *
 * Every case is one that went wrong in a trial (issue 8); each runs the real binary, so
 * what it checks is what a user gets. docs/reliability.md says which promise each proves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "fp-store-private.h"
#include "fp-test-util.h"

#define CLI(run, ...) fp_test_run_cli ((run), data_home, (const char *[]) { __VA_ARGS__, NULL })

/* The user the read-only cases run as when the tests run as root, who may write anything. */
#define NOBODY 65534

static char *data_home;

static void
must_succeed (const FpTestRun *run)
{
  if (run->status != 0)
    g_error ("footprint-cli failed (%d): %s%s", run->status, run->out, run->err);
}

/* A message a user reads never shows SQLite's own words for a refused row or a lock. */
static void
assert_plain_words (const char *message)
{
  const char *raw[] = { "constraint", "CHECK", "UNIQUE", "database is locked",
                        "attempt to write a readonly database", "disk image is malformed",
                        "SQL logic error" };

  for (guint i = 0; i < G_N_ELEMENTS (raw); i++)
    if (strstr (message, raw[i]) != NULL)
      g_error ("“%s” reached the user: %s", raw[i], message);
}

static char *template_doc;  /* made once by `init`; closed, so the file is all of it */

/* A new document: a copy of the one `init` made, which is quicker than building each. */
static char *
new_document (const char *name)
{
  g_autofree char *path = fp_test_tmpfile (name);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (template_doc == NULL)
    {
      g_auto(FpTestRun) run = { 0 };

      template_doc = fp_test_tmpfile ("template.footprint");
      CLI (&run, "init", "--document", template_doc);
      must_succeed (&run);
    }

  g_assert_true (g_file_get_contents (template_doc, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  return g_steal_pointer (&path);
}

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
assert_integrity_ok (const char *path)
{
  sqlite3 *db = open_raw (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Writes to @path in a child process that dies without closing the database, as a program
 * killed mid-session does: the work stays in the -wal file, with a -shm beside it. */
static void
die_after_writing (const char *path,
                   const char *sql)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
          sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0", NULL, NULL, NULL) != SQLITE_OK ||
          sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
        _exit (1);
      _exit (0);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static const char old_work[] =
  "INSERT INTO scenarios (name, created_at, modified_at) VALUES ('Old work', 'x', 'x');"
  "UPDATE sites SET name = 'OLD ' || name;";

/* A writer died and left its work in the -wal file: `init --force` must make a clean new
 * document (none of the old rows, integrity ok), not one that takes in the old log. */
static void
test_init_force_with_wal (void)
{
  g_autofree char *path = new_document ("wal.footprint");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_auto(FpTestRun) run = { 0 };

  die_after_writing (path, old_work);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  CLI (&run, "init", "--document", path, "--force");
  must_succeed (&run);

  assert_integrity_ok (path);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM scenarios WHERE name = 'Old work'"),
                   ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sites WHERE name LIKE 'OLD %'"), ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sites"), >, 300);
}

/* Beside the file to replace lies a log with work in it that cannot be folded into that
 * file (here the file is not a database at all; a badly damaged document is the same):
 * `init --force` still makes a clean new document, and the old log is kept beside it
 * rather than replayed into the new one. */
static void
test_init_force_over_damaged (void)
{
  g_autofree char *path = new_document ("damaged-wal.footprint");
  g_autofree char *aside = g_strconcat (path, "-wal.replaced", NULL);
  g_auto(FpTestRun) run = { 0 };

  die_after_writing (path, old_work);
  g_assert_true (g_file_set_contents (path, "this is not a database any more\n", -1, NULL));

  CLI (&run, "init", "--document", path, "--force");
  must_succeed (&run);

  assert_integrity_ok (path);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM scenarios WHERE name = 'Old work'"),
                   ==, 0);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sites WHERE name LIKE 'OLD %'"), ==, 0);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
}

/* While another program has the document open, `init --force` refuses, says why, and the
 * open program's work is untouched. */
static void
test_init_force_while_open (void)
{
  g_autofree char *path = new_document ("open.footprint");
  g_auto(FpTestRun) run = { 0 };
  sqlite3 *holder = open_raw (path);

  exec_ok (holder, "INSERT INTO scenarios (name, created_at, modified_at) "
                   "VALUES ('Held work', 'x', 'x')");

  CLI (&run, "init", "--document", path, "--force");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "open in another program"));
  assert_plain_words (run.err);

  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM scenarios WHERE name = 'Held work'"),
                   ==, 1);
  sqlite3_close (holder);
  assert_integrity_ok (path);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM scenarios WHERE name = 'Held work'"),
                   ==, 1);
}

/* Another program holds an exclusive lock for a moment. */
typedef struct
{
  sqlite3 *db;
} Holder;

static void
hold_exclusive (Holder     *holder,
                const char *path)
{
  holder->db = open_raw (path);
  exec_ok (holder->db, "PRAGMA locking_mode = EXCLUSIVE");
  exec_ok (holder->db, "BEGIN EXCLUSIVE");
  exec_ok (holder->db, "UPDATE meta SET value = value");
}

static void
release (Holder *holder)
{
  exec_ok (holder->db, "COMMIT");
  sqlite3_close (holder->db);
  holder->db = NULL;
}

static GSubprocess *
spawn_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *proc;

  g_ptr_array_add (argv, (gpointer) g_getenv ("FOOTPRINT_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

static void
finish_cli (GSubprocess *proc,
            FpTestRun   *run)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  run->status = g_subprocess_get_exit_status (proc);
}

/* A second program waits for the first to finish writing, then succeeds; it neither fails
 * at once with "database is locked" nor calls the document foreign. */
static void
test_busy_waits (void)
{
  g_autofree char *path = new_document ("busy.footprint");
  const char *reads[] = { "summary", "--document", path, "--json", NULL };
  const char *writes[] = { "scenario", "create", "--document", path, "--scenario",
                           "Written while busy", NULL };
  Holder holder = { 0 };

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_auto(FpTestRun) run = { 0 };

      hold_exclusive (&holder, path);
      proc = spawn_cli (i == 0 ? reads : writes);
      g_usleep (G_USEC_PER_SEC);
      release (&holder);
      finish_cli (proc, &run);
      if (run.status != 0)
        g_error ("footprint-cli did not wait for the other program: %s", run.err);
    }

  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM scenarios "
                                     "WHERE name = 'Written while busy'"), ==, 1);
}

/* When the other program keeps writing beyond the wait, the message says so plainly. */
static void
test_busy_says_so (void)
{
  g_autofree char *path = new_document ("busy-long.footprint");
  const char *writes[] = { "scenario", "create", "--document", path, "--scenario", "Never",
                           NULL };
  g_autoptr(GSubprocess) proc = NULL;
  g_auto(FpTestRun) run = { 0 };
  Holder holder = { 0 };

  hold_exclusive (&holder, path);
  proc = spawn_cli (writes);
  finish_cli (proc, &run);
  release (&holder);

  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "another program"));
  g_assert_null (strstr (run.err, "not a Footprint document"));
  assert_plain_words (run.err);
}

/* ---- read-only ----------------------------------------------------------------------- */

static void
drop_privileges (gpointer user_data)
{
  if (getuid () == 0)
    {
      if (setgroups (0, NULL) != 0 || setresgid (NOBODY, NOBODY, NOBODY) != 0 ||
          setresuid (NOBODY, NOBODY, NOBODY) != 0)
        _exit (99);
    }
}

static char *shared_dir (const char *name);

/* The footprint-cli that nobody may run. The build tree may sit in a folder only its owner
 * can enter (a clone in a private temporary folder, as CI makes): as root, run a copy from
 * a folder everyone can enter. The binary carries its resources, so a copy runs alike. */
static const char *
unprivileged_cli (void)
{
  static char *cli;

  if (getuid () != 0)
    return g_getenv ("FOOTPRINT_CLI");

  if (cli == NULL)
    {
      g_autofree char *dir = shared_dir ("bin");
      g_autoptr(GFile) from = g_file_new_for_path (g_getenv ("FOOTPRINT_CLI"));
      g_autoptr(GFile) to = NULL;
      g_autoptr(GError) error = NULL;

      cli = g_build_filename (dir, "footprint-cli", NULL);
      to = g_file_new_for_path (cli);
      g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (cli, 0755), ==, 0);
    }

  return cli;
}

/* Runs footprint-cli as a user who may not write what the test made read-only (as the
 * test's own user, or as nobody when the tests run as root). */
static void
run_unprivileged (FpTestRun          *run,
                  const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) unprivileged_cli ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_set_child_setup (launcher, drop_privileges, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  finish_cli (proc, run);
  g_assert_cmpint (run->status, !=, 99);
}

/* A folder the unprivileged user can enter. */
static char *
shared_dir (const char *name)
{
  g_autofree char *top = fp_test_tmpdir ();
  char *dir = g_build_filename (top, name, NULL);

  g_assert_cmpint (g_chmod (top, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  return dir;
}

static void
check_read_only (const char *path)
{
  g_autofree char *before = fp_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_auto(FpTestRun) summary = { 0 };
  g_auto(FpTestRun) list = { 0 };
  g_auto(FpTestRun) create = { 0 };

  run_unprivileged (&summary, (const char *[]) { "summary", "--document", path, "--json", NULL });
  if (summary.status != 0)
    g_error ("a read-only document could not be read: %s", summary.err);
  g_assert_nonnull (strstr (summary.out, "\"sites\""));

  run_unprivileged (&list, (const char *[]) { "scenario", "list", "--document", path, NULL });
  must_succeed (&list);

  run_unprivileged (&create, (const char *[]) { "scenario", "create", "--document", path,
                                                "--scenario", "Cannot be saved", NULL });
  g_assert_cmpint (create.status, ==, 1);
  if (strstr (create.err, "read-only") == NULL)
    g_error ("a write to a read-only document did not say “read-only”: %s", create.err);
  g_assert_null (strstr (create.err, "not a Footprint document"));
  assert_plain_words (create.err);

  after = fp_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* A read-only file in a folder the user may write to. */
static void
test_read_only_file (void)
{
  g_autofree char *dir = shared_dir ("read-only-file");
  g_autofree char *path = g_build_filename (dir, "estate.footprint", NULL);
  g_auto(FpTestRun) run = { 0 };

  CLI (&run, "init", "--document", path);
  must_succeed (&run);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  check_read_only (path);
}

/* A document the user may write to, in a folder they may not (so no -wal can be made). */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = shared_dir ("read-only-folder");
  g_autofree char *path = g_build_filename (dir, "estate.footprint", NULL);
  g_auto(FpTestRun) run = { 0 };

  CLI (&run, "init", "--document", path);
  must_succeed (&run);
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);

  check_read_only (path);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
}

/* The user's default folder cannot be made, or cannot be written: the message names the
 * document the user would get, not the temporary file it is built in. */
static void
test_unwritable_default_folder (void)
{
  for (guint variant = 0; variant < 2; variant++)
    {
      g_autofree char *home = shared_dir (variant == 0 ? "home-read-only" : "folder-read-only");
      g_autofree char *folder = g_build_filename (home, "footprint", NULL);
      g_autofree char *document = g_build_filename (folder, "estate.footprint", NULL);
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(FpTestRun) run = { 0 };
      const char *argv[] = { unprivileged_cli (), "summary", NULL };

      if (variant == 1)
        {
          g_assert_cmpint (g_mkdir (folder, 0555), ==, 0);
          g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
        }
      else
        {
          g_assert_cmpint (g_chmod (home, 0555), ==, 0);
        }

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                            G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
      g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
      g_subprocess_launcher_set_child_setup (launcher, drop_privileges, NULL, NULL);
      proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
      g_assert_no_error (error);
      finish_cli (proc, &run);

      g_assert_cmpint (run.status, ==, 1);
      g_assert_null (strstr (run.err, ".tmp"));
      if (strstr (run.err, document) == NULL)
        g_error ("the message does not name the document %s: %s", document, run.err);
      assert_plain_words (run.err);
      g_assert_false (g_file_test (document, G_FILE_TEST_EXISTS));
      g_chmod (home, 0755);
      g_chmod (folder, 0755);
    }
}

/* ---- damaged documents ------------------------------------------------------------- */

/* A Footprint document cut short, or with pages overwritten, is reported as damaged (with
 * what to do), never as "not a Footprint document", and is left as it was. Each case may
 * also be readable (an overwritten page that no query needs); it must then say nothing
 * false. */
static void
test_damaged (void)
{
  g_autofree char *good = new_document ("good.footprint");
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint tried = 0, refused_as_damaged = 0, still_read = 0, rescued = 0;
  GRand *rand = g_rand_new_with_seed (8);

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100000);

  for (guint i = 0; i < 16; i++)
    {
      g_autofree char *path = fp_test_tmpfile ("damaged.footprint");
      g_autofree char *copy = g_memdup2 (contents, length);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_auto(FpTestRun) summary = { 0 };
      g_auto(FpTestRun) list = { 0 };
      gsize size = length;

      if (i < 8)
        {
          /* Cut short: inside the header, after page 1, and at points through the file. */
          const gsize cuts[] = { 60, 100, 1000, 4096, 8192, 20000 };

          size = i < G_N_ELEMENTS (cuts) ? cuts[i]
                                          : (gsize) g_rand_int_range (rand, 4096, (gint32) length);
        }
      else
        {
          /* A run of pages overwritten with zeros or noise, beyond page 1. */
          gsize page = 4096;
          gsize first = page * (gsize) g_rand_int_range (rand, 1, (gint32) (length / page));
          gsize span = MIN (page * (gsize) g_rand_int_range (rand, 1, 8), length - first);

          for (gsize b = first; b < first + span; b++)
            copy[b] = (i % 2 == 0) ? 0 : (char) g_rand_int (rand);
        }

      g_assert_true (g_file_set_contents (path, copy, (gssize) size, NULL));
      before = fp_test_file_checksum (path);
      tried++;

      CLI (&summary, "summary", "--document", path, "--json");
      CLI (&list, "scenario", "list", "--document", path);
      for (guint r = 0; r < 2; r++)
        {
          const FpTestRun *run = r == 0 ? &summary : &list;

          g_assert_cmpint (run->status, >=, 0);
          g_assert_cmpint (run->status, <=, 1);
          if (run->status == 1)
            {
              if (strstr (run->err, "damaged") == NULL)
                g_error ("case %u (%" G_GSIZE_FORMAT " bytes): not reported as damaged: %s",
                         i, size, run->err);
              g_assert_null (strstr (run->err, "not a Footprint document"));
              assert_plain_words (run->err);
            }
        }
      if (summary.status == 1 || list.status == 1)
        refused_as_damaged++;
      else
        still_read++;

      /* What can be read is rescued into a whole new document, or nothing is made. */
      {
        g_autofree char *out = fp_test_tmpfile ("rescued.footprint");
        g_auto(FpTestRun) recover = { 0 };
        g_auto(FpTestRun) reopened = { 0 };

        CLI (&recover, "recover", "--document", path, "--output", out);
        g_assert_cmpint (recover.status, >=, 0);
        g_assert_cmpint (recover.status, <=, 1);
        assert_plain_words (recover.err);
        if (recover.status == 0)
          {
            assert_integrity_ok (out);
            CLI (&reopened, "summary", "--document", out, "--json");
            must_succeed (&reopened);
            rescued++;
          }
        else
          {
            g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
          }
      }

      after = fp_test_file_checksum (path);
      g_assert_cmpstr (before, ==, after);
    }

  g_test_message ("damaged documents: %u tried, %u refused as damaged, %u still readable, "
                  "0 crashed or changed; footprint-cli recover made a whole document from %u",
                  tried, refused_as_damaged, still_read, rescued);
  g_assert_cmpuint (refused_as_damaged, >=, 8);
  g_assert_cmpuint (rescued, >=, tried / 2);
  g_rand_free (rand);
}

/* Replaces the first @from in @contents that is a value of a row (the schema quotes the
 * words of its CHECKs: 'leasehold') by @to, of the same length: a change SQLite cannot
 * see, since its pages carry no checksum. */
static void
overwrite_text (char       *contents,
                gsize       length,
                const char *from,
                const char *to)
{
  gsize n = strlen (from);

  g_assert_cmpuint (strlen (to), ==, n);
  for (gsize i = 4096; i + n <= length; i++)
    if (memcmp (contents + i, from, n) == 0 && contents[i - 1] != '\'')
      {
        memcpy (contents + i, to, n);
        return;
      }

  g_error ("“%s” is not in the document", from);
}

/* Bytes changed inside a page that SQLite still reads: a value outside the document's
 * vocabulary is reported as damage, and text that is not UTF-8 never reaches an output. */
static void
test_damaged_text (void)
{
  g_autofree char *good = new_document ("text.footprint");
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (good, &contents, &length, NULL));

  {
    g_autofree char *path = fp_test_tmpfile ("vocabulary.footprint");
    g_autofree char *copy = g_memdup2 (contents, length);
    g_auto(FpTestRun) run = { 0 };

    overwrite_text (copy, length, "leasehold", "leaseh\xffld");
    g_assert_true (g_file_set_contents (path, copy, (gssize) length, NULL));
    CLI (&run, "summary", "--document", path, "--json");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "damaged"));
    g_assert_nonnull (strstr (run.err, "tenure"));
    g_assert_true (g_utf8_validate (run.err, -1, NULL));
    assert_plain_words (run.err);
  }
  {
    g_autofree char *path = fp_test_tmpfile ("not-utf8.footprint");
    g_autofree char *copy = g_memdup2 (contents, length);
    g_auto(FpTestRun) run = { 0 };

    overwrite_text (copy, length, "Branch surgery", "Branch \xc3urgery");
    g_assert_true (g_file_set_contents (path, copy, (gssize) length, NULL));
    CLI (&run, "sites", "--document", path, "--format", "json");
    must_succeed (&run);
    g_assert_true (g_utf8_validate (run.out, -1, NULL));
    g_assert_nonnull (strstr (run.out, "Branch \xef\xbf\xbdurgery"));
  }
}

/* Rescuing an intact document gives back the same document. */
static void
test_recover_intact (void)
{
  g_autofree char *path = new_document ("intact.footprint");
  g_autofree char *out = fp_test_tmpfile ("rescued-intact.footprint");
  g_auto(FpTestRun) create = { 0 };
  g_auto(FpTestRun) add = { 0 };
  g_auto(FpTestRun) recover = { 0 };
  g_auto(FpTestRun) again = { 0 };
  const char *views[][6] = {
    { "summary", "--json", NULL },
    { "scenario", "list", "--json", NULL },
    { "compute", "--scenario", "Kept", "--year", "2028", NULL },
  };

  CLI (&create, "scenario", "create", "--document", path, "--scenario", "Kept");
  must_succeed (&create);
  {
    g_auto(FpTestRun) sites = { 0 };
    g_auto(GStrv) lines = NULL;
    g_auto(GStrv) first = NULL;

    /* An override on the first site, so the rescue has one to carry. */
    CLI (&sites, "sites", "--document", path, "--format", "csv");
    must_succeed (&sites);
    lines = g_strsplit (sites.out, "\r\n", 3);
    first = g_strsplit (lines[1], ",", 2);
    CLI (&add, "override", "--document", path, "--site", first[0], "--category", "core",
         "--reason", "Kept for the test", "--scenario", "Kept");
    must_succeed (&add);
  }

  CLI (&recover, "recover", "--document", path, "--output", out);
  must_succeed (&recover);
  g_assert_null (strstr (recover.out, "lost"));
  CLI (&again, "recover", "--document", path, "--output", out);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already exists"));

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(GPtrArray) a = g_ptr_array_new ();
      g_autoptr(GPtrArray) b = g_ptr_array_new ();
      g_auto(FpTestRun) ra = { 0 };
      g_auto(FpTestRun) rb = { 0 };

      for (guint k = 0; views[i][k] != NULL; k++)
        {
          g_ptr_array_add (a, (gpointer) views[i][k]);
          g_ptr_array_add (b, (gpointer) views[i][k]);
        }
      g_ptr_array_add (a, "--document");
      g_ptr_array_add (a, path);
      g_ptr_array_add (b, "--document");
      g_ptr_array_add (b, out);
      g_ptr_array_add (a, NULL);
      g_ptr_array_add (b, NULL);
      fp_test_run_cli (&ra, data_home, (const char * const *) a->pdata);
      fp_test_run_cli (&rb, data_home, (const char * const *) b->pdata);
      must_succeed (&ra);
      must_succeed (&rb);
      g_assert_cmpstr (ra.out, ==, rb.out);
    }
}

/* ---- the write-ahead log and copies ------------------------------------------------ */

/* A program that closes the document leaves its work in the document file itself, even
 * while another program keeps it open (so the log is not removed): a plain file copy taken
 * then holds the work. */
static void
test_checkpoint_on_close (void)
{
  g_autofree char *path = new_document ("checkpoint.footprint");
  g_autofree char *bare = fp_test_tmpfile ("bare-copy.footprint");
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_auto(FpTestRun) run = { 0 };
  sqlite3 *holder = open_raw (path);

  /* Keep a connection open, as the window does. */
  exec_ok (holder, "SELECT count(*) FROM sites");

  CLI (&run, "scenario", "create", "--document", path, "--scenario", "Saved by the CLI");
  must_succeed (&run);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (bare, contents, (gssize) length, NULL));
  g_assert_cmpint (count_rows (bare, "SELECT count(*) FROM scenarios "
                                     "WHERE name = 'Saved by the CLI'"), ==, 1);
  sqlite3_close (holder);
}

/* footprint-cli copy takes everything saved, including work that lives only in the log of
 * a program that has the document open, into a whole new document. */
static void
test_copy (void)
{
  g_autofree char *path = new_document ("original.footprint");
  g_autofree char *out = fp_test_tmpfile ("copy.footprint");
  g_autofree char *out_wal = g_strconcat (out, "-wal", NULL);
  g_autofree char *first = NULL;
  g_auto(FpTestRun) copy = { 0 };
  g_auto(FpTestRun) again = { 0 };
  g_auto(FpTestRun) forced = { 0 };
  g_auto(FpTestRun) same = { 0 };
  g_auto(FpTestRun) list = { 0 };
  sqlite3 *holder = open_raw (path);

  exec_ok (holder, "PRAGMA wal_autocheckpoint = 0");
  exec_ok (holder, "INSERT INTO scenarios (name, created_at, modified_at) "
                   "VALUES ('Only in the log', 'x', 'x')");

  CLI (&copy, "copy", "--document", path, "--output", out);
  must_succeed (&copy);
  g_assert_false (g_file_test (out_wal, G_FILE_TEST_EXISTS));
  assert_integrity_ok (out);
  CLI (&list, "scenario", "list", "--document", out);
  must_succeed (&list);
  g_assert_nonnull (strstr (list.out, "Only in the log"));
  first = fp_test_file_checksum (out);

  /* An existing file is replaced only when asked; a copy onto itself is refused. */
  CLI (&again, "copy", "--document", path, "--output", out);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already exists"));
  CLI (&forced, "copy", "--document", path, "--output", out, "--force");
  must_succeed (&forced);
  CLI (&same, "copy", "--document", path, "--output", path, "--force");
  g_assert_cmpint (same.status, ==, 1);
  assert_plain_words (same.err);

  sqlite3_close (holder);
}

/* ---- plain words ----------------------------------------------------------------- */

/* A name the document's rules refuse is refused by the program first, in words. */
static void
test_plain_words (void)
{
  g_autofree char *path = new_document ("words.footprint");
  const char *names[] = { "   ", "Do nothing ", "" };
  int before = count_rows (path, "SELECT count(*) FROM scenarios");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(FpTestRun) run = { 0 };

      CLI (&run, "scenario", "create", "--document", path, "--scenario", names[i]);
      g_assert_cmpint (run.status, !=, 0);
      assert_plain_words (run.err);
    }

  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM scenarios"), ==, before);
}

/* ---- init --dataset ------------------------------------------------------------------- */

/* The tiny test dataset, written to a file of its own, as text (edited by @edit if given). */
static char *
write_dataset (const char *name,
               const char *text)
{
  g_autofree char *path = fp_test_tmpfile (name);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return g_steal_pointer (&path);
}

static char *
tiny_text (void)
{
  g_autoptr(GBytes) tiny = fp_test_read_data_file ("tiny-dataset.json");

  return g_strndup (g_bytes_get_data (tiny, NULL), g_bytes_get_size (tiny));
}

/* Sets (or with value NULL removes) the member at a slash-separated path of @text. */
static char *
edit_json (const char *text,
           const char *path,
           const char *value_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (text, &error);
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = root;

  g_assert_no_error (error);
  for (guint i = 0; i + 1 < n; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node),
                                       (guint) g_ascii_strtoull (parts[i], NULL, 10));
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);
    }

  if (value_json == NULL)
    json_object_remove_member (json_node_get_object (node), parts[n - 1]);
  else
    {
      JsonNode *value = json_from_string (value_json, &error);

      g_assert_no_error (error);
      json_object_set_member (json_node_get_object (node), parts[n - 1], value);
    }

  return json_to_string (root, TRUE);
}

/* The names in @dir, sorted, one string. */
static char *
list_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A dataset file makes a document whose figures are the file's own: the summary the
 * document gives is the one computed from the file itself, every site reads back with all
 * its fields and their provenance, and there are no example options (only the built-in
 * dataset gets them). */
static void
test_init_dataset (void)
{
  g_autofree char *text = tiny_text ();
  g_autofree char *dataset = write_dataset ("tiny-init.json", text);
  g_autofree char *path = fp_test_tmpfile ("from-dataset.footprint");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) expected = fp_dataset_parse_file (dataset, &error);
  g_autoptr(FpSummary) summary = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpEstate) loaded = NULL;
  g_autofree char *expected_json = NULL;
  g_autofree char *expected_csv = NULL;
  g_autofree char *loaded_csv = NULL;
  g_auto(FpTestRun) init = { 0 };
  g_auto(FpTestRun) shown = { 0 };

  g_assert_no_error (error);
  summary = fp_summary_compute (expected);
  expected_json = fp_export_summary_json (expected, summary);

  CLI (&init, "init", "--dataset", dataset, "--document", path);
  must_succeed (&init);
  g_assert_nonnull (strstr (init.out, path));

  CLI (&shown, "summary", "--json", "--document", path);
  must_succeed (&shown);
  g_assert_cmpstr (g_strstrip (shown.out), ==, expected_json);

  assert_integrity_ok (path);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sites"), ==, expected->sites->len);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM scenarios"), ==, 0);

  store = fp_store_open (path, &error);
  g_assert_no_error (error);
  loaded = fp_store_load_estate (store, &error);
  g_assert_no_error (error);
  expected_csv = fp_export_sites_csv (expected);
  loaded_csv = fp_export_sites_csv (loaded);
  g_assert_cmpstr (loaded_csv, ==, expected_csv);
}

typedef struct
{
  const char *label;
  const char *path;     /* the member to change; NULL: the text is @value itself */
  const char *value;    /* JSON text, or NULL to remove the member */
  const char *expect;   /* a fragment the message must hold: where and why */
} BadDataset;

static const BadDataset bad_datasets[] = {
  /* The reader's strict JSON */
  { "not JSON", NULL, "{\"format\": ", "not valid JSON" },
  { "a key twice", NULL, "{\"format\": \"footprint-dataset\", \"format\": \"x\"}",
    "“format” twice in one object" },
  { "a hidden character", "sites/0/name", "\"Lift \\u202e Centre\"", "bidirectional" },
  /* The reader's fields */
  { "not a dataset", "format", "\"something-else\"", "not a Footprint dataset" },
  { "an unknown site type", "sites/0/site_type", "\"castle\"",
    "(sites[0]): “castle” is not a known site_type" },
  { "a negative floor area", "sites/0/gia_m2", "-4", "“gia_m2” is -4; it cannot be negative" },
  { "activity at no site", "activity/0/site", "\"NOWHERE\"",
    "activity[0]: the site “NOWHERE” does not exist" },
  /* The data rules (fp-validate.c) */
  { "a value without provenance", "sites/0/provenance/gia_m2", NULL,
    "site LIFT1, field gia_m2: the value has no provenance" },
  { "a source not listed", "sites/0/sources/0/source", "\"nowhere\"",
    "site LIFT1, field sources: a source row names the source “nowhere”" },
  { "a service with no time", "services/0/minutes_per_unit", "0",
    "field minutes_per_unit: a service that uses" },
  /* No file */
  { "no such file", "", NULL, "No such file" },
};

/* A bad dataset is refused, naming the file and what is wrong where; no document is made,
 * nothing is left in the folder, and a document it was to replace is as it was. */
static void
test_init_dataset_refused (void)
{
  g_autofree char *text = tiny_text ();

  for (guint i = 0; i < G_N_ELEMENTS (bad_datasets); i++)
    {
      const BadDataset *c = &bad_datasets[i];
      g_autofree char *dir_name = g_strdup_printf ("refused-%u", i);
      g_autofree char *dir = fp_test_tmpfile (dir_name);
      g_autofree char *dataset = g_build_filename (dir, "bad.json", NULL);
      g_autofree char *path = g_build_filename (dir, "new.footprint", NULL);
      g_autofree char *existing = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *names = NULL;
      g_auto(FpTestRun) run = { 0 };
      g_auto(FpTestRun) forced = { 0 };

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      if (c->path == NULL)
        g_assert_true (g_file_set_contents (dataset, c->value, -1, NULL));
      else if (*c->path != '\0')
        {
          g_autofree char *bad = edit_json (text, c->path, c->value);

          g_assert_true (g_file_set_contents (dataset, bad, -1, NULL));
        }

      CLI (&run, "init", "--dataset", dataset, "--document", path);
      g_test_message ("%s: %s", c->label, run.err);
      if (run.status != 1 || strstr (run.err, c->expect) == NULL ||
          strstr (run.err, dataset) == NULL)
        g_error ("%s: expected a refusal naming %s and saying “%s”, got (%d) %s%s", c->label,
                 dataset, c->expect, run.status, run.out, run.err);
      g_assert_nonnull (strstr (run.err, "nothing was written"));
      assert_plain_words (run.err);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      names = list_folder (dir);
      g_assert_cmpstr (names, ==, c->path != NULL && *c->path == '\0' ? "" : "bad.json");

      /* Over a document, with --force: the document stays as it was, byte for byte. */
      existing = new_document ("existing.footprint");
      before = fp_test_file_checksum (existing);
      CLI (&forced, "init", "--dataset", dataset, "--document", existing, "--force");
      g_assert_cmpint (forced.status, ==, 1);
      g_assert_nonnull (strstr (forced.err, c->expect));
      after = fp_test_file_checksum (existing);
      g_assert_cmpstr (after, ==, before);
    }
}

/* `init --dataset --force` replaces a document as `init --force` does: the old document's
 * work left in its -wal is not replayed into the new one, which holds the dataset alone;
 * and while another program has the document open, it refuses and changes nothing. */
static void
test_init_dataset_force (void)
{
  g_autofree char *text = tiny_text ();
  g_autofree char *dataset = write_dataset ("tiny-force.json", text);
  g_autofree char *path = new_document ("dataset-force.footprint");
  g_autofree char *held = new_document ("dataset-held.footprint");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *names = NULL;
  g_auto(FpTestRun) run = { 0 };
  g_auto(FpTestRun) refused = { 0 };
  sqlite3 *holder;

  die_after_writing (path, old_work);
  CLI (&run, "init", "--dataset", dataset, "--document", path, "--force");
  must_succeed (&run);

  assert_integrity_ok (path);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sites"), ==, 5);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sites WHERE id IN ('LIFT1', 'PS1', "
                                     "'ACUTE1', 'BR1', 'IND1')"), ==, 5);
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM scenarios"), ==, 0);
  /* (The old work renamed every site “OLD …”; the dataset has an “Old Health Centre”.) */
  g_assert_cmpint (count_rows (path, "SELECT count(*) FROM sites WHERE name GLOB 'OLD *'"), ==,
                   0);
  /* No temporary file is left beside it. */
  names = list_folder (dir);
  g_assert_null (strstr (names, ".tmp-"));

  holder = open_raw (held);
  exec_ok (holder, "INSERT INTO scenarios (name, created_at, modified_at) "
                   "VALUES ('Held work', 'x', 'x')");
  CLI (&refused, "init", "--dataset", dataset, "--document", held, "--force");
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "open in another program"));
  sqlite3_close (holder);
  g_assert_cmpint (count_rows (held, "SELECT count(*) FROM scenarios WHERE name = 'Held work'"),
                   ==, 1);
  g_assert_cmpint (count_rows (held, "SELECT count(*) FROM sites"), >, 300);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;

  g_test_init (&argc, &argv, NULL);

  dir = fp_test_tmpdir ();
  data_home = g_build_filename (dir, "xdg-data", NULL);

  g_test_add_func ("/fp/document/init-force-with-wal", test_init_force_with_wal);
  g_test_add_func ("/fp/document/init-force-while-open", test_init_force_while_open);
  g_test_add_func ("/fp/document/init-force-over-damaged", test_init_force_over_damaged);
  g_test_add_func ("/fp/document/busy-waits", test_busy_waits);
  g_test_add_func ("/fp/document/busy-says-so", test_busy_says_so);
  g_test_add_func ("/fp/document/read-only-file", test_read_only_file);
  g_test_add_func ("/fp/document/read-only-folder", test_read_only_folder);
  g_test_add_func ("/fp/document/unwritable-default-folder", test_unwritable_default_folder);
  g_test_add_func ("/fp/document/damaged", test_damaged);
  g_test_add_func ("/fp/document/damaged-text", test_damaged_text);
  g_test_add_func ("/fp/document/recover-intact", test_recover_intact);
  g_test_add_func ("/fp/document/checkpoint-on-close", test_checkpoint_on_close);
  g_test_add_func ("/fp/document/copy", test_copy);
  g_test_add_func ("/fp/document/plain-words", test_plain_words);
  g_test_add_func ("/fp/document/init-dataset", test_init_dataset);
  g_test_add_func ("/fp/document/init-dataset-refused", test_init_dataset_refused);
  g_test_add_func ("/fp/document/init-dataset-force", test_init_dataset_force);

  return g_test_run ();
}
