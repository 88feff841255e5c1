/* fp-estate.c: the in-memory estate, its vocabularies and a site's baseline figures.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-estate"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "fp-estate.h"

static const char * const site_type_names[FP_N_SITE_TYPES] = {
  "acute_hospital", "community_hospital", "mental_health_unit", "health_centre",
  "gp_practice", "gp_branch", "urgent_care_centre", "walk_in_centre", "hub", "office",
  "independent_hospital", "other",
};

static const char * const site_type_labels[FP_N_SITE_TYPES] = {
  N_("Acute hospital"), N_("Community hospital"), N_("Mental health unit"),
  N_("Health centre"), N_("GP practice"), N_("GP branch surgery"),
  N_("Urgent care centre"), N_("Walk-in centre"), N_("Hub"), N_("Office"),
  N_("Independent hospital"), N_("Other"),
};

static const char * const tenure_names[FP_N_TENURES] = {
  "freehold", "leasehold", "lift", "nhsps", "pfi", "local_authority", "unknown",
};

static const char * const tenure_labels[FP_N_TENURES] = {
  N_("Freehold"), N_("Leasehold"), N_("LIFT"), N_("NHS Property Services"), N_("PFI"),
  N_("Local authority"), N_("Unknown"),
};

static const char * const sector_names[FP_N_SECTORS] = { "nhs", "independent" };

static const char * const status_names[FP_N_SITE_STATUSES] = { "current", "possibly_closed" };

static const char * const room_type_names[FP_N_ROOM_TYPES] = {
  "consult", "treatment", "group", "imaging", "bed", "desk",
};

static const char * const setting_names[FP_N_SETTINGS] = {
  "primary_care", "community", "mental_health", "acute", "urgent_care", "office",
};

static const char * const org_kind_names[FP_N_ORG_KINDS] = {
  "nhs_trust", "gp_practice", "pcn", "icb", "independent", "lift_company", "nhsps",
  "local_authority", "other",
};

static const char * const prov_kind_names[FP_N_PROV_KINDS] = {
  "none", "measured", "estimated", "assumed",
};

static const FpSiteField site_fields[FP_SITE_N_NUMBERS] = {
  [FP_SITE_GIA_M2]              = { "gia_m2", "gia_m2", "m²", FP_FIELD_REAL },
  [FP_SITE_ROOMS_CONSULT]       = { "rooms_consult", "rooms.consult", "rooms", FP_FIELD_REAL },
  [FP_SITE_ROOMS_TREATMENT]     = { "rooms_treatment", "rooms.treatment", "rooms", FP_FIELD_REAL },
  [FP_SITE_ROOMS_GROUP]         = { "rooms_group", "rooms.group", "rooms", FP_FIELD_REAL },
  [FP_SITE_ROOMS_IMAGING]       = { "rooms_imaging", "rooms.imaging", "rooms", FP_FIELD_REAL },
  [FP_SITE_BEDS]                = { "beds", "beds", "beds", FP_FIELD_REAL },
  [FP_SITE_DESKS]               = { "desks", "desks", "desks", FP_FIELD_REAL },
  [FP_SITE_VOID_ROOMS]          = { "void_rooms", "void_rooms", "rooms", FP_FIELD_REAL },
  [FP_SITE_OTHER_VOID_M2]       = { "other_void_m2", "other_void_m2", "m²", FP_FIELD_REAL },
  [FP_SITE_HOURS_OPEN]          = { "hours_open_per_week", "hours_open_per_week", "hours/week", FP_FIELD_REAL },
  [FP_SITE_COST_RENT]           = { "cost_rent", "costs.rent", "GBP/year", FP_FIELD_REAL },
  [FP_SITE_COST_SERVICE_CHARGE] = { "cost_service_charge", "costs.service_charge", "GBP/year", FP_FIELD_REAL },
  [FP_SITE_COST_RATES]          = { "cost_rates", "costs.rates", "GBP/year", FP_FIELD_REAL },
  [FP_SITE_COST_UTILITIES]      = { "cost_utilities", "costs.utilities", "GBP/year", FP_FIELD_REAL },
  [FP_SITE_COST_HARD_FM]        = { "cost_hard_fm", "costs.hard_fm", "GBP/year", FP_FIELD_REAL },
  [FP_SITE_COST_SOFT_FM]        = { "cost_soft_fm", "costs.soft_fm", "GBP/year", FP_FIELD_REAL },
  [FP_SITE_COST_OTHER]          = { "cost_other", "costs.other", "GBP/year", FP_FIELD_REAL },
  [FP_SITE_BACKLOG_HIGH]        = { "backlog_high", "backlog.high", "GBP", FP_FIELD_REAL },
  [FP_SITE_BACKLOG_SIGNIFICANT] = { "backlog_significant", "backlog.significant", "GBP", FP_FIELD_REAL },
  [FP_SITE_BACKLOG_MODERATE]    = { "backlog_moderate", "backlog.moderate", "GBP", FP_FIELD_REAL },
  [FP_SITE_BACKLOG_LOW]         = { "backlog_low", "backlog.low", "GBP", FP_FIELD_REAL },
  [FP_SITE_LIST_SIZE]           = { "list_size", "list_size", "patients", FP_FIELD_REAL },
  [FP_SITE_OPENED_YEAR]         = { "opened_year", "opened_year", "year", FP_FIELD_INTEGER },
  [FP_SITE_LEASE_END_YEAR]      = { "lease_end_year", "lease_end_year", "year", FP_FIELD_INTEGER },
};

static const char * const site_text_columns[FP_SITE_N_TEXTS] = {
  "postcode", "address", "la_code", "ward_code", "locality", "pcn", "organisation_id",
};

static const char * const slot_names[FP_SITE_N_SLOTS - FP_SITE_N_NUMBERS] = {
  "site_type", "tenure", "location", "condition",
};

static const char * const zone_prov_names[FP_ZONE_N_PROV] = {
  "population", "centroid", "imd_decile", "imd_rank",
};

static const char * const age_band_names[FP_N_AGE_BANDS] = {
  "0_15", "16_24", "25_34", "35_49", "50_64", "65_plus",
};

/**
 * fp_vocabulary_lookup:
 * @names: the stored names of a vocabulary, in the order of its enum
 * @n_names: how many
 * @str: (nullable): a name
 * @out: (out): its index
 *
 * Returns: %FALSE if @str is not in the vocabulary
 */
