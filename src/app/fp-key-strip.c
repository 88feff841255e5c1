/* fp-key-strip.c: running cost, void cost, saving, receipts, sites over target, unplaced
 * activity and the urgent care access headline, each with its change against Do nothing
 * in the same year.
 *
 * The figures are the core's (fp_key_figures_compute and _compare, through the session);
 * this file only writes them in words with fp_format_*.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-key-strip"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-figure-tile.h"
#include "fp-key-strip.h"

typedef enum
{
  KIND_MONEY,
  KIND_COUNT,
  KIND_SHARE,
} Kind;

/* The tiles, in order: which figure, how it is written, and which way is better. */
static const struct
{
  FpKeyFigure figure;
  Kind        kind;
  int         better;   /* +1: more is better, -1: less is better */
} tiles[] = {
  { FP_KEY_RUNNING_COST, KIND_MONEY, -1 },
  { FP_KEY_VOID_COST, KIND_MONEY, -1 },
  { FP_KEY_REVENUE_SAVING, KIND_MONEY, +1 },
  { FP_KEY_CAPITAL_RECEIPTS, KIND_MONEY, +1 },
  { FP_KEY_SITES_OVER_TARGET, KIND_COUNT, -1 },
  { FP_KEY_UNPLACED_ROOM_HOURS, KIND_COUNT, -1 },
  { FP_KEY_ACCESS_SHARE, KIND_SHARE, +1 },
  { FP_KEY_ACCESS_SHARE_DEPRIVED, KIND_SHARE, +1 },
};

#define N_TILES G_N_ELEMENTS (tiles)

struct _FpKeyStrip
{
  GtkWidget     parent_instance;

  GtkBox       *box;
  FpFigureTile *tiles[N_TILES];

  FpSession    *session;
  gulong        results_changed_id;
  gulong        access_changed_id;
  GVariant     *shown;          /* a{sd}: the figures written on the tiles */
};

G_DEFINE_FINAL_TYPE (FpKeyStrip, fp_key_strip, GTK_TYPE_WIDGET)

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

/* "▲ £1.2m more", "▼ 3 fewer", "No change". For the access shares the change is told in
 * people, which is what a room weighs, not in percentage points. */
static char *
describe_change (Kind            kind,
                 double          change,
                 int             better,
                 FpFigureChange *direction)
{
  double size = fabs (change);
  g_autofree char *amount = NULL;

  *direction = FP_FIGURE_CHANGE_NONE;
  if (isnan (change))
    return NULL;

  if ((kind == KIND_MONEY && size < 0.5) || (kind != KIND_MONEY && size < 0.5))
    return g_strdup (_("No change"));

  *direction = (change > 0) == (better > 0) ? FP_FIGURE_CHANGE_BETTER : FP_FIGURE_CHANGE_WORSE;
  amount = kind == KIND_MONEY ? fp_format_money_short (size) : fp_format_count (size);

  if (kind == KIND_MONEY)
    /* Translators: a change against Do nothing, e.g. "▲ £1.2m more" */
    return g_strdup_printf (change > 0 ? _("▲ %s more") : _("▼ %s less"), amount);
  if (kind == KIND_SHARE)
    /* Translators: a change in the people within reach, e.g. "▼ 5,200 fewer people" */
    return g_strdup_printf (change > 0 ? _("▲ %s more people") : _("▼ %s fewer people"),
                            amount);
  /* Translators: a change in a count, e.g. "▲ 3 more" */
  return g_strdup_printf (change > 0 ? _("▲ %s more") : _("▼ %s fewer"), amount);
}

/* With Do nothing shown there is nothing to compare with: the line under the figure says
 * what it counts instead. */
