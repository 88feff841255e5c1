/* test-deck.c: a story exported as a deck, by the renderer and by footprint-cli story.
 *
 * The PDF has one page a view (pdfinfo) and each page names its option (pdftotext); the
 * PNGs are one a view, 1920 × 1080, with drawn content; a view the document can no longer
 * show is refused before anything is written; the metric names the core keeps agree with
 * the renderer's. Run on a new default document, whose example story has a view for Do
 * nothing, one for each example and the comparison.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "fp-deck.h"
#include "fp-test-util.h"

static char *doc_path;

/* Runs a poppler tool; returns its output, or NULL (test skipped) without poppler. */
static char *
run_tool (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *found = g_find_program_in_path (argv[0]);
  int status;

  if (found == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static guint
pdf_pages (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run_tool (argv);
  const char *pages;

  g_assert_nonnull (info);
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* The text of one page with every run of blanks made one space (titles wrap). */
static char *
pdf_page_text (const char *pdf,
               guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-f", number, "-l", number, pdf, "-", NULL };
  g_autofree char *text = run_tool (argv);
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t\f", -1);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_string_append_printf (joined, "%s%s", joined->len > 0 ? " " : "", words[i]);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* Checks a PNG page: 1920 × 1080, mostly drawn (not blank), in many colours. */
static void
check_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  guint inked = 0, total;
  int w, h, stride;
  const guint8 *data;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  g_assert_cmpint (w, ==, 1920);
  g_assert_cmpint (h, ==, 1080);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = *(const guint32 *) (data + y * stride + x * 4) & 0xFFFFFF;

        if (px != 0xFFFFFF)
          inked++;
        g_hash_table_add (colours, GUINT_TO_POINTER (px));
      }
  total = (guint) (w * h);
  g_test_message ("%s: %.0f%% drawn, %u colours", path, 100.0 * inked / total,
                  g_hash_table_size (colours));
  /* The map alone covers well over a third of the page. */
  g_assert_cmpfloat ((double) inked / total, >, 0.3);
  g_assert_cmpuint (g_hash_table_size (colours), >, 100);
  cairo_surface_destroy (surface);
}

static FpWorkspace *
open_default (void)
{
  g_autoptr(GError) error = NULL;
  FpWorkspace *ws = fp_workspace_open (doc_path, NULL, &error);

  g_assert_no_error (error);
  return ws;
}

/* The core's metric names are the renderer's, no more and no fewer. */
static void
test_names_agree (void)
{
  for (guint i = 0; i < FP_N_COLOUR_BY; i++)
    g_assert_true (fp_story_colour_by_is_known (fp_colour_by_to_string (i)));
  for (guint i = 0; i < FP_N_SIZE_BY; i++)
    g_assert_true (fp_story_size_by_is_known (fp_size_by_to_string (i)));
  for (guint i = 0; i < FP_N_ZONE_LAYERS; i++)
    {
      g_assert_true (fp_story_zone_layer_is_known (fp_zone_layer_to_string (i)));
      g_assert_cmpint (fp_story_zone_layer_needs_service (fp_zone_layer_to_string (i)), ==,
                       fp_zone_layer_needs_service (i));
    }

  {
    const char *names[] = { "utilisation", "category", "tenure", "void-cost", "cost-per-m2",
                            "condition", "floor-area", "void", "none", "density", "imd",
                            "distance-before", "distance-after", "distance-change", "beauty" };
    guint known = 0;

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        FpColourBy c;
        FpSizeBy s;
        FpZoneLayer z;

        g_assert_cmpint (fp_story_colour_by_is_known (names[i]), ==,
                         fp_colour_by_from_string (names[i], &c));
        g_assert_cmpint (fp_story_size_by_is_known (names[i]), ==,
                         fp_size_by_from_string (names[i], &s));
        g_assert_cmpint (fp_story_zone_layer_is_known (names[i]), ==,
                         fp_zone_layer_from_string (names[i], &z));
        known += fp_story_colour_by_is_known (names[i]) + fp_story_size_by_is_known (names[i]) +
                 fp_story_zone_layer_is_known (names[i]);
      }
    g_assert_cmpuint (known, ==, FP_N_COLOUR_BY + FP_N_SIZE_BY + FP_N_ZONE_LAYERS);
  }
}

/* The example story as a PDF: a page a view, each naming its option and year. */
static void
test_pdf (void)
{
  g_autoptr(FpWorkspace) ws = open_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stories = fp_workspace_dup_stories (ws, &error);
  g_autoptr(FpDeck) deck = NULL;
  g_autofree char *pdf = fp_test_tmpfile ("deck.pdf");
  const FpStory *story;

  g_assert_no_error (error);
  g_assert_cmpuint (stories->len, ==, 1);
  story = g_ptr_array_index (stories, 0);
  g_assert_cmpuint (story->views->len, >=, 3);

  deck = fp_deck_new (ws, story, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fp_deck_get_n_pages (deck), ==, story->views->len);
  g_assert_true (fp_deck_write_pdf (deck, pdf, &error));
  g_assert_no_error (error);

  if (!fp_test_have_program ("pdfinfo"))
    {
      g_test_skip ("poppler-utils (pdfinfo, pdftotext) is not installed");
      return;
    }
  g_assert_cmpuint (pdf_pages (pdf), ==, story->views->len);
  for (guint i = 0; i < story->views->len; i++)
    {
      const FpStoryView *v = g_ptr_array_index (story->views, i);
      g_autofree char *text = pdf_page_text (pdf, i + 1);
      g_autofree char *title = g_strdup_printf ("%s · %d",
                                                v->option != NULL ? v->option : "Do nothing",
                                                v->year);

      g_test_message ("page %u: %.160s", i + 1, text);
      g_assert_nonnull (strstr (text, title));
      g_assert_nonnull (strstr (text, "Running cost"));
      /* No other view's option is named in the title line of this page. */
      for (guint j = 0; j < story->views->len; j++)
        {
          const FpStoryView *o = g_ptr_array_index (story->views, j);
          g_autofree char *other = g_strdup_printf ("%s · %d",
                                                    o->option != NULL ? o->option : "Do nothing",
                                                    o->year);

          if (g_strcmp0 (o->option, v->option) != 0 || o->year != v->year)
            g_assert_null (strstr (text, other));
        }
    }
}

/* The same story as PNGs: a file a view, each drawn; into a folder or beside NAME.png. */
static void
test_pngs (void)
{
  g_autoptr(FpWorkspace) ws = open_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stories = fp_workspace_dup_stories (ws, &error);
  g_autoptr(FpDeck) deck = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) beside = NULL;
  g_autofree char *dir = fp_test_tmpfile ("pages");
  g_autofree char *named = fp_test_tmpfile ("board.png");
  g_autofree char *stem = NULL;
  g_autofree char *first = NULL;
  const FpStory *story = g_ptr_array_index (stories, 0);

  deck = fp_deck_new (ws, story, NULL, &error);
  g_assert_no_error (error);
  written = fp_deck_write_pngs (deck, dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, story->views->len);
  for (guint i = 0; i < written->len; i++)
    check_png (g_ptr_array_index (written, i));

  stem = g_strndup (named, strlen (named) - strlen (".png"));
  first = g_strconcat (stem, "-01.png", NULL);
  beside = fp_deck_write_pngs (deck, named, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (beside, 0), ==, first);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
}

