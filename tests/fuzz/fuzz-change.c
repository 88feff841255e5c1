/* fuzz-change.c: libFuzzer harness for one change, as add-change and the store read it.
 *
 * The input is JSON text for one change (a document's stored change, or what the command
 * line builds). fp_json_parse() and fp_change_from_json() must refuse it cleanly or read
 * it; a change read must describe itself and be written (as the store writes it) to text
 * that reads back as the same change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fp-json-private.h"
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
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) node_again = NULL;
  g_autoptr(JsonNode) written_again = NULL;
  g_autoptr(FpChange) change = NULL;
  g_autoptr(FpChange) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  g_autofree char *what = NULL;

  node = fp_json_parse ((const char *) data, size, "The change", 64 * 1024, &error);
  if (node == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == FP_ERROR, "refused without an FP_ERROR");
      return 0;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return 0;

  change = fp_change_from_json (json_node_get_object (node), "Change 1", &error);
  if (change == NULL)
    {
      FUZZ_CHECK (error != NULL && error->domain == FP_ERROR, "refused without an FP_ERROR");
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "a message that is not UTF-8");
      return 0;
    }

  what = fp_change_describe (change, NULL);
  FUZZ_CHECK (what != NULL && g_utf8_validate (what, -1, NULL), "the description");

  written = fp_change_to_json (change, TRUE);
  text = fp_json_to_string (written, FALSE);
  node_again = fp_json_parse (text, -1, "The written change", 64 * 1024, &error);
  FUZZ_CHECK (node_again != NULL, "what was written does not read back: %s\n%s",
              error->message, text);
  again = fp_change_from_json (json_node_get_object (node_again), "Change 1", &error);
  FUZZ_CHECK (again != NULL, "the written change is refused: %s\n%s", error->message, text);
  written_again = fp_change_to_json (again, TRUE);
  text_again = fp_json_to_string (written_again, FALSE);
  FUZZ_CHECK (g_str_equal (text, text_again), "the change changes on a round trip:\n%s\n%s",
              text, text_again);
  return 0;
}
