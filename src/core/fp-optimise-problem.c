/* fp-optimise-problem.c: the optimiser's problem, read from the model and Do nothing.
 *
 * Everything the program needs is computed here from public figures: the engine's Do
 * nothing results (running costs by year, demand by room type, activity), the estate's
 * rooms, void rooms, hours, beds and desks (the figures the engine reads), the tenure
 * rule of an exit (fp_engine_liability_end()), the appraisal's discount factors and the
 * access figures of fp_access_compute(). docs/model.md, "Optimiser", writes it out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-optimise"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-format.h"
#include "fp-geo.h"
#include "fp-hosting.h"
#include "fp-optimise-private.h"

/* A saving smaller than this (£, present value) is no reason to leave a building. */
#define MIN_SAVING 1.0

static double
or_zero (double value)
{
  return isnan (value) ? 0.0 : value;
}

static double
assumption (const FpModel *model,
            const char    *key,
            double         fallback)
{
  double value = fp_model_get_assumption (model, key);

  return isnan (value) ? fallback : value;
}

double
opt_elapsed (const OptReport *report)
{
  return (g_get_monotonic_time () - report->start) / 1e6;
}

void
opt_report (OptReport       *report,
            FpOptimisePhase  phase,
            gboolean         has_solution,
            double           npv,
            double           bound,
            guint            nodes)
{
  FpOptimiseProgress progress = { 0 };

  if (report == NULL || report->func == NULL)
    return;

  progress.phase = phase;
  progress.elapsed = opt_elapsed (report);
  progress.time_limit = report->time_limit;
  progress.has_solution = has_solution;
  progress.npv = has_solution ? npv : NAN;
  progress.bound = bound;
  progress.gap = has_solution && !isnan (bound) ? (bound - npv) / fmax (fabs (bound), 1.0) : NAN;
  progress.nodes = nodes;
  report->func (&progress, report->user_data);
}

static void grid_free (OptGrid *g);

static void
set_free (gpointer data)
{
  OptSet *set = data;

  for (guint i = 0; set->zones != NULL && i < set->zones->len; i++)
    g_free (g_array_index (set->zones, OptZone, i).candidates);
  if (set->zones != NULL)
    g_array_unref (set->zones);
  g_free (set->id);
  g_free (set->name);
  g_free (set->member);
  g_free (set);
}

void
opt_problem_free (OptProblem *p)
{
  if (p == NULL)
    return;

  g_free (p->df);
  g_free (p->cap_years);
  g_free (p->receiver);
  g_free (p->receives_res);
  g_free (p->tau);
  g_free (p->hw);
  g_free (p->voids);
  g_free (p->base_cap);
  g_free (p->spare);
  g_free (p->w_min);
  g_free (p->w_col);
  g_free (p->w_val);
  g_free (p->candidate_of);
  g_free (p->not_candidate);
  g_free (p->best_delta);
  g_free (p->best_year);
  if (p->grid != NULL)
    grid_free (p->grid);
  if (p->candidates != NULL)
    {
      for (guint i = 0; i < p->candidates->len; i++)
        g_array_unref (g_array_index (p->candidates, OptCandidate, i).slots);
      g_array_unref (p->candidates);
    }
  if (p->supplies != NULL)
    {
      for (guint i = 0; i < p->supplies->len; i++)
        g_free (g_array_index (p->supplies, OptSupply, i).load);
      g_array_unref (p->supplies);
    }
  if (p->arcs != NULL)
    g_array_unref (p->arcs);
  if (p->sets != NULL)
    g_ptr_array_unref (p->sets);
  g_free (p);
}

static const FpService *
service_of (const OptProblem *p,
            guint             v)
{
  return &g_array_index (fp_model_get_estate (p->model)->services, FpService, v);
}

/* Room-hours (or bed-days, desk-days) one unit of the service takes: the engine's rate. */
static double
unit_rate (const FpService *service)
{
  return service->room_type < FP_N_ROOM_HOUR_TYPES ? service->minutes_per_unit / 60.0 : 1.0;
}

static double
dn_activity (const OptProblem *p,
             guint             s,
             guint             y,
             guint             v)
{
  return fp_results_activity (p->dn, s, y, v);
}

static gboolean
in_list (GStrv       list,
         const char *id)
{
  return list != NULL && g_strv_contains ((const char * const *) list, id);
}

/* ---- A grid of the sites, for the sites near a point ---------------------------------- */

/* Sites bucketed in square cells of a plane whose east-west scale is that of the
 * estate's latitude furthest from the equator: distances in the plane are never longer
 * than on the sphere, so a search that covers the plane's radius finds every site within
 * that great-circle radius (the exact distance then decides). */
struct _OptGrid
{
  double  lat0;
  double  lon0;
  double  kx;          /* km per degree of longitude (the least in the estate) */
  double  ky;          /* km per degree of latitude */
  double  cell;        /* km */
  int     nx;
  int     ny;
  guint  *start;       /* [nx × ny + 1] */
  guint  *items;       /* site indices, by cell */
};

#define GRID_CELL_KM 2.0
#define KM_PER_DEGREE 111.19508

static void
grid_free (OptGrid *g)
{
  g_free (g->start);
  g_free (g->items);
  g_free (g);
}

static void
grid_cell (const OptGrid *g,
           double      lat,
           double      lon,
           int        *cx,
           int        *cy)
{
  *cx = CLAMP ((int) floor ((lon - g->lon0) * g->kx / g->cell), 0, g->nx - 1);
  *cy = CLAMP ((int) floor ((lat - g->lat0) * g->ky / g->cell), 0, g->ny - 1);
}

