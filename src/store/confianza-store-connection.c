/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

/* The connection: SQLite's handle settings, the statement cache,
 * transactions and savepoints, and SQLite's errors as the store's. What
 * is particular to SQLite's dialect lives here and in the schema. */

#include "config.h"

#include <glib/gi18n.h>

#include <errno.h>

#include "confianza-store-internal.h"

#define BUSY_TIMEOUT_MS 5000

/* Errors */

void
store_set_sqlite_error (GError     **error,
                        sqlite3     *db,
                        const char  *path,
                        int          rc,
                        gboolean     opening)
{
  g_autofree char *shown = g_filename_display_name (path);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FULL,
                   _("The disk is full, so Confianza could not save to “%s”. "
                     "Free some space and try again."),
                   shown);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY,
                   _("Confianza needs permission to write to “%s” and to its "
                     "folder, and does not have it. Ask for that permission, or "
                     "keep your records in another place."),
                   shown);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      if (opening)
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_DAMAGED,
                     _("“%s” is damaged, so Confianza cannot open it. It was "
                       "left untouched: restore it from a backup copy if you "
                       "have one."),
                     shown);
      else
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_DAMAGED,
                     _("“%s” is damaged, so Confianza cannot read or change it. "
                       "Restore it from a backup copy if you have one."),
                     shown);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                   _("“%s” is being used by another program, perhaps another "
                     "copy of Confianza. Close it and try again."),
                   shown);
      break;

    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND,
                               _("The client, incident or plan this belongs to is "
                                 "no longer in your records."));
          break;
        }
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        {
          /* The only unique column besides ids: one plan per incident */
          g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                               _("This incident already has a recovery plan."));
          break;
        }
      G_GNUC_FALLTHROUGH;

    default:
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                   _("Confianza could not use “%s” (%s)."),
                   shown, detail);
      break;
    }
}

void
store_set_read_only_error (GError     **error,
                           const char  *path)
{
  store_set_sqlite_error (error, NULL, path, SQLITE_READONLY, TRUE);
}

/* A message about the file at @path: @format is a literal with one %s, the
 * name as shown (msgfmt checks the translations keep it) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
set_path_error (GError     **error,
                int          code,
                const char  *path,
                const char  *format)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, CONFIANZA_STORE_ERROR, code, format, shown);
}
#pragma GCC diagnostic pop

void
store_set_not_ours_error (GError     **error,
                          const char  *path)
{
  set_path_error (error, CONFIANZA_STORE_ERROR_NOT_OURS, path,
                  _("“%s” is not a Confianza database. It was left untouched."));
}

void
store_set_other_program_error (GError     **error,
                               const char  *path)
{
  set_path_error (error, CONFIANZA_STORE_ERROR_NOT_OURS, path,
                  _("“%s” belongs to another program, not to Confianza. It was "
                     "left untouched."));
}

void
store_set_newer_error (GError     **error,
                       const char  *path)
{
  set_path_error (error, CONFIANZA_STORE_ERROR_NEWER_VERSION, path,
                  _("“%s” was written by a newer version of Confianza. Update "
                     "Confianza to open it. It was left untouched."));
}

void
store_set_directory_error (GError     **error,
                           const char  *path)
{
  set_path_error (error, CONFIANZA_STORE_ERROR_IS_DIRECTORY, path,
                  _("“%s” is a folder, not a Confianza database. Choose a file "
                     "instead."));
}

void
store_set_damaged_error (GError     **error,
                         const char  *path)
{
  store_set_sqlite_error (error, NULL, path, SQLITE_CORRUPT, TRUE);
}

void
store_set_errno_error (GError     **error,
                       const char  *path,
                       int          saved_errno)
{
  g_autofree char *shown = g_filename_display_name (path);

  switch (saved_errno)
    {
    case EACCES:
    case EPERM:
    case EROFS:
      store_set_read_only_error (error, path);
      break;

    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      store_set_sqlite_error (error, NULL, path, SQLITE_FULL, TRUE);
      break;

    default:
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                   _("Confianza could not use “%s” (%s)."),
                   shown, g_strerror (saved_errno));
      break;
    }
}

/* Raw statements, for opening (before there is a store) */

/* The first column of the first row of @sql, in @number or (newly
 * allocated) in @text, whichever is not NULL: 0 or NULL without a row */
static int
query_one (sqlite3     *db,
           const char  *sql,
           int         *number,
           char       **text)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (number != NULL)
    *number = 0;
  if (text != NULL)
    *text = NULL;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (number != NULL)
        *number = sqlite3_column_int (stmt, 0);
      if (text != NULL)
        *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    {
      rc = SQLITE_OK;
    }

  sqlite3_finalize (stmt);

  return rc;
}

