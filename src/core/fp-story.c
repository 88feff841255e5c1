/* fp-story.c: stories of saved views, and the rules a story keeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-story"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "fp-error.h"
#include "fp-scenario.h"
#include "fp-story.h"

/* The renderer's names (fp-map-style.c); tests/test-deck.c checks that they agree. */
static const char * const colour_by_names[] = {
  "utilisation", "category", "tenure", "void-cost", "cost-per-m2", "condition",
};
static const char * const size_by_names[] = { "floor-area", "void" };
static const char * const zone_layer_names[] = {
  "none", "density", "imd", "distance-before", "distance-after", "distance-change",
};

static gboolean
in_list (const char         *name,
         const char * const *names,
         guint               n)
{
  for (guint i = 0; name != NULL && i < n; i++)
    if (g_str_equal (name, names[i]))
      return TRUE;
  return FALSE;
}

/**
 * fp_story_colour_by_is_known:
 * @name: (nullable): a colour metric's name
 *
 * Returns: whether the map can colour its sites by @name
 */
gboolean
fp_story_colour_by_is_known (const char *name)
{
  return in_list (name, colour_by_names, G_N_ELEMENTS (colour_by_names));
}

/**
 * fp_story_size_by_is_known:
 * @name: (nullable): a size metric's name
 *
 * Returns: whether the map can size its sites by @name
 */
gboolean
fp_story_size_by_is_known (const char *name)
{
  return in_list (name, size_by_names, G_N_ELEMENTS (size_by_names));
}

/**
 * fp_story_zone_layer_is_known:
 * @name: (nullable): a zone layer's name
 *
 * Returns: whether the map can shade its zones by @name
 */
gboolean
fp_story_zone_layer_is_known (const char *name)
{
  return in_list (name, zone_layer_names, G_N_ELEMENTS (zone_layer_names));
}

/**
 * fp_story_zone_layer_needs_service:
 * @name: (nullable): a zone layer's name
 *
 * Returns: whether the layer shows the distance to a service, which a view must then name
 */
gboolean
fp_story_zone_layer_needs_service (const char *name)
{
  return name != NULL && g_str_has_prefix (name, "distance-");
}

/* ---- Views --------------------------------------------------------------------------- */

/**
 * fp_story_view_new:
 * @option: (nullable): a scenario's name, or %NULL (or "Do nothing") for Do nothing
 * @year: the calendar year shown
 * @title: the view's title
 *
 * Returns: (transfer full): a view of the whole area, coloured by utilisation, sized by
 *   floor area, with no zone layer, no site picked and no notes
 */
FpStoryView *
fp_story_view_new (const char *option,
                   int         year,
                   const char *title)
{
  FpStoryView *view = g_new0 (FpStoryView, 1);

  view->option = fp_scenario_is_do_nothing (option) ? NULL : g_strdup (option);
  view->year = year;
  view->colour_by = g_strdup ("utilisation");
  view->size_by = g_strdup ("floor-area");
  view->zone_layer = g_strdup ("none");
  view->title = g_strdup (title != NULL ? title : "");
  view->notes = g_strdup ("");
  return view;
}

/**
 * fp_story_view_copy:
 * @view: a view
 *
 * Returns: (transfer full): a copy of @view
 */
FpStoryView *
fp_story_view_copy (const FpStoryView *view)
{
  FpStoryView *copy = g_memdup2 (view, sizeof *view);

  copy->option = g_strdup (view->option);
  copy->colour_by = g_strdup (view->colour_by);
  copy->size_by = g_strdup (view->size_by);
  copy->zone_layer = g_strdup (view->zone_layer);
  copy->zone_service = g_strdup (view->zone_service);
  copy->site = g_strdup (view->site);
  copy->title = g_strdup (view->title);
  copy->notes = g_strdup (view->notes);
  return copy;
}

void
fp_story_view_free (FpStoryView *view)
{
  if (view == NULL)
    return;
  g_free (view->option);
  g_free (view->colour_by);
  g_free (view->size_by);
  g_free (view->zone_layer);
  g_free (view->zone_service);
  g_free (view->site);
  g_free (view->title);
  g_free (view->notes);
  g_free (view);
}

