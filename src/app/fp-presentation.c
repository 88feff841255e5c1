/* fp-presentation.c: presentation mode, for a room that decides on the wall.
 *
 * A page of the window's stack, shown full screen with the window's header bar hidden and
 * the projector style (data/fp-presentation.css, the class "projector" on the window). It
 * holds its own map view on the window's session, four large key figures, the option's
 * name and year, and a bar of large buttons: options, before and after, and the year.
 *
 * Every number comes from the session (the core's key figures) or the core's appraisal:
 * the only arithmetic here is the in-between values of an animation, which always ends
 * on the core's figure.
 *
 * A change on the wall (option, year, what-if, story step) animates unless
 * present-animate is off: the figures count to their new values (COUNT_MS), the sites
 * that close fade out and those that open fade in, by the site layer's own animation
 * (fp_site_layer_set_transition_duration, FADE_MS), and the arrows grow (GROW_MS, drawn
 * without their white edges until they stop). Each frame of it repaints only what changes:
 * GTK's renderer diffs the frame's render nodes, so the sites that stay, the basemap and
 * the arrows once grown are the same nodes frame to frame (bench/bench-present.c measures
 * the frames a second, bench/RESULTS.md has the figures).
 *
 * The window's actions it adds (all "win."):
 *   present, leave-presentation, present-on-monitor (i), present-option (i),
 *   present-before-after (b), present-play (b), present-animate (b),
 *   what-if ((ssi): kind, site id, years), what-if-keep (s), what-if-keep-dialog,
 *   what-if-discard, present-what-if-key,
 *   present-scores (b), present-score-option (s), present-score ((sd): criterion, score),
 *   present-story (s), story-next, story-previous, story-step (i), story-return,
 *   story-save-view (s), story-save-view-dialog, export-story (s), presenter-view.
 *
 * The presenter view (fp-presenter.c) is a window of its own on the facilitator's screen:
 * with two monitors, entering puts the wall on the other one and the presenter view here.
 *
 * A story (fp-story.h) is stepped through here: a step applies its view through the
 * window's own actions (select-scenario, set-year, colour-by, size-by, zone-layer,
 * select-site) and this map's position, and shows its title and notes. Any change to the
 * option or year that the step did not make leaves the story (step -1); story-return goes
 * back to the last step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-presentation"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "fp-deck.h"
#include "fp-export-actions.h"
#include "fp-figure-tile.h"
#include "fp-flow-layer.h"
#include "fp-map-view.h"
#include "fp-presentation.h"
#include "fp-presenter.h"
#include "fp-site-layer.h"
#include "fp-window.h"
#include "fp-workspace-story.h"

#define DATA_KEY          "fp-presentation"
#define COUNT_MS          700     /* figures count to their new values */
#define FADE_MS           700     /* closing sites fade out, opening ones in */
#define GROW_MS           900     /* arrows grow as activity moves */
#define PLAY_STEP_MS      2000    /* a year of the horizon while it plays */
#define SCORE_DELAY_MS    250     /* a slider settles before its score is stored */
#define ARROW_SCALE       1.8     /* thick arrows on the wall */
#define BASEMAP_OPACITY   0.55    /* a quiet basemap */
#define MAX_OPTIONS       10      /* number keys 0 to 9 */
#define KEEP_OPEN_YEARS   2
#define FIGURES_WIDTH     470     /* the column of figures; on a smaller screen ... */
#define COMPACT_FIGURES_WIDTH 390 /* ... narrower */
#define COMPACT_HEIGHT    1050    /* a monitor with fewer lines gets the compact style */
/* The header bar's Present button shows from this window width: narrower, the views'
 * switcher needs its room (the main menu and F5 always offer it). */
#define BUTTON_MIN_WIDTH  1500

typedef enum
{
  KIND_MONEY,
  KIND_COUNT,
  KIND_SHARE,
} Kind;

/* The four figures a room weighs: what the estate costs, what stands empty, what has no
 * room, and who can reach urgent care. */
static const struct
{
  FpKeyFigure  figure;
  Kind         kind;
  int          better;   /* +1: more is better, -1: less is better */
  const char  *title;
} figures[] = {
  { FP_KEY_RUNNING_COST, KIND_MONEY, -1, N_("Running cost a year") },
  { FP_KEY_VOID_COST, KIND_MONEY, -1, N_("Empty space a year") },
  { FP_KEY_UNPLACED_ROOM_HOURS, KIND_COUNT, -1, N_("Room-hours with no room") },
  { FP_KEY_ACCESS_SHARE, KIND_SHARE, +1, N_("Within reach of urgent care") },
};

#define N_FIGURES G_N_ELEMENTS (figures)

struct _FpPresentation
{
  GtkWidget         parent_instance;

  GtkWidget        *window;          /* weak: the window it belongs to */
  AdwHeaderBar     *header_bar;
  GtkWidget        *present_button;
  GtkStack         *window_stack;
  char             *previous_page;   /* the window's page before presenting */
  gboolean          shown;

  FpSession        *session;
  gulong            results_id;
  gulong            access_id;
  gulong            workspace_id;

  GtkWidget        *box;
  GtkWidget        *header;
  GtkWidget        *bar;
  GtkStack         *pages;           /* "map" and "scores" */
  GtkLabel         *option_label;
  GtkLabel         *year_label;
  GtkLabel         *hint_label;
  FpMapView        *map_view;
  GtkWidget        *figures_column;
  GtkLabel         *values[N_FIGURES];
  GtkLabel         *changes[N_FIGURES];
  GtkBox           *option_row;
  GPtrArray        *option_buttons;  /* GtkButton */
  GPtrArray        *option_names;    /* char *: Do nothing, then the options */
  GtkAdjustment    *year_adjustment;
  GtkRevealer      *branch_revealer;
  GtkLabel         *branch_label;
  GtkPopover       *what_if_popover;
  GtkLabel         *what_if_title;
  char             *what_if_site;

  /* Animations */
  gboolean          animate;
  AdwAnimation     *count;
  AdwAnimation     *growing;
  double            from[N_FIGURES];
  double            to[N_FIGURES];
  gboolean          have_shown;
  guint             play_id;
  guint             fullscreen_check;
  GdkMonitor       *monitor;          /* the one asked for, if any */
  gboolean          resized;          /* took the monitor's size itself */
  gboolean          overflow_said;    /* taller than its screen, and said so */
  int               saved_width;
  int               saved_height;

  /* Before and after: the option "after" shows */
  char             *after;
  gboolean          before;

  /* A what-if branch of the current option */
  char             *branch;
  char             *branch_parent;
  char             *branch_question;  /* what the room asked, for the title */
  GtkWidget        *end_dialog;      /* weak: keep or discard it, asked at the end */
  gboolean          closing;         /* the window closes once that is answered */
  gboolean          close_anyway;    /* answered "later": the window closes */

  /* Scores from the room */
  char             *scored;          /* the option being scored */
  GtkLabel         *scores_title;
  GtkBox           *criteria_box;
  GtkBox           *ranking_box;
  GtkBox           *score_option_row;
  GtkLabel         *weighted_label;
  GPtrArray        *scales;          /* GtkScale, data "criterion" */
  guint             score_timeout;
  gboolean          syncing;

  /* A story stepped through */
  char             *story_name;      /* the story chosen, NULL: the document's first */
  FpStory          *story;           /* a copy of it, read again when the document changes */
  int               step;            /* the view on the wall, -1 when exploring */
  int               last_step;       /* the step story-return goes back to */
  gboolean          applying;        /* a step is being applied: its changes do not leave */
  GtkWidget        *story_box;
  GtkLabel         *story_title;
  GtkLabel         *story_notes;

  /* The presenter view, on the facilitator's screen */
  GMenu            *stories_menu;    /* the main menu's "Story to Present" */
  FpPresenter      *presenter;
  GdkMonitor       *presenter_monitor;

  /* Benchmarks (FOOTPRINT_BENCH=FILE) */
  FILE             *bench;
  gint64            bench_switch_started;
  gboolean          bench_results_seen;
  gint64            bench_anim_started;
  guint             bench_anim_frames;
  gint64            bench_anim_last;      /* the end of the animation's last frame */
  gint64            bench_anim_longest;   /* its longest frame after the first */
  gulong            bench_paint_id;
};

G_DEFINE_FINAL_TYPE (FpPresentation, fp_presentation, GTK_TYPE_WIDGET)

static void refresh (FpPresentation *self);
static void refresh_scores (FpPresentation *self);
static void check_left_story (FpPresentation *self);
static void load_story (FpPresentation *self);
static void show_story_text (FpPresentation *self);
static void sync_presenter (FpPresentation *self);
static void rebuild_stories_menu (FpPresentation *self);
static void ask_about_branch (FpPresentation *self,
                              gboolean        at_end,
                              gboolean        closing);
static GtkWindow *dialog_parent (FpPresentation *self);
static void close_presenter (FpPresentation *self);
static gboolean on_key_pressed_cb (GtkEventControllerKey *controller,
                                   guint                  keyval,
                                   guint                  keycode,
                                   GdkModifierType        state,
                                   FpPresentation        *self);

static FpPresentation *
get_presentation (gpointer window)
{
  return window != NULL ? g_object_get_data (G_OBJECT (window), DATA_KEY) : NULL;
}

static void
set_state (FpPresentation *self,
           const char     *name,
           GVariant       *state)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->window), name);

  if (action != NULL)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), state);
  else
    g_variant_unref (g_variant_ref_sink (state));
}

static void
set_enabled (FpPresentation *self,
             const char     *name,
             gboolean        enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->window), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
toast (FpPresentation *self,
       const char     *text)
{
  fp_window_add_toast (FP_WINDOW (self->window), text);
  if (self->presenter != NULL)
    fp_presenter_add_toast (self->presenter, text);
}

static const char *
author (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return name;
}

static const char *
display_name (const char *option)
{
  return g_strcmp0 (option, FP_DO_NOTHING) == 0 ? _("Do nothing") : option;
}

/* ---- the map's layers ----------------------------------------------------------- */

/* The map view's sites, arrows and basemap are children of its ShumateMap: the projector
 * style reaches them there rather than through the map view, which other views share. */
static void
style_map (FpPresentation *self,
           double          arrow_scale)
{
  GtkWidget *map = fp_map_view_get_map (self->map_view);

  for (GtkWidget *child = gtk_widget_get_first_child (map); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (FP_IS_SITE_LAYER (child))
        {
          fp_site_layer_set_projector_scale (FP_SITE_LAYER (child),
                                             FP_SITE_LAYER_PROJECTOR_SCALE);
          /* The sites' own animation: only those that change are drawn again. */
          fp_site_layer_set_transition_duration (FP_SITE_LAYER (child),
                                                 self->animate ? FADE_MS : 0);
        }
      else if (FP_IS_FLOW_LAYER (child))
        {
          /* Growing, the arrows are drawn without their white edges: most of their cost. */
          fp_flow_layer_set_growing (FP_FLOW_LAYER (child), arrow_scale < ARROW_SCALE);
          fp_flow_layer_set_width_scale (FP_FLOW_LAYER (child), arrow_scale);
        }
      else if (SHUMATE_IS_MAP_LAYER (child))
        gtk_widget_set_opacity (child, BASEMAP_OPACITY);
    }
}

static FpSiteLayer *
site_layer (FpPresentation *self)
{
  GtkWidget *map = fp_map_view_get_map (self->map_view);

  for (GtkWidget *child = gtk_widget_get_first_child (map); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (FP_IS_SITE_LAYER (child))
      return FP_SITE_LAYER (child);
  return NULL;
}

/* Whether a change is still animating: the figures, the sites or the arrows. */
static gboolean
animating (FpPresentation *self)
{
  FpSiteLayer *layer = site_layer (self);
  AdwAnimation *sites = layer != NULL ? fp_site_layer_get_transition (layer) : NULL;

  return adw_animation_get_state (self->count) == ADW_ANIMATION_PLAYING ||
         adw_animation_get_state (self->growing) == ADW_ANIMATION_PLAYING ||
         (sites != NULL && adw_animation_get_state (sites) == ADW_ANIMATION_PLAYING);
}

/* Only the map, its legend and its scale: the menus and zoom buttons of the desk view
 * are not for the wall. */
static void
hide_map_controls (FpPresentation *self)
{
  GtkWidget *overlay = gtk_widget_get_first_child (GTK_WIDGET (self->map_view));

  if (!GTK_IS_OVERLAY (overlay))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BOX (child))
      gtk_widget_set_visible (child, FALSE);
}

/* ---- figures -------------------------------------------------------------------- */

static char *
format_value (Kind   kind,
              double value)
{
  switch (kind)
    {
    case KIND_MONEY:
      return fp_format_money_short (value);
    case KIND_SHARE:
      return fp_format_percent (value);
    case KIND_COUNT:
    default:
      return fp_format_count (value);
    }
}

/* "▲ £1.2m more than Do nothing": the change the room sees, and which way is better. */
static char *
describe_change (guint         i,
                 const FpKeyFigures *kf,
                 gboolean      do_nothing,
                 const char  **css)
{
  Kind kind = figures[i].kind;
  double change = kf->change[figures[i].figure];
  g_autofree char *amount = NULL;
  double size;

  *css = NULL;
  if (do_nothing)
    return g_strdup (_("the baseline"));
  /* The access share changes in people, which is what a room weighs. */
  if (figures[i].figure == FP_KEY_ACCESS_SHARE)
    change = kf->change[FP_KEY_ACCESS_PEOPLE];
  if (isnan (change))
    return g_strdup (_("not measured yet"));
  size = fabs (change);
  if (size < 0.5)
    return g_strdup (_("same as Do nothing"));
  *css = (change > 0) == (figures[i].better > 0) ? "better" : "worse";
  amount = kind == KIND_MONEY ? fp_format_money_short (size) : fp_format_count (size);
  if (kind == KIND_MONEY)
    /* Translators: a change against Do nothing, e.g. "▲ £1.2m more than Do nothing" */
    return g_strdup_printf (change > 0 ? _("▲ %s more than Do nothing")
                                       : _("▼ %s less than Do nothing"), amount);
  if (kind == KIND_SHARE)
    /* Translators: a change in the people within reach, e.g. "▼ 5,200 fewer people" */
    return g_strdup_printf (change > 0 ? _("▲ %s more people than Do nothing")
                                       : _("▼ %s fewer people than Do nothing"), amount);
  return g_strdup_printf (change > 0 ? _("▲ %s more than Do nothing")
                                     : _("▼ %s fewer than Do nothing"), amount);
}

