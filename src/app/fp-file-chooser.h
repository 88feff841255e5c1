/* fp-file-chooser.h: the one place the window asks for a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*FpFileChosenFunc) (GFile    *file,
                                  gpointer  user_data);

void fp_file_chooser_choose (GtkWindow            *parent,
                             GtkFileChooserAction  action,
                             const char           *title,
                             const char           *accept_label,
                             const char           *suggested_name,
                             FpFileChosenFunc      callback,
                             gpointer              user_data);

G_END_DECLS
