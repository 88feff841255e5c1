/* fp-appraisal-view.c: the options appraisal in the window.
 *
 * The view shows what the core computes (fp_appraisal_compute_for_workspace()) for the
 * options chosen: the table of NPVs, scores and ranks, the sensitivity line, a chart drawn
 * by src/render (the one the exports draw), each option's scores and the benefits ledger.
 * It computes no figure itself. Its inputs are window actions (docs/actions.md), so a
 * script can drive them: the options (appraisal-options), an assumption (set-assumption,
 * through FpWorkspace, which checks and stores it in one transaction), a score, the
 * weights, a criterion added or removed (through fp-workspace-appraisal.h). The view
 * listens to the workspace's "changed" signal and appraises again once the edit is in,
 * after the main loop is idle, so several edits in a row cost one appraisal; while it is
 * hidden it only remembers to, and appraises when it is shown.
 *
 * Rows are rebuilt only when the options or criteria change; otherwise the spin buttons
 * keep their place and focus and only their values are set.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-appraisal-view"

#include "config.h"

#include <math.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "fp-appraisal-view.h"
#include "fp-chart.h"
#include "fp-export-actions.h"
#include "fp-render.h"
#include "fp-window.h"

typedef struct
{
  const char *key;
  const char *title;
  const char *subtitle;
  double      scale;      /* shown = stored × scale */
  double      min;        /* shown */
  double      max;
  double      step;
  guint       digits;
} Assumption;

static const Assumption assumptions[] = {
  { "discount_rate", N_("Discount rate (%)"), N_("Until the long-term rate starts"),
    100, 0, 50, 0.1, 1 },
  { "discount_rate_long", N_("Long-term discount rate (%)"), N_("From the year below"),
    100, 0, 50, 0.1, 1 },
  { "discount_rate_long_from_year", N_("Long-term rate from year"),
    N_("Counted from the base year; Green Book: 31"), 1, 1, 76, 1, 0 },
  { "optimism_bias", N_("Optimism bias on capital (%)"),
    N_("Green Book default for buildings: 24%"), 100, 0, 500, 1, 0 },
  { "horizon_years", N_("Horizon (years)"), N_("Years appraised after the base year"),
    1, 1, 75, 1, 0 },
};

#define N_ASSUMPTIONS G_N_ELEMENTS (assumptions)

struct _FpAppraisalView
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkListBox      *options_list;
  GtkListBox      *assumptions_list;
  GtkListBox      *criteria_list;
  GtkLabel        *weights_label;
  GtkWidget       *apply_weights_button;
  GtkEntry        *criterion_entry;
  GtkLabel        *basis_label;
  GtkGrid         *results_grid;
  GtkLabel        *sensitivity_label;
  GtkWidget       *export_chart_button;
  GtkDrawingArea  *chart_area;
  GtkGrid         *scores_grid;
  GtkGrid         *ledger_grid;

  FpWorkspace     *workspace;
  GActionMap      *actions;          /* the window's (weak) */
  FpAppraisal     *appraisal;
  FpScoring       *scoring;
  FpChart         *chart;
  FpChartKind      chart_kind;
  GStrv            options;          /* chosen, Do nothing left out */
  gboolean         all_options;      /* nothing chosen yet: every scenario */
  char            *option_rows;      /* the options the rows show, joined */
  char            *criteria_rows;    /* the criteria the rows show, joined */
  GtkSpinButton   *assumption_spins[N_ASSUMPTIONS];
  GPtrArray       *weight_spins;     /* GtkSpinButton, one per criterion, in order */
  GPtrArray       *score_spins;      /* GtkSpinButton, options × criteria */
  gboolean         syncing;
  gboolean         dirty;            /* the document changed while the view was hidden */
  guint            refresh_id;
};

G_DEFINE_FINAL_TYPE (FpAppraisalView, fp_appraisal_view, GTK_TYPE_WIDGET)

const char * const fp_appraisal_view_action_names[] = {
  "appraisal-options", "set-assumption", "set-score", "set-weights", "add-criterion",
  "remove-criterion", "appraisal-chart", NULL,
};

static void refresh (FpAppraisalView *self);

/* ---- helpers -------------------------------------------------------------------- */

static const char *
author (void)
{
  const char *name = g_get_real_name ();

  if (name == NULL || *name == '\0' || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return name;
}

static void
toast (FpAppraisalView *self,
       const char      *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_message ("%s", message);
  if (FP_IS_WINDOW (root))
    fp_window_add_toast (FP_WINDOW (root), message);
}

static void
activate (FpAppraisalView *self,
          const char      *name,
          GVariant        *parameter)
{
  if (self->actions != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self->actions), name, parameter);
  else if (parameter != NULL)
    g_variant_unref (g_variant_ref_sink (parameter));
}