/* A view whose option was deleted is refused, naming the view, and an earlier deck stays. */
static void
test_refused (void)
{
  g_autoptr(FpWorkspace) ws = open_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStory) story = fp_story_new ("Gone");
  g_autoptr(FpDeck) deck = NULL;
  g_autofree char *pdf = fp_test_tmpfile ("kept.pdf");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  FpStoryView *view = fp_story_view_new ("No longer here", 2030, "A view");

  g_ptr_array_add (story->views, fp_story_view_new (NULL, 2026, "Fine"));
  g_ptr_array_add (story->views, view);
  g_assert_true (g_file_set_contents (pdf, "an earlier deck", -1, NULL));
  before = fp_test_file_checksum (pdf);

  deck = fp_deck_new (ws, story, NULL, &error);
  g_assert_null (deck);
  g_assert_error (error, FP_ERROR, FP_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "View 2"));
  g_assert_nonnull (strstr (error->message, "No longer here"));
  after = fp_test_file_checksum (pdf);
  g_assert_cmpstr (before, ==, after);

  g_clear_error (&error);
  g_ptr_array_set_size (story->views, 0);
  g_assert_null (fp_deck_new (ws, story, NULL, &error));
  g_assert_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT);
}

/* footprint-cli story: a story made from a script, listed, exported and read back. */
static void
test_cli (void)
{
  g_autofree char *home = fp_test_tmpfile ("cli-home");
  g_autofree char *pdf = fp_test_tmpfile ("cli-deck.pdf");
  g_autofree char *dir = fp_test_tmpfile ("cli-pages");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *stories, *views;

  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "story", "create", "--document", doc_path, "--story", "Board", NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "story", "add-view", "--document", doc_path, "--story", "Board",
                           "--year", "2026", "--title", "Where we start", "--notes", "As now",
                           NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "story", "add-view", "--document", doc_path, "--story", "Board",
                           "--option", "Example: fill the LIFT voids", "--year", "2030",
                           "--title", "Fill the voids", "--colour-by", "category",
                           "--zone-layer", "distance-change", "--zone-service", "urgent_care",
                           "--lat", "52.48", "--lon", "-1.89", "--zoom", "11", NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    /* Refused: an unknown option, and a year outside the horizon; nothing added. */
    g_auto(FpTestRun) run = { 0 };
    g_auto(FpTestRun) year = { 0 };
    const char *args[] = { "story", "add-view", "--document", doc_path, "--story", "Board",
                           "--option", "Nobody's plan", "--year", "2030", "--title", "T", NULL };
    const char *args_year[] = { "story", "add-view", "--document", doc_path, "--story", "Board",
                                "--year", "2199", "--title", "T", NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Nobody's plan"));
    fp_test_run_cli (&year, home, args_year);
    g_assert_cmpint (year.status, ==, 1);
    g_assert_nonnull (strstr (year.err, "2199"));
  }
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "story", "list", "--document", doc_path, "--format", "json", NULL };
    JsonObject *board;

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (json_parser_load_from_data (parser, run.out, -1, &error));
    g_assert_no_error (error);
    stories = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                            "stories");
    g_assert_cmpuint (json_array_get_length (stories), ==, 2);
    board = json_array_get_object_element (stories, 1);
    g_assert_cmpstr (json_object_get_string_member (board, "name"), ==, "Board");
    views = json_object_get_array_member (board, "views");
    g_assert_cmpuint (json_array_get_length (views), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (views, 0),
                                                    "option"), ==, "Do nothing");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (views, 1),
                                                    "zone_service"), ==, "urgent_care");
  }
  {
    g_auto(FpTestRun) run = { 0 };
    const char *args[] = { "story", "export", "--document", doc_path, "--story", "board",
                           "--output", pdf, NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
    if (fp_test_have_program ("pdfinfo"))
      {
        g_autofree char *page2 = NULL;

        g_assert_cmpuint (pdf_pages (pdf), ==, 2);
        page2 = pdf_page_text (pdf, 2);
        g_assert_nonnull (strstr (page2, "Example: fill the LIFT voids · 2030"));
        g_assert_nonnull (strstr (page2, "Fill the voids"));
      }
  }
  {
    g_auto(FpTestRun) run = { 0 };
    g_autofree char *second = g_build_filename (dir, "02.png", NULL);
    const char *args[] = { "story", "export", "--document", doc_path, "--story", "Board",
                           "--output", dir, "--format", "png", NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 0);
    check_png (second);
  }
  {
    /* replace-view changes what is given and keeps the rest; move-view, rename, show. */
    g_auto(FpTestRun) replace = { 0 };
    g_auto(FpTestRun) move = { 0 };
    g_auto(FpTestRun) rename = { 0 };
    g_auto(FpTestRun) show = { 0 };
    g_autoptr(JsonParser) p = json_parser_new ();
    const char *args_replace[] = { "story", "replace-view", "--document", doc_path, "--story",
                                   "Board", "--position", "2", "--year", "2031", NULL };
    const char *args_move[] = { "story", "move-view", "--document", doc_path, "--story",
                                "Board", "--position", "2", "--to-position", "1", NULL };
    const char *args_rename[] = { "story", "rename", "--document", doc_path, "--story",
                                  "Board", "--new-name", "Board, May", NULL };
    const char *args_show[] = { "story", "show", "--document", doc_path, "--story",
                                "board, may", "--format", "json", NULL };
    JsonObject *first;

    fp_test_run_cli (&replace, home, args_replace);
    g_assert_cmpint (replace.status, ==, 0);
    fp_test_run_cli (&move, home, args_move);
    g_assert_cmpint (move.status, ==, 0);
    fp_test_run_cli (&rename, home, args_rename);
    g_assert_cmpint (rename.status, ==, 0);
    fp_test_run_cli (&show, home, args_show);
    g_assert_cmpint (show.status, ==, 0);
    g_assert_true (json_parser_load_from_data (p, show.out, -1, &error));
    g_assert_no_error (error);
    stories = json_object_get_array_member (json_node_get_object (json_parser_get_root (p)),
                                            "stories");
    g_assert_cmpuint (json_array_get_length (stories), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (stories, 0),
                                                    "name"), ==, "Board, May");
    views = json_object_get_array_member (json_array_get_object_element (stories, 0), "views");
    first = json_array_get_object_element (views, 0);
    g_assert_cmpint (json_object_get_int_member (first, "year"), ==, 2031);
    g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Fill the voids");
    g_assert_cmpstr (json_object_get_string_member (first, "colour_by"), ==, "category");
    g_assert_cmpfloat (json_object_get_double_member (
                         json_object_get_object_member (first, "map_view"), "zoom"), ==, 11);
  }
  {
    g_auto(FpTestRun) remove = { 0 };
    g_auto(FpTestRun) del = { 0 };
    g_auto(FpTestRun) list = { 0 };
    const char *args_remove[] = { "story", "remove-view", "--document", doc_path, "--story",
                                  "Board, May", "--position", "1", NULL };
    const char *args_delete[] = { "story", "delete", "--document", doc_path, "--story",
                                  "Board, May", NULL };
    const char *args_list[] = { "story", "list", "--document", doc_path, NULL };

    fp_test_run_cli (&remove, home, args_remove);
    g_assert_cmpint (remove.status, ==, 0);
    fp_test_run_cli (&del, home, args_delete);
    g_assert_cmpint (del.status, ==, 0);
    fp_test_run_cli (&list, home, args_list);
    g_assert_cmpint (list.status, ==, 0);
    g_assert_null (strstr (list.out, "Board"));
  }
  {
    /* Usage errors: no output; an output with no format. */
    g_auto(FpTestRun) run = { 0 };
    g_auto(FpTestRun) fmt = { 0 };
    const char *args[] = { "story", "export", "--document", doc_path, NULL };
    const char *args_fmt[] = { "story", "export", "--document", doc_path, "--output", "deck",
                               NULL };

    fp_test_run_cli (&run, home, args);
    g_assert_cmpint (run.status, ==, 2);
    fp_test_run_cli (&fmt, home, args_fmt);
    g_assert_cmpint (fmt.status, ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  doc_path = fp_test_tmpfile ("deck.footprint");
  store = fp_store_create_default (doc_path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  g_test_add_func ("/fp/deck/names-agree", test_names_agree);
  g_test_add_func ("/fp/deck/pdf", test_pdf);
  g_test_add_func ("/fp/deck/pngs", test_pngs);
  g_test_add_func ("/fp/deck/refused", test_refused);
  g_test_add_func ("/fp/deck/cli", test_cli);

  status = g_test_run ();
  g_free (doc_path);
  return status;
}
