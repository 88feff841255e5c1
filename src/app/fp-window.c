/* fp-window.c: header bar, side panel (summary and sites) and map, for one document.
 *
 * The window wires the panel and the map together (choosing a site in either selects it
 * in both), owns the window actions, remembers its size in GSettings when the schema is
 * installed, and presents errors. It can also save a picture of itself once the map has
 * drawn, which the UI smoke test and the README screenshot use.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-map-view.h"
#include "fp-site-layer.h"
#include "fp-summary-panel.h"
#include "fp-window.h"

/* How long the screenshot waits for the map before it gives up, and for animations
 * (the toast, the first tiles) to settle once the map is ready. */
#define SCREENSHOT_TIMEOUT_MS 30000
#define SCREENSHOT_POLL_MS    100
#define SCREENSHOT_SETTLE_MS  700

struct _FpWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *panel_button;
  GtkStack             *stack;
  AdwFlap              *flap;
  FpSummaryPanel       *summary_panel;
  FpMapView            *map_view;
  AdwStatusPage        *error_page;

  GSettings            *settings;
  FpWorkspace           *document;
};

G_DEFINE_FINAL_TYPE (FpWindow, fp_window, ADW_TYPE_APPLICATION_WINDOW)

/* Actions that need an open estate: disabled until one is shown. */
static const char * const document_actions[] = {
  "win.zoom-in", "win.zoom-out", "win.show-whole-area", "win.search", "win.clear-selection",
  "win.toggle-panel",
};

typedef struct
{
  char   *path;
  char   *map_path;
  gint64  deadline;
  gint64  ready_at;
  guint   source_id;
} Screenshot;

/* ---- helpers -------------------------------------------------------------------- */

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
 * shadow) into a PNG, one pixel per logical pixel. */
static gboolean
save_picture (GtkWidget   *widget,
              const char  *path,
              GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
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
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”"), path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
screenshot_poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  FpWindow *self = g_task_get_source_object (task);
  Screenshot *shot = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  gboolean ready;
  g_autoptr(GError) error = NULL;

  ready = gtk_widget_get_mapped (GTK_WIDGET (self)) &&
          (self->document == NULL || fp_map_view_is_ready (self->map_view));

  if (!ready)
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
  if (save_picture (GTK_WIDGET (self), shot->path, &error) &&
      (shot->map_path == NULL || self->document == NULL ||
       save_picture (fp_map_view_get_map (self->map_view), shot->map_path, &error)))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_panel_site_selected_cb (FpSummaryPanel *panel,
                           guint           index,
                           FpWindow       *self)
{
  fp_map_view_select_site (self->map_view, index, TRUE);
}

static void
on_map_site_selected_cb (FpMapView *map_view,
                         guint      index,
                         FpWindow  *self)
{
  fp_summary_panel_select_site (self->summary_panel, index);
}

/* ---- actions -------------------------------------------------------------------- */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  fp_map_view_zoom_in (FP_WINDOW (widget)->map_view);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  fp_map_view_zoom_out (FP_WINDOW (widget)->map_view);
}

static void
show_whole_area_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  fp_map_view_show_whole_area (FP_WINDOW (widget)->map_view);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  fp_summary_panel_focus_search (self->summary_panel);
}

static void
clear_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);

  fp_map_view_select_site (self->map_view, FP_SITE_NONE, FALSE);
  fp_summary_panel_select_site (self->summary_panel, FP_SITE_NONE);
}

static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  FpWindow *self = FP_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* ---- vfuncs --------------------------------------------------------------------- */

static gboolean
fp_window_close_request (GtkWindow *window)
{
  FpWindow *self = FP_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (fp_window_parent_class)->close_request (window);
}

static void
fp_window_dispose (GObject *object)
{
  FpWindow *self = FP_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_WINDOW);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);

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

  g_type_ensure (FP_TYPE_SUMMARY_PANEL);
  g_type_ensure (FP_TYPE_MAP_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/fp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, panel_button);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, summary_panel);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, map_view);
  gtk_widget_class_bind_template_child (widget_class, FpWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_panel_site_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_map_site_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "win.show-whole-area", NULL,
                                   show_whole_area_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.clear-selection", NULL,
                                   clear_selection_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_action);
}

static void
fp_window_init (FpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), document_actions[i], FALSE);
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
    }

  return self;
}

/**
 * fp_window_set_document:
 * @self: a window
 * @document: the document to show
 */
void
fp_window_set_document (FpWindow   *self,
                        FpWorkspace *document)
{
  const GError *basemap_error;

  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (FP_IS_WORKSPACE (document));

  g_set_object (&self->document, document);

  adw_window_title_set_subtitle (self->window_title, fp_workspace_get_estate (document)->name);
  fp_summary_panel_set_document (self->summary_panel, document);
  fp_map_view_set_document (self->map_view, document);
  gtk_stack_set_visible_child_name (self->stack, "estate");
  gtk_widget_set_visible (self->panel_button, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (document_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), document_actions[i], TRUE);

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