static char *
describe_baseline (const FpKeyFigures *figures,
                   FpKeyFigure         figure,
                   int                 year)
{
  switch (figure)
    {
    case FP_KEY_RUNNING_COST:
    case FP_KEY_VOID_COST:
      return g_strdup (_("a year"));
    case FP_KEY_REVENUE_SAVING:
      return g_strdup (_("against Do nothing"));
    case FP_KEY_CAPITAL_RECEIPTS:
      /* Translators: capital receipts counted up to a year, e.g. "to 2030" */
      return g_strdup_printf (_("to %d"), year);
    case FP_KEY_SITES_OVER_TARGET:
      return g_strdup (_("sites"));
    case FP_KEY_UNPLACED_ROOM_HOURS:
      return g_strdup (_("room-hours a year"));
    case FP_KEY_ACCESS_SHARE:
      {
        g_autofree char *people = fp_format_count (figures->value[FP_KEY_ACCESS_PEOPLE]);

        /* Translators: people within reach, e.g. "1,309,000 people" */
        return g_strdup_printf (_("%s people"), people);
      }
    case FP_KEY_ACCESS_SHARE_DEPRIVED:
      {
        g_autofree char *people = fp_format_count (figures->value[FP_KEY_ACCESS_PEOPLE_DEPRIVED]);

        return g_strdup_printf (_("%s people"), people);
      }
    case FP_KEY_UNPLACED_BED_DAYS:
    case FP_KEY_UNPLACED_DESK_DAYS:
    case FP_KEY_ACCESS_PEOPLE:
    case FP_KEY_ACCESS_PEOPLE_DEPRIVED:
    case FP_N_KEY_FIGURES:
    default:
      return NULL;
    }
}

static void
update (FpKeyStrip *self)
{
  const FpKeyFigures *figures;
  gboolean do_nothing;
  int year;

  if (self->session == NULL)
    return;

  figures = fp_session_get_key_figures (self->session);
  do_nothing = fp_session_is_do_nothing (self->session);
  year = fp_session_get_year (self->session);

  /* What the tiles say, for scripts and tests (win.key-figures): every figure and its
   * change against Do nothing, by the names exports use. */
  {
    GVariantBuilder builder;

    g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
    g_variant_builder_add (&builder, "{sd}", "year", (double) year);
    for (guint f = 0; f < FP_N_KEY_FIGURES; f++)
      {
        g_autofree char *change = g_strconcat (fp_key_figure_name (f), "_change", NULL);

        g_variant_builder_add (&builder, "{sd}", fp_key_figure_name (f), figures->value[f]);
        g_variant_builder_add (&builder, "{sd}", change, figures->change[f]);
      }
    g_clear_pointer (&self->shown, g_variant_unref);
    self->shown = g_variant_ref_sink (g_variant_builder_end (&builder));
  }

  for (guint i = 0; i < N_TILES; i++)
    {
      FpKeyFigure f = tiles[i].figure;
      g_autofree char *value = format_value (tiles[i].kind, figures->value[f]);
      g_autofree char *change = NULL;
      FpFigureChange direction = FP_FIGURE_CHANGE_NONE;
      double delta = figures->change[f];

      /* The access shares change in people (their people figures). */
      if (f == FP_KEY_ACCESS_SHARE)
        delta = figures->change[FP_KEY_ACCESS_PEOPLE];
      else if (f == FP_KEY_ACCESS_SHARE_DEPRIVED)
        delta = figures->change[FP_KEY_ACCESS_PEOPLE_DEPRIVED];

      if (do_nothing)
        change = describe_baseline (figures, f, year);
      else
        change = describe_change (tiles[i].kind, delta, tiles[i].better, &direction);

      fp_figure_tile_set_value (self->tiles[i], value);
      fp_figure_tile_set_change (self->tiles[i], change, direction);
    }

  /* The unplaced tile says when beds or desks are left over too. */
  {
    double beds = figures->value[FP_KEY_UNPLACED_BED_DAYS];
    double desks = figures->value[FP_KEY_UNPLACED_DESK_DAYS];
    g_autofree char *tip = NULL;
    g_autofree char *b = fp_format_count (beds);
    g_autofree char *d = fp_format_count (desks);

    /* Translators: the tooltip of the unplaced activity figure */
    tip = g_strdup_printf (_("Activity no site could take in %d, in room-hours a year. "
                             "Also unplaced: %s bed-days and %s desk-days."), year, b, d);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->tiles[5]), tip);
  }

  {
    g_autofree char *tip = NULL;
    g_autofree char *deprived_tip = NULL;
    g_autofree char *people = fp_format_count (figures->value[FP_KEY_ACCESS_PEOPLE]);
    g_autofree char *deprived = fp_format_count (figures->value[FP_KEY_ACCESS_PEOPLE_DEPRIVED]);
    g_autofree char *threshold = fp_format_count (figures->access_threshold);

    /* Translators: the tooltip of the access figure: people, minutes, year */
    tip = g_strdup_printf (_("%s people live within %s minutes by car of an urgent care or "
                             "walk-in centre in %d (estimated from road distance)."),
                           people, threshold, year);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->tiles[6]), tip);
    /* Translators: the tooltip of the deprived access figure: people, minutes, year */
    deprived_tip = g_strdup_printf (_("%s people in the most deprived fifth of areas (IMD "
                                      "2019 deciles 1 and 2) live within %s minutes by car "
                                      "of an urgent care or walk-in centre in %d."),
                                    deprived, threshold, year);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->tiles[7]), deprived_tip);
  }
}

