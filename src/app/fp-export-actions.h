/* fp-export-actions.h: the window's Export actions (workbook, site results, register, map,
 * charts), each asking for a file and writing it without freezing the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fp-file-chooser.h"
#include "fp-window.h"

G_BEGIN_DECLS

extern const char * const fp_export_action_names[];

void      fp_export_actions_add         (FpWindow   *window);
guint     fp_export_actions_get_running (FpWindow   *window);

typedef void (*FpExportStartFunc) (FpWindow   *window,
                                   const char *path,
                                   const char *detail);

void      fp_export_ask_file            (FpWindow           *window,
                                         GtkWindow          *parent,
                                         const char         *detail,
                                         FpExportStartFunc   start_func,
                                         const char         *title,
                                         const char         *suggested,
                                         const FpFileFilter *filters,
                                         guint               n_filters);
char     *fp_export_file_name           (const char         *name,
                                         const char         *extension) G_GNUC_WARN_UNUSED_RESULT;
char     *fp_export_with_extension      (const char         *path,
                                         const char * const *known,
                                         const char         *extension) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
