/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/confianza-store.h"
#include "util/test-dates.h"
#include "util/test-util.h"

#define UTF8_NAME "Peña & Cía — “déjà vu” 🙂"

/* Helpers */

static char *
file_checksum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static int
raw_query_int (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return value;
}

static char *
raw_query_text (const char *path,
                const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *result = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_string_append_printf (result, "%s\n", text != NULL ? text : "(null)");
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return g_string_free (result, FALSE);
}

static ConfianzaStore *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store = confianza_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (CONFIANZA_IS_STORE (store));

  return store;
}

static void
close_store (ConfianzaStore **store)
{
  g_assert_finalize_object (*store);
  *store = NULL;
}

/* Derived values the store computes for lists; not part of a record */
static const char * const derived_properties[] = {
  "next-due-on", "next-due-title", "trust-score", NULL
};

/* Every readable stored property of @a equals @b's: dates by value,
 * doubles exactly. */
static void
assert_same_properties (gpointer a,
                        gpointer b)
{
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GString) differences = g_string_new (NULL);
  guint n = 0;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);

  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = pspecs[i];
      GValue va = G_VALUE_INIT;
      GValue vb = G_VALUE_INIT;
      gboolean same;

      if (!(pspec->flags & G_PARAM_READABLE) ||
          g_strv_contains (derived_properties, pspec->name))
        continue;

      g_value_init (&va, pspec->value_type);
      g_value_init (&vb, pspec->value_type);
      g_object_get_property (a, pspec->name, &va);
      g_object_get_property (b, pspec->name, &vb);

      if (pspec->value_type == G_TYPE_DATE_TIME)
        {
          GDateTime *da = g_value_get_boxed (&va);
          GDateTime *db = g_value_get_boxed (&vb);
          same = (da == NULL && db == NULL) ||
                 (da != NULL && db != NULL && g_date_time_equal (da, db));
        }
      else if (pspec->value_type == G_TYPE_STRING)
        same = g_strcmp0 (g_value_get_string (&va), g_value_get_string (&vb)) == 0;
      else if (pspec->value_type == G_TYPE_DOUBLE)
        same = g_value_get_double (&va) == g_value_get_double (&vb);
      else
        same = g_param_values_cmp (pspec, &va, &vb) == 0;

      if (!same)
        g_string_append_printf (differences, "%s.%s ",
                                G_OBJECT_TYPE_NAME (a), pspec->name);

      g_value_unset (&va);
      g_value_unset (&vb);
    }

  g_assert_cmpstr (differences->str, ==, "");
}

/* Every property of @object differs from a new object's, except @except:
 * proves that a round trip of @object tests every field. */
static void
assert_all_set (gpointer    object,
                const char *except)
{
  g_autoptr(GObject) fresh = g_object_new (G_OBJECT_TYPE (object), NULL);
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GString) unset = g_string_new (NULL);
  g_auto(GStrv) exceptions = g_strsplit (except != NULL ? except : "", " ", -1);
  guint n = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *pspec = pspecs[i];
      GValue va = G_VALUE_INIT;
      GValue vb = G_VALUE_INIT;
      gboolean same;

      if (g_strv_contains ((const char * const *) exceptions, pspec->name))
        continue;

      g_value_init (&va, pspec->value_type);
      g_value_init (&vb, pspec->value_type);
      g_object_get_property (object, pspec->name, &va);
      g_object_get_property (fresh, pspec->name, &vb);

      if (pspec->value_type == G_TYPE_DATE_TIME)
        same = g_value_get_boxed (&va) == NULL;
      else if (pspec->value_type == G_TYPE_STRING)
        {
          const char *s = g_value_get_string (&va);
          same = s == NULL || *s == '\0' ||
                 g_strcmp0 (s, g_value_get_string (&vb)) == 0;
        }
      else
        same = g_param_values_cmp (pspec, &va, &vb) == 0;

      if (same)
        g_string_append_printf (unset, "%s.%s ", G_OBJECT_TYPE_NAME (object), pspec->name);

      g_value_unset (&va);
      g_value_unset (&vb);
    }

  g_assert_cmpstr (unset->str, ==, "");
}

/* The item of @model whose "id" is @id, or NULL */
static gpointer
find_by_id (GListModel *model,
            gint64      id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gint64 item_id = 0;

      g_object_get (item, "id", &item_id, NULL);
      if (item_id == id)
        return g_steal_pointer (&item);
    }

  return NULL;
}

static gint64
item_id_at (GListModel *model,
            guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, position);
  gint64 id = 0;

  g_assert_nonnull (item);
  g_object_get (item, "id", &id, NULL);

  return id;
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
assert_change (GArray *changes,
               guint   index,
               guint   position,
               guint   removed,
               guint   added)
{
  Change *change;

  g_assert_cmpuint (changes->len, >, index);
  change = &g_array_index (changes, Change, index);
  g_assert_cmpuint (change->position, ==, position);
  g_assert_cmpuint (change->removed, ==, removed);
  g_assert_cmpuint (change->added, ==, added);
}

/* Builders of valid records */

static ConfianzaClient *
save_new_client (ConfianzaStore *store,
                 const char     *name)
{
  g_autoptr(GError) error = NULL;
  ConfianzaClient *client = confianza_client_new (name);

  confianza_client_set_since (client, util_day (2023, 1, 1));
  confianza_store_save_client (store, client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (confianza_client_get_id (client), >, 0);

  return client;
}

static ConfianzaPromise *
save_new_promise (ConfianzaStore *store,
                  gint64          client_id,
                  const char     *title,
                  GDateTime      *due_on)
{
  g_autoptr(GError) error = NULL;
  ConfianzaPromise *promise = confianza_promise_new (client_id, title, util_day (2024, 1, 1), due_on);

  confianza_store_save_promise (store, promise, &error);
  g_assert_no_error (error);
  g_assert_cmpint (confianza_promise_get_id (promise), >, 0);

  return promise;
}

typedef struct
{
  gint64 client;
  gint64 promise;
  gint64 guarantee;
  gint64 quick_win;
  gint64 conversation;
  gint64 incident;
  gint64 plan;
  gint64 follow_ups[2];
  gint64 compensation;
} Filled;

/* A client with a row of every kind: 2 promises (one the plan's guarantee),
 * a quick win, a conversation, an incident with its plan, 2 follow-ups and a
 * compensation. */
static Filled
fill_client (ConfianzaStore *store,
             const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) client = save_new_client (store, name);
  gint64 client_id = confianza_client_get_id (client);
  g_autoptr(ConfianzaPromise) promise = save_new_promise (store, client_id, "Informe", util_day (2024, 2, 1));
  g_autoptr(ConfianzaQuickWin) win = confianza_quick_win_new (client_id, "Web rápida", util_day (2024, 1, 5));
  g_autoptr(ConfianzaConversation) conversation = confianza_conversation_new (client_id, util_day (2024, 1, 6), CONFIANZA_CHANNEL_CALL);
  g_autoptr(ConfianzaIncident) incident = confianza_incident_new (client_id, util_day (2024, 1, 7), "Entrega tarde");
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(ConfianzaPromise) guarantee = NULL;
  g_autoptr(ConfianzaFollowUp) f1 = NULL;
  g_autoptr(ConfianzaFollowUp) f2 = NULL;
  g_autoptr(ConfianzaCompensation) compensation = NULL;
  Filled filled = { 0 };

  confianza_store_save_quick_win (store, win, &error);
  g_assert_no_error (error);
  confianza_conversation_set_client_said (conversation, "Todo bien");
  confianza_store_save_conversation (store, conversation, &error);
  g_assert_no_error (error);
  confianza_store_save_incident (store, incident, &error);
  g_assert_no_error (error);

  plan = confianza_recovery_plan_new (client_id, confianza_incident_get_id (incident), util_day (2024, 1, 8));
  confianza_store_save_recovery_plan (store, plan, &error);
  g_assert_no_error (error);

  guarantee = confianza_promise_new (client_id, "Garantía", util_day (2024, 1, 8), util_day (2024, 3, 1));
  confianza_promise_set_plan_id (guarantee, confianza_recovery_plan_get_id (plan));
  confianza_store_save_promise (store, guarantee, &error);
  g_assert_no_error (error);
  confianza_recovery_plan_set_guarantee_promise_id (plan, confianza_promise_get_id (guarantee));
  confianza_store_save_recovery_plan (store, plan, &error);
  g_assert_no_error (error);

  f1 = confianza_follow_up_new (confianza_recovery_plan_get_id (plan), client_id, util_day (2024, 1, 15));
  f2 = confianza_follow_up_new (confianza_recovery_plan_get_id (plan), client_id, util_day (2024, 1, 22));
  confianza_store_save_follow_up (store, f1, &error);
  g_assert_no_error (error);
  confianza_store_save_follow_up (store, f2, &error);
  g_assert_no_error (error);

  compensation = confianza_compensation_new (confianza_recovery_plan_get_id (plan), client_id,
                                             CONFIANZA_COMPENSATION_REFUND);
  confianza_compensation_set_amount_cents (compensation, 5000);
  confianza_compensation_set_currency (compensation, "EUR");
  confianza_store_save_compensation (store, compensation, &error);
  g_assert_no_error (error);

  filled.client = client_id;
  filled.promise = confianza_promise_get_id (promise);
  filled.guarantee = confianza_promise_get_id (guarantee);
  filled.quick_win = confianza_quick_win_get_id (win);
  filled.conversation = confianza_conversation_get_id (conversation);
  filled.incident = confianza_incident_get_id (incident);
  filled.plan = confianza_recovery_plan_get_id (plan);
  filled.follow_ups[0] = confianza_follow_up_get_id (f1);
  filled.follow_ups[1] = confianza_follow_up_get_id (f2);
  filled.compensation = confianza_compensation_get_id (compensation);

  return filled;
}

/* Creating */

static void
test_create (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autofree char *tables = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *prop_path = NULL;
  ConfianzaStore *store;
  ConfianzaStoreCounts counts;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  store = open_ok (path);
  g_assert_cmpint (confianza_store_get_schema_version (store), ==, CONFIANZA_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (confianza_store_get_path (store), ==, path);
  g_object_get (store, "path", &prop_path, NULL);
  g_assert_cmpstr (prop_path, ==, path);
  g_assert_null (confianza_store_get_backup_path (store));

  confianza_store_count (store, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.clients + counts.promises + counts.quick_wins +
                    counts.conversations + counts.incidents + counts.plans +
                    counts.follow_ups + counts.compensations, ==, 0);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  close_store (&store);

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (raw_query_int (path, "PRAGMA application_id"), ==, CONFIANZA_STORE_APPLICATION_ID);
  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, CONFIANZA_STORE_SCHEMA_VERSION);
  mode = raw_query_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "wal\n");
  tables = raw_query_text (path, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                 "AND name NOT LIKE 'sqlite_%' ORDER BY name");
  g_assert_cmpstr (tables, ==,
                   "client\ncompensation\nconversation\nfollow_up\nhousekeeping\n"
                   "incident\npromise\npromise_step\nquick_win\nrecommendation\nrecovery_message\nrecovery_plan\nreminder\n");

  /* The WAL files went away with the last connection */
  listing = util_list_dir (dir);
  g_assert_cmpstr (listing, ==, "new.db");

  /* Opening again is not a migration */
  store = open_ok (path);
  g_assert_null (confianza_store_get_backup_path (store));
  close_store (&store);

  util_rm_rf (dir);
}

static void
test_default_path (void)
{
  g_autofree char *path = confianza_store_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "confianza", "confianza.db", NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  ConfianzaStore *store;
  GStatBuf st;

  g_assert_cmpstr (path, ==, expected);
  /* G_TEST_OPTION_ISOLATE_DIRS: a fresh data folder without "confianza" */
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  store = open_ok (path);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  close_store (&store);

  util_rm_rf (folder);
}

/* Round trip */

