/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "model/confianza-model.h"
#include "model/confianza-trust.h"

G_BEGIN_DECLS

#define CONFIANZA_STORE_ERROR (confianza_store_error_quark ())

typedef enum
{
  CONFIANZA_STORE_ERROR_NOT_OURS,       /* not a Confianza database */
  CONFIANZA_STORE_ERROR_NEWER_VERSION,  /* written by a newer Confianza */
  CONFIANZA_STORE_ERROR_DAMAGED,        /* fails SQLite's quick check */
  CONFIANZA_STORE_ERROR_READ_ONLY,      /* no permission to write */
  CONFIANZA_STORE_ERROR_IS_DIRECTORY,
  CONFIANZA_STORE_ERROR_NO_FOLDER,      /* the parent folder does not exist */
  CONFIANZA_STORE_ERROR_FULL,           /* the disk is full */
  CONFIANZA_STORE_ERROR_NOT_FOUND,      /* no such record */
  CONFIANZA_STORE_ERROR_FAILED,         /* any other failure, said in words */
  CONFIANZA_STORE_ERROR_OLDER_VERSION,  /* needs an upgrade, which reading only cannot do */
  CONFIANZA_STORE_ERROR_AMBIGUOUS,      /* several records answer to what was asked */
  CONFIANZA_STORE_ERROR_BUSY,           /* an import is writing: try again after it */
} ConfianzaStoreError;

GQuark confianza_store_error_quark (void);

/* The schema version this build writes (PRAGMA user_version). */
#define CONFIANZA_STORE_SCHEMA_VERSION 8
/* PRAGMA application_id of every Confianza database ("Conf"). */
#define CONFIANZA_STORE_APPLICATION_ID 0x436F6E66
/* The copy written beside a database before it is upgraded goes once the
 * upgraded file has been opened (for writing) this many times, over at
 * least this many days. */
#define CONFIANZA_STORE_UPGRADE_COPY_OPENS 10
#define CONFIANZA_STORE_UPGRADE_COPY_DAYS  30

#define CONFIANZA_TYPE_STORE (confianza_store_get_type ())

G_DECLARE_FINAL_TYPE (ConfianzaStore, confianza_store, CONFIANZA, STORE, GObject)

typedef struct
{
  guint clients;
  guint promises;
  guint quick_wins;
  guint conversations;
  guint incidents;
  guint plans;
  guint follow_ups;
  guint compensations;
} ConfianzaStoreCounts;

/* $XDG_DATA_HOME/confianza/confianza.db */
char                  *confianza_store_default_path        (void);

/*
 * Opens (or creates, when @path does not exist) a Confianza database.
 * Refuses, leaving the file byte-for-byte untouched, anything that is not
 * ours, is damaged, or comes from a newer version; upgrades an older one
 * after writing a backup copy beside it (removed later: see
 * CONFIANZA_STORE_UPGRADE_COPY_OPENS). A new database never takes in the
 * -wal, -shm or -journal files of an earlier one found beside @path: they
 * are renamed aside, and confianza_store_get_notice () says so.
 */
ConfianzaStore        *confianza_store_open                (const char            *path,
                                                            GError               **error);
/*
 * The same through the SQLite VFS registered as @vfs (NULL: the default).
 * For tests that simulate failing disks; the application never needs it.
 */
ConfianzaStore        *confianza_store_open_with_vfs       (const char            *path,
                                                            const char            *vfs,
                                                            GError               **error);
/*
 * Opens an existing database only to read it: never creates, upgrades or
 * writes anything (a database of an older version is refused, telling the
 * user to open it in the window first), and reads one that a window has
 * open and is writing to. Saving and erasing fail with
 * CONFIANZA_STORE_ERROR_READ_ONLY.
 */
ConfianzaStore        *confianza_store_open_read_only      (const char            *path,
                                                            GError               **error);
gboolean               confianza_store_is_read_only        (ConfianzaStore        *self);
/* What the user should know about the opening (stale files set aside), as
 * a translated sentence, or NULL. */
