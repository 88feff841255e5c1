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
 * A frame draws only the sites in view. When more are in view than can be read one by one
 * (a national estate seen whole), they are grouped by a grid fixed on the ground
 * (fp_map_clustering_run): a cell with several sites is drawn as one disc with their count,
 * and clicking it zooms in to them; from FP_MAP_CLUSTER_FULL_ZOOM on, or with few sites in
 * view (Birmingham and Solihull at any zoom), every site is drawn as itself. The frame's
 * layout is kept, so hit-testing answers from what was drawn and a frame allocates nothing.
 *
 * A change of the sites can be animated (presentation mode: fp_site_layer_set_transition_
 * duration): the layer keeps the marks drawn before it, and while its animation runs, sites
 * that close or leave fade out, sites that open (or move) fade in, and a site whose symbol
 * changes shows its new symbol with the old one fading out over it. At the end only the new
 * marks are left. The frames of a change are made cheap for GTK's renderer, which repaints
 * only what differs from the previous frame's render nodes (and gives up, repainting the
 * whole layer, past 30 changed rectangles): the sites that do not change are drawn once,
 * into one node kept for the whole change, and the fading ones into a few nodes, one for
 * each part of a coarse grid. Hit-testing answers for the new marks only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-layer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <adwaita.h>

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

/* The fading sites of a change are drawn in one node for each cell of this grid over the
 * layer: few enough nodes for GTK's diff of render nodes (it gives up past 30 rectangles),
 * small enough that each repaints little more than its sites. */
#define FADE_COLUMNS 4
#define FADE_ROWS    3

/* The marks are built by fp-site-marks (src/render), which the map exports share. */
typedef FpSiteMark Mark;

/* What a mark does during a change. */
enum
{
  FADE_STEADY,  /* drawn in full: the same as before, or a new symbol under the old one */
  FADE_IN,      /* a new mark: opened, or moved */
  FADE_OUT,     /* a mark from before: closed, gone, moved or changed */
  FADE_SAME,    /* a mark from before drawn the same now: not drawn */
};

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

  /* The layout of the frame drawn: the sites in view (FpMapPoint, id = index in marks),
   * how they are grouped, and what it was made for, so a frame or a pick with the same
   * view reuses it. */
  GArray          *points;
  double          *world;             /* per mark: x, y on the Mercator square of side 1 */
  FpMapClustering *clustering;
  gboolean         clustered;
  gboolean         layout_valid;
  double           layout_key[6];
  GHashTable      *cluster_textures;  /* count -> GdkTexture */
  double        projector_scale;  /* presentation mode: larger symbols (1 normally) */

  /* A change of the sites, animated (fp_site_layer_set_transition_duration): the marks
   * drawn before it, where they are in this layout, what each mark does, and how far the
   * change has gone (0 to 1, from the animation). */
  AdwAnimation     *transition;
  guint             transition_ms;      /* 0: a change shows at once */
  GArray           *before;             /* Mark, or NULL when no change is under way */
  double           *before_world;
  guint8           *fade;               /* per mark of marks */
  guint8           *before_fade;        /* per mark of before */
  GArray           *before_points;      /* FpMapPoint of the marks before that fade out */
  double            progress;
  GskRenderNode    *steady_node;        /* the sites that do not fade, drawn once a change */
  int               steady_scale;
};

G_DEFINE_FINAL_TYPE (FpSiteLayer, fp_site_layer, SHUMATE_TYPE_LAYER)

static void invalidate_layout (FpSiteLayer *self);
static void end_transition    (FpSiteLayer *self);
static void append_point      (FpSiteLayer      *self,
                               GtkSnapshot      *snapshot,
                               const FpMapPoint *point,
                               const Mark       *mark,
                               int               scale);

/* ---- helpers -------------------------------------------------------------------- */

static double
zoom_factor (FpSiteLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom = shumate_viewport_get_zoom_level (viewport);

  return CLAMP (1.0 + SCALE_PER_ZOOM * (zoom - 11.0), 1.0, SCALE_MAX) * self->projector_scale;
}

