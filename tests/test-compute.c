/* test-compute.c: the planning model on a hand-built estate, with the working shown.
 *
 * The estate (tests/data/engine-estate.json), all sites on latitude 52.0, base year 2025,
 * horizon 5 years (2025 to 2030), 50 weeks a year, 25 m² a room, target utilisation 0.8,
 * target bed occupancy 0.9:
 *
 *   H1  health centre, LIFT (lease ends 2028), lon -1.90: 2 consult + 1 treatment rooms,
 *       50 h/week, 2 void rooms + 50 m² other void, GIA 500 m², R £100,000, condition B.
 *       12,000 GP appointments (15 min), 2,000 nurse appointments (30 min, +10% a year).
 *   G2  GP practice, leasehold (no dates), lon -1.88: 4 consult rooms, 50 h, GIA 400,
 *       R £40,000, condition C. 28,000 GP appointments.
 *   G3  GP practice, leasehold, lon -1.80: 4 consult rooms, 50 h, GIA 400, R £40,000,
 *       condition A. 36,000 GP appointments.
 *   F4  community hospital, freehold, lon -1.95: 1 consult room at 40 h, 10 beds, GIA
 *       1,000, R £500,000, backlog £150,000, condition D. 3,000 bed-days.
 *   N5  health centre, NHS Property Services, lon -1.70: 2 consult rooms, 50 h, GIA 300,
 *       R £60,000, condition B, no activity.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "fp-test-util.h"

#define EPS 1e-6

static FpEstate *estate;
static FpModel *model;

static guint
site (const FpResults *res,
      const char      *id)
{
  guint index;

  g_assert_true (fp_results_find_site (res, id, &index));
  return index;
}

static const FpSiteYear *
at (const FpResults *res,
    const char      *id,
    int              year)
{
  return fp_results_get (res, site (res, id), (guint) (year - 2025));
}

static FpChange *
change (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (json, &error);
  FpChange *c;

  g_assert_no_error (error);
  c = fp_change_from_json (json_node_get_object (node), "test", &error);
  g_assert_no_error (error);
  return c;
}

/* Results of the changes (JSON strings, NULL-terminated) against Do nothing. */
static FpResults *
run (const char *first,
     ...)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(FpResults) dn = NULL;
  g_autoptr(GError) error = NULL;
  FpResults *res;
  const char *json;
  va_list ap;

  va_start (ap, first);
  for (json = first; json != NULL; json = va_arg (ap, const char *))
    g_ptr_array_add (changes, change (json));
  va_end (ap);

  dn = fp_compute_scenario (model, NULL, NULL, &error);
  g_assert_no_error (error);
  res = fp_compute_scenario (model, changes, dn, &error);
  g_assert_no_error (error);
  return res;
}

static void
assert_refused (const char *json,
                const char *fragment)
{
  g_autoptr(FpEngine) engine = fp_engine_new (model);
  g_autoptr(FpChange) c = change (json);
  g_autoptr(FpResults) before = fp_engine_compute (engine, NULL);
  g_autoptr(FpResults) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (fp_engine_apply (engine, c, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED);
  if (strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, error->message);
  g_assert_cmpuint (fp_engine_get_n_applied (engine), ==, 0);

  /* Nothing was applied: every figure is as before. */
  after = fp_engine_compute (engine, NULL);
  g_assert_cmpuint (after->n_sites, ==, before->n_sites);
  g_assert_cmpmem (after->activity, sizeof (double) * after->n_sites * after->n_years * after->n_services,
                   before->activity, sizeof (double) * before->n_sites * before->n_years * before->n_services);
}

/* ---- The baseline ---------------------------------------------------------------- */

static void
test_baseline (void)
{
  g_autoptr(FpResults) res = run (NULL);
  const FpSiteYear *h1 = at (res, "H1", 2025);
  const FpSiteYear *g2 = at (res, "G2", 2025);
  const FpSiteYear *g3 = at (res, "G3", 2025);
  const FpSiteYear *f4 = at (res, "F4", 2025);
  const FpSiteYear *n5 = at (res, "N5", 2025);

  g_assert_cmpuint (res->n_years, ==, 6);

  /* H1 consult: capacity 2 rooms × 50 h × 50 weeks = 5,000 room-hours; demand 12,000 ×
   * 15 ÷ 60 = 3,000; utilisation 0.6. Treatment: 1 × 50 × 50 = 2,500; 2,000 × 30 ÷ 60 =
   * 1,000; 0.4. Site: 4,000 ÷ 7,500 = 0.5333. */
  g_assert_cmpfloat_with_epsilon (h1->capacity[FP_ROOM_CONSULT], 5000, EPS);
  g_assert_cmpfloat_with_epsilon (h1->demand[FP_ROOM_CONSULT], 3000, EPS);
  g_assert_cmpfloat_with_epsilon (h1->utilisation[FP_ROOM_CONSULT], 0.6, EPS);
  g_assert_cmpfloat_with_epsilon (h1->utilisation[FP_ROOM_TREATMENT], 0.4, EPS);
  g_assert_cmpfloat_with_epsilon (h1->utilisation_site, 4000.0 / 7500.0, EPS);
  g_assert_true (isnan (h1->utilisation[FP_ROOM_GROUP]));  /* no capacity, no demand */
  /* Void: 2 rooms × 25 m² + 50 m² = 100 m²; cost 100 × 100,000 ÷ 500 = £20,000. */
  g_assert_cmpfloat_with_epsilon (h1->void_m2, 100, EPS);
  g_assert_cmpfloat_with_epsilon (h1->void_cost, 20000, EPS);
  g_assert_cmpfloat_with_epsilon (h1->void_rooms_used, 0, EPS);
  g_assert_cmpfloat_with_epsilon (h1->cost_per_m2, 200, EPS);
  /* 0.53 is at least 0.5 and below 0.7, condition B: near core. */
  g_assert_cmpint (h1->category, ==, FP_CATEGORY_NEAR_CORE);

  /* G2: 28,000 × 0.25 = 7,000 of 10,000 room-hours = 0.7, but condition C: near core. */
  g_assert_cmpfloat_with_epsilon (g2->utilisation_site, 0.7, EPS);
  g_assert_cmpint (g2->category, ==, FP_CATEGORY_NEAR_CORE);

  /* G3: 9,000 of 10,000 = 0.9, over the 0.8 target but not over capacity; condition A:
   * core. */
  g_assert_cmpfloat_with_epsilon (g3->utilisation_site, 0.9, EPS);
  g_assert_true (g3->over_target);
  g_assert_false (g3->over_capacity);
  g_assert_cmpint (g3->category, ==, FP_CATEGORY_CORE);
  g_assert_true (g3->reasons & FP_REASON_WELL_USED_SOUND);

  /* F4: 3,000 bed-days of 10 × 365 = 3,650: occupancy 0.8219; beds required 3,000 ÷
   * (365 × 0.9) = 9.132. Condition D makes it marginal. */
  g_assert_cmpfloat_with_epsilon (f4->bed_occupancy, 3000.0 / 3650.0, EPS);
  g_assert_cmpfloat_with_epsilon (f4->beds_required, 3000.0 / (365.0 * 0.9), EPS);
  g_assert_cmpfloat_with_epsilon (f4->capacity[FP_ROOM_CONSULT], 2000, EPS);
  g_assert_cmpint (f4->category, ==, FP_CATEGORY_MARGINAL);
  g_assert_true (f4->reasons & FP_REASON_CONDITION_D);

  /* N5: held with no activity, so wholly void: 300 m², the whole £60,000. Redundant. */
  g_assert_cmpfloat_with_epsilon (n5->void_m2, 300, EPS);
  g_assert_cmpfloat_with_epsilon (n5->void_cost, 60000, EPS);
  g_assert_cmpint (n5->category, ==, FP_CATEGORY_REDUNDANT);
  g_assert_true (n5->reasons & FP_REASON_NO_ACTIVITY);

  /* Totals: R = 100,000 + 40,000 + 40,000 + 500,000 + 60,000 = 740,000; void 20,000 (LIFT)
   * + 60,000 (NHSPS) = 80,000. */
  g_assert_cmpfloat_with_epsilon (res->totals[0].running_cost, 740000, EPS);
  g_assert_cmpfloat_with_epsilon (res->totals[0].void_cost, 80000, EPS);
  g_assert_cmpfloat_with_epsilon (res->totals[0].void_cost_lift, 20000, EPS);
  g_assert_cmpfloat_with_epsilon (res->totals[0].void_cost_nhsps, 60000, EPS);
  g_assert_cmpuint (res->totals[0].sites_over_target, ==, 1);
  g_assert_cmpuint (res->totals[0].sites_over_capacity, ==, 0);
  g_assert_cmpfloat_with_epsilon (res->totals[0].revenue_saving_vs_do_nothing, 0, EPS);
}

/* Growth: nurse appointments grow 10% a year: 2,000 × 1.1² = 2,420 in 2027. */
static void
test_growth (void)
{
  g_autoptr(FpResults) res = run (NULL);
  guint h1 = site (res, "H1"), nurse;
  g_autoptr(FpResults) changed = NULL;

  g_assert_true (fp_estate_find_service (estate, "nurse", &nurse));
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, h1, 2, nurse), 2420, EPS);
  g_assert_cmpfloat_with_epsilon (at (res, "H1", 2027)->demand[FP_ROOM_TREATMENT], 1210, EPS);

  /* change_growth to 0% from 2027: 2026 keeps 2,200, and 2027 on stays at 2,200. */
  changed = run ("{\"kind\": \"change_growth\", \"year\": 2027, \"service\": \"nurse\", \"rate\": 0}", NULL);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (changed, h1, 1, nurse), 2200, EPS);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (changed, h1, 2, nurse), 2200, EPS);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (changed, h1, 5, nurse), 2200, EPS);
}

