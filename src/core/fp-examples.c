/* fp-examples.c: the example options of a new default document.
 *
 * Each example is a row of the table below (its name, what it is, the idea of the 2016
 * plan it follows, when it starts and how sure it is) and a rule that picks its sites from
 * the model's own figures: the Do nothing results of the base year (categories, void rooms,
 * activity) and the engine's figures after each change it tries. A change joins an example
 * only if the engine accepts it, hosting rules and all, and the sites it fills stay within
 * capacity; docs/appraisal.md, "The example options", says how each rule chooses.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-examples"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "fp-compute.h"
#include "fp-error.h"
#include "fp-examples.h"
#include "fp-format.h"
#include "fp-geo.h"
#include "fp-key-figures.h"
#include "fp-scenario.h"
#include "fp-story.h"

/* Who owns the examples' changes until a planner takes them over. */
#define OWNER "BSol ICB estates team (example)"

/* How far a building may be from the one that takes its work: 2 miles by road, the distance
 * within which the access measure counts a GP service as near (docs/model.md, "Access"). */
#define NEAR_KM 3.219

/* Urgent care hubs: the plan's "four or five", at most. */
#define MAX_HUBS 5

/* Outpatient follow-ups moved into LIFT buildings: at most this share of the acute
 * hospitals' (a planning judgement, not a published figure: the voids could take more). */
#define MAX_FOLLOWUP_SHARE 0.25

typedef struct
{
  const FpEstate *estate;
  FpModel        *model;
  FpResults      *dn;           /* Do nothing */
  int             base_year;
  guint           n_years;
  double          circuity;
  double          target;       /* target_room_utilisation */
  double          weeks;
  double          urgent_km;    /* the urgent care access threshold (20 minutes by car) */
} Ctx;

typedef struct _Example Example;

struct _Example
{
  const char  *name;            /* "%s" is the number of hubs, in words */
  const char  *description;
  int          year_offset;     /* first year = base year + this */
  double       confidence;      /* of its main changes */
  double       other_confidence; /* of its second kind of change */
  GPtrArray *(*build) (Ctx *ctx, const Example *example, char **name);
  const char  *colour_by;       /* what its view in the example story colours the sites by */
  const char  *zone_layer;      /* and shades the zones by */
  const char  *zone_service;
};

/* ---- Helpers ----------------------------------------------------------------------- */

static const FpSite *
site_at (Ctx  *ctx,
         guint s)
{
  return fp_estate_get_site (ctx->estate, s);
}

static const FpSiteYear *
dn_at (Ctx  *ctx,
       guint s,
       guint y)
{
  return fp_results_get (ctx->dn, s, y);
}

static double
road_km (Ctx  *ctx,
         guint a,
         guint b)
{
  const FpSite *x = site_at (ctx, a), *y = site_at (ctx, b);

  return fp_geo_haversine_km (x->lat, x->lon, y->lat, y->lon) * ctx->circuity;
}

static double
dn_activity (Ctx  *ctx,
             guint s,
             guint y)
{
  double total = 0;

  for (guint v = 0; v < ctx->dn->n_services; v++)
    total += fp_results_activity (ctx->dn, s, y, v);
  return total;
}

/* An NHS building the data says is open, with a location. */
static gboolean
usable (Ctx  *ctx,
        guint s)
{
  const FpSite *site = site_at (ctx, s);

  return site->sector == FP_SECTOR_NHS && site->status == FP_SITE_STATUS_CURRENT && site->placed;
}

static FpChange *
new_change (FpChangeKind   kind,
            int            year,
            double         confidence,
            char          *note)   /* (transfer full) */
{
  FpChange *c = fp_change_new (kind, year);

  c->owner = g_strdup (OWNER);
  c->note = note;
  c->confidence = confidence;
  return c;
}

/* Applies @change to a copy of @engine; returns the copy, or NULL if the engine refuses. */
static FpEngine *
try_change (const FpEngine *engine,
            const FpChange *change)
{
  g_autoptr(FpEngine) scratch = fp_engine_copy (engine);

  if (!fp_engine_apply (scratch, change, NULL))
    return NULL;
  return g_steal_pointer (&scratch);
}

/* Whether the work a change sent to site @s leaves it no worse off, from @from on: no room
 * type that was within capacity goes over it or has no capacity for its demand, and (when
 * @within_target) none that was within its target, nor the site, goes over its target. A
 * flag the site already had before the change (a ward over its target as demand grows) is
 * not the change's doing. */
static gboolean
stays_within (const FpEngine *before,
              const FpEngine *after,
              Ctx            *ctx,
              guint           s,
              guint           from,
              gboolean        within_target)
{
  for (guint y = from; y < ctx->n_years; y++)
    {
      FpSiteYear a, b;

      fp_engine_compute_site (before, s, y, &b);
      fp_engine_compute_site (after, s, y, &a);
      if ((a.over_capacity_rooms & ~b.over_capacity_rooms) != 0 ||
          (a.no_capacity_rooms & ~b.no_capacity_rooms) != 0)
        return FALSE;
      if (within_target && ((a.over_target_rooms & ~b.over_target_rooms) != 0 ||
                            (a.over_target && !b.over_target)))
        return FALSE;
    }
  return TRUE;
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b)
{
  const double *x = a, *y = b;

  /* [key, site]: by key, then by site index for a stable order */
  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return (x[1] > y[1]) - (x[1] < y[1]);
}

