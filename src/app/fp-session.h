/* fp-session.h: what one window shows of its document.
 *
 * The scenario and year on screen, their results and access measures, the key figures,
 * the selected site, the search, and how the map draws. Views read from it and listen to
 * its signals; actions change it. It computes nothing itself: it asks the workspace and
 * the core.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "footprint-core.h"
#include "fp-map-style.h"

G_BEGIN_DECLS

#define FP_SITE_NONE G_MAXUINT

#define FP_TYPE_SESSION (fp_session_get_type ())

G_DECLARE_FINAL_TYPE (FpSession, fp_session, FP, SESSION, GObject)

FpSession          *fp_session_new                (FpWorkspace   *workspace,
                                                   GError       **error) G_GNUC_WARN_UNUSED_RESULT;
FpWorkspace        *fp_session_get_workspace      (FpSession     *self);
void                fp_session_set_frozen         (FpSession     *self,
                                                   gboolean       frozen);
gboolean            fp_session_is_measuring       (FpSession     *self);
const FpEstate     *fp_session_get_estate         (FpSession     *self);
const FpModel      *fp_session_get_model          (FpSession     *self);
FpSession          *fp_session_new_for_scenario   (FpWorkspace   *workspace,
                                                   const char    *scenario,
                                                   GError       **error) G_GNUC_WARN_UNUSED_RESULT;

const char         *fp_session_get_scenario       (FpSession     *self);
gboolean            fp_session_set_scenario       (FpSession     *self,
                                                   const char    *name,
                                                   GError       **error);
gboolean            fp_session_is_do_nothing      (FpSession     *self);
int                 fp_session_get_year           (FpSession     *self);
guint               fp_session_get_year_index     (FpSession     *self);
int                 fp_session_get_first_year     (FpSession     *self);
int                 fp_session_get_last_year      (FpSession     *self);
gboolean            fp_session_set_year           (FpSession     *self,
                                                   int            year,
                                                   GError       **error);

const FpResults    *fp_session_get_results        (FpSession     *self);
const FpResults    *fp_session_get_do_nothing     (FpSession     *self);
const FpAccess     *fp_session_get_access         (FpSession     *self);
const FpAccess     *fp_session_get_do_nothing_access (FpSession  *self);
const FpKeyFigures *fp_session_get_key_figures    (FpSession     *self);
GArray             *fp_session_get_flows          (FpSession     *self);
GListModel         *fp_session_get_sites          (FpSession     *self);
GPtrArray          *fp_session_get_changes        (FpSession     *self);

guint               fp_session_get_selected       (FpSession     *self);
void                fp_session_set_selected       (FpSession     *self,
                                                   guint          index);
gboolean            fp_session_find_site          (FpSession     *self,
                                                   const char    *id,
                                                   guint         *index);

FpColourBy          fp_session_get_colour_by      (FpSession     *self);
void                fp_session_set_colour_by      (FpSession     *self,
                                                   FpColourBy     by);
FpSizeBy            fp_session_get_size_by        (FpSession     *self);
void                fp_session_set_size_by        (FpSession     *self,
                                                   FpSizeBy       by);
FpZoneLayer         fp_session_get_zone_layer     (FpSession     *self);
void                fp_session_set_zone_layer     (FpSession     *self,
                                                   FpZoneLayer    layer);
const char         *fp_session_get_zone_service   (FpSession     *self);
gboolean            fp_session_set_zone_service   (FpSession     *self,
                                                   const char    *service,
                                                   GError       **error);
const double       *fp_session_get_zone_values    (FpSession     *self,
                                                   GError       **error);
gboolean            fp_session_get_show_flows     (FpSession     *self);
void                fp_session_set_show_flows     (FpSession     *self,
                                                   gboolean       show);

const char         *fp_session_get_search         (FpSession     *self);
void                fp_session_set_search         (FpSession     *self,
                                                   const char    *query);
const gboolean     *fp_session_get_matches        (FpSession     *self,
                                                   guint         *n_matches);

G_END_DECLS
