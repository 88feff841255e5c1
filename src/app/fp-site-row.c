/* fp-site-row.c: a site in the list, with the symbol the map draws for it.
 *
 * The symbol has the map's colour for the site (what the map is coloured by, in the year
 * shown), so the list and the map read the same way. GTK 4.8 gives list rows no
 * accessible name of their own; the row names itself and the list item that holds it,
 * so a screen reader reads "Acocks Green Medical Centre, GP practice, Leasehold".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-site-row"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-site-row.h"
#include "fp-site-symbol.h"
#include "fp-symbol-icon.h"

struct _FpSiteRow
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  FpSymbolIcon *icon;
  GtkLabel     *name_label;
  GtkLabel     *detail_label;
  GtkLabel     *pill;

  FpSession    *session;
  FpResultItem *item;
  gulong        notify_id;
  gulong        style_id;
};

G_DEFINE_FINAL_TYPE (FpSiteRow, fp_site_row, GTK_TYPE_WIDGET)

static void
name_list_item (FpSiteRow  *self,
                const char *text)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  if (parent != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    text, -1);
}

static void
update (FpSiteRow *self)
{
  g_autofree char *name = NULL, *subtitle = NULL, *type = NULL, *spoken = NULL;
  const char *pill = NULL;
  gboolean placed, opened, closed, left, held;
  int site_type;
  guint index;
  guint32 rgb = FP_STYLE_UNKNOWN;
  FpSiteSymbolStyle style = 0;

  if (self->item == NULL || self->session == NULL)
    return;

  g_object_get (self->item, "name", &name, "subtitle", &subtitle, "type-label", &type,
                "placed", &placed, "opened", &opened, "possibly-closed", &closed,
                "left", &left, "held", &held, "site-type", &site_type, "index", &index, NULL);

  {
    const FpResults *results = fp_session_get_results (self->session);
    FpColourBy by = fp_session_get_colour_by (self->session);
    g_autoptr(FpScale) scale = fp_scale_new_for_colour_by (
      by, fp_model_get_assumption (fp_session_get_model (self->session),
                                   "target_room_utilisation"));

    if (index < results->n_sites)
      rgb = fp_scale_colour (scale, fp_map_style_site_value (by, fp_session_get_estate (self->session),
                                                             results, index,
                                                             fp_session_get_year_index (self->session)));
  }

  if (closed)
    style |= FP_SITE_SYMBOL_STYLE_HOLLOW;
  if (opened)
    {
      style |= FP_SITE_SYMBOL_STYLE_NEW;
      /* Translators: a site the scenario opens, in the site list */
      pill = C_("site", "New");
    }
  if (left && held)
    {
      style |= FP_SITE_SYMBOL_STYLE_LEFT;
      pill = C_("site", "Leaving");
    }
  else if (left)
    {
      style |= FP_SITE_SYMBOL_STYLE_GONE;
      pill = C_("site", "Left");
    }
  if (!placed)
    pill = _("No location");

  g_object_set (self->icon, "site-type", site_type, "rgb", (int) rgb, "symbol-style", style,
                NULL);
  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->detail_label, subtitle);
  gtk_label_set_label (self->pill, pill);
  gtk_widget_set_visible (GTK_WIDGET (self->pill), pill != NULL);

  if (pill != NULL)
    /* Translators: a site in the list read aloud: name, type and tenure, state */
    spoken = g_strdup_printf (_("%s, %s, %s"), name, subtitle, pill);
  else
    /* Translators: a site in the list read aloud: name, type and tenure */
    spoken = g_strdup_printf (_("%s, %s"), name, subtitle);
  name_list_item (self, spoken);
}

static void
on_parent_changed_cb (FpSiteRow  *self,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  update (self);
}

static void
fp_site_row_dispose (GObject *object)
{
  FpSiteRow *self = FP_SITE_ROW (object);

  fp_site_row_unbind (self);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (fp_site_row_parent_class)->dispose (object);
}

static void
fp_site_row_class_init (FpSiteRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_site_row_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fp-site-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_site_row_init (FpSiteRow *self)
{
  GtkWidget *icon_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  /* A fixed slot, so names line up whatever the symbol's shape. */
  gtk_widget_set_size_request (icon_box, 28, -1);
  gtk_widget_set_valign (icon_box, GTK_ALIGN_CENTER);
  self->icon = FP_SYMBOL_ICON (fp_symbol_icon_new (-1, -1, 7.0, FALSE));
  gtk_box_append (GTK_BOX (icon_box), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (self->box), icon_box);

  self->name_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->name_label, 0);
  gtk_label_set_ellipsize (self->name_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_label), "fp-site-row-name");
  self->detail_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->detail_label, 0);
  gtk_label_set_ellipsize (self->detail_label, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->detail_label), "fp-secondary");
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->name_label));
  gtk_box_append (GTK_BOX (text), GTK_WIDGET (self->detail_label));
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (self->box), text);

  self->pill = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (self->pill), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->pill), "fp-pill");
  gtk_widget_set_visible (GTK_WIDGET (self->pill), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->pill));

  /* The list item may be attached after binding: name it then. */
  g_signal_connect (self, "notify::parent", G_CALLBACK (on_parent_changed_cb), NULL);
}

GtkWidget *
fp_site_row_new (void)
{
  return g_object_new (FP_TYPE_SITE_ROW, NULL);
}

/**
 * fp_site_row_bind:
 * @self: a row
 * @session: the session whose colours the symbol takes
 * @item: the site to show
 */
void
fp_site_row_bind (FpSiteRow    *self,
                  FpSession    *session,
                  FpResultItem *item)
{
  g_return_if_fail (FP_IS_SITE_ROW (self));

  fp_site_row_unbind (self);
  g_set_object (&self->session, session);
  g_set_object (&self->item, item);
  if (item != NULL)
    self->notify_id = g_signal_connect_swapped (item, "notify", G_CALLBACK (update), self);
  /* The symbol takes the map's colour, which changes with what the map is coloured by. */
  if (session != NULL)
    self->style_id = g_signal_connect_swapped (session, "style-changed", G_CALLBACK (update),
                                               self);
  update (self);
}

void
fp_site_row_unbind (FpSiteRow *self)
{
  g_return_if_fail (FP_IS_SITE_ROW (self));

  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_id, self->item);
  if (self->session != NULL)
    g_clear_signal_handler (&self->style_id, self->session);
  g_clear_object (&self->item);
  g_clear_object (&self->session);
}
