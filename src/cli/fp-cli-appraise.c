/* fp-cli-appraise.c: footprint-cli appraise, scores, costs and export.
 *
 * appraise compares options (scenarios, with Do nothing) over the horizon and writes the
 * workbook; scores edits the critical success factors and each option's scores; costs
 * enters one-off costs for an option; export writes a scenario's site results as CSV or
 * GeoJSON, its map as a slide, or an appraisal chart (PNG, PDF or SVG, drawn by src/render).
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

#include "fp-cli.h"
#include "fp-render.h"

/* The names in --options values: each value is split at commas, unless the whole value
 * names a scenario (a name may hold a comma). */
static GPtrArray *
option_names (Document *doc,
              char    **values)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;

      if (fp_scenario_find (document_scenarios (doc), values[i]) != NULL)
        {
          g_ptr_array_add (names, g_strdup (values[i]));
          continue;
        }

      parts = g_strsplit (values[i], ",", -1);
      for (guint k = 0; parts[k] != NULL; k++)
        {
          char *name = g_strstrip (parts[k]);

          if (*name != '\0')
            g_ptr_array_add (names, g_strdup (name));
        }
    }

  /* No options named: every scenario of the document. */
  if (values == NULL)
    for (guint i = 0; i < document_scenarios (doc)->len; i++)
      {
        const FpScenario *s = g_ptr_array_index (document_scenarios (doc), i);

        g_ptr_array_add (names, g_strdup (s->name));
      }

  g_ptr_array_add (names, NULL);
  return names;
}

