/* fp-cli.c: footprint-cli, the headless front end of the core.
 *
 * Each command parses its own options, opens the document through the core and prints
 * to stdout. Every failure is one line on stderr and a non-zero exit: 1 when the command
 * could not do its work (or, for validate, found problems), 2 for a usage error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "footprint-cli"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "footprint-core.h"

enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Command;

static const char *prog_name = "footprint-cli";

static int G_GNUC_PRINTF (2, 3)
fail (int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fflush (stdout);
  fprintf (stderr, "%s: %s\n", prog_name, message);
  return code;
}

static int
fail_error (const GError *error)
{
  return fail (EXIT_FAILED, "%s", error->message);
}

/* Parses a command's options; on a usage error prints one line and returns FALSE. */
static gboolean
parse_options (const char   *command,
               const char   *parameter,
               const char   *description,
               GOptionEntry *entries,
               int          *argc,
               char       ***argv,
               int          *exit_code)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);
  g_autoptr(GError) error = NULL;
  g_autofree char *prog = g_strdup_printf ("footprint-cli %s", command);

  g_set_prgname (prog);
  g_option_context_set_summary (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_code = fail (EXIT_USAGE, _("%s (try “footprint-cli %s --help”)"),
                         error->message, command);
      return FALSE;
    }

  return TRUE;
}

static gboolean
no_extra_arguments (const char *command,
                    int         argc,
                    char      **argv,
                    int         first,
                    int        *exit_code)
{
  if (argc > first)
    {
      *exit_code = fail (EXIT_USAGE, _("unexpected argument “%s” (try “footprint-cli %s --help”)"),
                         argv[first], command);
      return FALSE;
    }

  return TRUE;
}

/* Opens the named document, or the user's default one (created on first use). */
static FpStore *
open_document (const char *path,
               GError    **error)
{
  gboolean created = FALSE;
  FpStore *store = fp_store_open_or_create_default (path, &created, error);

  if (store != NULL && created)
    fprintf (stderr, _("%s: created %s from the built-in Birmingham and Solihull dataset\n"),
             prog_name, fp_store_get_path (store));

  return store;
}

/* Everything a command that reads the document needs: the workspace, and its parts by name. The parts
 * are borrowed from the workspace. */
typedef struct
{
  FpWorkspace     *workspace;
  FpStore         *store;
  const FpEstate  *estate;
  const FpModel   *model;
  GPtrArray       *scenarios;
} Document;

static void
document_clear (Document *doc)
{
  g_clear_object (&doc->workspace);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Document, document_clear)

static gboolean
document_open (Document   *doc,
               const char *path,
               GError    **error)
{
  g_autoptr(FpStore) store = open_document (path, error);

  if (store == NULL)
    return FALSE;

  doc->workspace = fp_workspace_new_for_store (store, error);
  if (doc->workspace == NULL)
    return FALSE;

  doc->store = fp_workspace_get_store (doc->workspace);
  doc->estate = fp_workspace_get_estate (doc->workspace);
  doc->model = fp_workspace_get_model (doc->workspace);
  doc->scenarios = fp_workspace_get_scenarios (doc->workspace);
  return TRUE;
}

/* ---- init ------------------------------------------------------------------------ */