const char            *confianza_store_get_notice          (ConfianzaStore        *self);
const char            *confianza_store_get_path            (ConfianzaStore        *self);
int                    confianza_store_get_schema_version  (ConfianzaStore        *self);
/* Path of the backup written before the last migration, or NULL. */
const char            *confianza_store_get_backup_path     (ConfianzaStore        *self);
/*
 * Several changes in one transaction: every save_…() and delete_…() between
 * begin () and commit () is kept or undone with the others. A change that
 * fails inside it is undone alone, and the caller decides: commit () the
 * rest, or rollback () everything. New records get their id at once (to
 * link the next record to them) and get 0 back on rollback; live lists and
 * the "changed" signal follow at commit. Not nestable. rollback () without a
 * transaction does nothing; a failed commit () has already rolled back.
 */
gboolean               confianza_store_begin               (ConfianzaStore        *self,
                                                            GError               **error);
gboolean               confianza_store_commit              (ConfianzaStore        *self,
                                                            GError               **error);
void                   confianza_store_rollback            (ConfianzaStore        *self);

/*
 * Reads every live list again from the file, after its contents were
 * replaced through another connection (a restore): the lists get new
 * objects, the trust indexes are computed again, and ::reloaded then
 * ::changed are emitted. Not inside begin () … commit ().
 */
void                   confianza_store_reload              (ConfianzaStore        *self);

gboolean               confianza_store_count               (ConfianzaStore        *self,
                                                            ConfianzaStoreCounts  *counts,
                                                            GError               **error);

/*
 * Saving validates the object (the model's rules), then inserts it when its
 * id is 0 (and sets the new id) or updates it, in one transaction. Saving a
 * conversation, a delivered promise or a shared quick win moves the client's
 * last contact forward to that date. Every live list model that holds the
 * record is updated.
 *
 * A client's status follows the facts (confianza_rules_suggest_status ())
 * unless its "status-manual" is TRUE: after every change to a client or to
 * their records, and after the trust scores are computed, the store writes
 * the status the rule gives, on the live client too (an object that is
 * not in the live list keeps the status it had).
 */
gboolean               confianza_store_save_client         (ConfianzaStore        *self,
                                                            ConfianzaClient       *client,
                                                            GError               **error);
ConfianzaClient       *confianza_store_get_client          (ConfianzaStore        *self,
                                                            gint64                 id,
                                                            GError               **error);
/* Erases the client and every row that belongs to them, in one transaction. */
gboolean               confianza_store_delete_client       (ConfianzaStore        *self,
                                                            gint64                 id,
                                                            GError               **error);
/* A live GListModel of ConfianzaClient, sorted by name (case-insensitive). */
GListModel            *confianza_store_get_clients         (ConfianzaStore        *self);

gboolean               confianza_store_save_promise        (ConfianzaStore        *self,
                                                            ConfianzaPromise      *promise,
                                                            GError               **error);
ConfianzaPromise      *confianza_store_get_promise         (ConfianzaStore        *self,
                                                            gint64                 id,
                                                            GError               **error);
gboolean               confianza_store_delete_promise      (ConfianzaStore        *self,
                                                            gint64                 id,
                                                            GError               **error);
/* Live, sorted by due date (then id). */
GListModel            *confianza_store_get_promises        (ConfianzaStore        *self,
                                                            gint64                 client_id);

gboolean               confianza_store_save_quick_win      (ConfianzaStore        *self,
                                                            ConfianzaQuickWin     *win,
                                                            GError               **error);
gboolean               confianza_store_delete_quick_win    (ConfianzaStore        *self,
                                                            gint64                 id,
                                                            GError               **error);
/* Live, newest first. */
GListModel            *confianza_store_get_quick_wins      (ConfianzaStore        *self,
                                                            gint64                 client_id);

gboolean               confianza_store_save_conversation   (ConfianzaStore        *self,
                                                            ConfianzaConversation *conversation,
                                                            GError               **error);
gboolean               confianza_store_delete_conversation (ConfianzaStore        *self,
                                                            gint64                 id,
                                                            GError               **error);
/* Live, newest first. */
GListModel            *confianza_store_get_conversations   (ConfianzaStore        *self,
                                                            gint64                 client_id);

gboolean               confianza_store_save_incident       (ConfianzaStore        *self,
                                                            ConfianzaIncident     *incident,
                                                            GError               **error);
/* Also erases the incident's recovery plan, its follow-ups and compensations. */
gboolean               confianza_store_delete_incident     (ConfianzaStore        *self,
                                                            gint64                 id,
                                                            GError               **error);
