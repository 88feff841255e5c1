/* test-durability.c: the document under kills and under two writers, through footprint-cli.
 *
 * - saves killed at random moments: every save reported is there afterwards, and the file
 *   passes SQLite's integrity check;
 * - `undo` racing `add-change`: no update is lost (the undo position always equals what the
 *   reported adds and undos make it);
 * - two conflicting `add-change` at once: exactly one is stored, the other is refused, and
 *   the scenario still computes;
 * - `init --force` killed at random moments: the old or the new document is there, whole.
 *
 * Each loop is bounded in time (a few seconds) and prints what it tried and what survived.
 * The counts go in the note of the change that brought this test (issue 8).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <sqlite3.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "fp-test-util.h"

#define CLI(run, ...) fp_test_run_cli ((run), data_home, (const char *[]) { __VA_ARGS__, NULL })

static char *data_home;
static char *site_a;   /* two current, placed NHS sites of the default document */
static char *site_b;

/* When the loop of a test ends: after @seconds, or after FP_DURABILITY_SECONDS for a longer
 * trial run by hand (FP_DURABILITY_SECONDS=60 _build/tests/test-durability). */
static gint64
deadline (guint seconds)
{
  const char *wanted = g_getenv ("FP_DURABILITY_SECONDS");

  if (wanted != NULL && atoi (wanted) > 0)
    seconds = (guint) atoi (wanted);
  return g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
}

static void
must_succeed (const FpTestRun *run)
{
  if (run->status != 0)
    g_error ("footprint-cli failed (%d): %s%s", run->status, run->out, run->err);
}

static char *template_doc;  /* made once by `init`; closed, so the file is all of it */
static gint64 init_usec;    /* how long that took */

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
      gint64 start = g_get_monotonic_time ();

      template_doc = fp_test_tmpfile ("template.footprint");
      CLI (&run, "init", "--document", template_doc);
      must_succeed (&run);
      init_usec = g_get_monotonic_time () - start;
    }

  g_assert_true (g_file_get_contents (template_doc, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  return g_steal_pointer (&path);
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
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

/* Waits for @proc; returns whether it exited (rather than being killed). */
static gboolean
finish_cli (GSubprocess *proc,
            FpTestRun   *run)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (proc))
    {
      g_assert_true (g_subprocess_get_if_signaled (proc));
      run->status = -g_subprocess_get_term_sig (proc);
      return FALSE;
    }

  run->status = g_subprocess_get_exit_status (proc);
  return TRUE;
}

static void
assert_integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* The scenario as `scenario show --json` gives it (changes in effect), and from `scenario
 * list --json` how many changes it has and how many are in effect. */
typedef struct
{
  GPtrArray *notes;   /* of the changes in effect, in order */
  gint64     changes;
  gint64     applied;
} Shown;

static void
shown_clear (Shown *shown)
{
  g_clear_pointer (&shown->notes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Shown, shown_clear)

static void
show (const char *path,
      const char *scenario,
      Shown      *shown)
{
  g_auto(FpTestRun) run = { 0 };
  g_auto(FpTestRun) list = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) list_root = NULL;
  JsonArray *changes, *scenarios;

  CLI (&run, "scenario", "show", "--document", path, "--scenario", scenario, "--json");
  must_succeed (&run);
  root = json_from_string (run.out, NULL);
  changes = json_object_get_array_member (json_node_get_object (root), "changes");
  shown->notes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *c = json_array_get_object_element (changes, i);

      g_ptr_array_add (shown->notes, g_strdup (json_object_has_member (c, "note")
                                               ? json_object_get_string_member (c, "note")
                                               : ""));
    }

  CLI (&list, "scenario", "list", "--document", path, "--json");
  must_succeed (&list);
  list_root = json_from_string (list.out, NULL);
  scenarios = json_object_get_array_member (json_node_get_object (list_root), "scenarios");
  for (guint i = 0; i < json_array_get_length (scenarios); i++)
    {
      JsonObject *s = json_array_get_object_element (scenarios, i);

      if (g_str_equal (json_object_get_string_member (s, "name"), scenario))
        {
          shown->changes = json_object_get_int_member (s, "changes");
          shown->applied = json_object_get_int_member (s, "applied");
        }
    }
}

static gboolean
has_note (GPtrArray  *notes,
          const char *note)
{
  return g_ptr_array_find_with_equal_func (notes, note, g_str_equal, NULL);
}

/* ---- saves killed at random ---------------------------------------------------------- */

