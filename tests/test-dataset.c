/* test-dataset.c: reading dataset files, and refusing bad ones with a message that names
 * the record and field.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "fp-json-private.h"

#include "fp-test-util.h"

static void
test_parse_tiny (void)
{
  g_autoptr(FpEstate) estate = fp_test_load_tiny ();
  const FpSite *lift;
  guint index;

  g_assert_cmpuint (estate->sites->len, ==, 5);
  g_assert_true (fp_estate_find_site (estate, "LIFT1", &index));
  lift = fp_estate_get_site (estate, index);
  g_assert_cmpint (lift->type, ==, FP_SITE_TYPE_HEALTH_CENTRE);
  g_assert_cmpint (lift->tenure, ==, FP_TENURE_LIFT);
  g_assert_cmpfloat (lift->numbers[FP_SITE_ROOMS_CONSULT], ==, 10);
  g_assert_cmpfloat (lift->numbers[FP_SITE_COST_RENT], ==, 200000);
  g_assert_cmpfloat (lift->numbers[FP_SITE_LEASE_END_YEAR], ==, 2030);
  g_assert_true (isnan (lift->numbers[FP_SITE_BACKLOG_HIGH]));
  g_assert_cmpint (lift->prov[FP_SITE_SLOT_LOCATION].kind, ==, FP_PROV_MEASURED);
  g_assert_cmpint (lift->prov[FP_SITE_ROOMS_CONSULT].kind, ==, FP_PROV_ESTIMATED);
  g_assert_cmpstr (lift->prov[FP_SITE_ROOMS_CONSULT].method_id, ==, "by_type");
  g_assert_cmpint (lift->condition, ==, 'B');

  g_assert_true (fp_estate_find_site (estate, "BR1", &index));
  g_assert_false (fp_estate_get_site (estate, index)->placed);
  g_assert_true (fp_estate_find_site (estate, "IND1", &index));
  g_assert_cmpint (fp_estate_get_site (estate, index)->sector, ==, FP_SECTOR_INDEPENDENT);

  g_assert_cmpint (fp_estate_get_population (estate), ==, 500 + 210 + 21);

  /* The prices the costs are in, and the index that put them there. */
  g_assert_cmpstr (estate->price_base, ==, "2025/26");
  g_assert_cmpstr (estate->price_index, ==, "Test deflator, May 2026");
}

/* A dataset that does not say what prices its costs are in still reads: older files. */
static void
test_parse_no_prices (void)
{
  g_autoptr(GBytes) tiny = fp_test_read_data_file ("tiny-dataset.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (tiny, NULL), &error);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autofree char *label = NULL;

  g_assert_no_error (error);
  json_object_remove_member (json_node_get_object (root), "price_base");
  json_object_remove_member (json_node_get_object (root), "price_index");
  text = json_to_string (root, FALSE);
  bytes = g_bytes_new (text, strlen (text));
  estate = fp_dataset_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_null (estate->price_base);
  label = fp_estate_price_label (estate);
  g_assert_null (label);
}

/* Sets (or with value NULL removes) the member at a slash-separated path. */
static void
mutate (JsonNode   *root,
        const char *path,
        const char *value_json)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = root;

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
    {
      json_object_remove_member (json_node_get_object (node), parts[n - 1]);
    }
  else
    {
      g_autoptr(GError) error = NULL;
      JsonNode *value = json_from_string (value_json, &error);

      g_assert_no_error (error);
      json_object_set_member (json_node_get_object (node), parts[n - 1], value);
    }
}

typedef struct
{
  const char *path;
  const char *value;   /* JSON text, or NULL to remove the member */
  const char *expect;  /* a fragment the error message must contain */
} BadCase;