static OptGrid *
grid_new (const FpResults *res,
          const gboolean  *include)   /* [site] */
{
  OptGrid *g = g_new0 (OptGrid, 1);
  double lat_min = G_MAXDOUBLE, lat_max = -G_MAXDOUBLE, lon_min = G_MAXDOUBLE;
  double lon_max = -G_MAXDOUBLE;
  g_autofree int *cell_of = g_new (int, MAX (res->n_sites, 1));
  g_autofree guint *fill = NULL;
  guint n = 0;

  for (guint s = 0; s < res->n_sites; s++)
    if (include[s])
      {
        lat_min = fmin (lat_min, res->sites[s].lat);
        lat_max = fmax (lat_max, res->sites[s].lat);
        lon_min = fmin (lon_min, res->sites[s].lon);
        lon_max = fmax (lon_max, res->sites[s].lon);
        n++;
      }
  if (n == 0)
    lat_min = lat_max = lon_min = lon_max = 0;

  g->lat0 = lat_min;
  g->lon0 = lon_min;
  g->ky = KM_PER_DEGREE;
  g->kx = KM_PER_DEGREE * cos (fmax (fabs (lat_min), fabs (lat_max)) * G_PI / 180.0);
  g->cell = GRID_CELL_KM;
  g->nx = 1 + (int) floor ((lon_max - lon_min) * g->kx / g->cell);
  g->ny = 1 + (int) floor ((lat_max - lat_min) * g->ky / g->cell);
  g->start = g_new0 (guint, (gsize) g->nx * g->ny + 1);
  g->items = g_new (guint, MAX (n, 1));
  fill = g_new0 (guint, (gsize) g->nx * g->ny);

  for (guint s = 0; s < res->n_sites; s++)
    if (include[s])
      {
        int cx, cy;

        grid_cell (g, res->sites[s].lat, res->sites[s].lon, &cx, &cy);
        cell_of[s] = cy * g->nx + cx;
        g->start[cell_of[s] + 1]++;
      }
  for (int c = 0; c < g->nx * g->ny; c++)
    g->start[c + 1] += g->start[c];
  for (guint s = 0; s < res->n_sites; s++)
    if (include[s])
      g->items[g->start[cell_of[s]] + fill[cell_of[s]]++] = s;

  return g;
}

/* The cells of ring r around (cx, cy), calling @visit for each site in them. */
static void
grid_ring (const OptGrid *g,
           int         cx,
           int         cy,
           int         r,
           void      (*visit) (guint s, gpointer data),
           gpointer    data)
{
  for (int y = cy - r; y <= cy + r; y++)
    {
      if (y < 0 || y >= g->ny)
        continue;
      for (int x = cx - r; x <= cx + r; x++)
        {
          int c;

          if (x < 0 || x >= g->nx)
            continue;
          if (y != cy - r && y != cy + r && x != cx - r && x != cx + r)
            continue;
          c = y * g->nx + x;
          for (guint k = g->start[c]; k < g->start[c + 1]; k++)
            visit (g->items[k], data);
        }
    }
}

static int
grid_max_ring (const OptGrid *g,
               int         cx,
               int         cy)
{
  return MAX (MAX (cx, g->nx - 1 - cx), MAX (cy, g->ny - 1 - cy));
}

typedef struct
{
  const FpResults *res;
  double           lat;
  double           lon;
  double           radius;   /* km on the sphere; G_MAXDOUBLE for no limit */
  gboolean       (*keep) (guint s, gpointer data);
  gpointer         keep_data;
  GArray          *found;    /* Near */
} Query;

typedef struct
{
  guint  receiver;
  double km;
} Near;

static void
query_visit (guint    s,
             gpointer data)
{
  Query *q = data;
  Near near;

  if (q->keep != NULL && !q->keep (s, q->keep_data))
    return;
  near.receiver = s;
  near.km = fp_geo_haversine_km (q->lat, q->lon, q->res->sites[s].lat, q->res->sites[s].lon);
  if (near.km <= q->radius)
    g_array_append_val (q->found, near);
}

static int
compare_near (gconstpointer a,
              gconstpointer b)
{
  const Near *x = a, *y = b;

  if (x->km != y->km)
    return x->km < y->km ? -1 : 1;
  return (x->receiver > y->receiver) - (x->receiver < y->receiver);
}

/* The sites within @radius km (great circle) of a point, nearest first. */
static void
grid_within (const OptGrid *g,
             Query      *q)
{
  int cx, cy, rings;

  g_array_set_size (q->found, 0);
  grid_cell (g, q->lat, q->lon, &cx, &cy);
  rings = MIN (grid_max_ring (g, cx, cy), (int) ceil (q->radius / g->cell) + 1);
  for (int r = 0; r <= rings; r++)
    grid_ring (g, cx, cy, r, query_visit, q);
  g_array_sort (q->found, compare_near);
}

/* The @k nearest sites that @q->keep accepts, nearest first (ties to the lower index):
 * rings are searched outwards until no further ring can hold a nearer one. */
static void
grid_nearest (const OptGrid *g,
              Query      *q,
              guint       k)
{
  int cx, cy, max_ring;

  g_array_set_size (q->found, 0);
  q->radius = G_MAXDOUBLE;
  grid_cell (g, q->lat, q->lon, &cx, &cy);
  max_ring = grid_max_ring (g, cx, cy);
  for (int r = 0; r <= max_ring; r++)
    {
      grid_ring (g, cx, cy, r, query_visit, q);
      /* A site in ring r + 1 or beyond is at least r cells away in the plane, and no
       * nearer on the sphere. */
      if (q->found->len >= k)
        {
          g_array_sort (q->found, compare_near);
          if (g_array_index (q->found, Near, k - 1).km < r * g->cell)
            break;
        }
    }
  g_array_sort (q->found, compare_near);
  if (q->found->len > k)
    g_array_set_size (q->found, k);
}

/* ---- Sites that may receive, and their room ------------------------------------------ */

