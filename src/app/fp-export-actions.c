/* fp-export-actions.c: Export ▸ workbook, site results, register, map slide, chart.
 *
 * Each action takes the file to write as its parameter; an empty one asks for it
 * (fp-file-chooser). What is exported is what the window shows, read from its actions'
 * states (the scenario, year, colours and sizes, the appraisal's options), so a script
 * driving the window over D-Bus gets the same file as a person clicking.
 *
 * The figures are taken from the window's workspace on the main thread (an appraisal or a
 * scenario's results take milliseconds), and the slow part, writing the workbook or
 * drawing the picture, runs in a worker thread (GTask), so the window never freezes. The
 * worker borrows the workspace's estate and model: while an export is running, the edits
 * that would replace them (an assumption, an import applied, undone or redone) wait
 * (fp_export_actions_get_running()). A second FpStore on the same document is not opened
 * in this process: closing it would drop the process's SQLite locks on the document (POSIX
 * locks are per process) and could take the window's log with it. The core and src/render
 * write every file under a temporary name and rename it; a toast says where it went, or
 * why it did not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-export"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "fp-export-actions.h"
#include "fp-file-chooser.h"
#include "fp-map-view.h"
#include "fp-render.h"

typedef enum
{
  JOB_WORKBOOK,
  JOB_SITES_CSV,
  JOB_SITES_GEOJSON,
  JOB_REGISTER_CSV,
  JOB_REGISTER_XLSX,
  JOB_MAP,
  JOB_CHART,
} JobKind;

typedef struct
{
  JobKind          kind;
  char            *path;

  /* What the window shows. */
  char            *scenario;      /* NULL for Do nothing */
  int              year;          /* calendar */
  GStrv            options;       /* the appraisal's, without Do nothing; NULL: every one */

  /* What the worker writes: made on the main thread, or borrowed from the workspace. */
  FpAppraisal     *appraisal;     /* owned */
  FpChart         *chart;         /* owned */
  char            *text;          /* owned: site results */
  FpResults       *results;       /* owned */
  const FpEstate  *estate;        /* borrowed */
  const FpModel   *model;         /* borrowed */
  FpRenderFormat   format;
  FpMapPicture     picture;       /* its strings are @title and @subtitle */
  char            *title;
  char            *subtitle;
} Job;

static const char running_key[] = "fp-exports-running";

const char * const fp_export_action_names[] = {
  "export-appraisal", "export-site-results", "export-register", "export-map", "export-chart",
  NULL,
};

static void
job_free (Job *job)
{
  g_free (job->path);
  g_free (job->scenario);
  g_strfreev (job->options);
  g_clear_pointer (&job->appraisal, fp_appraisal_free);
  g_clear_pointer (&job->chart, fp_chart_free);
  g_free (job->text);
  g_clear_pointer (&job->results, fp_results_free);
  g_free (job->title);
  g_free (job->subtitle);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

/* ---- what the window shows ------------------------------------------------------ */

static GVariant *
state_of (FpWindow   *window,
          const char *action)
{
  return g_action_group_get_action_state (G_ACTION_GROUP (window), action);
}

static char *
state_string (FpWindow   *window,
              const char *action)
{
  g_autoptr(GVariant) state = state_of (window, action);

  return state != NULL && g_variant_is_of_type (state, G_VARIANT_TYPE_STRING)
           ? g_variant_dup_string (state, NULL) : NULL;
}

static Job *
job_new (FpWindow *window,
         JobKind   kind)
{
  Job *job = g_new0 (Job, 1);
  FpWorkspace *document = fp_window_get_document (window);
  g_autoptr(GVariant) year = state_of (window, "set-year");
  g_autoptr(GVariant) options = state_of (window, "appraisal-options");
  g_autofree char *colour = state_string (window, "colour-by");
  g_autofree char *size = state_string (window, "size-by");

  job->kind = kind;
  job->estate = fp_workspace_get_estate (document);
  job->model = fp_workspace_get_model (document);
  job->scenario = state_string (window, "select-scenario");
  if (job->scenario != NULL && fp_scenario_is_do_nothing (job->scenario))
    g_clear_pointer (&job->scenario, g_free);
  job->year = year != NULL ? g_variant_get_int32 (year) : 0;
  if (options != NULL && g_variant_n_children (options) > 0)
    job->options = g_variant_dup_strv (options, NULL);
  if (colour == NULL || !fp_colour_by_from_string (colour, &job->picture.colour_by))
    job->picture.colour_by = FP_COLOUR_BY_UTILISATION;
  if (size == NULL || !fp_size_by_from_string (size, &job->picture.size_by))
    job->picture.size_by = FP_SIZE_BY_FLOOR_AREA;
  return job;
}

/* The appraisal of the options the Appraisal view shows (every scenario until the user
 * chooses). */
static FpAppraisal *
appraise (FpWorkspace  *workspace,
          Job          *job,
          GError      **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GPtrArray *scenarios = fp_workspace_get_scenarios (workspace);

  g_ptr_array_add (names, (gpointer) FP_DO_NOTHING);
  if (job->options != NULL)
    for (guint i = 0; job->options[i] != NULL; i++)
      g_ptr_array_add (names, job->options[i]);
  else
    for (guint i = 0; i < scenarios->len; i++)
      g_ptr_array_add (names, ((FpScenario *) g_ptr_array_index (scenarios, i))->name);
  g_ptr_array_add (names, NULL);

  return fp_appraisal_compute_for_workspace (workspace, (const char * const *) names->pdata,
                                             error);
}

/* The scenario's results in the year shown, for the site results and the map. */
static gboolean
compute_results (FpWorkspace  *workspace,
                 Job          *job,
                 guint        *year,
                 GError      **error)
{
  int base = fp_model_get_base_year (job->model);

  if (job->year < base || job->year >= base + (int) fp_model_get_n_years (job->model))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The year %d is outside the document’s horizon"), job->year);
      return FALSE;
    }
  *year = (guint) (job->year - base);
  job->results = fp_workspace_compute (workspace, job->scenario, error);
  return job->results != NULL;
}

