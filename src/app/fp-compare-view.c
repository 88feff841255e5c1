/* fp-compare-view.c: the options of a decision, side by side.
 *
 * Two to four options (Do nothing and scenarios, chosen at the top or with
 * `win.compare`): their key figures in the year shown, each against Do nothing; their
 * running cost, void cost and revenue saving in every year of the horizon; how many sites
 * fall in each band of room utilisation; how many people live within 20 minutes of urgent
 * care, overall and in the most deprived fifth; and, on its second page, the first two on
 * two maps that move together. The figures are the core's (FpComparisonJob, worked
 * through an option at a time between frames); this view only lays them out and draws
 * them. It works only while it is shown: an edit made elsewhere marks it stale, and it
 * catches up when it is shown again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-compare-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "fp-chart-view.h"
#include "fp-compare-view.h"
#include "fp-map-view.h"
#include "fp-palette.h"

enum
{
  CHART_RUNNING,
  CHART_VOID,
  CHART_SAVING,
  CHART_BANDS,
  CHART_ACCESS,
  N_CHARTS
};

struct _FpCompareView
{
  GtkWidget      parent_instance;

  GtkStack      *stack;
  GtkBox        *choosers_box;
  GtkButton     *add_button;
  GtkLabel      *status_label;
  GtkLabel      *figures_title;
  GtkGrid       *figures_grid;
  GtkGrid       *charts_grid;
  GtkBox        *top_box;
  GtkStack      *pages;
  GtkBox        *maps_box;

  FpSession     *session;
  gulong         handler_ids[3];
  GStrv          options;
  GtkStringList *names;           /* Do nothing and every scenario, for the choosers */
  gboolean       syncing;

  GtkWidget     *charts[N_CHARTS];
  GtkLabel      *chart_titles[N_CHARTS];
  GtkWidget     *legend;

  FpMapView     *maps[2];
  GtkLabel      *map_labels[2];
  FpSession     *map_sessions[2];
  gboolean       moving_maps;

  FpComparison  *comparison;
  FpComparisonJob *job;
  guint          job_id;
  gboolean       pending;
  gboolean       dirty;
};

G_DEFINE_FINAL_TYPE (FpCompareView, fp_compare_view, GTK_TYPE_WIDGET)

static void refresh (FpCompareView *self);

/* ---- the option choosers -------------------------------------------------------- */

static void
fill_names (FpCompareView *self)
{
  GPtrArray *scenarios = fp_workspace_get_scenarios (fp_session_get_workspace (self->session));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_add (names, (char *) FP_DO_NOTHING);
  for (guint i = 0; i < scenarios->len; i++)
    g_ptr_array_add (names, ((FpScenario *) g_ptr_array_index (scenarios, i))->name);
  g_ptr_array_add (names, NULL);

  self->syncing = TRUE;
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char * const *) names->pdata);
  self->syncing = FALSE;
}

static guint
name_position (FpCompareView *self,
               const char    *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->names));

  for (guint i = 0; i < n; i++)
    if (g_ascii_strcasecmp (gtk_string_list_get_string (self->names, i), name) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
activate_compare (FpCompareView *self,
                  GPtrArray     *names)
{
  g_ptr_array_add (names, NULL);
  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.compare",
                                      g_variant_new_strv ((const char * const *) names->pdata,
                                                          -1));
}

static void
on_chooser_selected_cb (GtkDropDown   *drop,
                        GParamSpec    *pspec,
                        FpCompareView *self)
{
  guint which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop), "option"));
  guint selected = gtk_drop_down_get_selected (drop);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (self->syncing || selected == GTK_INVALID_LIST_POSITION)
    return;

  for (guint i = 0; self->options[i] != NULL; i++)
    g_ptr_array_add (names, i == which
                            ? (char *) gtk_string_list_get_string (self->names, selected)
                            : self->options[i]);
  activate_compare (self, names);
}

static void
on_remove_clicked_cb (GtkButton     *button,
                      FpCompareView *self)
{
  guint which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "option"));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; self->options[i] != NULL; i++)
    if (i != which)
      g_ptr_array_add (names, self->options[i]);
  activate_compare (self, names);
}

