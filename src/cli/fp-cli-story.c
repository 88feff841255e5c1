/* fp-cli-story.c: footprint-cli story, stories of saved views and their decks.
 *
 * list, show, create, rename, delete, add-view, replace-view, remove-view, move-view and
 * export. Every edit goes through FpWorkspace (fp-workspace-story.h), which holds the rules;
 * the deck is drawn by the renderer (src/render/fp-deck.h), as the window draws it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "footprint-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "fp-cli.h"
#include "fp-deck.h"

typedef struct
{
  char *option;
  char *year;
  char *title;
  char *notes;
  char *lat;
  char *lon;
  char *zoom;
  char *colour_by;
  char *size_by;
  char *zone_layer;
  char *zone_service;
  char *site;
  gboolean whole_area;
} ViewOptions;

static void
view_options_clear (ViewOptions *o)
{
  g_free (o->option);
  g_free (o->year);
  g_free (o->title);
  g_free (o->notes);
  g_free (o->lat);
  g_free (o->lon);
  g_free (o->zoom);
  g_free (o->colour_by);
  g_free (o->size_by);
  g_free (o->zone_layer);
  g_free (o->zone_service);
  g_free (o->site);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ViewOptions, view_options_clear)

static gboolean
parse_number (const char  *text,
              const char  *option,
              double      *out,
              GError     **error)
{
  char *end = NULL;
  double value;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || *end != '\0' || !isfinite (value))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("--%s must be a number, not “%s”"), option, text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

/* A 1-based position as “story show” prints it, to an index. */
static gboolean
parse_position (const char  *text,
                const char  *option,
                guint       *index,
                GError     **error)
{
  guint64 n;

  if (text == NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("say which view with --%s N (its number in “story show”)"), option);
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 1, FP_STORY_MAX_VIEWS + 1, &n, NULL))
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("--%s must be a view’s number from 1, not “%s”"), option, text);
      return FALSE;
    }
  *index = (guint) n - 1;
  return TRUE;
}

static void
set_text (char       **field,
          const char  *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = g_strdup (value);
}

/* Applies the options given to @view; what is not given stays. Names are checked by the
 * workspace when the view is saved. */
static gboolean
apply_view_options (FpStoryView        *view,
                    const ViewOptions  *o,
                    GError            **error)
{
  if (o->option != NULL)
    {
      g_free (view->option);
      view->option = fp_scenario_is_do_nothing (o->option) ? NULL : g_strdup (o->option);
    }
  if (o->year != NULL)
    {
      gint64 year;

      if (!g_ascii_string_to_signed (o->year, 10, 1900, 2200, &year, NULL))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("--year must be a year from 1900 to 2200, not “%s”"), o->year);
          return FALSE;
        }
      view->year = (int) year;
    }
  set_text (&view->title, o->title);
  set_text (&view->notes, o->notes);
  set_text (&view->colour_by, o->colour_by);
  set_text (&view->size_by, o->size_by);
  if (o->zone_layer != NULL)
    {
      set_text (&view->zone_layer, o->zone_layer);
      if (!fp_story_zone_layer_needs_service (o->zone_layer))
        g_clear_pointer (&view->zone_service, g_free);
    }
  set_text (&view->zone_service, o->zone_service);
  if (o->site != NULL)
    {
      g_free (view->site);
      view->site = *o->site != '\0' && g_ascii_strcasecmp (o->site, "none") != 0
                   ? g_strdup (o->site) : NULL;
    }

  if (o->whole_area)
    view->has_map_view = FALSE;
  if (o->lat != NULL || o->lon != NULL || o->zoom != NULL)
    {
      if (o->lat == NULL || o->lon == NULL || o->zoom == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       _("a map view needs all of --lat, --lon and --zoom"));
          return FALSE;
        }
      if (!parse_number (o->lat, "lat", &view->latitude, error) ||
          !parse_number (o->lon, "lon", &view->longitude, error) ||
          !parse_number (o->zoom, "zoom", &view->zoom, error))
        return FALSE;
      view->has_map_view = TRUE;
    }
  return TRUE;
}