/* Sites in order of a key, ascending: an array of [key, site] pairs. */
static GArray *
sorted_pairs (void)
{
  return g_array_new (FALSE, FALSE, sizeof (double[2]));
}

static void
add_pair (GArray *pairs,
          double  key,
          guint   s)
{
  double pair[2] = { key, (double) s };

  g_array_append_val (pairs, pair);
}

#define PAIR_SITE(pairs, i) ((guint) (&g_array_index ((pairs), double, 2 * (i)))[1])

/* ---- Fill the LIFT voids ------------------------------------------------------------- */

/* Moves each desk service of site @s to the nearest office that stays within its target,
 * on @engine; returns FALSE (and leaves @engine alone) if one finds no office. */
static gboolean
move_desks_to_office (Ctx           *ctx,
                      const Example *ex,
                      FpEngine     **engine,
                      guint          s,
                      int            year,
                      GPtrArray     *moves)
{
  g_autoptr(FpEngine) work = fp_engine_copy (*engine);
  guint y0 = (guint) (year - ctx->base_year);

  for (guint v = 0; v < ctx->estate->services->len; v++)
    {
      const FpService *service = &g_array_index (ctx->estate->services, FpService, v);
      g_autoptr(GArray) offices = NULL;
      gboolean placed = FALSE;

      if (service->room_type != FP_ROOM_DESK || fp_results_activity (ctx->dn, s, y0, v) <= 0)
        continue;

      offices = sorted_pairs ();
      for (guint o = 0; o < ctx->estate->sites->len; o++)
        if (usable (ctx, o) && site_at (ctx, o)->type == FP_SITE_TYPE_OFFICE &&
            dn_at (ctx, o, 0)->active)
          add_pair (offices, road_km (ctx, s, o), o);
      g_array_sort (offices, compare_by_key);

      for (guint i = 0; i < offices->len && !placed; i++)
        {
          guint o = PAIR_SITE (offices, i);
          g_autofree char *km = fp_format_decimal (g_array_index (offices, double, 2 * i), 1);
          g_autoptr(FpChange) c = new_change (
            FP_CHANGE_MOVE_SERVICE, year, ex->confidence,
            g_strdup_printf ("2016 plan: fill the LIFT voids. %s's %s move to %s, the nearest "
                             "office with desks free (%s km by road), so that the building can "
                             "be left.", site_at (ctx, s)->name, service->name,
                             site_at (ctx, o)->name, km));
          g_autoptr(FpEngine) after = NULL;

          c->site = g_strdup (site_at (ctx, s)->id);
          c->service = g_strdup (service->id);
          c->to_site = g_strdup (site_at (ctx, o)->id);
          c->share = 1.0;
          after = try_change (work, c);
          if (after == NULL || !stays_within (work, after, ctx, o, y0, TRUE))
            continue;
          fp_engine_free (g_steal_pointer (&work));
          work = g_steal_pointer (&after);
          g_ptr_array_add (moves, g_steal_pointer (&c));
          placed = TRUE;
        }
      if (!placed)
        {
          g_ptr_array_set_size (moves, 0);
          return FALSE;
        }
    }

  fp_engine_free (*engine);
  *engine = g_steal_pointer (&work);
  return TRUE;
}

/* LIFT buildings with void rooms, the largest void cost first. For each, the buildings
 * within 2 miles that the model rates Marginal or Redundant in the base year, held on a
 * tenure whose cost ends soon after they are left (NHS Property Services, freehold, the
 * council), nearest first: each is left and its work sent to the LIFT building, if the
 * engine accepts it and the LIFT building's rooms stay within their target. Then outpatient
 * follow-ups move from the acute hospitals into the void rooms that remain. */