static void
show_values (FpPresentation *self,
             double          t)
{
  for (guint i = 0; i < N_FIGURES; i++)
    {
      /* In between, a value on its way; at the end, the core's figure itself. */
      double from = self->from[i], to = self->to[i];
      double value = t >= 1.0 || isnan (from) ? to : from + (to - from) * t;
      g_autofree char *text = isnan (value) ? g_strdup ("–")
                                            : format_value (figures[i].kind, value);

      gtk_label_set_text (self->values[i], text);
    }
}

static void
on_count_cb (double   value,
             gpointer user_data)
{
  show_values (user_data, value);
}

static void
on_grow_cb (double   value,
            gpointer user_data)
{
  style_map (user_data, ARROW_SCALE * value);
}

static void
update_figures (FpPresentation *self,
                gboolean        animate)
{
  const FpKeyFigures *kf = fp_session_get_key_figures (self->session);
  gboolean do_nothing = fp_session_is_do_nothing (self->session);

  for (guint i = 0; i < N_FIGURES; i++)
    {
      g_autofree char *change = NULL;
      const char *css = NULL;

      self->from[i] = self->have_shown ? self->to[i] : NAN;
      self->to[i] = kf->value[figures[i].figure];
      change = describe_change (i, kf, do_nothing, &css);
      gtk_label_set_text (self->changes[i], change);
      gtk_widget_remove_css_class (GTK_WIDGET (self->changes[i]), "better");
      gtk_widget_remove_css_class (GTK_WIDGET (self->changes[i]), "worse");
      if (css != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (self->changes[i]), css);
    }
  self->have_shown = TRUE;

  if (animate && self->animate && self->shown)
    {
      adw_animation_reset (self->count);
      adw_animation_play (self->count);
    }
  else
    show_values (self, 1.0);
}

/* ---- the option and year on the wall -------------------------------------------- */

/* An option as the wall names it: a what-if branch by the question the room asked rather
 * than its long name (the bar over it says which option it branches). */
static char *
wall_name (FpPresentation *self,
           const char     *option)
{
  if (self->branch != NULL && self->branch_question != NULL &&
      g_strcmp0 (option, self->branch) == 0)
    /* Translators: a what-if branch on the wall, e.g. "What if: keep X open 2 more years" */
    return g_strdup_printf (_("What if: %s"), self->branch_question);
  return g_strdup (display_name (option));
}

static void
rebuild_options (FpPresentation *self)
{
  GPtrArray *scenarios = fp_workspace_get_scenarios (fp_session_get_workspace (self->session));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->option_row))) != NULL)
    gtk_box_remove (self->option_row, child);
  g_ptr_array_set_size (self->option_buttons, 0);
  g_ptr_array_set_size (self->option_names, 0);

  g_ptr_array_add (self->option_names, g_strdup (FP_DO_NOTHING));
  for (guint i = 0; i < scenarios->len && self->option_names->len < MAX_OPTIONS; i++)
    g_ptr_array_add (self->option_names,
                     g_strdup (((FpScenario *) g_ptr_array_index (scenarios, i))->name));

  for (guint i = 0; i < self->option_names->len; i++)
    {
      const char *name = g_ptr_array_index (self->option_names, i);
      g_autofree char *shown = wall_name (self, name);
      /* Translators: a button of presentation mode: its number key and the option */
      g_autofree char *text = g_strdup_printf (_("%u  %s"), i, shown);
      GtkWidget *button = gtk_button_new_with_label (text);
      GtkWidget *label = gtk_button_get_child (GTK_BUTTON (button));

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (button, TRUE);
      gtk_widget_set_tooltip_text (button, shown);
      gtk_widget_add_css_class (button, "present-option-button");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.present-option");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (i));
      gtk_box_append (self->option_row, button);
      g_ptr_array_add (self->option_buttons, button);
    }
  if (self->presenter != NULL)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint i = 0; i < self->option_names->len; i++)
        g_ptr_array_add (names, (gpointer) display_name (g_ptr_array_index (self->option_names, i)));
      fp_presenter_set_options (self->presenter, names);
    }
}

static int
option_index (FpPresentation *self,
              const char     *name)
{
  if (self->option_names->len == 0 && self->session != NULL)
    rebuild_options (self);
  for (guint i = 0; i < self->option_names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->option_names, i), name) == 0)
      return (int) i;
  return -1;
}

static void
refresh (FpPresentation *self)
{
  const char *scenario;
  int index;
  g_autofree char *year = NULL;

  if (self->session == NULL)
    return;

  scenario = fp_session_get_scenario (self->session);
  if (scenario == NULL)
    scenario = FP_DO_NOTHING;
  {
    g_autofree char *title = wall_name (self, scenario);

    gtk_label_set_text (self->option_label, title);
  }
  /* Translators: the year presentation mode shows, e.g. "in 2030" */
  year = g_strdup_printf (_("in %d"), fp_session_get_year (self->session));
  gtk_label_set_text (self->year_label, year);

  index = option_index (self, scenario);
  for (guint i = 0; i < self->option_buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->option_buttons, i);

      if ((int) i == index)
        gtk_widget_add_css_class (button, "current");
      else
        gtk_widget_remove_css_class (button, "current");
    }
  set_state (self, "present-option", g_variant_new_int32 (index));

  self->syncing = TRUE;
  gtk_adjustment_configure (self->year_adjustment, fp_session_get_year (self->session),
                            fp_session_get_first_year (self->session),
                            fp_session_get_last_year (self->session), 1, 1, 0);
  self->syncing = FALSE;

  if (self->branch != NULL)
    {
      /* Translators: the bar over a what-if branch in presentation mode */
      g_autofree char *text = g_strdup_printf (_("What-if branch of %s: keep it or discard "
                                                 "it when the question is answered"),
                                               display_name (self->branch_parent));
      gtk_label_set_text (self->branch_label, text);
    }
  gtk_revealer_set_reveal_child (self->branch_revealer, self->branch != NULL);
  show_story_text (self);
}

static void
bench_note (FpPresentation *self,
            const char     *name,
            gint64          value)
{
  if (self->bench == NULL)
    return;
  fprintf (self->bench, "%s %" G_GINT64_FORMAT "\n", name, value);
  fflush (self->bench);
}

static void
on_after_paint_cb (GdkFrameClock  *clock,
                   FpPresentation *self)
{
  gint64 now = g_get_monotonic_time ();

  if (self->bench_switch_started > 0 && self->bench_results_seen)
    {
      bench_note (self, "present-switch", now - self->bench_switch_started);
      self->bench_switch_started = 0;
    }
  if (self->bench_anim_started > 0)
    {
      /* The first frame draws the new option whole (bench item 5); the longest of the
       * others is the animation's worst. */
      if (self->bench_anim_frames > 0)
        self->bench_anim_longest = MAX (self->bench_anim_longest, now - self->bench_anim_last);
      self->bench_anim_last = now;
      self->bench_anim_frames++;
      if (!animating (self))
        {
          /* Frames a second, times 1000. */
          gint64 span = now - self->bench_anim_started;

          bench_note (self, "present-frame-longest", self->bench_anim_longest);
          if (span > 0)
            bench_note (self, "present-fps-milli",
                        (gint64) (self->bench_anim_frames * 1e9 / span));
          self->bench_anim_started = 0;
        }
    }
}

static void
on_results_changed_cb (FpPresentation *self)
{
  gboolean animate = self->animate && self->shown;

  self->bench_results_seen = TRUE;
  if (self->option_names->len == 0)
    rebuild_options (self);
  refresh (self);
  update_figures (self, TRUE);
  check_left_story (self);

  if (animate)
    {
      adw_animation_reset (self->growing);
      adw_animation_play (self->growing);
      if (self->bench != NULL)
        {
          self->bench_anim_started = g_get_monotonic_time ();
          self->bench_anim_frames = 0;
          self->bench_anim_longest = 0;
        }
    }
  else
    style_map (self, ARROW_SCALE);
}

static void
on_access_changed_cb (FpPresentation *self)
{
  update_figures (self, FALSE);
}

static void
on_workspace_changed_cb (FpPresentation *self)
{
  rebuild_stories_menu (self);
  /* Off the wall, the buttons wait: they are made again when it is shown. */
  if (!self->shown)
    {
      g_ptr_array_set_size (self->option_names, 0);
      return;
    }
  rebuild_options (self);
  refresh (self);
  load_story (self);
  show_story_text (self);
  check_left_story (self);
  if (gtk_stack_get_visible_child_name (self->pages) != NULL &&
      g_str_equal (gtk_stack_get_visible_child_name (self->pages), "scores"))
    refresh_scores (self);
}

static void
select_option (FpPresentation *self,
               const char     *name)
{
  const char *current = fp_session_get_scenario (self->session);

  if (g_strcmp0 (current != NULL ? current : FP_DO_NOTHING, name) == 0)
    return;
  if (self->bench != NULL)
    {
      self->bench_switch_started = g_get_monotonic_time ();
      self->bench_results_seen = FALSE;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self->window), "select-scenario",
                                  g_variant_new_string (name));
}

/* ---- the presenter view --------------------------------------------------------- */

/* What the wall shows and where the story is, told to the presenter view. */
static void
sync_presenter (FpPresentation *self)
{
  const char *scenario;

  if (self->presenter == NULL || self->session == NULL)
    return;
  scenario = fp_session_get_scenario (self->session);
  fp_presenter_set_wall (self->presenter, display_name (scenario != NULL ? scenario
                                                                           : FP_DO_NOTHING),
                         fp_session_get_year (self->session),
                         fp_session_get_first_year (self->session),
                         fp_session_get_last_year (self->session));
  fp_presenter_set_story (self->presenter, self->story, self->step, self->last_step);
}

static gboolean
on_presenter_close_cb (GtkWindow      *presenter,
                       FpPresentation *self)
{
  close_presenter (self);
  return TRUE;
}

/* The keys of presentation mode, in the presenter view too: but not while a title for a
 * view is being typed there. */
static gboolean
on_presenter_key_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     FpPresentation        *self)
{
  GtkWidget *focus = self->presenter != NULL ? gtk_root_get_focus (GTK_ROOT (self->presenter))
                                             : NULL;

  if (focus != NULL && (GTK_IS_TEXT (focus) || GTK_IS_EDITABLE (focus)))
    return FALSE;
  return on_key_pressed_cb (controller, keyval, keycode, state, self);
}

/* On @monitor, filling it; without one, an ordinary window beside the wall. */
static void
open_presenter (FpPresentation *self,
                GdkMonitor     *monitor)
{
  GtkEventController *keys;

  if (self->session == NULL || !self->shown)
    return;
  if (self->presenter == NULL)
    {
      self->presenter = fp_presenter_new (self->window, GTK_WIDGET (self),
                                          fp_session_get_workspace (self->session));
      gtk_window_set_application (GTK_WINDOW (self->presenter),
                                  gtk_window_get_application (GTK_WINDOW (self->window)));
      keys = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
      g_signal_connect (keys, "key-pressed", G_CALLBACK (on_presenter_key_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (self->presenter), keys);
      g_signal_connect (self->presenter, "close-request", G_CALLBACK (on_presenter_close_cb),
                        self);
      fp_presenter_set_stories_menu (self->presenter, G_MENU_MODEL (self->stories_menu));
      rebuild_options (self);
      sync_presenter (self);
    }
  g_set_object (&self->presenter_monitor, monitor);
  gtk_window_present (GTK_WINDOW (self->presenter));
  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self->presenter), monitor);
  set_state (self, "presenter-view", g_variant_new_boolean (TRUE));
}

static void
close_presenter (FpPresentation *self)
{
  if (self->presenter != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->presenter, self);
      gtk_window_destroy (GTK_WINDOW (self->presenter));
      self->presenter = NULL;
    }
  g_clear_object (&self->presenter_monitor);
  set_state (self, "presenter-view", g_variant_new_boolean (FALSE));
}

/* A monitor of the display other than @not, or NULL when it has only the one. */
static GdkMonitor *
other_monitor (FpPresentation *self,
               GdkMonitor     *not)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (self->window));

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);

      if (monitor != not)
        return monitor;
    }
  return NULL;
}

static GdkMonitor *
window_monitor (FpPresentation *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self->window));

  return surface != NULL
         ? gdk_display_get_monitor_at_surface (gtk_widget_get_display (self->window), surface)
         : NULL;
}

/* The monitor the wall is on: the one asked for, else the window's. */
static GdkMonitor *
wall_monitor (FpPresentation *self)
{
  return self->monitor != NULL ? self->monitor : window_monitor (self);
}

static void
presenter_view_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);

  if (self->presenter != NULL)
    close_presenter (self);
  else if (!self->shown)
    toast (self, _("The presenter view is for presentation mode: press F5 first"));
  else
    open_presenter (self, other_monitor (self, self->monitor != NULL ? self->monitor
                                                                     : window_monitor (self)));
}

/* ---- actions: entering and leaving ---------------------------------------------- */

/* Without a window manager (a bare X server, as under Xvfb) nothing answers a request for
 * full screen: the window then takes the monitor's size itself, and gives it back after. */
static gboolean
check_fullscreen_cb (gpointer user_data)
{
  FpPresentation *self = user_data;
  GtkWindow *window = GTK_WINDOW (self->window);
  GdkMonitor *monitor;
  GdkRectangle geometry;

  self->fullscreen_check = 0;
  if (!self->shown || gtk_window_is_fullscreen (window))
    return G_SOURCE_REMOVE;
  monitor = wall_monitor (self);
  if (monitor == NULL)
    return G_SOURCE_REMOVE;
  gdk_monitor_get_geometry (monitor, &geometry);
  if (!self->resized)
    gtk_window_get_default_size (window, &self->saved_width, &self->saved_height);
  self->resized = TRUE;
  gtk_window_set_default_size (window, geometry.width, geometry.height);
  return G_SOURCE_REMOVE;
}

/* On a monitor under COMPACT_HEIGHT lines (a WXGA projector), smaller type and a
 * narrower column of figures (data/fp-presentation.css, "compact"), so the wall fits. */