static void
test_round_trip (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "round.db", NULL);
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store = open_ok (path);
  g_autoptr(ConfianzaClient) client = confianza_client_new (UTF8_NAME);
  g_autoptr(ConfianzaClient) bare = confianza_client_new ("Sin fechas");
  g_autoptr(ConfianzaIncident) incident = NULL;
  g_autoptr(ConfianzaIncident) incident2 = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(ConfianzaRecoveryPlan) bare_plan = NULL;
  g_autoptr(ConfianzaPromise) delivered = NULL;
  g_autoptr(ConfianzaPromise) broken = NULL;
  g_autoptr(ConfianzaQuickWin) win = NULL;
  g_autoptr(ConfianzaQuickWin) unshared = NULL;
  g_autoptr(ConfianzaConversation) conversation = NULL;
  g_autoptr(ConfianzaFollowUp) follow_up = NULL;
  g_autoptr(ConfianzaFollowUp) pending = NULL;
  g_autoptr(ConfianzaCompensation) compensation = NULL;
  g_autoptr(ConfianzaCompensation) ungiven = NULL;
  gint64 client_id;

  /* A client with every field set, and one with only the required ones */
  confianza_client_set_company (client, "Estudio Ñandú S.L.");
  confianza_client_set_email (client, "ana@example.es");
  confianza_client_set_phone (client, "+34 600 000 000");
  confianza_client_set_notes (client, "Línea 1\nLínea 2 — «comillas» 'simples' \"dobles\"; DROP TABLE client;--");
  confianza_client_set_status (client, CONFIANZA_CLIENT_STATUS_LET_GO);
  confianza_client_set_status_manual (client, TRUE);
  confianza_client_set_since (client, util_day (2023, 1, 15));
  confianza_client_set_last_contact (client, util_day (2024, 2, 29));
  confianza_client_set_follow_up_days (client, 21);
  confianza_client_set_let_go_reason (client, "Exige descuentos imposibles 🙃");
  confianza_store_save_client (store, client, &error);
  g_assert_no_error (error);
  /* The derived values are not stored: the lists fill them */
  assert_all_set (client, "next-due-on next-due-title trust-score");
  client_id = confianza_client_get_id (client);
  g_assert_cmpint (client_id, >, 0);

  confianza_store_save_client (store, bare, &error);
  g_assert_no_error (error);

  incident = confianza_incident_new (client_id, util_day (2024, 1, 5), "Se cayó la web “otra vez”");
  confianza_incident_set_severity (incident, CONFIANZA_SEVERITY_CRITICAL);
  confianza_incident_set_responsibility (incident, CONFIANZA_RESPONSIBILITY_SHARED);
  confianza_incident_set_cause (incident, "Plazos");
  confianza_store_save_incident (store, incident, &error);
  g_assert_no_error (error);
  assert_all_set (incident, NULL);

  plan = confianza_recovery_plan_new (client_id, confianza_incident_get_id (incident), util_day (2024, 1, 6));
  confianza_store_save_recovery_plan (store, plan, &error);
  g_assert_no_error (error);

  delivered = confianza_promise_new (client_id, "Rediseño — fase 1", util_day (2024, 1, 10), util_day (2024, 1, 20));
  confianza_promise_set_plan_id (delivered, confianza_recovery_plan_get_id (plan));
  confianza_promise_set_kind (delivered, "diseño");
  confianza_promise_set_has_quantity (delivered, TRUE);
  confianza_promise_set_promised_quantity (delivered, 2.5);
  confianza_promise_set_unit (delivered, "páginas");
  confianza_promise_set_delivered_on (delivered, util_day (2024, 1, 18));
  confianza_promise_set_delivered_quantity (delivered, 3.141592653589793);
  confianza_promise_set_extras (delivered, "Un logo extra 🎁");
  confianza_promise_set_delivery_note (delivered, "Entregado en mano");
  confianza_promise_set_original_due_on (delivered, util_day (2024, 1, 15));
  confianza_store_save_promise (store, delivered, &error);
  g_assert_no_error (error);
  assert_all_set (delivered, "broken broken-reason");

  broken = confianza_promise_new (client_id, "Informe mensual", util_day (2024, 1, 2), util_day (2024, 1, 31));
  confianza_promise_set_broken (broken, TRUE);
  confianza_promise_set_broken_reason (broken, "El proveedor falló");
  confianza_store_save_promise (store, broken, &error);
  g_assert_no_error (error);
  g_assert_null (confianza_promise_get_delivered_on (broken));

  confianza_recovery_plan_set_step (plan, 6);
  confianza_recovery_plan_set_client_said (plan, "Nos sentimos “ignorados”");
  confianza_recovery_plan_set_invited_to_speak_on (plan, util_day (2024, 1, 7));
  confianza_recovery_plan_set_acknowledged_on (plan, util_day (2024, 1, 8));
  confianza_recovery_plan_set_apologised_on (plan, util_day (2024, 1, 9));
  confianza_recovery_plan_set_apology_channel (plan, CONFIANZA_CHANNEL_MESSAGE);
  confianza_recovery_plan_set_apologised_by (plan, "Ana Peña");
  confianza_recovery_plan_set_apology_words (plan, "Lo sentimos de verdad.");
  confianza_recovery_plan_set_compensation_declined (plan, TRUE);
  confianza_recovery_plan_set_compensation_waiver (plan, CONFIANZA_WAIVER_CLIENT_DECLINED);
  confianza_recovery_plan_set_trust_judgement (plan, CONFIANZA_JUDGEMENT_NO);
  confianza_recovery_plan_set_guarantee_terms (plan, "Soporte 24 h");
  confianza_recovery_plan_set_guarantee_until (plan, util_day (2024, 6, 30));
  confianza_recovery_plan_set_guarantee_promise_id (plan, confianza_promise_get_id (delivered));
  confianza_recovery_plan_set_follow_up_every_days (plan, 7);
  confianza_recovery_plan_set_follow_up_until (plan, util_day (2024, 3, 31));
  confianza_recovery_plan_set_follow_up_times (plan, 4);
  confianza_recovery_plan_set_root_cause (plan, "Sin monitorización");
  confianza_recovery_plan_set_corrective_measure (plan, "Alertas automáticas");
  confianza_recovery_plan_set_corrective_owner (plan, "Luis");
  confianza_recovery_plan_set_corrective_due (plan, util_day (2024, 2, 15));
  confianza_recovery_plan_set_corrective_applied_on (plan, util_day (2024, 2, 14));
  confianza_recovery_plan_set_outcome (plan, CONFIANZA_PLAN_LET_GO);
  confianza_recovery_plan_set_outcome_reason (plan, "Hostil de forma persistente");
  confianza_recovery_plan_set_closed_on (plan, util_day (2024, 4, 1));
  assert_all_set (plan, NULL);
  confianza_store_save_recovery_plan (store, plan, &error);
  g_assert_no_error (error);

  /* A plan with every optional date unset */
  incident2 = confianza_incident_new (client_id, util_day (2024, 2, 5), "Factura errónea");
  confianza_store_save_incident (store, incident2, &error);
  g_assert_no_error (error);
  bare_plan = confianza_recovery_plan_new (client_id, confianza_incident_get_id (incident2), util_day (2024, 2, 6));
  confianza_store_save_recovery_plan (store, bare_plan, &error);
  g_assert_no_error (error);

  win = confianza_quick_win_new (client_id, "Carga en 1 s ⚡", util_day (2024, 2, 1));
  confianza_quick_win_set_shared_on (win, util_day (2024, 2, 3));
  confianza_store_save_quick_win (store, win, &error);
  g_assert_no_error (error);
  assert_all_set (win, NULL);
  unshared = confianza_quick_win_new (client_id, "Sin compartir", util_day (2024, 2, 2));
  confianza_store_save_quick_win (store, unshared, &error);
  g_assert_no_error (error);

  conversation = confianza_conversation_new (client_id, util_day (2024, 2, 10), CONFIANZA_CHANNEL_VIDEO);
  confianza_conversation_set_client_said (conversation, "“Queremos más transparencia”");
  confianza_conversation_set_agreed (conversation, "Informe semanal & llamada");
  confianza_store_save_conversation (store, conversation, &error);
  g_assert_no_error (error);
  assert_all_set (conversation, NULL);

  follow_up = confianza_follow_up_new (confianza_recovery_plan_get_id (plan), client_id, util_day (2024, 1, 15));
  confianza_follow_up_set_done_on (follow_up, util_day (2024, 1, 16));
  confianza_follow_up_set_note (follow_up, "Contento, déjà vu");
  confianza_store_save_follow_up (store, follow_up, &error);
  g_assert_no_error (error);
  assert_all_set (follow_up, NULL);
  pending = confianza_follow_up_new (confianza_recovery_plan_get_id (plan), client_id, util_day (2024, 1, 22));
  confianza_store_save_follow_up (store, pending, &error);
  g_assert_no_error (error);

  compensation = confianza_compensation_new (confianza_recovery_plan_get_id (plan), client_id,
                                             CONFIANZA_COMPENSATION_PRODUCT_CHANGE);
  confianza_compensation_set_amount_cents (compensation, 1234567);
  confianza_compensation_set_currency (compensation, "USD");
  confianza_compensation_set_description (compensation, "Cambio de plan “Pro”");
  confianza_compensation_set_given_on (compensation, util_day (2024, 1, 12));
  confianza_store_save_compensation (store, compensation, &error);
  g_assert_no_error (error);
  assert_all_set (compensation, NULL);
  ungiven = confianza_compensation_new (confianza_recovery_plan_get_id (plan), client_id,
                                        CONFIANZA_COMPENSATION_CREDIT);
  confianza_compensation_set_description (ungiven, "Un mes gratis");
  confianza_store_save_compensation (store, ungiven, &error);
  g_assert_no_error (error);

  /* The conversation moved the last contact forward from 29 February */
  g_assert_true (g_date_time_equal (confianza_client_get_last_contact (client), util_day (2024, 2, 29)));

  close_store (&store);
  store = open_ok (path);

  {
    g_autoptr(ConfianzaClient) c = confianza_store_get_client (store, client_id, &error);
    g_autoptr(ConfianzaClient) b = confianza_store_get_client (store, confianza_client_get_id (bare), &error);
    g_assert_no_error (error);
    assert_same_properties (client, c);
    assert_same_properties (bare, b);
    g_assert_cmpstr (confianza_client_get_name (c), ==, UTF8_NAME);
    g_assert_null (confianza_client_get_last_contact (b));
  }

  {
    g_autoptr(ConfianzaPromise) p = confianza_store_get_promise (store, confianza_promise_get_id (delivered), &error);
    g_autoptr(ConfianzaPromise) q = confianza_store_get_promise (store, confianza_promise_get_id (broken), &error);
    g_assert_no_error (error);
    assert_same_properties (delivered, p);
    assert_same_properties (broken, q);
    g_assert_true (confianza_promise_get_delivered_quantity (p) == 3.141592653589793);
    g_assert_cmpint (confianza_promise_get_plan_id (q), ==, 0);
  }

  {
    g_autoptr(ConfianzaRecoveryPlan) p = confianza_store_get_recovery_plan (store, confianza_recovery_plan_get_id (plan), &error);
    g_autoptr(ConfianzaRecoveryPlan) b = confianza_store_get_plan_for_incident (store, confianza_incident_get_id (incident2), &error);
    g_assert_no_error (error);
    assert_same_properties (plan, p);
    assert_same_properties (bare_plan, b);
    g_assert_null (confianza_recovery_plan_get_closed_on (b));
  }

  {
    g_autoptr(GListModel) promises = confianza_store_get_promises (store, client_id);
    g_autoptr(GListModel) wins = confianza_store_get_quick_wins (store, client_id);
    g_autoptr(GListModel) conversations = confianza_store_get_conversations (store, client_id);
    g_autoptr(GListModel) incidents = confianza_store_get_incidents (store, client_id);
    g_autoptr(GListModel) plans = confianza_store_get_recovery_plans (store, client_id);
    g_autoptr(GListModel) all_plans = confianza_store_get_recovery_plans (store, 0);
    g_autoptr(GListModel) follow_ups = confianza_store_get_follow_ups (store, confianza_recovery_plan_get_id (plan));
    g_autoptr(GListModel) compensations = confianza_store_get_compensations (store, confianza_recovery_plan_get_id (plan));
    g_autoptr(GObject) o1 = NULL, o2 = NULL, o3 = NULL, o4 = NULL, o5 = NULL;
    g_autoptr(GObject) o6 = NULL, o7 = NULL, o8 = NULL, o9 = NULL, o10 = NULL;

    g_assert_cmpuint (g_list_model_get_n_items (promises), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (wins), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (conversations), ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (all_plans), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (follow_ups), ==, 2);
    g_assert_cmpuint (g_list_model_get_n_items (compensations), ==, 2);

    assert_same_properties (win, o1 = find_by_id (wins, confianza_quick_win_get_id (win)));
    assert_same_properties (unshared, o2 = find_by_id (wins, confianza_quick_win_get_id (unshared)));
    assert_same_properties (conversation, o3 = find_by_id (conversations, confianza_conversation_get_id (conversation)));
    assert_same_properties (incident, o4 = find_by_id (incidents, confianza_incident_get_id (incident)));
    assert_same_properties (incident2, o5 = find_by_id (incidents, confianza_incident_get_id (incident2)));
    assert_same_properties (follow_up, o6 = find_by_id (follow_ups, confianza_follow_up_get_id (follow_up)));
    assert_same_properties (pending, o7 = find_by_id (follow_ups, confianza_follow_up_get_id (pending)));
    assert_same_properties (compensation, o8 = find_by_id (compensations, confianza_compensation_get_id (compensation)));
    assert_same_properties (ungiven, o9 = find_by_id (compensations, confianza_compensation_get_id (ungiven)));
    assert_same_properties (delivered, o10 = find_by_id (promises, confianza_promise_get_id (delivered)));
    g_assert_null (confianza_follow_up_get_done_on ((ConfianzaFollowUp *) o7));
    g_assert_null (confianza_compensation_get_given_on ((ConfianzaCompensation *) o9));
    g_assert_null (confianza_quick_win_get_shared_on ((ConfianzaQuickWin *) o2));
  }

  /* Stored as documented: ISO dates, cents, nicks */
  close_store (&store);
  {
    g_autofree char *row = raw_query_text (path, "SELECT due_on || '|' || delivered_on || '|' || "
                                                 "promised_quantity FROM promise WHERE delivered_on IS NOT NULL");
    g_autofree char *money = raw_query_text (path, "SELECT amount_cents || ' ' || currency || ' ' || kind "
                                                   "FROM compensation WHERE given_on IS NOT NULL");
    g_assert_cmpstr (row, ==, "2024-01-20|2024-01-18|2.5\n");
    g_assert_cmpstr (money, ==, "1234567 USD product-change\n");
  }

  util_rm_rf (dir);
}