/* Web Mercator on a square of side 1, as the map's tiles are. */
static void
mercator (double  lat,
          double  lon,
          double *x,
          double *y)
{
  double phi = CLAMP (lat, SHUMATE_MIN_LATITUDE, SHUMATE_MAX_LATITUDE) * G_PI / 180.0;

  *x = (lon + 180.0) / 360.0;
  *y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

/* Whether two marks of one site are drawn alike. */
static gboolean
marks_alike (const Mark *a,
             const Mark *b)
{
  return a->symbol == b->symbol && a->rgb == b->rgb && a->style == b->style &&
         round (a->radius * 4.0) == round (b->radius * 4.0) && a->dx == b->dx &&
         a->dy == b->dy;
}

/* Compares the marks before a change with the marks after it: what fades in, what fades
 * out. Returns whether anything changes. */
static gboolean
plan_transition (FpSiteLayer *self)
{
  guint n_index = 0;
  g_autofree guint *before_of = NULL;
  gboolean changes = FALSE;

  for (guint i = 0; i < self->before->len; i++)
    n_index = MAX (n_index, g_array_index (self->before, Mark, i).index + 1);
  before_of = g_new (guint, MAX (n_index, 1));
  memset (before_of, 0xff, sizeof (guint) * MAX (n_index, 1));
  for (guint i = 0; i < self->before->len; i++)
    before_of[g_array_index (self->before, Mark, i).index] = i;

  g_free (self->fade);
  g_free (self->before_fade);
  self->fade = g_new (guint8, MAX (self->marks->len, 1));
  self->before_fade = g_new (guint8, MAX (self->before->len, 1));
  memset (self->before_fade, FADE_OUT, MAX (self->before->len, 1));

  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      guint b = mark->index < n_index ? before_of[mark->index] : G_MAXUINT;
      const Mark *was = b != G_MAXUINT ? &g_array_index (self->before, Mark, b) : NULL;

      if (was != NULL && was->lat == mark->lat && was->lon == mark->lon)
        {
          /* In the same place: unchanged, or its new symbol under the old one fading. */
          self->fade[i] = FADE_STEADY;
          if (marks_alike (was, mark))
            self->before_fade[b] = FADE_SAME;
          else
            changes = TRUE;
        }
      else
        {
          self->fade[i] = FADE_IN;
          changes = TRUE;
        }
    }
  for (guint b = 0; b < self->before->len; b++)
    changes |= self->before_fade[b] == FADE_OUT;
  return changes;
}

