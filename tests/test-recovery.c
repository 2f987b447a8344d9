/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rules of recovering trust: follow-up schedules, systemic incidents,
 * the compensation suggestion, timing and each wizard step's checks. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "model/confianza-model.h"
#include "model/confianza-recovery.h"
#include "model/confianza-recovery-words.h"
#include "util/test-dates.h"

/* Helpers */

static GDateTime *
ymd (int year,
     int month,
     int day)
{
  return confianza_date_new (year, month, day);
}

static ConfianzaIncident *
incident_on (gint64      id,
             gint64      client_id,
             int         year,
             int         month,
             int         day,
             const char *cause)
{
  g_autoptr(GDateTime) date = ymd (year, month, day);
  ConfianzaIncident *incident = confianza_incident_new (client_id, date, "Algo salió mal");

  confianza_incident_set_id (incident, id);
  confianza_incident_set_cause (incident, cause);

  return incident;
}

static ConfianzaRecoveryPlan *
plan_for (ConfianzaIncident *incident)
{
  return confianza_recovery_plan_new (confianza_incident_get_client_id (incident),
                                      confianza_incident_get_id (incident),
                                      confianza_incident_get_happened_on (incident));
}

static void
set_days_after (ConfianzaRecoveryPlan *plan,
                ConfianzaIncident     *incident,
                const char            *property,
                int                    days)
{
  g_autoptr(GDateTime) date = confianza_date_add_days (confianza_incident_get_happened_on (incident), days);

  g_object_set (plan, property, date, NULL);
}

/* Closing a plan as recovered: what is missing, in the running language */
#define ACK _("Record the day you acknowledged the error (step 1).")
#define APOLOGY _("Record the day you apologised (step 2).")
#define FOLLOW_UP _("Mark at least one follow-up as done (step 5).")

static void
test_may_recover (void)
{
  g_autoptr(ConfianzaIncident) incident = incident_on (1, 1, 2026, 3, 1, "Plazo");
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_for (incident);
  g_autoptr(GPtrArray) follow_ups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) due_on = ymd (2026, 3, 8);
  g_autoptr(GError) error = NULL;
  ConfianzaFollowUp *follow_up;
  ConfianzaFollowUp *other_plans;

  confianza_recovery_plan_set_id (plan, 8);

  /* Every step blank: all three are named */
  g_assert_false (confianza_recovery_may_recover (plan, follow_ups, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, ACK));
  g_assert_nonnull (strstr (error->message, APOLOGY));
  g_assert_nonnull (strstr (error->message, FOLLOW_UP));
  g_clear_error (&error);
  g_assert_false (confianza_recovery_may_recover (plan, NULL, NULL));

  /* Acknowledged and apologised, but no follow-up done: only that is named */
  set_days_after (plan, incident, "acknowledged-on", 1);
  set_days_after (plan, incident, "apologised-on", 1);
  follow_up = confianza_follow_up_new (8, 1, due_on);
  g_ptr_array_add (follow_ups, follow_up);
  other_plans = confianza_follow_up_new (9, 1, due_on);
  confianza_follow_up_set_done_on (other_plans, due_on);
  g_ptr_array_add (follow_ups, other_plans);
  g_assert_false (confianza_recovery_may_recover (plan, follow_ups, &error));
  g_assert_null (strstr (error->message, ACK));
  g_assert_null (strstr (error->message, APOLOGY));
  g_assert_nonnull (strstr (error->message, FOLLOW_UP));
  g_clear_error (&error);

  /* A follow-up done, but the apology missing */
  confianza_follow_up_set_done_on (follow_up, due_on);
  confianza_recovery_plan_set_apologised_on (plan, NULL);
  g_assert_false (confianza_recovery_may_recover (plan, follow_ups, &error));
  g_assert_nonnull (strstr (error->message, APOLOGY));
  g_assert_null (strstr (error->message, FOLLOW_UP));
  g_clear_error (&error);

  /* All three: it may be closed as recovered, even with the follow-up late */
  set_days_after (plan, incident, "apologised-on", 2);
  {
    g_autoptr(GDateTime) late = ymd (2026, 3, 12);

    confianza_follow_up_set_done_on (follow_up, late);
  }
  g_assert_true (confianza_recovery_may_recover (plan, follow_ups, &error));
  g_assert_no_error (error);
}

/* The incident a failed promise stands for */

static void
test_incident_for_promise (void)
{
  g_autoptr(GDateTime) promised_on = ymd (2026, 3, 1);
  g_autoptr(GDateTime) due_on = ymd (2026, 3, 10);
  g_autoptr(GDateTime) today = ymd (2026, 3, 20);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (4, "Catálogo impreso", promised_on, due_on);
  g_autoptr(ConfianzaIncident) incident = NULL;

  /* Open, or delivered on time or a little late: nobody was failed */
  g_assert_null (confianza_recovery_incident_for_promise (promise, 3, today));
  {
    g_autoptr(GDateTime) three_late = ymd (2026, 3, 13);

    confianza_promise_set_delivered_on (promise, three_late);
    g_assert_null (confianza_recovery_incident_for_promise (promise, 3, today));
  }

  /* Four days late: it happened the day it came, and says how late */
  {
    g_autoptr(GDateTime) four_late = ymd (2026, 3, 14);

    confianza_promise_set_delivered_on (promise, four_late);
    incident = confianza_recovery_incident_for_promise (promise, 3, today);
    g_assert_nonnull (incident);
    g_assert_cmpint (confianza_incident_get_client_id (incident), ==, 4);
    util_assert_date (confianza_incident_get_happened_on (incident), 2026, 3, 14);
    g_assert_nonnull (strstr (confianza_incident_get_description (incident), "Catálogo impreso"));
    g_assert_nonnull (strstr (confianza_incident_get_description (incident), "4"));
    g_assert_cmpint (confianza_incident_get_responsibility (incident), ==, CONFIANZA_RESPONSIBILITY_OURS);
    g_assert_true (confianza_incident_validate (incident, NULL, NULL));
    g_clear_object (&incident);
    /* With a threshold of four days, four days late is not too late */
    g_assert_null (confianza_recovery_incident_for_promise (promise, 4, today));
  }

  /* Broken: on its due day, with its reason; before the due day, today */
  confianza_promise_set_delivered_on (promise, NULL);
  confianza_promise_set_broken (promise, TRUE);
  confianza_promise_set_broken_reason (promise, "  La imprenta cerró.  ");
  incident = confianza_recovery_incident_for_promise (promise, 3, today);
  util_assert_date (confianza_incident_get_happened_on (incident), 2026, 3, 10);
  g_assert_nonnull (strstr (confianza_incident_get_description (incident), "Catálogo impreso"));
  g_assert_true (g_str_has_suffix (confianza_incident_get_description (incident), "La imprenta cerró."));
  g_clear_object (&incident);
  {
    g_autoptr(GDateTime) early = ymd (2026, 3, 5);

    incident = confianza_recovery_incident_for_promise (promise, 3, early);
    util_assert_date (confianza_incident_get_happened_on (incident), 2026, 3, 5);
    g_clear_object (&incident);
  }
  confianza_promise_set_broken_reason (promise, "");
  incident = confianza_recovery_incident_for_promise (promise, 3, today);
  g_assert_true (confianza_incident_validate (incident, NULL, NULL));
}

/* Follow-up schedules */