gboolean
fp_vocabulary_lookup (const char * const *names,
                      guint               n_names,
                      const char         *str,
                      guint              *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (names[i], str) == 0)
        {
          *out = i;
          return TRUE;
        }
    }

  return FALSE;
}

#define DEFINE_VOCABULARY(prefix, Type, names, n)                        \
  const char *                                                            \
  prefix##_to_string (Type value)                                         \
  {                                                                       \
    g_return_val_if_fail ((guint) value < (n), NULL);                     \
    return names[value];                                                  \
  }                                                                       \
                                                                          \
  gboolean                                                                \
  prefix##_from_string (const char *str,                                  \
                        Type       *out)                                  \
  {                                                                       \
    guint i;                                                              \
    if (!fp_vocabulary_lookup (names, (n), str, &i))                               \
      return FALSE;                                                       \
    *out = (Type) i;                                                      \
    return TRUE;                                                          \
  }

DEFINE_VOCABULARY (fp_site_type, FpSiteType, site_type_names, FP_N_SITE_TYPES)
DEFINE_VOCABULARY (fp_tenure, FpTenure, tenure_names, FP_N_TENURES)
DEFINE_VOCABULARY (fp_sector, FpSector, sector_names, FP_N_SECTORS)
DEFINE_VOCABULARY (fp_site_status, FpSiteStatus, status_names, FP_N_SITE_STATUSES)
DEFINE_VOCABULARY (fp_room_type, FpRoomType, room_type_names, FP_N_ROOM_TYPES)
DEFINE_VOCABULARY (fp_setting, FpSetting, setting_names, FP_N_SETTINGS)
DEFINE_VOCABULARY (fp_org_kind, FpOrgKind, org_kind_names, FP_N_ORG_KINDS)
DEFINE_VOCABULARY (fp_prov_kind, FpProvKind, prov_kind_names, FP_N_PROV_KINDS)

