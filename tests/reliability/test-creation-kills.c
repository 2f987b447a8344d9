/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-creation-kills"

#include "config.h"

#include <glib/gstdio.h>

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fault-vfs.h"
#include "reliability-util.h"

/*
 * Confianza killed while it creates its database, at every
 * moment SQLite touches the disk: a child process creates a new database
 * and is killed (SIGKILL) just before the Nth call of one kind of I/O,
 * for every N an undisturbed creation makes. Whatever it left behind, the
 * next start must open a whole, empty, writable database at that name,
 * never refuse it, and remove what the killed creation left. (The crash
 * test kills a real writer at random moments; this one reaches every step,
 * the same on every run.)
 */

static guint total_kills;

/* The calls of @op an undisturbed creation makes */
static guint
count_calls (FaultOp op)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store;
  guint calls;

  fault_vfs_arm (op, 0, SQLITE_OK, FALSE);
  store = confianza_store_open_with_vfs (path, FAULT_VFS_NAME, &error);
  calls = fault_vfs_get_calls (op);
  fault_vfs_disarm ();
  g_assert_no_error (error);
  util_close_store (&store);
  util_rm_rf (dir);

  return calls;
}

/* Creates a database at @path in a child that is killed before the @nth
 * call of @op; whether it was */
static gboolean
kill_creation (const char *path,
               FaultOp     op,
               guint       nth)
{
  int status = 0;
  pid_t pid;

  /* Nothing buffered is written twice */
  fflush (stdout);
  fflush (stderr);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      ConfianzaStore *store;

      fault_vfs_arm (op, nth, FAULT_VFS_KILL, FALSE);
      store = confianza_store_open_with_vfs (path, FAULT_VFS_NAME, NULL);
      _exit (store != NULL ? 0 : 1);
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  if (WIFSIGNALED (status))
    {
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      return TRUE;
    }

  /* The creation failing in words is no kill, and no part of this test */
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  return FALSE;
}

static void
assert_listing (const char *dir,
                const char *expected)
{
  g_autofree char *listing = util_list_dir (dir);

  g_assert_cmpstr (listing, ==, expected);
}

static void
write_file (const char *dir,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "SQLite format 3", -1, &error);
  g_assert_no_error (error);
}

/* The next start: a whole new database, empty, that takes a record */
static void
assert_starts (const char *path,
               const char *left)
{
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Ana Ruiz");
  g_autoptr(GError) error = NULL;
  ConfianzaStoreCounts counts;
  ConfianzaStore *store;

  store = confianza_store_open (path, &error);
  if (error != NULL)
    g_test_message ("Left by the kill: %s", left);
  g_assert_no_error (error);
  g_assert_cmpint (confianza_store_get_schema_version (store), ==,
                   CONFIANZA_STORE_SCHEMA_VERSION);
  g_assert_true (confianza_store_count (store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.clients, ==, 0);
  g_assert_true (confianza_store_save_client (store, client, &error));
  g_assert_no_error (error);
  util_close_store (&store);

  g_assert_true (util_raw_integrity_ok (path));
  g_assert_cmpint (util_raw_query_int (path, "SELECT count(*) FROM client"), ==, 1);
}

static void
test_kills (gconstpointer data)
{
  FaultOp op = (FaultOp) GPOINTER_TO_INT (data);
  guint calls = count_calls (op);
  guint kills = 0;

  /* A creation that neither writes nor syncs would be no creation */
  if (op == FAULT_OP_WRITE || op == FAULT_OP_SYNC)
    g_assert_cmpuint (calls, >, 0);

  for (guint nth = 1; nth <= calls; nth++)
    {
      g_autofree char *dir = util_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "new.db", NULL);
      g_autofree char *left = NULL;

      if (kill_creation (path, op, nth))
        kills++;
      left = util_list_dir (dir);
      assert_starts (path, left);
      /* Only the database: no temporary file, no log of one */
      assert_listing (dir, "new.db");
      util_rm_rf (dir);
    }

  /* Creating makes the same calls every time: each one was reached */
  g_assert_cmpuint (kills, ==, calls);
  g_test_message ("%u kills before a call of %s", kills, fault_op_name (op));
  total_kills += kills;
}

/* What the next creation removes, and what it leaves: a temporary file a
 * creation still holds (in another process: its flock () is on), one that
 * is also the database elsewhere, another database's, and names that only
 * look alike */
static void
test_leftovers (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autofree char *held = g_build_filename (dir, ".new.db.creating-Held01", NULL);
  g_autofree char *kept_db = g_build_filename (dir, "kept.db", NULL);
  g_autofree char *linked = g_build_filename (dir, ".new.db.creating-Linked", NULL);
  ConfianzaStore *store;
  int fd;

  write_file (dir, ".new.db.creating-Gone01");
  write_file (dir, ".new.db.creating-Gone01-journal");
  write_file (dir, ".new.db.creating-Gone02-journal");
  write_file (dir, ".new.db.creating-Held01");
  write_file (dir, ".new.db.creating-Held01-journal");
  write_file (dir, ".new.db.creating-Held01.txt");
  write_file (dir, ".new.db.creating-");
  write_file (dir, ".other.db.creating-Gone03");
  write_file (dir, "kept.db");
  g_assert_cmpint (link (kept_db, linked), ==, 0);

  fd = g_open (held, O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);

  store = util_open_ok (path);
  util_close_store (&store);
  close (fd);

  assert_listing (dir,
                  ".new.db.creating-\n"
                  ".new.db.creating-Held01\n"
                  ".new.db.creating-Held01-journal\n"
                  ".new.db.creating-Held01.txt\n"
                  ".new.db.creating-Linked\n"
                  ".other.db.creating-Gone03\n"
                  "kept.db\n"
                  "new.db");
  util_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  fault_vfs_register ();

  for (int op = 0; op < FAULT_N_OPS; op++)
    {
      g_autofree char *name = g_strdup_printf ("/creation-kills/%s", fault_op_name (op));

      g_test_add_data_func (name, GINT_TO_POINTER (op), test_kills);
    }
  g_test_add_func ("/creation-kills/leftovers", test_leftovers);

  ret = g_test_run ();

  g_print ("# kills while creating a database: %u\n", total_kills);

  return ret;
}