/* Moving GP appointments into H1 brings its void rooms into use and shrinks its void. */
static void
test_void_rooms_into_use (void)
{
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G3\", \"service\": \"gp\", "
    "\"to_site\": \"H1\", \"share\": 0.5}", NULL);
  const FpSiteYear *h1 = at (res, "H1", 2026);
  const FpSiteYear *g3 = at (res, "G3", 2026);

  /* H1 consult demand 3,000 + 18,000 × 0.25 = 7,500 room-hours; capacity 5,000 at 0.8 is
   * 4,000, so a void room (2,500 room-hours) comes in: 7,500 > 0.8 × 7,500 = 6,000, so the
   * second too: 0.8 × 10,000 = 8,000 fits. Void left: 0 rooms + 50 m² = 50 m², £10,000. */
  g_assert_cmpfloat_with_epsilon (h1->demand[FP_ROOM_CONSULT], 7500, EPS);
  g_assert_cmpfloat_with_epsilon (h1->void_rooms_used, 2, EPS);
  g_assert_cmpfloat_with_epsilon (h1->capacity[FP_ROOM_CONSULT], 10000, EPS);
  g_assert_cmpfloat_with_epsilon (h1->utilisation[FP_ROOM_CONSULT], 0.75, EPS);
  g_assert_cmpfloat_with_epsilon (h1->void_m2, 50, EPS);
  g_assert_cmpfloat_with_epsilon (h1->void_cost, 10000, EPS);

  /* G3 keeps half: 4,500 of 10,000 = 0.45, below 0.5: marginal. */
  g_assert_cmpfloat_with_epsilon (g3->utilisation_site, 0.45, EPS);
  g_assert_cmpint (g3->category, ==, FP_CATEGORY_MARGINAL);
  g_assert_true (g3->reasons & FP_REASON_LOW_USE);

  /* 2025 is untouched. */
  g_assert_cmpfloat_with_epsilon (at (res, "H1", 2025)->void_cost, 20000, EPS);
}

/* All of G3's GP appointments to H1: more than even its void rooms can take. */
static void
test_over_capacity (void)
{
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G3\", \"service\": \"gp\", "
    "\"to_site\": \"H1\", \"volume\": 36000}", NULL);
  const FpSiteYear *h1 = at (res, "H1", 2026);
  const FpSiteYear *g3 = at (res, "G3", 2026);

  /* 3,000 + 9,000 = 12,000 room-hours on 10,000 with both void rooms: 1.2. */
  g_assert_cmpfloat_with_epsilon (h1->utilisation[FP_ROOM_CONSULT], 1.2, EPS);
  g_assert_true (h1->over_capacity);
  /* G3 is empty but still held (a lease with no known end): wholly void, 400 m², £40,000. */
  g_assert_cmpfloat_with_epsilon (g3->void_m2, 400, EPS);
  g_assert_cmpfloat_with_epsilon (g3->void_cost, 40000, EPS);
  g_assert_cmpint (g3->category, ==, FP_CATEGORY_REDUNDANT);
}

/* Demand for a room type a site does not have is the state “no capacity”, never a NaN. */
static void
test_no_capacity (void)
{
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"H1\", \"service\": \"nurse\", "
    "\"to_site\": \"G2\", \"share\": 1}", NULL);
  const FpSiteYear *g2 = at (res, "G2", 2026);
  g_autofree char *json = NULL;
  guint nurse;

  g_assert_true (fp_estate_find_service (estate, "nurse", &nurse));
  g_assert_true (g2->no_capacity & (G_GUINT64_CONSTANT (1) << nurse));
  g_assert_true (g2->over_capacity);
  g_assert_true (isnan (g2->utilisation[FP_ROOM_TREATMENT]));
  g_assert_true (g2->reasons & FP_REASON_NO_CAPACITY);

  json = fp_export_compute_json (model, res, "t", 1);
  g_assert_null (strstr (json, "nan"));
  g_assert_null (strstr (json, "inf"));
  {
    g_autoptr(JsonNode) root = json_from_string (json, NULL);
    JsonArray *sites = json_object_get_array_member (json_node_get_object (root), "sites");
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (sites); i++)
      {
        JsonObject *o = json_array_get_object_element (sites, i);
        JsonArray *list = json_object_get_array_member (o, "no_capacity_for");

        if (g_str_equal (json_object_get_string_member (o, "id"), "G2"))
          {
            g_assert_cmpuint (json_array_get_length (list), ==, 1);
            g_assert_cmpstr (json_array_get_string_element (list, 0), ==, "nurse");
            g_assert_true (json_object_get_null_member (
                             json_object_get_object_member (o, "utilisation_by_room_type"),
                             "treatment"));
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

/* The tenure table: when a left site's cost stops. */
static void
test_tenure_table (void)
{
  /* LIFT: left in 2026; the lease runs to 2028, so 2026 and 2027 carry its whole cost as
   * void, and from 2028 it costs nothing. */
  {
    g_autoptr(FpResults) res = run (
      "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"H1\", \"to_sites\": [\"G2\"]}", NULL);

    g_assert_true (at (res, "H1", 2026)->held);
    g_assert_false (at (res, "H1", 2026)->active);
    g_assert_cmpfloat_with_epsilon (at (res, "H1", 2026)->void_cost, 100000, EPS);
    g_assert_cmpfloat_with_epsilon (at (res, "H1", 2027)->running_cost, 100000, EPS);
    g_assert_false (at (res, "H1", 2028)->held);
    g_assert_cmpfloat_with_epsilon (at (res, "H1", 2028)->running_cost, 0, EPS);
    g_assert_cmpint (at (res, "H1", 2028)->category, ==, FP_CATEGORY_NONE);
    g_assert_cmpint (at (res, "H1", 2026)->category, ==, FP_CATEGORY_REDUNDANT);
    /* Revenue saving: nothing until the lease ends, then H1's £100,000. */
    g_assert_cmpfloat_with_epsilon (res->totals[1].revenue_saving_vs_do_nothing, 0, EPS);
    g_assert_cmpfloat_with_epsilon (res->totals[3].revenue_saving_vs_do_nothing, 100000, EPS);
    /* Its GP appointments went to G2: 28,000 + 12,000. */
    g_assert_cmpfloat_with_epsilon (at (res, "G2", 2026)->demand[FP_ROOM_CONSULT], 10000, EPS);
  }

  /* LIFT left, then fully backfilled by another tenant in 2027: the cost stops in 2027. */
  {
    g_autoptr(FpResults) res = run (
      "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"H1\", \"to_sites\": [\"G2\"]}",
      "{\"kind\": \"backfill\", \"year\": 2027, \"site\": \"H1\", \"m2\": 500}", NULL);

    g_assert_true (at (res, "H1", 2026)->held);
    g_assert_false (at (res, "H1", 2027)->held);
  }

  /* Freehold disposal in 2027: the cost stops that year (no dual running), the receipt
   * of 2,000,000 − 100,000 is counted, and the backlog of 150,000 is avoided. */
  {
    g_autoptr(FpResults) res = run (
      "{\"kind\": \"dispose_site\", \"year\": 2027, \"site\": \"F4\", \"value\": 2000000, "
      "\"disposal_costs\": 100000, \"receipt_retained\": true}", NULL);

    g_assert_true (at (res, "F4", 2026)->held);
    g_assert_false (at (res, "F4", 2027)->held);
    g_assert_cmpfloat_with_epsilon (res->totals[2].capital_receipts, 1900000, EPS);
    g_assert_cmpfloat_with_epsilon (res->totals[1].capital_receipts, 0, EPS);
    g_assert_cmpfloat_with_epsilon (res->totals[5].capital_receipts_to_date, 1900000, EPS);
    g_assert_cmpfloat_with_epsilon (res->totals[2].backlog_avoided, 150000, EPS);
    g_assert_cmpfloat_with_epsilon (res->totals[2].revenue_saving_vs_do_nothing, 500000, EPS);
    /* No other site has beds: its 3,000 bed-days are unplaced, and said so. */
    {
      guint beddays;
      g_assert_true (fp_estate_find_service (estate, "beddays", &beddays));
      g_assert_cmpfloat_with_epsilon (res->unplaced[2 * res->n_services + beddays], 3000, EPS);
      g_assert_cmpfloat_with_epsilon (res->unplaced[1 * res->n_services + beddays], 0, EPS);
    }
  }

  /* A sale whose receipt is not retained counts no receipt. */
  {
    g_autoptr(FpResults) res = run (
      "{\"kind\": \"dispose_site\", \"year\": 2027, \"site\": \"F4\", \"value\": 2000000, "
      "\"disposal_costs\": 100000, \"receipt_retained\": false}", NULL);

    g_assert_cmpfloat_with_epsilon (res->totals[5].capital_receipts_to_date, 0, EPS);
  }

  /* NHS Property Services: one year's notice. Left in 2026, held in 2026, gone in 2027. */
  {
    g_autoptr(FpResults) res = run ("{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"N5\"}", NULL);

    g_assert_true (at (res, "N5", 2026)->held);
    g_assert_false (at (res, "N5", 2027)->held);
    g_assert_cmpfloat_with_epsilon (res->totals[2].revenue_saving_vs_do_nothing, 60000, EPS);
  }

  /* A lease with no known end: carried to the end of the horizon, and said so. */
  {
    g_autoptr(FpResults) res = run (
      "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\", \"to_sites\": [\"G3\"]}", NULL);
    const FpSiteYear *g2 = at (res, "G2", 2030);
    g_auto(GStrv) reasons = fp_results_describe_reasons (res, model, site (res, "G2"), 5);

    g_assert_true (g2->held);
    g_assert_true (g2->reasons & FP_REASON_LIABILITY_UNKNOWN);
    g_assert_cmpfloat_with_epsilon (res->totals[5].revenue_saving_vs_do_nothing, 0, EPS);
    g_assert_nonnull (strstr (reasons[0], "not known"));
  }
}

/* Exit with no named receivers: the allocator sends G2's 28,000 GP appointments (7,000
 * room-hours) to the nearest sites with room below target:
 *   H1 (0.02° away): 0.8 × (5,000 + 2 void rooms × 2,500) − 3,000 = 5,000 room-hours,
 *       and overall 0.8 × (7,500 + 5,000) − 4,000 = 6,000: takes 5,000 (20,000 appts);
 *   F4 (0.07°): 0.8 × 2,000 − 0 = 1,600 room-hours: takes 1,600 (6,400 appts);
 *   G3 (0.08°): 0.8 × 10,000 − 9,000 < 0: nothing;
 *   N5 (0.18°): 0.8 × 5,000 = 4,000: takes the last 400 room-hours (1,600 appts). */
static void
test_exit_allocates (void)
{
  g_autoptr(FpResults) res = run ("{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\"}", NULL);
  guint gp;

  g_assert_true (fp_estate_find_service (estate, "gp", &gp));
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "H1"), 1, gp), 12000 + 20000, 1e-3);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "F4"), 1, gp), 6400, 1e-3);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "G3"), 1, gp), 36000, 1e-3);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "N5"), 1, gp), 1600, 1e-3);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "G2"), 1, gp), 0, EPS);
  g_assert_cmpfloat_with_epsilon (res->unplaced[1 * res->n_services + gp], 0, 1e-6);
  /* 2025 untouched. */
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "G2"), 0, gp), 28000, EPS);
  /* H1 now brings both void rooms into use (3,000 + 5,000 = 8,000 on 10,000: 0.8 exactly). */
  g_assert_cmpfloat_with_epsilon (at (res, "H1", 2026)->void_rooms_used, 2, EPS);
  /* N5 is in use now, so no longer wholly void: its void is what its rooms leave, 0. */
  g_assert_cmpfloat_with_epsilon (at (res, "N5", 2026)->void_cost, 0, EPS);
}

