/* fp-export.h: the estate and its summary as JSON and CSV text (for the CLI and files).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "fp-access.h"
#include "fp-compute.h"
#include "fp-estate.h"
#include "fp-summary.h"

G_BEGIN_DECLS

JsonNode *fp_export_provenance_node  (const FpProvenance *prov) G_GNUC_WARN_UNUSED_RESULT;
char     *fp_export_summary_json     (const FpEstate     *estate,
                                      const FpSummary    *summary) G_GNUC_WARN_UNUSED_RESULT;
char     *fp_export_sites_json       (const FpEstate     *estate) G_GNUC_WARN_UNUSED_RESULT;
char     *fp_export_sites_csv        (const FpEstate     *estate) G_GNUC_WARN_UNUSED_RESULT;
char     *fp_export_compute_json     (const FpModel      *model,
                                      const FpResults    *results,
                                      const char         *scenario,
                                      guint               year) G_GNUC_WARN_UNUSED_RESULT;
char     *fp_export_compute_csv      (const FpModel      *model,
                                      const FpResults    *results,
                                      const char         *scenario,
                                      guint               year) G_GNUC_WARN_UNUSED_RESULT;
char     *fp_export_access_json      (const FpModel      *model,
                                      const FpResults    *results,
                                      const FpAccess     *access,
                                      const FpAccess     *compare,
                                      const char         *scenario,
                                      const char         *compare_to,
                                      const char         *only,
                                      gboolean            zones) G_GNUC_WARN_UNUSED_RESULT;
char     *fp_export_access_csv       (const FpModel      *model,
                                      const FpResults    *results,
                                      const FpAccess     *access,
                                      const FpAccess     *compare,
                                      const char         *scenario,
                                      const char         *only,
                                      gboolean            zones) G_GNUC_WARN_UNUSED_RESULT;
void      fp_csv_append_field        (GString            *line,
                                      const char         *field);
char     *fp_json_to_string          (JsonNode           *node,
                                      gboolean            pretty) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