int
cmd_appraise (int    argc,
              char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  g_auto(GStrv) options = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(FpAppraisal) appraisal = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) sweeps = NULL;
  g_auto(GStrv) sweeps_deprived = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) curve_points = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) curves = g_array_new (FALSE, TRUE, sizeof (FpPriceOfAccess));
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "sweep", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sweeps,
      N_("With --output: a Price of access sheet, the least-cost estate at each target of a "
         "service (or of every service: all), as footprint-cli optimise --sweep finds it"),
      N_("S=FROM:TO:POINTS") },
    { "sweep-deprived", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sweeps_deprived,
      N_("The same, sweeping the target for the most deprived fifth"), N_("S=FROM:TO:POINTS") },
    { "options", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &options,
      N_("The options, separated by commas (\"Do nothing,NAME,...\"; default: every scenario)"),
      N_("NAMES") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      N_("Also write the appraisal workbook to this .xlsx file"), N_("FILE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("json or text (default json)"),
      N_("FORMAT") },
    { NULL }
  };

  if (!parse_options ("appraise", NULL,
                      _("Appraise options against Do nothing: cash flows, NPV and risk-adjusted "
                        "NPV, the benefits ledger, weighted scores, ranks and the sensitivity "
                        "of the preferred option; optionally as an Excel workbook."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("appraise", argc, argv, 1, &code))
    return code;

  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return fail (EXIT_USAGE, _("unknown format “%s”; use json or text"), format);

  if ((sweeps != NULL || sweeps_deprived != NULL) && output == NULL)
    return fail (EXIT_USAGE, _("--sweep and --sweep-deprived add a sheet to the workbook: give "
                               "--output FILE.xlsx too"));

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  /* The price of access, each curve solved with the optimiser's default settings. Every
   * spec is checked before the first (slow) solve. */
  for (guint pass = 0; pass < 2; pass++)
    {
      char **specs = pass == 0 ? sweeps : sweeps_deprived;

      for (guint i = 0; specs != NULL && specs[i] != NULL; i++)
        {
          FpPriceOfAccess curve = { 0 };
          char *id = NULL;
          GArray *targets = NULL;

          if (!fp_cli_read_sweep (pass == 0 ? "--sweep" : "--sweep-deprived", specs[i], &id,
                                  &targets, &error))
            return fail (EXIT_USAGE, "%s", error->message);
          g_ptr_array_add (ids, id);
          g_ptr_array_add (curve_points, targets);
          curve.deprived = pass == 1;
          g_array_append_val (curves, curve);
        }
    }
  for (guint i = 0; i < curves->len; i++)
    {
      FpPriceOfAccess *curve = &g_array_index (curves, FpPriceOfAccess, i);
      GArray *targets = g_ptr_array_index (curve_points, i);
      const char *id = g_ptr_array_index (ids, i);
      g_auto(FpOptimiseSettings) settings = { 0 };
      GArray *points;

      fp_optimise_settings_init (&settings);
      points = fp_optimise_sweep (doc.model, fp_workspace_get_do_nothing (doc.workspace),
                                  &settings, g_str_equal (id, "all") ? NULL : id,
                                  curve->deprived, (double *) targets->data, targets->len,
                                  NULL, NULL, NULL, &error);
      if (points == NULL)
        return fail_error (error);
      /* The targets are done with: the points take their place. */
      g_ptr_array_index (curve_points, i) = points;
      g_array_unref (targets);
      curve->service = g_str_equal (id, "all") ? NULL : id;
      curve->points = points;
    }

  names = option_names (&doc, options);
  appraisal = fp_appraisal_compute_for_workspace (doc.workspace,
                                                  (const char * const *) names->pdata, &error);
  if (appraisal == NULL)
    return fail_error (error);

  if (output != NULL &&
      !fp_export_xlsx_full (appraisal, doc.model, (FpPriceOfAccess *) curves->data, curves->len,
                            output, &error))
    return fail_error (error);

  if (format != NULL && g_str_equal (format, "text"))
    {
      text = fp_appraisal_to_text (appraisal);
      fputs (text, stdout);
    }
  else
    {
      text = fp_appraisal_to_json (appraisal);
      printf ("%s\n", text);
    }

  if (output != NULL)
    {
      fflush (stdout);
      fprintf (stderr, _("%s: wrote the appraisal workbook to %s\n"), fp_cli_prog_name, output);
    }

  return EXIT_OK;
}

/* ---- scores ---------------------------------------------------------------------- */

/* The option's name as the document spells it; Do nothing, or a scenario. */
static const char *
known_option (Document   *doc,
              const char *name)
{
  const FpScenario *s;

  if (g_ascii_strcasecmp (name, FP_DO_NOTHING) == 0)
    return FP_DO_NOTHING;
  s = fp_scenario_find (document_scenarios (doc), name);
  return s != NULL ? s->name : NULL;
}

/* "OPTION:CRITERION=SCORE": the option may hold a colon, the criterion may not. */
static gboolean
apply_score (Document   *doc,
             FpScoring  *scoring,
             const char *spec,
             GError    **error)
{
  const char *eq = strrchr (spec, '=');
  g_autofree char *left = NULL;
  g_autofree char *option = NULL;
  g_autofree char *criterion = NULL;
  const char *colon, *name;
  double score;

  if (eq == NULL || (colon = strrchr ((left = g_strndup (spec, eq - spec)), ':')) == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not OPTION:CRITERION=SCORE"), spec);
      return FALSE;
    }

  option = g_strstrip (g_strndup (left, colon - left));
  criterion = g_strstrip (g_strdup (colon + 1));
  if (!fp_cli_parse_number (eq + 1, &score))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s”: the score “%s” is not a number"), spec, eq + 1);
      return FALSE;
    }

  name = known_option (doc, option);
  if (name == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("“%s”: there is no option “%s” (Do nothing or a scenario)"), spec, option);
      return FALSE;
    }

  return fp_scoring_set_score (scoring, name, criterion, score, error);
}

