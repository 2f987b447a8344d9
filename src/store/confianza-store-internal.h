/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of src/store/ only: never included outside it. */

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "confianza-store.h"
#include "model/confianza-trust.h"

G_BEGIN_DECLS

/* The store's own types, shared by the files of the store */

typedef struct _ConfianzaFileLock ConfianzaFileLock;     /* confianza-store-files.c */
typedef struct _ConfianzaStoreLists ConfianzaStoreLists; /* confianza-store-lists.c */

/* The kinds of record the store keeps, one table each. */
typedef enum
{
  KIND_CLIENT,
  KIND_PROMISE,
  KIND_QUICK_WIN,
  KIND_CONVERSATION,
  KIND_INCIDENT,
  KIND_PLAN,
  KIND_FOLLOW_UP,
  KIND_COMPENSATION,
  KIND_RECOMMENDATION,
  KIND_PROMISE_STEP,
  KIND_RECOVERY_MESSAGE,
  N_KINDS
} RecordKind;

struct _ConfianzaStore
{
  GObject     parent_instance;

  char       *path;
  char       *backup_path;
  char       *notice;        /* what the user should know about the opening */
  sqlite3    *db;
  ConfianzaFileLock *file;
  int         schema_version;
  gboolean    read_only;

  GHashTable *statements;    /* SQL text → prepared sqlite3_stmt */
  ConfianzaStoreLists *lists; /* the live lists handed out */
  /* Inside confianza_store_begin () … _commit (): the PendingChanges made
   * so far; NULL otherwise */
  GPtrArray  *pending;
  /* While trust scores are computed in a thread: the clients whose score
   * was computed again meanwhile, which the thread's must not overwrite */
  guint       trust_jobs;
  GHashTable *trust_fresh;
  /* While confianza_store_correct_promise () writes: a closed promise's
   * terms may change (they are locked otherwise) */
  gboolean    correcting;
  /* The SQLite VFS it was opened through (NULL: the default), for the
   * connections of its threads */
  char       *vfs;
  /* Imports writing through a connection of their own (confianza-import.c):
   * while there is one, this store refuses to write */
  guint       imports;
};

/* Tables: one description per record kind
 *
 * Each column of a table (after "id", which every table has) is one entry
 * naming its type and the model's getter and setter of the same name, in
 * the order of the table's SELECT, INSERT and UPDATE. Adding a column to a
 * record is one entry here (and a migration). */

typedef enum
{
  COLUMN_TEXT,
  COLUMN_INT,      /* an int */
  COLUMN_INT64,
  COLUMN_REF,      /* an optional reference: 0 is stored as NULL */
  COLUMN_BOOL,
  COLUMN_DOUBLE,
  COLUMN_DATE,     /* ISO 8601 "YYYY-MM-DD" text */
  COLUMN_ENUM,     /* the value's stable nick */
} ColumnType;

typedef const char *(*GetText)   (gpointer record);
typedef int         (*GetInt)    (gpointer record);
typedef gint64      (*GetInt64)  (gpointer record);
typedef double      (*GetDouble) (gpointer record);
typedef GDateTime  *(*GetDate)   (gpointer record);
typedef void        (*SetText)   (gpointer record, const char *value);
typedef void        (*SetInt)    (gpointer record, int         value);
typedef void        (*SetInt64)  (gpointer record, gint64      value);
typedef void        (*SetDouble) (gpointer record, double      value);
typedef void        (*SetDate)   (gpointer record, GDateTime  *value);

typedef struct
{
  const char  *name;
  ColumnType   type;
  GType      (*enum_type) (void);   /* COLUMN_ENUM only */
  union { GetText text; GetInt integer; GetInt64 int64; GetDouble real; GetDate date; } get;
  union { SetText text; SetInt integer; SetInt64 int64; SetDouble real; SetDate date; } set;
} ColumnInfo;

