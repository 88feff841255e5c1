/* fp-map-view.c: a ShumateMap with the offline basemap, zones, sites, arrows and names.
 *
 * Layers, bottom to top: the basemap tiles (with the zone layer baked in), the sites, the
 * flow arrows, the place names and a pin for a postcode the user went to. Over the
 * map: what the colours and zones show (two menu buttons), the legend, the zoom buttons,
 * the scale and the attribution.
 *
 * The first view fits the whole of Birmingham and Solihull, and fits again when the map
 * is resized until the user moves it. Choosing a site never zooms: the map pans only when
 * the site would be hidden (off the map, under the side panel when it overlays the map,
 * or under the legend). A click where several sites are drawn on top of one another
 * offers them in a list; a right click offers the site's or the place's actions. With
 * the keyboard focus on the map, the arrows pan, + and - zoom, Page Down and Page Up step
 * through the sites in view and Escape clears the selection.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-map-view"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "fp-basemap.h"
#include "fp-flow-layer.h"
#include "fp-label-layer.h"
#include "fp-legend.h"
#include "fp-map-view.h"
#include "fp-site-layer.h"

/* Out to a national estate seen whole (England fits in the window at 6). */
#define MIN_ZOOM 6
#define MAX_ZOOM 17
/* Used when the boundaries give no extent: about the middle of Birmingham and Solihull. */
#define FALLBACK_LAT 52.46
#define FALLBACK_LON -1.83
#define FALLBACK_ZOOM 10.5
#define FIT_MARGIN 24.0
#define ZOOM_DURATION_MS 250
#define PAN_DURATION_MS 350
/* Room kept clear of the map's own controls when a chosen site is brought into view. */
#define CONTROLS_TOP 64.0
#define CONTROLS_BOTTOM 64.0
#define CONTROLS_SIDE 72.0
/* A map shorter than this starts with the legend collapsed. */
#define LEGEND_OPEN_MIN_HEIGHT 620

struct _FpMapView
{
  GtkWidget           parent_instance;

  GtkWidget          *overlay;
  ShumateMap         *map;
  FpLegend           *legend;
  GtkMenuButton      *colour_button;
  GtkMenuButton      *zones_button;
  GtkLabel           *colour_label;
  GtkLabel           *zones_label;
  ShumateScale       *scale;
  ShumateLicense     *license;
  GtkPopover         *choice_popover;
  GtkBox             *choice_box;
  GtkPopoverMenu     *context_menu;

  FpBasemap          *basemap;        /* the loaded boundaries */
  FpBasemap          *shown_basemap;  /* the one drawing now (with the zone colours) */
  ShumateMapLayer    *tiles;
  ShumateMapLayer    *old_tiles;      /* removed once the new ones are drawn */
  guint32            *zone_rgb;
  guint               n_zone_rgb;
  GHashTable         *zone_index;     /* zone code -> estate zone index + 1 */
  GError             *basemap_error;
  FpSiteLayer        *site_layer;
  FpFlowLayer        *flow_layer;
  FpLabelLayer       *label_layer;
  ShumateMarkerLayer *pin_layer;
  FpSession          *session;
  gulong              handler_ids[5];

  int                 last_width;
  int                 last_height;
  int                 covered_left;
  gboolean            compact;        /* a small map beside another: the legend starts shut */
  gboolean            fitted;         /* the first view is in place */
  gboolean            following_fit;  /* the view is the fitted whole area: refit on resize */
  gboolean            moving;         /* the map is being moved by this code, not the user */
  guint               fit_idle_id;
  guint               moving_id;
  guint               swap_id;
};

G_DEFINE_FINAL_TYPE (FpMapView, fp_map_view, GTK_TYPE_WIDGET)

/* ---- projection ----------------------------------------------------------------- */

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

/* ---- moving the map ------------------------------------------------------------- */

static gboolean
end_moving_cb (gpointer user_data)
{
  FpMapView *self = user_data;

  self->moving_id = 0;
  self->moving = FALSE;
  return G_SOURCE_REMOVE;
}

/* Moves the map without that counting as the user's move (which stops refitting). */
static void
move_map (FpMapView *self,
          double     lat,
          double     lon,
          double     zoom,
          guint      duration_ms)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);

  self->moving = TRUE;
  g_clear_handle_id (&self->moving_id, g_source_remove);
  if (duration_ms == 0)
    {
      shumate_map_stop_go_to (self->map);
      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
      self->moving = FALSE;
    }
  else
    {
      shumate_map_go_to_full_with_duration (self->map, lat, lon, zoom, duration_ms);
      self->moving_id = g_timeout_add (duration_ms + 120, end_moving_cb, self);
    }
}

