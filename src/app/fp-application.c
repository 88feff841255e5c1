/* fp-application.c: opens documents in windows, and owns About, Quit and the accelerators.
 *
 * `footprint` opens the user's default document, creating it from the built-in Birmingham
 * and Solihull dataset on first run (no prompt, no network); `footprint PATH` opens PATH.
 * A document that cannot be opened is explained in a dialog, never a crash.
 *
 * For tests and screenshots, FOOTPRINT_SCREENSHOT=file.png saves a picture of the first
 * window once its map is drawn (FOOTPRINT_MAP_SCREENSHOT=map.png one of the map alone,
 * without the legend),
 * and FOOTPRINT_QUIT_AFTER_SCREENSHOT=1 then quits; the exit status is non-zero if the
 * picture could not be saved.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-application"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "footprint-core.h"
#include "fp-application.h"
#include "fp-preferences-window.h"
#include "fp-window.h"

/* How many documents the Recent Documents menu lists. */
#define MAX_RECENT 8

#define OGL_URL "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"

struct _FpApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  int             exit_status;
  gboolean        screenshot_taken;
};

G_DEFINE_FINAL_TYPE (FpApplication, fp_application, ADW_TYPE_APPLICATION)

/* ---- helpers -------------------------------------------------------------------- */

static void
quit (FpApplication *self)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (not just quitting) lets each window save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  /* A window that asks first (a what-if branch still in hand: keep it or discard it) stays
   * open until it is answered, then closes itself; the application ends with its last
   * window. Quitting now would lose the question. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (FP_IS_WINDOW (l->data))
      return;

  g_application_quit (G_APPLICATION (self));
}

static void
on_screenshot_saved_cb (GObject      *source_object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(FpApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fp_window_screenshot_finish (FP_WINDOW (source_object), result, &error))
    {
      g_printerr ("footprint: %s\n", error->message);
      self->exit_status = 1;
    }

  if (g_strcmp0 (g_getenv ("FOOTPRINT_QUIT_AFTER_SCREENSHOT"), "1") == 0)
    quit (self);
}

static void
maybe_take_screenshot (FpApplication *self,
                       FpWindow      *window)
{
  const char *path = g_getenv ("FOOTPRINT_SCREENSHOT");

  if (path == NULL || *path == '\0' || self->screenshot_taken)
    return;

  self->screenshot_taken = TRUE;
  fp_window_screenshot_async (window, path, g_getenv ("FOOTPRINT_MAP_SCREENSHOT"), NULL,
                              on_screenshot_saved_cb, g_object_ref (self));
}

/* The document goes to the top of the Recent Documents menu. */
static void
remember_recent (FpApplication *self,
                 const char    *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) paths = NULL;
  guint n = 1;

  if (self->settings == NULL || path == NULL)
    return;

  old = g_settings_get_strv (self->settings, "recent-documents");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0 && g_file_test (old[i], G_FILE_TEST_EXISTS))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  paths = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-documents", (const char * const *) paths);
}

static void
on_document_opened_cb (GObject      *source_object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(FpWindow) window = user_data;
  FpApplication *self = FP_APPLICATION (g_application_get_default ());
  g_autoptr(FpWorkspace) document = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  document = fp_workspace_open_finish (result, &created, &error);

  /* The user may have closed the window while the document was opening. */
  if (gtk_window_get_application (GTK_WINDOW (window)) == NULL)
    return;

  if (document == NULL)
    fp_window_show_open_error (window, error);
  else
    {
      if (self != NULL)
        remember_recent (self, fp_workspace_get_path (document));
      fp_window_set_document (window, document);
      if (created)
        fp_window_add_toast (window,
                             _("Your estate was set up from the Birmingham and Solihull "
                               "open data"));
    }

  if (self != NULL)
    maybe_take_screenshot (self, window);
}

static void
open_in_new_window (FpApplication *self,
                    const char    *path)
{
  FpWindow *window = fp_window_new (self);

  gtk_window_present (GTK_WINDOW (window));
  fp_workspace_open_async (path, NULL, on_document_opened_cb, g_object_ref (window));
}