const char *
fp_site_type_to_label (FpSiteType type)
{
  g_return_val_if_fail ((guint) type < FP_N_SITE_TYPES, NULL);
  return _(site_type_labels[type]);
}

const char *
fp_tenure_to_label (FpTenure tenure)
{
  g_return_val_if_fail ((guint) tenure < FP_N_TENURES, NULL);
  return _(tenure_labels[tenure]);
}

const FpSiteField *
fp_site_field (FpSiteNumber number)
{
  g_return_val_if_fail ((guint) number < FP_SITE_N_NUMBERS, NULL);
  return &site_fields[number];
}

const char *
fp_site_text_column (FpSiteText text)
{
  g_return_val_if_fail ((guint) text < FP_SITE_N_TEXTS, NULL);
  return site_text_columns[text];
}

/**
 * fp_site_slot_name:
 * @slot: an #FpSiteNumber or #FpSiteSlot
 *
 * Returns: the field name under which the slot's provenance is stored and exported
 */
const char *
fp_site_slot_name (guint slot)
{
  g_return_val_if_fail (slot < FP_SITE_N_SLOTS, NULL);

  if (slot < FP_SITE_N_NUMBERS)
    return site_fields[slot].column;

  return slot_names[slot - FP_SITE_N_NUMBERS];
}

const char *
fp_zone_prov_name (FpZoneProv field)
{
  g_return_val_if_fail ((guint) field < FP_ZONE_N_PROV, NULL);
  return zone_prov_names[field];
}

const char *
fp_age_band_name (guint band)
{
  g_return_val_if_fail (band < FP_N_AGE_BANDS, NULL);
  return age_band_names[band];
}

void
fp_provenance_clear (FpProvenance *prov)
{
  g_clear_pointer (&prov->source_id, g_free);
  g_clear_pointer (&prov->method_id, g_free);
  g_clear_pointer (&prov->author, g_free);
  g_clear_pointer (&prov->recorded_at, g_free);
  g_clear_pointer (&prov->note, g_free);
  prov->kind = FP_PROV_NONE;
  prov->year = 0;
}

void
fp_provenance_copy (FpProvenance       *dest,
                    const FpProvenance *src)
{
  fp_provenance_clear (dest);
  dest->kind = src->kind;
  dest->year = src->year;
  dest->source_id = g_strdup (src->source_id);
  dest->method_id = g_strdup (src->method_id);
  dest->author = g_strdup (src->author);
  dest->recorded_at = g_strdup (src->recorded_at);
  dest->note = g_strdup (src->note);
}

static void
clear_site (gpointer data)
{
  FpSite *site = data;

  g_free (site->id);
  g_free (site->name);
  for (guint i = 0; i < FP_SITE_N_TEXTS; i++)
    g_free (site->texts[i]);
  for (guint i = 0; i < FP_SITE_N_SLOTS; i++)
    fp_provenance_clear (&site->prov[i]);
}

static void
clear_interest (gpointer data)
{
  FpInterest *interest = data;

  g_free (interest->landlord);
  g_free (interest->occupier);
  g_free (interest->note);
  fp_provenance_clear (&interest->prov);
}

static void
clear_source_row (gpointer data)
{
  FpSourceRow *row = data;

  g_free (row->source_id);
  g_free (row->code);
  g_free (row->name);
  g_free (row->postcode);
  g_free (row->rule);
}

static void
clear_organisation (gpointer data)
{
  FpOrganisation *org = data;

  g_free (org->id);
  g_free (org->name);
  g_free (org->parent_id);
}

static void
clear_service (gpointer data)
{
  FpService *service = data;

  g_free (service->id);
  g_free (service->name);
  g_free (service->unit);
  fp_provenance_clear (&service->prov_minutes);
  fp_provenance_clear (&service->prov_growth);
}

static void
clear_activity (gpointer data)
{
  fp_provenance_clear (&((FpActivity *) data)->prov);
}

