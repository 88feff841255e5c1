/* fp-cli-optimise.c: footprint-cli optimise, the least-cost estate.
 *
 * Solves the optimiser (src/core/fp-optimise.c), writes the suggestion as a scenario with
 * its transition costs, has the engine and the appraisal check it, and prints the
 * objective, gap, solve time and the changes with why each site is left or kept. With
 * --sweep it prints the price of access instead: the least cost at each target of one
 * service.
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

/* Values of a repeatable option, each split at commas. */
static GStrv
split_list (char **values)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  if (values == NULL)
    return NULL;

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (values[i], ",", -1);

      for (guint k = 0; parts[k] != NULL; k++)
        {
          char *item = g_strstrip (parts[k]);

          if (*item != '\0')
            g_strv_builder_add (b, item);
        }
    }

  return g_strv_builder_end (b);
}

/* Also used by appraise and scores. */
gboolean
fp_cli_parse_number (const char *text,
                     double     *out)
{
  char *end = NULL;

  errno = 0;
  *out = g_ascii_strtod (text, &end);
  while (end != NULL && g_ascii_isspace (*end))
    end++;
  return end != text && end != NULL && *end == '\0' && errno == 0 && isfinite (*out);
}

/* A share: 0.95 or 95%. */
static gboolean
parse_share (const char *text,
             double     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize n = strlen (copy);

  if (n > 0 && copy[n - 1] == '%')
    {
      copy[n - 1] = '\0';
      if (!fp_cli_parse_number (copy, out))
        return FALSE;
      *out /= 100;
      return TRUE;
    }
  return fp_cli_parse_number (copy, out);
}

/* "ID=VALUE" pairs of an option; fails naming the option and the pair. */
static gboolean
split_pair (const char  *option,
            const char  *item,
            char       **id,
            char       **value,
            GError     **error)
{
  const char *eq = strrchr (item, '=');

  if (eq == NULL || eq == item || eq[1] == '\0')
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("%s: “%s” is not ID=VALUE"), option, item);
      return FALSE;
    }
  *id = g_strstrip (g_strndup (item, eq - item));
  *value = g_strstrip (g_strdup (eq + 1));
  return TRUE;
}

static gboolean
read_targets (FpOptimiseSettings *settings,
              char              **values,
              gboolean            deprived,
              GError            **error)
{
  g_auto(GStrv) items = split_list (values);
  const char *option = deprived ? "--deprived-target" : "--access-target";

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;
      double share;

      if (!split_pair (option, items[i], &id, &text, error))
        return FALSE;
      if (!parse_share (text, &share) || share < 0 || share > 1)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("%s: the target of “%s” must be a share from 0 to 1 (or 0%% to 100%%), "
                         "not “%s”"), option, id, text);
          return FALSE;
        }
      fp_optimise_settings_set_target (settings, id, deprived ? NAN : share,
                                       deprived ? share : NAN);
    }

  return TRUE;
}

static gboolean
read_earliest (FpOptimiseSettings *settings,
               char              **values,
               GError            **error)
{
  g_auto(GStrv) items = split_list (values);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;
      double year;

      if (!split_pair ("--earliest", items[i], &id, &text, error))
        return FALSE;
      if (!fp_cli_parse_number (text, &year) || year != floor (year) || year < 1900 || year > 2200)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("--earliest: “%s” is not a year"), text);
          return FALSE;
        }
      g_hash_table_insert (settings->earliest, g_steal_pointer (&id),
                           GINT_TO_POINTER ((int) year));
    }

  return TRUE;
}

/* "ID=VALUE" or "ID=VALUE:COSTS". */
static gboolean
read_values (FpOptimiseSettings *settings,
             char              **values,
             GError            **error)
{
  g_auto(GStrv) items = split_list (values);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autofree char *id = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) parts = NULL;
      FpOptimiseValue *v;
      double value, costs = 0;

      if (!split_pair ("--value", items[i], &id, &text, error))
        return FALSE;
      parts = g_strsplit (text, ":", 2);
      if (!fp_cli_parse_number (parts[0], &value) ||
          (parts[1] != NULL && !fp_cli_parse_number (parts[1], &costs)))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("--value: “%s” is not VALUE or VALUE:DISPOSAL_COSTS in pounds"), text);
          return FALSE;
        }
      v = g_new0 (FpOptimiseValue, 1);
      v->id = g_steal_pointer (&id);
      v->value = value;
      v->disposal_costs = costs;
      g_ptr_array_add (settings->values, v);
    }

  return TRUE;
}

