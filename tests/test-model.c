/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "model/confianza-model.h"
#include "model/confianza-record.h"

/* Helpers */

static GDateTime *
day (int year,
     int month,
     int d)
{
  GDateTime *date = confianza_date_new (year, month, d);

  g_assert_nonnull (date);

  return date;
}

static gboolean
validate_any (GObject     *object,
              const char **property,
              GError     **error)
{
  if (CONFIANZA_IS_CLIENT (object))
    return confianza_client_validate (CONFIANZA_CLIENT (object), property, error);
  if (CONFIANZA_IS_PROMISE (object))
    return confianza_promise_validate (CONFIANZA_PROMISE (object), property, error);
  if (CONFIANZA_IS_QUICK_WIN (object))
    return confianza_quick_win_validate (CONFIANZA_QUICK_WIN (object), property, error);
  if (CONFIANZA_IS_CONVERSATION (object))
    return confianza_conversation_validate (CONFIANZA_CONVERSATION (object), property, error);
  if (CONFIANZA_IS_INCIDENT (object))
    return confianza_incident_validate (CONFIANZA_INCIDENT (object), property, error);
  if (CONFIANZA_IS_RECOVERY_PLAN (object))
    return confianza_recovery_plan_validate (CONFIANZA_RECOVERY_PLAN (object), property, error);
  if (CONFIANZA_IS_FOLLOW_UP (object))
    return confianza_follow_up_validate (CONFIANZA_FOLLOW_UP (object), property, error);
  if (CONFIANZA_IS_COMPENSATION (object))
    return confianza_compensation_validate (CONFIANZA_COMPENSATION (object), property, error);

  g_assert_not_reached ();
}

static GObject *
copy_any (GObject *object)
{
  if (CONFIANZA_IS_CLIENT (object))
    return G_OBJECT (confianza_client_copy (CONFIANZA_CLIENT (object)));
  if (CONFIANZA_IS_PROMISE (object))
    return G_OBJECT (confianza_promise_copy (CONFIANZA_PROMISE (object)));
  if (CONFIANZA_IS_QUICK_WIN (object))
    return G_OBJECT (confianza_quick_win_copy (CONFIANZA_QUICK_WIN (object)));
  if (CONFIANZA_IS_CONVERSATION (object))
    return G_OBJECT (confianza_conversation_copy (CONFIANZA_CONVERSATION (object)));
  if (CONFIANZA_IS_INCIDENT (object))
    return G_OBJECT (confianza_incident_copy (CONFIANZA_INCIDENT (object)));
  if (CONFIANZA_IS_RECOVERY_PLAN (object))
    return G_OBJECT (confianza_recovery_plan_copy (CONFIANZA_RECOVERY_PLAN (object)));
  if (CONFIANZA_IS_FOLLOW_UP (object))
    return G_OBJECT (confianza_follow_up_copy (CONFIANZA_FOLLOW_UP (object)));
  if (CONFIANZA_IS_COMPENSATION (object))
    return G_OBJECT (confianza_compensation_copy (CONFIANZA_COMPENSATION (object)));
  if (CONFIANZA_IS_RECOMMENDATION (object))
    return G_OBJECT (confianza_recommendation_copy (CONFIANZA_RECOMMENDATION (object)));

  g_assert_not_reached ();
}

static void
assert_valid (gpointer object)
{
  g_autoptr(GError) error = NULL;
  const char *property = "unset";

  if (!validate_any (G_OBJECT (object), &property, &error))
    g_error ("%s unexpectedly invalid at “%s”: %s",
             G_OBJECT_TYPE_NAME (object), property, error->message);
  g_assert_no_error (error);
  g_assert_null (property);
}

static void
assert_invalid (gpointer    object,
                int         code,
                const char *expected_property)
{
  g_autoptr(GError) error = NULL;
  const char *property = NULL;

  g_assert_false (validate_any (G_OBJECT (object), &property, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, code);
  g_assert_cmpstr (property, ==, expected_property);
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);

  /* property and error may both be NULL */
  g_assert_false (validate_any (G_OBJECT (object), NULL, NULL));
}

static char *
repeat (const char *unit,
        guint       times)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (s, unit);

  return g_string_free (s, FALSE);
}

/* Rules: promise outcome */

typedef struct
{
  const char       *name;
  int               due_offset;         /* due date relative to 2026-03-10 */
  gboolean          delivered;
  int               delivered_offset;   /* relative to the due date */
  int               today_offset;       /* relative to the due date */
  gboolean          broken;
  gboolean          has_quantity;
  double            promised;
  double            delivered_quantity;
  const char       *extras;
  ConfianzaOutcome  outcome;
  int               days_early;
  double            ratio;
} OutcomeRow;

static void
test_rules_outcome_table (void)
{
  const OutcomeRow rows[] = {
    { "open, due today", 0, FALSE, 0, 0, FALSE, FALSE, 0, 0, NULL, CONFIANZA_OUTCOME_OPEN, 0, 0 },
    { "open, 3 days left", 0, FALSE, 0, -3, FALSE, FALSE, 0, 0, NULL, CONFIANZA_OUTCOME_OPEN, 3, 0 },
    { "overdue by 2", 0, FALSE, 0, 2, FALSE, FALSE, 0, 0, NULL, CONFIANZA_OUTCOME_OVERDUE, -2, 0 },
    { "kept on the day", 0, TRUE, 0, 5, FALSE, FALSE, 0, 0, NULL, CONFIANZA_OUTCOME_KEPT, 0, 0 },
    { "kept, blank extras", 0, TRUE, 0, 5, FALSE, FALSE, 0, 0, " \t\n", CONFIANZA_OUTCOME_KEPT, 0, 0 },
    { "kept, same quantity", 0, TRUE, 0, 5, FALSE, TRUE, 10, 10, "", CONFIANZA_OUTCOME_KEPT, 0, 1.0 },
    { "early by 2", 0, TRUE, -2, 0, FALSE, FALSE, 0, 0, NULL, CONFIANZA_OUTCOME_OVERDELIVERED, 2, 0 },
    { "extras on the day", 0, TRUE, 0, 0, FALSE, FALSE, 0, 0, "A free logo", CONFIANZA_OUTCOME_OVERDELIVERED, 0, 0 },
    { "more quantity", 0, TRUE, 0, 0, FALSE, TRUE, 10, 12, NULL, CONFIANZA_OUTCOME_OVERDELIVERED, 0, 1.2 },
    { "late by 1", 0, TRUE, 1, 3, FALSE, FALSE, 0, 0, NULL, CONFIANZA_OUTCOME_LATE, -1, 0 },
    { "late even with extras", 0, TRUE, 4, 4, FALSE, TRUE, 10, 15, "Bonus", CONFIANZA_OUTCOME_LATE, -4, 1.5 },
    { "short quantity, early", 0, TRUE, -5, 0, FALSE, TRUE, 10, 8, NULL, CONFIANZA_OUTCOME_BROKEN, 5, 0.8 },
    { "short quantity, late", 0, TRUE, 2, 2, FALSE, TRUE, 10, 8, NULL, CONFIANZA_OUTCOME_BROKEN, -2, 0.8 },
    { "marked broken", 0, FALSE, 0, 1, TRUE, FALSE, 0, 0, NULL, CONFIANZA_OUTCOME_BROKEN, 0, 0 },
    { "marked broken, open", 0, FALSE, 0, -1, TRUE, FALSE, 0, 0, NULL, CONFIANZA_OUTCOME_BROKEN, 0, 0 },
    { "no quantity ignores numbers", 0, TRUE, 0, 0, FALSE, FALSE, 10, 2, NULL, CONFIANZA_OUTCOME_KEPT, 0, 0 },
    { "promised zero", 0, TRUE, 0, 0, FALSE, TRUE, 0, 5, NULL, CONFIANZA_OUTCOME_OVERDELIVERED, 0, 0 },
    { "promised zero, delivered zero", 0, TRUE, 0, 0, FALSE, TRUE, 0, 0, NULL, CONFIANZA_OUTCOME_KEPT, 0, 0 },
    { "undelivered has no ratio", 0, FALSE, 0, 0, FALSE, TRUE, 10, 10, NULL, CONFIANZA_OUTCOME_OPEN, 0, 0 },
    { "leap day early", 366, TRUE, -1, 0, FALSE, FALSE, 0, 0, NULL, CONFIANZA_OUTCOME_OVERDELIVERED, 1, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const OutcomeRow *row = &rows[i];
      g_autoptr(GDateTime) base = day (2026, 3, 10);
      g_autoptr(GDateTime) due = confianza_date_add_days (base, row->due_offset);
      g_autoptr(GDateTime) delivered = row->delivered ? confianza_date_add_days (due, row->delivered_offset) : NULL;
      g_autoptr(GDateTime) today = confianza_date_add_days (due, row->today_offset);
      ConfianzaPromiseResult result;

      g_test_message ("row: %s", row->name);

      result = confianza_rules_promise_outcome (due, delivered, row->broken, row->has_quantity,
                                                row->promised, row->delivered_quantity,
                                                row->extras, today);

      g_assert_cmpstr (confianza_enum_to_id (CONFIANZA_TYPE_OUTCOME, result.outcome), ==,
                       confianza_enum_to_id (CONFIANZA_TYPE_OUTCOME, row->outcome));
      g_assert_cmpint (result.days_early, ==, row->days_early);
      g_assert_cmpint (result.days_late, ==, MAX (0, -row->days_early));
      g_assert_true (isfinite (result.quantity_ratio));
      g_assert_cmpfloat_with_epsilon (result.quantity_ratio, row->ratio, 1e-9);
    }
}

static void
test_rules_outcome_no_nan (void)
{
  g_autoptr(GDateTime) due = day (2026, 1, 31);
  ConfianzaPromiseResult result;

  result = confianza_rules_promise_outcome (due, due, FALSE, TRUE, NAN, 3, NULL, due);
  g_assert_true (isfinite (result.quantity_ratio));
  g_assert_cmpfloat (result.quantity_ratio, ==, 0.0);

  result = confianza_rules_promise_outcome (due, due, FALSE, TRUE, 2, INFINITY, NULL, due);
  g_assert_true (isfinite (result.quantity_ratio));

  result = confianza_rules_promise_outcome (due, due, FALSE, TRUE, 1e-320, 1e300, NULL, due);
  g_assert_true (isfinite (result.quantity_ratio));

  result = confianza_rules_promise_outcome (due, due, FALSE, TRUE, -4, 2, NULL, due);
  g_assert_cmpfloat (result.quantity_ratio, ==, 0.0);

  /* No due date: never late, never overdue */
  result = confianza_rules_promise_outcome (NULL, NULL, FALSE, FALSE, 0, 0, NULL, due);
  g_assert_cmpint (result.outcome, ==, CONFIANZA_OUTCOME_OPEN);
  result = confianza_rules_promise_outcome (NULL, due, FALSE, FALSE, 0, 0, NULL, due);
  g_assert_cmpint (result.outcome, ==, CONFIANZA_OUTCOME_KEPT);
}

static void
test_rules_outcome_is_closed (void)
{
  g_assert_false (confianza_outcome_is_closed (CONFIANZA_OUTCOME_OPEN));
  g_assert_false (confianza_outcome_is_closed (CONFIANZA_OUTCOME_OVERDUE));
  g_assert_true (confianza_outcome_is_closed (CONFIANZA_OUTCOME_OVERDELIVERED));
  g_assert_true (confianza_outcome_is_closed (CONFIANZA_OUTCOME_KEPT));
  g_assert_true (confianza_outcome_is_closed (CONFIANZA_OUTCOME_LATE));
  g_assert_true (confianza_outcome_is_closed (CONFIANZA_OUTCOME_BROKEN));
}

/* The one on-time counting: of the settled promises, the share kept or
 * overdelivered; open and overdue ones are not settled. */
static void
test_rules_on_time_rate (void)
{
  ConfianzaOutcomeCounts counts = { { 0 } };

  g_assert_true (confianza_outcome_is_on_time (CONFIANZA_OUTCOME_KEPT));
  g_assert_true (confianza_outcome_is_on_time (CONFIANZA_OUTCOME_OVERDELIVERED));
  g_assert_false (confianza_outcome_is_on_time (CONFIANZA_OUTCOME_LATE));
  g_assert_false (confianza_outcome_is_on_time (CONFIANZA_OUTCOME_BROKEN));
  g_assert_false (confianza_outcome_is_on_time (CONFIANZA_OUTCOME_OVERDUE));
  g_assert_false (confianza_outcome_is_on_time (CONFIANZA_OUTCOME_OPEN));

  /* Nothing settled nor overdue: no rate at all, not 0 % */
  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_OPEN);
  g_assert_true (isnan (confianza_outcome_counts_on_time_rate (&counts)));
  /* Overdue and still undelivered is already not on time */
  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_OVERDUE);
  g_assert_cmpuint (confianza_outcome_counts_total (&counts), ==, 2);
  g_assert_cmpuint (confianza_outcome_counts_settled (&counts), ==, 0);
  g_assert_cmpfloat (confianza_outcome_counts_on_time_rate (&counts), ==, 0);

  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_KEPT);
  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_OVERDELIVERED);
  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_OVERDELIVERED);
  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_LATE);
  confianza_outcome_counts_add (&counts, CONFIANZA_OUTCOME_BROKEN);
  g_assert_cmpuint (confianza_outcome_counts_total (&counts), ==, 7);
  g_assert_cmpuint (confianza_outcome_counts_settled (&counts), ==, 5);
  g_assert_cmpuint (confianza_outcome_counts_on_time (&counts), ==, 3);
  g_assert_cmpuint (counts.n[CONFIANZA_OUTCOME_OVERDELIVERED], ==, 2);
  /* 3 on time of 5 settled and 1 overdue */
  g_assert_cmpfloat_with_epsilon (confianza_outcome_counts_on_time_rate (&counts), 0.5, 1e-12);
}

