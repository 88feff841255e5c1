/* fp-optimise.c: suggest an estate (docs/model.md, "Optimiser").
 *
 * The public face of the optimiser: settings, the solve (fp-optimise-problem.c reads the
 * problem, fp-optimise-mip.c solves it), the suggestion as changes with their
 * explanations, why each site is kept, the engine's check of the suggestion, the sweep of
 * an access target (the price of access) and the JSON and text the CLI prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-optimise"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-json-private.h"
#include "fp-error.h"
#include "fp-format.h"
#include "fp-optimise-private.h"
#include "fp-store-private.h"

/* The confidence written on a change: the site's figures measured (or entered by a user),
 * or estimated (docs/model.md, "Optimiser"). */
#define CONFIDENCE_MEASURED  0.8
#define CONFIDENCE_ESTIMATED 0.5

/* The engine must agree with the solver to one part in 10⁹ of the estate's net present
 * cost, or £1, whichever is larger. */
#define AGREEMENT 1e-9

/* ---- Settings ---------------------------------------------------------------------------- */

static void
target_free (gpointer data)
{
  FpOptimiseTarget *t = data;

  g_free (t->id);
  g_free (t);
}

static void
value_free (gpointer data)
{
  FpOptimiseValue *v = data;

  g_free (v->id);
  g_free (v);
}

/**
 * fp_optimise_settings_init:
 * @settings: (out caller-allocates): settings to fill with the defaults
 *
 * Every service chosen, Do nothing's access kept, no locks, exits from the year after the
 * base year to the end of the horizon with no limit a year, no transition cost, backlog
 * not counted, 30 seconds, the optimum proven, the 30 nearest receivers.
 */
void
fp_optimise_settings_init (FpOptimiseSettings *settings)
{
  memset (settings, 0, sizeof *settings);
  settings->targets = g_ptr_array_new_with_free_func (target_free);
  settings->values = g_ptr_array_new_with_free_func (value_free);
  settings->earliest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  settings->time_limit = FP_OPTIMISE_DEFAULT_TIME_LIMIT;
  settings->max_receivers = FP_OPTIMISE_DEFAULT_MAX_RECEIVERS;
}

void
fp_optimise_settings_clear (FpOptimiseSettings *settings)
{
  g_clear_pointer (&settings->services, g_strfreev);
  g_clear_pointer (&settings->targets, g_ptr_array_unref);
  g_clear_pointer (&settings->lock_keep, g_strfreev);
  g_clear_pointer (&settings->lock_exit, g_strfreev);
  g_clear_pointer (&settings->earliest, g_hash_table_unref);
  g_clear_pointer (&settings->values, g_ptr_array_unref);
}

/**
 * fp_optimise_settings_set_target:
 * @settings: settings
 * @id: a service id or the group `urgent_care_or_walk_in`
 * @overall: the least share within reach, or NAN to leave it at Do nothing's (or as set)
 * @deprived: the same for the most deprived fifth
 *
 * Sets (or changes) a set's targets; a NAN leaves that target as it was.
 */
void
fp_optimise_settings_set_target (FpOptimiseSettings *settings,
                                 const char         *id,
                                 double              overall,
                                 double              deprived)
{
  FpOptimiseTarget *t = NULL;

  for (guint i = 0; i < settings->targets->len && t == NULL; i++)
    if (g_str_equal (((FpOptimiseTarget *) g_ptr_array_index (settings->targets, i))->id, id))
      t = g_ptr_array_index (settings->targets, i);

  if (t == NULL)
    {
      t = g_new0 (FpOptimiseTarget, 1);
      t->id = g_strdup (id);
      t->overall = t->deprived = NAN;
      g_ptr_array_add (settings->targets, t);
    }
  if (!isnan (overall))
    t->overall = overall;
  if (!isnan (deprived))
    t->deprived = deprived;
}

static void
settings_copy (FpOptimiseSettings       *dest,
               const FpOptimiseSettings *src)
{
  GHashTableIter iter;
  gpointer key, value;

  fp_optimise_settings_init (dest);
  dest->services = g_strdupv (src->services);
  dest->lock_keep = g_strdupv (src->lock_keep);
  dest->lock_exit = g_strdupv (src->lock_exit);
  for (guint i = 0; src->targets != NULL && i < src->targets->len; i++)
    {
      const FpOptimiseTarget *t = g_ptr_array_index (src->targets, i);

      fp_optimise_settings_set_target (dest, t->id, t->overall, t->deprived);
    }
  for (guint i = 0; src->values != NULL && i < src->values->len; i++)
    {
      const FpOptimiseValue *v = g_ptr_array_index (src->values, i);
      FpOptimiseValue *copy = g_new0 (FpOptimiseValue, 1);

      copy->id = g_strdup (v->id);
      copy->value = v->value;
      copy->disposal_costs = v->disposal_costs;
      g_ptr_array_add (dest->values, copy);
    }
  if (src->earliest != NULL)
    {
      g_hash_table_iter_init (&iter, src->earliest);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (dest->earliest, g_strdup (key), value);
    }
  dest->first_year = src->first_year;
  dest->last_year = src->last_year;
  dest->max_exits_per_year = src->max_exits_per_year;
  dest->transition_cost = src->transition_cost;
  dest->count_backlog = src->count_backlog;
  dest->time_limit = src->time_limit;
  dest->gap = src->gap;
  dest->max_receivers = src->max_receivers;
}

/* ---- Names -------------------------------------------------------------------------------- */

const char *
fp_optimise_status_to_string (FpOptimiseStatus status)
{
  switch (status)
    {
    case FP_OPTIMISE_OPTIMAL:
      return "optimal";
    case FP_OPTIMISE_WITHIN_GAP:
      return "within_gap";
    case FP_OPTIMISE_TIME_LIMIT:
    default:
      return "time_limit";
    }
}

const char *
fp_optimise_reason_to_string (FpOptimiseReason reason)
{
  static const char * const names[] = {
    "saves", "locked_exit", "locked_keep", "no_saving", "not_movable", "no_room", "access",
    "deprived_access", "limit", "receives", "not_better", "unproven",
  };

  g_return_val_if_fail ((guint) reason < G_N_ELEMENTS (names), NULL);
  return names[reason];
}

static const char *
status_label (FpOptimiseStatus status)
{
  switch (status)
    {
    case FP_OPTIMISE_OPTIMAL:
      return _("proven optimal");
    case FP_OPTIMISE_WITHIN_GAP:
      return _("proven within the gap asked for");
    case FP_OPTIMISE_TIME_LIMIT:
    default:
      return _("the best found in the time limit, not proven optimal");
    }
}

/* ---- Results ------------------------------------------------------------------------------- */

static void
site_free (gpointer data)
{
  FpOptimiseSite *s = data;

  g_free (s->id);
  g_free (s->name);
  g_free (s->explanation);
  g_free (s);
}

static void
access_free (gpointer data)
{
  FpOptimiseAccess *a = data;

  g_free (a->id);
  g_free (a->name);
  g_free (a);
}

