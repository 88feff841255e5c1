/* fp-change.h: one change of a scenario (move a service, exit a site, open a hub, ...).
 *
 * A change is plain data: its kind, first year, owner, note, confidence and the
 * parameters of its kind. Its JSON form is the scenario exchange format of
 * docs/scenarios.md; the same JSON (without the common fields) is what the store keeps.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "fp-estate.h"

G_BEGIN_DECLS

/* The longest texts a change holds, in characters (docs/scenarios.md, “Limits”). */
#define FP_CHANGE_ID_MAX_CHARS    64    /* site and service ids */
#define FP_CHANGE_NAME_MAX_CHARS  200   /* a new site's name, an owner */
#define FP_CHANGE_NOTE_MAX_CHARS  4000  /* a note */
/* The largest weight of a receiving site; weights are relative, so more means nothing. */
#define FP_CHANGE_MAX_WEIGHT      1e9

typedef enum
{
  FP_CHANGE_MOVE_SERVICE,
  FP_CHANGE_SHIFT_SETTING,
  FP_CHANGE_EXIT_SITE,
  FP_CHANGE_DISPOSE_SITE,
  FP_CHANGE_BACKFILL,
  FP_CHANGE_OPEN_SITE,
  FP_CHANGE_CHANGE_HOURS,
  FP_CHANGE_CHANGE_GROWTH,
  FP_CHANGE_REDUCE_LENGTH_OF_STAY,
  FP_CHANGE_CHANGE_OCCUPANCY,
  FP_N_CHANGE_KINDS
} FpChangeKind;

/**
 * FpChange:
 *
 * Parameters not used by a kind are NULL or NAN. Sites are referred to by the id that
 * `footprint-cli sites` prints (or, for a site a scenario opens, its new id).
 */
typedef struct
{
  FpChangeKind  kind;
  int           year;             /* first year the change takes effect */
  char         *owner;
  char         *note;
  double        confidence;       /* 0 to 1 */

  char         *site;             /* move, exit, dispose, backfill, change_hours */
  char         *service;          /* move, shift, change_growth, reduce_length_of_stay */
  char         *to_site;          /* move */
  double        share;            /* move, shift: 0 to 1 (NAN when a volume is given);
                                   * reduce_length_of_stay: the cut in the stay, 0 to 1 */
  double        volume;           /* move: units of the service in the first year */
  FpSetting     from_setting;     /* shift */
  GStrv         to_sites;         /* shift, exit: receivers (NULL: the allocator chooses) */
  GArray       *weights;          /* shift, exit: double, one per receiver (NULL: none) */
  double        value;            /* dispose: market value, GBP */
  double        disposal_costs;   /* dispose: GBP */
  gboolean      receipt_retained; /* dispose: the receipt counts as a system benefit */
  double        m2;               /* backfill: floor area another tenant takes */

  /* open_site */
  char         *new_id;
  char         *name;
  FpSiteType    site_type;
  double        lat;
  double        lon;
  double        gia_m2;
  double        rooms[FP_N_ROOM_HOUR_TYPES];
  double        beds;
  double        desks;
  double        capital_cost;     /* GBP, in the first year */
  double        running_cost;     /* GBP a year */
  FpTenure      tenure;
  int           lease_end_year;   /* 0 when none */

  double        hours_open_per_week;  /* open_site, change_hours */
  double        rate;                 /* change_growth: annual growth rate */

  /* reduce_length_of_stay, change_occupancy: the sites it applies to (NULL: every site
   * with the service, or every site) */
  GStrv         sites;
  double        occupancy;            /* change_occupancy: the target bed occupancy */
} FpChange;

FpChange    *fp_change_new               (FpChangeKind     kind,
                                          int              year);
FpChange    *fp_change_copy              (const FpChange  *change);
void         fp_change_free              (FpChange        *change);

const char  *fp_change_kind_to_string    (FpChangeKind     kind);
gboolean     fp_change_kind_from_string  (const char      *str,
                                          FpChangeKind    *out);
const char  *fp_setting_for_site_type    (FpSiteType       type);
FpSetting    fp_site_type_setting        (FpSiteType       type);

FpChange    *fp_change_from_json         (JsonObject      *object,
                                          const char      *where,
                                          GError         **error) G_GNUC_WARN_UNUSED_RESULT;
JsonNode    *fp_change_to_json           (const FpChange  *change,
                                          gboolean         with_common) G_GNUC_WARN_UNUSED_RESULT;
char        *fp_change_describe          (const FpChange  *change,
                                          const FpEstate  *estate) G_GNUC_WARN_UNUSED_RESULT;
const char  *fp_change_primary_site      (const FpChange  *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpChange, fp_change_free)

G_END_DECLS
