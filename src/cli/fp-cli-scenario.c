/* fp-cli-scenario.c: footprint-cli scenario, building and sharing scenarios of changes.
 *
 * list, show, create, duplicate, rename, delete, add-change, replace-change, remove-change,
 * move-change, undo, redo, export and import. Every edit goes through FpWorkspace, which
 * holds the rules of editing; this file only reads options and prints.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "footprint-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fp-cli.h"

/* ---- scenarios ------------------------------------------------------------------- */

static FpScenario *
require_scenario (Document   *doc,
                  const char *name,
                  GError    **error)
{
  FpScenario *scenario;

  if (name == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("name the scenario with --scenario NAME"));
      return NULL;
    }

  scenario = fp_scenario_find (document_scenarios (doc), name);
  if (scenario == NULL)
    g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND, _("there is no scenario “%s”"), name);

  return scenario;
}

static int
scenario_list (Document *doc,
               gboolean  json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "scenarios");
      json_builder_begin_array (b);
      for (guint i = 0; i < document_scenarios (doc)->len; i++)
        {
          FpScenario *s = g_ptr_array_index (document_scenarios (doc), i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, s->name);
          json_builder_set_member_name (b, "description");
          s->description ? json_builder_add_string_value (b, s->description)
                         : json_builder_add_null_value (b);
          json_builder_set_member_name (b, "parent");
          s->parent ? json_builder_add_string_value (b, s->parent)
                    : json_builder_add_string_value (b, FP_DO_NOTHING);
          json_builder_set_member_name (b, "changes");
          json_builder_add_int_value (b, s->changes->len);
          json_builder_set_member_name (b, "applied");
          json_builder_add_int_value (b, s->applied);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = fp_json_to_string (root, TRUE);
      printf ("%s\n", text);
      return EXIT_OK;
    }

  printf ("%-32s %-9s %-24s %s\n", _("Scenario"), _("Changes"), _("Builds on"), _("Description"));
  printf ("%-32s %-9s %-24s %s\n", FP_DO_NOTHING, "0", "—", _("The baseline: no changes"));
  for (guint i = 0; i < document_scenarios (doc)->len; i++)
    {
      FpScenario *s = g_ptr_array_index (document_scenarios (doc), i);
      g_autofree char *count = s->applied == s->changes->len
                               ? g_strdup_printf ("%u", s->changes->len)
                               : g_strdup_printf ("%u of %u", s->applied, s->changes->len);

      printf ("%-32s %-9s %-24s %s\n", s->name, count, s->parent ? s->parent : FP_DO_NOTHING,
              s->description ? s->description : "");
    }

  return EXIT_OK;
}

static int
scenario_show (Document   *doc,
               const char *name,
               gboolean    json)
{
  g_autoptr(GError) error = NULL;
  FpScenario *s = require_scenario (doc, name, &error);

  if (s == NULL)
    return fail_error (error);

  if (json)
    {
      g_autofree char *text = fp_scenario_to_json (s);
      printf ("%s\n", text);
      return EXIT_OK;
    }

  printf ("%s\n", s->name);
  if (s->description)
    printf ("%s\n", s->description);
  printf (_("Builds on: %s\n\n"), s->parent ? s->parent : FP_DO_NOTHING);
  if (s->changes->len == 0)
    printf ("%s\n", _("No changes yet."));
  for (guint i = 0; i < s->changes->len; i++)
    {
      const FpChange *c = g_ptr_array_index (s->changes, i);
      g_autofree char *what = fp_change_describe (c, doc->estate);
      g_autofree char *confidence = fp_format_percent (c->confidence);

      printf ("%3u. %s%s\n", i + 1, what, i >= s->applied ? _("  [undone]") : "");
      printf (_("     %s, year %d, owner %s, confidence %s%s%s\n"),
              fp_change_kind_to_string (c->kind), c->year, c->owner ? c->owner : "—",
              confidence, c->note ? ", " : "", c->note ? c->note : "");
    }

  return EXIT_OK;
}

