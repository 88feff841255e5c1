/* fp-optimise-dialog.c: "Suggest an estate", the optimiser (src/core/fp-optimise.h) in the
 * window.
 *
 * The dialog holds the settings footprint-cli optimise takes: the scenario's name, the
 * services whose access is held and their targets (for everyone and for the most deprived
 * fifth; at first Do nothing's shares), the sites the user locks to keep or to leave
 * (chosen from a list that can be searched), and the time limit. "Suggest" solves in a
 * worker thread (GTask), showing the search's progress; "Stop" cancels it, which GLPK
 * notices at its next callback (fp-optimise-mip.c terminates the branch and bound). The
 * answer is checked by the engine as the CLI does, written as a scenario through the
 * workspace (fp_optimise_save(), one transaction) and opened in the Compare view against
 * Do nothing. The dialog says in plain words what the solver proved: a solution is only
 * called the best when GLPK proved it.
 *
 * The worker does not borrow the workspace's estate or model (an assumption changed or an
 * import applied while it runs would free them): the estate is read from the document on
 * the main thread when the search starts, and the worker builds its own model and Do
 * nothing from it. The answer is written through the workspace, which checks it against
 * the document as it is then, so a suggestion made from an estate since changed is refused
 * with the engine's reason rather than written.
 *
 * "The price of access" solves at each access target from 90% to 100% (fp_optimise_sweep()),
 * once with the target for everyone and once with the target for the most deprived fifth,
 * and draws the most the estate can save at each (fp-chart-view).
 *
 * Every control is also an action, so a script (and the smoke test) can drive it:
 * win.suggest-estate opens it; win.suggest-estate-settings (a{sv}: name, time-limit,
 * services, access-target, deprived-target, lock-keep, lock-exit) fills it in;
 * win.suggest-estate-start, -stop, -sweep and -screenshot press its buttons; the state of
 * win.suggest-estate-state (a{sv}: state, message, scenario, status, npv, gap, seconds) says
 * where it is: closed, ready, solving, done, cancelled or failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-optimise"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "fp-chart-view.h"
#include "fp-optimise-dialog.h"

/* The price of access: targets from SWEEP_FROM to SWEEP_TO in SWEEP_POINTS steps. */
#define SWEEP_FROM   0.90
#define SWEEP_TO     1.00
#define SWEEP_POINTS 11

static const char dialog_key[] = "fp-optimise-dialog";

const char * const fp_optimise_action_names[] = {
  "suggest-estate", "suggest-estate-settings", "suggest-estate-start", "suggest-estate-stop",
  "suggest-estate-sweep", "suggest-estate-screenshot", NULL,
};

typedef struct
{
  char            *id;
  AdwExpanderRow  *row;
  GtkSpinButton   *overall;
  GtkSpinButton   *deprived;
  double           initial_overall;    /* percent, as the spin shows Do nothing's share */
  double           initial_deprived;
} ServiceRow;

typedef enum
{
  LOCK_NONE,
  LOCK_KEEP,
  LOCK_LEAVE,
} Lock;

/* A site that can be locked. The list shows only the rows in sight (GtkListView), so a
 * dialog over hundreds of sites opens at once; the locks live here. */
typedef struct
{
  char            *id;
  char            *name;
  char            *key;                /* casefolded name and id, for the search */
  Lock             lock;
} SiteRow;

struct _FpOptimiseDialog
{
  AdwWindow        parent_instance;

  FpWindow        *window;             /* weak */
  FpWorkspace     *workspace;

  AdwEntryRow     *name_row;
  GtkSpinButton   *time_spin;
  GPtrArray       *services;           /* ServiceRow */
  GPtrArray       *sites;              /* SiteRow, in the estate's order */
  GHashTable      *site_index;         /* id → SiteRow */
  GtkSearchEntry  *site_search;
  GtkFilter       *site_filter;
  GHashTable      *bound;              /* the rows in sight: box → SiteRow */
  GtkLabel        *locks_label;
  GtkWidget       *suggest_button;
  GtkWidget       *sweep_button;
  GtkWidget       *stop_button;
  GtkWidget       *status_box;
  GtkProgressBar  *progress_bar;
  GtkLabel        *status_label;
  FpChartView     *chart;
  GtkWidget       *chart_box;
  GtkLabel        *chart_label;

  GCancellable    *cancellable;        /* the running search's; NULL when none */
  gboolean         disposed;           /* closed: a search ending now changes nothing */
  double           time_limit;         /* the running search's */
};

G_DEFINE_FINAL_TYPE (FpOptimiseDialog, fp_optimise_dialog, ADW_TYPE_WINDOW)

static void
service_row_free (gpointer data)
{
  ServiceRow *row = data;

  g_free (row->id);
  g_free (row);
}

static void
site_row_free (gpointer data)
{
  SiteRow *row = data;

  g_free (row->id);
  g_free (row->name);
  g_free (row->key);
  g_free (row);
}

/* ---- the state a script reads ------------------------------------------------------- */

static void
set_enabled (FpWindow   *window,
             const char *name,
             gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* Publishes where the dialog is as win.suggest-estate-state; @result adds its figures. */
static void
publish (FpWindow               *window,
         const char             *state,
         const char             *message,
         const char             *scenario,
         const FpOptimiseResult *result)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), "suggest-estate-state");
  GVariantBuilder b;

  if (action == NULL)
    return;

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "state", g_variant_new_string (state));
  g_variant_builder_add (&b, "{sv}", "message", g_variant_new_string (message ? message : ""));
  g_variant_builder_add (&b, "{sv}", "scenario", g_variant_new_string (scenario ? scenario : ""));
  if (result != NULL)
    {
      g_variant_builder_add (&b, "{sv}", "status",
                             g_variant_new_string (fp_optimise_status_to_string (result->status)));
      g_variant_builder_add (&b, "{sv}", "npv", g_variant_new_double (result->npv));
      g_variant_builder_add (&b, "{sv}", "gap", g_variant_new_double (result->gap));
      g_variant_builder_add (&b, "{sv}", "seconds", g_variant_new_double (result->solve_seconds));
      g_variant_builder_add (&b, "{sv}", "sites-left", g_variant_new_uint32 (result->n_left));
    }
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_builder_end (&b));
}

