/* fp-access.c: distance from each zone to the nearest site offering a service, and the
 * population-weighted measures of access built on it (docs/model.md, Access).
 *
 * Distances are great-circle × circuity; car and walking times divide by the assumed
 * speeds. All three are estimates and the exports say so. The nearest site is found with
 * a uniform grid over the sites (FpSiteGrid), not a scan of every site for every zone.
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

/* ---- The grid ---------------------------------------------------------------------- */

/* km per degree of latitude on the sphere of fp_geo_haversine_km */
#define KM_PER_DEGREE (G_PI * FP_EARTH_RADIUS_KM / 180.0)

struct _FpSiteGrid
{
  guint    n;
  double  *lat;
  double  *lon;
  guint   *ids;
  double   lat0_cos;      /* the projection's scale of longitude */
  double   x0, y0;        /* km of the grid's corner */
  double   cell_km;
  int      nx, ny;
  guint   *cell_start;    /* [nx * ny + 1]: CSR offsets into order */
  guint   *order;         /* point indices, grouped by cell */
};

static void
project (const FpSiteGrid *grid,
         double            lat,
         double            lon,
         double           *x,
         double           *y)
{
  *x = lon * grid->lat0_cos * KM_PER_DEGREE;
  *y = lat * KM_PER_DEGREE;
}

/**
 * fp_site_grid_new:
 * @lat: latitudes of the points
 * @lon: longitudes
 * @ids: (nullable): the id to return for each point (default: its index)
 * @n: how many points
 * @cell_km: the side of a cell, km
 *
 * Returns: (transfer full): a grid for nearest-point queries
 */
FpSiteGrid *
fp_site_grid_new (const double *lat,
                  const double *lon,
                  const guint  *ids,
                  guint         n,
                  double        cell_km)
{
  FpSiteGrid *grid = g_new0 (FpSiteGrid, 1);
  double mean_lat = 0, xmin = G_MAXDOUBLE, ymin = G_MAXDOUBLE, xmax = -G_MAXDOUBLE, ymax = -G_MAXDOUBLE;
  g_autofree guint *cell_of = g_new (guint, MAX (n, 1));
  g_autofree guint *fill = NULL;

  grid->n = n;
  grid->lat = g_memdup2 (lat, sizeof (double) * n);
  grid->lon = g_memdup2 (lon, sizeof (double) * n);
  grid->ids = g_new (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      grid->ids[i] = ids != NULL ? ids[i] : i;
      mean_lat += lat[i];
    }
  mean_lat = n > 0 ? mean_lat / n : 0;
  grid->lat0_cos = cos (mean_lat * G_PI / 180.0);
  grid->cell_km = cell_km > 0 ? cell_km : 1.0;

  for (guint i = 0; i < n; i++)
    {
      double x, y;

      project (grid, lat[i], lon[i], &x, &y);
      xmin = fmin (xmin, x);
      ymin = fmin (ymin, y);
      xmax = fmax (xmax, x);
      ymax = fmax (ymax, y);
    }

  if (n == 0)
    xmin = ymin = xmax = ymax = 0;

  grid->x0 = xmin;
  grid->y0 = ymin;
  grid->nx = (int) floor ((xmax - xmin) / grid->cell_km) + 1;
  grid->ny = (int) floor ((ymax - ymin) / grid->cell_km) + 1;
  grid->cell_start = g_new0 (guint, (gsize) grid->nx * grid->ny + 1);
  grid->order = g_new (guint, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      double x, y;
      int cx, cy;

      project (grid, lat[i], lon[i], &x, &y);
      cx = CLAMP ((int) floor ((x - grid->x0) / grid->cell_km), 0, grid->nx - 1);
      cy = CLAMP ((int) floor ((y - grid->y0) / grid->cell_km), 0, grid->ny - 1);
      cell_of[i] = (guint) (cy * grid->nx + cx);
      grid->cell_start[cell_of[i] + 1]++;
    }

  for (int c = 0; c < grid->nx * grid->ny; c++)
    grid->cell_start[c + 1] += grid->cell_start[c];

  fill = g_memdup2 (grid->cell_start, sizeof (guint) * ((gsize) grid->nx * grid->ny + 1));
  for (guint i = 0; i < n; i++)
    grid->order[fill[cell_of[i]]++] = i;

  return grid;
}

