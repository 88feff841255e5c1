/* test-scenario-cli.c: scenarios through footprint-cli on the BSol default document.
 *
 * Every command is a new process, so whatever a later command sees has survived closing
 * and reopening the document. Sites are picked from `footprint-cli sites` by rule (a LIFT
 * building, a freehold, the largest practice), so the test follows the data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "fp-test-util.h"

#define CLI(run, ...) fp_test_run_cli ((run), data_home, (const char *[]) { __VA_ARGS__, NULL })

static char *data_home;
static char *doc;
static JsonNode *sites_root;

static void
must_succeed (const FpTestRun *run)
{
  if (run->status != 0)
    g_error ("footprint-cli failed (%d): %s%s", run->status, run->out, run->err);
}

static JsonObject *
parse_object (const char *text,
              JsonNode  **root)
{
  g_autoptr(GError) error = NULL;

  *root = json_from_string (text, &error);
  g_assert_no_error (error);
  return json_node_get_object (*root);
}

/* The placed, current NHS site of a tenure and type with the largest (sign 1) or smallest
 * (sign -1) value of a field. */
static const char *
pick_by (const char *tenure,
         const char *site_type,
         const char *field,
         double      sign)
{
  JsonArray *sites = json_object_get_array_member (json_node_get_object (sites_root), "sites");
  const char *best = NULL;
  double best_value = -G_MAXDOUBLE;

  for (guint i = 0; i < json_array_get_length (sites); i++)
    {
      JsonObject *s = json_array_get_object_element (sites, i);
      double value;

      if ((tenure && g_strcmp0 (json_object_get_string_member (s, "tenure"), tenure) != 0) ||
          (site_type && g_strcmp0 (json_object_get_string_member (s, "site_type"), site_type) != 0) ||
          json_object_get_null_member (s, "lat") ||
          g_strcmp0 (json_object_get_string_member (s, "status"), "current") != 0 ||
          g_strcmp0 (json_object_get_string_member (s, "sector"), "nhs") != 0 ||
          json_object_get_null_member (s, field))
        continue;

      value = sign * json_object_get_double_member (s, field);
      if (value > best_value)
        {
          best_value = value;
          best = json_object_get_string_member (s, "id");
        }
    }

  g_assert_nonnull (best);
  return best;
}

static const char *
pick (const char *tenure,
      const char *site_type,
      const char *field)
{
  return pick_by (tenure, site_type, field, 1);
}

static JsonObject *
find_site (JsonObject *compute,
           const char *id)
{
  JsonArray *sites = json_object_get_array_member (compute, "sites");

  for (guint i = 0; i < json_array_get_length (sites); i++)
    {
      JsonObject *s = json_array_get_object_element (sites, i);

      if (g_str_equal (json_object_get_string_member (s, "id"), id))
        return s;
    }

  g_error ("site %s not in the compute output", id);
  return NULL;
}

static JsonNode *
compute (const char *document,
         const char *scenario,
         int         year)
{
  g_auto(FpTestRun) run = { 0 };
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  JsonNode *root;

  CLI (&run, "compute", "--document", document, "--scenario", scenario, "--year", year_text);
  must_succeed (&run);
  parse_object (run.out, &root);
  return root;
}

/* Leaving a LIFT building: its whole cost stays, as void, until the LIFT lease ends (the
 * building whose lease ends first, so the end falls inside the horizon). */
