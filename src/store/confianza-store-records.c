/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

/* Saving and deleting records, and erasing with Undo (snapshots). */

#include "config.h"

#include <glib/gi18n.h>

#include "confianza-store-internal.h"

/* Saving and deleting */

static gboolean
write_record (ConfianzaStore  *self,
              RecordKind       kind,
              gpointer         object,
              gint64          *new_id,
              GError         **error)
{
  const KindInfo *info = &store_kinds[kind];
  g_autofree char *sql = NULL;
  g_autoptr(CachedStatement) stmt = NULL;
  gint64 id = store_record_get_id (kind, object);
  int rc;

  sql = id == 0 ? store_build_insert (info) : store_build_update (info);
  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = store_bind_record (stmt, kind, object);
  if (rc == SQLITE_OK && id != 0)
    rc = sqlite3_bind_int64 (stmt, store_n_columns (info) + 1, id);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  if (id == 0)
    {
      *new_id = sqlite3_last_insert_rowid (self->db);
    }
  else
    {
      if (sqlite3_changes (self->db) == 0)
        {
          store_set_not_found_error (error, kind);
          return FALSE;
        }
      *new_id = id;
    }

  return TRUE;
}

/* ISO dates compare as text */
static gboolean
move_last_contact (ConfianzaStore  *self,
                   gint64           client_id,
                   GDateTime       *date,
                   GError         **error)
{
  g_autoptr(CachedStatement) stmt = NULL;

  stmt = store_prepare (self,
                        "UPDATE client SET last_contact = ?1 "
                        "WHERE id = ?2 AND (last_contact IS NULL OR last_contact < ?1)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, confianza_date_to_iso (date), -1, g_free);
  sqlite3_bind_int64 (stmt, 2, client_id);

  return store_step_done (self, stmt, error);
}

/* What the live lists learn once a change is on disk */
void
store_record_saved (ConfianzaStore *self,
                    RecordKind      kind,
                    gpointer        object)
{
  GDateTime *contact = store_record_get_contact_date (kind, object);

  confianza_store_lists_record_saved (self->lists, kind, object);

  if (contact != NULL)
    confianza_store_lists_client_contacted (self->lists, store_record_get_client_id (kind, object), contact);

  if (kind == KIND_PROMISE)
    store_refresh_next_due (self, store_record_get_client_id (kind, object));
  /* Neither counts in the index (nor in the status) */
  if (kind != KIND_CONVERSATION && kind != KIND_RECOMMENDATION)
    store_refresh_trust (self, store_record_get_client_id (kind, object));
}

void
store_record_deleted (ConfianzaStore *self,
                      RecordKind      kind,
                      gint64          id,
                      GArray         *plan_ids,
                      GArray         *promise_ids,
                      GArray         *client_ids)
{
  confianza_store_lists_record_deleted (self->lists, kind, id);
  if (kind == KIND_CLIENT)
    confianza_store_lists_client_deleted (self->lists, id);
  if (plan_ids->len > 0)
    confianza_store_lists_plans_deleted (self->lists, plan_ids);
  if (promise_ids->len > 0)
    confianza_store_lists_promises_deleted (self->lists, promise_ids);
  for (guint i = 0; i < client_ids->len; i++)
    {
      store_refresh_next_due (self, g_array_index (client_ids, gint64, i));
      store_refresh_trust (self, g_array_index (client_ids, gint64, i));
    }
}

gboolean
store_save_record (ConfianzaStore  *self,
                   RecordKind       kind,
                   gpointer         object,
                   GError         **error)
{
  GDateTime *contact = store_record_get_contact_date (kind, object);
  gint64 id = store_record_get_id (kind, object);
  gint64 new_id = 0;

  if (!store_record_validate (kind, object, error))
    return FALSE;

  if (!store_begin (self, error))
    return FALSE;

  if (!write_record (self, kind, object, &new_id, error) ||
      (contact != NULL &&
       !move_last_contact (self, store_record_get_client_id (kind, object), contact, error)) ||
      !store_commit (self, error))
    {
      store_rollback (self);
      return FALSE;
    }

  /* Only now that it is on disk (or in the caller's transaction, where
   * the next record may need it) */
  if (id == 0)
    store_record_set_id (kind, object, new_id);

  if (self->pending != NULL)
    {
      PendingChange *change = g_new0 (PendingChange, 1);

      change->kind = kind;
      change->object = g_object_ref (object);
      change->id = new_id;
      change->inserted = id == 0;
      g_ptr_array_add (self->pending, change);
      return TRUE;
    }

  store_record_saved (self, kind, object);

  confianza_store_emit_changed (self);

  return TRUE;
}

static gboolean snapshot_take (ConfianzaStore          *self,
                               RecordKind               kind,
                               gint64                   id,
                               ConfianzaStoreSnapshot **snapshot,
                               GError                 **error);

/* @snapshot (may be NULL): set to what the deletion took, for Undo */
static gboolean
delete_record_keeping (ConfianzaStore          *self,
                       RecordKind               kind,
                       gint64                   id,
                       ConfianzaStoreSnapshot **snapshot,
                       GError                 **error)
{
  g_autoptr(GArray) plan_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) promise_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) client_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CachedStatement) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", store_kinds[kind].table);
  gboolean ok = TRUE;
  int rc;

  if (!store_begin (self, error))
    return FALSE;

  if (snapshot != NULL)
    ok = snapshot_take (self, kind, id, snapshot, error);

  /* What the foreign keys will take along, for the live lists */
  switch (kind)
    {
    case KIND_CLIENT:
      ok = ok &&
           store_collect_ids (self, "SELECT id FROM recovery_plan WHERE client_id = ?1", id, plan_ids, error) &&
           store_collect_ids (self, "SELECT id FROM promise WHERE client_id = ?1", id, promise_ids, error);
      break;
    case KIND_INCIDENT:
      ok = ok && store_collect_ids (self, "SELECT id FROM recovery_plan WHERE incident_id = ?1", id, plan_ids, error);
      break;
    case KIND_PLAN:
      g_array_append_val (plan_ids, id);
      break;
    case KIND_PROMISE:
      g_array_append_val (promise_ids, id);
      break;
    case KIND_QUICK_WIN:
    case KIND_CONVERSATION:
    case KIND_FOLLOW_UP:
    case KIND_COMPENSATION:
    case KIND_RECOMMENDATION:
    case KIND_PROMISE_STEP:
    case KIND_RECOVERY_MESSAGE:
      break;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }

  /* Whose next due promise and trust index this changes */
  if (ok && kind != KIND_CLIENT)
    {
      g_autofree char *owner_sql = g_strdup_printf ("SELECT client_id FROM %s WHERE id = ?1",
                                                    store_kinds[kind].table);
      ok = store_collect_ids (self, owner_sql, id, client_ids, error);
    }

  if (ok)
    {
      stmt = store_prepare (self, sql, error);
      ok = stmt != NULL;
    }

  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_DONE)
        {
          store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
          ok = FALSE;
        }
      else if (sqlite3_changes (self->db) == 0)
        {
          store_set_not_found_error (error, kind);
          ok = FALSE;
        }
    }

  /* Done with it before any handler of the lists can run */
  g_clear_pointer (&stmt, cached_statement_reset);

  if (!ok || !store_commit (self, error))
    {
      store_rollback (self);
      if (snapshot != NULL)
        g_clear_pointer (snapshot, confianza_store_snapshot_free);
      return FALSE;
    }

  if (self->pending != NULL)
    {
      PendingChange *change = g_new0 (PendingChange, 1);

      change->kind = kind;
      change->id = id;
      change->plan_ids = g_array_ref (plan_ids);
      change->promise_ids = g_array_ref (promise_ids);
      change->client_ids = g_array_ref (client_ids);
      g_ptr_array_add (self->pending, change);
      return TRUE;
    }

  store_record_deleted (self, kind, id, plan_ids, promise_ids, client_ids);

  confianza_store_emit_changed (self);

  return TRUE;
}

