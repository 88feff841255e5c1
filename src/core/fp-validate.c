/* fp-validate.c: check an estate against the data rules of docs/data.md.
 *
 * The schema's CHECKs keep each value in range; these rules span records: every site
 * traceable to its sources and held by at least one interest, every number with its
 * provenance, provenance that names a real source or method, a coherent set of
 * assumptions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-validate"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-hosting.h"
#include "fp-validate.h"

FpProblem *
fp_problem_new (const char *entity,
                const char *id,
                const char *field,
                const char *message)
{
  FpProblem *problem = g_new0 (FpProblem, 1);

  problem->entity = g_strdup (entity);
  problem->id = g_strdup (id);
  problem->field = g_strdup (field);
  problem->message = g_strdup (message);
  return problem;
}

void
fp_problem_free (FpProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->entity);
  g_free (problem->id);
  g_free (problem->field);
  g_free (problem->message);
  g_free (problem);
}

/**
 * fp_problem_to_string:
 * @problem: a problem
 *
 * Returns: (transfer full): one line such as `site M85001, field gia_m2: …`
 */
char *
fp_problem_to_string (const FpProblem *problem)
{
  GString *line = g_string_new (problem->entity);

  if (problem->id != NULL)
    g_string_append_printf (line, " %s", problem->id);
  if (problem->field != NULL)
    g_string_append_printf (line, _(", field %s"), problem->field);
  g_string_append_printf (line, ": %s", problem->message);

  return g_string_free (line, FALSE);
}

static void G_GNUC_PRINTF (5, 6)
report (GPtrArray  *problems,
        const char *entity,
        const char *id,
        const char *field,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (problems, fp_problem_new (entity, id, field, message));
}

typedef struct
{
  GHashTable *sources;
  GHashTable *methods;
} Catalogue;

