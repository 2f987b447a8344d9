/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-backup"

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reliability/reliability-util.h"
#include "store/confianza-backup.h"

/* Helpers */

/* A database at @path holding clients of these comma-separated names */
static void
make_database (const char *path,
               const char *names)
{
  g_auto(GStrv) each = g_strsplit (names, ",", -1);
  ConfianzaStore *store = util_open_ok (path);

  for (guint i = 0; each[i] != NULL; i++)
    {
      g_autoptr(ConfianzaClient) client = confianza_client_new (each[i]);
      g_autoptr(GError) error = NULL;

      g_assert_true (confianza_store_save_client (store, client, &error));
      g_assert_no_error (error);
    }
  util_close_store (&store);
}

/* The names of the clients in @path, sorted, as SQLite finds them */
static char *
names_in (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *names;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT coalesce (group_concat (name, ','), '')"
                                           " FROM (SELECT name FROM client ORDER BY name)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  names = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return names;
}

static void
assert_names (const char *path,
              const char *expected)
{
  g_autofree char *names = names_in (path);

  g_assert_cmpstr (names, ==, expected);
}

/* @dir is as it was when @before was taken */
static void
assert_same_tree (const char *dir,
                  const char *before)
{
  g_autofree char *after = util_tree_state (dir);

  g_assert_cmpstr (before, ==, after);
}

static GDateTime *
local_time (int year,
            int month,
            int day,
            int hour)
{
  return g_date_time_new_local (year, month, day, hour, 0, 0);
}

/* Writing a copy */

