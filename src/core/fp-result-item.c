/* fp-result-item.c: a site's identity and its figures in one scenario and year.
 *
 * Labels are copied when the item is made; figures are copied from the results each time
 * the list is updated. Nothing is computed here: a figure is the engine's, or NAN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-result-item"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "fp-result-item.h"

struct _FpResultItem
{
  GObject       parent_instance;

  guint         index;
  char         *id;
  char         *name;
  char         *type_label;
  char         *tenure_label;
  char         *locality;
  char         *subtitle;
  char         *search_text;
  FpSiteType    site_type;
  FpTenure      tenure;
  gboolean      placed;
  gboolean      possibly_closed;
  gboolean      opened;          /* opened by the scenario */
  gboolean      independent;     /* independent sector: not NHS estate */

  /* figures of the year shown */
  double        utilisation;
  double        running_cost;
  double        cost_per_m2;
  double        void_cost;
  int           category;
  gboolean      held;
  gboolean      left;            /* exited by the scenario by this year */
};

G_DEFINE_FINAL_TYPE (FpResultItem, fp_result_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_INDEX,
  PROP_ID,
  PROP_NAME,
  PROP_TYPE_LABEL,
  PROP_TENURE_LABEL,
  PROP_LOCALITY,
  PROP_SUBTITLE,
  PROP_SEARCH_TEXT,
  PROP_SITE_TYPE,
  PROP_TENURE,
  PROP_PLACED,
  PROP_UNPLACED,
  PROP_POSSIBLY_CLOSED,
  PROP_OPENED,
  PROP_INDEPENDENT,
  PROP_UTILISATION,
  PROP_RUNNING_COST,
  PROP_COST_PER_M2,
  PROP_VOID_COST,
  PROP_CATEGORY,
  PROP_CATEGORY_LABEL,
  PROP_HELD,
  PROP_LEFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Besides name, type, tenure, locality and id, a search matches these. */
static const FpSiteText searched_texts[] = {
  FP_SITE_POSTCODE, FP_SITE_ADDRESS, FP_SITE_PCN, FP_SITE_ORGANISATION,
};

static void
fp_result_item_finalize (GObject *object)
{
  FpResultItem *self = FP_RESULT_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->type_label);
  g_free (self->tenure_label);
  g_free (self->locality);
  g_free (self->subtitle);
  g_free (self->search_text);

  G_OBJECT_CLASS (fp_result_item_parent_class)->finalize (object);
}

