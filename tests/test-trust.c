/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "model/confianza-buffer.h"
#include "model/confianza-model.h"
#include "model/confianza-trust.h"

/* A day number meaning "no date". */
#define NONE G_MININT

#define EPSILON 1e-9

/* A client's whole history, the way the store hands it over. */
typedef struct
{
  GDateTime       *today;
  ConfianzaClient *client;
  GPtrArray       *promises;
  GPtrArray       *quick_wins;
  GPtrArray       *incidents;
  GPtrArray       *plans;
  GPtrArray       *follow_ups;
  GPtrArray       *compensations;
  gint64           next_id;
} History;

static GDateTime *
test_today (void)
{
  return confianza_date_new (2026, 6, 30);
}

/* Returns: (transfer full) (nullable) */
static GDateTime *
days_ago (History *history,
          int      days)
{
  if (days == NONE)
    return NULL;

  return confianza_date_add_days (history->today, -days);
}

/* @since_ago NONE: no client, so the relationship starts at the first
 * record. */
static History *
history_new (int since_ago)
{
  History *history = g_new0 (History, 1);

  history->today = test_today ();
  history->promises = g_ptr_array_new_with_free_func (g_object_unref);
  history->quick_wins = g_ptr_array_new_with_free_func (g_object_unref);
  history->incidents = g_ptr_array_new_with_free_func (g_object_unref);
  history->plans = g_ptr_array_new_with_free_func (g_object_unref);
  history->follow_ups = g_ptr_array_new_with_free_func (g_object_unref);
  history->compensations = g_ptr_array_new_with_free_func (g_object_unref);
  history->next_id = 1;

  if (since_ago != NONE)
    {
      g_autoptr(GDateTime) since = days_ago (history, since_ago);

      history->client = confianza_client_new ("Ana");
      confianza_client_set_id (history->client, 1);
      confianza_client_set_since (history->client, since);
    }

  return history;
}

