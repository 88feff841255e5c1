/* bench-create.c: making a document from a dataset file, and opening it, at any size.
 *
 *   _build/bench/bench-create [RUNS] [DATASET.json]
 *
 * With no dataset, the built-in BSol default (read from the program's resources, and with
 * the example options that only the built-in dataset gets); otherwise a dataset file, e.g.
 * one that bench/make-estate.py made (10x BSol, England-size). Prints, over RUNS (default
 * 11):
 *
 *   parse    reading and checking the dataset into an estate (fp_dataset_parse_file);
 *   create   what `footprint-cli init --dataset FILE` does: read and check the dataset,
 *            check its data rules, build the document under a temporary name, put it in
 *            place and open it (fp_store_create_from_dataset);
 *   load     what every later open does: open the document and read its estate
 *            (fp_store_open, fp_store_load_estate);
 *
 * each with the median wall-clock time, its 10th and 90th percentiles, the median
 * processor time of the thread (the machine is shared), and the peak memory the operation
 * added (the high-water mark of a process that does only that operation, less what it held
 * before). `/usr/bin/time -v footprint-cli init --dataset FILE` gives the peak of a whole
 * process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "footprint-core.h"
#include "bench-util.h"

static double
status_mb (const char *field)
{
  g_autofree char *text = NULL;
  const char *at;

  if (!g_file_get_contents ("/proc/self/status", &text, NULL, NULL))
    return NAN;
  at = strstr (text, field);
  if (at == NULL)
    return NAN;
  return g_ascii_strtod (at + strlen (field), NULL) / 1024.0;
}

/* Resets VmHWM to the current resident size (Linux ≥ 4.0), and returns that size. */
static double
reset_peak (void)
{
  FILE *f = fopen ("/proc/self/clear_refs", "w");

  if (f != NULL)
    {
      fputs ("5", f);
      fclose (f);
    }
  return status_mb ("VmRSS:");
}

/* The thread's processor time, ms. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Each operation runs in a child process of its own, so that its peak memory is its own
 * and not lowered by memory an earlier run freed but the allocator kept. */
typedef enum
{
  OP_PARSE,
  OP_CREATE,
  OP_LOAD,
} Op;

typedef struct
{
  double ms;
  double cpu;
  double mb;
} Sample;

static void
operate (Op          op,
         const char *dataset,
         const char *path,
         guint      *n_sites)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(FpStore) store = NULL;

  switch (op)
    {
    case OP_PARSE:
      estate = dataset != NULL ? fp_dataset_parse_file (dataset, &error)
                               : fp_dataset_load_default (&error);
      break;
    case OP_CREATE:
      store = fp_store_create_from_dataset (path, dataset, FALSE, &error);
      break;
    case OP_LOAD:
      store = fp_store_open (path, &error);
      if (store != NULL)
        estate = fp_store_load_estate (store, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_no_error (error);
  if (estate != NULL)
    *n_sites = estate->sites->len;
}

static Sample
run (Op          op,
     const char *dataset,
     const char *path,
     guint      *n_sites)
{
  Sample sample = { 0 };
  int fds[2];
  pid_t pid;
  int status;

  if (pipe (fds) != 0)
    g_error ("pipe: %s", g_strerror (errno));
  fflush (stdout);
  pid = fork ();
  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      double rss0 = reset_peak ();
      double c0 = cpu_ms ();
      gint64 t0 = g_get_monotonic_time ();
      guint sites = 0;

      operate (op, dataset, path, &sites);
      sample.ms = (g_get_monotonic_time () - t0) / 1000.0;
      sample.cpu = cpu_ms () - c0;
      sample.mb = status_mb ("VmHWM:") - rss0;
      if (write (fds[1], &sample, sizeof sample) != sizeof sample ||
          write (fds[1], &sites, sizeof sites) != sizeof sites)
        _exit (1);
      _exit (0);
    }

  close (fds[1]);
  if (read (fds[0], &sample, sizeof sample) != sizeof sample ||
      read (fds[0], n_sites, sizeof *n_sites) != sizeof *n_sites)
    g_error ("the benchmark's child process failed");
  close (fds[0]);
  if (waitpid (pid, &status, 0) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("the benchmark's child process failed");
  return sample;
}

static void
report (const char *what,
        Sample     *samples,
        int         runs)
{
  g_autofree double *ms = g_new (double, runs);
  g_autofree double *cpu = g_new (double, runs);
  g_autofree double *mb = g_new (double, runs);

  for (int i = 0; i < runs; i++)
    {
      ms[i] = samples[i].ms;
      cpu[i] = samples[i].cpu;
      mb[i] = samples[i].mb;
    }
  qsort (ms, runs, sizeof *ms, bench_compare_doubles);
  qsort (cpu, runs, sizeof *cpu, bench_compare_doubles);
  qsort (mb, runs, sizeof *mb, bench_compare_doubles);
  printf ("%-8s median %9.1f ms  p10 %9.1f  p90 %9.1f  cpu %9.1f ms  peak +%6.1f MB "
          "(median; largest %.1f)  (%d runs)\n",
          what, ms[runs / 2], ms[runs / 10], ms[runs * 9 / 10], cpu[runs / 2], mb[runs / 2],
          mb[runs - 1], runs);
}

int
main (int    argc,
      char **argv)
{
  int runs = argc > 1 ? MAX (atoi (argv[1]), 1) : 11;
  const char *dataset = argc > 2 && argv[2][0] != '\0' ? argv[2] : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("footprint-bench-XXXXXX", &error);
  g_autofree Sample *parse = g_new (Sample, runs);
  g_autofree Sample *create = g_new (Sample, runs);
  g_autofree Sample *load = g_new (Sample, runs);
  double loadavg[3] = { NAN, NAN, NAN };
  guint n_sites = 0, n_loaded = 0, n_made = 0;
  goffset bytes = 0;

  g_assert_no_error (error);

  for (int i = 0; i < runs; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/bench-%d.footprint", dir, i);
      GStatBuf st;

      parse[i] = run (OP_PARSE, dataset, path, &n_sites);
      create[i] = run (OP_CREATE, dataset, path, &n_made);
      if (g_stat (path, &st) == 0)
        bytes = st.st_size;
      load[i] = run (OP_LOAD, dataset, path, &n_loaded);
      g_assert_cmpuint (n_loaded, ==, n_sites);
      g_unlink (path);
    }

  if (getloadavg (loadavg, 3) < 0)
    loadavg[0] = NAN;
  printf ("Footprint create and load benchmark: %s\n%u sites; document %.1f MB; "
          "load average %.2f\n", dataset != NULL ? dataset : "the built-in dataset",
          n_sites, bytes / 1e6, loadavg[0]);
  printf ("(median wall-clock ms, its 10th and 90th percentiles, the median processor time "
          "of the thread, and the peak memory the operation added: median and largest)\n\n");
  report ("parse", parse, runs);
  report ("create", create, runs);
  report ("load", load, runs);

  g_rmdir (dir);
  return 0;
}
