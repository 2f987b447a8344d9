/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "confianza-date.h"
#include "confianza-error.h"
#include "confianza-rules.h"

/* Helpers */

/* The bounds of @text without leading and trailing white space; @text
 * must be valid UTF-8. */
static void
trimmed_bounds (const char  *text,
                const char **start,
                const char **end)
{
  const char *s = text;
  const char *e;

  while (*s != '\0' && g_unichar_isspace (g_utf8_get_char (s)))
    s = g_utf8_next_char (s);

  e = s + strlen (s);
  while (e > s)
    {
      const char *prev = g_utf8_find_prev_char (s, e);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      e = prev;
    }

  *start = s;
  *end = e;
}

/* The promises counted under the outcomes @matches accepts (NULL: all). */
static guint
count_outcomes (const ConfianzaOutcomeCounts *counts,
                gboolean                    (*matches) (ConfianzaOutcome outcome))
{
  guint n = 0;

  g_return_val_if_fail (counts != NULL, 0);

  for (guint i = 0; i < CONFIANZA_N_OUTCOMES; i++)
    if (matches == NULL || matches ((ConfianzaOutcome) i))
      n += counts->n[i];

  return n;
}

/* Public API */

gboolean
confianza_rules_text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

gboolean
confianza_rules_same_category (const char *a,
                               const char *b)
{
  const char *pa, *ea, *pb, *eb;

  if (a == NULL)
    a = "";
  if (b == NULL)
    b = "";

  if (!g_utf8_validate (a, -1, NULL) || !g_utf8_validate (b, -1, NULL))
    return strcmp (a, b) == 0;

  trimmed_bounds (a, &pa, &ea);
  trimmed_bounds (b, &pb, &eb);

  while (pa < ea && pb < eb)
    {
      if (g_unichar_tolower (g_utf8_get_char (pa)) != g_unichar_tolower (g_utf8_get_char (pb)))
        return FALSE;

      pa = g_utf8_next_char (pa);
      pb = g_utf8_next_char (pb);
    }

  return pa == ea && pb == eb;
}

ConfianzaPromiseResult
confianza_rules_promise_outcome (GDateTime  *due_on,
                                 GDateTime  *delivered_on,
                                 gboolean    broken,
                                 gboolean    has_quantity,
                                 double      promised_quantity,
                                 double      delivered_quantity,
                                 const char *extras,
                                 GDateTime  *today)
{
  ConfianzaPromiseResult result = { CONFIANZA_OUTCOME_OPEN, 0, 0.0, 0 };
  g_autoptr(GDateTime) now = NULL;
  gboolean short_delivery = FALSE;

  if (today == NULL)
    today = now = confianza_date_today ();

  if (delivered_on != NULL
      && has_quantity
      && isfinite (promised_quantity)
      && isfinite (delivered_quantity))
    {
      if (promised_quantity > 0)
        {
          result.quantity_ratio = delivered_quantity / promised_quantity;
          if (!isfinite (result.quantity_ratio))
            result.quantity_ratio = 0.0;
        }

      short_delivery = delivered_quantity < promised_quantity;
    }

  if (delivered_on != NULL)
    {
      /* Without a due date there is nothing to be late against. */
      if (due_on != NULL)
        result.days_early = confianza_date_days_between (delivered_on, due_on);
    }
  else if (!broken && due_on != NULL)
    {
      result.days_early = confianza_date_days_between (today, due_on);
    }

  result.days_late = MAX (0, -result.days_early);

  if (broken || short_delivery)
    result.outcome = CONFIANZA_OUTCOME_BROKEN;
  else if (delivered_on == NULL)
    result.outcome = result.days_early < 0 ? CONFIANZA_OUTCOME_OVERDUE : CONFIANZA_OUTCOME_OPEN;
  else if (result.days_early < 0)
    result.outcome = CONFIANZA_OUTCOME_LATE;
  else if (result.days_early >= 1
           || (has_quantity && delivered_quantity > promised_quantity)
           || !confianza_rules_text_is_blank (extras))
    result.outcome = CONFIANZA_OUTCOME_OVERDELIVERED;
  else
    result.outcome = CONFIANZA_OUTCOME_KEPT;

  return result;
}

gboolean
confianza_outcome_is_closed (ConfianzaOutcome outcome)
{
  switch (outcome)
    {
    case CONFIANZA_OUTCOME_OVERDELIVERED:
    case CONFIANZA_OUTCOME_KEPT:
    case CONFIANZA_OUTCOME_LATE:
    case CONFIANZA_OUTCOME_BROKEN:
      return TRUE;

    case CONFIANZA_OUTCOME_OPEN:
    case CONFIANZA_OUTCOME_OVERDUE:
    default:
      return FALSE;
    }
}

gboolean
confianza_outcome_is_on_time (ConfianzaOutcome outcome)
{
  return outcome == CONFIANZA_OUTCOME_KEPT || outcome == CONFIANZA_OUTCOME_OVERDELIVERED;
}

void
confianza_outcome_counts_add (ConfianzaOutcomeCounts *counts,
                              ConfianzaOutcome        outcome)
{
  g_return_if_fail (counts != NULL);
  g_return_if_fail ((guint) outcome < CONFIANZA_N_OUTCOMES);

  counts->n[outcome]++;
}