static void
rebuild_marks (FpSiteLayer *self)
{
  const gboolean *matches;
  guint n_matches;
  g_autoptr(GArray) old_marks = g_steal_pointer (&self->marks);
  g_autofree double *old_world = g_steal_pointer (&self->world);

  self->hovered = FP_SITE_NONE;
  invalidate_layout (self);

  if (self->session == NULL)
    {
      self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
      end_transition (self);
      return;
    }

  matches = fp_session_get_matches (self->session, &n_matches);
  self->marks = fp_site_marks_build (fp_session_get_estate (self->session),
                                     fp_session_get_model (self->session),
                                     fp_session_get_results (self->session),
                                     fp_session_get_year_index (self->session),
                                     fp_session_get_colour_by (self->session),
                                     fp_session_get_size_by (self->session), matches);

  /* Projected once here, so that a frame places each site with a multiply and an add
   * rather than the viewport's trigonometry (thousands of sites, every frame). */
  self->world = g_new (double, 2 * MAX (self->marks->len, 1));
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);

      mercator (mark->lat, mark->lon, &self->world[2 * i], &self->world[2 * i + 1]);
    }

  /* A change on a layer on screen that animates its changes starts from the marks drawn
   * until now. One made before the change under way drew a frame (the session's signals
   * of one edit: results, then style) joins it; a later one starts from its end. */
  if (self->before != NULL && self->progress == 0.0 && self->transition_ms > 0 &&
      gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      g_clear_pointer (&old_marks, g_array_unref);
      g_clear_pointer (&old_world, g_free);
      old_marks = g_steal_pointer (&self->before);
      old_world = g_steal_pointer (&self->before_world);
    }
  end_transition (self);
  if (self->transition_ms == 0 || old_marks == NULL || old_marks->len == 0 ||
      !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->before = g_steal_pointer (&old_marks);
  self->before_world = g_steal_pointer (&old_world);
  self->progress = 0.0;
  if (!plan_transition (self))
    {
      adw_animation_reset (self->transition);
      end_transition (self);
      return;
    }
  adw_animation_reset (self->transition);
  adw_animation_play (self->transition);
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

/* Where @mark is drawn (@world: its place on the Mercator square; @transform: the view's
 * scale and shift of it, or NULL when the map is rotated): FALSE when out of view. */
static gboolean
place_mark (FpSiteLayer  *self,
            const Mark   *mark,
            const double *world,
            const double *transform,
            double        factor,
            int           width,
            int           height,
            FpMapPoint   *point)
{
  double margin;

  if (transform != NULL)
    {
      point->x = transform[0] * world[0] + transform[1];
      point->y = transform[2] * world[1] + transform[3];
    }
  else
    shumate_viewport_location_to_widget_coords (shumate_layer_get_viewport (SHUMATE_LAYER (self)),
                                                GTK_WIDGET (self), mark->lat, mark->lon,
                                                &point->x, &point->y);
  point->x += mark->dx;
  point->y += mark->dy;
  point->radius = mark->radius * factor;
  margin = 2 * point->radius + PICK_SLOP;
  return !(point->x < -margin || point->y < -margin || point->x > width + margin ||
           point->y > height + margin);
}

/* The sites in view and how they are grouped, for the viewport as it is now. */
static void
update_layout (FpSiteLayer *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint selected = self->session != NULL ? fp_session_get_selected (self->session)
                                         : FP_SITE_NONE;
  double factor = zoom_factor (self);
  double zoom = shumate_viewport_get_zoom_level (viewport);
  double key[6] = {
    shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
    shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
    zoom, width, height, selected
  };
  double origin_x, origin_y, ax = 0, bx = 0, ay = 0, by = 0, transform[4];
  gboolean affine = shumate_viewport_get_rotation (viewport) == 0.0;

  if (self->layout_valid && memcmp (key, self->layout_key, sizeof key) == 0)
    return;
  memcpy (self->layout_key, key, sizeof key);
  self->layout_valid = TRUE;
  g_array_set_size (self->points, 0);

  /* Unrotated, the view maps the Mercator square to the widget by a scale and a shift:
   * taken from where the viewport puts two places. */
  if (affine)
    {
      const double places[2][2] = { { 0.0, 0.0 }, { 60.0, 90.0 } };
      double wx[2], wy[2], mx[2], my[2];

      for (guint k = 0; k < 2; k++)
        {
          shumate_viewport_location_to_widget_coords (viewport, widget, places[k][0],
                                                      places[k][1], &wx[k], &wy[k]);
          mercator (places[k][0], places[k][1], &mx[k], &my[k]);
        }
      ax = (wx[1] - wx[0]) / (mx[1] - mx[0]);
      bx = wx[0] - ax * mx[0];
      ay = (wy[1] - wy[0]) / (my[1] - my[0]);
      by = wy[0] - ay * my[0];
    }
  transform[0] = ax;
  transform[1] = bx;
  transform[2] = ay;
  transform[3] = by;

  /* Culled to the view and a margin the largest symbol fits in; the selected site is
   * left out, as it is always drawn as itself, on top. */
  for (guint i = 0; i < self->marks->len; i++)
    {
      const Mark *mark = &g_array_index (self->marks, Mark, i);
      FpMapPoint point;

      if (mark->index == selected)
        continue;
      if (!place_mark (self, mark, &self->world[2 * i], affine ? transform : NULL, factor,
                       width, height, &point))
        continue;
      point.id = i;
      g_array_append_val (self->points, point);
    }

  /* The marks from before a change that fade out, placed alike (id = index in before). */
  g_array_set_size (self->before_points, 0);
  g_clear_pointer (&self->steady_node, gsk_render_node_unref);
  if (self->before != NULL)
    for (guint i = 0; i < self->before->len; i++)
      {
        FpMapPoint point;

        if (self->before_fade[i] != FADE_OUT ||
            !place_mark (self, &g_array_index (self->before, Mark, i),
                         &self->before_world[2 * i], affine ? transform : NULL, factor, width,
                         height, &point))
          continue;
        point.id = i;
        g_array_append_val (self->before_points, point);
      }

  /* The grid is anchored at the world's top-left corner, so it moves with the map. */
  shumate_viewport_location_to_widget_coords (viewport, widget, SHUMATE_MAX_LATITUDE,
                                              SHUMATE_MIN_LONGITUDE, &origin_x, &origin_y);
  self->clustered = fp_map_clustering_run (self->clustering,
                                           (const FpMapPoint *) (void *) self->points->data,
                                           self->points->len, zoom, origin_x, origin_y);

  /* A site under the pointer that is now in a cluster is no longer drawn as itself. */
  if (self->clustered && self->hovered != FP_SITE_NONE)
    for (guint m = 0; m < self->clustering->members->len; m++)
      {
        guint p = g_array_index (self->clustering->members, guint, m);
        const FpMapPoint *point = &g_array_index (self->points, FpMapPoint, p);

        if (g_array_index (self->marks, Mark, point->id).index == self->hovered)
          {
            self->hovered = FP_SITE_NONE;
            break;
          }
      }
}

static void
invalidate_layout (FpSiteLayer *self)
{
  self->layout_valid = FALSE;
  g_clear_pointer (&self->steady_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- a change, animated --------------------------------------------------------- */

/* Drops the marks from before a change: from now on only the marks are drawn. */
static void
end_transition (FpSiteLayer *self)
{
  if (self->before == NULL)
    return;
  g_clear_pointer (&self->before, g_array_unref);
  g_clear_pointer (&self->before_world, g_free);
  g_clear_pointer (&self->fade, g_free);
  g_clear_pointer (&self->before_fade, g_free);
  g_array_set_size (self->before_points, 0);
  self->progress = 1.0;
  invalidate_layout (self);
}

static void
on_transition_cb (double   value,
                  gpointer user_data)
{
  FpSiteLayer *self = user_data;

  self->progress = CLAMP (value, 0.0, 1.0);
  if (self->progress >= 1.0)
    end_transition (self);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Whether a change is drawn now (clustered, the sites are drawn as they are after it). */
static gboolean
in_transition (FpSiteLayer *self)
{
  return self->before != NULL && !self->clustered;
}

/* How opaque a mark (FADE_*) is drawn now. */
static double
fade_alpha (FpSiteLayer *self,
            guint8       fade)
{
  switch (fade)
    {
    case FADE_IN:
      return self->progress;
    case FADE_OUT:
      return 1.0 - self->progress;
    case FADE_SAME:
      return 0.0;
    case FADE_STEADY:
    default:
      return 1.0;
    }
}

/* The sites that do not fade, in drawing order: one node, made once for a change (and
 * again only if the view moves), so that GTK sees the same node every frame. */
static GskRenderNode *
steady_node (FpSiteLayer *self,
             int          scale)
{
  const FpMapPoint *points = (const FpMapPoint *) (void *) self->points->data;
  GArray *singles = self->clustering->singles;
  GtkSnapshot *snapshot;

  if (self->steady_node != NULL && self->steady_scale == scale)
    return self->steady_node;

  g_clear_pointer (&self->steady_node, gsk_render_node_unref);
  snapshot = gtk_snapshot_new ();
  for (guint i = 0; i < singles->len; i++)
    {
      const FpMapPoint *point = &points[g_array_index (singles, guint, i)];

      if (self->fade[point->id] == FADE_STEADY)
        append_point (self, snapshot, point, &g_array_index (self->marks, Mark, point->id),
                      scale);
    }
  self->steady_node = gtk_snapshot_free_to_node (snapshot);
  self->steady_scale = scale;
  return self->steady_node;
}

typedef struct
{
  graphene_rect_t bounds;
  gboolean        used;
} FadeCell;

/* Adds a fading mark's rectangle to its cell of the grid, or draws it into the cell's
 * cairo context (@crs not NULL). */
static void
fade_mark (FpSiteLayer      *self,
           const FpMapPoint *point,
           const Mark       *mark,
           double            alpha,
           int               scale,
           FadeCell         *cells,
           cairo_t         **crs)
{
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 1);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 1);
  int column = CLAMP ((int) floor (point->x * FADE_COLUMNS / width), 0, FADE_COLUMNS - 1);
  int row = CLAMP ((int) floor (point->y * FADE_ROWS / height), 0, FADE_ROWS - 1);
  FadeCell *cell = &cells[row * FADE_COLUMNS + column];
  GdkTexture *texture;
  double extent;
  graphene_rect_t rect;

  if (alpha <= 0.0)
    return;
  texture = lookup_texture (self, mark, point->radius, mark->style, scale, &extent);
  rect = GRAPHENE_RECT_INIT (round (point->x) - extent, round (point->y) - extent, 2 * extent,
                             2 * extent);
  if (crs != NULL)
    fp_image_draw (crs[row * FADE_COLUMNS + column], texture, &rect, alpha);
  else if (cell->used)
    graphene_rect_union (&cell->bounds, &rect, &cell->bounds);
  else
    {
      cell->bounds = rect;
      cell->used = TRUE;
    }
}

/* The sites fading in, then those fading out over them, in a node for each cell. */
static void
append_fading (FpSiteLayer *self,
               GtkSnapshot *snapshot,
               int          scale)
{
  const FpMapPoint *points = (const FpMapPoint *) (void *) self->points->data;
  GArray *singles = self->clustering->singles;
  FadeCell cells[FADE_COLUMNS * FADE_ROWS] = { 0 };
  cairo_t *crs[FADE_COLUMNS * FADE_ROWS] = { NULL };

  /* Twice: the cells' bounds first, then the drawing. */
  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        for (guint c = 0; c < G_N_ELEMENTS (cells); c++)
          {
            graphene_rect_t whole;

            if (!cells[c].used)
              continue;
            whole = GRAPHENE_RECT_INIT (floor (cells[c].bounds.origin.x),
                                        floor (cells[c].bounds.origin.y),
                                        ceil (cells[c].bounds.size.width) + 1,
                                        ceil (cells[c].bounds.size.height) + 1);
            crs[c] = gtk_snapshot_append_cairo (snapshot, &whole);
          }

      for (guint i = 0; i < singles->len; i++)
        {
          const FpMapPoint *point = &points[g_array_index (singles, guint, i)];

          if (self->fade[point->id] == FADE_IN)
            fade_mark (self, point, &g_array_index (self->marks, Mark, point->id),
                       fade_alpha (self, FADE_IN), scale, cells, pass == 1 ? crs : NULL);
        }
      for (guint i = 0; i < self->before_points->len; i++)
        {
          const FpMapPoint *point = &g_array_index (self->before_points, FpMapPoint, i);

          fade_mark (self, point, &g_array_index (self->before, Mark, point->id),
                     fade_alpha (self, FADE_OUT), scale, cells, pass == 1 ? crs : NULL);
        }
    }

  for (guint c = 0; c < G_N_ELEMENTS (crs); c++)
    if (crs[c] != NULL)
      cairo_destroy (crs[c]);
}

/* A cluster's disc: a neutral colour none of the map's scales use, with a white rim and
 * the count, drawn once for each count and scale. */
static GdkTexture *
lookup_cluster_texture (FpSiteLayer *self,
                        guint        n,
                        int          scale,
                        double      *extent)
{
  double radius = fp_map_cluster_radius (n);
  GdkTexture *texture;

  *extent = ceil (radius + 2.0);
  if (g_hash_table_size (self->cluster_textures) > 512)
    g_hash_table_remove_all (self->cluster_textures);
  texture = g_hash_table_lookup (self->cluster_textures, GUINT_TO_POINTER (n * 8 + scale));
  if (texture == NULL)
    {
      int pixels = (int) (2.0 * *extent) * scale;
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans Bold");
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *text = g_strdup_printf ("%u", n);
      cairo_surface_t *surface;
      cairo_t *cr;
      int tw, th;

      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels, pixels);
      cairo_surface_set_device_scale (surface, scale, scale);
      cr = cairo_create (surface);
      cairo_arc (cr, *extent, *extent, radius, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, 0x3d / 255.0, 0x38 / 255.0, 0x46 / 255.0, 0.88);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);

      pango_font_description_set_absolute_size (font,
                                                MIN (radius * 0.8,
                                                     2.6 * radius / MAX (strlen (text), 1))
                                                * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      pango_layout_set_text (layout, text, -1);
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_move_to (cr, *extent - tw / 2.0, *extent - th / 2.0);
      pango_cairo_show_layout (cr, layout);
      cairo_destroy (cr);
      cairo_surface_flush (surface);

      bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                           (gsize) cairo_image_surface_get_stride (surface) * pixels);
      texture = gdk_memory_texture_new (pixels, pixels, GDK_MEMORY_DEFAULT, bytes,
                                        cairo_image_surface_get_stride (surface));
      cairo_surface_destroy (surface);
      g_hash_table_insert (self->cluster_textures, GUINT_TO_POINTER (n * 8 + scale), texture);
    }
  return texture;
}

