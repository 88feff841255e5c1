/* fp-postcode.c: postcodes typed any way ("b338td", "B33  8td"), found in a sorted table.
 *
 * The table is the bundled CSV as it is, kept in memory with an index of its line starts;
 * lines are sorted by postcode, so a lookup is a binary search and an outward code
 * ("B33") is a contiguous range.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-postcode"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "fp-dataset.h"
#include "fp-error.h"
#include "fp-postcode.h"

#define POSTCODES_RESOURCE "postcodes.csv"

struct _FpPostcodes
{
  GBytes  *bytes;
  GArray  *lines;   /* guint32 offsets of data lines, in file (postcode) order */
};

/* Upper case, without spaces; NULL when something other than letters, digits and spaces
 * is in @text. */
static char *
compact (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      if (!g_ascii_isalnum (*p))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, g_ascii_toupper (*p));
    }

  return g_string_free (out, FALSE);
}

/* An outward code: one or two letters, a digit, then an optional digit or letter. */
static gboolean
is_outward (const char *s,
            gsize       len)
{
  gsize i = 0;

  if (len < 2 || len > 4)
    return FALSE;
  if (!g_ascii_isalpha (s[i++]))
    return FALSE;
  if (g_ascii_isalpha (s[i]))
    i++;
  if (i >= len || !g_ascii_isdigit (s[i++]))
    return FALSE;
  if (i < len && g_ascii_isalnum (s[i]))
    i++;
  return i == len;
}

/**
 * fp_postcode_normalise:
 * @text: (nullable): a postcode as typed, in any case, with or without spaces
 *
 * Returns: (transfer full) (nullable): the postcode written the standard way ("B33 8TD"),
 *   or %NULL when @text is %NULL or does not have the shape of a full UK postcode
 */
char *
fp_postcode_normalise (const char *text)
{
  g_autofree char *c = NULL;
  gsize len;

  /* A site or a register row may have no postcode at all. */
  if (text == NULL)
    return NULL;

  c = compact (text);
  if (c == NULL)
    return NULL;
  len = strlen (c);

  /* The inward code is always a digit and two letters. */
  if (len < 5 || len > 7 || !g_ascii_isdigit (c[len - 3]) || !g_ascii_isalpha (c[len - 2]) ||
      !g_ascii_isalpha (c[len - 1]) || !is_outward (c, len - 3))
    return NULL;

  return g_strdup_printf ("%.*s %s", (int) (len - 3), c, c + len - 3);
}

/**
 * fp_postcode_normalise_outward:
 * @text: an outward code ("b33", "B 33")
 *
 * Returns: (transfer full) (nullable): the outward code in upper case, or %NULL when @text
 *   is not one
 */
char *
fp_postcode_normalise_outward (const char *text)
{
  g_autofree char *c = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  c = compact (text);
  if (c == NULL || !is_outward (c, strlen (c)))
    return NULL;
  return g_steal_pointer (&c);
}

/* The postcode field of line @i, and its length. */
static const char *
line_postcode (const FpPostcodes *self,
               guint              i,
               gsize             *len)
{
  gsize size;
  const char *data = g_bytes_get_data (self->bytes, &size);
  const char *start = data + g_array_index (self->lines, guint32, i);
  const char *comma = memchr (start, ',', size - (start - data));

  *len = comma != NULL ? (gsize) (comma - start) : 0;
  return start;
}

static gboolean
line_location (const FpPostcodes *self,
               guint              i,
               double            *lat,
               double            *lon)
{
  gsize len;
  const char *start = line_postcode (self, i, &len);
  char *end = NULL;

  *lat = g_ascii_strtod (start + len + 1, &end);
  if (end == NULL || *end != ',')
    return FALSE;
  *lon = g_ascii_strtod (end + 1, &end);
  return end != NULL && (*end == '\n' || *end == '\r' || *end == '\0');
}

/* Compares line @i's postcode with @key, as strcmp() does. */
static int
compare_line (const FpPostcodes *self,
              guint              i,
              const char        *key,
              gsize              key_len,
              gboolean           prefix)
{
  gsize len;
  const char *pc = line_postcode (self, i, &len);
  int cmp = strncmp (pc, key, MIN (len, key_len));

  if (cmp != 0)
    return cmp;
  if (prefix)
    return len < key_len ? -1 : 0;
  return (len > key_len) - (len < key_len);
}

/* The first line whose postcode is not before @key. */
static guint
lower_bound (const FpPostcodes *self,
             const char        *key,
             gboolean           prefix)
{
  gsize key_len = strlen (key);
  guint lo = 0, hi = self->lines->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (compare_line (self, mid, key, key_len, prefix) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/**
 * fp_postcodes_new_from_bytes:
 * @csv: a table with the header `postcode,lat,lon` and one postcode a line, sorted
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the table, or %NULL when @csv is not one
 */
FpPostcodes *
fp_postcodes_new_from_bytes (GBytes  *csv,
                             GError **error)
{
  g_autoptr(FpPostcodes) self = g_new0 (FpPostcodes, 1);
  gsize size;
  const char *data = g_bytes_get_data (csv, &size);
  const char *header = "postcode,lat,lon\n";
  gsize pos;
  guint line = 1;

  self->bytes = g_bytes_ref (csv);
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (size < strlen (header) || strncmp (data, header, strlen (header)) != 0 ||
      size > G_MAXUINT32)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The postcode table does not start with “postcode,lat,lon”"));
      return NULL;
    }

  for (pos = strlen (header); pos < size; line++)
    {
      const char *nl = memchr (data + pos, '\n', size - pos);
      guint32 offset = (guint32) pos;
      double lat, lon;

      g_array_append_val (self->lines, offset);
      if (!line_location (self, self->lines->len - 1, &lat, &lon))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                       _("Line %u of the postcode table is not a postcode, latitude and "
                         "longitude"), line + 1);
          return NULL;
        }
      if (self->lines->len > 1 &&
          compare_line (self, self->lines->len - 2,
                        data + pos, strcspn (data + pos, ","), FALSE) >= 0)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                       _("Line %u of the postcode table is out of order: the table must "
                         "be sorted by postcode"), line + 1);
          return NULL;
        }
      pos = nl != NULL ? (gsize) (nl - data) + 1 : size;
    }

  return g_steal_pointer (&self);
}

