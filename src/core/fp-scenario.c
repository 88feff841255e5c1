/* fp-scenario.c: scenarios as data, their exchange format and their checks.
 *
 * The exchange format (docs/scenarios.md):
 *   {"name": "...", "description": "...", "parent": "..." (optional),
 *    "changes": [ {"kind": "...", "year": 2027, "owner": "...", "note": "...",
 *                  "confidence": 1.0, ...the kind's fields...} ]}
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-scenario"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "fp-error.h"
#include "fp-export.h"
#include "fp-json-private.h"
#include "fp-scenario.h"

FpScenario *
fp_scenario_new (const char *name)
{
  FpScenario *scenario = g_new0 (FpScenario, 1);

  scenario->name = g_strdup (name);
  scenario->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_change_free);
  return scenario;
}

void
fp_scenario_free (FpScenario *scenario)
{
  if (scenario == NULL)
    return;

  g_free (scenario->name);
  g_free (scenario->description);
  g_free (scenario->parent);
  g_ptr_array_unref (scenario->changes);
  g_free (scenario->created_at);
  g_free (scenario->modified_at);
  g_free (scenario);
}

/**
 * fp_scenario_clean_description:
 * @description: (nullable): a scenario's description as a user gave it
 * @error: return location for an error (FP_ERROR_INVALID_DATA)
 *
 * Returns: (transfer full) (nullable): the description to keep, trimmed; %NULL with no
 *   error when it is blank
 */
char *
fp_scenario_clean_description (const char  *description,
                               GError     **error)
{
  if (description == NULL)
    return NULL;

  return fp_text_clean (description, FP_TEXT_PROSE, FP_SCENARIO_DESCRIPTION_MAX_CHARS,
                        "description", error);
}

/**
 * fp_scenario_from_json:
 * @json: (nullable): a scenario file
 * @error: return location for an error
 *
 * Reads a whole scenario file; the first bad field stops it with a message naming the
 * change and field (“Change 3 (move_service): the field “share” is 1.5, outside 0 to 1”).
 * The text is checked first (fp_json_parse(): size, nesting, keys twice, numbers, hidden
 * characters); the changes are checked field by field here; whether they apply to an
 * estate is fp_scenario_check_changes().
 *
 * Returns: (transfer full) (nullable): the scenario, with every change applied
 */
FpScenario *
fp_scenario_from_json (GBytes  *json,
                       GError **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(FpScenario) scenario = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  FpJsonCtx ctx = { _("Scenario file"), &local_error };
  JsonObject *object;
  JsonArray *changes;
  gsize size = 0;
  const char *data = json ? g_bytes_get_data (json, &size) : NULL;

  root = fp_json_parse (data, size, _("The scenario file"), FP_SCENARIO_FILE_MAX_BYTES, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The scenario file must hold one JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  if (!fp_json_read_text (&ctx, object, "name", FP_TEXT_REQUIRED, FP_SCENARIO_NAME_MAX_CHARS,
                          &name))
    goto failed;

  if (g_ascii_strcasecmp (name, FP_DO_NOTHING) == 0)
    {
      fp_json_fail (&ctx, _("“%s” is the name of the empty scenario; choose another"), name);
      goto failed;
    }

  scenario = fp_scenario_new (name);
  if (!fp_json_read_text (&ctx, object, "description", FP_TEXT_PROSE,
                          FP_SCENARIO_DESCRIPTION_MAX_CHARS, &scenario->description) ||
      !fp_json_read_text (&ctx, object, "parent", FP_TEXT_NONBLANK, FP_SCENARIO_NAME_MAX_CHARS,
                          &scenario->parent))
    goto failed;

  changes = fp_json_read_array (&ctx, object, "changes", TRUE);
  if (changes == NULL)
    goto failed;

  if (json_array_get_length (changes) > FP_SCENARIO_MAX_CHANGES)
    {
      fp_json_fail (&ctx, _("it has %u changes; a scenario holds at most %u changes"),
                    json_array_get_length (changes), FP_SCENARIO_MAX_CHANGES);
      goto failed;
    }

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      g_autofree char *where = g_strdup_printf (_("Change %u"), i + 1);
      FpJsonCtx c = { where, &local_error };
      JsonObject *o = fp_json_element_object (&c, changes, i);
      FpChange *change;

      if (o == NULL)
        goto failed;
      change = fp_change_from_json (o, where, &local_error);
      if (change == NULL)
        goto failed;
      g_ptr_array_add (scenario->changes, change);
    }

  scenario->applied = scenario->changes->len;
  return g_steal_pointer (&scenario);

failed:
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/**
 * fp_scenario_to_json:
 * @scenario: a scenario
 *
 * Returns: (transfer full): the scenario in the exchange format, with the changes in
 *   effect (undone changes are not exported)
 */
char *
fp_scenario_to_json (const FpScenario *scenario)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, scenario->name);
  json_builder_set_member_name (b, "description");
  if (scenario->description != NULL)
    json_builder_add_string_value (b, scenario->description);
  else
    json_builder_add_null_value (b);
  if (scenario->parent != NULL)
    {
      json_builder_set_member_name (b, "parent");
      json_builder_add_string_value (b, scenario->parent);
    }
  json_builder_set_member_name (b, "changes");
  json_builder_begin_array (b);
  for (guint i = 0; i < scenario->applied && i < scenario->changes->len; i++)
    json_builder_add_value (b, fp_change_to_json (g_ptr_array_index (scenario->changes, i), TRUE));
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  return fp_json_to_string (root, TRUE);
}