static int
cmd_init (int    argc,
          char **argv)
{
  g_autofree char *document = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document to create (default: the user’s document)"), N_("PATH") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace the document if it exists"), NULL },
    { NULL }
  };

  if (!parse_options ("init", NULL,
                      _("Create a document from the built-in Birmingham and Solihull dataset."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("init", argc, argv, 1, &code))
    return code;

  if (document == NULL)
    document = fp_store_default_path ();

  if (g_file_test (document, G_FILE_TEST_EXISTS))
    {
      g_autofree char *backup = NULL;

      if (!force)
        return fail (EXIT_FAILED, _("“%s” already exists; use --force to replace it"), document);

      /* Build the new document beside the old one, then swap, so a failure keeps the old. */
      backup = g_strconcat (document, ".replaced", NULL);
      g_unlink (backup);
      if (g_rename (document, backup) != 0)
        return fail (EXIT_FAILED, _("could not move “%s” aside to replace it: %s"),
                     document, g_strerror (errno));

      store = fp_store_create_default (document, &error);
      if (store == NULL)
        {
          g_rename (backup, document);
          return fail_error (error);
        }

      for (const char *suffix = "-wal"; suffix != NULL;
           suffix = g_str_equal (suffix, "-wal") ? "-shm" : NULL)
        {
          g_autofree char *side = g_strconcat (backup, suffix, NULL);
          g_unlink (side);
        }
      g_unlink (backup);
    }
  else
    {
      store = fp_store_create_default (document, &error);
      if (store == NULL)
        return fail_error (error);
    }

  printf (_("Created %s\n"), document);
  return EXIT_OK;
}

/* ---- summary --------------------------------------------------------------------- */

static void
print_row (const char *label,
           const char *value,
           const char *note)
{
  printf ("  %-34s %16s%s%s\n", label, value, note ? "  " : "", note ? note : "");
}

static const char *
prov_note (const FpProvSummary *prov)
{
  switch (prov->kind)
    {
    case FP_PROV_MEASURED:
      return _("(measured)");
    case FP_PROV_ESTIMATED:
      return _("(estimated)");
    case FP_PROV_ASSUMED:
      return _("(assumed)");
    case FP_PROV_NONE:
    case FP_N_PROV_KINDS:
    default:
      return NULL;
    }
}

static void
print_summary_table (const FpEstate  *estate,
                     const FpSummary *s)
{
  g_autofree char *sites = fp_format_count (s->sites);
  g_autofree char *placed = fp_format_count (s->sites_placed);
  g_autofree char *unplaced = fp_format_count (s->sites_unplaced);
  g_autofree char *closed = fp_format_count (s->sites_possibly_closed);
  g_autofree char *rows = fp_format_count (s->source_rows);
  g_autofree char *interests = fp_format_count (s->property_interests);
  g_autofree char *orgs = fp_format_count (s->organisations);
  g_autofree char *zones = fp_format_count (s->zones);
  g_autofree char *population = fp_format_count ((double) s->population);
  g_autofree char *gps = fp_format_count (s->gp_practices_active);
  g_autofree char *gia = fp_format_area (s->figures[FP_SUMMARY_GIA]);
  g_autofree char *running = fp_format_money (s->figures[FP_SUMMARY_RUNNING_COST]);
  g_autofree char *void_total = fp_format_money (s->figures[FP_SUMMARY_VOID_COST]);
  g_autofree char *void_lift = fp_format_money (s->figures[FP_SUMMARY_VOID_COST_LIFT]);
  g_autofree char *void_nhsps = fp_format_money (s->figures[FP_SUMMARY_VOID_COST_NHSPS]);
  g_autofree char *ae = fp_format_count (s->figures[FP_SUMMARY_AE]);
  g_autofree char *plan = fp_format_count (s->plan_buildings);

  printf (_("%s, base year %d\n\n"), estate->name ? estate->name : _("Estate"), s->base_year);
  print_row (_("Sites (buildings)"), sites, NULL);
  print_row (_("  placed on the map"), placed, NULL);
  print_row (_("  with no known location"), unplaced, NULL);
  print_row (_("  possibly closed"), closed, NULL);
  print_row (_("Buildings in the 2016 estates plan"), plan, _("(circa)"));
  print_row (_("Source rows behind the sites"), rows, NULL);
  print_row (_("Property interests"), interests, NULL);
  print_row (_("Organisations"), orgs, NULL);
  print_row (_("Zones (LSOA 2021)"), zones, NULL);
  print_row (_("Population"), population, NULL);
  print_row (_("Active GP practices"), gps, NULL);
  print_row (_("Gross internal area"), gia, prov_note (&s->prov[FP_SUMMARY_GIA]));
  print_row (_("Running cost a year"), running, prov_note (&s->prov[FP_SUMMARY_RUNNING_COST]));
  print_row (_("Void cost a year"), void_total, prov_note (&s->prov[FP_SUMMARY_VOID_COST]));
  print_row (_("  in LIFT buildings"), void_lift, prov_note (&s->prov[FP_SUMMARY_VOID_COST_LIFT]));
  print_row (_("  in NHS Property Services buildings"), void_nhsps,
             prov_note (&s->prov[FP_SUMMARY_VOID_COST_NHSPS]));
  print_row (_("A&E attendances a year"), ae, prov_note (&s->prov[FP_SUMMARY_AE]));

  printf ("\n%s\n", _("Sites by type"));
  for (guint t = 0; t < FP_N_SITE_TYPES; t++)
    {
      g_autofree char *n = fp_format_count (s->sites_by_type[t]);
      print_row (fp_site_type_to_label (t), n, NULL);
    }

  printf ("\n%s\n", _("Sites by tenure"));
  for (guint t = 0; t < FP_N_TENURES; t++)
    {
      g_autofree char *n = fp_format_count (s->sites_by_tenure[t]);
      print_row (fp_tenure_to_label (t), n, NULL);
    }

  if (estate->gap_note != NULL)
    printf ("\n%s\n", estate->gap_note);
}

static int
cmd_summary (int    argc,
             char **argv)
{
  g_autofree char *document = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  if (!parse_options ("summary", NULL, _("Print the counts and totals of the estate."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("summary", argc, argv, 1, &code))
    return code;

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  if (json)
    {
      g_autofree char *text = fp_export_summary_json (doc.estate,
                                                      fp_workspace_get_summary (doc.workspace));
      printf ("%s\n", text);
    }
  else
    {
      print_summary_table (doc.estate, fp_workspace_get_summary (doc.workspace));
    }

  return EXIT_OK;
}

/* ---- sites ----------------------------------------------------------------------- */

static int
cmd_sites (int    argc,
           char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("csv or json (default csv)"),
      N_("FORMAT") },
    { NULL }
  };

  if (!parse_options ("sites", NULL,
                      _("List every site with all its fields and where each value came from."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("sites", argc, argv, 1, &code))
    return code;

  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return fail (EXIT_USAGE, _("unknown format “%s”; use csv or json"), format);

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  if (format != NULL && g_str_equal (format, "json"))
    {
      text = fp_export_sites_json (doc.estate);
      printf ("%s\n", text);
    }
  else
    {
      text = fp_export_sites_csv (doc.estate);
      fputs (text, stdout);
    }

  return EXIT_OK;
}

/* ---- validate -------------------------------------------------------------------- */

static int
cmd_validate (int    argc,
              char **argv)
{
  g_autofree char *document = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(GPtrArray) integrity = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { NULL }
  };

  if (!parse_options ("validate", NULL,
                      _("Check the document's integrity and data rules; print each problem."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("validate", argc, argv, 1, &code))
    return code;

  store = open_document (document, &error);
  if (store == NULL)
    return fail_error (error);

  if (!fp_store_check_integrity (store, integrity, &error))
    return fail_error (error);

  estate = fp_store_load_estate (store, &error);
  if (estate == NULL)
    return fail_error (error);

  problems = fp_validate_estate (estate);

  for (guint i = 0; i < integrity->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (integrity, i));
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = fp_problem_to_string (g_ptr_array_index (problems, i));
      printf ("%s\n", line);
    }

  if (integrity->len + problems->len > 0)
    return fail (EXIT_FAILED, g_dngettext (GETTEXT_PACKAGE, "%u problem in %s",
                                           "%u problems in %s",
                                           integrity->len + problems->len),
                 integrity->len + problems->len, fp_store_get_path (store));

  printf (_("%s: no problems (%u sites checked)\n"), fp_store_get_path (store),
          estate->sites->len);
  return EXIT_OK;
}

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

  scenario = fp_scenario_find (doc->scenarios, name);
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
      for (guint i = 0; i < doc->scenarios->len; i++)
        {
          FpScenario *s = g_ptr_array_index (doc->scenarios, i);

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
  for (guint i = 0; i < doc->scenarios->len; i++)
    {
      FpScenario *s = g_ptr_array_index (doc->scenarios, i);
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
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autofree char *what = NULL;
  FpScenario *s = require_scenario (doc, name, &error);

  if (s == NULL)
    return fail_error (error);

  change = change_from_options (opt, &error);
  if (change == NULL)
    return fail (EXIT_USAGE, "%s", error->message);

  base = fp_scenario_effective_changes (doc->scenarios, s->name, &error);
  if (base == NULL)
    return fail_error (error);

  g_ptr_array_add (one, change);
  if (!fp_scenario_check_changes (doc->model, base, one, &error))
    {
      /* Name it as the scenario will number it. */
      g_autofree char *prefix = g_strdup_printf (_("Change %u: "), 1);
      const char *message = error->message;

      if (g_str_has_prefix (message, prefix))
        message += strlen (prefix);
      return fail (EXIT_FAILED, _("change %u of “%s” was not added: %s"), s->applied + 1,
                   s->name, message);
    }

  if (!fp_store_add_change (doc->store, s->name, change, &error))
    return fail_error (error);

  what = fp_change_describe (change, doc->estate);
  printf (_("Added change %u to “%s”: %s\n"), s->applied + 1, s->name, what);
  if (s->applied < s->changes->len)
    printf (_("(%u undone changes after it were dropped)\n"), s->changes->len - s->applied);
  return EXIT_OK;
}

static int
scenario_step (Document   *doc,
               const char *name,
               gboolean    redo)
{
  g_autoptr(GError) error = NULL;
  FpScenario *s = require_scenario (doc, name, &error);
  const FpChange *change;
  g_autofree char *what = NULL;

  if (s == NULL)
    return fail_error (error);

  if (!redo && s->applied == 0)
    return fail (EXIT_FAILED, _("“%s” has no change to undo"), s->name);
  if (redo && s->applied >= s->changes->len)
    return fail (EXIT_FAILED, _("“%s” has no undone change to redo"), s->name);

  if (redo)
    {
      g_autoptr(GPtrArray) base = fp_scenario_effective_changes (doc->scenarios, s->name, &error);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      if (base == NULL)
        return fail_error (error);
      g_ptr_array_add (one, g_ptr_array_index (s->changes, s->applied));
      if (!fp_scenario_check_changes (doc->model, base, one, &error))
        return fail (EXIT_FAILED, _("the change cannot be redone: %s"), error->message);
    }

  change = g_ptr_array_index (s->changes, redo ? s->applied : s->applied - 1);
  if (!fp_store_set_applied (doc->store, s->name, redo ? s->applied + 1 : s->applied - 1, &error))
    return fail_error (error);

  what = fp_change_describe (change, doc->estate);
  printf (redo ? _("Redone in “%s”: %s\n") : _("Undone in “%s”: %s\n"), s->name, what);
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
  g_autoptr(GPtrArray) base = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (file, &contents, &length, &error))
    return fail_error (error);
  bytes = g_bytes_new_take (contents, length);

  scenario = fp_scenario_from_json (bytes, &error);
  if (scenario == NULL)
    return fail (EXIT_FAILED, _("%s: %s; nothing was imported"), file, error->message);

  if (scenario->parent != NULL && fp_scenario_find (doc->scenarios, scenario->parent) == NULL)
    return fail (EXIT_FAILED, _("%s: the parent scenario “%s” does not exist; nothing was "
                                "imported"), file, scenario->parent);
  if (scenario->parent != NULL && g_ascii_strcasecmp (scenario->parent, scenario->name) == 0)
    return fail (EXIT_FAILED, _("%s: a scenario cannot be its own parent"), file);

  base = fp_scenario_effective_changes (doc->scenarios, scenario->parent, &error);
  if (base == NULL)
    return fail_error (error);

  if (!fp_scenario_check_changes (doc->model, base, scenario->changes, &error))
    return fail (EXIT_FAILED, _("%s: %s; nothing was imported"), file, error->message);

  if (!fp_store_insert_scenario (doc->store, scenario, replace, &error))
    {
      if (g_error_matches (error, FP_ERROR, FP_ERROR_EXISTS))
        return fail (EXIT_FAILED, _("%s; use --replace to replace it"), error->message);
      return fail_error (error);
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "Imported “%s” with %u change\n",
                       "Imported “%s” with %u changes\n", scenario->changes->len),
          scenario->name, scenario->changes->len);
  return EXIT_OK;
}

static int
cmd_scenario (int    argc,
              char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *description = NULL;
  g_autofree char *parent = NULL;
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
    { "kind", 0, 0, G_OPTION_ARG_STRING, &opt.kind, N_("add-change: move_service, shift_setting, exit_site, dispose_site, backfill, open_site, change_hours or change_growth"), N_("KIND") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &opt.year, N_("add-change: the first year it takes effect"), N_("YEAR") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &opt.owner, N_("add-change: who owns the change"), N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &opt.note, N_("add-change: a note"), N_("TEXT") },
    { "confidence", 0, 0, G_OPTION_ARG_STRING, &opt.confidence, N_("add-change: 0 to 1 (default 1)"), N_("C") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &opt.site, N_("the site id (as footprint-cli sites prints it)"), N_("ID") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &opt.service, N_("the service id"), N_("ID") },
    { "to-site", 0, 0, G_OPTION_ARG_STRING, &opt.to_site, N_("move_service: the receiving site"), N_("ID") },
    { "share", 0, 0, G_OPTION_ARG_STRING, &opt.share, N_("the share moved, 0 to 1"), N_("P") },
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
    { NULL }
  };

  if (!parse_options ("scenario", _("list|show|create|delete|add-change|undo|redo|export|import [FILE]"),
                      _("Build and share scenarios of changes to the estate."),
                      entries, &argc, &argv, &code))
    {
      change_options_clear (&opt);
      return code;
    }

  if (argc < 2)
    {
      change_options_clear (&opt);
      return fail (EXIT_USAGE, _("say what to do: list, show, create, delete, add-change, undo, "
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
      g_autoptr(FpScenario) s = NULL;

      if (scenario == NULL)
        code = fail (EXIT_USAGE, _("name the new scenario with --scenario NAME"));
      else if (g_ascii_strcasecmp (scenario, FP_DO_NOTHING) == 0)
        code = fail (EXIT_FAILED, _("“%s” is the empty scenario; choose another name"), scenario);
      else if (parent != NULL && g_ascii_strcasecmp (parent, FP_DO_NOTHING) != 0 &&
               fp_scenario_find (doc.scenarios, parent) == NULL)
        code = fail (EXIT_FAILED, _("there is no scenario “%s” to build on"), parent);
      else
        {
          s = fp_scenario_new (scenario);
          s->description = g_strdup (description);
          if (parent != NULL && g_ascii_strcasecmp (parent, FP_DO_NOTHING) != 0)
            s->parent = g_strdup (parent);
          if (!fp_store_insert_scenario (doc.store, s, FALSE, &error))
            code = fail_error (error);
          else
            printf (_("Created “%s”\n"), scenario);
        }
    }
  else if (g_str_equal (action, "delete"))
    {
      FpScenario *s = require_scenario (&doc, scenario, &error);

      if (s == NULL || !fp_store_delete_scenario (doc.store, s->name, &error))
        code = fail_error (error);
      else
        printf (_("Deleted “%s”\n"), scenario);
    }
  else if (g_str_equal (action, "add-change"))
    code = scenario_add_change (&doc, scenario, &opt);
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

/* ---- compute --------------------------------------------------------------------- */

static FpResults *
results_for (Document   *doc,
             const char *scenario,
             GError    **error)
{
  return fp_workspace_compute (doc->workspace, scenario, error);
}

static const char *
display_name (Document   *doc,
              const char *scenario)
{
  FpScenario *s = scenario ? fp_scenario_find (doc->scenarios, scenario) : NULL;

  return s ? s->name : scenario ? scenario : FP_DO_NOTHING;
}

/* The year a command works on: the base year unless --year names one in the horizon. */
static gboolean
resolve_year (Document *doc,
              int      *year,
              GError  **error)
{
  int base = fp_model_get_base_year (doc->model);
  int last = base + (int) fp_model_get_n_years (doc->model) - 1;

  if (*year == 0)
    *year = base;
  if (*year < base || *year > last)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("the year %d is outside the horizon %d to %d"), *year, base, last);
      return FALSE;
    }

  return TRUE;
}

static int
cmd_compute (int    argc,
             char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) results = NULL;
  int year = 0, code = EXIT_OK;
  const char *name;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario, N_("The scenario (default: Do nothing)"), N_("NAME") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year (default: the base year)"), N_("YEAR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json or csv (default json)"), N_("FORMAT") },
    { NULL }
  };

  if (!parse_options ("compute", NULL,
                      _("Compute utilisation, costs, voids and categories of every site for a "
                        "scenario and year."), entries, &argc, &argv, &code) ||
      !no_extra_arguments ("compute", argc, argv, 1, &code))
    return code;

  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return fail (EXIT_USAGE, _("unknown format “%s”; use json or csv"), format);

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  if (!resolve_year (&doc, &year, &error))
    return fail_error (error);

  results = results_for (&doc, scenario, &error);
  if (results == NULL)
    return fail_error (error);

  name = display_name (&doc, scenario);
  if (format != NULL && g_str_equal (format, "csv"))
    {
      text = fp_export_compute_csv (doc.model, results, name,
                                    (guint) (year - fp_model_get_base_year (doc.model)));
      fputs (text, stdout);
    }
  else
    {
      text = fp_export_compute_json (doc.model, results, name,
                                     (guint) (year - fp_model_get_base_year (doc.model)));
      printf ("%s\n", text);
    }

  return EXIT_OK;
}

