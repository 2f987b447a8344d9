/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-faults"

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>
#include <string.h>

#include "fault-vfs.h"
#include "reliability-util.h"
#include "store/confianza-backup.h"
#include "store/confianza-store-recovery.h"

/*
 * Every I/O call of a representative operation fails once, in turn (and,
 * for writes, the disk also stays full from there on): the store must say
 * so in words, and the file, opened again normally, must hold exactly what
 * it held before the operation or, when the failure came after the commit
 * reached the disk, exactly what it holds after: never half of it.
 */

typedef struct
{
  FaultOp   op;
  int       code;
  gboolean  sticky;
} FaultKind;

static const FaultKind fault_kinds[] = {
  { FAULT_OP_READ, SQLITE_IOERR_READ, FALSE },
  { FAULT_OP_WRITE, SQLITE_FULL, FALSE },
  { FAULT_OP_WRITE, SQLITE_FULL, TRUE },
  { FAULT_OP_WRITE, SQLITE_IOERR_WRITE, FALSE },
  { FAULT_OP_SYNC, SQLITE_IOERR_FSYNC, FALSE },
  { FAULT_OP_LOCK, SQLITE_IOERR_LOCK, FALSE },
  { FAULT_OP_TRUNCATE, SQLITE_IOERR_TRUNCATE, FALSE },
  { FAULT_OP_FILE_SIZE, SQLITE_IOERR_FSTAT, FALSE },
};

typedef enum
{
  STATE_BEFORE,
  STATE_AFTER,
} DataState;

typedef struct
{
  const char *name;
  /* Writes the starting file at @path, with the normal VFS */
  void      (*prepare) (const char *path);
  /* Runs the operation through the fault VFS; arms @kind (nth) just
   * before the operation proper, and disarms it after */
  gboolean  (*run)     (const char      *path,
                        const FaultKind *kind,
                        guint            nth,
                        GError         **error);
  /* Which state the file is in; fails the test when it is neither */
  DataState (*check)   (const char *path);
} Operation;

static guint total_injected;

/* Helpers */

static void
arm (const FaultKind *kind,
     guint            nth)
{
  fault_vfs_arm (kind->op, nth, kind->code, kind->sticky);
}

static ConfianzaStore *
open_faulty (const char *path)
{
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store = confianza_store_open_with_vfs (path, FAULT_VFS_NAME, &error);

  g_assert_no_error (error);

  return store;
}

static void
counts_of (const char           *path,
           ConfianzaStoreCounts *counts)
{
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store;

  g_assert_true (util_raw_integrity_ok (path));

  store = util_open_ok (path);
  confianza_store_count (store, counts, &error);
  g_assert_no_error (error);
  util_close_store (&store);
}

/* Create a client */

static void
prepare_clients (const char *path)
{
  ConfianzaStore *store = util_open_ok (path);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Cliente %u", i);
      g_autoptr(ConfianzaClient) client = confianza_client_new (name);
      g_autoptr(GError) error = NULL;

      confianza_store_save_client (store, client, &error);
      g_assert_no_error (error);
    }

  util_close_store (&store);
}

static gboolean
run_create_client (const char      *path,
                   const FaultKind *kind,
                   guint            nth,
                   GError         **error)
{
  ConfianzaStore *store = open_faulty (path);
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Peña & Cía");
  gboolean ok;

  confianza_client_set_email (client, "pena@example.com");

  arm (kind, nth);
  ok = confianza_store_save_client (store, client, error);
  fault_vfs_disarm ();

  g_object_unref (store);

  return ok;
}

static DataState
check_create_client (const char *path)
{
  ConfianzaStoreCounts counts;

  counts_of (path, &counts);
  g_assert_cmpuint (counts.clients, >=, 3);
  g_assert_cmpuint (counts.clients, <=, 4);

  return counts.clients == 3 ? STATE_BEFORE : STATE_AFTER;
}

/* Save a recovery plan with its compensation, guarantee, follow-ups and
 * the client's status, at once */