/* The one client name order: collation without case, then the case-folded
 * bytes, then the id, so that equal names still have a fixed order. */
static void
test_client_compare_by_name (void)
{
  g_autoptr(ConfianzaClient) ana = confianza_client_new ("ana");
  g_autoptr(ConfianzaClient) ana_upper = confianza_client_new ("ANA");
  g_autoptr(ConfianzaClient) beatriz = confianza_client_new ("Beatriz");
  g_autoptr(ConfianzaClient) twin = confianza_client_new ("Beatriz");

  confianza_client_set_id (ana, 2);
  confianza_client_set_id (ana_upper, 1);
  confianza_client_set_id (beatriz, 3);
  confianza_client_set_id (twin, 4);

  g_assert_cmpint (confianza_client_compare_by_name (ana, beatriz), <, 0);
  g_assert_cmpint (confianza_client_compare_by_name (beatriz, ana), >, 0);
  g_assert_cmpint (confianza_client_compare_by_name (ana_upper, beatriz), <, 0);
  /* Case aside, the same name: the id decides */
  g_assert_cmpint (confianza_client_compare_by_name (ana_upper, ana), <, 0);
  g_assert_cmpint (confianza_client_compare_by_name (ana, ana_upper), >, 0);
  g_assert_cmpint (confianza_client_compare_by_name (twin, beatriz), >, 0);
  g_assert_cmpint (confianza_client_compare_by_name (beatriz, beatriz), ==, 0);

  /* A renamed client moves: the key follows the name */
  confianza_client_set_name (beatriz, "Aaron");
  g_assert_cmpint (confianza_client_compare_by_name (beatriz, ana), <, 0);
}

static void
test_rules_text_is_blank (void)
{
  g_assert_true (confianza_rules_text_is_blank (NULL));
  g_assert_true (confianza_rules_text_is_blank (""));
  g_assert_true (confianza_rules_text_is_blank (" \t\n\u00a0"));
  g_assert_false (confianza_rules_text_is_blank ("  x "));
  /* Unreadable text is not "nothing written": it is reported as unreadable */
  g_assert_false (confianza_rules_text_is_blank ("\xc3"));
  g_assert_false (confianza_rules_text_is_blank (" \xff "));
}

/* Kinds and causes: the same category trimmed and without case */
static void
test_rules_same_category (void)
{
  g_assert_true (confianza_rules_same_category ("Retrasos", " retrasos  "));
  g_assert_true (confianza_rules_same_category ("COMUNICACIÓN", "comunicación"));
  g_assert_true (confianza_rules_same_category (NULL, ""));
  g_assert_true (confianza_rules_same_category ("  ", NULL));
  g_assert_false (confianza_rules_same_category ("Retrasos", "Retraso"));
  g_assert_false (confianza_rules_same_category ("Calidad", "Retrasos"));
}

static void
test_promise_get_outcome (void)
{
  g_autoptr(GDateTime) made = day (2026, 5, 1);
  g_autoptr(GDateTime) due = day (2026, 5, 10);
  g_autoptr(GDateTime) before = day (2026, 5, 9);
  g_autoptr(GDateTime) after = day (2026, 5, 11);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (1, "Web", made, due);

  g_assert_cmpint (confianza_promise_get_outcome (promise, before), ==, CONFIANZA_OUTCOME_OPEN);
  g_assert_cmpint (confianza_promise_get_outcome (promise, due), ==, CONFIANZA_OUTCOME_OPEN);
  g_assert_cmpint (confianza_promise_get_outcome (promise, after), ==, CONFIANZA_OUTCOME_OVERDUE);

  confianza_promise_set_delivered_on (promise, due);
  g_assert_cmpint (confianza_promise_get_outcome (promise, after), ==, CONFIANZA_OUTCOME_KEPT);
  confianza_promise_set_extras (promise, "Hosting for a month");
  g_assert_cmpint (confianza_promise_get_outcome (promise, after), ==, CONFIANZA_OUTCOME_OVERDELIVERED);
  confianza_promise_set_delivered_on (promise, after);
  g_assert_cmpint (confianza_promise_get_outcome (promise, after), ==, CONFIANZA_OUTCOME_LATE);
  confianza_promise_set_delivered_on (promise, before);
  confianza_promise_set_has_quantity (promise, TRUE);
  confianza_promise_set_promised_quantity (promise, 4);
  confianza_promise_set_delivered_quantity (promise, 3);
  g_assert_cmpint (confianza_promise_get_outcome (promise, after), ==, CONFIANZA_OUTCOME_BROKEN);
}

/* The whole result of a promise in one call: what the ledger, the report,
 * the deliver dialog and Today show. */
static void
test_promise_get_result (void)
{
  g_autoptr(GDateTime) made = day (2026, 5, 1);
  g_autoptr(GDateTime) due = day (2026, 5, 10);
  g_autoptr(GDateTime) early = day (2026, 5, 7);
  g_autoptr(GDateTime) late = day (2026, 5, 14);
  g_autoptr(GDateTime) today = day (2026, 5, 20);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (1, "Fotos", made, due);
  ConfianzaPromiseResult result;

  /* Open: days left until due */
  result = confianza_promise_get_result (promise, early);
  g_assert_cmpint (result.outcome, ==, CONFIANZA_OUTCOME_OPEN);
  g_assert_cmpint (result.days_early, ==, 3);
  g_assert_cmpint (result.days_late, ==, 0);

  /* Overdue so far, counted to the day asked */
  result = confianza_promise_get_result (promise, today);
  g_assert_cmpint (result.outcome, ==, CONFIANZA_OUTCOME_OVERDUE);
  g_assert_cmpint (result.days_early, ==, -10);
  g_assert_cmpint (result.days_late, ==, 10);

  /* Delivered late: counted to the delivery, not to today */
  confianza_promise_set_delivered_on (promise, late);
  result = confianza_promise_get_result (promise, today);
  g_assert_cmpint (result.outcome, ==, CONFIANZA_OUTCOME_LATE);
  g_assert_cmpint (result.days_early, ==, -4);
  g_assert_cmpint (result.days_late, ==, 4);

  /* Early, with more than promised */
  confianza_promise_set_delivered_on (promise, early);
  confianza_promise_set_has_quantity (promise, TRUE);
  confianza_promise_set_promised_quantity (promise, 40);
  confianza_promise_set_delivered_quantity (promise, 50);
  result = confianza_promise_get_result (promise, today);
  g_assert_cmpint (result.outcome, ==, CONFIANZA_OUTCOME_OVERDELIVERED);
  g_assert_cmpint (result.days_early, ==, 3);
  g_assert_cmpint (result.days_late, ==, 0);
  g_assert_cmpfloat_with_epsilon (result.quantity_ratio, 1.25, 1e-9);
  g_assert_cmpint (confianza_promise_get_outcome (promise, today), ==, result.outcome);

  /* Marked broken, never delivered */
  confianza_promise_set_delivered_on (promise, NULL);
  confianza_promise_set_broken (promise, TRUE);
  result = confianza_promise_get_result (promise, today);
  g_assert_cmpint (result.outcome, ==, CONFIANZA_OUTCOME_BROKEN);
  g_assert_cmpint (result.days_late, ==, 0);
  g_assert_cmpfloat (result.quantity_ratio, ==, 0.0);
}