/* ---- access ---------------------------------------------------------------------- */

static int
cmd_access (int    argc,
            char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *compare_to = NULL;
  g_autofree char *service = NULL;
  g_autofree char *format = NULL;
  g_autofree char *text = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) results = NULL;
  g_autoptr(FpResults) other = NULL;
  g_autoptr(FpAccess) access = NULL;
  g_autoptr(FpAccess) compare = NULL;
  gboolean zones = FALSE;
  int year = 0, code = EXIT_OK, base;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario, N_("The scenario (default: Do nothing)"), N_("NAME") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_("The year (default: the base year)"), N_("YEAR") },
    { "service", 0, 0, G_OPTION_ARG_STRING, &service,
      N_("One service, site type (e.g. urgent_care_centre) or group (urgent_care_or_walk_in)"), N_("ID") },
    { "zones", 0, 0, G_OPTION_ARG_NONE, &zones, N_("List each zone’s nearest site and distance"), NULL },
    { "compare-to", 0, 0, G_OPTION_ARG_STRING, &compare_to,
      N_("Show what changed against another scenario (e.g. \"Do nothing\")"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json or csv (default json)"), N_("FORMAT") },
    { NULL }
  };

  if (!parse_options ("access", NULL,
                      _("How far people are from each service: distances, shares within a "
                        "threshold, and the most deprived fifth and over-65s apart."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("access", argc, argv, 1, &code))
    return code;

  if (format != NULL && !g_str_equal (format, "csv") && !g_str_equal (format, "json"))
    return fail (EXIT_USAGE, _("unknown format “%s”; use json or csv"), format);

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  if (!resolve_year (&doc, &year, &error))
    return fail_error (error);
  base = fp_model_get_base_year (doc.model);

  results = results_for (&doc, scenario, &error);
  if (results == NULL)
    return fail_error (error);

  access = fp_access_compute (doc.model, results, (guint) (year - base));
  if (service != NULL)
    {
      gboolean known = FALSE;

      for (guint i = 0; i < access->sets->len && !known; i++)
        known = g_str_equal (((FpAccessSet *) g_ptr_array_index (access->sets, i))->id, service);
      if (!known)
        return fail (EXIT_FAILED, _("“%s” is not a service, site type or group of this document"),
                     service);
    }

  if (compare_to != NULL)
    {
      other = results_for (&doc, compare_to, &error);
      if (other == NULL)
        return fail_error (error);
      compare = fp_access_compute (doc.model, other, (guint) (year - base));
    }

  if (format != NULL && g_str_equal (format, "csv"))
    {
      text = fp_export_access_csv (doc.model, results, access, compare,
                                   display_name (&doc, scenario), service, zones);
      fputs (text, stdout);
    }
  else
    {
      text = fp_export_access_json (doc.model, results, access, compare,
                                    display_name (&doc, scenario),
                                    compare_to ? display_name (&doc, compare_to) : NULL,
                                    service, zones);
      printf ("%s\n", text);
    }

  return EXIT_OK;
}

/* ---- category overrides -------------------------------------------------------- */

static gboolean
site_known (Document   *doc,
            const char *id,
            const char *scenario)
{
  g_autoptr(GPtrArray) changes = NULL;

  if (fp_estate_find_site (doc->estate, id, NULL))
    return TRUE;

  /* Or a site one of the scenario's changes opens. */
  changes = fp_scenario_effective_changes (doc->scenarios, scenario, NULL);
  for (guint i = 0; changes != NULL && i < changes->len; i++)
    {
      const FpChange *c = g_ptr_array_index (changes, i);

      if (c->kind == FP_CHANGE_OPEN_SITE && g_strcmp0 (c->new_id, id) == 0)
        return TRUE;
    }

  return FALSE;
}

static int
cmd_override (int    argc,
              char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *site = NULL;
  g_autofree char *category = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *by = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean clear = FALSE, list = FALSE;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_("The site’s id"), N_("ID") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &category,
      N_("core, near_core, marginal or redundant"), N_("CATEGORY") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why (required)"), N_("TEXT") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario,
      N_("Only in this scenario (default: every scenario)"), N_("NAME") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who decided (default: the user’s name)"), N_("NAME") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the site’s override"), NULL },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the overrides"), NULL },
    { NULL }
  };

  if (!parse_options ("override", NULL,
                      _("Set a site’s category whatever the rules say, with a reason; it is "
                        "shown as an override beside the category the rules give."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("override", argc, argv, 1, &code))
    return code;

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  if (scenario != NULL && g_ascii_strcasecmp (scenario, FP_DO_NOTHING) != 0 &&
      fp_scenario_find (doc.scenarios, scenario) == NULL)
    return fail (EXIT_FAILED, _("there is no scenario “%s”"), scenario);
  if (scenario != NULL && g_ascii_strcasecmp (scenario, FP_DO_NOTHING) == 0)
    g_clear_pointer (&scenario, g_free);

  if (list)
    {
      g_autoptr(GPtrArray) overrides = fp_store_load_overrides (doc.store, scenario, &error);

      if (overrides == NULL)
        return fail_error (error);
      for (guint i = 0; i < overrides->len; i++)
        {
          const FpCategoryOverride *o = g_ptr_array_index (overrides, i);

          printf ("%-12s %-10s %-26s %s (%s, %s)\n", o->site_id,
                  fp_category_to_string (o->category),
                  o->scenario ? o->scenario : _("every scenario"), o->reason, o->author,
                  o->recorded_at ? o->recorded_at : "");
        }
      return EXIT_OK;
    }

  if (site == NULL)
    return fail (EXIT_USAGE, _("name the site with --site ID"));
  if (!site_known (&doc, site, scenario))
    return fail (EXIT_FAILED, _("there is no site “%s”"), site);

  if (clear)
    {
      if (!fp_store_clear_override (doc.store, site, scenario, &error))
        return fail_error (error);
      printf (_("Cleared the category override of %s\n"), site);
      return EXIT_OK;
    }

  {
    FpCategory value;
    g_autoptr(FpCategoryOverride) o = NULL;

    if (category == NULL || !fp_category_from_string (category, &value) ||
        value == FP_CATEGORY_NONE)
      return fail (EXIT_USAGE, _("--category must be core, near_core, marginal or redundant"));
    if (reason == NULL || *g_strstrip (reason) == '\0')
      return fail (EXIT_USAGE, _("an override needs a --reason"));

    o = fp_category_override_new (site, scenario, value, reason,
                                  by != NULL ? by : g_get_real_name ());
    if (!fp_store_set_override (doc.store, o, &error))
      return fail_error (error);
    printf (_("%s is %s in %s, by override: %s\n"), site, fp_category_to_label (value),
            scenario ? scenario : _("every scenario"), reason);
  }

  return EXIT_OK;
}

/* ---- assumptions ----------------------------------------------------------------- */

static int
cmd_assumptions (int    argc,
                 char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *set = NULL;
  g_autofree char *by = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(FpEstate) estate = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  gboolean all = FALSE;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "set", 0, 0, G_OPTION_ARG_STRING, &set,
      N_("Set an assumption the model reads, e.g. car_kmh=20 or access_threshold_car_min.urgent_care=15"),
      N_("KEY=VALUE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who made the assumption (default: the user’s name)"),
      N_("NAME") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("List every assumption, with the rates the dataset was built from"), NULL },
    { NULL }
  };

  if (!parse_options ("assumptions", NULL,
                      _("List the document’s assumptions, or set one the model reads."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("assumptions", argc, argv, 1, &code))
    return code;

  store = open_document (document, &error);
  if (store == NULL)
    return fail_error (error);

  if (set != NULL)
    {
      g_auto(GStrv) kv = g_strsplit (set, "=", 2);
      char *end = NULL;
      double value;

      if (g_strv_length (kv) != 2 || *g_strstrip (kv[0]) == '\0')
        return fail (EXIT_USAGE, _("--set: write KEY=VALUE, not “%s”"), set);

      value = g_ascii_strtod (g_strstrip (kv[1]), &end);
      if (end == kv[1] || *end != '\0')
        return fail (EXIT_USAGE, _("--set: “%s” is not a number"), kv[1]);
      if (!fp_assumption_check (kv[0], value, &error))
        return fail (EXIT_FAILED, "%s", error->message);
      if (!fp_store_set_assumption (store, kv[0], value, NULL,
                                    by != NULL ? by : g_get_real_name (), &error))
        return fail_error (error);

      printf (_("%s = %g (assumed by %s)\n"), kv[0], value, by != NULL ? by : g_get_real_name ());
      return EXIT_OK;
    }

  estate = fp_store_load_estate (store, &error);
  if (estate == NULL)
    return fail_error (error);

  keys = fp_assumption_model_keys ();
  for (guint i = 0; i < estate->assumptions->len; i++)
    {
      const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);
      gboolean model_key = g_ptr_array_find_with_equal_func (keys, a->key, g_str_equal, NULL) ||
                           g_str_has_prefix (a->key, "access_threshold_");
      const char *kind = fp_prov_kind_to_string (a->prov.kind);

      if (!all && !model_key)
        continue;

      printf ("%-40s %14g  %-22s %s%s%s\n", a->key, a->value, a->unit ? a->unit : "",
              kind, a->prov.author ? _(" by ") : "", a->prov.author ? a->prov.author : "");
    }

  return EXIT_OK;
}

