/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

/* The reads for Today, reports and the command line: open promises,
 * clients to contact, follow-ups due, histories and row-by-row walks. */

#include "config.h"

#include <string.h>

#include "confianza-store-internal.h"

/* Prepares and steps @count_sql (one row: how many in all) and @rows_sql
 * (at most @limit of them, each a record of @kind), both given @binds
 * (NULL-terminated text) as ?1, ?2…, then @number if not NULL as the next
 * parameter, and @rows_sql @limit as its last parameter: the sections of
 * Today, which show a few rows of many. @total may be NULL. */
static GPtrArray *
read_limited (ConfianzaStore     *self,
              RecordKind          kind,
              const char         *count_sql,
              const char         *rows_sql,
              const char * const *binds,
              const int          *number,
              guint               limit,
              guint              *total,
              GError            **error)
{
  g_autoptr(CachedStatement) count = NULL;
  g_autoptr(CachedStatement) rows = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GHashTable) date_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_date_time_unref);
  guint dummy;
  int n_binds = 0;
  int rc;

  if (total == NULL)
    total = &dummy;

  count = store_prepare (self, count_sql, error);
  if (count == NULL)
    return NULL;
  rows = store_prepare (self, rows_sql, error);
  if (rows == NULL)
    return NULL;

  for (; binds[n_binds] != NULL; n_binds++)
    {
      sqlite3_bind_text (count, n_binds + 1, binds[n_binds], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (rows, n_binds + 1, binds[n_binds], -1, SQLITE_TRANSIENT);
    }
  if (number != NULL)
    {
      sqlite3_bind_int (count, n_binds + 1, *number);
      sqlite3_bind_int (rows, n_binds + 1, *number);
    }
  /* The limit is the last parameter of @rows */
  sqlite3_bind_int64 (rows, sqlite3_bind_parameter_count (rows), limit);

  rc = sqlite3_step (count);
  if (rc != SQLITE_ROW)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return NULL;
    }
  *total = (guint) sqlite3_column_int64 (count, 0);
  if (*total == 0)
    return g_steal_pointer (&records);

  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    g_ptr_array_add (records, store_record_from_row_with (kind, rows, dates, date_cache));
  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return NULL;
    }

  return g_steal_pointer (&records);
}

/* Both read the partial index of open promises by due date */
#define OPEN_PROMISES_BETWEEN " FROM promise WHERE delivered_on IS NULL AND broken = 0 AND due_on <= ?1 AND due_on > ?2"
#define OPEN_PROMISES_UNTIL " FROM promise WHERE delivered_on IS NULL AND broken = 0 AND due_on <= ?1"

