/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A promise's history in a real database: a renegotiation told in time
 * moves the promise's date and keeps the first one; a late or unagreed one
 * is kept without moving anything; the trust index reads the history; a
 * write refused part-way leaves nothing half-written; Undo of an erased
 * promise brings its history back. */
#define G_LOG_DOMAIN "test-store-ledger"

#include "config.h"

#include <glib/gi18n.h>

#include "model/confianza-date.h"
#include "model/confianza-trust.h"
#include "reliability/reliability-util.h"
#include "util/test-dates.h"

typedef struct
{
  char           *dir;
  char           *path;
  ConfianzaStore *store;
  gint64          client_id;
  gint64          promise_id;
} Fixture;

/* Promised 20 days ago, due in 2 days */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Lucía Ferrer");
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = util_make_tmpdir ();
  f->path = g_build_filename (f->dir, "ledger.db", NULL);
  f->store = util_open_ok (f->path);

  g_assert_true (confianza_store_save_client (f->store, client, &error));
  g_assert_no_error (error);
  f->client_id = confianza_client_get_id (client);

  promise = confianza_promise_new (f->client_id, "Catálogo de otoño",
                                   util_days_from_today (-20), util_days_from_today (2));
  g_assert_true (confianza_store_save_promise (f->store, promise, &error));
  g_assert_no_error (error);
  f->promise_id = confianza_promise_get_id (promise);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  util_close_store (&f->store);
  util_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
  util_free_dates ();
}

static ConfianzaPromise *
stored_promise (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  ConfianzaPromise *promise = confianza_store_get_promise (f->store, f->promise_id, &error);

  g_assert_no_error (error);
  return promise;
}

static GPtrArray *
stored_steps (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *steps = confianza_store_load_promise_steps (f->store, 0, f->promise_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (steps);
  return steps;
}

static ConfianzaPromiseStep *
renegotiate_ok (Fixture    *f,
                int         new_days,
                int         told_days,
                gboolean    agreed,
                const char *reason)
{
  g_autoptr(GError) error = NULL;
  ConfianzaPromiseStep *step;

  step = confianza_store_renegotiate_promise (f->store, f->promise_id,
                                              util_days_from_today (new_days),
                                              util_days_from_today (told_days),
                                              agreed, reason, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (step);
  g_assert_cmpint (confianza_promise_step_get_id (step), >, 0);
  return step;
}

static int
trust_score (Fixture *f)
{
  g_autoptr(ConfianzaClient) client = confianza_store_get_client (f->store, f->client_id, NULL);
  g_auto(ConfianzaTrustInput) input = { 0 };
  g_autoptr(ConfianzaTrust) trust = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (confianza_store_load_history (f->store, client, &input, &error));
  g_assert_no_error (error);
  trust = confianza_trust_compute (&input);
  return trust->score;
}

/* Tests */

/* Told in time and agreed: the promise's date moves, the step keeps the
 * first date, and the history reads back whole after reopening. */
static void
test_in_time (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ConfianzaPromiseStep) step = renegotiate_ok (f, 9, 0, TRUE, "El proveedor de papel se retrasa.");
  g_autoptr(ConfianzaPromise) promise = stored_promise (f);
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GListModel) live = NULL;
  ConfianzaPromiseStep *read;

  util_assert_date (confianza_promise_get_due_on (promise),
                    g_date_time_get_year (util_days_from_today (9)),
                    g_date_time_get_month (util_days_from_today (9)),
                    g_date_time_get_day_of_month (util_days_from_today (9)));

  /* The first date is kept on the promise too */
  g_assert_true (confianza_date_equal (confianza_promise_get_original_due_on (promise), util_days_from_today (2)));
  g_assert_true (confianza_promise_is_renegotiated (promise));

  live = confianza_store_get_promise_steps (f->store, f->promise_id);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 1);

  util_close_store (&f->store);
  f->store = util_open_ok (f->path);
  steps = stored_steps (f);
  g_assert_cmpuint (steps->len, ==, 1);
  read = g_ptr_array_index (steps, 0);
  g_assert_cmpint (confianza_promise_step_get_kind (read), ==, CONFIANZA_LEDGER_RENEGOTIATION);
  g_assert_true (confianza_date_equal (confianza_promise_step_get_old_due_on (read), util_days_from_today (2)));
  g_assert_true (confianza_date_equal (confianza_promise_step_get_new_due_on (read), util_days_from_today (9)));
  g_assert_true (confianza_date_equal (confianza_promise_step_get_told_on (read), util_days_from_today (0)));
  g_assert_true (confianza_promise_step_get_agreed (read));
  g_assert_true (confianza_promise_step_is_in_time (read));
  g_assert_cmpstr (confianza_promise_step_get_reason (read), ==, "El proveedor de papel se retrasa.");
  g_assert_cmpint (confianza_promise_step_get_client_id (read), ==, f->client_id);
}

