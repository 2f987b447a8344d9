/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "confianza-date.h"
#include "confianza-enums.h"
#include "confianza-recovery.h"
#include "confianza-rules.h"
#include "confianza-trust.h"

/* Weights
 *
 * The formula is written out in plain words at the top of
 * confianza-trust.h; change both together. The points are on the scale of
 * one kept promise = 1. */

/* Recent events weigh more: half as much every six months, so a year-old
 * event still counts a quarter and a three-year-old one almost nothing. */
#define HALF_LIFE_DAYS 180.0
/* S = 15 points gives tanh (1) ≈ 76 % of the way to the end: about ten
 * recent kept promises reach 80, one recent broken promise drops to 34. */
#define TANH_SCALE 15.0

/* Gneezy & Epley 2014: exceeding a promise earns hardly more than keeping
 * it, breaking it costs several times as much. */
#define POINTS_KEPT          1.0
#define POINTS_OVERDELIVERED 1.25
/* Late is better than broken, and worse the later it is: 2.5 for a day,
 * 0.2 more per day, up to 4.5 (still short of a broken promise). */
#define POINTS_LATE_BASE     2.5
#define POINTS_LATE_PER_DAY  0.2
#define POINTS_LATE_MAX      4.5
#define POINTS_BROKEN        5.0
/* A quick win shown to the client is visible progress (source 000), but
 * smaller than a delivered promise. */
#define POINTS_QUICK_WIN     0.5

/* An incident by severity: a minor one like a late promise, a serious one
 * like a broken promise, a critical one twice that. */
static const double severity_points[] = {
  [CONFIANZA_SEVERITY_MINOR] = 2.0,
  [CONFIANZA_SEVERITY_SERIOUS] = 5.0,
  [CONFIANZA_SEVERITY_CRITICAL] = 10.0,
};

/* The client lives the failure whoever caused it, but forgives more what
 * was not ours. */
static const double responsibility_factor[] = {
  [CONFIANZA_RESPONSIBILITY_OURS] = 1.0,
  [CONFIANZA_RESPONSIBILITY_SHARED] = 0.6,
  [CONFIANZA_RESPONSIBILITY_EXTERNAL] = 0.3,
};

/* Hess, Ganesan & Klein 2003, source 004: early failures cut at once.
 * At the very start an incident weighs 1 + 1 = 2 times; the extra halves
 * every 90 days of relationship (1.79 after a month, 1.06 after a year). */
#define EARLY_EXTRA            1.0
#define EARLY_HALF_LIFE_DAYS   90.0
/* The explanation says "early in the relationship" while the extra is at
 * least half of it, that is during the first 90 days. */
#define EARLY_SHOWN_FROM       0.5
/* Long relationships cushion failures: every promise kept (or
 * overdelivered) builds goodwill worth 1 point, aged like the promise
 * itself. Incidents, oldest first, use up the goodwill built before them,
 * each at most for half its own weight. Because a promise's goodwill is
 * spent once, keeping one can never earn more than 1.25 + 1 points in all,
 * well short of the 5 a broken one costs: the asymmetry holds even when an
 * incident follows. */
#define CUSHION_PER_KEPT       1.0
#define CUSHION_MAX_SHARE      0.5
/* The explanation mentions the cushion when it took off at least 5 %. */
#define CUSHION_SHOWN_FROM     0.05
/* Incidents sorted on the stack before the scratch array goes to the heap. */
#define INCIDENTS_STACK        16

/* Grewal, Roggeveen & Tsiros 2008, source 001: the same cause again within
 * 12 months (confianza_recovery_is_systemic ()) is a structural problem,
 * and weighs half as much again. */
#define SYSTEMIC_FACTOR        1.5

/* Recovery, as fractions of the incident's points. Wirtz & Mattila 2004:
 * fast acknowledgement with an apology matters most. The speed factor is
 * 1 the same day and tends to a floor of 0.25 (a late apology is still
 * worth something), the part above the floor halving every 3 days:
 * 0.85 after a day, 0.26 after 20. */
#define RECOVERY_ACKNOWLEDGE        0.10
#define RECOVERY_APOLOGY            0.20
#define RECOVERY_SPEED_FLOOR        0.25
#define RECOVERY_SPEED_HALF_LIFE    3.0
/* Compensation adds little when the apology was fast and helps in mixed
 * cases: 0.10, plus up to 0.10 more as the apology was slower or missing.
 * (The apology gains more from speed, 0.15, than compensation loses, 0.10,
 * so a faster apology always scores better.) */
#define RECOVERY_COMPENSATION       0.10
#define RECOVERY_COMPENSATION_MIXED 0.10
/* Special follow-up (source 001, step 4): each one done on time counts,
 * one done late half as much, up to three's worth. */
#define RECOVERY_FOLLOW_UP_ON_TIME  0.05
#define RECOVERY_FOLLOW_UP_LATE     0.025
#define RECOVERY_FOLLOW_UP_MAX      0.15
/* The internal step (source 001): the client does not see it, so it is
 * worth less than the steps the client lives. */
