/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

/* The store: the ConfianzaStore object and its public API, each call
 * thin over the files beside it (see README.md). */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "confianza-store-internal.h"

G_DEFINE_FINAL_TYPE (ConfianzaStore, confianza_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (confianza-store-error-quark, confianza_store_error)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pending_change_free (gpointer data)
{
  PendingChange *change = data;

  g_clear_object (&change->object);
  g_clear_pointer (&change->plan_ids, g_array_unref);
  g_clear_pointer (&change->promise_ids, g_array_unref);
  g_clear_pointer (&change->client_ids, g_array_unref);
  g_free (change);
}

/* GObject */

static void
confianza_store_dispose (GObject *object)
{
  ConfianzaStore *self = (ConfianzaStore *)object;

  /* The lists outlive us in the interface; they just stop updating */
  if (self->lists != NULL)
    confianza_store_lists_clear (self->lists);

  G_OBJECT_CLASS (confianza_store_parent_class)->dispose (object);
}

static void
confianza_store_finalize (GObject *object)
{
  ConfianzaStore *self = (ConfianzaStore *)object;

  g_clear_object (&self->lists);
  g_clear_pointer (&self->trust_fresh, g_hash_table_unref);
  /* An unfinished transaction is rolled back when the connection closes */
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  /* Statements first: the connection closes once they are finalized */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  /* Only once SQLite let go of the file */
  if (self->file != NULL)
    confianza_file_lock_release (g_steal_pointer (&self->file), !self->read_only);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_path, g_free);
  g_clear_pointer (&self->notice, g_free);
  g_clear_pointer (&self->vfs, g_free);

  G_OBJECT_CLASS (confianza_store_parent_class)->finalize (object);
}

static void
confianza_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ConfianzaStore *self = CONFIANZA_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
confianza_store_class_init (ConfianzaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = confianza_store_dispose;
  object_class->finalize = confianza_store_finalize;
  object_class->get_property = confianza_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ConfianzaStore::changed:
   *
   * Emitted after any record was saved or erased, once the change is on
   * disk and the live lists are up to date: views that are not a live
   * list (Today) refresh themselves from it.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * ConfianzaStore::reloaded:
   *
   * Emitted after confianza_store_reload (): every live list holds new
   * objects, so a view showing one record (a client's page) must let it go
   * and find it again. ::changed follows.
   */
  signals[RELOADED] =
    g_signal_new ("reloaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
confianza_store_init (ConfianzaStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal,
                                            g_free, store_statement_finalize);
  self->lists = confianza_store_lists_new (self);
  self->trust_fresh = g_hash_table_new (g_direct_hash, g_direct_equal);
}

void
confianza_store_emit_changed (ConfianzaStore *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Public API */

char *
confianza_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "confianza", "confianza.db", NULL);
}

ConfianzaStore *
confianza_store_open (const char  *path,
                      GError     **error)
{
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return confianza_store_open_with_vfs (path, NULL, error);
}

ConfianzaStore *
confianza_store_open_with_vfs (const char  *path,
                               const char  *vfs,
                               GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *notice = NULL;
  ConfianzaFileLock *file = NULL;
  ConfianzaStore *self;
  GStatBuf st;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      store_set_directory_error (error, path);
      return NULL;
    }

  folder = g_path_get_dirname (path);
  default_path = confianza_store_default_path ();

  /* Only our own folder is created: a missing folder anywhere else is more
   * likely a mistake, or a disconnected disk */
  if (g_strcmp0 (path, default_path) == 0 &&
      g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *shown = g_filename_display_name (folder);

      if (saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS)
        store_set_read_only_error (error, folder);
      else
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                     _("Confianza could not create the folder “%s” (%s)."),
                     shown, g_strerror (saved_errno));
      return NULL;
    }

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *shown = g_filename_display_name (folder);

      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NO_FOLDER,
                   _("The folder “%s” does not exist. Create it, or choose another "
                     "place for your records."),
                   shown);
      return NULL;
    }

  if (g_stat (path, &st) == 0)
    {
      /* Never opened, not even to be read: a pipe would block */
      if (!S_ISREG (st.st_mode))
        {
          store_set_not_ours_error (error, path);
          return NULL;
        }

      file = confianza_file_lock_acquire (path, TRUE, error);
      if (file == NULL)
        return NULL;
      db = store_open_existing (path, file, folder, &st, vfs, &backup_path, error);
      if (db == NULL)
        {
          confianza_file_lock_release (file, TRUE);
          return NULL;
        }
      if (backup_path == NULL)
        confianza_store_count_opening (db, path);
    }
  else if (errno == ENOENT)
    {
      db = store_create_new (path, vfs, &notice, error);
      if (db == NULL)
        return NULL;
      file = confianza_file_lock_acquire (path, TRUE, error);
      if (file == NULL)
        {
          sqlite3_close_v2 (db);
          return NULL;
        }
    }
  else
    {
      store_set_errno_error (error, path, errno);
      return NULL;
    }

  self = g_object_new (CONFIANZA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = db;
  self->file = file;
  self->schema_version = CONFIANZA_STORE_SCHEMA_VERSION;
  self->backup_path = g_steal_pointer (&backup_path);
  self->notice = g_steal_pointer (&notice);
  self->vfs = g_strdup (vfs);

  return self;
}