/* Not agreed, or told after the date passed: kept, moves nothing */
static void
test_not_in_time (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(ConfianzaPromiseStep) refused = renegotiate_ok (f, 12, 0, FALSE, "Falta una pieza.");
  g_autoptr(ConfianzaPromise) promise = stored_promise (f);
  g_autoptr(ConfianzaPromise) late = NULL;
  g_autoptr(ConfianzaPromiseStep) after = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (promise), util_days_from_today (2)));
  g_assert_false (confianza_promise_step_is_in_time (refused));
  g_assert_null (confianza_promise_get_original_due_on (promise));
  g_assert_false (confianza_promise_is_renegotiated (promise));

  /* A promise already overdue: told today, after its date */
  late = confianza_promise_new (f->client_id, "Fotos", util_days_from_today (-30), util_days_from_today (-5));
  g_assert_true (confianza_store_save_promise (f->store, late, &error));
  g_assert_no_error (error);
  after = confianza_store_renegotiate_promise (f->store, confianza_promise_get_id (late),
                                               util_days_from_today (3), util_days_from_today (0),
                                               TRUE, "Se nos pasó.", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (confianza_promise_step_is_in_time (after));
  g_clear_object (&late);
  late = confianza_store_get_promise (f->store, confianza_promise_step_get_promise_id (after), &error);
  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (late), util_days_from_today (-5)));
  g_assert_cmpint (confianza_promise_get_outcome (late, NULL), ==, CONFIANZA_OUTCOME_OVERDUE);

  steps = stored_steps (f);
  g_assert_cmpuint (steps->len, ==, 1);
}

/* What the model refuses, and a closed promise, write nothing */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(ConfianzaPromiseStep) step = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  step = confianza_store_renegotiate_promise (f->store, f->promise_id, util_days_from_today (9),
                                              util_days_from_today (0), TRUE, "  ", NULL,
                                              &property, &error);
  g_assert_null (step);
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_EMPTY);
  g_assert_cmpstr (property, ==, "reason");
  g_clear_error (&error);

  step = confianza_store_renegotiate_promise (f->store, f->promise_id, util_days_from_today (9),
                                              util_days_from_today (1), TRUE, "Mañana", NULL,
                                              &property, &error);
  g_assert_null (step);
  g_assert_cmpstr (property, ==, "told-on");
  g_clear_error (&error);

  promise = stored_promise (f);
  confianza_promise_set_delivered_on (promise, util_days_from_today (0));
  g_assert_true (confianza_store_save_promise (f->store, promise, &error));
  g_assert_no_error (error);
  step = confianza_store_renegotiate_promise (f->store, f->promise_id, util_days_from_today (9),
                                              util_days_from_today (0), TRUE, "Tarde", NULL,
                                              NULL, &error);
  g_assert_null (step);
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED);
  g_clear_error (&error);

  steps = stored_steps (f);
  g_assert_cmpuint (steps->len, ==, 0);
  g_assert_cmpint (util_raw_query_int (f->path, "SELECT count(*) FROM promise_step"), ==, 0);
}

/* The disk refuses the promise's new date after the step was written: the
 * whole change is rolled back, the step too, and the date stays. */
static void
test_write_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(ConfianzaPromiseStep) step = NULL;
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GListModel) live = confianza_store_get_promise_steps (f->store, f->promise_id);
  g_autoptr(GError) error = NULL;

  util_raw_exec (f->path, "CREATE TRIGGER refuse BEFORE UPDATE OF due_on ON promise"
                          " BEGIN SELECT RAISE (ABORT, 'refused'); END");
  step = confianza_store_renegotiate_promise (f->store, f->promise_id, util_days_from_today (9),
                                              util_days_from_today (0), TRUE, "Papel", NULL,
                                              NULL, &error);
  g_assert_null (step);
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_clear_error (&error);

  promise = stored_promise (f);
  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (promise), util_days_from_today (2)));
  g_assert_cmpint (util_raw_query_int (f->path, "SELECT count(*) FROM promise_step"), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 0);

  /* Once the disk takes it again, the same change goes through */
  util_raw_exec (f->path, "DROP TRIGGER refuse");
  g_clear_object (&step);
  step = renegotiate_ok (f, 9, 0, TRUE, "Papel");
  g_assert_cmpuint (g_list_model_get_n_items (live), ==, 1);
}

/* The index: a renegotiation in time costs a little at once; keeping the
 * new date earns what keeping earns; and it costs far less than the late
 * delivery it avoids. */
