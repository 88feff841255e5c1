/* fp-compute.h: the planning model (docs/model.md) over plain arrays.
 *
 * FpModel holds the baseline as arrays indexed by site, service and year. FpEngine
 * applies a scenario's changes to a copy of the activity, in order, one change at a time
 * (a refused change leaves the engine as it was). fp_engine_compute derives every figure
 * for every site and year: capacity, demand, utilisation, void rooms brought into use,
 * void and running costs, liabilities by tenure, receipts, backlog avoided and categories.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-change.h"
#include "fp-estate.h"

G_BEGIN_DECLS

typedef enum
{
  FP_CATEGORY_NONE,       /* not held that year (left, or not yet open) */
  FP_CATEGORY_CORE,
  FP_CATEGORY_NEAR_CORE,
  FP_CATEGORY_MARGINAL,
  FP_CATEGORY_REDUNDANT,
  FP_N_CATEGORIES
} FpCategory;

/* Why a site has its category (bits of FpSiteYear.reasons). */
typedef enum
{
  FP_REASON_NO_ACTIVITY        = 1 << 0,
  FP_REASON_VERY_LOW_USE_POOR  = 1 << 1,  /* utilisation < 25% and condition C or D */
  FP_REASON_LOW_USE            = 1 << 2,  /* utilisation < 50% */
  FP_REASON_CONDITION_D        = 1 << 3,
  FP_REASON_COSTLY             = 1 << 4,  /* cost per m² > 1.5 × median of its type */
  FP_REASON_WELL_USED_SOUND    = 1 << 5,  /* utilisation >= 70%, condition A or B */
  FP_REASON_LEFT               = 1 << 6,  /* exited by the scenario, liability running */
  FP_REASON_NO_CAPACITY        = 1 << 7,  /* demand for a service with no room for it */
  FP_REASON_OVER_TARGET        = 1 << 8,
  FP_REASON_OVER_CAPACITY      = 1 << 9,
  FP_REASON_CONDITION_UNKNOWN  = 1 << 10,
  FP_REASON_LIABILITY_UNKNOWN  = 1 << 11, /* left, but the end of its liability is unknown */
  FP_REASON_OVERRIDDEN         = 1 << 12,
  FP_REASON_NOT_A_PLACE_OF_CARE = 1 << 13, /* no rooms, beds or desks: in use, not void */
} FpReason;

/**
 * FpCategoryOverride:
 *
 * A user's decision that a site belongs in a category whatever the rules say, with the
 * reason; shown as such beside the category the rules give.
 */
typedef struct
{
  char       *site_id;
  char       *scenario;     /* NULL: every scenario */
  FpCategory  category;
  char       *reason;
  char       *author;
  char       *recorded_at;
} FpCategoryOverride;

typedef struct _FpModel FpModel;
typedef struct _FpEngine FpEngine;

/**
 * FpResultSite:
 *
 * A site as the results know it: every baseline site, then the sites the scenario opens.
 */
typedef struct
{
  char        *id;
  char        *name;
  FpSiteType   type;
  FpTenure     tenure;
  FpSector     sector;
  FpSiteStatus status;             /* possibly closed sites never receive activity */
  gboolean     placed;
  double       lat;
  double       lon;
  int          open_year;          /* first year it exists (base sites: before the base year) */
  int          exit_year;          /* 0 when the scenario keeps it */
  int          liability_end_year; /* first year it costs nothing after an exit; 0 if kept */
  gboolean     liability_unknown;  /* the exit's liability end is not known: to the horizon */
  const FpCategoryOverride *override;  /* borrowed from fp_results_apply_overrides' caller */
} FpResultSite;

/**
 * FpSiteYear:
 *
 * The figures of one site in one year. Utilisations are NAN where undefined (no capacity
 * and no demand); a demand with no capacity is the state `no_capacity`, never infinity.
 */
