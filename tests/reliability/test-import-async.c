/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-async"

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "fault-vfs.h"
#include "reliability-util.h"
#include "store/confianza-import.h"

/*
 * The import in a thread, through a connection of its own: cancelled or
 * failed midway it leaves the database exactly as it was, and says so; its
 * progress only ever moves forward; meanwhile the store refuses its own
 * changes at once instead of waiting for the file.
 */

#define N_ROWS 5000

typedef struct
{
  char           *dir;
  char           *path;
  ConfianzaStore *store;
  GListModel     *clients;
} Fixture;

/* Every row of every table, with SQLite's own quoting, and the schema
 * version: what "exactly as before" compares */
static char *
contents_of (const char *path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_string_append_printf (out, "user_version %d\n", util_raw_query_int (path, "PRAGMA user_version"));
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &tables, NULL), ==, SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      sqlite3_stmt *rows = NULL;

      g_string_append_printf (out, "[%s]\n", table);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            g_string_append_printf (out, "%s|", sqlite3_column_text (rows, i) != NULL
                                                  ? (const char *) sqlite3_column_text (rows, i) : "NULL");
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static ConfianzaCsvPreview *
big_preview (ConfianzaStore *store,
             guint           n_rows)
{
  g_autoptr(GString) csv = g_string_new ("Nombre;Correo electrónico;Empresa\n");
  g_autoptr(GPtrArray) existing = confianza_import_existing_clients (store);
  g_autoptr(GError) error = NULL;
  ConfianzaCsvPreview *preview;

  /* A repeated client and a bad line too: they stay out */
  g_string_append (csv, "Cliente 0;c0@ejemplo.es;Peña y Cía\n");
  g_string_append (csv, "Sin correo;mal@;\n");
  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (csv, "Núñez %u;n%u@ejemplo.es;Empresa %u\n", i, i, i % 17);

  preview = confianza_csv_parse (csv->str, csv->len, existing, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (confianza_csv_preview_count (preview, CONFIANZA_CSV_ROW_READY), ==, n_rows);

  return preview;
}

static void
fixture_open (Fixture    *fixture,
              const char *vfs)
{
  g_autoptr(GError) error = NULL;

  fixture->store = confianza_store_open_with_vfs (fixture->path, vfs, &error);
  g_assert_no_error (error);
  fixture->clients = confianza_store_get_clients (fixture->store);
}

static void
fixture_close (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  ConfianzaStore *store = g_steal_pointer (&fixture->store);

  g_clear_object (&fixture->clients);
  /* A last report of progress, or the import's thread just ending, may
   * still hold the store a moment */
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &store);
  g_object_unref (store);
  while (store != NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (store);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ConfianzaStore *store;

  fixture->dir = util_make_tmpdir ();
  fixture->path = g_build_filename (fixture->dir, "confianza.db", NULL);

  store = util_open_ok (fixture->path);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Cliente %u", i);
      g_autofree char *email = g_strdup_printf ("c%u@ejemplo.es", i);
      g_autoptr(ConfianzaClient) client = confianza_client_new (name);
      g_autoptr(GError) error = NULL;

      confianza_client_set_email (client, email);
      confianza_store_save_client (store, client, &error);
      g_assert_no_error (error);
    }
  util_close_store (&store);

  fixture_open (fixture, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->store != NULL)
    fixture_close (fixture);
  util_rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Running an import */

typedef struct
{
  GArray   *done;      /* guint, each report */
  guint     total;
  gboolean  finished;
  gboolean  ok;
  guint     n_imported;
  GError   *error;
  guint     changed;
} Run;

static void
on_progress (guint    done,
             guint    total,
             gpointer user_data)
{
  Run *run = user_data;

  g_assert_false (run->finished);
  if (run->total != 0)
    g_assert_cmpuint (total, ==, run->total);
  run->total = total;
  g_array_append_val (run->done, done);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->ok = confianza_import_clients_finish (CONFIANZA_STORE (source), result,
                                             &run->n_imported, &run->error);
  run->finished = TRUE;
}

static void
on_changed (ConfianzaStore *store,
            Run            *run)
{
  run->changed++;
}

static void
run_start (Fixture             *fixture,
           Run                 *run,
           ConfianzaCsvPreview *preview,
           GCancellable        *cancellable)
{
  memset (run, 0, sizeof *run);
  run->done = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), run);
  confianza_import_clients_async (fixture->store, preview, CONFIANZA_IMPORT_FLAGS_NONE,
                                  cancellable, on_progress, run, NULL, on_done, run);
}

