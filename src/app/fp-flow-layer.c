/* fp-flow-layer.c: an arrow from each site that gives activity to each site that takes
 * it, in the scenario and year shown, its width by the room-hours (or bed-days) it
 * carries.
 *
 * Flows come from the core (fp_flows_compute, through the session) and are summed over
 * the scenario's changes for each pair of sites; the arrow shapes from fp-map-geometry.
 * The arrows are drawn together with cairo into a picture the size of their bounds, kept
 * until they or the view change: a frame that repaints part of the map (a site fading in
 * presentation mode, under a hundred arrows) then copies the picture rather than draws
 * every arrow again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-flow-layer"

#include "config.h"

#include <math.h>

#include "fp-flow-layer.h"
#include "fp-map-geometry.h"

/* The arrows' colour: a dark violet no site colour ramp uses, under a white edge. */
#define ARROW_RGB 0x3B1F6B
#define BEND      0.12

typedef struct
{
  double from_lat, from_lon, to_lat, to_lon;
  double volume;
} Arrow;

struct _FpFlowLayer
{
  ShumateLayer  parent_instance;

  FpSession    *session;
  gulong        handler_ids[2];
  GArray       *arrows;    /* Arrow */
  double        max_volume;
  double        width_scale;  /* presentation mode: thick arrows, grown in as they change */

  gboolean         growing;   /* drawn anew each frame: without their white edges */
  cairo_surface_t *picture;   /* the arrows drawn, or NULL when they must be drawn again */
  graphene_rect_t  picture_bounds;
};

G_DEFINE_FINAL_TYPE (FpFlowLayer, fp_flow_layer, SHUMATE_TYPE_LAYER)

/* Room-hours where the flow moves clinic work, else bed-days, else desk-days: one flow
 * rarely carries more than one kind. */
static double
flow_volume (const FpActivityFlow *flow)
{
  if (flow->room_hours > 0)
    return flow->room_hours;
  if (flow->bed_days > 0)
    return flow->bed_days;
  return flow->desk_days;
}

static void
redraw (FpFlowLayer *self)
{
  g_clear_pointer (&self->picture, cairo_surface_destroy);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
rebuild (FpFlowLayer *self)
{
  const FpResults *results;
  GArray *flows;
  g_autoptr(GHashTable) pairs = NULL;

  g_array_set_size (self->arrows, 0);
  self->max_volume = 0;
  redraw (self);

  if (self->session == NULL || !fp_session_get_show_flows (self->session))
    return;

  results = fp_session_get_results (self->session);
  flows = fp_session_get_flows (self->session);
  pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < flows->len; i++)
    {
      const FpActivityFlow *flow = &g_array_index (flows, FpActivityFlow, i);
      const FpResultSite *from = &results->sites[flow->from];
      const FpResultSite *to = &results->sites[flow->to];
      gint64 key = ((gint64) flow->from << 32) | flow->to;
      gpointer found;

      if (!from->placed || !to->placed)
        continue;

      found = g_hash_table_lookup (pairs, &key);
      if (found != NULL)
        g_array_index (self->arrows, Arrow, GPOINTER_TO_UINT (found) - 1).volume +=
          flow_volume (flow);
      else
        {
          Arrow arrow = { from->lat, from->lon, to->lat, to->lon, flow_volume (flow) };
          gint64 *stored = g_new (gint64, 1);

          *stored = key;
          g_array_append_val (self->arrows, arrow);
          g_hash_table_insert (pairs, stored, GUINT_TO_POINTER (self->arrows->len));
        }
    }

  for (guint i = 0; i < self->arrows->len; i++)
    self->max_volume = MAX (self->max_volume, g_array_index (self->arrows, Arrow, i).volume);
}

static void
on_viewport_changed_cb (FpFlowLayer *self)
{
  redraw (self);
}

/* Draws the arrows into a picture of their bounds. */
static void
draw_picture (FpFlowLayer *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  g_autofree FpMapArrow *shapes = g_new (FpMapArrow, MAX (self->arrows->len, 1));
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  guint n = 0;
  cairo_t *cr;

  for (guint i = 0; i < self->arrows->len; i++)
    {
      const Arrow *arrow = &g_array_index (self->arrows, Arrow, i);
      double x0, y0, x1, y1, w;
      FpMapArrow *shape = &shapes[n];

      shumate_viewport_location_to_widget_coords (viewport, widget, arrow->from_lat,
                                                  arrow->from_lon, &x0, &y0);
      shumate_viewport_location_to_widget_coords (viewport, widget, arrow->to_lat,
                                                  arrow->to_lon, &x1, &y1);
      w = fp_map_arrow_width (arrow->volume, self->max_volume) * self->width_scale;
      if (w <= 0.05)
        continue;
      if (!fp_map_arrow_outline (x0, y0, x1, y1, w, 8.0 * MAX (1.0, self->width_scale),
                                 10.0 * MAX (1.0, self->width_scale), BEND, shape))
        continue;
      if (shape->max_x < 0 || shape->max_y < 0 || shape->min_x > width || shape->min_y > height)
        continue;
      min_x = MIN (min_x, shape->min_x);
      min_y = MIN (min_y, shape->min_y);
      max_x = MAX (max_x, shape->max_x);
      max_y = MAX (max_y, shape->max_y);
      n++;
    }

  /* The view and a margin for the white edge, at most. */
  min_x = MAX (floor (min_x) - 3, -3);
  min_y = MAX (floor (min_y) - 3, -3);
  max_x = MIN (ceil (max_x) + 3, width + 3);
  max_y = MIN (ceil (max_y) + 3, height + 3);
  if (n == 0 || max_x <= min_x || max_y <= min_y)
    {
      self->picture = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      self->picture_bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
      return;
    }

  self->picture_bounds = GRAPHENE_RECT_INIT (min_x, min_y, max_x - min_x, max_y - min_y);
  self->picture = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                              (int) (max_x - min_x) * scale,
                                              (int) (max_y - min_y) * scale);
  cairo_surface_set_device_scale (self->picture, scale, scale);
  cr = cairo_create (self->picture);
  cairo_translate (cr, -min_x, -min_y);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      const FpMapArrow *shape = &shapes[i];

      for (guint p = 0; p < shape->n_points; p++)
        {
          if (p == 0)
            cairo_move_to (cr, shape->points[0], shape->points[1]);
          else
            cairo_line_to (cr, shape->points[2 * p], shape->points[2 * p + 1]);
        }
      cairo_close_path (cr);
      /* The white edge is three quarters of an arrow's cost (cairo's stroker): while the
       * arrows grow, every frame draws them anew, without it. */
      if (!self->growing)
        {
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, 2.5);
          cairo_stroke_preserve (cr);
        }
      cairo_set_source_rgba (cr, ((ARROW_RGB >> 16) & 0xff) / 255.0,
                             ((ARROW_RGB >> 8) & 0xff) / 255.0, (ARROW_RGB & 0xff) / 255.0, 0.85);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (self->picture);
}

