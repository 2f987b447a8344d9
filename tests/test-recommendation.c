/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-recommendation"

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>
#include <string.h>

#include "model/confianza-buffer.h"
#include "store/confianza-demo.h"
#include "store/confianza-store.h"
#include "util/test-dates.h"

/* Helpers */

static ConfianzaRecommendation *
answer (gint64     client_id,
        int        score,
        GDateTime *on)
{
  return confianza_recommendation_new (client_id, score, on);
}

typedef struct
{
  char           *dir;
  char           *path;
  ConfianzaStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("confianza-recommend-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = confianza_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_assert_finalize_object (f->store);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static ConfianzaClient *
save_client (ConfianzaStore        *store,
             const char            *name,
             ConfianzaClientStatus  status,
             gboolean               manual)
{
  g_autoptr(GError) error = NULL;
  ConfianzaClient *client = confianza_client_new (name);

  confianza_client_set_since (client, util_day (2020, 1, 1));
  confianza_client_set_status (client, status);
  confianza_client_set_status_manual (client, manual);
  if (status == CONFIANZA_CLIENT_STATUS_LET_GO)
    confianza_client_set_let_go_reason (client, "Hostil de forma persistente");
  g_assert_true (confianza_store_save_client (store, client, &error));
  g_assert_no_error (error);

  return client;
}

/* The status in the file, whatever the objects say */
static ConfianzaClientStatus
stored_status (ConfianzaStore *store,
               gint64          client_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ConfianzaClient) client = confianza_store_get_client (store, client_id, &error);

  g_assert_no_error (error);

  return confianza_client_get_status (client);
}

/* A minor incident, not ours, a few days ago: it hardly moves the index */
static ConfianzaIncident *
save_incident (ConfianzaStore *store,
               gint64          client_id)
{
  g_autoptr(GError) error = NULL;
  ConfianzaIncident *incident = confianza_incident_new (client_id, util_days_from_today (-5), "Retraso del transportista");

  confianza_incident_set_severity (incident, CONFIANZA_SEVERITY_MINOR);
  confianza_incident_set_responsibility (incident, CONFIANZA_RESPONSIBILITY_EXTERNAL);
  g_assert_true (confianza_store_save_incident (store, incident, &error));
  g_assert_no_error (error);

  return incident;
}

/* Model */

static void
test_validate (void)
{
  g_autoptr(ConfianzaRecommendation) a = answer (1, 7, NULL);
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  g_assert_false (confianza_recommendation_validate (a, &property, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_MISSING);
  g_assert_cmpstr (property, ==, "answered-on");
  g_clear_error (&error);

  confianza_recommendation_set_answered_on (a, util_day (2024, 5, 1));
  g_assert_true (confianza_recommendation_validate (a, &property, &error));
  g_assert_no_error (error);
  g_assert_null (property);

  for (int score = -1; score <= 11; score++)
    {
      gboolean valid;

      confianza_recommendation_set_score (a, score);
      valid = confianza_recommendation_validate (a, &property, &error);
      g_assert_cmpint (valid, ==, score >= 0 && score <= 10);
      if (!valid)
        {
          g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE);
          g_assert_cmpstr (property, ==, "score");
          g_clear_error (&error);
        }
    }

  confianza_recommendation_set_score (a, 9);
  confianza_recommendation_set_comment (a, "«Os recomendaría sin dudar» 🙂");
  g_assert_true (confianza_recommendation_validate (a, NULL, NULL));

  /* Bytes that are not UTF-8 never reach a record: the setter replaces
   * them (confianza-text.h) */
  confianza_recommendation_set_comment (a, "\xff\xfe");
  g_assert_cmpstr (confianza_recommendation_get_comment (a), ==, "\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_true (confianza_recommendation_validate (a, NULL, NULL));

  {
    g_autofree char *long_text = g_strnfill (CONFIANZA_LONG_TEXT_MAX + 1, 'a');

    confianza_recommendation_set_comment (a, long_text);
    g_assert_false (confianza_recommendation_validate (a, &property, &error));
    g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_TOO_LONG);
    g_assert_cmpstr (property, ==, "comment");
  }
}

static void
test_classify (void)
{
  for (int score = 0; score <= 10; score++)
    {
      ConfianzaRecommender expected = score >= 9 ? CONFIANZA_RECOMMENDER_PROMOTER
                                    : score >= 7 ? CONFIANZA_RECOMMENDER_PASSIVE
                                    : CONFIANZA_RECOMMENDER_DETRACTOR;

      g_assert_cmpint (confianza_recommender_for_score (score), ==, expected);
    }

  g_assert_cmpstr (confianza_recommender_to_label (CONFIANZA_RECOMMENDER_PROMOTER), ==, "Promoter");
  g_assert_cmpstr (confianza_recommender_to_label (CONFIANZA_RECOMMENDER_PASSIVE), ==, "Passive");
  g_assert_cmpstr (confianza_recommender_to_label (CONFIANZA_RECOMMENDER_DETRACTOR), ==, "Detractor");
  g_assert_cmpstr (confianza_recommender_to_css_class (CONFIANZA_RECOMMENDER_DETRACTOR), ==, "error");
}

static void
test_nps (void)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *sentence = NULL;
  ConfianzaNps nps;

  nps = confianza_nps_compute (NULL);
  g_assert_false (nps.has_score);
  g_assert_cmpuint (nps.n_answers, ==, 0);
  sentence = confianza_nps_describe (&nps);
  g_assert_nonnull (strstr (sentence, "10"));
  g_clear_pointer (&sentence, g_free);

  /* Nine clients: no score yet, whatever they said */
  for (int i = 1; i <= 9; i++)
    g_ptr_array_add (answers, answer (i, 10, util_day (2024, 1, i)));
  nps = confianza_nps_compute (answers);
  g_assert_false (nps.has_score);
  g_assert_cmpuint (nps.n_answers, ==, 9);
  g_assert_cmpuint (nps.n_promoters, ==, 9);
  sentence = confianza_nps_describe (&nps);
  g_assert_nonnull (strstr (sentence, "9 clients"));
  g_assert_nonnull (strstr (sentence, "10"));
  g_clear_pointer (&sentence, g_free);

  /* A second answer of a client already counted changes nothing */
  g_ptr_array_add (answers, answer (1, 10, util_day (2024, 2, 1)));
  nps = confianza_nps_compute (answers);
  g_assert_false (nps.has_score);
  g_assert_cmpuint (nps.n_answers, ==, 9);

  /* The tenth client: 10 answers; client 2 said 3 later, client 3 said 8
   * later, and the order of the array does not matter */
  g_ptr_array_add (answers, answer (10, 0, util_day (2024, 3, 1)));
  g_ptr_array_insert (answers, 0, answer (2, 3, util_day (2024, 6, 1)));
  g_ptr_array_add (answers, answer (3, 8, util_day (2024, 6, 1)));
  /* An older answer of client 4 after its newer one */
  g_ptr_array_add (answers, answer (4, 0, util_day (2023, 6, 1)));
  nps = confianza_nps_compute (answers);
  g_assert_true (nps.has_score);
  g_assert_cmpuint (nps.n_answers, ==, 10);
  g_assert_cmpuint (nps.n_promoters, ==, 7);
  g_assert_cmpuint (nps.n_passives, ==, 1);
  g_assert_cmpuint (nps.n_detractors, ==, 2);
  g_assert_cmpfloat_with_epsilon (nps.value, 50.0, 1e-9);
  g_assert_cmpint (nps.score, ==, 50);
  sentence = confianza_nps_describe (&nps);
  g_assert_nonnull (strstr (sentence, "+50"));
  g_assert_nonnull (strstr (sentence, "10 clients"));
}