gboolean
store_delete_record (ConfianzaStore  *self,
                     RecordKind       kind,
                     gint64           id,
                     GError         **error)
{
  return delete_record_keeping (self, kind, id, NULL, error);
}

/* Erasing with Undo
 *
 * A deletion is committed at once; its snapshot holds every row the
 * deletion took along, column by column as SQLite stored it, and the links
 * it cleared (ON DELETE SET NULL), so that Undo puts back exactly what was
 * there, with the same ids.
 */

/* The foreign keys between record tables, as migrations[] declares them:
 * what erasing a row of @parent takes along (@cascade) or clears. A
 * snapshot checks that the schema declares no other. */
typedef struct
{
  RecordKind  child;
  const char *column;
  RecordKind  parent;
  gboolean    cascade;
} ForeignKey;

static const ForeignKey foreign_keys[] = {
  { KIND_PROMISE, "client_id", KIND_CLIENT, TRUE },
  { KIND_PROMISE, "plan_id", KIND_PLAN, FALSE },
  { KIND_QUICK_WIN, "client_id", KIND_CLIENT, TRUE },
  { KIND_CONVERSATION, "client_id", KIND_CLIENT, TRUE },
  { KIND_INCIDENT, "client_id", KIND_CLIENT, TRUE },
  { KIND_PLAN, "client_id", KIND_CLIENT, TRUE },
  { KIND_PLAN, "incident_id", KIND_INCIDENT, TRUE },
  { KIND_PLAN, "guarantee_promise_id", KIND_PROMISE, FALSE },
  { KIND_FOLLOW_UP, "plan_id", KIND_PLAN, TRUE },
  { KIND_FOLLOW_UP, "client_id", KIND_CLIENT, TRUE },
  { KIND_COMPENSATION, "plan_id", KIND_PLAN, TRUE },
  { KIND_COMPENSATION, "client_id", KIND_CLIENT, TRUE },
  { KIND_RECOMMENDATION, "client_id", KIND_CLIENT, TRUE },
  { KIND_PROMISE_STEP, "promise_id", KIND_PROMISE, TRUE },
  { KIND_PROMISE_STEP, "client_id", KIND_CLIENT, TRUE },
  { KIND_RECOVERY_MESSAGE, "plan_id", KIND_PLAN, TRUE },
  { KIND_RECOVERY_MESSAGE, "client_id", KIND_CLIENT, TRUE },
};