static GPtrArray *
build_fill_lift_voids (Ctx           *ctx,
                       const Example *ex,
                       char         **name)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(FpEngine) engine = fp_engine_new (ctx->model);
  g_autoptr(GArray) lift = sorted_pairs ();
  g_autoptr(GArray) receivers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *used = g_new0 (gboolean, ctx->estate->sites->len);
  int year = ctx->base_year + ex->year_offset;
  guint y0 = (guint) ex->year_offset, last = ctx->n_years - 1, followup;

  *name = g_strdup (ex->name);

  for (guint s = 0; s < ctx->estate->sites->len; s++)
    {
      const FpSite *site = site_at (ctx, s);
      const FpSiteYear *sy = dn_at (ctx, s, 0);

      if (usable (ctx, s) && site->tenure == FP_TENURE_LIFT && sy->held && sy->active &&
          site->numbers[FP_SITE_VOID_ROOMS] > 0)
        add_pair (lift, -sy->void_cost, s);
    }
  g_array_sort (lift, compare_by_key);

  for (guint i = 0; i < lift->len; i++)
    {
      guint l = PAIR_SITE (lift, i);
      g_autoptr(GArray) donors = sorted_pairs ();

      for (guint s = 0; s < ctx->estate->sites->len; s++)
        {
          const FpSite *site = site_at (ctx, s);
          const FpSiteYear *sy = dn_at (ctx, s, 0);
          double d;

          if (used[s] || s == l || !usable (ctx, s) ||
              (site->tenure != FP_TENURE_NHSPS && site->tenure != FP_TENURE_FREEHOLD &&
               site->tenure != FP_TENURE_LOCAL_AUTHORITY) ||
              (site->type != FP_SITE_TYPE_HEALTH_CENTRE && site->type != FP_SITE_TYPE_GP_PRACTICE &&
               site->type != FP_SITE_TYPE_GP_BRANCH && site->type != FP_SITE_TYPE_HUB &&
               site->type != FP_SITE_TYPE_OTHER) ||
              (sy->category != FP_CATEGORY_MARGINAL && sy->category != FP_CATEGORY_REDUNDANT) ||
              !sy->held || !sy->active || dn_activity (ctx, s, 0) <= 0)
            continue;
          d = road_km (ctx, l, s);
          if (d <= NEAR_KM)
            add_pair (donors, d, s);
        }
      g_array_sort (donors, compare_by_key);

      for (guint j = 0; j < donors->len; j++)
        {
          guint s = PAIR_SITE (donors, j);
          const FpSite *donor = site_at (ctx, s), *into = site_at (ctx, l);
          g_autofree char *km = fp_format_decimal (g_array_index (donors, double, 2 * j), 1);
          g_autoptr(FpChange) c = new_change (
            FP_CHANGE_EXIT_SITE, year, ex->confidence,
            g_strdup_printf ("2016 plan: fill the LIFT voids. %s (%s, held by %s) is %s in %d "
                             "and %s km by road from %s, whose %g void rooms take its work.",
                             donor->name, fp_site_type_to_label (donor->type),
                             fp_tenure_to_label (donor->tenure),
                             fp_category_to_label (dn_at (ctx, s, 0)->category),
                             ctx->base_year, km, into->name, into->numbers[FP_SITE_VOID_ROOMS]));
          g_autoptr(FpEngine) after = NULL;
          GStrvBuilder *to = g_strv_builder_new ();

          g_autoptr(GPtrArray) moves =
            g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
          g_autoptr(FpEngine) work = fp_engine_copy (engine);

          c->site = g_strdup (donor->id);
          g_strv_builder_add (to, into->id);
          c->to_sites = g_strv_builder_end (to);
          g_strv_builder_unref (to);

          /* A team base (desks) goes to the nearest office with desks free, not into the
           * LIFT building's few desks: clinic rooms are what its voids offer. */
          if (!move_desks_to_office (ctx, ex, &work, s, year, moves))
            continue;

          after = try_change (work, c);
          if (after == NULL || !stays_within (work, after, ctx, l, y0, TRUE))
            continue;

          fp_engine_free (g_steal_pointer (&engine));
          engine = g_steal_pointer (&after);
          used[s] = TRUE;
          g_ptr_array_extend_and_steal (changes, g_steal_pointer (&moves));
          g_ptr_array_add (changes, g_steal_pointer (&c));
        }

      g_array_append_val (receivers, l);
    }

  /* Outpatient follow-ups into the void rooms left, the last year binding (the work moved
   * grows and the rooms do not): 90% of the spare room-hours at the target, shared between
   * the LIFT buildings in proportion to their spare. */
  if (receivers->len > 0 && fp_estate_find_service (ctx->estate, "outpatient_followup", &followup))
    {
      const FpService *service = &g_array_index (ctx->estate->services, FpService, followup);
      g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();
      double spare_total = 0, acute = 0, share;

      for (guint i = 0; i < receivers->len; i++)
        {
          guint l = g_array_index (receivers, guint, i);
          const FpSite *site = site_at (ctx, l);
          double hw = site->numbers[FP_SITE_HOURS_OPEN] * ctx->weeks;
          double spare;
          FpSiteYear sy;

          fp_engine_compute_site (engine, l, last, &sy);
          spare = ctx->target * (sy.capacity_room_hours +
                                 (site->numbers[FP_SITE_VOID_ROOMS] - sy.void_rooms_used) * hw)
                  - sy.demand_room_hours;
          if (spare <= 0)
            continue;
          spare *= 0.9;
          g_ptr_array_add (ids, site->id);
          g_array_append_val (weights, spare);
          spare_total += spare;
        }
      g_ptr_array_add (ids, NULL);

      for (guint s = 0; s < ctx->dn->n_sites; s++)
        if (fp_site_type_setting (ctx->dn->sites[s].type) == FP_SETTING_ACUTE &&
            ctx->dn->sites[s].sector == FP_SECTOR_NHS)
          acute += fp_results_activity (ctx->dn, s, last, followup);

      share = acute > 0 && service->minutes_per_unit > 0
              ? spare_total * 60.0 / service->minutes_per_unit / acute : 0;
      /* Whole tenths of a percent, rounded down, and halved if a building would still go
       * over its target. */
      share = floor (fmin (share, MAX_FOLLOWUP_SHARE) * 1000.0) / 1000.0;

      for (guint attempt = 0; weights->len > 0 && share >= 0.001 && attempt < 4; attempt++)
        {
          g_autofree char *pc = fp_format_percent (share);
          g_autofree char *volume = fp_format_count (share * acute);
          g_autoptr(FpChange) c = new_change (
            FP_CHANGE_SHIFT_SETTING, year + 1, ex->other_confidence,
            g_strdup_printf ("2016 plan: move outpatient and community services into LIFT "
                             "buildings. %s of the acute hospitals' follow-ups (%s in %d) fill "
                             "the void rooms left in %u LIFT buildings; it frees acute clinic "
                             "rooms, but releases no cash unless that space is given up.",
                             pc, volume, ctx->base_year + (int) last, weights->len));
          g_autoptr(FpEngine) after = NULL;
          gboolean fits = TRUE;

          c->service = g_strdup (service->id);
          c->from_setting = FP_SETTING_ACUTE;
          c->share = share;
          c->to_sites = g_strdupv ((char **) ids->pdata);
          c->weights = g_array_copy (weights);

          after = try_change (engine, c);
          for (guint i = 0; after != NULL && c->to_sites[i] != NULL && fits; i++)
            {
              guint l;

              fits = fp_estate_find_site (ctx->estate, c->to_sites[i], &l) &&
                     stays_within (engine, after, ctx, l, y0 + 1, TRUE);
            }
          if (after != NULL && fits)
            {
              g_ptr_array_add (changes, g_steal_pointer (&c));
              break;
            }
          share = floor (share * 500.0) / 1000.0;
        }
    }

  return changes;
}

