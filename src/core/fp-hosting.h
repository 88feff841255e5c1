/* fp-hosting.h: which site types may receive which services (docs/model.md, "Hosting").
 *
 * One table, read by the engine (named receivers of a move, shift or exit are refused when
 * they cannot host the service; the allocator never offers them), by validation (baseline
 * activity at a site type that cannot host it is a problem of the data) and by
 * docs/model.md (the table there is this one; a test compares them).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-estate.h"

G_BEGIN_DECLS

/* What a service needs of a building, from its setting and room type. */
typedef enum
{
  FP_SERVICE_CLASS_PRIMARY_CARE,       /* GP and practice nurse appointments */
  FP_SERVICE_CLASS_COMMUNITY,          /* community clinics, therapies, phlebotomy, dental */
  FP_SERVICE_CLASS_MENTAL_HEALTH,      /* mental health clinics and therapies */
  FP_SERVICE_CLASS_OUTPATIENT,         /* hospital outpatients (acute, consult or group rooms) */
  FP_SERVICE_CLASS_HOSPITAL_TREATMENT, /* A&E, day cases, dialysis (acute, treatment rooms) */
  FP_SERVICE_CLASS_URGENT_CARE,        /* urgent treatment, walk-in, minor injuries */
  FP_SERVICE_CLASS_IMAGING,            /* imaging rooms of any setting */
  FP_SERVICE_CLASS_ACUTE_BEDS,
  FP_SERVICE_CLASS_COMMUNITY_BEDS,     /* community, intermediate, residential beds */
  FP_SERVICE_CLASS_MENTAL_HEALTH_BEDS,
  FP_SERVICE_CLASS_DESKS,              /* desk-based teams and offices */
  FP_N_SERVICE_CLASSES
} FpServiceClass;

typedef enum
{
  FP_HOSTING_NO,           /* never */
  FP_HOSTING_IF_OFFERED,   /* only a site that already offers the service (or one the
                            * scenario opens, when a change names it) */
  FP_HOSTING_NAMED,        /* a change may name the site for it; the allocator sends it
                            * only where it is already offered (it never starts it) */
  FP_HOSTING_YES,          /* a change or the allocator, wherever there is room */
} FpHosting;

FpServiceClass  fp_service_class              (FpSetting        setting,
                                               FpRoomType       room_type);
const char     *fp_service_class_to_string    (FpServiceClass   service_class);
const char     *fp_service_class_to_label     (FpServiceClass   service_class);
FpHosting       fp_hosting_rule               (FpSiteType       site_type,
                                               FpServiceClass   service_class);
char           *fp_hosting_describe_where     (FpServiceClass   service_class) G_GNUC_WARN_UNUSED_RESULT;
char           *fp_hosting_table_markdown     (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
