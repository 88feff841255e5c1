/* fp-test-util.h: helpers shared by the core tests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "footprint-core.h"

G_BEGIN_DECLS

char     *fp_test_tmpdir          (void);
char     *fp_test_tmpfile         (const char *name);
gboolean  fp_test_have_program    (const char *name);
GBytes   *fp_test_read_data_file  (const char *name);
FpEstate *fp_test_load_tiny       (void);
char     *fp_test_file_checksum   (const char *path);
void      fp_test_rm_rf           (const char *path);

/* One run of footprint-cli (the binary named by $FOOTPRINT_CLI). */
typedef struct
{
  int   status;
  char *out;
  char *err;
} FpTestRun;

void      fp_test_run_clear       (FpTestRun  *run);
void      fp_test_run_cli         (FpTestRun  *run,
                                   const char *data_home,
                                   const char * const *args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FpTestRun, fp_test_run_clear)

G_END_DECLS
