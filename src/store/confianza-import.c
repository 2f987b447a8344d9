/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-import"

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-import.h"
#include <math.h>

#include "model/confianza-text.h"
#include "confianza-store-internal.h"

/* Helpers */

static gboolean
row_wanted (ConfianzaCsvPreview  *preview,
            guint                 row,
            ConfianzaImportFlags  flags)
{
  switch (confianza_csv_preview_get_status (preview, row))
    {
    case CONFIANZA_CSV_ROW_READY:
      return TRUE;
    case CONFIANZA_CSV_ROW_DUPLICATE:
      return (flags & CONFIANZA_IMPORT_INCLUDE_DUPLICATES) != 0;
    case CONFIANZA_CSV_ROW_INVALID:
    default:
      return FALSE;
    }
}

/* Public API */

GPtrArray *
confianza_import_existing_clients (ConfianzaStore *store)
{
  g_autoptr(GListModel) clients = NULL;
  GPtrArray *array;
  guint n;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);

  clients = confianza_store_get_clients (store);
  n = g_list_model_get_n_items (clients);
  array = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

      g_ptr_array_add (array, confianza_client_copy (client));
    }

  return array;
}

/* The import proper: through a connection of its own
 *
 * The store's connection belongs to the thread that opened it, so the
 * import writes through another one to the same file (the store refuses
 * its own writes meanwhile: see store_refuse_during_import ()), in one
 * transaction, and the clients it saved are merged into the live list
 * afterwards, on the store's thread. */

/* Rows written between two looks at the cancellable and two reports of
 * progress */
#define IMPORT_BATCH 256

typedef struct
{
  ConfianzaStore          *store;
  ConfianzaCsvPreview     *preview;
  ConfianzaImportFlags     flags;
  /* The store's own thread, where progress is told */
  GMainContext            *context;
  ConfianzaImportProgress  progress;
  gpointer                 progress_data;
  GDestroyNotify           progress_notify;
  /* Written by the worker, read on the store's thread */
  guint                    done;     /* atomic */
  guint                    total;    /* atomic */
  gint                     report_pending; /* atomic */
  /* The store's thread only */
  guint                    reported;
  gboolean                 any_reported;
  gboolean                 finished;
  /* The clients saved (with their ids), once committed */
  GPtrArray               *imported;
  GAsyncReadyCallback      callback;
  gpointer                 user_data;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->preview);
  g_clear_pointer (&job->context, g_main_context_unref);
  if (job->progress_notify != NULL)
    job->progress_notify (job->progress_data);
  g_clear_pointer (&job->imported, g_ptr_array_unref);
  g_free (job);
}

/* On the store's thread: never backwards, never the same figure twice */
static void
import_job_report (ImportJob *job,
                   guint      done,
                   guint      total)
{
  if (job->progress == NULL || job->finished || total == 0 ||
      (job->any_reported && done <= job->reported))
    return;

  job->reported = done;
  job->any_reported = TRUE;
  job->progress (done, total, job->progress_data);
}

static gboolean
report_progress_idle (gpointer data)
{
  ImportJob *job = g_task_get_task_data (data);

  g_atomic_int_set (&job->report_pending, 0);
  import_job_report (job, g_atomic_int_get (&job->done), g_atomic_int_get (&job->total));

  return G_SOURCE_REMOVE;
}

/* From the worker: at most one report waits at a time, and it tells the
 * latest figure when it runs */
static void
post_progress (GTask     *task,
               ImportJob *job,
               guint      done)
{
  g_atomic_int_set (&job->done, done);
  if (task == NULL || job->progress == NULL || !g_atomic_int_compare_and_exchange (&job->report_pending, 0, 1))
    return;

  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_progress_idle,
                              g_object_ref (task), g_object_unref);
}

/* A new client has no record yet: its index and status are what the rules
 * give for no history at all */