static void
fp_flow_layer_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  FpFlowLayer *self = FP_FLOW_LAYER (widget);
  cairo_t *cr;

  if (self->picture == NULL)
    draw_picture (self);
  if (self->picture_bounds.size.width <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &self->picture_bounds);
  cairo_set_source_surface (cr, self->picture, self->picture_bounds.origin.x,
                            self->picture_bounds.origin.y);
  cairo_paint (cr);
  cairo_destroy (cr);
}

static void
fp_flow_layer_constructed (GObject *object)
{
  FpFlowLayer *self = FP_FLOW_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (fp_flow_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::latitude",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
fp_flow_layer_dispose (GObject *object)
{
  fp_flow_layer_set_session (FP_FLOW_LAYER (object), NULL);

  G_OBJECT_CLASS (fp_flow_layer_parent_class)->dispose (object);
}

static void
fp_flow_layer_finalize (GObject *object)
{
  FpFlowLayer *self = FP_FLOW_LAYER (object);

  g_clear_pointer (&self->arrows, g_array_unref);
  g_clear_pointer (&self->picture, cairo_surface_destroy);

  G_OBJECT_CLASS (fp_flow_layer_parent_class)->finalize (object);
}

static void
fp_flow_layer_class_init (FpFlowLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fp_flow_layer_constructed;
  object_class->dispose = fp_flow_layer_dispose;
  object_class->finalize = fp_flow_layer_finalize;

  widget_class->snapshot = fp_flow_layer_snapshot;

  gtk_widget_class_set_css_name (widget_class, "fp-flow-layer");
}

static void
fp_flow_layer_init (FpFlowLayer *self)
{
  self->arrows = g_array_new (FALSE, FALSE, sizeof (Arrow));
  self->width_scale = 1.0;
  /* Arrows do not take the pointer: clicks go to the sites and the map under them. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

FpFlowLayer *
fp_flow_layer_new (ShumateViewport *viewport)
{
  return g_object_new (FP_TYPE_FLOW_LAYER, "viewport", viewport, NULL);
}

void
fp_flow_layer_set_session (FpFlowLayer *self,
                           FpSession   *session)
{
  g_return_if_fail (FP_IS_FLOW_LAYER (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    for (guint i = 0; i < G_N_ELEMENTS (self->handler_ids); i++)
      g_clear_signal_handler (&self->handler_ids[i], self->session);

  g_set_object (&self->session, session);
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
 * fp_flow_layer_get_max:
 * @self: a layer
 *
 * Returns: the largest volume an arrow carries (what the widest arrow means), or 0
 */
double
fp_flow_layer_get_max (FpFlowLayer *self)
{
  g_return_val_if_fail (FP_IS_FLOW_LAYER (self), 0);
  return self->max_volume;
}

guint
fp_flow_layer_get_n_flows (FpFlowLayer *self)
{
  g_return_val_if_fail (FP_IS_FLOW_LAYER (self), 0);
  return self->arrows->len;
}

/**
 * fp_flow_layer_set_width_scale:
 * @self: a flow layer
 * @scale: how many times the usual width the arrows are drawn (1 normally; presentation
 *   mode draws them thicker, and grows them from nothing when the option changes)
 */
void
fp_flow_layer_set_width_scale (FpFlowLayer *self,
                               double       scale)
{
  g_return_if_fail (FP_IS_FLOW_LAYER (self));

  scale = MAX (scale, 0);
  if (scale == self->width_scale)
    return;
  self->width_scale = scale;
  redraw (self);
}

/**
 * fp_flow_layer_set_growing:
 * @self: a flow layer
 * @growing: whether the arrows are growing (their width changes every frame)
 *
 * While they grow, the arrows are drawn without their white edges, which cost most of
 * the drawing of a frame when a hundred arrows grow (bench/RESULTS.md); the edges come
 * back when they stop.
 */
void
fp_flow_layer_set_growing (FpFlowLayer *self,
                           gboolean     growing)
{
  g_return_if_fail (FP_IS_FLOW_LAYER (self));

  growing = !!growing;
  if (growing == self->growing)
    return;
  self->growing = growing;
  redraw (self);
}
