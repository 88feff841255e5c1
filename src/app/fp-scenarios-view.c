/* fp-scenarios-view.c: the scenario shown, change by change.
 *
 * Each change is one row: its number, what it does in words (fp_change_describe), and its
 * own effect in the year shown: the running cost it saves against Do nothing, what it does
 * to the void, and the people whose nearest site for some service moves (the core's
 * FpChangeEffectsJob, one change per idle between frames, since measuring access after
 * every change takes about 10 ms each). Undone changes
 * follow, dimmed, until an edit drops them. Every button, and the keys on a selected row
 * (Enter edits, Alt+Up and Alt+Down move, Delete removes), activate the window's actions
 * (win.edit-change, win.move-change, win.remove-change), so edits travel one way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-scenarios-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-scenarios-view.h"

struct _FpScenariosView
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkLabel       *title_label;
  GtkLabel       *summary_label;
  GtkButton      *compare_button;
  GtkListBox     *list;
  GtkLabel       *no_changes_label;

  FpSession      *session;
  gulong          results_changed_id;
  GPtrArray      *rows;           /* AdwActionRow, by change position */
  FpChangeEffectsJob *job;        /* the effects being worked out, a change at a time */
  guint           job_id;
  guint           generation;     /* of the rows */
  guint           focus_after;    /* the row to select after the next rebuild, or G_MAXUINT */
  gboolean        effects_pending;
  gboolean        dirty;          /* changed while not shown */
};

G_DEFINE_FINAL_TYPE (FpScenariosView, fp_scenarios_view, GTK_TYPE_WIDGET)

/* ---- the effects ---------------------------------------------------------------- */

static char *
money_effect (double      change,
              const char *more,
              const char *less)
{
  g_autofree char *amount = fp_format_money_short (fabs (change));

  return g_strdup_printf (change > 0 ? more : less, amount);
}

/* "Saves £310k a year in 2030 · void £120k less · 2,400 people further from a service". */
static char *
describe_effect (const FpChangeEffect *e,
                 const FpChange       *change,
                 int                   year)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;

  if (fabs (e->revenue_saving) >= 500)
    {
      g_autofree char *amount = fp_format_money_short (fabs (e->revenue_saving));

      /* Translators: a change's own effect on the running cost in a year */
      g_ptr_array_add (parts, e->revenue_saving > 0
                              ? g_strdup_printf (_("saves %s a year in %d"), amount, year)
                              : g_strdup_printf (_("costs %s a year more in %d"), amount, year));
    }
  if (fabs (e->void_cost) >= 500)
    /* Translators: a change's effect on the void cost, e.g. "void £120k less" */
    g_ptr_array_add (parts, money_effect (e->void_cost, _("void %s more"), _("void %s less")));
  if (fabs (e->capital_receipts) >= 500)
    {
      g_autofree char *amount = fp_format_money_short (e->capital_receipts);

      /* Translators: a change's capital receipt in a year */
      g_ptr_array_add (parts, g_strdup_printf (_("receipt of %s"), amount));
    }
  if (e->people_further >= 0.5)
    {
      g_autofree char *people = fp_format_count (e->people_further);

      /* Translators: people whose nearest site for some service is further away */
      g_ptr_array_add (parts, g_strdup_printf (_("%s people further from a service"), people));
    }
  if (e->people_closer >= 0.5)
    {
      g_autofree char *people = fp_format_count (e->people_closer);

      g_ptr_array_add (parts, g_strdup_printf (_("%s people closer to one"), people));
    }
  if (fabs (e->access_people) >= 0.5)
    {
      g_autofree char *people = fp_format_count (fabs (e->access_people));

      /* Translators: the change in people within reach of urgent care */
      g_ptr_array_add (parts, e->access_people > 0
                              ? g_strdup_printf (_("%s more people within reach of urgent care"),
                                                 people)
                              : g_strdup_printf (_("%s fewer people within reach of urgent care"),
                                                 people));
    }
  if (fabs (e->unplaced_room_hours) >= 0.5)
    {
      g_autofree char *hours = fp_format_count (fabs (e->unplaced_room_hours));

      /* Translators: activity no site could take, in room-hours a year */
      g_ptr_array_add (parts, e->unplaced_room_hours > 0
                              ? g_strdup_printf (_("%s room-hours no site can take"), hours)
                              : g_strdup_printf (_("%s room-hours fewer unplaced"), hours));
    }

  if (parts->len == 0)
    {
      if (change->year > year)
        /* Translators: a change that has no effect yet in the year shown */
        return g_strdup_printf (_("No effect yet in %d: it starts in %d"), year, change->year);
      /* Translators: a change with no effect on costs or access in the year shown */
      return g_strdup_printf (_("No effect on costs or access in %d"), year);
    }

  g_ptr_array_add (parts, NULL);
  joined = g_strjoinv (" · ", (char **) parts->pdata);
  /* The parts are phrases; the row reads as a sentence. */
  if (g_ascii_islower (joined[0]))
    joined[0] = g_ascii_toupper (joined[0]);
  return g_steal_pointer (&joined);
}