/* ---- Urgent care on a few hubs ------------------------------------------------------- */

static const char *
number_word (guint n)
{
  static const char * const words[] = {
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
  };

  return n < G_N_ELEMENTS (words) ? words[n] : NULL;
}

/* A building that could run urgent care for a locality: an urgent care or walk-in centre,
 * a hospital, a health centre or a hub (not a GP surgery). */
static gboolean
hub_type (FpSiteType type)
{
  return type == FP_SITE_TYPE_URGENT_CARE_CENTRE || type == FP_SITE_TYPE_WALK_IN_CENTRE ||
         type == FP_SITE_TYPE_ACUTE_HOSPITAL || type == FP_SITE_TYPE_COMMUNITY_HOSPITAL ||
         type == FP_SITE_TYPE_HEALTH_CENTRE || type == FP_SITE_TYPE_HUB;
}

/* The sites offering urgent care in the base year. The hubs are chosen one at a time among
 * those of a hub type, each time the one that most cuts the distance the urgent care
 * travels (Σ volume × distance to the nearest hub: a greedy p-median), up to five. Every
 * other site's urgent care, the busiest first, moves to the nearest hub that stays within
 * capacity, if one is within the urgent care access threshold (20 minutes by car);
 * otherwise it stays. A site left with no work is left. */
