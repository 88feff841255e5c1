/* fp-compute.c: the planning model of docs/model.md.
 *
 * Arrays are indexed [site][year][service] (site-major, so a site opened by a scenario is
 * one more block at the end). Year index 0 is the base year; the horizon runs to
 * base_year + horizon_years inclusive.
 *
 * fp_engine_apply() changes activity and site state; fp_engine_compute() derives every
 * figure from that state. Both are pure functions of their inputs: no SQL, no objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-compute"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "fp-allocate.h"
#include "fp-compute.h"
#include "fp-error.h"
#include "fp-format.h"
#include "fp-geo.h"
#include "fp-hosting.h"

/* Resources of the allocator: the four room-hour types, beds, desks, and all room-hours
 * together (void rooms can become any room type, so they are shared). */
enum
{
  RES_BED = FP_ROOM_BED,
  RES_DESK = FP_ROOM_DESK,
  RES_ALL_ROOM_HOURS = FP_N_ROOM_TYPES,
  N_RESOURCES
};

/* bed_index of a service not counted in bed-days. */
#define NOT_BED G_MAXUINT

struct _FpModel
{
  const FpEstate *estate;
  int             base_year;
  guint           n_years;
  guint           n_sites;
  guint           n_services;

  double          weeks_per_year;
  double          desk_days_per_year;
  double          m2_per_room;
  double          target_util;
  double          target_occupancy;
  double          dual_running_years;
  double          nhsps_notice_years;
  double          la_notice_years;
  double          circuity;

  /* per site */
  double         *rooms;          /* [site][FP_N_ROOM_HOUR_TYPES] */
  double         *void_rooms;
  double         *other_void_m2;
  double         *gia;            /* NAN when unknown */
  double         *running_cost;
  double         *beds;
  double         *desks;
  double         *hours;
  double         *backlog;
  int            *lease_break;    /* earliest break year from the interests, 0 if none */
  int            *lease_end;      /* 0 when unknown */
  char           *condition;

  /* per service */
  double         *minutes;
  double         *growth;         /* [service][year]: growth into that year (0 in year 0) */
  gboolean       *growth_by_age;  /* the growth comes from age groups (docs/model.md) */
  double         *los;            /* baseline length of stay, days; NAN when unknown */
  FpRoomType     *room_type;
  guint           n_beds;         /* the services counted in bed-days: */
  guint          *bed_service;    /* [n_beds] their indices */
  guint          *bed_index;      /* [service]: index into bed_service, or NOT_BED */

  double         *a0;             /* [site][service], base-year volumes */
};

struct _FpEngine
{
  const FpModel *model;
  guint          n_sites;
  guint          n_applied;

  FpResultSite  *sites;
  double        *rooms;           /* [site][FP_N_ROOM_HOUR_TYPES] */
  double        *void_rooms;
  double        *other_void_m2;
  double        *gia;
  double        *running_cost;
  double        *beds;
  double        *desks;
  double        *backlog;
  int           *lease_break;
  int           *lease_end;
  char          *condition;

  double        *hours;           /* [site][year] */
  double        *backfill;        /* [site][year], m² let to other tenants */
  double        *act;             /* [site][year][service] */
  double        *growth;          /* [service][year]: growth into that year */
  double        *receipt;         /* [site]: its sale's receipt, in its exit year */
  double        *capital_cost;    /* [site]: the cost of opening it, in its first year */
  double        *unplaced;        /* [year][service] */
  double        *unshifted;       /* [year][service] */

  /* Beds (docs/model.md, "Beds as the plans count them"). stay0 is a bed service's
   * activity as it would be had no length of stay been cut: spells × the baseline length
   * of stay (for any other service it would be the activity itself, so it is not kept). It
   * moves with the activity and is never cut, so Σ sites + unplaced0 is conserved (the
   * spells are). Kept for the bed services only: every change copies it. */
  double        *stay0;           /* [site][year][bed] */
  double        *unplaced0;       /* [year][service], bed services only */
  double        *los_reduced;     /* [year][service]: bed-days cut by length-of-stay changes */
  double        *occupancy;       /* [site][year]: the target bed occupancy */
  double        *default_occupancy; /* [year]: for sites the scenario opens */
  guint          candidates;      /* the allocator's first arcs per origin and service */

  /* What each applied change touched, for fp_engine_update_results. Every field the
   * figures read must be compared in record_touched(), or an update misses its change.
   * A copy starts a lineage of its own (results of one engine cannot be brought up to
   * date by another, which may have applied other changes since). */
  guint          lineage;
  GArray        *touched;         /* Touch */
};

/* Change number @change changed site @site from year index @year on; site G_MAXUINT:
 * the estate itself changed (a site opened), so everything is recomputed. */
typedef struct
{
  guint change;
  guint site;
  guint year;
} Touch;

static guint
next_lineage (void)
{
  static gint counter = 0;

  return (guint) g_atomic_int_add (&counter, 1) + 1;
}

static const char * const category_names[FP_N_CATEGORIES] = {
  "none", "core", "near_core", "marginal", "redundant",
};

static const char * const category_labels[FP_N_CATEGORIES] = {
  N_("Not held"), N_("Core"), N_("Near core"), N_("Marginal"), N_("Redundant"),
};

const char *
fp_category_to_string (FpCategory category)
{
  g_return_val_if_fail ((guint) category < FP_N_CATEGORIES, NULL);
  return category_names[category];
}

gboolean
fp_category_from_string (const char *str,
                         FpCategory *out)
{
  guint i;

  if (!fp_vocabulary_lookup (category_names, FP_N_CATEGORIES, str, &i))
    return FALSE;

  *out = i;
  return TRUE;
}

FpCategoryOverride *
fp_category_override_new (const char *site_id,
                          const char *scenario,
                          FpCategory  category,
                          const char *reason,
                          const char *author)
{
  FpCategoryOverride *o = g_new0 (FpCategoryOverride, 1);

  o->site_id = g_strdup (site_id);
  o->scenario = g_strdup (scenario);
  o->category = category;
  o->reason = g_strdup (reason);
  o->author = g_strdup (author);
  return o;
}

void
fp_category_override_free (FpCategoryOverride *o)
{
  if (o == NULL)
    return;

  g_free (o->site_id);
  g_free (o->scenario);
  g_free (o->reason);
  g_free (o->author);
  g_free (o->recorded_at);
  g_free (o);
}

const char *
fp_category_to_label (FpCategory category)
{
  g_return_val_if_fail ((guint) category < FP_N_CATEGORIES, NULL);
  return _(category_labels[category]);
}

static double
or_zero (double value)
{
  return isnan (value) ? 0.0 : value;
}

/* ---- Model -------------------------------------------------------------------------- */

/* The growth of a service's volume from the age groups of the people who use it
 * (docs/model.md, "Growth by age"): with the shares w_g of its volume by age group
 * (assumptions bed_day_share.<service>.<group>, adding up to 1) and each group's yearly
 * population growth r_g (population_growth.<group>), the volume in year y is
 * A0 × F(y), F(y) = Σ_g w_g (1 + r_g)^y, so the growth into year y is F(y) ÷ F(y−1) − 1.
 * Returns FALSE (and leaves @growth alone) when the service has no such shares, or they
 * do not add up to 1, or a group has no growth rate: the service's own rate then holds. */
static gboolean
growth_by_age (const FpEstate *estate,
               const char     *service,
               guint           n_years,
               double         *growth)  /* [year] */
{
  g_autofree char *prefix = g_strdup_printf ("bed_day_share.%s.", service);
  g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  double total = 0, previous = 1;

  for (guint i = 0; i < estate->assumptions->len; i++)
    {
      const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);
      g_autofree char *rate_key = NULL;
      const FpAssumption *rate;

      if (!g_str_has_prefix (a->key, prefix))
        continue;
      rate_key = g_strconcat ("population_growth.", a->key + strlen (prefix), NULL);
      rate = fp_estate_find_assumption (estate, rate_key);
      if (rate == NULL || !(a->value >= 0) || !(rate->value > -1 && rate->value <= 1))
        return FALSE;
      g_array_append_val (shares, a->value);
      g_array_append_val (rates, rate->value);
      total += a->value;
    }

  if (shares->len == 0 || fabs (total - 1.0) > 1e-6)
    return FALSE;

  growth[0] = 0;
  for (guint y = 1; y < n_years; y++)
    {
      double f = 0;

      for (guint g = 0; g < shares->len; g++)
        f += g_array_index (shares, double, g) * pow (1.0 + g_array_index (rates, double, g), y);
      growth[y] = f / previous - 1.0;
      previous = f;
    }

  return TRUE;
}

/**
 * fp_model_new:
 * @estate: the baseline; the model borrows it and must not outlive it
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the model
 */
FpModel *
fp_model_new (const FpEstate *estate,
              GError        **error)
{
  FpModel *m;
  double horizon;
  guint ns, nv;

  g_return_val_if_fail (estate != NULL, NULL);

  horizon = fp_estate_get_assumption (estate, "horizon_years", 10);
  if (estate->base_year < 1900 || horizon < 1 || horizon > 75 || horizon != floor (horizon))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The document’s base year (%d) or horizon (%g years) is not usable"),
                   estate->base_year, horizon);
      return NULL;
    }

  if (estate->services->len > 64)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The document has %u services; Footprint handles up to 64"),
                   estate->services->len);
      return NULL;
    }

  m = g_new0 (FpModel, 1);
  m->estate = estate;
  m->base_year = estate->base_year;
  m->n_years = (guint) horizon + 1;
  m->n_sites = ns = estate->sites->len;
  m->n_services = nv = estate->services->len;

  m->weeks_per_year = fp_estate_get_assumption (estate, "weeks_per_year", 50);
  m->desk_days_per_year = fp_estate_get_assumption (estate, "desk_days_per_year", 250);
  m->m2_per_room = fp_estate_get_assumption (estate, "m2_per_room", 25);
  m->target_util = fp_estate_get_assumption (estate, "target_room_utilisation", 0.85);
  m->target_occupancy = fp_estate_get_assumption (estate, "target_bed_occupancy", 0.92);
  m->dual_running_years = fp_estate_get_assumption (estate, "dual_running_years", 0);
  m->nhsps_notice_years = fp_estate_get_assumption (estate, "nhsps_notice_years", 1);
  m->la_notice_years = fp_estate_get_assumption (estate, "local_authority_notice_years", 1);
  m->circuity = fp_estate_get_assumption (estate, "circuity", 1.3);

  m->rooms = g_new0 (double, (gsize) ns * FP_N_ROOM_HOUR_TYPES);
  m->void_rooms = g_new0 (double, ns);
  m->other_void_m2 = g_new0 (double, ns);
  m->gia = g_new0 (double, ns);
  m->running_cost = g_new0 (double, ns);
  m->beds = g_new0 (double, ns);
  m->desks = g_new0 (double, ns);
  m->hours = g_new0 (double, ns);
  m->backlog = g_new0 (double, ns);
  m->lease_break = g_new0 (int, ns);
  m->lease_end = g_new0 (int, ns);
  m->condition = g_new0 (char, ns);
  m->minutes = g_new0 (double, nv);
  m->growth = g_new0 (double, (gsize) nv * m->n_years);
  m->growth_by_age = g_new0 (gboolean, nv);
  m->los = g_new0 (double, nv);
  m->bed_service = g_new0 (guint, nv);
  m->bed_index = g_new0 (guint, nv);
  m->room_type = g_new0 (FpRoomType, nv);
  m->a0 = g_new0 (double, (gsize) ns * nv);

  for (guint s = 0; s < ns; s++)
    {
      const FpSite *site = fp_estate_get_site (estate, s);
      double backlog = 0;

      for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
        m->rooms[s * FP_N_ROOM_HOUR_TYPES + rt] = or_zero (site->numbers[FP_SITE_ROOMS_CONSULT + rt]);
      m->void_rooms[s] = or_zero (site->numbers[FP_SITE_VOID_ROOMS]);
      m->other_void_m2[s] = or_zero (site->numbers[FP_SITE_OTHER_VOID_M2]);
      m->gia[s] = site->numbers[FP_SITE_GIA_M2];
      m->running_cost[s] = fp_site_running_cost (site);
      m->beds[s] = or_zero (site->numbers[FP_SITE_BEDS]);
      m->desks[s] = or_zero (site->numbers[FP_SITE_DESKS]);
      m->hours[s] = or_zero (site->numbers[FP_SITE_HOURS_OPEN]);
      for (guint b = FP_SITE_FIRST_BACKLOG; b <= FP_SITE_LAST_BACKLOG; b++)
        backlog += or_zero (site->numbers[b]);
      m->backlog[s] = backlog;
      m->lease_end[s] = isnan (site->numbers[FP_SITE_LEASE_END_YEAR])
                        ? 0 : (int) site->numbers[FP_SITE_LEASE_END_YEAR];
      m->condition[s] = site->condition;
    }

  /* Breaks and ends of the interests in the site's own tenure refine the lease dates. */
  for (guint i = 0; i < estate->interests->len; i++)
    {
      const FpInterest *interest = &g_array_index (estate->interests, FpInterest, i);
      const FpSite *site = fp_estate_get_site (estate, interest->site);

      if (interest->tenure != site->tenure)
        continue;
      if (interest->break_year != 0 &&
          (m->lease_break[interest->site] == 0 || interest->break_year < m->lease_break[interest->site]))
        m->lease_break[interest->site] = interest->break_year;
      if (interest->end_year != 0 && m->lease_end[interest->site] == 0)
        m->lease_end[interest->site] = interest->end_year;
    }

  for (guint v = 0; v < nv; v++)
    {
      const FpService *service = &g_array_index (estate->services, FpService, v);

      g_autofree char *los_key = g_strconcat ("length_of_stay.", service->id, NULL);
      const FpAssumption *los = fp_estate_find_assumption (estate, los_key);
      double *growth = &m->growth[(gsize) v * m->n_years];

      m->minutes[v] = service->minutes_per_unit;
      m->room_type[v] = service->room_type;
      m->los[v] = service->room_type == FP_ROOM_BED && los != NULL && los->value > 0
                  ? los->value : NAN;
      m->growth_by_age[v] = growth_by_age (estate, service->id, m->n_years, growth);
      m->bed_index[v] = NOT_BED;
      if (service->room_type == FP_ROOM_BED)
        {
          m->bed_index[v] = m->n_beds;
          m->bed_service[m->n_beds++] = v;
        }
      if (!m->growth_by_age[v])
        for (guint y = 1; y < m->n_years; y++)
          growth[y] = service->growth_rate;
    }

  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);

      m->a0[a->site * nv + a->service] = a->volume;
    }

  return m;
}