static void
on_add_clicked_cb (FpCompareView *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->names));

  for (guint i = 0; self->options[i] != NULL; i++)
    g_ptr_array_add (names, self->options[i]);
  for (guint i = 0; i < n; i++)
    {
      const char *name = gtk_string_list_get_string (self->names, i);

      if (!g_strv_contains ((const char * const *) self->options, name))
        {
          g_ptr_array_add (names, (char *) name);
          break;
        }
    }
  activate_compare (self, names);
}

static void
build_choosers (FpCompareView *self)
{
  GtkWidget *child;
  guint n = self->options != NULL ? g_strv_length (self->options) : 0;
  GtkExpression *expression;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choosers_box))) != NULL)
    gtk_box_remove (self->choosers_box, child);

  self->syncing = TRUE;
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *drop;
      g_autofree char *marker = NULL, *label = NULL;
      static const char *markers[] = FP_CHART_MARKERS;
      GtkWidget *key = gtk_label_new (NULL);

      /* The option's colour and marker, as its lines and bars are drawn. */
      marker = g_strdup_printf ("<span foreground=\"#%06X\">%s</span>", fp_palette_option (i),
                                markers[i % 4]);
      gtk_label_set_markup (GTK_LABEL (key), marker);
      gtk_widget_set_margin_end (key, 6);
      gtk_widget_add_css_class (key, "fp-option-key");
      gtk_box_append (GTK_BOX (box), key);

      expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
      drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->names)), expression);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), name_position (self, self->options[i]));
      g_object_set_data (G_OBJECT (drop), "option", GUINT_TO_POINTER (i));
      /* Translators: the accessible name of the compare view's option choosers */
      label = g_strdup_printf (_("Option %u"), i + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_signal_connect (drop, "notify::selected", G_CALLBACK (on_chooser_selected_cb), self);

      if (n > FP_COMPARISON_MIN_OPTIONS)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
          /* Translators: the tooltip of the button that takes an option out of the comparison */
          g_autofree char *tip = g_strdup_printf (_("Remove “%s” from the Comparison"),
                                                  self->options[i]);

          gtk_widget_set_tooltip_text (remove, tip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          tip, -1);
          g_object_set_data (G_OBJECT (remove), "option", GUINT_TO_POINTER (i));
          g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
          gtk_widget_add_css_class (box, "linked");
          gtk_box_append (GTK_BOX (box), drop);
          gtk_box_append (GTK_BOX (box), remove);
        }
      else
        gtk_box_append (GTK_BOX (box), drop);
      gtk_box_append (self->choosers_box, box);
    }
  self->syncing = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            n < FP_COMPARISON_MAX_OPTIONS &&
                            n < g_list_model_get_n_items (G_LIST_MODEL (self->names)));
}

/* ---- the figures ---------------------------------------------------------------- */

typedef enum
{
  MONEY,
  COUNT,
  SHARE,
} Kind;

static const struct
{
  FpKeyFigure  figure;
  Kind         kind;
  int          better;
  const char  *label;
} figure_rows[] = {
  { FP_KEY_RUNNING_COST, MONEY, -1, N_("Running cost a year") },
  { FP_KEY_VOID_COST, MONEY, -1, N_("Void cost a year") },
  { FP_KEY_REVENUE_SAVING, MONEY, +1, N_("Revenue saving a year") },
  { FP_KEY_CAPITAL_RECEIPTS, MONEY, +1, N_("Capital receipts to date") },
  { FP_KEY_SITES_OVER_TARGET, COUNT, -1, N_("Sites over target use") },
  { FP_KEY_UNPLACED_ROOM_HOURS, COUNT, -1, N_("Unplaced activity, room-hours a year") },
  { FP_KEY_ACCESS_SHARE, SHARE, +1, N_("Within 20 minutes of urgent care") },
  { FP_KEY_ACCESS_SHARE_DEPRIVED, SHARE, +1, N_("… in the most deprived fifth") },
};

static char *
format_figure (Kind   kind,
               double value)
{
  switch (kind)
    {
    case MONEY:
      return fp_format_money_short (value);
    case SHARE:
      return fp_format_percent (value);
    case COUNT:
    default:
      return fp_format_count (value);
    }
}

