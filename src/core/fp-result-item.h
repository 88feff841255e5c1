/* fp-result-item.h: one site of a scenario's results as an object lists bind to.
 *
 * The window's site list and sites table show the sites of the scenario on screen, in the
 * year on screen: every baseline site, then the sites the scenario opens. The items keep
 * the figures of that year as properties (updated, with notifications, when the scenario
 * or the year changes) so columns can sort numerically. GLib only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "fp-compute.h"
#include "fp-estate.h"

G_BEGIN_DECLS

#define FP_TYPE_RESULT_ITEM (fp_result_item_get_type ())

G_DECLARE_FINAL_TYPE (FpResultItem, fp_result_item, FP, RESULT_ITEM, GObject)

guint        fp_result_item_get_index        (FpResultItem    *self);
const char  *fp_result_item_get_id           (FpResultItem    *self);
const char  *fp_result_item_get_name         (FpResultItem    *self);
const char  *fp_result_item_get_search_text  (FpResultItem    *self);
gboolean     fp_result_item_get_placed       (FpResultItem    *self);
gboolean     fp_result_item_get_held         (FpResultItem    *self);
double       fp_result_item_get_utilisation  (FpResultItem    *self);

void         fp_result_items_update          (GListStore      *store,
                                              const FpEstate  *estate,
                                              const FpResults *results,
                                              guint            year);

G_END_DECLS
