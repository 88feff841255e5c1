/* fp-deck.c: a story's views as slides.
 *
 * Everything a page shows is computed when the deck is made (fp_deck_new()): each option's
 * results once, access and key figures for each option and year shown and for Do nothing in
 * the same year, the zone shading of each view; so a view that cannot be shown (its option
 * deleted since) is refused with a message before any file is written, and drawing a page
 * cannot fail. The map, its legend and the files are the renderer's (fp-render.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-render"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fp-deck.h"
#include "fp-render-private.h"

#define MARGIN       24.0
#define LEGEND_W     232.0
#define GAP          14.0
#define TILE_H       60.0

/* Changes for the better and the worse: dark enough on the pale tile for 7:1. */
#define INK_BETTER   0x0B5A2A
#define INK_WORSE    0x8A1620
#define TILE_FILL    0xF1F1F0

typedef struct
{
  FpStoryView   *view;
  FpResults     *results;     /* borrowed from the deck's table */
  guint          year;        /* index */
  FpKeyFigures   figures;
  guint32       *zone_rgb;
  FpZoneLayer    zone_layer;
  FpColourBy     colour_by;
  FpSizeBy       size_by;
} Page;

struct _FpDeck
{
  FpWorkspace   *workspace;
  FpBoundaries  *boundaries;
  char          *story;
  GHashTable    *results;     /* option (folded; "" for Do nothing) → FpResults */
  GHashTable    *access;      /* "option\x1fyear" → FpAccess */
  GArray        *pages;       /* Page */
  guint          n_zones;
  int            base_year;
};

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->view, fp_story_view_free);
  g_clear_pointer (&page->zone_rgb, g_free);
}

void
fp_deck_free (FpDeck *deck)
{
  if (deck == NULL)
    return;
  /* Pages borrow from the results, which borrow the workspace's overrides. */
  g_clear_pointer (&deck->pages, g_array_unref);
  g_clear_pointer (&deck->access, g_hash_table_unref);
  g_clear_pointer (&deck->results, g_hash_table_unref);
  g_clear_pointer (&deck->boundaries, fp_boundaries_unref);
  g_clear_object (&deck->workspace);
  g_free (deck->story);
  g_free (deck);
}

static const char *
option_label (const FpStoryView *view)
{
  return view->option != NULL ? view->option : _("Do nothing");
}

static FpResults *
results_for (FpDeck      *deck,
             const char  *option,
             GError     **error)
{
  g_autofree char *key = option != NULL ? g_utf8_casefold (option, -1) : g_strdup ("");
  FpResults *results = g_hash_table_lookup (deck->results, key);

  if (results != NULL)
    return results;
  results = fp_workspace_compute (deck->workspace, option, error);
  if (results != NULL)
    g_hash_table_insert (deck->results, g_steal_pointer (&key), results);
  return results;
}

static const FpAccess *
access_for (FpDeck          *deck,
            const char      *option,
            const FpResults *results,
            guint            year)
{
  g_autofree char *folded = option != NULL ? g_utf8_casefold (option, -1) : g_strdup ("");
  g_autofree char *key = g_strdup_printf ("%s\x1f%u", folded, year);
  FpAccess *access = g_hash_table_lookup (deck->access, key);

  if (access == NULL)
    {
      access = fp_access_compute (fp_workspace_get_model (deck->workspace), results, year);
      g_hash_table_insert (deck->access, g_steal_pointer (&key), access);
    }
  return access;
}