typedef struct
{
  gboolean   exists;
  gboolean   held;              /* the NHS still bears its cost */
  gboolean   active;            /* open and not left: it can carry activity */
  double     demand[FP_N_ROOM_TYPES];    /* room-hours (4 types), bed-days, desk-days */
  double     capacity[FP_N_ROOM_TYPES];  /* same units, after void rooms brought into use */
  double     utilisation[FP_N_ROOM_TYPES];
  double     demand_room_hours;
  double     capacity_room_hours;
  double     utilisation_site;  /* room-hour types together */
  double     beds;              /* physical beds in use (0 when the site is not in use) */
  double     bed_days;          /* after any cut in the length of stay */
  double     beds_required;     /* bed_days ÷ (365 × target_bed_occupancy) */
  double     bed_occupancy;
  double     target_bed_occupancy;  /* the site's target this year (a change may set it) */
  double     bed_gap;           /* beds_required − beds: positive, beds short */
  double     bed_days_baseline_los; /* the bed-days had no length of stay been cut */
  double     spells;            /* bed-days at the baseline stay ÷ the baseline length of
                                 * stay; NAN when a bed service has no known stay */
  double     length_of_stay;    /* bed_days ÷ spells, days; NAN when unknown */
  double     bed_equivalents_released_los;       /* beds the cut stays free, at the
                                                  * document's target occupancy */
  double     bed_equivalents_released_occupancy; /* beds a changed target frees */
  double     spells_known;      /* spells of the bed services with a known stay */
  double     bed_days_unknown_los;  /* bed-days of the services with none */
  double     void_rooms_used;   /* void rooms brought into use this year */
  double     void_m2;
  double     void_cost;
  double     running_cost;
  double     cost_per_m2;
  guint64    no_capacity;       /* bit v: demand for service v has no capacity */
  guint8     no_capacity_rooms;    /* bit rt (FpRoomType): demand, and none of the type */
  guint8     over_capacity_rooms;  /* bit rt: demand above capacity, or with none */
  guint8     over_target_rooms;    /* bit rt: demand above the target share of capacity */
  gboolean   over_target;       /* any room type (or the site) over its target */
  gboolean   over_capacity;     /* any room type over its capacity */
  double     capital_receipts;          /* in this year: the site's sale, if retained */
  double     capital_receipts_to_date;  /* from the base year to this year */
  double     backlog_avoided;           /* in this year: the site's backlog, when left */
  double     backlog_avoided_to_date;
  double     capital_costs;             /* in this year: the cost of opening the site */
  FpCategory category;
  FpCategory computed_category;  /* what the rules give, when a user overrode it */
  guint32    reasons;
} FpSiteYear;

/**
 * FpBedTotals:
 *
 * Beds of a group of sites, counted as the plans count them: beds required at the target
 * occupancy against the physical beds (docs/model.md, "Beds as the plans count them").
 */
typedef struct
{
  double beds;
  double bed_days;
  double bed_days_baseline_los;
  double spells;                  /* of the sites whose spells are known */
  double bed_days_unknown_los;    /* bed-days of services with no known length of stay */
  double beds_required;
  double bed_gap;
  double bed_equivalents_released_los;
  double bed_equivalents_released_occupancy;
} FpBedTotals;

typedef struct
{
  double running_cost;
  double void_cost;
  double void_cost_lift;
  double void_cost_nhsps;
  double capital_receipts;          /* in this year (JSON: capital_receipts_in_year) */
  double capital_receipts_to_date;  /* from the base year to this year, inclusive */
  double backlog_avoided;           /* in this year */
  double backlog_avoided_to_date;
  double capital_costs;             /* of sites opened, in this year */
  double revenue_saving_vs_do_nothing;
  guint  sites_over_target;
  guint  sites_over_capacity;
  guint  sites_held;
  FpBedTotals beds;                              /* every site */
  FpBedTotals beds_by_setting[FP_N_SETTINGS];    /* by the site's setting (acute, ...) */
} FpYearTotals;

typedef struct
{
  int            base_year;
  guint          n_years;          /* base year to base year + horizon, inclusive */
  guint          n_sites;
  guint          n_services;
  FpResultSite  *sites;            /* [n_sites] */
  FpSiteYear    *site_years;       /* [site][year] */
  double        *activity;         /* [site][year][service], after the changes */
  FpYearTotals  *totals;           /* [year] */
  double        *unplaced;         /* [year][service]: volume no site could take */
  double        *unshifted;        /* [year][service]: shift-setting volume left at origin;
                                    * already part of the sites' activity (a memo) */
  double        *do_nothing_activity; /* [year][service]: the baseline grown at this
                                       * scenario's growth rates; Σ sites + unplaced +
                                       * los_reduced */
  double        *los_reduced;      /* [year][service]: bed-days cut by shorter stays */
  double        *unplaced_baseline_los; /* [year][service]: the unplaced volume had no stay
                                         * been cut; with the sites' (below) it adds up to
                                         * do_nothing_activity */
  guint          n_beds;           /* the bed services, for fp_results_activity_baseline_los */
  guint         *bed_index;        /* [service] */
  double        *stay0;            /* [site][year][bed service] */
  double         median_cost_per_m2[FP_N_SITE_TYPES]; /* of the last computed year */
  gboolean       has_do_nothing;   /* whether revenue savings were computed */
  double        *median_cost_by_year; /* [year][site type]: the median cost per m² of the
                                       * type's sites held and in use; NAN when none */

  /*< private >*/
  guint          engine_lineage;   /* the engine state these results reflect, for */
  guint          engine_n_applied; /* fp_engine_update_results */
} FpResults;

