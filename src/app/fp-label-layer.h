/* fp-label-layer.h: place names over the sites, so symbols never hide them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "fp-basemap.h"

G_BEGIN_DECLS

#define FP_TYPE_LABEL_LAYER (fp_label_layer_get_type ())

G_DECLARE_FINAL_TYPE (FpLabelLayer, fp_label_layer, FP, LABEL_LAYER, ShumateLayer)

FpLabelLayer *fp_label_layer_new (ShumateViewport *viewport,
                                  FpBasemap       *basemap) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