/* The shade of each zone polygon for @page's zone layer, as the window's map shades it. */
static gboolean
shade_zones (FpDeck      *deck,
             Page        *page,
             const double *areas,
             GError     **error)
{
  const FpEstate *estate = fp_workspace_get_estate (deck->workspace);
  const FpStoryView *view = page->view;
  g_autofree double *values = g_new (double, MAX (estate->zones->len, 1));
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(FpScale) scale = NULL;
  const FpAccessSet *before = NULL, *after = NULL;

  if (fp_zone_layer_needs_service (page->zone_layer))
    {
      const FpResults *dn = results_for (deck, NULL, error);

      if (dn == NULL)
        return FALSE;
      before = fp_access_find (access_for (deck, NULL, dn, page->year), FP_FACILITY_SERVICE,
                               view->zone_service);
      after = fp_access_find (access_for (deck, view->option, page->results, page->year),
                              FP_FACILITY_SERVICE, view->zone_service);
    }

  switch (page->zone_layer)
    {
    case FP_ZONE_LAYER_DENSITY:
      fp_zone_values_density (estate, areas, values);
      break;
    case FP_ZONE_LAYER_IMD:
      fp_zone_values_imd_decile (estate, values);
      break;
    case FP_ZONE_LAYER_DISTANCE_BEFORE:
      fp_zone_values_distance (estate, before, values);
      break;
    case FP_ZONE_LAYER_DISTANCE_AFTER:
      fp_zone_values_distance (estate, after, values);
      break;
    case FP_ZONE_LAYER_DISTANCE_CHANGE:
      fp_zone_values_distance_change (estate, before, after, values);
      break;
    case FP_ZONE_LAYER_NONE:
    case FP_N_ZONE_LAYERS:
    default:
      return TRUE;
    }

  for (guint z = 0; z < estate->zones->len; z++)
    g_hash_table_insert (index, g_array_index (estate->zones, FpZone, z).code,
                         GUINT_TO_POINTER (z + 1));
  scale = fp_scale_new_for_zone_layer (page->zone_layer);
  codes = fp_boundaries_get_zone_codes (deck->boundaries);
  deck->n_zones = codes->len;
  page->zone_rgb = g_new (guint32, MAX (codes->len, 1));
  for (guint i = 0; i < codes->len; i++)
    {
      guint z = GPOINTER_TO_UINT (g_hash_table_lookup (index, g_ptr_array_index (codes, i)));

      page->zone_rgb[i] = fp_scale_colour (scale, z > 0 ? values[z - 1] : NAN);
    }
  return TRUE;
}

/**
 * fp_deck_new:
 * @workspace: the open document
 * @story: the story to draw
 * @boundaries: (nullable): loaded boundaries, or %NULL to read them from the dataset now
 * @error: return location for an error
 *
 * Computes what every page shows. Each view is checked against the document first
 * (fp_workspace_check_story_view()): a view whose option, year, site or service the
 * document no longer has is refused, naming the view.
 *
 * Returns: (transfer full) (nullable): the deck, or %NULL with @error set (also for a story
 *   with no views)
 */