static void
test_leave_lift (void)
{
  const char *lift = pick_by ("lift", NULL, "lease_end_year", -1);
  g_autoptr(JsonNode) leaving = NULL;
  g_autoptr(JsonNode) gone = NULL;
  JsonArray *sites = json_object_get_array_member (json_node_get_object (sites_root), "sites");
  JsonObject *site, *lift_json = NULL;
  int lease_end;

  for (guint i = 0; i < json_array_get_length (sites); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (sites, i), "id"), lift))
      lift_json = json_array_get_object_element (sites, i);
  g_assert_nonnull (lift_json);
  g_assert_false (json_object_get_null_member (lift_json, "lease_end_year"));
  lease_end = (int) json_object_get_int_member (lift_json, "lease_end_year");
  g_assert_cmpint (lease_end, >, 2027);
  g_assert_cmpint (lease_end, <=, 2035);

  {
    g_auto(FpTestRun) a = { 0 };
    g_auto(FpTestRun) b = { 0 };

    CLI (&a, "scenario", "create", "--document", doc, "--scenario", "Leave a LIFT building");
    must_succeed (&a);
    CLI (&b, "scenario", "add-change", "--document", doc, "--scenario", "Leave a LIFT building",
         "--kind", "exit_site", "--year", "2027", "--site", lift, "--owner", "Estates team");
    must_succeed (&b);
    g_assert_nonnull (strstr (b.out, "Added change 1"));
  }

  leaving = compute (doc, "Leave a LIFT building", 2027);
  site = find_site (json_node_get_object (leaving), lift);
  g_assert_true (json_object_get_boolean_member (site, "held"));
  g_assert_false (json_object_get_boolean_member (site, "in_use"));
  g_assert_cmpfloat (json_object_get_double_member (site, "running_cost"), >, 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (site, "void_cost"),
                                  json_object_get_double_member (site, "running_cost"), 1e-6);
  g_assert_cmpstr (json_object_get_string_member (site, "category"), ==, "redundant");
  g_assert_cmpint (json_object_get_int_member (site, "liability_end_year"), ==, lease_end);

  gone = compute (doc, "Leave a LIFT building", lease_end);
  site = find_site (json_node_get_object (gone), lift);
  g_assert_false (json_object_get_boolean_member (site, "held"));
  g_assert_cmpfloat (json_object_get_double_member (site, "running_cost"), ==, 0);
  /* The saving appears when the lease ends, and it is at least the building's cost less
   * what its activity adds elsewhere; it is positive. */
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (
                       json_node_get_object (gone), "totals"), "revenue_saving_vs_do_nothing"), >, 0);
}

/* Selling a freehold: the receipt, net of disposal costs, in the year of the sale. */
static void
test_dispose_freehold (void)
{
  const char *freehold = pick ("freehold", "community_hospital", "gia_m2");
  g_autoptr(JsonNode) sold = NULL;
  JsonObject *totals;
  g_auto(FpTestRun) a = { 0 };
  g_auto(FpTestRun) b = { 0 };

  CLI (&a, "scenario", "create", "--document", doc, "--scenario", "Sell a freehold");
  must_succeed (&a);
  CLI (&b, "scenario", "add-change", "--document", doc, "--scenario", "Sell a freehold",
       "--kind", "dispose_site", "--year", "2028", "--site", freehold, "--value", "5000000",
       "--disposal-costs", "250000", "--receipt-retained", "yes");
  must_succeed (&b);

  /* The same figures as CSV: one line per site that exists, the sold site not held. */
  {
    g_auto(FpTestRun) csv = { 0 };
    g_auto(GStrv) lines = NULL;
    g_autofree char *needle = g_strdup_printf (",%s,", freehold);
    gboolean found = FALSE;

    CLI (&csv, "compute", "--document", doc, "--scenario", "Sell a freehold", "--year", "2028",
         "--format", "csv");
    must_succeed (&csv);
    lines = g_strsplit (csv.out, "\r\n", -1);
    g_assert_true (g_str_has_prefix (lines[0], "scenario,year,id,name,site_type,tenure,held,"));
    g_assert_cmpuint (g_strv_length (lines), >=, 400);
    for (guint i = 1; lines[i] != NULL; i++)
      if (strstr (lines[i], needle) != NULL)
        {
          found = TRUE;
          g_assert_nonnull (strstr (lines[i], ",false,false,"));  /* not held, not in use */
        }
    g_assert_true (found);
  }

  sold = compute (doc, "Sell a freehold", 2028);
  totals = json_object_get_object_member (json_node_get_object (sold), "totals");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (totals, "capital_receipts_in_year"),
                                  4750000, 1e-6);
  g_assert_false (json_object_get_boolean_member (find_site (json_node_get_object (sold), freehold),
                                                  "held"));
}

static char *
show_json (const char *document,
           const char *scenario)
{
  g_auto(FpTestRun) run = { 0 };

  CLI (&run, "scenario", "show", "--document", document, "--scenario", scenario, "--json");
  must_succeed (&run);
  return g_steal_pointer (&run.out);
}

/* One change of every kind from the command line; undo, redo; a refused change; export
 * and import into another document. */