/* When receivers run out of room, what is left is reported as unplaced, not dropped. */
static void
test_exit_unplaced (void)
{
  /* Leave G3 and G2 in the same year: 36,000 + 28,000 = 64,000 GP appointments look for
   * room. */
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G3\"}",
    "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\"}", NULL);
  double placed = 0, unplaced;
  guint gp;

  g_assert_true (fp_estate_find_service (estate, "gp", &gp));
  for (guint s = 0; s < res->n_sites; s++)
    placed += fp_results_activity (res, s, 1, gp);
  unplaced = res->unplaced[1 * res->n_services + gp];

  /* Conservation: 12,000 + 28,000 + 36,000 = 76,000 appointments in all. */
  g_assert_cmpfloat_with_epsilon (placed + unplaced, 76000, 1e-3);
  /* Room below target left for GP appointments after both exits: H1 8,000 − 3,000 =
   * 5,000 (capped by its overall 6,000), F4 1,600, N5 4,000: 10,600 room-hours = 42,400
   * appointments, for 64,000 leaving. 21,600 cannot be placed. */
  g_assert_cmpfloat_with_epsilon (unplaced, 64000 - 42400, 1e-2);
  /* No receiver was pushed past its target. */
  g_assert_cmpfloat (at (res, "N5", 2026)->utilisation_site, <=, 0.8 + 1e-9);
  g_assert_cmpfloat (at (res, "F4", 2026)->utilisation[FP_ROOM_CONSULT], <=, 0.8 + 1e-9);
}

static void
test_shift_setting (void)
{
  /* 25% of GP appointments out of primary care to H1 and N5, weights 3:1. G2 and G3 give
   * 7,000 and 9,000 appointments; of the 16,000, H1 gets 12,000 and N5 4,000. */
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"shift_setting\", \"year\": 2027, \"service\": \"gp\", \"from_setting\": "
    "\"primary_care\", \"share\": 0.25, \"to_sites\": [\"H1\", \"N5\"], \"weights\": [3, 1]}", NULL);
  guint gp;

  g_assert_true (fp_estate_find_service (estate, "gp", &gp));
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "G2"), 2, gp), 21000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "G3"), 2, gp), 27000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "H1"), 2, gp), 24000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "N5"), 2, gp), 4000, 1e-6);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "H1"), 1, gp), 12000, 1e-6);
}

static void
test_shift_allocated (void)
{
  /* No weights, no receivers: the allocator takes each practice's 25% to the nearest
   * non-primary-care sites with room; everything shifted is somewhere or not shifted. */
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"shift_setting\", \"year\": 2027, \"service\": \"gp\", \"from_setting\": "
    "\"primary_care\", \"share\": 0.25}", NULL);
  double total = 0;
  guint gp;

  g_assert_true (fp_estate_find_service (estate, "gp", &gp));
  for (guint s = 0; s < res->n_sites; s++)
    total += fp_results_activity (res, s, 2, gp);
  total += res->unplaced[2 * res->n_services + gp];
  g_assert_cmpfloat_with_epsilon (total, 76000, 1e-3);
  g_assert_cmpfloat_with_epsilon (fp_results_activity (res, site (res, "G2"), 2, gp) +
                                  fp_results_activity (res, site (res, "G3"), 2, gp),
                                  48000 + res->unshifted[2 * res->n_services + gp], 1e-3);
  g_assert_cmpfloat (fp_results_activity (res, site (res, "H1"), 2, gp), >, 12000);
}

static void
test_open_and_hours (void)
{
  /* A hub opens in 2027 with 6 consult rooms at 60 h: 6 × 60 × 50 = 18,000 room-hours;
   * half of G3's appointments go there (4,500 room-hours: 0.25). Capital £3m in 2027. */
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"open_site\", \"year\": 2027, \"id\": \"HUB\", \"name\": \"New Hub\", "
    "\"site_type\": \"hub\", \"lat\": 52.0, \"lon\": -1.81, \"gia_m2\": 900, \"rooms\": "
    "{\"consult\": 6}, \"beds\": 0, \"hours_open_per_week\": 60, \"capital_cost\": 3000000, "
    "\"running_cost\": 180000, \"tenure\": \"leasehold\"}",
    "{\"kind\": \"move_service\", \"year\": 2027, \"site\": \"G3\", \"service\": \"gp\", "
    "\"to_site\": \"HUB\", \"share\": 0.5}",
    "{\"kind\": \"change_hours\", \"year\": 2028, \"site\": \"G3\", \"hours_open_per_week\": 25}",
    NULL);
  const FpSiteYear *hub26 = at (res, "HUB", 2026);
  const FpSiteYear *hub27 = at (res, "HUB", 2027);

  g_assert_false (hub26->exists);
  g_assert_cmpfloat_with_epsilon (hub27->capacity[FP_ROOM_CONSULT], 18000, EPS);
  g_assert_cmpfloat_with_epsilon (hub27->utilisation_site, 0.25, EPS);
  g_assert_cmpfloat_with_epsilon (hub27->running_cost, 180000, EPS);
  g_assert_cmpfloat_with_epsilon (res->totals[2].capital_costs, 3000000, EPS);
  /* The new site costs money: in 2027 the scenario costs £180,000 more than Do nothing. */
  g_assert_cmpfloat_with_epsilon (res->totals[2].revenue_saving_vs_do_nothing, -180000, EPS);
  /* G3 at 25 h from 2028: 4 × 25 × 50 = 5,000 room-hours for 4,500: 0.9. */
  g_assert_cmpfloat_with_epsilon (at (res, "G3", 2028)->capacity[FP_ROOM_CONSULT], 5000, EPS);
  g_assert_cmpfloat_with_epsilon (at (res, "G3", 2028)->utilisation_site, 0.9, EPS);
  g_assert_cmpfloat_with_epsilon (at (res, "G3", 2027)->capacity[FP_ROOM_CONSULT], 10000, EPS);
}