static void
say (FpOptimiseDialog       *self,
     const char             *state,
     const char             *message,
     const char             *scenario,
     const FpOptimiseResult *result)
{
  gboolean shown = message != NULL && *message != '\0';

  gtk_label_set_text (self->status_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), shown);
  /* The strip under the settings is there only when it has something to say. */
  gtk_widget_set_visible (self->status_box, shown || self->cancellable != NULL);
  if (self->window != NULL)
    publish (self->window, state, message, scenario, result);
}

static void
set_running (FpOptimiseDialog *self,
             GCancellable     *cancellable)
{
  gboolean running = cancellable != NULL;

  g_clear_object (&self->cancellable);
  if (cancellable != NULL)
    self->cancellable = g_object_ref (cancellable);
  gtk_widget_set_sensitive (self->suggest_button, !running);
  gtk_widget_set_sensitive (self->sweep_button, !running);
  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  if (running)
    gtk_widget_set_visible (self->status_box, TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
}

/* ---- the settings ------------------------------------------------------------------- */

static void
update_locks_label (FpOptimiseDialog *self)
{
  guint keep = 0, leave = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->sites->len; i++)
    {
      SiteRow *row = g_ptr_array_index (self->sites, i);

      keep += row->lock == LOCK_KEEP;
      leave += row->lock == LOCK_LEAVE;
    }
  if (keep == 0 && leave == 0)
    text = g_strdup (_("The optimiser decides every site"));
  else
    text = g_strdup_printf (_("%u to keep, %u to leave"), keep, leave);
  gtk_label_set_text (self->locks_label, text);
}

/* A toggle of a row in sight: the site's lock follows it. Binding a row sets its toggles
 * from the lock, which changes nothing here. */
static void
on_lock_toggled_cb (GtkToggleButton  *button,
                    FpOptimiseDialog *self)
{
  SiteRow *row = g_object_get_data (G_OBJECT (button), "site");
  Lock lock = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "lock"));

  if (row == NULL)
    return;
  if (gtk_toggle_button_get_active (button))
    row->lock = lock;
  else if (row->lock == lock)
    row->lock = LOCK_NONE;
  update_locks_label (self);
}

/* A toggle in a group cannot be switched off by a click: a second click on the active
 * one frees the site again. */
static void
on_lock_clicked_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    gpointer         user_data)
{
  GtkToggleButton *button = GTK_TOGGLE_BUTTON (
    gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));

  if (gtk_toggle_button_get_active (button))
    {
      gtk_toggle_button_set_active (button, FALSE);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
}

static gboolean
site_matches (gpointer item,
              gpointer user_data)
{
  FpOptimiseDialog *self = user_data;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->site_search));
  SiteRow *row = self->site_index != NULL
                 ? g_hash_table_lookup (self->site_index, gtk_string_object_get_string (item))
                 : NULL;
  g_autofree char *folded = NULL;

  if (text == NULL || *text == '\0')
    return TRUE;
  folded = g_utf8_casefold (text, -1);
  return row != NULL && strstr (row->key, folded) != NULL;
}

static void
on_search_changed_cb (FpOptimiseDialog *self)
{
  gtk_filter_changed (self->site_filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_site_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               FpOptimiseDialog         *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *id = gtk_label_new (NULL);
  GtkWidget *linked = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *titles[] = { _("Keep"), _("Leave") };
  GtkWidget *buttons[2];

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (id), 0);
  gtk_widget_add_css_class (id, "dim-label");
  gtk_widget_add_css_class (id, "caption");
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), id);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), labels);

  gtk_widget_add_css_class (linked, "linked");
  gtk_widget_set_valign (linked, GTK_ALIGN_CENTER);
  for (guint k = 0; k < 2; k++)
    {
      GtkGesture *click = gtk_gesture_click_new ();

      buttons[k] = gtk_toggle_button_new_with_label (titles[k]);
      g_object_set_data (G_OBJECT (buttons[k]), "lock",
                         GINT_TO_POINTER (k == 0 ? LOCK_KEEP : LOCK_LEAVE));
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click),
                                                  GTK_PHASE_CAPTURE);
      g_signal_connect (click, "pressed", G_CALLBACK (on_lock_clicked_cb), NULL);
      gtk_widget_add_controller (buttons[k], GTK_EVENT_CONTROLLER (click));
      g_signal_connect (buttons[k], "toggled", G_CALLBACK (on_lock_toggled_cb), self);
      gtk_box_append (GTK_BOX (linked), buttons[k]);
    }
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (buttons[1]), GTK_TOGGLE_BUTTON (buttons[0]));
  gtk_box_append (GTK_BOX (box), linked);

  g_object_set_data (G_OBJECT (box), "name", name);
  g_object_set_data (G_OBJECT (box), "id", id);
  g_object_set_data (G_OBJECT (box), "keep", buttons[0]);
  g_object_set_data (G_OBJECT (box), "leave", buttons[1]);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

/* Shows @row's lock on the toggles of @box. */
static void
show_lock (GtkWidget *box,
           SiteRow   *row)
{
  GtkToggleButton *keep = g_object_get_data (G_OBJECT (box), "keep");
  GtkToggleButton *leave = g_object_get_data (G_OBJECT (box), "leave");

  /* Unhooked while set from the lock. */
  g_object_set_data (G_OBJECT (keep), "site", NULL);
  g_object_set_data (G_OBJECT (leave), "site", NULL);
  gtk_toggle_button_set_active (keep, row->lock == LOCK_KEEP);
  gtk_toggle_button_set_active (leave, row->lock == LOCK_LEAVE);
  g_object_set_data (G_OBJECT (keep), "site", row);
  g_object_set_data (G_OBJECT (leave), "site", row);
}

static void
bind_site_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              FpOptimiseDialog         *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  SiteRow *row;

  if (self->site_index == NULL)
    return;
  row = g_hash_table_lookup (self->site_index,
                             gtk_string_object_get_string (gtk_list_item_get_item (item)));
  if (row == NULL)
    return;
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "name"), row->name);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "id"), row->id);
  show_lock (box, row);
  g_hash_table_insert (self->bound, box, row);
}

static void
unbind_site_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                FpOptimiseDialog         *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  if (self->bound != NULL)
    g_hash_table_remove (self->bound, box);
  g_object_set_data (g_object_get_data (G_OBJECT (box), "keep"), "site", NULL);
  g_object_set_data (g_object_get_data (G_OBJECT (box), "leave"), "site", NULL);
}