static void
test_dates_until (void)
{
  g_autoptr(GDateTime) start = ymd (2026, 3, 1);
  g_autoptr(GDateTime) until = ymd (2026, 4, 26);
  g_autoptr(GPtrArray) dates = confianza_recovery_follow_up_dates (start, 7, until, 0);

  /* Weekly for two months (source 001's story): 8 follow-ups, the last
   * exactly on the end day. */
  g_assert_cmpuint (dates->len, ==, 8);
  util_assert_date (dates->pdata[0], 2026, 3, 8);
  util_assert_date (dates->pdata[3], 2026, 3, 29);
  util_assert_date (dates->pdata[4], 2026, 4, 5);
  util_assert_date (dates->pdata[7], 2026, 4, 26);
}

static void
test_dates_times (void)
{
  g_autoptr(GDateTime) start = ymd (2026, 1, 31);
  g_autoptr(GPtrArray) dates = confianza_recovery_follow_up_dates (start, 30, NULL, 3);

  /* Days are added: 31 January + 30 days is 2 March, not "28 February". */
  g_assert_cmpuint (dates->len, ==, 3);
  util_assert_date (dates->pdata[0], 2026, 3, 2);
  util_assert_date (dates->pdata[1], 2026, 4, 1);
  util_assert_date (dates->pdata[2], 2026, 5, 1);
}

static void
test_dates_leap_day (void)
{
  g_autoptr(GDateTime) start = ymd (2028, 2, 22);
  g_autoptr(GDateTime) until = ymd (2028, 3, 7);
  g_autoptr(GPtrArray) dates = confianza_recovery_follow_up_dates (start, 7, until, 0);
  g_autoptr(GDateTime) start_2027 = ymd (2027, 2, 22);
  g_autoptr(GPtrArray) common = confianza_recovery_follow_up_dates (start_2027, 7, NULL, 2);
  g_autoptr(GDateTime) leap = ymd (2028, 2, 29);
  g_autoptr(GPtrArray) from_leap = confianza_recovery_follow_up_dates (leap, 365, NULL, 1);

  g_assert_cmpuint (dates->len, ==, 2);
  util_assert_date (dates->pdata[0], 2028, 2, 29);
  util_assert_date (dates->pdata[1], 2028, 3, 7);

  /* The same cadence in a common year goes straight to March. */
  util_assert_date (common->pdata[0], 2027, 3, 1);
  util_assert_date (common->pdata[1], 2027, 3, 8);

  /* A yearly follow-up from 29 February lands on 28 February. */
  g_assert_cmpuint (from_leap->len, ==, 1);
  util_assert_date (from_leap->pdata[0], 2029, 2, 28);
}

static void
test_dates_year_end (void)
{
  g_autoptr(GDateTime) start = ymd (2026, 12, 20);
  g_autoptr(GDateTime) until = ymd (2027, 1, 20);
  g_autoptr(GPtrArray) dates = confianza_recovery_follow_up_dates (start, 14, until, 99);

  /* With an end date, "times" is not used. */
  g_assert_cmpuint (dates->len, ==, 2);
  util_assert_date (dates->pdata[0], 2027, 1, 3);
  util_assert_date (dates->pdata[1], 2027, 1, 17);
}

static void
test_dates_edges (void)
{
  g_autoptr(GDateTime) start = ymd (2026, 5, 10);
  g_autoptr(GDateTime) same = ymd (2026, 5, 10);
  g_autoptr(GDateTime) far = ymd (2040, 1, 1);
  g_autoptr(GPtrArray) none = confianza_recovery_follow_up_dates (start, 0, far, 0);
  g_autoptr(GPtrArray) negative = confianza_recovery_follow_up_dates (start, -7, NULL, 3);
  g_autoptr(GPtrArray) ends_at_start = confianza_recovery_follow_up_dates (start, 1, same, 0);
  g_autoptr(GPtrArray) capped = confianza_recovery_follow_up_dates (start, 1, far, 0);
  g_autoptr(GPtrArray) zero_times = confianza_recovery_follow_up_dates (start, 7, NULL, 0);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (negative->len, ==, 0);
  g_assert_cmpuint (ends_at_start->len, ==, 0);
  g_assert_cmpuint (capped->len, ==, CONFIANZA_RECOVERY_MAX_FOLLOW_UPS);
  g_assert_cmpuint (zero_times->len, ==, 0);
}

static void
test_plan_dates (void)
{
  g_autoptr(ConfianzaIncident) incident = incident_on (1, 1, 2026, 10, 30, "Plazos");
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_for (incident);
  g_autoptr(GPtrArray) dates = NULL;

  confianza_recovery_plan_set_follow_up_every_days (plan, 1);
  confianza_recovery_plan_set_follow_up_times (plan, 3);
  dates = confianza_recovery_plan_follow_up_dates (plan);
  g_assert_cmpuint (dates->len, ==, 3);
  util_assert_date (dates->pdata[0], 2026, 10, 31);
  util_assert_date (dates->pdata[1], 2026, 11, 1);
  util_assert_date (dates->pdata[2], 2026, 11, 2);
}

/* Systemic or isolated */

static void
test_systemic (void)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  ConfianzaIncident *first = incident_on (1, 1, 2026, 1, 10, "Plazos");
  ConfianzaIncident *second = incident_on (2, 1, 2026, 6, 1, "  plazos ");
  ConfianzaIncident *other_cause = incident_on (3, 1, 2026, 6, 2, "Calidad");
  ConfianzaIncident *other_client = incident_on (4, 2, 2026, 7, 1, "Plazos");
  ConfianzaIncident *too_late = incident_on (5, 1, 2027, 6, 5, "Plazos");

  g_ptr_array_add (incidents, first);
  g_ptr_array_add (incidents, second);
  g_ptr_array_add (incidents, other_cause);
  g_ptr_array_add (incidents, other_client);
  g_ptr_array_add (incidents, too_late);

  /* The first of its cause is an isolated error; the repeat is systemic
   * (causes compared trimmed and without case). */
  g_assert_false (confianza_recovery_is_systemic (first, incidents, TRUE));
  g_assert_true (confianza_recovery_is_systemic (second, incidents, TRUE));
  g_assert_false (confianza_recovery_is_systemic (other_cause, incidents, TRUE));

  /* Another client's: systemic across the portfolio, not for the client. */
  g_assert_false (confianza_recovery_is_systemic (other_client, incidents, TRUE));
  g_assert_true (confianza_recovery_is_systemic (other_client, incidents, FALSE));

  /* More than 12 months after the last one of its cause for the client
   * (1 June 2026 → 5 June 2027), but within a year of the other client's. */
  g_assert_false (confianza_recovery_is_systemic (too_late, incidents, TRUE));
  g_assert_true (confianza_recovery_is_systemic (too_late, incidents, FALSE));
}

static void
test_systemic_window (void)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  ConfianzaIncident *first = incident_on (1, 1, 2027, 3, 1, "Facturación");
  /* 2027-03-01 + 365 days = 2028-02-29 (leap year): the last day inside. */
  ConfianzaIncident *inside = incident_on (2, 1, 2028, 2, 29, "Facturación");
  ConfianzaIncident *outside = incident_on (3, 1, 2028, 3, 1, "facturación");

  g_ptr_array_add (incidents, first);
  g_ptr_array_add (incidents, outside);
  g_assert_false (confianza_recovery_is_systemic (outside, incidents, TRUE));

  g_ptr_array_add (incidents, inside);
  g_assert_true (confianza_recovery_is_systemic (inside, incidents, TRUE));
  /* Now the one a day later has a repeat of its own the day before. */
  g_assert_true (confianza_recovery_is_systemic (outside, incidents, TRUE));
}