/* ---- the writing (a worker thread) ---------------------------------------------- */

static gboolean
write_job (Job     *job,
           GError **error)
{
  switch (job->kind)
    {
    case JOB_WORKBOOK:
      return fp_export_xlsx (job->appraisal, job->model, job->path, error);

    case JOB_CHART:
      return fp_render_chart_to_file (job->chart, job->format, job->path, error);

    case JOB_REGISTER_CSV:
    case JOB_REGISTER_XLSX:
      return fp_register_export (job->estate,
                                 job->kind == JOB_REGISTER_CSV ? FP_REGISTER_CSV
                                                               : FP_REGISTER_XLSX,
                                 job->path, error);

    case JOB_MAP:
      return fp_render_map_to_file (&job->picture, NULL, job->format, job->path, error);

    case JOB_SITES_CSV:
    case JOB_SITES_GEOJSON:
    default:
      return fp_export_write_file (job->path, job->text, -1, error);
    }
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_job (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ---- back in the window --------------------------------------------------------- */

static void
set_running (FpWindow *window,
             int       delta)
{
  guint n = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), running_key));

  g_object_set_data (G_OBJECT (window), running_key, GUINT_TO_POINTER (n + delta));
}

static const char *
describe (JobKind kind)
{
  switch (kind)
    {
    case JOB_WORKBOOK:
      return _("the appraisal workbook");
    case JOB_SITES_CSV:
    case JOB_SITES_GEOJSON:
      return _("the site results");
    case JOB_REGISTER_CSV:
    case JOB_REGISTER_XLSX:
      return _("the register");
    case JOB_MAP:
      return _("the map");
    case JOB_CHART:
    default:
      return _("the chart");
    }
}

static void
on_exported_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FpWindow *window = FP_WINDOW (source_object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  set_running (window, -1);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Translators: a toast: "Wrote the appraisal workbook to /home/jo/appraisal.xlsx" */
      message = g_strdup_printf (_("Wrote %s to %s"), describe (job->kind), job->path);
      g_message ("%s", message);
    }
  else
    {
      /* Translators: a toast: what could not be exported, then why */
      message = g_strdup_printf (_("Could not export %s: %s"), describe (job->kind),
                                 error->message);
      g_message ("%s", message);
    }
  fp_window_add_toast (window, message);
}

/* Writes @job in a worker thread, or says why it could not be prepared (@error set). */
static void
start (FpWindow *window,
       Job      *job,
       GError   *error)
{
  g_autoptr(GTask) task = NULL;

  if (error != NULL)
    {
      /* Translators: a toast: what could not be exported, then why */
      g_autofree char *message = g_strdup_printf (_("Could not export %s: %s"),
                                                  describe (job->kind), error->message);

      g_message ("%s", message);
      fp_window_add_toast (window, message);
      job_free (job);
      g_error_free (error);
      return;
    }

  task = g_task_new (window, NULL, on_exported_cb, NULL);

  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  set_running (window, +1);
  g_task_run_in_thread (task, export_thread);
}

