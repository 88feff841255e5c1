/* fp-map-view.h: the map of the estate: offline basemap and zones, sites, arrows, place
 * names, and the legend and controls over them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-session.h"

G_BEGIN_DECLS

#define FP_TYPE_MAP_VIEW (fp_map_view_get_type ())

G_DECLARE_FINAL_TYPE (FpMapView, fp_map_view, FP, MAP_VIEW, GtkWidget)

void          fp_map_view_set_session         (FpMapView  *self,
                                               FpSession  *session);
void          fp_map_view_zoom_in             (FpMapView  *self);
void          fp_map_view_zoom_out            (FpMapView  *self);
void          fp_map_view_show_whole_area     (FpMapView  *self);
void          fp_map_view_go_to               (FpMapView  *self,
                                               double      lat,
                                               double      lon,
                                               double      zoom,
                                               const char *pin);
gboolean      fp_map_view_get_view            (FpMapView  *self,
                                               double     *lat,
                                               double     *lon,
                                               double     *zoom);
void          fp_map_view_set_view            (FpMapView  *self,
                                               double      lat,
                                               double      lon,
                                               double      zoom);
void          fp_map_view_set_covered_left    (FpMapView  *self,
                                               int         width);
gboolean      fp_map_view_step_site           (FpMapView  *self,
                                               int         step);
gboolean      fp_map_view_is_ready            (FpMapView  *self);
const GError *fp_map_view_get_basemap_error   (FpMapView  *self);
GtkWidget    *fp_map_view_get_map             (FpMapView  *self);
void          fp_map_view_set_compact         (FpMapView  *self,
                                               gboolean    compact);

G_END_DECLS
