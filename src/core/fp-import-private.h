/* fp-import-private.h: the plan's insides, shared by fp-import.c, which makes it, and
 * fp-store-import.c, which writes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fp-import.h"
#include "fp-import-table.h"

G_BEGIN_DECLS

typedef enum
{
  FP_IMPORT_TARGET_NUMBER,
  FP_IMPORT_TARGET_NAME,
  FP_IMPORT_TARGET_ADDRESS,
  FP_IMPORT_TARGET_POSTCODE,
  FP_IMPORT_TARGET_LOCATION,
  FP_IMPORT_TARGET_TYPE,
  FP_IMPORT_TARGET_TENURE,
  FP_IMPORT_TARGET_STATUS,
  FP_IMPORT_TARGET_SECTOR,
  FP_IMPORT_TARGET_CONDITION,
  FP_IMPORT_TARGET_LANDLORD,
  FP_IMPORT_TARGET_LEASE_START,
  FP_IMPORT_TARGET_LEASE_BREAK,
  FP_IMPORT_TARGET_LEASE_END,
  FP_IMPORT_TARGET_OCCUPIER,
  FP_IMPORT_TARGET_HEAD_NOTE,
} FpImportTarget;

/* One field of one site set by the file. */
typedef struct
{
  FpImportTarget  target;
  guint           number;   /* FpSiteNumber, for FP_IMPORT_TARGET_NUMBER */
  double          value;    /* a number or year; the latitude */
  double          value2;   /* the longitude */
  int             code;     /* a vocabulary value; a condition letter */
  char           *text;
  FpProvenance    prov;
  guint           change;   /* index + 1 of its FpImportChange, 0 when none */
} FpImportEdit;

/* A site the file adds or changes: its state before, and the edits. A new site's base
 * is already its whole new state. */
typedef struct
{
  gboolean     is_new;
  guint        site_index;  /* an existing site's index in the estate */
  guint        row;
  FpSite       base;
  GArray      *interests;   /* FpInterest, .site unused */
  GArray      *edits;       /* FpImportEdit */
  FpSourceRow  source_row;  /* .site unused */
} FpImportTouched;

struct _FpImportPlan
{
  FpImportKind  kind;
  char         *path;
  char         *file;
  char         *sheet;
  char         *sha256;
  char         *register_name;
  guint         n_rows;

  FpSource      source;         /* the catalogue entry the file's values cite */
  gboolean      source_exists;  /* the document lists it already */
  GPtrArray    *methods;        /* FpMethod *: methods the document lacks */

  GPtrArray    *columns;        /* FpImportColumn */
  GPtrArray    *unmatched;      /* utf8: headers matched to no field */
  GPtrArray    *new_sites;      /* FpImportNewSite */
  GPtrArray    *changes;        /* FpImportChange */
  GPtrArray    *ambiguous;      /* FpImportProblem */
  GPtrArray    *refused;        /* FpImportProblem */
  GPtrArray    *ignored;        /* FpImportProblem */
  GArray       *touched;        /* FpImportTouched */

  FpTable      *table;          /* kept for the report of refused rows */
  GHashTable   *assumptions;    /* key -> double *, for re-estimates */
};

void      fp_import_build_site      (const FpImportPlan     *plan,
                                     const FpImportTouched  *touched,
                                     FpSite                 *site,
                                     GArray                 *interests,
                                     gboolean               *changed);
void      fp_import_site_clear      (FpSite                 *site);
void      fp_import_interest_clear  (FpInterest             *interest);

G_END_DECLS
