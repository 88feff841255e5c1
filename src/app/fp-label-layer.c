/* fp-label-layer.c: the localities' names with the whole area in view, the wards' closer
 * in, drawn above the site symbols with a light halo.
 *
 * Each name is drawn once with cairo and Pango into a texture (cached by name and size)
 * and placed at its point in each frame, which is as cheap as the symbols.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-label-layer"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "fp-image.h"
#include "fp-label-layer.h"
#include "fp-palette.h"

/* Above this zoom, ward names; at it and below, locality names; below MIN_NAME_ZOOM (the
 * map zoomed out to a region or the country), none, as they would lie on each other. */
#define WARD_ZOOM 12.5
#define MIN_NAME_ZOOM 9.0

struct _FpLabelLayer
{
  ShumateLayer  parent_instance;

  GArray       *localities;   /* FpBasemapLabel */
  GArray       *wards;
  FpBasemap    *basemap;      /* owns the label texts */
  GHashTable   *textures;     /* "size:text" -> GdkTexture */
  int           texture_scale;
};

G_DEFINE_FINAL_TYPE (FpLabelLayer, fp_label_layer, SHUMATE_TYPE_LAYER)

static GdkTexture *
render (FpLabelLayer *self,
        const char   *text,
        double        size,
        gboolean      bold,
        int           scale,
        int          *width,
        int          *height)
{
  g_autofree char *key = g_strdup_printf ("%.0f:%d:%s", size, bold, text);
  GdkTexture *texture = g_hash_table_lookup (self->textures, key);
  PangoLayout *layout;
  PangoFontDescription *font;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoRectangle ink, logical;
  int w, h, pad = 3;

  if (scale != self->texture_scale)
    {
      g_hash_table_remove_all (self->textures);
      self->texture_scale = scale;
      texture = NULL;
    }

  if (texture != NULL)
    {
      *width = gdk_texture_get_width (texture) / scale;
      *height = gdk_texture_get_height (texture) / scale;
      return texture;
    }

  /* Measure on a scratch surface, then draw on one of the right size. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  layout = pango_cairo_create_layout (cr);
  font = pango_font_description_from_string ("Cantarell, sans");
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_SEMIBOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_extents (layout, &ink, &logical);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  w = logical.width + 2 * pad;
  h = logical.height + 2 * pad;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w * scale, h * scale);
  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);
  pango_cairo_update_layout (cr, layout);
  cairo_move_to (cr, pad - logical.x, pad - logical.y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.92);
  cairo_set_line_width (cr, 4.0);
  cairo_stroke_preserve (cr);
  cairo_set_source_rgb (cr, ((FP_PALETTE_MAP_LABEL >> 16) & 0xff) / 255.0,
                        ((FP_PALETTE_MAP_LABEL >> 8) & 0xff) / 255.0,
                        (FP_PALETTE_MAP_LABEL & 0xff) / 255.0);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  {
    g_autoptr(GBytes) bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                                           (gsize) cairo_image_surface_get_stride (surface) *
                                           h * scale);

    texture = gdk_memory_texture_new (w * scale, h * scale, GDK_MEMORY_DEFAULT, bytes,
                                      cairo_image_surface_get_stride (surface));
  }
  cairo_surface_destroy (surface);
  pango_font_description_free (font);
  g_object_unref (layout);

  g_hash_table_insert (self->textures, g_steal_pointer (&key), texture);
  *width = w;
  *height = h;
  return texture;
}

static void
on_viewport_changed_cb (FpLabelLayer *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
fp_label_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  FpLabelLayer *self = FP_LABEL_LAYER (widget);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);
  gboolean wards = zoom > WARD_ZOOM;
  GArray *labels = wards ? self->wards : self->localities;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  /* Projector-sized: 16 px for localities, 14 px for wards. */
  double size = wards ? 14.0 : zoom < 10.5 ? 15.0 : 17.0;

  if (zoom < MIN_NAME_ZOOM)
    return;

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const FpBasemapLabel *label = &g_array_index (labels, FpBasemapLabel, i);
      double lat = atan (sinh (G_PI * (1.0 - 2.0 * label->y))) * 180.0 / G_PI;
      double lon = label->x * 360.0 - 180.0;
      double x, y;
      int w, h;
      GdkTexture *texture;

      shumate_viewport_location_to_widget_coords (viewport, widget, lat, lon, &x, &y);
      if (x < -200 || y < -50 || x > width + 200 || y > height + 50)
        continue;

      texture = render (self, label->text, size, !wards, scale, &w, &h);
      fp_image_append (snapshot, texture,
                                   &GRAPHENE_RECT_INIT (round (x - w / 2.0), round (y - h / 2.0),
                                                        w, h));
    }
}

static void
fp_label_layer_constructed (GObject *object)
{
  FpLabelLayer *self = FP_LABEL_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (fp_label_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify::latitude",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::longitude",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify::zoom-level",
                           G_CALLBACK (on_viewport_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
fp_label_layer_finalize (GObject *object)
{
  FpLabelLayer *self = FP_LABEL_LAYER (object);

  g_clear_pointer (&self->localities, g_array_unref);
  g_clear_pointer (&self->wards, g_array_unref);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_object (&self->basemap);

  G_OBJECT_CLASS (fp_label_layer_parent_class)->finalize (object);
}

static void
fp_label_layer_class_init (FpLabelLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = fp_label_layer_constructed;
  object_class->finalize = fp_label_layer_finalize;

  widget_class->snapshot = fp_label_layer_snapshot;

  gtk_widget_class_set_css_name (widget_class, "fp-label-layer");
}

static void
fp_label_layer_init (FpLabelLayer *self)
{
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->texture_scale = 1;
  /* Names do not take the pointer: clicks go through to the sites under them. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

/**
 * fp_label_layer_new:
 * @viewport: the map's viewport
 * @basemap: the loaded basemap whose place names to draw
 *
 * Returns: (transfer full): the layer
 */
FpLabelLayer *
fp_label_layer_new (ShumateViewport *viewport,
                    FpBasemap       *basemap)
{
  FpLabelLayer *self = g_object_new (FP_TYPE_LABEL_LAYER, "viewport", viewport, NULL);

  self->basemap = g_object_ref (basemap);
  self->localities = fp_basemap_get_labels (basemap, FALSE);
  self->wards = fp_basemap_get_labels (basemap, TRUE);
  return self;
}