ConfianzaStore *
confianza_store_open_writer (ConfianzaStore  *self,
                             GError         **error)
{
  ConfianzaStore *writer;
  ConfianzaFileLock *file;
  sqlite3 *db = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  if (store_refuse_read_only (self, error))
    return NULL;

  file = confianza_file_lock_acquire (self->path, TRUE, error);
  if (file == NULL)
    return NULL;

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, self->vfs);
  if (rc == SQLITE_OK)
    {
      if (!store_apply_settings (db, self->path, error))
        goto failed_with_error;
      rc = store_query_int (db, "PRAGMA user_version", &version);
    }
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, db, self->path, rc, TRUE);
      goto failed_with_error;
    }

  /* Replaced meanwhile by another program (a restore) */
  if (version != self->schema_version)
    {
      g_autofree char *shown = g_filename_display_name (self->path);

      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                   _("“%s” was replaced by another program meanwhile. Close "
                     "Confianza, open it again and try again: nothing was written."),
                   shown);
      goto failed_with_error;
    }

  writer = g_object_new (CONFIANZA_TYPE_STORE, NULL);
  writer->path = g_strdup (self->path);
  writer->vfs = g_strdup (self->vfs);
  writer->db = db;
  writer->file = file;
  writer->schema_version = version;

  return writer;

failed_with_error:
  sqlite3_close_v2 (db);
  confianza_file_lock_release (file, TRUE);
  return NULL;
}

ConfianzaStore *
confianza_store_open_read_only (const char  *path,
                                GError     **error)
{
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_open_read_only (path, FALSE, error);
}

ConfianzaStore *
confianza_store_open_any_version (const char  *path,
                                  GError     **error)
{
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_open_read_only (path, TRUE, error);
}

gboolean
confianza_store_is_read_only (ConfianzaStore *self)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);

  return self->read_only;
}

const char *
confianza_store_get_notice (ConfianzaStore *self)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return self->notice;
}

sqlite3 *
confianza_store_get_db (ConfianzaStore *self)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return self->db;
}

ConfianzaFileLock *
confianza_store_get_file_lock (ConfianzaStore *self)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return self->file;
}

/* After a restore: the file is ours and whole, perhaps of an older version */
gboolean
confianza_store_upgrade (ConfianzaStore  *self,
                         GError         **error)
{
  int version = 0;
  int rc;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->read_only && self->pending == NULL, FALSE);

  rc = store_query_int (self->db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  if (version >= CONFIANZA_STORE_SCHEMA_VERSION)
    return TRUE;

  /* Compiled for the old schema */
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->backup_path, g_free);

  return store_migrate (self->db, self->path, self->file, FALSE, &self->backup_path, error);
}

const char *
confianza_store_get_path (ConfianzaStore *self)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return self->path;
}

int
confianza_store_get_schema_version (ConfianzaStore *self)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), 0);

  return self->schema_version;
}

const char *
confianza_store_get_backup_path (ConfianzaStore *self)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return self->backup_path;
}