static GPtrArray *
build_urgent_care_hubs (Ctx           *ctx,
                        const Example *ex,
                        char         **name)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(FpEngine) engine = fp_engine_new (ctx->model);
  g_autoptr(GArray) offering = sorted_pairs ();
  g_autoptr(GArray) hubs = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree double *nearest_km = NULL;
  int year = ctx->base_year + ex->year_offset;
  guint y0 = (guint) ex->year_offset, urgent;

  if (!fp_estate_find_service (ctx->estate, "urgent_care", &urgent))
    return changes;

  for (guint s = 0; s < ctx->estate->sites->len; s++)
    {
      double volume = fp_results_activity (ctx->dn, s, 0, urgent);

      if (usable (ctx, s) && dn_at (ctx, s, 0)->active && volume > 0)
        add_pair (offering, -volume, s);
    }
  g_array_sort (offering, compare_by_key);

  nearest_km = g_new (double, offering->len);
  for (guint i = 0; i < offering->len; i++)
    nearest_km[i] = G_MAXDOUBLE;

  while (hubs->len < MAX_HUBS)
    {
      double best = G_MAXDOUBLE;
      guint best_c = G_MAXUINT;

      for (guint c = 0; c < offering->len; c++)
        {
          guint h = PAIR_SITE (offering, c);
          double cost = 0;
          gboolean chosen = FALSE;

          for (guint k = 0; k < hubs->len; k++)
            chosen |= g_array_index (hubs, guint, k) == h;
          if (chosen || !hub_type (site_at (ctx, h)->type))
            continue;
          for (guint i = 0; i < offering->len; i++)
            cost += -g_array_index (offering, double, 2 * i) *
                    fmin (nearest_km[i], road_km (ctx, PAIR_SITE (offering, i), h));
          if (cost < best - 1e-9)
            {
              best = cost;
              best_c = c;
            }
        }
      if (best_c == G_MAXUINT)
        break;
      {
        guint h = PAIR_SITE (offering, best_c);

        g_array_append_val (hubs, h);
        for (guint i = 0; i < offering->len; i++)
          nearest_km[i] = fmin (nearest_km[i], road_km (ctx, PAIR_SITE (offering, i), h));
      }
    }

  /* Too few sites to consolidate: no example. */
  if (hubs->len < 2 || hubs->len >= offering->len)
    {
      g_ptr_array_set_size (changes, 0);
      return changes;
    }
  *name = g_strdup_printf (ex->name, number_word (hubs->len));

  /* The other sites, the busiest first: the most urgent care travels the least. */
  for (guint i = 0; i < offering->len; i++)
    {
      guint s = PAIR_SITE (offering, i);
      g_autoptr(GArray) nearest = sorted_pairs ();
      gboolean is_hub = FALSE;

      for (guint h = 0; h < hubs->len; h++)
        {
          guint hub = g_array_index (hubs, guint, h);

          if (hub == s)
            is_hub = TRUE;
          add_pair (nearest, road_km (ctx, s, hub), hub);
        }
      if (is_hub)
        continue;
      g_array_sort (nearest, compare_by_key);

      for (guint h = 0;
           h < nearest->len && g_array_index (nearest, double, 2 * h) <= ctx->urgent_km; h++)
        {
          guint hub = PAIR_SITE (nearest, h);
          g_autofree char *km = fp_format_decimal (g_array_index (nearest, double, 2 * h), 1);
          g_autoptr(FpChange) c = new_change (
            FP_CHANGE_MOVE_SERVICE, year, ex->confidence,
            g_strdup_printf ("2016 plan: consolidate urgent care onto four or five hubs. %s's "
                             "urgent care goes to %s, the nearest hub with room (%s km by road).",
                             site_at (ctx, s)->name, site_at (ctx, hub)->name, km));
          g_autoptr(FpEngine) after = NULL;
          FpSiteYear left;

          c->site = g_strdup (site_at (ctx, s)->id);
          c->service = g_strdup ("urgent_care");
          c->to_site = g_strdup (site_at (ctx, hub)->id);
          c->share = 1.0;

          after = try_change (engine, c);
          if (after == NULL || !stays_within (engine, after, ctx, hub, y0, FALSE))
            continue;

          fp_engine_free (g_steal_pointer (&engine));
          engine = g_steal_pointer (&after);
          g_ptr_array_add (changes, g_steal_pointer (&c));

          /* A walk-in or urgent care centre with nothing else to do is left. */
          fp_engine_compute_site (engine, s, y0, &left);
          if (left.demand_room_hours + left.demand[FP_ROOM_BED] + left.demand[FP_ROOM_DESK] <= 0)
            {
              g_autoptr(FpChange) exit = new_change (
                FP_CHANGE_EXIT_SITE, year, ex->confidence,
                g_strdup_printf ("2016 plan: consolidate urgent care. With its urgent care at "
                                 "%s, %s has no work left, so it is left.",
                                 site_at (ctx, hub)->name, site_at (ctx, s)->name));

              exit->site = g_strdup (site_at (ctx, s)->id);
              after = try_change (engine, exit);
              if (after != NULL)
                {
                  fp_engine_free (g_steal_pointer (&engine));
                  engine = g_steal_pointer (&after);
                  g_ptr_array_add (changes, g_steal_pointer (&exit));
                }
            }
          break;
        }
    }

  return changes;
}

/* ---- Dispose of empty and Redundant sites --------------------------------------------- */

/* Every NHS site the data says is open, held at a cost in the base year and Redundant there
 * (no activity, or under 25% used in condition C or D). A freehold or council site is
 * disposed of (sold), with no value: the data holds none, so no receipt is claimed until a
 * planner enters one; any other is left. */
static GPtrArray *
build_disposals (Ctx           *ctx,
                 const Example *ex,
                 char         **name)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(FpEngine) engine = fp_engine_new (ctx->model);
  int year = ctx->base_year + ex->year_offset;

  *name = g_strdup (ex->name);

  for (guint s = 0; s < ctx->estate->sites->len; s++)
    {
      const FpSite *site = site_at (ctx, s);
      const FpSiteYear *sy = dn_at (ctx, s, 0);
      gboolean empty = dn_activity (ctx, s, 0) <= 0;
      gboolean sell = site->tenure == FP_TENURE_FREEHOLD ||
                      site->tenure == FP_TENURE_LOCAL_AUTHORITY;
      g_autoptr(FpChange) c = NULL;
      g_autoptr(FpEngine) after = NULL;
      const char *why;

      if (site->sector != FP_SECTOR_NHS || site->status != FP_SITE_STATUS_CURRENT ||
          !sy->held || sy->category != FP_CATEGORY_REDUNDANT || sy->running_cost <= 0)
        continue;

      if (sell)
        why = "No sale value is in the data, so none is counted: enter the valuation to count "
              "the receipt.";
      else if (site->tenure == FP_TENURE_NHSPS)
        why = "Its cost ends a year after it is left (notice).";
      else
        why = "The end of its lease is not in the data, so its cost runs to the end of the "
              "horizon, and no saving is counted, until the lease end or break is entered.";

      c = new_change (sell ? FP_CHANGE_DISPOSE_SITE : FP_CHANGE_EXIT_SITE, year,
                      empty ? ex->confidence : ex->other_confidence,
                      g_strdup_printf ("2016 plan: dispose of empty and Redundant sites. %s "
                                       "(%s) is Redundant in %d%s. %s", site->name,
                                       fp_tenure_to_label (site->tenure), ctx->base_year,
                                       empty ? ", with no activity" : "", why));
      c->site = g_strdup (site->id);
      if (sell)
        {
          c->value = 0;
          c->disposal_costs = 0;
          c->receipt_retained = TRUE;
        }

      after = try_change (engine, c);
      if (after == NULL)
        continue;
      fp_engine_free (g_steal_pointer (&engine));
      engine = g_steal_pointer (&after);
      g_ptr_array_add (changes, g_steal_pointer (&c));
    }

  return changes;
}

