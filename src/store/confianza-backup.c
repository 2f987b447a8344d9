/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-backup"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confianza-backup.h"
#include "confianza-store-internal.h"

#ifndef O_CLOEXEC
# define O_CLOEXEC 0
#endif

#define FOLDER_NAME       "backups"
#define DAILY_SUFFIX      ".backup"
#define RESTORE_SUFFIX    ".before-restore.backup"
#define PARTIAL_MARK      ".partial-"
/* "2026-12-04-153000" */
#define STAMP_LENGTH      17
/* What an interrupted copy left goes after this long, when no copy can
 * still be under way */
#define PARTIAL_AGE       G_TIME_SPAN_DAY
/* How often a locked database is tried again, after its busy handler (a
 * store's waits 5 s), and how long between */
#define RETRY_MS          100
#define RETRIES           3

G_DEFINE_QUARK (confianza-backup-error-quark, confianza_backup_error)

void
confianza_backup_copy_free (ConfianzaBackupCopy *copy)
{
  if (copy == NULL)
    return;

  g_free (copy->path);
  g_clear_pointer (&copy->date, g_date_time_unref);
  g_free (copy);
}

void
confianza_backup_info_free (ConfianzaBackupInfo *info)
{
  if (info == NULL)
    return;

  g_clear_pointer (&info->date, g_date_time_unref);
  g_free (info);
}

/* Errors */

/* A copy could not be written at @path: @rc from SQLite, or @saved_errno */
static void
set_write_error (GError     **error,
                 const char  *path,
                 int          rc,
                 int          saved_errno)
{
  g_autofree char *shown = g_filename_display_name (path);

  if ((rc & 0xff) == SQLITE_FULL || saved_errno == ENOSPC
#ifdef EDQUOT
      || saved_errno == EDQUOT
#endif
      )
    g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FULL,
                 _("The disk is full, so the copy “%s” could not be written. Your "
                   "records were not changed. Free some space and try again."),
                 shown);
  else if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_PERM ||
           saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
    g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY,
                 _("Confianza has no permission to write “%s” in that folder. Your "
                   "records were not changed. Choose another place for the copy."),
                 shown);
  else if (saved_errno == ENOENT || saved_errno == ENOTDIR)
    g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NO_FOLDER,
                 _("The folder of “%s” does not exist. Your records were not "
                   "changed. Choose another place for the copy."),
                 shown);
  else
    g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                 _("Confianza could not write the copy “%s” (%s). Your records "
                   "were not changed."),
                 shown, saved_errno != 0 ? g_strerror (saved_errno) : sqlite3_errstr (rc));
}

static void
set_damaged_error (GError     **error,
                   const char  *path)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_DAMAGED,
               _("“%s” is damaged, so it cannot be used as a copy of your records. "
                 "It was left untouched."),
               shown);
}

static void
set_in_use_error (GError     **error,
                  const char  *database)
{
  g_autofree char *shown = g_filename_display_name (database);

  g_set_error (error, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_IN_USE,
               _("“%s” is open in a Confianza window. Close that window, or "
                 "restore the copy from it (Preferences, Backups). Nothing was "
                 "changed."),
               shown);
}

/* Files */

/* The name of @path with its folder's symbolic links resolved, whether
 * or not @path exists yet */
static char *
canonical_name (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  char *real;

  real = realpath (path, NULL);
  if (real != NULL)
    {
      char *copy = g_strdup (real);

      free (real);
      return copy;
    }

  real = realpath (folder, NULL);
  if (real != NULL)
    {
      char *joined = g_build_filename (real, base, NULL);

      free (real);
      return joined;
    }

  return g_canonicalize_filename (path, NULL);
}

/* Whether @a and @b are one file: the same device and inode, or (for a
 * file that does not exist yet) the same canonical name */