#define RECOVERY_ROOT_CAUSE         0.05
#define RECOVERY_CORRECTIVE         0.05
/* Maxham & Netemeyer 2002: a good recovery helps after a first failure,
 * not after a second. */
#define RECOVERY_SYSTEMIC_FACTOR    0.5

/* The coloured level in the client list. */
#define LEVEL_MEDIUM_FROM 40
#define LEVEL_HIGH_FROM   70

/* Safe due date: most deliveries fit, and one day of margin on top. */
#define SAFE_DUE_PERCENTILE  90
#define SAFE_DUE_MARGIN_DAYS 1

/* Kept-promise days held on the stack before the scratch array goes to
 * the heap. */
#define KEPT_DAYS_STACK 64

/* The history never covers more than a century of months, whatever the
 * dates say. */
#define HISTORY_MAX_POINTS 1200

G_DEFINE_BOXED_TYPE (ConfianzaTrust, confianza_trust, confianza_trust_copy, confianza_trust_free)

G_DEFINE_ENUM_TYPE (ConfianzaTrustLevel, confianza_trust_level,
  G_DEFINE_ENUM_VALUE (CONFIANZA_TRUST_LEVEL_LOW, "low"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_TRUST_LEVEL_MEDIUM, "medium"),
  G_DEFINE_ENUM_VALUE (CONFIANZA_TRUST_LEVEL_HIGH, "high"))

typedef struct
{
  const ConfianzaTrustInput *input;
  /* The day the index is computed for. */
  GDateTime                 *as_of;
  int                        as_of_day;
  /* The real today: a promise marked broken before its due date was
   * broken "now", which a history point in the past must not see. */
  GDateTime                 *now;
  int                        now_day;
  /* Days of the promises kept (or overdelivered) as of as_of, sorted
   * before the incidents are weighed. */
  int                       *kept_days;
  guint                      n_kept_days;
  guint                      kept_days_size;
  /* NULL when no explanation is wanted. */
  GArray                    *events;
  double                     sum;
  ConfianzaTrust            *trust;
} Computation;

/* Helpers */

static double
age_weight (int event_day,
            int as_of_day)
{
  return exp2 (-(double) MAX (0, as_of_day - event_day) / HALF_LIFE_DAYS);
}

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

static GArray *
trust_events_new (guint reserved)
{
  GArray *events = g_array_sized_new (FALSE, TRUE, sizeof (ConfianzaTrustEvent), reserved);

  g_array_set_clear_func (events, trust_event_clear);

  return events;
}

/* Takes @description. */
static void
add_event (Computation             *c,
           ConfianzaTrustEventKind  kind,
           gint64                   record_id,
           GDateTime               *date,
           double                   raw,
           char                    *description)
{
  ConfianzaTrustEvent event = { 0 };

  c->sum += raw;

  if (c->events == NULL)
    {
      g_free (description);
      return;
    }

  event.kind = kind;
  event.record_id = record_id;
  event.date = date != NULL ? g_date_time_ref (date) : NULL;
  event.raw = raw;
  event.description = description;
  g_array_append_val (c->events, event);
}

static void
add_kept_day (Computation *c,
              int          day)
{
  if (c->n_kept_days == c->kept_days_size)
    return;

  c->kept_days[c->n_kept_days++] = day;
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  int ia = *(const int *) a;
  int ib = *(const int *) b;

  return (ia > ib) - (ia < ib);
}

static double
late_points (int days_late)
{
  return MIN (POINTS_LATE_MAX, POINTS_LATE_BASE + POINTS_LATE_PER_DAY * days_late);
}

/* Promises */