static void
test_every_kind (void)
{
  const char *gp = pick (NULL, "gp_practice", "list_size");
  const char *lift = pick ("lift", NULL, "void_rooms");
  const char *nhsps = pick ("nhsps", "health_centre", "gia_m2");
  const char *acute = pick (NULL, "acute_hospital", "gia_m2");
  const char *hours_site = pick ("leasehold", "gp_practice", "list_size");
  const char *name = "Every kind";
  g_autofree char *before_refusal = NULL;
  g_autofree char *after_refusal = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *file = fp_test_tmpfile ("every-kind.json");
  g_autofree char *doc2 = fp_test_tmpfile ("second.footprint");
  g_autofree char *shown_text = NULL;
  g_autoptr(JsonNode) shown = NULL;
  JsonArray *changes;
  struct {
    const char *args[32];  /* NULL-terminated: keep room for the terminator */
  } adds[] = {
    { { "--kind", "open_site", "--year", "2027", "--name", "Test Hub", "--site-type", "hub",
        "--lat", "52.48", "--lon", "-1.89", "--gia-m2", "2400", "--rooms",
        "consult=18,treatment=6,group=2", "--hours", "60", "--capital-cost", "9000000",
        "--running-cost", "600000", "--tenure", "leasehold" } },
    { { "--kind", "move_service", "--year", "2027", "--site", gp, "--service",
        "gp_appointments", "--to-site", "NEW-TEST-HUB", "--share", "0.4", "--confidence", "0.7",
        "--note", "Hub takes overflow" } },
    { { "--kind", "move_service", "--year", "2028", "--site", gp, "--service",
        "gp_appointments", "--to-site", lift, "--volume", "1000" } },
    { { "--kind", "shift_setting", "--year", "2028", "--service", "outpatient_followup",
        "--from-setting", "acute", "--share", "0.1", "--to-sites", "NEW-TEST-HUB" } },
    { { "--kind", "backfill", "--year", "2028", "--site", nhsps, "--m2", "50" } },
    { { "--kind", "change_hours", "--year", "2029", "--site", hours_site, "--hours", "60" } },
    { { "--kind", "change_growth", "--year", "2029", "--service", "gp_appointments", "--rate", "0.015" } },
    { { "--kind", "exit_site", "--year", "2030", "--site", lift, "--to-sites", "NEW-TEST-HUB" } },
  };

  {
    g_auto(FpTestRun) run = { 0 };
    CLI (&run, "scenario", "create", "--document", doc, "--scenario", name, "--description",
         "One change of each kind");
    must_succeed (&run);
  }

  for (guint i = 0; i < G_N_ELEMENTS (adds); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_auto(FpTestRun) run = { 0 };

      g_ptr_array_add (args, "scenario");
      g_ptr_array_add (args, "add-change");
      g_ptr_array_add (args, "--document");
      g_ptr_array_add (args, doc);
      g_ptr_array_add (args, "--scenario");
      g_ptr_array_add (args, (gpointer) name);
      for (guint a = 0; adds[i].args[a] != NULL; a++)
        g_ptr_array_add (args, (gpointer) adds[i].args[a]);
      g_ptr_array_add (args, NULL);

      fp_test_run_cli (&run, data_home, (const char * const *) args->pdata);
      must_succeed (&run);
    }

  /* The dispose kind is covered by test_dispose_freehold; all eight others are here. */
  shown_text = show_json (doc, name);
  shown = json_from_string (shown_text, NULL);
  changes = json_object_get_array_member (json_node_get_object (shown), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 1), "note"),
                   ==, "Hub takes overflow");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (changes, 1),
                                                    "confidence"), ==, 0.7);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0), "id"),
                   ==, "NEW-TEST-HUB");

  /* The new hub appears in the results from 2027, carrying GP appointments. */
  {
    g_autoptr(JsonNode) res = compute (doc, name, 2027);
    JsonObject *hub = find_site (json_node_get_object (res), "NEW-TEST-HUB");

    g_assert_cmpfloat (json_object_get_double_member (hub, "demand_room_hours"), >, 0);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (hub, "running_cost"), 600000, 1e-6);
  }

  /* Undo takes the last change out, redo puts it back; both are saved. */
  {
    g_auto(FpTestRun) undo = { 0 };
    g_auto(FpTestRun) list = { 0 };
    g_autoptr(JsonNode) root = NULL;
    g_autoptr(JsonNode) with_undone = NULL;
    JsonArray *scenarios;
    gint64 applied = -1;

    CLI (&undo, "scenario", "undo", "--document", doc, "--scenario", name);
    must_succeed (&undo);
    g_assert_nonnull (strstr (undo.out, "Undone"));

    CLI (&list, "scenario", "list", "--document", doc, "--json");
    must_succeed (&list);
    scenarios = json_object_get_array_member (parse_object (list.out, &root), "scenarios");
    for (guint i = 0; i < json_array_get_length (scenarios); i++)
      {
        JsonObject *s = json_array_get_object_element (scenarios, i);
        if (g_str_equal (json_object_get_string_member (s, "name"), name))
          {
            applied = json_object_get_int_member (s, "applied");
            g_assert_cmpint (json_object_get_int_member (s, "changes"), ==, 8);
          }
      }
    g_assert_cmpint (applied, ==, 7);

    /* With the exit undone, the LIFT building is still in use in 2030. */
    with_undone = compute (doc, name, 2030);
    g_assert_true (json_object_get_boolean_member (find_site (json_node_get_object (with_undone), lift),
                                                   "in_use"));
  }
  {
    g_auto(FpTestRun) redo = { 0 };
    g_autoptr(JsonNode) redone = NULL;

    CLI (&redo, "scenario", "redo", "--document", doc, "--scenario", name);
    must_succeed (&redo);
    redone = compute (doc, name, 2030);
    g_assert_false (json_object_get_boolean_member (find_site (json_node_get_object (redone), lift),
                                                    "in_use"));
  }
  {
    g_auto(FpTestRun) redo = { 0 };

    CLI (&redo, "scenario", "redo", "--document", doc, "--scenario", name);
    g_assert_cmpint (redo.status, ==, 1);
    g_assert_nonnull (strstr (redo.err, "no undone change"));
  }

  /* A change that cannot apply is refused, named, and nothing is stored. */
  before_refusal = show_json (doc, name);
  {
    g_auto(FpTestRun) bad = { 0 };

    CLI (&bad, "scenario", "add-change", "--document", doc, "--scenario", name, "--kind",
         "move_service", "--year", "2029", "--site", lift, "--service", "gp_appointments",
         "--to-site", gp, "--share", "0.5");
    g_assert_cmpint (bad.status, ==, 1);
    g_assert_nonnull (strstr (bad.err, "change 9 of “Every kind” was not added"));
    g_assert_nonnull (strstr (bad.err, "is left in 2030 by an earlier change"));
  }
  {
    g_auto(FpTestRun) bad = { 0 };

    CLI (&bad, "scenario", "add-change", "--document", doc, "--scenario", name, "--kind",
         "move_service", "--year", "2029", "--site", gp, "--service", "gp_appointments",
         "--to-site", lift, "--share", "1.5");
    g_assert_cmpint (bad.status, ==, 2);
    g_assert_nonnull (strstr (bad.err, "“share” is 1.5, outside 0 to 1"));
  }
  {
    g_auto(FpTestRun) bad = { 0 };

    CLI (&bad, "scenario", "add-change", "--document", doc, "--scenario", name, "--kind",
         "exit_site", "--year", "2040", "--site", acute);
    g_assert_cmpint (bad.status, ==, 1);
    g_assert_nonnull (strstr (bad.err, "outside the horizon"));
  }
  after_refusal = show_json (doc, name);
  g_assert_cmpstr (before_refusal, ==, after_refusal);

  /* Export, import into a fresh document: the same figures. */
  {
    g_auto(FpTestRun) run = { 0 };

    CLI (&run, "scenario", "export", "--document", doc, "--scenario", name);
    must_succeed (&run);
    exported = g_steal_pointer (&run.out);
    g_assert_true (g_file_set_contents (file, exported, -1, NULL));
  }
  {
    g_auto(FpTestRun) init = { 0 };
    g_auto(FpTestRun) import = { 0 };
    g_autoptr(JsonNode) a = NULL;
    g_autoptr(JsonNode) b = NULL;
    g_autoptr(JsonGenerator) gen = json_generator_new ();
    g_autofree char *ta = NULL;
    g_autofree char *tb = NULL;

    CLI (&init, "init", "--document", doc2);
    must_succeed (&init);
    CLI (&import, "scenario", "import", "--document", doc2, file);
    must_succeed (&import);
    g_assert_nonnull (strstr (import.out, "with 8 changes"));

    a = compute (doc, name, 2031);
    b = compute (doc2, name, 2031);
    json_generator_set_root (gen, json_object_get_member (json_node_get_object (a), "totals"));
    ta = json_generator_to_data (gen, NULL);
    json_generator_set_root (gen, json_object_get_member (json_node_get_object (b), "totals"));
    tb = json_generator_to_data (gen, NULL);
    g_assert_cmpstr (ta, ==, tb);
  }

  /* Importing again without --replace is refused; a broken file changes nothing. */
  {
    g_auto(FpTestRun) again = { 0 };
    g_auto(FpTestRun) replace = { 0 };

    CLI (&again, "scenario", "import", "--document", doc2, file);
    g_assert_cmpint (again.status, ==, 1);
    g_assert_nonnull (strstr (again.err, "--replace"));
    CLI (&replace, "scenario", "import", "--document", doc2, file, "--replace");
    must_succeed (&replace);
  }
  {
    g_autofree char *broken = NULL;
    g_autofree char *bad_file = fp_test_tmpfile ("broken.json");
    g_autofree char *list_before = NULL;
    g_auto(FpTestRun) list = { 0 };
    g_auto(FpTestRun) list2 = { 0 };
    g_auto(FpTestRun) import = { 0 };
    GRegex *regex = g_regex_new ("\"share\" : 0.4", 0, 0, NULL);

    /* Change 2's share made impossible, under a new name, so that a partial import would
     * show as a new scenario. */
    {
      g_autofree char *bad_share = g_regex_replace_literal (regex, exported, -1, 0,
                                                            "\"share\" : 1.4", 0, NULL);
      GRegex *rename = g_regex_new ("\"name\" : \"Every kind\"", 0, 0, NULL);

      g_assert_cmpstr (bad_share, !=, exported);
      broken = g_regex_replace_literal (rename, bad_share, -1, 0, "\"name\" : \"Broken\"", 0, NULL);
      g_regex_unref (rename);
      g_regex_unref (regex);
    }
    g_assert_true (g_file_set_contents (bad_file, broken, -1, NULL));

    CLI (&list, "scenario", "list", "--document", doc2);
    list_before = g_steal_pointer (&list.out);
    CLI (&import, "scenario", "import", "--document", doc2, bad_file);
    g_assert_cmpint (import.status, ==, 1);
    g_assert_nonnull (strstr (import.err, "Change 2 (move_service)"));
    g_assert_nonnull (strstr (import.err, "“share” is 1.4"));
    g_assert_nonnull (strstr (import.err, "nothing was imported"));
    CLI (&list2, "scenario", "list", "--document", doc2);
    g_assert_cmpstr (list_before, ==, list2.out);
  }

  /* Delete. */
  {
    g_auto(FpTestRun) del = { 0 };
    g_auto(FpTestRun) show = { 0 };

    CLI (&del, "scenario", "delete", "--document", doc2, "--scenario", name);
    must_succeed (&del);
    CLI (&show, "scenario", "show", "--document", doc2, "--scenario", name);
    g_assert_cmpint (show.status, ==, 1);
    g_assert_nonnull (strstr (show.err, "there is no scenario"));
  }
}

