/* fp-export.c: JSON and CSV renderings of the estate and its summary.
 *
 * Numbers are written unrounded; unknown values are JSON null or an empty CSV field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-export"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-cell.h"
#include "fp-export.h"

/* fp_json_to_string() is in fp-json.c, with the reading side. */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value,
            FpFieldType  type)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else if (type == FP_FIELD_INTEGER)
    json_builder_add_int_value (builder, (gint64) value);
  else
    json_builder_add_double_value (builder, value);
}

static void
add_year (JsonBuilder *builder,
          const char  *name,
          int          year)
{
  add_number (builder, name, year != 0 ? year : NAN, FP_FIELD_INTEGER);
}

/**
 * fp_export_provenance_node:
 * @prov: a provenance
 *
 * Returns: (transfer full): `{"kind": "measured", "source": ..., "year": ...}` and so on,
 *   or a null node when there is none
 */
JsonNode *
fp_export_provenance_node (const FpProvenance *prov)
{
  g_autoptr(JsonBuilder) builder = NULL;

  if (prov->kind == FP_PROV_NONE)
    return json_node_new (JSON_NODE_NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "kind", fp_prov_kind_to_string (prov->kind));
  if (prov->source_id != NULL)
    add_string (builder, "source", prov->source_id);
  if (prov->year != 0)
    add_year (builder, "year", prov->year);
  if (prov->method_id != NULL)
    add_string (builder, "method", prov->method_id);
  if (prov->author != NULL)
    add_string (builder, "by", prov->author);
  if (prov->recorded_at != NULL)
    add_string (builder, "date", prov->recorded_at);
  if (prov->note != NULL)
    add_string (builder, "note", prov->note);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_prov_summary (JsonBuilder         *builder,
                  const char          *name,
                  const FpProvSummary *prov)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  add_string (builder, "kind", prov->kind == FP_PROV_NONE ? NULL
                                                          : fp_prov_kind_to_string (prov->kind));
  json_builder_set_member_name (builder, "methods");
  json_builder_begin_array (builder);
  for (guint i = 0; i < prov->methods->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (prov->methods, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < prov->sources->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (prov->sources, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "values_measured");
  json_builder_add_int_value (builder, prov->n_measured);
  json_builder_set_member_name (builder, "values_estimated");
  json_builder_add_int_value (builder, prov->n_estimated);
  json_builder_set_member_name (builder, "values_assumed");
  json_builder_add_int_value (builder, prov->n_assumed);
  json_builder_end_object (builder);
}

/* "plan_2016": each figure the 2016 plan also states, with the plan's value beside the
 * model's and the sentence every face shows. Figures the dataset has no plan value for are
 * left out. */
static void
add_plan_comparison (JsonBuilder     *builder,
                     const FpSummary *summary)
{
  const struct { FpSummaryFigure figure; double plan; } rows[] = {
    { FP_SUMMARY_VOID_COST_LIFT, summary->plan_void_lift },
    { FP_SUMMARY_VOID_COST_NHSPS, summary->plan_void_nhsps },
    { FP_SUMMARY_AE, summary->plan_ae_baseline },
  };

  json_builder_set_member_name (builder, "plan_2016");
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = NULL;

      if (isnan (rows[i].plan))
        continue;

      text = fp_summary_plan_comparison (summary, rows[i].figure);
      json_builder_set_member_name (builder, fp_summary_figure_name (rows[i].figure));
      json_builder_begin_object (builder);
      add_number (builder, "model", summary->figures[rows[i].figure], FP_FIELD_REAL);
      add_number (builder, "plan", rows[i].plan, FP_FIELD_REAL);
      if (rows[i].figure == FP_SUMMARY_AE && summary->plan_ae_year > 0)
        {
          g_autofree char *year = g_strdup_printf ("%d/%02d", summary->plan_ae_year,
                                                   (summary->plan_ae_year + 1) % 100);
          add_string (builder, "plan_year", year);
        }
      add_string (builder, "comparison", text);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/**
 * fp_export_summary_json:
 * @estate: the estate
 * @summary: its summary
 *
 * Returns: (transfer full): one JSON object with the counts and totals, and a
 *   `provenance` object saying how each total was arrived at
 */
char *
fp_export_summary_json (const FpEstate  *estate,
                        const FpSummary *summary)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const struct { const char *name; gint64 value; } counts[] = {
    { "sites", summary->sites },
    { "sites_placed", summary->sites_placed },
    { "sites_unplaced", summary->sites_unplaced },
    { "sites_possibly_closed", summary->sites_possibly_closed },
    { "source_rows", summary->source_rows },
    { "property_interests", summary->property_interests },
    { "organisations", summary->organisations },
    { "zones", summary->zones },
    { "population", summary->population },
    { "gp_practices_active", summary->gp_practices_active },
    { "plan_buildings", summary->plan_buildings },
    { "base_year", summary->base_year },
  };

  json_builder_begin_object (builder);
  add_string (builder, "dataset", estate->name);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (builder, counts[i].name);
      json_builder_add_int_value (builder, counts[i].value);
    }
  add_string (builder, "gap_note", estate->gap_note);
  add_string (builder, "price_base", estate->price_base);
  add_string (builder, "price_index", estate->price_index);

  json_builder_set_member_name (builder, "sites_by_type");
  json_builder_begin_object (builder);
  for (guint t = 0; t < FP_N_SITE_TYPES; t++)
    {
      json_builder_set_member_name (builder, fp_site_type_to_string (t));
      json_builder_add_int_value (builder, summary->sites_by_type[t]);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sites_by_tenure");
  json_builder_begin_object (builder);
  for (guint t = 0; t < FP_N_TENURES; t++)
    {
      json_builder_set_member_name (builder, fp_tenure_to_string (t));
      json_builder_add_int_value (builder, summary->sites_by_tenure[t]);
    }
  json_builder_end_object (builder);

  for (guint f = 0; f < FP_SUMMARY_N_FIGURES; f++)
    add_number (builder, fp_summary_figure_name (f), summary->figures[f], FP_FIELD_REAL);

  json_builder_set_member_name (builder, "provenance");
  json_builder_begin_object (builder);
  for (guint f = 0; f < FP_SUMMARY_N_FIGURES; f++)
    add_prov_summary (builder, fp_summary_figure_name (f), &summary->prov[f]);
  json_builder_end_object (builder);

  add_plan_comparison (builder, summary);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return fp_json_to_string (root, TRUE);
}

static void
build_site (JsonBuilder    *builder,
            const FpEstate *estate,
            guint           index,
            GPtrArray     **rows_by_site,
            GPtrArray     **interests_by_site)
{
  const FpSite *site = fp_estate_get_site (estate, index);
  char condition[2] = { site->condition, 0 };

  json_builder_begin_object (builder);
  add_string (builder, "id", site->id);
  add_string (builder, "name", site->name);
  add_string (builder, "site_type", fp_site_type_to_string (site->type));
  add_string (builder, "tenure", fp_tenure_to_string (site->tenure));
  add_string (builder, "sector", fp_sector_to_string (site->sector));
  add_string (builder, "status", fp_site_status_to_string (site->status));
  add_number (builder, "lat", site->placed ? site->lat : NAN, FP_FIELD_REAL);
  add_number (builder, "lon", site->placed ? site->lon : NAN, FP_FIELD_REAL);
  for (guint t = 0; t < FP_SITE_N_TEXTS; t++)
    add_string (builder, fp_site_text_column (t), site->texts[t]);
  add_string (builder, "condition", site->condition ? condition : NULL);
  for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
    add_number (builder, fp_site_field (n)->column, site->numbers[n], fp_site_field (n)->type);

  json_builder_set_member_name (builder, "provenance");
  json_builder_begin_object (builder);
  for (guint slot = 0; slot < FP_SITE_N_SLOTS; slot++)
    {
      if (site->prov[slot].kind == FP_PROV_NONE)
        continue;
      json_builder_set_member_name (builder, fp_site_slot_name (slot));
      json_builder_add_value (builder, fp_export_provenance_node (&site->prov[slot]));
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; rows_by_site[index] != NULL && i < rows_by_site[index]->len; i++)
    {
      const FpSourceRow *row = g_ptr_array_index (rows_by_site[index], i);

      json_builder_begin_object (builder);
      add_string (builder, "source", row->source_id);
      add_year (builder, "row", row->row);
      add_string (builder, "code", row->code);
      add_string (builder, "name", row->name);
      add_string (builder, "postcode", row->postcode);
      add_string (builder, "rule", row->rule);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "interests");
  json_builder_begin_array (builder);
  for (guint i = 0; interests_by_site[index] != NULL && i < interests_by_site[index]->len; i++)
    {
      const FpInterest *interest = g_ptr_array_index (interests_by_site[index], i);

      json_builder_begin_object (builder);
      add_string (builder, "tenure", fp_tenure_to_string (interest->tenure));
      add_string (builder, "landlord", interest->landlord);
      add_string (builder, "occupier", interest->occupier);
      add_year (builder, "start_year", interest->start_year);
      add_year (builder, "break_year", interest->break_year);
      add_year (builder, "end_year", interest->end_year);
      add_string (builder, "note", interest->note);
      json_builder_set_member_name (builder, "provenance");
      json_builder_add_value (builder, fp_export_provenance_node (&interest->prov));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

/* Groups source rows and interests by site, so each site's can be listed in order. */
static void
group_by_site (const FpEstate *estate,
               GPtrArray    ***rows_out,
               GPtrArray    ***interests_out)
{
  GPtrArray **rows = g_new0 (GPtrArray *, estate->sites->len);
  GPtrArray **interests = g_new0 (GPtrArray *, estate->sites->len);

  for (guint i = 0; i < estate->source_rows->len; i++)
    {
      FpSourceRow *row = &g_array_index (estate->source_rows, FpSourceRow, i);

      if (rows[row->site] == NULL)
        rows[row->site] = g_ptr_array_new ();
      g_ptr_array_add (rows[row->site], row);
    }

  for (guint i = 0; i < estate->interests->len; i++)
    {
      FpInterest *interest = &g_array_index (estate->interests, FpInterest, i);

      if (interests[interest->site] == NULL)
        interests[interest->site] = g_ptr_array_new ();
      g_ptr_array_add (interests[interest->site], interest);
    }

  *rows_out = rows;
  *interests_out = interests;
}

static void
free_groups (const FpEstate *estate,
             GPtrArray     **rows,
             GPtrArray     **interests)
{
  for (guint i = 0; i < estate->sites->len; i++)
    {
      g_clear_pointer (&rows[i], g_ptr_array_unref);
      g_clear_pointer (&interests[i], g_ptr_array_unref);
    }
  g_free (rows);
  g_free (interests);
}

/**
 * fp_export_sites_json:
 * @estate: the estate
 *
 * Returns: (transfer full): `{"sites": [...]}` with every field of every site, the
 *   provenance of each value, its source rows and its property interests
 */
char *
fp_export_sites_json (const FpEstate *estate)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GPtrArray **rows, **interests;

  group_by_site (estate, &rows, &interests);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sites");
  json_builder_begin_array (builder);
  for (guint i = 0; i < estate->sites->len; i++)
    build_site (builder, estate, i, rows, interests);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  free_groups (estate, rows, interests);

  root = json_builder_get_root (builder);
  return fp_json_to_string (root, TRUE);
}

/**
 * fp_csv_append_field:
 * @line: the line being built
 * @text: (nullable): the field's text; %NULL is an empty field
 *
 * Appends one RFC 4180 text field, quoted when it holds a comma, quote or line break.
 * Text that a spreadsheet would read as a formula is neutralised first by
 * fp_cell_text_safe(), the rule the workbook shares; numbers are written by csv_number().
 */
void
fp_csv_append_field (GString    *line,
                     const char *text)
{
  g_autofree char *field = fp_cell_text_safe (text);

  if (field == NULL)
    return;

  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (line, field);
      return;
    }

  g_string_append_c (line, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
csv_number (GString *line,
            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isnan (value))
    g_string_append (line, g_ascii_dtostr (buf, sizeof buf, value));
}

/* One compact cell per provenance: "measured eric_2016_17 2017", "estimated gia_by_site_type". */
static char *
prov_cell (const FpProvenance *prov)
{
  GString *cell;

  if (prov->kind == FP_PROV_NONE)
    return NULL;

  cell = g_string_new (fp_prov_kind_to_string (prov->kind));
  if (prov->kind == FP_PROV_ESTIMATED && prov->method_id != NULL)
    g_string_append_printf (cell, " %s", prov->method_id);
  if (prov->source_id != NULL)
    g_string_append_printf (cell, " %s", prov->source_id);
  if (prov->year != 0)
    g_string_append_printf (cell, " %d", prov->year);
  if (prov->kind == FP_PROV_ASSUMED && prov->author != NULL)
    g_string_append_printf (cell, " by %s", prov->author);
  if (prov->recorded_at != NULL)
    g_string_append_printf (cell, " %s", prov->recorded_at);

  return g_string_free (cell, FALSE);
}

/**
 * fp_export_sites_csv:
 * @estate: the estate
 *
 * Returns: (transfer full): one header line and one line per site with every field,
 *   then a `<field>_provenance` column for each value that can carry provenance
 */
char *
fp_export_sites_csv (const FpEstate *estate)
{
  GString *out = g_string_new (NULL);
  const char *fixed[] = { "id", "name", "site_type", "tenure", "sector", "status", "lat", "lon" };
  g_autofree guint *n_rows = g_new0 (guint, estate->sites->len);
  g_autofree guint *n_interests = g_new0 (guint, estate->sites->len);

  for (guint i = 0; i < estate->source_rows->len; i++)
    n_rows[g_array_index (estate->source_rows, FpSourceRow, i).site]++;
  for (guint i = 0; i < estate->interests->len; i++)
    n_interests[g_array_index (estate->interests, FpInterest, i).site]++;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_string_append_printf (out, "%s%s", i ? "," : "", fixed[i]);
  for (guint t = 0; t < FP_SITE_N_TEXTS; t++)
    g_string_append_printf (out, ",%s", fp_site_text_column (t));
  g_string_append (out, ",condition");
  for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
    g_string_append_printf (out, ",%s", fp_site_field (n)->column);
  g_string_append (out, ",source_rows,property_interests");
  for (guint slot = 0; slot < FP_SITE_N_SLOTS; slot++)
    g_string_append_printf (out, ",%s_provenance", fp_site_slot_name (slot));
  g_string_append (out, "\r\n");

  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = fp_estate_get_site (estate, i);
      char condition[2] = { site->condition, 0 };

      fp_csv_append_field (out, site->id);
      g_string_append_c (out, ',');
      fp_csv_append_field (out, site->name);
      g_string_append_printf (out, ",%s,%s,%s,%s,", fp_site_type_to_string (site->type),
                              fp_tenure_to_string (site->tenure),
                              fp_sector_to_string (site->sector),
                              fp_site_status_to_string (site->status));
      csv_number (out, site->placed ? site->lat : NAN);
      g_string_append_c (out, ',');
      csv_number (out, site->placed ? site->lon : NAN);
      for (guint t = 0; t < FP_SITE_N_TEXTS; t++)
        {
          g_string_append_c (out, ',');
          fp_csv_append_field (out, site->texts[t]);
        }
      g_string_append_c (out, ',');
      fp_csv_append_field (out, site->condition ? condition : NULL);
      for (guint n = 0; n < FP_SITE_N_NUMBERS; n++)
        {
          g_string_append_c (out, ',');
          csv_number (out, site->numbers[n]);
        }
      g_string_append_printf (out, ",%u,%u", n_rows[i], n_interests[i]);
      for (guint slot = 0; slot < FP_SITE_N_SLOTS; slot++)
        {
          g_autofree char *cell = prov_cell (&site->prov[slot]);

          g_string_append_c (out, ',');
          fp_csv_append_field (out, cell);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/* ---- Compute results ------------------------------------------------------------- */

static void
add_ratio (JsonBuilder *builder,
           const char  *name,
           double       value)
{
  /* Undefined ratios (no capacity) are null, never NaN or infinity. */
  add_number (builder, name, isfinite (value) ? value : NAN, FP_FIELD_REAL);
}

/* The room types whose bit is set, by id: ["treatment", "desk"]. */
static void
add_room_types (JsonBuilder *b,
                const char  *name,
                guint8       bits)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
    if (bits & (1u << rt))
      json_builder_add_string_value (b, fp_room_type_to_string (rt));
  json_builder_end_array (b);
}

/* One number per service, keyed by the service's id. */
static void
add_by_service (JsonBuilder    *b,
                const char     *name,
                const FpEstate *estate,
                const double   *values,   /* [service] */
                guint           n_services)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint v = 0; v < n_services; v++)
    add_number (b, g_array_index (estate->services, FpService, v).id, values[v], FP_FIELD_REAL);
  json_builder_end_object (b);
}

static void
build_compute_site (JsonBuilder     *b,
                    const FpModel   *model,
                    const FpResults *res,
                    guint            s,
                    guint            y)
{
  const FpEstate *estate = fp_model_get_estate (model);
  const FpResultSite *site = &res->sites[s];
  const FpSiteYear *sy = fp_results_get (res, s, y);
  g_auto(GStrv) reasons = fp_results_describe_reasons (res, model, s, y);

  json_builder_begin_object (b);
  add_string (b, "id", site->id);
  add_string (b, "name", site->name);
  add_string (b, "site_type", fp_site_type_to_string (site->type));
  add_string (b, "tenure", fp_tenure_to_string (site->tenure));
  json_builder_set_member_name (b, "held");
  json_builder_add_boolean_value (b, sy->held);
  json_builder_set_member_name (b, "in_use");
  json_builder_add_boolean_value (b, sy->active);
  add_ratio (b, "utilisation", sy->utilisation_site);
  json_builder_set_member_name (b, "utilisation_by_room_type");
  json_builder_begin_object (b);
  for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
    add_ratio (b, fp_room_type_to_string (rt), sy->utilisation[rt]);
  json_builder_end_object (b);
  add_number (b, "demand_room_hours", sy->demand_room_hours, FP_FIELD_REAL);
  add_number (b, "capacity_room_hours", sy->capacity_room_hours, FP_FIELD_REAL);
  add_number (b, "void_rooms_brought_into_use", sy->void_rooms_used, FP_FIELD_REAL);
  add_number (b, "beds", sy->beds, FP_FIELD_REAL);
  add_number (b, "bed_days", sy->bed_days, FP_FIELD_REAL);
  add_number (b, "beds_required", sy->beds_required, FP_FIELD_REAL);
  add_ratio (b, "bed_occupancy", sy->bed_occupancy);
  /* Beds as the plans count them (docs/model.md). */
  add_ratio (b, "target_bed_occupancy", sy->target_bed_occupancy);
  add_number (b, "bed_gap", sy->bed_gap, FP_FIELD_REAL);
  add_number (b, "bed_days_at_baseline_stay", sy->bed_days_baseline_los, FP_FIELD_REAL);
  add_ratio (b, "spells", sy->spells);
  add_ratio (b, "length_of_stay", sy->length_of_stay);
  add_number (b, "bed_equivalents_released",
              sy->bed_equivalents_released_los + sy->bed_equivalents_released_occupancy,
              FP_FIELD_REAL);
  add_number (b, "bed_equivalents_released_by_length_of_stay",
              sy->bed_equivalents_released_los, FP_FIELD_REAL);
  add_number (b, "bed_equivalents_released_by_occupancy",
              sy->bed_equivalents_released_occupancy, FP_FIELD_REAL);
  add_number (b, "running_cost", sy->running_cost, FP_FIELD_REAL);
  add_ratio (b, "cost_per_m2", sy->cost_per_m2);
  add_number (b, "void_m2", sy->void_m2, FP_FIELD_REAL);
  add_number (b, "void_cost", sy->void_cost, FP_FIELD_REAL);
  json_builder_set_member_name (b, "over_target");
  json_builder_add_boolean_value (b, sy->over_target);
  json_builder_set_member_name (b, "over_capacity");
  json_builder_add_boolean_value (b, sy->over_capacity);
  add_room_types (b, "over_target_room_types", sy->over_target_rooms);
  add_room_types (b, "over_capacity_room_types", sy->over_capacity_rooms);
  add_room_types (b, "no_capacity_room_types", sy->no_capacity_rooms);
  json_builder_set_member_name (b, "no_capacity_for");
  json_builder_begin_array (b);
  for (guint v = 0; v < res->n_services; v++)
    if (sy->no_capacity & (G_GUINT64_CONSTANT (1) << v))
      json_builder_add_string_value (b, g_array_index (estate->services, FpService, v).id);
  json_builder_end_array (b);
  add_string (b, "category", sy->category == FP_CATEGORY_NONE ? NULL
                                                              : fp_category_to_string (sy->category));
  json_builder_set_member_name (b, "category_overridden");
  json_builder_add_boolean_value (b, (sy->reasons & FP_REASON_OVERRIDDEN) != 0);
  if (sy->reasons & FP_REASON_OVERRIDDEN)
    add_string (b, "computed_category", fp_category_to_string (sy->computed_category));
  json_builder_set_member_name (b, "category_reasons");
  json_builder_begin_array (b);
  for (guint i = 0; reasons[i] != NULL; i++)
    json_builder_add_string_value (b, reasons[i]);
  json_builder_end_array (b);
  add_year (b, "opened_year", site->open_year > G_MININT ? site->open_year : 0);
  add_year (b, "exit_year", site->exit_year);
  add_year (b, "liability_end_year", site->liability_end_year);
  add_number (b, "capital_receipts_in_year", sy->capital_receipts, FP_FIELD_REAL);
  add_number (b, "capital_receipts_to_date", sy->capital_receipts_to_date, FP_FIELD_REAL);
  add_number (b, "backlog_avoided_in_year", sy->backlog_avoided, FP_FIELD_REAL);
  add_number (b, "backlog_avoided_to_date", sy->backlog_avoided_to_date, FP_FIELD_REAL);
  add_number (b, "capital_costs_in_year", sy->capital_costs, FP_FIELD_REAL);
  /* The site's activity of every service, in each service's unit: summed over the sites
   * and added to the totals' unplaced volume it gives the Do nothing total. */
  add_by_service (b, "activity", estate,
                  &res->activity[((gsize) s * res->n_years + y) * res->n_services],
                  res->n_services);
  json_builder_end_object (b);
}

/* Beds of a group of sites, as an object. */
static void
add_bed_totals (JsonBuilder       *b,
                const FpBedTotals *t)
{
  json_builder_begin_object (b);
  add_number (b, "beds", t->beds, FP_FIELD_REAL);
  add_number (b, "bed_days", t->bed_days, FP_FIELD_REAL);
  add_number (b, "bed_days_at_baseline_stay", t->bed_days_baseline_los, FP_FIELD_REAL);
  add_number (b, "spells", t->spells, FP_FIELD_REAL);
  add_number (b, "bed_days_without_length_of_stay", t->bed_days_unknown_los, FP_FIELD_REAL);
  add_number (b, "beds_required", t->beds_required, FP_FIELD_REAL);
  add_number (b, "bed_gap", t->bed_gap, FP_FIELD_REAL);
  add_number (b, "bed_equivalents_released",
              t->bed_equivalents_released_los + t->bed_equivalents_released_occupancy,
              FP_FIELD_REAL);
  add_number (b, "bed_equivalents_released_by_length_of_stay", t->bed_equivalents_released_los,
              FP_FIELD_REAL);
  add_number (b, "bed_equivalents_released_by_occupancy",
              t->bed_equivalents_released_occupancy, FP_FIELD_REAL);
  json_builder_end_object (b);
}

/* The beds of every site and of the bed-holding settings in a year. */
static void
add_beds_of_year (JsonBuilder        *b,
                  const FpYearTotals *t)
{
  static const FpSetting settings[] = {
    FP_SETTING_ACUTE, FP_SETTING_COMMUNITY, FP_SETTING_MENTAL_HEALTH,
  };

  json_builder_set_member_name (b, "all");
  add_bed_totals (b, &t->beds);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      json_builder_set_member_name (b, fp_setting_to_string (settings[i]));
      add_bed_totals (b, &t->beds_by_setting[settings[i]]);
    }
}

/**
 * fp_export_compute_json:
 * @model: the model
 * @results: results of a scenario
 * @scenario: its name
 * @year: a year index (0 is the base year)
 *
 * Returns: (transfer full): the figures of every site that exists in that year, and the
 *   totals, as one JSON object (the format of `footprint-cli compute --format json`,
 *   docs/model.md "Outputs of compute")
 */
char *
fp_export_compute_json (const FpModel   *model,
                        const FpResults *res,
                        const char      *scenario,
                        guint            year)
{
  const FpEstate *estate = fp_model_get_estate (model);
  const FpYearTotals *t = &res->totals[year];
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree double *at_sites = g_new (double, res->n_services);

  for (guint v = 0; v < res->n_services; v++)
    at_sites[v] = fp_results_activity_at_sites (res, year, v);

  json_builder_begin_object (b);
  add_string (b, "scenario", scenario);
  add_year (b, "year", res->base_year + (int) year);
  add_year (b, "base_year", res->base_year);
  json_builder_set_member_name (b, "horizon_years");
  json_builder_add_int_value (b, res->n_years - 1);

  json_builder_set_member_name (b, "sites");
  json_builder_begin_array (b);
  for (guint s = 0; s < res->n_sites; s++)
    if (fp_results_get (res, s, year)->exists)
      build_compute_site (b, model, res, s, year);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "totals");
  json_builder_begin_object (b);
  add_number (b, "running_cost", t->running_cost, FP_FIELD_REAL);
  add_number (b, "void_cost", t->void_cost, FP_FIELD_REAL);
  add_number (b, "void_cost_lift", t->void_cost_lift, FP_FIELD_REAL);
  add_number (b, "void_cost_nhsps", t->void_cost_nhsps, FP_FIELD_REAL);
  add_number (b, "capital_receipts_in_year", t->capital_receipts, FP_FIELD_REAL);
  add_number (b, "capital_receipts_to_date", t->capital_receipts_to_date, FP_FIELD_REAL);
  /* The old names of the two figures to date, kept for one release (docs/model.md). */
  add_number (b, "capital_receipts", t->capital_receipts_to_date, FP_FIELD_REAL);
  add_number (b, "backlog_avoided_in_year", t->backlog_avoided, FP_FIELD_REAL);
  add_number (b, "backlog_avoided_to_date", t->backlog_avoided_to_date, FP_FIELD_REAL);
  add_number (b, "backlog_avoided", t->backlog_avoided_to_date, FP_FIELD_REAL);
  add_number (b, "capital_costs_in_year", t->capital_costs, FP_FIELD_REAL);
  add_number (b, "revenue_saving_vs_do_nothing",
              res->has_do_nothing ? t->revenue_saving_vs_do_nothing : NAN, FP_FIELD_REAL);
  /* Conservation: activity_at_sites + unplaced = do_nothing_activity, per service;
   * not_shifted is part of activity_at_sites (it stayed at its origins). */
  add_by_service (b, "activity_at_sites", estate, at_sites, res->n_services);
  add_by_service (b, "unplaced", estate, &res->unplaced[year * res->n_services], res->n_services);
  add_by_service (b, "not_shifted", estate, &res->unshifted[year * res->n_services],
                  res->n_services);
  add_by_service (b, "do_nothing_activity", estate,
                  &res->do_nothing_activity[year * res->n_services], res->n_services);
  /* Bed-days cut by shorter stays: with them activity_at_sites + unplaced +
   * cut_by_length_of_stay = do_nothing_activity. */
  add_by_service (b, "cut_by_length_of_stay", estate, &res->los_reduced[year * res->n_services],
                  res->n_services);
  /* Beds as the plans count them, this year and every year of the horizon. */
  json_builder_set_member_name (b, "beds");
  json_builder_begin_object (b);
  add_beds_of_year (b, t);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "beds_by_year");
  json_builder_begin_array (b);
  for (guint y = 0; y < res->n_years; y++)
    {
      json_builder_begin_object (b);
      add_year (b, "year", res->base_year + (int) y);
      add_beds_of_year (b, &res->totals[y]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "sites_over_target");
  json_builder_add_int_value (b, t->sites_over_target);
  json_builder_set_member_name (b, "sites_over_capacity");
  json_builder_add_int_value (b, t->sites_over_capacity);
  json_builder_set_member_name (b, "sites_held");
  json_builder_add_int_value (b, t->sites_held);
  json_builder_end_object (b);

  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return fp_json_to_string (root, TRUE);
}