/* Sets a JSON member from a command-line value: a number, a list or text. */
static gboolean
set_number_member (JsonObject  *o,
                   const char  *member,
                   const char  *option,
                   const char  *value,
                   GError     **error)
{
  char *end = NULL;
  double number;

  if (value == NULL)
    return TRUE;

  number = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || !isfinite (number))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("--%s: “%s” is not a number"), option, value);
      return FALSE;
    }

  json_object_set_double_member (o, member, number);
  return TRUE;
}

static gboolean
set_list_member (JsonObject  *o,
                 const char  *member,
                 const char  *option,
                 const char  *value,
                 gboolean     numbers,
                 GError     **error)
{
  g_auto(GStrv) parts = NULL;
  JsonArray *array;

  if (value == NULL)
    return TRUE;

  parts = g_strsplit (value, ",", -1);
  array = json_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (numbers)
        {
          char *end = NULL;
          double number = g_ascii_strtod (parts[i], &end);

          if (end == parts[i] || *end != '\0')
            {
              json_array_unref (array);
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                           _("--%s: “%s” is not a number"), option, parts[i]);
              return FALSE;
            }
          json_array_add_double_element (array, number);
        }
      else if (*parts[i] != '\0')
        {
          json_array_add_string_element (array, parts[i]);
        }
    }

  json_object_set_array_member (o, member, array);
  return TRUE;
}

static char *
slug_id (const char *name)
{
  GString *id = g_string_new ("NEW-");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_toupper (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 4 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);

  return g_string_free (id, FALSE);
}

typedef struct
{
  char *kind, *year, *owner, *note, *confidence;
  char *site, *service, *to_site, *share, *volume, *from_setting, *to_sites, *weights;
  char *value, *disposal_costs, *receipt_retained, *m2;
  char *id, *name, *site_type, *lat, *lon, *gia_m2, *rooms, *beds, *desks, *hours;
  char *capital_cost, *running_cost, *tenure, *lease_end_year, *rate;
  char *sites, *occupancy;
} ChangeOptions;

static void
change_options_clear (ChangeOptions *o)
{
  char **fields = (char **) o;

  for (guint i = 0; i < sizeof *o / sizeof (char *); i++)
    g_free (fields[i]);
}

