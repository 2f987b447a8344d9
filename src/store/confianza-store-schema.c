/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

/* The schema: the migrations (one list), checking a file before it is
 * opened, creating a new one, and the copy written before an upgrade. */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confianza-store-internal.h"

#ifndef O_CLOEXEC
# define O_CLOEXEC 0
#endif
#define SQLITE_HEADER   "SQLite format 3"  /* plus its NUL: 16 bytes */

/* Schema
 *
 * migrations[i] upgrades a database from version i to i + 1. Never edit a
 * migration that has shipped: add a new one. Dates are ISO 8601
 * "YYYY-MM-DD" text (which sorts and compares as text), money is integer
 * cents with its currency code, and enumerations are their stable nicks,
 * without CHECK constraints so that a new value needs no table rebuild.
 * A migration that rebuilds a table must switch foreign keys off around it.
 */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE client ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name                  TEXT NOT NULL,"
  "  company               TEXT,"
  "  email                 TEXT,"
  "  phone                 TEXT,"
  "  notes                 TEXT,"
  "  status                TEXT NOT NULL,"
  "  since                 TEXT,"
  "  last_contact          TEXT,"
  "  follow_up_days        INTEGER NOT NULL DEFAULT 0,"
  "  let_go_reason         TEXT"
  ");"
  "CREATE TABLE promise ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  plan_id               INTEGER REFERENCES recovery_plan (id) ON DELETE SET NULL,"
  "  title                 TEXT NOT NULL,"
  "  kind                  TEXT,"
  "  promised_on           TEXT,"
  "  due_on                TEXT,"
  "  has_quantity          INTEGER NOT NULL DEFAULT 0,"
  "  promised_quantity     REAL NOT NULL DEFAULT 0,"
  "  unit                  TEXT,"
  "  delivered_on          TEXT,"
  "  delivered_quantity    REAL NOT NULL DEFAULT 0,"
  "  extras                TEXT,"
  "  delivery_note         TEXT,"
  "  broken                INTEGER NOT NULL DEFAULT 0,"
  "  broken_reason         TEXT"
  ");"
  "CREATE TABLE quick_win ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  achieved_on           TEXT,"
  "  title                 TEXT NOT NULL,"
  "  shared_on             TEXT"
  ");"
  "CREATE TABLE conversation ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  happened_on           TEXT,"
  "  channel               TEXT NOT NULL,"
  "  client_said           TEXT,"
  "  agreed                TEXT"
  ");"
  "CREATE TABLE incident ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  happened_on           TEXT,"
  "  description           TEXT,"
  "  severity              TEXT NOT NULL,"
  "  responsibility        TEXT NOT NULL,"
  "  cause                 TEXT"
  ");"
  "CREATE TABLE recovery_plan ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  incident_id           INTEGER NOT NULL UNIQUE REFERENCES incident (id) ON DELETE CASCADE,"
  "  started_on            TEXT NOT NULL,"
  "  step                  INTEGER NOT NULL DEFAULT 0,"
  "  client_said           TEXT,"
  "  invited_to_speak_on   TEXT,"
  "  acknowledged_on       TEXT,"
  "  apologised_on         TEXT,"
  "  apology_channel       TEXT NOT NULL,"
  "  apologised_by         TEXT,"
  "  apology_words         TEXT,"
  "  compensation_declined INTEGER NOT NULL DEFAULT 0,"
  "  guarantee_terms       TEXT,"
  "  guarantee_until       TEXT,"
  "  guarantee_promise_id  INTEGER REFERENCES promise (id) ON DELETE SET NULL,"
  "  follow_up_every_days  INTEGER NOT NULL DEFAULT 0,"
  "  follow_up_until       TEXT,"
  "  follow_up_times       INTEGER NOT NULL DEFAULT 0,"
  "  root_cause            TEXT,"
  "  corrective_measure    TEXT,"
  "  corrective_owner      TEXT,"
  "  corrective_due        TEXT,"
  "  outcome               TEXT NOT NULL,"
  "  outcome_reason        TEXT,"
  "  closed_on             TEXT"
  ");"
  "CREATE TABLE follow_up ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  plan_id               INTEGER NOT NULL REFERENCES recovery_plan (id) ON DELETE CASCADE,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  due_on                TEXT,"
  "  done_on               TEXT,"
  "  note                  TEXT"
  ");"
  "CREATE TABLE compensation ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  plan_id               INTEGER NOT NULL REFERENCES recovery_plan (id) ON DELETE CASCADE,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  kind                  TEXT NOT NULL,"
  "  amount_cents          INTEGER NOT NULL DEFAULT 0,"
  "  currency              TEXT,"
  "  description           TEXT,"
  "  given_on              TEXT"
  ");"
  /* (client_id, due_on) also serves every lookup by client_id alone */
  "CREATE INDEX promise_client_due ON promise (client_id, due_on);"
  "CREATE INDEX promise_due ON promise (due_on);"
  "CREATE INDEX promise_plan ON promise (plan_id);"
  "CREATE INDEX quick_win_client ON quick_win (client_id);"
  "CREATE INDEX conversation_client ON conversation (client_id);"
  "CREATE INDEX incident_client ON incident (client_id);"
  "CREATE INDEX recovery_plan_client ON recovery_plan (client_id);"
  "CREATE INDEX recovery_plan_guarantee ON recovery_plan (guarantee_promise_id);"
  "CREATE INDEX follow_up_plan ON follow_up (plan_id);"
  "CREATE INDEX follow_up_client ON follow_up (client_id);"
  "CREATE INDEX compensation_plan ON compensation (plan_id);"
  "CREATE INDEX compensation_client ON compensation (client_id);",
  /* 1 → 2: Today and every client's next due date read only the open
   * promises, a small part of them all; these indexes hold nothing else */
  "CREATE INDEX promise_open_due ON promise (due_on, id)"
  "  WHERE delivered_on IS NULL AND broken = 0;"
  "CREATE INDEX promise_open_client ON promise (client_id, due_on, id)"
  "  WHERE delivered_on IS NULL AND broken = 0;",
  /* 2 → 3: would-recommend answers, and whether the user set a client's
   * status by hand (every status follows the facts until then) */
  "CREATE TABLE recommendation ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  answered_on           TEXT,"
  "  score                 INTEGER NOT NULL DEFAULT 0,"
  "  comment               TEXT"
  ");"
  "CREATE INDEX recommendation_client ON recommendation (client_id, answered_on);"
  "ALTER TABLE client ADD COLUMN status_manual INTEGER NOT NULL DEFAULT 0;",
  /* 3 → 4: the store's own notes about the file, such as when it was last
   * upgraded (its copy from before is removed after a while) */
  "CREATE TABLE housekeeping ("
  "  name                  TEXT PRIMARY KEY,"
  "  value                 TEXT NOT NULL"
  ");",
  /* 4 → 5: what the reminders notified on which day, and until when the
   * user asked not to be reminded (confianza-store-reminders.c) */
  "CREATE TABLE IF NOT EXISTS reminder ("
  "  key                   TEXT PRIMARY KEY,"
  "  notified_on           TEXT,"
  "  snoozed_until         TEXT"
  ");",
  /* 5 → 6: a promise's history: every renegotiation of its date (when
   * the client was told, whether they agreed, why) and every correction,
   * so that the first date is never lost (model/confianza-ledger.h) */
  "CREATE TABLE IF NOT EXISTS promise_step ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  promise_id            INTEGER NOT NULL REFERENCES promise (id) ON DELETE CASCADE,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  kind                  TEXT NOT NULL,"
  "  recorded_on           TEXT,"
  "  old_due_on            TEXT,"
  "  new_due_on            TEXT,"
  "  told_on               TEXT,"
  "  agreed                INTEGER NOT NULL DEFAULT 0,"
  "  reason                TEXT"
  ");"
  "CREATE INDEX IF NOT EXISTS promise_step_promise ON promise_step (promise_id, id);"
  "CREATE INDEX IF NOT EXISTS promise_step_client ON promise_step (client_id, id);"
  /* the first due date, once a renegotiation in time moved it */
  "ALTER TABLE promise ADD COLUMN original_due_on TEXT;",
  /* 6 → 7: the recovery method kept (issue 14): why a plan gives no
   * compensation; the day the corrective measure was applied (a plan
   * closed before kept its measure: it counts from the day it closed);
   * step 1's judgement, whether trust can come back */
  "ALTER TABLE recovery_plan ADD COLUMN compensation_waiver TEXT NOT NULL DEFAULT 'none';"
  "ALTER TABLE recovery_plan ADD COLUMN corrective_applied_on TEXT;"
  "ALTER TABLE recovery_plan ADD COLUMN trust_judgement TEXT NOT NULL DEFAULT 'undecided';"
  "UPDATE recovery_plan SET corrective_applied_on = closed_on"
  "  WHERE closed_on IS NOT NULL AND trim (coalesce (corrective_measure, '')) != '';",
  /* 7 → 8: the messages of a recovery plan the user copied or opened in
   * the mail client, dated (model/confianza-recovery-message.h) */
  "CREATE TABLE IF NOT EXISTS recovery_message ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  plan_id               INTEGER NOT NULL REFERENCES recovery_plan (id) ON DELETE CASCADE,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  kind                  TEXT NOT NULL,"
  "  way                   TEXT NOT NULL,"
  "  text                  TEXT,"
  "  sent_on               TEXT"
  ");"
  "CREATE INDEX IF NOT EXISTS recovery_message_plan ON recovery_message (plan_id, id);"
  "CREATE INDEX IF NOT EXISTS recovery_message_client ON recovery_message (client_id);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CONFIANZA_STORE_SCHEMA_VERSION);