static void
view_to_json (JsonBuilder       *b,
              const FpStoryView *v)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "option");
  json_builder_add_string_value (b, v->option != NULL ? v->option : FP_DO_NOTHING);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, v->year);
  json_builder_set_member_name (b, "title");
  json_builder_add_string_value (b, v->title);
  json_builder_set_member_name (b, "notes");
  json_builder_add_string_value (b, v->notes);
  json_builder_set_member_name (b, "map_view");
  if (v->has_map_view)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "lat");
      json_builder_add_double_value (b, v->latitude);
      json_builder_set_member_name (b, "lon");
      json_builder_add_double_value (b, v->longitude);
      json_builder_set_member_name (b, "zoom");
      json_builder_add_double_value (b, v->zoom);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "colour_by");
  json_builder_add_string_value (b, v->colour_by);
  json_builder_set_member_name (b, "size_by");
  json_builder_add_string_value (b, v->size_by);
  json_builder_set_member_name (b, "zone_layer");
  json_builder_add_string_value (b, v->zone_layer);
  json_builder_set_member_name (b, "zone_service");
  v->zone_service ? json_builder_add_string_value (b, v->zone_service)
                  : json_builder_add_null_value (b);
  json_builder_set_member_name (b, "site");
  v->site ? json_builder_add_string_value (b, v->site) : json_builder_add_null_value (b);
  json_builder_end_object (b);
}

static void
print_story (const FpStory *story)
{
  printf (ngettext ("%s (%u view)\n", "%s (%u views)\n", story->views->len), story->name,
          story->views->len);
  for (guint v = 0; v < story->views->len; v++)
    {
      const FpStoryView *view = g_ptr_array_index (story->views, v);

      printf ("%3u. %s · %d — %s\n", v + 1,
              view->option != NULL ? view->option : FP_DO_NOTHING, view->year, view->title);
      if (*view->notes != '\0')
        printf ("     %s\n", view->notes);
    }
}

static int
story_list (Document   *doc,
            const char *only,
            gboolean    json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stories = fp_workspace_dup_stories (doc->workspace, &error);

  if (stories == NULL)
    return fail_error (error);

  if (only != NULL)
    {
      FpStory *story = fp_stories_find (stories, only, NULL);
      FpStory *copy;

      if (story == NULL)
        return fail (EXIT_FAILED, _("there is no story called “%s”"), only);
      copy = fp_story_copy (story);
      g_ptr_array_set_size (stories, 0);
      g_ptr_array_add (stories, copy);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "stories");
      json_builder_begin_array (b);
      for (guint i = 0; i < stories->len; i++)
        {
          const FpStory *story = g_ptr_array_index (stories, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, story->name);
          json_builder_set_member_name (b, "views");
          json_builder_begin_array (b);
          for (guint v = 0; v < story->views->len; v++)
            view_to_json (b, g_ptr_array_index (story->views, v));
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = fp_json_to_string (root, TRUE);
      printf ("%s\n", text);
      return EXIT_OK;
    }

  if (stories->len == 0)
    printf ("%s\n", _("No stories yet."));
  for (guint i = 0; i < stories->len; i++)
    {
      if (i > 0)
        printf ("\n");
      print_story (g_ptr_array_index (stories, i));
    }
  return EXIT_OK;
}

/* The story named, or without a name the document's first. */
static FpStory *
choose_story (Document    *doc,
              const char  *name,
              GError     **error)
{
  g_autoptr(GPtrArray) stories = NULL;

  if (name != NULL)
    return fp_workspace_dup_story (doc->workspace, name, error);

  stories = fp_workspace_dup_stories (doc->workspace, error);
  if (stories == NULL)
    return NULL;
  if (stories->len == 0)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                   _("the document has no story to export; make one with “footprint-cli story "
                     "create --story NAME”"));
      return NULL;
    }
  return fp_story_copy (g_ptr_array_index (stories, 0));
}

static int
story_export (Document   *doc,
              const char *name,
              const char *format_name,
              const char *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStory) story = NULL;
  g_autoptr(FpDeck) deck = NULL;
  FpRenderFormat format;

  if (output == NULL)
    return fail (EXIT_USAGE, _("say where the deck goes with --output deck.pdf (or a folder "
                               "with --format png)"));
  if (format_name != NULL)
    {
      if (!fp_render_format_from_string (format_name, &format) || format == FP_RENDER_SVG)
        return fail (EXIT_USAGE, _("--format must be pdf or png for export"));
    }
  else if (!fp_render_format_from_path (output, &format) || format == FP_RENDER_SVG)
    return fail (EXIT_USAGE, _("say the deck’s format: an --output ending in .pdf or .png, or "
                               "--format pdf|png"));

  story = choose_story (doc, name, &error);
  if (story == NULL)
    return fail_error (error);

  deck = fp_deck_new (doc->workspace, story, NULL, &error);
  if (deck == NULL)
    return fail_error (error);

  if (format == FP_RENDER_PDF)
    {
      if (!fp_deck_write_pdf (deck, output, &error))
        return fail_error (error);
      fprintf (stderr, ngettext ("%s: wrote the story “%s”, %u page, to %s\n",
                                 "%s: wrote the story “%s”, %u pages, to %s\n",
                                 fp_deck_get_n_pages (deck)),
               fp_cli_prog_name, story->name, fp_deck_get_n_pages (deck), output);
    }
  else
    {
      g_autoptr(GPtrArray) written = fp_deck_write_pngs (deck, output, &error);

      if (written == NULL)
        return fail_error (error);
      for (guint i = 0; i < written->len; i++)
        printf ("%s\n", (const char *) g_ptr_array_index (written, i));
      fprintf (stderr, ngettext ("%s: wrote the story “%s” as %u picture\n",
                                 "%s: wrote the story “%s” as %u pictures\n", written->len),
               fp_cli_prog_name, story->name, written->len);
    }
  return EXIT_OK;
}