static SiteRow *
find_site_row (FpOptimiseDialog *self,
               const char       *id)
{
  return g_hash_table_lookup (self->site_index, id);
}

static ServiceRow *
find_service_row (FpOptimiseDialog *self,
                  const char       *id)
{
  for (guint i = 0; i < self->services->len; i++)
    {
      ServiceRow *row = g_ptr_array_index (self->services, i);

      if (g_str_equal (row->id, id))
        return row;
    }
  return NULL;
}

static char *
threshold_text (const FpAccessSet *set)
{
  int digits = set->threshold == floor (set->threshold) ? 0 : 1;
  g_autofree char *value = fp_format_decimal (set->threshold, digits);

  switch (set->threshold_unit)
    {
    case FP_THRESHOLD_KM:
      return g_strdup_printf (_("within %s km"), value);
    case FP_THRESHOLD_CAR_MINUTES:
      return g_strdup_printf (_("within %s minutes by car"), value);
    case FP_THRESHOLD_WALK_MINUTES:
    default:
      return g_strdup_printf (_("within %s minutes’ walk"), value);
    }
}

static GtkSpinButton *
add_target_row (AdwExpanderRow *expander,
                const char     *title,
                double          percent)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 100, 0.5);
  GtkWidget *unit = gtk_label_new ("%");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), percent);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), unit);
  adw_expander_row_add_row (expander, row);
  return GTK_SPIN_BUTTON (spin);
}

/* One row per service (and the urgent care group), with Do nothing's shares in the last
 * year as the targets at first. */
static void
add_service (FpOptimiseDialog    *self,
             AdwPreferencesGroup *group,
             const FpAccess      *access,
             FpFacilityKind       kind,
             const char          *id,
             const char          *name)
{
  const FpAccessSet *set = access != NULL ? fp_access_find (access, kind, id) : NULL;
  ServiceRow *row = g_new0 (ServiceRow, 1);
  g_autofree char *subtitle = NULL;
  g_autofree char *title = g_markup_escape_text (name, -1);

  row->id = g_strdup (id);
  row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
  adw_expander_row_set_show_enable_switch (row->row, TRUE);
  adw_expander_row_set_enable_expansion (row->row, TRUE);
  adw_expander_row_set_expanded (row->row, FALSE);

  if (set != NULL && !isnan (set->share_within))
    {
      g_autofree char *within = threshold_text (set);
      g_autofree char *all = fp_format_percent (set->share_within);
      g_autofree char *dep = fp_format_percent (set->share_within_deprived);

      /* Translators: e.g. "Now 94% of everyone within 20 minutes by car; 91% of the most
       * deprived fifth" */
      subtitle = g_strdup_printf (_("Now %s of everyone %s; %s of the most deprived fifth"),
                                  all, within, dep);
      row->initial_overall = round (set->share_within * 1000) / 10;
      row->initial_deprived = isnan (set->share_within_deprived)
                              ? 0 : round (set->share_within_deprived * 1000) / 10;
    }
  else
    subtitle = g_strdup (_("No site offers it now"));
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);

    adw_expander_row_set_subtitle (row->row, escaped);
  }

  row->overall = add_target_row (row->row, _("Least share of everyone within reach"),
                                 row->initial_overall);
  row->deprived = add_target_row (row->row,
                                  _("Least share of the most deprived fifth within reach"),
                                  row->initial_deprived);
  adw_preferences_group_add (group, GTK_WIDGET (row->row));
  g_ptr_array_add (self->services, row);
}

/* The settings as the dialog shows them. A target left at Do nothing's share (as the spin
 * rounds it) stays Do nothing's exact share, as in footprint-cli. */
static void
read_settings (FpOptimiseDialog   *self,
               FpOptimiseSettings *settings)
{
  g_autoptr(GStrvBuilder) services = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) keep = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) leave = g_strv_builder_new ();
  gboolean every = TRUE;

  fp_optimise_settings_init (settings);
  for (guint i = 0; i < self->services->len; i++)
    {
      ServiceRow *row = g_ptr_array_index (self->services, i);
      double overall = gtk_spin_button_get_value (row->overall);
      double deprived = gtk_spin_button_get_value (row->deprived);

      if (!adw_expander_row_get_enable_expansion (row->row))
        {
          every = FALSE;
          continue;
        }
      g_strv_builder_add (services, row->id);
      if (fabs (overall - row->initial_overall) > 1e-9 ||
          fabs (deprived - row->initial_deprived) > 1e-9)
        fp_optimise_settings_set_target (settings, row->id,
                                         fabs (overall - row->initial_overall) > 1e-9
                                         ? overall / 100 : NAN,
                                         fabs (deprived - row->initial_deprived) > 1e-9
                                         ? deprived / 100 : NAN);
    }
  settings->services = every ? NULL : g_strv_builder_end (services);

  for (guint i = 0; i < self->sites->len; i++)
    {
      SiteRow *row = g_ptr_array_index (self->sites, i);

      if (row->lock == LOCK_KEEP)
        g_strv_builder_add (keep, row->id);
      if (row->lock == LOCK_LEAVE)
        g_strv_builder_add (leave, row->id);
    }
  settings->lock_keep = g_strv_builder_end (keep);
  settings->lock_exit = g_strv_builder_end (leave);
  settings->time_limit = gtk_spin_button_get_value (self->time_spin);
}

/* ---- the search, in a worker thread ------------------------------------------------ */

typedef struct
{
  FpEstate           *estate;        /* the worker's own; its model borrows it */
  FpOptimiseSettings  settings;
  char               *name;
  gboolean            sweep;

  GMutex              lock;
  FpOptimiseProgress  progress;      /* the latest, under lock */
  gboolean            pending;       /* an idle will show it */

  FpOptimiseResult   *result;
  FpOptimiseCheck     check;
  GArray             *points[2];     /* the sweep: for everyone, for the most deprived */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->result, fp_optimise_result_free);
  fp_optimise_check_clear (&job->check);
  fp_optimise_settings_clear (&job->settings);
  for (guint i = 0; i < G_N_ELEMENTS (job->points); i++)
    g_clear_pointer (&job->points[i], g_array_unref);
  g_clear_pointer (&job->estate, fp_estate_free);
  g_mutex_clear (&job->lock);
  g_free (job->name);
  g_free (job);
}

