/* bench-util.h: medians and reporting shared by the benchmarks.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <stdlib.h>

static inline int
bench_compare_doubles (const void *a,
                       const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Sorts the timings and prints the median, 10th and 90th percentiles. */
static inline void
bench_report (const char *what,
              double     *ms,
              int         runs,
              const char *note)
{
  qsort (ms, runs, sizeof *ms, bench_compare_doubles);
  printf ("%-58s median %8.3f ms  p10 %8.3f  p90 %8.3f  (%s, %d runs)\n", what,
          ms[runs / 2], ms[runs / 10], ms[runs * 9 / 10], note, runs);
}
