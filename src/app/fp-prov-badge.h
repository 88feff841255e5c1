/* fp-prov-badge.h: a small "Measured" / "Estimated" / "Assumed" tag beside a figure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_PROV_BADGE (fp_prov_badge_get_type ())

G_DECLARE_FINAL_TYPE (FpProvBadge, fp_prov_badge, FP, PROV_BADGE, GtkWidget)

void       fp_prov_badge_set_kind (FpProvBadge *self,
                                   FpProvKind   kind);
FpProvKind fp_prov_badge_get_kind (FpProvBadge *self);

G_END_DECLS