static void
check_prov (GPtrArray          *problems,
            const Catalogue    *catalogue,
            const char         *entity,
            const char         *id,
            const char         *field,
            const FpProvenance *prov,
            gboolean            required)
{
  switch (prov->kind)
    {
    case FP_PROV_NONE:
      if (required)
        report (problems, entity, id, field,
                _("the value has no provenance (measured, estimated or assumed)"));
      break;

    case FP_PROV_MEASURED:
      if (!g_hash_table_contains (catalogue->sources, prov->source_id))
        report (problems, entity, id, field,
                _("the provenance names the source “%s”, which the document does not list"),
                prov->source_id);
      break;

    case FP_PROV_ESTIMATED:
      if (!g_hash_table_contains (catalogue->methods, prov->method_id))
        report (problems, entity, id, field,
                _("the provenance names the method “%s”, which the document does not describe"),
                prov->method_id);
      if (prov->source_id != NULL && !g_hash_table_contains (catalogue->sources, prov->source_id))
        report (problems, entity, id, field,
                _("the provenance names the source “%s”, which the document does not list"),
                prov->source_id);
      break;

    case FP_PROV_ASSUMED:
      if (prov->author == NULL || *prov->author == '\0')
        report (problems, entity, id, field, _("the assumption does not say who made it"));
      break;

    case FP_N_PROV_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
check_sites (const FpEstate  *estate,
             const Catalogue *catalogue,
             GPtrArray       *problems)
{
  g_autofree guint *n_rows = g_new0 (guint, estate->sites->len);
  g_autofree guint *n_interests = g_new0 (guint, estate->sites->len);
  double m2_per_room = fp_estate_get_assumption (estate, "m2_per_room", 25.0);
  g_autoptr(GHashTable) orgs = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < estate->organisations->len; i++)
    g_hash_table_add (orgs, g_array_index (estate->organisations, FpOrganisation, i).id);

  for (guint i = 0; i < estate->source_rows->len; i++)
    {
      const FpSourceRow *row = &g_array_index (estate->source_rows, FpSourceRow, i);

      n_rows[row->site]++;
      if (!g_hash_table_contains (catalogue->sources, row->source_id))
        report (problems, "site", fp_estate_get_site (estate, row->site)->id, "sources",
                _("a source row names the source “%s”, which the document does not list"),
                row->source_id);
    }

  for (guint i = 0; i < estate->interests->len; i++)
    {
      const FpInterest *interest = &g_array_index (estate->interests, FpInterest, i);

      n_interests[interest->site]++;
      check_prov (problems, catalogue, "site", fp_estate_get_site (estate, interest->site)->id,
                  "interests.tenure", &interest->prov, FALSE);
    }

  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);
      double gia = site->numbers[FP_SITE_GIA_M2];
      double void_m2;

      if (n_rows[i] == 0)
        report (problems, "site", site->id, "sources",
                _("the site has no source rows, so nobody can trace where it came from"));
      if (n_interests[i] == 0)
        report (problems, "site", site->id, "interests",
                _("the site has no property interest (who holds it, and how)"));

      for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
        check_prov (problems, catalogue, "site", site->id, fp_site_field (n)->column,
                    &site->prov[n], !isnan (site->numbers[n]));

      check_prov (problems, catalogue, "site", site->id, "site_type",
                  &site->prov[FP_SITE_SLOT_SITE_TYPE], TRUE);
      check_prov (problems, catalogue, "site", site->id, "tenure",
                  &site->prov[FP_SITE_SLOT_TENURE], TRUE);
      check_prov (problems, catalogue, "site", site->id, "location",
                  &site->prov[FP_SITE_SLOT_LOCATION], site->placed);
      check_prov (problems, catalogue, "site", site->id, "condition",
                  &site->prov[FP_SITE_SLOT_CONDITION], site->condition != 0);

      /* The model caps a void at the building; a larger stated void is a data error. */
      void_m2 = (isnan (site->numbers[FP_SITE_VOID_ROOMS]) ? 0 : site->numbers[FP_SITE_VOID_ROOMS])
                * m2_per_room
                + (isnan (site->numbers[FP_SITE_OTHER_VOID_M2]) ? 0
                                                              : site->numbers[FP_SITE_OTHER_VOID_M2]);
      if (!isnan (gia) && gia > 0.0 && void_m2 > gia * 1.0001)
        report (problems, "site", site->id, "void_rooms",
                _("the void (%.0f m²) is larger than the whole building (%.0f m²)"),
                void_m2, gia);

      if (site->sector == FP_SECTOR_NHS && fp_site_has_costs (site) && (isnan (gia) || gia <= 0.0))
        report (problems, "site", site->id, "gia_m2",
                _("the site has running costs but no floor area, so its cost per m² and "
                  "void cost cannot be computed"));

      if (site->texts[FP_SITE_ORGANISATION] != NULL &&
          !g_hash_table_contains (orgs, site->texts[FP_SITE_ORGANISATION]))
        report (problems, "site", site->id, "organisation_id",
                _("the organisation “%s” is not in the document"),
                site->texts[FP_SITE_ORGANISATION]);

      if (!isnan (site->numbers[FP_SITE_OPENED_YEAR]) &&
          !isnan (site->numbers[FP_SITE_LEASE_END_YEAR]) &&
          site->numbers[FP_SITE_LEASE_END_YEAR] < site->numbers[FP_SITE_OPENED_YEAR])
        report (problems, "site", site->id, "lease_end_year",
                _("the lease ends (%.0f) before the site opened (%.0f)"),
                site->numbers[FP_SITE_LEASE_END_YEAR], site->numbers[FP_SITE_OPENED_YEAR]);
    }
}

/* Activity at a site whose type cannot host it (docs/model.md, "Hosting"): A&E in a GP
 * surgery is a slip in the data, and scenarios would build on it. A service a type hosts
 * only where it is offered is fine here: the baseline is where it is offered. */
static void
check_hosting (const FpEstate   *estate,
               const FpActivity *a,
               const char       *id,
               GPtrArray        *problems)
{
  const FpSite *site = fp_estate_get_site (estate, a->site);
  const FpService *service = &g_array_index (estate->services, FpService, a->service);
  FpServiceClass cls = fp_service_class (service->setting, service->room_type);
  g_autofree char *where = NULL;

  if (a->volume <= 0 || fp_hosting_rule (site->type, cls) != FP_HOSTING_NO)
    return;

  where = fp_hosting_describe_where (cls);
  report (problems, "activity", id, "volume",
          _("%s is a site of type “%s”, which cannot host %s; the service belongs at %s"),
          site->name, fp_site_type_to_label (site->type), service->name, where);
}