/* Rules: text */

static void
test_rules_check_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exact = repeat ("ñ", CONFIANZA_SHORT_TEXT_MAX);
  g_autofree char *too_long = repeat ("ñ", CONFIANZA_SHORT_TEXT_MAX + 1);

  g_assert_true (confianza_rules_check_text (NULL, 10, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (confianza_rules_check_text ("", 10, NULL, &error));
  g_assert_true (confianza_rules_check_text ("Ana", 10, "Write it.", &error));
  g_assert_no_error (error);

  /* Counted in characters, not bytes */
  g_assert_true (confianza_rules_check_text (exact, CONFIANZA_SHORT_TEXT_MAX, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (confianza_rules_check_text (too_long, CONFIANZA_SHORT_TEXT_MAX, NULL, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "200"));
  g_clear_error (&error);

  g_assert_false (confianza_rules_check_text (NULL, 10, "Write the client’s name.", &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "Write the client’s name.");
  g_clear_error (&error);

  g_assert_false (confianza_rules_check_text (" \t\n\u3000", 10, "Empty.", &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (confianza_rules_check_text ("Jos\xe9", 10, NULL, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_TEXT);
  g_clear_error (&error);

  g_assert_false (confianza_rules_check_text ("\xff", 10, "Empty.", &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_TEXT);
  g_clear_error (&error);
}

static void
test_rules_check_email (void)
{
  const char *good[] = { NULL, "", "ana@example.com", "a.b+c@sub.example.es", "josé@correo.es" };
  const char *bad[] = { "ana", "ana@", "@example.com", "ana@example", "ana@@example.com",
                        "ana@exa@mple.com", "ana @example.com", "ana@example.com ",
                        "ana@.com", "ana@example.", "ana@example..com", "ana@ex\xff.com" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (confianza_rules_check_email (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      {
        /* Escaped: some of these are not valid UTF-8 on purpose */
        g_autofree char *shown = g_strescape (bad[i], NULL);
        g_test_message ("email: %s", shown);
      }
      g_assert_false (confianza_rules_check_email (bad[i], &error));
      g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_TEXT);
    }
}

static void
test_rules_check_currency (void)
{
  const char *bad[] = { NULL, "", "eur", "EU", "EURO", "E1R", "ÉUR", "EU " };

  g_assert_true (confianza_rules_check_currency ("EUR", NULL));
  g_assert_true (confianza_rules_check_currency ("MXN", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (confianza_rules_check_currency (bad[i], &error));
      g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_TEXT);
    }
}

/* Dates */

static void
test_date_new (void)
{
  g_autoptr(GDateTime) leap = NULL;
  g_autoptr(GDateTime) leap_2000 = NULL;

  g_assert_null (confianza_date_new (2024, 2, 30));
  g_assert_null (confianza_date_new (2023, 2, 29));
  g_assert_null (confianza_date_new (1900, 2, 29));
  g_assert_null (confianza_date_new (2026, 13, 1));
  g_assert_null (confianza_date_new (2026, 0, 1));
  g_assert_null (confianza_date_new (2026, 4, 31));
  g_assert_null (confianza_date_new (2026, 1, 0));
  g_assert_null (confianza_date_new (0, 1, 1));
  g_assert_null (confianza_date_new (10000, 1, 1));
  g_assert_false (confianza_date_is_valid_ymd (2024, 2, 30));
  g_assert_true (confianza_date_is_valid_ymd (2024, 2, 29));
  g_assert_true (confianza_date_is_valid_ymd (1, 1, 1));
  g_assert_true (confianza_date_is_valid_ymd (9999, 12, 31));

  leap = confianza_date_new (2024, 2, 29);
  g_assert_nonnull (leap);
  leap_2000 = confianza_date_new (2000, 2, 29);
  g_assert_nonnull (leap_2000);

  /* 00:00 UTC */
  g_assert_cmpint (g_date_time_get_hour (leap), ==, 0);
  g_assert_cmpint (g_date_time_get_minute (leap), ==, 0);
  g_assert_cmpint (g_date_time_get_second (leap), ==, 0);
  g_assert_cmpint (g_date_time_get_utc_offset (leap), ==, 0);
}

static void
test_date_iso (void)
{
  const char *bad[] = { NULL, "", "2024-02-30", "2023-02-29", "2024-2-3", "2024-02-3",
                        "2024-02-03x", " 2024-02-03", "2024-02-03 ", "2024/02/03",
                        "03-02-2024", "2024-13-01", "0000-01-01", "+024-02-03",
                        "2024-02-03T00:00:00Z", "abcd-ef-gh", "２０２４-02-03" };
  g_autoptr(GDateTime) leap = day (2024, 2, 29);
  g_autoptr(GDateTime) small = day (5, 1, 1);
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *small_iso = NULL;
  g_autoptr(GError) error = NULL;

  iso = confianza_date_to_iso (leap);
  g_assert_cmpstr (iso, ==, "2024-02-29");
  small_iso = confianza_date_to_iso (small);
  g_assert_cmpstr (small_iso, ==, "0005-01-01");
  g_assert_null (confianza_date_to_iso (NULL));

  parsed = confianza_date_from_iso (iso, &error);
  g_assert_no_error (error);
  g_assert_true (confianza_date_equal (parsed, leap));
  g_assert_cmpint (g_date_time_get_utc_offset (parsed), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (parsed), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) local_error = NULL;

      g_test_message ("iso: %s", bad[i] ? bad[i] : "(null)");
      g_assert_null (confianza_date_from_iso (bad[i], &local_error));
      g_assert_error (local_error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE);
    }
}

/* The day number agrees with GDate's Julian days (what the dates were
 * compared with before) day by day over two centuries and at the ends of
 * the years a date may have. */
static void
test_date_day_number (void)
{
  g_autoptr(GDateTime) epoch = day (1970, 1, 1);
  g_autoptr(GDateTime) leap = day (2000, 3, 1);
  g_autoptr(GDateTime) first = day (1, 1, 1);
  g_autoptr(GDateTime) last = day (9999, 12, 31);
  g_autoptr(GDateTime) late_in_day = g_date_time_new_utc (2026, 2, 28, 23, 59, 59);
  GDate gdate;
  guint32 first_julian;

  g_assert_cmpint (confianza_date_day_number (epoch), ==, 0);
  g_assert_cmpint (confianza_date_day_number (leap), ==, 11017);
  /* A date is its calendar day, whatever the hour */
  g_assert_cmpint (confianza_date_day_number (late_in_day), ==, 20512);

  g_date_clear (&gdate, 1);
  g_date_set_dmy (&gdate, 1, 1, 1);
  first_julian = g_date_get_julian (&gdate);
  g_assert_cmpint (confianza_date_day_number (first), ==, -719162);
  g_date_set_dmy (&gdate, 31, 12, 9999);
  g_assert_cmpint (confianza_date_day_number (last) - confianza_date_day_number (first), ==,
                   (int) (g_date_get_julian (&gdate) - first_julian));

  g_date_set_dmy (&gdate, 25, 12, 1899);
  for (int i = 0; i < 73100; i++)
    {
      g_autoptr(GDateTime) date = day (g_date_get_year (&gdate), g_date_get_month (&gdate),
                                       g_date_get_day (&gdate));

      g_assert_cmpint (confianza_date_day_number (date) - confianza_date_day_number (first), ==,
                       (int) (g_date_get_julian (&gdate) - first_julian));
      g_date_add_days (&gdate, 1);
    }
}

static void
test_date_arithmetic (void)
{
  g_autoptr(GDateTime) feb28 = day (2024, 2, 28);
  g_autoptr(GDateTime) mar1 = day (2024, 3, 1);
  g_autoptr(GDateTime) feb28_2023 = day (2023, 2, 28);
  g_autoptr(GDateTime) mar1_2023 = day (2023, 3, 1);
  g_autoptr(GDateTime) new_year = day (2027, 1, 1);
  g_autoptr(GDateTime) old_year = day (2026, 1, 1);
  g_autoptr(GDateTime) plus = NULL;
  g_autoptr(GTimeZone) east = g_time_zone_new_offset (5 * 3600 + 1800);
  g_autoptr(GTimeZone) west = g_time_zone_new_offset (-10 * 3600);
  g_autoptr(GDateTime) late_east = g_date_time_new (east, 2026, 1, 1, 23, 30, 0);
  g_autoptr(GDateTime) early_west = g_date_time_new (west, 2026, 1, 1, 0, 30, 0);
  g_autoptr(GDateTime) stripped = NULL;
  g_autoptr(GDateTime) stripped_west = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = confianza_date_today ();

  g_assert_cmpint (confianza_date_days_between (feb28, mar1), ==, 2);
  g_assert_cmpint (confianza_date_days_between (mar1, feb28), ==, -2);
  g_assert_cmpint (confianza_date_days_between (feb28_2023, mar1_2023), ==, 1);
  g_assert_cmpint (confianza_date_days_between (old_year, new_year), ==, 365);
  g_assert_cmpint (confianza_date_days_between (feb28, feb28), ==, 0);

  plus = confianza_date_add_days (feb28, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (plus), ==, 29);
  g_assert_cmpint (g_date_time_get_hour (plus), ==, 0);

  /* Own y/m/d, whatever the time zone */
  stripped = confianza_date_from_datetime (late_east);
  g_assert_true (confianza_date_equal (stripped, old_year));
  g_assert_cmpint (g_date_time_get_utc_offset (stripped), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (stripped), ==, 0);
  stripped_west = confianza_date_from_datetime (early_west);
  g_assert_true (confianza_date_equal (stripped_west, old_year));

  g_assert_cmpint (g_date_time_get_year (today), ==, g_date_time_get_year (now));
  g_assert_cmpint (g_date_time_get_day_of_year (today), ==, g_date_time_get_day_of_year (now));
  g_assert_cmpint (g_date_time_get_utc_offset (today), ==, 0);

  /* NULL sorts last */
  g_assert_cmpint (confianza_date_compare (feb28, mar1), <, 0);
  g_assert_cmpint (confianza_date_compare (mar1, feb28), >, 0);
  g_assert_cmpint (confianza_date_compare (feb28, feb28), ==, 0);
  g_assert_cmpint (confianza_date_compare (NULL, feb28), >, 0);
  g_assert_cmpint (confianza_date_compare (feb28, NULL), <, 0);
  g_assert_cmpint (confianza_date_compare (NULL, NULL), ==, 0);
  g_assert_true (confianza_date_equal (NULL, NULL));
  g_assert_false (confianza_date_equal (NULL, feb28));
  g_assert_false (confianza_date_equal (feb28, mar1));
}

static void
test_date_locale (void)
{
  const int ymd[][3] = { { 2026, 11, 23 }, { 2024, 2, 29 }, { 1999, 12, 31 }, { 2031, 1, 2 } };
  g_autoptr(GDateTime) iso = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = confianza_date_format (NULL);

  g_assert_cmpstr (empty, ==, "");

  /* What we show, we read back */
  for (guint i = 0; i < G_N_ELEMENTS (ymd); i++)
    {
      g_autoptr(GDateTime) date = day (ymd[i][0], ymd[i][1], ymd[i][2]);
      g_autofree char *text = confianza_date_format (date);
      g_autoptr(GDateTime) back = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *year = g_strdup_printf ("%d", ymd[i][0]);

      g_test_message ("formatted: %s", text);
      g_assert_cmpuint (strlen (text), >, 0);

      /* Four-digit years: "26" could be 1926 */
      g_assert_nonnull (strstr (text, year));
      back = confianza_date_parse_locale (text, &local_error);
      g_assert_no_error (local_error);
      g_assert_true (confianza_date_equal (back, date));
    }

  iso = confianza_date_parse_locale (" 2026-11-23 ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_get_month (iso), ==, 11);
  g_assert_cmpint (g_date_time_get_utc_offset (iso), ==, 0);

  g_assert_null (confianza_date_parse_locale ("2026-02-30", &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_assert_null (confianza_date_parse_locale ("next tuesday-ish", &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_assert_null (confianza_date_parse_locale ("", &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_assert_null (confianza_date_parse_locale (NULL, &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE);
  g_clear_error (&error);

  g_assert_null (confianza_date_parse_locale ("\xff", &error));
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE);
  g_clear_error (&error);
}

/* Switches every category to @locale, or skips the test when it is not
 * installed. */
static gboolean
use_locale (const char *locale)
{
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("locale %s is not installed", locale);

      g_test_skip (message);
      return FALSE;
    }

  return TRUE;
}

/* @text is read as @year-@month-@day */
static void
assert_reads (const char *text,
              int         year,
              int         month,
              int         d)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) parsed = confianza_date_parse_locale (text, &error);
  g_autoptr(GDateTime) expected = day (year, month, d);

  g_assert_no_error (error);
  g_assert_true (confianza_date_equal (parsed, expected));
}

/* @text is refused, with a message that shows year-month-day, as today */
static void
assert_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) parsed = confianza_date_parse_locale (text, &error);
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autofree char *iso = confianza_date_to_iso (today);

  g_test_message ("%s: %s", text, error != NULL ? error->message : "(read)");
  g_assert_null (parsed);
  g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE);
  g_assert_nonnull (strstr (error->message, iso));
}

/* The C locale (cron, systemd, containers) has no date order of its own:
 * dates are shown and read as year-month-day, and a date such as
 * 03/04/2026, a different day in different countries, is refused. */
static void
test_date_locale_c (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  const char *locales[] = { "C", "C.UTF-8", "POSIX" };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autoptr(GDateTime) expected = day (2026, 11, 23);
      g_autofree char *text = NULL;

      if (setlocale (LC_ALL, locales[i]) == NULL)
        {
          g_test_message ("locale %s is not installed", locales[i]);
          continue;
        }

      text = confianza_date_format (expected);
      g_assert_cmpstr (text, ==, "2026-11-23");
      assert_reads (text, 2026, 11, 23);
      assert_reads ("2026/03/04", 2026, 3, 4);
      assert_reads ("March 4, 2026", 2026, 3, 4);
      assert_refused ("03/04/2026");
      assert_refused ("11/23/2026");
      assert_refused ("23/11/2026");
      assert_refused ("3.4.26");
    }

  setlocale (LC_ALL, saved);
}

/* Spanish: numbers are read day/month/year, and never in another order */
static void
test_date_locale_es (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));
  g_autoptr(GDateTime) expected = day (2026, 11, 23);

  if (use_locale ("es_ES.UTF-8"))
    {
      g_autoptr(GDateTime) today = confianza_date_today ();
      g_autofree char *text = confianza_date_format (expected);

      g_assert_cmpstr (text, ==, "23/11/2026");
      assert_reads ("23/11/2026", 2026, 11, 23);
      assert_reads ("03/04/2026", 2026, 4, 3);
      assert_reads ("3-4-26", 2026, 4, 3);
      assert_reads ("3.4.2026", 2026, 4, 3);
      assert_reads ("2026-04-03", 2026, 4, 3);
      assert_reads ("2026/04/03", 2026, 4, 3);
      assert_reads ("23/11", g_date_time_get_year (today), 11, 23);
      assert_refused ("11/23/2026");
      assert_refused ("04/13/2026");
      assert_refused ("31/02/2026");
      {
        g_autoptr(GError) error = NULL;

        g_assert_null (confianza_date_parse_locale ("1/2/3/4", &error));
        g_assert_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_DATE);
      }
    }

  setlocale (LC_ALL, saved);
}

/* Enums */

static void
test_enums_ids (void)
{
  const GType types[] = {
    CONFIANZA_TYPE_CLIENT_STATUS, CONFIANZA_TYPE_OUTCOME, CONFIANZA_TYPE_CHANNEL,
    CONFIANZA_TYPE_SEVERITY, CONFIANZA_TYPE_RESPONSIBILITY,
    CONFIANZA_TYPE_COMPENSATION_KIND, CONFIANZA_TYPE_PLAN_OUTCOME,
  };
  int value;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GEnumClass *klass = g_type_class_ref (types[i]);

      g_assert_cmpuint (klass->n_values, >=, 3);
      for (guint j = 0; j < klass->n_values; j++)
        {
          const char *id = confianza_enum_to_id (types[i], klass->values[j].value);

          g_assert_nonnull (id);
          value = -1;
          g_assert_true (confianza_enum_from_id (types[i], id, &value));
          g_assert_cmpint (value, ==, klass->values[j].value);
        }

      value = 77;
      g_assert_false (confianza_enum_from_id (types[i], "nope", &value));
      g_assert_cmpint (value, ==, 77);
      g_assert_false (confianza_enum_from_id (types[i], NULL, &value));
      g_assert_false (confianza_enum_from_id (types[i], "", &value));
      g_assert_null (confianza_enum_to_id (types[i], 99));
      g_assert_null (confianza_enum_to_id (types[i], -1));

      g_type_class_unref (klass);
    }

  g_assert_cmpstr (confianza_enum_to_id (CONFIANZA_TYPE_CLIENT_STATUS, CONFIANZA_CLIENT_STATUS_AT_RISK), ==, "at-risk");
  g_assert_cmpstr (confianza_enum_to_id (CONFIANZA_TYPE_CLIENT_STATUS, CONFIANZA_CLIENT_STATUS_LET_GO), ==, "let-go");
  g_assert_cmpstr (confianza_enum_to_id (CONFIANZA_TYPE_OUTCOME, CONFIANZA_OUTCOME_OVERDELIVERED), ==, "overdelivered");
  g_assert_cmpstr (confianza_enum_to_id (CONFIANZA_TYPE_CHANNEL, CONFIANZA_CHANNEL_IN_PERSON), ==, "in-person");
  g_assert_cmpstr (confianza_enum_to_id (CONFIANZA_TYPE_SEVERITY, CONFIANZA_SEVERITY_CRITICAL), ==, "critical");
  g_assert_cmpstr (confianza_enum_to_id (CONFIANZA_TYPE_RESPONSIBILITY, CONFIANZA_RESPONSIBILITY_EXTERNAL), ==, "external");
  g_assert_cmpstr (confianza_enum_to_id (CONFIANZA_TYPE_COMPENSATION_KIND, CONFIANZA_COMPENSATION_PRODUCT_CHANGE), ==, "product-change");
  g_assert_cmpstr (confianza_enum_to_id (CONFIANZA_TYPE_PLAN_OUTCOME, CONFIANZA_PLAN_IN_PROGRESS), ==, "in-progress");

  g_assert_true (confianza_enum_from_id (CONFIANZA_TYPE_OUTCOME, "late", &value));
  g_assert_cmpint (value, ==, CONFIANZA_OUTCOME_LATE);
  /* Nicks are case-sensitive, stable identifiers */
  g_assert_false (confianza_enum_from_id (CONFIANZA_TYPE_OUTCOME, "Late", &value));
  /* Another enum's nick is unknown */
  g_assert_false (confianza_enum_from_id (CONFIANZA_TYPE_OUTCOME, "at-risk", &value));
}

static void
test_enums_labels (void)
{
  for (int v = CONFIANZA_CLIENT_STATUS_ACTIVE; v <= CONFIANZA_CLIENT_STATUS_LET_GO; v++)
    g_assert_cmpuint (strlen (confianza_client_status_to_label (v)), >, 0);
  for (int v = CONFIANZA_OUTCOME_OPEN; v <= CONFIANZA_OUTCOME_BROKEN; v++)
    g_assert_cmpuint (strlen (confianza_outcome_to_label (v)), >, 0);
  for (int v = CONFIANZA_CHANNEL_IN_PERSON; v <= CONFIANZA_CHANNEL_MESSAGE; v++)
    g_assert_cmpuint (strlen (confianza_channel_to_label (v)), >, 0);
  for (int v = CONFIANZA_SEVERITY_MINOR; v <= CONFIANZA_SEVERITY_CRITICAL; v++)
    g_assert_cmpuint (strlen (confianza_severity_to_label (v)), >, 0);
  for (int v = CONFIANZA_RESPONSIBILITY_OURS; v <= CONFIANZA_RESPONSIBILITY_EXTERNAL; v++)
    g_assert_cmpuint (strlen (confianza_responsibility_to_label (v)), >, 0);
  for (int v = CONFIANZA_COMPENSATION_REFUND; v <= CONFIANZA_COMPENSATION_OTHER; v++)
    g_assert_cmpuint (strlen (confianza_compensation_kind_to_label (v)), >, 0);
  for (int v = CONFIANZA_PLAN_IN_PROGRESS; v <= CONFIANZA_PLAN_LET_GO; v++)
    g_assert_cmpuint (strlen (confianza_plan_outcome_to_label (v)), >, 0);

  /* The test binds no translations: the English source strings come back */
  if (g_str_has_prefix (setlocale (LC_MESSAGES, NULL), "C"))
    {
      g_assert_cmpstr (confianza_outcome_to_label (CONFIANZA_OUTCOME_KEPT), ==, "Kept");
      g_assert_cmpstr (confianza_outcome_to_label (CONFIANZA_OUTCOME_BROKEN), ==, "Broken");
    }
}

/* Objects: properties, notify, copy */

static void
make_value (GParamSpec *pspec,
            int         variant,
            GValue     *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);

  if (type == G_TYPE_INT64)
    g_value_set_int64 (value, 42 + variant);
  else if (type == G_TYPE_INT)
    g_value_set_int (value, 5 + variant);
  else if (type == G_TYPE_DOUBLE)
    g_value_set_double (value, 2.5 + variant);
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, variant == 0);
  else if (type == G_TYPE_STRING)
    g_value_set_string (value, variant == 0 ? "Ñandú “uno”" : "dos");
  else if (type == G_TYPE_DATE_TIME)
    g_value_take_boxed (value, variant == 0 ? day (2024, 2, 29) : day (2025, 3, 1));
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;

      g_value_set_enum (value, klass->values[klass->n_values - 1 - variant].value);
    }
  else
    g_assert_not_reached ();
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS (a, G_TYPE_DATE_TIME))
    return confianza_date_equal (g_value_get_boxed (a), g_value_get_boxed (b));

  return g_param_values_cmp (pspec, a, b) == 0;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
check_object_properties (GType type)
{
  g_autoptr(GObject) object = g_object_new (type, NULL);
  g_autoptr(GObject) copy = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  g_assert_cmpuint (n_pspecs, >=, 4);

  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *pspec = pspecs[i];
      g_auto(GValue) v0 = G_VALUE_INIT;
      g_auto(GValue) v0_again = G_VALUE_INIT;
      g_auto(GValue) v1 = G_VALUE_INIT;
      g_auto(GValue) read = G_VALUE_INIT;
      g_autofree char *signal = g_strdup_printf ("notify::%s", pspec->name);
      guint count = 0;
      gulong handler;

      g_test_message ("%s:%s", g_type_name (type), pspec->name);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_assert_true (pspec->flags & G_PARAM_READWRITE);

      /* Strings are never NULL */
      if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRING)
        {
          g_auto(GValue) str = G_VALUE_INIT;

          g_value_init (&str, G_TYPE_STRING);
          g_object_get_property (object, pspec->name, &str);
          g_assert_nonnull (g_value_get_string (&str));
        }

      make_value (pspec, 0, &v0);
      make_value (pspec, 0, &v0_again);
      make_value (pspec, 1, &v1);

      handler = g_signal_connect (object, signal, G_CALLBACK (count_notify), &count);

      g_object_set_property (object, pspec->name, &v0);
      g_assert_cmpuint (count, ==, 1);
      g_object_set_property (object, pspec->name, &v0_again);
      g_assert_cmpuint (count, ==, 1);

      g_value_init (&read, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (object, pspec->name, &read);
      g_assert_true (values_equal (pspec, &read, &v0));

      g_object_set_property (object, pspec->name, &v1);
      g_assert_cmpuint (count, ==, 2);
      g_object_set_property (object, pspec->name, &v0);
      g_assert_cmpuint (count, ==, 3);

      /* Quiet mode holds for properties too: stored, not notified */
      confianza_record_begin_quiet ();
      g_object_set_property (object, pspec->name, &v1);
      confianza_record_end_quiet ();
      g_assert_cmpuint (count, ==, 3);
      g_value_unset (&read);
      g_value_init (&read, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (object, pspec->name, &read);
      g_assert_true (values_equal (pspec, &read, &v1));
      g_object_set_property (object, pspec->name, &v0);
      g_assert_cmpuint (count, ==, 4);

      /* Text is kept clean (confianza-text.h): what cleaning leaves out is
       * no change, so nothing is notified */
      if (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRING)
        {
          g_autofree char *dirty = g_strconcat ("\x1b", g_value_get_string (&v0), "\x7f\xef\xbf\xbe", NULL);
          g_auto(GValue) after = G_VALUE_INIT;

          g_object_set (object, pspec->name, dirty, NULL);
          g_assert_cmpuint (count, ==, 4);
          g_value_init (&after, G_TYPE_STRING);
          g_object_get_property (object, pspec->name, &after);
          g_assert_cmpstr (g_value_get_string (&after), ==, g_value_get_string (&v0));
        }

      g_signal_handler_disconnect (object, handler);
    }

  copy = copy_any (object);
  g_assert_true (G_OBJECT_TYPE (copy) == type);
  g_assert_true (copy != object);

  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) a = G_VALUE_INIT;
      g_auto(GValue) b = G_VALUE_INIT;

      g_value_init (&a, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_value_init (&b, G_PARAM_SPEC_VALUE_TYPE (pspecs[i]));
      g_object_get_property (object, pspecs[i]->name, &a);
      g_object_get_property (copy, pspecs[i]->name, &b);
      g_assert_true (values_equal (pspecs[i], &a, &b));
    }
}

