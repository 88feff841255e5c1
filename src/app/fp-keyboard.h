/* fp-keyboard.h: keyboard behaviour GTK 4.8 lacks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void fp_keyboard_tab_leaves (GtkWidget *list);

G_END_DECLS