/**
 * fp_export_with_extension:
 * @path: a file's path
 * @known: (array zero-terminated=1): the extensions it may already end with
 * @extension: the one to add when it ends with none of them
 *
 * Returns: (transfer full): @path, ending with @extension when it had none of @known
 */
char *
fp_export_with_extension (const char         *path,
                          const char * const *known,
                          const char         *extension)
{
  const char *dot = strrchr (path, '.');
  const char *slash = strrchr (path, G_DIR_SEPARATOR);

  if (dot != NULL && (slash == NULL || dot > slash))
    for (guint i = 0; known[i] != NULL; i++)
      if (g_ascii_strcasecmp (dot + 1, known[i]) == 0)
        return g_strdup (path);

  return g_strconcat (path, ".", extension, NULL);
}

/* ---- asking for the file -------------------------------------------------------- */

typedef struct
{
  FpWindow  *window;
  FpExportStartFunc start;
  char      *detail;
} Ask;

static void
on_file_chosen_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Ask *ask = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = fp_file_chooser_finish (result, &error);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    ask->start (ask->window, path, ask->detail);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fp_window_add_toast (ask->window, error->message);

  g_object_unref (ask->window);
  g_free (ask->detail);
  g_free (ask);
}

/**
 * fp_export_ask_file:
 * @window: the window exporting
 * @parent: (nullable): the window the file chooser stands over; %NULL for @window
 * @detail: (nullable): passed on to @start_func
 * @start_func: called with the file chosen (not if the choice is cancelled)
 * @title: the chooser's title
 * @suggested: the file name suggested
 * @filters: the chooser's filters
 * @n_filters: how many
 *
 * Asks where to export, beside the document (where its other papers probably are); a
 * failure to ask is said in a toast.
 */
void
fp_export_ask_file (FpWindow           *window,
                    GtkWindow          *parent,
                    const char         *detail,
                    FpExportStartFunc   start_func,
                    const char         *title,
                    const char         *suggested,
                    const FpFileFilter *filters,
                    guint               n_filters)
{
  FpWorkspace *document = fp_window_get_document (window);
  g_autofree char *folder = NULL;
  Ask *ask;

  if (document == NULL)
    return;

  folder = g_path_get_dirname (fp_workspace_get_path (document));
  ask = g_new0 (Ask, 1);
  ask->window = g_object_ref (window);
  ask->start = start_func;
  ask->detail = g_strdup (detail);
  fp_file_chooser_save_async (parent != NULL ? parent : GTK_WINDOW (window), title,
                              _("_Export"), folder, suggested, filters, n_filters,
                              on_file_chosen_cb, ask);
}

static void
ask_or_start (FpWindow           *window,
              const char         *path,
              const char         *detail,
              FpExportStartFunc   start_func,
              const char         *title,
              const char         *suggested,
              const FpFileFilter *filters,
              guint               n_filters)
{
  if (fp_window_get_document (window) == NULL)
    return;

  if (path != NULL && *path != '\0')
    start_func (window, path, detail);
  else
    fp_export_ask_file (window, NULL, detail, start_func, title, suggested, filters, n_filters);
}

/**
 * fp_export_file_name:
 * @name: text that names something (a scenario, a story)
 * @extension: the file's extension, without its dot
 *
 * Returns: (transfer full): a file name from @name: no slashes, no leading dot
 */
char *
fp_export_file_name (const char *name,
                     const char *extension)
{
  g_autofree char *safe = g_strdup (name);

  g_strdelimit (safe, "/\\:*?\"<>|", '-');
  if (*safe == '.')
    *safe = '-';
  return g_strconcat (safe, ".", extension, NULL);
}

/* ---- the actions ---------------------------------------------------------------- */

static void
start_workbook (FpWindow   *window,
                const char *path,
                const char *detail)
{
  static const char * const known[] = { "xlsx", NULL };
  Job *job = job_new (window, JOB_WORKBOOK);
  GError *error = NULL;

  job->path = fp_export_with_extension (path, known, "xlsx");
  job->appraisal = appraise (fp_window_get_document (window), job, &error);
  start (window, job, error);
}

