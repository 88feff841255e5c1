/* test-flows.c: the map's arrows, worked out on the engine estate of test-compute.c.
 *
 * GP appointments are 15 minutes, so 4 appointments are a room-hour. Exiting G2 in 2026
 * sends its 28,000 appointments to H1 (20,000), F4 (6,400) and N5 (1,600) (test-compute.c's
 * exit-allocates case shows the working).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "fp-flows.h"
#include "fp-test-util.h"

static FpEstate *estate;
static FpModel *model;

static GPtrArray *
changes_of (const char *first,
            ...)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  va_list ap;

  va_start (ap, first);
  for (const char *json = first; json != NULL; json = va_arg (ap, const char *))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (json, &error);

      g_assert_no_error (error);
      g_ptr_array_add (changes, fp_change_from_json (json_node_get_object (node), "test", &error));
      g_assert_no_error (error);
    }
  va_end (ap);
  return changes;
}

static guint
site (const char *id)
{
  guint index;

  g_assert_true (fp_estate_find_site (estate, id, &index));
  return index;
}

static const FpActivityFlow *
find_flow (GArray *flows,
           guint   from,
           guint   to)
{
  for (guint i = 0; i < flows->len; i++)
    {
      const FpActivityFlow *flow = &g_array_index (flows, FpActivityFlow, i);

      if (flow->from == from && flow->to == to)
        return flow;
    }
  return NULL;
}

static void
test_move (void)
{
  g_autoptr(GPtrArray) changes = changes_of (
    "{\"kind\": \"move_service\", \"year\": 2026, \"site\": \"G2\", \"to_site\": \"H1\", "
    "\"service\": \"gp\", \"share\": 0.5}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = fp_flows_compute (model, changes, 0, &error);
  g_autoptr(GArray) after = NULL;
  const FpActivityFlow *flow;

  /* Nothing moves before the change's first year. */
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 0);

  after = fp_flows_compute (model, changes, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);
  flow = find_flow (after, site ("G2"), site ("H1"));
  g_assert_nonnull (flow);
  g_assert_cmpuint (flow->change, ==, 0);
  /* Half of 28,000 appointments, a quarter of an hour each. */
  g_assert_cmpfloat_with_epsilon (flow->room_hours, 14000 / 4.0, 1e-6);
  g_assert_cmpfloat (flow->bed_days, ==, 0);
}

static void
test_exit (void)
{
  g_autoptr(GPtrArray) changes = changes_of (
    "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) flows = fp_flows_compute (model, changes, 1, &error);
  double total = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (flows->len, ==, 3);
  g_assert_cmpfloat_with_epsilon (find_flow (flows, site ("G2"), site ("H1"))->room_hours,
                                  20000 / 4.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (find_flow (flows, site ("G2"), site ("F4"))->room_hours,
                                  6400 / 4.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (find_flow (flows, site ("G2"), site ("N5"))->room_hours,
                                  1600 / 4.0, 1e-3);
  for (guint i = 0; i < flows->len; i++)
    total += g_array_index (flows, FpActivityFlow, i).room_hours;
  g_assert_cmpfloat_with_epsilon (total, 28000 / 4.0, 1e-3);
}

/* When receivers run out of room, the arrows carry what was placed, not what left: the
 * two exits of test-compute.c's exit-unplaced case leave 21,600 appointments unplaced.
 * Leaving G3 first can send some of its activity to G2, which then leaves too: that is two
 * flows, one for each change. */
static void
test_unplaced_is_not_a_flow (void)
{
  g_autoptr(GPtrArray) changes = changes_of (
    "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G3\"}",
    "{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\"}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) flows = fp_flows_compute (model, changes, 1, &error);
  g_autoptr(FpResults) res = fp_compute_scenario (model, changes, NULL, &error);
  double into_receivers = 0, first_change = 0;
  guint gp;

  g_assert_no_error (error);
  g_assert_true (fp_estate_find_service (estate, "gp", &gp));
  for (guint i = 0; i < flows->len; i++)
    {
      const FpActivityFlow *flow = &g_array_index (flows, FpActivityFlow, i);

      g_assert_cmpuint (flow->from, !=, flow->to);
      g_assert_cmpuint (flow->from, ==, flow->change == 0 ? site ("G3") : site ("G2"));
      if (flow->change == 0)
        first_change += flow->room_hours;
      if (flow->to != site ("G2"))
        into_receivers += flow->room_hours;
      else
        g_assert_cmpuint (flow->change, ==, 0);
    }
  /* The receivers have room for 42,400 appointments of the 64,000 that leave (G2's room
   * for 4,000 more goes when G2 itself leaves), so all 36,000 of G3's are placed at once. */
  g_assert_cmpfloat_with_epsilon (first_change, 36000 / 4.0, 1e-2);
  g_assert_cmpfloat_with_epsilon (into_receivers,
                                  (64000 - res->unplaced[1 * res->n_services + gp]) / 4.0, 1e-2);
  g_assert_cmpfloat_with_epsilon (into_receivers, 42400 / 4.0, 1e-2);
}

/* A change that moves nothing (hours) draws no arrow; growth is not a flow. */
static void
test_no_flows (void)
{
  g_autoptr(GPtrArray) changes = changes_of (
    "{\"kind\": \"change_hours\", \"year\": 2026, \"site\": \"G2\", \"hours_open_per_week\": 60}",
    "{\"kind\": \"change_growth\", \"year\": 2026, \"service\": \"gp\", \"rate\": 0.05}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) flows = fp_flows_compute (model, changes, 3, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (flows->len, ==, 0);

  {
    g_autoptr(GArray) none = fp_flows_compute (model, NULL, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (none->len, ==, 0);
  }
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

  g_test_add_func ("/fp/flows/move", test_move);
  g_test_add_func ("/fp/flows/exit", test_exit);
  g_test_add_func ("/fp/flows/unplaced-is-not-a-flow", test_unplaced_is_not_a_flow);
  g_test_add_func ("/fp/flows/no-flows", test_no_flows);

  return g_test_run ();
}
