/* fp-provenance-text.h: where a figure came from, in plain words (no GTK).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "footprint-core.h"

G_BEGIN_DECLS

char *fp_provenance_describe         (const FpEstate       *estate,
                                      const FpProvenance   *prov) G_GNUC_WARN_UNUSED_RESULT;
char *fp_provenance_describe_summary (const FpEstate       *estate,
                                      const FpProvSummary  *prov) G_GNUC_WARN_UNUSED_RESULT;
char *fp_provenance_describe_computed (const char          *what) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