static void
check_activity (const FpEstate  *estate,
                const Catalogue *catalogue,
                GPtrArray       *problems)
{
  for (guint i = 0; i < estate->services->len; i++)
    {
      const FpService *s = &g_array_index (estate->services, FpService, i);

      check_prov (problems, catalogue, "service", s->id, "minutes_per_unit",
                  &s->prov_minutes, TRUE);
      check_prov (problems, catalogue, "service", s->id, "growth_rate", &s->prov_growth, TRUE);

      if (s->room_type < FP_N_ROOM_HOUR_TYPES && s->minutes_per_unit <= 0.0)
        report (problems, "service", s->id, "minutes_per_unit",
                _("a service that uses %s rooms needs a time per unit above zero"),
                fp_room_type_to_string (s->room_type));
    }

  for (guint i = 0; i < estate->activity->len; i++)
    {
      const FpActivity *a = &g_array_index (estate->activity, FpActivity, i);
      g_autofree char *id = g_strdup_printf ("%s/%s", fp_estate_get_site (estate, a->site)->id,
                                             g_array_index (estate->services, FpService,
                                                            a->service).id);

      check_prov (problems, catalogue, "activity", id, "volume", &a->prov, TRUE);
      check_hosting (estate, a, id, problems);
    }
}

static void
check_zones (const FpEstate  *estate,
             const Catalogue *catalogue,
             GPtrArray       *problems)
{
  for (guint f = 0; f < FP_ZONE_N_PROV; f++)
    check_prov (problems, catalogue, "zone", "*", fp_zone_prov_name (f), &estate->zone_prov[f],
                estate->zones->len > 0);

  for (guint i = 0; i < estate->zones->len; i++)
    {
      const FpZone *z = &g_array_index (estate->zones, FpZone, i);
      int total = 0;

      for (guint b = 0; b < FP_N_AGE_BANDS; b++)
        total += z->population[b];

      if (total == 0)
        report (problems, "zone", z->code, "population", _("the zone has no population"));
      if (z->imd_decile == 0)
        report (problems, "zone", z->code, "imd_decile", _("the zone has no deprivation decile"));
    }
}

typedef struct
{
  const char *key;
  double      min;
  double      max;
} AssumptionRule;

/* The assumptions the model reads, and their sensible ranges. */
static const AssumptionRule assumption_rules[] = {
  { "weeks_per_year", 1, 52 },
  { "desk_days_per_year", 1, 366 },
  { "m2_per_room", 1, 1000 },
  { "target_room_utilisation", 0.01, 1 },
  { "target_bed_occupancy", 0.01, 1 },
  { "horizon_years", 1, 75 },
  { "discount_rate", 0, 0.5 },
  { "optimism_bias", 0, 5 },
  { "circuity", 1, 5 },
  { "car_kmh", 1, 200 },
  { "walk_kmh", 0.5, 20 },
};

/* Assumptions the model reads when present, with their defaults in docs/model.md. */
static const AssumptionRule optional_rules[] = {
  { "dual_running_years", 0, 20 },
  { "nhsps_notice_years", 0, 20 },
  { "local_authority_notice_years", 0, 20 },
  { "discount_rate_long", 0, 0.5 },
  { "discount_rate_long_from_year", 1, 76 },
};

/**
 * fp_assumption_check:
 * @key: an assumption key
 * @value: a proposed value
 * @error: return location for an error
 *
 * Whether a user may set this assumption to this value: it must be one the model reads
 * (docs/model.md) and within its sensible range. The rates the dataset was built from
 * are not among them: changing one in a document would not change the estimates made
 * with it.
 *
 * Returns: %TRUE if the value is acceptable
 */