FpScenario *
fp_scenario_find (GPtrArray  *scenarios,
                  const char *name)
{
  for (guint i = 0; name != NULL && i < scenarios->len; i++)
    {
      FpScenario *s = g_ptr_array_index (scenarios, i);

      if (g_ascii_strcasecmp (s->name, name) == 0)
        return s;
    }

  return NULL;
}

/**
 * fp_scenario_effective_changes:
 * @scenarios: (element-type FpScenario): every scenario of the document
 * @name: (nullable): a scenario's name; %NULL or “Do nothing” for the empty scenario
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type FpChange) (nullable): the parent's changes
 *   in effect, then the scenario's own; the changes are borrowed from @scenarios
 */
GPtrArray *
fp_scenario_effective_changes (GPtrArray  *scenarios,
                               const char *name,
                               GError    **error)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GPtrArray *changes = g_ptr_array_new ();
  FpScenario *s;

  if (name == NULL || g_ascii_strcasecmp (name, FP_DO_NOTHING) == 0)
    return changes;

  s = fp_scenario_find (scenarios, name);
  if (s == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no scenario “%s”"), name);
      g_ptr_array_unref (changes);
      return NULL;
    }

  /* Walk up to the root; a loop (which the store prevents) is cut at the first repeat. */
  while (s != NULL && !g_ptr_array_find (chain, s, NULL))
    {
      g_ptr_array_insert (chain, 0, s);
      s = s->parent ? fp_scenario_find (scenarios, s->parent) : NULL;
    }

  for (guint i = 0; i < chain->len; i++)
    {
      FpScenario *link = g_ptr_array_index (chain, i);

      for (guint c = 0; c < link->applied && c < link->changes->len; c++)
        g_ptr_array_add (changes, g_ptr_array_index (link->changes, c));
    }

  return changes;
}

/**
 * fp_scenario_check_changes:
 * @model: the baseline
 * @base_changes: (element-type FpChange) (nullable): changes already in effect
 * @changes: (element-type FpChange): changes to check after them
 * @error: return location for an error
 *
 * Applies the changes to a scratch engine. The first that cannot apply is named in
 * @error (“Change 4: “From 2027, leave X” cannot apply: ...”).
 *
 * Returns: %TRUE if every change applies
 */
gboolean
fp_scenario_check_changes (const FpModel *model,
                           GPtrArray     *base_changes,
                           GPtrArray     *changes,
                           GError       **error)
{
  g_autoptr(FpEngine) engine = fp_engine_new (model);
  guint n_base = base_changes ? base_changes->len : 0;

  for (guint i = 0; i < n_base; i++)
    if (!fp_engine_apply (engine, g_ptr_array_index (base_changes, i), error))
      {
        g_prefix_error (error, _("A change of the parent scenario no longer applies: "));
        return FALSE;
      }

  for (guint i = 0; i < changes->len; i++)
    if (!fp_engine_apply (engine, g_ptr_array_index (changes, i), error))
      {
        g_prefix_error (error, _("Change %u: "), i + 1);
        return FALSE;
      }

  return TRUE;
}

/* ---- Editing: names, copies, and what a scenario's changes build on --------------- */

/**
 * fp_scenario_copy:
 * @scenario: a scenario
 *
 * Returns: (transfer full): a copy, with copies of every change (in effect and undone)
 */
FpScenario *
fp_scenario_copy (const FpScenario *scenario)
{
  FpScenario *copy = fp_scenario_new (scenario->name);

  copy->id = scenario->id;
  copy->description = g_strdup (scenario->description);
  copy->parent = g_strdup (scenario->parent);
  copy->applied = scenario->applied;
  copy->created_at = g_strdup (scenario->created_at);
  copy->modified_at = g_strdup (scenario->modified_at);
  for (guint i = 0; i < scenario->changes->len; i++)
    g_ptr_array_add (copy->changes, fp_change_copy (g_ptr_array_index (scenario->changes, i)));
  return copy;
}

/* Characters that would make a name read differently from what it holds: controls
 * (including the escape that starts a terminal's colour codes) and the Unicode marks that
 * reverse or isolate the direction of text. */