static GtkWidget *
cell (const char *text,
      const char *css,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static void
fill_figures (FpCompareView *self)
{
  const FpComparison *c = self->comparison;
  GtkWidget *child;
  int year = c->base_year + (int) c->year;
  g_autofree char *title = NULL;
  static const char *markers[] = FP_CHART_MARKERS;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->figures_grid))) != NULL)
    gtk_grid_remove (self->figures_grid, child);

  /* Translators: the heading of the compare view's table of figures */
  title = g_strdup_printf (_("Key figures in %d, against Do nothing"), year);
  gtk_label_set_label (self->figures_title, title);

  for (guint o = 0; o < c->options->len; o++)
    {
      const FpComparisonOption *option = g_ptr_array_index (c->options, o);
      g_autofree char *markup = NULL, *escaped = g_markup_escape_text (option->name, -1);
      GtkWidget *label = gtk_label_new (NULL);

      markup = g_strdup_printf ("<span foreground=\"#%06X\">%s</span> %s",
                                fp_palette_option (o), markers[o % 4], escaped);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "heading");
      gtk_grid_attach (self->figures_grid, label, (int) o + 1, 0, 1, 1);
    }

  for (guint r = 0; r < G_N_ELEMENTS (figure_rows); r++)
    {
      FpKeyFigure f = figure_rows[r].figure;

      gtk_grid_attach (self->figures_grid, cell (_(figure_rows[r].label), NULL, 0), 0,
                       (int) r + 1, 1, 1);
      for (guint o = 0; o < c->options->len; o++)
        {
          const FpComparisonOption *option = g_ptr_array_index (c->options, o);
          GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
          g_autofree char *value = format_figure (figure_rows[r].kind, option->figures.value[f]);
          double delta = option->figures.change[f];
          g_autofree char *change = NULL;
          GtkWidget *value_label = cell (value, "fp-compare-value", 1);

          gtk_widget_set_halign (box, GTK_ALIGN_END);
          gtk_widget_add_css_class (value_label, "numeric");
          gtk_box_append (GTK_BOX (box), value_label);

          /* The access shares change in people, as on the strip. */
          if (f == FP_KEY_ACCESS_SHARE)
            delta = option->figures.change[FP_KEY_ACCESS_PEOPLE];
          else if (f == FP_KEY_ACCESS_SHARE_DEPRIVED)
            delta = option->figures.change[FP_KEY_ACCESS_PEOPLE_DEPRIVED];

          if (!fp_scenario_is_do_nothing (option->name) && isfinite (delta) &&
              fabs (delta) >= 0.5 && f != FP_KEY_REVENUE_SAVING)
            {
              gboolean better = (delta > 0) == (figure_rows[r].better > 0);
              g_autofree char *amount = figure_rows[r].kind == MONEY
                                        ? fp_format_money_short (fabs (delta))
                                        : fp_format_count (fabs (delta));
              GtkWidget *change_label;

              if (figure_rows[r].kind == SHARE)
                /* Translators: a change in people against Do nothing, e.g. "▼ 5,200 people" */
                change = g_strdup_printf (delta > 0 ? _("▲ %s people") : _("▼ %s people"),
                                          amount);
              else
                /* Translators: a change against Do nothing, e.g. "▲ £1.2m" */
                change = g_strdup_printf (delta > 0 ? _("▲ %s") : _("▼ %s"), amount);
              change_label = cell (change, better ? "fp-better" : "fp-worse", 1);
              gtk_widget_add_css_class (change_label, "fp-figure-change");
              gtk_box_append (GTK_BOX (box), change_label);
            }
          gtk_grid_attach (self->figures_grid, box, (int) o + 1, (int) r + 1, 1, 1);
        }
    }
}