FpDeck *
fp_deck_new (FpWorkspace    *workspace,
             const FpStory  *story,
             FpBoundaries   *boundaries,
             GError        **error)
{
  g_autoptr(FpDeck) deck = g_new0 (FpDeck, 1);
  g_autofree double *areas = NULL;
  const FpModel *model;

  g_return_val_if_fail (FP_IS_WORKSPACE (workspace), NULL);
  g_return_val_if_fail (story != NULL, NULL);

  if (story->views->len == 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The story “%s” has no views to export; add one first"), story->name);
      return NULL;
    }

  deck->workspace = g_object_ref (workspace);
  deck->story = g_strdup (story->name);
  deck->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) fp_results_free);
  deck->access = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) fp_access_free);
  deck->pages = g_array_new (FALSE, TRUE, sizeof (Page));
  g_array_set_clear_func (deck->pages, (GDestroyNotify) page_clear);
  model = fp_workspace_get_model (workspace);
  deck->base_year = fp_model_get_base_year (model);

  if (boundaries != NULL)
    deck->boundaries = fp_boundaries_ref (boundaries);
  else
    {
      deck->boundaries = fp_boundaries_new ();
      if (!fp_boundaries_load (deck->boundaries, error))
        return NULL;
    }

  for (guint i = 0; i < story->views->len; i++)
    {
      Page page = { 0 };
      const FpResults *dn;
      FpKeyFigures dn_figures;

      page.view = fp_story_view_copy (g_ptr_array_index (story->views, i));
      g_array_append_val (deck->pages, page);
      Page *p = &g_array_index (deck->pages, Page, deck->pages->len - 1);

      if (!fp_workspace_check_story_view (workspace, p->view, error) ||
          (p->results = results_for (deck, p->view->option, error)) == NULL ||
          (dn = results_for (deck, NULL, error)) == NULL)
        {
          g_prefix_error (error, _("View %u of the story “%s” cannot be shown: "), i + 1,
                          story->name);
          return NULL;
        }

      p->year = (guint) (p->view->year - deck->base_year);
      /* The checks above make every name known. */
      if (!fp_colour_by_from_string (p->view->colour_by, &p->colour_by))
        p->colour_by = FP_COLOUR_BY_UTILISATION;
      if (!fp_size_by_from_string (p->view->size_by, &p->size_by))
        p->size_by = FP_SIZE_BY_FLOOR_AREA;
      if (!fp_zone_layer_from_string (p->view->zone_layer, &p->zone_layer))
        p->zone_layer = FP_ZONE_LAYER_NONE;

      fp_key_figures_compute (model, dn, access_for (deck, NULL, dn, p->year), p->year,
                              &dn_figures);
      fp_key_figures_compute (model, p->results,
                              access_for (deck, p->view->option, p->results, p->year), p->year,
                              &p->figures);
      fp_key_figures_compare (&p->figures, &dn_figures);

      if (p->zone_layer != FP_ZONE_LAYER_NONE)
        {
          if (!fp_boundaries_load_zones (deck->boundaries, error))
            return NULL;
          if (p->zone_layer == FP_ZONE_LAYER_DENSITY && areas == NULL)
            {
              areas = fp_zone_areas_load_default (fp_workspace_get_estate (workspace), error);
              if (areas == NULL)
                return NULL;
            }
          if (!shade_zones (deck, p, areas, error))
            return NULL;
        }
    }

  return g_steal_pointer (&deck);
}

guint
fp_deck_get_n_pages (FpDeck *deck)
{
  g_return_val_if_fail (deck != NULL, 0);
  return deck->pages->len;
}

/**
 * fp_deck_get_figures:
 * @deck: a deck
 * @page: a page, from 0
 *
 * Returns: (transfer none): the key figures the page shows, with their change against Do
 *   nothing in the same year
 */
const FpKeyFigures *
fp_deck_get_figures (FpDeck *deck,
                     guint   page)
{
  g_return_val_if_fail (deck != NULL && page < deck->pages->len, NULL);
  return &g_array_index (deck->pages, Page, page).figures;
}

/* ---- Drawing ------------------------------------------------------------------------- */

typedef enum { MONEY, COUNT, SHARE } Kind;

static const struct
{
  FpKeyFigure figure;
  Kind        kind;
  int         better;    /* +1: more is better, -1: less is better */
  const char *label;
} tiles[] = {
  { FP_KEY_RUNNING_COST, MONEY, -1, N_("Running cost") },
  { FP_KEY_VOID_COST, MONEY, -1, N_("Void cost") },
  { FP_KEY_CAPITAL_RECEIPTS, MONEY, +1, N_("Capital receipts") },
  { FP_KEY_ACCESS_SHARE, SHARE, +1, N_("Near urgent care") },
};

static char *
format_value (Kind   kind,
              double value)
{
  switch (kind)
    {
    case MONEY:
      return fp_format_money_short (value);
    case SHARE:
      return fp_format_percent (value);
    case COUNT:
    default:
      return fp_format_count (value);
    }
}

/* The line under a figure: its change against Do nothing ("▼ £1.2m less"), or for Do
 * nothing itself what the figure counts. Sets @rgb to the change's colour. */
