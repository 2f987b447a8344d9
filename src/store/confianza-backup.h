/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "confianza-store.h"

G_BEGIN_DECLS

/*
 * Backup copies of a database, made with SQLite's online backup API (never
 * a copy of the file, which could catch it half-written): consistent while
 * a window writes to it, checked with integrity_check, readable by the
 * owner only, written under a temporary name and renamed into place.
 *
 * Confianza's own copies live in the folder "backups" beside the database,
 * named after it ("confianza.db.2026-12-04-153000.backup"), so that the
 * copies of several databases in one folder never mix. Failures are
 * CONFIANZA_STORE_ERROR (NOT_OURS, DAMAGED, NEWER_VERSION for a file that
 * cannot be used; FULL, READ_ONLY, FAILED for one that cannot be written)
 * or CONFIANZA_BACKUP_ERROR, always said in words.
 */

#define CONFIANZA_BACKUP_ERROR (confianza_backup_error_quark ())

typedef enum
{
  CONFIANZA_BACKUP_ERROR_SAME_FILE,  /* the database itself, one of its files or copies */
  CONFIANZA_BACKUP_ERROR_IN_USE,     /* another program has the database open */
} ConfianzaBackupError;

GQuark confianza_backup_error_quark (void);

typedef enum
{
  CONFIANZA_BACKUP_DAILY,           /* made once a day */
  CONFIANZA_BACKUP_BEFORE_RESTORE,  /* what the database held before a restore */
  CONFIANZA_BACKUP_BEFORE_UPGRADE,  /* "confianza.db.backup-vN", beside the database */
} ConfianzaBackupKind;

typedef struct
{
  char                *path;
  ConfianzaBackupKind  kind;
  GDateTime           *date;      /* when it was made, local time */
} ConfianzaBackupCopy;

void                 confianza_backup_copy_free     (ConfianzaBackupCopy *copy);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConfianzaBackupCopy, confianza_backup_copy_free)

/* What a file holds, read without changing it */
typedef struct
{
  GDateTime            *date;     /* when it was last written, local time */
  int                   schema_version;
  ConfianzaStoreCounts  counts;
} ConfianzaBackupInfo;

void                 confianza_backup_info_free     (ConfianzaBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConfianzaBackupInfo, confianza_backup_info_free)

/* The copies of @database, newest first (a new array of
 * ConfianzaBackupCopy): its folder "backups" and its pre-upgrade copies. */
char                *confianza_backup_get_folder    (const char  *database);
GPtrArray           *confianza_backup_list          (const char  *database,
                                                     GError     **error);

/* Opens @path only to read it and checks it whole: ours, not damaged, not
 * of a newer version (an older one is fine); the file, its log and its
 * folder are left as they were. */
ConfianzaBackupInfo *confianza_backup_inspect       (const char  *path,
                                                     GError     **error);

/*
 * A consistent copy of @database at @destination, replacing a file that is
 * there; refuses (CONFIANZA_BACKUP_ERROR_SAME_FILE) a destination that is
 * the database, its -wal/-shm/-journal or one of its copies, under any
 * name (same device and inode, or the same canonical name), and a file
 * with a log of its own beside it (another database in use). @vfs (NULL:
 * the default) writes the copy, for tests of failing disks.
 */
gboolean             confianza_backup_write         (const char  *database,
                                                     const char  *destination,
                                                     GError     **error);
gboolean             confianza_backup_write_with_vfs (const char *database,
                                                      const char *destination,
                                                      const char *vfs,
                                                      GError    **error);

/*
 * Replaces what @database holds by the copy @source, through the backup API
 * into the database (one transaction: a crash leaves the old contents or
 * the new ones, whole), after checking @source as _inspect () does and
 * keeping what the database held as a copy (@kept, or NULL when it held
 * no client, or there was no database yet: it is created). A damaged
 * database is kept aside as it is ("….damaged-YYYYMMDD-HHMMSS", @kept)
 * and the copy goes into a new one. A copy of an older version is upgraded after it.
 * Refused (CONFIANZA_BACKUP_ERROR_IN_USE) while another process — a
 * window — has the database open; a store of this process on it must be
 * reloaded after (confianza_store_reload ()). @vfs (NULL: the default)
 * writes the database.
 */
gboolean             confianza_backup_restore       (const char  *database,
                                                     const char  *source,
                                                     char       **kept,
                                                     GError     **error);
gboolean             confianza_backup_restore_with_vfs (const char  *database,
                                                        const char  *source,
                                                        const char  *vfs,
                                                        char       **kept,
                                                        GError     **error);

/* Every copy of @database (the folder's and the pre-upgrade ones) */
gboolean             confianza_backup_delete_all    (const char  *database,
                                                     guint       *n_deleted,
                                                     GError     **error);

/*
 * How long copies are kept, from @now: the newest daily copy of each of
 * the last @days days, then the oldest of each of the @weeks weeks before
 * them; a copy kept before a restore stays as long; nothing older than
 * @days + 7 × @weeks days. Returns the copies of @copies (not the
 * pre-upgrade ones, which have their own rule) that go, as a new array
 * that does not own them.
 */
GPtrArray           *confianza_backup_select_expired (GPtrArray  *copies,
                                                      GDateTime  *now,
                                                      int         days,
                                                      int         weeks);

/*
 * Once a day: when @make_copy and there is no daily copy of today yet,
 * writes one (@written, else NULL); then removes the copies the rule lets
 * go and what interrupted copies left. With its own connection: run it
 * in a thread (_async ()).
 */
gboolean             confianza_backup_run_daily     (const char  *database,
                                                     GDateTime   *now,
                                                     gboolean     make_copy,
                                                     int          days,
                                                     int          weeks,
                                                     char       **written,
                                                     GError     **error);

/* The same in a thread, for the interface */
void                 confianza_backup_run_daily_async  (const char           *database,
                                                        gboolean              make_copy,
                                                        int                   days,
                                                        int                   weeks,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean             confianza_backup_run_daily_finish (GAsyncResult         *result,
                                                        char                **written,
                                                        GError              **error);
void                 confianza_backup_write_async      (const char           *database,
                                                        const char           *destination,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean             confianza_backup_write_finish     (GAsyncResult         *result,
                                                        GError              **error);
void                 confianza_backup_inspect_async    (const char           *path,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
ConfianzaBackupInfo *confianza_backup_inspect_finish   (GAsyncResult         *result,
                                                        GError              **error);
void                 confianza_backup_restore_async    (const char           *database,
                                                        const char           *source,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean             confianza_backup_restore_finish   (GAsyncResult         *result,
                                                        char                **kept,
                                                        GError              **error);
void                 confianza_backup_delete_all_async  (const char          *database,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean             confianza_backup_delete_all_finish (GAsyncResult        *result,
                                                         guint               *n_deleted,
                                                         GError             **error);

G_END_DECLS