/* "CRITERION=WEIGHT,CRITERION=WEIGHT,...". */
static gboolean
apply_weights (FpScoring  *scoring,
               const char *spec,
               GError    **error)
{
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *eq = strrchr (parts[i], '=');
      g_autofree char *criterion = NULL;
      double weight;

      if (*g_strstrip (parts[i]) == '\0')
        continue;
      if (eq == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not CRITERION=WEIGHT"), parts[i]);
          return FALSE;
        }
      criterion = g_strstrip (g_strndup (parts[i], eq - parts[i]));
      if (!fp_cli_parse_number (eq + 1, &weight))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("“%s”: the weight “%s” is not a number"), parts[i], eq + 1);
          return FALSE;
        }
      if (!fp_scoring_set_weight (scoring, criterion, weight, error))
        return FALSE;
    }

  return TRUE;
}

static void
print_scoring (Document        *doc,
               const FpScoring *scoring,
               gboolean         json)
{
  g_autoptr(GPtrArray) options = g_ptr_array_new ();

  g_ptr_array_add (options, (gpointer) FP_DO_NOTHING);
  for (guint i = 0; i < document_scenarios (doc)->len; i++)
    g_ptr_array_add (options, ((FpScenario *) g_ptr_array_index (document_scenarios (doc), i))->name);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "criteria");
      json_builder_begin_array (b);
      for (guint c = 0; c < scoring->criteria->len; c++)
        {
          const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, c);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, criterion->id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, criterion->name);
          json_builder_set_member_name (b, "weight");
          json_builder_add_double_value (b, criterion->weight);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "options");
      json_builder_begin_array (b);
      for (guint i = 0; i < options->len; i++)
        {
          const char *option = g_ptr_array_index (options, i);
          double weighted = fp_scoring_weighted_score (scoring, option);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, option);
          json_builder_set_member_name (b, "scores");
          json_builder_begin_object (b);
          for (guint c = 0; c < scoring->criteria->len; c++)
            {
              const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, c);
              double score;

              json_builder_set_member_name (b, criterion->id);
              if (fp_scoring_get_score (scoring, option, criterion->id, &score))
                json_builder_add_double_value (b, score);
              else
                json_builder_add_null_value (b);
            }
          json_builder_end_object (b);
          json_builder_set_member_name (b, "weighted_score");
          if (isnan (weighted))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, weighted);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);

      root = json_builder_get_root (b);
      text = fp_json_to_string (root, TRUE);
      printf ("%s\n", text);
      return;
    }

  printf ("%-34s %7s\n", _("Criterion"), _("Weight"));
  for (guint c = 0; c < scoring->criteria->len; c++)
    {
      const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, c);

      printf ("%-34s %7g   (%s)\n", criterion->name, criterion->weight, criterion->id);
    }
  printf ("\n");
  for (guint i = 0; i < options->len; i++)
    {
      const char *option = g_ptr_array_index (options, i);
      double total = fp_scoring_weighted_score (scoring, option);
      g_autofree char *weighted = fp_format_decimal (total, 1);

      printf ("%s: %s %s\n", option, _("weighted score"), weighted);
      for (guint c = 0; c < scoring->criteria->len; c++)
        {
          const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, c);
          double score;

          if (fp_scoring_get_score (scoring, option, criterion->id, &score))
            printf ("  %-32s %5g\n", criterion->name, score);
          else
            printf ("  %-32s %5s\n", criterion->name, FP_FORMAT_UNKNOWN);
        }
    }
}