typedef struct
{
  const char         *table;
  GType             (*get_type) (void);
  const ColumnInfo   *columns;
  /* What the per-owner live lists of this kind filter on. */
  const char         *owner_column;
  /* The documented order of the live lists (store_compare_records ()):
   * by this date, newest first or not, then by id; by name when NULL */
  GetDate             order_date;
  gboolean            newest_first;
  const char         *not_found;
  /* The record's own accessors */
  GetInt64            get_id;
  SetInt64            set_id;
  gboolean          (*validate) (gpointer      record,
                                 const char  **property,
                                 GError      **error);
  GetInt64            get_client_id;     /* a client's own id for a client */
  GetInt64            get_owner_id;      /* what owner_column holds */
  /* The date of a contact with the client that the record stands for, or
   * NULL when the kind stands for none */
  GetDate             get_contact_date;
} KindInfo;

typedef gboolean (*Validate) (gpointer record, const char **property, GError **error);

/* A change made inside confianza_store_begin () … _commit (): the live
 * lists hear of it only once it is committed, and a rollback gives inserted
 * records their id 0 back. */
typedef struct
{
  RecordKind  kind;
  gpointer    object;       /* the saved record, or NULL for a deletion */
  gint64      id;
  gboolean    inserted;
  GArray     *plan_ids;     /* what a deletion took along */
  GArray     *promise_ids;
  GArray     *client_ids;
} PendingChange;

/* Prepared statements are cached per store: using one ends by resetting it,
 * which g_autoptr (CachedStatement) does at the end of the scope. */
typedef sqlite3_stmt CachedStatement;

static inline void
cached_statement_reset (CachedStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CachedStatement, cached_statement_reset)

/* The description of each kind, in confianza-store-tables.c: parents
 * before their children */
extern const KindInfo store_kinds[N_KINDS];

/* The condition of a promise still open (what the partial indexes hold) */
#define OPEN_PROMISE "delivered_on IS NULL AND broken = 0"

/* confianza-store-connection.c: the handle, statements, transactions,
 * SQLite's errors in words */

void            store_set_sqlite_error       (GError     **error,
                                              sqlite3     *db,
                                              const char  *path,
                                              int          rc,
                                              gboolean     opening);
void            store_set_read_only_error    (GError     **error,
                                              const char  *path);
void            store_set_not_ours_error     (GError     **error,
                                              const char  *path);
void            store_set_other_program_error (GError     **error,
                                               const char  *path);
void            store_set_newer_error        (GError     **error,
                                              const char  *path);
void            store_set_directory_error    (GError     **error,
                                              const char  *path);
void            store_set_damaged_error      (GError     **error,
                                              const char  *path);
void            store_set_errno_error        (GError     **error,
                                              const char  *path,
                                              int          saved_errno);
int             store_query_int              (sqlite3    *db,
                                              const char *sql,
                                              int        *value);
gboolean        store_is_wal_mode            (sqlite3 *db);
void            store_rollback_raw           (sqlite3 *db);
gboolean        store_apply_settings         (sqlite3     *db,
                                              const char  *path,
                                              GError     **error);
gboolean        store_switch_to_wal          (sqlite3     *db,
                                              const char  *path,
                                              GError     **error);
sqlite3_stmt   *store_prepare                (ConfianzaStore  *self,
                                              const char      *sql,
                                              GError         **error);
void            store_statement_finalize     (gpointer stmt);
gboolean        store_step_done              (ConfianzaStore  *self,
                                              sqlite3_stmt    *stmt,
                                              GError         **error);
gboolean        store_exec                   (ConfianzaStore  *self,
                                              const char      *sql,
                                              GError         **error);
gboolean        store_refuse_read_only       (ConfianzaStore  *self,
                                              GError         **error);
gboolean        store_refuse_during_import   (ConfianzaStore  *self,
                                              GError         **error);
gboolean        store_begin                  (ConfianzaStore  *self,
                                              GError         **error);
gboolean        store_commit                 (ConfianzaStore  *self,
                                              GError         **error);
