/* fp-window.c: one document: header bar, key figures, and the map or the sites table.
 *
 * The window owns the session (what it shows: scenario, year, selection, map style) and
 * every user operation as an action in its action map, so each is bound to buttons,
 * menus and shortcuts and can also be driven from outside over D-Bus
 * (org.gtk.Actions on /io/github/footprint/Footprint/window/N; docs/actions.md lists
 * them). The actions that edit a scenario wait for the workspace's edit functions and
 * are disabled until then (see "Edits" below). The window remembers its size and the
 * map's view in GSettings when the schema is installed, presents errors, and can save a
 * picture of itself once the map has drawn (tests, the README's screenshots).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-window"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <time.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <shumate/shumate.h>

#include <string.h>

#include "fp-appraisal-view.h"
#include "fp-change-dialog.h"
#include "fp-compare-view.h"
#include "fp-export-actions.h"
#include "fp-file-chooser.h"
#include "fp-image.h"
#include "fp-import-dialog.h"
#include "fp-optimise-dialog.h"
#include "fp-key-strip.h"
#include "fp-map-view.h"
#include "fp-presentation.h"
#include "fp-presenter.h"
#include "fp-scenarios-view.h"
#include "fp-session.h"
#include "fp-side-panel.h"
#include "fp-sites-view.h"
#include "fp-window.h"

/* How long the screenshot waits for the map before it gives up, and for animations
 * (the toast, the first tiles) to settle once the map is ready. */
#define SCREENSHOT_TIMEOUT_MS 30000
#define SCREENSHOT_POLL_MS    100
#define SCREENSHOT_SETTLE_MS  700

/* The zoom a postcode is shown at: its streets and the sites around it. */
#define POSTCODE_ZOOM   14.5
#define DISTRICT_ZOOM   13.0

struct _FpWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkWidget            *panel_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *scenario_box;
  GtkDropDown          *scenario_dropdown;
  GtkStringList        *scenario_names;
  GtkSpinButton        *year_spin;
  GtkAdjustment        *year_adjustment;
  AdwSqueezer          *switcher_squeezer;
  GtkWidget            *view_switcher;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *stack;
  AdwViewStack         *view_stack;
  AdwFlap              *flap;
  FpSidePanel          *side_panel;
  FpMapView            *map_view;
  FpSitesView          *sites_view;
  FpScenariosView      *scenarios_view;
  FpCompareView        *compare_view;
  FpAppraisalView      *appraisal_view;
  FpKeyStrip           *key_strip;
  AdwStatusPage        *error_page;
  GMenu                *recent_section;

  GSettings            *settings;
  FpWorkspace          *document;
  FpSession            *session;
  FpPostcodes          *postcodes;
  gboolean              syncing;

  /* Edits */
  gulong                changed_id;
  guint                 n_edits;          /* "changed" signals heard */
  GError               *last_refusal;     /* of the last edit, if it was refused */
  GtkWidget            *applying_dialog;  /* the dialog whose edit is being made */
  FpChangeDialog       *picking_dialog;   /* weak: waits for a site chosen on the map */
  AdwToast             *pick_toast;       /* weak */
  GtkWidget            *last_dialog;      /* weak: the dialog opened last (screenshots) */
  GPtrArray            *toasts;           /* AdwToast shown or queued */
  FpScenario           *deleted;          /* the scenario last deleted, for Undo */
  GPtrArray            *deleted_overrides;

  /* Benchmarks (FOOTPRINT_BENCH=FILE, bench/bench-window.c) */
  FILE                 *bench;
  gboolean              bench_window_frame;
  gboolean              bench_estate_frame;
  gint64                bench_edit_started;
  gint64                bench_edit_cpu;
  gint64                bench_edit_started_copy;
  gint64                bench_access_started;
  gint64                bench_pan_started;
  gint64                bench_pan_until;
  guint                 bench_pan_frames;
  guint                 bench_pan_tick;
  double                bench_pan_lat;
  double                bench_pan_lon;
  double                bench_pan_zoom;
};

G_DEFINE_FINAL_TYPE (FpWindow, fp_window, ADW_TYPE_APPLICATION_WINDOW)

typedef struct
{
  char   *path;
  char   *map_path;
  gint64  deadline;
  gint64  ready_at;
  guint   source_id;
} Screenshot;

static void update_recent_menu (FpWindow *self);
static void update_key_figures_state (FpWindow *self);
static void update_edit_actions (FpWindow *self);
static gboolean end_pick (FpWindow *self,
                          const char *site_id);
static void bench_edit_begins (FpWindow *self);
static gint64 cpu_usec (void);
static void bench_note (FpWindow   *self,
                        const char *name,
                        gint64      value);

/* The edits: enabled with a document that can be written. */
static const char * const edit_actions[] = {
  "undo", "redo", "new-scenario", "new-scenario-dialog", "duplicate-scenario",
  "rename-scenario", "rename-scenario-dialog", "delete-scenario", "undo-delete-scenario",
  "add-change", "replace-change", "remove-change", "move-change", "edit-change",
  "override-category", "override-category-dialog", "open-site-here", "move-service",
  "exit-site", "dispose-site",
  "backfill-site", "change-hours",
};


/* ---- helpers -------------------------------------------------------------------- */

static void
set_action_enabled (FpWindow   *self,
                    const char *name,
                    gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
set_action_state (FpWindow   *self,
                  const char *name,
                  GVariant   *state)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), state);
}

static void
on_toast_dismissed_cb (AdwToast *toast,
                       FpWindow *self)
{
  g_ptr_array_remove (self->toasts, toast);
}

/* Whether a toast still has something to say: one with a button whose action has since
 * been done (an import's Undo, once undone) has not. */
static gboolean
toast_is_stale (FpWindow *self,
                AdwToast *toast)
{
  const char *action = adw_toast_get_action_name (toast);

  if (adw_toast_get_button_label (toast) == NULL)
    return TRUE;
  return action != NULL && g_str_has_prefix (action, "win.") &&
         !g_action_group_get_action_enabled (G_ACTION_GROUP (self), action + 4);
}

/* Every toast goes through here, so a screenshot can wait for them to go. A new toast
 * takes the place of those still queued behind the one on show that are only news (or whose
 * button no longer applies): libadwaita 1.2 shows them one after another, so after a run
 * of exports and an import the last message would come half a minute late. The toast on
 * show (the first) is left to go by itself: dismissing it while it appears upsets
 * libadwaita 1.2. */
static void
add_toast (FpWindow *self,
           AdwToast *toast)
{
  for (guint i = self->toasts->len; i > 1; i--)
    {
      AdwToast *queued = g_ptr_array_index (self->toasts, i - 1);

      if (toast_is_stale (self, queued))
        adw_toast_dismiss (queued); /* "dismissed" takes it out of the array */
    }
  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Whether a toast that goes by itself is shown or queued: a screenshot waits for it to go,
 * to show the window as it is rather than a passing message. (Dismissing it early, while
 * it appears, upset libadwaita 1.2.) */
static gboolean
passing_toasts (FpWindow *self)
{
  for (guint i = 0; i < self->toasts->len; i++)
    if (adw_toast_get_timeout (g_ptr_array_index (self->toasts, i)) > 0)
      return TRUE;
  return FALSE;
}

static void
show_error_toast (FpWindow     *self,
                  const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 6);
  add_toast (self, toast);
}

static void
screenshot_free (gpointer data)
{
  Screenshot *shot = data;

  g_clear_handle_id (&shot->source_id, g_source_remove);
  g_free (shot->path);
  g_free (shot->map_path);
  g_free (shot);
}

/* Renders a widget (its border box, as the user sees it: for the window, without the
 * shadow) into a PNG, one pixel per logical pixel. The file is written beside its name
 * and renamed into place, so a reader never sees half a picture. */