static void
history_free (History *history)
{
  g_clear_pointer (&history->today, g_date_time_unref);
  g_clear_object (&history->client);
  g_ptr_array_unref (history->promises);
  g_ptr_array_unref (history->quick_wins);
  g_ptr_array_unref (history->incidents);
  g_ptr_array_unref (history->plans);
  g_ptr_array_unref (history->follow_ups);
  g_ptr_array_unref (history->compensations);
  g_free (history);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (History, history_free)

static ConfianzaTrustInput
history_input (History *history)
{
  ConfianzaTrustInput input = { 0 };

  input.client = history->client;
  input.promises = history->promises;
  input.quick_wins = history->quick_wins;
  input.incidents = history->incidents;
  input.plans = history->plans;
  input.follow_ups = history->follow_ups;
  input.compensations = history->compensations;
  input.today = history->today;

  return input;
}

static double
history_score (History *history)
{
  ConfianzaTrustInput input = history_input (history);

  return confianza_trust_score (&input);
}

static ConfianzaPromise *
add_promise (History    *history,
             const char *title,
             int         promised_ago,
             int         due_ago,
             int         delivered_ago)
{
  g_autoptr(GDateTime) promised_on = days_ago (history, promised_ago);
  g_autoptr(GDateTime) due_on = days_ago (history, due_ago);
  g_autoptr(GDateTime) delivered_on = days_ago (history, delivered_ago);
  ConfianzaPromise *promise = confianza_promise_new (1, title, promised_on, due_on);

  confianza_promise_set_id (promise, history->next_id++);
  confianza_promise_set_delivered_on (promise, delivered_on);
  g_ptr_array_add (history->promises, promise);

  return promise;
}

static ConfianzaPromise *
add_kept (History *history,
          int      due_ago)
{
  return add_promise (history, "Kept", due_ago + 10, due_ago, due_ago);
}

static ConfianzaPromise *
add_overdelivered (History *history,
                   int      due_ago)
{
  return add_promise (history, "Early", due_ago + 10, due_ago, due_ago + 2);
}

static ConfianzaPromise *
add_broken (History *history,
            int      due_ago)
{
  ConfianzaPromise *promise = add_promise (history, "Broken", due_ago + 10, due_ago, NONE);

  confianza_promise_set_broken (promise, TRUE);

  return promise;
}

static ConfianzaIncident *
add_incident (History                 *history,
              int                      ago,
              ConfianzaSeverity        severity,
              ConfianzaResponsibility  responsibility,
              const char              *cause)
{
  g_autoptr(GDateTime) happened_on = days_ago (history, ago);
  ConfianzaIncident *incident = confianza_incident_new (1, happened_on, "It went wrong");

  confianza_incident_set_id (incident, history->next_id++);
  confianza_incident_set_severity (incident, severity);
  confianza_incident_set_responsibility (incident, responsibility);
  confianza_incident_set_cause (incident, cause);
  g_ptr_array_add (history->incidents, incident);

  return incident;
}

static ConfianzaRecoveryPlan *
add_plan (History           *history,
          ConfianzaIncident *incident)
{
  ConfianzaRecoveryPlan *plan;

  plan = confianza_recovery_plan_new (1, confianza_incident_get_id (incident),
                                      confianza_incident_get_happened_on (incident));
  confianza_recovery_plan_set_id (plan, history->next_id++);
  g_ptr_array_add (history->plans, plan);

  return plan;
}

static void
set_plan_date (ConfianzaRecoveryPlan *plan,
               const char            *property,
               History               *history,
               int                    ago)
{
  g_autoptr(GDateTime) date = days_ago (history, ago);

  g_object_set (plan, property, date, NULL);
}

static ConfianzaCompensation *
add_compensation (History               *history,
                  ConfianzaRecoveryPlan *plan,
                  int                    given_ago)
{
  g_autoptr(GDateTime) given_on = days_ago (history, given_ago);
  ConfianzaCompensation *compensation;

  compensation = confianza_compensation_new (confianza_recovery_plan_get_id (plan), 1,
                                             CONFIANZA_COMPENSATION_CREDIT);
  confianza_compensation_set_id (compensation, history->next_id++);
  confianza_compensation_set_amount_cents (compensation, 5000);
  confianza_compensation_set_currency (compensation, "EUR");
  confianza_compensation_set_given_on (compensation, given_on);
  g_ptr_array_add (history->compensations, compensation);

  return compensation;
}

static ConfianzaFollowUp *
add_follow_up (History               *history,
               ConfianzaRecoveryPlan *plan,
               int                    due_ago,
               int                    done_ago)
{
  g_autoptr(GDateTime) due_on = days_ago (history, due_ago);
  g_autoptr(GDateTime) done_on = days_ago (history, done_ago);
  ConfianzaFollowUp *follow_up;

  follow_up = confianza_follow_up_new (confianza_recovery_plan_get_id (plan), 1, due_on);
  confianza_follow_up_set_id (follow_up, history->next_id++);
  confianza_follow_up_set_done_on (follow_up, done_on);
  g_ptr_array_add (history->follow_ups, follow_up);

  return follow_up;
}

static const char *causes[] = { "Retrasos", "Calidad", "Comunicación" };

/* A random but plausible history: promises of every outcome, quick wins,
 * incidents with recovery plans in every state. */
static History *
random_history (GRand    *rand,
                gboolean  with_client)
{
  int age = g_rand_int_range (rand, 0, 1500);
  History *history = history_new (with_client ? age : NONE);
  int n_promises = g_rand_int_range (rand, 0, 16);
  int n_quick_wins = g_rand_int_range (rand, 0, 5);
  int n_incidents = g_rand_int_range (rand, 0, 4);

  for (int i = 0; i < n_promises; i++)
    {
      int promised = g_rand_int_range (rand, 0, age + 1);
      int due = promised - g_rand_int_range (rand, 0, 40);
      int delivered = g_rand_int_range (rand, 0, 3) == 0
                      ? NONE
                      : due + g_rand_int_range (rand, -10, 6);
      ConfianzaPromise *promise = add_promise (history, "Random", promised, due, delivered);

      if (g_rand_int_range (rand, 0, 8) == 0)
        confianza_promise_set_broken (promise, TRUE);
      if (g_rand_boolean (rand))
        {
          confianza_promise_set_has_quantity (promise, TRUE);
          confianza_promise_set_promised_quantity (promise, 10);
          confianza_promise_set_delivered_quantity (promise, g_rand_int_range (rand, 8, 13));
        }
      if (g_rand_int_range (rand, 0, 5) == 0)
        confianza_promise_set_extras (promise, "A bonus");
    }

  for (int i = 0; i < n_quick_wins; i++)
    {
      g_autoptr(GDateTime) achieved_on = days_ago (history, g_rand_int_range (rand, 0, age + 1));
      ConfianzaQuickWin *quick_win = confianza_quick_win_new (1, "Win", achieved_on);

      confianza_quick_win_set_id (quick_win, history->next_id++);
      if (g_rand_boolean (rand))
        confianza_quick_win_set_shared_on (quick_win, achieved_on);
      g_ptr_array_add (history->quick_wins, quick_win);
    }

  for (int i = 0; i < n_incidents; i++)
    {
      int ago = g_rand_int_range (rand, 0, age + 1);
      ConfianzaIncident *incident;
      ConfianzaRecoveryPlan *plan;

      incident = add_incident (history, ago,
                               g_rand_int_range (rand, 0, 3),
                               g_rand_int_range (rand, 0, 3),
                               causes[g_rand_int_range (rand, 0, G_N_ELEMENTS (causes))]);
      if (g_rand_boolean (rand))
        continue;

      plan = add_plan (history, incident);
      if (g_rand_boolean (rand))
        set_plan_date (plan, "acknowledged-on", history, ago - g_rand_int_range (rand, 0, 10));
      if (g_rand_boolean (rand))
        set_plan_date (plan, "apologised-on", history, ago - g_rand_int_range (rand, 0, 30));
      if (g_rand_boolean (rand))
        add_compensation (history, plan, ago - g_rand_int_range (rand, 0, 30));
      for (int f = g_rand_int_range (rand, 0, 4); f > 0; f--)
        {
          int due = ago - 7 * f;

          add_follow_up (history, plan, due, due + g_rand_int_range (rand, -3, 2));
        }
      if (g_rand_boolean (rand))
        confianza_recovery_plan_set_root_cause (plan, "No buffer");
      if (g_rand_boolean (rand))
        {
          confianza_recovery_plan_set_corrective_measure (plan, "Add a buffer");
          if (g_rand_boolean (rand))
            set_plan_date (plan, "corrective-applied-on", history, ago - g_rand_int_range (rand, 0, 30));
        }
    }

  return history;
}

static void
assert_explanation_adds_up (History *history)
{
  ConfianzaTrustInput input = history_input (history);
  g_autoptr(ConfianzaTrust) trust = confianza_trust_compute (&input);
  double sum = 0.0;
  int rounded = 0;

  g_assert_cmpfloat_with_epsilon (trust->value, confianza_trust_score (&input), EPSILON);
  g_assert_cmpint (trust->score, ==, (int) floor (trust->value + 0.5));

  for (guint i = 0; i < trust->events->len; i++)
    {
      ConfianzaTrustEvent *event = &g_array_index (trust->events, ConfianzaTrustEvent, i);

      g_assert_nonnull (event->description);
      g_assert_true (g_utf8_validate (event->description, -1, NULL));
      g_assert_nonnull (event->date);
      g_assert_cmpint (event->record_id, >, 0);
      /* Points and raw points always have the same sign. */
      g_assert_true (event->points * event->raw >= 0);
      sum += event->points;
      rounded += event->rounded_points;

      if (i > 0)
        {
          ConfianzaTrustEvent *previous = &g_array_index (trust->events, ConfianzaTrustEvent, i - 1);

          g_assert_cmpfloat (fabs (previous->points), >=, fabs (event->points));
        }
    }

  g_assert_cmpfloat_with_epsilon (sum, trust->value - 50.0, 1e-6);
  g_assert_cmpint (rounded, ==, trust->score - 50);
}

/* Properties */

static void
test_neutral (void)
{
  g_autoptr(History) history = history_new (100);
  g_autoptr(History) no_client = history_new (NONE);
  ConfianzaTrustInput empty = { 0 };
  ConfianzaTrustInput input = history_input (history);
  g_autoptr(ConfianzaTrust) trust = NULL;
  g_autoptr(ConfianzaTrust) empty_trust = NULL;

  g_assert_cmpfloat (confianza_trust_score (&empty), ==, 50.0);
  g_assert_cmpfloat (history_score (no_client), ==, 50.0);
  g_assert_cmpfloat (history_score (history), ==, 50.0);

  trust = confianza_trust_compute (&input);
  g_assert_cmpfloat (trust->value, ==, 50.0);
  g_assert_cmpint (trust->score, ==, 50);
  g_assert_cmpint (trust->level, ==, CONFIANZA_TRUST_LEVEL_MEDIUM);
  g_assert_cmpuint (trust->events->len, ==, 0);
  g_assert_false (trust->systemic);

  empty_trust = confianza_trust_compute (&empty);
  g_assert_cmpint (empty_trust->score, ==, 50);

  /* Promises still open and quick wins not shared yet say nothing yet. */
  add_promise (history, "Open", 5, -10, NONE);
  {
    g_autoptr(GDateTime) achieved_on = days_ago (history, 3);

    g_ptr_array_add (history->quick_wins, confianza_quick_win_new (1, "Not shared", achieved_on));
  }
  g_assert_cmpfloat (history_score (history), ==, 50.0);
}

static void
test_keeping_never_lowers (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260630);

  for (int i = 0; i < 2000; i++)
    {
      g_autoptr(History) history = random_history (rand, i % 4 != 0);
      int due = g_rand_int_range (rand, 0, 1000);
      double before = history_score (history);
      double after;

      if (g_rand_boolean (rand))
        add_kept (history, due);
      else
        add_overdelivered (history, due);
      after = history_score (history);

      g_assert_cmpfloat (after, >=, before - EPSILON);
    }

  /* And from neutral it strictly raises. */
  {
    g_autoptr(History) history = history_new (400);

    add_kept (history, 10);
    g_assert_cmpfloat (history_score (history), >, 50.0);
  }
}

