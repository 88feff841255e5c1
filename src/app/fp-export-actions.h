/* fp-export-actions.h: the window's Export actions (workbook, site results, register, map,
 * charts), each asking for a file and writing it without freezing the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fp-window.h"

G_BEGIN_DECLS

extern const char * const fp_export_action_names[];

void      fp_export_actions_add         (FpWindow   *window);
guint     fp_export_actions_get_running (FpWindow   *window);

G_END_DECLS