int
store_query_int (sqlite3    *db,
                 const char *sql,
                 int        *value)
{
  return query_one (db, sql, value, NULL);
}

static int
query_text (sqlite3     *db,
            const char  *sql,
            char       **value)
{
  return query_one (db, sql, NULL, value);
}

/* SQLite's own check, quick or full: exactly one row saying "ok" */
int
confianza_store_check_pages (sqlite3  *db,
                             gboolean  full,
                             gboolean *ok)
{
  sqlite3_stmt *stmt = NULL;
  guint rows = 0;
  gboolean first_ok = FALSE;
  int rc;

  *ok = FALSE;

  if (full)
    rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  else
    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (rows == 0)
        first_ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
      rows++;
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return rc;

  *ok = rows == 1 && first_ok;

  return SQLITE_OK;
}

gboolean
store_is_wal_mode (sqlite3 *db)
{
  g_autofree char *mode = NULL;

  if (query_text (db, "PRAGMA journal_mode", &mode) != SQLITE_OK)
    return FALSE;

  return g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") == 0;
}

void
store_rollback_raw (sqlite3 *db)
{
  /* SQLite may already have rolled back on its own (full disk, I/O error) */
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Opening */

gboolean
store_apply_settings (sqlite3     *db,
                      const char  *path,
                      GError     **error)
{
  int rc;

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  /* None writes to the file. FULL: a committed change survives a power
   * cut, which matters more here than speed. secure_delete: what is erased
   * is overwritten, not left readable in the file's free space. */
  rc = sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
                         " PRAGMA secure_delete = ON;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, db, path, rc, TRUE);
      return FALSE;
    }

  return TRUE;
}

gboolean
store_switch_to_wal (sqlite3     *db,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *mode = NULL;
  int rc;

  rc = query_text (db, "PRAGMA journal_mode = WAL", &mode);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, db, path, rc, TRUE);
      return FALSE;
    }

  /* Some file systems (network shares) cannot do WAL: the rollback journal
   * is just as safe, only slower. */
  if (g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") != 0)
    g_debug ("Journal mode of %s stays %s", path, mode);

  return TRUE;
}

/* Statements */

sqlite3_stmt *
store_prepare (ConfianzaStore  *self,
               const char      *sql,
               GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

void
store_statement_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* Steps @stmt, a statement that returns no row: FALSE with @error set
 * when it failed */
gboolean
store_step_done (ConfianzaStore  *self,
                 sqlite3_stmt    *stmt,
                 GError         **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

gboolean
store_exec (ConfianzaStore  *self,
            const char      *sql,
            GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

/* Inside the caller's transaction (confianza_store_begin ()) each change is
 * a savepoint, so that a failed one is undone alone. */
gboolean
store_refuse_read_only (ConfianzaStore  *self,
                        GError         **error)
{
  g_autofree char *shown = NULL;

  if (!self->read_only)
    return FALSE;

  shown = g_filename_display_name (self->path);
  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY,
               _("“%s” was opened only to be read, so nothing can be changed in it."),
               shown);
  return TRUE;
}

/* While an import writes through its own connection, a write here would
 * wait for it (and freeze the window) until the busy timeout, then fail:
 * it is refused at once instead, in words. */
gboolean
store_refuse_during_import (ConfianzaStore  *self,
                            GError         **error)
{
  if (self->imports == 0)
    return FALSE;

  g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_BUSY,
                       _("Clients are being imported. Try again when the import "
                         "has finished: nothing was changed."));
  return TRUE;
}

gboolean
store_begin (ConfianzaStore  *self,
             GError         **error)
{
  if (store_refuse_read_only (self, error) ||
      store_refuse_during_import (self, error))
    return FALSE;

  if (self->pending != NULL)
    return store_exec (self, "SAVEPOINT record", error);

  return store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
store_commit (ConfianzaStore  *self,
              GError         **error)
{
  if (self->pending != NULL)
    return store_exec (self, "RELEASE record", error);

  return store_exec (self, "COMMIT", error);
}

void
store_rollback (ConfianzaStore *self)
{
  /* SQLite may already have rolled back on its own (full disk, I/O error) */
  if (sqlite3_get_autocommit (self->db))
    return;

  if (sqlite3_exec (self->db,
                    self->pending != NULL ? "ROLLBACK TO record; RELEASE record" : "ROLLBACK",
                    NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not roll back a change to %s: %s",
               self->path, sqlite3_errmsg (self->db));
}