static void
fp_result_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FpResultItem *self = FP_RESULT_ITEM (object);

  switch (prop_id)
    {
    case PROP_INDEX:           g_value_set_uint (value, self->index); break;
    case PROP_ID:              g_value_set_string (value, self->id); break;
    case PROP_NAME:            g_value_set_string (value, self->name); break;
    case PROP_TYPE_LABEL:      g_value_set_string (value, self->type_label); break;
    case PROP_TENURE_LABEL:    g_value_set_string (value, self->tenure_label); break;
    case PROP_LOCALITY:        g_value_set_string (value, self->locality); break;
    case PROP_SUBTITLE:        g_value_set_string (value, self->subtitle); break;
    case PROP_SEARCH_TEXT:     g_value_set_string (value, self->search_text); break;
    case PROP_SITE_TYPE:       g_value_set_int (value, self->site_type); break;
    case PROP_TENURE:          g_value_set_int (value, self->tenure); break;
    case PROP_PLACED:          g_value_set_boolean (value, self->placed); break;
    case PROP_UNPLACED:        g_value_set_boolean (value, !self->placed); break;
    case PROP_POSSIBLY_CLOSED: g_value_set_boolean (value, self->possibly_closed); break;
    case PROP_OPENED:          g_value_set_boolean (value, self->opened); break;
    case PROP_INDEPENDENT:     g_value_set_boolean (value, self->independent); break;
    case PROP_UTILISATION:     g_value_set_double (value, self->utilisation); break;
    case PROP_RUNNING_COST:    g_value_set_double (value, self->running_cost); break;
    case PROP_COST_PER_M2:     g_value_set_double (value, self->cost_per_m2); break;
    case PROP_VOID_COST:       g_value_set_double (value, self->void_cost); break;
    case PROP_CATEGORY:        g_value_set_int (value, self->category); break;
    case PROP_CATEGORY_LABEL:
      g_value_set_string (value, self->category == FP_CATEGORY_NONE
                                   ? NULL : fp_category_to_label (self->category));
      break;
    case PROP_HELD:            g_value_set_boolean (value, self->held); break;
    case PROP_LEFT:            g_value_set_boolean (value, self->left); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_result_item_class_init (FpResultItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = fp_result_item_finalize;
  object_class->get_property = fp_result_item_get_property;

  properties[PROP_INDEX] = g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TYPE_LABEL] = g_param_spec_string ("type-label", NULL, NULL, NULL, flags);
  properties[PROP_TENURE_LABEL] = g_param_spec_string ("tenure-label", NULL, NULL, NULL, flags);
  properties[PROP_LOCALITY] = g_param_spec_string ("locality", NULL, NULL, NULL, flags);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  /* What a search box matches: name, type, tenure, locality, id, postcode, address, PCN
   * and organisation, one a line. */
  properties[PROP_SEARCH_TEXT] = g_param_spec_string ("search-text", NULL, NULL, NULL, flags);
  properties[PROP_SITE_TYPE] =
    g_param_spec_int ("site-type", NULL, NULL, 0, FP_N_SITE_TYPES - 1, 0, flags);
  properties[PROP_TENURE] = g_param_spec_int ("tenure", NULL, NULL, 0, FP_N_TENURES - 1, 0, flags);
  properties[PROP_PLACED] = g_param_spec_boolean ("placed", NULL, NULL, FALSE, flags);
  properties[PROP_UNPLACED] = g_param_spec_boolean ("unplaced", NULL, NULL, FALSE, flags);
  properties[PROP_POSSIBLY_CLOSED] =
    g_param_spec_boolean ("possibly-closed", NULL, NULL, FALSE, flags);
  properties[PROP_OPENED] = g_param_spec_boolean ("opened", NULL, NULL, FALSE, flags);
  properties[PROP_INDEPENDENT] = g_param_spec_boolean ("independent", NULL, NULL, FALSE, flags);
  /* Figures of the year shown, NAN when not defined. */
  properties[PROP_UTILISATION] =
    g_param_spec_double ("utilisation", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_RUNNING_COST] =
    g_param_spec_double ("running-cost", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_COST_PER_M2] =
    g_param_spec_double ("cost-per-m2", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_VOID_COST] =
    g_param_spec_double ("void-cost", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0, flags);
  properties[PROP_CATEGORY] =
    g_param_spec_int ("category", NULL, NULL, 0, FP_N_CATEGORIES - 1, 0, flags);
  properties[PROP_CATEGORY_LABEL] =
    g_param_spec_string ("category-label", NULL, NULL, NULL, flags);
  properties[PROP_HELD] = g_param_spec_boolean ("held", NULL, NULL, FALSE, flags);
  properties[PROP_LEFT] = g_param_spec_boolean ("left", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fp_result_item_init (FpResultItem *self)
{
  self->utilisation = self->running_cost = self->cost_per_m2 = self->void_cost = NAN;
}

static FpResultItem *
item_new (const FpEstate  *estate,
          const FpResults *results,
          guint            index)
{
  const FpResultSite *rs = &results->sites[index];
  const FpSite *site = index < estate->sites->len ? fp_estate_get_site (estate, index) : NULL;
  FpResultItem *self = g_object_new (FP_TYPE_RESULT_ITEM, NULL);
  GString *search;

  self->index = index;
  self->id = g_strdup (rs->id);
  self->name = g_strdup (rs->name != NULL ? rs->name : rs->id);
  self->site_type = rs->type;
  self->tenure = rs->tenure;
  self->placed = rs->placed;
  self->opened = site == NULL;
  self->independent = rs->sector != FP_SECTOR_NHS;
  self->possibly_closed = site != NULL && site->status == FP_SITE_STATUS_POSSIBLY_CLOSED;
  self->type_label = g_strdup (fp_site_type_to_label (rs->type));
  self->tenure_label = g_strdup (fp_tenure_to_label (rs->tenure));
  self->locality = site != NULL ? g_strdup (site->texts[FP_SITE_LOCALITY]) : NULL;
  /* Translators: a site's type and tenure, e.g. "GP practice · Leasehold" */
  self->subtitle = g_strdup_printf (_("%s · %s"), self->type_label, self->tenure_label);

  search = g_string_new (self->name);
  g_string_append_printf (search, "\n%s\n%s\n%s", self->type_label, self->tenure_label, rs->id);
  if (self->locality != NULL)
    g_string_append_printf (search, "\n%s", self->locality);
  for (guint i = 0; site != NULL && i < G_N_ELEMENTS (searched_texts); i++)
    if (site->texts[searched_texts[i]] != NULL)
      g_string_append_printf (search, "\n%s", site->texts[searched_texts[i]]);
  self->search_text = g_string_free (search, FALSE);

  return self;
}

static gboolean
same_double (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

#define SET_FIGURE(field, prop, value, same)                         \
  G_STMT_START {                                                     \
    if (!(same))                                                     \
      {                                                              \
        self->field = (value);                                       \
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]); \
      }                                                              \
  } G_STMT_END

static void
set_figures (FpResultItem    *self,
             const FpResults *results,
             guint            year)
{
  const FpSiteYear *sy = fp_results_get (results, self->index, year);
  const FpResultSite *rs = &results->sites[self->index];
  double utilisation = sy->capacity_room_hours > 0 ? sy->utilisation_site : NAN;
  gboolean left = rs->exit_year != 0 && (int) year + results->base_year >= rs->exit_year;

  g_object_freeze_notify (G_OBJECT (self));
  SET_FIGURE (utilisation, PROP_UTILISATION, utilisation,
              same_double (self->utilisation, utilisation));
  SET_FIGURE (running_cost, PROP_RUNNING_COST, sy->running_cost,
              same_double (self->running_cost, sy->running_cost));
  SET_FIGURE (cost_per_m2, PROP_COST_PER_M2, sy->cost_per_m2,
              same_double (self->cost_per_m2, sy->cost_per_m2));
  SET_FIGURE (void_cost, PROP_VOID_COST, sy->void_cost,
              same_double (self->void_cost, sy->void_cost));
  if (self->category != (int) sy->category)
    {
      self->category = sy->category;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY_LABEL]);
    }
  SET_FIGURE (held, PROP_HELD, sy->held, self->held == sy->held);
  SET_FIGURE (left, PROP_LEFT, left, self->left == left);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * fp_result_items_update:
 * @store: a list of #FpResultItem, empty or from an earlier update with the same estate
 * @estate: the estate
 * @results: the scenario shown
 * @year: the year shown, an index
 *
 * Makes @store hold one item for each site of @results, in order, with the figures of
 * @year: items of sites the scenario opens are added or removed at the end, and the rest
 * keep their identity, so a selection and a scroll position survive a change of scenario.
 */