static void
test_objects_properties (void)
{
  const GType types[] = {
    CONFIANZA_TYPE_CLIENT, CONFIANZA_TYPE_PROMISE, CONFIANZA_TYPE_QUICK_WIN,
    CONFIANZA_TYPE_CONVERSATION, CONFIANZA_TYPE_INCIDENT, CONFIANZA_TYPE_RECOVERY_PLAN,
    CONFIANZA_TYPE_FOLLOW_UP, CONFIANZA_TYPE_COMPENSATION, CONFIANZA_TYPE_RECOMMENDATION,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    check_object_properties (types[i]);
}

static void
test_objects_setters (void)
{
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Ana");
  g_autoptr(GDateTime) d1 = day (2026, 1, 5);
  g_autoptr(GDateTime) d1_again = day (2026, 1, 5);
  g_autoptr(GDateTime) d2 = day (2026, 1, 6);
  guint count = 0;

  g_signal_connect (client, "notify", G_CALLBACK (count_notify), &count);

  confianza_client_set_name (client, "Ana");
  g_assert_cmpuint (count, ==, 0);
  confianza_client_set_name (client, "Ana López");
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (confianza_client_get_name (client), ==, "Ana López");

  /* NULL reads back as "" and "" is the same value */
  confianza_client_set_company (client, NULL);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (confianza_client_get_company (client), ==, "");
  confianza_client_set_company (client, "Talleres Ruiz");
  confianza_client_set_company (client, NULL);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (confianza_client_get_company (client), ==, "");

  confianza_client_set_since (client, d1);
  g_assert_cmpuint (count, ==, 4);
  confianza_client_set_since (client, d1_again);
  g_assert_cmpuint (count, ==, 4);
  confianza_client_set_since (client, d2);
  g_assert_cmpuint (count, ==, 5);
  confianza_client_set_since (client, NULL);
  g_assert_cmpuint (count, ==, 6);
  g_assert_null (confianza_client_get_since (client));
  confianza_client_set_since (client, NULL);
  g_assert_cmpuint (count, ==, 6);

  confianza_client_set_status (client, CONFIANZA_CLIENT_STATUS_ACTIVE);
  g_assert_cmpuint (count, ==, 6);
  confianza_client_set_status (client, CONFIANZA_CLIENT_STATUS_AT_RISK);
  g_assert_cmpuint (count, ==, 7);
  confianza_client_set_follow_up_days (client, 0);
  g_assert_cmpuint (count, ==, 7);
  confianza_client_set_follow_up_days (client, 30);
  g_assert_cmpuint (count, ==, 8);
}

static void
test_objects_defaults (void)
{
  g_autoptr(GDateTime) today = confianza_date_today ();
  g_autoptr(ConfianzaClient) client = confianza_client_new (NULL);
  g_autoptr(ConfianzaConversation) conversation = g_object_new (CONFIANZA_TYPE_CONVERSATION, NULL);
  g_autoptr(ConfianzaIncident) incident = confianza_incident_new (3, today, "x");
  g_autoptr(ConfianzaRecoveryPlan) plan = confianza_recovery_plan_new (3, 4, today);
  g_autoptr(ConfianzaCompensation) compensation = confianza_compensation_new (4, 3, CONFIANZA_COMPENSATION_CREDIT);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (3, "x", today, today);
  g_autoptr(ConfianzaQuickWin) win = confianza_quick_win_new (3, "x", today);
  g_autoptr(ConfianzaFollowUp) follow_up = confianza_follow_up_new (4, 3, today);

  g_assert_cmpstr (confianza_client_get_name (client), ==, "");
  g_assert_cmpint (confianza_client_get_id (client), ==, 0);
  g_assert_cmpint (confianza_client_get_status (client), ==, CONFIANZA_CLIENT_STATUS_ACTIVE);
  g_assert_cmpint (confianza_conversation_get_channel (conversation), ==, CONFIANZA_CHANNEL_CALL);
  g_assert_cmpint (confianza_incident_get_severity (incident), ==, CONFIANZA_SEVERITY_MINOR);
  g_assert_cmpint (confianza_incident_get_responsibility (incident), ==, CONFIANZA_RESPONSIBILITY_OURS);
  g_assert_cmpint (confianza_incident_get_client_id (incident), ==, 3);
  g_assert_cmpint (confianza_recovery_plan_get_outcome (plan), ==, CONFIANZA_PLAN_IN_PROGRESS);
  g_assert_cmpint (confianza_recovery_plan_get_apology_channel (plan), ==, CONFIANZA_CHANNEL_CALL);
  g_assert_cmpint (confianza_recovery_plan_get_incident_id (plan), ==, 4);
  g_assert_true (confianza_date_equal (confianza_recovery_plan_get_started_on (plan), today));
  g_assert_cmpstr (confianza_compensation_get_currency (compensation), ==, "EUR");
  g_assert_cmpint (confianza_compensation_get_kind (compensation), ==, CONFIANZA_COMPENSATION_CREDIT);
  g_assert_cmpint (confianza_compensation_get_plan_id (compensation), ==, 4);
  g_assert_cmpint (confianza_compensation_get_client_id (compensation), ==, 3);
  g_assert_cmpint (confianza_promise_get_client_id (promise), ==, 3);
  g_assert_cmpstr (confianza_promise_get_unit (promise), ==, "");
  g_assert_false (confianza_quick_win_get_shared (win));
  confianza_quick_win_set_shared_on (win, today);
  g_assert_true (confianza_quick_win_get_shared (win));
  g_assert_cmpint (confianza_follow_up_get_plan_id (follow_up), ==, 4);
  g_assert_cmpint (confianza_follow_up_get_client_id (follow_up), ==, 3);
}

static void
test_objects_copy (void)
{
  g_autoptr(GDateTime) made = day (2026, 2, 1);
  g_autoptr(GDateTime) due = day (2026, 2, 20);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (7, "Catálogo", made, due);
  g_autoptr(ConfianzaPromise) copy = NULL;

  confianza_promise_set_id (promise, 99);
  confianza_promise_set_has_quantity (promise, TRUE);
  confianza_promise_set_promised_quantity (promise, 12.5);
  confianza_promise_set_extras (promise, "Fotos");

  copy = confianza_promise_copy (promise);
  g_assert_cmpint (confianza_promise_get_id (copy), ==, 99);
  g_assert_cmpint (confianza_promise_get_client_id (copy), ==, 7);
  g_assert_cmpstr (confianza_promise_get_title (copy), ==, "Catálogo");
  g_assert_cmpstr (confianza_promise_get_extras (copy), ==, "Fotos");
  g_assert_true (confianza_promise_get_has_quantity (copy));
  g_assert_cmpfloat (confianza_promise_get_promised_quantity (copy), ==, 12.5);
  g_assert_true (confianza_date_equal (confianza_promise_get_due_on (copy), due));
  g_assert_null (confianza_promise_get_delivered_on (copy));

  /* Independent afterwards */
  confianza_promise_set_title (copy, "Otro");
  g_assert_cmpstr (confianza_promise_get_title (promise), ==, "Catálogo");
}

static void
test_follow_up_on_time (void)
{
  g_autoptr(GDateTime) due = day (2026, 6, 10);
  g_autoptr(GDateTime) before = day (2026, 6, 9);
  g_autoptr(GDateTime) after = day (2026, 6, 11);
  g_autoptr(ConfianzaFollowUp) follow_up = confianza_follow_up_new (1, 2, due);

  g_assert_false (confianza_follow_up_is_on_time (follow_up));
  confianza_follow_up_set_done_on (follow_up, before);
  g_assert_true (confianza_follow_up_is_on_time (follow_up));
  confianza_follow_up_set_done_on (follow_up, due);
  g_assert_true (confianza_follow_up_is_on_time (follow_up));
  confianza_follow_up_set_done_on (follow_up, after);
  g_assert_false (confianza_follow_up_is_on_time (follow_up));
}

/* Validation */

static void
test_validate_client (void)
{
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Panadería Ruiz");
  g_autofree char *long_short = repeat ("a", CONFIANZA_SHORT_TEXT_MAX + 1);
  g_autofree char *long_long = repeat ("é", CONFIANZA_LONG_TEXT_MAX + 1);
  g_autofree char *max_long = repeat ("é", CONFIANZA_LONG_TEXT_MAX);

  assert_valid (client);

  confianza_client_set_name (client, "  ");
  assert_invalid (client, CONFIANZA_MODEL_ERROR_EMPTY, "name");
  confianza_client_set_name (client, long_short);
  assert_invalid (client, CONFIANZA_MODEL_ERROR_TOO_LONG, "name");
  /* Bytes that are not UTF-8 never reach a record: the setters replace
   * them with U+FFFD (confianza-text.h) */
  confianza_client_set_name (client, "Rui\xfa");
  g_assert_cmpstr (confianza_client_get_name (client), ==, "Rui\xef\xbf\xbd");
  assert_valid (client);
  confianza_client_set_name (client, "Ruiz");

  confianza_client_set_company (client, long_short);
  assert_invalid (client, CONFIANZA_MODEL_ERROR_TOO_LONG, "company");
  confianza_client_set_company (client, "");

  confianza_client_set_email (client, "ruiz.example.com");
  assert_invalid (client, CONFIANZA_MODEL_ERROR_INVALID_TEXT, "email");
  confianza_client_set_email (client, long_short);
  assert_invalid (client, CONFIANZA_MODEL_ERROR_TOO_LONG, "email");
  confianza_client_set_email (client, "ruiz@example.com");
  assert_valid (client);

  confianza_client_set_phone (client, long_short);
  assert_invalid (client, CONFIANZA_MODEL_ERROR_TOO_LONG, "phone");
  confianza_client_set_phone (client, "+34 600 000 000");

  confianza_client_set_notes (client, max_long);
  assert_valid (client);
  confianza_client_set_notes (client, long_long);
  assert_invalid (client, CONFIANZA_MODEL_ERROR_TOO_LONG, "notes");
  confianza_client_set_notes (client, "\xc3");
  g_assert_cmpstr (confianza_client_get_notes (client), ==, "\xef\xbf\xbd");
  assert_valid (client);
  confianza_client_set_notes (client, NULL);

  confianza_client_set_follow_up_days (client, -1);
  assert_invalid (client, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "follow-up-days");
  confianza_client_set_follow_up_days (client, 366);
  assert_invalid (client, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "follow-up-days");
  confianza_client_set_follow_up_days (client, 365);
  assert_valid (client);

  confianza_client_set_status (client, CONFIANZA_CLIENT_STATUS_LET_GO);
  assert_invalid (client, CONFIANZA_MODEL_ERROR_EMPTY, "let-go-reason");
  confianza_client_set_let_go_reason (client, "Hostil una y otra vez.");
  assert_valid (client);
  confianza_client_set_let_go_reason (client, long_long);
  assert_invalid (client, CONFIANZA_MODEL_ERROR_TOO_LONG, "let-go-reason");
  confianza_client_set_let_go_reason (client, "");
  confianza_client_set_status (client, CONFIANZA_CLIENT_STATUS_LOST);
  assert_valid (client);
}

static void
test_validate_promise (void)
{
  g_autoptr(GDateTime) made = day (2026, 4, 10);
  g_autoptr(GDateTime) before = day (2026, 4, 9);
  g_autoptr(GDateTime) due = day (2026, 4, 20);
  g_autoptr(ConfianzaPromise) promise = confianza_promise_new (1, "Logo", made, due);
  g_autofree char *long_short = repeat ("a", CONFIANZA_SHORT_TEXT_MAX + 1);
  g_autofree char *long_long = repeat ("a", CONFIANZA_LONG_TEXT_MAX + 1);

  assert_valid (promise);

  confianza_promise_set_title (promise, "");
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_EMPTY, "title");
  confianza_promise_set_title (promise, long_short);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_TOO_LONG, "title");
  confianza_promise_set_title (promise, "Logo");

  confianza_promise_set_kind (promise, long_short);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_TOO_LONG, "kind");
  confianza_promise_set_kind (promise, "diseño");
  confianza_promise_set_unit (promise, long_short);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_TOO_LONG, "unit");
  /* Bytes that are not UTF-8 never reach a record: the setter replaces
   * them (confianza-text.h) */
  confianza_promise_set_unit (promise, "\xfe");
  g_assert_cmpstr (confianza_promise_get_unit (promise), ==, "\xef\xbf\xbd");
  confianza_promise_set_unit (promise, "propuestas");
  confianza_promise_set_extras (promise, long_long);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_TOO_LONG, "extras");
  confianza_promise_set_extras (promise, NULL);
  confianza_promise_set_delivery_note (promise, long_long);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_TOO_LONG, "delivery-note");
  confianza_promise_set_delivery_note (promise, NULL);
  assert_valid (promise);

  confianza_promise_set_promised_on (promise, NULL);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_MISSING, "promised-on");
  confianza_promise_set_promised_on (promise, made);
  confianza_promise_set_due_on (promise, NULL);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_MISSING, "due-on");
  confianza_promise_set_due_on (promise, before);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_DATE_ORDER, "due-on");
  /* Due the same day it was promised is fine */
  confianza_promise_set_due_on (promise, made);
  assert_valid (promise);
  confianza_promise_set_due_on (promise, due);

  confianza_promise_set_has_quantity (promise, TRUE);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "promised-quantity");
  confianza_promise_set_promised_quantity (promise, -3);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "promised-quantity");
  confianza_promise_set_promised_quantity (promise, NAN);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "promised-quantity");
  confianza_promise_set_promised_quantity (promise, INFINITY);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "promised-quantity");
  confianza_promise_set_promised_quantity (promise, 3);
  assert_valid (promise);
  confianza_promise_set_delivered_quantity (promise, -1);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_NEGATIVE, "delivered-quantity");
  confianza_promise_set_delivered_quantity (promise, NAN);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "delivered-quantity");
  confianza_promise_set_delivered_quantity (promise, 0);
  assert_valid (promise);
  /* Quantities do not matter without has-quantity */
  confianza_promise_set_has_quantity (promise, FALSE);
  confianza_promise_set_promised_quantity (promise, -3);
  assert_valid (promise);
  confianza_promise_set_promised_quantity (promise, 0);

  confianza_promise_set_delivered_on (promise, before);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_DATE_ORDER, "delivered-on");
  confianza_promise_set_delivered_on (promise, made);
  assert_valid (promise);

  confianza_promise_set_broken (promise, TRUE);
  confianza_promise_set_broken_reason (promise, "No llegó el material");
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "broken");
  confianza_promise_set_delivered_on (promise, NULL);
  assert_valid (promise);
  confianza_promise_set_broken_reason (promise, " ");
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_EMPTY, "broken-reason");
  confianza_promise_set_broken_reason (promise, long_long);
  assert_invalid (promise, CONFIANZA_MODEL_ERROR_TOO_LONG, "broken-reason");
  confianza_promise_set_broken (promise, FALSE);
  confianza_promise_set_broken_reason (promise, "");
  assert_valid (promise);
}