static void
prepare_plan (const char *path)
{
  ConfianzaStore *store = util_open_ok (path);
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Cliente");
  g_autoptr(ConfianzaIncident) incident = NULL;
  g_autoptr(GError) error = NULL;

  /* Recovering already: the status changes only with the outcome */
  confianza_client_set_status (client, CONFIANZA_CLIENT_STATUS_RECOVERING);
  confianza_client_set_status_manual (client, TRUE);
  confianza_store_save_client (store, client, &error);
  g_assert_no_error (error);
  incident = confianza_incident_new (confianza_client_get_id (client),
                                     util_day (2024, 3, 1), "Entrega tarde");
  confianza_store_save_incident (store, incident, &error);
  g_assert_no_error (error);

  util_close_store (&store);
}

/* The plan of prepare_plan ()'s client (1) and incident (1): a refund, a
 * guarantee until the end of 2024 and three weekly follow-ups */
static ConfianzaRecoveryDraft *
new_draft (void)
{
  g_autoptr(ConfianzaRecoveryPlan) plan = confianza_recovery_plan_new (1, 1, util_day (2024, 3, 2));
  g_autoptr(ConfianzaCompensation) compensation = confianza_compensation_new (0, 1, CONFIANZA_COMPENSATION_REFUND);
  ConfianzaRecoveryDraft *draft;

  confianza_recovery_plan_set_guarantee_terms (plan, "Si se repite, gratis");
  confianza_recovery_plan_set_guarantee_until (plan, util_day (2024, 12, 31));
  confianza_recovery_plan_set_follow_up_every_days (plan, 7);
  confianza_recovery_plan_set_follow_up_times (plan, 3);
  draft = confianza_recovery_draft_new (plan);

  confianza_compensation_set_amount_cents (compensation, 12050);
  confianza_compensation_set_currency (compensation, "EUR");
  confianza_recovery_draft_add_compensation (draft, compensation);

  return draft;
}

static gboolean
run_save_plan (const char      *path,
               const FaultKind *kind,
               guint            nth,
               GError         **error)
{
  ConfianzaStore *store = open_faulty (path);
  g_autoptr(ConfianzaRecoveryDraft) draft = new_draft ();
  gboolean ok;

  arm (kind, nth);
  ok = confianza_store_save_recovery (store, draft, error);
  fault_vfs_disarm ();

  g_object_unref (store);

  return ok;
}

static ConfianzaClientStatus
client_status (const char *path)
{
  ConfianzaStore *store = util_open_ok (path);
  g_autoptr(ConfianzaClient) client = confianza_store_get_client (store, 1, NULL);
  ConfianzaClientStatus status;

  g_assert_nonnull (client);
  status = confianza_client_get_status (client);
  util_close_store (&store);

  return status;
}

static DataState
check_save_plan (const char *path)
{
  ConfianzaStoreCounts counts;

  counts_of (path, &counts);
  g_assert_cmpuint (counts.clients, ==, 1);
  g_assert_cmpuint (counts.incidents, ==, 1);

  if (counts.plans == 0)
    {
      g_assert_cmpuint (counts.follow_ups, ==, 0);
      g_assert_cmpuint (counts.compensations, ==, 0);
      g_assert_cmpuint (counts.promises, ==, 0);
      return STATE_BEFORE;
    }

  g_assert_cmpuint (counts.plans, ==, 1);
  g_assert_cmpuint (counts.follow_ups, ==, 3);
  g_assert_cmpuint (counts.compensations, ==, 1);
  g_assert_cmpuint (counts.promises, ==, 1);
  g_assert_cmpint (util_raw_query_int (path, "SELECT count(*) FROM recovery_plan p JOIN promise g"
                                             " ON g.id = p.guarantee_promise_id AND g.plan_id = p.id"), ==, 1);

  return STATE_AFTER;
}

/* Edit a saved plan: a compensation removed, the guarantee taken back,
 * another schedule, the client let go */

static void
prepare_saved_plan (const char *path)
{
  ConfianzaStore *store;
  g_autoptr(ConfianzaRecoveryDraft) draft = new_draft ();
  g_autoptr(GError) error = NULL;

  prepare_plan (path);
  store = util_open_ok (path);
  confianza_store_save_recovery (store, draft, &error);
  g_assert_no_error (error);
  util_close_store (&store);
}

