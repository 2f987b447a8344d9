/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-store"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confianza-store-internal.h"
#include "model/confianza-trust.h"

#ifndef O_CLOEXEC
# define O_CLOEXEC 0
#endif

#define BUSY_TIMEOUT_MS 5000
#define SQLITE_HEADER   "SQLite format 3"  /* plus its NUL: 16 bytes */

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
  N_KINDS
} RecordKind;

/* A live list handed out by confianza_store_get_…(): the store does not own
 * it, so that it goes away when the interface drops it. */
typedef struct
{
  ConfianzaStore *store;     /* unowned: dispose unhooks every entry first */
  RecordKind      kind;
  gint64          owner_id;  /* client id, plan id, or 0 for every plan */
  GListStore     *list;      /* weak */
} CachedList;

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
  GListStore *clients;       /* NULL until someone asks for it */
  GHashTable *lists;         /* set of CachedList */
  /* Inside confianza_store_begin () … _commit (): the PendingChanges made
   * so far; NULL otherwise */
  GPtrArray  *pending;
  /* While trust scores are computed in a thread: the clients whose score
   * was computed again meanwhile, which the thread's must not overwrite */
  guint       trust_jobs;
  GHashTable *trust_fresh;
};

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

/* Schema
 *
 * migrations[i] upgrades a database from version i to i + 1. Never edit a
 * migration that has shipped: add a new one. Dates are ISO 8601
 * "YYYY-MM-DD" text (which sorts and compares as text), money is integer
 * cents with its currency code, and enumerations are their stable nicks,
 * without CHECK constraints so that a new value needs no table rebuild.
 * A migration that rebuilds a table must switch foreign keys off around it.
 */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE client ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  name                  TEXT NOT NULL,"
  "  company               TEXT,"
  "  email                 TEXT,"
  "  phone                 TEXT,"
  "  notes                 TEXT,"
  "  status                TEXT NOT NULL,"
  "  since                 TEXT,"
  "  last_contact          TEXT,"
  "  follow_up_days        INTEGER NOT NULL DEFAULT 0,"
  "  let_go_reason         TEXT"
  ");"
  "CREATE TABLE promise ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  plan_id               INTEGER REFERENCES recovery_plan (id) ON DELETE SET NULL,"
  "  title                 TEXT NOT NULL,"
  "  kind                  TEXT,"
  "  promised_on           TEXT,"
  "  due_on                TEXT,"
  "  has_quantity          INTEGER NOT NULL DEFAULT 0,"
  "  promised_quantity     REAL NOT NULL DEFAULT 0,"
  "  unit                  TEXT,"
  "  delivered_on          TEXT,"
  "  delivered_quantity    REAL NOT NULL DEFAULT 0,"
  "  extras                TEXT,"
  "  delivery_note         TEXT,"
  "  broken                INTEGER NOT NULL DEFAULT 0,"
  "  broken_reason         TEXT"
  ");"
  "CREATE TABLE quick_win ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  achieved_on           TEXT,"
  "  title                 TEXT NOT NULL,"
  "  shared_on             TEXT"
  ");"
  "CREATE TABLE conversation ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  happened_on           TEXT,"
  "  channel               TEXT NOT NULL,"
  "  client_said           TEXT,"
  "  agreed                TEXT"
  ");"
  "CREATE TABLE incident ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  happened_on           TEXT,"
  "  description           TEXT,"
  "  severity              TEXT NOT NULL,"
  "  responsibility        TEXT NOT NULL,"
  "  cause                 TEXT"
  ");"
  "CREATE TABLE recovery_plan ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  incident_id           INTEGER NOT NULL UNIQUE REFERENCES incident (id) ON DELETE CASCADE,"
  "  started_on            TEXT NOT NULL,"
  "  step                  INTEGER NOT NULL DEFAULT 0,"
  "  client_said           TEXT,"
  "  invited_to_speak_on   TEXT,"
  "  acknowledged_on       TEXT,"
  "  apologised_on         TEXT,"
  "  apology_channel       TEXT NOT NULL,"
  "  apologised_by         TEXT,"
  "  apology_words         TEXT,"
  "  compensation_declined INTEGER NOT NULL DEFAULT 0,"
  "  guarantee_terms       TEXT,"
  "  guarantee_until       TEXT,"
  "  guarantee_promise_id  INTEGER REFERENCES promise (id) ON DELETE SET NULL,"
  "  follow_up_every_days  INTEGER NOT NULL DEFAULT 0,"
  "  follow_up_until       TEXT,"
  "  follow_up_times       INTEGER NOT NULL DEFAULT 0,"
  "  root_cause            TEXT,"
  "  corrective_measure    TEXT,"
  "  corrective_owner      TEXT,"
  "  corrective_due        TEXT,"
  "  outcome               TEXT NOT NULL,"
  "  outcome_reason        TEXT,"
  "  closed_on             TEXT"
  ");"
  "CREATE TABLE follow_up ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  plan_id               INTEGER NOT NULL REFERENCES recovery_plan (id) ON DELETE CASCADE,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  due_on                TEXT,"
  "  done_on               TEXT,"
  "  note                  TEXT"
  ");"
  "CREATE TABLE compensation ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  plan_id               INTEGER NOT NULL REFERENCES recovery_plan (id) ON DELETE CASCADE,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  kind                  TEXT NOT NULL,"
  "  amount_cents          INTEGER NOT NULL DEFAULT 0,"
  "  currency              TEXT,"
  "  description           TEXT,"
  "  given_on              TEXT"
  ");"
  /* (client_id, due_on) also serves every lookup by client_id alone */
  "CREATE INDEX promise_client_due ON promise (client_id, due_on);"
  "CREATE INDEX promise_due ON promise (due_on);"
  "CREATE INDEX promise_plan ON promise (plan_id);"
  "CREATE INDEX quick_win_client ON quick_win (client_id);"
  "CREATE INDEX conversation_client ON conversation (client_id);"
  "CREATE INDEX incident_client ON incident (client_id);"
  "CREATE INDEX recovery_plan_client ON recovery_plan (client_id);"
  "CREATE INDEX recovery_plan_guarantee ON recovery_plan (guarantee_promise_id);"
  "CREATE INDEX follow_up_plan ON follow_up (plan_id);"
  "CREATE INDEX follow_up_client ON follow_up (client_id);"
  "CREATE INDEX compensation_plan ON compensation (plan_id);"
  "CREATE INDEX compensation_client ON compensation (client_id);",
  /* 1 → 2: Today and every client's next due date read only the open
   * promises, a small part of them all; these indexes hold nothing else */
  "CREATE INDEX promise_open_due ON promise (due_on, id)"
  "  WHERE delivered_on IS NULL AND broken = 0;"
  "CREATE INDEX promise_open_client ON promise (client_id, due_on, id)"
  "  WHERE delivered_on IS NULL AND broken = 0;",
  /* 2 → 3: would-recommend answers, and whether the user set a client's
   * status by hand (every status follows the facts until then) */
  "CREATE TABLE recommendation ("
  "  id                    INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  client_id             INTEGER NOT NULL REFERENCES client (id) ON DELETE CASCADE,"
  "  answered_on           TEXT,"
  "  score                 INTEGER NOT NULL DEFAULT 0,"
  "  comment               TEXT"
  ");"
  "CREATE INDEX recommendation_client ON recommendation (client_id, answered_on);"
  "ALTER TABLE client ADD COLUMN status_manual INTEGER NOT NULL DEFAULT 0;",
  /* 3 → 4: the store's own notes about the file, such as when it was last
   * upgraded (its copy from before is removed after a while) */
  "CREATE TABLE housekeeping ("
  "  name                  TEXT PRIMARY KEY,"
  "  value                 TEXT NOT NULL"
  ");",
  /* 4 → 5: what the reminders notified on which day, and until when the
   * user asked not to be reminded (confianza-store-reminders.c) */
  "CREATE TABLE IF NOT EXISTS reminder ("
  "  key                   TEXT PRIMARY KEY,"
  "  notified_on           TEXT,"
  "  snoozed_until         TEXT"
  ");",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CONFIANZA_STORE_SCHEMA_VERSION);

/* Columns of each table after "id", in the order bind_…() and …_from_row()
 * walk them. */
static const char * const client_columns[] = {
  "name", "company", "email", "phone", "notes", "status", "since",
  "last_contact", "follow_up_days", "let_go_reason", "status_manual", NULL
};
static const char * const promise_columns[] = {
  "client_id", "plan_id", "title", "kind", "promised_on", "due_on",
  "has_quantity", "promised_quantity", "unit", "delivered_on",
  "delivered_quantity", "extras", "delivery_note", "broken", "broken_reason",
  NULL
};
static const char * const quick_win_columns[] = {
  "client_id", "achieved_on", "title", "shared_on", NULL
};
static const char * const conversation_columns[] = {
  "client_id", "happened_on", "channel", "client_said", "agreed", NULL
};
static const char * const incident_columns[] = {
  "client_id", "happened_on", "description", "severity", "responsibility",
  "cause", NULL
};
static const char * const plan_columns[] = {
  "client_id", "incident_id", "started_on", "step", "client_said",
  "invited_to_speak_on", "acknowledged_on", "apologised_on",
  "apology_channel", "apologised_by", "apology_words",
  "compensation_declined", "guarantee_terms", "guarantee_until",
  "guarantee_promise_id", "follow_up_every_days", "follow_up_until",
  "follow_up_times", "root_cause", "corrective_measure", "corrective_owner",
  "corrective_due", "outcome", "outcome_reason", "closed_on", NULL
};
static const char * const follow_up_columns[] = {
  "plan_id", "client_id", "due_on", "done_on", "note", NULL
};
static const char * const compensation_columns[] = {
  "plan_id", "client_id", "kind", "amount_cents", "currency", "description",
  "given_on", NULL
};
static const char * const recommendation_columns[] = {
  "client_id", "answered_on", "score", "comment", NULL
};

static int compare_clients       (gconstpointer a, gconstpointer b, gpointer user_data);
static int compare_promises      (gconstpointer a, gconstpointer b, gpointer user_data);
static int compare_quick_wins    (gconstpointer a, gconstpointer b, gpointer user_data);
static int compare_conversations (gconstpointer a, gconstpointer b, gpointer user_data);
static int compare_incidents     (gconstpointer a, gconstpointer b, gpointer user_data);
static int compare_plans         (gconstpointer a, gconstpointer b, gpointer user_data);
static int compare_follow_ups    (gconstpointer a, gconstpointer b, gpointer user_data);
static int compare_compensations (gconstpointer a, gconstpointer b, gpointer user_data);
static int compare_recommendations (gconstpointer a, gconstpointer b, gpointer user_data);

typedef struct
{
  const char         *table;
  GType             (*get_type) (void);
  const char * const *columns;
  /* What the per-owner live lists of this kind filter on. */
  const char         *owner_column;
  /* The documented order of the live lists. */
  GCompareDataFunc    compare;
  const char         *not_found;
} KindInfo;

static const KindInfo kinds[N_KINDS] = {
  [KIND_CLIENT] = {
    "client", confianza_client_get_type, client_columns, NULL,
    compare_clients,
    N_("This client is no longer in your records. It may have been erased."),
  },
  [KIND_PROMISE] = {
    "promise", confianza_promise_get_type, promise_columns, "client_id",
    compare_promises,
    N_("This promise is no longer in your records. It may have been deleted."),
  },
  [KIND_QUICK_WIN] = {
    "quick_win", confianza_quick_win_get_type, quick_win_columns, "client_id",
    compare_quick_wins,
    N_("This quick win is no longer in your records. It may have been deleted."),
  },
  [KIND_CONVERSATION] = {
    "conversation", confianza_conversation_get_type, conversation_columns, "client_id",
    compare_conversations,
    N_("This conversation is no longer in your records. It may have been deleted."),
  },
  [KIND_INCIDENT] = {
    "incident", confianza_incident_get_type, incident_columns, "client_id",
    compare_incidents,
    N_("This incident is no longer in your records. It may have been deleted."),
  },
  [KIND_PLAN] = {
    "recovery_plan", confianza_recovery_plan_get_type, plan_columns, "client_id",
    compare_plans,
    N_("This recovery plan is no longer in your records. It may have been deleted."),
  },
  [KIND_FOLLOW_UP] = {
    "follow_up", confianza_follow_up_get_type, follow_up_columns, "plan_id",
    compare_follow_ups,
    N_("This follow-up is no longer in your records. It may have been deleted."),
  },
  [KIND_COMPENSATION] = {
    "compensation", confianza_compensation_get_type, compensation_columns, "plan_id",
    compare_compensations,
    N_("This compensation is no longer in your records. It may have been deleted."),
  },
  [KIND_RECOMMENDATION] = {
    "recommendation", confianza_recommendation_get_type, recommendation_columns, "client_id",
    compare_recommendations,
    N_("This answer is no longer in your records. It may have been deleted."),
  },
};

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

/* Prepared statements are cached per store: using one ends by resetting it,
 * which g_autoptr (CachedStatement) does at the end of the scope. */
typedef sqlite3_stmt CachedStatement;

static void
cached_statement_reset (CachedStatement *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CachedStatement, cached_statement_reset)

/* Errors */

