/* fp-access.c: distance from each zone to the nearest site offering a service, and the
 * population-weighted measures of access built on it (docs/model.md, Access).
 *
 * Distances are great-circle × circuity; car and walking times divide by the assumed
 * speeds. All three are estimates and the exports say so. The nearest site is found with
 * a KD-tree over the set's own sites (FpSiteIndex), not a scan of every site for every
 * zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-access"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "fp-access.h"
#include "fp-change.h"
#include "fp-geo.h"
#include "fp-site-index.h"

/* ---- Metrics ----------------------------------------------------------------------- */

static const char * const unit_names[] = { "km", "car_minutes", "walk_minutes" };

const char *
fp_threshold_unit_to_string (FpThresholdUnit unit)
{
  return unit_names[unit];
}

static double
car_kmh (const FpModel *model)
{
  double kmh = fp_model_get_assumption (model, "car_kmh");

  return isnan (kmh) || kmh <= 0 ? 24.0 : kmh;
}

static double
walk_kmh (const FpModel *model)
{
  double kmh = fp_model_get_assumption (model, "walk_kmh");

  return isnan (kmh) || kmh <= 0 ? 4.8 : kmh;
}

double
fp_access_km_to_car_minutes (const FpModel *model,
                             double         km)
{
  return km / car_kmh (model) * 60.0;
}

double
fp_access_km_to_walk_minutes (const FpModel *model,
                              double         km)
{
  return km / walk_kmh (model) * 60.0;
}

static double
circuity (const FpModel *model)
{
  double c = fp_model_get_assumption (model, "circuity");

  return isnan (c) || c < 1 ? 1.3 : c;
}

#define TWO_MILES_KM 3.218688

/* The threshold of a set: the document's assumption `access_threshold_km.<id>` or
 * `access_threshold_car_min.<id>` if it has one, else the defaults of docs/model.md: GP
 * and primary care 2 miles, urgent care 20 minutes by car, everything else 30 minutes by
 * car. */
static void
threshold_for (const FpModel   *model,
               const char      *id,
               gboolean         primary_care,
               gboolean         urgent,
               double          *value,
               FpThresholdUnit *unit)
{
  g_autofree char *km_key = g_strconcat ("access_threshold_km.", id, NULL);
  g_autofree char *car_key = g_strconcat ("access_threshold_car_min.", id, NULL);
  double km = fp_model_get_assumption (model, km_key);
  double car = fp_model_get_assumption (model, car_key);

  if (!isnan (km))
    {
      *value = km;
      *unit = FP_THRESHOLD_KM;
    }
  else if (!isnan (car))
    {
      *value = car;
      *unit = FP_THRESHOLD_CAR_MINUTES;
    }
  else if (primary_care)
    {
      *value = TWO_MILES_KM;
      *unit = FP_THRESHOLD_KM;
    }
  else
    {
      *value = urgent ? 20 : 30;
      *unit = FP_THRESHOLD_CAR_MINUTES;
    }
}

static void
set_free (gpointer data)
{
  FpAccessSet *set = data;

  g_free (set->id);
  g_free (set->name);
  g_free (set->nearest);
  g_free (set->km);
  g_free (set);
}