/* Files */

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }

      data += written;
      length -= (gsize) written;
    }

  return TRUE;
}

/* Reads through the store's hold on the file: see ConfianzaFileLock */
static gboolean
copy_to_fd (ConfianzaFileLock *source,
            int                out,
            int               *saved_errno)
{
  guint8 buffer[64 * 1024];
  gsize offset = 0;

  for (;;)
    {
      gsize n = 0;

      if (!confianza_file_lock_read (source, offset, buffer, sizeof buffer, &n, saved_errno))
        return FALSE;
      if (n == 0)
        break;
      if (!write_all (out, (const char *) buffer, n, saved_errno))
        return FALSE;
      offset += n;
    }

  if (fsync (out) != 0)
    {
      *saved_errno = errno;
      return FALSE;
    }

  return TRUE;
}

/* Copies @path byte for byte to "@path.backup-v@version" (or -2, -3… when
 * that exists), readable by the owner only, like the database itself. */
static char *
write_backup (const char         *path,
              ConfianzaFileLock  *file,
              int                 version,
              GError            **error)
{
  g_autofree char *base = g_strdup_printf ("%s.backup-v%d", path, version);
  g_autofree char *shown = g_filename_display_name (path);

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *candidate = NULL;
      int saved_errno = 0;
      int fd;

      if (n == 1)
        candidate = g_strdup (base);
      else
        candidate = g_strdup_printf ("%s-%u", base, n);

      fd = g_open (candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno == EEXIST)
        continue;

      if (fd >= 0)
        {
          gboolean copied = copy_to_fd (file, fd, &saved_errno);

          if (close (fd) != 0 && copied)
            {
              saved_errno = errno;
              copied = FALSE;
            }

          if (copied)
            return g_steal_pointer (&candidate);

          g_unlink (candidate);
        }
      else
        {
          saved_errno = errno;
        }

      if (saved_errno == ENOSPC)
        store_set_sqlite_error (error, NULL, path, SQLITE_FULL, TRUE);
      else
        g_set_error (error, CONFIANZA_STORE_ERROR,
                     saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS
                       ? CONFIANZA_STORE_ERROR_READ_ONLY
                       : CONFIANZA_STORE_ERROR_FAILED,
                     _("Confianza could not write a backup copy of “%s” before "
                       "upgrading it (%s). The file was left untouched."),
                     shown, g_strerror (saved_errno));
      return NULL;
    }

  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
               _("There are too many backup copies beside “%s”. Move some of "
                 "them away and open it again."),
               shown);
  return NULL;
}

