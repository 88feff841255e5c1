/* fp-file-chooser.c: choosing a Footprint document to open or to save a copy as.
 *
 * GTK 4.8 has no GtkFileDialog, so this is GtkFileChooserNative (a portal's chooser in a
 * sandbox). Every file the window asks for goes through this one helper, so moving to
 * GtkFileDialog (GTK 4.10) later is one change here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-file-chooser.h"

typedef struct
{
  FpFileChosenFunc  callback;
  gpointer          user_data;
  GWeakRef          parent;
} Request;

static void
on_response_cb (GtkNativeDialog *dialog,
                int              response,
                Request         *request)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (&request->parent);

  /* A window closed meanwhile has nothing to do with the file. */
  if (response == GTK_RESPONSE_ACCEPT && parent != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        request->callback (file, request->user_data);
    }

  g_weak_ref_clear (&request->parent);
  g_free (request);
  g_object_unref (dialog);
}

/**
 * fp_file_chooser_choose:
 * @parent: the window asking; @user_data belongs to it
 * @action: %GTK_FILE_CHOOSER_ACTION_OPEN or %GTK_FILE_CHOOSER_ACTION_SAVE
 * @title: the chooser's title
 * @accept_label: its button, with a mnemonic
 * @suggested_name: (nullable): for saving, the name offered
 * @callback: called with the file chosen; not called when the user cancels or @parent is
 *   gone
 * @user_data: for @callback
 *
 * Asks for a Footprint document (`*.footprint`).
 */
void
fp_file_chooser_choose (GtkWindow            *parent,
                        GtkFileChooserAction  action,
                        const char           *title,
                        const char           *accept_label,
                        const char           *suggested_name,
                        FpFileChosenFunc      callback,
                        gpointer              user_data)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  Request *request = g_new0 (Request, 1);

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (callback != NULL);

  request->callback = callback;
  request->user_data = user_data;
  g_weak_ref_init (&request->parent, parent);

  dialog = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("Footprint documents"));
  gtk_file_filter_add_pattern (filter, "*.footprint");
  gtk_file_filter_add_mime_type (filter, "application/x-footprint");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  if (suggested_name != NULL && action == GTK_FILE_CHOOSER_ACTION_SAVE)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