static void
clear_zone (gpointer data)
{
  FpZone *zone = data;

  g_free (zone->code);
  g_free (zone->name);
  g_free (zone->la_code);
  g_free (zone->ward_code);
  g_free (zone->lsoa11);
}

static void
clear_assumption (gpointer data)
{
  FpAssumption *assumption = data;

  g_free (assumption->key);
  g_free (assumption->unit);
  g_free (assumption->description);
  fp_provenance_clear (&assumption->prov);
}

static void
clear_source (gpointer data)
{
  FpSource *source = data;

  g_free (source->id);
  g_free (source->title);
  g_free (source->publisher);
  g_free (source->licence);
  g_free (source->attribution);
  g_free (source->file);
}

static void
clear_method (gpointer data)
{
  FpMethod *method = data;

  g_free (method->id);
  g_free (method->description);
}

static GArray *
new_array (gsize          element_size,
           GDestroyNotify clear_func)
{
  GArray *array = g_array_new (FALSE, TRUE, element_size);

  g_array_set_clear_func (array, clear_func);
  return array;
}

/**
 * fp_estate_new:
 *
 * Returns: (transfer full): an empty estate
 */
FpEstate *
fp_estate_new (void)
{
  FpEstate *estate = g_new0 (FpEstate, 1);

  estate->sites = new_array (sizeof (FpSite), clear_site);
  estate->interests = new_array (sizeof (FpInterest), clear_interest);
  estate->source_rows = new_array (sizeof (FpSourceRow), clear_source_row);
  estate->organisations = new_array (sizeof (FpOrganisation), clear_organisation);
  estate->services = new_array (sizeof (FpService), clear_service);
  estate->activity = new_array (sizeof (FpActivity), clear_activity);
  estate->zones = new_array (sizeof (FpZone), clear_zone);
  estate->assumptions = new_array (sizeof (FpAssumption), clear_assumption);
  estate->sources = new_array (sizeof (FpSource), clear_source);
  estate->methods = new_array (sizeof (FpMethod), clear_method);
  estate->site_index = g_hash_table_new (g_str_hash, g_str_equal);
  estate->service_index = g_hash_table_new (g_str_hash, g_str_equal);
  estate->assumption_index = g_hash_table_new (g_str_hash, g_str_equal);

  return estate;
}

void
fp_estate_free (FpEstate *estate)
{
  if (estate == NULL)
    return;

  g_free (estate->name);
  g_free (estate->gap_note);
  g_free (estate->price_base);
  g_free (estate->price_index);
  g_array_unref (estate->sites);
  g_array_unref (estate->interests);
  g_array_unref (estate->source_rows);
  g_array_unref (estate->organisations);
  g_array_unref (estate->services);
  g_array_unref (estate->activity);
  g_array_unref (estate->zones);
  g_array_unref (estate->assumptions);
  g_array_unref (estate->sources);
  g_array_unref (estate->methods);
  for (guint i = 0; i < FP_ZONE_N_PROV; i++)
    fp_provenance_clear (&estate->zone_prov[i]);
  g_hash_table_unref (estate->site_index);
  g_hash_table_unref (estate->service_index);
  g_hash_table_unref (estate->assumption_index);
  g_free (estate);
}

/**
 * fp_estate_reindex:
 * @estate: an estate
 *
 * Rebuilds the lookups by id after sites, services or assumptions were appended. The
 * tables borrow the ids from the arrays, so call this after any append.
 */
void
fp_estate_reindex (FpEstate *estate)
{
  g_hash_table_remove_all (estate->site_index);
  g_hash_table_remove_all (estate->service_index);
  g_hash_table_remove_all (estate->assumption_index);

  for (guint i = 0; i < estate->sites->len; i++)
    g_hash_table_insert (estate->site_index,
                         g_array_index (estate->sites, FpSite, i).id,
                         GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < estate->services->len; i++)
    g_hash_table_insert (estate->service_index,
                         g_array_index (estate->services, FpService, i).id,
                         GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < estate->assumptions->len; i++)
    g_hash_table_insert (estate->assumption_index,
                         g_array_index (estate->assumptions, FpAssumption, i).key,
                         GUINT_TO_POINTER (i + 1));
}