static void
test_systemic_same_day_and_blank (void)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  ConfianzaIncident *a = incident_on (7, 1, 2026, 4, 1, "Calidad");
  ConfianzaIncident *b = incident_on (9, 1, 2026, 4, 1, "Calidad");
  ConfianzaIncident *blank1 = incident_on (10, 1, 2026, 4, 2, "");
  ConfianzaIncident *blank2 = incident_on (11, 1, 2026, 4, 3, "  ");
  g_autoptr(ConfianzaIncident) unsaved = incident_on (0, 1, 2026, 4, 1, "Calidad");

  g_ptr_array_add (incidents, a);
  g_ptr_array_add (incidents, b);
  g_ptr_array_add (incidents, blank1);
  g_ptr_array_add (incidents, blank2);

  /* The same day: the one recorded first is the isolated one. */
  g_assert_false (confianza_recovery_is_systemic (a, incidents, TRUE));
  g_assert_true (confianza_recovery_is_systemic (b, incidents, TRUE));
  /* A new incident (not saved yet) the same day repeats the saved ones. */
  g_assert_true (confianza_recovery_is_systemic (unsaved, incidents, TRUE));
  /* Without a cause there is nothing to repeat. */
  g_assert_false (confianza_recovery_is_systemic (blank2, incidents, TRUE));
  g_assert_false (confianza_recovery_is_systemic (a, NULL, TRUE));
}

/* The same day, whatever order the incidents are listed in: the one
 * recorded first (smaller id) is the first failure, the other the repeat. */
static void
test_systemic_same_day_any_order (void)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  ConfianzaIncident *later = incident_on (12, 1, 2026, 9, 15, "Entregas");
  ConfianzaIncident *earlier = incident_on (5, 1, 2026, 9, 15, "entregas");
  ConfianzaIncident *copy = incident_on (5, 1, 2026, 9, 15, "Entregas");

  /* Listed newest first, as a list sorted by date descending would be */
  g_ptr_array_add (incidents, later);
  g_ptr_array_add (incidents, earlier);
  g_assert_false (confianza_recovery_is_systemic (earlier, incidents, TRUE));
  g_assert_true (confianza_recovery_is_systemic (later, incidents, TRUE));
  g_assert_true (confianza_recovery_is_systemic (later, incidents, FALSE));

  /* Another copy of the same record is not a repeat of it */
  g_ptr_array_add (incidents, copy);
  g_assert_false (confianza_recovery_is_systemic (earlier, incidents, TRUE));
  g_assert_false (confianza_recovery_is_systemic (copy, incidents, TRUE));
}

/* Two incidents not saved yet (id 0) the same day: the one listed first is
 * the earlier; one that is not in the list comes after all of them. */
static void
test_systemic_same_day_unsaved (void)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  ConfianzaIncident *first = incident_on (0, 1, 2026, 2, 3, "Calidad");
  ConfianzaIncident *second = incident_on (0, 1, 2026, 2, 3, "Calidad");
  g_autoptr(ConfianzaIncident) outside = incident_on (0, 1, 2026, 2, 3, "Calidad");
  g_autoptr(GPtrArray) alone = g_ptr_array_new ();

  g_ptr_array_add (incidents, first);
  g_ptr_array_add (incidents, second);
  g_assert_false (confianza_recovery_is_systemic (first, incidents, TRUE));
  g_assert_true (confianza_recovery_is_systemic (second, incidents, TRUE));
  g_assert_true (confianza_recovery_is_systemic (outside, incidents, TRUE));

  /* Alone in its list, or with an empty one, it is isolated */
  g_ptr_array_add (alone, outside);
  g_assert_false (confianza_recovery_is_systemic (outside, alone, TRUE));
  g_ptr_array_set_size (alone, 0);
  g_assert_false (confianza_recovery_is_systemic (outside, alone, TRUE));
}

/* The window from the earlier incident's side: the later one never makes
 * the earlier systemic, and a date-less incident repeats nothing. */
static void
test_systemic_window_edges (void)
{
  g_autoptr(GPtrArray) incidents = g_ptr_array_new_with_free_func (g_object_unref);
  ConfianzaIncident *first = incident_on (1, 1, 2025, 1, 10, "Plazos");
  /* 2025-01-10 + 365 days = 2026-01-10: the same date a year on */
  ConfianzaIncident *anniversary = incident_on (2, 1, 2026, 1, 10, "Plazos");
  ConfianzaIncident *undated = confianza_incident_new (1, NULL, "Sin fecha");
  /* 2023-01-10 + 365 days = 2024-01-10; with 29 February 2024 between,
   * 2024-01-10 + 365 days = 2025-01-09, so 2025-01-10 is 366 days on */
  ConfianzaIncident *before_leap = incident_on (3, 2, 2024, 1, 10, "Plazos");
  ConfianzaIncident *after_leap = incident_on (4, 2, 2025, 1, 10, "Plazos");

  confianza_incident_set_id (undated, 5);
  confianza_incident_set_cause (undated, "Plazos");
  g_ptr_array_add (incidents, first);
  g_ptr_array_add (incidents, anniversary);
  g_ptr_array_add (incidents, undated);
  g_ptr_array_add (incidents, before_leap);
  g_ptr_array_add (incidents, after_leap);

  g_assert_true (confianza_recovery_is_systemic (anniversary, incidents, TRUE));
  g_assert_false (confianza_recovery_is_systemic (first, incidents, TRUE));
  g_assert_false (confianza_recovery_is_systemic (undated, incidents, TRUE));
  g_assert_false (confianza_recovery_is_systemic (after_leap, incidents, TRUE));
  /* Client 1's 2025-01-10 is the same day: across the portfolio it is a
   * repeat recorded before */
  g_assert_true (confianza_recovery_is_systemic (after_leap, incidents, FALSE));
}

/* The compensation suggestion */

static ConfianzaCompensationNeed
need_for (ConfianzaSeverity        severity,
          ConfianzaResponsibility  responsibility,
          int                      apology_days,
          int                      acknowledgement_days,
          gboolean                 systemic)
{
  g_autoptr(ConfianzaIncident) incident = incident_on (1, 1, 2026, 2, 27, "Plazos");
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_for (incident);
  g_auto(ConfianzaCompensationAdvice) advice = { 0 };

  confianza_incident_set_severity (incident, severity);
  confianza_incident_set_responsibility (incident, responsibility);
  if (apology_days >= 0)
    set_days_after (plan, incident, "apologised-on", apology_days);
  if (acknowledgement_days >= 0)
    set_days_after (plan, incident, "acknowledged-on", acknowledgement_days);

  advice = confianza_recovery_suggest_compensation (incident, plan, systemic);
  g_assert_nonnull (advice.reason);
  g_assert_cmpstr (advice.reason, !=, "");

  return advice.need;
}