void            store_rollback               (ConfianzaStore *self);

/* confianza-store-schema.c: migrations, checking, creating and opening
 * files */

gboolean        store_migrate                (sqlite3            *db,
                                              const char         *path,
                                              ConfianzaFileLock  *file,
                                              gboolean            is_new,
                                              char              **backup_path,
                                              GError            **error);
sqlite3        *store_open_existing          (const char         *path,
                                              ConfianzaFileLock  *file,
                                              const char         *folder,
                                              GStatBuf           *st,
                                              const char         *vfs,
                                              char              **backup_path,
                                              GError            **error);
sqlite3        *store_create_new             (const char  *path,
                                              const char  *vfs,
                                              char       **notice,
                                              GError     **error);
ConfianzaStore *store_open_read_only         (const char  *path,
                                              gboolean     any_version,
                                              GError     **error);

/* confianza-store-tables.c: rows of records, by their descriptions */

void            store_set_not_found_error    (GError     **error,
                                              RecordKind   kind);
GString        *store_select_columns         (const KindInfo *info,
                                              gboolean        qualified);
char           *store_build_select           (const KindInfo *info,
                                              const char     *where_column);
char           *store_build_insert           (const KindInfo *info);
char           *store_build_update           (const KindInfo *info);
int             store_n_columns              (const KindInfo *info);
int             store_bind_record            (sqlite3_stmt *stmt,
                                              RecordKind    kind,
                                              gpointer      object);
gpointer        store_record_from_row_with   (RecordKind    kind,
                                              sqlite3_stmt *stmt,
                                              GPtrArray    *dates,
                                              GHashTable   *date_cache);
gpointer        store_record_from_row        (RecordKind    kind,
                                              sqlite3_stmt *stmt);
gint64          store_record_get_id          (RecordKind kind,
                                              gpointer   object);
void            store_record_set_id          (RecordKind kind,
                                              gpointer   object,
                                              gint64     id);
gint64          store_record_get_client_id   (RecordKind kind,
                                              gpointer   object);
gint64          store_record_get_owner_id    (RecordKind kind,
                                              gpointer   object);
GDateTime      *store_record_get_contact_date (RecordKind kind,
                                               gpointer   object);
gboolean        store_record_validate        (RecordKind   kind,
                                              gpointer     object,
                                              GError     **error);
int             store_compare_records        (gconstpointer  a,
                                              gconstpointer  b,
                                              gpointer       user_data);
gboolean        store_load_records           (ConfianzaStore  *self,
                                              RecordKind       kind,
                                              const char      *where_column,
                                              gint64           value,
                                              GPtrArray       *records,
                                              GError         **error);
gboolean        store_foreach_record         (ConfianzaStore       *self,
                                              RecordKind            kind,
                                              const char           *where_column,
                                              gint64                value,
                                              ConfianzaRecordFunc   func,
                                              gpointer              user_data,
                                              GError              **error);
gpointer        store_get_record             (ConfianzaStore  *self,
                                              RecordKind       kind,
                                              const char      *column,
                                              gint64           value,
                                              GError         **error);
gboolean        store_collect_ids            (ConfianzaStore  *self,
                                              const char      *sql,
                                              gint64           value,
                                              GArray          *ids,
                                              GError         **error);
gboolean        store_ids_contain            (GArray *ids,
                                              gint64  id);

/* confianza-store-lists.c */

#define CONFIANZA_TYPE_STORE_LISTS (confianza_store_lists_get_type ())
G_DECLARE_FINAL_TYPE (ConfianzaStoreLists, confianza_store_lists, CONFIANZA, STORE_LISTS, GObject)

ConfianzaStoreLists *confianza_store_lists_new             (ConfianzaStore      *store);
GListModel      *confianza_store_lists_get                 (ConfianzaStoreLists *self,
                                                            RecordKind           kind,
                                                            gint64               owner_id);
