/* fp-change.c: scenario changes as data, and their JSON form.
 *
 * Reading checks each field on its own (types, ranges, which fields a kind takes, text by
 * fp_text_clean()'s rule: ids and names trimmed, no hidden characters); whether
 * a change makes sense against an estate (does the site offer the service?) is the
 * engine's check when it applies the change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-change"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "fp-change.h"
#include "fp-error.h"
#include "fp-format.h"
#include "fp-json-private.h"

static const char * const kind_names[FP_N_CHANGE_KINDS] = {
  "move_service", "shift_setting", "exit_site", "dispose_site", "backfill", "open_site",
  "change_hours", "change_growth", "reduce_length_of_stay", "change_occupancy",
};

/* The parameters each kind takes, beyond kind, year, owner, note and confidence. */
static const char * const kind_fields[FP_N_CHANGE_KINDS][16] = {
  [FP_CHANGE_MOVE_SERVICE] = { "site", "service", "to_site", "share", "volume" },
  [FP_CHANGE_SHIFT_SETTING] = { "service", "from_setting", "share", "to_sites", "weights" },
  [FP_CHANGE_EXIT_SITE] = { "site", "to_sites", "weights" },
  [FP_CHANGE_DISPOSE_SITE] = { "site", "value", "disposal_costs", "receipt_retained" },
  [FP_CHANGE_BACKFILL] = { "site", "m2" },
  [FP_CHANGE_OPEN_SITE] = { "id", "name", "site_type", "lat", "lon", "gia_m2", "rooms", "beds",
                            "desks", "hours_open_per_week", "capital_cost", "running_cost",
                            "tenure", "lease_end_year" },
  [FP_CHANGE_CHANGE_HOURS] = { "site", "hours_open_per_week" },
  [FP_CHANGE_CHANGE_GROWTH] = { "service", "rate" },
  [FP_CHANGE_REDUCE_LENGTH_OF_STAY] = { "service", "share", "sites" },
  [FP_CHANGE_CHANGE_OCCUPANCY] = { "occupancy", "sites" },
};

static const char * const common_fields[] = { "kind", "year", "owner", "note", "confidence" };

const char *
fp_change_kind_to_string (FpChangeKind kind)
{
  g_return_val_if_fail ((guint) kind < FP_N_CHANGE_KINDS, NULL);
  return kind_names[kind];
}

gboolean
fp_change_kind_from_string (const char   *str,
                            FpChangeKind *out)
{
  guint i;

  if (!fp_vocabulary_lookup (kind_names, FP_N_CHANGE_KINDS, str, &i))
    return FALSE;

  *out = i;
  return TRUE;
}

/**
 * fp_site_type_setting:
 * @type: a site type
 *
 * The setting of care a site of this type belongs to, for shift-setting changes
 * (e.g. outpatient follow-ups from `acute` to `community`).
 *
 * Returns: the setting
 */
FpSetting
fp_site_type_setting (FpSiteType type)
{
  switch (type)
    {
    case FP_SITE_TYPE_ACUTE_HOSPITAL:
    case FP_SITE_TYPE_INDEPENDENT_HOSPITAL:
      return FP_SETTING_ACUTE;
    case FP_SITE_TYPE_MENTAL_HEALTH_UNIT:
      return FP_SETTING_MENTAL_HEALTH;
    case FP_SITE_TYPE_GP_PRACTICE:
    case FP_SITE_TYPE_GP_BRANCH:
      return FP_SETTING_PRIMARY_CARE;
    case FP_SITE_TYPE_URGENT_CARE_CENTRE:
    case FP_SITE_TYPE_WALK_IN_CENTRE:
      return FP_SETTING_URGENT_CARE;
    case FP_SITE_TYPE_OFFICE:
      return FP_SETTING_OFFICE;
    case FP_SITE_TYPE_COMMUNITY_HOSPITAL:
    case FP_SITE_TYPE_HEALTH_CENTRE:
    case FP_SITE_TYPE_HUB:
    case FP_SITE_TYPE_OTHER:
    case FP_N_SITE_TYPES:
    default:
      return FP_SETTING_COMMUNITY;
    }
}

