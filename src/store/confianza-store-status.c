/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

/* Status and trust upkeep: next due dates, the statuses that follow
 * the facts, each client's history and trust index. */

#include "config.h"

#include <math.h>

#include <string.h>

#include "confianza-store-internal.h"

/* The client's earliest open promise, on the live client object */

void
store_refresh_next_due (ConfianzaStore *self,
                        gint64          client_id)
{
  g_autoptr(CachedStatement) stmt = NULL;
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  client = confianza_store_lists_dup_client (self->lists, client_id);
  if (client == NULL)
    return;

  stmt = store_prepare (self,
                        "SELECT due_on, title FROM promise"
                        " WHERE client_id = ?1 AND " OPEN_PROMISE
                        " ORDER BY due_on, id LIMIT 1",
                        &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      due = confianza_date_from_iso ((const char *) sqlite3_column_text (stmt, 0), NULL);
      confianza_client_set_next_due (client, due, (const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc == SQLITE_DONE)
    {
      confianza_client_set_next_due (client, NULL, NULL);
    }
}

void
store_load_next_due_all (ConfianzaStore *self)
{
  g_autoptr(CachedStatement) stmt = NULL;
  /* Row ids are far below 2^32: they fit a pointer as they are */
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (confianza_store_lists_peek_clients (self->lists));
  int rc;

  /* SQLite gives the bare columns of the row that holds the MIN () */
  stmt = store_prepare (self,
                        "SELECT client_id, MIN (due_on), title FROM promise"
                        " WHERE " OPEN_PROMISE " GROUP BY client_id",
                        &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      ConfianzaClient *client = g_list_model_get_item (confianza_store_lists_peek_clients (self->lists), i);

      g_hash_table_insert (by_id, GSIZE_TO_POINTER ((gsize) confianza_client_get_id (client)), client);
      g_object_unref (client);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 client_id = sqlite3_column_int64 (stmt, 0);
      ConfianzaClient *client = g_hash_table_lookup (by_id, GSIZE_TO_POINTER ((gsize) client_id));
      g_autoptr(GDateTime) due = NULL;

      if (client == NULL)
        continue;

      due = confianza_date_from_iso ((const char *) sqlite3_column_text (stmt, 1), NULL);
      confianza_client_set_next_due (client, due, (const char *) sqlite3_column_text (stmt, 2));
    }
}

/* History and trust */

/* The parts of a client's history (ConfianzaTrustInput), one table each */
static const struct {
  RecordKind kind;
  gsize      offset;
} history_parts[] = {
  { KIND_PROMISE, G_STRUCT_OFFSET (ConfianzaTrustInput, promises) },
  { KIND_QUICK_WIN, G_STRUCT_OFFSET (ConfianzaTrustInput, quick_wins) },
  { KIND_INCIDENT, G_STRUCT_OFFSET (ConfianzaTrustInput, incidents) },
  { KIND_PLAN, G_STRUCT_OFFSET (ConfianzaTrustInput, plans) },
  { KIND_FOLLOW_UP, G_STRUCT_OFFSET (ConfianzaTrustInput, follow_ups) },
  { KIND_COMPENSATION, G_STRUCT_OFFSET (ConfianzaTrustInput, compensations) },
  { KIND_PROMISE_STEP, G_STRUCT_OFFSET (ConfianzaTrustInput, steps) },
};

gboolean
store_load_history (ConfianzaStore       *self,
                    gint64                client_id,
                    ConfianzaTrustInput  *input,
                    GError              **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (history_parts); i++)
    {
      GPtrArray **array = G_STRUCT_MEMBER_P (input, history_parts[i].offset);

      *array = g_ptr_array_new_with_free_func (g_object_unref);
      if (!store_load_records (self, history_parts[i].kind, "client_id", client_id, *array, error))
        return FALSE;
    }

  return TRUE;
}

/* Client statuses that follow the facts (confianza_rules_suggest_status ()):
 * the clients whose status the store may change, with their facts */

typedef struct
{
  gint64                client_id;
  ConfianzaClientStatus status;
  gboolean              open_incident;
  gboolean              plan_in_progress;
  gboolean              plan_recovered;
} StatusFacts;

/* Every such client when @client_id is 0 */
static gboolean
read_status_facts (ConfianzaStore  *self,
                   gint64           client_id,
                   GArray          *facts,
                   GError         **error)
{
  g_autoptr(CachedStatement) stmt = NULL;
  int rc;

  stmt = store_prepare (self,
                        "SELECT c.id, c.status,"
                        " EXISTS (SELECT 1 FROM incident i WHERE i.client_id = c.id"
                        "  AND NOT EXISTS (SELECT 1 FROM recovery_plan p WHERE p.incident_id = i.id)),"
                        " EXISTS (SELECT 1 FROM recovery_plan p WHERE p.client_id = c.id AND p.outcome = ?1),"
                        " EXISTS (SELECT 1 FROM recovery_plan p WHERE p.client_id = c.id AND p.outcome = ?2)"
                        " FROM client c WHERE c.status_manual = 0 AND c.status NOT IN (?3, ?4)"
                        " AND (?5 = 0 OR c.id = ?5)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, confianza_enum_to_id (CONFIANZA_TYPE_PLAN_OUTCOME, CONFIANZA_PLAN_IN_PROGRESS), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, confianza_enum_to_id (CONFIANZA_TYPE_PLAN_OUTCOME, CONFIANZA_PLAN_RECOVERED), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, confianza_enum_to_id (CONFIANZA_TYPE_CLIENT_STATUS, CONFIANZA_CLIENT_STATUS_LOST), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, confianza_enum_to_id (CONFIANZA_TYPE_CLIENT_STATUS, CONFIANZA_CLIENT_STATUS_LET_GO), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, client_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StatusFacts f = { 0 };
      int status = 0;

      f.client_id = sqlite3_column_int64 (stmt, 0);
      if (!confianza_enum_from_id (CONFIANZA_TYPE_CLIENT_STATUS,
                                   (const char *) sqlite3_column_text (stmt, 1), &status))
        status = CONFIANZA_CLIENT_STATUS_ACTIVE;
      f.status = status;
      f.open_incident = sqlite3_column_int (stmt, 2) != 0;
      f.plan_in_progress = sqlite3_column_int (stmt, 3) != 0;
      f.plan_recovered = sqlite3_column_int (stmt, 4) != 0;
      g_array_append_val (facts, f);
    }

  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

static ConfianzaClientStatus
status_from_facts (const StatusFacts *f,
                   int                score)
{
  return confianza_rules_suggest_status (f->status, score, f->open_incident,
                                         f->plan_in_progress, f->plan_recovered);
}

/* A direct update, not a saved record: no live list or signal of its own,
 * so that following the facts can never start again from itself. The
 * status_manual test keeps a choice the user made meanwhile. */
static gboolean
write_status (ConfianzaStore         *self,
              gint64                  client_id,
              ConfianzaClientStatus   status,
              GError                **error)
{
  g_autoptr(CachedStatement) stmt = NULL;

  stmt = store_prepare (self, "UPDATE client SET status = ?1 WHERE id = ?2 AND status_manual = 0", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, confianza_enum_to_id (CONFIANZA_TYPE_CLIENT_STATUS, status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, client_id);
  return store_step_done (self, stmt, error);
}

static void
live_client_set_status (ConfianzaStore        *self,
                        gint64                 client_id,
                        ConfianzaClientStatus  status)
{
  g_autoptr(ConfianzaClient) client = NULL;

  client = confianza_store_lists_dup_client (self->lists, client_id);
  if (client == NULL)
    return;

  confianza_client_set_status (client, status);
}

/* After a change to the client's records: @score is their index, or -1
 * when it has not been computed (no live client), and is then computed
 * only if the facts need it. */
static void
refresh_status (ConfianzaStore *self,
                gint64          client_id,
                int             score)
{
  g_autoptr(GArray) facts = g_array_new (FALSE, FALSE, sizeof (StatusFacts));
  g_autoptr(GError) error = NULL;
  const StatusFacts *f;
  ConfianzaClientStatus wanted;

  if (!read_status_facts (self, client_id, facts, &error))
    {
      g_warning ("%s", error->message);
      return;
    }

  /* Set by hand, lost, let go, or gone */
  if (facts->len == 0)
    return;

  f = &g_array_index (facts, StatusFacts, 0);
  if (score < 0 && !f->open_incident && !f->plan_in_progress)
    {
      g_auto(ConfianzaTrustInput) input = { 0 };

      input.client = store_get_record (self, KIND_CLIENT, "id", client_id, &error);
      if (input.client == NULL || !store_load_history (self, client_id, &input, &error))
        {
          if (error != NULL)
            g_warning ("%s", error->message);
          return;
        }
      score = (int) round (confianza_trust_score (&input));
    }

  wanted = status_from_facts (f, score);
  if (wanted == f->status)
    return;

  /* The change itself is saved: a status that could not follow it (a full
   * disk) is set again after the next change, or at the next start */
  if (!write_status (self, client_id, wanted, &error))
    {
      g_debug ("The status of client %" G_GINT64_FORMAT " stays as it was: %s",
               client_id, error->message);
      return;
    }

  live_client_set_status (self, client_id, wanted);
}

void
store_refresh_trust (ConfianzaStore *self,
                     gint64          client_id)
{
  g_autoptr(ConfianzaClient) client = NULL;
  g_auto(ConfianzaTrustInput) input = { 0 };
  g_autoptr(GError) error = NULL;
  int score;

  /* The status follows the facts even without a live client */
  client = confianza_store_lists_dup_client (self->lists, client_id);
  if (client == NULL)
    {
      refresh_status (self, client_id, -1);
      return;
    }

  input.client = g_object_ref (client);
  if (!store_load_history (self, client_id, &input, &error))
    {
      g_warning ("%s", error->message);
      return;
    }

  score = (int) round (confianza_trust_score (&input));
  confianza_client_set_trust_score (client, score);
  if (self->trust_jobs > 0)
    g_hash_table_add (self->trust_fresh, GSIZE_TO_POINTER ((gsize) client_id));

  refresh_status (self, client_id, score);
}

/* Every client's history in one pass: a cursor over each table in client
 * order, advanced along with the clients (a merge join) */

typedef struct
{
  sqlite3_stmt *stmt;
  int           client_column;
  int           rc;
} HistoryCursor;

static gboolean
history_cursor_start (ConfianzaStore  *self,
                      HistoryCursor   *cursor,
                      RecordKind       kind,
                      GError         **error)
{
  const KindInfo *info = &store_kinds[kind];
  g_autoptr(GString) sql = g_string_new ("SELECT id");

  cursor->client_column = 0;
  for (guint i = 0; info->columns[i].name != NULL; i++)
    {
      g_string_append_printf (sql, ", %s", info->columns[i].name);
      if (strcmp (info->columns[i].name, "client_id") == 0)
        cursor->client_column = (int) i + 1;
    }
  g_assert (cursor->client_column > 0);

  /* Each table has an index on client_id that gives this order */
  g_string_append_printf (sql, " FROM %s ORDER BY client_id", info->table);
  cursor->stmt = store_prepare (self, sql->str, error);
  if (cursor->stmt == NULL)
    return FALSE;

  cursor->rc = sqlite3_step (cursor->stmt);

  return TRUE;
}

/* Moves the rows of @client_id (and skips any of a client before it, which
 * the foreign keys make impossible) into @records */
static gboolean
history_cursor_take (ConfianzaStore  *self,
                     HistoryCursor   *cursor,
                     RecordKind       kind,
                     gint64           client_id,
                     GPtrArray       *records,
                     GPtrArray       *dates,
                     GHashTable      *date_cache,
                     GError         **error)
{
  while (cursor->rc == SQLITE_ROW)
    {
      gint64 row_client = sqlite3_column_int64 (cursor->stmt, cursor->client_column);

      if (row_client > client_id)
        break;
      if (row_client == client_id)
        g_ptr_array_add (records, store_record_from_row_with (kind, cursor->stmt, dates, date_cache));
      cursor->rc = sqlite3_step (cursor->stmt);
    }

  if (cursor->rc != SQLITE_ROW && cursor->rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, self->path, cursor->rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

gboolean
store_foreach_history (ConfianzaStore        *self,
                       ConfianzaHistoryFunc   func,
                       gpointer               user_data,
                       GError               **error)
{
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GHashTable) date_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_date_time_unref);
  g_autoptr(GString) client_sql = g_string_new ("SELECT id");
  HistoryCursor cursors[G_N_ELEMENTS (history_parts)] = { { 0 } };
  ConfianzaTrustInput input = { 0 };
  sqlite3_stmt *clients;
  /* Inside the caller's transaction, that one gives the same view */
  gboolean own_transaction = sqlite3_get_autocommit (self->db) != 0;
  gboolean ok = FALSE;
  int rc = SQLITE_DONE;

  /* A read transaction: one consistent view across the tables */
  if (own_transaction && !store_exec (self, "BEGIN", error))
    return FALSE;

  for (guint i = 0; store_kinds[KIND_CLIENT].columns[i].name != NULL; i++)
    g_string_append_printf (client_sql, ", %s", store_kinds[KIND_CLIENT].columns[i].name);
  g_string_append (client_sql, " FROM client ORDER BY id");

  clients = store_prepare (self, client_sql->str, error);
  if (clients == NULL)
    goto out;

  for (guint i = 0; i < G_N_ELEMENTS (history_parts); i++)
    {
      GPtrArray **array = G_STRUCT_MEMBER_P (&input, history_parts[i].offset);

      /* The arrays are emptied and filled again for every client */
      *array = g_ptr_array_new_with_free_func (g_object_unref);
      if (!history_cursor_start (self, &cursors[i], history_parts[i].kind, error))
        goto out;
    }

  while ((rc = sqlite3_step (clients)) == SQLITE_ROW)
    {
      g_autoptr(ConfianzaClient) client = store_record_from_row_with (KIND_CLIENT, clients, dates, date_cache);
      gint64 client_id = confianza_client_get_id (client);
      gboolean go_on;

      for (guint i = 0; i < G_N_ELEMENTS (history_parts); i++)
        {
          GPtrArray *array = G_STRUCT_MEMBER (GPtrArray *, &input, history_parts[i].offset);

          g_ptr_array_set_size (array, 0);
          if (!history_cursor_take (self, &cursors[i], history_parts[i].kind,
                                    client_id, array, dates, date_cache, error))
            goto out;
        }

      input.client = client;
      go_on = func (&input, user_data);
      input.client = NULL;
      if (!go_on)
        break;
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
  else
    ok = TRUE;

out:
  if (clients != NULL)
    cached_statement_reset (clients);
  for (guint i = 0; i < G_N_ELEMENTS (history_parts); i++)
    {
      GPtrArray **array = G_STRUCT_MEMBER_P (&input, history_parts[i].offset);

      if (cursors[i].stmt != NULL)
        cached_statement_reset (cursors[i].stmt);
      g_clear_pointer (array, g_ptr_array_unref);
    }
  /* Nothing was written: ending the read cannot fail in a way that matters */
  if (own_transaction)
    sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);

  return ok;
}

/* Trust scores computed from histories: client id → score */

typedef struct
{
  gint64 client_id;
  int    score;
} TrustScore;

typedef struct
{
  GDateTime    *today;
  GArray       *scores;
  GCancellable *cancellable;
} TrustScores;

static gboolean
collect_trust_score (const ConfianzaTrustInput *input,
                     gpointer                   user_data)
{
  TrustScores *data = user_data;
  ConfianzaTrustInput dated = *input;
  TrustScore score;

  dated.today = data->today;
  score.client_id = confianza_client_get_id (input->client);
  score.score = (int) round (confianza_trust_score (&dated));
  g_array_append_val (data->scores, score);

  return !g_cancellable_is_cancelled (data->cancellable);
}

GArray *
store_compute_trust_scores (ConfianzaStore  *self,
                            GCancellable    *cancellable,
                            GError         **error)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (TrustScore));
  TrustScores data = { today, scores, cancellable };

  if (!store_foreach_history (self, collect_trust_score, &data, error))
    return NULL;

  return g_steal_pointer (&scores);
}

/* Sets the scores on the live clients, but for those in @skip */
void
store_apply_trust_scores (ConfianzaStore *self,
                          GArray         *scores,
                          GHashTable     *skip)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  GListModel *clients;
  guint n;

  clients = confianza_store_lists_peek_clients (self->lists);
  if (clients == NULL)
    return;

  n = g_list_model_get_n_items (clients);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

      /* The list holds a reference for as long as this runs */
      g_hash_table_insert (by_id, GSIZE_TO_POINTER ((gsize) confianza_client_get_id (client)), client);
    }

  for (guint i = 0; i < scores->len; i++)
    {
      const TrustScore *score = &g_array_index (scores, TrustScore, i);
      gpointer key = GSIZE_TO_POINTER ((gsize) score->client_id);
      ConfianzaClient *client = g_hash_table_lookup (by_id, key);

      if (client != NULL && (skip == NULL || !g_hash_table_contains (skip, key)))
        confianza_client_set_trust_score (client, score->score);
    }
}