static void
on_viewport_moved_cb (FpMapView *self)
{
  if (!self->moving)
    self->following_fit = FALSE;
}

static void
fit_whole_area (FpMapView *self,
                gboolean   animate)
{
  double min_lat, min_lon, max_lat, max_lon;
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double pad_left = FIT_MARGIN + self->covered_left, pad_right = FIT_MARGIN;
  double pad_top = FIT_MARGIN + 36, pad_bottom = FIT_MARGIN + 20;
  double x0, x1, y0, y1, avail_w, avail_h, zoom, world, cx, cy;

  if (width <= 0 || height <= 0 ||
      !fp_basemap_get_bounds (self->basemap, &min_lat, &min_lon, &max_lat, &max_lon))
    {
      move_map (self, FALLBACK_LAT, FALLBACK_LON, FALLBACK_ZOOM, 0);
      return;
    }

  /* Leave the open legend its side of the map when the map is wide enough to spare it. */
  if (fp_legend_get_expanded (self->legend))
    {
      double legend_width = gtk_widget_get_width (GTK_WIDGET (self->legend));

      if (width > 2.6 * legend_width)
        pad_right += legend_width;
    }

  x0 = lon_to_world (min_lon);
  x1 = lon_to_world (max_lon);
  y0 = lat_to_world (max_lat);
  y1 = lat_to_world (min_lat);
  avail_w = MAX (width - pad_left - pad_right, 64);
  avail_h = MAX (height - pad_top - pad_bottom, 64);

  zoom = log2 (MIN (avail_w / ((x1 - x0) * 256.0), avail_h / ((y1 - y0) * 256.0)));
  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  world = 256.0 * pow (2.0, zoom);

  /* Centre the area in the space between the margins, not in the widget. */
  cx = (x0 + x1) / 2.0 + (pad_right - pad_left) / 2.0 / world;
  cy = (y0 + y1) / 2.0 + (pad_bottom - pad_top) / 2.0 / world;

  move_map (self, world_to_lat (cy), cx * 360.0 - 180.0, zoom, animate ? 400 : 0);
  self->following_fit = TRUE;
}

static gboolean
fit_in_idle_cb (gpointer user_data)
{
  FpMapView *self = user_data;

  if (gtk_widget_get_width (GTK_WIDGET (self->map)) <= 0)
    return G_SOURCE_CONTINUE;

  self->fit_idle_id = 0;
  /* The open legend stops above the zoom buttons. */
  fp_legend_set_max_height (self->legend, gtk_widget_get_height (GTK_WIDGET (self)) - 250);

  if (!self->fitted)
    {
      /* A short map starts with the legend as a button: open, it would cover the map. */
      if (self->compact || gtk_widget_get_height (GTK_WIDGET (self)) < LEGEND_OPEN_MIN_HEIGHT)
        fp_legend_set_expanded (self->legend, FALSE);
      self->fitted = TRUE;
      fit_whole_area (self, FALSE);
    }
  else if (self->following_fit)
    fit_whole_area (self, FALSE);

  return G_SOURCE_REMOVE;
}

/* The part of the map not covered by the side panel, the legend or the controls. */
static void
get_clear_area (FpMapView       *self,
                graphene_rect_t *rect)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  double left = self->covered_left + CONTROLS_SIDE;
  double right = CONTROLS_SIDE;

  if (fp_legend_get_expanded (self->legend))
    right = MAX (right, gtk_widget_get_width (GTK_WIDGET (self->legend)) + 36);
  if (left + right > width - 80)
    left = right = CONTROLS_SIDE / 2;

  graphene_rect_init (rect, left, CONTROLS_TOP, MAX (width - left - right, 40),
                      MAX (height - CONTROLS_TOP - CONTROLS_BOTTOM, 40));
}

/* Pans (never zooms) so that a point is in the clear part of the map, if it is not. */
static void
bring_into_view (FpMapView *self,
                 double     lat,
                 double     lon)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  graphene_rect_t clear;
  double x, y, width, height, new_lat, new_lon;

  if (!self->fitted)
    return;

  get_clear_area (self, &clear);
  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self->map), lat, lon, &x, &y);
  if (graphene_rect_contains_point (&clear, &GRAPHENE_POINT_INIT (x, y)))
    return;

  width = gtk_widget_get_width (GTK_WIDGET (self->map));
  height = gtk_widget_get_height (GTK_WIDGET (self->map));
  /* The map's centre moves by the point's offset from the clear area's centre. */
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map),
                                              width / 2 + x - (clear.origin.x + clear.size.width / 2),
                                              height / 2 + y - (clear.origin.y + clear.size.height / 2),
                                              &new_lat, &new_lon);
  move_map (self, new_lat, new_lon, shumate_viewport_get_zoom_level (viewport), PAN_DURATION_MS);
  self->following_fit = FALSE;
}