static const BadCase bad_cases[] = {
  { "format", "\"something-else\"", "not a Footprint dataset" },
  { "format_version", "99", "format version 99" },
  { "base_year", NULL, "base_year" },
  { "sites/0/id", NULL, "sites[0]: the field “id” is missing" },
  { "sites/1/id", "\"LIFT1\"", "the id is used by another site" },
  { "sites/0/name", "\"\"", "the field “name” is empty" },
  { "sites/0/site_type", "\"castle\"", "“castle” is not a known site_type" },
  { "sites/0/tenure", "\"rented\"", "“rented” is not a known tenure" },
  { "sites/0/sector", "\"charity\"", "“charity” is not a known sector" },
  { "sites/0/lon", "null", "a latitude or a longitude but not both" },
  { "sites/0/lat", "95", "outside -90 to 90" },
  { "sites/0/gia_m2", "-4", "“gia_m2” is -4; it cannot be negative" },
  { "sites/0/gia_m2", "\"large\"", "“gia_m2” must be a number" },
  { "sites/0/rooms/consult", "-1", "“rooms.consult” is -1" },
  { "sites/0/costs/rent", "\"£200k\"", "“costs.rent” must be a number" },
  { "sites/0/hours_open_per_week", "200", "a week has 168" },
  { "sites/0/opened_year", "2005.5", "must be a year" },
  { "sites/0/condition", "\"E\"", "not A, B, C or D" },
  { "sites/0/provenance/colour", "{\"kind\": \"measured\", \"source\": \"survey\"}",
    "“colour”, which is not a field of a site" },
  { "sites/0/provenance/gia_m2", "{\"kind\": \"guessed\"}", "“guessed” is not measured" },
  { "sites/0/provenance/gia_m2", "{\"kind\": \"estimated\"}",
    "provenance of “gia_m2”: the field “method” is missing" },
  { "sites/0/provenance/gia_m2", "{\"kind\": \"measured\"}",
    "site “LIFT1” (sites[0]), provenance of “gia_m2”: the field “source” is missing" },
  { "sites/0/provenance/gia_m2", "{\"kind\": \"assumed\"}", "the field “by” is missing" },
  { "sites/0/sources/0/rule", NULL, "site “LIFT1”, sources[0]: the field “rule” is missing" },
  { "sites/0/interests/0/tenure", "\"squat\"", "interests[0]: “squat” is not a known tenure" },
  { "sites/0/interests/0/end_year", "1990", "ends (1990) before it starts (2005)" },
  { "services/0/room_type", "\"ballroom\"", "“ballroom” is not a known room type" },
  { "services/0/minutes_per_unit", NULL, "“minutes_per_unit” is missing" },
  { "services/1/id", "\"gp_appointments\"", "used twice" },
  { "activity/0/site", "\"NOWHERE\"", "activity[0]: the site “NOWHERE” does not exist" },
  { "activity/0/service", "\"juggling\"", "the service “juggling” does not exist" },
  { "activity/0/volume", "-10", "outside 0 to" },
  { "activity/2/site", "\"LIFT1\"", "given twice" },
  { "zones/0/population/65_plus", NULL, "“65_plus” is missing" },
  { "zones/0/population/0_15", "10.5", "whole number" },
  { "zones/1/code", "\"Z1\"", "the zone “Z1” is given twice" },
  { "zones/0/imd_decile", "11", "outside 1 to 10" },
  { "assumptions/0/value", "\"fifty\"", "assumptions[0]: the field “value” must be a number" },
  { "assumptions/1/key", "\"weeks_per_year\"", "given twice" },
  { "price_base", "2025", "header: the field “price_base” must be text" },
  { "price_index", "{\"vintage\": 2026}", "the field “price_index” must be text" },
};

static void
test_refuse_bad (void)
{
  g_autoptr(GBytes) tiny = fp_test_read_data_file ("tiny-dataset.json");

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = json_from_string (g_bytes_get_data (tiny, NULL), &error);
      g_autofree char *text = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(FpEstate) estate = NULL;

      g_assert_no_error (error);
      mutate (root, c->path, c->value);
      text = json_to_string (root, FALSE);
      bytes = g_bytes_new (text, strlen (text));

      estate = fp_dataset_parse (bytes, &error);
      if (estate != NULL || error == NULL || strstr (error->message, c->expect) == NULL)
        g_error ("case %u (%s = %s): expected an error containing “%s”, got “%s”",
                 i, c->path, c->value ? c->value : "(removed)", c->expect,
                 error ? error->message : "(no error)");
      g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
    }
}

static void
test_refuse_not_json (void)
{
  const char *inputs[] = { "", "not json at all", "[1, 2, 3]", "{\"format\": " };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(FpEstate) estate = fp_dataset_parse (bytes, &error);

      g_assert_null (estate);
      g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
    }
}

/* ---- The reader's JSON tree (fp_json_doc_parse) ----------------------------------------- */

static FpJsonDoc *
parse_doc (const char *text,
           GError    **error)
{
  return fp_json_doc_parse (g_strdup (text), strlen (text), "The test", 1 << 20, error);
}

/* Every number reads as the correctly rounded double that strtod() gives (whole numbers as
 * json-glib reads them, through a 64-bit integer): the short-cut for short decimals must
 * not change a bit. Random literals of every length and exponent, and the edges. */