static void
set_sqlite_error (GError     **error,
                  sqlite3     *db,
                  const char  *path,
                  int          rc,
                  gboolean     opening)
{
  g_autofree char *shown = g_filename_display_name (path);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FULL,
                   _("The disk is full, so Confianza could not save to “%s”. "
                     "Free some space and try again."),
                   shown);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY,
                   _("Confianza needs permission to write to “%s” and to its "
                     "folder, and does not have it. Ask for that permission, or "
                     "keep your records in another place."),
                   shown);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      if (opening)
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_DAMAGED,
                     _("“%s” is damaged, so Confianza cannot open it. It was "
                       "left untouched: restore it from a backup copy if you "
                       "have one."),
                     shown);
      else
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_DAMAGED,
                     _("“%s” is damaged, so Confianza cannot read or change it. "
                       "Restore it from a backup copy if you have one."),
                     shown);
      break;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                   _("“%s” is being used by another program, perhaps another "
                     "copy of Confianza. Close it and try again."),
                   shown);
      break;

    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND,
                               _("The client, incident or plan this belongs to is "
                                 "no longer in your records."));
          break;
        }
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        {
          /* The only unique column besides ids: one plan per incident */
          g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                               _("This incident already has a recovery plan."));
          break;
        }
      G_GNUC_FALLTHROUGH;

    default:
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                   _("Confianza could not use “%s” (%s)."),
                   shown, detail);
      break;
    }
}

static void
set_read_only_error (GError     **error,
                     const char  *path)
{
  set_sqlite_error (error, NULL, path, SQLITE_READONLY, TRUE);
}

static void
set_not_ours_error (GError     **error,
                    const char  *path)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_OURS,
               _("“%s” is not a Confianza database. It was left untouched."),
               shown);
}

static void
set_other_program_error (GError     **error,
                         const char  *path)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_OURS,
               _("“%s” belongs to another program, not to Confianza. It was "
                 "left untouched."),
               shown);
}

static void
set_newer_error (GError     **error,
                 const char  *path)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NEWER_VERSION,
               _("“%s” was written by a newer version of Confianza. Update "
                 "Confianza to open it. It was left untouched."),
               shown);
}

static void
set_directory_error (GError     **error,
                     const char  *path)
{
  g_autofree char *shown = g_filename_display_name (path);

  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_IS_DIRECTORY,
               _("“%s” is a folder, not a Confianza database. Choose a file "
                 "instead."),
               shown);
}

static void
set_damaged_error (GError     **error,
                   const char  *path)
{
  set_sqlite_error (error, NULL, path, SQLITE_CORRUPT, TRUE);
}

static void
set_errno_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_autofree char *shown = g_filename_display_name (path);

  switch (saved_errno)
    {
    case EACCES:
    case EPERM:
    case EROFS:
      set_read_only_error (error, path);
      break;

    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      set_sqlite_error (error, NULL, path, SQLITE_FULL, TRUE);
      break;

    default:
      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                   _("Confianza could not use “%s” (%s)."),
                   shown, g_strerror (saved_errno));
      break;
    }
}

static void
set_not_found_error (GError     **error,
                     RecordKind   kind)
{
  g_set_error_literal (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND,
                       _(kinds[kind].not_found));
}

/* Raw statements, for opening (before there is a store) */

static int
query_int (sqlite3    *db,
           const char *sql,
           int        *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *value = 0;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = sqlite3_column_int (stmt, 0);
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    {
      rc = SQLITE_OK;
    }

  sqlite3_finalize (stmt);

  return rc;
}

static int
query_text (sqlite3     *db,
            const char  *sql,
            char       **value)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *value = NULL;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  else if (rc == SQLITE_DONE)
    {
      rc = SQLITE_OK;
    }

  sqlite3_finalize (stmt);

  return rc;
}

/* SQLite's own check, quick or full: exactly one row saying "ok" */
int
confianza_store_check_pages (sqlite3  *db,
                             gboolean  full,
                             gboolean *ok)
{
  sqlite3_stmt *stmt = NULL;
  guint rows = 0;
  gboolean first_ok = FALSE;
  int rc;

  *ok = FALSE;

  if (full)
    rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  else
    rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (rows == 0)
        first_ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
      rows++;
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return rc;

  *ok = rows == 1 && first_ok;

  return SQLITE_OK;
}

static gboolean
is_wal_mode (sqlite3 *db)
{
  g_autofree char *mode = NULL;

  if (query_text (db, "PRAGMA journal_mode", &mode) != SQLITE_OK)
    return FALSE;

  return g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") == 0;
}

static void
rollback_raw (sqlite3 *db)
{
  /* SQLite may already have rolled back on its own (full disk, I/O error) */
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Files */

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize written = write (fd, data, length);

      if (written < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }

      data += written;
      length -= (gsize) written;
    }

  return TRUE;
}

/* Reads through the store's hold on the file: see ConfianzaFileLock */
static gboolean
copy_to_fd (ConfianzaFileLock *source,
            int                out,
            int               *saved_errno)
{
  guint8 buffer[64 * 1024];
  gsize offset = 0;

  for (;;)
    {
      gsize n = 0;

      if (!confianza_file_lock_read (source, offset, buffer, sizeof buffer, &n, saved_errno))
        return FALSE;
      if (n == 0)
        break;
      if (!write_all (out, (const char *) buffer, n, saved_errno))
        return FALSE;
      offset += n;
    }

  if (fsync (out) != 0)
    {
      *saved_errno = errno;
      return FALSE;
    }

  return TRUE;
}

/* Copies @path byte for byte to "@path.backup-v@version" (or -2, -3… when
 * that exists), readable by the owner only, like the database itself. */
static char *
write_backup (const char         *path,
              ConfianzaFileLock  *file,
              int                 version,
              GError            **error)
{
  g_autofree char *base = g_strdup_printf ("%s.backup-v%d", path, version);
  g_autofree char *shown = g_filename_display_name (path);

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *candidate = NULL;
      int saved_errno = 0;
      int fd;

      if (n == 1)
        candidate = g_strdup (base);
      else
        candidate = g_strdup_printf ("%s-%u", base, n);

      fd = g_open (candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0 && errno == EEXIST)
        continue;

      if (fd >= 0)
        {
          gboolean copied = copy_to_fd (file, fd, &saved_errno);

          if (close (fd) != 0 && copied)
            {
              saved_errno = errno;
              copied = FALSE;
            }

          if (copied)
            return g_steal_pointer (&candidate);

          g_unlink (candidate);
        }
      else
        {
          saved_errno = errno;
        }

      if (saved_errno == ENOSPC)
        set_sqlite_error (error, NULL, path, SQLITE_FULL, TRUE);
      else
        g_set_error (error, CONFIANZA_STORE_ERROR,
                     saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS
                       ? CONFIANZA_STORE_ERROR_READ_ONLY
                       : CONFIANZA_STORE_ERROR_FAILED,
                     _("Confianza could not write a backup copy of “%s” before "
                       "upgrading it (%s). The file was left untouched."),
                     shown, g_strerror (saved_errno));
      return NULL;
    }

  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
               _("There are too many backup copies beside “%s”. Move some of "
                 "them away and open it again."),
               shown);
  return NULL;
}

/* Checks what can be checked without SQLite: nothing is opened for writing
 * until every check has passed, and files that are not ours are never handed
 * to SQLite at all (it could checkpoint another program's journal). */
static gboolean
check_header (const char         *path,
              ConfianzaFileLock  *file,
              GStatBuf           *st,
              gboolean           *wal_format,
              GError            **error)
{
  guint8 header[100];
  gsize n = 0;
  guint32 application_id;
  gint32 user_version;
  int saved_errno = 0;

  if (!S_ISREG (st->st_mode))
    {
      set_not_ours_error (error, path);
      return FALSE;
    }

  if (st->st_size == 0)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_OURS,
                   _("“%s” is empty, so it is not a Confianza database. It was "
                     "left untouched."),
                   shown);
      return FALSE;
    }

  if (!confianza_file_lock_read (file, 0, header, sizeof header, &n, &saved_errno))
    {
      set_errno_error (error, path, saved_errno);
      return FALSE;
    }

  if (n < 16 || memcmp (header, SQLITE_HEADER, 16) != 0)
    {
      set_not_ours_error (error, path);
      return FALSE;
    }

  /* An SQLite header cut short */
  if (n < sizeof header)
    {
      set_damaged_error (error, path);
      return FALSE;
    }

  /* The file format versions: 2 for write-ahead logging */
  if (wal_format != NULL)
    *wal_format = header[18] == 2 && header[19] == 2;

  /* Both big-endian, at fixed offsets of the database header. SQLite checks
   * them again once open, since a write-ahead log can hold a newer page 1. */
  application_id = ((guint32) header[68] << 24) | ((guint32) header[69] << 16) |
                   ((guint32) header[70] << 8) | (guint32) header[71];
  user_version = (gint32) (((guint32) header[60] << 24) | ((guint32) header[61] << 16) |
                           ((guint32) header[62] << 8) | (guint32) header[63]);

  if (application_id != CONFIANZA_STORE_APPLICATION_ID)
    {
      set_other_program_error (error, path);
      return FALSE;
    }

  if (user_version > CONFIANZA_STORE_SCHEMA_VERSION)
    {
      set_newer_error (error, path);
      return FALSE;
    }

  return TRUE;
}

/* Opening */

static gboolean
apply_settings (sqlite3     *db,
                const char  *path,
                GError     **error)
{
  int rc;

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  /* None writes to the file. FULL: a committed change survives a power
   * cut, which matters more here than speed. secure_delete: what is erased
   * is overwritten, not left readable in the file's free space. */
  rc = sqlite3_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
                         " PRAGMA secure_delete = ON;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, path, rc, TRUE);
      return FALSE;
    }

  return TRUE;
}

static gboolean
switch_to_wal (sqlite3     *db,
               const char  *path,
               GError     **error)
{
  g_autofree char *mode = NULL;
  int rc;

  rc = query_text (db, "PRAGMA journal_mode = WAL", &mode);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, path, rc, TRUE);
      return FALSE;
    }

  /* Some file systems (network shares) cannot do WAL: the rollback journal
   * is just as safe, only slower. */
  if (g_ascii_strcasecmp (mode != NULL ? mode : "", "wal") != 0)
    g_debug ("Journal mode of %s stays %s", path, mode);

  return TRUE;
}

/* Runs every migration from the file's version up, in one transaction, after
 * writing a backup copy of an existing file. */
static gboolean
migrate (sqlite3            *db,
         const char         *path,
         ConfianzaFileLock  *file,
         gboolean            is_new,
         char              **backup_path,
         GError            **error)
{
  g_autofree char *backup = NULL;
  g_autofree char *shown = g_filename_display_name (path);
  gboolean wal = FALSE;
  int version = 0;
  int rc;

  if (!is_new)
    {
      wal = is_wal_mode (db);

      /* The backup is a copy of the main file: it must hold everything */
      if (wal)
        {
          rc = sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
          if (rc != SQLITE_OK)
            {
              set_sqlite_error (error, db, path, rc, TRUE);
              return FALSE;
            }
        }
    }

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, path, rc, TRUE);
      return FALSE;
    }

  /* Read again under the write lock: another copy may have upgraded it */
  rc = query_int (db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    goto failed;

  if (version >= CONFIANZA_STORE_SCHEMA_VERSION && !is_new)
    {
      rollback_raw (db);
      if (version > CONFIANZA_STORE_SCHEMA_VERSION)
        {
          set_newer_error (error, path);
          return FALSE;
        }
      return TRUE;
    }

  if (!is_new)
    {
      g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
      GStatBuf st;

      /* Something was written between the checkpoint and our lock */
      if (wal && g_stat (wal_path, &st) == 0 && st.st_size > 0)
        {
          rollback_raw (db);
          set_sqlite_error (error, NULL, path, SQLITE_BUSY, TRUE);
          return FALSE;
        }

      /* We hold the write lock and have written nothing: the file is
       * exactly the old version */
      backup = write_backup (path, file, version, error);
      if (backup == NULL)
        {
          rollback_raw (db);
          return FALSE;
        }
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d",
                                              (int) CONFIANZA_STORE_APPLICATION_ID);

      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        goto failed;
    }

  for (int v = version; v < CONFIANZA_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      rc = sqlite3_exec (db, migrations[v], NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          g_debug ("Migration from version %d of %s failed: %s",
                   v, path, sqlite3_errmsg (db));
          goto failed;
        }
    }

  /* When, so that the copy goes once the upgrade has proved itself */
  if (!is_new && !confianza_store_record_upgrade (db))
    {
      rc = sqlite3_errcode (db);
      goto failed;
    }

  rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  if (backup_path != NULL)
    *backup_path = g_steal_pointer (&backup);

  return TRUE;

failed:
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      set_sqlite_error (error, db, path, rc, TRUE);
      break;

    default:
      if (is_new)
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                     _("Confianza could not create its database in “%s” (%s)."),
                     shown, sqlite3_errmsg (db));
      else
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                     _("“%s” could not be upgraded for this version of Confianza "
                       "(%s). It was left as it was."),
                     shown, sqlite3_errmsg (db));
      break;
    }

  rollback_raw (db);

  /* The file is unchanged, so its copy is of no use */
  if (backup != NULL)
    g_unlink (backup);

  return FALSE;
}

/* What only SQLite can tell, once it has the file open (a log can hold a
 * newer first page than the header on disk): ours, not newer, whole to
 * its quick check. FALSE with @error set on a refusal, or with @rc set
 * when SQLite itself failed. */
