/* fp-preferences-window.c: the style (system, light or dark) and what the map is coloured
 * by when a document opens, kept in GSettings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-map-style.h"
#include "fp-preferences-window.h"

static const char * const styles[] = { "default", "light", "dark" };

struct _FpPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *style_row;
  AdwComboRow          *colour_row;
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (FpPreferencesWindow, fp_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
on_style_selected_cb (AdwComboRow         *row,
                      GParamSpec          *pspec,
                      FpPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (self->settings != NULL && i < G_N_ELEMENTS (styles))
    g_settings_set_string (self->settings, "style", styles[i]);
}

static void
on_colour_selected_cb (AdwComboRow         *row,
                       GParamSpec          *pspec,
                       FpPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (row);

  if (self->settings != NULL && i < FP_N_COLOUR_BY)
    g_settings_set_string (self->settings, "colour-by", fp_colour_by_to_string (i));
}

static void
fp_preferences_window_dispose (GObject *object)
{
  FpPreferencesWindow *self = FP_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fp_preferences_window_parent_class)->dispose (object);
}

static void
fp_preferences_window_class_init (FpPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FpPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, FpPreferencesWindow, colour_row);
}

static void
fp_preferences_window_init (FpPreferencesWindow *self)
{
  g_autoptr(GtkStringList) colours = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint by = 0; by < FP_N_COLOUR_BY; by++)
    gtk_string_list_append (colours, fp_colour_by_to_label (by));
  adw_combo_row_set_model (self->colour_row, G_LIST_MODEL (colours));
}

/**
 * fp_preferences_window_new:
 * @settings: (nullable): the application's settings
 *
 * Returns: (transfer floating): the preferences window
 */
GtkWidget *
fp_preferences_window_new (GSettings *settings)
{
  FpPreferencesWindow *self = g_object_new (FP_TYPE_PREFERENCES_WINDOW, NULL);

  g_set_object (&self->settings, settings);
  if (settings != NULL)
    {
      g_autofree char *style = g_settings_get_string (settings, "style");
      g_autofree char *colour = g_settings_get_string (settings, "colour-by");
      FpColourBy by = FP_COLOUR_BY_UTILISATION;

      for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
        if (g_strcmp0 (style, styles[i]) == 0)
          adw_combo_row_set_selected (self->style_row, i);
      fp_colour_by_from_string (colour, &by);
      adw_combo_row_set_selected (self->colour_row, by);
    }

  g_signal_connect (self->style_row, "notify::selected", G_CALLBACK (on_style_selected_cb), self);
  g_signal_connect (self->colour_row, "notify::selected", G_CALLBACK (on_colour_selected_cb),
                    self);
  return GTK_WIDGET (self);
}
