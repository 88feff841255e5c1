/* fp-site-layer.c: draws all placed sites in one snapshot, with its own hit-testing.
 *
 * One layer for the whole estate, not one widget per site: each symbol is a small texture
 * (drawn once with cairo and cached by shape, colour, size and state) appended at the
 * site's position, which keeps a frame to a few milliseconds for hundreds of sites.
 *
 * What a symbol shows comes from the session: its shape from the site's type, its colour
 * from what the map is coloured by (fp-map-style), its size from the floor area or void,
 * and its state from the results (left, no longer held, opened by the scenario) and the
 * search (matches ringed, the rest faded). Sites no longer held go under the rest, then
 * the rare colours over the common ones, and within each, larger under smaller, so small
 * practices stay visible on top of hospitals.
 *
 * Sites in one building are spread on a small ring around it (spread_colocated). A click
 * on the map is handled by the map view, which asks this layer for every site under the
 * pointer (fp_site_layer_pick_all), so sites still overlapping can be offered as a choice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-layer"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-image.h"
#include "fp-map-geometry.h"
#include "fp-site-layer.h"
#include "fp-site-marks.h"
#include "fp-site-symbol.h"

/* Extra pixels around a symbol that still count as pointing at it. */
#define PICK_SLOP 3.0

/* Symbols grow a little close up (never below their size with the whole area in view). */
#define SCALE_PER_ZOOM 0.1
#define SCALE_MAX      1.3

/* The marks are built by fp-site-marks (src/render), which the map exports share. */
typedef FpSiteMark Mark;

struct _FpSiteLayer
{
  ShumateLayer  parent_instance;

  FpSession    *session;
  gulong        handler_ids[4];
  GArray       *marks;        /* Mark, in drawing order */
  GHashTable   *textures;     /* guint64 key -> GdkTexture */
  int           texture_scale;

  guint         hovered;
  guint         n_frames;
  double        projector_scale;  /* presentation mode: larger symbols (1 normally) */
};

G_DEFINE_FINAL_TYPE (FpSiteLayer, fp_site_layer, SHUMATE_TYPE_LAYER)

/* ---- helpers -------------------------------------------------------------------- */

static double
zoom_factor (FpSiteLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  return CLAMP (1.0 + SCALE_PER_ZOOM * (zoom - 11.0), 1.0, SCALE_MAX) * self->projector_scale;
}

static void
rebuild_marks (FpSiteLayer *self)
{
  const gboolean *matches;
  guint n_matches;

  g_clear_pointer (&self->marks, g_array_unref);
  self->hovered = FP_SITE_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (self->session == NULL)
    {
      self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
      return;
    }

  matches = fp_session_get_matches (self->session, &n_matches);
  self->marks = fp_site_marks_build (fp_session_get_estate (self->session),
                                     fp_session_get_model (self->session),
                                     fp_session_get_results (self->session),
                                     fp_session_get_year_index (self->session),
                                     fp_session_get_colour_by (self->session),
                                     fp_session_get_size_by (self->session), matches);
}

static GdkTexture *
lookup_texture (FpSiteLayer       *self,
                const Mark        *mark,
                double             radius,
                FpSiteSymbolStyle  style,
                int                scale,
                double            *extent)
{
  guint quarter_px = (guint) round (radius * 4.0);
  guint64 key = ((guint64) (quarter_px & 0xfff) << 44) | ((guint64) (style & 0xfff) << 32) |
                ((guint64) (mark->symbol & 0xff) << 24) | (mark->rgb & 0xffffff);
  GdkTexture *texture;

  /* Draw at the quantised radius, so one texture serves every radius in its key. */
  radius = quarter_px / 4.0;
  *extent = fp_site_symbol_get_extent (mark->symbol, radius, style);

  if (scale != self->texture_scale)
    {
      g_hash_table_remove_all (self->textures);
      self->texture_scale = scale;
    }

  texture = g_hash_table_lookup (self->textures, &key);
  if (texture == NULL)
    {
      int pixels = (int) (2.0 * *extent) * scale;
      cairo_surface_t *surface;
      cairo_t *cr;
      g_autoptr(GBytes) bytes = NULL;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels, pixels);
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      fp_site_symbol_draw (cr, mark->symbol, *extent, *extent, radius, mark->rgb, style);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                           (gsize) cairo_image_surface_get_stride (surface) * pixels);
      texture = gdk_memory_texture_new (pixels, pixels, GDK_MEMORY_DEFAULT, bytes,
                                        cairo_image_surface_get_stride (surface));
      cairo_surface_destroy (surface);
      g_hash_table_insert (self->textures, g_memdup2 (&key, sizeof key), texture);
    }

  return texture;
}

