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
#include <json-glib/json-glib.h>

#include "fp-dataset.h"
#include "fp-error.h"
#include "fp-json-private.h"

/* Where a message points: "Dataset sites[3]" and the like. */
#define DS "Dataset "

static gboolean
parse_provenance (FpJsonCtx          *ctx,
                  JsonNode     *node,
                  const char   *field,
                  FpProvenance *prov)
{
  JsonObject *object;
  g_autofree char *kind = NULL;
  g_autofree char *where = g_strdup_printf ("%s, provenance of “%s”", ctx->where, field);
  FpJsonCtx sub = { where, ctx->error };

  fp_provenance_clear (prov);

  if (fp_json_is_null (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fp_json_fail (&sub, _("the provenance must be an object"));

  object = json_node_get_object (node);
  if (!fp_json_read_string (&sub, object, "kind", TRUE, &kind))
    return FALSE;

  if (!fp_prov_kind_from_string (kind, &prov->kind) || prov->kind == FP_PROV_NONE)
    return fp_json_fail (&sub, _("the kind “%s” is not measured, estimated or assumed"), kind);

  if (!fp_json_read_string (&sub, object, "source", prov->kind == FP_PROV_MEASURED, &prov->source_id) ||
      !fp_json_read_int (&sub, object, "year", 0, 9999, &prov->year) ||
      !fp_json_read_string (&sub, object, "method", prov->kind == FP_PROV_ESTIMATED, &prov->method_id) ||
      !fp_json_read_string (&sub, object, "by", prov->kind == FP_PROV_ASSUMED, &prov->author) ||
      !fp_json_read_string (&sub, object, "date", FALSE, &prov->recorded_at) ||
      !fp_json_read_string (&sub, object, "note", FALSE, &prov->note))
    return FALSE;

  return TRUE;
}

/* Returns the node at a dotted path such as "rooms.consult", or NULL. */
static JsonNode *
member_path (JsonObject *object,
             const char *path)
{
  const char *dot = strchr (path, '.');
  g_autofree char *head = NULL;
  JsonNode *node;

  if (dot == NULL)
    return fp_json_member (object, path);

  head = g_strndup (path, dot - path);
  node = fp_json_member (object, head);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return fp_json_member (json_node_get_object (node), dot + 1);
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
check_vocab (FpJsonCtx        *ctx,
             const char *field,
             const char *value,
             gboolean    ok)
{
  if (!ok)
    return fp_json_fail (ctx, _("“%s” is not a known %s"), value, field);

  return TRUE;
}

static gboolean
parse_site (FpJsonCtx        *ctx,
            JsonObject *object,
            FpSite     *site)
{
  g_autofree char *type = NULL;
  g_autofree char *tenure = NULL;
  g_autofree char *sector = NULL;
  g_autofree char *status = NULL;
  g_autofree char *condition = NULL;
  double lat, lon;
  JsonNode *prov_node;

  static const char * const text_json[FP_SITE_N_TEXTS] = {
    "postcode", "address", "la_code", "ward_code", "locality", "pcn", "organisation",
  };

  if (!fp_json_read_string (ctx, object, "name", TRUE, &site->name) ||
      !fp_json_read_string (ctx, object, "site_type", TRUE, &type) ||
      !check_vocab (ctx, "site_type", type, fp_site_type_from_string (type, &site->type)) ||
      !fp_json_read_string (ctx, object, "tenure", TRUE, &tenure) ||
      !check_vocab (ctx, "tenure", tenure, fp_tenure_from_string (tenure, &site->tenure)) ||
      !fp_json_read_string (ctx, object, "sector", FALSE, &sector) ||
      !fp_json_read_string (ctx, object, "status", FALSE, &status) ||
      !fp_json_read_string (ctx, object, "condition", FALSE, &condition))
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

  if (!fp_json_read_number (ctx, object, "lat", -90, 90, &lat) ||
      !fp_json_read_number (ctx, object, "lon", -180, 180, &lon))
    return FALSE;

  if (isnan (lat) != isnan (lon))
    return fp_json_fail (ctx, _("it has a latitude or a longitude but not both"));

  site->placed = !isnan (lat);
  site->lat = site->placed ? lat : 0.0;
  site->lon = site->placed ? lon : 0.0;

  for (guint i = 0; i < FP_SITE_N_TEXTS; i++)
    if (!fp_json_read_string (ctx, object, text_json[i], FALSE, &site->texts[i]))
      return FALSE;

  for (guint i = 0; i < FP_SITE_N_NUMBERS; i++)
    {
      const FpSiteField *field = fp_site_field (i);
      JsonNode *node = member_path (object, field->json);
      double value = NAN;

      if (!fp_json_is_null (node))
        {
          if (!fp_json_node_number (node, &value))
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

  prov_node = fp_json_member (object, "provenance");
  if (!fp_json_is_null (prov_node))
    {
      JsonObject *prov;
      g_autoptr(GList) keys = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (prov_node))
        return fp_json_fail (ctx, _("the provenance must be an object"));

      prov = json_node_get_object (prov_node);
      keys = json_object_get_members (prov);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          const char *key = l->data;
          guint slot;

          if (!site_slot_from_key (key, &slot))
            return fp_json_fail (ctx, _("the provenance names “%s”, which is not a field of a site"), key);

          if (!parse_provenance (ctx, json_object_get_member (prov, key), key, &site->prov[slot]))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
parse_sites (FpEstate   *estate,
             JsonObject *root,
             GError    **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  JsonArray *sites = fp_json_read_array (&ctx, root, "sites", TRUE);

  if (sites == NULL)
    return FALSE;

  g_array_set_size (estate->sites, json_array_get_length (sites));

  for (guint i = 0; i < estate->sites->len; i++)
    {
      FpSite *site = &g_array_index (estate->sites, FpSite, i);
      g_autofree char *where = g_strdup_printf (DS "sites[%u]", i);
      FpJsonCtx c = { where, error };
      JsonObject *object = fp_json_element_object (&c, sites, i);
      g_autofree char *where_id = NULL;

      for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
        site->numbers[n] = NAN;

      if (object == NULL || !fp_json_read_string (&c, object, "id", TRUE, &site->id))
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
parse_site_children (FpEstate   *estate,
                     JsonObject *root,
                     GError    **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  JsonArray *sites = fp_json_read_array (&ctx, root, "sites", TRUE);

  for (guint i = 0; i < estate->sites->len; i++)
    {
      FpSite *site = &g_array_index (estate->sites, FpSite, i);
      JsonObject *object = json_array_get_object_element (sites, i);
      g_autofree char *where = g_strdup_printf (DS "site “%s”", site->id);
      FpJsonCtx c = { where, error };
      JsonArray *rows = fp_json_read_array (&c, object, "sources", FALSE);
      JsonArray *interests = fp_json_read_array (&c, object, "interests", FALSE);

      if (error != NULL && *error != NULL)
        return FALSE;

      for (guint r = 0; rows != NULL && r < json_array_get_length (rows); r++)
        {
          FpSourceRow row = { .site = i };
          g_autofree char *w = g_strdup_printf (DS "site “%s”, sources[%u]", site->id, r);
          FpJsonCtx rc = { w, error };
          JsonObject *o = fp_json_element_object (&rc, rows, r);

          if (o == NULL ||
              !fp_json_read_string (&rc, o, "source", TRUE, &row.source_id) ||
              !fp_json_read_int (&rc, o, "row", 0, G_MAXINT, &row.row) ||
              !fp_json_read_string (&rc, o, "code", FALSE, &row.code) ||
              !fp_json_read_string (&rc, o, "name", FALSE, &row.name) ||
              !fp_json_read_string (&rc, o, "postcode", FALSE, &row.postcode) ||
              !fp_json_read_string (&rc, o, "rule", TRUE, &row.rule))
            {
              g_free (row.source_id); g_free (row.code); g_free (row.name);
              g_free (row.postcode); g_free (row.rule);
              return FALSE;
            }
          g_array_append_val (estate->source_rows, row);
        }

      for (guint r = 0; interests != NULL && r < json_array_get_length (interests); r++)
        {
          FpInterest interest = { .site = i };
          g_autofree char *w = g_strdup_printf (DS "site “%s”, interests[%u]", site->id, r);
          FpJsonCtx ic = { w, error };
          JsonObject *o = fp_json_element_object (&ic, interests, r);
          g_autofree char *tenure = NULL;
          gboolean ok;

          ok = o != NULL &&
               fp_json_read_string (&ic, o, "tenure", TRUE, &tenure) &&
               check_vocab (&ic, "tenure", tenure, fp_tenure_from_string (tenure, &interest.tenure)) &&
               fp_json_read_string (&ic, o, "landlord", FALSE, &interest.landlord) &&
               fp_json_read_string (&ic, o, "occupier", FALSE, &interest.occupier) &&
               fp_json_read_int (&ic, o, "start_year", 1800, 2200, &interest.start_year) &&
               fp_json_read_int (&ic, o, "break_year", 1800, 2200, &interest.break_year) &&
               fp_json_read_int (&ic, o, "end_year", 1800, 2200, &interest.end_year) &&
               fp_json_read_string (&ic, o, "note", FALSE, &interest.note) &&
               parse_provenance (&ic, fp_json_member (o, "provenance"), "interest", &interest.prov);

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
parse_services (FpEstate   *estate,
                JsonObject *root,
                GError    **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  JsonArray *services = fp_json_read_array (&ctx, root, "services", TRUE);

  if (services == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      FpService service = { 0 };
      g_autofree char *where = g_strdup_printf (DS "services[%u]", i);
      FpJsonCtx c = { where, error };
      JsonObject *o = fp_json_element_object (&c, services, i);
      g_autofree char *setting = NULL;
      g_autofree char *room_type = NULL;
      JsonNode *prov;
      gboolean ok;

      ok = o != NULL &&
           fp_json_read_string (&c, o, "id", TRUE, &service.id) &&
           fp_json_read_string (&c, o, "name", TRUE, &service.name) &&
           fp_json_read_string (&c, o, "setting", TRUE, &setting) &&
           check_vocab (&c, "setting", setting, fp_setting_from_string (setting, &service.setting)) &&
           fp_json_read_string (&c, o, "room_type", TRUE, &room_type) &&
           check_vocab (&c, "room type", room_type,
                        fp_room_type_from_string (room_type, &service.room_type)) &&
           fp_json_read_string (&c, o, "unit", TRUE, &service.unit) &&
           fp_json_read_required_number (&c, o, "minutes_per_unit", 0, 100000, &service.minutes_per_unit) &&
           fp_json_read_required_number (&c, o, "growth_rate", -0.5, 1.0, &service.growth_rate);

      prov = ok ? fp_json_member (o, "provenance") : NULL;
      if (ok && !fp_json_is_null (prov))
        {
          JsonObject *p = JSON_NODE_HOLDS_OBJECT (prov) ? json_node_get_object (prov) : NULL;

          ok = p != NULL
               ? parse_provenance (&c, fp_json_member (p, "minutes_per_unit"), "minutes_per_unit",
                                   &service.prov_minutes) &&
                 parse_provenance (&c, fp_json_member (p, "growth_rate"), "growth_rate",
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
parse_activity (FpEstate   *estate,
                JsonObject *root,
                GError    **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  JsonArray *activity = fp_json_read_array (&ctx, root, "activity", FALSE);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (activity == NULL)
    return error == NULL || *error == NULL;

  for (guint i = 0; i < json_array_get_length (activity); i++)
    {
      FpActivity row = { 0 };
      g_autofree char *where = g_strdup_printf (DS "activity[%u]", i);
      FpJsonCtx c = { where, error };
      JsonObject *o = fp_json_element_object (&c, activity, i);
      g_autofree char *site = NULL;
      g_autofree char *service = NULL;
      char *key;

      if (o == NULL ||
          !fp_json_read_string (&c, o, "site", TRUE, &site) ||
          !fp_json_read_string (&c, o, "service", TRUE, &service) ||
          !fp_json_read_required_number (&c, o, "volume", 0, 1e12, &row.volume))
        return FALSE;

      if (!fp_estate_find_site (estate, site, &row.site))
        return fp_json_fail (&c, _("the site “%s” does not exist"), site);
      if (!fp_estate_find_service (estate, service, &row.service))
        return fp_json_fail (&c, _("the service “%s” does not exist"), service);

      key = g_strdup_printf ("%s/%s", site, service);
      if (!g_hash_table_add (seen, key))
        return fp_json_fail (&c, _("the activity of “%s” at “%s” is given twice"), service, site);

      /* The row is not kept: free what a half-read provenance holds (found by fuzzing). */
      if (!parse_provenance (&c, fp_json_member (o, "provenance"), "volume", &row.prov))
        {
          fp_provenance_clear (&row.prov);
          return FALSE;
        }

      g_array_append_val (estate->activity, row);
    }

  return TRUE;
}

static gboolean
parse_zones (FpEstate   *estate,
             JsonObject *root,
             GError    **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  JsonArray *zones = fp_json_read_array (&ctx, root, "zones", TRUE);
  JsonNode *prov_node;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (zones == NULL)
    return FALSE;

  g_array_set_size (estate->zones, json_array_get_length (zones));

  for (guint i = 0; i < estate->zones->len; i++)
    {
      FpZone *zone = &g_array_index (estate->zones, FpZone, i);
      g_autofree char *where = g_strdup_printf (DS "zones[%u]", i);
      FpJsonCtx c = { where, error };
      JsonObject *o = fp_json_element_object (&c, zones, i);
      JsonNode *pop;
      JsonObject *pop_object;

      if (o == NULL ||
          !fp_json_read_string (&c, o, "code", TRUE, &zone->code) ||
          !fp_json_read_string (&c, o, "name", FALSE, &zone->name) ||
          !fp_json_read_string (&c, o, "la_code", FALSE, &zone->la_code) ||
          !fp_json_read_string (&c, o, "ward_code", FALSE, &zone->ward_code) ||
          !fp_json_read_string (&c, o, "lsoa11", FALSE, &zone->lsoa11) ||
          !fp_json_read_required_number (&c, o, "lat", -90, 90, &zone->lat) ||
          !fp_json_read_required_number (&c, o, "lon", -180, 180, &zone->lon) ||
          !fp_json_read_int (&c, o, "imd_decile", 1, 10, &zone->imd_decile) ||
          !fp_json_read_int (&c, o, "imd_rank", 1, 100000, &zone->imd_rank))
        return FALSE;

      if (!g_hash_table_add (seen, zone->code))
        return fp_json_fail (&c, _("the zone “%s” is given twice"), zone->code);

      pop = fp_json_member (o, "population");
      if (pop == NULL || !JSON_NODE_HOLDS_OBJECT (pop))
        return fp_json_fail (&c, _("the population by age band is missing"));

      pop_object = json_node_get_object (pop);
      for (guint b = 0; b < FP_N_AGE_BANDS; b++)
        {
          double value;

          if (!fp_json_read_required_number (&c, pop_object, fp_age_band_name (b), 0, 1e7, &value))
            return FALSE;
          if (value != floor (value))
            return fp_json_fail (&c, _("the population aged %s must be a whole number"),
                         fp_age_band_name (b));
          zone->population[b] = (int) value;
        }
    }

  prov_node = fp_json_member (root, "zone_provenance");
  if (!fp_json_is_null (prov_node))
    {
      FpJsonCtx c = { DS "zone_provenance", error };
      JsonObject *p;

      if (!JSON_NODE_HOLDS_OBJECT (prov_node))
        return fp_json_fail (&c, _("the provenance must be an object"));

      p = json_node_get_object (prov_node);
      for (guint f = 0; f < FP_ZONE_N_PROV; f++)
        if (!parse_provenance (&c, fp_json_member (p, fp_zone_prov_name (f)), fp_zone_prov_name (f),
                               &estate->zone_prov[f]))
          return FALSE;
    }

  return TRUE;
}

static gboolean
parse_assumptions (FpEstate   *estate,
                   JsonObject *root,
                   GError    **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  JsonArray *assumptions = fp_json_read_array (&ctx, root, "assumptions", TRUE);

  if (assumptions == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (assumptions); i++)
    {
      FpAssumption a = { 0 };
      g_autofree char *where = g_strdup_printf (DS "assumptions[%u]", i);
      FpJsonCtx c = { where, error };
      JsonObject *o = fp_json_element_object (&c, assumptions, i);
      gboolean ok;

      ok = o != NULL &&
           fp_json_read_string (&c, o, "key", TRUE, &a.key) &&
           fp_json_read_required_number (&c, o, "value", -1e12, 1e12, &a.value) &&
           fp_json_read_string (&c, o, "unit", FALSE, &a.unit) &&
           fp_json_read_string (&c, o, "description", FALSE, &a.description) &&
           parse_provenance (&c, fp_json_member (o, "provenance"), a.key, &a.prov);

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
parse_catalogues (FpEstate   *estate,
                  JsonObject *root,
                  GError    **error)
{
  FpJsonCtx ctx = { "Dataset", error };
  JsonArray *sources = fp_json_read_array (&ctx, root, "sources", TRUE);
  JsonArray *methods = fp_json_read_array (&ctx, root, "methods", FALSE);
  JsonArray *orgs = fp_json_read_array (&ctx, root, "organisations", FALSE);

  if (sources == NULL)
    return FALSE;
  if (*error != NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      FpSource s = { 0 };
      g_autofree char *where = g_strdup_printf (DS "sources[%u]", i);
      FpJsonCtx c = { where, error };
      JsonObject *o = fp_json_element_object (&c, sources, i);
      gboolean ok;

      ok = o != NULL &&
           fp_json_read_string (&c, o, "id", TRUE, &s.id) &&
           fp_json_read_string (&c, o, "title", TRUE, &s.title) &&
           fp_json_read_string (&c, o, "publisher", FALSE, &s.publisher) &&
           fp_json_read_int (&c, o, "year", 0, 9999, &s.year) &&
           fp_json_read_string (&c, o, "licence", FALSE, &s.licence) &&
           fp_json_read_string (&c, o, "attribution", FALSE, &s.attribution) &&
           fp_json_read_string (&c, o, "file", FALSE, &s.file);
      g_array_append_val (estate->sources, s);
      if (!ok)
        return FALSE;
    }

  for (guint i = 0; methods != NULL && i < json_array_get_length (methods); i++)
    {
      FpMethod m = { 0 };
      g_autofree char *where = g_strdup_printf (DS "methods[%u]", i);
      FpJsonCtx c = { where, error };
      JsonObject *o = fp_json_element_object (&c, methods, i);
      gboolean ok;

      ok = o != NULL &&
           fp_json_read_string (&c, o, "id", TRUE, &m.id) &&
           fp_json_read_string (&c, o, "description", TRUE, &m.description);
      g_array_append_val (estate->methods, m);
      if (!ok)
        return FALSE;
    }

  for (guint i = 0; orgs != NULL && i < json_array_get_length (orgs); i++)
    {
      FpOrganisation org = { 0 };
      g_autofree char *where = g_strdup_printf (DS "organisations[%u]", i);
      FpJsonCtx c = { where, error };
      JsonObject *o = fp_json_element_object (&c, orgs, i);
      g_autofree char *kind = NULL;
      gboolean ok;

      ok = o != NULL &&
           fp_json_read_string (&c, o, "id", TRUE, &org.id) &&
           fp_json_read_string (&c, o, "name", TRUE, &org.name) &&
           fp_json_read_string (&c, o, "kind", TRUE, &kind) &&
           check_vocab (&c, "organisation kind", kind, fp_org_kind_from_string (kind, &org.kind)) &&
           fp_json_read_string (&c, o, "parent", FALSE, &org.parent_id);
      g_array_append_val (estate->organisations, org);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* The largest dataset file read; the Birmingham and Solihull one is under 3 MB. */
#define FP_DATASET_MAX_BYTES (64 * 1024 * 1024)

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
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(FpEstate) estate = fp_estate_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format = NULL;
  FpJsonCtx ctx = { "Dataset", &local_error };
  JsonObject *root;
  gsize size = 0;
  const char *data = json ? g_bytes_get_data (json, &size) : NULL;
  int version = 0;

  /* Checked strictly before json-glib reads it (fp-json.c): nesting, keys twice, numbers. */
  root_node = fp_json_parse (data, size, _("The dataset"), FP_DATASET_MAX_BYTES, error);
  if (root_node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The dataset is not a JSON object"));
      return NULL;
    }

  root = json_node_get_object (root_node);
  ctx.where = DS "header";
  if (!fp_json_read_string (&ctx, root, "format", TRUE, &format) ||
      !fp_json_read_int (&ctx, root, "format_version", 1, 1000, &version))
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

  if (!fp_json_read_string (&ctx, root, "name", TRUE, &estate->name) ||
      !fp_json_read_int (&ctx, root, "base_year", 1990, 2100, &estate->base_year) ||
      !fp_json_read_int (&ctx, root, "plan_buildings", 0, 1000000, &estate->plan_buildings) ||
      !fp_json_read_string (&ctx, root, "gap_note", FALSE, &estate->gap_note) ||
      !fp_json_read_string (&ctx, root, "price_base", FALSE, &estate->price_base) ||
      !fp_json_read_string (&ctx, root, "price_index", FALSE, &estate->price_index))
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