static void
on_selected_cb (FpMapView *self)
{
  const FpResults *results;
  guint index;

  if (self->session == NULL)
    return;

  index = fp_session_get_selected (self->session);
  results = fp_session_get_results (self->session);
  if (index != FP_SITE_NONE && index < results->n_sites && results->sites[index].placed)
    bring_into_view (self, results->sites[index].lat, results->sites[index].lon);
}

/* ---- the zone layer ------------------------------------------------------------- */

static gboolean
remove_old_tiles_cb (gpointer user_data)
{
  FpMapView *self = user_data;

  /* Keep the old tiles under the new ones until every visible new tile is drawn. */
  if (self->shown_basemap != NULL && fp_basemap_get_n_pending (self->shown_basemap) > 0)
    return G_SOURCE_CONTINUE;

  self->swap_id = 0;
  if (self->old_tiles != NULL)
    {
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->old_tiles));
      self->old_tiles = NULL;
    }
  return G_SOURCE_REMOVE;
}

static void
show_tiles (FpMapView *self,
            FpBasemap *source)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  ShumateMapLayer *tiles = shumate_map_layer_new (SHUMATE_MAP_SOURCE (source), viewport);

  if (self->old_tiles != NULL)
    shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->old_tiles));
  self->old_tiles = self->tiles;
  self->tiles = tiles;
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (tiles), SHUMATE_LAYER (self->site_layer));
  g_set_object (&self->shown_basemap, source);

  if (self->old_tiles != NULL && self->swap_id == 0)
    self->swap_id = g_timeout_add (40, remove_old_tiles_cb, self);
}

static void
update_zones (FpMapView *self)
{
  const FpEstate *estate;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpScale) scale = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree guint32 *rgb = NULL;
  const double *values;
  FpZoneLayer layer;

  if (self->session == NULL || self->basemap_error != NULL)
    return;

  layer = fp_session_get_zone_layer (self->session);
  if (layer == FP_ZONE_LAYER_NONE)
    {
      if (self->zone_rgb != NULL)
        {
          g_autoptr(FpBasemap) plain = fp_basemap_new_with_zones (self->basemap, NULL, 0);

          g_clear_pointer (&self->zone_rgb, g_free);
          fp_basemap_set_scale_factor (plain, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
          show_tiles (self, plain);
        }
      return;
    }

  if (!fp_basemap_load_zones (self->basemap, &error) ||
      (values = fp_session_get_zone_values (self->session, &error)) == NULL)
    {
      g_warning ("The zone layer cannot be drawn: %s",
                 error != NULL ? error->message : "no values");
      return;
    }

  estate = fp_session_get_estate (self->session);
  if (self->zone_index == NULL)
    {
      self->zone_index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint z = 0; z < estate->zones->len; z++)
        g_hash_table_insert (self->zone_index, g_array_index (estate->zones, FpZone, z).code,
                             GUINT_TO_POINTER (z + 1));
    }

  scale = fp_scale_new_for_zone_layer (layer);
  codes = fp_basemap_get_zone_codes (self->basemap);
  rgb = g_new (guint32, MAX (codes->len, 1));
  for (guint i = 0; i < codes->len; i++)
    {
      guint z = GPOINTER_TO_UINT (g_hash_table_lookup (self->zone_index,
                                                       g_ptr_array_index (codes, i)));

      rgb[i] = fp_scale_colour (scale, z > 0 ? values[z - 1] : NAN);
    }

  /* The same colours again (a scenario that does not change this layer): keep the tiles. */
  if (self->zone_rgb != NULL && self->n_zone_rgb == codes->len &&
      memcmp (self->zone_rgb, rgb, sizeof (guint32) * codes->len) == 0)
    return;

  {
    g_autoptr(FpBasemap) zoned = fp_basemap_new_with_zones (self->basemap, rgb, codes->len);

    fp_basemap_set_scale_factor (zoned, gtk_widget_get_scale_factor (GTK_WIDGET (self)));
    show_tiles (self, zoned);
  }
  g_free (self->zone_rgb);
  self->zone_rgb = g_steal_pointer (&rgb);
  self->n_zone_rgb = codes->len;
}