static void
weigh_promises (Computation *c)
{
  GPtrArray *promises = c->input->promises;

  if (promises == NULL)
    return;

  for (guint i = 0; i < promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (promises, i);
      GDateTime *promised_on = confianza_promise_get_promised_on (promise);
      GDateTime *due_on = confianza_promise_get_due_on (promise);
      GDateTime *delivered_on = confianza_promise_get_delivered_on (promise);
      gboolean broken = confianza_promise_get_broken (promise);
      gboolean has_quantity = confianza_promise_get_has_quantity (promise);
      double promised_quantity = confianza_promise_get_promised_quantity (promise);
      double delivered_quantity = confianza_promise_get_delivered_quantity (promise);
      ConfianzaPromiseResult result;
      GDateTime *date = NULL;
      int delivered_day = 0;
      int day = c->as_of_day;
      double raw;
      char *description = NULL;

      if (promised_on != NULL && confianza_date_day_number (promised_on) > c->as_of_day)
        continue;

      if (delivered_on != NULL)
        {
          delivered_day = confianza_date_day_number (delivered_on);
          if (delivered_day > c->as_of_day)
            delivered_on = NULL;
        }

      /* A promise marked broken without a delivery was broken on its due
       * date, or now if that has not come yet. */
      if (broken && delivered_on == NULL)
        {
          int due_day = due_on != NULL ? confianza_date_day_number (due_on) : G_MAXINT;

          if (due_day <= c->now_day)
            {
              date = due_on;
              day = due_day;
            }
          else
            {
              date = c->now;
              day = c->now_day;
            }

          if (day > c->as_of_day)
            broken = FALSE;
        }

      result = confianza_rules_promise_outcome (due_on, delivered_on, broken,
                                                has_quantity, promised_quantity,
                                                delivered_quantity,
                                                confianza_promise_get_extras (promise),
                                                c->as_of);

      switch (result.outcome)
        {
        case CONFIANZA_OUTCOME_KEPT:
          c->trust->n_kept++;
          add_kept_day (c, delivered_day);
          raw = POINTS_KEPT * age_weight (delivered_day, c->as_of_day);
          if (c->events != NULL)
            description = g_strdup_printf (_("Promise “%s” kept on time"),
                                           promise_title (promise));
          add_event (c, CONFIANZA_TRUST_EVENT_PROMISE, confianza_promise_get_id (promise),
                     delivered_on, raw, description);
          break;

        case CONFIANZA_OUTCOME_OVERDELIVERED:
          c->trust->n_overdelivered++;
          add_kept_day (c, delivered_day);
          raw = POINTS_OVERDELIVERED * age_weight (delivered_day, c->as_of_day);
          if (c->events != NULL)
            {
              if (result.days_early >= 1)
                description = g_strdup_printf (ngettext ("Promise “%s” delivered %d day early",
                                                         "Promise “%s” delivered %d days early",
                                                         result.days_early),
                                               promise_title (promise), result.days_early);
              else
                description = g_strdup_printf (_("Promise “%s” delivered with more than promised"),
                                               promise_title (promise));
            }
          add_event (c, CONFIANZA_TRUST_EVENT_PROMISE, confianza_promise_get_id (promise),
                     delivered_on, raw, description);
          break;

        case CONFIANZA_OUTCOME_LATE:
          c->trust->n_late++;
          raw = -late_points (result.days_late) * age_weight (delivered_day, c->as_of_day);
          if (c->events != NULL)
            description = g_strdup_printf (ngettext ("Promise “%s” delivered %d day late",
                                                     "Promise “%s” delivered %d days late",
                                                     result.days_late),
                                           promise_title (promise), result.days_late);
          add_event (c, CONFIANZA_TRUST_EVENT_PROMISE, confianza_promise_get_id (promise),
                     delivered_on, raw, description);
          break;

        case CONFIANZA_OUTCOME_OVERDUE:
          /* Not delivered yet: it weighs as late for the days so far, as
           * of today, so delivering it late later changes nothing. */
          c->trust->n_overdue++;
          raw = -late_points (result.days_late);
          if (c->events != NULL)
            description = g_strdup_printf (ngettext ("Promise “%s” is %d day overdue",
                                                     "Promise “%s” is %d days overdue",
                                                     result.days_late),
                                           promise_title (promise), result.days_late);
          add_event (c, CONFIANZA_TRUST_EVENT_PROMISE, confianza_promise_get_id (promise),
                     c->as_of, raw, description);
          break;

        case CONFIANZA_OUTCOME_BROKEN:
          c->trust->n_broken++;
          if (delivered_on != NULL)
            {
              date = delivered_on;
              day = delivered_day;
            }
          raw = -POINTS_BROKEN * age_weight (day, c->as_of_day);
          if (c->events != NULL)
            {
              if (broken)
                description = g_strdup_printf (_("Promise “%s” broken"),
                                               promise_title (promise));
              else
                description = g_strdup_printf (_("Promise “%s” delivered short of what was promised"),
                                               promise_title (promise));
            }
          add_event (c, CONFIANZA_TRUST_EVENT_PROMISE, confianza_promise_get_id (promise),
                     date, raw, description);
          break;

        case CONFIANZA_OUTCOME_OPEN:
        default:
          break;
        }
    }
}

/* Quick wins */

static void
weigh_quick_wins (Computation *c)
{
  GPtrArray *quick_wins = c->input->quick_wins;

  if (quick_wins == NULL)
    return;

  for (guint i = 0; i < quick_wins->len; i++)
    {
      ConfianzaQuickWin *quick_win = g_ptr_array_index (quick_wins, i);
      GDateTime *shared_on = confianza_quick_win_get_shared_on (quick_win);
      char *description = NULL;
      int day;

      if (shared_on == NULL)
        continue;

      day = confianza_date_day_number (shared_on);
      if (day > c->as_of_day)
        continue;

      if (c->events != NULL)
        description = g_strdup_printf (_("Quick win “%s” shared with the client"),
                                       quick_win_title (quick_win));
      add_event (c, CONFIANZA_TRUST_EVENT_QUICK_WIN, confianza_quick_win_get_id (quick_win),
                 shared_on, POINTS_QUICK_WIN * age_weight (day, c->as_of_day), description);
    }
}

/* Incidents and their recovery */

static double
recovery_speed (int days)
{
  double fast = exp2 (-(double) MAX (0, days) / RECOVERY_SPEED_HALF_LIFE);

  return RECOVERY_SPEED_FLOOR + (1.0 - RECOVERY_SPEED_FLOOR) * fast;
}