static void
set_compact (FpPresentation *self)
{
  GdkMonitor *monitor = wall_monitor (self);
  GdkRectangle geometry = { 0 };
  gboolean compact;

  if (monitor != NULL)
    gdk_monitor_get_geometry (monitor, &geometry);
  compact = monitor != NULL && geometry.height > 0 && geometry.height < COMPACT_HEIGHT;
  if (compact)
    gtk_widget_add_css_class (self->window, "compact");
  else
    gtk_widget_remove_css_class (self->window, "compact");
  gtk_widget_set_size_request (self->figures_column,
                               compact ? COMPACT_FIGURES_WIDTH : FIGURES_WIDTH, -1);
  gtk_label_set_lines (self->option_label, compact ? 1 : 2);
}

static void
enter (FpPresentation *self,
       GdkMonitor     *monitor)
{
  GdkMonitor *presenter_monitor = NULL;

  if (self->session == NULL)
    return;

  if (!self->shown)
    {
      /* With a second screen, as a laptop beside a projector: the wall goes to the other
       * screen (unless one was chosen) and the presenter view fills this one. */
      GdkMonitor *here = window_monitor (self);
      GdkMonitor *other = other_monitor (self, monitor != NULL ? monitor : here);

      if (other != NULL && monitor == NULL)
        {
          monitor = other;
          presenter_monitor = here;
        }
      else if (other != NULL)
        presenter_monitor = other;

      g_free (self->previous_page);
      self->previous_page = g_strdup (gtk_stack_get_visible_child_name (self->window_stack));
      self->shown = TRUE;
      fp_map_view_set_session (self->map_view, self->session);
      hide_map_controls (self);
      style_map (self, ARROW_SCALE);
      rebuild_options (self);
      refresh (self);
      update_figures (self, FALSE);
      load_story (self);
      show_story_text (self);
      gtk_widget_set_visible (GTK_WIDGET (self->header_bar), FALSE);
      gtk_stack_set_visible_child_name (self->window_stack, "presentation");
      gtk_widget_add_css_class (self->window, "projector");
      set_state (self, "present", g_variant_new_boolean (TRUE));
      set_enabled (self, "leave-presentation", TRUE);
      if (self->bench != NULL && self->bench_paint_id == 0 &&
          gtk_widget_get_frame_clock (self->window) != NULL)
        self->bench_paint_id = g_signal_connect (gtk_widget_get_frame_clock (self->window),
                                                 "after-paint", G_CALLBACK (on_after_paint_cb),
                                                 self);
    }

  g_set_object (&self->monitor, monitor);
  self->overflow_said = FALSE;
  set_compact (self);
  if (monitor != NULL)
    gtk_window_fullscreen_on_monitor (GTK_WINDOW (self->window), monitor);
  else
    gtk_window_fullscreen (GTK_WINDOW (self->window));
  g_clear_handle_id (&self->fullscreen_check, g_source_remove);
  self->fullscreen_check = g_timeout_add (300, check_fullscreen_cb, self);
  if (self->option_buttons->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->option_buttons, 0));
  if (presenter_monitor != NULL)
    open_presenter (self, presenter_monitor);
}

static void
leave (FpPresentation *self)
{
  if (!self->shown)
    return;

  g_clear_handle_id (&self->play_id, g_source_remove);
  set_state (self, "present-play", g_variant_new_boolean (FALSE));
  adw_animation_skip (self->count);
  adw_animation_skip (self->growing);
  self->shown = FALSE;
  close_presenter (self);
  g_clear_handle_id (&self->fullscreen_check, g_source_remove);
  gtk_window_unfullscreen (GTK_WINDOW (self->window));
  if (self->resized)
    gtk_window_set_default_size (GTK_WINDOW (self->window), self->saved_width,
                                 self->saved_height);
  self->resized = FALSE;
  g_clear_object (&self->monitor);
  gtk_widget_remove_css_class (self->window, "projector");
  gtk_widget_remove_css_class (self->window, "compact");
  gtk_widget_set_visible (GTK_WIDGET (self->header_bar), TRUE);
  gtk_stack_set_visible_child_name (self->window_stack,
                                    self->previous_page != NULL ? self->previous_page : "estate");
  gtk_stack_set_visible_child_name (self->pages, "map");
  gtk_widget_set_visible (self->header, TRUE);
  gtk_widget_set_visible (self->bar, TRUE);
  set_state (self, "present-scores", g_variant_new_boolean (FALSE));
  set_state (self, "present", g_variant_new_boolean (FALSE));
  set_enabled (self, "leave-presentation", FALSE);
  ask_about_branch (self, TRUE, FALSE);
}

static void
present_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  enter (get_presentation (user_data), NULL);
}

static void
present_on_monitor_action (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (self->window));
  int index = g_variant_get_int32 (parameter);
  g_autoptr(GdkMonitor) monitor = NULL;

  if (index < 0 || (guint) index >= g_list_model_get_n_items (monitors))
    {
      /* Translators: presentation mode was asked for a monitor that is not there */
      g_autofree char *text = g_strdup_printf (_("There is no monitor %d: this computer has "
                                                 "%u"), index,
                                               g_list_model_get_n_items (monitors));
      toast (self, text);
      return;
    }
  monitor = g_list_model_get_item (monitors, index);
  enter (self, monitor);
}

static void
leave_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  leave (get_presentation (user_data));
}

static void
present_option_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  int index = g_variant_get_int32 (parameter);

  if (self->session == NULL)
    return;
  if (self->option_names->len == 0)
    rebuild_options (self);
  if (index < 0 || (guint) index >= self->option_names->len)
    {
      /* Translators: a number key in presentation mode with no option behind it */
      g_autofree char *text = g_strdup_printf (_("There is no option %d in this document"),
                                               index);
      toast (self, text);
      return;
    }
  self->before = FALSE;
  set_state (self, "present-before-after", g_variant_new_boolean (FALSE));
  select_option (self, g_ptr_array_index (self->option_names, index));
}

/* Before: Do nothing; after: the option shown before (or the first option). */
static void
before_after_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  gboolean before = parameter != NULL ? g_variant_get_boolean (parameter) : !self->before;
  const char *current;

  if (self->session == NULL || before == self->before)
    return;
  if (self->option_names->len == 0)
    rebuild_options (self);
  current = fp_session_get_scenario (self->session);
  if (before)
    {
      if (current != NULL && g_strcmp0 (current, FP_DO_NOTHING) != 0)
        {
          g_free (self->after);
          self->after = g_strdup (current);
        }
      if (self->after == NULL)
        {
          if (self->option_names->len < 2)
            {
              toast (self, _("This document has no option to compare with Do nothing"));
              return;
            }
          self->after = g_strdup (g_ptr_array_index (self->option_names, 1));
        }
      self->before = TRUE;
      g_simple_action_set_state (action, g_variant_new_boolean (TRUE));
      select_option (self, FP_DO_NOTHING);
    }
  else
    {
      self->before = FALSE;
      g_simple_action_set_state (action, g_variant_new_boolean (FALSE));
      if (self->after != NULL && option_index (self, self->after) >= 0)
        select_option (self, self->after);
    }
}

static gboolean
play_step_cb (gpointer user_data)
{
  FpPresentation *self = user_data;
  int year = fp_session_get_year (self->session);

  if (year >= fp_session_get_last_year (self->session))
    {
      self->play_id = 0;
      set_state (self, "present-play", g_variant_new_boolean (FALSE));
      return G_SOURCE_REMOVE;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self->window), "set-year",
                                  g_variant_new_int32 (year + 1));
  return G_SOURCE_CONTINUE;
}

static void
play_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));
  gboolean play = parameter != NULL ? g_variant_get_boolean (parameter)
                                    : !g_variant_get_boolean (state);

  g_clear_handle_id (&self->play_id, g_source_remove);
  g_simple_action_set_state (action, g_variant_new_boolean (play));
  if (!play || self->session == NULL)
    return;
  /* From the start of the horizon when it has played to its end. */
  if (fp_session_get_year (self->session) >= fp_session_get_last_year (self->session))
    {
      int first = fp_session_get_first_year (self->session);

      g_action_group_activate_action (G_ACTION_GROUP (self->window), "set-year",
                                      g_variant_new_int32 (first));
    }
  self->play_id = g_timeout_add (PLAY_STEP_MS, play_step_cb, self);
}

static void
animate_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);

  self->animate = g_variant_get_boolean (parameter);
  g_simple_action_set_state (action, parameter);
  if (!self->animate)
    {
      adw_animation_skip (self->count);
      adw_animation_skip (self->growing);
    }
  if (self->shown)
    style_map (self, ARROW_SCALE);
}

static void
on_year_value_changed_cb (GtkAdjustment  *adjustment,
                          FpPresentation *self)
{
  int year = (int) round (gtk_adjustment_get_value (adjustment));

  if (self->syncing || self->session == NULL || year == fp_session_get_year (self->session))
    return;
  g_action_group_activate_action (G_ACTION_GROUP (self->window), "set-year",
                                  g_variant_new_int32 (year));
}

/* ---- live questions: a what-if branch of the option on the wall ----------------- */

static char *
unique_name (FpWorkspace *workspace,
             const char  *base)
{
  char *name = g_strdup (base);

  for (guint n = 2; fp_workspace_find_scenario (workspace, name) != NULL; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s %u", base, n);
    }
  return name;
}

/* The branch the question is answered in: made from the option on the wall the first
 * time, and used again for the next question until it is kept or discarded. */
/* The first @n characters of @text, the last of them an ellipsis if it was longer. */
static char *
shorten (const char *text,
         long        n)
{
  if (g_utf8_strlen (text, -1) <= n)
    return g_strdup (text);
  if (n <= 1)
    return g_strdup ("…");
  {
    g_autofree char *head = g_utf8_substring (text, 0, n - 1);

    return g_strconcat (g_strchomp (head), "…", NULL);
  }
}

/* "What if: OPTION, QUESTION (temporary)", within a scenario name's length with room for
 * unique_name()'s number: a long option's name, then the question, are shortened. */
static char *
branch_name (const char *option,
             const char *question)
{
  /* Translators: the name of a temporary what-if branch: the option and the question */
  const char *format = _("What if: %s, %s (temporary)");
  long room = FP_SCENARIO_NAME_MAX_CHARS - 4;
  g_autofree char *whole = g_strdup_printf (format, option, question);
  long rest = g_utf8_strlen (whole, -1) - g_utf8_strlen (option, -1) -
              g_utf8_strlen (question, -1);
  long for_question = MIN (g_utf8_strlen (question, -1), MAX (room - rest - 12, 1));
  g_autofree char *short_question = shorten (question, for_question);
  g_autofree char *short_option = NULL;

  if (g_utf8_strlen (whole, -1) <= room)
    return g_steal_pointer (&whole);
  short_option = shorten (option, MAX (room - rest - g_utf8_strlen (short_question, -1), 1));
  return g_strdup_printf (format, short_option, short_question);
}

static const char *
ensure_branch (FpPresentation *self,
               const char     *question,
               GError        **error)
{
  FpWorkspace *workspace = fp_session_get_workspace (self->session);
  /* A copy: making the branch changes the workspace, and the session's name with it. */
  g_autofree char *current = g_strdup (fp_session_get_scenario (self->session));
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  const FpScenario *made;

  if (self->branch != NULL && fp_workspace_find_scenario (workspace, self->branch) != NULL)
    {
      /* Another question of the same branch: the title shows them all. */
      char *questions = self->branch_question != NULL
                        ? g_strdup_printf ("%s; %s", self->branch_question, question)
                        : g_strdup (question);

      g_free (self->branch_question);
      self->branch_question = questions;
      return self->branch;
    }

  if (current == NULL)
    current = g_strdup (FP_DO_NOTHING);
  base = branch_name (display_name (current), question);
  name = unique_name (workspace, base);
  if (g_strcmp0 (current, FP_DO_NOTHING) == 0)
    made = fp_workspace_create_scenario (workspace, name,
                                         _("A what-if asked in presentation mode"), NULL, error);
  else
    made = fp_workspace_duplicate_scenario (workspace, current, name, error);
  if (made == NULL)
    return NULL;

  g_free (self->branch);
  self->branch = g_strdup (made->name);
  g_free (self->branch_parent);
  self->branch_parent = g_strdup (current);
  g_free (self->branch_question);
  self->branch_question = g_strdup (question);
  /* Its button says the question too (the document's change made the buttons first). */
  if (self->shown)
    rebuild_options (self);
  set_enabled (self, "what-if-keep", TRUE);
  set_enabled (self, "what-if-keep-dialog", TRUE);
  set_enabled (self, "what-if-discard", TRUE);
  return self->branch;
}

static const char *
site_name (FpPresentation *self,
           const char     *id)
{
  const FpEstate *estate = fp_session_get_estate (self->session);
  guint index;

  if (fp_session_find_site (self->session, id, &index))
    return g_array_index (estate->sites, FpSite, index).name;
  return id;
}

/* Keep a site open YEARS longer: its exit (and disposal) in the branch move later. */
static gboolean
keep_open (FpPresentation *self,
           const char     *branch,
           const char     *site,
           int             years,
           GError        **error)
{
  FpWorkspace *workspace = fp_session_get_workspace (self->session);
  const FpScenario *scenario = fp_workspace_find_scenario (workspace, branch);
  gboolean found = FALSE;

  /* Latest first: the disposal moves before the exit would overtake it. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < scenario->changes->len; i++)
      {
        const FpChange *change = g_ptr_array_index (scenario->changes, i);
        FpChangeKind kind = pass == 0 ? FP_CHANGE_DISPOSE_SITE : FP_CHANGE_EXIT_SITE;
        g_autoptr(FpChange) later = NULL;

        if (change->kind != kind || g_strcmp0 (change->site, site) != 0)
          continue;
        later = fp_change_copy (change);
        later->year += years;
        if (!fp_workspace_replace_change (workspace, branch, i, later, error))
          return FALSE;
        found = TRUE;
        scenario = fp_workspace_find_scenario (workspace, branch);
      }
  if (!found)
    g_set_error (error, FP_ERROR, FP_ERROR_CHANGE_REFUSED,
                 /* Translators: keep open longer, asked of a site the option does not close */
                 _("%s does not close in this option, so it cannot be kept open longer"),
                 site_name (self, site));
  return found;
}