static void
update_buttons (FpMapView *self)
{
  g_autofree char *colour = NULL;
  g_autofree char *zones = NULL;
  FpZoneLayer layer;

  if (self->session == NULL)
    return;

  /* Translators: the map's colour button, e.g. "Colour: Utilisation" */
  colour = g_strdup_printf (_("Colour: %s"),
                            fp_colour_by_to_label (fp_session_get_colour_by (self->session)));
  gtk_label_set_label (self->colour_label, colour);

  layer = fp_session_get_zone_layer (self->session);
  if (layer == FP_ZONE_LAYER_NONE)
    zones = g_strdup (_("Areas: None"));
  else if (layer == FP_ZONE_LAYER_DENSITY)
    zones = g_strdup (_("Areas: Density"));
  else if (layer == FP_ZONE_LAYER_IMD)
    zones = g_strdup (_("Areas: Deprivation"));
  else
    zones = g_strdup (_("Areas: Distance"));
  gtk_label_set_label (self->zones_label, zones);
}

static void
on_style_changed_cb (FpMapView *self)
{
  update_buttons (self);
  update_zones (self);
  fp_legend_set_flow_max (self->legend, fp_flow_layer_get_max (self->flow_layer),
                          fp_flow_layer_get_n_flows (self->flow_layer));
}

/* ---- clicks --------------------------------------------------------------------- */

static void
on_choice_clicked_cb (GtkButton *button,
                      FpMapView *self)
{
  gtk_popover_popdown (self->choice_popover);
}

/* Several sites under one click: offer them all. */
static void
offer_choice (FpMapView *self,
              GArray    *picks,
              double     x,
              double     y)
{
  const FpResults *results = fp_session_get_results (self->session);
  GtkWidget *child;
  double mx, my;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choice_box))) != NULL)
    gtk_box_remove (self->choice_box, child);

  for (guint i = 0; i < picks->len; i++)
    {
      const FpResultSite *rs = &results->sites[g_array_index (picks, guint, i)];
      GtkWidget *button = gtk_button_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *name = gtk_label_new (rs->name != NULL ? rs->name : rs->id);
      GtkWidget *detail = gtk_label_new (fp_site_type_to_label (rs->type));

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (name), 36);
      gtk_widget_add_css_class (detail, "fp-secondary");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), detail);
      gtk_button_set_child (GTK_BUTTON (button), box);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.select-site");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (rs->id));
      g_signal_connect (button, "clicked", G_CALLBACK (on_choice_clicked_cb), self);
      gtk_box_append (self->choice_box, button);
    }

  gtk_widget_translate_coordinates (GTK_WIDGET (self->site_layer), GTK_WIDGET (self), x, y,
                                    &mx, &my);
  gtk_popover_set_pointing_to (self->choice_popover, &(GdkRectangle) { (int) mx, (int) my, 1, 1 });
  gtk_popover_popup (self->choice_popover);
}

static void
show_context_menu (FpMapView *self,
                   GMenu     *menu,
                   GtkWidget *origin,
                   double     x,
                   double     y)
{
  double mx, my;

  gtk_widget_translate_coordinates (origin, GTK_WIDGET (self), x, y, &mx, &my);
  gtk_popover_menu_set_menu_model (self->context_menu, G_MENU_MODEL (menu));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) mx, (int) my, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
append_site_item (GMenu      *menu,
                  const char *label,
                  const char *action,
                  const char *id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (id));
  g_menu_append_item (menu, item);
}

static GMenu *
site_menu (const char *id)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) changes = g_menu_new ();

  append_site_item (menu, _("Show _Details"), "win.select-site", id);
  append_site_item (changes, _("_Move a Service…"), "win.move-service", id);
  append_site_item (changes, _("_Exit This Site…"), "win.exit-site", id);
  append_site_item (changes, _("_Dispose of This Site…"), "win.dispose-site", id);
  append_site_item (changes, _("_Backfill…"), "win.backfill-site", id);
  append_site_item (changes, _("Change _Hours…"), "win.change-hours", id);
  append_site_item (changes, _("Set Its _Category…"), "win.override-category-dialog", id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (changes));
  return menu;
}