static char *
describe (const Page *page,
          guint       t,
          guint32    *rgb)
{
  const FpKeyFigures *figures = &page->figures;
  double change = figures->change[tiles[t].figure];
  g_autofree char *amount = NULL;

  *rgb = FP_RENDER_INK_SOFT;
  if (page->view->option == NULL)
    switch (tiles[t].figure)
      {
      case FP_KEY_CAPITAL_RECEIPTS:
        /* Translators: capital receipts counted up to a year, e.g. "to 2030" */
        return g_strdup_printf (_("to %d"), page->view->year);
      case FP_KEY_ACCESS_SHARE:
        {
          g_autofree char *people = fp_format_count (figures->value[FP_KEY_ACCESS_PEOPLE]);

          if (figures->access_threshold_unit == FP_THRESHOLD_CAR_MINUTES)
            /* Translators: people within reach, e.g. "1,309,000 people within 20 min by car" */
            return g_strdup_printf (_("%s people within %g min by car"), people,
                                    figures->access_threshold);
          /* Translators: people within reach, e.g. "1,309,000 people" */
          return g_strdup_printf (_("%s people"), people);
        }
      default:
        return g_strdup (_("a year"));
      }

  /* The access share's change is told in people, which is what a room weighs. */
  if (tiles[t].figure == FP_KEY_ACCESS_SHARE)
    change = figures->change[FP_KEY_ACCESS_PEOPLE];
  if (isnan (change))
    return g_strdup (FP_FORMAT_UNKNOWN);
  if (fabs (change) < 0.5)
    return g_strdup (_("No change against Do nothing"));

  *rgb = (change > 0) == (tiles[t].better > 0) ? INK_BETTER : INK_WORSE;
  amount = tiles[t].kind == MONEY ? fp_format_money_short (fabs (change))
                                  : fp_format_count (fabs (change));
  if (tiles[t].kind == MONEY)
    /* Translators: a change against Do nothing, e.g. "▲ £1.2m more than Do nothing" */
    return g_strdup_printf (change > 0 ? _("▲ %s more than Do nothing")
                                       : _("▼ %s less than Do nothing"), amount);
  /* Translators: a change in the people within reach, e.g. "▼ 5,200 fewer people" */
  return g_strdup_printf (change > 0 ? _("▲ %s more people than Do nothing")
                                     : _("▼ %s fewer people than Do nothing"), amount);
}

static void
draw_tile (cairo_t    *cr,
           const Page *page,
           guint       t,
           double      x,
           double      y,
           double      w,
           double      h)
{
  g_autofree char *value = format_value (tiles[t].kind, page->figures.value[tiles[t].figure]);
  g_autofree char *line = NULL;
  guint32 rgb;

  line = describe (page, t, &rgb);
  fp_render_set_rgb (cr, TILE_FILL, 1.0);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  fp_render_set_rgb (cr, rgb, 1.0);
  cairo_rectangle (cr, x, y, 4, h);
  cairo_fill (cr);

  fp_render_text (cr, _(tiles[t].label), x + 12, y + 6, 10, TRUE, FP_RENDER_INK_SOFT, 0, w - 18);
  fp_render_text (cr, value, x + 12, y + 19, 20, TRUE, FP_RENDER_INK, 0, w - 18);
  fp_render_text (cr, line, x + 12, y + h - 17, 9.5, rgb != FP_RENDER_INK_SOFT, rgb, 0, w - 18);
}