/* "S=FROM:TO:N" (also read by appraise, for the workbook's price of access). */
gboolean
fp_cli_read_sweep (const char *option,
                   const char *spec,
                   char      **id,
                   GArray    **targets,
                   GError    **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  double from, to, n;

  if (!split_pair (option, spec, id, &text, error))
    return FALSE;
  parts = g_strsplit (text, ":", -1);
  if (g_strv_length (parts) != 3 || !parse_share (parts[0], &from) ||
      !parse_share (parts[1], &to) || !fp_cli_parse_number (parts[2], &n) || n < 1 || n > 101 ||
      n != floor (n) || from < 0 || to > 1 || from > to || (n == 1 && from != to))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("%s: “%s” is not SERVICE=FROM:TO:POINTS (shares from 0 to 1, FROM at most "
                     "TO, 1 to 101 points)"), option, spec);
      return FALSE;
    }

  *targets = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < (guint) n; i++)
    {
      double t = n == 1 ? from : from + (to - from) * i / (n - 1);

      g_array_append_val (*targets, t);
    }
  return TRUE;
}

static void
on_progress (const FpOptimiseProgress *progress,
             gpointer                  user_data)
{
  static const char * const phases[] = { "preparing", "solving", "routing", "explaining" };

  if (progress->has_solution)
    fprintf (stderr, "%s: %s %.1f s, %u nodes, NPV %.0f, bound %.0f, gap %.4f\n",
             fp_cli_prog_name, phases[progress->phase], progress->elapsed, progress->nodes,
             progress->npv, progress->bound, progress->gap);
  else
    fprintf (stderr, "%s: %s %.1f s, %u nodes\n", fp_cli_prog_name, phases[progress->phase],
             progress->elapsed, progress->nodes);
}

static int
print_sweep (GArray     *points,
             const char *id,
             gboolean    deprived,
             gboolean    json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonGenerator) gen = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "service");
      json_builder_add_string_value (b, id);
      json_builder_set_member_name (b, "target_of");
      json_builder_add_string_value (b, deprived ? "most_deprived_fifth" : "everyone");
      json_builder_set_member_name (b, "points");
      json_builder_begin_array (b);
      for (guint i = 0; i < points->len; i++)
        {
          const FpOptimisePoint *p = &g_array_index (points, FpOptimisePoint, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "target");
          json_builder_add_double_value (b, p->target);
          json_builder_set_member_name (b, "feasible");
          json_builder_add_boolean_value (b, p->feasible);
          json_builder_set_member_name (b, "status");
          if (p->feasible)
            json_builder_add_string_value (b, fp_optimise_status_to_string (p->status));
          else
            json_builder_add_null_value (b);
#define NUMBER(name, value) \
          json_builder_set_member_name (b, name); \
          if (isfinite (value)) json_builder_add_double_value (b, value); \
          else json_builder_add_null_value (b);
          NUMBER ("npv", p->npv);
          NUMBER ("gap", p->gap);
          NUMBER ("share", p->share);
          NUMBER ("share_deprived", p->share_deprived);
#undef NUMBER
          json_builder_set_member_name (b, "sites_left");
          json_builder_add_int_value (b, p->n_left);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      text = json_generator_to_data (gen, NULL);
      printf ("%s\n", text);
      return EXIT_OK;
    }

  if (g_str_equal (id, "all"))
    printf (_("The price of access to every chosen service, each held to the target or to Do "
              "nothing’s share if lower (target for %s; the mean of their shares):\n"),
            deprived ? _("the most deprived fifth") : _("everyone"));
  else
    printf (_("The price of access to %s (target for %s):\n"), id,
            deprived ? _("the most deprived fifth") : _("everyone"));
  printf ("%-8s %-16s %-10s %-9s %-9s %s\n", _("target"), _("NPV"), _("gap"), _("share"),
          _("deprived"), _("sites left"));
  for (guint i = 0; i < points->len; i++)
    {
      const FpOptimisePoint *p = &g_array_index (points, FpOptimisePoint, i);
      g_autofree char *target = fp_format_percent (p->target);

      if (!p->feasible)
        {
          printf ("%-8s %s\n", target, _("cannot be met by leaving sites"));
          continue;
        }
      {
        g_autofree char *npv = fp_format_money (p->npv);
        g_autofree char *gap = isnan (p->gap) ? g_strdup ("—") : fp_format_percent (p->gap);
        g_autofree char *share = fp_format_percent (p->share);
        g_autofree char *dep = fp_format_percent (p->share_deprived);

        printf ("%-8s %-16s %-10s %-9s %-9s %u\n", target, npv, gap, share, dep, p->n_left);
      }
    }
  return EXIT_OK;
}

