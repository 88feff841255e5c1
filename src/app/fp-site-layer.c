/* fp-site-layer.c: draws all placed sites in one snapshot, with its own hit-testing.
 *
 * One layer for the whole estate, not one widget per site: each symbol is a small texture
 * (drawn once with cairo and cached by shape, colour, size and state) appended at the
 * site's position, which keeps a frame to a few milliseconds for hundreds of sites.
 * Symbols are drawn largest first so small practices stay visible on top of hospitals,
 * possibly closed sites go under current ones, and between equals the rarer tenures go on
 * top. Hover shows a tooltip; a click picks
 * the top-most symbol under the pointer and emits ::site-clicked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-layer"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-site-layer.h"
#include "fp-site-symbol.h"

/* Extra pixels around a symbol that still count as pointing at it. */
#define PICK_SLOP 3.0

/* Symbols shrink a little when the whole area is in view, where the city centre is
 * crowded, and grow a little close up: this factor multiplies the radius by zoom level. */
#define SCALE_AT_ZOOM_10   0.8
#define SCALE_PER_ZOOM     0.1
#define SCALE_MAX          1.3

typedef struct
{
  guint         index;
  double        lat;
  double        lon;
  double        radius;
  FpSiteSymbol  symbol;
  FpTenure      tenure;
  gboolean      hollow;
} Mark;

struct _FpSiteLayer
{
  ShumateLayer  parent_instance;

  FpWorkspace   *document;
  GArray       *marks;        /* Mark, in drawing order */
  GHashTable   *textures;     /* symbol key -> GdkTexture */
  int           texture_scale;

  guint         selected;     /* site index or FP_SITE_NONE */
  guint         hovered;
  guint         n_frames;
};

G_DEFINE_FINAL_TYPE (FpSiteLayer, fp_site_layer, SHUMATE_TYPE_LAYER)

enum
{
  SITE_CLICKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---- helpers -------------------------------------------------------------------- */

/* Where two symbols of one size overlap (a clinic and a practice in one building), the
 * tenure a planner is looking for wins: LIFT, NHS Property Services, PFI and local
 * authority buildings are drawn over the common leasehold and freehold ones. */
static int
tenure_priority (FpTenure tenure)
{
  switch (tenure)
    {
    case FP_TENURE_LIFT:            return 6;
    case FP_TENURE_NHSPS:           return 5;
    case FP_TENURE_PFI:             return 4;
    case FP_TENURE_LOCAL_AUTHORITY: return 3;
    case FP_TENURE_FREEHOLD:        return 2;
    case FP_TENURE_LEASEHOLD:       return 1;
    case FP_TENURE_UNKNOWN:
    case FP_N_TENURES:
    default:                        return 0;
    }
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const Mark *ma = a, *mb = b;

  if (ma->hollow != mb->hollow)
    return ma->hollow ? -1 : 1;
  if (ma->radius != mb->radius)
    return ma->radius > mb->radius ? -1 : 1;
  if (ma->tenure != mb->tenure)
    return tenure_priority (ma->tenure) - tenure_priority (mb->tenure);
  return (ma->index > mb->index) - (ma->index < mb->index);
}

static double
zoom_factor (FpSiteLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  return CLAMP (SCALE_AT_ZOOM_10 + SCALE_PER_ZOOM * (zoom - 10.0), SCALE_AT_ZOOM_10, SCALE_MAX);
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
  guint key = (quarter_px << 12) | ((guint) style << 8) | ((guint) mark->tenure << 4) |
              (guint) mark->symbol;
  GdkTexture *texture;

  /* Draw at the quantised radius, so one texture serves every radius in its key. */
  radius = quarter_px / 4.0;
  *extent = fp_site_symbol_get_extent (mark->symbol, radius, style);

  if (scale != self->texture_scale)
    {
      g_hash_table_remove_all (self->textures);
      self->texture_scale = scale;
    }

  texture = g_hash_table_lookup (self->textures, GUINT_TO_POINTER (key));
  if (texture == NULL)
    {
      int pixels = (int) (2.0 * *extent) * scale;
      cairo_surface_t *surface;
      cairo_t *cr;
      GdkRGBA color;
      g_autoptr(GBytes) bytes = NULL;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels, pixels);
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      fp_site_symbol_get_color (mark->tenure, &color);
      fp_site_symbol_draw (cr, mark->symbol, *extent, *extent, radius, &color, style);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                           (gsize) cairo_image_surface_get_stride (surface) * pixels);
      texture = gdk_memory_texture_new (pixels, pixels, GDK_MEMORY_DEFAULT, bytes,
                                        cairo_image_surface_get_stride (surface));
      cairo_surface_destroy (surface);
      g_hash_table_insert (self->textures, GUINT_TO_POINTER (key), texture);
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
             FpSiteSymbolStyle  style,
             int                width,
             int                height,
             int                scale)
{
  GdkTexture *texture;
  double x, y, extent;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), mark->lat,
                                              mark->lon, &x, &y);
  extent = fp_site_symbol_get_extent (mark->symbol, mark->radius * factor, style);
  if (x < -extent || y < -extent || x > width + extent || y > height + extent)
    return;

  if (mark->hollow)
    style |= FP_SITE_SYMBOL_STYLE_HOLLOW;
  texture = lookup_texture (self, mark, mark->radius * factor, style, scale, &extent);
  gtk_snapshot_append_texture (snapshot, texture,
                               &GRAPHENE_RECT_INIT (round (x) - extent, round (y) - extent,
                                                    2 * extent, 2 * extent));
}