static FpChange *
change_from_options (ChangeOptions *opt,
                     GError       **error)
{
  g_autoptr(JsonObject) o = json_object_new ();
  struct { const char *member, *option, *value; } texts[] = {
    { "kind", "kind", opt->kind }, { "owner", "owner", opt->owner }, { "note", "note", opt->note },
    { "site", "site", opt->site }, { "service", "service", opt->service },
    { "to_site", "to-site", opt->to_site }, { "from_setting", "from-setting", opt->from_setting },
    { "id", "id", opt->id }, { "name", "name", opt->name }, { "site_type", "site-type", opt->site_type },
    { "tenure", "tenure", opt->tenure },
  };
  struct { const char *member, *option, *value; } numbers[] = {
    { "year", "year", opt->year }, { "confidence", "confidence", opt->confidence },
    { "share", "share", opt->share }, { "volume", "volume", opt->volume },
    { "value", "value", opt->value }, { "disposal_costs", "disposal-costs", opt->disposal_costs },
    { "m2", "m2", opt->m2 }, { "lat", "lat", opt->lat }, { "lon", "lon", opt->lon },
    { "gia_m2", "gia-m2", opt->gia_m2 }, { "beds", "beds", opt->beds }, { "desks", "desks", opt->desks },
    { "hours_open_per_week", "hours", opt->hours }, { "capital_cost", "capital-cost", opt->capital_cost },
    { "running_cost", "running-cost", opt->running_cost },
    { "lease_end_year", "lease-end-year", opt->lease_end_year }, { "rate", "rate", opt->rate },
    { "occupancy", "occupancy", opt->occupancy },
  };

  if (opt->kind == NULL || opt->year == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("a change needs --kind and --year"));
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].value != NULL)
      json_object_set_string_member (o, texts[i].member, texts[i].value);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    if (!set_number_member (o, numbers[i].member, numbers[i].option, numbers[i].value, error))
      return NULL;

  if (!set_list_member (o, "to_sites", "to-sites", opt->to_sites, FALSE, error) ||
      !set_list_member (o, "sites", "sites", opt->sites, FALSE, error) ||
      !set_list_member (o, "weights", "weights", opt->weights, TRUE, error))
    return NULL;

  if (opt->receipt_retained != NULL)
    {
      const char *v = opt->receipt_retained;

      if (g_ascii_strcasecmp (v, "yes") == 0 || g_ascii_strcasecmp (v, "true") == 0)
        json_object_set_boolean_member (o, "receipt_retained", TRUE);
      else if (g_ascii_strcasecmp (v, "no") == 0 || g_ascii_strcasecmp (v, "false") == 0)
        json_object_set_boolean_member (o, "receipt_retained", FALSE);
      else
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("--receipt-retained: say yes or no, not “%s”"), v);
          return NULL;
        }
    }

  if (opt->rooms != NULL)
    {
      g_auto(GStrv) pairs = g_strsplit (opt->rooms, ",", -1);
      JsonObject *rooms = json_object_new ();

      json_object_set_object_member (o, "rooms", rooms);
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
          char *end = NULL;
          double n;

          if (g_strv_length (kv) != 2)
            {
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                           _("--rooms: write room counts as consult=4,treatment=2, not “%s”"),
                           pairs[i]);
              return NULL;
            }
          n = g_ascii_strtod (kv[1], &end);
          if (end == kv[1] || *end != '\0')
            {
              g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                           _("--rooms: “%s” is not a number"), kv[1]);
              return NULL;
            }
          json_object_set_double_member (rooms, g_strstrip (kv[0]), n);
        }
    }

  if (g_strcmp0 (opt->kind, "open_site") == 0 && opt->id == NULL && opt->name != NULL)
    {
      g_autofree char *id = slug_id (opt->name);
      json_object_set_string_member (o, "id", id);
    }

  return fp_change_from_json (o, _("The change"), error);
}

static int
scenario_add_change (Document      *doc,
                     const char    *name,
                     ChangeOptions *opt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpChange) change = NULL;
  g_autofree char *what = NULL;
  FpScenario *s = require_scenario (doc, name, &error);
  g_autofree char *scenario = NULL;
  guint position = 0, dropped = 0;

  if (s == NULL)
    return fail_error (error);
  scenario = g_strdup (s->name);  /* the edit reads the scenarios anew */

  /* Adding drops the undone changes, so the scenario will hold applied + 1. */
  if (s->applied >= FP_SCENARIO_MAX_CHANGES)
    return fail (EXIT_FAILED, _("“%s” has %u changes, the most a scenario holds"), s->name,
                 s->applied);

  change = change_from_options (opt, &error);
  if (change == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  if (!fp_workspace_add_change (doc->workspace, scenario, change, &position, &dropped, &error))
    {
      if (g_error_matches (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED))
        return fail (EXIT_FAILED, _("change %u of “%s” was not added: %s"), position + 1,
                     scenario, error->message);
      return fail_error (error);
    }

  what = fp_change_describe (change, doc->estate);
  printf (_("Added change %u to “%s”: %s\n"), position + 1, scenario, what);
  if (dropped > 0)
    printf (_("(%u undone changes after it were dropped)\n"), dropped);
  return EXIT_OK;
}

/* The change --position names (from 1, as `scenario show` numbers them), from 0. */
static gboolean
parse_position (const char *option,
                const char *value,
                guint      *index,
                int        *code)
{
  guint64 n = 0;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &n, NULL))
    {
      *code = value == NULL
              ? fail (EXIT_USAGE, _("name the change with --%s N (its number in “scenario show”)"),
                      option)
              : fail (EXIT_USAGE, _("--%s: “%s” is not the number of a change"), option, value);
      return FALSE;
    }

  *index = (guint) n - 1;
  return TRUE;
}