/* Room types whose bit is set, by id, joined with ";": "treatment;desk". */
static void
csv_room_types (GString *line,
                guint8   bits)
{
  gboolean first = TRUE;

  for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
    if (bits & (1u << rt))
      {
        if (!first)
          g_string_append_c (line, ';');
        g_string_append (line, fp_room_type_to_string (rt));
        first = FALSE;
      }
}

/* A line of per-service totals after the sites: only scenario, year, row and the
 * activity columns are filled. */
static void
csv_totals_row (GString         *out,
                const FpResults *res,
                const char      *scenario,
                guint            year,
                guint            n_site_columns,
                const char      *row,
                const double    *values)
{
  fp_csv_append_field (out, scenario);
  g_string_append_printf (out, ",%d", res->base_year + (int) year);
  for (guint i = 2; i < n_site_columns; i++)
    g_string_append_c (out, ',');
  g_string_append_printf (out, ",%s", row);
  for (guint v = 0; v < res->n_services; v++)
    {
      g_string_append_c (out, ',');
      csv_number (out, values[v]);
    }
  g_string_append (out, "\r\n");
}

/* A line of bed totals after the sites (`row` = @row): only scenario, year, row and the
 * bed columns of the header are filled. */
static void
csv_bed_totals_row (GString           *out,
                    const char        *header,
                    const FpResults   *res,
                    const char        *scenario,
                    guint              year,
                    const char        *row,
                    const FpBedTotals *t)
{
  g_auto(GStrv) names = g_strsplit (header, ",", -1);
  const struct { const char *name; double value; } cells[] = {
    { "beds", t->beds }, { "bed_days", t->bed_days }, { "beds_required", t->beds_required },
    { "bed_gap", t->bed_gap }, { "bed_days_at_baseline_stay", t->bed_days_baseline_los },
    { "spells", t->spells },
    { "bed_equivalents_released_by_length_of_stay", t->bed_equivalents_released_los },
    { "bed_equivalents_released_by_occupancy", t->bed_equivalents_released_occupancy },
  };

  for (guint c = 0; names[c] != NULL; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      if (g_str_equal (names[c], "scenario"))
        fp_csv_append_field (out, scenario);
      else if (g_str_equal (names[c], "year"))
        g_string_append_printf (out, "%d", res->base_year + (int) year);
      else if (g_str_equal (names[c], "row"))
        g_string_append (out, row);
      else
        for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
          if (g_str_equal (names[c], cells[i].name))
            csv_number (out, cells[i].value);
    }
  g_string_append (out, "\r\n");
}

