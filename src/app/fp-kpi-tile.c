/* fp-kpi-tile.c: a title, a large formatted value, a line of detail and a provenance badge.
 *
 * The tile shows text it is given; the numbers are computed by the core and formatted by
 * fp_format_* before they reach it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-kpi-tile"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-kpi-tile.h"
#include "fp-prov-badge.h"

struct _FpKpiTile
{
  GtkWidget    parent_instance;

  GtkLabel    *title_label;
  GtkLabel    *value_label;
  GtkLabel    *detail_label;
  FpProvBadge *badge;
};

G_DEFINE_FINAL_TYPE (FpKpiTile, fp_kpi_tile, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A screen reader reads the tile as one sentence: "Population: 1,361,141, estimated". */
static void
update_accessible_label (FpKpiTile *self)
{
  const char *title = gtk_label_get_label (self->title_label);
  const char *value = gtk_label_get_label (self->value_label);
  g_autofree char *text = NULL;

  /* Translators: a summary tile read aloud: its title and its value */
  text = g_strdup_printf (_("%s: %s"), title, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
fp_kpi_tile_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_KPI_TILE);
  /* The template's top-level box is not bound to a field, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fp_kpi_tile_parent_class)->dispose (object);
}

static void
fp_kpi_tile_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FpKpiTile *self = FP_KPI_TILE (object);

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
fp_kpi_tile_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  FpKpiTile *self = FP_KPI_TILE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      fp_kpi_tile_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_kpi_tile_class_init (FpKpiTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_kpi_tile_dispose;
  object_class->get_property = fp_kpi_tile_get_property;
  object_class->set_property = fp_kpi_tile_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FP_TYPE_PROV_BADGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/fp-kpi-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, FpKpiTile, title_label);
  gtk_widget_class_bind_template_child (widget_class, FpKpiTile, value_label);
  gtk_widget_class_bind_template_child (widget_class, FpKpiTile, detail_label);
  gtk_widget_class_bind_template_child (widget_class, FpKpiTile, badge);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-kpi-tile");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_kpi_tile_init (FpKpiTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
fp_kpi_tile_set_title (FpKpiTile  *self,
                       const char *title)
{
  g_return_if_fail (FP_IS_KPI_TILE (self));

  gtk_label_set_label (self->title_label, title);
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

/**
 * fp_kpi_tile_set_value:
 * @self: a tile
 * @value: the figure, already formatted
 */
void
fp_kpi_tile_set_value (FpKpiTile  *self,
                       const char *value)
{
  g_return_if_fail (FP_IS_KPI_TILE (self));

  gtk_label_set_label (self->value_label, value);
  update_accessible_label (self);
}

/**
 * fp_kpi_tile_set_detail:
 * @self: a tile
 * @detail: (nullable): a line or two under the figure
 */
void
fp_kpi_tile_set_detail (FpKpiTile  *self,
                        const char *detail)
{
  g_return_if_fail (FP_IS_KPI_TILE (self));

  gtk_label_set_label (self->detail_label, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), detail != NULL && *detail != '\0');
}

/**
 * fp_kpi_tile_set_provenance:
 * @self: a tile
 * @kind: where the figure came from
 * @explanation: (nullable): the sources and methods, shown when the badge is pressed
 */
void
fp_kpi_tile_set_provenance (FpKpiTile  *self,
                            FpProvKind  kind,
                            const char *explanation)
{
  g_return_if_fail (FP_IS_KPI_TILE (self));

  fp_prov_badge_set_kind (self->badge, kind);
  fp_prov_badge_set_explanation (self->badge, explanation);
}