typedef struct
{
  RecordKind      kind;
  sqlite3_value **values;   /* the id, then every column of the kind */
} SnapshotRow;

/* A surviving row whose reference to an erased one was cleared */
typedef struct
{
  guint  key;               /* in foreign_keys[] */
  gint64 id;
  gint64 value;
} SnapshotLink;

struct _ConfianzaStoreSnapshot
{
  ConfianzaStore *store;    /* unowned: which store it came from */
  GPtrArray      *rows;     /* SnapshotRow, parents before children */
  GArray         *links;    /* SnapshotLink */
};

static void
snapshot_row_free (gpointer data)
{
  SnapshotRow *row = data;

  for (int i = 0; i <= store_n_columns (&store_kinds[row->kind]); i++)
    sqlite3_value_free (row->values[i]);
  g_free (row->values);
  g_free (row);
}

static gboolean
kind_for_type (GType       type,
               RecordKind *kind)
{
  for (RecordKind k = 0; k < N_KINDS; k++)
    {
      if (store_kinds[k].get_type () == type)
        {
          *kind = k;
          return TRUE;
        }
    }

  return FALSE;
}

/* A schema with a foreign key foreign_keys[] does not know (a new table,
 * a new reference) would make Undo miss rows: said loudly, in every test
 * that erases */
