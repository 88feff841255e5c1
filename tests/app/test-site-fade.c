/* test-site-fade.c: the site layer animates a change of the sites (presentation mode).
 *
 * In process, on the display the test runner provides (skipped without one): a site layer
 * on a session of the default document, on screen in a window. Switching from Do nothing
 * to an example option in 2030, with a transition, the sites that close stay drawn and
 * fade out: half-way they are drawn at the animation's opacity, at the end not at all, and
 * the layer then draws exactly what a layer that never animated draws. A site an option
 * opens fades in. Without a transition (the desk map) the change shows at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <adwaita.h>

#include "fp-site-layer.h"
#include "fp-test-util.h"

#define WIDTH  900
#define HEIGHT 700
#define YEAR   2030

typedef struct
{
  char            *folder;
  FpWorkspace     *workspace;
  FpSession       *session;
  GtkWidget       *window;
  GtkWidget       *box;
  FpSiteLayer     *layer;
  ShumateViewport *viewport;
} Fixture;

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* Woken every 50 ms, so a condition met without an event is seen. */
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_true (done (data));
}

static gboolean
is_drawn (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         fp_site_layer_get_n_frames (FP_SITE_LAYER (widget)) > 0;
}

static ShumateViewport *
birmingham (void)
{
  ShumateViewport *viewport = shumate_viewport_new ();
  /* Only its tile size and projection are used: no tile is asked for. */
  g_autoptr(ShumateRasterRenderer) source =
    shumate_raster_renderer_new_from_url ("file:///nonexistent/{z}/{x}/{y}.png");

  shumate_viewport_set_reference_map_source (viewport, SHUMATE_MAP_SOURCE (source));

  shumate_viewport_set_min_zoom_level (viewport, 2);
  shumate_viewport_set_max_zoom_level (viewport, 18);
  shumate_viewport_set_zoom_level (viewport, 10.6);
  shumate_location_set_location (SHUMATE_LOCATION (viewport), 52.46, -1.82);
  return viewport;
}

/* A layer on its own viewport, shown in the fixture's window beside the others. */
static FpSiteLayer *
add_layer (Fixture         *fixture,
           ShumateViewport *viewport)
{
  FpSiteLayer *layer = fp_site_layer_new (viewport);

  gtk_widget_set_size_request (GTK_WIDGET (layer), WIDTH, HEIGHT);
  gtk_box_append (GTK_BOX (fixture->box), GTK_WIDGET (layer));
  fp_site_layer_set_session (layer, fixture->session);
  spin_until (is_drawn, layer);
  return layer;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpStore) store = NULL;
  g_autofree char *path = NULL;

  fixture->folder = fp_test_tmpdir ();
  path = g_build_filename (fixture->folder, "default.footprint", NULL);
  store = fp_store_create_default (path, &error);
  g_assert_no_error (error);
  fixture->workspace = fp_workspace_new_for_store (store, &error);
  g_assert_no_error (error);
  fixture->session = fp_session_new (fixture->workspace, &error);
  g_assert_no_error (error);
  g_assert_true (fp_session_set_year (fixture->session, YEAR, &error));
  g_assert_no_error (error);

  fixture->window = gtk_window_new ();
  fixture->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_window_set_child (GTK_WINDOW (fixture->window), fixture->box);
  gtk_window_present (GTK_WINDOW (fixture->window));
  fixture->viewport = birmingham ();
  fixture->layer = add_layer (fixture, fixture->viewport);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->viewport);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->workspace);
  fp_test_rm_rf (fixture->folder);
  g_free (fixture->folder);
}

/* The first example option of the default document. */
static const char *
first_option (Fixture *fixture)
{
  GPtrArray *scenarios = fp_workspace_get_scenarios (fixture->workspace);

  g_assert_cmpuint (scenarios->len, >, 0);
  return ((FpScenario *) g_ptr_array_index (scenarios, 0))->name;
}

/* What the layer draws now, rendered in software (and saved as NAME.png in
 * $FP_TEST_PICTURES, when set, to look at). */
static GBytes *
render (FpSiteLayer *layer,
        const char  *name)
{
  const char *folder = g_getenv ("FP_TEST_PICTURES");
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (layer));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  guchar *pixels = g_malloc (WIDTH * HEIGHT * 4);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), WIDTH, HEIGHT);
  node = gtk_snapshot_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, WIDTH, HEIGHT));
  gsk_renderer_unrealize (renderer);
  if (folder != NULL)
    {
      g_autofree char *file = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (folder, file, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
    }
  gdk_texture_download (texture, pixels, WIDTH * 4);
  return g_bytes_new_take (pixels, WIDTH * HEIGHT * 4);
}

typedef struct
{
  AdwAnimation *animation;
  double        at_least;
} Waiting;

