/* fp-image.c: the map's pictures drawn as textures, or as cairo surfaces kept with them.
 *
 * The map is made of pictures drawn once and shown every frame: basemap tiles, site
 * symbols, place names. With GTK's GL renderer a GdkTexture is uploaded once and drawn
 * from the GPU. With the cairo renderer (what a machine without a GPU gets: GL through
 * llvmpipe measured far slower, bench/RESULTS.md), GTK 4.8 converts a texture's pixels to
 * floats and back on every frame it is drawn, which took most of each frame while the map
 * moved. So, for the cairo renderer, each texture keeps a cairo surface of its pixels,
 * made once, and is drawn from that. The window says which renderer it has
 * (fp_image_set_cairo_renderer()) when it is realized.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-image"

#include "config.h"

#include <math.h>

#include "fp-image.h"

#define SURFACE_KEY "fp-image-surface"

static gboolean cairo_renderer;

/**
 * fp_image_set_cairo_renderer:
 * @cairo: whether the windows render with GskCairoRenderer
 */
void
fp_image_set_cairo_renderer (gboolean cairo)
{
  cairo_renderer = cairo;
}

static cairo_surface_t *
surface_for (GdkTexture *texture)
{
  cairo_surface_t *surface = g_object_get_data (G_OBJECT (texture), SURFACE_KEY);

  if (surface == NULL)
    {
      int width = gdk_texture_get_width (texture);
      int height = gdk_texture_get_height (texture);

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                            cairo_image_surface_get_stride (surface));
      cairo_surface_mark_dirty (surface);
      g_object_set_data_full (G_OBJECT (texture), SURFACE_KEY, surface,
                              (GDestroyNotify) cairo_surface_destroy);
    }
  return surface;
}

/**
 * fp_image_append:
 * @snapshot: a snapshot
 * @texture: a picture
 * @bounds: where it goes, scaled to fill it
 *
 * As gtk_snapshot_append_texture(), but fast with the cairo renderer too.
 */
void
fp_image_append (GtkSnapshot           *snapshot,
                 GdkTexture            *texture,
                 const graphene_rect_t *bounds)
{
  cairo_surface_t *surface;
  graphene_rect_t whole;
  cairo_t *cr;

  if (!cairo_renderer)
    {
      gtk_snapshot_append_texture (snapshot, texture, bounds);
      return;
    }

  surface = surface_for (texture);
  /* Drawn over whole pixels: a picture placed at a fraction of a pixel (a tile between two
   * zoom levels) would leave a half-covered pixel at its edge, a seam between tiles. The
   * edge pixels are repeated into the margin. */
  whole = GRAPHENE_RECT_INIT (floor (bounds->origin.x), floor (bounds->origin.y),
                              ceil (bounds->origin.x + bounds->size.width) -
                              floor (bounds->origin.x),
                              ceil (bounds->origin.y + bounds->size.height) -
                              floor (bounds->origin.y));
  cr = gtk_snapshot_append_cairo (snapshot, &whole);
  cairo_rectangle (cr, whole.origin.x, whole.origin.y, whole.size.width, whole.size.height);
  cairo_translate (cr, bounds->origin.x, bounds->origin.y);
  cairo_scale (cr, bounds->size.width / gdk_texture_get_width (texture),
               bounds->size.height / gdk_texture_get_height (texture));
  cairo_set_source_surface (cr, surface, 0, 0);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_fill (cr);
  cairo_destroy (cr);
}

/**
 * fp_image_draw:
 * @cr: a cairo context
 * @texture: a picture
 * @bounds: where it goes, scaled to fill it
 * @alpha: how opaque it is drawn, 0 to 1
 *
 * Draws @texture with cairo, from the surface kept with it: for pictures that fade, several
 * of them in one cairo node, so a frame changes few nodes (see fp-site-layer.c).
 */
void
fp_image_draw (cairo_t               *cr,
               GdkTexture            *texture,
               const graphene_rect_t *bounds,
               double                 alpha)
{
  cairo_save (cr);
  cairo_rectangle (cr, bounds->origin.x, bounds->origin.y, bounds->size.width,
                   bounds->size.height);
  cairo_clip (cr);
  cairo_translate (cr, bounds->origin.x, bounds->origin.y);
  cairo_scale (cr, bounds->size.width / gdk_texture_get_width (texture),
               bounds->size.height / gdk_texture_get_height (texture));
  cairo_set_source_surface (cr, surface_for (texture), 0, 0);
  cairo_paint_with_alpha (cr, CLAMP (alpha, 0.0, 1.0));
  cairo_restore (cr);
}

/* ---- a paintable of one picture (the basemap's tiles) --------------------------- */

#define FP_TYPE_IMAGE_PAINTABLE (fp_image_paintable_get_type ())

G_DECLARE_FINAL_TYPE (FpImagePaintable, fp_image_paintable, FP, IMAGE_PAINTABLE, GObject)

struct _FpImagePaintable
{
  GObject     parent_instance;
  GdkTexture *texture;
};

static void
fp_image_paintable_snapshot (GdkPaintable *paintable,
                             GdkSnapshot  *snapshot,
                             double        width,
                             double        height)
{
  FpImagePaintable *self = FP_IMAGE_PAINTABLE (paintable);

  fp_image_append (GTK_SNAPSHOT (snapshot), self->texture,
                   &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static int
fp_image_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return gdk_texture_get_width (FP_IMAGE_PAINTABLE (paintable)->texture);
}

static int
fp_image_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  return gdk_texture_get_height (FP_IMAGE_PAINTABLE (paintable)->texture);
}

static GdkPaintableFlags
fp_image_paintable_get_flags (GdkPaintable *paintable)
{
  return GDK_PAINTABLE_STATIC_SIZE | GDK_PAINTABLE_STATIC_CONTENTS;
}

static void
fp_image_paintable_init_interface (GdkPaintableInterface *iface)
{
  iface->snapshot = fp_image_paintable_snapshot;
  iface->get_intrinsic_width = fp_image_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = fp_image_paintable_get_intrinsic_height;
  iface->get_flags = fp_image_paintable_get_flags;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (FpImagePaintable, fp_image_paintable, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      fp_image_paintable_init_interface))

static void
fp_image_paintable_finalize (GObject *object)
{
  g_clear_object (&FP_IMAGE_PAINTABLE (object)->texture);
  G_OBJECT_CLASS (fp_image_paintable_parent_class)->finalize (object);
}

static void
fp_image_paintable_class_init (FpImagePaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fp_image_paintable_finalize;
}

static void
fp_image_paintable_init (FpImagePaintable *self)
{
}

/**
 * fp_image_paintable_new:
 * @texture: a picture
 *
 * Returns: (transfer full): a paintable that draws @texture with fp_image_append()
 */
GdkPaintable *
fp_image_paintable_new (GdkTexture *texture)
{
  FpImagePaintable *self = g_object_new (FP_TYPE_IMAGE_PAINTABLE, NULL);

  self->texture = g_object_ref (texture);
  return GDK_PAINTABLE (self);
}
