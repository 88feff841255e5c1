/* fp-symbol-icon.c: draws one site symbol, exactly as the map draws it.
 *
 * A site type of -1 draws a plain circle (the legend's size key). The colour is @rgb when
 * set, else the tenure's, else (both -1) a neutral grey (the legend's shape key).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-symbol-icon"

#include "config.h"

#include "fp-palette.h"
#include "fp-site-symbol.h"
#include "fp-symbol-icon.h"

#define DEFAULT_RADIUS 7.0
#define NEUTRAL_GREY   0x737378

struct _FpSymbolIcon
{
  GtkWidget parent_instance;

  int       site_type;
  int       tenure;
  int       rgb;
  double    radius;
  gboolean  hollow;
  guint     symbol_style;
};

G_DEFINE_FINAL_TYPE (FpSymbolIcon, fp_symbol_icon, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SITE_TYPE,
  PROP_TENURE,
  PROP_RADIUS,
  PROP_HOLLOW,
  PROP_RGB,
  PROP_SYMBOL_STYLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
get_radius (FpSymbolIcon *self)
{
  return self->radius > 0 ? self->radius : DEFAULT_RADIUS;
}

static FpSiteSymbol
get_symbol (FpSymbolIcon *self)
{
  return self->site_type < 0 ? FP_SITE_SYMBOL_CIRCLE : fp_site_symbol_for_type (self->site_type);
}

static void
fp_symbol_icon_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  FpSymbolIcon *self = FP_SYMBOL_ICON (widget);
  double extent = fp_site_symbol_get_extent (get_symbol (self), get_radius (self),
                                             self->symbol_style);

  *minimum = *natural = (int) (2 * extent);
}

static void
fp_symbol_icon_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  FpSymbolIcon *self = FP_SYMBOL_ICON (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint32 rgb = NEUTRAL_GREY;
  cairo_t *cr;

  if (self->rgb >= 0)
    rgb = (guint32) self->rgb;
  else if (self->tenure >= 0)
    rgb = fp_palette_tenure (self->tenure);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  fp_site_symbol_draw (cr, get_symbol (self), width / 2.0, height / 2.0, get_radius (self),
                       rgb, self->symbol_style |
                            (self->hollow ? FP_SITE_SYMBOL_STYLE_HOLLOW : 0));
  cairo_destroy (cr);
}

static void
fp_symbol_icon_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FpSymbolIcon *self = FP_SYMBOL_ICON (object);

  switch (prop_id)
    {
    case PROP_SITE_TYPE:
      g_value_set_int (value, self->site_type);
      break;
    case PROP_TENURE:
      g_value_set_int (value, self->tenure);
      break;
    case PROP_RADIUS:
      g_value_set_double (value, self->radius);
      break;
    case PROP_HOLLOW:
      g_value_set_boolean (value, self->hollow);
      break;
    case PROP_RGB:
      g_value_set_int (value, self->rgb);
      break;
    case PROP_SYMBOL_STYLE:
      g_value_set_uint (value, self->symbol_style);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_symbol_icon_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FpSymbolIcon *self = FP_SYMBOL_ICON (object);

  switch (prop_id)
    {
    case PROP_SITE_TYPE:
      self->site_type = g_value_get_int (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_TENURE:
      self->tenure = g_value_get_int (value);
      break;
    case PROP_RADIUS:
      self->radius = g_value_get_double (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_HOLLOW:
      self->hollow = g_value_get_boolean (value);
      break;
    case PROP_RGB:
      self->rgb = g_value_get_int (value);
      break;
    case PROP_SYMBOL_STYLE:
      self->symbol_style = g_value_get_uint (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
fp_symbol_icon_class_init (FpSymbolIconClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = fp_symbol_icon_get_property;
  object_class->set_property = fp_symbol_icon_set_property;

  widget_class->measure = fp_symbol_icon_measure;
  widget_class->snapshot = fp_symbol_icon_snapshot;

  properties[PROP_SITE_TYPE] =
    g_param_spec_int ("site-type", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_TENURE] =
    g_param_spec_int ("tenure", NULL, NULL, -1, G_MAXINT, -1, flags);
  properties[PROP_RADIUS] =
    g_param_spec_double ("radius", NULL, NULL, 0, 64, 0, flags);
  properties[PROP_HOLLOW] =
    g_param_spec_boolean ("hollow", NULL, NULL, FALSE, flags);
  /* 0xRRGGBB, or -1 for the tenure's colour */
  properties[PROP_RGB] =
    g_param_spec_int ("rgb", NULL, NULL, -1, 0xFFFFFF, -1, flags);
  /* FpSiteSymbolStyle flags */
  properties[PROP_SYMBOL_STYLE] =
    g_param_spec_uint ("symbol-style", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "fp-symbol-icon");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
fp_symbol_icon_init (FpSymbolIcon *self)
{
  self->site_type = -1;
  self->tenure = -1;
  self->rgb = -1;
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

/**
 * fp_symbol_icon_new:
 * @site_type: an #FpSiteType, or -1 for a plain circle
 * @tenure: an #FpTenure, or -1 for neutral grey
 * @radius: the radius, or 0 for the list default
 * @hollow: whether drawn as a possibly closed site
 *
 * Returns: (transfer floating): the icon
 */
GtkWidget *
fp_symbol_icon_new (int      site_type,
                    int      tenure,
                    double   radius,
                    gboolean hollow)
{
  return g_object_new (FP_TYPE_SYMBOL_ICON,
                       "site-type", site_type,
                       "tenure", tenure,
                       "radius", radius,
                       "hollow", hollow,
                       NULL);
}