GPtrArray *
confianza_store_get_open_promises_between (ConfianzaStore  *self,
                                           GDateTime       *after,
                                           GDateTime       *until,
                                           guint            limit,
                                           guint           *total,
                                           GError         **error)
{
  g_autoptr(GString) sql = NULL;
  g_autofree char *after_iso = NULL;
  g_autofree char *until_iso = NULL;
  const char *binds[3] = { NULL, NULL, NULL };
  const char *count_sql;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (until != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  until_iso = confianza_date_to_iso (until);
  binds[0] = until_iso;
  if (after != NULL)
    {
      after_iso = confianza_date_to_iso (after);
      binds[1] = after_iso;
    }

  sql = store_select_columns (&store_kinds[KIND_PROMISE], FALSE);
  if (after != NULL)
    {
      g_string_append (sql, OPEN_PROMISES_BETWEEN " ORDER BY due_on, id LIMIT ?3");
      count_sql = "SELECT count(*)" OPEN_PROMISES_BETWEEN;
    }
  else
    {
      g_string_append (sql, OPEN_PROMISES_UNTIL " ORDER BY due_on, id LIMIT ?2");
      count_sql = "SELECT count(*)" OPEN_PROMISES_UNTIL;
    }

  return read_limited (self, KIND_PROMISE, count_sql, sql->str, binds, NULL,
                       limit, total, error);
}

/* confianza_rules_needs_contact () in SQL: the days since the last contact
 * (or since the client came, never contacted) beyond the client's own
 * cadence, or the default one (?2). Nobody to call among the clients gone. */
#define CLIENTS_TO_CONTACT " FROM client WHERE status NOT IN ('lost', 'let-go') AND (CASE WHEN follow_up_days > 0 THEN follow_up_days ELSE ?2 END) > 0 AND CAST (julianday (?1) - julianday (coalesce (last_contact, since)) AS INTEGER) > (CASE WHEN follow_up_days > 0 THEN follow_up_days ELSE ?2 END)"

GPtrArray *
confianza_store_get_clients_to_contact (ConfianzaStore  *self,
                                        GDateTime       *today,
                                        int              default_cadence,
                                        guint            limit,
                                        guint           *total,
                                        GError         **error)
{
  g_autoptr(GString) sql = NULL;
  g_autofree char *today_iso = NULL;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sql = store_select_columns (&store_kinds[KIND_CLIENT], FALSE);
  g_string_append (sql, CLIENTS_TO_CONTACT
                   " ORDER BY julianday (coalesce (last_contact, since)), name, id LIMIT ?3");
  today_iso = confianza_date_to_iso (today);

  /* The cadence (?2) is a number, compared with numbers */
  return read_limited (self, KIND_CLIENT, "SELECT count(*)" CLIENTS_TO_CONTACT, sql->str,
                       (const char *[]) { today_iso, NULL }, &default_cadence,
                       limit, total, error);
}

#define OPEN_FOLLOW_UPS_DUE " FROM follow_up JOIN recovery_plan ON recovery_plan.id = follow_up.plan_id WHERE follow_up.done_on IS NULL AND follow_up.due_on <= ?1 AND recovery_plan.outcome = 'in-progress'"

GPtrArray *
confianza_store_get_open_follow_ups_due (ConfianzaStore  *self,
                                         GDateTime       *until,
                                         guint            limit,
                                         guint           *total,
                                         GError         **error)
{
  g_autoptr(GString) sql = NULL;
  g_autofree char *until_iso = NULL;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (until != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sql = store_select_columns (&store_kinds[KIND_FOLLOW_UP], TRUE);
  g_string_append (sql, OPEN_FOLLOW_UPS_DUE " ORDER BY follow_up.due_on, follow_up.id LIMIT ?2");
  until_iso = confianza_date_to_iso (until);

  return read_limited (self, KIND_FOLLOW_UP, "SELECT count(*)" OPEN_FOLLOW_UPS_DUE, sql->str,
                       (const char *[]) { until_iso, NULL }, NULL, limit, total, error);
}

gboolean
confianza_store_load_history (ConfianzaStore       *self,
                              ConfianzaClient      *client,
                              ConfianzaTrustInput  *input,
                              GError              **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  memset (input, 0, sizeof *input);
  input->client = g_object_ref (client);

  if (!store_load_history (self, confianza_client_get_id (client), input, error))
    {
      confianza_trust_input_clear (input);
      return FALSE;
    }

  return TRUE;
}

gboolean
confianza_store_foreach_history (ConfianzaStore        *self,
                                 ConfianzaHistoryFunc   func,
                                 gpointer               user_data,
                                 GError               **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_foreach_history (self, func, user_data, error);
}

gboolean
confianza_store_foreach_client (ConfianzaStore       *self,
                                ConfianzaRecordFunc   func,
                                gpointer              user_data,
                                GError              **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return store_foreach_record (self, KIND_CLIENT, NULL, 0, func, user_data, error);
}

gboolean
confianza_store_foreach_of_client (ConfianzaStore       *self,
                                   GType                 record_type,
                                   gint64                client_id,
                                   ConfianzaRecordFunc   func,
                                   gpointer              user_data,
                                   GError              **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (RecordKind kind = 0; kind < N_KINDS; kind++)
    {
      if (store_kinds[kind].get_type () == record_type &&
          g_strcmp0 (store_kinds[kind].owner_column, "client_id") == 0)
        return store_foreach_record (self, kind, "client_id", client_id, func, user_data, error);
    }

  g_return_val_if_reached (FALSE);
}

gboolean
confianza_store_count_open_promises_due (ConfianzaStore  *self,
                                         GDateTime       *until,
                                         guint           *count,
                                         GError         **error)
{
  g_autoptr(CachedStatement) stmt = NULL;
  int rc;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (until != NULL, FALSE);
  g_return_val_if_fail (count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *count = 0;
  stmt = store_prepare (self, "SELECT count(*) FROM promise WHERE " OPEN_PROMISE " AND due_on <= ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, confianza_date_to_iso (until), -1, g_free);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  *count = (guint) sqlite3_column_int64 (stmt, 0);

  return TRUE;
}

void
confianza_store_update_trust_scores (ConfianzaStore *self)
{
  g_autoptr(GArray) scores = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CONFIANZA_IS_STORE (self));

  if (confianza_store_lists_peek_clients (self->lists) == NULL)
    return;

  /* One pass over every history, not six queries and a search of the list
   * per client */
  scores = store_compute_trust_scores (self, NULL, &error);
  if (scores == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  store_apply_trust_scores (self, scores, NULL);
  store_apply_statuses (self, scores);
}

static void
trust_scores_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(ConfianzaStore) store = NULL;
  GError *error = NULL;
  GArray *scores;

  /* The store is not thread-safe: this thread has a connection of its own,
   * which only reads */
  store = confianza_store_open_read_only (path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  scores = store_compute_trust_scores (store, cancellable, &error);
  if (scores == NULL)
    g_task_return_error (task, error);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_pointer (task, scores, (GDestroyNotify) g_array_unref);
  else
    g_array_unref (scores);
}

void
confianza_store_update_trust_scores_async (ConfianzaStore      *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CONFIANZA_IS_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, confianza_store_update_trust_scores_async);
  g_task_set_task_data (task, g_strdup (self->path), g_free);

  self->trust_jobs++;
  g_task_run_in_thread (task, trust_scores_thread);
}

gboolean
confianza_store_update_trust_scores_finish (ConfianzaStore  *self,
                                            GAsyncResult    *result,
                                            GError         **error)
{
  g_autoptr(GArray) scores = NULL;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  scores = g_task_propagate_pointer (G_TASK (result), error);
  if (scores != NULL)
    {
      store_apply_trust_scores (self, scores, self->trust_fresh);
      store_apply_statuses (self, scores);
    }

  g_assert (self->trust_jobs > 0);
  if (--self->trust_jobs == 0)
    g_hash_table_remove_all (self->trust_fresh);

  return scores != NULL;
}

/* Delivered promises of one kind (trimmed, ignoring ASCII case), for the
 * safe due date: how long such deliveries really took. */
GPtrArray *
confianza_store_get_delivered_of_kind (ConfianzaStore  *self,
                                       const char      *kind,
                                       GError         **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(CachedStatement) stmt = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *trimmed = NULL;
  int rc;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  trimmed = g_strstrip (g_strdup (kind != NULL ? kind : ""));
  if (trimmed[0] == '\0')
    return g_steal_pointer (&records);

  sql = store_select_columns (&store_kinds[KIND_PROMISE], FALSE);
  g_string_append (sql, " FROM promise WHERE delivered_on IS NOT NULL AND trim (kind) = ?1 COLLATE NOCASE");

  stmt = store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, store_record_from_row (KIND_PROMISE, stmt));

  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return NULL;
    }

  return g_steal_pointer (&records);
}