GListModel      *confianza_store_lists_peek_clients        (ConfianzaStoreLists *self);
ConfianzaClient *confianza_store_lists_dup_client          (ConfianzaStoreLists *self,
                                                            gint64               client_id);
gboolean         confianza_store_lists_refill_clients      (ConfianzaStoreLists *self);
/* Clients just written by another connection (an import), each with its
 * id, sorted as the list is (store_compare_records ()): merged into the
 * clients' list, in one change */
void             confianza_store_lists_add_clients         (ConfianzaStoreLists *self,
                                                            GPtrArray           *clients);
void             confianza_store_lists_refill              (ConfianzaStoreLists *self);
void             confianza_store_lists_clear               (ConfianzaStoreLists *self);
/* What the lists learn once a change is on disk */
void             confianza_store_lists_record_saved        (ConfianzaStoreLists *self,
                                                            RecordKind           kind,
                                                            gpointer             object);
void             confianza_store_lists_record_deleted      (ConfianzaStoreLists *self,
                                                            RecordKind           kind,
                                                            gint64               id);
void             confianza_store_lists_client_deleted      (ConfianzaStoreLists *self,
                                                            gint64               client_id);
void             confianza_store_lists_plans_deleted       (ConfianzaStoreLists *self,
                                                            GArray              *plan_ids);
void             confianza_store_lists_promises_deleted    (ConfianzaStoreLists *self,
                                                            GArray              *promise_ids);
void             confianza_store_lists_client_contacted    (ConfianzaStoreLists *self,
                                                            gint64               client_id,
                                                            GDateTime           *date);

/* confianza-store-status.c: next due dates, statuses, histories, trust */

void            store_refresh_next_due       (ConfianzaStore *self,
                                              gint64          client_id);
void            store_load_next_due_all      (ConfianzaStore *self);
gboolean        store_load_history           (ConfianzaStore       *self,
                                              gint64                client_id,
                                              ConfianzaTrustInput  *input,
                                              GError              **error);
void            store_refresh_trust          (ConfianzaStore *self,
                                              gint64          client_id);
gboolean        store_foreach_history        (ConfianzaStore        *self,
                                              ConfianzaHistoryFunc   func,
                                              gpointer               user_data,
                                              GError               **error);
GArray         *store_compute_trust_scores   (ConfianzaStore  *self,
                                              GCancellable    *cancellable,
                                              GError         **error);
void            store_apply_trust_scores     (ConfianzaStore *self,
                                              GArray         *scores,
                                              GHashTable     *skip);
void            store_apply_statuses         (ConfianzaStore *self,
                                              GArray         *scores);

/* confianza-store-records.c: saving and deleting */

void            store_record_saved           (ConfianzaStore *self,
                                              RecordKind      kind,
                                              gpointer        object);
void            store_record_deleted         (ConfianzaStore *self,
                                              RecordKind      kind,
                                              gint64          id,
                                              GArray         *plan_ids,
                                              GArray         *promise_ids,
                                              GArray         *client_ids);
gboolean        store_save_record            (ConfianzaStore  *self,
                                              RecordKind       kind,
                                              gpointer         object,
                                              GError         **error);
gboolean        store_delete_record          (ConfianzaStore  *self,
                                              RecordKind       kind,
                                              gint64           id,
                                              GError         **error);

/* confianza-store-ledger.c */

/* FALSE, saying why, when @promise would change the terms (due date,
 * promised-on, quantity, first due date) of a promise stored delivered or
 * broken, outside confianza_store_correct_promise () */
gboolean        store_promise_terms_unlocked (ConfianzaStore    *self,
                                              ConfianzaPromise  *promise,
                                              GError           **error);

/* confianza-store.c */

/* After a change is on disk and the live lists know of it */
void            confianza_store_emit_changed        (ConfianzaStore  *self);

/* A new store with a connection of its own to @self's file, for one
 * thread that writes (an import): no migration, no check of the contents
 * (@self did both), the same VFS. Its live lists are never filled. */