static void
set_row_accessible (GtkWidget *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *label = g_strdup_printf ("%s. %s", title,
                                            adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
stop_effects (FpScenariosView *self)
{
  g_clear_handle_id (&self->job_id, g_source_remove);
  g_clear_pointer (&self->job, fp_change_effects_job_free);
  self->effects_pending = FALSE;
}

/* One change's effect, then back to the main loop: a frame may be drawn between two. */
static gboolean
effects_step_cb (gpointer user_data)
{
  FpScenariosView *self = user_data;
  const FpScenario *scenario;
  g_autoptr(GError) error = NULL;
  GArray *effects;
  gboolean done = FALSE;
  guint before;

  effects = fp_change_effects_job_get_effects (self->job);
  before = effects->len;
  if (!fp_change_effects_job_step (self->job, &done, &error))
    {
      if (before < self->rows->len)
        {
          adw_action_row_set_subtitle (g_ptr_array_index (self->rows, before), error->message);
          set_row_accessible (g_ptr_array_index (self->rows, before));
        }
      self->job_id = 0;
      stop_effects (self);
      return G_SOURCE_REMOVE;
    }

  scenario = fp_workspace_find_scenario (fp_session_get_workspace (self->session),
                                         fp_session_get_scenario (self->session));
  for (guint i = before; scenario != NULL && i < effects->len && i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      g_autofree char *text =
        describe_effect (&g_array_index (effects, FpChangeEffect, i),
                         g_ptr_array_index (scenario->changes, i),
                         fp_session_get_year (self->session));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      set_row_accessible (row);
    }

  if (!done)
    return G_SOURCE_CONTINUE;

  self->job_id = 0;
  stop_effects (self);
  return G_SOURCE_REMOVE;
}

static void
start_effects (FpScenariosView *self,
               const FpScenario *scenario)
{
  FpWorkspace *workspace = fp_session_get_workspace (self->session);
  g_autoptr(GPtrArray) base = NULL;
  g_autoptr(GPtrArray) own = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  stop_effects (self);
  base = fp_scenario_effective_changes (fp_workspace_get_scenarios (workspace), scenario->parent,
                                        &error);
  for (guint i = 0; i < scenario->applied; i++)
    g_ptr_array_add (own, g_ptr_array_index (scenario->changes, i));
  if (base != NULL)
    self->job = fp_change_effects_job_new (fp_workspace_get_model (workspace), base, own,
                                           fp_session_get_year_index (self->session), &error);
  if (self->job == NULL)
    {
      for (guint i = 0; i < scenario->applied && i < self->rows->len; i++)
        adw_action_row_set_subtitle (g_ptr_array_index (self->rows, i), error->message);
      return;
    }

  self->effects_pending = TRUE;
  /* After the frame: the list is drawn first, its effects follow one by one. */
  self->job_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, effects_step_cb, self, NULL);
}

/* ---- rows ----------------------------------------------------------------------- */

static GtkWidget *
row_button (const char *icon,
            const char *tooltip,
            const char *action,
            GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  return button;
}

static GtkWidget *
change_row (FpScenariosView  *self,
            const FpScenario *scenario,
            guint             i,
            const FpEstate   *estate)
{
  const FpChange *change = g_ptr_array_index (scenario->changes, i);
  gboolean in_effect = i < scenario->applied;
  g_autofree char *title = fp_change_describe (change, estate);
  g_autofree char *number = g_strdup_printf ("%u", i + 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (number);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gboolean first_of_kind = i == 0 || i == scenario->applied;
  gboolean last_of_kind = i + 1 == scenario->applied || i + 1 == scenario->changes->len;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (label, "fp-change-number");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (label, 28, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), label);

  if (in_effect)
    {
      g_autoptr(GString) extra = g_string_new (_("Working out its effect…"));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), extra->str);
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Undone: Redo applies it again; a new change drops it"));
      gtk_widget_add_css_class (row, "fp-undone");
    }

  /* Who owns it and how sure they are, when said. */
  if (change->owner != NULL || change->confidence < 1)
    {
      g_autofree char *confidence = fp_format_percent (change->confidence);
      /* Translators: a change's owner and confidence, e.g. "Estates · 80% confident" */
      g_autofree char *who = change->owner != NULL
                             ? g_strdup_printf (_("%s · %s confident"), change->owner, confidence)
                             : g_strdup_printf (_("%s confident"), confidence);
      GtkWidget *owner = gtk_label_new (who);

      gtk_widget_add_css_class (owner, "fp-secondary");
      gtk_widget_set_valign (owner, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_end (owner, 6);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), owner);
    }

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (!first_of_kind)
    gtk_box_append (GTK_BOX (box), row_button ("go-up-symbolic", _("Move Up (Alt+↑)"),
                                               "win.move-change",
                                               g_variant_new ("(uu)", i, i - 1)));
  if (!last_of_kind)
    gtk_box_append (GTK_BOX (box), row_button ("go-down-symbolic", _("Move Down (Alt+↓)"),
                                               "win.move-change",
                                               g_variant_new ("(uu)", i, i + 1)));
  gtk_box_append (GTK_BOX (box), row_button ("document-edit-symbolic", _("Edit (Enter)"),
                                             "win.edit-change", g_variant_new_uint32 (i)));
  gtk_box_append (GTK_BOX (box), row_button ("user-trash-symbolic", _("Remove (Delete)"),
                                             "win.remove-change", g_variant_new_uint32 (i)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "position", GUINT_TO_POINTER (i));
  /* Enter (or a double click) on the row edits it. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  set_row_accessible (row);
  return row;
}

static void
rebuild (FpScenariosView *self)
{
  const FpScenario *scenario;
  FpWorkspace *workspace;
  g_autofree char *summary = NULL;
  GtkWidget *child;
  guint focus = self->focus_after;

  self->focus_after = G_MAXUINT;
  self->generation++;
  stop_effects (self);
  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (self->session == NULL)
    return;

  if (fp_session_is_do_nothing (self->session))
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  workspace = fp_session_get_workspace (self->session);
  scenario = fp_workspace_find_scenario (workspace, fp_session_get_scenario (self->session));
  if (scenario == NULL)
    return;

  gtk_stack_set_visible_child_name (self->stack, "changes");
  gtk_label_set_label (self->title_label, scenario->name);
  if (scenario->changes->len > scenario->applied)
    /* Translators: how many changes a scenario has, e.g. "3 changes in effect, 1 undone ·
     * effects in 2030" */
    summary = g_strdup_printf (g_dngettext (NULL, "%u change in effect, %u undone · effects in %d",
                                            "%u changes in effect, %u undone · effects in %d",
                                            scenario->applied),
                               scenario->applied, scenario->changes->len - scenario->applied,
                               fp_session_get_year (self->session));
  else
    summary = g_strdup_printf (g_dngettext (NULL, "%u change · effects in %d",
                                            "%u changes · effects in %d",
                                            scenario->changes->len),
                               scenario->changes->len, fp_session_get_year (self->session));
  if (scenario->description != NULL && *scenario->description != '\0')
    {
      g_autofree char *with = g_strdup_printf ("%s\n%s", scenario->description, summary);

      g_free (summary);
      summary = g_steal_pointer (&with);
    }
  gtk_label_set_label (self->summary_label, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->no_changes_label), scenario->changes->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->list), scenario->changes->len > 0);

  {
    const char *names[] = { FP_DO_NOTHING, scenario->name, NULL };

    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->compare_button),
                                            g_variant_new_strv (names, -1));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->compare_button), "win.compare");
  }

  for (guint i = 0; i < scenario->changes->len; i++)
    {
      GtkWidget *row = change_row (self, scenario, i, fp_session_get_estate (self->session));

      g_ptr_array_add (self->rows, row);
      gtk_list_box_append (self->list, row);
    }

  if (focus < self->rows->len)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, focus);

      gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (row));
      gtk_widget_grab_focus (row);
    }

  if (scenario->applied > 0)
    start_effects (self, scenario);
  else
    stop_effects (self);
}

