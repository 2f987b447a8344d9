/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "confianza-model"

/*
 * The trust index: how much each promise, quick win, incident and step of
 * a recovery weighs, added up and mapped to 0–100. The explanation in
 * words and the levels are in confianza-trust-explain.c, the index month
 * by month in confianza-trust-history.c.
 */

#include "config.h"

#include <math.h>

#include "confianza-date.h"
#include "confianza-enums.h"
#include "confianza-rules.h"
#include "confianza-trust-internal.h"

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

/* Kept-promise days held on the stack before the scratch array goes to
 * the heap. */
#define KEPT_DAYS_STACK 64

G_DEFINE_BOXED_TYPE (ConfianzaTrust, confianza_trust, confianza_trust_copy, confianza_trust_free)

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

/* The description of an event, built only when the explanation is wanted. */
#define EXPLAIN(c, description) ((c)->events != NULL ? (description) : NULL)

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

static double
late_points (int days_late)
{
  return MIN (POINTS_LATE_MAX, POINTS_LATE_BASE + POINTS_LATE_PER_DAY * days_late);
}

/* Promises */

/* A renegotiation of @promise_id told in time, on or before @as_of_day */
static gboolean
renegotiated_in_time (Computation *c,
                      gint64       promise_id)
{
  GPtrArray *steps = c->input->steps;

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      ConfianzaPromiseStep *step = g_ptr_array_index (steps, i);

      if (confianza_promise_step_get_promise_id (step) == promise_id &&
          confianza_promise_step_is_in_time (step) &&
          confianza_date_day_number (confianza_promise_step_get_told_on (step)) <= c->as_of_day)
        return TRUE;
    }
  return FALSE;
}

static ConfianzaPromise *
find_promise (Computation *c,
              gint64       promise_id)
{
  GPtrArray *promises = c->input->promises;

  for (guint i = 0; promises != NULL && i < promises->len; i++)
    if (confianza_promise_get_id (g_ptr_array_index (promises, i)) == promise_id)
      return g_ptr_array_index (promises, i);
  return NULL;
}

/* Each renegotiation told in time costs a little on the day the client
 * was told (CONFIANZA_LEDGER_RENEGOTIATION_POINTS); a late one costs
 * nothing by itself: its promise stays late against its date. */
