/* fp-dataset.h: reading a dataset in the Footprint dataset format (JSON).
 *
 * The default Birmingham and Solihull dataset ships in this format (built by
 * data/build/build-default.py); docs/data.md describes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-estate.h"

G_BEGIN_DECLS

#define FP_DATASET_FORMAT "footprint-dataset"
#define FP_DATASET_FORMAT_VERSION 1
#define FP_DEFAULT_DATASET_RESOURCE "/io/github/footprint/Footprint/dataset/bsol.json"

FpEstate *fp_dataset_parse         (GBytes      *json,
                                    GError     **error) G_GNUC_WARN_UNUSED_RESULT;
FpEstate *fp_dataset_parse_file    (const char  *path,
                                    GError     **error) G_GNUC_WARN_UNUSED_RESULT;
FpEstate *fp_dataset_load_default  (GError     **error) G_GNUC_WARN_UNUSED_RESULT;
GBytes   *fp_dataset_lookup_resource (const char *name,
                                    GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