#define SPARE(p, s, c, r) ((p)->spare[((gsize) (s) * (p)->n_cap_years + (c)) * OPT_N_RES + (r)])

/* Capacities without void rooms, the targets' spare room in the capacity years, the void
 * rooms Do nothing itself needs, and whether each site may receive each resource. */
static void
read_capacity (OptProblem *p)
{
  const FpEstate *estate = fp_model_get_estate (p->model);
  double weeks = assumption (p->model, "weeks_per_year", 50);
  double desk_days = assumption (p->model, "desk_days_per_year", 250);
  double target = assumption (p->model, "target_room_utilisation", 0.85);
  double occupancy = assumption (p->model, "target_bed_occupancy", 0.92);
  guint ns = p->ns;

  p->tau = g_new (double, OPT_N_RES);
  for (guint r = 0; r < OPT_N_RES; r++)
    p->tau[r] = r == FP_ROOM_BED ? occupancy : target;

  p->hw = g_new0 (double, ns);
  p->voids = g_new0 (double, ns);
  p->base_cap = g_new0 (double, (gsize) ns * OPT_N_RES);
  p->spare = g_new0 (double, (gsize) ns * p->n_cap_years * OPT_N_RES);
  p->w_min = g_new0 (int, (gsize) ns * FP_N_ROOM_HOUR_TYPES);
  p->w_col = g_new0 (int, (gsize) ns * FP_N_ROOM_HOUR_TYPES);
  p->w_val = g_new0 (double, (gsize) ns * FP_N_ROOM_HOUR_TYPES);
  p->receives_res = g_new0 (gboolean, (gsize) ns * OPT_N_RES);

  for (guint s = 0; s < ns; s++)
    {
      const FpSite *site = fp_estate_get_site (estate, s);
      double *cap = &p->base_cap[s * OPT_N_RES];
      int need = 0;
      gboolean fits = TRUE;

      p->hw[s] = or_zero (site->numbers[FP_SITE_HOURS_OPEN]) * weeks;
      p->voids[s] = floor (or_zero (site->numbers[FP_SITE_VOID_ROOMS]) + 1e-9);
      for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
        cap[k] = or_zero (site->numbers[FP_SITE_ROOMS_CONSULT + k]) * p->hw[s];
      cap[FP_ROOM_BED] = or_zero (site->numbers[FP_SITE_BEDS]) * 365.0;
      cap[FP_ROOM_DESK] = or_zero (site->numbers[FP_SITE_DESKS]) * desk_days;

      for (guint c = 0; c < p->n_cap_years; c++)
        {
          const FpSiteYear *sy = fp_results_get (p->dn, s, p->cap_years[c]);

          for (guint r = 0; r < OPT_N_RES; r++)
            SPARE (p, s, c, r) = p->tau[r] * cap[r] - sy->demand[r];
        }

      if (!p->receiver[s])
        continue;

      /* Void rooms Do nothing needs to keep each room-hour type within its target: whole
       * rooms (docs/model.md: the engine brings them in one at a time). */
      for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
        {
          int w = 0;

          for (guint c = 0; c < p->n_cap_years; c++)
            {
              double short_by = -SPARE (p, s, c, k);

              if (short_by <= 1e-9)
                continue;
              if (p->hw[s] <= 0)
                {
                  fits = FALSE;
                  break;
                }
              w = MAX (w, (int) ceil (short_by / (p->tau[k] * p->hw[s]) - 1e-9));
            }
          p->w_min[s * FP_N_ROOM_HOUR_TYPES + k] = w;
          need += w;
        }
      if (need > p->voids[s])
        fits = FALSE;

      /* A site Do nothing already takes over a target takes nothing more of it. */
      for (guint r = 0; r < OPT_N_RES; r++)
        {
          double room;
          gboolean ok = TRUE;

          if (r < FP_N_ROOM_HOUR_TYPES)
            {
              int w = p->w_min[s * FP_N_ROOM_HOUR_TYPES + r];

              if (!fits)
                continue;
              room = SPARE (p, s, p->n_cap_years - 1, r)
                     + p->tau[r] * p->hw[s] * (p->voids[s] - need + w);
            }
          else
            {
              for (guint c = 0; c < p->n_cap_years; c++)
                if (SPARE (p, s, c, r) < 0)
                  ok = FALSE;
              room = SPARE (p, s, p->n_cap_years - 1, r);
            }
          p->receives_res[s * OPT_N_RES + r] = ok && room > 1e-6;
        }
    }
}

/* The room a receiver could give a resource at most (with all its void rooms), in the
 * last capacity year. */
static double
potential_room (const OptProblem *p,
                guint             s,
                guint             r)
{
  double room = SPARE (p, s, p->n_cap_years - 1, r);

  if (r < FP_N_ROOM_HOUR_TYPES)
    {
      int need = 0;

      for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
        need += p->w_min[s * FP_N_ROOM_HOUR_TYPES + k];
      room += p->tau[r] * p->hw[s] * (p->voids[s] - need + p->w_min[s * FP_N_ROOM_HOUR_TYPES + r]);
    }

  return room;
}

/* ---- Candidates ----------------------------------------------------------------------- */

static gboolean
is_held_nhs (const OptProblem *p,
             guint             s)
{
  const FpResultSite *site = &p->dn->sites[s];

  if (site->sector != FP_SECTOR_NHS || site->status != FP_SITE_STATUS_CURRENT)
    return FALSE;
  for (guint y = 0; y < p->ny; y++)
    {
      const FpSiteYear *sy = fp_results_get (p->dn, s, y);

      if (!sy->held || !sy->active)
        return FALSE;
    }
  return TRUE;
}