static char *
progress_text (const FpOptimiseProgress *p,
               gboolean                  sweep)
{
  g_autofree char *nodes = fp_format_count (p->nodes);

  switch (p->phase)
    {
    case FP_OPTIMISE_PHASE_PREPARING:
      return g_strdup (_("Reading the estate and setting out the problem…"));
    case FP_OPTIMISE_PHASE_ROUTING:
      return g_strdup (_("Choosing the sites that take each service of the sites left…"));
    case FP_OPTIMISE_PHASE_EXPLAINING:
      return g_strdup (_("Working out why each site is kept or left…"));
    case FP_OPTIMISE_PHASE_SOLVING:
    default:
      break;
    }

  if (sweep)
    return g_strdup_printf (_("Working out the price of access: %.0f s; %s branches explored "
                              "for this target"), p->elapsed, nodes);
  if (p->has_solution && !isnan (p->bound))
    {
      g_autofree char *npv = fp_format_money (p->npv);
      g_autofree char *bound = fp_format_money (p->bound);
      g_autofree char *gap = fp_format_percent (p->gap);

      return g_strdup_printf (_("Searching, %.0f s: the best estate found so far saves %s; none "
                                "can save more than %s (a gap of %s). %s branches explored."),
                              p->elapsed, npv, bound, gap, nodes);
    }
  if (p->has_solution)
    {
      g_autofree char *npv = fp_format_money (p->npv);

      return g_strdup_printf (_("Searching, %.0f s: the best estate found so far saves %s. %s "
                                "branches explored."), p->elapsed, npv, nodes);
    }
  return g_strdup_printf (_("Searching, %.0f s: no estate that meets every target found yet. %s "
                            "branches explored."), p->elapsed, nodes);
}

static gboolean
show_progress_cb (gpointer user_data)
{
  GTask *task = user_data;
  FpOptimiseDialog *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  FpOptimiseProgress p;
  g_autofree char *text = NULL;

  g_mutex_lock (&job->lock);
  p = job->progress;
  job->pending = FALSE;
  g_mutex_unlock (&job->lock);

  if (self->disposed || self->cancellable == NULL ||
      g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_REMOVE;
  text = progress_text (&p, job->sweep);
  if (p.phase == FP_OPTIMISE_PHASE_SOLVING && p.time_limit > 0 && !job->sweep)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (p.elapsed / p.time_limit, 0, 1));
  else
    gtk_progress_bar_pulse (self->progress_bar);
  say (self, "solving", text, NULL, NULL);
  return G_SOURCE_REMOVE;
}

/* Called in the worker: keeps the latest report, and shows it once the main loop is free. */
static void
on_progress (const FpOptimiseProgress *progress,
             gpointer                  user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  gboolean schedule;

  g_mutex_lock (&job->lock);
  job->progress = *progress;
  schedule = !job->pending;
  job->pending = TRUE;
  g_mutex_unlock (&job->lock);

  if (schedule)
    g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, show_progress_cb,
                                g_object_ref (task), g_object_unref);
}