/* A change added after an undo drops the undone change. */
static void
test_edit_after_undo (void)
{
  const char *gp = pick (NULL, "gp_practice", "list_size");
  const char *lift = pick ("lift", NULL, "void_rooms");
  g_autofree char *shown_text = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_auto(FpTestRun) a = { 0 };
  g_auto(FpTestRun) b = { 0 };
  g_auto(FpTestRun) c = { 0 };
  g_auto(FpTestRun) d = { 0 };

  CLI (&a, "scenario", "create", "--document", doc, "--scenario", "Undo then edit");
  must_succeed (&a);
  CLI (&b, "scenario", "add-change", "--document", doc, "--scenario", "Undo then edit",
       "--kind", "change_hours", "--year", "2026", "--site", lift, "--hours", "70");
  must_succeed (&b);
  CLI (&c, "scenario", "undo", "--document", doc, "--scenario", "Undo then edit");
  must_succeed (&c);
  CLI (&d, "scenario", "add-change", "--document", doc, "--scenario", "Undo then edit",
       "--kind", "move_service", "--year", "2026", "--site", gp, "--service", "gp_appointments",
       "--to-site", lift, "--share", "0.1");
  must_succeed (&d);
  g_assert_nonnull (strstr (d.out, "were dropped"));

  shown_text = show_json (doc, "Undo then edit");
  shown = json_from_string (shown_text, NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (shown),
                                                                         "changes")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_node_get_object (shown), "changes"), 0),
                     "kind"), ==, "move_service");
}