int
cmd_story (int    argc,
           char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *story = NULL;
  g_autofree char *output = NULL;
  g_autofree char *format = NULL;
  g_autofree char *new_name = NULL;
  g_autofree char *position = NULL;
  g_autofree char *to_position = NULL;
  g_auto(ViewOptions) o = { 0 };
  g_auto(Document) doc = { 0 };
  g_autoptr(GError) error = NULL;
  const char *action;
  int code = EXIT_OK;
  GOptionEntry entries[] = {
    { "document", 'd', 0, G_OPTION_ARG_FILENAME, &document,
      N_("The document (default: the user’s document)"), N_("PATH") },
    { "story", 's', 0, G_OPTION_ARG_STRING, &story,
      N_("The story’s name (export: default the document’s first)"), N_("NAME") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("export: the PDF to write, or the folder (or NAME.png) for the PNGs"), N_("PATH") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("list, show: text or json; export: pdf or png (default: by --output’s extension)"),
      N_("FORMAT") },
    { "new-name", 0, 0, G_OPTION_ARG_STRING, &new_name, N_("rename: the new name"), N_("NAME") },
    { "position", 0, 0, G_OPTION_ARG_STRING, &position,
      N_("add-view: where it goes (default: at the end); replace-view, remove-view, "
         "move-view: the view’s number in “story show”"), N_("N") },
    { "to-position", 0, 0, G_OPTION_ARG_STRING, &to_position,
      N_("move-view: the place it moves to"), N_("N") },
    { "option", 0, 0, G_OPTION_ARG_STRING, &o.option,
      N_("the scenario shown, or “Do nothing” (the default)"), N_("NAME") },
    { "year", 0, 0, G_OPTION_ARG_STRING, &o.year, N_("the year shown"), N_("YEAR") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &o.title, N_("the view’s title"), N_("TEXT") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &o.notes, N_("a line of notes"), N_("TEXT") },
    { "lat", 0, 0, G_OPTION_ARG_STRING, &o.lat, N_("the map’s centre, latitude"), N_("DEG") },
    { "lon", 0, 0, G_OPTION_ARG_STRING, &o.lon, N_("the map’s centre, longitude"), N_("DEG") },
    { "zoom", 0, 0, G_OPTION_ARG_STRING, &o.zoom,
      N_("the map’s zoom, 1 to 20 (without --lat, --lon, --zoom: the whole area)"), N_("Z") },
    { "whole-area", 0, 0, G_OPTION_ARG_NONE, &o.whole_area,
      N_("replace-view: show the whole area again"), NULL },
    { "colour-by", 0, 0, G_OPTION_ARG_STRING, &o.colour_by,
      N_("utilisation, category, tenure, void-cost, cost-per-m2 or condition"), N_("METRIC") },
    { "size-by", 0, 0, G_OPTION_ARG_STRING, &o.size_by, N_("floor-area or void"), N_("METRIC") },
    { "zone-layer", 0, 0, G_OPTION_ARG_STRING, &o.zone_layer,
      N_("none, density, imd, distance-before, distance-after or distance-change"),
      N_("LAYER") },
    { "zone-service", 0, 0, G_OPTION_ARG_STRING, &o.zone_service,
      N_("the service a distance layer shows (its id)"), N_("ID") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &o.site, N_("the site picked (its id), or none"),
      N_("ID") },
    { NULL }
  };

  if (!parse_options ("story",
                      _("list|show|create|rename|delete|add-view|replace-view|remove-view|"
                        "move-view|export"),
                      _("Stories of saved views of the document, and their decks (PDF, PNG)."),
                      entries, &argc, &argv, &code))
    return code;

  if (argc < 2)
    return fail (EXIT_USAGE, _("say what to do: list, show, create, rename, delete, add-view, "
                               "replace-view, remove-view, move-view or export (try "
                               "“footprint-cli story --help”)"));
  action = argv[1];
  if (!no_extra_arguments ("story", argc, argv, 2, &code))
    return code;

  if ((g_str_equal (action, "list") || g_str_equal (action, "show")) && format != NULL &&
      !g_str_equal (format, "json") && !g_str_equal (format, "text"))
    return fail (EXIT_USAGE, _("--format must be text or json for %s"), action);

  if (!document_open (&doc, document, &error))
    return fail_error (error);

  if (g_str_equal (action, "list"))
    return story_list (&doc, NULL, g_strcmp0 (format, "json") == 0);

  if (g_str_equal (action, "export"))
    return story_export (&doc, story, format, output);

  if (story == NULL)
    return fail (EXIT_USAGE, _("name the story with --story NAME"));

  if (g_str_equal (action, "show"))
    return story_list (&doc, story, g_strcmp0 (format, "json") == 0);

  if (g_str_equal (action, "create"))
    {
      if (!fp_workspace_create_story (doc.workspace, story, &error))
        return fail_error (error);
      printf (_("Created the story “%s”\n"), g_strstrip (story));
    }
  else if (g_str_equal (action, "rename"))
    {
      if (new_name == NULL)
        return fail (EXIT_USAGE, _("give the new name with --new-name NAME"));
      if (!fp_workspace_rename_story (doc.workspace, story, new_name, &error))
        return fail_error (error);
      printf (_("Renamed the story “%s” to “%s”\n"), story, g_strstrip (new_name));
    }
  else if (g_str_equal (action, "delete"))
    {
      if (!fp_workspace_delete_story (doc.workspace, story, &error))
        return fail_error (error);
      printf (_("Deleted the story “%s”\n"), story);
    }
  else if (g_str_equal (action, "add-view"))
    {
      g_autoptr(FpStoryView) view = fp_story_view_new (NULL, 0, NULL);
      guint at = 0, index;

      if (o.year == NULL || o.title == NULL)
        return fail (EXIT_USAGE, _("a view needs --year YEAR and --title TEXT"));
      if (!apply_view_options (view, &o, &error) ||
          (position != NULL && !parse_position (position, "position", &at, &error)) ||
          !fp_workspace_add_story_view (doc.workspace, story, view,
                                        position != NULL ? (int) at : -1, &index, &error))
        return fail_error (error);
      printf (_("Added view %u to the story “%s”\n"), index + 1, story);
    }
  else if (g_str_equal (action, "replace-view"))
    {
      g_autoptr(FpStory) s = NULL;
      g_autoptr(FpStoryView) view = NULL;
      guint index;

      if (!parse_position (position, "position", &index, &error) ||
          (s = fp_workspace_dup_story (doc.workspace, story, &error)) == NULL)
        return fail_error (error);
      if (index >= s->views->len)
        return fail (EXIT_FAILED, _("the story “%s” has no view %u: it has %u"), s->name,
                     index + 1, s->views->len);
      view = fp_story_view_copy (g_ptr_array_index (s->views, index));
      if (!apply_view_options (view, &o, &error) ||
          !fp_workspace_replace_story_view (doc.workspace, story, index, view, &error))
        return fail_error (error);
      printf (_("Replaced view %u of the story “%s”\n"), index + 1, s->name);
    }
  else if (g_str_equal (action, "remove-view"))
    {
      guint index;

      if (!parse_position (position, "position", &index, &error) ||
          !fp_workspace_remove_story_view (doc.workspace, story, index, &error))
        return fail_error (error);
      printf (_("Removed view %u of the story “%s”\n"), index + 1, story);
    }
  else if (g_str_equal (action, "move-view"))
    {
      guint from, to;

      if (!parse_position (position, "position", &from, &error) ||
          !parse_position (to_position, "to-position", &to, &error) ||
          !fp_workspace_move_story_view (doc.workspace, story, from, to, &error))
        return fail_error (error);
      printf (_("Moved view %u of the story “%s” to %u\n"), from + 1, story, to + 1);
    }
  else
    return fail (EXIT_USAGE, _("unknown action “%s”: use list, show, create, rename, delete, "
                               "add-view, replace-view, remove-view, move-view or export"),
                 action);

  return EXIT_OK;
}
