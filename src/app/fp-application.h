/* fp-application.h: the Footprint application: documents, windows and app-wide actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FP_TYPE_APPLICATION (fp_application_get_type ())

G_DECLARE_FINAL_TYPE (FpApplication, fp_application, FP, APPLICATION, AdwApplication)

FpApplication *fp_application_new             (void) G_GNUC_WARN_UNUSED_RESULT;
GSettings     *fp_application_get_settings    (FpApplication *self);
int            fp_application_get_exit_status (FpApplication *self);

G_END_DECLS