static void
test_suggestion (void)
{
  /* Fast acknowledgement with an apology: little need. */
  g_assert_cmpint (need_for (CONFIANZA_SEVERITY_MINOR, CONFIANZA_RESPONSIBILITY_OURS, 0, 0, FALSE),
                   ==, CONFIANZA_COMPENSATION_NEED_SMALL);
  g_assert_cmpint (need_for (CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_SHARED, 2, 1, FALSE),
                   ==, CONFIANZA_COMPENSATION_NEED_SMALL);
  /* Outside our control: still a gesture, never "none" (source 001) */
  g_assert_cmpint (need_for (CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_EXTERNAL, 1, -1, FALSE),
                   ==, CONFIANZA_COMPENSATION_NEED_SMALL);

  /* Slow, missing, repeated, or a serious failure of ours: in proportion. */
  g_assert_cmpint (need_for (CONFIANZA_SEVERITY_MINOR, CONFIANZA_RESPONSIBILITY_OURS, 3, 0, FALSE),
                   ==, CONFIANZA_COMPENSATION_NEED_PROPORTIONAL);
  g_assert_cmpint (need_for (CONFIANZA_SEVERITY_MINOR, CONFIANZA_RESPONSIBILITY_EXTERNAL, -1, 0, FALSE),
                   ==, CONFIANZA_COMPENSATION_NEED_PROPORTIONAL);
  g_assert_cmpint (need_for (CONFIANZA_SEVERITY_MINOR, CONFIANZA_RESPONSIBILITY_EXTERNAL, 0, 0, TRUE),
                   ==, CONFIANZA_COMPENSATION_NEED_PROPORTIONAL);
  g_assert_cmpint (need_for (CONFIANZA_SEVERITY_SERIOUS, CONFIANZA_RESPONSIBILITY_OURS, 0, 0, FALSE),
                   ==, CONFIANZA_COMPENSATION_NEED_PROPORTIONAL);
  g_assert_cmpint (need_for (CONFIANZA_SEVERITY_CRITICAL, CONFIANZA_RESPONSIBILITY_SHARED, 0, 0, FALSE),
                   ==, CONFIANZA_COMPENSATION_NEED_PROPORTIONAL);
  /* Critical but outside our control, and apologised for at once. */
  g_assert_cmpint (need_for (CONFIANZA_SEVERITY_CRITICAL, CONFIANZA_RESPONSIBILITY_EXTERNAL, 0, 0, FALSE),
                   ==, CONFIANZA_COMPENSATION_NEED_SMALL);
  /* An apology after a slow acknowledgement is not fast. */
  g_assert_cmpint (need_for (CONFIANZA_SEVERITY_MINOR, CONFIANZA_RESPONSIBILITY_OURS, 5, 5, FALSE),
                   ==, CONFIANZA_COMPENSATION_NEED_PROPORTIONAL);
}

/* The corrective measure waits on Today from a week before its day until
 * it is applied. */
static void
test_measure_pending (void)
{
  g_autoptr(ConfianzaIncident) incident = incident_on (1, 1, 2026, 2, 27, "Plazos");
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_for (incident);
  g_autoptr(GDateTime) due = ymd (2026, 3, 20);
  g_autoptr(GDateTime) week_before = ymd (2026, 3, 13);
  g_autoptr(GDateTime) eight_days_before = ymd (2026, 3, 12);
  g_autoptr(GDateTime) day_after = ymd (2026, 3, 21);
  g_autoptr(GError) error = NULL;
  const char *property = NULL;
  gboolean overdue = TRUE;

  /* Nothing to apply: no text, or no day */
  confianza_recovery_plan_set_corrective_due (plan, due);
  g_assert_false (confianza_recovery_measure_pending (plan, week_before, 7, &overdue));
  g_assert_false (overdue);
  confianza_recovery_plan_set_corrective_measure (plan, "Revisar cada fecha dos veces");
  confianza_recovery_plan_set_corrective_due (plan, NULL);
  g_assert_false (confianza_recovery_measure_pending (plan, week_before, 7, NULL));
  confianza_recovery_plan_set_corrective_due (plan, due);

  g_assert_false (confianza_recovery_measure_pending (plan, eight_days_before, 7, &overdue));
  g_assert_true (confianza_recovery_measure_pending (plan, week_before, 7, &overdue));
  g_assert_false (overdue);
  g_assert_true (confianza_recovery_measure_pending (plan, due, 7, &overdue));
  g_assert_false (overdue);
  g_assert_true (confianza_recovery_measure_pending (plan, day_after, 7, &overdue));
  g_assert_true (overdue);

  /* Applied: no longer pending, however late */
  confianza_recovery_plan_set_corrective_applied_on (plan, day_after);
  g_assert_false (confianza_recovery_measure_pending (plan, day_after, 7, &overdue));
  g_assert_true (confianza_recovery_validate_step (plan, incident, CONFIANZA_RECOVERY_STEP_INTERNAL,
                                                   &property, &error));

  /* Applied before the incident, or with no measure written: refused */
  confianza_recovery_plan_set_corrective_applied_on (plan, eight_days_before);
  {
    g_autoptr(GDateTime) before = ymd (2026, 2, 1);

    confianza_recovery_plan_set_corrective_applied_on (plan, before);
  }
  g_assert_false (confianza_recovery_validate_step (plan, incident, CONFIANZA_RECOVERY_STEP_INTERNAL,
                                                    &property, &error));
  g_assert_cmpstr (property, ==, "corrective-applied-on");
  g_clear_error (&error);
  confianza_recovery_plan_set_corrective_applied_on (plan, day_after);
  confianza_recovery_plan_set_corrective_measure (plan, "  ");
  g_assert_false (confianza_recovery_validate_step (plan, incident, CONFIANZA_RECOVERY_STEP_INTERNAL,
                                                    &property, &error));
  g_assert_cmpstr (property, ==, "corrective-measure");
  g_assert_cmpint (confianza_recovery_step_of_property ("corrective-applied-on"), ==, CONFIANZA_RECOVERY_STEP_INTERNAL);
}

/* "Con dudas" makes the follow-up at least weekly, twice as many times */
static void
test_judgement (void)
{
  int every = 14, times = 4;

  g_assert_false (confianza_recovery_judged_follow_up (CONFIANZA_JUDGEMENT_YES, &every, &times));
  g_assert_false (confianza_recovery_judged_follow_up (CONFIANZA_JUDGEMENT_NO, &every, &times));
  g_assert_false (confianza_recovery_judged_follow_up (CONFIANZA_JUDGEMENT_UNDECIDED, &every, &times));
  g_assert_cmpint (every, ==, 14);
  g_assert_cmpint (times, ==, 4);

  g_assert_true (confianza_recovery_judged_follow_up (CONFIANZA_JUDGEMENT_DOUBTFUL, &every, &times));
  g_assert_cmpint (every, ==, 7);
  g_assert_cmpint (times, ==, 8);

  /* Already weekly or closer stays; a schedule by end date keeps it */
  every = 3;
  times = 0;
  g_assert_false (confianza_recovery_judged_follow_up (CONFIANZA_JUDGEMENT_DOUBTFUL, &every, &times));
  g_assert_cmpint (every, ==, 3);
  /* No cadence yet: weekly */
  every = 0;
  g_assert_true (confianza_recovery_judged_follow_up (CONFIANZA_JUDGEMENT_DOUBTFUL, &every, &times));
  g_assert_cmpint (every, ==, 7);
  /* Never beyond the most one schedule makes */
  times = 80;
  g_assert_true (confianza_recovery_judged_follow_up (CONFIANZA_JUDGEMENT_DOUBTFUL, &every, &times));
  g_assert_cmpint (times, ==, CONFIANZA_RECOVERY_MAX_FOLLOW_UPS);

  /* Each judgement has its words, and its label */
  for (ConfianzaTrustJudgement j = CONFIANZA_JUDGEMENT_UNDECIDED; j <= CONFIANZA_JUDGEMENT_NO; j++)
    {
      g_assert_cmpstr (confianza_recovery_judgement_advice (j), !=, "");
      g_assert_cmpstr (confianza_trust_judgement_to_label (j), !=, "");
    }
  g_assert_cmpint (confianza_recovery_step_of_property ("trust-judgement"), ==, CONFIANZA_RECOVERY_STEP_LISTEN);
}