static void
remove_children (GtkWidget *parent)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    {
      if (GTK_IS_LIST_BOX (parent))
        gtk_list_box_remove (GTK_LIST_BOX (parent), child);
      else if (GTK_IS_GRID (parent))
        gtk_grid_remove (GTK_GRID (parent), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWidget *
cell (const char *text,
      gboolean    numeric,
      gboolean    bold)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  if (bold)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static GtkWidget *
header_cell (const char *text,
             gboolean    numeric)
{
  GtkWidget *label = cell (text, numeric, FALSE);

  gtk_widget_add_css_class (label, "fp-secondary");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  return label;
}

static gboolean
chosen (FpAppraisalView *self,
        const char      *name)
{
  return self->all_options || (self->options != NULL &&
                               g_strv_contains ((const char * const *) self->options, name));
}

/* What the assumptions' spins show: the appraisal's settings, or the model's. */
static double
assumption_value (FpAppraisalView *self,
                  guint            i)
{
  const FpModel *model = fp_workspace_get_model (self->workspace);
  FpAppraisalSettings settings;

  if (self->appraisal != NULL)
    settings = self->appraisal->settings;
  else
    fp_appraisal_settings_init (&settings, model);

  switch (i)
    {
    case 0: return settings.discount_rate;
    case 1: return settings.discount_rate_long;
    case 2: return settings.long_rate_from_year;
    case 3: return settings.optimism_bias;
    case 4:
    default: return fp_model_get_n_years (model) - 1;
    }
}

/* ---- callbacks ------------------------------------------------------------------ */

static void
on_option_toggled_cb (GtkCheckButton  *check,
                      FpAppraisalView *self)
{
  GPtrArray *scenarios;
  GVariantBuilder builder;

  if (self->syncing || self->workspace == NULL)
    return;

  scenarios = fp_workspace_get_scenarios (self->workspace);
  g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->options_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *button = g_object_get_data (G_OBJECT (row), "check");
      const char *name = g_object_get_data (G_OBJECT (row), "option");

      if (button != NULL && name != NULL && gtk_check_button_get_active (button) &&
          fp_scenario_find (scenarios, name) != NULL)
        g_variant_builder_add (&builder, "s", name);
    }
  activate (self, "appraisal-options", g_variant_builder_end (&builder));
}

static void
on_assumption_changed_cb (GtkSpinButton   *spin,
                          FpAppraisalView *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "index"));
  double value = gtk_spin_button_get_value (spin) / assumptions[i].scale;

  if (self->syncing)
    return;
  activate (self, "set-assumption", g_variant_new ("(sd)", assumptions[i].key, value));
}

static void
update_weights_total (FpAppraisalView *self)
{
  g_autofree char *text = NULL;
  double sum = 0;
  gboolean changed = FALSE;

  if (self->scoring == NULL || self->weight_spins == NULL)
    return;

  for (guint i = 0; i < self->weight_spins->len; i++)
    {
      const FpCriterion *c = g_ptr_array_index (self->scoring->criteria, i);
      double w = gtk_spin_button_get_value (g_ptr_array_index (self->weight_spins, i));

      sum += w;
      changed |= fabs (w - c->weight) > 1e-9;
    }

  if (fabs (sum - 100) < 1e-6)
    /* Translators: the weights of the critical success factors */
    text = g_strdup (changed ? _("The weights sum to 100: apply them.")
                             : _("The weights sum to 100."));
  else
    {
      g_autofree char *total = fp_format_decimal (sum, 1);

      /* Translators: %s is the sum of the weights, e.g. 95.0 */
      text = g_strdup_printf (_("The weights sum to %s; they must sum to 100."), total);
    }
  gtk_label_set_text (self->weights_label, text);
  gtk_widget_set_sensitive (self->apply_weights_button, changed && fabs (sum - 100) < 1e-6);
}

static void
on_weight_changed_cb (GtkSpinButton   *spin,
                      FpAppraisalView *self)
{
  if (!self->syncing)
    update_weights_total (self);
}

static void
on_apply_weights_cb (FpAppraisalView *self)
{
  GVariantBuilder builder;

  if (self->scoring == NULL || self->weight_spins == NULL)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  for (guint i = 0; i < self->weight_spins->len; i++)
    {
      const FpCriterion *c = g_ptr_array_index (self->scoring->criteria, i);

      GtkSpinButton *spin = g_ptr_array_index (self->weight_spins, i);

      g_variant_builder_add (&builder, "{sd}", c->id, gtk_spin_button_get_value (spin));
    }
  activate (self, "set-weights", g_variant_builder_end (&builder));
}

static void
on_add_criterion_cb (FpAppraisalView *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->criterion_entry));

  if (name == NULL || *name == '\0')
    return;
  activate (self, "add-criterion", g_variant_new_string (name));
  gtk_editable_set_text (GTK_EDITABLE (self->criterion_entry), "");
}

static void
on_remove_criterion_cb (GtkButton       *button,
                        FpAppraisalView *self)
{
  activate (self, "remove-criterion",
            g_variant_new_string (g_object_get_data (G_OBJECT (button), "criterion")));
}

static void
on_score_changed_cb (GtkSpinButton   *spin,
                     FpAppraisalView *self)
{
  double value = gtk_spin_button_get_value (spin);

  /* Below 0 is "not scored": the core has no way to take a score back, so the spin
   * only shows it. */
  if (self->syncing || value < 0)
    return;
  activate (self, "set-score",
            g_variant_new ("(ssd)", (const char *) g_object_get_data (G_OBJECT (spin), "option"),
                           (const char *) g_object_get_data (G_OBJECT (spin), "criterion"),
                           value));
}