gboolean
fp_assumption_check (const char *key,
                     double      value,
                     GError    **error)
{
  const AssumptionRule *tables[] = { assumption_rules, optional_rules };
  const guint sizes[] = { G_N_ELEMENTS (assumption_rules), G_N_ELEMENTS (optional_rules) };

  if (!isfinite (value))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT, _("“%s” needs a number"), key);
      return FALSE;
    }

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint i = 0; i < sizes[t]; i++)
      if (g_str_equal (tables[t][i].key, key))
        {
          if (value < tables[t][i].min || value > tables[t][i].max)
            {
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                           _("%g is outside the sensible range of “%s”, %g to %g"),
                           value, key, tables[t][i].min, tables[t][i].max);
              return FALSE;
            }
          if ((g_str_equal (key, "horizon_years") ||
               g_str_equal (key, "discount_rate_long_from_year")) && value != floor (value))
            {
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                           _("“%s” is a whole number of years"), key);
              return FALSE;
            }
          return TRUE;
        }

  if (g_str_has_prefix (key, "access_threshold_km.") ||
      g_str_has_prefix (key, "access_threshold_car_min."))
    {
      if (value <= 0 || value > 500)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("%g is outside the sensible range of an access threshold, above 0 "
                         "and up to 500"), value);
          return FALSE;
        }
      return TRUE;
    }

  /* Growth by age and stays (docs/model.md, "Beds as the plans count them"). A group's
   * share of bed-days is not set one at a time: the shares must add up to 1. */
  if (g_str_has_prefix (key, "population_growth.") || g_str_has_prefix (key, "length_of_stay."))
    {
      gboolean growth = g_str_has_prefix (key, "population_growth.");
      double min = growth ? -0.5 : 0.1, max = growth ? 0.5 : 3650;

      if (value < min || value > max)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("%g is outside the sensible range of “%s”, %g to %g"), value, key,
                       min, max);
          return FALSE;
        }
      return TRUE;
    }

  g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
               _("“%s” is not an assumption the model reads; it may be a rate the dataset was "
                 "built with, which changing here would not change"), key);
  return FALSE;
}

/**
 * fp_assumption_model_keys:
 *
 * Returns: (transfer container): the keys of the assumptions the model reads
 */
GPtrArray *
fp_assumption_model_keys (void)
{
  GPtrArray *keys = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (assumption_rules); i++)
    g_ptr_array_add (keys, (gpointer) assumption_rules[i].key);
  for (guint i = 0; i < G_N_ELEMENTS (optional_rules); i++)
    g_ptr_array_add (keys, (gpointer) optional_rules[i].key);
  return keys;
}

static void
check_assumptions (const FpEstate  *estate,
                   const Catalogue *catalogue,
                   GPtrArray       *problems)
{
  for (guint i = 0; i < G_N_ELEMENTS (assumption_rules); i++)
    {
      const AssumptionRule *rule = &assumption_rules[i];
      const FpAssumption *a = fp_estate_find_assumption (estate, rule->key);

      if (a == NULL)
        report (problems, "assumption", rule->key, "value",
                _("the model needs this assumption and the document does not hold it"));
      else if (a->value < rule->min || a->value > rule->max)
        report (problems, "assumption", rule->key, "value",
                _("%g is outside the sensible range %g to %g"), a->value, rule->min, rule->max);
    }

  for (guint i = 0; i < estate->assumptions->len; i++)
    {
      const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);

      check_prov (problems, catalogue, "assumption", a->key, "value", &a->prov, TRUE);
    }
}

/**
 * fp_validate_estate:
 * @estate: an estate
 *
 * Returns: (transfer full) (element-type FpProblem): every problem found, in a stable
 *   order; empty when the estate keeps every rule
 */
GPtrArray *
fp_validate_estate (const FpEstate *estate)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_problem_free);
  Catalogue catalogue = {
    g_hash_table_new (g_str_hash, g_str_equal),
    g_hash_table_new (g_str_hash, g_str_equal),
  };

  for (guint i = 0; i < estate->sources->len; i++)
    g_hash_table_add (catalogue.sources, g_array_index (estate->sources, FpSource, i).id);
  for (guint i = 0; i < estate->methods->len; i++)
    g_hash_table_add (catalogue.methods, g_array_index (estate->methods, FpMethod, i).id);

  if (estate->sites->len == 0)
    report (problems, "estate", NULL, NULL, _("the document holds no sites"));
  if (estate->base_year == 0)
    report (problems, "estate", NULL, "base_year", _("the document has no base year"));

  check_sites (estate, &catalogue, problems);
  check_activity (estate, &catalogue, problems);
  check_zones (estate, &catalogue, problems);
  check_assumptions (estate, &catalogue, problems);

  g_hash_table_unref (catalogue.sources);
  g_hash_table_unref (catalogue.methods);
  return problems;
}
