/* test-conservation.c: activity is never lost, whatever the changes and their order.
 *
 * On the built-in Birmingham and Solihull estate, thousands of random scenarios (seeded,
 * every kind of change, any order, refused changes included) must keep, for every service
 * and year (docs/model.md, "Conservation of activity"):
 *
 *   Σ over sites of activity + unplaced + cut by shorter stays
 *     = the Do nothing total, grown at the scenario's growth rates
 *   Σ over sites of activity at the baseline stay + unplaced at the baseline stay
 *     = the same total (the spells are conserved; a shorter stay cuts bed-days only)
 *
 * with every figure finite and no activity negative or at a site that is not in use, and
 * the bed-days cut only for bed services and only by a change that cuts stays.
 * The oracle is computed here from the estate and the changes, not taken from the
 * engine. The dataset's totals are not pinned: another estate would pass the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "fp-test-util.h"

/* Sites opened by a random scenario get ids NEW1, NEW2, ... */
#define MAX_NEW_SITES 4

static FpEstate *estate;
static FpModel *model;

/* Sites with some activity, and those that can be left or receive activity. */
static GArray *busy_sites;   /* guint */
/* Sites with bed-days in the base year. */
static GArray *bed_sites;    /* guint */

/* ---- The oracle -------------------------------------------------------------------- */

/* The Do nothing total of each service in each year, grown at the rates the scenario's
 * change_growth changes set (a later change wins from its year on), as docs/model.md
 * defines them: A[v][y] = Σ A0[s][v] × Π_{k=1..y} (1 + g[v][k]). Also each year's growth
 * factor Π_{k=1..y} (1 + g[v][k]), [year][service]. */
static double *
expected_totals (GPtrArray *applied,
                 double   **factors)
{
  guint ny = fp_model_get_n_years (model), nv = estate->services->len;
  int base = fp_model_get_base_year (model);
  g_autofree double *rate = g_new (double, (gsize) nv * ny);
  double *total = g_new0 (double, (gsize) ny * nv);
  double *factor = g_new (double, (gsize) ny * nv);

  for (guint v = 0; v < nv; v++)
    {
      const FpService *service = &g_array_index (estate->services, FpService, v);
      g_autofree char *prefix = g_strdup_printf ("bed_day_share.%s.", service->id);
      double total_share = 0;
      gboolean by_age = FALSE;

      for (guint y = 0; y < ny; y++)
        rate[v * ny + y] = service->growth_rate;

      /* A service with shares by age group grows as Σ share × (1 + group's rate)^y
       * (docs/model.md, "Growth by age"): the rate into year y is the ratio of two such
       * sums, less 1. */
      for (guint i = 0; i < estate->assumptions->len; i++)
        {
          const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);

          if (g_str_has_prefix (a->key, prefix))
            {
              total_share += a->value;
              by_age = TRUE;
            }
        }
      if (!by_age || fabs (total_share - 1) > 1e-6)
        continue;
      for (guint y = 1; y < ny; y++)
        {
          double now = 0, before = 0;

          for (guint i = 0; i < estate->assumptions->len; i++)
            {
              const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);
              g_autofree char *group_rate = NULL;

              if (!g_str_has_prefix (a->key, prefix))
                continue;
              group_rate = g_strconcat ("population_growth.", a->key + strlen (prefix), NULL);
              g_assert_nonnull (fp_estate_find_assumption (estate, group_rate));
              now += a->value * pow (1 + fp_estate_get_assumption (estate, group_rate, NAN), y);
              before += a->value * pow (1 + fp_estate_get_assumption (estate, group_rate, NAN),
                                        y - 1);
            }
          rate[v * ny + y] = now / before - 1;
        }
    }

  for (guint i = 0; i < applied->len; i++)
    {
      const FpChange *c = g_ptr_array_index (applied, i);
      guint v;

      if (c->kind != FP_CHANGE_CHANGE_GROWTH)
        continue;
      g_assert_true (fp_estate_find_service (estate, c->service, &v));
      for (guint y = (guint) (c->year - base); y < ny; y++)
        rate[v * ny + y] = c->rate;
    }

  for (guint v = 0; v < nv; v++)
    for (guint y = 0; y < ny; y++)
      factor[y * nv + v] = y == 0 ? 1.0 : factor[(y - 1) * nv + v] * (1.0 + rate[v * ny + y]);

  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);

      for (guint y = 0; y < ny; y++)
        total[y * nv + a->service] += a->volume * factor[y * nv + a->service];
    }

  *factors = factor;
  return total;
}

