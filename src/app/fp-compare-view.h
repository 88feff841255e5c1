/* fp-compare-view.h: two to four options side by side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_COMPARE_VIEW (fp_compare_view_get_type ())

G_DECLARE_FINAL_TYPE (FpCompareView, fp_compare_view, FP, COMPARE_VIEW, GtkWidget)

void      fp_compare_view_set_session         (FpCompareView       *self,
                                               FpSession           *session);
gboolean  fp_compare_view_set_options         (FpCompareView       *self,
                                               const char * const  *names,
                                               GError             **error);
GVariant *fp_compare_view_get_options_variant (FpCompareView       *self);
gboolean  fp_compare_view_is_settled          (FpCompareView       *self);
gboolean  fp_compare_view_set_page            (FpCompareView       *self,
                                               const char          *page);

G_END_DECLS
