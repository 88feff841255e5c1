/* fp-export-sites.h: a scenario's site results as CSV and GeoJSON files.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-compute.h"

G_BEGIN_DECLS

char      *fp_export_site_results_csv      (const FpModel    *model,
                                            const FpResults  *results,
                                            const char       *scenario,
                                            guint             year) G_GNUC_WARN_UNUSED_RESULT;
char      *fp_export_site_results_geojson  (const FpModel    *model,
                                            const FpResults  *results,
                                            const char       *scenario,
                                            guint             year) G_GNUC_WARN_UNUSED_RESULT;
gboolean   fp_export_write_file            (const char       *path,
                                            const char       *contents,
                                            gssize            length,
                                            GError          **error);

G_END_DECLS