/* The cluster under (x, y) in the frame drawn, or NULL. */
static const FpMapCluster *
pick_cluster (FpSiteLayer *self,
              double       x,
              double       y)
{
  guint c;

  if (self->session == NULL)
    return NULL;
  update_layout (self);
  if (!self->clustered)
    return NULL;
  c = fp_map_clustering_pick (self->clustering, x, y, PICK_SLOP);
  return c != G_MAXUINT ? &g_array_index (self->clustering->clusters, FpMapCluster, c) : NULL;
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

/* A site of the layout, where the layout put it. */
static void
append_point (FpSiteLayer      *self,
              GtkSnapshot      *snapshot,
              const FpMapPoint *point,
              const Mark       *mark,
              int               scale)
{
  GdkTexture *texture;
  double extent;

  texture = lookup_texture (self, mark, point->radius, mark->style, scale, &extent);
  fp_image_append (snapshot, texture,
                   &GRAPHENE_RECT_INIT (round (point->x) - extent, round (point->y) - extent,
                                        2 * extent, 2 * extent));
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_viewport_changed_cb (FpSiteLayer *self)
{
  invalidate_layout (self);
}

/* A click on a cluster zooms in until its sites stand apart (at most to the zoom where
 * every site is drawn), centred on them. */
static void
on_click_released_cb (GtkGestureClick *click,
                      int              n_press,
                      double           x,
                      double           y,
                      FpSiteLayer     *self)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  GtkWidget *map = gtk_widget_get_ancestor (GTK_WIDGET (self), SHUMATE_TYPE_MAP);
  const FpMapCluster *cluster;
  double zoom, fit, lat, lon, w, h;

  if (n_press != 1 || (cluster = pick_cluster (self, x, y)) == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);

  w = gtk_widget_get_width (GTK_WIDGET (self));
  h = gtk_widget_get_height (GTK_WIDGET (self));
  zoom = shumate_viewport_get_zoom_level (viewport);
  fit = log2 (MIN (w / (cluster->max_x - cluster->min_x + 2 * FP_MAP_CLUSTER_CELL),
                   h / (cluster->max_y - cluster->min_y + 2 * FP_MAP_CLUSTER_CELL)));
  zoom = CLAMP (zoom + MAX (fit, 1.0), shumate_viewport_get_min_zoom_level (viewport),
                MIN (FP_MAP_CLUSTER_FULL_ZOOM, shumate_viewport_get_max_zoom_level (viewport)));
  shumate_viewport_widget_coords_to_location (viewport, GTK_WIDGET (self),
                                              (cluster->min_x + cluster->max_x) / 2,
                                              (cluster->min_y + cluster->max_y) / 2, &lat, &lon);
  if (map != NULL)
    shumate_map_go_to_full_with_duration (SHUMATE_MAP (map), lat, lon, zoom, 300);
  else
    {
      shumate_viewport_set_zoom_level (viewport, zoom);
      shumate_location_set_location (SHUMATE_LOCATION (viewport), lat, lon);
    }
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
  const FpMapPoint *points;
  GArray *singles, *clusters;
  guint selected;
  const Mark *mark;

  if (self->session == NULL || width <= 0 || height <= 0)
    return;

  selected = fp_session_get_selected (self->session);
  update_layout (self);
  points = (const FpMapPoint *) (void *) self->points->data;
  singles = self->clustering->singles;
  clusters = self->clustering->clusters;

  if (in_transition (self))
    {
      GskRenderNode *steady = steady_node (self, scale);

      /* NULL when every site in view fades. */
      if (steady != NULL)
        gtk_snapshot_append_node (snapshot, steady);
      append_fading (self, snapshot, scale);
    }
  else
    for (guint i = 0; i < singles->len; i++)
      {
        const FpMapPoint *point = &points[g_array_index (singles, guint, i)];

        append_point (self, snapshot, point, &g_array_index (self->marks, Mark, point->id),
                      scale);
      }

  for (guint c = 0; c < clusters->len; c++)
    {
      const FpMapCluster *cluster = &g_array_index (clusters, FpMapCluster, c);
      double extent;
      GdkTexture *texture = lookup_cluster_texture (self, cluster->n, scale, &extent);

      fp_image_append (snapshot, texture,
                       &GRAPHENE_RECT_INIT (round (cluster->x) - extent,
                                            round (cluster->y) - extent,
                                            2 * extent, 2 * extent));
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
  FpSiteLayer *self = FP_SITE_LAYER (widget);

  return fp_site_layer_pick (self, x, y) != FP_SITE_NONE || pick_cluster (self, x, y) != NULL;
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

  const FpMapCluster *cluster;

  if (keyboard_mode || self->session == NULL)
    return FALSE;

  if ((cluster = pick_cluster (self, x, y)) != NULL)
    {
      /* Translators: a map tooltip over a disc that stands for several sites */
      markup = g_strdup_printf (g_dngettext (NULL, "%u site here: click to zoom in",
                                             "%u sites here: click to zoom in", cluster->n),
                                cluster->n);
      gtk_tooltip_set_markup (tooltip, markup);
      return TRUE;
    }

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
  /* A playing animation holds a reference to itself: ended here, it lets go, and calls
   * this layer no more. */
  if (self->transition != NULL)
    adw_animation_skip (self->transition);
  g_clear_object (&self->transition);

  G_OBJECT_CLASS (fp_site_layer_parent_class)->dispose (object);
}

static void
fp_site_layer_finalize (GObject *object)
{
  FpSiteLayer *self = FP_SITE_LAYER (object);

  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->cluster_textures, g_hash_table_unref);
  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->world, g_free);
  g_clear_pointer (&self->clustering, fp_map_clustering_free);
  g_clear_pointer (&self->before, g_array_unref);
  g_clear_pointer (&self->before_world, g_free);
  g_clear_pointer (&self->fade, g_free);
  g_clear_pointer (&self->before_fade, g_free);
  g_clear_pointer (&self->before_points, g_array_unref);
  g_clear_pointer (&self->steady_node, gsk_render_node_unref);

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
  GtkGesture *click;

  self->marks = g_array_new (FALSE, FALSE, sizeof (Mark));
  self->textures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->hovered = FP_SITE_NONE;
  self->projector_scale = 1.0;
  self->texture_scale = 1;
  self->points = g_array_new (FALSE, FALSE, sizeof (FpMapPoint));
  self->clustering = fp_map_clustering_new ();
  self->cluster_textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->before_points = g_array_new (FALSE, FALSE, sizeof (FpMapPoint));
  self->progress = 1.0;

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_can_target (GTK_WIDGET (self), TRUE);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
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
  const FpMapPoint *drawn;
  const Mark *selected;
  GArray *singles;
  guint n = 0;

  g_return_val_if_fail (FP_IS_SITE_LAYER (self), NULL);

  /* What the frame drew: the sites drawn as themselves (not those in a cluster). */
  update_layout (self);
  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  selected = self->session != NULL ? find_mark (self, fp_session_get_selected (self->session))
                                   : NULL;
  singles = self->clustering->singles;
  drawn = (const FpMapPoint *) (void *) self->points->data;
  points = g_new (FpMapPoint, singles->len + 1);

  /* In drawing order, the selected site last (it is drawn on top). */
  for (guint i = 0; i < singles->len; i++)
    {
      points[n] = drawn[g_array_index (singles, guint, i)];
      points[n].radius *= 1.2;
      points[n].id = g_array_index (self->marks, Mark, points[n].id).index;
      n++;
    }
  if (selected != NULL)
    {
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (self), selected->lat,
                                                  selected->lon, &points[n].x, &points[n].y);
      points[n].x += selected->dx;
      points[n].y += selected->dy;
      points[n].radius = selected->radius * zoom_factor (self) * 1.2;
      points[n].id = selected->index;
      n++;
    }

  return fp_map_pick (points, n, x, y, PICK_SLOP);
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

