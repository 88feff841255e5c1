/* fp-kpi-tile.h: one headline figure of the data summary, large enough for a projector.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_KPI_TILE (fp_kpi_tile_get_type ())

G_DECLARE_FINAL_TYPE (FpKpiTile, fp_kpi_tile, FP, KPI_TILE, GtkWidget)

void fp_kpi_tile_set_title      (FpKpiTile  *self,
                                 const char *title);
void fp_kpi_tile_set_value      (FpKpiTile  *self,
                                 const char *value);
void fp_kpi_tile_set_detail     (FpKpiTile  *self,
                                 const char *detail);
void fp_kpi_tile_set_provenance (FpKpiTile  *self,
                                 FpProvKind  kind,
                                 const char *explanation);

G_END_DECLS