static ConfianzaRecoveryPlan *
find_plan (Computation *c,
           gint64       incident_id)
{
  GPtrArray *plans = c->input->plans;

  if (plans == NULL || incident_id == 0)
    return NULL;

  for (guint i = 0; i < plans->len; i++)
    {
      ConfianzaRecoveryPlan *plan = g_ptr_array_index (plans, i);

      if (confianza_recovery_plan_get_incident_id (plan) == incident_id)
        return plan;
    }

  return NULL;
}

/* @points is what the incident took (positive, aged, after goodwill): each
 * step done by the day of the index gives back its fraction of it. */
static void
weigh_recovery (Computation           *c,
                ConfianzaRecoveryPlan *plan,
                int                    incident_day,
                double                 points,
                gboolean               systemic)
{
  gint64 plan_id = confianza_recovery_plan_get_id (plan);
  ConfianzaRecoveryProgress progress;
  int apology_days = -1;
  guint on_time, late;
  double fast;
  double fraction;
  char *description = NULL;

  progress = confianza_recovery_get_progress (plan, c->input->follow_ups,
                                              c->input->compensations, c->as_of);
  on_time = progress.follow_ups_on_time;
  late = progress.follow_ups_late;

  if (systemic)
    points *= RECOVERY_SYSTEMIC_FACTOR;

  /* Step 1: acknowledge the error. */
  if (progress.acknowledged_on != NULL)
    {
      int days = MAX (0, confianza_date_day_number (progress.acknowledged_on) - incident_day);

      if (c->events != NULL)
        {
          if (days == 0)
            description = g_strdup (_("Acknowledged the error the same day as the incident"));
          else
            description = g_strdup_printf (ngettext ("Acknowledged the error %d day after the incident",
                                                     "Acknowledged the error %d days after the incident",
                                                     days),
                                           days);
        }
      add_event (c, CONFIANZA_TRUST_EVENT_RECOVERY, plan_id, progress.acknowledged_on,
                 points * RECOVERY_ACKNOWLEDGE * recovery_speed (days), description);
    }

  /* Step 2: apologise. */
  if (progress.apologised_on != NULL)
    {
      apology_days = MAX (0, confianza_date_day_number (progress.apologised_on) - incident_day);

      description = NULL;
      if (c->events != NULL)
        {
          if (apology_days == 0)
            description = g_strdup (_("Apologised the same day as the incident"));
          else
            description = g_strdup_printf (ngettext ("Apologised %d day after the incident",
                                                     "Apologised %d days after the incident",
                                                     apology_days),
                                           apology_days);
        }
      add_event (c, CONFIANZA_TRUST_EVENT_RECOVERY, plan_id, progress.apologised_on,
                 points * RECOVERY_APOLOGY * recovery_speed (apology_days), description);
    }

  /* Step 3: compensation, once however many were given; the first one. */
  if (progress.compensation != NULL)
    {
      fast = apology_days >= 0 ? exp2 (-(double) apology_days / RECOVERY_SPEED_HALF_LIFE) : 0.0;
      fraction = RECOVERY_COMPENSATION + RECOVERY_COMPENSATION_MIXED * (1.0 - fast);

      description = NULL;
      if (c->events != NULL)
        /* Translators: %s is the kind of compensation: Refund, Credit for
         * future services… */
        description = g_strdup_printf (_("Compensation given: %s"),
                                       confianza_compensation_kind_to_label (confianza_compensation_get_kind (progress.compensation)));
      add_event (c, CONFIANZA_TRUST_EVENT_RECOVERY, plan_id,
                 confianza_compensation_get_given_on (progress.compensation),
                 points * fraction, description);
    }

  /* Step 4: special follow-up. */
  if (on_time + late > 0)
    {
      fraction = MIN (RECOVERY_FOLLOW_UP_MAX,
                      RECOVERY_FOLLOW_UP_ON_TIME * on_time + RECOVERY_FOLLOW_UP_LATE * late);

      description = NULL;
      if (c->events != NULL)
        {
          if (late == 0)
            description = g_strdup_printf (ngettext ("%u follow-up done on time",
                                                     "%u follow-ups done on time",
                                                     on_time),
                                           on_time);
          else
            /* Translators: both are numbers of follow-ups */
            description = g_strdup_printf (_("Follow-ups done: %u on time, %u late"),
                                           on_time, late);
        }
      add_event (c, CONFIANZA_TRUST_EVENT_RECOVERY, plan_id, progress.last_follow_up_on,
                 points * fraction, description);
    }

  /* Step 6: the internal analysis. */
  if (progress.has_root_cause || progress.has_corrective_measure)
    {
      fraction = (progress.has_root_cause ? RECOVERY_ROOT_CAUSE : 0.0)
                 + (progress.has_corrective_measure ? RECOVERY_CORRECTIVE : 0.0);

      description = NULL;
      if (c->events != NULL)
        {
          if (progress.has_root_cause && progress.has_corrective_measure)
            description = g_strdup (_("Internal analysis: root cause found and corrective measure taken"));
          else if (progress.has_root_cause)
            description = g_strdup (_("Internal analysis: root cause found"));
          else
            description = g_strdup (_("Internal analysis: corrective measure taken"));
        }
      add_event (c, CONFIANZA_TRUST_EVENT_RECOVERY, plan_id,
                 confianza_recovery_plan_get_started_on (plan), points * fraction, description);
    }
}