static gboolean
save_picture (GtkWidget   *widget,
              const char  *path,
              GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *partial = g_strconcat (path, ".part", NULL);
  GskRenderer *renderer;
  int width, height;

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  paintable = gtk_widget_paintable_new (widget);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  if (renderer == NULL || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The window is not shown, so there is nothing to save"));
      return FALSE;
    }

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The window drew nothing"));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, partial) || g_rename (partial, path) != 0)
    {
      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_ready (FpWindow *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return FALSE;
  if (self->document == NULL)
    return TRUE;
  if (fp_presentation_is_shown (GTK_WIDGET (self)))
    return fp_presentation_is_ready (GTK_WIDGET (self)) && !passing_toasts (self);
  if (!fp_side_panel_is_settled (self->side_panel) || fp_session_is_measuring (self->session) ||
      passing_toasts (self))
    return FALSE;
  /* The sites table draws at once; the map waits for its tiles, the changes for their
   * effects, the comparison for its figures and maps, the Appraisal view for its
   * appraisal. */
  {
    const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

    if (g_strcmp0 (view, "map") == 0)
      return fp_map_view_is_ready (self->map_view);
    if (g_strcmp0 (view, "scenarios") == 0)
      return fp_scenarios_view_is_settled (self->scenarios_view);
    if (g_strcmp0 (view, "compare") == 0)
      return fp_compare_view_is_settled (self->compare_view);
    if (g_strcmp0 (view, "appraisal") == 0)
      return fp_appraisal_view_is_settled (self->appraisal_view);
    return TRUE;
  }
}

static gboolean
screenshot_poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  FpWindow *self = g_task_get_source_object (task);
  Screenshot *shot = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;

  if (!is_ready (self))
    {
      shot->ready_at = 0;
      if (now < shot->deadline)
        return G_SOURCE_CONTINUE;

      shot->source_id = 0;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                               _("The map was not drawn in time for the screenshot"));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  if (shot->ready_at == 0)
    shot->ready_at = now;
  if (now - shot->ready_at < SCREENSHOT_SETTLE_MS * 1000)
    return G_SOURCE_CONTINUE;

  shot->source_id = 0;
  if ((shot->map_path == NULL || self->document == NULL ||
       save_picture (fp_map_view_get_map (self->map_view), shot->map_path, &error)) &&
      save_picture (GTK_WIDGET (self), shot->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* Puts the scenario names in the dropdown, Do nothing first. */
static void
fill_scenarios (FpWindow *self)
{
  GPtrArray *scenarios = fp_workspace_get_scenarios (self->document);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;

  g_ptr_array_add (names, (char *) _("Do nothing"));
  for (guint i = 0; i < scenarios->len; i++)
    {
      FpScenario *scenario = g_ptr_array_index (scenarios, i);

      g_ptr_array_add (names, scenario->name);
      if (g_strcmp0 (scenario->name, fp_session_get_scenario (self->session)) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (names, NULL);

  self->syncing = TRUE;
  gtk_string_list_splice (self->scenario_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->scenario_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->scenario_dropdown, selected);
  self->syncing = FALSE;
}

/* The scenario's name for the action: the dropdown shows "Do nothing" translated. */
static const char *
scenario_at (FpWindow *self,
             guint     position)
{
  GPtrArray *scenarios = fp_workspace_get_scenarios (self->document);

  if (position == 0 || position > scenarios->len)
    return FP_DO_NOTHING;
  return ((FpScenario *) g_ptr_array_index (scenarios, position - 1))->name;
}

static void
update_title (FpWindow *self)
{
  const FpEstate *estate = fp_workspace_get_estate (self->document);
  g_autofree char *file = g_path_get_basename (fp_workspace_get_path (self->document));
  g_autofree char *title = NULL;

  adw_window_title_set_title (self->window_title, estate->name);
  adw_window_title_set_subtitle (self->window_title, file);
  /* Translators: the window's title: the estate's name, then the application's */
  title = g_strdup_printf (_("%s — Footprint"), estate->name);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The side panel covers the map's left when it is folded over it. */
static void
update_covered_left (FpWindow *self)
{
  gboolean covering = adw_flap_get_folded (self->flap) && adw_flap_get_reveal_flap (self->flap);

  fp_map_view_set_covered_left (self->map_view,
                                covering ? gtk_widget_get_width (GTK_WIDGET (self->side_panel))
                                         : 0);
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_scenario_selected_cb (GtkDropDown *dropdown,
                         GParamSpec  *pspec,
                         FpWindow    *self)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || self->document == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  g_action_group_activate_action (G_ACTION_GROUP (self), "select-scenario",
                                  g_variant_new_string (scenario_at (self, position)));
}

static void
on_year_changed_cb (GtkSpinButton *spin,
                    FpWindow      *self)
{
  if (self->syncing || self->session == NULL)
    return;

  g_action_group_activate_action (G_ACTION_GROUP (self), "set-year",
                                  g_variant_new_int32 (gtk_spin_button_get_value_as_int (spin)));
}

static void
on_session_selected_cb (FpWindow *self)
{
  guint index = fp_session_get_selected (self->session);
  const FpResults *results = fp_session_get_results (self->session);

  set_action_state (self, "select-site",
                    g_variant_new_string (index != FP_SITE_NONE ? results->sites[index].id : ""));

  /* The details are in the side panel: show it when a site is chosen. */
  if (index != FP_SITE_NONE &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "map") == 0)
    adw_flap_set_reveal_flap (self->flap, TRUE);
}

static void
on_view_changed_cb (FpWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  if (name != NULL)
    set_action_state (self, "show-view", g_variant_new_string (name));
}

/* The header bar's switcher gave way (a narrow window): the bar under the views shows. */
static void
on_switcher_squeezed_cb (FpWindow *self)
{
  GtkWidget *squeezer = GTK_WIDGET (self->switcher_squeezer);

  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    gtk_widget_get_visible (squeezer) &&
                                    adw_squeezer_get_visible_child (self->switcher_squeezer) !=
                                      self->view_switcher);
}

/* The switcher's buttons cut their titles short (“Cha…”) rather than give way, and their
 * natural width (at least 100 pixels a button) is more than they need: the switcher asks
 * for room for the longest title on every button, and the squeezer moves it to the bar
 * under the views when that room is not there. A narrow button's title is bold at 0.75
 * of the font's size with 8 pixels either side (libadwaita 1.2's style sheet); a pixel
 * more keeps a title from being cut by rounding. */
#define SWITCHER_BUTTON_PADDING 17
#define SWITCHER_FONT_SCALE     0.75

static void
fit_view_switcher (FpWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->view_stack);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (self->view_switcher, NULL);
  PangoContext *context = gtk_widget_get_pango_context (self->view_switcher);
  g_autoptr(PangoFontDescription) font =
    pango_font_description_copy (pango_context_get_font_description (context));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (pages));
  int widest = 0;

  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, pango_font_description_get_size (font) *
                                                      SWITCHER_FONT_SCALE);
  else
    pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) *
                                                  SWITCHER_FONT_SCALE));
  pango_layout_set_font_description (layout, font);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char *title = adw_view_stack_page_get_title (page);
      g_autoptr(GString) text = g_string_new (NULL);
      int width;

      /* The title as shown: without its mnemonic's underscore. */
      for (const char *c = title != NULL ? title : ""; *c != '\0'; c++)
        if (*c != '_')
          g_string_append_c (text, *c);
      pango_layout_set_text (layout, text->str, -1);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  gtk_widget_set_size_request (self->view_switcher, (int) n * (widest + SWITCHER_BUTTON_PADDING),
                               -1);
}

static void
on_flap_changed_cb (FpWindow *self)
{
  set_action_state (self, "toggle-panel",
                    g_variant_new_boolean (adw_flap_get_reveal_flap (self->flap)));
  update_covered_left (self);
}

/* The document's estate was read again (an import applied, undone or redone; a reload):
 * every pointer into the old estate is stale, and a site's index may now be another's. A
 * new session shows the same year, colours and selection where it still can (it follows
 * the workspace's current scenario as the old one did). A new horizon or discount rate
 * alone needs none: the session recomputes in place (fp-session.c). */
static void
rebind_session (FpWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSession) session = fp_session_new (self->document, &error);
  g_autofree char *site = NULL;
  FpSession *old = self->session;
  int year;
  guint index;

  if (session == NULL)
    {
      show_error_toast (self, error);
      return;
    }

  year = fp_session_get_year (session);
  if (old != NULL)
    {
      guint selected = fp_session_get_selected (old);
      const FpResults *results = fp_session_get_results (old);

      if (selected != FP_SITE_NONE && selected < results->n_sites)
        site = g_strdup (results->sites[selected].id);
      year = CLAMP (fp_session_get_year (old), fp_session_get_first_year (session),
                    fp_session_get_last_year (session));
      fp_session_set_year (session, year, NULL);
      fp_session_set_colour_by (session, fp_session_get_colour_by (old));
      fp_session_set_size_by (session, fp_session_get_size_by (old));
      fp_session_set_zone_service (session, fp_session_get_zone_service (old), NULL);
      fp_session_set_zone_layer (session, fp_session_get_zone_layer (old));
      fp_session_set_show_flows (session, fp_session_get_show_flows (old));
      fp_session_set_search (session, fp_session_get_search (old));
      g_signal_handlers_disconnect_by_data (old, self);
    }
  if (site != NULL && fp_session_find_site (session, site, &index))
    fp_session_set_selected (session, index);

  g_set_object (&self->session, session);
  g_signal_connect_swapped (session, "notify::selected", G_CALLBACK (on_session_selected_cb),
                            self);
  fp_key_strip_set_session (self->key_strip, session);
  fp_side_panel_set_session (self->side_panel, session);
  fp_map_view_set_session (self->map_view, session);
  fp_sites_view_set_session (self->sites_view, session);
  fp_scenarios_view_set_session (self->scenarios_view, session);
  fp_compare_view_set_session (self->compare_view, session);
  fp_presentation_set_session (GTK_WIDGET (self), session);
  g_signal_connect_object (session, "results-changed", G_CALLBACK (update_key_figures_state),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "access-changed", G_CALLBACK (update_key_figures_state),
                           self, G_CONNECT_SWAPPED);

  self->syncing = TRUE;
  gtk_adjustment_configure (self->year_adjustment, year, fp_session_get_first_year (session),
                            fp_session_get_last_year (session), 1, 5, 0);
  self->syncing = FALSE;
  set_action_state (self, "set-year", g_variant_new_int32 (fp_session_get_year (session)));
  set_action_state (self, "select-scenario",
                    g_variant_new_string (fp_session_get_scenario (session)));
  set_action_state (self, "zone-service",
                    g_variant_new_string (fp_session_get_zone_service (session)));
  fill_scenarios (self);
  update_edit_actions (self);
  update_key_figures_state (self);
  /* What "About the data" says, for scripts and tests; it does not change with a scenario. */
  set_action_state (self, "data-summary",
                    fp_side_panel_get_data_summary_shown (self->side_panel));
}

/* ---- actions: what is shown ----------------------------------------------------- */

static void
select_scenario_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  /* The workspace announces the new current scenario: on_workspace_changed_cb updates the
   * dropdown, the state and the undo buttons. */
  if (!fp_session_set_scenario (self->session, g_variant_get_string (parameter, NULL), &error))
    {
      show_error_toast (self, error);
      fill_scenarios (self);
    }
}

static void
set_year_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fp_session_set_year (self->session, g_variant_get_int32 (parameter), &error))
    {
      show_error_toast (self, error);
      return;
    }

  g_simple_action_set_state (action, g_variant_new_int32 (fp_session_get_year (self->session)));
  self->syncing = TRUE;
  gtk_spin_button_set_value (self->year_spin, fp_session_get_year (self->session));
  self->syncing = FALSE;
}

static void
select_site_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);
  guint index = FP_SITE_NONE;

  /* A dialog waiting for a site chosen on the map takes it instead. */
  if (*id != '\0' && end_pick (self, id))
    return;

  if (*id != '\0' && !fp_session_find_site (self->session, id, &index))
    {
      g_autoptr(GError) error = g_error_new (FP_ERROR, FP_ERROR_NOT_FOUND,
                                             _("There is no site “%s” in this scenario"), id);

      show_error_toast (self, error);
      return;
    }

  fp_session_set_selected (self->session, index);
}

static void
clear_selection_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpWindow *self = user_data;

  if (end_pick (self, NULL))
    return;
  fp_session_set_selected (self->session, FP_SITE_NONE);
}