/* Rebuilt when shown: a view out of sight does not spend a worker on effects. */
static void
on_results_changed_cb (FpScenariosView *self)
{
  /* A job works on the workspace's model and the changes as they were: stop it. */
  stop_effects (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    rebuild (self);
  else
    self->dirty = TRUE;
}

/* ---- keys ----------------------------------------------------------------------- */

static guint
selected_position (FpScenariosView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

  return row != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "position"))
                     : G_MAXUINT;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   FpScenariosView       *self)
{
  guint i = selected_position (self);
  guint n = self->rows->len;
  gboolean alt = (state & GDK_ALT_MASK) != 0;

  if (i == G_MAXUINT)
    return FALSE;

  if (alt && (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up) && i > 0)
    {
      self->focus_after = i - 1;
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.move-change", "(uu)", i, i - 1);
    }
  if (alt && (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && i + 1 < n)
    {
      self->focus_after = i + 1;
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.move-change", "(uu)", i, i + 1);
    }
  if (!alt && (keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete))
    {
      self->focus_after = i > 0 ? i - 1 : 0;
      return gtk_widget_activate_action (GTK_WIDGET (self), "win.remove-change", "u", i);
    }
  return FALSE;
}

static void
on_row_activated_cb (GtkListBox      *list,
                     GtkListBoxRow   *row,
                     FpScenariosView *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "position"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-change", "u", i);
}

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_scenarios_view_map (GtkWidget *widget)
{
  FpScenariosView *self = FP_SCENARIOS_VIEW (widget);

  GTK_WIDGET_CLASS (fp_scenarios_view_parent_class)->map (widget);

  if (self->dirty)
    {
      self->dirty = FALSE;
      rebuild (self);
    }
}

static void
fp_scenarios_view_unmap (GtkWidget *widget)
{
  FpScenariosView *self = FP_SCENARIOS_VIEW (widget);

  /* Out of sight, no effects are worked out: they are when it is shown again. */
  if (self->job != NULL)
    {
      stop_effects (self);
      self->dirty = TRUE;
    }

  GTK_WIDGET_CLASS (fp_scenarios_view_parent_class)->unmap (widget);
}

static void
fp_scenarios_view_dispose (GObject *object)
{
  FpScenariosView *self = FP_SCENARIOS_VIEW (object);

  fp_scenarios_view_set_session (self, NULL);
  stop_effects (self);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_SCENARIOS_VIEW);

  G_OBJECT_CLASS (fp_scenarios_view_parent_class)->dispose (object);
}