static char *
describe_incident (ConfianzaIncident *incident,
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

/* The start of the relationship: the client's, or the earliest record. */
static int
relationship_start (Computation *c)
{
  const ConfianzaTrustInput *input = c->input;
  GDateTime *since = input->client != NULL ? confianza_client_get_since (input->client) : NULL;
  int start = G_MAXINT;

  if (since != NULL)
    return confianza_date_day_number (since);

  if (input->promises != NULL)
    {
      for (guint i = 0; i < input->promises->len; i++)
        {
          ConfianzaPromise *promise = g_ptr_array_index (input->promises, i);
          GDateTime *date = confianza_promise_get_promised_on (promise);

          if (date == NULL)
            date = confianza_promise_get_due_on (promise);
          if (date != NULL)
            start = MIN (start, confianza_date_day_number (date));
        }
    }

  if (input->quick_wins != NULL)
    {
      for (guint i = 0; i < input->quick_wins->len; i++)
        {
          GDateTime *date = confianza_quick_win_get_achieved_on (g_ptr_array_index (input->quick_wins, i));

          if (date != NULL)
            start = MIN (start, confianza_date_day_number (date));
        }
    }

  if (input->incidents != NULL)
    {
      for (guint i = 0; i < input->incidents->len; i++)
        {
          GDateTime *date = confianza_incident_get_happened_on (g_ptr_array_index (input->incidents, i));

          if (date != NULL)
            start = MIN (start, confianza_date_day_number (date));
        }
    }

  return start == G_MAXINT ? c->as_of_day : start;
}

typedef struct
{
  int   day;
  guint index;
} IncidentDay;

static int
compare_incident_days (gconstpointer a,
                       gconstpointer b)
{
  const IncidentDay *ia = a;
  const IncidentDay *ib = b;

  if (ia->day != ib->day)
    return (ia->day > ib->day) - (ia->day < ib->day);

  return (ia->index > ib->index) - (ia->index < ib->index);
}

static void
weigh_incidents (Computation *c)
{
  GPtrArray *incidents = c->input->incidents;
  IncidentDay stack_order[INCIDENTS_STACK];
  g_autofree IncidentDay *heap_order = NULL;
  IncidentDay *order;
  guint n = 0;
  guint kept_before = 0;
  double goodwill = 0.0;
  int start;

  if (incidents == NULL || incidents->len == 0)
    return;

  order = incidents->len <= INCIDENTS_STACK
          ? stack_order
          : (heap_order = g_new (IncidentDay, incidents->len));

  for (guint i = 0; i < incidents->len; i++)
    {
      GDateTime *happened_on = confianza_incident_get_happened_on (g_ptr_array_index (incidents, i));
      int day;

      if (happened_on == NULL)
        continue;

      day = confianza_date_day_number (happened_on);
      if (day > c->as_of_day)
        continue;

      order[n].day = day;
      order[n].index = i;
      n++;
    }

  /* Oldest first: the goodwill goes to the incidents in the order they
   * happened. */
  qsort (order, n, sizeof (IncidentDay), compare_incident_days);
  qsort (c->kept_days, c->n_kept_days, sizeof (int), compare_ints);
  start = relationship_start (c);

  for (guint k = 0; k < n; k++)
    {
      guint i = order[k].index;
      int day = order[k].day;
      ConfianzaIncident *incident = g_ptr_array_index (incidents, i);
      ConfianzaSeverity severity = confianza_incident_get_severity (incident);
      ConfianzaResponsibility responsibility = confianza_incident_get_responsibility (incident);
      ConfianzaRecoveryPlan *plan;
      double early_extra, weighed, relief;
      gboolean repeat;
      char *description = NULL;

      if ((guint) severity >= G_N_ELEMENTS (severity_points))
        severity = CONFIANZA_SEVERITY_SERIOUS;
      if ((guint) responsibility >= G_N_ELEMENTS (responsibility_factor))
        responsibility = CONFIANZA_RESPONSIBILITY_OURS;

      /* Goodwill from the promises kept before this incident's day. */
      while (kept_before < c->n_kept_days && c->kept_days[kept_before] < day)
        goodwill += CUSHION_PER_KEPT * age_weight (c->kept_days[kept_before++], c->as_of_day);

      early_extra = EARLY_EXTRA * exp2 (-(double) MAX (0, day - start) / EARLY_HALF_LIFE_DAYS);
      repeat = confianza_recovery_is_systemic (incident, incidents, FALSE);
      c->trust->systemic |= repeat;

      weighed = severity_points[severity]
                * responsibility_factor[responsibility]
                * (1.0 + early_extra)
                * (repeat ? SYSTEMIC_FACTOR : 1.0)
                * age_weight (day, c->as_of_day);
      relief = MIN (goodwill, CUSHION_MAX_SHARE * weighed);
      goodwill -= relief;
      weighed -= relief;

      if (c->events != NULL)
        description = describe_incident (incident,
                                         early_extra >= EARLY_SHOWN_FROM * EARLY_EXTRA,
                                         kept_before,
                                         relief >= CUSHION_SHOWN_FROM * (weighed + relief),
                                         repeat);
      add_event (c, CONFIANZA_TRUST_EVENT_INCIDENT, confianza_incident_get_id (incident),
                 confianza_incident_get_happened_on (incident), -weighed, description);

      plan = find_plan (c, confianza_incident_get_id (incident));
      if (plan != NULL)
        weigh_recovery (c, plan, day, weighed, repeat);
    }
}

/* The bounded mapping: 50 at S = 0, always within [0, 100]. */
static double
map_sum (double sum)
{
  double value;

  if (isnan (sum))
    return CONFIANZA_TRUST_NEUTRAL;

  value = CONFIANZA_TRUST_NEUTRAL + CONFIANZA_TRUST_NEUTRAL * tanh (sum / TANH_SCALE);

  return CLAMP (value, 0.0, 100.0);
}

static int
round_score (double value)
{
  return (int) floor (value + 0.5);
}

static void
compute (const ConfianzaTrustInput *input,
         GDateTime                 *as_of,
         GDateTime                 *now,
         ConfianzaTrust            *trust,
         gboolean                   explain)
{
  int stack_days[KEPT_DAYS_STACK];
  g_autofree int *heap_days = NULL;
  Computation c = { 0 };
  guint n_promises = input->promises != NULL ? input->promises->len : 0;

  c.input = input;
  c.as_of = as_of;
  c.as_of_day = confianza_date_day_number (as_of);
  c.now = now;
  c.now_day = confianza_date_day_number (now);
  c.trust = trust;

  /* Kept days only matter to cushion incidents. */
  if (input->incidents != NULL && input->incidents->len > 0)
    {
      if (n_promises <= KEPT_DAYS_STACK)
        c.kept_days = stack_days;
      else
        c.kept_days = heap_days = g_new (int, n_promises);
      c.kept_days_size = n_promises;
    }

  if (explain)
    {
      guint reserved = n_promises;

      if (input->quick_wins != NULL)
        reserved += input->quick_wins->len;
      if (input->incidents != NULL)
        reserved += input->incidents->len;
      c.events = trust_events_new (reserved);
    }

  weigh_promises (&c);
  weigh_quick_wins (&c);
  weigh_incidents (&c);

  trust->raw_sum = c.sum;
  trust->value = map_sum (c.sum);
  trust->score = round_score (trust->value);
  trust->level = confianza_trust_level_for_score (trust->score);
  trust->events = c.events;
}

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
static void
round_points (GArray *events,
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

/* Public API: the trust index */

/**
 * confianza_trust_score:
 *
 * Returns: the index, 0–100 (not rounded), without the explanation.
 */
double
confianza_trust_score (const ConfianzaTrustInput *input)
{
  g_autoptr(GDateTime) today = NULL;
  ConfianzaTrust trust = { 0 };

  g_return_val_if_fail (input != NULL, CONFIANZA_TRUST_NEUTRAL);

  if (input->today == NULL)
    today = confianza_date_today ();

  compute (input,
           input->today != NULL ? input->today : today,
           input->today != NULL ? input->today : today,
           &trust, FALSE);

  return trust.value;
}

/**
 * confianza_trust_compute:
 *
 * Returns: (transfer full): the index with its explanation, events sorted
 * by impact.
 */
ConfianzaTrust *
confianza_trust_compute (const ConfianzaTrustInput *input)
{
  g_autoptr(GDateTime) today = NULL;
  ConfianzaTrust *trust;
  double ratio;

  g_return_val_if_fail (input != NULL, NULL);

  if (input->today == NULL)
    today = confianza_date_today ();

  trust = g_new0 (ConfianzaTrust, 1);
  compute (input,
           input->today != NULL ? input->today : today,
           input->today != NULL ? input->today : today,
           trust, TRUE);

  /* Share value − 50 among the events in proportion to their raw points.
   * Near S = 0 the ratio is the slope of the mapping there. */
  if (fabs (trust->raw_sum) > 1e-9)
    ratio = (trust->value - CONFIANZA_TRUST_NEUTRAL) / trust->raw_sum;
  else
    ratio = CONFIANZA_TRUST_NEUTRAL / TANH_SCALE;

  for (guint i = 0; i < trust->events->len; i++)
    {
      ConfianzaTrustEvent *event = &g_array_index (trust->events, ConfianzaTrustEvent, i);

      event->points = event->raw * ratio;
    }

  round_points (trust->events, trust->score - (int) CONFIANZA_TRUST_NEUTRAL);
  confianza_trust_sort_events (trust, CONFIANZA_TRUST_ORDER_IMPACT);

  return trust;
}

ConfianzaTrust *
confianza_trust_copy (const ConfianzaTrust *trust)
{
  ConfianzaTrust *copy;

  g_return_val_if_fail (trust != NULL, NULL);

  copy = g_memdup2 (trust, sizeof *trust);
  copy->events = NULL;

  if (trust->events != NULL)
    {
      copy->events = trust_events_new (trust->events->len);
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

static void
trust_point_clear (gpointer data)
{
  ConfianzaTrustPoint *point = data;

  g_clear_pointer (&point->date, g_date_time_unref);
}

static void
append_point (GArray                    *points,
              const ConfianzaTrustInput *input,
              GDateTime                 *date,
              GDateTime                 *now)
{
  ConfianzaTrust trust = { 0 };
  ConfianzaTrustPoint point;

  compute (input, date, now, &trust, FALSE);
  point.date = g_date_time_ref (date);
  point.value = trust.value;
  g_array_append_val (points, point);
}

/**
 * confianza_trust_history:
 *
 * Returns: (transfer full) (element-type ConfianzaTrustPoint): the index
 * at the end of each month, oldest first; the last point is @to.
 */
GArray *
confianza_trust_history (const ConfianzaTrustInput *input,
                         GDateTime                 *from,
                         GDateTime                 *to)
{
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) start = NULL;
  GDateTime *now;
  GArray *points;
  int to_day;
  int year, month;

  g_return_val_if_fail (input != NULL, NULL);

  points = g_array_new (FALSE, TRUE, sizeof (ConfianzaTrustPoint));
  g_array_set_clear_func (points, trust_point_clear);

  if (input->today == NULL)
    today = confianza_date_today ();
  now = input->today != NULL ? input->today : today;
  if (to == NULL)
    to = now;
  to_day = confianza_date_day_number (to);

  if (from == NULL)
    {
      Computation c = { 0 };
      int start_day;

      c.input = input;
      c.as_of_day = to_day;
      start_day = relationship_start (&c);
      /* Back from the day number to a date: days since 1970-01-01. */
      start = g_date_time_new_from_unix_utc ((gint64) start_day * 86400);
      from = start;
    }

  if (from == NULL || confianza_date_day_number (from) > to_day)
    {
      append_point (points, input, to, now);
      return points;
    }

  g_date_time_get_ymd (from, &year, &month, NULL);

  /* Dates far apart: keep the last century only. */
  {
    int to_year, to_month;

    g_date_time_get_ymd (to, &to_year, &to_month, NULL);
    if ((to_year - year) * 12 + (to_month - month) >= HISTORY_MAX_POINTS)
      {
        int first = to_year * 12 + (to_month - 1) - (HISTORY_MAX_POINTS - 1);

        year = first / 12;
        month = first % 12 + 1;
      }
  }

  while (TRUE)
    {
      g_autoptr(GDateTime) month_end = NULL;

      month_end = confianza_date_new (year, month,
                                      g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      if (month_end == NULL || confianza_date_day_number (month_end) >= to_day)
        {
          append_point (points, input, to, now);
          break;
        }

      append_point (points, input, month_end, now);

      if (++month > 12)
        {
          month = 1;
          year++;
        }
    }

  return points;
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

gboolean
confianza_trust_same_category (const char *a,
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

/* Public API: the buffer */

ConfianzaBuffer
confianza_buffer_compute (GPtrArray *promises)
{
  ConfianzaBuffer buffer = { 0 };
  g_autofree int *days = NULL;
  double sum_days = 0.0;
  double sum_ratio = 0.0;
  guint n_early = 0;

  if (promises == NULL || promises->len == 0)
    return buffer;

  days = g_new (int, promises->len);

  for (guint i = 0; i < promises->len; i++)
    {
      ConfianzaPromise *promise = g_ptr_array_index (promises, i);
      GDateTime *delivered_on = confianza_promise_get_delivered_on (promise);
      GDateTime *due_on = confianza_promise_get_due_on (promise);
      double promised = confianza_promise_get_promised_quantity (promise);
      double delivered = confianza_promise_get_delivered_quantity (promise);
      int early;

      if (delivered_on == NULL || due_on == NULL)
        continue;

      early = confianza_date_day_number (due_on) - confianza_date_day_number (delivered_on);
      days[buffer.n_delivered++] = early;
      sum_days += early;
      if (early >= 1)
        n_early++;

      if (confianza_promise_get_has_quantity (promise)
          && isfinite (promised) && isfinite (delivered) && promised > 0)
        {
          buffer.n_with_quantity++;
          sum_ratio += delivered / promised;
        }
    }

  if (buffer.n_delivered > 0)
    {
      guint n = buffer.n_delivered;

      qsort (days, n, sizeof (int), compare_ints);
      buffer.mean_days_early = sum_days / n;
      buffer.median_days_early = n % 2 == 1
                                 ? days[n / 2]
                                 : (days[n / 2 - 1] + (double) days[n / 2]) / 2.0;
      buffer.share_early = (double) n_early / n;
    }

  if (buffer.n_with_quantity > 0)
    buffer.mean_quantity_ratio = sum_ratio / buffer.n_with_quantity;

  return buffer;
}

/* Public API: the safe due date */

/**
 * confianza_safe_due_suggest:
 *
 * Returns: (transfer full): the suggestion, or why there is none.
 */
ConfianzaSafeDue *
confianza_safe_due_suggest (GPtrArray  *promises,
                            const char *kind,
                            GDateTime  *promised_on)
{
  g_autoptr(GDateTime) today = NULL;
  g_autofree int *durations = NULL;
  ConfianzaSafeDue *safe_due = g_new0 (ConfianzaSafeDue, 1);
  gboolean any_kind = confianza_rules_text_is_blank (kind);
  guint n = 0;

  if (promised_on == NULL)
    promised_on = today = confianza_date_today ();

  if (promises != NULL && promises->len > 0)
    {
      durations = g_new (int, promises->len);

      for (guint i = 0; i < promises->len; i++)
        {
          ConfianzaPromise *promise = g_ptr_array_index (promises, i);
          GDateTime *from = confianza_promise_get_promised_on (promise);
          GDateTime *delivered_on = confianza_promise_get_delivered_on (promise);
          int took;

          if (from == NULL || delivered_on == NULL)
            continue;
          if (!any_kind && !confianza_trust_same_category (kind, confianza_promise_get_kind (promise)))
            continue;

          took = confianza_date_day_number (delivered_on) - confianza_date_day_number (from);
          /* Delivered before it was promised: a typing mistake, not data. */
          if (took < 0)
            continue;

          durations[n++] = took;
        }
    }

  safe_due->n_history = n;

  if (n == 0)
    {
      safe_due->sentence = g_strdup (any_kind
                                     ? _("You have no deliveries yet, so there is nothing to go on.")
                                     : _("You have no deliveries of this kind yet, so there is nothing to go on."));
      return safe_due;
    }

  if (n < CONFIANZA_SAFE_DUE_MIN_HISTORY)
    {
      if (any_kind)
        safe_due->sentence = g_strdup_printf (ngettext ("You have only %u delivery so far: too few to go on.",
                                                        "You have only %u deliveries so far: too few to go on.",
                                                        n),
                                              n);
      else
        safe_due->sentence = g_strdup_printf (ngettext ("You have only %u delivery of this kind so far: too few to go on.",
                                                        "You have only %u deliveries of this kind so far: too few to go on.",
                                                        n),
                                              n);
      return safe_due;
    }

  qsort (durations, n, sizeof (int), compare_ints);

  {
    /* Nearest rank: the smallest value with at least 90 % at or below. */
    guint rank = (SAFE_DUE_PERCENTILE * n + 99) / 100;
    g_autofree char *took = NULL;
    g_autofree char *promise = NULL;
    g_autofree char *date = NULL;

    rank = CLAMP (rank, 1, n);
    safe_due->percentile_days = durations[rank - 1];
    safe_due->days = safe_due->percentile_days + SAFE_DUE_MARGIN_DAYS;
    safe_due->due_on = confianza_date_add_days (promised_on, safe_due->days);
    safe_due->has_suggestion = safe_due->due_on != NULL;

    if (any_kind)
      took = g_strdup_printf (ngettext ("Your deliveries took up to %d day.",
                                        "Your deliveries took up to %d days.",
                                        safe_due->percentile_days),
                              safe_due->percentile_days);
    else
      took = g_strdup_printf (ngettext ("Your deliveries of this kind took up to %d day.",
                                        "Your deliveries of this kind took up to %d days.",
                                        safe_due->percentile_days),
                              safe_due->percentile_days);

    if (safe_due->due_on != NULL)
      {
        date = confianza_date_format (safe_due->due_on);
        /* Translators: the second %s is a date */
        promise = g_strdup_printf (ngettext ("Promise %d day, by %s.",
                                             "Promise %d days, by %s.",
                                             safe_due->days),
                                   safe_due->days, date);
      }
    else
      {
        promise = g_strdup_printf (ngettext ("Promise %d day.",
                                             "Promise %d days.",
                                             safe_due->days),
                                   safe_due->days);
      }

    safe_due->sentence = g_strconcat (took, " ", promise, NULL);
  }

  return safe_due;
}

void
confianza_safe_due_free (ConfianzaSafeDue *safe_due)
{
  if (safe_due == NULL)
    return;

  g_clear_pointer (&safe_due->due_on, g_date_time_unref);
  g_free (safe_due->sentence);
  g_free (safe_due);
}

void
confianza_trust_input_clear (ConfianzaTrustInput *input)
{
  if (input == NULL)
    return;

  g_clear_object (&input->client);
  g_clear_pointer (&input->promises, g_ptr_array_unref);
  g_clear_pointer (&input->quick_wins, g_ptr_array_unref);
  g_clear_pointer (&input->incidents, g_ptr_array_unref);
  g_clear_pointer (&input->plans, g_ptr_array_unref);
  g_clear_pointer (&input->follow_ups, g_ptr_array_unref);
  g_clear_pointer (&input->compensations, g_ptr_array_unref);
  g_clear_pointer (&input->today, g_date_time_unref);
}