/* A score spin shows "—" for a score not given. */
static gboolean
on_score_output_cb (GtkSpinButton *spin,
                    gpointer       user_data)
{
  double value = gtk_spin_button_get_value (spin);
  g_autofree char *text = value < 0 ? g_strdup (FP_FORMAT_UNKNOWN) : fp_format_decimal (value, 1);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static int
on_score_input_cb (GtkSpinButton *spin,
                   double        *value,
                   gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  char *end = NULL;

  if (text == NULL || *text == '\0' || g_str_equal (text, FP_FORMAT_UNKNOWN))
    {
      *value = -1;
      return TRUE;
    }
  *value = g_ascii_strtod (text, &end);
  return end != text ? TRUE : GTK_INPUT_ERROR;
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  FpAppraisalView *self = user_data;

  if (self->chart != NULL)
    fp_render_chart (cr, self->chart, width, height,
                     adw_style_manager_get_dark (adw_style_manager_get_default ()));
}

/* The view appraises only while it is shown: a hidden one remembers to, when it is. */
static void
on_workspace_changed_cb (FpWorkspace       *workspace,
                         FpWorkspaceChange  what,
                         const char        *scenario,
                         FpAppraisalView   *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->dirty = TRUE;
  else if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_once ((GSourceOnceFunc) refresh, self);
}

/* ---- building the rows ---------------------------------------------------------- */

static GtkWidget *
action_row (const char *title,
            const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  return row;
}

static GtkWidget *
spin_new (double min,
          double max,
          double step,
          guint  digits)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (min, max, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  return spin;
}

static void
build_options (FpAppraisalView *self)
{
  GPtrArray *scenarios = fp_workspace_get_scenarios (self->workspace);
  g_autoptr(GString) key = g_string_new (NULL);
  GtkWidget *row, *check;

  for (guint i = 0; i < scenarios->len; i++)
    g_string_append_printf (key, "%s\n", ((FpScenario *) g_ptr_array_index (scenarios, i))->name);

  if (g_strcmp0 (key->str, self->option_rows) != 0)
    {
      g_free (self->option_rows);
      self->option_rows = g_strdup (key->str);
      remove_children (GTK_WIDGET (self->options_list));

      row = action_row (_("Do nothing"), _("The baseline every option is measured against"));
      check = gtk_check_button_new ();
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_sensitive (check, FALSE);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->options_list, row);

      for (guint i = 0; i < scenarios->len; i++)
        {
          const FpScenario *s = g_ptr_array_index (scenarios, i);
          g_autofree char *subtitle = NULL;

          /* Translators: under an option's name: how many changes it makes */
          subtitle = g_strdup_printf (g_dngettext (NULL, "%u change", "%u changes",
                                                   s->changes->len), s->changes->len);
          row = action_row (s->name, subtitle);
          check = gtk_check_button_new ();
          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_object_set_data (G_OBJECT (row), "check", check);
          g_object_set_data_full (G_OBJECT (row), "option", g_strdup (s->name), g_free);
          g_signal_connect (check, "toggled", G_CALLBACK (on_option_toggled_cb), self);
          gtk_list_box_append (self->options_list, row);
        }
    }

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->options_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *button = g_object_get_data (G_OBJECT (row), "check");
      const char *name = g_object_get_data (G_OBJECT (row), "option");

      if (button != NULL)
        gtk_check_button_set_active (button, chosen (self, name));
    }
}

static void
build_assumptions (FpAppraisalView *self)
{
  if (self->assumption_spins[0] == NULL)
    for (guint i = 0; i < N_ASSUMPTIONS; i++)
      {
        GtkWidget *row = action_row (_(assumptions[i].title), _(assumptions[i].subtitle));
        GtkWidget *spin = spin_new (assumptions[i].min, assumptions[i].max, assumptions[i].step,
                                    assumptions[i].digits);

        gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _(assumptions[i].title), -1);
        g_object_set_data (G_OBJECT (spin), "index", GUINT_TO_POINTER (i));
        g_signal_connect (spin, "value-changed", G_CALLBACK (on_assumption_changed_cb), self);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
        gtk_list_box_append (self->assumptions_list, row);
        self->assumption_spins[i] = GTK_SPIN_BUTTON (spin);
      }

  for (guint i = 0; i < N_ASSUMPTIONS; i++)
    gtk_spin_button_set_value (self->assumption_spins[i],
                               assumption_value (self, i) * assumptions[i].scale);
}

static void
build_criteria (FpAppraisalView *self)
{
  const FpScoring *scoring = self->scoring;

  remove_children (GTK_WIDGET (self->criteria_list));
  g_clear_pointer (&self->weight_spins, g_ptr_array_unref);
  self->weight_spins = g_ptr_array_new ();

  for (guint i = 0; scoring != NULL && i < scoring->criteria->len; i++)
    {
      const FpCriterion *c = g_ptr_array_index (scoring->criteria, i);
      GtkWidget *row = action_row (c->name, NULL);
      GtkWidget *spin = spin_new (0, 100, 5, 1);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      /* Translators: an accessible name: "Weight of Strategic fit" */
      g_autofree char *weight_name = g_strdup_printf (_("Weight of %s"), c->name);
      /* Translators: a button's accessible name: "Remove Strategic fit" */
      g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), c->name);

      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), c->weight);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      weight_name, -1);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_weight_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this factor (its weight must be 0)"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_name, -1);
      g_object_set_data_full (G_OBJECT (remove), "criterion", g_strdup (c->id), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_criterion_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      gtk_list_box_append (self->criteria_list, row);
      g_ptr_array_add (self->weight_spins, spin);
    }
}

