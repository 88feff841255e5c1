/* fp-cli-document.c: the commands on a document as a whole: init, copy, recover, summary,
 * sites, validate.
 *
 * They create a document, copy it, rescue a damaged one, print its counts and sites, and
 * check it.
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

/* ---- init ------------------------------------------------------------------------ */

int
cmd_init (int    argc,
          char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *dataset = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "dataset", 0, 0, G_OPTION_ARG_FILENAME, &dataset,
      N_("Make the document from this dataset file (default: the built-in Birmingham and "
         "Solihull dataset)"), N_("FILE") },
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document to create (default: the user’s document)"), N_("PATH") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
      N_("Replace the document if it exists"), NULL },
    { NULL }
  };

  if (!parse_options ("init", NULL,
                      _("Create a document from the built-in Birmingham and Solihull dataset, "
                        "with its example options, or from a dataset file in the format of "
                        "docs/data.md. The dataset is checked field by field and against every "
                        "data rule first; a dataset that fails is refused with what is wrong "
                        "and where, and nothing is written."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("init", argc, argv, 1, &code))
    return code;

  if (document == NULL)
    document = fp_store_default_path ();

  if (!force && g_file_test (document, G_FILE_TEST_EXISTS))
    return fail (EXIT_FAILED, _("“%s” already exists; use --force to replace it"), document);

  /* The core reads and checks the dataset, builds the new document under a temporary name
   * and swaps it in, so a bad dataset, a failure or a kill at any moment leaves the old
   * document or the new one, whole. */
  store = fp_store_create_from_dataset (document, dataset, force, &error);
  if (store == NULL)
    return fail_error (error);

  printf (_("Created %s\n"), document);
  return EXIT_OK;
}

/* ---- copy ------------------------------------------------------------------------ */

int
cmd_copy (int    argc,
          char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *output = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where the copy goes"), N_("PATH") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace the file at --output if it exists"),
      NULL },
    { NULL }
  };

  if (!parse_options ("copy", NULL,
                      _("Save a whole copy of the document, with everything saved so far, even "
                        "while another program has it open. Copying the file itself can miss "
                        "the latest work, which may still be in its -wal file."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("copy", argc, argv, 1, &code))
    return code;

  if (output == NULL)
    return fail (EXIT_USAGE, _("say where the copy goes with --output PATH"));

  store = open_document (document, &error);
  if (store == NULL)
    return fail_error (error);

  if (!fp_store_save_copy (store, output, force, &error))
    {
      if (g_error_matches (error, FP_ERROR, FP_ERROR_EXISTS))
        return fail (EXIT_FAILED, _("“%s” already exists; use --force to replace it"), output);
      return fail_error (error);
    }

  printf (_("Copied %s to %s\n"), fp_store_get_path (store), output);
  return EXIT_OK;
}

/* ---- recover --------------------------------------------------------------------- */

int
cmd_recover (int    argc,
             char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *output = NULL;
  g_autoptr(GPtrArray) report = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  gboolean force = FALSE;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The damaged document (it is only read)"), N_("PATH") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Where the rescued document goes"),
      N_("PATH") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace the file at --output if it exists"),
      NULL },
    { NULL }
  };

  if (!parse_options ("recover", NULL,
                      _("Rescue what can still be read from a damaged document into a new one. "
                        "The damaged file is only read."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("recover", argc, argv, 1, &code))
    return code;

  if (document == NULL || output == NULL)
    return fail (EXIT_USAGE, _("name the damaged document with --document PATH and the new one "
                               "with --output PATH"));

  if (!fp_store_recover (document, output, force, report, &error))
    {
      if (g_error_matches (error, FP_ERROR, FP_ERROR_EXISTS))
        return fail (EXIT_FAILED, _("“%s” already exists; use --force to replace it"), output);
      return fail_error (error);
    }

  for (guint i = 0; i < report->len; i++)
    printf ("  %s\n", (const char *) g_ptr_array_index (report, i));
  printf (_("Rescued what could be read from %s into %s. Check its scenarios with "
            "“footprint-cli compute”, and its data with “footprint-cli validate”.\n"),
          document, output);
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

/* The figure beside the 2016 plan's own, on a line of its own under the figure's row. */
static void
print_plan_comparison (const FpSummary *s,
                       FpSummaryFigure  figure,
                       const char      *indent)
{
  g_autofree char *text = fp_summary_plan_comparison (s, figure);

  if (text != NULL)
    printf ("  %s%s\n", indent, text);
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
  g_autofree char *prices = fp_estate_price_label (estate);

  printf (_("%s, base year %d\n"), estate->name ? estate->name : _("Estate"), s->base_year);
  if (prices != NULL)
    /* Translators: %s is e.g. "at 2025/26 prices (HM Treasury GDP deflator, March 2026)" */
    printf (_("Costs are %s.\n"), prices);
  printf ("\n");
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
  print_plan_comparison (s, FP_SUMMARY_VOID_COST_LIFT, "    ");
  print_row (_("  in NHS Property Services buildings"), void_nhsps,
             prov_note (&s->prov[FP_SUMMARY_VOID_COST_NHSPS]));
  print_plan_comparison (s, FP_SUMMARY_VOID_COST_NHSPS, "    ");
  print_row (_("A&E attendances a year"), ae, prov_note (&s->prov[FP_SUMMARY_AE]));
  print_plan_comparison (s, FP_SUMMARY_AE, "  ");

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

int
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

int
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

int
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