void
fp_site_grid_free (FpSiteGrid *grid)
{
  if (grid == NULL)
    return;

  g_free (grid->lat);
  g_free (grid->lon);
  g_free (grid->ids);
  g_free (grid->cell_start);
  g_free (grid->order);
  g_free (grid);
}

/**
 * fp_site_grid_nearest:
 * @grid: a grid
 * @lat: the query point
 * @lon: the query point
 * @id: (out): the nearest point's id
 * @km: (out): its great-circle distance, km
 *
 * Searches rings of cells outwards from the query's cell, and stops once no cell further
 * out can hold a nearer point. Ties go to the lower id, as a scan would.
 *
 * Returns: %FALSE if the grid is empty
 */
gboolean
fp_site_grid_nearest (const FpSiteGrid *grid,
                      double            lat,
                      double            lon,
                      guint            *id,
                      double           *km)
{
  double x, y, best = G_MAXDOUBLE;
  guint best_id = G_MAXUINT;
  int cx, cy, max_ring;

  if (grid->n == 0)
    return FALSE;

  project (grid, lat, lon, &x, &y);
  cx = (int) floor ((x - grid->x0) / grid->cell_km);
  cy = (int) floor ((y - grid->y0) / grid->cell_km);
  max_ring = MAX (MAX (abs (cx), abs (cx - (grid->nx - 1))), MAX (abs (cy), abs (cy - (grid->ny - 1))));

  for (int r = 0; r <= max_ring; r++)
    {
      /* Every point in ring r or beyond is at least (r − 1) cells away in the plane; the
       * projection's scale is within 1% of the sphere's over a city region, and the 5%
       * margin keeps the search exact well beyond that. */
      if (best < G_MAXDOUBLE && (r - 1) * grid->cell_km * 0.95 > best)
        break;

      for (int gy = cy - r; gy <= cy + r; gy++)
        {
          if (gy < 0 || gy >= grid->ny)
            continue;

          for (int gx = cx - r; gx <= cx + r; gx++)
            {
              guint c;

              if (gx < 0 || gx >= grid->nx)
                continue;
              if (gy != cy - r && gy != cy + r && gx != cx - r && gx != cx + r)
                continue;  /* inside the ring: seen already */

              c = (guint) (gy * grid->nx + gx);
              for (guint k = grid->cell_start[c]; k < grid->cell_start[c + 1]; k++)
                {
                  guint i = grid->order[k];
                  double d = fp_geo_haversine_km (lat, lon, grid->lat[i], grid->lon[i]);

                  if (d < best || (d == best && grid->ids[i] < best_id))
                    {
                      best = d;
                      best_id = grid->ids[i];
                    }
                }
            }
        }
    }

  *id = best_id;
  *km = best;
  return TRUE;
}

/* ---- Metrics ----------------------------------------------------------------------- */

static const char * const unit_names[] = { "km", "car_minutes", "walk_minutes" };

const char *
fp_threshold_unit_to_string (FpThresholdUnit unit)
{
  return unit_names[unit];
}

double
fp_access_km_to_car_minutes (const FpModel *model,
                             double         km)
{
  double kmh = fp_model_get_assumption (model, "car_kmh");

  return km / (isnan (kmh) || kmh <= 0 ? 24.0 : kmh) * 60.0;
}