static gboolean
same_file (const char *a,
           const char *b)
{
  g_autofree char *ca = canonical_name (a);
  g_autofree char *cb = canonical_name (b);
  GStatBuf sa, sb;

  if (g_strcmp0 (ca, cb) == 0)
    return TRUE;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static const char * const sidecars[] = { "", "-wal", "-shm", "-journal" };

/* @path is @database or one of its -wal, -shm and -journal */
static gboolean
is_database_file (const char *database,
                  const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *file = g_strconcat (database, sidecars[i], NULL);

      if (same_file (file, path))
        return TRUE;
    }

  return FALSE;
}

static void
fsync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  if (fsync (fd) != 0)
    g_debug ("Could not flush the folder %s: %s", folder, g_strerror (errno));
  close (fd);
}

/* What SQLite made beside a temporary copy */
static void
remove_with_sidecars (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      g_autofree char *file = g_strconcat (path, sidecars[i], NULL);

      g_unlink (file);
    }
}

/* Copies all of @from into @to in one step: one read transaction of the
 * source (a consistent picture, whatever a window writes meanwhile), one
 * write transaction of the destination (all or nothing) */
static int
copy_database (sqlite3 *to,
               sqlite3 *from)
{
  sqlite3_backup *backup;
  int rc;

  for (guint attempt = 0; ; attempt++)
    {
      backup = sqlite3_backup_init (to, "main", from, "main");
      if (backup == NULL)
        return sqlite3_extended_errcode (to);

      rc = sqlite3_backup_step (backup, -1);
      sqlite3_backup_finish (backup);

      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < RETRIES)
        {
          g_usleep (RETRY_MS * 1000);
          continue;
        }

      return rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
}

/*
 * Writes a copy of @from under a temporary name in @destination's folder,
 * checks it and moves it into place: replacing a file there when @replace,
 * else failing with G_IO_ERROR_EXISTS. The copy is a single file (its
 * journal mode set back from WAL), 0600 from its first byte, on disk
 * before it takes the name, and the folder on disk after.
 */
static gboolean
write_copy (sqlite3     *from,
            const char  *destination,
            const char  *vfs,
            gboolean     replace,
            GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (destination);
  g_autofree char *base = g_path_get_basename (destination);
  g_autofree char *template = g_strdup_printf (".%s" PARTIAL_MARK "XXXXXX", base);
  g_autofree char *tmp = g_build_filename (folder, template, NULL);
  g_autofree char *mode = NULL;
  sqlite3 *to = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int saved_errno = 0;
  int rc;
  int fd;

  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_write_error (error, destination, SQLITE_OK, errno);
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (to, 1);
      rc = sqlite3_exec (to, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
    }
  if (rc == SQLITE_OK)
    rc = copy_database (to, from);

  /* One file that needs nothing beside it: the source's WAL mode came
   * along with its first page */
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (to, "PRAGMA journal_mode = DELETE", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
      sqlite3_finalize (stmt);
    }
  if (rc == SQLITE_OK)
    rc = confianza_store_check_pages (to, TRUE, &ok);
  if (rc != SQLITE_OK)
    goto failed;

  if (!ok || g_strcmp0 (mode, "delete") != 0)
    {
      g_autofree char *shown = g_filename_display_name (destination);

      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                   _("The copy “%s” did not come out whole, so it was not kept. "
                     "Your records were not changed."),
                   shown);
      goto failed_with_error;
    }

  rc = sqlite3_close (to);
  to = NULL;
  if (rc != SQLITE_OK)
    goto failed;

  /* No connection of ours is left on it: a descriptor may come and go */
  fd = g_open (tmp, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      goto failed;
    }
  close (fd);

  if (replace)
    {
      if (g_rename (tmp, destination) != 0)
        {
          saved_errno = errno;
          goto failed;
        }
    }
  else if (link (tmp, destination) == 0)
    {
      g_unlink (tmp);
    }
  else if (errno == EEXIST)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "exists");
      goto failed_with_error;
    }
  else if ((errno == EPERM || errno == ENOTSUP || errno == EXDEV) &&
           !g_file_test (destination, G_FILE_TEST_EXISTS) && g_rename (tmp, destination) == 0)
    {
      /* A folder without hard links (FAT) */
    }
  else
    {
      saved_errno = errno;
      goto failed;
    }

  fsync_folder (folder);

  return TRUE;