static const Mark *
find_mark (FpSiteLayer *self,
           guint        index)
{
  if (index == FP_SITE_NONE)
    return NULL;

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      if (mark->index == index)
        return mark;
    }

  return NULL;
}

static void
append_mark (FpSiteLayer       *self,
             GtkSnapshot       *snapshot,
             ShumateViewport   *viewport,
             const Mark        *mark,
             double             factor,
             FpSiteSymbolStyle  extra,
             int                width,
             int                height,
             int                scale)
{
  FpSiteSymbolStyle style = mark->style | extra;
  GdkTexture *texture;
  double x, y, extent;

  /* Selected or hovered, a site is drawn in full even when the search fades the rest. */
  if (extra != 0)
    style &= ~(FP_SITE_SYMBOL_STYLE_DIMMED | FP_SITE_SYMBOL_STYLE_MATCH);

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), mark->lat,
                                              mark->lon, &x, &y);
  x += mark->dx;
  y += mark->dy;
  extent = fp_site_symbol_get_extent (mark->symbol, mark->radius * factor, style);
  if (x < -extent || y < -extent || x > width + extent || y > height + extent)
    return;

  texture = lookup_texture (self, mark, mark->radius * factor, style, scale, &extent);
  fp_image_append (snapshot, texture,
                               &GRAPHENE_RECT_INIT (round (x) - extent, round (y) - extent,
                                                    2 * extent, 2 * extent));
}

