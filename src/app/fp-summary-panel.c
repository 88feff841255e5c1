/* fp-summary-panel.c: the estate as a workshop reads it, then every site in a list.
 *
 * The tiles show FpSummary's figures, formatted by the core's fp_format_* functions, each
 * with the provenance FpSummary worked out for it; the sentence under them is the estate's
 * own statement of the gap between the sites it locates and the plan's count. The list
 * filters and sorts the document's site model as declared in the template; choosing a site
 * emits ::site-selected, and the map's choice comes back through
 * fp_summary_panel_select_site().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-summary-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-kpi-tile.h"
#include "footprint-core.h"
#include "fp-site-layer.h"
#include "fp-summary-panel.h"
#include "fp-symbol-icon.h"

struct _FpSummaryPanel
{
  GtkWidget           parent_instance;

  GtkLabel           *baseline_label;
  FpKpiTile          *sites_tile;
  FpKpiTile          *population_tile;
  FpKpiTile          *practices_tile;
  FpKpiTile          *ae_tile;
  FpKpiTile          *gia_tile;
  FpKpiTile          *cost_tile;
  FpKpiTile          *void_tile;
  GtkLabel           *gap_label;
  GtkLabel           *gap_full_label;
  GtkWidget          *gap_box;
  GtkSearchEntry     *search_entry;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;
  GtkListView        *list_view;
  GtkWidget          *empty_label;
  GtkLabel           *count_label;

  FpWorkspace         *document;
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (FpSummaryPanel, fp_summary_panel, GTK_TYPE_WIDGET)

enum
{
  SITE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers -------------------------------------------------------------------- */

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

static const char *
method_description (const FpEstate *estate,
                    const char     *id)
{
  for (guint i = 0; i < estate->methods->len; i++)
    {
      const FpMethod *method = &g_array_index (estate->methods, FpMethod, i);

      if (g_strcmp0 (method->id, id) == 0 && method->description != NULL)
        return method->description;
    }

  return id;
}

/* The badge's tooltip: how many values of each kind, and from where. */
static char *
explain_provenance (const FpEstate      *estate,
                    const FpProvSummary *prov)
{
  GString *text = g_string_new (NULL);

  if (prov->n_measured > 0)
    {
      g_autofree char *n = fp_format_count (prov->n_measured);

      g_string_append_printf (text, _("Measured values: %s"), n);
    }
  if (prov->n_estimated > 0)
    {
      g_autofree char *n = fp_format_count (prov->n_estimated);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Estimated values: %s"), n);
    }
  if (prov->n_assumed > 0)
    {
      g_autofree char *n = fp_format_count (prov->n_assumed);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Assumed values: %s"), n);
    }

  for (guint i = 0; i < prov->methods->len; i++)
    g_string_append_printf (text, "\n• %s",
                            method_description (estate, g_ptr_array_index (prov->methods, i)));
  for (guint i = 0; i < prov->sources->len; i++)
    g_string_append_printf (text, "\n• %s",
                            source_title (estate, g_ptr_array_index (prov->sources, i)));

  return g_string_free (text, text->len == 0);
}

static void
set_figure_provenance (FpSummaryPanel  *self,
                       FpKpiTile       *tile,
                       FpSummaryFigure  figure)
{
  const FpEstate *estate = fp_workspace_get_estate (self->document);
  const FpSummary *summary = fp_workspace_get_summary (self->document);
  g_autofree char *explanation = explain_provenance (estate, &summary->prov[figure]);

  fp_kpi_tile_set_provenance (tile, summary->prov[figure].kind, explanation);
}

static void
show_summary (FpSummaryPanel *self)
{
  const FpEstate *estate = fp_workspace_get_estate (self->document);
  const FpSummary *summary = fp_workspace_get_summary (self->document);
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

  /* Three lines in the panel, the whole statement behind "Read More". */
  gtk_label_set_label (self->gap_label, estate->gap_note);
  gtk_label_set_label (self->gap_full_label, estate->gap_note);
  gtk_widget_set_visible (self->gap_box, estate->gap_note != NULL && *estate->gap_note != '\0');
}