static gboolean
check_contents (sqlite3     *db,
                const char  *path,
                int         *version,
                int         *rc,
                GError     **error)
{
  int application_id = 0;
  gboolean ok = FALSE;

  *rc = query_int (db, "PRAGMA application_id", &application_id);
  if (*rc != SQLITE_OK)
    return FALSE;
  if ((guint32) application_id != CONFIANZA_STORE_APPLICATION_ID)
    {
      set_other_program_error (error, path);
      return FALSE;
    }

  *rc = query_int (db, "PRAGMA user_version", version);
  if (*rc != SQLITE_OK)
    return FALSE;
  if (*version > CONFIANZA_STORE_SCHEMA_VERSION)
    {
      set_newer_error (error, path);
      return FALSE;
    }

  *rc = confianza_store_check_pages (db, FALSE, &ok);
  if (*rc != SQLITE_OK)
    return FALSE;
  if (!ok)
    {
      set_damaged_error (error, path);
      return FALSE;
    }

  return TRUE;
}

static sqlite3 *
open_existing (const char         *path,
               ConfianzaFileLock  *file,
               const char         *folder,
               GStatBuf           *st,
               const char         *vfs,
               char              **backup_path,
               GError            **error)
{
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  sqlite3 *db = NULL;
  gboolean had_wal;
  int version = 0;
  int rc;

  if (!check_header (path, file, st, NULL, error))
    return NULL;

  /* WAL needs to create files beside the database */
  if (g_access (path, W_OK) != 0 || g_access (folder, W_OK) != 0)
    {
      set_read_only_error (error, path);
      return NULL;
    }

  had_wal = g_file_test (wal_path, G_FILE_TEST_EXISTS);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc != SQLITE_OK)
    goto failed;

  /* A log left by a crash would be copied into the file when we close it:
   * not before we know the file is one we accept. A log we create ourselves
   * is empty, and closing just removes it. */
  if (had_wal)
    sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  if (!apply_settings (db, path, error))
    goto failed_with_error;

  if (!check_contents (db, path, &version, &rc, error))
    {
      if (rc != SQLITE_OK)
        goto failed;
      goto failed_with_error;
    }

  /* Every check passed: from here on the file may be written */
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, NULL);

  if (version < CONFIANZA_STORE_SCHEMA_VERSION &&
      !migrate (db, path, file, FALSE, backup_path, error))
    goto failed_with_error;

  if (!switch_to_wal (db, path, error))
    goto failed_with_error;

  return db;

failed:
  set_sqlite_error (error, db, path, rc, TRUE);
failed_with_error:
  sqlite3_close_v2 (db);
  return NULL;
}

static sqlite3 *
create_new (const char  *path,
            const char  *vfs,
            char       **notice,
            GError     **error)
{
  g_autofree char *tmp = NULL;
  sqlite3 *db = NULL;
  int rc;
  int fd;

  /*
   * Built whole under a temporary name in the same folder, then linked into
   * place: a crash or a full disk while creating never leaves a half-made
   * file at @path that every later start would refuse. The temporary file
   * is ours and private (0600) from its first byte; @fd holds it until it
   * has its name (the next creation removes one a kill left).
   */
  fd = confianza_store_make_temporary (path, &tmp);
  if (fd < 0)
    {
      set_errno_error (error, path, errno);
      return NULL;
    }
  /* In case the umask is unusual */
  g_chmod (tmp, 0600);

  rc = sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, path, rc, TRUE);
      goto failed;
    }

  if (!apply_settings (db, path, error) ||
      !migrate (db, path, NULL, TRUE, NULL, error))
    goto failed;

  rc = sqlite3_close_v2 (db);
  db = NULL;
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, NULL, path, rc, TRUE);
      goto failed;
    }

  /* SQLite would take a log or journal left beside @path by a database
   * that is gone into the new one, bringing erased records back: they are
   * set aside just before the new file takes the name. (The temporary
   * file needs no such care: its name is new, and SQLite discards a log
   * or journal beside an empty file.) */
  if (!confianza_store_set_aside_stale (path, notice, error))
    goto failed;

  /* link () never replaces a file that appeared meanwhile; folders that
   * know no hard links (FAT) get a rename. */
  if (link (tmp, path) == 0)
    g_unlink (tmp);
  else if ((errno == EPERM || errno == ENOTSUP || errno == EXDEV) &&
           !g_file_test (path, G_FILE_TEST_EXISTS) && g_rename (tmp, path) == 0)
    ;
  else
    {
      set_errno_error (error, path, errno);
      goto failed;
    }
  /* Before SQLite opens the file again: closing drops its locks */
  close (fd);

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, vfs);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, path, rc, TRUE);
      sqlite3_close_v2 (db);
      return NULL;
    }

  if (!apply_settings (db, path, error) ||
      !switch_to_wal (db, path, error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }

  return db;

failed:
  sqlite3_close_v2 (db);
  g_unlink (tmp);
  close (fd);
  return NULL;
}

/* Statements */