/**
 * fp_export_compute_csv:
 *
 * Returns: (transfer full): one line per site that exists in the year (`row` = `site`),
 *   the same figures as the JSON (reasons joined with "; ", room types and services with
 *   ";"), each site's activity by service in `activity_<service>` columns; then four
 *   lines of per-service totals: `unplaced`, `not_shifted`, `do_nothing_activity` and
 *   `cut_by_length_of_stay`; then the bed totals, `beds_all`, `beds_acute`,
 *   `beds_community` and `beds_mental_health` (docs/model.md, "Outputs of compute")
 */
char *
fp_export_compute_csv (const FpModel   *model,
                       const FpResults *res,
                       const char      *scenario,
                       guint            year)
{
  const FpEstate *estate = fp_model_get_estate (model);
  GString *out = g_string_new ("scenario,year,id,name,site_type,tenure,held,in_use,utilisation");
  guint n_site_columns = 1;  /* the columns before `row`, counted from the header */

  for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
    g_string_append_printf (out, ",utilisation_%s", fp_room_type_to_string (rt));
  g_string_append (out, ",demand_room_hours,capacity_room_hours,beds,bed_days,beds_required,"
                        "running_cost,void_m2,void_cost,over_target,over_capacity,category,"
                        "category_reasons,over_target_room_types,over_capacity_room_types,"
                        "no_capacity_room_types,no_capacity_for,capital_receipts_in_year,"
                        "capital_receipts_to_date,backlog_avoided_in_year,"
                        "backlog_avoided_to_date,capital_costs_in_year,target_bed_occupancy,"
                        "bed_gap,bed_days_at_baseline_stay,spells,length_of_stay,"
                        "bed_equivalents_released_by_length_of_stay,"
                        "bed_equivalents_released_by_occupancy");
  for (const char *p = out->str; *p != '\0'; p++)
    n_site_columns += *p == ',';
  g_string_append (out, ",row");
  for (guint v = 0; v < res->n_services; v++)
    g_string_append_printf (out, ",activity_%s", g_array_index (estate->services, FpService, v).id);
  g_string_append (out, "\r\n");

  for (guint s = 0; s < res->n_sites; s++)
    {
      const FpSiteYear *sy = fp_results_get (res, s, year);
      const FpResultSite *site = &res->sites[s];
      g_auto(GStrv) reasons = NULL;
      g_autofree char *joined = NULL;
      g_autoptr(GString) services = g_string_new (NULL);
      double numbers[] = {
        sy->demand_room_hours, sy->capacity_room_hours, sy->beds, sy->bed_days,
        sy->beds_required, sy->running_cost, sy->void_m2, sy->void_cost,
      };
      double capital[] = {
        sy->capital_receipts, sy->capital_receipts_to_date, sy->backlog_avoided,
        sy->backlog_avoided_to_date, sy->capital_costs,
      };
      double bed_figures[] = {
        sy->target_bed_occupancy, sy->bed_gap, sy->bed_days_baseline_los,
        isfinite (sy->spells) ? sy->spells : NAN,
        isfinite (sy->length_of_stay) ? sy->length_of_stay : NAN,
        sy->bed_equivalents_released_los, sy->bed_equivalents_released_occupancy,
      };

      if (!sy->exists)
        continue;

      reasons = fp_results_describe_reasons (res, model, s, year);
      joined = g_strjoinv ("; ", reasons);

      fp_csv_append_field (out, scenario);
      g_string_append_printf (out, ",%d,", res->base_year + (int) year);
      fp_csv_append_field (out, site->id);
      g_string_append_c (out, ',');
      fp_csv_append_field (out, site->name);
      g_string_append_printf (out, ",%s,%s,%s,%s,", fp_site_type_to_string (site->type),
                              fp_tenure_to_string (site->tenure), sy->held ? "true" : "false",
                              sy->active ? "true" : "false");
      csv_number (out, isfinite (sy->utilisation_site) ? sy->utilisation_site : NAN);
      for (guint rt = 0; rt < FP_N_ROOM_TYPES; rt++)
        {
          g_string_append_c (out, ',');
          csv_number (out, isfinite (sy->utilisation[rt]) ? sy->utilisation[rt] : NAN);
        }
      for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
        {
          g_string_append_c (out, ',');
          csv_number (out, numbers[i]);
        }
      g_string_append_printf (out, ",%s,%s,%s,", sy->over_target ? "true" : "false",
                              sy->over_capacity ? "true" : "false",
                              sy->category == FP_CATEGORY_NONE ? ""
                                                               : fp_category_to_string (sy->category));
      fp_csv_append_field (out, joined);

      g_string_append_c (out, ',');
      csv_room_types (out, sy->over_target_rooms);
      g_string_append_c (out, ',');
      csv_room_types (out, sy->over_capacity_rooms);
      g_string_append_c (out, ',');
      csv_room_types (out, sy->no_capacity_rooms);
      g_string_append_c (out, ',');
      for (guint v = 0; v < res->n_services; v++)
        if (sy->no_capacity & (G_GUINT64_CONSTANT (1) << v))
          {
            if (services->len > 0)
              g_string_append_c (services, ';');
            g_string_append (services, g_array_index (estate->services, FpService, v).id);
          }
      fp_csv_append_field (out, services->str);
      for (guint i = 0; i < G_N_ELEMENTS (capital); i++)
        {
          g_string_append_c (out, ',');
          csv_number (out, capital[i]);
        }
      for (guint i = 0; i < G_N_ELEMENTS (bed_figures); i++)
        {
          g_string_append_c (out, ',');
          csv_number (out, bed_figures[i]);
        }
      g_string_append (out, ",site");
      for (guint v = 0; v < res->n_services; v++)
        {
          g_string_append_c (out, ',');
          csv_number (out, fp_results_activity (res, s, year, v));
        }
      g_string_append (out, "\r\n");
    }

  csv_totals_row (out, res, scenario, year, n_site_columns, "unplaced",
                  &res->unplaced[year * res->n_services]);
  csv_totals_row (out, res, scenario, year, n_site_columns, "not_shifted",
                  &res->unshifted[year * res->n_services]);
  csv_totals_row (out, res, scenario, year, n_site_columns, "do_nothing_activity",
                  &res->do_nothing_activity[year * res->n_services]);
  csv_totals_row (out, res, scenario, year, n_site_columns, "cut_by_length_of_stay",
                  &res->los_reduced[year * res->n_services]);
  {
    g_autofree char *header = g_strndup (out->str, strcspn (out->str, "\r"));
    const FpYearTotals *t = &res->totals[year];

    csv_bed_totals_row (out, header, res, scenario, year, "beds_all", &t->beds);
    csv_bed_totals_row (out, header, res, scenario, year, "beds_acute",
                        &t->beds_by_setting[FP_SETTING_ACUTE]);
    csv_bed_totals_row (out, header, res, scenario, year, "beds_community",
                        &t->beds_by_setting[FP_SETTING_COMMUNITY]);
    csv_bed_totals_row (out, header, res, scenario, year, "beds_mental_health",
                        &t->beds_by_setting[FP_SETTING_MENTAL_HEALTH]);
  }

  return g_string_free (out, FALSE);
}