/* Every draft fills every placeholder, with the facts it has or without */
static void
assert_drafts (ConfianzaAddress  address,
               const char       *greeting,
               const char       *english_left,
               const char *const *other_form)
{
  g_autoptr(GDateTime) when = ymd (2026, 2, 27);
  g_autoptr(GDateTime) until = ymd (2026, 8, 31);
  g_autoptr(GDateTime) next = ymd (2026, 3, 9);
  g_autofree char *when_text = confianza_date_format (when);
  g_autofree char *until_text = confianza_date_format (until);
  g_autofree char *next_text = confianza_date_format (next);
  const ConfianzaWordsFacts full = {
    "Lucía Ferrer", "El catálogo llegó nueve días tarde.", when,
    "Devolución del dinero: 450,00 €.", "Si otra entrega llega tarde, es gratis.", until, next,
    address,
  };
  const ConfianzaWordsFacts empty = { .address = address };

  for (ConfianzaWordsKind kind = CONFIANZA_WORDS_APOLOGY; kind <= CONFIANZA_WORDS_FAREWELL; kind++)
    {
      g_autofree char *text = confianza_recovery_words_draft (kind, &full);
      g_autofree char *bare = confianza_recovery_words_draft (kind, &empty);
      g_autofree char *null_facts = confianza_recovery_words_draft (kind, NULL);
      g_autofree char *lower_text = g_utf8_strdown (text, -1);
      g_autofree char *lower_bare = g_utf8_strdown (bare, -1);

      g_assert_null (strchr (text, '{'));
      g_assert_null (strchr (text, '}'));
      g_assert_null (strchr (bare, '{'));
      g_assert_null (strchr (bare, '}'));
      /* No facts at all is usted's */
      if (address == CONFIANZA_ADDRESS_USTED)
        g_assert_cmpstr (bare, ==, null_facts);
      g_assert_nonnull (strstr (text, "Lucía Ferrer"));
      /* Not one word of the other form of address */
      for (guint i = 0; other_form != NULL && other_form[i] != NULL; i++)
        {
          if (strstr (lower_text, other_form[i]) != NULL || strstr (lower_bare, other_form[i]) != NULL)
            g_error ("draft %d has \"%s\", of the other form of address:\n%s", kind, other_form[i], text);
        }
      g_assert_true (g_str_has_prefix (text, greeting));
      if (english_left != NULL)
        {
          g_assert_null (strstr (text, english_left));
          g_assert_null (strstr (bare, english_left));
        }

      switch (kind)
        {
        case CONFIANZA_WORDS_APOLOGY:
          g_assert_nonnull (strstr (text, "El catálogo llegó nueve días tarde."));
          g_assert_null (strstr (text, "tarde.."));
          g_assert_nonnull (strstr (text, when_text));
          break;
        case CONFIANZA_WORDS_COMPENSATION_OFFER:
          g_assert_nonnull (strstr (text, "450,00 €"));
          g_assert_nonnull (strstr (text, "es gratis"));
          g_assert_null (strstr (text, ".."));
          g_assert_nonnull (strstr (text, until_text));
          g_assert_null (strstr (bare, "450"));
          break;
        case CONFIANZA_WORDS_FAREWELL:
          g_assert_nonnull (strstr (text, "El catálogo llegó nueve días tarde"));
          g_assert_null (strstr (bare, "catálogo"));
          break;
        case CONFIANZA_WORDS_FOLLOW_UP:
        default:
          g_assert_nonnull (strstr (text, next_text));
          break;
        }
    }
}

static void
test_words (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  /* Words of tú (te, tu, contigo, its verbs), and of usted (le, su,
   * usted, its verbs), each with a space or a sign around it so that
   * "tuvo" or "lejos" never count */
  static const char *const tu_words[] = {
    " te ", " tu ", " tus ", "contigo", " tienes ", "recuerda ", "esperabas", "contaras", " ti ", NULL,
  };
  static const char *const usted_words[] = {
    " le ", " su ", " sus ", "usted", " tiene ", "esperaba?", "contara ", NULL,
  };

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  assert_drafts (CONFIANZA_ADDRESS_USTED, "Dear Lucía Ferrer,", NULL, NULL);
  assert_drafts (CONFIANZA_ADDRESS_TU, "Dear Lucía Ferrer,", NULL, NULL);

  /* The setting's words, both ways; anything unknown is usted */
  g_assert_cmpint (confianza_address_from_string ("tu"), ==, CONFIANZA_ADDRESS_TU);
  g_assert_cmpint (confianza_address_from_string ("usted"), ==, CONFIANZA_ADDRESS_USTED);
  g_assert_cmpint (confianza_address_from_string ("vos"), ==, CONFIANZA_ADDRESS_USTED);
  g_assert_cmpint (confianza_address_from_string (NULL), ==, CONFIANZA_ADDRESS_USTED);
  g_assert_cmpstr (confianza_address_to_string (CONFIANZA_ADDRESS_TU), ==, "tu");
  g_assert_cmpstr (confianza_address_to_string (CONFIANZA_ADDRESS_USTED), ==, "usted");

  /* In Spanish, all of it: no English sentence left, and each form
   * without a word of the other */
  if (setlocale (LC_ALL, "es_ES.UTF-8") != NULL)
    {
      assert_drafts (CONFIANZA_ADDRESS_TU, "Hola, Lucía Ferrer:", "Dear", usted_words);
      assert_drafts (CONFIANZA_ADDRESS_USTED, "Estimado/a Lucía Ferrer:", "Dear", tu_words);
    }
  else
    g_test_message ("es_ES.UTF-8 is not generated: the Spanish drafts are not checked");

  setlocale (LC_ALL, saved);
}