failed:
  set_write_error (error, destination, rc, saved_errno);
failed_with_error:
  if (to != NULL)
    sqlite3_close_v2 (to);
  remove_with_sidecars (tmp);
  return FALSE;
}

/* Copies of a database */

char *
confianza_backup_get_folder (const char *database)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (database != NULL, NULL);

  folder = g_path_get_dirname (database);

  return g_build_filename (folder, FOLDER_NAME, NULL);
}

static gboolean
parse_digits (const char *text,
              guint       n,
              int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }

  return TRUE;
}

/* "@base.YYYY-MM-DD-HHMMSS[-N].backup" or "….before-restore.backup" */
static gboolean
parse_copy_name (const char           *base,
                 const char           *name,
                 ConfianzaBackupKind  *kind,
                 GDateTime           **date)
{
  gsize length = strlen (base);
  const char *p;
  int year, month, day, hour, minute, second;

  if (strncmp (name, base, length) != 0 || name[length] != '.')
    return FALSE;

  p = name + length + 1;
  if (strlen (p) < STAMP_LENGTH ||
      !parse_digits (p, 4, &year) || p[4] != '-' ||
      !parse_digits (p + 5, 2, &month) || p[7] != '-' ||
      !parse_digits (p + 8, 2, &day) || p[10] != '-' ||
      !parse_digits (p + 11, 2, &hour) || !parse_digits (p + 13, 2, &minute) ||
      !parse_digits (p + 15, 2, &second))
    return FALSE;

  p += STAMP_LENGTH;
  if (*p == '-' && g_ascii_isdigit (p[1]))
    for (p++; g_ascii_isdigit (*p); p++)
      ;

  if (strcmp (p, DAILY_SUFFIX) == 0)
    *kind = CONFIANZA_BACKUP_DAILY;
  else if (strcmp (p, RESTORE_SUFFIX) == 0)
    *kind = CONFIANZA_BACKUP_BEFORE_RESTORE;
  else
    return FALSE;

  *date = g_date_time_new_local (year, month, day, hour, minute, second);

  return *date != NULL;
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const ConfianzaBackupCopy *ca = *(ConfianzaBackupCopy * const *) a;
  const ConfianzaBackupCopy *cb = *(ConfianzaBackupCopy * const *) b;
  int cmp = g_date_time_compare (cb->date, ca->date);

  return cmp != 0 ? cmp : g_strcmp0 (cb->path, ca->path);
}

static void
add_copy (GPtrArray           *copies,
          char                *path,
          ConfianzaBackupKind  kind,
          GDateTime           *date)
{
  ConfianzaBackupCopy *copy = g_new0 (ConfianzaBackupCopy, 1);

  copy->path = path;
  copy->kind = kind;
  copy->date = date;
  g_ptr_array_add (copies, copy);
}

GPtrArray *
confianza_backup_list (const char  *database,
                       GError     **error)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) confianza_backup_copy_free);
  g_autofree char *base = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *parent = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (database != NULL, NULL);

  base = g_path_get_basename (database);
  folder = confianza_backup_get_folder (database);
  parent = g_path_get_dirname (database);

  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      ConfianzaBackupKind kind;
      GDateTime *date = NULL;

      if (parse_copy_name (base, name, &kind, &date))
        add_copy (copies, g_build_filename (folder, name, NULL), kind, date);
    }

  g_clear_pointer (&dir, g_dir_close);
  dir = g_dir_open (parent, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!confianza_store_is_upgrade_copy (base, name))
        continue;

      path = g_build_filename (parent, name, NULL);
      if (g_stat (path, &st) == 0)
        add_copy (copies, g_steal_pointer (&path), CONFIANZA_BACKUP_BEFORE_UPGRADE,
                  g_date_time_new_from_unix_local (st.st_mtime));
    }

  g_ptr_array_sort (copies, compare_newest_first);

  return g_steal_pointer (&copies);
}