static const FpOptimiseValue *
find_value (const FpOptimiseSettings *settings,
            const char               *id)
{
  for (guint i = 0; settings->values != NULL && i < settings->values->len; i++)
    {
      const FpOptimiseValue *v = g_ptr_array_index (settings->values, i);

      if (g_strcmp0 (v->id, id) == 0)
        return v;
    }
  return NULL;
}

/* The years a site may be left in, with what each saves; only the years that save more
 * than every later year (leaving earlier for the same saving only empties the building
 * sooner), and with no limit on exits a year only the best of them. */
static GArray *
exit_slots (OptProblem      *p,
            const FpEngine  *engine,
            guint            s,
            const FpOptimiseValue *value,
            gboolean         locked_exit,
            double          *best_delta,
            int             *best_year)
{
  const FpSite *site = fp_estate_get_site (fp_model_get_estate (p->model), s);
  const FpOptimiseSettings *st = p->settings;
  g_autoptr(GArray) all = g_array_new (FALSE, TRUE, sizeof (OptSlot));
  GArray *slots = g_array_new (FALSE, TRUE, sizeof (OptSlot));
  double keep = 0, backlog = 0, best_later = G_MAXDOUBLE;
  int first = p->first_year;
  gpointer earliest;

  if (st->earliest != NULL &&
      g_hash_table_lookup_extended (st->earliest, site->id, NULL, &earliest))
    first = MAX (first, GPOINTER_TO_INT (earliest));

  for (guint t = 0; t < p->ny; t++)
    keep += p->df[t] * fp_results_get (p->dn, s, t)->running_cost;
  for (guint b = FP_SITE_FIRST_BACKLOG; b <= FP_SITE_LAST_BACKLOG; b++)
    backlog += or_zero (site->numbers[b]);

  for (int year = first; year <= p->last_year; year++)
    {
      OptSlot slot = { 0 };
      guint y0 = (guint) (year - p->base_year);
      double exit_cost = 0;

      slot.year = year;
      slot.liability_end = fp_engine_liability_end (engine, s, year, &slot.unknown);
      for (guint t = 0; t < p->ny; t++)
        if (p->base_year + (int) t < slot.liability_end)
          exit_cost += p->df[t] * fp_results_get (p->dn, s, t)->running_cost;
      slot.running_avoided = keep - exit_cost;
      if (value != NULL)
        slot.receipt = p->df[y0] * (value->value - value->disposal_costs);
      slot.backlog = p->df[y0] * backlog;
      slot.transition = p->df[y0] * st->transition_cost;
      slot.delta = -slot.running_avoided - slot.receipt + slot.transition -
                   (st->count_backlog ? slot.backlog : 0);
      g_array_append_val (all, slot);
    }

  *best_delta = 0;
  *best_year = 0;
  for (guint i = all->len; i-- > 0;)
    {
      OptSlot *slot = &g_array_index (all, OptSlot, i);

      if (slot->delta < best_later - 0.005)
        {
          g_array_prepend_val (slots, *slot);
          best_later = slot->delta;
        }
    }

  if (slots->len > 0)
    {
      /* The first kept slot saves most. */
      *best_delta = g_array_index (slots, OptSlot, 0).delta;
      *best_year = g_array_index (slots, OptSlot, 0).year;
    }

  if (st->max_exits_per_year == 0 && slots->len > 1)
    g_array_set_size (slots, 1);

  /* Slots that save nothing are no choice, unless the user insists on leaving. */
  if (!locked_exit)
    {
      guint keep_n = 0;

      for (guint i = 0; i < slots->len; i++)
        if (g_array_index (slots, OptSlot, i).delta < -MIN_SAVING)
          g_array_index (slots, OptSlot, keep_n++) = g_array_index (slots, OptSlot, i);
      g_array_set_size (slots, keep_n);
    }

  return slots;
}

static gboolean
may_take (const OptProblem *p,
          guint             r,
          guint             v)
{
  const FpService *service = service_of (p, v);
  FpServiceClass cls = fp_service_class (service->setting, service->room_type);

  switch (fp_hosting_rule (p->dn->sites[r].type, cls))
    {
    case FP_HOSTING_YES:
      return TRUE;
    case FP_HOSTING_NAMED:
    case FP_HOSTING_IF_OFFERED:
      /* The allocator's rule: a service that a site of its type may take only where it is
       * offered goes only where it is offered, in every year it could arrive. */
      for (int year = p->first_year; year <= p->last_year; year++)
        if (!(dn_activity (p, r, (guint) (year - p->base_year), v) > 0))
          return FALSE;
      return TRUE;
    case FP_HOSTING_NO:
    default:
      return FALSE;
    }
}

typedef struct
{
  const OptProblem *p;
  guint             origin;
  guint             service;
  guint             resource;
} Taker;

static gboolean
may_take_from (guint    r,
               gpointer data)
{
  const Taker *t = data;

  return r != t->origin && t->p->receiver[r] &&
         t->p->receives_res[r * OPT_N_RES + t->resource] && may_take (t->p, r, t->service);
}

/* The services of candidate c and their arcs to the nearest receivers that may take them.
 * Returns FALSE, with the service, when one of them cannot be placed even with every
 * receiver in reach empty of others' moves. */