/* Giving no compensation needs a reason, and no compensation listed. */
static void
test_consequences_rule (void)
{
  g_autoptr(ConfianzaIncident) incident = incident_on (1, 1, 2026, 2, 27, "Plazos");
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_for (incident);
  g_autoptr(GPtrArray) compensations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  /* Giving one needs nothing more, and neither does not deciding yet */
  g_assert_true (confianza_recovery_validate_consequences (plan, NULL, &property, &error));
  g_ptr_array_add (compensations, confianza_compensation_new (0, 1, CONFIANZA_COMPENSATION_REFUND));
  g_assert_true (confianza_recovery_validate_consequences (plan, compensations, &property, &error));

  /* "None" without a reason is refused, on its own page */
  confianza_recovery_plan_set_compensation_declined (plan, TRUE);
  g_assert_false (confianza_recovery_validate_consequences (plan, NULL, &property, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_MISSING);
  g_assert_cmpstr (property, ==, "compensation-waiver");
  g_clear_error (&error);
  g_assert_false (confianza_recovery_validate_step (plan, incident, CONFIANZA_RECOVERY_STEP_CONSEQUENCES,
                                                    &property, &error));
  g_assert_cmpstr (property, ==, "compensation-waiver");
  g_assert_cmpint (confianza_recovery_step_of_property (property), ==, CONFIANZA_RECOVERY_STEP_CONSEQUENCES);
  g_clear_error (&error);
  /* … but does not stop another page */
  g_assert_true (confianza_recovery_validate_step (plan, incident, CONFIANZA_RECOVERY_STEP_GUARANTEE,
                                                   &property, &error));

  /* With a reason it is accepted, every reason */
  for (ConfianzaCompensationWaiver w = CONFIANZA_WAIVER_CLIENT_DECLINED; w <= CONFIANZA_WAIVER_OUTSIDE_CONTROL; w++)
    {
      confianza_recovery_plan_set_compensation_waiver (plan, w);
      g_assert_true (confianza_recovery_validate_consequences (plan, NULL, &property, &error));
      g_assert_true (confianza_recovery_validate_step (plan, incident, CONFIANZA_RECOVERY_STEP_CONSEQUENCES,
                                                       &property, &error));
      g_assert_cmpstr (confianza_compensation_waiver_to_label (w), !=, "");
    }

  /* … but never while a compensation is listed */
  g_assert_false (confianza_recovery_validate_consequences (plan, compensations, &property, &error));
  g_assert_cmpstr (property, ==, "compensation-declined");
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A reason out of range is refused by the plan itself */
  confianza_recovery_plan_set_compensation_waiver (plan, 42);
  g_assert_false (confianza_recovery_plan_validate (plan, &property, &error));
  g_assert_cmpstr (property, ==, "compensation-waiver");
  g_clear_error (&error);

  /* The reason is copied with the plan */
  confianza_recovery_plan_set_compensation_waiver (plan, CONFIANZA_WAIVER_NO_COST);
  {
    g_autoptr(ConfianzaRecoveryPlan) copy = confianza_recovery_plan_copy (plan);

    g_assert_cmpint (confianza_recovery_plan_get_compensation_waiver (copy), ==, CONFIANZA_WAIVER_NO_COST);
  }
}

/* Timing */

static void
test_timing (void)
{
  g_autoptr(ConfianzaIncident) incident = incident_on (1, 1, 2026, 2, 27, "Plazos");
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_for (incident);

  g_assert_cmpint (confianza_recovery_days_to_acknowledgement (incident, plan), ==, -1);
  g_assert_cmpint (confianza_recovery_days_to_apology (incident, plan), ==, -1);

  /* Apologising acknowledges the error too. */
  set_days_after (plan, incident, "apologised-on", 4);
  g_assert_cmpint (confianza_recovery_days_to_acknowledgement (incident, plan), ==, 4);
  g_assert_cmpint (confianza_recovery_days_to_apology (incident, plan), ==, 4);

  /* Across the end of February. */
  set_days_after (plan, incident, "acknowledged-on", 2);
  g_assert_cmpint (confianza_recovery_days_to_acknowledgement (incident, plan), ==, 2);
}

static void
test_tally (void)
{
  g_autoptr(GPtrArray) follow_ups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) today = ymd (2026, 3, 20);
  ConfianzaFollowUpTally tally;
  const int due[] = { 1, 8, 15, 22, 29 };
  const int done[] = { 1, 9, 0, 0, 0 };

  for (guint i = 0; i < G_N_ELEMENTS (due); i++)
    {
      g_autoptr(GDateTime) due_on = ymd (2026, 3, due[i]);
      ConfianzaFollowUp *follow_up = confianza_follow_up_new (1, 1, due_on);

      if (done[i] > 0)
        {
          g_autoptr(GDateTime) done_on = ymd (2026, 3, done[i]);
          confianza_follow_up_set_done_on (follow_up, done_on);
        }
      g_ptr_array_add (follow_ups, follow_up);
    }

  tally = confianza_recovery_tally_follow_ups (follow_ups, today);
  g_assert_cmpuint (tally.total, ==, 5);
  g_assert_cmpuint (tally.done, ==, 2);
  g_assert_cmpuint (tally.on_time, ==, 1);
  g_assert_cmpuint (tally.overdue, ==, 1);
  util_assert_date (tally.next_due, 2026, 3, 15);

  tally = confianza_recovery_tally_follow_ups (NULL, today);
  g_assert_cmpuint (tally.total, ==, 0);
  g_assert_null (tally.next_due);
}

/* How far a plan has come: the one definition of a step done */

static void
assert_done (ConfianzaRecoveryProgress *progress,
             gboolean                   listen,
             gboolean                   apologise,
             gboolean                   consequences,
             gboolean                   guarantee,
             gboolean                   follow_up,
             gboolean                   internal)
{
  const gboolean expected[] = { listen, apologise, consequences, guarantee, follow_up, internal };
  guint n = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == CONFIANZA_RECOVERY_METHOD_STEPS);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpint (progress->done[i], ==, expected[i]);
      n += expected[i] ? 1 : 0;
    }
  g_assert_cmpuint (progress->n_done, ==, n);
}

static void
test_progress (void)
{
  g_autoptr(ConfianzaIncident) incident = incident_on (3, 1, 2026, 3, 1, "Plazos");
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_for (incident);
  g_autoptr(GPtrArray) follow_ups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) compensations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) mid_march = ymd (2026, 3, 15);
  g_autoptr(GDateTime) before_start = ymd (2026, 2, 27);
  ConfianzaRecoveryProgress progress;
  ConfianzaCompensation *refund, *credit, *other_plans;
  ConfianzaFollowUp *follow_up;

  confianza_recovery_plan_set_id (plan, 8);

  /* A plan just started has nothing done */
  progress = confianza_recovery_get_progress (plan, NULL, NULL, NULL);
  assert_done (&progress, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE);
  g_assert_null (progress.acknowledged_on);
  g_assert_null (progress.compensation);

  /* Inviting the client to speak is the first step, as acknowledging is */
  set_days_after (plan, incident, "invited-to-speak-on", 1);
  progress = confianza_recovery_get_progress (plan, NULL, NULL, NULL);
  assert_done (&progress, TRUE, FALSE, FALSE, FALSE, FALSE, FALSE);
  g_assert_null (progress.acknowledged_on);

  set_days_after (plan, incident, "acknowledged-on", 1);
  set_days_after (plan, incident, "apologised-on", 20);
  confianza_recovery_plan_set_guarantee_terms (plan, "Entregas en 48 horas");
  /* Half the internal analysis is not the step */
  confianza_recovery_plan_set_root_cause (plan, "Sin revisión antes de entregar");

  /* Compensations: the earliest given of this plan's, never another's */
  refund = confianza_compensation_new (8, 1, CONFIANZA_COMPENSATION_REFUND);
  credit = confianza_compensation_new (8, 1, CONFIANZA_COMPENSATION_CREDIT);
  other_plans = confianza_compensation_new (9, 1, CONFIANZA_COMPENSATION_REFUND);
  {
    g_autoptr(GDateTime) on_10 = ymd (2026, 3, 10);
    g_autoptr(GDateTime) on_5 = ymd (2026, 3, 5);
    g_autoptr(GDateTime) on_2 = ymd (2026, 3, 2);

    confianza_compensation_set_given_on (refund, on_10);
    confianza_compensation_set_given_on (credit, on_5);
    confianza_compensation_set_given_on (other_plans, on_2);
  }
  g_ptr_array_add (compensations, other_plans);
  g_ptr_array_add (compensations, refund);
  g_ptr_array_add (compensations, credit);

  /* Follow-ups: one on time, one late, one not done, one of another plan */
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(GDateTime) due_on = ymd (2026, 3, 7 + 7 * (int) i);

      follow_up = confianza_follow_up_new (i == 3 ? 9 : 8, 1, due_on);
      if (i < 2 || i == 3)
        {
          g_autoptr(GDateTime) done_on = confianza_date_add_days (due_on, i == 1 ? 2 : 0);

          confianza_follow_up_set_done_on (follow_up, done_on);
        }
      g_ptr_array_add (follow_ups, follow_up);
    }

  progress = confianza_recovery_get_progress (plan, follow_ups, compensations, NULL);
  assert_done (&progress, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE);
  g_assert_true (progress.compensation == credit);
  g_assert_cmpuint (progress.follow_ups_on_time, ==, 1);
  g_assert_cmpuint (progress.follow_ups_late, ==, 1);
  util_assert_date (progress.last_follow_up_on, 2026, 3, 16);
  g_assert_true (progress.has_root_cause);
  g_assert_false (progress.has_corrective_measure);

  /* A measure typed is not a measure taken: it counts once applied, from
   * that day */
  confianza_recovery_plan_set_corrective_measure (plan, "Revisión por otra persona");
  progress = confianza_recovery_get_progress (plan, follow_ups, compensations, NULL);
  assert_done (&progress, TRUE, TRUE, TRUE, TRUE, TRUE, FALSE);
  g_assert_false (progress.has_corrective_measure);
  {
    g_autoptr(GDateTime) applied_on = ymd (2026, 3, 10);

    confianza_recovery_plan_set_corrective_applied_on (plan, applied_on);
  }
  progress = confianza_recovery_get_progress (plan, follow_ups, compensations, NULL);
  assert_done (&progress, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE);
  g_assert_true (progress.has_corrective_measure);
  {
    g_autoptr(GDateTime) day_before = ymd (2026, 3, 9);

    progress = confianza_recovery_get_progress (plan, follow_ups, compensations, day_before);
    g_assert_false (progress.has_corrective_measure);
    g_assert_false (progress.done[CONFIANZA_RECOVERY_STEP_INTERNAL]);
  }

  /* As of mid-March: the apology (20 March) and the late follow-up (16
   * March) had not happened yet; the measure (10 March) had */
  progress = confianza_recovery_get_progress (plan, follow_ups, compensations, mid_march);
  assert_done (&progress, TRUE, FALSE, TRUE, TRUE, TRUE, TRUE);
  g_assert_null (progress.apologised_on);
  g_assert_cmpuint (progress.follow_ups_on_time, ==, 1);
  g_assert_cmpuint (progress.follow_ups_late, ==, 0);
  util_assert_date (progress.last_follow_up_on, 2026, 3, 7);

  /* Before the plan started, nothing of it counts, undated parts included */
  progress = confianza_recovery_get_progress (plan, follow_ups, compensations, before_start);
  assert_done (&progress, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE);
  g_assert_false (progress.has_root_cause);

  /* Recording that no compensation is given also takes the consequences */
  g_ptr_array_set_size (compensations, 0);
  confianza_recovery_plan_set_compensation_declined (plan, TRUE);
  progress = confianza_recovery_get_progress (plan, follow_ups, compensations, NULL);
  g_assert_true (progress.done[CONFIANZA_RECOVERY_STEP_CONSEQUENCES]);
  g_assert_null (progress.compensation);
}