/* Update and delete */

static void
test_update_delete (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "update.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  Filled f = fill_client (store, "Cliente");
  ConfianzaStoreCounts counts;

  /* Client */
  {
    g_autoptr(ConfianzaClient) c = confianza_store_get_client (store, f.client, &error);
    g_autoptr(ConfianzaClient) again = NULL;
    g_assert_no_error (error);
    confianza_client_set_phone (c, "911 000 000");
    confianza_store_save_client (store, c, &error);
    g_assert_no_error (error);
    g_assert_cmpint (confianza_client_get_id (c), ==, f.client);
    again = confianza_store_get_client (store, f.client, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (confianza_client_get_phone (again), ==, "911 000 000");
  }

  /* Promise */
  {
    g_autoptr(ConfianzaPromise) p = confianza_store_get_promise (store, f.promise, &error);
    g_autoptr(ConfianzaPromise) again = NULL;
    g_autoptr(ConfianzaPromise) ghost = NULL;
    g_assert_no_error (error);
    confianza_promise_set_title (p, "Informe final");
    confianza_store_save_promise (store, p, &error);
    g_assert_no_error (error);
    again = confianza_store_get_promise (store, f.promise, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (confianza_promise_get_title (again), ==, "Informe final");

    g_assert_true (confianza_store_delete_promise (store, f.promise, &error));
    g_assert_no_error (error);
    ghost = confianza_store_get_promise (store, f.promise, &error);
    g_assert_null (ghost);
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (confianza_store_delete_promise (store, f.promise, &error));
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);

    /* Updating a record that is gone is not an insert */
    g_assert_false (confianza_store_save_promise (store, p, &error));
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpint (confianza_promise_get_id (p), ==, f.promise);
  }

  /* Quick win, conversation, follow-up, compensation: through their lists */
  {
    g_autoptr(GListModel) wins = confianza_store_get_quick_wins (store, f.client);
    g_autoptr(ConfianzaQuickWin) w = find_by_id (wins, f.quick_win);
    g_autoptr(ConfianzaQuickWin) copy = confianza_quick_win_copy (w);
    g_autoptr(ConfianzaQuickWin) stored = NULL;

    confianza_quick_win_set_title (copy, "Web aún más rápida");
    confianza_store_save_quick_win (store, copy, &error);
    g_assert_no_error (error);
    stored = find_by_id (wins, f.quick_win);
    g_assert_true (stored == copy);
    g_assert_true (confianza_store_delete_quick_win (store, f.quick_win, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (wins), ==, 0);
    g_assert_false (confianza_store_delete_quick_win (store, f.quick_win, &error));
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr(GListModel) list = confianza_store_get_conversations (store, f.client);
    g_autoptr(ConfianzaConversation) c = find_by_id (list, f.conversation);

    confianza_conversation_set_agreed (c, "Nueva reunión");
    confianza_store_save_conversation (store, c, &error);
    g_assert_no_error (error);
    close_store (&store);
    store = open_ok (path);
    g_clear_object (&list);
    list = confianza_store_get_conversations (store, f.client);
    g_clear_object (&c);
    c = find_by_id (list, f.conversation);
    g_assert_cmpstr (confianza_conversation_get_agreed (c), ==, "Nueva reunión");
    g_assert_true (confianza_store_delete_conversation (store, f.conversation, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
    g_assert_false (confianza_store_delete_conversation (store, f.conversation, &error));
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr(GListModel) list = confianza_store_get_follow_ups (store, f.plan);
    g_autoptr(ConfianzaFollowUp) fu = find_by_id (list, f.follow_ups[0]);

    confianza_follow_up_set_done_on (fu, util_day (2024, 1, 14));
    confianza_store_save_follow_up (store, fu, &error);
    g_assert_no_error (error);
    g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM follow_up WHERE done_on = '2024-01-14'"), ==, 1);
    g_assert_true (confianza_store_delete_follow_up (store, f.follow_ups[0], &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
    g_assert_false (confianza_store_delete_follow_up (store, f.follow_ups[0], &error));
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr(GListModel) list = confianza_store_get_compensations (store, f.plan);
    g_autoptr(ConfianzaCompensation) c = find_by_id (list, f.compensation);

    confianza_compensation_set_amount_cents (c, 7550);
    confianza_store_save_compensation (store, c, &error);
    g_assert_no_error (error);
    g_assert_cmpint (raw_query_int (path, "SELECT amount_cents FROM compensation"), ==, 7550);
    g_assert_true (confianza_store_delete_compensation (store, f.compensation, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
    g_assert_false (confianza_store_delete_compensation (store, f.compensation, &error));
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Plan: deleting it keeps its guarantee promise, untied */
  {
    g_autoptr(ConfianzaRecoveryPlan) p = confianza_store_get_recovery_plan (store, f.plan, &error);
    g_autoptr(ConfianzaRecoveryPlan) ghost = NULL;
    g_autoptr(ConfianzaPromise) guarantee = NULL;
    g_assert_no_error (error);
    confianza_recovery_plan_set_step (p, 3);
    confianza_store_save_recovery_plan (store, p, &error);
    g_assert_no_error (error);
    g_assert_cmpint (raw_query_int (path, "SELECT step FROM recovery_plan"), ==, 3);

    g_assert_true (confianza_store_delete_recovery_plan (store, f.plan, &error));
    g_assert_no_error (error);
    ghost = confianza_store_get_recovery_plan (store, f.plan, &error);
    g_assert_null (ghost);
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (confianza_store_delete_recovery_plan (store, f.plan, &error));
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);

    guarantee = confianza_store_get_promise (store, f.guarantee, &error);
    g_assert_no_error (error);
    g_assert_cmpint (confianza_promise_get_plan_id (guarantee), ==, 0);

    /* No plan for the incident any more: NULL without an error */
    g_assert_null (confianza_store_get_plan_for_incident (store, f.incident, &error));
    g_assert_no_error (error);
  }

  /* Incident */
  {
    g_autoptr(GListModel) list = confianza_store_get_incidents (store, f.client);
    g_autoptr(ConfianzaIncident) i = find_by_id (list, f.incident);

    confianza_incident_set_cause (i, "Comunicación");
    confianza_store_save_incident (store, i, &error);
    g_assert_no_error (error);
    g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM incident WHERE cause = 'Comunicación'"), ==, 1);
    g_assert_true (confianza_store_delete_incident (store, f.incident, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
    g_assert_false (confianza_store_delete_incident (store, f.incident, &error));
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* Client last: only the guarantee promise was left */
  confianza_store_count (store, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.clients, ==, 1);
  g_assert_cmpuint (counts.promises, ==, 1);
  g_assert_true (confianza_store_delete_client (store, f.client, &error));
  g_assert_no_error (error);
  g_assert_null (confianza_store_get_client (store, f.client, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (confianza_store_delete_client (store, f.client, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  confianza_store_count (store, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.clients + counts.promises + counts.quick_wins +
                    counts.conversations + counts.incidents + counts.plans +
                    counts.follow_ups + counts.compensations, ==, 0);

  close_store (&store);
  util_rm_rf (dir);
}

/* A child of a client that does not exist is refused, in words */
static void
test_missing_parent (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "orphan.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (4242, "Nadie", util_day (2024, 1, 1), util_day (2024, 1, 2));

  g_assert_false (confianza_store_save_promise (store, promise, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (confianza_promise_get_id (promise), ==, 0);

  close_store (&store);
  util_rm_rf (dir);
}

/* Live lists */

static void
test_live_clients (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "clients.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(GListModel) again = NULL;
  g_autoptr(ConfianzaClient) beta = NULL;
  g_autoptr(ConfianzaClient) alfa = NULL;
  g_autoptr(ConfianzaClient) gamma = NULL;
  g_autoptr(ConfianzaClient) delta = NULL;
  g_autoptr(ConfianzaClient) copy = NULL;
  g_autoptr(ConfianzaClient) item = NULL;

  beta = save_new_client (store, "beta");

  clients = confianza_store_get_clients (store);
  again = confianza_store_get_clients (store);
  g_assert_true (clients == again);
  g_assert_true (g_list_model_get_item_type (clients) == CONFIANZA_TYPE_CLIENT);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);
  g_signal_connect (clients, "items-changed", G_CALLBACK (on_items_changed), changes);

  alfa = save_new_client (store, "Alfa");
  assert_change (changes, 0, 0, 0, 1);
  gamma = save_new_client (store, "gamma");
  assert_change (changes, 1, 2, 0, 1);
  delta = save_new_client (store, "Delta");
  assert_change (changes, 2, 2, 0, 1);
  g_assert_cmpuint (changes->len, ==, 3);

  /* Case-insensitive: Alfa, beta, Delta, gamma */
  g_assert_cmpint (item_id_at (clients, 0), ==, confianza_client_get_id (alfa));
  g_assert_cmpint (item_id_at (clients, 1), ==, confianza_client_get_id (beta));
  g_assert_cmpint (item_id_at (clients, 2), ==, confianza_client_get_id (delta));
  g_assert_cmpint (item_id_at (clients, 3), ==, confianza_client_get_id (gamma));

  /* The saved instance is what the list holds */
  item = g_list_model_get_item (clients, 0);
  g_assert_true (item == alfa);
  g_clear_object (&item);

  /* Same instance, same place: its own notify is enough */
  confianza_client_set_phone (alfa, "600");
  confianza_store_save_client (store, alfa, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 3);

  /* A copy that keeps its place replaces the item there */
  copy = confianza_client_copy (beta);
  confianza_client_set_notes (copy, "Nota");
  confianza_store_save_client (store, copy, &error);
  g_assert_no_error (error);
  assert_change (changes, 3, 1, 1, 1);
  item = g_list_model_get_item (clients, 1);
  g_assert_true (item == copy);
  g_clear_object (&item);

  /* Renamed past the others: moves to its sorted place */
  confianza_client_set_name (alfa, "Zulu");
  confianza_store_save_client (store, alfa, &error);
  g_assert_no_error (error);
  assert_change (changes, 4, 0, 1, 0);
  assert_change (changes, 5, 3, 0, 1);
  g_assert_cmpint (item_id_at (clients, 3), ==, confianza_client_get_id (alfa));

  /* A failed save changes nothing */
  confianza_client_set_name (copy, "");
  g_assert_false (confianza_store_save_client (store, copy, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_cmpuint (changes->len, ==, 6);

  g_assert_true (confianza_store_delete_client (store, confianza_client_get_id (delta), &error));
  g_assert_no_error (error);
  assert_change (changes, 6, 1, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 3);

  g_signal_handlers_disconnect_by_func (clients, on_items_changed, changes);
  g_clear_object (&clients);
  g_clear_object (&again);
  close_store (&store);
  util_rm_rf (dir);
}

static void
assert_promises_sorted (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 1; i < n; i++)
    {
      g_autoptr(ConfianzaPromise) a = g_list_model_get_item (model, i - 1);
      g_autoptr(ConfianzaPromise) b = g_list_model_get_item (model, i);
      int cmp = g_date_time_compare (confianza_promise_get_due_on (a), confianza_promise_get_due_on (b));

      g_assert_true (cmp < 0 ||
                     (cmp == 0 && confianza_promise_get_id (a) < confianza_promise_get_id (b)));
    }
}

static void
test_live_promises (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "promises.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(ConfianzaClient) client = save_new_client (store, "Cliente");
  g_autoptr(ConfianzaClient) other = save_new_client (store, "Otro");
  gint64 client_id = confianza_client_get_id (client);
  GListModel *promises = confianza_store_get_promises (store, client_id);
  GListModel *weak = promises;
  g_autoptr(GListModel) same = confianza_store_get_promises (store, client_id);
  g_autoptr(ConfianzaPromise) p1 = NULL;
  g_autoptr(ConfianzaPromise) p2 = NULL;
  g_autoptr(ConfianzaPromise) p3 = NULL;
  g_autoptr(ConfianzaPromise) p4 = NULL;
  g_autoptr(ConfianzaPromise) copy = NULL;
  g_autoptr(ConfianzaPromise) elsewhere = NULL;

  g_assert_true (promises == same);
  g_clear_object (&same);
  g_signal_connect (promises, "items-changed", G_CALLBACK (on_items_changed), changes);

  p1 = save_new_promise (store, client_id, "uno", util_day (2024, 3, 10));
  assert_change (changes, 0, 0, 0, 1);
  p2 = save_new_promise (store, client_id, "dos", util_day (2024, 3, 5));
  assert_change (changes, 1, 0, 0, 1);
  p3 = save_new_promise (store, client_id, "tres", util_day (2024, 3, 20));
  assert_change (changes, 2, 2, 0, 1);
  /* Same due date as p1: after it, by id */
  p4 = save_new_promise (store, client_id, "cuatro", util_day (2024, 3, 10));
  assert_change (changes, 3, 2, 0, 1);
  assert_promises_sorted (promises);
  g_assert_cmpint (item_id_at (promises, 0), ==, confianza_promise_get_id (p2));
  g_assert_cmpint (item_id_at (promises, 3), ==, confianza_promise_get_id (p3));

  /* Another client's promise is not in this list */
  elsewhere = save_new_promise (store, confianza_client_get_id (other), "ajena", util_day (2024, 3, 1));
  g_assert_cmpuint (changes->len, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (promises), ==, 4);

  /* A copy moved later: out of position 0, into the end */
  copy = confianza_promise_copy (p2);
  confianza_promise_set_due_on (copy, util_day (2024, 3, 25));
  confianza_store_save_promise (store, copy, &error);
  g_assert_no_error (error);
  assert_change (changes, 4, 0, 1, 0);
  assert_change (changes, 5, 3, 0, 1);
  assert_promises_sorted (promises);
  {
    g_autoptr(ConfianzaPromise) last = g_list_model_get_item (promises, 3);
    g_assert_true (last == copy);
  }

  /* The instance in the list, changed without moving: no items-changed */
  confianza_promise_set_title (p3, "tres bis");
  confianza_store_save_promise (store, p3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 6);

  /* Moved to another client: it leaves this list */
  confianza_promise_set_client_id (p4, confianza_client_get_id (other));
  confianza_store_save_promise (store, p4, &error);
  g_assert_no_error (error);
  assert_change (changes, 6, 1, 1, 0);
  assert_promises_sorted (promises);

  g_assert_true (confianza_store_delete_promise (store, confianza_promise_get_id (p1), &error));
  g_assert_no_error (error);
  assert_change (changes, 7, 0, 1, 0);
  g_assert_cmpuint (g_list_model_get_n_items (promises), ==, 2);

  /* The cache lets the list go with its last reference */
  g_signal_handlers_disconnect_by_func (promises, on_items_changed, changes);
  g_object_add_weak_pointer (G_OBJECT (promises), (gpointer *) &weak);
  g_object_unref (promises);
  g_assert_null (weak);

  /* Saving with nobody listening is fine, and a new list reads the file */
  confianza_promise_set_title (p3, "tres ter");
  confianza_store_save_promise (store, p3, &error);
  g_assert_no_error (error);
  promises = confianza_store_get_promises (store, client_id);
  g_assert_cmpuint (g_list_model_get_n_items (promises), ==, 2);
  assert_promises_sorted (promises);
  {
    g_autoptr(ConfianzaPromise) first = g_list_model_get_item (promises, 0);
    g_assert_cmpstr (confianza_promise_get_title (first), ==, "tres ter");
  }

  /* A list outliving its store stays usable */
  close_store (&store);
  g_assert_cmpuint (g_list_model_get_n_items (promises), ==, 2);
  g_object_unref (promises);

  util_rm_rf (dir);
}

/* Lists of every other kind follow adds, updates and deletes too */
static void
test_live_children (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "children.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) client = save_new_client (store, "Cliente");
  gint64 client_id = confianza_client_get_id (client);
  g_autoptr(GListModel) wins = confianza_store_get_quick_wins (store, client_id);
  g_autoptr(GListModel) conversations = confianza_store_get_conversations (store, client_id);
  g_autoptr(GListModel) incidents = confianza_store_get_incidents (store, client_id);
  g_autoptr(GListModel) plans = confianza_store_get_recovery_plans (store, client_id);
  g_autoptr(GListModel) all_plans = confianza_store_get_recovery_plans (store, 0);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(ConfianzaQuickWin) w1 = confianza_quick_win_new (client_id, "w1", util_day (2024, 1, 1));
  g_autoptr(ConfianzaQuickWin) w2 = confianza_quick_win_new (client_id, "w2", util_day (2024, 2, 1));
  g_autoptr(ConfianzaConversation) c1 = confianza_conversation_new (client_id, util_day (2024, 1, 1), CONFIANZA_CHANNEL_EMAIL);
  g_autoptr(ConfianzaConversation) c2 = confianza_conversation_new (client_id, util_day (2024, 1, 3), CONFIANZA_CHANNEL_EMAIL);
  g_autoptr(ConfianzaIncident) i1 = confianza_incident_new (client_id, util_day (2024, 1, 1), "i1");
  g_autoptr(ConfianzaIncident) i2 = confianza_incident_new (client_id, util_day (2024, 1, 9), "i2");
  g_autoptr(ConfianzaRecoveryPlan) r1 = NULL;
  g_autoptr(ConfianzaRecoveryPlan) r2 = NULL;
  g_autoptr(GListModel) follow_ups = NULL;
  g_autoptr(GListModel) compensations = NULL;
  g_autoptr(ConfianzaFollowUp) f1 = NULL;
  g_autoptr(ConfianzaFollowUp) f2 = NULL;
  g_autoptr(ConfianzaCompensation) k1 = NULL;
  g_autoptr(ConfianzaCompensation) k2 = NULL;
  g_autoptr(ConfianzaPromise) guarantee = NULL;
  g_autoptr(GListModel) promises = NULL;

  /* Newest first */
  g_signal_connect (wins, "items-changed", G_CALLBACK (on_items_changed), changes);
  confianza_store_save_quick_win (store, w1, &error);
  g_assert_no_error (error);
  confianza_store_save_quick_win (store, w2, &error);
  g_assert_no_error (error);
  assert_change (changes, 0, 0, 0, 1);
  assert_change (changes, 1, 0, 0, 1);
  g_assert_cmpint (item_id_at (wins, 0), ==, confianza_quick_win_get_id (w2));
  confianza_quick_win_set_achieved_on (w1, util_day (2024, 3, 1));
  confianza_store_save_quick_win (store, w1, &error);
  g_assert_no_error (error);
  assert_change (changes, 2, 1, 1, 0);
  assert_change (changes, 3, 0, 0, 1);
  g_assert_cmpint (item_id_at (wins, 0), ==, confianza_quick_win_get_id (w1));
  g_signal_handlers_disconnect_by_func (wins, on_items_changed, changes);

  confianza_conversation_set_agreed (c1, "a");
  confianza_conversation_set_agreed (c2, "b");
  confianza_store_save_conversation (store, c1, &error);
  g_assert_no_error (error);
  confianza_store_save_conversation (store, c2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item_id_at (conversations, 0), ==, confianza_conversation_get_id (c2));
  g_assert_cmpint (item_id_at (conversations, 1), ==, confianza_conversation_get_id (c1));

  confianza_store_save_incident (store, i1, &error);
  g_assert_no_error (error);
  confianza_store_save_incident (store, i2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item_id_at (incidents, 0), ==, confianza_incident_get_id (i2));

  r1 = confianza_recovery_plan_new (client_id, confianza_incident_get_id (i1), util_day (2024, 1, 2));
  r2 = confianza_recovery_plan_new (client_id, confianza_incident_get_id (i2), util_day (2024, 1, 10));
  confianza_store_save_recovery_plan (store, r1, &error);
  g_assert_no_error (error);
  confianza_store_save_recovery_plan (store, r2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (all_plans), ==, 2);
  g_assert_cmpint (item_id_at (plans, 0), ==, confianza_recovery_plan_get_id (r2));
  g_assert_cmpint (item_id_at (all_plans, 0), ==, confianza_recovery_plan_get_id (r2));

  /* One plan per incident */
  {
    g_autoptr(ConfianzaRecoveryPlan) twin = confianza_recovery_plan_new (client_id, confianza_incident_get_id (i1), util_day (2024, 1, 2));
    g_assert_false (confianza_store_save_recovery_plan (store, twin, &error));
    g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED);
    g_clear_error (&error);
    g_assert_cmpint (confianza_recovery_plan_get_id (twin), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 2);
  }

  follow_ups = confianza_store_get_follow_ups (store, confianza_recovery_plan_get_id (r1));
  compensations = confianza_store_get_compensations (store, confianza_recovery_plan_get_id (r1));
  f1 = confianza_follow_up_new (confianza_recovery_plan_get_id (r1), client_id, util_day (2024, 2, 9));
  f2 = confianza_follow_up_new (confianza_recovery_plan_get_id (r1), client_id, util_day (2024, 2, 2));
  confianza_store_save_follow_up (store, f1, &error);
  g_assert_no_error (error);
  confianza_store_save_follow_up (store, f2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (item_id_at (follow_ups, 0), ==, confianza_follow_up_get_id (f2));

  k1 = confianza_compensation_new (confianza_recovery_plan_get_id (r1), client_id, CONFIANZA_COMPENSATION_OTHER);
  confianza_compensation_set_description (k1, "Regalo");
  k2 = confianza_compensation_new (confianza_recovery_plan_get_id (r1), client_id, CONFIANZA_COMPENSATION_OTHER);
  confianza_compensation_set_description (k2, "Descuento");
  confianza_compensation_set_given_on (k2, util_day (2024, 1, 4));
  confianza_store_save_compensation (store, k1, &error);
  g_assert_no_error (error);
  confianza_store_save_compensation (store, k2, &error);
  g_assert_no_error (error);
  /* Given ones by date, the ones not given yet last */
  g_assert_cmpint (item_id_at (compensations, 0), ==, confianza_compensation_get_id (k2));
  g_assert_cmpint (item_id_at (compensations, 1), ==, confianza_compensation_get_id (k1));

  promises = confianza_store_get_promises (store, client_id);
  guarantee = confianza_promise_new (client_id, "Garantía", util_day (2024, 1, 2), util_day (2024, 6, 1));
  confianza_promise_set_plan_id (guarantee, confianza_recovery_plan_get_id (r1));
  confianza_store_save_promise (store, guarantee, &error);
  g_assert_no_error (error);
  confianza_recovery_plan_set_guarantee_promise_id (r2, confianza_promise_get_id (guarantee));
  confianza_store_save_recovery_plan (store, r2, &error);
  g_assert_no_error (error);

  /* Deleting the incident takes its plan, follow-ups and compensations,
   * and unties the guarantee promise */
  g_assert_true (confianza_store_delete_incident (store, confianza_incident_get_id (i1), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (incidents), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (all_plans), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (follow_ups), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (compensations), ==, 0);
  g_assert_cmpint (confianza_promise_get_plan_id (guarantee), ==, 0);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM promise WHERE plan_id IS NULL"), ==, 1);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM follow_up"), ==, 0);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM compensation"), ==, 0);

  /* Deleting a guarantee promise unties the plan that pointed at it */
  g_assert_true (confianza_store_delete_promise (store, confianza_promise_get_id (guarantee), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (promises), ==, 0);
  g_assert_cmpint (confianza_recovery_plan_get_guarantee_promise_id (r2), ==, 0);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM recovery_plan WHERE guarantee_promise_id IS NULL"), ==, 1);

  close_store (&store);
  util_rm_rf (dir);
}

/* Last contact */

static void
assert_last_contact (ConfianzaStore  *store,
                     ConfianzaClient *live,
                     GDateTime       *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) stored = confianza_store_get_client (store, confianza_client_get_id (live), &error);

  g_assert_no_error (error);
  g_assert_true (confianza_date_equal (confianza_client_get_last_contact (stored), expected));
  g_assert_true (confianza_date_equal (confianza_client_get_last_contact (live), expected));
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_last_contact (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "contact.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) client = save_new_client (store, "Cliente");
  gint64 client_id = confianza_client_get_id (client);
  g_autoptr(GListModel) clients = confianza_store_get_clients (store);
  g_autoptr(ConfianzaClient) live = g_list_model_get_item (clients, 0);
  g_autoptr(ConfianzaConversation) c1 = confianza_conversation_new (client_id, util_day (2024, 3, 10), CONFIANZA_CHANNEL_CALL);
  g_autoptr(ConfianzaConversation) c2 = confianza_conversation_new (client_id, util_day (2024, 3, 1), CONFIANZA_CHANNEL_CALL);
  g_autoptr(ConfianzaPromise) open_promise = NULL;
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(ConfianzaQuickWin) unshared = confianza_quick_win_new (client_id, "Sin compartir", util_day (2024, 4, 1));
  g_autoptr(ConfianzaQuickWin) shared = confianza_quick_win_new (client_id, "Compartido", util_day (2024, 3, 18));
  guint notified = 0;

  g_signal_connect (live, "notify::last-contact", G_CALLBACK (on_notify_count), &notified);
  assert_last_contact (store, live, NULL);

  confianza_conversation_set_client_said (c1, "Hola");
  confianza_store_save_conversation (store, c1, &error);
  g_assert_no_error (error);
  assert_last_contact (store, live, util_day (2024, 3, 10));
  g_assert_cmpuint (notified, ==, 1);

  /* An older conversation does not move it back */
  confianza_conversation_set_client_said (c2, "Antes");
  confianza_store_save_conversation (store, c2, &error);
  g_assert_no_error (error);
  assert_last_contact (store, live, util_day (2024, 3, 10));
  g_assert_cmpuint (notified, ==, 1);

  /* A promise not delivered is no contact; its delivery is */
  open_promise = save_new_promise (store, client_id, "Abierta", util_day (2024, 12, 1));
  assert_last_contact (store, live, util_day (2024, 3, 10));
  promise = save_new_promise (store, client_id, "Entrega", util_day (2024, 3, 20));
  confianza_promise_set_delivered_on (promise, util_day (2024, 3, 15));
  confianza_store_save_promise (store, promise, &error);
  g_assert_no_error (error);
  assert_last_contact (store, live, util_day (2024, 3, 15));
  g_assert_cmpuint (notified, ==, 2);

  /* A quick win counts once it is shared */
  confianza_store_save_quick_win (store, unshared, &error);
  g_assert_no_error (error);
  assert_last_contact (store, live, util_day (2024, 3, 15));
  confianza_quick_win_set_shared_on (shared, util_day (2024, 3, 20));
  confianza_store_save_quick_win (store, shared, &error);
  g_assert_no_error (error);
  assert_last_contact (store, live, util_day (2024, 3, 20));
  g_assert_cmpuint (notified, ==, 3);

  /* An older delivery does not move it back either */
  confianza_promise_set_delivered_on (promise, util_day (2024, 3, 16));
  confianza_store_save_promise (store, promise, &error);
  g_assert_no_error (error);
  assert_last_contact (store, live, util_day (2024, 3, 20));

  g_signal_handlers_disconnect_by_func (live, on_notify_count, &notified);
  close_store (&store);
  util_rm_rf (dir);
}

/* Validation */

static void
test_validation (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "valid.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) nameless = confianza_client_new ("   ");
  g_autoptr(ConfianzaClient) client = save_new_client (store, "Cliente");
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(ConfianzaPromise) stored = NULL;
  g_autoptr(ConfianzaQuickWin) win = NULL;
  ConfianzaStoreCounts counts;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_false (confianza_store_save_client (store, nameless, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_cmpint (confianza_client_get_id (nameless), ==, 0);

  promise = save_new_promise (store, confianza_client_get_id (client), "Bien", util_day (2024, 2, 1));
  before = raw_query_text (path, "SELECT title || due_on FROM promise");

  /* Due before it was promised: the model's error, untouched */
  confianza_promise_set_title (promise, "Mal");
  confianza_promise_set_due_on (promise, util_day (2023, 1, 1));
  g_assert_false (confianza_store_save_promise (store, promise, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_DATE_ORDER);
  g_clear_error (&error);
  after = raw_query_text (path, "SELECT title || due_on FROM promise");
  g_assert_cmpstr (before, ==, after);
  stored = confianza_store_get_promise (store, confianza_promise_get_id (promise), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (confianza_promise_get_title (stored), ==, "Bien");

  win = confianza_quick_win_new (confianza_client_get_id (client), "", util_day (2024, 1, 1));
  g_assert_false (confianza_store_save_quick_win (store, win, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_EMPTY);
  g_clear_error (&error);

  confianza_store_count (store, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.clients, ==, 1);
  g_assert_cmpuint (counts.promises, ==, 1);
  g_assert_cmpuint (counts.quick_wins, ==, 0);

  close_store (&store);
  util_rm_rf (dir);
}

/* Refusals: the file is left byte for byte as it was, and nothing appears
 * beside it */

static void
assert_refused (const char          *path,
                ConfianzaStoreError  code)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *listing_before = g_file_test (folder, G_FILE_TEST_IS_DIR) ? util_list_dir (folder) : NULL;
  gboolean regular = g_file_test (path, G_FILE_TEST_IS_REGULAR);
  g_autofree char *sum_before = regular ? file_checksum (path) : NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store;

  store = confianza_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CONFIANZA_STORE_ERROR, (int) code);
  g_test_message ("Refused with: %s", error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  if (regular)
    {
      g_autofree char *sum_after = file_checksum (path);
      g_assert_cmpstr (sum_before, ==, sum_after);
    }

  if (listing_before != NULL)
    {
      g_autofree char *listing_after = util_list_dir (folder);
      g_assert_cmpstr (listing_before, ==, listing_after);
    }
}

static void
test_refuse_random (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "random.db", NULL);
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (20240301);
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  g_file_set_contents (path, (const char *) bytes, sizeof bytes, &error);
  g_assert_no_error (error);

  assert_refused (path, CONFIANZA_STORE_ERROR_NOT_OURS);

  util_rm_rf (dir);
}

static void
test_refuse_empty (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);

  assert_refused (path, CONFIANZA_STORE_ERROR_NOT_OURS);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);

  util_rm_rf (dir);
}

static void
test_refuse_short_header (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "short.db", NULL);
  g_autoptr(GError) error = NULL;

  /* An SQLite header cut off after 40 bytes */
  g_file_set_contents (path, "SQLite format 3\0abcdefghijklmnopqrstuvwx", 40, &error);
  g_assert_no_error (error);

  assert_refused (path, CONFIANZA_STORE_ERROR_DAMAGED);

  util_rm_rf (dir);
}

static void
test_refuse_directory (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "folder.db", NULL);
  g_autofree char *inside = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  assert_refused (path, CONFIANZA_STORE_ERROR_IS_DIRECTORY);
  inside = util_list_dir (path);
  g_assert_cmpstr (inside, ==, "");

  util_rm_rf (dir);
}

static void
test_refuse_other_program (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *zero = g_build_filename (dir, "zero.db", NULL);
  g_autofree char *other = g_build_filename (dir, "other.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "wal.db", NULL);

  raw_exec (zero, "CREATE TABLE things (x TEXT); INSERT INTO things VALUES ('a');");
  g_assert_cmpint (raw_query_int (zero, "PRAGMA application_id"), ==, 0);
  assert_refused (zero, CONFIANZA_STORE_ERROR_NOT_OURS);

  raw_exec (other, "PRAGMA application_id = 305419896; PRAGMA user_version = 1;"
                   "CREATE TABLE client (id INTEGER PRIMARY KEY, name TEXT);");
  assert_refused (other, CONFIANZA_STORE_ERROR_NOT_OURS);

  /* Even one in WAL mode: not opened at all, so not checkpointed */
  raw_exec (wal, "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_refused (wal, CONFIANZA_STORE_ERROR_NOT_OURS);

  util_rm_rf (dir);
}

static void
test_refuse_newer (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(ConfianzaClient) client = save_new_client (store, "Cliente");
  g_autoptr(GError) error = NULL;

  close_store (&store);
  raw_exec (path, "PRAGMA user_version = 99");
  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, 99);

  assert_refused (path, CONFIANZA_STORE_ERROR_NEWER_VERSION);
  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, 99);

  util_rm_rf (dir);
}

/* The newer version is only in the log a crash left behind: the header on
 * disk still says 1. Neither the file nor its log may change. */
static void
test_refuse_newer_in_wal (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "crashed.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *wal_before = NULL;
  g_autofree char *wal_after = NULL;
  ConfianzaStore *store = open_ok (path);
  g_autoptr(ConfianzaClient) client = save_new_client (store, "Cliente");
  sqlite3 *db = NULL;

  close_store (&store);

  /* Closing without a checkpoint is what a crash leaves */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_true (g_file_test (wal, G_FILE_TEST_IS_REGULAR));
  wal_before = file_checksum (wal);

  assert_refused (path, CONFIANZA_STORE_ERROR_NEWER_VERSION);

  wal_after = file_checksum (wal);
  g_assert_cmpstr (wal_before, ==, wal_after);

  util_rm_rf (dir);
}

static void
test_refuse_damaged (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store = open_ok (path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean check_ok;
  guint page_size;
  gsize length;
  int root;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Cliente %u", i);
      g_autoptr(ConfianzaClient) client = save_new_client (store, name);
    }
  close_store (&store);

  root = raw_query_int (path, "SELECT rootpage FROM sqlite_master WHERE name = 'client'");
  g_assert_cmpint (root, >=, 2);

  /* Zero the b-tree page header of the client table's root page */
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  page_size = ((guint8) contents[16] << 8) | (guint8) contents[17];
  if (page_size == 1)
    page_size = 65536;
  g_assert_cmpuint (length, >=, (gsize) root * page_size);
  memset (contents + (gsize) (root - 1) * page_size, 0, 12);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  /* The damage is real: SQLite's own check fails (as a row or an error) */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL), ==, SQLITE_OK);
  check_ok = sqlite3_step (stmt) == SQLITE_ROW &&
             g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_false (check_ok);

  assert_refused (path, CONFIANZA_STORE_ERROR_DAMAGED);

  util_rm_rf (dir);
}

static void
test_refuse_no_folder (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autofree char *path = g_build_filename (missing, "sub", "x.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;

  g_assert_null (confianza_store_open (path, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NO_FOLDER);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  listing = util_list_dir (dir);
  g_assert_cmpstr (listing, ==, "");

  util_rm_rf (dir);
}

/* Runs a command, TRUE when it succeeded */
static gboolean
run_quietly (const char **argv)
{
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;

  return g_spawn_check_wait_status (status, NULL);
}

static void
test_refuse_read_only (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *locked = g_build_filename (dir, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "ro.db", NULL);
  g_autofree char *fresh = g_build_filename (locked, "new.db", NULL);
  g_autofree char *probe = g_build_filename (locked, "probe", NULL);
  ConfianzaStore *store;
  int fd;

  g_assert_cmpint (g_mkdir (locked, 0700), ==, 0);
  store = open_ok (path);
  close_store (&store);
  g_assert_cmpint (g_chmod (locked, 0500), ==, 0);

  /* A real probe: root (as in many containers) writes anyway */
  fd = g_open (probe, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd >= 0)
    {
      gboolean mounted;

      close (fd);
      g_unlink (probe);

      /* Root is stopped by a read-only mount, not by permissions: bind the
       * folder onto itself, read-only, where root may mount. */
      mounted = run_quietly ((const char *[]) { "mount", "--bind", locked, locked, NULL }) &&
                (run_quietly ((const char *[]) { "mount", "-o", "remount,ro,bind", locked, NULL }) ||
                 (run_quietly ((const char *[]) { "umount", locked, NULL }) && FALSE));
      if (!mounted)
        {
          util_rm_rf (dir);
          g_test_skip ("running as root, who may write anywhere, and no read-only mount can be made here");
          return;
        }

      assert_refused (path, CONFIANZA_STORE_ERROR_READ_ONLY);
      assert_refused (fresh, CONFIANZA_STORE_ERROR_READ_ONLY);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

      g_assert_true (run_quietly ((const char *[]) { "umount", locked, NULL }));
      util_rm_rf (dir);
      return;
    }

  assert_refused (path, CONFIANZA_STORE_ERROR_READ_ONLY);
  assert_refused (fresh, CONFIANZA_STORE_ERROR_READ_ONLY);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

  util_rm_rf (dir);
}

/* Migrations */

static void
test_migrate_from_zero (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *second = NULL;
  g_autofree char *original = NULL;
  g_autofree char *backup_sum = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store;
  GStatBuf st;

  raw_exec (path, "PRAGMA application_id = 1131376230");
  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, 0);
  original = file_checksum (path);

  store = open_ok (path);
  g_assert_cmpint (confianza_store_get_schema_version (store), ==, CONFIANZA_STORE_SCHEMA_VERSION);
  backup = g_strconcat (path, ".backup-v0", NULL);
  g_assert_cmpstr (confianza_store_get_backup_path (store), ==, backup);
  {
    g_autoptr(ConfianzaClient) client = save_new_client (store, "Después");
  }
  close_store (&store);

  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, CONFIANZA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM client"), ==, 1);
  backup_sum = file_checksum (backup);
  g_assert_cmpstr (backup_sum, ==, original);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A second upgrade does not overwrite the first backup */
  g_unlink (path);
  raw_exec (path, "PRAGMA application_id = 1131376230");
  store = open_ok (path);
  second = g_strconcat (path, ".backup-v0-2", NULL);
  g_assert_cmpstr (confianza_store_get_backup_path (store), ==, second);
  g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
  close_store (&store);
  g_clear_pointer (&backup_sum, g_free);
  backup_sum = file_checksum (backup);
  g_assert_cmpstr (backup_sum, ==, original);

  util_rm_rf (dir);
}

/* Version 2 adds the indexes of open promises to a version 1 file, after a
 * backup of it, and keeps every record */
static void
test_migrate_from_one (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "one.db", NULL);
  g_autofree char *backup = g_strconcat (path, ".backup-v1", NULL);
  g_autofree char *original = NULL;
  g_autofree char *backup_sum = NULL;
  g_autofree char *indexes = NULL;
  g_autofree char *plan = NULL;
  ConfianzaStore *store;

  /* A version 1 file is today's without what migrations 2 to 4 added */
  store = open_ok (path);
  {
    g_autoptr(ConfianzaClient) client = save_new_client (store, "Antes");
  }
  close_store (&store);
  raw_exec (path, "DROP INDEX promise_open_due; DROP INDEX promise_open_client;"
                  UTIL_SQL_UNDO_MIGRATIONS_AFTER_5
                  "DROP TABLE recommendation; ALTER TABLE client DROP COLUMN status_manual;"
                  "DROP TABLE housekeeping;"
                  "PRAGMA user_version = 1");
  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, 1);
  original = file_checksum (path);

  store = open_ok (path);
  g_assert_cmpint (confianza_store_get_schema_version (store), ==, CONFIANZA_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (confianza_store_get_backup_path (store), ==, backup);
  close_store (&store);

  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, CONFIANZA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM client WHERE name = 'Antes'"), ==, 1);
  indexes = raw_query_text (path, "SELECT name FROM sqlite_master WHERE type = 'index'"
                                  " AND name LIKE 'promise_open_%' ORDER BY name");
  g_assert_cmpstr (indexes, ==, "promise_open_client\npromise_open_due\n");
  backup_sum = file_checksum (backup);
  g_assert_cmpstr (backup_sum, ==, original);
  g_assert_cmpint (raw_query_int (backup, "PRAGMA user_version"), ==, 1);

  /* What Today asks reads only the open promises */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    GString *details = g_string_new (NULL);

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
    g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN SELECT id FROM promise"
                                             " WHERE delivered_on IS NULL AND broken = 0"
                                             " AND due_on <= '2024-01-01' ORDER BY due_on, id",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (details, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    plan = g_string_free (details, FALSE);
  }
  g_assert_nonnull (strstr (plan, "promise_open_due"));

  util_rm_rf (dir);
}

/* Version 3 adds the would-recommend answers and the clients' manual
 * status to a version 2 file, after a backup of it: every client keeps
 * their status, and follows the facts from then on */
static void
test_migrate_from_two (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "two.db", NULL);
  g_autofree char *backup = g_strconcat (path, ".backup-v2", NULL);
  g_autofree char *original = NULL;
  g_autofree char *backup_sum = NULL;
  g_autofree char *columns = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaStore *store;

  store = open_ok (path);
  {
    g_autoptr(ConfianzaClient) client = save_new_client (store, "Antes");
  }
  close_store (&store);
  raw_exec (path, UTIL_SQL_UNDO_MIGRATIONS_AFTER_5
                  "DROP TABLE recommendation; ALTER TABLE client DROP COLUMN status_manual;"
                  "DROP TABLE housekeeping; UPDATE client SET status = 'lost';"
                  "PRAGMA user_version = 2");
  original = file_checksum (path);

  store = open_ok (path);
  g_assert_cmpint (confianza_store_get_schema_version (store), ==, CONFIANZA_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (confianza_store_get_backup_path (store), ==, backup);
  {
    g_autoptr(ConfianzaClient) client = confianza_store_get_client (store, raw_query_int (path, "SELECT id FROM client"), &error);
    g_autoptr(ConfianzaRecommendation) answer = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_LOST);
    g_assert_false (confianza_client_get_status_manual (client));

    answer = confianza_recommendation_new (confianza_client_get_id (client), 8, util_day (2024, 3, 1));
    g_assert_true (confianza_store_save_recommendation (store, answer, &error));
    g_assert_no_error (error);
  }
  close_store (&store);

  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, CONFIANZA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM recommendation"), ==, 1);
  columns = raw_query_text (path, "SELECT name FROM pragma_table_info ('client') WHERE name = 'status_manual'");
  g_assert_cmpstr (columns, ==, "status_manual\n");
  backup_sum = file_checksum (backup);
  g_assert_cmpstr (backup_sum, ==, original);
  g_assert_cmpint (raw_query_int (backup, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (raw_query_int (backup, "SELECT count(*) FROM sqlite_master WHERE name = 'recommendation'"), ==, 0);

  util_rm_rf (dir);
}

static void
test_migrate_failure (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "clash.db", NULL);
  g_autofree char *schema_before = NULL;
  g_autofree char *schema_after = NULL;

  /* Our id, version 0, and a table in the way of the last CREATE TABLE, so
   * that several statements ran before the failure */
  raw_exec (path, "PRAGMA application_id = 1131376230;"
                  "CREATE TABLE compensation (whatever TEXT);"
                  "INSERT INTO compensation VALUES ('keep me');");
  schema_before = raw_query_text (path, "SELECT type || ' ' || name || ' ' || sql FROM sqlite_master ORDER BY name");

  assert_refused (path, CONFIANZA_STORE_ERROR_FAILED);

  g_assert_cmpint (raw_query_int (path, "PRAGMA user_version"), ==, 0);
  schema_after = raw_query_text (path, "SELECT type || ' ' || name || ' ' || sql FROM sqlite_master ORDER BY name");
  g_assert_cmpstr (schema_before, ==, schema_after);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM compensation WHERE whatever = 'keep me'"), ==, 1);

  util_rm_rf (dir);
}

/* Erasing a client */

static void
test_erase_client (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "erase.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  Filled a = fill_client (store, "Ana");
  Filled b = fill_client (store, "Bea");
  ConfianzaStoreCounts counts;
  g_autoptr(GListModel) a_promises = confianza_store_get_promises (store, a.client);
  g_autoptr(GListModel) a_follow_ups = confianza_store_get_follow_ups (store, a.plan);
  g_autoptr(GListModel) all_plans = confianza_store_get_recovery_plans (store, 0);
  g_autoptr(GListModel) clients = confianza_store_get_clients (store);
  g_autoptr(GListModel) b_promises = confianza_store_get_promises (store, b.client);

  confianza_store_count (store, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.clients, ==, 2);
  g_assert_cmpuint (counts.promises, ==, 4);
  g_assert_cmpuint (counts.quick_wins, ==, 2);
  g_assert_cmpuint (counts.conversations, ==, 2);
  g_assert_cmpuint (counts.incidents, ==, 2);
  g_assert_cmpuint (counts.plans, ==, 2);
  g_assert_cmpuint (counts.follow_ups, ==, 4);
  g_assert_cmpuint (counts.compensations, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (a_promises), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (all_plans), ==, 2);

  g_assert_true (confianza_store_delete_client (store, a.client, &error));
  g_assert_no_error (error);

  /* Exactly Bea's rows remain */
  confianza_store_count (store, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.clients, ==, 1);
  g_assert_cmpuint (counts.promises, ==, 2);
  g_assert_cmpuint (counts.quick_wins, ==, 1);
  g_assert_cmpuint (counts.conversations, ==, 1);
  g_assert_cmpuint (counts.incidents, ==, 1);
  g_assert_cmpuint (counts.plans, ==, 1);
  g_assert_cmpuint (counts.follow_ups, ==, 2);
  g_assert_cmpuint (counts.compensations, ==, 1);

  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM promise WHERE client_id <> (SELECT id FROM client)"), ==, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT (SELECT count(*) FROM promise WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "))"
                                            " + (SELECT count(*) FROM quick_win WHERE id = %" G_GINT64_FORMAT ")"
                                            " + (SELECT count(*) FROM conversation WHERE id = %" G_GINT64_FORMAT ")"
                                            " + (SELECT count(*) FROM incident WHERE id = %" G_GINT64_FORMAT ")"
                                            " + (SELECT count(*) FROM recovery_plan WHERE id = %" G_GINT64_FORMAT " AND guarantee_promise_id = %" G_GINT64_FORMAT ")"
                                            " + (SELECT count(*) FROM follow_up WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "))"
                                            " + (SELECT count(*) FROM compensation WHERE id = %" G_GINT64_FORMAT ")",
                                            b.promise, b.guarantee, b.quick_win, b.conversation, b.incident,
                                            b.plan, b.guarantee, b.follow_ups[0], b.follow_ups[1], b.compensation);
    g_assert_cmpint (raw_query_int (path, sql), ==, 9);
  }

  /* The live lists followed */
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);
  g_assert_cmpint (item_id_at (clients, 0), ==, b.client);
  g_assert_cmpuint (g_list_model_get_n_items (a_promises), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (a_follow_ups), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (all_plans), ==, 1);
  g_assert_cmpint (item_id_at (all_plans, 0), ==, b.plan);
  g_assert_cmpuint (g_list_model_get_n_items (b_promises), ==, 2);

  close_store (&store);
  util_rm_rf (dir);
}

static void
count_signal (guint *count)
{
  (*count)++;
}

/* Erasing with Undo */

/* Every row of every table (sqlite_sequence too), each value with its
 * storage class: equal dumps are byte-for-byte equal contents. */
static char *
dump_tables (const char *path)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", (char *) tables->pdata[i]);

      g_string_append_printf (out, "[%s]\n", (char *) tables->pdata[i]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%d:%s|", sqlite3_column_type (stmt, c),
                                    sqlite3_column_type (stmt, c) == SQLITE_NULL ? "" : (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  return g_string_free (out, FALSE);
}

static int
count_rows (const char *path,
            const char *table,
            gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE id = %" G_GINT64_FORMAT, table, id);

  return raw_query_int (path, sql);
}

static gint64
save_new_recommendation (ConfianzaStore *store,
                         gint64          client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaRecommendation) answer = confianza_recommendation_new (client_id, 9, util_day (2024, 1, 20));

  confianza_recommendation_set_comment (answer, "Muy bien, “de verdad”");
  g_assert_true (confianza_store_save_recommendation (store, answer, &error));
  g_assert_no_error (error);

  return confianza_recommendation_get_id (answer);
}

/* Erasing a client with everything of theirs is on disk at once (another
 * connection no longer sees it); restoring brings back every row of every
 * table, the same ids and values, and the live lists follow both ways. */
static void
test_erase_undo_client (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "undo.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  Filled a = fill_client (store, "Ana");
  Filled b = fill_client (store, "Bea");
  gint64 answer = save_new_recommendation (store, a.client);
  g_autoptr(ConfianzaStoreSnapshot) snapshot = NULL;
  g_autoptr(GListModel) clients = confianza_store_get_clients (store);
  g_autoptr(GListModel) a_promises = confianza_store_get_promises (store, a.client);
  g_autoptr(GListModel) a_follow_ups = confianza_store_get_follow_ups (store, a.plan);
  g_autoptr(GListModel) a_answers = confianza_store_get_recommendations (store, a.client);
  g_autoptr(GListModel) all_plans = confianza_store_get_recovery_plans (store, 0);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *erased = NULL;
  g_autoptr(ConfianzaClient) back = NULL;
  guint changed = 0;

  before = dump_tables (path);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 2);

  g_assert_true (confianza_store_delete_keeping (store, CONFIANZA_TYPE_CLIENT, a.client, &snapshot, &error));
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);

  /* Gone from the file, for any other reader, at once */
  g_assert_cmpint (count_rows (path, "client", a.client), ==, 0);
  g_assert_cmpint (count_rows (path, "promise", a.guarantee), ==, 0);
  g_assert_cmpint (count_rows (path, "follow_up", a.follow_ups[1]), ==, 0);
  g_assert_cmpint (count_rows (path, "recommendation", answer), ==, 0);
  g_assert_cmpint (count_rows (path, "client", b.client), ==, 1);
  erased = dump_tables (path);
  g_assert_cmpstr (erased, !=, before);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (a_promises), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (a_follow_ups), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (a_answers), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (all_plans), ==, 1);

  g_signal_connect_swapped (store, "changed", G_CALLBACK (count_signal), &changed);
  g_assert_true (confianza_store_restore_snapshot (store, snapshot, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  /* Every row of every table as it was, and the keys between them hold */
  after = dump_tables (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, 2);
  back = find_by_id (clients, a.client);
  g_assert_nonnull (back);
  g_assert_cmpstr (confianza_client_get_name (back), ==, "Ana");
  g_assert_true (confianza_date_equal (confianza_client_get_next_due_on (back), util_day (2024, 2, 1)));
  g_assert_cmpint (confianza_client_get_trust_score (back), >=, 0);
  g_assert_cmpuint (g_list_model_get_n_items (a_promises), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (a_follow_ups), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (a_answers), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (all_plans), ==, 2);

  /* Twice is refused in words, changing nothing */
  g_assert_false (confianza_store_restore_snapshot (store, snapshot, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (changed, ==, 1);
  g_clear_pointer (&after, g_free);
  after = dump_tables (path);
  g_assert_cmpstr (after, ==, before);

  g_signal_handlers_disconnect_by_data (store, &changed);
  close_store (&store);
  util_rm_rf (dir);
}

/* Each kind of record, erased and brought back: the file is as it was,
 * including the references the erasure cleared (a plan's guarantee, a
 * promise's plan). */
static void
test_erase_undo_every_kind (void)
{
  /* Offset 0: the answer, which fill_client () does not make */
  const struct {
    GType       type;
    const char *table;
    gsize       offset;
  } cases[] = {
    { CONFIANZA_TYPE_PROMISE, "promise", G_STRUCT_OFFSET (Filled, promise) },
    { CONFIANZA_TYPE_PROMISE, "promise", G_STRUCT_OFFSET (Filled, guarantee) },
    { CONFIANZA_TYPE_QUICK_WIN, "quick_win", G_STRUCT_OFFSET (Filled, quick_win) },
    { CONFIANZA_TYPE_CONVERSATION, "conversation", G_STRUCT_OFFSET (Filled, conversation) },
    { CONFIANZA_TYPE_INCIDENT, "incident", G_STRUCT_OFFSET (Filled, incident) },
    { CONFIANZA_TYPE_RECOVERY_PLAN, "recovery_plan", G_STRUCT_OFFSET (Filled, plan) },
    { CONFIANZA_TYPE_FOLLOW_UP, "follow_up", G_STRUCT_OFFSET (Filled, follow_ups) },
    { CONFIANZA_TYPE_COMPENSATION, "compensation", G_STRUCT_OFFSET (Filled, compensation) },
    { CONFIANZA_TYPE_RECOMMENDATION, "recommendation", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = util_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "kind.db", NULL);
      ConfianzaStore *store = open_ok (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(ConfianzaStoreSnapshot) snapshot = NULL;
      Filled a = fill_client (store, "Ana");
      gint64 answer = save_new_recommendation (store, a.client);
      gint64 id = cases[i].offset == 0 ? answer : G_STRUCT_MEMBER (gint64, &a, cases[i].offset);
      g_autofree char *before = dump_tables (path);
      g_autofree char *after = NULL;

      g_test_message ("erasing %s %" G_GINT64_FORMAT, cases[i].table, id);
      g_assert_true (confianza_store_delete_keeping (store, cases[i].type, id, &snapshot, &error));
      g_assert_no_error (error);
      g_assert_cmpint (count_rows (path, cases[i].table, id), ==, 0);

      g_assert_true (confianza_store_restore_snapshot (store, snapshot, &error));
      g_assert_no_error (error);
      after = dump_tables (path);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

      close_store (&store);
      util_rm_rf (dir);
    }
}

/* The guarantee promise stays when its plan is erased (its plan_id is
 * cleared); Undo links them again, in the live lists too. */
static void
test_erase_undo_links (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "links.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaStoreSnapshot) snapshot = NULL;
  Filled a = fill_client (store, "Ana");
  g_autoptr(GListModel) promises = confianza_store_get_promises (store, a.client);
  g_autoptr(GListModel) plans = confianza_store_get_recovery_plans (store, a.client);
  g_autoptr(ConfianzaPromise) guarantee = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;

  g_assert_true (confianza_store_delete_keeping (store, CONFIANZA_TYPE_INCIDENT, a.incident, &snapshot, &error));
  g_assert_no_error (error);
  guarantee = find_by_id (promises, a.guarantee);
  g_assert_nonnull (guarantee);
  g_assert_cmpint (confianza_promise_get_plan_id (guarantee), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, 0);
  g_clear_object (&guarantee);

  g_assert_true (confianza_store_restore_snapshot (store, snapshot, &error));
  g_assert_no_error (error);
  guarantee = find_by_id (promises, a.guarantee);
  g_assert_cmpint (confianza_promise_get_plan_id (guarantee), ==, a.plan);
  plan = find_by_id (plans, a.plan);
  g_assert_nonnull (plan);
  g_assert_cmpint (confianza_recovery_plan_get_guarantee_promise_id (plan), ==, a.guarantee);
  g_assert_cmpint (raw_query_int (path, "SELECT count(*) FROM promise WHERE plan_id IS NOT NULL"), ==, 1);

  close_store (&store);
  util_rm_rf (dir);
}

/* A promise cannot come back once its client was erased meanwhile: said
 * in words, nothing written. */
static void
test_erase_undo_orphan (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "orphan.db", NULL);
  ConfianzaStore *store = open_ok (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaStoreSnapshot) snapshot = NULL;
  Filled a = fill_client (store, "Ana");
  Filled b = fill_client (store, "Bea");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (confianza_store_delete_keeping (store, CONFIANZA_TYPE_PROMISE, a.promise, &snapshot, &error));
  g_assert_no_error (error);
  g_assert_true (confianza_store_delete_client (store, a.client, &error));
  g_assert_no_error (error);
  before = dump_tables (path);

  g_assert_false (confianza_store_restore_snapshot (store, snapshot, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
  after = dump_tables (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (path, "client", b.client), ==, 1);

  /* A record that is not there is not found, and gives no snapshot */
  g_clear_error (&error);
  g_clear_pointer (&snapshot, confianza_store_snapshot_free);
  g_assert_false (confianza_store_delete_keeping (store, CONFIANZA_TYPE_CLIENT, a.client, &snapshot, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
  g_assert_null (snapshot);

  close_store (&store);
  util_rm_rf (dir);
}


/* The client list carries each client's earliest open promise, kept up to
 * date as promises are added, delivered and erased. */
static void
test_find_client_by_name (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "find.db", NULL);
  g_autoptr(ConfianzaStore) store = open_ok (path);
  g_autoptr(ConfianzaClient) maria = save_new_client (store, "María Peña");
  g_autoptr(ConfianzaClient) twin1 = save_new_client (store, "Hermanos Gil");
  g_autoptr(ConfianzaClient) twin2 = save_new_client (store, "hermanos gil");
  g_autoptr(ConfianzaClient) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;

  found = confianza_store_find_client_by_name (store, "  MARÍA PEÑA ", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (confianza_client_get_id (found), ==, confianza_client_get_id (maria));
  g_assert_true (found != maria);

  g_assert_null (confianza_store_find_client_by_name (store, "María", &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "María"));
  g_clear_error (&error);

  g_assert_null (confianza_store_find_client_by_name (store, "", &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (confianza_store_find_client_by_name (store, "HERMANOS GIL", &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_AMBIGUOUS);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, confianza_client_get_id (twin2));
  g_assert_nonnull (strstr (error->message, "Hermanos Gil"));
  g_assert_nonnull (strstr (error->message, "hermanos gil"));
  g_assert_nonnull (strstr (error->message, number));
}

typedef struct
{
  GPtrArray *ids;
  guint      stop_after;
} Visit;

static gboolean
visit_record (gpointer record,
              gpointer user_data)
{
  Visit *visit = user_data;
  gint64 id = 0;

  g_assert_true (G_IS_OBJECT (record));
  g_object_get (record, "id", &id, NULL);
  g_ptr_array_add (visit->ids, GINT_TO_POINTER ((int) id));

  return visit->stop_after == 0 || visit->ids->len < visit->stop_after;
}

static gboolean
save_while_visiting (gpointer record,
                     gpointer user_data)
{
  ConfianzaStore *store = user_data;
  g_autoptr(GError) error = NULL;

  /* The callback may use the store */
  confianza_client_set_notes (record, "Visto");
  g_assert_true (confianza_store_save_client (store, record, &error));
  g_assert_no_error (error);

  return TRUE;
}

static void
test_foreach_records (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "foreach.db", NULL);
  g_autoptr(ConfianzaStore) store = open_ok (path);
  Filled first = fill_client (store, "Primera");
  Filled second = fill_client (store, "Segunda");
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) reread = NULL;
  Visit visit = { ids, 0 };

  g_assert_true (confianza_store_foreach_client (store, visit_record, &visit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (GPOINTER_TO_INT (ids->pdata[0]), ==, (int) first.client);
  g_assert_cmpint (GPOINTER_TO_INT (ids->pdata[1]), ==, (int) second.client);

  /* Stopping early */
  g_ptr_array_set_size (ids, 0);
  visit.stop_after = 1;
  g_assert_true (confianza_store_foreach_client (store, visit_record, &visit, &error));
  g_assert_cmpuint (ids->len, ==, 1);
  visit.stop_after = 0;

  /* One client's records of one kind: the guarantee and the other promise */
  g_ptr_array_set_size (ids, 0);
  g_assert_true (confianza_store_foreach_of_client (store, CONFIANZA_TYPE_PROMISE, second.client,
                                                    visit_record, &visit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (GPOINTER_TO_INT (ids->pdata[0]), ==, (int) second.promise);
  g_assert_cmpint (GPOINTER_TO_INT (ids->pdata[1]), ==, (int) second.guarantee);

  g_ptr_array_set_size (ids, 0);
  g_assert_true (confianza_store_foreach_of_client (store, CONFIANZA_TYPE_QUICK_WIN, first.client,
                                                    visit_record, &visit, &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (GPOINTER_TO_INT (ids->pdata[0]), ==, (int) first.quick_win);

  g_ptr_array_set_size (ids, 0);
  g_assert_true (confianza_store_foreach_of_client (store, CONFIANZA_TYPE_INCIDENT, 999,
                                                    visit_record, &visit, &error));
  g_assert_cmpuint (ids->len, ==, 0);

  g_assert_true (confianza_store_foreach_client (store, save_while_visiting, store, &error));
  g_assert_no_error (error);
  reread = confianza_store_get_client (store, second.client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (confianza_client_get_notes (reread), ==, "Visto");
}

static void
test_next_due (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "next-due.db", NULL);
  g_autoptr(ConfianzaStore) store = open_ok (path);
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(ConfianzaClient) client = save_new_client (store, "Bodegas Valdeflores");
  g_autoptr(ConfianzaClient) live = NULL;
  g_autoptr(ConfianzaPromise) late = NULL;
  g_autoptr(ConfianzaPromise) early = NULL;
  g_autoptr(ConfianzaPromise) delivered = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  late = save_new_promise (store, confianza_client_get_id (client), "Etiquetas", util_day (2024, 3, 1));

  /* Loaded with the list */
  clients = confianza_store_get_clients (store);
  live = g_list_model_get_item (clients, 0);
  g_assert_true (confianza_date_equal (confianza_client_get_next_due_on (live), util_day (2024, 3, 1)));
  g_assert_cmpstr (confianza_client_get_next_due_title (live), ==, "Etiquetas");

  g_signal_connect_swapped (store, "changed", G_CALLBACK (count_signal), &changed);

  /* An earlier promise becomes the next one due */
  early = save_new_promise (store, confianza_client_get_id (client), "Catálogo", util_day (2024, 2, 1));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpstr (confianza_client_get_next_due_title (live), ==, "Catálogo");

  /* Delivered, it is not due any more */
  delivered = confianza_promise_copy (early);
  confianza_promise_set_delivered_on (delivered, util_day (2024, 1, 30));
  confianza_store_save_promise (store, delivered, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (confianza_client_get_next_due_title (live), ==, "Etiquetas");

  /* Erased, nothing is due */
  confianza_store_delete_promise (store, confianza_promise_get_id (late), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_null (confianza_client_get_next_due_on (live));
  g_assert_cmpstr (confianza_client_get_next_due_title (live), ==, "");

  close_store (&store);
  util_rm_rf (dir);
}

static void
test_open_promises_due (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "due.db", NULL);
  g_autoptr(ConfianzaStore) store = open_ok (path);
  g_autoptr(ConfianzaClient) a = save_new_client (store, "Panadería Ruiz");
  g_autoptr(ConfianzaClient) b = save_new_client (store, "Floristería Jazmín");
  g_autoptr(ConfianzaPromise) p1 = save_new_promise (store, confianza_client_get_id (a), "Carta", util_day (2024, 5, 10));
  g_autoptr(ConfianzaPromise) p2 = save_new_promise (store, confianza_client_get_id (b), "Tarjetas", util_day (2024, 5, 3));
  g_autoptr(ConfianzaPromise) p3 = save_new_promise (store, confianza_client_get_id (a), "Web", util_day (2024, 6, 1));
  g_autoptr(ConfianzaPromise) p4 = save_new_promise (store, confianza_client_get_id (b), "Roto", util_day (2024, 5, 1));
  g_autoptr(ConfianzaPromise) broken = confianza_promise_copy (p4);
  g_autoptr(GPtrArray) due = NULL;
  guint total = 0;
  g_autoptr(GError) error = NULL;

  confianza_promise_set_broken (broken, TRUE);
  confianza_promise_set_broken_reason (broken, "No llegó el papel.");
  confianza_store_save_promise (store, broken, &error);
  g_assert_no_error (error);

  due = confianza_store_get_open_promises_between (store, NULL, util_day (2024, 5, 10), 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  /* Earliest first; the broken one and the one due later are not there */
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpstr (confianza_promise_get_title (g_ptr_array_index (due, 0)), ==, "Tarjetas");
  g_assert_cmpstr (confianza_promise_get_title (g_ptr_array_index (due, 1)), ==, "Carta");

  close_store (&store);
  util_rm_rf (dir);
}

/* The live clients carry their trust index once asked, and it follows
 * every change to their history. */
/* A whole computation of the indexes brings every status in line with the
 * facts at once (here: statuses written by hand, with nothing behind them),
 * in the file and on the live clients. */
static void
test_statuses_follow_scores (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "statuses.db", NULL);
  g_autoptr(ConfianzaStore) store = open_ok (path);
  g_autoptr(GListModel) clients = NULL;
  const char *names[] = { "Asesoría Prado", "Bodegas Ribera", "Cerámica Sol", "Dental Norte" };
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_object_unref (save_new_client (store, names[i]));
  close_store (&store);
  raw_exec (path, "UPDATE client SET status = 'at-risk'");

  store = open_ok (path);
  clients = confianza_store_get_clients (store);
  g_assert_cmpuint (g_list_model_get_n_items (clients), ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

      g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);
    }

  /* No history: a neutral index, no incident, no plan: active */
  confianza_store_update_trust_scores (store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

      g_assert_cmpint (confianza_client_get_trust_score (client), ==, 50);
      g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_ACTIVE);
    }
  close_store (&store);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 30000); /* the store may hold the file a moment */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM client WHERE status = 'active'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, G_N_ELEMENTS (names));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  util_rm_rf (dir);
}

static void
test_trust_scores (void)
{
  g_autofree char *dir = util_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "trust.db", NULL);
  g_autoptr(ConfianzaStore) store = open_ok (path);
  g_autoptr(ConfianzaClient) client = save_new_client (store, "Gimnasio Fuerza Total");
  g_autoptr(GListModel) clients = confianza_store_get_clients (store);
  g_autoptr(ConfianzaClient) live = g_list_model_get_item (clients, 0);
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(ConfianzaPromise) broken = NULL;
  g_auto(ConfianzaTrustInput) input = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (confianza_client_get_trust_score (live), ==, -1);
  confianza_store_update_trust_scores (store);
  /* No history: neutral */
  g_assert_cmpint (confianza_client_get_trust_score (live), ==, 50);

  /* Recent, so that it weighs (old events fade) */
  {
    g_autoptr(GDateTime) today = confianza_date_today ();
    g_autoptr(GDateTime) due = confianza_date_add_days (today, -10);

    promise = save_new_promise (store, confianza_client_get_id (client), "Vídeo", due);
  }
  broken = confianza_promise_copy (promise);
  confianza_promise_set_broken (broken, TRUE);
  confianza_promise_set_broken_reason (broken, "Se nos pasó la fecha.");
  confianza_store_save_promise (store, broken, &error);
  g_assert_no_error (error);
  g_assert_cmpint (confianza_client_get_trust_score (live), <, 50);
  g_assert_cmpint (confianza_client_get_trust_score (live), >=, 0);

  g_assert_true (confianza_store_load_history (store, live, &input, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (input.promises->len, ==, 1);
  g_assert_cmpuint (input.incidents->len, ==, 0);

  confianza_store_delete_promise (store, confianza_promise_get_id (promise), &error);
  g_assert_no_error (error);
  g_assert_cmpint (confianza_client_get_trust_score (live), ==, 50);

  close_store (&store);
  util_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/create", test_create);
  g_test_add_func ("/store/default-path", test_default_path);
  g_test_add_func ("/store/round-trip", test_round_trip);
  g_test_add_func ("/store/update-delete", test_update_delete);
  g_test_add_func ("/store/missing-parent", test_missing_parent);
  g_test_add_func ("/store/live/clients", test_live_clients);
  g_test_add_func ("/store/live/promises", test_live_promises);
  g_test_add_func ("/store/live/children", test_live_children);
  g_test_add_func ("/store/last-contact", test_last_contact);
  g_test_add_func ("/store/validation", test_validation);
  g_test_add_func ("/store/refuse/random", test_refuse_random);
  g_test_add_func ("/store/refuse/empty", test_refuse_empty);
  g_test_add_func ("/store/refuse/short-header", test_refuse_short_header);
  g_test_add_func ("/store/refuse/directory", test_refuse_directory);
  g_test_add_func ("/store/refuse/other-program", test_refuse_other_program);
  g_test_add_func ("/store/refuse/newer", test_refuse_newer);
  g_test_add_func ("/store/refuse/newer-in-wal", test_refuse_newer_in_wal);
  g_test_add_func ("/store/refuse/damaged", test_refuse_damaged);
  g_test_add_func ("/store/refuse/no-folder", test_refuse_no_folder);
  g_test_add_func ("/store/refuse/read-only", test_refuse_read_only);
  g_test_add_func ("/store/migrate/from-zero", test_migrate_from_zero);
  g_test_add_func ("/store/migrate/from-one", test_migrate_from_one);
  g_test_add_func ("/store/migrate/from-two", test_migrate_from_two);
  g_test_add_func ("/store/migrate/failure", test_migrate_failure);
  g_test_add_func ("/store/erase-client", test_erase_client);
  g_test_add_func ("/store/erase-undo/client", test_erase_undo_client);
  g_test_add_func ("/store/erase-undo/every-kind", test_erase_undo_every_kind);
  g_test_add_func ("/store/erase-undo/links", test_erase_undo_links);
  g_test_add_func ("/store/erase-undo/orphan", test_erase_undo_orphan);
  g_test_add_func ("/store/find-client-by-name", test_find_client_by_name);
  g_test_add_func ("/store/foreach-records", test_foreach_records);
  g_test_add_func ("/store/next-due", test_next_due);
  g_test_add_func ("/store/open-promises-due", test_open_promises_due);
  g_test_add_func ("/store/trust-scores", test_trust_scores);
  g_test_add_func ("/store/statuses-follow-scores", test_statuses_follow_scores);

  ret = g_test_run ();

  util_free_dates ();

  return ret;
}