static void
what_if_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  FpWorkspace *workspace;
  g_autoptr(GError) error = NULL;
  const char *kind, *site;
  g_autofree char *question = NULL;
  const char *branch;
  int years;
  guint index;

  if (self->session == NULL)
    return;
  workspace = fp_session_get_workspace (self->session);
  g_variant_get (parameter, "(&s&si)", &kind, &site, &years);
  if (!fp_session_find_site (self->session, site, &index))
    {
      g_autofree char *text = g_strdup_printf (_("There is no site “%s” in this estate"), site);
      toast (self, text);
      return;
    }
  if (fp_workspace_is_read_only (workspace))
    {
      toast (self, _("This document is open read-only: save a copy to ask what-if questions"));
      return;
    }

  if (g_str_equal (kind, "keep-open"))
    {
      const char *current = fp_session_get_scenario (self->session);

      if (years <= 0)
        years = KEEP_OPEN_YEARS;
      if (current == NULL || g_strcmp0 (current, FP_DO_NOTHING) == 0)
        {
          toast (self, _("Nothing closes under Do nothing: choose an option first"));
          return;
        }
      /* Translators: a what-if question, e.g. "keep Hodge Hill open 2 more years" */
      question = g_strdup_printf (g_dngettext (NULL, "keep %s open %d more year",
                                               "keep %s open %d more years", years),
                                  site_name (self, site), years);
    }
  else if (g_str_equal (kind, "exit"))
    /* Translators: a what-if question, e.g. "exit Hodge Hill" */
    question = g_strdup_printf (_("exit %s"), site_name (self, site));
  else if (g_str_equal (kind, "move"))
    /* Translators: a what-if question, e.g. "move a service from Hodge Hill" */
    question = g_strdup_printf (_("move a service from %s"), site_name (self, site));
  else
    {
      g_autofree char *text = g_strdup_printf (_("“%s” is not a what-if question: ask "
                                                 "keep-open, exit or move"), kind);
      toast (self, text);
      return;
    }

  branch = ensure_branch (self, question, &error);
  if (branch == NULL)
    {
      toast (self, error->message);
      return;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self->window), "select-scenario",
                                  g_variant_new_string (branch));

  if (g_str_equal (kind, "keep-open"))
    {
      if (!keep_open (self, branch, site, years, &error))
        toast (self, error->message);
    }
  else if (g_str_equal (kind, "exit"))
    {
      g_autoptr(FpChange) change = NULL;
      int year = years > 0 ? years : fp_session_get_year (self->session);

      change = fp_change_new (FP_CHANGE_EXIT_SITE, year);
      change->site = g_strdup (site);
      if (!fp_workspace_add_change (workspace, branch, change, NULL, NULL, &error))
        toast (self, error->message);
    }
  else
    /* Where the service goes and how much of it is for the room to say: the window's
     * dialog asks, and its edit lands in the branch, now the option shown. */
    g_action_group_activate_action (G_ACTION_GROUP (self->window), "move-service",
                                    g_variant_new_string (site));
  refresh (self);
}

static gboolean
close_window_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

/* The branch is kept or discarded: a question about it still open goes, and a window
 * waiting on the answer closes. */
static void
end_of_branch (FpPresentation *self)
{
  if (self->end_dialog != NULL)
    {
      GtkWidget *dialog = self->end_dialog;

      g_clear_weak_pointer (&self->end_dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  if (self->closing)
    {
      self->closing = FALSE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_window_cb, g_object_ref (self->window),
                       g_object_unref);
    }
}

static void
on_end_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    FpPresentation   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");

  /* The dialog closes itself after its answer. */
  g_clear_weak_pointer (&self->end_dialog);
  if (g_str_equal (response, "keep"))
    g_action_group_activate_action (G_ACTION_GROUP (self->window), "what-if-keep",
                                    g_variant_new_string (gtk_editable_get_text (entry)));
  else if (g_str_equal (response, "discard"))
    g_action_group_activate_action (G_ACTION_GROUP (self->window), "what-if-discard", NULL);
  else if (self->closing)
    {
      /* Later: the branch stays in the document as it is, marked temporary. */
      self->closing = FALSE;
      self->close_anyway = TRUE;
      g_idle_add_full (G_PRIORITY_DEFAULT, close_window_cb, g_object_ref (self->window),
                       g_object_unref);
    }
}

/* The branch's name without its "(temporary)": the name keeping it suggests. */
static char *
kept_name (const char *branch)
{
  char *name = g_strdup (branch);
  char *mark = g_strrstr (name, _(" (temporary)"));

  if (mark != NULL)
    *mark = '\0';
  return name;
}

/* Keep the branch under a name, or (@at_end: at the end of the session or of the window)
 * discard it or decide later, when "later" leaves it marked temporary. The bar's Keep…
 * asks the same question without those two. */
static void
ask_about_branch (FpPresentation *self,
                  gboolean        at_end,
                  gboolean        closing)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *entry;

  if (self->branch == NULL || self->session == NULL)
    return;
  self->closing = closing;
  if (self->end_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->end_dialog));
      return;
    }
  name = kept_name (self->branch);
  if (at_end)
    /* Translators: the body of the question at the end of presentation mode */
    body = g_strdup_printf (_("“%s” was made to answer a question from the floor. Keep it as "
                              "an option of its own, under this name, or discard it."),
                            self->branch);
  else
    body = g_strdup (_("It becomes an option of its own, under this name."));
  dialog = adw_message_dialog_new (dialog_parent (self), _("Keep the What-If?"), body);
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the option"), -1);
  gtk_widget_add_css_class (dialog, "present-dialog");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  if (at_end)
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "later",
                                        _("Decide _Later"), "discard", _("_Discard"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "later", _("_Cancel"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "keep", _("_Keep"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "keep",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (on_end_response_cb), self);
  g_set_weak_pointer (&self->end_dialog, dialog);
  fp_window_note_dialog (FP_WINDOW (self->window), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
what_if_keep_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  FpWorkspace *workspace;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_variant_dup_string (parameter, NULL));

  if (self->session == NULL || self->branch == NULL)
    return;
  workspace = fp_session_get_workspace (self->session);
  /* No name: the branch's own, without "(temporary)". */
  if (*name == '\0')
    {
      g_autofree char *base = kept_name (self->branch);

      g_free (name);
      name = g_str_equal (base, self->branch) ? g_strdup (base) : unique_name (workspace, base);
    }
  if (!g_str_equal (name, self->branch) &&
      !fp_workspace_rename_scenario (workspace, self->branch, name, &error))
    {
      toast (self, error->message);
      return;
    }
  /* No notification: the bar over the branch goes and the title shows the new name (a
   * passing message would also hold up the next screenshot). */
  end_of_branch (self);
  {
    g_clear_pointer (&self->branch, g_free);
    g_clear_pointer (&self->branch_parent, g_free);
    g_clear_pointer (&self->branch_question, g_free);
    set_enabled (self, "what-if-keep", FALSE);
    set_enabled (self, "what-if-keep-dialog", FALSE);
    set_enabled (self, "what-if-discard", FALSE);
    refresh (self);
  }
}


/* Keep, from the bar: the facilitator names the option it becomes. */
static void
what_if_keep_dialog_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  ask_about_branch (get_presentation (user_data), FALSE, FALSE);
}

static void
what_if_discard_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  FpWorkspace *workspace;
  g_autoptr(GError) error = NULL;
  g_autofree char *branch = NULL;
  g_autofree char *parent = NULL;

  if (self->session == NULL || self->branch == NULL)
    return;
  workspace = fp_session_get_workspace (self->session);
  branch = g_steal_pointer (&self->branch);
  parent = g_steal_pointer (&self->branch_parent);
  g_clear_pointer (&self->branch_question, g_free);
  end_of_branch (self);
  set_enabled (self, "what-if-keep", FALSE);
  set_enabled (self, "what-if-keep-dialog", FALSE);
  set_enabled (self, "what-if-discard", FALSE);

  if (fp_workspace_find_scenario (workspace, parent) != NULL ||
      g_strcmp0 (parent, FP_DO_NOTHING) == 0)
    g_action_group_activate_action (G_ACTION_GROUP (self->window), "select-scenario",
                                    g_variant_new_string (parent));
  if (fp_workspace_find_scenario (workspace, branch) != NULL &&
      !fp_workspace_delete_scenario (workspace, branch, &error))
    toast (self, error->message);
  refresh (self);
}

static void
on_what_if_clicked_cb (GtkButton      *button,
                       FpPresentation *self)
{
  const char *kind = g_object_get_data (G_OBJECT (button), "kind");

  gtk_popover_popdown (self->what_if_popover);
  if (self->what_if_site != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self->window), "what-if",
                                    g_variant_new ("(ssi)", kind, self->what_if_site, 0));
}

/* The questions a room asks of a site, by the site (or, from the keyboard, by the bar). */
static void
offer_what_if (FpPresentation *self,
               guint           index,
               GtkWidget      *origin,
               double          x,
               double          y)
{
  const FpResults *results = fp_session_get_results (self->session);
  double px = x, py = y;
  g_autofree char *title = NULL;

  g_free (self->what_if_site);
  self->what_if_site = g_strdup (results->sites[index].id);
  /* Translators: the heading of the what-if questions about one site */
  title = g_strdup_printf (_("What if, at %s…"), site_name (self, self->what_if_site));
  gtk_label_set_text (self->what_if_title, title);
  if (origin != NULL)
    gtk_widget_translate_coordinates (origin, GTK_WIDGET (self), x, y, &px, &py);
  else
    {
      px = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      py = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  gtk_popover_set_pointing_to (self->what_if_popover,
                               &(GdkRectangle) { (int) px, (int) py, 1, 1 });
  gtk_popover_popup (self->what_if_popover);
}

static void
on_secondary_pressed_cb (GtkGestureClick *click,
                         int              n_press,
                         double           x,
                         double           y,
                         FpPresentation  *self)
{
  FpSiteLayer *layer = site_layer (self);
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (click));
  double lx, ly;
  guint index;

  if (layer == NULL || self->session == NULL)
    return;
  gtk_widget_translate_coordinates (widget, GTK_WIDGET (layer), x, y, &lx, &ly);
  index = fp_site_layer_pick (layer, lx, ly);
  if (index == FP_SITE_NONE)
    return;
  gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);
  fp_session_set_selected (self->session, index);
  offer_what_if (self, index, widget, x, y);
}

/* ---- scores from the room ------------------------------------------------------- */

static void
on_score_timeout_cb (gpointer user_data)
{
  FpPresentation *self = user_data;

  self->score_timeout = 0;
  if (self->session == NULL || self->scored == NULL)
    return;
  for (guint i = 0; i < self->scales->len; i++)
    {
      GtkRange *scale = g_ptr_array_index (self->scales, i);
      const char *criterion = g_object_get_data (G_OBJECT (scale), "criterion");
      double stored;
      g_autoptr(GError) error = NULL;
      g_autoptr(FpScoring) scoring = NULL;
      double value = round (gtk_range_get_value (scale));

      if (!GPOINTER_TO_INT (g_object_get_data (G_OBJECT (scale), "moved")))
        continue;
      g_object_set_data (G_OBJECT (scale), "moved", NULL);
      scoring = fp_workspace_dup_scoring (fp_session_get_workspace (self->session), NULL);
      if (scoring != NULL && fp_scoring_get_score (scoring, self->scored, criterion, &stored) &&
          stored == value)
        continue;
      if (!fp_workspace_set_score (fp_session_get_workspace (self->session), self->scored,
                                   criterion, value, author (), &error))
        {
          toast (self, error->message);
          break;
        }
    }
  refresh_scores (self);
}

static void
on_scale_changed_cb (GtkRange       *scale,
                     FpPresentation *self)
{
  if (self->syncing)
    return;
  g_object_set_data (G_OBJECT (scale), "moved", GINT_TO_POINTER (1));
  g_clear_handle_id (&self->score_timeout, g_source_remove);
  self->score_timeout = g_timeout_add_once (SCORE_DELAY_MS, on_score_timeout_cb, self);
}