const char *
fp_setting_for_site_type (FpSiteType type)
{
  return fp_setting_to_string (fp_site_type_setting (type));
}

/**
 * fp_change_new:
 * @kind: the kind
 * @year: the first year it takes effect
 *
 * Returns: (transfer full): a change with confidence 1 and every parameter unset
 */
FpChange *
fp_change_new (FpChangeKind kind,
               int          year)
{
  FpChange *change = g_new0 (FpChange, 1);

  change->kind = kind;
  change->year = year;
  change->confidence = 1.0;
  change->share = NAN;
  change->volume = NAN;
  change->value = NAN;
  change->disposal_costs = NAN;
  change->m2 = NAN;
  change->lat = NAN;
  change->lon = NAN;
  change->gia_m2 = NAN;
  for (guint i = 0; i < FP_N_ROOM_HOUR_TYPES; i++)
    change->rooms[i] = NAN;
  change->beds = NAN;
  change->desks = NAN;
  change->capital_cost = NAN;
  change->running_cost = NAN;
  change->hours_open_per_week = NAN;
  change->rate = NAN;
  change->occupancy = NAN;
  change->tenure = FP_TENURE_UNKNOWN;
  change->site_type = FP_SITE_TYPE_HUB;

  return change;
}

FpChange *
fp_change_copy (const FpChange *change)
{
  FpChange *copy = g_memdup2 (change, sizeof *change);

  copy->owner = g_strdup (change->owner);
  copy->note = g_strdup (change->note);
  copy->site = g_strdup (change->site);
  copy->service = g_strdup (change->service);
  copy->to_site = g_strdup (change->to_site);
  copy->to_sites = g_strdupv (change->to_sites);
  copy->sites = g_strdupv (change->sites);
  copy->weights = change->weights ? g_array_copy (change->weights) : NULL;
  copy->new_id = g_strdup (change->new_id);
  copy->name = g_strdup (change->name);

  return copy;
}

void
fp_change_free (FpChange *change)
{
  if (change == NULL)
    return;

  g_free (change->owner);
  g_free (change->note);
  g_free (change->site);
  g_free (change->service);
  g_free (change->to_site);
  g_strfreev (change->to_sites);
  g_strfreev (change->sites);
  g_clear_pointer (&change->weights, g_array_unref);
  g_free (change->new_id);
  g_free (change->name);
  g_free (change);
}

/**
 * fp_change_primary_site:
 * @change: a change
 *
 * Returns: (nullable): the site the change is about (the new id for open_site; the one site
 *   a bed change names, or %NULL when it names several or none)
 */
const char *
fp_change_primary_site (const FpChange *change)
{
  if (change->kind == FP_CHANGE_OPEN_SITE)
    return change->new_id;
  if (change->kind == FP_CHANGE_REDUCE_LENGTH_OF_STAY || change->kind == FP_CHANGE_CHANGE_OCCUPANCY)
    return change->sites != NULL && change->sites[0] != NULL && change->sites[1] == NULL
           ? change->sites[0] : NULL;
  return change->site;
}

/* ---- Reading ------------------------------------------------------------------- */

static gboolean
field_allowed (FpChangeKind  kind,
               const char   *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (common_fields); i++)
    if (g_str_equal (name, common_fields[i]))
      return TRUE;

  for (guint i = 0; kind_fields[kind][i] != NULL; i++)
    if (g_str_equal (name, kind_fields[kind][i]))
      return TRUE;

  return FALSE;
}