static void
solve_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(FpModel) model = NULL;
  g_autoptr(FpResults) do_nothing = NULL;
  GError *error = NULL;

  model = fp_model_new (job->estate, &error);
  if (model != NULL)
    do_nothing = fp_compute_scenario (model, NULL, NULL, &error);
  if (do_nothing == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (job->sweep)
    {
      double targets[SWEEP_POINTS];

      for (guint i = 0; i < SWEEP_POINTS; i++)
        targets[i] = SWEEP_FROM + (SWEEP_TO - SWEEP_FROM) * i / (SWEEP_POINTS - 1);
      for (guint d = 0; d < 2; d++)
        {
          job->points[d] = fp_optimise_sweep (model, do_nothing, &job->settings, NULL, d == 1,
                                              targets, SWEEP_POINTS, on_progress, task,
                                              cancellable, &error);
          if (job->points[d] == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
        }
      g_task_return_boolean (task, TRUE);
      return;
    }

  job->result = fp_optimise_solve (model, do_nothing, &job->settings, on_progress, task,
                                   cancellable, &error);
  if (job->result == NULL ||
      !fp_optimise_check (model, do_nothing, &job->settings, job->result, &job->check, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* What the solver found and proved, in plain words. */
static char *
result_text (const FpOptimiseResult *r)
{
  g_autofree char *npv = fp_format_money (r->npv);
  g_autofree char *bound = fp_format_money (r->bound);
  g_autofree char *gap = fp_format_percent (r->gap);
  g_autofree char *nodes = fp_format_count (r->nodes);
  g_autofree char *found = NULL;
  g_autofree char *proof = NULL;

  if (r->n_left == 0)
    found = g_strdup (_("Leaving no site saves money while every target holds: the suggestion "
                        "is the estate as it is."));
  else
    found = g_strdup_printf (ngettext ("The suggested estate leaves %u site and saves %s over "
                                       "the horizon (net present value against Do nothing).",
                                       "The suggested estate leaves %u sites and saves %s over "
                                       "the horizon (net present value against Do nothing).",
                                       r->n_left),
                             r->n_left, npv);

  switch (r->status)
    {
    case FP_OPTIMISE_OPTIMAL:
      proof = g_strdup (_("The solver proved that no estate meeting every target saves more."));
      break;
    case FP_OPTIMISE_WITHIN_GAP:
      proof = g_strdup_printf (_("The solver proved that no estate saves more than %s, so this "
                                 "one is within %s of the best; it is not proven the best."),
                               bound, gap);
      break;
    case FP_OPTIMISE_TIME_LIMIT:
    default:
      proof = g_strdup_printf (_("The search stopped at the time limit, so this is the best "
                                 "found, not proven the best: an estate might save up to %s (a "
                                 "gap of %s). Allow more time to narrow the gap."), bound, gap);
      break;
    }

  return g_strdup_printf (_("%s %s The search took %.1f s (%.1f s in all), exploring %s "
                            "branches."), found, proof, r->solve_seconds, r->total_seconds,
                          nodes);
}

/* The chart is at the foot of the page: scrolled into view once it is laid out. */
static gboolean
scroll_to_chart_cb (gpointer user_data)
{
  FpOptimiseDialog *self = user_data;
  GtkWidget *scrolled = self->chart_box != NULL
                        ? gtk_widget_get_ancestor (self->chart_box, GTK_TYPE_SCROLLED_WINDOW)
                        : NULL;

  if (scrolled != NULL)
    {
      GtkAdjustment *adjustment =
        gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                            gtk_adjustment_get_page_size (adjustment));
    }
  return G_SOURCE_REMOVE;
}

static void
show_sweep (FpOptimiseDialog *self,
            Job              *job)
{
  const char *names[2] = { _("Target for everyone"), _("Target for the most deprived fifth") };
  const char * const markers[] = FP_CHART_MARKERS;
  char *categories[SWEEP_POINTS + 1] = { NULL };
  double values[2 * SWEEP_POINTS];
  g_autofree char *key = NULL;
  guint infeasible = 0;

  for (guint i = 0; i < SWEEP_POINTS; i++)
    {
      const FpOptimisePoint *p = &g_array_index (job->points[0], FpOptimisePoint, i);

      categories[i] = fp_format_percent (p->target);
    }
  for (guint d = 0; d < 2; d++)
    for (guint i = 0; i < SWEEP_POINTS; i++)
      {
        const FpOptimisePoint *p = &g_array_index (job->points[d], FpOptimisePoint, i);

        values[d * SWEEP_POINTS + i] = p->feasible ? p->npv : NAN;
        infeasible += !p->feasible;
      }

  fp_chart_view_set_data (self->chart, (const char * const *) categories, SWEEP_POINTS, 2,
                          values, names,
                          _("The most the estate can save, by the share of people within reach "
                            "of every chosen service."));
  key = g_strdup_printf (_("%s %s   %s %s. The most the estate can save (net present value "
                           "against Do nothing) at each access target, each service held to "
                           "the target or to Do nothing’s share where that is lower.%s"),
                         markers[0], names[0], markers[1], names[1],
                         infeasible > 0 ? _(" A missing point is a target no estate can meet "
                                            "by leaving sites.") : "");
  gtk_label_set_text (self->chart_label, key);
  gtk_widget_set_visible (self->chart_box, TRUE);
  g_timeout_add_full (G_PRIORITY_DEFAULT, 100, scroll_to_chart_cb, g_object_ref (self),
                      g_object_unref);
  for (guint i = 0; i < SWEEP_POINTS; i++)
    g_free (categories[i]);
}

static void
on_solved_cb (GObject      *source_object,
              GAsyncResult *res,
              gpointer      user_data)
{
  FpOptimiseDialog *self = FP_OPTIMISE_DIALOG (source_object);
  GTask *task = G_TASK (res);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Closed during the search, which was stopped then: nothing to show or write. */
  if (self->disposed)
    return;
  set_running (self, NULL);

  if (!g_task_propagate_boolean (task, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, "cancelled", _("Stopped: nothing was written."), NULL, NULL);
      else
        {
          text = g_strdup_printf (_("No estate was suggested: %s"), error->message);
          say (self, "failed", text, NULL, NULL);
        }
      return;
    }

  if (job->sweep)
    {
      show_sweep (self, job);
      say (self, "done", _("The price of access is drawn below."), NULL, NULL);
      return;
    }

  text = result_text (job->result);

  /* A suggestion the engine does not confirm is a fault of the optimiser: shown, not
   * written, as footprint-cli does. */
  if (!job->check.ok)
    {
      g_autofree char *refused = g_strdup_printf (_("%s The engine does not confirm this "
                                                    "suggestion, so it was not written."), text);

      say (self, "failed", refused, NULL, job->result);
      return;
    }

  if (self->window == NULL || fp_window_get_document (self->window) != self->workspace)
    {
      say (self, "failed", _("The document was closed during the search; nothing was written."),
           NULL, NULL);
      return;
    }

  if (!fp_optimise_save (self->workspace, job->result, job->name, FALSE, &error))
    {
      g_autofree char *failed = g_strdup_printf (_("%s It was not written: %s"), text,
                                                 error->message);

      say (self, "failed", failed, NULL, job->result);
      return;
    }

  {
    g_autofree char *written = g_strdup_printf (_("%s Written as the scenario “%s”, shown in "
                                                  "Compare against Do nothing."), text, job->name);
    const char *names[] = { FP_DO_NOTHING, job->name, NULL };

    g_action_group_activate_action (G_ACTION_GROUP (self->window), "compare",
                                    g_variant_new_strv (names, -1));
    say (self, "done", written, job->name, job->result);
  }
}

static gboolean
start (FpOptimiseDialog *self,
       gboolean          sweep,
       GError          **error)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  Job *job;
  g_autofree char *name = NULL;
  FpEstate *estate;

  if (self->cancellable != NULL)
    {
      g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                   _("A search is running; stop it or wait for it first"));
      return FALSE;
    }

  if (!sweep)
    {
      name = fp_scenario_normalize_name (gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                         error);
      if (name == NULL)
        return FALSE;
      /* A name already taken is refused before the search, not after. */
      if (fp_workspace_find_scenario (self->workspace, name) != NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_EXISTS,
                       _("A scenario called “%s” exists already; choose another name"), name);
          return FALSE;
        }
    }

  estate = fp_store_load_estate (fp_workspace_get_store (self->workspace), error);
  if (estate == NULL)
    return FALSE;

  job = g_new0 (Job, 1);
  g_mutex_init (&job->lock);
  job->estate = estate;
  job->name = g_steal_pointer (&name);
  job->sweep = sweep;
  read_settings (self, &job->settings);

  cancellable = g_cancellable_new ();
  task = g_task_new (self, cancellable, on_solved_cb, NULL);
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  self->time_limit = job->settings.time_limit;
  set_running (self, cancellable);
  say (self, "solving", sweep ? _("Working out the price of access…")
                              : _("Reading the estate and setting out the problem…"),
       NULL, NULL);
  g_task_run_in_thread (task, solve_thread);
  return TRUE;
}

static void
stop (FpOptimiseDialog *self)
{
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->status_label, _("Stopping…"));
    }
}

static void
on_suggest_clicked_cb (FpOptimiseDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!start (self, FALSE, &error))
    say (self, "ready", error->message, NULL, NULL);
}

static void
on_sweep_clicked_cb (FpOptimiseDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!start (self, TRUE, &error))
    say (self, "ready", error->message, NULL, NULL);
}