void
fp_model_free (FpModel *m)
{
  if (m == NULL)
    return;

  g_free (m->rooms);
  g_free (m->void_rooms);
  g_free (m->other_void_m2);
  g_free (m->gia);
  g_free (m->running_cost);
  g_free (m->beds);
  g_free (m->desks);
  g_free (m->hours);
  g_free (m->backlog);
  g_free (m->lease_break);
  g_free (m->lease_end);
  g_free (m->condition);
  g_free (m->minutes);
  g_free (m->growth);
  g_free (m->growth_by_age);
  g_free (m->los);
  g_free (m->bed_service);
  g_free (m->bed_index);
  g_free (m->room_type);
  g_free (m->a0);
  g_free (m);
}

const FpEstate *
fp_model_get_estate (const FpModel *model)
{
  return model->estate;
}

int
fp_model_get_base_year (const FpModel *model)
{
  return model->base_year;
}

guint
fp_model_get_n_years (const FpModel *model)
{
  return model->n_years;
}

double
fp_model_get_assumption (const FpModel *model,
                         const char    *key)
{
  return fp_estate_get_assumption (model->estate, key, NAN);
}

/**
 * fp_model_get_growth:
 * @model: the model
 * @service: a service index
 * @year: a year index
 *
 * Returns: the Do nothing growth of the service into that year (0 in the base year): its
 *   own rate, or the rate its age groups give (fp_model_growth_by_age())
 */
double
fp_model_get_growth (const FpModel *model,
                     guint          service,
                     guint          year)
{
  g_return_val_if_fail (service < model->n_services && year < model->n_years, NAN);
  return model->growth[(gsize) service * model->n_years + year];
}

/**
 * fp_model_growth_by_age:
 * @model: the model
 * @service: a service index
 *
 * Returns: whether the service grows with the age groups of its users (its shares by age
 *   group and the groups' population growth are assumptions of the document)
 */
gboolean
fp_model_growth_by_age (const FpModel *model,
                        guint          service)
{
  g_return_val_if_fail (service < model->n_services, FALSE);
  return model->growth_by_age[service];
}

/**
 * fp_model_get_length_of_stay:
 * @model: the model
 * @service: a service index
 *
 * Returns: the baseline length of stay of a bed service, in days (the assumption
 *   `length_of_stay.<service>`), or NAN when the document does not give one
 */
double
fp_model_get_length_of_stay (const FpModel *model,
                             guint          service)
{
  g_return_val_if_fail (service < model->n_services, NAN);
  return model->los[service];
}

/* ---- Engine state ------------------------------------------------------------------- */

#define ACT(e, s, y, v) ((e)->act[((gsize) (s) * (e)->model->n_years + (y)) * (e)->model->n_services + (v)])
#define HOURS(e, s, y) ((e)->hours[(gsize) (s) * (e)->model->n_years + (y)])
#define BACKFILL(e, s, y) ((e)->backfill[(gsize) (s) * (e)->model->n_years + (y)])
#define STAY0(e, s, y, b) \
  ((e)->stay0[((gsize) (s) * (e)->model->n_years + (y)) * (e)->model->n_beds + (b)])
#define OCCUPANCY(e, s, y) ((e)->occupancy[(gsize) (s) * (e)->model->n_years + (y)])

static void
clear_result_site (FpResultSite *site)
{
  g_free (site->id);
  g_free (site->name);
}

/**
 * fp_engine_new:
 * @model: the baseline; the engine borrows it
 *
 * Returns: (transfer full): an engine in the Do nothing state: baseline activity grown by
 *   each service's growth rate
 */
FpEngine *
fp_engine_new (const FpModel *model)
{
  FpEngine *e = g_new0 (FpEngine, 1);
  const FpEstate *estate = model->estate;
  guint ns = model->n_sites, ny = model->n_years, nv = model->n_services;

  e->model = model;
  e->n_sites = ns;
  e->candidates = FP_ALLOCATION_DEFAULT_CANDIDATES;
  e->lineage = next_lineage ();
  e->touched = g_array_new (FALSE, FALSE, sizeof (Touch));

  e->sites = g_new0 (FpResultSite, ns);
  for (guint s = 0; s < ns; s++)
    {
      const FpSite *site = fp_estate_get_site (estate, s);
      FpResultSite *r = &e->sites[s];

      r->id = g_strdup (site->id);
      r->name = g_strdup (site->name);
      r->type = site->type;
      r->tenure = site->tenure;
      r->sector = site->sector;
      r->status = site->status;
      r->placed = site->placed;
      r->lat = site->lat;
      r->lon = site->lon;
      r->open_year = G_MININT;
    }

  e->rooms = g_memdup2 (model->rooms, sizeof (double) * ns * FP_N_ROOM_HOUR_TYPES);
  e->void_rooms = g_memdup2 (model->void_rooms, sizeof (double) * ns);
  e->other_void_m2 = g_memdup2 (model->other_void_m2, sizeof (double) * ns);
  e->gia = g_memdup2 (model->gia, sizeof (double) * ns);
  e->running_cost = g_memdup2 (model->running_cost, sizeof (double) * ns);
  e->beds = g_memdup2 (model->beds, sizeof (double) * ns);
  e->desks = g_memdup2 (model->desks, sizeof (double) * ns);
  e->backlog = g_memdup2 (model->backlog, sizeof (double) * ns);
  e->lease_break = g_memdup2 (model->lease_break, sizeof (int) * ns);
  e->lease_end = g_memdup2 (model->lease_end, sizeof (int) * ns);
  e->condition = g_memdup2 (model->condition, ns);

  e->hours = g_new (double, (gsize) ns * ny);
  e->backfill = g_new0 (double, (gsize) ns * ny);
  e->act = g_new (double, (gsize) ns * ny * nv);
  e->growth = g_new0 (double, (gsize) nv * ny);
  e->receipt = g_new0 (double, ns);
  e->capital_cost = g_new0 (double, ns);
  e->unplaced = g_new0 (double, (gsize) ny * nv);
  e->unshifted = g_new0 (double, (gsize) ny * nv);
  e->unplaced0 = g_new0 (double, (gsize) ny * nv);
  e->los_reduced = g_new0 (double, (gsize) ny * nv);
  e->occupancy = g_new (double, (gsize) ns * ny);
  e->default_occupancy = g_new (double, ny);

  for (guint v = 0; v < nv; v++)
    for (guint y = 1; y < ny; y++)
      e->growth[v * ny + y] = model->growth[(gsize) v * ny + y];
  for (guint y = 0; y < ny; y++)
    e->default_occupancy[y] = model->target_occupancy;

  /* A[s][v][y] = A0[s][v] × Π_{k=1..y} (1 + g[v][k]), the product docs/model.md writes
   * (and fp_engine_compute's Do nothing totals use), so the two agree to the bit. */
  {
    g_autofree double *factor = g_new (double, (gsize) ny * nv);

    for (guint v = 0; v < nv; v++)
      {
        factor[v] = 1.0;
        for (guint y = 1; y < ny; y++)
          factor[y * nv + v] = factor[(y - 1) * nv + v] * (1.0 + e->growth[v * ny + y]);
      }

    for (guint s = 0; s < ns; s++)
      for (guint y = 0; y < ny; y++)
        {
          HOURS (e, s, y) = model->hours[s];
          OCCUPANCY (e, s, y) = model->target_occupancy;
          for (guint v = 0; v < nv; v++)
            ACT (e, s, y, v) = model->a0[s * nv + v] * factor[y * nv + v];
        }
  }
  e->stay0 = g_new (double, (gsize) ns * ny * model->n_beds + 1);
  for (guint s = 0; s < ns; s++)
    for (guint y = 0; y < ny; y++)
      for (guint b = 0; b < model->n_beds; b++)
        STAY0 (e, s, y, b) = ACT (e, s, y, model->bed_service[b]);

  return e;
}

FpEngine *
fp_engine_copy (const FpEngine *src)
{
  FpEngine *e = g_new0 (FpEngine, 1);
  guint ns = src->n_sites, ny = src->model->n_years, nv = src->model->n_services;

  *e = *src;
  e->lineage = next_lineage ();
  e->touched = g_array_new (FALSE, FALSE, sizeof (Touch));
  e->sites = g_new0 (FpResultSite, ns);
  for (guint s = 0; s < ns; s++)
    {
      e->sites[s] = src->sites[s];
      e->sites[s].id = g_strdup (src->sites[s].id);
      e->sites[s].name = g_strdup (src->sites[s].name);
    }

  e->rooms = g_memdup2 (src->rooms, sizeof (double) * ns * FP_N_ROOM_HOUR_TYPES);
  e->void_rooms = g_memdup2 (src->void_rooms, sizeof (double) * ns);
  e->other_void_m2 = g_memdup2 (src->other_void_m2, sizeof (double) * ns);
  e->gia = g_memdup2 (src->gia, sizeof (double) * ns);
  e->running_cost = g_memdup2 (src->running_cost, sizeof (double) * ns);
  e->beds = g_memdup2 (src->beds, sizeof (double) * ns);
  e->desks = g_memdup2 (src->desks, sizeof (double) * ns);
  e->backlog = g_memdup2 (src->backlog, sizeof (double) * ns);
  e->lease_break = g_memdup2 (src->lease_break, sizeof (int) * ns);
  e->lease_end = g_memdup2 (src->lease_end, sizeof (int) * ns);
  e->condition = g_memdup2 (src->condition, ns);
  e->hours = g_memdup2 (src->hours, sizeof (double) * ns * ny);
  e->backfill = g_memdup2 (src->backfill, sizeof (double) * ns * ny);
  e->act = g_memdup2 (src->act, sizeof (double) * ns * ny * nv);
  e->growth = g_memdup2 (src->growth, sizeof (double) * nv * ny);
  e->receipt = g_memdup2 (src->receipt, sizeof (double) * ns);
  e->capital_cost = g_memdup2 (src->capital_cost, sizeof (double) * ns);
  e->unplaced = g_memdup2 (src->unplaced, sizeof (double) * ny * nv);
  e->unshifted = g_memdup2 (src->unshifted, sizeof (double) * ny * nv);
  e->stay0 = g_memdup2 (src->stay0, sizeof (double) * (ns * ny * src->model->n_beds + 1));
  e->unplaced0 = g_memdup2 (src->unplaced0, sizeof (double) * ny * nv);
  e->los_reduced = g_memdup2 (src->los_reduced, sizeof (double) * ny * nv);
  e->occupancy = g_memdup2 (src->occupancy, sizeof (double) * ns * ny);
  e->default_occupancy = g_memdup2 (src->default_occupancy, sizeof (double) * ny);

  return e;
}

static void
engine_clear (FpEngine *e)
{
  for (guint s = 0; s < e->n_sites; s++)
    clear_result_site (&e->sites[s]);
  g_free (e->sites);
  g_free (e->rooms);
  g_free (e->void_rooms);
  g_free (e->other_void_m2);
  g_free (e->gia);
  g_free (e->running_cost);
  g_free (e->beds);
  g_free (e->desks);
  g_free (e->backlog);
  g_free (e->lease_break);
  g_free (e->lease_end);
  g_free (e->condition);
  g_free (e->hours);
  g_free (e->backfill);
  g_free (e->act);
  g_free (e->growth);
  g_free (e->receipt);
  g_free (e->capital_cost);
  g_free (e->unplaced);
  g_free (e->unshifted);
  g_free (e->stay0);
  g_free (e->unplaced0);
  g_free (e->los_reduced);
  g_free (e->occupancy);
  g_free (e->default_occupancy);
  g_array_unref (e->touched);
}

void
fp_engine_free (FpEngine *e)
{
  if (e == NULL)
    return;

  engine_clear (e);
  g_free (e);
}

guint
fp_engine_get_n_applied (const FpEngine *e)
{
  return e->n_applied;
}

/**
 * fp_engine_set_allocation_candidates:
 * @engine: an engine
 * @candidates: arcs per origin and service in the allocator's first program; 0 for
 *   every arc at once
 *
 * How the allocator starts (FpAllocation.candidates). It finds the same optimum either
 * way; only the time and memory differ. Tests set 0 to compare with the program that
 * holds every arc.
 */
void
fp_engine_set_allocation_candidates (FpEngine *engine,
                                     guint     candidates)
{
  engine->candidates = candidates;
}

/* Appends one site (opened by a scenario) to every per-site array. */
static guint
engine_add_site (FpEngine *e)
{
  guint s = e->n_sites++;
  guint ns = e->n_sites, ny = e->model->n_years, nv = e->model->n_services;

  e->sites = g_renew (FpResultSite, e->sites, ns);
  memset (&e->sites[s], 0, sizeof (FpResultSite));
  e->rooms = g_renew (double, e->rooms, (gsize) ns * FP_N_ROOM_HOUR_TYPES);
  e->void_rooms = g_renew (double, e->void_rooms, ns);
  e->other_void_m2 = g_renew (double, e->other_void_m2, ns);
  e->gia = g_renew (double, e->gia, ns);
  e->running_cost = g_renew (double, e->running_cost, ns);
  e->beds = g_renew (double, e->beds, ns);
  e->desks = g_renew (double, e->desks, ns);
  e->backlog = g_renew (double, e->backlog, ns);
  e->lease_break = g_renew (int, e->lease_break, ns);
  e->lease_end = g_renew (int, e->lease_end, ns);
  e->condition = g_renew (char, e->condition, ns);
  e->receipt = g_renew (double, e->receipt, ns);
  e->capital_cost = g_renew (double, e->capital_cost, ns);
  e->hours = g_renew (double, e->hours, (gsize) ns * ny);
  e->backfill = g_renew (double, e->backfill, (gsize) ns * ny);
  e->act = g_renew (double, e->act, (gsize) ns * ny * nv);
  e->stay0 = g_renew (double, e->stay0, (gsize) ns * ny * e->model->n_beds + 1);
  e->occupancy = g_renew (double, e->occupancy, (gsize) ns * ny);

  for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
    e->rooms[s * FP_N_ROOM_HOUR_TYPES + rt] = 0;
  e->void_rooms[s] = e->other_void_m2[s] = e->running_cost[s] = 0;
  e->beds[s] = e->desks[s] = e->backlog[s] = 0;
  e->gia[s] = NAN;
  e->lease_break[s] = e->lease_end[s] = 0;
  e->condition[s] = 'A';
  e->receipt[s] = e->capital_cost[s] = 0;
  for (guint y = 0; y < ny; y++)
    {
      HOURS (e, s, y) = 0;
      BACKFILL (e, s, y) = 0;
      OCCUPANCY (e, s, y) = e->default_occupancy[y];
      for (guint v = 0; v < nv; v++)
        ACT (e, s, y, v) = 0;
      for (guint b = 0; b < e->model->n_beds; b++)
        STAY0 (e, s, y, b) = 0;
    }

  return s;
}