/* Checks what can be checked without SQLite: nothing is opened for writing
 * until every check has passed, and files that are not ours are never handed
 * to SQLite at all (it could checkpoint another program's journal). */
static gboolean
check_header (const char         *path,
              ConfianzaFileLock  *file,
              GStatBuf           *st,
              gboolean           *wal_format,
              GError            **error)
{
  guint8 header[100];
  gsize n = 0;
  guint32 application_id;
  gint32 user_version;
  int saved_errno = 0;

  if (!S_ISREG (st->st_mode))
    {
      store_set_not_ours_error (error, path);
      return FALSE;
    }

  if (st->st_size == 0)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_OURS,
                   _("“%s” is empty, so it is not a Confianza database. It was "
                     "left untouched."),
                   shown);
      return FALSE;
    }

  if (!confianza_file_lock_read (file, 0, header, sizeof header, &n, &saved_errno))
    {
      store_set_errno_error (error, path, saved_errno);
      return FALSE;
    }

  if (n < 16 || memcmp (header, SQLITE_HEADER, 16) != 0)
    {
      store_set_not_ours_error (error, path);
      return FALSE;
    }

  /* An SQLite header cut short */
  if (n < sizeof header)
    {
      store_set_damaged_error (error, path);
      return FALSE;
    }

  /* The file format versions: 2 for write-ahead logging */
  if (wal_format != NULL)
    *wal_format = header[18] == 2 && header[19] == 2;

  /* Both big-endian, at fixed offsets of the database header. SQLite checks
   * them again once open, since a write-ahead log can hold a newer page 1. */
  application_id = ((guint32) header[68] << 24) | ((guint32) header[69] << 16) |
                   ((guint32) header[70] << 8) | (guint32) header[71];
  user_version = (gint32) (((guint32) header[60] << 24) | ((guint32) header[61] << 16) |
                           ((guint32) header[62] << 8) | (guint32) header[63]);

  if (application_id != CONFIANZA_STORE_APPLICATION_ID)
    {
      store_set_other_program_error (error, path);
      return FALSE;
    }

  if (user_version > CONFIANZA_STORE_SCHEMA_VERSION)
    {
      store_set_newer_error (error, path);
      return FALSE;
    }

  return TRUE;
}