/* The base-year volume of each service at each base site, [site][service]. */
static double *a0;

/* A site that holds more of a service than Do nothing gives it received some: it must be
 * an NHS site the data does not mark possibly closed, of a type that may host the
 * service, and, where its type hosts the service only where offered, one that offered it
 * in the baseline or that the scenario opened (docs/model.md, "Hosting"). */
static gboolean
check_receiver (const FpResults *res,
                guint            s,
                guint            v,
                GString         *why)
{
  const FpResultSite *site = &res->sites[s];
  const FpService *service = &g_array_index (estate->services, FpService, v);
  FpHosting rule = fp_hosting_rule (site->type, fp_service_class (service->setting,
                                                                  service->room_type));
  gboolean opened = s >= estate->sites->len;
  gboolean offered = !opened && a0[s * estate->services->len + v] > 0;

  if (site->sector != FP_SECTOR_NHS || site->status != FP_SITE_STATUS_CURRENT)
    g_string_append_printf (why, "%s (%s, %s) received %s", site->id,
                            fp_sector_to_string (site->sector),
                            fp_site_status_to_string (site->status), service->id);
  else if (rule == FP_HOSTING_NO)
    g_string_append_printf (why, "%s (%s) received %s, which its type cannot host", site->id,
                            fp_site_type_to_string (site->type), service->id);
  else if (rule == FP_HOSTING_IF_OFFERED && !offered && !opened)
    g_string_append_printf (why, "%s (%s) received %s, which it did not offer", site->id,
                            fp_site_type_to_string (site->type), service->id);
  else
    return TRUE;

  return FALSE;
}

