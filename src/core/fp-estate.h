/* fp-estate.h: the estate of one document, held in plain arrays.
 *
 * An FpEstate is the in-memory copy of a document's baseline: sites with every field and
 * the provenance of each number, property interests, the source rows behind each site,
 * organisations, services, baseline activity, zones and assumptions. The store loads and
 * saves it whole; the calculations read it and never touch SQL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fixed vocabularies; their stored names are documented in docs/data.md. */
typedef enum
{
  FP_SITE_TYPE_ACUTE_HOSPITAL,
  FP_SITE_TYPE_COMMUNITY_HOSPITAL,
  FP_SITE_TYPE_MENTAL_HEALTH_UNIT,
  FP_SITE_TYPE_HEALTH_CENTRE,
  FP_SITE_TYPE_GP_PRACTICE,
  FP_SITE_TYPE_GP_BRANCH,
  FP_SITE_TYPE_URGENT_CARE_CENTRE,
  FP_SITE_TYPE_WALK_IN_CENTRE,
  FP_SITE_TYPE_HUB,
  FP_SITE_TYPE_OFFICE,
  FP_SITE_TYPE_INDEPENDENT_HOSPITAL,
  FP_SITE_TYPE_OTHER,
  FP_N_SITE_TYPES
} FpSiteType;

typedef enum
{
  FP_TENURE_FREEHOLD,
  FP_TENURE_LEASEHOLD,
  FP_TENURE_LIFT,
  FP_TENURE_NHSPS,
  FP_TENURE_PFI,
  FP_TENURE_LOCAL_AUTHORITY,
  FP_TENURE_UNKNOWN,
  FP_N_TENURES
} FpTenure;

typedef enum
{
  FP_SECTOR_NHS,
  FP_SECTOR_INDEPENDENT,
  FP_N_SECTORS
} FpSector;

typedef enum
{
  FP_SITE_STATUS_CURRENT,
  FP_SITE_STATUS_POSSIBLY_CLOSED,
  FP_N_SITE_STATUSES
} FpSiteStatus;

typedef enum
{
  FP_ROOM_CONSULT,
  FP_ROOM_TREATMENT,
  FP_ROOM_GROUP,
  FP_ROOM_IMAGING,
  FP_ROOM_BED,
  FP_ROOM_DESK,
  FP_N_ROOM_TYPES
} FpRoomType;

/* The four room types measured in room-hours. */
#define FP_N_ROOM_HOUR_TYPES 4

typedef enum
{
  FP_SETTING_PRIMARY_CARE,
  FP_SETTING_COMMUNITY,
  FP_SETTING_MENTAL_HEALTH,
  FP_SETTING_ACUTE,
  FP_SETTING_URGENT_CARE,
  FP_SETTING_OFFICE,
  FP_N_SETTINGS
} FpSetting;

typedef enum
{
  FP_ORG_NHS_TRUST,
  FP_ORG_GP_PRACTICE,
  FP_ORG_PCN,
  FP_ORG_ICB,
  FP_ORG_INDEPENDENT,
  FP_ORG_LIFT_COMPANY,
  FP_ORG_NHSPS,
  FP_ORG_LOCAL_AUTHORITY,
  FP_ORG_OTHER,
  FP_N_ORG_KINDS
} FpOrgKind;

typedef enum
{
  FP_PROV_NONE,
  FP_PROV_MEASURED,
  FP_PROV_ESTIMATED,
  FP_PROV_ASSUMED,
  FP_N_PROV_KINDS
} FpProvKind;

/* The numbers a site carries, unrounded, NAN when unknown. Units in the comments. */
typedef enum
{
  FP_SITE_GIA_M2,              /* gross internal area, m² */
  FP_SITE_ROOMS_CONSULT,       /* clinical rooms in use, count */
  FP_SITE_ROOMS_TREATMENT,
  FP_SITE_ROOMS_GROUP,
  FP_SITE_ROOMS_IMAGING,
  FP_SITE_BEDS,                /* beds, count */
  FP_SITE_DESKS,               /* desks, count */
  FP_SITE_VOID_ROOMS,          /* empty, unlet clinical rooms, count */
  FP_SITE_OTHER_VOID_M2,       /* other empty floor area, m² */
  FP_SITE_HOURS_OPEN,          /* hours open per week */
  FP_SITE_COST_RENT,           /* GBP a year, base-year prices */
  FP_SITE_COST_SERVICE_CHARGE,
  FP_SITE_COST_RATES,
  FP_SITE_COST_UTILITIES,
  FP_SITE_COST_HARD_FM,
  FP_SITE_COST_SOFT_FM,
  FP_SITE_COST_OTHER,
  FP_SITE_BACKLOG_HIGH,        /* GBP to eradicate backlog, by risk */
  FP_SITE_BACKLOG_SIGNIFICANT,
  FP_SITE_BACKLOG_MODERATE,
  FP_SITE_BACKLOG_LOW,
  FP_SITE_LIST_SIZE,           /* registered patients, count */
  FP_SITE_OPENED_YEAR,         /* calendar year */
  FP_SITE_LEASE_END_YEAR,      /* calendar year the lease or contract ends */
  FP_SITE_N_NUMBERS
} FpSiteNumber;