static void
colour_by_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);
  FpColourBy by;

  if (!fp_colour_by_from_string (name, &by))
    {
      g_autoptr(GError) error =
        g_error_new (FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                     _("The map cannot be coloured by “%s”: use utilisation, category, "
                       "tenure, void-cost, cost-per-m2 or condition"), name);

      show_error_toast (self, error);
      return;
    }

  fp_session_set_colour_by (self->session, by);
  g_simple_action_set_state (action, g_variant_new_string (fp_colour_by_to_string (by)));
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "colour-by", fp_colour_by_to_string (by));
}

static void
size_by_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);
  FpSizeBy by;

  if (!fp_size_by_from_string (name, &by))
    {
      g_autoptr(GError) error =
        g_error_new (FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                     _("Sites cannot be sized by “%s”: use floor-area or void"), name);

      show_error_toast (self, error);
      return;
    }

  fp_session_set_size_by (self->session, by);
  g_simple_action_set_state (action, g_variant_new_string (fp_size_by_to_string (by)));
}

static void
zone_layer_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *text = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) parts = g_strsplit (text, ":", 2);
  g_autoptr(GError) error = NULL;
  FpZoneLayer layer;

  /* "distance-after:urgent_care" sets the service as well. */
  if (!fp_zone_layer_from_string (parts[0], &layer))
    {
      g_set_error (&error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("There is no zone layer “%s”: use none, density, imd, distance-before, "
                     "distance-after or distance-change"), text);
      show_error_toast (self, error);
      return;
    }
  if (parts[1] != NULL && !fp_session_set_zone_service (self->session, parts[1], &error))
    {
      show_error_toast (self, error);
      return;
    }

  fp_session_set_zone_layer (self->session, layer);
  g_simple_action_set_state (action, g_variant_new_string (fp_zone_layer_to_string (layer)));
  set_action_state (self, "zone-service",
                    g_variant_new_string (fp_session_get_zone_service (self->session)));
}

static void
zone_service_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fp_session_set_zone_service (self->session, g_variant_get_string (parameter, NULL),
                                    &error))
    {
      show_error_toast (self, error);
      return;
    }

  g_simple_action_set_state (action, parameter);
  /* Choosing a service shows its distances, if no distance is shown yet. */
  if (!fp_zone_layer_needs_service (fp_session_get_zone_layer (self->session)))
    g_action_group_activate_action (G_ACTION_GROUP (self), "zone-layer",
                                    g_variant_new_string ("distance-after"));
}

static void
show_flows_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));
  gboolean show = !g_variant_get_boolean (state);

  fp_session_set_show_flows (self->session, show);
  g_simple_action_set_state (action, g_variant_new_boolean (show));
}

static void
show_view_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    {
      g_autoptr(GError) error = g_error_new (FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                                             _("There is no view “%s”: use map, sites, "
                                               "scenarios, compare or appraisal"),
                                             name);

      show_error_toast (self, error);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, name);
  g_simple_action_set_state (action, parameter);
}

static void
toggle_panel_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpWindow *self = user_data;

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
go_to_postcode_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *text = g_variant_get_string (parameter, NULL);
  g_autofree char *postcode = fp_postcode_normalise (text);
  g_autofree char *district = postcode == NULL ? fp_postcode_normalise_outward (text) : NULL;
  g_autoptr(GError) error = NULL;
  double lat, lon;

  if (self->postcodes == NULL)
    {
      self->postcodes = fp_postcodes_load_default (&error);
      if (self->postcodes == NULL)
        {
          show_error_toast (self, error);
          return;
        }
    }

  if (postcode != NULL && fp_postcodes_lookup (self->postcodes, postcode, &lat, &lon))
    fp_map_view_go_to (self->map_view, lat, lon, POSTCODE_ZOOM, postcode);
  else if (district != NULL &&
           fp_postcodes_lookup_district (self->postcodes, district, &lat, &lon, NULL))
    fp_map_view_go_to (self->map_view, lat, lon, DISTRICT_ZOOM, district);
  else
    {
      if (postcode != NULL || district != NULL)
        g_set_error (&error, FP_ERROR, FP_ERROR_NOT_FOUND,
                     _("The postcode %s is not in Footprint’s list of the area’s postcodes"),
                     postcode != NULL ? postcode : district);
      else
        g_set_error (&error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not a postcode"), text);
      show_error_toast (self, error);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, "map");
}

static void
zoom_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  fp_map_view_zoom_in (FP_WINDOW (user_data)->map_view);
}

static void
zoom_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  fp_map_view_zoom_out (FP_WINDOW (user_data)->map_view);
}

static void
show_whole_area_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpWindow *self = user_data;

  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  fp_map_view_show_whole_area (self->map_view);
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  FpWindow *self = user_data;

  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  adw_flap_set_reveal_flap (self->flap, TRUE);
  fp_side_panel_focus_search (self->side_panel);
}

/* ---- actions: documents and pictures -------------------------------------------- */

static void
on_open_chosen_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GFile) file = fp_file_chooser_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "open",
                                    g_variant_new_string (path));
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FpWindow *self = user_data;
  FpFileFilter filter = { _("Footprint documents"), "*.footprint", "application/x-footprint" };

  fp_file_chooser_open_async (GTK_WINDOW (self), _("Open a Footprint Document"), _("_Open"), NULL,
                              &filter, 1, on_open_chosen_cb, NULL);
}

static void
on_picture_saved_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  FpWindow *self = FP_WINDOW (source_object);
  g_autoptr(GError) error = NULL;

  if (!fp_window_screenshot_finish (self, result, &error))
    {
      g_message ("%s", error->message);
      show_error_toast (self, error);
    }
}

/* For scripts and tests: a picture of the window, and with "map:" before the path, of
 * the map alone. */
static void
save_screenshot_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *path = g_variant_get_string (parameter, NULL);

  if (g_str_has_prefix (path, "dialog:"))
    {
      g_autoptr(GError) error = NULL;

      /* The dialog opened last, once it is drawn (it needs no map to wait for). */
      if (self->last_dialog == NULL)
        g_set_error (&error, FP_ERROR, FP_ERROR_NOT_FOUND, _("No dialog is open to save"));
      else
        fp_window_save_widget_picture_later (self->last_dialog, path + 7);
      if (error != NULL)
        show_error_toast (self, error);
      return;
    }

  if (g_str_has_prefix (path, "presenter:"))
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *presenter = fp_presentation_get_presenter (GTK_WIDGET (self));

      /* The presenter view, once the next view's picture is drawn in it. */
      if (presenter == NULL)
        g_set_error (&error, FP_ERROR, FP_ERROR_NOT_FOUND, _("The presenter view is not open"));
      else
        fp_window_save_widget_picture_when (presenter, path + 10,
                                            (gboolean (*) (GtkWidget *)) fp_presenter_is_ready);
      if (error != NULL)
        show_error_toast (self, error);
      return;
    }

  if (g_str_has_prefix (path, "map:"))
    {
      g_autofree char *window_path = g_strconcat (path + 4, ".window.png", NULL);

      fp_window_screenshot_async (self, window_path, path + 4, NULL, on_picture_saved_cb, NULL);
    }
  else
    fp_window_screenshot_async (self, path, NULL, NULL, on_picture_saved_cb, NULL);
}

/* ---- actions: edits ------------------------------------------------------------- */

/* Every edit goes through the workspace (fp-workspace.h): it is checked against the
 * engine, saved in one transaction, recomputed and announced by one "changed" signal,
 * which refreshes the session and every view (on_workspace_changed_cb). A refused edit
 * changes nothing; the workspace's message says why, in the dialog that asked for the
 * edit, or in a toast. */

static const char *
shown_scenario (FpWindow *self)
{
  return fp_session_get_scenario (self->session);
}

/* The workspace's refusal: in the dialog that asked, else in a toast. In a scenario with
 * no changes to make (Do nothing), the toast offers to make one. */
static void
refuse (FpWindow     *self,
        const GError *error)
{
  g_clear_error (&self->last_refusal);
  self->last_refusal = g_error_copy (error);
  g_message ("%s", error->message);

  if (self->applying_dialog != NULL)
    return;

  if (fp_session_is_do_nothing (self->session) && error->domain == FP_ERROR &&
      error->code == FP_ERROR_INVALID_ARGUMENT)
    {
      AdwToast *toast = adw_toast_new (_("Do nothing has no changes: make a scenario to plan in"));

      adw_toast_set_button_label (toast, _("_New Scenario…"));
      adw_toast_set_action_name (toast, "win.new-scenario-dialog");
      adw_toast_set_timeout (toast, 8);
      add_toast (self, toast);
      return;
    }

  show_error_toast (self, error);
}

static void
begin_edit (FpWindow *self)
{
  g_clear_error (&self->last_refusal);
}

/* A toast saying what was done, with Undo when an undo would take it back. */
static void
say_done (FpWindow   *self,
          const char *message,
          const char *undo_action)
{
  AdwToast *toast = adw_toast_new (message);

  /* Short: the next edit's toast replaces it (high priority), and the strip has already
   * said what changed. */
  adw_toast_set_timeout (toast, 3);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (undo_action != NULL)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
    }
  add_toast (self, toast);
}

static char *
describe_change (FpWindow       *self,
                 const FpChange *change)
{
  return fp_change_describe (change, fp_workspace_get_estate (self->document));
}

/* Undo and redo name the change they would take back or make again. */
static void
update_undo_redo (FpWindow *self)
{
  const char *scenario = fp_session_is_do_nothing (self->session) ? NULL
                                                                  : shown_scenario (self);
  const FpChange *undo = scenario != NULL ? fp_workspace_get_undo_change (self->document,
                                                                          scenario) : NULL;
  const FpChange *redo = scenario != NULL ? fp_workspace_get_redo_change (self->document,
                                                                          scenario) : NULL;
  g_autofree char *undo_tip = NULL;
  g_autofree char *redo_tip = NULL;

  if (undo != NULL)
    {
      g_autofree char *what = describe_change (self, undo);

      /* Translators: the undo button's tooltip: the change it takes back */
      undo_tip = g_strdup_printf (_("Undo “%s” (Ctrl+Z)"), what);
    }
  if (redo != NULL)
    {
      g_autofree char *what = describe_change (self, redo);

      /* Translators: the redo button's tooltip: the change it makes again */
      redo_tip = g_strdup_printf (_("Redo “%s” (Shift+Ctrl+Z)"), what);
    }

  set_action_enabled (self, "undo", undo != NULL);
  set_action_enabled (self, "redo", redo != NULL);
  gtk_widget_set_tooltip_text (self->undo_button,
                               undo_tip != NULL ? undo_tip : _("Nothing to Undo (Ctrl+Z)"));
  gtk_widget_set_tooltip_text (self->redo_button,
                               redo_tip != NULL ? redo_tip : _("Nothing to Redo (Shift+Ctrl+Z)"));
}