/* ---- Access ------------------------------------------------------------------------ */

static const char * const facility_kinds[] = { "service", "site_type", "group" };

static gboolean
wanted (const FpAccessSet *set,
        const char        *only)
{
  return only == NULL || g_str_equal (set->id, only);
}

static void
build_change (JsonBuilder       *b,
              const FpModel     *model,
              const FpAccessSet *before,
              const FpAccessSet *after)
{
  FpAccessChange change;

  fp_access_compare (model, before, after, &change);
  json_builder_set_member_name (b, "change");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "zones_further");
  json_builder_add_int_value (b, change.zones_further);
  add_number (b, "people_further", change.people_further, FP_FIELD_REAL);
  add_number (b, "people_further_deprived", change.people_further_deprived, FP_FIELD_REAL);
  add_number (b, "people_further_65plus", change.people_further_65plus, FP_FIELD_REAL);
  add_number (b, "mean_increase_km", change.mean_increase_km, FP_FIELD_REAL);
  add_number (b, "max_increase_km", change.max_increase_km, FP_FIELD_REAL);
  json_builder_set_member_name (b, "zones_left_without_a_site");
  json_builder_add_int_value (b, change.zones_lost);
  json_builder_set_member_name (b, "zones_closer");
  json_builder_add_int_value (b, change.zones_closer);
  add_number (b, "people_closer", change.people_closer, FP_FIELD_REAL);
  add_ratio (b, "mean_km_before", before->mean_km);
  add_ratio (b, "share_within_threshold_before", before->share_within);
  add_ratio (b, "share_within_threshold_deprived_before", before->share_within_deprived);
  json_builder_end_object (b);
}