static void
fill_charts (FpCompareView *self)
{
  const FpComparison *c = self->comparison;
  guint n_opt = c->options->len, ny = c->n_years;
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree double *values = g_new0 (double, (gsize) MAX (ny, FP_COMPARISON_N_BANDS) * n_opt);
  int year = c->base_year + (int) c->year;
  g_autofree char *bands_title = NULL, *access_title = NULL, *target = NULL;
  const char *band_labels[FP_COMPARISON_N_BANDS];
  const char *access_labels[2] = { _("Everyone"), _("Most deprived fifth") };

  for (guint y = 0; y < ny; y++)
    g_ptr_array_add (years, g_strdup_printf ("%d", c->base_year + (int) y));
  for (guint o = 0; o < n_opt; o++)
    g_ptr_array_add (names, ((FpComparisonOption *) g_ptr_array_index (c->options, o))->name);

#define SERIES(field)                                                                   \
  for (guint o = 0; o < n_opt; o++)                                                      \
    for (guint y = 0; y < ny; y++)                                                       \
      values[(gsize) o * ny + y] =                                                       \
        ((FpComparisonOption *) g_ptr_array_index (c->options, o))->field[y];

  SERIES (running_cost);
  fp_chart_view_set_data (FP_CHART_VIEW (self->charts[CHART_RUNNING]),
                          (const char * const *) years->pdata, ny, n_opt, values,
                          (const char * const *) names->pdata,
                          _("Running cost of the sites held, £ a year, by year."));
  SERIES (void_cost);
  fp_chart_view_set_data (FP_CHART_VIEW (self->charts[CHART_VOID]),
                          (const char * const *) years->pdata, ny, n_opt, values,
                          (const char * const *) names->pdata,
                          _("Void cost, £ a year, by year."));
  SERIES (revenue_saving);
  fp_chart_view_set_data (FP_CHART_VIEW (self->charts[CHART_SAVING]),
                          (const char * const *) years->pdata, ny, n_opt, values,
                          (const char * const *) names->pdata,
                          _("Revenue saving against Do nothing, £ a year, by year."));
#undef SERIES

  target = fp_format_percent (c->band_edges[3]);
  band_labels[0] = _("Under 25%");
  band_labels[1] = _("25–50%");
  band_labels[2] = _("50–70%");
  band_labels[3] = g_strdup_printf (_("70–%s"), target);
  band_labels[4] = g_strdup_printf (_("%s–100%%"), target);
  band_labels[5] = _("Over 100%");
  for (guint o = 0; o < n_opt; o++)
    for (guint b = 0; b < FP_COMPARISON_N_BANDS; b++)
      values[(gsize) o * FP_COMPARISON_N_BANDS + b] =
        ((FpComparisonOption *) g_ptr_array_index (c->options, o))->sites_by_band[b];
  /* Translators: a chart's title */
  bands_title = g_strdup_printf (_("Sites by room utilisation in %d"), year);
  gtk_label_set_label (self->chart_titles[CHART_BANDS], bands_title);
  fp_chart_view_set_data (FP_CHART_VIEW (self->charts[CHART_BANDS]), band_labels,
                          FP_COMPARISON_N_BANDS, n_opt, values,
                          (const char * const *) names->pdata, bands_title);
  g_free ((char *) band_labels[3]);
  g_free ((char *) band_labels[4]);

  for (guint o = 0; o < n_opt; o++)
    {
      const FpComparisonOption *option = g_ptr_array_index (c->options, o);

      values[(gsize) o * 2] = option->figures.value[FP_KEY_ACCESS_SHARE];
      values[(gsize) o * 2 + 1] = option->figures.value[FP_KEY_ACCESS_SHARE_DEPRIVED];
    }
  /* Translators: a chart's title */
  access_title = g_strdup_printf (_("People within 20 minutes of urgent care in %d"), year);
  gtk_label_set_label (self->chart_titles[CHART_ACCESS], access_title);
  fp_chart_view_set_data (FP_CHART_VIEW (self->charts[CHART_ACCESS]), access_labels, 2, n_opt,
                          values, (const char * const *) names->pdata, access_title);
}

/* ---- the maps ------------------------------------------------------------------- */

