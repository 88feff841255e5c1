/* fp-validate.h: the data rules a document must keep.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-estate.h"

G_BEGIN_DECLS

/**
 * FpProblem:
 * @entity: `site`, `zone`, `service`, `activity`, `assumption`, `interest` or `database`
 * @id: the record's id (site id, zone code, ...), or %NULL
 * @field: the field at fault, or %NULL
 * @message: a full sentence saying what is wrong
 */
typedef struct
{
  char *entity;
  char *id;
  char *field;
  char *message;
} FpProblem;

GPtrArray *fp_validate_estate   (const FpEstate *estate) G_GNUC_WARN_UNUSED_RESULT;
char      *fp_problem_to_string (const FpProblem *problem) G_GNUC_WARN_UNUSED_RESULT;
FpProblem *fp_problem_new       (const char     *entity,
                                 const char     *id,
                                 const char     *field,
                                 const char     *message);
void       fp_problem_free      (FpProblem      *problem);

gboolean   fp_assumption_check      (const char *key,
                                     double      value,
                                     GError    **error);
GPtrArray *fp_assumption_model_keys (void) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpProblem, fp_problem_free)

G_END_DECLS
