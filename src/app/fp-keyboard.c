/* fp-keyboard.c: Tab leaves a list instead of walking its rows.
 *
 * In GTK 4.8 each row of a GtkListView or GtkColumnView takes a Tab stop, so reaching
 * what follows a list of 414 sites takes 414 presses (GTK 4.12 has a tab-behavior
 * property for this). Here Tab and Shift+Tab move the focus to the widget after or
 * before the list, and the arrow keys move within it, as in any GNOME list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-keyboard"

#include "config.h"

#include "fp-keyboard.h"

static gboolean
restore_focusable_cb (gpointer user_data)
{
  GtkWidget *list = user_data;

  gtk_widget_set_can_focus (list, TRUE);
  g_object_unref (list);
  return G_SOURCE_REMOVE;
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkWidget             *list)
{
  GtkDirectionType direction;
  GtkRoot *root;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return FALSE;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  root = gtk_widget_get_root (list);
  if (root == NULL)
    return FALSE;

  /* With the list unable to take the focus, moving the focus skips all its rows. */
  gtk_widget_set_can_focus (list, FALSE);
  gtk_widget_child_focus (GTK_WIDGET (root), direction);
  g_idle_add (restore_focusable_cb, g_object_ref (list));
  return TRUE;
}

/**
 * fp_keyboard_tab_leaves:
 * @list: a GtkListView or GtkColumnView
 *
 * Makes Tab and Shift+Tab leave @list rather than go from row to row.
 */
void
fp_keyboard_tab_leaves (GtkWidget *list)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), list);
  gtk_widget_add_controller (list, keys);
}