void
fp_optimise_result_free (FpOptimiseResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->changes, g_ptr_array_unref);
  g_clear_pointer (&result->sites, g_ptr_array_unref);
  g_clear_pointer (&result->access, g_ptr_array_unref);
  g_free (result->description);
  g_free (result);
}

static OptCandidate *
candidate (const OptProblem *p,
           guint             c)
{
  return &g_array_index (p->candidates, OptCandidate, c);
}

static const OptSlot *
chosen_slot (const OptCandidate *cand)
{
  return &g_array_index (cand->slots, OptSlot, cand->slot);
}

static double
confidence_of (const OptProblem *p,
               guint             s)
{
  const FpSite *site = fp_estate_get_site (fp_model_get_estate (p->model), s);
  FpProvKind cost = fp_site_cost_provenance (site);
  FpProvKind tenure = site->prov[FP_SITE_SLOT_TENURE].kind;

  if ((cost == FP_PROV_MEASURED || cost == FP_PROV_ASSUMED) &&
      (tenure == FP_PROV_MEASURED || tenure == FP_PROV_ASSUMED))
    return CONFIDENCE_MEASURED;
  return CONFIDENCE_ESTIMATED;
}

static const char *
service_name (const OptProblem *p,
              guint             v)
{
  return g_array_index (fp_model_get_estate (p->model)->services, FpService, v).name;
}

/* "stops in 2027, after NHS Property Services’ notice". */
static char *
describe_liability (const OptProblem *p,
                    guint             s,
                    const OptSlot    *slot)
{
  FpTenure tenure = p->dn->sites[s].tenure;

  if (slot->unknown)
    return g_strdup_printf (_("runs on to the end of the horizon: its %s liability has no "
                              "known end"), fp_tenure_to_label (tenure));

  switch (tenure)
    {
    case FP_TENURE_FREEHOLD:
      if (slot->liability_end > slot->year)
        return g_strdup_printf (_("stops in %d, after dual running (freehold)"),
                                slot->liability_end);
      return g_strdup_printf (_("stops in %d (freehold)"), slot->liability_end);
    case FP_TENURE_NHSPS:
      return g_strdup_printf (_("stops in %d, after NHS Property Services’ notice"),
                              slot->liability_end);
    case FP_TENURE_LOCAL_AUTHORITY:
      return g_strdup_printf (_("stops in %d, after the local authority’s notice"),
                              slot->liability_end);
    case FP_TENURE_LEASEHOLD:
      return g_strdup_printf (_("stops in %d, when its lease can end"), slot->liability_end);
    case FP_TENURE_LIFT:
      return g_strdup_printf (_("stops in %d, when its LIFT lease ends"), slot->liability_end);
    case FP_TENURE_PFI:
      return g_strdup_printf (_("stops in %d, when its PFI contract ends"),
                              slot->liability_end);
    case FP_TENURE_UNKNOWN:
    case FP_N_TENURES:
    default:
      return g_strdup_printf (_("stops in %d"), slot->liability_end);
    }
}

/* Why leaving a held site saves nothing within the horizon. */
static char *
describe_no_saving (const OptProblem *p,
                    const FpEngine   *engine,
                    guint             s)
{
  const FpResultSite *site = &p->dn->sites[s];
  const FpSiteYear *sy = fp_results_get (p->dn, s, 0);
  gboolean unknown;
  int end;

  if (!(sy->running_cost > 0))
    return g_strdup (_("Kept: it costs nothing to hold, so leaving it saves nothing."));

  end = fp_engine_liability_end (engine, s, p->last_year, &unknown);
  if (unknown)
    return g_strdup_printf (_("Kept: the end of its %s liability is not known, so leaving it "
                              "would save nothing that can be shown within the horizon."),
                            fp_tenure_to_label (site->tenure));
  if (end > p->base_year + (int) p->ny - 1)
    return g_strdup_printf (_("Kept: its %s liability runs to %d, past the horizon, so leaving "
                              "it would save nothing."), fp_tenure_to_label (site->tenure), end);
  return g_strdup (_("Kept: leaving it in any year it may be left saves nothing after its "
                     "costs of leaving."));
}

static char *
join_names (GPtrArray *names)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (out, i + 1 == names->len ? _(" and ") : ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }
  return g_string_free (out, FALSE);
}

/* What leaving a candidate in its chosen year saves, and where its services go. */
static char *
describe_exit (const OptProblem *p,
               guint             c)
{
  const OptCandidate *cand = candidate (p, c);
  const OptSlot *slot = chosen_slot (cand);
  guint s = cand->site;
  g_autofree char *saving = fp_format_money (-slot->delta);
  g_autofree char *annual = fp_format_money (fp_results_get (p->dn, s, 0)->running_cost);
  g_autofree char *liability = describe_liability (p, s, slot);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree char *receivers = NULL;
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, _("Leaving it in %d saves %s (present value): its running cost "
                                 "of %s a year %s."), slot->year, saving, annual, liability);
  if (cand->dispose && slot->receipt != 0)
    {
      g_autofree char *receipt = fp_format_money (cand->value - cand->disposal_costs);
      g_string_append_printf (out, _(" Its sale brings %s."), receipt);
    }
  if (p->settings->count_backlog && slot->backlog > 0)
    {
      g_autofree char *backlog = fp_format_money (slot->backlog);
      g_string_append_printf (out, _(" Its backlog of %s (present value) is avoided."), backlog);
    }
  if (slot->transition > 0)
    {
      g_autofree char *cost = fp_format_money (slot->transition);
      g_string_append_printf (out, _(" That is after a transition cost of %s (present value)."),
                              cost);
    }

  for (guint i = 0; i < cand->n_supplies; i++)
    {
      const OptSupply *sup = &g_array_index (p->supplies, OptSupply, cand->first_supply + i);

      for (guint k = 0; k < sup->n_arcs; k++)
        {
          const OptArc *a = &g_array_index (p->arcs, OptArc, sup->first_arc + k);

          if (a->share > 0 && !g_hash_table_contains (seen, GUINT_TO_POINTER (a->receiver + 1)))
            {
              g_hash_table_add (seen, GUINT_TO_POINTER (a->receiver + 1));
              g_ptr_array_add (names, p->dn->sites[a->receiver].name);
            }
        }
    }
  if (names->len > 0)
    {
      receivers = join_names (names);
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                " Its services go to %s, which keeps within its "
                                                "targets.",
                                                " Its services go to %s, which keep within "
                                                "their targets.", names->len), receivers);
    }

  return g_string_free (out, FALSE);
}

/* Void rooms a receiver brings into use beyond what Do nothing needs. */
static int
voids_brought (const OptProblem *p,
               guint             r)
{
  double n = 0;

  for (guint k = 0; k < FP_N_ROOM_HOUR_TYPES; k++)
    n += p->w_val[r * FP_N_ROOM_HOUR_TYPES + k] - p->w_min[r * FP_N_ROOM_HOUR_TYPES + k];
  return (int) round (n);
}