int
cmd_scores (int    argc,
            char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *format = NULL;
  g_autofree char *by = NULL;
  g_auto(GStrv) set = NULL;
  g_auto(GStrv) weights = NULL;
  g_auto(GStrv) add_criteria = NULL;
  g_auto(GStrv) remove_criteria = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpScoring) scoring = NULL;
  gboolean edit;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set,
      N_("Score an option against a criterion, 0 to 10 (repeatable)"),
      N_("OPTION:CRITERION=SCORE") },
    { "weights", 0, 0, G_OPTION_ARG_STRING_ARRAY, &weights,
      N_("Set criteria's weights; all weights must then sum to 100"),
      N_("CRITERION=WEIGHT,...") },
    { "add-criterion", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add_criteria,
      N_("Add a critical success factor (weight 0 unless --weights gives one)"), N_("NAME") },
    { "remove-criterion", 0, 0, G_OPTION_ARG_STRING_ARRAY, &remove_criteria,
      N_("Remove a critical success factor and its scores"), N_("NAME") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who scored (default: the user’s name)"),
      N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json (default text)"),
      N_("FORMAT") },
    { NULL }
  };

  if (!parse_options ("scores", NULL,
                      _("List or edit the critical success factors, their weights and each "
                        "option’s scores. Edits are checked together (weights sum to 100, "
                        "scores 0 to 10) and saved together, or not at all."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("scores", argc, argv, 1, &code))
    return code;

  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return fail (EXIT_USAGE, _("unknown format “%s”; use text or json"), format);

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  scoring = fp_store_load_scoring (doc.store, &error);
  if (scoring == NULL)
    return fail_error (error);

  edit = set != NULL || weights != NULL || add_criteria != NULL || remove_criteria != NULL;
  for (guint i = 0; remove_criteria != NULL && remove_criteria[i] != NULL; i++)
    if (!fp_scoring_remove_criterion (scoring, remove_criteria[i], &error))
      return fail_error (error);
  for (guint i = 0; add_criteria != NULL && add_criteria[i] != NULL; i++)
    if (!fp_scoring_add_criterion (scoring, add_criteria[i], 0, &error))
      return fail_error (error);
  for (guint i = 0; weights != NULL && weights[i] != NULL; i++)
    if (!apply_weights (scoring, weights[i], &error))
      return fail_error (error);
  for (guint i = 0; set != NULL && set[i] != NULL; i++)
    if (!apply_score (&doc, scoring, set[i], &error))
      return fail_error (error);

  if (edit && !fp_store_save_scoring (doc.store, scoring, by != NULL ? by : g_get_real_name (),
                                      &error))
    return fail_error (error);

  print_scoring (&doc, scoring, format != NULL && g_str_equal (format, "json"));
  return EXIT_OK;
}

/* ---- costs ----------------------------------------------------------------------- */

int
cmd_costs (int    argc,
           char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *option = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *note = NULL;
  g_autofree char *by = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean clear = FALSE;
  int year = 0, code = EXIT_OK;
  const char *name;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "option", 0, 0, G_OPTION_ARG_STRING, &option, N_("The option (Do nothing or a scenario)"),
      N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("transition or capital"), N_("KIND") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_("The year the cost falls in"), N_("YEAR") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount, N_("The cost in base-year pounds"),
      N_("GBP") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What it pays for"), N_("TEXT") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who entered it (default: the user’s name)"),
      N_("NAME") },
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove every cost entered for the option"),
      NULL },
    { NULL }
  };

  if (!parse_options ("costs", NULL,
                      _("List the one-off costs entered for options (transition costs such as "
                        "decant, moves and fit-out, and capital the model cannot see), add one, "
                        "or clear an option’s."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("costs", argc, argv, 1, &code))
    return code;

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  if (option == NULL && (clear || kind != NULL || amount != NULL))
    return fail (EXIT_USAGE, _("name the option with --option NAME"));

  if (option == NULL)
    {
      g_autoptr(GPtrArray) costs = fp_store_load_appraisal_costs (doc.store, &error);

      if (costs == NULL)
        return fail_error (error);
      for (guint i = 0; i < costs->len; i++)
        {
          const FpAppraisalCost *c = g_ptr_array_index (costs, i);
          g_autofree char *money = fp_format_money (c->amount);

          printf ("%-30s %-10s %d %14s  %s\n", c->option, fp_cost_kind_to_string (c->kind),
                  c->year, money, c->note ? c->note : "");
        }
      return EXIT_OK;
    }

  name = known_option (&doc, option);
  if (name == NULL)
    return fail (EXIT_FAILED, _("there is no option “%s” (Do nothing or a scenario)"), option);

  if (clear)
    {
      if (!fp_store_clear_appraisal_costs (doc.store, name, &error))
        return fail_error (error);
      printf (_("Cleared the costs entered for %s\n"), name);
      return EXIT_OK;
    }

  {
    g_autoptr(FpAppraisalCost) cost = NULL;
    FpCostKind k;
    double value;
    int base = fp_model_get_base_year (doc.model);
    int last = base + (int) fp_model_get_n_years (doc.model) - 1;

    if (kind == NULL || !fp_cost_kind_from_string (kind, &k))
      return fail (EXIT_USAGE, _("--kind must be transition or capital"));
    if (amount == NULL || !fp_cli_parse_number (amount, &value) || value < 0)
      return fail (EXIT_USAGE, _("--amount must be a number of pounds, at least 0"));
    if (year < base || year > last)
      return fail (EXIT_USAGE, _("--year must be within the horizon, %d to %d"), base, last);

    cost = fp_appraisal_cost_new (name, k, year, value, note);
    if (!fp_store_add_appraisal_cost (doc.store, cost, by != NULL ? by : g_get_real_name (),
                                      &error))
      return fail_error (error);
    printf (_("Added a %s cost of %g in %d to %s\n"), kind, value, year, name);
  }

  return EXIT_OK;
}

/* ---- export ---------------------------------------------------------------------- */

/* The appraisal charts as pictures: --chart net-benefit|running-cost with --options. */
static int
export_chart (Document       *doc,
              const char     *chart_name,
              char          **options,
              FpRenderFormat  format,
              const char     *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(FpAppraisal) appraisal = NULL;
  g_autoptr(FpChart) chart = NULL;
  FpChartKind kind;

  if (!fp_chart_kind_from_string (chart_name, &kind))
    return fail (EXIT_USAGE, _("unknown chart “%s”; use net-benefit or running-cost"),
                 chart_name);

  names = option_names (doc, options);
  appraisal = fp_appraisal_compute_for_workspace (doc->workspace,
                                                  (const char * const *) names->pdata, &error);
  if (appraisal == NULL)
    return fail_error (error);

  chart = fp_chart_new_for_appraisal (appraisal, kind);
  if (!fp_render_chart_to_file (chart, format, output, &error))
    return fail_error (error);

  fprintf (stderr, _("%s: wrote the chart “%s” to %s\n"), fp_cli_prog_name, chart->title,
           output);
  return EXIT_OK;
}

/* The map of a scenario in a year, as a 16:9 slide. */
static int
export_map (Document        *doc,
            const char      *scenario,
            int              year,
            const char      *colour,
            const char      *size,
            const char      *title,
            FpRenderFormat   format,
            const char      *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) results = NULL;
  g_autofree char *default_title = NULL;
  g_autofree char *subtitle = NULL;
  int base = fp_model_get_base_year (doc->model);
  FpMapPicture picture = { 0 };

  picture.colour_by = FP_COLOUR_BY_UTILISATION;
  picture.size_by = FP_SIZE_BY_FLOOR_AREA;
  if (colour != NULL && !fp_colour_by_from_string (colour, &picture.colour_by))
    return fail (EXIT_USAGE, _("--colour-by must be utilisation, category, tenure, void-cost, "
                               "cost-per-m2 or condition"));
  if (size != NULL && !fp_size_by_from_string (size, &picture.size_by))
    return fail (EXIT_USAGE, _("--size-by must be floor-area or void"));

  results = results_for (doc, scenario, &error);
  if (results == NULL)
    return fail_error (error);

  /* Translators: a map slide's title: a scenario, then a year */
  default_title = g_strdup_printf (_("%s in %d"), display_name (doc, scenario), year);
  /* Translators: a map slide's subtitle: the estate, what colours and sizes show */
  subtitle = g_strdup_printf (_("%s · Colour: %s · Size: %s"), doc->estate->name,
                              fp_colour_by_to_label (picture.colour_by),
                              fp_size_by_to_label (picture.size_by));
  picture.estate = doc->estate;
  picture.model = doc->model;
  picture.results = results;
  picture.year = (guint) (year - base);
  picture.title = title != NULL ? title : default_title;
  picture.subtitle = subtitle;

  if (!fp_render_map_to_file (&picture, NULL, format, output, &error))
    return fail_error (error);

  fprintf (stderr, _("%s: wrote the map of %s in %d to %s\n"), fp_cli_prog_name,
           display_name (doc, scenario), year, output);
  return EXIT_OK;
}