static sqlite3_stmt *
store_prepare (ConfianzaStore  *self,
               const char      *sql,
               GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

static void
statement_finalize (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

/* "SELECT id, <every column of the kind>", the columns record_from_row ()
 * reads; @qualified names them "table.column", for queries that join */
static GString *
select_columns (const KindInfo *info,
                gboolean        qualified)
{
  GString *sql = g_string_new (NULL);

  if (qualified)
    {
      g_string_append_printf (sql, "SELECT %s.id", info->table);
      for (guint i = 0; info->columns[i] != NULL; i++)
        g_string_append_printf (sql, ", %s.%s", info->table, info->columns[i]);
    }
  else
    {
      g_string_append (sql, "SELECT id");
      for (guint i = 0; info->columns[i] != NULL; i++)
        g_string_append_printf (sql, ", %s", info->columns[i]);
    }

  return sql;
}

static char *
build_select (const KindInfo *info,
              const char     *where_column)
{
  GString *sql = select_columns (info, FALSE);

  g_string_append_printf (sql, " FROM %s", info->table);
  if (where_column != NULL)
    g_string_append_printf (sql, " WHERE %s = ?1", where_column);
  /* The id is the rowid: a scan already goes in this order, so it costs no sort */
  g_string_append (sql, " ORDER BY id");

  return g_string_free (sql, FALSE);
}

static char *
build_insert (const KindInfo *info)
{
  GString *sql = g_string_new (NULL);
  guint i;

  g_string_append_printf (sql, "INSERT INTO %s (", info->table);
  for (i = 0; info->columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", info->columns[i]);
  g_string_append (sql, ") VALUES (");
  for (i = 0; info->columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
  g_string_append (sql, ")");

  return g_string_free (sql, FALSE);
}

/* The id is the parameter after the last column */
static char *
build_update (const KindInfo *info)
{
  GString *sql = g_string_new (NULL);
  guint i;

  g_string_append_printf (sql, "UPDATE %s SET ", info->table);
  for (i = 0; info->columns[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s = ?%u", i > 0 ? ", " : "", info->columns[i], i + 1);
  g_string_append_printf (sql, " WHERE id = ?%u", i + 1);

  return g_string_free (sql, FALSE);
}

static int
n_columns (const KindInfo *info)
{
  return (int) g_strv_length ((char **) info->columns);
}

static gboolean
store_exec (ConfianzaStore  *self,
            const char      *sql,
            GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

/* Inside the caller's transaction (confianza_store_begin ()) each change is
 * a savepoint, so that a failed one is undone alone. */
static gboolean
refuse_read_only (ConfianzaStore  *self,
                  GError         **error)
{
  g_autofree char *shown = NULL;

  if (!self->read_only)
    return FALSE;

  shown = g_filename_display_name (self->path);
  g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_READ_ONLY,
               _("“%s” was opened only to be read, so nothing can be changed in it."),
               shown);
  return TRUE;
}

static gboolean
store_begin (ConfianzaStore  *self,
             GError         **error)
{
  if (refuse_read_only (self, error))
    return FALSE;

  if (self->pending != NULL)
    return store_exec (self, "SAVEPOINT record", error);

  return store_exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
store_commit (ConfianzaStore  *self,
              GError         **error)
{
  if (self->pending != NULL)
    return store_exec (self, "RELEASE record", error);

  return store_exec (self, "COMMIT", error);
}

static void
store_rollback (ConfianzaStore *self)
{
  /* SQLite may already have rolled back on its own (full disk, I/O error) */
  if (sqlite3_get_autocommit (self->db))
    return;

  if (sqlite3_exec (self->db,
                    self->pending != NULL ? "ROLLBACK TO record; RELEASE record" : "ROLLBACK",
                    NULL, NULL, NULL) != SQLITE_OK)
    g_warning ("Could not roll back a change to %s: %s",
               self->path, sqlite3_errmsg (self->db));
}

/* Binding values, in column order; the first failure is kept */

typedef struct
{
  sqlite3_stmt *stmt;
  int           index;
  int           rc;
} Binder;

static void
binder_check (Binder *b,
              int     rc)
{
  b->index++;
  if (b->rc == SQLITE_OK)
    b->rc = rc;
}

static void
bind_text (Binder     *b,
           const char *text)
{
  if (text == NULL)
    binder_check (b, sqlite3_bind_null (b->stmt, b->index));
  else
    binder_check (b, sqlite3_bind_text (b->stmt, b->index, text, -1, SQLITE_TRANSIENT));
}

static void
bind_int64 (Binder *b,
            gint64  value)
{
  binder_check (b, sqlite3_bind_int64 (b->stmt, b->index, value));
}

/* 0 means "none" for an optional reference */
static void
bind_id_or_null (Binder *b,
                 gint64  id)
{
  if (id == 0)
    binder_check (b, sqlite3_bind_null (b->stmt, b->index));
  else
    bind_int64 (b, id);
}

static void
bind_bool (Binder   *b,
           gboolean  value)
{
  bind_int64 (b, value ? 1 : 0);
}

static void
bind_double (Binder *b,
             double  value)
{
  binder_check (b, sqlite3_bind_double (b->stmt, b->index, value));
}

static void
bind_date (Binder    *b,
           GDateTime *date)
{
  char *iso = confianza_date_to_iso (date);

  if (iso == NULL)
    binder_check (b, sqlite3_bind_null (b->stmt, b->index));
  else
    binder_check (b, sqlite3_bind_text (b->stmt, b->index, iso, -1, g_free));
}

/* An unknown value binds NULL, which the NOT NULL column then refuses */
static void
bind_enum (Binder *b,
           GType   type,
           int     value)
{
  bind_text (b, confianza_enum_to_id (type, value));
}

static void
bind_client (Binder          *b,
             ConfianzaClient *client)
{
  bind_text (b, confianza_client_get_name (client));
  bind_text (b, confianza_client_get_company (client));
  bind_text (b, confianza_client_get_email (client));
  bind_text (b, confianza_client_get_phone (client));
  bind_text (b, confianza_client_get_notes (client));
  bind_enum (b, CONFIANZA_TYPE_CLIENT_STATUS, confianza_client_get_status (client));
  bind_date (b, confianza_client_get_since (client));
  bind_date (b, confianza_client_get_last_contact (client));
  bind_int64 (b, confianza_client_get_follow_up_days (client));
  bind_text (b, confianza_client_get_let_go_reason (client));
  bind_bool (b, confianza_client_get_status_manual (client));
}

static void
bind_promise (Binder           *b,
              ConfianzaPromise *promise)
{
  bind_int64 (b, confianza_promise_get_client_id (promise));
  bind_id_or_null (b, confianza_promise_get_plan_id (promise));
  bind_text (b, confianza_promise_get_title (promise));
  bind_text (b, confianza_promise_get_kind (promise));
  bind_date (b, confianza_promise_get_promised_on (promise));
  bind_date (b, confianza_promise_get_due_on (promise));
  bind_bool (b, confianza_promise_get_has_quantity (promise));
  bind_double (b, confianza_promise_get_promised_quantity (promise));
  bind_text (b, confianza_promise_get_unit (promise));
  bind_date (b, confianza_promise_get_delivered_on (promise));
  bind_double (b, confianza_promise_get_delivered_quantity (promise));
  bind_text (b, confianza_promise_get_extras (promise));
  bind_text (b, confianza_promise_get_delivery_note (promise));
  bind_bool (b, confianza_promise_get_broken (promise));
  bind_text (b, confianza_promise_get_broken_reason (promise));
}

static void
bind_quick_win (Binder            *b,
                ConfianzaQuickWin *win)
{
  bind_int64 (b, confianza_quick_win_get_client_id (win));
  bind_date (b, confianza_quick_win_get_achieved_on (win));
  bind_text (b, confianza_quick_win_get_title (win));
  bind_date (b, confianza_quick_win_get_shared_on (win));
}

static void
bind_conversation (Binder                *b,
                   ConfianzaConversation *conversation)
{
  bind_int64 (b, confianza_conversation_get_client_id (conversation));
  bind_date (b, confianza_conversation_get_happened_on (conversation));
  bind_enum (b, CONFIANZA_TYPE_CHANNEL, confianza_conversation_get_channel (conversation));
  bind_text (b, confianza_conversation_get_client_said (conversation));
  bind_text (b, confianza_conversation_get_agreed (conversation));
}

static void
bind_incident (Binder            *b,
               ConfianzaIncident *incident)
{
  bind_int64 (b, confianza_incident_get_client_id (incident));
  bind_date (b, confianza_incident_get_happened_on (incident));
  bind_text (b, confianza_incident_get_description (incident));
  bind_enum (b, CONFIANZA_TYPE_SEVERITY, confianza_incident_get_severity (incident));
  bind_enum (b, CONFIANZA_TYPE_RESPONSIBILITY, confianza_incident_get_responsibility (incident));
  bind_text (b, confianza_incident_get_cause (incident));
}

static void
bind_plan (Binder                *b,
           ConfianzaRecoveryPlan *plan)
{
  bind_int64 (b, confianza_recovery_plan_get_client_id (plan));
  bind_int64 (b, confianza_recovery_plan_get_incident_id (plan));
  bind_date (b, confianza_recovery_plan_get_started_on (plan));
  bind_int64 (b, confianza_recovery_plan_get_step (plan));
  bind_text (b, confianza_recovery_plan_get_client_said (plan));
  bind_date (b, confianza_recovery_plan_get_invited_to_speak_on (plan));
  bind_date (b, confianza_recovery_plan_get_acknowledged_on (plan));
  bind_date (b, confianza_recovery_plan_get_apologised_on (plan));
  bind_enum (b, CONFIANZA_TYPE_CHANNEL, confianza_recovery_plan_get_apology_channel (plan));
  bind_text (b, confianza_recovery_plan_get_apologised_by (plan));
  bind_text (b, confianza_recovery_plan_get_apology_words (plan));
  bind_bool (b, confianza_recovery_plan_get_compensation_declined (plan));
  bind_text (b, confianza_recovery_plan_get_guarantee_terms (plan));
  bind_date (b, confianza_recovery_plan_get_guarantee_until (plan));
  bind_id_or_null (b, confianza_recovery_plan_get_guarantee_promise_id (plan));
  bind_int64 (b, confianza_recovery_plan_get_follow_up_every_days (plan));
  bind_date (b, confianza_recovery_plan_get_follow_up_until (plan));
  bind_int64 (b, confianza_recovery_plan_get_follow_up_times (plan));
  bind_text (b, confianza_recovery_plan_get_root_cause (plan));
  bind_text (b, confianza_recovery_plan_get_corrective_measure (plan));
  bind_text (b, confianza_recovery_plan_get_corrective_owner (plan));
  bind_date (b, confianza_recovery_plan_get_corrective_due (plan));
  bind_enum (b, CONFIANZA_TYPE_PLAN_OUTCOME, confianza_recovery_plan_get_outcome (plan));
  bind_text (b, confianza_recovery_plan_get_outcome_reason (plan));
  bind_date (b, confianza_recovery_plan_get_closed_on (plan));
}

static void
bind_follow_up (Binder            *b,
                ConfianzaFollowUp *follow_up)
{
  bind_int64 (b, confianza_follow_up_get_plan_id (follow_up));
  bind_int64 (b, confianza_follow_up_get_client_id (follow_up));
  bind_date (b, confianza_follow_up_get_due_on (follow_up));
  bind_date (b, confianza_follow_up_get_done_on (follow_up));
  bind_text (b, confianza_follow_up_get_note (follow_up));
}

static void
bind_compensation (Binder                *b,
                   ConfianzaCompensation *compensation)
{
  bind_int64 (b, confianza_compensation_get_plan_id (compensation));
  bind_int64 (b, confianza_compensation_get_client_id (compensation));
  bind_enum (b, CONFIANZA_TYPE_COMPENSATION_KIND, confianza_compensation_get_kind (compensation));
  bind_int64 (b, confianza_compensation_get_amount_cents (compensation));
  bind_text (b, confianza_compensation_get_currency (compensation));
  bind_text (b, confianza_compensation_get_description (compensation));
  bind_date (b, confianza_compensation_get_given_on (compensation));
}

static void
bind_recommendation (Binder                  *b,
                     ConfianzaRecommendation *answer)
{
  bind_int64 (b, confianza_recommendation_get_client_id (answer));
  bind_date (b, confianza_recommendation_get_answered_on (answer));
  bind_int64 (b, confianza_recommendation_get_score (answer));
  bind_text (b, confianza_recommendation_get_comment (answer));
}

static int
bind_record (sqlite3_stmt *stmt,
             RecordKind    kind,
             gpointer      object)
{
  Binder b = { stmt, 1, SQLITE_OK };

  switch (kind)
    {
    case KIND_CLIENT:       bind_client (&b, object); break;
    case KIND_PROMISE:      bind_promise (&b, object); break;
    case KIND_QUICK_WIN:    bind_quick_win (&b, object); break;
    case KIND_CONVERSATION: bind_conversation (&b, object); break;
    case KIND_INCIDENT:     bind_incident (&b, object); break;
    case KIND_PLAN:         bind_plan (&b, object); break;
    case KIND_FOLLOW_UP:    bind_follow_up (&b, object); break;
    case KIND_COMPENSATION: bind_compensation (&b, object); break;
    case KIND_RECOMMENDATION: bind_recommendation (&b, object); break;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }

  g_assert (b.rc != SQLITE_OK || b.index == n_columns (&kinds[kind]) + 1);

  return b.rc;
}

/* Reading rows, in column order (column 0 is the id) */

typedef struct
{
  sqlite3_stmt *stmt;
  int           index;
  GPtrArray    *dates;  /* read dates live until the row is built */
  /* ISO text → GDateTime, or NULL: over many rows the same few hundred
   * days come back again and again, and dates never change */
  GHashTable   *date_cache;
} Reader;

static const char *
read_text (Reader *r)
{
  return (const char *) sqlite3_column_text (r->stmt, r->index++);
}

static gint64
read_int64 (Reader *r)
{
  return sqlite3_column_int64 (r->stmt, r->index++);
}

static int
read_int (Reader *r)
{
  return sqlite3_column_int (r->stmt, r->index++);
}

static gboolean
read_bool (Reader *r)
{
  return sqlite3_column_int64 (r->stmt, r->index++) != 0;
}

static double
read_double (Reader *r)
{
  return sqlite3_column_double (r->stmt, r->index++);
}

static GDateTime *
read_date (Reader *r)
{
  const char *column = sqlite3_column_name (r->stmt, r->index);
  const char *text = read_text (r);
  g_autoptr(GError) error = NULL;
  GDateTime *date;

  if (text == NULL)
    return NULL;

  if (r->date_cache != NULL)
    {
      date = g_hash_table_lookup (r->date_cache, text);
      if (date != NULL)
        return date;
    }

  date = confianza_date_from_iso (text, &error);
  if (date == NULL)
    {
      g_warning ("Ignoring the unreadable date “%s” in column %s: %s",
                 text, column, error->message);
      return NULL;
    }

  if (r->date_cache != NULL)
    g_hash_table_insert (r->date_cache, g_strdup (text), date);
  else
    g_ptr_array_add (r->dates, date);

  return date;
}

static int
read_enum (Reader *r,
           GType   type)
{
  const char *column = sqlite3_column_name (r->stmt, r->index);
  const char *id = read_text (r);
  int value = 0;

  if (!confianza_enum_from_id (type, id, &value))
    {
      g_warning ("Unknown value “%s” in column %s, read as the first one",
                 id != NULL ? id : "(null)", column);
      value = 0;
    }

  return value;
}

static gpointer
client_from_row (Reader *r)
{
  ConfianzaClient *client = g_object_new (CONFIANZA_TYPE_CLIENT, NULL);

  confianza_client_set_id (client, read_int64 (r));
  confianza_client_set_name (client, read_text (r));
  confianza_client_set_company (client, read_text (r));
  confianza_client_set_email (client, read_text (r));
  confianza_client_set_phone (client, read_text (r));
  confianza_client_set_notes (client, read_text (r));
  confianza_client_set_status (client, read_enum (r, CONFIANZA_TYPE_CLIENT_STATUS));
  confianza_client_set_since (client, read_date (r));
  confianza_client_set_last_contact (client, read_date (r));
  confianza_client_set_follow_up_days (client, read_int (r));
  confianza_client_set_let_go_reason (client, read_text (r));
  confianza_client_set_status_manual (client, read_bool (r));

  return client;
}

static gpointer
promise_from_row (Reader *r)
{
  ConfianzaPromise *promise = g_object_new (CONFIANZA_TYPE_PROMISE, NULL);

  confianza_promise_set_id (promise, read_int64 (r));
  confianza_promise_set_client_id (promise, read_int64 (r));
  confianza_promise_set_plan_id (promise, read_int64 (r));
  confianza_promise_set_title (promise, read_text (r));
  confianza_promise_set_kind (promise, read_text (r));
  confianza_promise_set_promised_on (promise, read_date (r));
  confianza_promise_set_due_on (promise, read_date (r));
  confianza_promise_set_has_quantity (promise, read_bool (r));
  confianza_promise_set_promised_quantity (promise, read_double (r));
  confianza_promise_set_unit (promise, read_text (r));
  confianza_promise_set_delivered_on (promise, read_date (r));
  confianza_promise_set_delivered_quantity (promise, read_double (r));
  confianza_promise_set_extras (promise, read_text (r));
  confianza_promise_set_delivery_note (promise, read_text (r));
  confianza_promise_set_broken (promise, read_bool (r));
  confianza_promise_set_broken_reason (promise, read_text (r));

  return promise;
}

static gpointer
quick_win_from_row (Reader *r)
{
  ConfianzaQuickWin *win = g_object_new (CONFIANZA_TYPE_QUICK_WIN, NULL);

  confianza_quick_win_set_id (win, read_int64 (r));
  confianza_quick_win_set_client_id (win, read_int64 (r));
  confianza_quick_win_set_achieved_on (win, read_date (r));
  confianza_quick_win_set_title (win, read_text (r));
  confianza_quick_win_set_shared_on (win, read_date (r));

  return win;
}

static gpointer
conversation_from_row (Reader *r)
{
  ConfianzaConversation *conversation = g_object_new (CONFIANZA_TYPE_CONVERSATION, NULL);

  confianza_conversation_set_id (conversation, read_int64 (r));
  confianza_conversation_set_client_id (conversation, read_int64 (r));
  confianza_conversation_set_happened_on (conversation, read_date (r));
  confianza_conversation_set_channel (conversation, read_enum (r, CONFIANZA_TYPE_CHANNEL));
  confianza_conversation_set_client_said (conversation, read_text (r));
  confianza_conversation_set_agreed (conversation, read_text (r));

  return conversation;
}

static gpointer
incident_from_row (Reader *r)
{
  ConfianzaIncident *incident = g_object_new (CONFIANZA_TYPE_INCIDENT, NULL);

  confianza_incident_set_id (incident, read_int64 (r));
  confianza_incident_set_client_id (incident, read_int64 (r));
  confianza_incident_set_happened_on (incident, read_date (r));
  confianza_incident_set_description (incident, read_text (r));
  confianza_incident_set_severity (incident, read_enum (r, CONFIANZA_TYPE_SEVERITY));
  confianza_incident_set_responsibility (incident, read_enum (r, CONFIANZA_TYPE_RESPONSIBILITY));
  confianza_incident_set_cause (incident, read_text (r));

  return incident;
}

static gpointer
plan_from_row (Reader *r)
{
  ConfianzaRecoveryPlan *plan = g_object_new (CONFIANZA_TYPE_RECOVERY_PLAN, NULL);

  confianza_recovery_plan_set_id (plan, read_int64 (r));
  confianza_recovery_plan_set_client_id (plan, read_int64 (r));
  confianza_recovery_plan_set_incident_id (plan, read_int64 (r));
  confianza_recovery_plan_set_started_on (plan, read_date (r));
  confianza_recovery_plan_set_step (plan, read_int (r));
  confianza_recovery_plan_set_client_said (plan, read_text (r));
  confianza_recovery_plan_set_invited_to_speak_on (plan, read_date (r));
  confianza_recovery_plan_set_acknowledged_on (plan, read_date (r));
  confianza_recovery_plan_set_apologised_on (plan, read_date (r));
  confianza_recovery_plan_set_apology_channel (plan, read_enum (r, CONFIANZA_TYPE_CHANNEL));
  confianza_recovery_plan_set_apologised_by (plan, read_text (r));
  confianza_recovery_plan_set_apology_words (plan, read_text (r));
  confianza_recovery_plan_set_compensation_declined (plan, read_bool (r));
  confianza_recovery_plan_set_guarantee_terms (plan, read_text (r));
  confianza_recovery_plan_set_guarantee_until (plan, read_date (r));
  confianza_recovery_plan_set_guarantee_promise_id (plan, read_int64 (r));
  confianza_recovery_plan_set_follow_up_every_days (plan, read_int (r));
  confianza_recovery_plan_set_follow_up_until (plan, read_date (r));
  confianza_recovery_plan_set_follow_up_times (plan, read_int (r));
  confianza_recovery_plan_set_root_cause (plan, read_text (r));
  confianza_recovery_plan_set_corrective_measure (plan, read_text (r));
  confianza_recovery_plan_set_corrective_owner (plan, read_text (r));
  confianza_recovery_plan_set_corrective_due (plan, read_date (r));
  confianza_recovery_plan_set_outcome (plan, read_enum (r, CONFIANZA_TYPE_PLAN_OUTCOME));
  confianza_recovery_plan_set_outcome_reason (plan, read_text (r));
  confianza_recovery_plan_set_closed_on (plan, read_date (r));

  return plan;
}

static gpointer
follow_up_from_row (Reader *r)
{
  ConfianzaFollowUp *follow_up = g_object_new (CONFIANZA_TYPE_FOLLOW_UP, NULL);

  confianza_follow_up_set_id (follow_up, read_int64 (r));
  confianza_follow_up_set_plan_id (follow_up, read_int64 (r));
  confianza_follow_up_set_client_id (follow_up, read_int64 (r));
  confianza_follow_up_set_due_on (follow_up, read_date (r));
  confianza_follow_up_set_done_on (follow_up, read_date (r));
  confianza_follow_up_set_note (follow_up, read_text (r));

  return follow_up;
}

static gpointer
compensation_from_row (Reader *r)
{
  ConfianzaCompensation *compensation = g_object_new (CONFIANZA_TYPE_COMPENSATION, NULL);

  confianza_compensation_set_id (compensation, read_int64 (r));
  confianza_compensation_set_plan_id (compensation, read_int64 (r));
  confianza_compensation_set_client_id (compensation, read_int64 (r));
  confianza_compensation_set_kind (compensation, read_enum (r, CONFIANZA_TYPE_COMPENSATION_KIND));
  confianza_compensation_set_amount_cents (compensation, read_int64 (r));
  confianza_compensation_set_currency (compensation, read_text (r));
  confianza_compensation_set_description (compensation, read_text (r));
  confianza_compensation_set_given_on (compensation, read_date (r));

  return compensation;
}

static gpointer
recommendation_from_row (Reader *r)
{
  ConfianzaRecommendation *answer = g_object_new (CONFIANZA_TYPE_RECOMMENDATION, NULL);

  confianza_recommendation_set_id (answer, read_int64 (r));
  confianza_recommendation_set_client_id (answer, read_int64 (r));
  confianza_recommendation_set_answered_on (answer, read_date (r));
  confianza_recommendation_set_score (answer, read_int (r));
  confianza_recommendation_set_comment (answer, read_text (r));

  return answer;
}

/* @dates: a scratch array for the dates read, emptied before returning, so
 * that a loop over many rows needs only one; @date_cache: see Reader */
static gpointer
record_from_row_with (RecordKind    kind,
                      sqlite3_stmt *stmt,
                      GPtrArray    *dates,
                      GHashTable   *date_cache)
{
  Reader r = { stmt, 0, dates, date_cache };
  gpointer object = NULL;

  switch (kind)
    {
    case KIND_CLIENT:       object = client_from_row (&r); break;
    case KIND_PROMISE:      object = promise_from_row (&r); break;
    case KIND_QUICK_WIN:    object = quick_win_from_row (&r); break;
    case KIND_CONVERSATION: object = conversation_from_row (&r); break;
    case KIND_INCIDENT:     object = incident_from_row (&r); break;
    case KIND_PLAN:         object = plan_from_row (&r); break;
    case KIND_FOLLOW_UP:    object = follow_up_from_row (&r); break;
    case KIND_COMPENSATION: object = compensation_from_row (&r); break;
    case KIND_RECOMMENDATION: object = recommendation_from_row (&r); break;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }

  g_assert (r.index == n_columns (&kinds[kind]) + 1);
  g_ptr_array_set_size (dates, 0);

  return object;
}

static gpointer
record_from_row (RecordKind    kind,
                 sqlite3_stmt *stmt)
{
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);

  return record_from_row_with (kind, stmt, dates, NULL);
}

/* Record accessors, by kind */

static gint64
record_get_id (RecordKind kind,
               gpointer   object)
{
  switch (kind)
    {
    case KIND_CLIENT:       return confianza_client_get_id (object);
    case KIND_PROMISE:      return confianza_promise_get_id (object);
    case KIND_QUICK_WIN:    return confianza_quick_win_get_id (object);
    case KIND_CONVERSATION: return confianza_conversation_get_id (object);
    case KIND_INCIDENT:     return confianza_incident_get_id (object);
    case KIND_PLAN:         return confianza_recovery_plan_get_id (object);
    case KIND_FOLLOW_UP:    return confianza_follow_up_get_id (object);
    case KIND_COMPENSATION: return confianza_compensation_get_id (object);
    case KIND_RECOMMENDATION: return confianza_recommendation_get_id (object);
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static void
record_set_id (RecordKind kind,
               gpointer   object,
               gint64     id)
{
  switch (kind)
    {
    case KIND_CLIENT:       confianza_client_set_id (object, id); break;
    case KIND_PROMISE:      confianza_promise_set_id (object, id); break;
    case KIND_QUICK_WIN:    confianza_quick_win_set_id (object, id); break;
    case KIND_CONVERSATION: confianza_conversation_set_id (object, id); break;
    case KIND_INCIDENT:     confianza_incident_set_id (object, id); break;
    case KIND_PLAN:         confianza_recovery_plan_set_id (object, id); break;
    case KIND_FOLLOW_UP:    confianza_follow_up_set_id (object, id); break;
    case KIND_COMPENSATION: confianza_compensation_set_id (object, id); break;
    case KIND_RECOMMENDATION: confianza_recommendation_set_id (object, id); break;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static gint64
record_get_client_id (RecordKind kind,
                      gpointer   object)
{
  switch (kind)
    {
    case KIND_CLIENT:       return confianza_client_get_id (object);
    case KIND_PROMISE:      return confianza_promise_get_client_id (object);
    case KIND_QUICK_WIN:    return confianza_quick_win_get_client_id (object);
    case KIND_CONVERSATION: return confianza_conversation_get_client_id (object);
    case KIND_INCIDENT:     return confianza_incident_get_client_id (object);
    case KIND_PLAN:         return confianza_recovery_plan_get_client_id (object);
    case KIND_FOLLOW_UP:    return confianza_follow_up_get_client_id (object);
    case KIND_COMPENSATION: return confianza_compensation_get_client_id (object);
    case KIND_RECOMMENDATION: return confianza_recommendation_get_client_id (object);
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* What the live lists of this kind are keyed by */
static gint64
record_get_owner_id (RecordKind kind,
                     gpointer   object)
{
  switch (kind)
    {
    case KIND_FOLLOW_UP:    return confianza_follow_up_get_plan_id (object);
    case KIND_COMPENSATION: return confianza_compensation_get_plan_id (object);
    case KIND_CLIENT:
    case KIND_PROMISE:
    case KIND_QUICK_WIN:
    case KIND_CONVERSATION:
    case KIND_INCIDENT:
    case KIND_PLAN:
    case KIND_RECOMMENDATION:
      return record_get_client_id (kind, object);
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* The date of a contact with the client that the record stands for */
static GDateTime *
record_get_contact_date (RecordKind kind,
                         gpointer   object)
{
  switch (kind)
    {
    case KIND_PROMISE:      return confianza_promise_get_delivered_on (object);
    case KIND_QUICK_WIN:    return confianza_quick_win_get_shared_on (object);
    case KIND_CONVERSATION: return confianza_conversation_get_happened_on (object);
    /* The client answered: that was a contact */
    case KIND_RECOMMENDATION: return confianza_recommendation_get_answered_on (object);
    case KIND_CLIENT:
    case KIND_INCIDENT:
    case KIND_PLAN:
    case KIND_FOLLOW_UP:
    case KIND_COMPENSATION:
      return NULL;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
record_validate (RecordKind   kind,
                 gpointer     object,
                 GError     **error)
{
  switch (kind)
    {
    case KIND_CLIENT:       return confianza_client_validate (object, NULL, error);
    case KIND_PROMISE:      return confianza_promise_validate (object, NULL, error);
    case KIND_QUICK_WIN:    return confianza_quick_win_validate (object, NULL, error);
    case KIND_CONVERSATION: return confianza_conversation_validate (object, NULL, error);
    case KIND_INCIDENT:     return confianza_incident_validate (object, NULL, error);
    case KIND_PLAN:         return confianza_recovery_plan_validate (object, NULL, error);
    case KIND_FOLLOW_UP:    return confianza_follow_up_validate (object, NULL, error);
    case KIND_COMPENSATION: return confianza_compensation_validate (object, NULL, error);
    case KIND_RECOMMENDATION: return confianza_recommendation_validate (object, NULL, error);
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* Sort orders of the live lists. Every one ends on the id, so that no two
 * records compare equal and a position is always well defined. */

static int
compare_ids (gint64 a,
             gint64 b)
{
  return (a > b) - (a < b);
}

/* Dates without a value go last, in either direction */
static int
compare_dates (GDateTime *a,
               GDateTime *b,
               gboolean   newest_first)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  return newest_first ? g_date_time_compare (b, a) : g_date_time_compare (a, b);
}

static int
compare_clients (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return confianza_client_compare_by_name ((ConfianzaClient *) a, (ConfianzaClient *) b);
}

static int
compare_promises (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ConfianzaPromise *pa = (ConfianzaPromise *) a;
  ConfianzaPromise *pb = (ConfianzaPromise *) b;
  int cmp = compare_dates (confianza_promise_get_due_on (pa),
                           confianza_promise_get_due_on (pb), FALSE);

  return cmp != 0 ? cmp : compare_ids (confianza_promise_get_id (pa),
                                       confianza_promise_get_id (pb));
}

static int
compare_quick_wins (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  ConfianzaQuickWin *wa = (ConfianzaQuickWin *) a;
  ConfianzaQuickWin *wb = (ConfianzaQuickWin *) b;
  int cmp = compare_dates (confianza_quick_win_get_achieved_on (wa),
                           confianza_quick_win_get_achieved_on (wb), TRUE);

  return cmp != 0 ? cmp : compare_ids (confianza_quick_win_get_id (wb),
                                       confianza_quick_win_get_id (wa));
}

static int
compare_conversations (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  ConfianzaConversation *ca = (ConfianzaConversation *) a;
  ConfianzaConversation *cb = (ConfianzaConversation *) b;
  int cmp = compare_dates (confianza_conversation_get_happened_on (ca),
                           confianza_conversation_get_happened_on (cb), TRUE);

  return cmp != 0 ? cmp : compare_ids (confianza_conversation_get_id (cb),
                                       confianza_conversation_get_id (ca));
}

static int
compare_incidents (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  ConfianzaIncident *ia = (ConfianzaIncident *) a;
  ConfianzaIncident *ib = (ConfianzaIncident *) b;
  int cmp = compare_dates (confianza_incident_get_happened_on (ia),
                           confianza_incident_get_happened_on (ib), TRUE);

  return cmp != 0 ? cmp : compare_ids (confianza_incident_get_id (ib),
                                       confianza_incident_get_id (ia));
}

static int
compare_plans (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  ConfianzaRecoveryPlan *pa = (ConfianzaRecoveryPlan *) a;
  ConfianzaRecoveryPlan *pb = (ConfianzaRecoveryPlan *) b;
  int cmp = compare_dates (confianza_recovery_plan_get_started_on (pa),
                           confianza_recovery_plan_get_started_on (pb), TRUE);

  return cmp != 0 ? cmp : compare_ids (confianza_recovery_plan_get_id (pb),
                                       confianza_recovery_plan_get_id (pa));
}

static int
compare_follow_ups (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  ConfianzaFollowUp *fa = (ConfianzaFollowUp *) a;
  ConfianzaFollowUp *fb = (ConfianzaFollowUp *) b;
  int cmp = compare_dates (confianza_follow_up_get_due_on (fa),
                           confianza_follow_up_get_due_on (fb), FALSE);

  return cmp != 0 ? cmp : compare_ids (confianza_follow_up_get_id (fa),
                                       confianza_follow_up_get_id (fb));
}

static int
compare_compensations (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  ConfianzaCompensation *ca = (ConfianzaCompensation *) a;
  ConfianzaCompensation *cb = (ConfianzaCompensation *) b;
  int cmp = compare_dates (confianza_compensation_get_given_on (ca),
                           confianza_compensation_get_given_on (cb), FALSE);

  return cmp != 0 ? cmp : compare_ids (confianza_compensation_get_id (ca),
                                       confianza_compensation_get_id (cb));
}

static int
compare_recommendations (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  ConfianzaRecommendation *ra = (ConfianzaRecommendation *) a;
  ConfianzaRecommendation *rb = (ConfianzaRecommendation *) b;
  int cmp = compare_dates (confianza_recommendation_get_answered_on (ra),
                           confianza_recommendation_get_answered_on (rb), TRUE);

  return cmp != 0 ? cmp : compare_ids (confianza_recommendation_get_id (rb),
                                       confianza_recommendation_get_id (ra));
}

/* Queries */

/* Appends to @records every row of @kind whose @where_column is @value
 * (every row when @where_column is NULL). */
static gboolean
load_records (ConfianzaStore  *self,
              RecordKind       kind,
              const char      *where_column,
              gint64           value,
              GPtrArray       *records,
              GError         **error)
{
  g_autofree char *sql = build_select (&kinds[kind], where_column);
  g_autoptr(CachedStatement) stmt = NULL;
  int rc;

  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  if (where_column != NULL)
    sqlite3_bind_int64 (stmt, 1, value);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (kind, stmt));

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

/* Calls @func with every row of @kind whose @where_column is @value (every
 * row when NULL), in id order, through a statement of its own so that
 * @func may use the store. */
static gboolean
foreach_record (ConfianzaStore       *self,
                RecordKind            kind,
                const char           *where_column,
                gint64                value,
                ConfianzaRecordFunc   func,
                gpointer              user_data,
                GError              **error)
{
  g_autofree char *sql = build_select (&kinds[kind], where_column);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  if (where_column != NULL)
    sqlite3_bind_int64 (stmt, 1, value);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) record = record_from_row (kind, stmt);

      if (!func (record, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }

  if (rc != SQLITE_DONE)
    set_sqlite_error (error, self->db, self->path, rc, FALSE);
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

static gpointer
get_record (ConfianzaStore  *self,
            RecordKind       kind,
            const char      *column,
            gint64           value,
            GError         **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);

  if (!load_records (self, kind, column, value, records, error))
    return NULL;

  if (records->len == 0)
    return NULL;

  return g_object_ref (g_ptr_array_index (records, 0));
}

static gboolean
collect_ids (ConfianzaStore  *self,
             const char      *sql,
             gint64           value,
             GArray          *ids,
             GError         **error)
{
  g_autoptr(CachedStatement) stmt = NULL;
  int rc;

  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, value);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

static gboolean
ids_contain (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;

  return FALSE;
}

/* Live lists */

static guint
cached_list_hash (gconstpointer key)
{
  const CachedList *entry = key;

  return g_int64_hash (&entry->owner_id) ^ ((guint) entry->kind << 24);
}

static gboolean
cached_list_equal (gconstpointer a,
                   gconstpointer b)
{
  const CachedList *ea = a;
  const CachedList *eb = b;

  return ea->kind == eb->kind && ea->owner_id == eb->owner_id;
}

static void
cached_list_weak_notify (gpointer  data,
                         GObject  *where_the_object_was)
{
  CachedList *entry = data;

  /* Frees @entry */
  g_hash_table_remove (entry->store->lists, entry);
}

/* A snapshot of a live list, holding a strong reference, so that a handler
 * dropping one while another is being updated is harmless. */
typedef struct
{
  GListStore *list;
  RecordKind  kind;
  gint64      owner_id;
} ListRef;

static void
list_ref_free (gpointer data)
{
  ListRef *ref = data;

  g_object_unref (ref->list);
  g_free (ref);
}

/* The live lists of @kind, or of every kind when @kind is N_KINDS */
static GPtrArray *
lists_of_kind (ConfianzaStore *self,
               RecordKind      kind)
{
  GPtrArray *lists = g_ptr_array_new_with_free_func (list_ref_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->lists);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      CachedList *entry = key;
      ListRef *ref;

      if (kind != N_KINDS && entry->kind != kind)
        continue;

      ref = g_new0 (ListRef, 1);
      ref->list = g_object_ref (entry->list);
      ref->kind = entry->kind;
      ref->owner_id = entry->owner_id;
      g_ptr_array_add (lists, ref);
    }

  return lists;
}

static gboolean
list_find (GListStore *list,
           RecordKind  kind,
           gint64      id,
           guint      *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (record_get_id (kind, item) == id)
        {
          *position = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* Whether @object sorts between the neighbours of @position */
static gboolean
list_fits_at (GListStore *list,
              RecordKind  kind,
              guint       position,
              gpointer    object)
{
  GListModel *model = G_LIST_MODEL (list);
  GCompareDataFunc compare = kinds[kind].compare;

  if (position > 0)
    {
      g_autoptr(GObject) before = g_list_model_get_item (model, position - 1);

      if (compare (before, object, NULL) > 0)
        return FALSE;
    }

  if (position + 1 < g_list_model_get_n_items (model))
    {
      g_autoptr(GObject) after = g_list_model_get_item (model, position + 1);

      if (compare (object, after, NULL) > 0)
        return FALSE;
    }

  return TRUE;
}

/* Puts the saved @object where it belongs in @list, or takes its record out
 * when it no longer @belongs there (it moved to another client or plan). */
static void
list_place (GListStore *list,
            RecordKind  kind,
            gpointer    object,
            gboolean    belongs)
{
  guint position;

  if (!list_find (list, kind, record_get_id (kind, object), &position))
    {
      if (belongs)
        g_list_store_insert_sorted (list, object, kinds[kind].compare, NULL);
      return;
    }

  if (!belongs)
    {
      g_list_store_remove (list, position);
      return;
    }

  if (list_fits_at (list, kind, position, object))
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), position);

      /* The very instance in the list has already notified its changes */
      if (item != object)
        g_list_store_splice (list, position, 1, &object, 1);
    }
  else
    {
      g_list_store_remove (list, position);
      g_list_store_insert_sorted (list, object, kinds[kind].compare, NULL);
    }
}

/* Removes, from the end so positions stay valid, the items for which
 * @matches returns TRUE. */
static void
list_remove_if (GListStore *list,
                RecordKind  kind,
                gboolean  (*matches) (gpointer item, RecordKind kind, gint64 value),
                gint64      value)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i - 1);

      if (matches (item, kind, value))
        g_list_store_remove (list, i - 1);
    }
}

static gboolean
item_has_id (gpointer   item,
             RecordKind kind,
             gint64     id)
{
  return record_get_id (kind, item) == id;
}

static gboolean
item_has_client (gpointer   item,
                 RecordKind kind,
                 gint64     client_id)
{
  return record_get_client_id (kind, item) == client_id;
}

static void
lists_record_saved (ConfianzaStore *self,
                    RecordKind      kind,
                    gpointer        object)
{
  g_autoptr(GPtrArray) lists = NULL;
  gint64 owner_id;

  if (kind == KIND_CLIENT)
    {
      if (self->clients != NULL)
        list_place (self->clients, kind, object, TRUE);
      return;
    }

  owner_id = record_get_owner_id (kind, object);
  lists = lists_of_kind (self, kind);

  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);

      list_place (ref->list, kind, object,
                  ref->owner_id == owner_id ||
                  ((kind == KIND_PLAN || kind == KIND_INCIDENT) && ref->owner_id == 0));
    }
}

static void
lists_record_deleted (ConfianzaStore *self,
                      RecordKind      kind,
                      gint64          id)
{
  g_autoptr(GPtrArray) lists = NULL;

  if (kind == KIND_CLIENT)
    {
      if (self->clients != NULL)
        list_remove_if (self->clients, kind, item_has_id, id);
      return;
    }

  lists = lists_of_kind (self, kind);
  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);

      list_remove_if (ref->list, kind, item_has_id, id);
    }
}

/* Everything of the client's went with them */
static void
lists_client_deleted (ConfianzaStore *self,
                      gint64          client_id)
{
  g_autoptr(GPtrArray) lists = lists_of_kind (self, N_KINDS);

  if (self->clients != NULL)
    list_remove_if (self->clients, KIND_CLIENT, item_has_id, client_id);

  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);

      list_remove_if (ref->list, ref->kind, item_has_client, client_id);
    }
}

/* Follow-ups and compensations went with the plans; promises that were
 * their guarantees stay, no longer tied to a plan (ON DELETE SET NULL). */
static void
lists_plans_deleted (ConfianzaStore *self,
                     GArray         *plan_ids)
{
  g_autoptr(GPtrArray) lists = lists_of_kind (self, N_KINDS);

  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);
      GListStore *list = ref->list;
      guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

      for (guint j = n; j > 0; j--)
        {
          g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), j - 1);

          switch (ref->kind)
            {
            case KIND_PLAN:
              if (ids_contain (plan_ids, confianza_recovery_plan_get_id ((ConfianzaRecoveryPlan *) item)))
                g_list_store_remove (list, j - 1);
              break;

            case KIND_FOLLOW_UP:
              if (ids_contain (plan_ids, confianza_follow_up_get_plan_id ((ConfianzaFollowUp *) item)))
                g_list_store_remove (list, j - 1);
              break;

            case KIND_COMPENSATION:
              if (ids_contain (plan_ids, confianza_compensation_get_plan_id ((ConfianzaCompensation *) item)))
                g_list_store_remove (list, j - 1);
              break;

            case KIND_PROMISE:
              if (ids_contain (plan_ids, confianza_promise_get_plan_id ((ConfianzaPromise *) item)))
                confianza_promise_set_plan_id ((ConfianzaPromise *) item, 0);
              break;

            case KIND_CLIENT:
            case KIND_QUICK_WIN:
            case KIND_CONVERSATION:
            case KIND_INCIDENT:
            case KIND_RECOMMENDATION:
            case N_KINDS:
            default:
              break;
            }
        }
    }
}

/* Plans that had these promises as guarantees keep going without them
 * (ON DELETE SET NULL). */
static void
lists_promises_deleted (ConfianzaStore *self,
                        GArray         *promise_ids)
{
  g_autoptr(GPtrArray) lists = lists_of_kind (self, KIND_PLAN);

  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);
      GListModel *list = G_LIST_MODEL (ref->list);
      guint n = g_list_model_get_n_items (list);

      for (guint j = 0; j < n; j++)
        {
          g_autoptr(ConfianzaRecoveryPlan) plan = g_list_model_get_item (list, j);

          if (ids_contain (promise_ids, confianza_recovery_plan_get_guarantee_promise_id (plan)))
            confianza_recovery_plan_set_guarantee_promise_id (plan, 0);
        }
    }
}