guint
confianza_outcome_counts_total (const ConfianzaOutcomeCounts *counts)
{
  return count_outcomes (counts, NULL);
}

guint
confianza_outcome_counts_settled (const ConfianzaOutcomeCounts *counts)
{
  return count_outcomes (counts, confianza_outcome_is_closed);
}

guint
confianza_outcome_counts_on_time (const ConfianzaOutcomeCounts *counts)
{
  return count_outcomes (counts, confianza_outcome_is_on_time);
}

double
confianza_outcome_counts_on_time_rate (const ConfianzaOutcomeCounts *counts)
{
  guint settled;

  g_return_val_if_fail (counts != NULL, NAN);

  /* Still waiting past the date is not on time either */
  settled = confianza_outcome_counts_settled (counts) + counts->n[CONFIANZA_OUTCOME_OVERDUE];
  if (settled == 0)
    return NAN;

  return (double) confianza_outcome_counts_on_time (counts) / settled;
}

ConfianzaClientStatus
confianza_rules_suggest_status (ConfianzaClientStatus current_status,
                                int                   trust_score,
                                gboolean              has_open_incident_without_plan,
                                gboolean              has_plan_in_progress,
                                gboolean              has_recovered_plan)
{
  if (current_status == CONFIANZA_CLIENT_STATUS_LOST
      || current_status == CONFIANZA_CLIENT_STATUS_LET_GO)
    return current_status;

  if (has_plan_in_progress)
    return CONFIANZA_CLIENT_STATUS_RECOVERING;

  if (has_open_incident_without_plan
      || (trust_score >= 0 && trust_score < CONFIANZA_STATUS_AT_RISK_BELOW))
    return CONFIANZA_CLIENT_STATUS_AT_RISK;

  if (has_recovered_plan)
    return CONFIANZA_CLIENT_STATUS_RECOVERED;

  return CONFIANZA_CLIENT_STATUS_ACTIVE;
}

gboolean
confianza_rules_check_text (const char  *text,
                            gsize        max_chars,
                            const char  *empty_message,
                            GError     **error)
{
  glong length;

  if (text == NULL)
    text = "";

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_TEXT,
                           _("This text contains characters that cannot be read. Type it again."));
      return FALSE;
    }

  if (empty_message != NULL && confianza_rules_text_is_blank (text))
    {
      g_set_error_literal (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_EMPTY,
                           empty_message);
      return FALSE;
    }

  length = g_utf8_strlen (text, -1);
  if (length < 0 || (gsize) length > max_chars)
    {
      g_set_error (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_TOO_LONG,
                   ngettext ("This text is too long: it can have at most %d character.",
                             "This text is too long: it can have at most %d characters.",
                             (unsigned long) max_chars),
                   (int) MIN (max_chars, (gsize) G_MAXINT));
      return FALSE;
    }

  return TRUE;
}

/* A loose check that catches typing mistakes ("ana.example.com",
 * "ana@example"), not a full RFC 5322 parser. Empty is fine: the address
 * is optional. */
gboolean
confianza_rules_check_email (const char  *email,
                             GError     **error)
{
  const char *at;
  const char *domain;
  const char *dot;
  gboolean valid = TRUE;

  if (email == NULL || *email == '\0')
    return TRUE;

  at = strchr (email, '@');

  if (!g_utf8_validate (email, -1, NULL))
    valid = FALSE;
  else if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    valid = FALSE;
  else
    {
      for (const char *p = email; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (g_unichar_isspace (g_utf8_get_char (p)))
            {
              valid = FALSE;
              break;
            }
        }

      domain = at + 1;
      dot = strrchr (domain, '.');
      if (dot == NULL || *domain == '.' || dot[1] == '\0' || strstr (domain, "..") != NULL)
        valid = FALSE;
    }

  if (!valid)
    {
      g_set_error_literal (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_TEXT,
                           _("This email address does not look right: it should look like name@example.com."));
      return FALSE;
    }

  return TRUE;
}

/* An ISO 4217 code: three capital letters ("EUR", "USD", "MXN"). */
gboolean
confianza_rules_check_currency (const char  *code,
                                GError     **error)
{
  gboolean valid = code != NULL && strlen (code) == 3;

  for (int i = 0; valid && i < 3; i++)
    valid = g_ascii_isupper (code[i]);

  if (!valid)
    {
      g_set_error_literal (error, CONFIANZA_MODEL_ERROR, CONFIANZA_MODEL_ERROR_INVALID_TEXT,
                           _("Write the currency as its three-letter code, such as EUR or USD."));
      return FALSE;
    }

  return TRUE;
}

int
confianza_rules_days_since_contact (GDateTime *last_contact,
                                    GDateTime *since,
                                    GDateTime *today)
{
  GDateTime *from = last_contact != NULL ? last_contact : since;

  g_return_val_if_fail (today != NULL, -1);

  if (from == NULL)
    return -1;

  return MAX (0, confianza_date_days_between (from, today));
}

gboolean
confianza_rules_needs_contact (GDateTime *last_contact,
                               GDateTime *since,
                               int        cadence_days,
                               GDateTime *today)
{
  int days = confianza_rules_days_since_contact (last_contact, since, today);

  return cadence_days > 0 && days > cadence_days;
}