static void
update_count (FpSummaryPanel *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint total = self->document != NULL
                  ? g_list_model_get_n_items (fp_workspace_get_sites (self->document))
                  : 0;
  g_autofree char *shown_text = fp_format_count (shown);
  g_autofree char *total_text = fp_format_count (total);
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_steal_pointer (&total_text);
  else
    /* Translators: sites shown by a search, "12 of 414" */
    text = g_strdup_printf (_("%s of %s"), shown_text, total_text);

  gtk_label_set_label (self->count_label, text);
  gtk_widget_set_visible (self->empty_label, shown == 0 && total > 0);
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_selection_changed_cb (GtkSelectionModel *model,
                         guint              position,
                         guint              n_items,
                         FpSummaryPanel    *self)
{
  FpSiteItem *item;

  if (self->syncing)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  g_signal_emit (self, signals[SITE_SELECTED], 0,
                 item != NULL ? fp_site_item_get_index (item) : FP_SITE_NONE);
}

static void
on_items_changed_cb (GListModel     *model,
                     guint           position,
                     guint           removed,
                     guint           added,
                     FpSummaryPanel *self)
{
  update_count (self);
}

static void
on_search_stop_cb (GtkSearchEntry *entry,
                   FpSummaryPanel *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_summary_panel_dispose (GObject *object)
{
  FpSummaryPanel *self = FP_SUMMARY_PANEL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_SUMMARY_PANEL);
  /* The template's top-level box is not bound to a field, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (fp_summary_panel_parent_class)->dispose (object);
}

static void
fp_summary_panel_class_init (FpSummaryPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_summary_panel_dispose;

  /**
   * FpSummaryPanel::site-selected:
   * @self: the panel
   * @index: the site chosen in the list, or %FP_SITE_NONE
   */
  signals[SITE_SELECTED] =
    g_signal_new ("site-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (FP_TYPE_KPI_TILE);
  g_type_ensure (FP_TYPE_SITE_ITEM);
  g_type_ensure (FP_TYPE_SYMBOL_ICON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-summary-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, baseline_label);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, sites_tile);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, population_tile);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, practices_tile);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, ae_tile);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, gia_tile);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, cost_tile);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, void_tile);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, gap_label);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, gap_full_label);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, gap_box);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, filter_model);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, selection);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, empty_label);
  gtk_widget_class_bind_template_child (widget_class, FpSummaryPanel, count_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_stop_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-summary-panel");
}

static void
fp_summary_panel_init (FpSummaryPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->selection, "selection-changed",
                    G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect (self->selection, "items-changed", G_CALLBACK (on_items_changed_cb), self);
}

/* ---- public API ----------------------------------------------------------------- */

/**
 * fp_summary_panel_set_document:
 * @self: a panel
 * @document: (nullable): the document to summarise
 */
void
fp_summary_panel_set_document (FpSummaryPanel *self,
                               FpWorkspace     *document)
{
  g_return_if_fail (FP_IS_SUMMARY_PANEL (self));
  g_return_if_fail (document == NULL || FP_IS_WORKSPACE (document));

  if (!g_set_object (&self->document, document))
    return;

  self->syncing = TRUE;
  gtk_filter_list_model_set_model (self->filter_model,
                                   document != NULL ? fp_workspace_get_sites (document) : NULL);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->syncing = FALSE;

  if (document != NULL)
    show_summary (self);
  update_count (self);
}

/**
 * fp_summary_panel_select_site:
 * @self: a panel
 * @index: a site, or %FP_SITE_NONE
 *
 * Selects the site in the list and scrolls to it, without emitting ::site-selected. A site
 * hidden by the search leaves the list unselected.
 */
void
fp_summary_panel_select_site (FpSummaryPanel *self,
                              guint           index)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (FP_IS_SUMMARY_PANEL (self));

  if (index != FP_SITE_NONE)
    {
      guint n = g_list_model_get_n_items (model);

      for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
        {
          g_autoptr(FpSiteItem) item = g_list_model_get_item (model, i);

          if (fp_site_item_get_index (item) == index)
            position = i;
        }
    }

  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position);
}

/**
 * fp_summary_panel_focus_search:
 * @self: a panel
 */
void
fp_summary_panel_focus_search (FpSummaryPanel *self)
{
  g_return_if_fail (FP_IS_SUMMARY_PANEL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