/* Checks every invariant of one scenario's results; returns FALSE with a message. */
static gboolean
check_results (const FpResults *res,
               GPtrArray       *applied,
               GString         *why)
{
  g_autofree double *factor = NULL;
  g_autofree double *expected = expected_totals (applied, &factor);
  guint ny = res->n_years, nv = res->n_services, n_base = estate->sites->len;
  gboolean cuts_stays = FALSE;

  for (guint k = 0; k < applied->len; k++)
    if (((FpChange *) g_ptr_array_index (applied, k))->kind == FP_CHANGE_REDUCE_LENGTH_OF_STAY)
      cuts_stays = TRUE;

  for (guint y = 0; y < ny; y++)
    for (guint v = 0; v < nv; v++)
      {
        double at_sites = 0, unplaced = res->unplaced[y * nv + v];
        double unshifted = res->unshifted[y * nv + v];
        double cut = res->los_reduced[y * nv + v];
        double base_at_sites = 0, base_unplaced = res->unplaced_baseline_los[y * nv + v];
        double want = expected[y * nv + v];
        gboolean bed = g_array_index (estate->services, FpService, v).room_type == FP_ROOM_BED;

        if (!isfinite (unplaced) || unplaced < 0 || !isfinite (unshifted) || unshifted < 0 ||
            !isfinite (cut) || cut < 0 || !isfinite (base_unplaced) || base_unplaced < 0)
          {
            g_string_append_printf (why, "year %u service %u: unplaced %g, not shifted %g, "
                                    "cut %g, unplaced at the baseline stay %g", y, v,
                                    unplaced, unshifted, cut, base_unplaced);
            return FALSE;
          }
        /* Bed-days are cut only by a change that cuts stays, and only bed-days. */
        if (cut > 0 && (!bed || !cuts_stays))
          {
            g_string_append_printf (why, "year %u service %s: %g cut with no cut in stays",
                                    y, g_array_index (estate->services, FpService, v).id, cut);
            return FALSE;
          }

        for (guint s = 0; s < res->n_sites; s++)
          {
            double a = fp_results_activity (res, s, y, v);
            const FpSiteYear *sy = fp_results_get (res, s, y);

            if (!isfinite (a) || a < 0)
              {
                g_string_append_printf (why, "site %s year %u service %u: activity %g",
                                        res->sites[s].id, y, v, a);
                return FALSE;
              }
            if (a > 0 && !sy->active)
              {
                g_string_append_printf (why, "site %s year %u service %u: %g at a site not "
                                        "in use", res->sites[s].id, y, v, a);
                return FALSE;
              }
            if (a > (s < n_base ? a0[s * nv + v] * factor[y * nv + v] : 0) * (1 + 1e-9) + 1e-9 &&
                !check_receiver (res, s, v, why))
              {
                g_string_append_printf (why, " (year %u)", y);
                return FALSE;
              }
            at_sites += a;

            /* At the baseline stay: never below the activity, and equal to it for a
             * service that is not counted in bed-days. */
            {
              double b = fp_results_activity_baseline_los (res, s, y, v);

              if (!isfinite (b) || b < a * (1 - 1e-9) - 1e-9 ||
                  (!bed && fabs (b - a) > 1e-9 * fmax (1.0, a)))
                {
                  g_string_append_printf (why, "site %s year %u service %u: %g at the "
                                          "baseline stay, %g now", res->sites[s].id, y, v, b, a);
                  return FALSE;
                }
              base_at_sites += b;
            }
          }

        if (fabs (at_sites + unplaced + cut - want) > 1e-9 * fmax (1.0, want))
          {
            g_string_append_printf (why, "year %u service %s: at sites %.9g + unplaced %.9g + "
                                    "cut %.9g = %.9g, Do nothing %.9g (%+.6g)", y,
                                    g_array_index (estate->services, FpService, v).id,
                                    at_sites, unplaced, cut, at_sites + unplaced + cut, want,
                                    at_sites + unplaced + cut - want);
            return FALSE;
          }
        if (fabs (base_at_sites + base_unplaced - want) > 1e-9 * fmax (1.0, want))
          {
            g_string_append_printf (why, "year %u service %s: at the baseline stay, at sites "
                                    "%.9g + unplaced %.9g = %.9g, Do nothing %.9g", y,
                                    g_array_index (estate->services, FpService, v).id,
                                    base_at_sites, base_unplaced, base_at_sites + base_unplaced,
                                    want);
            return FALSE;
          }
      }

  for (guint y = 0; y < ny; y++)
    {
      const FpYearTotals *t = &res->totals[y];

      if (!isfinite (t->running_cost) || !isfinite (t->void_cost) ||
          !isfinite (t->capital_receipts) || !isfinite (t->backlog_avoided) ||
          !isfinite (t->revenue_saving_vs_do_nothing) || t->void_cost < 0 || t->running_cost < 0)
        {
          g_string_append_printf (why, "year %u: a total is not finite or negative", y);
          return FALSE;
        }

      for (guint s = 0; s < res->n_sites; s++)
        {
          const FpSiteYear *sy = fp_results_get (res, s, y);

          if (!isfinite (sy->running_cost) || !isfinite (sy->void_cost) ||
              !isfinite (sy->void_m2) || !isfinite (sy->demand_room_hours) ||
              !isfinite (sy->capacity_room_hours) || !isfinite (sy->beds_required) ||
              !isfinite (sy->bed_gap) || !isfinite (sy->bed_equivalents_released_los) ||
              !isfinite (sy->bed_equivalents_released_occupancy) ||
              sy->bed_equivalents_released_los < -1e-9 ||
              !(sy->target_bed_occupancy > 0 && sy->target_bed_occupancy <= 1) ||
              isinf (sy->utilisation_site) || isinf (sy->bed_occupancy) ||
              sy->void_m2 < 0 || sy->void_cost < 0 || sy->demand_room_hours < 0)
            {
              g_string_append_printf (why, "site %s year %u: a figure is not finite or "
                                      "negative", res->sites[s].id, y);
              return FALSE;
            }
          for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
            if (isinf (sy->utilisation[rt]) || sy->demand[rt] < 0)
              {
                g_string_append_printf (why, "site %s year %u: room type %u", res->sites[s].id,
                                        y, rt);
                return FALSE;
              }
        }
    }

  return TRUE;
}

/* Every site's category reasons read as sentences: a capital first, a full stop last,
 * nothing undefined ("Utilisation (null), at least 70%" was one). A site with demand for a
 * room type it has none of is never Core. */
