/* fp-file-chooser.c: GtkFileChooserNative behind an async call.
 *
 * The chooser is kept alive by the task until it answers; cancelling (or closing it)
 * finishes with G_IO_ERROR_CANCELLED, as GtkFileDialog does, so callers need not tell a
 * dismissed chooser from one that failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fp-file-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "fp-file-chooser.h"

static void
on_response_cb (GtkNativeDialog *dialog,
                int              response,
                GTask           *task)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

  if (file != NULL)
    g_task_return_pointer (task, g_steal_pointer (&file), g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("No file was chosen"));

  gtk_native_dialog_destroy (dialog);
  g_object_unref (task);
}

static void
choose (GtkWindow            *parent,
        GtkFileChooserAction  action,
        const char           *title,
        const char           *accept_label,
        const char           *folder,
        const char           *suggested_name,
        const FpFileFilter   *filters,
        guint                 n_filters,
        GAsyncReadyCallback   callback,
        gpointer              user_data)
{
  GtkFileChooserNative *dialog;
  GTask *task;

  dialog = gtk_file_chooser_native_new (title, parent, action, accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  for (guint i = 0; i < n_filters; i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      g_auto(GStrv) patterns = g_strsplit (filters[i].pattern, ";", -1);

      gtk_file_filter_set_name (filter, filters[i].name);
      for (guint p = 0; patterns[p] != NULL; p++)
        gtk_file_filter_add_pattern (filter, patterns[p]);
      if (filters[i].mime_type != NULL)
        gtk_file_filter_add_mime_type (filter, filters[i].mime_type);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }

  if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) file = g_file_new_for_path (folder);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), file, NULL);
    }
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);

  task = g_task_new (parent, NULL, callback, user_data);
  g_task_set_source_tag (task, choose);
  g_task_set_task_data (task, dialog, g_object_unref);
  g_signal_connect (dialog, "response", G_CALLBACK (on_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * fp_file_chooser_save_async:
 * @parent: (nullable): the window it belongs to
 * @title: the chooser's title
 * @accept_label: its button ("_Export")
 * @folder: (nullable): the folder to start in
 * @suggested_name: (nullable): the file name to offer
 * @filters: (array length=n_filters): the kinds of file offered
 * @n_filters: how many
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks where to save a file.
 */
void
fp_file_chooser_save_async (GtkWindow           *parent,
                            const char          *title,
                            const char          *accept_label,
                            const char          *folder,
                            const char          *suggested_name,
                            const FpFileFilter  *filters,
                            guint                n_filters,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  choose (parent, GTK_FILE_CHOOSER_ACTION_SAVE, title, accept_label, folder, suggested_name,
          filters, n_filters, callback, user_data);
}

/**
 * fp_file_chooser_open_async:
 * @parent: (nullable): the window it belongs to
 * @title: the chooser's title
 * @accept_label: its button ("_Open")
 * @folder: (nullable): the folder to start in
 * @filters: (array length=n_filters): the kinds of file offered
 * @n_filters: how many
 * @callback: called with the answer
 * @user_data: data for @callback
 *
 * Asks for a file to read.
 */
void
fp_file_chooser_open_async (GtkWindow           *parent,
                            const char          *title,
                            const char          *accept_label,
                            const char          *folder,
                            const FpFileFilter  *filters,
                            guint                n_filters,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  choose (parent, GTK_FILE_CHOOSER_ACTION_OPEN, title, accept_label, folder, NULL, filters,
          n_filters, callback, user_data);
}

/**
 * fp_file_chooser_finish:
 * @result: the result
 * @error: return location for an error; G_IO_ERROR_CANCELLED when none was chosen
 *
 * Returns: (transfer full) (nullable): the file chosen
 */
GFile *
fp_file_chooser_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
