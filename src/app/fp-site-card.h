/* fp-site-card.h: the facts of one site, shown over the map when it is selected.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_SITE_CARD (fp_site_card_get_type ())

G_DECLARE_FINAL_TYPE (FpSiteCard, fp_site_card, FP, SITE_CARD, GtkWidget)

void fp_site_card_set_site (FpSiteCard *self,
                            FpWorkspace *document,
                            guint       index);

G_END_DECLS
