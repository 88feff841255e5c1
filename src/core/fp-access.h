/* fp-access.h: how far people are from the services, by zone, before and after changes.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-compute.h"

G_BEGIN_DECLS

/* ---- Access metrics ---------------------------------------------------------------- */

typedef enum
{
  FP_THRESHOLD_KM,
  FP_THRESHOLD_CAR_MINUTES,
  FP_THRESHOLD_WALK_MINUTES,
} FpThresholdUnit;

typedef enum
{
  FP_FACILITY_SERVICE,     /* the sites offering a service that year */
  FP_FACILITY_SITE_TYPE,   /* the sites of a type in use that year */
  FP_FACILITY_GROUP,       /* a named group of site types */
} FpFacilityKind;

/**
 * FpAccessSet:
 *
 * Access to one set of facilities (a service, a site type or a group): population-weighted
 * means to the nearest one, and the shares of people within the threshold. Means and
 * shares are NAN when no site is in the set (the state `no site offers it`).
 */
typedef struct
{
  FpFacilityKind   kind;
  char            *id;              /* service id, site type or group name */
  char            *name;
  guint            n_sites;
  double           threshold;
  FpThresholdUnit  threshold_unit;
  double           mean_km;
  double           mean_car_min;
  double           mean_walk_min;
  double           share_within;
  double           share_within_deprived;   /* IMD 2019 deciles 1 and 2 */
  double           share_within_65plus;
  double           gap_deprived;            /* share_within − share_within_deprived */
  double           population;
  double           population_deprived;
  double           population_65plus;
  /* per zone */
  guint           *nearest;         /* result site index, G_MAXUINT when none */
  double          *km;              /* NAN when none */
} FpAccessSet;

typedef struct
{
  guint         n_zones;
  guint         year;              /* year index */
  GPtrArray    *sets;              /* FpAccessSet */
} FpAccess;

FpAccess    *fp_access_compute      (const FpModel    *model,
                                     const FpResults  *results,
                                     guint             year) G_GNUC_WARN_UNUSED_RESULT;
void         fp_access_free         (FpAccess         *access);
const FpAccessSet *fp_access_find   (const FpAccess   *access,
                                     FpFacilityKind    kind,
                                     const char       *id);
double       fp_access_km_to_car_minutes  (const FpModel *model,
                                           double         km);
double       fp_access_km_to_walk_minutes (const FpModel *model,
                                           double         km);
const char  *fp_threshold_unit_to_string  (FpThresholdUnit unit);

/**
 * FpAccessChange:
 *
 * How access to one set changed between two results (e.g. a scenario and Do nothing).
 */
typedef struct
{
  guint   zones_further;
  double  people_further;
  double  people_further_deprived;
  double  people_further_65plus;
  double  mean_increase_km;        /* over the people who are further */
  double  max_increase_km;
  guint   zones_closer;
  double  people_closer;
  guint   zones_lost;              /* zones that had a site and now have none */
} FpAccessChange;

void         fp_access_compare      (const FpModel      *model,
                                     const FpAccessSet  *before,
                                     const FpAccessSet  *after,
                                     FpAccessChange     *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpAccess, fp_access_free)

G_END_DECLS
