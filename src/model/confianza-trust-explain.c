/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

/*
 * The trust index explains itself: every event that moved it, in words,
 * with its points rounded so that they add up to the index minus 50, in
 * the order the client page shows them, and the index's level (low,
 * medium, high) in words and colour. How much each event weighs is in
 * confianza-trust.c.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "confianza-date.h"
#include "confianza-rules.h"
#include "confianza-trust-internal.h"

/* The coloured level in the client list. */
#define LEVEL_MEDIUM_FROM 40
#define LEVEL_HIGH_FROM   70

G_DEFINE_ENUM_TYPE (ConfianzaTrustLevel, confianza_trust_level,
  G_DEFINE_ENUM_VALUE (CONFIANZA_TRUST_LEVEL_LOW, "low"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_TRUST_LEVEL_MEDIUM, "medium"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_TRUST_LEVEL_HIGH, "high"))

/* Helpers */

static const char *
promise_title (ConfianzaPromise *promise)
{
  const char *title = confianza_promise_get_title (promise);

  return confianza_rules_text_is_blank (title) ? C_("promise", "untitled") : title;
}

static const char *
quick_win_title (ConfianzaQuickWin *quick_win)
{
  const char *title = confianza_quick_win_get_title (quick_win);

  return confianza_rules_text_is_blank (title) ? C_("quick win", "untitled") : title;
}

static void
trust_event_clear (gpointer data)
{
  ConfianzaTrustEvent *event = data;

  g_clear_pointer (&event->date, g_date_time_unref);
  g_clear_pointer (&event->description, g_free);
}

GArray *
confianza_trust_events_new (guint reserved)
{
  GArray *events = g_array_sized_new (FALSE, TRUE, sizeof (ConfianzaTrustEvent), reserved);

  g_array_set_clear_func (events, trust_event_clear);

  return events;
}

/* Each event in words */

char *
confianza_trust_describe_promise (ConfianzaPromise             *promise,
                                  const ConfianzaPromiseResult *result,
                                  gboolean                      marked_broken,
                                  gboolean                      renegotiated)
{
  switch (result->outcome)
    {
    case CONFIANZA_OUTCOME_KEPT:
      if (renegotiated)
        return g_strdup_printf (_("Promise “%s” kept on the date renegotiated with the client"),
                                promise_title (promise));
      return g_strdup_printf (_("Promise “%s” kept on time"), promise_title (promise));

    case CONFIANZA_OUTCOME_OVERDELIVERED:
      if (result->days_early >= 1)
        return g_strdup_printf (ngettext ("Promise “%s” delivered %d day early",
                                          "Promise “%s” delivered %d days early",
                                          result->days_early),
                                promise_title (promise), result->days_early);
      return g_strdup_printf (_("Promise “%s” delivered with more than promised"),
                              promise_title (promise));

    case CONFIANZA_OUTCOME_LATE:
      return g_strdup_printf (ngettext ("Promise “%s” delivered %d day late",
                                        "Promise “%s” delivered %d days late",
                                        result->days_late),
                              promise_title (promise), result->days_late);

    case CONFIANZA_OUTCOME_OVERDUE:
      return g_strdup_printf (ngettext ("Promise “%s” is %d day overdue",
                                        "Promise “%s” is %d days overdue",
                                        result->days_late),
                              promise_title (promise), result->days_late);

    case CONFIANZA_OUTCOME_BROKEN:
      if (marked_broken)
        return g_strdup_printf (_("Promise “%s” broken"), promise_title (promise));
      return g_strdup_printf (_("Promise “%s” delivered short of what was promised"),
                              promise_title (promise));

    case CONFIANZA_OUTCOME_OPEN:
    default:
      return NULL;
    }
}

char *
confianza_trust_describe_renegotiation (ConfianzaPromise     *promise,
                                        ConfianzaPromiseStep *step)
{
  g_autofree char *old_date = confianza_date_format (confianza_promise_step_get_old_due_on (step));
  g_autofree char *new_date = confianza_date_format (confianza_promise_step_get_new_due_on (step));

  /* Translators: the client was told before the old date and agreed */
  return g_strdup_printf (_("Date of promise “%s” renegotiated in time, from %s to %s"),
                          promise_title (promise), old_date, new_date);
}

char *
confianza_trust_describe_quick_win (ConfianzaQuickWin *quick_win)
{
  return g_strdup_printf (_("Quick win “%s” shared with the client"), quick_win_title (quick_win));
}

char *
confianza_trust_describe_acknowledgement (int days)
{
  if (days == 0)
    return g_strdup (_("Acknowledged the error the same day as the incident"));

  return g_strdup_printf (ngettext ("Acknowledged the error %d day after the incident",
                                    "Acknowledged the error %d days after the incident",
                                    days),
                          days);
}

