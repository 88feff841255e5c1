/* fp-export-xlsx.h: the appraisal workbook (libxlsxwriter).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-appraisal.h"
#include "fp-compute.h"
#include "fp-optimise.h"

G_BEGIN_DECLS

/* The sheets after the cash flows, in order (the cash-flow sheets follow Assumptions). */
#define FP_XLSX_SHEET_SUMMARY      "Summary"
#define FP_XLSX_SHEET_ASSUMPTIONS  "Assumptions"
#define FP_XLSX_SHEET_LEDGER       "Ledger"
#define FP_XLSX_SHEET_SCORING      "Scoring"
#define FP_XLSX_SHEET_SITES        "Sites"
#define FP_XLSX_SHEET_CHANGES      "Changes"
#define FP_XLSX_SHEET_ACCESS       "Access"
#define FP_XLSX_SHEET_SOURCES      "Sources"
/* Only when curves are given, between Access and Sources. */
#define FP_XLSX_SHEET_PRICE_OF_ACCESS "Price of access"

/**
 * FpPriceOfAccess:
 * @service: the swept service's (or access set's) id, or %NULL for every chosen service
 * @deprived: whether the target swept was the most deprived fifth's
 * @points: (element-type FpOptimisePoint): fp_optimise_sweep()'s points, in target order
 *
 * One curve of the price of access, for the workbook's "Price of access" sheet.
 */
typedef struct
{
  const char *service;
  gboolean    deprived;
  GArray     *points;
} FpPriceOfAccess;

gboolean  fp_export_xlsx  (const FpAppraisal  *appraisal,
                           const FpModel      *model,
                           const char         *path,
                           GError            **error);
gboolean  fp_export_xlsx_full (const FpAppraisal     *appraisal,
                               const FpModel         *model,
                               const FpPriceOfAccess *curves,
                               guint                  n_curves,
                               const char            *path,
                               GError               **error);

G_END_DECLS