static char *
describe_site (FpSiteLayer *self,
               guint        index)
{
  const FpSite *site = fp_estate_get_site (fp_workspace_get_estate (self->document), index);
  g_autofree char *name = g_markup_escape_text (site->name != NULL ? site->name : site->id, -1);

  if (site->status == FP_SITE_STATUS_POSSIBLY_CLOSED)
    /* Translators: a map tooltip: site name, then type and tenure */
    return g_strdup_printf (_("<b>%s</b>\n%s · %s\nPossibly closed"), name,
                            fp_site_type_to_label (site->type),
                            fp_tenure_to_label (site->tenure));

  /* Translators: a map tooltip: site name, then type and tenure */
  return g_strdup_printf (_("<b>%s</b>\n%s · %s"), name, fp_site_type_to_label (site->type),
                          fp_tenure_to_label (site->tenure));
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

static void
on_click_released_cb (GtkGestureClick *click,
                      int              n_press,
                      double           x,
                      double           y,
                      FpSiteLayer     *self)
{
  if (n_press != 1)
    return;

  g_signal_emit (self, signals[SITE_CLICKED], 0, fp_site_layer_pick (self, x, y));
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
  const Mark *mark;

  if (self->document == NULL || width <= 0 || height <= 0)
    return;

  for (guint i = 0; i < self->marks->len; i++)
    {
      mark = &g_array_index (self->marks, Mark, i);
      if (mark->index != self->selected)
        append_mark (self, snapshot, viewport, mark, factor, FP_SITE_SYMBOL_STYLE_NORMAL,
                     width, height, scale);
    }

  if ((mark = find_mark (self, self->hovered)) != NULL && self->hovered != self->selected)
    append_mark (self, snapshot, viewport, mark, factor, FP_SITE_SYMBOL_STYLE_HOVER,
                 width, height, scale);

  if ((mark = find_mark (self, self->selected)) != NULL)
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
  g_autofree char *markup = NULL;
  guint index;

  if (keyboard_mode || self->document == NULL)
    return FALSE;

  index = fp_site_layer_pick (self, x, y);
  if (index == FP_SITE_NONE)
    return FALSE;

  markup = describe_site (self, index);
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

  g_clear_object (&self->document);

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

  /**
   * FpSiteLayer::site-clicked:
   * @self: the layer
   * @index: the site under the pointer
   *
   * The user clicked a site on the map.
   */
  signals[SITE_CLICKED] =
    g_signal_new ("site-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "fp-site-layer");
}

static void
fp_site_layer_init (FpSiteLayer *self)
{
  GtkEventController *motion;
  GtkGesture *click;

  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  self->textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->selected = FP_SITE_NONE;
  self->hovered = FP_SITE_NONE;
  self->texture_scale = 1;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (self), TRUE);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
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
 * fp_site_layer_set_document:
 * @self: a layer
 * @document: (nullable): the document whose sites to draw
 */
void
fp_site_layer_set_document (FpSiteLayer *self,
                            FpWorkspace  *document)
{
  g_return_if_fail (FP_IS_SITE_LAYER (self));
  g_return_if_fail (document == NULL || FP_IS_WORKSPACE (document));

  if (!g_set_object (&self->document, document))
    return;

  g_array_set_size (self->marks, 0);
  self->selected = FP_SITE_NONE;
  self->hovered = FP_SITE_NONE;

  if (document != NULL)
    {
      const FpEstate *estate = fp_workspace_get_estate (document);

      for (guint i = 0; i < estate->sites->len; i++)
        {
          const FpSite *site = fp_estate_get_site (estate, i);
          Mark mark;

          if (!site->placed)
            continue;

          mark.index = i;
          mark.lat = site->lat;
          mark.lon = site->lon;
          mark.radius = fp_site_symbol_radius_for_gia (site->numbers[FP_SITE_GIA_M2]);
          mark.symbol = fp_site_symbol_for_type (site->type);
          mark.tenure = site->tenure;
          mark.hollow = site->status == FP_SITE_STATUS_POSSIBLY_CLOSED;
          g_array_append_val (self->marks, mark);
        }
      g_array_sort (self->marks, compare_marks);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fp_site_layer_set_selected:
 * @self: a layer
 * @index: a site, or %FP_SITE_NONE
 *
 * Rings the site on the map (nothing shows for a site with no location).
 */
void
fp_site_layer_set_selected (FpSiteLayer *self,
                            guint        index)
{
  g_return_if_fail (FP_IS_SITE_LAYER (self));

  if (self->selected == index)
    return;

  self->selected = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
fp_site_layer_get_selected (FpSiteLayer *self)
{
  g_return_val_if_fail (FP_IS_SITE_LAYER (self), FP_SITE_NONE);
  return self->selected;
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
  ShumateViewport *viewport;
  const Mark *selected;
  guint best = FP_SITE_NONE;
  double factor;

  g_return_val_if_fail (FP_IS_SITE_LAYER (self), FP_SITE_NONE);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  factor = zoom_factor (self);

  /* The selected site is drawn on top of all others, so it wins. */
  if ((selected = find_mark (self, self->selected)) != NULL)
    {
      double sx, sy;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                  selected->lat, selected->lon, &sx, &sy);
      if (hypot (x - sx, y - sy) <= selected->radius * factor * 1.2 + PICK_SLOP)
        return selected->index;
    }

  for (guint i = self->marks->len; i > 0 && best == FP_SITE_NONE; i--)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i - 1);
      double mx, my;

      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self),
                                                  mark->lat, mark->lon, &mx, &my);
      if (hypot (x - mx, y - my) <= mark->radius * factor * 1.2 + PICK_SLOP)
        best = mark->index;
    }

  return best;
}

/**
 * fp_site_layer_get_n_frames:
 * @self: a layer
 *
 * Returns: how many frames the layer has drawn with a document
 */
guint
fp_site_layer_get_n_frames (FpSiteLayer *self)
{
  g_return_val_if_fail (FP_IS_SITE_LAYER (self), 0);
  return self->n_frames;
}
