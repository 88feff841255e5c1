/* fp-cli.c: footprint-cli, the headless front end of the core.
 *
 * Each command family lives in its own file (fp-cli-*.c); this one holds main, the command
 * table and the helpers every command shares (fp-cli.h).
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

#include "fp-cli.h"

const char *fp_cli_prog_name = "footprint-cli";

int
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
  fprintf (stderr, "%s: %s\n", fp_cli_prog_name, message);
  return code;
}

int
fail_error (const GError *error)
{
  return fail (EXIT_FAILED, "%s", error->message);
}

/* Parses a command's options; on a usage error prints one line and returns FALSE. */
gboolean
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

gboolean
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
FpStore *
open_document (const char *path,
               GError    **error)
{
  gboolean created = FALSE;
  FpStore *store = fp_store_open_or_create_default (path, &created, error);

  if (store != NULL && created)
    fprintf (stderr, _("%s: created %s from the built-in Birmingham and Solihull dataset\n"),
             fp_cli_prog_name, fp_store_get_path (store));

  return store;
}



void
document_clear (Document *doc)
{
  g_clear_object (&doc->workspace);
}


gboolean
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
  return TRUE;
}

GPtrArray *
document_scenarios (Document *doc)
{
  return fp_workspace_get_scenarios (doc->workspace);
}

/* ---- main ------------------------------------------------------------------------ */

static const Command commands[] = {
  { "init", N_("Create a document from the built-in dataset or a dataset file"), cmd_init },
  { "copy", N_("Save a whole copy of a document, even while it is open"), cmd_copy },
  { "recover", N_("Rescue what can be read from a damaged document"), cmd_recover },
  { "summary", N_("Print the counts and totals of the estate"), cmd_summary },
  { "sites", N_("List every site with all its fields and their provenance"), cmd_sites },
  { "validate", N_("Check a document's integrity and data rules"), cmd_validate },
  { "scenario", N_("Build, list, share and undo scenarios of changes"), cmd_scenario },
  { "compute", N_("Compute every site's figures for a scenario and year"), cmd_compute },
  { "access", N_("How far people are from each service, before and after changes"), cmd_access },
  { "assumptions", N_("List the document's assumptions, or set one the model reads"), cmd_assumptions },
  { "override", N_("Set a site's category by hand, with a reason"), cmd_override },
  { "appraise", N_("Appraise options against Do nothing; write the Excel workbook"), cmd_appraise },
  { "scores", N_("List or edit the critical success factors, weights and scores"), cmd_scores },
  { "costs", N_("List or enter one-off transition and capital costs of options"), cmd_costs },
  { "export", N_("Write a scenario's site results as CSV or GeoJSON"), cmd_export },
  { "import", N_("Import a site register, ERIC site data or an ODS file; undo an import"), cmd_import },
  { "register", N_("Export the estate as a register (CSV or XLSX) to edit and import again"), cmd_register },
  { "validation", N_("Set the baseline beside the 2016 plan's own figures"), cmd_validation },
  { "optimise", N_("Suggest an estate: the least-cost sites to keep, with access kept"), cmd_optimise },
  { "story", N_("Make stories of saved views; export them as a PDF deck or PNGs"), cmd_story },
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

