/* fp-figure-tile.c: a figure as a room reads it: what it is, how much, and which way it
 * moved against Do nothing (an arrow and words, with colour as a third cue, never the
 * only one).
 *
 * The tile shows text it is given: the core computes the figures and fp_format_* writes
 * them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-figure-tile"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-figure-tile.h"

struct _FpFigureTile
{
  GtkWidget  parent_instance;

  GtkLabel  *title_label;
  GtkLabel  *value_label;
  GtkLabel  *change_label;
};

G_DEFINE_FINAL_TYPE (FpFigureTile, fp_figure_tile, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Read aloud as one sentence: "Void cost a year: £12.3m. £1.1m less than Do nothing". */
static void
update_accessible_label (FpFigureTile *self)
{
  const char *change = gtk_label_get_label (self->change_label);
  g_autofree char *text = NULL;

  if (change != NULL && *change != '\0')
    /* Translators: a key figure read aloud: its title, value and change */
    text = g_strdup_printf (_("%s: %s. %s"), gtk_label_get_label (self->title_label),
                            gtk_label_get_label (self->value_label), change);
  else
    /* Translators: a key figure read aloud: its title and value */
    text = g_strdup_printf (_("%s: %s"), gtk_label_get_label (self->title_label),
                            gtk_label_get_label (self->value_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
fp_figure_tile_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_FIGURE_TILE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fp_figure_tile_parent_class)->dispose (object);
}

static void
fp_figure_tile_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FpFigureTile *self = FP_FIGURE_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_label (self->title_label));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_figure_tile_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FpFigureTile *self = FP_FIGURE_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      fp_figure_tile_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_figure_tile_class_init (FpFigureTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_figure_tile_dispose;
  object_class->get_property = fp_figure_tile_get_property;
  object_class->set_property = fp_figure_tile_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-figure-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, FpFigureTile, title_label);
  gtk_widget_class_bind_template_child (widget_class, FpFigureTile, value_label);
  gtk_widget_class_bind_template_child (widget_class, FpFigureTile, change_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-figure-tile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_figure_tile_init (FpFigureTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
fp_figure_tile_set_title (FpFigureTile *self,
                          const char   *title)
{
  g_return_if_fail (FP_IS_FIGURE_TILE (self));

  gtk_label_set_label (self->title_label, title);
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * fp_figure_tile_set_value:
 * @self: a tile
 * @value: the figure, formatted
 */
void
fp_figure_tile_set_value (FpFigureTile *self,
                          const char   *value)
{
  g_return_if_fail (FP_IS_FIGURE_TILE (self));

  gtk_label_set_label (self->value_label, value);
  update_accessible_label (self);
}

/**
 * fp_figure_tile_set_change:
 * @self: a tile
 * @text: (nullable): the change against Do nothing, in words
 * @direction: whether the change is for the better, for the worse, or neither
 */
void
fp_figure_tile_set_change (FpFigureTile   *self,
                           const char     *text,
                           FpFigureChange  direction)
{
  GtkWidget *label;

  g_return_if_fail (FP_IS_FIGURE_TILE (self));

  label = GTK_WIDGET (self->change_label);
  gtk_label_set_label (self->change_label, text != NULL ? text : "");
  gtk_widget_remove_css_class (label, "fp-better");
  gtk_widget_remove_css_class (label, "fp-worse");
  if (direction == FP_FIGURE_CHANGE_BETTER)
    gtk_widget_add_css_class (label, "fp-better");
  else if (direction == FP_FIGURE_CHANGE_WORSE)
    gtk_widget_add_css_class (label, "fp-worse");
  update_accessible_label (self);
}