/* ---- The examples, as data ------------------------------------------------------------ */

static const Example examples[] = {
  { FP_EXAMPLE_PREFIX "fill the LIFT voids",
    "An example built from the 2016 estates plan's idea to fill the voids in LIFT buildings: "
    "buildings within 2 miles of a LIFT building with void rooms, rated Marginal or Redundant "
    "by the model and held from NHS Property Services, freehold or from the council, are left "
    "and their work moves into the LIFT building while its rooms stay within their target; "
    "team bases go to the nearest office with desks free; then outpatient follow-ups move from "
    "the acute hospitals into the void rooms left (a quarter of them at most). The sites are "
    "chosen by the model's own figures (docs/appraisal.md).",
    2, 0.6, 0.4, build_fill_lift_voids, "utilisation", "none", NULL },
  { FP_EXAMPLE_PREFIX "urgent care on %s hubs",
    "An example built from the 2016 estates plan's idea to consolidate urgent care onto four "
    "or five hubs: the hubs are the urgent care sites (not GP surgeries) that together keep "
    "the distance the urgent care travels least; every other site's urgent care moves to the "
    "nearest hub with room within 20 minutes by car (or stays), and a site left with no work "
    "is left. The sites are chosen by the model's own figures (docs/appraisal.md).",
    2, 0.5, 0.5, build_urgent_care_hubs, "utilisation", "distance-change", "urgent_care" },
  { FP_EXAMPLE_PREFIX "dispose of empty and Redundant sites",
    "An example built from the 2016 estates plan's idea to dispose of empty and surplus "
    "buildings: every open NHS site that the model rates Redundant in the base year and that "
    "still costs money is sold (freehold and council sites, with no value entered) or left. "
    "The sites are chosen by the model's own figures (docs/appraisal.md).",
    1, 0.8, 0.6, build_disposals, "category", "none", NULL },
};

/**
 * fp_examples_build:
 * @estate: the document's estate
 * @error: return location for an error
 *
 * Builds the example options on @estate. An example whose rule finds no site is left out.
 *
 * Returns: (transfer full) (element-type FpScenario) (nullable): the example scenarios, in
 *   the order of the table, each with all its changes applied
 */
static GPtrArray *build_examples (const FpEstate  *estate,
                                  GArray          *which,
                                  GError         **error);

GPtrArray *
fp_examples_build (const FpEstate *estate,
                   GError        **error)
{
  return build_examples (estate, NULL, error);
}

/* fp_examples_build(); @which (nullable) gets each example's row of the table. */
static GPtrArray *
build_examples (const FpEstate  *estate,
                GArray          *which,
                GError         **error)
{
  g_autoptr(GPtrArray) scenarios =
    g_ptr_array_new_with_free_func ((GDestroyNotify) fp_scenario_free);
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) dn = NULL;
  Ctx ctx = { 0 };

  g_return_val_if_fail (estate != NULL, NULL);

  model = fp_model_new (estate, error);
  if (model == NULL)
    return NULL;
  dn = fp_compute_scenario (model, NULL, NULL, error);
  if (dn == NULL)
    return NULL;

  ctx.estate = estate;
  ctx.model = model;
  ctx.dn = dn;
  ctx.base_year = fp_model_get_base_year (model);
  ctx.n_years = fp_model_get_n_years (model);
  ctx.circuity = fp_estate_get_assumption (estate, "circuity", 1.3);
  ctx.target = fp_estate_get_assumption (estate, "target_room_utilisation", 0.85);
  ctx.weeks = fp_estate_get_assumption (estate, "weeks_per_year", 50);
  ctx.urgent_km = fp_estate_get_assumption (estate, "access_threshold_car_min.urgent_care", 20) /
                  60.0 * fp_estate_get_assumption (estate, "car_kmh", 24);

  for (guint i = 0; i < G_N_ELEMENTS (examples); i++)
    {
      const Example *ex = &examples[i];
      g_autofree char *name = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      FpScenario *scenario;

      /* Every year an example uses must be in the horizon. */
      if (ex->year_offset + 1 >= (int) ctx.n_years)
        continue;

      changes = ex->build (&ctx, ex, &name);
      if (changes->len == 0 || name == NULL)
        continue;

      scenario = fp_scenario_new (name);
      scenario->description = g_strdup (ex->description);
      g_ptr_array_extend_and_steal (scenario->changes, g_steal_pointer (&changes));
      scenario->applied = scenario->changes->len;

      /* What the engine accepted one by one, it must accept as a whole. */
      if (!fp_scenario_check_changes (model, NULL, scenario->changes, error))
        {
          g_prefix_error (error, _("The example “%s” does not apply: "), scenario->name);
          fp_scenario_free (scenario);
          return NULL;
        }
      g_ptr_array_add (scenarios, scenario);
      if (which != NULL)
        g_array_append_val (which, i);
    }

  return g_steal_pointer (&scenarios);
}

/* ---- The example story ------------------------------------------------------------- */

#define EXAMPLE_STORY "Example: the options in turn"