#define FP_SITE_FIRST_COST FP_SITE_COST_RENT
#define FP_SITE_LAST_COST  FP_SITE_COST_OTHER
#define FP_SITE_FIRST_BACKLOG FP_SITE_BACKLOG_HIGH
#define FP_SITE_LAST_BACKLOG  FP_SITE_BACKLOG_LOW

/* Provenance slots of a site: one per number, then the non-numeric fields that may be
 * estimated. */
typedef enum
{
  FP_SITE_SLOT_SITE_TYPE = FP_SITE_N_NUMBERS,
  FP_SITE_SLOT_TENURE,
  FP_SITE_SLOT_LOCATION,
  FP_SITE_SLOT_CONDITION,
  FP_SITE_N_SLOTS
} FpSiteSlot;

/* Text fields of a site, NULL when unknown. */
typedef enum
{
  FP_SITE_POSTCODE,
  FP_SITE_ADDRESS,
  FP_SITE_LA_CODE,
  FP_SITE_WARD_CODE,
  FP_SITE_LOCALITY,
  FP_SITE_PCN,
  FP_SITE_ORGANISATION,
  FP_SITE_N_TEXTS
} FpSiteText;

typedef enum
{
  FP_FIELD_REAL,
  FP_FIELD_INTEGER,
} FpFieldType;

/**
 * FpSiteField:
 * @column: the column in the `sites` table and the field's name in exports and
 *   provenance (`gia_m2`, `cost_rent`, ...)
 * @json: the path in the dataset format (`gia_m2`, `costs.rent`, ...)
 * @unit: the unit, for column headers
 * @type: stored as REAL or INTEGER
 */
typedef struct
{
  const char  *column;
  const char  *json;
  const char  *unit;
  FpFieldType  type;
} FpSiteField;

typedef struct
{
  FpProvKind  kind;
  char       *source_id;   /* measured: which source */
  int         year;        /* measured: the source's year, 0 if unknown */
  char       *method_id;   /* estimated: which method */
  char       *author;      /* assumed: who */
  char       *recorded_at; /* assumed: when (ISO 8601) */
  char       *note;
} FpProvenance;

typedef struct
{
  char         *id;
  char         *name;
  FpSiteType    type;
  FpTenure      tenure;
  FpSector      sector;
  FpSiteStatus  status;
  gboolean      placed;
  double        lat;
  double        lon;
  char         *texts[FP_SITE_N_TEXTS];
  double        numbers[FP_SITE_N_NUMBERS];
  char          condition;  /* 'A' to 'D', or 0 when unknown */
  FpProvenance  prov[FP_SITE_N_SLOTS];
} FpSite;

typedef struct
{
  guint         site;       /* index into FpEstate.sites */
  FpTenure      tenure;
  char         *landlord;
  char         *occupier;
  int           start_year; /* 0 when unknown */
  int           break_year;
  int           end_year;
  char         *note;
  FpProvenance  prov;
} FpInterest;

typedef struct
{
  guint  site;
  char  *source_id;
  int    row;         /* 1-based data row in the source file, 0 if none */
  char  *code;
  char  *name;
  char  *postcode;
  char  *rule;        /* which de-duplication rule joined the row to its site */
} FpSourceRow;

typedef struct
{
  char      *id;
  char      *name;
  FpOrgKind  kind;
  char      *parent_id;
} FpOrganisation;

typedef struct
{
  char        *id;
  char        *name;
  FpSetting    setting;
  FpRoomType   room_type;
  char        *unit;
  double       minutes_per_unit;
  double       growth_rate;
  FpProvenance prov_minutes;
  FpProvenance prov_growth;
} FpService;

typedef struct
{
  guint         site;
  guint         service;
  double        volume;    /* base-year volume, in the service's unit */
  FpProvenance  prov;
} FpActivity;

#define FP_N_AGE_BANDS 6

typedef struct
{
  char   *code;
  char   *name;
  char   *la_code;
  char   *ward_code;
  char   *lsoa11;
  double  lat;
  double  lon;
  int     population[FP_N_AGE_BANDS];  /* 0-15, 16-24, 25-34, 35-49, 50-64, 65+ */
  int     imd_decile;                  /* 1 (most deprived) to 10; 0 unknown */
  int     imd_rank;
} FpZone;

typedef enum
{
  FP_ZONE_PROV_POPULATION,
  FP_ZONE_PROV_CENTROID,
  FP_ZONE_PROV_IMD_DECILE,
  FP_ZONE_PROV_IMD_RANK,
  FP_ZONE_N_PROV
} FpZoneProv;

typedef struct
{
  char         *key;
  double        value;
  char         *unit;
  char         *description;
  FpProvenance  prov;
} FpAssumption;

typedef struct
{
  char *id;
  char *title;
  char *publisher;
  int   year;
  char *licence;
  char *attribution;
  char *file;
} FpSource;

typedef struct
{
  char *id;
  char *description;
} FpMethod;