static void
live_client_contacted (ConfianzaStore *self,
                       gint64          client_id,
                       GDateTime      *date)
{
  guint position;

  if (self->clients == NULL ||
      !list_find (self->clients, KIND_CLIENT, client_id, &position))
    return;

  {
    g_autoptr(ConfianzaClient) client = g_list_model_get_item (G_LIST_MODEL (self->clients), position);
    GDateTime *last = confianza_client_get_last_contact (client);

    if (last == NULL || g_date_time_compare (last, date) < 0)
      confianza_client_set_last_contact (client, date);
  }
}

/* Replaces what @list holds by the records of @kind and @owner_id on
 * disk, in the list's order */
static void
fill_list (ConfianzaStore *self,
           GListStore     *list,
           RecordKind      kind,
           gint64          owner_id)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *where_column = kinds[kind].owner_column;

  if ((kind == KIND_PLAN || kind == KIND_INCIDENT) && owner_id == 0)
    where_column = NULL;

  if (!load_records (self, kind, where_column, owner_id, records, &error))
    {
      g_warning ("%s", error->message);
      return;
    }

  g_list_store_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                       records->pdata, records->len);
  g_list_store_sort (list, kinds[kind].compare, NULL);
}

static GListModel *
get_live_list (ConfianzaStore *self,
               RecordKind      kind,
               gint64          owner_id)
{
  CachedList key = { .kind = kind, .owner_id = owner_id };
  CachedList *entry;
  GListStore *list;

  entry = g_hash_table_lookup (self->lists, &key);
  if (entry != NULL)
    return g_object_ref (G_LIST_MODEL (entry->list));

  list = g_list_store_new (kinds[kind].get_type ());
  fill_list (self, list, kind, owner_id);

  entry = g_new0 (CachedList, 1);
  entry->store = self;
  entry->kind = kind;
  entry->owner_id = owner_id;
  entry->list = list;
  g_object_weak_ref (G_OBJECT (list), cached_list_weak_notify, entry);
  g_hash_table_add (self->lists, entry);

  return G_LIST_MODEL (list);
}