static void
build_set (JsonBuilder       *b,
           const FpModel     *model,
           const FpResults   *res,
           const FpAccessSet *set,
           const FpAccessSet *before)
{
  json_builder_begin_object (b);
  if (set->kind == FP_FACILITY_SERVICE)
    add_string (b, "service", set->id);
  else
    add_string (b, set->kind == FP_FACILITY_SITE_TYPE ? "site_type" : "group", set->id);
  add_string (b, "name", set->name);
  json_builder_set_member_name (b, "sites");
  json_builder_add_int_value (b, set->n_sites);
  add_ratio (b, "mean_km", set->mean_km);
  add_ratio (b, "mean_car_min", set->mean_car_min);
  add_ratio (b, "mean_walk_min", set->mean_walk_min);
  add_ratio (b, "share_within_threshold", set->share_within);
  add_ratio (b, "share_within_threshold_deprived", set->share_within_deprived);
  add_ratio (b, "share_within_threshold_65plus", set->share_within_65plus);
  add_ratio (b, "gap_deprived", set->gap_deprived);
  json_builder_set_member_name (b, "threshold");
  json_builder_begin_object (b);
  add_number (b, "value", set->threshold, FP_FIELD_REAL);
  add_string (b, "unit", fp_threshold_unit_to_string (set->threshold_unit));
  json_builder_end_object (b);
  if (set->n_sites == 0)
    add_string (b, "state", "no site offers it");
  if (before != NULL)
    build_change (b, model, before, set);
  json_builder_end_object (b);
}