static void
add_data_credits (AdwAboutWindow *about,
                  GtkWindow      *parent)
{
  FpWorkspace *document = NULL;
  const char *publishers[] = {
    _("Office for National Statistics: Census 2021, boundaries, postcode directory"),
    _("NHS England: Organisation Data Service (ODS), "
      "Estates Returns Information Collection (ERIC)"),
    _("Ministry of Housing, Communities and Local Government: English Indices of Deprivation 2019"),
    _("NHS Birmingham and Solihull Integrated Care Board"),
    NULL
  };
  g_autofree char *licence = NULL;
  GString *attributions;

  if (FP_IS_WINDOW (parent))
    document = fp_window_get_document (FP_WINDOW (parent));

  adw_about_window_add_credit_section (about, _("Open Data"), publishers);

  attributions = g_string_new (_("Contains public sector information licensed under the Open "
                                 "Government Licence v3.0.\n"
                                 "Contains OS data © Crown copyright and database right.\n"
                                 "Contains Royal Mail data © Royal Mail copyright and database "
                                 "right (postcode centroids)."));

  if (document != NULL)
    {
      const FpEstate *estate = fp_workspace_get_estate (document);
      g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < estate->sources->len; i++)
        {
          const FpSource *source = &g_array_index (estate->sources, FpSource, i);

          if (source->title == NULL)
            continue;

          if (source->publisher != NULL && source->year > 0)
            /* Translators: a data source: title, publisher and year */
            g_ptr_array_add (titles, g_strdup_printf (_("%s (%s, %d)"), source->title,
                                                      source->publisher, source->year));
          else if (source->publisher != NULL)
            /* Translators: a data source: title and publisher */
            g_ptr_array_add (titles, g_strdup_printf (_("%s (%s)"), source->title,
                                                      source->publisher));
          else
            g_ptr_array_add (titles, g_strdup (source->title));

          if (source->attribution != NULL && *source->attribution != '\0' &&
              strstr (attributions->str, source->attribution) == NULL)
            g_string_append_printf (attributions, "\n\n%s", source->attribution);
        }
      g_ptr_array_add (titles, NULL);

      if (titles->len > 1)
        adw_about_window_add_credit_section (about, _("Sources of the Estate"),
                                             (const char **) titles->pdata);
    }

  licence = g_strdup_printf (_("Data licensed under the <a href=\"%s\">Open Government "
                               "Licence v3.0</a>."), OGL_URL);
  adw_about_window_add_legal_section (about, _("Open Data"), attributions->str,
                                      GTK_LICENSE_CUSTOM, licence);
  g_string_free (attributions, TRUE);
}