/**
 * fp_story_view_equal:
 * @a: a view
 * @b: another
 *
 * Returns: whether @a and @b show the same thing in the same words
 */
gboolean
fp_story_view_equal (const FpStoryView *a,
                     const FpStoryView *b)
{
  if (a->has_map_view != b->has_map_view ||
      (a->has_map_view && (a->latitude != b->latitude || a->longitude != b->longitude ||
                           a->zoom != b->zoom)))
    return FALSE;

  return a->year == b->year && g_strcmp0 (a->option, b->option) == 0 &&
         g_strcmp0 (a->colour_by, b->colour_by) == 0 &&
         g_strcmp0 (a->size_by, b->size_by) == 0 &&
         g_strcmp0 (a->zone_layer, b->zone_layer) == 0 &&
         g_strcmp0 (a->zone_service, b->zone_service) == 0 &&
         g_strcmp0 (a->site, b->site) == 0 && g_strcmp0 (a->title, b->title) == 0 &&
         g_strcmp0 (a->notes, b->notes) == 0;
}

static gboolean
is_hidden_character (gunichar c)
{
  return g_unichar_iscntrl (c) || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Whether @text is UTF-8 with no control character (a line break included: a title and a
 * note are one line each) or direction mark, and at most @max characters. */
static gboolean
check_line (const char  *text,
            const char  *what,
            glong        max,
            GError     **error)
{
  glong length;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      /* Translators: %s is what is wrong, e.g. "A view’s title" */
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT, _("%s must be text"), what);
      return FALSE;
    }
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_hidden_character (g_utf8_get_char (p)))
      {
        g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                     _("%s is one line and cannot hold a line break, a control character or "
                       "a bidirectional mark"), what);
        return FALSE;
      }
  length = g_utf8_strlen (text, -1);
  if (length > max)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("%s is at most %ld characters; this one has %ld"), what, max, length);
      return FALSE;
    }
  return TRUE;
}

/* A short identifier kept by name (a site's or a service's id). */
static gboolean
check_id (const char  *id,
          const char  *what,
          GError     **error)
{
  if (id == NULL)
    return TRUE;
  if (*id == '\0')
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT, _("%s is empty"), what);
      return FALSE;
    }
  return check_line (id, what, 64, error);
}

/**
 * fp_story_view_check:
 * @view: a view
 * @error: return location for an error
 *
 * Checks what a view can hold without the document: a year from 1900 to 2200, a map centre
 * on the map and a zoom from %FP_STORY_ZOOM_MIN to %FP_STORY_ZOOM_MAX, known metrics and
 * zone layer (a distance layer naming its service, no other naming one), a title of one
 * line (not empty, at most %FP_STORY_TITLE_MAX characters) and a line of notes (at most
 * %FP_STORY_NOTES_MAX). fp-workspace-story.c checks the rest against the document: the
 * option, the year in its horizon, the site and the service.
 *
 * Returns: %TRUE if the view keeps the rules
 */