static void
build_zone_rows (JsonBuilder       *b,
                 const FpModel     *model,
                 const FpResults   *res,
                 const FpAccessSet *set,
                 const FpAccessSet *before)
{
  const FpEstate *estate = fp_model_get_estate (model);

  for (guint z = 0; z < estate->zones->len; z++)
    {
      const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
      int people = 0;

      for (guint band = 0; band < FP_N_AGE_BANDS; band++)
        people += zone->population[band];

      json_builder_begin_object (b);
      add_string (b, facility_kinds[set->kind], set->id);
      add_string (b, "zone", zone->code);
      json_builder_set_member_name (b, "population");
      json_builder_add_int_value (b, people);
      add_year (b, "imd_decile", zone->imd_decile);
      add_string (b, "nearest_site", set->nearest[z] != G_MAXUINT ? res->sites[set->nearest[z]].id : NULL);
      add_ratio (b, "km", set->km[z]);
      add_ratio (b, "car_min", isnan (set->km[z]) ? NAN : fp_access_km_to_car_minutes (model, set->km[z]));
      if (before != NULL)
        {
          add_ratio (b, "km_before", before->km[z]);
          add_ratio (b, "km_change", set->km[z] - before->km[z]);
        }
      json_builder_end_object (b);
    }
}

/**
 * fp_export_access_json:
 * @model: the model
 * @results: the scenario's results
 * @access: its access measures
 * @compare: (nullable): the access of the scenario to compare with
 * @scenario: the scenario's name
 * @compare_to: (nullable): the other scenario's name
 * @only: (nullable): one service, site type or group id
 * @zones: whether to list each zone's nearest site
 *
 * Returns: (transfer full): the format of `footprint-cli access --format json`
 */
