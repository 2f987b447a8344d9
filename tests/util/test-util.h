/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers every test may share: temporary folders and what is in them. */

#include <glib.h>

G_BEGIN_DECLS

/* A new temporary folder (g_dir_make_tmp ()); fails the test otherwise */
char *util_make_tmpdir (void);
/* Removes @path and everything below it, making read-only folders
 * writable first; a symbolic link is removed, never followed */
void  util_rm_rf       (const char *path);
/* The sorted names in the folder @path, one a line: shows any file that
 * appeared or was left behind */
char *util_list_dir    (const char *path);

/* SQL that undoes the migrations after version 5 (a promise's history, the
 * recovery method's columns), to fake a database of an older version */
#define UTIL_SQL_UNDO_MIGRATIONS_AFTER_5 \
  "ALTER TABLE promise DROP COLUMN original_due_on; DROP TABLE promise_step;" \
  "ALTER TABLE recovery_plan DROP COLUMN compensation_waiver;" \
  "ALTER TABLE recovery_plan DROP COLUMN corrective_applied_on;" \
  "ALTER TABLE recovery_plan DROP COLUMN trust_judgement;" \
  "DROP TABLE recovery_message;"

G_END_DECLS
