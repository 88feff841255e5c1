/* fp-cli-compute.c: footprint-cli compute and access, the figures of a scenario.
 *
 * compute prints every site's figures for a year; access how far people are from services.
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

/* ---- compute --------------------------------------------------------------------- */

FpResults *
results_for (Document   *doc,
             const char *scenario,
             GError    **error)
{
  return fp_workspace_compute (doc->workspace, scenario, error);
}

const char *
display_name (Document   *doc,
              const char *scenario)
{
  FpScenario *s = scenario ? fp_scenario_find (document_scenarios (doc), scenario) : NULL;

  return s ? s->name : scenario ? scenario : FP_DO_NOTHING;
}

/* The year a command works on: the base year unless --year names one in the horizon. */
gboolean
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

int
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

int
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