/* Draws the legend scaled down, if need be, to fit @max_h. */
static void
draw_fitted_legend (cairo_t            *cr,
                    const FpMapPicture *picture,
                    GArray             *marks,
                    double              symbol_scale,
                    double              x,
                    double              y,
                    double              width,
                    double              max_h)
{
  cairo_surface_t *recording;
  cairo_t *rc;
  double ex, ey, ew, eh, scale = 1.0;

  /* Measure it first, drawn where nothing is seen. */
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  rc = cairo_create (recording);
  fp_render_map_legend (rc, picture, marks, symbol_scale, 0, 0, width);
  cairo_destroy (rc);
  cairo_recording_surface_ink_extents (recording, &ex, &ey, &ew, &eh);
  cairo_surface_destroy (recording);

  if (ey + eh > max_h && ey + eh > 0)
    scale = MAX (max_h / (ey + eh), 0.5);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, scale, scale);
  fp_render_map_legend (cr, picture, marks, symbol_scale, 0, 0, width / scale);
  cairo_restore (cr);
}

/**
 * fp_deck_draw_page:
 * @deck: a deck
 * @cr: where to draw
 * @page: which page, from 0
 * @width: the page's width, points (FP_RENDER_SLIDE_WIDTH for a file)
 * @height: its height
 *
 * Draws a slide of the deck filling (0, 0, @width, @height).
 */
