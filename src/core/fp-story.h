/* fp-story.h: stories, named and ordered lists of saved views of a document.
 *
 * A facilitator saves views (an option in a year, where the map looks, what its colours,
 * sizes and zone shading show, the site picked, a title and a line of notes) into a story,
 * steps through it on the wall and hands it out as a deck (src/render/fp-deck.h). A
 * document holds several stories. They are kept in the document (fp-store-story.c) and
 * edited through the workspace (fp-workspace-story.h), one transaction per edit.
 *
 * The map's metrics are kept by their names (fp-map-style.h in the renderer names them: the
 * core cannot include it); fp_story_view_check() knows the same names, and
 * tests/test-deck.c checks that both lists agree. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-store.h"

G_BEGIN_DECLS

/* Caps: a story's name as long as a scenario's; titles fit a slide's title line. */
#define FP_STORY_NAME_MAX   100
#define FP_STORY_TITLE_MAX  120
#define FP_STORY_NOTES_MAX  400
#define FP_STORY_MAX_VIEWS  200
#define FP_STORY_MAX_STORIES 100

/* The zoom of a saved map view is a web map's (256 × 2^zoom pixels across the world); the
 * deck shows what a map this many pixels wide shows at that zoom. */
#define FP_STORY_REFERENCE_WIDTH 1280.0
#define FP_STORY_ZOOM_MIN 1.0
#define FP_STORY_ZOOM_MAX 20.0

/**
 * FpStoryView:
 * @option: (nullable): the scenario shown, by name; %NULL for Do nothing
 * @year: the calendar year shown
 * @has_map_view: whether the map shows @latitude, @longitude at @zoom (else the whole area)
 * @latitude: the map's centre, degrees
 * @longitude: the map's centre, degrees
 * @zoom: the map's zoom, a web map's zoom level (FP_STORY_ZOOM_MIN to _MAX)
 * @colour_by: what the site colours show ("utilisation", "category", "tenure",
 *   "void-cost", "cost-per-m2", "condition")
 * @size_by: what the site sizes show ("floor-area", "void")
 * @zone_layer: the zone shading ("none", "density", "imd", "distance-before",
 *   "distance-after", "distance-change")
 * @zone_service: (nullable): the service whose distance a distance layer shows (its id);
 *   %NULL for the other layers
 * @site: (nullable): the site picked, by id
 * @title: the view's title (not empty)
 * @notes: a line of notes ("" for none)
 */
typedef struct
{
  char     *option;
  int       year;
  gboolean  has_map_view;
  double    latitude;
  double    longitude;
  double    zoom;
  char     *colour_by;
  char     *size_by;
  char     *zone_layer;
  char     *zone_service;
  char     *site;
  char     *title;
  char     *notes;
} FpStoryView;

/**
 * FpStory:
 * @name: the story's name, unique in the document (without regard to case)
 * @views: (element-type FpStoryView): the views, in the order they are shown
 */
typedef struct
{
  char      *name;
  GPtrArray *views;
} FpStory;

FpStoryView *fp_story_view_new          (const char         *option,
                                         int                 year,
                                         const char         *title) G_GNUC_WARN_UNUSED_RESULT;
FpStoryView *fp_story_view_copy         (const FpStoryView  *view) G_GNUC_WARN_UNUSED_RESULT;
void         fp_story_view_free         (FpStoryView        *view);
gboolean     fp_story_view_equal        (const FpStoryView  *a,
                                         const FpStoryView  *b);
gboolean     fp_story_view_check        (const FpStoryView  *view,
                                         GError            **error);
gboolean     fp_story_view_tidy         (FpStoryView        *view,
                                         GError            **error);

FpStory     *fp_story_new               (const char         *name) G_GNUC_WARN_UNUSED_RESULT;
FpStory     *fp_story_copy              (const FpStory      *story) G_GNUC_WARN_UNUSED_RESULT;
void         fp_story_free              (FpStory            *story);
char        *fp_story_normalize_name    (const char         *name,
                                         GError            **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean     fp_story_check             (const FpStory      *story,
                                         GError            **error);
gboolean     fp_stories_check           (GPtrArray          *stories,
                                         GError            **error);
FpStory     *fp_stories_find            (GPtrArray          *stories,
                                         const char         *name,
                                         guint              *index);

/* The document's stories (fp-store-story.c): read, and replaced whole in one transaction. */
GPtrArray   *fp_store_load_stories      (FpStore            *store,
                                         GError            **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean     fp_store_save_stories      (FpStore            *store,
                                         GPtrArray          *stories,
                                         GError            **error);

gboolean     fp_story_colour_by_is_known  (const char       *name);
gboolean     fp_story_size_by_is_known    (const char       *name);
gboolean     fp_story_zone_layer_is_known (const char       *name);
gboolean     fp_story_zone_layer_needs_service (const char  *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpStoryView, fp_story_view_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpStory, fp_story_free)

G_END_DECLS
