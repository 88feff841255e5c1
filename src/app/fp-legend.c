/* fp-legend.c: explains everything the map draws, for what it draws now.
 *
 * The colour key is the scale the sites are coloured by (fp-map-style), the shape key
 * lists the site types the scenario has, the symbol key the states on the map (possibly
 * closed, left, no longer held, new), the size key three reference areas, then the zone
 * layer's classes and the arrows' widths when they are shown. Collapsed, the legend is a
 * small button; expanded, a card that scrolls when the map is short.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-legend"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-legend.h"
#include "fp-map-geometry.h"
#include "fp-site-symbol.h"
#include "fp-symbol-icon.h"

struct _FpLegend
{
  GtkWidget          parent_instance;

  GtkToggleButton   *open_button;
  GtkRevealer       *revealer;
  GtkToggleButton   *close_button;
  GtkScrolledWindow *scroller;
  GtkBox            *content;

  FpSession         *session;
  gulong             handler_ids[2];
  double             flow_max;
  guint              n_flows;
  char              *shown_key;   /* what the key was built from (rebuild) */
};

G_DEFINE_FINAL_TYPE (FpLegend, fp_legend, GTK_TYPE_WIDGET)

/* ---- pieces --------------------------------------------------------------------- */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  guint32 rgb = GPOINTER_TO_UINT (user_data);

  cairo_rectangle (cr, 1.5, 1.5, width - 3, height - 3);
  cairo_set_source_rgb (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.12, 0.6);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static GtkWidget *
swatch_new (guint32 rgb)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 20);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch,
                                  GUINT_TO_POINTER (rgb), NULL);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  return area;
}

static void
draw_arrow_key (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  double w = *(double *) user_data;
  FpMapArrow shape;

  if (!fp_map_arrow_outline (2, height / 2.0, width - 2, height / 2.0, w, 0, 0, 0, &shape))
    return;
  for (guint p = 0; p < shape.n_points; p++)
    cairo_line_to (cr, shape.points[2 * p], shape.points[2 * p + 1]);
  cairo_close_path (cr);
  cairo_set_source_rgba (cr, 0x3B / 255.0, 0x1F / 255.0, 0x6B / 255.0, 0.85);
  cairo_fill (cr);
}

static GtkWidget *
arrow_key_new (double width)
{
  GtkWidget *area = gtk_drawing_area_new ();
  double *w = g_new (double, 1);

  *w = width;
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 56);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 30);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_arrow_key, w, g_free);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  return area;
}

static void
add_heading (FpLegend   *self,
             const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "fp-legend-heading");
  gtk_box_append (self->content, label);
}

static GtkWidget *
row_new (GtkWidget  *icon,
         const char *text,
         int         max_chars)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *slot = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new (text);

  /* A fixed slot keeps the words aligned whatever the symbol. */
  gtk_widget_set_size_request (slot, 24, -1);
  gtk_widget_set_halign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (slot), icon);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), max_chars);
  gtk_box_append (GTK_BOX (box), slot);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
add_row (FpLegend   *self,
         GtkWidget  *icon,
         const char *text)
{
  gtk_box_append (self->content, row_new (icon, text, 28));
}

/* A key of short entries in two columns, to keep the legend short. */
static GtkGrid *
add_grid (FpLegend *self)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_box_append (self->content, grid);
  return GTK_GRID (grid);
}

static void
add_grid_row (GtkGrid    *grid,
              guint       n,
              GtkWidget  *icon,
              const char *text)
{
  gtk_grid_attach (grid, row_new (icon, text, 13), n % 2, n / 2, 1, 1);
}

static FpSiteType
example_type (FpSiteSymbol symbol)
{
  for (guint t = 0; t < FP_N_SITE_TYPES; t++)
    if (fp_site_symbol_for_type (t) == symbol)
      return t;
  return FP_SITE_TYPE_OTHER;
}

static GtkWidget *
symbol_new (int         site_type,
            int         rgb,
            double      radius,
            guint       style)
{
  GtkWidget *icon = fp_symbol_icon_new (site_type, -1, radius, FALSE);

  g_object_set (icon, "rgb", rgb, "symbol-style", style, NULL);
  return icon;
}

/* ---- building the key ----------------------------------------------------------- */