static void
test_kills (void)
{
  g_autofree char *path = new_document ("kills.footprint");
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_auto(FpTestRun) create = { 0 };
  g_auto(FpTestRun) validate = { 0 };
  g_auto(Shown) shown = { 0 };
  gint64 end = deadline (3);
  guint tried = 0, killed = 0, missing = 0;

  CLI (&create, "scenario", "create", "--document", path, "--scenario", "Saves");
  must_succeed (&create);

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *note = g_strdup_printf ("save %u", tried);
      g_autofree char *hours = g_strdup_printf ("%u", 20 + tried % 100);
      const char *args[] = { "scenario", "add-change", "--document", path, "--scenario",
                             "Saves", "--kind", "change_hours", "--year", "2026", "--site",
                             site_a, "--hours", hours, "--note", note, NULL };
      g_autoptr(GSubprocess) proc = spawn_cli (args);
      g_auto(FpTestRun) run = { 0 };

      tried++;
      if (g_rand_boolean (rand))
        {
          g_usleep (g_rand_int_range (rand, 0, 40000));
          g_subprocess_send_signal (proc, SIGKILL);
        }

      if (!finish_cli (proc, &run))
        killed++;
      else if (run.status == 0 && strstr (run.out, "Added change") != NULL)
        g_ptr_array_add (reported, g_steal_pointer (&note));
      else
        g_error ("a save failed although nothing killed it: %s", run.err);
    }

  assert_integrity_ok (path);
  CLI (&validate, "validate", "--document", path);
  must_succeed (&validate);

  show (path, "Saves", &shown);
  for (guint i = 0; i < reported->len; i++)
    if (!has_note (shown.notes, g_ptr_array_index (reported, i)))
      missing++;

  g_test_message ("kills: %u saves tried, %u killed mid-way, %u reported saved, %u of those "
                  "lost; %u changes in the document", tried, killed, reported->len, missing,
                  shown.notes->len);
  g_assert_cmpuint (missing, ==, 0);
  g_assert_cmpuint (killed, >, 0);
  g_assert_cmpuint (reported->len, >, 0);
  g_assert_cmpuint (shown.notes->len, >=, reported->len);
}

/* ---- undo racing add-change ---------------------------------------------------------- */

typedef struct
{
  const char *path;
  gboolean    undo;
  gint64      end;
  guint       ok;
  guint       refused;   /* undo with nothing to undo */
  GPtrArray  *notes;     /* adds reported */
  GPtrArray  *failures;
} Racer;

static gpointer
race (gpointer data)
{
  Racer *r = data;
  guint n = 0;

  while (g_get_monotonic_time () < r->end)
    {
      g_autofree char *note = g_strdup_printf ("race %u", n++);
      g_auto(FpTestRun) run = { 0 };
      g_autoptr(GSubprocess) proc = NULL;

      if (r->undo)
        {
          const char *args[] = { "scenario", "undo", "--document", r->path, "--scenario",
                                 "Race", NULL };
          proc = spawn_cli (args);
        }
      else
        {
          const char *args[] = { "scenario", "add-change", "--document", r->path,
                                 "--scenario", "Race", "--kind", "change_hours", "--year",
                                 "2026", "--site", site_a, "--hours", "50", "--note", note,
                                 NULL };
          proc = spawn_cli (args);
        }

      finish_cli (proc, &run);
      if (run.status == 0)
        {
          r->ok++;
          if (!r->undo)
            g_ptr_array_add (r->notes, g_steal_pointer (&note));
        }
      else if (r->undo && strstr (run.err, "no change to undo") != NULL)
        r->refused++;
      else
        g_ptr_array_add (r->failures, g_steal_pointer (&run.err));
    }

  return NULL;
}