static void
build_results (FpAppraisalView *self)
{
  const FpAppraisal *a = self->appraisal;
  static const char * const heads[] = {
    N_("Rank"), N_("Option"), N_("Revenue savings"), N_("Capital receipts"), N_("NPV"),
    N_("Risk-adjusted NPV"), N_("Weighted score"),
  };

  remove_children (GTK_WIDGET (self->results_grid));
  if (a == NULL)
    return;

  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    gtk_grid_attach (self->results_grid, header_cell (_(heads[c]), c != 1), c, 0, 1, 1);

  for (guint i = 0; i < a->options->len; i++)
    {
      const FpOptionAppraisal *o = g_ptr_array_index (a->options, i);
      gboolean preferred = i == a->preferred;
      g_autofree char *rank = g_strdup_printf ("%u", o->rank);
      g_autofree char *savings = fp_format_money (o->totals[FP_FLOW_REVENUE_SAVINGS]);
      g_autofree char *receipts = fp_format_money (o->totals[FP_FLOW_CAPITAL_RECEIPTS]);
      g_autofree char *npv = fp_format_money (o->npv);
      g_autofree char *npv_ra = fp_format_money (o->npv_risk_adjusted);
      g_autofree char *score = isnan (o->weighted_score)
                                 ? g_strdup (FP_FORMAT_UNKNOWN)
                                 : fp_format_decimal (o->weighted_score, 1);
      GtkWidget *name = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *label = cell (i == 0 ? _("Do nothing") : o->name, FALSE, preferred);

      /* A long name (“Example: dispose of empty and Redundant sites”) wraps rather than
       * make the view wider than a 1024-pixel window. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_box_append (GTK_BOX (name), label);
      if (preferred)
        {
          GtkWidget *pill = gtk_label_new (_("Preferred"));

          gtk_widget_add_css_class (pill, "fp-pill");
          gtk_widget_add_css_class (pill, "fp-preferred");
          gtk_box_append (GTK_BOX (name), pill);
        }

      gtk_grid_attach (self->results_grid, cell (rank, TRUE, preferred), 0, i + 1, 1, 1);
      gtk_grid_attach (self->results_grid, name, 1, i + 1, 1, 1);
      gtk_grid_attach (self->results_grid, cell (savings, TRUE, FALSE), 2, i + 1, 1, 1);
      gtk_grid_attach (self->results_grid, cell (receipts, TRUE, FALSE), 3, i + 1, 1, 1);
      gtk_grid_attach (self->results_grid, cell (npv, TRUE, FALSE), 4, i + 1, 1, 1);
      gtk_grid_attach (self->results_grid, cell (npv_ra, TRUE, preferred), 5, i + 1, 1, 1);
      gtk_grid_attach (self->results_grid, cell (score, TRUE, FALSE), 6, i + 1, 1, 1);
    }
  gtk_widget_set_hexpand (gtk_grid_get_child_at (self->results_grid, 1, 0), TRUE);
}

static void
build_scores (FpAppraisalView *self)
{
  const FpAppraisal *a = self->appraisal;
  const FpScoring *scoring = self->scoring;
  g_autoptr(GString) key = g_string_new (NULL);

  if (a == NULL || scoring == NULL)
    {
      remove_children (GTK_WIDGET (self->scores_grid));
      g_clear_pointer (&self->criteria_rows, g_free);
      return;
    }

  for (guint i = 0; i < a->options->len; i++)
    {
      const FpOptionAppraisal *o = g_ptr_array_index (a->options, i);

      g_string_append_printf (key, "%s\n", o->name);
    }
  for (guint c = 0; c < scoring->criteria->len; c++)
    {
      const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, c);

      g_string_append_printf (key, "\t%s", criterion->id);
    }

  /* The same options and criteria: the spins stay, only their values are set. */
  if (g_strcmp0 (key->str, self->criteria_rows) != 0)
    {
      g_free (self->criteria_rows);
      self->criteria_rows = g_strdup (key->str);
      remove_children (GTK_WIDGET (self->scores_grid));
      g_clear_pointer (&self->score_spins, g_ptr_array_unref);
      self->score_spins = g_ptr_array_new ();

      gtk_grid_attach (self->scores_grid, header_cell (_("Option"), FALSE), 0, 0, 1, 1);
      for (guint c = 0; c < scoring->criteria->len; c++)
        {
          const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, c);

          gtk_grid_attach (self->scores_grid, header_cell (criterion->name, TRUE), c + 1, 0, 1, 1);
        }
      gtk_grid_attach (self->scores_grid, header_cell (_("Weighted score"), TRUE),
                       scoring->criteria->len + 1, 0, 1, 1);

      for (guint i = 0; i < a->options->len; i++)
        {
          const FpOptionAppraisal *o = g_ptr_array_index (a->options, i);
          const char *option = i == 0 ? FP_DO_NOTHING : o->name;
          GtkWidget *name = cell (i == 0 ? _("Do nothing") : o->name, FALSE, FALSE);

          gtk_label_set_wrap (GTK_LABEL (name), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (name), 18);
          gtk_widget_set_hexpand (name, TRUE);
          gtk_grid_attach (self->scores_grid, name, 0, i + 1, 1, 1);
          for (guint c = 0; c < scoring->criteria->len; c++)
            {
              const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, c);
              GtkWidget *spin = spin_new (-1, 10, 1, 1);
              /* Translators: an accessible name: "Score of Fill the voids for Strategic fit" */
              g_autofree char *label = g_strdup_printf (_("Score of %s for %s"),
                                                        i == 0 ? _("Do nothing") : o->name,
                                                        criterion->name);

              gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
              gtk_accessible_update_property (GTK_ACCESSIBLE (spin),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
              g_object_set_data_full (G_OBJECT (spin), "option", g_strdup (option), g_free);
              g_object_set_data_full (G_OBJECT (spin), "criterion", g_strdup (criterion->id),
                                      g_free);
              g_signal_connect (spin, "output", G_CALLBACK (on_score_output_cb), NULL);
              g_signal_connect (spin, "input", G_CALLBACK (on_score_input_cb), NULL);
              g_signal_connect (spin, "value-changed", G_CALLBACK (on_score_changed_cb), self);
              gtk_grid_attach (self->scores_grid, spin, c + 1, i + 1, 1, 1);
              g_ptr_array_add (self->score_spins, spin);
            }
          gtk_grid_attach (self->scores_grid, cell ("", TRUE, TRUE),
                           scoring->criteria->len + 1, i + 1, 1, 1);
        }
    }

  for (guint i = 0; i < a->options->len; i++)
    {
      const FpOptionAppraisal *o = g_ptr_array_index (a->options, i);
      const char *option = i == 0 ? FP_DO_NOTHING : o->name;
      g_autofree char *weighted = isnan (o->weighted_score)
                                    ? g_strdup (FP_FORMAT_UNKNOWN)
                                    : fp_format_decimal (o->weighted_score, 1);

      for (guint c = 0; c < scoring->criteria->len; c++)
        {
          const FpCriterion *criterion = g_ptr_array_index (scoring->criteria, c);
          GtkSpinButton *spin = g_ptr_array_index (self->score_spins,
                                                   i * scoring->criteria->len + c);
          double score;

          if (!fp_scoring_get_score (scoring, option, criterion->id, &score))
            score = -1;
          gtk_spin_button_set_value (spin, score);
          /* "—" even when the value did not change (the output handler runs on changes). */
          on_score_output_cb (spin, NULL);
        }
      gtk_label_set_text (GTK_LABEL (gtk_grid_get_child_at (self->scores_grid,
                                                            scoring->criteria->len + 1, i + 1)),
                          weighted);
    }
}