/* The score beside its slider, as the slider's own value would be: a whole number. */
static void
on_scale_moved_cb (GtkRange  *scale,
                   GtkWidget *label)
{
  g_autofree char *text = fp_format_decimal (round (gtk_range_get_value (scale)), 0);

  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
label_new (const char *text,
           const char *css,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

/* The sliders of the option being scored, and every option's weighted score and rank as
 * the core's appraisal gives them. */
static void
refresh_scores (FpPresentation *self)
{
  FpWorkspace *workspace = fp_session_get_workspace (self->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpScoring) scoring = NULL;
  FpAppraisal *appraisal;
  g_autofree char *title = NULL;

  scoring = fp_workspace_dup_scoring (workspace, &error);
  if (scoring == NULL)
    {
      toast (self, error->message);
      return;
    }
  if (self->scored == NULL ||
      (g_strcmp0 (self->scored, FP_DO_NOTHING) != 0 &&
       fp_workspace_find_scenario (workspace, self->scored) == NULL))
    {
      const char *current = fp_session_get_scenario (self->session);

      g_free (self->scored);
      self->scored = g_strdup (current != NULL ? current : FP_DO_NOTHING);
    }
  set_state (self, "present-score-option", g_variant_new_string (self->scored));

  /* Translators: the heading of the scoring screen, e.g. "Scores for Leave Hodge Hill" */
  title = g_strdup_printf (_("Scores for %s"), display_name (self->scored));
  gtk_label_set_text (self->scores_title, title);

  /* The option buttons */
  clear_box (self->score_option_row);
  for (guint i = 0; i < self->option_names->len; i++)
    {
      const char *name = g_ptr_array_index (self->option_names, i);
      g_autofree char *text = g_strdup_printf (_("%u  %s"), i, display_name (name));
      GtkWidget *button = gtk_button_new_with_label (text);

      gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))),
                               PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      gtk_widget_set_tooltip_text (button, display_name (name));
      gtk_widget_add_css_class (button, "present-option-button");
      if (g_strcmp0 (name, self->scored) == 0)
        gtk_widget_add_css_class (button, "current");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.present-score-option");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_string (name));
      gtk_box_append (self->score_option_row, button);
    }

  /* The sliders: rebuilt when the criteria change, else only moved. */
  if (self->scales->len != scoring->criteria->len)
    {
      clear_box (self->criteria_box);
      g_ptr_array_set_size (self->scales, 0);
      for (guint i = 0; i < scoring->criteria->len; i++)
        {
          const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, i);
          GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
          GtkWidget *name = label_new (criterion->name, "present-criterion", 0);
          GtkWidget *scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 10, 1);

          gtk_widget_set_size_request (name, 520, -1);
          GtkWidget *value = label_new ("", "present-score-value", 1);

          gtk_widget_set_hexpand (scale, TRUE);
          gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
          gtk_widget_set_size_request (value, 60, -1);
          g_object_set_data (G_OBJECT (scale), "value-label", value);
          g_signal_connect (scale, "value-changed", G_CALLBACK (on_scale_moved_cb), value);
          for (int m = 0; m <= 10; m++)
            gtk_scale_add_mark (GTK_SCALE (scale), m, GTK_POS_BOTTOM, NULL);
          gtk_widget_add_css_class (scale, "present-scale");
          gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          criterion->name, -1);
          g_object_set_data_full (G_OBJECT (scale), "criterion", g_strdup (criterion->id),
                                  g_free);
          g_signal_connect (scale, "value-changed", G_CALLBACK (on_scale_changed_cb), self);
          gtk_box_append (GTK_BOX (row), name);
          gtk_box_append (GTK_BOX (row), scale);
          gtk_box_append (GTK_BOX (row), value);
          gtk_box_append (self->criteria_box, row);
          g_ptr_array_add (self->scales, scale);
        }
    }
  self->syncing = TRUE;
  for (guint i = 0; i < self->scales->len; i++)
    {
      GtkRange *scale = g_ptr_array_index (self->scales, i);
      const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, i);
      GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (scale));
      GtkWidget *name = gtk_widget_get_first_child (row);
      g_autofree char *weight = fp_format_decimal (criterion->weight, 0);
      /* Translators: a critical success factor and its weight, e.g. "Access (25%)" */
      g_autofree char *text = g_strdup_printf (_("%s (weight %s%%)"), criterion->name, weight);
      double score;

      g_object_set_data_full (G_OBJECT (scale), "criterion", g_strdup (criterion->id), g_free);
      gtk_label_set_text (GTK_LABEL (name), text);
      if (!GPOINTER_TO_INT (g_object_get_data (G_OBJECT (scale), "moved")))
        {
          gboolean scored = fp_scoring_get_score (scoring, self->scored, criterion->id, &score);

          gtk_range_set_value (scale, scored ? score : 0);
          on_scale_moved_cb (scale, g_object_get_data (G_OBJECT (scale), "value-label"));
          /* Not scored yet is not a score of 0. */
          if (!scored)
            gtk_label_set_text (GTK_LABEL (g_object_get_data (G_OBJECT (scale), "value-label")),
                                "–");
        }
    }
  self->syncing = FALSE;

  /* The ranking, from the core's appraisal. */
  clear_box (self->ranking_box);
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    /* Every option of the document (Do nothing comes first by itself). */
    for (guint i = 1; i < self->option_names->len; i++)
      g_ptr_array_add (names, g_ptr_array_index (self->option_names, i));
    g_ptr_array_add (names, NULL);
    appraisal = fp_appraisal_compute_for_workspace (workspace,
                                                    (const char * const *) names->pdata, &error);
  }
  if (appraisal == NULL)
    {
      gtk_box_append (self->ranking_box, label_new (error->message, "present-rank", 0));
      return;
    }
  gtk_box_append (self->ranking_box, label_new (_("Ranking by weighted score"),
                                                "present-rank-heading", 0));
  for (guint rank = 0; rank <= appraisal->options->len; rank++)
    for (guint i = 0; i < appraisal->options->len; i++)
      {
        const FpOptionAppraisal *o = g_ptr_array_index (appraisal->options, i);
        g_autofree char *score = NULL;
        g_autofree char *text = NULL;
        GtkWidget *label;

        /* Ranked first, in rank order; the unscored (rank 0) last. */
        if ((rank < appraisal->options->len ? rank + 1 : 0) != o->score_rank)
          continue;
        score = isnan (o->weighted_score) ? g_strdup (_("not scored"))
                                          : fp_format_decimal (o->weighted_score, 1);
        if (o->score_rank > 0)
          /* Translators: a line of the ranking: rank, option, weighted score out of 10 */
          text = g_strdup_printf (_("%u. %s: %s"), o->score_rank, display_name (o->name), score);
        else
          text = g_strdup_printf (_("%s: %s"), display_name (o->name), score);
        label = label_new (text, "present-rank", 0);
        if (g_strcmp0 (o->name, self->scored) == 0)
          {
            g_autofree char *weighted = NULL;

            gtk_widget_add_css_class (label, "current");
            /* Translators: the weighted score of the option being scored, out of 10 */
            weighted = isnan (o->weighted_score)
                       ? g_strdup (_("Weighted score: not every factor is scored yet"))
                       : g_strdup_printf (_("Weighted score: %s out of 10"), score);
            gtk_label_set_text (self->weighted_label, weighted);
          }
        gtk_box_append (self->ranking_box, label);
      }
  fp_appraisal_free (appraisal);
}

static void
present_scores_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  gboolean show = g_variant_get_boolean (parameter);

  if (self->session == NULL)
    return;
  if (show && !self->shown)
    enter (self, NULL);
  g_simple_action_set_state (action, parameter);
  if (show)
    {
      if (self->option_names->len == 0)
        rebuild_options (self);
      refresh_scores (self);
    }
  gtk_stack_set_visible_child_name (self->pages, show ? "scores" : "map");
  /* The scoring screen has its own option buttons and heading. */
  gtk_widget_set_visible (self->header, !show);
  gtk_widget_set_visible (self->bar, !show);
  show_story_text (self);
}

static void
present_score_option_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  const char *name = g_variant_get_string (parameter, NULL);

  if (self->session == NULL)
    return;
  if (option_index (self, name) < 0)
    {
      g_autofree char *text = g_strdup_printf (_("This document has no option “%s”"), name);
      toast (self, text);
      return;
    }
  g_free (self->scored);
  self->scored = g_strdup (name);
  /* A move not yet stored belongs to the option it was made for. */
  g_clear_handle_id (&self->score_timeout, g_source_remove);
  for (guint i = 0; i < self->scales->len; i++)
    g_object_set_data (G_OBJECT (g_ptr_array_index (self->scales, i)), "moved", NULL);
  refresh_scores (self);
}

/* A score entered as if by its slider: stored once the slider settles. */
static void
present_score_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  const char *criterion;
  double score;

  g_variant_get (parameter, "(&sd)", &criterion, &score);
  for (guint i = 0; i < self->scales->len; i++)
    {
      GtkRange *scale = g_ptr_array_index (self->scales, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (scale), "criterion"), criterion) == 0)
        {
          gtk_range_set_value (scale, score);
          return;
        }
    }
  {
    g_autofree char *text = g_strdup_printf (_("There is no critical success factor “%s” on "
                                               "the scoring screen"), criterion);
    toast (self, text);
  }
}

/* ---- a story, stepped through --------------------------------------------------- */

/* Reads the chosen story (or the document's first) again: the document may have changed. */
static void
load_story (FpPresentation *self)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GError) error = NULL;
  FpStory *found = NULL;

  g_clear_pointer (&self->story, fp_story_free);
  if (self->session == NULL)
    return;
  stories = fp_workspace_dup_stories (fp_session_get_workspace (self->session), &error);
  if (stories == NULL)
    {
      g_warning ("Could not read the document's stories: %s", error->message);
      return;
    }
  if (self->story_name != NULL)
    found = fp_stories_find (stories, self->story_name, NULL);
  if (found == NULL && stories->len > 0)
    found = g_ptr_array_index (stories, 0);
  if (found != NULL)
    self->story = fp_story_copy (found);
  if (self->story == NULL || (guint) MAX (self->step, 0) >= self->story->views->len)
    self->step = -1;
  if (self->story == NULL || (guint) MAX (self->last_step, 0) >= self->story->views->len)
    self->last_step = -1;
}

static void
show_story_text (FpPresentation *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->pages);

  /* The scoring screen is about the options, not the story's view; over a what-if branch
   * the branch's bar says where the wall is (and the room needs the height). */
  if ((page != NULL && g_str_equal (page, "scores")) || self->branch != NULL)
    gtk_widget_set_visible (self->story_box, FALSE);
  else if (self->story != NULL && self->step >= 0)
    {
      FpStoryView *view = g_ptr_array_index (self->story->views, self->step);
      /* Translators: where a story's step is, e.g. "3 of 5", before the step's title */
      g_autofree char *title = g_strdup_printf (_("%d of %u · %s"), self->step + 1,
                                                self->story->views->len, view->title);

      gtk_label_set_text (self->story_title, title);
      gtk_label_set_text (self->story_notes, view->notes != NULL ? view->notes : "");
      gtk_widget_set_visible (GTK_WIDGET (self->story_notes),
                              view->notes != NULL && *view->notes != '\0');
      gtk_widget_set_visible (self->story_box, TRUE);
    }
  else if (self->story != NULL && self->last_step >= 0)
    {
      /* Translators: presentation mode has left its story to explore live */
      g_autofree char *title = g_strdup_printf (_("Exploring off “%s”"), self->story->name);

      gtk_label_set_text (self->story_title, title);
      gtk_label_set_text (self->story_notes,
                          _("R returns to the story; the arrow keys step through it"));
      gtk_widget_set_visible (GTK_WIDGET (self->story_notes), TRUE);
      gtk_widget_set_visible (self->story_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->story_box, FALSE);
  sync_presenter (self);
}

static void
set_step (FpPresentation *self,
          int             step)
{
  if (step >= 0)
    self->last_step = step;
  self->step = step;
  set_state (self, "story-step", g_variant_new_int32 (step));
  set_enabled (self, "story-return", step < 0 && self->last_step >= 0);
  show_story_text (self);
}

/* The option or year on the wall is not the step's: someone is exploring. */
static void
check_left_story (FpPresentation *self)
{
  FpStoryView *view;
  const char *scenario;

  if (self->applying || self->story == NULL || self->step < 0 || self->session == NULL)
    return;
  view = g_ptr_array_index (self->story->views, self->step);
  scenario = fp_session_get_scenario (self->session);
  if (g_strcmp0 (scenario != NULL ? scenario : FP_DO_NOTHING,
                 view->option != NULL ? view->option : FP_DO_NOTHING) != 0 ||
      fp_session_get_year (self->session) != view->year)
    set_step (self, -1);
}

static void
activate (FpPresentation *self,
          const char     *name,
          GVariant       *parameter)
{
  g_action_group_activate_action (G_ACTION_GROUP (self->window), name, parameter);
}

/* Applies the view through the window's actions, so the desk view follows as well. */
static void
apply_step (FpPresentation *self,
            int             step)
{
  g_autoptr(FpStoryView) view = NULL;

  if (self->story == NULL || step < 0 || (guint) step >= self->story->views->len)
    return;
  /* A copy: the option's change announces the workspace's, which reads the story again. */
  view = fp_story_view_copy (g_ptr_array_index (self->story->views, step));
  self->applying = TRUE;
  self->before = FALSE;
  set_state (self, "present-before-after", g_variant_new_boolean (FALSE));
  if (self->option_names->len == 0)
    rebuild_options (self);
  select_option (self, view->option != NULL ? view->option : FP_DO_NOTHING);
  if (fp_session_get_year (self->session) != view->year)
    activate (self, "set-year", g_variant_new_int32 (view->year));
  if (view->colour_by != NULL)
    activate (self, "colour-by", g_variant_new_string (view->colour_by));
  if (view->size_by != NULL)
    activate (self, "size-by", g_variant_new_string (view->size_by));
  if (view->zone_layer != NULL)
    {
      g_autofree char *layer = view->zone_service != NULL
                               ? g_strdup_printf ("%s:%s", view->zone_layer, view->zone_service)
                               : g_strdup (view->zone_layer);

      activate (self, "zone-layer", g_variant_new_string (layer));
    }
  activate (self, "select-site", g_variant_new_string (view->site != NULL ? view->site : ""));
  if (view->has_map_view)
    {
      /* The view's zoom shows what a map FP_STORY_REFERENCE_WIDTH pixels wide shows: a
       * wider map on the wall zooms in by as much, so the room sees the same area. */
      int width = gtk_widget_get_width (GTK_WIDGET (self->map_view));
      double zoom = view->zoom;

      if (width > 0)
        zoom += log2 (width / FP_STORY_REFERENCE_WIDTH);
      fp_map_view_set_view (self->map_view, view->latitude, view->longitude,
                            CLAMP (zoom, FP_STORY_ZOOM_MIN, FP_STORY_ZOOM_MAX));
    }
  else
    fp_map_view_show_whole_area (self->map_view);
  self->applying = FALSE;
  set_step (self, step);
}

static void
present_story_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  const char *name = g_variant_get_string (parameter, NULL);

  if (self->session == NULL)
    return;
  g_free (self->story_name);
  self->story_name = *name != '\0' ? g_strdup (name) : NULL;
  self->step = self->last_step = -1;
  load_story (self);
  if (self->story == NULL || (self->story_name != NULL &&
                              g_ascii_strcasecmp (self->story->name, self->story_name) != 0))
    {
      /* Translators: a toast: a story the document does not have */
      g_autofree char *text = *name != '\0'
                              ? g_strdup_printf (_("This document has no story “%s”"), name)
                              : g_strdup (_("This document has no story"));

      g_clear_pointer (&self->story_name, g_free);
      load_story (self);
      toast (self, text);
      return;
    }
  g_simple_action_set_state (action, g_variant_new_string (self->story->name));
  set_step (self, -1);
  if (self->shown && self->story->views->len > 0)
    apply_step (self, 0);
}