static gboolean
run_edit_plan (const char      *path,
               const FaultKind *kind,
               guint            nth,
               GError         **error)
{
  ConfianzaStore *store = open_faulty (path);
  g_autoptr(ConfianzaRecoveryPlan) plan = confianza_store_get_recovery_plan (store, 1, NULL);
  g_autoptr(GListModel) compensations = confianza_store_get_compensations (store, 1);
  g_autoptr(ConfianzaCompensation) compensation = g_list_model_get_item (compensations, 0);
  g_autoptr(ConfianzaCompensation) stored = confianza_compensation_copy (compensation);
  g_autoptr(ConfianzaRecoveryDraft) draft = NULL;
  gboolean ok;

  g_assert_nonnull (plan);
  confianza_recovery_plan_set_guarantee_terms (plan, "");
  confianza_recovery_plan_set_follow_up_every_days (plan, 10);
  confianza_recovery_plan_set_follow_up_times (plan, 2);
  confianza_recovery_plan_set_outcome (plan, CONFIANZA_PLAN_LET_GO);
  confianza_recovery_plan_set_outcome_reason (plan, "Hostil");
  draft = confianza_recovery_draft_new (plan);
  confianza_recovery_draft_add_compensation (draft, stored);
  confianza_recovery_draft_remove_compensation (draft, 0);

  arm (kind, nth);
  ok = confianza_store_save_recovery (store, draft, error);
  fault_vfs_disarm ();

  g_object_unref (store);

  return ok;
}

static DataState
check_edit_plan (const char *path)
{
  ConfianzaStoreCounts counts;
  ConfianzaClientStatus status = client_status (path);
  int every = util_raw_query_int (path, "SELECT follow_up_every_days FROM recovery_plan");

  counts_of (path, &counts);
  g_assert_cmpuint (counts.plans, ==, 1);

  if (every == 7)
    {
      g_assert_cmpuint (counts.follow_ups, ==, 3);
      g_assert_cmpuint (counts.compensations, ==, 1);
      g_assert_cmpuint (counts.promises, ==, 1);
      g_assert_cmpint (status, ==, CONFIANZA_CLIENT_STATUS_RECOVERING);
      return STATE_BEFORE;
    }

  g_assert_cmpint (every, ==, 10);
  g_assert_cmpuint (counts.follow_ups, ==, 2);
  g_assert_cmpuint (counts.compensations, ==, 0);
  g_assert_cmpuint (counts.promises, ==, 0);
  g_assert_cmpint (status, ==, CONFIANZA_CLIENT_STATUS_LET_GO);
  g_assert_cmpint (util_raw_query_int (path, "SELECT count(*) FROM recovery_plan"
                                             " WHERE guarantee_promise_id IS NULL"), ==, 1);

  return STATE_AFTER;
}

/* Upgrade a version 0 file */

static void
prepare_version_zero (const char *path)
{
  util_raw_exec (path, "PRAGMA application_id = 1131376230");
}

static gboolean
run_open (const char      *path,
          const FaultKind *kind,
          guint            nth,
          GError         **error)
{
  ConfianzaStore *store;

  arm (kind, nth);
  store = confianza_store_open_with_vfs (path, FAULT_VFS_NAME, error);
  fault_vfs_disarm ();

  if (store == NULL)
    return FALSE;

  g_object_unref (store);

  return TRUE;
}

/* How many tables a database created whole has: the reference, so that a
 * new migration does not need this test changed */
static int
tables_of_a_new_database (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "reference.db", NULL);
  ConfianzaStore *store = util_open_ok (path);
  int tables;

  util_close_store (&store);
  tables = util_raw_query_int (path, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                     " AND name NOT LIKE 'sqlite_%'");
  util_rm_rf (dir);

  return tables;
}

static DataState
check_version_zero (const char *path)
{
  ConfianzaStoreCounts counts;
  int version;
  int tables;

  /* As SQLite finds it (rolling back what a failure left half done) */
  g_assert_true (util_raw_integrity_ok (path));
  g_assert_cmpint (util_raw_query_int (path, "PRAGMA application_id"), ==,
                   (int) CONFIANZA_STORE_APPLICATION_ID);
  version = util_raw_query_int (path, "PRAGMA user_version");
  tables = util_raw_query_int (path, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                                     " AND name NOT LIKE 'sqlite_%'");

  if (version == 0)
    g_assert_cmpint (tables, ==, 0);
  else
    {
      g_assert_cmpint (version, ==, CONFIANZA_STORE_SCHEMA_VERSION);
      g_assert_cmpint (tables, >=, 10);
      g_assert_cmpint (tables, ==, tables_of_a_new_database ());
    }

  /* And the application opens it (upgrading it when it was not) */
  counts_of (path, &counts);
  g_assert_cmpuint (counts.clients, ==, 0);

  return version == 0 ? STATE_BEFORE : STATE_AFTER;
}

