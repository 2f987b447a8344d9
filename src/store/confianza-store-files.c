/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confianza-store-internal.h"

#ifndef O_CLOEXEC
# define O_CLOEXEC 0
#endif

/* How long an opening waits for a restore in another process to end */
#define LOCK_WAIT_MS 5000

/* The files the stores of this process hold */

struct _ConfianzaFileLock
{
  dev_t dev;
  ino_t ino;
  int   fd;
  guint users;     /* stores with a connection to the file */
  guint sharers;   /* of them, those that hold the shared lock */
};

static GMutex locks_mutex;
static GPtrArray *locks;

static ConfianzaFileLock *
find_lock (dev_t dev,
           ino_t ino)
{
  for (guint i = 0; locks != NULL && i < locks->len; i++)
    {
      ConfianzaFileLock *known = g_ptr_array_index (locks, i);

      if (known->dev == dev && known->ino == ino)
        return known;
    }

  return NULL;
}

static void
set_busy_error (GError     **error,
                const char  *path)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
               _("“%s” is being used by another program, perhaps another "
                 "copy of Confianza. Close it and try again."),
               shown);
}

ConfianzaFileLock *
confianza_file_lock_acquire (const char  *path,
                             gboolean     shared_lock,
                             GError     **error)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&locks_mutex);
  ConfianzaFileLock *lock = NULL;
  struct stat st;

  if (g_stat (path, &st) == 0)
    lock = find_lock (st.st_dev, st.st_ino);

  if (lock == NULL)
    {
      int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

      if (fd < 0 || fstat (fd, &st) != 0)
        {
          int saved_errno = errno;
          g_autofree char *shown = g_filename_display_name (path);

          /* No connection of ours to this file, as it was not known */
          if (fd >= 0)
            close (fd);
          g_set_error (error, CONFIANZA_STORE_ERROR,
                       saved_errno == EACCES || saved_errno == EPERM
                         ? CONFIANZA_STORE_ERROR_READ_ONLY : CONFIANZA_STORE_ERROR_FAILED,
                       _("Confianza could not use “%s” (%s)."),
                       shown, g_strerror (saved_errno));
          return NULL;
        }

      /* Replaced meanwhile by a file a store already holds: this
       * descriptor stays unused rather than closed under its connection */
      lock = find_lock (st.st_dev, st.st_ino);
      if (lock == NULL)
        {
          if (locks == NULL)
            locks = g_ptr_array_new ();
          lock = g_new0 (ConfianzaFileLock, 1);
          lock->dev = st.st_dev;
          lock->ino = st.st_ino;
          lock->fd = fd;
          g_ptr_array_add (locks, lock);
        }
    }

  if (shared_lock && lock->sharers == 0)
    {
      gint64 deadline = g_get_monotonic_time () + LOCK_WAIT_MS * G_TIME_SPAN_MILLISECOND;

      /* Held exclusively only while another process restores a copy */
      while (flock (lock->fd, LOCK_SH | LOCK_NB) != 0)
        {
          if ((errno != EWOULDBLOCK && errno != EINTR) ||
              g_get_monotonic_time () > deadline)
            {
              set_busy_error (error, path);
              if (lock->users == 0)
                {
                  close (lock->fd);
                  g_ptr_array_remove_fast (locks, lock);
                  g_free (lock);
                }
              return NULL;
            }
          g_usleep (50 * 1000);
        }
    }

  lock->users++;
  if (shared_lock)
    lock->sharers++;

  return lock;
}

/* Once SQLite has closed the store's connection */
void
confianza_file_lock_release (ConfianzaFileLock *lock,
                             gboolean           shared_lock)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&locks_mutex);

  g_return_if_fail (lock != NULL && lock->users > 0);
  g_return_if_fail (!shared_lock || lock->sharers > 0);

  if (shared_lock && --lock->sharers == 0)
    flock (lock->fd, LOCK_UN);

  if (--lock->users == 0)
    {
      /* No connection of ours is left to lose its locks */
      close (lock->fd);
      g_ptr_array_remove_fast (locks, lock);
      g_free (lock);
    }
}

gboolean
confianza_file_lock_try_alone (ConfianzaFileLock *lock)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&locks_mutex);

  g_return_val_if_fail (lock != NULL && lock->sharers > 0, FALSE);

  if (flock (lock->fd, LOCK_EX | LOCK_NB) == 0)
    return TRUE;

  /* Converting a lock is not atomic: the refusal dropped the shared one */
  if (flock (lock->fd, LOCK_SH | LOCK_NB) != 0)
    g_debug ("Could not take the shared lock of a database again: %s", g_strerror (errno));

  return FALSE;
}

void
confianza_file_lock_share (ConfianzaFileLock *lock)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&locks_mutex);

  g_return_if_fail (lock != NULL && lock->sharers > 0);

  if (flock (lock->fd, LOCK_SH) != 0)
    g_debug ("Could not share the lock of a database: %s", g_strerror (errno));
}

