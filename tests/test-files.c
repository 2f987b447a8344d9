/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-files"

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>
#include <string.h>

#include "reliability/reliability-util.h"

/*
 * What the store promises about the files themselves: a new database never
 * takes in what an earlier one left beside it, a read-only opening changes
 * nothing, erased text does not stay in the file, and the copies written
 * before an upgrade go once the upgrade has proved itself.
 */

static gint64
save_client (ConfianzaStore *store,
             const char     *name,
             const char     *notes)
{
  g_autoptr(ConfianzaClient) client = confianza_client_new (name);
  g_autoptr(GError) error = NULL;

  confianza_client_set_notes (client, notes);
  g_assert_true (confianza_store_save_client (store, client, &error));
  g_assert_no_error (error);

  return confianza_client_get_id (client);
}

static guint
count_clients (ConfianzaStore *store)
{
  ConfianzaStoreCounts counts;
  g_autoptr(GError) error = NULL;

  g_assert_true (confianza_store_count (store, &counts, &error));
  g_assert_no_error (error);

  return counts.clients;
}

/* Leaves @path as a killed session does: its last changes only in the -wal */
static void
write_without_checkpoint (const char *path,
                          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;

  return FALSE;
}

/* The first name in @dir that starts with @prefix, or NULL */
static char *
find_name (const char *dir,
           const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return g_build_filename (dir, name, NULL);

  return NULL;
}

/* Stale files beside a new database */

/* The database file is removed, but a log from a killed session stays
 * beside it: before, SQLite replayed it into the new database and the
 * erased clients came back. */
static void
test_stale_log_not_adopted (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "confianza.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *wal_sum = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_sum = NULL;
  g_autofree char *listing = NULL;
  ConfianzaStore *store = util_open_ok (path);
  const char *notice;

  save_client (store, "Antigua", "");
  util_close_store (&store);
  write_without_checkpoint (path, "INSERT INTO client (name, status) VALUES"
                                  " ('Borrada 1', 'active'), ('Borrada 2', 'active')");
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  wal_sum = util_file_checksum (wal);
  g_file_set_contents (journal, "not a journal", -1, NULL);
  g_assert_cmpint (g_unlink (path), ==, 0);

  store = util_open_ok (path);
  g_assert_cmpuint (count_clients (store), ==, 0);
  notice = confianza_store_get_notice (store);
  g_assert_nonnull (notice);
  g_test_message ("Notice: %s", notice);
  g_assert_nonnull (strstr (notice, "confianza.db-wal.stale-"));
  g_assert_nonnull (strstr (notice, "confianza.db-journal.stale-"));
  util_close_store (&store);

  /* Kept aside byte for byte, never replayed */
  aside = find_name (dir, "confianza.db-wal.stale-");
  g_assert_nonnull (aside);
  aside_sum = util_file_checksum (aside);
  g_assert_cmpstr (aside_sum, ==, wal_sum);
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_clear_pointer (&aside, g_free);
  aside = find_name (dir, "confianza.db-journal.stale-");
  g_assert_nonnull (aside);

  /* An ordinary opening says nothing */
  store = util_open_ok (path);
  g_assert_null (confianza_store_get_notice (store));
  g_assert_cmpuint (count_clients (store), ==, 0);
  util_close_store (&store);

  listing = util_list_dir (dir);
  g_test_message ("Left: %s", listing);
  util_rm_rf (dir);
}

/* A second loss in the same second never overwrites the first files kept */
static void
test_stale_log_never_overwritten (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GDir) d = NULL;
  const char *name;
  guint aside = 0;

  for (guint round = 0; round < 3; round++)
    {
      g_autofree char *contents = g_strdup_printf ("log %u", round);
      ConfianzaStore *store;

      g_file_set_contents (wal, contents, -1, NULL);
      store = util_open_ok (path);
      g_assert_nonnull (confianza_store_get_notice (store));
      util_close_store (&store);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  d = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, "c.db-wal.stale-"))
      aside++;
  g_assert_cmpuint (aside, ==, 3);

  util_rm_rf (dir);
}

/* Opening only to read */

