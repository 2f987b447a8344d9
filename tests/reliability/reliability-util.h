/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "store/confianza-store.h"
#include "util/test-dates.h"
#include "util/test-util.h"

G_BEGIN_DECLS

/* util_make_tmpdir (), util_rm_rf (), util_list_dir (): util/test-util.h;
 * util_day (), util_free_dates (): util/test-dates.h */

char           *util_file_checksum      (const char  *path);
/* Every file under @dir, sorted, with its checksum, one a line (a link
 * with its target, not followed): a -shm by name only (SQLite's index of a log, which any reader may rebuild, holds
 * no record). What "left untouched" compares. */
char           *util_tree_state         (const char  *dir);
void            util_copy_file          (const char  *from,
                                         const char  *to);
void            util_raw_exec           (const char  *path,
                                         const char  *sql);
int             util_raw_query_int      (const char  *path,
                                         const char  *sql);
/* PRAGMA integrity_check says exactly "ok" */
gboolean        util_raw_integrity_ok   (const char  *path);
/* Makes @folder unwritable for real: its mode, and for root (who writes
 * anyway, as in CI) a read-only bind mount onto itself. FALSE, with the
 * test skipped and why, when neither can be done here. */
gboolean        util_lock_folder        (const char  *folder,
                                         gboolean    *mounted);
void            util_unlock_folder      (const char  *folder,
                                         gboolean     mounted);
ConfianzaStore *util_open_ok            (const char  *path);
void            util_close_store        (ConfianzaStore **store);

G_END_DECLS