static void
story_move (FpPresentation *self,
            int             direction)
{
  int step;

  if (self->session == NULL)
    return;
  if (self->story == NULL)
    load_story (self);
  if (self->story == NULL || self->story->views->len == 0)
    {
      toast (self, _("This document has no story to step through"));
      return;
    }
  /* Off the story, the arrows go on from the step it left. */
  step = (self->step >= 0 ? self->step : self->last_step) + direction;
  if (self->step < 0 && self->last_step < 0)
    step = direction > 0 ? 0 : (int) self->story->views->len - 1;
  if (step < 0 || (guint) step >= self->story->views->len)
    {
      toast (self, direction > 0 ? _("That was the story’s last view")
                                 : _("This is the story’s first view"));
      return;
    }
  apply_step (self, step);
}

static void
story_next_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  story_move (get_presentation (user_data), +1);
}

static void
story_previous_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  story_move (get_presentation (user_data), -1);
}

static void
story_step_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  int step = g_variant_get_int32 (parameter);

  if (self->session == NULL)
    return;
  if (self->story == NULL)
    load_story (self);
  if (step == -1)
    {
      set_step (self, -1);
      return;
    }
  if (self->story == NULL || step < 0 || (guint) step >= self->story->views->len)
    {
      /* Translators: a toast: a step a story does not have */
      g_autofree char *text = g_strdup_printf (_("The story has no step %d"), step);

      toast (self, text);
      return;
    }
  apply_step (self, step);
}

static void
story_return_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);

  if (self->story == NULL)
    load_story (self);
  if (self->last_step >= 0)
    apply_step (self, self->last_step);
  else
    toast (self, _("There is no step of the story to return to"));
}

static char *
action_string (FpPresentation *self,
               const char     *name)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (self->window),
                                                                name);

  if (state == NULL || !g_variant_is_of_type (state, G_VARIANT_TYPE_STRING))
    return NULL;
  return g_variant_dup_string (state, NULL);
}

/* Adds what is shown now (the wall's, else the desk's) as the last view of @story_name (made
 * if the document has no story of that name), or of the chosen story, or of a new one. */
static void
save_view (FpPresentation *self,
           const char     *story_name,
           const char     *title,
           const char     *notes)
{
  FpMapView *map_view = self->shown ? self->map_view
                                    : fp_window_get_map_view (FP_WINDOW (self->window));
  gboolean create = FALSE;
  FpWorkspace *workspace;
  const char *scenario;
  g_autoptr(FpStoryView) view = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *site = NULL;
  g_autofree char *story = NULL;
  double lat, lon, zoom;
  guint index = 0;

  if (self->session == NULL)
    return;
  workspace = fp_session_get_workspace (self->session);
  scenario = fp_session_get_scenario (self->session);
  view = fp_story_view_new (g_strcmp0 (scenario, FP_DO_NOTHING) == 0 ? NULL : scenario,
                            fp_session_get_year (self->session), title);
  if (notes != NULL && *notes != '\0')
    view->notes = g_strdup (notes);
  g_free (view->colour_by);
  view->colour_by = action_string (self, "colour-by");
  g_free (view->size_by);
  view->size_by = action_string (self, "size-by");
  zone = action_string (self, "zone-layer");
  if (zone != NULL)
    {
      char *colon = strchr (zone, ':');

      if (colon != NULL)
        *colon = '\0';
      g_free (view->zone_layer);
      view->zone_layer = g_strdup (zone);
      g_clear_pointer (&view->zone_service, g_free);
      if (fp_story_zone_layer_needs_service (zone))
        view->zone_service = colon != NULL ? g_strdup (colon + 1)
                                           : action_string (self, "zone-service");
    }
  site = action_string (self, "select-site");
  view->site = site != NULL && *site != '\0' ? g_steal_pointer (&site) : NULL;
  /* The map on the wall if it is shown, else the desk's: as a FP_STORY_REFERENCE_WIDTH
   * map would show it. */
  if (map_view != NULL && fp_map_view_get_view (map_view, &lat, &lon, &zoom))
    {
      int width = gtk_widget_get_width (GTK_WIDGET (map_view));

      if (width > 0)
        zoom -= log2 (width / FP_STORY_REFERENCE_WIDTH);
      view->has_map_view = TRUE;
      view->latitude = lat;
      view->longitude = lon;
      view->zoom = CLAMP (zoom, FP_STORY_ZOOM_MIN, FP_STORY_ZOOM_MAX);
    }

  if (self->story == NULL)
    load_story (self);
  if (story_name != NULL && *story_name != '\0')
    {
      g_autoptr(GPtrArray) stories = fp_workspace_dup_stories (workspace, &error);
      FpStory *found;

      if (stories == NULL)
        {
          toast (self, error->message);
          return;
        }
      found = fp_stories_find (stories, story_name, NULL);
      story = g_strdup (found != NULL ? found->name : story_name);
      create = found == NULL;
    }
  else if (self->story == NULL)
    {
      story = g_strdup (_("Story"));
      create = TRUE;
    }
  else
    story = g_strdup (self->story->name);

  /* The view is checked before a new story is made for it. */
  if (!fp_workspace_check_story_view (workspace, view, &error) ||
      (create && !fp_workspace_create_story (workspace, story, &error)) ||
      !fp_workspace_add_story_view (workspace, story, view, -1, &index, &error))
    {
      /* Translators: a toast: a view that could not be saved in a story, then why */
      g_autofree char *text = g_strdup_printf (_("Could not save the view in “%s”: %s"),
                                               story, error->message);
      toast (self, text);
      return;
    }
  g_free (self->story_name);
  self->story_name = g_strdup (story);
  load_story (self);
  set_state (self, "present-story", g_variant_new_string (story));
  set_step (self, (int) index);
  {
    /* Translators: a toast: a view saved as the story's step number N */
    g_autofree char *text = g_strdup_printf (_("Saved the view as step %u of “%s”"),
                                             index + 1, story);
    toast (self, text);
  }
}

static void
story_save_view_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  save_view (get_presentation (user_data), NULL, g_variant_get_string (parameter, NULL), NULL);
}

/* Dialogs go where the facilitator looks: the presenter view when it is open. */
static GtkWindow *
dialog_parent (FpPresentation *self)
{
  return self->presenter != NULL ? GTK_WINDOW (self->presenter) : GTK_WINDOW (self->window);
}

static void
on_save_view_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          FpPresentation   *self)
{
  GtkEditable *story = g_object_get_data (G_OBJECT (dialog), "story");
  GtkEditable *title = g_object_get_data (G_OBJECT (dialog), "title");
  GtkEditable *notes = g_object_get_data (G_OBJECT (dialog), "notes");

  if (g_str_equal (response, "save"))
    save_view (self, gtk_editable_get_text (story), gtk_editable_get_text (title),
               gtk_editable_get_text (notes));
}

static void
on_save_view_title_changed_cb (GtkEditable      *title,
                               AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (title)));

  adw_message_dialog_set_response_enabled (dialog, "save", *text != '\0');
}

static GtkWidget *
entry_row_new (GtkWidget  *list,
               const char *title,
               const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* Asks for the view's title and a line of notes, then saves it in the story. */
static void
story_save_view_dialog_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  const char *scenario;
  g_autofree char *body = NULL;
  g_autofree char *suggested = NULL;
  GtkWidget *dialog, *box, *title, *notes, *story;

  if (self->session == NULL)
    return;
  if (self->story == NULL)
    load_story (self);
  scenario = fp_session_get_scenario (self->session);
  /* Translators: a suggested title for a saved view: the option and the year */
  suggested = g_strdup_printf (_("%s in %d"),
                               display_name (scenario != NULL ? scenario : FP_DO_NOTHING),
                               fp_session_get_year (self->session));
  /* Translators: the body of the dialog that saves a view in a story */
  body = g_strdup (_("The option, year, colours, zone layer, chosen site and map position "
                     "shown now become the last view of the story named here; a new name "
                     "makes a new story."));
  dialog = adw_message_dialog_new (dialog_parent (self), _("Save View in Story"), body);
  /* Three named rows: the story, the view's title and its notes. */
  box = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (box, "boxed-list");
  story = entry_row_new (box, _("Story"),
                         self->story != NULL ? self->story->name : _("Story"));
  title = entry_row_new (box, _("Title"), suggested);
  notes = entry_row_new (box, _("Notes (optional)"), "");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "story", story);
  g_object_set_data (G_OBJECT (dialog), "title", title);
  g_object_set_data (G_OBJECT (dialog), "notes", notes);
  g_signal_connect (title, "changed", G_CALLBACK (on_save_view_title_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_view_response_cb), self);
  fp_window_note_dialog (FP_WINDOW (self->window), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  /* The title is what is typed most: the story is usually the one chosen. */
  gtk_widget_grab_focus (title);
}

typedef struct
{
  FpDeck  *deck;
  char    *path;
  guint    pages;
  gboolean pngs;
} DeckJob;

static void
deck_job_free (DeckJob *job)
{
  g_clear_pointer (&job->deck, fp_deck_free);
  g_free (job->path);
  g_free (job);
}

static void
deck_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DeckJob *job = task_data;
  g_autoptr(GPtrArray) pngs = NULL;
  GError *error = NULL;

  if (job->pngs)
    {
      pngs = fp_deck_write_pngs (job->deck, job->path, &error);
      if (pngs != NULL)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }
  else if (fp_deck_write_pdf (job->deck, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_deck_written_cb (GObject      *source_object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  DeckJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error) && job->pngs)
    /* Translators: a toast: "Wrote the story's 5 pages as PNGs beside /home/jo/deck.png" */
    message = g_strdup_printf (ngettext ("Wrote the story’s %u page as a PNG beside %s",
                                         "Wrote the story’s %u pages as PNGs beside %s",
                                         job->pages), job->pages, job->path);
  else if (error == NULL)
    /* Translators: a toast: "Wrote the story's deck (5 pages) to /home/jo/deck.pdf" */
    message = g_strdup_printf (ngettext ("Wrote the story’s deck (%u page) to %s",
                                         "Wrote the story’s deck (%u pages) to %s", job->pages),
                               job->pages, job->path);
  else
    /* Translators: a toast: the deck that could not be written, then why */
    message = g_strdup_printf (_("Could not write the story’s deck to %s: %s"), job->path,
                               error->message);
  g_message ("%s", message);
  if (get_presentation (source_object) != NULL)
    toast (get_presentation (source_object), message);
  else
    fp_window_add_toast (FP_WINDOW (source_object), message);
}

/* The deck to @path: a PDF, or with a name ending in .png, a PNG a page beside it. */
static void
export_story (FpPresentation *self,
              const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  gboolean pngs = g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG");
  DeckJob *job;
  FpDeck *deck;

  if (self->session == NULL)
    return;
  if (!pngs && !g_str_has_suffix (path, ".pdf") && !g_str_has_suffix (path, ".PDF"))
    {
      /* Translators: a toast: export-story was given a path that is neither .pdf nor .png */
      g_autofree char *text = g_strdup_printf (_("The story’s deck is a PDF, or PNGs: “%s” "
                                                 "ends in neither .pdf nor .png"), path);
      toast (self, text);
      return;
    }
  load_story (self);
  if (self->story == NULL)
    {
      toast (self, _("This document has no story to export"));
      return;
    }
  /* The pages are computed here, where the workspace lives; only the drawing and the
   * writing go to the worker. */
  deck = fp_deck_new (fp_session_get_workspace (self->session), self->story, NULL, &error);
  if (deck == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Could not write the story’s deck to %s: %s"),
                                               path, error->message);
      toast (self, text);
      return;
    }
  job = g_new0 (DeckJob, 1);
  job->deck = deck;
  job->path = g_strdup (path);
  job->pages = fp_deck_get_n_pages (deck);
  job->pngs = pngs;
  task = g_task_new (self->window, NULL, on_deck_written_cb, NULL);
  g_task_set_source_tag (task, export_story);
  g_task_set_task_data (task, job, (GDestroyNotify) deck_job_free);
  g_task_run_in_thread (task, deck_thread);
}

/* The file chosen for the deck: a name without .pdf or .png is a PDF's. */
static void
start_deck (FpWindow   *window,
            const char *path,
            const char *detail)
{
  static const char * const known[] = { "pdf", "png", NULL };
  g_autofree char *full = fp_export_with_extension (path, known, "pdf");

  if (get_presentation (window) != NULL)
    export_story (get_presentation (window), full);
}

/* With a path, the deck is written there; with "", the file is asked for. */
static void
export_story_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);
  const char *path = g_variant_get_string (parameter, NULL);
  static const FpFileFilter filters[] = {
    { N_("PDF deck"), "*.pdf", "application/pdf" },
    { N_("PNG pictures, one a page"), "*.png", "image/png" },
  };
  FpFileFilter translated[G_N_ELEMENTS (filters)];
  g_autofree char *suggested = NULL;

  if (self->session == NULL)
    return;
  if (*path != '\0')
    {
      export_story (self, path);
      return;
    }
  load_story (self);
  if (self->story == NULL)
    {
      toast (self, _("This document has no story to export"));
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      translated[i] = filters[i];
      translated[i].name = _(filters[i].name);
    }
  suggested = fp_export_file_name (self->story->name, "pdf");
  fp_export_ask_file (FP_WINDOW (self->window), dialog_parent (self), NULL, start_deck,
                      _("Export the Story’s Deck"), suggested, translated,
                      G_N_ELEMENTS (translated));
}