static void
assert_read_only_refused (const char          *path,
                          ConfianzaStoreError  code)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *before = util_tree_state (folder);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (confianza_store_open_read_only (path, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, (int) code);
  g_test_message ("Refused: %s", error->message);

  after = util_tree_state (folder);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only_refusals (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "mistyped.db", NULL);
  g_autofree char *older = g_build_filename (dir, "older.db", NULL);
  g_autofree char *newer = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.db", NULL);
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store;

  assert_read_only_refused (missing, CONFIANZA_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* A version 3 file: refused, not upgraded, no copy written beside it */
  store = util_open_ok (older);
  save_client (store, "Antes", "");
  util_close_store (&store);
  util_raw_exec (older, UTIL_SQL_UNDO_MIGRATIONS_AFTER_5
                       "DROP TABLE housekeeping; PRAGMA user_version = 3");
  assert_read_only_refused (older, CONFIANZA_STORE_ERROR_OLDER_VERSION);
  g_assert_null (confianza_store_open_read_only (older, &error));
  g_assert_nonnull (strstr (error->message, "window"));
  g_assert_cmpint (util_raw_query_int (older, "PRAGMA user_version"), ==, 3);

  store = util_open_ok (newer);
  util_close_store (&store);
  util_raw_exec (newer, "PRAGMA user_version = 99");
  assert_read_only_refused (newer, CONFIANZA_STORE_ERROR_NEWER_VERSION);

  util_raw_exec (other, "CREATE TABLE t (x)");
  assert_read_only_refused (other, CONFIANZA_STORE_ERROR_NOT_OURS);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  assert_read_only_refused (folder, CONFIANZA_STORE_ERROR_IS_DIRECTORY);

  util_rm_rf (dir);
}

/* Closed cleanly (no log beside it), and with a log a crash left: the
 * file, its log and the folder stay byte for byte as they were, and what
 * the log holds is read. */
static void
test_read_only_untouched (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  ConfianzaStore *store = util_open_ok (path);

  save_client (store, "Una", "");
  save_client (store, "Dos", "");
  util_close_store (&store);

  for (guint with_log = 0; with_log < 2; with_log++)
    {
      g_autofree char *listing = util_list_dir (dir);
      g_autofree char *sum = util_file_checksum (path);
      g_autofree char *wal_sum = with_log ? util_file_checksum (wal) : NULL;
      g_autofree char *after = NULL;
      g_autofree char *sum_after = NULL;
      g_autoptr(GListModel) clients = NULL;
      g_autoptr(GError) error = NULL;

      store = confianza_store_open_read_only (path, &error);
      g_assert_no_error (error);
      g_assert_true (confianza_store_is_read_only (store));
      g_assert_cmpuint (count_clients (store), ==, with_log ? 3 : 2);
      clients = confianza_store_get_clients (store);
      g_assert_cmpuint (g_list_model_get_n_items (clients), ==, with_log ? 3 : 2);
      confianza_store_update_trust_scores (store);
      g_clear_object (&clients);
      util_close_store (&store);

      after = util_list_dir (dir);
      g_assert_cmpstr (listing, ==, after);
      sum_after = util_file_checksum (path);
      g_assert_cmpstr (sum, ==, sum_after);
      if (with_log)
        {
          g_autofree char *wal_after = util_file_checksum (wal);
          g_assert_cmpstr (wal_sum, ==, wal_after);
        }

      /* Next: the last change only in the log, as a kill leaves it */
      write_without_checkpoint (path, "INSERT INTO client (name, status) VALUES ('Tres', 'active')");
      g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
    }

  util_rm_rf (dir);
}

/* A window has the file open and writes to it meanwhile */
static void
test_read_only_while_writing (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  ConfianzaStore *window = util_open_ok (path);
  ConfianzaStore *reader;
  g_autoptr(GError) error = NULL;

  save_client (window, "Una", "");
  reader = confianza_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_clients (reader), ==, 1);

  /* In the middle of a transaction: the reader sees what was committed */
  g_assert_true (confianza_store_begin (window, &error));
  save_client (window, "Dos", "");
  g_assert_cmpuint (count_clients (reader), ==, 1);
  g_assert_true (confianza_store_commit (window, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_clients (reader), ==, 2);

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Cliente %u", i);

      save_client (window, name, "");
      g_assert_cmpuint (count_clients (reader), ==, 3 + i);
    }

  util_close_store (&reader);
  util_close_store (&window);
  g_assert_true (util_raw_integrity_ok (path));
  util_rm_rf (dir);
}