/* Fills a set's per-zone distances and measures from the sites in it. */
static void
measure (const FpModel   *model,
         const FpResults *res,
         FpAccessSet     *set,
         const gboolean  *member,
         const double    *zone_xyz)  /* [zone][3], fp_site_index_point() */
{
  const FpEstate *estate = fp_model_get_estate (model);
  guint nz = estate->zones->len;
  g_autofree double *lat = g_new (double, MAX (res->n_sites, 1));
  g_autofree double *lon = g_new (double, MAX (res->n_sites, 1));
  g_autofree guint *ids = g_new (guint, MAX (res->n_sites, 1));
  g_autoptr(FpSiteIndex) index = NULL;
  double c = circuity (model);
  /* Looked up once a set, not once a zone: an England-size estate has 33,000 zones. */
  double speed = set->threshold_unit == FP_THRESHOLD_CAR_MINUTES ? car_kmh (model)
                 : set->threshold_unit == FP_THRESHOLD_WALK_MINUTES ? walk_kmh (model) : NAN;
  double sum_km = 0, pop = 0, pop_dep = 0, pop_old = 0, in = 0, in_dep = 0, in_old = 0;
  guint n = 0;

  for (guint s = 0; s < res->n_sites; s++)
    if (member[s] && res->sites[s].placed)
      {
        lat[n] = res->sites[s].lat;
        lon[n] = res->sites[s].lon;
        ids[n] = s;
        n++;
      }

  set->n_sites = n;
  set->nearest = g_new (guint, MAX (nz, 1));
  set->km = g_new (double, MAX (nz, 1));
  index = fp_site_index_new (lat, lon, ids, n);

  for (guint z = 0; z < nz; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
      double people = 0, km = NAN;
      guint site = G_MAXUINT;
      gboolean within = FALSE;

      for (guint b = 0; b < FP_N_AGE_BANDS; b++)
        people += zone->population[b];

      if (fp_site_index_nearest_point (index, &zone_xyz[(gsize) z * 3], zone->lat, zone->lon,
                                       &site, &km))
        {
          double value;

          km *= c;
          /* As fp_access_km_to_car_minutes() and _walk_minutes() compute it. */
          value = set->threshold_unit == FP_THRESHOLD_KM ? km : km / speed * 60.0;
          within = value <= set->threshold + 1e-9;
          sum_km += people * km;
        }

      set->nearest[z] = site;
      set->km[z] = km;

      pop += people;
      pop_old += zone->population[FP_N_AGE_BANDS - 1];
      if (zone->imd_decile >= 1 && zone->imd_decile <= 2)
        pop_dep += people;
      if (within)
        {
          in += people;
          in_old += zone->population[FP_N_AGE_BANDS - 1];
          if (zone->imd_decile >= 1 && zone->imd_decile <= 2)
            in_dep += people;
        }
    }

  set->population = pop;
  set->population_deprived = pop_dep;
  set->population_65plus = pop_old;

  if (n == 0 || pop <= 0)
    {
      set->mean_km = set->mean_car_min = set->mean_walk_min = NAN;
      set->share_within = set->share_within_deprived = set->share_within_65plus = NAN;
      set->gap_deprived = NAN;
      return;
    }

  set->mean_km = sum_km / pop;
  set->mean_car_min = fp_access_km_to_car_minutes (model, set->mean_km);
  set->mean_walk_min = fp_access_km_to_walk_minutes (model, set->mean_km);
  set->share_within = in / pop;
  set->share_within_deprived = pop_dep > 0 ? in_dep / pop_dep : NAN;
  set->share_within_65plus = pop_old > 0 ? in_old / pop_old : NAN;
  set->gap_deprived = isnan (set->share_within_deprived) ? NAN
                                                          : set->share_within - set->share_within_deprived;
}

static FpAccessSet *
new_set (FpFacilityKind kind,
         const char    *id,
         const char    *name)
{
  FpAccessSet *set = g_new0 (FpAccessSet, 1);

  set->kind = kind;
  set->id = g_strdup (id);
  set->name = g_strdup (name);
  return set;
}

/**
 * fp_access_compute:
 * @model: the model
 * @results: the results of a scenario
 * @year: a year index
 *
 * Access for every service (the NHS sites with activity of it that year), every site type
 * (NHS sites of the type in use that year) and the group "urgent care or walk-in centre"
 * (sites of those two types and every site offering the urgent_care service).
 *
 * Returns: (transfer full): the measures, and each zone's nearest site and distance
 */
