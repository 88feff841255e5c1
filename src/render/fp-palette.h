/* fp-palette.h: the colours of the map and its symbols, in one place.
 *
 * Plain 0xRRGGBB values with no GTK types, so the UI smoke test can look for the same
 * colours in a screenshot. Tenure colours come from the Okabe–Ito palette, which stays
 * distinguishable under the common colour-vision deficiencies; LIFT (vermilion) and
 * NHS Property Services (deep blue) get the two strongest hues because they carry the
 * void costs, and unknown tenure is a quiet grey.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-estate.h"

G_BEGIN_DECLS

#define FP_PALETTE_FREEHOLD        0x009E73  /* bluish green */
#define FP_PALETTE_LEASEHOLD       0x56B4E9  /* sky blue */
#define FP_PALETTE_LIFT            0xD55E00  /* vermilion */
#define FP_PALETTE_NHSPS           0x0046A6  /* deep blue */
#define FP_PALETTE_PFI             0xCC79A7  /* reddish purple */
#define FP_PALETTE_LOCAL_AUTHORITY 0xE6B000  /* amber */
#define FP_PALETTE_UNKNOWN         0x8C8C8C  /* grey */

/* The offline basemap. */
#define FP_PALETTE_MAP_OUTSIDE     0xE4E6E9  /* beyond the estate's boundary */
#define FP_PALETTE_MAP_LAND        0xF8F5EE  /* inside Birmingham and Solihull */
#define FP_PALETTE_MAP_WARD        0xD9D2C3
#define FP_PALETTE_MAP_LOCALITY    0xA89E89
#define FP_PALETTE_MAP_BOUNDARY    0x4F4A40
#define FP_PALETTE_MAP_LABEL       0x45403A

static inline guint32
fp_palette_tenure (FpTenure tenure)
{
  switch (tenure)
    {
    case FP_TENURE_FREEHOLD:        return FP_PALETTE_FREEHOLD;
    case FP_TENURE_LEASEHOLD:       return FP_PALETTE_LEASEHOLD;
    case FP_TENURE_LIFT:            return FP_PALETTE_LIFT;
    case FP_TENURE_NHSPS:           return FP_PALETTE_NHSPS;
    case FP_TENURE_PFI:             return FP_PALETTE_PFI;
    case FP_TENURE_LOCAL_AUTHORITY: return FP_PALETTE_LOCAL_AUTHORITY;
    case FP_TENURE_UNKNOWN:
    case FP_N_TENURES:
    default:                        return FP_PALETTE_UNKNOWN;
    }
}

/* The options of a comparison or an appraisal, by position, in the compare view's charts,
 * the appraisal's charts and their exports: a quiet grey first (Do nothing, the
 * reference), then the Okabe–Ito colours, which stay apart under the common
 * colour-vision deficiencies (its yellow is left out: it vanishes on white paper). The
 * first four have a contrast of at least 3:1 on the light and the dark view background,
 * as graphics need; lines also differ by their markers or dashes, so colour is never
 * the only difference. */
#define FP_PALETTE_OPTION_1        0x767680  /* grey: the reference */
#define FP_PALETTE_OPTION_2        0x0072B2  /* blue */
#define FP_PALETTE_OPTION_3        0xD55E00  /* vermilion */
#define FP_PALETTE_OPTION_4        0x009E73  /* bluish green */
#define FP_PALETTE_OPTION_5        0xCC79A7  /* reddish purple */
#define FP_PALETTE_OPTION_6        0xE69F00  /* orange */
#define FP_PALETTE_OPTION_7        0x56B4E9  /* sky blue */
#define FP_PALETTE_OPTION_8        0x000000  /* black */

/* The colour of the option at @i (0 is the reference); past the eighth, the colours after
 * the grey come round again. */
static inline guint32
fp_palette_option (guint i)
{
  static const guint32 colours[] = {
    FP_PALETTE_OPTION_1, FP_PALETTE_OPTION_2, FP_PALETTE_OPTION_3, FP_PALETTE_OPTION_4,
    FP_PALETTE_OPTION_5, FP_PALETTE_OPTION_6, FP_PALETTE_OPTION_7, FP_PALETTE_OPTION_8,
  };

  if (i == 0)
    return colours[0];
  return colours[1 + (i - 1) % (G_N_ELEMENTS (colours) - 1)];
}

G_END_DECLS