static void
check_foreign_keys (ConfianzaStore *self)
{
  int declared = 0;

  for (RecordKind k = 0; k < N_KINDS; k++)
    {
      g_autoptr(CachedStatement) stmt = NULL;
      g_autoptr(GError) error = NULL;

      stmt = store_prepare (self, "SELECT count(*) FROM pragma_foreign_key_list (?1)", &error);
      if (stmt == NULL)
        {
          g_warning ("%s", error->message);
          return;
        }
      sqlite3_bind_text (stmt, 1, store_kinds[k].table, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        declared += sqlite3_column_int (stmt, 0);
    }

  if (declared != (int) G_N_ELEMENTS (foreign_keys))
    g_critical ("The schema declares %d foreign keys, and foreign_keys[] knows %u: "
                "Undo would not restore every row", declared, (guint) G_N_ELEMENTS (foreign_keys));
}

/* The ids of the rows that foreign_keys[@i] makes refer to @value */
static gboolean
ids_referring (ConfianzaStore  *self,
               guint            i,
               gint64           value,
               GArray          *ids,
               GError         **error)
{
  RecordKind child = foreign_keys[i].child;
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE %s = ?1",
                                          store_kinds[child].table, foreign_keys[i].column);

  return store_collect_ids (self, sql, value, ids, error);
}

static gboolean
snapshot_read_row (ConfianzaStore  *self,
                   RecordKind       kind,
                   gint64           id,
                   GPtrArray       *rows,
                   GError         **error)
{
  g_autofree char *sql = store_build_select (&store_kinds[kind], "id");
  g_autoptr(CachedStatement) stmt = NULL;
  int n = store_n_columns (&store_kinds[kind]) + 1;
  SnapshotRow *row;
  int rc;

  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      store_set_not_found_error (error, kind);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  row = g_new0 (SnapshotRow, 1);
  row->kind = kind;
  row->values = g_new0 (sqlite3_value *, n);
  g_ptr_array_add (rows, row);
  for (int i = 0; i < n; i++)
    {
      row->values[i] = sqlite3_value_dup (sqlite3_column_value (stmt, i));
      if (row->values[i] == NULL)
        {
          store_set_sqlite_error (error, self->db, self->path, SQLITE_NOMEM, FALSE);
          return FALSE;
        }
    }

  return TRUE;
}

/* Per kind, the ids a deletion takes along (in the order found) and the
 * same as a set */
typedef struct
{
  GArray     *ids[N_KINDS];
  GHashTable *set[N_KINDS];
} Going;