static void
on_site_click_cb (GtkGestureClick *click,
                  int              n_press,
                  double           x,
                  double           y,
                  FpMapView       *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (click));
  g_autoptr(GArray) picks = NULL;
  const FpResults *results;

  if (self->session == NULL || n_press != 1)
    return;

  picks = fp_site_layer_pick_all (self->site_layer, x, y);
  if (picks->len == 0)
    return;
  results = fp_session_get_results (self->session);
  gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);

  if (button == GDK_BUTTON_SECONDARY)
    {
      g_autoptr(GMenu) menu = site_menu (results->sites[g_array_index (picks, guint, 0)].id);

      show_context_menu (self, menu, GTK_WIDGET (self->site_layer), x, y);
    }
  else if (picks->len > 1)
    offer_choice (self, picks, x, y);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.select-site", "s",
                                results->sites[g_array_index (picks, guint, 0)].id);
}

static void
on_map_click_cb (GtkGestureClick *click,
                 int              n_press,
                 double           x,
                 double           y,
                 FpMapView       *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (click));

  if (self->session == NULL || n_press != 1)
    return;

  if (button == GDK_BUTTON_SECONDARY)
    {
      ShumateViewport *viewport = shumate_map_get_viewport (self->map);
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) open = NULL;
      g_autofree char *where = NULL;
      char lat_text[G_ASCII_DTOSTR_BUF_SIZE], lon_text[G_ASCII_DTOSTR_BUF_SIZE];
      double lat, lon;

      shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self->map), x, y,
                                                  &lat, &lon);
      g_ascii_formatd (lat_text, sizeof lat_text, "%.5f", lat);
      g_ascii_formatd (lon_text, sizeof lon_text, "%.5f", lon);
      where = g_strdup_printf ("%s,%s", lat_text, lon_text);
      open = g_menu_item_new (_("_Open a New Site Here…"), NULL);
      g_menu_item_set_action_and_target_value (open, "win.open-site-here",
                                               g_variant_new_string (where));
      g_menu_append_item (menu, open);
      g_menu_append (menu, _("Show the _Whole Area"), "win.show-whole-area");
      show_context_menu (self, menu, GTK_WIDGET (self->map), x, y);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.clear-selection", NULL);
}

/* Arrow keys pan by a quarter of the view, + and - zoom, Page Down and Page Up step
 * through the sites in view, Escape clears the selection: the map can be used without a
 * pointer once it has the keyboard focus. */
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
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      return fp_map_view_step_site (self, 1);
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      return fp_map_view_step_site (self, -1);
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
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  fp_basemap_set_scale_factor (self->basemap, scale);
  if (self->shown_basemap != NULL)
    fp_basemap_set_scale_factor (self->shown_basemap, scale);
}

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_map_view_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  FpMapView *self = FP_MAP_VIEW (widget);

  gtk_widget_measure (self->overlay, orientation, for_size, minimum, natural, NULL, NULL);
}

/* The first view is fitted once the map has a size; after a resize the whole area is
 * fitted again unless the user has moved the map since. */
static void
fp_map_view_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  FpMapView *self = FP_MAP_VIEW (widget);

  gtk_widget_allocate (self->overlay, width, height, baseline, NULL);
  /* Only a popover that is shown needs placing: placing one asks the display server for
   * the monitor's work area, a round trip on X11 that every relayout would pay. */
  if (self->choice_popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->choice_popover)))
    gtk_popover_present (self->choice_popover);
  if (self->context_menu != NULL && gtk_widget_get_visible (GTK_WIDGET (self->context_menu)))
    gtk_popover_present (GTK_POPOVER (self->context_menu));

  /* Changing sizes inside an allocation would undo it: refit and resize the legend after. */
  if (width != self->last_width || height != self->last_height)
    {
      self->last_width = width;
      self->last_height = height;
      if (self->fit_idle_id == 0 && gtk_widget_get_mapped (widget))
        self->fit_idle_id = g_idle_add (fit_in_idle_cb, self);
    }
}

static void
fp_map_view_map (GtkWidget *widget)
{
  FpMapView *self = FP_MAP_VIEW (widget);

  GTK_WIDGET_CLASS (fp_map_view_parent_class)->map (widget);

  on_scale_factor_changed_cb (self);
  if (!self->fitted && self->fit_idle_id == 0)
    self->fit_idle_id = g_idle_add (fit_in_idle_cb, self);
}

