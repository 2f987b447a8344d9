/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-backup-disk"

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>
#include <string.h>

#include "reliability-util.h"
#include "store/confianza-backup.h"

/*
 * Backups against real disks and bad files: a full disk, a folder without
 * permission, damaged and newer copies. Each is refused in words, and
 * every file is left as it was: no half copy, no temporary file, no copy
 * "kept before the restore" of a restore that did not happen.
 */

static void
make_database (const char *path,
               const char *prefix,
               guint       n)
{
  ConfianzaStore *store = util_open_ok (path);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", prefix, i);
      g_autoptr(ConfianzaClient) client = confianza_client_new (name);
      g_autoptr(GError) error = NULL;

      confianza_client_set_notes (client, "Quiere el presupuesto por escrito antes del lunes.");
      g_assert_true (confianza_store_save_client (store, client, &error));
      g_assert_no_error (error);
    }
  util_close_store (&store);
}

/* A really full disk, when the tester provides a small one */
static void
test_full_disk (void)
{
  const char *full = g_getenv ("CONFIANZA_TEST_FULL_FOLDER");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *database_before = NULL;
  g_autofree char *database_after = NULL;
  g_autoptr(GError) error = NULL;

  if (full == NULL)
    {
      g_test_skip ("Set CONFIANZA_TEST_FULL_FOLDER to a folder on a small, nearly full "
                   "file system (for example a 64 KiB tmpfs) to test a full disk; "
                   "mounting one needs root");
      return;
    }

  dir = util_make_tmpdir ();
  path = g_build_filename (dir, "c.db", NULL);
  make_database (path, "Cliente", 300);
  database_before = util_tree_state (dir);

  copy = g_build_filename (full, "copia.db", NULL);
  before = util_tree_state (full);
  g_assert_false (confianza_backup_write (path, copy, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FULL);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "full"));

  /* Nothing of the attempt is left to fill the disk further */
  after = util_tree_state (full);
  g_assert_cmpstr (before, ==, after);
  database_after = util_tree_state (dir);
  g_assert_cmpstr (database_before, ==, database_after);

  util_rm_rf (dir);
}

