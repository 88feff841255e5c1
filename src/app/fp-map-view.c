/* fp-map-view.c: a ShumateMap with the offline basemap under the site layer.
 *
 * Owns the map's furniture: the legend (always on the map), the selected site's card,
 * the zoom buttons, the scale and the attribution. The first view fits the whole of
 * Birmingham and Solihull (the boundaries' extent) into the space the legend leaves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-map-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "fp-basemap.h"
#include "fp-legend.h"
#include "fp-map-view.h"
#include "fp-site-card.h"
#include "fp-site-layer.h"

#define MIN_ZOOM 9
#define MAX_ZOOM 17
/* Zoom a selected site is brought to at least, so its neighbours can be told apart. */
#define SITE_ZOOM 14.0
/* Used when the boundaries give no extent: about the middle of Birmingham and Solihull. */
#define FALLBACK_LAT 52.46
#define FALLBACK_LON -1.83
#define FALLBACK_ZOOM 10.5
#define FIT_MARGIN 28.0
#define ZOOM_DURATION_MS 250
/* Height under the legend kept for the zoom buttons, scale and attribution. */
#define LEGEND_CLEARANCE 190

struct _FpMapView
{
  GtkWidget      parent_instance;

  ShumateMap    *map;
  FpLegend      *legend;
  GtkRevealer   *card_revealer;
  FpSiteCard    *site_card;
  ShumateScale  *scale;
  ShumateLicense *license;

  FpBasemap     *basemap;
  GError        *basemap_error;
  FpSiteLayer   *site_layer;
  FpWorkspace    *document;

  gboolean       fitted;
  guint          fit_idle_id;
};

G_DEFINE_FINAL_TYPE (FpMapView, fp_map_view, GTK_TYPE_WIDGET)

enum
{
  SITE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
lon_to_world (double lon)
{
  return (lon + 180.0) / 360.0;
}

static double
lat_to_world (double lat)
{
  double r = lat * G_PI / 180.0;

  return (1.0 - log (tan (r) + 1.0 / cos (r)) / G_PI) / 2.0;
}

static double
world_to_lat (double y)
{
  return atan (sinh (G_PI * (1.0 - 2.0 * y))) * 180.0 / G_PI;
}

static void
fit_whole_area (FpMapView *self,
                gboolean   animate)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double min_lat, min_lon, max_lat, max_lon;
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double pad_left = FIT_MARGIN, pad_right = FIT_MARGIN;
  double x0, x1, y0, y1, avail_w, avail_h, zoom, world, cx, cy, legend_width;

  if (width <= 0 || height <= 0 ||
      !fp_basemap_get_bounds (self->basemap, &min_lat, &min_lon, &max_lat, &max_lon))
    {
      shumate_location_set_location (SHUMATE_LOCATION (viewport), FALLBACK_LAT, FALLBACK_LON);
      shumate_viewport_set_zoom_level (viewport, FALLBACK_ZOOM);
      return;
    }

  /* Leave the legend its side of the map when the map is wide enough to spare it. */
  legend_width = gtk_widget_get_width (GTK_WIDGET (self->legend));
  if (gtk_widget_get_visible (GTK_WIDGET (self->legend)) && width > 2.5 * legend_width)
    pad_right += legend_width;

  x0 = lon_to_world (min_lon);
  x1 = lon_to_world (max_lon);
  y0 = lat_to_world (max_lat);
  y1 = lat_to_world (min_lat);
  avail_w = MAX (width - pad_left - pad_right, 64);
  avail_h = MAX (height - 2 * FIT_MARGIN, 64);

  zoom = log2 (MIN (avail_w / ((x1 - x0) * 256.0), avail_h / ((y1 - y0) * 256.0)));
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  world = 256.0 * pow (2.0, zoom);

  /* Centre the area in the space between the margins, not in the widget. */
  cx = (x0 + x1) / 2.0 + (pad_right - pad_left) / 2.0 / world;
  cy = (y0 + y1) / 2.0;

  if (animate)
    shumate_map_go_to_full (self->map, world_to_lat (cy), cx * 360.0 - 180.0, zoom);
  else
    {
      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), world_to_lat (cy),
                                     cx * 360.0 - 180.0);
    }
}

static gboolean
fit_in_idle_cb (gpointer user_data)
{
  FpMapView *self = user_data;

  if (gtk_widget_get_width (GTK_WIDGET (self->map)) <= 0)
    return G_SOURCE_CONTINUE;

  self->fit_idle_id = 0;

  /* In a short window the whole key would run into the zoom buttons: start with its title
   * only (one click shows it). */
  if (gtk_widget_get_height (GTK_WIDGET (self->legend)) + LEGEND_CLEARANCE >
      gtk_widget_get_height (GTK_WIDGET (self->map)))
    fp_legend_set_expanded (self->legend, FALSE);

  fit_whole_area (self, FALSE);
  self->fitted = TRUE;
  return G_SOURCE_REMOVE;
}

