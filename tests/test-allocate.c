/* test-allocate.c: the transportation problem on instances solved by hand.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fp-test-util.h"

#define FLOW(a, o, r, g) ((a)->flow[((gsize) (o) * (a)->n_receivers + (r)) * (a)->n_goods + (g)])

/* Two origins of 10 units, three receivers:
 *            R1   R2   R3
 *   O1 km     1    5   10
 *   O2 km     2    1   10
 *   capacity  8    8  100
 * O1 prefers R1 and O2 prefers R2; each fills its favourite (8) and sends its last 2 to
 * R3. Swapping anything costs more (O1 to R2 costs 4 more than to R1, and O2 to R1 one
 * more than to R2). Total 8×1 + 8×1 + 2×10 + 2×10 = 56. */
static void
test_two_by_three (void)
{
  g_autoptr(FpAllocation) a = fp_allocation_new (2, 3, 1, 1);
  g_autoptr(GError) error = NULL;
  const double km[2][3] = { { 1, 5, 10 }, { 2, 1, 10 } };
  const double cap[3] = { 8, 8, 100 };

  a->supply[0] = a->supply[1] = 10;
  a->rate[0] = 1;
  for (guint o = 0; o < 2; o++)
    for (guint r = 0; r < 3; r++)
      a->distance[o * 3 + r] = km[o][r];
  for (guint r = 0; r < 3; r++)
    {
      a->allowed[r] = TRUE;
      a->capacity[r] = cap[r];
    }

  g_assert_true (fp_allocation_solve (a, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 0, 0, 0), 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 0, 1, 0), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 0, 2, 0), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 1, 0, 0), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 1, 1, 0), 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 1, 2, 0), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->objective, 56, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->unplaced[0] + a->unplaced[1], 0, 1e-9);

  /* Capacity runs out: R3 takes 1, so 3 of the 20 units cannot be placed. Who loses is a
   * tie (both are 10 km from R3); the total is not. */
  a->capacity[2] = 1;
  g_assert_true (fp_allocation_solve (a, &error));
  g_assert_cmpfloat_with_epsilon (a->unplaced[0] + a->unplaced[1], 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 0, 2, 0) + FLOW (a, 1, 2, 0), 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 0, 0, 0), 8, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 1, 1, 0), 8, 1e-9);
}

/* Two goods share a receiver's overall capacity (resource 2) besides their own types
 * (resources 0 and 1). One origin supplies 6 of good A (rate 1) and 6 of good B (rate
 * 0.5); R1 (1 km) has 10 of type 0, 10 of type 1 but only 7 overall; R2 (3 km) has
 * plenty. Minimising distance fills R1's 7 overall: any mix costs the same per unit of
 * capacity? No: per unit of good. B uses half the capacity per unit, so putting B at R1
 * places more units near: all 6 B (3 capacity) then 4 A (4 capacity) at R1; 2 A to R2.
 * Cost: (6 + 4) × 1 + 2 × 3 = 16, against 6 A + 2 B at R1 and 4 B at R2 = 8 + 12 = 20. */
static void
test_shared_resource (void)
{
  g_autoptr(FpAllocation) a = fp_allocation_new (1, 2, 2, 3);
  g_autoptr(GError) error = NULL;

  a->supply[0] = 6;
  a->supply[1] = 6;
  a->resource[0] = 0;
  a->resource[1] = 1;
  a->resource2[0] = a->resource2[1] = 2;
  a->rate[0] = 1;
  a->rate[1] = 0.5;
  a->distance[0] = 1;
  a->distance[1] = 3;
  for (guint g = 0; g < 2; g++)
    for (guint r = 0; r < 2; r++)
      a->allowed[g * 2 + r] = TRUE;
  /* capacity[receiver][resource] */
  a->capacity[0 * 3 + 0] = 10;
  a->capacity[0 * 3 + 1] = 10;
  a->capacity[0 * 3 + 2] = 7;
  a->capacity[1 * 3 + 0] = 100;
  a->capacity[1 * 3 + 1] = 100;
  a->capacity[1 * 3 + 2] = 100;

  g_assert_true (fp_allocation_solve (a, &error));
  g_assert_cmpfloat_with_epsilon (FLOW (a, 0, 0, 1), 6, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 0, 0, 0), 4, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 0, 1, 0), 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->objective, 16, 1e-9);
}

/* A receiver a good may not go to is never used, even when it is nearest. */
static void
test_allowed (void)
{
  g_autoptr(FpAllocation) a = fp_allocation_new (1, 2, 1, 1);
  g_autoptr(GError) error = NULL;

  a->supply[0] = 5;
  a->rate[0] = 1;
  a->distance[0] = 1;
  a->distance[1] = 9;
  a->allowed[0] = FALSE;
  a->allowed[1] = TRUE;
  a->capacity[0] = 100;
  a->capacity[1] = 3;

  g_assert_true (fp_allocation_solve (a, &error));
  g_assert_cmpfloat_with_epsilon (FLOW (a, 0, 0, 0), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (FLOW (a, 0, 1, 0), 3, 1e-9);
  g_assert_cmpfloat_with_epsilon (a->unplaced[0], 2, 1e-9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/allocate/two-by-three", test_two_by_three);
  g_test_add_func ("/fp/allocate/shared-resource", test_shared_resource);
  g_test_add_func ("/fp/allocate/allowed", test_allowed);

  return g_test_run ();
}