static char *
describe_site (FpSiteLayer *self,
               guint        index)
{
  const FpResults *results = fp_session_get_results (self->session);
  const FpResultSite *rs = &results->sites[index];
  g_autofree char *name = g_markup_escape_text (rs->name != NULL ? rs->name : rs->id, -1);

  /* Translators: a map tooltip: site name, then type and tenure */
  return g_strdup_printf (_("<b>%s</b>\n%s · %s"), name, fp_site_type_to_label (rs->type),
                          fp_tenure_to_label (rs->tenure));
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_viewport_changed_cb (FpSiteLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              FpSiteLayer              *self)
{
  guint hovered = fp_site_layer_pick (self, x, y);

  if (hovered == self->hovered)
    return;

  self->hovered = hovered;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   hovered != FP_SITE_NONE ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             FpSiteLayer              *self)
{
  if (self->hovered == FP_SITE_NONE)
    return;

  self->hovered = FP_SITE_NONE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_site_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  FpSiteLayer *self = FP_SITE_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  double factor = zoom_factor (self);
  guint selected;
  const Mark *mark;

  if (self->session == NULL || width <= 0 || height <= 0)
    return;

  selected = fp_session_get_selected (self->session);

  for (guint i = 0; i < self->marks->len; i++)
    {
      mark = &g_array_index (self->marks, Mark, i);
      if (mark->index != selected)
        append_mark (self, snapshot, viewport, mark, factor, 0, width, height, scale);
    }

  if ((mark = find_mark (self, self->hovered)) != NULL && self->hovered != selected)
    append_mark (self, snapshot, viewport, mark, factor, FP_SITE_SYMBOL_STYLE_HOVER,
                 width, height, scale);

  if ((mark = find_mark (self, selected)) != NULL)
    append_mark (self, snapshot, viewport, mark, factor, FP_SITE_SYMBOL_STYLE_SELECTED,
                 width, height, scale);

  self->n_frames++;
}

/* The layer takes the pointer only over a site, so dragging anywhere else pans the map
 * (ShumateMap's gestures sit on the map, under its layers). */
static gboolean
fp_site_layer_contains (GtkWidget *widget,
                        double     x,
                        double     y)
{
  return fp_site_layer_pick (FP_SITE_LAYER (widget), x, y) != FP_SITE_NONE;
}

static gboolean
fp_site_layer_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  FpSiteLayer *self = FP_SITE_LAYER (widget);
  g_autoptr(GArray) picks = NULL;
  g_autofree char *markup = NULL;

  if (keyboard_mode || self->session == NULL)
    return FALSE;

  picks = fp_site_layer_pick_all (self, x, y);
  if (picks->len == 0)
    return FALSE;

  markup = describe_site (self, g_array_index (picks, guint, 0));
  if (picks->len > 1)
    {
      g_autofree char *more = NULL;

      /* Translators: under a map tooltip, when several sites are at one place */
      more = g_strdup_printf (g_dngettext (NULL, "and %u more site here: click to choose",
                                           "and %u more sites here: click to choose",
                                           picks->len - 1),
                              picks->len - 1);
      g_autofree char *one = g_steal_pointer (&markup);

      markup = g_strconcat (one, "\n<i>", more, "</i>", NULL);
    }
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
fp_site_layer_constructed (GObject *object)
{
  FpSiteLayer *self = FP_SITE_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (fp_site_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::latitude",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::rotation",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
fp_site_layer_dispose (GObject *object)
{
  FpSiteLayer *self = FP_SITE_LAYER (object);

  fp_site_layer_set_session (self, NULL);

  G_OBJECT_CLASS (fp_site_layer_parent_class)->dispose (object);
}

static void
fp_site_layer_finalize (GObject *object)
{
  FpSiteLayer *self = FP_SITE_LAYER (object);

  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->textures, g_hash_table_unref);

  G_OBJECT_CLASS (fp_site_layer_parent_class)->finalize (object);
}

static void
fp_site_layer_class_init (FpSiteLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fp_site_layer_constructed;
  object_class->dispose = fp_site_layer_dispose;
  object_class->finalize = fp_site_layer_finalize;

  widget_class->snapshot = fp_site_layer_snapshot;
  widget_class->query_tooltip = fp_site_layer_query_tooltip;
  widget_class->contains = fp_site_layer_contains;

  gtk_widget_class_set_css_name (widget_class, "fp-site-layer");
}

static void
fp_site_layer_init (FpSiteLayer *self)
{
  GtkEventController *motion;

  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  self->textures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->hovered = FP_SITE_NONE;
  self->projector_scale = 1.0;
  self->texture_scale = 1;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (self), TRUE);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

/* ---- public API ----------------------------------------------------------------- */

/**
 * fp_site_layer_new:
 * @viewport: the map's viewport
 *
 * Returns: (transfer full): a new, empty layer
 */
FpSiteLayer *
fp_site_layer_new (ShumateViewport *viewport)
{
  return g_object_new (FP_TYPE_SITE_LAYER, "viewport", viewport, NULL);
}

/**
 * fp_site_layer_set_session:
 * @self: a layer
 * @session: (nullable): what the window shows
 */
void
fp_site_layer_set_session (FpSiteLayer *self,
                           FpSession   *session)
{
  g_return_if_fail (FP_IS_SITE_LAYER (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (self->handler_ids); i++)
      g_clear_signal_handler (&self->handler_ids[i], self->session);

  g_set_object (&self->session, session);
  if (session != NULL)
    {
      self->handler_ids[0] = g_signal_connect_swapped (session, "results-changed",
                                                       G_CALLBACK (rebuild_marks), self);
      self->handler_ids[1] = g_signal_connect_swapped (session, "style-changed",
                                                       G_CALLBACK (rebuild_marks), self);
      self->handler_ids[2] = g_signal_connect_swapped (session, "matches-changed",
                                                       G_CALLBACK (rebuild_marks), self);
      self->handler_ids[3] = g_signal_connect_swapped (session, "notify::selected",
                                                       G_CALLBACK (gtk_widget_queue_draw), self);
    }

  rebuild_marks (self);
}

/**
 * fp_site_layer_pick_all:
 * @self: a layer
 * @x: widget coordinate
 * @y: widget coordinate
 *
 * Returns: (transfer full) (element-type guint): every site drawn at (@x, @y), the
 *   top-most (the selected site, if it is there) first
 */
GArray *
fp_site_layer_pick_all (FpSiteLayer *self,
                        double       x,
                        double       y)
{
  ShumateViewport *viewport;
  g_autofree FpMapPoint *points = NULL;
  guint selected, n = 0;
  double factor;
  GArray *picks;

  g_return_val_if_fail (FP_IS_SITE_LAYER (self), NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  factor = zoom_factor (self);
  selected = self->session != NULL ? fp_session_get_selected (self->session) : FP_SITE_NONE;
  points = g_new (FpMapPoint, MAX (self->marks->len, 1));

  /* In drawing order, the selected site last (it is drawn on top). */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->marks->len; i++)
      {
        const Mark *mark = &g_array_index (self->marks, Mark, i);

        if ((mark->index == selected) != (pass == 1))
          continue;
        shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), mark->lat,
                                                    mark->lon, &points[n].x, &points[n].y);
        points[n].x += mark->dx;
        points[n].y += mark->dy;
        points[n].radius = mark->radius * factor * 1.2;
        points[n].id = mark->index;
        n++;
      }

  picks = fp_map_pick (points, n, x, y, PICK_SLOP);
  return picks;
}

/**
 * fp_site_layer_pick:
 * @self: a layer
 * @x: widget coordinate
 * @y: widget coordinate
 *
 * Returns: the top-most site drawn at (@x, @y), or %FP_SITE_NONE
 */
guint
fp_site_layer_pick (FpSiteLayer *self,
                    double       x,
                    double       y)
{
  g_autoptr(GArray) picks = fp_site_layer_pick_all (self, x, y);

  return picks->len > 0 ? g_array_index (picks, guint, 0) : FP_SITE_NONE;
}

/**
 * fp_site_layer_get_radius:
 * @self: a layer
 * @index: a site
 *
 * Returns: the site's drawn radius at the current zoom, pixels (0 when it is not drawn)
 */
double
fp_site_layer_get_radius (FpSiteLayer *self,
                          guint        index)
{
  const Mark *mark;

  g_return_val_if_fail (FP_IS_SITE_LAYER (self), 0);

  mark = find_mark (self, index);
  return mark != NULL ? mark->radius * zoom_factor (self) : 0;
}

static int
compare_reading_order (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const double *xy = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  /* Rows of 48 pixels, read left to right. */
  int ra = (int) floor (xy[2 * ia + 1] / 48.0), rb = (int) floor (xy[2 * ib + 1] / 48.0);

  if (ra != rb)
    return ra - rb;
  return (xy[2 * ia] > xy[2 * ib]) - (xy[2 * ia] < xy[2 * ib]);
}

/**
 * fp_site_layer_get_visible:
 * @self: a layer
 *
 * Returns: (transfer full) (element-type guint): the sites in view, in reading order
 *   (top to bottom in bands, left to right), for moving among them with the keyboard
 */
GArray *
fp_site_layer_get_visible (FpSiteLayer *self)
{
  ShumateViewport *viewport;
  int width, height;
  g_autofree double *xy = NULL;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *visible;

  g_return_val_if_fail (FP_IS_SITE_LAYER (self), NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  xy = g_new (double, 2 * MAX (self->marks->len, 1));

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), mark->lat,
                                                  mark->lon, &xy[2 * i], &xy[2 * i + 1]);
      xy[2 * i] += mark->dx;
      xy[2 * i + 1] += mark->dy;
      if (xy[2 * i] >= 0 && xy[2 * i] < width && xy[2 * i + 1] >= 0 && xy[2 * i + 1] < height &&
          !(mark->style & FP_SITE_SYMBOL_STYLE_GONE))
        g_array_append_val (order, i);
    }

  g_array_sort_with_data (order, compare_reading_order, xy);
  visible = g_array_sized_new (FALSE, FALSE, sizeof (guint), order->len);
  for (guint i = 0; i < order->len; i++)
    g_array_append_val (visible,
                        g_array_index (self->marks, Mark, g_array_index (order, guint, i)).index);
  return visible;
}

/**
 * fp_site_layer_get_n_frames:
 * @self: a layer
 *
 * Returns: how many frames the layer has drawn with a session
 */
guint
fp_site_layer_get_n_frames (FpSiteLayer *self)
{
  g_return_val_if_fail (FP_IS_SITE_LAYER (self), 0);
  return self->n_frames;
}

/**
 * fp_site_layer_set_projector_scale:
 * @self: a site layer
 * @scale: how many times the usual size the symbols are drawn (and picked): 1 normally;
 *   presentation mode uses FP_SITE_LAYER_PROJECTOR_SCALE, so the smallest symbol is at
 *   least 18 pixels across
 */
void
fp_site_layer_set_projector_scale (FpSiteLayer *self,
                                   double       scale)
{
  g_return_if_fail (FP_IS_SITE_LAYER (self));
  g_return_if_fail (scale > 0);

  if (scale == self->projector_scale)
    return;
  self->projector_scale = scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
