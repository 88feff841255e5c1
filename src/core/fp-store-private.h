/* fp-store-private.h: friends of FpStore (other core modules and tests).
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "fp-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

sqlite3  *fp_store_get_db               (FpStore     *self);
gboolean  fp_store_read_head            (const char  *path,
                                         guint8      *buffer,
                                         gsize        size,
                                         gsize       *n_read,
                                         GError     **error);

/* Creates a document whose schema stops at @version, to test migrations. */
FpStore  *fp_store_create_at_version    (const char  *path,
                                         int          version,
                                         GError     **error);

gboolean  fp_store_begin                (FpStore     *self,
                                         GError     **error);
gboolean  fp_store_commit               (FpStore     *self,
                                         GError     **error);
void      fp_store_rollback             (FpStore     *self);
gboolean  fp_store_set_error            (FpStore     *self,
                                         GError     **error,
                                         const char  *doing);
sqlite3_stmt *fp_store_prepare          (FpStore     *self,
                                         const char  *sql,
                                         GError     **error);
void      fp_store_bind_text            (sqlite3_stmt *stmt,
                                         int          index,
                                         const char  *text);
char     *fp_store_column_text          (sqlite3_stmt *stmt,
                                         int          col);

/* Building a document under a temporary name and putting it in place atomically. */
char     *fp_store_prepare_temporary    (const char  *path,
                                         GError     **error);
FpStore  *fp_store_create_for           (const char  *tmp,
                                         const char  *name,
                                         GError     **error);
gboolean  fp_store_put_in_place         (const char  *tmp,
                                         const char  *path,
                                         gboolean     replace,
                                         GError     **error);
void      fp_store_damaged_error        (GError     **error,
                                         const char  *name,
                                         const char  *what);

G_END_DECLS