static void
test_breaking_never_raises (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);

  for (int i = 0; i < 2000; i++)
    {
      g_autoptr(History) history = random_history (rand, TRUE);
      int due = g_rand_int_range (rand, 0, 1000);
      double before = history_score (history);
      double after;

      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          add_broken (history, due);
          break;

        case 1:
          /* Delivered late. */
          add_promise (history, "Late", due + 10, due, due - g_rand_int_range (rand, 1, 30));
          break;

        default:
          {
            /* Delivered short of the promised quantity. */
            ConfianzaPromise *promise = add_kept (history, due);

            confianza_promise_set_has_quantity (promise, TRUE);
            confianza_promise_set_promised_quantity (promise, 10);
            confianza_promise_set_delivered_quantity (promise, 7);
          }
          break;
        }
      after = history_score (history);

      g_assert_cmpfloat (after, <=, before + EPSILON);
    }

  {
    g_autoptr(History) history = history_new (400);

    add_broken (history, 10);
    g_assert_cmpfloat (history_score (history), <, 50.0);
  }
}

static void
test_broken_outweighs_overdelivered (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);

  for (int i = 0; i < 500; i++)
    {
      /* The same history twice, from the same seed; the first time empty. */
      guint32 seed = g_rand_int (rand);
      g_autoptr(GRand) a = g_rand_new_with_seed (seed);
      g_autoptr(GRand) b = g_rand_new_with_seed (seed);
      g_autoptr(History) broken = i == 0 ? history_new (400) : random_history (a, TRUE);
      g_autoptr(History) overdelivered = i == 0 ? history_new (400) : random_history (b, TRUE);
      int due = g_rand_int_range (rand, 0, 300);
      double before = history_score (broken);
      double drop, rise;

      g_assert_cmpfloat (before, ==, history_score (overdelivered));

      add_broken (broken, due);
      add_overdelivered (overdelivered, due);
      drop = before - history_score (broken);
      rise = history_score (overdelivered) - before;

      g_assert_cmpfloat (rise, >=, 0.0);
      g_assert_cmpfloat (drop, >, rise);
    }
}

