/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-bad-files"

#include "config.h"

#include <glib/gstdio.h>

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "reliability-util.h"

/*
 * Files that must be refused in words and left byte for byte as they were,
 * with nothing new beside them. tests/test-store.c covers random bytes, an
 * empty file, a short header, a folder, another program's database, a newer
 * version and a missing folder; these are the rest.
 */

/* Helpers */

static void
assert_refused (const char          *path,
                ConfianzaStoreError  code)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *listing_before = util_list_dir (folder);
  g_autofree char *listing_after = NULL;
  gboolean regular = g_file_test (path, G_FILE_TEST_IS_REGULAR);
  g_autofree char *sum_before = regular ? util_file_checksum (path) : NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store;

  store = confianza_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CONFIANZA_STORE_ERROR, (int) code);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_test_message ("Refused with: %s", error->message);

  if (regular)
    {
      g_autofree char *sum_after = util_file_checksum (path);

      g_assert_cmpstr (sum_before, ==, sum_after);
    }

  listing_after = util_list_dir (folder);
  g_assert_cmpstr (listing_before, ==, listing_after);
}

/* A database with enough clients to span several pages */
static void
make_database (const char *path,
               guint       n_clients)
{
  ConfianzaStore *store = util_open_ok (path);

  g_assert_true (confianza_store_begin (store, NULL));
  for (guint i = 0; i < n_clients; i++)
    {
      g_autofree char *name = g_strdup_printf ("Cliente %u con un nombre largo para llenar páginas", i);
      g_autoptr(ConfianzaClient) client = confianza_client_new (name);
      g_autoptr(GError) error = NULL;

      confianza_client_set_notes (client, "Notas: lo que el cliente nos dijo, palabra por palabra.");
      confianza_store_save_client (store, client, &error);
      g_assert_no_error (error);
    }
  g_assert_true (confianza_store_commit (store, NULL));

  util_close_store (&store);
}

static guint
page_size_of (const char *contents)
{
  guint size = ((guint8) contents[16] << 8) | (guint8) contents[17];

  return size == 1 ? 65536 : size;
}

/* Tests */

static void
test_truncated (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cut.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint page_size;
  gsize length;

  make_database (path, 400);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  page_size = page_size_of (contents);
  g_assert_cmpuint (length / page_size, >=, 8);

  /* Cut in the middle, and also in the middle of a page */
  g_file_set_contents (path, contents, (gssize) (length / 2 + page_size / 3), &error);
  g_assert_no_error (error);
  g_assert_false (util_raw_integrity_ok (path));

  assert_refused (path, CONFIANZA_STORE_ERROR_DAMAGED);

  util_rm_rf (dir);
}

static void
test_page_of_zeros (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "zeros.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  guint page_size;
  guint n_pages;
  gsize length;

  make_database (path, 400);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  page_size = page_size_of (contents);
  n_pages = (guint) (length / page_size);
  g_assert_cmpuint (n_pages, >=, 8);

  /* A whole page in the middle, as a failed disk sector leaves it */
  memset (contents + (gsize) (n_pages / 2) * page_size, 0, page_size);
  g_file_set_contents (path, contents, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_false (util_raw_integrity_ok (path));

  assert_refused (path, CONFIANZA_STORE_ERROR_DAMAGED);

  util_rm_rf (dir);
}

static void
test_symlink_loop (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "loop.db", NULL);
  g_autofree char *a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *b = g_build_filename (dir, "b.db", NULL);

  /* To itself, and through another link */
  g_assert_cmpint (symlink ("loop.db", path), ==, 0);
  assert_refused (path, CONFIANZA_STORE_ERROR_FAILED);

  g_assert_cmpint (symlink ("b.db", a), ==, 0);
  g_assert_cmpint (symlink ("a.db", b), ==, 0);
  assert_refused (a, CONFIANZA_STORE_ERROR_FAILED);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_SYMLINK));

  util_rm_rf (dir);
}

/* A link to nowhere: creating the file through it could put the records
 * somewhere unexpected, so it is refused like any other odd file */
static void
test_dangling_symlink (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "dangling.db", NULL);
  g_autofree char *target = g_build_filename (dir, "missing.db", NULL);

  g_assert_cmpint (symlink ("missing.db", path), ==, 0);
  assert_refused (path, CONFIANZA_STORE_ERROR_FAILED);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));

  util_rm_rf (dir);
}

static void
test_read_only_file (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ro.db", NULL);

  make_database (path, 3);
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);

  /* Root (as in many containers) may write anyway: nothing to test */
  if (g_access (path, W_OK) == 0)
    {
      g_test_skip ("running as root: a read-only mode does not stop root from "
                   "writing, so there is no refusal to check");
      util_rm_rf (dir);
      return;
    }

  assert_refused (path, CONFIANZA_STORE_ERROR_READ_ONLY);

  util_rm_rf (dir);
}

/* The records are private: the database, its journal files and the backup
 * made before an upgrade are the owner's alone, whatever the umask. */
static void
test_private_modes (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "private.db", NULL);
  g_autofree char *old = g_build_filename (dir, "old.db", NULL);
  const char *suffixes[] = { "", "-wal", "-shm" };
  ConfianzaStore *store;
  mode_t saved_umask = umask (0);
  GStatBuf st;

  store = util_open_ok (path);
  {
    g_autoptr(ConfianzaClient) client = confianza_client_new ("Cliente");

    g_assert_true (confianza_store_save_client (store, client, NULL));
  }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_assert_cmpint (g_stat (file, &st), ==, 0);
      g_test_message ("%s: %o", file, (guint) (st.st_mode & 0777));
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
  util_close_store (&store);

  /* A version 0 file of ours, world-readable: the backup must not be */
  util_raw_exec (old, "PRAGMA application_id = 1131376230");
  g_assert_cmpint (g_chmod (old, 0644), ==, 0);
  store = util_open_ok (old);
  g_assert_nonnull (confianza_store_get_backup_path (store));
  g_assert_cmpint (g_stat (confianza_store_get_backup_path (store), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  util_close_store (&store);

  umask (saved_umask);
  util_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/bad-files/truncated", test_truncated);
  g_test_add_func ("/bad-files/page-of-zeros", test_page_of_zeros);
  g_test_add_func ("/bad-files/symlink-loop", test_symlink_loop);
  g_test_add_func ("/bad-files/dangling-symlink", test_dangling_symlink);
  g_test_add_func ("/bad-files/read-only-file", test_read_only_file);
  g_test_add_func ("/bad-files/private-modes", test_private_modes);

  ret = g_test_run ();

  util_free_dates ();

  return ret;
}
