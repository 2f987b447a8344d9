/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of src/store/ only: never included outside it. */

#include <sqlite3.h>

#include "confianza-store.h"

G_BEGIN_DECLS

/* confianza-store.c */

/* The store's connection, for SQLite's backup API */
sqlite3        *confianza_store_get_db              (ConfianzaStore  *self);
/* Opens read-only like confianza_store_open_read_only (), but accepts a
 * database of an older version too (to inspect or restore a copy) */
ConfianzaStore *confianza_store_open_any_version    (const char      *path,
                                                     GError         **error);
/* Runs the migrations a restored copy of an older version needs */
gboolean        confianza_store_upgrade             (ConfianzaStore  *self,
                                                     GError         **error);
/* SQLite's own check of every page, quick or full (integrity_check): @ok
 * when it finds nothing wrong; an SQLite result code */
int             confianza_store_check_pages         (sqlite3         *db,
                                                     gboolean         full,
                                                     gboolean        *ok);
/* The store's hold on its file (see ConfianzaFileLock) */
struct _ConfianzaFileLock *confianza_store_get_file_lock (ConfianzaStore *self);

/* confianza-store-files.c */

/* Every store holds its file through one of these from before SQLite
 * opens it until SQLite has closed it, and reads the file only through
 * it: closing any other descriptor of the file would drop the fcntl ()
 * locks of every SQLite connection of this process to it. A store that
 * writes also takes a shared flock (): how a window says it has the file
 * open (SQLite's fcntl () locks do not see it), and what a restore from
 * another process asks to be alone. One per file, counted. */
typedef struct _ConfianzaFileLock ConfianzaFileLock;

ConfianzaFileLock *confianza_file_lock_acquire      (const char         *path,
                                                     gboolean            shared_lock,
                                                     GError            **error);
void               confianza_file_lock_release      (ConfianzaFileLock  *lock,
                                                     gboolean            shared_lock);
/* Whether the holders of this process are the only ones: on TRUE the
 * lock is exclusive until _share () */
gboolean           confianza_file_lock_try_alone    (ConfianzaFileLock  *lock);
void               confianza_file_lock_share        (ConfianzaFileLock  *lock);
/* pread () through the held descriptor, until @size or the end */
gboolean           confianza_file_lock_read         (ConfianzaFileLock  *lock,
                                                     gsize               offset,
                                                     guint8             *buffer,
                                                     gsize               size,
                                                     gsize              *n_read,
                                                     int                *saved_errno);

/* A new private (0600) file beside @path to build a new database in,
 * "….@base.creating-XXXXXX" in @tmp_path, and a descriptor that holds an
 * flock () on it until closed: what tells later starts it is not left
 * over from a creation that was killed. Those it removes first. -1 with
 * errno set when no file can be made. */
int             confianza_store_make_temporary      (const char         *path,
                                                     char              **tmp_path);

/* Before a new database is made at @path: renames any -wal, -shm or
 * -journal found beside it to "…-wal.stale-YYYYMMDD-HHMMSS", and sets
 * @notice to a sentence that says so (NULL when there were none). */
gboolean        confianza_store_set_aside_stale     (const char         *path,
                                                     char              **notice,
                                                     GError            **error);

/* Renames @path to "@path.@mark-YYYYMMDD-HHMMSS" (-2, -3… rather than over
 * a file): the new name */
char           *confianza_store_put_aside           (const char         *path,
                                                     const char         *mark,
                                                     GError            **error);

/* The copies written before upgrades: the migration records when it ran,
 * and each opening after it counts; once the upgraded file has been used
 * long enough the copies beside it go. */
gboolean        confianza_store_record_upgrade      (sqlite3            *db);
void            confianza_store_count_opening       (sqlite3            *db,
                                                     const char         *path);
/* Whether @name (a file name beside the database @base) is one of its
 * pre-upgrade copies: "@base.backup-vN" or "@base.backup-vN-M" */
gboolean        confianza_store_is_upgrade_copy     (const char         *base,
                                                     const char         *name);

G_END_DECLS