typedef struct
{
  FpModel      *model;
  FpResults    *dn;
  int           base_year;
  int           last_year;
} StoryCtx;

/* The key figures of @results in @year, and their change against Do nothing's. */
static void
figures_in (StoryCtx        *sc,
            const FpResults *results,
            int              year,
            FpKeyFigures    *figures)
{
  guint y = (guint) (year - sc->base_year);
  g_autoptr(FpAccess) access = fp_access_compute (sc->model, results, y);
  g_autoptr(FpAccess) dn_access = fp_access_compute (sc->model, sc->dn, y);
  FpKeyFigures dn_figures;

  fp_key_figures_compute (sc->model, sc->dn, dn_access, y, &dn_figures);
  fp_key_figures_compute (sc->model, results, access, y, figures);
  fp_key_figures_compare (figures, &dn_figures);
}

/* "£3.9m less than Do nothing", "£1.1m more than Do nothing", "the same as Do nothing". */
static char *
money_change (double change)
{
  g_autofree char *amount = fp_format_money_short (fabs (change));

  if (!(fabs (change) >= 0.5) || g_str_equal (amount, "£0"))
    return g_strdup ("the same as Do nothing");
  return g_strdup_printf (change < 0 ? "%s less than Do nothing" : "%s more than Do nothing",
                          amount);
}

static char *
access_words (const FpKeyFigures *f,
              gboolean            compare)
{
  g_autofree char *share = fp_format_percent (f->value[FP_KEY_ACCESS_SHARE]);
  g_autofree char *people = fp_format_count (fabs (f->change[FP_KEY_ACCESS_PEOPLE]));
  double change = f->change[FP_KEY_ACCESS_PEOPLE];

  if (isnan (f->value[FP_KEY_ACCESS_SHARE]))
    return g_strdup ("");
  if (!compare || isnan (change))
    return g_strdup_printf ("; %s of people live within %g minutes of urgent care by car",
                            share, f->access_threshold);
  if (fabs (change) < 0.5)
    return g_strdup_printf ("; %s of people within %g minutes of urgent care by car, as now",
                            share, f->access_threshold);
  return g_strdup_printf ("; %s of people within %g minutes of urgent care by car (%s %s)",
                          share, f->access_threshold, people,
                          change < 0 ? "fewer" : "more");
}

/* The year by which every change of @scenario has taken effect, within the horizon. */
static int
year_in_place (StoryCtx         *sc,
               const FpScenario *scenario)
{
  int year = sc->base_year;

  for (guint c = 0; c < scenario->changes->len; c++)
    year = MAX (year, ((const FpChange *) g_ptr_array_index (scenario->changes, c))->year + 1);
  return MIN (year, sc->last_year);
}

static void
add_view (FpStory     *story,
          const char  *option,
          int          year,
          const char  *colour_by,
          const char  *zone_layer,
          const char  *zone_service,
          char        *title,
          char        *notes)
{
  FpStoryView *view = fp_story_view_new (option, year, title);

  g_free (view->colour_by);
  view->colour_by = g_strdup (colour_by);
  g_free (view->zone_layer);
  view->zone_layer = g_strdup (zone_layer);
  view->zone_service = g_strdup (zone_service);
  /* The words are made from names of any length: keep them within a view's caps. */
  if (g_utf8_strlen (notes, -1) > FP_STORY_NOTES_MAX)
    {
      char *cut = g_utf8_substring (notes, 0, FP_STORY_NOTES_MAX - 1);

      g_free (notes);
      notes = g_strconcat (cut, "…", NULL);
      g_free (cut);
    }
  if (g_utf8_strlen (view->title, -1) > FP_STORY_TITLE_MAX)
    {
      char *cut = g_utf8_substring (view->title, 0, FP_STORY_TITLE_MAX - 1);

      g_free (view->title);
      view->title = g_strconcat (cut, "…", NULL);
      g_free (cut);
    }
  g_free (view->notes);
  view->notes = notes;
  g_free (title);
  g_ptr_array_add (story->views, view);
}

/* A name without the examples' prefix, with a capital: "Fill the LIFT voids". */
static char *
short_name (const char *name)
{
  const char *rest = g_str_has_prefix (name, FP_EXAMPLE_PREFIX)
                     ? name + strlen (FP_EXAMPLE_PREFIX) : name;
  char *copy = g_strdup (rest);

  copy[0] = g_ascii_toupper (copy[0]);
  return copy;
}

/* The example story: Do nothing, each example once its changes are in place, then the
 * options side by side in the last year. Its words are the model's own figures. */