static void
test_backfill (void)
{
  /* 100 m² of H1 let from 2026: its void falls from 100 to 0 m², and the letting's share
   * of the cost (100 ÷ 500 × £100,000) leaves the system: it bears £80,000. */
  g_autoptr(FpResults) res = run ("{\"kind\": \"backfill\", \"year\": 2026, \"site\": \"H1\", \"m2\": 100}", NULL);

  g_assert_cmpfloat_with_epsilon (at (res, "H1", 2026)->void_m2, 0, EPS);
  g_assert_cmpfloat_with_epsilon (at (res, "H1", 2026)->running_cost, 80000, EPS);
  g_assert_cmpfloat_with_epsilon (res->totals[1].revenue_saving_vs_do_nothing, 20000, EPS);
  g_assert_cmpfloat_with_epsilon (res->totals[1].void_cost_lift, 0, EPS);
}

static void
test_refusals (void)
{
  assert_refused ("{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"N5\", \"service\": "
                  "\"gp\", \"to_site\": \"H1\", \"share\": 0.5}", "Empty Health Centre has no GP appointments in 2026");
  assert_refused ("{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"XX\", \"service\": "
                  "\"gp\", \"to_site\": \"H1\", \"share\": 0.5}", "there is no site “XX”");
  assert_refused ("{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G2\", \"service\": "
                  "\"gp\", \"to_site\": \"H1\", \"volume\": 50000}", "has only 28,000");
  assert_refused ("{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G2\", \"service\": "
                  "\"yoga\", \"to_site\": \"H1\", \"share\": 0.5}", "no service “yoga”");
  assert_refused ("{\"kind\": \"exit_site\", \"year\": 2031, \"site\": \"G2\"}",
                  "outside the horizon 2025 to 2030");
  assert_refused ("{\"kind\": \"exit_site\", \"year\": 2024, \"site\": \"G2\"}",
                  "outside the horizon");
  assert_refused ("{\"kind\": \"dispose_site\", \"year\": 2026, \"site\": \"H1\", \"value\": 1, "
                  "\"disposal_costs\": 0}", "only a freehold");
  assert_refused ("{\"kind\": \"backfill\", \"year\": 2026, \"site\": \"G2\", \"m2\": 10}",
                  "backfill applies to LIFT");
  assert_refused ("{\"kind\": \"backfill\", \"year\": 2026, \"site\": \"H1\", \"m2\": 600}",
                  "only 500 m²");
  assert_refused ("{\"kind\": \"shift_setting\", \"year\": 2026, \"service\": \"beddays\", "
                  "\"from_setting\": \"acute\", \"share\": 0.5}", "no acute site has");
  assert_refused ("{\"kind\": \"shift_setting\", \"year\": 2026, \"service\": \"gp\", "
                  "\"from_setting\": \"primary_care\", \"share\": 0.5, \"to_sites\": [\"G2\"]}",
                  "itself a primary_care site");
  assert_refused ("{\"kind\": \"open_site\", \"year\": 2027, \"id\": \"G2\", \"name\": \"X\", "
                  "\"site_type\": \"hub\", \"lat\": 52.0, \"lon\": -1.81, \"gia_m2\": 900, "
                  "\"rooms\": {}, \"hours_open_per_week\": 60, \"capital_cost\": 0, "
                  "\"running_cost\": 0, \"tenure\": \"leasehold\"}", "already a site");

  /* A change after an exit that would send activity into the left site. */
  {
    g_autoptr(FpEngine) engine = fp_engine_new (model);
    g_autoptr(FpChange) exit = change ("{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"N5\"}");
    g_autoptr(FpChange) move = change ("{\"kind\": \"move_service\", \"year\": 2027, \"site\": "
                                       "\"G2\", \"service\": \"gp\", \"to_site\": \"N5\", \"share\": 0.1}");
    g_autoptr(GError) error = NULL;

    g_assert_true (fp_engine_apply (engine, exit, &error));
    g_assert_false (fp_engine_apply (engine, move, &error));
    g_assert_nonnull (strstr (error->message, "is left in 2026 by an earlier change"));
    g_assert_cmpuint (fp_engine_get_n_applied (engine), ==, 1);
  }
}

/* Reading changes: the exchange format refuses what does not fit a kind. */
static void
test_change_json (void)
{
  const struct { const char *json; const char *fragment; } bad[] = {
    { "{\"kind\": \"teleport\", \"year\": 2026}", "not a kind of change" },
    { "{\"kind\": \"exit_site\", \"site\": \"G2\"}", "“year” is missing" },
    { "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\", \"share\": 0.5}",
      "“share” is not a field of exit_site" },
    { "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G2\", \"service\": \"gp\", "
      "\"to_site\": \"H1\", \"share\": 1.5}", "outside 0 to 1" },
    { "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G2\", \"service\": \"gp\", "
      "\"to_site\": \"H1\"}", "either a “share”" },
    { "{\"kind\": \"shift_setting\", \"year\": 2026, \"service\": \"gp\", \"from_setting\": "
      "\"moon\", \"share\": 0.2}", "not a setting" },
    { "{\"kind\": \"shift_setting\", \"year\": 2026, \"service\": \"gp\", \"from_setting\": "
      "\"acute\", \"share\": 0.2, \"to_sites\": [\"A\", \"B\"], \"weights\": [1]}", "1 weights for 2" },
    { "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\", \"confidence\": 2}", "outside 0 to 1" },
    { "{\"kind\": \"open_site\", \"year\": 2026, \"name\": \"X\", \"site_type\": \"hub\", "
      "\"lat\": 52, \"lon\": -1.8, \"gia_m2\": 100, \"rooms\": {\"ballroom\": 1}, "
      "\"hours_open_per_week\": 50, \"capital_cost\": 1, \"running_cost\": 1, \"tenure\": \"lift\"}",
      "“ballroom” in “rooms”" },
    { "{\"kind\": \"reduce_length_of_stay\", \"year\": 2026, \"service\": \"beddays\", "
      "\"share\": 0}", "must be above 0" },
    { "{\"kind\": \"reduce_length_of_stay\", \"year\": 2026, \"service\": \"beddays\", "
      "\"share\": 1}", "outside 0 to 0.9" },
    { "{\"kind\": \"reduce_length_of_stay\", \"year\": 2026, \"service\": \"beddays\", "
      "\"share\": 0.1, \"sites\": []}", "“sites” is empty" },
    { "{\"kind\": \"reduce_length_of_stay\", \"year\": 2026, \"service\": \"beddays\", "
      "\"share\": 0.1, \"occupancy\": 0.9}", "“occupancy” is not a field of reduce_length_of_stay" },
    { "{\"kind\": \"change_occupancy\", \"year\": 2026, \"occupancy\": 0.3}", "outside 0.5 to 1" },
    { "{\"kind\": \"change_occupancy\", \"year\": 2026}", "“occupancy” is missing" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (bad[i].json, &error);
      g_autoptr(FpChange) c = NULL;

      g_assert_no_error (error);
      c = fp_change_from_json (json_node_get_object (node), "Change 7", &error);
      g_assert_null (c);
      g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_DATA);
      if (strstr (error->message, bad[i].fragment) == NULL || !g_str_has_prefix (error->message, "Change 7"))
        g_error ("case %u: expected “%s” in “%s”", i, bad[i].fragment, error->message);
    }
}