static gboolean
add_supplies (OptProblem *p,
              guint       c,
              guint      *failed_service)
{
  OptCandidate *cand = &g_array_index (p->candidates, OptCandidate, c);
  guint o = cand->site;
  const FpResultSite *origin = &p->dn->sites[o];
  double circuity = assumption (p->model, "circuity", 1.3);
  guint max_r = p->settings->max_receivers > 0 ? p->settings->max_receivers
                                               : FP_OPTIMISE_DEFAULT_MAX_RECEIVERS;
  guint first_supply = p->supplies->len, first_arc = p->arcs->len;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Near));
  double load_by_res[OPT_N_RES] = { 0 };
  g_autoptr(GHashTable) reach = g_hash_table_new (NULL, NULL);   /* receiver*OPT_N_RES+res */

  cand->first_supply = first_supply;
  cand->n_supplies = 0;

  for (guint v = 0; v < p->nv; v++)
    {
      const FpService *service = service_of (p, v);
      double last = dn_activity (p, o, p->ny - 1, v);
      OptSupply sup = { 0 };
      Taker taker = { p, o, v, service->room_type };
      Query q = { p->dn, origin->lat, origin->lon, G_MAXDOUBLE, may_take_from, &taker, found };
      guint keep;
      double room = 0;

      if (!(last > 0))
        continue;

      sup.candidate = c;
      sup.service = v;
      sup.resource = service->room_type;
      sup.volume_last = last;
      sup.load = g_new (double, p->n_cap_years);
      for (guint k = 0; k < p->n_cap_years; k++)
        sup.load[k] = unit_rate (service) * dn_activity (p, o, p->cap_years[k], v);
      load_by_res[sup.resource] += sup.load[p->n_cap_years - 1];

      grid_nearest (p->grid, &q, max_r);
      keep = found->len;

      sup.first_arc = p->arcs->len;
      sup.n_arcs = keep;
      for (guint i = 0; i < keep; i++)
        {
          const Near *near = &g_array_index (found, Near, i);
          OptArc arc = { p->supplies->len, near->receiver, near->km * circuity, 0, 0 };

          g_array_append_val (p->arcs, arc);
          room += potential_room (p, near->receiver, sup.resource);
          g_hash_table_add (reach, GUINT_TO_POINTER (near->receiver * OPT_N_RES + sup.resource));
        }
      g_array_append_val (p->supplies, sup);
      cand->n_supplies++;

      if (keep == 0 || room < sup.load[p->n_cap_years - 1] * (1 + 1e-9))
        {
          *failed_service = v;
          goto failed;
        }
    }

  /* The services of one resource together, in all the receivers they can reach. */
  for (guint r = 0; r < OPT_N_RES; r++)
    {
      GHashTableIter iter;
      gpointer key;
      double room = 0;

      if (load_by_res[r] <= 0)
        continue;
      g_hash_table_iter_init (&iter, reach);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (GPOINTER_TO_UINT (key) % OPT_N_RES == r)
          room += potential_room (p, GPOINTER_TO_UINT (key) / OPT_N_RES, r);
      if (room < load_by_res[r] * (1 + 1e-9))
        {
          *failed_service = G_MAXUINT;
          for (guint i = first_supply; i < p->supplies->len; i++)
            if (g_array_index (p->supplies, OptSupply, i).resource == r)
              *failed_service = g_array_index (p->supplies, OptSupply, i).service;
          goto failed;
        }
    }

  return TRUE;

failed:
  for (guint i = first_supply; i < p->supplies->len; i++)
    g_free (g_array_index (p->supplies, OptSupply, i).load);
  g_array_set_size (p->supplies, first_supply);
  g_array_set_size (p->arcs, first_arc);
  cand->n_supplies = 0;
  return FALSE;
}

static gboolean
read_candidates (OptProblem *p,
                 GError    **error)
{
  const FpOptimiseSettings *st = p->settings;
  g_autoptr(FpEngine) engine = fp_engine_new (p->model);

  p->candidates = g_array_new (FALSE, TRUE, sizeof (OptCandidate));
  p->supplies = g_array_new (FALSE, TRUE, sizeof (OptSupply));
  p->arcs = g_array_new (FALSE, TRUE, sizeof (OptArc));
  p->candidate_of = g_new (guint, p->ns);
  p->not_candidate = g_new0 (FpOptimiseReason, p->ns);
  p->best_delta = g_new0 (double, p->ns);
  p->best_year = g_new0 (int, p->ns);

  for (guint s = 0; s < p->ns; s++)
    {
      const FpResultSite *site = &p->dn->sites[s];
      gboolean locked_exit = in_list (st->lock_exit, site->id);
      const FpOptimiseValue *value = find_value (st, site->id);
      OptCandidate cand = { 0 };
      GArray *slots;
      guint failed = G_MAXUINT;

      p->candidate_of[s] = G_MAXUINT;

      if (!is_held_nhs (p, s) || !site->placed)
        {
          p->not_candidate[s] = FP_OPTIMISE_REASON_NOT_MOVABLE;
          if (locked_exit)
            {
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                           site->placed
                           ? _("%s cannot be left by the optimiser: it is not NHS estate held "
                               "and in use throughout the horizon")
                           : _("%s cannot be left by the optimiser: it has no location, so the "
                               "sites that would take its activity cannot be found"),
                           site->name);
              return FALSE;
            }
          continue;
        }

      slots = exit_slots (p, engine, s, value, locked_exit, &p->best_delta[s], &p->best_year[s]);

      if (in_list (st->lock_keep, site->id))
        {
          p->not_candidate[s] = FP_OPTIMISE_REASON_LOCKED_KEEP;
          g_array_unref (slots);
          continue;
        }
      if (slots->len == 0)
        {
          p->not_candidate[s] = FP_OPTIMISE_REASON_NO_SAVING;
          g_array_unref (slots);
          if (locked_exit)
            {
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                           _("%s cannot be left: its earliest exit is after the last year of "
                             "the exits (%d)"), site->name, p->last_year);
              return FALSE;
            }
          continue;
        }

      cand.site = s;
      cand.locked_exit = locked_exit;
      cand.slots = slots;
      if (value != NULL)
        {
          cand.dispose = TRUE;
          cand.value = value->value;
          cand.disposal_costs = value->disposal_costs;
        }
      g_array_append_val (p->candidates, cand);

      if (!add_supplies (p, p->candidates->len - 1, &failed))
        {
          g_array_unref (slots);
          g_array_set_size (p->candidates, p->candidates->len - 1);
          p->not_candidate[s] = FP_OPTIMISE_REASON_NO_ROOM;
          if (locked_exit)
            {
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                           _("%s cannot be left: no site within reach that may take its %s has "
                             "room for it below its targets"), site->name,
                           failed != G_MAXUINT ? service_of (p, failed)->name : _("activity"));
              return FALSE;
            }
          continue;
        }

      p->candidate_of[s] = p->candidates->len - 1;
    }

  return TRUE;
}