static void
test_read_only_refuses_writes (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  ConfianzaStore *store = util_open_ok (path);
  gint64 id = save_client (store, "Una", "");
  g_autofree char *sum = NULL;
  g_autofree char *sum_after = NULL;
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Nueva");
  g_autoptr(GError) error = NULL;

  util_close_store (&store);
  sum = util_file_checksum (path);

  store = confianza_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_false (confianza_store_save_client (store, client, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "read"));
  g_clear_error (&error);
  g_assert_false (confianza_store_delete_client (store, id, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (confianza_store_begin (store, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY);
  g_assert_cmpint (confianza_client_get_id (client), ==, 0);
  util_close_store (&store);

  sum_after = util_file_checksum (path);
  g_assert_cmpstr (sum, ==, sum_after);
  util_rm_rf (dir);
}

/* Erases a row with SQLite's secure_delete off, as a control: the test
 * can see erased text that stays in the file */
static void
raw_delete_insecurely (const char *path,
                       gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA secure_delete = OFF;"
                                          " PRAGMA foreign_keys = ON;"
                                          " DELETE FROM client WHERE id = %" G_GINT64_FORMAT ";"
                                          " PRAGMA wal_checkpoint(TRUNCATE);", id);

  util_raw_exec (path, sql);
}

/* Erased text does not stay in the file's free space. (Debian's SQLite
 * has secure_delete on by default; other builds of it do not.) */
static void
test_secure_delete (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  const char *marker = "MARCA-7f3a9c-SOLO-ESTE-CLIENTE";
  ConfianzaStore *store = util_open_ok (path);
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("Vecino %u", i);
      save_client (store, name, "Notas de otro cliente");
    }
  id = save_client (store, "Borrable", marker);
  util_close_store (&store);
  /* The marker really is in the file to begin with */
  g_assert_true (file_contains (path, marker));

  store = util_open_ok (path);
  g_assert_true (confianza_store_delete_client (store, id, &error));
  g_assert_no_error (error);
  util_close_store (&store);
  util_raw_exec (path, "PRAGMA wal_checkpoint(TRUNCATE)");

  g_assert_false (file_contains (path, marker));
  g_assert_cmpint (util_raw_query_int (path, "SELECT count(*) FROM client"), ==, 5);

  /* The control */
  store = util_open_ok (path);
  id = save_client (store, "Borrable", marker);
  util_close_store (&store);
  raw_delete_insecurely (path, id);
  g_assert_true (file_contains (path, marker));

  util_rm_rf (dir);
}

/* The copies written before an upgrade */

static void
set_upgraded_days_ago (const char *path,
                       int         days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);
  g_autofree char *iso = g_date_time_format_iso8601 (then);
  g_autofree char *sql = g_strdup_printf ("UPDATE housekeeping SET value = '%s'"
                                          " WHERE name = 'upgraded-on'", iso);

  util_raw_exec (path, sql);
}

static void
open_times (const char *path,
            guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      ConfianzaStore *store = util_open_ok (path);

      util_close_store (&store);
    }
}

static void
test_upgrade_copies_removed (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "c.db", NULL);
  g_autofree char *copy = g_strconcat (path, ".backup-v3", NULL);
  g_autofree char *older_copy = g_strconcat (path, ".backup-v1-2", NULL);
  g_autofree char *not_ours = g_build_filename (dir, "other.db.backup-v3", NULL);
  g_autofree char *lookalike = g_strconcat (path, ".backup-v3-notes", NULL);
  ConfianzaStore *store = util_open_ok (path);

  save_client (store, "Una", "");
  util_close_store (&store);
  util_raw_exec (path, UTIL_SQL_UNDO_MIGRATIONS_AFTER_5
                       "DROP TABLE housekeeping; PRAGMA user_version = 3");
  g_file_set_contents (older_copy, "an earlier copy", -1, NULL);
  g_file_set_contents (not_ours, "another database's copy", -1, NULL);
  g_file_set_contents (lookalike, "the user's notes", -1, NULL);

  /* The upgrade writes its copy and notes when */
  store = util_open_ok (path);
  g_assert_cmpstr (confianza_store_get_backup_path (store), ==, copy);
  util_close_store (&store);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (util_raw_query_int (path, "SELECT value FROM housekeeping"
                                             " WHERE name = 'opens-since-upgrade'"), ==, 0);

  /* Used often, but not for long enough yet */
  set_upgraded_days_ago (path, 29);
  open_times (path, CONFIANZA_STORE_UPGRADE_COPY_OPENS + 2);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));

  /* Long enough, and opened one time short of enough */
  util_raw_exec (path, "UPDATE housekeeping SET value = '0' WHERE name = 'opens-since-upgrade'");
  set_upgraded_days_ago (path, 45);
  open_times (path, CONFIANZA_STORE_UPGRADE_COPY_OPENS - 1);
  /* Read-only openings do not count */
  store = confianza_store_open_read_only (path, NULL);
  g_assert_nonnull (store);
  util_close_store (&store);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (older_copy, G_FILE_TEST_IS_REGULAR));

  open_times (path, 1);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (older_copy, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (not_ours, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (lookalike, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (util_raw_query_int (path, "SELECT count(*) FROM housekeeping"), ==, 0);
  g_assert_cmpint (util_raw_query_int (path, "SELECT count(*) FROM client"), ==, 1);

  util_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/files/stale-log/not-adopted", test_stale_log_not_adopted);
  g_test_add_func ("/files/stale-log/never-overwritten", test_stale_log_never_overwritten);
  g_test_add_func ("/files/read-only/refusals", test_read_only_refusals);
  g_test_add_func ("/files/read-only/untouched", test_read_only_untouched);
  g_test_add_func ("/files/read-only/while-writing", test_read_only_while_writing);
  g_test_add_func ("/files/read-only/refuses-writes", test_read_only_refuses_writes);
  g_test_add_func ("/files/secure-delete", test_secure_delete);
  g_test_add_func ("/files/upgrade-copies-removed", test_upgrade_copies_removed);

  return g_test_run ();
}