/* Every kind survives the exchange format and back, field for field. */
static void
test_scenario_json_round_trip (void)
{
  const char *file =
    "{\"name\": \"Round trip\", \"description\": \"All kinds\", \"changes\": ["
    "{\"kind\": \"move_service\", \"year\": 2026, \"owner\": \"Estates\", \"note\": \"a\", \"confidence\": 0.5, \"site\": \"G2\", \"service\": \"gp\", \"to_site\": \"H1\", \"share\": 0.25},"
    "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G3\", \"service\": \"gp\", \"to_site\": \"H1\", \"volume\": 1000},"
    "{\"kind\": \"shift_setting\", \"year\": 2027, \"service\": \"gp\", \"from_setting\": \"primary_care\", \"share\": 0.1, \"to_sites\": [\"N5\", \"F4\"], \"weights\": [2, 1]},"
    "{\"kind\": \"backfill\", \"year\": 2027, \"site\": \"H1\", \"m2\": 20},"
    "{\"kind\": \"open_site\", \"year\": 2027, \"id\": \"HUB\", \"name\": \"Hub\", \"site_type\": \"hub\", \"lat\": 52.0, \"lon\": -1.81, \"gia_m2\": 900, \"rooms\": {\"consult\": 6, \"group\": 1}, \"beds\": 0, \"desks\": 4, \"hours_open_per_week\": 60, \"capital_cost\": 3000000, \"running_cost\": 180000, \"tenure\": \"leasehold\", \"lease_end_year\": 2050},"
    "{\"kind\": \"change_hours\", \"year\": 2028, \"site\": \"G3\", \"hours_open_per_week\": 60},"
    "{\"kind\": \"change_growth\", \"year\": 2028, \"service\": \"nurse\", \"rate\": 0.02},"
    "{\"kind\": \"reduce_length_of_stay\", \"year\": 2027, \"service\": \"beddays\", \"share\": 0.2, \"sites\": [\"F4\"]},"
    "{\"kind\": \"change_occupancy\", \"year\": 2027, \"occupancy\": 0.85},"
    "{\"kind\": \"exit_site\", \"year\": 2029, \"site\": \"N5\", \"to_sites\": [\"HUB\"]},"
    "{\"kind\": \"dispose_site\", \"year\": 2029, \"site\": \"F4\", \"value\": 2000000, \"disposal_costs\": 50000, \"receipt_retained\": false}"
    "]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (file, strlen (file));
  g_autoptr(GError) error = NULL;
  g_autoptr(FpScenario) a = fp_scenario_from_json (bytes, &error);
  g_autofree char *text = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(FpScenario) b = NULL;
  g_autofree char *text2 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (a->changes->len, ==, 11);
  g_assert_true (fp_scenario_check_changes (model, NULL, a->changes, &error));
  g_assert_no_error (error);

  text = fp_scenario_to_json (a);
  again = g_bytes_new (text, strlen (text));
  b = fp_scenario_from_json (again, &error);
  g_assert_no_error (error);
  text2 = fp_scenario_to_json (b);
  g_assert_cmpstr (text, ==, text2);

  g_assert_cmpstr (b->description, ==, "All kinds");
  {
    const FpChange *c0 = g_ptr_array_index (b->changes, 0);
    const FpChange *c4 = g_ptr_array_index (b->changes, 4);
    const FpChange *c7 = g_ptr_array_index (b->changes, 7);
    const FpChange *c8 = g_ptr_array_index (b->changes, 8);
    const FpChange *c10 = g_ptr_array_index (b->changes, 10);

    g_assert_cmpstr (c0->owner, ==, "Estates");
    g_assert_cmpfloat (c0->confidence, ==, 0.5);
    g_assert_cmpfloat (c0->share, ==, 0.25);
    g_assert_cmpfloat (c4->rooms[FP_ROOM_GROUP], ==, 1);
    g_assert_cmpint (c4->lease_end_year, ==, 2050);
    g_assert_false (c10->receipt_retained);
    g_assert_cmpint (c7->kind, ==, FP_CHANGE_REDUCE_LENGTH_OF_STAY);
    g_assert_cmpfloat (c7->share, ==, 0.2);
    g_assert_cmpstr (c7->sites[0], ==, "F4");
    g_assert_null (c7->sites[1]);
    g_assert_cmpint (c8->kind, ==, FP_CHANGE_CHANGE_OCCUPANCY);
    g_assert_cmpfloat (c8->occupancy, ==, 0.85);
    g_assert_null (c8->sites);
  }

  /* Both compute to the same figures. */
  {
    g_autoptr(FpResults) ra = fp_compute_scenario (model, a->changes, NULL, &error);
    g_autoptr(FpResults) rb = fp_compute_scenario (model, b->changes, NULL, &error);

    g_assert_no_error (error);
    for (guint y = 0; y < ra->n_years; y++)
      g_assert_cmpfloat (ra->totals[y].running_cost, ==, rb->totals[y].running_cost);
  }
}

/* A user's override sets the category in every year the site is held, keeps what the
 * rules give, and says so; a year the site is not held keeps no category. */
static void
test_override (void)
{
  g_autoptr(FpResults) res = run ("{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"N5\"}", NULL);
  g_autoptr(GPtrArray) overrides = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_category_override_free);
  g_auto(GStrv) reasons = NULL;

  g_ptr_array_add (overrides, fp_category_override_new ("N5", NULL, FP_CATEGORY_CORE,
                                                        "Planned hub site", "Estates board"));
  g_ptr_array_add (overrides, fp_category_override_new ("NOWHERE", NULL, FP_CATEGORY_CORE,
                                                        "A site not in these results", "x"));
  fp_results_apply_overrides (res, overrides);

  /* 2025: empty but held, the rules say redundant; the override says core. */
  g_assert_cmpint (at (res, "N5", 2025)->category, ==, FP_CATEGORY_CORE);
  g_assert_cmpint (at (res, "N5", 2025)->computed_category, ==, FP_CATEGORY_REDUNDANT);
  g_assert_true (at (res, "N5", 2025)->reasons & FP_REASON_OVERRIDDEN);
  /* 2026: left, notice running: held, overridden. 2027: not held, no category. */
  g_assert_cmpint (at (res, "N5", 2026)->category, ==, FP_CATEGORY_CORE);
  g_assert_cmpint (at (res, "N5", 2027)->category, ==, FP_CATEGORY_NONE);
  g_assert_false (at (res, "N5", 2027)->reasons & FP_REASON_OVERRIDDEN);
  /* Other sites are untouched. */
  g_assert_cmpint (at (res, "G3", 2025)->category, ==, FP_CATEGORY_CORE);
  g_assert_false (at (res, "G3", 2025)->reasons & FP_REASON_OVERRIDDEN);

  reasons = fp_results_describe_reasons (res, model, site (res, "N5"), 0);
  g_assert_cmpstr (reasons[0], ==, "Set to Core by Estates board: Planned hub site (the rules give Redundant).");
}


/* A second copy of the hand-built estate, to change one fact about it. */
static FpEstate *
load_engine_estate (void)
{
  g_autoptr(GBytes) bytes = fp_test_read_data_file ("engine-estate.json");
  g_autoptr(GError) error = NULL;
  FpEstate *copy = fp_dataset_parse (bytes, &error);

  g_assert_no_error (error);
  return copy;
}

static FpSite *
estate_site (FpEstate   *e,
             const char *id)
{
  guint index;

  g_assert_true (fp_estate_find_site (e, id, &index));
  return (FpSite *) fp_estate_get_site (e, index);
}

static FpResults *
run_on (const FpModel *m,
        const char    *json,
        GError       **error)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);

  g_ptr_array_add (changes, change (json));
  return fp_compute_scenario (m, changes, NULL, error);
}

/* A site the data marks possibly closed is never a receiver. Leaving G2 sends its GP
 * appointments to H1, F4 and N5 (test_exit_allocates); with N5 marked possibly closed,
 * its 1,600 go elsewhere or are unplaced, and naming N5 is refused. */
static void
test_possibly_closed_receives_nothing (void)
{
  g_autoptr(FpEstate) e = load_engine_estate ();
  g_autoptr(FpModel) m = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(FpResults) named = NULL;
  g_autoptr(GError) error = NULL;
  guint gp, n5;
  double total = 0;

  estate_site (e, "N5")->status = FP_SITE_STATUS_POSSIBLY_CLOSED;
  m = fp_model_new (e, &error);
  g_assert_no_error (error);
  g_assert_true (fp_estate_find_service (e, "gp", &gp));

  res = run_on (m, "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\"}", &error);
  g_assert_no_error (error);
  g_assert_true (fp_results_find_site (res, "N5", &n5));
  for (guint y = 0; y < res->n_years; y++)
    g_assert_cmpfloat (fp_results_activity (res, n5, y, gp), ==, 0);
  /* Still conserved: 12,000 + 28,000 + 36,000 at sites or unplaced. */
  total = fp_results_activity_at_sites (res, 1, gp) + res->unplaced[1 * res->n_services + gp];
  g_assert_cmpfloat_with_epsilon (total, 76000, 1e-6);
  g_assert_cmpfloat (res->unplaced[1 * res->n_services + gp], >, 0);

  named = run_on (m, "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G2\", \"service\": "
                     "\"gp\", \"to_site\": \"N5\", \"share\": 0.5}", &error);
  g_assert_null (named);
  g_assert_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED);
  g_assert_nonnull (strstr (error->message, "possibly closed"));
}

/* A site is never sent activity in a year after an earlier-listed change leaves it, even
 * by the allocator of a change dated before that exit. */
static void
test_receiver_left_later (void)
{
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"exit_site\", \"year\": 2028, \"site\": \"N5\"}",
    "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\"}", NULL);
  guint gp, n5 = site (res, "N5");

  g_assert_true (fp_estate_find_service (estate, "gp", &gp));
  for (guint y = 0; y < res->n_years; y++)
    {
      if (!fp_results_get (res, n5, y)->active)
        g_assert_cmpfloat (fp_results_activity (res, n5, y, gp), ==, 0);
      g_assert_cmpfloat_with_epsilon (fp_results_activity_at_sites (res, y, gp) +
                                      res->unplaced[y * res->n_services + gp],
                                      res->do_nothing_activity[y * res->n_services + gp], 1e-6);
    }
}

/* Hosting: a move into a site whose type cannot host the service is refused, and says
 * where the service may go. Here F4 is made an office (no GP appointments, ever), N5 and
 * H1 "other" sites (GP appointments only where already offered: H1 has 12,000, N5 none);
 * community beds go to no GP practice, named or not. */