static char *
describe_move (const OptProblem *p,
               const OptSupply  *sup,
               const OptArc     *a)
{
  g_autofree char *share = fp_format_percent (a->share);
  g_autofree char *volume = fp_format_count (a->share * sup->volume_last);
  g_autofree char *km = fp_format_decimal (a->km, 1);
  const char *from = p->dn->sites[candidate (p, sup->candidate)->site].name;
  const char *to = p->dn->sites[a->receiver].name;
  int voids = voids_brought (p, a->receiver);

  if (voids > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s of %s’s %s (%s in the last year) goes %s km to %s, "
                                         "which has room below its targets once %d void room "
                                         "is brought into use.",
                                         "%s of %s’s %s (%s in the last year) goes %s km to %s, "
                                         "which has room below its targets once %d void rooms "
                                         "are brought into use.", (gulong) voids),
                            share, from, service_name (p, sup->service), volume, km, to, voids);
  return g_strdup_printf (_("%s of %s’s %s (%s in the last year) goes %s km to %s, which has "
                            "room below its targets."), share, from,
                          service_name (p, sup->service), volume, km, to);
}

static int
compare_left (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const OptProblem *p = data;
  const OptCandidate *x = candidate (p, *(const guint *) a);
  const OptCandidate *y = candidate (p, *(const guint *) b);
  int xy = chosen_slot (x)->year, yy = chosen_slot (y)->year;

  if (xy != yy)
    return xy < yy ? -1 : 1;
  return (x->site > y->site) - (x->site < y->site);
}

typedef struct
{
  double share;
  guint  arc;
} Share;

static int
compare_shares (gconstpointer a,
                gconstpointer b)
{
  const Share *x = a, *y = b;

  if (x->share != y->share)
    return x->share > y->share ? -1 : 1;
  return (x->arc > y->arc) - (x->arc < y->arc);
}

/* The suggestion as changes: for each site left, in the order of the years, each service
 * moved to its receivers (the shares of what is still there, the last one 1), then the
 * exit or sale. */
static GPtrArray *
make_changes (const OptProblem *p,
              GArray           *order)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);

  for (guint i = 0; i < order->len; i++)
    {
      guint c = g_array_index (order, guint, i);
      const OptCandidate *cand = candidate (p, c);
      const OptSlot *slot = chosen_slot (cand);
      const char *id = p->dn->sites[cand->site].id;
      double confidence = confidence_of (p, cand->site);
      FpChange *exit;

      for (guint k = 0; k < cand->n_supplies; k++)
        {
          const OptSupply *sup = &g_array_index (p->supplies, OptSupply, cand->first_supply + k);
          g_autoptr(GArray) shares = g_array_new (FALSE, FALSE, sizeof (Share));
          double moved = 0;

          for (guint j = 0; j < sup->n_arcs; j++)
            {
              const OptArc *a = &g_array_index (p->arcs, OptArc, sup->first_arc + j);
              Share sh = { a->share, sup->first_arc + j };

              if (a->share > 0)
                g_array_append_val (shares, sh);
            }
          g_array_sort (shares, compare_shares);

          for (guint j = 0; j < shares->len; j++)
            {
              const Share *sh = &g_array_index (shares, Share, j);
              const OptArc *a = &g_array_index (p->arcs, OptArc, sh->arc);
              FpChange *move = fp_change_new (FP_CHANGE_MOVE_SERVICE, slot->year);

              move->site = g_strdup (id);
              move->service = g_strdup (g_array_index (fp_model_get_estate (p->model)->services,
                                                       FpService, sup->service).id);
              move->to_site = g_strdup (p->dn->sites[a->receiver].id);
              move->share = j + 1 == shares->len ? 1.0 : fmin (1.0, sh->share / (1.0 - moved));
              moved += sh->share;
              move->owner = g_strdup (FP_OPTIMISE_OWNER);
              move->note = describe_move (p, sup, a);
              move->confidence = confidence;
              g_ptr_array_add (changes, move);
            }
        }

      exit = fp_change_new (cand->dispose ? FP_CHANGE_DISPOSE_SITE : FP_CHANGE_EXIT_SITE,
                            slot->year);
      exit->site = g_strdup (id);
      if (cand->dispose)
        {
          exit->value = cand->value;
          exit->disposal_costs = cand->disposal_costs;
          exit->receipt_retained = TRUE;
        }
      exit->owner = g_strdup (FP_OPTIMISE_OWNER);
      exit->note = describe_exit (p, c);
      exit->confidence = confidence;
      g_ptr_array_add (changes, exit);
    }

  return changes;
}

/* Why a candidate the solution keeps is kept. */
static FpOptimiseReason
why_kept (const OptProblem *p,
          const OptOutcome *outcome,
          guint             c,
          OptAccess        *access,     /* the solution's */
          GPtrArray        *senders,    /* the sites sending it services */
          const gboolean   *left_sites,
          const double     *inflow,
          const guint      *exits_in,   /* [years] exits the solution makes */
          char            **explanation)
{
  const OptCandidate *cand = candidate (p, c);
  guint failed;

  /* Access: what leaving it as well would take out of reach. */
  {
    guint si;
    double people, deprived;
    int fails = opt_access_try (access, c, &si, &people, &deprived);

    if (fails != 0)
      {
        const OptSet *set = g_ptr_array_index (p->sets, si);
        g_autofree char *loss = opt_describe_loss (set, people, deprived);

        /* The equity target is named when it fails, whatever the overall one does: it is
         * the one that holds the site for the people it serves. */
        if (fails == 3)
          *explanation = g_strdup_printf (_("Kept: %s, below the access target and the "
                                            "target for the most deprived fifth."), loss);
        else if (fails == 2)
          *explanation = g_strdup_printf (_("Kept: %s, below the target for the most "
                                            "deprived fifth."), loss);
        else
          *explanation = g_strdup_printf (_("Kept: %s, below the access target."), loss);
        return (fails & 2) != 0 ? FP_OPTIMISE_REASON_DEPRIVED : FP_OPTIMISE_REASON_ACCESS;
      }
  }

  /* Room: its activity in what the kept sites within reach have left. */
  if (!opt_place_one (p, c, left_sites, inflow, p->w_val, &failed))
    {
      if (failed != G_MAXUINT)
        *explanation = g_strdup_printf (_("Kept: no site within reach that may take its %s has "
                                          "room left for it below its targets."),
                                        service_name (p, failed));
      else
        *explanation = g_strdup (_("Kept: the sites within reach do not have room left for all "
                                   "its services together below their targets."));
      return FP_OPTIMISE_REASON_NO_ROOM;
    }

  if (p->settings->max_exits_per_year > 0)
    {
      gboolean all_full = TRUE;

      for (guint i = 0; i < cand->slots->len; i++)
        if (exits_in[g_array_index (cand->slots, OptSlot, i).year - p->base_year] <
            p->settings->max_exits_per_year)
          all_full = FALSE;
      if (all_full)
        {
          *explanation = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "Kept: the limit of %u exit a year is "
                                                       "reached in every year it could be left.",
                                                       "Kept: the limit of %u exits a year is "
                                                       "reached in every year it could be left.",
                                                       p->settings->max_exits_per_year),
                                          p->settings->max_exits_per_year);
          return FP_OPTIMISE_REASON_LIMIT;
        }
    }

  if (outcome->status != FP_OPTIMISE_OPTIMAL)
    {
      *explanation = g_strdup (_("Kept: the solver stopped before it settled whether leaving it "
                                 "as well would pay."));
      return FP_OPTIMISE_REASON_UNPROVEN;
    }

  /* A site that takes in others' services is worth more kept than its own saving. */
  if (senders->len > 0)
    {
      g_autofree char *from = join_names (senders);

      *explanation = g_strdup_printf (_("Kept: it takes in services of %s, which are left; no "
                                        "estate that leaves it as well costs less."), from);
      return FP_OPTIMISE_REASON_RECEIVES;
    }

  *explanation = g_strdup (_("Kept: its activity would fit only if other sites’ moves went "
                             "elsewhere, and no estate that also leaves it costs less."));
  return FP_OPTIMISE_REASON_NOT_BETTER;
}