const FpSite *
fp_estate_get_site (const FpEstate *estate,
                    guint           index)
{
  g_return_val_if_fail (index < estate->sites->len, NULL);
  return &g_array_index (estate->sites, FpSite, index);
}

static gboolean
find_in (GHashTable *table,
         const char *id,
         guint      *index)
{
  gpointer value;

  if (id == NULL)
    return FALSE;

  value = g_hash_table_lookup (table, id);
  if (value == NULL)
    return FALSE;

  if (index != NULL)
    *index = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

gboolean
fp_estate_find_site (const FpEstate *estate,
                     const char     *id,
                     guint          *index)
{
  return find_in (estate->site_index, id, index);
}

gboolean
fp_estate_find_service (const FpEstate *estate,
                        const char     *id,
                        guint          *index)
{
  return find_in (estate->service_index, id, index);
}

const FpAssumption *
fp_estate_find_assumption (const FpEstate *estate,
                           const char     *key)
{
  guint index;

  if (!find_in (estate->assumption_index, key, &index))
    return NULL;

  return &g_array_index (estate->assumptions, FpAssumption, index);
}

/**
 * fp_estate_get_assumption:
 * @estate: an estate
 * @key: an assumption key such as `m2_per_room`
 * @fallback: the value when the document does not hold the key
 *
 * Returns: the document's value of the assumption
 */
double
fp_estate_get_assumption (const FpEstate *estate,
                          const char     *key,
                          double          fallback)
{
  const FpAssumption *assumption = fp_estate_find_assumption (estate, key);

  return assumption != NULL ? assumption->value : fallback;
}

int
fp_estate_get_population (const FpEstate *estate)
{
  int total = 0;

  for (guint i = 0; i < estate->zones->len; i++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, i);

      for (guint b = 0; b < FP_N_AGE_BANDS; b++)
        total += zone->population[b];
    }

  return total;
}

static double
known (double value)
{
  return isnan (value) ? 0.0 : value;
}

/**
 * fp_site_has_costs:
 * @site: a site
 *
 * Returns: whether any running-cost component of the site is known
 */
gboolean
fp_site_has_costs (const FpSite *site)
{
  for (guint i = FP_SITE_FIRST_COST; i <= FP_SITE_LAST_COST; i++)
    if (!isnan (site->numbers[i]))
      return TRUE;

  return FALSE;
}

/**
 * fp_site_running_cost:
 * @site: a site
 *
 * The running cost R (GBP a year): rent + service charge + rates + utilities + hard FM +
 * soft FM + other, unknown components counting as nothing. Independent-sector sites carry
 * no NHS running cost.
 *
 * Returns: the running cost, GBP a year
 */
double
fp_site_running_cost (const FpSite *site)
{
  double total = 0.0;

  if (site->sector != FP_SECTOR_NHS)
    return 0.0;

  for (guint i = FP_SITE_FIRST_COST; i <= FP_SITE_LAST_COST; i++)
    total += known (site->numbers[i]);

  return total;
}

/**
 * fp_site_void_m2:
 * @site: a site
 * @m2_per_room: GIA per clinical room, m²
 *
 * `void_m2 = void_rooms × m2_per_room + other_void_m2`, capped at the site's GIA when
 * the GIA is known (a site cannot be more than wholly void).
 *
 * Returns: the baseline void floor area, m²
 */
double
fp_site_void_m2 (const FpSite *site,
                 double        m2_per_room)
{
  double void_m2 = known (site->numbers[FP_SITE_VOID_ROOMS]) * m2_per_room
                   + known (site->numbers[FP_SITE_OTHER_VOID_M2]);
  double gia = site->numbers[FP_SITE_GIA_M2];

  if (!isnan (gia) && void_m2 > gia)
    void_m2 = gia;

  return void_m2;
}

/**
 * fp_site_void_cost:
 * @site: a site
 * @m2_per_room: GIA per clinical room, m²
 *
 * `void cost = void_m2 × R ÷ GIA`. A site with no known GIA has no computable void cost
 * and gets 0.
 *
 * Returns: the baseline void cost, GBP a year
 */