static void
export_appraisal_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  static const FpFileFilter filters[] = {
    { N_("Excel workbooks"), "*.xlsx",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  };
  FpFileFilter translated[G_N_ELEMENTS (filters)];

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    translated[i] = (FpFileFilter) { _(filters[i].name), filters[i].pattern,
                                     filters[i].mime_type };
  ask_or_start (user_data, g_variant_get_string (parameter, NULL), NULL, start_workbook,
                _("Export the Appraisal Workbook"), _("appraisal.xlsx"), translated,
                G_N_ELEMENTS (translated));
}

static void
start_site_results (FpWindow   *window,
                    const char *path,
                    const char *detail)
{
  static const char * const known[] = { "csv", "geojson", "json", NULL };
  Job *job = job_new (window, JOB_SITES_CSV);
  GError *error = NULL;
  guint year;

  job->path = fp_export_with_extension (path, known, "csv");
  if (!g_str_has_suffix (job->path, ".csv") && !g_str_has_suffix (job->path, ".CSV"))
    job->kind = JOB_SITES_GEOJSON;
  if (compute_results (fp_window_get_document (window), job, &year, &error))
    {
      const char *name = job->scenario != NULL ? job->scenario : FP_DO_NOTHING;

      job->text = job->kind == JOB_SITES_CSV
                    ? fp_export_site_results_csv (job->model, job->results, name, year)
                    : fp_export_site_results_geojson (job->model, job->results, name, year);
    }
  start (window, job, error);
}

static void
export_site_results_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  FpWindow *window = user_data;
  FpFileFilter filters[] = {
    { _("Comma-separated values"), "*.csv", "text/csv" },
    { _("GeoJSON (for a GIS)"), "*.geojson", "application/geo+json" },
  };
  g_autofree char *scenario = state_string (window, "select-scenario");
  g_autoptr(GVariant) year = state_of (window, "set-year");
  /* Translators: a file name: a scenario, then a year */
  g_autofree char *name = g_strdup_printf (_("%s %d"), scenario != NULL ? scenario : "",
                                           year != NULL ? g_variant_get_int32 (year) : 0);
  g_autofree char *suggested = fp_export_file_name (name, "csv");

  ask_or_start (window, g_variant_get_string (parameter, NULL), NULL, start_site_results,
                _("Export the Site Results"), suggested, filters, G_N_ELEMENTS (filters));
}

static void
start_register (FpWindow   *window,
                const char *path,
                const char *detail)
{
  static const char * const known[] = { "csv", "xlsx", NULL };
  Job *job = job_new (window, JOB_REGISTER_XLSX);

  job->path = fp_export_with_extension (path, known, "xlsx");
  if (g_str_has_suffix (job->path, ".csv") || g_str_has_suffix (job->path, ".CSV"))
    job->kind = JOB_REGISTER_CSV;
  start (window, job, NULL);
}

static void
export_register_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpFileFilter filters[] = {
    { _("Excel workbooks"), "*.xlsx",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    { _("Comma-separated values"), "*.csv", "text/csv" },
  };

  ask_or_start (user_data, g_variant_get_string (parameter, NULL), NULL, start_register,
                _("Export the Register"), _("register.xlsx"), filters, G_N_ELEMENTS (filters));
}

static void
start_map (FpWindow   *window,
           const char *path,
           const char *detail)
{
  static const char * const known[] = { "png", "pdf", "svg", NULL };
  FpWorkspace *document = fp_window_get_document (window);
  FpMapView *map_view = fp_window_get_map_view (window);
  Job *job = job_new (window, JOB_MAP);
  GError *error = NULL;
  double lat, lon, zoom;
  guint year = 0;

  job->path = fp_export_with_extension (path, known, "png");
  if (!fp_render_format_from_path (job->path, &job->format))
    job->format = FP_RENDER_PNG;

  /* Translators: a map slide's title: a scenario, then a year */
  job->title = g_strdup_printf (_("%s in %d"), job->scenario != NULL ? job->scenario
                                                                      : _("Do nothing"),
                                job->year);
  /* Translators: a map slide's subtitle: the estate, what colours and sizes show */
  job->subtitle = g_strdup_printf (_("%s · Colour: %s · Size: %s"),
                                   fp_workspace_get_estate (document)->name,
                                   fp_colour_by_to_label (job->picture.colour_by),
                                   fp_size_by_to_label (job->picture.size_by));

  /* The view the user moved the map to, as wide on the slide as in the window; else the
   * whole area. */
  if (map_view != NULL && fp_map_view_get_view (map_view, &lat, &lon, &zoom))
    {
      int width = gtk_widget_get_width (fp_map_view_get_map (map_view));

      if (width > 0)
        {
          job->picture.has_view = TRUE;
          job->picture.latitude = lat;
          job->picture.longitude = lon;
          job->picture.span = width / (256.0 * exp2 (zoom));
        }
    }

  if (compute_results (document, job, &year, &error))
    {
      job->picture.estate = job->estate;
      job->picture.model = job->model;
      job->picture.results = job->results;
      job->picture.year = year;
      job->picture.title = job->title;
      job->picture.subtitle = job->subtitle;
    }
  start (window, job, error);
}