int
cmd_optimise (int    argc,
              char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *name = NULL;
  g_autofree char *format = NULL;
  g_autofree char *sweep = NULL;
  g_autofree char *sweep_deprived = NULL;
  g_auto(GStrv) services = NULL;
  g_auto(GStrv) access_targets = NULL;
  g_auto(GStrv) deprived_targets = NULL;
  g_auto(GStrv) lock_keep = NULL;
  g_auto(GStrv) lock_exit = NULL;
  g_auto(GStrv) earliest = NULL;
  g_auto(GStrv) values = NULL;
  double time_limit = FP_OPTIMISE_DEFAULT_TIME_LIMIT, gap = 0, transition = 0;
  int max_per_year = 0, first_year = 0, last_year = 0, max_receivers = 0;
  gboolean count_backlog = FALSE, replace = FALSE, progress = FALSE, dry_run = FALSE;
  g_auto(Document) doc = { 0 };
  g_auto(FpOptimiseSettings) settings = { 0 };
  g_auto(FpOptimiseCheck) check = { 0 };
  g_autoptr(FpOptimiseResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean json;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name,
      N_("The name of the scenario to write"), N_("NAME") },
    { "services", 0, 0, G_OPTION_ARG_STRING_ARRAY, &services,
      N_("Services (and urgent_care_or_walk_in) whose access is held to a target, separated "
         "by commas (default: every service)"), N_("IDS") },
    { "access-target", 0, 0, G_OPTION_ARG_STRING_ARRAY, &access_targets,
      N_("The least share of people within reach of a service (default: Do nothing’s)"),
      N_("S=0.95") },
    { "deprived-target", 0, 0, G_OPTION_ARG_STRING_ARRAY, &deprived_targets,
      N_("The same for the most deprived fifth (default: Do nothing’s)"), N_("S=0.95") },
    { "lock-keep", 0, 0, G_OPTION_ARG_STRING_ARRAY, &lock_keep,
      N_("Sites that must be kept, separated by commas"), N_("ID,...") },
    { "lock-exit", 0, 0, G_OPTION_ARG_STRING_ARRAY, &lock_exit,
      N_("Sites that must be left, separated by commas"), N_("ID,...") },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit,
      N_("Seconds the search may take (default 30; 0: no limit)"), N_("SECONDS") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text or json (default text)"),
      N_("FORMAT") },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &replace,
      N_("Replace a scenario of the same name"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Solve and check, but write nothing"), NULL },
    { "gap", 0, 0, G_OPTION_ARG_DOUBLE, &gap,
      N_("Stop once proven within this share of the best (default 0: prove the optimum)"),
      N_("SHARE") },
    { "max-exits-per-year", 0, 0, G_OPTION_ARG_INT, &max_per_year,
      N_("The most sites left in one year (default: no limit)"), N_("N") },
    { "first-year", 0, 0, G_OPTION_ARG_INT, &first_year,
      N_("The earliest year of any exit (default: the year after the base year)"), N_("YEAR") },
    { "last-year", 0, 0, G_OPTION_ARG_INT, &last_year,
      N_("The latest year of any exit (default: the end of the horizon)"), N_("YEAR") },
    { "earliest", 0, 0, G_OPTION_ARG_STRING_ARRAY, &earliest,
      N_("The earliest year a site may be left"), N_("ID=YEAR") },
    { "value", 0, 0, G_OPTION_ARG_STRING_ARRAY, &values,
      N_("A freehold’s sale value (and disposal costs): leaving it sells it"),
      N_("ID=VALUE[:COSTS]") },
    { "transition-cost", 0, 0, G_OPTION_ARG_DOUBLE, &transition,
      N_("One-off cost of leaving a site, £ (default 0)"), N_("POUNDS") },
    { "count-backlog", 0, 0, G_OPTION_ARG_NONE, &count_backlog,
      N_("Count the backlog of sites left as a saving, as the appraisal does"), NULL },
    { "max-receivers", 0, 0, G_OPTION_ARG_INT, &max_receivers,
      N_("How many of the nearest sites may take each service of a site left (default 30)"),
      N_("N") },
    { "sweep", 0, 0, G_OPTION_ARG_STRING, &sweep,
      N_("The price of access: solve at each target of one service (or of every chosen "
         "service: all) instead, and print the curve"), N_("S=FROM:TO:POINTS") },
    { "sweep-deprived", 0, 0, G_OPTION_ARG_STRING, &sweep_deprived,
      N_("The same, sweeping the target for the most deprived fifth"), N_("S=FROM:TO:POINTS") },
    { "progress", 0, 0, G_OPTION_ARG_NONE, &progress,
      N_("Report the search’s progress on stderr"), NULL },
    { NULL }
  };

  if (!parse_options ("optimise", NULL,
                      _("Suggest an estate: the sites to keep and to leave, when, and where their "
                        "activity goes, for the least net present cost that keeps every "
                        "receiving site within its targets and access to each service at its "
                        "targets. Writes the suggestion as a scenario."),
                      entries, &argc, &argv, &code) ||
      !no_extra_arguments ("optimise", argc, argv, 1, &code))
    return code;

  if (format != NULL && !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return fail (EXIT_USAGE, _("unknown format “%s”; use text or json"), format);
  json = format != NULL && g_str_equal (format, "json");
  if (sweep != NULL && sweep_deprived != NULL)
    return fail (EXIT_USAGE, _("--sweep and --sweep-deprived cannot be used together"));
  if (name == NULL && sweep == NULL && sweep_deprived == NULL && !dry_run)
    return fail (EXIT_USAGE, _("--name is required: the name of the scenario to write (try "
                               "“footprint-cli optimise --help”)"));
  if (time_limit < 0 || gap < 0 || gap >= 1 || max_per_year < 0 || max_receivers < 0 ||
      transition < 0 || !isfinite (time_limit) || !isfinite (transition))
    return fail (EXIT_USAGE, _("--time-limit, --gap, --max-exits-per-year, --max-receivers and "
                               "--transition-cost take numbers of at least 0 (a gap below 1)"));

  fp_optimise_settings_init (&settings);
  settings.services = split_list (services);
  settings.lock_keep = split_list (lock_keep);
  settings.lock_exit = split_list (lock_exit);
  settings.time_limit = time_limit;
  settings.gap = gap;
  settings.max_exits_per_year = (guint) max_per_year;
  settings.first_year = first_year;
  settings.last_year = last_year;
  settings.transition_cost = transition;
  settings.count_backlog = count_backlog;
  if (max_receivers > 0)
    settings.max_receivers = (guint) max_receivers;
  if (!read_targets (&settings, access_targets, FALSE, &error) ||
      !read_targets (&settings, deprived_targets, TRUE, &error) ||
      !read_earliest (&settings, earliest, &error) || !read_values (&settings, values, &error))
    return fail (EXIT_USAGE, "%s", error->message);

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  if (sweep != NULL || sweep_deprived != NULL)
    {
      g_autofree char *id = NULL;
      g_autoptr(GArray) targets = NULL;
      g_autoptr(GArray) points = NULL;

      if (!fp_cli_read_sweep (sweep != NULL ? "--sweep" : "--sweep-deprived",
                       sweep != NULL ? sweep : sweep_deprived, &id, &targets, &error))
        return fail (EXIT_USAGE, "%s", error->message);

      points = fp_optimise_sweep (doc.model, fp_workspace_get_do_nothing (doc.workspace),
                                  &settings, g_str_equal (id, "all") ? NULL : id,
                                  sweep_deprived != NULL,
                                  (double *) targets->data, targets->len,
                                  progress ? on_progress : NULL, NULL, NULL, &error);
      if (points == NULL)
        return fail_error (error);
      return print_sweep (points, id, sweep_deprived != NULL, json);
    }

  /* A name already taken is refused before the search, not after. */
  if (!dry_run && !replace)
    {
      g_autofree char *clean = fp_scenario_normalize_name (name, &error);

      if (clean == NULL)
        return fail_error (error);
      if (fp_workspace_find_scenario (doc.workspace, clean) != NULL)
        return fail (EXIT_FAILED, _("A scenario called “%s” exists already; choose another name "
                                    "or add --replace"), clean);
    }

  result = fp_optimise_solve (doc.model, fp_workspace_get_do_nothing (doc.workspace), &settings,
                              progress ? on_progress : NULL, NULL, NULL, &error);
  if (result == NULL)
    return fail_error (error);

  if (!fp_optimise_check (doc.model, fp_workspace_get_do_nothing (doc.workspace), &settings,
                          result, &check, &error))
    return fail_error (error);

  text = json ? fp_optimise_result_to_json (result, &check)
              : fp_optimise_result_to_text (result, &check);
  fputs (text, stdout);
  if (json)
    fputc ('\n', stdout);

  /* A suggestion the engine does not confirm is a fault of the optimiser: it is shown, for
   * a report, and not written. */
  if (!check.ok)
    return fail (EXIT_FAILED, _("the engine does not confirm the suggestion (see “The engine’s "
                                "check”), so it was not written"));

  if (!dry_run)
    {
      if (!fp_optimise_save (doc.workspace, result, name, replace, &error))
        return fail_error (error);
      fflush (stdout);
      fprintf (stderr, _("%s: wrote the scenario “%s” (%u changes)\n"), fp_cli_prog_name, name,
               result->changes->len);
    }

  return EXIT_OK;
}