static gboolean
has_reached (gpointer data)
{
  Waiting *waiting = data;

  return adw_animation_get_value (waiting->animation) >= waiting->at_least ||
         adw_animation_get_state (waiting->animation) == ADW_ANIMATION_FINISHED;
}

static gboolean
has_finished (gpointer data)
{
  return adw_animation_get_state (ADW_ANIMATION (data)) == ADW_ANIMATION_FINISHED;
}

/* Sites that close fade out, the rest stay; at the end only the new sites are drawn. */
static void
test_fade_out (Fixture       *fixture,
               gconstpointer  data)
{
  const FpResults *results = fp_session_get_results (fixture->session);
  guint n_sites = results->n_sites;
  g_autofree gboolean *was_drawn = g_new0 (gboolean, n_sites);
  g_autofree gboolean *changing = g_new0 (gboolean, n_sites);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) start = NULL;
  g_autoptr(GBytes) middle = NULL;
  g_autoptr(GBytes) end = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(ShumateViewport) still_viewport = birmingham ();
  AdwAnimation *animation;
  FpSiteLayer *still;
  Waiting waiting;
  guint n_changing = 0, n_closing = 0, n_steady = 0;
  double value;

  /* Do nothing, drawn in full, no change under way. */
  for (guint i = 0; i < n_sites; i++)
    {
      double now, before;

      fp_site_layer_get_opacity (fixture->layer, i, &now, &before);
      g_assert_cmpfloat (before, ==, 0.0);
      g_assert_true (now == 0.0 || now == 1.0);
      was_drawn[i] = now == 1.0;
    }
  start = render (fixture->layer, "fade-start");

  fp_site_layer_set_transition_duration (fixture->layer, 3000);
  animation = fp_site_layer_get_transition (fixture->layer);
  g_assert_nonnull (animation);
  g_assert_true (fp_session_set_scenario (fixture->session, first_option (fixture), &error));
  g_assert_no_error (error);
  results = fp_session_get_results (fixture->session);
  g_assert_cmpint (adw_animation_get_state (animation), ==, ADW_ANIMATION_PLAYING);

  /* Half-way: a site from before that closes or changes is drawn at the animation's
   * opacity over what it becomes; one that does not change is drawn once, in full. */
  waiting = (Waiting) { animation, 0.5 };
  spin_until (has_reached, &waiting);
  g_assert_cmpint (adw_animation_get_state (animation), ==, ADW_ANIMATION_PLAYING);
  value = adw_animation_get_value (animation);
  middle = render (fixture->layer, "fade-middle");
  g_assert_cmpfloat (value, ==, adw_animation_get_value (animation));
  for (guint i = 0; i < n_sites; i++)
    {
      guint year = fp_session_get_year_index (fixture->session);
      const FpSiteYear *sy = fp_results_get (results, i, year);
      double now, before;

      fp_site_layer_get_opacity (fixture->layer, i, &now, &before);
      if (before > 0.0)
        {
          g_assert_true (was_drawn[i]);
          g_assert_cmpfloat_with_epsilon (before, 1.0 - value, 1e-9);
          changing[i] = TRUE;
          n_changing++;
          /* Closed by the option: no longer held (drawn as gone), or no longer there. */
          if (results->sites[i].exit_year != 0 &&
              YEAR >= results->sites[i].exit_year && (!sy->exists || !sy->held))
            n_closing++;
        }
      else if (was_drawn[i] && now == 1.0)
        n_steady++;
    }
  g_assert_cmpuint (n_closing, >, 0);
  g_assert_cmpuint (n_steady, >, n_changing);
  g_assert_cmpfloat (value, >, 0.0);
  g_assert_cmpfloat (value, <, 1.0);

  /* The end: no site from before is left, and the layer draws exactly what a layer that
   * never animated draws of the option. */
  spin_until (has_finished, animation);
  for (guint i = 0; i < n_sites; i++)
    {
      double now, before;

      fp_site_layer_get_opacity (fixture->layer, i, &now, &before);
      g_assert_cmpfloat (before, ==, 0.0);
      g_assert_true (now == 0.0 || now == 1.0);
    }
  end = render (fixture->layer, "fade-end");
  still = add_layer (fixture, still_viewport);
  plain = render (still, "fade-plain");
  g_assert_true (g_bytes_equal (end, plain));

  /* The change was drawn: half-way is neither the start nor the end. */
  g_assert_false (g_bytes_equal (middle, end));
  g_assert_false (g_bytes_equal (middle, start));
  g_assert_false (g_bytes_equal (start, end));
}

