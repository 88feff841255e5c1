/* fp-json-private.h: field-by-field JSON reading for the core's file readers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *where;  /* "Dataset sites[12]", "Change 3 (exit_site)", for messages */
  GError    **error;
} FpJsonCtx;

gboolean    fp_json_fail                 (FpJsonCtx   *ctx,
                                          const char  *format,
                                          ...) G_GNUC_PRINTF (2, 3);
JsonNode   *fp_json_member               (JsonObject  *object,
                                          const char  *name);
gboolean    fp_json_is_null              (JsonNode    *node);
gboolean    fp_json_node_number          (JsonNode    *node,
                                          double      *out);
gboolean    fp_json_read_string          (FpJsonCtx   *ctx,
                                          JsonObject  *object,
                                          const char  *name,
                                          gboolean     required,
                                          char       **out);
gboolean    fp_json_read_number          (FpJsonCtx   *ctx,
                                          JsonObject  *object,
                                          const char  *name,
                                          double       min,
                                          double       max,
                                          double      *out);
gboolean    fp_json_read_required_number (FpJsonCtx   *ctx,
                                          JsonObject  *object,
                                          const char  *name,
                                          double       min,
                                          double       max,
                                          double      *out);
gboolean    fp_json_read_int             (FpJsonCtx   *ctx,
                                          JsonObject  *object,
                                          const char  *name,
                                          int          min,
                                          int          max,
                                          int         *out);
JsonArray  *fp_json_read_array           (FpJsonCtx   *ctx,
                                          JsonObject  *object,
                                          const char  *name,
                                          gboolean     required);
JsonObject *fp_json_element_object       (FpJsonCtx   *ctx,
                                          JsonArray   *array,
                                          guint        i);

G_END_DECLS
