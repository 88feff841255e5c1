/* fp-error.h: the one error domain of Footprint's core.
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_ERROR (fp_error_quark ())

/**
 * FpError:
 * @FP_ERROR_NOT_A_DOCUMENT: the file is not a Footprint document (not SQLite, or
 *   SQLite from another program)
 * @FP_ERROR_NEWER_SCHEMA: the document was written by a newer Footprint
 * @FP_ERROR_EXISTS: the file to create already exists
 * @FP_ERROR_NOT_FOUND: a file, site, service, scenario or key does not exist
 * @FP_ERROR_INVALID_DATA: a dataset or import file breaks a rule (names line and field)
 * @FP_ERROR_STORE: SQLite reported an error
 * @FP_ERROR_INVALID_ARGUMENT: a caller passed a value outside its range
 * @FP_ERROR_IO: reading or writing a file failed
 * @FP_ERROR_CHANGE_REFUSED: a scenario change cannot be applied
 * @FP_ERROR_SOLVER: the linear-programming solver failed
 * @FP_ERROR_READ_ONLY: the document cannot be written (a read-only file or folder)
 * @FP_ERROR_BUSY: another program is writing to the document, or has it open when it
 *   would have to be alone with it (to replace it)
 * @FP_ERROR_DAMAGED: the file is a Footprint document, but damaged (cut short, or pages
 *   overwritten)
 */
typedef enum
{
  FP_ERROR_NOT_A_DOCUMENT,
  FP_ERROR_NEWER_SCHEMA,
  FP_ERROR_EXISTS,
  FP_ERROR_NOT_FOUND,
  FP_ERROR_INVALID_DATA,
  FP_ERROR_STORE,
  FP_ERROR_INVALID_ARGUMENT,
  FP_ERROR_IO,
  FP_ERROR_CHANGE_REFUSED,
  FP_ERROR_SOLVER,
  FP_ERROR_READ_ONLY,
  FP_ERROR_BUSY,
  FP_ERROR_DAMAGED,
} FpError;

GQuark fp_error_quark (void);

G_END_DECLS
