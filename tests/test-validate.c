/* test-validate.c: the data rules.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fp-test-util.h"

static gboolean
has_problem (GPtrArray  *problems,
             const char *id,
             const char *field,
             const char *fragment)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const FpProblem *p = g_ptr_array_index (problems, i);

      if (g_strcmp0 (p->id, id) == 0 && g_strcmp0 (p->field, field) == 0 &&
          strstr (p->message, fragment) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_tiny_is_valid (void)
{
  g_autoptr(FpEstate) estate = fp_test_load_tiny ();
  g_autoptr(GPtrArray) problems = fp_validate_estate (estate);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = fp_problem_to_string (g_ptr_array_index (problems, i));
      g_test_message ("%s", line);
    }
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_rules (void)
{
  g_autoptr(FpEstate) estate = fp_test_load_tiny ();
  g_autoptr(GPtrArray) problems = NULL;
  FpSite *lift = &g_array_index (estate->sites, FpSite, 0);
  FpSite *ps = &g_array_index (estate->sites, FpSite, 1);
  g_autofree char *line = NULL;

  /* A number without provenance. */
  fp_provenance_clear (&lift->prov[FP_SITE_GIA_M2]);
  /* An estimate naming a method the document does not describe. */
  g_free (lift->prov[FP_SITE_BEDS].method_id);
  lift->prov[FP_SITE_BEDS].method_id = g_strdup ("crystal_ball");
  /* A void larger than the building. */
  ps->numbers[FP_SITE_VOID_ROOMS] = 40;
  /* A site with no interest and no source rows. */
  for (guint i = estate->interests->len; i-- > 0;)
    if (g_array_index (estate->interests, FpInterest, i).site == 2)
      g_array_remove_index (estate->interests, i);
  for (guint i = estate->source_rows->len; i-- > 0;)
    if (g_array_index (estate->source_rows, FpSourceRow, i).site == 2)
      g_array_remove_index (estate->source_rows, i);
  /* An assumption out of range. */
  ((FpAssumption *) fp_estate_find_assumption (estate, "target_room_utilisation"))->value = 1.7;
  /* A zone with no deprivation decile. */
  g_array_index (estate->zones, FpZone, 2).imd_decile = 0;

  problems = fp_validate_estate (estate);

  g_assert_true (has_problem (problems, "LIFT1", "gia_m2", "no provenance"));
  g_assert_true (has_problem (problems, "LIFT1", "beds", "crystal_ball"));
  g_assert_true (has_problem (problems, "PS1", "void_rooms", "larger than the whole building"));
  g_assert_true (has_problem (problems, "ACUTE1", "interests", "no property interest"));
  g_assert_true (has_problem (problems, "ACUTE1", "sources", "no source rows"));
  g_assert_true (has_problem (problems, "target_room_utilisation", "value", "outside"));
  g_assert_true (has_problem (problems, "Z3", "imd_decile", "no deprivation decile"));
  g_assert_cmpuint (problems->len, ==, 7);

  line = fp_problem_to_string (g_ptr_array_index (problems, 0));
  g_assert_true (g_str_has_prefix (line, "site LIFT1, field "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/validate/tiny-is-valid", test_tiny_is_valid);
  g_test_add_func ("/fp/validate/rules", test_rules);

  return g_test_run ();
}
