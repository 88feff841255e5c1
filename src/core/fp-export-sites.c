/* fp-export-sites.c: a scenario's site results for one year, as CSV and as GeoJSON.
 *
 * One row (or feature) per site that exists that year, with what a planner maps or
 * filters on: held, in use, utilisation, bed occupancy, running and void costs, category
 * and its reasons, exit and liability years. Text from users or data (site names, ids,
 * the scenario's name, reasons) goes through fp_cell_text_safe() in both formats, since
 * GeoJSON properties too end up in spreadsheets. Files are written to a temporary name
 * in the same folder and renamed, so a failure leaves any existing file as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-export"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-json-private.h"
#include "fp-cell.h"
#include "fp-error.h"
#include "fp-export.h"
#include "fp-export-sites.h"

static const char *csv_header =
  "scenario,year,id,name,site_type,tenure,placed,lat,lon,held,in_use,utilisation,"
  "bed_occupancy,running_cost,void_m2,void_cost,cost_per_m2,category,category_overridden,"
  "exit_year,liability_end_year,category_reasons\r\n";

static void
csv_text (GString    *line,
          const char *text)
{
  g_autofree char *safe = fp_cell_text_safe (text);

  fp_csv_append_field (line, safe);
}

static void
csv_number (GString *line,
            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (line, ',');
  if (isfinite (value))
    g_string_append (line, g_ascii_dtostr (buf, sizeof buf, value));
}

static void
csv_year (GString *line,
          int      year)
{
  g_string_append_c (line, ',');
  if (year != 0)
    g_string_append_printf (line, "%d", year);
}

static const char *
category_string (const FpSiteYear *sy)
{
  return sy->category == FP_CATEGORY_NONE ? NULL : fp_category_to_string (sy->category);
}

/**
 * fp_export_site_results_csv:
 * @model: the model
 * @results: a scenario's results
 * @scenario: its name
 * @year: a year index (0 is the base year)
 *
 * Returns: (transfer full): RFC 4180 CSV, one line per site that exists that year;
 *   unknown numbers are empty fields, reasons joined with "; "
 */
