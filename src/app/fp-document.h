/* fp-document.h: one open Footprint document as the window sees it.
 *
 * Holds the store, the estate loaded from it, its data summary and a list model of its
 * sites. GLib and GIO only: this is a stand-in for the core's planned FpWorkspace and
 * should move there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "footprint-core.h"

G_BEGIN_DECLS

#define FP_TYPE_DOCUMENT (fp_document_get_type ())

G_DECLARE_FINAL_TYPE (FpDocument, fp_document, FP, DOCUMENT, GObject)

FpDocument      *fp_document_open                     (const char           *path,
                                                       gboolean             *created,
                                                       GError              **error)
                                                       G_GNUC_WARN_UNUSED_RESULT;
void             fp_document_open_async               (const char           *path,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
FpDocument      *fp_document_open_finish              (GAsyncResult         *result,
                                                       gboolean             *created,
                                                       GError              **error)
                                                       G_GNUC_WARN_UNUSED_RESULT;
const char      *fp_document_get_path                 (FpDocument           *self);
const FpEstate  *fp_document_get_estate               (FpDocument           *self);
const FpSummary *fp_document_get_summary              (FpDocument           *self);
GListModel      *fp_document_get_sites                (FpDocument           *self);
guint            fp_document_get_n_site_sources       (FpDocument           *self,
                                                       guint                 index);
double           fp_document_get_site_void_cost       (FpDocument           *self,
                                                       guint                 index);
FpProvKind       fp_document_get_site_cost_provenance (FpDocument           *self,
                                                       guint                 index);
FpProvKind       fp_document_get_site_void_provenance (FpDocument           *self,
                                                       guint                 index);

G_END_DECLS