static void
on_map_moved_cb (ShumateViewport *viewport,
                 GParamSpec      *pspec,
                 FpCompareView   *self)
{
  ShumateMap *first = SHUMATE_MAP (fp_map_view_get_map (self->maps[0]));
  guint from = viewport == shumate_map_get_viewport (first) ? 0 : 1;
  ShumateViewport *other;

  if (self->moving_maps)
    return;

  other = shumate_map_get_viewport (SHUMATE_MAP (fp_map_view_get_map (self->maps[1 - from])));
  self->moving_maps = TRUE;
  shumate_viewport_set_zoom_level (other, shumate_viewport_get_zoom_level (viewport));
  shumate_location_set_location (SHUMATE_LOCATION (other),
                                 shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                 shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  self->moving_maps = FALSE;
}

/* The maps' sessions show what the window's does, in their own options. */
static void
copy_style (FpCompareView *self,
            FpSession     *to)
{
  g_autoptr(GError) error = NULL;

  fp_session_set_colour_by (to, fp_session_get_colour_by (self->session));
  fp_session_set_size_by (to, fp_session_get_size_by (self->session));
  fp_session_set_zone_service (to, fp_session_get_zone_service (self->session), NULL);
  fp_session_set_zone_layer (to, fp_session_get_zone_layer (self->session));
  fp_session_set_show_flows (to, fp_session_get_show_flows (self->session));
  if (!fp_session_set_year (to, fp_session_get_year (self->session), &error))
    g_warning ("%s", error->message);
}

static void
ensure_maps (FpCompareView *self)
{
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *box;

      if (self->maps[i] != NULL)
        continue;

      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      self->map_labels[i] = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_xalign (self->map_labels[i], 0);
      gtk_widget_add_css_class (GTK_WIDGET (self->map_labels[i]), "heading");
      self->maps[i] = g_object_new (FP_TYPE_MAP_VIEW, "vexpand", TRUE, "hexpand", TRUE, NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->maps[i]), "fp-compare-map");
      /* One legend would do for both: each starts as a button. */
      fp_map_view_set_compact (self->maps[i], TRUE);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->map_labels[i]));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->maps[i]));
      gtk_box_append (self->maps_box, box);
    }

  for (guint i = 0; i < 2; i++)
    {
      ShumateViewport *viewport =
        shumate_map_get_viewport (SHUMATE_MAP (fp_map_view_get_map (self->maps[i])));

      if (g_object_get_data (G_OBJECT (viewport), "fp-synced") != NULL)
        continue;
      g_object_set_data (G_OBJECT (viewport), "fp-synced", GINT_TO_POINTER (1));
      g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_map_moved_cb),
                               self, 0);
      g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_map_moved_cb),
                               self, 0);
      g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (on_map_moved_cb),
                               self, 0);
    }
}

static void
update_maps (FpCompareView *self)
{
  if (self->options == NULL || g_strv_length (self->options) < 2)
    return;

  ensure_maps (self);
  for (guint i = 0; i < 2; i++)
    {
      const char *name = self->options[i];
      g_autoptr(GError) error = NULL;

      if (self->map_sessions[i] == NULL ||
          g_ascii_strcasecmp (fp_session_get_scenario (self->map_sessions[i]), name) != 0)
        {
          g_autoptr(FpSession) session = NULL;

          session = fp_session_new_for_scenario (fp_session_get_workspace (self->session), name,
                                                 &error);
          if (session == NULL)
            {
              g_warning ("%s", error->message);
              continue;
            }
          g_set_object (&self->map_sessions[i], session);
          copy_style (self, session);
          fp_map_view_set_session (self->maps[i], session);
        }
      else
        {
          fp_session_set_frozen (self->map_sessions[i], FALSE);
          copy_style (self, self->map_sessions[i]);
        }
      gtk_label_set_label (self->map_labels[i], fp_session_get_scenario (self->map_sessions[i]));
    }
}

/* ---- computing ------------------------------------------------------------------ */

static void
stop_job (FpCompareView *self)
{
  g_clear_handle_id (&self->job_id, g_source_remove);
  g_clear_pointer (&self->job, fp_comparison_job_free);
  self->pending = FALSE;
}