static gboolean
read_bool (FpJsonCtx  *ctx,
           JsonObject *object,
           const char *name,
           gboolean    fallback,
           gboolean   *out)
{
  JsonNode *node = fp_json_member (object, name);

  if (fp_json_is_null (node))
    {
      *out = fallback;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fp_json_fail (ctx, _("the field “%s” must be true or false"), name);

  *out = json_node_get_boolean (node);
  return TRUE;
}

/* A site or service id: trimmed, not blank, no hidden characters. */
static gboolean
read_id (FpJsonCtx   *ctx,
         JsonObject  *object,
         const char  *name,
         char       **out)
{
  return fp_json_read_text (ctx, object, name, FP_TEXT_REQUIRED, FP_CHANGE_ID_MAX_CHARS, out);
}

static gboolean
read_sites (FpJsonCtx   *ctx,
            JsonObject  *object,
            const char  *name,
            GStrv       *out)
{
  JsonArray *array = fp_json_read_array (ctx, object, name, FALSE);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;

  if (array == NULL)
    return *ctx->error == NULL;

  if (json_array_get_length (array) == 0)
    return fp_json_fail (ctx, _("the list “%s” is empty; leave it out to let Footprint choose"),
                         name);

  builder = g_strv_builder_new ();
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(GError) local_error = NULL;
      char *id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return fp_json_fail (ctx, _("entry %u of “%s” must be a site id"), i + 1, name);
      id = fp_text_clean (json_node_get_string (node), FP_TEXT_LINE, FP_CHANGE_ID_MAX_CHARS,
                          name, &local_error);
      if (local_error != NULL)
        return fp_json_fail (ctx, _("entry %u of “%s”: %s"), i + 1, name, local_error->message);
      if (id == NULL)
        return fp_json_fail (ctx, _("entry %u of “%s” must be a site id"), i + 1, name);
      /* A receiver twice would take a double share unseen. */
      if (!g_hash_table_add (seen, id))
        return fp_json_fail (ctx, _("“%s” is listed twice in “%s”"), id, name);
      g_strv_builder_add (builder, id);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_weights (FpJsonCtx  *ctx,
              JsonObject *object,
              guint       n_sites,
              GArray    **out)
{
  JsonArray *array = fp_json_read_array (ctx, object, "weights", FALSE);
  double total = 0;

  if (array == NULL)
    return *ctx->error == NULL;

  if (json_array_get_length (array) != n_sites)
    return fp_json_fail (ctx, _("there are %u weights for %u receiving sites"),
                         json_array_get_length (array), n_sites);

  *out = g_array_sized_new (FALSE, FALSE, sizeof (double), n_sites);
  for (guint i = 0; i < n_sites; i++)
    {
      double w;

      if (!fp_json_node_number (json_array_get_element (array, i), &w) || w < 0)
        return fp_json_fail (ctx, _("weight %u must be a number of at least 0"), i + 1);
      if (w > FP_CHANGE_MAX_WEIGHT)
        return fp_json_fail (ctx, _("weight %u is %g, outside 0 to %g"), i + 1, w,
                             FP_CHANGE_MAX_WEIGHT);
      g_array_append_val (*out, w);
      total += w;
    }

  if (total <= 0)
    return fp_json_fail (ctx, _("the weights add up to nothing"));

  return TRUE;
}

static gboolean
require_number (FpJsonCtx  *ctx,
                JsonObject *object,
                const char *name,
                double      min,
                double      max,
                double     *out)
{
  return fp_json_read_required_number (ctx, object, name, min, max, out);
}

static gboolean
read_kind_fields (FpJsonCtx  *ctx,
                  JsonObject *o,
                  FpChange   *c)
{
  g_autofree char *text = NULL;
  guint n_receivers;

  switch (c->kind)
    {
    case FP_CHANGE_MOVE_SERVICE:
      if (!read_id (ctx, o, "site", &c->site) ||
          !read_id (ctx, o, "service", &c->service) ||
          !read_id (ctx, o, "to_site", &c->to_site) ||
          !fp_json_read_number (ctx, o, "share", 0, 1, &c->share) ||
          !fp_json_read_number (ctx, o, "volume", 0, 1e12, &c->volume))
        return FALSE;
      if (isnan (c->share) == isnan (c->volume))
        return fp_json_fail (ctx, _("give either a “share” (0 to 1) or a “volume”, not both or neither"));
      if (g_str_equal (c->site, c->to_site))
        return fp_json_fail (ctx, _("it moves “%s” to itself"), c->service);
      return TRUE;

    case FP_CHANGE_SHIFT_SETTING:
      if (!read_id (ctx, o, "service", &c->service) ||
          !fp_json_read_string (ctx, o, "from_setting", TRUE, &text) ||
          !require_number (ctx, o, "share", 0, 1, &c->share))
        return FALSE;
      if (!fp_setting_from_string (text, &c->from_setting))
        return fp_json_fail (ctx, _("“%s” is not a setting (primary_care, community, "
                                    "mental_health, acute, urgent_care, office)"), text);
      if (!read_sites (ctx, o, "to_sites", &c->to_sites))
        return FALSE;
      n_receivers = c->to_sites ? g_strv_length (c->to_sites) : 0;
      if (fp_json_member (o, "weights") != NULL && n_receivers == 0)
        return fp_json_fail (ctx, _("it has weights but no receiving sites"));
      return read_weights (ctx, o, n_receivers, &c->weights);

    case FP_CHANGE_EXIT_SITE:
      if (!read_id (ctx, o, "site", &c->site) ||
          !read_sites (ctx, o, "to_sites", &c->to_sites))
        return FALSE;
      n_receivers = c->to_sites ? g_strv_length (c->to_sites) : 0;
      if (fp_json_member (o, "weights") != NULL && n_receivers == 0)
        return fp_json_fail (ctx, _("it has weights but no receiving sites"));
      return read_weights (ctx, o, n_receivers, &c->weights);

    case FP_CHANGE_DISPOSE_SITE:
      return read_id (ctx, o, "site", &c->site) &&
             require_number (ctx, o, "value", 0, 1e11, &c->value) &&
             require_number (ctx, o, "disposal_costs", 0, 1e11, &c->disposal_costs) &&
             read_bool (ctx, o, "receipt_retained", TRUE, &c->receipt_retained);

    case FP_CHANGE_BACKFILL:
      return read_id (ctx, o, "site", &c->site) &&
             require_number (ctx, o, "m2", 0, 1e7, &c->m2) &&
             (c->m2 > 0 || fp_json_fail (ctx, _("the backfilled area must be above 0 m²")));

    case FP_CHANGE_OPEN_SITE:
      {
        g_autofree char *type = NULL;
        g_autofree char *tenure = NULL;
        JsonNode *rooms = fp_json_member (o, "rooms");

        if (!fp_json_read_text (ctx, o, "id", FP_TEXT_NONBLANK, FP_CHANGE_ID_MAX_CHARS,
                                &c->new_id) ||
            !fp_json_read_text (ctx, o, "name", FP_TEXT_REQUIRED, FP_CHANGE_NAME_MAX_CHARS,
                                &c->name) ||
            !fp_json_read_string (ctx, o, "site_type", TRUE, &type) ||
            !require_number (ctx, o, "lat", -90, 90, &c->lat) ||
            !require_number (ctx, o, "lon", -180, 180, &c->lon) ||
            !require_number (ctx, o, "gia_m2", 1, 1e7, &c->gia_m2) ||
            !fp_json_read_number (ctx, o, "beds", 0, 1e5, &c->beds) ||
            !fp_json_read_number (ctx, o, "desks", 0, 1e5, &c->desks) ||
            !require_number (ctx, o, "hours_open_per_week", 0, 168, &c->hours_open_per_week) ||
            !require_number (ctx, o, "capital_cost", 0, 1e11, &c->capital_cost) ||
            !require_number (ctx, o, "running_cost", 0, 1e10, &c->running_cost) ||
            !fp_json_read_string (ctx, o, "tenure", TRUE, &tenure) ||
            !fp_json_read_int (ctx, o, "lease_end_year", 1900, 2200, &c->lease_end_year))
          return FALSE;

        if (!fp_site_type_from_string (type, &c->site_type))
          return fp_json_fail (ctx, _("“%s” is not a known site_type"), type);
        if (!fp_tenure_from_string (tenure, &c->tenure))
          return fp_json_fail (ctx, _("“%s” is not a known tenure"), tenure);

        if (fp_json_is_null (rooms) || !JSON_NODE_HOLDS_OBJECT (rooms))
          return fp_json_fail (ctx, _("the field “rooms” must be an object of room counts by "
                                      "room type (consult, treatment, group, imaging)"));
        {
          JsonObject *r = json_node_get_object (rooms);
          g_autoptr(GList) names = json_object_get_members (r);

          for (GList *l = names; l != NULL; l = l->next)
            {
              g_autofree char *problem = fp_text_problem (l->data, FP_TEXT_LINE);
              FpRoomType rt;

              if (problem != NULL)
                return fp_json_fail (ctx, _("a room type in “rooms” holds %s"), problem);
              if (!fp_room_type_from_string (l->data, &rt) || rt >= FP_N_ROOM_HOUR_TYPES)
                return fp_json_fail (ctx, _("“%s” in “rooms” is not consult, treatment, group "
                                            "or imaging"), (const char *) l->data);
            }
          for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
            {
              if (!fp_json_read_number (ctx, r, fp_room_type_to_string (rt), 0, 10000,
                                        &c->rooms[rt]))
                return FALSE;
              if (isnan (c->rooms[rt]))
                c->rooms[rt] = 0;
            }
        }
        if (isnan (c->beds))
          c->beds = 0;
        if (isnan (c->desks))
          c->desks = 0;
        return TRUE;
      }

    case FP_CHANGE_CHANGE_HOURS:
      return read_id (ctx, o, "site", &c->site) &&
             require_number (ctx, o, "hours_open_per_week", 0, 168, &c->hours_open_per_week);

    case FP_CHANGE_CHANGE_GROWTH:
      return read_id (ctx, o, "service", &c->service) &&
             require_number (ctx, o, "rate", -0.5, 1.0, &c->rate);

    case FP_CHANGE_REDUCE_LENGTH_OF_STAY:
      /* A cut of the whole stay (1) would leave patients with no bed-days at all. */
      if (!fp_json_read_string (ctx, o, "service", TRUE, &c->service) ||
          !require_number (ctx, o, "share", 0, 0.9, &c->share))
        return FALSE;
      if (c->share <= 0)
        return fp_json_fail (ctx, _("the cut in the length of stay must be above 0"));
      return read_sites (ctx, o, "sites", &c->sites);

    case FP_CHANGE_CHANGE_OCCUPANCY:
      return require_number (ctx, o, "occupancy", 0.5, 1.0, &c->occupancy) &&
             read_sites (ctx, o, "sites", &c->sites);

    case FP_N_CHANGE_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static FpChange *
change_from_json (JsonObject  *object,
                  const char  *where,
                  GError     **error)
{
  g_autoptr(FpChange) change = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *full_where = NULL;
  g_autoptr(GList) names = NULL;
  FpChangeKind k;
  int year = 0;
  FpJsonCtx ctx = { where, error };

  if (object == NULL)
    {
      fp_json_fail (&ctx, _("there is no change"));
      return NULL;
    }

  if (!fp_json_read_string (&ctx, object, "kind", TRUE, &kind))
    return NULL;

  if (!fp_change_kind_from_string (kind, &k))
    {
      fp_json_fail (&ctx, _("“%s” is not a kind of change (move_service, shift_setting, "
                            "exit_site, dispose_site, backfill, open_site, change_hours, "
                            "change_growth, reduce_length_of_stay, change_occupancy)"), kind);
      return NULL;
    }

  full_where = g_strdup_printf ("%s (%s)", where, kind);
  ctx.where = full_where;

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autofree char *problem = fp_text_problem (l->data, FP_TEXT_LINE);

      if (problem != NULL)
        {
          fp_json_fail (&ctx, _("a field name holds %s"), problem);
          return NULL;
        }
    }
  for (GList *l = names; l != NULL; l = l->next)
    if (!field_allowed (k, l->data))
      {
        fp_json_fail (&ctx, _("“%s” is not a field of %s"), (const char *) l->data, kind);
        return NULL;
      }

  if (!fp_json_read_int (&ctx, object, "year", 1900, 2200, &year))
    return NULL;
  if (year == 0)
    {
      fp_json_fail (&ctx, _("the field “%s” is missing"), "year");
      return NULL;
    }

  change = fp_change_new (k, year);
  if (!fp_json_read_text (&ctx, object, "owner", FP_TEXT_LINE, FP_CHANGE_NAME_MAX_CHARS,
                          &change->owner) ||
      !fp_json_read_text (&ctx, object, "note", FP_TEXT_PROSE, FP_CHANGE_NOTE_MAX_CHARS,
                          &change->note) ||
      !fp_json_read_number (&ctx, object, "confidence", 0, 1, &change->confidence))
    return NULL;
  if (isnan (change->confidence))
    change->confidence = 1.0;

  if (!read_kind_fields (&ctx, object, change))
    return NULL;

  return g_steal_pointer (&change);
}

/**
 * fp_change_from_json:
 * @object: one change in the exchange format
 * @where: how messages name it, e.g. “Change 3”
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the change, or %NULL with an error naming @where
 *   and the field at fault
 */
FpChange *
fp_change_from_json (JsonObject  *object,
                     const char  *where,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  FpChange *change = change_from_json (object, where, &local_error);

  if (change == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return change;
}

/* ---- Writing ------------------------------------------------------------------- */

static void
set_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
set_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  if (isnan (value))
    return;
  json_builder_set_member_name (b, name);
  if (value == floor (value) && fabs (value) < 1e15)
    json_builder_add_int_value (b, (gint64) value);
  else
    json_builder_add_double_value (b, value);
}

static void
set_sites (JsonBuilder        *b,
           const char         *name,
           const char * const *sites)
{
  if (sites == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; sites[i] != NULL; i++)
    json_builder_add_string_value (b, sites[i]);
  json_builder_end_array (b);
}

static void
set_weights (JsonBuilder  *b,
             const GArray *weights)
{
  if (weights == NULL)
    return;
  json_builder_set_member_name (b, "weights");
  json_builder_begin_array (b);
  for (guint i = 0; i < weights->len; i++)
    json_builder_add_double_value (b, g_array_index (weights, double, i));
  json_builder_end_array (b);
}

/**
 * fp_change_to_json:
 * @change: a change
 * @with_common: whether to include kind, year, owner, note and confidence
 *
 * Returns: (transfer full): the change in the exchange format
 */
JsonNode *
fp_change_to_json (const FpChange *change,
                   gboolean        with_common)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  if (with_common)
    {
      set_string (b, "kind", fp_change_kind_to_string (change->kind));
      set_number (b, "year", change->year);
      set_string (b, "owner", change->owner);
      set_string (b, "note", change->note);
      json_builder_set_member_name (b, "confidence");
      json_builder_add_double_value (b, change->confidence);
    }

  switch (change->kind)
    {
    case FP_CHANGE_MOVE_SERVICE:
      set_string (b, "site", change->site);
      set_string (b, "service", change->service);
      set_string (b, "to_site", change->to_site);
      set_number (b, "share", change->share);
      set_number (b, "volume", change->volume);
      break;
    case FP_CHANGE_SHIFT_SETTING:
      set_string (b, "service", change->service);
      set_string (b, "from_setting", fp_setting_to_string (change->from_setting));
      set_number (b, "share", change->share);
      set_sites (b, "to_sites", (const char * const *) change->to_sites);
      set_weights (b, change->weights);
      break;
    case FP_CHANGE_EXIT_SITE:
      set_string (b, "site", change->site);
      set_sites (b, "to_sites", (const char * const *) change->to_sites);
      set_weights (b, change->weights);
      break;
    case FP_CHANGE_DISPOSE_SITE:
      set_string (b, "site", change->site);
      set_number (b, "value", change->value);
      set_number (b, "disposal_costs", change->disposal_costs);
      json_builder_set_member_name (b, "receipt_retained");
      json_builder_add_boolean_value (b, change->receipt_retained);
      break;
    case FP_CHANGE_BACKFILL:
      set_string (b, "site", change->site);
      set_number (b, "m2", change->m2);
      break;
    case FP_CHANGE_OPEN_SITE:
      set_string (b, "id", change->new_id);
      set_string (b, "name", change->name);
      set_string (b, "site_type", fp_site_type_to_string (change->site_type));
      set_number (b, "lat", change->lat);
      set_number (b, "lon", change->lon);
      set_number (b, "gia_m2", change->gia_m2);
      json_builder_set_member_name (b, "rooms");
      json_builder_begin_object (b);
      for (guint rt = 0; rt < FP_N_ROOM_HOUR_TYPES; rt++)
        set_number (b, fp_room_type_to_string (rt), change->rooms[rt]);
      json_builder_end_object (b);
      set_number (b, "beds", change->beds);
      set_number (b, "desks", change->desks);
      set_number (b, "hours_open_per_week", change->hours_open_per_week);
      set_number (b, "capital_cost", change->capital_cost);
      set_number (b, "running_cost", change->running_cost);
      set_string (b, "tenure", fp_tenure_to_string (change->tenure));
      if (change->lease_end_year != 0)
        set_number (b, "lease_end_year", change->lease_end_year);
      break;
    case FP_CHANGE_CHANGE_HOURS:
      set_string (b, "site", change->site);
      set_number (b, "hours_open_per_week", change->hours_open_per_week);
      break;
    case FP_CHANGE_CHANGE_GROWTH:
      set_string (b, "service", change->service);
      set_number (b, "rate", change->rate);
      break;
    case FP_CHANGE_REDUCE_LENGTH_OF_STAY:
      set_string (b, "service", change->service);
      set_number (b, "share", change->share);
      set_sites (b, "sites", (const char * const *) change->sites);
      break;
    case FP_CHANGE_CHANGE_OCCUPANCY:
      set_number (b, "occupancy", change->occupancy);
      set_sites (b, "sites", (const char * const *) change->sites);
      break;
    case FP_N_CHANGE_KINDS:
    default:
      g_assert_not_reached ();
    }

  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
site_name (const FpEstate *estate,
           const char     *id)
{
  guint index;

  if (estate != NULL && fp_estate_find_site (estate, id, &index))
    return fp_estate_get_site (estate, index)->name;

  return id;
}

static const char *
service_name (const FpEstate *estate,
              const char     *id)
{
  guint index;

  if (estate != NULL && fp_estate_find_service (estate, id, &index))
    return g_array_index (estate->services, FpService, index).name;

  return id;
}

/* The names of a list of sites, "A, B and C"; NULL for no list. */
static char *
describe_sites (const FpEstate     *estate,
                const char * const *sites)
{
  g_autoptr(GString) names = NULL;
  guint n;

  if (sites == NULL)
    return NULL;

  n = g_strv_length ((GStrv) sites);
  names = g_string_new (NULL);
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (names, i + 1 == n ? _(" and ") : ", ");
      g_string_append (names, site_name (estate, sites[i]));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/**
 * fp_change_describe:
 * @change: a change
 * @estate: (nullable): the estate, to name sites and services
 *
 * Returns: (transfer full): one sentence, e.g. “From 2027, move 50% of GP appointments
 *   from Hodge Hill Primary Care Centre to Washwood Heath Health and Wellbeing Centre”
 */
char *
fp_change_describe (const FpChange *change,
                    const FpEstate *estate)
{
  g_autofree char *share = isnan (change->share) ? NULL : fp_format_percent (change->share);

  switch (change->kind)
    {
    case FP_CHANGE_MOVE_SERVICE:
      {
        g_autofree char *volume = isnan (change->volume) ? NULL
                                                          : fp_format_count (change->volume);
        return g_strdup_printf (_("From %d, move %s of %s from %s to %s"), change->year,
                                share ? share : volume, service_name (estate, change->service),
                                site_name (estate, change->site),
                                site_name (estate, change->to_site));
      }
    case FP_CHANGE_SHIFT_SETTING:
      if (change->to_sites != NULL)
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; change->to_sites[i] != NULL; i++)
            g_string_append_printf (names, "%s%s", i ? ", " : "",
                                    site_name (estate, change->to_sites[i]));
          return g_strdup_printf (_("From %d, shift %s of %s out of %s settings to %s"),
                                  change->year, share, service_name (estate, change->service),
                                  fp_setting_to_string (change->from_setting), names->str);
        }
      return g_strdup_printf (_("From %d, shift %s of %s out of %s settings to the nearest "
                                "sites with room"), change->year, share,
                              service_name (estate, change->service),
                              fp_setting_to_string (change->from_setting));
    case FP_CHANGE_EXIT_SITE:
      return g_strdup_printf (_("From %d, leave %s"), change->year,
                              site_name (estate, change->site));
    case FP_CHANGE_DISPOSE_SITE:
      {
        g_autofree char *value = fp_format_money (change->value);
        return g_strdup_printf (_("From %d, leave and sell %s (value %s)"), change->year,
                                site_name (estate, change->site), value);
      }
    case FP_CHANGE_BACKFILL:
      {
        g_autofree char *area = fp_format_area (change->m2);
        return g_strdup_printf (_("From %d, let %s of %s to another tenant"), change->year,
                                area, site_name (estate, change->site));
      }
    case FP_CHANGE_OPEN_SITE:
      return g_strdup_printf (_("From %d, open %s (%s)"), change->year, change->name,
                              fp_site_type_to_label (change->site_type));
    case FP_CHANGE_CHANGE_HOURS:
      {
        g_autofree char *hours = fp_format_decimal (change->hours_open_per_week, 1);
        return g_strdup_printf (_("From %d, open %s %s hours a week"), change->year,
                                site_name (estate, change->site), hours);
      }
    case FP_CHANGE_CHANGE_GROWTH:
      {
        g_autofree char *rate = fp_format_decimal (change->rate * 100.0, 1);
        return g_strdup_printf (_("From %d, grow %s by %s%% a year"), change->year,
                                service_name (estate, change->service), rate);
      }
    case FP_CHANGE_REDUCE_LENGTH_OF_STAY:
      {
        g_autofree char *names = describe_sites (estate, (const char * const *) change->sites);

        if (names == NULL)
          return g_strdup_printf (_("From %d, cut the length of stay of %s by %s at every "
                                    "site"), change->year,
                                  service_name (estate, change->service), share);
        return g_strdup_printf (_("From %d, cut the length of stay of %s by %s at %s"),
                                change->year, service_name (estate, change->service), share,
                                names);
      }
    case FP_CHANGE_CHANGE_OCCUPANCY:
      {
        g_autofree char *names = describe_sites (estate, (const char * const *) change->sites);
        g_autofree char *occupancy = fp_format_percent (change->occupancy);

        if (names == NULL)
          return g_strdup_printf (_("From %d, plan beds at %s occupancy at every site"),
                                  change->year, occupancy);
        return g_strdup_printf (_("From %d, plan beds at %s occupancy at %s"), change->year,
                                occupancy, names);
      }
    case FP_N_CHANGE_KINDS:
    default:
      g_assert_not_reached ();
    }
}