static void
build_ledger (FpAppraisalView *self)
{
  const FpAppraisal *a = self->appraisal;
  static const char * const heads[] = {
    N_("Option"), N_("Change"), N_("Year"), N_("Confidence"), N_("Benefits"),
    N_("Risk-adjusted"),
  };
  guint row = 1;

  remove_children (GTK_WIDGET (self->ledger_grid));
  if (a == NULL)
    return;

  for (guint c = 0; c < G_N_ELEMENTS (heads); c++)
    gtk_grid_attach (self->ledger_grid, header_cell (_(heads[c]), c >= 2), c, 0, 1, 1);

  for (guint i = 1; i < a->options->len; i++)
    {
      const FpOptionAppraisal *o = g_ptr_array_index (a->options, i);
      double gross = 0, adjusted = 0;

      for (guint e = 0; e < o->ledger->len; e++)
        {
          const FpLedgerEntry *entry = g_ptr_array_index (o->ledger, e);
          double g = fp_ledger_entry_total (entry, o->n_years, FALSE);
          double r = fp_ledger_entry_total (entry, o->n_years, TRUE);
          g_autofree char *year = entry->index > 0 ? g_strdup_printf ("%d", entry->year)
                                                   : g_strdup (FP_FORMAT_UNKNOWN);
          g_autofree char *confidence = entry->index > 0 ? fp_format_percent (entry->confidence)
                                                         : g_strdup (FP_FORMAT_UNKNOWN);
          g_autofree char *gross_text = fp_format_money (g);
          g_autofree char *adjusted_text = fp_format_money (r);
          GtkWidget *what = cell (entry->description, FALSE, FALSE);

          gtk_label_set_wrap (GTK_LABEL (what), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (what), 40);
          gtk_widget_set_hexpand (what, TRUE);
          if (entry->note != NULL)
            gtk_widget_set_tooltip_text (what, entry->note);
          gtk_grid_attach (self->ledger_grid, cell (e == 0 ? o->name : "", FALSE, e == 0), 0, row,
                           1, 1);
          gtk_grid_attach (self->ledger_grid, what, 1, row, 1, 1);
          gtk_grid_attach (self->ledger_grid, cell (year, TRUE, FALSE), 2, row, 1, 1);
          gtk_grid_attach (self->ledger_grid, cell (confidence, TRUE, FALSE), 3, row, 1, 1);
          gtk_grid_attach (self->ledger_grid, cell (gross_text, TRUE, FALSE), 4, row, 1, 1);
          gtk_grid_attach (self->ledger_grid, cell (adjusted_text, TRUE, FALSE), 5, row, 1, 1);
          gross += g;
          adjusted += r;
          row++;
        }

      /* The option's total, which the entries add up to (the core's own figures). */
      {
        double total = 0, total_ra = 0;
        g_autofree char *gross_text = NULL;
        g_autofree char *adjusted_text = NULL;

        for (guint t = 0; t < o->n_years; t++)
          {
            total += o->benefits[t];
            total_ra += o->benefits_risk_adjusted[t];
          }
        gross_text = fp_format_money (total);
        adjusted_text = fp_format_money (total_ra);
        /* Translators: the ledger's line that totals an option's benefits */
        gtk_grid_attach (self->ledger_grid, cell (_("Total"), FALSE, TRUE), 1, row, 3, 1);
        gtk_grid_attach (self->ledger_grid, cell (gross_text, TRUE, TRUE), 4, row, 1, 1);
        gtk_grid_attach (self->ledger_grid, cell (adjusted_text, TRUE, TRUE), 5, row, 1, 1);
        row++;
      }
    }

  if (row == 1)
    gtk_grid_attach (self->ledger_grid,
                     cell (_("Choose an option to see what each of its changes earns."), FALSE,
                           FALSE), 0, 1, G_N_ELEMENTS (heads), 1);
}