static void
going_clear (Going *going)
{
  for (RecordKind k = 0; k < N_KINDS; k++)
    {
      g_clear_pointer (&going->ids[k], g_array_unref);
      g_clear_pointer (&going->set[k], g_hash_table_unref);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Going, going_clear)

static gboolean
going_add (Going      *going,
           RecordKind  kind,
           gint64      id)
{
  if (!g_hash_table_add (going->set[kind], GSIZE_TO_POINTER ((gsize) id)))
    return FALSE;

  g_array_append_val (going->ids[kind], id);
  return TRUE;
}

/* Follows the cascading foreign keys from the row of @kind @id, and from
 * what they take along in turn, until nothing more goes */
static gboolean
collect_going (ConfianzaStore  *self,
               RecordKind       kind,
               gint64           id,
               Going           *going,
               GError         **error)
{
  guint done[N_KINDS] = { 0 };
  gboolean grew = TRUE;

  for (RecordKind k = 0; k < N_KINDS; k++)
    {
      going->ids[k] = g_array_new (FALSE, FALSE, sizeof (gint64));
      going->set[k] = g_hash_table_new (g_direct_hash, g_direct_equal);
    }
  going_add (going, kind, id);

  while (grew)
    {
      grew = FALSE;
      for (RecordKind parent = 0; parent < N_KINDS; parent++)
        {
          for (; done[parent] < going->ids[parent]->len; done[parent]++)
            {
              gint64 parent_id = g_array_index (going->ids[parent], gint64, done[parent]);

              for (guint i = 0; i < G_N_ELEMENTS (foreign_keys); i++)
                {
                  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

                  if (!foreign_keys[i].cascade || foreign_keys[i].parent != parent)
                    continue;
                  if (!ids_referring (self, i, parent_id, ids, error))
                    return FALSE;

                  for (guint j = 0; j < ids->len; j++)
                    grew |= going_add (going, foreign_keys[i].child, g_array_index (ids, gint64, j));
                }
            }
        }
    }

  return TRUE;
}

/* Inside the deletion's transaction, before the row goes: the row of @kind
 * @id, every row its foreign keys will take along, and the references to
 * them that will be cleared. */
static gboolean
snapshot_take (ConfianzaStore          *self,
               RecordKind               kind,
               gint64                   id,
               ConfianzaStoreSnapshot **snapshot,
               GError                 **error)
{
  g_autoptr(ConfianzaStoreSnapshot) taken = NULL;
  g_auto(Going) going = { { NULL } };

  check_foreign_keys (self);
  if (!collect_going (self, kind, id, &going, error))
    return FALSE;

  taken = g_new0 (ConfianzaStoreSnapshot, 1);
  taken->store = self;
  taken->rows = g_ptr_array_new_with_free_func (snapshot_row_free);
  taken->links = g_array_new (FALSE, FALSE, sizeof (SnapshotLink));

  /* Kinds in the order of store_kinds[]: parents before their children */
  for (RecordKind k = 0; k < N_KINDS; k++)
    {
      for (guint i = 0; i < going.ids[k]->len; i++)
        {
          gint64 gone = g_array_index (going.ids[k], gint64, i);

          if (!snapshot_read_row (self, k, gone, taken->rows, error))
            return FALSE;

          /* The rows that stay, whose reference to this one is cleared */
          for (guint j = 0; j < G_N_ELEMENTS (foreign_keys); j++)
            {
              g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

              if (foreign_keys[j].cascade || foreign_keys[j].parent != k)
                continue;
              if (!ids_referring (self, j, gone, ids, error))
                return FALSE;

              for (guint m = 0; m < ids->len; m++)
                {
                  SnapshotLink link = { j, g_array_index (ids, gint64, m), gone };

                  if (!g_hash_table_contains (going.set[foreign_keys[j].child], GSIZE_TO_POINTER ((gsize) link.id)))
                    g_array_append_val (taken->links, link);
                }
            }
        }
    }

  *snapshot = g_steal_pointer (&taken);

  return TRUE;
}

static gboolean
snapshot_insert_row (ConfianzaStore  *self,
                     SnapshotRow     *row,
                     GError         **error)
{
  const KindInfo *info = &store_kinds[row->kind];
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(CachedStatement) stmt = NULL;
  int n = store_n_columns (info) + 1;
  int rc = SQLITE_OK;

  g_string_append_printf (sql, "INSERT INTO %s (id", info->table);
  for (guint i = 0; info->columns[i].name != NULL; i++)
    g_string_append_printf (sql, ", %s", info->columns[i].name);
  g_string_append (sql, ") VALUES (?1");
  for (int i = 2; i <= n; i++)
    g_string_append_printf (sql, ", ?%d", i);
  g_string_append (sql, ")");

  stmt = store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  for (int i = 0; i < n && rc == SQLITE_OK; i++)
    rc = sqlite3_bind_value (stmt, i + 1, row->values[i]);
  if (rc != SQLITE_OK)
    {
      store_set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return store_step_done (self, stmt, error);
}

static gboolean
snapshot_relink (ConfianzaStore      *self,
                 const SnapshotLink  *link,
                 GError             **error)
{
  guint i = link->key;
  RecordKind child = foreign_keys[i].child;
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2 AND %s IS NULL",
                                          store_kinds[child].table, foreign_keys[i].column,
                                          foreign_keys[i].column);
  g_autoptr(CachedStatement) stmt = NULL;

  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, link->value);
  sqlite3_bind_int64 (stmt, 2, link->id);
  return store_step_done (self, stmt, error);
}