/* Scenario-wide actions need a scenario; Do nothing cannot be renamed or deleted. */
static void
update_edit_actions (FpWindow *self)
{
  gboolean scenario = self->session != NULL && !fp_session_is_do_nothing (self->session);
  gboolean writable = self->document != NULL && !fp_workspace_is_read_only (self->document);

  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    set_action_enabled (self, edit_actions[i], writable);
  set_action_enabled (self, "duplicate-scenario", writable && scenario);
  set_action_enabled (self, "rename-scenario", writable && scenario);
  set_action_enabled (self, "rename-scenario-dialog", writable && scenario);
  set_action_enabled (self, "delete-scenario", writable && scenario);
  set_action_enabled (self, "save-copy", self->document != NULL);
  set_action_enabled (self, "save-copy-to", self->document != NULL);
  update_undo_redo (self);
}

/* One edit, or another scenario shown: the session has refreshed (it listens first); the
 * window's own controls follow. */
static void
on_workspace_changed_cb (FpWorkspace       *workspace,
                         FpWorkspaceChange  what,
                         const char        *scenario,
                         FpWindow          *self)
{
  self->n_edits++;
  if (what & FP_WORKSPACE_CHANGED_ESTATE)
    {
      rebind_session (self);
      update_title (self);
      fp_import_actions_update (self);
    }
  if (what & (FP_WORKSPACE_CHANGED_SCENARIOS | FP_WORKSPACE_CHANGED_CURRENT))
    fill_scenarios (self);
  set_action_state (self, "select-scenario",
                    g_variant_new_string (fp_session_get_scenario (self->session)));
  if (what & FP_WORKSPACE_CHANGED_ASSUMPTIONS)
    {
      self->syncing = TRUE;
      gtk_adjustment_configure (self->year_adjustment, fp_session_get_year (self->session),
                                fp_session_get_first_year (self->session),
                                fp_session_get_last_year (self->session), 1, 5, 0);
      self->syncing = FALSE;
    }
  update_edit_actions (self);
  if (self->bench != NULL && self->bench_edit_started != 0)
    {
      bench_note (self, "edit-handled", g_get_monotonic_time () - self->bench_edit_started);
      bench_note (self, "edit-handled-cpu", cpu_usec () - self->bench_edit_cpu);
    }
}

static void
undo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  const FpChange *change = fp_workspace_get_undo_change (self->document, shown_scenario (self));
  guint position;

  begin_edit (self);
  bench_edit_begins (self);
  if (change != NULL)
    what = describe_change (self, change);
  if (!fp_workspace_undo (self->document, shown_scenario (self), &position, &error))
    {
      refuse (self, error);
      return;
    }
  if (what != NULL)
    {
      /* Translators: a toast after an undo: the change taken back */
      g_autofree char *message = g_strdup_printf (_("Undone: %s"), what);

      say_done (self, message, "win.redo");
    }
}

static void
redo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  guint position;

  begin_edit (self);
  bench_edit_begins (self);
  if (!fp_workspace_redo (self->document, shown_scenario (self), &position, &error))
    refuse (self, error);
}

/* A name not yet taken: "Leave Hodge Hill (copy)", "(copy 2)", ... */
static char *
free_name (FpWindow   *self,
           const char *base,
           const char *format)
{
  char *name = g_strdup (base);

  for (guint n = 1; fp_workspace_find_scenario (self->document, name) != NULL ||
                    fp_scenario_is_do_nothing (name); n++)
    {
      g_free (name);
      name = n == 1 ? g_strdup_printf (format, base) : g_strdup_printf ("%s %u", base, n);
    }
  return name;
}

static void
new_scenario_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  const FpScenario *created;

  begin_edit (self);
  created = fp_workspace_create_scenario (self->document, g_variant_get_string (parameter, NULL),
                                          NULL, NULL, &error);
  if (created == NULL || !fp_workspace_set_current_scenario (self->document, created->name,
                                                             &error))
    refuse (self, error);
}

static void
duplicate_scenario_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const FpScenario *copy;

  /* Translators: the name of a scenario's copy, e.g. "Leave Hodge Hill (copy)" */
  name = free_name (self, shown_scenario (self), _("%s (copy)"));
  begin_edit (self);
  copy = fp_workspace_duplicate_scenario (self->document, shown_scenario (self), name, &error);
  if (copy == NULL || !fp_workspace_set_current_scenario (self->document, copy->name, &error))
    refuse (self, error);
}

static void
rename_scenario_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  begin_edit (self);
  if (!fp_workspace_rename_scenario (self->document, shown_scenario (self),
                                     g_variant_get_string (parameter, NULL), &error))
    refuse (self, error);
}

static void
on_name_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     FpWindow         *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  const char *action = g_object_get_data (G_OBJECT (dialog), "action");

  if (g_strcmp0 (response, "ok") != 0)
    return;

  self->applying_dialog = GTK_WIDGET (dialog);
  g_action_group_activate_action (G_ACTION_GROUP (self), action,
                                  g_variant_new_string (gtk_editable_get_text (entry)));
  self->applying_dialog = NULL;
  if (self->last_refusal != NULL)
    show_error_toast (self, self->last_refusal);
}

static void
on_name_changed_cb (GtkEditable      *entry,
                    AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "ok", *text != '\0');
}

/* Asks for a scenario's name, then activates @action with it. */
static void
ask_name (FpWindow   *self,
          const char *heading,
          const char *body,
          const char *ok,
          const char *initial,
          const char *action)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), initial != NULL ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_max_length (GTK_ENTRY (entry), FP_SCENARIO_NAME_MAX);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scenario name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "ok", ok, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "action", g_strdup (action), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (on_name_changed_cb), dialog);
  on_name_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (dialog, "response", G_CALLBACK (on_name_response_cb), self);
  g_set_weak_pointer (&self->last_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
new_scenario_dialog_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autofree char *name = free_name (self, _("New scenario"), "%s");

  ask_name (self, _("New Scenario"),
            _("A scenario starts from Do nothing; every change you plan is saved in it at once."),
            _("_Create"), name, "new-scenario");
}

static void
rename_scenario_dialog_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  FpWindow *self = user_data;

  ask_name (self, _("Rename Scenario"), NULL, _("_Rename"), shown_scenario (self),
            "rename-scenario");
}

/* Deleting keeps a copy (with its own category overrides) for the toast's Undo. */
static void
delete_scenario_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpScenario) copy = NULL;
  g_autoptr(GPtrArray) overrides = NULL;
  g_autofree char *message = NULL;
  const FpScenario *scenario = fp_workspace_find_scenario (self->document, shown_scenario (self));

  if (scenario == NULL)
    return;
  copy = fp_scenario_copy (scenario);
  overrides = fp_store_load_overrides (fp_workspace_get_store (self->document), copy->name,
                                       NULL);

  begin_edit (self);
  if (!fp_workspace_delete_scenario (self->document, copy->name, &error))
    {
      refuse (self, error);
      return;
    }

  g_clear_pointer (&self->deleted, fp_scenario_free);
  g_clear_pointer (&self->deleted_overrides, g_ptr_array_unref);
  self->deleted = g_steal_pointer (&copy);
  self->deleted_overrides = g_steal_pointer (&overrides);
  /* Translators: a toast after deleting a scenario */
  message = g_strdup_printf (_("Deleted “%s”"), self->deleted->name);
  say_done (self, message, "win.undo-delete-scenario");
}

static void
undo_delete_scenario_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpScenario) deleted = g_steal_pointer (&self->deleted);
  g_autoptr(GPtrArray) overrides = g_steal_pointer (&self->deleted_overrides);

  if (deleted == NULL)
    return;

  begin_edit (self);
  if (fp_workspace_import_scenario (self->document, deleted, FALSE, &error) == NULL)
    {
      refuse (self, error);
      return;
    }
  for (guint i = 0; overrides != NULL && i < overrides->len; i++)
    {
      FpCategoryOverride *o = g_ptr_array_index (overrides, i);

      if (o->scenario != NULL && !fp_workspace_set_override (self->document, o, &error))
        {
          refuse (self, error);
          return;
        }
    }
  if (!fp_workspace_set_current_scenario (self->document, deleted->name, &error))
    refuse (self, error);
}

static void
add_change_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  guint position;

  begin_edit (self);
  bench_edit_begins (self);
  if (!fp_workspace_add_change_json (self->document, shown_scenario (self),
                                     g_variant_get_string (parameter, NULL), &position, &error))
    {
      refuse (self, error);
      return;
    }

  {
    const FpScenario *s = fp_workspace_find_scenario (self->document, shown_scenario (self));
    g_autofree char *what = describe_change (self, g_ptr_array_index (s->changes, position));
    /* Translators: a toast after adding a change: the change */
    g_autofree char *message = g_strdup_printf (_("Added: %s"), what);

    say_done (self, message, "win.undo");
  }
}

/* (position, JSON): the change at @position becomes this one. */
static void
replace_change_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(FpChange) change = NULL;
  const char *json;
  guint32 position;
  JsonNode *root;

  g_variant_get (parameter, "(u&s)", &position, &json);
  begin_edit (self);
  if (!json_parser_load_from_data (parser, json, -1, &error))
    {
      g_prefix_error (&error, _("The change is not valid JSON: "));
      refuse (self, error);
      return;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (&error, FP_ERROR, FP_ERROR_INVALID_DATA,
                   _("The change must be one JSON object"));
      refuse (self, error);
      return;
    }
  change = fp_change_from_json (json_node_get_object (root), _("The change"), &error);
  if (change == NULL ||
      !fp_workspace_replace_change (self->document, shown_scenario (self), position, change,
                                    &error))
    refuse (self, error);
}