static void
check_reasons (const FpResults *res,
               guint            y)
{
  for (guint s = 0; s < res->n_sites; s++)
    {
      const FpSiteYear *sy = fp_results_get (res, s, y);
      g_auto(GStrv) reasons = NULL;

      if (!sy->exists)
        continue;
      if (sy->no_capacity_rooms != 0)
        g_assert_cmpint (sy->category, !=, FP_CATEGORY_CORE);
      reasons = fp_results_describe_reasons (res, model, s, y);
      for (guint i = 0; reasons[i] != NULL; i++)
        {
          if (!g_unichar_isupper (g_utf8_get_char (reasons[i])) ||
              !g_str_has_suffix (reasons[i], ".") || strstr (reasons[i], "(null)") != NULL ||
              strstr (reasons[i], "nan") != NULL || strstr (reasons[i], "inf%") != NULL)
            g_error ("site %s year %u: “%s” is not a sentence", res->sites[s].id, y, reasons[i]);
        }
    }
}

/* ---- Random scenarios -------------------------------------------------------------- */

static const char *
random_site (GRand    *rand,
             GPtrArray *opened)
{
  /* Mostly sites with activity; sometimes any site (unplaced, possibly closed,
   * independent: changes that must be refused) or one the scenario opened. */
  int pick = g_rand_int_range (rand, 0, 10);

  if (pick < 1 && opened->len > 0)
    return g_ptr_array_index (opened, g_rand_int_range (rand, 0, (int) opened->len));
  if (pick < 8)
    return fp_estate_get_site (estate, g_array_index (busy_sites, guint,
                                                      g_rand_int_range (rand, 0, (int) busy_sites->len)))->id;
  return fp_estate_get_site (estate, g_rand_int_range (rand, 0, (int) estate->sites->len))->id;
}

/* Mostly a site of one of two tenures (backfill needs LIFT or NHS Property Services, a
 * sale freehold or local authority), sometimes any. */
static const char *
random_site_of_tenure (GRand     *rand,
                       GPtrArray *opened,
                       FpTenure   a,
                       FpTenure   b)
{
  for (guint tries = 0; tries < 200 && g_rand_int_range (rand, 0, 10) < 7; tries++)
    {
      const FpSite *site = fp_estate_get_site (estate, g_rand_int_range (rand, 0, (int) estate->sites->len));

      if (site->tenure == a || site->tenure == b)
        return site->id;
    }

  return random_site (rand, opened);
}

/* Mostly a site with bed-days, sometimes any. */
static const char *
random_bed_site (GRand     *rand,
                 GPtrArray *opened)
{
  if (g_rand_int_range (rand, 0, 10) < 8)
    return fp_estate_get_site (estate, g_array_index (bed_sites, guint,
                                                      g_rand_int_range (rand, 0, (int) bed_sites->len)))->id;
  return random_site (rand, opened);
}

static void
random_bed_sites (GRand     *rand,
                  FpChange  *c,
                  GPtrArray *opened)
{
  guint n = (guint) g_rand_int_range (rand, 1, 4);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    g_strv_builder_add (b, random_bed_site (rand, opened));
  c->sites = g_strv_builder_end (b);
}

/* A service the site has in the base year, or any service. */
static const char *
random_service (GRand      *rand,
                const char *site_id)
{
  guint s;

  if (site_id != NULL && fp_estate_find_site (estate, site_id, &s) && g_rand_int_range (rand, 0, 4) > 0)
    {
      g_autoptr(GArray) have = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < estate->activity->len; i++)
        {
          const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);

          if (a->site == s && a->volume > 0)
            g_array_append_val (have, a->service);
        }
      if (have->len > 0)
        return g_array_index (estate->services, FpService,
                              g_array_index (have, guint, g_rand_int_range (rand, 0, (int) have->len))).id;
    }

  return g_array_index (estate->services, FpService,
                        g_rand_int_range (rand, 0, (int) estate->services->len)).id;
}

static void
random_receivers (GRand     *rand,
                  FpChange  *c,
                  GPtrArray *opened)
{
  guint n = (guint) g_rand_int_range (rand, 1, 4);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; i < n; i++)
    g_strv_builder_add (b, random_site (rand, opened));
  c->to_sites = g_strv_builder_end (b);

  if (g_rand_boolean (rand))
    {
      c->weights = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint i = 0; i < n; i++)
        {
          double w = g_rand_double_range (rand, 0, 3);
          g_array_append_val (c->weights, w);
        }
    }
}