/* Live, newest first; client_id 0 lists the incidents of every client (to
 * tell a systemic problem across the portfolio). */
GListModel            *confianza_store_get_incidents       (ConfianzaStore        *self,
                                                            gint64                 client_id);

gboolean               confianza_store_save_recovery_plan  (ConfianzaStore        *self,
                                                            ConfianzaRecoveryPlan *plan,
                                                            GError               **error);
ConfianzaRecoveryPlan *confianza_store_get_recovery_plan   (ConfianzaStore        *self,
                                                            gint64                 id,
                                                            GError               **error);
/* The plan of an incident, or NULL without error when it has none. */
ConfianzaRecoveryPlan *confianza_store_get_plan_for_incident (ConfianzaStore      *self,
                                                              gint64               incident_id,
                                                              GError             **error);
gboolean               confianza_store_delete_recovery_plan (ConfianzaStore       *self,
                                                             gint64                id,
                                                             GError              **error);
/* Live, newest first; client_id 0 lists the plans of every client. */
GListModel            *confianza_store_get_recovery_plans  (ConfianzaStore        *self,
                                                            gint64                 client_id);

gboolean               confianza_store_save_follow_up      (ConfianzaStore        *self,
                                                            ConfianzaFollowUp     *follow_up,
                                                            GError               **error);
gboolean               confianza_store_delete_follow_up    (ConfianzaStore        *self,
                                                            gint64                 id,
                                                            GError               **error);
/* Live, sorted by due date. */
GListModel            *confianza_store_get_follow_ups      (ConfianzaStore        *self,
                                                            gint64                 plan_id);

gboolean               confianza_store_save_compensation   (ConfianzaStore        *self,
                                                            ConfianzaCompensation *compensation,
                                                            GError               **error);
gboolean               confianza_store_delete_compensation (ConfianzaStore        *self,
                                                            gint64                 id,
                                                            GError               **error);
/* Live, sorted by date given. */
GListModel            *confianza_store_get_compensations   (ConfianzaStore        *self,
                                                            gint64                 plan_id);

/* Keeps a message of a plan that went out (a new one, id 0, linked to a
 * stored plan and its client); it is never changed afterwards, and goes
 * with its plan or client. */
gboolean               confianza_store_add_recovery_message  (ConfianzaStore            *self,
                                                              ConfianzaRecoveryMessage  *message,
                                                              GError                   **error);
/* Live, in the order they went out (by day, then as added). */
GListModel            *confianza_store_get_recovery_messages (ConfianzaStore            *self,
                                                              gint64                     plan_id);

/*
 * A promise's history (model/confianza-ledger.h): renegotiations of its
 * date and corrections, in the order they were made. The first due date
 * is never lost: each step keeps the date before it.
 *
 * confianza_store_renegotiate_promise () records that the open promise
 * @promise_id moves to @new_due_on, told to the client on @told_on, agreed
 * or not, and why, checked by confianza_ledger_validate_renegotiation ()
 * as of @today (NULL: today). In one transaction it keeps the step and,
 * when the ledger's rules say the promise is now judged against the new
 * date (told in time and agreed), moves the promise's due date there; a
 * late or unagreed change keeps the date the promise had. Fails, writing
 * nothing, for a delivered or broken promise or when anything fails; sets
 * @property (may be NULL) to what to correct. Returns the new step.
 */
ConfianzaPromiseStep  *confianza_store_renegotiate_promise (ConfianzaStore        *self,
                                                            gint64                 promise_id,
                                                            GDateTime             *new_due_on,
                                                            GDateTime             *told_on,
                                                            gboolean               agreed,
                                                            const char            *reason,
                                                            GDateTime             *today,
                                                            const char           **property,
                                                            GError               **error);
/*
 * Once a promise is delivered or broken its terms (due date, quantity, the
 * day it was made) are locked: confianza_store_save_promise () refuses to
 * change them. A mistake in them is corrected here, in one transaction:
 * the promise's due date becomes @new_due_on and the correction, with
 * @reason and the day (@today; NULL: today), is kept as a step of its
 * history. Works on an open promise too. Returns the new step.
 */
ConfianzaPromiseStep  *confianza_store_correct_promise     (ConfianzaStore        *self,
                                                            gint64                 promise_id,
                                                            GDateTime             *new_due_on,
                                                            const char            *reason,
                                                            GDateTime             *today,
                                                            const char           **property,
                                                            GError               **error);