static void
test_hosting_refusals (void)
{
  g_autoptr(FpEstate) e = load_engine_estate ();
  g_autoptr(FpModel) m = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) res = NULL;
  struct { const char *json; const char *fragment; } refused[] = {
    { "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G2\", \"service\": \"gp\", "
      "\"to_site\": \"F4\", \"share\": 0.5}",
      "(Office) cannot host GP appointments; it may go to acute hospitals, community "
      "hospitals, health centres, GP practices, GP branch surgeries, urgent care centres, "
      "walk-in centres and hubs; or other sites that already offer it" },
    { "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G2\", \"service\": \"gp\", "
      "\"to_site\": \"N5\", \"share\": 0.5}",
      "Empty Health Centre (Other) does not offer GP appointments in 2026" },
    { "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"F4\", \"to_sites\": [\"G2\", \"G3\"]}",
      "none of the named sites can host its Inpatient bed days in 2026" },
    { "{\"kind\": \"shift_setting\", \"year\": 2026, \"service\": \"gp\", \"from_setting\": "
      "\"primary_care\", \"share\": 0.2, \"to_sites\": [\"F4\"]}", "cannot host GP appointments" },
  };

  estate_site (e, "F4")->type = FP_SITE_TYPE_OFFICE;
  estate_site (e, "N5")->type = FP_SITE_TYPE_OTHER;
  estate_site (e, "H1")->type = FP_SITE_TYPE_OTHER;
  m = fp_model_new (e, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(FpResults) r = run_on (m, refused[i].json, &error);

      g_assert_null (r);
      g_assert_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED);
      if (strstr (error->message, refused[i].fragment) == NULL)
        g_error ("case %u: expected “%s” in “%s”", i, refused[i].fragment, error->message);
      g_clear_error (&error);
    }

  /* H1 already offers GP appointments: it may take more. */
  res = run_on (m, "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G2\", \"service\": "
                   "\"gp\", \"to_site\": \"H1\", \"share\": 0.5}", &error);
  g_assert_no_error (error);
  g_assert_nonnull (res);

  /* The allocator never sends GP appointments to the office or to N5, which does not
   * offer them: leaving G2, only H1 (and G3, if it had room) may take them. */
  {
    g_autoptr(FpResults) left = run_on (m, "{\"kind\": \"exit_site\", \"year\": 2026, "
                                           "\"site\": \"G2\"}", &error);
    guint gp, f4, n5;

    g_assert_no_error (error);
    g_assert_true (fp_estate_find_service (e, "gp", &gp));
    g_assert_true (fp_results_find_site (left, "F4", &f4));
    g_assert_true (fp_results_find_site (left, "N5", &n5));
    g_assert_cmpfloat (fp_results_activity (left, f4, 1, gp), ==, 0);
    g_assert_cmpfloat (fp_results_activity (left, n5, 1, gp), ==, 0);
  }
}


/* The JSON object of one site in `compute` output. */
static JsonObject *
json_site (JsonNode   *root,
           const char *id)
{
  JsonArray *sites = json_object_get_array_member (json_node_get_object (root), "sites");

  for (guint i = 0; i < json_array_get_length (sites); i++)
    {
      JsonObject *o = json_array_get_object_element (sites, i);

      if (g_str_equal (json_object_get_string_member (o, "id"), id))
        return o;
    }
  g_assert_not_reached ();
  return NULL;
}

static gboolean
has_reason (GStrv       reasons,
            const char *text)
{
  for (guint i = 0; reasons[i] != NULL; i++)
    if (g_str_equal (reasons[i], text))
      return TRUE;
  return FALSE;
}

/* Every reason is a sentence: a capital first, a full stop last, nothing undefined. */
static void
assert_sentences (GStrv reasons)
{
  for (guint i = 0; reasons[i] != NULL; i++)
    {
      g_assert_true (g_unichar_isupper (g_utf8_get_char (reasons[i])));
      g_assert_true (g_str_has_suffix (reasons[i], "."));
      g_assert_null (strstr (reasons[i], "(null)"));
      g_assert_null (strstr (reasons[i], "nan"));
      g_assert_null (strstr (reasons[i], "inf"));
    }
}

/* One room type over capacity while the site as a whole is under its target. G2 gets
 * 0.4 of a treatment room (0.4 × 50 h × 50 weeks = 1,000 room-hours) and all of H1's
 * practice nurse appointments from 2026 (2,000 × 1.1 = 2,200 × 30 min = 1,100
 * room-hours): treatment at 110%, while the site is at (7,000 + 1,100) ÷ (10,000 +
 * 1,000) = 73.6%, under its 80% target. */
static void
test_room_type_over_capacity (void)
{
  g_autoptr(FpEstate) e = load_engine_estate ();
  g_autoptr(FpModel) m = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) reasons = NULL;
  const FpSiteYear *g2;
  JsonArray *over;
  guint s;

  estate_site (e, "G2")->numbers[FP_SITE_ROOMS_TREATMENT] = 0.4;
  m = fp_model_new (e, &error);
  g_assert_no_error (error);
  res = run_on (m, "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"H1\", \"service\": "
                   "\"nurse\", \"to_site\": \"G2\", \"share\": 1}", &error);
  g_assert_no_error (error);
  g_assert_true (fp_results_find_site (res, "G2", &s));
  g2 = fp_results_get (res, s, 1);

  g_assert_cmpfloat_with_epsilon (g2->utilisation[FP_ROOM_TREATMENT], 1.1, EPS);
  g_assert_cmpfloat_with_epsilon (g2->utilisation_site, 8100.0 / 11000.0, EPS);
  g_assert_cmpfloat (g2->utilisation_site, <, 0.8);
  g_assert_true (g2->over_capacity);
  g_assert_cmpuint (g2->over_capacity_rooms, ==, 1u << FP_ROOM_TREATMENT);
  g_assert_cmpuint (g2->no_capacity_rooms, ==, 0);
  g_assert_true (g2->over_target);
  g_assert_true (g2->reasons & FP_REASON_OVER_CAPACITY);

  reasons = fp_results_describe_reasons (res, m, s, 1);
  assert_sentences (reasons);
  g_assert_true (has_reason (reasons, "Treatment rooms are over capacity: demand is 110% of "
                                      "what they can take."));

  json = fp_export_compute_json (m, res, "t", 1);
  root = json_from_string (json, &error);
  g_assert_no_error (error);
  over = json_object_get_array_member (json_site (root, "G2"), "over_capacity_room_types");
  g_assert_cmpuint (json_array_get_length (over), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (over, 0), ==, "treatment");
  g_assert_true (json_object_get_boolean_member (json_site (root, "G2"), "over_capacity"));
}

/* Demand for a room type the site has none of: "no capacity for", never Core. G3 runs its
 * consulting rooms at 90% in condition A (Core); given H1's practice nurse appointments
 * (treatment rooms, of which it has none), it is no longer Core, and no reason reads
 * "(null)". */
static void
test_no_capacity_never_core (void)
{
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"H1\", \"service\": \"nurse\", "
    "\"to_site\": \"G3\", \"share\": 1}", NULL);
  const FpSiteYear *g3 = at (res, "G3", 2026);
  g_auto(GStrv) reasons = fp_results_describe_reasons (res, model, site (res, "G3"), 1);
  g_auto(GStrv) before = fp_results_describe_reasons (res, model, site (res, "G3"), 0);
  g_autofree char *csv = fp_export_compute_csv (model, res, "t", 1);

  g_assert_cmpint (at (res, "G3", 2025)->category, ==, FP_CATEGORY_CORE);
  g_assert_cmpuint (g3->no_capacity_rooms, ==, 1u << FP_ROOM_TREATMENT);
  /* The room-hours together: (9,000 + 1,100) ÷ 10,000 = 101%, well used... */
  g_assert_cmpfloat_with_epsilon (g3->utilisation_site, 1.01, EPS);
  /* ...but not Core. */
  g_assert_cmpint (g3->category, !=, FP_CATEGORY_CORE);
  g_assert_cmpint (g3->category, ==, FP_CATEGORY_NEAR_CORE);

  assert_sentences (reasons);
  assert_sentences (before);
  g_assert_true (has_reason (before, "Utilisation is 90%, at least 70%, and its condition is A."));
  g_assert_true (has_reason (before, "Consulting rooms are over their 80% target, at 90%."));
  g_assert_true (has_reason (reasons, "No capacity for Practice nurse: the site has no "
                                      "treatment rooms for its demand."));
  g_assert_true (has_reason (reasons, "It is not Core while some of its demand has no room."));

  /* The CSV says it per room type too. */
  g_assert_nonnull (strstr (csv, ",consult;treatment,treatment,treatment,nurse,"));
}

/* Capital receipts and backlog avoided, in the year and to date, per site and in total,
 * named plainly in the JSON; the old key `capital_receipts` (to date) is kept for one
 * release. F4 is sold in 2027 for £2,000,000 less £100,000 of costs. */