static void
run_wait (Fixture *fixture,
          Run     *run)
{
  gint64 deadline = g_get_monotonic_time () + 300 * G_USEC_PER_SEC;

  while (!run->finished && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (run->finished);
  g_signal_handlers_disconnect_by_data (fixture->store, run);
}

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->done, g_array_unref);
  g_clear_error (&run->error);
}

static void
assert_store_writes (Fixture *fixture)
{
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Después");
  g_autoptr(GError) error = NULL;

  confianza_store_save_client (fixture->store, client, &error);
  g_assert_no_error (error);
}

/* Tests */

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ConfianzaCsvPreview) preview = big_preview (fixture->store, N_ROWS);
  g_autoptr(ConfianzaClient) other = confianza_client_new ("Otra");
  g_autoptr(GError) error = NULL;
  Run run;

  run_start (fixture, &run, preview, NULL);

  /* Meanwhile the store refuses at once, in words, rather than wait */
  g_assert_false (confianza_store_save_client (fixture->store, other, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "nothing was changed"));
  g_clear_error (&error);
  /* And a second import too */
  g_assert_false (confianza_import_clients (fixture->store, preview, CONFIANZA_IMPORT_FLAGS_NONE, NULL, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_BUSY);
  g_clear_error (&error);

  run_wait (fixture, &run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.n_imported, ==, N_ROWS);

  /* Forward only, and to the end */
  g_assert_cmpuint (run.done->len, >=, 1);
  for (guint i = 1; i < run.done->len; i++)
    g_assert_cmpuint (g_array_index (run.done, guint, i), >, g_array_index (run.done, guint, i - 1));
  g_assert_cmpuint (g_array_index (run.done, guint, run.done->len - 1), ==, N_ROWS);
  g_assert_cmpuint (run.total, ==, N_ROWS);

  /* The live list has them, in order, each with its id and index; the
   * file too */
  g_assert_cmpuint (run.changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->clients), ==, 3 + N_ROWS);
  for (guint i = 1; i < g_list_model_get_n_items (fixture->clients); i++)
    {
      g_autoptr(ConfianzaClient) a = g_list_model_get_item (fixture->clients, i - 1);
      g_autoptr(ConfianzaClient) b = g_list_model_get_item (fixture->clients, i);

      g_assert_cmpint (confianza_client_compare_by_name (a, b), <=, 0);
      g_assert_cmpint (confianza_client_get_id (b), >, 0);
      if (g_str_has_prefix (confianza_client_get_name (b), "Núñez"))
        g_assert_cmpint (confianza_client_get_trust_score (b), >=, 0);
    }
  g_assert_cmpint (util_raw_query_int (fixture->path, "SELECT count (*) FROM client"), ==, 3 + N_ROWS);
  g_assert_cmpint (util_raw_query_int (fixture->path, "SELECT count (*) FROM client WHERE company = 'Empresa 5'"),
                   ==, (N_ROWS + 16 - 5) / 17);
  run_clear (&run);

  assert_store_writes (fixture);

  /* The same clients again: all already there now, nothing to write */
  run_start (fixture, &run, preview, NULL);
  run_wait (fixture, &run);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.n_imported, ==, 0);
  g_assert_cmpuint (confianza_csv_preview_count (preview, CONFIANZA_CSV_ROW_DUPLICATE), ==, N_ROWS + 1);
  run_clear (&run);
}

