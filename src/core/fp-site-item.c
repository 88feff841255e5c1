/* fp-site-item.c: a site's identity and labels, for list rows, filters and sorters.
 *
 * The item copies what a row shows when it is made; the numbers stay in the estate and
 * are read by index when a site is shown in full.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-site-item.h"

struct _FpSiteItem
{
  GObject       parent_instance;

  guint         index;
  char         *name;
  char         *type_label;
  char         *tenure_label;
  char         *subtitle;
  char         *search_text;
  FpSiteType    site_type;
  FpTenure      tenure;
  gboolean      placed;
  gboolean      possibly_closed;
};

G_DEFINE_FINAL_TYPE (FpSiteItem, fp_site_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_INDEX,
  PROP_NAME,
  PROP_TYPE_LABEL,
  PROP_TENURE_LABEL,
  PROP_SUBTITLE,
  PROP_SEARCH_TEXT,
  PROP_SITE_TYPE,
  PROP_TENURE,
  PROP_PLACED,
  PROP_UNPLACED,
  PROP_POSSIBLY_CLOSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Besides name, type, tenure and id, a search matches these. */
static const FpSiteText searched_texts[] = {
  FP_SITE_POSTCODE, FP_SITE_LOCALITY, FP_SITE_PCN, FP_SITE_ORGANISATION,
};

static void
fp_site_item_finalize (GObject *object)
{
  FpSiteItem *self = FP_SITE_ITEM (object);

  g_free (self->name);
  g_free (self->type_label);
  g_free (self->tenure_label);
  g_free (self->subtitle);
  g_free (self->search_text);

  G_OBJECT_CLASS (fp_site_item_parent_class)->finalize (object);
}

static void
fp_site_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FpSiteItem *self = FP_SITE_ITEM (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TYPE_LABEL:
      g_value_set_string (value, self->type_label);
      break;
    case PROP_TENURE_LABEL:
      g_value_set_string (value, self->tenure_label);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    case PROP_SITE_TYPE:
      g_value_set_int (value, self->site_type);
      break;
    case PROP_TENURE:
      g_value_set_int (value, self->tenure);
      break;
    case PROP_PLACED:
      g_value_set_boolean (value, self->placed);
      break;
    case PROP_UNPLACED:
      g_value_set_boolean (value, !self->placed);
      break;
    case PROP_POSSIBLY_CLOSED:
      g_value_set_boolean (value, self->possibly_closed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_site_item_class_init (FpSiteItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = fp_site_item_finalize;
  object_class->get_property = fp_site_item_get_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_TYPE_LABEL] =
    g_param_spec_string ("type-label", NULL, NULL, NULL, flags);
  properties[PROP_TENURE_LABEL] =
    g_param_spec_string ("tenure-label", NULL, NULL, NULL, flags);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL, flags);
  /* Name, type, tenure, postcode, locality and organisation: what a search box matches. */
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL, flags);
  properties[PROP_SITE_TYPE] =
    g_param_spec_int ("site-type", NULL, NULL, 0, FP_N_SITE_TYPES - 1, 0, flags);
  properties[PROP_TENURE] =
    g_param_spec_int ("tenure", NULL, NULL, 0, FP_N_TENURES - 1, 0, flags);
  properties[PROP_PLACED] =
    g_param_spec_boolean ("placed", NULL, NULL, FALSE, flags);
  properties[PROP_UNPLACED] =
    g_param_spec_boolean ("unplaced", NULL, NULL, FALSE, flags);
  properties[PROP_POSSIBLY_CLOSED] =
    g_param_spec_boolean ("possibly-closed", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fp_site_item_init (FpSiteItem *self)
{
}

/**
 * fp_site_item_new:
 * @estate: the estate
 * @index: a site of @estate
 *
 * Returns: (transfer full): the item for that site
 */
FpSiteItem *
fp_site_item_new (const FpEstate *estate,
                  guint           index)
{
  const FpSite *site;
  FpSiteItem *self;
  GString *search;

  g_return_val_if_fail (estate != NULL, NULL);
  g_return_val_if_fail (index < estate->sites->len, NULL);

  site = fp_estate_get_site (estate, index);
  self = g_object_new (FP_TYPE_SITE_ITEM, NULL);
  self->index = index;
  self->name = g_strdup (site->name != NULL ? site->name : site->id);
  self->site_type = site->type;
  self->tenure = site->tenure;
  self->placed = site->placed;
  self->possibly_closed = site->status == FP_SITE_STATUS_POSSIBLY_CLOSED;
  self->type_label = g_strdup (fp_site_type_to_label (site->type));
  self->tenure_label = g_strdup (fp_tenure_to_label (site->tenure));
  /* Translators: a site's type and tenure, e.g. "GP practice · Leasehold" */
  self->subtitle = g_strdup_printf (_("%s · %s"), self->type_label, self->tenure_label);

  search = g_string_new (self->name);
  g_string_append_printf (search, "\n%s\n%s\n%s", self->type_label, self->tenure_label,
                          site->id);
  for (guint i = 0; i < G_N_ELEMENTS (searched_texts); i++)
    if (site->texts[searched_texts[i]] != NULL)
      g_string_append_printf (search, "\n%s", site->texts[searched_texts[i]]);
  self->search_text = g_string_free (search, FALSE);

  return self;
}

guint
fp_site_item_get_index (FpSiteItem *self)
{
  g_return_val_if_fail (FP_IS_SITE_ITEM (self), 0);
  return self->index;
}

const char *
fp_site_item_get_name (FpSiteItem *self)
{
  g_return_val_if_fail (FP_IS_SITE_ITEM (self), NULL);
  return self->name;
}

const char *
fp_site_item_get_subtitle (FpSiteItem *self)
{
  g_return_val_if_fail (FP_IS_SITE_ITEM (self), NULL);
  return self->subtitle;
}

FpSiteType
fp_site_item_get_site_type (FpSiteItem *self)
{
  g_return_val_if_fail (FP_IS_SITE_ITEM (self), FP_SITE_TYPE_OTHER);
  return self->site_type;
}

FpTenure
fp_site_item_get_tenure (FpSiteItem *self)
{
  g_return_val_if_fail (FP_IS_SITE_ITEM (self), FP_TENURE_UNKNOWN);
  return self->tenure;
}

gboolean
fp_site_item_get_placed (FpSiteItem *self)
{
  g_return_val_if_fail (FP_IS_SITE_ITEM (self), FALSE);
  return self->placed;
}

gboolean
fp_site_item_get_possibly_closed (FpSiteItem *self)
{
  g_return_val_if_fail (FP_IS_SITE_ITEM (self), FALSE);
  return self->possibly_closed;
}