/* Runs every migration from the file's version up, in one transaction, after
 * writing a backup copy of an existing file. */
gboolean
store_migrate (sqlite3            *db,
               const char         *path,
               ConfianzaFileLock  *file,
               gboolean            is_new,
               char              **backup_path,
               GError            **error)
{
  g_autofree char *backup = NULL;
  g_autofree char *shown = g_filename_display_name (path);
  gboolean wal = FALSE;
  int version = 0;
  int rc;

  if (!is_new)
    {
      wal = store_is_wal_mode (db);

      /* The backup is a copy of the main file: it must hold everything */
      if (wal)
        {
          rc = sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            {
              store_set_sqlite_error (error, db, path, rc, TRUE);
              return FALSE;
            }
        }
    }

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, db, path, rc, TRUE);
      return FALSE;
    }

  /* Read again under the write lock: another copy may have upgraded it */
  rc = store_query_int (db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    goto failed;

  if (version >= CONFIANZA_STORE_SCHEMA_VERSION && !is_new)
    {
      store_rollback_raw (db);
      if (version > CONFIANZA_STORE_SCHEMA_VERSION)
        {
          store_set_newer_error (error, path);
          return FALSE;
        }
      return TRUE;
    }

  if (!is_new)
    {
      g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
      GStatBuf st;

      /* Something was written between the checkpoint and our lock */
      if (wal && g_stat (wal_path, &st) == 0 && st.st_size > 0)
        {
          store_rollback_raw (db);
          store_set_sqlite_error (error, NULL, path, SQLITE_BUSY, TRUE);
          return FALSE;
        }

      /* We hold the write lock and have written nothing: the file is
       * exactly the old version */
      backup = write_backup (path, file, version, error);
      if (backup == NULL)
        {
          store_rollback_raw (db);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d",
                                              (int) CONFIANZA_STORE_APPLICATION_ID);

      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        goto failed;
    }

  for (int v = version; v < CONFIANZA_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      rc = sqlite3_exec (db, migrations[v], NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          g_debug ("Migration from version %d of %s failed: %s",
                   v, path, sqlite3_errmsg (db));
          goto failed;
        }
    }

  /* When, so that the copy goes once the upgrade has proved itself */
  if (!is_new && !confianza_store_record_upgrade (db))
    {
      rc = sqlite3_errcode (db);
      goto failed;
    }

  rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  if (backup_path != NULL)
    *backup_path = g_steal_pointer (&backup);

  return TRUE;

failed:
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      store_set_sqlite_error (error, db, path, rc, TRUE);
      break;

    default:
      if (is_new)
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                     _("Confianza could not create its database in “%s” (%s)."),
                     shown, sqlite3_errmsg (db));
      else
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                     _("“%s” could not be upgraded for this version of Confianza "
                       "(%s). It was left as it was."),
                     shown, sqlite3_errmsg (db));
      break;
    }

  store_rollback_raw (db);

  /* The file is unchanged, so its copy is of no use */
  if (backup != NULL)
    g_unlink (backup);

  return FALSE;
}