static int
scenario_replace_change (Document      *doc,
                         const char    *name,
                         const char    *position,
                         ChangeOptions *opt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpChange) change = NULL;
  g_autofree char *what = NULL;
  FpScenario *s = require_scenario (doc, name, &error);
  g_autofree char *scenario = NULL;
  guint index;
  int code;

  if (s == NULL)
    return fail_error (error);
  scenario = g_strdup (s->name);  /* the edit reads the scenarios anew */
  if (!parse_position ("position", position, &index, &code))
    return code;

  change = change_from_options (opt, &error);
  if (change == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  if (!fp_workspace_replace_change (doc->workspace, scenario, index, change, &error))
    {
      if (g_error_matches (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED))
        return fail (EXIT_FAILED, _("change %u of “%s” was not replaced: %s"), index + 1,
                     scenario, error->message);
      return fail_error (error);
    }

  what = fp_change_describe (change, doc->estate);
  printf (_("Replaced change %u of “%s”: %s\n"), index + 1, scenario, what);
  return EXIT_OK;
}

static int
scenario_remove_change (Document   *doc,
                        const char *name,
                        const char *position)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  FpScenario *s = require_scenario (doc, name, &error);
  g_autofree char *scenario = NULL;
  guint index;
  int code;

  if (s == NULL)
    return fail_error (error);
  scenario = g_strdup (s->name);  /* the edit reads the scenarios anew */
  if (!parse_position ("position", position, &index, &code))
    return code;
  if (index < s->changes->len)
    what = fp_change_describe (g_ptr_array_index (s->changes, index), doc->estate);

  if (!fp_workspace_remove_change (doc->workspace, scenario, index, &error))
    {
      if (g_error_matches (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED))
        return fail (EXIT_FAILED, _("change %u of “%s” was not removed: %s"), index + 1,
                     scenario, error->message);
      return fail_error (error);
    }

  printf (_("Removed change %u of “%s”: %s\n"), index + 1, scenario, what);
  return EXIT_OK;
}

static int
scenario_move_change (Document   *doc,
                      const char *name,
                      const char *position,
                      const char *to_position)
{
  g_autoptr(GError) error = NULL;
  FpScenario *s = require_scenario (doc, name, &error);
  g_autofree char *scenario = NULL;
  guint from, to;
  int code;

  if (s == NULL)
    return fail_error (error);
  scenario = g_strdup (s->name);  /* the edit reads the scenarios anew */
  if (!parse_position ("position", position, &from, &code) ||
      !parse_position ("to-position", to_position, &to, &code))
    return code;

  if (!fp_workspace_move_change (doc->workspace, scenario, from, to, &error))
    {
      if (g_error_matches (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED))
        return fail (EXIT_FAILED, _("change %u of “%s” was not moved: %s"), from + 1,
                     scenario, error->message);
      return fail_error (error);
    }

  printf (_("Moved change %u of “%s” to place %u\n"), from + 1, scenario, to + 1);
  return EXIT_OK;
}

static int
scenario_step (Document   *doc,
               const char *name,
               gboolean    redo)
{
  g_autoptr(GError) error = NULL;
  FpScenario *s = require_scenario (doc, name, &error);
  const FpScenario *after;
  g_autofree char *what = NULL;
  g_autofree char *scenario = NULL;
  guint position = 0;
  gboolean ok;

  if (s == NULL)
    return fail_error (error);

  scenario = g_strdup (s->name);
  ok = redo ? fp_workspace_redo (doc->workspace, scenario, &position, &error)
            : fp_workspace_undo (doc->workspace, scenario, &position, &error);
  if (!ok)
    {
      if (g_error_matches (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED))
        return fail (EXIT_FAILED, redo ? _("the change cannot be redone: %s")
                                       : _("the change cannot be undone: %s"),
                     error->message);
      return fail_error (error);
    }

  after = fp_workspace_find_scenario (doc->workspace, scenario);
  what = fp_change_describe (g_ptr_array_index (after->changes, position), doc->estate);
  printf (redo ? _("Redone in “%s”: %s\n") : _("Undone in “%s”: %s\n"), after->name, what);
  return EXIT_OK;
}