static void
test_trust (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(ConfianzaPromiseStep) step = NULL;
  g_autoptr(ConfianzaPromise) promise = NULL;
  g_autoptr(GError) error = NULL;
  int before, after_renegotiation, after_keeping;

  before = trust_score (f);
  step = renegotiate_ok (f, 4, -1, TRUE, "Papel");
  after_renegotiation = trust_score (f);
  g_assert_cmpint (after_renegotiation, <=, before);

  promise = stored_promise (f);
  confianza_promise_set_delivered_on (promise, util_days_from_today (0));
  g_assert_true (confianza_store_save_promise (f->store, promise, &error));
  g_assert_no_error (error);
  after_keeping = trust_score (f);
  /* Keeping never lowers the index */
  g_assert_cmpint (after_keeping, >=, after_renegotiation);
  g_assert_cmpint (confianza_promise_get_outcome (promise, NULL), ==, CONFIANZA_OUTCOME_OVERDELIVERED);
}

/* Undo of an erased promise brings its history back */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(ConfianzaPromiseStep) step = renegotiate_ok (f, 9, 0, TRUE, "Papel");
  g_autoptr(ConfianzaStoreSnapshot) snapshot = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (confianza_store_delete_keeping (f->store, CONFIANZA_TYPE_PROMISE, f->promise_id,
                                                 &snapshot, &error));
  g_assert_no_error (error);
  g_assert_cmpint (util_raw_query_int (f->path, "SELECT count(*) FROM promise_step"), ==, 0);

  g_assert_true (confianza_store_restore_snapshot (f->store, snapshot, &error));
  g_assert_no_error (error);
  steps = stored_steps (f);
  g_assert_cmpuint (steps->len, ==, 1);
  g_assert_cmpint (confianza_promise_step_get_id (g_ptr_array_index (steps, 0)), ==,
                   confianza_promise_step_get_id (step));
}

/* A delivered promise's terms are locked: the store refuses to change
 * them, except through a correction, which its history keeps */
static void
test_locked_terms (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(ConfianzaPromise) promise = stored_promise (f);
  g_autoptr(ConfianzaPromise) edited = NULL;
  g_autoptr(ConfianzaPromise) after = NULL;
  g_autoptr(ConfianzaPromiseStep) step = NULL;
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(GError) error = NULL;

  confianza_promise_set_delivered_on (promise, util_days_from_today (0));
  g_assert_true (confianza_store_save_promise (f->store, promise, &error));
  g_assert_no_error (error);

  /* Moving the date of a delivered promise quietly: refused, nothing written */
  edited = confianza_promise_copy (promise);
  confianza_promise_set_due_on (edited, util_days_from_today (-3));
  g_assert_false (confianza_store_save_promise (f->store, edited, &error));
  g_assert_error (error, CONFIANZA_STORE_ERROR, CONFIANZA_STORE_ERROR_FAILED);
  g_clear_error (&error);
  confianza_promise_set_due_on (edited, confianza_promise_get_due_on (promise));
  confianza_promise_set_has_quantity (edited, TRUE);
  confianza_promise_set_promised_quantity (edited, 4);
  g_assert_false (confianza_store_save_promise (f->store, edited, &error));
  g_clear_error (&error);
  after = stored_promise (f);
  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (after), util_days_from_today (2)));
  g_assert_false (confianza_promise_get_has_quantity (after));

  /* What is not a term still changes: the title, the delivery itself */
  g_clear_object (&edited);
  edited = confianza_promise_copy (promise);
  confianza_promise_set_title (edited, "Catálogo de otoño (versión final)");
  confianza_promise_set_delivered_on (edited, util_days_from_today (-1));
  g_assert_true (confianza_store_save_promise (f->store, edited, &error));
  g_assert_no_error (error);

  /* A correction goes through, and stays in the history */
  step = confianza_store_correct_promise (f->store, f->promise_id, util_days_from_today (-1),
                                          "La fecha se apuntó mal al crear la promesa.", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (step);
  g_clear_object (&after);
  after = stored_promise (f);
  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (after), util_days_from_today (-1)));
  g_assert_false (confianza_promise_is_renegotiated (after));
  steps = stored_steps (f);
  g_assert_cmpuint (steps->len, ==, 1);
  g_assert_cmpint (confianza_promise_step_get_kind (g_ptr_array_index (steps, 0)), ==, CONFIANZA_LEDGER_CORRECTION);
  g_assert_true (confianza_date_equal (confianza_promise_step_get_old_due_on (g_ptr_array_index (steps, 0)),
                                       util_days_from_today (2)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store-ledger/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("in-time", test_in_time);
  ADD ("not-in-time", test_not_in_time);
  ADD ("refused", test_refused);
  ADD ("write-refused", test_write_refused);
  ADD ("trust", test_trust);
  ADD ("undo", test_undo);
  ADD ("locked-terms", test_locked_terms);
#undef ADD

  return g_test_run ();
}