static void
cancel_on_progress (guint    done,
                    guint    total,
                    gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ConfianzaCsvPreview) preview = big_preview (fixture->store, N_ROWS);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *blocker = NULL;
  Run run;

  before = contents_of (fixture->path);

  /* Another program holds the file: the import waits for it in its
   * thread, and is cancelled meanwhile */
  g_assert_cmpint (sqlite3_open (fixture->path, &blocker), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (blocker, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  run_start (fixture, &run, preview, cancellable);
  g_cancellable_cancel (cancellable);
  sqlite3_exec (blocker, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (blocker);

  run_wait (fixture, &run);
  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.n_imported, ==, 0);
  g_assert_cmpuint (run.changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->clients), ==, 3);
  run_clear (&run);

  /* Cancelled while it writes (from its first report of progress) */
  {
    g_autoptr(GCancellable) midway = g_cancellable_new ();

    memset (&run, 0, sizeof run);
    run.done = g_array_new (FALSE, FALSE, sizeof (guint));
    confianza_import_clients_async (fixture->store, preview, CONFIANZA_IMPORT_FLAGS_NONE, midway,
                                    cancel_on_progress, midway, NULL,
                                    on_done, &run);
    run_wait (fixture, &run);
    /* It may have finished first on a fast machine: then all is there */
    if (run.ok)
      {
        g_test_message ("The import ended before it saw the cancellation");
        g_assert_cmpuint (run.n_imported, ==, N_ROWS);
        run_clear (&run);
        return;
      }
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    run_clear (&run);
  }

  fixture_close (fixture);
  after = contents_of (fixture->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (util_raw_integrity_ok (fixture->path));

  fixture_open (fixture, NULL);
  assert_store_writes (fixture);
}

/* The disk fills up halfway through the import's writes */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ConfianzaCsvPreview) preview = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint writes;
  Run run;

  /* How many writes a whole import makes, on a copy */
  fixture_close (fixture);
  util_copy_file (fixture->path, copy);
  before = contents_of (fixture->path);
  {
    g_autofree char *path = g_steal_pointer (&fixture->path);

    fixture->path = g_strdup (copy);
    fixture_open (fixture, FAULT_VFS_NAME);
    preview = big_preview (fixture->store, N_ROWS);
    fault_vfs_arm (FAULT_OP_WRITE, 0, SQLITE_FULL, FALSE);
    run_start (fixture, &run, preview, NULL);
    run_wait (fixture, &run);
    writes = fault_vfs_get_calls (FAULT_OP_WRITE);
    fault_vfs_disarm ();
    g_assert_true (run.ok);
    run_clear (&run);
    fixture_close (fixture);
    g_free (fixture->path);
    fixture->path = g_steal_pointer (&path);
  }
  g_test_message ("A whole import makes %u writes", writes);
  g_assert_cmpuint (writes, >, 2);

  fixture_open (fixture, FAULT_VFS_NAME);
  fault_vfs_arm (FAULT_OP_WRITE, writes / 2, SQLITE_FULL, TRUE);
  run_start (fixture, &run, preview, NULL);
  run_wait (fixture, &run);
  g_assert_cmpuint (fault_vfs_get_injected (), >, 0);
  fault_vfs_disarm ();

  g_assert_false (run.ok);
  g_assert_error (run.error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FULL);
  g_test_message ("%s", run.error->message);
  g_assert_nonnull (strstr (run.error->message, "disk is full"));
  g_assert_nonnull (strstr (run.error->message, "Nothing was imported."));
  g_assert_cmpuint (run.changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->clients), ==, 3);
  run_clear (&run);

  /* Nothing of the import is there */
  after = contents_of (fixture->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (util_raw_integrity_ok (fixture->path));

  /* The store writes again once the disk has room */
  assert_store_writes (fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  fault_vfs_register ();

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import-async/progress", test_progress);
  ADD ("/import-async/cancelled", test_cancelled);
  ADD ("/import-async/disk-full", test_disk_full);

  return g_test_run ();
}