static void
weigh_renegotiations (Computation *c)
{
  GPtrArray *steps = c->input->steps;

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    {
      ConfianzaPromiseStep *step = g_ptr_array_index (steps, i);
      GDateTime *told_on = confianza_promise_step_get_told_on (step);
      ConfianzaPromise *promise;
      int day;

      if (!confianza_promise_step_is_in_time (step))
        continue;
      day = confianza_date_day_number (told_on);
      if (day > c->as_of_day)
        continue;
      promise = find_promise (c, confianza_promise_step_get_promise_id (step));
      if (promise == NULL)
        continue;

      add_event (c, CONFIANZA_TRUST_EVENT_PROMISE, confianza_promise_get_id (promise), told_on,
                 -CONFIANZA_LEDGER_RENEGOTIATION_POINTS * age_weight (day, c->as_of_day),
                 EXPLAIN (c, confianza_trust_describe_renegotiation (promise, step)));
    }
}

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
          date = delivered_on;
          break;

        case CONFIANZA_OUTCOME_OVERDELIVERED:
          c->trust->n_overdelivered++;
          add_kept_day (c, delivered_day);
          raw = POINTS_OVERDELIVERED * age_weight (delivered_day, c->as_of_day);
          date = delivered_on;
          break;

        case CONFIANZA_OUTCOME_LATE:
          c->trust->n_late++;
          raw = -late_points (result.days_late) * age_weight (delivered_day, c->as_of_day);
          date = delivered_on;
          break;

        case CONFIANZA_OUTCOME_OVERDUE:
          /* Not delivered yet: it weighs as late for the days so far, as
           * of today, so delivering it late later changes nothing. */
          c->trust->n_overdue++;
          raw = -late_points (result.days_late);
          date = c->as_of;
          break;

        case CONFIANZA_OUTCOME_BROKEN:
          c->trust->n_broken++;
          if (delivered_on != NULL)
            {
              date = delivered_on;
              day = delivered_day;
            }
          raw = -POINTS_BROKEN * age_weight (day, c->as_of_day);
          break;

        case CONFIANZA_OUTCOME_OPEN:
        default:
          continue;
        }

      add_event (c, CONFIANZA_TRUST_EVENT_PROMISE, confianza_promise_get_id (promise), date, raw,
                 EXPLAIN (c, confianza_trust_describe_promise (promise, &result, broken,
                                                               c->input->steps != NULL &&
                                                               renegotiated_in_time (c, confianza_promise_get_id (promise)))));
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
      int day;

      if (shared_on == NULL)
        continue;

      day = confianza_date_day_number (shared_on);
      if (day > c->as_of_day)
        continue;

      add_event (c, CONFIANZA_TRUST_EVENT_QUICK_WIN, confianza_quick_win_get_id (quick_win),
                 shared_on, POINTS_QUICK_WIN * age_weight (day, c->as_of_day),
                 EXPLAIN (c, confianza_trust_describe_quick_win (quick_win)));
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
  guint on_time, late;
  int apology_days = -1;
  double fraction;

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

      add_event (c, CONFIANZA_TRUST_EVENT_RECOVERY, plan_id, progress.acknowledged_on,
                 points * RECOVERY_ACKNOWLEDGE * recovery_speed (days),
                 EXPLAIN (c, confianza_trust_describe_acknowledgement (days)));
    }

  /* Step 2: apologise. */
  if (progress.apologised_on != NULL)
    {
      apology_days = MAX (0, confianza_date_day_number (progress.apologised_on) - incident_day);

      add_event (c, CONFIANZA_TRUST_EVENT_RECOVERY, plan_id, progress.apologised_on,
                 points * RECOVERY_APOLOGY * recovery_speed (apology_days),
                 EXPLAIN (c, confianza_trust_describe_apology (apology_days)));
    }

  /* Step 3: compensation, once however many were given; the first one. */
  if (progress.compensation != NULL)
    {
      double fast = apology_days >= 0 ? exp2 (-(double) apology_days / RECOVERY_SPEED_HALF_LIFE) : 0.0;

      fraction = RECOVERY_COMPENSATION + RECOVERY_COMPENSATION_MIXED * (1.0 - fast);
      add_event (c, CONFIANZA_TRUST_EVENT_RECOVERY, plan_id,
                 confianza_compensation_get_given_on (progress.compensation), points * fraction,
                 EXPLAIN (c, confianza_trust_describe_compensation (progress.compensation)));
    }

  /* Step 4: special follow-up. */
  if (on_time + late > 0)
    {
      fraction = MIN (RECOVERY_FOLLOW_UP_MAX,
                      RECOVERY_FOLLOW_UP_ON_TIME * on_time + RECOVERY_FOLLOW_UP_LATE * late);
      add_event (c, CONFIANZA_TRUST_EVENT_RECOVERY, plan_id, progress.last_follow_up_on,
                 points * fraction, EXPLAIN (c, confianza_trust_describe_follow_ups (on_time, late)));
    }

  /* Step 6: the internal analysis. */
  if (progress.has_root_cause || progress.has_corrective_measure)
    {
      fraction = (progress.has_root_cause ? RECOVERY_ROOT_CAUSE : 0.0)
                 + (progress.has_corrective_measure ? RECOVERY_CORRECTIVE : 0.0);
      add_event (c, CONFIANZA_TRUST_EVENT_RECOVERY, plan_id,
                 confianza_recovery_plan_get_started_on (plan), points * fraction,
                 EXPLAIN (c, confianza_trust_describe_analysis (progress.has_root_cause,
                                                                progress.has_corrective_measure)));
    }
}

int
confianza_trust_relationship_start (const ConfianzaTrustInput *input,
                                    int                        fallback_day)
{
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

  return start == G_MAXINT ? fallback_day : start;
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
  qsort (c->kept_days, c->n_kept_days, sizeof (int), confianza_trust_compare_days);
  start = confianza_trust_relationship_start (c->input, c->as_of_day);

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

      add_event (c, CONFIANZA_TRUST_EVENT_INCIDENT, confianza_incident_get_id (incident),
                 confianza_incident_get_happened_on (incident), -weighed,
                 EXPLAIN (c, confianza_trust_describe_incident (incident,
                                                                early_extra >= EARLY_SHOWN_FROM * EARLY_EXTRA,
                                                                kept_before,
                                                                relief >= CUSHION_SHOWN_FROM * (weighed + relief),
                                                                repeat)));

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

void
confianza_trust_compute_as_of (const ConfianzaTrustInput *input,
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
      if (input->steps != NULL)
        reserved += input->steps->len;
      c.events = confianza_trust_events_new (reserved);
    }

  weigh_promises (&c);
  weigh_renegotiations (&c);
  weigh_quick_wins (&c);
  weigh_incidents (&c);

  trust->raw_sum = c.sum;
  trust->value = map_sum (c.sum);
  trust->score = round_score (trust->value);
  trust->level = confianza_trust_level_for_score (trust->score);
  trust->events = c.events;
}

/* Shared with the other trust files (confianza-trust-internal.h) */

int
confianza_trust_compare_days (gconstpointer a,
                              gconstpointer b)
{
  int da = *(const int *) a;
  int db = *(const int *) b;

  return (da > db) - (da < db);
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

  confianza_trust_compute_as_of (input,
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
  confianza_trust_compute_as_of (input,
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

  confianza_trust_round_points (trust->events, trust->score - (int) CONFIANZA_TRUST_NEUTRAL);
  confianza_trust_sort_events (trust, CONFIANZA_TRUST_ORDER_IMPACT);

  return trust;
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
  g_clear_pointer (&input->steps, g_ptr_array_unref);
}