static void
build_basis (FpAppraisalView *self)
{
  const FpAppraisalSettings *s;
  g_autofree char *rate = NULL, *rate_long = NULL, *bias = NULL, *text = NULL;

  if (self->appraisal == NULL)
    return;

  s = &self->appraisal->settings;
  rate = fp_format_decimal (s->discount_rate * 100, 1);
  rate_long = fp_format_decimal (s->discount_rate_long * 100, 1);
  bias = fp_format_decimal (s->optimism_bias * 100, 0);
  /* Translators: the appraisal's basis, e.g. "Over 10 years from 2025, in 2025 prices;
   * discounted at 3.5% (3.0% from year 31); capital with 24% optimism bias." */
  text = g_strdup_printf (_("Over %u years from %d, in %d prices; discounted at %s%% (%s%% from "
                            "year %u); capital with %s%% optimism bias. Savings and receipts are "
                            "totals over the horizon."),
                          s->n_years - 1, s->base_year, s->base_year, rate, rate_long,
                          s->long_rate_from_year, bias);
  gtk_label_set_text (self->basis_label, text);
}

/* Appraises again and shows it. */
static void
refresh (FpAppraisalView *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *scenarios;

  self->refresh_id = 0;
  self->dirty = FALSE;
  if (self->workspace == NULL)
    return;

  scenarios = fp_workspace_get_scenarios (self->workspace);

  /* Options still in the document (one may have been renamed or deleted). */
  if (!self->all_options && self->options != NULL)
    {
      g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
      gboolean dropped = FALSE;

      for (guint i = 0; self->options[i] != NULL; i++)
        if (fp_scenario_find (scenarios, self->options[i]) != NULL)
          g_strv_builder_add (kept, self->options[i]);
        else
          dropped = TRUE;
      if (dropped)
        {
          g_strfreev (self->options);
          self->options = g_strv_builder_end (kept);
        }
    }

  g_ptr_array_add (names, (gpointer) FP_DO_NOTHING);
  for (guint i = 0; i < scenarios->len; i++)
    {
      const FpScenario *s = g_ptr_array_index (scenarios, i);

      if (chosen (self, s->name))
        g_ptr_array_add (names, s->name);
    }
  g_ptr_array_add (names, NULL);

  g_clear_pointer (&self->appraisal, fp_appraisal_free);
  g_clear_pointer (&self->scoring, fp_scoring_free);
  g_clear_pointer (&self->chart, fp_chart_free);
  self->appraisal = fp_appraisal_compute_for_workspace (self->workspace,
                                                        (const char * const *) names->pdata,
                                                        &error);
  self->scoring = fp_workspace_dup_scoring (self->workspace, error == NULL ? &error : NULL);

  /* The action's state follows the options appraised. */
  if (self->actions != NULL)
    {
      GAction *action = g_action_map_lookup_action (self->actions, "appraisal-options");

      if (action != NULL)
        g_simple_action_set_state (G_SIMPLE_ACTION (action),
                                   g_variant_new_strv ((const char * const *) names->pdata + 1,
                                                       names->len - 2));
    }

  self->syncing = TRUE;
  build_options (self);
  build_assumptions (self);
  build_criteria (self);
  build_results (self);
  build_scores (self);
  build_ledger (self);
  build_basis (self);
  update_weights_total (self);
  self->syncing = FALSE;

  if (self->appraisal != NULL)
    {
      g_autofree char *sensitivity = fp_appraisal_describe_sensitivity (self->appraisal);

      gtk_label_set_text (self->sensitivity_label, sensitivity);
      self->chart = fp_chart_new_for_appraisal (self->appraisal, self->chart_kind);
      /* The view says where its figures come from; the note is for the exported picture. */
      g_clear_pointer (&self->chart->note, g_free);
    }
  else
    {
      /* Translators: %s says why the options could not be appraised */
      g_autofree char *text = g_strdup_printf (_("The options could not be appraised: %s"),
                                               error != NULL ? error->message : "");

      gtk_label_set_text (self->sensitivity_label, text);
      gtk_label_set_text (self->basis_label, "");
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

/* ---- actions -------------------------------------------------------------------- */

static void
appraisal_options_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  FpAppraisalView *self = user_data;
  g_autofree const char **names = g_variant_get_strv (parameter, NULL);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();

  if (self->workspace == NULL)
    return;

  for (guint i = 0; names[i] != NULL; i++)
    {
      const FpScenario *s;

      if (fp_scenario_is_do_nothing (names[i]))
        continue;  /* always there */
      s = fp_workspace_find_scenario (self->workspace, names[i]);
      if (s == NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("There is no scenario “%s” to appraise"), names[i]);

          toast (self, message);
          return;
        }
      g_strv_builder_add (kept, s->name);
    }

  g_strfreev (self->options);
  self->options = g_strv_builder_end (kept);
  self->all_options = FALSE;
  refresh (self);
}

