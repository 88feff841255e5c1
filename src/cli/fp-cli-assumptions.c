/* fp-cli-assumptions.c: footprint-cli override and assumptions.
 *
 * A user's category overrides and the model's assumptions, each recorded with who set it.
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

/* ---- category overrides -------------------------------------------------------- */

int
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
      fp_scenario_find (document_scenarios (&doc), scenario) == NULL)
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

  if (clear)
    {
      if (!fp_workspace_clear_override (doc.workspace, site, scenario, &error))
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
    if (!fp_workspace_set_override (doc.workspace, o, &error))
      return fail_error (error);
    printf (_("%s is %s in %s, by override: %s\n"), site, fp_category_to_label (value),
            scenario ? scenario : _("every scenario"), reason);
  }

  return EXIT_OK;
}

/* ---- assumptions ----------------------------------------------------------------- */

int
cmd_assumptions (int    argc,
                 char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *set = NULL;
  g_autofree char *by = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  const FpEstate *estate;
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

  if (!document_open (&doc, document, &error))
    return fail_error (error);
  estate = doc.estate;

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
      if (!fp_workspace_set_assumption (doc.workspace, kv[0], value,
                                        by != NULL ? by : g_get_real_name (), &error))
        return fail_error (error);

      printf (_("%s = %g (assumed by %s)\n"), kv[0], value, by != NULL ? by : g_get_real_name ());
      return EXIT_OK;
    }

  keys = fp_assumption_model_keys ();
  for (guint i = 0; i < estate->assumptions->len; i++)
    {
      const FpAssumption *a = &g_array_index (estate->assumptions, FpAssumption, i);
      gboolean model_key = g_ptr_array_find_with_equal_func (keys, a->key, g_str_equal, NULL) ||
                           g_str_has_prefix (a->key, "access_threshold_");
      const char *kind = fp_prov_kind_to_string (a->prov.kind);

      if (!all && !model_key)
        continue;

      /* Say where each value came from, not only its kind: a figure quoted from the 2016
       * plan shows its method (a comparison), a measured one its source. */
      const char *whence = a->prov.kind == FP_PROV_MEASURED ? a->prov.source_id
                           : a->prov.kind == FP_PROV_ESTIMATED ? a->prov.method_id : NULL;

      printf ("%-40s %14.10g  %-22s %s%s%s%s%s\n", a->key, a->value, a->unit ? a->unit : "",
              kind, whence ? ": " : "", whence ? whence : "",
              a->prov.author ? _(" by ") : "", a->prov.author ? a->prov.author : "");
    }

  return EXIT_OK;
}

