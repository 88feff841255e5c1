/* fp-site-layer.h: every placed site of the estate, drawn by one map layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_SITE_NONE G_MAXUINT

#define FP_TYPE_SITE_LAYER (fp_site_layer_get_type ())

G_DECLARE_FINAL_TYPE (FpSiteLayer, fp_site_layer, FP, SITE_LAYER, ShumateLayer)

FpSiteLayer *fp_site_layer_new          (ShumateViewport *viewport) G_GNUC_WARN_UNUSED_RESULT;
void         fp_site_layer_set_document (FpSiteLayer     *self,
                                         FpWorkspace      *document);
void         fp_site_layer_set_selected (FpSiteLayer     *self,
                                         guint            index);
guint        fp_site_layer_get_selected (FpSiteLayer     *self);
guint        fp_site_layer_pick         (FpSiteLayer     *self,
                                         double           x,
                                         double           y);
guint        fp_site_layer_get_n_frames (FpSiteLayer     *self);

G_END_DECLS
