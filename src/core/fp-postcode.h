/* fp-postcode.h: UK postcodes as people type them, and the bundled table of where they are.
 *
 * The table (data/postcodes/bsol-postcodes.csv, compiled into each executable) holds the
 * Birmingham and Solihull area's postcodes with their centroids, so a postcode can be
 * found with no network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _FpPostcodes FpPostcodes;

char        *fp_postcode_normalise          (const char        *text) G_GNUC_WARN_UNUSED_RESULT;
char        *fp_postcode_normalise_outward  (const char        *text) G_GNUC_WARN_UNUSED_RESULT;

FpPostcodes *fp_postcodes_new_from_bytes    (GBytes            *csv,
                                             GError           **error) G_GNUC_WARN_UNUSED_RESULT;
FpPostcodes *fp_postcodes_load_default      (GError           **error) G_GNUC_WARN_UNUSED_RESULT;
void         fp_postcodes_free              (FpPostcodes       *self);
guint        fp_postcodes_get_n             (const FpPostcodes *self);
gboolean     fp_postcodes_lookup            (const FpPostcodes *self,
                                             const char        *postcode,
                                             double            *lat,
                                             double            *lon);
gboolean     fp_postcodes_lookup_district   (const FpPostcodes *self,
                                             const char        *outward,
                                             double            *lat,
                                             double            *lon,
                                             guint             *n_postcodes);

gboolean     fp_search_matches              (const char        *text,
                                             const char        *query);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpPostcodes, fp_postcodes_free)

G_END_DECLS