/* Once the rows are back on disk: the live lists, next due dates, trust
 * indexes and statuses of every client concerned */
static void
snapshot_restored (ConfianzaStore         *self,
                   ConfianzaStoreSnapshot *snapshot)
{
  g_autoptr(GHashTable) clients = g_hash_table_new (g_direct_hash, g_direct_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < snapshot->rows->len + snapshot->links->len; i++)
    {
      g_autoptr(GObject) object = NULL;
      g_autoptr(GError) error = NULL;
      RecordKind kind;
      gint64 id;

      if (i < snapshot->rows->len)
        {
          SnapshotRow *row = g_ptr_array_index (snapshot->rows, i);

          kind = row->kind;
          id = sqlite3_value_int64 (row->values[0]);
        }
      else
        {
          SnapshotLink *link = &g_array_index (snapshot->links, SnapshotLink, i - snapshot->rows->len);

          kind = foreign_keys[link->key].child;
          id = link->id;
        }

      object = store_get_record (self, kind, "id", id, &error);
      if (object == NULL)
        {
          if (error != NULL)
            g_warning ("%s", error->message);
          continue;
        }

      confianza_store_lists_record_saved (self->lists, kind, object);
      g_hash_table_add (clients, GSIZE_TO_POINTER ((gsize) store_record_get_client_id (kind, object)));
    }

  g_hash_table_iter_init (&iter, clients);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      store_refresh_next_due (self, (gint64) GPOINTER_TO_SIZE (key));
      store_refresh_trust (self, (gint64) GPOINTER_TO_SIZE (key));
    }
}

void
confianza_store_snapshot_free (ConfianzaStoreSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;

  g_clear_pointer (&snapshot->rows, g_ptr_array_unref);
  g_clear_pointer (&snapshot->links, g_array_unref);
  g_free (snapshot);
}

gboolean
confianza_store_delete_keeping (ConfianzaStore          *self,
                                GType                    type,
                                gint64                   id,
                                ConfianzaStoreSnapshot **snapshot,
                                GError                 **error)
{
  RecordKind kind;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind_for_type (type, &kind), FALSE);
  g_return_val_if_fail (snapshot != NULL && *snapshot == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_record_keeping (self, kind, id, snapshot, error);
}

gboolean
confianza_store_restore_snapshot (ConfianzaStore          *self,
                                  ConfianzaStoreSnapshot  *snapshot,
                                  GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (snapshot != NULL && snapshot->store == self, FALSE);
  g_return_val_if_fail (self->pending == NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Parents and children refer to each other both ways (a plan's
   * guarantee, a promise's plan): the keys are checked at the commit */
  ok = store_begin (self, &local_error) &&
       store_exec (self, "PRAGMA defer_foreign_keys = ON", &local_error);

  for (guint i = 0; ok && i < snapshot->rows->len; i++)
    ok = snapshot_insert_row (self, g_ptr_array_index (snapshot->rows, i), &local_error);
  for (guint i = 0; ok && i < snapshot->links->len; i++)
    ok = snapshot_relink (self, &g_array_index (snapshot->links, SnapshotLink, i), &local_error);

  if (!ok || !store_commit (self, &local_error))
    {
      int rc = sqlite3_extended_errcode (self->db);

      store_rollback (self);
      /* A row with the same id, or a second plan for the incident */
      if ((rc & 0xff) == SQLITE_CONSTRAINT && rc != SQLITE_CONSTRAINT_FOREIGNKEY)
        g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                             _("What was deleted could not be brought back: it is "
                               "already there again, or the database changed meanwhile."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  snapshot_restored (self, snapshot);
  confianza_store_emit_changed (self);

  return TRUE;
}