gboolean
confianza_file_lock_read (ConfianzaFileLock *lock,
                          gsize              offset,
                          guint8            *buffer,
                          gsize              size,
                          gsize             *n_read,
                          int               *saved_errno)
{
  gsize n = 0;

  /* pread () leaves the descriptor's offset alone: no lock needed */
  while (n < size)
    {
      gssize r = pread (lock->fd, buffer + n, size - n, (off_t) (offset + n));

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          *saved_errno = errno;
          return FALSE;
        }
      if (r == 0)
        break;
      n += (gsize) r;
    }

  *n_read = n;

  return TRUE;
}

/* Temporary files of new databases */

/* Each is ".BASE.creating-XXXXXX" beside the database BASE, with SQLite's
 * "-journal" beside it while the schema is written */
#define CREATING_MARK ".creating-"
#define CREATING_RANDOM 6

/* Removes what creations killed midway left beside @path: a temporary
 * file no creation holds any more (its flock () went with its process),
 * and logs whose temporary file is gone. A temporary file with another
 * name (one killed between being linked into place and unlinked) is a
 * database, and stays. */
static void
remove_abandoned (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strdup_printf (".%s" CREATING_MARK, base);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gsize length = strlen (prefix) + CREATING_RANDOM;
  GDir *folder = g_dir_open (dir, 0, NULL);
  const char *name;

  if (folder == NULL)
    return;
  while ((name = g_dir_read_name (folder)) != NULL)
    if (g_str_has_prefix (name, prefix) && strlen (name) >= length)
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (folder);

  /* The temporary files first: their logs go with them */
  for (guint i = 0; i < names->len; i++)
    {
      const char *found = g_ptr_array_index (names, i);
      g_autofree char *full = NULL;
      struct stat st;
      int fd;

      if (strlen (found) != length)
        continue;
      full = g_build_filename (dir, found, NULL);
      fd = g_open (full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_nlink == 1 &&
          flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (full);
      close (fd);
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *found = g_ptr_array_index (names, i);
      const char *suffix = found + length;
      g_autofree char *full = NULL;
      g_autofree char *owner = NULL;
      GStatBuf st;

      if (g_strcmp0 (suffix, "-journal") != 0 && g_strcmp0 (suffix, "-wal") != 0 &&
          g_strcmp0 (suffix, "-shm") != 0)
        continue;
      full = g_build_filename (dir, found, NULL);
      owner = g_strndup (full, strlen (full) - strlen (suffix));
      /* A creation removes its log before its temporary file */
      if (g_lstat (owner, &st) != 0 && errno == ENOENT)
        g_unlink (full);
    }
}

int
confianza_store_make_temporary (const char  *path,
                                char       **tmp_path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  remove_abandoned (path);

  /* Another start cleaning up could take a new file for an abandoned one
   * before it is locked: then it is gone, and another is made */
  for (guint attempt = 0; attempt < 10; attempt++)
    {
      g_autofree char *template = g_strdup_printf (".%s" CREATING_MARK "XXXXXX", base);
      g_autofree char *tmp = g_build_filename (dir, template, NULL);
      struct stat held;
      GStatBuf named;
      int fd;

      fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
      if (fd < 0)
        return -1;

      /* Held: by a start that is about to remove it. Where flock () is
       * not known, nothing is removed as abandoned either. */
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        ;
      else if (errno == EWOULDBLOCK)
        {
          close (fd);
          continue;
        }
      else
        g_debug ("No lock on %s: %s", tmp, g_strerror (errno));

      if (fstat (fd, &held) == 0 && g_lstat (tmp, &named) == 0 &&
          held.st_dev == named.st_dev && held.st_ino == named.st_ino)
        {
          *tmp_path = g_steal_pointer (&tmp);
          return fd;
        }
      close (fd);
    }

  errno = EEXIST;
  return -1;
}

/* Files a lost database left behind */

/* Renames @from to the first free "@from.@mark-@stamp[-N]", never over a
 * file: link () refuses an existing name; folders without hard links
 * (FAT) get a rename after a check. */
static char *
rename_aside (const char  *from,
              const char  *mark,
              const char  *stamp,
              GError     **error)
{
  int saved_errno = 0;

  for (guint n = 1; n < 100; n++)
    {
      g_autofree char *to = n == 1 ? g_strdup_printf ("%s.%s-%s", from, mark, stamp)
                                   : g_strdup_printf ("%s.%s-%s-%u", from, mark, stamp, n);

      if (link (from, to) == 0)
        {
          if (g_unlink (from) == 0)
            return g_steal_pointer (&to);
          saved_errno = errno;
          g_unlink (to);
          break;
        }

      saved_errno = errno;
      if (saved_errno == EEXIST)
        continue;
      if ((saved_errno == EPERM || saved_errno == ENOTSUP || saved_errno == EXDEV) &&
          !g_file_test (to, G_FILE_TEST_EXISTS))
        {
          if (g_rename (from, to) == 0)
            return g_steal_pointer (&to);
          saved_errno = errno;
        }
      break;
    }

  {
    g_autofree char *shown = g_filename_display_name (from);

    g_set_error (error, CONFIANZA_STORE_ERROR,
                 saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS
                   ? CONFIANZA_STORE_ERROR_READ_ONLY : CONFIANZA_STORE_ERROR_FAILED,
                 _("Confianza could not set “%s” aside (%s). Move it away, and try "
                   "again."),
                 shown, g_strerror (saved_errno != 0 ? saved_errno : EEXIST));
  }
  return NULL;
}

gboolean
confianza_store_set_aside_stale (const char  *path,
                                 char       **notice,
                                 GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_free);

  *notice = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = NULL;
      GStatBuf st;

      if (g_lstat (from, &st) != 0)
        continue;

      to = rename_aside (from, "stale", stamp, error);
      if (to == NULL)
        return FALSE;

      g_ptr_array_add (moved, g_filename_display_basename (to));
    }

  if (moved->len > 0)
    {
      g_autofree char *shown = g_filename_display_name (path);
      g_autofree char *names = NULL;

      g_ptr_array_add (moved, NULL);
      names = g_strjoinv (", ", (char **) moved->pdata);
      *notice = g_strdup_printf (_("There was no database at “%s”, but files of an earlier "
                                   "one were left beside it. Confianza made a new, empty "
                                   "database and did not use them, so nothing erased comes "
                                   "back; they are kept aside as %s."),
                                 shown, names);
    }

  return TRUE;
}