static void
test_latest (void)
{
  g_autoptr(ConfianzaRecommendation) old = answer (1, 3, util_day (2024, 1, 1));
  g_autoptr(ConfianzaRecommendation) recent = answer (1, 9, util_day (2024, 5, 1));
  g_autoptr(ConfianzaRecommendation) same_day = answer (1, 6, util_day (2024, 5, 1));

  confianza_recommendation_set_id (old, 3);
  confianza_recommendation_set_id (recent, 1);
  confianza_recommendation_set_id (same_day, 2);
  g_assert_true (confianza_recommendation_latest (old, recent) == recent);
  g_assert_true (confianza_recommendation_latest (recent, old) == recent);
  g_assert_true (confianza_recommendation_latest (NULL, old) == old);
  g_assert_true (confianza_recommendation_latest (old, NULL) == old);
  /* The same day: the one recorded last */
  g_assert_true (confianza_recommendation_latest (recent, same_day) == same_day);
}

/* Every branch of the rule */
static void
test_suggest_status (void)
{
  const ConfianzaClientStatus all[] = {
    CONFIANZA_CLIENT_STATUS_ACTIVE, CONFIANZA_CLIENT_STATUS_AT_RISK,
    CONFIANZA_CLIENT_STATUS_RECOVERING, CONFIANZA_CLIENT_STATUS_RECOVERED,
  };

  /* The user's decisions stay, whatever the facts */
  for (int facts = 0; facts < 8; facts++)
    {
      g_assert_cmpint (confianza_rules_suggest_status (CONFIANZA_CLIENT_STATUS_LOST, 10,
                                                       facts & 1, facts & 2, facts & 4),
                       ==, CONFIANZA_CLIENT_STATUS_LOST);
      g_assert_cmpint (confianza_rules_suggest_status (CONFIANZA_CLIENT_STATUS_LET_GO, 90,
                                                       facts & 1, facts & 2, facts & 4),
                       ==, CONFIANZA_CLIENT_STATUS_LET_GO);
    }

  /* The current status does not matter otherwise */
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      ConfianzaClientStatus s = all[i];

      /* A plan in progress comes first, even with a low index or an open incident */
      g_assert_cmpint (confianza_rules_suggest_status (s, 10, TRUE, TRUE, TRUE), ==, CONFIANZA_CLIENT_STATUS_RECOVERING);
      g_assert_cmpint (confianza_rules_suggest_status (s, 80, FALSE, TRUE, FALSE), ==, CONFIANZA_CLIENT_STATUS_RECOVERING);
      /* An open incident, or a low index */
      g_assert_cmpint (confianza_rules_suggest_status (s, 80, TRUE, FALSE, TRUE), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);
      g_assert_cmpint (confianza_rules_suggest_status (s, 39, FALSE, FALSE, TRUE), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);
      g_assert_cmpint (confianza_rules_suggest_status (s, 0, FALSE, FALSE, FALSE), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);
      /* Recovered */
      g_assert_cmpint (confianza_rules_suggest_status (s, 40, FALSE, FALSE, TRUE), ==, CONFIANZA_CLIENT_STATUS_RECOVERED);
      /* Active; an unknown index puts no one at risk */
      g_assert_cmpint (confianza_rules_suggest_status (s, 40, FALSE, FALSE, FALSE), ==, CONFIANZA_CLIENT_STATUS_ACTIVE);
      g_assert_cmpint (confianza_rules_suggest_status (s, -1, FALSE, FALSE, FALSE), ==, CONFIANZA_CLIENT_STATUS_ACTIVE);
      g_assert_cmpint (confianza_rules_suggest_status (s, 100, FALSE, FALSE, FALSE), ==, CONFIANZA_CLIENT_STATUS_ACTIVE);
    }
}