static FpChange *
random_change (GRand     *rand,
               GPtrArray *opened)
{
  int base = fp_model_get_base_year (model);
  int year = base + g_rand_int_range (rand, 0, (int) fp_model_get_n_years (model));
  FpChangeKind kind = g_rand_int_range (rand, 0, FP_N_CHANGE_KINDS);
  FpChange *c = fp_change_new (kind, year);

  switch (kind)
    {
    case FP_CHANGE_MOVE_SERVICE:
      c->site = g_strdup (random_site (rand, opened));
      c->service = g_strdup (random_service (rand, c->site));
      c->to_site = g_strdup (random_site (rand, opened));
      if (g_rand_int_range (rand, 0, 4) > 0)
        c->share = g_rand_int_range (rand, 0, 5) == 0 ? 1.0 : g_rand_double (rand);
      else
        {
          c->share = NAN;
          c->volume = g_rand_double_range (rand, 0, 20000);
        }
      break;

    case FP_CHANGE_SHIFT_SETTING:
      {
        const char *from = random_site (rand, opened);
        guint s;

        c->service = g_strdup (random_service (rand, from));
        c->from_setting = fp_estate_find_site (estate, from, &s)
                          ? fp_site_type_setting (fp_estate_get_site (estate, s)->type)
                          : (FpSetting) g_rand_int_range (rand, 0, FP_N_SETTINGS);
        c->share = g_rand_double (rand);
        if (g_rand_int_range (rand, 0, 3) == 0)
          random_receivers (rand, c, opened);
      }
      break;

    case FP_CHANGE_EXIT_SITE:
    case FP_CHANGE_DISPOSE_SITE:
      c->site = g_strdup (kind == FP_CHANGE_DISPOSE_SITE
                          ? random_site_of_tenure (rand, opened, FP_TENURE_FREEHOLD,
                                                   FP_TENURE_LOCAL_AUTHORITY)
                          : random_site (rand, opened));
      if (kind == FP_CHANGE_EXIT_SITE && g_rand_int_range (rand, 0, 3) == 0)
        random_receivers (rand, c, opened);
      if (kind == FP_CHANGE_DISPOSE_SITE)
        {
          c->value = g_rand_double_range (rand, 0, 5e6);
          c->disposal_costs = g_rand_double_range (rand, 0, 2e5);
          c->receipt_retained = g_rand_boolean (rand);
        }
      break;

    case FP_CHANGE_BACKFILL:
      c->site = g_strdup (random_site_of_tenure (rand, opened, FP_TENURE_LIFT, FP_TENURE_NHSPS));
      c->m2 = g_rand_double_range (rand, 1, 800);
      break;

    case FP_CHANGE_OPEN_SITE:
      {
        static const FpSiteType types[] = {
          FP_SITE_TYPE_HUB, FP_SITE_TYPE_HEALTH_CENTRE, FP_SITE_TYPE_GP_PRACTICE,
          FP_SITE_TYPE_COMMUNITY_HOSPITAL, FP_SITE_TYPE_URGENT_CARE_CENTRE,
          FP_SITE_TYPE_ACUTE_HOSPITAL, FP_SITE_TYPE_OFFICE,
        };

        if (opened->len >= MAX_NEW_SITES)
          {
            c->kind = FP_CHANGE_CHANGE_HOURS;
            c->site = g_strdup (random_site (rand, opened));
            c->hours_open_per_week = g_rand_double_range (rand, 0, 100);
            break;
          }
        c->new_id = g_strdup_printf ("NEW%u", opened->len + 1);
        c->name = g_strdup_printf ("New site %u", opened->len + 1);
        c->site_type = types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))];
        c->lat = g_rand_double_range (rand, 52.38, 52.56);
        c->lon = g_rand_double_range (rand, -2.0, -1.7);
        c->gia_m2 = g_rand_double_range (rand, 200, 5000);
        for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
          c->rooms[rt] = g_rand_int_range (rand, 0, 12);
        c->beds = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 0, 40) : 0;
        c->desks = g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 0, 60) : 0;
        c->hours_open_per_week = g_rand_double_range (rand, 20, 84);
        c->capital_cost = g_rand_double_range (rand, 0, 2e7);
        c->running_cost = g_rand_double_range (rand, 0, 2e6);
        c->tenure = g_rand_int_range (rand, 0, FP_N_TENURES);
        c->lease_end_year = g_rand_boolean (rand) ? year + g_rand_int_range (rand, 0, 30) : 0;
      }
      break;

    case FP_CHANGE_CHANGE_HOURS:
      c->site = g_strdup (random_site (rand, opened));
      c->hours_open_per_week = g_rand_int_range (rand, 0, 10) == 0
                               ? 0 : g_rand_double_range (rand, 10, 120);
      break;

    case FP_CHANGE_CHANGE_GROWTH:
      c->service = g_strdup (random_service (rand, NULL));
      c->rate = g_rand_double_range (rand, -0.1, 0.15);
      break;

    case FP_CHANGE_REDUCE_LENGTH_OF_STAY:
      /* Mostly one site's own bed service at one to three sites, or at every site. */
      c->service = g_strdup (random_service (rand, random_bed_site (rand, opened)));
      c->share = g_rand_double_range (rand, 0.01, 0.9);
      if (g_rand_int_range (rand, 0, 3) > 0)
        random_bed_sites (rand, c, opened);
      break;

    case FP_CHANGE_CHANGE_OCCUPANCY:
      c->occupancy = g_rand_double_range (rand, 0.5, 1.0);
      if (g_rand_boolean (rand))
        random_bed_sites (rand, c, opened);
      break;

    case FP_N_CHANGE_KINDS:
    default:
      g_assert_not_reached ();
    }

  return c;
}

