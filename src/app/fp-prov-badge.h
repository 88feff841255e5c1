/* fp-prov-badge.h: a small button saying where a figure came from; pressing it (or Enter
 * on it) explains in words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_PROV_BADGE (fp_prov_badge_get_type ())

G_DECLARE_FINAL_TYPE (FpProvBadge, fp_prov_badge, FP, PROV_BADGE, GtkWidget)

GtkWidget  *fp_prov_badge_new             (void);
void        fp_prov_badge_set_kind        (FpProvBadge        *self,
                                           FpProvKind          kind);
FpProvKind  fp_prov_badge_get_kind        (FpProvBadge        *self);
void        fp_prov_badge_set_explanation (FpProvBadge        *self,
                                           const char         *explanation);
void        fp_prov_badge_set_provenance  (FpProvBadge        *self,
                                           const FpEstate     *estate,
                                           const FpProvenance *prov);
void        fp_prov_badge_set_computed    (FpProvBadge        *self,
                                           const char         *explanation);

G_END_DECLS