/* Whether @path is one of the copies of @database */
static gboolean
is_copy_of (const char *database,
            const char *path)
{
  g_autoptr(GPtrArray) copies = confianza_backup_list (database, NULL);

  for (guint i = 0; copies != NULL && i < copies->len; i++)
    {
      ConfianzaBackupCopy *copy = g_ptr_array_index (copies, i);

      if (same_file (copy->path, path))
        return TRUE;
    }

  return FALSE;
}

/* Inspecting */

/* @path opened to be read and checked whole; an older version is fine */
static ConfianzaStore *
open_checked (const char  *path,
              GError     **error)
{
  g_autoptr(ConfianzaStore) store = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = FALSE;
  int rc;

  store = confianza_store_open_any_version (path, &local_error);
  if (g_error_matches (local_error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_DAMAGED))
    {
      set_damaged_error (error, path);
      return NULL;
    }
  if (store == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  rc = confianza_store_check_pages (confianza_store_get_db (store), TRUE, &ok);
  if (rc != SQLITE_OK || !ok)
    {
      set_damaged_error (error, path);
      return NULL;
    }

  return g_steal_pointer (&store);
}

ConfianzaBackupInfo *
confianza_backup_inspect (const char  *path,
                          GError     **error)
{
  g_autoptr(ConfianzaBackupInfo) info = g_new0 (ConfianzaBackupInfo, 1);
  g_autoptr(ConfianzaStore) store = NULL;
  g_autofree char *log = NULL;
  GStatBuf st;
  gint64 written;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = open_checked (path, error);
  if (store == NULL)
    return NULL;

  info->schema_version = confianza_store_get_schema_version (store);
  /* Version 0 is a database being created: it holds no tables yet */
  if (info->schema_version > 0 && !confianza_store_count (store, &info->counts, error))
    return NULL;

  /* The log holds the last changes when there is one */
  written = g_stat (path, &st) == 0 ? st.st_mtime : 0;
  log = g_strconcat (path, "-wal", NULL);
  if (g_stat (log, &st) == 0 && st.st_size > 0)
    written = MAX (written, (gint64) st.st_mtime);
  info->date = g_date_time_new_from_unix_local (written);

  return g_steal_pointer (&info);
}

/* Writing a copy */

static gboolean
check_destination (const char  *database,
                   const char  *destination,
                   GError     **error)
{
  static const char * const logs[] = { "-wal", "-journal" };
  g_autofree char *shown = g_filename_display_name (destination);
  GStatBuf st;

  if (is_database_file (database, destination) || is_copy_of (database, destination))
    {
      g_set_error (error, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE,
                   _("“%s” is your database itself, one of its files or one of its "
                     "copies. A new copy must go to another file: nothing was "
                     "written."),
                   shown);
      return FALSE;
    }

  if (g_stat (destination, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder or a device, not a file. Choose a file name "
                     "for the copy."),
                   shown);
      return FALSE;
    }

  /* Renaming over a database with a log or journal of its own would give
   * the copy that log at its next opening */
  for (guint i = 0; i < G_N_ELEMENTS (logs); i++)
    {
      g_autofree char *file = g_strconcat (destination, logs[i], NULL);

      if (g_file_test (file, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_IN_USE,
                       _("“%s” is a database with changes of its own beside it, "
                         "perhaps open in another program. A copy must not replace "
                         "it: choose another file."),
                       shown);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
confianza_backup_write_with_vfs (const char  *database,
                                 const char  *destination,
                                 const char  *vfs,
                                 GError     **error)
{
  g_autoptr(ConfianzaStore) source = NULL;

  g_return_val_if_fail (database != NULL && destination != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_destination (database, destination, error))
    return FALSE;

  source = confianza_store_open_any_version (database, error);
  if (source == NULL)
    return FALSE;

  return write_copy (confianza_store_get_db (source), destination, vfs, TRUE, error);
}

gboolean
confianza_backup_write (const char  *database,
                        const char  *destination,
                        GError     **error)
{
  return confianza_backup_write_with_vfs (database, destination, NULL, error);
}

/* A copy of @from into the folder of copies, named after @database and
 * @now, never over another: the path written */
static char *
write_own_copy (sqlite3     *from,
                const char  *database,
                GDateTime   *now,
                const char  *suffix,
                GError     **error)
{
  g_autofree char *folder = confianza_backup_get_folder (database);
  g_autofree char *base = g_path_get_basename (database);
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      set_write_error (error, folder, SQLITE_OK, saved_errno);
      return NULL;
    }

  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s.%s%s", base, stamp, suffix)
                                     : g_strdup_printf ("%s.%s-%u%s", base, stamp, n, suffix);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GError) local_error = NULL;

      if (write_copy (from, path, NULL, FALSE, &local_error))
        return g_steal_pointer (&path);

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }

  set_write_error (error, folder, SQLITE_OK, EEXIST);
  return NULL;
}