/* Create a new database */

static void
prepare_nothing (const char *path)
{
}

static DataState
check_new (const char *path)
{
  ConfianzaStoreCounts counts;

  /* Nothing at all, or a whole empty database */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return STATE_BEFORE;

  g_assert_cmpint (util_raw_query_int (path, "PRAGMA user_version"), ==,
                   CONFIANZA_STORE_SCHEMA_VERSION);
  counts_of (path, &counts);
  g_assert_cmpuint (counts.clients, ==, 0);

  return STATE_AFTER;
}

/* Back up: the faults hit the copy being written, never the database */

/* The names of the clients, sorted, as SQLite finds them */
static char *
names_of (const char *path)
{
  g_autoptr(GString) names = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_true (util_raw_integrity_ok (path));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM client ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (names, "%s;", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_strdup (names->str);
}

/* Nothing half-written is left in @folder: no temporary copy, no log */
static void
assert_no_leftovers (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_null (strstr (name, ".partial-"));
      g_assert_false (g_str_has_suffix (name, "-journal"));
    }
}

static gboolean
run_backup (const char      *path,
            const FaultKind *kind,
            guint            nth,
            GError         **error)
{
  g_autofree char *copy = g_strconcat (path, ".copy", NULL);
  gboolean ok;

  arm (kind, nth);
  ok = confianza_backup_write_with_vfs (path, copy, FAULT_VFS_NAME, error);
  fault_vfs_disarm ();

  return ok;
}

static DataState
check_backup (const char *path)
{
  g_autofree char *copy = g_strconcat (path, ".copy", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *names = names_of (path);

  g_assert_cmpstr (names, ==, "Cliente 0;Cliente 1;Cliente 2;");
  assert_no_leftovers (folder);
  if (!g_file_test (copy, G_FILE_TEST_EXISTS))
    return STATE_BEFORE;

  /* A copy that is there is whole */
  {
    g_autofree char *copied = names_of (copy);

    g_assert_cmpstr (copied, ==, names);
  }
  return STATE_AFTER;
}

/* Restore: the faults hit the database the copy is restored into */

static char *restore_source;

static void
prepare_restore (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *other = g_build_filename (folder, "source.db", NULL);
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store;

  prepare_clients (path);
  store = util_open_ok (other);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("Restaurada %u", i);
      g_autoptr(ConfianzaClient) client = confianza_client_new (name);

      confianza_store_save_client (store, client, &error);
      g_assert_no_error (error);
    }
  util_close_store (&store);

  g_free (restore_source);
  restore_source = g_strconcat (path, ".source", NULL);
  g_assert_true (confianza_backup_write (other, restore_source, &error));
  g_assert_no_error (error);
}

static gboolean
run_restore (const char      *path,
             const FaultKind *kind,
             guint            nth,
             GError         **error)
{
  g_autofree char *kept = NULL;
  gboolean ok;

  arm (kind, nth);
  ok = confianza_backup_restore_with_vfs (path, restore_source, FAULT_VFS_NAME, &kept, error);
  fault_vfs_disarm ();

  return ok;
}

static DataState
check_restore (const char *path)
{
  g_autofree char *names = names_of (path);
  g_autofree char *backups = confianza_backup_get_folder (path);
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GError) error = NULL;

  /* What a copy kept before the restore holds is the old records, whole */
  copies = confianza_backup_list (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < copies->len; i++)
    {
      g_autofree char *kept = names_of (((ConfianzaBackupCopy *) g_ptr_array_index (copies, i))->path);

      g_assert_cmpstr (kept, ==, "Cliente 0;Cliente 1;Cliente 2;");
    }
  assert_no_leftovers (backups);

  if (g_strcmp0 (names, "Cliente 0;Cliente 1;Cliente 2;") == 0)
    return STATE_BEFORE;

  g_assert_cmpstr (names, ==, "Restaurada 0;Restaurada 1;");
  return STATE_AFTER;
}

