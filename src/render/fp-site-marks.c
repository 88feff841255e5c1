/* fp-site-marks.c: the symbols of a map's sites, placed and ordered for drawing.
 *
 * Moved out of the site layer so the map exports draw the very marks the window draws.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-marks"

#include "config.h"

#include <math.h>

#include "fp-site-marks.h"

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const FpSiteMark *ma = a, *mb = b;

  int ra = (int) round (ma->radius * 2), rb = (int) round (mb->radius * 2);

  if (ma->order != mb->order)
    return ma->order - mb->order;
  if (ma->rare != mb->rare)
    return ma->rare ? 1 : -1;
  if (ra != rb)
    return rb - ra;
  if (ma->n_alike != mb->n_alike)
    return ma->n_alike > mb->n_alike ? -1 : 1;
  return (ma->index > mb->index) - (ma->index < mb->index);
}

/* Sites in one building (a community unit in a hospital, practices in a health centre)
 * share a location and would hide each other: they are spread on a small ring around it,
 * a fixed number of pixels at any zoom, so each can be seen and pointed at. */
static void
spread_colocated (GArray *marks)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_array_unref);
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < marks->len; i++)
    {
      const FpSiteMark *mark = &g_array_index (marks, FpSiteMark, i);
      /* About 10 m: the same building. */
      g_autofree char *key = g_strdup_printf ("%.4f,%.4f", mark->lat, mark->lon);
      GArray *members = g_hash_table_lookup (groups, key);

      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (groups, g_steal_pointer (&key), members);
        }
      g_array_append_val (members, i);
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      GArray *members = value;
      guint n = members->len;
      double ring;

      if (n < 2)
        continue;

      /* Far enough apart for two smallest symbols to touch, not overlap. */
      ring = MAX (FP_SYMBOL_RADIUS_MIN + 1.0, (FP_SYMBOL_RADIUS_MIN + 1.0) * n / G_PI);
      for (guint k = 0; k < n; k++)
        {
          FpSiteMark *mark = &g_array_index (marks, FpSiteMark, g_array_index (members, guint, k));
          double angle = -G_PI / 2 + 2 * G_PI * k / n;

          mark->dx = ring * cos (angle);
          mark->dy = ring * sin (angle);
        }
    }
}

/**
 * fp_site_marks_build:
 * @estate: the estate
 * @model: its model (for the target utilisation the colours are measured against)
 * @results: the scenario's results
 * @year: the year's index
 * @colour_by: what the colours show
 * @size_by: what the sizes show
 * @matches: (nullable) (array): by results site, whether the site matches a search; %NULL
 *   without a search
 *
 * Returns: (transfer full) (element-type FpSiteMark): a mark per placed site that exists in
 *   @year, in drawing order
 */
GArray *
fp_site_marks_build (const FpEstate  *estate,
                     const FpModel   *model,
                     const FpResults *results,
                     guint            year,
                     FpColourBy       colour_by,
                     FpSizeBy         size_by,
                     const gboolean  *matches)
{
  g_autoptr(FpScale) scale = NULL;
  GArray *marks = g_array_new (FALSE, FALSE, sizeof (FpSiteMark));

  scale = fp_scale_new_for_colour_by (colour_by,
                                      fp_model_get_assumption (model, "target_room_utilisation"));

  for (guint i = 0; i < results->n_sites; i++)
    {
      const FpResultSite *rs = &results->sites[i];
      const FpSiteYear *sy = fp_results_get (results, i, year);
      FpSiteMark mark = { 0 };

      if (!rs->placed || !sy->exists)
        continue;

      mark.index = i;
      mark.lat = rs->lat;
      mark.lon = rs->lon;
      mark.symbol = fp_site_symbol_for_type (rs->type);
      mark.radius = fp_map_style_radius (size_by, fp_map_style_size_value (size_by, estate,
                                                                           results, i, year));
      mark.rgb = fp_scale_colour (scale, fp_map_style_site_value (colour_by, estate, results,
                                                                  i, year));
      mark.order = 2;

      if (i < estate->sites->len &&
          fp_estate_get_site (estate, i)->status == FP_SITE_STATUS_POSSIBLY_CLOSED)
        {
          mark.style |= FP_SITE_SYMBOL_STYLE_HOLLOW;
          mark.order = 1;
        }
      if (i >= estate->sites->len)
        mark.style |= FP_SITE_SYMBOL_STYLE_NEW;
      if (rs->exit_year != 0 && (int) year + results->base_year >= rs->exit_year)
        {
          if (sy->held)
            mark.style |= FP_SITE_SYMBOL_STYLE_LEFT;
          else
            {
              mark.style |= FP_SITE_SYMBOL_STYLE_GONE;
              mark.rgb = FP_STYLE_NOT_HELD;
              mark.order = 0;
            }
        }
      if (matches != NULL)
        {
          if (matches[i])
            {
              mark.style |= FP_SITE_SYMBOL_STYLE_MATCH;
              mark.order = 3;
            }
          else
            mark.style |= FP_SITE_SYMBOL_STYLE_DIMMED;
        }

      g_array_append_val (marks, mark);
    }

  spread_colocated (marks);

  /* The rarer colours go on top (a colour under a tenth of the sites: one site over its
   * target among hundreds under it must not be buried), then among symbols of a size the
   * rarer colour. */
  {
    g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < marks->len; i++)
      {
        gpointer key = GUINT_TO_POINTER (g_array_index (marks, FpSiteMark, i).rgb + 1);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

        g_hash_table_insert (counts, key, GUINT_TO_POINTER (n + 1));
      }
    for (guint i = 0; i < marks->len; i++)
      {
        FpSiteMark *mark = &g_array_index (marks, FpSiteMark, i);

        mark->n_alike = GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                                GUINT_TO_POINTER (mark->rgb + 1)));
        mark->rare = mark->n_alike * 10 < marks->len;
      }
  }

  g_array_sort (marks, compare_marks);
  return marks;
}
