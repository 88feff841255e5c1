/* fp-site-layer.h: every site of the scenario shown, drawn in one map layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <shumate/shumate.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_SITE_LAYER (fp_site_layer_get_type ())

G_DECLARE_FINAL_TYPE (FpSiteLayer, fp_site_layer, FP, SITE_LAYER, ShumateLayer)

FpSiteLayer *fp_site_layer_new            (ShumateViewport *viewport) G_GNUC_WARN_UNUSED_RESULT;
void         fp_site_layer_set_session    (FpSiteLayer     *self,
                                           FpSession       *session);
GArray      *fp_site_layer_pick_all       (FpSiteLayer     *self,
                                           double           x,
                                           double           y) G_GNUC_WARN_UNUSED_RESULT;
guint        fp_site_layer_pick           (FpSiteLayer     *self,
                                           double           x,
                                           double           y);
double       fp_site_layer_get_radius     (FpSiteLayer     *self,
                                           guint            index);
GArray      *fp_site_layer_get_visible    (FpSiteLayer     *self) G_GNUC_WARN_UNUSED_RESULT;
guint        fp_site_layer_get_n_frames   (FpSiteLayer     *self);

/* The smallest symbol (FP_SYMBOL_RADIUS_MIN, 7 px) is 18 px across at this scale. */
#define FP_SITE_LAYER_PROJECTOR_SCALE (9.0 / 7.0)
void         fp_site_layer_set_projector_scale (FpSiteLayer *self,
                                                double       scale);

void          fp_site_layer_set_transition_duration (FpSiteLayer *self,
                                                     guint        duration_ms);
AdwAnimation *fp_site_layer_get_transition          (FpSiteLayer *self);
void          fp_site_layer_get_opacity             (FpSiteLayer *self,
                                                     guint        index,
                                                     double      *now,
                                                     double      *before);

G_END_DECLS