gboolean
fp_story_view_check (const FpStoryView  *view,
                     GError            **error)
{
  g_return_val_if_fail (view != NULL, FALSE);

  if (view->option != NULL && !check_line (view->option, _("A view’s option"),
                                           FP_SCENARIO_NAME_MAX, error))
    return FALSE;
  if (view->option != NULL && *view->option == '\0')
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A view’s option is empty; name a scenario, or none for Do nothing"));
      return FALSE;
    }
  if (view->year < 1900 || view->year > 2200)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A view’s year must be from 1900 to 2200, not %d"), view->year);
      return FALSE;
    }
  if (view->has_map_view &&
      (!isfinite (view->latitude) || fabs (view->latitude) > 85.0 ||
       !isfinite (view->longitude) || fabs (view->longitude) > 180.0))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A view’s map centre must be a latitude from −85 to 85 and a longitude "
                     "from −180 to 180 degrees"));
      return FALSE;
    }
  if (view->has_map_view &&
      !(view->zoom >= FP_STORY_ZOOM_MIN && view->zoom <= FP_STORY_ZOOM_MAX))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A view’s map zoom must be from %g to %g"), FP_STORY_ZOOM_MIN,
                   FP_STORY_ZOOM_MAX);
      return FALSE;
    }
  if (!fp_story_colour_by_is_known (view->colour_by))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A view’s colours show utilisation, category, tenure, void-cost, "
                     "cost-per-m2 or condition, not “%s”"),
                   view->colour_by != NULL ? view->colour_by : "");
      return FALSE;
    }
  if (!fp_story_size_by_is_known (view->size_by))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A view’s sizes show floor-area or void, not “%s”"),
                   view->size_by != NULL ? view->size_by : "");
      return FALSE;
    }
  if (!fp_story_zone_layer_is_known (view->zone_layer))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A view’s zone layer is none, density, imd, distance-before, "
                     "distance-after or distance-change, not “%s”"),
                   view->zone_layer != NULL ? view->zone_layer : "");
      return FALSE;
    }
  if (fp_story_zone_layer_needs_service (view->zone_layer) != (view->zone_service != NULL))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   fp_story_zone_layer_needs_service (view->zone_layer)
                   ? _("The zone layer “%s” shows the distance to a service: name the service")
                   : _("The zone layer “%s” shows no service: name none"),
                   view->zone_layer);
      return FALSE;
    }
  if (!check_id (view->zone_service, _("A view’s zone service"), error) ||
      !check_id (view->site, _("A view’s site"), error))
    return FALSE;

  if (!check_line (view->title, _("A view’s title"), FP_STORY_TITLE_MAX, error))
    return FALSE;
  if (*view->title == '\0')
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A view’s title is empty; give it one"));
      return FALSE;
    }
  return check_line (view->notes, _("A view’s notes"), FP_STORY_NOTES_MAX, error);
}

static void
trim_in_place (char **text)
{
  if (*text != NULL && g_utf8_validate (*text, -1, NULL))
    {
      char *trimmed = g_strstrip (g_strdup (*text));

      g_free (*text);
      *text = trimmed;
    }
}

/**
 * fp_story_view_tidy:
 * @view: a view a user gave
 * @error: return location for an error
 *
 * Trims the blanks round the title, the notes and the option, makes a "Do nothing" option
 * %NULL and missing notes "", then checks the view (fp_story_view_check()).
 *
 * Returns: %TRUE if the tidied view keeps the rules
 */
gboolean
fp_story_view_tidy (FpStoryView  *view,
                    GError      **error)
{
  g_return_val_if_fail (view != NULL, FALSE);

  trim_in_place (&view->title);
  trim_in_place (&view->notes);
  trim_in_place (&view->option);
  if (view->notes == NULL)
    view->notes = g_strdup ("");
  if (view->option != NULL && fp_scenario_is_do_nothing (view->option))
    g_clear_pointer (&view->option, g_free);
  if (!view->has_map_view)
    view->latitude = view->longitude = view->zoom = 0;

  return fp_story_view_check (view, error);
}

/* ---- Stories ------------------------------------------------------------------------- */

/**
 * fp_story_new:
 * @name: the story's name
 *
 * Returns: (transfer full): a story with no views
 */
FpStory *
fp_story_new (const char *name)
{
  FpStory *story = g_new0 (FpStory, 1);

  story->name = g_strdup (name);
  story->views = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_story_view_free);
  return story;
}

/**
 * fp_story_copy:
 * @story: a story
 *
 * Returns: (transfer full): a deep copy
 */
FpStory *
fp_story_copy (const FpStory *story)
{
  FpStory *copy = fp_story_new (story->name);

  for (guint i = 0; i < story->views->len; i++)
    g_ptr_array_add (copy->views, fp_story_view_copy (g_ptr_array_index (story->views, i)));
  return copy;
}

