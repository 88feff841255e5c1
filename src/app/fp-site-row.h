/* fp-site-row.h: one row of the site list: symbol, name, type, tenure and state.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_SITE_ROW (fp_site_row_get_type ())

G_DECLARE_FINAL_TYPE (FpSiteRow, fp_site_row, FP, SITE_ROW, GtkWidget)

GtkWidget    *fp_site_row_new      (void);
void          fp_site_row_bind     (FpSiteRow    *self,
                                    FpSession    *session,
                                    FpResultItem *item);
void          fp_site_row_unbind   (FpSiteRow    *self);

G_END_DECLS