static void
test_describe_step (void)
{
  g_autofree char *first = confianza_recovery_describe_step (CONFIANZA_RECOVERY_STEP_LISTEN);
  g_autofree char *third = confianza_recovery_describe_step (CONFIANZA_RECOVERY_STEP_CONSEQUENCES);
  g_autofree char *outcome = confianza_recovery_describe_step (CONFIANZA_RECOVERY_STEP_OUTCOME);
  g_autofree char *beyond = confianza_recovery_describe_step (42);
  g_autofree char *below = confianza_recovery_describe_step (-1);
  g_autofree char *expected = NULL;

  /* "Step 3 of 6 · Take the consequences", in the test's language */
  expected = g_strdup_printf (_("Step %d of %d · %s"), 3, 6,
                              confianza_recovery_step_to_label (CONFIANZA_RECOVERY_STEP_CONSEQUENCES));
  g_assert_cmpstr (third, ==, expected);
  g_assert_nonnull (strstr (first, confianza_recovery_step_to_label (CONFIANZA_RECOVERY_STEP_LISTEN)));
  g_assert_cmpstr (outcome, ==, confianza_recovery_step_to_label (CONFIANZA_RECOVERY_STEP_OUTCOME));
  g_assert_cmpstr (beyond, ==, outcome);
  g_assert_cmpstr (below, ==, first);

  /* Every step has its own name */
  for (int a = 0; a < CONFIANZA_RECOVERY_N_STEPS; a++)
    for (int b = a + 1; b < CONFIANZA_RECOVERY_N_STEPS; b++)
      g_assert_cmpstr (confianza_recovery_step_to_label (a), !=, confianza_recovery_step_to_label (b));
}

/* Each step's checks */

static void
assert_step_invalid (ConfianzaRecoveryPlan *plan,
                     ConfianzaIncident     *incident,
                     int                    step,
                     const char            *expected_property)
{
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  g_assert_false (confianza_recovery_validate_step (plan, incident, step, &property, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, error->code);
  g_assert_cmpstr (property, ==, expected_property);
  g_assert_cmpint (confianza_recovery_step_of_property (property), ==, step);
}

static void
assert_step_valid (ConfianzaRecoveryPlan *plan,
                   ConfianzaIncident     *incident,
                   int                    step)
{
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  g_assert_true (confianza_recovery_validate_step (plan, incident, step, &property, &error));
  g_assert_no_error (error);
  g_assert_null (property);
}

static void
test_validate_steps (void)
{
  g_autoptr(ConfianzaIncident) incident = incident_on (1, 1, 2026, 5, 10, "Plazos");
  g_autoptr(ConfianzaRecoveryPlan) plan = plan_for (incident);
  g_autofree char *too_long = g_strnfill (CONFIANZA_SHORT_TEXT_MAX + 1, 'x');

  /* An empty draft may move on from every step. */
  for (int step = 0; step < CONFIANZA_RECOVERY_N_STEPS; step++)
    assert_step_valid (plan, incident, step);

  /* 1 Listen first: no date before the incident. */
  set_days_after (plan, incident, "acknowledged-on", -1);
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_LISTEN, "acknowledged-on");
  /* Another page's problem does not stop this one. */
  assert_step_valid (plan, incident, CONFIANZA_RECOVERY_STEP_APOLOGISE);
  set_days_after (plan, incident, "acknowledged-on", 0);
  set_days_after (plan, incident, "invited-to-speak-on", -3);
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_LISTEN, "invited-to-speak-on");
  set_days_after (plan, incident, "invited-to-speak-on", 1);
  assert_step_valid (plan, incident, CONFIANZA_RECOVERY_STEP_LISTEN);

  /* 2 Apologise: words need their day; a name is a short text. */
  confianza_recovery_plan_set_apology_words (plan, "Lo sentimos de verdad.");
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_APOLOGISE, "apologised-on");
  set_days_after (plan, incident, "apologised-on", -1);
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_APOLOGISE, "apologised-on");
  set_days_after (plan, incident, "apologised-on", 1);
  confianza_recovery_plan_set_apologised_by (plan, too_long);
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_APOLOGISE, "apologised-by");
  confianza_recovery_plan_set_apologised_by (plan, "Ana");
  assert_step_valid (plan, incident, CONFIANZA_RECOVERY_STEP_APOLOGISE);

  /* 4 Guarantee: terms and an end, both or neither. */
  confianza_recovery_plan_set_guarantee_terms (plan, "Si vuelve a pasar, el trabajo es gratis.");
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_GUARANTEE, "guarantee-until");
  set_days_after (plan, incident, "guarantee-until", -5);
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_GUARANTEE, "guarantee-until");
  set_days_after (plan, incident, "guarantee-until", 180);
  assert_step_valid (plan, incident, CONFIANZA_RECOVERY_STEP_GUARANTEE);
  confianza_recovery_plan_set_guarantee_terms (plan, "  ");
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_GUARANTEE, "guarantee-terms");
  confianza_recovery_plan_set_guarantee_terms (plan, "Garantía");

  /* 5 Follow-up: a cadence and an end. */
  confianza_recovery_plan_set_follow_up_times (plan, 4);
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_FOLLOW_UP, "follow-up-every-days");
  confianza_recovery_plan_set_follow_up_every_days (plan, 400);
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_FOLLOW_UP, "follow-up-every-days");
  confianza_recovery_plan_set_follow_up_every_days (plan, 7);
  confianza_recovery_plan_set_follow_up_times (plan, 0);
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_FOLLOW_UP, "follow-up-until");
  set_days_after (plan, incident, "follow-up-until", 60);
  assert_step_valid (plan, incident, CONFIANZA_RECOVERY_STEP_FOLLOW_UP);

  /* 6 Internal analysis: not due before the incident. */
  set_days_after (plan, incident, "corrective-due", -1);
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_INTERNAL, "corrective-due");
  set_days_after (plan, incident, "corrective-due", 30);
  assert_step_valid (plan, incident, CONFIANZA_RECOVERY_STEP_INTERNAL);

  /* The outcome: letting a client go needs a reason. */
  confianza_recovery_plan_set_outcome (plan, CONFIANZA_PLAN_LET_GO);
  assert_step_invalid (plan, incident, CONFIANZA_RECOVERY_STEP_OUTCOME, "outcome-reason");
  confianza_recovery_plan_set_outcome_reason (plan, "Sigue exigiendo cosas inaceptables.");
  assert_step_valid (plan, incident, CONFIANZA_RECOVERY_STEP_OUTCOME);

  /* A step that does not exist. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (confianza_recovery_validate_step (plan, incident, 9, NULL, &error));
    g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE);
  }
}

static void
test_validate_compensation (void)
{
  g_autoptr(ConfianzaIncident) incident = incident_on (1, 1, 2026, 5, 10, "Plazos");
  g_autoptr(ConfianzaCompensation) compensation = confianza_compensation_new (1, 1, CONFIANZA_COMPENSATION_REFUND);
  g_autoptr(GDateTime) before = ymd (2026, 5, 9);
  g_autoptr(GDateTime) after = ymd (2026, 5, 12);
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  /* A refund needs an amount or words. */
  g_assert_false (confianza_recovery_validate_compensation (compensation, incident, &property, &error));
  g_assert_cmpstr (property, ==, "amount-cents");
  g_clear_error (&error);

  confianza_compensation_set_amount_cents (compensation, 45000);
  confianza_compensation_set_currency (compensation, "EUR");
  confianza_compensation_set_given_on (compensation, before);
  g_assert_false (confianza_recovery_validate_compensation (compensation, incident, &property, &error));
  g_assert_cmpstr (property, ==, "given-on");
  g_clear_error (&error);

  confianza_compensation_set_given_on (compensation, after);
  g_assert_true (confianza_recovery_validate_compensation (compensation, incident, &property, &error));
  g_assert_no_error (error);
}