void
fp_deck_draw_page (FpDeck  *deck,
                   cairo_t *cr,
                   guint    index,
                   double   width,
                   double   height)
{
  const FpEstate *estate;
  const Page *page;
  g_autoptr(GArray) marks = NULL;
  g_autofree char *title = NULL;
  g_autofree char *counter = NULL;
  g_autofree char *sources = NULL;
  FpMapPicture picture = { 0 };
  double top, counter_w, tile_w, map_y, map_w, map_h, foot_h, symbol_scale;

  g_return_if_fail (deck != NULL);
  g_return_if_fail (index < deck->pages->len);

  page = &g_array_index (deck->pages, Page, index);
  estate = fp_workspace_get_estate (deck->workspace);

  cairo_save (cr);
  fp_render_set_rgb (cr, 0xFFFFFF, 1.0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  /* The option and year, large; where the page is in the story, small at the right. */
  /* Translators: a slide's title: an option, then a year, e.g. "Do nothing · 2030" */
  title = g_strdup_printf (_("%s · %d"), option_label (page->view), page->view->year);
  /* Translators: where a slide is in its story, e.g. "2 of 5 · Board, 12 May" */
  counter = g_strdup_printf (_("%u of %u · %s"), index + 1, deck->pages->len, deck->story);
  fp_render_text_size (cr, counter, 10, FALSE, 220, &counter_w, NULL);
  fp_render_text (cr, counter, width - MARGIN, MARGIN * 0.75 + 6, 10, FALSE,
                  FP_RENDER_INK_SOFT, 1.0, 220);
  top = MARGIN * 0.75;
  top += fp_render_text (cr, title, MARGIN, top, 24, TRUE, FP_RENDER_INK, 0,
                         width - 2 * MARGIN - counter_w - GAP);
  top += fp_render_text (cr, page->view->title, MARGIN, top + 1, 15, FALSE, FP_RENDER_INK, 0,
                         width - 2 * MARGIN) + 1;
  if (page->view->notes != NULL && *page->view->notes != '\0')
    top += fp_render_text (cr, page->view->notes, MARGIN, top + 1, 11, FALSE,
                           FP_RENDER_INK_SOFT, 0, width - 2 * MARGIN) + 1;
  top += 8;

  /* Four key figures across the page. */
  tile_w = (width - 2 * MARGIN - 3 * 12) / 4;
  for (guint t = 0; t < G_N_ELEMENTS (tiles); t++)
    draw_tile (cr, page, t, MARGIN + t * (tile_w + 12), top, tile_w, TILE_H);
  top += TILE_H + 10;

  /* The sources at the foot. */
  /* Translators: a slide's sources line: the estate, its base year, then the map's
   * attribution */
  sources = g_strdup_printf (_("Figures: Footprint’s model of %s (base year %d); changes are "
                               "against Do nothing in the same year. %s"),
                             estate->name, deck->base_year, fp_render_map_attribution ());
  fp_render_text_size (cr, sources, 7, FALSE, width - 2 * MARGIN, NULL, &foot_h);

  /* The map at the view's position, and its legend. */
  map_y = top;
  map_w = width - 2 * MARGIN - LEGEND_W - GAP;
  map_h = height - top - foot_h - MARGIN * 0.5 - 6;
  picture.estate = estate;
  picture.model = fp_workspace_get_model (deck->workspace);
  picture.results = page->results;
  picture.year = page->year;
  picture.colour_by = page->colour_by;
  picture.size_by = page->size_by;
  picture.title = title;
  picture.has_view = page->view->has_map_view;
  picture.latitude = page->view->latitude;
  picture.longitude = page->view->longitude;
  picture.span = page->view->has_map_view
                 ? FP_STORY_REFERENCE_WIDTH / (256.0 * exp2 (page->view->zoom)) : 0;
  picture.zone_rgb = page->zone_rgb;
  picture.n_zones = page->zone_rgb != NULL ? deck->n_zones : 0;
  picture.zone_layer = page->zone_layer;
  picture.selected_site = page->view->site;

  marks = fp_render_map_frame (cr, &picture, deck->boundaries, MARGIN, map_y, map_w, map_h,
                               &symbol_scale);
  draw_fitted_legend (cr, &picture, marks, symbol_scale, MARGIN + map_w + GAP, map_y, LEGEND_W,
                      map_h);

  fp_render_text (cr, sources, MARGIN, height - MARGIN * 0.5 - foot_h, 7, FALSE,
                  FP_RENDER_INK_SOFT, 0, width - 2 * MARGIN);
  cairo_restore (cr);
}

static void
draw_page_cb (cairo_t *cr,
              gpointer data,
              guint    page,
              double   width,
              double   height)
{
  fp_deck_draw_page (data, cr, page, width, height);
}

/**
 * fp_deck_write_pdf:
 * @deck: a deck
 * @path: the PDF to write (replaced if it exists, only once the new one is complete)
 * @error: return location for an error
 *
 * Returns: %TRUE if the file was written, a page a view
 */
gboolean
fp_deck_write_pdf (FpDeck      *deck,
                   const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (deck != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return fp_render_write_pages (FP_RENDER_PDF, path, deck->story, 0, deck->pages->len,
                                draw_page_cb, deck, error);
}

/**
 * fp_deck_write_pngs:
 * @deck: a deck
 * @output: a folder (made if need be), where the pages go as 01.png, 02.png, ...; or a
 *   file name ending in .png, NAME.png, whose pages go beside it as NAME-01.png, ...
 * @error: return location for an error
 *
 * Writes a PNG a view, 1920 × 1080 pixels, each through a temporary file renamed into
 * place. On failure the pages written so far stay (each is whole).
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the files written, in order
 */
GPtrArray *
fp_deck_write_pngs (FpDeck      *deck,
                    const char  *output,
                    GError     **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stem = NULL;
  FpRenderFormat format;

  g_return_val_if_fail (deck != NULL, NULL);
  g_return_val_if_fail (output != NULL, NULL);

  if (fp_render_format_from_path (output, &format) && format == FP_RENDER_PNG &&
      !g_file_test (output, G_FILE_TEST_IS_DIR))
    stem = g_strndup (output, strlen (output) - strlen (".png"));
  else if (g_mkdir_with_parents (output, 0777) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not make the folder “%s” for the pages: %s"), output,
                   g_strerror (saved));
      return NULL;
    }

  for (guint i = 0; i < deck->pages->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("%02u.png", i + 1);
      g_autofree char *path = stem != NULL ? g_strdup_printf ("%s-%s", stem, name)
                                           : g_build_filename (output, name, NULL);

      if (!fp_render_write_pages (FP_RENDER_PNG, path, deck->story, i, 1, draw_page_cb, deck,
                                  error))
        return NULL;
      g_ptr_array_add (written, g_steal_pointer (&path));
    }

  return g_steal_pointer (&written);
}