/* footprint-cli access: the JSON shape, zones, and a comparison that shows a change. */
static void
test_access (void)
{
  g_auto(FpTestRun) base = { 0 };
  g_auto(FpTestRun) zones = { 0 };
  g_auto(FpTestRun) create = { 0 };
  g_auto(FpTestRun) add = { 0 };
  g_auto(FpTestRun) compare = { 0 };
  g_auto(FpTestRun) csv = { 0 };
  g_auto(FpTestRun) bad = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) zroot = NULL;
  g_autoptr(JsonNode) croot = NULL;
  JsonObject *o;
  JsonArray *services, *zone_list;
  const char *keys[] = { "service", "mean_km", "mean_car_min", "share_within_threshold",
                         "share_within_threshold_deprived", "share_within_threshold_65plus",
                         "threshold" };
  const char *urgent = NULL;
  JsonObject *group = NULL;

  CLI (&base, "access", "--document", doc);
  must_succeed (&base);
  o = parse_object (base.out, &root);
  g_assert_cmpstr (json_object_get_string_member (o, "scenario"), ==, "Do nothing");
  g_assert_cmpint (json_object_get_int_member (o, "year"), ==, 2025);
  services = json_object_get_array_member (o, "services");
  g_assert_cmpuint (json_array_get_length (services), >=, 15);
  for (guint i = 0; i < json_array_get_length (services); i++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      g_assert_true (json_object_has_member (json_array_get_object_element (services, i), keys[k]));
  group = json_array_get_object_element (json_object_get_array_member (o, "groups"), 0);
  g_assert_cmpstr (json_object_get_string_member (group, "group"), ==, "urgent_care_or_walk_in");

  CLI (&zones, "access", "--document", doc, "--service", "urgent_care_or_walk_in", "--zones");
  must_succeed (&zones);
  zone_list = json_object_get_array_member (parse_object (zones.out, &zroot), "zones");
  g_assert_cmpuint (json_array_get_length (zone_list), ==, 793);
  {
    JsonObject *z = json_array_get_object_element (zone_list, 0);
    const char *zkeys[] = { "zone", "population", "imd_decile", "nearest_site", "km" };

    for (guint k = 0; k < G_N_ELEMENTS (zkeys); k++)
      g_assert_true (json_object_has_member (z, zkeys[k]));
    urgent = json_object_get_string_member (z, "nearest_site");
    g_assert_nonnull (urgent);
  }

  /* Leave the nearest urgent care site of the first zone: access to urgent care worsens. */
  CLI (&create, "scenario", "create", "--document", doc, "--scenario", "Close an urgent care site");
  must_succeed (&create);
  CLI (&add, "scenario", "add-change", "--document", doc, "--scenario", "Close an urgent care site",
       "--kind", "exit_site", "--year", "2026", "--site", urgent);
  must_succeed (&add);
  CLI (&compare, "access", "--document", doc, "--scenario", "Close an urgent care site",
       "--year", "2026", "--service", "urgent_care_or_walk_in", "--compare-to", "Do nothing");
  must_succeed (&compare);
  o = parse_object (compare.out, &croot);
  g_assert_cmpstr (json_object_get_string_member (o, "compare_to"), ==, "Do nothing");
  {
    JsonObject *set = json_array_get_object_element (json_object_get_array_member (o, "groups"), 0);
    JsonObject *change = json_object_get_object_member (set, "change");

    g_assert_cmpint (json_object_get_int_member (change, "zones_further"), >, 0);
    g_assert_cmpfloat (json_object_get_double_member (change, "people_further"), >, 0);
    g_assert_cmpfloat (json_object_get_double_member (set, "mean_km"), >,
                       json_object_get_double_member (change, "mean_km_before"));
  }

  CLI (&csv, "access", "--document", doc, "--format", "csv");
  must_succeed (&csv);
  g_assert_true (g_str_has_prefix (csv.out, "scenario,year,kind,id,name,sites,mean_km,"));

  CLI (&bad, "access", "--document", doc, "--service", "juggling");
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "“juggling” is not a service"));

  /* Car speed is a document assumption a user can change: from 24 to 20 km/h every mean car
   * time grows by 24 ÷ 20, and distances stay. Dataset-building rates and values out of
   * range are refused and change nothing. */
  {
    g_auto(FpTestRun) set = { 0 };
    g_auto(FpTestRun) rate = { 0 };
    g_auto(FpTestRun) range = { 0 };
    g_auto(FpTestRun) list = { 0 };
    g_auto(FpTestRun) after = { 0 };
    g_autoptr(JsonNode) aroot = NULL;
    JsonObject *before_gp = json_array_get_object_element (services, 0);
    JsonObject *after_gp;

    CLI (&rate, "assumptions", "--document", doc, "--set", "rate.phlebotomy_per_head=2");
    g_assert_cmpint (rate.status, ==, 1);
    g_assert_nonnull (strstr (rate.err, "not an assumption the model reads"));
    CLI (&range, "assumptions", "--document", doc, "--set", "car_kmh=900");
    g_assert_cmpint (range.status, ==, 1);
    g_assert_nonnull (strstr (range.err, "outside the sensible range"));

    CLI (&set, "assumptions", "--document", doc, "--set", "car_kmh=20", "--by", "Test Planner");
    must_succeed (&set);
    CLI (&list, "assumptions", "--document", doc);
    must_succeed (&list);
    g_assert_nonnull (strstr (list.out, "assumed by Test Planner"));

    CLI (&after, "access", "--document", doc);
    must_succeed (&after);
    after_gp = json_array_get_object_element (json_object_get_array_member (parse_object (after.out, &aroot),
                                                                           "services"), 0);
    g_assert_cmpstr (json_object_get_string_member (after_gp, "service"), ==,
                     json_object_get_string_member (before_gp, "service"));
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (after_gp, "mean_km"),
                                    json_object_get_double_member (before_gp, "mean_km"), 1e-9);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (after_gp, "mean_car_min"),
                                    json_object_get_double_member (before_gp, "mean_car_min") * 24 / 20,
                                    1e-9);
  }
}

