/* fp-key-strip.h: the key figures of the scenario and year shown, always in view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_KEY_STRIP (fp_key_strip_get_type ())

G_DECLARE_FINAL_TYPE (FpKeyStrip, fp_key_strip, FP, KEY_STRIP, GtkWidget)

void      fp_key_strip_set_session (FpKeyStrip *self,
                                    FpSession  *session);
GVariant *fp_key_strip_get_shown   (FpKeyStrip *self);

G_END_DECLS