double
fp_access_km_to_walk_minutes (const FpModel *model,
                              double         km)
{
  double kmh = fp_model_get_assumption (model, "walk_kmh");

  return km / (isnan (kmh) || kmh <= 0 ? 4.8 : kmh) * 60.0;
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
         const gboolean  *member)
{
  const FpEstate *estate = fp_model_get_estate (model);
  guint nz = estate->zones->len;
  g_autofree double *lat = g_new (double, MAX (res->n_sites, 1));
  g_autofree double *lon = g_new (double, MAX (res->n_sites, 1));
  g_autofree guint *ids = g_new (guint, MAX (res->n_sites, 1));
  g_autoptr(FpSiteGrid) grid = NULL;
  double c = circuity (model);
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
  grid = fp_site_grid_new (lat, lon, ids, n, 2.0);

  for (guint z = 0; z < nz; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
      double people = 0, km = NAN;
      guint site = G_MAXUINT;
      gboolean within = FALSE;

      for (guint b = 0; b < FP_N_AGE_BANDS; b++)
        people += zone->population[b];

      if (fp_site_grid_nearest (grid, zone->lat, zone->lon, &site, &km))
        {
          double value;

          km *= c;
          switch (set->threshold_unit)
            {
            case FP_THRESHOLD_KM:
              value = km;
              break;
            case FP_THRESHOLD_CAR_MINUTES:
              value = fp_access_km_to_car_minutes (model, km);
              break;
            case FP_THRESHOLD_WALK_MINUTES:
            default:
              value = fp_access_km_to_walk_minutes (model, km);
              break;
            }
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

  access->n_zones = estate->zones->len;
  access->year = year;
  access->sets = g_ptr_array_new_with_free_func (set_free);

  for (guint v = 0; v < res->n_services; v++)
    {
      const FpService *service = &g_array_index (estate->services, FpService, v);
      FpAccessSet *set = new_set (FP_FACILITY_SERVICE, service->id, service->name);

      for (guint s = 0; s < res->n_sites; s++)
        member[s] = res->sites[s].sector == FP_SECTOR_NHS &&
                    fp_results_get (res, s, year)->active &&
                    fp_results_activity (res, s, year, v) > 0;

      threshold_for (model, service->id, service->setting == FP_SETTING_PRIMARY_CARE,
                     service->setting == FP_SETTING_URGENT_CARE, &set->threshold,
                     &set->threshold_unit);
      measure (model, res, set, member);
      g_ptr_array_add (access->sets, set);
    }

  for (guint t = 0; t < FP_N_SITE_TYPES; t++)
    {
      FpAccessSet *set;

      if (t == FP_SITE_TYPE_INDEPENDENT_HOSPITAL)
        continue;

      set = new_set (FP_FACILITY_SITE_TYPE, fp_site_type_to_string (t), fp_site_type_to_label (t));
      for (guint s = 0; s < res->n_sites; s++)
        member[s] = res->sites[s].sector == FP_SECTOR_NHS && res->sites[s].type == t &&
                    fp_results_get (res, s, year)->active;

      threshold_for (model, set->id,
                     t == FP_SITE_TYPE_GP_PRACTICE || t == FP_SITE_TYPE_GP_BRANCH,
                     t == FP_SITE_TYPE_URGENT_CARE_CENTRE || t == FP_SITE_TYPE_WALK_IN_CENTRE,
                     &set->threshold, &set->threshold_unit);
      measure (model, res, set, member);
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
      member[s] = res->sites[s].sector == FP_SECTOR_NHS &&
                  fp_results_get (res, s, year)->active &&
                  (res->sites[s].type == FP_SITE_TYPE_URGENT_CARE_CENTRE ||
                   res->sites[s].type == FP_SITE_TYPE_WALK_IN_CENTRE ||
                   (urgent != G_MAXUINT && fp_results_activity (res, s, year, urgent) > 0));

    threshold_for (model, set->id, FALSE, TRUE, &set->threshold, &set->threshold_unit);
    measure (model, res, set, member);
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
