/* fp-window.h: the main window: the side panel and the map of one document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fp-application.h"
#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_WINDOW (fp_window_get_type ())

G_DECLARE_FINAL_TYPE (FpWindow, fp_window, FP, WINDOW, AdwApplicationWindow)

FpWindow   *fp_window_new               (FpApplication       *application);
void        fp_window_set_document      (FpWindow            *self,
                                         FpWorkspace          *document);
FpWorkspace *fp_window_get_document      (FpWindow            *self);
void        fp_window_show_open_error   (FpWindow            *self,
                                         const GError        *error);
void        fp_window_add_toast         (FpWindow            *self,
                                         const char          *title);
void        fp_window_screenshot_async  (FpWindow            *self,
                                         const char          *path,
                                         const char          *map_path,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    fp_window_screenshot_finish (FpWindow            *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* For the appraisal, export and import parts (issues 10 and 11). */
typedef struct _FpMapView FpMapView;
FpMapView  *fp_window_get_map_view      (FpWindow            *self);
void        fp_window_show_toast        (FpWindow            *self,
                                         AdwToast            *toast);
void        fp_window_save_widget_picture_later (GtkWidget  *widget,
                                                 const char *path);
void        fp_window_save_widget_picture_when (GtkWidget   *widget,
                                                const char  *path,
                                                gboolean   (*ready) (GtkWidget *widget));
gboolean    fp_window_save_widget_picture (GtkWidget         *widget,
                                         const char          *path,
                                         GError             **error);
void        fp_window_note_dialog       (FpWindow            *self,
                                         GtkWidget           *dialog);

G_END_DECLS
