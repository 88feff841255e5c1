/* fuzz-dataset.c: libFuzzer harness for the dataset reader.
 *
 * The input is a dataset file. fp_dataset_parse() must refuse it cleanly or read it; an
 * estate read must survive the data rules (fp_validate_estate) and the sites CSV export.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "footprint-core.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_make_warnings_fatal ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) estate = fp_dataset_parse (bytes, &error);
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *csv = NULL;

  if (estate == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == FP_ERROR, "refused without an FP_ERROR");
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "a message that is not UTF-8");
      return 0;
    }

  problems = fp_validate_estate (estate);
  FUZZ_CHECK (problems != NULL, "no list of problems");
  csv = fp_export_sites_csv (estate);
  FUZZ_CHECK (csv != NULL && g_utf8_validate (csv, -1, NULL), "the sites CSV");
  return 0;
}