static void
test_undo_racing_add (void)
{
  g_autofree char *path = new_document ("race.footprint");
  g_autoptr(GPtrArray) add_notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_auto(FpTestRun) create = { 0 };
  g_auto(Shown) shown = { 0 };
  gint64 end = deadline (3);
  const guint initial = 3;
  Racer adder = { path, FALSE, end, 0, 0, add_notes, failures };
  Racer undoer = { path, TRUE, end, 0, 0, NULL, failures };
  GThread *a, *u;

  CLI (&create, "scenario", "create", "--document", path, "--scenario", "Race");
  must_succeed (&create);
  for (guint i = 0; i < initial; i++)
    {
      g_autofree char *note = g_strdup_printf ("first %u", i);
      g_auto(FpTestRun) run = { 0 };

      CLI (&run, "scenario", "add-change", "--document", path, "--scenario", "Race", "--kind",
           "change_hours", "--year", "2026", "--site", site_a, "--hours", "40", "--note", note);
      must_succeed (&run);
    }

  a = g_thread_new ("adder", race, &adder);
  u = g_thread_new ("undoer", race, &undoer);
  g_thread_join (a);
  g_thread_join (u);

  for (guint i = 0; i < failures->len; i++)
    g_printerr ("failed: %s", (const char *) g_ptr_array_index (failures, i));
  g_assert_cmpuint (failures->len, ==, 0);

  assert_integrity_ok (path);
  show (path, "Race", &shown);

  /* Whatever order they ran in, each add raised the undo position by one and each undo
   * lowered it by one: a lost update shows as a position that does not add up. */
  g_test_message ("two writers, undo racing add-change: %u adds and %u undos reported "
                  "(%u undos found nothing to undo); undo position %" G_GINT64_FORMAT
                  ", expected %u", adder.ok, undoer.ok, undoer.refused, shown.applied,
                  initial + adder.ok - undoer.ok);
  g_assert_cmpint (shown.applied, ==, (gint64) (initial + adder.ok - undoer.ok));

  /* Every change in effect is one an add reported (or one of the first). */
  for (guint i = 0; i < shown.notes->len; i++)
    {
      const char *note = g_ptr_array_index (shown.notes, i);

      g_assert_true (g_str_has_prefix (note, "first ") || has_note (add_notes, note));
    }
  g_assert_cmpuint (adder.ok, >, 0);
  g_assert_cmpuint (undoer.ok, >, 0);
}

/* ---- two conflicting add-change -------------------------------------------------------- */

static void
test_conflicting_adds (void)
{
  g_autofree char *path = new_document ("conflict.footprint");
  gint64 end = deadline (4);
  guint rounds = 0, both_stored = 0, one_stored = 0;

  while (g_get_monotonic_time () < end)
    {
      g_autofree char *name = g_strdup_printf ("Conflict %u", rounds++);
      g_autoptr(GSubprocess) first = NULL;
      g_autoptr(GSubprocess) second = NULL;
      g_auto(FpTestRun) create = { 0 };
      g_auto(FpTestRun) r1 = { 0 };
      g_auto(FpTestRun) r2 = { 0 };
      g_auto(FpTestRun) compute = { 0 };
      g_auto(Shown) shown = { 0 };
      /* Both leave the same site, in different years: either alone applies, not both. */
      const char *leave_2027[] = { "scenario", "add-change", "--document", path, "--scenario",
                                   name, "--kind", "exit_site", "--year", "2027", "--site",
                                   site_b, NULL };
      const char *leave_2028[] = { "scenario", "add-change", "--document", path, "--scenario",
                                   name, "--kind", "exit_site", "--year", "2028", "--site",
                                   site_b, NULL };

      CLI (&create, "scenario", "create", "--document", path, "--scenario", name);
      must_succeed (&create);

      first = spawn_cli (leave_2027);
      second = spawn_cli (leave_2028);
      finish_cli (first, &r1);
      finish_cli (second, &r2);

      show (path, name, &shown);
      if (shown.changes > 1)
        both_stored++;
      if ((r1.status == 0) + (r2.status == 0) == 1 && shown.changes == 1)
        one_stored++;
      else if (shown.changes <= 1)
        g_error ("round %u: %s%s / %s%s", rounds, r1.out, r1.err, r2.out, r2.err);

      for (guint r = 0; r < 2; r++)
        {
          const FpTestRun *run = r == 0 ? &r1 : &r2;

          if (run->status != 0 && strstr (run->err, "was not added") == NULL)
            g_error ("a refusal that is not about the conflict: %s", run->err);
        }

      CLI (&compute, "compute", "--document", path, "--scenario", name, "--year", "2029");
      if (compute.status != 0 && shown.changes <= 1)
        g_error ("round %u: the scenario no longer computes: %s", rounds, compute.err);
    }

  g_test_message ("two writers, conflicting add-change: %u rounds, %u stored exactly one, "
                  "%u stored both", rounds, one_stored, both_stored);
  g_assert_cmpuint (both_stored, ==, 0);
  g_assert_cmpuint (one_stored, ==, rounds);
}

/* ---- init --force killed at random ---------------------------------------------------- */

