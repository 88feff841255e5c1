/* fp-import-postcodes.c: placing an imported site by its postcode, offline.
 *
 * The import reads the same bundled table as the window's search (fp-postcode.h,
 * data/postcodes/bsol-postcodes.csv, built by data/build/build-postcodes.py from the
 * ONSPD-derived centroids in ../shared/data/postcodes). It is loaded once, on first use.
 * A postcode outside it is refused, never placed at a guess.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-import.h"
#include "fp-postcode.h"

/**
 * fp_postcode_lookup:
 * @postcode: (nullable): a postcode, normalised or not
 * @lat: (out): its centroid's latitude
 * @lon: (out): its centroid's longitude
 * @error: return location for an error (FP_ERROR_NOT_FOUND when the table does not hold
 *   the postcode, FP_ERROR_INVALID_DATA when it is not shaped like one)
 *
 * Returns: whether the postcode is in the bundled table
 */
gboolean
fp_postcode_lookup (const char *postcode,
                    double     *lat,
                    double     *lon,
                    GError    **error)
{
  static FpPostcodes *table;
  static GMutex lock;
  g_autofree char *key = postcode != NULL ? fp_postcode_normalise (postcode) : NULL;
  gboolean found;

  if (key == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("“%s” is not shaped like a UK postcode"), postcode != NULL ? postcode : "");
      return FALSE;
    }

  g_mutex_lock (&lock);
  if (table == NULL)
    table = fp_postcodes_load_default (error);
  g_mutex_unlock (&lock);
  if (table == NULL)
    return FALSE;

  found = fp_postcodes_lookup (table, key, lat, lon);
  if (!found)
    g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                 _("the postcode %s is not in Footprint’s postcode directory (the B postcode "
                   "area, Birmingham and Solihull), so it cannot be placed; give its latitude "
                   "and longitude instead"), key);
  return found;
}