char *
confianza_trust_describe_apology (int days)
{
  if (days == 0)
    return g_strdup (_("Apologised the same day as the incident"));

  return g_strdup_printf (ngettext ("Apologised %d day after the incident",
                                    "Apologised %d days after the incident",
                                    days),
                          days);
}

char *
confianza_trust_describe_compensation (ConfianzaCompensation *compensation)
{
  ConfianzaCompensationKind kind = confianza_compensation_get_kind (compensation);

  /* Translators: %s is the kind of compensation: Refund, Credit for
   * future services… */
  return g_strdup_printf (_("Compensation given: %s"), confianza_compensation_kind_to_label (kind));
}

char *
confianza_trust_describe_follow_ups (guint on_time,
                                     guint late)
{
  if (late == 0)
    return g_strdup_printf (ngettext ("%u follow-up done on time",
                                      "%u follow-ups done on time",
                                      on_time),
                            on_time);

  /* Translators: both are numbers of follow-ups */
  return g_strdup_printf (_("Follow-ups done: %u on time, %u late"), on_time, late);
}

char *
confianza_trust_describe_analysis (gboolean root_cause,
                                   gboolean corrective_measure)
{
  if (root_cause && corrective_measure)
    return g_strdup (_("Internal analysis: root cause found and corrective measure taken"));
  if (root_cause)
    return g_strdup (_("Internal analysis: root cause found"));

  return g_strdup (_("Internal analysis: corrective measure taken"));
}

char *
confianza_trust_describe_incident (ConfianzaIncident *incident,
                                   gboolean           early,
                                   guint              kept_before,
                                   gboolean           cushioned,
                                   gboolean           systemic)
{
  const char *cause = confianza_incident_get_cause (incident);
  gboolean has_cause = !confianza_rules_text_is_blank (cause);
  GString *text = g_string_new (NULL);
  const char *responsibility;
  /* Translators: joins the parts of a sentence describing an incident:
   * "Serious incident (delays), our responsibility, early in the relationship" */
  const char *separator = C_("list separator", ", ");

  switch (confianza_incident_get_severity (incident))
    {
    case CONFIANZA_SEVERITY_MINOR:
      if (has_cause)
        /* Translators: %s is the cause category, "delays" */
        g_string_append_printf (text, _("Minor incident (%s)"), cause);
      else
        g_string_append (text, _("Minor incident"));
      break;

    case CONFIANZA_SEVERITY_CRITICAL:
      if (has_cause)
        /* Translators: %s is the cause category, "delays" */
        g_string_append_printf (text, _("Critical incident (%s)"), cause);
      else
        g_string_append (text, _("Critical incident"));
      break;

    case CONFIANZA_SEVERITY_SERIOUS:
    default:
      if (has_cause)
        /* Translators: %s is the cause category, "delays" */
        g_string_append_printf (text, _("Serious incident (%s)"), cause);
      else
        g_string_append (text, _("Serious incident"));
      break;
    }

  switch (confianza_incident_get_responsibility (incident))
    {
    case CONFIANZA_RESPONSIBILITY_SHARED:
      responsibility = _("shared responsibility");
      break;

    case CONFIANZA_RESPONSIBILITY_EXTERNAL:
      responsibility = _("not our responsibility");
      break;

    case CONFIANZA_RESPONSIBILITY_OURS:
    default:
      responsibility = _("our responsibility");
      break;
    }

  g_string_append (text, separator);
  g_string_append (text, responsibility);

  if (early)
    {
      g_string_append (text, separator);
      g_string_append (text, _("early in the relationship"));
    }

  if (cushioned && kept_before > 0)
    {
      g_string_append (text, separator);
      g_string_append_printf (text,
                              ngettext ("softened by %u promise kept before",
                                        "softened by %u promises kept before",
                                        kept_before),
                              kept_before);
    }

  if (systemic)
    {
      g_string_append (text, separator);
      g_string_append (text, _("the same cause again within a year"));
    }

  return g_string_free (text, FALSE);
}

/* The points, rounded to add up */

static int
compare_residual_up (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  GArray *events = user_data;
  const ConfianzaTrustEvent *ea = &g_array_index (events, ConfianzaTrustEvent, *(const guint *) a);
  const ConfianzaTrustEvent *eb = &g_array_index (events, ConfianzaTrustEvent, *(const guint *) b);
  double ra = ea->points - ea->rounded_points;
  double rb = eb->points - eb->rounded_points;

  return (ra < rb) - (ra > rb);
}

/* Largest remainder: round every event's points, then move the leftover
 * units to the events that lost most to rounding, so that the shown
 * integers add up exactly to score − 50. */
