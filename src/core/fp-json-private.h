/* fp-json-private.h: field-by-field JSON reading for the core's file readers.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
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

/* A document read by fp_json_doc_parse(): the text, checked as fp_json_parse() checks it,
 * as a compact tree. Large files (a dataset of all England) are read this way: json-glib
 * would hold each value in a node, each object in a hash table and a list. */
typedef struct _FpJsonDoc FpJsonDoc;
typedef struct _FpJsonValue FpJsonValue;

typedef enum
{
  FP_JSON_NULL,
  FP_JSON_BOOLEAN,
  FP_JSON_NUMBER,
  FP_JSON_STRING,
  FP_JSON_LIST,
  FP_JSON_OBJECT,
} FpJsonType;

struct _FpJsonValue
{
  const char *key;                 /* the member's name, in an object; else NULL */
  union
  {
    double             number;     /* finite: whole numbers as json-glib reads them */
    gboolean           boolean;
    const char        *string;     /* UTF-8, no NUL inside, checked by fp_text_problem() */
    const FpJsonValue *items;      /* a list's entries or an object's members, in order */
  };
  guint32     n_items;
  FpJsonType  type;
};

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
FpJsonDoc  *fp_json_doc_parse            (char        *text,
                                          gsize        size,
                                          const char  *what,
                                          gsize        max_size,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
const FpJsonValue *fp_json_doc_get_root  (FpJsonDoc   *doc);
void        fp_json_doc_free             (FpJsonDoc   *doc);
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

const FpJsonValue *fp_json_value_member (const FpJsonValue *object,
                                         const char        *name);
gboolean    fp_json_value_is_null        (const FpJsonValue *value);
gboolean    fp_json_value_number         (const FpJsonValue *value,
                                          double            *out);
gboolean    fp_json_value_read_string    (FpJsonCtx         *ctx,
                                          const FpJsonValue *object,
                                          const char        *name,
                                          gboolean           required,
                                          char             **out);
gboolean    fp_json_value_read_number    (FpJsonCtx         *ctx,
                                          const FpJsonValue *object,
                                          const char        *name,
                                          double             min,
                                          double             max,
                                          double            *out);
gboolean    fp_json_value_read_required_number (FpJsonCtx         *ctx,
                                          const FpJsonValue *object,
                                          const char        *name,
                                          double             min,
                                          double             max,
                                          double            *out);
gboolean    fp_json_value_read_int       (FpJsonCtx         *ctx,
                                          const FpJsonValue *object,
                                          const char        *name,
                                          int                min,
                                          int                max,
                                          int               *out);
const FpJsonValue *fp_json_value_read_list (FpJsonCtx         *ctx,
                                          const FpJsonValue *object,
                                          const char        *name,
                                          gboolean           required);
const FpJsonValue *fp_json_value_item_object (FpJsonCtx         *ctx,
                                          const FpJsonValue *list,
                                          guint              i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpJsonDoc, fp_json_doc_free)

/* A member that is a number, or null when it is not finite (JSON has no NaN). */
static inline void
fp_json_add_number (JsonBuilder *b,
                    const char  *name,
                    double       value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* A member that is a string, or null. */
static inline void
fp_json_add_string (JsonBuilder *b,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

G_END_DECLS