/* Copies into, and restores into, a folder that cannot be written */
static void
test_no_permission (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *locked = g_build_filename (dir, "cerrada", NULL);
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *locked_db = g_build_filename (locked, "c.db", NULL);
  g_autofree char *copy = g_build_filename (locked, "copia.db", NULL);
  g_autofree char *source = g_build_filename (dir, "fuente.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  gboolean mounted;

  make_database (path, "Cliente", 3);
  make_database (source, "Restaurada", 2);
  g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
  make_database (locked_db, "Cerrada", 2);
  if (!util_lock_folder (locked, &mounted))
    {
      util_rm_rf (dir);
      return;
    }
  before = util_tree_state (dir);

  /* A copy into it */
  g_assert_false (confianza_backup_write (path, copy, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* A restore into a database in it */
  g_assert_false (confianza_backup_restore (locked_db, source, NULL, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* The copy of the day of a database in it: its folder of copies cannot
   * be made */
  g_assert_false (confianza_backup_run_daily (locked_db, now, TRUE, 7, 4, &written, &error));
  g_assert_nonnull (error);
  g_assert_null (written);
  g_test_message ("%s", error->message);

  after = util_tree_state (dir);
  g_assert_cmpstr (before, ==, after);

  util_unlock_folder (locked, mounted);
  util_rm_rf (dir);
}

/* Zeroes @length bytes of @path at @offset */
static void
zero_bytes (const char *path,
            gsize       offset,
            gsize       length)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, &error));
  g_assert_cmpuint (offset + length, <=, size);
  memset (contents + offset, 0, length);
  g_assert_true (g_file_set_contents (path, contents, (gssize) size, &error));
}

static void
truncate_to (const char *path,
             gsize       length)
{
  g_autofree char *contents = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  g_assert_cmpuint (length, <, size);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
}

static void
assert_restore_refused (const char *dir,
                        const char *database,
                        const char *source,
                        int         code)
{
  g_autofree char *before = util_tree_state (dir);
  g_autofree char *after = NULL;
  g_autoptr(ConfianzaBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  char *kept = NULL;

  info = confianza_backup_inspect (source, &error);
  g_assert_null (info);
  g_assert_error (error, CONFIANZA_STORE_ERROR, code);
  g_clear_error (&error);

  g_assert_false (confianza_backup_restore (database, source, &kept, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, code);
  g_assert_null (kept);
  g_test_message ("%s", error->message);

  after = util_tree_state (dir);
  g_assert_cmpstr (before, ==, after);
}

static void
test_damaged_sources (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *sources = g_build_filename (dir, "copias", NULL);
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *good = g_build_filename (sources, "buena.db", NULL);
  g_autofree char *half = g_build_filename (sources, "mitad.db", NULL);
  g_autofree char *header_only = g_build_filename (sources, "cabecera.db", NULL);
  g_autofree char *zeroed = g_build_filename (sources, "ceros.db", NULL);
  g_autofree char *index = g_build_filename (sources, "indice.db", NULL);
  g_autoptr(GError) error = NULL;
  int root;

  make_database (path, "Cliente", 3);
  g_assert_cmpint (g_mkdir (sources, 0700), ==, 0);
  {
    g_autofree char *other = g_build_filename (dir, "otra.db", NULL);

    make_database (other, "Copia", 400);
    g_assert_true (confianza_backup_write (other, good, &error));
    g_assert_no_error (error);
    util_rm_rf (other);
  }

  /* Cut in half, as a copy to a USB drive pulled out too soon */
  util_copy_file (good, half);
  truncate_to (half, (gsize) util_raw_query_int (good, "PRAGMA page_count") * 4096 / 2);
  assert_restore_refused (dir, path, half, CONFIANZA_STORE_ERROR_DAMAGED);

  /* Only the first 100 bytes */
  util_copy_file (good, header_only);
  truncate_to (header_only, 100);
  assert_restore_refused (dir, path, header_only, CONFIANZA_STORE_ERROR_DAMAGED);

  /* A page of the client table zeroed */
  util_copy_file (good, zeroed);
  root = util_raw_query_int (good, "SELECT rootpage FROM sqlite_master WHERE name = 'client'");
  zero_bytes (zeroed, (gsize) (root - 1) * 4096, 4096);
  assert_restore_refused (dir, path, zeroed, CONFIANZA_STORE_ERROR_DAMAGED);

  /* An index that disagrees with its table: only the full check sees it */
  util_copy_file (good, index);
  util_raw_exec (index, "INSERT INTO promise (client_id, title, due_on) VALUES"
                        " (1, 'Informe', '2026-01-01'), (2, 'Web', '2026-02-01')");
  util_raw_exec (index, "PRAGMA writable_schema = ON;"
                        "UPDATE sqlite_master SET sql = replace (sql, 'due_on', 'title')"
                        " WHERE name = 'promise_due'");
  g_assert_false (util_raw_integrity_ok (index));
  assert_restore_refused (dir, path, index, CONFIANZA_STORE_ERROR_DAMAGED);

  util_rm_rf (dir);
}

static void
test_newer_sources (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *sources = g_build_filename (dir, "copias", NULL);
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *newer = g_build_filename (sources, "nueva.db", NULL);
  g_autofree char *in_log = g_build_filename (sources, "registro.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  make_database (path, "Cliente", 3);
  g_assert_cmpint (g_mkdir (sources, 0700), ==, 0);
  make_database (newer, "Futura", 2);
  util_raw_exec (newer, "PRAGMA user_version = 99");
  assert_restore_refused (dir, path, newer, CONFIANZA_STORE_ERROR_NEWER_VERSION);

  /* Newer only in the log a crash left beside it */
  make_database (in_log, "Futura", 2);
  g_assert_cmpint (sqlite3_open (in_log, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  assert_restore_refused (dir, path, in_log, CONFIANZA_STORE_ERROR_NEWER_VERSION);

  util_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/backup-disk/full", test_full_disk);
  g_test_add_func ("/backup-disk/no-permission", test_no_permission);
  g_test_add_func ("/backup-disk/damaged-sources", test_damaged_sources);
  g_test_add_func ("/backup-disk/newer-sources", test_newer_sources);

  ret = g_test_run ();
  util_free_dates ();

  return ret;
}