/* ---- Access --------------------------------------------------------------------------- */

static double
zone_people (const FpZone *zone)
{
  double people = 0;

  for (guint b = 0; b < FP_N_AGE_BANDS; b++)
    people += zone->population[b];
  return people;
}

/* fp-access.c's rule for the circuity factor. */
static double
access_circuity (const FpModel *model)
{
  double c = fp_model_get_assumption (model, "circuity");

  return isnan (c) || c < 1 ? 1.3 : c;
}

static double
in_threshold_unit (const FpModel   *model,
                   FpThresholdUnit  unit,
                   double           km)
{
  switch (unit)
    {
    case FP_THRESHOLD_KM:
      return km;
    case FP_THRESHOLD_CAR_MINUTES:
      return fp_access_km_to_car_minutes (model, km);
    case FP_THRESHOLD_WALK_MINUTES:
    default:
      return fp_access_km_to_walk_minutes (model, km);
    }
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

static const FpOptimiseTarget *
find_target (const FpOptimiseSettings *settings,
             const char               *id)
{
  for (guint i = 0; settings->targets != NULL && i < settings->targets->len; i++)
    {
      const FpOptimiseTarget *t = g_ptr_array_index (settings->targets, i);

      if (g_strcmp0 (t->id, id) == 0)
        return t;
    }
  return NULL;
}

static char *
describe_share (double share)
{
  return fp_format_percent (share);
}

/* Who offers the set in Do nothing's last year, as fp_access_compute() counts them. */
static void
members_of (const OptProblem *p,
            const char       *id,
            gboolean          group,
            gboolean         *member)
{
  const FpEstate *estate = fp_model_get_estate (p->model);
  guint last = p->ny - 1, v = G_MAXUINT;

  if (group)
    fp_estate_find_service (estate, "urgent_care", &v);
  else
    fp_estate_find_service (estate, id, &v);

  for (guint s = 0; s < p->ns; s++)
    {
      const FpResultSite *site = &p->dn->sites[s];
      gboolean in = site->sector == FP_SECTOR_NHS && fp_results_get (p->dn, s, last)->active &&
                    site->placed;

      if (group)
        in = in && (site->type == FP_SITE_TYPE_URGENT_CARE_CENTRE ||
                    site->type == FP_SITE_TYPE_WALK_IN_CENTRE ||
                    (v != G_MAXUINT && dn_activity (p, s, last, v) > 0));
      else
        in = in && dn_activity (p, s, last, v) > 0;
      member[s] = in;
    }
}

static gboolean
read_set (OptProblem        *p,
          const FpAccess    *access,
          const char        *id,
          GError           **error)
{
  gboolean group = g_strcmp0 (id, FP_OPTIMISE_URGENT_GROUP) == 0;
  const FpAccessSet *as = fp_access_find (access, group ? FP_FACILITY_GROUP : FP_FACILITY_SERVICE,
                                          id);
  const FpOptimiseTarget *target = find_target (p->settings, id);
  OptSet *set;

  if (as == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("There is no service or access group “%s”"), id);
      return FALSE;
    }

  if (as->n_sites == 0 || isnan (as->share_within))
    {
      if (target != NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("No site offers %s in Do nothing, so it has no access to hold to a "
                         "target"), as->name);
          return FALSE;
        }
      return TRUE;
    }

  set = g_new0 (OptSet, 1);
  g_ptr_array_add (p->sets, set);
  set->id = g_strdup (id);
  set->name = g_strdup (as->name);
  set->threshold = as->threshold;
  set->unit = as->threshold_unit;
  set->do_nothing = as->share_within;
  set->do_nothing_deprived = as->share_within_deprived;
  set->people = as->population;
  set->people_deprived = as->population_deprived;
  set->target = target != NULL && !isnan (target->overall) ? target->overall : set->do_nothing;
  set->target_deprived = target != NULL && !isnan (target->deprived)
                         ? target->deprived : set->do_nothing_deprived;
  set->member = g_new0 (gboolean, MAX (p->ns, 1));
  set->zones = g_array_new (FALSE, TRUE, sizeof (OptZone));
  members_of (p, id, group, set->member);

  if (!(set->target >= 0 && set->target <= 1) ||
      (!isnan (set->target_deprived) && !(set->target_deprived >= 0 && set->target_deprived <= 1)))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The access target for %s must be a share from 0 to 1"), set->name);
      return FALSE;
    }

  /* Leaving sites never brings anyone within reach (the optimiser does not count a
   * receiver that starts to offer a service), so Do nothing's share is the most any
   * suggestion can promise. */
  if (set->target > set->do_nothing + 1e-12)
    {
      g_autofree char *want = describe_share (set->target);
      g_autofree char *have = describe_share (set->do_nothing);

      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The access target for %s (%s of people within reach) is above what Do "
                     "nothing gives (%s): the optimiser only leaves sites, so no estate it can "
                     "suggest reaches it"), set->name, want, have);
      return FALSE;
    }
  if (!isnan (set->target_deprived) && set->target_deprived > set->do_nothing_deprived + 1e-12)
    {
      g_autofree char *want = describe_share (set->target_deprived);
      g_autofree char *have = describe_share (set->do_nothing_deprived);

      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The access target for %s in the most deprived fifth (%s of its people "
                     "within reach) is above what Do nothing gives (%s): the optimiser only "
                     "leaves sites, so no estate it can suggest reaches it"), set->name, want,
                   have);
      return FALSE;
    }

  return TRUE;
}