/* ---- actions -------------------------------------------------------------------- */

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  FpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { _("The Footprint authors"), NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);

  adw_about_window_set_application_name (about, _("Footprint"));
  adw_about_window_set_application_icon (about, APPLICATION_ID);
  adw_about_window_set_developer_name (about, _("The Footprint authors"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_website (about, "https://github.com/footprint/footprint");
  adw_about_window_set_copyright (about, _("© 2026 The Footprint authors"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_comments (about,
                                 _("Plan the buildings of a local NHS estate: which services go "
                                   "where, which buildings to fill, keep or leave, and the case "
                                   "for it. The built-in estate of Birmingham and Solihull is "
                                   "built from open public data and needs no network."));
  add_data_credits (about, parent);

  gtk_window_present (GTK_WINDOW (about));
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FpApplication *self = user_data;
  const char *path = g_variant_get_string (parameter, NULL);

  /* A window that shows the same document is brought forward rather than opened twice. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (FP_IS_WINDOW (l->data))
      {
        FpWorkspace *document = fp_window_get_document (FP_WINDOW (l->data));

        if (document != NULL && g_strcmp0 (fp_workspace_get_path (document), path) == 0)
          {
            gtk_window_present (GTK_WINDOW (l->data));
            return;
          }
      }

  open_in_new_window (self, path);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FpApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWindow *window = GTK_WINDOW (fp_preferences_window_new (self->settings));

  if (parent != NULL)
    gtk_window_set_transient_for (window, parent);
  gtk_window_present (window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  quit (FP_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "open", open_action, "s", NULL, NULL, { 0 } },
  { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

/* Every accelerator of the application, in one place (the shortcuts window lists them). */
static const struct
{
  const char *action;
  const char *accels[3];
} accelerators[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.toggle-panel", { "F9", NULL } },
  { "win.show-view('map')", { "<Alt>1", NULL } },
  { "win.show-view('sites')", { "<Alt>2", NULL } },
  { "win.show-view('scenarios')", { "<Alt>3", NULL } },
  { "win.show-view('compare')", { "<Alt>4", NULL } },
  { "win.show-view('appraisal')", { "<Alt>5", NULL } },
  { "win.new-scenario-dialog", { "<Control>n", NULL } },
  { "win.save-copy", { "<Shift><Control>s", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Shift><Control>z", NULL } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal", NULL } },
  { "win.zoom-out", { "<Control>minus", NULL } },
  { "win.show-whole-area", { "<Control>0", NULL } },
};

/* ---- vfuncs --------------------------------------------------------------------- */

/* Light, dark or the system's choice, as the preferences say. */
static void
apply_style (FpApplication *self)
{
  g_autofree char *style = g_settings_get_string (self->settings, "style");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (g_strcmp0 (style, "light") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_strcmp0 (style, "dark") == 0)
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static void
fp_application_startup (GApplication *application)
{
  FpApplication *self = FP_APPLICATION (application);
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  G_APPLICATION_CLASS (fp_application_parent_class)->startup (application);

  /* Without the schema (an uninstalled run without GSETTINGS_SCHEMA_DIR), the window
   * simply does not remember its size: g_settings_new() would abort. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new (APPLICATION_ID);
  else
    g_message ("The settings schema %s is not installed; the window size will not be "
               "remembered (set GSETTINGS_SCHEMA_DIR for an uninstalled run)", APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  if (self->settings != NULL)
    {
      g_signal_connect_swapped (self->settings, "changed::style",
                                G_CALLBACK (apply_style), self);
      apply_style (self);
    }
  else
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                              "preferences")),
                                 FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accelerators[i].action,
                                           accelerators[i].accels);
}

static void
fp_application_shutdown (GApplication *application)
{
  FpApplication *self = FP_APPLICATION (application);

  /* The settings backend writes lazily; make sure the window size reaches the disk. */
  if (self->settings != NULL)
    g_settings_sync ();

  G_APPLICATION_CLASS (fp_application_parent_class)->shutdown (application);
}

static void
fp_application_activate (GApplication *application)
{
  FpApplication *self = FP_APPLICATION (application);

  /* The default document opens once; activating again brings its window forward. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (FP_IS_WINDOW (l->data))
      {
        gtk_window_present (GTK_WINDOW (l->data));
        return;
      }

  open_in_new_window (self, NULL);
}

static void
fp_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  FpApplication *self = FP_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path == NULL)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);
          FpWindow *window = fp_window_new (self);
          g_autoptr(GError) error = NULL;

          g_set_error (&error, FP_ERROR, FP_ERROR_IO,
                       _("“%s” is not a local file; Footprint opens documents on this "
                         "computer only"), uri);
          gtk_window_present (GTK_WINDOW (window));
          fp_window_show_open_error (window, error);
          maybe_take_screenshot (self, window);
          continue;
        }

      open_in_new_window (self, path);
    }
}

static int
fp_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("footprint %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
fp_application_dispose (GObject *object)
{
  FpApplication *self = FP_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (fp_application_parent_class)->dispose (object);
}

static void
fp_application_class_init (FpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = fp_application_dispose;

  app_class->startup = fp_application_startup;
  app_class->shutdown = fp_application_shutdown;
  app_class->activate = fp_application_activate;
  app_class->open = fp_application_open;
  app_class->handle_local_options = fp_application_handle_local_options;
}

static void
fp_application_init (FpApplication *self)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[DOCUMENT…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan the buildings of a local NHS estate."));
}

/* ---- public API ----------------------------------------------------------------- */

/**
 * fp_application_new:
 *
 * Returns: (transfer full): the application
 */
FpApplication *
fp_application_new (void)
{
  return g_object_new (FP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/**
 * fp_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the schema is missing
 */
GSettings *
fp_application_get_settings (FpApplication *self)
{
  g_return_val_if_fail (FP_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * fp_application_get_exit_status:
 * @self: the application
 *
 * Returns: 0, or 1 when a requested screenshot could not be saved
 */
int
fp_application_get_exit_status (FpApplication *self)
{
  g_return_val_if_fail (FP_IS_APPLICATION (self), 1);
  return self->exit_status;
}