/* ---- Checks ------------------------------------------------------------------------- */

typedef struct
{
  FpEngine        *e;
  const FpChange  *change;
  GError         **error;
  guint            year;    /* index of the change's first year */
} Apply;

static gboolean G_GNUC_PRINTF (2, 3)
refuse (Apply      *ap,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  g_autofree char *what = fp_change_describe (ap->change, ap->e->model->estate);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (ap->error, FP_ERROR, FP_ERROR_CHANGE_REFUSED,
               /* Translators: "“From 2027, leave X” cannot apply: X is already left" */
               _("“%s” cannot apply: %s"), what, message);
  return FALSE;
}

static gboolean
engine_find_site (const FpEngine *e,
                  const char     *id,
                  guint          *index)
{
  guint i;

  if (id == NULL)
    return FALSE;

  if (e->model->n_sites == e->n_sites)
    return fp_estate_find_site (e->model->estate, id, index);

  if (fp_estate_find_site (e->model->estate, id, index))
    return TRUE;
  for (i = e->model->n_sites; i < e->n_sites; i++)
    if (g_str_equal (e->sites[i].id, id))
      {
        *index = i;
        return TRUE;
      }

  return FALSE;
}

static int
year_of (const FpEngine *e,
         guint           y)
{
  return e->model->base_year + (int) y;
}

static gboolean
exists_in (const FpEngine *e,
           guint           s,
           guint           y)
{
  return e->sites[s].open_year <= year_of (e, y);
}

static gboolean
active_in (const FpEngine *e,
           guint           s,
           guint           y)
{
  return exists_in (e, s, y) && (e->sites[s].exit_year == 0 || year_of (e, y) < e->sites[s].exit_year);
}

/* A site that gives or receives activity from the change's first year on. */
static gboolean
check_active_site (Apply      *ap,
                   const char *id,
                   guint      *index)
{
  const FpEngine *e = ap->e;
  const FpResultSite *site;

  if (!engine_find_site (e, id, index))
    return refuse (ap, _("there is no site “%s”"), id ? id : "");

  site = &e->sites[*index];
  if (!exists_in (e, *index, ap->year))
    return refuse (ap, _("%s opens only in %d"), site->name, site->open_year);
  if (site->exit_year != 0)
    return refuse (ap, _("%s is left in %d by an earlier change"), site->name, site->exit_year);
  if (site->sector != FP_SECTOR_NHS)
    return refuse (ap, _("%s is an independent-sector site, not NHS estate"), site->name);

  return TRUE;
}

static gboolean
check_service (Apply      *ap,
               const char *id,
               guint      *index)
{
  if (!fp_estate_find_service (ap->e->model->estate, id, index))
    return refuse (ap, _("there is no service “%s”"), id ? id : "");

  return TRUE;
}

static const char *
service_name (const FpEngine *e,
              guint           v)
{
  return g_array_index (e->model->estate->services, FpService, v).name;
}

/* Room-hours (or bed-days, desk-days) one unit of a service takes. */
static double
unit_rate (const FpModel *m,
           guint          v)
{
  return m->room_type[v] < FP_N_ROOM_HOUR_TYPES ? m->minutes[v] / 60.0 : 1.0;
}

/* ---- Hosting: who may receive what (docs/model.md, "Hosting") ------------------------ */

static FpServiceClass
service_class (const FpModel *m,
               guint          v)
{
  const FpService *service = &g_array_index (m->estate->services, FpService, v);

  return fp_service_class (service->setting, service->room_type);
}

/* Whether site r may take service v in year y by its type, when a change names it
 * (@named) or the allocator chooses it. A site the scenario opened was built for what a
 * change sends it: when a change names it, it may also take a service its type hosts
 * only where offered. The allocator never starts a "named" or "if offered" service at a
 * site that does not offer it. */
static gboolean
may_host (const FpEngine *e,
          guint           r,
          guint           y,
          guint           v,
          gboolean        named)
{
  switch (fp_hosting_rule (e->sites[r].type, service_class (e->model, v)))
    {
    case FP_HOSTING_YES:
      return TRUE;
    case FP_HOSTING_NAMED:
      return named || ACT (e, r, y, v) > 0;
    case FP_HOSTING_IF_OFFERED:
      return ACT (e, r, y, v) > 0 || (named && r >= e->model->n_sites);
    case FP_HOSTING_NO:
    default:
      return FALSE;
    }
}

/* A site that may receive activity from year y on: NHS, not marked possibly closed, open,
 * and never left by the scenario (what it received would be stranded when it is left). */
static gboolean
can_receive (const FpEngine *e,
             guint           r,
             guint           y)
{
  const FpResultSite *site = &e->sites[r];

  return site->sector == FP_SECTOR_NHS && site->status == FP_SITE_STATUS_CURRENT &&
         exists_in (e, r, y) && site->exit_year == 0;
}

static gboolean
check_hosts (Apply *ap,
             guint  r,
             guint  y,
             guint  v)
{
  const FpEngine *e = ap->e;
  const FpResultSite *site = &e->sites[r];
  FpServiceClass cls = service_class (e->model, v);
  g_autofree char *where = NULL;

  if (may_host (e, r, y, v, TRUE))
    return TRUE;

  where = fp_hosting_describe_where (cls);
  if (fp_hosting_rule (site->type, cls) == FP_HOSTING_NO)
    return refuse (ap, _("%s (%s) cannot host %s; it may go to %s"), site->name,
                   fp_site_type_to_label (site->type), service_name (e, v), where);

  return refuse (ap, _("%s (%s) does not offer %s in %d, and a site of its type may take it "
                       "only where it already does; it may go to %s"), site->name,
                 fp_site_type_to_label (site->type), service_name (e, v), year_of (e, y), where);
}

/* A receiving site a change names. @v is the service it would take, or G_MAXUINT when
 * the caller checks each service itself. */
static gboolean
check_receiver (Apply      *ap,
                const char *id,
                guint       v,
                guint      *index)
{
  const FpResultSite *site;

  if (!check_active_site (ap, id, index))
    return FALSE;

  site = &ap->e->sites[*index];
  if (site->status != FP_SITE_STATUS_CURRENT)
    return refuse (ap, _("%s is marked possibly closed in the data, so it cannot receive "
                         "activity"), site->name);

  return v == G_MAXUINT || check_hosts (ap, *index, ap->year, v);
}

/* ---- Allocation --------------------------------------------------------------------- */

/* Spare capacity of each site in year y, by allocator resource, below the targets; void
 * rooms count as capacity, since moving activity in brings them into use. */
static void
fill_spare_capacity (const FpEngine *e,
                     guint           y,
                     double         *spare)  /* [site][N_RESOURCES] */
{
  const FpModel *m = e->model;

  for (guint s = 0; s < e->n_sites; s++)
    {
      double *sp = &spare[s * N_RESOURCES];
      double demand[FP_N_ROOM_TYPES] = { 0 };
      double hw = HOURS (e, s, y) * m->weeks_per_year;
      double void_capacity = e->void_rooms[s] * hw;
      double all_capacity = void_capacity, all_demand = 0;

      memset (sp, 0, sizeof (double) * N_RESOURCES);
      if (!active_in (e, s, y) || e->sites[s].sector != FP_SECTOR_NHS)
        continue;

      for (guint v = 0; v < m->n_services; v++)
        demand[m->room_type[v]] += ACT (e, s, y, v) * unit_rate (m, v);

      for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
        {
          double capacity = e->rooms[s * FP_N_ROOM_HOUR_TYPES + rt] * hw;

          sp[rt] = fmax (0, m->target_util * (capacity + void_capacity) - demand[rt]);
          all_capacity += capacity;
          all_demand += demand[rt];
        }
      sp[RES_ALL_ROOM_HOURS] = fmax (0, m->target_util * all_capacity - all_demand);
      sp[RES_BED] = fmax (0, OCCUPANCY (e, s, y) * e->beds[s] * 365.0 - demand[FP_ROOM_BED]);
      sp[RES_DESK] = fmax (0, m->target_util * e->desks[s] * m->desk_days_per_year
                              - demand[FP_ROOM_DESK]);
    }
}

/* Solves where the origins' volumes of the goods go in year y. Goods are services; a
 * room-hour service uses its room type and the shared all-room-hours resource, which the
 * allocator sees as two capacities. A receiver may take a service only if its type may
 * host it (docs/model.md, "Hosting"), and only if it has a location: distances are what
 * the allocator minimises. */
static FpAllocation *
solve_allocation (Apply          *ap,
                  guint           y,
                  const guint    *origins,
                  guint           n_origins,
                  const double   *supply,        /* [origin][service] */
                  const gboolean *receiver_ok,   /* [site]: may receive at all */
                  gboolean        named)         /* the receivers are named by the change */
{
  FpEngine *e = ap->e;
  const FpModel *m = e->model;
  guint nv = m->n_services, ns = e->n_sites;
  g_autoptr(GError) local_error = NULL;
  FpAllocation *a;

  a = fp_allocation_new (n_origins, ns, nv, N_RESOURCES);
  a->candidates = e->candidates;
  a->circuity = m->circuity;
  fill_spare_capacity (e, y, a->capacity);

  memcpy (a->supply, supply, sizeof (double) * n_origins * nv);
  for (guint o = 0; o < n_origins; o++)
    {
      a->origin_lat[o] = e->sites[origins[o]].lat;
      a->origin_lon[o] = e->sites[origins[o]].lon;
    }
  for (guint r = 0; r < ns; r++)
    {
      a->receiver_lat[r] = e->sites[r].lat;
      a->receiver_lon[r] = e->sites[r].lon;
    }

  for (guint v = 0; v < nv; v++)
    {
      a->resource[v] = m->room_type[v];
      a->resource2[v] = m->room_type[v] < FP_N_ROOM_HOUR_TYPES ? RES_ALL_ROOM_HOURS : G_MAXUINT;
      a->rate[v] = unit_rate (m, v);
      for (guint r = 0; r < ns; r++)
        a->allowed[v * ns + r] = receiver_ok[r] && e->sites[r].placed &&
                                 may_host (e, r, y, v, named);
    }

  if (!fp_allocation_solve (a, &local_error))
    {
      refuse (ap, "%s", local_error->message);
      fp_allocation_free (a);
      return NULL;
    }

  return a;
}

/* Removes activity that leaves a site and sends it to receivers by fixed shares (of the
 * first year), from that year to the horizon; moved activity keeps growing with its
 * service. The shares and @unplaced add up to 1, so every unit that leaves arrives
 * somewhere or is counted: Σ sites + unplaced is unchanged (docs/model.md, "Conservation
 * of activity"). */
static void
apply_shares (FpEngine     *e,
              guint         from_year,
              guint         origin,
              guint         v,
              double        fraction,    /* of the origin's volume that leaves */
              const guint  *receivers,
              const double *shares,      /* of the leaving volume, per receiver */
              guint         n_receivers,
              double        unplaced,    /* share of the leaving volume with no receiver */
              gboolean      unplaced_stays)
{
  const FpModel *m = e->model;
  guint b = m->bed_index[v];

  for (guint y = from_year; y < m->n_years; y++)
    {
      double volume = ACT (e, origin, y, v);
      double leaving = volume * fraction;
      double base = b != NOT_BED ? STAY0 (e, origin, y, b) : volume;
      double base_leaving;

      /* A crumb of rounding left behind (a volume that was meant to be all of it) leaves
       * too, rather than keep the origin "offering" the service. */
      if (volume - leaving < 1e-9)
        leaving = volume;

      /* The patients who move take their stays with them: the volume at the baseline
       * length of stay leaves in the same proportion as the volume. */
      base_leaving = leaving == volume ? base : base == volume ? leaving
                                                               : base * (leaving / volume);

      for (guint i = 0; i < n_receivers; i++)
        {
          ACT (e, receivers[i], y, v) += leaving * shares[i];
          if (b != NOT_BED)
            STAY0 (e, receivers[i], y, b) += base_leaving * shares[i];
        }

      if (unplaced_stays)
        {
          ACT (e, origin, y, v) = volume - leaving * (1.0 - unplaced);
          if (b != NOT_BED)
            STAY0 (e, origin, y, b) = base - base_leaving * (1.0 - unplaced);
          e->unshifted[y * m->n_services + v] += leaving * unplaced;
        }
      else
        {
          ACT (e, origin, y, v) = volume - leaving;
          e->unplaced[y * m->n_services + v] += leaving * unplaced;
          if (b != NOT_BED)
            {
              STAY0 (e, origin, y, b) = base - base_leaving;
              e->unplaced0[y * m->n_services + v] += base_leaving * unplaced;
            }
        }
    }
}

/* Applies an allocation's flows, from year @from_year, as shares of each origin's volume.
 * The shares are the solution's, normalised so that they and the unplaced share add up
 * to exactly 1 (the solver meets its equalities only to its tolerance), and a flow below
 * a billionth of the supply is folded into the others rather than make its receiver
 * "offer" a crumb of the service. */
