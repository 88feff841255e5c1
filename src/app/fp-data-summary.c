/* fp-data-summary.c: the estate as the open data gives it, before any change.
 *
 * The tiles show FpSummary's figures, formatted by the core's fp_format_* functions, each
 * with the provenance FpSummary worked out for it; the sentence under them is the estate's
 * own statement of the gap between the sites it locates and the plan's count. The figures
 * never change with a scenario, so they live behind "About the data" rather than taking
 * the side panel's height from the site list. Under them, the 2016 estates plan's own void
 * and A&E figures stand beside the model's, in the core's sentences
 * (fp_summary_plan_comparison, as footprint-cli summary prints them), marked as a comparison.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-data-summary"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-data-summary.h"
#include "fp-kpi-tile.h"
#include "fp-provenance-text.h"

struct _FpDataSummary
{
  GtkWidget    parent_instance;

  GtkLabel    *baseline_label;
  FpKpiTile   *sites_tile;
  FpKpiTile   *population_tile;
  FpKpiTile   *practices_tile;
  FpKpiTile   *ae_tile;
  FpKpiTile   *gia_tile;
  FpKpiTile   *cost_tile;
  FpKpiTile   *void_tile;
  GtkLabel    *gap_label;
  GtkWidget   *gap_box;
  GtkWidget   *plan_box;
  GtkLabel    *plan_lift_label;
  GtkLabel    *plan_nhsps_label;
  GtkLabel    *plan_ae_label;

  /* What the panel says, by the core's figure names (fp_data_summary_get_shown). */
  GVariant    *shown;

  FpWorkspace *workspace;
};

G_DEFINE_FINAL_TYPE (FpDataSummary, fp_data_summary, GTK_TYPE_WIDGET)

static const char *
source_title (const FpEstate *estate,
              const char     *id)
{
  for (guint i = 0; i < estate->sources->len; i++)
    {
      const FpSource *source = &g_array_index (estate->sources, FpSource, i);

      if (g_strcmp0 (source->id, id) == 0 && source->title != NULL)
        return source->title;
    }

  return id;
}

static void
set_figure_provenance (FpDataSummary   *self,
                       FpKpiTile       *tile,
                       FpSummaryFigure  figure)
{
  const FpEstate *estate = fp_workspace_get_estate (self->workspace);
  const FpSummary *summary = fp_workspace_get_summary (self->workspace);
  g_autofree char *explanation = fp_provenance_describe_summary (estate, &summary->prov[figure]);

  fp_kpi_tile_set_provenance (tile, summary->prov[figure].kind, explanation);
}

/* One line of the plan comparison: "LIFT buildings: model £4.7m; the 2016 plan said circa
 * £5m". Hidden when the dataset carries no plan figure. Returns the sentence shown. */
static char *
show_plan_line (GtkLabel        *label,
                const FpSummary *summary,
                FpSummaryFigure  figure,
                const char      *what)
{
  g_autofree char *comparison = fp_summary_plan_comparison (summary, figure);
  g_autofree char *text = NULL;

  if (comparison != NULL)
    /* Translators: e.g. "Empty space in LIFT buildings: model £4.7m; the 2016 plan said
     * circa £5m"; the first %s says what the figure is, the second compares it */
    text = g_strdup_printf (_("%s: %s"), what, comparison);
  gtk_label_set_label (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);

  return g_steal_pointer (&text);
}

static void
show_plan_comparison (FpDataSummary   *self,
                      GVariantBuilder *shown)
{
  const FpSummary *summary = fp_workspace_get_summary (self->workspace);
  struct {
    GtkLabel        *label;
    FpSummaryFigure  figure;
    const char      *what;
  } lines[] = {
    { self->plan_lift_label, FP_SUMMARY_VOID_COST_LIFT, _("Empty space in LIFT buildings") },
    { self->plan_nhsps_label, FP_SUMMARY_VOID_COST_NHSPS,
      _("Empty space in NHS Property Services buildings") },
    { self->plan_ae_label, FP_SUMMARY_AE, _("A&E attendances a year") },
  };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *text = show_plan_line (lines[i].label, summary, lines[i].figure,
                                              lines[i].what);
      g_autofree char *key = NULL;

      if (text == NULL)
        continue;
      any = TRUE;
      key = g_strdup_printf ("%s_plan", fp_summary_figure_name (lines[i].figure));
      g_variant_builder_add (shown, "{ss}", key, text);
    }
  gtk_widget_set_visible (self->plan_box, any);
}

