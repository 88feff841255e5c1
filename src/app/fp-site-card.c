/* fp-site-card.c: name, type, tenure, floor area, running and void cost, and sources.
 *
 * Values come from the estate and the core's per-site rules (fp_site_running_cost,
 * fp_site_void_cost) and are formatted by fp_format_*; each carries its provenance badge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-card"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "fp-prov-badge.h"
#include "fp-site-card.h"
#include "fp-symbol-icon.h"

struct _FpSiteCard
{
  GtkWidget     parent_instance;

  FpSymbolIcon *symbol;
  GtkLabel     *name_label;
  GtkLabel     *subtitle_label;
  GtkLabel     *status_label;
  GtkLabel     *gia_value;
  FpProvBadge  *gia_badge;
  GtkLabel     *cost_value;
  FpProvBadge  *cost_badge;
  GtkLabel     *void_value;
  FpProvBadge  *void_badge;
  GtkLabel     *sources_value;
  GtkLabel     *postcode_value;
};

G_DEFINE_FINAL_TYPE (FpSiteCard, fp_site_card, GTK_TYPE_WIDGET)

static void
fp_site_card_dispose (GObject *object)
{
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (object), FP_TYPE_SITE_CARD);
  /* The template's top-level box is not bound to a field, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (fp_site_card_parent_class)->dispose (object);
}

static void
fp_site_card_class_init (FpSiteCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_site_card_dispose;

  g_type_ensure (FP_TYPE_PROV_BADGE);
  g_type_ensure (FP_TYPE_SYMBOL_ICON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/fp-site-card.ui");
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, symbol);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, gia_value);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, gia_badge);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, cost_value);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, cost_badge);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, void_value);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, void_badge);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, sources_value);
  gtk_widget_class_bind_template_child (widget_class, FpSiteCard, postcode_value);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-site-card");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_site_card_init (FpSiteCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fp_site_card_set_site:
 * @self: a card
 * @document: the document
 * @index: a site of @document
 */
void
fp_site_card_set_site (FpSiteCard *self,
                       FpWorkspace *document,
                       guint       index)
{
  const FpEstate *estate;
  const FpSite *site;
  g_autofree char *subtitle = NULL;
  g_autofree char *gia = NULL;
  g_autofree char *cost = NULL;
  g_autofree char *void_cost = NULL;
  g_autofree char *sources = NULL;
  const char *status = NULL;

  g_return_if_fail (FP_IS_SITE_CARD (self));
  g_return_if_fail (FP_IS_WORKSPACE (document));

  estate = fp_workspace_get_estate (document);
  g_return_if_fail (index < estate->sites->len);
  site = fp_estate_get_site (estate, index);

  g_object_set (self->symbol,
                "site-type", (int) site->type,
                "tenure", (int) site->tenure,
                "hollow", site->status == FP_SITE_STATUS_POSSIBLY_CLOSED,
                NULL);

  gtk_label_set_label (self->name_label, site->name != NULL ? site->name : site->id);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_label (self->name_label), -1);
  /* Translators: a site's type and tenure, e.g. "GP practice · Leasehold" */
  subtitle = g_strdup_printf (_("%s · %s"), fp_site_type_to_label (site->type),
                              fp_tenure_to_label (site->tenure));
  gtk_label_set_label (self->subtitle_label, subtitle);

  if (!site->placed)
    status = _("No location: this site is not on the map");
  else if (site->status == FP_SITE_STATUS_POSSIBLY_CLOSED)
    status = _("Possibly closed: found only in older lists of services");
  gtk_label_set_label (self->status_label, status);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), status != NULL);

  gia = fp_format_area (site->numbers[FP_SITE_GIA_M2]);
  gtk_label_set_label (self->gia_value, gia);
  fp_prov_badge_set_kind (self->gia_badge, isnan (site->numbers[FP_SITE_GIA_M2])
                                             ? FP_PROV_NONE
                                             : site->prov[FP_SITE_GIA_M2].kind);

  /* Independent-sector sites carry no NHS running cost (the core's rule). */
  if (site->sector == FP_SECTOR_NHS && fp_site_has_costs (site))
    {
      cost = fp_format_money (fp_site_running_cost (site));
      void_cost = fp_format_money (fp_workspace_get_site_void_cost (document, index));
      fp_prov_badge_set_kind (self->cost_badge,
                              fp_workspace_get_site_cost_provenance (document, index));
      fp_prov_badge_set_kind (self->void_badge,
                              fp_workspace_get_site_void_provenance (document, index));
    }
  else
    {
      cost = fp_format_money (NAN);
      void_cost = fp_format_money (NAN);
      fp_prov_badge_set_kind (self->cost_badge, FP_PROV_NONE);
      fp_prov_badge_set_kind (self->void_badge, FP_PROV_NONE);
    }
  gtk_label_set_label (self->cost_value, cost);
  gtk_label_set_label (self->void_value, void_cost);

  sources = fp_format_count (fp_workspace_get_n_site_sources (document, index));
  gtk_label_set_label (self->sources_value, sources);

  gtk_label_set_label (self->postcode_value, site->texts[FP_SITE_POSTCODE] != NULL
                                               ? site->texts[FP_SITE_POSTCODE]
                                               : FP_FORMAT_UNKNOWN);
}