static const Operation operations[] = {
  { "create-client", prepare_clients, run_create_client, check_create_client },
  { "save-plan", prepare_plan, run_save_plan, check_save_plan },
  { "edit-plan", prepare_saved_plan, run_edit_plan, check_edit_plan },
  { "migrate-from-0", prepare_version_zero, run_open, check_version_zero },
  { "create-database", prepare_nothing, run_open, check_new },
  { "backup", prepare_clients, run_backup, check_backup },
  { "restore", prepare_restore, run_restore, check_restore },
};

/* The test */

static void
assert_clear_error (const GError    *error,
                    const FaultKind *kind,
                    gboolean         injected)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == CONFIANZA_STORE_ERROR);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  /* The tests run untranslated (C locale) */
  if (injected && kind->code == SQLITE_FULL)
    {
      g_assert_cmpint (error->code, ==, CONFIANZA_STORE_ERROR_FULL);
      g_assert_nonnull (strstr (error->message, "disk is full"));
    }
}

static void
test_operation (gconstpointer data)
{
  const Operation *operation = data;
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *template = g_build_filename (dir, "template.db", NULL);
  gboolean template_exists;
  guint injected = 0;
  guint runs = 0;
  guint committed_anyway = 0;
  guint failures = 0;

  operation->prepare (template);
  template_exists = g_file_test (template, G_FILE_TEST_EXISTS);

  for (guint k = 0; k < G_N_ELEMENTS (fault_kinds); k++)
    {
      const FaultKind *kind = &fault_kinds[k];
      guint calls;
      guint kind_injected = 0;

      /* How many calls there are to fail, one after the other */
      {
        g_autofree char *sub = g_build_filename (dir, "count", NULL);
        g_autofree char *path = g_build_filename (sub, "data.db", NULL);
        g_autoptr(GError) error = NULL;

        g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
        if (template_exists)
          util_copy_file (template, path);
        g_assert_true (operation->run (path, kind, 0, &error));
        g_assert_no_error (error);
        calls = fault_vfs_get_calls (kind->op);
        g_assert_true (operation->check (path) == STATE_AFTER);
        util_rm_rf (sub);
      }

      for (guint nth = 1; nth <= calls; nth++)
        {
          g_autofree char *sub = g_strdup_printf ("%s/run-%u-%u", dir, k, nth);
          g_autofree char *path = g_build_filename (sub, "data.db", NULL);
          g_autoptr(GError) error = NULL;
          gboolean ok;
          gboolean injected_here;
          DataState state;

          g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
          if (template_exists)
            util_copy_file (template, path);

          ok = operation->run (path, kind, nth, &error);
          injected_here = fault_vfs_get_injected () > 0;
          kind_injected += injected_here ? 1 : 0;
          runs++;

          if (ok)
            {
              g_assert_no_error (error);
            }
          else
            {
              failures++;
              assert_clear_error (error, kind, injected_here);
            }

          state = operation->check (path);

          if (ok)
            g_assert_true (state == STATE_AFTER);
          else if (state == STATE_AFTER)
            committed_anyway++;

          util_rm_rf (sub);
        }

      g_test_message ("%s: %s failing with %d%s: %u calls, %u faults injected",
                      operation->name, fault_op_name (kind->op), kind->code,
                      kind->sticky ? " from then on" : "", calls, kind_injected);
      injected += kind_injected;
    }

  total_injected += injected;
  g_test_message ("%s: %u runs, %u faults injected, %u refused with a clear error, "
                  "%u of them had reached the disk whole before the error",
                  operation->name, runs, injected, failures, committed_anyway);
  g_assert_cmpuint (injected, >, 0);

  util_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  fault_vfs_register ();

  for (guint i = 0; i < G_N_ELEMENTS (operations); i++)
    {
      g_autofree char *name = g_strdup_printf ("/faults/%s", operations[i].name);

      g_test_add_data_func (name, &operations[i], test_operation);
    }

  ret = g_test_run ();

  g_print ("# faults injected: %u\n", total_injected);
  util_free_dates ();

  return ret;
}