static void
show_summary (FpDataSummary *self)
{
  const FpEstate *estate = fp_workspace_get_estate (self->workspace);
  const FpSummary *summary = fp_workspace_get_summary (self->workspace);
  const FpProvenance *pop_prov = &estate->zone_prov[FP_ZONE_PROV_POPULATION];
  g_autofree char *baseline = NULL;
  g_autofree char *sites = fp_format_count (summary->sites);
  g_autofree char *placed = fp_format_count (summary->sites_placed);
  g_autofree char *unplaced = fp_format_count (summary->sites_unplaced);
  g_autofree char *closed = fp_format_count (summary->sites_possibly_closed);
  g_autofree char *sites_detail = NULL;
  g_autofree char *population = fp_format_count (summary->population);
  g_autofree char *zones = fp_format_count (summary->zones);
  g_autofree char *population_detail = NULL;
  g_autofree char *practices = fp_format_count (summary->gp_practices_active);
  g_autofree char *ae = fp_format_count (summary->figures[FP_SUMMARY_AE]);
  g_autofree char *gia = fp_format_area (summary->figures[FP_SUMMARY_GIA]);
  g_autofree char *gia_measured = fp_format_count (summary->prov[FP_SUMMARY_GIA].n_measured);
  g_autofree char *gia_estimated = fp_format_count (summary->prov[FP_SUMMARY_GIA].n_estimated);
  g_autofree char *gia_detail = NULL;
  g_autofree char *cost = fp_format_money_short (summary->figures[FP_SUMMARY_RUNNING_COST]);
  g_autofree char *cost_detail = NULL;
  const double *figures = summary->figures;
  g_autofree char *void_cost = fp_format_money_short (figures[FP_SUMMARY_VOID_COST]);
  g_autofree char *void_lift = fp_format_money_short (figures[FP_SUMMARY_VOID_COST_LIFT]);
  g_autofree char *void_nhsps = fp_format_money_short (figures[FP_SUMMARY_VOID_COST_NHSPS]);
  g_autofree char *void_detail = NULL;
  g_autofree char *population_explanation = NULL;
  GVariantBuilder shown;

  if (summary->base_year > 0)
    /* Translators: %d is a year */
    baseline = g_strdup_printf (_("Baseline %d, before any change"), summary->base_year);
  gtk_label_set_label (self->baseline_label, baseline);
  gtk_widget_set_visible (GTK_WIDGET (self->baseline_label), baseline != NULL);

  fp_kpi_tile_set_value (self->sites_tile, sites);
  if (summary->sites_possibly_closed > 0)
    /* Translators: the detail of the Sites tile; each %s is a count */
    sites_detail = g_strdup_printf (_("%s on the map, %s with no location; %s possibly closed"),
                                    placed, unplaced, closed);
  else
    /* Translators: the detail of the Sites tile; each %s is a count */
    sites_detail = g_strdup_printf (_("%s on the map, %s with no location"), placed, unplaced);
  fp_kpi_tile_set_detail (self->sites_tile, sites_detail);

  fp_kpi_tile_set_value (self->population_tile, population);
  /* Translators: %s is a count of LSOA 2021 areas */
  population_detail = g_strdup_printf (_("In %s small areas (LSOA 2021)"), zones);
  fp_kpi_tile_set_detail (self->population_tile, population_detail);
  if (pop_prov->kind == FP_PROV_MEASURED && pop_prov->source_id != NULL)
    population_explanation = g_strdup (source_title (estate, pop_prov->source_id));
  fp_kpi_tile_set_provenance (self->population_tile, pop_prov->kind, population_explanation);

  fp_kpi_tile_set_value (self->practices_tile, practices);
  fp_kpi_tile_set_detail (self->practices_tile, _("Active, not counting branches"));

  fp_kpi_tile_set_value (self->ae_tile, ae);
  set_figure_provenance (self, self->ae_tile, FP_SUMMARY_AE);

  fp_kpi_tile_set_value (self->gia_tile, gia);
  /* Translators: the detail of the floor area tile; each %s is a count of sites */
  gia_detail = g_strdup_printf (_("Measured at %s sites, estimated at %s"),
                                gia_measured, gia_estimated);
  fp_kpi_tile_set_detail (self->gia_tile, gia_detail);
  set_figure_provenance (self, self->gia_tile, FP_SUMMARY_GIA);

  fp_kpi_tile_set_value (self->cost_tile, cost);
  if (summary->base_year > 0)
    /* Translators: %d is the year of the prices */
    cost_detail = g_strdup_printf (_("A year, NHS sites, at %d prices"), summary->base_year);
  fp_kpi_tile_set_detail (self->cost_tile, cost_detail);
  set_figure_provenance (self, self->cost_tile, FP_SUMMARY_RUNNING_COST);

  fp_kpi_tile_set_value (self->void_tile, void_cost);
  /* Translators: the detail of the void cost tile; each %s is an amount of money */
  void_detail = g_strdup_printf (_("LIFT buildings %s\nNHS Property Services %s"),
                                 void_lift, void_nhsps);
  fp_kpi_tile_set_detail (self->void_tile, void_detail);
  set_figure_provenance (self, self->void_tile, FP_SUMMARY_VOID_COST);

  g_variant_builder_init (&shown, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&shown, "{ss}", fp_summary_figure_name (FP_SUMMARY_VOID_COST), void_cost);
  g_variant_builder_add (&shown, "{ss}", fp_summary_figure_name (FP_SUMMARY_VOID_COST_LIFT),
                         void_lift);
  g_variant_builder_add (&shown, "{ss}", fp_summary_figure_name (FP_SUMMARY_VOID_COST_NHSPS),
                         void_nhsps);
  show_plan_comparison (self, &shown);
  g_clear_pointer (&self->shown, g_variant_unref);
  self->shown = g_variant_ref_sink (g_variant_builder_end (&shown));

  gtk_label_set_label (self->gap_label, estate->gap_note);
  gtk_widget_set_visible (self->gap_box, estate->gap_note != NULL && *estate->gap_note != '\0');
}