/* What only SQLite can tell, once it has the file open (a log can hold a
 * newer first page than the header on disk): ours, not newer, whole to
 * its quick check. FALSE with @error set on a refusal, or with @rc set
 * when SQLite itself failed. */
static gboolean
check_contents (sqlite3     *db,
                const char  *path,
                int         *version,
                int         *rc,
                GError     **error)
{
  int application_id = 0;
  gboolean ok = FALSE;

  *rc = store_query_int (db, "PRAGMA application_id", &application_id);
  if (*rc != SQLITE_OK)
    return FALSE;
  if ((guint32) application_id != CONFIANZA_STORE_APPLICATION_ID)
    {
      store_set_other_program_error (error, path);
      return FALSE;
    }

  *rc = store_query_int (db, "PRAGMA user_version", version);
  if (*rc != SQLITE_OK)
    return FALSE;
  if (*version > CONFIANZA_STORE_SCHEMA_VERSION)
    {
      store_set_newer_error (error, path);
      return FALSE;
    }

  *rc = confianza_store_check_pages (db, FALSE, &ok);
  if (*rc != SQLITE_OK)
    return FALSE;
  if (!ok)
    {
      store_set_damaged_error (error, path);
      return FALSE;
    }

  return TRUE;
}

sqlite3 *
store_open_existing (const char         *path,
                     ConfianzaFileLock  *file,
                     const char         *folder,
                     GStatBuf           *st,
                     const char         *vfs,
                     char              **backup_path,
                     GError            **error)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = NULL;
  gboolean had_wal;
  int version = 0;
  int rc;

  if (!check_header (path, file, st, NULL, error))
    return NULL;

  /* WAL needs to create files beside the database */
  if (g_access (path, W_OK) != 0 || g_access (folder, W_OK) != 0)
    {
      store_set_read_only_error (error, path);
      return NULL;
    }

  had_wal = g_file_test (wal_path, G_FILE_TEST_EXISTS);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc != SQLITE_OK)
    goto failed;

  /* A log left by a crash would be copied into the file when we close it:
   * not before we know the file is one we accept. A log we create ourselves
   * is empty, and closing just removes it. */
  if (had_wal)
    sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!store_apply_settings (db, path, error))
    goto failed_with_error;

  if (!check_contents (db, path, &version, &rc, error))
    {
      if (rc != SQLITE_OK)
        goto failed;
      goto failed_with_error;
    }

  /* Every check passed: from here on the file may be written */
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  if (version < CONFIANZA_STORE_SCHEMA_VERSION &&
      !store_migrate (db, path, file, FALSE, backup_path, error))
    goto failed_with_error;

  if (!store_switch_to_wal (db, path, error))
    goto failed_with_error;

  return db;

failed:
  store_set_sqlite_error (error, db, path, rc, TRUE);
failed_with_error:
  sqlite3_close_v2 (db);
  return NULL;
}

