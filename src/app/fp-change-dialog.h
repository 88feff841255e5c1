/* fp-change-dialog.h: the small dialog that adds a change to the scenario shown, or edits
 * one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_CHANGE_DIALOG (fp_change_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FpChangeDialog, fp_change_dialog, FP, CHANGE_DIALOG, AdwWindow)

FpChangeDialog *fp_change_dialog_new             (GtkWindow      *parent,
                                                  FpSession      *session,
                                                  FpChangeKind    kind,
                                                  const char     *site_id,
                                                  double          lat,
                                                  double          lon);
FpChangeDialog *fp_change_dialog_new_for_change  (GtkWindow      *parent,
                                                  FpSession      *session,
                                                  const FpChange *change,
                                                  guint           position);
gboolean        fp_change_dialog_get_position    (FpChangeDialog *self,
                                                  guint          *position);
FpChangeKind    fp_change_dialog_get_kind        (FpChangeDialog *self);
gboolean        fp_change_dialog_set_receiver    (FpChangeDialog *self,
                                                  const char     *site_id);
void            fp_change_dialog_show_error      (FpChangeDialog *self,
                                                  const char     *message);

G_END_DECLS
