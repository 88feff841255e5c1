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
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "fp-appraisal-view.h"
#include "fp-export-actions.h"
#include "fp-file-chooser.h"
#include "fp-import-dialog.h"
#include "fp-key-strip.h"
#include "fp-map-view.h"
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
  GtkWidget            *scenario_box;
  GtkDropDown          *scenario_dropdown;
  GtkStringList        *scenario_names;
  GtkSpinButton        *year_spin;
  GtkAdjustment        *year_adjustment;
  GtkWidget            *view_switcher;
  GtkStack             *stack;
  AdwViewStack         *view_stack;
  AdwFlap              *flap;
  FpSidePanel          *side_panel;
  FpMapView            *map_view;
  FpSitesView          *sites_view;
  FpAppraisalView      *appraisal_view;
  FpKeyStrip           *key_strip;
  AdwStatusPage        *error_page;
  GMenu                *recent_section;

  GSettings            *settings;
  FpWorkspace          *document;
  FpSession            *session;
  FpPostcodes          *postcodes;
  gboolean              syncing;
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
show_error_toast (FpWindow     *self,
                  const GError *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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
  if (!fp_side_panel_is_settled (self->side_panel))
    return FALSE;
  /* The Appraisal view waits for its appraisal. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "appraisal") == 0)
    return fp_appraisal_view_is_settled (self->appraisal_view);
  /* The sites table draws at once; the map waits for its tiles. */
  return g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "map") != 0 ||
         fp_map_view_is_ready (self->map_view);
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

static void
on_flap_changed_cb (FpWindow *self)
{
  set_action_state (self, "toggle-panel",
                    g_variant_new_boolean (adw_flap_get_reveal_flap (self->flap)));
  update_covered_left (self);
}

/* The document's estate or assumptions were read again (an import applied, undone or
 * redone; a new horizon or discount rate): the session's results, and every pointer into
 * the old estate, are stale. A new session shows the same scenario, year, colours and
 * selection where it still can. */
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
      fp_session_set_scenario (session, fp_session_get_scenario (old), NULL);
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

  self->syncing = TRUE;
  gtk_adjustment_configure (self->year_adjustment, year, fp_session_get_first_year (session),
                            fp_session_get_last_year (session), 1, 5, 0);
  self->syncing = FALSE;
  set_action_state (self, "set-year", g_variant_new_int32 (fp_session_get_year (session)));
  set_action_state (self, "select-scenario",
                    g_variant_new_string (fp_session_get_scenario (session)));
  fill_scenarios (self);
}

static void
on_document_changed_cb (FpWindow          *self,
                        FpWorkspaceChange  what,
                        const char        *scenario)
{
  if (what & (FP_WORKSPACE_CHANGED_ESTATE | FP_WORKSPACE_CHANGED_ASSUMPTIONS))
    rebind_session (self);
  if (what & FP_WORKSPACE_CHANGED_ESTATE)
    {
      update_title (self);
      fp_import_actions_update (self);
    }
}

/* ---- actions: what is shown ----------------------------------------------------- */

static void
select_scenario_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fp_session_set_scenario (self->session, g_variant_get_string (parameter, NULL), &error))
    {
      show_error_toast (self, error);
      return;
    }

  g_simple_action_set_state (action, g_variant_new_string (fp_session_get_scenario (self->session)));
  fill_scenarios (self);
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
                                             _("There is no view “%s”: use map or sites"),
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

  if (g_str_has_prefix (path, "map:"))
    {
      g_autofree char *window_path = g_strconcat (path + 4, ".window.png", NULL);

      fp_window_screenshot_async (self, window_path, path + 4, NULL, on_picture_saved_cb, NULL);
    }
  else
    fp_window_screenshot_async (self, path, NULL, NULL, on_picture_saved_cb, NULL);
}

/* ---- actions: edits ------------------------------------------------------------- */

/* The window builds its editing controls now; they act through FpWorkspace's edit
 * functions (scenario create, duplicate, rename, delete; change add, remove, reorder;
 * undo and redo), which another piece of work is adding. Until they land these actions
 * are disabled (see fp_window_init) and do nothing: WIRE them to the workspace there. */
static void
not_yet_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_message ("The action “%s” waits for the workspace's edit functions",
             g_action_get_name (G_ACTION (action)));
}

