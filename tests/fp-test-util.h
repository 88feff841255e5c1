/* fp-test-util.h: helpers shared by the core tests.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "footprint-core.h"

G_BEGIN_DECLS

char     *fp_test_tmpdir          (void);
char     *fp_test_tmpfile         (const char *name);
GBytes   *fp_test_read_data_file  (const char *name);
FpEstate *fp_test_load_tiny       (void);
char     *fp_test_file_checksum   (const char *path);
void      fp_test_rm_rf           (const char *path);

G_END_DECLS