static void
test_capital_receipts_named (void)
{
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"dispose_site\", \"year\": 2027, \"site\": \"F4\", \"value\": 2000000, "
    "\"disposal_costs\": 100000, \"receipt_retained\": true}", NULL);
  struct { guint year; double in_year, to_date; } want[] = {
    { 1, 0, 0 }, { 2, 1900000, 1900000 }, { 4, 0, 1900000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autofree char *json = fp_export_compute_json (model, res, "t", want[i].year);
      g_autoptr(JsonNode) root = json_from_string (json, NULL);
      JsonObject *totals = json_object_get_object_member (json_node_get_object (root), "totals");
      const FpSiteYear *f4 = fp_results_get (res, site (res, "F4"), want[i].year);

      g_assert_cmpfloat (json_object_get_double_member (totals, "capital_receipts_in_year"), ==,
                         want[i].in_year);
      g_assert_cmpfloat (json_object_get_double_member (totals, "capital_receipts_to_date"), ==,
                         want[i].to_date);
      g_assert_cmpfloat (json_object_get_double_member (totals, "capital_receipts"), ==,
                         want[i].to_date);
      g_assert_cmpfloat (json_object_get_double_member (totals, "backlog_avoided_in_year"), ==,
                         want[i].year == 2 ? 150000 : 0);
      g_assert_cmpfloat (json_object_get_double_member (totals, "backlog_avoided_to_date"), ==,
                         want[i].year >= 2 ? 150000 : 0);
      g_assert_cmpfloat (f4->capital_receipts, ==, want[i].in_year);
      g_assert_cmpfloat (f4->capital_receipts_to_date, ==, want[i].to_date);
      g_assert_cmpfloat (res->totals[want[i].year].capital_receipts, ==, want[i].in_year);
      g_assert_cmpfloat (res->totals[want[i].year].capital_receipts_to_date, ==, want[i].to_date);
    }
}

/* No output is ever NaN or infinite where a number is promised. */
static void
test_finite (void)
{
  g_autoptr(FpResults) res = run (
    "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\"}",
    "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"H1\", \"service\": \"nurse\", \"to_site\": \"G3\", \"share\": 1}",
    NULL);

  for (guint y = 0; y < res->n_years; y++)
    {
      const FpYearTotals *t = &res->totals[y];

      g_assert_true (isfinite (t->running_cost) && isfinite (t->void_cost) &&
                     isfinite (t->revenue_saving_vs_do_nothing));
      for (guint s = 0; s < res->n_sites; s++)
        {
          const FpSiteYear *sy = fp_results_get (res, s, y);

          g_assert_true (isfinite (sy->running_cost) && isfinite (sy->void_cost) &&
                         isfinite (sy->void_m2) && isfinite (sy->demand_room_hours) &&
                         isfinite (sy->capacity_room_hours) && isfinite (sy->beds_required));
          g_assert_false (isinf (sy->utilisation_site));
          for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
            g_assert_false (isinf (sy->utilisation[rt]));
        }
    }
}

/* ---- Beds as the plans count them ------------------------------------------------ */

static void
add_assumption (FpEstate   *e,
                const char *key,
                double      value)
{
  FpAssumption a = { 0 };

  a.key = g_strdup (key);
  a.value = value;
  a.unit = g_strdup ("test");
  a.prov.kind = FP_PROV_ASSUMED;
  a.prov.author = g_strdup ("test");
  g_array_append_val (e->assumptions, a);
  fp_estate_reindex (e);
}

/* F4: 10 beds, 3,000 bed-days a year (no growth), target occupancy 0.9. Beds required
 * 3,000 ÷ (365 × 0.9) = 3,000 ÷ 328.5 = 9.1324; gap 9.1324 − 10 = −0.8676 (a surplus).
 * With a length of stay of 20 days the bed-days are 150 spells. Every other site has no
 * beds, so F4 is the whole of the totals and of the community setting's. */