#define OPEN_HUB \
  "{\"kind\": \"open_site\", \"year\": 2027, \"id\": \"NEW-FADE-HUB\", " \
  "\"name\": \"Fade Hub\", \"site_type\": \"hub\", \"lat\": 52.48, \"lon\": -1.89, " \
  "\"gia_m2\": 2400, \"rooms\": {\"consult\": 18, \"treatment\": 6, \"group\": 2, " \
  "\"imaging\": 0}, \"beds\": 4, \"desks\": 10, \"hours_open_per_week\": 60, " \
  "\"capital_cost\": 9000000, \"running_cost\": 600000, \"tenure\": \"leasehold\", " \
  "\"lease_end_year\": 2040}"

/* A site the option opens fades in; at the end it is drawn in full. */
static void
test_fade_in (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwAnimation *animation;
  Waiting waiting;
  guint hub;
  double now, before, value;

  g_assert_nonnull (fp_workspace_create_scenario (fixture->workspace, "Opens a hub", NULL,
                                                  NULL, &error));
  g_assert_no_error (error);
  g_assert_true (fp_workspace_add_change_json (fixture->workspace, "Opens a hub", OPEN_HUB,
                                               NULL, &error));
  g_assert_no_error (error);

  fp_site_layer_set_transition_duration (fixture->layer, 3000);
  animation = fp_site_layer_get_transition (fixture->layer);
  g_assert_true (fp_session_set_scenario (fixture->session, "Opens a hub", &error));
  g_assert_no_error (error);
  g_assert_true (fp_session_find_site (fixture->session, "NEW-FADE-HUB", &hub));
  g_assert_cmpint (adw_animation_get_state (animation), ==, ADW_ANIMATION_PLAYING);

  waiting = (Waiting) { animation, 0.5 };
  spin_until (has_reached, &waiting);
  g_assert_cmpint (adw_animation_get_state (animation), ==, ADW_ANIMATION_PLAYING);
  value = adw_animation_get_value (animation);
  fp_site_layer_get_opacity (fixture->layer, hub, &now, &before);
  g_assert_cmpfloat_with_epsilon (now, value, 1e-9);
  g_assert_cmpfloat (now, <, 1.0);
  g_assert_cmpfloat (before, ==, 0.0);

  spin_until (has_finished, animation);
  fp_site_layer_get_opacity (fixture->layer, hub, &now, &before);
  g_assert_cmpfloat (now, ==, 1.0);
  g_assert_cmpfloat (before, ==, 0.0);
}

/* Without a transition (the desk map), a change shows at once. */
static void
test_no_transition (Fixture       *fixture,
                    gconstpointer  data)
{
  const FpResults *results;
  g_autoptr(GError) error = NULL;

  g_assert_null (fp_site_layer_get_transition (fixture->layer));
  g_assert_true (fp_session_set_scenario (fixture->session, first_option (fixture), &error));
  g_assert_no_error (error);
  results = fp_session_get_results (fixture->session);
  for (guint i = 0; i < results->n_sites; i++)
    {
      double now, before;

      fp_site_layer_get_opacity (fixture->layer, i, &now, &before);
      g_assert_cmpfloat (before, ==, 0.0);
      g_assert_true (now == 0.0 || now == 1.0);
    }

  /* Turned off during a change, the change ends at once. */
  fp_site_layer_set_transition_duration (fixture->layer, 3000);
  g_assert_true (fp_session_set_scenario (fixture->session, FP_DO_NOTHING, &error));
  g_assert_no_error (error);
  results = fp_session_get_results (fixture->session);
  g_assert_cmpint (adw_animation_get_state (fp_site_layer_get_transition (fixture->layer)), ==,
                   ADW_ANIMATION_PLAYING);
  {
    guint n_fading = 0;

    for (guint i = 0; i < results->n_sites; i++)
      {
        double before;

        fp_site_layer_get_opacity (fixture->layer, i, NULL, &before);
        n_fading += before > 0.0;
      }
    g_assert_cmpuint (n_fading, >, 0);
  }
  fp_site_layer_set_transition_duration (fixture->layer, 0);
  for (guint i = 0; i < results->n_sites; i++)
    {
      double before;

      fp_site_layer_get_opacity (fixture->layer, i, NULL, &before);
      g_assert_cmpfloat (before, ==, 0.0);
    }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display: run the app tests inside xvfb-run");
      return g_test_run ();
    }
  adw_init ();

  g_test_add ("/fp/app/site-fade/fade-out", Fixture, NULL, fixture_set_up, test_fade_out,
              fixture_tear_down);
  g_test_add ("/fp/app/site-fade/fade-in", Fixture, NULL, fixture_set_up, test_fade_in,
              fixture_tear_down);
  g_test_add ("/fp/app/site-fade/no-transition", Fixture, NULL, fixture_set_up,
              test_no_transition, fixture_tear_down);
  return g_test_run ();
}