/* The client's earliest open promise, on the live client object */

#define OPEN_PROMISE "delivered_on IS NULL AND broken = 0"

static void
refresh_next_due (ConfianzaStore *self,
                  gint64          client_id)
{
  g_autoptr(CachedStatement) stmt = NULL;
  g_autoptr(ConfianzaClient) client = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  guint position;
  int rc;

  if (self->clients == NULL ||
      !list_find (self->clients, KIND_CLIENT, client_id, &position))
    return;

  client = g_list_model_get_item (G_LIST_MODEL (self->clients), position);
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

static void
load_next_due_all (ConfianzaStore *self)
{
  g_autoptr(CachedStatement) stmt = NULL;
  /* Row ids are far below 2^32: they fit a pointer as they are */
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->clients));
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
      ConfianzaClient *client = g_list_model_get_item (G_LIST_MODEL (self->clients), i);

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

static gboolean
load_history (ConfianzaStore       *self,
              gint64                client_id,
              ConfianzaTrustInput  *input,
              GError              **error)
{
  static const struct {
    RecordKind kind;
    gsize      offset;
  } parts[] = {
    { KIND_PROMISE, G_STRUCT_OFFSET (ConfianzaTrustInput, promises) },
    { KIND_QUICK_WIN, G_STRUCT_OFFSET (ConfianzaTrustInput, quick_wins) },
    { KIND_INCIDENT, G_STRUCT_OFFSET (ConfianzaTrustInput, incidents) },
    { KIND_PLAN, G_STRUCT_OFFSET (ConfianzaTrustInput, plans) },
    { KIND_FOLLOW_UP, G_STRUCT_OFFSET (ConfianzaTrustInput, follow_ups) },
    { KIND_COMPENSATION, G_STRUCT_OFFSET (ConfianzaTrustInput, compensations) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      GPtrArray **array = G_STRUCT_MEMBER_P (input, parts[i].offset);

      *array = g_ptr_array_new_with_free_func (g_object_unref);
      if (!load_records (self, parts[i].kind, "client_id", client_id, *array, error))
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
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
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
  int rc;

  stmt = store_prepare (self, "UPDATE client SET status = ?1 WHERE id = ?2 AND status_manual = 0", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, confianza_enum_to_id (CONFIANZA_TYPE_CLIENT_STATUS, status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, client_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

static void
live_client_set_status (ConfianzaStore        *self,
                        gint64                 client_id,
                        ConfianzaClientStatus  status)
{
  g_autoptr(ConfianzaClient) client = NULL;
  guint position;

  if (self->clients == NULL ||
      !list_find (self->clients, KIND_CLIENT, client_id, &position))
    return;

  client = g_list_model_get_item (G_LIST_MODEL (self->clients), position);
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

      input.client = get_record (self, KIND_CLIENT, "id", client_id, &error);
      if (input.client == NULL || !load_history (self, client_id, &input, &error))
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

static void
refresh_trust (ConfianzaStore *self,
               gint64          client_id)
{
  g_autoptr(ConfianzaClient) client = NULL;
  g_auto(ConfianzaTrustInput) input = { 0 };
  g_autoptr(GError) error = NULL;
  guint position;

  int score;

  /* The status follows the facts even without a live client */
  if (self->clients == NULL ||
      !list_find (self->clients, KIND_CLIENT, client_id, &position))
    {
      refresh_status (self, client_id, -1);
      return;
    }

  client = g_list_model_get_item (G_LIST_MODEL (self->clients), position);
  input.client = g_object_ref (client);
  if (!load_history (self, client_id, &input, &error))
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
};

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
  const KindInfo *info = &kinds[kind];
  g_autoptr(GString) sql = g_string_new ("SELECT id");

  cursor->client_column = 0;
  for (guint i = 0; info->columns[i] != NULL; i++)
    {
      g_string_append_printf (sql, ", %s", info->columns[i]);
      if (strcmp (info->columns[i], "client_id") == 0)
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
        g_ptr_array_add (records, record_from_row_with (kind, cursor->stmt, dates, date_cache));
      cursor->rc = sqlite3_step (cursor->stmt);
    }

  if (cursor->rc != SQLITE_ROW && cursor->rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, cursor->rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

static gboolean
foreach_history (ConfianzaStore        *self,
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

  for (guint i = 0; kinds[KIND_CLIENT].columns[i] != NULL; i++)
    g_string_append_printf (client_sql, ", %s", kinds[KIND_CLIENT].columns[i]);
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
      g_autoptr(ConfianzaClient) client = record_from_row_with (KIND_CLIENT, clients, dates, date_cache);
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
    set_sqlite_error (error, self->db, self->path, rc, FALSE);
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

static GArray *
compute_trust_scores (ConfianzaStore  *self,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GArray) scores = g_array_new (FALSE, FALSE, sizeof (TrustScore));
  TrustScores data = { today, scores, cancellable };

  if (!foreach_history (self, collect_trust_score, &data, error))
    return NULL;

  return g_steal_pointer (&scores);
}

/* Sets the scores on the live clients, but for those in @skip */
static void
apply_trust_scores (ConfianzaStore *self,
                    GArray         *scores,
                    GHashTable     *skip)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  GListModel *clients;
  guint n;

  if (self->clients == NULL)
    return;

  clients = G_LIST_MODEL (self->clients);
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
static void
apply_statuses (ConfianzaStore *self,
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
  if (self->clients != NULL)
    {
      GListModel *clients = G_LIST_MODEL (self->clients);
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

  /* Followed in the file by the next store that may write to it */
  if (changes->len == 0 || self->read_only)
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

  g_signal_emit (self, signals[CHANGED], 0);
}

/* Saving and deleting */

static gboolean
write_record (ConfianzaStore  *self,
              RecordKind       kind,
              gpointer         object,
              gint64          *new_id,
              GError         **error)
{
  const KindInfo *info = &kinds[kind];
  g_autofree char *sql = NULL;
  g_autoptr(CachedStatement) stmt = NULL;
  gint64 id = record_get_id (kind, object);
  int rc;

  sql = id == 0 ? build_insert (info) : build_update (info);
  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = bind_record (stmt, kind, object);
  if (rc == SQLITE_OK && id != 0)
    rc = sqlite3_bind_int64 (stmt, n_columns (info) + 1, id);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
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
          set_not_found_error (error, kind);
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
  int rc;

  stmt = store_prepare (self,
                        "UPDATE client SET last_contact = ?1 "
                        "WHERE id = ?2 AND (last_contact IS NULL OR last_contact < ?1)",
                        error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, confianza_date_to_iso (date), -1, g_free);
  sqlite3_bind_int64 (stmt, 2, client_id);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

/* What the live lists learn once a change is on disk */
static void
record_saved (ConfianzaStore *self,
              RecordKind      kind,
              gpointer        object)
{
  GDateTime *contact = record_get_contact_date (kind, object);

  lists_record_saved (self, kind, object);

  if (contact != NULL)
    live_client_contacted (self, record_get_client_id (kind, object), contact);

  if (kind == KIND_PROMISE)
    refresh_next_due (self, record_get_client_id (kind, object));
  /* Neither counts in the index (nor in the status) */
  if (kind != KIND_CONVERSATION && kind != KIND_RECOMMENDATION)
    refresh_trust (self, record_get_client_id (kind, object));
}

static void
record_deleted (ConfianzaStore *self,
                RecordKind      kind,
                gint64          id,
                GArray         *plan_ids,
                GArray         *promise_ids,
                GArray         *client_ids)
{
  lists_record_deleted (self, kind, id);
  if (kind == KIND_CLIENT)
    lists_client_deleted (self, id);
  if (plan_ids->len > 0)
    lists_plans_deleted (self, plan_ids);
  if (promise_ids->len > 0)
    lists_promises_deleted (self, promise_ids);
  for (guint i = 0; i < client_ids->len; i++)
    {
      refresh_next_due (self, g_array_index (client_ids, gint64, i));
      refresh_trust (self, g_array_index (client_ids, gint64, i));
    }
}

static gboolean
save_record (ConfianzaStore  *self,
             RecordKind       kind,
             gpointer         object,
             GError         **error)
{
  GDateTime *contact = record_get_contact_date (kind, object);
  gint64 id = record_get_id (kind, object);
  gint64 new_id = 0;

  if (!record_validate (kind, object, error))
    return FALSE;

  if (!store_begin (self, error))
    return FALSE;

  if (!write_record (self, kind, object, &new_id, error) ||
      (contact != NULL &&
       !move_last_contact (self, record_get_client_id (kind, object), contact, error)) ||
      !store_commit (self, error))
    {
      store_rollback (self);
      return FALSE;
    }

  /* Only now that it is on disk (or in the caller's transaction, where
   * the next record may need it) */
  if (id == 0)
    record_set_id (kind, object, new_id);

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

  record_saved (self, kind, object);

  g_signal_emit (self, signals[CHANGED], 0);

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
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", kinds[kind].table);
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
           collect_ids (self, "SELECT id FROM recovery_plan WHERE client_id = ?1", id, plan_ids, error) &&
           collect_ids (self, "SELECT id FROM promise WHERE client_id = ?1", id, promise_ids, error);
      break;
    case KIND_INCIDENT:
      ok = ok && collect_ids (self, "SELECT id FROM recovery_plan WHERE incident_id = ?1", id, plan_ids, error);
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
      break;
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }

  /* Whose next due promise and trust index this changes */
  if (ok && kind != KIND_CLIENT)
    {
      g_autofree char *owner_sql = g_strdup_printf ("SELECT client_id FROM %s WHERE id = ?1",
                                                    kinds[kind].table);
      ok = collect_ids (self, owner_sql, id, client_ids, error);
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
          set_sqlite_error (error, self->db, self->path, rc, FALSE);
          ok = FALSE;
        }
      else if (sqlite3_changes (self->db) == 0)
        {
          set_not_found_error (error, kind);
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

  record_deleted (self, kind, id, plan_ids, promise_ids, client_ids);

  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

static gboolean
delete_record (ConfianzaStore  *self,
               RecordKind       kind,
               gint64           id,
               GError         **error)
{
  return delete_record_keeping (self, kind, id, NULL, error);
}

/* GObject */

static void
confianza_store_dispose (GObject *object)
{
  ConfianzaStore *self = (ConfianzaStore *)object;

  if (self->lists != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      /* The lists outlive us in the interface; they just stop updating */
      g_hash_table_iter_init (&iter, self->lists);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          CachedList *entry = key;

          g_object_weak_unref (G_OBJECT (entry->list), cached_list_weak_notify, entry);
        }
      g_hash_table_remove_all (self->lists);
    }

  g_clear_object (&self->clients);

  G_OBJECT_CLASS (confianza_store_parent_class)->dispose (object);
}

static void
confianza_store_finalize (GObject *object)
{
  ConfianzaStore *self = (ConfianzaStore *)object;

  g_clear_pointer (&self->lists, g_hash_table_unref);
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
                                            g_free, statement_finalize);
  self->lists = g_hash_table_new_full (cached_list_hash, cached_list_equal,
                                       g_free, NULL);
  self->trust_fresh = g_hash_table_new (g_direct_hash, g_direct_equal);
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
      set_directory_error (error, path);
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
        set_read_only_error (error, folder);
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
          set_not_ours_error (error, path);
          return NULL;
        }

      file = confianza_file_lock_acquire (path, TRUE, error);
      if (file == NULL)
        return NULL;
      db = open_existing (path, file, folder, &st, vfs, &backup_path, error);
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
      db = create_new (path, vfs, &notice, error);
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
      set_errno_error (error, path, errno);
      return NULL;
    }

  self = g_object_new (CONFIANZA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = db;
  self->file = file;
  self->schema_version = CONFIANZA_STORE_SCHEMA_VERSION;
  self->backup_path = g_steal_pointer (&backup_path);
  self->notice = g_steal_pointer (&notice);

  return self;
}

static ConfianzaStore *
open_read_only (const char  *path,
                gboolean     any_version,
                GError     **error)
{
  g_autofree char *log = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  ConfianzaFileLock *file;
  ConfianzaStore *self;
  gboolean wal_format = FALSE;
  sqlite3 *db = NULL;
  int version = 0;
  GStatBuf st;
  int rc;

  if (g_stat (path, &st) != 0)
    {
      g_autofree char *shown = g_filename_display_name (path);

      if (errno != ENOENT)
        set_errno_error (error, path, errno);
      else
        g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND,
                     _("There is no database at “%s”. Check the name: nothing was "
                       "created."),
                     shown);
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    {
      set_directory_error (error, path);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      set_not_ours_error (error, path);
      return NULL;
    }

  file = confianza_file_lock_acquire (path, FALSE, error);
  if (file == NULL)
    return NULL;

  if (!check_header (path, file, &st, &wal_format, error))
    goto failed_with_error;

  /* A file in WAL mode with no log beside it is whole, and no one writes
   * to it: it is read as immutable, since SQLite would otherwise make a log
   * and an index beside it, and leave them there. With a log (a window
   * has it open, or a crash left it) SQLite reads the log too, and
   * changes nothing. */
  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strdup_printf ("file:%s?mode=ro%s", escaped,
                         wal_format && !g_file_test (log, G_FILE_TEST_EXISTS) &&
                           !g_file_test (journal, G_FILE_TEST_EXISTS) ? "&immutable=1" : "");

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  if (!apply_settings (db, path, error))
    goto failed_with_error;

  rc = sqlite3_exec (db, "PRAGMA query_only = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  if (!check_contents (db, path, &version, &rc, error))
    {
      if (rc != SQLITE_OK)
        goto failed;
      goto failed_with_error;
    }

  if (version < CONFIANZA_STORE_SCHEMA_VERSION && !any_version)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_OLDER_VERSION,
                   _("“%s” was written by an older version of Confianza and must be "
                     "upgraded first. Open it in Confianza’s window, which upgrades "
                     "it after keeping a copy, and try again. It was left untouched."),
                   shown);
      goto failed_with_error;
    }

  self = g_object_new (CONFIANZA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->db = db;
  self->file = file;
  self->schema_version = version;
  self->read_only = TRUE;

  return self;

failed:
  /* A log or journal that only a writer can finish */
  if (rc == SQLITE_READONLY_ROLLBACK || rc == SQLITE_READONLY_RECOVERY ||
      rc == SQLITE_READONLY_CANTINIT || rc == SQLITE_READONLY_CANTLOCK ||
      rc == SQLITE_CANTOPEN)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED,
                   _("“%s” was left half-written when a program stopped, and reading "
                     "it alone cannot finish that. Open it in Confianza’s window "
                     "first, and try again. It was left untouched."),
                   shown);
    }
  else
    {
      set_sqlite_error (error, db, path, rc, TRUE);
    }
failed_with_error:
  sqlite3_close_v2 (db);
  confianza_file_lock_release (file, FALSE);
  return NULL;
}

ConfianzaStore *
confianza_store_open_read_only (const char  *path,
                                GError     **error)
{
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_read_only (path, FALSE, error);
}

ConfianzaStore *
confianza_store_open_any_version (const char  *path,
                                  GError     **error)
{
  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_read_only (path, TRUE, error);
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

  rc = query_int (self->db, "PRAGMA user_version", &version);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  if (version >= CONFIANZA_STORE_SCHEMA_VERSION)
    return TRUE;

  /* Compiled for the old schema */
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->backup_path, g_free);

  return migrate (self->db, self->path, self->file, FALSE, &self->backup_path, error);
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

  if (refuse_read_only (self, error) ||
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
        record_saved (self, change->kind, change->object);
      else
        record_deleted (self, change->kind, change->id, change->plan_ids,
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
        record_set_id (change->kind, change->object, 0);
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
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
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

  return save_record (self, KIND_CLIENT, client, error);
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

  client = get_record (self, KIND_CLIENT, "id", id, &local_error);
  if (client == NULL && local_error == NULL)
    set_not_found_error (&local_error, KIND_CLIENT);
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

  return delete_record (self, KIND_CLIENT, id, error);
}

GListModel *
confianza_store_get_clients (ConfianzaStore *self)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  if (self->clients == NULL)
    {
      self->clients = g_list_store_new (CONFIANZA_TYPE_CLIENT);
      fill_list (self, self->clients, KIND_CLIENT, 0);
      load_next_due_all (self);
    }

  return g_object_ref (G_LIST_MODEL (self->clients));
}

void
confianza_store_reload (ConfianzaStore *self)
{
  g_autoptr(GPtrArray) lists = NULL;

  g_return_if_fail (CONFIANZA_IS_STORE (self));
  g_return_if_fail (self->pending == NULL);

  /* Compiled for what may have been another schema */
  g_hash_table_remove_all (self->statements);

  if (self->clients != NULL)
    {
      guint n;

      fill_list (self, self->clients, KIND_CLIENT, 0);
      load_next_due_all (self);

      /* Scores being computed in a thread are of the old records */
      n = g_list_model_get_n_items (G_LIST_MODEL (self->clients));
      for (guint i = 0; i < n && self->trust_jobs > 0; i++)
        {
          g_autoptr(ConfianzaClient) client = g_list_model_get_item (G_LIST_MODEL (self->clients), i);

          g_hash_table_add (self->trust_fresh, GSIZE_TO_POINTER ((gsize) confianza_client_get_id (client)));
        }
    }

  lists = lists_of_kind (self, N_KINDS);
  for (guint i = 0; i < lists->len; i++)
    {
      ListRef *ref = g_ptr_array_index (lists, i);

      fill_list (self, ref->list, ref->kind, ref->owner_id);
    }

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

  return save_record (self, KIND_PROMISE, promise, error);
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

  promise = get_record (self, KIND_PROMISE, "id", id, &local_error);
  if (promise == NULL && local_error == NULL)
    set_not_found_error (&local_error, KIND_PROMISE);
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

  return delete_record (self, KIND_PROMISE, id, error);
}

GListModel *
confianza_store_get_promises (ConfianzaStore *self,
                              gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return get_live_list (self, KIND_PROMISE, client_id);
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

  return save_record (self, KIND_QUICK_WIN, win, error);
}

gboolean
confianza_store_delete_quick_win (ConfianzaStore  *self,
                                  gint64           id,
                                  GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_record (self, KIND_QUICK_WIN, id, error);
}

GListModel *
confianza_store_get_quick_wins (ConfianzaStore *self,
                                gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return get_live_list (self, KIND_QUICK_WIN, client_id);
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

  return save_record (self, KIND_CONVERSATION, conversation, error);
}

gboolean
confianza_store_delete_conversation (ConfianzaStore  *self,
                                     gint64           id,
                                     GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_record (self, KIND_CONVERSATION, id, error);
}

GListModel *
confianza_store_get_conversations (ConfianzaStore *self,
                                   gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return get_live_list (self, KIND_CONVERSATION, client_id);
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

  return save_record (self, KIND_INCIDENT, incident, error);
}

gboolean
confianza_store_delete_incident (ConfianzaStore  *self,
                                 gint64           id,
                                 GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_record (self, KIND_INCIDENT, id, error);
}

GListModel *
confianza_store_get_incidents (ConfianzaStore *self,
                               gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return get_live_list (self, KIND_INCIDENT, client_id);
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

  return save_record (self, KIND_PLAN, plan, error);
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

  plan = get_record (self, KIND_PLAN, "id", id, &local_error);
  if (plan == NULL && local_error == NULL)
    set_not_found_error (&local_error, KIND_PLAN);
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

  return get_record (self, KIND_PLAN, "incident_id", incident_id, error);
}

gboolean
confianza_store_delete_recovery_plan (ConfianzaStore  *self,
                                      gint64           id,
                                      GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_record (self, KIND_PLAN, id, error);
}

GListModel *
confianza_store_get_recovery_plans (ConfianzaStore *self,
                                    gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return get_live_list (self, KIND_PLAN, client_id);
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

  return save_record (self, KIND_FOLLOW_UP, follow_up, error);
}

gboolean
confianza_store_delete_follow_up (ConfianzaStore  *self,
                                  gint64           id,
                                  GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_record (self, KIND_FOLLOW_UP, id, error);
}

GListModel *
confianza_store_get_follow_ups (ConfianzaStore *self,
                                gint64          plan_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return get_live_list (self, KIND_FOLLOW_UP, plan_id);
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

  return save_record (self, KIND_COMPENSATION, compensation, error);
}

gboolean
confianza_store_delete_compensation (ConfianzaStore  *self,
                                     gint64           id,
                                     GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_record (self, KIND_COMPENSATION, id, error);
}

GListModel *
confianza_store_get_compensations (ConfianzaStore *self,
                                   gint64          plan_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return get_live_list (self, KIND_COMPENSATION, plan_id);
}

/* Would-recommend answers */

gboolean
confianza_store_save_recommendation (ConfianzaStore           *self,
                                     ConfianzaRecommendation  *recommendation,
                                     GError                  **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (CONFIANZA_IS_RECOMMENDATION (recommendation), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_record (self, KIND_RECOMMENDATION, recommendation, error);
}

gboolean
confianza_store_delete_recommendation (ConfianzaStore  *self,
                                       gint64           id,
                                       GError         **error)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return delete_record (self, KIND_RECOMMENDATION, id, error);
}

GListModel *
confianza_store_get_recommendations (ConfianzaStore *self,
                                     gint64          client_id)
{
  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);

  return get_live_list (self, KIND_RECOMMENDATION, client_id);
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

  sql = select_columns (&kinds[KIND_RECOMMENDATION], FALSE);
  /* The latest as the live lists order them: date, then id */
  g_string_append (sql, " FROM recommendation AS r WHERE NOT EXISTS (SELECT 1 FROM recommendation o"
                        " WHERE o.client_id = r.client_id AND (o.answered_on > r.answered_on"
                        " OR (o.answered_on IS r.answered_on AND o.id > r.id)))"
                        " ORDER BY client_id");
  stmt = store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (KIND_RECOMMENDATION, stmt));

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return NULL;
    }

  return g_steal_pointer (&records);
}

/* Steps @count (one row: how many in all) and @rows (at most @limit of
 * them, each a record of @kind), both given @binds (NULL-terminated text)
 * as ?1, ?2… and @rows @limit as its last parameter: the sections of Today, which show
 * a few rows of many. */
static GPtrArray *
read_limited (ConfianzaStore     *self,
              RecordKind          kind,
              sqlite3_stmt       *count,
              sqlite3_stmt       *rows,
              const char * const *binds,
              guint               limit,
              guint              *total,
              GError            **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GHashTable) date_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            (GDestroyNotify) g_date_time_unref);
  int n_binds = 0;
  int rc;

  for (; binds[n_binds] != NULL; n_binds++)
    {
      sqlite3_bind_text (count, n_binds + 1, binds[n_binds], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (rows, n_binds + 1, binds[n_binds], -1, SQLITE_TRANSIENT);
    }
  /* The limit is the last parameter of @rows */
  sqlite3_bind_int64 (rows, sqlite3_bind_parameter_count (rows), limit);

  rc = sqlite3_step (count);
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return NULL;
    }
  *total = (guint) sqlite3_column_int64 (count, 0);
  if (*total == 0)
    return g_steal_pointer (&records);

  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row_with (kind, rows, dates, date_cache));
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
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
  g_autoptr(CachedStatement) count = NULL;
  g_autoptr(CachedStatement) rows = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *after_iso = NULL;
  g_autofree char *until_iso = NULL;
  const char *binds[3] = { NULL, NULL, NULL };
  const char *count_sql;
  guint dummy;

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

  sql = select_columns (&kinds[KIND_PROMISE], FALSE);
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

  count = store_prepare (self, count_sql, error);
  if (count == NULL)
    return NULL;
  rows = store_prepare (self, sql->str, error);
  if (rows == NULL)
    return NULL;

  return read_limited (self, KIND_PROMISE, count, rows, binds, limit,
                       total != NULL ? total : &dummy, error);
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
  g_autoptr(CachedStatement) count = NULL;
  g_autoptr(CachedStatement) rows = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *today_iso = NULL;
  const char *binds[2] = { NULL, NULL };
  guint dummy;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (today != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  today_iso = confianza_date_to_iso (today);
  binds[0] = today_iso;

  sql = select_columns (&kinds[KIND_CLIENT], FALSE);
  g_string_append (sql, CLIENTS_TO_CONTACT
                   " ORDER BY julianday (coalesce (last_contact, since)), name, id LIMIT ?3");

  count = store_prepare (self, "SELECT count(*)" CLIENTS_TO_CONTACT, error);
  if (count == NULL)
    return NULL;
  rows = store_prepare (self, sql->str, error);
  if (rows == NULL)
    return NULL;

  /* The cadence is a number, compared with numbers */
  sqlite3_bind_int (count, 2, default_cadence);
  sqlite3_bind_int (rows, 2, default_cadence);

  return read_limited (self, KIND_CLIENT, count, rows, binds, limit,
                       total != NULL ? total : &dummy, error);
}