static void
test_beds_required (void)
{
  g_autoptr(FpEstate) e = load_engine_estate ();
  g_autoptr(FpModel) m = NULL;
  g_autoptr(FpResults) plain = run (NULL);
  g_autoptr(FpResults) res = NULL;
  g_autoptr(GError) error = NULL;
  const FpSiteYear *f4;
  const FpBedTotals *t;

  /* Without a length of stay the bed-days stand alone: no spells. */
  f4 = at (plain, "F4", 2025);
  g_assert_cmpfloat_with_epsilon (f4->beds, 10, EPS);
  g_assert_cmpfloat_with_epsilon (f4->bed_days, 3000, EPS);
  g_assert_cmpfloat_with_epsilon (f4->target_bed_occupancy, 0.9, EPS);
  g_assert_cmpfloat_with_epsilon (f4->beds_required, 3000.0 / 328.5, EPS);
  g_assert_cmpfloat_with_epsilon (f4->bed_gap, 3000.0 / 328.5 - 10, EPS);
  g_assert_true (isnan (f4->spells));
  g_assert_true (isnan (f4->length_of_stay));
  g_assert_cmpfloat_with_epsilon (plain->totals[0].beds.bed_days_unknown_los, 3000, EPS);
  g_assert_cmpfloat_with_epsilon (plain->totals[0].beds.spells, 0, EPS);

  add_assumption (e, "length_of_stay.beddays", 20);
  m = fp_model_new (e, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (fp_model_get_length_of_stay (m, 2), 20, EPS);
  res = fp_compute_scenario (m, NULL, NULL, &error);
  g_assert_no_error (error);

  f4 = fp_results_get (res, site (res, "F4"), 0);
  g_assert_cmpfloat_with_epsilon (f4->spells, 150, EPS);
  g_assert_cmpfloat_with_epsilon (f4->length_of_stay, 20, EPS);
  g_assert_cmpfloat_with_epsilon (f4->bed_equivalents_released_los, 0, EPS);
  g_assert_cmpfloat_with_epsilon (f4->bed_equivalents_released_occupancy, 0, EPS);

  t = &res->totals[0].beds;
  g_assert_cmpfloat_with_epsilon (t->beds, 10, EPS);
  g_assert_cmpfloat_with_epsilon (t->bed_days, 3000, EPS);
  g_assert_cmpfloat_with_epsilon (t->spells, 150, EPS);
  g_assert_cmpfloat_with_epsilon (t->beds_required, 3000.0 / 328.5, EPS);
  g_assert_cmpfloat_with_epsilon (t->bed_gap, 3000.0 / 328.5 - 10, EPS);
  g_assert_cmpfloat_with_epsilon (res->totals[0].beds_by_setting[FP_SETTING_COMMUNITY].beds, 10,
                                  EPS);
  g_assert_cmpfloat_with_epsilon (res->totals[0].beds_by_setting[FP_SETTING_ACUTE].beds, 0, EPS);
  /* A site with no beds has no gap and no spells. */
  g_assert_cmpfloat_with_epsilon (at (res, "H1", 2025)->bed_gap, 0, EPS);
  g_assert_cmpfloat_with_epsilon (at (res, "H1", 2025)->spells, 0, EPS);
}

/* A cut of 25% in F4's stay from 2027: the same 150 spells stay 15 days instead of 20,
 * so 2,250 bed-days; beds required 2,250 ÷ 328.5 = 6.8493; the 750 bed-days cut free
 * 750 ÷ 328.5 = 2.2831 bed equivalents. 2026 is untouched. The 750 are reported as cut,
 * so F4's 2,250 + 750 cut = the 3,000 of Do nothing. */
static void
test_length_of_stay_cut (void)
{
  g_autoptr(FpEstate) e = load_engine_estate ();
  g_autoptr(FpModel) m = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(GError) error = NULL;
  const FpSiteYear *f4;
  guint beddays;

  add_assumption (e, "length_of_stay.beddays", 20);
  m = fp_model_new (e, &error);
  g_assert_no_error (error);
  g_assert_true (fp_estate_find_service (e, "beddays", &beddays));
  res = run_on (m, "{\"kind\": \"reduce_length_of_stay\", \"year\": 2027, \"service\": "
                   "\"beddays\", \"share\": 0.25, \"sites\": [\"F4\"]}", &error);
  g_assert_no_error (error);

  f4 = fp_results_get (res, site (res, "F4"), 1);
  g_assert_cmpfloat_with_epsilon (f4->bed_days, 3000, EPS);
  g_assert_cmpfloat_with_epsilon (res->los_reduced[1 * res->n_services + beddays], 0, EPS);

  f4 = fp_results_get (res, site (res, "F4"), 2);
  g_assert_cmpfloat_with_epsilon (f4->bed_days, 2250, EPS);
  g_assert_cmpfloat_with_epsilon (f4->bed_days_baseline_los, 3000, EPS);
  g_assert_cmpfloat_with_epsilon (f4->spells, 150, EPS);
  g_assert_cmpfloat_with_epsilon (f4->length_of_stay, 15, EPS);
  g_assert_cmpfloat_with_epsilon (f4->beds_required, 2250.0 / 328.5, EPS);
  g_assert_cmpfloat_with_epsilon (f4->bed_gap, 2250.0 / 328.5 - 10, EPS);
  g_assert_cmpfloat_with_epsilon (f4->bed_equivalents_released_los, 750.0 / 328.5, EPS);
  g_assert_cmpfloat_with_epsilon (f4->bed_equivalents_released_occupancy, 0, EPS);
  g_assert_cmpfloat_with_epsilon (res->los_reduced[2 * res->n_services + beddays], 750, EPS);
  g_assert_cmpfloat_with_epsilon (fp_results_activity_at_sites (res, 2, beddays)
                                  + res->los_reduced[2 * res->n_services + beddays],
                                  res->do_nothing_activity[2 * res->n_services + beddays], EPS);
  g_assert_cmpfloat_with_epsilon (res->totals[5].beds.bed_equivalents_released_los,
                                  750.0 / 328.5, EPS);

  /* Refused: a service not counted in bed-days, a site without the service, a site named
   * twice. */
  {
    const struct { const char *json, *fragment; } bad[] = {
      { "{\"kind\": \"reduce_length_of_stay\", \"year\": 2027, \"service\": \"gp\", "
        "\"share\": 0.1}", "not counted in bed-days" },
      { "{\"kind\": \"reduce_length_of_stay\", \"year\": 2027, \"service\": \"beddays\", "
        "\"share\": 0.1, \"sites\": [\"G2\"]}", "has no Inpatient bed days in 2027" },
      { "{\"kind\": \"change_occupancy\", \"year\": 2027, \"occupancy\": 0.8, "
        "\"sites\": [\"H1\"]}", "has no beds in 2027" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      assert_refused (bad[i].json, bad[i].fragment);
  }

  /* A site named twice is refused as the change is read, before the engine sees it. */
  {
    g_autoptr(JsonNode) node = json_from_string (
        "{\"kind\": \"reduce_length_of_stay\", \"year\": 2027, \"service\": \"beddays\", "
        "\"share\": 0.1, \"sites\": [\"F4\", \"F4\"]}", NULL);
    g_autoptr(FpChange) twice = fp_change_from_json (json_node_get_object (node), "test", &error);

    g_assert_null (twice);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "listed twice"));
  }
}

/* A target of 0.95 at F4 from 2026: beds required 3,000 ÷ (365 × 0.95) = 8.6518, so
 * 9.1324 − 8.6518 = 0.4806 bed equivalents released. A target of 0.8 asks for more beds
 * (3,000 ÷ 292 = 10.274, released −1.1416), and the beds, at 82.2% occupancy, are then
 * over their target. */
static void
test_occupancy_change (void)
{
  g_autoptr(FpResults) high = run ("{\"kind\": \"change_occupancy\", \"year\": 2026, "
                                   "\"occupancy\": 0.95, \"sites\": [\"F4\"]}", NULL);
  g_autoptr(FpResults) low = run ("{\"kind\": \"change_occupancy\", \"year\": 2026, "
                                  "\"occupancy\": 0.8}", NULL);
  const FpSiteYear *f4 = at (high, "F4", 2025);

  g_assert_cmpfloat_with_epsilon (f4->target_bed_occupancy, 0.9, EPS);
  g_assert_false (f4->over_target_rooms & (1u << FP_ROOM_BED));

  f4 = at (high, "F4", 2026);
  g_assert_cmpfloat_with_epsilon (f4->target_bed_occupancy, 0.95, EPS);
  g_assert_cmpfloat_with_epsilon (f4->beds_required, 3000.0 / (365 * 0.95), EPS);
  g_assert_cmpfloat_with_epsilon (f4->bed_equivalents_released_occupancy,
                                  3000.0 / 328.5 - 3000.0 / (365 * 0.95), EPS);
  g_assert_cmpfloat_with_epsilon (high->totals[1].beds.bed_equivalents_released_occupancy,
                                  3000.0 / 328.5 - 3000.0 / (365 * 0.95), EPS);

  f4 = at (low, "F4", 2027);
  g_assert_cmpfloat_with_epsilon (f4->beds_required, 3000.0 / 292.0, EPS);
  g_assert_cmpfloat_with_epsilon (f4->bed_equivalents_released_occupancy,
                                  3000.0 / 328.5 - 3000.0 / 292.0, EPS);
  g_assert_true (f4->over_target_rooms & (1u << FP_ROOM_BED));
  /* Activity does not change. */
  g_assert_cmpfloat_with_epsilon (f4->bed_days, 3000, EPS);
}

/* Growth by age: half of F4's bed-days are used by a group that does not grow and half
 * by one that grows 10% a year. F(y) = 0.5 + 0.5 × 1.1^y: 3,000 × 1.05 = 3,150 in 2026,
 * 3,000 × 1.105 = 3,315 in 2027; the growth into 2027 is 1.105 ÷ 1.05 − 1 = 5.238%. The
 * service's own rate (0) no longer applies; a change_growth still overrides it. Shares
 * that do not add up to 1 leave the service at its own rate. */
static void
test_growth_by_age (void)
{
  g_autoptr(FpEstate) e = load_engine_estate ();
  g_autoptr(FpEstate) bad = load_engine_estate ();
  g_autoptr(FpModel) m = NULL;
  g_autoptr(FpModel) mb = NULL;
  g_autoptr(FpResults) res = NULL;
  g_autoptr(FpResults) changed = NULL;
  g_autoptr(GError) error = NULL;
  guint beddays, gp;

  g_assert_true (fp_estate_find_service (e, "beddays", &beddays));
  g_assert_true (fp_estate_find_service (e, "gp", &gp));
  add_assumption (e, "population_growth.young", 0);
  add_assumption (e, "population_growth.old", 0.1);
  add_assumption (e, "bed_day_share.beddays.young", 0.5);
  add_assumption (e, "bed_day_share.beddays.old", 0.5);
  m = fp_model_new (e, &error);
  g_assert_no_error (error);
  g_assert_true (fp_model_growth_by_age (m, beddays));
  g_assert_false (fp_model_growth_by_age (m, gp));
  g_assert_cmpfloat_with_epsilon (fp_model_get_growth (m, beddays, 2), 1.105 / 1.05 - 1, 1e-12);

  res = fp_compute_scenario (m, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (fp_results_get (res, site (res, "F4"), 1)->bed_days, 3150, EPS);
  g_assert_cmpfloat_with_epsilon (fp_results_get (res, site (res, "F4"), 2)->bed_days, 3315, EPS);
  g_assert_cmpfloat_with_epsilon (res->do_nothing_activity[5 * res->n_services + beddays],
                                  3000 * (0.5 + 0.5 * pow (1.1, 5)), EPS);

  changed = run_on (m, "{\"kind\": \"change_growth\", \"year\": 2027, \"service\": "
                       "\"beddays\", \"rate\": 0}", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (fp_results_get (changed, site (changed, "F4"), 4)->bed_days,
                                  3150, EPS);

  add_assumption (bad, "population_growth.old", 0.1);
  add_assumption (bad, "bed_day_share.beddays.old", 0.5);
  mb = fp_model_new (bad, &error);
  g_assert_no_error (error);
  g_assert_false (fp_model_growth_by_age (mb, beddays));
  g_assert_cmpfloat (fp_model_get_growth (mb, beddays, 3), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  bytes = fp_test_read_data_file ("engine-estate.json");
  estate = fp_dataset_parse (bytes, &error);
  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fp/compute/baseline", test_baseline);
  g_test_add_func ("/fp/compute/growth", test_growth);
  g_test_add_func ("/fp/compute/void-rooms-into-use", test_void_rooms_into_use);
  g_test_add_func ("/fp/compute/over-capacity", test_over_capacity);
  g_test_add_func ("/fp/compute/no-capacity", test_no_capacity);
  g_test_add_func ("/fp/compute/tenure-table", test_tenure_table);
  g_test_add_func ("/fp/compute/exit-allocates", test_exit_allocates);
  g_test_add_func ("/fp/compute/exit-unplaced", test_exit_unplaced);
  g_test_add_func ("/fp/compute/shift-setting", test_shift_setting);
  g_test_add_func ("/fp/compute/shift-allocated", test_shift_allocated);
  g_test_add_func ("/fp/compute/open-and-hours", test_open_and_hours);
  g_test_add_func ("/fp/compute/backfill", test_backfill);
  g_test_add_func ("/fp/compute/refusals", test_refusals);
  g_test_add_func ("/fp/compute/change-json", test_change_json);
  g_test_add_func ("/fp/compute/scenario-json-round-trip", test_scenario_json_round_trip);
  g_test_add_func ("/fp/compute/override", test_override);
  g_test_add_func ("/fp/compute/finite", test_finite);
  g_test_add_func ("/fp/compute/possibly-closed-receives-nothing",
                   test_possibly_closed_receives_nothing);
  g_test_add_func ("/fp/compute/receiver-left-later", test_receiver_left_later);
  g_test_add_func ("/fp/compute/hosting-refusals", test_hosting_refusals);
  g_test_add_func ("/fp/compute/room-type-over-capacity", test_room_type_over_capacity);
  g_test_add_func ("/fp/compute/no-capacity-never-core", test_no_capacity_never_core);
  g_test_add_func ("/fp/compute/capital-receipts-named", test_capital_receipts_named);
  g_test_add_func ("/fp/compute/beds-required", test_beds_required);
  g_test_add_func ("/fp/compute/length-of-stay-cut", test_length_of_stay_cut);
  g_test_add_func ("/fp/compute/occupancy-change", test_occupancy_change);
  g_test_add_func ("/fp/compute/growth-by-age", test_growth_by_age);

  return g_test_run ();
}