static void
test_validate_quick_win (void)
{
  g_autoptr(GDateTime) achieved = day (2026, 7, 1);
  g_autoptr(GDateTime) before = day (2026, 6, 30);
  g_autoptr(ConfianzaQuickWin) win = confianza_quick_win_new (1, "Web en línea", achieved);
  g_autofree char *long_short = repeat ("a", CONFIANZA_SHORT_TEXT_MAX + 1);

  assert_valid (win);

  confianza_quick_win_set_title (win, "\t");
  assert_invalid (win, CONFIANZA_MODEL_ERROR_EMPTY, "title");
  confianza_quick_win_set_title (win, long_short);
  assert_invalid (win, CONFIANZA_MODEL_ERROR_TOO_LONG, "title");
  confianza_quick_win_set_title (win, "\xed\xa0\x80");
  g_assert_cmpstr (confianza_quick_win_get_title (win), ==, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  assert_valid (win);
  confianza_quick_win_set_title (win, "Web en línea");

  confianza_quick_win_set_achieved_on (win, NULL);
  assert_invalid (win, CONFIANZA_MODEL_ERROR_MISSING, "achieved-on");
  confianza_quick_win_set_achieved_on (win, achieved);

  confianza_quick_win_set_shared_on (win, before);
  assert_invalid (win, CONFIANZA_MODEL_ERROR_DATE_ORDER, "shared-on");
  confianza_quick_win_set_shared_on (win, achieved);
  assert_valid (win);
}

static void
test_validate_conversation (void)
{
  g_autoptr(GDateTime) when = day (2026, 8, 3);
  g_autoptr(ConfianzaConversation) conversation =
    confianza_conversation_new (1, when, CONFIANZA_CHANNEL_IN_PERSON);
  g_autofree char *long_long = repeat ("a", CONFIANZA_LONG_TEXT_MAX + 1);

  assert_invalid (conversation, CONFIANZA_MODEL_ERROR_EMPTY, "client-said");
  confianza_conversation_set_client_said (conversation, "  ");
  confianza_conversation_set_agreed (conversation, "\n");
  assert_invalid (conversation, CONFIANZA_MODEL_ERROR_EMPTY, "client-said");

  confianza_conversation_set_agreed (conversation, "Llamar el lunes");
  assert_valid (conversation);
  confianza_conversation_set_agreed (conversation, NULL);
  confianza_conversation_set_client_said (conversation, "Estoy harto de esperar");
  assert_valid (conversation);

  confianza_conversation_set_client_said (conversation, long_long);
  assert_invalid (conversation, CONFIANZA_MODEL_ERROR_TOO_LONG, "client-said");
  confianza_conversation_set_client_said (conversation, "ok");
  confianza_conversation_set_agreed (conversation, long_long);
  assert_invalid (conversation, CONFIANZA_MODEL_ERROR_TOO_LONG, "agreed");
  confianza_conversation_set_agreed (conversation, "\x80");
  g_assert_cmpstr (confianza_conversation_get_agreed (conversation), ==, "\xef\xbf\xbd");
  assert_valid (conversation);
  confianza_conversation_set_agreed (conversation, "");

  confianza_conversation_set_happened_on (conversation, NULL);
  assert_invalid (conversation, CONFIANZA_MODEL_ERROR_MISSING, "happened-on");
}

static void
test_validate_incident (void)
{
  g_autoptr(GDateTime) when = day (2026, 9, 9);
  g_autoptr(ConfianzaIncident) incident = confianza_incident_new (1, when, "Entrega rota");
  g_autofree char *long_short = repeat ("a", CONFIANZA_SHORT_TEXT_MAX + 1);
  g_autofree char *long_long = repeat ("a", CONFIANZA_LONG_TEXT_MAX + 1);

  assert_valid (incident);

  confianza_incident_set_happened_on (incident, NULL);
  assert_invalid (incident, CONFIANZA_MODEL_ERROR_MISSING, "happened-on");
  confianza_incident_set_happened_on (incident, when);

  confianza_incident_set_description (incident, "");
  assert_invalid (incident, CONFIANZA_MODEL_ERROR_EMPTY, "description");
  confianza_incident_set_description (incident, long_long);
  assert_invalid (incident, CONFIANZA_MODEL_ERROR_TOO_LONG, "description");
  confianza_incident_set_description (incident, "Entrega rota");

  confianza_incident_set_cause (incident, long_short);
  assert_invalid (incident, CONFIANZA_MODEL_ERROR_TOO_LONG, "cause");
  confianza_incident_set_cause (incident, "Transporte");
  assert_valid (incident);
}

static void
test_validate_recovery_plan (void)
{
  g_autoptr(GDateTime) started = day (2026, 10, 1);
  g_autoptr(GDateTime) before = day (2026, 9, 25);
  g_autoptr(GDateTime) later = day (2026, 10, 20);
  g_autoptr(GDateTime) closed = day (2026, 10, 10);
  g_autoptr(ConfianzaRecoveryPlan) plan = confianza_recovery_plan_new (1, 2, started);
  g_autofree char *long_short = repeat ("a", CONFIANZA_SHORT_TEXT_MAX + 1);
  g_autofree char *long_long = repeat ("a", CONFIANZA_LONG_TEXT_MAX + 1);
  struct {
    void (*set) (ConfianzaRecoveryPlan *, const char *);
    const char *property;
    const char *too_long;
  } strings[] = {
    { confianza_recovery_plan_set_client_said, "client-said", long_long },
    { confianza_recovery_plan_set_apologised_by, "apologised-by", long_short },
    { confianza_recovery_plan_set_apology_words, "apology-words", long_long },
    { confianza_recovery_plan_set_guarantee_terms, "guarantee-terms", long_long },
    { confianza_recovery_plan_set_root_cause, "root-cause", long_long },
    { confianza_recovery_plan_set_corrective_measure, "corrective-measure", long_long },
    { confianza_recovery_plan_set_corrective_owner, "corrective-owner", long_short },
    { confianza_recovery_plan_set_outcome_reason, "outcome-reason", long_long },
  };

  assert_valid (plan);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      strings[i].set (plan, strings[i].too_long);
      assert_invalid (plan, CONFIANZA_MODEL_ERROR_TOO_LONG, strings[i].property);
      {
        g_autofree char *value = NULL;

        strings[i].set (plan, "\xc0\xaf");
        g_object_get (plan, strings[i].property, &value, NULL);
        g_assert_cmpstr (value, ==, "\xef\xbf\xbd\xef\xbf\xbd");
        assert_valid (plan);
      }
      strings[i].set (plan, "Bien");
      assert_valid (plan);
    }

  confianza_recovery_plan_set_started_on (plan, NULL);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_MISSING, "started-on");
  confianza_recovery_plan_set_started_on (plan, started);

  confianza_recovery_plan_set_step (plan, 7);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "step");
  confianza_recovery_plan_set_step (plan, -1);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "step");
  confianza_recovery_plan_set_step (plan, 6);
  assert_valid (plan);

  /* Steps recorded before the plan started are fine */
  confianza_recovery_plan_set_invited_to_speak_on (plan, before);
  confianza_recovery_plan_set_acknowledged_on (plan, before);
  confianza_recovery_plan_set_apologised_on (plan, before);
  assert_valid (plan);

  /* but nothing after it was closed */
  confianza_recovery_plan_set_closed_on (plan, closed);
  assert_valid (plan);
  confianza_recovery_plan_set_invited_to_speak_on (plan, later);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_DATE_ORDER, "invited-to-speak-on");
  confianza_recovery_plan_set_invited_to_speak_on (plan, closed);
  confianza_recovery_plan_set_acknowledged_on (plan, later);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_DATE_ORDER, "acknowledged-on");
  confianza_recovery_plan_set_acknowledged_on (plan, NULL);
  confianza_recovery_plan_set_apologised_on (plan, later);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_DATE_ORDER, "apologised-on");
  confianza_recovery_plan_set_apologised_on (plan, started);
  assert_valid (plan);
  confianza_recovery_plan_set_closed_on (plan, before);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_DATE_ORDER, "closed-on");
  confianza_recovery_plan_set_closed_on (plan, NULL);
  confianza_recovery_plan_set_apologised_on (plan, later);
  assert_valid (plan);

  confianza_recovery_plan_set_guarantee_until (plan, before);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_DATE_ORDER, "guarantee-until");
  confianza_recovery_plan_set_guarantee_until (plan, started);
  assert_valid (plan);

  confianza_recovery_plan_set_follow_up_every_days (plan, -1);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "follow-up-every-days");
  confianza_recovery_plan_set_follow_up_every_days (plan, 366);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "follow-up-every-days");
  confianza_recovery_plan_set_follow_up_every_days (plan, 7);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_MISSING, "follow-up-until");
  confianza_recovery_plan_set_follow_up_times (plan, 101);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "follow-up-times");
  confianza_recovery_plan_set_follow_up_times (plan, -2);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_OUT_OF_RANGE, "follow-up-times");
  confianza_recovery_plan_set_follow_up_times (plan, 4);
  assert_valid (plan);
  confianza_recovery_plan_set_follow_up_times (plan, 0);
  confianza_recovery_plan_set_follow_up_until (plan, before);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_DATE_ORDER, "follow-up-until");
  confianza_recovery_plan_set_follow_up_until (plan, later);
  assert_valid (plan);

  confianza_recovery_plan_set_outcome_reason (plan, "");
  confianza_recovery_plan_set_outcome (plan, CONFIANZA_PLAN_LET_GO);
  assert_invalid (plan, CONFIANZA_MODEL_ERROR_EMPTY, "outcome-reason");
  confianza_recovery_plan_set_outcome_reason (plan, "Amenazas al equipo");
  assert_valid (plan);
  confianza_recovery_plan_set_outcome_reason (plan, NULL);
  confianza_recovery_plan_set_outcome (plan, CONFIANZA_PLAN_RECOVERED);
  assert_valid (plan);
}