#define OPEN_FOLLOW_UPS_DUE " FROM follow_up JOIN recovery_plan ON recovery_plan.id = follow_up.plan_id WHERE follow_up.done_on IS NULL AND follow_up.due_on <= ?1 AND recovery_plan.outcome = 'in-progress'"

GPtrArray *
confianza_store_get_open_follow_ups_due (ConfianzaStore  *self,
                                         GDateTime       *until,
                                         guint            limit,
                                         guint           *total,
                                         GError         **error)
{
  g_autoptr(CachedStatement) count = NULL;
  g_autoptr(CachedStatement) rows = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *until_iso = NULL;
  const char *binds[2] = { NULL, NULL };
  guint dummy;

  g_return_val_if_fail (CONFIANZA_IS_STORE (self), NULL);
  g_return_val_if_fail (until != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  until_iso = confianza_date_to_iso (until);
  binds[0] = until_iso;

  sql = select_columns (&kinds[KIND_FOLLOW_UP], TRUE);
  g_string_append (sql, OPEN_FOLLOW_UPS_DUE " ORDER BY follow_up.due_on, follow_up.id LIMIT ?2");

  count = store_prepare (self, "SELECT count(*)" OPEN_FOLLOW_UPS_DUE, error);
  if (count == NULL)
    return NULL;
  rows = store_prepare (self, sql->str, error);
  if (rows == NULL)
    return NULL;

  return read_limited (self, KIND_FOLLOW_UP, count, rows, binds, limit,
                       total != NULL ? total : &dummy, error);
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

  if (!load_history (self, confianza_client_get_id (client), input, error))
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

  return foreach_history (self, func, user_data, error);
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

  return foreach_record (self, KIND_CLIENT, NULL, 0, func, user_data, error);
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
      if (kinds[kind].get_type () == record_type &&
          g_strcmp0 (kinds[kind].owner_column, "client_id") == 0)
        return foreach_record (self, kind, "client_id", client_id, func, user_data, error);
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
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
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

  if (self->clients == NULL)
    return;

  /* One pass over every history, not six queries and a search of the list
   * per client */
  scores = compute_trust_scores (self, NULL, &error);
  if (scores == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  apply_trust_scores (self, scores, NULL);
  apply_statuses (self, scores);
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

  scores = compute_trust_scores (store, cancellable, &error);
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
      apply_trust_scores (self, scores, self->trust_fresh);
      apply_statuses (self, scores);
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

  sql = select_columns (&kinds[KIND_PROMISE], FALSE);
  g_string_append (sql, " FROM promise WHERE delivered_on IS NOT NULL AND trim (kind) = ?1 COLLATE NOCASE");

  stmt = store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_from_row (KIND_PROMISE, stmt));

  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return NULL;
    }

  return g_steal_pointer (&records);
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

  for (int i = 0; i <= n_columns (&kinds[row->kind]); i++)
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
      if (kinds[k].get_type () == type)
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
      sqlite3_bind_text (stmt, 1, kinds[k].table, -1, SQLITE_STATIC);
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
                                          kinds[child].table, foreign_keys[i].column);

  return collect_ids (self, sql, value, ids, error);
}