static void
set_first_status (ConfianzaClient *client,
                  GDateTime       *today)
{
  g_auto(ConfianzaTrustInput) input = { 0 };
  ConfianzaClientStatus status = confianza_client_get_status (client);
  int score;

  input.client = g_object_ref (client);
  input.today = g_date_time_ref (today);
  input.promises = g_ptr_array_new ();
  input.quick_wins = g_ptr_array_new ();
  input.incidents = g_ptr_array_new ();
  input.plans = g_ptr_array_new ();
  input.follow_ups = g_ptr_array_new ();
  input.compensations = g_ptr_array_new ();
  score = (int) round (confianza_trust_score (&input));
  confianza_client_set_trust_score (client, score);

  if (confianza_client_get_status_manual (client) ||
      status == CONFIANZA_CLIENT_STATUS_LOST || status == CONFIANZA_CLIENT_STATUS_LET_GO)
    return;

  confianza_client_set_status (client, confianza_rules_suggest_status (status, score, FALSE, FALSE, FALSE));
}

static int
compare_clients (gconstpointer a,
                 gconstpointer b)
{
  return store_compare_records (*(gpointer const *) a, *(gpointer const *) b,
                                (gpointer) &store_kinds[KIND_CLIENT]);
}

/* Inside the writer's transaction */
static gboolean
write_clients (GTask          *task,
               ImportJob      *job,
               ConfianzaStore *writer,
               GPtrArray      *copies,
               GCancellable   *cancellable,
               GError        **error)
{
  g_autofree char *sql = store_build_insert (&store_kinds[KIND_CLIENT]);
  sqlite3_stmt *stmt;
  guint n_rows = confianza_csv_preview_get_n_rows (job->preview);
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Once: the local time zone is looked up in the file system each time */
  g_autoptr(GDateTime) today = confianza_date_today ();

  /* Duplicates are looked for again in what the file holds now */
  if ((job->flags & CONFIANZA_IMPORT_INCLUDE_DUPLICATES) == 0)
    {
      g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func (g_object_unref);

      if (!store_load_records (writer, KIND_CLIENT, NULL, 0, existing, error))
        {
          g_array_unref (lines);
          return FALSE;
        }
      confianza_csv_preview_check_duplicates (job->preview, existing);
    }

  for (guint i = 0; i < n_rows; i++)
    {
      ConfianzaClient *copy;
      guint line;

      if (!row_wanted (job->preview, i, job->flags))
        continue;

      copy = confianza_client_copy (confianza_csv_preview_get_client (job->preview, i));
      confianza_client_set_id (copy, 0);
      set_first_status (copy, today);
      g_ptr_array_add (copies, copy);
      line = confianza_csv_preview_get_line (job->preview, i);
      g_array_append_val (lines, line);
    }
  g_atomic_int_set (&job->total, copies->len);

  stmt = store_prepare (writer, sql, error);
  if (stmt == NULL)
    {
      g_array_unref (lines);
      return FALSE;
    }

  for (guint i = 0; i < copies->len; i++)
    {
      ConfianzaClient *copy = g_ptr_array_index (copies, i);
      g_autoptr(GError) local_error = NULL;
      int rc;

      if (i % IMPORT_BATCH == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              g_array_unref (lines);
              return FALSE;
            }
          post_progress (task, job, i);
        }

      if (!store_record_validate (KIND_CLIENT, copy, &local_error))
        {
          /* Translators: %u is a line number of the file, %s what is wrong
           * with it, a whole sentence */
          g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                       _("Line %u: %s"), g_array_index (lines, guint, i), local_error->message);
          g_array_unref (lines);
          return FALSE;
        }

      rc = store_bind_record (stmt, KIND_CLIENT, copy);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      if (rc != SQLITE_DONE)
        {
          store_set_sqlite_error (error, writer->db, writer->path, rc, FALSE);
          g_array_unref (lines);
          return FALSE;
        }

      confianza_client_set_id (copy, sqlite3_last_insert_rowid (writer->db));
    }

  g_array_unref (lines);

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* A failure says that it left nothing behind */
static void
say_nothing_imported (GError *error)
{
  char *message;

  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: %s is why the import failed, a whole sentence */
  message = g_strdup_printf (_("%s Nothing was imported."), error->message);
  g_free (error->message);
  error->message = message;
}

static gboolean import_write (GTask         *task,
                              ImportJob     *job,
                              GCancellable  *cancellable,
                              GError       **error);