/* Store */

static void
test_store_answers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ConfianzaClient) lucia = save_client (f->store, "Lucía Ferrer", CONFIANZA_CLIENT_STATUS_ACTIVE, FALSE);
  g_autoptr(ConfianzaClient) elena = save_client (f->store, "Elena Navarro", CONFIANZA_CLIENT_STATUS_ACTIVE, FALSE);
  gint64 lucia_id = confianza_client_get_id (lucia);
  g_autoptr(GListModel) answers = confianza_store_get_recommendations (f->store, lucia_id);
  g_autoptr(ConfianzaRecommendation) before = answer (lucia_id, 3, util_day (2024, 1, 10));
  g_autoptr(ConfianzaRecommendation) after = answer (lucia_id, 6, util_day (2024, 4, 10));
  g_autoptr(ConfianzaRecommendation) other = answer (confianza_client_get_id (elena), 9, util_day (2024, 2, 1));
  g_autoptr(ConfianzaRecommendation) invalid = answer (lucia_id, 11, util_day (2024, 4, 11));
  g_autoptr(ConfianzaRecommendation) back = NULL;
  g_autoptr(ConfianzaClient) stored = NULL;
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 0);

  confianza_recommendation_set_comment (before, "«Me fallasteis en la vendimia»");
  g_assert_true (confianza_store_save_recommendation (f->store, before, &error));
  g_assert_true (confianza_store_save_recommendation (f->store, after, &error));
  g_assert_true (confianza_store_save_recommendation (f->store, other, &error));
  g_assert_no_error (error);
  g_assert_cmpint (confianza_recommendation_get_id (before), >, 0);

  g_assert_false (confianza_store_save_recommendation (f->store, invalid, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (confianza_recommendation_get_id (invalid), ==, 0);

  /* Live, newest first, only Lucía's */
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 2);
  back = g_list_model_get_item (answers, 0);
  g_assert_cmpint (confianza_recommendation_get_score (back), ==, 6);
  g_clear_object (&back);
  back = g_list_model_get_item (answers, 1);
  g_assert_cmpstr (confianza_recommendation_get_comment (back), ==, "«Me fallasteis en la vendimia»");
  g_clear_object (&back);

  /* Answering is a contact */
  stored = confianza_store_get_client (f->store, lucia_id, &error);
  g_assert_no_error (error);
  g_assert_true (confianza_date_equal (confianza_client_get_last_contact (stored), util_day (2024, 4, 10)));

  latest = confianza_store_get_latest_recommendations (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (latest->len, ==, 2);
  g_assert_cmpint (confianza_recommendation_get_score (g_ptr_array_index (latest, 0)), ==, 6);
  g_assert_cmpint (confianza_recommendation_get_score (g_ptr_array_index (latest, 1)), ==, 9);
  g_clear_pointer (&latest, g_ptr_array_unref);

  /* Deleting the later one makes the earlier one the latest */
  g_assert_true (confianza_store_delete_recommendation (f->store, confianza_recommendation_get_id (after), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);
  latest = confianza_store_get_latest_recommendations (f->store, &error);
  g_assert_cmpint (confianza_recommendation_get_score (g_ptr_array_index (latest, 0)), ==, 3);
  g_clear_pointer (&latest, g_ptr_array_unref);

  g_assert_false (confianza_store_delete_recommendation (f->store, confianza_recommendation_get_id (after), &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Erasing the client erases their answers, and only theirs */
  g_assert_true (confianza_store_delete_client (f->store, lucia_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 0);
  latest = confianza_store_get_latest_recommendations (f->store, &error);
  g_assert_cmpuint (latest->len, ==, 1);
  g_assert_cmpint (confianza_recommendation_get_client_id (g_ptr_array_index (latest, 0)), ==,
                   confianza_client_get_id (elena));
}

/* The status follows the facts after every change, with or without the
 * live list of clients */
static void
test_store_status (Fixture       *f,
                   gconstpointer  data)
{
  gboolean live = GPOINTER_TO_INT (data);
  g_autoptr(GListModel) clients = live ? confianza_store_get_clients (f->store) : NULL;
  g_autoptr(ConfianzaClient) client = save_client (f->store, "Bodegas Valdeflores", CONFIANZA_CLIENT_STATUS_AT_RISK, FALSE);
  gint64 id = confianza_client_get_id (client);
  g_autoptr(ConfianzaIncident) incident = NULL;
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing happened yet: active */
  g_assert_cmpint (stored_status (f->store, id), ==, CONFIANZA_CLIENT_STATUS_ACTIVE);
  if (live)
    g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_ACTIVE);

  /* An incident without a plan: at risk */
  incident = save_incident (f->store, id);
  g_assert_cmpint (stored_status (f->store, id), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);
  if (live)
    g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);

  /* A plan in progress: recovering */
  plan = confianza_recovery_plan_new (id, confianza_incident_get_id (incident), util_days_from_today (-4));
  g_assert_true (confianza_store_save_recovery_plan (f->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (f->store, id), ==, CONFIANZA_CLIENT_STATUS_RECOVERING);

  /* The plan recovered the client */
  confianza_recovery_plan_set_outcome (plan, CONFIANZA_PLAN_RECOVERED);
  confianza_recovery_plan_set_closed_on (plan, util_days_from_today (-1));
  g_assert_true (confianza_store_save_recovery_plan (f->store, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (f->store, id), ==, CONFIANZA_CLIENT_STATUS_RECOVERED);
  if (live)
    g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_RECOVERED);

  /* Without the plan, the incident is open again */
  g_assert_true (confianza_store_delete_recovery_plan (f->store, confianza_recovery_plan_get_id (plan), &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (f->store, id), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);

  /* Without the incident: active */
  g_assert_true (confianza_store_delete_incident (f->store, confianza_incident_get_id (incident), &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (f->store, id), ==, CONFIANZA_CLIENT_STATUS_ACTIVE);
}

/* A low index alone puts the client at risk */
static void
test_store_status_low_index (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(ConfianzaClient) client = save_client (f->store, "Gimnasio Fuerza Total", CONFIANZA_CLIENT_STATUS_ACTIVE, FALSE);
  gint64 id = confianza_client_get_id (client);
  g_autoptr(GPtrArray) promises = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 2; i++)
    {
      ConfianzaPromise *promise = confianza_promise_new (id, "Vídeo", util_days_from_today (-20), util_days_from_today (-10 + i));

      confianza_promise_set_broken (promise, TRUE);
      confianza_promise_set_broken_reason (promise, "Se nos pasó la fecha.");
      g_assert_true (confianza_store_save_promise (f->store, promise, &error));
      g_assert_no_error (error);
      g_ptr_array_add (promises, promise);
    }
  g_assert_cmpint (stored_status (f->store, id), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);

  for (guint i = 0; i < promises->len; i++)
    g_assert_true (confianza_store_delete_promise (f->store, confianza_promise_get_id (g_ptr_array_index (promises, i)), &error));
  g_assert_cmpint (stored_status (f->store, id), ==, CONFIANZA_CLIENT_STATUS_ACTIVE);
}

/* A status the user chose, and a client let go, stay as they are */
static void
test_store_status_kept (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(ConfianzaClient) manual = save_client (f->store, "Manual", CONFIANZA_CLIENT_STATUS_ACTIVE, TRUE);
  g_autoptr(ConfianzaClient) let_go = save_client (f->store, "Despedido", CONFIANZA_CLIENT_STATUS_LET_GO, FALSE);
  g_autoptr(ConfianzaClient) lost = save_client (f->store, "Perdido", CONFIANZA_CLIENT_STATUS_LOST, FALSE);
  g_autoptr(ConfianzaIncident) i1 = save_incident (f->store, confianza_client_get_id (manual));
  g_autoptr(ConfianzaIncident) i2 = save_incident (f->store, confianza_client_get_id (let_go));
  g_autoptr(ConfianzaIncident) i3 = save_incident (f->store, confianza_client_get_id (lost));
  g_autoptr(ConfianzaRecoveryPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = confianza_recovery_plan_new (confianza_client_get_id (let_go), confianza_incident_get_id (i2), util_days_from_today (-3));
  g_assert_true (confianza_store_save_recovery_plan (f->store, plan, &error));
  g_assert_no_error (error);

  g_assert_cmpint (stored_status (f->store, confianza_client_get_id (manual)), ==, CONFIANZA_CLIENT_STATUS_ACTIVE);
  g_assert_cmpint (stored_status (f->store, confianza_client_get_id (let_go)), ==, CONFIANZA_CLIENT_STATUS_LET_GO);
  g_assert_cmpint (stored_status (f->store, confianza_client_get_id (lost)), ==, CONFIANZA_CLIENT_STATUS_LOST);

  /* Following the facts again: the incident puts the client at risk */
  confianza_client_set_status_manual (manual, FALSE);
  g_assert_true (confianza_store_save_client (f->store, manual, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_status (f->store, confianza_client_get_id (manual)), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);
}

static void
on_changed (ConfianzaStore *store,
            guint          *count)
{
  (*count)++;
}

/* Computing every index applies the rule too, and says so once */
static void
test_store_status_all (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(ConfianzaClient) client = save_client (f->store, "Floristería Jazmín", CONFIANZA_CLIENT_STATUS_ACTIVE, FALSE);
  g_autoptr(ConfianzaIncident) incident = save_incident (f->store, confianza_client_get_id (client));
  g_autoptr(GListModel) clients = NULL;
  g_autoptr(ConfianzaClient) live = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  guint changed = 0;

  /* Changed behind the store's back (as an older version would have left it) */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE client SET status = 'recovered'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  clients = confianza_store_get_clients (f->store);
  live = g_list_model_get_item (clients, 0);
  g_assert_cmpint (confianza_client_get_status (live), ==, CONFIANZA_CLIENT_STATUS_RECOVERED);

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed), &changed);
  confianza_store_update_trust_scores (f->store);
  g_assert_cmpint (confianza_client_get_status (live), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);
  g_assert_cmpint (stored_status (f->store, confianza_client_get_id (client)), ==, CONFIANZA_CLIENT_STATUS_AT_RISK);
  g_assert_cmpuint (changed, ==, 1);

  /* Nothing to change the second time: no signal */
  confianza_store_update_trust_scores (f->store);
  g_assert_cmpuint (changed, ==, 1);
}

static gint64
client_named (ConfianzaStore *store,
              const char     *name)
{
  g_autoptr(GListModel) clients = confianza_store_get_clients (store);

  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(ConfianzaClient) client = g_list_model_get_item (clients, i);

      if (g_str_equal (confianza_client_get_name (client), name))
        return confianza_client_get_id (client);
    }

  g_assert_not_reached ();
}

/* The sample data shows all of it working: enough answers for the NPS,
 * answers before and after a recovery, statuses that agree with the facts
 * and a kind of promise with a delivery history */
static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(GPtrArray) latest = NULL;
  g_autoptr(GPtrArray) delivered = NULL;
  g_autoptr(ConfianzaSafeDue) safe_due = NULL;
  g_autoptr(GListModel) lucia = NULL;
  g_autoptr(GListModel) elena = NULL;
  g_autoptr(GError) error = NULL;
  ConfianzaNps nps;

  g_assert_true (confianza_demo_fill (f->store, today, &error));
  g_assert_no_error (error);

  latest = confianza_store_get_latest_recommendations (f->store, &error);
  g_assert_no_error (error);
  nps = confianza_nps_compute (latest);
  g_assert_cmpuint (nps.n_answers, >=, CONFIANZA_NPS_MIN_ANSWERS);
  g_assert_true (nps.has_score);

  lucia = confianza_store_get_recommendations (f->store, client_named (f->store, "Lucía Ferrer"));
  elena = confianza_store_get_recommendations (f->store, client_named (f->store, "Elena Navarro"));
  g_assert_cmpuint (g_list_model_get_n_items (lucia), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (elena), ==, 2);
  {
    g_autoptr(ConfianzaRecommendation) after = g_list_model_get_item (elena, 0);
    g_autoptr(ConfianzaRecommendation) before = g_list_model_get_item (elena, 1);

    g_assert_cmpint (confianza_recommendation_get_score (before), <, confianza_recommendation_get_score (after));
  }

  g_assert_cmpint (stored_status (f->store, client_named (f->store, "Lucía Ferrer")), ==, CONFIANZA_CLIENT_STATUS_RECOVERING);
  g_assert_cmpint (stored_status (f->store, client_named (f->store, "Elena Navarro")), ==, CONFIANZA_CLIENT_STATUS_RECOVERED);
  g_assert_cmpint (stored_status (f->store, client_named (f->store, "Pablo Gil")), ==, CONFIANZA_CLIENT_STATUS_LOST);

  delivered = confianza_store_get_delivered_of_kind (f->store, "cartelería", &error);
  g_assert_no_error (error);
  safe_due = confianza_safe_due_suggest (delivered, "cartelería", today);
  g_assert_true (safe_due->has_suggestion);
  g_assert_cmpuint (safe_due->n_history, >=, CONFIANZA_SAFE_DUE_MIN_HISTORY);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/recommendation/validate", test_validate);
  g_test_add_func ("/recommendation/classify", test_classify);
  g_test_add_func ("/recommendation/nps", test_nps);
  g_test_add_func ("/recommendation/latest", test_latest);
  g_test_add_func ("/status/rule", test_suggest_status);
  g_test_add ("/recommendation/store", Fixture, NULL,
              fixture_set_up, test_store_answers, fixture_tear_down);
  g_test_add ("/status/store/no-live-list", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_store_status, fixture_tear_down);
  g_test_add ("/status/store/live-list", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_store_status, fixture_tear_down);
  g_test_add ("/status/store/low-index", Fixture, NULL,
              fixture_set_up, test_store_status_low_index, fixture_tear_down);
  g_test_add ("/status/store/kept", Fixture, NULL,
              fixture_set_up, test_store_status_kept, fixture_tear_down);
  g_test_add ("/status/store/all", Fixture, NULL,
              fixture_set_up, test_store_status_all, fixture_tear_down);
  g_test_add ("/recommendation/demo", Fixture, NULL,
              fixture_set_up, test_demo, fixture_tear_down);

  ret = g_test_run ();

  util_free_dates ();

  return ret;
}