static int
scenario_import (Document   *doc,
                 const char *file,
                 gboolean    replace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FpScenario) scenario = NULL;
  const FpScenario *saved;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (file, &contents, &length, &error))
    return fail_error (error);
  bytes = g_bytes_new_take (contents, length);

  scenario = fp_scenario_from_json (bytes, &error);
  if (scenario == NULL)
    return fail (EXIT_FAILED, _("%s: %s; nothing was imported"), file, error->message);

  saved = fp_workspace_import_scenario (doc->workspace, scenario, replace, &error);
  if (saved == NULL)
    {
      if (g_error_matches (error, FP_ERROR, FP_ERROR_EXISTS))
        return fail (EXIT_FAILED, _("%s; use --replace to replace it"), error->message);
      return fail (EXIT_FAILED, _("%s: %s; nothing was imported"), file, error->message);
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "Imported “%s” with %u change\n",
                       "Imported “%s” with %u changes\n", saved->changes->len),
          saved->name, saved->changes->len);
  return EXIT_OK;
}

int
cmd_scenario (int    argc,
              char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *description = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *new_name = NULL;
  g_autofree char *position = NULL;
  g_autofree char *to_position = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  ChangeOptions opt = { 0 };
  gboolean json = FALSE, replace = FALSE;
  const char *action;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario, N_("The scenario’s name"), N_("NAME") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("create: what it is for"), N_("TEXT") },
    { "parent", 0, 0, G_OPTION_ARG_STRING, &parent, N_("create: the scenario it builds on"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("list, show: print JSON"), NULL },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace, N_("import: replace a scenario of the same name"), NULL },
    { "new-name", 0, 0, G_OPTION_ARG_STRING, &new_name,
      N_("rename, duplicate: the new name"), N_("NAME") },
    { "position", 0, 0, G_OPTION_ARG_STRING, &position,
      N_("replace-change, remove-change, move-change: the change’s number in “scenario show”"),
      N_("N") },
    { "to-position", 0, 0, G_OPTION_ARG_STRING, &to_position,
      N_("move-change: the place it moves to"), N_("N") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &opt.kind, N_("add-change: move_service, shift_setting, exit_site, dispose_site, backfill, open_site, change_hours, change_growth, reduce_length_of_stay or change_occupancy"), N_("KIND") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &opt.year, N_("add-change: the first year it takes effect"), N_("YEAR") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &opt.owner, N_("add-change: who owns the change"), N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &opt.note, N_("add-change: a note"), N_("TEXT") },
    { "confidence", 0, 0, G_OPTION_ARG_STRING, &opt.confidence, N_("add-change: 0 to 1 (default 1)"), N_("C") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &opt.site, N_("the site id (as footprint-cli sites prints it)"), N_("ID") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &opt.service, N_("the service id"), N_("ID") },
    { "to-site", 0, 0, G_OPTION_ARG_STRING, &opt.to_site, N_("move_service: the receiving site"), N_("ID") },
    { "share", 0, 0, G_OPTION_ARG_STRING, &opt.share, N_("the share moved, 0 to 1 (reduce_length_of_stay: the cut in the stay)"), N_("P") },
    { "volume", 0, 0, G_OPTION_ARG_STRING, &opt.volume, N_("move_service: the volume moved in the first year"), N_("V") },
    { "from-setting", 0, 0, G_OPTION_ARG_STRING, &opt.from_setting, N_("shift_setting: primary_care, community, mental_health, acute, urgent_care or office"), N_("SETTING") },
    { "to-sites", 0, 0, G_OPTION_ARG_STRING, &opt.to_sites, N_("receiving sites, comma-separated"), N_("ID,ID") },
    { "weights", 0, 0, G_OPTION_ARG_STRING, &opt.weights, N_("weights of the receiving sites, comma-separated"), N_("W,W") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &opt.value, N_("dispose_site: market value, £"), N_("GBP") },
    { "disposal-costs", 0, 0, G_OPTION_ARG_STRING, &opt.disposal_costs, N_("dispose_site: disposal costs, £"), N_("GBP") },
    { "receipt-retained", 0, 0, G_OPTION_ARG_STRING, &opt.receipt_retained, N_("dispose_site: yes or no (default yes)"), N_("YES|NO") },
    { "m2", 0, 0, G_OPTION_ARG_STRING, &opt.m2, N_("backfill: the floor area let, m²"), N_("M2") },
    { "id", 0, 0, G_OPTION_ARG_STRING, &opt.id, N_("open_site: the new site’s id"), N_("ID") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &opt.name, N_("open_site: the new site’s name"), N_("TEXT") },
    { "site-type", 0, 0, G_OPTION_ARG_STRING, &opt.site_type, N_("open_site: its site type"), N_("TYPE") },
    { "lat", 0, 0, G_OPTION_ARG_STRING, &opt.lat, N_("open_site: latitude"), N_("DEG") },
    { "lon", 0, 0, G_OPTION_ARG_STRING, &opt.lon, N_("open_site: longitude"), N_("DEG") },
    { "gia-m2", 0, 0, G_OPTION_ARG_STRING, &opt.gia_m2, N_("open_site: gross internal area, m²"), N_("M2") },
    { "rooms", 0, 0, G_OPTION_ARG_STRING, &opt.rooms, N_("open_site: rooms, e.g. consult=12,treatment=4"), N_("LIST") },
    { "beds", 0, 0, G_OPTION_ARG_STRING, &opt.beds, N_("open_site: beds"), N_("N") },
    { "desks", 0, 0, G_OPTION_ARG_STRING, &opt.desks, N_("open_site: desks"), N_("N") },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &opt.hours, N_("open_site, change_hours: hours open per week"), N_("H") },
    { "capital-cost", 0, 0, G_OPTION_ARG_STRING, &opt.capital_cost, N_("open_site: capital cost, £"), N_("GBP") },
    { "running-cost", 0, 0, G_OPTION_ARG_STRING, &opt.running_cost, N_("open_site: running cost a year, £"), N_("GBP") },
    { "tenure", 0, 0, G_OPTION_ARG_STRING, &opt.tenure, N_("open_site: its tenure"), N_("TENURE") },
    { "lease-end-year", 0, 0, G_OPTION_ARG_STRING, &opt.lease_end_year, N_("open_site: the year its lease ends"), N_("YEAR") },
    { "rate", 0, 0, G_OPTION_ARG_STRING, &opt.rate, N_("change_growth: annual growth rate, e.g. 0.02"), N_("R") },
    { "sites", 0, 0, G_OPTION_ARG_STRING, &opt.sites, N_("reduce_length_of_stay, change_occupancy: the sites, comma-separated (default: every site)"), N_("ID,ID") },
    { "occupancy", 0, 0, G_OPTION_ARG_STRING, &opt.occupancy, N_("change_occupancy: the target bed occupancy, 0.5 to 1"), N_("P") },
    { NULL }
  };

  if (!parse_options ("scenario",
                      _("list|show|create|duplicate|rename|delete|add-change|replace-change|"
                        "remove-change|move-change|undo|redo|export|import [FILE]"),
                      _("Build and share scenarios of changes to the estate."),
                      entries, &argc, &argv, &code))
    {
      change_options_clear (&opt);
      return code;
    }

  if (argc < 2)
    {
      change_options_clear (&opt);
      return fail (EXIT_USAGE, _("say what to do: list, show, create, duplicate, rename, delete, "
                                 "add-change, replace-change, remove-change, move-change, undo, "
                                 "redo, export or import (try “footprint-cli scenario --help”)"));
    }

  action = argv[1];
  if (!(g_str_equal (action, "import") ? no_extra_arguments ("scenario", argc, argv, 3, &code)
                                        : no_extra_arguments ("scenario", argc, argv, 2, &code)))
    {
      change_options_clear (&opt);
      return code;
    }

  if (!document_open (&doc, document, &error))
    {
      change_options_clear (&opt);
      return fail_error (error);
    }

  if (g_str_equal (action, "list"))
    code = scenario_list (&doc, json);
  else if (g_str_equal (action, "show"))
    code = scenario_show (&doc, scenario, json);
  else if (g_str_equal (action, "create"))
    {
      const FpScenario *created;

      /* Names are trimmed and checked by the workspace (fp_scenario_normalize_name). */
      if (scenario == NULL)
        code = fail (EXIT_USAGE, _("name the new scenario with --scenario NAME"));
      else if ((created = fp_workspace_create_scenario (doc.workspace, scenario, description,
                                                        parent, &error)) == NULL)
        code = fail_error (error);
      else
        printf (_("Created “%s”\n"), created->name);
    }
  else if (g_str_equal (action, "duplicate") || g_str_equal (action, "rename"))
    {
      gboolean duplicate = g_str_equal (action, "duplicate");
      FpScenario *s = require_scenario (&doc, scenario, &error);
      g_autofree char *old_name = s != NULL ? g_strdup (s->name) : NULL;
      const FpScenario *made = NULL;

      if (s == NULL)
        code = fail_error (error);
      else if (new_name == NULL)
        code = fail (EXIT_USAGE, _("give the new name with --new-name NAME"));
      else if (duplicate &&
               (made = fp_workspace_duplicate_scenario (doc.workspace, old_name, new_name,
                                                        &error)) == NULL)
        code = fail_error (error);
      else if (!duplicate &&
               !fp_workspace_rename_scenario (doc.workspace, old_name, new_name, &error))
        code = fail_error (error);
      else if (duplicate)
        printf (_("Duplicated “%s” as “%s”\n"), old_name, made->name);
      else
        printf (_("Renamed “%s” to “%s”\n"), old_name,
                fp_workspace_find_scenario (doc.workspace, new_name)->name);
    }
  else if (g_str_equal (action, "delete"))
    {
      FpScenario *s = require_scenario (&doc, scenario, &error);

      if (s == NULL || !fp_workspace_delete_scenario (doc.workspace, s->name, &error))
        code = fail_error (error);
      else
        printf (_("Deleted “%s”\n"), scenario);
    }
  else if (g_str_equal (action, "add-change"))
    code = scenario_add_change (&doc, scenario, &opt);
  else if (g_str_equal (action, "replace-change"))
    code = scenario_replace_change (&doc, scenario, position, &opt);
  else if (g_str_equal (action, "remove-change"))
    code = scenario_remove_change (&doc, scenario, position);
  else if (g_str_equal (action, "move-change"))
    code = scenario_move_change (&doc, scenario, position, to_position);
  else if (g_str_equal (action, "undo") || g_str_equal (action, "redo"))
    code = scenario_step (&doc, scenario, g_str_equal (action, "redo"));
  else if (g_str_equal (action, "export"))
    {
      FpScenario *s = require_scenario (&doc, scenario, &error);

      if (s == NULL)
        code = fail_error (error);
      else
        {
          g_autofree char *text = fp_scenario_to_json (s);
          printf ("%s\n", text);
        }
    }
  else if (g_str_equal (action, "import"))
    {
      if (argc < 3)
        code = fail (EXIT_USAGE, _("name the scenario file to import"));
      else
        code = scenario_import (&doc, argv[2], replace);
    }
  else
    code = fail (EXIT_USAGE, _("unknown scenario action “%s” (try “footprint-cli scenario --help”)"),
                 action);

  change_options_clear (&opt);
  return code;
}

