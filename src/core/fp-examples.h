/* fp-examples.h: the example options every new default document starts with.
 *
 * Three scenarios built from the 2016 Birmingham and Solihull estates plan's own ideas (fill
 * the LIFT voids; consolidate urgent care onto a few hubs; dispose of empty and Redundant
 * sites), so that a newcomer can appraise and compare at once. The sites are chosen by the
 * model's own figures on the document's estate, never by hand (docs/appraisal.md, "The
 * example options"), and every change is one the engine accepts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-estate.h"
#include "fp-store.h"

G_BEGIN_DECLS

/* Every example's name starts with this, so that its name says it is an example. */
#define FP_EXAMPLE_PREFIX "Example: "

GPtrArray  *fp_examples_build      (const FpEstate  *estate,
                                    GError         **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    fp_examples_add        (FpStore         *store,
                                    const FpEstate  *estate,
                                    GError         **error);

G_END_DECLS
