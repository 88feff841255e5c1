/* fp-export-xlsx.h: the appraisal workbook (libxlsxwriter).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-appraisal.h"
#include "fp-compute.h"

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

gboolean  fp_export_xlsx  (const FpAppraisal  *appraisal,
                           const FpModel      *model,
                           const char         *path,
                           GError            **error);

G_END_DECLS