static gboolean
is_hidden_character (gunichar c)
{
  return g_unichar_iscntrl (c) || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/**
 * fp_scenario_normalize_name:
 * @name: (nullable): a name a user gave a scenario
 * @error: return location for an error
 *
 * A scenario's name is trimmed; it must then be non-empty, at most
 * %FP_SCENARIO_NAME_MAX characters, hold no control or text-direction characters, and not
 * be “Do nothing” (in any case), the empty scenario every document has.
 *
 * Returns: (transfer full) (nullable): the name as it is kept, or %NULL with @error set
 */
char *
fp_scenario_normalize_name (const char  *name,
                            GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *do_nothing = NULL;
  glong length;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A scenario’s name must be text"));
      return NULL;
    }

  /* Trim every kind of blank, not only ASCII ones: “Do nothing\u00a0” is Do nothing. */
  {
    const char *start = name, *end = name + strlen (name);

    while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
      start = g_utf8_next_char (start);
    while (end > start)
      {
        const char *prev = g_utf8_prev_char (end);

        if (!g_unichar_isspace (g_utf8_get_char (prev)))
          break;
        end = prev;
      }
    trimmed = g_strndup (start, end - start);
  }
  if (*trimmed == '\0')
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A scenario’s name is empty; give it one"));
      return NULL;
    }

  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    if (is_hidden_character (g_utf8_get_char (p)))
      {
        g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                     _("A scenario’s name cannot hold a control character or a bidirectional "
                       "mark (which changes the direction of text)"));
        return NULL;
      }

  length = g_utf8_strlen (trimmed, -1);
  if (length > FP_SCENARIO_NAME_MAX)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A scenario’s name is at most %d characters; this one has %ld"),
                   FP_SCENARIO_NAME_MAX, length);
      return NULL;
    }

  folded = g_utf8_casefold (trimmed, -1);
  do_nothing = g_utf8_casefold (FP_DO_NOTHING, -1);
  if (g_str_equal (folded, do_nothing))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s” is the name of the empty scenario; choose another"), trimmed);
      return NULL;
    }

  return g_steal_pointer (&trimmed);
}

/**
 * fp_scenario_is_do_nothing:
 * @name: (nullable): a scenario's name
 *
 * Returns: whether @name is %NULL or names the empty scenario
 */
gboolean
fp_scenario_is_do_nothing (const char *name)
{
  return name == NULL || g_ascii_strcasecmp (name, FP_DO_NOTHING) == 0;
}

/* Whether @s builds on @ancestor, directly or through others. */
static gboolean
builds_on (GPtrArray        *scenarios,
           const FpScenario *s,
           const FpScenario *ancestor)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  while (s != NULL && s->parent != NULL && !g_ptr_array_find (seen, s, NULL))
    {
      g_ptr_array_add (seen, (gpointer) s);
      s = fp_scenario_find (scenarios, s->parent);
      if (s == ancestor)
        return TRUE;
    }

  return FALSE;
}

/**
 * fp_scenario_descendants:
 * @scenarios: (element-type FpScenario): every scenario of the document
 * @name: a scenario's name
 *
 * Returns: (transfer container) (element-type FpScenario): the scenarios that build on
 *   @name, directly or through others (borrowed from @scenarios)
 */
GPtrArray *
fp_scenario_descendants (GPtrArray  *scenarios,
                         const char *name)
{
  GPtrArray *descendants = g_ptr_array_new ();
  FpScenario *ancestor = fp_scenario_find (scenarios, name);

  for (guint i = 0; ancestor != NULL && i < scenarios->len; i++)
    {
      FpScenario *s = g_ptr_array_index (scenarios, i);

      if (s != ancestor && builds_on (scenarios, s, ancestor))
        g_ptr_array_add (descendants, s);
    }

  return descendants;
}

/**
 * fp_scenario_check:
 * @model: the baseline
 * @scenarios: (element-type FpScenario): every scenario of the document
 * @name: a scenario's name
 * @error: return location for an error
 *
 * Applies the scenario's changes in effect (its parent's first) to a scratch engine. The
 * first that cannot apply is named by its scenario and place (“Change 2 of “Hubs” would
 * no longer apply: “From 2027, leave X” cannot apply: ...”).
 *
 * Returns: %TRUE if every change in effect applies
 */
gboolean
fp_scenario_check (const FpModel *model,
                   GPtrArray     *scenarios,
                   const char    *name,
                   GError       **error)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  g_autoptr(FpEngine) engine = fp_engine_new (model);
  FpScenario *s = fp_scenario_find (scenarios, name);

  if (s == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("There is no scenario “%s”"), name);
      return FALSE;
    }

  while (s != NULL && !g_ptr_array_find (chain, s, NULL))
    {
      g_ptr_array_insert (chain, 0, s);
      s = s->parent ? fp_scenario_find (scenarios, s->parent) : NULL;
    }

  for (guint i = 0; i < chain->len; i++)
    {
      FpScenario *link = g_ptr_array_index (chain, i);

      for (guint c = 0; c < link->applied && c < link->changes->len; c++)
        if (!fp_engine_apply (engine, g_ptr_array_index (link->changes, c), error))
          {
            g_prefix_error (error, _("Change %u of “%s” would no longer apply: "), c + 1,
                            link->name);
            return FALSE;
          }
    }

  return TRUE;
}