/* Restoring */

gboolean
confianza_backup_restore_with_vfs (const char  *database,
                                   const char  *source,
                                   const char  *vfs,
                                   char       **kept,
                                   GError     **error)
{
  g_autoptr(ConfianzaStore) from = NULL;
  g_autoptr(ConfianzaStore) live = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *kept_path = NULL;
  g_autoptr(GError) local_error = NULL;
  ConfianzaStoreCounts counts;
  ConfianzaFileLock *lock;
  gboolean existed;
  int rc;

  g_return_val_if_fail (database != NULL && source != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (kept != NULL)
    *kept = NULL;

  if (is_database_file (database, source))
    {
      g_autofree char *shown = g_filename_display_name (source);

      g_set_error (error, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE,
                   _("“%s” is your database itself, not a copy of it. Choose a copy "
                     "to restore."),
                   shown);
      return FALSE;
    }

  /* The copy first: nothing is touched unless it can be used */
  from = open_checked (source, error);
  if (from == NULL)
    return FALSE;

  existed = g_file_test (database, G_FILE_TEST_EXISTS);
  live = confianza_store_open_with_vfs (database, vfs, &local_error);

  /* A damaged database is what a restore is for: it cannot be copied, so
   * it is kept aside as it is, and the copy goes into a new one (which
   * sets its log aside too) */
  if (g_error_matches (local_error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_DAMAGED))
    {
      gboolean alone;

      g_clear_error (&local_error);
      lock = confianza_file_lock_acquire (database, TRUE, error);
      if (lock == NULL)
        return FALSE;
      alone = confianza_file_lock_try_alone (lock);
      confianza_file_lock_release (lock, TRUE);
      if (!alone)
        {
          set_in_use_error (error, database);
          return FALSE;
        }

      kept_path = confianza_store_put_aside (database, "damaged", error);
      if (kept_path == NULL)
        return FALSE;
      existed = FALSE;
      live = confianza_store_open_with_vfs (database, vfs, &local_error);
    }
  if (live == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  lock = confianza_store_get_file_lock (live);
  if (!confianza_file_lock_try_alone (lock))
    {
      set_in_use_error (error, database);
      return FALSE;
    }

  /* What the database holds now stays as a copy (every record belongs
   * to a client: without one there is nothing to keep) */
  if (existed && (!confianza_store_count (live, &counts, NULL) || counts.clients > 0))
    {
      kept_path = write_own_copy (confianza_store_get_db (live), database, now, RESTORE_SUFFIX, error);
      if (kept_path == NULL)
        {
          confianza_file_lock_share (lock);
          return FALSE;
        }
    }

  rc = copy_database (confianza_store_get_db (live), confianza_store_get_db (from));
  if (rc != SQLITE_OK)
    {
      g_autofree char *shown = g_filename_display_name (database);

      if ((rc & 0xff) == SQLITE_FULL)
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FULL,
                     _("The disk is full, so the copy could not be restored into "
                       "“%s”. Your records were not changed. Free some space and try "
                       "again."),
                     shown);
      else
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                     _("Confianza could not restore the copy into “%s” (%s). Your "
                       "records were not changed."),
                     shown, sqlite3_errstr (rc));
      confianza_file_lock_share (lock);
      return FALSE;
    }

  /* A copy from before an upgrade */
  if (!confianza_store_upgrade (live, error))
    {
      confianza_file_lock_share (lock);
      return FALSE;
    }

  confianza_file_lock_share (lock);

  if (kept != NULL)
    *kept = g_steal_pointer (&kept_path);

  return TRUE;
}