static gboolean
listed_site (const OptProblem *p,
             guint             s)
{
  const FpResultSite *site = &p->dn->sites[s];
  const FpSiteYear *sy = fp_results_get (p->dn, s, 0);

  return site->sector == FP_SECTOR_NHS && site->status == FP_SITE_STATUS_CURRENT && sy->held;
}

static FpOptimiseResult *
make_result (OptProblem       *p,
             const OptOutcome *outcome)
{
  FpOptimiseResult *r = g_new0 (FpOptimiseResult, 1);
  guint nc = p->candidates->len;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *left = g_new0 (gboolean, MAX (nc, 1));
  g_autofree gboolean *left_sites = g_new0 (gboolean, MAX (p->ns, 1));
  g_autofree double *inflow = g_new0 (double, (gsize) p->ns * p->n_cap_years * OPT_N_RES);
  g_autofree guint *exits_in = g_new0 (guint, p->ny);
  g_autofree FpOptimiseSite **by_site = g_new0 (FpOptimiseSite *, MAX (p->ns, 1));
  g_autoptr(OptAccess) access = NULL;
  g_autoptr(FpEngine) engine = fp_engine_new (p->model);
  g_autoptr(GPtrArray) senders = g_ptr_array_new_full (p->ns, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *npv_text = NULL;
  GString *description;

  r->status = outcome->status;
  r->npv = outcome->npv;
  r->bound = outcome->bound;
  r->gap = r->status == FP_OPTIMISE_OPTIMAL ? 0
           : isnan (r->bound) ? NAN : (r->bound - r->npv) / fmax (fabs (r->bound), 1.0);
  r->do_nothing_cost = p->do_nothing_cost;
  r->cost = p->do_nothing_cost - r->npv;
  r->solve_seconds = outcome->solve_seconds;
  r->nodes = outcome->nodes;
  r->n_candidates = nc;
  r->n_columns = p->n_columns;
  r->n_integer = p->n_integer;
  r->n_rows = p->n_rows;
  r->transition_cost = p->settings->transition_cost;
  r->count_backlog = p->settings->count_backlog;
  r->sites = g_ptr_array_new_with_free_func (site_free);
  r->access = g_ptr_array_new_with_free_func (access_free);

  for (guint c = 0; c < nc; c++)
    if (candidate (p, c)->left)
      {
        g_array_append_val (order, c);
        left[c] = TRUE;
        exits_in[chosen_slot (candidate (p, c))->year - p->base_year]++;
      }
  g_array_sort_with_data (order, compare_left, p);
  access = opt_access_new (p, left);
  r->n_left = order->len;
  r->changes = make_changes (p, order);
  opt_solution_usage (p, left_sites, inflow);

  /* Who sends services to whom, for the sites kept because they receive. */
  for (guint s = 0; s < p->ns; s++)
    g_ptr_array_add (senders, g_ptr_array_new ());
  for (guint i = 0; i < p->arcs->len; i++)
    {
      const OptArc *a = &g_array_index (p->arcs, OptArc, i);
      const OptSupply *sup = &g_array_index (p->supplies, OptSupply, a->supply);
      GPtrArray *list = g_ptr_array_index (senders, a->receiver);
      const char *from = p->dn->sites[candidate (p, sup->candidate)->site].name;

      if (a->share > 0 && !g_ptr_array_find (list, from, NULL))
        g_ptr_array_add (list, (gpointer) from);
    }

  /* Every NHS site held in Do nothing, and why it is left or kept. */
  for (guint s = 0; s < p->ns; s++)
    {
      FpOptimiseSite *site;
      guint c = p->candidate_of[s];

      if (!listed_site (p, s))
        continue;

      site = g_new0 (FpOptimiseSite, 1);
      site->site = s;
      site->id = g_strdup (p->dn->sites[s].id);
      site->name = g_strdup (p->dn->sites[s].name);
      site->tenure = p->dn->sites[s].tenure;
      site->running_cost = fp_results_get (p->dn, s, 0)->running_cost;
      site->confidence = confidence_of (p, s);
      by_site[s] = site;

      if (c != G_MAXUINT)
        {
          const OptCandidate *cand = candidate (p, c);

          if (cand->left)
            {
              const OptSlot *slot = chosen_slot (cand);

              site->left = TRUE;
              site->disposed = cand->dispose;
              site->exit_year = slot->year;
              site->best_exit_year = slot->year;
              site->liability_end_year = slot->liability_end;
              site->saving = -slot->delta;
              site->reason = cand->locked_exit ? FP_OPTIMISE_REASON_LOCKED_EXIT
                                               : FP_OPTIMISE_REASON_SAVES;
              site->explanation = describe_exit (p, c);
            }
          else
            {
              const OptSlot *best = &g_array_index (cand->slots, OptSlot, 0);

              for (guint i = 1; i < cand->slots->len; i++)
                if (g_array_index (cand->slots, OptSlot, i).delta < best->delta)
                  best = &g_array_index (cand->slots, OptSlot, i);
              site->best_exit_year = best->year;
              site->liability_end_year = best->liability_end;
              site->saving = -best->delta;
              site->reason = why_kept (p, outcome, c, access,
                                       g_ptr_array_index (senders, s), left_sites, inflow,
                                       exits_in, &site->explanation);
            }
        }
      else
        {
          site->reason = p->not_candidate[s];
          site->best_exit_year = p->best_year[s];
          site->saving = p->best_delta[s] < 0 ? -p->best_delta[s] : 0;
          switch (site->reason)
            {
            case FP_OPTIMISE_REASON_LOCKED_KEEP:
              site->explanation = g_strdup (_("Kept: locked by the user."));
              break;
            case FP_OPTIMISE_REASON_NO_SAVING:
              site->explanation = describe_no_saving (p, engine, s);
              break;
            case FP_OPTIMISE_REASON_NO_ROOM:
              site->explanation = g_strdup (_("Kept: no site within reach that may take its "
                                              "activity has room for all of it below its "
                                              "targets."));
              break;
            case FP_OPTIMISE_REASON_NOT_MOVABLE:
            default:
              site->explanation = g_strdup (p->dn->sites[s].placed
                                            ? _("Kept: it is not in use throughout the horizon.")
                                            : _("Kept: it has no location, so the sites that "
                                                "would take its activity cannot be found."));
              break;
            }
        }
    }

  for (guint i = 0; i < order->len; i++)
    {
      guint s = candidate (p, g_array_index (order, guint, i))->site;

      g_ptr_array_add (r->sites, g_steal_pointer (&by_site[s]));
    }
  for (guint s = 0; s < p->ns; s++)
    if (by_site[s] != NULL)
      g_ptr_array_add (r->sites, g_steal_pointer (&by_site[s]));

  /* Access as the optimiser counts it. */
  for (guint i = 0; i < p->sets->len; i++)
    {
      OptSet *set = g_ptr_array_index (p->sets, i);
      FpOptimiseAccess *a = g_new0 (FpOptimiseAccess, 1);
      double lost, lost_dep;
      int fails;

      opt_access_loss (p, set, left, &lost, &lost_dep, &fails);
      set->suggested = (set->do_nothing * set->people - lost) / set->people;
      set->suggested_deprived = set->people_deprived > 0
                                ? (set->do_nothing_deprived * set->people_deprived - lost_dep) /
                                  set->people_deprived
                                : NAN;
      a->id = g_strdup (set->id);
      a->name = g_strdup (set->name);
      a->threshold = set->threshold;
      a->threshold_unit = set->unit;
      a->target = set->target;
      a->target_deprived = set->target_deprived;
      a->do_nothing = set->do_nothing;
      a->do_nothing_deprived = set->do_nothing_deprived;
      a->suggested = set->suggested;
      a->suggested_deprived = set->suggested_deprived;
      g_ptr_array_add (r->access, a);
    }

  npv_text = fp_format_money (r->npv);
  description = g_string_new (NULL);
  g_string_append_printf (description,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Suggested by the optimiser on %s: leave %u site, for an "
                                       "NPV of %s against Do nothing (%s).",
                                       "Suggested by the optimiser on %s: leave %u sites, for an "
                                       "NPV of %s against Do nothing (%s).", r->n_left),
                          today, r->n_left, npv_text, status_label (r->status));
  g_string_append (description, _(" Every receiving site stays within its targets; access to "
                                  "each chosen service is held to its targets, overall and for "
                                  "the most deprived fifth."));
  r->description = g_string_free (description, FALSE);

  return r;
}

