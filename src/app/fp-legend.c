/* fp-legend.c: explains every symbol the site layer can draw for this estate.
 *
 * Only the tenures and site types the estate has are listed, in the order of the core's
 * vocabularies, so the key stays short enough to sit on the map.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-legend"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-legend.h"
#include "fp-site-symbol.h"
#include "fp-symbol-icon.h"

/* Floor areas shown in the size key, m². */
static const double size_key[] = { 1000.0, 10000.0, 50000.0 };

struct _FpLegend
{
  GtkWidget  parent_instance;

  GtkGrid   *tenure_grid;
  GtkGrid   *type_grid;
  GtkBox    *size_box;
  GtkWidget *hollow_row;
  GtkWidget *hollow_icon_box;
  GtkToggleButton *expand_button;
};

G_DEFINE_FINAL_TYPE (FpLegend, fp_legend, GTK_TYPE_WIDGET)

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
attach_row (GtkGrid    *grid,
            guint       n,
            guint       columns,
            GtkWidget  *icon,
            const char *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (text);

  /* A fixed-width slot keeps the labels aligned whatever the shape (a vertical box, so the
   * icon can centre in it). */
  gtk_widget_set_size_request (icon_box, 18, -1);
  gtk_box_append (GTK_BOX (icon_box), icon);
  gtk_widget_set_halign (icon, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (box, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), icon_box);
  gtk_box_append (GTK_BOX (box), label);
  gtk_grid_attach (grid, box, n % columns, n / columns, 1, 1);
}

static FpSiteType
example_type (FpSiteSymbol symbol)
{
  for (guint t = 0; t < FP_N_SITE_TYPES; t++)
    if (fp_site_symbol_for_type (t) == symbol)
      return t;

  return FP_SITE_TYPE_OTHER;
}

static void
fp_legend_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_LEGEND);
  /* The template's top-level box is not bound to a field, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fp_legend_parent_class)->dispose (object);
}

static void
fp_legend_class_init (FpLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_legend_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/fp-legend.ui");
  gtk_widget_class_bind_template_child (widget_class, FpLegend, tenure_grid);
  gtk_widget_class_bind_template_child (widget_class, FpLegend, type_grid);
  gtk_widget_class_bind_template_child (widget_class, FpLegend, size_box);
  gtk_widget_class_bind_template_child (widget_class, FpLegend, hollow_row);
  gtk_widget_class_bind_template_child (widget_class, FpLegend, hollow_icon_box);
  gtk_widget_class_bind_template_child (widget_class, FpLegend, expand_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-legend");
}

static void
fp_legend_init (FpLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_box_append (GTK_BOX (self->hollow_icon_box),
                  fp_symbol_icon_new (FP_SITE_TYPE_GP_PRACTICE, FP_TENURE_UNKNOWN, 0, TRUE));

  for (guint i = 0; i < G_N_ELEMENTS (size_key); i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *text = fp_format_area (size_key[i]);
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box),
                      fp_symbol_icon_new (-1, -1, fp_site_symbol_radius_for_gia (size_key[i]),
                                          FALSE));
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_valign (box, GTK_ALIGN_END);
      gtk_box_append (self->size_box, box);
    }
}

/**
 * fp_legend_set_document:
 * @self: a legend
 * @document: (nullable): the estate whose symbols to explain
 */
void
fp_legend_set_document (FpLegend   *self,
                        FpWorkspace *document)
{
  const FpSummary *summary;
  guint by_symbol[FP_N_SITE_SYMBOLS] = { 0 };
  guint n = 0;

  g_return_if_fail (FP_IS_LEGEND (self));

  clear_grid (self->tenure_grid);
  clear_grid (self->type_grid);
  gtk_widget_set_visible (self->hollow_row, FALSE);

  if (document == NULL)
    return;

  summary = fp_workspace_get_summary (document);

  for (guint t = 0; t < FP_N_TENURES; t++)
    if (summary->sites_by_tenure[t] > 0)
      attach_row (self->tenure_grid, n++, 2, fp_symbol_icon_new (-1, t, 0, FALSE),
                  fp_tenure_to_label (t));

  for (guint t = 0; t < FP_N_SITE_TYPES; t++)
    by_symbol[fp_site_symbol_for_type (t)] += summary->sites_by_type[t];

  n = 0;
  for (guint s = 0; s < FP_N_SITE_SYMBOLS; s++)
    if (by_symbol[s] > 0)
      attach_row (self->type_grid, n++, 1, fp_symbol_icon_new (example_type (s), -1, 0, FALSE),
                  fp_site_symbol_get_label (s));

  gtk_widget_set_visible (self->hollow_row, summary->sites_possibly_closed > 0);
}

/**
 * fp_legend_set_expanded:
 * @self: a legend
 * @expanded: whether to show the whole key or only its title
 */
void
fp_legend_set_expanded (FpLegend *self,
                        gboolean  expanded)
{
  g_return_if_fail (FP_IS_LEGEND (self));

  gtk_toggle_button_set_active (self->expand_button, expanded);
}