static void
fp_map_view_dispose (GObject *object)
{
  FpMapView *self = FP_MAP_VIEW (object);

  fp_map_view_set_session (self, NULL);
  g_clear_handle_id (&self->fit_idle_id, g_source_remove);
  g_clear_handle_id (&self->moving_id, g_source_remove);
  g_clear_handle_id (&self->swap_id, g_source_remove);
  if (self->choice_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->choice_popover));
      self->choice_popover = NULL;
    }
  if (self->context_menu != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->context_menu));
      self->context_menu = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_MAP_VIEW);
  g_clear_object (&self->basemap);
  g_clear_object (&self->shown_basemap);

  G_OBJECT_CLASS (fp_map_view_parent_class)->dispose (object);
}

static void
fp_map_view_finalize (GObject *object)
{
  FpMapView *self = FP_MAP_VIEW (object);

  g_clear_error (&self->basemap_error);
  g_clear_pointer (&self->zone_rgb, g_free);
  g_clear_pointer (&self->zone_index, g_hash_table_unref);

  G_OBJECT_CLASS (fp_map_view_parent_class)->finalize (object);
}

static void
fp_map_view_class_init (FpMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_map_view_dispose;
  object_class->finalize = fp_map_view_finalize;

  widget_class->measure = fp_map_view_measure;
  widget_class->size_allocate = fp_map_view_size_allocate;
  widget_class->map = fp_map_view_map;

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (SHUMATE_TYPE_LICENSE);
  g_type_ensure (FP_TYPE_LEGEND);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/fp-map-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpMapView, overlay);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, map);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, legend);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, colour_button);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, zones_button);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, colour_label);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, zones_label);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, scale);
  gtk_widget_class_bind_template_child (widget_class, FpMapView, license);

  gtk_widget_class_set_css_name (widget_class, "fp-map-view");
}

static GMenu *
colour_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) colours = g_menu_new ();
  g_autoptr(GMenu) sizes = g_menu_new ();
  g_autoptr(GMenu) arrows = g_menu_new ();

  for (guint by = 0; by < FP_N_COLOUR_BY; by++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (fp_colour_by_to_label (by), NULL);

      g_menu_item_set_action_and_target_value (item, "win.colour-by",
                                               g_variant_new_string (fp_colour_by_to_string (by)));
      g_menu_append_item (colours, item);
    }
  for (guint by = 0; by < FP_N_SIZE_BY; by++)
    {
      g_autofree char *label = g_strdup_printf (_("Size by %s"), fp_size_by_to_label (by));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.size-by",
                                               g_variant_new_string (fp_size_by_to_string (by)));
      g_menu_append_item (sizes, item);
    }
  g_menu_append (arrows, _("Show Moves as _Arrows"), "win.show-flows");

  g_menu_append_section (menu, _("Colour sites by"), G_MENU_MODEL (colours));
  g_menu_append_section (menu, _("Size"), G_MENU_MODEL (sizes));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (arrows));
  return menu;
}

static GMenu *
zones_menu (const FpEstate *estate)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) layers = g_menu_new ();
  g_autoptr(GMenu) services = g_menu_new ();

  for (guint l = 0; l < FP_N_ZONE_LAYERS; l++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (fp_zone_layer_to_label (l), NULL);

      g_menu_item_set_action_and_target_value (item, "win.zone-layer",
                                               g_variant_new_string (fp_zone_layer_to_string (l)));
      g_menu_append_item (layers, item);
    }
  for (guint v = 0; estate != NULL && v < estate->services->len; v++)
    {
      const FpService *service = &g_array_index (estate->services, FpService, v);
      g_autoptr(GMenuItem) item = g_menu_item_new (service->name, NULL);

      g_menu_item_set_action_and_target_value (item, "win.zone-service",
                                               g_variant_new_string (service->id));
      g_menu_append_item (services, item);
    }

  g_menu_append_section (menu, _("Shade the areas by"), G_MENU_MODEL (layers));
  g_menu_append_submenu (menu, _("_Service for Distances"), G_MENU_MODEL (services));
  return menu;
}

