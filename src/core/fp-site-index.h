/* fp-site-index.h: nearest points on the sphere (a KD-tree), for access and allocation.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * FpSiteIndex:
 *
 * A static set of points (sites) for nearest-point queries: a KD-tree over the points'
 * positions on the unit sphere, so it adapts to any density (a city's practices and a
 * region's few hospitals alike) and needs no projection. Optionally each point carries a
 * weight (km) added to its distance, for the allocator's pricing.
 */
typedef struct _FpSiteIndex FpSiteIndex;

FpSiteIndex *fp_site_index_new          (const double      *lat,
                                         const double      *lon,
                                         const guint       *ids,
                                         guint              n);
void         fp_site_index_free         (FpSiteIndex       *index);
guint        fp_site_index_get_size     (const FpSiteIndex *index);
gboolean     fp_site_index_nearest      (const FpSiteIndex *index,
                                         double             lat,
                                         double             lon,
                                         guint             *id,
                                         double            *km);
void         fp_site_index_point        (double             lat,
                                         double             lon,
                                         double            *xyz);
gboolean     fp_site_index_nearest_point (const FpSiteIndex *index,
                                         const double      *xyz,
                                         double             lat,
                                         double             lon,
                                         guint             *id,
                                         double            *km);
void         fp_site_index_set_weights  (FpSiteIndex       *index,
                                         const double      *weights);
guint        fp_site_index_nearest_k    (const FpSiteIndex *index,
                                         double             lat,
                                         double             lon,
                                         guint              k,
                                         double             scale,
                                         double             limit,
                                         guint             *ids,
                                         double            *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpSiteIndex, fp_site_index_free)

G_END_DECLS