static void
export_map_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  FpWindow *window = user_data;
  FpFileFilter filters[] = {
    { _("PNG images (1920 × 1080)"), "*.png", "image/png" },
    { _("PDF documents (a 16:9 slide)"), "*.pdf", "application/pdf" },
    { _("SVG drawings"), "*.svg", "image/svg+xml" },
  };
  g_autofree char *scenario = state_string (window, "select-scenario");
  g_autoptr(GVariant) year = state_of (window, "set-year");
  /* Translators: a file name: a scenario, then a year */
  g_autofree char *name = g_strdup_printf (_("%s %d"), scenario != NULL ? scenario : "",
                                           year != NULL ? g_variant_get_int32 (year) : 0);
  g_autofree char *suggested = fp_export_file_name (name, "png");

  ask_or_start (window, g_variant_get_string (parameter, NULL), NULL, start_map,
                _("Export the Map as a Slide"), suggested, filters, G_N_ELEMENTS (filters));
}

static void
start_chart (FpWindow   *window,
             const char *path,
             const char *detail)
{
  static const char * const known[] = { "png", "svg", "pdf", NULL };
  Job *job = job_new (window, JOB_CHART);
  GError *error = NULL;
  FpChartKind kind = FP_CHART_NET_BENEFIT;

  fp_chart_kind_from_string (detail, &kind);
  job->path = fp_export_with_extension (path, known, "png");
  if (!fp_render_format_from_path (job->path, &job->format))
    job->format = FP_RENDER_PNG;
  job->appraisal = appraise (fp_window_get_document (window), job, &error);
  if (job->appraisal != NULL)
    job->chart = fp_chart_new_for_appraisal (job->appraisal, kind);
  start (window, job, error);
}

/* "CHART" asks where to write it; "CHART:PATH" writes it there. */
static void
export_chart_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpWindow *window = user_data;
  const char *text = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  FpFileFilter filters[] = {
    { _("PNG images"), "*.png", "image/png" },
    { _("SVG drawings"), "*.svg", "image/svg+xml" },
    { _("PDF documents"), "*.pdf", "application/pdf" },
  };
  FpChartKind kind;

  if (!fp_chart_kind_from_string (parts[0], &kind))
    {
      g_autofree char *message =
        g_strdup_printf (_("There is no chart “%s”: use net-benefit or running-cost"), parts[0]);

      fp_window_add_toast (window, message);
      return;
    }

  ask_or_start (window, parts[1], parts[0], start_chart, _("Export the Chart"),
                kind == FP_CHART_NET_BENEFIT ? _("net-benefit.png") : _("running-cost.png"),
                filters, G_N_ELEMENTS (filters));
}

static const GActionEntry actions[] = {
  { "export-appraisal", export_appraisal_action, "s", NULL, NULL, { 0 } },
  { "export-site-results", export_site_results_action, "s", NULL, NULL, { 0 } },
  { "export-register", export_register_action, "s", NULL, NULL, { 0 } },
  { "export-map", export_map_action, "s", NULL, NULL, { 0 } },
  { "export-chart", export_chart_action, "s", NULL, NULL, { 0 } },
};

/**
 * fp_export_actions_add:
 * @window: a window
 *
 * Adds the Export actions to the window's action map, disabled until it shows a document.
 */
void
fp_export_actions_add (FpWindow *window)
{
  g_action_map_add_action_entries (G_ACTION_MAP (window), actions, G_N_ELEMENTS (actions),
                                   window);
  for (guint i = 0; fp_export_action_names[i] != NULL; i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                   G_ACTION_MAP (window), fp_export_action_names[i])), FALSE);
}

/**
 * fp_export_actions_get_running:
 * @window: a window
 *
 * Returns: how many exports are being written now
 */
guint
fp_export_actions_get_running (FpWindow *window)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (window), running_key));
}