/* One option, then back to the main loop: frames are drawn between them. */
static gboolean
compare_step_cb (gpointer user_data)
{
  FpCompareView *self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  if (!fp_comparison_job_step (self->job, &done, &error))
    {
      gtk_label_set_label (self->status_label, error->message);
      self->job_id = 0;
      stop_job (self);
      return G_SOURCE_REMOVE;
    }
  if (!done)
    return G_SOURCE_CONTINUE;

  g_clear_pointer (&self->comparison, fp_comparison_free);
  self->comparison = fp_comparison_job_steal (self->job);
  self->job_id = 0;
  stop_job (self);
  gtk_label_set_label (self->status_label, "");
  fill_figures (self);
  fill_charts (self);
  return G_SOURCE_REMOVE;
}

static void
refresh (FpCompareView *self)
{
  FpWorkspace *workspace;
  g_autoptr(GError) error = NULL;

  stop_job (self);
  if (self->session == NULL)
    return;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;

  if (self->options == NULL || g_strv_length (self->options) < FP_COMPARISON_MIN_OPTIONS)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "compare");
  update_maps (self);

  workspace = fp_session_get_workspace (self->session);
  self->job = fp_comparison_job_new (fp_workspace_get_model (workspace),
                                     fp_workspace_get_scenarios (workspace),
                                     (const char * const *) self->options,
                                     fp_session_get_year_index (self->session), &error);
  if (self->job == NULL)
    {
      gtk_label_set_label (self->status_label, error->message);
      return;
    }
  self->pending = TRUE;
  gtk_label_set_label (self->status_label, _("Working out the figures…"));
  self->job_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, compare_step_cb, self, NULL);
}

/* With no options chosen yet: Do nothing and the scenario shown (or the first one). */
static void
choose_default_options (FpCompareView *self)
{
  GPtrArray *scenarios = fp_workspace_get_scenarios (fp_session_get_workspace (self->session));
  const char *other = NULL;

  if (self->options != NULL)
    return;
  if (!fp_session_is_do_nothing (self->session))
    other = fp_session_get_scenario (self->session);
  else if (scenarios->len > 0)
    other = ((FpScenario *) g_ptr_array_index (scenarios, 0))->name;
  if (other != NULL)
    {
      const char *names[] = { FP_DO_NOTHING, other, NULL };

      self->options = g_strdupv ((char **) names);
      build_choosers (self);
    }
}

/* An edit, another year or scenario: names may have gone (a scenario deleted or renamed).
 * Out of sight, the view only notes it. */
static void
catch_up (FpCompareView *self)
{
  FpWorkspace *workspace = fp_session_get_workspace (self->session);

  fill_names (self);
  if (self->options != NULL)
    {
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      guint n = 0;

      for (guint i = 0; self->options[i] != NULL; i++)
        if (fp_scenario_is_do_nothing (self->options[i]) ||
            fp_workspace_find_scenario (workspace, self->options[i]) != NULL)
          {
            g_strv_builder_add (kept, self->options[i]);
            n++;
          }
      g_strfreev (self->options);
      self->options = n >= FP_COMPARISON_MIN_OPTIONS ? g_strv_builder_end (kept) : NULL;
    }
  choose_default_options (self);
  build_choosers (self);
  refresh (self);
}

static void
on_results_changed_cb (FpCompareView *self)
{
  /* A job works on the workspace's model and the changes as they were: stop it. */
  stop_job (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self);
  else
    self->dirty = TRUE;
}

