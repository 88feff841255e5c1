/* fp-site-item.h: one site of an estate as an object a list can bind to.
 *
 * GLib only (no GTK), so it can move to the core with FpWorkspace.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "fp-estate.h"

G_BEGIN_DECLS

#define FP_TYPE_SITE_ITEM (fp_site_item_get_type ())

G_DECLARE_FINAL_TYPE (FpSiteItem, fp_site_item, FP, SITE_ITEM, GObject)

FpSiteItem *fp_site_item_new             (const FpEstate *estate,
                                          guint           index) G_GNUC_WARN_UNUSED_RESULT;
guint       fp_site_item_get_index       (FpSiteItem     *self);
const char *fp_site_item_get_name        (FpSiteItem     *self);
const char *fp_site_item_get_subtitle    (FpSiteItem     *self);
FpSiteType  fp_site_item_get_site_type   (FpSiteItem     *self);
FpTenure    fp_site_item_get_tenure      (FpSiteItem     *self);
gboolean    fp_site_item_get_placed      (FpSiteItem     *self);
gboolean    fp_site_item_get_possibly_closed (FpSiteItem *self);

G_END_DECLS
