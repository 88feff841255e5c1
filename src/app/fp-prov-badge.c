/* fp-prov-badge.c: says where a number came from, in one word and a colour.
 *
 * Every figure the app shows is measured (from a named source), estimated (by a named
 * method) or assumed (entered by someone); the badge makes that visible next to the
 * number. With no provenance it hides itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-prov-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-prov-badge.h"

struct _FpProvBadge
{
  GtkWidget   parent_instance;

  GtkLabel   *label;
  FpProvKind  kind;
};

G_DEFINE_FINAL_TYPE (FpProvBadge, fp_prov_badge, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_classes[FP_N_PROV_KINDS] = {
  NULL, "measured", "estimated", "assumed",
};

static void
fp_prov_badge_dispose (GObject *object)
{
  FpProvBadge *self = FP_PROV_BADGE (object);

  if (self->label != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->label));
      self->label = NULL;
    }

  G_OBJECT_CLASS (fp_prov_badge_parent_class)->dispose (object);
}

static void
fp_prov_badge_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FpProvBadge *self = FP_PROV_BADGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_prov_badge_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FpProvBadge *self = FP_PROV_BADGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      fp_prov_badge_set_kind (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_prov_badge_class_init (FpProvBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_prov_badge_dispose;
  object_class->get_property = fp_prov_badge_get_property;
  object_class->set_property = fp_prov_badge_set_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, FP_N_PROV_KINDS - 1, FP_PROV_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-prov-badge");
}

static void
fp_prov_badge_init (FpProvBadge *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * fp_prov_badge_set_kind:
 * @self: a badge
 * @kind: where the figure came from; %FP_PROV_NONE hides the badge
 */
void
fp_prov_badge_set_kind (FpProvBadge *self,
                        FpProvKind   kind)
{
  g_return_if_fail (FP_IS_PROV_BADGE (self));
  g_return_if_fail ((guint) kind < FP_N_PROV_KINDS);

  if (self->kind == kind)
    return;

  if (kind_classes[self->kind] != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), kind_classes[self->kind]);
  self->kind = kind;
  if (kind_classes[kind] != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), kind_classes[kind]);

  switch (kind)
    {
    case FP_PROV_MEASURED:
      /* Translators: a badge beside a figure taken from a published source */
      gtk_label_set_label (self->label, _("Measured"));
      break;
    case FP_PROV_ESTIMATED:
      /* Translators: a badge beside a figure estimated by a documented method */
      gtk_label_set_label (self->label, _("Estimated"));
      break;
    case FP_PROV_ASSUMED:
      /* Translators: a badge beside a figure a user entered */
      gtk_label_set_label (self->label, _("Assumed"));
      break;
    case FP_PROV_NONE:
    case FP_N_PROV_KINDS:
    default:
      gtk_label_set_label (self->label, NULL);
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self), kind != FP_PROV_NONE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

FpProvKind
fp_prov_badge_get_kind (FpProvBadge *self)
{
  g_return_val_if_fail (FP_IS_PROV_BADGE (self), FP_PROV_NONE);
  return self->kind;
}