static void
rebuild (FpLegend *self)
{
  const FpResults *results;
  const FpEstate *estate;
  g_autoptr(FpScale) scale = NULL;
  g_autoptr(FpScale) zones = NULL;
  guint by_symbol[FP_N_SITE_SYMBOLS] = { 0 };
  gboolean closed = FALSE, left = FALSE, gone = FALSE, opened = FALSE;
  FpColourBy colour_by;
  FpSizeBy size_by;
  guint year;
  GtkWidget *child;
  g_autofree char *built_from = NULL;
  guint symbols = 0, tenures = 0;

  if (self->session == NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
        gtk_box_remove (self->content, child);
      g_clear_pointer (&self->shown_key, g_free);
      return;
    }

  results = fp_session_get_results (self->session);
  estate = fp_session_get_estate (self->session);
  year = fp_session_get_year_index (self->session);
  colour_by = fp_session_get_colour_by (self->session);
  size_by = fp_session_get_size_by (self->session);
  scale = fp_scale_new_for_colour_by (colour_by,
                                      fp_model_get_assumption (fp_session_get_model (self->session),
                                                               "target_room_utilisation"));

  for (guint i = 0; i < results->n_sites; i++)
    {
      const FpResultSite *rs = &results->sites[i];
      const FpSiteYear *sy = fp_results_get (results, i, year);

      if (!rs->placed || !sy->exists)
        continue;
      by_symbol[fp_site_symbol_for_type (rs->type)]++;
      if (i < estate->sites->len &&
          fp_estate_get_site (estate, i)->status == FP_SITE_STATUS_POSSIBLY_CLOSED)
        closed = TRUE;
      if (i >= estate->sites->len)
        opened = TRUE;
      if (rs->exit_year != 0 && (int) year + results->base_year >= rs->exit_year)
        {
          if (sy->held)
            left = TRUE;
          else
            gone = TRUE;
        }
    }

  /* An edit rarely changes the key: building it again anyway would make GTK lay out and
   * measure every label of the map's overlay again in the edit's frame (bench-window). */
  for (guint s = 0; s < FP_N_SITE_SYMBOLS; s++)
    if (by_symbol[s] > 0)
      symbols |= 1u << s;
  for (guint t = 0; t < FP_N_TENURES; t++)
    if (fp_workspace_get_summary (fp_session_get_workspace (self->session))
          ->sites_by_tenure[t] > 0)
      tenures |= 1u << t;
  built_from = g_strdup_printf ("%d %d %a %x %x %d%d%d%d %d %s %d %u %a", colour_by, size_by,
                                fp_model_get_assumption (fp_session_get_model (self->session),
                                                         "target_room_utilisation"),
                                symbols, tenures, closed, left, gone, opened,
                                fp_session_get_zone_layer (self->session),
                                fp_session_get_zone_service (self->session),
                                fp_session_get_show_flows (self->session), self->n_flows,
                                self->flow_max);
  if (g_strcmp0 (built_from, self->shown_key) == 0)
    return;
  g_free (self->shown_key);
  self->shown_key = g_steal_pointer (&built_from);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);

  {
    /* Translators: the legend's colour heading, e.g. "Colour: room utilisation" */
    g_autofree char *heading = g_strdup_printf (_("Colour: %s"), scale->title);

    add_heading (self, heading);
  }
  for (guint i = 0; i < scale->classes->len; i++)
    {
      const FpScaleClass *c = &g_array_index (scale->classes, FpScaleClass, i);

      /* Only the tenures the estate has. */
      if (colour_by == FP_COLOUR_BY_TENURE &&
          fp_session_get_estate (self->session) != NULL &&
          fp_workspace_get_summary (fp_session_get_workspace (self->session))
            ->sites_by_tenure[(int) c->lower] == 0)
        continue;
      add_row (self, symbol_new (-1, (int) c->rgb, 7.0, 0), c->label);
    }
  if (scale->unknown_label != NULL)
    add_row (self, symbol_new (-1, (int) scale->unknown_rgb, 7.0, 0), scale->unknown_label);

  /* The shaded areas next, under the colours: with a zone layer on, they are what the map
   * is mostly showing, and the legend's end can be below the fold at 1280×800. */
  zones = fp_scale_new_for_zone_layer (fp_session_get_zone_layer (self->session));
  if (zones != NULL)
    {
      FpZoneLayer layer = fp_session_get_zone_layer (self->session);
      g_autofree char *heading = NULL;

      if (fp_zone_layer_needs_service (layer))
        {
          guint v;
          const char *service = fp_session_get_zone_service (self->session);

          if (fp_estate_find_service (estate, service, &v))
            service = g_array_index (estate->services, FpService, v).name;
          /* Translators: the legend's zone heading, e.g. "Areas: distance to the nearest
           * site (GP appointments), this scenario" */
          heading = g_strdup_printf (layer == FP_ZONE_LAYER_DISTANCE_BEFORE
                                       ? _("Areas: %s offering %s, Do nothing")
                                       : layer == FP_ZONE_LAYER_DISTANCE_AFTER
                                         ? _("Areas: %s offering %s, this scenario")
                                         : _("Areas: %s offering %s, against Do nothing"),
                                     zones->title, service);
        }
      else
        /* Translators: the legend's zone heading, e.g. "Areas: people per km²" */
        heading = g_strdup_printf (_("Areas: %s"), zones->title);

      add_heading (self, heading);
      for (guint i = 0; i < zones->classes->len; i++)
        {
          const FpScaleClass *c = &g_array_index (zones->classes, FpScaleClass, i);

          add_row (self, swatch_new (c->rgb), c->label);
        }
      if (zones->unknown_label != NULL)
        add_row (self, swatch_new (zones->unknown_rgb), zones->unknown_label);
    }

  add_heading (self, _("Shape: type of site"));
  {
    GtkGrid *grid = add_grid (self);
    guint n = 0;

    for (guint s = 0; s < FP_N_SITE_SYMBOLS; s++)
      if (by_symbol[s] > 0)
        add_grid_row (grid, n++, symbol_new (example_type (s), 0x737378, 7.0, 0),
                      fp_site_symbol_get_short_label (s));
  }

  if (closed || left || gone || opened)
    {
      add_heading (self, _("Symbol"));
      if (closed)
        add_row (self, symbol_new (FP_SITE_TYPE_GP_PRACTICE, 0x737378, 7.0,
                                   FP_SITE_SYMBOL_STYLE_HOLLOW),
                 _("Outline only: possibly closed"));
      if (opened)
        add_row (self, symbol_new (FP_SITE_TYPE_GP_PRACTICE, 0x737378, 7.0,
                                   FP_SITE_SYMBOL_STYLE_NEW),
                 _("Plus: opened by this scenario"));
      if (left)
        add_row (self, symbol_new (FP_SITE_TYPE_GP_PRACTICE, 0x737378, 7.0,
                                   FP_SITE_SYMBOL_STYLE_LEFT),
                 _("Struck through: left, still costing"));
      if (gone)
        add_row (self, symbol_new (FP_SITE_TYPE_GP_PRACTICE, FP_STYLE_NOT_HELD, 7.0,
                                   FP_SITE_SYMBOL_STYLE_GONE),
                 _("Crossed out: left, no longer held"));
    }

  {
    /* Translators: the legend's size heading, e.g. "Size: floor area" */
    g_autofree char *heading = g_strdup_printf (_("Size: %s"), fp_size_by_to_label (size_by));
    GtkWidget *sizes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 14);
    guint n;
    const double *key = fp_map_style_size_key (size_by, &n);

    add_heading (self, heading);
    for (guint i = 0; i < n; i++)
      {
        GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
        g_autofree char *text = fp_format_area (key[i]);
        GtkWidget *label = gtk_label_new (text);

        gtk_widget_add_css_class (label, "numeric");
        gtk_box_append (GTK_BOX (box), symbol_new (-1, 0x737378, fp_map_style_radius (size_by,
                                                                                    key[i]),
                                                   0));
        gtk_box_append (GTK_BOX (box), label);
        gtk_widget_set_valign (box, GTK_ALIGN_END);
        gtk_box_append (GTK_BOX (sizes), box);
      }
    gtk_box_append (self->content, sizes);
  }

  if (fp_session_get_show_flows (self->session) && self->n_flows > 0)
    {
      g_autofree char *most = fp_format_count (self->flow_max);
      /* Translators: the widest arrow of the legend, e.g. "12,000 room-hours a year" */
      g_autofree char *text = g_strdup_printf (_("%s room-hours a year (the widest)"), most);

      add_heading (self, _("Arrows: activity moved"));
      add_row (self, arrow_key_new (fp_map_arrow_width (self->flow_max, self->flow_max)), text);
      add_row (self, arrow_key_new (fp_map_arrow_width (0, self->flow_max)),
               _("Less (width follows the square root)"));
    }
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_open_toggled_cb (GtkToggleButton *button,
                    FpLegend        *self)
{
  gboolean open = gtk_toggle_button_get_active (button);
  const char *name = open ? _("Hide the legend") : _("Show the legend");

  gtk_revealer_set_reveal_child (self->revealer, open);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), !open);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->open_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->close_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->open_button),
                               GTK_ACCESSIBLE_STATE_EXPANDED, open, -1);
  if (open && gtk_widget_has_focus (GTK_WIDGET (self->open_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
  else if (!open && gtk_widget_has_focus (GTK_WIDGET (self->close_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
}

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_legend_dispose (GObject *object)
{
  FpLegend *self = FP_LEGEND (object);
  GtkWidget *child;

  fp_legend_set_session (self, NULL);
  g_clear_pointer (&self->shown_key, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_LEGEND);
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
  gtk_widget_class_bind_template_child (widget_class, FpLegend, open_button);
  gtk_widget_class_bind_template_child (widget_class, FpLegend, revealer);
  gtk_widget_class_bind_template_child (widget_class, FpLegend, close_button);
  gtk_widget_class_bind_template_child (widget_class, FpLegend, scroller);
  gtk_widget_class_bind_template_child (widget_class, FpLegend, content);
  gtk_widget_class_bind_template_callback (widget_class, on_open_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-legend");
}

static void
fp_legend_init (FpLegend *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self->open_button, "active", self->close_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  on_open_toggled_cb (self->open_button, self);
}

/* ---- public API ----------------------------------------------------------------- */

void
fp_legend_set_session (FpLegend  *self,
                       FpSession *session)
{
  g_return_if_fail (FP_IS_LEGEND (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (self->handler_ids); i++)
      g_clear_signal_handler (&self->handler_ids[i], self->session);

  g_set_object (&self->session, session);
  g_clear_pointer (&self->shown_key, g_free);
  if (session != NULL)
    {
      self->handler_ids[0] = g_signal_connect_swapped (session, "results-changed",
                                                       G_CALLBACK (rebuild), self);
      self->handler_ids[1] = g_signal_connect_swapped (session, "style-changed",
                                                       G_CALLBACK (rebuild), self);
    }
  rebuild (self);
}

/**
 * fp_legend_set_flow_max:
 * @self: a legend
 * @max_volume: what the widest arrow carries
 * @n_flows: how many arrows the map draws
 */
void
fp_legend_set_flow_max (FpLegend *self,
                        double    max_volume,
                        guint     n_flows)
{
  g_return_if_fail (FP_IS_LEGEND (self));

  if (self->flow_max == max_volume && self->n_flows == n_flows)
    return;
  self->flow_max = max_volume;
  self->n_flows = n_flows;
  rebuild (self);
}

/**
 * fp_legend_set_expanded:
 * @self: a legend
 * @expanded: whether to show the whole key or only its button
 */
void
fp_legend_set_expanded (FpLegend *self,
                        gboolean  expanded)
{
  g_return_if_fail (FP_IS_LEGEND (self));
  gtk_toggle_button_set_active (self->open_button, expanded);
}

gboolean
fp_legend_get_expanded (FpLegend *self)
{
  g_return_val_if_fail (FP_IS_LEGEND (self), FALSE);
  return gtk_toggle_button_get_active (self->open_button);
}

/**
 * fp_legend_set_max_height:
 * @self: a legend
 * @height: the most height the expanded key may take; it scrolls beyond
 */
void
fp_legend_set_max_height (FpLegend *self,
                          int       height)
{
  g_return_if_fail (FP_IS_LEGEND (self));
  gtk_scrolled_window_set_max_content_height (self->scroller, MAX (height, 120));
}