/* Live list of the promise's steps, in the order they were made. */
GListModel            *confianza_store_get_promise_steps   (ConfianzaStore        *self,
                                                            gint64                 promise_id);
/* The same read from the file, as a new array of ConfianzaPromiseStep;
 * @promise_id 0: the steps of every promise of @client_id (0: of every
 * client), in the order they were made. */
GPtrArray             *confianza_store_load_promise_steps  (ConfianzaStore        *self,
                                                            gint64                 client_id,
                                                            gint64                 promise_id,
                                                            GError               **error);

/* Would-recommend answers (0–10). Saving one moves the client's last
 * contact forward to the day they answered. */
gboolean               confianza_store_save_recommendation   (ConfianzaStore           *self,
                                                              ConfianzaRecommendation  *recommendation,
                                                              GError                  **error);
gboolean               confianza_store_delete_recommendation (ConfianzaStore           *self,
                                                              gint64                    id,
                                                              GError                  **error);
/* Live, newest first. */
GListModel            *confianza_store_get_recommendations   (ConfianzaStore           *self,
                                                              gint64                    client_id);
/* Each client's latest answer (by date, then id), by client id, as a new
 * array of ConfianzaRecommendation: what the portfolio's NPS is computed
 * from (confianza_nps_compute ()). */
GPtrArray             *confianza_store_get_latest_recommendations (ConfianzaStore      *self,
                                                                   GError             **error);

/* Open promises (neither delivered nor broken) due after @after (none: no
 * lower bound) and on or before @until, at most @limit of them, earliest
 * first, as a new array of ConfianzaPromise (not a live list: the store's
 * "changed" signal says when to ask again); @total (may be NULL) is set to
 * how many there are in all. */
GPtrArray             *confianza_store_get_open_promises_between (ConfianzaStore  *self,
                                                                  GDateTime       *after,
                                                                  GDateTime       *until,
                                                                  guint            limit,
                                                                  guint           *total,
                                                                  GError         **error);
/* Clients (fresh objects, not the live ones) still with us who have gone
 * longer without contact than their follow-up cadence (@default_cadence
 * for those without their own), longest first, at most @limit; @total
 * (may be NULL) is set to how many there are in all. */
GPtrArray             *confianza_store_get_clients_to_contact (ConfianzaStore  *self,
                                                               GDateTime       *today,
                                                               int              default_cadence,
                                                               guint            limit,
                                                               guint           *total,
                                                               GError         **error);
/* Follow-ups not done, due on or before @until, of recovery plans still in
 * progress, earliest first, at most @limit; @total (may be NULL) is set to
 * how many there are in all. */
GPtrArray             *confianza_store_get_open_follow_ups_due (ConfianzaStore  *self,
                                                                GDateTime       *until,
                                                                guint            limit,
                                                                guint           *total,
                                                                GError         **error);

/* Fills @input with the client's whole history (a reference to @client and
 * new arrays of every kind of record); release it with
 * confianza_trust_input_clear (). @input->today is left NULL (today). */
gboolean               confianza_store_load_history  (ConfianzaStore       *self,
                                                      ConfianzaClient      *client,
                                                      ConfianzaTrustInput  *input,
                                                      GError              **error);
/* Called with one client's whole history (fresh objects, not the live
 * ones; the input and what it holds are the store's, valid during the
 * call); return FALSE to stop. */
typedef gboolean     (*ConfianzaHistoryFunc)         (const ConfianzaTrustInput *input,
                                                      gpointer                   user_data);
/* Every client's history, client by client in id order, reading each table
 * once in one ordered pass: for what needs every history (the trust index
 * of every client, the portfolio) without a query per client, and in
 * constant memory. @input->today is NULL. */
gboolean               confianza_store_foreach_history (ConfianzaStore       *self,
                                                        ConfianzaHistoryFunc  func,
                                                        gpointer              user_data,
                                                        GError              **error);
/* Called with one record read from the file (a fresh object, the store's,
 * valid during the call: take a reference to keep it); return FALSE to
 * stop. */
typedef gboolean     (*ConfianzaRecordFunc)          (gpointer                   record,
                                                      gpointer                   user_data);
/* Every client, one row at a time in id order (constant memory, fresh
 * objects rather than the live ones): for reports that stream. */