char *
fp_export_site_results_csv (const FpModel   *model,
                            const FpResults *results,
                            const char      *scenario,
                            guint            year)
{
  GString *out = g_string_new (csv_header);

  for (guint s = 0; s < results->n_sites; s++)
    {
      const FpResultSite *site = &results->sites[s];
      const FpSiteYear *sy = fp_results_get (results, s, year);
      g_auto(GStrv) reasons = NULL;
      g_autofree char *joined = NULL;

      if (!sy->exists)
        continue;

      reasons = fp_results_describe_reasons (results, model, s, year);
      joined = g_strjoinv ("; ", reasons);

      csv_text (out, scenario);
      g_string_append_printf (out, ",%d,", results->base_year + (int) year);
      csv_text (out, site->id);
      g_string_append_c (out, ',');
      csv_text (out, site->name);
      g_string_append_printf (out, ",%s,%s,%s", fp_site_type_to_string (site->type),
                              fp_tenure_to_string (site->tenure), site->placed ? "true" : "false");
      csv_number (out, site->placed ? site->lat : NAN);
      csv_number (out, site->placed ? site->lon : NAN);
      g_string_append_printf (out, ",%s,%s", sy->held ? "true" : "false",
                              sy->active ? "true" : "false");
      csv_number (out, sy->utilisation_site);
      csv_number (out, sy->bed_occupancy);
      csv_number (out, sy->running_cost);
      csv_number (out, sy->void_m2);
      csv_number (out, sy->void_cost);
      csv_number (out, sy->cost_per_m2);
      g_string_append_c (out, ',');
      if (category_string (sy) != NULL)
        g_string_append (out, category_string (sy));
      g_string_append_printf (out, ",%s", (sy->reasons & FP_REASON_OVERRIDDEN) ? "true" : "false");
      csv_year (out, site->exit_year);
      csv_year (out, site->liability_end_year);
      g_string_append_c (out, ',');
      csv_text (out, joined);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

static void
add_text (JsonBuilder *b,
          const char  *name,
          const char  *value)
{
  g_autofree char *safe = fp_cell_text_safe (value);

  json_builder_set_member_name (b, name);
  if (safe != NULL)
    json_builder_add_string_value (b, safe);
  else
    json_builder_add_null_value (b);
}

static void
add_year (JsonBuilder *b,
          const char  *name,
          int          year)
{
  json_builder_set_member_name (b, name);
  if (year != 0)
    json_builder_add_int_value (b, year);
  else
    json_builder_add_null_value (b);
}

static void
add_bool (JsonBuilder *b,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

/**
 * fp_export_site_results_geojson:
 * @model: the model
 * @results: a scenario's results
 * @scenario: its name
 * @year: a year index (0 is the base year)
 *
 * An RFC 7946 FeatureCollection: one feature per site that exists that year, a Point in
 * WGS84 longitude, latitude order with the figures as properties. A site with no known
 * location keeps its feature with `"geometry": null` and `"placed": false`, so the
 * collection holds every site the CSV holds.
 *
 * Returns: (transfer full): the GeoJSON text
 */
char *
fp_export_site_results_geojson (const FpModel   *model,
                                const FpResults *results,
                                const char      *scenario,
                                guint            year)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "FeatureCollection");
  add_text (b, "name", scenario);
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);

  for (guint s = 0; s < results->n_sites; s++)
    {
      const FpResultSite *site = &results->sites[s];
      const FpSiteYear *sy = fp_results_get (results, s, year);
      g_auto(GStrv) reasons = NULL;

      if (!sy->exists)
        continue;

      reasons = fp_results_describe_reasons (results, model, s, year);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "Feature");
      add_text (b, "id", site->id);
      json_builder_set_member_name (b, "geometry");
      if (site->placed)
        {
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "type");
          json_builder_add_string_value (b, "Point");
          json_builder_set_member_name (b, "coordinates");
          json_builder_begin_array (b);
          json_builder_add_double_value (b, site->lon);
          json_builder_add_double_value (b, site->lat);
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      else
        {
          json_builder_add_null_value (b);
        }

      json_builder_set_member_name (b, "properties");
      json_builder_begin_object (b);
      add_text (b, "scenario", scenario);
      add_year (b, "year", results->base_year + (int) year);
      add_text (b, "id", site->id);
      add_text (b, "name", site->name);
      add_text (b, "site_type", fp_site_type_to_string (site->type));
      add_text (b, "tenure", fp_tenure_to_string (site->tenure));
      add_bool (b, "placed", site->placed);
      add_bool (b, "held", sy->held);
      add_bool (b, "in_use", sy->active);
      fp_json_add_number (b, "utilisation", sy->utilisation_site);
      fp_json_add_number (b, "bed_occupancy", sy->bed_occupancy);
      fp_json_add_number (b, "running_cost", sy->running_cost);
      fp_json_add_number (b, "void_m2", sy->void_m2);
      fp_json_add_number (b, "void_cost", sy->void_cost);
      fp_json_add_number (b, "cost_per_m2", sy->cost_per_m2);
      add_text (b, "category", category_string (sy));
      add_bool (b, "category_overridden", (sy->reasons & FP_REASON_OVERRIDDEN) != 0);
      add_year (b, "exit_year", site->exit_year);
      add_year (b, "liability_end_year", site->liability_end_year);
      json_builder_set_member_name (b, "category_reasons");
      json_builder_begin_array (b);
      for (guint i = 0; reasons[i] != NULL; i++)
        {
          g_autofree char *safe = fp_cell_text_safe (reasons[i]);

          json_builder_add_string_value (b, safe);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);

      json_builder_end_object (b);
    }

  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return fp_json_to_string (root, TRUE);
}

/**
 * fp_export_write_file:
 * @path: the file to write
 * @contents: what to write
 * @length: its length, or -1 for a NUL-terminated string
 * @error: return location for an error
 *
 * Writes to a temporary file in the same folder, flushes it and renames it over @path;
 * on any failure @path is as it was and the temporary file is gone.
 *
 * Returns: %TRUE on success
 */
gboolean
fp_export_write_file (const char *path,
                      const char *contents,
                      gssize      length,
                      GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (!g_file_set_contents_full (path, contents, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_IO, _("Could not write “%s”: %s"), path,
                   local->message);
      return FALSE;
    }

  return TRUE;
}