/* Applies a random scenario; returns the changes that applied. */
static GPtrArray *
random_scenario (GRand     *rand,
                 FpEngine  *engine,
                 guint      n_changes,
                 guint     *n_refused)
{
  GPtrArray *applied = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(GPtrArray) opened = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_changes; i++)
    {
      FpChange *c = random_change (rand, opened);
      g_autoptr(GError) error = NULL;

      if (fp_engine_apply (engine, c, &error))
        {
          if (c->kind == FP_CHANGE_OPEN_SITE)
            g_ptr_array_add (opened, g_strdup (c->new_id));
          g_ptr_array_add (applied, c);
        }
      else
        {
          g_assert_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED);
          (*n_refused)++;
          fp_change_free (c);
        }
    }

  return applied;
}

static void
test_random_scenarios (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261129);
  guint n_scenarios = g_test_thorough () ? 20000 : 2000;
  guint n_applied = 0, n_refused = 0;
  guint kinds_applied[FP_N_CHANGE_KINDS] = { 0 };

  for (guint i = 0; i < n_scenarios; i++)
    {
      g_autoptr(FpEngine) engine = fp_engine_new (model);
      g_autoptr(GPtrArray) applied = NULL;
      g_autoptr(FpResults) res = NULL;
      g_autoptr(GString) why = g_string_new (NULL);

      applied = random_scenario (rand, engine, (guint) g_rand_int_range (rand, 1, 9), &n_refused);
      res = fp_engine_compute (engine, NULL);
      n_applied += applied->len;
      for (guint k = 0; k < applied->len; k++)
        kinds_applied[((FpChange *) g_ptr_array_index (applied, k))->kind]++;

      if (i % 25 == 0)
        check_reasons (res, (guint) g_rand_int_range (rand, 0, (int) res->n_years));

      if (!check_results (res, applied, why))
        {
          g_autoptr(GString) list = g_string_new (NULL);

          for (guint k = 0; k < applied->len; k++)
            {
              g_autoptr(JsonNode) node = fp_change_to_json (g_ptr_array_index (applied, k), TRUE);
              g_autofree char *text = json_to_string (node, FALSE);

              g_string_append_printf (list, "\n  %s", text);
            }
          g_error ("scenario %u: %s; changes:%s", i, why->str, list->str);
        }
    }

  g_test_message ("%u scenarios, %u changes applied, %u refused", n_scenarios, n_applied,
                  n_refused);
  for (guint k = 0; k < FP_N_CHANGE_KINDS; k++)
    g_test_message ("%s: %u applied", fp_change_kind_to_string (k), kinds_applied[k]);
  /* Every kind of change was exercised many times, not only refused. */
  for (guint k = 0; k < FP_N_CHANGE_KINDS; k++)
    g_assert_cmpuint (kinds_applied[k], >=, 100);
}