static gboolean
snapshot_read_row (ConfianzaStore  *self,
                   RecordKind       kind,
                   gint64           id,
                   GPtrArray       *rows,
                   GError         **error)
{
  g_autofree char *sql = build_select (&kinds[kind], "id");
  g_autoptr(CachedStatement) stmt = NULL;
  int n = n_columns (&kinds[kind]) + 1;
  SnapshotRow *row;
  int rc;

  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_not_found_error (error, kind);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
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
          set_sqlite_error (error, self->db, self->path, SQLITE_NOMEM, FALSE);
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

  /* Kinds in the order of kinds[]: parents before their children */
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
  const KindInfo *info = &kinds[row->kind];
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(CachedStatement) stmt = NULL;
  int n = n_columns (info) + 1;
  int rc = SQLITE_OK;

  g_string_append_printf (sql, "INSERT INTO %s (id", info->table);
  for (guint i = 0; info->columns[i] != NULL; i++)
    g_string_append_printf (sql, ", %s", info->columns[i]);
  g_string_append (sql, ") VALUES (?1");
  for (int i = 2; i <= n; i++)
    g_string_append_printf (sql, ", ?%d", i);
  g_string_append (sql, ")");

  stmt = store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  for (int i = 0; i < n && rc == SQLITE_OK; i++)
    rc = sqlite3_bind_value (stmt, i + 1, row->values[i]);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
}

static gboolean
snapshot_relink (ConfianzaStore      *self,
                 const SnapshotLink  *link,
                 GError             **error)
{
  guint i = link->key;
  RecordKind child = foreign_keys[i].child;
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?1 WHERE id = ?2 AND %s IS NULL",
                                          kinds[child].table, foreign_keys[i].column,
                                          foreign_keys[i].column);
  g_autoptr(CachedStatement) stmt = NULL;
  int rc;

  stmt = store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, link->value);
  sqlite3_bind_int64 (stmt, 2, link->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, self->path, rc, FALSE);
      return FALSE;
    }

  return TRUE;
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

      object = get_record (self, kind, "id", id, &error);
      if (object == NULL)
        {
          if (error != NULL)
            g_warning ("%s", error->message);
          continue;
        }

      lists_record_saved (self, kind, object);
      g_hash_table_add (clients, GSIZE_TO_POINTER ((gsize) record_get_client_id (kind, object)));
    }

  g_hash_table_iter_init (&iter, clients);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      refresh_next_due (self, (gint64) GPOINTER_TO_SIZE (key));
      refresh_trust (self, (gint64) GPOINTER_TO_SIZE (key));
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
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}