/**
 * fp_optimise_solve:
 * @model: the document's model
 * @do_nothing: Do nothing's results (fp_compute_scenario() with no changes)
 * @settings: the settings
 * @progress: (nullable) (scope call): called from time to time, in this thread
 * @user_data: for @progress
 * @cancellable: (nullable): stops the search
 * @error: return location for an error
 *
 * Finds the least-cost estate (docs/model.md, "Optimiser"). The model and results are
 * only read: a window may call this in a worker thread while they stay unchanged.
 *
 * Returns: (transfer full) (nullable): the suggestion, or %NULL with @error naming the
 *   target, lock or setting that cannot hold (FP_ERROR_INVALID_ARGUMENT), a solver
 *   failure or time limit with nothing found (FP_ERROR_SOLVER), or G_IO_ERROR_CANCELLED
 */
FpOptimiseResult *
fp_optimise_solve (const FpModel            *model,
                   const FpResults          *do_nothing,
                   const FpOptimiseSettings *settings,
                   FpOptimiseProgressFunc    progress,
                   gpointer                  user_data,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  OptReport report = { progress, user_data, cancellable, g_get_monotonic_time (),
                       settings->time_limit };
  g_autoptr(OptProblem) p = NULL;
  OptOutcome outcome;
  FpOptimiseResult *result;

  g_return_val_if_fail (model != NULL && do_nothing != NULL && settings != NULL, NULL);

  opt_report (&report, FP_OPTIMISE_PHASE_PREPARING, FALSE, 0, NAN, 0);
  p = opt_problem_new (model, do_nothing, settings, error);
  if (p == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!opt_solve (p, &report, &outcome, error))
    return NULL;

  opt_report (&report, FP_OPTIMISE_PHASE_EXPLAINING, TRUE, outcome.npv, outcome.bound,
              outcome.nodes);
  result = make_result (p, &outcome);
  result->total_seconds = opt_elapsed (&report);
  return result;
}

/* ---- As a scenario ----------------------------------------------------------------------- */

/**
 * fp_optimise_result_to_scenario:
 * @result: a suggestion
 * @name: the scenario's name
 *
 * Returns: (transfer full): the suggestion as a scenario on Do nothing, every change in
 *   effect
 */
FpScenario *
fp_optimise_result_to_scenario (const FpOptimiseResult *result,
                                const char             *name)
{
  FpScenario *scenario = fp_scenario_new (name);

  scenario->description = g_strdup (result->description);
  for (guint i = 0; i < result->changes->len; i++)
    g_ptr_array_add (scenario->changes, fp_change_copy (g_ptr_array_index (result->changes, i)));
  scenario->applied = scenario->changes->len;
  return scenario;
}

/**
 * fp_optimise_result_costs:
 * @result: a suggestion
 * @name: the option's name
 *
 * Returns: (transfer full) (element-type FpAppraisalCost): the transition costs of the
 *   sites it leaves, one per site in its exit year (none when the cost is £0)
 */
GPtrArray *
fp_optimise_result_costs (const FpOptimiseResult *result,
                          const char             *name)
{
  GPtrArray *costs = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_appraisal_cost_free);

  if (result->transition_cost <= 0)
    return costs;

  for (guint i = 0; i < result->sites->len; i++)
    {
      const FpOptimiseSite *s = g_ptr_array_index (result->sites, i);
      g_autofree char *note = NULL;

      if (!s->left)
        continue;
      note = g_strdup_printf (_("Leaving %s (the optimiser’s transition cost per site)"),
                              s->name);
      g_ptr_array_add (costs, fp_appraisal_cost_new (name, FP_COST_TRANSITION, s->exit_year,
                                                     result->transition_cost, note));
    }
  return costs;
}

/**
 * fp_optimise_save:
 * @workspace: the document
 * @result: a suggestion made from its model
 * @name: the scenario's name
 * @replace: whether to replace a scenario of that name
 * @error: return location for an error
 *
 * Writes the suggestion as a scenario, and its transition costs as the option's entered
 * costs (replacing any entered for that name), in one transaction.
 *
 * Returns: %TRUE when saved
 */
gboolean
fp_optimise_save (FpWorkspace            *workspace,
                  const FpOptimiseResult *result,
                  const char             *name,
                  gboolean                replace,
                  GError                **error)
{
  FpStore *store = fp_workspace_get_store (workspace);
  g_autoptr(FpScenario) scenario = fp_optimise_result_to_scenario (result, name);
  g_autoptr(GPtrArray) costs = fp_optimise_result_costs (result, name);
  g_autofree char *clean = fp_scenario_normalize_name (name, error);

  if (clean == NULL)
    return FALSE;

  if (!replace && fp_workspace_find_scenario (workspace, clean) != NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                   _("A scenario called “%s” exists already; choose another name or replace it"),
                   clean);
      return FALSE;
    }

  if (!fp_store_begin (store, error))
    return FALSE;

  if (!fp_store_clear_appraisal_costs (store, clean, error))
    goto failed;
  for (guint i = 0; i < costs->len; i++)
    {
      FpAppraisalCost *c = g_ptr_array_index (costs, i);

      g_free (c->option);
      c->option = g_strdup (clean);
      if (!fp_store_add_appraisal_cost (store, c, FP_OPTIMISE_OWNER, error))
        goto failed;
    }
  if (fp_workspace_import_scenario (workspace, scenario, replace, error) == NULL)
    goto failed;

  return fp_store_commit (store, error);