void
confianza_trust_round_points (GArray *events,
                              int     target)
{
  g_autofree guint *order = NULL;
  int sum = 0;
  int diff;

  if (events->len == 0)
    return;

  for (guint i = 0; i < events->len; i++)
    {
      ConfianzaTrustEvent *event = &g_array_index (events, ConfianzaTrustEvent, i);

      event->rounded_points = (int) lround (event->points);
      sum += event->rounded_points;
    }

  diff = target - sum;
  if (diff == 0)
    return;

  order = g_new (guint, events->len);
  for (guint i = 0; i < events->len; i++)
    order[i] = i;
  /* Largest residual (points − rounded) first: they take the +1s; the
   * −1s go to the smallest residuals, from the other end. */
  g_qsort_with_data (order, (int) events->len, sizeof (guint), compare_residual_up, events);

  for (int k = 0; k < ABS (diff); k++)
    {
      guint i = k % events->len;
      ConfianzaTrustEvent *event;

      if (diff > 0)
        event = &g_array_index (events, ConfianzaTrustEvent, order[i]);
      else
        event = &g_array_index (events, ConfianzaTrustEvent, order[events->len - 1 - i]);

      event->rounded_points += diff > 0 ? 1 : -1;
    }
}

/* The order they are shown in */

static int
compare_by_impact (gconstpointer a,
                   gconstpointer b)
{
  const ConfianzaTrustEvent *ea = a;
  const ConfianzaTrustEvent *eb = b;
  double ia = fabs (ea->points);
  double ib = fabs (eb->points);
  int by_date;

  if (ia != ib)
    return ia > ib ? -1 : 1;

  by_date = confianza_date_compare (eb->date, ea->date);
  if (by_date != 0)
    return by_date;

  if (ea->kind != eb->kind)
    return (int) ea->kind - (int) eb->kind;

  return (ea->record_id > eb->record_id) - (ea->record_id < eb->record_id);
}

static int
compare_by_date (gconstpointer a,
                 gconstpointer b)
{
  const ConfianzaTrustEvent *ea = a;
  const ConfianzaTrustEvent *eb = b;
  int by_date;

  /* Most recent first; an event without a date at the end. */
  if (ea->date == NULL || eb->date == NULL)
    return (ea->date == NULL) - (eb->date == NULL);

  by_date = confianza_date_compare (eb->date, ea->date);
  if (by_date != 0)
    return by_date;

  return compare_by_impact (a, b);
}

/* Public API */

ConfianzaTrust *
confianza_trust_copy (const ConfianzaTrust *trust)
{
  ConfianzaTrust *copy;

  g_return_val_if_fail (trust != NULL, NULL);

  copy = g_memdup2 (trust, sizeof *trust);
  copy->events = NULL;

  if (trust->events != NULL)
    {
      copy->events = confianza_trust_events_new (trust->events->len);
      for (guint i = 0; i < trust->events->len; i++)
        {
          ConfianzaTrustEvent event = g_array_index (trust->events, ConfianzaTrustEvent, i);

          if (event.date != NULL)
            g_date_time_ref (event.date);
          event.description = g_strdup (event.description);
          g_array_append_val (copy->events, event);
        }
    }

  return copy;
}

void
confianza_trust_free (ConfianzaTrust *trust)
{
  if (trust == NULL)
    return;

  g_clear_pointer (&trust->events, g_array_unref);
  g_free (trust);
}

void
confianza_trust_sort_events (ConfianzaTrust      *trust,
                             ConfianzaTrustOrder  order)
{
  g_return_if_fail (trust != NULL);

  if (trust->events == NULL)
    return;

  g_array_sort (trust->events,
                order == CONFIANZA_TRUST_ORDER_DATE ? compare_by_date : compare_by_impact);
}

ConfianzaTrustLevel
confianza_trust_level_for_score (int score)
{
  if (score >= LEVEL_HIGH_FROM)
    return CONFIANZA_TRUST_LEVEL_HIGH;
  if (score >= LEVEL_MEDIUM_FROM)
    return CONFIANZA_TRUST_LEVEL_MEDIUM;
  return CONFIANZA_TRUST_LEVEL_LOW;
}

const char *
confianza_trust_level_to_label (ConfianzaTrustLevel level)
{
  switch (level)
    {
    case CONFIANZA_TRUST_LEVEL_LOW:
      return C_("trust level", "Low");
    case CONFIANZA_TRUST_LEVEL_MEDIUM:
      return C_("trust level", "Medium");
    case CONFIANZA_TRUST_LEVEL_HIGH:
      return C_("trust level", "High");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
confianza_trust_level_to_css_class (ConfianzaTrustLevel level)
{
  switch (level)
    {
    case CONFIANZA_TRUST_LEVEL_LOW:
      return "error";
    case CONFIANZA_TRUST_LEVEL_MEDIUM:
      return "warning";
    case CONFIANZA_TRUST_LEVEL_HIGH:
      return "success";
    default:
      g_return_val_if_reached ("");
    }
}