gboolean
confianza_backup_restore (const char  *database,
                          const char  *source,
                          char       **kept,
                          GError     **error)
{
  return confianza_backup_restore_with_vfs (database, source, NULL, kept, error);
}

/* Keeping and removing */

/* Left by a copy that was interrupted, and too old to be under way */
static void
remove_partial_copies (const char *folder,
                       const char *base,
                       GDateTime  *now)
{
  g_autofree char *prefix = g_strdup_printf (".%s.", base);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || strstr (name, PARTIAL_MARK) == NULL)
        continue;

      path = g_build_filename (folder, name, NULL);
      if (g_lstat (path, &st) == 0 &&
          (g_date_time_to_unix (now) - (gint64) st.st_mtime) * G_TIME_SPAN_SECOND >= PARTIAL_AGE)
        g_unlink (path);
    }
}

GPtrArray *
confianza_backup_select_expired (GPtrArray *copies,
                                 GDateTime *now,
                                 int        days,
                                 int        weeks)
{
  g_autoptr(GPtrArray) expired = g_ptr_array_new ();
  /* slot → the newest daily copy in it */
  g_autoptr(GHashTable) slots = g_hash_table_new (g_direct_hash, g_direct_equal);
  GDate today;
  int horizon;

  g_return_val_if_fail (copies != NULL && now != NULL, NULL);

  days = MAX (days, 1);
  weeks = MAX (weeks, 0);
  horizon = days + 7 * weeks;
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));

  for (guint i = 0; i < copies->len; i++)
    {
      ConfianzaBackupCopy *copy = g_ptr_array_index (copies, i);
      ConfianzaBackupCopy *best;
      GDate made;
      int age, slot;

      if (copy->kind == CONFIANZA_BACKUP_BEFORE_UPGRADE)
        continue;

      g_date_clear (&made, 1);
      g_date_set_dmy (&made, g_date_time_get_day_of_month (copy->date),
                      g_date_time_get_month (copy->date), g_date_time_get_year (copy->date));
      age = g_date_days_between (&made, &today);

      /* From the future (a clock put back): kept until it is not */
      if (age < 0)
        continue;
      if (age >= horizon)
        {
          g_ptr_array_add (expired, copy);
          continue;
        }
      if (copy->kind == CONFIANZA_BACKUP_BEFORE_RESTORE)
        continue;

      /* The newest of each of the last @days days, then the oldest of each
       * week: the weeks move on with today, and the newest of a week would
       * be replaced every day by the copy coming in, never growing older */
      slot = age < days ? age : days + (age - days) / 7 * 7;
      best = g_hash_table_lookup (slots, GINT_TO_POINTER (slot + 1));
      if (best == NULL)
        {
          g_hash_table_insert (slots, GINT_TO_POINTER (slot + 1), copy);
        }
      else if (g_date_time_compare (copy->date, best->date) * (age < days ? 1 : -1) > 0)
        {
          g_ptr_array_add (expired, best);
          g_hash_table_insert (slots, GINT_TO_POINTER (slot + 1), copy);
        }
      else
        {
          g_ptr_array_add (expired, copy);
        }
    }

  return g_steal_pointer (&expired);
}