static void
show_card (FpMapView *self,
           guint      index)
{
  if (index == FP_SITE_NONE || self->document == NULL)
    {
      gtk_revealer_set_reveal_child (self->card_revealer, FALSE);
      return;
    }

  fp_site_card_set_site (self->site_card, self->document, index);
  gtk_revealer_set_reveal_child (self->card_revealer, TRUE);
}

static void
on_site_clicked_cb (FpSiteLayer *layer,
                    guint        index,
                    FpMapView   *self)
{
  fp_site_layer_set_selected (self->site_layer, index);
  show_card (self, index);
  g_signal_emit (self, signals[SITE_SELECTED], 0, index);
}

/* Arrow keys pan by a quarter of the view, + and - zoom, Escape closes the site's card:
 * the map can be used without a pointer once it has the keyboard focus. */
static gboolean
on_map_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       FpMapView             *self)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double dx = 0, dy = 0, lat, lon;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -width / 4;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = width / 4;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -height / 4;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = height / 4;
      break;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      fp_map_view_zoom_in (self);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      fp_map_view_zoom_out (self);
      return TRUE;
    case GDK_KEY_Escape:
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.clear-selection", NULL);
    default:
      return FALSE;
    }

  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map),
                                              width / 2 + dx, height / 2 + dy, &lat, &lon);
  shumate_map_go_to_full_with_duration (self->map, lat, lon,
                                        shumate_viewport_get_zoom_level (viewport),
                                        ZOOM_DURATION_MS);
  return TRUE;
}

static void
on_scale_factor_changed_cb (FpMapView *self)
{
  fp_basemap_set_scale_factor (self->basemap, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
}

/* The first view is fitted once the map has a size, which it gets after it is mapped; the
 * tiles are drawn for the screen's scale from then on. */
static void
on_map_cb (FpMapView *self)
{
  fp_basemap_set_scale_factor (self->basemap, gtk_widget_get_scale_factor (GTK_WIDGET (self)));

  if (!self->fitted && self->fit_idle_id == 0)
    self->fit_idle_id = g_idle_add (fit_in_idle_cb, self);
}

static void
fp_map_view_dispose (GObject *object)
{
  FpMapView *self = FP_MAP_VIEW (object);
  GtkWidget *child;

  g_clear_handle_id (&self->fit_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_MAP_VIEW);
  /* The template's top-level box is not bound to a field, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->basemap);

  G_OBJECT_CLASS (fp_map_view_parent_class)->dispose (object);
}

static void
fp_map_view_finalize (GObject *object)
{
  FpMapView *self = FP_MAP_VIEW (object);

  g_clear_error (&self->basemap_error);

  G_OBJECT_CLASS (fp_map_view_parent_class)->finalize (object);
}

static void
fp_map_view_class_init (FpMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_map_view_dispose;
  object_class->finalize = fp_map_view_finalize;


  /**
   * FpMapView::site-selected:
   * @self: the map view
   * @index: the site the user clicked, or %FP_SITE_NONE when they clicked empty map
   */
  signals[SITE_SELECTED] =
    g_signal_new ("site-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (SHUMATE_TYPE_LICENSE);
  g_type_ensure (FP_TYPE_LEGEND);
  g_type_ensure (FP_TYPE_SITE_CARD);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/fp-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpMapView, map);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, legend);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, card_revealer);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, site_card);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, scale);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, license);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-map-view");
}

static void
fp_map_view_init (FpMapView *self)
{
  ShumateViewport *viewport;
  ShumateMapLayer *tiles;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  viewport = shumate_map_get_viewport (self->map);

  /* A missing or broken boundary file leaves a plain map with the sites on it; the window
   * tells the user why (fp_map_view_get_basemap_error). */
  self->basemap = fp_basemap_new ();
  fp_basemap_load (self->basemap, &self->basemap_error);

  shumate_map_set_map_source (self->map, SHUMATE_MAP_SOURCE (self->basemap));
  shumate_viewport_set_min_zoom_level (viewport, MIN_ZOOM);
  shumate_viewport_set_max_zoom_level (viewport, MAX_ZOOM);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), FALLBACK_LAT, FALLBACK_LON);
  shumate_viewport_set_zoom_level (viewport, FALLBACK_ZOOM);

  tiles = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->basemap), viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (tiles));

  self->site_layer = fp_site_layer_new (viewport);
  g_signal_connect (self->site_layer, "site-clicked", G_CALLBACK (on_site_clicked_cb), self);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->site_layer));

  shumate_scale_set_viewport (self->scale, viewport);
  shumate_license_append_map_source (self->license, SHUMATE_MAP_SOURCE (self->basemap));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_map_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), keys);

  g_signal_connect_swapped (self, "map", G_CALLBACK (on_map_cb), self);
  g_signal_connect_swapped (self, "notify::scale-factor",
                            G_CALLBACK (on_scale_factor_changed_cb), self);
}