/* ---- Model -------------------------------------------------------------------------- */

FpModel         *fp_model_new                  (const FpEstate   *estate,
                                                GError          **error) G_GNUC_WARN_UNUSED_RESULT;
void             fp_model_free                 (FpModel          *model);
const FpEstate  *fp_model_get_estate           (const FpModel    *model);
int              fp_model_get_base_year        (const FpModel    *model);
guint            fp_model_get_n_years          (const FpModel    *model);
double           fp_model_get_assumption       (const FpModel    *model,
                                                const char       *key);
double           fp_model_get_growth           (const FpModel    *model,
                                                guint             service,
                                                guint             year);
gboolean         fp_model_growth_by_age        (const FpModel    *model,
                                                guint             service);
double           fp_model_get_length_of_stay   (const FpModel    *model,
                                                guint             service);

/* ---- Engine ------------------------------------------------------------------------- */

FpEngine        *fp_engine_new                 (const FpModel    *model) G_GNUC_WARN_UNUSED_RESULT;
FpEngine        *fp_engine_copy                (const FpEngine   *engine) G_GNUC_WARN_UNUSED_RESULT;
void             fp_engine_free                (FpEngine         *engine);
gboolean         fp_engine_apply               (FpEngine         *engine,
                                                const FpChange   *change,
                                                GError          **error);
guint            fp_engine_get_n_applied       (const FpEngine   *engine);
void             fp_engine_set_allocation_candidates (FpEngine   *engine,
                                                guint             candidates);
FpResults       *fp_engine_compute             (const FpEngine   *engine,
                                                const FpResults  *do_nothing) G_GNUC_WARN_UNUSED_RESULT;
void             fp_engine_compute_site        (const FpEngine   *engine,
                                                guint             site,
                                                guint             year,
                                                FpSiteYear       *out);
gboolean         fp_engine_update_results      (const FpEngine   *engine,
                                                FpResults        *results,
                                                const FpResults  *do_nothing);

int              fp_engine_liability_end       (const FpEngine   *engine,
                                                guint             site,
                                                int               exit_year,
                                                gboolean         *unknown);

FpResults       *fp_compute_scenario           (const FpModel    *model,
                                                GPtrArray        *changes,
                                                const FpResults  *do_nothing,
                                                GError          **error) G_GNUC_WARN_UNUSED_RESULT;

/* ---- Results ------------------------------------------------------------------------ */

void             fp_results_free               (FpResults        *results);
void             fp_results_apply_overrides    (FpResults        *results,
                                                GPtrArray        *overrides);
const FpSiteYear *fp_results_get               (const FpResults  *results,
                                                guint             site,
                                                guint             year);
double           fp_results_activity           (const FpResults  *results,
                                                guint             site,
                                                guint             year,
                                                guint             service);
double           fp_results_activity_baseline_los (const FpResults *results,
                                                guint             site,
                                                guint             year,
                                                guint             service);
double           fp_results_activity_at_sites  (const FpResults  *results,
                                                guint             year,
                                                guint             service);
gboolean         fp_results_find_site          (const FpResults  *results,
                                                const char       *id,
                                                guint            *index);
GStrv            fp_results_describe_reasons   (const FpResults  *results,
                                                const FpModel    *model,
                                                guint             site,
                                                guint             year) G_GNUC_WARN_UNUSED_RESULT;

const char      *fp_category_to_string         (FpCategory        category);
gboolean         fp_category_from_string       (const char       *str,
                                                FpCategory       *out);
FpCategoryOverride *fp_category_override_new   (const char       *site_id,
                                                const char       *scenario,
                                                FpCategory        category,
                                                const char       *reason,
                                                const char       *author);
void             fp_category_override_free     (FpCategoryOverride *override);
const char      *fp_category_to_label          (FpCategory        category);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpModel, fp_model_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpCategoryOverride, fp_category_override_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpEngine, fp_engine_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpResults, fp_results_free)

G_END_DECLS