static void
apply_allocation (FpEngine           *e,
                  guint               from_year,
                  const FpAllocation *a,
                  const guint        *origins,
                  const double       *fraction,   /* [origin][service] that leaves */
                  gboolean            unplaced_stays)
{
  guint nv = a->n_goods, nf = a->flows->len, f = 0;
  g_autofree guint *receivers = g_new (guint, MAX (nf, 1));
  g_autofree double *shares = g_new (double, MAX (nf, 1));

  /* The flows come by origin, service and receiver: walk them alongside. */
  for (guint o = 0; o < a->n_origins; o++)
    for (guint v = 0; v < nv; v++)
      {
        double supply = a->supply[o * nv + v];
        double unplaced = a->unplaced[o * nv + v];
        double total = 0;
        guint n = 0;

        for (; f < nf; f++)
          {
            const FpAllocationFlow *flow = &g_array_index (a->flows, FpAllocationFlow, f);

            if (flow->origin != o || flow->good != v)
              break;
            if (flow->volume > 1e-9 * supply)
              {
                receivers[n] = flow->receiver;
                shares[n] = flow->volume;
                total += flow->volume;
                n++;
              }
          }

        if (supply <= 0)
          continue;

        if (unplaced <= 1e-9 * supply)
          unplaced = 0;
        total += unplaced;

        if (total <= 0)
          {
            n = 0;
            unplaced = total = 1;
          }
        for (guint i = 0; i < n; i++)
          shares[i] /= total;

        apply_shares (e, from_year, origins[o], v, fraction[o * nv + v], receivers, shares, n,
                      unplaced / total, unplaced_stays);
      }
}

/* ---- The changes -------------------------------------------------------------------- */

static gboolean
apply_move (Apply *ap)
{
  FpEngine *e = ap->e;
  const FpChange *c = ap->change;
  guint from, to, v;
  double available, fraction;

  if (!check_active_site (ap, c->site, &from) ||
      !check_service (ap, c->service, &v) ||
      !check_receiver (ap, c->to_site, v, &to))
    return FALSE;

  if (from == to)
    return refuse (ap, _("%s cannot receive its own activity"), e->sites[to].name);

  available = ACT (e, from, ap->year, v);
  if (available <= 0)
    return refuse (ap, _("%s has no %s in %d"), e->sites[from].name, service_name (e, v),
                   c->year);

  if (!isnan (c->share))
    {
      if (c->share < 0 || c->share > 1)
        return refuse (ap, _("the share %g is outside 0 to 1"), c->share);
      fraction = c->share;
    }
  else
    {
      if (c->volume < 0 || c->volume > available * (1 + 1e-9))
        {
          g_autofree char *have = fp_format_count (available);
          return refuse (ap, _("%s has only %s of %s in %d"), e->sites[from].name, have,
                         service_name (e, v), c->year);
        }
      fraction = fmin (1.0, c->volume / available);
    }

  apply_shares (e, ap->year, from, v, fraction, &to, (double[]) { 1.0 }, 1, 0, FALSE);
  return TRUE;
}

/* Receivers named by a change, with their weights (1 each without weights): each must be
 * able to receive from the first year, and, when @v is a service, to host it. */
static gboolean
read_receivers (Apply    *ap,
                guint     exclude,
                guint     v,
                GArray  **out_sites,
                GArray  **out_weights)
{
  const FpChange *c = ap->change;
  g_autoptr(GArray) sites = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  double total = 0;
  guint n = g_strv_length (c->to_sites);

  for (guint i = 0; i < n; i++)
    {
      guint r;
      double w = c->weights ? g_array_index (c->weights, double, i) : 1.0;

      if (!check_receiver (ap, c->to_sites[i], v, &r))
        return FALSE;
      if (r == exclude)
        return refuse (ap, _("%s cannot receive its own activity"), ap->e->sites[r].name);
      if (!(w >= 0) || !isfinite (w))
        return refuse (ap, _("the weight %g of %s is not a number of at least 0"), w,
                       ap->e->sites[r].name);
      g_array_append_val (sites, r);
      g_array_append_val (weights, w);
      total += w;
    }

  if (total <= 0)
    return refuse (ap, _("the weights add up to nothing"));

  *out_sites = g_steal_pointer (&sites);
  *out_weights = g_steal_pointer (&weights);
  return TRUE;
}

/* Which sites may receive activity from an allocation in year y. */
static gboolean *
eligible_receivers (const FpEngine *e,
                    guint           y,
                    guint           exclude)
{
  gboolean *ok = g_new0 (gboolean, e->n_sites);

  for (guint r = 0; r < e->n_sites; r++)
    ok[r] = r != exclude && can_receive (e, r, y) && e->sites[r].placed;

  return ok;
}

/* The first year the NHS no longer bears a left site's cost, by tenure (docs/model.md). */
static int
liability_end (const FpEngine *e,
               guint           s,
               int             y0,
               gboolean       *unknown)
{
  const FpModel *m = e->model;
  int horizon_end = m->base_year + (int) m->n_years;  /* first year after the horizon */
  int lease_end = e->lease_end[s];
  int lease_break = e->lease_break[s];

  *unknown = FALSE;

  switch (e->sites[s].tenure)
    {
    case FP_TENURE_FREEHOLD:
      return y0 + (int) m->dual_running_years;
    case FP_TENURE_NHSPS:
      return y0 + (int) m->nhsps_notice_years;
    case FP_TENURE_LOCAL_AUTHORITY:
      return y0 + (int) m->la_notice_years;
    case FP_TENURE_LEASEHOLD:
      if (lease_break >= y0)
        return lease_break;
      if (lease_end != 0)
        return MAX (y0, lease_end);
      break;
    case FP_TENURE_LIFT:
    case FP_TENURE_PFI:
      if (lease_end != 0)
        return MAX (y0, lease_end);
      break;
    case FP_TENURE_UNKNOWN:
    case FP_N_TENURES:
    default:
      break;
    }

  /* Unknown end: the cost is carried to the end of the horizon; no saving is claimed. */
  *unknown = TRUE;
  return horizon_end;
}

/* Named receivers of an exit, in year y: each service of @supply goes to those of them
 * that may host it, split by their weights. */
static gboolean
exit_to_named (Apply        *ap,
               guint         s,
               guint         y,
               const double *supply,
               GArray       *sites,
               GArray       *weights)
{
  FpEngine *e = ap->e;
  guint nv = e->model->n_services;
  g_autofree guint *receivers = g_new (guint, sites->len);
  g_autofree double *shares = g_new (double, sites->len);

  for (guint v = 0; v < nv; v++)
    {
      double total = 0;
      guint n = 0;

      if (supply[v] <= 0)
        continue;

      for (guint i = 0; i < sites->len; i++)
        {
          guint r = g_array_index (sites, guint, i);

          if (may_host (e, r, y, v, TRUE))
            {
              receivers[n] = r;
              shares[n] = g_array_index (weights, double, i);
              total += shares[n];
              n++;
            }
        }

      if (n == 0 || total <= 0)
        {
          g_autofree char *where = fp_hosting_describe_where (service_class (e->model, v));

          if (n == 0)
            return refuse (ap, _("none of the named sites can host its %s in %d; it may go to "
                                 "%s (or name no sites and let the nearest with room take it)"),
                           service_name (e, v), year_of (e, y), where);
          return refuse (ap, _("the named sites that can host its %s have no weight"),
                         service_name (e, v));
        }

      for (guint i = 0; i < n; i++)
        shares[i] /= total;
      apply_shares (e, y, s, v, 1.0, receivers, shares, n, 0, FALSE);
    }

  return TRUE;
}

static gboolean
apply_exit (Apply    *ap,
            gboolean  dispose)
{
  FpEngine *e = ap->e;
  const FpModel *m = e->model;
  const FpChange *c = ap->change;
  guint s, nv = m->n_services;
  FpResultSite *site;
  g_autoptr(GArray) named = NULL;
  g_autoptr(GArray) weights = NULL;
  g_autofree double *supply = g_new0 (double, nv);
  g_autofree double *fraction = g_new (double, nv);

  if (!check_active_site (ap, c->site, &s))
    return FALSE;
  site = &e->sites[s];

  if (dispose)
    {
      if (site->tenure != FP_TENURE_FREEHOLD && site->tenure != FP_TENURE_LOCAL_AUTHORITY)
        return refuse (ap, _("%s is held on a %s tenure; only a freehold (or a local-authority "
                             "site by agreement) can be sold"),
                       site->name, fp_tenure_to_label (site->tenure));
    }

  if (c->to_sites != NULL && !read_receivers (ap, s, G_MAXUINT, &named, &weights))
    return FALSE;

  for (guint v = 0; v < nv; v++)
    fraction[v] = 1.0;

  /* Every service leaves in the first year it is at the site from the change's first year
   * on: what is there then, and what an earlier-listed change dated later sends here
   * (a service that first arrives in 2031 leaves in 2031, to receivers with room in
   * 2031). Nothing is deleted: each unit goes to a receiver or is counted as unplaced. */
  for (guint y = ap->year; y < m->n_years; y++)
    {
      gboolean any = FALSE;

      for (guint v = 0; v < nv; v++)
        {
          supply[v] = ACT (e, s, y, v);
          if (supply[v] > 0)
            any = TRUE;
        }
      if (!any)
        continue;

      if (named != NULL)
        {
          if (!exit_to_named (ap, s, y, supply, named, weights))
            return FALSE;
        }
      else
        {
          g_autofree gboolean *ok = NULL;
          g_autoptr(FpAllocation) a = NULL;

          if (!site->placed)
            return refuse (ap, _("%s has no location, so the nearest sites cannot be found; "
                                 "name the receiving sites"), site->name);

          ok = eligible_receivers (e, y, s);
          a = solve_allocation (ap, y, &s, 1, supply, ok, FALSE);
          if (a == NULL)
            return FALSE;
          apply_allocation (e, y, a, &s, fraction, FALSE);
        }
    }

  /* Each service left in full: nothing stays at the site from the first year on. */
  for (guint y = ap->year; y < m->n_years; y++)
    for (guint v = 0; v < nv; v++)
      if (ACT (e, s, y, v) != 0)
        g_critical ("%s keeps %g of service %u in year %u after leaving", site->id,
                    ACT (e, s, y, v), v, y);

  site->exit_year = c->year;
  site->liability_end_year = liability_end (e, s, c->year, &site->liability_unknown);

  /* A site already fully let to other tenants costs nothing once it is left. */
  if (!isnan (e->gia[s]) && BACKFILL (e, s, ap->year) >= e->gia[s] - 1e-9)
    {
      site->liability_end_year = c->year;
      site->liability_unknown = FALSE;
    }

  if (dispose && c->receipt_retained)
    e->receipt[s] = or_zero (c->value) - or_zero (c->disposal_costs);

  return TRUE;
}

static gboolean
apply_shift (Apply *ap)
{
  FpEngine *e = ap->e;
  const FpModel *m = e->model;
  const FpChange *c = ap->change;
  guint v, nv = m->n_services;
  g_autoptr(GArray) origins = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *receiver = g_new0 (gboolean, e->n_sites);

  if (!check_service (ap, c->service, &v))
    return FALSE;
  if (c->share < 0 || c->share > 1)
    return refuse (ap, _("the share %g is outside 0 to 1"), c->share);

  for (guint s = 0; s < e->n_sites; s++)
    if (active_in (e, s, ap->year) && fp_site_type_setting (e->sites[s].type) == c->from_setting &&
        e->sites[s].sector == FP_SECTOR_NHS && ACT (e, s, ap->year, v) > 0)
      g_array_append_val (origins, s);

  if (origins->len == 0)
    return refuse (ap, _("no %s site has %s in %d"), fp_setting_to_string (c->from_setting),
                   service_name (e, v), c->year);

  if (c->to_sites != NULL)
    {
      g_autoptr(GArray) receivers = NULL;
      g_autoptr(GArray) weights = NULL;

      if (!read_receivers (ap, G_MAXUINT, v, &receivers, &weights))
        return FALSE;

      for (guint i = 0; i < receivers->len; i++)
        {
          guint r = g_array_index (receivers, guint, i);

          if (fp_site_type_setting (e->sites[r].type) == c->from_setting)
            return refuse (ap, _("%s is itself a %s site"), e->sites[r].name,
                           fp_setting_to_string (c->from_setting));
          receiver[r] = TRUE;
        }

      if (c->weights != NULL)
        {
          double total = 0;

          for (guint i = 0; i < weights->len; i++)
            total += g_array_index (weights, double, i);
          for (guint i = 0; i < weights->len; i++)
            g_array_index (weights, double, i) /= total;
          for (guint i = 0; i < origins->len; i++)
            apply_shares (e, ap->year, g_array_index (origins, guint, i), v, c->share,
                          (guint *) receivers->data, (double *) weights->data, receivers->len,
                          0, FALSE);
          return TRUE;
        }
    }
  else
    {
      g_autofree gboolean *ok = eligible_receivers (e, ap->year, G_MAXUINT);

      for (guint r = 0; r < e->n_sites; r++)
        receiver[r] = ok[r] && fp_site_type_setting (e->sites[r].type) != c->from_setting;
    }

  /* No weights: the allocator sends each origin's share to the nearest receivers with
   * room; what none can take stays where it is and is reported as not shifted. */
  {
    guint no = origins->len;
    g_autofree double *supply = g_new0 (double, (gsize) no * nv);
    g_autofree double *fraction = g_new0 (double, (gsize) no * nv);
    g_autoptr(FpAllocation) a = NULL;
    g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint i = 0; i < no; i++)
      {
        guint o = g_array_index (origins, guint, i);

        if (!e->sites[o].placed)
          {
            /* An origin with no location cannot be matched by distance: its share is
             * reported as not shifted. */
            for (guint y = ap->year; y < m->n_years; y++)
              e->unshifted[y * nv + v] += ACT (e, o, y, v) * c->share;
            continue;
          }
        g_array_append_val (placed, o);
      }

    no = placed->len;
    for (guint i = 0; i < no; i++)
      {
        guint o = g_array_index (placed, guint, i);

        supply[i * nv + v] = ACT (e, o, ap->year, v) * c->share;
        fraction[i * nv + v] = c->share;
      }

    a = solve_allocation (ap, ap->year, (guint *) placed->data, no, supply, receiver,
                          c->to_sites != NULL);
    if (a == NULL)
      return FALSE;
    apply_allocation (e, ap->year, a, (guint *) placed->data, fraction, TRUE);
  }

  return TRUE;
}

