/* fp-json.c: reading JSON records field by field, with messages that say where.
 *
 * Shared by the dataset reader and the scenario reader. Each reader names the record in
 * the context (“Dataset sites[3]”, “Change 2 (move_service)”); a problem becomes one
 * FP_ERROR_INVALID_DATA error “<where>: <what is wrong>”.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-json"

#include "config.h"

#include <math.h>
#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-json-private.h"

gboolean
fp_json_fail (FpJsonCtx        *ctx,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (ctx->error, FP_ERROR, FP_ERROR_INVALID_DATA,
               /* Translators: the first %s says where (“Dataset sites[3]”, “Change 2”),
                * the second what is wrong */
               _("%s: %s"), ctx->where, message);
  return FALSE;
}

JsonNode *
fp_json_member (JsonObject *object,
        const char *name)
{
  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  return json_object_get_member (object, name);
}

gboolean
fp_json_is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

gboolean
fp_json_read_string (FpJsonCtx         *ctx,
             JsonObject  *object,
             const char  *name,
             gboolean     required,
             char       **out)
{
  JsonNode *node = fp_json_member (object, name);

  if (fp_json_is_null (node))
    {
      if (required)
        return fp_json_fail (ctx, _("the field “%s” is missing"), name);
      *out = NULL;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fp_json_fail (ctx, _("the field “%s” must be text"), name);

  if (required && *json_node_get_string (node) == '\0')
    return fp_json_fail (ctx, _("the field “%s” is empty"), name);

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

gboolean
fp_json_node_number (JsonNode *node,
             double   *out)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *out = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *out = json_node_get_double (node);
  else
    return FALSE;

  return isfinite (*out);
}

/* Reads an optional number; absent or null gives NAN. */
gboolean
fp_json_read_number (FpJsonCtx        *ctx,
             JsonObject *object,
             const char *name,
             double      min,
             double      max,
             double     *out)
{
  JsonNode *node = fp_json_member (object, name);

  if (fp_json_is_null (node))
    {
      *out = NAN;
      return TRUE;
    }

  if (!fp_json_node_number (node, out))
    return fp_json_fail (ctx, _("the field “%s” must be a number"), name);

  if (*out < min || *out > max)
    return fp_json_fail (ctx, _("the field “%s” is %g, outside %g to %g"), name, *out, min, max);

  return TRUE;
}

gboolean
fp_json_read_required_number (FpJsonCtx        *ctx,
                      JsonObject *object,
                      const char *name,
                      double      min,
                      double      max,
                      double     *out)
{
  if (!fp_json_read_number (ctx, object, name, min, max, out))
    return FALSE;

  if (isnan (*out))
    return fp_json_fail (ctx, _("the field “%s” is missing"), name);

  return TRUE;
}

gboolean
fp_json_read_int (FpJsonCtx        *ctx,
          JsonObject *object,
          const char *name,
          int         min,
          int         max,
          int        *out)
{
  double value;

  if (!fp_json_read_number (ctx, object, name, min, max, &value))
    return FALSE;

  if (isnan (value))
    {
      *out = 0;
      return TRUE;
    }

  if (value != floor (value))
    return fp_json_fail (ctx, _("the field “%s” must be a whole number"), name);

  *out = (int) value;
  return TRUE;
}

JsonArray *
fp_json_read_array (FpJsonCtx        *ctx,
            JsonObject *object,
            const char *name,
            gboolean    required)
{
  JsonNode *node = fp_json_member (object, name);

  if (fp_json_is_null (node))
    {
      if (required)
        fp_json_fail (ctx, _("the list “%s” is missing"), name);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fp_json_fail (ctx, _("the field “%s” must be a list"), name);
      return NULL;
    }

  return json_node_get_array (node);
}

JsonObject *
fp_json_element_object (FpJsonCtx       *ctx,
                JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fp_json_fail (ctx, _("the entry is not an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