/* The straight-line radius, km, within which a site may be in reach of a set: its
 * threshold in road km, divided by the circuity factor. */
static double
reach_km (const OptProblem *p,
          const OptSet     *set)
{
  double road;

  switch (set->unit)
    {
    case FP_THRESHOLD_KM:
      road = set->threshold;
      break;
    case FP_THRESHOLD_CAR_MINUTES:
      road = set->threshold / fp_access_km_to_car_minutes (p->model, 1.0);
      break;
    case FP_THRESHOLD_WALK_MINUTES:
    default:
      road = set->threshold / fp_access_km_to_walk_minutes (p->model, 1.0);
      break;
    }
  return road / access_circuity (p->model) * 1.01 + 0.01;
}

/* Each zone's sites within reach of each set, found once per zone in the grid: the zones
 * that depend on candidates only, and the people always within reach. Then the check that
 * the count is fp_access_compute()'s. */
static gboolean
read_zones (OptProblem *p,
            GError    **error)
{
  const FpEstate *estate = fp_model_get_estate (p->model);
  double circuity = access_circuity (p->model);
  double radius = 0;
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (Near));
  g_autoptr(GArray) within = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *covered = g_new0 (double, MAX (p->sets->len, 1));
  g_autofree double *covered_dep = g_new0 (double, MAX (p->sets->len, 1));

  for (guint i = 0; i < p->sets->len; i++)
    radius = fmax (radius, reach_km (p, g_ptr_array_index (p->sets, i)));

  for (guint z = 0; z < estate->zones->len && p->sets->len > 0; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
      double people = zone_people (zone);
      gboolean deprived = zone->imd_decile >= 1 && zone->imd_decile <= 2;
      Query q = { p->dn, zone->lat, zone->lon, radius, NULL, NULL, found };

      if (people <= 0)
        continue;
      grid_within (p->grid, &q);

      for (guint i = 0; i < p->sets->len; i++)
        {
          OptSet *set = g_ptr_array_index (p->sets, i);
          gboolean safe = FALSE;

          g_array_set_size (within, 0);
          for (guint k = 0; k < found->len && !safe; k++)
            {
              const Near *near = &g_array_index (found, Near, k);
              guint s = near->receiver;

              if (!set->member[s] ||
                  in_threshold_unit (p->model, set->unit, near->km * circuity) >
                  set->threshold + 1e-9)
                continue;
              if (p->candidate_of[s] == G_MAXUINT)
                safe = TRUE;
              else
                g_array_append_val (within, p->candidate_of[s]);
            }

          if (!safe && within->len == 0)
            continue;

          covered[i] += people;
          if (deprived)
            covered_dep[i] += people;

          if (safe)
            {
              set->safe += people;
              if (deprived)
                set->safe_deprived += people;
            }
          else
            {
              OptZone oz = { 0 };

              g_array_sort (within, compare_uint);
              oz.zone = z;
              oz.people = people;
              oz.deprived = deprived;
              oz.n_candidates = within->len;
              oz.candidates = g_memdup2 (within->data, sizeof (guint) * within->len);
              oz.forced = set->target >= set->do_nothing - 1e-12 ||
                          (deprived && !isnan (set->target_deprived) &&
                           set->target_deprived >= set->do_nothing_deprived - 1e-12);
              g_array_append_val (set->zones, oz);
            }
        }
    }

  /* The optimiser's count must be fp_access_compute()'s: the same zones, distances and
   * thresholds. */
  for (guint i = 0; i < p->sets->len; i++)
    {
      OptSet *set = g_ptr_array_index (p->sets, i);

      if (fabs (covered[i] / set->people - set->do_nothing) > 1e-9 ||
          (set->people_deprived > 0 &&
           fabs (covered_dep[i] / set->people_deprived - set->do_nothing_deprived) > 1e-9))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_SOLVER,
                       _("The optimiser counts %.6f of people within reach of %s in Do nothing "
                         "where the access figures count %.6f; it cannot hold its target"),
                       covered[i] / set->people, set->name, set->do_nothing);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
read_access (OptProblem *p,
             GError    **error)
{
  const FpEstate *estate = fp_model_get_estate (p->model);
  g_autoptr(FpAccess) access = fp_access_compute (p->model, p->dn, p->ny - 1);

  p->sets = g_ptr_array_new_with_free_func (set_free);

  for (guint i = 0; p->settings->targets != NULL && i < p->settings->targets->len; i++)
    {
      const FpOptimiseTarget *t = g_ptr_array_index (p->settings->targets, i);
      gboolean chosen = p->settings->services == NULL ||
                        in_list (p->settings->services, t->id);

      if (!chosen)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("A target is set for “%s”, which is not among the chosen services"),
                       t->id);
          return FALSE;
        }
    }

  if (p->settings->services != NULL)
    {
      for (guint i = 0; p->settings->services[i] != NULL; i++)
        if (!read_set (p, access, p->settings->services[i], error))
          return FALSE;
    }
  else
    {
      for (guint v = 0; v < estate->services->len; v++)
        if (!read_set (p, access, g_array_index (estate->services, FpService, v).id, error))
          return FALSE;
    }

  return read_zones (p, error);
}

/* ---- The problem ---------------------------------------------------------------------- */

static gboolean
check_site_list (const OptProblem *p,
                 GStrv             ids,
                 GError          **error)
{
  const FpEstate *estate = fp_model_get_estate (p->model);
  guint s;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    if (!fp_estate_find_site (estate, ids[i], &s))
      {
        g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no site “%s”"), ids[i]);
        return FALSE;
      }

  return TRUE;
}