/* The audit's case (issue 7): half of a practice's GP appointments move to a health centre
 * that offers none from 2031, and an earlier-dated change leaves that health centre from
 * 2027. GP appointments first appear there in 2031: they must be allocated in 2031, not
 * deleted. Sites are chosen by what they are, not by id (the audit's pair was M85098 and
 * RYWA4): a GP practice with GP appointments, and the nearest current health centre with
 * activity but no GP appointments. */
static void
test_move_then_earlier_exit (void)
{
  g_autoptr(FpEngine) engine = fp_engine_new (model);
  g_autoptr(GPtrArray) applied = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  g_autoptr(FpResults) res = NULL;
  g_autoptr(GString) why = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  FpChange *move, *exit;
  guint gp, practice = G_MAXUINT, centre = G_MAXUINT;
  double best = G_MAXDOUBLE;

  g_assert_true (fp_estate_find_service (estate, "gp_appointments", &gp));
  for (guint i = 0; i < estate->activity->len && practice == G_MAXUINT; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);
      const FpSite *site = fp_estate_get_site (estate, a->site);

      if (a->service == gp && a->volume > 0 && site->type == FP_SITE_TYPE_GP_PRACTICE &&
          site->placed && site->status == FP_SITE_STATUS_CURRENT)
        practice = a->site;
    }
  g_assert_cmpuint (practice, !=, G_MAXUINT);

  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);
      const FpSite *site = fp_estate_get_site (estate, a->site);
      const FpSite *from = fp_estate_get_site (estate, practice);
      gboolean has_gp = FALSE;
      double d;

      if (a->volume <= 0 || site->type != FP_SITE_TYPE_HEALTH_CENTRE || !site->placed ||
          site->status != FP_SITE_STATUS_CURRENT || site->sector != FP_SECTOR_NHS)
        continue;
      for (guint j = 0; j < estate->activity->len; j++)
        {
          const FpActivity *b = &g_array_index (estate->activity, FpActivity, j);

          if (b->site == a->site && b->service == gp && b->volume > 0)
            has_gp = TRUE;
        }
      d = fp_geo_haversine_km (from->lat, from->lon, site->lat, site->lon);
      if (!has_gp && d < best)
        {
          best = d;
          centre = a->site;
        }
    }
  g_assert_cmpuint (centre, !=, G_MAXUINT);

  move = fp_change_new (FP_CHANGE_MOVE_SERVICE, 2031);
  move->site = g_strdup (fp_estate_get_site (estate, practice)->id);
  move->service = g_strdup ("gp_appointments");
  move->to_site = g_strdup (fp_estate_get_site (estate, centre)->id);
  move->share = 0.5;
  exit = fp_change_new (FP_CHANGE_EXIT_SITE, 2027);
  exit->site = g_strdup (fp_estate_get_site (estate, centre)->id);

  g_assert_true (fp_engine_apply (engine, move, &error));
  g_assert_no_error (error);
  g_assert_true (fp_engine_apply (engine, exit, &error));
  g_assert_no_error (error);
  g_ptr_array_add (applied, move);
  g_ptr_array_add (applied, exit);

  res = fp_engine_compute (engine, NULL);
  if (!check_results (res, applied, why))
    g_error ("%s", why->str);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  estate = fp_dataset_load_default (&error);
  g_assert_no_error (error);
  model = fp_model_new (estate, &error);
  g_assert_no_error (error);

  a0 = g_new0 (double, (gsize) estate->sites->len * estate->services->len);
  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);

      a0[a->site * estate->services->len + a->service] += a->volume;
    }

  busy_sites = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);

      if (a->volume > 0 && (busy_sites->len == 0 ||
                            g_array_index (busy_sites, guint, busy_sites->len - 1) != a->site))
        g_array_append_val (busy_sites, a->site);
    }

  bed_sites = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);

      if (a->volume > 0 &&
          g_array_index (estate->services, FpService, a->service).room_type == FP_ROOM_BED)
        g_array_append_val (bed_sites, a->site);
    }
  g_assert_cmpuint (bed_sites->len, >, 0);

  g_test_add_func ("/fp/conservation/move-then-earlier-exit", test_move_then_earlier_exit);
  g_test_add_func ("/fp/conservation/random-scenarios", test_random_scenarios);

  return g_test_run ();
}