FpAccess *
fp_access_compute (const FpModel   *model,
                   const FpResults *res,
                   guint            year)
{
  const FpEstate *estate = fp_model_get_estate (model);
  FpAccess *access = g_new0 (FpAccess, 1);
  g_autofree gboolean *member = g_new0 (gboolean, MAX (res->n_sites, 1));
  g_autofree gboolean *in_use = g_new0 (gboolean, MAX (res->n_sites, 1));
  g_autofree guint8 *offers = g_new0 (guint8, MAX ((gsize) res->n_sites * res->n_services, 1));
  g_autofree double *zone_xyz = g_new (double, (gsize) MAX (estate->zones->len, 1) * 3);

  /* Which NHS sites are in use and what they offer, site by site (the activity is stored
   * so): read once, not once a set. */
  for (guint s = 0; s < res->n_sites; s++)
    {
      in_use[s] = res->sites[s].sector == FP_SECTOR_NHS && fp_results_get (res, s, year)->active;
      for (guint v = 0; in_use[s] && v < res->n_services; v++)
        offers[(gsize) s * res->n_services + v] = fp_results_activity (res, s, year, v) > 0;
    }

  /* Each zone is a query against every set: its position on the sphere once. */
  for (guint z = 0; z < estate->zones->len; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);

      fp_site_index_point (zone->lat, zone->lon, &zone_xyz[(gsize) z * 3]);
    }

  access->n_zones = estate->zones->len;
  access->year = year;
  access->sets = g_ptr_array_new_with_free_func (set_free);

  for (guint v = 0; v < res->n_services; v++)
    {
      const FpService *service = &g_array_index (estate->services, FpService, v);
      FpAccessSet *set = new_set (FP_FACILITY_SERVICE, service->id, service->name);

      for (guint s = 0; s < res->n_sites; s++)
        member[s] = offers[(gsize) s * res->n_services + v];

      threshold_for (model, service->id, service->setting == FP_SETTING_PRIMARY_CARE,
                     service->setting == FP_SETTING_URGENT_CARE, &set->threshold,
                     &set->threshold_unit);
      measure (model, res, set, member, zone_xyz);
      g_ptr_array_add (access->sets, set);
    }

  for (guint t = 0; t < FP_N_SITE_TYPES; t++)
    {
      FpAccessSet *set;

      if (t == FP_SITE_TYPE_INDEPENDENT_HOSPITAL)
        continue;

      set = new_set (FP_FACILITY_SITE_TYPE, fp_site_type_to_string (t), fp_site_type_to_label (t));
      for (guint s = 0; s < res->n_sites; s++)
        member[s] = in_use[s] && res->sites[s].type == t;

      threshold_for (model, set->id,
                     t == FP_SITE_TYPE_GP_PRACTICE || t == FP_SITE_TYPE_GP_BRANCH,
                     t == FP_SITE_TYPE_URGENT_CARE_CENTRE || t == FP_SITE_TYPE_WALK_IN_CENTRE,
                     &set->threshold, &set->threshold_unit);
      measure (model, res, set, member, zone_xyz);
      g_ptr_array_add (access->sets, set);
    }

  {
    FpAccessSet *set = new_set (FP_FACILITY_GROUP, "urgent_care_or_walk_in",
                                _("Urgent care or walk-in centre"));

    guint urgent = G_MAXUINT;

    /* A walk-in or urgent care centre often shares a building typed as a health centre or
     * hospital: the group holds the sites of those types and every site that offers the
     * urgent care service. */
    fp_estate_find_service (estate, "urgent_care", &urgent);
    for (guint s = 0; s < res->n_sites; s++)
      member[s] = in_use[s] &&
                  (res->sites[s].type == FP_SITE_TYPE_URGENT_CARE_CENTRE ||
                   res->sites[s].type == FP_SITE_TYPE_WALK_IN_CENTRE ||
                   (urgent != G_MAXUINT && offers[(gsize) s * res->n_services + urgent]));

    threshold_for (model, set->id, FALSE, TRUE, &set->threshold, &set->threshold_unit);
    measure (model, res, set, member, zone_xyz);
    g_ptr_array_add (access->sets, set);
  }

  return access;
}

void
fp_access_free (FpAccess *access)
{
  if (access == NULL)
    return;

  g_ptr_array_unref (access->sets);
  g_free (access);
}

const FpAccessSet *
fp_access_find (const FpAccess *access,
                FpFacilityKind  kind,
                const char     *id)
{
  for (guint i = 0; i < access->sets->len; i++)
    {
      const FpAccessSet *set = g_ptr_array_index (access->sets, i);

      if (set->kind == kind && g_strcmp0 (set->id, id) == 0)
        return set;
    }

  return NULL;
}

/**
 * fp_access_compare:
 * @model: the model
 * @before: access to a set in one scenario (e.g. Do nothing)
 * @after: access to the same set in another
 * @change: (out caller-allocates): how it changed
 *
 * A zone is further when its nearest site is further away after (by more than a metre),
 * or when it had a site and has none.
 */
void
fp_access_compare (const FpModel     *model,
                   const FpAccessSet *before,
                   const FpAccessSet *after,
                   FpAccessChange    *change)
{
  const FpEstate *estate = fp_model_get_estate (model);
  double sum_increase = 0, people_increase = 0;

  memset (change, 0, sizeof *change);

  for (guint z = 0; z < estate->zones->len; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
      double a = before->km[z], b = after->km[z], people = 0;
      gboolean further = FALSE;

      for (guint band = 0; band < FP_N_AGE_BANDS; band++)
        people += zone->population[band];

      if (!isnan (a) && isnan (b))
        {
          change->zones_lost++;
          further = TRUE;
        }
      else if (!isnan (a) && !isnan (b) && b > a + 1e-3)
        {
          further = TRUE;
          sum_increase += people * (b - a);
          people_increase += people;
          change->max_increase_km = fmax (change->max_increase_km, b - a);
        }
      else if ((isnan (a) && !isnan (b)) || (!isnan (a) && !isnan (b) && b < a - 1e-3))
        {
          change->zones_closer++;
          change->people_closer += people;
        }

      if (further)
        {
          change->zones_further++;
          change->people_further += people;
          change->people_further_65plus += zone->population[FP_N_AGE_BANDS - 1];
          if (zone->imd_decile >= 1 && zone->imd_decile <= 2)
            change->people_further_deprived += people;
        }
    }

  change->mean_increase_km = people_increase > 0 ? sum_increase / people_increase : 0;
}
