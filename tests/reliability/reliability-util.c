/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reliability"

#include "config.h"

#include <glib/gstdio.h>

#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>
#include <string.h>

#include "reliability-util.h"

char *
util_file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

char *
util_tree_state (const char *dir)
{
  g_autoptr(GString) state = g_string_new (NULL);
  g_autofree char *listing = util_list_dir (dir);
  g_auto(GStrv) names = g_strsplit (listing, "\n", -1);

  for (guint i = 0; names[i] != NULL && names[i][0] != '\0'; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        {
          g_autofree char *target = g_file_read_link (path, NULL);
          g_string_append_printf (state, "%s -> %s\n", names[i], target);
        }
      else if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *inner = util_tree_state (path);
          g_string_append_printf (state, "%s/\n%s", names[i], inner);
        }
      else if (g_str_has_suffix (names[i], "-shm") || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_string_append_printf (state, "%s\n", names[i]);
        }
      else
        {
          g_autofree char *sum = util_file_checksum (path);
          g_string_append_printf (state, "%s %s\n", names[i], sum);
        }
    }

  return g_strdup (state->str);
}

void
util_copy_file (const char *from,
                const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents_full (to, contents, (gssize) length,
                            G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

void
util_raw_exec (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

int
util_raw_query_int (const char *path,
                    const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return value;
}

gboolean
util_raw_integrity_ok (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint rows = 0;
  gboolean ok = FALSE;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 0);

          if (rows++ == 0)
            ok = g_strcmp0 (text, "ok") == 0;
          else
            g_test_message ("integrity_check: %s", text);
        }
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return ok && rows == 1;
}

/* Runs a command, TRUE when it succeeded */
static gboolean
run_quietly (const char **argv)
{
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;

  return g_spawn_check_wait_status (status, NULL);
}

gboolean
util_lock_folder (const char *folder,
                  gboolean   *mounted)
{
  g_autofree char *probe = g_build_filename (folder, "probe", NULL);
  int fd;

  *mounted = FALSE;
  g_assert_cmpint (g_chmod (folder, 0500), ==, 0);

  /* A real probe: root (as in many containers) writes anyway */
  fd = g_open (probe, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0)
    return TRUE;

  close (fd);
  g_unlink (probe);
  *mounted = run_quietly ((const char *[]) { "mount", "--bind", folder, folder, NULL }) &&
             (run_quietly ((const char *[]) { "mount", "-o", "remount,ro,bind", folder, NULL }) ||
              (run_quietly ((const char *[]) { "umount", folder, NULL }) && FALSE));
  if (!*mounted)
    g_test_skip ("running as root, who may write anywhere, and no read-only mount can be made here");

  return *mounted;
}

void
util_unlock_folder (const char *folder,
                    gboolean    mounted)
{
  if (mounted)
    g_assert_true (run_quietly ((const char *[]) { "umount", folder, NULL }));
  g_chmod (folder, 0700);
}

ConfianzaStore *
util_open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store = confianza_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (CONFIANZA_IS_STORE (store));

  return store;
}

void
util_close_store (ConfianzaStore **store)
{
  g_assert_finalize_object (*store);
  *store = NULL;
}