/**
 * fp_postcodes_load_default:
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the bundled Birmingham and Solihull table
 */
FpPostcodes *
fp_postcodes_load_default (GError **error)
{
  g_autoptr(GBytes) bytes = fp_dataset_lookup_resource (POSTCODES_RESOURCE, error);

  if (bytes == NULL)
    return NULL;
  return fp_postcodes_new_from_bytes (bytes, error);
}

void
fp_postcodes_free (FpPostcodes *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_free (self);
}

guint
fp_postcodes_get_n (const FpPostcodes *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lines->len;
}

/**
 * fp_postcodes_lookup:
 * @self: a table
 * @postcode: a postcode, typed any way fp_postcode_normalise() accepts
 * @lat: (out): its latitude
 * @lon: (out): its longitude
 *
 * Returns: whether the table has @postcode
 */
gboolean
fp_postcodes_lookup (const FpPostcodes *self,
                     const char        *postcode,
                     double            *lat,
                     double            *lon)
{
  g_autofree char *key = NULL;
  guint i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (postcode != NULL, FALSE);

  key = fp_postcode_normalise (postcode);
  if (key == NULL)
    return FALSE;

  i = lower_bound (self, key, FALSE);
  if (i >= self->lines->len || compare_line (self, i, key, strlen (key), FALSE) != 0)
    return FALSE;
  return line_location (self, i, lat, lon);
}

/**
 * fp_postcodes_lookup_district:
 * @self: a table
 * @outward: an outward code ("B33")
 * @lat: (out): the mean latitude of its postcodes
 * @lon: (out): the mean longitude of its postcodes
 * @n_postcodes: (out) (optional): how many postcodes it has in the table
 *
 * Returns: whether the table has postcodes in @outward
 */
gboolean
fp_postcodes_lookup_district (const FpPostcodes *self,
                              const char        *outward,
                              double            *lat,
                              double            *lon,
                              guint             *n_postcodes)
{
  g_autofree char *code = NULL;
  g_autofree char *key = NULL;
  double sum_lat = 0, sum_lon = 0;
  guint n = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (outward != NULL, FALSE);

  code = fp_postcode_normalise_outward (outward);
  if (code == NULL)
    return FALSE;

  /* "B3 " must not take in "B33 ": the space ends the outward code. */
  key = g_strconcat (code, " ", NULL);
  for (guint i = lower_bound (self, key, TRUE);
       i < self->lines->len && compare_line (self, i, key, strlen (key), TRUE) == 0; i++)
    {
      double la, lo;

      if (line_location (self, i, &la, &lo))
        {
          sum_lat += la;
          sum_lon += lo;
          n++;
        }
    }

  if (n_postcodes != NULL)
    *n_postcodes = n;
  if (n == 0)
    return FALSE;

  *lat = sum_lat / n;
  *lon = sum_lon / n;
  return TRUE;
}

/**
 * fp_search_matches:
 * @text: what may be found (a site's name, type, postcode, ...), any case
 * @query: what the user typed
 *
 * A search matches when every word of @query is in @text, ignoring case, and also when
 * @query, without its spaces, is in @text without its spaces, so "b338td" finds a site at
 * "B33 8TD" and "good hope" finds "Good Hope Hospital".
 *
 * Returns: whether @text matches @query (an empty query matches everything)
 */
gboolean
fp_search_matches (const char *text,
                   const char *query)
{
  g_autofree char *folded_text = NULL;
  g_autofree char *folded_query = NULL;
  g_auto(GStrv) words = NULL;
  gboolean all = TRUE;

  g_return_val_if_fail (text != NULL, FALSE);

  if (query == NULL)
    return TRUE;

  folded_text = g_utf8_casefold (text, -1);
  folded_query = g_utf8_casefold (query, -1);
  g_strstrip (folded_query);
  if (*folded_query == '\0')
    return TRUE;

  words = g_strsplit_set (folded_query, " \t", -1);
  for (guint i = 0; all && words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (folded_text, words[i]) == NULL)
      all = FALSE;
  if (all)
    return TRUE;

  /* Spaces ignored on both sides. */
  {
    GString *a = g_string_new (NULL), *b = g_string_new (NULL);
    gboolean found;

    for (const char *p = folded_text; *p != '\0'; p++)
      if (*p != ' ' && *p != '\t')
        g_string_append_c (a, *p);
    for (const char *p = folded_query; *p != '\0'; p++)
      if (*p != ' ' && *p != '\t')
        g_string_append_c (b, *p);
    found = strstr (a->str, b->str) != NULL;
    g_string_free (a, TRUE);
    g_string_free (b, TRUE);
    return found;
  }
}