static void
on_style_changed_cb (FpCompareView *self)
{
  for (guint i = 0; i < 2; i++)
    if (self->map_sessions[i] != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
      copy_style (self, self->map_sessions[i]);
}

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_compare_view_map (GtkWidget *widget)
{
  FpCompareView *self = FP_COMPARE_VIEW (widget);

  GTK_WIDGET_CLASS (fp_compare_view_parent_class)->map (widget);
  if (self->session != NULL)
    catch_up (self);
}

static void
fp_compare_view_unmap (GtkWidget *widget)
{
  FpCompareView *self = FP_COMPARE_VIEW (widget);

  /* Out of sight, nothing is worked out: figures half done are done again when shown. */
  if (self->job != NULL)
    {
      stop_job (self);
      self->dirty = TRUE;
    }
  /* Out of sight, the maps' sessions stop recomputing after each edit. */
  for (guint i = 0; i < 2; i++)
    if (self->map_sessions[i] != NULL)
      fp_session_set_frozen (self->map_sessions[i], TRUE);

  GTK_WIDGET_CLASS (fp_compare_view_parent_class)->unmap (widget);
}

static void
fp_compare_view_dispose (GObject *object)
{
  FpCompareView *self = FP_COMPARE_VIEW (object);

  fp_compare_view_set_session (self, NULL);
  stop_job (self);
  for (guint i = 0; i < 2; i++)
    {
      if (self->maps[i] != NULL)
        fp_map_view_set_session (self->maps[i], NULL);
      g_clear_object (&self->map_sessions[i]);
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_COMPARE_VIEW);
  g_clear_object (&self->names);
  g_clear_pointer (&self->options, g_strfreev);
  g_clear_pointer (&self->comparison, fp_comparison_free);

  G_OBJECT_CLASS (fp_compare_view_parent_class)->dispose (object);
}

static void
fp_compare_view_class_init (FpCompareViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_compare_view_dispose;
  widget_class->map = fp_compare_view_map;
  widget_class->unmap = fp_compare_view_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-compare-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpCompareView, stack);
  gtk_widget_class_bind_template_child (widget_class, FpCompareView, choosers_box);
  gtk_widget_class_bind_template_child (widget_class, FpCompareView, add_button);
  gtk_widget_class_bind_template_child (widget_class, FpCompareView, status_label);
  gtk_widget_class_bind_template_child (widget_class, FpCompareView, figures_title);
  gtk_widget_class_bind_template_child (widget_class, FpCompareView, figures_grid);
  gtk_widget_class_bind_template_child (widget_class, FpCompareView, charts_grid);
  gtk_widget_class_bind_template_child (widget_class, FpCompareView, top_box);
  gtk_widget_class_bind_template_child (widget_class, FpCompareView, pages);
  gtk_widget_class_bind_template_child (widget_class, FpCompareView, maps_box);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-compare-view");
}

static void
fp_compare_view_init (FpCompareView *self)
{
  static const struct
  {
    FpChartViewStyle  style;
    FpChartUnit       unit;
    const char       *title;
  } charts[N_CHARTS] = {
    { FP_CHART_VIEW_LINES, FP_CHART_UNIT_MONEY, N_("Running cost, £ a year") },
    { FP_CHART_VIEW_LINES, FP_CHART_UNIT_MONEY, N_("Void cost, £ a year") },
    { FP_CHART_VIEW_BARS, FP_CHART_UNIT_MONEY,
      N_("Revenue saving against Do nothing, £ a year") },
    { FP_CHART_VIEW_BARS, FP_CHART_UNIT_COUNT, N_("Sites by room utilisation") },
    { FP_CHART_VIEW_BARS, FP_CHART_UNIT_SHARE, N_("People within 20 minutes of urgent care") },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  self->names = gtk_string_list_new (NULL);

  for (guint i = 0; i < N_CHARTS; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      self->chart_titles[i] = GTK_LABEL (gtk_label_new (_(charts[i].title)));
      gtk_label_set_xalign (self->chart_titles[i], 0);
      gtk_label_set_wrap (self->chart_titles[i], TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->chart_titles[i]), "heading");
      self->charts[i] = fp_chart_view_new (charts[i].style, charts[i].unit);
      gtk_widget_set_size_request (self->charts[i], -1, 220);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->charts[i]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(charts[i].title), -1);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->chart_titles[i]));
      gtk_box_append (GTK_BOX (box), self->charts[i]);
      /* Access, the fifth chart, beside the key figures: the table is narrower than the
       * view, and a fifth chart in the grid would leave half a row empty. The chart takes
       * what the table leaves: asking only its minimum width, it never squeezes the table
       * of four options in a narrow window. */
      if (i == CHART_ACCESS)
        {
          GtkWidget *holder = gtk_scrolled_window_new ();

          gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (holder), GTK_POLICY_NEVER,
                                          GTK_POLICY_NEVER);
          gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (holder), TRUE);
          gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (holder), box);
          gtk_widget_set_hexpand (holder, TRUE);
          gtk_box_append (self->top_box, holder);
        }
      else
        gtk_grid_attach (self->charts_grid, box, (int) (i % 2), (int) (i / 2), 1, 1);
    }

  g_signal_connect_swapped (self->add_button, "clicked", G_CALLBACK (on_add_clicked_cb), self);
}