static void
remove_change_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  const FpScenario *s = fp_workspace_find_scenario (self->document, shown_scenario (self));
  guint position = g_variant_get_uint32 (parameter);
  g_autofree char *what = NULL;

  if (s != NULL && position < s->changes->len)
    what = describe_change (self, g_ptr_array_index (s->changes, position));

  begin_edit (self);
  if (!fp_workspace_remove_change (self->document, shown_scenario (self), position, &error))
    {
      refuse (self, error);
      return;
    }
  if (what != NULL)
    {
      /* Translators: a toast after removing a change */
      g_autofree char *message = g_strdup_printf (_("Removed: %s"), what);

      say_done (self, message, NULL);
    }
}

/* (from, to): the change at @from takes place @to. */
static void
move_change_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  guint32 from, to;

  g_variant_get (parameter, "(uu)", &from, &to);
  begin_edit (self);
  if (!fp_workspace_move_change (self->document, shown_scenario (self), from, to, &error))
    refuse (self, error);
}

/* (site, category, reason): a user's category for a site in the scenario shown (in every
 * scenario from Do nothing); an empty category clears it. */
static void
override_category_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *site, *category, *reason;
  const char *scenario = fp_session_is_do_nothing (self->session) ? NULL : shown_scenario (self);
  FpCategory value;

  g_variant_get (parameter, "(&s&s&s)", &site, &category, &reason);
  begin_edit (self);
  if (*category == '\0')
    {
      if (!fp_workspace_clear_override (self->document, site, scenario, &error))
        refuse (self, error);
      return;
    }
  if (!fp_category_from_string (category, &value) || value == FP_CATEGORY_NONE)
    {
      g_set_error (&error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a category: use core, near_core, marginal or redundant"),
                   category);
      refuse (self, error);
      return;
    }
  {
    g_autoptr(FpCategoryOverride) o = fp_category_override_new (site, scenario, value, reason,
                                                                g_get_real_name ());

    if (!fp_workspace_set_override (self->document, o, &error))
      refuse (self, error);
  }
}

/* ---- dialogs that add a change ---------------------------------------------------- */

static void
on_change_dialog_apply_cb (FpChangeDialog *dialog,
                           const char     *json,
                           FpWindow       *self)
{
  guint position;
  guint before = self->n_edits;

  self->applying_dialog = GTK_WIDGET (dialog);
  if (fp_change_dialog_get_position (dialog, &position))
    g_action_group_activate_action (G_ACTION_GROUP (self), "replace-change",
                                    g_variant_new ("(us)", position, json));
  else
    g_action_group_activate_action (G_ACTION_GROUP (self), "add-change",
                                    g_variant_new_string (json));
  self->applying_dialog = NULL;

  if (self->last_refusal != NULL && self->n_edits == before)
    fp_change_dialog_show_error (dialog, self->last_refusal->message);
  else
    gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Choosing the receiving site on the map: the dialog steps aside until a site is clicked
 * (win.select-site) or Escape is pressed (win.clear-selection). */
static void
on_change_dialog_pick_cb (FpChangeDialog *dialog,
                          FpWindow       *self)
{
  AdwToast *toast;

  g_set_weak_pointer (&self->picking_dialog, dialog);
  gtk_widget_set_visible (GTK_WIDGET (dialog), FALSE);
  adw_view_stack_set_visible_child_name (self->view_stack, "map");
  toast = adw_toast_new (_("Click the site that receives the service, or press Escape"));
  adw_toast_set_timeout (toast, 0);
  g_set_weak_pointer (&self->pick_toast, toast);
  add_toast (self, toast);
  gtk_widget_grab_focus (fp_map_view_get_map (self->map_view));
}

/* Returns whether a pick was under way (and is now over). */
static gboolean
end_pick (FpWindow   *self,
          const char *site_id)
{
  FpChangeDialog *dialog = self->picking_dialog;

  if (dialog == NULL)
    return FALSE;

  g_clear_weak_pointer (&self->picking_dialog);
  if (self->pick_toast != NULL)
    adw_toast_dismiss (self->pick_toast);
  g_clear_weak_pointer (&self->pick_toast);
  if (site_id != NULL && !fp_change_dialog_set_receiver (dialog, site_id))
    fp_change_dialog_show_error (dialog, _("That site cannot receive it: choose another."));
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static FpChangeDialog *
open_change_dialog (FpWindow     *self,
                    FpChangeKind  kind,
                    const char   *site_id,
                    double        lat,
                    double        lon)
{
  FpChangeDialog *dialog;
  guint index;

  if (fp_session_is_do_nothing (self->session))
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("Do nothing has no changes: make a scenario to plan in"));
      refuse (self, error);
      return NULL;
    }
  if (site_id != NULL && !fp_session_find_site (self->session, site_id, &index))
    {
      g_autoptr(GError) error = g_error_new (FP_ERROR, FP_ERROR_NOT_FOUND,
                                             _("There is no site “%s” in this scenario"),
                                             site_id);
      refuse (self, error);
      return NULL;
    }

  dialog = fp_change_dialog_new (GTK_WINDOW (self), self->session, kind, site_id, lat, lon);
  g_signal_connect (dialog, "apply", G_CALLBACK (on_change_dialog_apply_cb), self);
  g_signal_connect (dialog, "pick-site", G_CALLBACK (on_change_dialog_pick_cb), self);
  g_set_weak_pointer (&self->last_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
site_change_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));
  FpChangeKind kind = FP_CHANGE_EXIT_SITE;

  if (g_str_equal (name, "move-service"))
    kind = FP_CHANGE_MOVE_SERVICE;
  else if (g_str_equal (name, "dispose-site"))
    kind = FP_CHANGE_DISPOSE_SITE;
  else if (g_str_equal (name, "backfill-site"))
    kind = FP_CHANGE_BACKFILL;
  else if (g_str_equal (name, "change-hours"))
    kind = FP_CHANGE_CHANGE_HOURS;

  /* "FROM,TO" names the receiving site of a move as well (a script, a site dragged). */
  {
    g_auto(GStrv) parts = g_strsplit (g_variant_get_string (parameter, NULL), ",", 2);
    FpChangeDialog *dialog = open_change_dialog (self, kind, parts[0], NAN, NAN);

    if (dialog != NULL && parts[1] != NULL && kind == FP_CHANGE_MOVE_SERVICE &&
        !fp_change_dialog_set_receiver (dialog, parts[1]))
      fp_change_dialog_show_error (dialog, _("That site cannot receive it: choose another."));
  }
}

static void
open_site_here_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *where = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) parts = g_strsplit (where, ",", 2);
  char *end_lat = NULL, *end_lon = NULL;
  double lat, lon;

  lat = parts[0] != NULL ? g_ascii_strtod (parts[0], &end_lat) : NAN;
  lon = parts[0] != NULL && parts[1] != NULL ? g_ascii_strtod (parts[1], &end_lon) : NAN;
  if (end_lat == NULL || end_lon == NULL || *end_lat != '\0' || *end_lon != '\0' ||
      !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180))
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a place: give a latitude and longitude, e.g. 52.48,-1.89"),
                   where);
      refuse (self, error);
      return;
    }

  open_change_dialog (self, FP_CHANGE_OPEN_SITE, NULL, lat, lon);
}

/* (u): the change at that position, in its dialog. */
static void
edit_change_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FpWindow *self = user_data;
  const FpScenario *s = fp_workspace_find_scenario (self->document, shown_scenario (self));
  guint position = g_variant_get_uint32 (parameter);
  FpChangeDialog *dialog;

  if (s == NULL || position >= s->changes->len)
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("“%s” has no change %u"), shown_scenario (self), position + 1);
      refuse (self, error);
      return;
    }

  dialog = fp_change_dialog_new_for_change (GTK_WINDOW (self), self->session,
                                            g_ptr_array_index (s->changes, position), position);
  g_signal_connect (dialog, "apply", G_CALLBACK (on_change_dialog_apply_cb), self);
  g_signal_connect (dialog, "pick-site", G_CALLBACK (on_change_dialog_pick_cb), self);
  g_set_weak_pointer (&self->last_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- a site's category ---------------------------------------------------------- */

static void
on_category_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         FpWindow         *self)
{
  const char *site = g_object_get_data (G_OBJECT (dialog), "site");
  GtkDropDown *drop = g_object_get_data (G_OBJECT (dialog), "drop");
  GtkEditable *reason = g_object_get_data (G_OBJECT (dialog), "reason");
  const char *category = "";

  if (g_strcmp0 (response, "set") == 0)
    category = fp_category_to_string (gtk_drop_down_get_selected (drop) + FP_CATEGORY_CORE);
  else if (g_strcmp0 (response, "clear") != 0)
    return;

  g_action_group_activate_action (G_ACTION_GROUP (self), "override-category",
                                  g_variant_new ("(sss)", site, category,
                                                 gtk_editable_get_text (reason)));
}

static void
on_reason_changed_cb (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "set", *text != '\0');
}

