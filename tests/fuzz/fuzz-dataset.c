/* fuzz-dataset.c: libFuzzer harness for the dataset reader.
 *
 * The input is a dataset file. fp_dataset_parse() must refuse it cleanly or read it; an
 * estate read must survive the data rules (fp_validate_estate) and the sites CSV export.
 * And the reader's own JSON tree (fp_json_doc_parse, strings decoded in place, numbers
 * converted once) must be the tree json-glib reads from any text the strict scan accepts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "footprint-core.h"
#include "fp-json-private.h"
#include "fuzz-common.h"

static void
same_tree (const FpJsonValue *v,
           JsonNode          *node)
{
  switch (v->type)
    {
    case FP_JSON_NULL:
      FUZZ_CHECK (JSON_NODE_HOLDS_NULL (node), "null");
      break;
    case FP_JSON_BOOLEAN:
      FUZZ_CHECK (JSON_NODE_HOLDS_VALUE (node) &&
                  json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
                  !json_node_get_boolean (node) == !v->boolean, "a boolean");
      break;
    case FP_JSON_NUMBER:
      {
        double expected;

        FUZZ_CHECK (fp_json_node_number (node, &expected), "a number");
        FUZZ_CHECK (fabs (expected - v->number) <= 1e-15 * fmax (fabs (expected), 1e-300),
                    "the number %.17g, json-glib %.17g", v->number, expected);
      }
      break;
    case FP_JSON_STRING:
      FUZZ_CHECK (JSON_NODE_HOLDS_VALUE (node) &&
                  json_node_get_value_type (node) == G_TYPE_STRING &&
                  strcmp (json_node_get_string (node), v->string) == 0, "the text “%s”",
                  v->string);
      break;
    case FP_JSON_LIST:
      FUZZ_CHECK (JSON_NODE_HOLDS_ARRAY (node) &&
                  json_array_get_length (json_node_get_array (node)) == v->n_items, "a list");
      for (guint i = 0; i < v->n_items; i++)
        same_tree (&v->items[i], json_array_get_element (json_node_get_array (node), i));
      break;
    case FP_JSON_OBJECT:
      FUZZ_CHECK (JSON_NODE_HOLDS_OBJECT (node) &&
                  json_object_get_size (json_node_get_object (node)) == v->n_items,
                  "an object");
      for (guint i = 0; i < v->n_items; i++)
        {
          JsonNode *member = fp_json_member (json_node_get_object (node), v->items[i].key);

          FUZZ_CHECK (member != NULL, "the field “%s”", v->items[i].key);
          same_tree (&v->items[i], member);
        }
      break;
    default:
      FUZZ_CHECK (FALSE, "a value of no type");
    }
}

/* The strict scan's tree against json-glib's, on a text the scan accepts. */
static void
check_tree (const uint8_t *data,
            size_t         size)
{
  g_autoptr(FpJsonDoc) doc = NULL;
  g_autoptr(JsonParser) parser = NULL;
  const char *text = (const char *) data;

  doc = fp_json_doc_parse (g_memdup2 (data, size), size, "The input", 1 << 24, NULL);
  if (doc == NULL)
    return;

  if (size >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    {
      text += 3;
      size -= 3;
    }
  parser = json_parser_new ();
  FUZZ_CHECK (json_parser_load_from_data (parser, text, size, NULL),
              "json-glib refuses a text the strict scan accepts");
  same_tree (fp_json_doc_get_root (doc), json_parser_get_root (parser));
}

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

  check_tree (data, size);
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