static void
set_assumption_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  FpAppraisalView *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *key;
  double value;

  if (self->workspace == NULL)
    return;

  g_variant_get (parameter, "(&sd)", &key, &value);
  /* A new assumption makes a new model; an export being written borrows the old one. */
  if (FP_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))) &&
      fp_export_actions_get_running (FP_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)))) > 0)
    {
      toast (self, _("An export is being written; change the assumption when it is done"));
      refresh (self);
      return;
    }
  if (!fp_workspace_set_assumption (self->workspace, key, value, author (), &error))
    {
      toast (self, error->message);
      /* The spins show the document's values again. */
      refresh (self);
    }
}

static void
set_score_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  FpAppraisalView *self = user_data;
  g_autoptr(GError) error = NULL;
  const char *option, *criterion;
  double score;

  if (self->workspace == NULL)
    return;

  g_variant_get (parameter, "(&s&sd)", &option, &criterion, &score);
  if (!fp_workspace_set_score (self->workspace, option, criterion, score, author (), &error))
    {
      toast (self, error->message);
      refresh (self);
    }
}

static void
set_weights_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  FpAppraisalView *self = user_data;
  g_autoptr(GError) error = NULL;
  gsize n = g_variant_n_children (parameter);
  g_autofree const char **criteria = g_new0 (const char *, n + 1);
  g_autofree double *weights = g_new0 (double, n + 1);
  GVariantIter iter;
  const char *criterion;
  double weight;
  guint i = 0;

  if (self->workspace == NULL)
    return;

  g_variant_iter_init (&iter, parameter);
  while (g_variant_iter_next (&iter, "{&sd}", &criterion, &weight))
    {
      criteria[i] = criterion;
      weights[i++] = weight;
    }

  if (!fp_workspace_set_weights (self->workspace, criteria, weights, i, author (), &error))
    {
      toast (self, error->message);
      refresh (self);
    }
}

static void
add_criterion_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  FpAppraisalView *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->workspace != NULL &&
      !fp_workspace_add_criterion (self->workspace, g_variant_get_string (parameter, NULL),
                                   author (), &error))
    toast (self, error->message);
}

static void
remove_criterion_action (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  FpAppraisalView *self = user_data;
  g_autoptr(GError) error = NULL;

  if (self->workspace != NULL &&
      !fp_workspace_remove_criterion (self->workspace, g_variant_get_string (parameter, NULL),
                                      author (), &error))
    toast (self, error->message);
}