double
fp_site_void_cost (const FpSite *site,
                   double        m2_per_room)
{
  double gia = site->numbers[FP_SITE_GIA_M2];

  if (isnan (gia) || gia <= 0.0)
    return 0.0;

  return fp_site_void_m2 (site, m2_per_room) * fp_site_running_cost (site) / gia;
}

/**
 * fp_site_combined_provenance:
 * @site: a site
 * @first: the first #FpSiteNumber
 * @last: the last #FpSiteNumber
 * @kind: the kind so far (FP_PROV_NONE to start)
 *
 * The provenance of a figure built from a site's known numbers first..last, by
 * fp_prov_kind_combine().
 *
 * Returns: the combined kind
 */
FpProvKind
fp_site_combined_provenance (const FpSite *site,
                             guint         first,
                             guint         last,
                             FpProvKind    kind)
{
  for (guint n = first; n <= last && n < FP_SITE_N_NUMBERS; n++)
    if (!isnan (site->numbers[n]))
      kind = fp_prov_kind_combine (kind, site->prov[n].kind);

  return kind;
}

/**
 * fp_prov_kind_combine:
 * @a: the kind of a figure so far (FP_PROV_NONE to start)
 * @b: the kind of one more value that enters it
 *
 * The rule for a figure built from several values: estimated if any value is estimated,
 * else assumed if any is assumed, else measured. A value with no provenance changes
 * nothing (validation reports it).
 *
 * Returns: the combined kind
 */
FpProvKind
fp_prov_kind_combine (FpProvKind a,
                      FpProvKind b)
{
  if (a == FP_PROV_ESTIMATED || b == FP_PROV_ESTIMATED)
    return FP_PROV_ESTIMATED;
  if (a == FP_PROV_ASSUMED || b == FP_PROV_ASSUMED)
    return FP_PROV_ASSUMED;
  if (a == FP_PROV_MEASURED || b == FP_PROV_MEASURED)
    return FP_PROV_MEASURED;
  return FP_PROV_NONE;
}

/**
 * fp_site_cost_provenance:
 * @site: a site
 *
 * Returns: where the site's running cost came from, over its known components
 */
FpProvKind
fp_site_cost_provenance (const FpSite *site)
{
  return fp_site_combined_provenance (site, FP_SITE_FIRST_COST, FP_SITE_LAST_COST, FP_PROV_NONE);
}

/**
 * fp_site_void_provenance:
 * @site: a site
 *
 * Returns: where the site's void cost came from: its void rooms and area, GIA and costs
 */
FpProvKind
fp_site_void_provenance (const FpSite *site)
{
  FpProvKind kind;

  kind = fp_site_combined_provenance (site, FP_SITE_VOID_ROOMS, FP_SITE_OTHER_VOID_M2, FP_PROV_NONE);
  kind = fp_site_combined_provenance (site, FP_SITE_GIA_M2, FP_SITE_GIA_M2, kind);
  return fp_site_combined_provenance (site, FP_SITE_FIRST_COST, FP_SITE_LAST_COST, kind);
}

/**
 * fp_estate_price_label:
 * @estate: an estate
 *
 * What prices the estate's costs are in, for every face that shows a cost.
 *
 * Returns: (transfer full) (nullable): e.g. "at 2025/26 prices (HM Treasury GDP deflator,
 *   March 2026)", or %NULL when the dataset does not say
 */
char *
fp_estate_price_label (const FpEstate *estate)
{
  g_return_val_if_fail (estate != NULL, NULL);

  if (estate->price_base == NULL)
    return NULL;
  if (estate->price_index != NULL)
    /* Translators: e.g. "at 2025/26 prices (HM Treasury GDP deflator, March 2026)" */
    return g_strdup_printf (_("at %s prices (%s)"), estate->price_base, estate->price_index);
  /* Translators: e.g. "at 2025/26 prices" */
  return g_strdup_printf (_("at %s prices"), estate->price_base);
}