gboolean
confianza_store_begin (ConfianzaStore  *self,
                       GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->pending == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (store_refuse_read_only (self, error) ||
      store_refuse_during_import (self, error) ||
      !store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->pending = g_ptr_array_new_with_free_func (pending_change_free);

  return TRUE;
}

gboolean
confianza_store_commit (ConfianzaStore  *self,
                        GError         **error)
{
  g_autoptr(GPtrArray) pending = NULL;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->pending != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* SQLite rolls the whole transaction back after some failures (a full
   * disk, an I/O error) of a change that the caller chose to ignore */
  if (sqlite3_get_autocommit (self->db))
    {
      g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                           _("These changes could not be saved because one of "
                             "them failed. Nothing was changed."));
      confianza_store_rollback (self);
      return FALSE;
    }

  if (!store_exec (self, "COMMIT", error))
    {
      confianza_store_rollback (self);
      return FALSE;
    }

  pending = g_steal_pointer (&self->pending);
  for (guint i = 0; i < pending->len; i++)
    {
      PendingChange *change = g_ptr_array_index (pending, i);

      if (change->object != NULL)
        store_record_saved (self, change->kind, change->object);
      else
        store_record_deleted (self, change->kind, change->id, change->plan_ids,
                              change->promise_ids, change->client_ids);
    }

  if (pending->len > 0)
    g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

void
confianza_store_rollback (ConfianzaStore *self)
{
  g_autoptr(GPtrArray) pending = NULL;

  g_return_if_fail (CONFIANZA_IS_STORE (self));

  if (self->pending == NULL)
    return;

  pending = g_steal_pointer (&self->pending);
  store_rollback (self);

  /* Saved again later, they must be inserted again */
  for (guint i = pending->len; i > 0; i--)
    {
      PendingChange *change = g_ptr_array_index (pending, i - 1);

      if (change->inserted)
        store_record_set_id (change->kind, change->object, 0);
    }
}

gboolean
confianza_store_count (ConfianzaStore        *self,
                       ConfianzaStoreCounts  *counts,
                       GError               **error)
{
  g_autoptr(CachedStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (counts, 0, sizeof *counts);

  stmt = store_prepare (self,
                        "SELECT (SELECT count(*) FROM client),"
                        " (SELECT count(*) FROM promise),"
                        " (SELECT count(*) FROM quick_win),"
                        " (SELECT count(*) FROM conversation),"
                        " (SELECT count(*) FROM incident),"
                        " (SELECT count(*) FROM recovery_plan),"
                        " (SELECT count(*) FROM follow_up),"
                        " (SELECT count(*) FROM compensation)",
                        error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  counts->clients = (guint) sqlite3_column_int64 (stmt, 0);
  counts->promises = (guint) sqlite3_column_int64 (stmt, 1);
  counts->quick_wins = (guint) sqlite3_column_int64 (stmt, 2);
  counts->conversations = (guint) sqlite3_column_int64 (stmt, 3);
  counts->incidents = (guint) sqlite3_column_int64 (stmt, 4);
  counts->plans = (guint) sqlite3_column_int64 (stmt, 5);
  counts->follow_ups = (guint) sqlite3_column_int64 (stmt, 6);
  counts->compensations = (guint) sqlite3_column_int64 (stmt, 7);

  return TRUE;
}

/* Clients */

gboolean
confianza_store_save_client (ConfianzaStore   *self,
                             ConfianzaClient  *client,
                             GError          **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_save_record (self, KIND_CLIENT, client, error);
}

ConfianzaClient *
confianza_store_get_client (ConfianzaStore  *self,
                            gint64           id,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  ConfianzaClient *client;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  client = store_get_record (self, KIND_CLIENT, "id", id, &local_error);
  if (client == NULL && local_error == NULL)
    store_set_not_found_error (&local_error, KIND_CLIENT);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return client;
}

gboolean
confianza_store_delete_client (ConfianzaStore  *self,
                               gint64           id,
                               GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_delete_record (self, KIND_CLIENT, id, error);
}

GListModel *
confianza_store_get_clients (ConfianzaStore *self)
{
  GListModel *clients;
  gboolean first;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  first = confianza_store_lists_peek_clients (self->lists) == NULL;
  clients = confianza_store_lists_get (self->lists, KIND_CLIENT, 0);
  /* Next due dates live on the clients of the list */
  if (first)
    store_load_next_due_all (self);

  return clients;
}

void
confianza_store_reload (ConfianzaStore *self)
{
  g_return_if_fail (CONFIANZA_IS_STORE (self));
  g_return_if_fail (self->pending == NULL);

  /* Compiled for what may have been another schema */
  g_hash_table_remove_all (self->statements);

  if (confianza_store_lists_refill_clients (self->lists))
    {
      GListModel *clients = confianza_store_lists_peek_clients (self->lists);
      guint n;

      store_load_next_due_all (self);

      /* Scores being computed in a thread are of the old records */
      n = g_list_model_get_n_items (clients);
      for (guint i = 0; i < n && self->trust_jobs > 0; i++)
        {
          g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

          g_hash_table_add (self->trust_fresh, GSIZE_TO_POINTER ((gsize) confianza_client_get_id (client)));
        }
    }

  confianza_store_lists_refill (self->lists);

  confianza_store_update_trust_scores (self);

  g_signal_emit (self, signals[RELOADED], 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Promises */

gboolean
confianza_store_save_promise (ConfianzaStore    *self,
                              ConfianzaPromise  *promise,
                              GError           **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_PROMISE (promise), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!store_promise_terms_unlocked (self, promise, error))
    return FALSE;

  return store_save_record (self, KIND_PROMISE, promise, error);
}

ConfianzaPromise *
confianza_store_get_promise (ConfianzaStore  *self,
                             gint64           id,
                             GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  ConfianzaPromise *promise;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  promise = store_get_record (self, KIND_PROMISE, "id", id, &local_error);
  if (promise == NULL && local_error == NULL)
    store_set_not_found_error (&local_error, KIND_PROMISE);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return promise;
}

gboolean
confianza_store_delete_promise (ConfianzaStore  *self,
                                gint64           id,
                                GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_delete_record (self, KIND_PROMISE, id, error);
}

GListModel *
confianza_store_get_promises (ConfianzaStore *self,
                              gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return confianza_store_lists_get (self->lists, KIND_PROMISE, client_id);
}

/* Quick wins */

gboolean
confianza_store_save_quick_win (ConfianzaStore     *self,
                                ConfianzaQuickWin  *win,
                                GError            **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_QUICK_WIN (win), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_save_record (self, KIND_QUICK_WIN, win, error);
}

gboolean
confianza_store_delete_quick_win (ConfianzaStore  *self,
                                  gint64           id,
                                  GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_delete_record (self, KIND_QUICK_WIN, id, error);
}

GListModel *
confianza_store_get_quick_wins (ConfianzaStore *self,
                                gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return confianza_store_lists_get (self->lists, KIND_QUICK_WIN, client_id);
}

/* Conversations */

gboolean
confianza_store_save_conversation (ConfianzaStore         *self,
                                   ConfianzaConversation  *conversation,
                                   GError                **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_CONVERSATION (conversation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_save_record (self, KIND_CONVERSATION, conversation, error);
}

gboolean
confianza_store_delete_conversation (ConfianzaStore  *self,
                                     gint64           id,
                                     GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_delete_record (self, KIND_CONVERSATION, id, error);
}

GListModel *
confianza_store_get_conversations (ConfianzaStore *self,
                                   gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return confianza_store_lists_get (self->lists, KIND_CONVERSATION, client_id);
}

/* Incidents */

gboolean
confianza_store_save_incident (ConfianzaStore     *self,
                               ConfianzaIncident  *incident,
                               GError            **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_INCIDENT (incident), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_save_record (self, KIND_INCIDENT, incident, error);
}

gboolean
confianza_store_delete_incident (ConfianzaStore  *self,
                                 gint64           id,
                                 GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_delete_record (self, KIND_INCIDENT, id, error);
}

GListModel *
confianza_store_get_incidents (ConfianzaStore *self,
                               gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return confianza_store_lists_get (self->lists, KIND_INCIDENT, client_id);
}

/* Recovery plans */

gboolean
confianza_store_save_recovery_plan (ConfianzaStore         *self,
                                    ConfianzaRecoveryPlan  *plan,
                                    GError                **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_save_record (self, KIND_PLAN, plan, error);
}

ConfianzaRecoveryPlan *
confianza_store_get_recovery_plan (ConfianzaStore  *self,
                                   gint64           id,
                                   GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  ConfianzaRecoveryPlan *plan;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  plan = store_get_record (self, KIND_PLAN, "id", id, &local_error);
  if (plan == NULL && local_error == NULL)
    store_set_not_found_error (&local_error, KIND_PLAN);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return plan;
}

ConfianzaRecoveryPlan *
confianza_store_get_plan_for_incident (ConfianzaStore  *self,
                                       gint64           incident_id,
                                       GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return store_get_record (self, KIND_PLAN, "incident_id", incident_id, error);
}

gboolean
confianza_store_delete_recovery_plan (ConfianzaStore  *self,
                                      gint64           id,
                                      GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_delete_record (self, KIND_PLAN, id, error);
}

GListModel *
confianza_store_get_recovery_plans (ConfianzaStore *self,
                                    gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return confianza_store_lists_get (self->lists, KIND_PLAN, client_id);
}

/* Follow-ups */

gboolean
confianza_store_save_follow_up (ConfianzaStore     *self,
                                ConfianzaFollowUp  *follow_up,
                                GError            **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_FOLLOW_UP (follow_up), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_save_record (self, KIND_FOLLOW_UP, follow_up, error);
}

gboolean
confianza_store_delete_follow_up (ConfianzaStore  *self,
                                  gint64           id,
                                  GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_delete_record (self, KIND_FOLLOW_UP, id, error);
}

GListModel *
confianza_store_get_follow_ups (ConfianzaStore *self,
                                gint64          plan_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return confianza_store_lists_get (self->lists, KIND_FOLLOW_UP, plan_id);
}

/* Compensations */

gboolean
confianza_store_save_compensation (ConfianzaStore         *self,
                                   ConfianzaCompensation  *compensation,
                                   GError                **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_COMPENSATION (compensation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_save_record (self, KIND_COMPENSATION, compensation, error);
}

gboolean
confianza_store_delete_compensation (ConfianzaStore  *self,
                                     gint64           id,
                                     GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_delete_record (self, KIND_COMPENSATION, id, error);
}

GListModel *
confianza_store_get_compensations (ConfianzaStore *self,
                                   gint64          plan_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return confianza_store_lists_get (self->lists, KIND_COMPENSATION, plan_id);
}

/* Messages of recovery plans */

gboolean
confianza_store_add_recovery_message (ConfianzaStore            *self,
                                      ConfianzaRecoveryMessage  *message,
                                      GError                   **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_RECOVERY_MESSAGE (message), FALSE);
  g_return_val_if_fail (confianza_recovery_message_get_id (message) == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_save_record (self, KIND_RECOVERY_MESSAGE, message, error);
}

GListModel *
confianza_store_get_recovery_messages (ConfianzaStore *self,
                                       gint64          plan_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return confianza_store_lists_get (self->lists, KIND_RECOVERY_MESSAGE, plan_id);
}

/* Would-recommend answers */

static int
compare_steps (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return store_compare_records (*(gpointer *) a, *(gpointer *) b,
                                (gpointer) &store_kinds[KIND_PROMISE_STEP]);
}

GListModel *
confianza_store_get_promise_steps (ConfianzaStore *self,
                                   gint64          promise_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return confianza_store_lists_get (self->lists, KIND_PROMISE_STEP, promise_id);
}

GPtrArray *
confianza_store_load_promise_steps (ConfianzaStore  *self,
                                    gint64           client_id,
                                    gint64           promise_id,
                                    GError         **error)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  const char *column = promise_id != 0 ? "promise_id" : client_id != 0 ? "client_id" : NULL;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!store_load_records (self, KIND_PROMISE_STEP, column,
                           promise_id != 0 ? promise_id : client_id, steps, error))
    return NULL;
  g_ptr_array_sort_with_data (steps, compare_steps, NULL);
  return g_steal_pointer (&steps);
}

gboolean
confianza_store_save_recommendation (ConfianzaStore           *self,
                                     ConfianzaRecommendation  *recommendation,
                                     GError                  **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (recommendation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_save_record (self, KIND_RECOMMENDATION, recommendation, error);
}

gboolean
confianza_store_delete_recommendation (ConfianzaStore  *self,
                                       gint64           id,
                                       GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_delete_record (self, KIND_RECOMMENDATION, id, error);
}

GListModel *
confianza_store_get_recommendations (ConfianzaStore *self,
                                     gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return confianza_store_lists_get (self->lists, KIND_RECOMMENDATION, client_id);
}

GPtrArray *
confianza_store_get_latest_recommendations (ConfianzaStore  *self,
                                            GError         **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CachedStatement) stmt = NULL;
  g_autoptr(GString) sql = NULL;
  int rc;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sql = store_select_columns (&store_kinds[KIND_RECOMMENDATION], FALSE);
  /* The latest as the live lists order them: date, then id */
  g_string_append (sql, " FROM recommendation AS r WHERE NOT EXISTS (SELECT 1 FROM recommendation o"
                        " WHERE o.client_id = r.client_id AND (o.answered_on > r.answered_on"
                        " OR (o.answered_on IS r.answered_on AND o.id > r.id)))"
                        " ORDER BY client_id");
  stmt = store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, store_record_from_row (KIND_RECOMMENDATION, stmt));

  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return NULL;
    }

  return g_steal_pointer (&records);
}