static gboolean
on_close_request_cb (FpOptimiseDialog *self)
{
  /* Closing stops the search; what it found is not written. */
  stop (self);
  return FALSE;
}

/* ---- building the dialog ----------------------------------------------------------- */

static void
fp_optimise_dialog_dispose (GObject *object)
{
  FpOptimiseDialog *self = FP_OPTIMISE_DIALOG (object);

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->window != NULL)
    {
      if (g_object_get_data (G_OBJECT (self->window), dialog_key) == self)
        {
          g_object_set_data (G_OBJECT (self->window), dialog_key, NULL);
          publish (self->window, "closed", NULL, NULL, NULL);
        }
    }
  g_clear_weak_pointer (&self->window);
  /* Owned by the window's widget tree, gone with it. */
  self->chart_box = NULL;
  g_clear_object (&self->workspace);
  g_clear_pointer (&self->services, g_ptr_array_unref);
  g_clear_pointer (&self->bound, g_hash_table_unref);
  g_clear_object (&self->site_filter);
  g_clear_pointer (&self->site_index, g_hash_table_unref);
  g_clear_pointer (&self->sites, g_ptr_array_unref);

  G_OBJECT_CLASS (fp_optimise_dialog_parent_class)->dispose (object);
}

static void
fp_optimise_dialog_class_init (FpOptimiseDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = fp_optimise_dialog_dispose;
}

static void
fp_optimise_dialog_init (FpOptimiseDialog *self)
{
  self->services = g_ptr_array_new_with_free_func (service_row_free);
  self->sites = g_ptr_array_new_with_free_func (site_row_free);
  self->site_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->bound = g_hash_table_new (NULL, NULL);
}

static char *
unused_name (FpWorkspace *workspace)
{
  const char *base = _("Suggested estate");

  if (fp_workspace_find_scenario (workspace, base) == NULL)
    return g_strdup (base);
  for (guint i = 2; ; i++)
    {
      char *name = g_strdup_printf ("%s %u", base, i);

      if (fp_workspace_find_scenario (workspace, name) == NULL)
        return name;
      g_free (name);
    }
}

static void
build_sites (FpOptimiseDialog    *self,
             AdwPreferencesGroup *group)
{
  const FpEstate *estate = fp_workspace_get_estate (self->workspace);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr(GtkStringList) ids = gtk_string_list_new (NULL);
  GtkFilterListModel *filtered;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list;

  self->site_search = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->site_search, "placeholder-text", _("Search sites by name or code"), NULL);
  g_signal_connect_swapped (self->site_search, "search-changed",
                            G_CALLBACK (on_search_changed_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->site_search));

  for (guint i = 0; i < estate->sites->len; i++)
    {
      const FpSite *site = &g_array_index (estate->sites, FpSite, i);
      SiteRow *row;
      g_autofree char *key = NULL;

      if (site->status != FP_SITE_STATUS_CURRENT)
        continue;
      row = g_new0 (SiteRow, 1);
      row->id = g_strdup (site->id);
      row->name = g_strdup (site->name != NULL ? site->name : site->id);
      key = g_strdup_printf ("%s %s", row->name, site->id);
      row->key = g_utf8_casefold (key, -1);
      g_ptr_array_add (self->sites, row);
      g_hash_table_insert (self->site_index, row->id, row);
      gtk_string_list_append (ids, row->id);
    }

  self->site_filter = GTK_FILTER (gtk_custom_filter_new (site_matches, self, NULL));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (ids)),
                                        g_object_ref (self->site_filter));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_site_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_site_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_site_cb), self);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))),
                            factory);
  gtk_widget_add_css_class (list, "rich-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sites to lock"), -1);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_preferences_group_add (group, box);

  self->locks_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->locks_label), "dim-label");
  adw_preferences_group_set_header_suffix (group, GTK_WIDGET (self->locks_label));
  update_locks_label (self);
}