static double
one_incident_score (int relationship_days_before)
{
  g_autoptr(History) history = history_new (10 + relationship_days_before);

  add_incident (history, 10, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");

  return history_score (history);
}

static void
test_incident_early_weighs_more (void)
{
  double month_one = one_incident_score (15);
  double year_three = one_incident_score (2 * 365 + 100);

  g_assert_cmpfloat (month_one, <, 50.0);
  g_assert_cmpfloat (year_three, <, 50.0);
  g_assert_cmpfloat (month_one, <, year_three);

  /* Promises kept before it cushion it too, at the same age. */
  {
    g_autoptr(History) cushioned = history_new (400);
    g_autoptr(History) bare = history_new (400);
    ConfianzaTrustInput input;
    g_autoptr(ConfianzaTrust) with_promises = NULL;
    g_autoptr(ConfianzaTrust) without = NULL;
    double cushioned_raw = 0, bare_raw = 0;

    for (int i = 0; i < 10; i++)
      add_kept (cushioned, 300 - i);
    add_incident (cushioned, 100, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, NULL);
    add_incident (bare, 100, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, NULL);

    input = history_input (cushioned);
    with_promises = confianza_trust_compute (&input);
    input = history_input (bare);
    without = confianza_trust_compute (&input);

    for (guint i = 0; i < with_promises->events->len; i++)
      {
        ConfianzaTrustEvent *event = &g_array_index (with_promises->events, ConfianzaTrustEvent, i);

        if (event->kind == CONFIANZA_TRUST_EVENT_INCIDENT)
          cushioned_raw = event->raw;
      }
    bare_raw = g_array_index (without->events, ConfianzaTrustEvent, 0).raw;

    g_assert_cmpfloat (cushioned_raw, <, 0.0);
    g_assert_cmpfloat (fabs (cushioned_raw), <, fabs (bare_raw));
  }
}

static void
test_recovery_steps_raise (void)
{
  g_autoptr(History) history = history_new (500);
  ConfianzaIncident *incident;
  ConfianzaRecoveryPlan *plan;
  double previous, current;

  incident = add_incident (history, 60, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Calidad");
  previous = history_score (history);
  g_assert_cmpfloat (previous, <, 50.0);

  /* An empty plan (a draft) changes nothing. */
  plan = add_plan (history, incident);
  current = history_score (history);
  g_assert_cmpfloat (current, ==, previous);

#define STEP(code) \
  G_STMT_START { \
    code; \
    current = history_score (history); \
    g_assert_cmpfloat (current, >, previous); \
    previous = current; \
  } G_STMT_END

  STEP (set_plan_date (plan, "acknowledged-on", history, 59));
  STEP (set_plan_date (plan, "apologised-on", history, 59));
  STEP (add_compensation (history, plan, 55));
  STEP (add_follow_up (history, plan, 50, 50));
  STEP (add_follow_up (history, plan, 40, 42));
  STEP (add_follow_up (history, plan, 30, 25));
  STEP (confianza_recovery_plan_set_root_cause (plan, "We promised without a buffer"));
  /* The measure typed counts for nothing; applied, it does */
  confianza_recovery_plan_set_corrective_measure (plan, "Add three days to every date");
  g_assert_cmpfloat (history_score (history), ==, previous);
  STEP (set_plan_date (plan, "corrective-applied-on", history, 20));

#undef STEP

  /* Still below where it was before the incident: recovery offsets part of
   * it, never all. */
  g_assert_cmpfloat (current, <, 50.0);

  /* A second compensation or a fourth follow-up beyond the cap never
   * lowers it. */
  add_compensation (history, plan, 20);
  add_follow_up (history, plan, 10, 10);
  g_assert_cmpfloat (history_score (history), >=, previous);

  assert_explanation_adds_up (history);
}

static double
apology_score (int days_after,
               gboolean with_compensation)
{
  g_autoptr(History) history = history_new (500);
  ConfianzaIncident *incident;
  ConfianzaRecoveryPlan *plan;

  incident = add_incident (history, 60, CONFIANZA_SEVERITY_CRITICAL, CONFIANZA_RESPONSIBILITY_OURS, "Calidad");
  plan = add_plan (history, incident);
  set_plan_date (plan, "apologised-on", history, 60 - days_after);
  if (with_compensation)
    add_compensation (history, plan, 30);

  return history_score (history);
}

/* A recovery step counts from the day it was done: as of an earlier day
 * (a point of the history), the index is as if it had not happened. */
static void
test_recovery_counts_from_its_day (void)
{
  g_autoptr(History) full = history_new (500);
  g_autoptr(History) by_then = history_new (500);
  g_autoptr(GDateTime) earlier = NULL;
  ConfianzaTrustInput full_input, by_then_input;
  ConfianzaRecoveryPlan *plan;
  double before;

  plan = add_plan (full, add_incident (full, 60, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Calidad"));
  set_plan_date (plan, "acknowledged-on", full, 59);
  set_plan_date (plan, "apologised-on", full, 10);
  add_compensation (full, plan, 5);
  add_follow_up (full, plan, 40, 40);
  add_follow_up (full, plan, 15, 12);

  plan = add_plan (by_then, add_incident (by_then, 60, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Calidad"));
  set_plan_date (plan, "acknowledged-on", by_then, 59);
  add_follow_up (by_then, plan, 40, 40);

  earlier = days_ago (full, 20);
  full_input = history_input (full);
  by_then_input = history_input (by_then);
  full_input.today = earlier;
  by_then_input.today = earlier;
  before = confianza_trust_score (&by_then_input);
  g_assert_cmpfloat_with_epsilon (confianza_trust_score (&full_input), before, 1e-12);

  /* And today, what came after raises it */
  g_assert_cmpfloat (history_score (full), >, history_score (by_then));
}

static void
test_fast_apology (void)
{
  g_assert_cmpfloat (apology_score (1, FALSE), >, apology_score (20, FALSE));
  g_assert_cmpfloat (apology_score (1, TRUE), >, apology_score (20, TRUE));
  g_assert_cmpfloat (apology_score (0, FALSE), >, apology_score (1, FALSE));

  /* Faster is better, day after day. */
  for (int day = 0; day < 30; day++)
    g_assert_cmpfloat (apology_score (day, TRUE), >, apology_score (day + 1, TRUE));
}

static double
second_incident_raw (History *history)
{
  ConfianzaTrustInput input = history_input (history);
  g_autoptr(ConfianzaTrust) trust = confianza_trust_compute (&input);
  ConfianzaIncident *second = g_ptr_array_index (history->incidents, 1);

  for (guint i = 0; i < trust->events->len; i++)
    {
      ConfianzaTrustEvent *event = &g_array_index (trust->events, ConfianzaTrustEvent, i);

      if (event->kind == CONFIANZA_TRUST_EVENT_INCIDENT
          && event->record_id == confianza_incident_get_id (second))
        return event->raw;
    }

  g_assert_not_reached ();
}

static void
test_systemic (void)
{
  g_autoptr(History) same = history_new (1000);
  g_autoptr(History) other = history_new (1000);
  g_autoptr(History) far_apart = history_new (1000);
  ConfianzaTrustInput input;
  g_autoptr(ConfianzaTrust) trust = NULL;

  add_incident (same, 200, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
  add_incident (same, 30, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "  retrasos ");
  add_incident (other, 200, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
  add_incident (other, 30, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Calidad");
  add_incident (far_apart, 600, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
  add_incident (far_apart, 30, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");

  g_assert_cmpfloat (history_score (same), <, history_score (other));
  g_assert_cmpfloat (fabs (second_incident_raw (same)), >, fabs (second_incident_raw (other)));
  g_assert_cmpfloat_with_epsilon (second_incident_raw (same) / second_incident_raw (other), 1.5, 1e-9);
  /* More than twelve months apart: not systemic. */
  g_assert_cmpfloat_with_epsilon (second_incident_raw (far_apart), second_incident_raw (other), 1e-12);

  input = history_input (same);
  trust = confianza_trust_compute (&input);
  g_assert_true (trust->systemic);
  g_clear_pointer (&trust, confianza_trust_free);

  input = history_input (other);
  trust = confianza_trust_compute (&input);
  g_assert_false (trust->systemic);

  /* A recovery after a repeated failure gives back less. */
  {
    g_autoptr(History) first = history_new (1000);
    g_autoptr(History) repeat = history_new (1000);
    ConfianzaIncident *incident;
    ConfianzaRecoveryPlan *plan;
    double first_gain, repeat_gain, before;

    add_incident (first, 200, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Calidad");
    incident = add_incident (first, 30, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
    before = history_score (first);
    plan = add_plan (first, incident);
    set_plan_date (plan, "apologised-on", first, 29);
    first_gain = history_score (first) - before;

    add_incident (repeat, 200, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
    incident = add_incident (repeat, 30, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
    before = history_score (repeat);
    plan = add_plan (repeat, incident);
    set_plan_date (plan, "apologised-on", repeat, 29);
    repeat_gain = history_score (repeat) - before;

    g_assert_cmpfloat (repeat_gain, >, 0.0);
    g_assert_cmpfloat (repeat_gain, <, first_gain);
  }
}

static void
assert_in_bounds (History *history)
{
  ConfianzaTrustInput input = history_input (history);
  g_autoptr(ConfianzaTrust) trust = confianza_trust_compute (&input);

  g_assert_true (isfinite (trust->value));
  g_assert_cmpfloat (trust->value, >=, 0.0);
  g_assert_cmpfloat (trust->value, <=, 100.0);
  g_assert_cmpint (trust->score, >=, 0);
  g_assert_cmpint (trust->score, <=, 100);
}

/* The index asks the one systemic rule: two incidents of a cause on the
 * same day weigh the one recorded second as the repeat, however the store
 * lists them; 365 days apart is still a repeat, 366 is not. */
static void
test_systemic_same_day_and_edge (void)
{
  g_autoptr(History) listed_newest_first = history_new (1000);
  g_autoptr(History) isolated = history_new (1000);
  g_autoptr(History) day_365 = history_new (1000);
  g_autoptr(History) day_366 = history_new (1000);
  ConfianzaIncident *newer, *older;
  g_autoptr(ConfianzaTrust) trust = NULL;
  ConfianzaTrustInput input;
  double older_raw = 0, newer_raw = 0;

  older = add_incident (listed_newest_first, 40, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
  newer = add_incident (listed_newest_first, 40, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "retrasos");
  /* The larger id first in the array */
  g_ptr_array_steal_index (listed_newest_first->incidents, 0);
  g_ptr_array_add (listed_newest_first->incidents, older);

  input = history_input (listed_newest_first);
  trust = confianza_trust_compute (&input);
  g_assert_true (trust->systemic);
  for (guint i = 0; i < trust->events->len; i++)
    {
      ConfianzaTrustEvent *event = &g_array_index (trust->events, ConfianzaTrustEvent, i);

      if (event->kind != CONFIANZA_TRUST_EVENT_INCIDENT)
        continue;
      if (event->record_id == confianza_incident_get_id (older))
        older_raw = event->raw;
      else if (event->record_id == confianza_incident_get_id (newer))
        newer_raw = event->raw;
    }
  /* Only the one recorded second weighs 1.5 times (no goodwill to share:
   * no promises kept) */
  add_incident (isolated, 40, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
  g_assert_cmpfloat_with_epsilon (newer_raw / older_raw, 1.5, 1e-9);
  {
    ConfianzaTrustInput alone = history_input (isolated);
    g_autoptr(ConfianzaTrust) single = confianza_trust_compute (&alone);

    g_assert_cmpfloat_with_epsilon (older_raw,
                                    g_array_index (single->events, ConfianzaTrustEvent, 0).raw, 1e-12);
  }

  add_incident (day_365, 400, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
  add_incident (day_365, 35, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
  add_incident (day_366, 401, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
  add_incident (day_366, 35, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
  g_assert_cmpfloat_with_epsilon (second_incident_raw (day_365) / second_incident_raw (day_366), 1.5, 1e-9);
}

static void
test_bounds (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1980);

  for (int i = 0; i < 5000; i++)
    {
      g_autoptr(History) history = random_history (rand, i % 3 != 0);

      assert_in_bounds (history);
    }

  {
    g_autoptr(History) history = history_new (30);

    for (int i = 0; i < 10000; i++)
      add_broken (history, 1);
    assert_in_bounds (history);
    g_assert_cmpint (confianza_trust_level_for_score ((int) history_score (history)), ==,
                     CONFIANZA_TRUST_LEVEL_LOW);
  }

  {
    g_autoptr(History) history = history_new (30);

    for (int i = 0; i < 10000; i++)
      add_overdelivered (history, 1);
    assert_in_bounds (history);
    g_assert_cmpfloat (history_score (history), >, 99.0);
  }

  {
    g_autoptr(History) history = history_new (0);

    for (int i = 0; i < 10000; i++)
      add_incident (history, 0, CONFIANZA_SEVERITY_CRITICAL, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
    assert_in_bounds (history);
  }

  {
    /* Both extremes at once: the explanation still adds up. */
    g_autoptr(History) history = history_new (30);

    for (int i = 0; i < 5000; i++)
      {
        add_broken (history, 1);
        add_overdelivered (history, 1);
      }
    assert_in_bounds (history);
    assert_explanation_adds_up (history);
  }
}

static void
test_explanation (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2014);
  g_autoptr(History) history = history_new (400);
  ConfianzaTrustInput input;
  g_autoptr(ConfianzaTrust) trust = NULL;
  gboolean found_late = FALSE;

  for (int i = 0; i < 1000; i++)
    {
      g_autoptr(History) random = random_history (rand, i % 2 == 0);

      assert_explanation_adds_up (random);
    }

  add_promise (history, "Logo redesign", 40, 30, 30);
  add_promise (history, "Web copy", 40, 20, 17);
  add_incident (history, 100, CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, "Retrasos");
  assert_explanation_adds_up (history);

  input = history_input (history);
  trust = confianza_trust_compute (&input);
  g_assert_cmpuint (trust->events->len, ==, 3);
  g_assert_cmpuint (trust->n_kept, ==, 1);
  g_assert_cmpuint (trust->n_late, ==, 1);

  /* By impact: the incident, then the late promise, then the kept one. */
  g_assert_cmpint (g_array_index (trust->events, ConfianzaTrustEvent, 0).kind, ==,
                   CONFIANZA_TRUST_EVENT_INCIDENT);
  for (guint i = 0; i < trust->events->len; i++)
    {
      ConfianzaTrustEvent *event = &g_array_index (trust->events, ConfianzaTrustEvent, i);

      if (event->kind == CONFIANZA_TRUST_EVENT_PROMISE && event->points < 0)
        {
          found_late = TRUE;
          g_assert_nonnull (strstr (event->description, "Web copy"));
          g_assert_nonnull (strstr (event->description, "3"));
        }
      else if (event->kind == CONFIANZA_TRUST_EVENT_PROMISE)
        {
          g_assert_nonnull (strstr (event->description, "Logo redesign"));
        }
    }
  g_assert_true (found_late);

  /* By date: the most recent first. */
  confianza_trust_sort_events (trust, CONFIANZA_TRUST_ORDER_DATE);
  for (guint i = 1; i < trust->events->len; i++)
    g_assert_cmpint (confianza_date_compare (g_array_index (trust->events, ConfianzaTrustEvent, i - 1).date,
                                             g_array_index (trust->events, ConfianzaTrustEvent, i).date), >=, 0);

  /* A copy is deep. */
  {
    g_autoptr(ConfianzaTrust) copy = confianza_trust_copy (trust);

    g_assert_cmpfloat (copy->value, ==, trust->value);
    g_assert_cmpuint (copy->events->len, ==, trust->events->len);
    g_assert_true (g_array_index (copy->events, ConfianzaTrustEvent, 0).description
                   != g_array_index (trust->events, ConfianzaTrustEvent, 0).description);
    g_assert_cmpstr (g_array_index (copy->events, ConfianzaTrustEvent, 0).description, ==,
                     g_array_index (trust->events, ConfianzaTrustEvent, 0).description);
  }
}

static void
test_recency (void)
{
  g_autoptr(History) old = history_new (1000);
  g_autoptr(History) recent = history_new (1000);

  add_broken (old, 700);
  add_broken (recent, 10);

  g_assert_cmpfloat (history_score (old), <, 50.0);
  g_assert_cmpfloat (history_score (recent), <, history_score (old));

  /* The same for a kept promise: an old one counts less. */
  {
    g_autoptr(History) old_kept = history_new (1000);
    g_autoptr(History) recent_kept = history_new (1000);

    add_kept (old_kept, 700);
    add_kept (recent_kept, 10);
    g_assert_cmpfloat (history_score (old_kept), >, 50.0);
    g_assert_cmpfloat (history_score (recent_kept), >, history_score (old_kept));
  }
}

static void
test_overdue (void)
{
  g_autoptr(History) history = history_new (400);
  g_autoptr(History) late = history_new (400);
  ConfianzaTrustInput input;
  g_autoptr(ConfianzaTrust) trust = NULL;

  /* Due five days ago, still not delivered: weighs as five days late. */
  add_promise (history, "Overdue", 20, 5, NONE);
  add_promise (late, "Late", 20, 5, 0);
  g_assert_cmpfloat (history_score (history), <, 50.0);
  g_assert_cmpfloat_with_epsilon (history_score (history), history_score (late), 1e-12);

  input = history_input (history);
  trust = confianza_trust_compute (&input);
  g_assert_cmpuint (trust->n_overdue, ==, 1);
}

static void
test_levels (void)
{
  g_assert_cmpint (confianza_trust_level_for_score (0), ==, CONFIANZA_TRUST_LEVEL_LOW);
  g_assert_cmpint (confianza_trust_level_for_score (39), ==, CONFIANZA_TRUST_LEVEL_LOW);
  g_assert_cmpint (confianza_trust_level_for_score (40), ==, CONFIANZA_TRUST_LEVEL_MEDIUM);
  g_assert_cmpint (confianza_trust_level_for_score (69), ==, CONFIANZA_TRUST_LEVEL_MEDIUM);
  g_assert_cmpint (confianza_trust_level_for_score (70), ==, CONFIANZA_TRUST_LEVEL_HIGH);
  g_assert_cmpint (confianza_trust_level_for_score (100), ==, CONFIANZA_TRUST_LEVEL_HIGH);

  for (int level = CONFIANZA_TRUST_LEVEL_LOW; level <= CONFIANZA_TRUST_LEVEL_HIGH; level++)
    {
      g_assert_cmpstr (confianza_trust_level_to_label (level), !=, "");
      g_assert_cmpstr (confianza_trust_level_to_css_class (level), !=, "");
    }

  g_assert_true (G_TYPE_IS_ENUM (CONFIANZA_TYPE_TRUST_LEVEL));
  g_assert_true (G_TYPE_IS_BOXED (CONFIANZA_TYPE_TRUST));
}

static void
test_history (void)
{
  g_autoptr(History) history = history_new (200);
  ConfianzaTrustInput input;
  g_autoptr(GArray) points = NULL;
  g_autoptr(GDateTime) from = confianza_date_new (2026, 1, 15);
  g_autoptr(ConfianzaTrust) trust = NULL;

  add_kept (history, 140);
  add_broken (history, 60);
  add_kept (history, 5);

  input = history_input (history);
  points = confianza_trust_history (&input, from, NULL);

  /* End of January to May, and today (30 June is a month end itself). */
  g_assert_cmpuint (points->len, ==, 6);
  for (guint i = 0; i < points->len; i++)
    {
      ConfianzaTrustPoint *point = &g_array_index (points, ConfianzaTrustPoint, i);

      g_assert_cmpfloat (point->value, >=, 0.0);
      g_assert_cmpfloat (point->value, <=, 100.0);
      if (i > 0)
        g_assert_cmpint (confianza_date_compare (g_array_index (points, ConfianzaTrustPoint, i - 1).date,
                                                 point->date), <, 0);
    }

  g_assert_cmpint (g_date_time_get_month (g_array_index (points, ConfianzaTrustPoint, 0).date), ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (g_array_index (points, ConfianzaTrustPoint, 0).date), ==, 31);
  /* 31 January: nothing had happened yet. */
  g_assert_cmpfloat (g_array_index (points, ConfianzaTrustPoint, 0).value, ==, 50.0);
  /* 28 February: the first promise (due 140 days before 30 June, on 10
   * February) was kept. */
  g_assert_cmpfloat (g_array_index (points, ConfianzaTrustPoint, 1).value, >, 50.0);
  /* 30 April: the broken promise (due 1 May) was not broken yet. */
  g_assert_cmpfloat (g_array_index (points, ConfianzaTrustPoint, 3).value, >, 50.0);
  /* 31 May: it was. */
  g_assert_cmpfloat (g_array_index (points, ConfianzaTrustPoint, 4).value, <, 50.0);

  trust = confianza_trust_compute (&input);
  g_assert_true (confianza_date_equal (g_array_index (points, ConfianzaTrustPoint, 5).date, history->today));
  g_assert_cmpfloat_with_epsilon (g_array_index (points, ConfianzaTrustPoint, 5).value, trust->value, 1e-12);

  /* From the start of the relationship. */
  g_clear_pointer (&points, g_array_unref);
  points = confianza_trust_history (&input, NULL, NULL);
  g_assert_cmpuint (points->len, >=, 7);
  g_assert_cmpfloat (g_array_index (points, ConfianzaTrustPoint, 0).value, ==, 50.0);
}

static void
test_buffer (void)
{
  g_autoptr(History) history = history_new (400);
  ConfianzaBuffer buffer;
  ConfianzaPromise *promise;

  buffer = confianza_buffer_compute (NULL);
  g_assert_cmpuint (buffer.n_delivered, ==, 0);
  buffer = confianza_buffer_compute (history->promises);
  g_assert_cmpuint (buffer.n_delivered, ==, 0);
  g_assert_cmpfloat (buffer.mean_days_early, ==, 0.0);

  /* Delivered 3 days early, 1 day early, on the day, 2 days late; one
   * still open. */
  add_promise (history, "A", 30, 20, 23);
  add_promise (history, "B", 30, 20, 21);
  promise = add_promise (history, "C", 30, 20, 20);
  confianza_promise_set_has_quantity (promise, TRUE);
  confianza_promise_set_promised_quantity (promise, 10);
  confianza_promise_set_delivered_quantity (promise, 12);
  promise = add_promise (history, "D", 30, 20, 18);
  confianza_promise_set_has_quantity (promise, TRUE);
  confianza_promise_set_promised_quantity (promise, 4);
  confianza_promise_set_delivered_quantity (promise, 4);
  add_promise (history, "E", 5, -5, NONE);

  buffer = confianza_buffer_compute (history->promises);
  g_assert_cmpuint (buffer.n_delivered, ==, 4);
  g_assert_cmpfloat_with_epsilon (buffer.mean_days_early, (3 + 1 + 0 - 2) / 4.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (buffer.median_days_early, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (buffer.share_early, 0.5, 1e-12);
  g_assert_cmpuint (buffer.n_with_quantity, ==, 2);
  g_assert_cmpfloat_with_epsilon (buffer.mean_quantity_ratio, (1.2 + 1.0) / 2, 1e-12);

  add_promise (history, "F", 30, 20, 30);
  buffer = confianza_buffer_compute (history->promises);
  g_assert_cmpfloat_with_epsilon (buffer.median_days_early, 1.0, 1e-12);
}

static void
test_safe_due (void)
{
  g_autoptr(History) history = history_new (400);
  g_autoptr(GDateTime) promised_on = confianza_date_new (2026, 7, 1);
  g_autoptr(GDateTime) expected = confianza_date_new (2026, 7, 11);
  g_autoptr(ConfianzaSafeDue) none = NULL;
  g_autoptr(ConfianzaSafeDue) few = NULL;
  g_autoptr(ConfianzaSafeDue) safe_due = NULL;
  g_autoptr(ConfianzaSafeDue) any = NULL;

  none = confianza_safe_due_suggest (history->promises, "Logo", promised_on);
  g_assert_false (none->has_suggestion);
  g_assert_null (none->due_on);
  g_assert_cmpstr (none->sentence, !=, "");

  /* Took 1 to 10 days, in a shuffled order; other kinds and open
   * promises do not count. First only two. */
  for (int took = 1; took <= 2; took++)
    {
      ConfianzaPromise *promise = add_promise (history, "Logo", 100, 100 - took, 100 - took);

      confianza_promise_set_kind (promise, "Logo");
    }
  few = confianza_safe_due_suggest (history->promises, "logo", promised_on);
  g_assert_false (few->has_suggestion);
  g_assert_cmpuint (few->n_history, ==, 2);
  g_assert_nonnull (strstr (few->sentence, "2"));

  for (guint i = 0; i < 8; i++)
    {
      static const int shuffled[] = { 7, 3, 10, 5, 9, 4, 8, 6 };
      int took = shuffled[i];
      ConfianzaPromise *promise = add_promise (history, "Logo", 100, 100 - took, 100 - took);

      confianza_promise_set_kind (promise, i % 3 == 0 ? " LOGO  " : "logo");
    }
  {
    ConfianzaPromise *promise = add_promise (history, "Web", 100, 50, 50);

    confianza_promise_set_kind (promise, "Web");
    promise = add_promise (history, "Logo open", 100, 50, NONE);
    confianza_promise_set_kind (promise, "Logo");
  }

  safe_due = confianza_safe_due_suggest (history->promises, " Logo ", promised_on);
  g_assert_true (safe_due->has_suggestion);
  g_assert_cmpuint (safe_due->n_history, ==, 10);
  /* Nearest rank: the 9th of 10. */
  g_assert_cmpint (safe_due->percentile_days, ==, 9);
  g_assert_cmpint (safe_due->days, ==, 10);
  g_assert_true (confianza_date_equal (safe_due->due_on, expected));
  g_assert_nonnull (strstr (safe_due->sentence, "9"));
  g_assert_nonnull (strstr (safe_due->sentence, "10"));

  /* No kind: every delivered promise. */
  any = confianza_safe_due_suggest (history->promises, NULL, promised_on);
  g_assert_true (any->has_suggestion);
  g_assert_cmpuint (any->n_history, ==, 11);
  g_assert_cmpint (any->percentile_days, ==, 10);
}

/* Not a benchmark: a guard against the index becoming quadratic. */
int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/trust/neutral", test_neutral);
  g_test_add_func ("/trust/keeping-never-lowers", test_keeping_never_lowers);
  g_test_add_func ("/trust/breaking-never-raises", test_breaking_never_raises);
  g_test_add_func ("/trust/broken-outweighs-overdelivered", test_broken_outweighs_overdelivered);
  g_test_add_func ("/trust/incident-early-weighs-more", test_incident_early_weighs_more);
  g_test_add_func ("/trust/recovery-steps-raise", test_recovery_steps_raise);
  g_test_add_func ("/trust/recovery-counts-from-its-day", test_recovery_counts_from_its_day);
  g_test_add_func ("/trust/fast-apology", test_fast_apology);
  g_test_add_func ("/trust/systemic", test_systemic);
  g_test_add_func ("/trust/systemic-same-day-and-edge", test_systemic_same_day_and_edge);
  g_test_add_func ("/trust/bounds", test_bounds);
  g_test_add_func ("/trust/explanation", test_explanation);
  g_test_add_func ("/trust/recency", test_recency);
  g_test_add_func ("/trust/overdue", test_overdue);
  g_test_add_func ("/trust/levels", test_levels);
  g_test_add_func ("/trust/history", test_history);
  g_test_add_func ("/trust/buffer", test_buffer);
  g_test_add_func ("/trust/safe-due", test_safe_due);

  return g_test_run ();
}