sqlite3 *
store_create_new (const char  *path,
                  const char  *vfs,
                  char       **notice,
                  GError     **error)
{
  g_autofree char *tmp = NULL;
  sqlite3 *db = NULL;
  int rc;
  int fd;

  /*
   * Built whole under a temporary name in the same folder, then linked into
   * place: a crash or a full disk while creating never leaves a half-made
   * file at @path that every later start would refuse. The temporary file
   * is ours and private (0600) from its first byte; @fd holds it until it
   * has its name (the next creation removes one a kill left).
   */
  fd = confianza_store_make_temporary (path, &tmp);
  if (fd < 0)
    {
      store_set_errno_error (error, path, errno);
      return NULL;
    }
  /* In case the umask is unusual */
  g_chmod (tmp, 0600);

  rc = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, db, path, rc, TRUE);
      goto failed;
    }

  if (!store_apply_settings (db, path, error) ||
      !store_migrate (db, path, NULL, TRUE, NULL, error))
    goto failed;

  rc = sqlite3_close_v2 (db);
  db = NULL;
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, NULL, path, rc, TRUE);
      goto failed;
    }

  /* SQLite would take a log or journal left beside @path by a database
   * that is gone into the new one, bringing erased records back: they are
   * set aside just before the new file takes the name. (The temporary
   * file needs no such care: its name is new, and SQLite discards a log
   * or journal beside an empty file.) */
  if (!confianza_store_set_aside_stale (path, notice, error))
    goto failed;

  /* link () never replaces a file that appeared meanwhile; folders that
   * know no hard links (FAT) get a rename. */
  if (link (tmp, path) == 0)
    g_unlink (tmp);
  else if ((errno == EPERM || errno == ENOTSUP || errno == EXDEV) &&
           !g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (tmp, path) == 0)
    ;
  else
    {
      store_set_errno_error (error, path, errno);
      goto failed;
    }
  /* Before SQLite opens the file again: closing drops its locks */
  close (fd);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, db, path, rc, TRUE);
      sqlite3_close_v2 (db);
      return NULL;
    }

  if (!store_apply_settings (db, path, error) ||
      !store_switch_to_wal (db, path, error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }

  return db;

failed:
  sqlite3_close_v2 (db);
  g_unlink (tmp);
  close (fd);
  return NULL;
}

ConfianzaStore *
store_open_read_only (const char  *path,
                      gboolean     any_version,
                      GError     **error)
{
  g_autofree char *log = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  ConfianzaFileLock *file;
  ConfianzaStore *self;
  gboolean wal_format = FALSE;
  sqlite3 *db = NULL;
  int version = 0;
  GStatBuf st;
  int rc;

  if (g_stat (path, &st) != 0)
    {
      g_autofree char *shown = g_filename_display_name (path);

      if (errno != ENOENT)
        store_set_errno_error (error, path, errno);
      else
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND,
                     _("There is no database at “%s”. Check the name: nothing was "
                       "created."),
                     shown);
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    {
      store_set_directory_error (error, path);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      store_set_not_ours_error (error, path);
      return NULL;
    }

  file = confianza_file_lock_acquire (path, FALSE, error);
  if (file == NULL)
    return NULL;

  if (!check_header (path, file, &st, &wal_format, error))
    goto failed_with_error;

  /* A file in WAL mode with no log beside it is whole, and no one writes
   * to it: it is read as immutable, since SQLite would otherwise make a log
   * and an index beside it, and leave them there. With a log (a window
   * has it open, or a crash left it) SQLite reads the log too, and
   * changes nothing. */
  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strdup_printf ("file:%s?mode=ro%s", escaped,
                         wal_format && !g_file_test (log, G_FILE_TEST_EXISTS) &&
                           !g_file_test (journal, G_FILE_TEST_EXISTS) ? "&immutable=1" : "");

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  if (!store_apply_settings (db, path, error))
    goto failed_with_error;

  rc = sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  if (!check_contents (db, path, &version, &rc, error))
    {
      if (rc != SQLITE_OK)
        goto failed;
      goto failed_with_error;
    }

  if (version < CONFIANZA_STORE_SCHEMA_VERSION && !any_version)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_OLDER_VERSION,
                   _("“%s” was written by an older version of Confianza and must be "
                     "upgraded first. Open it in Confianza’s window, which upgrades "
                     "it after keeping a copy, and try again. It was left untouched."),
                   shown);
      goto failed_with_error;
    }

  self = g_object_new (CONFIANZA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = db;
  self->file = file;
  self->schema_version = version;
  self->read_only = TRUE;

  return self;

failed:
  /* A log or journal that only a writer can finish */
  if (rc == SQLITE_READONLY_ROLLBACK || rc == SQLITE_READONLY_RECOVERY ||
      rc == SQLITE_READONLY_CANTINIT || rc == SQLITE_READONLY_CANTLOCK ||
      rc == SQLITE_CANTOPEN)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                   _("“%s” was left half-written when a program stopped, and reading "
                     "it alone cannot finish that. Open it in Confianza’s window "
                     "first, and try again. It was left untouched."),
                   shown);
    }
  else
    {
      store_set_sqlite_error (error, db, path, rc, TRUE);
    }
failed_with_error:
  sqlite3_close_v2 (db);
  confianza_file_lock_release (file, FALSE);
  return NULL;
}