static void
fp_map_view_init (FpMapView *self)
{
  ShumateViewport *viewport;
  GtkEventController *keys;
  GtkGesture *click;
  GtkWidget *scroller;

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

  /* Arrows go over the sites: they are the scenario's story, and they let clicks through. */
  self->site_layer = fp_site_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->site_layer));
  self->flow_layer = fp_flow_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->flow_layer));
  self->label_layer = fp_label_layer_new (viewport, self->basemap);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->label_layer));
  self->pin_layer = shumate_marker_layer_new (viewport);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->pin_layer));

  self->shown_basemap = g_object_ref (self->basemap);
  self->tiles = shumate_map_layer_new (SHUMATE_MAP_SOURCE (self->basemap), viewport);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (self->tiles),
                                   SHUMATE_LAYER (self->site_layer));

  shumate_scale_set_viewport (self->scale, viewport);
  shumate_license_append_map_source (self->license, SHUMATE_MAP_SOURCE (self->basemap));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_map_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), keys);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "released", G_CALLBACK (on_site_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->site_layer), GTK_EVENT_CONTROLLER (click));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  g_signal_connect (click, "released", G_CALLBACK (on_map_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->map), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_object (viewport, "notify::latitude", G_CALLBACK (on_viewport_moved_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude", G_CALLBACK (on_viewport_moved_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (on_viewport_moved_cb),
                           self, G_CONNECT_SWAPPED);

  /* The choice of co-located sites, and the right-click menus. */
  self->choice_popover = GTK_POPOVER (gtk_popover_new ());
  self->choice_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->choice_box));
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
    GtkWidget *title = gtk_label_new (_("Sites here"));

    gtk_widget_add_css_class (title, "heading");
    gtk_label_set_xalign (GTK_LABEL (title), 0);
    gtk_widget_set_margin_start (title, 8);
    gtk_widget_set_margin_top (title, 4);
    gtk_box_append (GTK_BOX (box), title);
    gtk_box_append (GTK_BOX (box), scroller);
    gtk_popover_set_child (self->choice_popover, box);
  }
  gtk_widget_set_parent (GTK_WIDGET (self->choice_popover), GTK_WIDGET (self));

  self->context_menu = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->context_menu), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->context_menu), GTK_WIDGET (self));

  {
    g_autoptr(GMenu) menu = colour_menu ();

    gtk_menu_button_set_menu_model (self->colour_button, G_MENU_MODEL (menu));
  }

  g_signal_connect_swapped (self, "notify::scale-factor",
                            G_CALLBACK (on_scale_factor_changed_cb), self);
}

/* ---- public API ----------------------------------------------------------------- */

/**
 * fp_map_view_set_session:
 * @self: a map view
 * @session: (nullable): what the window shows
 */
void
fp_map_view_set_session (FpMapView *self,
                         FpSession *session)
{
  g_return_if_fail (FP_IS_MAP_VIEW (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (self->handler_ids); i++)
      g_clear_signal_handler (&self->handler_ids[i], self->session);

  g_set_object (&self->session, session);
  fp_flow_layer_set_session (self->flow_layer, session);
  fp_site_layer_set_session (self->site_layer, session);
  fp_legend_set_session (self->legend, session);
  g_clear_pointer (&self->zone_index, g_hash_table_unref);

  if (session != NULL)
    {
      g_autoptr(GMenu) menu = zones_menu (fp_session_get_estate (session));

      gtk_menu_button_set_menu_model (self->zones_button, G_MENU_MODEL (menu));
      self->handler_ids[0] = g_signal_connect_swapped (session, "style-changed",
                                                       G_CALLBACK (on_style_changed_cb), self);
      self->handler_ids[1] = g_signal_connect_swapped (session, "results-changed",
                                                       G_CALLBACK (on_style_changed_cb), self);
      self->handler_ids[2] = g_signal_connect_swapped (session, "notify::selected",
                                                       G_CALLBACK (on_selected_cb), self);
      /* Distances to a service follow the access measures. */
      self->handler_ids[3] = g_signal_connect_swapped (session, "access-changed",
                                                       G_CALLBACK (update_zones), self);
      on_style_changed_cb (self);
    }
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
 * fp_map_view_go_to:
 * @self: a map view
 * @lat: latitude
 * @lon: longitude
 * @zoom: the zoom level to show it at
 * @pin: (nullable): a label to pin there (a postcode), or %NULL for no pin
 */
void
fp_map_view_go_to (FpMapView  *self,
                   double      lat,
                   double      lon,
                   double      zoom,
                   const char *pin)
{
  g_return_if_fail (FP_IS_MAP_VIEW (self));

  shumate_marker_layer_remove_all (self->pin_layer);
  if (pin != NULL)
    {
      ShumateMarker *marker = shumate_marker_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *label = gtk_label_new (pin);
      GtkWidget *image = gtk_image_new_from_icon_name ("mark-location-symbolic");

      GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_widget_add_css_class (label, "fp-pin-label");
      gtk_widget_add_css_class (image, "fp-pin");
      gtk_image_set_pixel_size (GTK_IMAGE (image), 32);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), image);
      /* The marker is centred on its place: a spacer as tall as the label and pin puts the
       * pin's point there instead. */
      gtk_widget_set_size_request (spacer, -1, 56);
      gtk_box_append (GTK_BOX (box), spacer);
      gtk_widget_set_can_target (box, FALSE);
      shumate_marker_set_child (marker, box);
      shumate_location_set_location (SHUMATE_LOCATION (marker), lat, lon);
      shumate_marker_layer_add_marker (self->pin_layer, marker);
    }

  /* A script may ask before the first view is fitted: this is the first view then. */
  self->fitted = TRUE;
  g_clear_handle_id (&self->fit_idle_id, g_source_remove);
  move_map (self, lat, lon, zoom, gtk_widget_get_mapped (GTK_WIDGET (self)) ? 600 : 0);
  self->following_fit = FALSE;
}

