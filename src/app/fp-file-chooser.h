/* fp-file-chooser.h: the one place the window asks for a file.
 *
 * GTK 4.8 has no GtkFileDialog, so this wraps GtkFileChooserNative (which uses the desktop
 * portal where there is one) behind an async call shaped like GtkFileDialog's: when GTK
 * 4.10 is the floor, only this file changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * FpFileFilter:
 * @name: what the user sees ("Excel workbooks")
 * @pattern: a glob ("*.xlsx"), or several separated by semicolons
 * @mime_type: (nullable): its MIME type
 */
typedef struct
{
  const char *name;
  const char *pattern;
  const char *mime_type;
} FpFileFilter;

void   fp_file_chooser_save_async   (GtkWindow           *parent,
                                     const char          *title,
                                     const char          *accept_label,
                                     const char          *folder,
                                     const char          *suggested_name,
                                     const FpFileFilter  *filters,
                                     guint                n_filters,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
void   fp_file_chooser_open_async   (GtkWindow           *parent,
                                     const char          *title,
                                     const char          *accept_label,
                                     const char          *folder,
                                     const FpFileFilter  *filters,
                                     guint                n_filters,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GFile *fp_file_chooser_finish       (GAsyncResult        *result,
                                     GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