gboolean
confianza_backup_run_daily (const char  *database,
                            GDateTime   *now,
                            gboolean     make_copy,
                            int          days,
                            int          weeks,
                            char       **written,
                            GError     **error)
{
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) expired = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  gboolean done_today = FALSE;

  g_return_val_if_fail (database != NULL && now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (written != NULL)
    *written = NULL;

  copies = confianza_backup_list (database, error);
  if (copies == NULL)
    return FALSE;

  for (guint i = 0; i < copies->len; i++)
    {
      ConfianzaBackupCopy *copy = g_ptr_array_index (copies, i);

      done_today |= copy->kind == CONFIANZA_BACKUP_DAILY &&
                    g_date_time_get_year (copy->date) == g_date_time_get_year (now) &&
                    g_date_time_get_day_of_year (copy->date) == g_date_time_get_day_of_year (now);
    }

  if (make_copy && !done_today)
    {
      g_autoptr(ConfianzaStore) source = confianza_store_open_read_only (database, error);
      g_autofree char *path = NULL;

      if (source == NULL)
        return FALSE;

      path = write_own_copy (confianza_store_get_db (source), database, now, DAILY_SUFFIX, error);
      if (path == NULL)
        return FALSE;

      add_copy (copies, g_strdup (path), CONFIANZA_BACKUP_DAILY, g_date_time_ref (now));
      if (written != NULL)
        *written = g_steal_pointer (&path);
    }

  /* Only once today's copy is safe */
  expired = confianza_backup_select_expired (copies, now, days, weeks);
  for (guint i = 0; i < expired->len; i++)
    {
      ConfianzaBackupCopy *copy = g_ptr_array_index (expired, i);

      if (g_unlink (copy->path) != 0)
        g_debug ("Could not remove the old copy %s: %s", copy->path, g_strerror (errno));
    }

  folder = confianza_backup_get_folder (database);
  base = g_path_get_basename (database);
  remove_partial_copies (folder, base, now);

  return TRUE;
}

gboolean
confianza_backup_delete_all (const char  *database,
                             guint       *n_deleted,
                             GError     **error)
{
  g_autoptr(GPtrArray) copies = NULL;
  guint n = 0;

  g_return_val_if_fail (database != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  copies = confianza_backup_list (database, error);
  if (copies == NULL)
    return FALSE;

  for (guint i = 0; i < copies->len; i++)
    {
      ConfianzaBackupCopy *copy = g_ptr_array_index (copies, i);

      if (g_unlink (copy->path) != 0)
        {
          int saved_errno = errno;
          g_autofree char *shown = g_filename_display_name (copy->path);

          g_set_error (error, CONFIANZA_STORE_ERROR,
                       saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS
                         ? CONFIANZA_STORE_ERROR_READ_ONLY : CONFIANZA_STORE_ERROR_FAILED,
                       ngettext ("Confianza could not delete the copy “%s” (%s). %u copy "
                                 "was deleted before it.",
                                 "Confianza could not delete the copy “%s” (%s). %u copies "
                                 "were deleted before it.", n),
                       shown, g_strerror (saved_errno), n);
          if (n_deleted != NULL)
            *n_deleted = n;
          return FALSE;
        }
      n++;
    }

  if (n_deleted != NULL)
    *n_deleted = n;

  return TRUE;
}

/* In a thread */

typedef enum
{
  JOB_DAILY,
  JOB_WRITE,
  JOB_INSPECT,
  JOB_RESTORE,
  JOB_DELETE_ALL,
} JobKind;

typedef struct
{
  JobKind   kind;
  char     *database;
  char     *path;       /* destination, or the file to inspect or restore */
  gboolean  make_copy;
  int       days;
  int       weeks;
  char     *result;     /* the copy written or kept */
  guint     count;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->database);
  g_free (job->path);
  g_free (job->result);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case JOB_DAILY:
      ok = confianza_backup_run_daily (job->database, now, job->make_copy, job->days,
                                       job->weeks, &job->result, &error);
      break;

    case JOB_WRITE:
      ok = confianza_backup_write (job->database, job->path, &error);
      break;

    case JOB_INSPECT:
      {
        ConfianzaBackupInfo *info = confianza_backup_inspect (job->path, &error);

        if (info != NULL)
          {
            g_task_return_pointer (task, info, (GDestroyNotify) confianza_backup_info_free);
            return;
          }
      }
      break;

    case JOB_RESTORE:
      ok = confianza_backup_restore (job->database, job->path, &job->result, &error);
      break;

    case JOB_DELETE_ALL:
      ok = confianza_backup_delete_all (job->database, &job->count, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_job (Job                 *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_thread);
}

static Job *
job_new (JobKind     kind,
         const char *database,
         const char *path)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->database = g_strdup (database);
  job->path = g_strdup (path);

  return job;
}