/* A category override through the CLI: shown in compute, listed, cleared; bad input refused. */
static void
test_override (void)
{
  const char *site = pick ("nhsps", "health_centre", "gia_m2");
  g_auto(FpTestRun) set = { 0 };
  g_auto(FpTestRun) clear = { 0 };
  g_auto(FpTestRun) again = { 0 };
  g_auto(FpTestRun) bad_category = { 0 };
  g_auto(FpTestRun) no_reason = { 0 };
  g_auto(FpTestRun) no_site = { 0 };
  g_autoptr(JsonNode) with = NULL;
  g_autoptr(JsonNode) without = NULL;
  JsonObject *s1, *s2;

  CLI (&set, "override", "--document", doc, "--site", site, "--category", "core", "--reason",
       "Chosen as a neighbourhood health centre", "--by", "Estates board");
  must_succeed (&set);
  with = compute (doc, "Do nothing", 2025);
  s1 = find_site (json_node_get_object (with), site);
  g_assert_cmpstr (json_object_get_string_member (s1, "category"), ==, "core");
  g_assert_true (json_object_get_boolean_member (s1, "category_overridden"));
  g_assert_true (json_object_has_member (s1, "computed_category"));
  g_assert_nonnull (strstr (json_array_get_string_element (json_object_get_array_member (s1, "category_reasons"), 0),
                            "Set to Core by Estates board"));

  CLI (&clear, "override", "--document", doc, "--site", site, "--clear");
  must_succeed (&clear);
  without = compute (doc, "Do nothing", 2025);
  s2 = find_site (json_node_get_object (without), site);
  g_assert_false (json_object_get_boolean_member (s2, "category_overridden"));
  g_assert_cmpstr (json_object_get_string_member (s2, "category"), ==,
                   json_object_get_string_member (s1, "computed_category"));

  CLI (&again, "override", "--document", doc, "--site", site, "--clear");
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "no category override to clear"));
  CLI (&bad_category, "override", "--document", doc, "--site", site, "--category", "vital",
       "--reason", "x");
  g_assert_cmpint (bad_category.status, ==, 2);
  CLI (&no_reason, "override", "--document", doc, "--site", site, "--category", "core");
  g_assert_cmpint (no_reason.status, ==, 2);
  g_assert_nonnull (strstr (no_reason.err, "needs a --reason"));
  CLI (&no_site, "override", "--document", doc, "--site", "NOWHERE", "--category", "core",
       "--reason", "x");
  g_assert_cmpint (no_site.status, ==, 1);
}