static void
test_validate_follow_up (void)
{
  g_autoptr(GDateTime) due = day (2026, 11, 2);
  g_autoptr(GDateTime) early = day (2020, 1, 1);
  g_autoptr(ConfianzaFollowUp) follow_up = confianza_follow_up_new (1, 2, due);
  g_autofree char *long_long = repeat ("a", CONFIANZA_LONG_TEXT_MAX + 1);

  assert_valid (follow_up);
  confianza_follow_up_set_done_on (follow_up, early);
  assert_valid (follow_up);

  confianza_follow_up_set_note (follow_up, long_long);
  assert_invalid (follow_up, CONFIANZA_MODEL_ERROR_TOO_LONG, "note");
  confianza_follow_up_set_note (follow_up, "\xff\xfe");
  g_assert_cmpstr (confianza_follow_up_get_note (follow_up), ==, "\xef\xbf\xbd\xef\xbf\xbd");
  assert_valid (follow_up);
  confianza_follow_up_set_note (follow_up, "Todo bien");
  assert_valid (follow_up);

  confianza_follow_up_set_due_on (follow_up, NULL);
  assert_invalid (follow_up, CONFIANZA_MODEL_ERROR_MISSING, "due-on");
}

static void
test_validate_compensation (void)
{
  g_autoptr(ConfianzaCompensation) compensation =
    confianza_compensation_new (1, 2, CONFIANZA_COMPENSATION_REFUND);
  g_autofree char *long_long = repeat ("a", CONFIANZA_LONG_TEXT_MAX + 1);

  /* A refund of nothing, with no words */
  assert_invalid (compensation, CONFIANZA_MODEL_ERROR_MISSING, "amount-cents");
  confianza_compensation_set_amount_cents (compensation, 5000);
  assert_valid (compensation);

  confianza_compensation_set_amount_cents (compensation, -1);
  assert_invalid (compensation, CONFIANZA_MODEL_ERROR_NEGATIVE, "amount-cents");
  confianza_compensation_set_amount_cents (compensation, 1);

  confianza_compensation_set_currency (compensation, "eur");
  assert_invalid (compensation, CONFIANZA_MODEL_ERROR_INVALID_TEXT, "currency");
  confianza_compensation_set_currency (compensation, NULL);
  assert_invalid (compensation, CONFIANZA_MODEL_ERROR_INVALID_TEXT, "currency");
  /* No money, no currency needed */
  confianza_compensation_set_amount_cents (compensation, 0);
  confianza_compensation_set_description (compensation, "Devolución parcial acordada");
  assert_valid (compensation);
  confianza_compensation_set_currency (compensation, "USD");

  confianza_compensation_set_description (compensation, long_long);
  assert_invalid (compensation, CONFIANZA_MODEL_ERROR_TOO_LONG, "description");
  confianza_compensation_set_description (compensation, "\xe2\x82");
  g_assert_cmpstr (confianza_compensation_get_description (compensation), ==, "\xef\xbf\xbd\xef\xbf\xbd");
  assert_valid (compensation);
  confianza_compensation_set_description (compensation, "");

  confianza_compensation_set_kind (compensation, CONFIANZA_COMPENSATION_CREDIT);
  assert_invalid (compensation, CONFIANZA_MODEL_ERROR_MISSING, "amount-cents");
  confianza_compensation_set_amount_cents (compensation, 2000);
  assert_valid (compensation);

  confianza_compensation_set_kind (compensation, CONFIANZA_COMPENSATION_OTHER);
  assert_invalid (compensation, CONFIANZA_MODEL_ERROR_EMPTY, "description");
  confianza_compensation_set_description (compensation, "Un mes de mantenimiento");
  assert_valid (compensation);

  confianza_compensation_set_kind (compensation, CONFIANZA_COMPENSATION_PRODUCT_CHANGE);
  confianza_compensation_set_amount_cents (compensation, 0);
  confianza_compensation_set_description (compensation, NULL);
  assert_valid (compensation);
}