int
cmd_export (int    argc,
            char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *scenario = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *text = NULL;
  g_autofree char *chart = NULL;
  g_autofree char *colour = NULL;
  g_autofree char *size = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) options = NULL;
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(FpResults) results = NULL;
  FpRenderFormat picture_format;
  gboolean picture;
  int year = 0, code = EXIT_OK, base, last;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "scenario", 's', 0, G_OPTION_ARG_STRING, &scenario,
      N_("The scenario (default: Do nothing)"), N_("NAME") },
    { "year", 'y', 0, G_OPTION_ARG_INT, &year,
      N_("The year (default: the last year of the horizon)"), N_("YEAR") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("csv or geojson (site results); png, pdf or svg (the map, or a chart)"),
      N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The file to write"), N_("FILE") },
    { "chart", 0, 0, G_OPTION_ARG_STRING, &chart,
      N_("Draw an appraisal chart rather than the map: net-benefit or running-cost"),
      N_("CHART") },
    { "options", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &options,
      N_("The chart's options, separated by commas (default: every scenario)"), N_("NAMES") },
    { "colour-by", 0, 0, G_OPTION_ARG_STRING, &colour,
      N_("What the map's colours show (default utilisation)"), N_("METRIC") },
    { "size-by", 0, 0, G_OPTION_ARG_STRING, &size,
      N_("What the map's sizes show: floor-area or void"), N_("METRIC") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The map's title"), N_("TEXT") },
    { NULL }
  };

  if (!parse_options ("export", NULL,
                      _("Write a scenario’s site results for a year as CSV, or as GeoJSON points "
                        "(WGS84; a site with no location has a null geometry); or its map as a "
                        "16:9 slide with title, legend, scale and attribution (png, pdf, svg); "
                        "or, with --chart, an appraisal chart of the options."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("export", argc, argv, 1, &code))
    return code;

  picture = format != NULL && fp_render_format_from_string (format, &picture_format);
  if (format == NULL ||
      (!picture && !g_str_equal (format, "csv") && !g_str_equal (format, "geojson")))
    return fail (EXIT_USAGE, _("--format must be csv, geojson, png, pdf or svg"));
  if (chart != NULL && !picture)
    return fail (EXIT_USAGE, _("a chart is written as png, pdf or svg"));
  if (output == NULL)
    return fail (EXIT_USAGE, _("name the file with --output FILE"));

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  if (chart != NULL)
    return export_chart (&doc, chart, options, picture_format, output);

  base = fp_model_get_base_year (doc.model);
  last = base + (int) fp_model_get_n_years (doc.model) - 1;
  if (year == 0)
    year = last;
  if (!resolve_year (&doc, &year, &error))
    return fail_error (error);

  if (picture)
    return export_map (&doc, scenario, year, colour, size, title, picture_format, output);

  results = results_for (&doc, scenario, &error);
  if (results == NULL)
    return fail_error (error);

  if (g_str_equal (format, "csv"))
    text = fp_export_site_results_csv (doc.model, results, display_name (&doc, scenario),
                                       (guint) (year - base));
  else
    text = fp_export_site_results_geojson (doc.model, results, display_name (&doc, scenario),
                                           (guint) (year - base));

  if (!fp_export_write_file (output, text, -1, &error))
    return fail_error (error);

  fprintf (stderr, _("%s: wrote the site results of %s in %d to %s\n"), fp_cli_prog_name,
           display_name (&doc, scenario), year, output);
  return EXIT_OK;
}