static gboolean
apply_backfill (Apply *ap)
{
  FpEngine *e = ap->e;
  const FpChange *c = ap->change;
  FpResultSite *site;
  double free_m2;
  guint s;

  if (!engine_find_site (e, c->site, &s))
    return refuse (ap, _("there is no site “%s”"), c->site ? c->site : "");
  site = &e->sites[s];

  if (site->tenure != FP_TENURE_LIFT && site->tenure != FP_TENURE_NHSPS)
    return refuse (ap, _("%s is held on a %s tenure; backfill applies to LIFT and NHS Property "
                         "Services buildings"), site->name, fp_tenure_to_label (site->tenure));
  if (!exists_in (e, s, ap->year))
    return refuse (ap, _("%s opens only in %d"), site->name, site->open_year);
  if (isnan (e->gia[s]))
    return refuse (ap, _("%s has no known floor area"), site->name);

  free_m2 = e->gia[s] - BACKFILL (e, s, ap->year);
  if (c->m2 <= 0 || c->m2 > free_m2 + 1e-9)
    {
      g_autofree char *area = fp_format_area (free_m2);
      return refuse (ap, _("only %s of %s is not let already"), area, site->name);
    }

  for (guint y = ap->year; y < e->model->n_years; y++)
    BACKFILL (e, s, y) = fmin (e->gia[s], BACKFILL (e, s, y) + c->m2);

  /* Fully let: a left building's liability ends with the letting. */
  if (site->exit_year != 0 && BACKFILL (e, s, ap->year) >= e->gia[s] - 1e-9 &&
      site->liability_end_year > c->year)
    {
      site->liability_end_year = MAX (c->year, site->exit_year);
      site->liability_unknown = FALSE;
    }

  return TRUE;
}

static gboolean
apply_open (Apply *ap)
{
  FpEngine *e = ap->e;
  const FpChange *c = ap->change;
  g_autofree char *id = NULL;
  guint existing, s;
  FpResultSite *site;

  id = c->new_id != NULL ? g_strdup (c->new_id)
                         : g_strdup_printf ("NEW%u", e->n_sites - e->model->n_sites + 1);
  if (engine_find_site (e, id, &existing))
    return refuse (ap, _("the id “%s” is already a site’s"), id);
  if (c->name == NULL || isnan (c->lat) || isnan (c->lon) || isnan (c->gia_m2) || c->gia_m2 <= 0)
    return refuse (ap, _("a new site needs a name, a location and a floor area"));
  if (c->hours_open_per_week < 0 || c->hours_open_per_week > 168)
    return refuse (ap, _("a week has 168 hours, not %g"), c->hours_open_per_week);

  s = engine_add_site (e);
  site = &e->sites[s];
  site->id = g_steal_pointer (&id);
  site->name = g_strdup (c->name);
  site->type = c->site_type;
  site->tenure = c->tenure;
  site->sector = FP_SECTOR_NHS;
  site->status = FP_SITE_STATUS_CURRENT;
  site->placed = TRUE;
  site->lat = c->lat;
  site->lon = c->lon;
  site->open_year = c->year;

  for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
    e->rooms[s * FP_N_ROOM_HOUR_TYPES + rt] = or_zero (c->rooms[rt]);
  e->gia[s] = c->gia_m2;
  e->running_cost[s] = or_zero (c->running_cost);
  e->beds[s] = or_zero (c->beds);
  e->desks[s] = or_zero (c->desks);
  e->lease_end[s] = c->lease_end_year;
  for (guint y = 0; y < e->model->n_years; y++)
    HOURS (e, s, y) = or_zero (c->hours_open_per_week);

  e->capital_cost[s] = or_zero (c->capital_cost);
  return TRUE;
}

static gboolean
apply_hours (Apply *ap)
{
  FpEngine *e = ap->e;
  const FpChange *c = ap->change;
  guint s;

  if (!check_active_site (ap, c->site, &s))
    return FALSE;
  if (isnan (c->hours_open_per_week) || c->hours_open_per_week < 0 || c->hours_open_per_week > 168)
    return refuse (ap, _("a week has 168 hours, not %g"), c->hours_open_per_week);

  for (guint y = ap->year; y < e->model->n_years; y++)
    HOURS (e, s, y) = c->hours_open_per_week;

  return TRUE;
}

static gboolean
apply_growth (Apply *ap)
{
  FpEngine *e = ap->e;
  const FpModel *m = e->model;
  const FpChange *c = ap->change;
  guint v, ny = m->n_years;

  if (!check_service (ap, c->service, &v))
    return FALSE;
  if (isnan (c->rate) || c->rate <= -1 || c->rate > 1)
    return refuse (ap, _("the growth rate %g is outside −100%% to 100%%"), c->rate);

  /* From the first year on, every site's volume grows at the new rate instead of the old:
   * scale year y by the product over k = y0..y of (1 + new) ÷ (1 + old). Growth into the
   * base year itself does not exist, so a change in the base year starts with the next. */
  {
    double factor = 1.0;

    for (guint y = MAX (ap->year, 1); y < ny; y++)
      {
        factor *= (1.0 + c->rate) / (1.0 + e->growth[v * ny + y]);
        e->growth[v * ny + y] = c->rate;
        for (guint s = 0; s < e->n_sites; s++)
          {
            ACT (e, s, y, v) *= factor;
            if (m->bed_index[v] != NOT_BED)
              STAY0 (e, s, y, m->bed_index[v]) *= factor;
          }
        e->unplaced[y * m->n_services + v] *= factor;
        e->unshifted[y * m->n_services + v] *= factor;
        e->unplaced0[y * m->n_services + v] *= factor;
        e->los_reduced[y * m->n_services + v] *= factor;
      }
  }

  return TRUE;
}

/* The sites a bed change names, each once, or (with none named) every site @wanted says
 * it applies to. */
static gboolean
read_bed_sites (Apply     *ap,
                gboolean (*wanted) (const FpEngine *e, guint s, guint y, guint v),
                guint      v,
                GArray   **out)
{
  const FpChange *c = ap->change;
  FpEngine *e = ap->e;
  g_autoptr(GArray) sites = g_array_new (FALSE, FALSE, sizeof (guint));

  if (c->sites == NULL)
    {
      for (guint s = 0; s < e->n_sites; s++)
        if (active_in (e, s, ap->year) && e->sites[s].sector == FP_SECTOR_NHS &&
            e->sites[s].exit_year == 0 && wanted (e, s, ap->year, v))
          g_array_append_val (sites, s);
    }
  else
    {
      for (guint i = 0; c->sites[i] != NULL; i++)
        {
          guint s;

          if (!check_active_site (ap, c->sites[i], &s))
            return FALSE;
          for (guint j = 0; j < sites->len; j++)
            if (g_array_index (sites, guint, j) == s)
              return refuse (ap, _("%s is named twice"), e->sites[s].name);
          if (!wanted (e, s, ap->year, v))
            return v == G_MAXUINT
                   ? refuse (ap, _("%s has no beds in %d"), e->sites[s].name, c->year)
                   : refuse (ap, _("%s has no %s in %d"), e->sites[s].name, service_name (e, v),
                             c->year);
          g_array_append_val (sites, s);
        }
    }

  *out = g_steal_pointer (&sites);
  return TRUE;
}

static gboolean
has_service (const FpEngine *e,
             guint           s,
             guint           y,
             guint           v)
{
  return ACT (e, s, y, v) > 0;
}

static gboolean
has_beds (const FpEngine *e,
          guint           s,
          guint           y,
          guint           v)
{
  if (e->beds[s] > 0)
    return TRUE;
  for (guint w = 0; w < e->model->n_services; w++)
    if (e->model->room_type[w] == FP_ROOM_BED && ACT (e, s, y, w) > 0)
      return TRUE;
  return FALSE;
}

/* A cut in the length of stay: the same patients (spells) stay a share fewer days, so
 * the service's bed-days at the sites fall by that share from the first year on. The
 * bed-days cut are counted (los_reduced), not moved: docs/model.md, "Conservation". */
static gboolean
apply_length_of_stay (Apply *ap)
{
  FpEngine *e = ap->e;
  const FpModel *m = e->model;
  const FpChange *c = ap->change;
  g_autoptr(GArray) sites = NULL;
  guint v;

  if (!check_service (ap, c->service, &v))
    return FALSE;
  if (m->room_type[v] != FP_ROOM_BED)
    return refuse (ap, _("%s is not counted in bed-days, so it has no length of stay"),
                   service_name (e, v));
  if (!(c->share > 0 && c->share < 1))
    return refuse (ap, _("the cut in the length of stay, %g, is not above 0 and below 1"),
                   c->share);
  if (!read_bed_sites (ap, has_service, v, &sites))
    return FALSE;
  if (sites->len == 0)
    return refuse (ap, _("no site has %s in %d"), service_name (e, v), c->year);

  for (guint i = 0; i < sites->len; i++)
    {
      guint s = g_array_index (sites, guint, i);

      for (guint y = ap->year; y < m->n_years; y++)
        {
          double cut = ACT (e, s, y, v) * c->share;

          ACT (e, s, y, v) -= cut;
          e->los_reduced[y * m->n_services + v] += cut;
        }
    }

  return TRUE;
}

/* A new target bed occupancy from the first year: beds required, the spare beds the
 * allocator sees and the over-target flag read it. Activity does not change. */
static gboolean
apply_occupancy (Apply *ap)
{
  FpEngine *e = ap->e;
  const FpChange *c = ap->change;
  g_autoptr(GArray) sites = NULL;

  if (!(c->occupancy > 0 && c->occupancy <= 1))
    return refuse (ap, _("the target occupancy %g is not above 0 and at most 1"), c->occupancy);
  if (!read_bed_sites (ap, has_beds, G_MAXUINT, &sites))
    return FALSE;
  if (sites->len == 0)
    return refuse (ap, _("no site has beds in %d"), c->year);

  /* Named sites; or every site, also those the scenario opens later. */
  if (c->sites == NULL)
    {
      g_array_set_size (sites, 0);
      for (guint s = 0; s < e->n_sites; s++)
        g_array_append_val (sites, s);
      for (guint y = ap->year; y < e->model->n_years; y++)
        e->default_occupancy[y] = c->occupancy;
    }

  for (guint i = 0; i < sites->len; i++)
    for (guint y = ap->year; y < e->model->n_years; y++)
      OCCUPANCY (e, g_array_index (sites, guint, i), y) = c->occupancy;

  return TRUE;
}

#define SAME(field) (memcmp (&a->field, &b->field, sizeof a->field) == 0)

/* Whether anything of site s that is not by year differs between two states. */
static gboolean
same_site (const FpEngine *a,
           const FpEngine *b,
           guint           s)
{
  const FpResultSite *x = &a->sites[s], *y = &b->sites[s];

  return memcmp (&a->rooms[s * FP_N_ROOM_HOUR_TYPES], &b->rooms[s * FP_N_ROOM_HOUR_TYPES],
                 sizeof (double) * FP_N_ROOM_HOUR_TYPES) == 0 &&
         SAME (void_rooms[s]) && SAME (other_void_m2[s]) && SAME (gia[s]) &&
         SAME (running_cost[s]) && SAME (beds[s]) && SAME (desks[s]) && SAME (backlog[s]) &&
         SAME (lease_break[s]) && SAME (lease_end[s]) && SAME (condition[s]) &&
         SAME (receipt[s]) && SAME (capital_cost[s]) &&
         x->type == y->type && x->tenure == y->tenure && x->sector == y->sector &&
         x->status == y->status && x->placed == y->placed &&
         memcmp (&x->lat, &y->lat, sizeof x->lat) == 0 &&
         memcmp (&x->lon, &y->lon, sizeof x->lon) == 0 &&
         x->open_year == y->open_year && x->exit_year == y->exit_year &&
         x->liability_end_year == y->liability_end_year &&
         x->liability_unknown == y->liability_unknown;
}

#undef SAME

/* Logs which sites, from which year, change number @change altered between the states
 * @before and @after: a comparison of the two, so that no change kind has to say what it
 * touched (and none can forget to). */
static void
record_touched (const FpEngine *before,
                const FpEngine *after,
                guint           change,
                GArray         *log)
{
  const FpModel *m = before->model;
  guint ny = m->n_years, nv = m->n_services, nb = m->n_beds;

  if (after->n_sites != before->n_sites)
    {
      Touch all = { change, G_MAXUINT, 0 };

      g_array_append_val (log, all);
      return;
    }

  for (guint s = 0; s < after->n_sites; s++)
    {
      gsize block = (gsize) s * ny;
      Touch t = { change, s, ny };

      if (!same_site (before, after, s))
        t.year = 0;
      else if (memcmp (&before->act[block * nv], &after->act[block * nv],
                       sizeof (double) * ny * nv) != 0 ||
               memcmp (&before->hours[block], &after->hours[block], sizeof (double) * ny) != 0 ||
               memcmp (&before->backfill[block], &after->backfill[block],
                       sizeof (double) * ny) != 0 ||
               memcmp (&before->occupancy[block], &after->occupancy[block],
                       sizeof (double) * ny) != 0 ||
               memcmp (&before->stay0[block * nb], &after->stay0[block * nb],
                       sizeof (double) * ny * nb) != 0)
        {
          for (t.year = 0; t.year < ny; t.year++)
            if (memcmp (&before->act[(block + t.year) * nv], &after->act[(block + t.year) * nv],
                        sizeof (double) * nv) != 0 ||
                memcmp (&before->hours[block + t.year], &after->hours[block + t.year],
                        sizeof (double)) != 0 ||
                memcmp (&before->backfill[block + t.year], &after->backfill[block + t.year],
                        sizeof (double)) != 0 ||
                memcmp (&before->occupancy[block + t.year], &after->occupancy[block + t.year],
                        sizeof (double)) != 0 ||
                memcmp (&before->stay0[(block + t.year) * nb],
                        &after->stay0[(block + t.year) * nb], sizeof (double) * nb) != 0)
              break;
        }

      if (t.year < ny)
        g_array_append_val (log, t);
    }
}

/**
 * fp_engine_apply:
 * @engine: an engine
 * @change: the next change of the scenario
 * @error: return location for an error
 *
 * Applies one change. A change that cannot apply (a site that does not exist, a service
 * the site does not have, a share outside 0..1, a year outside the horizon, ...) is
 * refused with a message naming the change, and the engine is left exactly as it was.
 *
 * Returns: %TRUE if the change was applied
 */
