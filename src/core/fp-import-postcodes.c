/* fp-import-postcodes.c: placing a site by its postcode, offline.
 *
 * The bundled directory (data/default/postcodes.csv, built by data/build/build-postcodes.py
 * from the ONSPD-derived centroids in ../shared/data/postcodes) covers the B postcode area
 * and Birmingham and Solihull. It is read once, on first use, into a hash table keyed by the
 * normalised postcode. A postcode outside it is refused, never placed at a guess.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-import"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "fp-dataset.h"
#include "fp-error.h"
#include "fp-import.h"

#define POSTCODES_RESOURCE "postcodes.csv"

typedef struct
{
  double lat;
  double lon;
} Centroid;

/**
 * fp_postcode_normalise:
 * @text: (nullable): a postcode as a person typed it ("b15 2tt", "B152TT", " B15  2TT ")
 *
 * Upper-cases the postcode, removes its spaces and puts one space before the inward code
 * (the last three characters), after checking the shape of a UK postcode: an outward code
 * of a letter or two letters, a digit and an optional letter or digit, then a digit and
 * two letters.
 *
 * Returns: (transfer full) (nullable): the postcode ("B15 2TT"), or %NULL if @text is not
 *   shaped like one
 */
char *
fp_postcode_normalise (const char *text)
{
  g_autoptr(GString) s = g_string_new (NULL);
  gsize n;

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isalnum (*p))
        return NULL;
      g_string_append_c (s, g_ascii_toupper (*p));
    }

  n = s->len;
  if (n < 5 || n > 7)
    return NULL;
  /* inward code: digit letter letter */
  if (!g_ascii_isdigit (s->str[n - 3]) || !g_ascii_isalpha (s->str[n - 2]) ||
      !g_ascii_isalpha (s->str[n - 1]))
    return NULL;
  /* outward code: starts with a letter, has a digit in it */
  if (!g_ascii_isalpha (s->str[0]))
    return NULL;
  {
    gboolean digit = FALSE;

    for (gsize i = 1; i < n - 3; i++)
      digit |= g_ascii_isdigit (s->str[i]);
    if (!digit)
      return NULL;
  }

  g_string_insert_c (s, n - 3, ' ');
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GHashTable *
load_directory (GError **error)
{
  g_autoptr(GBytes) bytes = fp_dataset_lookup_resource (POSTCODES_RESOURCE, error);
  GHashTable *table;
  const char *p, *end;
  gsize length;

  if (bytes == NULL)
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  p = g_bytes_get_data (bytes, &length);
  end = p + length;

  /* Skip the header line. */
  p = memchr (p, '\n', end - p);
  p = p != NULL ? p + 1 : end;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *c1, *c2;
      Centroid *centroid;

      if (eol == NULL)
        eol = end;
      c1 = memchr (p, ',', eol - p);
      c2 = c1 != NULL ? memchr (c1 + 1, ',', eol - c1 - 1) : NULL;
      if (c1 != NULL && c2 != NULL)
        {
          centroid = g_new (Centroid, 1);
          centroid->lat = g_ascii_strtod (c1 + 1, NULL);
          centroid->lon = g_ascii_strtod (c2 + 1, NULL);
          g_hash_table_insert (table, g_strndup (p, c1 - p), centroid);
        }
      p = eol + 1;
    }

  return table;
}

/**
 * fp_postcode_lookup:
 * @postcode: a postcode, normalised or not
 * @lat: (out): its centroid's latitude
 * @lon: (out): its centroid's longitude
 * @error: return location for an error (FP_ERROR_NOT_FOUND when the directory does not
 *   hold the postcode, FP_ERROR_INVALID_DATA when it is not shaped like one)
 *
 * Returns: whether the postcode is in the bundled directory
 */
gboolean
fp_postcode_lookup (const char *postcode,
                    double     *lat,
                    double     *lon,
                    GError    **error)
{
  static GHashTable *directory;
  static GMutex lock;
  g_autofree char *key = fp_postcode_normalise (postcode);
  const Centroid *centroid;

  if (key == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("“%s” is not shaped like a UK postcode"), postcode != NULL ? postcode : "");
      return FALSE;
    }

  g_mutex_lock (&lock);
  if (directory == NULL)
    directory = load_directory (error);
  g_mutex_unlock (&lock);
  if (directory == NULL)
    return FALSE;

  centroid = g_hash_table_lookup (directory, key);
  if (centroid == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("the postcode %s is not in Footprint’s postcode directory (the B postcode "
                     "area, Birmingham and Solihull), so it cannot be placed; give its latitude "
                     "and longitude instead"), key);
      return FALSE;
    }

  *lat = centroid->lat;
  *lon = centroid->lon;
  return TRUE;
}
