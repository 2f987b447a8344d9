/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "model/confianza-model.h"
#include "model/confianza-trust.h"

static GDateTime *
day (int d)
{
  /* Day @d of 2026 (d = 1 is 1 January). */
  g_autoptr(GDateTime) start = confianza_date_new (2026, 1, 1);
  return confianza_date_add_days (start, d - 1);
}

static ConfianzaLedgerStep
renegotiation (int old_due, int new_due, int told, gboolean agreed)
{
  ConfianzaLedgerStep step = { 0 };

  step.kind = CONFIANZA_LEDGER_RENEGOTIATION;
  step.recorded_on = day (told);
  step.old_due_on = day (old_due);
  step.new_due_on = day (new_due);
  step.told_on = day (told);
  step.agreed = agreed;
  step.reason = g_strdup ("El proveedor se retrasa");
  return step;
}

static void
test_in_time (void)
{
  g_autoptr(GDateTime) due = day (10);
  g_autoptr(GDateTime) before = day (9);
  g_autoptr(GDateTime) after = day (11);

  g_assert_true (confianza_ledger_is_in_time (due, before, TRUE));
  /* On the day itself the date has not passed yet. */
  g_assert_true (confianza_ledger_is_in_time (due, due, TRUE));
  g_assert_false (confianza_ledger_is_in_time (due, after, TRUE));
  g_assert_false (confianza_ledger_is_in_time (due, before, FALSE));
  g_assert_false (confianza_ledger_is_in_time (due, NULL, TRUE));
}

static void
test_agreed_date_and_outcome (void)
{
  g_autoptr(GDateTime) original = day (10);
  g_autoptr(GDateTime) delivered = day (15);
  g_autoptr(GDateTime) today = day (20);
  ConfianzaLedgerStep steps[1];
  g_autoptr(GDateTime) agreed = NULL;
  ConfianzaPromiseResult result;
  guint in_time = 9, late = 9;

  /* Agreed before the date passed: the new date is the promise's date, and
   * delivering on it keeps the promise, "Kept (renegotiated)". */
  steps[0] = renegotiation (10, 15, 8, TRUE);
  agreed = confianza_ledger_agreed_due_on (original, steps, 1);
  g_assert_true (confianza_date_equal (agreed, delivered));
  result = confianza_rules_promise_outcome (agreed, delivered, FALSE, FALSE, 0, 0, NULL, today);
  g_assert_cmpint (result.outcome, ==, CONFIANZA_OUTCOME_KEPT);
  confianza_ledger_count_renegotiations (original, steps, 1, &in_time, &late);
  g_assert_cmpuint (in_time, ==, 1);
  g_assert_cmpuint (late, ==, 0);
  g_assert_cmpfloat (confianza_ledger_renegotiation_points (original, steps, 1), ==,
                     -CONFIANZA_LEDGER_RENEGOTIATION_POINTS);
  g_assert_cmpstr (confianza_ledger_outcome_label (CONFIANZA_OUTCOME_KEPT, TRUE), !=,
                   confianza_ledger_outcome_label (CONFIANZA_OUTCOME_KEPT, FALSE));
  confianza_ledger_step_clear (&steps[0]);
  g_clear_pointer (&agreed, g_date_time_unref);

  /* Moved after the date passed: still late against the original date. */
  steps[0] = renegotiation (10, 15, 12, TRUE);
  agreed = confianza_ledger_agreed_due_on (original, steps, 1);
  g_assert_true (confianza_date_equal (agreed, original));
  result = confianza_rules_promise_outcome (agreed, delivered, FALSE, FALSE, 0, 0, NULL, today);
  g_assert_cmpint (result.outcome, ==, CONFIANZA_OUTCOME_LATE);
  g_assert_cmpint (result.days_late, ==, 5);
  confianza_ledger_count_renegotiations (original, steps, 1, &in_time, &late);
  g_assert_cmpuint (in_time, ==, 0);
  g_assert_cmpuint (late, ==, 1);
  g_assert_cmpfloat (confianza_ledger_renegotiation_points (original, steps, 1), ==, 0);
  confianza_ledger_step_clear (&steps[0]);
  g_clear_pointer (&agreed, g_date_time_unref);

  /* Told in time but not agreed: the same. */
  steps[0] = renegotiation (10, 15, 8, FALSE);
  agreed = confianza_ledger_agreed_due_on (original, steps, 1);
  g_assert_true (confianza_date_equal (agreed, original));
  confianza_ledger_step_clear (&steps[0]);
}