static gboolean
import_run (GTask         *task,
            ImportJob     *job,
            GCancellable  *cancellable,
            GError       **error)
{
  GError *local_error = NULL;

  if (import_write (task, job, cancellable, &local_error))
    return TRUE;

  say_nothing_imported (local_error);
  g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
import_write (GTask         *task,
            ImportJob     *job,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(ConfianzaStore) writer = NULL;
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

  writer = confianza_store_open_writer (job->store, error);
  if (writer == NULL)
    return FALSE;

  if (!store_exec (writer, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!write_clients (task, job, writer, copies, cancellable, error) ||
      !store_exec (writer, "COMMIT", error))
    {
      store_rollback (writer);
      return FALSE;
    }

  /* In the order of the live list, so that the store's thread only merges
   * them into it (the sort keys are made here too) */
  g_ptr_array_sort (copies, compare_clients);
  post_progress (task, job, copies->len);
  job->imported = g_steal_pointer (&copies);

  return TRUE;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (import_run (task, task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* On the store's thread, before the caller hears of it */
static void
import_finished (ConfianzaStore *self,
                 ImportJob      *job)
{
  g_assert (self->imports > 0);
  self->imports--;

  if (job->imported != NULL)
    import_job_report (job, job->imported->len, job->imported->len);

  /* No report after the end, and what they were told to goes here, on
   * this thread (the job itself may go in the worker's) */
  job->finished = TRUE;
  if (job->progress_notify != NULL)
    job->progress_notify (job->progress_data);
  job->progress_notify = NULL;
  job->progress = NULL;

  if (job->imported == NULL || job->imported->len == 0)
    return;

  confianza_store_lists_add_clients (self->lists, job->imported);
  confianza_store_emit_changed (self);
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ImportJob *job = g_task_get_task_data (G_TASK (result));

  import_finished (CONFIANZA_STORE (source), job);
  if (job->callback != NULL)
    job->callback (source, result, job->user_data);
}

static ImportJob *
import_job_new (ConfianzaStore       *store,
                ConfianzaCsvPreview  *preview,
                ConfianzaImportFlags  flags)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->store = g_object_ref (store);
  job->preview = g_object_ref (preview);
  job->flags = flags;
  job->context = g_main_context_ref_thread_default ();

  return job;
}

static gboolean
import_refused (ConfianzaStore  *store,
                GError         **error)
{
  if (store_refuse_read_only (store, error) || store_refuse_during_import (store, error))
    return TRUE;

  if (store->pending != NULL)
    {
      g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                           _("Clients cannot be imported in the middle of other changes."));
      return TRUE;
    }

  return FALSE;
}

void
confianza_import_clients_async (ConfianzaStore          *store,
                                ConfianzaCsvPreview     *preview,
                                ConfianzaImportFlags     flags,
                                GCancellable            *cancellable,
                                ConfianzaImportProgress  progress,
                                gpointer                 progress_data,
                                GDestroyNotify           progress_notify,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ImportJob *job;

  g_return_if_fail (CONFIANZA_IS_STORE (store));
  g_return_if_fail (CONFIANZA_IS_CSV_PREVIEW (preview));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = import_job_new (store, preview, flags);
  job->progress = progress;
  job->progress_data = progress_data;
  job->progress_notify = progress_notify;
  job->callback = callback;
  job->user_data = user_data;

  task = g_task_new (store, cancellable, import_done, NULL);
  g_task_set_source_tag (task, confianza_import_clients_async);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  /* A cancellation that comes after the commit changes nothing: the
   * clients are saved, and the result says so */
  g_task_set_check_cancellable (task, FALSE);

  /* import_done () counts it off, refused or not */
  if (import_refused (store, &error))
    {
      store->imports++;
      g_task_return_error (task, error);
      return;
    }
  store->imports++;

  g_task_run_in_thread (task, import_thread);
}

gboolean
confianza_import_clients_finish (ConfianzaStore  *store,
                                 GAsyncResult    *result,
                                 guint           *n_imported,
                                 GError         **error)
{
  ImportJob *job;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (n_imported != NULL)
    *n_imported = job->imported != NULL ? job->imported->len : 0;

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
confianza_import_clients (ConfianzaStore        *store,
                          ConfianzaCsvPreview   *preview,
                          ConfianzaImportFlags   flags,
                          guint                 *n_imported,
                          GError               **error)
{
  ImportJob *job;
  gboolean ok;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_CSV_PREVIEW (preview), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_imported != NULL)
    *n_imported = 0;

  if (import_refused (store, error))
    return FALSE;

  /* The same work in this thread, through the same second connection */
  job = import_job_new (store, preview, flags);
  store->imports++;
  ok = import_run (NULL, job, NULL, error);
  import_finished (store, job);

  if (ok && n_imported != NULL)
    *n_imported = job->imported->len;

  import_job_free (job);

  return ok;
}

char *
confianza_import_clients_from_file (ConfianzaStore        *store,
                                    const char            *filename,
                                    ConfianzaImportFlags   flags,
                                    guint                 *n_imported,
                                    guint                 *n_skipped,
                                    GError               **error)
{
  g_autoptr(ConfianzaCsvPreview) preview = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autofree char *shown = NULL;
  GString *summary;
  guint imported = 0;
  guint n_rows;
  guint skipped = 0;

  g_return_val_if_fail (CONFIANZA_IS_STORE (store), NULL);
  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_imported != NULL)
    *n_imported = 0;
  if (n_skipped != NULL)
    *n_skipped = 0;

  existing = confianza_import_existing_clients (store);
  preview = confianza_csv_parse_file (filename, existing, error);
  if (preview == NULL)
    return NULL;

  if (!confianza_import_clients (store, preview, flags, &imported, error))
    return NULL;

  if (n_imported != NULL)
    *n_imported = imported;

  shown = confianza_text_display_filename (filename);
  summary = g_string_new (NULL);

  if (imported == 0)
    g_string_append_printf (summary, _("No client was imported from “%s”."), shown);
  else
    g_string_append_printf (summary,
                            /* Translators: %u is a number of clients, %s a file name */
                            ngettext ("Imported %u client from “%s”.",
                                      "Imported %u clients from “%s”.",
                                      imported),
                            imported, shown);
  g_string_append_c (summary, '\n');

  n_rows = confianza_csv_preview_get_n_rows (preview);
  for (guint i = 0; i < n_rows; i++)
    if (!row_wanted (preview, i, flags))
      skipped++;
  if (n_skipped != NULL)
    *n_skipped = skipped;

  if (skipped > 0)
    {
      g_string_append_printf (summary,
                              ngettext ("%u line was not imported:",
                                        "%u lines were not imported:",
                                        skipped),
                              skipped);
      g_string_append_c (summary, '\n');

      for (guint i = 0; i < n_rows; i++)
        {
          if (row_wanted (preview, i, flags))
            continue;

          /* Translators: %u is a line number of the file, %s what is wrong
           * with it, a whole sentence */
          g_string_append_printf (summary, _("Line %u: %s"),
                                  confianza_csv_preview_get_line (preview, i),
                                  confianza_csv_preview_get_message (preview, i));
          g_string_append_c (summary, '\n');
        }

      if (confianza_csv_preview_count (preview, CONFIANZA_CSV_ROW_DUPLICATE) > 0 &&
          (flags & CONFIANZA_IMPORT_INCLUDE_DUPLICATES) == 0)
        {
          g_string_append (summary,
                           _("Clients that are already in your records were left "
                             "out so that they are not there twice."));
          g_string_append_c (summary, '\n');
        }
    }

  {
    const char * const *ignored = confianza_csv_preview_get_ignored_columns (preview);

    if (ignored[0] != NULL)
      {
        g_autoptr(GString) list = g_string_new (NULL);

        for (guint i = 0; ignored[i] != NULL; i++)
          {
            if (i > 0)
              g_string_append (list, C_("list separator", ", "));
            /* Translators: a column header, quoted */
            g_string_append_printf (list, _("“%s”"), ignored[i]);
          }
        /* Translators: %s is a list of quoted column headers */
        g_string_append_printf (summary, _("These columns were not imported: %s."), list->str);
        g_string_append_c (summary, '\n');
      }
  }

  return g_string_free (summary, FALSE);
}