static void
fp_data_summary_dispose (GObject *object)
{
  FpDataSummary *self = FP_DATA_SUMMARY (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_DATA_SUMMARY);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->shown, g_variant_unref);

  G_OBJECT_CLASS (fp_data_summary_parent_class)->dispose (object);
}

static void
fp_data_summary_class_init (FpDataSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_data_summary_dispose;

  g_type_ensure (FP_TYPE_KPI_TILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-data-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, baseline_label);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, sites_tile);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, population_tile);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, practices_tile);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, ae_tile);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, gia_tile);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, cost_tile);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, void_tile);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, gap_label);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, gap_box);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, plan_box);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, plan_lift_label);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, plan_nhsps_label);
  gtk_widget_class_bind_template_child (widget_class, FpDataSummary, plan_ae_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-data-summary");
}

static void
fp_data_summary_init (FpDataSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fp_data_summary_set_workspace:
 * @self: a summary
 * @workspace: (nullable): the document to summarise
 */
void
fp_data_summary_set_workspace (FpDataSummary *self,
                               FpWorkspace   *workspace)
{
  g_return_if_fail (FP_IS_DATA_SUMMARY (self));
  g_return_if_fail (workspace == NULL || FP_IS_WORKSPACE (workspace));

  if (!g_set_object (&self->workspace, workspace))
    return;

  if (workspace != NULL)
    show_summary (self);
}

/**
 * fp_data_summary_get_shown:
 * @self: a summary
 *
 * What the summary says about void costs and the 2016 plan, for scripts and tests
 * (win.data-summary): the void figures by the core's names (`void_cost_total`,
 * `void_cost_lift`, `void_cost_nhsps`) and each comparison with the plan as `NAME_plan`, as
 * shown.
 *
 * Returns: (transfer none): an `a{ss}`, empty before a document is shown
 */
GVariant *
fp_data_summary_get_shown (FpDataSummary *self)
{
  g_return_val_if_fail (FP_IS_DATA_SUMMARY (self), NULL);

  if (self->shown == NULL)
    self->shown = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{ss}"), NULL, 0));
  return self->shown;
}