static void
test_chain_and_correction (void)
{
  g_autoptr(GDateTime) original = day (10);
  g_autoptr(GDateTime) agreed = NULL;
  g_autoptr(GDateTime) expected = day (20);
  ConfianzaLedgerStep steps[3];

  /* In time to 15, then on day 16 (after 15 passed) to 25: judged on 15. */
  steps[0] = renegotiation (10, 15, 9, TRUE);
  steps[1] = renegotiation (15, 25, 16, TRUE);
  /* A correction fixes what was recorded, whatever the day. */
  steps[2] = (ConfianzaLedgerStep) { 0 };
  steps[2].kind = CONFIANZA_LEDGER_CORRECTION;
  steps[2].new_due_on = day (20);
  steps[2].reason = g_strdup ("Fecha mal escrita");

  agreed = confianza_ledger_agreed_due_on (original, steps, 2);
  g_assert_cmpint (confianza_date_days_between (original, agreed), ==, 5);
  g_clear_pointer (&agreed, g_date_time_unref);
  agreed = confianza_ledger_agreed_due_on (original, steps, 3);
  g_assert_true (confianza_date_equal (agreed, expected));
  g_clear_pointer (&agreed, g_date_time_unref);
  /* No steps: the original date. */
  agreed = confianza_ledger_agreed_due_on (original, NULL, 0);
  g_assert_true (confianza_date_equal (agreed, original));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    confianza_ledger_step_clear (&steps[i]);
}

/* Property: for any due date, told date, new date and delivery, a
 * renegotiation agreed in time and kept never costs more than delivering
 * late would have; a change not agreed or made late never changes the date
 * the promise is judged against, so it can never raise the index. */
static void
test_properties (void)
{
  GRand *rand = g_rand_new_with_seed (13);

  for (int i = 0; i < 2000; i++)
    {
      int old_due = g_rand_int_range (rand, 5, 200);
      int new_due = old_due + g_rand_int_range (rand, 1, 60);
      int told = g_rand_int_range (rand, 1, 260);
      gboolean agreed = g_rand_boolean (rand);
      ConfianzaLedgerStep step = renegotiation (old_due, new_due, told, agreed);
      g_autoptr(GDateTime) original = day (old_due);
      g_autoptr(GDateTime) judged = confianza_ledger_agreed_due_on (original, &step, 1);
      g_autoptr(GDateTime) today = day (400);
      double cost = confianza_ledger_renegotiation_points (original, &step, 1);

      if (agreed && told <= old_due)
        {
          ConfianzaPromiseResult kept, late;

          g_assert_true (confianza_date_equal (judged, step.new_due_on));
          kept = confianza_rules_promise_outcome (judged, step.new_due_on, FALSE, FALSE, 0, 0,
                                                  NULL, today);
          late = confianza_rules_promise_outcome (original, step.new_due_on, FALSE, FALSE, 0, 0,
                                                  NULL, today);
          g_assert_true (confianza_outcome_is_on_time (kept.outcome));
          g_assert_cmpint (late.outcome, ==, CONFIANZA_OUTCOME_LATE);
          /* A late delivery costs at least 2.5 (confianza-trust.h); keeping
           * earns 1 more on top. */
          g_assert_cmpfloat (cost, <, 0);
          g_assert_cmpfloat (-cost, <, 2.5);
        }
      else
        {
          g_assert_true (confianza_date_equal (judged, original));
          g_assert_cmpfloat (cost, ==, 0);
        }
      confianza_ledger_step_clear (&step);
    }
  g_rand_free (rand);
}

static void
test_validate (void)
{
  g_autoptr(GDateTime) promised = day (1);
  g_autoptr(GDateTime) due = day (10);
  g_autoptr(GDateTime) later = day (15);
  g_autoptr(GDateTime) today = day (8);
  g_autoptr(GDateTime) tomorrow = day (9);
  g_autoptr(GDateTime) before = day (1);
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  g_assert_true (confianza_ledger_validate_renegotiation (promised, due, later, today, "Retraso",
                                                          today, &property, &error));
  g_assert_no_error (error);

  g_assert_false (confianza_ledger_validate_renegotiation (promised, due, NULL, today, "x",
                                                           today, &property, &error));
  g_assert_cmpstr (property, ==, "new-due-on");
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_MISSING);
  g_clear_error (&error);

  g_assert_false (confianza_ledger_validate_renegotiation (promised, due, due, today, "x",
                                                           today, &property, &error));
  g_assert_cmpstr (property, ==, "new-due-on");
  g_clear_error (&error);

  g_assert_false (confianza_ledger_validate_renegotiation (promised, due, later, tomorrow, "x",
                                                           today, &property, &error));
  g_assert_cmpstr (property, ==, "told-on");
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_DATE_ORDER);
  g_clear_error (&error);

  g_assert_false (confianza_ledger_validate_renegotiation (today, due, later, before, "x",
                                                           today, &property, &error));
  g_assert_cmpstr (property, ==, "told-on");
  g_clear_error (&error);

  g_assert_false (confianza_ledger_validate_renegotiation (promised, due, later, today, "  \t",
                                                           today, &property, &error));
  g_assert_cmpstr (property, ==, "reason");
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_EMPTY);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_clear_error (&error);
}

/* The trust index over a promise's history (as the store keeps it: the
 * promise holds its agreed date, the steps what happened). */