failed:
  fp_store_rollback (store);
  return FALSE;
}

/* ---- The engine's check ------------------------------------------------------------------ */

void
fp_optimise_check_clear (FpOptimiseCheck *check)
{
  g_clear_pointer (&check->access_failures, g_ptr_array_unref);
}

/**
 * fp_optimise_check:
 * @model: the model the suggestion was made from
 * @do_nothing: Do nothing's results
 * @settings: the settings it was made with
 * @result: the suggestion
 * @check: (out caller-allocates): what the engine finds
 * @error: return location for an error
 *
 * Recomputes the suggestion with the engine and appraises it with the appraisal's own
 * code: no activity unplaced beyond Do nothing's, no receiver taken over a target that Do
 * nothing keeps, every access target met by fp_access_compute() in every year from the
 * first exit, and the appraisal's NPV (less backlog avoided when the optimiser did not
 * count it) equal to the solver's.
 *
 * Returns: %FALSE only if the engine refuses a change (then @error says which)
 */
gboolean
fp_optimise_check (const FpModel            *model,
                   const FpResults          *do_nothing,
                   const FpOptimiseSettings *settings,
                   const FpOptimiseResult   *result,
                   FpOptimiseCheck          *check,
                   GError                  **error)
{
  FpAppraisalSettings as;
  g_autoptr(GPtrArray) costs = fp_optimise_result_costs (result, "suggestion");
  g_autoptr(FpOptionAppraisal) option = NULL;
  const FpResults *res;
  guint ny = do_nothing->n_years, nv = do_nothing->n_services;
  int first_exit = G_MAXINT;

  memset (check, 0, sizeof *check);
  check->access_failures = g_ptr_array_new_with_free_func (g_free);

  fp_appraisal_settings_init (&as, model);
  option = fp_option_appraisal_compute (model, &as, "suggestion", result->changes, do_nothing,
                                        costs, error);
  if (option == NULL)
    return FALSE;
  res = option->results;

  check->npv = option->npv;
  check->backlog_avoided =
    fp_appraisal_npv (&as, fp_option_appraisal_flow (option, FP_FLOW_BACKLOG_AVOIDED), ny);
  check->npv_compared = check->npv - (result->count_backlog ? 0 : check->backlog_avoided);
  check->difference = check->npv_compared - result->npv;

  for (guint y = 0; y < ny; y++)
    for (guint v = 0; v < nv; v++)
      check->unplaced += fmax (0, res->unplaced[y * nv + v] - do_nothing->unplaced[y * nv + v]);

  for (guint s = 0; s < res->n_sites; s++)
    {
      if (res->sites[s].exit_year != 0)
        first_exit = MIN (first_exit, res->sites[s].exit_year);
      for (guint y = 0; y < ny; y++)
        {
          const FpSiteYear *sy = fp_results_get (res, s, y);
          const FpSiteYear *dn = s < do_nothing->n_sites ? fp_results_get (do_nothing, s, y)
                                                         : NULL;

          if (sy->held && sy->active && sy->over_target && (dn == NULL || !dn->over_target))
            {
              check->over_target++;
              break;
            }
        }
    }

  /* Access, in every year from the first exit (the last year is the least served). */
  for (guint y = first_exit == G_MAXINT ? ny - 1 : (guint) (first_exit - res->base_year);
       y < ny; y++)
    {
      g_autoptr(FpAccess) access = fp_access_compute (model, res, y);

      for (guint i = 0; i < result->access->len; i++)
        {
          const FpOptimiseAccess *a = g_ptr_array_index (result->access, i);
          gboolean group = g_strcmp0 (a->id, FP_OPTIMISE_URGENT_GROUP) == 0;
          const FpAccessSet *set = fp_access_find (access, group ? FP_FACILITY_GROUP
                                                                 : FP_FACILITY_SERVICE, a->id);
          int year = res->base_year + (int) y;

          if (set == NULL || isnan (set->share_within) ||
              set->share_within < a->target - 1e-9)
            {
              g_autofree char *got = set != NULL && !isnan (set->share_within)
                                     ? fp_format_percent (set->share_within) : g_strdup ("—");
              g_autofree char *want = fp_format_percent (a->target);

              g_ptr_array_add (check->access_failures,
                               g_strdup_printf (_("%d: %s of people are within reach of %s, below "
                                                  "the target of %s."), year, got, a->name,
                                                want));
            }
          if (!isnan (a->target_deprived) && set != NULL &&
              !(set->share_within_deprived >= a->target_deprived - 1e-9))
            {
              g_autofree char *got = fp_format_percent (set->share_within_deprived);
              g_autofree char *want = fp_format_percent (a->target_deprived);

              g_ptr_array_add (check->access_failures,
                               g_strdup_printf (_("%d: %s of the most deprived fifth are within "
                                                  "reach of %s, below the target of %s."), year,
                                                got, a->name, want));
            }
        }
    }

  check->ok = check->unplaced <= 1e-6 && check->over_target == 0 &&
              check->access_failures->len == 0 &&
              fabs (check->difference) <= fmax (1.0, AGREEMENT * result->do_nothing_cost);
  return TRUE;
}

/* ---- The price of access ------------------------------------------------------------------- */

/* The chosen sets' ids: the settings' list, or every service. */
static GStrv
chosen_ids (const FpModel            *model,
            const FpOptimiseSettings *settings)
{
  const FpEstate *estate = fp_model_get_estate (model);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (settings->services != NULL)
    return g_strdupv (settings->services);
  for (guint v = 0; v < estate->services->len; v++)
    g_strv_builder_add (b, g_array_index (estate->services, FpService, v).id);
  return g_strv_builder_end (b);
}

/**
 * fp_optimise_sweep:
 * @model: the model
 * @do_nothing: Do nothing's results
 * @settings: the settings of every point
 * @id: (nullable): the set whose target is swept (a service id or
 *   `urgent_care_or_walk_in`), or %NULL for every chosen set at once
 * @deprived: whether the target swept is the most deprived fifth's
 * @targets: (array length=n_targets): the targets, shares from 0 to 1
 * @n_targets: how many
 * @progress: (nullable) (scope call): as for fp_optimise_solve(), per point
 * @user_data: for @progress
 * @cancellable: (nullable): stops the sweep
 * @error: return location for an error
 *
 * The least-cost estate at each target: the price of access. With one set, a target above
 * what Do nothing gives is a point that cannot be met (feasible FALSE), not an error. With
 * every set (@id %NULL), each set is held to the target or to Do nothing's share if that is
 * lower, and a point's shares are the mean of the sets' shares.
 *
 * Returns: (transfer full) (element-type FpOptimisePoint) (nullable): the points
 */