gboolean
fp_engine_apply (FpEngine        *engine,
                 const FpChange  *change,
                 GError         **error)
{
  FpEngine *scratch;
  Apply ap = { NULL, change, error, 0 };
  gboolean ok;
  int last_year;

  g_return_val_if_fail (engine != NULL, FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  last_year = engine->model->base_year + (int) engine->model->n_years - 1;
  if (change->year < engine->model->base_year || change->year > last_year)
    {
      ap.e = engine;
      return refuse (&ap, _("its year %d is outside the horizon %d to %d"), change->year,
                     engine->model->base_year, last_year);
    }
  if (isnan (change->confidence) || change->confidence < 0 || change->confidence > 1)
    {
      ap.e = engine;
      return refuse (&ap, _("its confidence %g is outside 0 to 1"), change->confidence);
    }

  /* Work on a copy and keep it only if the whole change applies. */
  scratch = fp_engine_copy (engine);
  ap.e = scratch;
  ap.year = (guint) (change->year - engine->model->base_year);

  switch (change->kind)
    {
    case FP_CHANGE_MOVE_SERVICE:
      ok = apply_move (&ap);
      break;
    case FP_CHANGE_SHIFT_SETTING:
      ok = apply_shift (&ap);
      break;
    case FP_CHANGE_EXIT_SITE:
      ok = apply_exit (&ap, FALSE);
      break;
    case FP_CHANGE_DISPOSE_SITE:
      ok = apply_exit (&ap, TRUE);
      break;
    case FP_CHANGE_BACKFILL:
      ok = apply_backfill (&ap);
      break;
    case FP_CHANGE_OPEN_SITE:
      ok = apply_open (&ap);
      break;
    case FP_CHANGE_CHANGE_HOURS:
      ok = apply_hours (&ap);
      break;
    case FP_CHANGE_CHANGE_GROWTH:
      ok = apply_growth (&ap);
      break;
    case FP_CHANGE_REDUCE_LENGTH_OF_STAY:
      ok = apply_length_of_stay (&ap);
      break;
    case FP_CHANGE_CHANGE_OCCUPANCY:
      ok = apply_occupancy (&ap);
      break;
    case FP_N_CHANGE_KINDS:
    default:
      g_assert_not_reached ();
    }

  if (ok)
    {
      /* Swap the applied state in; the old state goes with the scratch shell. The
       * engine keeps its lineage and its log, and logs what the change touched. */
      FpEngine old = *engine;
      GArray *empty = scratch->touched;

      *engine = *scratch;
      *scratch = old;
      engine->n_applied = old.n_applied + 1;
      engine->lineage = old.lineage;
      engine->touched = old.touched;
      scratch->touched = empty;
      record_touched (scratch, engine, old.n_applied, engine->touched);
    }

  engine_clear (scratch);
  g_free (scratch);
  return ok;
}

/* ---- Deriving the figures ----------------------------------------------------------- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return NAN;

  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

/* Capacity, demand, void rooms brought into use, costs: everything but the category. */
/* Whether a site is a place of care or of office work (docs/model.md, "Void floor area and
 * costs"): any site of a care or office type, and a site of type other that has clinic
 * rooms, void rooms, beds or desks. A site of type other with none of them (a store, a
 * server room, a shop) is not. */
static gboolean
place_of_care (const FpEngine *e,
               guint           s)
{
  double room = e->void_rooms[s] + e->beds[s] + e->desks[s];

  if (e->sites[s].type != FP_SITE_TYPE_OTHER)
    return TRUE;

  for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
    room += e->rooms[s * FP_N_ROOM_HOUR_TYPES + rt];
  return room > 0;
}

static void
derive_site_year (const FpEngine *e,
                  guint           s,
                  guint           y,
                  FpSiteYear     *out)
{
  const FpModel *m = e->model;
  const FpResultSite *site = &e->sites[s];
  int year = year_of (e, y);
  double hw = HOURS (e, s, y) * m->weeks_per_year;
  double gia = e->gia[s];
  double backfill = BACKFILL (e, s, y);
  double void_left, total_activity = 0;
  double share_borne;

  memset (out, 0, sizeof *out);
  out->exists = exists_in (e, s, y);
  out->active = active_in (e, s, y);
  out->held = out->exists && site->sector == FP_SECTOR_NHS &&
              (site->exit_year == 0 || year < site->liability_end_year);

  for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
    out->utilisation[rt] = NAN;
  out->utilisation_site = NAN;
  out->bed_occupancy = NAN;
  out->cost_per_m2 = NAN;
  out->target_bed_occupancy = OCCUPANCY (e, s, y);
  out->length_of_stay = NAN;

  if (!out->exists)
    return;

  /* Capital: a sale's receipt and the backlog avoided fall in the exit year, the cost of
   * a new site in its first year. */
  if (site->exit_year != 0 && year >= site->exit_year)
    {
      out->capital_receipts_to_date = e->receipt[s];
      out->backlog_avoided_to_date = e->backlog[s];
      if (year == site->exit_year)
        {
          out->capital_receipts = e->receipt[s];
          out->backlog_avoided = e->backlog[s];
        }
    }
  if (year == site->open_year)
    out->capital_costs = e->capital_cost[s];

  for (guint v = 0; v < m->n_services; v++)
    {
      double a = ACT (e, s, y, v);

      out->demand[m->room_type[v]] += a * unit_rate (m, v);
      total_activity += a;
    }

  if (out->active)
    {
      for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
        out->capacity[rt] = e->rooms[s * FP_N_ROOM_HOUR_TYPES + rt] * hw;
      out->capacity[FP_ROOM_BED] = e->beds[s] * 365.0;
      out->capacity[FP_ROOM_DESK] = e->desks[s] * m->desk_days_per_year;
    }

  /* Void rooms come into use one at a time, each to the room type furthest over its
   * target, until demand fits or the void rooms run out. */
  void_left = out->active ? e->void_rooms[s] : 0;
  while (void_left > 1e-9 && hw > 0)
    {
      int worst = -1;
      double worst_excess = 0;

      for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
        {
          double excess = out->demand[rt] - m->target_util * out->capacity[rt];

          if (excess > 1e-9 && excess > worst_excess)
            {
              worst = (int) rt;
              worst_excess = excess;
            }
        }

      if (worst < 0)
        break;

      {
        double add = fmin (1.0, void_left);

        out->capacity[worst] += add * hw;
        out->void_rooms_used += add;
        void_left -= add;
      }
    }

  /* Each room type on its own: a site at 58% overall may run its treatment rooms at 119%,
   * and is then over capacity for them. A receiver the allocator filled exactly to its
   * target is at the target, not over it: compare with a tolerance far below anything a
   * planner would see (one part in 10⁹). */
  for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
    {
      double target = rt == FP_ROOM_BED ? OCCUPANCY (e, s, y) : m->target_util;
      guint8 bit = (guint8) (1u << rt);

      if (out->capacity[rt] > 0)
        {
          out->utilisation[rt] = out->demand[rt] / out->capacity[rt];
          if (out->utilisation[rt] > 1.0 + 1e-9)
            out->over_capacity_rooms |= bit;
          if (out->utilisation[rt] > target * (1 + 1e-9))
            out->over_target_rooms |= bit;
        }
      else if (out->demand[rt] > 0)
        {
          out->no_capacity_rooms |= bit;
          out->over_capacity_rooms |= bit;
          out->over_target_rooms |= bit;
        }
      if (rt < FP_N_ROOM_HOUR_TYPES)
        {
          out->demand_room_hours += out->demand[rt];
          out->capacity_room_hours += out->capacity[rt];
        }
    }

  for (guint v = 0; v < m->n_services; v++)
    if (ACT (e, s, y, v) > 0 && (out->no_capacity_rooms & (1u << m->room_type[v])))
      out->no_capacity |= G_GUINT64_CONSTANT (1) << v;

  if (out->capacity_room_hours > 0)
    out->utilisation_site = out->demand_room_hours / out->capacity_room_hours;

  /* Beds as the plans count them: beds required at the target occupancy against the
   * physical beds; spells from the bed-days at the baseline stay (docs/model.md). */
  out->beds = out->active ? e->beds[s] : 0;
  out->bed_days = out->demand[FP_ROOM_BED];
  out->beds_required = out->bed_days / (365.0 * out->target_bed_occupancy);
  out->bed_gap = out->beds_required - out->beds;
  if (out->beds > 0)
    out->bed_occupancy = out->bed_days / (out->beds * 365.0);
  for (guint b = 0; b < m->n_beds; b++)
    {
      guint v = m->bed_service[b];
      double base = STAY0 (e, s, y, b);

      if (base <= 0)
        continue;
      out->bed_days_baseline_los += base;
      out->spells += base / m->los[v];  /* NAN when the stay is unknown */
      if (isnan (m->los[v]))
        out->bed_days_unknown_los += ACT (e, s, y, v);
      else
        out->spells_known += base / m->los[v];
    }
  if (out->spells > 0)
    out->length_of_stay = out->bed_days / out->spells;
  out->bed_equivalents_released_los =
    (out->bed_days_baseline_los - out->bed_days) / (365.0 * m->target_occupancy);
  out->bed_equivalents_released_occupancy =
    out->bed_days / (365.0 * m->target_occupancy) - out->beds_required;

  /* The site is over capacity when any room type is (the room-hours together cannot be
   * over unless one type is); over target when any type, or the room-hours together, are
   * above their target. */
  out->over_capacity = out->over_capacity_rooms != 0;
  out->over_target = out->over_capacity || out->over_target_rooms != 0 ||
                     (!isnan (out->utilisation_site) &&
                      out->utilisation_site > m->target_util * (1 + 1e-9));

  /* Costs. Another tenant's letting takes its share of the cost out of the system. */
  if (!out->held)
    return;

  share_borne = (!isnan (gia) && gia > 0) ? fmax (0.0, 1.0 - backfill / gia) : 1.0;
  out->running_cost = e->running_cost[s] * share_borne;
  if (!isnan (gia) && gia > 0)
    out->cost_per_m2 = e->running_cost[s] / gia;

  /* A place of care with nothing in it is wholly void; a building that is no place of care
   * (no clinic rooms, void rooms, beds or desks: a store, a server room) is in use for what
   * it is, so only its stated empty space is void, unless the scenario has left it. */
  if (!out->active || (total_activity <= 0 && place_of_care (e, s)))
    out->void_m2 = isnan (gia) ? 0 : fmax (0, gia - backfill);  /* wholly void */
  else if (!place_of_care (e, s))
    out->void_m2 = fmax (0, e->other_void_m2[s] - backfill);
  else
    out->void_m2 = fmax (0, void_left * m->m2_per_room + e->other_void_m2[s] - backfill);

  if (!isnan (gia))
    out->void_m2 = fmin (out->void_m2, fmax (0, gia - backfill));

  if (!isnan (gia) && gia > 0)
    out->void_cost = out->void_m2 * e->running_cost[s] / gia;
}

/**
 * fp_engine_compute_site:
 * @engine: an engine with its changes applied
 * @site: a site index
 * @year: a year index
 * @out: (out caller-allocates): the site's figures that year
 *
 * The figures of one site in one year, as fp_engine_compute() gives them, without the
 * category (which needs every site): for a caller that tries changes one by one and looks
 * at the sites they touch.
 */
void
fp_engine_compute_site (const FpEngine *engine,
                        guint           site,
                        guint           year,
                        FpSiteYear     *out)
{
  g_return_if_fail (site < engine->n_sites && year < engine->model->n_years);
  derive_site_year (engine, site, year, out);
}

/* The utilisation a category reads: room-hours if the site has room capacity, and for an
 * inpatient site the bed occupancy if that is higher (a ward is judged by its beds, not by
 * an idle clinic room); desks when a site has nothing else. Demand for a room type the
 * site has none of is not a utilisation (it is the state "no capacity"): it is left out
 * here, and keeps the site from Core (categorise). NAN when nothing is defined. */
static double
category_utilisation (const FpSiteYear *sy)
{
  double u = NAN;

  if (sy->capacity_room_hours > 0)
    u = sy->utilisation_site;
  if (sy->capacity[FP_ROOM_BED] > 0 && sy->bed_days > 0 &&
      (isnan (u) || sy->bed_occupancy > u))
    u = sy->bed_occupancy;
  if (isnan (u) && sy->capacity[FP_ROOM_DESK] > 0)
    u = sy->utilisation[FP_ROOM_DESK];
  return u;
}

static void
categorise (const FpEngine *e,
            guint           s,
            FpSiteYear     *sy,
            const double   *median_cost)
{
  const FpResultSite *site = &e->sites[s];
  char condition = e->condition[s];
  gboolean poor = condition == 'C' || condition == 'D';
  gboolean sound = condition == 'A' || condition == 'B';
  double u = category_utilisation (sy);
  double total_demand = 0;
  guint32 r = 0;

  for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
    total_demand += sy->demand[rt];

  if (sy->no_capacity_rooms)
    r |= FP_REASON_NO_CAPACITY;
  if (sy->over_capacity)
    r |= FP_REASON_OVER_CAPACITY;
  else if (sy->over_target)
    r |= FP_REASON_OVER_TARGET;
  if (condition == 0)
    r |= FP_REASON_CONDITION_UNKNOWN;

  if (!sy->held)
    {
      sy->category = FP_CATEGORY_NONE;
      sy->reasons = site->exit_year != 0 ? FP_REASON_LEFT : 0;
      return;
    }

  if (!sy->active)
    {
      sy->category = FP_CATEGORY_REDUNDANT;
      sy->reasons = FP_REASON_LEFT | FP_REASON_NO_ACTIVITY |
                    (site->liability_unknown ? FP_REASON_LIABILITY_UNKNOWN : 0);
      return;
    }

  if (total_demand <= 0)
    {
      /* Redundant by the rule (no activity); a building that is no place of care says so
       * rather than that it stands empty. */
      sy->category = FP_CATEGORY_REDUNDANT;
      sy->reasons = r | (place_of_care (e, s) ? FP_REASON_NO_ACTIVITY
                                               : FP_REASON_NOT_A_PLACE_OF_CARE);
      return;
    }

  if (!isnan (u) && u < 0.25 && poor)
    {
      sy->category = FP_CATEGORY_REDUNDANT;
      sy->reasons = r | FP_REASON_VERY_LOW_USE_POOR;
      return;
    }

  if (!isnan (u) && u < 0.50)
    r |= FP_REASON_LOW_USE;
  if (condition == 'D')
    r |= FP_REASON_CONDITION_D;
  if (!isnan (sy->cost_per_m2) && !isnan (median_cost[site->type]) &&
      sy->cost_per_m2 > 1.5 * median_cost[site->type])
    r |= FP_REASON_COSTLY;

  /* A site with demand it has no room for is never Core: part of its work has nowhere
   * to happen. */
  if (r & (FP_REASON_LOW_USE | FP_REASON_CONDITION_D | FP_REASON_COSTLY))
    sy->category = FP_CATEGORY_MARGINAL;
  else if (!isnan (u) && u >= 0.70 && sound && sy->no_capacity_rooms == 0)
    {
      sy->category = FP_CATEGORY_CORE;
      r |= FP_REASON_WELL_USED_SOUND;
    }
  else
    sy->category = FP_CATEGORY_NEAR_CORE;

  sy->reasons = r;
}

static void
add_bed_totals (FpBedTotals      *t,
                const FpSiteYear *sy)
{
  t->beds += sy->beds;
  t->bed_days += sy->bed_days;
  t->bed_days_baseline_los += sy->bed_days_baseline_los;
  t->beds_required += sy->beds_required;
  t->bed_gap += sy->bed_gap;
  t->bed_equivalents_released_los += sy->bed_equivalents_released_los;
  t->bed_equivalents_released_occupancy += sy->bed_equivalents_released_occupancy;
  t->bed_days_unknown_los += sy->bed_days_unknown_los;
  t->spells += sy->spells_known;
}

/* Whether a site's year counts in its type's median cost per m². */
static gboolean
in_median (const FpSiteYear *sy)
{
  return sy->active && sy->held && !isnan (sy->cost_per_m2) && sy->cost_per_m2 > 0;
}

/* The median cost per m² of the sites of a type held and in use in year y. */
static double
type_median (const FpEngine   *e,
             const FpSiteYear *site_years,  /* [site][year] */
             guint             y,
             guint             type,
             GArray           *costs)
{
  guint ny = e->model->n_years;

  g_array_set_size (costs, 0);
  for (guint s = 0; s < e->n_sites; s++)
    {
      const FpSiteYear *sy = &site_years[s * ny + y];

      if (e->sites[s].type == type && in_median (sy))
        g_array_append_val (costs, sy->cost_per_m2);
    }
  return median (costs);
}

/* The medians of every site type in year y, in one pass over the sites (a pass a type
 * reads an England-size estate's site-years twelve times over, from memory). */
static void
year_medians (const FpEngine   *e,
              const FpSiteYear *site_years,  /* [site][year] */
              guint             y,
              GArray          **costs,       /* [type] */
              double           *out)         /* [type] */
{
  guint ny = e->model->n_years;

  for (guint type = 0; type < FP_N_SITE_TYPES; type++)
    g_array_set_size (costs[type], 0);
  for (guint s = 0; s < e->n_sites; s++)
    {
      const FpSiteYear *sy = &site_years[s * ny + y];

      if (in_median (sy))
        g_array_append_val (costs[e->sites[s].type], sy->cost_per_m2);
    }
  for (guint type = 0; type < FP_N_SITE_TYPES; type++)
    out[type] = median (costs[type]);
}

/* The baseline grown at this scenario's growth rates: what the sites' activity and the
 * unplaced volume add up to (docs/model.md, "Conservation of activity"). */
static void
fill_do_nothing_activity (const FpEngine *e,
                          double         *out)  /* [year][service] */
{
  const FpModel *m = e->model;
  guint ny = m->n_years, nv = m->n_services;

  for (guint v = 0; v < nv; v++)
    {
      double base = 0, factor = 1;

      for (guint s = 0; s < m->n_sites; s++)
        base += m->a0[s * nv + v];
      for (guint y = 0; y < ny; y++)
        {
          if (y > 0)
            factor *= 1.0 + e->growth[v * ny + y];
          out[y * nv + v] = base * factor;
        }
    }
}

/* Adds a site's year to the year's totals. */
static void
add_to_totals (const FpEngine   *e,
               guint             s,
               const FpSiteYear *sy,
               FpYearTotals     *t)
{
  t->running_cost += sy->running_cost;
  t->capital_receipts += sy->capital_receipts;
  t->capital_receipts_to_date += sy->capital_receipts_to_date;
  t->backlog_avoided += sy->backlog_avoided;
  t->backlog_avoided_to_date += sy->backlog_avoided_to_date;
  t->capital_costs += sy->capital_costs;
  t->void_cost += sy->void_cost;
  if (e->sites[s].tenure == FP_TENURE_LIFT)
    t->void_cost_lift += sy->void_cost;
  else if (e->sites[s].tenure == FP_TENURE_NHSPS)
    t->void_cost_nhsps += sy->void_cost;
  if (sy->held)
    t->sites_held++;
  if (sy->held && sy->active && sy->over_target)
    t->sites_over_target++;
  if (sy->held && sy->active && sy->over_capacity)
    t->sites_over_capacity++;
  add_bed_totals (&t->beds, sy);
  add_bed_totals (&t->beds_by_setting[fp_site_type_setting (e->sites[s].type)], sy);
}

/**
 * fp_engine_compute:
 * @engine: an engine with its changes applied
 * @do_nothing: (nullable): the Do nothing results, for revenue savings
 *
 * Returns: (transfer full): every figure for every site and year
 */
FpResults *
fp_engine_compute (const FpEngine  *engine,
                   const FpResults *do_nothing)
{
  const FpEngine *e = engine;
  const FpModel *m = e->model;
  guint ns = e->n_sites, ny = m->n_years, nv = m->n_services;
  FpResults *res = g_new0 (FpResults, 1);
  GArray *costs[FP_N_SITE_TYPES];
  double median_cost[FP_N_SITE_TYPES];

  res->base_year = m->base_year;
  res->n_years = ny;
  res->n_sites = ns;
  res->n_services = nv;
  res->sites = g_new0 (FpResultSite, ns);
  for (guint s = 0; s < ns; s++)
    {
      res->sites[s] = e->sites[s];
      res->sites[s].id = g_strdup (e->sites[s].id);
      res->sites[s].name = g_strdup (e->sites[s].name);
    }
  /* Every entry is derived (and zeroed) below: no need to zero it twice. */
  res->site_years = g_new (FpSiteYear, (gsize) ns * ny);
  res->activity = g_memdup2 (e->act, sizeof (double) * ns * ny * nv);
  res->totals = g_new0 (FpYearTotals, ny);
  res->unplaced = g_memdup2 (e->unplaced, sizeof (double) * ny * nv);
  res->unshifted = g_memdup2 (e->unshifted, sizeof (double) * ny * nv);
  res->los_reduced = g_memdup2 (e->los_reduced, sizeof (double) * ny * nv);
  res->n_beds = m->n_beds;
  res->bed_index = g_memdup2 (m->bed_index, sizeof (guint) * nv);
  res->stay0 = g_memdup2 (e->stay0, sizeof (double) * (ns * ny * m->n_beds + 1));
  res->unplaced_baseline_los = g_new (double, (gsize) ny * nv);
  for (guint i = 0; i < ny * nv; i++)
    res->unplaced_baseline_los[i] = m->bed_index[i % nv] != NOT_BED ? e->unplaced0[i]
                                                                     : e->unplaced[i];
  res->has_do_nothing = do_nothing != NULL;
  res->median_cost_by_year = g_new (double, (gsize) ny * FP_N_SITE_TYPES);
  res->engine_lineage = e->lineage;
  res->engine_n_applied = e->n_applied;

  res->do_nothing_activity = g_new0 (double, (gsize) ny * nv);
  fill_do_nothing_activity (e, res->do_nothing_activity);

  for (guint type = 0; type < FP_N_SITE_TYPES; type++)
    costs[type] = g_array_new (FALSE, FALSE, sizeof (double));

  /* Site by site, as the activity and the results are stored (an England-size estate's
   * do not fit in a cache); the medians and categories then go year by year. */
  for (guint s = 0; s < ns; s++)
    for (guint y = 0; y < ny; y++)
      derive_site_year (e, s, y, &res->site_years[s * ny + y]);

  for (guint y = 0; y < ny; y++)
    {
      FpYearTotals *t = &res->totals[y];

      /* Median cost per m² of each site type among the sites held and in use that year. */
      year_medians (e, res->site_years, y, costs, median_cost);
      memcpy (&res->median_cost_by_year[y * FP_N_SITE_TYPES], median_cost, sizeof median_cost);

      for (guint s = 0; s < ns; s++)
        {
          FpSiteYear *sy = &res->site_years[s * ny + y];

          categorise (e, s, sy, median_cost);
          sy->computed_category = sy->category;
          add_to_totals (e, s, sy, t);
        }

      if (do_nothing != NULL && y < do_nothing->n_years)
        t->revenue_saving_vs_do_nothing = do_nothing->totals[y].running_cost - t->running_cost;
    }

  for (guint type = 0; type < FP_N_SITE_TYPES; type++)
    g_array_unref (costs[type]);
  memcpy (res->median_cost_per_m2, median_cost, sizeof median_cost);
  return res;
}

/* A user's override of site s's category, in the years it is held. */
static void
apply_override (FpResults                *res,
                guint                     s,
                guint                     y,
                const FpCategoryOverride *o)
{
  FpSiteYear *sy = &res->site_years[(gsize) s * res->n_years + y];

  if (o == NULL || !sy->held)
    return;
  sy->category = o->category;
  sy->reasons |= FP_REASON_OVERRIDDEN;
}

/* Replaces @res's figures with a full computation, keeping its overrides. */
static void
recompute_all (const FpEngine  *e,
               FpResults       *res,
               const FpResults *do_nothing)
{
  FpResults *fresh = fp_engine_compute (e, do_nothing);
  FpResults old = *res;

  for (guint s = 0; s < old.n_sites; s++)
    {
      guint i;

      if (old.sites[s].override != NULL && fp_results_find_site (fresh, old.sites[s].id, &i))
        {
          fresh->sites[i].override = old.sites[s].override;
          for (guint y = 0; y < fresh->n_years; y++)
            apply_override (fresh, i, y, fresh->sites[i].override);
        }
    }

  *res = *fresh;
  *fresh = old;
  fp_results_free (fresh);
}

/**
 * fp_engine_update_results:
 * @engine: an engine
 * @results: results of this engine (from fp_engine_compute() or this function) before
 *   the changes applied since, with their overrides (fp_results_apply_overrides())
 * @do_nothing: (nullable): the Do nothing results, for revenue savings
 *
 * Brings @results up to date with the changes applied to @engine since, deriving again
 * only the sites and years those changes touched, the categories of a site type whose
 * median cost per m² they moved, and the totals of the years they touched: after one
 * change, a fraction of fp_engine_compute()'s work. The figures are the same, to the
 * bit, as fp_engine_compute() gives (tests/test-incremental.c checks it). Overrides
 * stay applied.
 *
 * When @results are not this engine's (another engine's, or a copy's: each copy starts a
 * lineage of its own), or the changes opened a site, everything is computed again.
 *
 * Returns: %TRUE if only what changed was derived again, %FALSE if everything was
 */
gboolean
fp_engine_update_results (const FpEngine  *engine,
                          FpResults       *res,
                          const FpResults *do_nothing)
{
  const FpEngine *e = engine;
  const FpModel *m = e->model;
  guint ns = e->n_sites, ny = m->n_years, nv = m->n_services, first_year = ny;
  g_autofree guint *from = NULL;
  g_autofree guint8 *recategorise = NULL;   /* [year][type] */
  g_autofree gboolean *year_touched = NULL;
  g_autoptr(GArray) costs = NULL;
  gboolean all = FALSE;

  g_return_val_if_fail (engine != NULL && res != NULL, FALSE);

  if (res->engine_lineage != e->lineage || res->engine_n_applied > e->n_applied ||
      res->n_sites != ns || res->n_years != ny || res->n_services != nv)
    all = TRUE;
  else
    {
      from = g_new (guint, MAX (ns, 1));
      for (guint s = 0; s < ns; s++)
        from[s] = ny;
      for (guint i = e->touched->len; i-- > 0;)
        {
          const Touch *t = &g_array_index (e->touched, Touch, i);

          if (t->change < res->engine_n_applied)
            break;
          if (t->site == G_MAXUINT)
            {
              all = TRUE;
              break;
            }
          from[t->site] = MIN (from[t->site], t->year);
          first_year = MIN (first_year, t->year);
        }
    }

  if (all)
    {
      recompute_all (e, res, do_nothing);
      return FALSE;
    }

  /* What is by year and service only is small: copy it whole. */
  memcpy (res->unplaced, e->unplaced, sizeof (double) * ny * nv);
  memcpy (res->unshifted, e->unshifted, sizeof (double) * ny * nv);
  memcpy (res->los_reduced, e->los_reduced, sizeof (double) * ny * nv);
  for (guint i = 0; i < ny * nv; i++)
    res->unplaced_baseline_los[i] = m->bed_index[i % nv] != NOT_BED ? e->unplaced0[i]
                                                                     : e->unplaced[i];
  fill_do_nothing_activity (e, res->do_nothing_activity);
  res->has_do_nothing = do_nothing != NULL;
  res->engine_n_applied = e->n_applied;

  recategorise = g_new0 (guint8, (gsize) ny * FP_N_SITE_TYPES);
  year_touched = g_new0 (gboolean, ny);
  costs = g_array_new (FALSE, FALSE, sizeof (double));

  /* The touched sites and years, derived again; a type's median is computed again only
   * when a site's part in it (held, in use, cost per m²) changed. */
  for (guint s = 0; s < ns; s++)
    {
      FpResultSite *rs = &res->sites[s];
      char *id = rs->id, *name = rs->name;
      const FpCategoryOverride *override = rs->override;

      if (from[s] >= ny)
        continue;

      *rs = e->sites[s];
      rs->id = id;
      rs->name = name;
      rs->override = override;
      memcpy (&res->activity[((gsize) s * ny + from[s]) * nv],
              &e->act[((gsize) s * ny + from[s]) * nv], sizeof (double) * (ny - from[s]) * nv);
      memcpy (&res->stay0[((gsize) s * ny + from[s]) * m->n_beds],
              &e->stay0[((gsize) s * ny + from[s]) * m->n_beds],
              sizeof (double) * (ny - from[s]) * m->n_beds);

      for (guint y = from[s]; y < ny; y++)
        {
          FpSiteYear *sy = &res->site_years[(gsize) s * ny + y];
          gboolean counted = in_median (sy);
          double cost = sy->cost_per_m2;

          derive_site_year (e, s, y, sy);
          year_touched[y] = TRUE;
          if (counted != in_median (sy) || (counted && cost != sy->cost_per_m2))
            recategorise[y * FP_N_SITE_TYPES + e->sites[s].type] = 1;
        }
    }

  for (guint y = first_year; y < ny; y++)
    {
      const double *median_cost = &res->median_cost_by_year[y * FP_N_SITE_TYPES];
      FpYearTotals *t = &res->totals[y];

      if (!year_touched[y])
        continue;

      /* A moved median moves the categories of every site of its type that year. */
      for (guint type = 0; type < FP_N_SITE_TYPES; type++)
        {
          guint8 *flag = &recategorise[y * FP_N_SITE_TYPES + type];
          double before = median_cost[type], after;

          if (!*flag)
            continue;
          after = type_median (e, res->site_years, y, type, costs);
          res->median_cost_by_year[y * FP_N_SITE_TYPES + type] = after;
          if (memcmp (&before, &after, sizeof (double)) == 0)
            *flag = 0;
        }

      memset (t, 0, sizeof *t);
      for (guint s = 0; s < ns; s++)
        {
          FpSiteYear *sy = &res->site_years[(gsize) s * ny + y];

          if (y >= from[s] || recategorise[y * FP_N_SITE_TYPES + e->sites[s].type])
            {
              categorise (e, s, sy, median_cost);
              sy->computed_category = sy->category;
              apply_override (res, s, y, res->sites[s].override);
            }
          add_to_totals (e, s, sy, t);
        }
    }

  /* Revenue savings against the Do nothing given now, in every year. */
  for (guint y = 0; y < ny; y++)
    res->totals[y].revenue_saving_vs_do_nothing =
      do_nothing != NULL && y < do_nothing->n_years
        ? do_nothing->totals[y].running_cost - res->totals[y].running_cost : 0;

  memcpy (res->median_cost_per_m2, &res->median_cost_by_year[(ny - 1) * FP_N_SITE_TYPES],
          sizeof res->median_cost_per_m2);
  return TRUE;
}

/**
 * fp_compute_scenario:
 * @model: the baseline
 * @changes: (element-type FpChange): the changes, in order
 * @do_nothing: (nullable): the Do nothing results, for revenue savings
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the results, or %NULL with the first change that
 *   could not apply named in @error
 */
FpResults *
fp_compute_scenario (const FpModel   *model,
                     GPtrArray       *changes,
                     const FpResults *do_nothing,
                     GError         **error)
{
  g_autoptr(FpEngine) engine = fp_engine_new (model);

  for (guint i = 0; changes != NULL && i < changes->len; i++)
    if (!fp_engine_apply (engine, g_ptr_array_index (changes, i), error))
      {
        g_prefix_error (error, _("Change %u: "), i + 1);
        return NULL;
      }

  return fp_engine_compute (engine, do_nothing);
}

/* ---- Results ------------------------------------------------------------------------ */

void
fp_results_free (FpResults *res)
{
  if (res == NULL)
    return;

  for (guint s = 0; s < res->n_sites; s++)
    clear_result_site (&res->sites[s]);
  g_free (res->sites);
  g_free (res->site_years);
  g_free (res->activity);
  g_free (res->totals);
  g_free (res->unplaced);
  g_free (res->unshifted);
  g_free (res->do_nothing_activity);
  g_free (res->los_reduced);
  g_free (res->bed_index);
  g_free (res->stay0);
  g_free (res->unplaced_baseline_los);
  g_free (res->median_cost_by_year);
  g_free (res);
}

/**
 * fp_results_apply_overrides:
 * @results: results
 * @overrides: (element-type FpCategoryOverride): the overrides that apply to this scenario,
 *   a scenario's own before the document-wide ones; @results borrow them
 *
 * Sets each overridden site's category in every year it is held, keeping the category the
 * rules give in `computed_category` and saying so in the reasons.
 */
void
fp_results_apply_overrides (FpResults *res,
                            GPtrArray *overrides)
{
  for (guint i = 0; overrides != NULL && i < overrides->len; i++)
    {
      const FpCategoryOverride *o = g_ptr_array_index (overrides, i);
      guint s;

      if (!fp_results_find_site (res, o->site_id, &s) || res->sites[s].override != NULL)
        continue;

      res->sites[s].override = o;
      for (guint y = 0; y < res->n_years; y++)
        {
          FpSiteYear *sy = &res->site_years[(gsize) s * res->n_years + y];

          if (!sy->held)
            continue;
          sy->category = o->category;
          sy->reasons |= FP_REASON_OVERRIDDEN;
        }
    }
}

const FpSiteYear *
fp_results_get (const FpResults *res,
                guint            site,
                guint            year)
{
  g_return_val_if_fail (site < res->n_sites && year < res->n_years, NULL);
  return &res->site_years[(gsize) site * res->n_years + year];
}

double
fp_results_activity (const FpResults *res,
                     guint            site,
                     guint            year,
                     guint            service)
{
  g_return_val_if_fail (site < res->n_sites && year < res->n_years &&
                        service < res->n_services, NAN);
  return res->activity[((gsize) site * res->n_years + year) * res->n_services + service];
}

/**
 * fp_results_activity_baseline_los:
 * @results: results
 * @site: a site index
 * @year: a year index
 * @service: a service index
 *
 * Returns: the site's volume of the service had no length of stay been cut: spells × the
 *   baseline stay for a bed service, the activity itself for any other (docs/model.md,
 *   "Conservation of activity")
 */
double
fp_results_activity_baseline_los (const FpResults *res,
                                  guint            site,
                                  guint            year,
                                  guint            service)
{
  guint b;

  g_return_val_if_fail (site < res->n_sites && year < res->n_years &&
                        service < res->n_services, NAN);
  b = res->bed_index[service];
  if (b == NOT_BED)
    return fp_results_activity (res, site, year, service);
  return res->stay0[((gsize) site * res->n_years + year) * res->n_beds + b];
}

/**
 * fp_results_activity_at_sites:
 * @results: results
 * @year: a year index
 * @service: a service index
 *
 * Returns: Σ over sites of the service's activity that year; with the unplaced volume it
 *   adds up to `do_nothing_activity` (docs/model.md, "Conservation of activity")
 */
double
fp_results_activity_at_sites (const FpResults *res,
                              guint            year,
                              guint            service)
{
  double total = 0;

  g_return_val_if_fail (year < res->n_years && service < res->n_services, NAN);
  for (guint s = 0; s < res->n_sites; s++)
    total += res->activity[((gsize) s * res->n_years + year) * res->n_services + service];
  return total;
}

gboolean
fp_results_find_site (const FpResults *res,
                      const char      *id,
                      guint           *index)
{
  for (guint s = 0; id != NULL && s < res->n_sites; s++)
    if (g_str_equal (res->sites[s].id, id))
      {
        *index = s;
        return TRUE;
      }

  return FALSE;
}

static void
add_take (GStrvBuilder *builder,
          char         *sentence)
{
  g_strv_builder_add (builder, sentence);
  g_free (sentence);
}

/* Room types as the subject of a sentence ("Treatment rooms are over capacity: …"). */
static const char * const room_type_subjects[FP_N_ROOM_TYPES] = {
  N_("Consulting rooms"), N_("Treatment rooms"), N_("Group rooms"), N_("Imaging rooms"),
  N_("Beds"), N_("Desks"),
};

/* And as the object of one ("the site has no desks"). */
static const char * const room_type_objects[FP_N_ROOM_TYPES] = {
  N_("consulting rooms"), N_("treatment rooms"), N_("group rooms"), N_("imaging rooms"),
  N_("beds"), N_("desks"),
};

/* Per room type: no capacity at all (naming each service with nowhere to go), over
 * capacity, or over its target. */
static void
describe_room_types (GStrvBuilder    *b,
                     const FpResults *res,
                     const FpModel   *model,
                     const FpSiteYear *sy)
{
  const FpEstate *estate = fp_model_get_estate (model);

  for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
    {
      guint8 bit = (guint8) (1u << rt);

      if (sy->no_capacity_rooms & bit)
        {
          for (guint v = 0; v < res->n_services; v++)
            {
              const FpService *service = &g_array_index (estate->services, FpService, v);

              if ((sy->no_capacity & (G_GUINT64_CONSTANT (1) << v)) && service->room_type == rt)
                add_take (b, g_strdup_printf (_("No capacity for %s: the site has no %s for "
                                                "its demand."),
                                              service->name, _(room_type_objects[rt])));
            }
        }
      else if (sy->over_capacity_rooms & bit)
        {
          g_autofree char *u = fp_format_percent (sy->utilisation[rt]);

          add_take (b, g_strdup_printf (_("%s are over capacity: demand is %s of what they "
                                          "can take."), _(room_type_subjects[rt]), u));
        }
      else if (sy->over_target_rooms & bit)
        {
          g_autofree char *u = fp_format_percent (sy->utilisation[rt]);
          g_autofree char *target = fp_format_percent (
            rt == FP_ROOM_BED ? sy->target_bed_occupancy
                              : fp_model_get_assumption (model, "target_room_utilisation"));

          add_take (b, g_strdup_printf (_("%s are over their %s target, at %s."),
                                        _(room_type_subjects[rt]),
                                        target, u));
        }
    }
}

/**
 * fp_results_describe_reasons:
 * @results: results
 * @model: the model they came from
 * @site: a site index
 * @year: a year index
 *
 * Returns: (transfer full): one sentence per reason behind the site's category, and per
 *   room type over its target or capacity, or with no capacity for its demand
 */
GStrv
fp_results_describe_reasons (const FpResults *res,
                             const FpModel   *model,
                             guint            site,
                             guint            year)
{
  const FpSiteYear *sy = fp_results_get (res, site, year);
  const FpResultSite *rs = &res->sites[site];
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  double u = category_utilisation (sy);
  g_autofree char *u_text = isfinite (u) ? fp_format_percent (u) : NULL;
  char condition = site < model->n_sites ? model->condition[site] : 'A';
  guint32 r = sy->reasons;

  if (r & FP_REASON_OVERRIDDEN)
    add_take (b, g_strdup_printf (_("Set to %s by %s: %s (the rules give %s)."),
                                  fp_category_to_label (sy->category),
                                  rs->override->author ? rs->override->author : _("a user"),
                                  rs->override->reason,
                                  fp_category_to_label (sy->computed_category)));

  if (r & FP_REASON_LEFT)
    {
      if (sy->held)
        {
          if (rs->liability_unknown)
            add_take (b, g_strdup_printf (
              _("Left in %d; the end of its %s liability is not known, so its cost is carried "
                "to the end of the horizon."), rs->exit_year, fp_tenure_to_label (rs->tenure)));
          else
            add_take (b, g_strdup_printf (
              _("Left in %d; its %s liability runs until %d and its whole cost counts as "
                "void."), rs->exit_year, fp_tenure_to_label (rs->tenure),
              rs->liability_end_year));
        }
      else
        {
          add_take (b, g_strdup_printf (_("Left in %d; no longer held."), rs->exit_year));
        }
    }
  if ((r & FP_REASON_NO_ACTIVITY) && !(r & FP_REASON_LEFT))
    add_take (b, g_strdup_printf (_("It has no activity in %d, so the whole building counts "
                                    "as void."), res->base_year + (int) year));
  if (r & FP_REASON_NOT_A_PLACE_OF_CARE)
    g_strv_builder_add (b, _("It has no clinic rooms, beds or desks: it is not a place of care, "
                             "so the model gives it no activity and does not count it as "
                             "void."));
  /* The three utilisation reasons need a utilisation; categorise sets them only then. */
  if ((r & FP_REASON_VERY_LOW_USE_POOR) && u_text != NULL)
    add_take (b, g_strdup_printf (_("Utilisation is %s, below 25%%, and its condition is %c."),
                                  u_text, condition));
  if ((r & FP_REASON_LOW_USE) && u_text != NULL)
    add_take (b, g_strdup_printf (_("Utilisation is %s, below 50%%."), u_text));
  if (r & FP_REASON_CONDITION_D)
    g_strv_builder_add (b, _("Its condition is D."));
  if (r & FP_REASON_COSTLY)
    {
      g_autofree char *cost = fp_format_money (sy->cost_per_m2);
      g_autofree char *med = fp_format_money (res->median_cost_per_m2[rs->type]);
      add_take (b, g_strdup_printf (
        _("Its cost per m², %s, is over 1.5 times the median for its type (%s)."), cost, med));
    }
  if ((r & FP_REASON_WELL_USED_SOUND) && u_text != NULL)
    add_take (b, g_strdup_printf (_("Utilisation is %s, at least 70%%, and its condition is "
                                    "%c."), u_text, condition));
  describe_room_types (b, res, model, sy);
  if (r & FP_REASON_CONDITION_UNKNOWN)
    g_strv_builder_add (b, _("Its condition is not known."));
  if (sy->computed_category == FP_CATEGORY_NEAR_CORE)
    {
      if (u_text != NULL && u < 0.70)
        add_take (b, g_strdup_printf (_("Utilisation is %s, between 50%% and 70%%."), u_text));
      else if (u_text == NULL)
        g_strv_builder_add (b, _("Its utilisation is not defined: it has no capacity for "
                                 "its demand."));
      if (condition == 'C')
        add_take (b, g_strdup_printf (_("Its condition is %c."), condition));
      if (sy->no_capacity_rooms != 0 && u_text != NULL && u >= 0.70)
        g_strv_builder_add (b, _("It is not Core while some of its demand has no room."));
    }

  return g_strv_builder_end (b);
}

/**
 * fp_engine_liability_end:
 * @engine: an engine
 * @site: a site index
 * @exit_year: the year a scenario would leave the site
 * @unknown: (out) (optional): whether the end is not known (the cost then runs to the end
 *   of the horizon)
 *
 * The first year the NHS would no longer bear the site's cost if the scenario left it in
 * @exit_year, by its tenure, lease and notice (docs/model.md, "Liabilities"): the rule an
 * exit applies, for a caller that weighs exits before making them (the optimiser). A
 * backfill or a sale is not counted.
 *
 * Returns: that year; the first year after the horizon when the end is unknown
 */
int
fp_engine_liability_end (const FpEngine *engine,
                         guint           site,
                         int             exit_year,
                         gboolean       *unknown)
{
  gboolean u = FALSE;
  int end;

  g_return_val_if_fail (site < engine->n_sites, 0);

  end = liability_end (engine, site, exit_year, &u);
  if (unknown != NULL)
    *unknown = u;
  return end;
}