/* The job of @result, or NULL (and @error set) when it failed */
static Job *
finish_job (GAsyncResult  *result,
            gpointer       source_tag,
            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  return g_task_get_task_data (G_TASK (result));
}

void
confianza_backup_run_daily_async (const char          *database,
                                  gboolean             make_copy,
                                  int                  days,
                                  int                  weeks,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Job *job = job_new (JOB_DAILY, database, NULL);

  job->make_copy = make_copy;
  job->days = days;
  job->weeks = weeks;
  run_job (job, confianza_backup_run_daily_async, cancellable, callback, user_data);
}

gboolean
confianza_backup_run_daily_finish (GAsyncResult  *result,
                                   char         **written,
                                   GError       **error)
{
  Job *job = finish_job (result, confianza_backup_run_daily_async, error);

  if (written != NULL)
    *written = job != NULL ? g_steal_pointer (&job->result) : NULL;

  return job != NULL;
}

void
confianza_backup_write_async (const char          *database,
                              const char          *destination,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  run_job (job_new (JOB_WRITE, database, destination), confianza_backup_write_async,
           cancellable, callback, user_data);
}

gboolean
confianza_backup_write_finish (GAsyncResult  *result,
                               GError       **error)
{
  return finish_job (result, confianza_backup_write_async, error) != NULL;
}

void
confianza_backup_inspect_async (const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  run_job (job_new (JOB_INSPECT, NULL, path), confianza_backup_inspect_async,
           cancellable, callback, user_data);
}

ConfianzaBackupInfo *
confianza_backup_inspect_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
confianza_backup_restore_async (const char          *database,
                                const char          *source,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  run_job (job_new (JOB_RESTORE, database, source), confianza_backup_restore_async,
           cancellable, callback, user_data);
}

gboolean
confianza_backup_restore_finish (GAsyncResult  *result,
                                 char         **kept,
                                 GError       **error)
{
  Job *job = finish_job (result, confianza_backup_restore_async, error);

  if (kept != NULL)
    *kept = job != NULL ? g_steal_pointer (&job->result) : NULL;

  return job != NULL;
}

void
confianza_backup_delete_all_async (const char          *database,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  run_job (job_new (JOB_DELETE_ALL, database, NULL), confianza_backup_delete_all_async,
           cancellable, callback, user_data);
}

gboolean
confianza_backup_delete_all_finish (GAsyncResult  *result,
                                    guint         *n_deleted,
                                    GError       **error)
{
  Job *job = finish_job (result, confianza_backup_delete_all_async, error);

  if (n_deleted != NULL)
    *n_deleted = job != NULL ? job->count : 0;

  return job != NULL;
}