static void
build (FpOptimiseDialog *self)
{
  const FpEstate *estate = fp_workspace_get_estate (self->workspace);
  const FpModel *model = fp_workspace_get_model (self->workspace);
  g_autoptr(FpAccess) access = fp_access_compute (model,
                                                  fp_workspace_get_do_nothing (self->workspace),
                                                  fp_model_get_n_years (model) - 1);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *group;
  GtkWidget *row, *status, *buttons;
  g_autofree char *name = unused_name (self->workspace);

  gtk_window_set_title (GTK_WINDOW (self), _("Suggest an Estate"));
  gtk_window_set_default_size (GTK_WINDOW (self), 680, 720);
  gtk_window_set_modal (GTK_WINDOW (self), FALSE);

  self->suggest_button = gtk_button_new_with_mnemonic (_("_Suggest"));
  gtk_widget_add_css_class (self->suggest_button, "suggested-action");
  g_signal_connect_swapped (self->suggest_button, "clicked",
                            G_CALLBACK (on_suggest_clicked_cb), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->suggest_button);
  gtk_box_append (GTK_BOX (content), header);

  /* The scenario and the search. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("The Suggestion"));
  adw_preferences_group_set_description (group, _("The least-cost estate that keeps every "
                                                  "receiving site within its targets and access "
                                                  "at the targets below, written as a scenario "
                                                  "you can inspect, change, appraise and "
                                                  "compare like any other."));
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Scenario name"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  adw_preferences_group_add (group, GTK_WIDGET (self->name_row));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Time limit"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Seconds the search may take; it "
                                                       "then gives the best estate found"));
  self->time_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 3600, 5));
  gtk_spin_button_set_value (self->time_spin, FP_OPTIMISE_DEFAULT_TIME_LIMIT);
  gtk_widget_set_valign (GTK_WIDGET (self->time_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Time limit"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->time_spin));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new (_("s")));
  adw_preferences_group_add (group, row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* Access. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Access to Hold"));
  adw_preferences_group_set_description (group, _("For each service switched on, the share of "
                                                  "people within reach stays at least its "
                                                  "target in the last year, for everyone and "
                                                  "for the most deprived fifth (IMD 2019 deciles "
                                                  "1 and 2). The targets start at Do nothing’s "
                                                  "shares: no worse than now."));
  add_service (self, group, access, FP_FACILITY_GROUP, FP_OPTIMISE_URGENT_GROUP,
               _("Urgent care or walk-in"));
  for (guint v = 0; v < estate->services->len; v++)
    {
      const FpService *service = &g_array_index (estate->services, FpService, v);

      add_service (self, group, access, FP_FACILITY_SERVICE, service->id,
                   service->name != NULL ? service->name : service->id);
    }
  /* Do nothing's urgent care group is held only when chosen: the CLI's default is every
   * service, which does not include it. */
  adw_expander_row_set_enable_expansion (((ServiceRow *) g_ptr_array_index (self->services,
                                                                             0))->row, FALSE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* Locks. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Sites You Decide"));
  adw_preferences_group_set_description (group, _("Lock a site to keep it or to leave it; the "
                                                  "optimiser decides the rest. Click a lock "
                                                  "again to free the site."));
  build_sites (self, group);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  /* The price of access. */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("The Price of Access"));
  adw_preferences_group_set_description (group, _("What each point of access costs: the most "
                                                  "the estate can save at each target from 90% "
                                                  "to 100% of people within reach of every "
                                                  "service switched on, with the sites locked "
                                                  "above. Each target is a search of its own, "
                                                  "up to the time limit."));
  self->sweep_button = gtk_button_new_with_mnemonic (_("Work Out the _Price of Access"));
  gtk_widget_set_valign (self->sweep_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->sweep_button, "clicked", G_CALLBACK (on_sweep_clicked_cb), self);
  adw_preferences_group_set_header_suffix (group, self->sweep_button);
  self->chart_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->chart = FP_CHART_VIEW (fp_chart_view_new (FP_CHART_VIEW_LINES, FP_CHART_UNIT_MONEY));
  gtk_widget_set_size_request (GTK_WIDGET (self->chart), -1, 220);
  gtk_box_append (GTK_BOX (self->chart_box), GTK_WIDGET (self->chart));
  self->chart_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->chart_label, TRUE);
  gtk_label_set_xalign (self->chart_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->chart_label), "caption");
  gtk_box_append (GTK_BOX (self->chart_box), GTK_WIDGET (self->chart_label));
  gtk_widget_set_visible (self->chart_box, FALSE);
  adw_preferences_group_add (group, self->chart_box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), group);

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (content), page);

  /* Progress and the answer, under the settings. */
  status = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (status, 18);
  gtk_widget_set_margin_end (status, 18);
  gtk_widget_set_margin_top (status, 12);
  gtk_widget_set_margin_bottom (status, 12);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_box_append (GTK_BOX (status), GTK_WIDGET (self->progress_bar));
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_selectable (self->status_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->status_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("The search"), -1);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->status_label));
  self->stop_button = gtk_button_new_with_mnemonic (_("S_top"));
  gtk_widget_add_css_class (self->stop_button, "destructive-action");
  gtk_widget_set_valign (self->stop_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->stop_button, FALSE);
  g_signal_connect_swapped (self->stop_button, "clicked", G_CALLBACK (stop), self);
  gtk_box_append (GTK_BOX (buttons), self->stop_button);
  gtk_box_append (GTK_BOX (status), buttons);
  self->status_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (self->status_box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (self->status_box), status);
  gtk_widget_set_visible (self->status_box, FALSE);
  gtk_box_append (GTK_BOX (content), self->status_box);

  adw_window_set_content (ADW_WINDOW (self), content);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request_cb), NULL);
}

/**
 * fp_optimise_dialog_new:
 * @window: the window it belongs to
 * @workspace: the window's document
 *
 * Opens the "Suggest an estate" dialog of @window (one at a time).
 *
 * Returns: (transfer none): the dialog
 */
FpOptimiseDialog *
fp_optimise_dialog_new (FpWindow    *window,
                        FpWorkspace *workspace)
{
  FpOptimiseDialog *self;

  g_return_val_if_fail (FP_IS_WINDOW (window), NULL);
  g_return_val_if_fail (FP_IS_WORKSPACE (workspace), NULL);

  self = g_object_new (FP_TYPE_OPTIMISE_DIALOG, "transient-for", window,
                       "destroy-with-parent", TRUE, NULL);
  g_set_weak_pointer (&self->window, window);
  self->workspace = g_object_ref (workspace);
  build (self);
  g_object_set_data (G_OBJECT (window), dialog_key, self);
  publish (window, "ready", NULL, NULL, NULL);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/* ---- the window's actions ------------------------------------------------------- */

static FpOptimiseDialog *
current_dialog (FpWindow *window)
{
  return g_object_get_data (G_OBJECT (window), dialog_key);
}

static FpOptimiseDialog *
open_dialog (FpWindow *window)
{
  FpOptimiseDialog *dialog = current_dialog (window);
  FpWorkspace *document = fp_window_get_document (window);

  if (dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (dialog));
      return dialog;
    }
  if (document == NULL)
    return NULL;
  return fp_optimise_dialog_new (window, document);
}

static void
suggest_estate_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  open_dialog (user_data);
}

/* Sets a target spin from a{sd} of ids and shares (0 to 1). */
static gboolean
set_targets (FpOptimiseDialog *self,
             GVariant         *targets,
             gboolean          deprived,
             GError          **error)
{
  GVariantIter iter;
  const char *id;
  double share;

  g_variant_iter_init (&iter, targets);
  while (g_variant_iter_next (&iter, "{&sd}", &id, &share))
    {
      ServiceRow *row = find_service_row (self, id);

      if (row == NULL || !(share >= 0 && share <= 1))
        {
          g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                       row == NULL ? _("There is no service “%s” to hold access to")
                                   : _("The target of “%s” must be a share from 0 to 1"), id);
          return FALSE;
        }
      gtk_spin_button_set_value (deprived ? row->deprived : row->overall, share * 100);
    }
  return TRUE;
}

static gboolean
set_locks (FpOptimiseDialog *self,
           const char      **ids,
           gboolean          leave,
           GError          **error)
{
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      SiteRow *row = find_site_row (self, ids[i]);

      if (row == NULL)
        {
          g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                       _("There is no site “%s” held now to lock"), ids[i]);
          return FALSE;
        }
      row->lock = leave ? LOCK_LEAVE : LOCK_KEEP;
    }
  return TRUE;
}