char *
fp_export_access_json (const FpModel   *model,
                       const FpResults *res,
                       const FpAccess  *access,
                       const FpAccess  *compare,
                       const char      *scenario,
                       const char      *compare_to,
                       const char      *only,
                       gboolean         zones)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *lists[] = { "services", "site_types", "groups" };

  json_builder_begin_object (b);
  add_string (b, "scenario", scenario);
  add_year (b, "year", res->base_year + (int) access->year);
  if (compare_to != NULL)
    add_string (b, "compare_to", compare_to);
  json_builder_set_member_name (b, "estimates");
  json_builder_begin_object (b);
  add_number (b, "circuity", fp_model_get_assumption (model, "circuity"), FP_FIELD_REAL);
  add_number (b, "car_kmh", fp_model_get_assumption (model, "car_kmh"), FP_FIELD_REAL);
  add_number (b, "walk_kmh", fp_model_get_assumption (model, "walk_kmh"), FP_FIELD_REAL);
  add_string (b, "note", "Distances are straight-line (great-circle) distances from each zone's "
                         "centroid times the circuity factor; times divide them by the assumed "
                         "speeds. All are estimates, not journey times on roads or public transport.");
  json_builder_end_object (b);

  for (guint kind = 0; kind < G_N_ELEMENTS (lists); kind++)
    {
      json_builder_set_member_name (b, lists[kind]);
      json_builder_begin_array (b);
      for (guint i = 0; i < access->sets->len; i++)
        {
          const FpAccessSet *set = g_ptr_array_index (access->sets, i);

          if (set->kind == kind && wanted (set, only))
            build_set (b, model, res, set,
                       compare ? fp_access_find (compare, set->kind, set->id) : NULL);
        }
      json_builder_end_array (b);
    }

  if (zones)
    {
      json_builder_set_member_name (b, "zones");
      json_builder_begin_array (b);
      for (guint i = 0; i < access->sets->len; i++)
        {
          const FpAccessSet *set = g_ptr_array_index (access->sets, i);

          /* Without --service, zones for the services only: site types repeat them. */
          if ((only == NULL && set->kind != FP_FACILITY_SERVICE) || !wanted (set, only))
            continue;
          build_zone_rows (b, model, res, set,
                           compare ? fp_access_find (compare, set->kind, set->id) : NULL);
        }
      json_builder_end_array (b);
    }

  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return fp_json_to_string (root, TRUE);
}