/**
 * fp_map_view_set_document:
 * @self: a map view
 * @document: (nullable): the document whose sites to map
 */
void
fp_map_view_set_document (FpMapView  *self,
                          FpWorkspace *document)
{
  g_return_if_fail (FP_IS_MAP_VIEW (self));
  g_return_if_fail (document == NULL || FP_IS_WORKSPACE (document));

  if (!g_set_object (&self->document, document))
    return;

  fp_site_layer_set_document (self->site_layer, document);
  fp_legend_set_document (self->legend, document);
  show_card (self, FP_SITE_NONE);
}

/**
 * fp_map_view_select_site:
 * @self: a map view
 * @index: a site, or %FP_SITE_NONE to clear the selection
 * @centre: whether to move the map to the site (when it has a location)
 *
 * Rings the site on the map and shows its card.
 */
void
fp_map_view_select_site (FpMapView *self,
                         guint      index,
                         gboolean   centre)
{
  g_return_if_fail (FP_IS_MAP_VIEW (self));

  if (self->document == NULL)
    return;

  fp_site_layer_set_selected (self->site_layer, index);
  show_card (self, index);

  if (centre && index != FP_SITE_NONE)
    {
      const FpSite *site = fp_estate_get_site (fp_workspace_get_estate (self->document), index);
      ShumateViewport *viewport = shumate_map_get_viewport (self->map);

      if (site != NULL && site->placed)
        shumate_map_go_to_full (self->map, site->lat, site->lon,
                                MAX (shumate_viewport_get_zoom_level (viewport), SITE_ZOOM));
    }
}

guint
fp_map_view_get_selected_site (FpMapView *self)
{
  g_return_val_if_fail (FP_IS_MAP_VIEW (self), FP_SITE_NONE);
  return fp_site_layer_get_selected (self->site_layer);
}

/* libshumate's own zoom_in/out step by a fifth of a level; buttons and keys step by whole
 * levels, landing on a level where the tiles are drawn at their own size. */
static void
zoom_by (FpMapView *self,
         int        step)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  ShumateLocation *centre = SHUMATE_LOCATION (viewport);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double target = step > 0 ? floor (zoom + 1e-6) + step : ceil (zoom - 1e-6) + step;

  target = CLAMP (target, MIN_ZOOM, MAX_ZOOM);
  shumate_map_go_to_full_with_duration (self->map, shumate_location_get_latitude (centre),
                                        shumate_location_get_longitude (centre),
                                        target, ZOOM_DURATION_MS);
}

void
fp_map_view_zoom_in (FpMapView *self)
{
  g_return_if_fail (FP_IS_MAP_VIEW (self));
  zoom_by (self, 1);
}

void
fp_map_view_zoom_out (FpMapView *self)
{
  g_return_if_fail (FP_IS_MAP_VIEW (self));
  zoom_by (self, -1);
}

/**
 * fp_map_view_show_whole_area:
 * @self: a map view
 *
 * Moves back to the first view: all of Birmingham and Solihull.
 */
void
fp_map_view_show_whole_area (FpMapView *self)
{
  g_return_if_fail (FP_IS_MAP_VIEW (self));
  fit_whole_area (self, TRUE);
}

/**
 * fp_map_view_is_ready:
 * @self: a map view
 *
 * Returns: whether the first view is in place, every visible tile is drawn and the sites
 *   have been painted
 */
gboolean
fp_map_view_is_ready (FpMapView *self)
{
  g_return_val_if_fail (FP_IS_MAP_VIEW (self), FALSE);

  return self->fitted &&
         fp_basemap_get_n_drawn (self->basemap) > 0 &&
         fp_basemap_get_n_pending (self->basemap) == 0 &&
         (self->document == NULL || fp_site_layer_get_n_frames (self->site_layer) > 0);
}

/**
 * fp_map_view_get_basemap_error:
 * @self: a map view
 *
 * Returns: (nullable): why the boundaries could not be drawn, or %NULL
 */
const GError *
fp_map_view_get_basemap_error (FpMapView *self)
{
  g_return_val_if_fail (FP_IS_MAP_VIEW (self), NULL);
  return self->basemap_error;
}

/**
 * fp_map_view_get_map:
 * @self: a map view
 *
 * Returns: (transfer none): the map alone (basemap and sites), without the legend, card
 *   and buttons over it
 */
GtkWidget *
fp_map_view_get_map (FpMapView *self)
{
  g_return_val_if_fail (FP_IS_MAP_VIEW (self), NULL);
  return GTK_WIDGET (self->map);
}