static gint64
count (const char *path,
       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_init_force_killed (void)
{
  g_autofree char *path = new_document ("replace.footprint");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  gint64 end = deadline (6);
  guint tried = 0, killed = 0, old = 0, fresh = 0;
  const char *init[] = { "init", "--document", path, "--force", NULL };

  /* On a loaded machine the rounds are slow and few: go on past the deadline (a bounded
   * number of rounds) until at least one init was killed mid-way, killing those extra
   * rounds early. */
  while (g_get_monotonic_time () < end || (killed == 0 && tried < 40))
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_auto(FpTestRun) run = { 0 };
      g_auto(FpTestRun) mark = { 0 };
      g_auto(FpTestRun) summary = { 0 };
      gboolean late = g_get_monotonic_time () >= end;
      gint64 marked;

      /* The old document carries a scenario the new one will not have. */
      if (count (path, "SELECT count(*) FROM scenarios WHERE name = 'Old marker'") == 0)
        {
          CLI (&mark, "scenario", "create", "--document", path, "--scenario", "Old marker");
          must_succeed (&mark);
        }

      tried++;
      proc = spawn_cli (init);
      /* Anywhere from the start to a little after an undisturbed init ends; half the time
       * near its end, where the new document is swapped in. */
      {
        gint64 span = late ? MAX (init_usec / 2, 2) : MIN (init_usec * 5 / 4, 3 * G_USEC_PER_SEC);
        gint64 from = late || g_rand_boolean (rand) ? 0 : init_usec * 3 / 5;

        g_usleep (g_rand_int_range (rand, (gint32) MIN (from, span - 1), (gint32) span));
      }
      g_subprocess_send_signal (proc, SIGKILL);
      if (!finish_cli (proc, &run))
        killed++;
      else
        must_succeed (&run);

      /* The document is there and whole: the old one, or the complete new one. */
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_error ("round %u: a killed init --force left no document", tried);
      assert_integrity_ok (path);
      marked = count (path, "SELECT count(*) FROM scenarios WHERE name = 'Old marker'");
      if (marked == 1)
        old++;
      else
        {
          g_assert_cmpint (marked, ==, 0);
          g_assert_cmpint (count (path, "SELECT count(*) FROM sites"), >, 300);
          g_assert_cmpint (count (path, "SELECT count(*) FROM zones"), >, 700);
          fresh++;
        }

      /* And the next program opens it as it is: nothing is silently made anew. */
      CLI (&summary, "summary", "--document", path, "--json");
      must_succeed (&summary);
      g_assert_cmpstr (summary.err, ==, "");
    }

  /* A completed init clears what killed ones left behind. */
  {
    g_auto(FpTestRun) run = { 0 };
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint leftovers = 0;

    CLI (&run, "init", "--document", path, "--force");
    must_succeed (&run);
    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, base) && !g_str_equal (name, base))
        {
          g_printerr ("left over: %s\n", name);
          leftovers++;
        }
    g_assert_cmpuint (leftovers, ==, 0);
  }

  g_test_message ("init --force killed at random: %u tried, %u killed mid-way; afterwards "
                  "%u times the old document, %u times the new, 0 times none or a damaged one",
                  tried, killed, old, fresh);
  g_assert_cmpuint (killed, >, 0);
}

/* Two current, placed NHS sites from the document, chosen by rule so the test follows the
 * data. */
static void
pick_sites (const char *path)
{
  g_auto(FpTestRun) run = { 0 };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *sites;

  CLI (&run, "sites", "--document", path, "--format", "json");
  must_succeed (&run);
  root = json_from_string (run.out, NULL);
  sites = json_object_get_array_member (json_node_get_object (root), "sites");
  for (guint i = 0; i < json_array_get_length (sites) && site_b == NULL; i++)
    {
      JsonObject *s = json_array_get_object_element (sites, i);

      if (json_object_get_null_member (s, "lat") ||
          g_strcmp0 (json_object_get_string_member (s, "status"), "current") != 0 ||
          g_strcmp0 (json_object_get_string_member (s, "sector"), "nhs") != 0 ||
          g_strcmp0 (json_object_get_string_member (s, "site_type"), "health_centre") != 0)
        continue;

      if (site_a == NULL)
        site_a = g_strdup (json_object_get_string_member (s, "id"));
      else
        site_b = g_strdup (json_object_get_string_member (s, "id"));
    }

  g_assert_nonnull (site_b);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *first = NULL;

  g_test_init (&argc, &argv, NULL);

  dir = fp_test_tmpdir ();
  data_home = g_build_filename (dir, "xdg-data", NULL);
  first = new_document ("sites.footprint");
  pick_sites (first);

  g_test_add_func ("/fp/durability/kills", test_kills);
  g_test_add_func ("/fp/durability/undo-racing-add", test_undo_racing_add);
  g_test_add_func ("/fp/durability/conflicting-adds", test_conflicting_adds);
  g_test_add_func ("/fp/durability/init-force-killed", test_init_force_killed);

  return g_test_run ();
}
