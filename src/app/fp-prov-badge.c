/* fp-prov-badge.c: "Measured", "Estimated", "Assumed" or "Computed", as a small button.
 *
 * A tooltip cannot be reached by keyboard and does not wrap; the explanation is a popover
 * instead, opened by a click or by Enter or Space when the badge has the focus, with the
 * text wrapped to a readable width.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-prov-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-prov-badge.h"
#include "fp-provenance-text.h"

struct _FpProvBadge
{
  GtkWidget      parent_instance;

  GtkMenuButton *button;
  GtkLabel      *label;
  GtkLabel      *explanation;
  FpProvKind     kind;
  gboolean       computed;
};

G_DEFINE_FINAL_TYPE (FpProvBadge, fp_prov_badge, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_classes[] = {
  NULL, "measured", "estimated", "assumed", "computed",
};

static void
show_kind (FpProvBadge *self,
           guint        index,
           const char  *text,
           const char  *spoken)
{
  for (guint i = 1; i < G_N_ELEMENTS (kind_classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self), kind_classes[i]);
  if (kind_classes[index] != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), kind_classes[index]);

  gtk_label_set_label (self->label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken, -1);
  gtk_widget_set_visible (GTK_WIDGET (self), index != 0);
}

static void
fp_prov_badge_dispose (GObject *object)
{
  FpProvBadge *self = FP_PROV_BADGE (object);

  if (self->button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->button));
      self->button = NULL;
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
  GtkWidget *popover = gtk_popover_new ();

  self->label = GTK_LABEL (gtk_label_new (NULL));
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->button, GTK_WIDGET (self->label));
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  self->explanation = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->explanation, TRUE);
  gtk_label_set_wrap_mode (self->explanation, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (self->explanation, 44);
  gtk_label_set_width_chars (self->explanation, 24);
  gtk_label_set_xalign (self->explanation, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->explanation), "fp-prov-explanation");
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->explanation));
  gtk_menu_button_set_popover (self->button, popover);

  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
fp_prov_badge_new (void)
{
  return g_object_new (FP_TYPE_PROV_BADGE, NULL);
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

  self->computed = FALSE;
  self->kind = kind;
  switch (kind)
    {
    case FP_PROV_MEASURED:
      /* Translators: a badge beside a figure taken from a published source */
      show_kind (self, kind, _("Measured"), _("Measured: where this figure came from"));
      break;
    case FP_PROV_ESTIMATED:
      /* Translators: a badge beside a figure estimated by a documented method */
      show_kind (self, kind, _("Estimated"), _("Estimated: how this figure was estimated"));
      break;
    case FP_PROV_ASSUMED:
      /* Translators: a badge beside a figure a user entered */
      show_kind (self, kind, _("Assumed"), _("Assumed: who entered this figure"));
      break;
    case FP_PROV_NONE:
    case FP_N_PROV_KINDS:
    default:
      show_kind (self, 0, NULL, NULL);
      break;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

FpProvKind
fp_prov_badge_get_kind (FpProvBadge *self)
{
  g_return_val_if_fail (FP_IS_PROV_BADGE (self), FP_PROV_NONE);
  return self->kind;
}

/**
 * fp_prov_badge_set_explanation:
 * @self: a badge
 * @explanation: (nullable): the sources and methods in plain words
 */
void
fp_prov_badge_set_explanation (FpProvBadge *self,
                               const char  *explanation)
{
  g_return_if_fail (FP_IS_PROV_BADGE (self));

  gtk_label_set_label (self->explanation, explanation);
  gtk_widget_set_sensitive (GTK_WIDGET (self->button), explanation != NULL);
}

/**
 * fp_prov_badge_set_provenance:
 * @self: a badge
 * @estate: the estate the provenance names sources and methods of
 * @prov: (nullable): a value's provenance; %NULL hides the badge
 */
void
fp_prov_badge_set_provenance (FpProvBadge        *self,
                              const FpEstate     *estate,
                              const FpProvenance *prov)
{
  g_autofree char *text = NULL;

  g_return_if_fail (FP_IS_PROV_BADGE (self));

  fp_prov_badge_set_kind (self, prov != NULL ? prov->kind : FP_PROV_NONE);
  if (prov != NULL && prov->kind != FP_PROV_NONE)
    text = fp_provenance_describe (estate, prov);
  fp_prov_badge_set_explanation (self, text);
}

/**
 * fp_prov_badge_set_computed:
 * @self: a badge
 * @explanation: how the figure is worked out from others
 */
void
fp_prov_badge_set_computed (FpProvBadge *self,
                            const char  *explanation)
{
  g_autofree char *text = fp_provenance_describe_computed (explanation);

  g_return_if_fail (FP_IS_PROV_BADGE (self));

  self->kind = FP_PROV_NONE;
  self->computed = TRUE;
  /* Translators: a badge beside a figure Footprint works out from others */
  show_kind (self, 4, _("Computed"), _("Computed: how this figure is worked out"));
  fp_prov_badge_set_explanation (self, text);
}