gboolean
fp_map_view_get_view (FpMapView *self,
                      double    *lat,
                      double    *lon,
                      double    *zoom)
{
  ShumateViewport *viewport;

  g_return_val_if_fail (FP_IS_MAP_VIEW (self), FALSE);

  viewport = shumate_map_get_viewport (self->map);
  *lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  *lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  *zoom = shumate_viewport_get_zoom_level (viewport);
  /* A fitted view is not worth remembering: the next window fits its own size. */
  return self->fitted && !self->following_fit;
}

/**
 * fp_map_view_set_view:
 * @self: a map view
 * @lat: latitude
 * @lon: longitude
 * @zoom: zoom level
 *
 * Shows a remembered view instead of fitting the whole area.
 */
void
fp_map_view_set_view (FpMapView *self,
                      double     lat,
                      double     lon,
                      double     zoom)
{
  g_return_if_fail (FP_IS_MAP_VIEW (self));

  self->fitted = TRUE;
  g_clear_handle_id (&self->fit_idle_id, g_source_remove);
  move_map (self, lat, lon, CLAMP (zoom, MIN_ZOOM, MAX_ZOOM), 0);
  self->following_fit = FALSE;
}

/**
 * fp_map_view_set_covered_left:
 * @self: a map view
 * @width: how much of the map's left the side panel covers when it overlays the map
 */
void
fp_map_view_set_covered_left (FpMapView *self,
                              int        width)
{
  g_return_if_fail (FP_IS_MAP_VIEW (self));

  self->covered_left = MAX (width, 0);
  on_selected_cb (self);
}

/**
 * fp_map_view_step_site:
 * @self: a map view
 * @step: 1 for the next site in view, -1 for the previous one
 *
 * Selects the next or previous site in view, in reading order.
 *
 * Returns: whether there was a site in view to go to
 */
gboolean
fp_map_view_step_site (FpMapView *self,
                       int        step)
{
  g_autoptr(GArray) visible = NULL;
  const FpResults *results;
  guint selected, next;
  int position = -1;

  g_return_val_if_fail (FP_IS_MAP_VIEW (self), FALSE);

  if (self->session == NULL)
    return FALSE;

  visible = fp_site_layer_get_visible (self->site_layer);
  if (visible->len == 0)
    return FALSE;

  selected = fp_session_get_selected (self->session);
  for (guint i = 0; i < visible->len; i++)
    if (g_array_index (visible, guint, i) == selected)
      position = (int) i;
  if (position < 0)
    next = step > 0 ? 0 : visible->len - 1;
  else
    next = (guint) ((position + (int) visible->len + step) % (int) visible->len);

  results = fp_session_get_results (self->session);
  return gtk_widget_activate_action (GTK_WIDGET (self), "win.select-site", "s",
                                     results->sites[g_array_index (visible, guint, next)].id);
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

  return self->fitted && !self->moving && self->old_tiles == NULL &&
         fp_basemap_get_n_drawn (self->shown_basemap) > 0 &&
         fp_basemap_get_n_pending (self->shown_basemap) == 0 &&
         (self->session == NULL || fp_site_layer_get_n_frames (self->site_layer) > 0);
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
 * Returns: (transfer none): the map widget, without the legend and buttons over it
 */
GtkWidget *
fp_map_view_get_map (FpMapView *self)
{
  g_return_val_if_fail (FP_IS_MAP_VIEW (self), NULL);
  return GTK_WIDGET (self->map);
}

/**
 * fp_map_view_set_compact:
 * @self: a map view, before it is shown
 * @compact: whether it is a small map beside another (the compare view's): its legend
 *   starts as a button
 */
void
fp_map_view_set_compact (FpMapView *self,
                         gboolean   compact)
{
  g_return_if_fail (FP_IS_MAP_VIEW (self));
  self->compact = compact;
}