static void
appraisal_chart_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  FpAppraisalView *self = user_data;
  FpChartKind kind;

  if (!fp_chart_kind_from_string (g_variant_get_string (parameter, NULL), &kind))
    {
      g_autofree char *message =
        g_strdup_printf (_("There is no chart “%s”: use net-benefit or running-cost"),
                         g_variant_get_string (parameter, NULL));

      toast (self, message);
      return;
    }

  self->chart_kind = kind;
  g_simple_action_set_state (action, parameter);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->export_chart_button), parameter);
  g_clear_pointer (&self->chart, fp_chart_free);
  if (self->appraisal != NULL)
    {
      self->chart = fp_chart_new_for_appraisal (self->appraisal, kind);
      g_clear_pointer (&self->chart->note, g_free);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

static const GActionEntry view_actions[] = {
  { "appraisal-options", appraisal_options_action, "as", "@as []", NULL, { 0 } },
  { "set-assumption", set_assumption_action, "(sd)", NULL, NULL, { 0 } },
  { "set-score", set_score_action, "(ssd)", NULL, NULL, { 0 } },
  { "set-weights", set_weights_action, "a{sd}", NULL, NULL, { 0 } },
  { "add-criterion", add_criterion_action, "s", NULL, NULL, { 0 } },
  { "remove-criterion", remove_criterion_action, "s", NULL, NULL, { 0 } },
  { "appraisal-chart", appraisal_chart_action, "s", "'net-benefit'", NULL, { 0 } },
};

/* ---- vfuncs --------------------------------------------------------------------- */

static void
fp_appraisal_view_map (GtkWidget *widget)
{
  FpAppraisalView *self = FP_APPRAISAL_VIEW (widget);

  GTK_WIDGET_CLASS (fp_appraisal_view_parent_class)->map (widget);
  if (self->dirty && self->refresh_id == 0)
    refresh (self);
}

static void
fp_appraisal_view_dispose (GObject *object)
{
  FpAppraisalView *self = FP_APPRAISAL_VIEW (object);

  fp_appraisal_view_set_workspace (self, NULL);
  g_clear_weak_pointer (&self->actions);
  gtk_widget_dispose_template (GTK_WIDGET (self), FP_TYPE_APPRAISAL_VIEW);

  G_OBJECT_CLASS (fp_appraisal_view_parent_class)->dispose (object);
}

static void
fp_appraisal_view_finalize (GObject *object)
{
  FpAppraisalView *self = FP_APPRAISAL_VIEW (object);

  g_clear_pointer (&self->appraisal, fp_appraisal_free);
  g_clear_pointer (&self->scoring, fp_scoring_free);
  g_clear_pointer (&self->chart, fp_chart_free);
  g_clear_pointer (&self->options, g_strfreev);
  g_clear_pointer (&self->option_rows, g_free);
  g_clear_pointer (&self->criteria_rows, g_free);
  g_clear_pointer (&self->weight_spins, g_ptr_array_unref);
  g_clear_pointer (&self->score_spins, g_ptr_array_unref);

  G_OBJECT_CLASS (fp_appraisal_view_parent_class)->finalize (object);
}

static void
fp_appraisal_view_class_init (FpAppraisalViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_appraisal_view_dispose;
  object_class->finalize = fp_appraisal_view_finalize;
  widget_class->map = fp_appraisal_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-appraisal-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, scroller);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, options_list);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, assumptions_list);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, criteria_list);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, weights_label);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, apply_weights_button);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, criterion_entry);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, basis_label);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, results_grid);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, sensitivity_label);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, export_chart_button);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, chart_area);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, scores_grid);
  gtk_widget_class_bind_template_child (widget_class, FpAppraisalView, ledger_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_weights_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_criterion_cb);
}

static void
fp_appraisal_view_init (FpAppraisalView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->all_options = TRUE;
  self->chart_kind = FP_CHART_NET_BENEFIT;
  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart_cb, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self->chart_area,
                           G_CONNECT_SWAPPED);
}

/* ---- public API ----------------------------------------------------------------- */

/**
 * fp_appraisal_view_add_actions:
 * @self: a view
 * @map: the window's action map
 *
 * Adds the view's actions (fp_appraisal_view_action_names) to @map, disabled until the view
 * has a workspace.
 */
void
fp_appraisal_view_add_actions (FpAppraisalView *self,
                               GActionMap      *map)
{
  g_return_if_fail (FP_IS_APPRAISAL_VIEW (self));

  g_action_map_add_action_entries (map, view_actions, G_N_ELEMENTS (view_actions), self);
  g_set_weak_pointer (&self->actions, map);
  for (guint i = 0; fp_appraisal_view_action_names[i] != NULL; i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                   map, fp_appraisal_view_action_names[i])), FALSE);
}

/**
 * fp_appraisal_view_set_workspace:
 * @self: a view
 * @workspace: (nullable): the document to appraise
 */
void
fp_appraisal_view_set_workspace (FpAppraisalView *self,
                                 FpWorkspace     *workspace)
{
  g_return_if_fail (FP_IS_APPRAISAL_VIEW (self));

  if (self->workspace == workspace)
    return;

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_set_object (&self->workspace, workspace);
  g_clear_pointer (&self->option_rows, g_free);
  g_clear_pointer (&self->criteria_rows, g_free);
  self->all_options = TRUE;
  g_clear_pointer (&self->options, g_strfreev);

  for (guint i = 0; self->actions != NULL && fp_appraisal_view_action_names[i] != NULL; i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                   self->actions, fp_appraisal_view_action_names[i])),
                                 workspace != NULL);

  if (workspace == NULL)
    return;

  g_signal_connect (workspace, "changed", G_CALLBACK (on_workspace_changed_cb), self);
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

/**
 * fp_appraisal_view_get_appraisal:
 * @self: a view
 *
 * Returns: (transfer none) (nullable): the appraisal shown
 */
const FpAppraisal *
fp_appraisal_view_get_appraisal (FpAppraisalView *self)
{
  g_return_val_if_fail (FP_IS_APPRAISAL_VIEW (self), NULL);
  return self->appraisal;
}

/**
 * fp_appraisal_view_is_settled:
 * @self: a view
 *
 * Returns: whether the view shows the document as it is (no appraisal is waiting)
 */
gboolean
fp_appraisal_view_is_settled (FpAppraisalView *self)
{
  g_return_val_if_fail (FP_IS_APPRAISAL_VIEW (self), TRUE);
  return self->refresh_id == 0 && !(self->dirty && gtk_widget_get_mapped (GTK_WIDGET (self)));
}