/* Small text helpers */

static void
test_guarantee_title (void)
{
  g_autofree char *simple = confianza_recovery_guarantee_title ("  Seis meses de revisiones gratis \nY más");
  g_autofree char *long_terms = g_strnfill (300, 'a');
  g_autofree char *cut = confianza_recovery_guarantee_title (long_terms);
  g_autofree char *words = NULL;
  g_autofree char *cut_words = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_cmpstr (simple, ==, "Seis meses de revisiones gratis");
  g_assert_cmpint (g_utf8_strlen (cut, -1), ==, 120);
  g_assert_true (g_str_has_suffix (cut, "…"));

  for (int i = 0; i < 40; i++)
    g_string_append (text, "garantía ");
  words = g_string_free (g_steal_pointer (&text), FALSE);
  cut_words = confianza_recovery_guarantee_title (words);
  g_assert_true (g_utf8_validate (cut_words, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (cut_words, -1), <=, 120);
  /* Cut after a whole word. */
  g_assert_true (g_str_has_suffix (cut_words, "garantía…"));
}

static void
test_parse_amount (void)
{
  const struct
  {
    const char *text;
    gint64      cents;
  } good[] = {
    { "", 0 },
    { "450", 45000 },
    { "450,5", 45050 },
    { "450.50", 45050 },
    { "1.234,56", 123456 },
    { "1,234.56", 123456 },
    { "1.234", 123400 },
    { " 12 ", 1200 },
    { "0,07", 7 },
  };
  const char *bad[] = { "€12", "12 EUR", "-5", ",", "doce" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      g_assert_true (confianza_recovery_parse_amount (good[i].text, &cents, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cents, ==, good[i].cents);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 cents = -1;

      g_assert_false (confianza_recovery_parse_amount (bad[i], &cents, &error));
      g_assert_nonnull (error);
      g_assert_cmpint (cents, ==, 0);
    }
}

static void
test_format_amount (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  gint64 back = 0;

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  with = confianza_recovery_format_amount (123456, "EUR");
  g_assert_cmpstr (with, ==, "1234.56 EUR");
  without = confianza_recovery_format_amount (7, NULL);
  g_assert_cmpstr (without, ==, "0.07");
  g_assert_true (confianza_recovery_parse_amount (without, &back, NULL));
  g_assert_cmpint (back, ==, 7);

  if (setlocale (LC_ALL, "es_ES.UTF-8") != NULL)
    {
      g_autofree char *euros = confianza_recovery_format_amount (123456, "EUR");
      g_autofree char *pesos = confianza_recovery_format_amount (45000, "MXN");
      g_autofree char *millions = confianza_recovery_format_amount (123456789, "USD");

      g_assert_cmpstr (euros, ==, "1.234,56 €");
      g_assert_cmpstr (pesos, ==, "450,00 MXN");
      g_assert_cmpstr (millions, ==, "1.234.567,89 US$");
      /* what the screen shows reads back */
      g_assert_true (confianza_recovery_parse_amount ("1.234,56", &back, NULL));
      g_assert_cmpint (back, ==, 123456);
    }
  else
    g_test_message ("es_ES.UTF-8 is not generated: the Spanish money format is not checked");

  setlocale (LC_ALL, saved);
}

static void
test_default_causes (void)
{
  g_auto(GStrv) causes = confianza_recovery_default_causes ();

  g_assert_cmpuint (g_strv_length (causes), >=, 4);
  for (guint i = 0; causes[i] != NULL; i++)
    g_assert_cmpstr (causes[i], !=, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/recovery/follow-up-dates/until", test_dates_until);
  g_test_add_func ("/recovery/follow-up-dates/times-month-end", test_dates_times);
  g_test_add_func ("/recovery/follow-up-dates/leap-day", test_dates_leap_day);
  g_test_add_func ("/recovery/follow-up-dates/year-end", test_dates_year_end);
  g_test_add_func ("/recovery/follow-up-dates/edges", test_dates_edges);
  g_test_add_func ("/recovery/follow-up-dates/plan", test_plan_dates);
  g_test_add_func ("/recovery/systemic/cause-client-portfolio", test_systemic);
  g_test_add_func ("/recovery/systemic/twelve-months", test_systemic_window);
  g_test_add_func ("/recovery/systemic/same-day-and-blank", test_systemic_same_day_and_blank);
  g_test_add_func ("/recovery/systemic/same-day-any-order", test_systemic_same_day_any_order);
  g_test_add_func ("/recovery/systemic/same-day-unsaved", test_systemic_same_day_unsaved);
  g_test_add_func ("/recovery/systemic/window-edges", test_systemic_window_edges);
  g_test_add_func ("/recovery/compensation/suggestion", test_suggestion);
  g_test_add_func ("/recovery/timing/days", test_timing);
  g_test_add_func ("/recovery/timing/follow-ups", test_tally);
  g_test_add_func ("/recovery/progress/steps-done", test_progress);
  g_test_add_func ("/recovery/progress/describe-step", test_describe_step);
  g_test_add_func ("/recovery/validate/steps", test_validate_steps);
  g_test_add_func ("/recovery/validate/compensation", test_validate_compensation);
  g_test_add_func ("/recovery/text/guarantee-title", test_guarantee_title);
  g_test_add_func ("/recovery/text/parse-amount", test_parse_amount);
  g_test_add_func ("/recovery/text/format-amount", test_format_amount);
  g_test_add_func ("/recovery/text/default-causes", test_default_causes);
  g_test_add_func ("/recovery/may-recover", test_may_recover);
  g_test_add_func ("/recovery/consequences-rule", test_consequences_rule);
  g_test_add_func ("/recovery/measure-pending", test_measure_pending);
  g_test_add_func ("/recovery/judgement", test_judgement);
  g_test_add_func ("/recovery/words", test_words);
  g_test_add_func ("/recovery/incident-for-promise", test_incident_for_promise);

  return g_test_run ();
}