static void
test_needs_contact (void)
{
  g_autoptr(GDateTime) today = confianza_date_new (2026, 11, 23);
  g_autoptr(GDateTime) month_ago = confianza_date_new (2026, 10, 23);
  g_autoptr(GDateTime) week_ago = confianza_date_new (2026, 11, 16);
  g_autoptr(GDateTime) tomorrow = confianza_date_new (2026, 11, 24);

  g_assert_cmpint (confianza_rules_days_since_contact (month_ago, NULL, today), ==, 31);
  g_assert_cmpint (confianza_rules_days_since_contact (NULL, week_ago, today), ==, 7);
  g_assert_cmpint (confianza_rules_days_since_contact (NULL, NULL, today), ==, -1);
  /* A contact dated in the future counts as today, not as negative days. */
  g_assert_cmpint (confianza_rules_days_since_contact (tomorrow, NULL, today), ==, 0);

  g_assert_true (confianza_rules_needs_contact (month_ago, NULL, 30, today));
  g_assert_false (confianza_rules_needs_contact (month_ago, NULL, 31, today));
  g_assert_false (confianza_rules_needs_contact (week_ago, month_ago, 30, today));
  /* Never contacted: counted from the start of the relationship. */
  g_assert_true (confianza_rules_needs_contact (NULL, month_ago, 14, today));
  g_assert_false (confianza_rules_needs_contact (NULL, NULL, 14, today));
  g_assert_false (confianza_rules_needs_contact (month_ago, NULL, 0, today));
}