/* (s): a planner's judgement of a site's category, with the reason, in the scenario shown. */
static void
override_category_dialog_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);
  const FpResults *results = fp_session_get_results (self->session);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autofree char *heading = NULL;
  GtkWidget *dialog, *box, *drop, *reason, *label;
  guint index;

  if (!fp_session_find_site (self->session, id, &index))
    {
      g_autoptr(GError) error = g_error_new (FP_ERROR, FP_ERROR_NOT_FOUND,
                                             _("There is no site “%s” in this scenario"), id);
      refuse (self, error);
      return;
    }

  for (guint c = FP_CATEGORY_CORE; c < FP_N_CATEGORIES; c++)
    gtk_string_list_append (categories, fp_category_to_label (c));

  /* Translators: the heading of the dialog that sets a site's category */
  heading = g_strdup_printf (_("The Category of %s"),
                             results->sites[index].name != NULL ? results->sites[index].name : id);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   fp_session_is_do_nothing (self->session)
                                   ? _("Your judgement replaces the rules’ category in every "
                                       "scenario, and is shown as yours, with your reason.")
                                   : _("Your judgement replaces the rules’ category in this "
                                       "scenario, and is shown as yours, with your reason."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  drop = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (categories)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Category"), -1);
  label = gtk_label_new_with_mnemonic (_("_Reason"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  reason = gtk_entry_new ();
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), reason);
  gtk_entry_set_placeholder_text (GTK_ENTRY (reason), _("Why, in a sentence"));
  gtk_box_append (GTK_BOX (box), drop);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), reason);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), NULL);
  if (results->sites[index].override != NULL)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "clear", _("_Use the Rules"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "set", _("_Set"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "set", FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "site", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (dialog), "drop", drop);
  g_object_set_data (G_OBJECT (dialog), "reason", reason);
  g_signal_connect (reason, "changed", G_CALLBACK (on_reason_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_category_response_cb), self);
  g_set_weak_pointer (&self->last_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- saving a copy ------------------------------------------------------------------ */

/* In a worker thread: the window keeps working while a large document is copied. The copy
 * is a consistent snapshot of what is saved (SQLite's backup API, on the workspace's own
 * connection, which SQLite serialises), finished under a temporary name and renamed into
 * place (fp_store_save_copy). The document is not opened a second time: in one process
 * that is not safe (closing a descriptor of the file drops the process's locks on it). */
static void
save_copy_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  FpWorkspace *workspace = g_object_get_data (G_OBJECT (task), "workspace");
  GError *error = NULL;

  if (!fp_workspace_save_copy (workspace, task_data, TRUE, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_copy_saved_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FpWindow *self = FP_WINDOW (source_object);
  const char *destination = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      refuse (self, error);
      return;
    }

  {
    g_autofree char *name = g_path_get_basename (destination);
    /* Translators: a toast after saving a copy of the document */
    g_autofree char *message = g_strdup_printf (_("Saved a copy as “%s”"), name);

    say_done (self, message, NULL);
  }
}

static void
save_copy_to_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, NULL, on_copy_saved_cb, NULL);
  g_task_set_source_tag (task, save_copy_to_action);
  g_task_set_task_data (task, g_strdup (g_variant_get_string (parameter, NULL)), g_free);
  /* The thread holds the workspace: closing the window meanwhile does not free it. */
  g_object_set_data_full (G_OBJECT (task), "workspace", g_object_ref (self->document),
                          g_object_unref);
  g_task_run_in_thread (task, save_copy_thread);
}

static void
on_copy_chosen_cb (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  FpWindow *self = FP_WINDOW (source_object);
  g_autoptr(GFile) file = fp_file_chooser_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  /* A document closed meanwhile has nothing to copy. */
  if (path != NULL && self->document != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self), "save-copy-to",
                                    g_variant_new_string (path));
}

static void
save_copy_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autofree char *base = g_path_get_basename (fp_workspace_get_path (self->document));
  g_autofree char *stem = g_strndup (base, strlen (base) - (g_str_has_suffix (base, ".footprint")
                                                            ? strlen (".footprint") : 0));
  /* Translators: the suggested name of a copy of a document, e.g. "estate copy.footprint" */
  g_autofree char *name = g_strdup_printf (_("%s copy.footprint"), stem);
  g_autofree char *folder = g_path_get_dirname (fp_workspace_get_path (self->document));
  FpFileFilter filter = { _("Footprint documents"), "*.footprint", "application/x-footprint" };

  fp_file_chooser_save_async (GTK_WINDOW (self), _("Save a Copy of the Document"), _("_Save"),
                              folder, name, &filter, 1, on_copy_chosen_cb, NULL);
}

/* ---- comparing options ---------------------------------------------------------------- */

static void
compare_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree const char **names = g_variant_get_strv (parameter, NULL);

  if (!fp_compare_view_set_options (self->compare_view, names, &error))
    {
      refuse (self, error);
      return;
    }

  g_simple_action_set_state (action, fp_compare_view_get_options_variant (self->compare_view));
  adw_view_stack_set_visible_child_name (self->view_stack, "compare");
}

static void
compare_page_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpWindow *self = user_data;
  const char *page = g_variant_get_string (parameter, NULL);

  if (!fp_compare_view_set_page (self->compare_view, page))
    {
      g_autoptr(GError) error = g_error_new (FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                                             _("The compare view has no page “%s”: use figures "
                                               "or maps"), page);
      refuse (self, error);
      return;
    }
  g_simple_action_set_state (action, parameter);
  adw_view_stack_set_visible_child_name (self->view_stack, "compare");
}

/* ---- what the strip shows, for scripts and tests ------------------------------------ */

static void
update_key_figures_state (FpWindow *self)
{
  if (self->session == NULL)
    return;
  set_action_state (self, "key-figures", fp_key_strip_get_shown (self->key_strip));
}

static void
no_op_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
}

static const GActionEntry win_actions[] = {
  { "select-scenario", select_scenario_action, "s", "'Do nothing'", NULL, { 0 } },
  { "set-year", set_year_action, "i", "0", NULL, { 0 } },
  { "select-site", select_site_action, "s", "''", NULL, { 0 } },
  { "clear-selection", clear_selection_action, NULL, NULL, NULL, { 0 } },
  { "colour-by", colour_by_action, "s", "'utilisation'", NULL, { 0 } },
  { "size-by", size_by_action, "s", "'floor-area'", NULL, { 0 } },
  { "zone-layer", zone_layer_action, "s", "'none'", NULL, { 0 } },
  { "zone-service", zone_service_action, "s", "'urgent_care'", NULL, { 0 } },
  { "show-flows", show_flows_action, NULL, "true", NULL, { 0 } },
  { "show-view", show_view_action, "s", "'map'", NULL, { 0 } },
  { "toggle-panel", toggle_panel_action, NULL, "true", NULL, { 0 } },
  { "go-to-postcode", go_to_postcode_action, "s", NULL, NULL, { 0 } },
  { "zoom-in", zoom_in_action, NULL, NULL, NULL, { 0 } },
  { "zoom-out", zoom_out_action, NULL, NULL, NULL, { 0 } },
  { "show-whole-area", show_whole_area_action, NULL, NULL, NULL, { 0 } },
  { "search", search_action, NULL, NULL, NULL, { 0 } },
  { "open", open_action, NULL, NULL, NULL, { 0 } },
  { "save-screenshot", save_screenshot_action, "s", NULL, NULL, { 0 } },
  { "compare", compare_action, "as", "@as []", NULL, { 0 } },
  { "compare-page", compare_page_action, "s", "'figures'", NULL, { 0 } },
  { "key-figures", no_op_action, NULL, "@a{sd} {}", NULL, { 0 } },
  { "data-summary", no_op_action, NULL, "@a{ss} {}", NULL, { 0 } },
  { "undo", undo_action, NULL, NULL, NULL, { 0 } },
  { "redo", redo_action, NULL, NULL, NULL, { 0 } },
  { "new-scenario", new_scenario_action, "s", NULL, NULL, { 0 } },
  { "new-scenario-dialog", new_scenario_dialog_action, NULL, NULL, NULL, { 0 } },
  { "duplicate-scenario", duplicate_scenario_action, NULL, NULL, NULL, { 0 } },
  { "rename-scenario", rename_scenario_action, "s", NULL, NULL, { 0 } },
  { "rename-scenario-dialog", rename_scenario_dialog_action, NULL, NULL, NULL, { 0 } },
  { "delete-scenario", delete_scenario_action, NULL, NULL, NULL, { 0 } },
  { "undo-delete-scenario", undo_delete_scenario_action, NULL, NULL, NULL, { 0 } },
  { "add-change", add_change_action, "s", NULL, NULL, { 0 } },
  { "replace-change", replace_change_action, "(us)", NULL, NULL, { 0 } },
  { "remove-change", remove_change_action, "u", NULL, NULL, { 0 } },
  { "move-change", move_change_action, "(uu)", NULL, NULL, { 0 } },
  { "edit-change", edit_change_action, "u", NULL, NULL, { 0 } },
  { "override-category", override_category_action, "(sss)", NULL, NULL, { 0 } },
  { "override-category-dialog", override_category_dialog_action, "s", NULL, NULL, { 0 } },
  { "open-site-here", open_site_here_action, "s", NULL, NULL, { 0 } },
  { "move-service", site_change_action, "s", NULL, NULL, { 0 } },
  { "exit-site", site_change_action, "s", NULL, NULL, { 0 } },
  { "dispose-site", site_change_action, "s", NULL, NULL, { 0 } },
  { "backfill-site", site_change_action, "s", NULL, NULL, { 0 } },
  { "change-hours", site_change_action, "s", NULL, NULL, { 0 } },
  { "save-copy", save_copy_action, NULL, NULL, NULL, { 0 } },
  { "save-copy-to", save_copy_to_action, "s", NULL, NULL, { 0 } },
};

/* Actions that need an open estate: disabled until one is shown. */
static const char * const document_actions[] = {
  "select-scenario", "set-year", "select-site", "clear-selection", "colour-by", "size-by",
  "zone-layer", "zone-service", "show-flows", "show-view", "toggle-panel", "go-to-postcode",
  "zoom-in", "zoom-out", "show-whole-area", "search", "compare", "compare-page", "save-copy",
  "save-copy-to",
};


/* ---- benchmarks ----------------------------------------------------------------- */

/* With FOOTPRINT_BENCH=FILE the window writes, one a line, "NAME MICROSECONDS" of what
 * bench/bench-window measures: the first frame drawn ("window-frame", monotonic clock),
 * the first with the estate drawn ("estate-frame"), each edit from its action to the end
 * of the frame that shows it ("edit-frame", a duration) and the frames drawn while
 * win.bench-pan moves the map ("pan-frames", with "pan-time"). Nothing is measured
 * otherwise. */
/* This thread's CPU time: on a shared machine the wall clock holds other programs' work. */
static gint64
cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
bench_note (FpWindow   *self,
            const char *name,
            gint64      value)
{
  fprintf (self->bench, "%s %" G_GINT64_FORMAT "\n", name, value);
  fflush (self->bench);
}