static gboolean
apply_settings (FpOptimiseDialog *self,
                GVariant         *settings,
                GError          **error)
{
  const char *name = NULL;
  double time_limit;
  g_autofree const char **services = NULL;
  g_autofree const char **keep = NULL;
  g_autofree const char **leave = NULL;
  g_autoptr(GVariant) access = NULL;
  g_autoptr(GVariant) deprived = NULL;

  g_variant_lookup (settings, "services", "^a&s", &services);
  for (guint i = 0; services != NULL && services[i] != NULL; i++)
    if (find_service_row (self, services[i]) == NULL)
      {
        g_set_error (error, FP_ERROR, FP_ERROR_INVALID_ARGUMENT,
                     _("There is no service “%s” to hold access to"), services[i]);
        return FALSE;
      }
  g_variant_lookup (settings, "lock-keep", "^a&s", &keep);
  g_variant_lookup (settings, "lock-exit", "^a&s", &leave);
  for (guint k = 0; k < 2; k++)
    {
      const char **ids = k == 0 ? keep : leave;

      for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
        if (find_site_row (self, ids[i]) == NULL)
          {
            g_set_error (error, FP_ERROR, FP_ERROR_NOT_FOUND,
                         _("There is no site “%s” held now to lock"), ids[i]);
            return FALSE;
          }
    }

  if (g_variant_lookup (settings, "name", "&s", &name))
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  if (g_variant_lookup (settings, "time-limit", "d", &time_limit))
    gtk_spin_button_set_value (self->time_spin, time_limit);
  if (services != NULL)
    for (guint i = 0; i < self->services->len; i++)
      {
        ServiceRow *row = g_ptr_array_index (self->services, i);

        adw_expander_row_set_enable_expansion (row->row,
                                               g_strv_contains (services, row->id));
      }
  access = g_variant_lookup_value (settings, "access-target", G_VARIANT_TYPE ("a{sd}"));
  deprived = g_variant_lookup_value (settings, "deprived-target", G_VARIANT_TYPE ("a{sd}"));
  if ((access != NULL && !set_targets (self, access, FALSE, error)) ||
      (deprived != NULL && !set_targets (self, deprived, TRUE, error)))
    return FALSE;
  if (keep != NULL || leave != NULL)
    {
      for (guint i = 0; i < self->sites->len; i++)
        ((SiteRow *) g_ptr_array_index (self->sites, i))->lock = LOCK_NONE;
      if (!set_locks (self, keep, FALSE, error) || !set_locks (self, leave, TRUE, error))
        return FALSE;
      /* The rows in sight show the locks again. */
      {
        GHashTableIter iter;
        gpointer box, row;

        g_hash_table_iter_init (&iter, self->bound);
        while (g_hash_table_iter_next (&iter, &box, &row))
          show_lock (box, row);
      }
      update_locks_label (self);
    }
  return TRUE;
}

static void
suggest_estate_settings_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  FpWindow *window = user_data;
  FpOptimiseDialog *dialog = open_dialog (window);
  g_autoptr(GError) error = NULL;

  if (dialog == NULL)
    return;
  if (dialog->cancellable != NULL)
    {
      fp_window_add_toast (window, _("A search is running; stop it or wait for it first"));
      return;
    }
  if (!apply_settings (dialog, parameter, &error))
    {
      fp_window_add_toast (window, error->message);
      say (dialog, "ready", error->message, NULL, NULL);
    }
}

static void
suggest_estate_start_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  FpOptimiseDialog *dialog = open_dialog (user_data);

  if (dialog != NULL)
    on_suggest_clicked_cb (dialog);
}

static void
suggest_estate_sweep_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  FpOptimiseDialog *dialog = open_dialog (user_data);

  if (dialog != NULL)
    on_sweep_clicked_cb (dialog);
}

static void
suggest_estate_stop_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  FpOptimiseDialog *dialog = current_dialog (user_data);

  if (dialog != NULL)
    stop (dialog);
}

static void
suggest_estate_screenshot_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  FpWindow *window = user_data;
  FpOptimiseDialog *dialog = current_dialog (window);

  if (dialog == NULL)
    {
      fp_window_add_toast (window, _("There is no Suggest an Estate dialog to picture"));
      return;
    }  fp_window_save_widget_picture_later (GTK_WIDGET (dialog),
                                       g_variant_get_string (parameter, NULL));
}

static void
no_op_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
}

static const GActionEntry actions[] = {
  { "suggest-estate", suggest_estate_action, NULL, NULL, NULL, { 0 } },
  { "suggest-estate-settings", suggest_estate_settings_action, "a{sv}", NULL, NULL, { 0 } },
  { "suggest-estate-start", suggest_estate_start_action, NULL, NULL, NULL, { 0 } },
  { "suggest-estate-stop", suggest_estate_stop_action, NULL, NULL, NULL, { 0 } },
  { "suggest-estate-sweep", suggest_estate_sweep_action, NULL, NULL, NULL, { 0 } },
  { "suggest-estate-screenshot", suggest_estate_screenshot_action, "s", NULL, NULL, { 0 } },
  { "suggest-estate-state", no_op_action, NULL, "@a{sv} {}", NULL, { 0 } },
};

/**
 * fp_optimise_actions_add:
 * @window: a window
 *
 * Adds the Suggest an Estate actions to the window's action map, disabled until it shows
 * a document (fp_optimise_actions_update()).
 */
void
fp_optimise_actions_add (FpWindow *window)
{
  g_action_map_add_action_entries (G_ACTION_MAP (window), actions, G_N_ELEMENTS (actions),
                                   window);
  for (guint i = 0; fp_optimise_action_names[i] != NULL; i++)
    set_enabled (window, fp_optimise_action_names[i], FALSE);
  /* Read only: its state says where the dialog is. */
  set_enabled (window, "suggest-estate-state", FALSE);
  publish (window, "closed", NULL, NULL, NULL);
}

/**
 * fp_optimise_actions_update:
 * @window: a window
 *
 * Enables the actions when the window shows a document that can be written.
 */
void
fp_optimise_actions_update (FpWindow *window)
{
  FpWorkspace *document = fp_window_get_document (window);
  FpOptimiseDialog *dialog = current_dialog (window);
  gboolean writable = document != NULL && !fp_workspace_is_read_only (document);

  /* A dialog made for another document closes (its search stops). */
  if (dialog != NULL && dialog->workspace != document)
    gtk_window_destroy (GTK_WINDOW (dialog));
  for (guint i = 0; fp_optimise_action_names[i] != NULL; i++)
    set_enabled (window, fp_optimise_action_names[i], writable);
}