/* ---- public API ----------------------------------------------------------------- */

/**
 * fp_compare_view_set_session:
 * @self: a view
 * @session: (nullable): the window's session (its workspace, year and map style)
 */
void
fp_compare_view_set_session (FpCompareView *self,
                             FpSession     *session)
{
  g_return_if_fail (FP_IS_COMPARE_VIEW (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (self->handler_ids); i++)
      g_clear_signal_handler (&self->handler_ids[i], self->session);
  /* Another session (the window's, after the estate was read again): its maps are made
   * anew from it, and figures under way, worked out from the old one, are dropped. */
  stop_job (self);
  for (guint i = 0; i < 2; i++)
    {
      if (self->maps[i] != NULL)
        fp_map_view_set_session (self->maps[i], NULL);
      g_clear_object (&self->map_sessions[i]);
    }
  g_set_object (&self->session, session);
  if (session == NULL)
    return;

  self->handler_ids[0] = g_signal_connect_swapped (session, "results-changed",
                                                   G_CALLBACK (on_results_changed_cb), self);
  self->handler_ids[1] = g_signal_connect_swapped (session, "style-changed",
                                                   G_CALLBACK (on_style_changed_cb), self);
  fill_names (self);
  build_choosers (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    catch_up (self);
  else
    self->dirty = TRUE;
}

/**
 * fp_compare_view_set_options:
 * @self: a view with a session
 * @names: 2 to 4 options: “Do nothing” and scenarios of the document
 * @error: return location for an error
 *
 * Returns: whether the options are shown now; if not, @error says why and nothing changed
 */
gboolean
fp_compare_view_set_options (FpCompareView       *self,
                             const char * const  *names,
                             GError             **error)
{
  GPtrArray *scenarios;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (FP_IS_COMPARE_VIEW (self), FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);

  scenarios = fp_workspace_get_scenarios (fp_session_get_workspace (self->session));
  if (!fp_comparison_check_names (scenarios, names, error))
    return FALSE;

  /* The names as the document spells them. */
  for (guint i = 0; names[i] != NULL; i++)
    g_strv_builder_add (builder, fp_scenario_is_do_nothing (names[i])
                                 ? FP_DO_NOTHING
                                 : fp_scenario_find (scenarios, names[i])->name);
  g_strfreev (self->options);
  self->options = g_strv_builder_end (builder);
  build_choosers (self);
  refresh (self);
  return TRUE;
}

/**
 * fp_compare_view_get_options_variant:
 * @self: a view
 *
 * Returns: (transfer floating): the options compared, as `as`
 */
GVariant *
fp_compare_view_get_options_variant (FpCompareView *self)
{
  g_return_val_if_fail (FP_IS_COMPARE_VIEW (self), NULL);
  return g_variant_new_strv ((const char * const *) self->options,
                             self->options != NULL ? -1 : 0);
}

/**
 * fp_compare_view_is_settled:
 * @self: a view
 *
 * Returns: whether the figures shown are those of the options and year shown, and both
 *   maps have drawn (for a screenshot)
 */
gboolean
fp_compare_view_is_settled (FpCompareView *self)
{
  g_return_val_if_fail (FP_IS_COMPARE_VIEW (self), TRUE);

  if (self->pending || self->dirty)
    return FALSE;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->pages), "maps") == 0)
    for (guint i = 0; i < 2; i++)
      if (self->maps[i] != NULL && !fp_map_view_is_ready (self->maps[i]))
        return FALSE;
  return TRUE;
}

/**
 * fp_compare_view_set_page:
 * @self: a view
 * @page: `figures` (the key figures and charts) or `maps` (the first two options on maps
 *   that move together)
 *
 * Returns: whether there is such a page
 */
gboolean
fp_compare_view_set_page (FpCompareView *self,
                          const char    *page)
{
  g_return_val_if_fail (FP_IS_COMPARE_VIEW (self), FALSE);

  if (gtk_stack_get_child_by_name (self->pages, page) == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->pages, page);
  return TRUE;
}