static gboolean
check_settings (OptProblem *p,
                GError    **error)
{
  const FpOptimiseSettings *st = p->settings;
  const FpEstate *estate = fp_model_get_estate (p->model);
  int horizon_end = p->base_year + (int) p->ny - 1;

  p->first_year = st->first_year != 0 ? st->first_year : MIN (p->base_year + 1, horizon_end);
  p->last_year = st->last_year != 0 ? st->last_year : horizon_end;
  if (p->first_year < p->base_year || p->last_year > horizon_end || p->first_year > p->last_year)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The years of the exits (%d to %d) must lie within the horizon, %d to %d"),
                   p->first_year, p->last_year, p->base_year, horizon_end);
      return FALSE;
    }

  if (!check_site_list (p, st->lock_keep, error) || !check_site_list (p, st->lock_exit, error))
    return FALSE;
  for (guint i = 0; st->lock_keep != NULL && st->lock_keep[i] != NULL; i++)
    if (in_list (st->lock_exit, st->lock_keep[i]))
      {
        g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                     _("The site “%s” is locked both to keep and to leave"), st->lock_keep[i]);
        return FALSE;
      }

  if (st->earliest != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;
      guint s;

      g_hash_table_iter_init (&iter, st->earliest);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!fp_estate_find_site (estate, key, &s))
          {
            g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no site “%s”"),
                         (const char *) key);
            return FALSE;
          }
    }

  for (guint i = 0; st->values != NULL && i < st->values->len; i++)
    {
      const FpOptimiseValue *v = g_ptr_array_index (st->values, i);
      guint s;

      if (!fp_estate_find_site (estate, v->id, &s))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no site “%s”"), v->id);
          return FALSE;
        }
      if (p->dn->sites[s].tenure != FP_TENURE_FREEHOLD &&
          p->dn->sites[s].tenure != FP_TENURE_LOCAL_AUTHORITY)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("%s is held on a %s tenure; only a freehold (or a local-authority site "
                         "by agreement) can be sold"), p->dn->sites[s].name,
                       fp_tenure_to_label (p->dn->sites[s].tenure));
          return FALSE;
        }
      if (!(v->value >= 0) || !(v->disposal_costs >= 0) || !isfinite (v->value) ||
          !isfinite (v->disposal_costs))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("The value and disposal costs of %s must be amounts of at least £0"),
                       p->dn->sites[s].name);
          return FALSE;
        }
    }

  if (!(st->transition_cost >= 0) || !isfinite (st->transition_cost))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The transition cost of leaving a site must be an amount of at least £0"));
      return FALSE;
    }
  if (!(st->time_limit >= 0) || !(st->gap >= 0 && st->gap < 1))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The time limit must be at least 0 seconds and the gap from 0 to 1"));
      return FALSE;
    }

  return TRUE;
}

/**
 * opt_problem_new:
 *
 * Reads the problem; fails with a message that names the setting, lock or target that
 * cannot hold whatever the estate.
 */
OptProblem *
opt_problem_new (const FpModel            *model,
                 const FpResults          *do_nothing,
                 const FpOptimiseSettings *settings,
                 GError                  **error)
{
  const FpEstate *estate = fp_model_get_estate (model);
  g_autoptr(OptProblem) p = g_new0 (OptProblem, 1);
  gboolean growing = TRUE;

  p->model = model;
  p->dn = do_nothing;
  p->settings = settings;
  p->ns = do_nothing->n_sites;
  p->nv = do_nothing->n_services;
  p->ny = do_nothing->n_years;
  p->base_year = do_nothing->base_year;

  if (p->ns != estate->sites->len || p->ny != fp_model_get_n_years (model))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The optimiser starts from Do nothing’s results of the same document"));
      return NULL;
    }

  if (!check_settings (p, error))
    return NULL;

  fp_appraisal_settings_init (&p->appraisal, model);
  p->df = g_new (double, p->ny);
  for (guint t = 0; t < p->ny; t++)
    p->df[t] = fp_appraisal_discount_factor (&p->appraisal, t);
  for (guint t = 0; t < p->ny; t++)
    p->do_nothing_cost += p->df[t] * do_nothing->totals[t].running_cost;

  /* Demand at the receivers and what arrives both grow with the services; when no service
   * shrinks, the last year is the fullest and its rows hold for every year. */
  for (guint v = 0; v < p->nv; v++)
    if (service_of (p, v)->growth_rate < 0)
      growing = FALSE;
  if (growing)
    {
      p->n_cap_years = 1;
      p->cap_years = g_new (guint, 1);
      p->cap_years[0] = p->ny - 1;
    }
  else
    {
      p->n_cap_years = p->ny - (guint) (p->first_year - p->base_year);
      p->cap_years = g_new (guint, p->n_cap_years);
      for (guint k = 0; k < p->n_cap_years; k++)
        p->cap_years[k] = (guint) (p->first_year - p->base_year) + k;
    }

  p->receiver = g_new0 (gboolean, MAX (p->ns, 1));
  for (guint s = 0; s < p->ns; s++)
    p->receiver[s] = is_held_nhs (p, s) && do_nothing->sites[s].placed &&
                     !in_list (settings->lock_exit, do_nothing->sites[s].id);

  read_capacity (p);

  {
    g_autofree gboolean *in_grid = g_new0 (gboolean, MAX (p->ns, 1));

    for (guint s = 0; s < p->ns; s++)
      in_grid[s] = do_nothing->sites[s].placed && do_nothing->sites[s].sector == FP_SECTOR_NHS;
    p->grid = grid_new (do_nothing, in_grid);
  }

  if (!read_candidates (p, error) || !read_access (p, error))
    return NULL;

  return g_steal_pointer (&p);
}
