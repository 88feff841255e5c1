/* fp-scenario.h: a named, ordered list of changes, with its undo position.
 *
 * A scenario's effective changes are its parent's effective changes followed by its own
 * first `applied` changes; the rest are undone changes that redo walks back through.
 * "Do nothing" is the empty scenario and is never stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "fp-change.h"
#include "fp-compute.h"

G_BEGIN_DECLS

#define FP_DO_NOTHING "Do nothing"

/* Limits (docs/scenarios.md, “Limits”). A planner's scenario holds tens of changes; the
 * limits keep a careless or hostile file from making every later command slow. */
#define FP_SCENARIO_MAX_CHANGES          1000
#define FP_SCENARIO_FILE_MAX_BYTES       (1024 * 1024)
#define FP_SCENARIO_NAME_MAX_CHARS       100
#define FP_SCENARIO_DESCRIPTION_MAX_CHARS 4000

/* The longest name a scenario may have, in characters. */
#define FP_SCENARIO_NAME_MAX FP_SCENARIO_NAME_MAX_CHARS

typedef struct
{
  gint64     id;
  char      *name;
  char      *description;
  char      *parent;        /* the parent's name, or NULL for Do nothing */
  guint      applied;       /* how many of the changes are in effect */
  GPtrArray *changes;       /* FpChange, in order */
  char      *created_at;
  char      *modified_at;
} FpScenario;

FpScenario *fp_scenario_new               (const char       *name);
void        fp_scenario_free              (FpScenario       *scenario);

FpScenario *fp_scenario_from_json         (GBytes           *json,
                                           GError          **error) G_GNUC_WARN_UNUSED_RESULT;
char       *fp_scenario_to_json           (const FpScenario *scenario) G_GNUC_WARN_UNUSED_RESULT;
char       *fp_scenario_clean_description (const char       *description,
                                           GError          **error) G_GNUC_WARN_UNUSED_RESULT;

GPtrArray  *fp_scenario_effective_changes (GPtrArray        *scenarios,
                                           const char       *name,
                                           GError          **error) G_GNUC_WARN_UNUSED_RESULT;
FpScenario *fp_scenario_find              (GPtrArray        *scenarios,
                                           const char       *name);
gboolean    fp_scenario_check_changes     (const FpModel    *model,
                                           GPtrArray        *base_changes,
                                           GPtrArray        *changes,
                                           GError          **error);

FpScenario *fp_scenario_copy              (const FpScenario *scenario) G_GNUC_WARN_UNUSED_RESULT;
char       *fp_scenario_normalize_name    (const char       *name,
                                           GError          **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean    fp_scenario_is_do_nothing     (const char       *name);
GPtrArray  *fp_scenario_descendants       (GPtrArray        *scenarios,
                                           const char       *name) G_GNUC_WARN_UNUSED_RESULT;
gboolean    fp_scenario_check             (const FpModel    *model,
                                           GPtrArray        *scenarios,
                                           const char       *name,
                                           GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpScenario, fp_scenario_free)

G_END_DECLS