void
fp_result_items_update (GListStore      *store,
                        const FpEstate  *estate,
                        const FpResults *results,
                        guint            year)
{
  guint n;

  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (estate != NULL && results != NULL);
  g_return_if_fail (year < results->n_years);

  n = g_list_model_get_n_items (G_LIST_MODEL (store));

  /* Sites opened by another scenario are not this one's, even at the same position. */
  for (guint i = estate->sites->len; i < MIN (n, results->n_sites); i++)
    {
      g_autoptr(FpResultItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      if (g_strcmp0 (item->id, results->sites[i].id) != 0)
        {
          g_list_store_splice (store, i, n - i, NULL, 0);
          n = i;
          break;
        }
    }

  if (n > results->n_sites)
    g_list_store_splice (store, results->n_sites, n - results->n_sites, NULL, 0);
  else if (n < results->n_sites)
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = n; i < results->n_sites; i++)
        g_ptr_array_add (items, item_new (estate, results, i));
      g_list_store_splice (store, n, 0, items->pdata, items->len);
    }

  for (guint i = 0; i < results->n_sites; i++)
    {
      g_autoptr(FpResultItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);

      set_figures (item, results, year);
    }
}

guint
fp_result_item_get_index (FpResultItem *self)
{
  g_return_val_if_fail (FP_IS_RESULT_ITEM (self), 0);
  return self->index;
}

const char *
fp_result_item_get_id (FpResultItem *self)
{
  g_return_val_if_fail (FP_IS_RESULT_ITEM (self), NULL);
  return self->id;
}

const char *
fp_result_item_get_name (FpResultItem *self)
{
  g_return_val_if_fail (FP_IS_RESULT_ITEM (self), NULL);
  return self->name;
}

const char *
fp_result_item_get_search_text (FpResultItem *self)
{
  g_return_val_if_fail (FP_IS_RESULT_ITEM (self), NULL);
  return self->search_text;
}

gboolean
fp_result_item_get_placed (FpResultItem *self)
{
  g_return_val_if_fail (FP_IS_RESULT_ITEM (self), FALSE);
  return self->placed;
}

gboolean
fp_result_item_get_held (FpResultItem *self)
{
  g_return_val_if_fail (FP_IS_RESULT_ITEM (self), FALSE);
  return self->held;
}

double
fp_result_item_get_utilisation (FpResultItem *self)
{
  g_return_val_if_fail (FP_IS_RESULT_ITEM (self), NAN);
  return self->utilisation;
}