static void
test_client_derived (void)
{
  g_autoptr(ConfianzaClient) client = confianza_client_new ("Panadería Ruiz");
  g_autoptr(ConfianzaClient) copy = NULL;
  g_autoptr(GDateTime) due = confianza_date_new (2026, 12, 1);
  guint notified = 0;

  g_assert_null (confianza_client_get_next_due_on (client));
  g_assert_cmpstr (confianza_client_get_next_due_title (client), ==, "");
  g_assert_cmpint (confianza_client_get_trust_score (client), ==, -1);

  g_signal_connect (client, "notify::trust-score", G_CALLBACK (count_notify), &notified);

  confianza_client_set_next_due (client, due, "Logotipo");
  confianza_client_set_trust_score (client, 72);
  confianza_client_set_trust_score (client, 72);
  g_assert_cmpuint (notified, ==, 1);

  copy = confianza_client_copy (client);
  g_assert_true (confianza_date_equal (confianza_client_get_next_due_on (copy), due));
  g_assert_cmpstr (confianza_client_get_next_due_title (copy), ==, "Logotipo");
  g_assert_cmpint (confianza_client_get_trust_score (copy), ==, 72);

  /* Clearing the date clears the title with it. */
  confianza_client_set_next_due (client, NULL, "ignored");
  g_assert_null (confianza_client_get_next_due_on (client));
  g_assert_cmpstr (confianza_client_get_next_due_title (client), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/rules/outcome-table", test_rules_outcome_table);
  g_test_add_func ("/model/rules/outcome-no-nan", test_rules_outcome_no_nan);
  g_test_add_func ("/model/rules/outcome-is-closed", test_rules_outcome_is_closed);
  g_test_add_func ("/model/rules/on-time-rate", test_rules_on_time_rate);
  g_test_add_func ("/model/rules/same-category", test_rules_same_category);
  g_test_add_func ("/model/rules/text-is-blank", test_rules_text_is_blank);
  g_test_add_func ("/model/rules/check-text", test_rules_check_text);
  g_test_add_func ("/model/rules/check-email", test_rules_check_email);
  g_test_add_func ("/model/rules/check-currency", test_rules_check_currency);
  g_test_add_func ("/model/date/new", test_date_new);
  g_test_add_func ("/model/date/iso", test_date_iso);
  g_test_add_func ("/model/date/day-number", test_date_day_number);
  g_test_add_func ("/model/date/arithmetic", test_date_arithmetic);
  g_test_add_func ("/model/date/locale", test_date_locale);
  g_test_add_func ("/model/date/locale-c", test_date_locale_c);
  g_test_add_func ("/model/date/locale-es", test_date_locale_es);
  g_test_add_func ("/model/enums/ids", test_enums_ids);
  g_test_add_func ("/model/enums/labels", test_enums_labels);
  g_test_add_func ("/model/objects/properties", test_objects_properties);
  g_test_add_func ("/model/objects/setters", test_objects_setters);
  g_test_add_func ("/model/objects/defaults", test_objects_defaults);
  g_test_add_func ("/model/objects/copy", test_objects_copy);
  g_test_add_func ("/model/client/compare-by-name", test_client_compare_by_name);
  g_test_add_func ("/model/promise/outcome", test_promise_get_outcome);
  g_test_add_func ("/model/promise/result", test_promise_get_result);
  g_test_add_func ("/model/follow-up/on-time", test_follow_up_on_time);
  g_test_add_func ("/model/validate/client", test_validate_client);
  g_test_add_func ("/model/validate/promise", test_validate_promise);
  g_test_add_func ("/model/validate/quick-win", test_validate_quick_win);
  g_test_add_func ("/model/validate/conversation", test_validate_conversation);
  g_test_add_func ("/model/validate/incident", test_validate_incident);
  g_test_add_func ("/model/validate/recovery-plan", test_validate_recovery_plan);
  g_test_add_func ("/model/validate/follow-up", test_validate_follow_up);
  g_test_add_func ("/model/validate/compensation", test_validate_compensation);

  g_test_add_func ("/model/rules/needs-contact", test_needs_contact);
  g_test_add_func ("/model/client/derived", test_client_derived);

  return g_test_run ();
}