/**
 * fp_site_layer_set_transition_duration:
 * @self: a site layer
 * @duration_ms: how long a change of the sites takes to animate, milliseconds; 0 (the
 *   default, the desk map) shows a change at once
 *
 * With a duration, when the sites shown change (another option, year, colouring) while
 * the layer is on screen, sites that close or leave fade out, sites that open fade in, and
 * a changed symbol shows under its old one fading out. Setting 0 ends a change under way.
 */
void
fp_site_layer_set_transition_duration (FpSiteLayer *self,
                                       guint        duration_ms)
{
  g_return_if_fail (FP_IS_SITE_LAYER (self));

  if (duration_ms == self->transition_ms)
    return;
  self->transition_ms = duration_ms;
  if (duration_ms == 0)
    {
      if (self->transition != NULL)
        adw_animation_skip (self->transition);
      end_transition (self);
      return;
    }
  if (self->transition == NULL)
    {
      self->transition =
        adw_timed_animation_new (GTK_WIDGET (self), 0, 1, duration_ms,
                                 adw_callback_animation_target_new (on_transition_cb, self,
                                                                    NULL));
      adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->transition),
                                      ADW_EASE_IN_OUT_CUBIC);
    }
  else
    adw_timed_animation_set_duration (ADW_TIMED_ANIMATION (self->transition), duration_ms);
}