static void
fp_key_strip_dispose (GObject *object)
{
  FpKeyStrip *self = FP_KEY_STRIP (object);

  fp_key_strip_set_session (self, NULL);
  g_clear_pointer (&self->shown, g_variant_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_KEY_STRIP);

  G_OBJECT_CLASS (fp_key_strip_parent_class)->dispose (object);
}

static void
fp_key_strip_class_init (FpKeyStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_key_strip_dispose;

  g_type_ensure (FP_TYPE_FIGURE_TILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-key-strip.ui");
  gtk_widget_class_bind_template_child (widget_class, FpKeyStrip, box);
  gtk_widget_class_bind_template_child_full (widget_class, "running_tile", FALSE,
                                             G_STRUCT_OFFSET (FpKeyStrip, tiles[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "void_tile", FALSE,
                                             G_STRUCT_OFFSET (FpKeyStrip, tiles[1]));
  gtk_widget_class_bind_template_child_full (widget_class, "saving_tile", FALSE,
                                             G_STRUCT_OFFSET (FpKeyStrip, tiles[2]));
  gtk_widget_class_bind_template_child_full (widget_class, "receipts_tile", FALSE,
                                             G_STRUCT_OFFSET (FpKeyStrip, tiles[3]));
  gtk_widget_class_bind_template_child_full (widget_class, "over_tile", FALSE,
                                             G_STRUCT_OFFSET (FpKeyStrip, tiles[4]));
  gtk_widget_class_bind_template_child_full (widget_class, "unplaced_tile", FALSE,
                                             G_STRUCT_OFFSET (FpKeyStrip, tiles[5]));
  gtk_widget_class_bind_template_child_full (widget_class, "access_tile", FALSE,
                                             G_STRUCT_OFFSET (FpKeyStrip, tiles[6]));
  gtk_widget_class_bind_template_child_full (widget_class, "deprived_tile", FALSE,
                                             G_STRUCT_OFFSET (FpKeyStrip, tiles[7]));

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-key-strip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_key_strip_init (FpKeyStrip *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fp_key_strip_set_session:
 * @self: a strip
 * @session: (nullable): the session whose figures to show
 */
void
fp_key_strip_set_session (FpKeyStrip *self,
                          FpSession  *session)
{
  g_return_if_fail (FP_IS_KEY_STRIP (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_clear_signal_handler (&self->results_changed_id, self->session);
      g_clear_signal_handler (&self->access_changed_id, self->session);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      self->results_changed_id = g_signal_connect_swapped (session, "results-changed",
                                                           G_CALLBACK (update), self);
      self->access_changed_id = g_signal_connect_swapped (session, "access-changed",
                                                          G_CALLBACK (update), self);
      update (self);
    }
}

/**
 * fp_key_strip_get_shown:
 * @self: a strip
 *
 * Returns: (transfer none): the figures the tiles show, as `a{sd}`: each key figure by its
 *   name (fp_key_figure_name()) and its change against Do nothing as NAME_change (NAN
 *   where undefined), and the year
 */
GVariant *
fp_key_strip_get_shown (FpKeyStrip *self)
{
  g_return_val_if_fail (FP_IS_KEY_STRIP (self), NULL);

  if (self->shown == NULL)
    self->shown = g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{sd}"), NULL, 0));
  return self->shown;
}