static FpStory *
build_story (const FpEstate  *estate,
             GPtrArray       *scenarios,
             GArray          *which,
             GError         **error)
{
  g_autoptr(FpStory) story = fp_story_new (EXAMPLE_STORY);
  g_autoptr(GString) comparison = g_string_new (NULL);
  StoryCtx sc = { 0 };
  FpKeyFigures f;
  const char *best = NULL;
  double best_saving = 0;
  gboolean failed = FALSE;

  sc.model = fp_model_new (estate, error);
  if (sc.model == NULL)
    return NULL;
  sc.dn = fp_compute_scenario (sc.model, NULL, NULL, error);
  if (sc.dn == NULL)
    {
      fp_model_free (sc.model);
      return NULL;
    }
  sc.base_year = fp_model_get_base_year (sc.model);
  sc.last_year = sc.base_year + (int) fp_model_get_n_years (sc.model) - 1;

  {
    g_autofree char *running = NULL;
    g_autofree char *voids = NULL;
    g_autofree char *access = NULL;

    figures_in (&sc, sc.dn, sc.base_year, &f);
    running = fp_format_money_short (f.value[FP_KEY_RUNNING_COST]);
    voids = fp_format_money_short (f.value[FP_KEY_VOID_COST]);
    access = access_words (&f, FALSE);
    add_view (story, NULL, sc.base_year, "utilisation", "none", NULL,
              g_strdup ("Where we start: the estate as it is, changing nothing"),
              g_strdup_printf ("In %d the estate costs %s a year to run, %s of it for empty "
                               "space%s.", sc.base_year, running, voids, access));
  }

  for (guint i = 0; i < scenarios->len; i++)
    {
      const FpScenario *scenario = g_ptr_array_index (scenarios, i);
      const Example *ex = &examples[g_array_index (which, guint, i)];
      g_autoptr(FpResults) results = NULL;
      g_autofree char *name = short_name (scenario->name);
      g_autofree char *running = NULL;
      g_autofree char *change = NULL;
      g_autofree char *void_change = NULL;
      g_autofree char *access = NULL;
      g_autofree char *receipts = NULL;
      int year = year_in_place (&sc, scenario);

      results = fp_compute_scenario (sc.model, scenario->changes, sc.dn, error);
      if (results == NULL)
        {
          failed = TRUE;
          break;
        }
      figures_in (&sc, results, year, &f);
      running = fp_format_money_short (f.value[FP_KEY_RUNNING_COST]);
      change = money_change (f.change[FP_KEY_RUNNING_COST]);
      void_change = money_change (f.change[FP_KEY_VOID_COST]);
      access = access_words (&f, TRUE);
      if (f.value[FP_KEY_CAPITAL_RECEIPTS] >= 0.5)
        {
          g_autofree char *amount = fp_format_money_short (f.value[FP_KEY_CAPITAL_RECEIPTS]);

          receipts = g_strdup_printf ("; %s of capital receipts by then", amount);
        }
      else
        receipts = g_strdup ("");
      add_view (story, scenario->name, year, ex->colour_by, ex->zone_layer, ex->zone_service,
                g_strdup_printf ("%s, once its changes are in place", name),
                g_strdup_printf ("In %d the estate costs %s a year to run, %s; empty space "
                                 "costs %s%s%s.", year, running, change, void_change,
                                 receipts, access));

      /* The options side by side in the last year: the running cost each saves. */
      figures_in (&sc, results, sc.last_year, &f);
      {
        double diff = f.change[FP_KEY_RUNNING_COST];
        g_autofree char *saving = fp_format_money_short (fabs (diff));

        g_string_append_printf (comparison, "%s%s ", comparison->len > 0 ? "; " : "", name);
        /* A change too small to show in £k is no change to a room. */
        if (!(fabs (diff) >= 0.5) || g_str_equal (saving, "£0"))
          g_string_append (comparison, "costs the same");
        else
          g_string_append_printf (comparison, diff < 0 ? "saves %s" : "costs %s more",
                                  saving);
      }
      if (best == NULL || -f.change[FP_KEY_RUNNING_COST] > best_saving)
        {
          best = scenario->name;
          best_saving = -f.change[FP_KEY_RUNNING_COST];
        }
    }

  fp_results_free (sc.dn);
  fp_model_free (sc.model);
  if (failed)
    return NULL;

  if (best != NULL)
    {
      g_autofree char *name = short_name (best);

      add_view (story, best, sc.last_year, "utilisation", "none", NULL,
                g_strdup_printf ("The comparison in %d: %s saves the most a year", sc.last_year,
                                 name),
                g_strdup_printf ("Against Do nothing in %d, in running cost a year: %s.",
                                 sc.last_year, comparison->str));
    }

  return g_steal_pointer (&story);
}

/**
 * fp_examples_add:
 * @store: a new document
 * @estate: its estate
 * @error: return location for an error
 *
 * Builds the example options on @estate and saves them in @store, with the example story
 * that walks through them (Do nothing, each option, then the options compared in the last
 * year; its titles and notes are the model's figures).
 *
 * Returns: %TRUE on success
 */
gboolean
fp_examples_add (FpStore        *store,
                 const FpEstate *estate,
                 GError        **error)
{
  g_autoptr(GArray) which = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) scenarios = build_examples (estate, which, error);
  g_autoptr(GPtrArray) stories = NULL;
  FpStory *story;

  if (scenarios == NULL)
    return FALSE;

  for (guint i = 0; i < scenarios->len; i++)
    if (!fp_store_insert_scenario (store, g_ptr_array_index (scenarios, i), FALSE, error))
      return FALSE;

  story = build_story (estate, scenarios, which, error);
  if (story == NULL)
    return FALSE;
  stories = fp_store_load_stories (store, error);
  if (stories == NULL)
    {
      fp_story_free (story);
      return FALSE;
    }
  g_ptr_array_add (stories, story);
  return fp_store_save_stories (store, stories, error);
}