char *
confianza_store_put_aside (const char  *path,
                           const char  *mark,
                           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  return rename_aside (path, mark, stamp, error);
}

/* Copies written before upgrades */

gboolean
confianza_store_is_upgrade_copy (const char *base,
                                 const char *name)
{
  gsize length = strlen (base);
  const char *p;

  if (strncmp (name, base, length) != 0 || !g_str_has_prefix (name + length, ".backup-v"))
    return FALSE;

  p = name + length + strlen (".backup-v");
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '-' && g_ascii_isdigit (p[1]))
    for (p++; g_ascii_isdigit (*p); p++)
      ;

  return *p == '\0';
}

/* Binds @value (when not NULL) to ?1 of @stmt, prepared with @rc, runs
 * it and finalizes it */
static int
run_statement (sqlite3_stmt *stmt,
               int           rc,
               const char   *value)
{
  if (rc == SQLITE_OK && value != NULL)
    rc = sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  return rc;
}

/* Inside the migration's transaction */
gboolean
confianza_store_record_upgrade (sqlite3 *db)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format_iso8601 (now);

  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "INSERT OR REPLACE INTO housekeeping (name, value)"
                           " VALUES ('upgraded-on', ?1), ('opens-since-upgrade', '0')",
                           -1, &stmt, NULL);

  return run_statement (stmt, rc, when) == SQLITE_OK;
}

static void
remove_upgrade_copies (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *copy = NULL;

      if (!confianza_store_is_upgrade_copy (base, name))
        continue;

      copy = g_build_filename (folder, name, NULL);
      if (g_unlink (copy) != 0)
        g_debug ("Could not remove %s: %s", copy, g_strerror (errno));
    }
}

/* After every successful opening for writing, but the one that upgraded */
void
confianza_store_count_opening (sqlite3    *db,
                               const char *path)
{
  g_autoptr(GDateTime) upgraded = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *opens_text = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 opens = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT (SELECT value FROM housekeeping WHERE name = 'upgraded-on'),"
                           " (SELECT value FROM housekeeping WHERE name = 'opens-since-upgrade')",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) == SQLITE_TEXT)
    {
      upgraded = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 0), NULL);
      opens = sqlite3_column_int64 (stmt, 1);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* Nothing upgraded, or the copies already went */
  if (upgraded == NULL)
    return;

  opens++;
  if (opens >= CONFIANZA_STORE_UPGRADE_COPY_OPENS &&
      g_date_time_difference (now, upgraded) >= CONFIANZA_STORE_UPGRADE_COPY_DAYS * G_TIME_SPAN_DAY)
    {
      /* The files first: should the rows stay, the next opening tries again */
      remove_upgrade_copies (path);
      rc = sqlite3_prepare_v2 (db,
                               "DELETE FROM housekeeping"
                               " WHERE name IN ('upgraded-on', 'opens-since-upgrade')",
                               -1, &stmt, NULL);
      rc = run_statement (stmt, rc, NULL);
    }
  else
    {
      opens_text = g_strdup_printf ("%" G_GINT64_FORMAT, opens);
      rc = sqlite3_prepare_v2 (db,
                               "UPDATE housekeeping SET value = ?1 WHERE name = 'opens-since-upgrade'",
                               -1, &stmt, NULL);
      rc = run_statement (stmt, rc, opens_text);
    }

  /* A full disk: counted at the next opening instead */
  if (rc != SQLITE_OK)
    g_debug ("Could not count the opening of %s: %s", path, sqlite3_errmsg (db));
}