static JsonArray *
shown_changes (const char *name,
               JsonNode  **root)
{
  g_autofree char *text = show_json (doc, name);

  *root = json_from_string (text, NULL);
  return json_object_get_array_member (json_node_get_object (*root), "changes");
}

/* The editing actions besides add, undo and redo: replace, remove and move a change;
 * duplicate, rename and delete a scenario; and the refusal of an edit of a parent that a
 * child needs, naming the child. */
static void
test_edit_actions (void)
{
  const char *lift = pick ("lift", NULL, "void_rooms");
  const char *gp = pick (NULL, "gp_practice", "list_size");
  const char *name = "Edit actions";
  g_autoptr(JsonNode) r1 = NULL;
  g_autoptr(JsonNode) r2 = NULL;
  g_autoptr(JsonNode) r3 = NULL;
  JsonArray *changes;

  {
    g_auto(FpTestRun) create = { 0 };
    g_auto(FpTestRun) a = { 0 };
    g_auto(FpTestRun) b = { 0 };
    g_auto(FpTestRun) c = { 0 };

    CLI (&create, "scenario", "create", "--document", doc, "--scenario", name);
    must_succeed (&create);
    CLI (&a, "scenario", "add-change", "--document", doc, "--scenario", name, "--kind",
         "change_hours", "--year", "2026", "--site", lift, "--hours", "60");
    must_succeed (&a);
    CLI (&b, "scenario", "add-change", "--document", doc, "--scenario", name, "--kind",
         "change_growth", "--year", "2027", "--service", "gp_appointments", "--rate", "0.01");
    must_succeed (&b);
    CLI (&c, "scenario", "add-change", "--document", doc, "--scenario", name, "--kind",
         "move_service", "--year", "2027", "--site", gp, "--service", "gp_appointments",
         "--to-site", lift, "--share", "0.1");
    must_succeed (&c);
  }

  {
    g_auto(FpTestRun) move = { 0 };
    g_auto(FpTestRun) replace = { 0 };
    g_auto(FpTestRun) remove = { 0 };

    CLI (&move, "scenario", "move-change", "--document", doc, "--scenario", name,
         "--position", "3", "--to-position", "1");
    must_succeed (&move);
    CLI (&replace, "scenario", "replace-change", "--document", doc, "--scenario", name,
         "--position", "2", "--kind", "change_hours", "--year", "2026", "--site", lift,
         "--hours", "70");
    must_succeed (&replace);
    CLI (&remove, "scenario", "remove-change", "--document", doc, "--scenario", name,
         "--position", "3");
    must_succeed (&remove);
  }

  changes = shown_changes (name, &r1);
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changes, 0),
                                                  "kind"), ==, "move_service");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (changes, 1),
                                                    "hours_open_per_week"), ==, 70);

  {
    g_auto(FpTestRun) dup = { 0 };
    g_auto(FpTestRun) ren = { 0 };
    g_auto(FpTestRun) child = { 0 };
    g_auto(FpTestRun) child_add = { 0 };
    g_auto(FpTestRun) refused = { 0 };
    g_auto(FpTestRun) del = { 0 };
    g_auto(FpTestRun) bad = { 0 };

    CLI (&dup, "scenario", "duplicate", "--document", doc, "--scenario", name, "--new-name",
         "Edit actions, copy");
    must_succeed (&dup);
    CLI (&ren, "scenario", "rename", "--document", doc, "--scenario", "Edit actions, copy",
         "--new-name", "Edit actions, renamed");
    must_succeed (&ren);
    changes = shown_changes ("Edit actions, renamed", &r2);
    g_assert_cmpuint (json_array_get_length (changes), ==, 2);

    /* A child that leaves the LIFT building the parent moves activity into. */
    CLI (&child, "scenario", "create", "--document", doc, "--scenario", "Edit actions, child",
         "--parent", "Edit actions, renamed");
    must_succeed (&child);
    CLI (&child_add, "scenario", "add-change", "--document", doc, "--scenario",
         "Edit actions, child", "--kind", "exit_site", "--year", "2028", "--site", lift);
    must_succeed (&child_add);

    /* The parent cannot gain a change that clashes with the child's: leaving the same
     * building earlier. */
    CLI (&refused, "scenario", "add-change", "--document", doc, "--scenario",
         "Edit actions, renamed", "--kind", "exit_site", "--year", "2027", "--site", lift);
    g_assert_cmpint (refused.status, ==, 1);
    g_assert_nonnull (strstr (refused.err, "“Edit actions, child”"));
    changes = shown_changes ("Edit actions, renamed", &r3);
    g_assert_cmpuint (json_array_get_length (changes), ==, 2);

    CLI (&del, "scenario", "delete", "--document", doc, "--scenario", "Edit actions, renamed");
    g_assert_cmpint (del.status, ==, 1);
    g_assert_nonnull (strstr (del.err, "builds on it"));

    CLI (&bad, "scenario", "remove-change", "--document", doc, "--scenario", name,
         "--position", "0");
    g_assert_cmpint (bad.status, ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_auto(FpTestRun) init = { 0 };
  g_auto(FpTestRun) sites = { 0 };

  g_test_init (&argc, &argv, NULL);

  dir = fp_test_tmpdir ();
  data_home = g_build_filename (dir, "xdg-data", NULL);
  doc = fp_test_tmpfile ("scenarios.footprint");

  CLI (&init, "init", "--document", doc);
  must_succeed (&init);
  CLI (&sites, "sites", "--document", doc, "--format", "json");
  must_succeed (&sites);
  sites_root = json_from_string (sites.out, NULL);
  g_assert_nonnull (sites_root);

  g_test_add_func ("/fp/scenario-cli/leave-lift", test_leave_lift);
  g_test_add_func ("/fp/scenario-cli/dispose-freehold", test_dispose_freehold);
  g_test_add_func ("/fp/scenario-cli/every-kind", test_every_kind);
  g_test_add_func ("/fp/scenario-cli/edit-after-undo", test_edit_after_undo);
  g_test_add_func ("/fp/scenario-cli/override", test_override);
  g_test_add_func ("/fp/scenario-cli/access", test_access);
  g_test_add_func ("/fp/scenario-cli/edit-actions", test_edit_actions);

  return g_test_run ();
}
