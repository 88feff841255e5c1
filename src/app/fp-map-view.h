/* fp-map-view.h: the map of the estate: offline basemap, site layer, legend and controls.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_MAP_VIEW (fp_map_view_get_type ())

G_DECLARE_FINAL_TYPE (FpMapView, fp_map_view, FP, MAP_VIEW, GtkWidget)

void          fp_map_view_set_document        (FpMapView  *self,
                                               FpWorkspace *document);
void          fp_map_view_select_site         (FpMapView  *self,
                                               guint       index,
                                               gboolean    centre);
guint         fp_map_view_get_selected_site   (FpMapView  *self);
void          fp_map_view_zoom_in             (FpMapView  *self);
void          fp_map_view_zoom_out            (FpMapView  *self);
void          fp_map_view_show_whole_area     (FpMapView  *self);
gboolean      fp_map_view_is_ready            (FpMapView  *self);
const GError *fp_map_view_get_basemap_error   (FpMapView  *self);
GtkWidget    *fp_map_view_get_map             (FpMapView  *self);

G_END_DECLS