GArray *
fp_optimise_sweep (const FpModel            *model,
                   const FpResults          *do_nothing,
                   const FpOptimiseSettings *settings,
                   const char               *id,
                   gboolean                  deprived,
                   const double             *targets,
                   guint                     n_targets,
                   FpOptimiseProgressFunc    progress,
                   gpointer                  user_data,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  g_autoptr(GArray) points = g_array_new (FALSE, TRUE, sizeof (FpOptimisePoint));
  g_autoptr(FpAccess) access = fp_access_compute (model, do_nothing, do_nothing->n_years - 1);
  g_auto(GStrv) ids = chosen_ids (model, settings);
  guint index;

  /* A set that is not there would be swept with no target at all: a flat curve that means
   * nothing. */
  if (id != NULL && g_strcmp0 (id, FP_OPTIMISE_URGENT_GROUP) != 0 &&
      !fp_estate_find_service (fp_model_get_estate (model), id, &index))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("There is no service “%s” whose access could be swept (a service’s id, or "
                     "%s)"), id, FP_OPTIMISE_URGENT_GROUP);
      return NULL;
    }

  for (guint i = 0; i < n_targets; i++)
    {
      g_auto(FpOptimiseSettings) st = { 0 };
      g_autoptr(FpOptimiseResult) result = NULL;
      g_autoptr(GError) local = NULL;
      FpOptimisePoint point = { 0 };

      settings_copy (&st, settings);
      if (id != NULL)
        {
          /* The swept set is one of the chosen ones (the urgent care group is not among
           * "every service" unless named). */
          if (!g_strv_contains ((const char * const *) ids, id))
            {
              g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

              g_strv_builder_addv (b, (const char **) ids);
              g_strv_builder_add (b, id);
              g_strfreev (st.services);
              st.services = g_strv_builder_end (b);
            }
          fp_optimise_settings_set_target (&st, id, deprived ? NAN : targets[i],
                                           deprived ? targets[i] : NAN);
        }
      else
        for (guint k = 0; ids[k] != NULL; k++)
          {
            gboolean group = g_strcmp0 (ids[k], FP_OPTIMISE_URGENT_GROUP) == 0;
            const FpAccessSet *set = fp_access_find (access, group ? FP_FACILITY_GROUP
                                                                   : FP_FACILITY_SERVICE, ids[k]);
            double dn;

            if (set == NULL)
              continue;   /* fp_optimise_solve names it */
            dn = deprived ? set->share_within_deprived : set->share_within;
            if (isnan (dn))
              continue;
            fp_optimise_settings_set_target (&st, ids[k], deprived ? NAN : fmin (targets[i], dn),
                                             deprived ? fmin (targets[i], dn) : NAN);
          }

      point.target = targets[i];
      result = fp_optimise_solve (model, do_nothing, &st, progress, user_data, cancellable,
                                  &local);
      if (result == NULL)
        {
          /* A target out of reach is a point of the curve; anything else stops the sweep. */
          if (g_error_matches (local, FP_ERROR, FP_ERROR_INVALID_ARGUMENT))
            {
              point.feasible = FALSE;
              point.npv = point.gap = point.share = point.share_deprived = NAN;
              g_array_append_val (points, point);
              continue;
            }
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }

      point.feasible = TRUE;
      point.status = result->status;
      point.npv = result->npv;
      point.gap = result->gap;
      point.n_left = result->n_left;
      point.share = point.share_deprived = NAN;
      {
        double sum = 0, sum_dep = 0;
        guint n = 0, n_dep = 0;

        for (guint k = 0; k < result->access->len; k++)
          {
            const FpOptimiseAccess *a = g_ptr_array_index (result->access, k);

            if (id != NULL && !g_str_equal (a->id, id))
              continue;
            sum += a->suggested;
            n++;
            if (!isnan (a->suggested_deprived))
              {
                sum_dep += a->suggested_deprived;
                n_dep++;
              }
          }
        point.share = n > 0 ? sum / n : NAN;
        point.share_deprived = n_dep > 0 ? sum_dep / n_dep : NAN;
      }
      g_array_append_val (points, point);
    }

  return g_steal_pointer (&points);
}

/* ---- JSON and text ------------------------------------------------------------------------- */

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

/**
 * fp_optimise_result_to_json:
 * @result: a suggestion
 * @check: (nullable): the engine's check of it
 *
 * Returns: (transfer full): the figures as JSON (docs/model.md lists the keys)
 */
char *
fp_optimise_result_to_json (const FpOptimiseResult *result,
                            const FpOptimiseCheck  *check)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  fp_json_add_string (b, "status", fp_optimise_status_to_string (result->status));
  fp_json_add_number (b, "npv", result->npv);
  fp_json_add_number (b, "bound", result->bound);
  fp_json_add_number (b, "gap", result->gap);
  fp_json_add_number (b, "net_present_cost", result->cost);
  fp_json_add_number (b, "do_nothing_net_present_cost", result->do_nothing_cost);
  fp_json_add_number (b, "solve_seconds", result->solve_seconds);
  fp_json_add_number (b, "total_seconds", result->total_seconds);
  add_int (b, "nodes", result->nodes);
  add_int (b, "candidates", result->n_candidates);
  add_int (b, "columns", result->n_columns);
  add_int (b, "integer_columns", result->n_integer);
  add_int (b, "rows", result->n_rows);
  add_int (b, "sites_left", result->n_left);
  fp_json_add_number (b, "transition_cost_per_site", result->transition_cost);
  json_builder_set_member_name (b, "backlog_counted");
  json_builder_add_boolean_value (b, result->count_backlog);

  if (check != NULL)
    {
      json_builder_set_member_name (b, "check");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "ok");
      json_builder_add_boolean_value (b, check->ok);
      fp_json_add_number (b, "appraisal_npv", check->npv);
      fp_json_add_number (b, "backlog_avoided", check->backlog_avoided);
      fp_json_add_number (b, "npv_compared", check->npv_compared);
      fp_json_add_number (b, "difference", check->difference);
      fp_json_add_number (b, "unplaced", check->unplaced);
      add_int (b, "sites_over_target", check->over_target);
      json_builder_set_member_name (b, "access_failures");
      json_builder_begin_array (b);
      for (guint i = 0; i < check->access_failures->len; i++)
        json_builder_add_string_value (b, g_ptr_array_index (check->access_failures, i));
      json_builder_end_array (b);
      json_builder_end_object (b);
    }

  json_builder_set_member_name (b, "access");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->access->len; i++)
    {
      const FpOptimiseAccess *a = g_ptr_array_index (result->access, i);

      json_builder_begin_object (b);
      fp_json_add_string (b, "id", a->id);
      fp_json_add_string (b, "name", a->name);
      fp_json_add_number (b, "threshold", a->threshold);
      fp_json_add_string (b, "threshold_unit", fp_threshold_unit_to_string (a->threshold_unit));
      fp_json_add_number (b, "target", a->target);
      fp_json_add_number (b, "target_deprived", a->target_deprived);
      fp_json_add_number (b, "do_nothing", a->do_nothing);
      fp_json_add_number (b, "do_nothing_deprived", a->do_nothing_deprived);
      fp_json_add_number (b, "suggested", a->suggested);
      fp_json_add_number (b, "suggested_deprived", a->suggested_deprived);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->changes->len; i++)
    json_builder_add_value (b, fp_change_to_json (g_ptr_array_index (result->changes, i), TRUE));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "sites");
  json_builder_begin_array (b);
  for (guint i = 0; i < result->sites->len; i++)
    {
      const FpOptimiseSite *s = g_ptr_array_index (result->sites, i);

      json_builder_begin_object (b);
      fp_json_add_string (b, "id", s->id);
      fp_json_add_string (b, "name", s->name);
      fp_json_add_string (b, "tenure", fp_tenure_to_string (s->tenure));
      fp_json_add_string (b, "decision", s->left ? (s->disposed ? "dispose" : "exit") : "keep");
      fp_json_add_string (b, "reason", fp_optimise_reason_to_string (s->reason));
      if (s->exit_year != 0)
        add_int (b, "exit_year", s->exit_year);
      else
        fp_json_add_number (b, "exit_year", NAN);
      if (s->best_exit_year != 0)
        add_int (b, "best_exit_year", s->best_exit_year);
      else
        fp_json_add_number (b, "best_exit_year", NAN);
      fp_json_add_number (b, "running_cost", s->running_cost);
      fp_json_add_number (b, "saving", s->saving);
      fp_json_add_number (b, "confidence", s->confidence);
      fp_json_add_string (b, "explanation", s->explanation);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}