static void
on_bench_after_paint_cb (GdkFrameClock *clock,
                         FpWindow      *self)
{
  gint64 now = g_get_monotonic_time ();

  if (!self->bench_window_frame)
    {
      self->bench_window_frame = TRUE;
      bench_note (self, "window-frame", now);
    }
  if (!self->bench_estate_frame && self->document != NULL &&
      fp_map_view_is_ready (self->map_view))
    {
      self->bench_estate_frame = TRUE;
      bench_note (self, "estate-frame", now);
    }
  if (self->bench_edit_started != 0)
    {
      bench_note (self, "edit-frame", now - self->bench_edit_started);
      bench_note (self, "edit-frame-cpu", cpu_usec () - self->bench_edit_cpu);
      self->bench_edit_started = 0;
      self->bench_access_started = self->bench_edit_started_copy;
    }
  else if (self->bench_access_started != 0 && !fp_session_is_measuring (self->session))
    {
      /* The frame with the edit's access figures too. */
      bench_note (self, "access-frame", now - self->bench_access_started);
      self->bench_access_started = 0;
    }
  if (self->bench_pan_started != 0)
    self->bench_pan_frames++;
}

static void
on_bench_realize_cb (FpWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_bench_after_paint_cb), self, 0);
}

static void
bench_edit_begins (FpWindow *self)
{
  if (self->bench != NULL)
    {
      self->bench_edit_started = g_get_monotonic_time ();
      self->bench_edit_started_copy = self->bench_edit_started;
      self->bench_edit_cpu = cpu_usec ();
    }
}

/* Pans round a circle and zooms in and out, a step every frame, the way a hand would. */
static gboolean
bench_pan_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  FpWindow *self = FP_WINDOW (widget);
  gint64 now = g_get_monotonic_time ();
  double t = (now - self->bench_pan_started) / 1e6;
  ShumateMap *map = SHUMATE_MAP (fp_map_view_get_map (self->map_view));
  ShumateViewport *viewport = shumate_map_get_viewport (map);

  if (now >= self->bench_pan_until)
    {
      bench_note (self, "pan-frames", self->bench_pan_frames);
      bench_note (self, "pan-time", now - self->bench_pan_started);
      self->bench_pan_started = 0;
      self->bench_pan_tick = 0;
      return G_SOURCE_REMOVE;
    }

  shumate_viewport_set_zoom_level (viewport, self->bench_pan_zoom + 0.8 * sin (t * 1.3));
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 self->bench_pan_lat + 0.03 * sin (t * 2.0),
                                 self->bench_pan_lon + 0.05 * cos (t * 2.0));
  return G_SOURCE_CONTINUE;
}

static void
bench_pan_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  FpWindow *self = user_data;
  ShumateMap *map = SHUMATE_MAP (fp_map_view_get_map (self->map_view));
  ShumateViewport *viewport = shumate_map_get_viewport (map);

  if (self->bench_pan_tick != 0)
    return;
  self->bench_pan_lat = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  self->bench_pan_lon = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  self->bench_pan_zoom = shumate_viewport_get_zoom_level (viewport) + 1;
  self->bench_pan_frames = 0;
  self->bench_pan_started = g_get_monotonic_time ();
  self->bench_pan_until = self->bench_pan_started +
                          g_variant_get_int32 (parameter) * G_GINT64_CONSTANT (1000000);
  self->bench_pan_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), bench_pan_tick_cb,
                                                       NULL, NULL);
}

static const GActionEntry bench_actions[] = {
  { "bench-pan", bench_pan_action, "i", NULL, NULL, { 0 } },
};

static void
bench_init (FpWindow *self)
{
  const char *path = g_getenv ("FOOTPRINT_BENCH");

  if (path == NULL || *path == '\0')
    return;

  self->bench = fopen (path, "a");
  if (self->bench == NULL)
    {
      g_warning ("Cannot write the benchmark's notes to %s", path);
      return;
    }
  g_action_map_add_action_entries (G_ACTION_MAP (self), bench_actions,
                                   G_N_ELEMENTS (bench_actions), self);
  g_signal_connect (self, "realize", G_CALLBACK (on_bench_realize_cb), NULL);
}

/* The map draws its pictures the way the renderer draws them fastest (fp-image.c). */
static void
on_realize_cb (GtkWidget *widget)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));

  fp_image_set_cairo_renderer (GSK_IS_CAIRO_RENDERER (renderer));
  /* The font and its scale are known now. */
  fit_view_switcher (FP_WINDOW (widget));
}

/* ---- vfuncs --------------------------------------------------------------------- */

static gboolean
fp_window_close_request (GtkWindow *window)
{
  FpWindow *self = FP_WINDOW (window);

  /* A what-if branch in hand is kept or discarded first (fp-presentation.c). */
  if (fp_presentation_close_request (GTK_WIDGET (window)))
    return TRUE;

  if (self->settings != NULL)
    {
      int width, height;
      double lat, lon, zoom;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));

      /* The map's view, if the user moved it; a fitted view is not kept (the next window
       * fits its own size). */
      if (self->document != NULL)
        {
          if (fp_map_view_get_view (self->map_view, &lat, &lon, &zoom))
            {
              g_settings_set_double (self->settings, "map-latitude", lat);
              g_settings_set_double (self->settings, "map-longitude", lon);
              g_settings_set_double (self->settings, "map-zoom", zoom);
            }
          else
            g_settings_set_double (self->settings, "map-zoom", 0);
        }
    }

  return GTK_WINDOW_CLASS (fp_window_parent_class)->close_request (window);
}

static void
fp_window_dispose (GObject *object)
{
  FpWindow *self = FP_WINDOW (object);

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_clear_weak_pointer (&self->picking_dialog);
  g_clear_weak_pointer (&self->pick_toast);
  g_clear_weak_pointer (&self->last_dialog);
  fp_key_strip_set_session (self->key_strip, NULL);
  fp_side_panel_set_session (self->side_panel, NULL);
  fp_map_view_set_session (self->map_view, NULL);
  fp_sites_view_set_session (self->sites_view, NULL);
  fp_scenarios_view_set_session (self->scenarios_view, NULL);
  fp_compare_view_set_session (self->compare_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_WINDOW);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->postcodes, fp_postcodes_free);
  g_clear_pointer (&self->deleted, fp_scenario_free);
  g_clear_pointer (&self->deleted_overrides, g_ptr_array_unref);
  /* Toasts outlive the window for their animation: they no longer report to it. */
  for (guint i = 0; self->toasts != NULL && i < self->toasts->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->toasts, i), self);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  g_clear_error (&self->last_refusal);
  if (self->bench_pan_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->bench_pan_tick);
  self->bench_pan_tick = 0;
  g_clear_pointer (&self->bench, fclose);

  G_OBJECT_CLASS (fp_window_parent_class)->dispose (object);
}

static void
fp_window_class_init (FpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fp_window_dispose;

  window_class->close_request = fp_window_close_request;

  g_type_ensure (FP_TYPE_KEY_STRIP);
  g_type_ensure (FP_TYPE_SIDE_PANEL);
  g_type_ensure (FP_TYPE_MAP_VIEW);
  g_type_ensure (FP_TYPE_SITES_VIEW);
  g_type_ensure (FP_TYPE_SCENARIOS_VIEW);
  g_type_ensure (FP_TYPE_COMPARE_VIEW);
  g_type_ensure (FP_TYPE_APPRAISAL_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/fp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, scenario_box);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, scenario_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, scenario_names);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, year_spin);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, year_adjustment);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, switcher_squeezer);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, sites_view);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, scenarios_view);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, compare_view);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, appraisal_view);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, key_strip);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, recent_section);
}