gboolean               confianza_store_foreach_client (ConfianzaStore       *self,
                                                       ConfianzaRecordFunc   func,
                                                       gpointer              user_data,
                                                       GError              **error);
/* Every record of @record_type (CONFIANZA_TYPE_PROMISE, _QUICK_WIN,
 * _CONVERSATION, _INCIDENT, _RECOVERY_PLAN or _RECOMMENDATION) of one
 * client, one row at a time in id order. */
gboolean               confianza_store_foreach_of_client (ConfianzaStore       *self,
                                                          GType                 record_type,
                                                          gint64                client_id,
                                                          ConfianzaRecordFunc   func,
                                                          gpointer              user_data,
                                                          GError              **error);
/* The client whose name is @name (surrounding spaces ignored, letter case
 * too) as a new object (transfer full); none: CONFIANZA_STORE_ERROR_NOT_FOUND,
 * several: CONFIANZA_STORE_ERROR_AMBIGUOUS with a message naming them. */
ConfianzaClient       *confianza_store_find_client_by_name (ConfianzaStore  *self,
                                                            const char      *name,
                                                            GError         **error);
/* Like confianza_store_find_client_by_name (), for what a person types on
 * the command line: the client whose number is @text, else the one called
 * @text, else the one whose company is @text (when nobody is called so). */
ConfianzaClient       *confianza_store_find_client         (ConfianzaStore  *self,
                                                            const char      *text,
                                                            GError         **error);
/* How many open promises are due on or before @until, without reading them. */
gboolean               confianza_store_count_open_promises_due (ConfianzaStore  *self,
                                                                GDateTime       *until,
                                                                guint           *count,
                                                                GError         **error);
/* Computes the "trust-score" of every client in the live client list; it is
 * kept up to date after that as records are saved and erased. */
void                   confianza_store_update_trust_scores (ConfianzaStore *self);
/* The same in a thread with its own connection to the file, so that the
 * interface never waits for it; _finish () (which must be called) sets the
 * scores on the live clients. A client whose records changed meanwhile
 * keeps the score computed on that change. */
void                   confianza_store_update_trust_scores_async  (ConfianzaStore       *self,
                                                                   GCancellable         *cancellable,
                                                                   GAsyncReadyCallback   callback,
                                                                   gpointer              user_data);
gboolean               confianza_store_update_trust_scores_finish (ConfianzaStore       *self,
                                                                   GAsyncResult         *result,
                                                                   GError              **error);

/*
 * Erasing with Undo. confianza_store_delete_keeping () erases the record of
 * @type (CONFIANZA_TYPE_CLIENT, CONFIANZA_TYPE_PROMISE, … any kind the store
 * keeps) with id @id at once, in one transaction, exactly as the
 * confianza_store_delete_…() functions do, and sets @snapshot to every row
 * the deletion took along (a client's promises, quick wins, conversations,
 * incidents, plans, follow-ups, compensations and answers) and every
 * reference to them that was cleared. confianza_store_restore_snapshot ()
 * puts all of it back as it was, with the same ids, in one transaction;
 * live lists, next due dates, trust indexes and statuses follow, and
 * "changed" is emitted. It fails, changing nothing, when the rows are
 * already back or what they belong to was erased meanwhile. Not inside
 * confianza_store_begin () … _commit ().
 */
typedef struct _ConfianzaStoreSnapshot ConfianzaStoreSnapshot;

gboolean               confianza_store_delete_keeping   (ConfianzaStore          *self,
                                                         GType                    type,
                                                         gint64                   id,
                                                         ConfianzaStoreSnapshot **snapshot,
                                                         GError                 **error);
gboolean               confianza_store_restore_snapshot (ConfianzaStore          *self,
                                                         ConfianzaStoreSnapshot  *snapshot,
                                                         GError                 **error);
void                   confianza_store_snapshot_free    (ConfianzaStoreSnapshot  *snapshot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ConfianzaStoreSnapshot, confianza_store_snapshot_free)

/* Delivered promises whose kind is @kind (trimmed; ASCII case ignored), as
 * a new array: the history behind a safe due date. */
GPtrArray             *confianza_store_get_delivered_of_kind (ConfianzaStore  *self,
                                                              const char      *kind,
                                                              GError         **error);

G_END_DECLS
