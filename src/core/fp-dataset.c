/* fp-dataset.c: parse a dataset file (JSON) into an FpEstate, checking every field.
 *
 * Parsing is all or nothing: the first problem stops it with a message naming the
 * record and field, and no estate is returned, so nothing half-read can reach a store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-dataset"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "fp-dataset.h"
#include "fp-error.h"
#include "fp-json-private.h"

/* Where a message points: "Dataset sites[3]" and the like. */
#define DS "Dataset "

static gboolean
read_provenance (FpJsonCtx         *sub,
                 const FpJsonValue *node,
                 FpProvenance      *prov)
{
  g_autofree char *kind = NULL;

  fp_provenance_clear (prov);

  if (fp_json_value_is_null (node))
    return TRUE;

  if (node->type != FP_JSON_OBJECT)
    return fp_json_fail (sub, _("the provenance must be an object"));

  if (!fp_json_value_read_string (sub, node, "kind", TRUE, &kind))
    return FALSE;

  if (!fp_prov_kind_from_string (kind, &prov->kind) || prov->kind == FP_PROV_NONE)
    return fp_json_fail (sub, _("the kind “%s” is not measured, estimated or assumed"), kind);

  if (!fp_json_value_read_string (sub, node, "source", prov->kind == FP_PROV_MEASURED,
                                  &prov->source_id) ||
      !fp_json_value_read_int (sub, node, "year", 0, 9999, &prov->year) ||
      !fp_json_value_read_string (sub, node, "method", prov->kind == FP_PROV_ESTIMATED,
                                  &prov->method_id) ||
      !fp_json_value_read_string (sub, node, "by", prov->kind == FP_PROV_ASSUMED,
                                  &prov->author) ||
      !fp_json_value_read_string (sub, node, "date", FALSE, &prov->recorded_at) ||
      !fp_json_value_read_string (sub, node, "note", FALSE, &prov->note))
    return FALSE;

  return TRUE;
}

/* Reads the provenance of @field. Where a message points (“Dataset sites[3], provenance of
 * “gia_m2””) is written only for one that fails, by reading it again: an England-size
 * dataset has 290,000 of them, and writing each one's cost a few percent of the read. */
static gboolean
parse_provenance (FpJsonCtx         *ctx,
                  const FpJsonValue *node,
                  const char        *field,
                  FpProvenance      *prov)
{
  g_autoptr(GError) first = NULL;
  g_autofree char *where = NULL;
  FpJsonCtx quiet = { ctx->where, &first };
  FpJsonCtx sub = { NULL, ctx->error };

  if (read_provenance (&quiet, node, prov))
    return TRUE;

  where = g_strdup_printf ("%s, provenance of “%s”", ctx->where, field);
  sub.where = where;
  if (!read_provenance (&sub, node, prov))
    return FALSE;

  /* The same tree, read again, fails again; were it not to, the first message stands. */
  g_propagate_error (ctx->error, g_steal_pointer (&first));
  return FALSE;
}

/* Returns the node at a dotted path such as "rooms.consult", or NULL. */
static const FpJsonValue *
member_path (const FpJsonValue *object,
             const char        *path)
{
  const char *dot = strchr (path, '.');
  g_autofree char *head = NULL;
  const FpJsonValue *node;

  if (dot == NULL)
    return fp_json_value_member (object, path);

  head = g_strndup (path, dot - path);
  node = fp_json_value_member (object, head);
  if (node == NULL || node->type != FP_JSON_OBJECT)
    return NULL;

  return fp_json_value_member (node, dot + 1);
}

/* Maps a provenance key of the dataset format to a site slot. */
static gboolean
site_slot_from_key (const char *key,
                    guint      *slot)
{
  for (guint i = 0; i < FP_SITE_N_NUMBERS; i++)
    {
      const FpSiteField *field = fp_site_field (i);

      if (g_str_equal (key, field->json) || g_str_equal (key, field->column))
        {
          *slot = i;
          return TRUE;
        }
    }

  if (g_str_equal (key, "lat") || g_str_equal (key, "lon") || g_str_equal (key, "location"))
    *slot = FP_SITE_SLOT_LOCATION;
  else if (g_str_equal (key, "site_type"))
    *slot = FP_SITE_SLOT_SITE_TYPE;
  else if (g_str_equal (key, "tenure"))
    *slot = FP_SITE_SLOT_TENURE;
  else if (g_str_equal (key, "condition"))
    *slot = FP_SITE_SLOT_CONDITION;
  else
    return FALSE;

  return TRUE;
}

