/* fp-register.h: the estate written out as a register, in the columns an import reads.
 *
 * A planner exports the register, edits it in a spreadsheet and imports it again
 * (fp-import.h); a round trip with no edits changes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-estate.h"

G_BEGIN_DECLS

typedef enum
{
  FP_REGISTER_CSV,
  FP_REGISTER_XLSX,
} FpRegisterFormat;

gboolean fp_register_export            (const FpEstate   *estate,
                                        FpRegisterFormat  format,
                                        const char       *path,
                                        GError          **error);
gboolean fp_register_format_from_string (const char      *text,
                                        FpRegisterFormat *format);

G_END_DECLS