static void
fp_scenarios_view_class_init (FpScenariosViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_scenarios_view_dispose;
  widget_class->map = fp_scenarios_view_map;
  widget_class->unmap = fp_scenarios_view_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-scenarios-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpScenariosView, stack);
  gtk_widget_class_bind_template_child (widget_class, FpScenariosView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FpScenariosView, title_label);
  gtk_widget_class_bind_template_child (widget_class, FpScenariosView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, FpScenariosView, compare_button);
  gtk_widget_class_bind_template_child (widget_class, FpScenariosView, list);
  gtk_widget_class_bind_template_child (widget_class, FpScenariosView, no_changes_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-scenarios-view");
}

static void
fp_scenarios_view_init (FpScenariosView *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->focus_after = G_MAXUINT;

  /* Before the list's own keys: Alt+arrows and Delete act on the selected change. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list), keys);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (on_row_activated_cb), self);
}

/**
 * fp_scenarios_view_set_session:
 * @self: a view
 * @session: (nullable): what the window shows
 */
void
fp_scenarios_view_set_session (FpScenariosView *self,
                               FpSession       *session)
{
  g_return_if_fail (FP_IS_SCENARIOS_VIEW (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_clear_signal_handler (&self->results_changed_id, self->session);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->results_changed_id = g_signal_connect_swapped (session, "results-changed",
                                                         G_CALLBACK (on_results_changed_cb),
                                                         self);
  rebuild (self);
}

/**
 * fp_scenarios_view_is_settled:
 * @self: a view
 *
 * Returns: whether every change in effect shows its effect (for a screenshot)
 */
gboolean
fp_scenarios_view_is_settled (FpScenariosView *self)
{
  g_return_val_if_fail (FP_IS_SCENARIOS_VIEW (self), TRUE);
  return !self->effects_pending && !self->dirty;
}