/* ---- keys ----------------------------------------------------------------------- */

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   FpPresentation        *self)
{
  gboolean scores = g_str_equal (gtk_stack_get_visible_child_name (self->pages), "scores");
  int digit = -1;

  if (!self->shown || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  if (keyval >= GDK_KEY_0 && keyval <= GDK_KEY_9)
    digit = keyval - GDK_KEY_0;
  else if (keyval >= GDK_KEY_KP_0 && keyval <= GDK_KEY_KP_9)
    digit = keyval - GDK_KEY_KP_0;
  if (digit >= 0)
    {
      if (scores && (guint) digit < self->option_names->len)
        g_action_group_activate_action (G_ACTION_GROUP (self->window), "present-score-option",
                                        g_variant_new_string (g_ptr_array_index (self->option_names,
                                                                                 digit)));
      else if (!scores)
        g_action_group_activate_action (G_ACTION_GROUP (self->window), "present-option",
                                        g_variant_new_int32 (digit));
      return TRUE;
    }

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (gtk_widget_get_visible (GTK_WIDGET (self->what_if_popover)))
        return FALSE;
      if (scores)
        g_action_group_activate_action (G_ACTION_GROUP (self->window), "present-scores",
                                        g_variant_new_boolean (FALSE));
      else
        g_action_group_activate_action (G_ACTION_GROUP (self->window), "leave-presentation",
                                        NULL);
      return TRUE;
    case GDK_KEY_b:
      g_action_group_activate_action (G_ACTION_GROUP (self->window), "present-before-after",
                                      NULL);
      return TRUE;
    case GDK_KEY_p:
      g_action_group_activate_action (G_ACTION_GROUP (self->window), "present-play", NULL);
      return TRUE;
    case GDK_KEY_s:
      g_action_group_activate_action (G_ACTION_GROUP (self->window), "present-scores",
                                      g_variant_new_boolean (!scores));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_Left:
    case GDK_KEY_Page_Down:
    case GDK_KEY_Page_Up:
      {
        gboolean forward = keyval == GDK_KEY_Right || keyval == GDK_KEY_Page_Down;
        gboolean page = keyval == GDK_KEY_Page_Down || keyval == GDK_KEY_Page_Up;

        if (scores || gtk_widget_get_visible (GTK_WIDGET (self->what_if_popover)))
          return FALSE;
        if (self->story == NULL)
          load_story (self);
        /* A presenter's remote sends Page Down and Page Up: they step the story when the
         * document has one. With Shift, or without a story, they are the keyboard path to
         * a site: step through the sites, then ask with W or Menu. */
        if (page && ((state & GDK_SHIFT_MASK) != 0 || self->story == NULL))
          {
            fp_map_view_step_site (self->map_view, forward ? 1 : -1);
            return TRUE;
          }
        if (self->story == NULL)
          return FALSE;
        g_action_group_activate_action (G_ACTION_GROUP (self->window),
                                        forward ? "story-next" : "story-previous", NULL);
        return TRUE;
      }
    case GDK_KEY_v:
      g_action_group_activate_action (G_ACTION_GROUP (self->window), "presenter-view", NULL);
      return TRUE;
    case GDK_KEY_r:
      if (scores)
        return FALSE;
      g_action_group_activate_action (G_ACTION_GROUP (self->window), "story-return", NULL);
      return TRUE;
    case GDK_KEY_w:
    case GDK_KEY_Menu:
      if (scores)
        return FALSE;
      if (fp_session_get_selected (self->session) == FP_SITE_NONE)
        toast (self, _("Choose a site first: right-click it, or step to it with "
                       "Shift+Page Down"));
      else
        offer_what_if (self, fp_session_get_selected (self->session), NULL, 0, 0);
      return TRUE;
    default:
      return FALSE;
    }
}

/* ---- building ------------------------------------------------------------------- */

static GtkWidget *
build_figures (FpPresentation *self)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (column, "present-figures");
  gtk_widget_set_size_request (column, FIGURES_WIDTH, -1);
  self->figures_column = column;
  for (guint i = 0; i < N_FIGURES; i++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *title = label_new (_(figures[i].title), "present-figure-title", 0);
      GtkWidget *value = label_new ("–", "present-figure-value", 0);
      GtkWidget *change = label_new ("", "present-figure-change", 0);

      gtk_widget_add_css_class (card, "present-figure");
      gtk_widget_set_vexpand (card, TRUE);
      gtk_widget_set_valign (card, GTK_ALIGN_FILL);
      gtk_box_append (GTK_BOX (card), title);
      gtk_box_append (GTK_BOX (card), value);
      gtk_box_append (GTK_BOX (card), change);
      gtk_box_append (GTK_BOX (column), card);
      self->values[i] = GTK_LABEL (value);
      self->changes[i] = GTK_LABEL (change);
    }
  return column;
}

static GtkWidget *
build_bar (FpPresentation *self)
{
  GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *before = gtk_toggle_button_new_with_label (_("Before / after"));
  GtkWidget *play = gtk_toggle_button_new ();
  GtkWidget *scale;
  GtkWidget *scores = gtk_button_new_with_label (_("Scores"));
  GtkWidget *what_if = gtk_button_new_with_label (_("What if…"));
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

  /* The options on a row of their own, as wide as the screen: their names are long. */
  gtk_widget_add_css_class (rows, "present-bar");
  self->option_row = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8));
  gtk_box_set_homogeneous (self->option_row, TRUE);
  gtk_box_append (GTK_BOX (rows), GTK_WIDGET (self->option_row));
  gtk_box_append (GTK_BOX (rows), bar);

  gtk_widget_set_tooltip_text (before, _("Before and after: Do nothing, then the option (B)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (before), "win.present-before-after");
  gtk_widget_add_css_class (before, "present-option-button");
  gtk_box_append (GTK_BOX (bar), before);

  gtk_button_set_icon_name (GTK_BUTTON (play), "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (play, _("Play through the years (P)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (play), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Play through the years"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (play), "win.present-play");
  gtk_widget_add_css_class (play, "present-option-button");
  gtk_box_append (GTK_BOX (bar), play);

  self->year_adjustment = gtk_adjustment_new (2025, 2025, 2035, 1, 1, 0);
  scale = gtk_scale_new (GTK_ORIENTATION_HORIZONTAL, self->year_adjustment);
  gtk_scale_set_digits (GTK_SCALE (scale), 0);
  gtk_scale_set_draw_value (GTK_SCALE (scale), FALSE);
  gtk_widget_set_hexpand (scale, TRUE);
  gtk_widget_set_size_request (scale, 220, -1);
  gtk_widget_add_css_class (scale, "present-scale");
  gtk_accessible_update_property (GTK_ACCESSIBLE (scale), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Year"), -1);
  g_signal_connect (self->year_adjustment, "value-changed",
                    G_CALLBACK (on_year_value_changed_cb), self);
  gtk_box_append (GTK_BOX (bar), scale);

  gtk_widget_set_tooltip_text (what_if, _("Ask what if of the chosen site (W)"));
  gtk_widget_add_css_class (what_if, "present-option-button");
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (what_if), "win.present-what-if-key");
  gtk_box_append (GTK_BOX (bar), what_if);

  gtk_widget_set_tooltip_text (scores, _("Scores from the room (S)"));
  gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (scores), "win.present-scores(true)");
  gtk_widget_add_css_class (scores, "present-option-button");
  gtk_box_append (GTK_BOX (bar), scores);

  gtk_widget_set_tooltip_text (close, _("Leave presentation mode (Esc)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Leave presentation mode"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "win.leave-presentation");
  gtk_widget_add_css_class (close, "present-option-button");
  gtk_box_append (GTK_BOX (bar), close);
  return rows;
}

static GtkWidget *
build_what_if_popover (FpPresentation *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  static const struct { const char *kind; const char *label; } questions[] = {
    { "keep-open", N_("Keep it open two more years") },
    { "exit", N_("Exit it this year") },
    { "move", N_("Move a service from it…") },
  };

  self->what_if_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->what_if_popover), "present-popover");
  self->what_if_title = GTK_LABEL (label_new ("", "present-popover-title", 0));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->what_if_title));
  for (guint i = 0; i < G_N_ELEMENTS (questions); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (_(questions[i].label));

      gtk_widget_add_css_class (button, "present-option-button");
      g_object_set_data (G_OBJECT (button), "kind", (gpointer) questions[i].kind);
      g_signal_connect (button, "clicked", G_CALLBACK (on_what_if_clicked_cb), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_popover_set_child (self->what_if_popover, box);
  gtk_widget_set_parent (GTK_WIDGET (self->what_if_popover), GTK_WIDGET (self));
  return GTK_WIDGET (self->what_if_popover);
}

static GtkWidget *
build_scores (FpPresentation *self)
{
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 48);
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (page, "present-scores");
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
    GtkWidget *back = gtk_button_new_with_label (_("Back to the map"));

    self->scores_title = GTK_LABEL (label_new ("", "present-title", 0));
    gtk_widget_set_hexpand (GTK_WIDGET (self->scores_title), TRUE);
    gtk_widget_set_tooltip_text (back, _("Back to the map (Esc)"));
    gtk_widget_add_css_class (back, "present-option-button");
    gtk_widget_set_valign (back, GTK_ALIGN_CENTER);
    gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (back), "win.present-scores(false)");
    gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->scores_title));
    gtk_box_append (GTK_BOX (row), back);
    gtk_box_append (GTK_BOX (page), row);
  }
  self->score_option_row = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8));
  gtk_box_set_homogeneous (self->score_option_row, TRUE);
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->score_option_row));

  self->criteria_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 20));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller),
                                 GTK_WIDGET (self->criteria_box));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (columns), scroller);

  {
    GtkWidget *side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

    gtk_widget_set_size_request (side, 560, -1);
    gtk_widget_add_css_class (side, "present-figures");
    self->weighted_label = GTK_LABEL (label_new ("", "present-weighted", 0));
    gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->weighted_label));
    self->ranking_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
    gtk_box_append (GTK_BOX (side), GTK_WIDGET (self->ranking_box));
    gtk_box_append (GTK_BOX (columns), side);
  }
  gtk_box_append (GTK_BOX (page), columns);
  return page;
}

static void
build (FpPresentation *self)
{
  GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *branch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  GtkWidget *keep = gtk_button_new_with_label (_("Keep…"));
  GtkWidget *discard = gtk_button_new_with_label (_("Discard"));
  GtkGesture *secondary = gtk_gesture_click_new ();
  GtkWidget *map_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->box, "presentation");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* The option and year */
  gtk_widget_add_css_class (title, "present-header");
  self->option_label = GTK_LABEL (label_new ("", "present-title", 0));
  gtk_label_set_ellipsize (self->option_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (self->option_label, 2);
  gtk_widget_set_hexpand (GTK_WIDGET (self->option_label), TRUE);
  self->year_label = GTK_LABEL (label_new ("", "present-year", 1));
  gtk_label_set_wrap (self->year_label, FALSE);
  gtk_box_append (GTK_BOX (title), GTK_WIDGET (self->option_label));
  gtk_box_append (GTK_BOX (title), GTK_WIDGET (self->year_label));
  gtk_box_append (GTK_BOX (self->box), title);
  self->header = title;

  /* The story's step: its title large, its notes a line below */
  self->story_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (self->story_box, "present-story");
  self->story_title = GTK_LABEL (label_new ("", "present-story-title", 0));
  gtk_label_set_ellipsize (self->story_title, PANGO_ELLIPSIZE_END);
  self->story_notes = GTK_LABEL (label_new ("", "present-story-notes", 0));
  /* A line of notes may run to 400 characters: two lines on the wall, then an ellipsis. */
  gtk_label_set_wrap (self->story_notes, TRUE);
  gtk_label_set_lines (self->story_notes, 2);
  gtk_label_set_ellipsize (self->story_notes, PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (self->story_box), GTK_WIDGET (self->story_title));
  gtk_box_append (GTK_BOX (self->story_box), GTK_WIDGET (self->story_notes));
  gtk_widget_set_visible (self->story_box, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->story_box);

  /* A what-if branch on the wall: keep it or discard it */
  gtk_widget_add_css_class (branch, "present-branch");
  self->branch_label = GTK_LABEL (label_new ("", "present-branch-text", 0));
  gtk_widget_set_hexpand (GTK_WIDGET (self->branch_label), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (keep), "win.what-if-keep-dialog");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (discard), "win.what-if-discard");
  gtk_widget_add_css_class (keep, "present-option-button");
  gtk_widget_add_css_class (discard, "present-option-button");
  gtk_box_append (GTK_BOX (branch), GTK_WIDGET (self->branch_label));
  gtk_box_append (GTK_BOX (branch), keep);
  gtk_box_append (GTK_BOX (branch), discard);
  self->branch_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->branch_revealer, branch);
  gtk_box_append (GTK_BOX (map_page), GTK_WIDGET (self->branch_revealer));

  /* The map and the figures */
  self->map_view = g_object_new (FP_TYPE_MAP_VIEW, NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self->map_view), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->map_view), TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->map_view));
  gtk_widget_set_hexpand (overlay, TRUE);
  gtk_box_append (GTK_BOX (middle), overlay);
  gtk_box_append (GTK_BOX (middle), build_figures (self));
  gtk_widget_set_vexpand (middle, TRUE);
  gtk_box_append (GTK_BOX (map_page), middle);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (secondary),
                                              GTK_PHASE_CAPTURE);
  g_signal_connect (secondary, "pressed", G_CALLBACK (on_secondary_pressed_cb), self);
  gtk_widget_add_controller (overlay, GTK_EVENT_CONTROLLER (secondary));

  self->pages = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->pages, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_named (self->pages, map_page, "map");
  gtk_stack_add_named (self->pages, build_scores (self), "scores");
  gtk_widget_set_vexpand (GTK_WIDGET (self->pages), TRUE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->pages));
  self->bar = build_bar (self);
  gtk_box_append (GTK_BOX (self->box), self->bar);
  build_what_if_popover (self);
}

static GdkMonitor *wall_monitor (FpPresentation *self);

static void
fp_presentation_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  FpPresentation *self = FP_PRESENTATION (widget);
  GdkMonitor *monitor = self->shown ? wall_monitor (self) : NULL;

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  gtk_popover_present (self->what_if_popover);

  /* The wall must fit its screen: what does not fit is not seen (the option buttons went
   * off a 1280 × 800 screen before the compact style). Said once a session on the wall. */
  if (monitor != NULL && !self->overflow_said)
    {
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      if (geometry.height > 0 && height > geometry.height)
        {
          g_warning ("Presentation mode is %d lines high, more than its screen's %d: "
                     "its lower part cannot be seen", height, geometry.height);
          self->overflow_said = TRUE;
        }
    }
}

static void
fp_presentation_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  FpPresentation *self = FP_PRESENTATION (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
}

