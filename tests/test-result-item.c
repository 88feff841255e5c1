/* test-result-item.c: the list of a scenario's sites the window binds to.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <json-glib/json-glib.h>

#include "fp-result-item.h"
#include "fp-test-util.h"

static FpEstate *estate;
static FpModel *model;

static FpResults *
compute (const char *json)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(GError) error = NULL;
  FpResults *res;

  if (json != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (json, &error);

      g_assert_no_error (error);
      g_ptr_array_add (changes, fp_change_from_json (json_node_get_object (node), "test", &error));
      g_assert_no_error (error);
    }
  res = fp_compute_scenario (model, changes, NULL, &error);
  g_assert_no_error (error);
  return res;
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static gboolean
has (GPtrArray  *names,
     const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
test_update (void)
{
  g_autoptr(GListStore) store = g_list_store_new (FP_TYPE_RESULT_ITEM);
  g_autoptr(FpResults) dn = compute (NULL);
  g_autoptr(FpResults) opened = compute (
    "{\"kind\": \"open_site\", \"year\": 2027, \"id\": \"HUB1\", \"name\": \"New hub\", "
    "\"site_type\": \"hub\", \"lat\": 52.0, \"lon\": -1.85, \"gia_m2\": 800, "
    "\"rooms\": {\"consult\": 6}, \"hours_open_per_week\": 60, \"running_cost\": 90000, "
    "\"capital_cost\": 2000000, \"tenure\": \"freehold\"}");
  g_autoptr(FpResults) exited = compute ("{\"kind\": \"exit_site\", \"year\": 2026, \"site\": \"G2\"}");
  g_autoptr(FpResultItem) g2 = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint g2_index;

  fp_result_items_update (store, estate, dn, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, estate->sites->len);

  for (guint i = 0; i < dn->n_sites; i++)
    {
      g_autoptr(FpResultItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      const FpSiteYear *sy = fp_results_get (dn, i, 1);
      double u, cost, void_cost, per_m2;
      int category;
      gboolean held;

      g_assert_cmpuint (fp_result_item_get_index (item), ==, i);
      g_assert_cmpstr (fp_result_item_get_id (item), ==, fp_estate_get_site (estate, i)->id);
      g_object_get (item, "utilisation", &u, "running-cost", &cost, "void-cost", &void_cost,
                    "cost-per-m2", &per_m2, "category", &category, "held", &held, NULL);
      if (sy->capacity_room_hours > 0)
        g_assert_cmpfloat (u, ==, sy->utilisation_site);
      else
        g_assert_true (isnan (u));
      g_assert_cmpfloat (cost, ==, sy->running_cost);
      g_assert_cmpfloat (void_cost, ==, sy->void_cost);
      g_assert_cmpfloat (per_m2, ==, sy->cost_per_m2);
      g_assert_cmpint (category, ==, sy->category);
      g_assert_true (held == sy->held);
      g_assert_true (fp_search_matches (fp_result_item_get_search_text (item),
                                        fp_estate_get_site (estate, i)->id));
    }

  /* A scenario that opens a site: it is added at the end, and the others keep their
   * objects (a list's selection survives). */
  g_assert_true (fp_estate_find_site (estate, "G2", &g2_index));
  g2 = g_list_model_get_item (G_LIST_MODEL (store), g2_index);
  fp_result_items_update (store, estate, opened, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, estate->sites->len + 1);
  {
    g_autoptr(FpResultItem) hub = g_list_model_get_item (G_LIST_MODEL (store), estate->sites->len);
    g_autoptr(FpResultItem) same = g_list_model_get_item (G_LIST_MODEL (store), g2_index);
    gboolean is_new;

    g_assert_cmpstr (fp_result_item_get_id (hub), ==, "HUB1");
    g_assert_cmpstr (fp_result_item_get_name (hub), ==, "New hub");
    g_object_get (hub, "opened", &is_new, NULL);
    g_assert_true (is_new);
    g_assert_true (fp_result_item_get_held (hub));
    g_assert_true (same == g2);
  }

  /* Leaving G2: its figures change, and only what changed is announced. */
  g_signal_connect (g2, "notify", G_CALLBACK (on_notify_cb), names);
  fp_result_items_update (store, estate, exited, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, estate->sites->len);
  g_assert_true (has (names, "left"));
  g_assert_true (has (names, "utilisation"));
  g_assert_false (has (names, "name"));
  {
    gboolean left;

    g_object_get (g2, "left", &left, NULL);
    g_assert_true (left);
  }

  /* The same results again announce nothing. */
  g_ptr_array_set_size (names, 0);
  fp_result_items_update (store, estate, exited, 3);
  g_assert_cmpuint (names->len, ==, 0);
  g_signal_handlers_disconnect_by_func (g2, on_notify_cb, names);
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

  g_test_add_func ("/fp/result-item/update", test_update);

  return g_test_run ();
}