static void
fp_window_init (FpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    set_action_enabled (self, document_actions[i], FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    set_action_enabled (self, edit_actions[i], FALSE);
  /* Read only: its state says what the key figure strip shows. */
  set_action_enabled (self, "key-figures", FALSE);
  set_action_enabled (self, "data-summary", FALSE);
  /* The appraisal, exports and imports (issues 10 and 11): disabled until a document. */
  fp_appraisal_view_add_actions (self->appraisal_view, G_ACTION_MAP (self));
  fp_export_actions_add (self);
  fp_import_actions_add (self);
  fp_optimise_actions_add (self);
  fp_presentation_attach (GTK_WIDGET (self), self->header_bar, self->stack);

  g_signal_connect (self->scenario_dropdown, "notify::selected",
                    G_CALLBACK (on_scenario_selected_cb), self);
  g_signal_connect (self->year_spin, "value-changed", G_CALLBACK (on_year_changed_cb), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (on_view_changed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap", G_CALLBACK (on_flap_changed_cb),
                            self);
  g_signal_connect_swapped (self->flap, "notify::folded", G_CALLBACK (on_flap_changed_cb), self);
  g_signal_connect_swapped (self->switcher_squeezer, "notify::visible-child",
                            G_CALLBACK (on_switcher_squeezed_cb), self);
  g_signal_connect (self, "realize", G_CALLBACK (on_realize_cb), NULL);
  bench_init (self);
}

/* ---- recent documents ----------------------------------------------------------- */

static void
update_recent_menu (FpWindow *self)
{
  g_auto(GStrv) paths = NULL;

  g_menu_remove_all (self->recent_section);
  if (self->settings == NULL)
    return;

  paths = g_settings_get_strv (self->settings, "recent-documents");
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *name = g_path_get_basename (paths[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target_value (item, "app.open", g_variant_new_string (paths[i]));
      g_menu_append_item (self->recent_section, item);
    }
}

/* ---- public API ----------------------------------------------------------------- */

/**
 * fp_window_new:
 * @application: the application
 *
 * Returns: (transfer none): a new window with no document
 */
FpWindow *
fp_window_new (FpApplication *application)
{
  FpWindow *self;

  g_return_val_if_fail (FP_IS_APPLICATION (application), NULL);

  self = g_object_new (FP_TYPE_WINDOW, "application", application, NULL);

  /* The size the window had when it was last closed, when the schema is installed. */
  g_set_object (&self->settings, fp_application_get_settings (application));
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_signal_connect_swapped (self->settings, "changed::recent-documents",
                                G_CALLBACK (update_recent_menu), self);
      update_recent_menu (self);
    }

  return self;
}

/**
 * fp_window_set_document:
 * @self: a window
 * @document: the document to show
 */
void
fp_window_set_document (FpWindow    *self,
                        FpWorkspace *document)
{
  const GError *basemap_error;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpSession) session = NULL;

  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (FP_IS_WORKSPACE (document));

  session = fp_session_new (document, &error);
  if (session == NULL)
    {
      fp_window_show_open_error (self, error);
      return;
    }

  if (self->document != NULL)
    g_clear_signal_handler (&self->changed_id, self->document);
  g_set_object (&self->document, document);
  g_set_object (&self->session, session);
  /* After the session's own handler: the session is up to date when the window hears. */
  self->changed_id = g_signal_connect (document, "changed",
                                       G_CALLBACK (on_workspace_changed_cb), self);
  g_signal_connect_swapped (session, "notify::selected", G_CALLBACK (on_session_selected_cb),
                            self);

  update_title (self);
  fp_key_strip_set_session (self->key_strip, session);
  fp_side_panel_set_session (self->side_panel, session);
  fp_map_view_set_session (self->map_view, session);
  fp_sites_view_set_session (self->sites_view, session);
  fp_scenarios_view_set_session (self->scenarios_view, session);
  fp_compare_view_set_session (self->compare_view, session);
  fp_presentation_set_session (GTK_WIDGET (self), session);

  /* The year spin covers the horizon. */
  self->syncing = TRUE;
  gtk_adjustment_configure (self->year_adjustment, fp_session_get_year (session),
                            fp_session_get_first_year (session),
                            fp_session_get_last_year (session), 1, 5, 0);
  self->syncing = FALSE;
  set_action_state (self, "set-year", g_variant_new_int32 (fp_session_get_year (session)));
  set_action_state (self, "zone-service",
                    g_variant_new_string (fp_session_get_zone_service (session)));
  fill_scenarios (self);

  gtk_stack_set_visible_child_name (self->stack, "estate");
  gtk_widget_set_visible (self->panel_button, TRUE);
  gtk_widget_set_visible (self->scenario_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_squeezer), TRUE);
  on_switcher_squeezed_cb (self);
  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    set_action_enabled (self, document_actions[i], TRUE);
  fp_appraisal_view_set_workspace (self->appraisal_view, document);
  for (guint i = 0; fp_export_action_names[i] != NULL; i++)
    set_action_enabled (self, fp_export_action_names[i], TRUE);
  fp_import_actions_update (self);
  fp_optimise_actions_update (self);
  update_edit_actions (self);
  update_key_figures_state (self);
  set_action_state (self, "data-summary",
                    fp_side_panel_get_data_summary_shown (self->side_panel));
  g_signal_connect_object (session, "results-changed", G_CALLBACK (update_key_figures_state),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "access-changed", G_CALLBACK (update_key_figures_state),
                           self, G_CONNECT_SWAPPED);
  if (fp_workspace_is_read_only (document))
    fp_window_add_toast (self, _("This document is open read-only: save a copy to change it"));

  /* What the map showed last time. */
  if (self->settings != NULL)
    {
      g_autofree char *colour = g_settings_get_string (self->settings, "colour-by");
      double zoom = g_settings_get_double (self->settings, "map-zoom");
      FpColourBy by;

      if (fp_colour_by_from_string (colour, &by))
        g_action_group_activate_action (G_ACTION_GROUP (self), "colour-by",
                                        g_variant_new_string (colour));
      if (zoom > 0)
        fp_map_view_set_view (self->map_view, g_settings_get_double (self->settings, "map-latitude"),
                              g_settings_get_double (self->settings, "map-longitude"), zoom);
    }

  basemap_error = fp_map_view_get_basemap_error (self->map_view);
  if (basemap_error != NULL)
    {
      /* Translators: %s says why the boundaries could not be read */
      g_autofree char *title = g_strdup_printf (_("The map has no boundaries: %s"),
                                                basemap_error->message);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_timeout (toast, 0);
      add_toast (self, toast);
    }
}

/**
 * fp_window_get_document:
 * @self: a window
 *
 * Returns: (transfer none) (nullable): the document shown
 */
FpWorkspace *
fp_window_get_document (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->document;
}

/**
 * fp_window_show_open_error:
 * @self: a window with no document
 * @error: why the document could not be opened (the core's message)
 *
 * Shows the error in a dialog over the window, and on the window itself once the dialog
 * is dismissed.
 */
void
fp_window_show_open_error (FpWindow     *self,
                           const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  /* Logged as well, so a report from a terminal says what went wrong. */
  g_message ("%s", error->message);

  adw_status_page_set_description (self->error_page, error->message);
  if (self->document == NULL)
    gtk_stack_set_visible_child_name (self->stack, "error");

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Open the Estate"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * fp_window_add_toast:
 * @self: a window
 * @title: a short message
 */
void
fp_window_add_toast (FpWindow   *self,
                     const char *title)
{
  g_return_if_fail (FP_IS_WINDOW (self));

  add_toast (self, adw_toast_new (title));
}

/**
 * fp_window_screenshot_async:
 * @self: a window, shown
 * @path: the PNG to write
 * @map_path: (nullable): a PNG to write of the map alone (basemap and sites, without the
 *   legend and buttons over it)
 * @cancellable: (nullable): a cancellable
 * @callback: called when the picture is saved or could not be
 * @user_data: data for @callback
 *
 * Waits until the map has drawn every visible tile and the sites, lets animations settle,
 * then renders the window as it is on screen into @path.
 */
void
fp_window_screenshot_async (FpWindow            *self,
                            const char          *path,
                            const char          *map_path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Screenshot *shot;

  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, fp_window_screenshot_async);

  shot = g_new0 (Screenshot, 1);
  shot->path = g_strdup (path);
  shot->map_path = g_strdup (map_path);
  shot->deadline = g_get_monotonic_time () + SCREENSHOT_TIMEOUT_MS * G_GINT64_CONSTANT (1000);
  g_task_set_task_data (task, shot, screenshot_free);

  /* The poll holds the task's reference and drops it when it returns a result. */
  shot->source_id = g_timeout_add (SCREENSHOT_POLL_MS, screenshot_poll_cb, task);
}

gboolean
fp_window_screenshot_finish (FpWindow      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * fp_window_get_map_view:
 * @self: a window
 *
 * Returns: (transfer none): its map
 */
FpMapView *
fp_window_get_map_view (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);
  return self->map_view;
}

/**
 * fp_window_show_toast:
 * @self: a window
 * @toast: (transfer full): a toast, perhaps with a button
 */
void
fp_window_show_toast (FpWindow *self,
                      AdwToast *toast)
{
  g_return_if_fail (FP_IS_WINDOW (self));

  add_toast (self, toast);
}

typedef struct
{
  GtkWidget *widget;   /* weak */
  char      *path;
  guint      tries;
  gboolean (*ready) (GtkWidget *widget);
} LaterPicture;

static void
later_picture_free (LaterPicture *picture)
{
  g_clear_weak_pointer (&picture->widget);
  g_free (picture->path);
  g_free (picture);
}

/* Taken once the widget has been drawn as it is now (a page just shown is laid out on the
 * next frame); tried again for a few seconds while it has not been. */
static gboolean
take_later_picture_cb (gpointer user_data)
{
  LaterPicture *picture = user_data;
  g_autoptr(GError) error = NULL;

  if (picture->widget == NULL)
    return G_SOURCE_REMOVE;
  if (picture->ready != NULL && !picture->ready (picture->widget) && ++picture->tries < 40)
    return G_SOURCE_CONTINUE;
  if (fp_window_save_widget_picture (picture->widget, picture->path, &error))
    return G_SOURCE_REMOVE;
  if (++picture->tries < 40)
    return G_SOURCE_CONTINUE;

  g_message ("%s", error->message);
  return G_SOURCE_REMOVE;
}

/**
 * fp_window_save_widget_picture_later:
 * @widget: a widget on screen (a dialog, say)
 * @path: the PNG to write
 *
 * As fp_window_save_widget_picture(), a quarter of a second from now and then until the
 * widget has been drawn (for scripts and tests: a dialog's screenshot action). Nothing is
 * written if the widget goes first; a failure is logged.
 */
void
fp_window_save_widget_picture_later (GtkWidget  *widget,
                                     const char *path)
{
  fp_window_save_widget_picture_when (widget, path, NULL);
}

/**
 * fp_window_save_widget_picture_when:
 * @widget: a widget on screen
 * @path: the PNG to write
 * @ready: (nullable): whether @widget shows what it is to show yet
 *
 * As fp_window_save_widget_picture_later(), once @ready says so (for ten seconds at
 * most; then as it is).
 */
void
fp_window_save_widget_picture_when (GtkWidget   *widget,
                                    const char  *path,
                                    gboolean   (*ready) (GtkWidget *widget))
{
  LaterPicture *picture = g_new0 (LaterPicture, 1);

  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_set_weak_pointer (&picture->widget, widget);
  picture->path = g_strdup (path);
  picture->ready = ready;
  g_timeout_add_full (G_PRIORITY_DEFAULT, 250, take_later_picture_cb, picture,
                      (GDestroyNotify) later_picture_free);
}

/**
 * fp_window_save_widget_picture:
 * @widget: a widget on screen (a dialog, say)
 * @path: the PNG to write
 * @error: return location for an error
 *
 * Saves a picture of @widget as it is now, as win.save-screenshot does for the window.
 *
 * Returns: %TRUE if written
 */
gboolean
fp_window_save_widget_picture (GtkWidget   *widget,
                               const char  *path,
                               GError     **error)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  return save_picture (widget, path, error);
}

/**
 * fp_window_note_dialog:
 * @self: a window
 * @dialog: a dialog it has just opened
 *
 * Keeps @dialog as the one opened last, for win.save-screenshot ("dialog:").
 */
void
fp_window_note_dialog (FpWindow  *self,
                       GtkWidget *dialog)
{
  g_return_if_fail (FP_IS_WINDOW (self));

  g_set_weak_pointer (&self->last_dialog, dialog);
}