typedef struct _FpEstate FpEstate;

struct _FpEstate
{
  char         *name;
  int           base_year;
  int           plan_buildings;
  char         *gap_note;

  GArray       *sites;          /* FpSite */
  GArray       *interests;      /* FpInterest */
  GArray       *source_rows;    /* FpSourceRow */
  GArray       *organisations;  /* FpOrganisation */
  GArray       *services;       /* FpService */
  GArray       *activity;       /* FpActivity */
  GArray       *zones;          /* FpZone */
  GArray       *assumptions;    /* FpAssumption */
  GArray       *sources;        /* FpSource */
  GArray       *methods;        /* FpMethod */
  FpProvenance  zone_prov[FP_ZONE_N_PROV];

  /* The prices every cost is held in ("2025/26") and the index that brought them there
   * ("HM Treasury GDP deflator, March 2026"); NULL when the dataset does not say. */
  char         *price_base;
  char         *price_index;

  /*< private >*/
  GHashTable   *site_index;     /* id -> index + 1 */
  GHashTable   *service_index;
  GHashTable   *assumption_index;
};

FpEstate          *fp_estate_new                (void);
void               fp_estate_free               (FpEstate        *estate);
void               fp_estate_reindex            (FpEstate        *estate);

const FpSite      *fp_estate_get_site           (const FpEstate  *estate,
                                                 guint            index);
gboolean           fp_estate_find_site          (const FpEstate  *estate,
                                                 const char      *id,
                                                 guint           *index);
gboolean           fp_estate_find_service       (const FpEstate  *estate,
                                                 const char      *id,
                                                 guint           *index);
double             fp_estate_get_assumption     (const FpEstate  *estate,
                                                 const char      *key,
                                                 double           fallback);
const FpAssumption *fp_estate_find_assumption   (const FpEstate  *estate,
                                                 const char      *key);
int                fp_estate_get_population     (const FpEstate  *estate);

/* Baseline figures of one site, before any scenario. */
double             fp_site_running_cost         (const FpSite    *site);
double             fp_site_void_m2              (const FpSite    *site,
                                                 double           m2_per_room);
double             fp_site_void_cost            (const FpSite    *site,
                                                 double           m2_per_room);
gboolean           fp_site_has_costs            (const FpSite    *site);
FpProvKind         fp_site_combined_provenance  (const FpSite    *site,
                                                 guint            first,
                                                 guint            last,
                                                 FpProvKind       kind);
FpProvKind         fp_site_cost_provenance      (const FpSite    *site);
FpProvKind         fp_site_void_provenance      (const FpSite    *site);
char              *fp_estate_price_label        (const FpEstate  *estate) G_GNUC_WARN_UNUSED_RESULT;

/* Vocabularies: stored name <-> value. The _from_string functions return FALSE for a
 * name outside the vocabulary. */
const char        *fp_site_type_to_string       (FpSiteType       type);
gboolean           fp_site_type_from_string     (const char      *str,
                                                 FpSiteType      *out);
const char        *fp_site_type_to_label        (FpSiteType       type);
const char        *fp_tenure_to_string          (FpTenure         tenure);
gboolean           fp_tenure_from_string        (const char      *str,
                                                 FpTenure        *out);
const char        *fp_tenure_to_label           (FpTenure         tenure);
const char        *fp_sector_to_string          (FpSector         sector);
gboolean           fp_sector_from_string        (const char      *str,
                                                 FpSector        *out);
const char        *fp_site_status_to_string     (FpSiteStatus     status);
gboolean           fp_site_status_from_string   (const char      *str,
                                                 FpSiteStatus    *out);
const char        *fp_room_type_to_string       (FpRoomType       room_type);
gboolean           fp_room_type_from_string     (const char      *str,
                                                 FpRoomType      *out);
const char        *fp_setting_to_string         (FpSetting        setting);
gboolean           fp_setting_from_string       (const char      *str,
                                                 FpSetting       *out);
const char        *fp_org_kind_to_string        (FpOrgKind        kind);
gboolean           fp_org_kind_from_string      (const char      *str,
                                                 FpOrgKind       *out);
const char        *fp_prov_kind_to_string       (FpProvKind       kind);
gboolean           fp_prov_kind_from_string     (const char      *str,
                                                 FpProvKind      *out);

const FpSiteField *fp_site_field                (FpSiteNumber     number);
const char        *fp_site_text_column          (FpSiteText       text);
const char        *fp_site_slot_name            (guint            slot);
const char        *fp_zone_prov_name            (FpZoneProv       field);
const char        *fp_age_band_name             (guint            band);

FpProvKind         fp_prov_kind_combine         (FpProvKind       a,
                                                 FpProvKind       b);
gboolean           fp_vocabulary_lookup         (const char * const *names,
                                                 guint            n_names,
                                                 const char      *str,
                                                 guint           *out);

void               fp_provenance_clear          (FpProvenance    *prov);
void               fp_provenance_copy           (FpProvenance    *dest,
                                                 const FpProvenance *src);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpEstate, fp_estate_free)

G_END_DECLS
