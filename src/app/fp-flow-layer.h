/* fp-flow-layer.h: the current scenario's moves and reallocations, as arrows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_FLOW_LAYER (fp_flow_layer_get_type ())

G_DECLARE_FINAL_TYPE (FpFlowLayer, fp_flow_layer, FP, FLOW_LAYER, ShumateLayer)

FpFlowLayer *fp_flow_layer_new          (ShumateViewport *viewport) G_GNUC_WARN_UNUSED_RESULT;
void         fp_flow_layer_set_session  (FpFlowLayer     *self,
                                         FpSession       *session);
double       fp_flow_layer_get_max      (FpFlowLayer     *self);
guint        fp_flow_layer_get_n_flows  (FpFlowLayer     *self);

void         fp_flow_layer_set_width_scale (FpFlowLayer   *self,
                                            double         scale);

void         fp_flow_layer_set_growing     (FpFlowLayer   *self,
                                            gboolean       growing);

G_END_DECLS