/**
 * fp_site_layer_get_transition:
 * @self: a site layer
 *
 * Returns: (transfer none) (nullable): the animation of a change of the sites (its value
 *   goes from 0, the change just made, to 1), or %NULL when changes are not animated
 */
AdwAnimation *
fp_site_layer_get_transition (FpSiteLayer *self)
{
  g_return_val_if_fail (FP_IS_SITE_LAYER (self), NULL);
  return self->transition_ms > 0 ? self->transition : NULL;
}

/**
 * fp_site_layer_get_opacity:
 * @self: a site layer
 * @index: a site
 * @now: (out) (optional): how opaque its symbol is drawn now: 1, less while it fades in
 *   after a change, 0 when it is not shown
 * @before: (out) (optional): how opaque its symbol from before a change is drawn over it
 *   as it fades out: 0 when no change is under way, or when the site looks the same
 *
 * What the layer draws of one site, for tests and the benchmark.
 */
void
fp_site_layer_get_opacity (FpSiteLayer *self,
                           guint        index,
                           double      *now,
                           double      *before)
{
  g_return_if_fail (FP_IS_SITE_LAYER (self));

  if (self->session != NULL)
    update_layout (self);
  if (now != NULL)
    {
      *now = 0.0;
      for (guint i = 0; i < self->marks->len; i++)
        if (g_array_index (self->marks, Mark, i).index == index)
          {
            *now = in_transition (self) ? fade_alpha (self, self->fade[i]) : 1.0;
            break;
          }
    }
  if (before != NULL)
    {
      *before = 0.0;
      if (in_transition (self))
        for (guint i = 0; i < self->before->len; i++)
          if (g_array_index (self->before, Mark, i).index == index)
            {
              *before = fade_alpha (self, self->before_fade[i]);
              break;
            }
    }
}