static void
fp_presentation_dispose (GObject *object)
{
  FpPresentation *self = FP_PRESENTATION (object);

  g_clear_handle_id (&self->play_id, g_source_remove);
  g_clear_handle_id (&self->score_timeout, g_source_remove);
  g_clear_handle_id (&self->fullscreen_check, g_source_remove);
  g_clear_object (&self->monitor);
  if (self->presenter != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->presenter, self);
      gtk_window_destroy (GTK_WINDOW (self->presenter));
      self->presenter = NULL;
    }
  g_clear_object (&self->presenter_monitor);
  if (self->end_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->end_dialog));
  g_clear_weak_pointer (&self->end_dialog);
  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->results_id, self->session);
      g_clear_signal_handler (&self->access_id, self->session);
      g_clear_signal_handler (&self->workspace_id, fp_session_get_workspace (self->session));
    }
  g_clear_object (&self->session);
  g_clear_object (&self->count);
  g_clear_object (&self->growing);
  if (self->what_if_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->what_if_popover));
      self->what_if_popover = NULL;
    }
  if (self->bench_paint_id != 0 && self->window != NULL &&
      gtk_widget_get_frame_clock (self->window) != NULL)
    g_clear_signal_handler (&self->bench_paint_id, gtk_widget_get_frame_clock (self->window));
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->stories_menu);
  G_OBJECT_CLASS (fp_presentation_parent_class)->dispose (object);
}

static void
fp_presentation_finalize (GObject *object)
{
  FpPresentation *self = FP_PRESENTATION (object);

  g_clear_pointer (&self->option_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->option_names, g_ptr_array_unref);
  g_clear_pointer (&self->scales, g_ptr_array_unref);
  g_free (self->previous_page);
  g_free (self->after);
  g_free (self->branch);
  g_free (self->branch_parent);
  g_free (self->branch_question);
  g_free (self->scored);
  g_free (self->what_if_site);
  g_free (self->story_name);
  g_clear_pointer (&self->story, fp_story_free);
  if (self->bench != NULL)
    fclose (self->bench);
  G_OBJECT_CLASS (fp_presentation_parent_class)->finalize (object);
}

static void
fp_presentation_class_init (FpPresentationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_presentation_dispose;
  object_class->finalize = fp_presentation_finalize;
  widget_class->size_allocate = fp_presentation_size_allocate;
  widget_class->measure = fp_presentation_measure;
  gtk_widget_class_set_css_name (widget_class, "fp-presentation");
}

static void
fp_presentation_init (FpPresentation *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->option_buttons = g_ptr_array_new ();
  self->option_names = g_ptr_array_new_with_free_func (g_free);
  self->scales = g_ptr_array_new ();
  self->animate = TRUE;
  self->step = self->last_step = -1;
  for (guint i = 0; i < N_FIGURES; i++)
    self->from[i] = self->to[i] = NAN;
  build (self);

  self->count = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, COUNT_MS,
                                         adw_callback_animation_target_new (on_count_cb,
                                                                            self, NULL));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->count), ADW_EASE_OUT_CUBIC);
  self->growing = adw_timed_animation_new (GTK_WIDGET (self), 0.1, 1, GROW_MS,
                                           adw_callback_animation_target_new (on_grow_cb,
                                                                              self, NULL));
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->growing), ADW_EASE_OUT_CUBIC);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* ---- the window's hook ---------------------------------------------------------- */

static void
what_if_key_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FpPresentation *self = get_presentation (user_data);

  if (self->session == NULL)
    return;
  if (fp_session_get_selected (self->session) == FP_SITE_NONE)
    toast (self, _("Choose a site first: right-click it, or step to it with "
                   "Shift+Page Down"));
  else
    offer_what_if (self, fp_session_get_selected (self->session), NULL, 0, 0);
}

static const GActionEntry actions[] = {
  { "present", present_action, NULL, "false", NULL, { 0 } },
  { "present-on-monitor", present_on_monitor_action, "i", NULL, NULL, { 0 } },
  { "leave-presentation", leave_action, NULL, NULL, NULL, { 0 } },
  { "present-option", present_option_action, "i", "0", NULL, { 0 } },
  { "present-before-after", before_after_action, NULL, "false", NULL, { 0 } },
  { "present-play", play_action, NULL, "false", NULL, { 0 } },
  { "present-animate", animate_action, "b", "true", NULL, { 0 } },
  { "present-what-if-key", what_if_key_action, NULL, NULL, NULL, { 0 } },
  { "what-if", what_if_action, "(ssi)", NULL, NULL, { 0 } },
  { "what-if-keep", what_if_keep_action, "s", NULL, NULL, { 0 } },
  { "what-if-keep-dialog", what_if_keep_dialog_action, NULL, NULL, NULL, { 0 } },
  { "what-if-discard", what_if_discard_action, NULL, NULL, NULL, { 0 } },
  { "present-scores", present_scores_action, "b", "false", NULL, { 0 } },
  { "present-score-option", present_score_option_action, "s", "''", NULL, { 0 } },
  { "present-score", present_score_action, "(sd)", NULL, NULL, { 0 } },
  { "present-story", present_story_action, "s", "''", NULL, { 0 } },
  { "story-next", story_next_action, NULL, NULL, NULL, { 0 } },
  { "story-previous", story_previous_action, NULL, NULL, NULL, { 0 } },
  { "story-step", story_step_action, "i", "-1", NULL, { 0 } },
  { "story-return", story_return_action, NULL, NULL, NULL, { 0 } },
  { "story-save-view", story_save_view_action, "s", NULL, NULL, { 0 } },
  { "story-save-view-dialog", story_save_view_dialog_action, NULL, NULL, NULL, { 0 } },
  { "export-story", export_story_action, "s", NULL, NULL, { 0 } },
  { "presenter-view", presenter_view_action, NULL, "false", NULL, { 0 } },
};

static void
on_window_width_cb (FpPresentation *self)
{
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self->window), &width, &height);
  gtk_widget_set_visible (self->present_button,
                          width >= BUTTON_MIN_WIDTH ||
                          gtk_window_is_maximized (GTK_WINDOW (self->window)));
}

/* The document's stories, to choose the one presentation mode steps through. */
static void
rebuild_stories_menu (FpPresentation *self)
{
  g_autoptr(GPtrArray) stories = NULL;
  g_autoptr(GError) error = NULL;

  g_menu_remove_all (self->stories_menu);
  if (self->session == NULL)
    return;
  stories = fp_workspace_dup_stories (fp_session_get_workspace (self->session), &error);
  if (stories == NULL)
    {
      g_warning ("Could not read the document's stories: %s", error->message);
      return;
    }
  for (guint i = 0; i < stories->len; i++)
    {
      const char *name = ((FpStory *) g_ptr_array_index (stories, i))->name;
      g_auto(GStrv) parts = g_strsplit (name, "_", -1);
      /* An underscore in a name is not a mnemonic. */
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.present-story",
                                               g_variant_new_string (name));
      g_menu_append_item (self->stories_menu, item);
    }
}

/* "Present" in the main menu: the header bar's menu button holds it. */
static void
add_menu_item (FpPresentation *self,
               AdwHeaderBar   *header_bar)
{
  GtkWidget *widget = GTK_WIDGET (header_bar);
  g_autoptr(GPtrArray) queue = g_ptr_array_new ();

  g_ptr_array_add (queue, widget);
  for (guint i = 0; i < queue->len; i++)
    {
      GtkWidget *w = g_ptr_array_index (queue, i);

      if (GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (w)) &&
          G_IS_MENU (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w))))
        {
          g_autoptr(GMenu) section = g_menu_new ();

          g_menu_append (section, _("_Present"), "win.present");
          g_menu_append (section, _("Save View in _Story…"), "win.story-save-view-dialog");
          g_menu_append (section, _("Export Story _Deck…"), "win.export-story::");
          g_menu_append_submenu (section, _("Story to Prese_nt"),
                                 G_MENU_MODEL (self->stories_menu));
          g_menu_insert_section (G_MENU (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (w))),
                                 1, NULL, G_MENU_MODEL (section));
          return;
        }
      for (GtkWidget *child = gtk_widget_get_first_child (w); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (queue, child);
    }
}

static void
load_style (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/fp-presentation.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
}

/**
 * fp_presentation_attach:
 * @window: the window
 * @header_bar: its header bar: a button enters presentation mode, and it hides there
 * @stack: its top stack: presentation mode is a page of it
 *
 * Adds presentation mode to a window: its actions, F5 and the header bar's button.
 */
void
fp_presentation_attach (GtkWidget    *window,
                        AdwHeaderBar *header_bar,
                        GtkStack     *stack)
{
  FpPresentation *self = g_object_new (FP_TYPE_PRESENTATION, NULL);
  GtkWidget *button = gtk_button_new_from_icon_name ("video-display-symbolic");
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  const char *bench = g_getenv ("FOOTPRINT_BENCH");

  self->window = window;
  self->header_bar = header_bar;
  self->window_stack = stack;
  g_object_set_data (G_OBJECT (window), DATA_KEY, self);
  gtk_stack_add_named (stack, GTK_WIDGET (self), "presentation");
  load_style ();

  g_action_map_add_action_entries (G_ACTION_MAP (window), actions, G_N_ELEMENTS (actions),
                                   window);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    set_enabled (self, actions[i].name, FALSE);

  gtk_widget_set_tooltip_text (button, _("Present (F5)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Present"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.present");
  adw_header_bar_pack_end (header_bar, button);
  self->present_button = button;
  g_signal_connect_object (window, "notify::default-width", G_CALLBACK (on_window_width_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "notify::maximized", G_CALLBACK (on_window_width_cb), self,
                           G_CONNECT_SWAPPED);
  on_window_width_cb (self);
  self->stories_menu = g_menu_new ();
  add_menu_item (self, header_bar);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F5, 0),
                                                          gtk_named_action_new ("win.present")));
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_widget_add_controller (window, shortcuts);

  if (bench != NULL && *bench != '\0')
    self->bench = fopen (bench, "a");
}

/**
 * fp_presentation_set_session:
 * @window: a window with presentation mode
 * @session: the session it shows
 */
void
fp_presentation_set_session (GtkWidget *window,
                             FpSession *session)
{
  FpPresentation *self = get_presentation (window);

  g_return_if_fail (self != NULL);

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->results_id, self->session);
      g_clear_signal_handler (&self->access_id, self->session);
      g_clear_signal_handler (&self->workspace_id, fp_session_get_workspace (self->session));
    }
  /* A new session for the same document (a reload) keeps presentation mode on the wall,
   * and a what-if branch in hand; another document ends both. */
  if (session == NULL || (self->session != NULL &&
                          fp_session_get_workspace (session) !=
                          fp_session_get_workspace (self->session)))
    {
      leave (self);
      /* Another document: the branch stays in the one it was made in, marked temporary. */
      if (self->end_dialog != NULL)
        gtk_window_destroy (GTK_WINDOW (self->end_dialog));
      g_clear_weak_pointer (&self->end_dialog);
      self->closing = FALSE;
      g_clear_pointer (&self->branch, g_free);
      g_clear_pointer (&self->branch_parent, g_free);
      g_clear_pointer (&self->branch_question, g_free);
    g_clear_pointer (&self->branch_question, g_free);
      g_clear_pointer (&self->story_name, g_free);
      g_clear_pointer (&self->story, fp_story_free);
      self->step = self->last_step = -1;
      set_state (self, "story-step", g_variant_new_int32 (-1));
      set_state (self, "present-story", g_variant_new_string (""));
    }
  g_set_object (&self->session, session);
  g_clear_pointer (&self->scored, g_free);
  g_ptr_array_set_size (self->option_names, 0);
  /* The map draws only while it is on the wall. */
  fp_map_view_set_session (self->map_view, self->shown ? session : NULL);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    set_enabled (self, actions[i].name, session != NULL);
  set_enabled (self, "leave-presentation", self->shown && session != NULL);
  set_enabled (self, "what-if-keep", self->branch != NULL && session != NULL);
  set_enabled (self, "what-if-keep-dialog", self->branch != NULL && session != NULL);
  set_enabled (self, "what-if-discard", self->branch != NULL && session != NULL);
  set_enabled (self, "story-return", self->last_step >= 0 && session != NULL);
  if (session == NULL)
    {
      g_menu_remove_all (self->stories_menu);
      return;
    }
  if (self->shown)
    {
      rebuild_options (self);
      refresh (self);
      update_figures (self, FALSE);
    }

  self->results_id = g_signal_connect_swapped (session, "results-changed",
                                               G_CALLBACK (on_results_changed_cb), self);
  self->access_id = g_signal_connect_swapped (session, "access-changed",
                                              G_CALLBACK (on_access_changed_cb), self);
  self->workspace_id = g_signal_connect_swapped (fp_session_get_workspace (session), "changed",
                                                 G_CALLBACK (on_workspace_changed_cb), self);
  rebuild_stories_menu (self);
}

/**
 * fp_presentation_is_shown:
 * @window: a window with presentation mode
 *
 * Returns: whether presentation mode is on the window
 */
gboolean
fp_presentation_is_shown (GtkWidget *window)
{
  FpPresentation *self = get_presentation (window);

  return self != NULL && self->shown;
}

/**
 * fp_presentation_is_ready:
 * @window: a window with presentation mode
 *
 * Returns: whether presentation mode's map is drawn and its animations are over (for
 *   screenshots)
 */
gboolean
fp_presentation_is_ready (GtkWidget *window)
{
  FpPresentation *self = get_presentation (window);

  if (self == NULL || !self->shown)
    return FALSE;
  if (animating (self))
    return FALSE;
  if (g_str_equal (gtk_stack_get_visible_child_name (self->pages), "scores"))
    return self->score_timeout == 0;
  return fp_map_view_is_ready (self->map_view);
}

/**
 * fp_presentation_get_presenter:
 * @window: a window with presentation mode
 *
 * Returns: (transfer none) (nullable): its presenter view, if open
 */
GtkWidget *
fp_presentation_get_presenter (GtkWidget *window)
{
  FpPresentation *self = get_presentation (window);

  return self != NULL && self->presenter != NULL ? GTK_WIDGET (self->presenter) : NULL;
}

/**
 * fp_presentation_close_request:
 * @window: a window with presentation mode, asked to close
 *
 * A what-if branch still in hand is asked about first: kept under a name, discarded, or
 * left for later; the window closes once that is answered.
 *
 * Returns: %TRUE if the window is to stay open until then
 */
gboolean
fp_presentation_close_request (GtkWidget *window)
{
  FpPresentation *self = get_presentation (window);

  if (self == NULL || self->branch == NULL || self->session == NULL || self->close_anyway)
    return FALSE;
  leave (self);
  ask_about_branch (self, TRUE, TRUE);
  return TRUE;
}