static void
test_write (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copia.db", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *header = NULL;
  g_autofree char *before = NULL;
  g_autofree char *sum = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  gsize length;

  make_database (path, "Ana,Beto,Carla");
  before = util_file_checksum (path);

  g_assert_true (confianza_backup_write (path, copy, &error));
  g_assert_no_error (error);

  /* The database is as it was; the copy is one whole private file */
  g_assert_cmpint (g_stat (copy, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  sum = util_file_checksum (path);
  g_assert_cmpstr (sum, ==, before);
  listing = util_list_dir (dir);
  g_assert_cmpstr (listing, ==, "c.db\ncopia.db");
  assert_names (copy, "Ana,Beto,Carla");
  g_assert_true (util_raw_integrity_ok (copy));
  g_assert_cmpint (util_raw_query_int (copy, "PRAGMA application_id"), ==, (int) CONFIANZA_STORE_APPLICATION_ID);
  /* Not in WAL mode: nothing must be beside it to read it whole */
  g_assert_true (g_file_get_contents (copy, &header, &length, NULL));
  g_assert_cmpint (header[18], ==, 1);
  g_assert_cmpint (header[19], ==, 1);

  /* Replacing a file the user chose */
  g_assert_true (g_file_set_contents (copy, "an older copy", -1, NULL));
  g_assert_true (confianza_backup_write (path, copy, &error));
  g_assert_no_error (error);
  assert_names (copy, "Ana,Beto,Carla");
  g_clear_pointer (&listing, g_free);
  listing = util_list_dir (dir);
  g_assert_cmpstr (listing, ==, "c.db\ncopia.db");

  util_rm_rf (dir);
}

/* A window has the database open and is in the middle of a change: the
 * copy holds what was committed */
static void
test_write_while_writing (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copia.db", NULL);
  g_autofree char *second = g_build_filename (dir, "copia2.db", NULL);
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Dentro");
  g_autoptr(GError) error = NULL;
  ConfianzaStore *window;

  make_database (path, "Ana");
  window = util_open_ok (path);
  g_assert_true (confianza_store_begin (window, &error));
  g_assert_true (confianza_store_save_client (window, client, &error));

  g_assert_true (confianza_backup_write (path, copy, &error));
  g_assert_no_error (error);
  assert_names (copy, "Ana");

  g_assert_true (confianza_store_commit (window, &error));
  g_assert_true (confianza_backup_write (path, second, &error));
  g_assert_no_error (error);
  assert_names (second, "Ana,Dentro");

  util_close_store (&window);
  util_rm_rf (dir);
}

static void
assert_write_refused (const char *database,
                      const char *destination,
                      GQuark      domain,
                      int         code)
{
  g_autofree char *folder = g_path_get_dirname (database);
  g_autofree char *before = util_tree_state (folder);
  g_autoptr(GError) error = NULL;

  g_assert_false (confianza_backup_write (database, destination, &error));
  g_assert_error (error, domain, code);
  g_test_message ("Refused %s: %s", destination, error->message);

  assert_same_tree (folder, before);
}

/* Never over the database under any of its names, nor its files or copies */
static void
test_write_refuses_database (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *symlink_path = g_build_filename (dir, "enlace.db", NULL);
  g_autofree char *hard_link = g_build_filename (dir, "duro.db", NULL);
  g_autofree char *folder_link = g_build_filename (dir, "carpeta", NULL);
  g_autofree char *through_link = g_build_filename (folder_link, "c.db", NULL);
  g_autofree char *dotted = g_build_filename (dir, ".", "c.db", NULL);
  g_autofree char *upgrade_copy = g_strconcat (path, ".backup-v3", NULL);
  g_autofree char *daily = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal_through_link = g_strconcat (through_link, "-wal", NULL);
  g_autofree char *other = g_build_filename (dir, "otra.db", NULL);
  g_autofree char *other_wal = g_strconcat (other, "-wal", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;

  make_database (path, "Ana");
  g_assert_true (confianza_backup_run_daily (path, now, TRUE, 7, 4, &daily, &error));
  g_assert_no_error (error);
  g_assert_nonnull (daily);
  g_assert_true (g_file_set_contents (upgrade_copy, "a copy from before an upgrade", -1, NULL));
  g_assert_cmpint (symlink (path, symlink_path), ==, 0);
  g_assert_cmpint (link (path, hard_link), ==, 0);
  g_assert_cmpint (symlink (dir, folder_link), ==, 0);

  assert_write_refused (path, path, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_write_refused (path, dotted, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_write_refused (path, symlink_path, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_write_refused (path, hard_link, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_write_refused (path, through_link, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  /* Files that do not exist now, but will beside the open database */
  assert_write_refused (path, wal, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_write_refused (path, shm, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_write_refused (path, journal, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_write_refused (path, wal_through_link, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_write_refused (path, daily, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_write_refused (path, upgrade_copy, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  /* Another database with a log of its own beside it */
  make_database (other, "Otra");
  g_assert_true (g_file_set_contents (other_wal, "its log", -1, NULL));
  assert_write_refused (path, other, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_IN_USE);
  assert_names (other, "Otra");
  /* A folder */
  assert_write_refused (path, dir, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_IS_DIRECTORY);

  /* The same while a window has it open (its log now exists) */
  {
    ConfianzaStore *window = util_open_ok (path);

    assert_write_refused (path, wal, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
    assert_write_refused (path, shm, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
    util_close_store (&window);
  }

  assert_names (path, "Ana");
  g_assert_true (util_raw_integrity_ok (path));
  util_rm_rf (dir);
}

static void
test_write_refuses_source (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "nada.db", NULL);
  g_autofree char *other = g_build_filename (dir, "otro.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copia.db", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (confianza_backup_write (missing, copy, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  util_raw_exec (other, "CREATE TABLE t (x)");
  g_assert_false (confianza_backup_write (other, copy, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_OURS);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  util_rm_rf (dir);
}

/* Inspecting */

/* Zeroes the b-tree header of the client table's root page */
static void
damage (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  int root = util_raw_query_int (path, "SELECT rootpage FROM sqlite_master WHERE name = 'client'");

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  memset (contents + (gsize) (root - 1) * 4096, 0, 12);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_inspect (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copia.db", NULL);
  g_autofree char *older = g_build_filename (dir, "vieja.db", NULL);
  g_autoptr(ConfianzaBackupInfo) info = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  make_database (path, "Ana,Beto");
  g_assert_true (confianza_backup_write (path, copy, &error));
  before = util_tree_state (dir);

  info = confianza_backup_inspect (copy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->counts.clients, ==, 2);
  g_assert_cmpuint (info->counts.promises, ==, 0);
  g_assert_cmpint (info->schema_version, ==, CONFIANZA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (ABS (g_date_time_difference (now, info->date)), <, 120 * G_TIME_SPAN_SECOND);
  assert_same_tree (dir, before);
  g_clear_pointer (&info, confianza_backup_info_free);

  /* The live database, with a log a window left */
  {
    ConfianzaStore *window = util_open_ok (path);
    g_autoptr(ConfianzaClient) client = confianza_client_new ("Carla");

    g_assert_true (confianza_store_save_client (window, client, &error));
    info = confianza_backup_inspect (path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (info->counts.clients, ==, 3);
    g_clear_pointer (&info, confianza_backup_info_free);
    util_close_store (&window);
  }

  /* An older version is fine, untouched */
  g_assert_true (confianza_backup_write (path, older, &error));
  util_raw_exec (older, UTIL_SQL_UNDO_MIGRATIONS_AFTER_5
                       "DROP TABLE housekeeping; PRAGMA user_version = 3");
  g_clear_pointer (&before, g_free);
  before = util_tree_state (dir);
  info = confianza_backup_inspect (older, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->schema_version, ==, 3);
  g_assert_cmpuint (info->counts.clients, ==, 3);
  assert_same_tree (dir, before);
  g_clear_pointer (&info, confianza_backup_info_free);

  /* Newer, damaged: refused */
  util_raw_exec (copy, "PRAGMA user_version = 99");
  g_assert_null (confianza_backup_inspect (copy, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NEWER_VERSION);
  g_clear_error (&error);
  util_raw_exec (copy, "PRAGMA user_version = 4");
  damage (copy);
  g_clear_pointer (&before, g_free);
  before = util_tree_state (dir);
  g_assert_null (confianza_backup_inspect (copy, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_DAMAGED);
  g_test_message ("%s", error->message);
  assert_same_tree (dir, before);

  util_rm_rf (dir);
}

/* Restoring */

static void
on_signal (gpointer  instance,
           GString  *log)
{
  g_string_append (log, g_signal_name (g_signal_get_invocation_hint (instance)->signal_id));
  g_string_append_c (log, ' ');
}

static char *
live_names (GListModel *clients)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "", confianza_client_get_name (client));
    }

  return g_strdup (names->str);
}

static void
test_restore (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *other = g_build_filename (dir, "otra.db", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "copias", NULL);
  g_autofree char *copy = g_build_filename (elsewhere, "copia.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(GListModel) promises = NULL;
  g_autoptr(GString) signals = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  ConfianzaStore *window;
  ConfianzaBackupCopy *listed;

  make_database (path, "Ana,Beto");
  make_database (other, "Xavi,Yoli,Zoe");
  g_assert_cmpint (g_mkdir (elsewhere, 0700), ==, 0);
  g_assert_true (confianza_backup_write (other, copy, &error));
  source = util_tree_state (elsewhere);

  /* A window of this process has the database open, with its lists */
  window = util_open_ok (path);
  clients = confianza_store_get_clients (window);
  promises = confianza_store_get_promises (window, 1);
  g_signal_connect (window, "reloaded", G_CALLBACK (on_signal), signals);
  g_signal_connect (window, "changed", G_CALLBACK (on_signal), signals);

  g_assert_true (confianza_backup_restore (path, copy, &kept, &error));
  g_assert_no_error (error);
  assert_names (path, "Xavi,Yoli,Zoe");
  g_assert_true (util_raw_integrity_ok (path));
  /* The copy is left as it was */
  assert_same_tree (elsewhere, source);

  /* What was there before is kept, and listed */
  g_assert_nonnull (kept);
  assert_names (kept, "Ana,Beto");
  copies = confianza_backup_list (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, 1);
  listed = g_ptr_array_index (copies, 0);
  g_assert_cmpstr (listed->path, ==, kept);
  g_assert_cmpint (listed->kind, ==, CONFIANZA_BACKUP_BEFORE_RESTORE);

  /* The window's lists follow once it reloads */
  names = live_names (clients);
  g_assert_cmpstr (names, ==, "Ana,Beto");
  g_clear_pointer (&names, g_free);
  confianza_store_reload (window);
  names = live_names (clients);
  g_assert_cmpstr (names, ==, "Xavi,Yoli,Zoe");
  g_assert_cmpstr (signals->str, ==, "reloaded changed ");

  /* And it goes on working on the restored records */
  {
    g_autoptr(ConfianzaClient) client = confianza_client_new ("Nuevo");

    g_assert_true (confianza_store_save_client (window, client, &error));
    g_assert_no_error (error);
  }
  util_close_store (&window);
  assert_names (path, "Nuevo,Xavi,Yoli,Zoe");

  util_rm_rf (dir);
}

/* A copy from before an upgrade is upgraded after it is restored */
static void
test_restore_older (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "vieja.db", NULL);
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store;

  make_database (path, "Ana");
  g_assert_true (confianza_backup_write (path, copy, &error));
  util_raw_exec (copy, "DELETE FROM client; INSERT INTO client (name, status) VALUES ('Antigua', 'active');"
                       UTIL_SQL_UNDO_MIGRATIONS_AFTER_5
                       "DROP TABLE housekeeping; PRAGMA user_version = 3");

  g_assert_true (confianza_backup_restore (path, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (util_raw_query_int (path, "PRAGMA user_version"), ==, CONFIANZA_STORE_SCHEMA_VERSION);
  assert_names (path, "Antigua");
  store = util_open_ok (path);
  util_close_store (&store);

  util_rm_rf (dir);
}

/* A damaged database is what a restore is for: kept aside as it was, and
 * the copy goes into a new one */
static void
test_restore_into_damaged (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *elsewhere = g_build_filename (dir, "copias", NULL);
  g_autofree char *copy = g_build_filename (elsewhere, "copia.db", NULL);
  g_autofree char *damaged_sum = NULL;
  g_autofree char *kept_sum = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *kept_name = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store;

  make_database (path, "Ana,Beto");
  g_assert_cmpint (g_mkdir (elsewhere, 0700), ==, 0);
  g_assert_true (confianza_backup_write (path, copy, &error));
  make_database (path, "Carla,Dani,Eva,Fede,Gala,Hugo,Inés,Juan,Kike,Luz,Mar,Nora");
  damage (path);
  g_assert_null (confianza_store_open (path, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  damaged_sum = util_file_checksum (path);

  g_assert_true (confianza_backup_restore (path, copy, &kept, &error));
  g_assert_no_error (error);
  assert_names (path, "Ana,Beto");
  g_assert_nonnull (kept);
  kept_name = g_path_get_basename (kept);
  g_assert_true (g_str_has_prefix (kept_name, "c.db.damaged-"));
  kept_sum = util_file_checksum (kept);
  g_assert_cmpstr (kept_sum, ==, damaged_sum);

  store = util_open_ok (path);
  util_close_store (&store);
  util_rm_rf (dir);
}

static void
assert_restore_refused (const char *database,
                        const char *source,
                        GQuark      domain,
                        int         code)
{
  g_autofree char *folder = g_path_get_dirname (database);
  g_autofree char *before = util_tree_state (folder);
  g_autoptr(GError) error = NULL;
  char *kept = (char *) "unset";

  g_assert_false (confianza_backup_restore (database, source, &kept, &error));
  g_assert_error (error, domain, code);
  g_assert_null (kept);
  g_test_message ("Refused %s: %s", source, error->message);
  assert_same_tree (folder, before);
}

static void
test_restore_refusals (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *other = g_build_filename (dir, "otro.db", NULL);
  g_autofree char *newer = g_build_filename (dir, "nueva.db", NULL);
  g_autofree char *damaged = g_build_filename (dir, "rota.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "nada.db", NULL);
  g_autofree char *text = g_build_filename (dir, "notas.txt", NULL);
  g_autofree char *link_path = g_build_filename (dir, "enlace.db", NULL);

  make_database (path, "Ana");
  util_raw_exec (other, "CREATE TABLE client (id INTEGER PRIMARY KEY, name TEXT)");
  g_assert_true (g_file_set_contents (text, "Nombre;Empresa\n", -1, NULL));
  make_database (newer, "Futuro");
  util_raw_exec (newer, "PRAGMA user_version = 99");
  make_database (damaged, "Rota,Rota2");
  damage (damaged);
  g_assert_cmpint (symlink (path, link_path), ==, 0);

  assert_restore_refused (path, other, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_OURS);
  assert_restore_refused (path, text, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_OURS);
  assert_restore_refused (path, newer, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NEWER_VERSION);
  assert_restore_refused (path, damaged, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_DAMAGED);
  assert_restore_refused (path, missing, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
  assert_restore_refused (path, path, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_restore_refused (path, link_path, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_restore_refused (path, wal, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_SAME_FILE);
  assert_restore_refused (path, dir, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_IS_DIRECTORY);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  assert_names (path, "Ana");
  util_rm_rf (dir);
}

/* Another process (a window) holds the database open: refused, untouched */
static void
test_restore_in_use (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copia.db", NULL);
  g_autoptr(GError) error = NULL;
  int ready[2], done[2];
  pid_t child;
  char byte = 0;
  int status = 0;

  make_database (path, "Ana");
  g_assert_true (confianza_backup_write (path, copy, &error));
  util_raw_exec (copy, "UPDATE client SET name = 'Cambiada'");

  /* What a window's store does: a shared flock () for as long as it is open */
  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (done), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      int fd = open (path, O_RDONLY);

      close (ready[0]);
      close (done[1]);
      if (fd < 0 || flock (fd, LOCK_SH) != 0)
        _exit (1);
      if (write (ready[1], "x", 1) != 1)
        _exit (1);
      while (read (done[0], &byte, 1) > 0)
        ;
      _exit (0);
    }
  close (ready[1]);
  close (done[0]);
  g_assert_cmpint (read (ready[0], &byte, 1), ==, 1);

  assert_restore_refused (path, copy, CONFIANZA_BACKUP_ERROR, CONFIANZA_BACKUP_ERROR_IN_USE);
  {
    /* Not even the copy of what it holds was made */
    g_autoptr(GPtrArray) copies = confianza_backup_list (path, &error);

    g_assert_cmpuint (copies->len, ==, 0);
  }

  /* Once the window is gone it goes ahead */
  close (done[1]);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  close (ready[0]);
  g_assert_true (confianza_backup_restore (path, copy, NULL, &error));
  g_assert_no_error (error);
  assert_names (path, "Cambiada");

  util_rm_rf (dir);
}

/* Keeping copies */

static ConfianzaBackupCopy *
fake_copy (ConfianzaBackupKind  kind,
           GDateTime           *date)
{
  ConfianzaBackupCopy *copy = g_new0 (ConfianzaBackupCopy, 1);

  copy->kind = kind;
  copy->date = g_date_time_ref (date);
  copy->path = g_date_time_format (date, "%Y-%m-%d %H");

  return copy;
}

/* The paths of the copies in @copies that are not in @expired, sorted */
static char *
kept_of (GPtrArray *copies,
         GPtrArray *expired)
{
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; i < copies->len; i++)
    {
      ConfianzaBackupCopy *copy = g_ptr_array_index (copies, i);
      gboolean gone = FALSE;

      for (guint j = 0; j < expired->len; j++)
        gone |= g_ptr_array_index (expired, j) == copy;
      if (!gone)
        g_ptr_array_add (kept, copy->path);
    }
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (",", (char **) kept->pdata);
}

static void
test_select_expired (void)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func ((GDestroyNotify) confianza_backup_copy_free);
  g_autoptr(GDateTime) now = local_time (2026, 12, 4, 18);
  g_autoptr(GPtrArray) expired = NULL;
  g_autofree char *kept = NULL;

  /* A copy every day at 9 and at 15 for 60 days, newest first */
  for (int age = 0; age < 60; age++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (now, -age);

      for (int hour = 15; hour >= 9; hour -= 6)
        {
          g_autoptr(GDateTime) date = local_time (g_date_time_get_year (day), g_date_time_get_month (day),
                                                  g_date_time_get_day_of_month (day), hour);
          g_ptr_array_add (copies, fake_copy (CONFIANZA_BACKUP_DAILY, date));
        }
    }
  {
    g_autoptr(GDateTime) restore_recent = local_time (2026, 11, 20, 10);
    g_autoptr(GDateTime) restore_old = local_time (2026, 10, 20, 10);
    g_autoptr(GDateTime) upgrade_old = local_time (2025, 1, 1, 10);
    g_autoptr(GDateTime) future = local_time (2026, 12, 6, 10);

    g_ptr_array_add (copies, fake_copy (CONFIANZA_BACKUP_BEFORE_RESTORE, restore_recent));
    g_ptr_array_add (copies, fake_copy (CONFIANZA_BACKUP_BEFORE_RESTORE, restore_old));
    g_ptr_array_add (copies, fake_copy (CONFIANZA_BACKUP_BEFORE_UPGRADE, upgrade_old));
    g_ptr_array_add (copies, fake_copy (CONFIANZA_BACKUP_DAILY, future));
  }

  /* 7 days, then 4 weeks: 35 days in all */
  expired = confianza_backup_select_expired (copies, now, 7, 4);
  kept = kept_of (copies, expired);
  g_assert_cmpstr (kept, ==,
                   "2026-12-04 15,2026-12-03 15,2026-12-02 15,2026-12-01 15,2026-11-30 15,"
                   "2026-11-29 15,2026-11-28 15,"
                   "2026-11-21 09,2026-11-14 09,2026-11-07 09,2026-10-31 09,"
                   "2026-11-20 10,2025-01-01 10,2026-12-06 10");
  g_clear_pointer (&expired, g_ptr_array_unref);
  g_clear_pointer (&kept, g_free);

  /* Fewer: 2 days and no weeks */
  expired = confianza_backup_select_expired (copies, now, 2, 0);
  kept = kept_of (copies, expired);
  g_assert_cmpstr (kept, ==, "2026-12-04 15,2026-12-03 15,2025-01-01 10,2026-12-06 10");
}

/* Confianza ran once a day for 50 days: the copies on disk follow the rule,
 * and none is older than 5 weeks */
static void
test_run_daily (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *folder = NULL;
  g_autoptr(GDateTime) start = local_time (2026, 10, 1, 9);
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  make_database (path, "Ana");
  for (int day = 0; day < 50; day++)
    {
      g_autoptr(GDateTime) now = g_date_time_add_days (start, day);
      g_autofree char *written = NULL;
      g_autofree char *again = NULL;

      g_assert_true (confianza_backup_run_daily (path, now, TRUE, 7, 4, &written, &error));
      g_assert_no_error (error);
      g_assert_nonnull (written);
      /* Once a day */
      g_assert_true (confianza_backup_run_daily (path, now, TRUE, 7, 4, &again, &error));
      g_assert_null (again);
      g_clear_pointer (&last, g_date_time_unref);
      last = g_date_time_ref (now);
    }

  copies = confianza_backup_list (path, &error);
  g_assert_no_error (error);
  /* 7 daily, and one for each of the 4 weeks before */
  g_assert_cmpuint (copies->len, ==, 11);
  for (guint i = 0; i < copies->len; i++)
    {
      ConfianzaBackupCopy *copy = g_ptr_array_index (copies, i);

      g_assert_cmpint (copy->kind, ==, CONFIANZA_BACKUP_DAILY);
      g_assert_cmpint (g_date_time_difference (last, copy->date), <, 35 * G_TIME_SPAN_DAY);
      g_assert_cmpint (g_stat (copy->path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      assert_names (copy->path, "Ana");
    }
  folder = confianza_backup_get_folder (path);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Turned off: no new copy, and the old ones still go */
  {
    g_autoptr(GDateTime) later = g_date_time_add_days (last, 20);
    g_autofree char *written = NULL;
    g_autoptr(GPtrArray) left = NULL;

    g_assert_true (confianza_backup_run_daily (path, later, FALSE, 7, 4, &written, &error));
    g_assert_null (written);
    left = confianza_backup_list (path, &error);
    /* One for each week the last seven days now fall in */
    g_assert_cmpuint (left->len, ==, 3);
    for (guint i = 0; i < left->len; i++)
      g_assert_cmpint (g_date_time_difference (later, ((ConfianzaBackupCopy *) g_ptr_array_index (left, i))->date),
                       <, 35 * G_TIME_SPAN_DAY);
  }

  util_rm_rf (dir);
}

/* Several databases in one folder never mix their copies */
static void
test_list_does_not_mix (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b = g_build_filename (dir, "a.db.b", NULL);
  g_autofree char *c = g_build_filename (dir, "a", NULL);
  g_autoptr(GDateTime) now = local_time (2026, 12, 4, 10);
  const char *paths[] = { a, b, c };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      make_database (paths[i], "Ana");
      g_assert_true (confianza_backup_run_daily (paths[i], now, TRUE, 7, 4, NULL, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GPtrArray) copies = confianza_backup_list (paths[i], &error);
      g_autofree char *base = g_path_get_basename (paths[i]);
      g_autofree char *name = NULL;

      g_assert_cmpuint (copies->len, ==, 1);
      name = g_path_get_basename (((ConfianzaBackupCopy *) g_ptr_array_index (copies, 0))->path);
      g_assert_true (g_str_has_prefix (name, base));
      g_assert_cmpuint (strlen (name), ==, strlen (base) + strlen (".2026-12-04-100000.backup"));
    }

  util_rm_rf (dir);
}

static void
test_delete_all (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *other = g_build_filename (dir, "otra.db", NULL);
  g_autofree char *upgrade_copy = g_strconcat (path, ".backup-v2", NULL);
  g_autofree char *copy = g_build_filename (dir, "copia.db", NULL);
  g_autoptr(GDateTime) now = local_time (2026, 12, 4, 10);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  make_database (path, "Ana");
  make_database (other, "Otra");
  g_assert_true (confianza_backup_run_daily (path, now, TRUE, 7, 4, NULL, &error));
  g_assert_true (confianza_backup_run_daily (path, tomorrow, TRUE, 7, 4, NULL, &error));
  g_assert_true (confianza_backup_run_daily (other, now, TRUE, 7, 4, NULL, &error));
  g_assert_true (confianza_backup_restore (path, other, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (upgrade_copy, "before an upgrade", -1, NULL));
  g_assert_true (confianza_backup_write (path, copy, &error));

  g_assert_true (confianza_backup_delete_all (path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  left = confianza_backup_list (path, &error);
  g_assert_cmpuint (left->len, ==, 0);
  g_clear_pointer (&left, g_ptr_array_unref);

  /* Not another database's, nor a copy the user made elsewhere */
  left = confianza_backup_list (other, &error);
  g_assert_cmpuint (left->len, ==, 1);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  assert_names (path, "Otra");

  util_rm_rf (dir);
}

/* In a thread, as the window runs them */

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
test_async (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "copia.db", NULL);
  g_autofree char *written = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(ConfianzaBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  guint n = 0;

  make_database (path, "Ana,Beto");

  confianza_backup_run_daily_async (path, TRUE, 7, 4, NULL, on_done, &result);
  g_assert_true (confianza_backup_run_daily_finish (wait_for (&result), &written, &error));
  g_assert_no_error (error);
  g_assert_nonnull (written);
  g_clear_object (&result);

  confianza_backup_write_async (path, copy, NULL, on_done, &result);
  g_assert_true (confianza_backup_write_finish (wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  confianza_backup_inspect_async (copy, NULL, on_done, &result);
  info = confianza_backup_inspect_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->counts.clients, ==, 2);
  g_clear_object (&result);

  confianza_backup_restore_async (path, copy, NULL, on_done, &result);
  g_assert_true (confianza_backup_restore_finish (wait_for (&result), &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_clear_object (&result);

  confianza_backup_inspect_async (path, NULL, on_done, &result);
  g_clear_pointer (&info, confianza_backup_info_free);
  info = confianza_backup_inspect_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->counts.clients, ==, 2);
  g_clear_object (&result);

  confianza_backup_delete_all_async (path, NULL, on_done, &result);
  g_assert_true (confianza_backup_delete_all_finish (wait_for (&result), &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_clear_object (&result);

  util_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/backup/write", test_write);
  g_test_add_func ("/backup/write-while-writing", test_write_while_writing);
  g_test_add_func ("/backup/write-refuses-database", test_write_refuses_database);
  g_test_add_func ("/backup/write-refuses-source", test_write_refuses_source);
  g_test_add_func ("/backup/inspect", test_inspect);
  g_test_add_func ("/backup/restore", test_restore);
  g_test_add_func ("/backup/restore-older", test_restore_older);
  g_test_add_func ("/backup/restore-into-damaged", test_restore_into_damaged);
  g_test_add_func ("/backup/restore-refusals", test_restore_refusals);
  g_test_add_func ("/backup/restore-in-use", test_restore_in_use);
  g_test_add_func ("/backup/select-expired", test_select_expired);
  g_test_add_func ("/backup/run-daily", test_run_daily);
  g_test_add_func ("/backup/list-does-not-mix", test_list_does_not_mix);
  g_test_add_func ("/backup/delete-all", test_delete_all);
  g_test_add_func ("/backup/async", test_async);

  return g_test_run ();
}
