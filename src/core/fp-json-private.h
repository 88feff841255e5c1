/* fp-json-private.h: field-by-field JSON reading for the core's file readers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How deep lists and objects may nest in any JSON Footprint reads. The formats need 6. */
#define FP_JSON_MAX_DEPTH 32

/**
 * FpTextFlags:
 * @FP_TEXT_LINE: a name or id: one line, no invisible characters; optional
 * @FP_TEXT_REQUIRED: absent, null or blank is refused
 * @FP_TEXT_NONBLANK: may be absent, but not blank when given
 * @FP_TEXT_PROSE: a note or description: line breaks and tabs allowed
 */
typedef enum
{
  FP_TEXT_LINE     = 0,
  FP_TEXT_REQUIRED = 1 << 0,
  FP_TEXT_NONBLANK = 1 << 1,
  FP_TEXT_PROSE    = 1 << 2,
} FpTextFlags;

typedef struct
{
  const char *where;  /* "Dataset sites[12]", "Change 3 (exit_site)", for messages */
  GError    **error;
} FpJsonCtx;

JsonNode   *fp_json_parse                (const char  *data,
                                          gssize       size,
                                          const char  *what,
                                          gsize        max_size,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
char       *fp_text_problem              (const char  *text,
                                          FpTextFlags  flags) G_GNUC_WARN_UNUSED_RESULT;
char       *fp_text_clean                (const char  *text,
                                          FpTextFlags  flags,
                                          guint        max_chars,
                                          const char  *field,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;

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
gboolean    fp_json_read_text            (FpJsonCtx   *ctx,
                                          JsonObject  *object,
                                          const char  *name,
                                          FpTextFlags  flags,
                                          guint        max_chars,
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