/**
 * fp_export_access_csv:
 *
 * Returns: (transfer full): one line per service, site type and group (or, with @zones,
 *   one line per zone of each), the same figures as the JSON
 */
char *
fp_export_access_csv (const FpModel   *model,
                      const FpResults *res,
                      const FpAccess  *access,
                      const FpAccess  *compare,
                      const char      *scenario,
                      const char      *only,
                      gboolean         zones)
{
  const FpEstate *estate = fp_model_get_estate (model);
  GString *out = g_string_new (NULL);
  int year = res->base_year + (int) access->year;

  if (zones)
    g_string_append (out, "scenario,year,kind,id,zone,population,imd_decile,nearest_site,km,"
                          "car_min,km_before\r\n");
  else
    g_string_append (out, "scenario,year,kind,id,name,sites,mean_km,mean_car_min,mean_walk_min,"
                          "share_within_threshold,share_within_threshold_deprived,"
                          "share_within_threshold_65plus,gap_deprived,threshold,threshold_unit,"
                          "zones_further,people_further,people_further_deprived\r\n");

  for (guint i = 0; i < access->sets->len; i++)
    {
      const FpAccessSet *set = g_ptr_array_index (access->sets, i);
      const FpAccessSet *before = compare ? fp_access_find (compare, set->kind, set->id) : NULL;

      if (!wanted (set, only) || (zones && only == NULL && set->kind != FP_FACILITY_SERVICE))
        continue;

      if (!zones)
        {
          double numbers[] = {
            set->mean_km, set->mean_car_min, set->mean_walk_min, set->share_within,
            set->share_within_deprived, set->share_within_65plus, set->gap_deprived,
            set->threshold,
          };

          fp_csv_append_field (out, scenario);
          g_string_append_printf (out, ",%d,%s,", year, facility_kinds[set->kind]);
          fp_csv_append_field (out, set->id);
          g_string_append_c (out, ',');
          fp_csv_append_field (out, set->name);
          g_string_append_printf (out, ",%u", set->n_sites);
          for (guint k = 0; k < G_N_ELEMENTS (numbers); k++)
            {
              g_string_append_c (out, ',');
              csv_number (out, isfinite (numbers[k]) ? numbers[k] : NAN);
            }
          g_string_append_printf (out, ",%s", fp_threshold_unit_to_string (set->threshold_unit));
          if (before != NULL)
            {
              FpAccessChange change;

              fp_access_compare (model, before, set, &change);
              g_string_append_printf (out, ",%u,", change.zones_further);
              csv_number (out, change.people_further);
              g_string_append_c (out, ',');
              csv_number (out, change.people_further_deprived);
            }
          else
            g_string_append (out, ",,,");
          g_string_append (out, "\r\n");
          continue;
        }

      for (guint z = 0; z < estate->zones->len; z++)
        {
          const FpZone *zone = &g_array_index (estate->zones, FpZone, z);
          int people = 0;

          for (guint band = 0; band < FP_N_AGE_BANDS; band++)
            people += zone->population[band];

          fp_csv_append_field (out, scenario);
          g_string_append_printf (out, ",%d,%s,", year, facility_kinds[set->kind]);
          fp_csv_append_field (out, set->id);
          g_string_append_c (out, ',');
          fp_csv_append_field (out, zone->code);
          g_string_append_printf (out, ",%d,%d,", people, zone->imd_decile);
          fp_csv_append_field (out, set->nearest[z] != G_MAXUINT ? res->sites[set->nearest[z]].id : NULL);
          g_string_append_c (out, ',');
          csv_number (out, set->km[z]);
          g_string_append_c (out, ',');
          csv_number (out, isnan (set->km[z]) ? NAN : fp_access_km_to_car_minutes (model, set->km[z]));
          g_string_append_c (out, ',');
          if (before != NULL)
            csv_number (out, before->km[z]);
          g_string_append (out, "\r\n");
        }
    }

  return g_string_free (out, FALSE);
}