static const char * const edit_actions[] = {
  "undo", "redo", "new-scenario", "new-scenario-dialog", "duplicate-scenario",
  "rename-scenario", "rename-scenario-dialog", "delete-scenario", "add-change",
  "remove-change", "open-site-here", "move-service", "exit-site", "dispose-site",
  "backfill-site", "change-hours", "save-copy",
};

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
  /* Edits: disabled until the workspace's edit functions land. */
  { "undo", not_yet_action, NULL, NULL, NULL, { 0 } },
  { "redo", not_yet_action, NULL, NULL, NULL, { 0 } },
  { "new-scenario", not_yet_action, "s", NULL, NULL, { 0 } },
  { "new-scenario-dialog", not_yet_action, NULL, NULL, NULL, { 0 } },
  { "duplicate-scenario", not_yet_action, NULL, NULL, NULL, { 0 } },
  { "rename-scenario", not_yet_action, "s", NULL, NULL, { 0 } },
  { "rename-scenario-dialog", not_yet_action, NULL, NULL, NULL, { 0 } },
  { "delete-scenario", not_yet_action, NULL, NULL, NULL, { 0 } },
  { "add-change", not_yet_action, "s", NULL, NULL, { 0 } },
  { "remove-change", not_yet_action, "u", NULL, NULL, { 0 } },
  { "open-site-here", not_yet_action, "s", NULL, NULL, { 0 } },
  { "move-service", not_yet_action, "s", NULL, NULL, { 0 } },
  { "exit-site", not_yet_action, "s", NULL, NULL, { 0 } },
  { "dispose-site", not_yet_action, "s", NULL, NULL, { 0 } },
  { "backfill-site", not_yet_action, "s", NULL, NULL, { 0 } },
  { "change-hours", not_yet_action, "s", NULL, NULL, { 0 } },
  { "save-copy", not_yet_action, NULL, NULL, NULL, { 0 } },
};

/* Actions that need an open estate: disabled until one is shown. */
static const char * const document_actions[] = {
  "select-scenario", "set-year", "select-site", "clear-selection", "colour-by", "size-by",
  "zone-layer", "zone-service", "show-flows", "show-view", "toggle-panel", "go-to-postcode",
  "zoom-in", "zoom-out", "show-whole-area", "search",
};

/* ---- vfuncs --------------------------------------------------------------------- */

static gboolean
fp_window_close_request (GtkWindow *window)
{
  FpWindow *self = FP_WINDOW (window);

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
  fp_key_strip_set_session (self->key_strip, NULL);
  fp_side_panel_set_session (self->side_panel, NULL);
  fp_map_view_set_session (self->map_view, NULL);
  fp_sites_view_set_session (self->sites_view, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_WINDOW);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->postcodes, fp_postcodes_free);

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
  g_type_ensure (FP_TYPE_APPRAISAL_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/fp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, scenario_box);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, scenario_dropdown);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, scenario_names);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, year_spin);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, year_adjustment);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, sites_view);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, appraisal_view);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, key_strip);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, recent_section);
}

static void
fp_window_init (FpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    set_action_enabled (self, document_actions[i], FALSE);
  /* WIRE: enable these once FpWorkspace has its edit functions (issue 9). */
  for (guint i = 0; i < G_N_ELEMENTS (edit_actions); i++)
    set_action_enabled (self, edit_actions[i], FALSE);
  /* The appraisal, exports and imports (issues 10 and 11): disabled until a document. */
  fp_appraisal_view_add_actions (self->appraisal_view, G_ACTION_MAP (self));
  fp_export_actions_add (self);
  fp_import_actions_add (self);

  g_signal_connect (self->scenario_dropdown, "notify::selected",
                    G_CALLBACK (on_scenario_selected_cb), self);
  g_signal_connect (self->year_spin, "value-changed", G_CALLBACK (on_year_changed_cb), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child-name",
                            G_CALLBACK (on_view_changed_cb), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap", G_CALLBACK (on_flap_changed_cb),
                            self);
  g_signal_connect_swapped (self->flap, "notify::folded", G_CALLBACK (on_flap_changed_cb), self);
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

  if (self->document != document)
    {
      if (self->document != NULL)
        g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed_cb), self);
    }
  g_set_object (&self->document, document);
  g_set_object (&self->session, session);
  g_signal_connect_swapped (session, "notify::selected", G_CALLBACK (on_session_selected_cb),
                            self);

  update_title (self);
  fp_key_strip_set_session (self->key_strip, session);
  fp_side_panel_set_session (self->side_panel, session);
  fp_map_view_set_session (self->map_view, session);
  fp_sites_view_set_session (self->sites_view, session);

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
  gtk_widget_set_visible (self->view_switcher, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    set_action_enabled (self, document_actions[i], TRUE);
  fp_appraisal_view_set_workspace (self->appraisal_view, document);
  for (guint i = 0; fp_export_action_names[i] != NULL; i++)
    set_action_enabled (self, fp_export_action_names[i], TRUE);
  fp_import_actions_update (self);

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
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
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

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
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

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
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