void
fp_story_free (FpStory *story)
{
  if (story == NULL)
    return;
  g_free (story->name);
  g_ptr_array_unref (story->views);
  g_free (story);
}

/**
 * fp_story_normalize_name:
 * @name: (nullable): a name a user gave a story
 * @error: return location for an error
 *
 * A story's name is trimmed; it must then be non-empty, at most %FP_STORY_NAME_MAX
 * characters and hold no control or text-direction characters.
 *
 * Returns: (transfer full) (nullable): the name as it is kept, or %NULL with @error set
 */
char *
fp_story_normalize_name (const char  *name,
                         GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT, _("A story’s name must be text"));
      return NULL;
    }

  /* Trim every kind of blank, not only ASCII ones. */
  {
    const char *start = name, *end = name + strlen (name);

    while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
      start = g_utf8_next_char (start);
    while (end > start)
      {
        const char *prev = g_utf8_prev_char (end);

        if (!g_unichar_isspace (g_utf8_get_char (prev)))
          break;
        end = prev;
      }
    trimmed = g_strndup (start, end - start);
  }
  if (*trimmed == '\0')
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A story’s name is empty; give it one"));
      return NULL;
    }
  if (!check_line (trimmed, _("A story’s name"), FP_STORY_NAME_MAX, error))
    return NULL;

  return g_steal_pointer (&trimmed);
}

/**
 * fp_story_check:
 * @story: a story
 *
 * Returns: %TRUE if its name is kept as it is (fp_story_normalize_name()), it has at most
 *   %FP_STORY_MAX_VIEWS views and each keeps the rules (fp_story_view_check())
 */
gboolean
fp_story_check (const FpStory  *story,
                GError        **error)
{
  g_autofree char *name = fp_story_normalize_name (story->name, error);

  if (name == NULL)
    return FALSE;
  if (!g_str_equal (name, story->name))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A story’s name cannot start or end with a blank"));
      return FALSE;
    }
  if (story->views->len > FP_STORY_MAX_VIEWS)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("The story “%s” has %u views; a story holds at most %d"), story->name,
                   story->views->len, FP_STORY_MAX_VIEWS);
      return FALSE;
    }
  for (guint i = 0; i < story->views->len; i++)
    {
      if (!fp_story_view_check (g_ptr_array_index (story->views, i), error))
        {
          /* Translators: a prefix to what is wrong with a view */
          g_prefix_error (error, _("In view %u of the story “%s”: "), i + 1, story->name);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * fp_stories_find:
 * @stories: (element-type FpStory): a document's stories
 * @name: a name, in any case
 * @index: (out) (optional): where it is
 *
 * Returns: (transfer none) (nullable): the story of that name
 */
FpStory *
fp_stories_find (GPtrArray  *stories,
                 const char *name,
                 guint      *index)
{
  g_autofree char *folded = NULL;

  if (name == NULL)
    return NULL;

  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < stories->len; i++)
    {
      FpStory *story = g_ptr_array_index (stories, i);
      g_autofree char *other = g_utf8_casefold (story->name, -1);

      if (g_str_equal (folded, other))
        {
          if (index != NULL)
            *index = i;
          return story;
        }
    }
  return NULL;
}

/**
 * fp_stories_check:
 * @stories: (element-type FpStory): a document's stories
 * @error: return location for an error
 *
 * Returns: %TRUE if there are at most %FP_STORY_MAX_STORIES, each keeps the rules and no two
 *   share a name (without regard to case)
 */
gboolean
fp_stories_check (GPtrArray  *stories,
                  GError    **error)
{
  if (stories->len > FP_STORY_MAX_STORIES)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A document holds at most %d stories"), FP_STORY_MAX_STORIES);
      return FALSE;
    }
  for (guint i = 0; i < stories->len; i++)
    {
      const FpStory *story = g_ptr_array_index (stories, i);
      guint first;

      if (!fp_story_check (story, error))
        return FALSE;
      fp_stories_find (stories, story->name, &first);
      if (first != i)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                       _("A story called “%s” exists already"), story->name);
          return FALSE;
        }
    }
  return TRUE;
}