ConfianzaStore *confianza_store_open_writer         (ConfianzaStore  *self,
                                                     GError         **error);

/* The store's connection, for SQLite's backup API */
sqlite3        *confianza_store_get_db              (ConfianzaStore  *self);
/* Opens read-only like confianza_store_open_read_only (), but accepts a
 * database of an older version too (to inspect or restore a copy) */
ConfianzaStore *confianza_store_open_any_version    (const char      *path,
                                                     GError         **error);
/* Runs the migrations a restored copy of an older version needs */
gboolean        confianza_store_upgrade             (ConfianzaStore  *self,
                                                     GError         **error);
/* SQLite's own check of every page, quick or full (integrity_check): @ok
 * when it finds nothing wrong; an SQLite result code */
int             confianza_store_check_pages         (sqlite3         *db,
                                                     gboolean         full,
                                                     gboolean        *ok);
/* The store's hold on its file (see ConfianzaFileLock) */
struct _ConfianzaFileLock *confianza_store_get_file_lock (ConfianzaStore *self);

/* confianza-store-files.c */

/* Every store holds its file through one of these from before SQLite
 * opens it until SQLite has closed it, and reads the file only through
 * it: closing any other descriptor of the file would drop the fcntl ()
 * locks of every SQLite connection of this process to it. A store that
 * writes also takes a shared flock (): how a window says it has the file
 * open (SQLite's fcntl () locks do not see it), and what a restore from
 * another process asks to be alone. One per file, counted. */

ConfianzaFileLock *confianza_file_lock_acquire      (const char         *path,
                                                     gboolean            shared_lock,
                                                     GError            **error);
void               confianza_file_lock_release      (ConfianzaFileLock  *lock,
                                                     gboolean            shared_lock);
/* Whether the holders of this process are the only ones: on TRUE the
 * lock is exclusive until _share () */
gboolean           confianza_file_lock_try_alone    (ConfianzaFileLock  *lock);
void               confianza_file_lock_share        (ConfianzaFileLock  *lock);
/* pread () through the held descriptor, until @size or the end */
gboolean           confianza_file_lock_read         (ConfianzaFileLock  *lock,
                                                     gsize               offset,
                                                     guint8             *buffer,
                                                     gsize               size,
                                                     gsize              *n_read,
                                                     int                *saved_errno);

/* A new private (0600) file beside @path to build a new database in,
 * "….@base.creating-XXXXXX" in @tmp_path, and a descriptor that holds an
 * flock () on it until closed: what tells later starts it is not left
 * over from a creation that was killed. Those it removes first. -1 with
 * errno set when no file can be made. */
int             confianza_store_make_temporary      (const char         *path,
                                                     char              **tmp_path);

/* Before a new database is made at @path: renames any -wal, -shm or
 * -journal found beside it to "…-wal.stale-YYYYMMDD-HHMMSS", and sets
 * @notice to a sentence that says so (NULL when there were none). */
gboolean        confianza_store_set_aside_stale     (const char         *path,
                                                     char              **notice,
                                                     GError            **error);

/* Renames @path to "@path.@mark-YYYYMMDD-HHMMSS" (-2, -3… rather than over
 * a file): the new name */
char           *confianza_store_put_aside           (const char         *path,
                                                     const char         *mark,
                                                     GError            **error);

/* The copies written before upgrades: the migration records when it ran,
 * and each opening after it counts; once the upgraded file has been used
 * long enough the copies beside it go. */
gboolean        confianza_store_record_upgrade      (sqlite3            *db);
void            confianza_store_count_opening       (sqlite3            *db,
                                                     const char         *path);
/* Whether @name (a file name beside the database @base) is one of its
 * pre-upgrade copies: "@base.backup-vN" or "@base.backup-vN-M" */
gboolean        confianza_store_is_upgrade_copy     (const char         *base,
                                                     const char         *name);

G_END_DECLS