static double
score_of (ConfianzaPromise     *promise,
          ConfianzaPromiseStep *step,
          GDateTime            *today)
{
  g_autoptr(GPtrArray) promises = g_ptr_array_new ();
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  ConfianzaTrustInput input = { 0 };

  g_ptr_array_add (promises, promise);
  if (step != NULL)
    g_ptr_array_add (steps, step);
  input.promises = promises;
  input.steps = steps;
  input.today = today;
  return confianza_trust_score (&input);
}

static ConfianzaPromiseStep *
stored_step (int old_due, int new_due, int told, gboolean agreed)
{
  ConfianzaPromiseStep *step = confianza_promise_step_new (CONFIANZA_LEDGER_RENEGOTIATION);
  g_autoptr(GDateTime) old_date = day (old_due);
  g_autoptr(GDateTime) new_date = day (new_due);
  g_autoptr(GDateTime) told_date = day (told);

  confianza_promise_step_set_promise_id (step, 1);
  confianza_promise_step_set_client_id (step, 1);
  confianza_promise_step_set_recorded_on (step, told_date);
  confianza_promise_step_set_old_due_on (step, old_date);
  confianza_promise_step_set_new_due_on (step, new_date);
  confianza_promise_step_set_told_on (step, told_date);
  confianza_promise_step_set_agreed (step, agreed);
  confianza_promise_step_set_reason (step, "El proveedor se retrasa");
  return step;
}

static ConfianzaPromise *
promise_due (int due)
{
  g_autoptr(GDateTime) promised = day (1);
  g_autoptr(GDateTime) due_on = day (due);
  ConfianzaPromise *promise = confianza_promise_new (1, "Catálogo", promised, due_on);

  confianza_promise_set_id (promise, 1);
  return promise;
}

/* Random histories: a renegotiation agreed in time never lowers the index
 * more than the late delivery it avoids; keeping the new date never lowers
 * it; a change told late or not agreed (a silent change of the date) never
 * raises it. */
static void
test_trust_properties (void)
{
  for (int i = 0; i < 500; i++)
    {
      int due = g_test_rand_int_range (5, 60);
      int told = g_test_rand_int_range (2, due + 1);
      int new_due = due + g_test_rand_int_range (1, 30);
      int late_told = g_test_rand_int_range (due + 1, due + 20);
      g_autoptr(GDateTime) today = day (new_due + g_test_rand_int_range (0, 40));
      g_autoptr(GDateTime) delivered = day (new_due);
      g_autoptr(ConfianzaPromise) renegotiated = promise_due (new_due);
      g_autoptr(ConfianzaPromise) renegotiated_open = promise_due (new_due);
      g_autoptr(ConfianzaPromise) late = promise_due (due);
      g_autoptr(ConfianzaPromise) silent = promise_due (due);
      g_autoptr(ConfianzaPromiseStep) in_time = stored_step (due, new_due, told, TRUE);
      g_autoptr(ConfianzaPromiseStep) after = stored_step (due, new_due, late_told, TRUE);
      g_autoptr(ConfianzaPromiseStep) refused = stored_step (due, new_due, told, FALSE);
      double kept_score, open_score, late_score, silent_score;

      g_assert_true (confianza_promise_step_is_in_time (in_time));
      confianza_promise_set_delivered_on (renegotiated, delivered);
      confianza_promise_set_delivered_on (late, delivered);

      kept_score = score_of (renegotiated, in_time, today);
      open_score = score_of (renegotiated_open, in_time, today);
      late_score = score_of (late, NULL, today);
      g_assert_cmpfloat (kept_score, >, late_score);
      g_assert_cmpfloat (kept_score, >=, open_score);
      g_assert_cmpfloat (score_of (renegotiated, NULL, today), >, kept_score);

      /* Delivered on the new date after a late or unagreed change: still
       * late against its date, never better than saying nothing */
      confianza_promise_set_delivered_on (silent, delivered);
      silent_score = score_of (silent, after, today);
      g_assert_cmpfloat (silent_score, <=, late_score);
      g_assert_cmpfloat (score_of (silent, refused, today), <=, late_score);
    }
}

/* Two promises kept and one overdue is not 100 % on time */
static void
test_on_time_rate_counts_overdue (void)
{
  ConfianzaOutcomeCounts counts = { 0 };

  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_KEPT);
  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_OVERDELIVERED);
  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_OVERDUE);
  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_OPEN);
  g_assert_cmpfloat_with_epsilon (confianza_outcome_counts_on_time_rate (&counts), 2.0 / 3.0, 1e-9);

  memset (&counts, 0, sizeof counts);
  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_OVERDUE);
  g_assert_cmpfloat (confianza_outcome_counts_on_time_rate (&counts), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ledger/in-time", test_in_time);
  g_test_add_func ("/ledger/agreed-date-and-outcome", test_agreed_date_and_outcome);
  g_test_add_func ("/ledger/chain-and-correction", test_chain_and_correction);
  g_test_add_func ("/ledger/properties", test_properties);
  g_test_add_func ("/ledger/validate", test_validate);
  g_test_add_func ("/ledger/trust-properties", test_trust_properties);
  g_test_add_func ("/ledger/on-time-rate-counts-overdue", test_on_time_rate_counts_overdue);
  return g_test_run ();
}
