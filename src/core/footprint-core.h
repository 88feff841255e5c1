/* footprint-core.h: the one header through which the CLI and the app use the core.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fp-access.h"
#include "fp-allocate.h"
#include "fp-appraisal.h"
#include "fp-cell.h"
#include "fp-change.h"
#include "fp-compute.h"
#include "fp-dataset.h"
#include "fp-error.h"
#include "fp-estate.h"
#include "fp-export.h"
#include "fp-export-sites.h"
#include "fp-export-xlsx.h"
#include "fp-format.h"
#include "fp-geo.h"
#include "fp-hosting.h"
#include "fp-scenario.h"
#include "fp-site-index.h"
#include "fp-site-item.h"
#include "fp-store.h"
#include "fp-summary.h"
#include "fp-validate.h"
#include "fp-workspace.h"