/* After every client's index was computed: @scores (TrustScore) for the
 * clients not in the live list. Emits "changed" when a status changed. */
void
store_apply_statuses (ConfianzaStore *self,
                      GArray         *scores)
{
  g_autoptr(GArray) facts = g_array_new (FALSE, FALSE, sizeof (StatusFacts));
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (StatusFacts));
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  /* The live clients by id: a search of the list per change would be
   * quadratic when thousands change at once (the first start after an
   * update of the rule) */
  g_autoptr(GHashTable) live = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                                      NULL, g_object_unref);
  g_autoptr(GError) error = NULL;
  gboolean own_transaction;

  if (!read_status_facts (self, 0, facts, &error))
    {
      g_warning ("%s", error->message);
      return;
    }

  /* Scores are 0–100: stored plus one, so that 0 is "none" */
  for (guint i = 0; i < scores->len; i++)
    {
      const TrustScore *score = &g_array_index (scores, TrustScore, i);

      g_hash_table_insert (by_id, GSIZE_TO_POINTER ((gsize) score->client_id),
                           GINT_TO_POINTER (score->score + 1));
    }

  /* A live client's score may be fresher than the computed one */
  if (confianza_store_lists_peek_clients (self->lists) != NULL)
    {
      GListModel *clients = confianza_store_lists_peek_clients (self->lists);
      guint n = g_list_model_get_n_items (clients);

      for (guint i = 0; i < n; i++)
        {
          ConfianzaClient *client = g_list_model_get_item (clients, i);
          gpointer key = GSIZE_TO_POINTER ((gsize) confianza_client_get_id (client));
          int score = confianza_client_get_trust_score (client);

          if (score >= 0)
            g_hash_table_insert (by_id, key, GINT_TO_POINTER (score + 1));
          g_hash_table_insert (live, key, client);
        }
    }

  for (guint i = 0; i < facts->len; i++)
    {
      StatusFacts f = g_array_index (facts, StatusFacts, i);
      int score = GPOINTER_TO_INT (g_hash_table_lookup (by_id, GSIZE_TO_POINTER ((gsize) f.client_id))) - 1;

      f.status = status_from_facts (&f, score);
      if (f.status != g_array_index (facts, StatusFacts, i).status)
        g_array_append_val (changes, f);
    }

  /* Followed in the file by the next store that may write to it (or by
   * this one, at the next change once an import has finished) */
  if (changes->len == 0 || self->read_only || self->imports > 0)
    return;

  own_transaction = sqlite3_get_autocommit (self->db) != 0;
  if (own_transaction && !store_exec (self, "BEGIN IMMEDIATE", &error))
    {
      g_warning ("%s", error->message);
      return;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      const StatusFacts *f = &g_array_index (changes, StatusFacts, i);

      /* Set again at the next start: see refresh_status () */
      if (!write_status (self, f->client_id, f->status, &error))
        {
          g_debug ("The statuses stay as they were: %s", error->message);
          if (own_transaction)
            store_rollback (self);
          return;
        }
    }

  if (own_transaction && !store_exec (self, "COMMIT", &error))
    {
      g_debug ("The statuses stay as they were: %s", error->message);
      store_rollback (self);
      return;
    }

  for (guint i = 0; i < changes->len; i++)
    {
      const StatusFacts *f = &g_array_index (changes, StatusFacts, i);
      ConfianzaClient *client = g_hash_table_lookup (live, GSIZE_TO_POINTER ((gsize) f->client_id));

      if (client != NULL)
        confianza_client_set_status (client, f->status);
    }

  confianza_store_emit_changed (self);
}