static void
test_tree_numbers (void)
{
  static const char * const edges[] = {
    "0", "-0", "0.0", "-0.0", "1", "-1", "0.1", "0.2", "0.3", "1e22", "1e23", "1e-22",
    "1e-23", "123456789012345", "1234567890123456", "12345678901234567", "0.000001234",
    "9007199254740993", "9007199254740993.0", "999999999999999999",
    "9223372036854775807", "-9223372036854775808", "4.35", "52.400000000000006",
    "1.7976931348623157e308", "2.2250738585072014e-308", "100000000000000000000000.5",
    "3.0E+2", "3e-0", "0.000000000000000000000000001", "123.456e-5", "-43.25E2",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  g_autoptr(GPtrArray) literals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new ("[");
  g_autoptr(FpJsonDoc) doc = NULL;
  g_autoptr(GError) error = NULL;
  const FpJsonValue *list;

  for (guint i = 0; i < G_N_ELEMENTS (edges); i++)
    g_ptr_array_add (literals, g_strdup (edges[i]));
  for (guint i = 0; i < 20000; i++)
    {
      GString *n = g_string_new (g_rand_boolean (rand) ? "-" : "");
      int int_digits = g_rand_int_range (rand, 1, 19);
      int frac_digits = g_rand_int_range (rand, 0, 19);

      g_string_append_c (n, (char) ('1' + g_rand_int_range (rand, 0, 9)));
      for (int d = 1; d < int_digits; d++)
        g_string_append_c (n, (char) ('0' + g_rand_int_range (rand, 0, 10)));
      if (frac_digits > 0 || int_digits > 17)
        {
          g_string_append_c (n, '.');
          for (int d = 0; d < MAX (frac_digits, 1); d++)
            g_string_append_c (n, (char) ('0' + g_rand_int_range (rand, 0, 10)));
        }
      if (g_rand_int_range (rand, 0, 3) == 0)
        g_string_append_printf (n, "e%d", g_rand_int_range (rand, -40, 41));
      g_ptr_array_add (literals, g_string_free (n, FALSE));
    }

  for (guint i = 0; i < literals->len; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "", (char *) literals->pdata[i]);
  g_string_append_c (text, ']');

  doc = parse_doc (text->str, &error);
  g_assert_no_error (error);
  list = fp_json_doc_get_root (doc);
  g_assert_cmpint (list->type, ==, FP_JSON_LIST);
  g_assert_cmpuint (list->n_items, ==, literals->len);

  for (guint i = 0; i < literals->len; i++)
    {
      const char *literal = literals->pdata[i];
      gboolean whole = strpbrk (literal, ".eE") == NULL;
      double expected = whole ? (double) g_ascii_strtoll (literal, NULL, 10)
                              : g_ascii_strtod (literal, NULL);
      double got = list->items[i].number;

      g_assert_cmpint (list->items[i].type, ==, FP_JSON_NUMBER);
      if (memcmp (&got, &expected, sizeof got) != 0)
        g_error ("%s read as %.17g, not %.17g", literal, got, expected);
    }
}

/* Strings are decoded in place exactly as json-glib decodes them: every escape, UTF-16
 * pairs, text before and after, keys too. */
static void
test_tree_strings (void)
{
  const char *text =
    "{\"plain\": \"Lift Centre\", \"quote\": \"a \\\"b\\\" c\", \"slash\": \"a\\/b\\\\c\","
    " \"controls\": \"line\\nbreak\\ttab\", \"latin\": \"Caf\\u00e9 caf\xc3\xa9\","
    " \"pair\": \"\\ud83d\\ude91 ambulance\", \"empty\": \"\", \"k\\u0065y\": \"escaped key\","
    " \"many\": \"\\u0041\\u00df\\u20ac\\ud834\\udd1e end\", \"list\": [\"a\", \"\\u0062\"]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) expected = json_from_string (text, &error);
  g_autoptr(FpJsonDoc) doc = NULL;
  const FpJsonValue *root;
  JsonObject *object;

  g_assert_no_error (error);
  object = json_node_get_object (expected);
  doc = parse_doc (text, &error);
  g_assert_no_error (error);
  root = fp_json_doc_get_root (doc);
  g_assert_cmpint (root->type, ==, FP_JSON_OBJECT);
  g_assert_cmpuint (root->n_items, ==, json_object_get_size (object));

  for (guint i = 0; i < root->n_items; i++)
    {
      const FpJsonValue *member = &root->items[i];
      JsonNode *node = json_object_get_member (object, member->key);

      g_assert_nonnull (node);
      if (member->type == FP_JSON_LIST)
        {
          JsonArray *array = json_node_get_array (node);

          g_assert_cmpuint (member->n_items, ==, json_array_get_length (array));
          for (guint k = 0; k < member->n_items; k++)
            g_assert_cmpstr (member->items[k].string, ==,
                             json_array_get_string_element (array, k));
          continue;
        }
      g_assert_cmpint (member->type, ==, FP_JSON_STRING);
      g_assert_cmpstr (member->string, ==, json_node_get_string (node));
    }

  g_assert_cmpstr (fp_json_value_member (root, "key")->string, ==, "escaped key");
  g_assert_cmpstr (fp_json_value_member (root, "pair")->string, ==, "\xf0\x9f\x9a\x91 ambulance");
  g_assert_null (fp_json_value_member (root, "absent"));
}

/* Text that is not UTF-8 is refused on the line of its first bad byte, as GLib finds it:
 * random bytes, some valid characters and some not (overlong forms, surrogates, stray
 * continuation bytes, cut short), inside a string on a random line. */
static void
test_tree_utf8 (void)
{
  static const char * const pieces[] = {
    "a", "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x9a\x91", "\xc3", "\xa9", "\xc0\xaf",
    "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf8\x88\x80\x80\x80", "\xe2\x80", "\xff",
    "abcdefgh", "\xef\xbb\xbf",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (8);

  for (guint round = 0; round < 2000; round++)
    {
      g_autoptr(GString) text = g_string_new ("[");
      g_autoptr(GError) error = NULL;
      g_autoptr(FpJsonDoc) doc = NULL;
      const char *bad = NULL;
      guint lines = g_rand_int_range (rand, 0, 5);
      guint n = g_rand_int_range (rand, 1, 12);

      for (guint l = 0; l < lines; l++)
        g_string_append (text, "\"line\",\n");
      g_string_append_c (text, '"');
      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_string_append (text, "\"\n]");

      doc = fp_json_doc_parse (g_strndup (text->str, text->len), text->len, "The test",
                               1 << 20, &error);
      if (g_utf8_validate_len (text->str, text->len, &bad))
        {
          g_assert_no_error (error);
          continue;
        }
      {
        guint line = 1;
        g_autofree char *expect = NULL;

        for (const char *p = text->str; p < bad; p++)
          line += *p == '\n';
        expect = g_strdup_printf ("The test is not UTF-8 text (line %u)", line);
        g_assert_null (doc);
        g_assert_cmpstr (error->message, ==, expect);
      }
    }
}

/* A dataset file reads as its bytes do; a missing one, or one past the size limit, is
 * refused with what and why, the large one before it is read. */
static void
test_parse_file (void)
{
  g_autoptr(GBytes) tiny = fp_test_read_data_file ("tiny-dataset.json");
  g_autofree char *path = fp_test_tmpfile ("tiny-file.json");
  g_autofree char *missing = fp_test_tmpfile ("no-such-dataset.json");
  g_autofree char *large = fp_test_tmpfile ("large-dataset.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpEstate) from_bytes = fp_dataset_parse (tiny, &error);
  g_autoptr(FpEstate) from_file = NULL;
  g_autoptr(FpEstate) none = NULL;
  g_autofree char *csv_bytes = NULL;
  g_autofree char *csv_file = NULL;
  FILE *f;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (tiny, NULL),
                                      g_bytes_get_size (tiny), NULL));
  from_file = fp_dataset_parse_file (path, &error);
  g_assert_no_error (error);
  csv_bytes = fp_export_sites_csv (from_bytes);
  csv_file = fp_export_sites_csv (from_file);
  g_assert_cmpstr (csv_file, ==, csv_bytes);
  g_assert_cmpuint (from_file->zones->len, ==, 3);

  none = fp_dataset_parse_file (missing, &error);
  g_assert_null (none);
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* 129 MiB of nothing (a sparse file): refused by its size alone. */
  f = fopen (large, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, 129 * 1024 * 1024, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (' ', f), !=, EOF);
  fclose (f);
  none = fp_dataset_parse_file (large, &error);
  g_assert_null (none);
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "more than the 128"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/dataset/parse-tiny", test_parse_tiny);
  g_test_add_func ("/fp/dataset/parse-no-prices", test_parse_no_prices);
  g_test_add_func ("/fp/dataset/refuse-bad", test_refuse_bad);
  g_test_add_func ("/fp/dataset/refuse-not-json", test_refuse_not_json);
  g_test_add_func ("/fp/dataset/tree-numbers", test_tree_numbers);
  g_test_add_func ("/fp/dataset/tree-strings", test_tree_strings);
  g_test_add_func ("/fp/dataset/tree-utf8", test_tree_utf8);
  g_test_add_func ("/fp/dataset/parse-file", test_parse_file);

  return g_test_run ();
}