static gboolean
check_vocab (FpJsonCtx  *ctx,
             const char *field,
             const char *value,
             gboolean    ok)
{
  if (!ok)
    return fp_json_fail (ctx, _("“%s” is not a known %s"), value, field);

  return TRUE;
}

static gboolean
parse_site (FpJsonCtx         *ctx,
            const FpJsonValue *object,
            FpSite            *site)
{
  g_autofree char *type = NULL;
  g_autofree char *tenure = NULL;
  g_autofree char *sector = NULL;
  g_autofree char *status = NULL;
  g_autofree char *condition = NULL;
  double lat, lon;
  const FpJsonValue *prov_node;

  static const char * const text_json[FP_SITE_N_TEXTS] = {
    "postcode", "address", "la_code", "ward_code", "locality", "pcn", "organisation",
  };

  if (!fp_json_value_read_string (ctx, object, "name", TRUE, &site->name) ||
      !fp_json_value_read_string (ctx, object, "site_type", TRUE, &type) ||
      !check_vocab (ctx, "site_type", type, fp_site_type_from_string (type, &site->type)) ||
      !fp_json_value_read_string (ctx, object, "tenure", TRUE, &tenure) ||
      !check_vocab (ctx, "tenure", tenure, fp_tenure_from_string (tenure, &site->tenure)) ||
      !fp_json_value_read_string (ctx, object, "sector", FALSE, &sector) ||
      !fp_json_value_read_string (ctx, object, "status", FALSE, &status) ||
      !fp_json_value_read_string (ctx, object, "condition", FALSE, &condition))
    return FALSE;

  site->sector = FP_SECTOR_NHS;
  if (sector != NULL &&
      !check_vocab (ctx, "sector", sector, fp_sector_from_string (sector, &site->sector)))
    return FALSE;

  site->status = FP_SITE_STATUS_CURRENT;
  if (status != NULL &&
      !check_vocab (ctx, "status", status, fp_site_status_from_string (status, &site->status)))
    return FALSE;

  if (condition != NULL)
    {
      if (strlen (condition) != 1 || condition[0] < 'A' || condition[0] > 'D')
        return fp_json_fail (ctx, _("the condition “%s” is not A, B, C or D"), condition);
      site->condition = condition[0];
    }

  if (!fp_json_value_read_number (ctx, object, "lat", -90, 90, &lat) ||
      !fp_json_value_read_number (ctx, object, "lon", -180, 180, &lon))
    return FALSE;

  if (isnan (lat) != isnan (lon))
    return fp_json_fail (ctx, _("it has a latitude or a longitude but not both"));

  site->placed = !isnan (lat);
  site->lat = site->placed ? lat : 0.0;
  site->lon = site->placed ? lon : 0.0;

  for (guint i = 0; i < FP_SITE_N_TEXTS; i++)
    if (!fp_json_value_read_string (ctx, object, text_json[i], FALSE, &site->texts[i]))
      return FALSE;

  for (guint i = 0; i < FP_SITE_N_NUMBERS; i++)
    {
      const FpSiteField *field = fp_site_field (i);
      const FpJsonValue *node = member_path (object, field->json);
      double value = NAN;

      if (!fp_json_value_is_null (node))
        {
          if (!fp_json_value_number (node, &value))
            return fp_json_fail (ctx, _("the field “%s” must be a number"), field->json);
          if (field->type == FP_FIELD_INTEGER &&
              (value != floor (value) || value < 1800 || value > 2200))
            return fp_json_fail (ctx, _("the field “%s” must be a year, not %g"), field->json, value);
          if (value < 0)
            return fp_json_fail (ctx, _("the field “%s” is %g; it cannot be negative"),
                         field->json, value);
        }

      site->numbers[i] = value;
    }

  if (site->numbers[FP_SITE_HOURS_OPEN] > 168)
    return fp_json_fail (ctx, _("it is open %g hours a week; a week has 168"),
                 site->numbers[FP_SITE_HOURS_OPEN]);

  prov_node = fp_json_value_member (object, "provenance");
  if (!fp_json_value_is_null (prov_node))
    {
      if (prov_node->type != FP_JSON_OBJECT)
        return fp_json_fail (ctx, _("the provenance must be an object"));

      for (guint m = 0; m < prov_node->n_items; m++)
        {
          const FpJsonValue *member = &prov_node->items[m];
          guint slot;

          if (!site_slot_from_key (member->key, &slot))
            return fp_json_fail (ctx, _("the provenance names “%s”, which is not a field of "
                                        "a site"), member->key);

          if (!parse_provenance (ctx, member, member->key, &site->prov[slot]))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_sites (FpEstate           *estate,
             const FpJsonValue  *root,
             GError            **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  const FpJsonValue *sites = fp_json_value_read_list (&ctx, root, "sites", TRUE);

  if (sites == NULL)
    return FALSE;

  g_array_set_size (estate->sites, sites->n_items);

  for (guint i = 0; i < estate->sites->len; i++)
    {
      FpSite *site = &g_array_index (estate->sites, FpSite, i);
      g_autofree char *where = g_strdup_printf (DS "sites[%u]", i);
      FpJsonCtx c = { where, error };
      const FpJsonValue *object = fp_json_value_item_object (&c, sites, i);
      g_autofree char *where_id = NULL;

      for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
        site->numbers[n] = NAN;

      if (object == NULL || !fp_json_value_read_string (&c, object, "id", TRUE, &site->id))
        return FALSE;

      where_id = g_strdup_printf (DS "site “%s” (sites[%u])", site->id, i);
      c.where = where_id;

      if (g_hash_table_contains (estate->site_index, site->id))
        return fp_json_fail (&c, _("the id is used by another site"));
      g_hash_table_insert (estate->site_index, site->id, GUINT_TO_POINTER (i + 1));

      if (!parse_site (&c, object, site))
        return FALSE;
    }

  return TRUE;
}

static gboolean
parse_site_children (FpEstate           *estate,
                     const FpJsonValue  *root,
                     GError            **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  const FpJsonValue *sites = fp_json_value_read_list (&ctx, root, "sites", TRUE);

  for (guint i = 0; i < estate->sites->len; i++)
    {
      FpSite *site = &g_array_index (estate->sites, FpSite, i);
      const FpJsonValue *object = &sites->items[i];
      g_autofree char *where = g_strdup_printf (DS "site “%s”", site->id);
      FpJsonCtx c = { where, error };
      const FpJsonValue *rows = fp_json_value_read_list (&c, object, "sources", FALSE);
      const FpJsonValue *interests = fp_json_value_read_list (&c, object, "interests", FALSE);

      if (error != NULL && *error != NULL)
        return FALSE;

      for (guint r = 0; rows != NULL && r < rows->n_items; r++)
        {
          FpSourceRow row = { .site = i };
          g_autofree char *w = g_strdup_printf (DS "site “%s”, sources[%u]", site->id, r);
          FpJsonCtx rc = { w, error };
          const FpJsonValue *o = fp_json_value_item_object (&rc, rows, r);

          if (o == NULL ||
              !fp_json_value_read_string (&rc, o, "source", TRUE, &row.source_id) ||
              !fp_json_value_read_int (&rc, o, "row", 0, G_MAXINT, &row.row) ||
              !fp_json_value_read_string (&rc, o, "code", FALSE, &row.code) ||
              !fp_json_value_read_string (&rc, o, "name", FALSE, &row.name) ||
              !fp_json_value_read_string (&rc, o, "postcode", FALSE, &row.postcode) ||
              !fp_json_value_read_string (&rc, o, "rule", TRUE, &row.rule))
            {
              g_free (row.source_id); g_free (row.code); g_free (row.name);
              g_free (row.postcode); g_free (row.rule);
              return FALSE;
            }
          g_array_append_val (estate->source_rows, row);
        }

      for (guint r = 0; interests != NULL && r < interests->n_items; r++)
        {
          FpInterest interest = { .site = i };
          g_autofree char *w = g_strdup_printf (DS "site “%s”, interests[%u]", site->id, r);
          FpJsonCtx ic = { w, error };
          const FpJsonValue *o = fp_json_value_item_object (&ic, interests, r);
          g_autofree char *tenure = NULL;
          gboolean ok;

          ok = o != NULL &&
               fp_json_value_read_string (&ic, o, "tenure", TRUE, &tenure) &&
               check_vocab (&ic, "tenure", tenure, fp_tenure_from_string (tenure, &interest.tenure)) &&
               fp_json_value_read_string (&ic, o, "landlord", FALSE, &interest.landlord) &&
               fp_json_value_read_string (&ic, o, "occupier", FALSE, &interest.occupier) &&
               fp_json_value_read_int (&ic, o, "start_year", 1800, 2200, &interest.start_year) &&
               fp_json_value_read_int (&ic, o, "break_year", 1800, 2200, &interest.break_year) &&
               fp_json_value_read_int (&ic, o, "end_year", 1800, 2200, &interest.end_year) &&
               fp_json_value_read_string (&ic, o, "note", FALSE, &interest.note) &&
               parse_provenance (&ic, fp_json_value_member (o, "provenance"), "interest",
                                 &interest.prov);

          if (ok && interest.start_year != 0 && interest.end_year != 0 &&
              interest.end_year < interest.start_year)
            ok = fp_json_fail (&ic, _("it ends (%d) before it starts (%d)"),
                       interest.end_year, interest.start_year);

          /* Append first so the array's clear function frees what was read. */
          g_array_append_val (estate->interests, interest);
          if (!ok)
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_services (FpEstate           *estate,
                const FpJsonValue  *root,
                GError            **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  const FpJsonValue *services = fp_json_value_read_list (&ctx, root, "services", TRUE);

  if (services == NULL)
    return FALSE;

  for (guint i = 0; i < services->n_items; i++)
    {
      FpService service = { 0 };
      g_autofree char *where = g_strdup_printf (DS "services[%u]", i);
      FpJsonCtx c = { where, error };
      const FpJsonValue *o = fp_json_value_item_object (&c, services, i);
      g_autofree char *setting = NULL;
      g_autofree char *room_type = NULL;
      const FpJsonValue *prov;
      gboolean ok;

      ok = o != NULL &&
           fp_json_value_read_string (&c, o, "id", TRUE, &service.id) &&
           fp_json_value_read_string (&c, o, "name", TRUE, &service.name) &&
           fp_json_value_read_string (&c, o, "setting", TRUE, &setting) &&
           check_vocab (&c, "setting", setting, fp_setting_from_string (setting, &service.setting)) &&
           fp_json_value_read_string (&c, o, "room_type", TRUE, &room_type) &&
           check_vocab (&c, "room type", room_type,
                        fp_room_type_from_string (room_type, &service.room_type)) &&
           fp_json_value_read_string (&c, o, "unit", TRUE, &service.unit) &&
           fp_json_value_read_required_number (&c, o, "minutes_per_unit", 0, 100000,
                                               &service.minutes_per_unit) &&
           fp_json_value_read_required_number (&c, o, "growth_rate", -0.5, 1.0,
                                               &service.growth_rate);

      prov = ok ? fp_json_value_member (o, "provenance") : NULL;
      if (ok && !fp_json_value_is_null (prov))
        {
          const FpJsonValue *p = prov->type == FP_JSON_OBJECT ? prov : NULL;

          ok = p != NULL
               ? parse_provenance (&c, fp_json_value_member (p, "minutes_per_unit"),
                                   "minutes_per_unit", &service.prov_minutes) &&
                 parse_provenance (&c, fp_json_value_member (p, "growth_rate"), "growth_rate",
                                   &service.prov_growth)
               : fp_json_fail (&c, _("the provenance must be an object"));
        }

      if (ok && g_hash_table_contains (estate->service_index, service.id))
        ok = fp_json_fail (&c, _("the service id “%s” is used twice"), service.id);

      g_array_append_val (estate->services, service);
      if (!ok)
        return FALSE;

      g_hash_table_insert (estate->service_index,
                           g_array_index (estate->services, FpService, i).id,
                           GUINT_TO_POINTER (i + 1));
    }

  return TRUE;
}

static gboolean
parse_activity (FpEstate           *estate,
                const FpJsonValue  *root,
                GError            **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  const FpJsonValue *activity = fp_json_value_read_list (&ctx, root, "activity", FALSE);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (activity == NULL)
    return error == NULL || *error == NULL;

  for (guint i = 0; i < activity->n_items; i++)
    {
      FpActivity row = { 0 };
      g_autofree char *where = g_strdup_printf (DS "activity[%u]", i);
      FpJsonCtx c = { where, error };
      const FpJsonValue *o = fp_json_value_item_object (&c, activity, i);
      g_autofree char *site = NULL;
      g_autofree char *service = NULL;
      char *key;

      if (o == NULL ||
          !fp_json_value_read_string (&c, o, "site", TRUE, &site) ||
          !fp_json_value_read_string (&c, o, "service", TRUE, &service) ||
          !fp_json_value_read_required_number (&c, o, "volume", 0, 1e12, &row.volume))
        return FALSE;

      if (!fp_estate_find_site (estate, site, &row.site))
        return fp_json_fail (&c, _("the site “%s” does not exist"), site);
      if (!fp_estate_find_service (estate, service, &row.service))
        return fp_json_fail (&c, _("the service “%s” does not exist"), service);

      key = g_strdup_printf ("%s/%s", site, service);
      if (!g_hash_table_add (seen, key))
        return fp_json_fail (&c, _("the activity of “%s” at “%s” is given twice"), service, site);

      /* The row is not kept: free what a half-read provenance holds (found by fuzzing). */
      if (!parse_provenance (&c, fp_json_value_member (o, "provenance"), "volume", &row.prov))
        {
          fp_provenance_clear (&row.prov);
          return FALSE;
        }

      g_array_append_val (estate->activity, row);
    }

  return TRUE;
}

static gboolean
parse_zones (FpEstate           *estate,
             const FpJsonValue  *root,
             GError            **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  const FpJsonValue *zones = fp_json_value_read_list (&ctx, root, "zones", TRUE);
  const FpJsonValue *prov_node;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (zones == NULL)
    return FALSE;

  g_array_set_size (estate->zones, zones->n_items);

  for (guint i = 0; i < estate->zones->len; i++)
    {
      FpZone *zone = &g_array_index (estate->zones, FpZone, i);
      g_autofree char *where = g_strdup_printf (DS "zones[%u]", i);
      FpJsonCtx c = { where, error };
      const FpJsonValue *o = fp_json_value_item_object (&c, zones, i);
      const FpJsonValue *pop;
      const FpJsonValue *pop_object;

      if (o == NULL ||
          !fp_json_value_read_string (&c, o, "code", TRUE, &zone->code) ||
          !fp_json_value_read_string (&c, o, "name", FALSE, &zone->name) ||
          !fp_json_value_read_string (&c, o, "la_code", FALSE, &zone->la_code) ||
          !fp_json_value_read_string (&c, o, "ward_code", FALSE, &zone->ward_code) ||
          !fp_json_value_read_string (&c, o, "lsoa11", FALSE, &zone->lsoa11) ||
          !fp_json_value_read_required_number (&c, o, "lat", -90, 90, &zone->lat) ||
          !fp_json_value_read_required_number (&c, o, "lon", -180, 180, &zone->lon) ||
          !fp_json_value_read_int (&c, o, "imd_decile", 1, 10, &zone->imd_decile) ||
          !fp_json_value_read_int (&c, o, "imd_rank", 1, 100000, &zone->imd_rank))
        return FALSE;

      if (!g_hash_table_add (seen, zone->code))
        return fp_json_fail (&c, _("the zone “%s” is given twice"), zone->code);

      pop = fp_json_value_member (o, "population");
      if (pop == NULL || pop->type != FP_JSON_OBJECT)
        return fp_json_fail (&c, _("the population by age band is missing"));

      pop_object = pop;
      for (guint b = 0; b < FP_N_AGE_BANDS; b++)
        {
          double value;

          if (!fp_json_value_read_required_number (&c, pop_object, fp_age_band_name (b), 0, 1e7,
                                                   &value))
            return FALSE;
          if (value != floor (value))
            return fp_json_fail (&c, _("the population aged %s must be a whole number"),
                         fp_age_band_name (b));
          zone->population[b] = (int) value;
        }
    }

  prov_node = fp_json_value_member (root, "zone_provenance");
  if (!fp_json_value_is_null (prov_node))
    {
      FpJsonCtx c = { DS "zone_provenance", error };
      const FpJsonValue *p;

      if (prov_node->type != FP_JSON_OBJECT)
        return fp_json_fail (&c, _("the provenance must be an object"));

      p = prov_node;
      for (guint f = 0; f < FP_ZONE_N_PROV; f++)
        if (!parse_provenance (&c, fp_json_value_member (p, fp_zone_prov_name (f)),
                               fp_zone_prov_name (f), &estate->zone_prov[f]))
          return FALSE;
    }

  return TRUE;
}

static gboolean
parse_assumptions (FpEstate           *estate,
                   const FpJsonValue  *root,
                   GError            **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  const FpJsonValue *assumptions = fp_json_value_read_list (&ctx, root, "assumptions", TRUE);

  if (assumptions == NULL)
    return FALSE;

  for (guint i = 0; i < assumptions->n_items; i++)
    {
      FpAssumption a = { 0 };
      g_autofree char *where = g_strdup_printf (DS "assumptions[%u]", i);
      FpJsonCtx c = { where, error };
      const FpJsonValue *o = fp_json_value_item_object (&c, assumptions, i);
      gboolean ok;

      ok = o != NULL &&
           fp_json_value_read_string (&c, o, "key", TRUE, &a.key) &&
           fp_json_value_read_required_number (&c, o, "value", -1e12, 1e12, &a.value) &&
           fp_json_value_read_string (&c, o, "unit", FALSE, &a.unit) &&
           fp_json_value_read_string (&c, o, "description", FALSE, &a.description) &&
           parse_provenance (&c, fp_json_value_member (o, "provenance"), a.key, &a.prov);

      if (ok && g_hash_table_contains (estate->assumption_index, a.key))
        ok = fp_json_fail (&c, _("the assumption “%s” is given twice"), a.key);

      g_array_append_val (estate->assumptions, a);
      if (!ok)
        return FALSE;

      g_hash_table_insert (estate->assumption_index,
                           g_array_index (estate->assumptions, FpAssumption, i).key,
                           GUINT_TO_POINTER (i + 1));
    }

  return TRUE;
}

static gboolean
parse_catalogues (FpEstate           *estate,
                  const FpJsonValue  *root,
                  GError            **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  const FpJsonValue *sources = fp_json_value_read_list (&ctx, root, "sources", TRUE);
  const FpJsonValue *methods = fp_json_value_read_list (&ctx, root, "methods", FALSE);
  const FpJsonValue *orgs = fp_json_value_read_list (&ctx, root, "organisations", FALSE);

  if (sources == NULL)
    return FALSE;
  if (*error != NULL)
    return FALSE;

  for (guint i = 0; i < sources->n_items; i++)
    {
      FpSource s = { 0 };
      g_autofree char *where = g_strdup_printf (DS "sources[%u]", i);
      FpJsonCtx c = { where, error };
      const FpJsonValue *o = fp_json_value_item_object (&c, sources, i);
      gboolean ok;

      ok = o != NULL &&
           fp_json_value_read_string (&c, o, "id", TRUE, &s.id) &&
           fp_json_value_read_string (&c, o, "title", TRUE, &s.title) &&
           fp_json_value_read_string (&c, o, "publisher", FALSE, &s.publisher) &&
           fp_json_value_read_int (&c, o, "year", 0, 9999, &s.year) &&
           fp_json_value_read_string (&c, o, "licence", FALSE, &s.licence) &&
           fp_json_value_read_string (&c, o, "attribution", FALSE, &s.attribution) &&
           fp_json_value_read_string (&c, o, "file", FALSE, &s.file);
      g_array_append_val (estate->sources, s);
      if (!ok)
        return FALSE;
    }

  for (guint i = 0; methods != NULL && i < methods->n_items; i++)
    {
      FpMethod m = { 0 };
      g_autofree char *where = g_strdup_printf (DS "methods[%u]", i);
      FpJsonCtx c = { where, error };
      const FpJsonValue *o = fp_json_value_item_object (&c, methods, i);
      gboolean ok;

      ok = o != NULL &&
           fp_json_value_read_string (&c, o, "id", TRUE, &m.id) &&
           fp_json_value_read_string (&c, o, "description", TRUE, &m.description);
      g_array_append_val (estate->methods, m);
      if (!ok)
        return FALSE;
    }

  for (guint i = 0; orgs != NULL && i < orgs->n_items; i++)
    {
      FpOrganisation org = { 0 };
      g_autofree char *where = g_strdup_printf (DS "organisations[%u]", i);
      FpJsonCtx c = { where, error };
      const FpJsonValue *o = fp_json_value_item_object (&c, orgs, i);
      g_autofree char *kind = NULL;
      gboolean ok;

      ok = o != NULL &&
           fp_json_value_read_string (&c, o, "id", TRUE, &org.id) &&
           fp_json_value_read_string (&c, o, "name", TRUE, &org.name) &&
           fp_json_value_read_string (&c, o, "kind", TRUE, &kind) &&
           check_vocab (&c, "organisation kind", kind, fp_org_kind_from_string (kind, &org.kind)) &&
           fp_json_value_read_string (&c, o, "parent", FALSE, &org.parent_id);
      g_array_append_val (estate->organisations, org);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* The largest dataset file read. The Birmingham and Solihull one is under 3 MB, a synthetic
 * estate the size of England's (bench/make-estate.py) 59 MB; reading one takes about twice
 * its size in memory while it is read (fp_json_doc_parse()). */
#define FP_DATASET_MAX_BYTES (128 * 1024 * 1024)

/* Reads the estate from a checked tree. */
static FpEstate *
read_estate (const FpJsonValue  *root,
             GError            **error)
{
  g_autoptr(FpEstate) estate = fp_estate_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format = NULL;
  FpJsonCtx ctx = { "Dataset", &local_error };
  int version = 0;

  if (root->type != FP_JSON_OBJECT)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The dataset is not a JSON object"));
      return NULL;
    }

  ctx.where = DS "header";
  if (!fp_json_value_read_string (&ctx, root, "format", TRUE, &format) ||
      !fp_json_value_read_int (&ctx, root, "format_version", 1, 1000, &version))
    goto failed;

  if (!g_str_equal (format, FP_DATASET_FORMAT))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The file is not a Footprint dataset (its format is “%s”)"), format);
      return NULL;
    }

  if (version != FP_DATASET_FORMAT_VERSION)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The dataset has format version %d; this Footprint reads version %d"),
                   version, FP_DATASET_FORMAT_VERSION);
      return NULL;
    }

  if (!fp_json_value_read_string (&ctx, root, "name", TRUE, &estate->name) ||
      !fp_json_value_read_int (&ctx, root, "base_year", 1990, 2100, &estate->base_year) ||
      !fp_json_value_read_int (&ctx, root, "plan_buildings", 0, 1000000,
                               &estate->plan_buildings) ||
      !fp_json_value_read_string (&ctx, root, "gap_note", FALSE, &estate->gap_note) ||
      !fp_json_value_read_string (&ctx, root, "price_base", FALSE, &estate->price_base) ||
      !fp_json_value_read_string (&ctx, root, "price_index", FALSE, &estate->price_index))
    goto failed;

  if (estate->base_year == 0)
    {
      fp_json_fail (&ctx, _("the field “%s” is missing"), "base_year");
      goto failed;
    }

  if (!parse_catalogues (estate, root, &local_error) ||
      !parse_sites (estate, root, &local_error) ||
      !parse_site_children (estate, root, &local_error) ||
      !parse_services (estate, root, &local_error) ||
      !parse_activity (estate, root, &local_error) ||
      !parse_zones (estate, root, &local_error) ||
      !parse_assumptions (estate, root, &local_error))
    goto failed;

  fp_estate_reindex (estate);
  return g_steal_pointer (&estate);

failed:
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* Reads a dataset from @text (g_malloc()ed; taken, and changed as it is read). */
static FpEstate *
parse_text (char    *text,
            gsize    size,
            GError **error)
{
  g_autoptr(FpJsonDoc) doc = NULL;

  /* One strict pass (fp-json.c): nesting, keys twice, numbers, hidden characters; then
   * field by field from the compact tree it makes. */
  doc = fp_json_doc_parse (text, size, _("The dataset"), FP_DATASET_MAX_BYTES, error);
  if (doc == NULL)
    return NULL;

  return read_estate (fp_json_doc_get_root (doc), error);
}

/**
 * fp_dataset_parse:
 * @json: the dataset file's bytes
 * @error: return location for an error
 *
 * Parses and checks a whole dataset. On any problem nothing is returned and @error says
 * which record and field is wrong.
 *
 * Returns: (transfer full) (nullable): the estate, or %NULL with @error set
 */
FpEstate *
fp_dataset_parse (GBytes  *json,
                  GError **error)
{
  gsize size = 0;
  char *text = NULL;

  /* The reader decodes strings in place: a copy of its own (unless @json is ours alone). */
  if (json != NULL)
    text = g_bytes_unref_to_data (g_bytes_ref (json), &size);

  return parse_text (text, size, error);
}

/**
 * fp_dataset_parse_file:
 * @path: a dataset file
 * @error: return location for an error
 *
 * Reads and checks a dataset file as fp_dataset_parse() does, without a second copy of it
 * in memory. A file that cannot be read gives FP_ERROR_NOT_FOUND or FP_ERROR_IO.
 *
 * Returns: (transfer full) (nullable): the estate, or %NULL with @error set
 */
FpEstate *
fp_dataset_parse_file (const char  *path,
                       GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  char *text = NULL;
  gsize size = 0;

  g_return_val_if_fail (path != NULL, NULL);

  /* Too large is refused before it is read. */
  if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) &&
      (guint64) st.st_size > FP_DATASET_MAX_BYTES)
    return parse_text (NULL, (gsize) st.st_size, error);

  if (!g_file_get_contents (path, &text, &size, &local_error))
    {
      /* GLib's message names the file and says why. */
      g_set_error_literal (error, FP_ERROR,
                           g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                           ? FP_ERROR_NOT_FOUND : FP_ERROR_IO,
                           local_error->message);
      return NULL;
    }

  return parse_text (text, size, error);
}

/**
 * fp_dataset_lookup_resource:
 * @name: a file name under the dataset resource, e.g. `bsol.json` or
 *   `boundaries/wards.geojson`
 * @error: return location for an error
 *
 * The dataset is compiled into each executable as a GResource.
 *
 * Returns: (transfer full) (nullable): the file's bytes
 */
GBytes *
fp_dataset_lookup_resource (const char  *name,
                            GError     **error)
{
  g_autofree char *path = g_strconcat ("/io/github/footprint/Footprint/dataset/", name, NULL);
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                 _("The built-in dataset file “%s” is missing from this build: %s"),
                 name, local_error->message);

  return bytes;
}

/**
 * fp_dataset_load_default:
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the built-in Birmingham and Solihull estate
 */
FpEstate *
fp_dataset_load_default (GError **error)
{
  g_autoptr(GBytes) bytes = fp_dataset_lookup_resource ("bsol.json", error);

  if (bytes == NULL)
    return NULL;

  return fp_dataset_parse (bytes, error);
}