/**
 * fp_optimise_result_to_text:
 * @result: a suggestion
 * @check: (nullable): the engine's check of it
 *
 * Returns: (transfer full): the objective, gap, solve time, the sites left with why, the
 *   sites kept that could have saved with what held them back, access, and the check
 */
char *
fp_optimise_result_to_text (const FpOptimiseResult *result,
                            const FpOptimiseCheck  *check)
{
  GString *out = g_string_new (NULL);
  g_autofree char *npv = fp_format_money (result->npv);
  g_autofree char *cost = fp_format_money (result->cost);
  g_autofree char *dn = fp_format_money (result->do_nothing_cost);
  guint kept_shown = 0;

  g_string_append_printf (out, _("NPV against Do nothing: %s (%s)\n"), npv,
                          status_label (result->status));
  if (result->status != FP_OPTIMISE_OPTIMAL)
    {
      g_autofree char *bound = fp_format_money (result->bound);
      g_autofree char *gap = isnan (result->gap) ? g_strdup ("—")
                                                 : fp_format_percent (result->gap);

      g_string_append_printf (out, _("Best possible: %s; gap %s\n"), bound, gap);
    }
  else
    g_string_append (out, _("Gap: 0 (proven)\n"));
  g_string_append_printf (out, _("Net present cost: %s (Do nothing: %s)\n"), cost, dn);
  g_string_append_printf (out, _("Solve time: %.2f s (%.2f s in all); %u nodes; %u candidates, "
                                 "%u columns (%u integer), %u rows\n"),
                          result->solve_seconds, result->total_seconds, result->nodes,
                          result->n_candidates, result->n_columns, result->n_integer,
                          result->n_rows);

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "\n%u site left:\n",
                                            "\n%u sites left:\n", result->n_left),
                          result->n_left);
  for (guint i = 0; i < result->sites->len; i++)
    {
      const FpOptimiseSite *s = g_ptr_array_index (result->sites, i);

      if (s->left)
        g_string_append_printf (out, "  %s %s (%s, %d): %s\n", s->id, s->name,
                                fp_tenure_to_label (s->tenure), s->exit_year, s->explanation);
    }

  g_string_append (out, _("\nKept, though leaving would save:\n"));
  for (guint i = 0; i < result->sites->len; i++)
    {
      const FpOptimiseSite *s = g_ptr_array_index (result->sites, i);
      g_autofree char *saving = NULL;

      if (s->left || s->saving <= 0 || s->reason == FP_OPTIMISE_REASON_NO_SAVING)
        continue;
      saving = fp_format_money (s->saving);
      g_string_append_printf (out, "  %s %s (%s, %s): %s\n", s->id, s->name,
                              fp_tenure_to_label (s->tenure), saving, s->explanation);
      kept_shown++;
    }
  if (kept_shown == 0)
    g_string_append (out, _("  none\n"));

  g_string_append (out, _("\nAccess (share of people within reach, overall / most deprived "
                          "fifth):\n"));
  for (guint i = 0; i < result->access->len; i++)
    {
      const FpOptimiseAccess *a = g_ptr_array_index (result->access, i);
      g_autofree char *t = fp_format_percent (a->target);
      g_autofree char *td = fp_format_percent (a->target_deprived);
      g_autofree char *d = fp_format_percent (a->do_nothing);
      g_autofree char *dd = fp_format_percent (a->do_nothing_deprived);
      g_autofree char *s = fp_format_percent (a->suggested);
      g_autofree char *sd = fp_format_percent (a->suggested_deprived);

      g_string_append_printf (out, _("  %s: target %s / %s; Do nothing %s / %s; suggestion %s "
                                     "/ %s\n"), a->name, t, td, d, dd, s, sd);
    }

  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "\n%u change:\n",
                                            "\n%u changes:\n", result->changes->len),
                          result->changes->len);
  for (guint i = 0; i < result->changes->len; i++)
    {
      const FpChange *c = g_ptr_array_index (result->changes, i);
      g_autofree char *share = isnan (c->share) ? NULL : fp_format_percent (c->share);

      if (c->kind == FP_CHANGE_MOVE_SERVICE)
        g_string_append_printf (out, _("  %u. %d move %s of %s from %s to %s\n"), i + 1,
                                c->year, share, c->service, c->site, c->to_site);
      else
        g_string_append_printf (out, "  %u. %d %s %s\n", i + 1, c->year,
                                fp_change_kind_to_string (c->kind), c->site);
    }

  if (check != NULL)
    {
      g_autofree char *engine = fp_format_money (check->npv);
      g_autofree char *compared = fp_format_money (check->npv_compared);
      g_autofree char *backlog = fp_format_money (check->backlog_avoided);
      g_autofree char *difference = fp_format_money (check->difference);

      g_string_append_printf (out, _("\nThe engine’s check: %s\n"),
                              check->ok ? _("confirmed") : _("NOT confirmed"));
      g_string_append_printf (out, _("  Appraisal NPV %s; backlog avoided %s (%s); compared "
                                     "with the solver: %s, a difference of %s\n"), engine,
                              backlog, result->count_backlog ? _("counted") : _("not counted"),
                              compared, difference);
      g_string_append_printf (out, _("  Unplaced activity beyond Do nothing: %g; sites taken "
                                     "over a target: %u\n"), check->unplaced,
                              check->over_target);
      for (guint i = 0; i < check->access_failures->len; i++)
        g_string_append_printf (out, "  %s\n",
                                (char *) g_ptr_array_index (check->access_failures, i));
    }

  return g_string_free (out, FALSE);
}