/* ---- main ------------------------------------------------------------------------ */

static const Command commands[] = {
  { "init", N_("Create a document from the built-in Birmingham and Solihull dataset"), cmd_init },
  { "summary", N_("Print the counts and totals of the estate"), cmd_summary },
  { "sites", N_("List every site with all its fields and their provenance"), cmd_sites },
  { "validate", N_("Check a document's integrity and data rules"), cmd_validate },
  { "scenario", N_("Build, list, share and undo scenarios of changes"), cmd_scenario },
  { "compute", N_("Compute every site's figures for a scenario and year"), cmd_compute },
  { "access", N_("How far people are from each service, before and after changes"), cmd_access },
  { "assumptions", N_("List the document's assumptions, or set one the model reads"), cmd_assumptions },
  { "override", N_("Set a site's category by hand, with a reason"), cmd_override },
};

static void
print_usage (FILE *out)
{
  fprintf (out, _("Usage:\n  footprint-cli COMMAND [OPTION…]\n\nCommands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nRun “footprint-cli COMMAND --help” for a command’s options.\n"
                  "Without --document, commands use %s\n"
                  "(created from the built-in dataset on first use).\n"),
           "$XDG_DATA_HOME/footprint/estate.footprint");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("footprint-cli %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  return fail (EXIT_USAGE, _("unknown command “%s” (try “footprint-cli --help”)"), argv[1]);
}
