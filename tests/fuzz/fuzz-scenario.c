/* fuzz-scenario.c: libFuzzer harness for scenario files, as `scenario import` reads them.
 *
 * The input is a scenario file. fp_scenario_from_json() must refuse it cleanly or read it;
 * what it reads must be checkable against the Birmingham and Solihull model (the import
 * path: fp_scenario_check_changes), describable, and exportable to a file that reads back
 * as the same scenario (export, import, export gives the same text).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "footprint-core.h"
#include "fuzz-common.h"

/* The model borrows the estate: both live as long as the process. */
static FpEstate *estate;
static FpModel *model;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  fuzz_make_warnings_fatal ();
  estate = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpScenario) scenario = fp_scenario_from_json (bytes, &error);
  g_autoptr(FpScenario) again = NULL;
  g_autoptr(GBytes) exported_bytes = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *exported_again = NULL;

  if (scenario == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == FP_ERROR, "refused without an FP_ERROR");
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "a message that is not UTF-8");
      return 0;
    }
  FUZZ_CHECK (error == NULL, "read, with an error set");
  FUZZ_CHECK (scenario->changes->len <= FP_SCENARIO_MAX_CHANGES, "%u changes",
              scenario->changes->len);

  for (guint i = 0; i < scenario->changes->len; i++)
    {
      g_autofree char *what = fp_change_describe (g_ptr_array_index (scenario->changes, i),
                                                  fp_model_get_estate (model));
      FUZZ_CHECK (what != NULL && g_utf8_validate (what, -1, NULL), "change %u's description", i);
    }

  {
    g_autoptr(GError) check_error = NULL;

    if (!fp_scenario_check_changes (model, NULL, scenario->changes, &check_error))
      FUZZ_CHECK (check_error != NULL, "a change refused without an error");
  }

  exported = fp_scenario_to_json (scenario);
  exported_bytes = g_bytes_new (exported, strlen (exported));
  again = fp_scenario_from_json (exported_bytes, &error);
  FUZZ_CHECK (again != NULL, "the export does not read back: %s\n%s", error->message, exported);
  exported_again = fp_scenario_to_json (again);
  FUZZ_CHECK (g_str_equal (exported, exported_again), "the export changes on a round trip:\n%s\n%s",
              exported, exported_again);
  return 0;
}
